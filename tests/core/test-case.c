/* test-case.c: AfsCase, the object list rows bind to.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-case.h"
#include "afs-deadline.h"
#include "afs-records.h"

static void
fill_sample (AfsCaseData *d)
{
  memset (d, 0, sizeof *d);
  d->local_id = 7;
  d->id = g_strdup ("019d36ff-63bb-7abc-8def-0123456789ab");
  d->number = g_strdup ("AS-2026-000123");
  d->state = AFS_CASE_STATE_DISPATCHED;
  d->category = AFS_CATEGORY_REPAIR;
  d->severity = 2;
  d->customer_name = g_strdup ("Zakład Stolarski Nowak");
  d->equipment_model = g_strdup ("KX-200");
  d->serial = g_strdup ("SN-0001");
  d->description = g_strdup ("门铰链断裂");
  d->lead_technician = g_strdup ("Jan Kowalski");
  d->reported_at = 1000;
  d->respond_due = 2000;
  d->responded_at = 1500;
  d->arrive_due = 3000;
  d->resolve_due = 4000;
}

typedef struct {
  GHashTable *counts;  /* property name -> count */
} Notifies;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  Notifies *n = user_data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (n->counts, pspec->name));

  g_hash_table_insert (n->counts, (gpointer) pspec->name, GUINT_TO_POINTER (count + 1));
}

static guint
count_of (Notifies *n, const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (n->counts, name));
}

static void
test_unloaded (void)
{
  g_autoptr(AfsCase) c = afs_case_new ();
  gboolean loaded = TRUE;
  g_autofree char *number = NULL;

  g_assert_false (afs_case_get_loaded (c));
  g_object_get (c, "loaded", &loaded, "number", &number, NULL);
  g_assert_false (loaded);
  g_assert_null (number);
  g_assert_null (afs_case_get_number (c));
  g_assert_cmpint (afs_case_get_next_due (c), ==, 0);
  g_assert_nonnull (afs_case_get_data (c));
  g_assert_null (afs_case_get_data (c)->id);
}

static void
test_fill_notifies (void)
{
  g_autoptr(AfsCase) c = afs_case_new ();
  Notifies n = { g_hash_table_new (g_str_hash, g_str_equal) };
  AfsCaseData d;
  GParamSpec **pspecs;
  guint n_pspecs;

  g_signal_connect (c, "notify", G_CALLBACK (on_notify), &n);

  fill_sample (&d);
  afs_case_fill (c, &d);

  /* Every property notified exactly once, "number" and "loaded" included. */
  g_assert_cmpuint (count_of (&n, "number"), ==, 1);
  g_assert_cmpuint (count_of (&n, "loaded"), ==, 1);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (c), &n_pspecs);
  g_assert_cmpuint (n_pspecs, >=, 13);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_test_message ("%s", pspecs[i]->name);
      g_assert_cmpuint (count_of (&n, pspecs[i]->name), ==, 1);
      /* Read-only: only the store changes a case. */
      g_assert_false (pspecs[i]->flags & G_PARAM_WRITABLE);
    }
  g_free (pspecs);

  g_assert_true (afs_case_get_loaded (c));
  g_assert_cmpstr (afs_case_get_number (c), ==, "AS-2026-000123");

  /* The case holds a copy: the caller's data can go. */
  afs_case_data_clear (&d);
  g_assert_cmpstr (afs_case_get_number (c), ==, "AS-2026-000123");
  g_assert_cmpstr (afs_case_get_description (c), ==, "门铰链断裂");

  /* Refilling with its own data is safe and notifies again. */
  g_hash_table_remove_all (n.counts);
  afs_case_fill (c, afs_case_get_data (c));
  g_assert_cmpuint (count_of (&n, "number"), ==, 1);
  g_assert_cmpstr (afs_case_get_number (c), ==, "AS-2026-000123");

  g_signal_handlers_disconnect_by_data (c, &n);
  g_hash_table_unref (n.counts);
}

static void
test_properties (void)
{
  AfsCaseData d;
  g_autoptr(AfsCase) c = NULL;
  g_autofree char *number = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *model = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *state_label = NULL;
  int state = -1, severity = -1;
  gint64 reported = 0, respond = 0, arrive = 0, resolve = 0, next = 0;
  gboolean loaded = FALSE;

  fill_sample (&d);
  c = afs_case_new_from_data (&d);
  afs_case_data_clear (&d);

  g_object_get (c,
                "number", &number,
                "state", &state,
                "state-label", &state_label,
                "severity", &severity,
                "customer-name", &customer,
                "equipment-model", &model,
                "serial", &serial,
                "lead-technician", &lead,
                "reported-at", &reported,
                "respond-due", &respond,
                "arrive-due", &arrive,
                "resolve-due", &resolve,
                "next-due", &next,
                "loaded", &loaded,
                NULL);

  g_assert_cmpstr (number, ==, "AS-2026-000123");
  g_assert_cmpint (state, ==, AFS_CASE_STATE_DISPATCHED);
  g_assert_cmpstr (state_label, ==, "Dispatched");
  g_assert_cmpint (severity, ==, 2);
  g_assert_cmpstr (customer, ==, "Zakład Stolarski Nowak");
  g_assert_cmpstr (model, ==, "KX-200");
  g_assert_cmpstr (serial, ==, "SN-0001");
  g_assert_cmpstr (lead, ==, "Jan Kowalski");
  g_assert_cmpint (reported, ==, 1000);
  g_assert_cmpint (respond, ==, 2000);
  g_assert_cmpint (arrive, ==, 3000);
  g_assert_cmpint (resolve, ==, 4000);
  /* Answered, not yet arrived: the arrival deadline matters. */
  g_assert_cmpint (next, ==, 3000);
  g_assert_true (loaded);

  g_assert_cmpint (afs_case_get_local_id (c), ==, 7);
  g_assert_cmpstr (afs_case_get_id (c), ==, "019d36ff-63bb-7abc-8def-0123456789ab");
  g_assert_cmpint (afs_case_get_state (c), ==, AFS_CASE_STATE_DISPATCHED);
  g_assert_cmpint (afs_case_get_severity (c), ==, 2);
  g_assert_cmpint (afs_case_get_reported_at (c), ==, 1000);
  g_assert_cmpstr (afs_case_get_customer_name (c), ==, "Zakład Stolarski Nowak");
  g_assert_cmpstr (afs_case_get_equipment_model (c), ==, "KX-200");
  g_assert_cmpstr (afs_case_get_serial (c), ==, "SN-0001");
  g_assert_cmpstr (afs_case_get_lead_technician (c), ==, "Jan Kowalski");
  g_assert_cmpint (afs_case_get_next_due (c), ==, 3000);
}

static void
test_next_due_states (void)
{
  AfsCaseData d;
  g_autoptr(AfsCase) c = NULL;

  fill_sample (&d);
  c = afs_case_new_from_data (&d);

  d.state = AFS_CASE_STATE_CLOSED;
  afs_case_fill (c, &d);
  g_assert_cmpint (afs_case_get_next_due (c), ==, 0);

  d.state = AFS_CASE_STATE_ON_SITE;
  d.arrived_at = 2900;
  afs_case_fill (c, &d);
  g_assert_cmpint (afs_case_get_next_due (c), ==, 4000);

  afs_case_data_clear (&d);
}

static void
test_data_copy (void)
{
  AfsCaseData a, b;

  fill_sample (&a);
  afs_case_data_copy (&a, &b);
  g_assert_cmpstr (b.number, ==, a.number);
  g_assert_true (b.number != a.number);
  g_assert_cmpstr (b.description, ==, "门铰链断裂");
  g_assert_cmpint (b.severity, ==, 2);
  g_assert_null (b.scope_reason);
  afs_case_data_clear (&a);
  g_assert_cmpstr (b.number, ==, "AS-2026-000123");
  afs_case_data_clear (&b);
  g_assert_null (b.number);
  /* Clearing twice is harmless. */
  afs_case_data_clear (&b);
}

static void
test_records (void)
{
  AfsCustomerData customer = { .id = g_strdup ("x"), .name = g_strdup ("n"), .city = g_strdup ("Kraków") };
  AfsReportData report = { .diagnosis = g_strdup ("d"), .signer_name = g_strdup ("s"), .accepted = TRUE };
  AfsFollowUpData follow_up = { .channel = g_strdup ("phone"), .note = g_strdup ("ok"), .satisfaction = 5 };
  AfsStaffData *staff = g_new0 (AfsStaffData, 1);
  AfsAssignmentData *assignment = g_new0 (AfsAssignmentData, 1);
  AfsAuditEvent *event = g_new0 (AfsAuditEvent, 1);
  AfsEquipmentData *equipment = g_new0 (AfsEquipmentData, 1);
  g_autoptr(GPtrArray) arr = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_customer_data_free);

  afs_customer_data_clear (&customer);
  g_assert_null (customer.name);
  g_assert_null (customer.city);
  afs_report_data_clear (&report);
  g_assert_null (report.diagnosis);
  g_assert_false (report.accepted);
  afs_follow_up_data_clear (&follow_up);
  g_assert_null (follow_up.note);
  g_assert_cmpint (follow_up.satisfaction, ==, 0);

  staff->name = g_strdup ("Anna");
  assignment->staff_name = g_strdup ("Anna");
  event->kind = g_strdup ("transition");
  event->comment = g_strdup ("why");
  equipment->warranty_end = g_strdup ("2027-01-01");
  afs_staff_data_free (staff);
  afs_assignment_data_free (assignment);
  afs_audit_event_free (event);
  afs_equipment_data_free (equipment);
  afs_staff_data_free (NULL);

  g_ptr_array_add (arr, g_new0 (AfsCustomerData, 1));
  ((AfsCustomerData *) arr->pdata[0])->name = g_strdup ("in an array");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case/unloaded", test_unloaded);
  g_test_add_func ("/case/fill-notifies", test_fill_notifies);
  g_test_add_func ("/case/properties", test_properties);
  g_test_add_func ("/case/next-due-states", test_next_due_states);
  g_test_add_func ("/case/data-copy", test_data_copy);
  g_test_add_func ("/case/records", test_records);

  return g_test_run ();
}
