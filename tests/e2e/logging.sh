#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Logging: --verbose turns on debug output by area (hookbench.http, .store, .har, .signature, .replay) on
# standard error, for every command. The signature case runs with it, and with every Qt category's debug
# output on as well: the secret, and the re-signing secret, appear in none of the outputs. Without
# --verbose, no debug line is written.
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"

export FIRM_SECRET="log-secret-$(date +%s%N)"
export RESIGN_SECRET="resign-secret-$(date +%s%N)"
payload='{"date":"2024-11-08T21:49:46.733Z","events":[{"action":"update","schema":"user","docId":"u1","diff":{"name":"Sam"}}]}'
sign() { printf '%s' "$1" | openssl dgst -sha256 -hmac "$2" -r | cut -d' ' -f1; }
good=$(sign "$payload" "$FIRM_SECRET")
other=$(sign "$payload" "not-the-secret")
post() { curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary "$2" "http://127.0.0.1:$1$3"; }

# The target of the replay, quiet.
start_listen target --store "$e2e_work/target.sqlite"
target_pid=$LISTEN_PID target_port=$LISTEN_PORT

start_listen quiet --store "$e2e_work/quiet.sqlite" --secret-env FIRM_SECRET
post "$LISTEN_PORT" "{\"payload\":$payload,\"signature\":\"$good\"}" /valid
kill -TERM "$LISTEN_PID"; wait "$LISTEN_PID" || true

start_listen sig --verbose --json --store "$e2e_work/store.sqlite" --secret-env FIRM_SECRET --save "$e2e_work/all.har"
post "$LISTEN_PORT" "{\"payload\":$payload,\"signature\":\"$good\"}" /valid
post "$LISTEN_PORT" "{\"payload\":$payload,\"signature\":\"$other\"}" /wrong-secret
printf 'BAD / HTTP/1.1\r\nContent-Length: x\r\n\r\n' | curl -s -o /dev/null --max-time 2 "telnet://127.0.0.1:$LISTEN_PORT" || true
for _ in $(seq 1 50); do [ "$(wc -l <"$e2e_work/sig.out")" -ge 2 ] && break; sleep 0.1; done
kill -TERM "$LISTEN_PID"; wait "$LISTEN_PID" || true

QT_LOGGING_RULES='*.debug=true' "$HOOKBENCH" verify "$e2e_work/all.har" --secret-env FIRM_SECRET --verbose \
    >"$e2e_work/verify.out" 2>"$e2e_work/verify.err" || true
"$HOOKBENCH" show "$e2e_work/all.har" --verbose >"$e2e_work/show.out" 2>"$e2e_work/show.err"
"$HOOKBENCH" replay "$e2e_work/all.har" --to "http://127.0.0.1:$target_port/hooks" --resign-secret-env RESIGN_SECRET \
    --verbose >"$e2e_work/replay.out" 2>"$e2e_work/replay.err" || true
kill -TERM "$target_pid"; wait "$target_pid" || true

for area in http store signature; do
    grep -q "^hookbench\.$area: " "$e2e_work/sig.err" || fail "listen --verbose wrote no hookbench.$area line: $(cat "$e2e_work/sig.err")"
done
grep -q '^hookbench.http: request from .* rejected with 400' "$e2e_work/sig.err" || fail "the malformed request was not logged"
grep -q '^hookbench.signature: capture [0-9]* firm_app invalid wrong_secret' "$e2e_work/sig.err" \
    || fail "the signature check was not logged: $(grep signature "$e2e_work/sig.err")"
grep -q '^hookbench.signature: ' "$e2e_work/verify.err" || fail "verify --verbose wrote no signature line"
grep -q '^hookbench.replay: replay to .* answered 200' "$e2e_work/replay.err" || fail "replay --verbose wrote no answer line"
if grep -q '^hookbench\.[a-z.]*: ' "$e2e_work/quiet.err" "$e2e_work/target.err"; then
    fail "debug lines without --verbose: $(grep '^hookbench' "$e2e_work/quiet.err" "$e2e_work/target.err")"
fi
lines=$(cat "$e2e_work"/*.err | wc -l)
for secret in "$FIRM_SECRET" "$RESIGN_SECRET"; do
    if grep -rqF "$secret" "$e2e_work"/*.out "$e2e_work"/*.err; then
        fail "a secret appears in the output: $(grep -rlF "$secret" "$e2e_work"/*.out "$e2e_work"/*.err)"
    fi
done
echo "$lines lines on standard error across listen, verify, show and replay with debug output on"
echo "PASS: --verbose logs by area, and no secret appears in any output"
