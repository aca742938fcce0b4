/* test-uuid.c: UUIDv7 keys (RFC 9562).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-uuid.h"

static void
assert_v7_shape (const char *id)
{
  g_assert_nonnull (id);
  g_assert_cmpuint (strlen (id), ==, 36);
  g_assert_true (g_regex_match_simple ("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                                       id, 0, 0));
  g_assert_true (afs_uuid_is_valid (id));
  /* GLib agrees it is a UUID. */
  g_assert_true (g_uuid_string_is_valid (id));
}

static void
test_format (void)
{
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = afs_uuid7_new ();

      assert_v7_shape (id);
      g_assert_cmpint (id[14], ==, '7');
      g_assert_nonnull (strchr ("89ab", id[19]));
    }
}

static void
test_monotonic (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < 10000; i++)
    g_ptr_array_add (ids, afs_uuid7_new ());

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      assert_v7_shape (id);
      g_assert_true (g_hash_table_add (seen, (gpointer) id));
      if (i > 0)
        g_assert_cmpint (strcmp (g_ptr_array_index (ids, i - 1), id), <, 0);
    }
}

typedef struct {
  GPtrArray *ids;
} ThreadData;

static gpointer
make_ids (gpointer data)
{
  ThreadData *td = data;

  for (guint i = 0; i < 2500; i++)
    g_ptr_array_add (td->ids, afs_uuid7_new ());

  return NULL;
}

static void
test_threads (void)
{
  ThreadData td[4];
  GThread *threads[4];
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint t = 0; t < 4; t++)
    {
      td[t].ids = g_ptr_array_new_with_free_func (g_free);
      threads[t] = g_thread_new ("uuid", make_ids, &td[t]);
    }
  for (guint t = 0; t < 4; t++)
    g_thread_join (threads[t]);

  for (guint t = 0; t < 4; t++)
    {
      for (guint i = 0; i < td[t].ids->len; i++)
        {
          const char *id = g_ptr_array_index (td[t].ids, i);

          g_assert_true (g_hash_table_add (seen, (gpointer) id));
          /* Each thread's own ids still sort in the order it made them. */
          if (i > 0)
            g_assert_cmpint (strcmp (g_ptr_array_index (td[t].ids, i - 1), id), <, 0);
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 10000);

  g_hash_table_remove_all (seen);
  for (guint t = 0; t < 4; t++)
    g_ptr_array_unref (td[t].ids);
}

static void
test_time (void)
{
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *id = afs_uuid7_new ();
  gint64 after = g_get_real_time () / 1000;
  gint64 ms = afs_uuid7_get_unix_ms (id);

  /* The counter may borrow a millisecond or two when many ids were made. */
  g_assert_cmpint (ms, >=, before);
  g_assert_cmpint (ms, <=, after + 2);
}

static void
test_new_at (void)
{
  /* 2026-03-29T00:30:00.123Z */
  const gint64 ms = G_GINT64_CONSTANT (1774744200123);
  g_autoptr(GRand) r1 = g_rand_new_with_seed (42);
  g_autoptr(GRand) r2 = g_rand_new_with_seed (42);
  g_autofree char *a = afs_uuid7_new_at (ms, r1);
  g_autofree char *b = afs_uuid7_new_at (ms, r2);
  g_autofree char *c = afs_uuid7_new_at (ms, r1);
  g_autofree char *zero = afs_uuid7_new_at (0, NULL);
  g_autofree char *early = afs_uuid7_new_at (ms - 1, NULL);
  g_autofree char *later = afs_uuid7_new_at (ms + 1, NULL);

  assert_v7_shape (a);
  assert_v7_shape (c);
  /* The time is the first 48 bits, in hex. */
  g_assert_true (g_str_has_prefix (a, "019d36ff-63bb-7"));
  g_assert_cmpint (afs_uuid7_get_unix_ms (a), ==, ms);
  g_assert_cmpint (afs_uuid7_get_unix_ms (c), ==, ms);
  /* Seeded: reproducible; the next draw differs. */
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);

  g_assert_true (g_str_has_prefix (zero, "00000000-0000-7"));
  g_assert_cmpint (afs_uuid7_get_unix_ms (zero), ==, 0);

  /* Ids of different milliseconds sort by time. */
  g_assert_cmpint (strcmp (early, a), <, 0);
  g_assert_cmpint (strcmp (a, later), <, 0);
}

static void
test_validate (void)
{
  static const char *bad[] = {
    "",
    "not-a-uuid",
    "019d371b-2bfb-7abc-8def-0123456789a",      /* 35 chars */
    "019d371b-2bfb-7abc-8def-0123456789abc",    /* 37 chars */
    "019D371B-2BFB-7ABC-8DEF-0123456789AB",     /* uppercase */
    "019d371b2bfb-7abc-8def-0123456789ab0",     /* dash missing */
    "019d371b-2bfb-7abc-8def_0123456789ab",     /* wrong separator */
    "019d371g-2bfb-7abc-8def-0123456789ab",     /* not hex */
    "019d371b-2bfb-7abc-cdef-0123456789ab",     /* variant 110 (Microsoft) */
    "019d371b-2bfb-7abc-0def-0123456789ab",     /* variant 0 (NCS) */
    "019d371b-2bfb-0abc-8def-0123456789ab",     /* version 0 */
    "019d371b-2bfb-9abc-8def-0123456789ab",     /* version 9 */
    "00000000-0000-0000-0000-000000000000",     /* nil */
    "ffffffff-ffff-ffff-ffff-ffffffffffff",     /* max */
    " 019d371b-2bfb-7abc-8def-0123456789a",
    "{019d371b-2bfb-7abc-8def-0123456789ab}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_false (afs_uuid_is_valid (bad[i]));
      g_assert_cmpint (afs_uuid7_get_unix_ms (bad[i]), ==, -1);
    }
  g_assert_false (afs_uuid_is_valid (NULL));
  g_assert_cmpint (afs_uuid7_get_unix_ms (NULL), ==, -1);

  g_assert_true (afs_uuid_is_valid ("019d371b-2bfb-7abc-8def-0123456789ab"));
  g_assert_true (afs_uuid_is_valid ("019d371b-2bfb-7abc-bdef-0123456789ab"));
  g_assert_cmpint (afs_uuid7_get_unix_ms ("019d371b-2bfb-7abc-8def-0123456789ab"), ==,
                   G_GINT64_CONSTANT (1774746020859));

  /* A valid v4 is a valid key but carries no time. */
  {
    g_autofree char *v4 = g_uuid_string_random ();

    g_assert_true (afs_uuid_is_valid (v4));
    g_assert_cmpint (afs_uuid7_get_unix_ms (v4), ==, -1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uuid/format", test_format);
  g_test_add_func ("/uuid/monotonic", test_monotonic);
  g_test_add_func ("/uuid/threads", test_threads);
  g_test_add_func ("/uuid/time", test_time);
  g_test_add_func ("/uuid/new-at", test_new_at);
  g_test_add_func ("/uuid/validate", test_validate);

  return g_test_run ();
}
