#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Signature forensics is bounded: three 30 KB JSON bodies nested 5,000 deep, posted with a wrong GitHub
# signature while a secret is set, must not grow `listen` by 64 MB or more (peak RSS, VmHWM). The
# failures are still explained, and an ordinary re-serialized body is still recognised. The time a normal
# client waits for its answer meanwhile is printed (median, 99th percentile, worst; target 100 ms).
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"

export BOMB_SECRET="bomb-secret-$(date +%s%N)"
limit_kb=$((64 * 1024))
start_listen bomb --json --store "$e2e_work/store.sqlite" --secret-env BOMB_SECRET
sleep 0.5
kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$LISTEN_PID/status"; }
before=$(kb VmRSS)
python3 <(probe_py) "$LISTEN_PORT" "$e2e_work/stop-probe" "$e2e_work/probe.txt" &
probe=$!

python3 - "$e2e_work" <<'PY'
import os, sys
depth = 5000
for i in range(3):
    body = '{"a":' * depth + '"%s"' % ("x" * (30000 - 6 * depth if 30000 > 6 * depth else 16)) + '}' * depth
    with open(os.path.join(sys.argv[1], "bomb%d.json" % i), "w") as f:
        f.write(body)
PY
wrong="sha256=$(printf 'other' | openssl dgst -sha256 -hmac "not-the-secret" -r | cut -d' ' -f1)"
for i in 0 1 2; do
    curl -s -o /dev/null -H 'Content-Type: application/json' -H 'X-GitHub-Event: push' \
        -H "X-Hub-Signature-256: $wrong" --data-binary "@$e2e_work/bomb$i.json" \
        "http://127.0.0.1:$LISTEN_PORT/bomb/$i" || fail "post $i failed"
done
# An ordinary failure: the body was re-indented after signing.
compact='{"action":"opened","number":7,"sender":{"login":"sam"}}'
pretty='{
  "action": "opened",
  "number": 7,
  "sender": {
    "login": "sam"
  }
}'
good="sha256=$(printf '%s' "$compact" | openssl dgst -sha256 -hmac "$BOMB_SECRET" -r | cut -d' ' -f1)"
curl -s -o /dev/null -H 'Content-Type: application/json' -H 'X-GitHub-Event: issues' \
    -H "X-Hub-Signature-256: $good" --data-binary "$pretty" "http://127.0.0.1:$LISTEN_PORT/pretty"
printed() { # how many of listen's lines are for this target ("/probe") or for others ("other")
    python3 -c 'import json, sys
print(sum((json.loads(l)["target"] == "/probe") == (sys.argv[2] == "/probe") for l in open(sys.argv[1])))' "$@"
}
# The four deliveries above have their results, and the normal client has been answered a few times.
for _ in $(seq 1 300); do
    [ "$(printed "$e2e_work/bomb.out" other)" -ge 4 ] && [ "$(printed "$e2e_work/bomb.out" /probe)" -ge 3 ] && break
    sleep 0.1
done
touch "$e2e_work/stop-probe"
wait "$probe" || fail "the normal client was not answered: see above"
peak=$(kb VmHWM)
kill -TERM "$LISTEN_PID"; wait "$LISTEN_PID" || true
growth=$((peak - before))
echo "forensics bomb: RSS before ${before} kB, peak ${peak} kB, growth $((growth / 1024)) MB (limit $((limit_kb / 1024)) MB)"
read -r worst p99 median probes <"$e2e_work/probe.txt"
echo "normal client: $probes deliveries, median $median ms, 99th percentile $p99 ms, worst $worst ms (target 100 ms)"

python3 - "$e2e_work/bomb.out" <<'PY' || fail "signature results are wrong: $(head -c 2000 "$e2e_work/bomb.out")"
import json, sys
lines = {json.loads(l)["target"]: json.loads(l)["signature"] for l in open(sys.argv[1])}
for i in range(3):
    s = lines["/bomb/%d" % i]
    assert s["scheme"] == "github" and s["status"] == "invalid", s
    assert s["cause"] == "wrong_secret", s
s = lines["/pretty"]
assert s["status"] == "invalid" and s["cause"] == "body_reserialized", s
PY
[ "$growth" -lt "$limit_kb" ] || fail "forensics grew listen by $((growth / 1024)) MB (limit 64 MB)"
