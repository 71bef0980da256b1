#!/bin/sh
# Nothing below src/app may know GTK (DESIGN.md: arrows point down only).
set -eu
src="$1"
bad=$(grep -rlE '#include *<(gtk/|gdk/|adwaita\.h)' "$src/core" "$src/exchange" "$src/documents" "$src/slides" "$src/cli" "$src/feeds" "$src/sync" 2>/dev/null || true)
if [ -n "$bad" ]; then
  echo "GTK headers below src/app:" >&2
  echo "$bad" >&2
  exit 1
fi
if ! grep -rqE '#include *<(gtk/gtk\.h|adwaita\.h)>' "$src/app"; then
  echo "src/app does not include GTK: the check is looking in the wrong place" >&2
  exit 1
fi
echo "layering ok"
