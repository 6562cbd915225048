#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The body budget: 64 connections each upload 64 MiB at once (4 GiB in all). Bodies in flight stay
# within the budget (256 MiB by default), so the process's peak memory grows by less than 1 GiB; every
# upload is acknowledged and stored byte for byte. The time a normal client waits for its answer
# meanwhile is printed (median, 99th percentile, worst; target 100 ms): large bodies commit on a writer lane
# of their own, so a small delivery does not wait while a 64 MiB body is written and synced
# (docs/ARCHITECTURE.md). A figure, not a pass/fail check: the machine's noise decides it as much as the code.
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"

start_listen up --store "$e2e_work/store.sqlite"
sleep 0.5
before=$(memory_mb "$LISTEN_PID" VmHWM)
python3 <(probe_py) "$LISTEN_PORT" "$e2e_work/stop-probe" "$e2e_work/probe.txt" &
probe=$!
start=$(date +%s.%N)
python3 - "$LISTEN_PORT" "$e2e_work/digests.txt" <<'PY' || fail "uploads failed"
import hashlib, os, socket, sys, threading
from e2e_http import read_head
port, size, count = int(sys.argv[1]), 64 * 1024 * 1024, 64
shared = memoryview(os.urandom(size))
results = [None] * count
def upload(i):
    prefix = b"%016d" % i
    s = socket.create_connection(("127.0.0.1", port), timeout=120)
    s.sendall(b"POST /upload/%d HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
              b"Content-Length: %d\r\n\r\n" % (i, size) + prefix)
    s.sendall(shared[len(prefix):])
    answer = read_head(s)
    s.close()
    results[i] = answer.split(b" ")[1] if answer.startswith(b"HTTP/1.1 ") else answer[:60]
threads = [threading.Thread(target=upload, args=(i,)) for i in range(count)]
for t in threads:
    t.start()
for t in threads:
    t.join()
bad = [(i, r) for i, r in enumerate(results) if r != b"200"]
assert not bad, bad[:3]
tail = hashlib.sha256(shared[16:]).digest()
with open(sys.argv[2], "w") as f:
    for i in range(count):
        f.write("/upload/%d %s\n" % (i, hashlib.sha256(b"%016d" % i + shared[16:]).hexdigest()))
PY
end=$(date +%s.%N)
touch "$e2e_work/stop-probe"
wait "$probe" || fail "the normal client was not answered"
after=$(memory_mb "$LISTEN_PID" VmHWM)
kill -TERM "$LISTEN_PID"
wait "$LISTEN_PID" || fail "listen did not exit cleanly"
stored_bodies "$e2e_work/store.sqlite" "$e2e_work/stored" /upload/
python3 - "$e2e_work/stored" "$e2e_work/digests.txt" <<'PY' || fail "stored bodies differ from the uploads"
import hashlib, os, sys
expected = dict(line.split() for line in open(sys.argv[2]))
seen = 0
for name in os.listdir(sys.argv[1]):
    with open(os.path.join(sys.argv[1], name), "rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == expected["/upload/" + name], name
    seen += 1
assert seen == len(expected), seen
PY
read -r worst p99 median probes <"$e2e_work/probe.txt"
growth=$((after - before))
echo "64 uploads of 64 MiB acknowledged and stored byte for byte in $(python3 -c "print(f'{$end-$start:.1f}')") s"
echo "peak memory (VmHWM): $before MiB before, $after MiB after, growth $growth MiB (target < 1024)"
verdict=$(python3 -c "print('met' if $worst < 100 else 'not met')")
echo "normal client: $probes deliveries, median $median ms, 99th percentile $p99 ms, worst $worst ms (target 100 ms: $verdict)"
[ "$growth" -lt 1024 ] || fail "memory grew by $growth MiB"
echo "PASS: the body budget bounds memory for 64 concurrent 64 MiB uploads"
