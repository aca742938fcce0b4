/* bench-common.h: what bench-store and bench-ui share, so they always
 * agree on which sizes to run and where a generated database is cached. */
#pragma once

#include <glib.h>

/* The sizes named on the command line (default 100 000 and 1 000 000),
 * or NULL after printing why (prog names the program in the message). */
GArray *bench_parse_sizes  (char **opt_sizes, const char *prog);

/* The cache folder (default ~/.cache/aftersales/bench), created; or NULL
 * after printing why. */
char   *bench_cache_dir    (const char *opt_cache_dir, const char *prog);

/* "<dir>/cases-N-seed-S-now-T.db": one file per size, seed and "now". */
char   *bench_cached_db    (const char *dir, guint size, gint64 seed, gint64 now);
