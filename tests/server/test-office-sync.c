/* test-office-sync.c: the sync protocol against a real aftersales-office
 * on 127.0.0.1, over real HTTP (docs/sync-protocol.md): exactly once
 * (replays, gaps, all-or-nothing batches), scope, each conflict class.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-uuid.h"
#include "office-test-util.h"

#define STAFF_TOM  "01900000-0000-7000-8000-00000000a001"
#define STAFF_WANG "01900000-0000-7000-8000-00000000a002"

typedef struct {
  Office *office;
  char *olga_dev, *olga;      /* office user: device id, token */
  char *tom_dev, *tom;        /* technician */
  char *wang_dev, *wang;      /* technician */
  gint64 olga_seq, tom_seq, wang_seq;
  gint64 clock;
} World;

static char *
fields (const char *first, ...)
{
  /* "name", "old json", "new json", … → {"name":{"old":…,"new":…},…} */
  g_autoptr(GString) s = g_string_new ("{");
  va_list args;
  const char *name;

  va_start (args, first);
  for (name = first; name != NULL; name = va_arg (args, const char *))
    {
      const char *old_v = va_arg (args, const char *);
      const char *new_v = va_arg (args, const char *);

      if (s->len > 1)
        g_string_append_c (s, ',');
      g_string_append_printf (s, "\"%s\":{\"old\":%s,\"new\":%s}", name, old_v, new_v);
    }
  va_end (args);
  g_string_append_c (s, '}');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
world_setup (World *w, gconstpointer data)
{
  w->office = office_start (NULL);
  office_add_user (w->office, "olga", "office", NULL);
  office_add_user (w->office, "tom", "technician", STAFF_TOM);
  office_add_user (w->office, "wang", "technician", STAFF_WANG);
  w->olga_dev = afs_uuid7_new ();
  w->tom_dev = afs_uuid7_new ();
  w->wang_dev = afs_uuid7_new ();
  w->olga = office_sign_in (w->office, "olga", w->olga_dev);
  w->tom = office_sign_in (w->office, "tom", w->tom_dev);
  w->wang = office_sign_in (w->office, "wang", w->wang_dev);
  w->clock = 1773133260000;
}

static void
world_teardown (World *w, gconstpointer data)
{
  office_stop (w->office);
  g_free (w->olga_dev);
  g_free (w->olga);
  g_free (w->tom_dev);
  g_free (w->tom);
  g_free (w->wang_dev);
  g_free (w->wang);
}

/* One change pushed alone by @who (0 olga, 1 tom, 2 wang). */
static Reply *
push_one (World *w, int who, const char *table, const char *row_id, const char *op,
          const char *fields_json)
{
  const char *dev = who == 0 ? w->olga_dev : who == 1 ? w->tom_dev : w->wang_dev;
  const char *token = who == 0 ? w->olga : who == 1 ? w->tom : w->wang;
  gint64 *seq = who == 0 ? &w->olga_seq : who == 1 ? &w->tom_seq : &w->wang_seq;
  g_autofree char *hlc = test_hlc (w->clock += 1000, dev);
  g_autofree char *change = test_change (*seq + 1, table, row_id, op, hlc, fields_json);
  Reply *r = office_push (w->office, token, dev, change);

  if (r->status == 200)
    *seq += 1;
  return r;
}

static void
push_ok (World *w, int who, const char *table, const char *row_id, const char *op,
         const char *fields_json)
{
  g_autoptr(Reply) r = push_one (w, who, table, row_id, op, fields_json);

  if (r->status != 200)
    g_error ("push of %s %s failed: %u %s", op, table, r->status, r->body);
}

/* A customer and a case, made at the office; returns the case id. */
static char *
make_case (World *w, const char *customer_id, const char *description)
{
  char *case_id = afs_uuid7_new ();
  g_autofree char *desc = g_strdup_printf ("\"%s\"", description);
  g_autofree char *cust = g_strdup_printf ("\"%s\"", customer_id);
  g_autofree char *f_customer = fields ("name", "null", "\"Hotel Lipa\"",
                                        "phone", "null", "\"+48 22 111\"", NULL);
  g_autofree char *f_case = fields ("number", "null", "\"AS-2026-000001\"",
                                    "customer_id", "null", cust,
                                    "description", "null", desc,
                                    "state", "null", "\"new\"",
                                    "severity", "null", "0",
                                    "estimated_cost", "null", "120.5", NULL);
  g_autoptr(Reply) existing = NULL;

  push_ok (w, 0, "customers", customer_id, "insert", f_customer);
  push_ok (w, 0, "cases", case_id, "insert", f_case);
  return case_id;
}

static char *
assign (World *w, const char *case_id, const char *staff_id)
{
  char *id = afs_uuid7_new ();
  g_autofree char *c = g_strdup_printf ("\"%s\"", case_id);
  g_autofree char *s = g_strdup_printf ("\"%s\"", staff_id);
  g_autofree char *f = fields ("case_id", "null", c, "staff_id", "null", s,
                               "assigned_at", "null", "1773133260", NULL);
  push_ok (w, 0, "assignments", id, "insert", f);
  return id;
}

static JsonObject *
pulled (GHashTable *rows, const char *table, const char *id)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", table, id);
  return g_hash_table_lookup (rows, key);
}

static guint
count_table (GHashTable *rows, const char *table)
{
  GHashTableIter iter;
  gpointer key;
  g_autofree char *prefix = g_strconcat (table, "/", NULL);
  guint n = 0;

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      n++;
  return n;
}

/* ---- exactly once -------------------------------------------------------- */

static void
test_replay (World *w, gconstpointer data)
{
  g_autofree char *cust = afs_uuid7_new ();
  g_autofree char *h1 = test_hlc (w->clock + 1, w->olga_dev);
  g_autofree char *h2 = test_hlc (w->clock + 2, w->olga_dev);
  g_autofree char *f1 = fields ("name", "null", "\"Bar Mleczny\"", NULL);
  g_autofree char *f2 = fields ("city", "null", "\"Kraków\"", NULL);
  g_autofree char *c1 = test_change (1, "customers", cust, "insert", h1, f1);
  g_autofree char *c2 = test_change (2, "customers", cust, "update", h2, f2);
  g_autofree char *batch = g_strdup_printf ("%s,%s", c1, c2);
  g_autoptr(GHashTable) rows = NULL;
  JsonObject *row;

  {
    g_autoptr(Reply) r = office_push (w->office, w->olga, w->olga_dev, batch);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (reply_int (r, "acked_seq"), ==, 2);
    g_assert_cmpint (reply_int (r, "applied"), ==, 2);
  }
  /* The reply was lost: the same batch again is acknowledged, not applied. */
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(Reply) r = office_push (w->office, w->olga, w->olga_dev, batch);
      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpint (reply_int (r, "acked_seq"), ==, 2);
      g_assert_cmpint (reply_int (r, "applied"), ==, 0);
    }
  /* A batch overlapping the applied ones applies only the new change. */
  {
    g_autofree char *h3 = test_hlc (w->clock + 3, w->olga_dev);
    g_autofree char *f3 = fields ("city", "\"Kraków\"", "\"Gdańsk\"", NULL);
    g_autofree char *c3 = test_change (3, "customers", cust, "update", h3, f3);
    g_autofree char *b2 = g_strdup_printf ("%s,%s", c2, c3);
    g_autoptr(Reply) r = office_push (w->office, w->olga, w->olga_dev, b2);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (reply_int (r, "acked_seq"), ==, 3);
    g_assert_cmpint (reply_int (r, "applied"), ==, 1);
  }

  rows = office_pull_all (w->office, w->olga, 0, NULL);
  row = pulled (rows, "customers", cust);
  g_assert_nonnull (row);
  g_assert_cmpstr (json_object_get_string_member (row, "city"), ==, "Gdańsk");
  /* Three changes applied once each: version 3, not 5. */
  g_assert_cmpint (json_object_get_int_member (row, "version"), ==, 3);

  /* The sign-in tells a restored device where the server is. */
  {
    g_autofree char *body = g_strdup_printf ("{\"user\":\"olga\",\"password\":\"%s\","
                                             "\"device_id\":\"%s\",\"device_name\":\"x\","
                                             "\"protocol\":1,\"schema\":6}",
                                             TEST_PASSWORD, w->olga_dev);
    g_autoptr(Reply) r = office_request (w->office, "POST", "/v1/session", NULL, NULL, body,
                                         strlen (body), NULL, NULL);
    g_assert_cmpint (reply_int (r, "last_seq"), ==, 3);
  }
}

/* A device database put back from an older backup numbers its new
 * changes again from where the backup stopped: numbers the server already
 * applied, but with later clocks. Acknowledging them as replays would make
 * the device delete changes nobody applied; the server refuses them
 * (409 seq_reused, with the number it expects) and applies nothing. */
static void
test_seq_reused (World *w, gconstpointer data)
{
  g_autofree char *cust = afs_uuid7_new ();
  g_autofree char *restored = afs_uuid7_new ();
  g_autofree char *h1 = test_hlc (w->clock + 1, w->olga_dev);
  g_autofree char *h2 = test_hlc (w->clock + 2, w->olga_dev);
  g_autofree char *h3 = test_hlc (w->clock + 3, w->olga_dev);
  g_autofree char *h_new = test_hlc (w->clock + 50, w->olga_dev);
  g_autofree char *f1 = fields ("name", "null", "\"Bar Mleczny\"", NULL);
  g_autofree char *f2 = fields ("city", "null", "\"Kraków\"", NULL);
  g_autofree char *f3 = fields ("city", "\"Kraków\"", "\"Gdańsk\"", NULL);
  g_autofree char *f_new = fields ("name", "null", "\"Made after the restore\"", NULL);
  g_autofree char *c1 = test_change (1, "customers", cust, "insert", h1, f1);
  g_autofree char *c2 = test_change (2, "customers", cust, "update", h2, f2);
  g_autofree char *c3 = test_change (3, "customers", cust, "update", h3, f3);
  g_autofree char *batch = g_strdup_printf ("%s,%s,%s", c1, c2, c3);
  /* The backup had change 2 still waiting; its new change got number 3. */
  g_autofree char *reused = test_change (3, "customers", restored, "insert", h_new, f_new);
  g_autofree char *restored_batch = g_strdup_printf ("%s,%s", c2, reused);
  g_autofree char *renumbered = test_change (4, "customers", restored, "insert", h_new, f_new);
  g_autoptr(GHashTable) rows = NULL;
  JsonObject *row;

  {
    g_autoptr(Reply) r = office_push (w->office, w->olga, w->olga_dev, batch);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (reply_int (r, "acked_seq"), ==, 3);
  }
  {
    g_autoptr(Reply) r = office_push (w->office, w->olga, w->olga_dev, restored_batch);
    g_assert_cmpuint (r->status, ==, 409);
    g_assert_cmpstr (reply_error (r), ==, "seq_reused");
    g_assert_cmpint (reply_int (r, "expected"), ==, 4);
    g_assert_cmpint (reply_int (r, "seq"), ==, 3);
  }
  rows = office_pull_all (w->office, w->olga, 0, NULL);
  g_assert_null (pulled (rows, "customers", restored));
  g_clear_pointer (&rows, g_hash_table_unref);

  /* True replays (the same clocks) are still acknowledged, not applied. */
  {
    g_autofree char *b2 = g_strdup_printf ("%s,%s", c2, c3);
    g_autoptr(Reply) r = office_push (w->office, w->olga, w->olga_dev, b2);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (reply_int (r, "acked_seq"), ==, 3);
    g_assert_cmpint (reply_int (r, "applied"), ==, 0);
  }
  /* Numbered from the expected one on, the change is applied once. */
  {
    g_autoptr(Reply) r = office_push (w->office, w->olga, w->olga_dev, renumbered);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (reply_int (r, "acked_seq"), ==, 4);
    g_assert_cmpint (reply_int (r, "applied"), ==, 1);
  }
  /* …and is then itself a replay like any other. */
  {
    g_autoptr(Reply) r = office_push (w->office, w->olga, w->olga_dev, renumbered);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (reply_int (r, "acked_seq"), ==, 4);
    g_assert_cmpint (reply_int (r, "applied"), ==, 0);
  }

  rows = office_pull_all (w->office, w->olga, 0, NULL);
  row = pulled (rows, "customers", restored);
  g_assert_nonnull (row);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Made after the restore");
  g_assert_cmpint (json_object_get_int_member (row, "version"), ==, 1);
  row = pulled (rows, "customers", cust);
  g_assert_cmpstr (json_object_get_string_member (row, "city"), ==, "Gdańsk");
  g_assert_cmpint (json_object_get_int_member (row, "version"), ==, 3);
}

static void
test_gap (World *w, gconstpointer data)
{
  g_autofree char *cust = afs_uuid7_new ();
  g_autofree char *h = test_hlc (w->clock, w->olga_dev);
  g_autofree char *f = fields ("name", "null", "\"Gap Ltd\"", NULL);
  g_autofree char *c = test_change (5, "customers", cust, "insert", h, f);
  g_autoptr(Reply) r = office_push (w->office, w->olga, w->olga_dev, c);
  g_autoptr(GHashTable) rows = NULL;

  g_assert_cmpuint (r->status, ==, 409);
  g_assert_cmpstr (reply_error (r), ==, "gap");
  g_assert_cmpint (reply_int (r, "expected"), ==, 1);

  rows = office_pull_all (w->office, w->olga, 0, NULL);
  g_assert_null (pulled (rows, "customers", cust));
}

static void
test_batch_all_or_nothing (World *w, gconstpointer data)
{
  g_autofree char *cust = afs_uuid7_new ();
  g_autofree char *h = test_hlc (w->clock, w->olga_dev);
  g_autofree char *f1 = fields ("name", "null", "\"Half Ltd\"", NULL);
  g_autofree char *f2 = fields ("no_such_field", "null", "1", NULL);
  g_autofree char *c1 = test_change (1, "customers", cust, "insert", h, f1);
  g_autofree char *c2 = test_change (2, "customers", cust, "update", h, f2);
  g_autofree char *batch = g_strdup_printf ("%s,%s", c1, c2);
  g_autoptr(Reply) r = office_push (w->office, w->olga, w->olga_dev, batch);
  g_autoptr(GHashTable) rows = NULL;

  g_assert_cmpuint (r->status, ==, 400);
  g_assert_cmpstr (reply_error (r), ==, "unknown_field");
  g_assert_cmpint (reply_int (r, "seq"), ==, 2);
  rows = office_pull_all (w->office, w->olga, 0, NULL);
  g_assert_null (pulled (rows, "customers", cust));

  /* A change refused after decoding (scope) rolls back the ones before it. */
  {
    g_autofree char *other = afs_uuid7_new ();
    g_autofree char *case_id = make_case (w, other, "Boiler");
    g_autofree char *own = afs_uuid7_new ();
    g_autofree char *ht = test_hlc (w->clock + 5, w->tom_dev);
    g_autofree char *fc = fields ("name", "null", "\"Tom's new customer\"", NULL);
    g_autofree char *fd = fields ("description", "\"Boiler\"", "\"Boiler, hacked\"", NULL);
    g_autofree char *t1 = test_change (1, "customers", own, "insert", ht, fc);
    g_autofree char *t2 = test_change (2, "cases", case_id, "update", ht, fd);
    g_autofree char *tb = g_strdup_printf ("%s,%s", t1, t2);
    g_autoptr(Reply) r2 = office_push (w->office, w->tom, w->tom_dev, tb);
    g_autoptr(GHashTable) all = NULL;

    g_assert_cmpuint (r2->status, ==, 403);
    g_assert_cmpstr (reply_error (r2), ==, "out_of_scope");
    g_assert_cmpint (reply_int (r2, "seq"), ==, 2);
    all = office_pull_all (w->office, w->olga, 0, NULL);
    g_assert_null (pulled (all, "customers", own));
    g_assert_cmpstr (json_object_get_string_member (pulled (all, "cases", case_id), "description"),
                     ==, "Boiler");
  }
}

/* ---- scope ------------------------------------------------------------------ */

static void
test_scope (World *w, gconstpointer data)
{
  g_autofree char *cust1 = afs_uuid7_new ();
  g_autofree char *cust2 = afs_uuid7_new ();
  g_autofree char *k1 = make_case (w, cust1, "Fridge not cooling");
  g_autofree char *k2 = make_case (w, cust2, "Oven door");
  g_autofree char *a1 = assign (w, k1, STAFF_TOM);
  g_autofree char *a2 = assign (w, k2, STAFF_WANG);
  g_autoptr(GHashTable) tom_rows = NULL;
  g_autoptr(GHashTable) olga_rows = NULL;
  gint64 tom_cursor;

  tom_rows = office_pull_all (w->office, w->tom, 0, &tom_cursor);
  g_assert_nonnull (pulled (tom_rows, "cases", k1));
  g_assert_nonnull (pulled (tom_rows, "customers", cust1));
  g_assert_nonnull (pulled (tom_rows, "assignments", a1));
  g_assert_null (pulled (tom_rows, "cases", k2));
  g_assert_null (pulled (tom_rows, "customers", cust2));
  g_assert_null (pulled (tom_rows, "assignments", a2));
  olga_rows = office_pull_all (w->office, w->olga, 0, NULL);
  g_assert_nonnull (pulled (olga_rows, "cases", k2));
  g_assert_nonnull (pulled (olga_rows, "cases", k1));

  /* Tom may change his case, not Wang's; nor the staff list. */
  {
    g_autofree char *f = fields ("state", "\"new\"", "\"on_site\"", NULL);
    g_autoptr(Reply) ok = push_one (w, 1, "cases", k1, "update", f);
    g_autoptr(Reply) bad = push_one (w, 1, "cases", k2, "update", f);
    g_autofree char *staff = afs_uuid7_new ();
    g_autofree char *fs = fields ("name", "null", "\"Mallory\"", "role", "null", "\"manager\"", NULL);
    g_autoptr(Reply) forbidden = push_one (w, 1, "staff", staff, "insert", fs);
    g_autoptr(Reply) cust = NULL;
    g_autofree char *fcu = fields ("phone", "\"+48 22 111\"", "\"+48 22 999\"", NULL);

    g_assert_cmpuint (ok->status, ==, 200);
    g_assert_cmpuint (bad->status, ==, 403);
    g_assert_cmpstr (reply_error (bad), ==, "out_of_scope");
    g_assert_cmpuint (forbidden->status, ==, 403);
    g_assert_cmpstr (reply_error (forbidden), ==, "forbidden");
    cust = push_one (w, 1, "customers", cust2, "update", fcu);
    g_assert_cmpuint (cust->status, ==, 403);
    g_assert_cmpstr (reply_error (cust), ==, "out_of_scope");
  }

  /* Reassign k2 from Wang to Tom: Tom gets the whole case (a snapshot),
   * Wang's devices get evictions. */
  {
    g_autofree char *f = fields ("unassigned_at", "null", "1773140000", NULL);
    g_autoptr(GHashTable) more = NULL;
    g_autoptr(GHashTable) wang_rows = NULL;
    g_autofree char *a3 = NULL;
    GHashTableIter iter;
    gpointer key;

    push_ok (w, 0, "assignments", a2, "update", f);
    a3 = assign (w, k2, STAFF_TOM);

    more = office_pull_all (w->office, w->tom, tom_cursor, NULL);
    g_assert_nonnull (pulled (more, "cases", k2));
    g_assert_nonnull (pulled (more, "customers", cust2));
    g_assert_nonnull (pulled (more, "assignments", a2));
    g_assert_nonnull (pulled (more, "assignments", a3));

    /* Wang, pulling from 0, sees nothing of k2 any more. */
    wang_rows = office_pull_all (w->office, w->wang, 0, NULL);
    g_hash_table_iter_init (&iter, wang_rows);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_assert_true (g_str_has_prefix (key, "staff/"));
  }

  /* A device that had k2 gets explicit evictions (op "evict"). */
  {
    g_autofree char *f = fields ("unassigned_at", "null", "1773150000", NULL);
    g_autofree char *path = NULL;
    gint64 cursor;
    g_autoptr(GHashTable) before = office_pull_all (w->office, w->tom, 0, &cursor);
    g_autoptr(Reply) r = NULL;
    JsonArray *changes;
    guint evicted = 0;

    g_assert_nonnull (pulled (before, "cases", k1));
    push_ok (w, 0, "assignments", a1, "update", f);
    path = g_strdup_printf ("/v1/pull?cursor=%lld", (long long) cursor);
    r = office_request (w->office, "GET", path, w->tom, NULL, NULL, 0, NULL, NULL);
    g_assert_cmpuint (r->status, ==, 200);
    changes = json_object_get_array_member (json_node_get_object (r->json), "changes");
    for (guint i = 0; i < json_array_get_length (changes); i++)
      {
        JsonObject *c = json_array_get_object_element (changes, i);
        if (g_strcmp0 (json_object_get_string_member (c, "op"), "evict") == 0 &&
            g_strcmp0 (json_object_get_string_member (c, "row_id"), k1) == 0)
          evicted++;
        if (g_strcmp0 (json_object_get_string_member (c, "op"), "evict") == 0 &&
            g_strcmp0 (json_object_get_string_member (c, "row_id"), cust1) == 0)
          evicted++;
      }
    g_assert_cmpuint (evicted, ==, 2);
  }
}

/* ---- conflicts ---------------------------------------------------------------- */

/* Both technicians on one case, so both may edit it. */
static char *
shared_case (World *w, char **customer)
{
  char *case_id;

  *customer = afs_uuid7_new ();
  case_id = make_case (w, *customer, "Fridge not cooling");
  g_free (assign (w, case_id, STAFF_TOM));
  g_free (assign (w, case_id, STAFF_WANG));
  return case_id;
}

static void
test_conflict_last_writer (World *w, gconstpointer data)
{
  g_autofree char *cust = NULL;
  g_autofree char *k = shared_case (w, &cust);
  g_autoptr(GHashTable) rows = NULL;
  g_autofree char *h_late = test_hlc (w->clock + 50000, w->tom_dev);
  g_autofree char *h_early = test_hlc (w->clock + 10000, w->wang_dev);
  g_autofree char *ft = fields ("state", "\"new\"", "\"on_site\"", "severity", "0", "2", NULL);
  g_autofree char *fw = fields ("state", "\"new\"", "\"resolved\"", "severity", "0", "3", NULL);
  g_autofree char *ct = test_change (1, "cases", k, "update", h_late, ft);
  g_autofree char *cw = test_change (1, "cases", k, "update", h_early, fw);
  JsonObject *row;

  /* Tom's later edit arrives first, Wang's earlier one after: Tom's stays. */
  {
    g_autoptr(Reply) r1 = office_push (w->office, w->tom, w->tom_dev, ct);
    g_autoptr(Reply) r2 = office_push (w->office, w->wang, w->wang_dev, cw);
    g_assert_cmpuint (r1->status, ==, 200);
    g_assert_cmpuint (r2->status, ==, 200);
    /* State-like fields make no conflict record. */
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (r2->json), "conflicts")), ==, 0);
  }
  rows = office_pull_all (w->office, w->olga, 0, NULL);
  row = pulled (rows, "cases", k);
  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, "on_site");
  g_assert_cmpint (json_object_get_int_member (row, "severity"), ==, 2);
  g_assert_cmpuint (count_table (rows, "conflicts"), ==, 0);

  /* A later HLC wins over an earlier one even when it saw an old value. */
  {
    g_autofree char *h = test_hlc (w->clock + 90000, w->wang_dev);
    g_autofree char *f = fields ("state", "\"new\"", "\"closed\"", NULL);
    g_autofree char *c = test_change (2, "cases", k, "update", h, f);
    g_autoptr(Reply) r = office_push (w->office, w->wang, w->wang_dev, c);
    g_autoptr(GHashTable) after = NULL;

    g_assert_cmpuint (r->status, ==, 200);
    after = office_pull_all (w->office, w->olga, 0, NULL);
    g_assert_cmpstr (json_object_get_string_member (pulled (after, "cases", k), "state"), ==, "closed");
  }
}

static void
test_conflict_review (World *w, gconstpointer data)
{
  g_autofree char *cust = NULL;
  g_autofree char *k = shared_case (w, &cust);
  g_autofree char *ht = test_hlc (w->clock + 1000, w->tom_dev);
  g_autofree char *hw = test_hlc (w->clock + 2000, w->wang_dev);
  g_autofree char *ft = fields ("description", "\"Fridge not cooling\"", "\"Compressor dead\"",
                                "estimated_cost", "120.5", "300", NULL);
  g_autofree char *fw = fields ("description", "\"Fridge not cooling\"", "\"Door seal torn\"",
                                "estimated_cost", "120.5", "45.25", NULL);
  g_autofree char *ct = test_change (1, "cases", k, "update", ht, ft);
  g_autofree char *cw = test_change (1, "cases", k, "update", hw, fw);
  g_autoptr(Reply) r1 = office_push (w->office, w->tom, w->tom_dev, ct);
  g_autoptr(Reply) r2 = office_push (w->office, w->wang, w->wang_dev, cw);
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(GHashTable) tom_rows = NULL;
  JsonArray *ids;
  JsonObject *row, *conflict = NULL;

  g_assert_cmpuint (r1->status, ==, 200);
  g_assert_cmpuint (r2->status, ==, 200);
  w->tom_seq = w->wang_seq = 1;
  /* Wang's later HLC does not matter: free text and prices are never
   * silently overwritten. */
  ids = json_object_get_array_member (json_node_get_object (r2->json), "conflicts");
  g_assert_cmpuint (json_array_get_length (ids), ==, 2);

  rows = office_pull_all (w->office, w->olga, 0, NULL);
  row = pulled (rows, "cases", k);
  g_assert_cmpstr (json_object_get_string_member (row, "description"), ==, "Compressor dead");
  g_assert_cmpfloat (json_object_get_double_member (row, "estimated_cost"), ==, 300);

  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      JsonObject *c = pulled (rows, "conflicts", json_array_get_string_element (ids, i));
      g_assert_nonnull (c);
      if (g_strcmp0 (json_object_get_string_member (c, "field"), "description") == 0)
        conflict = c;
    }
  g_assert_nonnull (conflict);
  g_assert_cmpstr (json_object_get_string_member (conflict, "table_name"), ==, "cases");
  g_assert_cmpstr (json_object_get_string_member (conflict, "row_id"), ==, k);
  g_assert_cmpstr (json_object_get_string_member (conflict, "kind"), ==, "edit");
  g_assert_cmpstr (json_object_get_string_member (conflict, "base"), ==, "\"Fridge not cooling\"");
  g_assert_cmpstr (json_object_get_string_member (conflict, "mine"), ==, "\"Door seal torn\"");
  g_assert_cmpstr (json_object_get_string_member (conflict, "theirs"), ==, "\"Compressor dead\"");
  g_assert_cmpstr (json_object_get_string_member (conflict, "mine_user"), ==, "wang");
  g_assert_cmpstr (json_object_get_string_member (conflict, "theirs_user"), ==, "tom");
  g_assert_cmpstr (json_object_get_string_member (conflict, "theirs_device"), ==, w->tom_dev);
  g_assert_true (json_object_get_null_member (conflict, "resolution"));

  /* The conflict syncs to everyone who sees the case. */
  tom_rows = office_pull_all (w->office, w->tom, 0, NULL);
  g_assert_nonnull (pulled (tom_rows, "conflicts", json_array_get_string_element (ids, 0)));

  /* Resolving it is an ordinary change: Wang's text wins after review. */
  {
    const char *cid = json_object_get_string_member (conflict, "mine") ? NULL : NULL;
    g_autofree char *h = test_hlc (w->clock + 9000, w->olga_dev);
    g_autofree char *f1 = fields ("resolution", "null", "\"mine\"",
                                  "resolved_value", "null", "\"\\\"Door seal torn\\\"\"",
                                  "resolved_by", "null", "\"olga\"",
                                  "resolved_at", "null", "1773140000", NULL);
    g_autofree char *f2 = fields ("description", "\"Compressor dead\"", "\"Door seal torn\"", NULL);
    g_autoptr(GHashTable) after = NULL;
    const char *conflict_id = NULL;

    (void) cid;
    for (guint i = 0; i < json_array_get_length (ids); i++)
      {
        JsonObject *c = pulled (rows, "conflicts", json_array_get_string_element (ids, i));
        if (c == conflict)
          conflict_id = json_array_get_string_element (ids, i);
      }
    push_ok (w, 0, "conflicts", conflict_id, "update", f1);
    push_ok (w, 0, "cases", k, "update", f2);
    after = office_pull_all (w->office, w->olga, 0, NULL);
    g_assert_cmpstr (json_object_get_string_member (pulled (after, "cases", k), "description"),
                     ==, "Door seal torn");
    g_assert_cmpstr (json_object_get_string_member (pulled (after, "conflicts", conflict_id),
                                                    "resolution"), ==, "mine");
    g_assert_cmpuint (count_table (after, "conflicts"), ==, 2);
  }

  /* Devices cannot make conflict rows themselves. */
  {
    g_autofree char *id = afs_uuid7_new ();
    g_autofree char *c = g_strdup_printf ("\"%s\"", k);
    g_autofree char *f = fields ("case_id", "null", c, NULL);
    g_autoptr(Reply) r = push_one (w, 1, "conflicts", id, "insert", f);
    g_assert_cmpuint (r->status, ==, 403);
    g_assert_cmpstr (reply_error (r), ==, "forbidden");
  }
}

static void
test_conflict_append_only (World *w, gconstpointer data)
{
  g_autofree char *cust = NULL;
  g_autofree char *k = shared_case (w, &cust);
  g_autofree char *photo = afs_uuid7_new ();
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "jpeg bytes", -1);
  g_autofree char *sha_json = g_strdup_printf ("\"%s\"", sha);
  g_autofree char *other = g_strdup_printf ("\"%s\"", "0000000000000000000000000000000000000000000000000000000000000000");
  g_autofree char *cj = g_strdup_printf ("\"%s\"", k);
  g_autofree char *fi = fields ("case_id", "null", cj, "sha256", "null", sha_json,
                                "caption", "null", "\"Label\"", NULL);
  g_autofree char *fu = fields ("sha256", sha_json, other, NULL);
  g_autofree char *path = g_strdup_printf ("/v1/blobs/%s", sha);
  g_autofree char *cpath = g_strdup_printf ("/v1/blobs/%s/complete", sha);

  {
    g_autoptr(Reply) up = office_request (w->office, "PATCH", path, w->tom, "application/octet-stream",
                                          "jpeg bytes", 10, "Upload-Offset", "0");
    g_autoptr(Reply) done = office_request (w->office, "POST", cpath, w->tom, NULL,
                                            "{\"size\":10}", 11, NULL, NULL);
    g_assert_cmpuint (up->status, ==, 200);
    g_assert_cmpuint (done->status, ==, 200);
  }
  push_ok (w, 1, "photos", photo, "insert", fi);
  /* Which checklist item it shows may be corrected; the bytes may not. */
  {
    g_autofree char *fk = fields ("kind", "null", "\"after\"", NULL);

    push_ok (w, 1, "photos", photo, "update", fk);
  }
  {
    g_autoptr(Reply) r = push_one (w, 2, "photos", photo, "update", fu);
    g_autoptr(GHashTable) rows = NULL;

    g_assert_cmpuint (r->status, ==, 422);
    g_assert_cmpstr (reply_error (r), ==, "immutable_field");
    rows = office_pull_all (w->office, w->olga, 0, NULL);
    g_assert_cmpstr (json_object_get_string_member (pulled (rows, "photos", photo), "sha256"), ==, sha);
  }
  /* The audit trail is only ever added to. */
  {
    g_autofree char *audit = afs_uuid7_new ();
    g_autofree char *fa = fields ("case_id", "null", cj, "at", "null", "1773133260",
                                  "kind", "null", "\"state\"", NULL);
    g_autofree char *fb = fields ("kind", "\"state\"", "\"nothing happened\"", NULL);
    g_autoptr(Reply) r = NULL;
    g_autoptr(Reply) d = NULL;

    push_ok (w, 1, "audit", audit, "insert", fa);
    r = push_one (w, 1, "audit", audit, "update", fb);
    g_assert_cmpuint (r->status, ==, 422);
    d = push_one (w, 1, "audit", audit, "delete", "{}");
    g_assert_cmpuint (d->status, ==, 400);
  }
}

static void
test_conflict_signed_report (World *w, gconstpointer data)
{
  g_autofree char *cust = NULL;
  g_autofree char *k = shared_case (w, &cust);
  g_autofree char *report = afs_uuid7_new ();
  g_autofree char *cj = g_strdup_printf ("\"%s\"", k);
  g_autofree char *fi = fields ("case_id", "null", cj, "diagnosis", "null", "\"Compressor\"",
                                "report_version", "null", "1", NULL);
  g_autofree char *fs = fields ("signer_name", "null", "\"Mrs Lipa\"",
                                "signed_at", "null", "1773140000",
                                "content_hash", "null", "\"abc\"", NULL);
  g_autofree char *fe = fields ("diagnosis", "\"Compressor\"", "\"Compressor and fan\"", NULL);
  g_autofree char *fr = fields ("signer_name", "\"Mrs Lipa\"", "\"Someone else\"", NULL);
  g_autoptr(GHashTable) rows = NULL;
  JsonObject *row;

  push_ok (w, 1, "reports", report, "insert", fi);
  push_ok (w, 1, "reports", report, "update", fs);
  {
    /* Even with the right old value, a signed report does not change. */
    g_autoptr(Reply) r = push_one (w, 2, "reports", report, "update", fe);
    g_autoptr(Reply) r2 = push_one (w, 0, "reports", report, "update", fr);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (r->json), "conflicts")), ==, 1);
    g_assert_cmpuint (r2->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (r2->json), "conflicts")), ==, 1);
  }
  rows = office_pull_all (w->office, w->olga, 0, NULL);
  row = pulled (rows, "reports", report);
  g_assert_cmpstr (json_object_get_string_member (row, "diagnosis"), ==, "Compressor");
  g_assert_cmpstr (json_object_get_string_member (row, "signer_name"), ==, "Mrs Lipa");
  g_assert_cmpuint (count_table (rows, "conflicts"), ==, 2);
}

static void
test_conflict_edit_vs_delete (World *w, gconstpointer data)
{
  g_autofree char *cust = NULL;
  g_autofree char *k = shared_case (w, &cust);
  g_autofree char *visit = afs_uuid7_new ();
  g_autofree char *cj = g_strdup_printf ("\"%s\"", k);
  g_autofree char *fi = fields ("case_id", "null", cj, "arrived_at", "null", "1773140000", NULL);
  g_autofree char *fe = fields ("arrived_at", "1773140000", "1773141111", NULL);
  g_autoptr(GHashTable) rows = NULL;
  JsonObject *row;
  GHashTableIter iter;
  gpointer key, value;
  gboolean found = FALSE;

  push_ok (w, 1, "visits", visit, "insert", fi);
  push_ok (w, 0, "visits", visit, "delete", "{}");
  {
    g_autoptr(Reply) r = push_one (w, 1, "visits", visit, "update", fe);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (r->json), "conflicts")), ==, 1);
  }
  rows = office_pull_all (w->office, w->olga, 0, NULL);
  row = pulled (rows, "visits", visit);
  g_assert_false (json_object_get_null_member (row, "deleted_at"));
  g_assert_cmpint (json_object_get_int_member (row, "arrived_at"), ==, 1773140000);
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_prefix (key, "conflicts/") &&
        g_strcmp0 (json_object_get_string_member (value, "kind"), "delete") == 0 &&
        g_strcmp0 (json_object_get_string_member (value, "mine"), "1773141111") == 0)
      found = TRUE;
  g_assert_true (found);
}

static void
test_missing_blob (World *w, gconstpointer data)
{
  g_autofree char *cust = NULL;
  g_autofree char *k = shared_case (w, &cust);
  g_autofree char *photo = afs_uuid7_new ();
  g_autofree char *cj = g_strdup_printf ("\"%s\"", k);
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "never uploaded", -1);
  g_autofree char *sj = g_strdup_printf ("\"%s\"", sha);
  g_autofree char *fi = fields ("case_id", "null", cj, "sha256", "null", sj, NULL);
  g_autoptr(Reply) r = push_one (w, 1, "photos", photo, "insert", fi);
  g_autoptr(GHashTable) rows = NULL;

  g_assert_cmpuint (r->status, ==, 409);
  g_assert_cmpstr (reply_error (r), ==, "missing_blob");
  g_assert_cmpstr (reply_string (r, "sha256"), ==, sha);
  rows = office_pull_all (w->office, w->olga, 0, NULL);
  g_assert_null (pulled (rows, "photos", photo));
}

static void
test_numbers (World *w, gconstpointer data)
{
  g_autoptr(Reply) a = office_request (w->office, "POST", "/v1/numbers", w->tom, NULL,
                                       "{\"year\":2026}", 13, NULL, NULL);
  g_autoptr(Reply) b = office_request (w->office, "POST", "/v1/numbers", w->wang, NULL,
                                       "{\"year\":2026}", 13, NULL, NULL);
  gint64 a1, a2, b1, b2;

  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpuint (b->status, ==, 200);
  a1 = reply_int (a, "first");
  a2 = reply_int (a, "last");
  b1 = reply_int (b, "first");
  b2 = reply_int (b, "last");
  g_assert_cmpint (a2 - a1, ==, 999);
  g_assert_true (a2 < b1 || b2 < a1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, World, NULL, world_setup, fn, world_teardown)
  ADD ("/office/push/replay", test_replay);
  ADD ("/office/push/gap", test_gap);
  ADD ("/office/push/seq-reused", test_seq_reused);
  ADD ("/office/push/all-or-nothing", test_batch_all_or_nothing);
  ADD ("/office/scope/assigned-and-reassigned", test_scope);
  ADD ("/office/conflict/last-writer", test_conflict_last_writer);
  ADD ("/office/conflict/review", test_conflict_review);
  ADD ("/office/conflict/append-only", test_conflict_append_only);
  ADD ("/office/conflict/signed-report", test_conflict_signed_report);
  ADD ("/office/conflict/edit-against-delete", test_conflict_edit_vs_delete);
  ADD ("/office/blob/missing", test_missing_blob);
  ADD ("/office/numbers/blocks-do-not-overlap", test_numbers);
#undef ADD

  return g_test_run ();
}
