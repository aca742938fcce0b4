/* bench-ui.c: how the app itself holds up with a big company.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-ui [--runs N] [--cache-dir DIR] [--drop-caches] [--no-scroll]
 *            [--no-store] [SIZE...]
 *
 * For each size (default 100 000 and 1 000 000 cases) it takes the
 * database from the cache folder bench-store uses (or makes it with
 * aftersales-demo), then runs the real app on the current display:
 * N times (default 5) with --quit-after-first-frame, once with
 * --bench-scroll, and bench-store's measuring step twice for the
 * store-level figures (search over 100 queries, page loads): the first
 * pass finds the file as the system left it, the second with its pages in
 * the system's file cache. Prints a markdown table.
 *
 * --drop-caches (root only) empties the system's file cache before the
 * first app run and before the first store pass, so those are cold.
 *
 * Run it under a display, for example:
 *   xvfb-run -a -s "-screen 0 1400x900x24" build/tests/bench/bench-ui
 * GSK_RENDERER=cairo, GDK_BACKEND=x11, GSETTINGS_BACKEND=memory and the
 * build's GSETTINGS_SCHEMA_DIR are set when the caller has not set them.
 *
 * A benchmark, not a test: it prints figures and never fails on them.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "bench-common.h"

/* A fixed "today", the same as bench-store's, so both use one cache. */
#define DEFAULT_NOW   G_GINT64_CONSTANT (1773744000)
#define RUN_TIMEOUT_S 1800

/* The targets. */
#define TARGET_FIRST_FRAME_MS   400.0   /* at 100 000 cases */
#define TARGET_SEARCH_P95_MS     30.0   /* at 1 000 000 cases */
#define TARGET_PEAK_RSS_MIB     150.0   /* at 1 000 000 cases, after scrolling */

static gint64   opt_seed = 1;
static gint64   opt_now = DEFAULT_NOW;
static gint     opt_runs = 5;
static char    *opt_cache_dir;
static gboolean opt_no_scroll;
static gboolean opt_no_store;
static gboolean opt_drop_caches;
static char   **opt_sizes;

static const GOptionEntry entries[] = {
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "First-frame runs per size (default 5)", "N" },
  { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_cache_dir, "Where the generated databases are kept (bench-store’s)", "DIR" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Generator seed (default 1)", "S" },
  { "now", 0, 0, G_OPTION_ARG_INT64, &opt_now, "“Today” of the generated history (unix seconds)", "UNIX" },
  { "no-scroll", 0, 0, G_OPTION_ARG_NONE, &opt_no_scroll, "Skip the --bench-scroll run", NULL },
  { "no-store", 0, 0, G_OPTION_ARG_NONE, &opt_no_store, "Skip bench-store’s measurements", NULL },
  { "drop-caches", 0, 0, G_OPTION_ARG_NONE, &opt_drop_caches, "Empty the system’s file cache before the first app run and the first store pass (root)", NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_sizes, NULL, "SIZE…" },
  { NULL }
};

/* ---- Running a program ---------------------------------------------------- */

typedef struct {
  GSubprocess *proc;
  GMutex       lock;
  GCond        cond;
  gboolean     finished;
  guint        timeout_s;
} Watchdog;

static gpointer
watchdog_thread (gpointer data)
{
  Watchdog *w = data;
  gint64 deadline = g_get_monotonic_time () + w->timeout_s * G_TIME_SPAN_SECOND;

  g_mutex_lock (&w->lock);
  while (!w->finished)
    if (!g_cond_wait_until (&w->cond, &w->lock, deadline))
      {
        g_printerr ("bench-ui: no end after %u s, stopping it\n", w->timeout_s);
        g_subprocess_force_exit (w->proc);
        break;
      }
  g_mutex_unlock (&w->lock);
  return NULL;
}

/* Runs @argv with its stdout read here (stderr passes through), and
 * returns the "key<sep>value" lines it printed. *line_ms is when the line
 * @timed_key arrived, counted from just before the process was started. */
static GHashTable *
run_program (const char *const *argv,
             char               sep,
             const char        *timed_key,
             double            *line_ms,
             GError           **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDataInputStream) in = NULL;
  Watchdog w = { 0 };
  GThread *thread;
  gint64 t0;
  char *line;
  gboolean ok;

  t0 = g_get_monotonic_time ();
  w.proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, error);
  if (w.proc == NULL)
    return NULL;
  g_mutex_init (&w.lock);
  g_cond_init (&w.cond);
  w.timeout_s = RUN_TIMEOUT_S;
  thread = g_thread_new ("watchdog", watchdog_thread, &w);

  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (w.proc));
  while ((line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, NULL)) != NULL)
    {
      char *colon = strchr (line, sep);

      if (colon != NULL && colon != line)
        {
          g_autofree char *key = g_strndup (line, colon - line);

          if (timed_key != NULL && line_ms != NULL && g_str_equal (key, timed_key))
            *line_ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_hash_table_replace (values, g_steal_pointer (&key), g_strdup (g_strstrip (colon + 1)));
        }
      else if (line[0] != '\0')
        g_printerr ("  %s\n", line);
      g_free (line);
    }

  ok = g_subprocess_wait (w.proc, NULL, error);
  g_mutex_lock (&w.lock);
  w.finished = TRUE;
  g_cond_signal (&w.cond);
  g_mutex_unlock (&w.lock);
  g_thread_join (thread);
  g_mutex_clear (&w.lock);
  g_cond_clear (&w.cond);

  if (ok && !g_subprocess_get_successful (w.proc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s ended with status %d",
                   argv[0], g_subprocess_get_status (w.proc));
      ok = FALSE;
    }
  g_object_unref (w.proc);

  return ok ? g_steal_pointer (&values) : NULL;
}

static double
value_double (GHashTable *values,
              const char *key)
{
  const char *v = values != NULL ? g_hash_table_lookup (values, key) : NULL;

  return v != NULL ? g_ascii_strtod (v, NULL) : -1;
}

/* ---- The database --------------------------------------------------------- */

/* bench-store writes "key=value" lines into NAME.db.gen. */
static double
read_gen_seconds (const char *gen_path)
{
  g_autofree char *text = NULL;
  const char *v;

  if (!g_file_get_contents (gen_path, &text, NULL, NULL) ||
      (v = strstr (text, "gen_seconds=")) == NULL)
    return -1;
  return g_ascii_strtod (v + strlen ("gen_seconds="), NULL);
}

static gboolean
ensure_database (const char *path,
                 guint       size,
                 GError    **error)
{
  g_autofree char *gen_path = g_strconcat (path, ".gen", NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autofree char *cases = g_strdup_printf ("%u", size);
  g_autofree char *seed = g_strdup_printf ("%" G_GINT64_FORMAT, opt_seed);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, opt_now);
  g_autofree char *gen_text = NULL;
  const char *argv[] = { AFS_DEMO_PATH, "--cases", cases, "--seed", seed, "--now", now, partial, NULL };
  static const char *const suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GSubprocess) proc = NULL;
  gint64 t0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("Reusing %s\n", path);
      return TRUE;
    }

  g_printerr ("Generating %u cases into %s (a million takes about 10 to 15 minutes) ...\n", size, path);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *f = g_strconcat (partial, suffixes[i], NULL);
      g_unlink (f);
    }

  t0 = g_get_monotonic_time ();
  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, error);
  if (proc == NULL || !g_subprocess_wait_check (proc, NULL, error))
    return FALSE;
  if (g_rename (partial, path) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot rename %s", partial);
      return FALSE;
    }
  gen_text = g_strdup_printf ("gen_seconds=%.1f\n", (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);
  return g_file_set_contents (gen_path, gen_text, -1, error);
}

static double
file_mib (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;
  gint64 bytes = 0;

  if (g_stat (path, &st) == 0)
    bytes += st.st_size;
  if (g_stat (wal, &st) == 0)
    bytes += st.st_size;
  return bytes / (1024.0 * 1024.0);
}

/* ---- Measuring ------------------------------------------------------------- */

typedef struct {
  guint       size;
  double      gen_s;
  double      file_mib;
  GArray     *frame_ms;     /* double: first-frame-ms, in-app (from main()) */
  GArray     *line_ms;      /* double: from starting the process */
  GHashTable *scroll;
  GHashTable *store[2];    /* first and second pass */
} Result;

static void
result_free (Result *r)
{
  g_array_unref (r->frame_ms);
  g_array_unref (r->line_ms);
  g_clear_pointer (&r->scroll, g_hash_table_unref);
  g_clear_pointer (&r->store[0], g_hash_table_unref);
  g_clear_pointer (&r->store[1], g_hash_table_unref);
  g_free (r);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* min / median / max of @v (sorted here); the median of an even count is
 * the lower middle one, a value that was measured. */
static char *
min_med_max (GArray *v)
{
  g_autoptr(GArray) s = g_array_copy (v);

  if (s->len == 0)
    return g_strdup ("-");
  g_array_sort (s, compare_double);
  return g_strdup_printf ("%.0f / %.0f / %.0f",
                          g_array_index (s, double, 0),
                          g_array_index (s, double, (s->len - 1) / 2),
                          g_array_index (s, double, s->len - 1));
}

static double
median (GArray *v)
{
  g_autoptr(GArray) s = g_array_copy (v);

  if (s->len == 0)
    return -1;
  g_array_sort (s, compare_double);
  return g_array_index (s, double, (s->len - 1) / 2);
}

/* The next read of the database comes from the disk, as after a reboot. */
static void
drop_caches (void)
{
  FILE *f;
  gboolean ok;

  if (!opt_drop_caches)
    return;
  sync ();
  /* Not g_file_set_contents(): it writes a new file and renames it. */
  f = fopen ("/proc/sys/vm/drop_caches", "w");
  ok = f != NULL && fputs ("3\n", f) >= 0;
  if (f != NULL && fclose (f) != 0)
    ok = FALSE;
  if (!ok)
    g_printerr ("bench-ui: cannot drop the file cache (%s); the first runs are not cold\n",
                g_strerror (errno));
}

static void
measure (Result     *r,
         const char *path)
{
  g_autoptr(GError) error = NULL;

  drop_caches ();

  for (int i = 0; i < opt_runs; i++)
    {
      const char *argv[] = { AFS_APP_PATH, "--database", path, "--quit-after-first-frame", NULL };
      g_autoptr(GHashTable) values = NULL;
      double line_ms = -1, ms;

      values = run_program (argv, ':', "first-frame-ms", &line_ms, &error);
      ms = value_double (values, "first-frame-ms");
      if (values == NULL || ms < 0)
        {
          g_printerr ("bench-ui: first-frame run %d: %s\n", i + 1,
                      error != NULL ? error->message : "no first-frame-ms line");
          g_clear_error (&error);
          continue;
        }
      g_printerr ("  first frame, run %d: %.0f ms from main(), %.0f ms from starting the process\n",
                  i + 1, ms, line_ms);
      g_array_append_val (r->frame_ms, ms);
      g_array_append_val (r->line_ms, line_ms);
    }

  if (!opt_no_scroll)
    {
      const char *argv[] = { AFS_APP_PATH, "--database", path, "--bench-scroll", NULL };

      g_printerr ("  scrolling the whole list ...\n");
      r->scroll = run_program (argv, ':', NULL, NULL, &error);
      if (r->scroll == NULL)
        {
          g_printerr ("bench-ui: scroll run: %s\n", error->message);
          g_clear_error (&error);
        }
    }

  if (!opt_no_store)
    {
      g_autofree char *size = g_strdup_printf ("%u", r->size);
      const char *argv[] = { BENCH_STORE_PATH, "--measure", path, "--size", size, NULL };

      drop_caches ();
      for (guint pass = 0; pass < 2; pass++)
        {
          g_printerr ("  store figures, pass %u (bench-store --measure) ...\n", pass + 1);
          r->store[pass] = run_program (argv, '=', NULL, NULL, &error);
          if (r->store[pass] == NULL)
            {
              g_printerr ("bench-ui: bench-store: %s\n", error->message);
              g_clear_error (&error);
            }
        }
    }
}

/* ---- Output ----------------------------------------------------------------- */

static char *
fmt (double v, const char *format)
{
  return v < 0 ? g_strdup ("-") : g_strdup_printf (format, v);
}

static const char *
kib_to_mib (GHashTable *values, const char *key, char buf[32])
{
  double kb = value_double (values, key);

  if (kb < 0)
    return "-";
  g_snprintf (buf, 32, "%.1f", kb / 1024.0);
  return buf;
}

static Result *
find_result (GPtrArray *results, guint size)
{
  for (guint i = 0; i < results->len; i++)
    if (((Result *) g_ptr_array_index (results, i))->size == size)
      return g_ptr_array_index (results, i);
  return NULL;
}

static void
print_table (GPtrArray *results)
{
  static const struct { const char *key; const char *label; const char *format; } store_rows[] = {
    { "open_ms", "store: open (ms)", "%.1f" },
    { "search_p50_ms", "store: search p50 (ms), 100 queries, limit 500", "%.2f" },
    { "search_p95_ms", "store: search p95 (ms)", "%.2f" },
    { "search_max_ms", "store: search max (ms)", "%.2f" },
    { "ids_newest_ms", "store: all ids, newest first (ms)", "%.1f" },
    { "ids_due_ms", "store: all ids, by due (ms)", "%.1f" },
    { "page_p50_ms", "store: page of 100 at a random offset, p50 (ms)", "%.2f" },
    { "page_p95_ms", "store: page of 100, p95 (ms)", "%.2f" },
    { "load_all_s", "store: every case page by page (s)", "%.1f" },
    { "peak_rss_mib", "store: peak RSS after that (MiB)", "%.1f" },
  };
  static const struct { const char *key; const char *label; } scroll_rows[] = {
    { "scroll-rows", "UI scroll: rows in the list (all states)" },
    { "scroll-positions", "UI scroll: positions (sweep + spread)" },
    { "scroll-ms", "UI scroll: time (ms)" },
    { "scroll-step-p50-ms", "UI scroll: one position, p50 (ms)" },
    { "scroll-step-p95-ms", "UI scroll: one position, p95 (ms)" },
    { "scroll-step-max-ms", "UI scroll: one position, max (ms)" },
    { "scroll-stalls", "UI scroll: positions that never showed rows" },
    { "rows-loaded", "UI scroll: rows loaded from the store" },
    { "rows-shown", "UI scroll: distinct rows painted" },
  };
  char buf[32];

  g_print ("\n| measure |");
  for (guint i = 0; i < results->len; i++)
    g_print (" %u cases |", ((Result *) g_ptr_array_index (results, i))->size);
  g_print ("\n|---|");
  for (guint i = 0; i < results->len; i++)
    g_print ("---:|");
  g_print ("\n");

#define ROW(label, expr) \
  G_STMT_START { \
    g_print ("| %s |", label); \
    for (guint i = 0; i < results->len; i++) \
      { \
        Result *r = g_ptr_array_index (results, i); \
        g_autofree char *cell = (expr); \
        g_print (" %s |", cell); \
      } \
    g_print ("\n"); \
  } G_STMT_END

  ROW ("generation (s)", fmt (r->gen_s, "%.0f"));
  ROW ("generation (cases/s)", fmt (r->gen_s > 0 ? r->size / r->gen_s : -1, "%.0f"));
  ROW ("file size (MiB)", fmt (r->file_mib, "%.0f"));
  ROW ("first frame from main(), min / median / max (ms)", min_med_max (r->frame_ms));
  ROW ("first frame, first run (ms)", fmt (r->frame_ms->len > 0 ? g_array_index (r->frame_ms, double, 0) : -1, "%.0f"));
  ROW ("first frame from process start, min / median / max (ms)", min_med_max (r->line_ms));
  ROW ("UI: peak RSS at first frame (MiB)", g_strdup (kib_to_mib (r->scroll, "first-frame-peak-rss-kb", buf)));
  for (guint k = 0; k < G_N_ELEMENTS (scroll_rows); k++)
    ROW (scroll_rows[k].label, g_strdup (r->scroll != NULL && g_hash_table_lookup (r->scroll, scroll_rows[k].key)
                                         ? (const char *) g_hash_table_lookup (r->scroll, scroll_rows[k].key) : "-"));
  ROW ("UI: peak RSS after scrolling (MiB)", g_strdup (kib_to_mib (r->scroll, "peak-rss-kb", buf)));
  ROW ("UI: of which at the end, anonymous (MiB)", g_strdup (kib_to_mib (r->scroll, "rss-anon-kb", buf)));
  ROW ("UI: of which at the end, mapped files (MiB)", g_strdup (kib_to_mib (r->scroll, "rss-file-kb", buf)));
  for (guint pass = 0; pass < 2; pass++)
    for (guint k = 0; k < G_N_ELEMENTS (store_rows) && !opt_no_store; k++)
      {
        g_autofree char *label = g_strdup_printf ("%s, pass %u", store_rows[k].label, pass + 1);

        ROW (label, fmt (value_double (r->store[pass], store_rows[k].key), store_rows[k].format));
      }
#undef ROW

  g_print ("\n| target | measured | |\n|---|---:|---|\n");
  {
    Result *r = find_result (results, 100000);
    double v = r != NULL ? median (r->frame_ms) : -1;

    g_print ("| first frame under %.0f ms at 100 000 cases (median from main()) | %s | %s |\n",
             TARGET_FIRST_FRAME_MS, v < 0 ? "-" : (g_snprintf (buf, sizeof buf, "%.0f", v), buf),
             v < 0 ? "not measured" : v < TARGET_FIRST_FRAME_MS ? "met" : "not met");
  }
  for (guint pass = 0; pass < 2; pass++)
    {
      Result *r = find_result (results, 1000000);
      double v = r != NULL ? value_double (r->store[pass], "search_p95_ms") : -1;

      g_print ("| search p95 under %.0f ms at 1 000 000 cases, store pass %u | %s | %s |\n",
               TARGET_SEARCH_P95_MS, pass + 1, v < 0 ? "-" : (g_snprintf (buf, sizeof buf, "%.2f", v), buf),
               v < 0 ? "not measured" : v < TARGET_SEARCH_P95_MS ? "met" : "not met");
    }
  {
    Result *r = find_result (results, 1000000);
    double v = r != NULL ? value_double (r->scroll, "peak-rss-kb") : -1;

    g_print ("| peak RSS under %.0f MiB at 1 000 000 cases, after scrolling the whole list | %s | %s |\n",
             TARGET_PEAK_RSS_MIB, v < 0 ? "-" : kib_to_mib (r->scroll, "peak-rss-kb", buf),
             v < 0 ? "not measured" : v / 1024.0 < TARGET_PEAK_RSS_MIB ? "met" : "not met");
  }
}

static void
default_env (const char *name,
             const char *value)
{
  if (g_getenv (name) == NULL)
    g_setenv (name, value, TRUE);
  g_printerr ("%s=%s\n", name, g_getenv (name));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[SIZE…]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);
  g_autoptr(GArray) sizes = NULL;
  g_autofree char *cache_dir = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-ui: no display; run it under xvfb-run -a -s \"-screen 0 1400x900x24\"\n");
      return 2;
    }
  default_env ("GSK_RENDERER", "cairo");
  default_env ("GDK_BACKEND", "x11");
  default_env ("GSETTINGS_BACKEND", "memory");
  default_env ("GSETTINGS_SCHEMA_DIR", AFS_SCHEMA_DIR);

  sizes = bench_parse_sizes (opt_sizes, "bench-ui");
  if (sizes == NULL)
    return 2;

  cache_dir = bench_cache_dir (opt_cache_dir, "bench-ui");
  if (cache_dir == NULL)
    return 1;

  for (guint i = 0; i < sizes->len; i++)
    {
      guint size = g_array_index (sizes, guint, i);
      g_autofree char *path = bench_cached_db (cache_dir, size, opt_seed, opt_now);
      g_autofree char *gen_path = g_strconcat (path, ".gen", NULL);
      Result *r;

      if (!ensure_database (path, size, &error))
        {
          g_printerr ("bench-ui: %s\n", error->message);
          return 1;
        }

      r = g_new0 (Result, 1);
      r->size = size;
      r->gen_s = read_gen_seconds (gen_path);
      r->file_mib = file_mib (path);
      r->frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
      r->line_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_ptr_array_add (results, r);

      g_printerr ("Measuring %u cases ...\n", size);
      measure (r, path);
    }

  print_table (results);
  return 0;
}
