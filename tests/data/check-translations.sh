#!/bin/sh
# Every user-visible string is translatable, and the zh_CN, es and pl
# catalogues are complete for the sources as they are NOW: the catalogues
# are merged against a fresh template, so a new or changed string that
# nobody translated fails this test, as does a fuzzy or missing entry or a
# translation whose printf placeholders do not match.
set -u
top=${1:?source root}
cd "$top" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# 1. Files with marked strings must all be listed in po/POTFILES.in.
grep -rlE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_)\(|g_dngettext|translatable="yes"' \
    src ui data --include='*.c' --include='*.h' --include='*.ui' --include='*.xml' --include='*.in' \
  | sort > "$tmp/marked"
{ echo org.example.AfterSales.desktop; ls data/*.gschema.xml data/*.metainfo.xml.in; } >> "$tmp/marked"
sort -u "$tmp/marked" -o "$tmp/marked"
grep -vE '^[[:space:]]*(#|$)' po/POTFILES.in | sort -u > "$tmp/listed"
missing=$(comm -23 "$tmp/marked" "$tmp/listed")
if [ -n "$missing" ]; then
  echo "These files have translatable strings but are not in po/POTFILES.in:"
  echo "$missing"
  fail=1
fi
gone=$(while read -r f; do [ -e "$f" ] || echo "$f"; done < "$tmp/listed")
if [ -n "$gone" ]; then
  echo "po/POTFILES.in lists files that do not exist:"; echo "$gone"; fail=1
fi

# 2. A fresh template, made the way meson's glib preset makes it.
sh "$top/build-aux/make-pot.sh" "$top" "$tmp/fresh.pot" || exit 1
n=$(grep -c '^msgid ' "$tmp/fresh.pot")
echo "template: $((n - 1)) messages"

# 3. Each catalogue merged against it: nothing untranslated, nothing fuzzy.
for lang in $(grep -vE '^[[:space:]]*(#|$)' po/LINGUAS); do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then echo "$lang: $po is missing"; fail=1; continue; fi
  msgmerge --quiet --no-fuzzy-matching "$po" "$tmp/fresh.pot" -o "$tmp/$lang.po" || { fail=1; continue; }
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1) || {
    echo "$lang: msgfmt --check failed:"; echo "$stats"; fail=1; continue; }
  echo "$lang: $stats"
  case "$stats" in
    *untranslated*|*fuzzy*)
      fail=1
      echo "$lang: first untranslated or fuzzy messages:"
      { msgattrib --only-fuzzy "$tmp/$lang.po"; msgattrib --untranslated "$tmp/$lang.po"; } 2>/dev/null \
        | grep '^msgid "..*' | head -10
      ;;
  esac
done
exit $fail
