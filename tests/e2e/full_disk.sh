#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A full disk under the data directory: senders get 503 (never 2xx) and standard error says why; once space
# returns, capture resumes by itself. Uses an 8 MiB tmpfs as the data directory (needs root, as in CI); where
# mounting is refused it uses a directory made read-only instead (chmod, as a non-root user).
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"

data="$e2e_work/data"
mkdir -p "$data"
mode=tmpfs
if ! mount -t tmpfs -o size=8m tmpfs "$data" 2>/dev/null; then
    mode=readonly
    [ "$(id -u)" -ne 0 ] || fail "running as root, yet a tmpfs could not be mounted"
fi
unmount() { [ "$mode" = tmpfs ] && umount "$data" 2>/dev/null || true; }
trap 'unmount; e2e_cleanup' EXIT
echo "data directory: $mode"

# post N SIZE: one POST of SIZE random bytes; prints the status code.
post() {
    head -c "$2" /dev/urandom >"$e2e_work/body"
    curl --silent --max-time 20 --output /dev/null --write-out '%{http_code}' \
        --data-binary "@$e2e_work/body" "http://127.0.0.1:$LISTEN_PORT/full/$1" || echo 000
}

start_listen full --store "$data/store.sqlite"
[ "$(post 1 1000)" = 200 ] || fail "the first delivery was not stored"

if [ "$mode" = tmpfs ]; then
    # Fill what is left; the store's file cannot grow any more.
    dd if=/dev/zero of="$data/filler" bs=64k 2>/dev/null || true
else
    chmod a-w "$data" "$data"/*
fi

refused=0
acked=0
for i in $(seq 2 21); do
    code=$(post "$i" 200000)
    case $code in
        503) refused=$((refused + 1)) ;;
        2*) acked=$((acked + 1)) ;;
        *) fail "delivery $i on a full disk was answered $code" ;;
    esac
done
echo "full: $refused answered 503, $acked answered 2xx"
[ "$refused" -ge 15 ] || fail "only $refused of 20 deliveries were refused on a full disk"
grep -q 'not acknowledged' "$e2e_work/full.err" || fail "standard error does not say captures are refused: $(cat "$e2e_work/full.err")"
# Whatever was acknowledged must really be stored (checked below, once space is back).

if [ "$mode" = tmpfs ]; then rm -f "$data/filler"; else chmod u+w "$data" "$data"/*; fi

resumed=0
for i in $(seq 100 110); do
    [ "$(post "$i" 1000)" = 200 ] && resumed=$((resumed + 1))
done
echo "after space returned: $resumed of 11 answered 200"
[ "$resumed" -eq 11 ] || fail "capture did not resume once space returned ($resumed of 11)"

kill -TERM "$LISTEN_PID"
wait "$LISTEN_PID" || true
stored=$(sqlite3 "$data/store.sqlite" "SELECT COUNT(*) FROM captures WHERE CAST(target AS TEXT) LIKE '/full/%';")
expected=$((1 + acked + 11))
[ "$stored" -eq "$expected" ] || fail "$stored captures stored, $expected acknowledged"
echo "PASS: $stored acknowledged captures stored"
