/* afs-application.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "afs-application.h"
#include "afs-due-notifier.h"
#include "afs-bench.h"
#include "afs-demo.h"
#include "afs-error.h"
#include "afs-preferences-window.h"
#include "afs-report-editor.h"
#include "afs-screenshot.h"
#include "afs-sync-actions.h"
#include "afs-window-views.h"

#define DEMO_CASES 400

struct _AfsApplication
{
  AdwApplication        parent_instance;

  gint64                start_us;
  GSettings            *settings;
  AfsContext           *context;
  AfsWindow            *window;
  AfsDueNotifier       *due_notifier;  /* office desk (issue 3) */
  GtkFileChooserNative *chooser;    /* kept until it answers */

  char                 *database_path;
  char                 *screenshot_path;
  gboolean              demo;
  gboolean              quit_after_first_frame;
  gboolean              bench_scroll;
  gboolean              opening;
  guint                 screenshot_tries;
};

G_DEFINE_FINAL_TYPE (AfsApplication, afs_application, ADW_TYPE_APPLICATION)

static void show_open_error (AfsApplication *self, const char *path, const GError *error);

/* ---- Opening the database ------------------------------------------------- */

typedef struct {
  char     *path;
  gboolean  count;    /* only --demo needs the number of cases */
} OpenRequest;

typedef struct {
  AfsStore *store;
  guint     n_cases;
} OpenResult;

static void
open_request_free (OpenRequest *request)
{
  g_free (request->path);
  g_free (request);
}

static void
open_result_free (OpenResult *result)
{
  g_clear_object (&result->store);
  g_free (result);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenRequest *request = task_data;
  const char *path = request->path;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  OpenResult *result;
  AfsStore *store;
  guint counts[AFS_CASE_STATE_N] = { 0 };
  guint overdue = 0;

  /* The default place may not exist yet on a new account. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_mkdir_with_parents (dir, 0700);

  store = afs_store_open (path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (OpenResult, 1);
  result->store = store;
  /* Counting reads an index of every case (0.3 s and a full page cache
   * at a million): only for --demo, which fills an empty file. */
  if (request->count && afs_store_count_cases (store, counts, &overdue, NULL))
    {
      for (guint i = 0; i < AFS_CASE_STATE_N; i++)
        result->n_cases += counts[i];
    }
  else
    /* Not counted, or unknown: never put demo data into a database that
     * may hold real cases. */
    result->n_cases = G_MAXUINT;

  g_task_return_pointer (task, result, (GDestroyNotify) open_result_free);
}

static void
demo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  AfsStore *store = task_data;
  AfsDemoOptions options = { 0 };
  GError *error = NULL;

  options.n_cases = DEMO_CASES;
  options.seed = 1;

  if (afs_demo_generate (store, &options, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
demo_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->window == NULL)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot make the demo company: %s"), error->message);
      afs_window_show_toast (self->window, text);
    }

  afs_window_set_busy (self->window, FALSE);
}

static gboolean
take_screenshot_and_maybe_quit (gpointer user_data)
{
  AfsApplication *self = user_data;

  if (self->screenshot_path != NULL && self->window != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (afs_screenshot_save (GTK_WIDGET (self->window), self->screenshot_path, &error))
        g_print ("screenshot: %s\n", self->screenshot_path);
      else if (self->screenshot_tries++ < 60)
        {
          /* Mid cross-fade (after the demo page) a frame may render
           * nothing: try again on a later frame. */
          afs_screenshot_after_frames (GTK_WIDGET (self->window), 1,
                                       take_screenshot_and_maybe_quit, self);
          return G_SOURCE_REMOVE;
        }
      else
        g_printerr ("%s\n", error->message);
    }

  /* A screenshot run is a headless check (build-aux/run without a
   * display): it ends by itself. */
  if (self->quit_after_first_frame || self->screenshot_path != NULL)
    g_application_quit (G_APPLICATION (self));

  return G_SOURCE_REMOVE;
}

static gboolean
bench_done (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_first_frame (AfsWindow      *window,
                AfsApplication *self)
{
  gint64 ms = (g_get_monotonic_time () - self->start_us) / 1000;

  if (self->quit_after_first_frame || self->screenshot_path != NULL || self->bench_scroll)
    {
      g_print ("first-frame-ms: %" G_GINT64_FORMAT "\n", ms);
      fflush (stdout);
    }

  if (self->screenshot_path != NULL)
    /* Let layout and paint settle: about three frames. */
    afs_screenshot_after_frames (GTK_WIDGET (window), 3, take_screenshot_and_maybe_quit, self);
  else if (self->quit_after_first_frame)
    g_idle_add (take_screenshot_and_maybe_quit, self);
  else if (self->bench_scroll)
    afs_bench_scroll (window, bench_done, self);
}

static void
on_window_destroyed (AfsApplication *self)
{
  self->window = NULL;
}

static void
show_main_window (AfsApplication *self,
                  AfsStore       *store,
                  guint           n_cases)
{
  g_clear_object (&self->context);
  self->context = afs_context_new (store, self->settings);

  self->window = afs_window_new (GTK_APPLICATION (self), self->context);
  g_signal_connect_object (self->window, "first-frame",
                           G_CALLBACK (on_first_frame), self, 0);
  g_signal_connect_object (self->window, "destroy",
                           G_CALLBACK (on_window_destroyed), self, G_CONNECT_SWAPPED);

  /* The technician's orders (issue 4), the sync conflicts to review and
   * the sync status (issue 5) sit beside the office views. */
  afs_window_add_field_views (self->window, self->context);

  /* Deadlines: a desktop notification when a case becomes due soon. */
  g_clear_object (&self->due_notifier);
  self->due_notifier = afs_due_notifier_new (G_APPLICATION (self), self->context);
  afs_due_notifier_check (self->due_notifier);

  if (self->demo && n_cases == 0)
    {
      g_autoptr(GTask) task = NULL;

      afs_window_set_busy (self->window, TRUE);
      task = g_task_new (NULL, NULL, demo_cb, g_object_ref (self));
      g_task_set_source_tag (task, show_main_window);
      g_task_set_task_data (task, g_object_ref (store), g_object_unref);
      g_task_run_in_thread (task, demo_thread);
    }

  gtk_window_present (GTK_WINDOW (self->window));
}

static void
open_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GTask *task = G_TASK (result);
  const char *path = ((OpenRequest *) g_task_get_task_data (task))->path;
  OpenResult *opened;

  self->opening = FALSE;
  opened = g_task_propagate_pointer (task, &error);

  if (opened == NULL)
    show_open_error (self, path, error);
  else
    {
      show_main_window (self, opened->store, opened->n_cases);
      open_result_free (opened);
    }

  g_application_release (G_APPLICATION (self));
}

void
afs_application_open_database (AfsApplication *self,
                               const char     *path)
{
  g_autoptr(GTask) task = NULL;
  OpenRequest *request;

  g_return_if_fail (AFS_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  if (self->opening)
    return;
  self->opening = TRUE;

  g_free (self->database_path);
  self->database_path = g_strdup (path);

  /* Nothing is on screen while the file opens: keep the app alive. */
  g_application_hold (G_APPLICATION (self));

  task = g_task_new (NULL, NULL, open_cb, g_object_ref (self));
  g_task_set_source_tag (task, afs_application_open_database);
  request = g_new0 (OpenRequest, 1);
  request->path = g_strdup (path);
  request->count = self->demo;
  g_task_set_task_data (task, request, (GDestroyNotify) open_request_free);
  g_task_run_in_thread (task, open_thread);
}

/* ---- When the file cannot be opened --------------------------------------- */

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     AfsApplication  *self)
{
  g_autoptr(GtkFileChooserNative) keep = g_steal_pointer (&self->chooser);
  g_autofree char *failed_path = g_object_steal_data (G_OBJECT (chooser), "failed-path");
  GError *failed_error = g_object_get_data (G_OBJECT (chooser), "failed-error");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          /* The person chose this file: it is the one to open next time. */
          g_settings_set_string (self->settings, "database-path", path);
          afs_application_open_database (self, path);
        }
    }
  else
    /* Cancelled: the problem is still there; say so again. */
    show_open_error (self, failed_path, failed_error);

  g_application_release (G_APPLICATION (self));
}

static void
choose_other_file (AfsApplication *self,
                   const char     *failed_path,
                   const GError   *failed_error)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *dir = g_path_get_dirname (failed_path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Open a Case Database"), NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Case databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_filter_add_pattern (filter, "*.bak");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);

  g_object_set_data_full (G_OBJECT (self->chooser), "failed-path", g_strdup (failed_path), g_free);
  g_object_set_data_full (G_OBJECT (self->chooser), "failed-error",
                          g_error_copy (failed_error), (GDestroyNotify) g_error_free);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);

  g_application_hold (G_APPLICATION (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

typedef struct {
  char *db_path;
  char *backup_path;
} RestoreRequest;

static void
restore_request_free (RestoreRequest *request)
{
  g_free (request->db_path);
  g_free (request->backup_path);
  g_free (request);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreRequest *request = task_data;
  GError *error = NULL;

  if (afs_store_restore_backup (request->db_path, request->backup_path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
restore_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AfsApplication) self = user_data;
  RestoreRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    afs_application_open_database (self, request->db_path);
  else
    show_open_error (self, request->db_path, error);

  g_application_release (G_APPLICATION (self));
}

static void
on_restore_confirmed (AdwMessageDialog *dialog,
                      const char       *response,
                      AfsApplication   *self)
{
  RestoreRequest *request = g_object_get_data (G_OBJECT (dialog), "request");
  GError *failed_error = g_object_get_data (G_OBJECT (dialog), "failed-error");
  g_autoptr(GTask) task = NULL;

  if (!g_str_equal (response, "restore"))
    {
      show_open_error (self, request->db_path, failed_error);
      return;
    }

  g_application_hold (G_APPLICATION (self));
  task = g_task_new (NULL, NULL, restore_cb, g_object_ref (self));
  g_task_set_source_tag (task, on_restore_confirmed);
  g_task_set_task_data (task, g_steal_pointer (&request), (GDestroyNotify) restore_request_free);
  g_object_steal_data (G_OBJECT (dialog), "request");
  g_task_run_in_thread (task, restore_thread);
}

static void
confirm_restore (AfsApplication *self,
                 const char     *db_path,
                 const char     *backup_path,
                 const GError   *failed_error)
{
  AdwMessageDialog *dialog;
  RestoreRequest *request;
  g_autofree char *backup_name = g_path_get_basename (backup_path);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, _("Restore the Last Backup?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The backup “%s” takes the place of “%s”. Changes made since the backup are not in it. The current file is kept beside it with “.damaged” in its name."),
                                  backup_name, db_path);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  request = g_new0 (RestoreRequest, 1);
  request->db_path = g_strdup (db_path);
  request->backup_path = g_strdup (backup_path);
  g_object_set_data_full (G_OBJECT (dialog), "request", request, (GDestroyNotify) restore_request_free);
  g_object_set_data_full (G_OBJECT (dialog), "failed-error",
                          g_error_copy (failed_error), (GDestroyNotify) g_error_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_confirmed), self, 0);

  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_error_response (AdwMessageDialog *dialog,
                        const char       *response,
                        AfsApplication   *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  GError *error = g_object_get_data (G_OBJECT (dialog), "error");
  GPtrArray *backups = g_object_get_data (G_OBJECT (dialog), "backups");

  if (g_str_equal (response, "open"))
    choose_other_file (self, path, error);
  else if (g_str_equal (response, "restore") && backups != NULL && backups->len > 0)
    confirm_restore (self, path, g_ptr_array_index (backups, 0), error);
  else if (g_str_equal (response, "retry"))
    afs_application_open_database (self, path);
  /* "quit": the dialog closes; with no window left the app ends. */
}

static const char *
open_error_heading (const GError *error)
{
  if (error->domain == AFS_ERROR)
    switch (error->code)
      {
      case AFS_ERROR_CORRUPT:
        return _("The Case Database Is Damaged");
      case AFS_ERROR_TOO_NEW:
        return _("The Case Database Is From a Newer Version");
      case AFS_ERROR_BUSY:
        return _("The Case Database Is in Use");
      case AFS_ERROR_IO:
        return _("The Case Database Cannot Be Read");
      default:
        break;
      }
  return _("Cannot Open the Case Database");
}

static void
show_open_error (AfsApplication *self,
                 const char     *path,
                 const GError   *error)
{
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) backups = afs_store_list_backups (path);
  g_autofree char *body = NULL;

  if (self->window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->window));

  /* Name the file, and what the store said (which says what to do); the
   * store's message may already name it, the person must see it anyway. */
  if (error->message != NULL && strstr (error->message, path) != NULL)
    body = g_strdup (error->message);
  else
    /* Translators: %s: the file path; second %s: what is wrong with it. */
    body = g_strdup_printf (_("File: %s\n\n%s"), path, error->message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL, open_error_heading (error), body));
  adw_message_dialog_add_response (dialog, "quit", _("_Quit"));
  if (g_error_matches (error, AFS_ERROR, AFS_ERROR_BUSY))
    adw_message_dialog_add_response (dialog, "retry", _("_Try Again"));
  if (backups != NULL && backups->len > 0)
    adw_message_dialog_add_response (dialog, "restore", _("_Restore Last Backup"));
  adw_message_dialog_add_response (dialog, "open", _("_Open Another File…"));
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "open");
  adw_message_dialog_set_close_response (dialog, "quit");

  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "error", g_error_copy (error), (GDestroyNotify) g_error_free);
  if (backups != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "backups", g_ptr_array_ref (backups),
                            (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_error_response), self, 0);

  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));

  if (self->screenshot_path != NULL || self->quit_after_first_frame || self->bench_scroll)
    {
      /* Headless runs must not wait for an answer that never comes. */
      g_printerr ("%s\n%s\n", open_error_heading (error), body);
      g_application_quit (G_APPLICATION (self));
    }
}

/* ---- App actions ---------------------------------------------------------- */

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  AfsApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Close rather than just quit, so the window saves its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  AfsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *prefs = afs_preferences_window_new (parent, self->context);

  gtk_window_present (GTK_WINDOW (prefs));
}

GtkWidget *
afs_application_create_about_window (GtkWindow *parent)
{
  static const char *developers[] = { "The AfterSales authors", NULL };

  return g_object_new (ADW_TYPE_ABOUT_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "application-name", _("AfterSales"),
                       "application-icon", APP_ID,
                       "version", PACKAGE_VERSION,
                       "developer-name", _("The AfterSales authors"),
                       "developers", developers,
                       "comments", _("Register repair requests and complaints, check scope and warranty, grade them, keep deadlines and dispatch technicians."),
                       "license-type", GTK_LICENSE_GPL_3_0,
                       "copyright", "© 2026 The AfterSales authors",
                       /* Translators: put your names here, one per line. */
                       "translator-credits", _("translator-credits"),
                       NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  AfsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (afs_application_create_about_window (parent)));
}

/* A due-soon notification was clicked (issue 3): show that case. */
static void
show_case_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  AfsApplication *self = user_data;

  if (self->window == NULL)
    return;
  afs_window_show_view (self->window, "cases");
  afs_window_open_case (self->window, g_variant_get_string (param, NULL));
  gtk_window_present (GTK_WINDOW (self->window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "show-case", show_case_action, "s" },
};

/* ---- GApplication --------------------------------------------------------- */

static void
apply_color_scheme (AfsApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  int i = g_settings_get_enum (self->settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[i >= 0 && i < (int) G_N_ELEMENTS (schemes) ? i : 0]);
}

static void
afs_application_startup (GApplication *app)
{
  AfsApplication *self = AFS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (afs_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  /* Sign in, sign out, Sync Now (issue 5). */
  afs_sync_actions_install (self);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
afs_application_shutdown (GApplication *app)
{
  AfsApplication *self = AFS_APPLICATION (app);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Let go of the store now, not at exit: closing it checkpoints the
   * write-ahead log into the database file. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  /* A report typed just before quitting is being written by a worker. */
  afs_report_editor_wait_for_saves ();
  g_clear_object (&self->due_notifier);
  g_clear_object (&self->context);

  G_APPLICATION_CLASS (afs_application_parent_class)->shutdown (app);
}

char *
afs_application_default_database_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "aftersales", "aftersales.db", NULL);
}

static void
afs_application_activate (GApplication *app)
{
  AfsApplication *self = AFS_APPLICATION (app);
  g_autofree char *path = NULL;

  if (self->window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->window));
      return;
    }
  if (self->opening)
    return;

  if (self->database_path != NULL)
    path = g_strdup (self->database_path);
  else
    {
      path = g_settings_get_string (self->settings, "database-path");
      if (path[0] == '\0')
        {
          g_free (path);
          path = afs_application_default_database_path ();
        }
    }

  afs_application_open_database (self, path);
}

static int
afs_application_command_line (GApplication            *app,
                              GApplicationCommandLine *command_line)
{
  AfsApplication *self = AFS_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *database = NULL;
  g_autofree char *screenshot = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &database) && database[0] != '\0')
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, database);

      g_free (self->database_path);
      self->database_path = g_file_get_path (file);
    }
  if (g_variant_dict_lookup (options, "screenshot", "^ay", &screenshot) && screenshot[0] != '\0')
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, screenshot);

      g_free (self->screenshot_path);
      self->screenshot_path = g_file_get_path (file);
    }
  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;
  if (g_variant_dict_contains (options, "quit-after-first-frame"))
    self->quit_after_first_frame = TRUE;
  if (g_variant_dict_contains (options, "bench-scroll"))
    self->bench_scroll = TRUE;

  g_application_activate (app);
  return 0;
}

static void
afs_application_dispose (GObject *object)
{
  AfsApplication *self = AFS_APPLICATION (object);

  g_clear_object (&self->chooser);
  g_clear_object (&self->due_notifier);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (afs_application_parent_class)->dispose (object);
}

static void
afs_application_finalize (GObject *object)
{
  AfsApplication *self = AFS_APPLICATION (object);

  g_free (self->database_path);
  g_free (self->screenshot_path);

  G_OBJECT_CLASS (afs_application_parent_class)->finalize (object);
}

static void
afs_application_class_init (AfsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = afs_application_dispose;
  object_class->finalize = afs_application_finalize;

  app_class->startup = afs_application_startup;
  app_class->shutdown = afs_application_shutdown;
  app_class->activate = afs_application_activate;
  app_class->command_line = afs_application_command_line;
}

static void
afs_application_init (AfsApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("The case database (SQLite file) to open"), N_("FILE") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Fill an empty database with a demo company"), NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Save a picture of the main window once it shows its cases, then quit"), N_("FILE") },
    { "quit-after-first-frame", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the time to the first frame of the case list and quit"), NULL },
    { "bench-scroll", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Scroll the list of all cases from top to bottom, print the time and the peak memory use, and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

AfsApplication *
afs_application_new (gint64 start_us)
{
  AfsApplication *self = g_object_new (AFS_TYPE_APPLICATION,
                                       "application-id", APP_ID,
                                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                                       "resource-base-path", "/org/example/AfterSales",
                                       NULL);

  self->start_us = start_us;
  return self;
}

AfsWindow *
afs_application_get_main_window (AfsApplication *self)
{
  g_return_val_if_fail (AFS_IS_APPLICATION (self), NULL);
  return self->window;
}
