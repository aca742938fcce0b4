/* test-sync-client.c: the sync client against the real office service
 * (aftersales-office from the build tree on 127.0.0.1, port 0), with the
 * chaos proxy between them where a connection must break at a known
 * point. Each test is one rule of docs/sync-protocol.md.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "afs-chaos-proxy.h"
#include "afs-credentials.h"
#include "afs-error.h"
#include "afs-strokes.h"
#include "afs-store-office.h"
#include "afs-store-visit.h"
#include "sync-test-util.h"

typedef struct {
  char          *dir;
  TestOffice    *office;
  AfsChaosProxy *proxy;
  TestDevice    *olga;     /* office */
  TestDevice    *tom;      /* technician */
  TestDevice    *wang;     /* technician */
} Fx;

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
setup (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("afs-sync-test-XXXXXX", &error);
  g_assert_no_error (error);
  fx->office = test_office_new (fx->dir);
  test_office_start (fx->office);
  fx->proxy = afs_chaos_proxy_new (fx->office->port, &error);
  g_assert_no_error (error);

  fx->olga = test_device_new (fx->dir, "olga", STAFF_OFFICE, AFS_ROLE_OFFICE);
  fx->tom = test_device_new (fx->dir, "tom", STAFF_TOM, AFS_ROLE_TECHNICIAN);
  fx->wang = test_device_new (fx->dir, "wang", STAFF_WANG, AFS_ROLE_TECHNICIAN);

  /* Everyone talks through the proxy; it passes until told otherwise. */
  test_device_sign_in (fx->olga, afs_chaos_proxy_get_port (fx->proxy), "olga", &error);
  g_assert_no_error (error);
  test_device_sign_in (fx->tom, afs_chaos_proxy_get_port (fx->proxy), "tom", &error);
  g_assert_no_error (error);
  test_device_sign_in (fx->wang, afs_chaos_proxy_get_port (fx->proxy), "wang", &error);
  g_assert_no_error (error);

  test_add_staff (fx->olga);
  test_device_sync_ok (fx->olga);
}

static void
teardown (Fx *fx, gconstpointer data)
{
  test_device_free (fx->olga);
  test_device_free (fx->tom);
  test_device_free (fx->wang);
  afs_chaos_proxy_free (fx->proxy);
  test_office_free (fx->office);
  rm_rf (fx->dir);
  g_free (fx->dir);
}

static gint64
outbox_count (TestDevice *device)
{
  return test_device_int (device, "SELECT count (*) FROM outbox");
}

/* ---- Sign in, versions, credentials ---------------------------------------- */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_sign_in (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = test_url (afs_chaos_proxy_get_port (fx->proxy));
  g_autofree char *db = NULL;
  gsize size;
  TestDevice *other;

  /* The token is in the keyring, for this server and user… */
  token = afs_credentials_lookup (url, "tom", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >=, 32);
  /* …and nowhere in the database file. */
  g_assert_true (g_file_get_contents (fx->tom->path, &db, &size, NULL));
  g_assert_null (g_strstr_len (db, size, token));
  g_assert_cmpstr (afs_sync_client_get_staff_id (fx->tom->client), ==, STAFF_TOM);
  g_assert_cmpint (afs_sync_client_get_role (fx->tom->client), ==, AFS_ROLE_TECHNICIAN);

  /* A new client on the same file finds the session again. */
  test_device_reopen (fx->tom);
  g_assert_true (afs_sync_client_get_signed_in (fx->tom->client));
  test_device_sync_ok (fx->tom);

  /* A wrong password: sign in again, with a sentence that says so. */
  other = test_device_new (fx->dir, "other", NULL, AFS_ROLE_OFFICE);
  g_assert_false (afs_sync_client_sign_in (other->client, url, "olga", "wrong", NULL, &error));
  g_assert_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_SIGN_IN);
  g_assert_nonnull (strstr (error->message, "password"));
  g_assert_false (afs_sync_client_get_signed_in (other->client));
  g_clear_error (&error);

  /* Nobody there: offline, not an error of the person. */
  g_assert_false (afs_sync_client_sign_in (other->client, "http://127.0.0.1:1", "olga",
                                           TEST_PASSWORD, NULL, &error));
  g_assert_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_OFFLINE);
  g_clear_error (&error);

  /* Not signed in: sync says so. */
  g_assert_false (test_device_sync (other, &error));
  g_assert_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  test_device_free (other);

  /* Sign-out with unsent work is refused and changes nothing, unless
   * the person agreed to discard it. */
  {
    GAsyncResult *result = NULL;
    g_autofree char *case_id = NULL;
    g_autoptr(GPtrArray) pending = NULL;

    afs_store_set_actor (fx->wang->store, STAFF_OFFICE, "wang", AFS_ROLE_OFFICE);
    case_id = test_new_case (fx->wang, "Unsent");
    afs_sync_client_refresh_pending (fx->wang->client);
    g_assert_cmpuint (afs_sync_client_get_pending_count (fx->wang->client), >, 0);
    pending = afs_store_list_pending (fx->wang->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pending->len, >, 0);
    g_assert_nonnull (((AfsPendingChange *) pending->pdata[pending->len - 1])->case_number);

    afs_sync_client_sign_out_async (fx->wang->client, FALSE, NULL, store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (afs_sync_client_sign_out_finish (fx->wang->client, result, &error));
    g_assert_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_PENDING);
    g_clear_error (&error);
    g_clear_object (&result);
    g_assert_true (afs_sync_client_get_signed_in (fx->wang->client));
    g_assert_cmpint (outbox_count (fx->wang), ==, (gint64) pending->len);
  }

  /* Sign-out forgets the token (here discarding, as agreed). */
  {
    GAsyncResult *result = NULL;

    afs_sync_client_sign_out_async (fx->wang->client, TRUE, NULL, store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (afs_sync_client_sign_out_finish (fx->wang->client, result, &error));
    g_assert_no_error (error);
    g_object_unref (result);
    g_assert_false (afs_sync_client_get_signed_in (fx->wang->client));
    g_assert_cmpint (outbox_count (fx->wang), ==, 0);
  }
  g_clear_pointer (&token, g_free);
  token = afs_credentials_lookup (url, "wang", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
}

/* ---- Push: exactly once ----------------------------------------------------- */

static void
test_push_and_pull (Fx *fx, gconstpointer data)
{
  g_autofree char *case_id = test_new_case (fx->olga, "Fridge not cooling");
  g_autofree char *desc = NULL;
  g_autofree char *diff = NULL;
  g_autofree char *hashes_olga = NULL;
  sqlite3 *db;

  g_assert_cmpint (outbox_count (fx->olga), >, 0);
  g_assert_cmpuint (afs_sync_client_get_pending_count (fx->olga->client), ==, 0);
  afs_sync_client_refresh_pending (fx->olga->client);
  g_assert_cmpuint (afs_sync_client_get_pending_count (fx->olga->client), >, 0);
  test_device_sync_ok (fx->olga);
  g_assert_cmpint (outbox_count (fx->olga), ==, 0);
  g_assert_cmpuint (afs_sync_client_get_pending_count (fx->olga->client), ==, 0);
  g_assert_cmpint (afs_sync_client_get_state (fx->olga->client), ==, AFS_SYNC_STATE_IDLE);
  g_assert_cmpint (afs_sync_client_get_last_sync_time (fx->olga->client), >, 0);

  db = test_office_db (fx->office);
  g_assert_cmpint (test_sql_int (db, "SELECT count (*) FROM rows WHERE tbl = 'cases' AND row_id = '%s'",
                                 case_id), ==, 1);
  g_assert_cmpint (test_sql_int (db, "SELECT last_seq FROM devices WHERE id = '%s'",
                                 afs_store_get_device_id (fx->olga->store)), ==,
                   test_device_int (fx->olga, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'"));
  sqlite3_close (db);

  /* A second office device gets the same data. */
  {
    TestDevice *second = test_device_new (fx->dir, "olga2", STAFF_OFFICE, AFS_ROLE_OFFICE);
    g_autoptr(GError) error = NULL;

    g_assert_true (test_device_sign_in (second, fx->office->port, "olga", &error));
    g_assert_no_error (error);
    test_device_sync_ok (second);
    desc = test_device_text (second, "SELECT description FROM cases WHERE id = '%s'", case_id);
    g_assert_cmpstr (desc, ==, "Fridge not cooling");
    /* Same rows everywhere: the office sees everything. */
    test_device_sync_ok (fx->olga);
    diff = test_hash_diff (fx->olga, second);
    if (diff != NULL)
      g_error ("office devices differ in: %s", diff);
    test_device_free (second);
  }
}

/* The reply to a push is lost after the server committed: the outbox
 * stays, the next sync sends the same numbers, they are acknowledged as
 * replays and applied once. */
static void
test_replay_after_lost_reply (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = test_new_case (fx->olga, "Compressor noise");
  AfsChaosFault cut = { AFS_CHAOS_DROP, AFS_CHAOS_DOWN, 0 };
  gint64 pending = outbox_count (fx->olga);
  gint64 last_seq;
  sqlite3 *db;

  /* The first connection of this sync carries the HEAD-free push (no
   * photos): cut it before any reply byte. */
  afs_chaos_proxy_push_fault (fx->proxy, &cut);
  g_assert_false (test_device_sync (fx->olga, &error));
  g_assert_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_OFFLINE);
  g_assert_cmpint (afs_sync_client_get_state (fx->olga->client), ==, AFS_SYNC_STATE_OFFLINE);
  g_assert_nonnull (afs_sync_client_get_last_error (fx->olga->client));
  g_assert_cmpuint (afs_chaos_proxy_get_fired (fx->proxy), ==, 1);
  /* Nothing acknowledged, nothing deleted… */
  g_assert_cmpint (outbox_count (fx->olga), ==, pending);
  /* …but the server did commit it. */
  db = test_office_db (fx->office);
  last_seq = test_sql_int (db, "SELECT last_seq FROM devices WHERE id = '%s'",
                           afs_store_get_device_id (fx->olga->store));
  g_assert_cmpint (last_seq, ==, test_device_int (fx->olga, "SELECT MAX (seq) FROM outbox"));
  g_assert_cmpint (test_sql_int (db, "SELECT count (*) FROM rows WHERE tbl = 'cases' AND row_id = '%s'",
                                 case_id), ==, 1);
  sqlite3_close (db);

  g_clear_error (&error);
  test_device_sync_ok (fx->olga);
  g_assert_cmpint (outbox_count (fx->olga), ==, 0);
  g_assert_null (afs_sync_client_get_last_error (fx->olga->client));

  db = test_office_db (fx->office);
  /* Applied once: one audit "created" event, the version of one insert. */
  g_assert_cmpint (test_sql_int (db, "SELECT count (*) FROM rows WHERE tbl = 'audit'"
                                     " AND json_extract (data, '$.case_id') = '%s'"
                                     " AND json_extract (data, '$.kind') = 'created'", case_id), ==, 1);
  g_assert_cmpint (test_sql_int (db, "SELECT json_extract (data, '$.version') FROM rows"
                                     " WHERE tbl = 'cases' AND row_id = '%s'", case_id), ==, 1);
  g_assert_cmpint (test_sql_int (db, "SELECT last_seq FROM devices WHERE id = '%s'",
                                 afs_store_get_device_id (fx->olga->store)), ==, last_seq);
  sqlite3_close (db);
}

/* The server lacks numbers this device no longer has: refused, the
 * client deletes nothing and says what to do. */
static void
test_gap (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = test_new_case (fx->olga, "Leaking pipe");
  gint64 before;
  sqlite3 *db = NULL;

  /* Lose the first waiting change (as a restored server would have). */
  g_assert_cmpint (sqlite3_open (fx->olga->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM outbox WHERE seq = (SELECT MIN (seq) FROM outbox)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = outbox_count (fx->olga);

  g_assert_false (test_device_sync (fx->olga, &error));
  g_assert_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "missing changes"));
  g_assert_cmpint (outbox_count (fx->olga), ==, before);
  g_assert_cmpint (afs_sync_client_get_state (fx->olga->client), ==, AFS_SYNC_STATE_ERROR);
}

/* Copies the database at @from to @to with SQLite's backup API (as the
 * app's backup does: a consistent copy while the store is open). */
static void
backup_file (const char *from,
             const char *to)
{
  sqlite3 *src = NULL, *dst = NULL;
  sqlite3_backup *b;

  g_assert_cmpint (sqlite3_open_v2 (from, &src, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_open (to, &dst), ==, SQLITE_OK);
  b = sqlite3_backup_init (dst, "main", src, "main");
  g_assert_nonnull (b);
  g_assert_cmpint (sqlite3_backup_step (b, -1), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_backup_finish (b), ==, SQLITE_OK);
  sqlite3_close (dst);
  sqlite3_close (src);
}

/* A case's description as the office service stores it. */
static char *
office_description (sqlite3    *db,
                    const char *case_id)
{
  sqlite3_stmt *st = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json_extract (data, '$.description') FROM rows"
                                           " WHERE tbl = 'cases' AND row_id = ?1",
                                       -1, &st, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (st, 1, case_id, -1, SQLITE_STATIC);
  if (sqlite3_step (st) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  return text;
}

/* Reads of a device through its own store (after a restore the tests
 * read the device only this way: a second connection opened beside the
 * store on a just-restored file sometimes read short, see
 * docs/sync-client.md). */
static gint64
store_outbox_count (TestDevice *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = afs_store_sync_outbox_batch (device->store, 0, 100000, &error);

  g_assert_no_error (error);
  return rows->len;
}

static gint64
store_outbox_max_seq (TestDevice *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = afs_store_sync_outbox_batch (device->store, 0, 100000, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 0);
  return ((AfsOutboxEntry *) g_ptr_array_index (rows, rows->len - 1))->seq;
}

/* The last number the office acknowledged: after a sync that emptied the
 * outbox, the device's numbering goes on from it. */
static gint64
store_acked_seq (TestDevice *device)
{
  g_autoptr(GError) error = NULL;
  AfsSyncAccount account = { 0 };
  gint64 seq;

  g_assert_true (afs_store_sync_get_account (device->store, &account, &error));
  g_assert_no_error (error);
  seq = account.acked_seq;
  afs_sync_account_clear (&account);
  return seq;
}

/* The device's database is put back from an older backup ("Restore Last
 * Backup", or a file copied back): its outbox numbers start again below
 * what the office applied. Its new change must reach the office exactly
 * once (the server answers 409 seq_reused, the device renumbers), and the
 * changes the office had already are not applied twice. */
static void
test_restored_backup (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (fx->dir, "olga-backup.db", NULL);
  g_autofree char *before = test_new_case (fx->olga, "Synced before the backup");
  g_autofree char *after = NULL;
  g_autofree char *desc = NULL;
  g_autofree char *dev = g_strdup (afs_store_get_device_id (fx->olga->store));
  gint64 backup_seq, server_seq;
  sqlite3 *db;

  test_device_sync_ok (fx->olga);
  /* The backup also holds one change not yet sent when it was made. */
  g_assert_true (test_update_case (fx->olga, before, "description", "Sent after the backup",
                                   &error));
  g_assert_no_error (error);
  backup_file (fx->olga->path, backup);
  backup_seq = test_device_int (fx->olga, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
  test_device_sync_ok (fx->olga);
  after = test_new_case (fx->olga, "Made after the backup");
  test_device_sync_ok (fx->olga);

  db = test_office_db (fx->office);
  server_seq = test_sql_int (db, "SELECT last_seq FROM devices WHERE id = '%s'", dev);
  sqlite3_close (db);
  g_assert_cmpint (server_seq, >, backup_seq);

  /* Put the backup back, with the app closed, as "Restore Last Backup"
   * does. */
  {
    /* The app is closed: nothing may hold the old file open while it is
     * moved aside (a worker finishing a job can still own a reference). */
    gpointer old_store = fx->olga->store;
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    g_object_add_weak_pointer (G_OBJECT (old_store), &old_store);
    g_clear_object (&fx->olga->client);
    g_clear_object (&fx->olga->store);
    while (old_store != NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
    g_assert_null (old_store);
  }
  g_assert_true (afs_store_restore_backup (fx->olga->path, backup, &error));
  g_assert_no_error (error);
  fx->olga->store = afs_store_open (fx->olga->path, &error);
  g_assert_no_error (error);
  afs_store_set_actor (fx->olga->store, STAFF_OFFICE, "olga", AFS_ROLE_OFFICE);
  fx->olga->client = afs_sync_client_new (fx->olga->store);
  afs_sync_client_set_photo_dir (fx->olga->client, fx->olga->photo_dir);
  g_assert_true (afs_sync_client_restore_session (fx->olga->client, NULL, &error));
  g_assert_no_error (error);
  /* The change waiting in the backup is waiting again. */
  g_assert_cmpint (store_outbox_count (fx->olga), >, 0);

  /* Its new change gets numbers the office applied already. (An edit:
   * a new case would also take a case number the office has; see
   * docs/sync-client.md.) */
  g_assert_true (test_update_case (fx->olga, before, "description", "Edited after the restore",
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_outbox_max_seq (fx->olga), <=, server_seq);
  test_device_sync_ok (fx->olga);
  g_assert_cmpint (store_outbox_count (fx->olga), ==, 0);

  db = test_office_db (fx->office);
  /* The new change is on the office, once: insert, the update sent after
   * the backup, this one (the replayed update was not applied again). */
  desc = office_description (db, before);
  g_assert_cmpstr (desc, ==, "Edited after the restore");
  g_assert_cmpint (test_sql_int (db, "SELECT json_extract (data, '$.version') FROM rows"
                                     " WHERE tbl = 'cases' AND row_id = '%s'", before), ==, 3);
  g_assert_cmpint (test_sql_int (db, "SELECT count (*) FROM rows WHERE tbl = 'audit'"
                                     " AND json_extract (data, '$.case_id') = '%s'"
                                     " AND json_extract (data, '$.new_value') = 'Edited after the restore'", before), ==, 1);
  g_assert_cmpint (test_sql_int (db, "SELECT count (*) FROM rows WHERE tbl = 'audit'"
                                     " AND json_extract (data, '$.case_id') = '%s'"
                                     " AND json_extract (data, '$.new_value') = 'Sent after the backup'", before), ==, 1);
  /* The case made after the backup was not applied twice. */
  g_assert_cmpint (test_sql_int (db, "SELECT json_extract (data, '$.version') FROM rows"
                                     " WHERE tbl = 'cases' AND row_id = '%s'", after), ==, 1);
  g_assert_cmpint (test_sql_int (db, "SELECT count (*) FROM rows WHERE tbl = 'audit'"
                                     " AND json_extract (data, '$.case_id') = '%s'"
                                     " AND json_extract (data, '$.kind') = 'created'", after), ==, 1);
  /* The device numbers on from where the server is. */
  g_assert_cmpint (test_sql_int (db, "SELECT last_seq FROM devices WHERE id = '%s'", dev), ==,
                   store_acked_seq (fx->olga));
  sqlite3_close (db);

  /* The work done after the backup comes back to the device. */
  {
    AfsCaseData kase = { 0 };

    g_assert_true (afs_store_get_case (fx->olga->store, after, &kase, &error));
    g_assert_no_error (error);
    afs_case_data_clear (&kase);
  }

  /* And the next change goes through without being renumbered. */
  g_assert_true (test_update_case (fx->olga, after, "description", "Edited once more",
                                   &error));
  g_assert_no_error (error);
  test_device_sync_ok (fx->olga);
  g_assert_cmpint (store_outbox_count (fx->olga), ==, 0);
  db = test_office_db (fx->office);
  g_assert_cmpint (test_sql_int (db, "SELECT json_extract (data, '$.version') FROM rows"
                                     " WHERE tbl = 'cases' AND row_id = '%s'", after), ==, 2);
  g_assert_cmpint (test_sql_int (db, "SELECT last_seq FROM devices WHERE id = '%s'", dev), ==,
                   store_acked_seq (fx->olga));
  sqlite3_close (db);
}

/* A page cut off mid-way stores nothing of it and keeps the cursor; the
 * next pull stores it whole. */
static void
test_pull_cut (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AfsSyncAccount before, after;
  TestDevice *second;
  AfsChaosFault cut = { AFS_CHAOS_DROP, AFS_CHAOS_DOWN, 0 };
  gint64 cases_before;

  for (int i = 0; i < 30; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *text = g_strdup_printf ("Case %d", i);

      id = test_new_case (fx->olga, text);
    }
  test_device_sync_ok (fx->olga);

  second = test_device_new (fx->dir, "olga2", STAFF_OFFICE, AFS_ROLE_OFFICE);
  g_assert_true (test_device_sign_in (second, afs_chaos_proxy_get_port (fx->proxy), "olga", &error));
  g_assert_true (afs_store_sync_get_account (second->store, &before, &error));
  cases_before = test_device_int (second, "SELECT count (*) FROM cases");

  /* The reply of the first pull page is cut after 1000 bytes. */
  cut.after_bytes = 1000;
  afs_chaos_proxy_push_fault (fx->proxy, &cut);
  g_assert_false (test_device_sync (second, &error));
  g_assert_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_OFFLINE);
  g_assert_true (afs_store_sync_get_account (second->store, &after, NULL));
  g_assert_cmpint (after.cursor, ==, before.cursor);
  g_assert_cmpint (test_device_int (second, "SELECT count (*) FROM cases"), ==, cases_before);
  afs_sync_account_clear (&before);
  afs_sync_account_clear (&after);

  test_device_sync_ok (second);
  g_assert_cmpint (test_device_int (second, "SELECT count (*) FROM cases"), ==, 30);
  {
    g_autofree char *diff = test_hash_diff (fx->olga, second);

    test_device_sync_ok (fx->olga);
    g_clear_pointer (&diff, g_free);
    diff = test_hash_diff (fx->olga, second);
    if (diff != NULL)
      g_error ("devices differ in: %s", diff);
  }
  test_device_free (second);
}

/* ---- Conflicts ------------------------------------------------------------------ */

static char *
assign_to (Fx         *fx,
           const char *staff_id,
           const char *description)
{
  g_autoptr(GError) error = NULL;
  char *case_id = test_new_case (fx->olga, description);

  test_dispatch (fx->olga, case_id, staff_id);
  test_device_sync_ok (fx->olga);
  return case_id;
}

/* Office and technician change the same case offline: the state-like
 * field goes to the later clock, the free text to a conflict record on
 * both sides, and the technician's pending text is not overwritten by
 * the pull before it is pushed. */
static void
test_conflict_classes (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = assign_to (fx, STAFF_TOM, "Oven does not heat");
  g_autofree char *desc = NULL;
  g_autofree char *sev = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  AfsConflict *k;

  test_device_sync_ok (fx->tom);
  g_assert_cmpint (test_device_int (fx->tom, "SELECT count (*) FROM cases WHERE id = '%s'", case_id), ==, 1);

  /* Office first (earlier clock), technician second. */
  test_update_case (fx->olga, case_id, "description", "Office: oven cold", &error);
  g_assert_no_error (error);
  test_update_case (fx->olga, case_id, "cause", "other", &error);
  g_assert_no_error (error);
  g_usleep (5000);
  test_update_case (fx->tom, case_id, "description", "Tom: heating element burnt", &error);
  g_assert_no_error (error);
  test_update_case (fx->tom, case_id, "cause", "transport_damage", &error);
  g_assert_no_error (error);

  test_device_sync_ok (fx->olga);
  test_device_sync_ok (fx->tom);
  test_device_sync_ok (fx->olga);

  /* Review class: the server kept the office's text; both devices have it
   * and a conflict naming both values. */
  desc = test_device_text (fx->tom, "SELECT description FROM cases WHERE id = '%s'", case_id);
  g_assert_cmpstr (desc, ==, "Office: oven cold");
  conflicts = afs_store_list_conflicts (fx->tom->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  k = conflicts->pdata[0];
  g_assert_cmpstr (k->field, ==, "description");
  g_assert_cmpstr (k->mine_display, ==, "Tom: heating element burnt");
  g_assert_cmpstr (k->theirs_display, ==, "Office: oven cold");
  g_assert_cmpint (afs_store_count_open_conflicts (fx->olga->store, NULL), ==, 1);

  /* Last writer: the technician's later cause won, everywhere. */
  sev = test_device_text (fx->olga, "SELECT cause FROM cases WHERE id = '%s'", case_id);
  g_assert_cmpstr (sev, ==, "transport_damage");

  /* The office resolves for the technician's text: that syncs. */
  g_assert_true (afs_store_resolve_conflict (fx->olga->store, k->id, AFS_CONFLICT_MINE, NULL, &error));
  g_assert_no_error (error);
  test_device_sync_ok (fx->olga);
  test_device_sync_ok (fx->tom);
  g_clear_pointer (&desc, g_free);
  desc = test_device_text (fx->tom, "SELECT description FROM cases WHERE id = '%s'", case_id);
  g_assert_cmpstr (desc, ==, "Tom: heating element burnt");
  g_assert_cmpint (afs_store_count_open_conflicts (fx->tom->store, NULL), ==, 0);
  {
    g_autofree char *diff = test_hash_diff (fx->olga, fx->tom);

    /* The technician sees a subset; compare the case's own row. */
    g_autofree char *a = test_device_text (fx->olga, "SELECT description || cause || version"
                                                     " FROM cases WHERE id = '%s'", case_id);
    g_autofree char *b = test_device_text (fx->tom, "SELECT description || cause || version"
                                                    " FROM cases WHERE id = '%s'", case_id);
    g_assert_cmpstr (a, ==, b);
  }
}


/* An edit against a row deleted meanwhile goes to review (a conflict of
 * kind "delete"), never silently dropped: the office removes a part from
 * the report while the technician, offline, changes its quantity. */
static void
test_conflict_edit_vs_delete (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = assign_to (fx, STAFF_TOM, "Pump leaks");
  g_autoptr(GPtrArray) conflicts = NULL;
  AfsRepairReport report = { 0 };
  AfsReportPart *part;
  g_autofree char *part_id = NULL;
  gboolean found = FALSE;

  test_device_sync_ok (fx->tom);
  report.case_id = (char *) case_id;
  report.diagnosis = (char *) "Seal worn";
  report.parts = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_report_part_free);
  part = afs_report_part_new ();
  part->name = g_strdup ("Shaft seal");
  part->quantity = 1;
  part->unit_price = 12.5;
  part_id = g_strdup (part->id);
  g_ptr_array_add (report.parts, part);
  afs_store_save_repair_report (fx->tom->store, &report, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_unref (report.parts);
  test_device_sync_ok (fx->tom);
  test_device_sync_ok (fx->olga);

  /* The office removes the part and syncs. */
  {
    AfsRepairReport office = { 0 };

    afs_store_get_repair_report (fx->olga->store, case_id, &office, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (office.parts->len, ==, 1);
    g_ptr_array_set_size (office.parts, 0);
    afs_store_save_repair_report (fx->olga->store, &office, NULL, &error);
    g_assert_no_error (error);
    afs_repair_report_clear (&office);
    test_device_sync_ok (fx->olga);
  }

  /* The technician, not yet aware, changes its quantity. */
  {
    AfsRepairReport mine = { 0 };

    afs_store_get_repair_report (fx->tom->store, case_id, &mine, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (mine.parts->len, ==, 1);
    ((AfsReportPart *) mine.parts->pdata[0])->quantity = 3;
    afs_store_save_repair_report (fx->tom->store, &mine, NULL, &error);
    g_assert_no_error (error);
    afs_repair_report_clear (&mine);
  }
  test_device_sync_ok (fx->tom);
  test_device_sync_ok (fx->olga);

  conflicts = afs_store_list_conflicts (fx->olga->store, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    {
      AfsConflict *k = conflicts->pdata[i];

      if (g_strcmp0 (k->row_id, part_id) == 0 && g_strcmp0 (k->field, "quantity") == 0)
        {
          g_assert_cmpstr (k->kind, ==, "delete");
          g_assert_cmpstr (k->mine_display, ==, "3");
          found = TRUE;
        }
    }
  g_assert_true (found);
  /* The part stays deleted until a person decides. */
  g_assert_cmpint (test_device_int (fx->olga, "SELECT count (*) FROM report_parts WHERE id = '%s'"
                                               " AND deleted_at IS NOT NULL", part_id), ==, 1);
}


static AfsStrokes *
signature (guint n_strokes)
{
  AfsStrokes *s = afs_strokes_new (400, 150);

  for (guint k = 0; k < n_strokes; k++)
    {
      afs_strokes_begin_stroke (s);
      for (guint i = 0; i < 20; i++)
        afs_strokes_add_point (s, 20 + k * 60 + i * 3, 50 + (i % 5) * 8, 0.5, k * 1000 + i * 16);
    }
  return s;
}

/* A report the customer signed is never changed by sync: the office's
 * edit made meanwhile goes to review, and the signed text stays. */
static void
test_conflict_sealed (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = assign_to (fx, STAFF_TOM, "Cooler rattles");
  g_autoptr(AfsRepairReport) report = afs_repair_report_new ();
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *diagnosis = NULL;
  AfsStrokes *customer = signature (2);
  AfsStrokes *technician = signature (1);
  AfsSignOffInput sign = { 0 };
  gboolean found = FALSE;

  test_device_sync_ok (fx->tom);
  afs_store_arrive (fx->tom->store, case_id, &error);
  g_assert_no_error (error);
  report->case_id = g_strdup (case_id);
  report->diagnosis = g_strdup ("Fan blade cracked");
  report->outcome = g_strdup ("fixed");
  afs_store_save_repair_report (fx->tom->store, report, NULL, &error);
  g_assert_no_error (error);
  test_device_sync_ok (fx->tom);
  test_device_sync_ok (fx->olga);

  /* The office edits the diagnosis, not yet synced… */
  {
    g_autoptr(AfsRepairReport) office = afs_repair_report_new ();

    afs_store_get_repair_report (fx->olga->store, case_id, office, &error);
    g_assert_no_error (error);
    g_free (office->diagnosis);
    office->diagnosis = g_strdup ("Office: fan motor worn");
    afs_store_save_repair_report (fx->olga->store, office, NULL, &error);
    g_assert_no_error (error);
  }

  /* …while the customer signs on site. */
  sign.case_id = case_id;
  sign.customer.name = "Anna Nowak";
  sign.customer.strokes = customer;
  sign.technician.name = "Tomasz Technik";
  sign.technician.strokes = technician;
  sign.accepted = TRUE;
  afs_store_sign_report (fx->tom->store, &sign, NULL, &error);
  g_assert_no_error (error);
  test_device_sync_ok (fx->tom);
  test_device_sync_ok (fx->olga);
  test_device_sync_ok (fx->tom);

  for (guint i = 0; i < 2; i++)
    {
      TestDevice *d = i == 0 ? fx->olga : fx->tom;

      g_clear_pointer (&diagnosis, g_free);
      diagnosis = test_device_text (d, "SELECT diagnosis FROM reports WHERE case_id = '%s'"
                                       " AND signed_at IS NOT NULL", case_id);
      g_assert_cmpstr (diagnosis, ==, "Fan blade cracked");
    }
  conflicts = afs_store_list_conflicts (fx->olga->store, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    {
      AfsConflict *k = conflicts->pdata[i];

      if (g_strcmp0 (k->table_name, "reports") == 0 && g_strcmp0 (k->field, "diagnosis") == 0)
        {
          g_assert_cmpstr (k->mine_display, ==, "Office: fan motor worn");
          found = TRUE;
        }
    }
  g_assert_true (found);
  /* Resolving it for the office's text is refused: the report is signed. */
  for (guint i = 0; i < conflicts->len; i++)
    {
      AfsConflict *k = conflicts->pdata[i];

      if (g_strcmp0 (k->table_name, "reports") == 0)
        {
          g_assert_false (afs_store_resolve_conflict (fx->olga->store, k->id, AFS_CONFLICT_MINE,
                                                      NULL, &error));
          g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
          g_clear_error (&error);
          break;
        }
    }
  afs_strokes_free (customer);
  afs_strokes_free (technician);
}

/* ---- Photos ---------------------------------------------------------------------- */

typedef struct {
  guint    updates;
  guint64  max_sent;
  guint64  max_total;
  gboolean overshoot;
} Progress;

static void
on_progress (AfsSyncClient *client,
             GParamSpec    *pspec,
             Progress      *progress)
{
  guint64 sent = afs_sync_client_get_photo_bytes_sent (client);
  guint64 total = afs_sync_client_get_photo_bytes_total (client);

  if (total == 0)
    return;   /* the reset at the end */
  progress->updates++;
  progress->max_sent = MAX (progress->max_sent, sent);
  progress->max_total = MAX (progress->max_total, total);
  if (sent > total)
    progress->overshoot = TRUE;
}

static void
test_blob_resume (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = assign_to (fx, STAFF_TOM, "Door hinge broken");
  const guint64 cuts[] = { 100, 40000, 150000, 299000 };
  g_autofree char *sha = NULL;
  g_autofree char *local = NULL;
  gboolean confirmed = TRUE;
  const gsize size = 300 * 1000;
  sqlite3 *db;

  test_device_sync_ok (fx->tom);
  afs_sync_client_set_chunk_size (fx->tom->client, 64 * 1024);
  sha = test_add_photo (fx->tom, case_id, size, 7);

  /* Each cut loses at most the chunk in flight; each sync goes on from
   * what the server has. The connection breaks in the upload direction
   * at growing totals (the HEAD and earlier chunks count too). */
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      AfsChaosFault cut = { i % 2 == 0 ? AFS_CHAOS_DROP : AFS_CHAOS_RESET, AFS_CHAOS_UP, cuts[i] };

      afs_chaos_proxy_push_fault (fx->proxy, &cut);
      if (test_device_sync (fx->tom, &error))
        break;   /* the cut came after the last byte */
      g_assert_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_OFFLINE);
      g_clear_error (&error);
      /* The original is never deleted because of an error. */
      local = g_strdup_printf ("%s/%c%c/%s.jpg", fx->tom->photo_dir, sha[0], sha[1], sha);
      g_assert_true (g_file_test (local, G_FILE_TEST_IS_REGULAR));
      g_clear_pointer (&local, g_free);
      g_assert_true (afs_store_sync_blob_confirmed (fx->tom->store, sha, &confirmed, NULL));
      g_assert_false (confirmed);
    }
  afs_chaos_proxy_clear_faults (fx->proxy);
  test_device_sync_ok (fx->tom);
  g_assert_true (afs_store_sync_blob_confirmed (fx->tom->store, sha, &confirmed, NULL));
  g_assert_true (confirmed);
  g_assert_cmpint (outbox_count (fx->tom), ==, 0);

  /* The server has the photo row and the complete blob. */
  db = test_office_db (fx->office);
  g_assert_cmpint (test_sql_int (db, "SELECT count (*) FROM rows WHERE tbl = 'photos'"
                                     " AND json_extract (data, '$.sha256') = '%s'", sha), ==, 1);
  sqlite3_close (db);

  /* The office downloads it, checked against its name. */
  test_device_sync_ok (fx->olga);
  {
    g_autofree char *copy = g_strdup_printf ("%s/%c%c/%s.jpg", fx->olga->photo_dir, sha[0], sha[1], sha);
    g_autofree char *bytes = NULL;
    g_autofree char *check = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (copy, &bytes, &len, NULL));
    g_assert_cmpuint (len, ==, size);
    check = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, len);
    g_assert_cmpstr (check, ==, sha);
  }
  /* The progress of a new photo: the bar moves chunk by chunk, never
   * past its end, reaches it, and is cleared when the sync ends. */
  {
    Progress progress = { 0 };
    g_autofree char *sha3 = test_add_photo (fx->tom, case_id, 200 * 1000, 8);
    gulong id = g_signal_connect (fx->tom->client, "notify::photo-bytes-sent",
                                  G_CALLBACK (on_progress), &progress);

    test_device_sync_ok (fx->tom);
    g_signal_handler_disconnect (fx->tom->client, id);
    g_assert_cmpuint (progress.updates, >=, 3);
    g_assert_cmpuint (progress.max_total, ==, 200 * 1000);
    g_assert_false (progress.overshoot);
    g_assert_cmpuint (progress.max_sent, ==, progress.max_total);
    g_assert_cmpuint (afs_sync_client_get_photo_bytes_total (fx->tom->client), ==, 0);
    g_assert_cmpuint (afs_sync_client_get_photo_bytes_sent (fx->tom->client), ==, 0);
  }

  /* A known photo costs one request: nothing is uploaded again. */
  {
    AfsSyncReport report;

    test_device_sync_ok (fx->tom);
    afs_sync_client_get_report (fx->tom->client, &report);
    g_assert_cmpuint (report.photo_bytes, ==, 0);
  }
}

/* A photo whose file is gone cannot be sent: the sync says which, and
 * the change waits (the server would refuse it: missing_blob). */
static void
test_missing_blob (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *case_id = assign_to (fx, STAFF_TOM, "Display dead");
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  g_autofree char *moved = NULL;
  gint64 pending;

  test_device_sync_ok (fx->tom);
  sha = test_add_photo (fx->tom, case_id, 5000, 9);
  path = g_strdup_printf ("%s/%c%c/%s.jpg", fx->tom->photo_dir, sha[0], sha[1], sha);
  moved = g_strconcat (path, ".away", NULL);
  g_assert_cmpint (g_rename (path, moved), ==, 0);
  pending = outbox_count (fx->tom);

  g_assert_false (test_device_sync (fx->tom, &error));
  g_assert_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, sha));
  g_assert_cmpint (outbox_count (fx->tom), ==, pending);

  /* Put back: it goes. */
  g_assert_cmpint (g_rename (moved, path), ==, 0);
  test_device_sync_ok (fx->tom);
  g_assert_cmpint (outbox_count (fx->tom), ==, 0);

  /* The device believes the server has a photo it does not (a server
   * restored from a backup): the server says missing_blob, the photo is
   * sent again and the change goes through. */
  {
    g_autofree char *sha2 = test_add_photo (fx->tom, case_id, 7000, 10);
    sqlite3 *raw = NULL;
    g_autofree char *sql = g_strdup_printf ("INSERT INTO blob_uploads (sha256, size, confirmed_at)"
                                            " VALUES ('%s', 7000, 1)", sha2);
    sqlite3 *db;

    g_assert_cmpint (sqlite3_open (fx->tom->path, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);

    test_device_sync_ok (fx->tom);
    g_assert_cmpint (outbox_count (fx->tom), ==, 0);
    db = test_office_db (fx->office);
    g_assert_cmpint (test_sql_int (db, "SELECT count (*) FROM rows WHERE tbl = 'photos'"
                                       " AND json_extract (data, '$.sha256') = '%s'", sha2), ==, 1);
    sqlite3_close (db);
    /* And the office can download it. */
    test_device_sync_ok (fx->olga);
    g_assert_cmpint (test_device_int (fx->olga, "SELECT count (*) FROM photos WHERE sha256 = '%s'", sha2), ==, 1);
    {
      g_autofree char *copy = g_strdup_printf ("%s/%c%c/%s.jpg", fx->olga->photo_dir, sha2[0], sha2[1], sha2);

      g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
    }
  }
}

/* ---- Scope ------------------------------------------------------------------------- */

static void
test_scope_reassign (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = assign_to (fx, STAFF_TOM, "Tom's case");
  g_autofree char *theirs = assign_to (fx, STAFF_WANG, "Wang's case");

  test_device_sync_ok (fx->tom);
  test_device_sync_ok (fx->wang);
  g_assert_cmpint (test_device_int (fx->tom, "SELECT count (*) FROM cases WHERE id = '%s'", mine), ==, 1);
  g_assert_cmpint (test_device_int (fx->tom, "SELECT count (*) FROM cases WHERE id = '%s'", theirs), ==, 0);
  g_assert_cmpint (test_device_int (fx->wang, "SELECT count (*) FROM cases WHERE id = '%s'", theirs), ==, 1);

  /* The office hands Tom's case to Wang. */
  g_assert_true (afs_store_reassign_technician (fx->olga->store, mine, STAFF_TOM, STAFF_WANG,
                                                "Tom is ill", &error));
  g_assert_no_error (error);
  test_device_sync_ok (fx->olga);
  test_device_sync_ok (fx->tom);
  test_device_sync_ok (fx->wang);

  g_assert_cmpint (test_device_int (fx->tom, "SELECT count (*) FROM cases WHERE id = '%s'", mine), ==, 0);
  g_assert_cmpint (test_device_int (fx->tom, "SELECT count (*) FROM audit WHERE case_id = '%s'", mine), ==, 0);
  g_assert_cmpint (test_device_int (fx->wang, "SELECT count (*) FROM cases WHERE id = '%s'", mine), ==, 1);
  g_assert_cmpint (test_device_int (fx->wang, "SELECT count (*) FROM audit WHERE case_id = '%s'", mine), >, 0);
}

/* Tom edits a case offline while the office hands it to Wang: the
 * service refuses that change (out of scope). It is set aside, kept and
 * listed, and Tom's other work still reaches the office. */
static void
test_scope_race (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moved = assign_to (fx, STAFF_TOM, "Reassigned while offline");
  g_autofree char *kept = assign_to (fx, STAFF_TOM, "Stays with Tom");
  g_autoptr(GPtrArray) refused = NULL;
  AfsSyncReport report;
  sqlite3 *db;

  test_device_sync_ok (fx->tom);
  afs_store_reassign_technician (fx->olga->store, moved, STAFF_TOM, STAFF_WANG, "Tom is ill", &error);
  g_assert_no_error (error);
  test_device_sync_ok (fx->olga);

  /* Tom, offline, still sees both. */
  test_update_case (fx->tom, moved, "description", "Tom: too late", &error);
  g_assert_no_error (error);
  test_update_case (fx->tom, kept, "description", "Tom: still mine", &error);
  g_assert_no_error (error);

  test_device_sync_ok (fx->tom);
  afs_sync_client_get_report (fx->tom->client, &report);
  g_assert_cmpuint (report.refused, >=, 1);
  g_assert_cmpint (test_device_int (fx->tom, "SELECT count (*) FROM outbox"), ==, 0);

  /* Kept: the text is in the refused changes, with the server's reason. */
  refused = afs_store_list_refused (fx->tom->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, report.refused);
  g_assert_nonnull (((AfsPendingChange *) refused->pdata[0])->reason);
  g_assert_cmpint (test_device_int (fx->tom, "SELECT count (*) FROM sync_refused WHERE row_id = '%s'"
                                             " AND json_extract (changes, '$.description.new') = 'Tom: too late'",
                                    moved), ==, 1);

  /* The rest went through, exactly once, numbers without a gap. */
  db = test_office_db (fx->office);
  g_assert_cmpint (test_sql_int (db, "SELECT count (*) FROM rows WHERE tbl = 'cases' AND row_id = '%s'"
                                     " AND json_extract (data, '$.description') = 'Tom: still mine'", kept), ==, 1);
  g_assert_cmpint (test_sql_int (db, "SELECT count (*) FROM rows WHERE tbl = 'cases' AND row_id = '%s'"
                                     " AND json_extract (data, '$.description') = 'Tom: too late'", moved), ==, 0);
  g_assert_cmpint (test_sql_int (db, "SELECT last_seq FROM devices WHERE id = '%s'",
                                 afs_store_get_device_id (fx->tom->store)), ==,
                   test_device_int (fx->tom, "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'"));
  sqlite3_close (db);
  g_assert_cmpint (test_device_int (fx->tom, "SELECT count (*) FROM cases WHERE id = '%s'", moved), ==, 0);

  /* Later work goes on normally. */
  test_update_case (fx->tom, kept, "description", "Tom: done", &error);
  g_assert_no_error (error);
  test_device_sync_ok (fx->tom);
  g_assert_cmpint (test_device_int (fx->tom, "SELECT count (*) FROM outbox"), ==, 0);
}


/* ---- Versions ------------------------------------------------------------------ */

/* The real service speaks this build's protocol; a stand-in hello
 * (one handler on a SoupServer) plays an older and a newer service. */
static void
hello_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  const char *body = user_data;

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static void
test_versions (Fx *fx, gconstpointer data)
{
  static const char *const bodies[] = {
    /* The service needs protocol 2 at least: this app must be updated. */
    "{\"protocol\": 3, \"min_protocol\": 2, \"schema\": 99, \"min_schema\": 1, \"server_id\": \"x\"}",
    /* The service knows only an older schema: the service must be updated. */
    "{\"protocol\": 1, \"min_protocol\": 1, \"schema\": 1, \"min_schema\": 1, \"server_id\": \"x\"}",
  };
  const int codes[] = { AFS_SYNC_ERROR_CLIENT_TOO_OLD, AFS_SYNC_ERROR_SERVER_TOO_OLD };
  const char *const words[] = { "Update AfterSales on this computer", "update the office service" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
      g_autoptr(GError) error = NULL;
      g_autoslist(GUri) uris = NULL;
      g_autofree char *url = NULL;
      TestDevice *d = test_device_new (fx->dir, i == 0 ? "old-app" : "new-app", NULL, AFS_ROLE_OFFICE);

      soup_server_add_handler (server, "/v1/hello", hello_cb, (gpointer) bodies[i], NULL);
      g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
      uris = soup_server_get_uris (server);
      url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

      g_assert_false (afs_sync_client_sign_in (d->client, url, "olga", TEST_PASSWORD, NULL, &error));
      g_assert_error (error, AFS_SYNC_ERROR, codes[i]);
      g_assert_nonnull (strstr (error->message, words[i]));
      g_assert_false (afs_sync_client_get_signed_in (d->client));
      test_device_free (d);
    }
}

/* ---- The command line ------------------------------------------------------------- */

static int
run_cli (const char        *keyring,
         const char *const *args,
         char              **out)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *binary = g_build_filename (g_getenv ("AFS_BUILD_ROOT"), "src", "cli",
                                              "aftersales-sync", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  /* A keyring file of its own: libsecret's file backend (unlike the
   * desktop's keyring service) refuses to write a file another process
   * changed under it. */
  g_subprocess_launcher_setenv (launcher, "SECRET_FILE_TEST_PATH", keyring, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

static void
test_command_line (Fx *fx, gconstpointer data)
{
  g_autofree char *db = g_build_filename (fx->dir, "script.db", NULL);
  g_autofree char *pw = g_build_filename (fx->dir, "pw", NULL);
  g_autofree char *keyring = g_build_filename (fx->dir, "cli-keyring", NULL);
  g_autofree char *url = test_url (afs_chaos_proxy_get_port (fx->proxy));
  g_autofree char *out = NULL;
  g_autofree char *case_id = test_new_case (fx->olga, "For the script");
  const char *sign_in[] = { "--database", db, "--server", url, "--user", "olga",
                            "--password-file", pw, NULL };
  const char *again[] = { "--database", db, "--timeout", "1", NULL };
  const char *usage[] = { "--user", "olga", NULL };

  test_device_sync_ok (fx->olga);
  g_assert_true (g_file_set_contents (pw, TEST_PASSWORD "\n", -1, NULL));

  g_assert_cmpint (run_cli (keyring, sign_in, &out), ==, 0);
  g_assert_nonnull (strstr (out, "Synced:"));
  g_clear_pointer (&out, g_free);
  {
    sqlite3 *raw = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT count (*) FROM cases WHERE description = 'For the script'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    sqlite3_close (raw);
  }

  /* Signed in before: the keyring's token is used. */
  g_assert_cmpint (run_cli (keyring, again, &out), ==, 0);
  g_clear_pointer (&out, g_free);

  /* The service is gone: exit 3, the work waits. */
  test_office_stop (fx->office, FALSE);
  g_assert_cmpint (run_cli (keyring, again, &out), ==, 3);
  g_assert_nonnull (strstr (out, "cannot be reached"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (keyring, usage, &out), ==, 2);
}


/* ---- TLS ---------------------------------------------------------------------------- */

/* The service with a self-signed certificate (made by openssl here): the
 * client refuses it until told to trust that certificate, then syncs. */
static void
test_tls (Fx *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (fx->dir, "tls", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) openssl = NULL;
  TestOffice *secure;
  TestDevice *d;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                              "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                              "-addext", "subjectAltName=IP:127.0.0.1", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (openssl, NULL, &error));
  g_assert_no_error (error);

  secure = test_office_new (dir);
  secure->tls_cert = g_strdup (cert);
  secure->tls_key = g_strdup (key);
  test_office_start (secure);
  url = g_strdup_printf ("https://127.0.0.1:%u", secure->port);

  d = test_device_new (fx->dir, "tls-device", STAFF_OFFICE, AFS_ROLE_OFFICE);
  g_assert_false (afs_sync_client_sign_in (d->client, url, "olga", TEST_PASSWORD, NULL, &error));
  g_assert_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "could not prove who it is"));
  g_clear_error (&error);

  afs_sync_client_set_tls_ca_file (d->client, cert);
  afs_sync_client_sign_in (d->client, url, "olga", TEST_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  test_add_staff (d);
  test_device_sync_ok (d);
  g_assert_cmpint (test_device_int (d, "SELECT count (*) FROM outbox"), ==, 0);

  test_device_free (d);
  test_office_free (secure);
}

int
main (int argc, char *argv[])
{
  g_autofree char *keyring = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* One keyring file for the program: libsecret opens its backend once. */
  keyring = g_dir_make_tmp ("afs-sync-keyring-XXXXXX", NULL);
  test_keyring_setup (keyring);

#define ADD(path, func) g_test_add (path, Fx, NULL, setup, func, teardown)
  ADD ("/sync-client/sign-in", test_sign_in);
  ADD ("/sync-client/push-and-pull", test_push_and_pull);
  ADD ("/sync-client/replay-after-lost-reply", test_replay_after_lost_reply);
  ADD ("/sync-client/gap", test_gap);
  ADD ("/sync-client/restored-backup", test_restored_backup);
  ADD ("/sync-client/pull-cut", test_pull_cut);
  ADD ("/sync-client/conflict-classes", test_conflict_classes);
  ADD ("/sync-client/conflict-edit-vs-delete", test_conflict_edit_vs_delete);
  ADD ("/sync-client/conflict-sealed", test_conflict_sealed);
  ADD ("/sync-client/blob-resume", test_blob_resume);
  ADD ("/sync-client/missing-blob", test_missing_blob);
  ADD ("/sync-client/scope-reassign", test_scope_reassign);
  ADD ("/sync-client/scope-race", test_scope_race);
  ADD ("/sync-client/versions", test_versions);
  ADD ("/sync-client/command-line", test_command_line);
  ADD ("/sync-client/tls", test_tls);
#undef ADD

  status = g_test_run ();
  rm_rf (keyring);
  return status;
}
