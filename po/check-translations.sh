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
  --keyword=ngettext:1,2 --keyword=g_dpgettext2:2c,3 --add-comments=Translators \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format
if ! msgcmp "$po/ja.po" "$tmp/all.pot" 2>"$tmp/cmp"; then
  cat "$tmp/cmp" >&2
  exit 1
fi
# Nor keep translations of strings the sources no longer have.
if grep -q 'this message is not used' "$tmp/cmp"; then
  grep 'this message is not used' "$tmp/cmp" >&2
  exit 1
fi
# Checked as merged with the fresh template, so that the template's c-format flags make msgfmt
# check every translation's conversions against its original's (the appended blocks carry none).
msgmerge --quiet --no-fuzzy-matching -o "$tmp/ja.po" "$po/ja.po" "$tmp/all.pot"
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/ja.po" 2>&1)
echo "$stats"
case "$stats" in
  *fuzzy*|*untranslated*) exit 1 ;;
esac
