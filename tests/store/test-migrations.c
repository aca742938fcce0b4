/* test-migrations.c: a new file gets the latest schema; a file written by
 * every earlier version is backed up, migrated, and keeps its data. */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "afs-db.h"
#include "afs-migrations.h"
#include "afs-search-index.h"
#include "afs-uuid.h"
#include "store-test-util.h"

static gint64
fixed_clock (gpointer user_data)
{
  return TEST_NOW;
}

static void
test_new_file (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "sub", "folder", "cases.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *device = NULL;
  g_autofree char *mode = NULL;
  sqlite3 *db;

  /* The folder is made too. */
  store = afs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (afs_store_get_schema_version (store), ==, afs_store_schema_version_latest ());
  g_assert_cmpint (afs_store_schema_version_latest (), >=, 2);
  g_assert_cmpstr (afs_store_get_path (store), ==, path);
  g_assert_true (afs_uuid_is_valid (afs_store_get_device_id (store)));

  /* A new file is not backed up: there is nothing to lose. */
  backups = afs_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 0);

  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, afs_store_schema_version_latest ());
  g_assert_cmpint (raw_int (db, "PRAGMA application_id"), ==, AFS_APPLICATION_ID);
  mode = raw_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  device = raw_text (db, "SELECT value FROM meta WHERE key = 'device_id'");
  g_assert_cmpstr (device, ==, afs_store_get_device_id (store));
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'case_fts'"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'cases_next_due'"), ==, 1);
  sqlite3_close (db);

  /* Opening again keeps the device id and makes no backup. */
  g_clear_object (&store);
  store = afs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (afs_store_get_device_id (store), ==, device);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = afs_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 0);

  g_clear_object (&store);
  test_dir_free (g_steal_pointer (&dir));
}

/* Writes a file the way AfterSales at schema @version left it, with a
 * customer, equipment, a case and its audit trail, through plain SQL
 * (the store code speaks only the latest schema). */
static void
build_version (const char *path,
               int         version,
               char      **out_case_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = afs_uuid7_new ();
  g_autofree char *equipment = afs_uuid7_new ();
  g_autofree char *case_id = afs_uuid7_new ();
  g_autofree char *audit = afs_uuid7_new ();
  g_autofree char *sql = NULL;
  AfsDb *db;

  db = afs_db_open (path, AFS_DB_READ_WRITE, 5000, &error);
  g_assert_no_error (error);
  g_assert_true (afs_db_exec (db, "PRAGMA journal_mode = WAL", &error));
  afs_db_lock (db);
  g_assert_true (afs_migrations_run_to (db, version, &error));
  g_assert_no_error (error);
  afs_db_unlock (db);

  sql = g_strdup_printf (
    "INSERT INTO customers (id, name, phone, region, tier, created_at, updated_at)"
    " VALUES ('%s', 'Zakład Chłodniczy Łódź', '+48 42 000 00 00', 'province', 'key', 1700000000, 1700000000);"
    "INSERT INTO equipment (id, customer_id, model, serial, purchase_date, created_at, updated_at)"
    " VALUES ('%s', '%s', 'Frost 300', 'QX-778899', '2023-05-01', 1700000000, 1700000000);"
    "INSERT INTO cases (id, number, customer_id, equipment_id, description, reported_at,"
    "                   respond_due, resolve_due, next_due, state, severity, created_at, updated_at)"
    " VALUES ('%s', 'AS-2025-000007', '%s', '%s', 'Lodówka nie chłodzi; 冰箱不制冷',"
    "         1750000000, 1750086400, 1750259200, 1750086400, 'new', 0, 1750000000, 1750000000);"
    "INSERT INTO case_number_seq (year, last) VALUES (2025, 7);"
    "INSERT INTO audit (id, case_id, at, actor_name, kind, new_value)"
    " VALUES ('%s', '%s', 1750000000, 'Olga', 'created', 'AS-2025-000007');",
    customer, equipment, customer, case_id, customer, equipment, audit, case_id);
  g_assert_true (afs_db_exec (db, sql, &error));
  g_assert_no_error (error);

  /* From version 3 on, AfterSales indexed every case it wrote. */
  if (version >= 3)
    {
      afs_db_lock (db);
      g_assert_true (afs_search_index_all (db, &error));
      g_assert_no_error (error);
      afs_db_unlock (db);
    }

  afs_db_close (db);

  *out_case_id = g_steal_pointer (&case_id);
}

static void
assert_finds (AfsStore   *store,
              const char *search,
              guint       expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  AfsCaseFilter filter = { 0, };

  filter.search = search;
  ids = afs_store_query_case_ids (store, &filter, &error);
  g_assert_no_error (error);
  if (ids->len != expected)
    g_error ("search “%s” found %u cases, expected %u", search, ids->len, expected);
}

static void
test_from_version (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autofree char *case_id = NULL;
  g_autofree char *expected_infix = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *backup_name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  AfsCaseData data_case;
  AfsCaseInput input = { 0, };
  sqlite3 *db;

  build_version (path, version, &case_id);

  store = afs_store_open (path, &error);
  g_assert_no_error (error);
  afs_store_set_clock (store, fixed_clock, NULL);
  g_assert_cmpint (afs_store_get_schema_version (store), ==, afs_store_schema_version_latest ());

  /* The data survived. */
  afs_store_get_case (store, case_id, &data_case, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data_case.number, ==, "AS-2025-000007");
  g_assert_cmpstr (data_case.customer_name, ==, "Zakład Chłodniczy Łódź");
  g_assert_cmpstr (data_case.serial, ==, "QX-778899");
  g_assert_cmpint (data_case.region, ==, AFS_REGION_PROVINCE);
  g_assert_cmpint (data_case.state, ==, AFS_CASE_STATE_NEW);

  audit = afs_store_list_audit (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);

  /* The cases of the old file are searchable (the index was built by the
   * migration that created it, or kept). */
  assert_finds (store, "AS-2025-000007", 1);
  assert_finds (store, "7", 1);
  assert_finds (store, "lodowka", 1);
  assert_finds (store, "冰箱", 1);
  assert_finds (store, "778899", 1);
  assert_finds (store, "lodz", 1);

  /* The number sequence survived: the next 2025 case is number 8. */
  input.customer_id = data_case.customer_id;
  input.description = "Second case of 2025";
  input.reported_at = 1751000000;
  afs_store_create_case (store, &input, &new_id, &error);
  g_assert_no_error (error);
  afs_case_data_clear (&data_case);
  afs_store_get_case (store, new_id, &data_case, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data_case.number, ==, "AS-2025-000008");
  afs_case_data_clear (&data_case);

  /* A backup was made before the migration, and it is the old file. */
  backups = afs_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 1);
  backup_name = g_path_get_basename (g_ptr_array_index (backups, 0));
  expected_infix = g_strdup_printf ("cases.db.v%d-", version);
  g_assert_true (g_str_has_prefix (backup_name, expected_infix));
  g_assert_true (g_str_has_suffix (backup_name, ".bak"));

  db = raw_open (g_ptr_array_index (backups, 0));
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, version);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM cases"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM customers"), ==, 1);
  {
    g_autofree char *check = raw_text (db, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok");
  }
  sqlite3_close (db);

  /* Opening the migrated file again makes no second backup. */
  g_clear_object (&store);
  store = afs_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = afs_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 1);

  g_clear_object (&store);
  test_dir_free (g_steal_pointer (&dir));
}

/* A migration that fails leaves the file at its old version, with its
 * data, and the backup in place. */
static void
test_failed_migration (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autofree char *case_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  AfsStore *store;
  sqlite3 *db;

  build_version (path, 1, &case_id);

  /* Something in the way of migration 2: a table with an index's name. */
  db = raw_open (path);
  raw_exec (db, "CREATE TABLE cases_next_due (x)");
  sqlite3_close (db);

  store = afs_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "cases.db") != NULL);

  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM cases"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'cases_reported_at'"), ==, 0);
  sqlite3_close (db);

  backups = afs_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 1);

  test_dir_free (g_steal_pointer (&dir));
}

/* Every enum key the core can produce fits the CHECK lists of the
 * schema: a new enum value without a migration would fail here. */
static void
test_enum_keys_fit_schema (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = afs_store_open (path, &error);
  g_autofree char *sql = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  db = raw_open (path);
  raw_exec (db, "INSERT INTO customers (id, name, created_at, updated_at) VALUES ('c', 'C', 0, 0)");

  for (guint i = 0; i < AFS_CASE_STATE_N; i++)
    raw_execf (db, "INSERT INTO cases (id, number, customer_id, description, reported_at, state,"
                   "                   created_at, updated_at) VALUES ('s%u', 'N-%u', 'c', 'd', 0, '%s', 0, 0)",
               i, i, afs_case_state_to_string (i));
  for (guint i = 0; i < AFS_CHANNEL_N; i++)
    raw_execf (db, "UPDATE cases SET channel = '%s'", afs_channel_to_string (i));
  for (guint i = 0; i < AFS_CATEGORY_N; i++)
    raw_execf (db, "UPDATE cases SET category = '%s'", afs_category_to_string (i));
  for (guint i = 0; i < AFS_SCOPE_N; i++)
    raw_execf (db, "UPDATE cases SET scope = '%s'", afs_scope_to_string (i));
  for (guint i = 0; i < AFS_WARRANTY_N; i++)
    raw_execf (db, "UPDATE cases SET warranty = '%s'", afs_warranty_status_to_string (i));
  for (guint i = 0; i < AFS_CAUSE_N; i++)
    raw_execf (db, "UPDATE cases SET cause = '%s'", afs_cause_to_string (i));
  for (guint i = 0; i < AFS_REGION_N; i++)
    raw_execf (db, "UPDATE customers SET region = '%s'", afs_region_class_to_string (i));
  for (guint i = 0; i < AFS_TIER_N; i++)
    raw_execf (db, "UPDATE customers SET tier = '%s'", afs_customer_tier_to_string (i));
  for (guint i = 0; i < AFS_ROLE_N; i++)
    raw_execf (db, "INSERT INTO staff (id, name, role, created_at, updated_at) VALUES ('r%u', 'R', '%s', 0, 0)",
               i, afs_role_to_string (i));

  /* And the CHECKs do refuse what is not a key. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE cases SET state = 'Closed'", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE cases SET severity = 5", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  /* The audit trail is append-only. */
  raw_exec (db, "INSERT INTO audit (id, case_id, at, kind) VALUES ('a', 's0', 0, 'note')");
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET kind = 'x'", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);

  sqlite3_close (db);
  g_clear_object (&store);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/migrations/new-file", test_new_file);
  for (int v = 1; v < afs_store_schema_version_latest (); v++)
    {
      g_autofree char *name = g_strdup_printf ("/store/migrations/from-version-%d", v);

      g_test_add_data_func (name, GINT_TO_POINTER (v), test_from_version);
    }
  g_test_add_func ("/store/migrations/failed-migration-leaves-file", test_failed_migration);
  g_test_add_func ("/store/migrations/enum-keys-fit-schema", test_enum_keys_fit_schema);

  return g_test_run ();
}
