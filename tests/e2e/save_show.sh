#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `listen --save FILE.har` writes the session on exit; `show --json` reads it back in the very shape
# `listen --json` printed, bodies (binary ones included) identical by sha256.
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"

make_bodies "$e2e_work/bodies" 30
start_listen save --json --store "$e2e_work/store.sqlite" --save "$e2e_work/session.har"
curl_config "$e2e_work/bodies" "$LISTEN_PORT" 30 >"$e2e_work/curl.cfg"
curl --parallel --parallel-max 4 --config "$e2e_work/curl.cfg" >/dev/null
curl -s -o /dev/null -X DELETE -H 'X-Dup: 1' -H 'x-dup: 2' "http://127.0.0.1:$LISTEN_PORT/empty?q=%20"
kill -INT "$LISTEN_PID"
wait "$LISTEN_PID" || fail "listen did not exit cleanly on SIGINT"
grep -q "Saved 31 capture(s)" "$e2e_work/save.err" || fail "no save line: $(cat "$e2e_work/save.err")"

"$HOOKBENCH" show --json "$e2e_work/session.har" >"$e2e_work/show.out" || fail "show failed"
python3 - "$e2e_work/save.out" "$e2e_work/show.out" <<'PY' || fail "show --json differs from listen --json"
import json, sys
listen = [json.loads(l) for l in open(sys.argv[1])]
show = [json.loads(l) for l in open(sys.argv[2])]
assert len(listen) == len(show) == 31, (len(listen), len(show))
for a, b in zip(sorted(listen, key=lambda o: o["id"]), sorted(show, key=lambda o: o["id"])):
    assert a == b, (a, b)
PY
"$HOOKBENCH" show "$e2e_work/session.har" | grep -q 'DELETE /empty?q=%20' || fail "human line missing"
echo '{"log": {"entries": [' >"$e2e_work/broken.har"
set +e
"$HOOKBENCH" show "$e2e_work/broken.har" >/dev/null 2>"$e2e_work/broken.err"
code=$?
set -e
[ "$code" -eq 2 ] || fail "a truncated file should exit 2, got $code"
grep -q 'hookbench show' "$e2e_work/broken.err" || fail "no error text for a truncated file"
echo "PASS: saved on exit and shown back identically"
