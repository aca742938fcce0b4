/* afs-sync-actions.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-sign-in-dialog.h"
#include "afs-sync-actions.h"
#include "afs-sync-scheduler.h"

/* The window the actions act on: the active one when it is a main
 * window (the app has one; tests make their own application). */
static AfsWindow *
main_window (gpointer app)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (active != NULL && AFS_IS_WINDOW (active))
    return AFS_WINDOW (active);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (AFS_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static AfsContext *
main_context (gpointer app)
{
  AfsWindow *window = main_window (app);

  return window != NULL ? afs_window_get_context (window) : NULL;
}

static void
toast (GtkWindow  *parent,
       const char *text)
{
  if (parent != NULL && AFS_IS_WINDOW (parent))
    afs_window_show_toast (AFS_WINDOW (parent), text);
}

/* ---- Describing unsent work ------------------------------------------------ */

static const struct {
  const char *table;
  const char *added;
  const char *changed;
  const char *deleted;
} pending_words[] = {
  { "cases", N_("case created"), N_("case changed"), N_("case deleted") },
  { "customers", N_("customer added"), N_("customer changed"), N_("customer deleted") },
  { "equipment", N_("equipment added"), N_("equipment changed"), N_("equipment deleted") },
  { "assignments", N_("technician assigned"), N_("assignment changed"), N_("assignment removed") },
  { "visits", N_("visit recorded"), N_("visit changed"), N_("visit deleted") },
  { "reports", N_("report written"), N_("report changed"), N_("report deleted") },
  { "report_drafts", N_("report draft written"), N_("report draft changed"), N_("report draft deleted") },
  { "report_parts", N_("part used added"), N_("parts used changed"), N_("part used removed") },
  { "report_ratings", N_("rating given"), N_("rating changed"), N_("rating removed") },
  { "photos", N_("photo added"), N_("photo changed"), N_("photo removed") },
  { "signatures", N_("signature added"), N_("signature changed"), N_("signature removed") },
  { "follow_ups", N_("follow-up recorded"), N_("follow-up changed"), N_("follow-up deleted") },
  { "approvals", N_("approval requested"), N_("approval changed"), N_("approval withdrawn") },
  { "part_shipments", N_("part shipment added"), N_("part shipment changed"), N_("part shipment deleted") },
  { "conflicts", N_("conflict recorded"), N_("conflict resolved"), N_("conflict removed") },
  { "staff", N_("staff member added"), N_("staff member changed"), N_("staff member removed") },
  /* Each change also writes its line of the case timeline. */
  { "audit", N_("timeline entry added"), N_("timeline entry changed"), N_("timeline entry removed") },
};

char *
afs_sync_describe_pending (const AfsPendingChange *change)
{
  const char *what = NULL;

  g_return_val_if_fail (change != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pending_words); i++)
    if (g_strcmp0 (pending_words[i].table, change->table_name) == 0)
      {
        if (g_strcmp0 (change->op, "insert") == 0)
          what = _(pending_words[i].added);
        else if (g_strcmp0 (change->op, "delete") == 0)
          what = _(pending_words[i].deleted);
        else
          what = _(pending_words[i].changed);
        break;
      }

  if (what == NULL)
    {
      /* A table added after this list: still say something true. */
      g_autofree char *generic = g_strdup_printf (_("%s changed"), change->table_name);

      if (change->case_number != NULL)
        return g_strdup_printf (_("Case %s: %s"), change->case_number, generic);
      return g_steal_pointer (&generic);
    }

  if (change->case_number != NULL)
    return g_strdup_printf (_("Case %s: %s"), change->case_number, what);
  return g_strdup (what);
}

/* ---- Sign-out ------------------------------------------------------------------ */

typedef struct {
  GPtrArray *pending;   /* AfsPendingChange* */
  GPtrArray *photos;    /* char* sha256 */
} PendingWork;

static void
pending_work_free (PendingWork *work)
{
  g_clear_pointer (&work->pending, g_ptr_array_unref);
  g_clear_pointer (&work->photos, g_ptr_array_unref);
  g_free (work);
}

static void
pending_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PendingWork *work = g_new0 (PendingWork, 1);
  GError *error = NULL;

  work->pending = afs_store_list_pending (source, &error);
  if (work->pending != NULL)
    work->photos = afs_store_sync_unconfirmed_blobs (source, &error);
  if (error != NULL)
    {
      pending_work_free (work);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, work, (GDestroyNotify) pending_work_free);
}

typedef struct {
  AfsContext *context;
  GtkWindow  *parent;
} SignOut;

static void
sign_out_free (SignOut *so)
{
  g_clear_object (&so->context);
  g_clear_object (&so->parent);
  g_free (so);
}

static void
sign_out_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SignOut *so = user_data;
  g_autoptr(GError) error = NULL;

  if (afs_sync_client_sign_out_finish (AFS_SYNC_CLIENT (source), result, &error))
    {
      toast (so->parent, _("Signed out. This computer no longer syncs with the office."));
      afs_context_cases_changed (so->context);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Still signed in: %s"), error->message);

      toast (so->parent, text);
    }
  sign_out_free (so);
}

static void
on_sign_out_response (AdwMessageDialog *dialog,
                      const char       *response,
                      SignOut          *so)
{
  AfsSyncClient *client = afs_context_get_sync_client (so->context);

  if (g_str_equal (response, "sign-out") || g_str_equal (response, "discard"))
    {
      SignOut *next = g_new0 (SignOut, 1);

      next->context = g_object_ref (so->context);
      next->parent = so->parent != NULL ? g_object_ref (so->parent) : NULL;
      afs_sync_client_sign_out_async (client, g_str_equal (response, "discard"),
                                      NULL, sign_out_cb, next);
    }
  else if (g_str_equal (response, "sync"))
    {
      afs_sync_scheduler_sync_now (afs_context_get_sync_scheduler (so->context));
    }
}

static GtkWidget *
pending_list (PendingWork *work)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_name (list, "pending-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Work not sent yet"), -1);

  /* One line per kind of change and case, with how many times: ten
   * edits of one report are "Case …: report changed (10 times)". */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));

  for (guint i = 0; i < work->pending->len; i++)
    {
      char *text = afs_sync_describe_pending (g_ptr_array_index (work->pending, i));
      gpointer index;

      if (g_hash_table_lookup_extended (seen, text, NULL, &index))
        {
          g_array_index (counts, guint, GPOINTER_TO_UINT (index))++;
          g_free (text);
          continue;
        }
      g_hash_table_insert (seen, g_strdup (text), GUINT_TO_POINTER (lines->len));
      g_ptr_array_add (lines, text);
      g_array_append_vals (counts, &(guint) { 1 }, 1);
    }

  for (guint i = 0; i < lines->len; i++)
    {
      guint count = g_array_index (counts, guint, i);
      g_autofree char *text = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (count > 1)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u time)", "%s (%u times)", count),
                                (const char *) g_ptr_array_index (lines, i), count);
      else
        text = g_strdup (g_ptr_array_index (lines, i));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  for (guint i = 0; i < work->photos->len; i++)
    {
      const char *sha = g_ptr_array_index (work->photos, i);
      g_autofree char *text = g_strdup_printf (_("Photo %.12s… not uploaded yet"), sha);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  return scroller;
}

static void
pending_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SignOut *so = user_data;
  g_autoptr(GError) error = NULL;
  PendingWork *work = g_task_propagate_pointer (G_TASK (result), &error);
  AdwMessageDialog *dialog;
  guint n;

  if (work == NULL)
    {
      /* Not knowing what is unsent is a reason not to sign out. */
      g_autofree char *text = g_strdup_printf (_("Could not check for unsent work, so you are still signed in: %s"),
                                               error->message);
      toast (so->parent, text);
      sign_out_free (so);
      return;
    }

  n = work->pending->len + work->photos->len;
  if (n == 0)
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (so->parent, _("Sign Out?"),
                                                           _("This computer stops syncing with the office until you sign in again. The cases stay on this computer.")));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "sign-out", _("_Sign Out"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "sign-out", ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      g_autofree char *body =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u change made on this computer has not reached the office. Sync first to send it; signing out now throws it away.",
                                      "%u changes made on this computer have not reached the office. Sync first to send them; signing out now throws them away.",
                                      n),
                         n);

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (so->parent, _("Work Not Sent Yet"), body));
      adw_message_dialog_set_extra_child (dialog, pending_list (work));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard and Sign Out"),
                                        "sync", _("_Sync Now"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "sync", ADW_RESPONSE_SUGGESTED);
    }
  pending_work_free (work);

  /* Escape and Enter never drop work: the default is Cancel (or Sync
   * Now when there is work to send). */
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_default_response (dialog, n > 0 ? "sync" : "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_sign_out_response), so,
                         (GClosureNotify) (void (*) (void)) sign_out_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
afs_sync_request_sign_out (AfsContext *context,
                           GtkWindow  *parent)
{
  g_autoptr(GTask) task = NULL;
  SignOut *so;

  g_return_if_fail (AFS_IS_CONTEXT (context));

  so = g_new0 (SignOut, 1);
  so->context = g_object_ref (context);
  so->parent = parent != NULL ? g_object_ref (parent) : NULL;

  afs_sync_client_refresh_pending (afs_context_get_sync_client (context));
  task = g_task_new (afs_context_get_store (context), NULL, pending_cb, so);
  g_task_set_source_tag (task, afs_sync_request_sign_out);
  g_task_run_in_thread (task, pending_thread);
}

/* ---- Actions ---------------------------------------------------------------------- */

static void
sync_now_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AfsContext *context = main_context (user_data);

  if (context == NULL)
    return;
  if (!afs_sync_client_get_signed_in (afs_context_get_sync_client (context)))
    {
      /* Nothing to sync with yet: the way there is signing in. */
      g_action_group_activate_action (G_ACTION_GROUP (user_data), "sign-in", NULL);
      return;
    }
  afs_sync_scheduler_sync_now (afs_context_get_sync_scheduler (context));
}

static void
sign_in_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  AfsWindow *window = main_window (user_data);

  if (window == NULL)
    return;
  gtk_window_present (GTK_WINDOW (afs_sign_in_dialog_new (afs_window_get_context (window),
                                                          GTK_WINDOW (window))));
}

static void
sign_out_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AfsWindow *window = main_window (user_data);

  if (window == NULL)
    return;
  afs_sync_request_sign_out (afs_window_get_context (window), GTK_WINDOW (window));
}

void
afs_sync_actions_install (AfsApplication *app)
{
  g_return_if_fail (AFS_IS_APPLICATION (app));
  afs_sync_actions_install_on (GTK_APPLICATION (app));
}

void
afs_sync_actions_install_on (GtkApplication *app)
{
  static const GActionEntry entries[] = {
    { "sync-now", sync_now_activated, NULL, NULL, NULL, { 0 } },
    { "sign-in", sign_in_activated, NULL, NULL, NULL, { 0 } },
    { "sign-out", sign_out_activated, NULL, NULL, NULL, { 0 } },
  };
  /* Ctrl+S is taken by nothing yet but means "save" to people; F9 is a
   * sidebar toggle in GNOME apps. Ctrl+Shift+S is free here. */
  static const char *sync_accels[] = { "<Control><Shift>s", NULL };

  g_return_if_fail (GTK_IS_APPLICATION (app));

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.sync-now", sync_accels);
}
