#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Capture benchmark: Hookbench against nginx and mockttp, side by side, in one invocation.

One server after the other on the same 127.0.0.1 port range, each driven by wrk with POSTs of the Firm App
sample (483 B, signed) and of a 100 KB Firm App-shaped body, at 16 and 64 keep-alive connections:

  nginx      Debian's, 1 worker per core, access_log off, reading each body (echo module) and answering 200
  mockttp    HTTP Toolkit's engine (tests/benchmarks/mockttp), answering 200, requests kept in memory
  hookbench  `hookbench listen` with the durable store (the default), a fresh store file per run
  window     bench_window_capture: the window (offscreen) with the signature check on (--window-bench)

Prints per (body, connections) the medians over the runs of requests/s, p50, p99 and the server's CPU per
request (its process tree, /proc/PID/stat before and after), the ratios to nginx, mockttp and listen of the
same invocation, the captures lost (answered 2xx but not in the store, counted from the store) and the window's
longest UI-thread stall. Not part of the test suite: it prints figures and fails only when it cannot run.

  python3 tests/benchmarks/capture_bench.py --hookbench build/hookbench \\
      [--window-bench build/tests/benchmarks/bench_window_capture] [--duration 10] [--runs 3] \\
      [--only nginx,mockttp,hookbench,window] [--json-out FILE]
"""

import argparse
import datetime
import hashlib
import hmac
import json
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SAMPLE = os.path.join(REPO, "resources", "samples", "firm-app-update.json")
MOCKTTP_DIR = os.path.join(HERE, "mockttp")
ECHO_MODULE = "/usr/share/nginx/modules/ngx_http_echo_module.so"
# The secret of the example on the Firm App webhook page: the sample's own signature is made with it.
PAGE_SECRET = "a" * 64
LARGE_BODY_BYTES = 100 * 1024
SERVERS = ("nginx", "mockttp", "hookbench", "window")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def log(text):
    print(text, file=sys.stderr, flush=True)


# --- bodies -----------------------------------------------------------------------------------------------

def firm_signature(payload, secret):
    """HMAC-SHA256 hex of JSON.stringify(payload), as the Firm App webhook page describes."""
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def firm_body(payload, secret):
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return ('{"payload":%s,"signature":"%s"}' % (text, firm_signature(payload, secret))).encode()


def make_bodies(secret):
    with open(SAMPLE, "rb") as f:
        raw = f.read()
    sample = raw[:-1] if raw.endswith(b"\n") else raw  # the file ends with a newline; the delivery does not
    document = json.loads(sample)
    payload = document["payload"]
    # The script's signing must agree with the sample's own signature before its bodies are trusted.
    if firm_signature(payload, PAGE_SECRET) != document["signature"] or firm_body(payload, PAGE_SECRET) != sample:
        sys.exit("capture_bench: the Firm App signing here does not reproduce the sample's signature")
    small = firm_body(payload, secret)

    # 100 KB: the sample's events repeated, the last one padded so that the whole body is exactly 100 KiB.
    events = []
    while len(json.dumps(events)) < LARGE_BODY_BYTES - 1024:
        for event in payload["events"]:
            event = dict(event, docId="%s-%d" % (event["docId"], len(events)))
            events.append(event)
    padded = {"action": "update", "schema": "note", "docId": "padding", "diff": {"text": ""}}
    large_payload = {"date": payload["date"], "events": events + [padded]}
    padded["diff"]["text"] = "x" * (LARGE_BODY_BYTES - len(firm_body(large_payload, secret)))
    large = firm_body(large_payload, secret)
    assert len(large) == LARGE_BODY_BYTES
    return {"small": small, "large": large}


def body_label(name, body):
    if name == "small":
        return "%d B Firm App sample" % len(body)
    events = len(json.loads(body)["payload"]["events"])
    return "%d KB Firm App body (%d events)" % (len(body) // 1024, events)


# --- processes --------------------------------------------------------------------------------------------

def proc_cpu_seconds(root_pid):
    """utime + stime of a process and all its descendants, in seconds."""
    parents = {}
    times = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        pid = int(entry)
        parents[pid] = int(fields[1])
        times[pid] = int(fields[11]) + int(fields[12])
    tree = {root_pid}
    grown = True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    return sum(times.get(pid, 0) for pid in tree) / CLOCK_TICKS


def loopback_bytes():
    """Bytes received on lo so far (each request's bytes cross it once: a check that the bodies were sent)."""
    for line in read_text("/proc/net/dev").splitlines():
        name, _, counters = line.partition(":")
        if name.strip() == "lo":
            return int(counters.split()[0])
    return None


def machine_busy_seconds():
    """CPU time of the whole machine so far, all cores: (processes: user, nice, system, steal; irq and softirq)."""
    fields = [int(v) for v in read_text("/proc/stat").splitlines()[0].split()[1:]]
    return (fields[0] + fields[1] + fields[2] + fields[7]) / CLOCK_TICKS, (fields[5] + fields[6]) / CLOCK_TICKS


def port_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def port_answers(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def file_contains(path, text):
    try:
        with open(path, errors="replace") as f:
            return text in f.read()
    except OSError:
        return False


def read_text(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


class Server:
    """One server process, started for one run."""

    def __init__(self, name, argv, workdir, ready, cwd=None):
        self.name = name
        self.workdir = workdir
        self.stdout_path = os.path.join(workdir, "stdout.txt")
        self.stderr_path = os.path.join(workdir, "stderr.txt")
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd)
        deadline = time.monotonic() + 60
        while not ready():
            if self.process.poll() is not None:
                raise RuntimeError("%s exited at start (%s): %s" % (name, self.process.returncode,
                                                                   read_text(self.stderr_path)[-2000:]))
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("%s did not get ready in 60 s" % name)
            time.sleep(0.05)

    def cpu_seconds(self):
        return proc_cpu_seconds(self.process.pid)

    def stop(self, timeout=90):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                log("  %s did not stop in %d s after SIGTERM: killed" % (self.name, timeout))
                self.process.kill()
                self.process.wait()
        return self.process.returncode


NGINX_CONF = """\
load_module {module};
worker_processes {workers};
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    client_max_body_size 1m;
    client_body_buffer_size 128k;
    keepalive_requests 1000000;
    keepalive_timeout 120s;
    default_type text/plain;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            echo_read_request_body;
            echo ok;
        }}
    }}
}}
"""


def start_nginx(args, port, workdir):
    conf = os.path.join(workdir, "nginx.conf")
    with open(conf, "w") as f:
        f.write(NGINX_CONF.format(module=ECHO_MODULE, workers=os.cpu_count() or 1, dir=workdir, port=port))
    argv = [args.nginx, "-p", workdir, "-c", conf, "-e", os.path.join(workdir, "error.log")]
    return Server("nginx", argv, workdir, lambda: port_answers(port))


def start_mockttp(args, port, workdir):
    return Server("mockttp", [args.node, os.path.join(MOCKTTP_DIR, "server.js"), str(port)], workdir,
                  lambda: file_contains(os.path.join(workdir, "stdout.txt"), "ready"), cwd=MOCKTTP_DIR)


def start_hookbench(args, port, workdir):
    store = os.path.join(workdir, "sessions.sqlite")
    argv = [args.hookbench, "listen", "--port", str(port), "--store", store]
    server = Server("hookbench", argv, workdir,
                    lambda: file_contains(os.path.join(workdir, "stderr.txt"), "Hookbench listening"))
    server.store = store
    return server


def start_window(args, port, workdir):
    store = os.path.join(workdir, "sessions.sqlite")
    argv = [args.window_bench, "--port", str(port), "--store", store, "--secret", args.secret,
            "--seconds", str(args.duration + 300)]
    env_platform = os.environ.get("QT_QPA_PLATFORM")
    os.environ["QT_QPA_PLATFORM"] = env_platform or "offscreen"
    try:
        server = Server("window", argv, workdir,
                        lambda: file_contains(os.path.join(workdir, "stdout.txt"), "ready"))
    finally:
        if env_platform is None:
            del os.environ["QT_QPA_PLATFORM"]
    server.store = store
    return server


STARTERS = {"nginx": start_nginx, "mockttp": start_mockttp, "hookbench": start_hookbench, "window": start_window}


def count_store(path):
    """Rows of the one session in a fresh store, read with sqlite3 after the server stopped."""
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    try:
        sessions = db.execute("SELECT session_id, count(*), sum(malformed != '') FROM captures "
                              "GROUP BY session_id").fetchall()
    finally:
        db.close()
    if len(sessions) > 1:
        raise RuntimeError("the fresh store %s holds %d sessions" % (path, len(sessions)))
    return (sessions[0][1], sessions[0][2]) if sessions else (0, 0)


def parse_window_output(text):
    figures = {}
    for line in text.splitlines():
        for key, value in re.findall(r"(\w+)=(\S+)", line):
            try:
                figures[key] = float(value) if "." in value else int(value)
            except ValueError:
                figures[key] = value
    return figures


# --- wrk --------------------------------------------------------------------------------------------------

WRK_SCRIPT = """\
-- POST of one body with the headers a Firm App delivery carries (Content-Type); wrk adds Host and Content-Length.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open("{body}", "rb"))
wrk.body = f:read("*a")
f:close()

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("BENCH requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d " ..
        "status=%d timeout=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\\n",
        summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def run_wrk(args, port, body_path, connections, workdir):
    script = os.path.join(workdir, "post.lua")
    with open(script, "w") as f:
        f.write(WRK_SCRIPT.format(body=body_path))
    argv = [args.wrk, "-t%d" % args.threads, "-c%d" % connections, "-d%ds" % args.duration, "--latency",
            "-s", script, "http://127.0.0.1:%d/hooks/firm" % port]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    match = re.search(r"^BENCH (.*)$", output, re.M)
    if process.returncode != 0 or not match:
        raise RuntimeError("wrk failed (%s):\n%s" % (process.returncode, output))
    figures = {key: int(value) for key, value in re.findall(r"(\w+)=(\d+)", match.group(1))}
    figures["client_cpu_s"] = usage.ru_utime + usage.ru_stime
    with open(os.path.join(workdir, "wrk.txt"), "w") as f:
        f.write(output)
    return figures


# --- one run ----------------------------------------------------------------------------------------------

class Ports:
    """The same small range for every server, one port after the other (no port is reused at once)."""

    def __init__(self, base, span):
        self.base, self.span, self.next = base, span, 0

    def take(self):
        for _ in range(self.span):
            port = self.base + self.next % self.span
            self.next += 1
            if port_free(port):
                return port
        raise RuntimeError("no free port in 127.0.0.1:%d-%d" % (self.base, self.base + self.span - 1))


def run_once(args, name, ports, body_path, connections, scratch):
    workdir = tempfile.mkdtemp(prefix="%s-" % name, dir=scratch)
    port = ports.take()
    server = STARTERS[name](args, port, workdir)
    try:
        time.sleep(0.2)
        lo_before = loopback_bytes()
        busy_before = machine_busy_seconds()
        cpu_before = server.cpu_seconds()
        wrk = run_wrk(args, port, body_path, connections, workdir)
        cpu_after = server.cpu_seconds()
        busy_after = machine_busy_seconds()
        lo_after = loopback_bytes()
    finally:
        code = server.stop()
    requests = wrk["requests"]
    socket_errors = wrk["connect"] + wrk["read"] + wrk["write"]
    result = {
        "port": port,
        "requests": requests,
        "rps": requests / (wrk["duration_us"] / 1e6),
        "p50_ms": wrk["p50_us"] / 1000.0,
        "p90_ms": wrk["p90_us"] / 1000.0,
        "p99_ms": wrk["p99_us"] / 1000.0,
        "max_ms": wrk["max_us"] / 1000.0,
        "cpu_us_per_request": (cpu_after - cpu_before) * 1e6 / requests if requests else None,
        "server_cpu_s": cpu_after - cpu_before,
        "client_cpu_s": wrk["client_cpu_s"],
        # the machine's process CPU over the run beyond the server and wrk: other processes (a build, say)
        "other_cpu_s": max(0.0, (busy_after[0] - busy_before[0]) - (cpu_after - cpu_before) - wrk["client_cpu_s"]),
        # interrupts, loopback packets among them, charged to no process when the kernel accounts them apart
        "irq_cpu_s": busy_after[1] - busy_before[1],
        "non_2xx_3xx": wrk["status"],
        "socket_errors": socket_errors,
        "timeouts": wrk["timeout"],
        "exit_code": code,
        "loopback_bytes_per_request": (lo_after - lo_before) / requests if requests and lo_before else None,
    }
    if name in ("hookbench", "window"):
        acknowledged = requests - wrk["status"]  # wrk counts status >= 400 as errors; the rest were 2xx here
        rows, malformed = count_store(server.store)
        result.update({
            "acknowledged": acknowledged,
            "stored_rows": rows,
            "stored_malformed": malformed,
            # answered 2xx but not in the store
            "lost": max(0, acknowledged - rows),
            # stored but not counted by wrk: requests in flight when wrk stopped (at most one per connection)
            "stored_unanswered": max(0, rows - acknowledged),
        })
    if name == "window":
        result.update(parse_window_output(read_text(server.stdout_path)))
        result["checks_fell_behind"] = read_text(server.stderr_path).count("signature checks fell behind")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return result


# --- report -----------------------------------------------------------------------------------------------

def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarize(runs):
    summary = {key: median([r.get(key) for r in runs])
               for key in ("rps", "p50_ms", "p99_ms", "cpu_us_per_request", "other_cpu_s", "stall_ms", "gap_p99_ms",
                           "caught_up_ms")}
    for key in ("lost", "stored_unanswered", "non_2xx_3xx", "socket_errors", "timeouts", "stored_malformed"):
        if any(key in r for r in runs):
            summary[key + "_total"] = sum(r.get(key, 0) for r in runs)
    if any("stall_ms" in r for r in runs):
        summary["stall_ms_max"] = max(r.get("stall_ms", 0) for r in runs)
        summary["checks_invalid_total"] = sum(r.get("invalid", 0) for r in runs)
        summary["checks_valid_total"] = sum(r.get("valid", 0) for r in runs)
    return summary


def ratio(value, reference):
    return "%.2f" % (value / reference) if value and reference else "-"


def fmt(value, pattern):
    return pattern % value if value is not None else "-"


def print_cell(label, connections, args, results):
    print()
    print("== %s, %d connections (wrk -t%d -c%d -d%ds, keep-alive; median of %d run%s)"
          % (label, connections, args.threads, connections, args.duration, args.runs, "" if args.runs == 1 else "s"))
    print("%-10s %9s %8s %8s %11s %8s %10s %9s %6s %9s %10s"
          % ("server", "req/s", "p50 ms", "p99 ms", "CPU us/req", "x nginx", "x mockttp", "x listen", "lost",
             "unansw.", "stall ms"))
    reference = {name: results[name]["summary"]["rps"] for name in results}
    notes = []
    for name in SERVERS:
        if name not in results:
            continue
        s = results[name]["summary"]
        shown = "listen" if name == "hookbench" else name
        lost = str(s["lost_total"]) if "lost_total" in s else "-"
        unanswered = str(s["stored_unanswered_total"]) if "stored_unanswered_total" in s else "-"
        stall = ("%.1f (max %.1f)" % (s["stall_ms"], s["stall_ms_max"])) if s.get("stall_ms") is not None else "-"
        print("%-10s %9s %8s %8s %11s %8s %10s %9s %6s %9s %10s"
              % (shown, fmt(s["rps"], "%.0f"), fmt(s["p50_ms"], "%.2f"), fmt(s["p99_ms"], "%.2f"),
                 fmt(s["cpu_us_per_request"], "%.0f"), ratio(s["rps"], reference.get("nginx")),
                 ratio(s["rps"], reference.get("mockttp")),
                 ratio(s["rps"], reference.get("hookbench")) if name == "window" else "-", lost, unanswered, stall))
        bad = {key: s[key] for key in ("non_2xx_3xx_total", "socket_errors_total", "timeouts_total",
                                       "stored_malformed_total", "checks_invalid_total") if s.get(key)}
        exits = sorted({r["exit_code"] for r in results[name]["runs"]} - {0})
        if exits:
            bad["exit code(s) " + ",".join(str(e) for e in exits) + " in runs"] = sum(
                1 for r in results[name]["runs"] if r["exit_code"] != 0)
        if bad:
            notes.append("  %s: %s" % (shown, ", ".join("%s %d" % (k.replace("_total", ""), v)
                                                         for k, v in bad.items())))
        if name == "window" and s.get("caught_up_ms") is not None:
            runs = results[name]["runs"]
            behind = [r for r in runs if r.get("caught_up") != "yes"]
            notes.append("  window: table and signature checks caught up with the store %.0f ms after the load "
                         "(median)%s; %d of %d rows valid; %d rows reached the table after the load"
                         % (s["caught_up_ms"], ", NOT within 15 s in %d run(s)" % len(behind) if behind else "",
                            s.get("checks_valid_total", 0), sum(r.get("rows", 0) for r in runs),
                            sum(r.get("rows", 0) - r.get("rows_at_stop", 0) for r in runs)))
            unchecked = sum(r.get("unchecked", 0) for r in runs)
            neutral = sum(r.get("neutral", 0) for r in runs)
            missing = sum(r.get("stored_rows", 0) - r.get("rows", 0) for r in runs)
            if unchecked or neutral or missing:
                notes.append("  window: %d rows never checked, %d not applicable; %d stored captures not in the "
                             "table at the end" % (unchecked, neutral, missing))
            fell = sum(r.get("checks_fell_behind", 0) for r in runs)
            if fell:
                notes.append("  window: 'signature checks fell behind' (a full re-check) %d time(s)" % fell)
    other = max((results[name]["summary"]["other_cpu_s"] or 0) / args.duration for name in results)
    if other > 0.05:
        notes.append("  other processes used up to %.0f%% of a core during these runs (median per server)"
                     % (other * 100))
    for note in notes:
        print(note)


def machine_info(args):
    def first_line(argv):
        try:
            out = subprocess.run(argv, capture_output=True, text=True, timeout=30)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return None

    cpu = None
    for line in read_text("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "kernel": platform.release(),
        "loadavg_at_start": read_text("/proc/loadavg").strip(),
        "wrk": (first_line([args.wrk, "-v"]) or "").split(" Copyright")[0],
        "nginx": first_line([args.nginx, "-v"]),
        "node": first_line([args.node, "--version"]) if args.node else None,
        "hookbench": first_line([args.hookbench, "--version"]),
        "hookbench_path": os.path.abspath(args.hookbench),
        "window_bench_path": os.path.abspath(args.window_bench) if args.window_bench else None,
    }


def prepare_mockttp(args):
    """node and mockttp's modules (npm install into tests/benchmarks/mockttp when missing); a note when impossible."""
    args.node = shutil.which("node")
    npm = shutil.which("npm")
    if not args.node or not npm:
        return "node or npm not found"
    if not os.path.isdir(os.path.join(MOCKTTP_DIR, "node_modules", "mockttp")):
        # install, not ci: npm ci rejects the lock file for mockttp's optional tls-impersonate; install follows it
        log("mockttp: npm install in %s" % MOCKTTP_DIR)
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund"], cwd=MOCKTTP_DIR,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            return "npm install failed: %s" % done.stderr.strip()[-500:]
    with open(os.path.join(MOCKTTP_DIR, "node_modules", "mockttp", "package.json")) as f:
        args.mockttp_version = json.load(f)["version"]
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hookbench", required=True, help="the hookbench binary (a release build)")
    parser.add_argument("--window-bench", help="bench_window_capture, to measure the window as well")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run (default 10)")
    parser.add_argument("--runs", type=int, default=3, help="runs per server and cell; medians (default 3)")
    parser.add_argument("--only", default=",".join(SERVERS), help="servers: nginx,mockttp,hookbench,window")
    parser.add_argument("--connections", default="16,64", help="keep-alive connections per cell (default 16,64)")
    parser.add_argument("--bodies", default="small,large", help="small (483 B sample), large (100 KB)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--port-base", type=int, default=18480, help="first port of the range (default 18480)")
    parser.add_argument("--secret", default=PAGE_SECRET,
                        help="the window's secret; the bodies are signed with it (default: the Firm App page's)")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    parser.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    parser.add_argument("--json-out", help="also write every figure (each run and the medians) here")
    parser.add_argument("--keep", action="store_true", help="keep each run's folder (stores, logs)")
    args = parser.parse_args()

    only = [name.strip() for name in args.only.split(",") if name.strip()]
    only = ["hookbench" if name == "listen" else name for name in only]
    unknown = [name for name in only if name not in SERVERS]
    if unknown:
        parser.error("--only: unknown server(s) %s" % ",".join(unknown))
    if not os.access(args.wrk, os.X_OK):
        sys.exit("capture_bench: wrk not found (%s)" % args.wrk)
    if "hookbench" in only and not os.access(args.hookbench, os.X_OK):
        sys.exit("capture_bench: --hookbench %s is not executable" % args.hookbench)
    skipped = {}
    if "nginx" in only and not (os.access(args.nginx, os.X_OK) and os.path.exists(ECHO_MODULE)):
        skipped["nginx"] = "nginx or its echo module (libnginx-mod-http-echo) not installed"
    args.node = None
    args.mockttp_version = None
    if "mockttp" in only:
        note = prepare_mockttp(args)
        if note:
            skipped["mockttp"] = note
    if "window" in only and not args.window_bench:
        skipped["window"] = "no --window-bench given"
    elif "window" in only and not os.access(args.window_bench, os.X_OK):
        skipped["window"] = "--window-bench %s is not executable" % args.window_bench
    servers = [name for name in SERVERS if name in only and name not in skipped]
    for name, why in skipped.items():
        print("note: %s skipped: %s" % (name, why))

    connections = [int(c) for c in args.connections.split(",")]
    scratch = tempfile.mkdtemp(prefix="hookbench-capture-bench-")
    bodies = make_bodies(args.secret)
    body_paths = {}
    for name, body in bodies.items():
        body_paths[name] = os.path.join(scratch, "%s.json" % name)
        with open(body_paths[name], "wb") as f:
            f.write(body)
    cells = [(b, c) for b in args.bodies.split(",") for c in connections]
    expected = len(cells) * args.runs * len(servers) * (args.duration + 3)
    log("capture_bench: %d cells x %d runs x %d servers, about %d min" % (len(cells), args.runs, len(servers),
                                                                       round(expected / 60)))
    report = {
        "started_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine_info(args),
        "settings": {"duration_s": args.duration, "runs": args.runs, "wrk_threads": args.threads,
                     "connections": connections, "port_range": [args.port_base, args.port_base + 15],
                     "bodies": {name: len(bodies[name]) for name in bodies}, "mockttp": args.mockttp_version,
                     "nginx_workers": os.cpu_count()},
        "skipped": skipped,
        "cells": [],
    }
    m = report["machine"]
    print("machine: %s cores (%s), kernel %s; %s; %s; node %s, mockttp %s; %s"
          % (m["cpus"], m["cpu_model"], m["kernel"], m["wrk"], m["nginx"], m["node"], args.mockttp_version,
             m["hookbench"]))
    sys.stdout.flush()
    ports = Ports(args.port_base, 16)
    try:
        for body_name, conns in cells:
            results = {name: {"runs": []} for name in servers}
            for run in range(args.runs):
                for name in servers:  # one server after the other, the runs interleaved
                    log("  %s, %d conn, run %d/%d: %s" % (body_name, conns, run + 1, args.runs, name))
                    results[name]["runs"].append(run_once(args, name, ports, body_paths[body_name], conns, scratch))
                    time.sleep(1)
            for name in servers:
                results[name]["summary"] = summarize(results[name]["runs"])
            print_cell(body_label(body_name, bodies[body_name]), conns, args, results)
            sys.stdout.flush()
            report["cells"].append({"body": body_name, "body_bytes": len(bodies[body_name]), "connections": conns,
                                    "servers": results})
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    report["finished_utc"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    report["machine"]["loadavg_at_end"] = read_text("/proc/loadavg").strip()
    print()
    print("CPU us/req: the server's process tree (utime+stime) over the wrk run, per request answered. "
          "lost: answered 2xx by wrk's count but not in the store (summed over the runs). unansw.: stored but "
          "not counted by wrk, in flight when it stopped (at most one per connection per run). wrk runs on the "
          "same %d cores as the server." % (os.cpu_count() or 0))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(report, f, indent=2)
        print("figures written to %s" % args.json_out)


if __name__ == "__main__":
    main()
