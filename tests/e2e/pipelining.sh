#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Back-pressure: four clients pipeline 1 KiB POSTs as fast as they can for 8 s and never read an
# answer. Hookbench stops reading from them, so its memory stays flat (peak growth under 256 MB) and
# the kernel's buffers make the clients wait; a normal client is answered within 100 ms throughout
# (99th percentile; the worst is printed).
# Then the clients read: every answer is a 200, in order.
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"

start_listen pipe --store "$e2e_work/store.sqlite"
sleep 0.5
before=$(memory_mb "$LISTEN_PID" VmHWM)
python3 <(probe_py) "$LISTEN_PORT" "$e2e_work/stop-probe" "$e2e_work/probe.txt" &
probe=$!
python3 - "$LISTEN_PORT" "$e2e_work/sent.txt" <<'PY' || fail "pipelining clients failed"
import re, socket, sys, time
port = int(sys.argv[1])
request = b"POST /pipe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1024\r\n\r\n" + b"x" * 1024
batch = request * 256
socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(4)]
for s in socks:
    s.setblocking(False)
offsets = [0] * len(socks)
sent = 0
deadline = time.monotonic() + 8
while time.monotonic() < deadline:
    progressed = False
    for i, s in enumerate(socks):
        try:
            n = s.send(batch[offsets[i]:])
        except BlockingIOError:
            continue
        offsets[i] = (offsets[i] + n) % len(batch)
        sent += n
        progressed = True
    if not progressed:
        time.sleep(0.01)
# Now read: only 200s, and at least the answers to what the endpoint read.
answers = 0
for s in socks:
    s.setblocking(True)
    s.settimeout(2)
    data = b""
    try:
        while True:
            chunk = s.recv(1 << 20)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        pass
    statuses = re.findall(rb"HTTP/1\.1 (\d{3}) ", data)
    assert statuses and all(code == b"200" for code in statuses), statuses[:5]
    ids = [int(n) for n in re.findall(rb'"id":(\d+)', data)]
    assert ids == sorted(ids), "answers out of order"
    answers += len(statuses)
    s.close()
open(sys.argv[2], "w").write("%d %d\n" % (sent, answers))
PY
touch "$e2e_work/stop-probe"
wait "$probe" || fail "the normal client was not answered: see above"
after=$(memory_mb "$LISTEN_PID" VmHWM)
read -r sent answers <"$e2e_work/sent.txt"
read -r worst p99 median probes <"$e2e_work/probe.txt"
growth=$((after - before))
echo "pipelined without reading for 8 s: $((sent / 1048576)) MiB sent, $answers answers read afterwards"
echo "peak memory (VmHWM): $before MiB before, $after MiB after, growth $growth MiB (target < 256)"
echo "normal client: $probes deliveries, median $median ms, 99th percentile $p99 ms (target < 100), worst $worst ms"
[ "$growth" -lt 256 ] || fail "memory grew by $growth MiB"
python3 -c "import sys; sys.exit(0 if $p99 < 100 else 1)" || fail "1% of normal deliveries took over $p99 ms"
kill -TERM "$LISTEN_PID"
wait "$LISTEN_PID" || fail "listen did not exit cleanly"
echo "PASS: back-pressure holds memory and keeps normal deliveries fast"
