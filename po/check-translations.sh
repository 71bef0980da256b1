#!/bin/sh
# po/ja.po must translate every string the sources mark, with nothing fuzzy or missing.
set -eu
po="$1"
root="$po/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' "$po/POTFILES.in" | sed '/^[[:space:]]*$/d' | sed "s|^|$root/|" > "$tmp/files"
# Every source file with marked strings must be listed.
for f in $(grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|g_dpgettext2) *\(|translatable="yes"' "$root/src" "$root/ui" 2>/dev/null); do
  if ! grep -qxF "$f" "$tmp/files"; then
    echo "$f has translatable strings but is not in po/POTFILES.in" >&2
    exit 1
  fi
done
xgettext --files-from="$tmp/files" --from-code=UTF-8 -o "$tmp/all.pot" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --keyword=ngettext:1,2 --keyword=g_dpgettext2:2c,3 --add-comments=Translators
if ! msgcmp "$po/ja.po" "$tmp/all.pot" 2>"$tmp/cmp"; then
  cat "$tmp/cmp" >&2
  exit 1
fi
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po/ja.po" 2>&1)
echo "$stats"
case "$stats" in
  *fuzzy*|*untranslated*) exit 1 ;;
esac
