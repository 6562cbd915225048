#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Resident memory per stored capture: `hookbench listen` and the window, filled with small captures.

Each server starts on a fresh store and is warmed up (one connection for a second); its resident memory
(VmRSS) then is the baseline. wrk then posts the 483 B signed Firm App sample at 16 keep-alive connections, in
runs sized to reach each checkpoint (10,000, 100,000 and 1,000,000 captures by default). At each checkpoint
the load stops, the process settles for a few seconds, and the figures are read:

  captures     rows in the store (read from the store itself)
  rss_mib      VmRSS, and its growth since the baseline
  per_capture  that growth divided by the captures stored since the baseline

The SQLite page cache of each connection is bounded (SQLite's default of 2 MB), so the growth is what the
process keeps per capture. Target (issue 12): under 1 KB per capture at 100,000 and 1,000,000.

  python3 tests/benchmarks/memory_bench.py --hookbench build/hookbench \\
      --window-bench build/tests/benchmarks/bench_window_capture
"""

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import capture_bench as cb  # noqa: E402  (the servers, wrk and the Firm App sample)


def vm_field(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def live_count(path):
    """Rows in the store while the server runs (a read transaction of its own, in WAL mode)."""
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=30)
    try:
        return db.execute("SELECT count(*) FROM captures").fetchone()[0]
    finally:
        db.close()


def fill(args, server, port, body_path, target, workdir, rate):
    """Posts until the store holds at least target captures; returns the posting rate seen."""
    while True:
        have = live_count(server.store)
        if have >= target:
            return rate
        seconds = max(1, min(30, int((target - have) / max(rate, 1.0) + 0.999)))
        args.duration = seconds
        started = time.monotonic()
        figures = cb.run_wrk(args, port, body_path, args.connections, workdir)
        elapsed = time.monotonic() - started
        rate = max(100.0, figures["requests"] / max(elapsed, 0.1))
        if server.process.poll() is not None:
            raise RuntimeError("%s exited while being filled" % server.name)


def measure(args, name, body_path, ports, scratch):
    workdir = tempfile.mkdtemp(prefix="memory-%s-" % name, dir=scratch)
    port = ports.take()
    args.duration = 2 * 3600  # the window bench runs this long at most
    server = cb.STARTERS[name](args, port, workdir)
    rows = []
    try:
        pid = server.process.pid
        # Warm-up: every code path and buffer once, then the baseline.
        threads, args.threads = args.threads, 1  # wrk wants a connection per thread
        args.duration = 1
        cb.run_wrk(args, port, body_path, 1, workdir)
        args.threads = threads
        time.sleep(args.settle)
        base_rss = vm_field(pid, "VmRSS")
        base_count = live_count(server.store)
        cb.log("%s: baseline %.1f MiB at %d captures" % (name, base_rss / 2**20, base_count))
        rate = 5000.0
        for checkpoint in args.checkpoints:
            rate = fill(args, server, port, body_path, checkpoint, workdir, rate)
            time.sleep(args.settle)
            count = live_count(server.store)
            rss = vm_field(pid, "VmRSS")
            growth = rss - base_rss
            row = {
                "server": name,
                "checkpoint": checkpoint,
                "captures": count,
                "rss_mib": rss / 2**20,
                "growth_mib": growth / 2**20,
                "bytes_per_capture": growth / max(1, count - base_count),
                "peak_mib": vm_field(pid, "VmHWM") / 2**20,
                "store_mib": os.path.getsize(server.store) / 2**20,
            }
            rows.append(row)
            cb.log("  %9d captures: VmRSS %7.1f MiB (+%.1f), %6.0f B per capture, peak %.1f MiB, store %.0f MiB"
                   % (count, row["rss_mib"], row["growth_mib"], row["bytes_per_capture"], row["peak_mib"],
                      row["store_mib"]))
    finally:
        server.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hookbench", required=True, help="the hookbench binary (a release build)")
    parser.add_argument("--window-bench", help="bench_window_capture, to measure the window as well")
    parser.add_argument("--checkpoints", default="10000,100000,1000000", help="captures at which to measure")
    parser.add_argument("--connections", type=int, default=16, help="keep-alive connections (default 16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds of quiet before each reading")
    parser.add_argument("--port-base", type=int, default=18580, help="first port of the range (default 18580)")
    parser.add_argument("--secret", default=cb.PAGE_SECRET, help="the window's secret (deliveries are signed)")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    parser.add_argument("--json-out", help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep each server's folder (store, logs)")
    args = parser.parse_args()
    args.checkpoints = sorted(int(value) for value in args.checkpoints.split(","))
    names = ["hookbench"] + (["window"] if args.window_bench else [])
    scratch = tempfile.mkdtemp(prefix="hookbench-memory-")
    small = cb.make_bodies(args.secret)["small"]
    body_path = os.path.join(scratch, "small.json")
    with open(body_path, "wb") as f:
        f.write(small)
    ports = cb.Ports(args.port_base, 40)
    results = []
    try:
        for name in names:
            results += measure(args, name, body_path, ports, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print()
    print("| server | captures | VmRSS MiB | growth MiB | B per capture | target |")
    print("|---|---|---|---|---|---|")
    for row in results:
        label = "listen" if row["server"] == "hookbench" else row["server"]
        print("| %s | %d | %.1f | %.1f | %.0f | %s |" % (label, row["captures"], row["rss_mib"], row["growth_mib"],
                                                      row["bytes_per_capture"],
                                                      "met" if row["bytes_per_capture"] < 1024 else "not met"))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
