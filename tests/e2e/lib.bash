# SPDX-License-Identifier: MIT
# Shared helpers for the end-to-end scripts: start the built binary, wait for its port, clean up.
set -euo pipefail

e2e_work=$(mktemp -d)
e2e_pids=()
e2e_cleanup() {
    for pid in "${e2e_pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    rm -rf "$e2e_work"
}
trap e2e_cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# For the scripts' python: `from e2e_http import read_head` (the module is in $e2e_work, on PYTHONPATH).
cat >"$e2e_work/e2e_http.py" <<'PY'
import socket

def read_head(s, answer=b""):
    """Receives on s until an answer's head is complete (its blank line), the peer closes, or s's timeout."""
    try:
        while b"\r\n\r\n" not in answer:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    return answer
PY
export PYTHONPATH="$e2e_work${PYTHONPATH:+:$PYTHONPATH}"

# start_listen NAME ARGS...: starts `hookbench listen --port 0 ARGS` with stdout in $e2e_work/NAME.out,
# stderr in $e2e_work/NAME.err; sets LISTEN_PID and LISTEN_PORT.
start_listen() {
    local name=$1; shift
    "$HOOKBENCH" listen --port 0 "$@" >"$e2e_work/$name.out" 2>"$e2e_work/$name.err" &
    LISTEN_PID=$!
    e2e_pids+=("$LISTEN_PID")
    for _ in $(seq 1 100); do
        LISTEN_PORT=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$e2e_work/$name.err" 2>/dev/null | grep -o '[0-9]*$' || true)
        [ -n "$LISTEN_PORT" ] && return 0
        kill -0 "$LISTEN_PID" 2>/dev/null || fail "hookbench listen exited: $(cat "$e2e_work/$name.err")"
        sleep 0.1
    done
    fail "hookbench listen did not report its port within 10 s"
}

# make_bodies DIR COUNT: COUNT files of 1..4096 random bytes (binary included), named 1..COUNT.
make_bodies() {
    local dir=$1 count=$2
    mkdir -p "$dir"
    python3 - "$dir" "$count" <<'PY'
import os, random, sys
directory, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261129)
for i in range(1, count + 1):
    size = rng.randint(1, 4096)
    if i % 3 == 0:
        data = os.urandom(size)  # binary, NUL bytes included
    else:
        data = ('{"payload":{"n":%d,"text":"%s"}}' % (i, "x" * size)).encode()
    with open(os.path.join(directory, str(i)), "wb") as f:
        f.write(data)
PY
}

# curl_config DIR PORT COUNT > FILE: one POST per body, for curl --parallel --config.
curl_config() {
    local dir=$1 port=$2 count=$3
    for i in $(seq 1 "$count"); do
        [ "$i" -gt 1 ] && echo next
        printf 'url = "http://127.0.0.1:%s/burst/%s"\ndata-binary = "@%s/%s"\noutput = "/dev/null"\nsilent\nheader = "Content-Type: application/octet-stream"\nwrite-out = "%%{http_code} %%{url_effective}\\n"\n' \
            "$port" "$i" "$dir" "$i"
    done
}

# stored_bodies DB DIR PREFIX: writes each stored body of a PREFIX/N capture (default /burst/) to DIR/N, reading
# the bodies kept beside the database (DB.bodies/, the row's body_file at body_offset) as well as those in the rows.
stored_bodies() {
    local db=$1 dir=$2 prefix=${3:-/burst/}
    mkdir -p "$dir"
    python3 - "$db" "$dir" "$prefix" <<'PY'
import os, sqlite3, sys
db_path, out, prefix = sys.argv[1:4]
db = sqlite3.connect(db_path)
rows = db.execute("SELECT CAST(target AS TEXT), body, body_file, body_offset, body_size FROM captures "
                  "WHERE CAST(target AS TEXT) LIKE ? || '%'", (prefix,))
for target, body, body_file, offset, size in rows:
    if body_file is not None:
        with open(os.path.join(db_path + ".bodies", body_file), "rb") as segment:
            segment.seek(offset)
            body = segment.read(size)
            assert len(body) == size, (target, body_file, offset, size)
    with open(os.path.join(out, target[len(prefix):]), "wb") as f:
        f.write(body)
PY
}

# memory_mb PID FIELD: a field of /proc/PID/status (VmHWM: peak resident, VmRSS: resident) in MiB.
memory_mb() {
    awk -v field="$2:" '$1 == field { printf "%d", $2 / 1024 }' "/proc/$1/status"
}

# The latency probe the pressure scripts run beside their load: a small POST on a fresh connection
# every 50 ms until the file $e2e_work/stop-probe exists; writes "max p99 p50 count" in ms.
probe_py() {
    cat <<'PY'
import os, socket, sys, time
from e2e_http import read_head
port, stop, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
body = b'{"probe":true}'
request = b"POST /probe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
times = []
while not os.path.exists(stop):
    start = time.monotonic()
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(request)
    answer = read_head(s)
    times.append((time.monotonic() - start) * 1000)
    s.close()
    assert answer.startswith(b"HTTP/1.1 200"), answer[:80]
    time.sleep(0.05)
times.sort()
with open(out, "w") as f:
    f.write("%.1f %.1f %.1f %d\n" % (times[-1], times[int(len(times) * 0.99)], times[len(times) // 2], len(times)))
PY
}
