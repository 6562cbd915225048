#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's two commands.
#   packaging/quickstart.sh run    install what is missing, build, start Hookbench
#                                  (the window where there is a display, `hookbench listen` where not)
#   packaging/quickstart.sh test   install what is missing, build with -Werror, run every test, check the package
# Each step prints one line; the tools' output goes to build-logs/quickstart-COMMAND.log, and a failing step
# shows that log's last 40 lines. ctest's summaries stay on the terminal, and the last thing printed is the
# closing summary of the last ctest run. Runs again safely, as root or with sudo.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
jobs=$(nproc 2>/dev/null || echo 2)
command=${1:-}
case "$command" in
run | test) ;;
*)
    sed -n '3,9p' "$0"
    exit 2
    ;;
esac
shift
mkdir -p build-logs
log=$here/build-logs/quickstart-$command.log
: >"$log"
echo "Log: $log"

show_failure() {
    echo "--- the last 40 lines of $log ---"
    tail -n 40 "$log"
}

# step LABEL COMMAND...: runs COMMAND (a program or a function of this script) with its output in the log.
step() {
    local label=$1 start=$SECONDS status=0
    shift
    printf '%s ... ' "$label"
    printf '\n==> %s: %s\n' "$label" "$*" >>"$log"
    # Not in an `if` or `||`: there bash would ignore `set -e` inside the functions this runs.
    set +e
    (set -e; "$@") >>"$log" 2>&1 </dev/null
    status=$?
    set -e
    if [ $status -ne 0 ]; then
        echo "failed (exit $status, $((SECONDS - start)) s)"
        show_failure
        exit $status
    fi
    echo "done ($((SECONDS - start)) s)"
}

# ctest_step LABEL CTEST_ARGS...: like step, then ctest's closing summary (and list of failures) on the terminal.
ctest_step() {
    local label=$1 start=$SECONDS status=0 first
    shift
    printf '%s ... ' "$label"
    printf '\n==> %s: ctest %s\n' "$label" "$*" >>"$log"
    first=$(($(wc -l <"$log") + 1))
    set +e
    ctest "$@" >>"$log" 2>&1 </dev/null
    status=$?
    set -e
    if [ $status -ne 0 ]; then
        echo "failed (exit $status, $((SECONDS - start)) s)"
        show_failure
        # The closing summary comes last even when the failures' output is longer than 40 lines.
        if ! tail -n 40 "$log" | grep -q 'tests passed, .* tests failed out of'; then
            echo "--- ctest's summary ---"
            tail -n +"$first" "$log" | sed -n '/tests passed, .* tests failed out of/,$p'
        fi
        exit $status
    fi
    echo "done ($((SECONDS - start)) s)"
    tail -n +"$first" "$log" | sed -n '/tests passed, .* tests failed out of/,$p'
}

configure() { # configure BUILD_DIR CMAKE_ARGS...
    local dir=$1
    shift
    cmake -S . -B "$dir" -G Ninja "$@"
}

fuzz() { # fuzz TARGET: the fuzzer for 25 s on a copy of its seeds
    local target=$1 corpus seeds dict=() status=0
    corpus=$(mktemp -d)
    seeds=tests/data/fuzz/$target
    [ "$target" = har-reader ] && seeds=tests/data/har && dict=(-dict=tests/fuzz/har.dict)
    [ "$target" = filter-query ] && dict=(-dict=tests/fuzz/filter.dict)
    cp -r "$seeds"/. "$corpus"/
    "build-fuzz/tests/fuzz/fuzz_${target//-/_}" -max_total_time=25 -max_len=16384 -rss_limit_mb=2048 \
        "${dict[@]}" "$corpus" || status=$?
    rm -rf "$corpus"
    return $status
}

if [ "$command" = run ]; then
    step "Installing what is missing" packaging/install-deps.sh
    step "Configuring build/" configure build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF
    step "Building build/hookbench" cmake --build build -j "$jobs"
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}${QT_QPA_PLATFORM:-}" ]; then
        echo "Starting the window: build/hookbench $*"
        exec build/hookbench "$@"
    fi
    echo "No display: starting \`build/hookbench listen\` (Ctrl+C stops it)."
    exec build/hookbench listen "$@"
fi

step "Installing what is missing, with the test tools" packaging/install-deps.sh --tests
# The full build: window, core, every test, warnings as errors.
step "Configuring build-test/" configure build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOOKBENCH_WERROR=ON
step "Building build-test/" cmake --build build-test -j "$jobs"
ctest_step "Testing build-test/" --test-dir build-test --output-on-failure -j "$jobs"
# The DEB and TGZ from that build, validated, installed with apt and run, then removed again.
step "Packaging build-test/ and checking the installed package" packaging/check-package.sh build-test
# The fuzzers, briefly: a regression that crashes on the seed inputs or soon after shows here.
step "Configuring build-fuzz/" configure build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
    -DCMAKE_CXX_COMPILER=clang++ -DHOOKBENCH_GUI=OFF -DHOOKBENCH_FUZZ=ON -DHOOKBENCH_BENCHMARKS=OFF -DBUILD_TESTING=ON
step "Building the fuzzers" cmake --build build-fuzz -j "$jobs" --target fuzz_request_parser fuzz_har_reader \
    fuzz_json_reader fuzz_json_stringifier fuzz_payload_reader fuzz_filter_query
for target in request-parser har-reader json-reader json-stringifier payload-reader filter-query; do
    step "Fuzzing the ${target//-/ } for 25 s" fuzz "$target"
done
# Everything again, window included, as a Debug build (Qt's and Hookbench's assertions on) under
# AddressSanitizer and UndefinedBehaviorSanitizer: the unit, window and end-to-end tests; its summary closes the
# run. pipelining.sh, slow_output.sh and deadlines.sh check a memory bound, which the release build above checks:
# under ASan the process's memory is mostly the sanitizer's own (shadow and quarantine).
step "Configuring build-asan/" configure build-asan -DCMAKE_BUILD_TYPE=Debug \
    -DHOOKBENCH_WERROR=ON -DHOOKBENCH_SANITIZE=ON -DHOOKBENCH_BENCHMARKS=OFF
step "Building build-asan/" cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1 ctest_step "Testing build-asan/ under ASan and UBSan" --test-dir build-asan \
    --output-on-failure -j "$jobs" -L 'unit|ui|i18n|e2e' -E '^e2e\.(pipelining|slow_output|deadlines)$'
