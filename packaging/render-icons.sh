#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Renders resources/icons/hookbench.svg to the files the window and the packages use.
#   packaging/render-icons.sh           write the hicolor PNGs (16..512 px), hookbench.ico and hookbench.icns
#   packaging/render-icons.sh --check   render to a scratch folder and fail if a committed file differs
# Needs rsvg-convert (librsvg2-bin) and python3; --check also needs ImageMagick's compare.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
icons=$here/resources/icons
sizes=(16 22 24 32 48 64 128 256 512)

render() { # render OUT_DIR
    local out=$1 size
    for size in "${sizes[@]}"; do
        mkdir -p "$out/hicolor/${size}x${size}/apps"
        rsvg-convert -w "$size" -h "$size" "$icons/hookbench.svg" -o "$out/hicolor/${size}x${size}/apps/hookbench.png"
    done
    # Windows and macOS icon containers, both holding PNG images (Windows Vista and macOS 10.7 on).
    python3 - "$out" <<'PY'
import struct, sys
out = sys.argv[1]
def png(size):
    with open(f"{out}/hicolor/{size}x{size}/apps/hookbench.png", "rb") as f:
        return f.read()
ico_sizes = [16, 24, 32, 48, 64, 256]
images = [png(s) for s in ico_sizes]
offset = 6 + 16 * len(images)
ico = bytearray(struct.pack("<HHH", 0, 1, len(images)))
for size, data in zip(ico_sizes, images):
    ico += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
    offset += len(data)
for data in images:
    ico += data
open(f"{out}/hookbench.ico", "wb").write(ico)
# icns types: icp4 16, icp5 32, ic11 16@2x, ic12 32@2x, ic07 128, ic13 128@2x, ic08 256, ic14 256@2x, ic09 512
entries = [(b"icp4", 16), (b"icp5", 32), (b"ic11", 32), (b"ic12", 64), (b"ic07", 128), (b"ic13", 256),
           (b"ic08", 256), (b"ic14", 512), (b"ic09", 512)]
body = b"".join(kind + struct.pack(">I", 8 + len(png(s))) + png(s) for kind, s in entries)
open(f"{out}/hookbench.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
}

if [ "${1:-}" = --check ]; then
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    render "$scratch"
    status=0
    for size in "${sizes[@]}"; do
        file=hicolor/${size}x${size}/apps/hookbench.png
        if [ ! -f "$icons/$file" ]; then
            echo "missing: resources/icons/$file" >&2; status=1; continue
        fi
        # Pixels, not bytes: another librsvg or zlib may encode the same image differently.
        differing=$(compare -metric AE -fuzz 3% "$icons/$file" "$scratch/$file" null: 2>&1 || true)
        if [ "$differing" != 0 ]; then
            echo "out of date: resources/icons/$file ($differing pixels differ from the SVG)" >&2; status=1
        fi
    done
    # The containers must hold exactly the committed PNGs checked above, under the expected entries.
    python3 - "$icons" <<'PY' || status=1
import struct, sys
icons = sys.argv[1]
def png(size):
    with open(f"{icons}/hicolor/{size}x{size}/apps/hookbench.png", "rb") as f:
        return f.read()
def fail(message):
    sys.exit(f"out of date: {message} (run packaging/render-icons.sh)")
ico = open(f"{icons}/hookbench.ico", "rb").read()
reserved, kind, count = struct.unpack_from("<HHH", ico)
if (reserved, kind) != (0, 1):
    fail("resources/icons/hookbench.ico is not an ICO file")
found = []
for i in range(count):
    w, h, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * i)
    size = w or 256
    if ico[offset:offset + length] != png(size):
        fail(f"resources/icons/hookbench.ico, {size} px")
    found.append(size)
if found != [16, 24, 32, 48, 64, 256]:
    fail(f"resources/icons/hookbench.ico holds {found}")
icns = open(f"{icons}/hookbench.icns", "rb").read()
if icns[:4] != b"icns" or struct.unpack_from(">I", icns, 4)[0] != len(icns):
    fail("resources/icons/hookbench.icns is not an ICNS file")
sizes = {b"icp4": 16, b"icp5": 32, b"ic11": 32, b"ic12": 64, b"ic07": 128, b"ic13": 256, b"ic08": 256,
         b"ic14": 512, b"ic09": 512}
position, seen = 8, []
while position < len(icns):
    kind, length = icns[position:position + 4], struct.unpack_from(">I", icns, position + 4)[0]
    if kind not in sizes or icns[position + 8:position + length] != png(sizes[kind]):
        fail(f"resources/icons/hookbench.icns, entry {kind.decode(errors='replace')}")
    seen.append(kind)
    position += length
if sorted(seen) != sorted(sizes):
    fail("resources/icons/hookbench.icns lacks entries")
PY
    [ $status -eq 0 ] && echo "icons match resources/icons/hookbench.svg (${#sizes[@]} sizes, ICO, ICNS)"
    exit $status
fi
render "$icons"
echo "wrote ${#sizes[@]} PNG sizes, hookbench.ico and hookbench.icns under resources/icons"
