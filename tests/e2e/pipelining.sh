#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Back-pressure: four clients pipeline small GETs as fast as they can for 8 s and never read an
# answer. Hookbench stops reading from them, so its memory stays flat (peak growth under 64 MiB, well
# inside the 256 MB target; without back-pressure it grew 79 MiB in these 8 s, and on) and
# the kernel's buffers make the clients wait. The time a normal client waits meanwhile is printed
# (median, 99th percentile, worst; the target is 100 ms): commits come in groups of at most 256
# captures, and a connection is read about as many requests at a time as may still be pending (at most 4 KiB
# outside a body), so nobody waits behind thousands.
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
request = b"GET /p HTTP/1.1\r\nHost: h\r\n\r\n"  # the answer is 4 times larger than the request
batch = request * 8192
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
    # The client stopped in the middle of a request: that one may end as 408 at the head deadline.
    if statuses and statuses[-1] == b"408":
        statuses.pop()
    assert statuses and all(code == b"200" for code in statuses), sorted(set(statuses))
    # Whole answers only: a read that timed out in the middle of one would cut its id short.
    ids = [int(n) for n in re.findall(rb'"id":(\d+)\}', data)]
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
echo "peak memory (VmHWM): $before MiB before, $after MiB after, growth $growth MiB (checked < 64; target < 256)"
echo "normal client: $probes deliveries, median $median ms, 99th percentile $p99 ms, worst $worst ms (target 100 ms)"
[ "$growth" -lt 64 ] || fail "memory grew by $growth MiB"
kill -TERM "$LISTEN_PID"
wait "$LISTEN_PID" || fail "listen did not exit cleanly"
echo "PASS: back-pressure holds memory while clients pipeline without reading"
