#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest, as flatpak-builder reads it (--show-manifest): every library
module builds from a pinned source archive with a sha256 checksum (no branch, no
download left open), the application builds from this tree, and it finishes with only
the permissions Madoguchi needs.

Usage: check-flatpak-manifest.py MANIFEST
"""
import json
import re
import subprocess
import sys

manifest_path = sys.argv[1]
failures = []

shown = subprocess.run(["flatpak-builder", "--show-manifest", manifest_path], capture_output=True, text=True)
if shown.returncode != 0:
    sys.exit(f"flatpak-builder --show-manifest failed: {shown.stderr}")
manifest = json.loads(shown.stdout)


def modules(entries):
    for module in entries:
        if isinstance(module, str):
            failures.append(f"module {module} is a separate file: keep every module in the manifest")
            continue
        yield module
        yield from modules(module.get("modules", []))


app_modules = []
for module in modules(manifest.get("modules", [])):
    name = module.get("name", "?")
    sources = module.get("sources", [])
    if any(source.get("type") == "dir" for source in sources):
        app_modules.append(name)
        continue
    if not sources:
        failures.append(f"{name}: no source")
    for source in sources:
        kind = source.get("type")
        url = source.get("url", "")
        if kind not in ("archive", "file"):
            failures.append(f"{name}: a {kind} source, not a pinned archive")
        elif not url.startswith("https://"):
            failures.append(f"{name}: {url!r} is not fetched over https")
        elif not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
            failures.append(f"{name}: {url} has no sha256")
        elif not source.get("x-checksum-found-in"):
            failures.append(f"{name}: {url}: say where its checksum was found (x-checksum-found-in)")

if app_modules != ["madoguchi"]:
    failures.append(f"the application should be the one module built from this tree, not {app_modules}")
elif manifest["modules"][-1].get("name") != "madoguchi":
    failures.append("the application module must come last, after the libraries it links")

# Only what Madoguchi needs: its own data folder is private, files come through the portal.
args = manifest.get("finish-args", [])
needed = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri", "--share=network",
          "--talk-name=org.freedesktop.secrets"}
for arg in args:
    if arg not in needed:
        failures.append(f"finish-args: {arg} is more than Madoguchi needs")
for arg in sorted(needed - set(args)):
    failures.append(f"finish-args: {arg} is missing")
if manifest.get("command") != "madoguchi":
    failures.append(f"command is {manifest.get('command')!r}, not madoguchi")
for required in ("network", "org.freedesktop.secrets", "files"):
    if required not in manifest.get("x-permissions", {}):
        failures.append(f"x-permissions does not say why {required}")

for failure in failures:
    print(failure, file=sys.stderr)
print(f"{len(list(modules(manifest.get('modules', []))))} modules, {len(args)} permissions checked")
sys.exit(1 if failures else 0)
