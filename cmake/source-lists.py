#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The source lists of app/, ui/ and tests/ (cmake/SourcesCore.cmake, cmake/SourcesUi.cmake,
# cmake/SourcesTests.cmake), one file per line, grouped by folder. Written by this script, checked by ctest
# (packaging.source-lists):
#   cmake/source-lists.py          rewrite the lists from the files on disk
#   cmake/source-lists.py --check  exit 1, naming the files, when a list and the disk differ
import fnmatch
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
# file: [(variable, folder, file name patterns, files left out, how a path is written)]
lists = {
    "SourcesCore.cmake": [("hookbench_core_sources", "app", ("*.cpp", "*.h"), set(), "${CMAKE_CURRENT_SOURCE_DIR}")],
    "SourcesUi.cmake": [("hookbench_ui_sources", "ui", ("*.cpp", "*.h", "*.ui"), set(), "${CMAKE_CURRENT_SOURCE_DIR}")],
    "SourcesTests.cmake": [
        ("hookbench_unit_tests", "tests/unit", ("Test*.cpp",), set(), "${PROJECT_SOURCE_DIR}/tests/unit"),
        ("hookbench_ui_tests", "tests/ui", ("Test*.cpp",), set(), "${PROJECT_SOURCE_DIR}/tests/ui"),
        ("hookbench_i18n_tests", "tests/i18n", ("Test*.cpp",), set(), "${PROJECT_SOURCE_DIR}/tests/i18n"),
        ("hookbench_e2e_scripts", "tests/e2e", ("*.sh",), set(), "${PROJECT_SOURCE_DIR}/tests/e2e"),
        ("hookbench_e2e_tests", "tests/e2e", ("Test*.cpp",), set(), "${PROJECT_SOURCE_DIR}/tests/e2e"),
        ("hookbench_benchmarks", "tests/benchmarks", ("bench_*.cpp",), set(), "${PROJECT_SOURCE_DIR}/tests/benchmarks"),
    ],
}


def matches(name, patterns):
    return any(fnmatch.fnmatch(name.rsplit("/", 1)[-1], pattern) for pattern in patterns)


def files(folder, patterns, skip):
    base = root / folder
    out = []
    for path in sorted(base.rglob("*")):
        relative = path.relative_to(base).as_posix()
        if path.is_file() and matches(relative, patterns) and relative not in skip:
            out.append(relative)
    return out


def block(variable, prefix, names):
    lines = ["set(%s" % variable]
    grouped = any("/" in name for name in names)
    group = None
    for name in names:
        top = name.split("/")[0] if "/" in name else ""
        if grouped and top != group:
            lines.append("    # %s" % (top + "/" if top else "(top level)"))
            group = top
        lines.append("    %s/%s" % (prefix, name))
    lines.append(")")
    return lines


def text(entries):
    folder = entries[0][1].split("/")[0]
    lines = ["# SPDX-License-Identifier: MIT",
             "# Written by cmake/source-lists.py from the files under %s/; packaging.source-lists checks it." % folder]
    for variable, folder, patterns, skip, prefix in entries:
        lines += block(variable, prefix, files(folder, patterns, skip))
    return "\n".join(lines) + "\n"


def listed(current, prefix):
    return {l.strip()[len(prefix) + 1:] for l in current.splitlines() if l.strip().startswith(prefix + "/")}


check = "--check" in sys.argv[1:]
stale = []
for filename, entries in lists.items():
    wanted = text(entries)
    target = root / "cmake" / filename
    current = target.read_text() if target.exists() else ""
    if current == wanted:
        continue
    if check:
        before = len(stale)
        for variable, folder, patterns, skip, prefix in entries:
            on_disk = set(files(folder, patterns, skip))
            # Two lists may share a folder (tests/e2e): each owns the names its patterns match.
            named = {n for n in listed(current, prefix) if matches(n, patterns)}
            for name in sorted(on_disk - named):
                stale.append("%s/%s is not in cmake/%s" % (folder, name, filename))
            for name in sorted(named - on_disk):
                stale.append("cmake/%s lists %s/%s, which is not there" % (filename, folder, name))
        if len(stale) == before:
            stale.append("cmake/%s is not as source-lists.py writes it" % filename)
    else:
        target.write_text(wanted)
        print("wrote cmake/%s" % filename)
if stale:
    print("\n".join(stale))
    print("Run cmake/source-lists.py to write the lists again.")
    sys.exit(1)
