/* afs-case.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-case.h"
#include "afs-deadline.h"

struct _AfsCase
{
  GObject     parent_instance;

  AfsCaseData data;
  guint       loaded : 1;
};

G_DEFINE_FINAL_TYPE (AfsCase, afs_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_SEVERITY,
  PROP_CUSTOMER_NAME,
  PROP_EQUIPMENT_MODEL,
  PROP_SERIAL,
  PROP_DESCRIPTION,
  PROP_LEAD_TECHNICIAN,
  PROP_REPORTED_AT,
  PROP_RESPOND_DUE,
  PROP_ARRIVE_DUE,
  PROP_RESOLVE_DUE,
  PROP_NEXT_DUE,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/**
 * afs_case_data_clear:
 * @data: a case snapshot
 *
 * Frees the strings of @data and zeroes it, so it can be cleared again or
 * refilled.
 */
void
afs_case_data_clear (AfsCaseData *data)
{
  g_return_if_fail (data != NULL);

  g_free (data->id);
  g_free (data->number);
  g_free (data->scope_reason);
  g_free (data->responsible);
  g_free (data->responsible_staff_id);
  g_free (data->third_party_claim);
  g_free (data->description);
  g_free (data->contact_name);
  g_free (data->contact_phone);
  g_free (data->customer_id);
  g_free (data->customer_name);
  g_free (data->equipment_id);
  g_free (data->equipment_model);
  g_free (data->serial);
  g_free (data->lead_technician_id);
  g_free (data->lead_technician);
  g_free (data->remote_resolution);
  g_free (data->customer_city);
  memset (data, 0, sizeof *data);
}

/**
 * afs_case_data_copy:
 * @src: a case snapshot
 * @dest: (out caller-allocates): where to write the copy
 *
 * Deep-copies @src into @dest. @dest is overwritten as if uninitialized:
 * call afs_case_data_clear() on it first if it holds strings.
 */
void
afs_case_data_copy (const AfsCaseData *src,
                    AfsCaseData       *dest)
{
  g_return_if_fail (src != NULL);
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != dest);

  *dest = *src;
  dest->id = g_strdup (src->id);
  dest->number = g_strdup (src->number);
  dest->scope_reason = g_strdup (src->scope_reason);
  dest->responsible = g_strdup (src->responsible);
  dest->responsible_staff_id = g_strdup (src->responsible_staff_id);
  dest->third_party_claim = g_strdup (src->third_party_claim);
  dest->description = g_strdup (src->description);
  dest->contact_name = g_strdup (src->contact_name);
  dest->contact_phone = g_strdup (src->contact_phone);
  dest->customer_id = g_strdup (src->customer_id);
  dest->customer_name = g_strdup (src->customer_name);
  dest->equipment_id = g_strdup (src->equipment_id);
  dest->equipment_model = g_strdup (src->equipment_model);
  dest->serial = g_strdup (src->serial);
  dest->lead_technician_id = g_strdup (src->lead_technician_id);
  dest->lead_technician = g_strdup (src->lead_technician);
  dest->remote_resolution = g_strdup (src->remote_resolution);
  dest->customer_city = g_strdup (src->customer_city);
}

static void
afs_case_finalize (GObject *object)
{
  AfsCase *self = (AfsCase *)object;

  afs_case_data_clear (&self->data);

  G_OBJECT_CLASS (afs_case_parent_class)->finalize (object);
}

static void
afs_case_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  AfsCase *self = AFS_CASE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->data.id);
      break;

    case PROP_NUMBER:
      g_value_set_string (value, self->data.number);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->data.state);
      break;

    case PROP_STATE_LABEL:
      g_value_set_string (value, self->loaded ? afs_case_state_get_label (self->data.state) : NULL);
      break;

    case PROP_SEVERITY:
      g_value_set_int (value, self->data.severity);
      break;

    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->data.customer_name);
      break;

    case PROP_EQUIPMENT_MODEL:
      g_value_set_string (value, self->data.equipment_model);
      break;

    case PROP_SERIAL:
      g_value_set_string (value, self->data.serial);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->data.description);
      break;

    case PROP_LEAD_TECHNICIAN:
      g_value_set_string (value, self->data.lead_technician);
      break;

    case PROP_REPORTED_AT:
      g_value_set_int64 (value, self->data.reported_at);
      break;

    case PROP_RESPOND_DUE:
      g_value_set_int64 (value, self->data.respond_due);
      break;

    case PROP_ARRIVE_DUE:
      g_value_set_int64 (value, self->data.arrive_due);
      break;

    case PROP_RESOLVE_DUE:
      g_value_set_int64 (value, self->data.resolve_due);
      break;

    case PROP_NEXT_DUE:
      g_value_set_int64 (value, afs_case_get_next_due (self));
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_case_class_init (AfsCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = afs_case_finalize;
  object_class->get_property = afs_case_get_property;

  /* All read-only: a case changes only through the store, which checks
   * the workflow rules and writes the audit trail, then calls
   * afs_case_fill(). Rows bind to these. */
#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL, RO_FLAGS);
  /* An int rather than a GEnum: AfsCaseState has no registered GType, and
   * the UI maps it with afs_case_state_get_label() or "state-label". */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      0, AFS_CASE_STATE_N - 1, AFS_CASE_STATE_NEW, RO_FLAGS);
  properties[PROP_STATE_LABEL] =
    g_param_spec_string ("state-label", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_SEVERITY] =
    g_param_spec_int ("severity", NULL, NULL,
                      AFS_SEVERITY_NONE, AFS_SEVERITY_MAX, AFS_SEVERITY_NONE, RO_FLAGS);
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_EQUIPMENT_MODEL] =
    g_param_spec_string ("equipment-model", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_SERIAL] =
    g_param_spec_string ("serial", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_LEAD_TECHNICIAN] =
    g_param_spec_string ("lead-technician", NULL, NULL, NULL, RO_FLAGS);
  properties[PROP_REPORTED_AT] =
    g_param_spec_int64 ("reported-at", NULL, NULL, 0, G_MAXINT64, 0, RO_FLAGS);
  properties[PROP_RESPOND_DUE] =
    g_param_spec_int64 ("respond-due", NULL, NULL, 0, G_MAXINT64, 0, RO_FLAGS);
  properties[PROP_ARRIVE_DUE] =
    g_param_spec_int64 ("arrive-due", NULL, NULL, 0, G_MAXINT64, 0, RO_FLAGS);
  properties[PROP_RESOLVE_DUE] =
    g_param_spec_int64 ("resolve-due", NULL, NULL, 0, G_MAXINT64, 0, RO_FLAGS);
  properties[PROP_NEXT_DUE] =
    g_param_spec_int64 ("next-due", NULL, NULL, 0, G_MAXINT64, 0, RO_FLAGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE, RO_FLAGS);

#undef RO_FLAGS

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
afs_case_init (AfsCase *self)
{
}

/**
 * afs_case_new:
 *
 * Creates an unloaded placeholder, for lazy list models that show a row
 * before its data has been read.
 *
 * Returns: (transfer full): a new #AfsCase with #AfsCase:loaded %FALSE
 */
AfsCase *
afs_case_new (void)
{
  return g_object_new (AFS_TYPE_CASE, NULL);
}

/**
 * afs_case_new_from_data:
 * @data: a case snapshot, copied
 *
 * Returns: (transfer full): a new loaded #AfsCase
 */
AfsCase *
afs_case_new_from_data (const AfsCaseData *data)
{
  AfsCase *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = afs_case_new ();
  afs_case_data_copy (data, &self->data);
  self->loaded = TRUE;

  return self;
}

/**
 * afs_case_fill:
 * @self: a #AfsCase
 * @data: the new contents, copied
 *
 * Replaces the contents and notifies every property, once each, after
 * all of them are set, so a handler never sees half a case. Main thread
 * only: bound widgets react to the notifications.
 */
void
afs_case_fill (AfsCase           *self,
               const AfsCaseData *data)
{
  AfsCaseData copy;

  g_return_if_fail (AFS_IS_CASE (self));
  g_return_if_fail (data != NULL);

  /* Copy before clearing: @data may be our own afs_case_get_data(). */
  afs_case_data_copy (data, &copy);
  afs_case_data_clear (&self->data);
  self->data = copy;
  self->loaded = TRUE;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * afs_case_get_loaded:
 * @self: a #AfsCase
 *
 * Returns: %TRUE once the case holds data
 */
gboolean
afs_case_get_loaded (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), FALSE);

  return self->loaded;
}

/**
 * afs_case_get_data:
 * @self: a #AfsCase
 *
 * The whole snapshot, for screens that show more than the properties.
 * Valid until the next afs_case_fill(); all zero while unloaded.
 *
 * Returns: (transfer none): the data
 */
const AfsCaseData *
afs_case_get_data (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), NULL);

  return &self->data;
}

/**
 * afs_case_get_local_id:
 * @self: a #AfsCase
 *
 * Returns: the SQLite rowid on this device, or 0 while unloaded
 */
gint64
afs_case_get_local_id (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), 0);

  return self->data.local_id;
}

/**
 * afs_case_get_id:
 * @self: a #AfsCase
 *
 * Returns: (nullable): the UUIDv7 of the case
 */
const char *
afs_case_get_id (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), NULL);

  return self->data.id;
}

/**
 * afs_case_get_number:
 * @self: a #AfsCase
 *
 * Returns: (nullable): the case number, like "AS-2026-000123"
 */
const char *
afs_case_get_number (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), NULL);

  return self->data.number;
}

/**
 * afs_case_get_state:
 * @self: a #AfsCase
 *
 * Returns: the state of the case
 */
AfsCaseState
afs_case_get_state (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), AFS_CASE_STATE_NEW);

  return self->data.state;
}

/**
 * afs_case_get_severity:
 * @self: a #AfsCase
 *
 * Returns: 1..4, or 0 when not graded yet
 */
int
afs_case_get_severity (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), AFS_SEVERITY_NONE);

  return self->data.severity;
}

/**
 * afs_case_get_customer_name:
 * @self: a #AfsCase
 *
 * Returns: (nullable): the customer's name
 */
const char *
afs_case_get_customer_name (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), NULL);

  return self->data.customer_name;
}

/**
 * afs_case_get_equipment_model:
 * @self: a #AfsCase
 *
 * Returns: (nullable): the product model
 */
const char *
afs_case_get_equipment_model (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), NULL);

  return self->data.equipment_model;
}

/**
 * afs_case_get_serial:
 * @self: a #AfsCase
 *
 * Returns: (nullable): the serial or batch number
 */
const char *
afs_case_get_serial (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), NULL);

  return self->data.serial;
}

/**
 * afs_case_get_description:
 * @self: a #AfsCase
 *
 * Returns: (nullable): the problem description
 */
const char *
afs_case_get_description (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), NULL);

  return self->data.description;
}

/**
 * afs_case_get_lead_technician:
 * @self: a #AfsCase
 *
 * Returns: (nullable): the lead technician's name
 */
const char *
afs_case_get_lead_technician (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), NULL);

  return self->data.lead_technician;
}

/**
 * afs_case_get_reported_at:
 * @self: a #AfsCase
 *
 * Returns: the intake time, unix seconds; deadlines run from it
 */
gint64
afs_case_get_reported_at (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), 0);

  return self->data.reported_at;
}

/**
 * afs_case_get_next_due:
 * @self: a #AfsCase
 *
 * The deadline that matters now (see afs_deadline_next_due()).
 *
 * Returns: unix seconds, or 0 when none runs (not open, or unloaded)
 */
gint64
afs_case_get_next_due (AfsCase *self)
{
  g_return_val_if_fail (AFS_IS_CASE (self), 0);

  if (!self->loaded)
    return 0;

  return afs_deadline_next_due (self->data.state,
                                self->data.respond_due, self->data.responded_at,
                                self->data.arrive_due, self->data.arrived_at,
                                self->data.resolve_due, self->data.resolved_at);
}
