/* test-store-sync.c: the store side of sync on a real SQLite file: the
 * outbox's clock and acknowledgements, pulled pages with their cursor,
 * pending fields, evictions, conflicts and case number blocks.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-error.h"
#include "afs-hlc.h"
#include "afs-store-sync.h"
#include "afs-uuid.h"
#include "store-test-util.h"

static void
setup (Fixture *fx, gconstpointer data)
{
  fixture_setup (fx, data);
}

static void
teardown (Fixture *fx, gconstpointer data)
{
  fixture_teardown (fx, data);
}

/* Every outbox row has an HLC of this device, strictly increasing; after
 * a restart with an empty outbox (all acknowledged) it still goes on
 * from the last one. */
static void
test_outbox_hlc (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = fixture_new_case (fx, "Fridge not cooling");
  g_autofree char *last = NULL;
  g_autofree char *after = NULL;
  g_autofree char *node = NULL;
  gint64 n_bad, max_seq;

  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM outbox"), >, 0);
  n_bad = fx_int (fx, "SELECT count (*) FROM outbox o WHERE o.hlc <= (SELECT MAX (p.hlc) FROM"
                      " outbox p WHERE p.seq < o.seq) OR hlc NOT LIKE '%%-' || device_id");
  g_assert_cmpint (n_bad, ==, 0);
  last = fx_text (fx, "SELECT hlc FROM outbox ORDER BY seq DESC LIMIT 1");
  g_assert_true (afs_hlc_parse (last, NULL, NULL, &node));
  g_assert_cmpstr (node, ==, afs_store_get_device_id (fx->store));

  max_seq = fx_int (fx, "SELECT MAX (seq) FROM outbox");
  g_assert_true (afs_store_sync_ack (fx->store, max_seq, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM outbox"), ==, 0);

  g_clear_object (&fx->store);
  fx->store = fixture_open (fx);
  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
  fixture_update (fx, case_id, "description", "Fridge still not cooling", NULL);
  after = fx_text (fx, "SELECT hlc FROM outbox ORDER BY seq LIMIT 1");
  g_assert_cmpint (afs_hlc_compare (last, after), <, 0);
  /* Numbering goes on after the acknowledged rows: no number reused. */
  g_assert_cmpint (fx_int (fx, "SELECT MIN (seq) FROM outbox"), ==, max_seq + 1);
}

/* An acknowledgement deletes exactly the rows up to it, in order. */
static void
test_ack_only_up_to (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = fixture_new_case (fx, "Noise");
  g_autoptr(GPtrArray) batch = NULL;
  AfsSyncAccount account;
  gint64 total = fx_int (fx, "SELECT count (*) FROM outbox");
  gint64 first = fx_int (fx, "SELECT MIN (seq) FROM outbox");
  guint deleted = 0;

  g_assert_cmpint (total, >=, 4);
  batch = afs_store_sync_outbox_batch (fx->store, 0, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->len, ==, 3);
  for (guint i = 0; i < batch->len; i++)
    g_assert_cmpint (((AfsOutboxEntry *) batch->pdata[i])->seq, ==, first + i);

  g_assert_true (afs_store_sync_ack (fx->store, first + 1, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deleted, ==, 2);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM outbox"), ==, total - 2);
  g_assert_cmpint (fx_int (fx, "SELECT MIN (seq) FROM outbox"), ==, first + 2);
  g_assert_cmpint (afs_store_sync_pending_count (fx->store, NULL), ==, total - 2);

  /* A stale acknowledgement (a replayed reply) deletes nothing more. */
  g_assert_true (afs_store_sync_ack (fx->store, first, &deleted, &error));
  g_assert_cmpuint (deleted, ==, 0);
  g_assert_true (afs_store_sync_get_account (fx->store, &account, &error));
  g_assert_cmpint (account.acked_seq, ==, first + 1);
  afs_sync_account_clear (&account);
}

static char *
json_fields (const char *format, ...) G_GNUC_PRINTF (1, 2);

static char *
json_fields (const char *format,
             ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return text;
}

/* A pulled page is stored with its cursor; a bad page stores neither. */
static void
test_pull_page_and_cursor (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cust = afs_uuid7_new ();
  g_autofree char *case_id = afs_uuid7_new ();
  g_autofree char *f_cust = json_fields ("{\"name\": \"Bar Mleczny\", \"region\": \"local\","
                                         " \"tier\": \"regular\", \"created_at\": 1, \"updated_at\": 1,"
                                         " \"version\": 1, \"deleted_at\": null}");
  g_autofree char *f_case = json_fields ("{\"number\": \"AS-2026-001001\", \"customer_id\": \"%s\","
                                         " \"description\": \"Ice machine leaks\", \"reported_at\": %lld,"
                                         " \"severity\": 2, \"state\": \"new\", \"created_at\": 1,"
                                         " \"updated_at\": 1, \"version\": 1, \"estimated_cost\": 12.5}",
                                         cust, (long long) TEST_NOW);
  AfsPulledChange page[] = {
    /* The case first: its customer comes later in the same page. */
    { 11, "cases", case_id, "upsert", "1773133260123-0000-00000000-0000-7000-8000-000000000001", f_case },
    { 12, "customers", cust, "upsert", NULL, f_cust },
  };
  AfsPulledChange bad[] = {
    { 13, "customers", cust, "upsert", NULL, "{\"name\": \"Changed\"}" },
    { 14, "cases", case_id, "upsert", NULL, "{\"no_such_field\": 1}" },
  };
  AfsPullStats stats;
  AfsSyncAccount account;
  GArray *ids;
  AfsCaseFilter filter = { 0 };

  g_assert_true (afs_store_sync_apply_pulled (fx->store, page, G_N_ELEMENTS (page), 12, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.applied, ==, 2);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM cases WHERE id = '%s' AND severity = 2"
                               " AND estimated_cost = 12.5", case_id), ==, 1);
  /* Pulled rows are not changes of this device: nothing to push. */
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM outbox WHERE row_id IN ('%s', '%s')",
                           case_id, cust), ==, 0);
  g_assert_true (afs_store_sync_get_account (fx->store, &account, &error));
  g_assert_cmpint (account.cursor, ==, 12);
  /* The clock moved past the pulled HLC. */
  g_assert_cmpint (afs_hlc_compare (account.hlc, page[0].hlc), >=, 0);
  afs_sync_account_clear (&account);

  /* Searchable like any case. */
  filter.search = "AS-2026-001001";
  ids = afs_store_query_case_ids (fx->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_array_unref (ids);

  g_assert_false (afs_store_sync_apply_pulled (fx->store, bad, G_N_ELEMENTS (bad), 14, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no_such_field"));
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM customers WHERE name = 'Bar Mleczny'"), ==, 1);
  g_assert_true (afs_store_sync_get_account (fx->store, &account, NULL));
  g_assert_cmpint (account.cursor, ==, 12);
  afs_sync_account_clear (&account);
}

/* A pulled value does not overwrite a field whose local change waits to
 * be pushed; once acknowledged, the next pull does. */
static void
test_pending_field_kept (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = fixture_new_case (fx, "Door seal torn");
  g_autofree char *fields = NULL;
  g_autofree char *desc = NULL;
  AfsPulledChange change = { 0 };
  AfsPullStats stats;
  gint64 max_seq;

  max_seq = fx_int (fx, "SELECT MAX (seq) FROM outbox");
  g_assert_true (afs_store_sync_ack (fx->store, max_seq, NULL, &error));
  fixture_update (fx, case_id, "description", "Door seal torn, replace", NULL);

  fields = json_fields ("{\"description\": \"Office text\", \"severity\": 3}");
  change = (AfsPulledChange) { 40, "cases", case_id, "upsert", NULL, fields };
  g_assert_true (afs_store_sync_apply_pulled (fx->store, &change, 1, 40, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.kept_pending, ==, 1);
  desc = fx_text (fx, "SELECT description FROM cases WHERE id = '%s'", case_id);
  g_assert_cmpstr (desc, ==, "Door seal torn, replace");
  g_assert_cmpint (fx_int (fx, "SELECT severity FROM cases WHERE id = '%s'", case_id), ==, 3);

  max_seq = fx_int (fx, "SELECT MAX (seq) FROM outbox");
  g_assert_true (afs_store_sync_ack (fx->store, max_seq, NULL, &error));
  change.server_seq = 41;
  g_assert_true (afs_store_sync_apply_pulled (fx->store, &change, 1, 41, &stats, &error));
  g_clear_pointer (&desc, g_free);
  desc = fx_text (fx, "SELECT description FROM cases WHERE id = '%s'", case_id);
  g_assert_cmpstr (desc, ==, "Office text");
}

/* A case leaving the scope goes with its rows and audit trail; its
 * customer stays while another case refers to it; the outbox stays. */
static void
test_evict (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = fixture_new_case (fx, "Compressor dead");
  g_autofree char *kept = fixture_new_case (fx, "Light flickers");
  AfsPulledChange evict[] = {
    { 50, "cases", gone, "evict", NULL, NULL },
    { 51, "customers", fx->customer_id, "evict", NULL, NULL },
  };
  AfsPullStats stats;
  gint64 outbox = fx_int (fx, "SELECT count (*) FROM outbox");
  GArray *ids;
  AfsCaseFilter filter = { 0 };

  g_assert_true (afs_store_assign_technician (fx->store, gone, fx->tech_id, TRUE, &error));
  g_assert_no_error (error);
  outbox = fx_int (fx, "SELECT count (*) FROM outbox");
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM audit WHERE case_id = '%s'", gone), >, 0);

  /* The technician was typing the report when the case was reassigned:
   * the draft never reached the office. */
  {
    sqlite3 *db = raw_open (fx->path);
    g_autofree char *sql = g_strdup_printf ("INSERT INTO report_drafts (case_id, body, saved_at)"
                                            " VALUES ('%s', 'diagnosis=Compressor seized', 1)", gone);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  g_assert_true (afs_store_sync_apply_pulled (fx->store, evict, G_N_ELEMENTS (evict), 51, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM cases WHERE id = '%s'", gone), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM audit WHERE case_id = '%s'", gone), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM assignments WHERE case_id = '%s'", gone), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM cases WHERE id = '%s'", kept), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM customers WHERE id = '%s'", fx->customer_id), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM outbox"), ==, outbox);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM sync_evicting"), ==, 0);
  /* The draft left the case's tables but is kept aside, text and all. */
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM report_drafts"), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM sync_refused WHERE table_name = 'report_drafts'"
                               " AND row_id = '%s' AND json_extract (changes, '$.body') ="
                               " 'diagnosis=Compressor seized'", gone), ==, 1);

  /* The audit trail is still append-only for everything else. */
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM audit WHERE case_id = '%s'", kept), >, 0);
  {
    sqlite3 *db = raw_open (fx->path);

    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
    sqlite3_close (db);
  }

  filter.search = "Compressor";
  ids = afs_store_query_case_ids (fx->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_array_unref (ids);
}

/* A conflict pulled from the server is listed; resolving it writes the
 * field and the conflict as ordinary changes, in one transaction. */
static void
test_conflict_resolve (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = fixture_new_case (fx, "Mine: fan noise");
  g_autofree char *conflict_id = afs_uuid7_new ();
  g_autofree char *fields = NULL;
  g_autofree char *desc = NULL;
  g_autoptr(GPtrArray) list = NULL;
  AfsPulledChange change;
  AfsConflict *k;
  gint64 max_seq = fx_int (fx, "SELECT MAX (seq) FROM outbox");

  g_assert_true (afs_store_sync_ack (fx->store, max_seq, NULL, &error));
  fields = json_fields ("{\"case_id\": \"%s\", \"table_name\": \"cases\", \"row_id\": \"%s\","
                        " \"field\": \"description\", \"kind\": \"edit\","
                        " \"base\": \"\\\"Fan noise\\\"\", \"mine\": \"\\\"Mine: fan noise\\\"\","
                        " \"theirs\": \"\\\"Theirs: fan broken\\\"\", \"mine_user\": \"tomasz\","
                        " \"theirs_user\": \"olga\", \"created_at\": 5, \"updated_at\": 5,"
                        " \"version\": 1}", case_id, case_id);
  change = (AfsPulledChange) { 60, "conflicts", conflict_id, "upsert", NULL, fields };
  g_assert_true (afs_store_sync_apply_pulled (fx->store, &change, 1, 60, NULL, &error));
  g_assert_no_error (error);

  list = afs_store_list_conflicts (fx->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  k = list->pdata[0];
  g_assert_cmpstr (k->field, ==, "description");
  g_assert_cmpstr (k->mine_display, ==, "Mine: fan noise");
  g_assert_cmpstr (k->theirs_display, ==, "Theirs: fan broken");
  g_assert_cmpstr (k->base_display, ==, "Fan noise");
  g_assert_nonnull (k->case_number);
  g_assert_cmpint (afs_store_count_open_conflicts (fx->store, NULL), ==, 1);

  g_assert_true (afs_store_resolve_conflict (fx->store, conflict_id, AFS_CONFLICT_THEIRS, NULL, &error));
  g_assert_no_error (error);
  desc = fx_text (fx, "SELECT description FROM cases WHERE id = '%s'", case_id);
  g_assert_cmpstr (desc, ==, "Theirs: fan broken");
  g_assert_cmpint (afs_store_count_open_conflicts (fx->store, NULL), ==, 0);
  /* Both changes wait to be pushed: the field and the resolution. */
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM outbox WHERE table_name = 'cases'"
                               " AND json_extract (changes, '$.description.new') = 'Theirs: fan broken'"), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM outbox WHERE table_name = 'conflicts'"
                               " AND json_extract (changes, '$.resolution.new') = 'theirs'"), ==, 1);

  /* Twice is refused, and changes nothing. */
  g_assert_false (afs_store_resolve_conflict (fx->store, conflict_id, AFS_CONFLICT_MINE, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_CONFLICT);
}

/* Case numbers come from the block the office leased while it lasts. */
static void
test_number_blocks (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *na = NULL;
  g_autofree char *nb = NULL;
  g_autofree char *nc = NULL;

  g_assert_true (afs_store_sync_add_number_block (fx->store, 2026, 1001, 1002, &error));
  g_assert_no_error (error);
  /* Idempotent: the same lease twice is one block. */
  g_assert_true (afs_store_sync_add_number_block (fx->store, 2026, 1001, 1002, &error));
  g_assert_cmpint (afs_store_sync_numbers_left (fx->store, 2026, NULL), ==, 2);
  g_assert_false (afs_store_sync_add_number_block (fx->store, 2026, 10, 9, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);

  a = fixture_new_case (fx, "One");
  b = fixture_new_case (fx, "Two");
  c = fixture_new_case (fx, "Three");
  na = fx_text (fx, "SELECT number FROM cases WHERE id = '%s'", a);
  nb = fx_text (fx, "SELECT number FROM cases WHERE id = '%s'", b);
  nc = fx_text (fx, "SELECT number FROM cases WHERE id = '%s'", c);
  g_assert_cmpstr (na, ==, "AS-2026-001001");
  g_assert_cmpstr (nb, ==, "AS-2026-001002");
  /* Out of leased numbers: this file's own sequence. */
  g_assert_cmpstr (nc, ==, "AS-2026-000001");
  g_assert_cmpint (afs_store_sync_numbers_left (fx->store, 2026, NULL), ==, 0);
}

/* Signing in as another user starts pulling from 0 and keeps the outbox. */
static void
test_account (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AfsSyncAccount account;
  AfsPulledChange none[1];
  gint64 outbox = fx_int (fx, "SELECT count (*) FROM outbox");

  g_assert_true (afs_store_sync_set_account (fx->store, "http://127.0.0.1:1", "anna", NULL,
                                             "technician", "s1", 0, &error));
  g_assert_true (afs_store_sync_apply_pulled (fx->store, none, 0, 77, NULL, &error));
  g_assert_true (afs_store_sync_set_account (fx->store, "http://127.0.0.1:1", "anna", NULL,
                                             "technician", "s1", 0, &error));
  g_assert_true (afs_store_sync_get_account (fx->store, &account, &error));
  g_assert_cmpint (account.cursor, ==, 77);
  g_assert_cmpstr (account.role, ==, "technician");
  afs_sync_account_clear (&account);

  g_assert_true (afs_store_sync_set_account (fx->store, "http://127.0.0.1:1", "bartek", NULL,
                                             "office", "s1", outbox + 100, &error));
  g_assert_true (afs_store_sync_get_account (fx->store, &account, &error));
  g_assert_cmpint (account.cursor, ==, 0);
  g_assert_cmpstr (account.user_name, ==, "bartek");
  afs_sync_account_clear (&account);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM outbox"), ==, outbox);

  /* A restored device numbers after what the server applied (the
   * sign-in's last_seq, saved with the account above); a lower number
   * noted later does not lower it. */
  g_assert_true (afs_store_sync_note_server_seq (fx->store, outbox + 50, &error));
  g_assert_no_error (error);
  {
    g_autofree char *id = fixture_new_case (fx, "After restore");

    g_assert_cmpint (fx_int (fx, "SELECT MAX (seq) FROM outbox WHERE seq <= %lld", (long long) outbox),
                     ==, outbox);
    g_assert_cmpint (fx_int (fx, "SELECT MIN (seq) FROM outbox WHERE seq > %lld", (long long) outbox),
                     ==, outbox + 101);
    g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM outbox WHERE row_id = '%s'", id), ==, 1);
  }
}

/* Two files with the same rows have the same hashes; one changed field
 * makes that table's hash differ and no other. */
static void
test_hashes (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree char *case_id = fixture_new_case (fx, "Hash me");
  GHashTableIter iter;
  gpointer key, value;
  guint differing = 0;

  before = afs_store_sync_table_hashes (fx->store, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (before, "cases"));
  g_assert_true (g_hash_table_contains (before, "conflicts"));
  g_assert_false (g_hash_table_contains (before, "outbox"));
  g_assert_false (g_hash_table_contains (before, "sync_state"));

  fx_exec (fx, "UPDATE customers SET phone = '+48 1' WHERE id = '%s'", fx->customer_id);
  after = afs_store_sync_table_hashes (fx->store, &error);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (after, key)) != 0)
      {
        g_assert_cmpstr (key, ==, "customers");
        differing++;
      }
  g_assert_cmpuint (differing, ==, 1);
}

/* A change the office refused for good is listed with what was written
 * and the reason; dismissing it deletes exactly that one (the outbox and
 * the other set-aside changes untouched); a second dismiss says it is
 * gone and deletes nothing. */
static void
test_dismiss_refused (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = fixture_new_case (fx, "Fridge not cooling");
  g_autoptr(GPtrArray) refused = NULL;
  AfsPendingChange *c;
  gint64 seq, outbox;

  fixture_update (fx, case_id, "description", "Too late: reassigned", NULL);
  seq = fx_int (fx, "SELECT MAX (seq) FROM outbox WHERE table_name = 'cases'");
  g_assert_true (afs_store_sync_set_aside (fx->store, seq, "Not your case any more.", &error));
  g_assert_no_error (error);
  seq = fx_int (fx, "SELECT MIN (seq) FROM outbox");
  g_assert_true (afs_store_sync_set_aside (fx->store, seq, "Second refusal.", &error));
  g_assert_no_error (error);
  outbox = fx_int (fx, "SELECT count (*) FROM outbox");

  refused = afs_store_list_refused (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, 2);
  c = NULL;
  for (guint i = 0; i < refused->len; i++)
    if (g_strcmp0 (((AfsPendingChange *) refused->pdata[i])->reason, "Not your case any more.") == 0)
      c = refused->pdata[i];
  g_assert_nonnull (c);
  g_assert_cmpstr (c->table_name, ==, "cases");
  g_assert_nonnull (c->case_number);
  g_assert_nonnull (strstr (c->changes, "Too late: reassigned"));
  g_assert_cmpint (c->refused_at, >, 0);

  g_assert_true (afs_store_dismiss_refused (fx->store, c->refused_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM sync_refused"), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM sync_refused WHERE reason = 'Second refusal.'"), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM outbox"), ==, outbox);

  g_assert_false (afs_store_dismiss_refused (fx->store, c->refused_id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
  g_assert_cmpint (fx_int (fx, "SELECT count (*) FROM sync_refused"), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/store-sync/outbox-hlc", test_outbox_hlc);
  ADD ("/store-sync/ack-only-up-to", test_ack_only_up_to);
  ADD ("/store-sync/pull-page-and-cursor", test_pull_page_and_cursor);
  ADD ("/store-sync/pending-field-kept", test_pending_field_kept);
  ADD ("/store-sync/evict", test_evict);
  ADD ("/store-sync/dismiss-refused", test_dismiss_refused);
  ADD ("/store-sync/conflict-resolve", test_conflict_resolve);
  ADD ("/store-sync/number-blocks", test_number_blocks);
  ADD ("/store-sync/account", test_account);
  ADD ("/store-sync/hashes", test_hashes);
#undef ADD

  return g_test_run ();
}
