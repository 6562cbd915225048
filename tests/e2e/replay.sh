#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `listen --forward-to` sends each capture on to a second Hookbench as it arrives and prints the target's
# answer in the capture's line; the forwards are saved in the HAR file; `hookbench replay` sends the file's
# captures again exactly (headers and body bytes), re-signs with another secret, and exits 0/1/2 as documented.
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"

count=20
export NEW_SECRET=new-secret
start_listen receiver --json --store "$e2e_work/receiver.sqlite" --secret-env NEW_SECRET
receiver_pid=$LISTEN_PID
receiver_port=$LISTEN_PORT
start_listen forwarder --json --store "$e2e_work/forwarder.sqlite" --save "$e2e_work/forwarded.har" \
    --forward-to "http://127.0.0.1:$receiver_port/in" --append-path
forwarder_pid=$LISTEN_PID
forwarder_port=$LISTEN_PORT
grep -q "Forwarding each capture to http://127.0.0.1:$receiver_port/in" "$e2e_work/forwarder.err" \
    || fail "no forwarding line: $(cat "$e2e_work/forwarder.err")"

make_bodies "$e2e_work/bodies" "$count"
for i in $(seq 1 "$count"); do
    curl -s -o /dev/null -H 'X-Dup: a' -H 'x-dup: b' -H 'X-Dup: c' -H 'Content-Type: application/octet-stream' \
        --data-binary "@$e2e_work/bodies/$i" "http://127.0.0.1:$forwarder_port/hook/$i?n=$i" \
        || fail "post $i failed"
done
for _ in $(seq 1 100); do
    [ "$(wc -l <"$e2e_work/forwarder.out")" -ge "$count" ] && [ "$(wc -l <"$e2e_work/receiver.out")" -ge "$count" ] && break
    sleep 0.1
done

python3 - "$e2e_work/forwarder.out" "$e2e_work/receiver.out" "$count" <<'PY' || fail "forwarded requests differ"
import json, sys
sent = [json.loads(l) for l in open(sys.argv[1])]
got = [json.loads(l) for l in open(sys.argv[2])]
count = int(sys.argv[3])
assert len(sent) == len(got) == count, (len(sent), len(got))
skip = {"host", "content-length"}
for a, b in zip(sent, got):
    assert a["forward"]["ok"] is True and a["forward"]["status"] == 200, a["forward"]
    assert b["target"] == "/in" + a["target"], (a["target"], b["target"])
    assert b["method"] == a["method"]
    assert b["bodySha256"] == a["bodySha256"], (a["target"], "body differs")
    ha = [h for h in a["headers"] if h[0].lower() not in skip]
    hb = [h for h in b["headers"] if h[0].lower() not in skip]
    assert ha == hb, (ha, hb)
PY

kill -INT "$forwarder_pid"
wait "$forwarder_pid" || fail "listen --forward-to did not exit cleanly"

# Text lines carry the target's answer too, and a target that refuses shows as such in the line.
free_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
for pair in "ok http://127.0.0.1:$receiver_port/text" "refused http://127.0.0.1:$free_port/"; do
    name=${pair%% *}
    start_listen "text-$name" --store "$e2e_work/text-$name.sqlite" --forward-to "${pair#* }"
    curl -s -o /dev/null --data-binary '{"text":true}' "http://127.0.0.1:$LISTEN_PORT/t"
    for _ in $(seq 1 100); do [ -s "$e2e_work/text-$name.out" ] && break; sleep 0.1; done
    kill -INT "$LISTEN_PID"
    wait "$LISTEN_PID" || fail "listen --forward-to ($name) did not exit cleanly"
done
grep -q 'POST.*/t .* -> 200 OK (' "$e2e_work/text-ok.out" || fail "text line without the answer: $(cat "$e2e_work/text-ok.out")"
grep -q ' -> connection refused: nothing listens on' "$e2e_work/text-refused.out" \
    || fail "text line without the refusal: $(cat "$e2e_work/text-refused.out")"
grep -q '"replays"' "$e2e_work/forwarded.har" || fail "the forwards are not in the saved HAR file"

# Replay the saved file: one line per attempt, exit 0 when every answer is 2xx.
"$HOOKBENCH" replay "$e2e_work/forwarded.har" --to "http://127.0.0.1:$receiver_port/again" --json \
    >"$e2e_work/replay.out" 2>"$e2e_work/replay.err" || fail "replay exited $?: $(cat "$e2e_work/replay.err")"
[ "$(grep -c '"ok":true' "$e2e_work/replay.out")" -eq "$count" ] || fail "not every replay answered 2xx"
grep -q "Replayed $count capture(s)" "$e2e_work/replay.err" || fail "no summary: $(cat "$e2e_work/replay.err")"
"$HOOKBENCH" replay "$e2e_work/forwarded.har" --to "http://127.0.0.1:$receiver_port/" --concurrency 4 \
    | grep -c ' -> 200 OK' | grep -qx "$count" || fail "text lines with --concurrency 4"

# Re-signing: a GitHub delivery signed with the old secret verifies with the new one after replay.
body='{"action":"opened","number":1}'
signature=$(printf '%s' "$body" | openssl dgst -sha256 -hmac 'old-secret' | sed 's/^.* //')
start_listen github --json --store "$e2e_work/github.sqlite" --save "$e2e_work/github.har"
curl -s -o /dev/null -H "X-Hub-Signature-256: sha256=$signature" -H 'Content-Type: application/json' \
    --data-binary "$body" "http://127.0.0.1:$LISTEN_PORT/gh"
sleep 0.5
kill -INT "$LISTEN_PID"
wait "$LISTEN_PID" || fail "github listen did not exit cleanly"
before=$(wc -l <"$e2e_work/receiver.out")
OLD_SECRET=old-secret NEW_SECRET=new-secret "$HOOKBENCH" replay "$e2e_work/github.har" \
    --to "http://127.0.0.1:$receiver_port/resigned" --only-valid --secret-env OLD_SECRET \
    --resign-secret-env NEW_SECRET --json >"$e2e_work/resign.out" 2>"$e2e_work/resign.err" \
    || fail "re-signed replay failed: $(cat "$e2e_work/resign.err")"
grep -q '"resigned":"github"' "$e2e_work/resign.out" || fail "not re-signed: $(cat "$e2e_work/resign.out")"
for _ in $(seq 1 50); do [ "$(wc -l <"$e2e_work/receiver.out")" -gt "$before" ] && break; sleep 0.1; done
tail -1 "$e2e_work/receiver.out" | grep -q '"status":"valid"' || fail "the receiver did not find the new signature valid"
# The secret never shows on the command line or in the output.
! grep -q 'new-secret' "$e2e_work/resign.out" "$e2e_work/resign.err" || fail "the secret was printed"
# --only-valid with the wrong verification secret skips the capture: nothing replayed, exit 1.
set +e
WRONG=nope NEW_SECRET=new-secret "$HOOKBENCH" replay "$e2e_work/github.har" --to "http://127.0.0.1:$receiver_port/" \
    --only-valid --secret-env WRONG >/dev/null 2>"$e2e_work/skip.err"
code=$?
set -e
[ "$code" -eq 1 ] || fail "--only-valid with nothing valid should exit 1, got $code"
grep -q 'skipped' "$e2e_work/skip.err" || fail "no skipped line"

# A target that refuses: exit 1 with the reason. Usage and file errors: exit 2.
set +e
"$HOOKBENCH" replay "$e2e_work/forwarded.har" --to "http://127.0.0.1:$free_port/" >"$e2e_work/refused.out" 2>&1
code=$?
set -e
[ "$code" -eq 1 ] || fail "a refused connection should exit 1, got $code"
grep -q 'connection refused' "$e2e_work/refused.out" || fail "no refusal reason: $(head -2 "$e2e_work/refused.out")"
for args in "$e2e_work/missing.har --to http://127.0.0.1:$receiver_port/" "$e2e_work/forwarded.har" \
            "$e2e_work/forwarded.har --to ftp://127.0.0.1/" "$e2e_work/forwarded.har --to http://127.0.0.1:1/ --concurrency 0"; do
    set +e
    # shellcheck disable=SC2086
    "$HOOKBENCH" replay $args >/dev/null 2>&1
    code=$?
    set -e
    [ "$code" -eq 2 ] || fail "replay $args should exit 2, got $code"
done
kill -INT "$receiver_pid"
wait "$receiver_pid" || true
echo "PASS: forwarded live, saved with the answers, replayed exactly and re-signed"
