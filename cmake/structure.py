#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# The shape of the code, checked by ctest (packaging.structure):
#   - imports between folders point one way: each folder of app/ and ui/ includes only the folders listed for
#     it below, and that list has no cycle;
#   - no file in app/ or ui/ is over 600 lines.
#   cmake/structure.py           check both; exit 1 naming each include or file that breaks them
#   cmake/structure.py --graph   print the folders and what each imports (docs/ARCHITECTURE.md shows it)
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
max_lines = 600

# Each folder, lowest first, with the folders it may include. A subfolder belongs to its folder
# (app/signature/schemes is app/signature).
allowed = {
    "app/core": [],
    "app/json": ["app/core"],
    "app/store": ["app/core"],
    "app/export": ["app/core"],
    "app/settings": ["app/core", "app/store"],
    "app/payload": ["app/core", "app/json"],
    "app/har": ["app/core", "app/json"],
    "app/signature": ["app/core", "app/json"],
    "app/http": ["app/core", "app/payload"],
    "app/filter": ["app/core", "app/json", "app/payload", "app/signature", "app/store"],
    "app/replay": ["app/core", "app/json", "app/settings", "app/signature", "app/store"],
    "app/transfer": ["app/core", "app/har", "app/store"],
    "app/endpoint": ["app/core", "app/http", "app/store"],
    "app/session": ["app/core", "app/endpoint", "app/export", "app/filter", "app/har", "app/http", "app/json",
                    "app/payload", "app/replay", "app/settings", "app/signature", "app/store", "app/transfer"],
    "app/cli": ["app/core", "app/endpoint", "app/export", "app/har", "app/http", "app/json", "app/payload",
                "app/replay", "app/settings", "app/signature", "app/store", "app/transfer"],
    "ui/widgets": ["app/*"],
    "ui/models": ["app/*", "ui/widgets"],
    "ui/detail": ["app/*", "ui/models", "ui/widgets"],
    "ui/dialogs": ["app/*", "ui/detail", "ui/models", "ui/widgets"],
    "ui/window": ["app/*", "ui/detail", "ui/dialogs", "ui/models", "ui/widgets"],
    "ui": ["app/*", "ui/dialogs", "ui/widgets", "ui/window"],
}


def folder_of(path):
    parts = path.relative_to(root).parts
    return "/".join(parts[:2]) if len(parts) > 2 else parts[0]


def sources():
    for top in ("app", "ui"):
        for path in sorted((root / top).rglob("*")):
            if path.suffix in (".cpp", ".h"):
                yield path


def include_target(path, name):
    """The folder an #include "name" in path refers to, or None for a generated or outside header."""
    for base in (path.parent, root / "app", root / "ui"):
        candidate = base / name
        if candidate.is_file():
            return folder_of(candidate.resolve())
    return None


def permitted(source, target):
    if source == target:
        return True
    rules = allowed.get(source)
    if rules is None:
        return False
    return any(rule == target or (rule.endswith("/*") and target.startswith(rule[:-1])) for rule in rules)


def edges():
    found = {}
    for path in sources():
        source = folder_of(path)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if not match:
                continue
            target = include_target(path, match.group(1))
            if target and target != source:
                found.setdefault((source, target), []).append(f"{path.relative_to(root)}:{number}")
    return found


def cycle():
    """A cycle in the allowed imports, as a list of folders, or None."""
    graph = {source: [t for t in allowed if t != source and permitted(source, t)] for source in allowed}
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for target in graph[node]:
            if state.get(target) == "open":
                return trail + [node, target]
            if target not in state:
                found = visit(target, trail + [node])
                if found:
                    return found
        state[node] = "done"
        return None

    for node in graph:
        if node not in state:
            found = visit(node, [])
            if found:
                return found
    return None


def main():
    found = edges()
    if "--graph" in sys.argv[1:]:
        for source in allowed:
            targets = sorted({t for (s, t) in found if s == source})
            print(f"{source:14} -> {', '.join(targets) if targets else '(nothing)'}")
        return 0
    problems = []
    loop = cycle()
    if loop:
        problems.append("the allowed imports have a cycle: " + " -> ".join(loop))
    for (source, target), places in sorted(found.items()):
        if not permitted(source, target):
            problems.append(f"{source} may not include {target}: {', '.join(places[:3])}"
                            + (f" (+{len(places) - 3} more)" if len(places) > 3 else ""))
    for path in sources():
        if folder_of(path) not in allowed:
            problems.append(f"{path.relative_to(root)}: its folder {folder_of(path)} is not listed in cmake/structure.py")
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > max_lines:
            problems.append(f"{path.relative_to(root)}: {lines} lines (at most {max_lines})")
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"imports point one way across {len(allowed)} folders; no file over {max_lines} lines")
    return 0


sys.exit(main())
