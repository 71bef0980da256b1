#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Both man pages render without a warning, madoguchi-cli(1) describes every command the
program dispatches (as its --help lists them) with every option of each, and madoguchi(1)
every option of the window.

Usage: check-man-pages.py MADOGUCHI-CLI MADOGUCHI-CLI.1 MADOGUCHI MADOGUCHI.1
"""
import os
import re
import subprocess
import sys

cli, cli_page, app, app_page = sys.argv[1:5]
env = dict(os.environ, LANGUAGE="", LC_ALL="C.UTF-8", MANWIDTH="200", MAN_KEEP_FORMATTING="")
env.pop("MANPAGER", None)
failures = []


def render(page):
    """The page as man shows it; its warnings are failures."""
    run = subprocess.run(["man", "--warnings", "-l", "-P", "cat", page], env=env, capture_output=True, text=True)
    if run.returncode != 0 or run.stderr.strip():
        failures.append(f"{page}: man --warnings says: {run.stderr.strip() or run.returncode}")
    # Bold and underline as man writes them for a terminal, in case a pager setting asked for them.
    return re.sub(r".\x08", "", run.stdout)


def run(*args):
    return subprocess.run(list(args), env=env, capture_output=True, text=True)


cli_text = render(cli_page)
app_text = render(app_page)

# Every command the program lists, as it dispatches them: "  seminar add …  description".
help_run = run(cli, "--help")
if help_run.returncode != 0:
    failures.append(f"madoguchi-cli --help exited with {help_run.returncode}")
commands = []
for line in help_run.stdout.splitlines():
    match = re.match(r"^  ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?(?:\s|$)", line)
    if match:
        commands.append((match.group(1), match.group(2)))
if len(commands) < 60:
    failures.append(f"madoguchi-cli --help lists only {len(commands)} commands")

# The man page's command entries: each from its synopsis line to the next entry or section.
man_lines = cli_text.splitlines()
starts = {}
for i, line in enumerate(man_lines):
    for name, sub in commands:
        words = " ".join([name] + ([sub] if sub else []))
        if words not in starts and re.match(r"^ {7}" + re.escape(words) + r"(?: |$)", line):
            starts[words] = i
boundaries = sorted(starts.values()) + [i for i, line in enumerate(man_lines) if re.match(r"^ {0,3}\S", line)]
for name, sub in commands:
    words = [name] + ([sub] if sub else [])
    command_help = run(cli, *words, "--help")
    if command_help.returncode != 0 or not command_help.stdout.startswith("Usage: madoguchi-cli " + " ".join(words)):
        failures.append(f"madoguchi-cli {' '.join(words)} --help: {command_help.returncode} {command_help.stdout[:80]!r}")
        continue
    options = set(re.findall(r"^  (?:-\w, )?(--[a-z][a-z-]*)", command_help.stdout, re.M))
    start = starts.get(" ".join(words))
    if start is None:
        failures.append(f"madoguchi-cli(1) does not describe “{' '.join(words)}”")
        continue
    end = min([b for b in boundaries if b > start] + [len(man_lines)])
    entry = "\n".join(man_lines[start:end])
    for option in options:
        if option not in entry:
            failures.append(f"madoguchi-cli(1) does not describe {option} of “{' '.join(words)}”")

# A command the table does not hold is refused as a wrong command line.
if run(cli, "frobnicate").returncode != 2:
    failures.append("madoguchi-cli frobnicate did not exit with 2")

for section in ("EXIT STATUS", "ENVIRONMENT", "FILES", "MADOGUCHI_DATABASE", "MADOGUCHI_STAFF", "backups/", "decks/"):
    if section not in cli_text:
        failures.append(f"madoguchi-cli(1) says nothing of {section}")

# The window's options, as GApplication lists them.
app_help = run(app, "--help-all")
app_options = re.findall(r"^  (?:-\w, )?(--[a-z][a-z-]*)", app_help.stdout, re.M)
if app_help.returncode != 0 or "--database" not in app_options:
    failures.append(f"madoguchi --help-all: {app_help.returncode} {app_help.stderr.strip()}")
for option in app_options:
    if option not in app_text:
        failures.append(f"madoguchi(1) does not describe {option}")
for section in ("EXIT STATUS", "ENVIRONMENT", "FILES", "MADOGUCHI_DATABASE", "backups/"):
    if section not in app_text:
        failures.append(f"madoguchi(1) says nothing of {section}")

for failure in failures:
    print(failure, file=sys.stderr)
print(f"{len(commands)} commands checked against madoguchi-cli(1), {len(app_options)} window options against madoguchi(1)")
sys.exit(1 if failures else 0)
