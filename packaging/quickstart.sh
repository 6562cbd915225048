#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's two commands.
#   packaging/quickstart.sh run    install what is missing, build, start Hookbench
#                                  (the window where there is a display, `hookbench listen` where not)
#   packaging/quickstart.sh test   install what is missing, build with -Werror, run every test
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
jobs=$(nproc 2>/dev/null || echo 2)

case "${1:-}" in
run)
    shift
    packaging/install-deps.sh
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
    cmake --build build -j "$jobs"
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        exec build/hookbench "$@"
    fi
    echo "No display: starting \`hookbench listen\` (Ctrl+C stops it)."
    exec build/hookbench listen "$@"
    ;;
test)
    packaging/install-deps.sh --tests
    # The full build: window, core, every test, warnings as errors.
    cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOOKBENCH_WERROR=ON >/dev/null
    cmake --build build-test -j "$jobs"
    ctest --test-dir build-test --output-on-failure -j "$jobs"
    # The fuzzers, briefly: a regression that crashes on the seed inputs or soon after shows here.
    cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
          -DCMAKE_CXX_COMPILER=clang++ -DHOOKBENCH_GUI=OFF -DHOOKBENCH_FUZZ=ON -DHOOKBENCH_BENCHMARKS=OFF \
          -DBUILD_TESTING=ON >/dev/null
    cmake --build build-fuzz -j "$jobs" --target fuzz_request_parser fuzz_har_reader fuzz_json_reader
    for target in request-parser har-reader json-reader; do
        corpus=$(mktemp -d)
        seeds=tests/data/fuzz/$target
        [ "$target" = har-reader ] && seeds=tests/data/har
        cp -r "$seeds"/. "$corpus"/
        dict=()
        [ "$target" = har-reader ] && dict=(-dict=tests/fuzz/har.dict)
        echo "fuzz_${target//-/_}: 30 s"
        "build-fuzz/tests/fuzz/fuzz_${target//-/_}" -max_total_time=30 -max_len=16384 -rss_limit_mb=2048 \
            "${dict[@]}" "$corpus" 2>&1 | tail -n 1
        rm -rf "$corpus"
    done
    # The core without Qt Widgets, under AddressSanitizer and UndefinedBehaviorSanitizer.
    cmake -S . -B build-core-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DHOOKBENCH_GUI=OFF -DHOOKBENCH_WERROR=ON \
          -DHOOKBENCH_SANITIZE=ON -DHOOKBENCH_BENCHMARKS=OFF >/dev/null
    cmake --build build-core-asan -j "$jobs"
    ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-core-asan --output-on-failure -j "$jobs" -L 'unit|e2e'
    ;;
*)
    sed -n '3,7p' "$0"
    exit 2
    ;;
esac
