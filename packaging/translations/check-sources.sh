#!/bin/sh
# SPDX-License-Identifier: MIT
# The translation source is current and holds the window's texts: lupdate over ui/ and app/ (as the
# update_translations target runs it) finds no text that resources/translations/hookbench_en.ts lacks, and the
# file lists at least FLOOR texts (a tr() that stopped being found, e.g. a context lupdate no longer resolves,
# brings the count down).
#   check-sources.sh LUPDATE SOURCE_DIR FLOOR
set -eu
lupdate=$1 source=$2 floor=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
committed=$source/resources/translations/hookbench_en.ts
cp "$committed" "$work/current.ts"
"$lupdate" -silent -locations none -no-obsolete -I "$source/ui" -I "$source/app" \
    -extensions cpp,h,ui "$source/ui" "$source/app" -ts "$work/current.ts"
count() { grep -c '<source>' "$1" || true; }
before=$(count "$committed")
after=$(count "$work/current.ts")
if [ "$after" -ne "$before" ] || ! cmp -s "$committed" "$work/current.ts"; then
    echo "hookbench_en.ts is not current ($before texts, lupdate finds $after):" >&2
    diff "$committed" "$work/current.ts" | grep '^[<>] *<source>' | head -20 >&2 || true
    echo "run: cmake --build BUILD --target update_translations" >&2
    exit 1
fi
if [ "$after" -lt "$floor" ]; then
    echo "hookbench_en.ts lists $after texts, fewer than $floor" >&2
    exit 1
fi
echo "hookbench_en.ts: current, $after texts"
