#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what Hookbench needs to build and run on Debian 12 / Ubuntu 22.04 or newer.
#   packaging/install-deps.sh           build and run
#   packaging/install-deps.sh --tests   also what the tests need (curl, Node.js, Xvfb, sqlite3, the
#                                       packaging validators desktop-file-validate and appstreamcli, ...)
# Safe to run again: it installs only what is missing.
set -euo pipefail

with_tests=false
for arg in "$@"; do
    case "$arg" in
        --tests) with_tests=true ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        *) echo "install-deps.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi

# qt6-tools-dev and qt6-l10n-tools: the translations (lupdate, lrelease); python3: the manual page.
packages=(build-essential cmake ninja-build pkg-config git python3
          qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-l10n-tools libgl-dev libxkbcommon-dev
          libssl-dev libsqlite3-dev)
if $with_tests; then
    packages+=(curl sqlite3 xvfb xauth x11-apps xdotool imagemagick fonts-dejavu-core procps psmisc openssl python3
              clang libclang-rt-14-dev
              desktop-file-utils appstream librsvg2-bin shared-mime-info groff-base)
    # Node.js runs the JSON.stringify vector generator and har-validator. A Node.js installed from
    # elsewhere (nodesource, nvm) is used as it is.
    command -v node >/dev/null || packages+=(nodejs)
    command -v npm >/dev/null || packages+=(npm)
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for package in "${packages[@]}"; do
    installed "$package" || missing+=("$package")
done
# llhttp: a packaged library where the distribution has one (libllhttp-dev), else the C sources
# Debian ships in node-llhttp. CMake looks for them in that order.
need_llhttp=true
{ installed libllhttp-dev || installed node-llhttp; } && need_llhttp=false
if [ ${#missing[@]} -gt 0 ] || $need_llhttp; then
    "${sudo[@]}" apt-get update -qq
    if $need_llhttp; then
        if apt-cache show libllhttp-dev >/dev/null 2>&1; then missing+=(libllhttp-dev); else missing+=(node-llhttp); fi
    fi
    echo "Installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "All build dependencies are installed."
fi

if $with_tests; then
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    # npm packages the tests use, kept inside the tree (ignored by git).
    if [ -f "$here/tests/har/package.json" ] && [ ! -d "$here/tests/har/node_modules" ]; then
        (cd "$here/tests/har" && npm install --no-audit --no-fund --loglevel=error)
    fi
    # The providers' own verifiers that check re-signed replays.
    if [ -f "$here/tests/replay/package.json" ] && [ ! -d "$here/tests/replay/node_modules" ]; then
        (cd "$here/tests/replay" && npm install --no-audit --no-fund --loglevel=error)
    fi
fi
