/* aftersales-demo.c: fill a new database with the demo company.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   aftersales-demo --cases N [--seed S] [--now UNIX] OUTPUT.db
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "afs-demo.h"
#include "afs-store.h"

typedef struct {
  gint64   started;        /* monotonic µs */
  gboolean tty;
  guint    last_tenth;
} Progress;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;
  double seconds = (g_get_monotonic_time () - progress->started) / (double) G_USEC_PER_SEC;
  double rate = seconds > 0 ? done / seconds : 0;
  guint percent = total > 0 ? (guint) ((guint64) done * 100 / total) : 100;

  if (progress->tty)
    {
      /* Translators: progress on one line, rewritten in place: cases made, cases in total, percent, cases per second */
      g_printerr ("\r");
      g_printerr (_("Generating: %u of %u cases (%u %%), %.0f cases/s"), done, total, percent, rate);
      g_printerr ("   ");
      if (done == total)
        g_printerr ("\n");
    }
  else if (percent / 10 != progress->last_tenth || done == total)
    {
      progress->last_tenth = percent / 10;
      g_printerr (_("Generating: %u of %u cases (%u %%), %.0f cases/s"), done, total, percent, rate);
      g_printerr ("\n");
    }
}

/* Removes the file we created and its SQLite companions, so a failed run
 * leaves nothing half-made behind. */
static void
remove_database (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = NULL;
  g_auto(GStrv) rest = NULL;
  gint n_cases = 300;
  gint64 seed = 1;
  gint64 now = 0;
  AfsDemoOptions options = { 0 };
  Progress progress = { 0 };
  guint counts[AFS_CASE_STATE_N] = { 0 };
  guint overdue = 0;
  guint total = 0;
  GStatBuf st;
  const char *path;
  double seconds;
  const GOptionEntry entries[] = {
    { "cases", 'n', 0, G_OPTION_ARG_INT, &n_cases, N_("Number of cases to generate (default 300)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Random seed: the same seed gives the same company (default 1)"), N_("S") },
    { "now", 0, 0, G_OPTION_ARG_INT64, &now, N_("“Today” of the generated history, in unix seconds (default: now)"), N_("UNIX") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, N_("OUTPUT.db") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("AFS_LOCALEDIR") ? g_getenv ("AFS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("OUTPUT.db"));
  g_option_context_set_summary (context,
                                _("Creates a new AfterSales database filled with a realistic demo company: "
                                  "staff, customers, equipment and cases in every state."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      g_printerr (_("Run “%s --help” to see the options."), g_get_prgname ());
      g_printerr ("\n");
      return 2;
    }

  if (rest == NULL || rest[0] == NULL || rest[1] != NULL)
    {
      g_printerr (_("Give exactly one output file, for example: %s --cases 20000 demo.db"), g_get_prgname ());
      g_printerr ("\n");
      return 2;
    }
  if (n_cases < 1)
    {
      g_printerr (_("The number of cases must be at least 1 (got %d)."), n_cases);
      g_printerr ("\n");
      return 2;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr (_("The seed must be between 0 and %u (got %lld)."), G_MAXUINT32, (long long) seed);
      g_printerr ("\n");
      return 2;
    }
  path = rest[0];

  /* Never touch somebody's data: only a new (or empty) file is filled. */
  if (g_stat (path, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        {
          g_printerr (_("“%s” exists and is not a regular file. Give the name of a new database file."), path);
          g_printerr ("\n");
          return 1;
        }
      if (st.st_size > 0)
        {
          g_printerr (_("“%s” already exists and is not empty; it was left untouched. "
                        "Demo data goes only into a new file: give another name, or remove the file first."),
                      path);
          g_printerr ("\n");
          return 1;
        }
    }
  else if (errno != ENOENT)
    {
      int saved = errno;
      g_printerr (_("Cannot check “%s”: %s."), path, g_strerror (saved));
      g_printerr ("\n");
      return 1;
    }

  store = afs_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr (_("Cannot create the database: %s"), error->message);
      g_printerr ("\n");
      return 1;
    }

  progress.started = g_get_monotonic_time ();
  progress.tty = isatty (STDERR_FILENO);
  progress.last_tenth = 0;
  options.n_cases = (guint) n_cases;
  options.seed = (guint32) seed;
  options.now = now;
  options.progress = on_progress;
  options.progress_data = &progress;

  if (!afs_demo_generate (store, &options, &error))
    {
      if (progress.tty)
        g_printerr ("\n");
      g_printerr (_("Generating the demo data failed: %s"), error->message);
      g_printerr ("\n");
      g_clear_object (&store);
      remove_database (path);
      g_printerr (_("“%s” was removed."), path);
      g_printerr ("\n");
      return 1;
    }
  seconds = (g_get_monotonic_time () - progress.started) / (double) G_USEC_PER_SEC;

  g_clear_error (&error);
  if (!afs_store_count_cases (store, counts, &overdue, &error))
    {
      g_printerr (_("The demo data was written, but counting the cases failed: %s"), error->message);
      g_printerr ("\n");
      return 1;
    }

  g_printerr ("\n");
  g_printerr (_("Cases per state in %s:"), path);
  g_printerr ("\n");
  for (guint i = 0; i < AFS_CASE_STATE_N; i++)
    {
      g_printerr ("  %-22s %8u\n", afs_case_state_get_label (i), counts[i]);
      total += counts[i];
    }
  g_printerr ("  %-22s %8u\n", _("Total"), total);
  g_printerr ("  %-22s %8u\n", _("Overdue now"), overdue);
  g_printerr ("\n");
  /* Translators: the summary: cases generated, seconds, cases per second */
  g_printerr (_("%u cases in %.1f s (%.0f cases/s)."), (guint) n_cases, seconds,
              seconds > 0 ? n_cases / seconds : 0.0);
  g_printerr ("\n");

  return 0;
}
