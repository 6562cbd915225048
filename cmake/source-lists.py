#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The source lists of app/ and ui/ (cmake/SourcesCore.cmake, cmake/SourcesUi.cmake), one file per line,
# grouped by folder. Written by this script, checked by ctest (packaging.source-lists):
#   cmake/source-lists.py          rewrite both lists from the files on disk
#   cmake/source-lists.py --check  exit 1, naming the files, when a list and the disk differ
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
lists = {
    "SourcesCore.cmake": ("hookbench_core_sources", "app", (".cpp", ".h"), {"main.cpp"}),
    "SourcesUi.cmake": ("hookbench_ui_sources", "ui", (".cpp", ".h", ".ui"), set()),
}


def files(folder, suffixes, skip):
    base = root / folder
    out = []
    for path in sorted(base.rglob("*")):
        relative = path.relative_to(base).as_posix()
        if path.is_file() and path.suffix in suffixes and relative not in skip:
            out.append(relative)
    return out


def text(variable, folder, names):
    lines = ["# SPDX-License-Identifier: MIT",
             "# Written by cmake/source-lists.py from the files under %s/; packaging.source-lists checks it." % folder,
             "set(%s" % variable]
    group = None
    for name in names:
        top = name.split("/")[0] if "/" in name else ""
        if top != group:
            lines.append("    # %s" % (top + "/" if top else "(top level)"))
            group = top
        lines.append("    ${CMAKE_CURRENT_SOURCE_DIR}/%s" % name)
    lines.append(")")
    return "\n".join(lines) + "\n"


check = "--check" in sys.argv[1:]
stale = []
for filename, (variable, folder, suffixes, skip) in lists.items():
    wanted = text(variable, folder, files(folder, suffixes, skip))
    target = root / "cmake" / filename
    current = target.read_text() if target.exists() else ""
    if current == wanted:
        continue
    if check:
        listed = {l.strip().split("/", 1)[1] for l in current.splitlines() if "${CMAKE_CURRENT_SOURCE_DIR}" in l}
        on_disk = set(files(folder, suffixes, skip))
        for name in sorted(on_disk - listed):
            stale.append("%s/%s is not in cmake/%s" % (folder, name, filename))
        for name in sorted(listed - on_disk):
            stale.append("cmake/%s lists %s/%s, which is not there" % (filename, folder, name))
        if not stale:
            stale.append("cmake/%s is not as source-lists.py writes it" % filename)
    else:
        target.write_text(wanted)
        print("wrote cmake/%s" % filename)
if stale:
    print("\n".join(stale))
    print("Run cmake/source-lists.py to write the lists again.")
    sys.exit(1)
