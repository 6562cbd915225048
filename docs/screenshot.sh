#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Takes the README's screenshots: the real window under Xvfb, first empty, then with a few deliveries
# sent with curl, a secret typed, and one capture's tabs shown in turn.
#   docs/screenshot.sh BUILD_DIR OUTPUT_DIR [system|light|dark]
# With dark, the files are named *-dark.png.
set -euo pipefail
build=${1:?build dir}; outdir=${2:?output dir}; appearance=${3:-system}
suffix=; [ "$appearance" = dark ] && suffix=-dark
mkdir -p "$outdir"
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1100x720x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
export DISPLAY=$display
port=$((20000 + RANDOM % 20000))
HOME=$work XDG_CONFIG_HOME=$work "$build/hookbench" --port "$port" --store "$work/s.sqlite" --new-session \
    --appearance "$appearance" &
app=$!
shot() {
    sleep 0.8
    import -window root "$work/root.png"
    # The window sits at the top left of an otherwise black screen: cut the black away.
    convert "$work/root.png" -bordercolor black -border 1 -trim +repage "$outdir/$1$suffix.png"
    echo "wrote $outdir/$1$suffix.png"
}
window=$(xdotool search --sync --name Hookbench | head -1)
xdotool windowmove "$window" 0 0
sleep 1
shot empty
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/ping" && break; sleep 0.1; done
secret=screenshot-secret
payload='{"date":"2024-11-08T21:49:46.733Z","events":[{"action":"update","schema":"user","docId":"ussampleuser1id","docUpdatedDate":"2024-11-08T21:49:46.733Z","diff":{"name":"Sam Smith"}},{"action":"create","schema":"user","docId":"ussampleuser2id","docUpdatedDate":"2024-11-08T21:49:46.733Z"}]}'
signature=$(printf '%s' "$payload" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)
for i in 1 2; do
    curl -s -o /dev/null -H 'Content-Type: application/json' -H 'User-Agent: FirmApp-Webhooks/1.0' \
         --data-binary "{\"payload\":$payload,\"signature\":\"$signature\"}" "http://127.0.0.1:$port/hooks/firm?attempt=$i"
done
# Through a relay that pretty-printed the body: the signature still holds on the re-serialized payload.
pretty=$(python3 -c "import json,sys; print(json.dumps({'payload': json.loads(sys.argv[1]), 'signature': sys.argv[2]}, indent=2))" "$payload" "$signature")
curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary "$pretty" "http://127.0.0.1:$port/hooks/relayed"
wrong=$(printf '%s' "$payload" | openssl dgst -sha256 -hmac "old-secret" -r | cut -d' ' -f1)
curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary "{\"payload\":$payload,\"signature\":\"$wrong\"}" \
     "http://127.0.0.1:$port/hooks/firm?attempt=3"
curl -s -o /dev/null -H 'X-Hub-Signature-256: sha256=0c4b' -H 'X-GitHub-Event: push' -H 'Content-Type: application/json' \
     -d '{"ref":"refs/heads/main","after":"9a1c"}' "http://127.0.0.1:$port/github"
head -c 600 /dev/urandom | curl -s -o /dev/null -H 'Content-Type: application/octet-stream' --data-binary @- \
     "http://127.0.0.1:$port/upload/blob"
printf 'POST /broken HTTP/1.1\r\nBad Header: x\r\n\r\n' | curl -s -o /dev/null --max-time 1 "telnet://127.0.0.1:$port" || true
sleep 1
# Type the secret, then select a delivery sent twice and show each tab.
xdotool mousemove --window "$window" 500 35 click 1
xdotool key ctrl+shift+k
xdotool type --delay 20 "$secret"
sleep 3.5
xdotool mousemove --window "$window" 300 136 click 1
for tab in e:events s:signature o:overview b:body j:json p:replay; do
    xdotool key "alt+${tab%%:*}"
    shot "${tab#*:}"
done
xdotool mousemove --window "$window" 300 156 click 1
xdotool key alt+s
shot relayed-signature
# A document's timeline, from the Events tab.
xdotool key alt+e
sleep 0.5
xdotool key alt+t
sleep 1
timeline=$(xdotool search --name "Timeline" | head -1 || true)
[ -n "$timeline" ] && xdotool windowmove "$timeline" 0 0
shot timeline
[ -n "$timeline" ] && xdotool windowunmap "$timeline"
# Two deliveries compared: the signed one against the relayed one.
xdotool mousemove --window "$window" 300 136 click 1
xdotool key shift+Down
xdotool key ctrl+d
sleep 1
compare=$(xdotool search --name "Compare" | head -1 || true)
[ -n "$compare" ] && xdotool windowmove "$compare" 0 0
shot compare
