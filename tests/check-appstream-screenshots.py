#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The software centres' screenshots are the window tests' own: every <image> of the
metainfo names a figure of the user guide in this tree (help/C/figures or, for
xml:lang="ja", help/ja/figures), which the test help-figures holds to the screenshots the
window tests take, and states its real width and height. Every screenshot has an English
and a Japanese image.

Usage: check-appstream-screenshots.py METAINFO SOURCE-ROOT
"""
import os
import struct
import sys
import xml.etree.ElementTree as ElementTree

metainfo, root = sys.argv[1:3]
prefix = "https://raw.githubusercontent.com/madoguchi/madoguchi/main/"
lang = "{http://www.w3.org/XML/1998/namespace}lang"
failures = []

screenshots = ElementTree.parse(metainfo).getroot().findall("./screenshots/screenshot")
if not screenshots:
    failures.append("the metainfo shows no screenshot")
for screenshot in screenshots:
    languages = set()
    for image in screenshot.findall("image"):
        language = image.get(lang, "en")
        languages.add(language)
        url = (image.text or "").strip()
        folder = "help/ja/figures/" if language == "ja" else "help/C/figures/"
        if not url.startswith(prefix + folder):
            failures.append(f"{url}: not a figure of the guide in {folder}")
            continue
        path = os.path.join(root, url[len(prefix):])
        if not os.path.exists(path):
            failures.append(f"{url}: no such file in the tree")
            continue
        with open(path, "rb") as png:
            width, height = struct.unpack(">II", png.read(24)[16:24])
        if (image.get("width"), image.get("height")) != (str(width), str(height)):
            failures.append(f"{url}: the metainfo says {image.get('width')}×{image.get('height')}, the file is {width}×{height}")
    if languages != {"en", "ja"}:
        failures.append(f"a screenshot has images in {sorted(languages)}, not in English and Japanese")

for failure in failures:
    print(failure, file=sys.stderr)
print(f"{len(screenshots)} screenshots checked")
sys.exit(1 if failures else 0)
