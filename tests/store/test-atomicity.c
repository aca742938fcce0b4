/* test-atomicity.c: a write that fails half-way leaves nothing behind; a
 * refused action writes nothing; batches commit or roll back as a whole,
 * and one failed call inside a batch is undone alone. */

#include "config.h"

#include <string.h>

#include "afs-error.h"
#include "store-test-util.h"

/* Every row of every table (the FTS shadow tables included), as text:
 * two equal dumps mean nothing was written. */
static char *
dump_database (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = raw_open (path);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite_%' AND name <> 'case_fts' ORDER BY name",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"",
                                              (char *) g_ptr_array_index (tables, i));

      g_string_append_printf (out, "== %s\n", (char *) g_ptr_array_index (tables, i));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              if (sqlite3_column_type (stmt, c) == SQLITE_BLOB)
                g_string_append_printf (out, "<blob %d>|", sqlite3_column_bytes (stmt, c));
              else
                g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
install_failing_trigger (Fixture    *fx,
                         const char *table,
                         const char *when)
{
  fx_exec (fx, "CREATE TRIGGER fail_here BEFORE INSERT ON %s %s "
               "BEGIN SELECT RAISE (ABORT, 'injected failure'); END;",
           table, when != NULL ? when : "");
}

static void
remove_failing_trigger (Fixture *fx)
{
  fx_exec (fx, "DROP TRIGGER fail_here");
}

/* The audit insert comes after the number, the case row and its index
 * row: when it fails, all of them must go. */
static void
test_create_fails_late (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *first = fixture_new_case (fx, "first");
  g_autofree char *second = NULL;
  g_autofree char *number = NULL;
  AfsCaseInput input = { 0, };
  char *id = NULL;
  gint64 fts_before;

  install_failing_trigger (fx, "audit", NULL);
  before = dump_database (fx->path);
  fts_before = fx_int (fx, "SELECT count(*) FROM case_fts");

  input.customer_id = fx->customer_id;
  input.description = "this one fails";
  g_assert_false (afs_store_create_case (fx->store, &input, &id, &error));
  g_assert_null (id);
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "injected failure") != NULL);
  g_clear_error (&error);

  after = dump_database (fx->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM case_fts"), ==, fts_before);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM case_fts WHERE case_fts MATCH 'fails'"), ==, 0);

  /* The number was not consumed. */
  remove_failing_trigger (fx);
  second = fixture_new_case (fx, "second");
  number = fx_text (fx, "SELECT number FROM cases WHERE id = '%s'", second);
  g_assert_cmpstr (number, ==, "AS-2026-000002");
}

/* A CHECK violation on the second statement: the outbox row of an
 * update is refused. */
static void
test_update_fails_late (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = fixture_new_case (fx, "original text");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *fields[] = { "description", "severity", NULL };
  const char *values[] = { "new text", "2", NULL };

  install_failing_trigger (fx, "outbox", "WHEN NEW.table_name = 'cases'");
  before = dump_database (fx->path);

  g_assert_false (afs_store_update_case (fx->store, id, 0, fields, values, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = dump_database (fx->path);
  g_assert_cmpstr (before, ==, after);
  /* The search index still has the old text only. */
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM case_fts WHERE case_fts MATCH 'original'"), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM case_fts WHERE case_fts MATCH 'new'"), ==, 0);
}

static void
test_action_fails_late (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = fixture_new_case (fx, "action");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fixture_update (fx, id, "scope", "in", "warranty", "in", "severity", "2", "cause", "other", NULL);
  install_failing_trigger (fx, "audit", "WHEN NEW.kind = 'transition'");
  before = dump_database (fx->path);

  g_assert_false (afs_store_apply_action (fx->store, id, AFS_ACTION_TRIAGE, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = dump_database (fx->path);
  g_assert_cmpstr (before, ==, after);
}

/* Refused by the rules: nothing at all is written. */
static void
test_refused_action_writes_nothing (Fixture *fx, gconstpointer data)
{
  g_autofree char *id = fixture_new_case (fx, "refused");
  g_autofree char *before = dump_database (fx->path);
  AfsAction actions[] = {
    AFS_ACTION_TRIAGE,            /* data missing */
    AFS_ACTION_DISPATCH,          /* wrong state */
    AFS_ACTION_CLOSE,
    AFS_ACTION_CANCEL,            /* no reason */
    AFS_ACTION_MARK_OUT_OF_SCOPE, /* no reason */
    AFS_ACTION_APPROVE,
    AFS_ACTION_REOPEN,
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_false (afs_store_apply_action (fx->store, id, actions[i], NULL, &error));
      g_assert_nonnull (error);
      after = dump_database (fx->path);
      g_assert_cmpstr (before, ==, after);
    }

  /* A technician refused triage with everything in place. */
  fixture_update (fx, id, "scope", "in", "warranty", "in", "severity", "2", "cause", "other", NULL);
  g_free (before);
  before = dump_database (fx->path);
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *after = NULL;

    g_assert_false (afs_store_apply_action (fx->store, id, AFS_ACTION_TRIAGE, NULL, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
    after = dump_database (fx->path);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_batch_commit_and_rollback (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_database (fx->path);
  g_autofree char *after = NULL;
  g_autofree char *inside = NULL;
  AfsCaseData c;

  /* Rolled back: as if nothing happened, numbers included. */
  g_assert_true (afs_store_begin_batch (fx->store, &error));
  for (int i = 0; i < 10; i++)
    g_free (fixture_new_case (fx, "batch to undo"));
  /* Inside the batch its own writes are visible to it. */
  inside = fixture_new_case (fx, "visible inside");
  g_assert_true (afs_store_get_case (fx->store, inside, &c, &error));
  g_assert_no_error (error);
  afs_case_data_clear (&c);
  g_assert_true (afs_store_end_batch (fx->store, FALSE, &error));
  g_assert_no_error (error);

  after = dump_database (fx->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (afs_store_get_case (fx->store, inside, &c, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nested batches: the outer one decides. */
  g_assert_true (afs_store_begin_batch (fx->store, &error));
  g_assert_true (afs_store_begin_batch (fx->store, &error));
  g_free (fixture_new_case (fx, "nested"));
  g_assert_true (afs_store_end_batch (fx->store, TRUE, &error));
  g_free (fixture_new_case (fx, "outer"));
  g_assert_true (afs_store_end_batch (fx->store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM cases"), ==, 2);
  {
    g_autofree char *max = fx_text (fx, "SELECT max(number) FROM cases");
    g_assert_cmpstr (max, ==, "AS-2026-000002");
  }
}

/* A call that fails inside a batch is undone alone; the batch goes on. */
static void
test_batch_partial_failure (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AfsCaseInput input = { 0, };
  char *id = NULL;

  /* Fails after the number was taken: the case row is refused. (No
   * schema change can be made while the batch holds the write lock.) */
  install_failing_trigger (fx, "cases", "WHEN NEW.description = 'fails late'");

  g_assert_true (afs_store_begin_batch (fx->store, &error));
  g_free (fixture_new_case (fx, "one"));

  input.customer_id = fx->customer_id;
  input.description = "";
  g_assert_false (afs_store_create_case (fx->store, &input, &id, &error));
  g_clear_error (&error);

  input.description = "fails late";
  g_assert_false (afs_store_create_case (fx->store, &input, &id, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_free (fixture_new_case (fx, "three"));
  g_assert_true (afs_store_end_batch (fx->store, TRUE, &error));
  g_assert_no_error (error);
  remove_failing_trigger (fx);

  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM cases"), ==, 2);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit"), ==, 2);
  {
    g_autofree char *numbers = fx_text (fx, "SELECT group_concat(number, ',') FROM (SELECT number FROM cases ORDER BY number)");
    g_assert_cmpstr (numbers, ==, "AS-2026-000001,AS-2026-000002");
  }
}

typedef struct {
  Fixture *fx;
  char    *case_id;
  gboolean found;
} ReaderData;

static gpointer
read_in_thread (gpointer user_data)
{
  ReaderData *rd = user_data;
  g_autoptr(GError) error = NULL;
  AfsCaseData c;

  rd->found = afs_store_get_case (rd->fx->store, rd->case_id, &c, &error);
  if (rd->found)
    afs_case_data_clear (&c);

  return NULL;
}

/* Another thread reads while a batch is open: it is not blocked, and it
 * sees the data as it was before the batch. */
static void
test_batch_isolation (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ReaderData rd = { fx, NULL, TRUE };
  GThread *thread;

  g_assert_true (afs_store_begin_batch (fx->store, &error));
  rd.case_id = fixture_new_case (fx, "uncommitted");
  thread = g_thread_new ("reader", read_in_thread, &rd);
  g_thread_join (thread);
  g_assert_false (rd.found);
  g_assert_true (afs_store_end_batch (fx->store, TRUE, &error));

  thread = g_thread_new ("reader", read_in_thread, &rd);
  g_thread_join (thread);
  g_assert_true (rd.found);
  g_free (rd.case_id);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/atomicity/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("create-fails-late", test_create_fails_late);
  ADD ("update-fails-late", test_update_fails_late);
  ADD ("action-fails-late", test_action_fails_late);
  ADD ("refused-action-writes-nothing", test_refused_action_writes_nothing);
  ADD ("batch-commit-and-rollback", test_batch_commit_and_rollback);
  ADD ("batch-partial-failure", test_batch_partial_failure);
  ADD ("batch-isolation", test_batch_isolation);

  return g_test_run ();
}
