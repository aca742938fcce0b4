/* afs-case-row.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "afs-case-row.h"
#include "afs-format.h"

struct _AfsCaseRow
{
  GtkWidget   parent_instance;

  AfsContext *context;
  AfsCase    *kase;
  gulong      loaded_handler;

  GtkWidget  *box;
  GtkLabel   *number_label;
  GtkLabel   *state_label;
  GtkLabel   *severity_label;
  GtkLabel   *customer_label;
  GtkLabel   *equipment_label;
  GtkLabel   *description_label;
  GtkLabel   *technician_label;
  GtkLabel   *due_label;
};

G_DEFINE_FINAL_TYPE (AfsCaseRow, afs_case_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *severity_classes[] = {
  "severity-0", "severity-1", "severity-2", "severity-3", "severity-4",
};

/* The first line of the description: the list is for telling cases
 * apart, the case page shows all of it. */
static char *
first_line (const char *text)
{
  const char *end;

  if (text == NULL)
    return g_strdup ("");

  end = strchr (text, '\n');
  if (end == NULL)
    return g_strdup (text);
  return g_strndup (text, end - text);
}

void
afs_case_row_update_due (AfsCaseRow *self,
                         gint64      now)
{
  gint64 due;
  AfsDueStatus status;
  g_autofree char *text = NULL;

  g_return_if_fail (AFS_IS_CASE_ROW (self));

  gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "overdue");
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "due-soon");

  if (self->kase == NULL || !afs_case_get_loaded (self->kase) ||
      (due = afs_case_get_next_due (self->kase)) == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->due_label), FALSE);
      return;
    }

  status = afs_deadline_status (afs_context_get_deadline_policy (self->context), due, now);
  text = afs_deadline_format_left (due, now);
  /* Readable without colour too: the words say it (issue 3). */
  if (status == AFS_DUE_OVERDUE)
    {
      /* Translators: the list's deadline text when overdue: "⚠ overdue by 5 h". */
      g_autofree char *marked = g_strdup_printf (_("⚠ %s"), text);
      g_free (text);
      text = g_steal_pointer (&marked);
    }
  else if (status == AFS_DUE_SOON)
    {
      /* Translators: the list's deadline text when due soon: "Due soon: 3 h 20 min left". */
      g_autofree char *marked = g_strdup_printf (_("Due soon: %s"), text);
      g_free (text);
      text = g_steal_pointer (&marked);
    }
  gtk_label_set_label (self->due_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->due_label), TRUE);

  if (status == AFS_DUE_OVERDUE)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "overdue");
  else if (status == AFS_DUE_SOON)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "due-soon");
}

static void
update (AfsCaseRow *self)
{
  AfsCase *kase = self->kase;
  g_autofree char *badge = NULL;
  g_autofree char *description = NULL;
  g_autofree char *accessible = NULL;
  const char *tech;
  int severity;

  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->severity_label), severity_classes[i]);

  if (kase == NULL || !afs_case_get_loaded (kase))
    {
      /* Placeholder while the page of rows loads: the same height as a
       * real row so nothing jumps when it arrives. */
      gtk_widget_add_css_class (GTK_WIDGET (self), "placeholder");
      gtk_label_set_label (self->number_label, "…");
      gtk_label_set_label (self->customer_label, " ");
      gtk_label_set_label (self->equipment_label, "");
      gtk_label_set_label (self->description_label, " ");
      gtk_label_set_label (self->technician_label, " ");
      gtk_widget_set_visible (GTK_WIDGET (self->state_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->severity_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->due_label), FALSE);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self), "placeholder");

  gtk_label_set_label (self->number_label, afs_case_get_number (kase));
  gtk_label_set_label (self->state_label, afs_case_state_get_label (afs_case_get_state (kase)));
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), TRUE);

  severity = afs_case_get_severity (kase);
  if (severity >= AFS_SEVERITY_MIN && severity <= AFS_SEVERITY_MAX)
    {
      badge = afs_format_severity_short (severity);
      gtk_label_set_label (self->severity_label, badge);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->severity_label),
                                   afs_severity_get_label (severity));
      gtk_widget_add_css_class (GTK_WIDGET (self->severity_label), severity_classes[severity]);
      gtk_widget_set_visible (GTK_WIDGET (self->severity_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->severity_label), FALSE);

  gtk_label_set_label (self->customer_label, afs_case_get_customer_name (kase));
  gtk_label_set_label (self->equipment_label, afs_case_get_equipment_model (kase));

  description = first_line (afs_case_get_description (kase));
  gtk_label_set_label (self->description_label, description);

  tech = afs_case_get_lead_technician (kase);
  if (tech != NULL && tech[0] != '\0')
    gtk_label_set_label (self->technician_label, tech);
  else
    gtk_label_set_label (self->technician_label, _("No technician yet"));

  afs_case_row_update_due (self, afs_context_now (self->context));

  /* Translators: what a screen reader says for a row of the case list:
   * case number, customer, state. */
  accessible = g_strdup_printf (_("%s, %s, %s"),
                                afs_case_get_number (kase),
                                afs_case_get_customer_name (kase),
                                afs_case_state_get_label (afs_case_get_state (kase)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
on_loaded_changed (AfsCaseRow *self)
{
  update (self);
}

void
afs_case_row_set_case (AfsCaseRow *self,
                       AfsCase    *kase)
{
  g_return_if_fail (AFS_IS_CASE_ROW (self));
  g_return_if_fail (kase == NULL || AFS_IS_CASE (kase));

  if (self->kase == kase)
    return;

  if (self->kase != NULL)
    g_clear_signal_handler (&self->loaded_handler, self->kase);
  g_set_object (&self->kase, kase);

  /* afs_case_fill() notifies "loaded" on every fill, once the whole case
   * is in place: one handler is enough. */
  if (kase != NULL)
    self->loaded_handler = g_signal_connect_swapped (kase, "notify::loaded",
                                                     G_CALLBACK (on_loaded_changed), self);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

AfsCase *
afs_case_row_get_case (AfsCaseRow *self)
{
  g_return_val_if_fail (AFS_IS_CASE_ROW (self), NULL);
  return self->kase;
}

static void
afs_case_row_dispose (GObject *object)
{
  AfsCaseRow *self = AFS_CASE_ROW (object);

  afs_case_row_set_case (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_CASE_ROW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_case_row_parent_class)->dispose (object);
}

static void
afs_case_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AfsCaseRow *self = AFS_CASE_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_case_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AfsCaseRow *self = AFS_CASE_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_CASE:
      afs_case_row_set_case (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_case_row_class_init (AfsCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = afs_case_row_dispose;
  object_class->get_property = afs_case_row_get_property;
  object_class->set_property = afs_case_row_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, AFS_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsCaseRow, box);
  gtk_widget_class_bind_template_child (widget_class, AfsCaseRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, AfsCaseRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, AfsCaseRow, severity_label);
  gtk_widget_class_bind_template_child (widget_class, AfsCaseRow, customer_label);
  gtk_widget_class_bind_template_child (widget_class, AfsCaseRow, equipment_label);
  gtk_widget_class_bind_template_child (widget_class, AfsCaseRow, description_label);
  gtk_widget_class_bind_template_child (widget_class, AfsCaseRow, technician_label);
  gtk_widget_class_bind_template_child (widget_class, AfsCaseRow, due_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "caserow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
afs_case_row_init (AfsCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
afs_case_row_new (AfsContext *context)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);

  return g_object_new (AFS_TYPE_CASE_ROW, "context", context, NULL);
}
