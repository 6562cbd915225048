#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# listen's output blocked: standard output is a pipe nobody reads while 200 bodies of 1 MiB arrive, so the
# thread that checks and prints captures stops at its first line. Every delivery is still answered 200, and the
# captures waiting for that thread hold at most 64 MiB of bodies (the rest are read back from the store when
# the pipe drains): the process grows by less than 160 MiB, where it would hold all 200 MiB. Once the pipe is
# read, every capture is printed, in order. The peak memory is printed.
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"

count=200
mkfifo "$e2e_work/slow.out"
exec 3<>"$e2e_work/slow.out" # held open, never read until the end: the pipe fills after the first line
start_listen slow --store "$e2e_work/store.sqlite" --json
sleep 0.3
before=$(memory_mb "$LISTEN_PID" VmHWM)
python3 - "$LISTEN_PORT" "$count" <<'PY' || fail "deliveries were not all answered 200"
import http.client, sys
port, count = int(sys.argv[1]), int(sys.argv[2])
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
for i in range(count):
    body = (b"%08d" % i) * (1024 * 1024 // 8)
    connection.request("POST", "/slow/%d" % i, body, {"Content-Type": "application/octet-stream"})
    answer = connection.getresponse()
    answer.read()
    assert answer.status == 200, (i, answer.status)
PY
after=$(memory_mb "$LISTEN_PID" VmHWM)
growth=$((after - before))
echo "$count deliveries of 1 MiB answered 200 while the output was blocked"
echo "peak memory (VmHWM): $before MiB before, $after MiB after, growth $growth MiB (target < 160)"
[ "$growth" -lt 160 ] || fail "memory grew by $growth MiB while the output was blocked"

# Drain the pipe: every capture is printed, in the order it was stored.
cat >"$e2e_work/drain.py" <<'PY'

import json, sys
count, seen = int(sys.argv[1]), []
for line in sys.stdin:
    seen.append(json.loads(line))
    if len(seen) == count:
        break
targets = [capture["target"] for capture in seen]
assert targets == ["/slow/%d" % i for i in range(count)], targets[:5]
ids = [capture["id"] for capture in seen]
assert ids == sorted(ids), ids[:5]
PY
timeout 60 python3 "$e2e_work/drain.py" "$count" <&3 || fail "not every capture was printed in order"
kill -9 "$LISTEN_PID"
wait "$LISTEN_PID" 2>/dev/null || true
echo "PASS: a blocked output holds bounded memory and loses no capture"
