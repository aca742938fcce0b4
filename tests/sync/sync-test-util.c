/* sync-test-util.c: see sync-test-util.h.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <glib/gstdio.h>

#include "afs-store-visit.h"
#include "sync-test-util.h"

static char *
build_path (const char *relative)
{
  const char *root = g_getenv ("AFS_BUILD_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

void
test_keyring_setup (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "keyring", NULL);

  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test keyring", TRUE);
}

static void
run_admin (const char *data_dir,
           const char *const *args)
{
  g_autofree char *binary = build_path ("src/server/aftersales-office");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, (char *) "--data");
  g_ptr_array_add (argv, (char *) data_dir);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char *const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("aftersales-office %s failed: %s", args[0], err);
}

static void
add_user (TestOffice *office,
          const char *name,
          const char *role,
          const char *staff_id)
{
  g_autofree char *pw = g_build_filename (office->data_dir, "..", "password", NULL);
  const char *args[] = { "user", "add", name, "--role", role, "--staff-id", staff_id,
                         "--password-file", pw, NULL };

  g_assert_true (g_file_set_contents (pw, TEST_PASSWORD "\n", -1, NULL));
  run_admin (office->data_dir, args);
}

TestOffice *
test_office_new (const char *dir)
{
  TestOffice *office = g_new0 (TestOffice, 1);

  office->data_dir = g_build_filename (dir, "office-data", NULL);
  g_assert_cmpint (g_mkdir_with_parents (office->data_dir, 0700), ==, 0);
  add_user (office, "olga", "office", STAFF_OFFICE);
  add_user (office, "tom", "technician", STAFF_TOM);
  add_user (office, "wang", "technician", STAFF_WANG);
  return office;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

void
test_office_start (TestOffice *office)
{
  g_autofree char *binary = build_path ("src/server/aftersales-office");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  const char *port_text;

  g_assert_null (office->proc);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* A test that crashes takes its service with it. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (office->tls_cert != NULL)
    office->proc = g_subprocess_launcher_spawn (launcher, &error,
                                                binary, "serve", "--data", office->data_dir,
                                                "--port", "0", "--tls-cert", office->tls_cert,
                                                "--tls-key", office->tls_key, NULL);
  else
    office->proc = g_subprocess_launcher_spawn (launcher, &error,
                                                binary, "serve", "--data", office->data_dir,
                                                "--port", "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (office->proc));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || (!g_str_has_prefix (line, "listening on http://127.0.0.1:") &&
                       !g_str_has_prefix (line, "listening on https://127.0.0.1:")))
    g_error ("aftersales-office did not start: %s", line ? line : "(no output)");
  port_text = strrchr (line, ':') + 1;
  office->port = (guint16) g_ascii_strtoull (port_text, NULL, 10);
  g_assert_cmpuint (office->port, >, 0);
}

void
test_office_stop (TestOffice *office,
                  gboolean    hard)
{
  if (office->proc == NULL)
    return;
  if (hard)
    g_subprocess_force_exit (office->proc);
  else
    g_subprocess_send_signal (office->proc, SIGTERM);
  g_subprocess_wait (office->proc, NULL, NULL);
  g_clear_object (&office->proc);
}

void
test_office_free (TestOffice *office)
{
  if (office == NULL)
    return;
  test_office_stop (office, FALSE);
  g_free (office->data_dir);
  g_free (office->tls_cert);
  g_free (office->tls_key);
  g_free (office);
}

char *
test_url (guint16 port)
{
  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

sqlite3 *
test_office_db (TestOffice *office)
{
  g_autofree char *path = g_build_filename (office->data_dir, "office.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s: no row (%s, %d)", sql, sqlite3_errmsg (db), sqlite3_extended_errcode (db));
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

gint64
test_sql_int (sqlite3    *db,
              const char *format,
              ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return query_int (db, sql);
}

/* ---- Devices ------------------------------------------------------------ */

static void
open_device (TestDevice *device)
{
  g_autoptr(GError) error = NULL;

  device->store = afs_store_open (device->path, &error);
  g_assert_no_error (error);
  device->client = afs_sync_client_new (device->store);
  afs_sync_client_set_photo_dir (device->client, device->photo_dir);
  /* A stalled connection ends well within the test's time. */
  afs_sync_client_set_timeout (device->client, 2);
}

TestDevice *
test_device_new (const char *dir,
                 const char *name,
                 const char *staff_id,
                 AfsRole     role)
{
  TestDevice *device = g_new0 (TestDevice, 1);

  device->name = g_strdup (name);
  device->path = g_strdup_printf ("%s/%s.db", dir, name);
  device->photo_dir = g_strdup_printf ("%s/%s-photos", dir, name);
  open_device (device);
  afs_store_set_actor (device->store, staff_id, name, role);
  return device;
}

void
test_device_reopen (TestDevice *device)
{
  AfsRole role = afs_store_get_actor_role (device->store);

  g_clear_object (&device->client);
  g_clear_object (&device->store);
  open_device (device);
  afs_store_set_actor (device->store,
                       g_str_equal (device->name, "tom") ? STAFF_TOM
                       : g_str_equal (device->name, "wang") ? STAFF_WANG : STAFF_OFFICE,
                       device->name, role);
  g_assert_true (afs_sync_client_restore_session (device->client, NULL, NULL));
}

void
test_device_free (TestDevice *device)
{
  if (device == NULL)
    return;
  g_clear_object (&device->client);
  g_clear_object (&device->store);
  g_free (device->name);
  g_free (device->path);
  g_free (device->photo_dir);
  g_free (device);
}

gboolean
test_device_sign_in (TestDevice  *device,
                     guint16      port,
                     const char  *user,
                     GError     **error)
{
  g_autofree char *url = test_url (port);

  return afs_sync_client_sign_in (device->client, url, user, TEST_PASSWORD, NULL, error);
}

gboolean
test_device_sync (TestDevice  *device,
                  GError     **error)
{
  return afs_sync_client_sync (device->client, NULL, error);
}

void
test_device_sync_ok (TestDevice *device)
{
  g_autoptr(GError) error = NULL;

  if (!test_device_sync (device, &error))
    g_error ("%s: sync failed: %s", device->name, error->message);
}

void
test_add_staff (TestDevice *office)
{
  static const struct { const char *id, *name; AfsRole role; } people[] = {
    { STAFF_OFFICE, "Olga Office", AFS_ROLE_OFFICE },
    { STAFF_TOM, "Tomasz Technik", AFS_ROLE_TECHNICIAN },
    { STAFF_WANG, "Wang Wei", AFS_ROLE_TECHNICIAN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(GError) error = NULL;
      AfsStaffData staff = { 0 };

      staff.id = (char *) people[i].id;
      staff.name = (char *) people[i].name;
      staff.phone = (char *) "+48 600 100 200";
      staff.hourly_rate = 40;
      staff.role = people[i].role;
      staff.active = TRUE;
      afs_store_add_staff (office->store, &staff, NULL, &error);
      g_assert_no_error (error);
    }
}

char *
test_new_case (TestDevice *device,
               const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_id = NULL;
  AfsCustomerData customer = { 0 };
  AfsCaseInput input = { 0 };
  char *case_id = NULL;

  customer.name = (char *) "Hotel Lodówka";
  customer.phone = (char *) "+48 12 345 67 89";
  customer.region = AFS_REGION_LOCAL;
  customer.tier = AFS_TIER_REGULAR;
  afs_store_add_customer (device->store, &customer, &customer_id, &error);
  g_assert_no_error (error);

  input.customer_id = customer_id;
  input.description = description;
  input.channel = AFS_CHANNEL_PHONE;
  input.category = AFS_CATEGORY_REPAIR;
  afs_store_create_case (device->store, &input, &case_id, &error);
  g_assert_no_error (error);
  return case_id;
}

char *
test_add_photo (TestDevice *device,
                const char *case_id,
                gsize       size,
                guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree guchar *data = g_malloc (size);
  g_autofree char *sha = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  AfsPhotoInput input = { 0 };

  /* A JPEG start, then noise: the sync moves bytes, it does not decode. */
  for (gsize i = 0; i < size; i++)
    data[i] = (guchar) g_rand_int_range (rand, 0, 256);
  data[0] = 0xff;
  data[1] = 0xd8;
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);

  {
    char prefix[3] = { sha[0], sha[1], '\0' };

    dir = g_build_filename (device->photo_dir, prefix, NULL);
    name = g_strconcat (sha, ".jpg", NULL);
  }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));

  input.case_id = case_id;
  input.sha256 = sha;
  input.kind = AFS_PHOTO_KIND_DAMAGE_CLOSE_UP;
  input.width = 640;
  input.height = 480;
  input.size = (gint64) size;
  afs_store_add_photo (device->store, &input, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&sha);
}

void
test_dispatch (TestDevice *office,
               const char *case_id,
               const char *staff_id)
{
  g_autoptr(GError) error = NULL;

  const char *fields[] = { "severity", "scope", "warranty", "cause", NULL };
  const char *values[] = { "2", "in", "in", "product_quality", NULL };

  afs_store_update_case (office->store, case_id, 0, fields, values, &error);
  g_assert_no_error (error);
  afs_store_apply_action (office->store, case_id, AFS_ACTION_TRIAGE, NULL, &error);
  g_assert_no_error (error);
  afs_store_assign_technician (office->store, case_id, staff_id, TRUE, &error);
  g_assert_no_error (error);
  afs_store_apply_action (office->store, case_id, AFS_ACTION_DISPATCH, NULL, &error);
  g_assert_no_error (error);
}

gboolean
test_update_case (TestDevice  *device,
                  const char  *case_id,
                  const char  *field,
                  const char  *value,
                  GError     **error)
{
  const char *fields[] = { field, NULL };
  const char *values[] = { value, NULL };

  return afs_store_update_case (device->store, case_id, 0, fields, values, error);
}

static sqlite3 *
raw (TestDevice *device)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (device->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

char *
test_device_text (TestDevice *device,
                  const char *format,
                  ...)
{
  g_autofree char *sql = NULL;
  sqlite3 *db = raw (device);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

gint64
test_device_int (TestDevice *device,
                 const char *format,
                 ...)
{
  g_autofree char *sql = NULL;
  sqlite3 *db = raw (device);
  gint64 value;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  value = query_int (db, sql);
  sqlite3_close (db);
  return value;
}

char *
test_hash_diff (TestDevice *a,
                TestDevice *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ha = afs_store_sync_table_hashes (a->store, &error);
  g_autoptr(GHashTable) hb = NULL;
  GString *diff = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);
  hb = afs_store_sync_table_hashes (b->store, &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, ha);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (hb, key)) != 0)
      g_string_append_printf (diff, "%s%s", diff->len > 0 ? ", " : "", (const char *) key);

  if (diff->len == 0)
    {
      g_string_free (diff, TRUE);
      return NULL;
    }
  return g_string_free (diff, FALSE);
}
