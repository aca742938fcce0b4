/* test-outbox.c: every write leaves outbox rows with the right table, row,
 * operation and a valid JSON object of old and new values. */

#include "config.h"

#include "afs-error.h"
#include "store-test-util.h"

static gint64
max_seq (Fixture *fx)
{
  return fx_int (fx, "SELECT coalesce (max(seq), 0) FROM outbox");
}

/* The outbox rows after @seq, as "table:op" lines. */
static char *
ops_since (Fixture *fx,
           gint64   seq)
{
  return fx_text (fx, "SELECT group_concat(table_name || ':' || op, ' ') FROM "
                      "(SELECT table_name, op FROM outbox WHERE seq > %" G_GINT64_FORMAT " ORDER BY seq)",
                  seq);
}

static char *
change_of (Fixture    *fx,
           gint64      seq_after,
           const char *table,
           const char *path)
{
  return fx_text (fx, "SELECT json_extract (changes, '%s') FROM outbox"
                      " WHERE seq > %" G_GINT64_FORMAT " AND table_name = '%s' ORDER BY seq LIMIT 1",
                  path, seq_after, table);
}

/* Every outbox "insert" row after @seq lists exactly the columns its row
 * was stored with, with the values stored: what sync sends is what the
 * file holds, for every table a write inserts into. */
static void
assert_inserts_match_rows (Fixture *fx,
                           gint64   seq)
{
  g_autofree char *list = fx_text (fx, "SELECT group_concat(seq, ' ') FROM outbox"
                                       " WHERE seq > %" G_GINT64_FORMAT " AND op = 'insert'", seq);
  g_auto(GStrv) seqs = NULL;

  g_assert_nonnull (list);
  seqs = g_strsplit (list, " ", -1);
  for (guint i = 0; seqs[i] != NULL; i++)
    {
      g_autofree char *table = fx_text (fx, "SELECT table_name FROM outbox WHERE seq = %s", seqs[i]);
      g_autofree char *columns = fx_text (fx, "SELECT group_concat(name, ' ') FROM pragma_table_info ('%s')",
                                          table);
      g_auto(GStrv) names = g_strsplit (columns, " ", -1);

      /* Nothing synced that the table does not have. */
      g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM json_each ((SELECT changes FROM outbox WHERE seq = %s))"
                                   " WHERE key NOT IN (SELECT name FROM pragma_table_info ('%s'))",
                               seqs[i], table), ==, 0);

      for (guint k = 0; names[k] != NULL; k++)
        {
          gboolean listed, stored_null;

          if (g_str_equal (names[k], "id") || g_str_equal (names[k], "local_id"))
            continue;

          listed = fx_int (fx, "SELECT json_type (changes, '$.%s') IS NOT NULL FROM outbox WHERE seq = %s",
                           names[k], seqs[i]);
          stored_null = fx_int (fx, "SELECT t.%s IS NULL FROM %s t, outbox o"
                                    " WHERE o.seq = %s AND t.id = o.row_id",
                                names[k], table, seqs[i]);
          if (!listed)
            {
              /* Nothing stored that is not synced. */
              if (!stored_null)
                g_error ("%s.%s is stored but not in its outbox row %s", table, names[k], seqs[i]);
              continue;
            }
          if (fx_int (fx, "SELECT t.%s IS json_extract (o.changes, '$.%s.new') FROM %s t, outbox o"
                          " WHERE o.seq = %s AND t.id = o.row_id",
                      names[k], names[k], table, seqs[i]) != 1)
            g_error ("%s.%s is stored with another value than its outbox row %s says", table, names[k], seqs[i]);
          {
            g_autofree char *old_type = fx_text (fx, "SELECT json_type (changes, '$.%s.old') FROM outbox"
                                                     " WHERE seq = %s", names[k], seqs[i]);
            g_assert_cmpstr (old_type, ==, "null");
          }
        }
    }
}

static void
test_every_row_valid (Fixture *fx, gconstpointer data)
{
  g_autofree char *id = fixture_new_case (fx, "valid");
  g_autofree char *device = NULL;

  fixture_update (fx, id, "severity", "2", NULL);

  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), >, 5);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox WHERE NOT json_valid (changes)"), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox WHERE json_type (changes) <> 'object'"), ==, 0);
  device = fx_text (fx, "SELECT group_concat(DISTINCT device_id) FROM outbox");
  g_assert_cmpstr (device, ==, afs_store_get_device_id (fx->store));
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox WHERE created_at <> %" G_GINT64_FORMAT, TEST_NOW), ==, 0);
  /* Numbered in order, no gaps. */
  g_assert_cmpint (fx_int (fx, "SELECT max(seq) - min(seq) + 1 = count(*) FROM outbox"), ==, 1);
  g_assert_cmpint (afs_store_count_outbox (fx->store, NULL), ==, fx_int (fx, "SELECT count(*) FROM outbox"));
}

static void
test_people (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ops = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *value = NULL;
  AfsCustomerData c = { 0, };
  gint64 seq = max_seq (fx);

  c.name = (char *) "Café \"Ñandú\" \\ 北京";
  c.region = AFS_REGION_OUTSIDE;
  afs_store_add_customer (fx->store, &c, &customer, &error);
  g_assert_no_error (error);

  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "customers:insert");
  value = fx_text (fx, "SELECT row_id FROM outbox WHERE seq = %" G_GINT64_FORMAT, seq + 1);
  g_assert_cmpstr (value, ==, customer);
  g_clear_pointer (&value, g_free);
  value = change_of (fx, seq, "customers", "$.name.new");
  g_assert_cmpstr (value, ==, "Café \"Ñandú\" \\ 北京");
  g_clear_pointer (&value, g_free);
  value = change_of (fx, seq, "customers", "$.region.new");
  g_assert_cmpstr (value, ==, "outside");
  g_clear_pointer (&value, g_free);
  g_assert_cmpint (fx_int (fx, "SELECT json_type (changes, '$.name.old') = 'null' FROM outbox WHERE seq = %" G_GINT64_FORMAT, seq + 1), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT json_extract (changes, '$.version.new') FROM outbox WHERE seq = %" G_GINT64_FORMAT, seq + 1), ==, 1);

  /* A rename: old and new. */
  seq = max_seq (fx);
  {
    const char *fields[] = { "name", NULL };
    const char *values[] = { "Café Nuevo", NULL };

    g_assert_true (afs_store_update_customer (fx->store, customer, 1, fields, values, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&ops, g_free);
  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "customers:update");
  value = change_of (fx, seq, "customers", "$.name.old");
  g_assert_cmpstr (value, ==, "Café \"Ñandú\" \\ 北京");
  g_clear_pointer (&value, g_free);
  value = change_of (fx, seq, "customers", "$.name.new");
  g_assert_cmpstr (value, ==, "Café Nuevo");
  g_clear_pointer (&value, g_free);
  g_assert_cmpint (fx_int (fx, "SELECT json_extract (changes, '$.version.new') FROM outbox WHERE seq = %" G_GINT64_FORMAT, seq + 1), ==, 2);
  /* Only what changed is listed. */
  g_assert_cmpint (fx_int (fx, "SELECT json_type (changes, '$.phone') IS NULL FROM outbox WHERE seq = %" G_GINT64_FORMAT, seq + 1), ==, 1);
}

static void
test_case_writes (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *ops = NULL;
  g_autofree char *value = NULL;
  const char *tricky = "Quote \" backslash \\ newline\n tab\t control \x01 bell \x07 中文 ąę 🙂";
  gint64 seq = max_seq (fx);

  /* The fixture's customers, equipment and staff. */
  assert_inserts_match_rows (fx, 0);

  /* Intake: the case, its audit event. */
  id = fixture_new_case (fx, tricky);
  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "audit:insert cases:insert");
  assert_inserts_match_rows (fx, seq);
  value = change_of (fx, seq, "cases", "$.description.new");
  g_assert_cmpstr (value, ==, tricky);
  g_clear_pointer (&value, g_free);
  value = change_of (fx, seq, "cases", "$.number.new");
  g_assert_cmpstr (value, ==, "AS-2026-000001");
  g_clear_pointer (&value, g_free);
  value = change_of (fx, seq, "cases", "$.state.new");
  g_assert_cmpstr (value, ==, "new");
  g_clear_pointer (&value, g_free);
  g_assert_cmpint (fx_int (fx, "SELECT json_extract (changes, '$.reported_at.new') FROM outbox"
                               " WHERE table_name = 'cases' AND seq > %" G_GINT64_FORMAT, seq), ==, TEST_NOW);
  value = change_of (fx, seq, "audit", "$.kind.new");
  g_assert_cmpstr (value, ==, "created");
  g_clear_pointer (&value, g_free);

  /* An edit: the fields, the deadlines it moved, the version. */
  seq = max_seq (fx);
  fixture_update (fx, id, "severity", "1", "estimated_cost", "99.95", NULL);
  g_clear_pointer (&ops, g_free);
  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "audit:insert audit:insert cases:update");
  g_assert_cmpint (fx_int (fx, "SELECT json_extract (changes, '$.severity.old') FROM outbox"
                               " WHERE table_name = 'cases' AND seq > %" G_GINT64_FORMAT, seq), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT json_extract (changes, '$.severity.new') FROM outbox"
                               " WHERE table_name = 'cases' AND seq > %" G_GINT64_FORMAT, seq), ==, 1);
  value = fx_text (fx, "SELECT json_extract (changes, '$.estimated_cost.new') FROM outbox"
                       " WHERE table_name = 'cases' AND seq > %" G_GINT64_FORMAT, seq);
  g_assert_cmpstr (value, ==, "99.95");
  g_clear_pointer (&value, g_free);
  g_assert_cmpint (fx_int (fx, "SELECT json_extract (changes, '$.respond_due.new') FROM outbox"
                               " WHERE table_name = 'cases' AND seq > %" G_GINT64_FORMAT, seq), ==, TEST_NOW + 4 * 3600);
  g_assert_cmpint (fx_int (fx, "SELECT json_extract (changes, '$.version.old') * 10 + json_extract (changes, '$.version.new')"
                               " FROM outbox WHERE table_name = 'cases' AND seq > %" G_GINT64_FORMAT, seq), ==, 12);

  /* Triage, assignment, dispatch. */
  fixture_update (fx, id, "severity", "2", "estimated_cost", "0", "scope", "in", "warranty", "out",
                  "cause", "other", NULL);
  seq = max_seq (fx);
  fixture_act (fx, id, AFS_ACTION_TRIAGE, NULL);
  g_clear_pointer (&ops, g_free);
  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "audit:insert cases:update");
  value = change_of (fx, seq, "cases", "$.state.old");
  g_assert_cmpstr (value, ==, "new");
  g_clear_pointer (&value, g_free);
  value = change_of (fx, seq, "cases", "$.state.new");
  g_assert_cmpstr (value, ==, "triaged");
  g_clear_pointer (&value, g_free);
  g_assert_cmpint (fx_int (fx, "SELECT json_extract (changes, '$.responded_at.new') FROM outbox"
                               " WHERE table_name = 'cases' AND seq > %" G_GINT64_FORMAT, seq), ==, TEST_NOW);

  seq = max_seq (fx);
  g_assert_true (afs_store_assign_technician (fx->store, id, fx->tech_id, TRUE, &error));
  assert_inserts_match_rows (fx, seq);
  g_assert_true (afs_store_assign_technician (fx->store, id, fx->tech2_id, TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&ops, g_free);
  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "assignments:insert audit:insert assignments:update assignments:insert audit:insert");
  g_assert_cmpint (fx_int (fx, "SELECT json_extract (changes, '$.lead.new') FROM outbox"
                               " WHERE table_name = 'assignments' AND op = 'update' AND seq > %" G_GINT64_FORMAT, seq), ==, 0);

  fixture_act (fx, id, AFS_ACTION_DISPATCH, NULL);
  fixture_act_as (fx, fx->tech2_id, AFS_ROLE_TECHNICIAN);
  seq = max_seq (fx);
  fixture_act (fx, id, AFS_ACTION_ARRIVE, NULL);
  g_clear_pointer (&ops, g_free);
  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "visits:insert audit:insert cases:update");
  assert_inserts_match_rows (fx, seq);
  value = change_of (fx, seq, "visits", "$.staff_id.new");
  g_assert_cmpstr (value, ==, fx->tech2_id);
  g_clear_pointer (&value, g_free);

  /* The report and its signature. */
  {
    AfsReportData report = { 0, };

    report.case_id = id;
    report.diagnosis = (char *) "Relé quemado";
    report.signer_name = (char *) "Ana";
    report.signed_at = 1;
    report.accepted = TRUE;
    seq = max_seq (fx);
    g_assert_true (afs_store_save_report (fx->store, &report, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&ops, g_free);
  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "reports:insert audit:insert");
  assert_inserts_match_rows (fx, seq);
  value = change_of (fx, seq, "reports", "$.diagnosis.new");
  g_assert_cmpstr (value, ==, "Relé quemado");
  g_clear_pointer (&value, g_free);
  g_assert_cmpint (fx_int (fx, "SELECT json_extract (changes, '$.accepted.new') FROM outbox"
                               " WHERE table_name = 'reports' AND seq > %" G_GINT64_FORMAT, seq), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT length (json_extract (changes, '$.content_hash.new')) FROM outbox"
                               " WHERE table_name = 'reports' AND seq > %" G_GINT64_FORMAT, seq), ==, 64);

  seq = max_seq (fx);
  fixture_act (fx, id, AFS_ACTION_RESOLVE, NULL);
  g_clear_pointer (&ops, g_free);
  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "visits:update audit:insert cases:update");

  /* The follow-up. */
  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
  {
    AfsFollowUpData fu = { 0, };

    fu.case_id = id;
    fu.satisfaction = 4;
    fu.note = (char *) "ok";
    seq = max_seq (fx);
    g_assert_true (afs_store_add_follow_up (fx->store, &fu, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&ops, g_free);
  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "follow_ups:insert audit:insert");
  assert_inserts_match_rows (fx, seq);
  g_assert_cmpint (fx_int (fx, "SELECT json_extract (changes, '$.satisfaction.new') FROM outbox"
                               " WHERE table_name = 'follow_ups' AND seq > %" G_GINT64_FORMAT, seq), ==, 4);

  /* Each outbox row names a row that exists in its table. */
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox o WHERE o.table_name = 'cases'"
                               " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = o.row_id)"), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox o WHERE o.table_name = 'audit'"
                               " AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.id = o.row_id)"), ==, 0);
}

static void
test_approval_rows (Fixture *fx, gconstpointer data)
{
  g_autofree char *id = fixture_new_case (fx, "approval rows");
  g_autofree char *ops = NULL;
  g_autofree char *value = NULL;
  gint64 seq;

  fixture_update (fx, id, "severity", "1", "scope", "in", "warranty", "in", "cause", "other", NULL);
  fixture_act (fx, id, AFS_ACTION_TRIAGE, NULL);
  seq = max_seq (fx);
  fixture_act (fx, id, AFS_ACTION_REQUEST_APPROVAL, NULL);
  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "approvals:insert audit:insert cases:update");
  assert_inserts_match_rows (fx, seq);
  value = change_of (fx, seq, "approvals", "$.reasons.new");
  g_assert_cmpstr (value, ==, "level_1");
  g_clear_pointer (&value, g_free);

  fixture_act_as (fx, fx->manager_id, AFS_ROLE_MANAGER);
  seq = max_seq (fx);
  fixture_act (fx, id, AFS_ACTION_APPROVE, "Go ahead");
  g_clear_pointer (&ops, g_free);
  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "approvals:update audit:insert cases:update");
  value = change_of (fx, seq, "approvals", "$.decision.new");
  g_assert_cmpstr (value, ==, "approved");
  g_clear_pointer (&value, g_free);
  value = change_of (fx, seq, "approvals", "$.comment.new");
  g_assert_cmpstr (value, ==, "Go ahead");
  g_clear_pointer (&value, g_free);

  /* The plan changes: the approval goes stale, in the same outbox batch. */
  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
  seq = max_seq (fx);
  fixture_update (fx, id, "compensation", "800", NULL);
  g_clear_pointer (&ops, g_free);
  ops = ops_since (fx, seq);
  g_assert_cmpstr (ops, ==, "approvals:update audit:insert audit:insert audit:insert cases:update");
  g_assert_cmpint (fx_int (fx, "SELECT json_extract (changes, '$.stale.new') FROM outbox"
                               " WHERE table_name = 'approvals' AND seq > %" G_GINT64_FORMAT, seq), ==, 1);
  value = change_of (fx, seq, "cases", "$.state.new");
  g_assert_cmpstr (value, ==, "triaged");
}

static void
test_disabled (Fixture *fx, gconstpointer data)
{
  gint64 before = fx_int (fx, "SELECT count(*) FROM outbox");
  g_autofree char *id = NULL;

  g_assert_true (afs_store_get_outbox_enabled (fx->store));
  afs_store_set_outbox_enabled (fx->store, FALSE);
  g_assert_false (afs_store_get_outbox_enabled (fx->store));

  id = fixture_new_case (fx, "already synced");
  fixture_update (fx, id, "severity", "3", NULL);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, before);
  /* The audit trail is still written: it is history, not sync. */
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit WHERE case_id = '%s'", id), ==, 2);

  afs_store_set_outbox_enabled (fx->store, TRUE);
  fixture_update (fx, id, "severity", "2", NULL);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, before + 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/outbox/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("every-row-valid", test_every_row_valid);
  ADD ("people", test_people);
  ADD ("case-writes", test_case_writes);
  ADD ("approval-rows", test_approval_rows);
  ADD ("disabled", test_disabled);

  return g_test_run ();
}
