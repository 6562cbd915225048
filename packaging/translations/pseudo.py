#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A pseudo-translation of hookbench_en.ts: every text becomes "[text]", so a window running with it shows at
a glance (and a test checks) which texts are not translatable.

    pseudo.py IN.ts OUT.ts      then: lrelease OUT.ts -qm OUT.qm

Plural messages take the English forms of IN.ts, bracketed. A text that is rich text from start to end
("<b>...</b>") gets its brackets inside the outer tags, so that it still shows as rich text.
"""
import sys
import xml.etree.ElementTree as ET


def bracket(text):
    if text.startswith("<") and text.endswith(">") and ">" in text[1:]:
        first = text.index(">") + 1
        last = text.rindex("<")
        if first <= last:
            return text[:first] + "[" + text[first:last] + "]" + text[last:]
    return "[" + text + "]"


def main():
    source_path, target_path = sys.argv[1:3]
    tree = ET.parse(source_path)
    root = tree.getroot()
    root.set("language", "en_ZZ")
    count = 0
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if translation.get("type") in ("vanished", "obsolete"):
            continue
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            forms = [form.text or source for form in translation.findall("numerusform")] or [source, source]
            for element in list(translation):
                translation.remove(element)
            for form in forms:
                ET.SubElement(translation, "numerusform").text = bracket(form)
        else:
            translation.text = bracket(source)
        count += 1
    tree.write(target_path, encoding="utf-8", xml_declaration=True)
    print(f"{target_path}: {count} pseudo-translated message(s)")


if __name__ == "__main__":
    main()
