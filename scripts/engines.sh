# Throwaway PostgreSQL and Redis servers, each in a directory of its own; sourced by test.sh and cluster/run.sh.
# engines_install installs what is missing with apt (as root) or says how; the start functions print nothing on
# success and return non-zero with the server's log on failure.

engines_install() { # any of: chromium npm postgresql redis-server nginx curl
    local missing=() name
    for name in "$@"; do
        engine_present "$name" || missing+=($(engine_packages "$name"))
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing ${missing[*]} from apt..."
        DEBIAN_FRONTEND=noninteractive apt-get update -qq \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
            && return 0
        echo "Installing ${missing[*]} with apt failed." >&2
    else
        echo "Missing: ${missing[*]}. Install them: sudo apt-get install ${missing[*]}" >&2
    fi
    return 1
}

engine_present() {
    case $1 in
        chromium) [ -x /usr/bin/chromium ] ;;
        npm) command -v npm >/dev/null ;;
        postgresql) pg_bindir >/dev/null ;;
        redis-server) command -v redis-server >/dev/null ;;
        nginx) command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] ;;
        curl) command -v curl >/dev/null ;;
    esac
}

engine_packages() {
    case $1 in
        chromium) echo chromium chromium-driver fonts-liberation ;;
        npm) echo nodejs npm ;;
        *) echo "$1" ;;
    esac
}

pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

free_port() { # a TCP port nothing listens on, below the kernel's range for outgoing connections
    # A port from that range may be the local end of someone's connection at the moment a server binds it (PostgreSQL
    # then fails with "Address already in use", seen in a CI run right after another one).
    local port low
    low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    while :; do
        port=$(( 10000 + RANDOM % (low - 10000) ))
        (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

# Runs a command as the postgres user when root (initdb refuses root), as oneself otherwise.
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start() { # dir port [server settings...]: a new cluster (user postgres, trust on 127.0.0.1), or the one in dir
    local dir=$1 port=$2 bin setting
    shift 2
    bin=$(pg_bindir) || { echo "PostgreSQL is not installed." >&2; return 1; }
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        mkdir -p "$dir"
        [ "$(id -u)" = 0 ] && chown postgres: "$dir"
        as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; return 1; }
        # In the cluster's own configuration, so a later start (pg_ctl start alone) listens where this one did.
        {
            echo "port = $port"
            echo "listen_addresses = '127.0.0.1'"
            echo "unix_socket_directories = '$dir'"
            echo "max_connections = 300"
            for setting in "$@"; do echo "$setting"; done
        } | as_postgres tee -a "$dir/data/postgresql.conf" >/dev/null
    fi
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
        || { cat "$dir/server.log" >&2; return 1; }
}

postgres_stop() { # dir
    local bin
    bin=$(pg_bindir) || return 0
    [ -f "$1/data/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$1/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$1"
}

redis_start() { # dir port
    mkdir -p "$1"
    redis-server --port "$2" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
        --dir "$1" --pidfile "$1/redis.pid" --logfile "$1/redis.log" \
        || { cat "$1/redis.log" >&2; return 1; }
    local i
    for i in $(seq 50); do
        redis-cli -p "$2" ping 2>/dev/null | grep -q PONG && return 0
        sleep 0.1
    done
    cat "$1/redis.log" >&2
    return 1
}

redis_stop() { # dir
    # Gone before its directory goes: a stopping server still writes its log there.
    local pid i
    if [ -f "$1/redis.pid" ]; then
        pid=$(cat "$1/redis.pid")
        kill "$pid" 2>/dev/null
        for i in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    rm -rf "$1"
}
