#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the benchmarks in release mode and runs each one; they print their own figures (medians).
#   packaging/run-benchmarks.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$here/build-bench}
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHOOKBENCH_GUI=OFF -DHOOKBENCH_BENCHMARKS=ON >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
for bench in "$build"/tests/benchmarks/bench_*; do
    [ -x "$bench" ] || continue
    echo "== $(basename "$bench")"
    "$bench"
done
