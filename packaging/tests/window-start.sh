#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The window starts wherever Qt has a platform: with QT_QPA_PLATFORM=offscreen and no display server it opens,
# listens and answers; with neither it refuses with a clear message. At start it loads Hookbench's
# translation for the system's language, English when there is none, and says nothing about it unless asked.
#   window-start.sh HOOKBENCH with-translations|without-translations
set -euo pipefail
hookbench=$1
translations=$2
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Every run gets its own settings and session store.
isolated() { # isolated NAME COMMAND...
    local name=$1; shift
    mkdir -p "$work/$name/runtime" && chmod 700 "$work/$name/runtime"
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM -u LC_ALL -u LC_MESSAGES -u LANGUAGE \
        HOME="$work/$name" XDG_CONFIG_HOME="$work/$name/config" XDG_DATA_HOME="$work/$name/data" \
        XDG_RUNTIME_DIR="$work/$name/runtime" "$@"
}

# isolated_exec NAME COMMAND...: the same, in place of the calling (background) shell, so that $! is the
# program itself and killing it leaves nothing behind.
isolated_exec() {
    local name=$1; shift
    mkdir -p "$work/$name/runtime" && chmod 700 "$work/$name/runtime"
    exec env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM -u LC_ALL -u LC_MESSAGES -u LANGUAGE \
        HOME="$work/$name" XDG_CONFIG_HOME="$work/$name/config" XDG_DATA_HOME="$work/$name/data" \
        XDG_RUNTIME_DIR="$work/$name/runtime" "$@"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_window NAME ENV...: the window, offscreen, on a free port; sets WINDOW_PID and WINDOW_PORT.
start_window() {
    local name=$1; shift
    WINDOW_PORT=$(free_port)
    isolated_exec "$name" "$@" QT_QPA_PLATFORM=offscreen "$hookbench" --port "$WINDOW_PORT" --new-session \
        >"$work/$name.out" 2>"$work/$name.err" &
    WINDOW_PID=$!
    pids+=("$WINDOW_PID")
    local status
    for _ in $(seq 1 100); do
        status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 --data-binary '{"probe":1}' \
                 "http://127.0.0.1:$WINDOW_PORT/hooks/probe" || true)
        [ "$status" = 200 ] && return 0
        kill -0 "$WINDOW_PID" 2>/dev/null || fail "the window exited: $(cat "$work/$name.err")"
        sleep 0.1
    done
    fail "the window did not answer on port $WINDOW_PORT within 10 s (last status $status)"
}

stop_window() {
    kill -TERM "$WINDOW_PID"
    wait "$WINDOW_PID" 2>/dev/null || true
}

# No display server and no platform named: a clear refusal, exit status 2.
status=0
isolated nodisplay "$hookbench" >"$work/nodisplay.out" 2>"$work/nodisplay.err" || status=$?
[ "$status" = 2 ] || fail "without a display, expected exit 2, got $status: $(cat "$work/nodisplay.err")"
grep -q 'no display here. Run `hookbench listen`' "$work/nodisplay.err" \
    || fail "without a display, unexpected message: $(cat "$work/nodisplay.err")"

# A named platform needs no display server: the window opens and its endpoint answers. Silent by default.
start_window quiet LANG=en_GB.UTF-8
stop_window
if grep -q 'hookbench.i18n' "$work/quiet.err"; then
    fail "the translation was reported without being asked: $(cat "$work/quiet.err")"
fi

rules=QT_LOGGING_RULES=hookbench.i18n.debug=true
if [ "$translations" = with-translations ]; then
    # A language with a translation of its own, and one without: English then, silently.
    start_window english "$rules" LANG=en_GB.UTF-8
    stop_window
    grep -q 'hookbench.i18n: using :/i18n/hookbench_en.qm for en-GB,' "$work/english.err" \
        || fail "English was not loaded for en_GB: $(cat "$work/english.err")"
    start_window german "$rules" LANG=de_DE.UTF-8 LANGUAGE=de
    stop_window
    grep -q 'hookbench.i18n: using :/i18n/hookbench_en.qm for de,' "$work/german.err" \
        || fail "no English fallback for de: $(cat "$work/german.err")"
else
    start_window untranslated "$rules" LANG=en_GB.UTF-8
    stop_window
    grep -q 'hookbench.i18n: no translation for en-GB,' "$work/untranslated.err" \
        || fail "expected the source texts without translations: $(cat "$work/untranslated.err")"
fi
echo "window-start: refuses without a display, opens offscreen, translation loaded ($translations)"
