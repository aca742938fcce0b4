#!/bin/sh
# Builds tests/server/fuzz-decode.c with clang and libFuzzer (the project
# itself builds with gcc) and runs it for a bounded time over a copy of
# the seed corpus. Usage: run-fuzz-decode.sh SOURCE_ROOT BUILD_ROOT [SECONDS]
set -eu
src=${1:?source root}
build=${2:?build root}
seconds=${3:-${AFS_FUZZ_SECONDS:-20}}
work=$(mktemp -d "${TMPDIR:-/tmp}/afs-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -DGETTEXT_PACKAGE='"aftersales"' -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 \
  -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
  -I"$build" -I"$src/src/core" -I"$src/src/server" \
  $(pkg-config --cflags glib-2.0 json-glib-1.0) \
  "$src/tests/server/fuzz-decode.c" \
  "$src/src/server/afs-office-decode.c" \
  "$src/src/server/afs-office-problem.c" \
  "$src/src/core/afs-sync-fields.c" \
  $(pkg-config --libs glib-2.0 json-glib-1.0) \
  -o "$work/fuzz-decode"

mkdir "$work/corpus"
cp "$src"/tests/server/fuzz-corpus/* "$work/corpus/"
# Leaks are checked (LeakSanitizer); GLib's type system keeps what it
# registers for the life of the process, which is reachable, not a leak.
"$work/fuzz-decode" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -print_final_stats=1 "$work/corpus"
