/* afs-sync-status.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-store-sync.h"
#include "afs-sync-scheduler.h"
#include "afs-sync-status.h"

struct _AfsSyncStatus
{
  GtkWidget         parent_instance;

  AfsContext       *context;
  AfsSyncClient    *client;
  AfsSyncScheduler *scheduler;
  guint             clock_id;
  /* What waits for the person on the Conflicts view, counted off the
   * main thread after every sync and local change. */
  guint             n_set_aside;
  guint             n_conflicts;
  gboolean          counting;
  gboolean          count_again;
  GCancellable     *cancellable;

  GtkMenuButton    *menu_button;
  GtkStack         *icon_stack;
  GtkImage         *state_icon;
  GtkImage         *compact_icon;
  GtkSpinner       *spinner;
  GtkLabel         *state_label;
  GtkPopover       *popover;
  GtkLabel         *title_label;
  GtkLabel         *detail_label;
  GtkLabel         *account_label;
  GtkWidget        *progress_box;
  GtkProgressBar   *progress_bar;
  GtkLabel         *progress_label;
  GtkWidget        *popover_sync_button;
  GtkWidget        *sign_in_button;
  GtkWidget        *sign_out_button;
};

G_DEFINE_FINAL_TYPE (AfsSyncStatus, afs_sync_status, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "14:05" today, "3 Feb, 14:05" before. */
static char *
format_sync_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_seconds);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return g_strdup ("");
  if (g_date_time_get_year (when) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M");
  return g_date_time_format (when, "%e %b, %H:%M");
}

static char *
pending_sentence (guint pending)
{
  if (pending == 0)
    return g_strdup (_("Everything done on this computer has reached the office."));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u change or photo has not reached the office yet. It is kept on this computer until it has.",
                                       "%u changes or photos have not reached the office yet. They are kept on this computer until they have.",
                                       pending),
                          pending);
}

/* "2 changes were set aside: see Conflicts." and the open conflicts,
 * or NULL when nothing waits. */
static char *
attention_sentence (AfsSyncStatus *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->n_set_aside > 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u change was set aside (the office refused it): see Conflicts.",
                                         "%u changes were set aside (the office refused them): see Conflicts.",
                                         self->n_set_aside),
                            self->n_set_aside);
  if (self->n_conflicts > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u conflict waits for your choice: see Conflicts.",
                                           "%u conflicts wait for your choice: see Conflicts.",
                                           self->n_conflicts),
                              self->n_conflicts);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
update (AfsSyncStatus *self)
{
  AfsSyncSchedulerState state = afs_sync_scheduler_get_state (self->scheduler);
  guint pending = afs_sync_client_get_pending_count (self->client);
  gint64 last = afs_sync_client_get_last_sync_time (self->client);
  const char *reason = afs_sync_scheduler_get_last_error (self->scheduler);
  guint64 sent = afs_sync_client_get_photo_bytes_sent (self->client);
  guint64 total = afs_sync_client_get_photo_bytes_total (self->client);
  gboolean signed_in = afs_sync_client_get_signed_in (self->client);
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *accessible = NULL;
  const char *icon = "emblem-ok-symbolic";
  const char *css = NULL;

  if (reason == NULL)
    reason = afs_sync_client_get_last_error (self->client);

  switch (state)
    {
    case AFS_SYNC_SCHEDULER_SIGNED_OUT:
      icon = "system-users-symbolic";
      label = g_strdup (_("Not Signed In"));
      title = g_strdup (_("Not Signed In"));
      if (reason != NULL)
        {
          /* Signed out by the server (token expired, device revoked): say
           * why, and that the work is still here. */
          g_autofree char *kept = pending_sentence (pending);

          detail = g_strdup_printf ("%s\n\n%s", reason, kept);
          css = "error";
        }
      else
        {
          detail = g_strdup (_("Sign in to the office server to send your work and receive the office’s changes."));
        }
      break;

    case AFS_SYNC_SCHEDULER_RUNNING:
      label = g_strdup (_("Syncing…"));
      title = g_strdup (_("Syncing with the Office…"));
      detail = pending_sentence (pending);
      break;

    case AFS_SYNC_SCHEDULER_OFFLINE:
      icon = "network-offline-symbolic";
      label = g_strdup (_("Offline"));
      title = g_strdup (_("Offline"));
      {
        g_autofree char *kept = pending_sentence (pending);

        detail = g_strdup_printf ("%s\n\n%s",
                                  reason != NULL ? reason
                                                 : _("There is no network. Work goes on here and is sent when the network comes back."),
                                  kept);
      }
      css = "warning";
      break;

    case AFS_SYNC_SCHEDULER_ERROR:
      icon = "dialog-warning-symbolic";
      label = g_strdup (_("Sync Error"));
      title = g_strdup (_("The Last Sync Failed"));
      {
        g_autofree char *kept = pending_sentence (pending);

        detail = g_strdup_printf ("%s\n\n%s", reason != NULL ? reason : _("Unknown error."), kept);
      }
      css = "error";
      break;

    case AFS_SYNC_SCHEDULER_IDLE:
    default:
      if (pending > 0)
        {
          icon = "document-send-symbolic";
          label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Pending", "%u Pending", pending), pending);
          title = g_strdup (_("Waiting to Send"));
          detail = pending_sentence (pending);
        }
      else if (last > 0)
        {
          g_autofree char *when = format_sync_time (last);

          label = g_strdup_printf (_("Synced %s"), when);
          title = g_strdup (_("Synced"));
          detail = pending_sentence (0);
        }
      else
        {
          icon = "document-send-symbolic";
          label = g_strdup (_("Not Synced Yet"));
          title = g_strdup (_("Not Synced Yet"));
          detail = g_strdup (_("The first sync starts in a moment."));
        }
      break;
    }

  {
    g_autofree char *attention = attention_sentence (self);

    if (attention != NULL)
      {
        char *both = g_strdup_printf ("%s\n\n%s", detail, attention);

        g_free (detail);
        detail = both;
      }
  }

  gtk_stack_set_visible_child_name (self->icon_stack,
                                    state == AFS_SYNC_SCHEDULER_RUNNING ? "spinner" : "icon");
  gtk_spinner_set_spinning (self->spinner, state == AFS_SYNC_SCHEDULER_RUNNING);
  gtk_image_set_from_icon_name (self->state_icon, icon);
  gtk_image_set_from_icon_name (self->compact_icon, icon);
  gtk_label_set_label (self->state_label, label);
  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->detail_label, detail);

  gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "error");
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), css);

  if (signed_in)
    {
      g_autofree char *account = g_strdup_printf (_("Signed in as %s at %s"),
                                                  afs_sync_client_get_user (self->client),
                                                  afs_sync_client_get_server_url (self->client));
      gtk_label_set_label (self->account_label, account);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->account_label), signed_in);
  /* A refused token (expired, device revoked) needs the password again:
   * the way there is in the same popover that says so. */
  gtk_widget_set_visible (self->sign_in_button,
                          !signed_in || afs_sync_client_get_last_error_code (self->client) == AFS_SYNC_ERROR_SIGN_IN);
  gtk_widget_set_visible (self->sign_out_button, signed_in);
  gtk_widget_set_visible (self->popover_sync_button, signed_in);

  /* Photo bytes: the slow part of a sync, so it gets a bar. */
  if (state == AFS_SYNC_SCHEDULER_RUNNING && total > 0)
    {
      g_autofree char *s = g_format_size (sent);
      g_autofree char *t = g_format_size (total);
      g_autofree char *text = g_strdup_printf (_("Photos: %s of %s sent"), s, t);

      gtk_progress_bar_set_fraction (self->progress_bar, (double) MIN (sent, total) / (double) total);
      gtk_label_set_label (self->progress_label, text);
      gtk_widget_set_visible (self->progress_box, TRUE);
    }
  else
    {
      gtk_widget_set_visible (self->progress_box, FALSE);
    }

  accessible = g_strdup_printf (_("Sync status: %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), detail);
}

typedef struct {
  gint64 set_aside;
  gint64 conflicts;
} Counts;

static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  Counts *counts = g_new0 (Counts, 1);

  counts->set_aside = afs_store_sync_refused_count (source, &error);
  if (counts->set_aside >= 0)
    counts->conflicts = afs_store_count_open_conflicts (source, &error);
  if (counts->set_aside < 0 || counts->conflicts < 0)
    {
      g_free (counts);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, counts, g_free);
}

static void recount (AfsSyncStatus *self);

static void
count_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AfsSyncStatus *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree Counts *counts = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->counting = FALSE;
  g_clear_object (&self->cancellable);
  if (counts != NULL)
    {
      self->n_set_aside = (guint) counts->set_aside;
      self->n_conflicts = (guint) counts->conflicts;
      update (self);
    }
  else
    g_warning ("Could not count what waits on the Conflicts view: %s", error->message);
  if (self->count_again)
    {
      self->count_again = FALSE;
      recount (self);
    }
}

static void
recount (AfsSyncStatus *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->counting)
    {
      self->count_again = TRUE;
      return;
    }
  self->counting = TRUE;
  self->cancellable = g_cancellable_new ();
  /* No ref while counting: dispose cancels, and the cancelled callback
   * touches nothing. */
  task = g_task_new (afs_context_get_store (self->context), self->cancellable, count_cb, self);
  g_task_set_source_tag (task, recount);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, count_thread);
}

guint
afs_sync_status_get_n_set_aside (AfsSyncStatus *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_STATUS (self), 0);
  return self->n_set_aside;
}

gboolean
afs_sync_status_get_counting (AfsSyncStatus *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_STATUS (self), FALSE);
  return self->counting;
}

static gboolean
on_clock (gpointer data)
{
  /* "Synced 14:05" becomes "Synced 3 Feb, 14:05" after midnight. */
  update (data);
  return G_SOURCE_CONTINUE;
}

static void
afs_sync_status_map (GtkWidget *widget)
{
  AfsSyncStatus *self = AFS_SYNC_STATUS (widget);

  GTK_WIDGET_CLASS (afs_sync_status_parent_class)->map (widget);

  /* Shown in a window: this app is the one that syncs. */
  afs_context_start_sync (self->context);
}

static void
afs_sync_status_constructed (GObject *object)
{
  AfsSyncStatus *self = AFS_SYNC_STATUS (object);
  static const char *client_props[] = {
    "notify::pending-count", "notify::photo-bytes-sent", "notify::photo-bytes-total",
    "notify::last-sync-time", "notify::signed-in", "notify::last-error", "notify::state",
  };
  static const char *scheduler_props[] = {
    "notify::state", "notify::last-error", "notify::running",
  };

  G_OBJECT_CLASS (afs_sync_status_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  self->client = g_object_ref (afs_context_get_sync_client (self->context));
  self->scheduler = g_object_ref (afs_context_get_sync_scheduler (self->context));

  for (guint i = 0; i < G_N_ELEMENTS (client_props); i++)
    g_signal_connect_object (self->client, client_props[i], G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (scheduler_props); i++)
    g_signal_connect_object (self->scheduler, scheduler_props[i], G_CALLBACK (update), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->scheduler, "finished", G_CALLBACK (recount), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "cases-changed", G_CALLBACK (recount), self, G_CONNECT_SWAPPED);

  self->clock_id = g_timeout_add_seconds (60, on_clock, self);
  update (self);
  recount (self);
}

static void
afs_sync_status_dispose (GObject *object)
{
  AfsSyncStatus *self = AFS_SYNC_STATUS (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_SYNC_STATUS);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->client);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_sync_status_parent_class)->dispose (object);
}

static void
afs_sync_status_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AfsSyncStatus *self = AFS_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_sync_status_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AfsSyncStatus *self = AFS_SYNC_STATUS (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_sync_status_class_init (AfsSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = afs_sync_status_constructed;
  object_class->dispose = afs_sync_status_dispose;
  object_class->get_property = afs_sync_status_get_property;
  object_class->set_property = afs_sync_status_set_property;
  widget_class->map = afs_sync_status_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, menu_button);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, state_icon);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, compact_icon);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, spinner);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, state_label);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, popover);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, title_label);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, detail_label);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, account_label);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, progress_box);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, popover_sync_button);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, AfsSyncStatus, sign_out_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "afs-sync-status");
}

static void
afs_sync_status_init (AfsSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
}

GtkWidget *
afs_sync_status_new (AfsContext *context)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);
  return g_object_new (AFS_TYPE_SYNC_STATUS, "context", context, NULL);
}

const char *
afs_sync_status_get_label (AfsSyncStatus *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_STATUS (self), NULL);
  return gtk_label_get_label (self->state_label);
}

const char *
afs_sync_status_get_detail (AfsSyncStatus *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_STATUS (self), NULL);
  return gtk_label_get_label (self->detail_label);
}

void
afs_sync_status_popup (AfsSyncStatus *self)
{
  g_return_if_fail (AFS_IS_SYNC_STATUS (self));
  gtk_menu_button_popup (self->menu_button);
}
