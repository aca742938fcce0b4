/* bench-store.c: how the store holds up with a big company.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-store [--seed S] [--now UNIX] [--cache-dir DIR] [SIZE...]
 *
 * For each size (default 100 000 and 1 000 000 cases) a database is
 * generated with the demo generator into a cache folder (reused when one
 * with the same size and seed is there), then measured in a fresh process
 * of its own, so the peak RSS is that of reading, not of generating or of
 * the previous size. Prints a markdown table. A benchmark, not a test:
 * it prints figures and never fails on them.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "afs-demo.h"
#include "afs-store.h"
#include "bench-common.h"

/* The list view asks for this many ids per search (the UI's limit). */
#define SEARCH_LIMIT 500
#define PAGE         100
#define N_QUERIES    100
#define N_PAGES      50
/* A fixed "today", so cached databases stay valid: 2026-03-17 10:40 UTC. */
#define DEFAULT_NOW  G_GINT64_CONSTANT (1773744000)

static gint64 opt_seed = 1;
static gint64 opt_now = DEFAULT_NOW;
static char  *opt_cache_dir;
static char  *opt_generate;
static char  *opt_measure;
static gint   opt_size;
static char **opt_sizes;

static const GOptionEntry entries[] = {
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Generator seed (default 1)", "S" },
  { "now", 0, 0, G_OPTION_ARG_INT64, &opt_now, "“Today” of the generated history (unix seconds)", "UNIX" },
  { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_cache_dir, "Where the generated databases are kept", "DIR" },
  { "generate", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_generate, NULL, NULL },
  { "measure", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_measure, NULL, NULL },
  { "size", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &opt_size, NULL, NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_sizes, NULL, "SIZE…" },
  { NULL }
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted @v. */
static double
percentile (const double *v,
            guint         n,
            double        p)
{
  guint rank;

  if (n == 0)
    return 0;
  rank = (guint) (p / 100.0 * n + 0.999999);
  return v[CLAMP (rank, 1, n) - 1];
}

/* ---- Child: generate ------------------------------------------------------ */

typedef struct {
  gint64 started;
  guint  last_tenth;
} Progress;

static void
on_progress (guint done, guint total, gpointer user_data)
{
  Progress *p = user_data;
  guint tenth = (guint) ((guint64) done * 10 / total);

  if (tenth != p->last_tenth || done == total)
    {
      double s = (g_get_monotonic_time () - p->started) / (double) G_USEC_PER_SEC;

      p->last_tenth = tenth;
      g_printerr ("  generated %u of %u cases, %.0f s, %.0f cases/s\n", done, total, s, done / MAX (s, 0.001));
    }
}

static int
run_generate (const char *path, guint size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = NULL;
  AfsDemoOptions options = { 0 };
  Progress progress = { g_get_monotonic_time (), 0 };
  double seconds;

  store = afs_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("bench: %s\n", error->message);
      return 1;
    }
  options.n_cases = size;
  options.seed = (guint32) opt_seed;
  options.now = opt_now;
  options.progress = on_progress;
  options.progress_data = &progress;
  if (!afs_demo_generate (store, &options, &error))
    {
      g_printerr ("bench: generating failed: %s\n", error->message);
      return 1;
    }
  g_clear_object (&store);   /* checkpoint the WAL into the file */
  seconds = (g_get_monotonic_time () - progress.started) / (double) G_USEC_PER_SEC;
  g_print ("gen_seconds=%.1f\n", seconds);
  return 0;
}

/* ---- Child: measure ---------------------------------------------------------- */

static GPtrArray *
load (AfsStore *store, GArray *ids, guint offset, guint n)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *page;

  n = MIN (n, ids->len - offset);
  page = afs_store_load_cases (store, &g_array_index (ids, gint64, offset), n, &error);
  if (page == NULL)
    g_error ("loading cases: %s", error->message);
  return page;
}

/* The queries people type: case numbers, bits of serial numbers,
 * customer names, words in the four languages, and the first one to three
 * letters of a word (the list searches as you type). */
static GPtrArray *
make_queries (AfsStore *store, GArray *ids, GRand *rand)
{
  static const char *const words[] = {
    /* Chinese */
    "冰箱", "漏水", "不制冷", "师傅", "洗衣机", "空调", "噪音", "划痕", "保修", "苏州", "跳闸", "沙发", "合页", "王", "上门",
    /* Polish */
    "lodówka", "nie chłodzi", "pralka", "Kraków", "gwarancja", "wyciek oleju", "Kowalska", "Dzień dobry", "zmywarka", "serwisant",
    /* Spanish */
    "lavadora", "no enfría", "garantía", "Valencia", "fuga de aceite", "técnico", "García", "frigorífico", "ruido", "Muñoz",
    /* English */
    "leaking", "fridge-freezer", "warranty", "noise", "Manchester", "won't start", "Smith", "dishwasher", "scratch", "compressor",
  };
  static const char *const prefixes[] = { "a", "sn", "ko", "冰", "la", "wa", "pr", "e", "ga", "lo" };
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sample = NULL;
  guint offset = g_rand_int_range (rand, 0, MAX (1, (gint32) ids->len - 200));

  sample = load (store, ids, offset, 200);
  for (guint i = 0; i < 15; i++)
    {
      AfsCaseData *c = g_ptr_array_index (sample, (i * 13) % sample->len);
      g_ptr_array_add (queries, g_strdup (c->number));
    }
  for (guint i = 0, j = 0; i < 15 && j < sample->len; j++)
    {
      AfsCaseData *c = g_ptr_array_index (sample, (j * 7 + 3) % sample->len);
      gsize len;

      if (c->serial == NULL)
        continue;
      len = strlen (c->serial);
      /* A partial serial: typed up to the last two characters, or only
       * its last group ("004512" of "SN-2024-004512", "23B-117" of
       * "LOT 23B-117"), as read off a label. */
      if (i % 2 == 0 && len > 4)
        g_ptr_array_add (queries, g_strndup (c->serial, len - 2));
      else
        {
          const char *group = strrchr (c->serial, g_str_has_prefix (c->serial, "LOT ") ? ' ' : '-');
          g_ptr_array_add (queries, g_strdup (group != NULL ? group + 1 : c->serial));
        }
      i++;
    }
  for (guint i = 0; i < 15; i++)
    {
      AfsCaseData *c = g_ptr_array_index (sample, (i * 11 + 5) % sample->len);
      g_ptr_array_add (queries, g_strdup (c->customer_name));
    }
  for (guint i = 0; i < G_N_ELEMENTS (words) && queries->len < N_QUERIES - G_N_ELEMENTS (prefixes); i++)
    g_ptr_array_add (queries, g_strdup (words[i]));
  for (guint i = 0; i < G_N_ELEMENTS (prefixes) && queries->len < N_QUERIES; i++)
    g_ptr_array_add (queries, g_strdup (prefixes[i]));
  while (queries->len < N_QUERIES)
    g_ptr_array_add (queries, g_strdup (words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]));

  return queries;
}

static double
time_all_ids (AfsStore *store, AfsCaseSort sort, guint *count)
{
  double times[3];

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = NULL;
      AfsCaseFilter filter = { 0 };
      double t0 = now_ms ();

      filter.sort = sort;
      ids = afs_store_query_case_ids (store, &filter, &error);
      if (ids == NULL)
        g_error ("query: %s", error->message);
      times[i] = now_ms () - t0;
      *count = ids->len;
    }
  qsort (times, 3, sizeof (double), compare_double);
  return times[1];
}

static int
run_measure (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  AfsCaseFilter filter = { 0 };
  double search_ms[N_QUERIES], page_ms[N_PAGES];
  double t0, all_load_ms;
  guint count_newest = 0, count_due = 0;
  guint64 hits = 0;
  struct rusage usage;
  GStatBuf st;
  gint64 bytes = 0;

  if (g_stat (path, &st) == 0)
    bytes += st.st_size;

  t0 = now_ms ();
  store = afs_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("bench: %s\n", error->message);
      return 1;
    }
  g_print ("open_ms=%.1f\n", now_ms () - t0);

  g_print ("ids_newest_ms=%.1f\n", time_all_ids (store, AFS_CASE_SORT_NEWEST, &count_newest));
  g_print ("ids_due_ms=%.1f\n", time_all_ids (store, AFS_CASE_SORT_DUE, &count_due));
  g_print ("cases=%u\n", count_newest);

  filter.sort = AFS_CASE_SORT_NEWEST;
  ids = afs_store_query_case_ids (store, &filter, &error);
  if (ids == NULL || ids->len == 0)
    {
      g_printerr ("bench: no cases in %s\n", path);
      return 1;
    }

  /* Search as the list does it. */
  queries = make_queries (store, ids, rand);
  for (guint i = 0; i < N_QUERIES; i++)
    {
      g_autoptr(GArray) found = NULL;
      AfsCaseFilter f = { 0 };

      f.search = g_ptr_array_index (queries, i);
      f.sort = AFS_CASE_SORT_NEWEST;
      f.limit = SEARCH_LIMIT;
      t0 = now_ms ();
      found = afs_store_query_case_ids (store, &f, &error);
      search_ms[i] = now_ms () - t0;
      if (found == NULL)
        g_error ("search “%s”: %s", (char *) f.search, error->message);
      hits += found->len;
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        g_printerr ("  %-24s %6u hits %8.2f ms\n", (char *) f.search, found->len, search_ms[i]);
    }
  qsort (search_ms, N_QUERIES, sizeof (double), compare_double);
  g_print ("search_p50_ms=%.2f\nsearch_p95_ms=%.2f\nsearch_max_ms=%.2f\nsearch_avg_hits=%.0f\n",
           percentile (search_ms, N_QUERIES, 50), percentile (search_ms, N_QUERIES, 95),
           search_ms[N_QUERIES - 1], (double) hits / N_QUERIES);

  /* A page of the list, scrolled to anywhere. */
  for (guint i = 0; i < N_PAGES; i++)
    {
      g_autoptr(GPtrArray) page = NULL;
      guint offset = g_rand_int_range (rand, 0, MAX (1, (gint32) ids->len - PAGE));

      t0 = now_ms ();
      page = load (store, ids, offset, PAGE);
      page_ms[i] = now_ms () - t0;
    }
  qsort (page_ms, N_PAGES, sizeof (double), compare_double);
  g_print ("page_p50_ms=%.2f\npage_p95_ms=%.2f\npage_max_ms=%.2f\n",
           percentile (page_ms, N_PAGES, 50), percentile (page_ms, N_PAGES, 95), page_ms[N_PAGES - 1]);

  /* Every case, page by page, as a list scrolled to the end would. */
  t0 = now_ms ();
  for (guint offset = 0; offset < ids->len; offset += PAGE)
    {
      g_autoptr(GPtrArray) page = load (store, ids, offset, PAGE);
    }
  all_load_ms = now_ms () - t0;
  getrusage (RUSAGE_SELF, &usage);
  g_print ("load_all_s=%.1f\n", all_load_ms / 1000.0);
  g_print ("peak_rss_mib=%.1f\n", usage.ru_maxrss / 1024.0);

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    if (g_stat (wal, &st) == 0)
      bytes += st.st_size;
  }
  g_print ("file_mib=%.1f\n", bytes / (1024.0 * 1024.0));
  return 0;
}

/* ---- Parent ------------------------------------------------------------------ */

static GHashTable *
parse_lines (const char *text)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');
      if (eq != NULL)
        g_hash_table_replace (values, g_strndup (lines[i], eq - lines[i]), g_strdup (eq + 1));
    }
  return values;
}

static char *
run_child (const char *self, const char *mode, const char *path, guint size, GError **error)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *seed = g_strdup_printf ("%" G_GINT64_FORMAT, opt_seed);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, opt_now);
  g_autofree char *size_s = g_strdup_printf ("%u", size);
  g_autofree char *out = NULL;
  const char *argv[] = { self, mode, path, "--size", size_s, "--seed", seed, "--now", now, NULL };

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, error);
  if (proc == NULL)
    return NULL;
  if (!g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, error))
    return NULL;
  if (!g_subprocess_get_successful (proc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s %s failed", mode, path);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static void
remove_db (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *f = g_strconcat (path, suffixes[i], NULL);
      g_unlink (f);
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[SIZE…]");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autofree char *self = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autofree char *cache_dir = NULL;
  static const struct { const char *key; const char *label; } rows[] = {
    { "gen_seconds", "generation (s)" },
    { "gen_rate", "generation (cases/s)" },
    { "file_mib", "file size (MiB)" },
    { "open_ms", "open (ms)" },
    { "search_p50_ms", "search p50 (ms), limit 500" },
    { "search_p95_ms", "search p95 (ms)" },
    { "search_max_ms", "search max (ms)" },
    { "search_avg_hits", "search: average hits" },
    { "ids_newest_ms", "all ids, newest first (ms)" },
    { "ids_due_ms", "all ids, by due (ms)" },
    { "page_p50_ms", "page of 100 at random offset, p50 (ms)" },
    { "page_p95_ms", "page of 100, p95 (ms)" },
    { "page_max_ms", "page of 100, max (ms)" },
    { "load_all_s", "every case page by page (s)" },
    { "peak_rss_mib", "peak RSS after that (MiB)" },
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (opt_generate != NULL)
    return run_generate (opt_generate, (guint) opt_size);
  if (opt_measure != NULL)
    return run_measure (opt_measure);

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);

  sizes = bench_parse_sizes (opt_sizes, "bench");
  if (sizes == NULL)
    return 2;

  cache_dir = bench_cache_dir (opt_cache_dir, "bench");
  if (cache_dir == NULL)
    return 1;

  for (guint i = 0; i < sizes->len; i++)
    {
      guint size = g_array_index (sizes, guint, i);
      g_autofree char *path = bench_cached_db (cache_dir, size, opt_seed, opt_now);
      g_autofree char *gen_path = g_strconcat (path, ".gen", NULL);
      g_autofree char *gen_text = NULL;
      g_autofree char *measured = NULL;
      GHashTable *values;

      if (!g_file_test (path, G_FILE_TEST_EXISTS) || !g_file_get_contents (gen_path, &gen_text, NULL, NULL))
        {
          g_autofree char *partial = g_strconcat (path, ".partial", NULL);

          g_printerr ("Generating %u cases into %s ...\n", size, path);
          remove_db (partial);
          remove_db (path);
          gen_text = run_child (self, "--generate", partial, size, &error);
          if (gen_text == NULL)
            {
              g_printerr ("bench: %s\n", error->message);
              return 1;
            }
          if (g_rename (partial, path) != 0)
            {
              g_printerr ("bench: cannot rename %s\n", partial);
              return 1;
            }
          g_file_set_contents (gen_path, gen_text, -1, NULL);
        }
      else
        g_printerr ("Reusing %s\n", path);

      g_printerr ("Measuring %u cases ...\n", size);
      measured = run_child (self, "--measure", path, size, &error);
      if (measured == NULL)
        {
          g_printerr ("bench: %s\n", error->message);
          return 1;
        }
      values = parse_lines (measured);
      {
        g_autoptr(GHashTable) gen = parse_lines (gen_text);
        const char *s = g_hash_table_lookup (gen, "gen_seconds");
        if (s != NULL)
          {
            double secs = g_ascii_strtod (s, NULL);
            g_hash_table_replace (values, g_strdup ("gen_seconds"), g_strdup (s));
            g_hash_table_replace (values, g_strdup ("gen_rate"),
                                  g_strdup_printf ("%.0f", secs > 0 ? size / secs : 0));
          }
      }
      g_ptr_array_add (results, values);
    }

  g_print ("\n| measure |");
  for (guint i = 0; i < sizes->len; i++)
    g_print (" %u cases |", g_array_index (sizes, guint, i));
  g_print ("\n|---|");
  for (guint i = 0; i < sizes->len; i++)
    g_print ("---:|");
  g_print ("\n");
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_print ("| %s |", rows[r].label);
      for (guint i = 0; i < results->len; i++)
        {
          const char *v = g_hash_table_lookup (g_ptr_array_index (results, i), rows[r].key);
          g_print (" %s |", v != NULL ? v : "–");
        }
      g_print ("\n");
    }

  return 0;
}
