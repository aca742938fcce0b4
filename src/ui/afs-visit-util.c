/* afs-visit-util.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-format.h"
#include "afs-visit-util.h"

#define PHOTO_FOLDER_KEY "afs-visit-photo-folder"

AfsPhotoFolder *
afs_visit_get_photo_folder (AfsContext *context)
{
  AfsPhotoFolder *folder;

  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);

  folder = g_object_get_data (G_OBJECT (context), PHOTO_FOLDER_KEY);
  if (folder == NULL)
    {
      const char *env = g_getenv ("AFS_PHOTO_DIR");
      g_autofree char *root = NULL;

      if (env != NULL && env[0] != '\0')
        root = g_strdup (env);
      else
        {
          g_autofree char *dir = g_path_get_dirname (afs_store_get_path (afs_context_get_store (context)));

          root = g_build_filename (dir, "photos", NULL);
        }
      folder = afs_photo_folder_new (root);
      g_object_set_data_full (G_OBJECT (context), PHOTO_FOLDER_KEY, folder, g_object_unref);
    }

  return folder;
}

typedef struct {
  AfsStore        *store;
  AfsCaseCallFunc  func;
  char            *case_id;
} CallData;

static void
call_data_free (CallData *data)
{
  g_clear_object (&data->store);
  g_free (data->case_id);
  g_free (data);
}

static void
call_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CallData *data = task_data;
  GError *error = NULL;

  if (data->func (data->store, data->case_id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
afs_visit_call_async (AfsStore            *store,
                      AfsCaseCallFunc      func,
                      const char          *case_id,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *data = g_new0 (CallData, 1);

  data->store = g_object_ref (store);
  data->func = func;
  data->case_id = g_strdup (case_id);

  /* No source object: a widget must never be finalized on the worker. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, afs_visit_call_async);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  g_task_run_in_thread (task, call_thread);
}

gboolean
afs_visit_call_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
afs_visit_drop_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    gtk_root_set_focus (root, NULL);
}

char *
afs_visit_format_time (gint64 unix_seconds,
                       gint64 now)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) today = NULL;

  if (unix_seconds == 0)
    return g_strdup ("—");

  when = g_date_time_new_from_unix_local (unix_seconds);
  today = g_date_time_new_from_unix_local (now);
  if (when == NULL || today == NULL)
    return g_strdup ("—");

  if (g_date_time_get_year (when) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (today))
    return g_date_time_format (when, "%H:%M");

  return afs_format_datetime (unix_seconds);
}
