/* afs-records.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-records.h"

/* The _clear() functions leave the struct zeroed, so a record on the stack
 * can be cleared twice or refilled without stale pointers. */

/**
 * afs_customer_data_clear:
 * @data: a customer record
 *
 * Frees the strings of @data and zeroes it.
 */
void
afs_customer_data_clear (AfsCustomerData *data)
{
  g_return_if_fail (data != NULL);

  g_free (data->id);
  g_free (data->name);
  g_free (data->contact_name);
  g_free (data->phone);
  g_free (data->email);
  g_free (data->address);
  g_free (data->city);
  memset (data, 0, sizeof *data);
}

/**
 * afs_equipment_data_clear:
 * @data: an equipment record
 *
 * Frees the strings of @data and zeroes it.
 */
void
afs_equipment_data_clear (AfsEquipmentData *data)
{
  g_return_if_fail (data != NULL);

  g_free (data->id);
  g_free (data->customer_id);
  g_free (data->model);
  g_free (data->serial);
  g_free (data->production_date);
  g_free (data->purchase_date);
  g_free (data->installation_date);
  g_free (data->warranty_end);
  memset (data, 0, sizeof *data);
}

/**
 * afs_staff_data_clear:
 * @data: a staff record
 *
 * Frees the strings of @data and zeroes it.
 */
void
afs_staff_data_clear (AfsStaffData *data)
{
  g_return_if_fail (data != NULL);

  g_free (data->id);
  g_free (data->name);
  g_free (data->phone);
  g_free (data->service_area);
  g_free (data->skills);
  memset (data, 0, sizeof *data);
}

/**
 * afs_assignment_data_clear:
 * @data: an assignment record
 *
 * Frees the strings of @data and zeroes it.
 */
void
afs_assignment_data_clear (AfsAssignmentData *data)
{
  g_return_if_fail (data != NULL);

  g_free (data->id);
  g_free (data->case_id);
  g_free (data->staff_id);
  g_free (data->staff_name);
  g_free (data->note);
  memset (data, 0, sizeof *data);
}

/**
 * afs_audit_event_clear:
 * @event: an audit event
 *
 * Frees the strings of @event and zeroes it.
 */
void
afs_audit_event_clear (AfsAuditEvent *event)
{
  g_return_if_fail (event != NULL);

  g_free (event->id);
  g_free (event->case_id);
  g_free (event->actor_id);
  g_free (event->actor_name);
  g_free (event->kind);
  g_free (event->field);
  g_free (event->old_value);
  g_free (event->new_value);
  g_free (event->comment);
  memset (event, 0, sizeof *event);
}

/**
 * afs_report_data_clear:
 * @data: a report record
 *
 * Frees the strings of @data and zeroes it.
 */
void
afs_report_data_clear (AfsReportData *data)
{
  g_return_if_fail (data != NULL);

  g_free (data->id);
  g_free (data->case_id);
  g_free (data->diagnosis);
  g_free (data->actions);
  g_free (data->outcome);
  g_free (data->customer_opinion);
  g_free (data->signer_name);
  memset (data, 0, sizeof *data);
}

/**
 * afs_follow_up_data_clear:
 * @data: a follow-up record
 *
 * Frees the strings of @data and zeroes it.
 */
void
afs_follow_up_data_clear (AfsFollowUpData *data)
{
  g_return_if_fail (data != NULL);

  g_free (data->id);
  g_free (data->case_id);
  g_free (data->channel);
  g_free (data->note);
  memset (data, 0, sizeof *data);
}

/* The _free() variants accept NULL like g_free(), because GPtrArray and
 * g_clear_pointer() hand them whatever the slot holds. */

/**
 * afs_customer_data_free:
 * @data: (nullable): a heap-allocated customer record
 *
 * Frees the strings of @data and @data itself.
 */
void
afs_customer_data_free (AfsCustomerData *data)
{
  if (data == NULL)
    return;
  afs_customer_data_clear (data);
  g_free (data);
}

/**
 * afs_equipment_data_free:
 * @data: (nullable): a heap-allocated equipment record
 *
 * Frees the strings of @data and @data itself.
 */
void
afs_equipment_data_free (AfsEquipmentData *data)
{
  if (data == NULL)
    return;
  afs_equipment_data_clear (data);
  g_free (data);
}

/**
 * afs_staff_data_free:
 * @data: (nullable): a heap-allocated staff record
 *
 * Frees the strings of @data and @data itself.
 */
void
afs_staff_data_free (AfsStaffData *data)
{
  if (data == NULL)
    return;
  afs_staff_data_clear (data);
  g_free (data);
}

/**
 * afs_assignment_data_free:
 * @data: (nullable): a heap-allocated assignment record
 *
 * Frees the strings of @data and @data itself.
 */
void
afs_assignment_data_free (AfsAssignmentData *data)
{
  if (data == NULL)
    return;
  afs_assignment_data_clear (data);
  g_free (data);
}

/**
 * afs_audit_event_free:
 * @event: (nullable): a heap-allocated audit event
 *
 * Frees the strings of @event and @event itself.
 */
void
afs_audit_event_free (AfsAuditEvent *event)
{
  if (event == NULL)
    return;
  afs_audit_event_clear (event);
  g_free (event);
}
