/* bench-office.c: the office desk's as-you-type lookups on a big customer
 * base (issue 3: "customer search as you type ... fast on 100k
 * customers").
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-office [--customers N] [--keep FILE]
 *
 * Adds N customers (default 100 000) with a piece of equipment each,
 * through the real store API in one batch, into a new file in a temporary
 * folder, then times what the intake form asks while a person types:
 * customer search by name, city and phone prefix, duplicate detection and
 * serial lookup. Prints a markdown table of median and worst times. A
 * benchmark, not a test: it prints figures and never fails on them.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "afs-demo-text.h"
#include "afs-store-office.h"
#include "afs-store-private.h"

static gint   opt_customers = 100000;
static char  *opt_keep;

static const GOptionEntry entries[] = {
  { "customers", 'n', 0, G_OPTION_ARG_INT, &opt_customers, "Customers to add (default 100000)", "N" },
  { "keep", 0, 0, G_OPTION_ARG_FILENAME, &opt_keep, "Write the database here and keep it", "FILE" },
  { NULL }
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef GPtrArray *(*QueryFunc) (AfsStore *store, const char *text, GError **error);

static GPtrArray *
q_search (AfsStore *store, const char *text, GError **error)
{
  return afs_store_search_customers (store, text, 50, error);
}

static GPtrArray *
q_serial (AfsStore *store, const char *text, GError **error)
{
  return afs_store_find_equipment (store, text, 20, error);
}

static GPtrArray *
q_duplicates (AfsStore *store, const char *text, GError **error)
{
  AfsCustomerData c = { 0, };
  g_auto(GStrv) parts = g_strsplit (text, "|", 3);

  c.name = parts[0];
  c.address = parts[1];
  c.phone = parts[2];
  return afs_store_find_duplicate_customers (store, &c, error);
}

/* Times @func on every prefix of every text (as typed, one key at a
 * time), prints one table row. */
static void
measure (AfsStore    *store,
         const char  *label,
         QueryFunc    func,
         GPtrArray   *texts,
         gboolean     prefixes)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint found = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);
      glong n = prefixes ? g_utf8_strlen (text, -1) : 1;

      for (glong k = 1; k <= n; k++)
        {
          g_autofree char *typed = prefixes ? g_utf8_substring (text, 0, k) : g_strdup (text);
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) rows = NULL;
          double t0 = now_ms (), dt;

          rows = func (store, typed, &error);
          dt = now_ms () - t0;
          if (rows == NULL)
            {
              g_printerr ("%s “%s”: %s\n", label, typed, error->message);
              exit (1);
            }
          found += rows->len;
          g_array_append_val (times, dt);
          if (g_getenv ("BENCH_OFFICE_SLOW") != NULL && dt > 20)
            g_printerr ("slow: %s “%s”: %.1f ms, %u rows\n", label, typed, dt, rows->len);
        }
    }

  qsort (times->data, times->len, sizeof (double), cmp_double);
  printf ("| %s | %u | %.2f | %.2f | %.1f |\n", label, times->len,
          g_array_index (times, double, times->len / 2),
          g_array_index (times, double, times->len - 1),
          (double) found / times->len);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) serials = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) dups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) phone = g_string_new (NULL);
  g_autoptr(GString) address = g_string_new (NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  double t0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-office: %s\n", error->message);
      return 2;
    }

  if (opt_keep != NULL)
    path = g_strdup (opt_keep);
  else
    {
      dir = g_dir_make_tmp ("afs-bench-office-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "office.db", NULL);
    }

  store = afs_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("bench-office: %s\n", error->message);
      return 1;
    }
  afs_store_set_outbox_enabled (store, FALSE);

  t0 = now_ms ();
  g_assert_true (afs_store_begin_batch (store, &error));
  for (int i = 0; i < opt_customers; i++)
    {
      AfsDemoLang lang = (AfsDemoLang) (i % AFS_DEMO_LANG_N);
      const char *city = afs_demo_text_city (lang, (AfsRegionClass) (i % AFS_REGION_N),
                                             g_rand_int_range (rand, 0, 6));
      AfsCustomerData c = { 0, };
      AfsEquipmentData e = { 0, };
      g_autofree char *id = NULL;
      g_autofree char *serial = g_strdup_printf ("SN-%02d-%07d", i % 97, i);

      g_string_truncate (name, 0);
      g_string_truncate (phone, 0);
      g_string_truncate (address, 0);
      afs_demo_text_person (name, NULL, rand, lang, i % 2 ? AFS_DEMO_FEMALE : AFS_DEMO_MALE);
      afs_demo_text_phone (phone, rand, lang, i % 3 != 0);
      afs_demo_text_street_address (address, rand, lang, city);

      c.name = name->str;
      c.phone = phone->str;
      c.address = address->str;
      c.city = (char *) city;
      if (!afs_store_add_customer (store, &c, &id, &error))
        {
          g_printerr ("bench-office: %s\n", error->message);
          return 1;
        }
      e.customer_id = id;
      e.model = (char *) "Frost 300";
      e.serial = serial;
      e.purchase_date = (char *) "2025-01-15";
      if (!afs_store_add_equipment (store, &e, NULL, &error))
        {
          g_printerr ("bench-office: %s\n", error->message);
          return 1;
        }

      if (i % (opt_customers / 50 + 1) == 7)
        {
          g_ptr_array_add (names, g_strdup (name->str));
          g_ptr_array_add (phones, g_strdup (phone->str));
          g_ptr_array_add (serials, g_strdup (serial));
          g_ptr_array_add (dups, g_strdup_printf ("%s|%s|%s", name->str, address->str, phone->str));
        }
    }
  g_assert_true (afs_store_end_batch (store, TRUE, &error));

  printf ("%d customers and their equipment added in %.1f s\n\n", opt_customers,
          (now_ms () - t0) / 1000.0);
  printf ("| lookup (as typed, one key at a time) | queries | median ms | worst ms | rows found (mean) |\n");
  printf ("|---|---|---|---|---|\n");
  measure (store, "customer by name", q_search, names, TRUE);
  measure (store, "customer by phone", q_search, phones, TRUE);
  measure (store, "equipment by serial", q_serial, serials, TRUE);
  measure (store, "duplicates of a whole record", q_duplicates, dups, FALSE);

  g_clear_object (&store);
  if (dir != NULL)
    {
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
          g_unlink (file);
        }
      g_rmdir (dir);
    }

  return 0;
}
