#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Request limits against the built binary: token methods llhttp does not know are captured and
# answered by the rules; a 2^63 Content-Length with Expect: 100-continue gets 413, never 100; a
# flood of chunk extensions gets 400 early and is captured as malformed; the soft file limit is
# raised to the hard one and the connection cap kept below it; the 503 over the cap arrives whole.
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"

cat >"$e2e_work/rules.json" <<'JSON'
{"rules": [{"method": "QUERY", "path": "/search", "status": 207, "body": "found"}]}
JSON
# A hard limit of 300 files and a soft one of 100: listen raises the soft one and caps connections.
prlimit --nofile=100:300 -- "$HOOKBENCH" listen --port 0 --json --rules "$e2e_work/rules.json" \
    --max-connections 1000 --store "$e2e_work/store.sqlite" >"$e2e_work/lim.out" 2>"$e2e_work/lim.err" &
LISTEN_PID=$!
e2e_pids+=("$LISTEN_PID")
for _ in $(seq 1 100); do
    LISTEN_PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$e2e_work/lim.err" | grep -o '[0-9]*$' || true)
    [ -n "$LISTEN_PORT" ] && break
    sleep 0.1
done
[ -n "$LISTEN_PORT" ] || fail "listen did not start: $(cat "$e2e_work/lim.err")"
soft=$(awk '/Max open files/ {print $4}' "/proc/$LISTEN_PID/limits")
echo "file limit: soft $soft (started with 100, hard 300)"
[ "$soft" = 300 ] || fail "soft file limit is $soft, not raised to 300"
grep -q "at most 204 connections at a time (the file limit is 300)" "$e2e_work/lim.err" \
    || fail "no connection cap warning: $(cat "$e2e_work/lim.err")"

code=$(curl -s -o "$e2e_work/q.body" -w '%{http_code}' -X QUERY --data-binary '{"q":1}' "http://127.0.0.1:$LISTEN_PORT/search")
[ "$code" = 207 ] && [ "$(cat "$e2e_work/q.body")" = found ] || fail "QUERY got $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -X FOO-BAR "http://127.0.0.1:$LISTEN_PORT/custom")
[ "$code" = 200 ] || fail "FOO-BAR got $code"

python3 - "$LISTEN_PORT" <<'PY' || fail "raw requests were not answered as expected"
import socket, sys, time
from e2e_http import read_head
port = int(sys.argv[1])
def exchange(data, read_for=5):
    s = socket.create_connection(("127.0.0.1", port), timeout=read_for)
    s.sendall(data)
    answer = read_head(s)
    s.close()
    return answer
big = exchange(b"POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 9223372036854775808\r\nExpect: 100-continue\r\n\r\n")
assert big.startswith(b"HTTP/1.1 413"), big[:60]
# Extensions on one chunk, sent until the endpoint answers: it must answer long before 128 MB.
s = socket.create_connection(("127.0.0.1", port), timeout=10)
s.sendall(b"POST /ext HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1")
block = b";a" * 32768
sent = 0
s.setblocking(False)
answer = b""
deadline = time.monotonic() + 20
while time.monotonic() < deadline and sent < 128 * 1024 * 1024 and not answer:
    try:
        sent += s.send(block)
    except BlockingIOError:
        time.sleep(0.001)
    except (BrokenPipeError, ConnectionResetError):
        break
    try:
        answer += s.recv(4096)
    except BlockingIOError:
        pass
s.setblocking(True)
s.settimeout(5)
answer = read_head(s, answer)
assert answer.startswith(b"HTTP/1.1 400"), answer[:80]
print("chunk extensions: answered 400 after %d KiB sent" % (sent // 1024))
assert sent < 8 * 1024 * 1024, sent
PY

kill -TERM "$LISTEN_PID"
wait "$LISTEN_PID" || fail "listen did not exit cleanly"
python3 - "$e2e_work/lim.out" <<'PY' || fail "captures are wrong: $(cat "$e2e_work/lim.out")"
import json, sys
lines = {json.loads(l)["target"]: json.loads(l) for l in open(sys.argv[1])}
assert lines["/search"]["method"] == "QUERY" and lines["/search"]["responseStatus"] == 207
assert lines["/custom"]["method"] == "FOO-BAR" and lines["/custom"]["responseStatus"] == 200
assert lines["/big"]["responseStatus"] == 413
assert "chunk extensions larger than the limit" in lines["/ext"]["malformed"], lines["/ext"]
PY

# Over the cap, a client sending a 4 MiB body still reads the whole 503.
start_listen cap --store "$e2e_work/cap.sqlite" --max-connections 1
python3 - "$LISTEN_PORT" <<'PY' || fail "the 503 over the cap did not arrive"
import socket, sys
port = int(sys.argv[1])
holder = socket.create_connection(("127.0.0.1", port))
holder.sendall(b"GET /hold HTTP/1.1\r\nHost: h\r\n\r\n")
assert holder.recv(4096).startswith(b"HTTP/1.1 200")
for _ in range(5):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        s.sendall(b"POST /over HTTP/1.1\r\nHost: h\r\nContent-Length: 4194304\r\n\r\n" + b"x" * 4194304)
    except (BrokenPipeError, ConnectionResetError):
        pass
    answer = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        answer += chunk
    assert answer.startswith(b"HTTP/1.1 503") and b"too many connections (limit 1)" in answer, answer[:80]
    s.close()
print("503 over the cap delivered 5 of 5 times")
PY
echo "PASS: token methods, unsigned lengths, chunk extensions, file limit and the 503 over the cap"
