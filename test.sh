#!/usr/bin/env bash
# Runs every test on the Release build: services on real SQLite, components with bUnit, flows in Debian's Chromium via
# Playwright; then the service tests again on PostgreSQL. Starts a throwaway PostgreSQL cluster and Redis on free ports (scripts/engines.sh)
# and stops them at the end. Installs Chromium, PostgreSQL and Redis from apt when missing (as root); prints
# "N passed, N failed" as its last line and exits non-zero when anything failed or did not build.
set -uo pipefail
cd "$(dirname "$0")"
source scripts/engines.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1

results="TestResults/run"
rm -rf "$results"
started=$SECONDS

# The ten slowest tests of the run, slowest first, so that the next slow test is seen when it appears.
slowest() {
    grep -ho '<UnitTestResult [^>]*>' "$results"/*.trx 2>/dev/null \
        | sed -n 's/.*testName="\([^"]*\)".*duration="\([0-9]*\):\([0-9]*\):\([0-9.]*\)".*/\2 \3 \4 \1/p' \
        | awk '{ s = $1 * 3600 + $2 * 60 + $3; $1 = $2 = $3 = ""; sub(/^ +/, ""); printf "%7.1f s  %s\n", s, $0 }' \
        | sed 's/&quot;/"/g; s/&amp;/\&/g' | sort -rn | head -n 10
}

# The tests that failed, each with the first lines of its message, so the end of a CI log names them.
failures() {
    grep -ho '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$results"/*.trx 2>/dev/null \
        | sed -n 's/.*testName="\([^"]*\)".*/\1/p' | sed 's/&quot;/"/g; s/&amp;/\&/g' | sed 's/^/  Failed: /'
    grep -h -A3 '<Message>' "$results"/*.trx 2>/dev/null | head -n 40 | sed 's/^ */    /'
}

finish() {
    if ls "$results"/*.trx > /dev/null 2>&1; then
        echo "The ten slowest tests:"
        slowest
        failures
    fi
    echo "Timings: restore ${restore_s:-?}s, build ${build_s:-?}s, tests ${test_s:-?}s, total $((SECONDS - started))s"
    echo "$1 passed, $2 failed"
    exit "$3"
}

# Chromium for the browser tests, npm for the build (the emoji font), PostgreSQL and Redis for the scale-out tests, curl as
# a webhook client.
engines_install chromium npm postgresql redis-server curl || finish 0 1 1

engines=$(mktemp -d /tmp/bm-engines.XXXXXX)
chmod 755 "$engines"
trap 'postgres_stop "$engines/postgres"; redis_stop "$engines/redis"; rm -rf "$engines"' EXIT
pg_port=$(free_port)
# The tests' cluster need not survive a power cut: no fsync makes each test's database copy quick.
postgres_start "$engines/postgres" "$pg_port" "fsync = off" "synchronous_commit = off" "full_page_writes = off" \
    || { echo "Could not start a throwaway PostgreSQL (see above)." >&2; finish 0 1 1; }
export MESSENGER_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
redis_port=$(free_port)
redis_start "$engines/redis" "$redis_port" || { echo "Could not start a throwaway Redis (see above)." >&2; finish 0 1 1; }
export MESSENGER_TEST_REDIS="127.0.0.1:$redis_port"

t=$SECONDS
dotnet restore BlazorMessenger.sln || finish 0 1 1
restore_s=$((SECONDS - t))

t=$SECONDS
dotnet build BlazorMessenger.sln -c Release --no-restore -warnaserror || finish 0 1 1
build_s=$((SECONDS - t))

# The suite's processes live minutes: tiered PGO's instrumented code costs CPU (about a sixth of the .NET side's, measured
# on the chat, outbox and group flows) that so short a life never earns back, on a machine whose two cores the suite keeps busy.
export DOTNET_TieredPGO=0
t=$SECONDS
dotnet test BlazorMessenger.sln -c Release --no-build --results-directory "$results" \
    --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal"
test_exit=$?
echo "The service tests again, on PostgreSQL:"
MESSENGER_TEST_PROVIDER=Postgres dotnet test BlazorMessenger.sln -c Release --no-build --filter "Storage=Both" --results-directory "$results" \
    --logger "trx;LogFileName=postgres.trx" --logger "console;verbosity=minimal"
postgres_exit=$?
test_s=$((SECONDS - t))

passed=0 failed=0
for trx in "$results/results.trx" "$results/postgres.trx"; do
    if [ ! -f "$trx" ]; then
        echo "No test results were written ($trx)." >&2
        finish "$passed" $((failed + 1)) 1
    fi
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
    run_passed=$(count passed)
    run_failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
    not_run=$(( $(count total) - run_passed - run_failed ))
    if [ "$not_run" -gt 0 ]; then
        echo "$not_run test(s) of $trx did not run; they count as failed." >&2
        run_failed=$(( run_failed + not_run ))
    fi
    if [ "$run_passed" -eq 0 ]; then
        echo "$trx has no passed test." >&2
        run_failed=$(( run_failed > 0 ? run_failed : 1 ))
    fi
    passed=$(( passed + run_passed )) failed=$(( failed + run_failed ))
done
if [ "$failed" -gt 0 ] || [ "$test_exit" -ne 0 ] || [ "$postgres_exit" -ne 0 ]; then
    finish "$passed" "$(( failed > 0 ? failed : 1 ))" 1
fi
finish "$passed" 0 0
