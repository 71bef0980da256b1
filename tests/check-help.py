#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The user guide's tests.

check-help.py validate HELP-DIR   every page, in English and in Japanese, is valid Mallard
                                  (yelp-check validate), and its links lead somewhere
                                  (yelp-check links)
check-help.py ja-complete HELP-DIR
                                  help/ja/ja.po translates every message of the pages as
                                  they are now, with nothing fuzzy or missing
check-help.py figures HELP-DIR SCREENSHOT-DIR
                                  every figure a page shows is one the window tests take
                                  (SCREENSHOT-DIR/screenshot-NAME-{en,ja}.png, by name), is
                                  committed for both languages, and has the size of the
                                  screenshot the tests just took: a screen that changed
                                  size or name fails here until `meson compile
                                  update-help-figures` copies the new ones in.

The Japanese pages are made here as gnome.yelp makes them: msgfmt, then itstool.
"""
import glob
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

mode, help_dir = sys.argv[1], sys.argv[2]
pages = sorted(glob.glob(os.path.join(help_dir, "C", "*.page")))
failures = []


def run(*args, cwd=None):
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True)


def japanese_pages(folder):
    mo = os.path.join(folder, "ja.mo")
    made = run("msgfmt", "--check", "-o", mo, os.path.join(help_dir, "ja", "ja.po"))
    if made.returncode != 0:
        failures.append("msgfmt help/ja/ja.po: " + made.stderr.strip())
        return []
    out = os.path.join(folder, "ja")
    os.mkdir(out)
    merged = run("itstool", "-m", mo, "--lang", "ja", "-o", out, *pages, os.path.join(help_dir, "C", "legal.xml"))
    if merged.returncode != 0:
        failures.append("itstool: " + merged.stderr.strip())
    return sorted(glob.glob(os.path.join(out, "*.page")))


def validate():
    with tempfile.TemporaryDirectory() as folder:
        ja_pages = japanese_pages(folder)
        if len(ja_pages) != len(pages):
            failures.append(f"{len(ja_pages)} Japanese pages for {len(pages)} English ones")
        for page in pages + ja_pages:
            # yelp-check reads legal.xml beside the page.
            checked = run("yelp-check", "validate", os.path.basename(page), cwd=os.path.dirname(page))
            if checked.returncode != 0 or "fails to validate" in checked.stdout:
                failures.append(f"{page}:\n{checked.stdout}{checked.stderr}")
        for folder_pages in (pages, ja_pages):
            if not folder_pages:
                continue
            links = run("yelp-check", "links", ".", cwd=os.path.dirname(folder_pages[0]))
            if links.returncode != 0 or links.stdout.strip():
                failures.append(f"yelp-check links {os.path.dirname(folder_pages[0])}:\n{links.stdout}{links.stderr}")
        media = run("yelp-check", "media", ".", cwd=os.path.join(help_dir, "C"))
        if media.returncode != 0 or media.stdout.strip():
            failures.append("yelp-check media: figures missing:\n" + media.stdout)
    print(f"{len(pages)} pages in English and Japanese validated")


def ja_complete():
    with tempfile.TemporaryDirectory() as folder:
        pot = os.path.join(folder, "help.pot")
        made = run("itstool", "-o", pot, *pages, os.path.join(help_dir, "C", "legal.xml"))
        if made.returncode != 0:
            failures.append("itstool: " + made.stderr.strip())
            return
        po = os.path.join(help_dir, "ja", "ja.po")
        compared = run("msgcmp", po, pot)
        if compared.returncode != 0:
            failures.append("help/ja/ja.po lacks messages of the pages:\n" + compared.stderr)
        stats = run("msgfmt", "--check", "--statistics", "-o", os.devnull, po)
        print(stats.stderr.strip())
        if stats.returncode != 0 or "fuzzy" in stats.stderr or "untranslated" in stats.stderr:
            failures.append("help/ja/ja.po: " + stats.stderr.strip())


def png_size(path):
    with open(path, "rb") as png:
        header = png.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    return struct.unpack(">II", header[16:24])


def figure_names():
    names = set()
    for page in pages:
        for src in re.findall(r'<media[^>]*\bsrc="figures/([^"/]+)\.png"', open(page, encoding="utf-8").read()):
            names.add(src)
    return sorted(names)


def figures(screenshots, installed):
    names = figure_names()
    if not names:
        failures.append("the guide shows no figure")
    # help/meson.build installs these: the pages' own, no more, no fewer.
    # A figure given as ~figures/NAME.png is installed but not held to a size (its
    # screenshot's size depends on where the tests run).
    unsized = {os.path.basename(path)[:-4] for path in installed if path.startswith("~")}
    listed = sorted(os.path.basename(path.lstrip("~"))[:-4] for path in installed)
    if listed != names:
        failures.append(f"help/meson.build installs the figures {listed}, the pages show {names}")
    for name in names:
        for language, folder in (("en", "C"), ("ja", "ja")):
            committed = os.path.join(help_dir, folder, "figures", name + ".png")
            fresh = os.path.join(screenshots, f"screenshot-{name}-{language}.png")
            if not os.path.exists(fresh):
                failures.append(f"figures/{name}.png: the window tests took no screenshot-{name}-{language}.png")
                continue
            if not os.path.exists(committed):
                failures.append(f"help/{folder}/figures/{name}.png is missing: run meson compile update-help-figures")
                continue
            if name not in unsized and png_size(committed) != png_size(fresh):
                failures.append(f"help/{folder}/figures/{name}.png is {png_size(committed)}, the window tests' "
                                f"screenshot-{name}-{language}.png {png_size(fresh)}: run meson compile update-help-figures")
    # A figure nobody shows is a stale copy.
    for folder in ("C", "ja"):
        for path in glob.glob(os.path.join(help_dir, folder, "figures", "*.png")):
            if os.path.basename(path)[:-4] not in names:
                failures.append(f"help/{folder}/figures/{os.path.basename(path)} is shown by no page")
    print(f"{len(names)} figures checked against the window tests' screenshots")


def update(screenshots):
    """Copies the window tests' screenshots in as the guide's figures (not a test)."""
    for name in figure_names():
        for language, folder in (("en", "C"), ("ja", "ja")):
            fresh = os.path.join(screenshots, f"screenshot-{name}-{language}.png")
            if not os.path.exists(fresh):
                failures.append(f"no {fresh}: run the window tests first")
                continue
            shutil.copyfile(fresh, os.path.join(help_dir, folder, "figures", name + ".png"))
            print(f"help/{folder}/figures/{name}.png")


if mode == "validate":
    validate()
elif mode == "ja-complete":
    ja_complete()
elif mode == "figures":
    figures(sys.argv[3], sys.argv[4:])
elif mode == "update-figures":
    update(sys.argv[3])
else:
    sys.exit(f"unknown mode {mode}")

for failure in failures:
    print(failure, file=sys.stderr)
sys.exit(1 if failures else 0)
