#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `cmake --install` into a scratch root, then the checks distributions run on such a tree: the launcher
# (desktop-file-validate), the AppStream metadata (appstreamcli validate, validate-tree, strict, offline), the
# icons at their sizes, the HAR file type through update-mime-database, and the manual (groff, every option).
#   check-install-tree.sh BUILD_DIR VERSION APP_ID
set -euo pipefail
build=$1
version=$2
app_id=$3
for tool in desktop-file-validate appstreamcli update-mime-database groff python3 zcat; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (packaging/install-deps.sh --tests)" >&2; exit 1; }
done
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

DESTDIR=$dest cmake --install "$build" --prefix /usr >"$dest.log" 2>&1 || fail "cmake --install: $(cat "$dest.log")"
rm -f "$dest.log"
root=$dest/usr
[ -x "$root/bin/hookbench" ] || fail "no bin/hookbench"

desktop=$root/share/applications/hookbench.desktop
desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop"
grep -qx 'Exec=hookbench %f' "$desktop" || fail "the launcher does not run hookbench with the file"

metainfo=$root/share/metainfo/$app_id.metainfo.xml
appstreamcli validate --no-net --strict --explain "$metainfo" || fail "appstreamcli validate $metainfo"
appstreamcli validate-tree --no-net --strict --explain "$dest" || fail "appstreamcli validate-tree"
python3 - "$metainfo" "$version" "$root" <<'PY' || exit 1
import sys, xml.etree.ElementTree as ET
metainfo, version, root = sys.argv[1:]
component = ET.parse(metainfo).getroot()
releases = component.findall("releases/release")
if not releases or releases[0].get("version") != version:
    sys.exit(f"FAIL: the newest release in the metainfo is {releases[0].get('version') if releases else None}, "
             f"the project is {version}: add release notes to packaging/linux/hookbench.metainfo.xml.in")
if not releases[0].find("description"):
    sys.exit(f"FAIL: release {version} has no notes")
if not component.findall("screenshots/screenshot/image"):
    sys.exit("FAIL: no screenshot")
launchable = component.findtext("launchable")
if launchable != "hookbench.desktop":
    sys.exit(f"FAIL: launchable {launchable}")
PY

# Icons: the scalable one and every PNG at the size its folder names.
[ -s "$root/share/icons/hicolor/scalable/apps/hookbench.svg" ] || fail "no scalable icon"
for size in 16 22 24 32 48 64 128 256 512; do
    png=$root/share/icons/hicolor/${size}x${size}/apps/hookbench.png
    [ -s "$png" ] || fail "no ${size}x${size} icon"
    read -r width height < <(python3 -c '
import struct, sys
data = open(sys.argv[1], "rb").read(24)
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
print(*struct.unpack(">II", data[16:24]))' "$png")
    [ "$width $height" = "$size $size" ] || fail "$png is ${width}x${height}"
done

# The file type: *.har resolves to the type the launcher declares.
mime_type=$(sed -n 's/^MimeType=\([^;]*\);.*/\1/p' "$desktop")
update-mime-database "$root/share/mime" >/dev/null
grep -q "^50:$mime_type:\*\.har$" "$root/share/mime/globs2" || fail "*.har does not resolve to $mime_type"
grep -qx "$mime_type application/json" "$root/share/mime/subclasses" || fail "$mime_type is not JSON"

# The manual: renders without a warning and documents every option of every command.
manual=$root/share/man/man1/hookbench.1.gz
[ -s "$manual" ] || fail "no manual page"
warnings=$(zcat "$manual" | groff -man -ww -z 2>&1)
[ -z "$warnings" ] || fail "groff: $warnings"
text=$(zcat "$manual" | groff -man -Tutf8 -P-cbou 2>/dev/null)
for command in listen show verify; do
    # The command's own section, from its heading to the next one, lists each option as an entry.
    section=$(awk -v heading="   hookbench $command" '$0 == heading { inside = 1; next }
                                                      inside && /^   [^ ]/ { exit } inside' <<<"$text")
    [ -n "$section" ] || fail "the manual has no section for hookbench $command"
    for option in $("$root/bin/hookbench" "$command" --help | grep -o '^  \(-[a-z], \)\?--[a-z-]*' | grep -o -- '--[a-z-]*'); do
        [ "$option" = --help-all ] && continue
        grep -Eq -- "^ +(-[a-z], )?$option( |,|\$)" <<<"$section" || fail "the manual lacks hookbench $command $option"
    done
done
grep -q "Hookbench $version" <<<"$text" || fail "the manual does not name version $version"

echo "install tree: launcher, AppStream metadata (release $version), 9 icon sizes, HAR type and manual check out"
