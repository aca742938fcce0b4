/* afs-format.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "afs-format.h"

char *
afs_format_datetime (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_seconds == 0)
    return g_strdup ("");

  utc = g_date_time_new_from_unix_utc (unix_seconds);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);

  /* Translators: a date and time as in "3 Feb 2026, 14:05"; see
   * g_date_time_format() for the codes. Reorder for your language. */
  return g_date_time_format (local, _("%-e %b %Y, %H:%M"));
}

static GDateTime *
parse_iso_date (const char *iso_date)
{
  int y, m, d;

  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  if (!g_date_valid_dmy (d, m, y))
    return NULL;

  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

char *
afs_format_date (const char *iso_date)
{
  g_autoptr(GDateTime) dt = NULL;

  if (iso_date == NULL || iso_date[0] == '\0')
    return NULL;

  dt = parse_iso_date (iso_date);
  if (dt == NULL)
    return g_strdup (iso_date);

  /* Translators: a date as in "3 Feb 2026"; see g_date_time_format(). */
  return g_date_time_format (dt, _("%-e %b %Y"));
}

gboolean
afs_format_date_not_past (const char *iso_date,
                          gint64      now)
{
  g_autoptr(GDateTime) end = parse_iso_date (iso_date);
  g_autoptr(GDateTime) next_day = NULL;

  if (end == NULL)
    return FALSE;

  /* The date is the last day covered: valid until its end, local time. */
  next_day = g_date_time_add_days (end, 1);
  return now < g_date_time_to_unix (next_day);
}

char *
afs_format_count (guint n)
{
  return g_strdup_printf ("%'u", n);
}

char *
afs_format_money (double amount)
{
  return g_strdup_printf ("%'.2f", amount);
}

char *
afs_format_case_count (guint n)
{
  g_autofree char *digits = afs_format_count (n);

  /* Translators: the number of cases in the list, e.g. "1 234 cases";
   * %s is the number with the locale's digit grouping. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s case", "%s cases", n), digits);
}

char *
afs_format_severity_short (int severity)
{
  if (severity < AFS_SEVERITY_MIN || severity > AFS_SEVERITY_MAX)
    return g_strdup ("—");

  /* Translators: the short badge of a severity level, "L1" for level 1. */
  return g_strdup_printf (_("L%d"), severity);
}

typedef struct {
  const char *field;
  const char *label;
} FieldLabel;

static const FieldLabel field_labels[] = {
  { "channel", N_("Channel") },
  { "category", N_("Category") },
  { "severity", N_("Severity") },
  { "scope", N_("Scope") },
  { "scope_reason", N_("Scope reason") },
  { "warranty", N_("Warranty") },
  { "cause", N_("Cause") },
  { "responsible", N_("Responsible") },
  { "responsible_staff_id", N_("Responsible staff member") },
  { "third_party_claim", N_("Third-party claim") },
  { "description", N_("Description") },
  { "contact_name", N_("Contact") },
  { "contact_phone", N_("Contact phone") },
  { "estimated_cost", N_("Estimated cost") },
  { "compensation", N_("Compensation") },
  { "quality_loss", N_("Quality loss") },
  { "remote_resolution", N_("Remote resolution") },
  { "responded_at", N_("Responded") },
  { "state", N_("State") },
};

const char *
afs_format_field_label (const char *field)
{
  if (field == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (field_labels[i].field, field))
      return _(field_labels[i].label);

  return field;
}

char *
afs_format_field_value (const char *field,
                        const char *value)
{
  int v;

  if (value == NULL || value[0] == '\0')
    /* Translators: a field that has no value (was cleared). */
    return g_strdup (_("none"));

  if (field == NULL)
    return g_strdup (value);

#define MAP(name, type, func)                                   \
  if (g_str_equal (field, name))                                \
    {                                                           \
      type e;                                                   \
      if (func##_from_string (value, &e))                       \
        return g_strdup (func##_get_label (e));                 \
      return g_strdup (value);                                  \
    }

  MAP ("state", AfsCaseState, afs_case_state)
  MAP ("channel", AfsChannel, afs_channel)
  MAP ("category", AfsCategory, afs_category)
  MAP ("scope", AfsScope, afs_scope)
  MAP ("warranty", AfsWarrantyStatus, afs_warranty_status)
  MAP ("cause", AfsCause, afs_cause)
#undef MAP

  if (g_str_equal (field, "responded_at"))
    {
      gint64 t = g_ascii_strtoll (value, NULL, 10);
      if (t > 0)
        return afs_format_datetime (t);
    }
  else if (g_str_equal (field, "estimated_cost") ||
           g_str_equal (field, "compensation") ||
           g_str_equal (field, "quality_loss"))
    {
      return afs_format_money (g_ascii_strtod (value, NULL));
    }
  else if (g_str_equal (field, "severity"))
    {
      v = atoi (value);
      if (v == 0)
        return g_strdup (afs_severity_get_label (0));
    }

  return g_strdup (value);
}

char *
afs_format_audit_event (const AfsAuditEvent *event)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *kind;

  g_return_val_if_fail (event != NULL, NULL);

  kind = event->kind != NULL ? event->kind : "";

  if (g_str_equal (kind, "created"))
    g_string_append (text, _("Created"));
  else if (g_str_equal (kind, "transition") || g_str_equal (kind, "field"))
    {
      const char *field = g_str_equal (kind, "transition") ? "state" : event->field;
      g_autofree char *old_value = afs_format_field_value (field, event->old_value);
      g_autofree char *new_value = afs_format_field_value (field, event->new_value);

      /* Translators: a change in the timeline: "State: New → Triaged". */
      g_string_append_printf (text, _("%s: %s → %s"),
                              afs_format_field_label (field), old_value, new_value);
    }
  else if (g_str_equal (kind, "assignment"))
    {
      /* Translators: %s is the technician's name (or what changed). */
      g_string_append_printf (text, _("Technician assigned: %s"),
                              event->new_value != NULL ? event->new_value : "");
    }
  else if (g_str_equal (kind, "report"))
    g_string_append (text, _("Service report saved"));
  else if (g_str_equal (kind, "follow_up"))
    g_string_append (text, _("Follow-up recorded"));
  else if (g_str_equal (kind, "approval"))
    {
      if (event->new_value != NULL)
        {
          g_autofree char *what = afs_format_field_value ("state", event->new_value);
          /* Translators: %s says what happened to an approval request. */
          g_string_append_printf (text, _("Approval: %s"), what);
        }
      else
        g_string_append (text, _("Approval"));
    }
  else if (g_str_equal (kind, "note"))
    g_string_append (text, _("Note"));
  else
    g_string_append (text, kind);

  if (event->comment != NULL && event->comment[0] != '\0')
    g_string_append_printf (text, " — %s", event->comment);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
