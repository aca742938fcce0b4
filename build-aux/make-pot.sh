#!/bin/sh
# Write a fresh translation template of the sources listed in po/POTFILES.in
# to $2, the way meson's glib preset extracts strings. Used by
# build-aux/update-po and by the translation test, so both see the same.
#   build-aux/make-pot.sh SOURCE_ROOT OUTPUT.pot
set -u
top=${1:?source root}
out=${2:?output file}
cd "$top" || exit 2
list=$(mktemp)
grep -vE '^[[:space:]]*(#|$)' po/POTFILES.in > "$list"
xgettext --from-code=UTF-8 --add-comments --sort-by-file \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format \
  --files-from="$list" --package-name=aftersales -o "$out" 2>/dev/null
status=$?
rm -f "$list"
[ $status -eq 0 ] && [ -s "$out" ] || { echo "xgettext failed" >&2; exit 1; }
sed -i 's/charset=CHARSET/charset=UTF-8/' "$out"
