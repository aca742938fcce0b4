/* bench-draft.c: what saving the report's draft every second costs.
 *
 * The report screen saves a draft each second while the technician types
 * (afs_store_save_report_draft(): one row, its own transaction, committed
 * with synchronous=FULL so a power cut does not lose it). This prints how
 * long one save takes on this machine's disk, and, for comparison, a save
 * of the report itself (audit and outbox rows, synchronous=NORMAL).
 *
 *   ./build/tests/bench/bench-draft [--saves N]
 *
 * Prints figures; asserts nothing about time.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "afs-store-visit.h"

static int opt_saves = 200;

static GOptionEntry entries[] = {
  { "saves", 0, 0, G_OPTION_ARG_INT, &opt_saves, "Saves of each kind (default 200)", "N" },
  { NULL }
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_stats (const char *what,
             GArray     *ms)
{
  g_array_sort (ms, compare_doubles);
  g_print ("%-34s median %.2f ms, p95 %.2f ms, max %.2f ms (%u saves)\n", what,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, ms->len * 95 / 100),
           g_array_index (ms, double, ms->len - 1), ms->len);
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the report draft");
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = NULL;
  g_autoptr(GArray) draft_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) report_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *case_id = NULL;
  AfsCustomerData customer = { 0, };
  AfsCaseInput input = { 0, };
  GString *typed = g_string_new (NULL);

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_saves < 1)
    {
      g_printerr ("bench-draft: %s\n", error != NULL ? error->message : "--saves must be at least 1");
      return 2;
    }

  dir = g_dir_make_tmp ("bench-draft-XXXXXX", &error);
  path = g_build_filename (dir, "cases.db", NULL);
  store = afs_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("bench-draft: %s\n", error->message);
      return 1;
    }
  customer.name = (char *) "Hotel Lodówka";
  input.description = "Lodówka nie chłodzi";
  input.channel = AFS_CHANNEL_PHONE;
  input.category = AFS_CATEGORY_REPAIR;
  if (!afs_store_add_customer (store, &customer, &customer_id, &error) ||
      (input.customer_id = customer_id, !afs_store_create_case (store, &input, &case_id, &error)))
    {
      g_printerr ("bench-draft: %s\n", error->message);
      return 1;
    }

  for (int i = 0; i < opt_saves; i++)
    {
      g_autoptr(AfsRepairReport) r = afs_repair_report_new ();
      gint64 t0;

      g_string_append (typed, "Compressor relay burnt; replaced it. ");
      r->case_id = g_strdup (case_id);
      r->diagnosis = g_strdup (typed->str);
      r->actions = g_strdup (typed->str);
      r->outcome = g_strdup ("fixed");

      t0 = g_get_monotonic_time ();
      if (!afs_store_save_report_draft (store, r, &error))
        break;
      g_array_append_val (draft_ms, ((double []) { (g_get_monotonic_time () - t0) / 1000.0 })[0]);

      t0 = g_get_monotonic_time ();
      if (!afs_store_save_repair_report (store, r, NULL, &error))
        break;
      g_array_append_val (report_ms, ((double []) { (g_get_monotonic_time () - t0) / 1000.0 })[0]);
    }
  g_string_free (typed, TRUE);
  if (error != NULL)
    {
      g_printerr ("bench-draft: %s\n", error->message);
      return 1;
    }

  print_stats ("draft (synchronous=FULL)", draft_ms);
  print_stats ("report (audit + outbox, NORMAL)", report_ms);

  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  return 0;
}
