#!/bin/sh
# The architecture must stay visible: core logic without GTK or SQLite,
# storage without GTK, and no SQL or HTTP in widgets.
set -u
top=${1:?source root}
fail=0

bad=$(grep -rlE '#include[[:space:]]*[<"](gtk/|adwaita|sqlite3|libsoup/)' "$top/src/core" 2>/dev/null)
if [ -n "$bad" ]; then
  echo "src/core must use GLib/GIO only, but these include GTK, SQLite or libsoup:"; echo "$bad"; fail=1
fi
bad=$(grep -rlE '#include[[:space:]]*[<"](gtk/|adwaita|libsoup/)' "$top/src/store" 2>/dev/null)
if [ -n "$bad" ]; then
  echo "src/store must not include GTK or libsoup:"; echo "$bad"; fail=1
fi
bad=$(grep -rlE '#include[[:space:]]*[<"](sqlite3|libsoup/)|sqlite3_' "$top/src/ui" 2>/dev/null)
if [ -n "$bad" ]; then
  echo "src/ui must not touch SQLite or HTTP (use the store and sync layers):"; echo "$bad"; fail=1
fi
bad=$(grep -rliE '"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE)[[:space:]]' "$top/src/ui" 2>/dev/null)
if [ -n "$bad" ]; then
  echo "SQL statements found in src/ui:"; echo "$bad"; fail=1
fi
# A public store header that pulls in sqlite3.h would leak SQLite into the UI.
bad=$(grep -lE '#include[[:space:]]*[<"]sqlite3' "$top"/src/store/afs-store.h "$top"/src/store/afs-demo.h 2>/dev/null)
if [ -n "$bad" ]; then
  echo "public store headers must not include sqlite3.h:"; echo "$bad"; fail=1
fi
[ $fail -eq 0 ] && echo "layering ok"
exit $fail
