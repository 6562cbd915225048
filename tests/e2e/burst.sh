#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# 2,000 POSTs over 64 concurrent connections: every one acknowledged, every one in the store with
# identical bytes (sha256), and in `listen --json` with the same sha256.
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"
count=2000

make_bodies "$e2e_work/bodies" $count
start_listen burst --json --store "$e2e_work/store.sqlite"
curl_config "$e2e_work/bodies" "$LISTEN_PORT" $count >"$e2e_work/curl.cfg"

start=$(date +%s.%N)
curl --silent --parallel --parallel-max 64 --parallel-immediate --config "$e2e_work/curl.cfg" >"$e2e_work/codes.txt" || true
end=$(date +%s.%N)
ok=$(grep -c '^200 ' "$e2e_work/codes.txt" || true)
echo "acknowledged $ok of $count in $(python3 -c "print(f'{$end-$start:.2f}')") s"
[ "$ok" -eq $count ] || fail "only $ok of $count got 200: $(grep -v '^200 ' "$e2e_work/codes.txt" | head -3)"

kill -TERM "$LISTEN_PID"
wait "$LISTEN_PID" || fail "listen did not exit cleanly on SIGTERM"
grep -q "Stopped: $count capture(s)" "$e2e_work/burst.err" || fail "no summary line: $(tail -2 "$e2e_work/burst.err")"

stored_bodies "$e2e_work/store.sqlite" "$e2e_work/stored"
(cd "$e2e_work/bodies" && sha256sum -- * | sort -k2) >"$e2e_work/sent.sha"
(cd "$e2e_work/stored" && sha256sum -- * | sort -k2) >"$e2e_work/kept.sha"
diff -q "$e2e_work/sent.sha" "$e2e_work/kept.sha" >/dev/null || fail "stored bodies differ from the bodies sent"

lines=$(wc -l <"$e2e_work/burst.out")
[ "$lines" -eq $count ] || fail "listen --json printed $lines lines, expected $count"
python3 - "$e2e_work/burst.out" "$e2e_work/sent.sha" <<'PY' || fail "listen --json lines do not match the bodies sent"
import json, sys
sent = {}
for line in open(sys.argv[2]):
    digest, name = line.split()
    sent["/burst/" + name] = digest
seen = 0
for line in open(sys.argv[1]):
    o = json.loads(line)
    for key in ("id", "receivedAt", "method", "target", "httpVersion", "headers", "bodyBytes", "bodySha256",
                "responseStatus", "malformed"):
        assert key in o, key
    assert o["method"] == "POST" and o["responseStatus"] == 200 and o["malformed"] is None
    assert sent[o["target"]] == o["bodySha256"], o["target"]
    seen += 1
assert seen == len(sent)
PY
echo "PASS: $count captures acknowledged, stored and reported byte for byte"
