#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes hookbench(1) from the program's own --help texts, so the manual says what the build does.

    make-manpage.py HOOKBENCH OUTPUT.1 DATE

Reads `hookbench --help`, `hookbench --version` and `hookbench COMMAND --help` for every command the usage
names. Fails, writing nothing, when a text does not have the shape it expects.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def run(binary, *args):
    # A throwaway home: the defaults printed (the session store's path) must not be the builder's.
    home = tempfile.mkdtemp(prefix="hookbench-man-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=home, LC_ALL="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    try:
        result = subprocess.run([binary, *args], capture_output=True, text=True, env=env, timeout=30)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if result.returncode != 0:
        sys.exit(f"make-manpage: `hookbench {' '.join(args)}` exited {result.returncode}: {result.stderr}")
    return result.stdout.replace(home + "/.local/share", "~/.local/share")


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    # Long specifications ("header=...;algorithm=...") may break after each field.
    text = text.replace(";", ";\\:")
    return re.sub(r"^([.'])", r"\\&\1", text, flags=re.M)


def unwrap(pieces):
    # QCommandLineParser wraps at 79 columns, inside a word when a piece has no space to break at.
    text, previous = "", ""
    for piece in pieces:
        if text and not re.search(r"\s", previous):
            text += piece
        else:
            text += (" " if text else "") + piece
        previous = piece
    return text


def parse_usage(text):
    lines = text.splitlines()
    if not lines or lines[0] != "Usage:":
        sys.exit("make-manpage: `hookbench --help` does not start with 'Usage:'")
    entries, end = [], len(lines)
    for index, line in enumerate(lines[1:], start=1):
        if not line.strip():
            end = index
            break
        stripped = line.strip()
        parts = re.split(r"\s{2,}", stripped, maxsplit=1)
        if stripped.startswith("hookbench"):
            entries.append({"synopsis": parts[0], "description": parts[1] if len(parts) > 1 else ""})
        elif not entries:
            sys.exit(f"make-manpage: unexpected usage line: {line!r}")
        elif stripped.startswith("["):
            entries[-1]["synopsis"] += " " + parts[0]
            if len(parts) > 1:
                entries[-1]["description"] += parts[1]
        else:
            entries[-1]["description"] += (" " if entries[-1]["description"] else "") + stripped
    rest = " ".join(line.strip() for line in lines[end:] if line.strip())
    return entries, rest


def parse_command_help(command, text):
    lines = text.splitlines()
    match = re.match(r"Usage: \S+ \[options\](.*)$", lines[0] if lines else "")
    if not match:
        sys.exit(f"make-manpage: `hookbench {command} --help` has no usage line")
    description, options, arguments, section = [], [], [], "description"
    for line in lines[1:]:
        if not line.strip():
            continue
        if line in ("Options:", "Arguments:"):
            section = line[:-1].lower()
            continue
        if section == "description":
            description.append(line.strip())
            continue
        entry = re.match(r"^  (\S.*?)\s{2,}(\S.*)$", line)
        target = options if section == "options" else arguments
        if entry:
            target.append([entry.group(1), [entry.group(2)]])
        elif target and line.startswith(" " * 6):
            target[-1][1].append(line.strip())
        else:
            sys.exit(f"make-manpage: unexpected line in `hookbench {command} --help`: {line!r}")
    # Qt's own options (platform, style, ...) belong to every Qt program, not to this page.
    options = [(names, unwrap(text)) for names, text in options if names != "--help-all"]
    arguments = [(names, unwrap(text)) for names, text in arguments]
    return match.group(1).strip(), description, options, arguments


def option_term(names):
    # "--port <N>" -> \fB\-\-port\fR \fIN\fR ; "-h, --help" -> \fB\-h\fR, \fB\-\-help\fR
    out = []
    for name in names.split(", "):
        flag, _, value = name.partition(" ")
        term = f"\\fB{roff(flag)}\\fR"
        if value:
            term += f" \\fI{roff(value.strip('<>'))}\\fR"
        out.append(term)
    return ", ".join(out)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    binary, output, date = sys.argv[1:]
    version_line = run(binary, "--version").splitlines()[0]
    version = version_line.split()[-1]
    entries, closing = parse_usage(run(binary, "--help"))
    page = [
        f'.TH HOOKBENCH 1 "{date}" "Hookbench {roff(version)}" "User Commands"',
        ".ad l",
        ".nh",
        ".SH NAME",
        "hookbench \\- capture, inspect, verify and replay webhooks",
        ".SH SYNOPSIS",
    ]
    for entry in entries:
        page += [".HP", roff(entry["synopsis"])]
    page += [
        ".SH DESCRIPTION",
        "Hookbench is a desktop workbench for webhooks: a local HTTP endpoint captures every delivery byte for "
        "byte, stores it durably before acknowledging it, and shows it as it arrives. Without a command it opens "
        "the window; the commands below work in a terminal, without a display.",
        ".PP",
        roff(closing),
        ".SH COMMANDS",
    ]
    store_default = None
    for entry in entries:
        words = entry["synopsis"].split()
        command = words[1] if len(words) > 1 and re.fullmatch(r"[a-z]+", words[1]) else None
        if command is None and "--version" in words:
            page += ['.SS "hookbench \\-\\-version | \\-\\-help"', "Print the version, or the usage above."]
            continue
        if command is None:
            page += ['.SS "hookbench [\\fIFILE.har\\fR]"', "Open the window" + (
                f" ({roff(entry['description'].split('(', 1)[1])}" if "(" in entry["description"] else "") + "."]
            continue
        _, description, options, arguments = parse_command_help(command, run(binary, command, "--help"))
        page += [f'.SS "hookbench {command}"']
        for index, line in enumerate(description or [entry["description"]]):
            page += ([".br"] if index else []) + [roff(line)]
        for names, text in arguments + options:
            page += [".TP", option_term(names) if names.startswith("-") else f"\\fI{roff(names)}\\fR", roff(text)]
            found = re.search(r"\(default: (\S+)\)", text) if names.startswith("--store") else None
            store_default = store_default or (found and found.group(1))
    if store_default:
        page += [".SH FILES", ".TP", f"\\fI{roff(store_default)}\\fR",
                 "The session store: every capture is written there before it is acknowledged."]
    with open(output + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(page) + "\n")
    os.replace(output + ".tmp", output)


if __name__ == "__main__":
    main()
