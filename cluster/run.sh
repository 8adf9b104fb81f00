#!/usr/bin/env bash
# A local cluster: PostgreSQL, Redis, two app instances and nginx in front (sticky sessions, WebSockets).
#   cluster/run.sh start   installs postgresql, redis-server and nginx with apt when missing (as root), publishes the
#                          app, starts everything and prints the URL
#   cluster/run.sh stop    stops everything (the data stays in the state directory for the next start)
#   cluster/run.sh clean   stops everything and removes the state directory
# Settings (environment): BM_CLUSTER_DIR (/tmp/bm-cluster), BM_PROXY_PORT (8088), BM_APP_PORTS ("5301 5302"),
# BM_PG_PORT (55433), BM_REDIS_PORT (56380), BM_SEED_DEMO_USERS (true: alice and bob, passwords printed);
# BM_APP_DLL, BM_CONTENT_ROOT and BM_ENVIRONMENT run a given build instead of publishing one (the tests do).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/engines.sh"

state=${BM_CLUSTER_DIR:-/tmp/bm-cluster}
proxy_port=${BM_PROXY_PORT:-8088}
read -r -a app_ports <<< "${BM_APP_PORTS:-5301 5302}"
pg_port=${BM_PG_PORT:-55433}
redis_port=${BM_REDIS_PORT:-56380}

fail() { echo "$1" >&2; exit 1; }

nginx_bin() { command -v nginx || echo /usr/sbin/nginx; }

start_app() { # index port
    local i=$1 port=$2 dll=${BM_APP_DLL:-$state/app/BlazorMessenger.dll}
    mkdir -p "$state/instance$i"
    ASPNETCORE_ENVIRONMENT=${BM_ENVIRONMENT:-Production} \
    Messenger__Database__Provider=Postgres \
    ConnectionStrings__Messenger="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=messenger" \
    Messenger__Redis="127.0.0.1:$redis_port" \
    Messenger__DataDirectory="$state/instance$i" \
    Messenger__MediaDirectory="$state/media" \
    Messenger__SeedDemoUsers=$([ "$i" = 1 ] && echo "${BM_SEED_DEMO_USERS:-true}" || echo false) \
        nohup dotnet "$dll" --urls "http://127.0.0.1:$port" --contentRoot "${BM_CONTENT_ROOT:-$state/app}" \
        > "$state/instance$i.log" 2>&1 &
    echo $! > "$state/instance$i.pid"
    local tries
    for tries in $(seq 120); do
        curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && return 0
        kill -0 "$(cat "$state/instance$i.pid")" 2>/dev/null || break
        sleep 0.5
    done
    tail -20 "$state/instance$i.log" >&2
    fail "Instance $i did not become ready on port $port (log: $state/instance$i.log)."
}

start() {
    engines_install postgresql redis-server nginx || exit 1
    mkdir -p "$state/nginx-temp" "$state/media"
    chmod 755 "$state"
    # Whatever started is stopped again if a later step fails.
    trap 'stop >/dev/null' EXIT
    postgres_start "$state/postgres" "$pg_port" || fail "PostgreSQL did not start."
    redis_start "$state/redis" "$redis_port" || fail "Redis did not start."
    if [ -z "${BM_APP_DLL:-}" ]; then
        echo "Publishing the app (Release)..."
        dotnet publish "$root/BlazorMessenger/BlazorMessenger.csproj" -c Release -o "$state/app" --nologo -v q >"$state/publish.log" 2>&1 \
            || { tail -20 "$state/publish.log" >&2; fail "dotnet publish failed."; }
    fi
    # The first instance creates and migrates the database and the demo users; the second finds them ready.
    local i upstreams=""
    for i in "${!app_ports[@]}"; do
        start_app $((i + 1)) "${app_ports[$i]}"
        upstreams+="        server 127.0.0.1:${app_ports[$i]} max_fails=1 fail_timeout=10s;"$'\n'
    done
    sed -e "s|@STATE@|$state|g" -e "s|@PROXY_PORT@|$proxy_port|g" "$root/cluster/nginx.conf.template" \
        | awk -v u="$upstreams" '{ if ($0 == "@UPSTREAMS@") printf "%s", u; else print }' > "$state/nginx.conf"
    "$(nginx_bin)" -p "$state" -c "$state/nginx.conf" || fail "nginx did not start (see $state/nginx-error.log)."
    trap - EXIT
    grep -h "Demo user created" "$state"/instance1.log 2>/dev/null | sed 's/^/  /'
    echo "BlazorMessenger cluster: http://127.0.0.1:$proxy_port (instances on ports ${app_ports[*]}; state in $state)"
}

stop() {
    [ -f "$state/nginx.pid" ] && "$(nginx_bin)" -p "$state" -c "$state/nginx.conf" -s quit 2>/dev/null
    local pidfile
    for pidfile in "$state"/instance*.pid; do
        [ -f "$pidfile" ] || continue
        kill "$(cat "$pidfile")" 2>/dev/null
        rm -f "$pidfile"
    done
    [ -f "$state/redis/redis.pid" ] && kill "$(cat "$state/redis/redis.pid")" 2>/dev/null
    [ -f "$state/postgres/data/postmaster.pid" ] && as_postgres "$(pg_bindir)/pg_ctl" -D "$state/postgres/data" -m fast -w stop >/dev/null
    echo "Stopped."
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    clean) stop; rm -rf "$state" ;;
    *) echo "Usage: cluster/run.sh start|stop|clean" >&2; exit 2 ;;
esac
