#!/bin/sh
# Both icons must exist and be well-formed SVG.
set -u
top=${1:?source root}
fail=0
for f in "$top/data/icons/hicolor/scalable/apps/org.example.AfterSales.svg" \
         "$top/data/icons/hicolor/symbolic/apps/org.example.AfterSales-symbolic.svg"; do
  if [ ! -s "$f" ]; then echo "missing icon: $f"; fail=1; continue; fi
  if ! grep -q '<svg' "$f" || ! grep -q '</svg>' "$f"; then echo "not an SVG document: $f"; fail=1; fi
done
if command -v xmllint >/dev/null 2>&1; then
  for f in "$top"/data/icons/hicolor/*/apps/*.svg; do
    xmllint --noout "$f" || fail=1
  done
fi
[ $fail -eq 0 ] && echo "icons ok"
exit $fail
