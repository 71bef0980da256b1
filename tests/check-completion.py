#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the bash completion of madoguchi-cli as bash does on Tab: the real script is
sourced into a bash without any other setup, COMP_WORDS and COMP_CWORD are set as bash
sets them for the line typed so far (with --option= split at the "=", as
COMP_WORDBREAKS splits it), and what the completion function leaves in COMPREPLY is
compared with what the command table says.

Usage: check-completion.py COMPLETION-SCRIPT
"""
import os
import shlex
import subprocess
import sys
import tempfile

script = os.path.abspath(sys.argv[1])
failures = []

folder = tempfile.mkdtemp(prefix="madoguchi-completion-")
for name in ("mail.eml", "other.eml", "notes.txt", "form.csv"):
    open(os.path.join(folder, name), "w").close()
os.mkdir(os.path.join(folder, "archive"))


def complete(words):
    """COMPREPLY for the line of @words, the last being the word under the cursor."""
    bash = f"""
set -u
source {shlex.quote(script)}
complete -p madoguchi-cli
COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})
COMP_CWORD={len(words) - 1}
COMP_LINE={shlex.quote(' '.join(words))}
COMP_POINT=${{#COMP_LINE}}
_madoguchi_cli
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    run = subprocess.run(["bash", "--norc", "--noprofile", "-c", bash], cwd=folder, capture_output=True, text=True,
                         env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"})
    lines = run.stdout.splitlines()
    if run.returncode != 0 or run.stderr.strip() or not lines or lines[0] != "complete -F _madoguchi_cli madoguchi-cli":
        failures.append(f"{' '.join(words)!r}: exit {run.returncode}, {run.stderr.strip()!r}, {lines[:1]}")
        return set()
    return {line for line in lines[1:] if line}


def expect(words, wanted, exact=True):
    got = complete(["madoguchi-cli"] + words)
    wanted = set(wanted)
    if (exact and got != wanted) or (not exact and not wanted <= got):
        failures.append(f"madoguchi-cli {' '.join(words)}<Tab>: {sorted(got)}, expected {'' if exact else 'at least '}"
                        f"{sorted(wanted)}")


expect(["att"], {"attendees"})
expect(["se"], {"search", "seminar"})
expect(["attendees", ""], {"import", "list", "export"})
expect(["consultation", "re"], {"reopen", "refer", "reply"})
expect(["attendees", "export", "3", "--format", ""], {"csv", "list", "sign-in", "badges", "online", "questions"})
expect(["attendees", "export", "3", "--format", "="], {"csv", "list", "sign-in", "badges", "online", "questions"})
expect(["attendees", "export", "3", "--format", "=", "si"], {"sign-in"})
expect(["attendees", "export", "3", "--encoding", ""], {"utf-8-bom", "cp932"})
expect(["attendees", "import", "3", "form.csv", "--encoding", ""], {"auto", "utf-8", "cp932"})
expect(["faq", "export", "--format", ""], {"pdf", "html"})
expect(["handout", "1", "--layout", "n"], {"notes"})
expect(["consultation", "add", "--channel", ""], {"phone", "web-form", "email", "walk-in", "on-site"})
expect(["sync", "resolve", "4", "--keep", ""], {"mine", "theirs"})
expect(["feed", "items", "--severity", "c"], {"critical"})
# Options: the command's own, --json where it lists, and the global ones.
expect(["seminar", "add", "--"], {"--title", "--start", "--end", "--venue", "--capacity", "--database", "--as", "--help"})
expect(["seminar", "list", "--j"], {"--json"})
# File names where a file is expected: an argument, an option's value.
expect(["restore", ""], {"mail.eml", "other.eml", "notes.txt", "form.csv", "archive"})
expect(["attendees", "import", "3", "f"], {"form.csv"})
expect(["attendees", "import", ""], set())
expect(["consultation", "import-mail", ""], {"mail.eml", "other.eml", "archive"})
expect(["attendees", "export", "3", "--output", "no"], {"notes.txt"})
expect(["attendees", "export", "3", "-o", "m"], {"mail.eml"})
expect(["--database", "fo"], {"form.csv"})
expect(["publish", "site", "--output", ""], {"archive"})
# A value given to a global option is no command; arguments are counted past options' values.
expect(["--as", "yamada", "att"], {"attendees"})
expect(["deck", "revise", "--note", "x", "7", ""], {"mail.eml", "other.eml", "notes.txt", "form.csv", "archive"})
expect(["checkin", "3", ""], set())

for failure in failures:
    print(failure, file=sys.stderr)
sys.exit(1 if failures else 0)
