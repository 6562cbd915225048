#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Deadlines, request smuggling shapes and HAR bombs against the built binary. A head that is not complete within
# --header-timeout, and a body or trailers that keep trickling past --request-timeout, get 408 however steadily
# their bytes arrive. Bare LF after a field line, Content-Length with Transfer-Encoding and two Content-Lengths get
# 400 and are captured as malformed. `show` reads a HAR file whose one entry would build millions of nodes, and one
# with 5,000 broken entries: it reports them (1,000 problems, then how many more), reads the good entry, and its peak
# memory stays far below what the bomb would take. (The idle limit between keep-alive requests has no option to
# shorten it: TestEndpointLimits and TestCaptureServer check it.)
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"

start_listen dl --store "$e2e_work/store.sqlite" --json --header-timeout 1 --request-timeout 2
python3 - "$LISTEN_PORT" <<'PY' || fail "deadlines or smuggling shapes were not answered as expected"
import socket, sys, time
from e2e_http import read_head
port = int(sys.argv[1])

def answer_of(s, limit=10):
    s.settimeout(limit)
    return read_head(s)

def trickle(first, step, seconds):
    """Sends `first`, then `step` every 100 ms until answered; returns (answer, seconds until answered)."""
    s = socket.create_connection(("127.0.0.1", port))
    start = time.monotonic()
    s.sendall(first)
    s.setblocking(False)
    answer = b""
    while time.monotonic() - start < seconds and b"\r\n\r\n" not in answer:
        try:
            s.sendall(step)
        except (BlockingIOError, BrokenPipeError, ConnectionResetError):
            pass
        time.sleep(0.1)
        try:
            answer += s.recv(4096)
        except BlockingIOError:
            pass
        except (ConnectionResetError, OSError):
            break
    s.setblocking(True)
    answer += answer_of(s, 2) if b"\r\n\r\n" not in answer else b""
    s.close()
    return answer, time.monotonic() - start

# A head trickled one header line every 100 ms: 408 after the 1 s head deadline.
answer, took = trickle(b"POST /slow-head HTTP/1.1\r\nHost: h\r\n", b"X-A: b\r\n", 10)
assert answer.startswith(b"HTTP/1.1 408"), answer[:60]
assert 0.9 < took < 4, took
print("head trickled: 408 after %.1f s (header timeout 1 s)" % took)
# A body trickled a byte every 100 ms: 408 after the 2 s request deadline, though bytes keep arriving.
answer, took = trickle(b"POST /slow-body HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\n", b"x", 10)
assert answer.startswith(b"HTTP/1.1 408"), answer[:60]
assert 1.9 < took < 5, took
print("body trickled: 408 after %.1f s (request timeout 2 s)" % took)
# Chunk framing and then trailers trickled: the same deadline.
answer, took = trickle(b"POST /slow-trailers HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n",
                       b"X-T: t\r\n", 10)
assert answer.startswith(b"HTTP/1.1 408"), answer[:60]
assert 1.9 < took < 5, took
print("trailers trickled: 408 after %.1f s (request timeout 2 s)" % took)

shapes = {
    "/bare-lf": b"POST /bare-lf HTTP/1.1\r\nHost: h\nX-A: b\r\nContent-Length: 0\r\n\r\n",
    "/cl-te": b"POST /cl-te HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "/two-cl": b"POST /two-cl HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
}
for target, request in shapes.items():
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(request)
    answer = answer_of(s)
    s.close()
    assert answer.startswith(b"HTTP/1.1 400"), (target, answer[:60])
print("bare LF, Content-Length with Transfer-Encoding, two Content-Lengths: 400 each")
PY
sleep 0.3
kill -TERM "$LISTEN_PID"
wait "$LISTEN_PID" || fail "listen did not exit cleanly"
python3 - "$e2e_work/dl.out" <<'PY' || fail "captures are wrong: $(cat "$e2e_work/dl.out")"
import json, sys
lines = {json.loads(l)["target"]: json.loads(l) for l in open(sys.argv[1])}
for target in ("/slow-head", "/slow-body", "/slow-trailers"):
    assert lines[target]["responseStatus"] == 408, lines.get(target)
for target in ("/bare-lf", "/cl-te", "/two-cl"):
    assert lines[target]["responseStatus"] == 400 and lines[target]["malformed"], lines.get(target)
PY

# HAR bombs: one entry that would build ten million nodes, and 5,000 broken entries around one good one.
python3 - "$e2e_work" <<'PY'
import json, os, sys
work = sys.argv[1]
good = {"startedDateTime": "2026-12-07T10:00:00.000Z", "time": 1,
        "request": {"method": "POST", "url": "http://h/good", "httpVersion": "HTTP/1.1", "headers": [],
                    "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 2,
                    "postData": {"mimeType": "application/json", "text": "{}"}},
        "response": {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [],
                     "content": {"size": 0, "mimeType": "text/plain"}, "redirectURL": "", "headersSize": -1,
                     "bodySize": 0},
        "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}}
head = '{"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":['
with open(os.path.join(work, "nodes.har"), "w") as f:
    f.write(head + '{"bomb":[' + "0," * 10_000_000 + '0]},' + json.dumps(good) + "]}}")
with open(os.path.join(work, "broken.har"), "w") as f:
    f.write(head + ",".join(['{"request":{"method":1}}'] * 5000 + [json.dumps(good)]) + "]}}")
PY
python3 - "$HOOKBENCH" "$e2e_work" <<'PY' || fail "HAR bombs were not bounded"
import os, resource, subprocess, sys
hookbench, work = sys.argv[1], sys.argv[2]
for name, want_problems in (("nodes.har", None), ("broken.har", 5000)):
    run = subprocess.run([hookbench, "show", os.path.join(work, name), "--json"], capture_output=True, text=True,
                         timeout=120)
    lines = [l for l in run.stdout.splitlines() if l.strip()]
    assert any('"/good"' in l for l in lines), (name, run.stdout[-300:], run.stderr[-300:])
    problems = [l for l in run.stderr.splitlines() if l.strip()]
    assert problems, (name, run.stderr[-300:])
    if want_problems:  # 1,000 problems, and a line for the rest
        assert len(problems) == 1001 and "4000 more problem(s) not shown" in problems[-1], problems[-2:]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print("%s: good entry shown, %d problem lines, peak memory of show so far %d MiB" % (name, len(problems), peak))
    assert peak < 400, peak  # ten million nodes would take over 600 MiB
PY
echo "PASS: deadlines, smuggling shapes and HAR bombs"
