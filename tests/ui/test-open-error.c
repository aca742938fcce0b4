/* test-open-error.c: a damaged database file is explained, not opened,
 * not overwritten and not crashed on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "afs-application.h"
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/open-error/corrupt-database", test_corrupt_database);

  return g_test_run ();
}
