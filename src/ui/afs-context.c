/* afs-context.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-context.h"

struct _AfsContext
{
  GObject            parent_instance;

  AfsStore          *store;
  GSettings         *settings;
  AfsDeadlinePolicy  deadlines;
  AfsApprovalPolicy  approvals;
  AfsRole            role;
};

G_DEFINE_FINAL_TYPE (AfsContext, afs_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_ROLE,
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
      AfsRole old_role = self->role;

      apply_profile (self);
      if (old_role != self->role)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
      /* What the actor may do changed: pages re-check their actions. */
      g_signal_emit (self, signals[POLICY_CHANGED], 0);
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
