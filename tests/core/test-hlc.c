/* test-hlc.c: hybrid logical clocks never go backwards, across restarts
 * and past every HLC pulled from the server.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-hlc.h"

#define NODE "0190f0a2-7b1c-7abc-8def-0123456789ab"

static void
test_format_parse (void)
{
  g_autofree char *text = afs_hlc_format (1700000000123, 0x2a, NODE);
  g_autofree char *node = NULL;
  gint64 wall;
  guint counter;

  g_assert_cmpstr (text, ==, "1700000000123-002a-" NODE);
  g_assert_true (afs_hlc_parse (text, &wall, &counter, &node));
  g_assert_cmpint (wall, ==, 1700000000123);
  g_assert_cmpuint (counter, ==, 0x2a);
  g_assert_cmpstr (node, ==, NODE);

  g_assert_false (afs_hlc_parse (NULL, NULL, NULL, NULL));
  g_assert_false (afs_hlc_parse ("", NULL, NULL, NULL));
  g_assert_false (afs_hlc_parse ("170000000012-002a-x", NULL, NULL, NULL));
  g_assert_false (afs_hlc_parse ("1700000000123-002A-x", NULL, NULL, NULL));
  g_assert_false (afs_hlc_parse ("1700000000123-002a-", NULL, NULL, NULL));
  g_assert_false (afs_hlc_parse ("1700000000123-002a-a/b", NULL, NULL, NULL));
}

static void
test_tick_monotonic (void)
{
  g_autoptr(AfsHlc) hlc = afs_hlc_new (NODE, NULL);
  g_autofree char *prev = NULL;

  /* Wall clock forward, equal, and backwards (NTP step): always greater. */
  const gint64 walls[] = { 1000, 1000, 1000, 2000, 1500, 900, 2000, 2001 };

  for (guint i = 0; i < G_N_ELEMENTS (walls); i++)
    {
      char *next = afs_hlc_tick (hlc, walls[i]);

      if (prev != NULL)
        g_assert_cmpint (afs_hlc_compare (prev, next), <, 0);
      g_free (prev);
      prev = next;
    }
  g_assert_cmpstr (prev, ==, "0000000002001-0000-" NODE);
}

static void
test_counter_overflow (void)
{
  g_autoptr(AfsHlc) hlc = afs_hlc_new (NODE, "0000000005000-fffe-" NODE);
  g_autofree char *a = afs_hlc_tick (hlc, 10);
  g_autofree char *b = afs_hlc_tick (hlc, 10);

  g_assert_cmpstr (a, ==, "0000000005000-ffff-" NODE);
  g_assert_cmpstr (b, ==, "0000000005001-0000-" NODE);
}

static void
test_observe (void)
{
  g_autoptr(AfsHlc) hlc = afs_hlc_new (NODE, NULL);
  g_autofree char *first = afs_hlc_tick (hlc, 1000);
  g_autofree char *next = NULL;
  g_autofree char *last = NULL;
  const char *remote = "0000000009000-0007-ffff0000-0000-7000-8000-000000000000";

  g_assert_true (afs_hlc_observe (hlc, remote, 1000));
  g_assert_false (afs_hlc_observe (hlc, "garbage", 1000));
  next = afs_hlc_tick (hlc, 1000);
  /* Past the pulled one even though the wall clock is behind it. */
  g_assert_cmpint (afs_hlc_compare (next, remote), >, 0);
  g_assert_cmpstr (next, ==, "0000000009000-0008-" NODE);

  /* Observing an older one does not move the clock back. */
  g_assert_true (afs_hlc_observe (hlc, "0000000000001-0000-x", 1000));
  last = afs_hlc_last (hlc);
  g_assert_cmpstr (last, ==, next);
}

static void
test_restart (void)
{
  g_autofree char *persisted = NULL;
  g_autofree char *after = NULL;

  {
    g_autoptr(AfsHlc) hlc = afs_hlc_new (NODE, NULL);
    g_autofree char *a = afs_hlc_tick (hlc, 50000);

    persisted = afs_hlc_last (hlc);
    g_assert_cmpstr (persisted, ==, a);
  }

  {
    /* The machine's clock went back a minute across the restart. */
    g_autoptr(AfsHlc) hlc = afs_hlc_new (NODE, persisted);

    after = afs_hlc_tick (hlc, 1000);
  }
  g_assert_cmpint (afs_hlc_compare (persisted, after), <, 0);

  {
    g_autoptr(AfsHlc) empty = afs_hlc_new (NODE, "");
    g_autofree char *none = afs_hlc_last (empty);

    g_assert_cmpstr (none, ==, "");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hlc/format-parse", test_format_parse);
  g_test_add_func ("/hlc/tick-monotonic", test_tick_monotonic);
  g_test_add_func ("/hlc/counter-overflow", test_counter_overflow);
  g_test_add_func ("/hlc/observe", test_observe);
  g_test_add_func ("/hlc/restart", test_restart);

  return g_test_run ();
}
