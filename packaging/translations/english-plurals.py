#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The English plural forms in resources/translations/hookbench_en.ts.

    english-plurals.py [TS]           fill in every unfinished plural message: "capture(s)" becomes
                                      "capture" (one) and "captures" (other); finished ones stay as they are
    english-plurals.py --check [TS]   exit 1 when a plural message is unfinished or has a form left empty

After `cmake --build BUILD --target update_translations` has added new "%n ..." texts, run it without --check;
fix by hand the forms the rule gets wrong ("entr(y|ies)") and mark them finished; then run update_translations
once more, which writes quotes and apostrophes as lupdate does.
"""
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.normpath(os.path.join(HERE, "..", "..", "resources", "translations", "hookbench_en.ts"))


def forms(source):
    return [source.replace("(s)", ""), source.replace("(s)", "s")]


def main():
    args = sys.argv[1:]
    check = bool(args) and args[0] == "--check"
    if check:
        args = args[1:]
    path = args[0] if args else DEFAULT
    tree = ET.parse(path)
    problems, filled = [], 0
    for message in tree.getroot().iter("message"):
        if message.get("numerus") != "yes":
            continue
        source = message.findtext("source")
        translation = message.find("translation")
        numerus = translation.findall("numerusform")
        unfinished = translation.get("type") in ("unfinished", "vanished", "obsolete")
        if translation.get("type") in ("vanished", "obsolete"):
            continue
        if check:
            if unfinished or len(numerus) != 2 or not all((form.text or "").strip() for form in numerus):
                problems.append(source)
            continue
        if unfinished:
            for element in numerus:
                translation.remove(element)
            for text in forms(source):
                ET.SubElement(translation, "numerusform").text = text
            del translation.attrib["type"]
            filled += 1
    if check:
        for source in problems:
            print(f"{path}: plural forms missing for: {source}", file=sys.stderr)
        if not problems:
            print(f"{os.path.basename(path)}: every plural message has both English forms")
        return 1 if problems else 0
    if not filled:
        print(f"{os.path.basename(path)}: every plural message has its English forms already")
        return 0
    # Laid out as lupdate writes it (contexts at the margin), so that lupdate's next run changes no layout.
    ET.indent(tree, space="    ")
    lines = ET.tostring(tree.getroot(), encoding="unicode", short_empty_elements=False).splitlines()
    lines = [lines[0]] + [line[4:] if line.startswith("    ") else line for line in lines[1:]]
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + "\n".join(lines) + "\n")
    print(f"{os.path.basename(path)}: filled in {filled} plural message(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
