/* afs-preferences-window.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-preferences-window.h"

struct _AfsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AfsContext           *context;
  GSettings            *settings;
  GPtrArray            *staff;       /* AfsStaffData*, parallel to staff_row from 1 */
  GCancellable         *cancellable;
  gboolean              syncing_staff;

  AdwComboRow          *color_scheme_row;
  AdwComboRow          *staff_row;
  AdwEntryRow          *name_row;
  AdwComboRow          *role_row;
  AdwEntryRow          *company_name_row;
  AdwEntryRow          *company_address_row;
  AdwEntryRow          *company_phone_row;
  AdwPreferencesGroup  *deadlines_group;
  AdwPreferencesGroup  *approvals_group;
};

G_DEFINE_FINAL_TYPE (AfsPreferencesWindow, afs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The deadline and approval numbers: one row each, built from this table
 * so the keys and their words stay together. */
static const struct {
  const char *key;
  const char *title;
  const char *subtitle;
  double      min, max, step;
  guint       digits;
} number_rows[] = {
  { "respond-hours", N_("Answer within"), N_("Hours, for every request"), 1, 720, 1, 0 },
  { "respond-major-hours", N_("Answer level 1 within"), N_("Hours, for major questions"), 1, 720, 1, 0 },
  { "arrive-local-hours", N_("Arrive locally within"), N_("Hours"), 1, 720, 1, 0 },
  { "arrive-province-hours", N_("Arrive in the province within"), N_("Hours"), 1, 720, 1, 0 },
  { "arrive-outside-hours", N_("Arrive outside the province within"), N_("Hours"), 1, 720, 1, 0 },
  { "arrive-remote-hours", N_("Arrive in remote areas within"), N_("Hours"), 1, 720, 1, 0 },
  { "resolve-complaint-hours", N_("Resolve complaints within"), N_("Hours"), 1, 720, 1, 0 },
  { "resolve-hours", N_("Resolve other cases within"), N_("Hours after the arrival deadline"), 1, 720, 1, 0 },
  { "due-soon-hours", N_("Highlight as due soon"), N_("Hours before a deadline"), 1, 168, 1, 0 },
  /* Office desk (issue 3): DOMAIN.md 2, the warranty period. */
  { "warranty-months", N_("Warranty period"), N_("Months from installation, or from purchase"), 1, 240, 1, 0 },
  { "cost-approval-limit", N_("Estimated cost above"), N_("Needs a manager’s approval"), 0, 1e9, 100, 2 },
  { "compensation-approval-limit", N_("Compensation above"), N_("Needs a manager’s approval"), 0, 1e9, 50, 2 },
  { "quality-loss-threshold", N_("Quality loss above"), N_("Escalates to management"), 0, 1e9, 1000, 2 },
};

/* ---- Mappings between settings and rows ----------------------------------- */

static const char *color_schemes[] = { "default", "light", "dark" };

static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (nick, color_schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (color_schemes[i < G_N_ELEMENTS (color_schemes) ? i : 0]);
}

static gboolean
role_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  AfsRole role = AFS_ROLE_OFFICE;

  afs_role_from_string (g_variant_get_string (variant, NULL), &role);
  g_value_set_uint (value, role);
  return TRUE;
}

static GVariant *
role_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint role = g_value_get_uint (value);

  if (role >= AFS_ROLE_N)
    role = AFS_ROLE_OFFICE;
  return g_variant_new_string (afs_role_to_string (role));
}

/* ---- Staff ---------------------------------------------------------------- */

static void
sync_staff_row (AfsPreferencesWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "profile-staff-id");
  guint selected = 0;

  if (self->staff != NULL)
    for (guint i = 0; i < self->staff->len; i++)
      {
        const AfsStaffData *s = g_ptr_array_index (self->staff, i);

        if (g_strcmp0 (s->id, id) == 0)
          selected = i + 1;
      }

  self->syncing_staff = TRUE;
  adw_combo_row_set_selected (self->staff_row, selected);
  self->syncing_staff = FALSE;
}

static void
on_staff_selected (AfsPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->staff_row);
  const AfsStaffData *s;

  if (self->syncing_staff || self->staff == NULL)
    return;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->staff->len)
    {
      g_settings_set_string (self->settings, "profile-staff-id", "");
      return;
    }

  /* Choosing who you are sets your name and role from the staff record. */
  s = g_ptr_array_index (self->staff, selected - 1);
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "profile-staff-id", s->id);
  g_settings_set_string (self->settings, "profile-name", s->name);
  g_settings_set_enum (self->settings, "profile-role", s->role);
  g_settings_apply (self->settings);
}

static void
list_staff_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *staff = afs_store_list_staff (AFS_STORE (task_data), -1, &error);

  if (staff == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, staff, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_staff_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AfsPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = NULL;
  GPtrArray *staff;

  staff = g_task_propagate_pointer (G_TASK (result), &error);
  if (staff == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Cannot list the staff: %s"), error->message);
          g_autofree char *escaped = g_markup_escape_text (text, -1);
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
        }
      return;
    }

  g_clear_pointer (&self->staff, g_ptr_array_unref);
  self->staff = staff;

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("Not chosen"));
  for (guint i = 0; i < staff->len; i++)
    {
      const AfsStaffData *s = g_ptr_array_index (staff, i);
      /* Translators: a staff member in the profile list: "Anna Nowak (Technician)". */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), s->name, afs_role_get_label (s->role));

      gtk_string_list_append (names, label);
    }

  self->syncing_staff = TRUE;
  adw_combo_row_set_model (self->staff_row, G_LIST_MODEL (names));
  self->syncing_staff = FALSE;
  sync_staff_row (self);
}

/* ---- GObject -------------------------------------------------------------- */

static void
afs_preferences_window_constructed (GObject *object)
{
  AfsPreferencesWindow *self = AFS_PREFERENCES_WINDOW (object);
  g_autoptr(GtkStringList) roles = NULL;
  g_autoptr(GtkStringList) nobody = NULL;
  g_autoptr(GTask) task = NULL;

  G_OBJECT_CLASS (afs_preferences_window_parent_class)->constructed (object);

  /* The context's settings: the ones it pushes into the store. */
  self->settings = g_object_ref (afs_context_get_settings (self->context));

  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping, color_scheme_set_mapping,
                                NULL, NULL);

  roles = gtk_string_list_new (NULL);
  for (AfsRole r = 0; r < AFS_ROLE_N; r++)
    gtk_string_list_append (roles, afs_role_get_label (r));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  g_settings_bind_with_mapping (self->settings, "profile-role",
                                self->role_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                role_get_mapping, role_set_mapping, NULL, NULL);
  /* Signed in to the office, the role is the account's (read-only). */
  afs_context_bind_role_lock (self->context, GTK_WIDGET (self->role_row));

  g_settings_bind (self->settings, "profile-name", self->name_row, "text", G_SETTINGS_BIND_DEFAULT);
  /* On site (issue 4): the service report's header (afs-report-compose). */
  g_settings_bind (self->settings, "company-name", self->company_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "company-address", self->company_address_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "company-phone", self->company_phone_row, "text", G_SETTINGS_BIND_DEFAULT);

  nobody = gtk_string_list_new (NULL);
  gtk_string_list_append (nobody, _("Not chosen"));
  self->syncing_staff = TRUE;
  adw_combo_row_set_model (self->staff_row, G_LIST_MODEL (nobody));
  self->syncing_staff = FALSE;
  g_signal_connect_object (self->staff_row, "notify::selected",
                           G_CALLBACK (on_staff_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::profile-staff-id",
                           G_CALLBACK (sync_staff_row), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (number_rows); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (number_rows[i].min,
                                                        number_rows[i].max,
                                                        number_rows[i].step);
      gboolean money = number_rows[i].digits > 0;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(number_rows[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(number_rows[i].subtitle));
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), number_rows[i].digits);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      gtk_widget_set_name (spin, number_rows[i].key);

      g_settings_bind (self->settings, number_rows[i].key, spin, "value", G_SETTINGS_BIND_DEFAULT);

      adw_preferences_group_add (money ? self->approvals_group : self->deadlines_group, row);
    }

  /* The staff list for the profile comes from the store, off the main thread. */
  task = g_task_new (NULL, self->cancellable, list_staff_cb, g_object_ref (self));
  g_task_set_source_tag (task, afs_preferences_window_constructed);
  g_task_set_task_data (task, g_object_ref (afs_context_get_store (self->context)), g_object_unref);
  g_task_run_in_thread (task, list_staff_thread);
}

static void
afs_preferences_window_dispose (GObject *object)
{
  AfsPreferencesWindow *self = AFS_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_pointer (&self->staff, g_ptr_array_unref);

  G_OBJECT_CLASS (afs_preferences_window_parent_class)->dispose (object);
}

static void
afs_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AfsPreferencesWindow *self = AFS_PREFERENCES_WINDOW (object);

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
afs_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AfsPreferencesWindow *self = AFS_PREFERENCES_WINDOW (object);

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
afs_preferences_window_class_init (AfsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = afs_preferences_window_constructed;
  object_class->dispose = afs_preferences_window_dispose;
  object_class->get_property = afs_preferences_window_get_property;
  object_class->set_property = afs_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, AfsPreferencesWindow, staff_row);
  gtk_widget_class_bind_template_child (widget_class, AfsPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, AfsPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, AfsPreferencesWindow, company_name_row);
  gtk_widget_class_bind_template_child (widget_class, AfsPreferencesWindow, company_address_row);
  gtk_widget_class_bind_template_child (widget_class, AfsPreferencesWindow, company_phone_row);
  gtk_widget_class_bind_template_child (widget_class, AfsPreferencesWindow, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, AfsPreferencesWindow, approvals_group);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
afs_preferences_window_init (AfsPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
afs_preferences_window_new (GtkWindow  *parent,
                            AfsContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);

  return g_object_new (AFS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "context", context,
                       NULL);
}
