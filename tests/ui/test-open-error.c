/* test-open-error.c: a damaged database file is explained, not opened,
 * not overwritten and not crashed on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include <sqlite3.h>

#include "afs-application.h"
#include "afs-store.h"
#include "afs-ui-test-util.h"

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static void
test_corrupt_database (void)
{
  g_autoptr(AfsApplication) app = afs_application_new (g_get_monotonic_time ());
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("afs-ui-corrupt-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *after = NULL;
  gsize after_len = 0;
  guint8 junk[65536];
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  AdwMessageDialog *dialog;
  const char *body;

  g_assert_no_error (error);
  for (gsize i = 0; i < sizeof junk; i++)
    junk[i] = g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (path, (const char *) junk, sizeof junk, &error));
  g_assert_no_error (error);

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  afs_application_open_database (app, path);
  g_assert_true (afs_test_wait_until (dialog_shown, NULL, 10000));

  dialog = find_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("heading: %s", adw_message_dialog_get_heading (dialog));
  g_test_message ("body: %s", body);
  g_assert_nonnull (strstr (body, path));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Case Database Is Damaged");
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  /* No backup exists next to it, so none is offered. */
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_null (afs_application_get_main_window (app));

  /* The file is exactly as it was. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (after_len, ==, sizeof junk);
  g_assert_true (memcmp (after, junk, sizeof junk) == 0);

  /* Closing it (the "Quit" response) leaves nothing behind. */
  gtk_window_close (GTK_WINDOW (dialog));
  afs_test_wait_ms (100);
  g_assert_null (find_dialog ());

  g_unlink (path);
  g_rmdir (dir);
}

static AdwMessageDialog *
find_dialog_with_heading (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
confirm_shown (gpointer data)
{
  return find_dialog_with_heading ("Restore the Last Backup?") != NULL;
}

static gboolean
main_window_shown (gpointer data)
{
  return afs_application_get_main_window (AFS_APPLICATION (data)) != NULL;
}

static char *
find_damaged_copy (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "cases.db.damaged-") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

/* A file written by a newer AfterSales is not opened and not changed; the
 * person can put the last backup in its place, and the newer file is kept
 * beside it, byte for byte. */
static void
test_too_new_restore_backup (void)
{
  g_autoptr(AfsApplication) app = afs_application_new (g_get_monotonic_time ());
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("afs-ui-too-new-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *newer = NULL, *kept = NULL, *damaged = NULL;
  gsize newer_len = 0, kept_len = 0;
  g_autofree char *customer_id = NULL;
  AfsCustomerData customer = { 0 };
  AdwMessageDialog *dialog;
  sqlite3 *db = NULL;

  g_assert_no_error (error);

  /* A real database with one customer, and a backup of it made the way
   * the store names its pre-migration backups. */
  {
    g_autoptr(AfsStore) store = afs_store_open (path, &error);
    g_assert_no_error (error);
    customer.name = (char *) "Backup Customer";
    g_assert_true (afs_store_add_customer (store, &customer, &customer_id, &error));
    g_assert_no_error (error);
  }
  backup = g_strdup_printf ("%s.v%d-20261101-120000.bak", path, afs_store_schema_version_latest ());
  {
    g_autofree char *bytes = NULL;
    gsize len = 0;
    g_assert_true (g_file_get_contents (path, &bytes, &len, &error));
    g_assert_true (g_file_set_contents (backup, bytes, len, &error));
    g_assert_no_error (error);
  }

  /* Now the file claims a schema from the future. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode=DELETE; PRAGMA user_version = 999;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &newer, &newer_len, &error));

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  afs_application_open_database (app, path);
  g_assert_true (afs_test_wait_until (dialog_shown, NULL, 10000));
  dialog = find_dialog ();
  g_test_message ("body: %s", adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Case Database Is From a Newer Version");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), path));
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_null (afs_application_get_main_window (app));

  /* Restore asks first … */
  adw_message_dialog_response (dialog, "restore");
  g_assert_true (afs_test_wait_until (confirm_shown, NULL, 10000));
  adw_message_dialog_response (find_dialog_with_heading ("Restore the Last Backup?"), "restore");

  /* … then the backup opens in the main window. */
  g_assert_true (afs_test_wait_until (main_window_shown, app, 10000));

  /* The newer file was moved aside unchanged, never overwritten. */
  damaged = find_damaged_copy (dir);
  g_assert_nonnull (damaged);
  g_assert_true (g_file_get_contents (damaged, &kept, &kept_len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kept_len, ==, newer_len);
  g_assert_true (memcmp (kept, newer, newer_len) == 0);

  /* And the restored database has the customer the backup held. */
  {
    GtkWindow *window = GTK_WINDOW (afs_application_get_main_window (app));
    g_autoptr(AfsStore) store = NULL;
    AfsCustomerData got = { 0 };

    gtk_window_destroy (window);
    afs_test_wait_ms (100);
    store = afs_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (afs_store_get_customer (store, customer_id, &got, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (got.name, ==, "Backup Customer");
    afs_customer_data_clear (&got);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/open-error/corrupt-database", test_corrupt_database);
  g_test_add_func ("/ui/open-error/too-new-restore-backup", test_too_new_restore_backup);

  return g_test_run ();
}
