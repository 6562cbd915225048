#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A full disk under the data directory: senders get 503 (never 2xx) and standard error says why; once space
# returns, capture resumes by itself. Uses an 8 MiB tmpfs as the data directory (needs root, as in CI); where
# mounting is refused it uses a directory made read-only instead (chmod, as a non-root user). As root it then
# makes the file system under a running listener read-only (an ext4 image the kernel turns read-only): small
# and large deliveries get 503 and standard error says "Read-only file system"; a new listener on the
# image mounted again stores exactly the acknowledged captures.
HOOKBENCH=$1
source "$(dirname "$0")/lib.bash"

data="$e2e_work/data"
mkdir -p "$data"
mode=tmpfs
if ! mount -t tmpfs -o size=8m tmpfs "$data" 2>/dev/null; then
    mode=readonly
    [ "$(id -u)" -ne 0 ] || fail "running as root, yet a tmpfs could not be mounted"
fi
rodata="$e2e_work/rodata"
# The listeners go first: a file system a process still has files open on cannot be unmounted.
unmount() {
    for pid in "${e2e_pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ "$mode" = tmpfs ] && umount "$data" 2>/dev/null || true
    mountpoint -q "$rodata" && umount "$rodata" 2>/dev/null || true
}
trap 'unmount; e2e_cleanup' EXIT
echo "data directory: $mode"

# post N SIZE [PREFIX]: one POST of SIZE random bytes to /PREFIX/N (default /full/N); prints the status code.
post() {
    head -c "$2" /dev/urandom >"$e2e_work/body"
    curl --silent --max-time 20 --output /dev/null --write-out '%{http_code}' \
        --data-binary "@$e2e_work/body" "http://127.0.0.1:$LISTEN_PORT/${3:-full}/$1" || echo 000
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
echo "full disk: $stored acknowledged captures stored"
[ "$mode" = tmpfs ] || { echo "PASS (read-only file system not tried: it needs root)"; exit 0; }

# A read-only file system under a running listener. Linux refuses to remount a file system read-only while a
# program has files open on it for writing (mount -o remount,ro fails with EBUSY), so a running listener meets
# one only when the kernel forces it after errors: an ext4 image mounted with errors=remount-ro, made read-only
# through its trigger_fs_error. Such a file system stays read-only until it is unmounted, so capture cannot
# resume under the same listener; a new one on the remounted image stores again.
truncate -s 32m "$e2e_work/ro.img"
mkfs.ext4 -q -F "$e2e_work/ro.img" || fail "mkfs.ext4 failed"
mkdir -p "$rodata"
mount -o loop,errors=remount-ro "$e2e_work/ro.img" "$rodata" \
    || fail "running as root, yet an ext4 image could not be mounted"
device=$(basename "$(findmnt -no SOURCE "$rodata")")
start_listen ro --store "$rodata/store.sqlite"
[ "$(post 1 1000 ro)" = 200 ] || fail "the first delivery to the ext4 image was not stored"
[ "$(post 2 1500000 ro)" = 200 ] || fail "the first large delivery to the ext4 image was not stored"
echo "hookbench e2e: the file system goes read-only" >"/sys/fs/ext4/$device/trigger_fs_error"
! touch "$rodata/probe" 2>/dev/null || fail "the ext4 image is still writable after trigger_fs_error"

# Small bodies go to the database's log, bodies of 1 MiB and over to the segment files beside it.
for i in $(seq 3 8); do
    size=1000
    [ $((i % 2)) -eq 1 ] && size=1500000
    code=$(post "$i" "$size" ro)
    [ "$code" = 503 ] || fail "delivery $i ($size bytes) on a read-only file system was answered $code"
done
echo "read-only: 6 of 6 answered 503"
# Each refusal says why, the small lane's (SQLite's "disk I/O error") as well as the large one's.
refusals=$(grep -c 'not acknowledged' "$e2e_work/ro.err" || true)
said=$(grep -ci 'not acknowledged.*read-only file system' "$e2e_work/ro.err" || true)
[ "$refusals" -ge 6 ] && [ "$said" -eq "$refusals" ] \
    || fail "standard error does not say the store is read-only ($said of $refusals): $(cat "$e2e_work/ro.err")"
kill -0 "$LISTEN_PID" 2>/dev/null || fail "hookbench listen exited on a read-only file system"
kill -TERM "$LISTEN_PID"
wait "$LISTEN_PID" || true

umount "$rodata" || fail "the ext4 image could not be unmounted"
mount -o loop "$e2e_work/ro.img" "$rodata" || fail "the ext4 image could not be mounted again"
start_listen again --store "$rodata/store.sqlite"
[ "$(post 9 1000 ro)" = 200 ] || fail "a new listener on the remounted image did not store a delivery"
[ "$(post 10 1500000 ro)" = 200 ] || fail "a new listener on the remounted image did not store a large delivery"
kill -TERM "$LISTEN_PID"
wait "$LISTEN_PID" || true
stored_bodies "$rodata/store.sqlite" "$e2e_work/ro-stored" /ro/
stored=$(ls "$e2e_work/ro-stored" | sort -n | xargs)
[ "$stored" = "1 2 9 10" ] || fail "captures stored from the ext4 image: $stored, acknowledged: 1 2 9 10"
echo "PASS: captures $stored stored on the image mounted again, none of the refused ones"
