#!/bin/sh
# The built catalogues really load: run a program of ours under each
# language of po/LINGUAS and look for the translation of a message it
# prints. Catches catalogues that are not built, not found, or that
# gettext ignores (wrong charset, bad header), which the completeness
# test cannot see.
#   check-catalogues-load.sh SOURCE_ROOT LOCALEDIR MSGID PROGRAM [ARGS…]
set -u
top=${1:?source root}; localedir=${2:?locale dir}; msgid=${3:?msgid}
shift 3
fail=0
english=$(env LANGUAGE=C LC_ALL=C.UTF-8 "$@" 2>&1)
case "$english" in
  *"$msgid"*) ;;
  *) echo "the program does not print “$msgid” in English; the test is looking at the wrong message:"
     echo "$english" | head -5; exit 1 ;;
esac
for lang in $(grep -vE '^[[:space:]]*(#|$)' "$top/po/LINGUAS"); do
  expected=$(msggrep --no-wrap -K -F -e "$msgid" "$top/po/$lang.po" | sed -n 's/^msgstr "\(..*\)"$/\1/p' | head -1)
  # Compare the text before the first placeholder: the program fills it in.
  expected=${expected%%\%*}
  if [ -z "$expected" ]; then
    echo "$lang: no translation of “$msgid” in po/$lang.po"; fail=1; continue
  fi
  out=$(env AFS_LOCALEDIR="$localedir" LANGUAGE="$lang" LC_ALL=C.UTF-8 "$@" 2>&1)
  case "$out" in
    *"$expected"*) echo "$lang: ok ($expected)" ;;
    *) echo "$lang: expected “$expected”, got:"; echo "$out" | head -5; fail=1 ;;
  esac
done
exit $fail
