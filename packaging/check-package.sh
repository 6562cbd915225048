#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the DEB and TGZ packages from a built tree and checks them the way a user meets them: the files in
# both, the launcher and AppStream metadata as packaged, then `apt-get install` of the .deb on this machine,
# the installed `hookbench --version`, and a `hookbench listen` round trip (a POST answered 200, stopped by
# SIGTERM). Afterwards the package is removed again, unless it was installed before, so the check can rerun.
#   packaging/check-package.sh [BUILD_DIR]      (default build-test; as root or with sudo)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$here/build-test}" && pwd)
[ -f "$build/CPackConfig.cmake" ] || { echo "check-package: $build is not a configured build tree" >&2; exit 2; }
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 -y -q)
work=$(mktemp -d)
listen_pid=
was_installed=false
dpkg-query -W -f='${Status}' hookbench 2>/dev/null | grep -q 'install ok installed' && was_installed=true
cleanup() {
    [ -n "$listen_pid" ] && kill -9 "$listen_pid" 2>/dev/null
    if ! $was_installed && dpkg-query -W -f='${Status}' hookbench 2>/dev/null | grep -q 'install ok installed'; then
        "${apt[@]}" purge hookbench >/dev/null || echo "check-package: could not remove hookbench again" >&2
    fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
[ -n "$version" ] || fail "no package version in $build/CPackConfig.cmake"
rm -f "$build"/packages/hookbench[_-]"$version"*
(cd "$build" && cpack -G "DEB;TGZ" --config "$build/CPackConfig.cmake")
deb=$(ls "$build"/packages/hookbench_"$version"_*.deb)
tgz=$(ls "$build"/packages/hookbench-"$version"-*.tar.gz)
echo "packages: $deb $tgz"

# The same files in both packages, and the ones a desktop needs.
dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -n 's|^\./usr/||p' | grep -v '/$' | grep -v '^$' | sort >"$work/deb.files"
tar -tzf "$tgz" | sed 's|^[^/]*/||' | grep -v '/$' | grep -v '^$' | sort >"$work/tgz.files"
diff "$work/deb.files" "$work/tgz.files" || fail "the DEB and the TGZ hold different files"
for file in bin/hookbench share/applications/hookbench.desktop share/metainfo/io.github.hookbench.hookbench.metainfo.xml \
            share/mime/packages/hookbench.xml share/man/man1/hookbench.1.gz share/icons/hicolor/scalable/apps/hookbench.svg \
            share/icons/hicolor/16x16/apps/hookbench.png share/icons/hicolor/512x512/apps/hookbench.png \
            share/doc/hookbench/copyright; do
    grep -qx "$file" "$work/deb.files" || fail "the package lacks $file"
done
dpkg-deb --field "$deb" Depends | grep -q 'libqt6widgets6' || fail "the package does not depend on Qt Widgets"

# The launcher and metadata exactly as packaged.
mkdir "$work/root"
dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/hookbench.desktop"
appstreamcli validate --no-net --strict "$work/root/usr/share/metainfo/io.github.hookbench.hookbench.metainfo.xml"
appstreamcli validate-tree --no-net --strict "$work/root"

# Installed on this machine, as a user would.
"${apt[@]}" install --reinstall --no-install-recommends "$deb"
[ "$(command -v hookbench)" = /usr/bin/hookbench ] || fail "hookbench is not /usr/bin/hookbench but $(command -v hookbench)"
[ "$(/usr/bin/hookbench --version | head -n 1)" = "hookbench $version" ] \
    || fail "the installed hookbench --version says: $(/usr/bin/hookbench --version)"
grep -q '^50:application/x-har:\*\.har$' /usr/share/mime/globs2 || fail "*.har is not known to the MIME database"
[ -f /usr/share/icons/hicolor/48x48/apps/hookbench.png ] || fail "no installed 48 px icon"

mkdir -p "$work/home/runtime"
chmod 700 "$work/home/runtime"
HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data XDG_RUNTIME_DIR=$work/home/runtime \
    /usr/bin/hookbench listen --port 0 --store "$work/sessions.sqlite" >"$work/listen.out" 2>"$work/listen.err" &
listen_pid=$!
port=
for _ in $(seq 1 100); do
    port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/listen.err" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && break
    kill -0 "$listen_pid" 2>/dev/null || fail "hookbench listen exited: $(cat "$work/listen.err")"
    sleep 0.1
done
[ -n "$port" ] || fail "hookbench listen did not report its port within 10 s"
status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
         --data-binary @"$here/resources/samples/firm-app-update.json" "http://127.0.0.1:$port/hooks/firm")
[ "$status" = 200 ] || fail "the installed hookbench answered $status, not 200"
kill -TERM "$listen_pid"
exit_status=0
wait "$listen_pid" || exit_status=$?
listen_pid=
[ "$exit_status" = 0 ] || fail "hookbench listen exited $exit_status on SIGTERM: $(cat "$work/listen.err")"
grep -Eq 'POST +/hooks/firm .* 200$' "$work/listen.out" || fail "the capture was not printed: $(cat "$work/listen.out")"

echo "package check: $(basename "$deb") and $(basename "$tgz") hold the same $(wc -l <"$work/deb.files") files," \
     "validate, install, and the installed hookbench $version answered 200 and stopped on SIGTERM"
