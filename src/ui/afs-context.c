/* afs-context.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "afs-context.h"
#include "afs-sync-scheduler.h"
#include "afs-visit-util.h"

struct _AfsContext
{
  GObject            parent_instance;

  AfsStore          *store;
  GSettings         *settings;
  AfsDeadlinePolicy  deadlines;
  AfsApprovalPolicy  approvals;
  AfsRole            role;

  /* Sync (issue 5): one client per store, and when it runs. */
  AfsSyncClient     *sync_client;
  AfsSyncScheduler  *sync_scheduler;
  gboolean           role_locked;
  gboolean           sync_started;
};

G_DEFINE_FINAL_TYPE (AfsContext, afs_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_ROLE,
  PROP_ROLE_LOCKED,
  N_PROPS
};

enum {
  CASES_CHANGED,
  POLICY_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
apply_deadline_policy (AfsContext *self)
{
  GSettings *s = self->settings;

  afs_deadline_policy_init_defaults (&self->deadlines);
  self->deadlines.respond_hours = g_settings_get_int (s, "respond-hours");
  self->deadlines.respond_major_hours = g_settings_get_int (s, "respond-major-hours");
  self->deadlines.arrive_hours[AFS_REGION_LOCAL] = g_settings_get_int (s, "arrive-local-hours");
  self->deadlines.arrive_hours[AFS_REGION_PROVINCE] = g_settings_get_int (s, "arrive-province-hours");
  self->deadlines.arrive_hours[AFS_REGION_OUTSIDE] = g_settings_get_int (s, "arrive-outside-hours");
  self->deadlines.arrive_hours[AFS_REGION_REMOTE] = g_settings_get_int (s, "arrive-remote-hours");
  self->deadlines.resolve_complaint_hours = g_settings_get_int (s, "resolve-complaint-hours");
  self->deadlines.resolve_hours = g_settings_get_int (s, "resolve-hours");
  self->deadlines.due_soon_hours = g_settings_get_int (s, "due-soon-hours");

  afs_store_set_deadline_policy (self->store, &self->deadlines);
}

static void
apply_approval_policy (AfsContext *self)
{
  GSettings *s = self->settings;

  afs_approval_policy_init_defaults (&self->approvals);
  self->approvals.cost_approval_limit = g_settings_get_double (s, "cost-approval-limit");
  self->approvals.compensation_approval_limit = g_settings_get_double (s, "compensation-approval-limit");
  self->approvals.quality_loss_threshold = g_settings_get_double (s, "quality-loss-threshold");

  afs_store_set_approval_policy (self->store, &self->approvals);
}

static void
apply_profile (AfsContext *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "profile-name");
  g_autofree char *staff_id = g_settings_get_string (self->settings, "profile-staff-id");
  int role = g_settings_get_enum (self->settings, "profile-role");

  if (role < 0 || role >= AFS_ROLE_N)
    role = AFS_ROLE_OFFICE;

  /* Signed in, the office account decides who acts and in which role:
   * a technician cannot make themselves a manager in Preferences, and
   * what the server accepts matches what the screens offer. */
  self->role_locked = FALSE;
  if (self->sync_client != NULL && afs_sync_client_get_signed_in (self->sync_client))
    {
      int server_role = afs_sync_client_get_role (self->sync_client);
      const char *server_staff = afs_sync_client_get_staff_id (self->sync_client);

      if (server_role >= 0 && server_role < AFS_ROLE_N)
        {
          role = server_role;
          self->role_locked = TRUE;
          /* Preferences shows the setting: make it tell the truth. The
           * "changed" signal comes back here and finds nothing to do. */
          if (g_settings_get_enum (self->settings, "profile-role") != server_role)
            g_settings_set_enum (self->settings, "profile-role", server_role);
        }
      if (server_staff != NULL && server_staff[0] != '\0')
        {
          g_free (staff_id);
          staff_id = g_strdup (server_staff);
        }
    }
  self->role = role;

  /* An unnamed profile still leaves a name in the audit trail: the
   * account's, which is better than nobody. */
  if (name[0] == '\0')
    {
      g_free (name);
      name = g_strdup (g_get_real_name ());
      if (g_strcmp0 (name, "Unknown") == 0)
        {
          g_free (name);
          name = g_strdup (g_get_user_name ());
        }
    }

  afs_store_set_actor (self->store,
                       staff_id[0] != '\0' ? staff_id : NULL,
                       name,
                       self->role);
}

static void
reapply_profile (AfsContext *self)
{
  AfsRole old_role = self->role;
  gboolean old_locked = self->role_locked;

  apply_profile (self);
  if (old_role != self->role)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
  if (old_locked != self->role_locked)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE_LOCKED]);
  /* What the actor may do changed: pages re-check their actions. */
  g_signal_emit (self, signals[POLICY_CHANGED], 0);
}

static void
on_settings_changed (AfsContext *self,
                     const char *key,
                     GSettings  *settings)
{
  if (g_str_has_suffix (key, "-hours"))
    {
      apply_deadline_policy (self);
      g_signal_emit (self, signals[POLICY_CHANGED], 0);
    }
  else if (g_str_has_suffix (key, "-limit") || g_str_equal (key, "quality-loss-threshold"))
    {
      apply_approval_policy (self);
      g_signal_emit (self, signals[POLICY_CHANGED], 0);
    }
  else if (g_str_has_prefix (key, "profile-"))
    {
      reapply_profile (self);
    }
  else if (g_str_equal (key, "sync-interval-minutes"))
    {
      afs_sync_scheduler_set_interval (self->sync_scheduler,
                                       60 * MAX (0, g_settings_get_int (settings, key)));
    }
}

static void
afs_context_constructed (GObject *object)
{
  AfsContext *self = AFS_CONTEXT (object);

  G_OBJECT_CLASS (afs_context_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);

  self->sync_client = afs_sync_client_new (self->store);
  /* The photos sync sends are the ones the visit screens stored. */
  afs_sync_client_set_photo_dir (self->sync_client,
                                 afs_photo_folder_get_root (afs_visit_get_photo_folder (self)));
  self->sync_scheduler = afs_sync_scheduler_new (self->sync_client, NULL);
  afs_sync_scheduler_set_interval (self->sync_scheduler,
                                   60 * MAX (0, g_settings_get_int (self->settings, "sync-interval-minutes")));
  g_signal_connect_object (self->sync_client, "notify::signed-in",
                           G_CALLBACK (reapply_profile), self, G_CONNECT_SWAPPED);
  /* Every local write announces itself here: the header bar's "N Pending"
   * follows it. */
  g_signal_connect_object (self, "cases-changed",
                           G_CALLBACK (afs_sync_client_refresh_pending), self->sync_client,
                           G_CONNECT_SWAPPED);

  apply_deadline_policy (self);
  apply_approval_policy (self);
  apply_profile (self);

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
afs_context_dispose (GObject *object)
{
  AfsContext *self = AFS_CONTEXT (object);

  if (self->sync_scheduler != NULL)
    afs_sync_scheduler_stop (self->sync_scheduler);
  g_clear_object (&self->sync_scheduler);
  g_clear_object (&self->sync_client);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (afs_context_parent_class)->dispose (object);
}

static void
afs_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AfsContext *self = AFS_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_ROLE:
      g_value_set_int (value, self->role);
      break;
    case PROP_ROLE_LOCKED:
      g_value_set_boolean (value, self->role_locked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_context_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AfsContext *self = AFS_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_context_class_init (AfsContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = afs_context_constructed;
  object_class->dispose = afs_context_dispose;
  object_class->get_property = afs_context_get_property;
  object_class->set_property = afs_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AFS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_int ("role", NULL, NULL, 0, AFS_ROLE_N - 1, AFS_ROLE_OFFICE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE while signed in: the role is the office account's, not the
   * profile setting's (Preferences shows it read-only). */
  properties[PROP_ROLE_LOCKED] =
    g_param_spec_boolean ("role-locked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CASES_CHANGED] =
    g_signal_new ("cases-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Deadline or approval numbers, or the profile, changed. */
  signals[POLICY_CHANGED] =
    g_signal_new ("policy-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
afs_context_init (AfsContext *self)
{
  self->role = AFS_ROLE_OFFICE;
}

/**
 * afs_context_new:
 * @store: an open store
 * @settings: (nullable): the app's settings, or %NULL to make them
 */
AfsContext *
afs_context_new (AfsStore  *store,
                 GSettings *settings)
{
  g_return_val_if_fail (AFS_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (AFS_TYPE_CONTEXT,
                       "store", store,
                       "settings", settings,
                       NULL);
}

AfsStore *
afs_context_get_store (AfsContext *self)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (self), NULL);
  return self->store;
}

GSettings *
afs_context_get_settings (AfsContext *self)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (self), NULL);
  return self->settings;
}

AfsRole
afs_context_get_role (AfsContext *self)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (self), AFS_ROLE_OFFICE);
  return self->role;
}

const AfsDeadlinePolicy *
afs_context_get_deadline_policy (AfsContext *self)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (self), NULL);
  return &self->deadlines;
}

const AfsApprovalPolicy *
afs_context_get_approval_policy (AfsContext *self)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (self), NULL);
  return &self->approvals;
}

void
afs_context_cases_changed (AfsContext *self)
{
  g_return_if_fail (AFS_IS_CONTEXT (self));
  g_signal_emit (self, signals[CASES_CHANGED], 0);
}

gint64
afs_context_now (AfsContext *self)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (self), 0);
  return afs_store_now (self->store);
}

AfsSyncClient *
afs_context_get_sync_client (AfsContext *self)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (self), NULL);
  return self->sync_client;
}

AfsSyncScheduler *
afs_context_get_sync_scheduler (AfsContext *self)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (self), NULL);
  return self->sync_scheduler;
}

gboolean
afs_context_get_role_locked (AfsContext *self)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (self), FALSE);
  return self->role_locked;
}

static void
restore_session_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AfsContext) self = user_data;
  g_autoptr(GError) error = NULL;

  /* No keyring, or a locked one: the person signs in again; the status
   * says "Not Signed In" and nothing else is lost. */
  if (!afs_sync_client_restore_session_finish (AFS_SYNC_CLIENT (source), result, &error)
      && error != NULL)
    g_message ("Could not restore the sync session: %s", error->message);

  if (self->sync_scheduler != NULL)
    afs_sync_scheduler_start (self->sync_scheduler);
}

/**
 * afs_context_start_sync:
 *
 * Finds the token of the last sign-in (libsecret) and starts syncing in
 * the background. The header-bar status calls it when it is first shown;
 * tests and tools that only need the store never do, so they never touch
 * the network or the keyring. Calling it again does nothing.
 */
void
afs_context_start_sync (AfsContext *self)
{
  g_return_if_fail (AFS_IS_CONTEXT (self));

  if (self->sync_started)
    return;
  self->sync_started = TRUE;

  afs_sync_client_restore_session_async (self->sync_client, NULL,
                                         restore_session_cb, g_object_ref (self));
}

static void
update_role_row (GtkWidget  *row,
                 GParamSpec *pspec,
                 AfsContext *self)
{
  const char *original = g_object_get_data (G_OBJECT (row), "afs-original-subtitle");

  gtk_widget_set_sensitive (row, !self->role_locked);
  if (self->role_locked)
    {
      g_autofree char *why =
        g_strdup_printf (_("Set by your office account (%s at %s). Sign out to change it here."),
                         afs_sync_client_get_user (self->sync_client),
                         afs_sync_client_get_server_url (self->sync_client));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), why);
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), original != NULL ? original : "");
    }
}

/**
 * afs_context_bind_role_lock:
 * @row: the role row of Preferences (an AdwActionRow or AdwComboRow)
 *
 * While signed in the role is the office account's: the row becomes
 * read-only and its subtitle says why and how to change it; signing out
 * gives it back.
 */
void
afs_context_bind_role_lock (AfsContext *self,
                            GtkWidget  *row)
{
  g_return_if_fail (AFS_IS_CONTEXT (self));
  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  g_object_set_data_full (G_OBJECT (row), "afs-original-subtitle",
                          g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row))), g_free);
  g_signal_connect_object (self, "notify::role-locked", G_CALLBACK (update_role_row), row,
                           G_CONNECT_SWAPPED);
  update_role_row (row, NULL, self);
}
