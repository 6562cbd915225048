#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# kill -9 during a burst: every request that got a 2xx is in the store at the next start, byte for byte.
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"
count=3000

make_bodies "$e2e_work/bodies" $count
start_listen first --store "$e2e_work/store.sqlite"
curl_config "$e2e_work/bodies" "$LISTEN_PORT" $count >"$e2e_work/curl.cfg"

curl --silent --parallel --parallel-max 32 --config "$e2e_work/curl.cfg" >"$e2e_work/codes.txt" 2>/dev/null &
curl_pid=$!
e2e_pids+=("$curl_pid")
# Kill once a few hundred are acknowledged, in the middle of the burst.
for _ in $(seq 1 200); do
    acked=$(grep -c '^200 ' "$e2e_work/codes.txt" 2>/dev/null || true)
    [ "${acked:-0}" -ge 300 ] && break
    sleep 0.05
done
kill -9 "$LISTEN_PID"
wait "$curl_pid" || true

grep '^200 ' "$e2e_work/codes.txt" | sed 's|.*/burst/||' | sort -n >"$e2e_work/acked.txt"
acked=$(wc -l <"$e2e_work/acked.txt")
[ "$acked" -ge 300 ] || fail "only $acked acknowledged before the kill; the burst did not get going"
[ "$acked" -lt $count ] || fail "all $count were acknowledged before the kill; nothing was interrupted"

# The next start opens the same store (recovering the log) and must find every acknowledged capture.
start_listen second --store "$e2e_work/store.sqlite"
kill -TERM "$LISTEN_PID"
wait "$LISTEN_PID" || true

stored_bodies "$e2e_work/store.sqlite" "$e2e_work/stored"
missing=0
while read -r n; do
    if [ ! -f "$e2e_work/stored/$n" ] || ! cmp -s "$e2e_work/bodies/$n" "$e2e_work/stored/$n"; then
        missing=$((missing + 1))
        echo "missing or different: /burst/$n" >&2
    fi
done <"$e2e_work/acked.txt"
stored=$(ls "$e2e_work/stored" | wc -l)
[ "$missing" -eq 0 ] || fail "$missing acknowledged capture(s) lost after kill -9"
echo "PASS: killed after $acked acknowledged; all $acked in the store at the next start ($stored stored in all)"
