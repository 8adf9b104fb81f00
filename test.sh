#!/usr/bin/env bash
# Runs every test: services on real SQLite, components with bUnit, flows in Debian's Chromium via Playwright.
# Installs Chromium from apt when it is missing (as root); prints "N passed, N failed" as its last line and
# exits non-zero when anything failed or did not build.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE=1

results="TestResults/run"
started=$SECONDS

finish() {
    echo "Timings: restore ${restore_s:-?}s, build ${build_s:-?}s, tests ${test_s:-?}s, total $((SECONDS - started))s"
    echo "$1 passed, $2 failed"
    exit "$3"
}

ensure_chromium() {
    [ -x /usr/bin/chromium ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Chromium is missing: installing chromium and chromium-driver from apt..."
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq --no-install-recommends \
            chromium chromium-driver fonts-liberation >/dev/null && [ -x /usr/bin/chromium ] && return 0
        echo "Installing Chromium with apt failed." >&2
    else
        echo "Chromium is missing at /usr/bin/chromium. Install it: sudo apt-get install chromium chromium-driver" >&2
    fi
    return 1
}

ensure_npm() {
    command -v npm >/dev/null && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "npm is missing (the build installs the emoji font from the npm registry): installing nodejs and npm from apt..."
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null && command -v npm >/dev/null && return 0
        echo "Installing npm with apt failed." >&2
    else
        echo "npm is missing. Install it: sudo apt-get install nodejs npm" >&2
    fi
    return 1
}

ensure_chromium || finish 0 1 1
ensure_npm || finish 0 1 1

t=$SECONDS
dotnet restore BlazorMessenger.sln || finish 0 1 1
restore_s=$((SECONDS - t))

t=$SECONDS
dotnet build BlazorMessenger.sln --no-restore -warnaserror || finish 0 1 1
build_s=$((SECONDS - t))

rm -rf "$results"
t=$SECONDS
dotnet test BlazorMessenger.sln --no-build --results-directory "$results" \
    --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal"
test_exit=$?
test_s=$((SECONDS - t))

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
    echo "No test results were written ($trx)." >&2
    finish 0 1 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
passed=$(count passed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
total=$(count total)
not_run=$(( total - passed - failed ))
if [ "$not_run" -gt 0 ]; then
    echo "$not_run test(s) did not run; they count as failed." >&2
    failed=$(( failed + not_run ))
fi
if [ "$passed" -eq 0 ] || [ "$failed" -gt 0 ] || [ "$test_exit" -ne 0 ]; then
    finish "$passed" "$(( failed > 0 ? failed : 1 ))" 1
fi
finish "$passed" 0 0
