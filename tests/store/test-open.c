/* test-open.c: files that cannot be opened are refused with the right
 * error and never changed; backups can be listed and restored. */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "afs-error.h"
#include "store-test-util.h"

static void
assert_no_side_files (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_error ("%s was created next to a file that failed to open", side);
    }
}

/* Opens @path, expects @code, and checks that the file is byte for byte
 * what it was and that nothing was created next to it. */
static void
assert_refused (const char *path,
                int         code,
                const char *message_part)
{
  g_autoptr(GBytes) before = read_file_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  AfsStore *store;

  store = afs_store_open_full (path, 200, &error);
  g_assert_null (store);
  g_assert_error (error, AFS_ERROR, code);
  /* The message names the file. */
  g_assert_true (strstr (error->message, path) != NULL);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("“%s” not in the message: %s", message_part, error->message);
  g_test_message ("%s", error->message);

  after = read_file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  assert_no_side_files (path);
}

/* A real case file of a few hundred cases, closed cleanly. */
static void
make_real_database (const char *path,
                    guint       n_cases)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = afs_store_open (path, &error);
  AfsCustomerData customer = { 0, };
  g_autofree char *customer_id = NULL;

  g_assert_no_error (error);
  customer.name = (char *) "Hotel Lodówka";
  afs_store_add_customer (store, &customer, &customer_id, &error);
  g_assert_no_error (error);

  afs_store_begin_batch (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *description = g_strdup_printf ("Case %u: the fridge makes a noise, 冰箱有噪音 %u", i, i * 7);
      AfsCaseInput input = { 0, };

      input.customer_id = customer_id;
      input.description = description;
      afs_store_create_case (store, &input, NULL, &error);
      g_assert_no_error (error);
    }
  afs_store_end_batch (store, TRUE, &error);
  g_assert_no_error (error);

  g_clear_object (&store);
  assert_no_side_files (path);
}

static void
test_random_bytes (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "random.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, (const char *) bytes, sizeof bytes, &error);
  g_assert_no_error (error);

  assert_refused (path, AFS_ERROR_CORRUPT, NULL);

  /* A text file, too. */
  g_file_set_contents (path, "name,phone\nAnna,123\n", -1, &error);
  g_assert_no_error (error);
  assert_refused (path, AFS_ERROR_CORRUPT, NULL);

  test_dir_free (g_steal_pointer (&dir));
}

static void
test_truncated (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "truncated.db", NULL);
  GStatBuf st;

  make_real_database (path, 400);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size / 2), ==, 0);

  assert_refused (path, AFS_ERROR_CORRUPT, "Restore a backup");

  /* Cut inside the header page, too. */
  g_assert_cmpint (truncate (path, 60), ==, 0);
  assert_refused (path, AFS_ERROR_CORRUPT, NULL);

  test_dir_free (g_steal_pointer (&dir));
}

static void
test_damaged_page (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *db;
  gint64 page_size;

  make_real_database (path, 400);

  /* The file is a valid database before the damage. */
  db = raw_open (path);
  page_size = raw_int (db, "PRAGMA page_size");
  {
    g_autofree char *check = raw_text (db, "PRAGMA quick_check");
    g_assert_cmpstr (check, ==, "ok");
  }
  sqlite3_close (db);

  /* Scribble over the start of a few pages in the middle, where b-tree
   * page headers are, leaving the file header intact. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 10 * page_size);
  for (gsize page = 4; page < 8; page++)
    memset (contents + page * page_size, 0x5a, 48);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  assert_refused (path, AFS_ERROR_CORRUPT, NULL);

  test_dir_free (g_steal_pointer (&dir));
}

static void
test_foreign_database (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "other.sqlite", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  raw_exec (db, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');");
  sqlite3_close (db);

  assert_refused (path, AFS_ERROR_CORRUPT, "another program");

  test_dir_free (g_steal_pointer (&dir));
}

static void
test_too_new (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  g_autofree char *expected = NULL;
  sqlite3 *db;

  make_real_database (path, 3);
  db = raw_open (path);
  raw_exec (db, "PRAGMA user_version = 9");
  sqlite3_close (db);
  assert_no_side_files (path);

  expected = g_strdup_printf ("was written by a newer version of AfterSales (schema 9, this version knows %d). "
                              "Open it with a newer AfterSales, or open another file.",
                              afs_store_schema_version_latest ());
  assert_refused (path, AFS_ERROR_TOO_NEW, expected);

  test_dir_free (g_steal_pointer (&dir));
}

static void
test_unreadable (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *file = g_build_filename (dir, "plain-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "cases.db", NULL);
  g_autofree char *locked_out = g_build_filename (dir, "no-access.db", NULL);
  g_autoptr(GError) error = NULL;
  AfsStore *store;

  /* A folder is not a case file. */
  store = afs_store_open (dir, &error);
  g_assert_null (store);
  g_assert_error (error, AFS_ERROR, AFS_ERROR_IO);
  g_clear_error (&error);

  /* A path whose folder cannot exist. */
  g_file_set_contents (file, "x", 1, &error);
  g_assert_no_error (error);
  store = afs_store_open (under_file, &error);
  g_assert_null (store);
  g_assert_error (error, AFS_ERROR, AFS_ERROR_IO);
  g_assert_true (strstr (error->message, "plain-file") != NULL);
  g_clear_error (&error);

  /* A file we may not read (meaningless as root, who may read anything). */
  if (geteuid () != 0)
    {
      make_real_database (locked_out, 1);
      g_assert_cmpint (g_chmod (locked_out, 0), ==, 0);
      store = afs_store_open (locked_out, &error);
      g_assert_null (store);
      g_assert_error (error, AFS_ERROR, AFS_ERROR_IO);
      g_clear_error (&error);
      g_chmod (locked_out, 0600);
      assert_no_side_files (locked_out);
    }

  /* No name at all. */
  store = afs_store_open ("", &error);
  g_assert_null (store);
  g_assert_error (error, AFS_ERROR, AFS_ERROR_IO);

  test_dir_free (g_steal_pointer (&dir));
}

static void
test_busy (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "busy.db", NULL);
  g_autoptr(GError) error = NULL;
  AfsStore *store;
  sqlite3 *db;

  make_real_database (path, 2);

  /* Another program holds the file exclusively. */
  db = raw_open (path);
  raw_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; "
                "UPDATE customers SET phone = '1';");

  store = afs_store_open_full (path, 100, &error);
  g_assert_null (store);
  g_assert_error (error, AFS_ERROR, AFS_ERROR_BUSY);
  g_assert_true (strstr (error->message, path) != NULL);
  g_clear_error (&error);

  raw_exec (db, "ROLLBACK");
  sqlite3_close (db);

  /* Once it lets go, the file opens and nothing was lost. */
  store = afs_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM cases"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM customers WHERE phone IS NULL"), ==, 1);
  sqlite3_close (db);

  test_dir_free (g_steal_pointer (&dir));
}

/* Big files that were closed cleanly get a structural check instead of
 * reading every page; it still refuses cut and damaged files. */
static void
test_structural_check (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "big.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  AfsStore *store;
  GStatBuf st;

  make_real_database (path, 300);
  afs_store_set_full_check_max_bytes (0);

  /* A sound file opens. */
  store = afs_store_open (path, &error);
  g_assert_no_error (error);
  g_object_unref (store);
  assert_no_side_files (path);

  /* Damage in the root page of the meta table (page 2) is found. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  {
    g_autofree char *damaged = g_memdup2 (contents, length);

    memset (damaged + 4096, 0x5a, 64);
    g_file_set_contents (path, damaged, length, &error);
    g_assert_no_error (error);
  }
  assert_refused (path, AFS_ERROR_CORRUPT, NULL);

  /* A cut file is found from its header alone. */
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, st.st_size - 4096 * 3), ==, 0);
  assert_refused (path, AFS_ERROR_CORRUPT, "cut off");

  afs_store_set_full_check_max_bytes (-1);
  test_dir_free (g_steal_pointer (&dir));
}

/* Two AfterSales windows on one file: WAL lets the second read and write
 * (waiting for the lock), so this is not BUSY. */
static void
test_two_stores (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "shared.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) first = NULL;
  g_autoptr(AfsStore) second = NULL;
  AfsCustomerData customer = { 0, };

  first = afs_store_open (path, &error);
  g_assert_no_error (error);
  second = afs_store_open (path, &error);
  g_assert_no_error (error);

  customer.name = (char *) "Shared";
  afs_store_add_customer (first, &customer, NULL, &error);
  g_assert_no_error (error);
  afs_store_add_customer (second, &customer, NULL, &error);
  g_assert_no_error (error);

  g_clear_object (&first);
  g_clear_object (&second);
  test_dir_free (g_steal_pointer (&dir));
}

static void
test_list_backups_order (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  const char *names[] = {
    "cases.db.v1-20250101-120000.bak",
    "cases.db.v2-20260301-080000.bak",
    "cases.db.v2-20260301-080000-2.bak",
    "cases.db.v1-20251231-235959.bak",
    "cases.db.v1-2025.bak",              /* not ours: ignored */
    "other.db.v1-20260301-080000.bak",   /* another file's */
    "cases.db.damaged-20260301-080000",
  };
  const char *expected[] = {
    "cases.db.v2-20260301-080000-2.bak",
    "cases.db.v2-20260301-080000.bak",
    "cases.db.v1-20251231-235959.bak",
    "cases.db.v1-20250101-120000.bak",
  };
  g_autoptr(GPtrArray) backups = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *p = g_build_filename (dir, names[i], NULL);

      g_assert_true (g_file_set_contents (p, "", 0, NULL));
    }

  backups = afs_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *p = g_build_filename (dir, expected[i], NULL);

      g_assert_cmpstr (g_ptr_array_index (backups, i), ==, p);
    }

  test_dir_free (g_steal_pointer (&dir));
}

/* Finds "<path>.damaged-*" and returns its path. */
static char *
find_damaged (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  char *found = NULL;

  while ((name = g_dir_read_name (d)) != NULL)
    if (strstr (name, ".damaged-") != NULL && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      {
        g_assert_null (found);
        found = g_build_filename (dir, name, NULL);
      }

  return found;
}

static void
test_restore_backup (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *damaged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) damaged_bytes = NULL;
  g_autoptr(GBytes) kept_bytes = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *contents = NULL;
  AfsStore *store;
  gsize length;
  sqlite3 *db;

  make_real_database (path, 50);

  /* A backup (a copy, as a migration would make: .v<k>-<stamp>.bak). */
  backup = g_build_filename (dir, "cases.db.v3-20260301-080000.bak", NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (backup, contents, length, &error);
  g_assert_no_error (error);

  /* Then the file is damaged. */
  memset (contents + 4096 * 3, 0x5a, 4096 * 3);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  damaged_bytes = read_file_bytes (path);
  store = afs_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, AFS_ERROR, AFS_ERROR_CORRUPT);
  g_clear_error (&error);

  backups = afs_store_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (backups, 0), ==, backup);

  /* A damaged backup is refused and nothing changes. */
  {
    g_autofree char *bad = g_build_filename (dir, "cases.db.v3-20260302-080000.bak", NULL);
    g_autoptr(GBytes) now_bytes = NULL;

    g_file_set_contents (bad, "not a database", -1, &error);
    g_assert_no_error (error);
    g_assert_false (afs_store_restore_backup (path, bad, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_CORRUPT);
    g_clear_error (&error);
    now_bytes = read_file_bytes (path);
    g_assert_true (g_bytes_equal (now_bytes, damaged_bytes));
    g_assert_null (find_damaged (dir));
  }

  g_assert_true (afs_store_restore_backup (path, backup, &error));
  g_assert_no_error (error);

  /* The damaged file was kept, not deleted. */
  damaged = find_damaged (dir);
  g_assert_nonnull (damaged);
  kept_bytes = read_file_bytes (damaged);
  g_assert_true (g_bytes_equal (kept_bytes, damaged_bytes));
  /* The backup is still there. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));

  /* And the restored file opens with its data. */
  store = afs_store_open (path, &error);
  g_assert_no_error (error);
  g_object_unref (store);
  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM cases"), ==, 50);
  sqlite3_close (db);

  test_dir_free (g_steal_pointer (&dir));
}

/* A WAL left by a crash belongs to the damaged file and goes with it. */
static void
test_restore_moves_wal (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *damaged_wal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  make_real_database (path, 5);
  backup = g_build_filename (dir, "cases.db.v1-20260301-080000.bak", NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (backup, contents, length, &error);
  g_assert_no_error (error);
  g_file_set_contents (wal, "leftover", -1, &error);
  g_assert_no_error (error);

  g_assert_true (afs_store_restore_backup (path, backup, &error));
  g_assert_no_error (error);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  damaged = find_damaged (dir);
  g_assert_nonnull (damaged);
  damaged_wal = g_strconcat (damaged, "-wal", NULL);
  g_assert_true (g_file_test (damaged_wal, G_FILE_TEST_EXISTS));

  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open/random-bytes", test_random_bytes);
  g_test_add_func ("/store/open/truncated", test_truncated);
  g_test_add_func ("/store/open/damaged-page", test_damaged_page);
  g_test_add_func ("/store/open/foreign-database", test_foreign_database);
  g_test_add_func ("/store/open/too-new", test_too_new);
  g_test_add_func ("/store/open/unreadable", test_unreadable);
  g_test_add_func ("/store/open/busy", test_busy);
  g_test_add_func ("/store/open/two-stores", test_two_stores);
  g_test_add_func ("/store/open/structural-check", test_structural_check);
  g_test_add_func ("/store/backup/list-order", test_list_backups_order);
  g_test_add_func ("/store/backup/restore-keeps-damaged", test_restore_backup);
  g_test_add_func ("/store/backup/restore-moves-wal", test_restore_moves_wal);

  return g_test_run ();
}
