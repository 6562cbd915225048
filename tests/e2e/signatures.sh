#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Signatures from the command line: `listen --secret-env` adds a signature object to each --json
# line, `verify FILE.har` exits 0 only when all are valid, and the secret is never written anywhere.
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"

export FIRM_SECRET="e2e-secret-$(date +%s%N)"
payload='{"date":"2024-11-08T21:49:46.733Z","events":[{"action":"update","schema":"user","docId":"u1","diff":{"name":"Sam"}}]}'
sign() { printf '%s' "$1" | openssl dgst -sha256 -hmac "$2" -r | cut -d' ' -f1; }
good=$(sign "$payload" "$FIRM_SECRET")
other=$(sign "$payload" "not-the-secret")

start_listen sig --json --store "$e2e_work/store.sqlite" --secret-env FIRM_SECRET --save "$e2e_work/all.har"
post() { curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary "$2" "http://127.0.0.1:$LISTEN_PORT$1"; }
post /valid "{\"payload\":$payload,\"signature\":\"$good\"}"
post /pretty "{
  \"payload\": $payload,
  \"signature\": \"$good\"
}"
post /wrong-secret "{\"payload\":$payload,\"signature\":\"$other\"}"
post /unsigned '{"hello":"world"}'
for _ in $(seq 1 50); do [ "$(wc -l <"$e2e_work/sig.out")" -ge 4 ] && break; sleep 0.1; done
kill -TERM "$LISTEN_PID"; wait "$LISTEN_PID" || true

python3 - "$e2e_work/sig.out" <<'PY' || fail "listen --json signature objects are wrong: $(cat "$e2e_work/sig.out")"
import json, sys
lines = {json.loads(l)["target"]: json.loads(l)["signature"] for l in open(sys.argv[1])}
for target in lines:
    assert set(lines[target]) >= {"scheme", "status", "matched", "cause"}, lines[target]
assert lines["/valid"]["status"] == "valid" and lines["/valid"]["matched"] == "raw", lines["/valid"]
assert lines["/pretty"]["status"] == "valid", lines["/pretty"]
assert lines["/wrong-secret"]["status"] == "invalid", lines["/wrong-secret"]
assert lines["/wrong-secret"]["cause"] == "wrong_secret", lines["/wrong-secret"]
assert lines["/unsigned"]["status"] != "valid", lines["/unsigned"]
PY

set +e
"$HOOKBENCH" verify "$e2e_work/all.har" --secret-env FIRM_SECRET >"$e2e_work/verify.out" 2>&1
all=$?
"$HOOKBENCH" verify "$e2e_work/all.har" >/dev/null 2>&1
nosecret=$?
env -u FIRM_SECRET "$HOOKBENCH" verify "$e2e_work/all.har" --secret-env FIRM_SECRET >/dev/null 2>"$e2e_work/unset.err"
unset_code=$?
set -e
[ "$all" -eq 1 ] || fail "verify with an invalid capture should exit 1, got $all: $(cat "$e2e_work/verify.out")"
[ "$nosecret" -eq 2 ] || fail "verify without a secret should exit 2, got $nosecret"
[ "$unset_code" -eq 2 ] || fail "verify with an unset variable should exit 2, got $unset_code"
grep -q FIRM_SECRET "$e2e_work/unset.err" || fail "the error should name the variable"

# Only the valid ones: exit 0.
"$HOOKBENCH" show --json "$e2e_work/all.har" >/dev/null
start_listen valid --store "$e2e_work/store2.sqlite" --save "$e2e_work/valid.har"
post /valid "{\"payload\":$payload,\"signature\":\"$good\"}"
sleep 0.3
kill -TERM "$LISTEN_PID"; wait "$LISTEN_PID" || true
"$HOOKBENCH" verify "$e2e_work/valid.har" --secret-env FIRM_SECRET --json >"$e2e_work/valid.out" \
    || fail "verify of valid captures should exit 0: $(cat "$e2e_work/valid.out")"
grep -q '"status":"valid"' "$e2e_work/valid.out" || fail "verify --json has no valid status"

# A scheme chosen by hand: a generic HMAC profile.
start_listen generic --json --store "$e2e_work/store3.sqlite" --secret-env FIRM_SECRET --scheme generic \
    --generic 'header=X-Acme-Sig;prefix=sha1=;algorithm=sha1'
body='{"event":"ping"}'
acme="sha1=$(printf '%s' "$body" | openssl dgst -sha1 -hmac "$FIRM_SECRET" -r | cut -d' ' -f1)"
curl -s -o /dev/null -H "X-Acme-Sig: $acme" --data-binary "$body" "http://127.0.0.1:$LISTEN_PORT/acme"
for _ in $(seq 1 50); do [ -s "$e2e_work/generic.out" ] && break; sleep 0.1; done
kill -TERM "$LISTEN_PID"; wait "$LISTEN_PID" || true
grep -q '"status":"valid"' "$e2e_work/generic.out" || fail "generic profile not valid: $(cat "$e2e_work/generic.out")"
grep -q '"scheme":"generic"' "$e2e_work/generic.out" || fail "the scheme chosen by hand was not used"
set +e
"$HOOKBENCH" verify "$e2e_work/valid.har" --secret-env FIRM_SECRET --scheme bogus >/dev/null 2>"$e2e_work/bogus.err"
bogus=$?
set -e
[ "$bogus" -eq 2 ] || fail "an unknown --scheme should exit 2, got $bogus"
grep -q 'firm_app' "$e2e_work/bogus.err" || fail "the error should list the known schemes"

if grep -rqF "$FIRM_SECRET" "$e2e_work"/*.out "$e2e_work"/*.err "$e2e_work"/*.har "$e2e_work"/*.sqlite* 2>/dev/null; then
    fail "the secret's value was written to an output, a HAR file or the store"
fi
echo "PASS: signatures reported by listen and verify; the secret stayed out of every file"
