/* test-timeline.c: the office flow of one case, intake to shipment, and
 * the timeline it leaves (issue 3: "The timeline shows every one of these
 * steps with who and when"; DOMAIN.md "Everything is recorded and can be
 * found again").
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-error.h"
#include "afs-store-office.h"
#include "store-test-util.h"

static void
test_office_flow (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) suggested = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *customer_id = NULL;
  g_autofree char *equipment_id = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *assignment = NULL;
  AfsCustomerData customer = { 0, };
  AfsEquipmentData equipment = { 0, };
  AfsShipmentData shipment = { 0, };
  AfsCaseInput input = { 0, };
  AfsWarrantyResult warranty;
  const char *first;
  gint64 t0 = fx->now;

  /* 1. Intake: a new customer (no duplicate), new equipment, the case. */
  customer.name = (char *) "Pastelería Peña";
  customer.phone = (char *) "+34 612 34 56 78";
  customer.address = (char *) "Calle Mayor 1";
  customer.city = (char *) "Kraków";
  {
    g_autoptr(GPtrArray) dups = afs_store_find_duplicate_customers (fx->store, &customer, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (dups->len, ==, 0);
  }
  g_assert_true (afs_store_add_customer (fx->store, &customer, &customer_id, &error));
  equipment.customer_id = customer_id;
  equipment.model = (char *) "Frost 300 compressor";
  equipment.serial = (char *) "FR-300-777";
  equipment.purchase_date = (char *) "2025-09-01";
  g_assert_true (afs_store_add_equipment (fx->store, &equipment, &equipment_id, &error));
  input.customer_id = customer_id;
  input.equipment_id = equipment_id;
  input.category = AFS_CATEGORY_EXCHANGE;
  input.description = "La cámara no enfría; quiere otra";
  g_assert_true (afs_store_create_case (fx->store, &input, &case_id, &error));
  g_assert_no_error (error);

  /* 2. Scope and warranty: bought 2025-09-01, reported 2026-03-10: in. */
  fx->now += 300;
  g_assert_true (afs_store_evaluate_warranty (fx->store, case_id, 12, &warranty, &error));
  g_assert_cmpint (warranty.status, ==, AFS_WARRANTY_IN);
  fixture_update (fx, case_id, "scope", "in", "warranty", afs_warranty_status_to_string (warranty.status),
                  NULL);
  afs_warranty_result_clear (&warranty);

  /* 3. Triage. */
  fx->now += 300;
  fixture_update (fx, case_id, "severity", "2", "cause", "product_quality", NULL);
  fixture_act (fx, case_id, AFS_ACTION_TRIAGE, NULL);

  /* 6. Approval: an exchange. */
  fx->now += 300;
  g_assert_true (afs_store_request_approval (fx->store, case_id, NULL, &error));
  fixture_act_as (fx, fx->manager_id, AFS_ROLE_MANAGER);
  fx->now += 3600;
  g_assert_true (afs_store_decide_approval (fx->store, case_id, TRUE, "Exchange it", &error));
  g_assert_no_error (error);

  /* 7. Dispatch: the suggestion, the lead, the plan, a reassignment. */
  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
  fx->now += 300;
  suggested = afs_store_suggest_technicians (fx->store, case_id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggested->len, ==, 1);
  g_assert_true (afs_store_assign_technician (fx->store, case_id,
                                              ((AfsDispatchSuggestion *) g_ptr_array_index (suggested, 0))->staff_id,
                                              TRUE, &error));
  assignment = fx_text (fx, "SELECT id FROM assignments WHERE case_id = '%s'", case_id);
  g_assert_true (afs_store_plan_assignment (fx->store, assignment, t0 + 86400, t0 + 86400 + 7200, &error));
  fixture_act (fx, case_id, AFS_ACTION_DISPATCH, NULL);
  fx->now += 300;
  first = ((AfsDispatchSuggestion *) g_ptr_array_index (suggested, 0))->staff_id;
  g_assert_true (afs_store_reassign_technician (fx->store, case_id, first,
                                                g_str_equal (first, fx->tech_id) ? fx->tech2_id : fx->tech_id,
                                                "Closer to the customer today", &error));
  g_assert_no_error (error);

  /* 10. The replacement ships. */
  fx->now += 300;
  shipment.case_id = case_id;
  shipment.part = (char *) "Frost 300 (replacement unit)";
  shipment.quantity = 1;
  shipment.destination = (char *) "Calle Mayor 1, Kraków";
  shipment.carrier = (char *) "DHL";
  shipment.tracking_number = (char *) "JD014600001";
  g_assert_true (afs_store_add_shipment (fx->store, &shipment, NULL, &error));
  g_assert_no_error (error);

  /* The timeline: every step, with who and when, in order. */
  audit = afs_store_list_audit (fx->store, case_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      AfsAuditEvent *ev = g_ptr_array_index (audit, i);

      g_assert_cmpint (ev->at, >=, t0);
      g_assert_cmpint (ev->at, <=, fx->now);
      g_assert_nonnull (ev->actor_name);
      g_string_append_printf (lines, "%s %s%s%s by %s\n", ev->kind,
                              ev->field != NULL ? ev->field : "",
                              ev->new_value != NULL && (g_str_equal (ev->kind, "transition") ||
                                                        g_str_equal (ev->kind, "approval"))
                              ? "=" : "",
                              ev->new_value != NULL && (g_str_equal (ev->kind, "transition") ||
                                                        g_str_equal (ev->kind, "approval"))
                              ? ev->new_value : "",
                              ev->actor_name);
    }

  g_assert_cmpstr (lines->str, ==,
                   "created  by Olga Office\n"
                   "field scope by Olga Office\n"
                   "field warranty by Olga Office\n"
                   "field severity by Olga Office\n"
                   "field cause by Olga Office\n"
                   "transition state=triaged by Olga Office\n"
                   "transition state=awaiting_approval by Olga Office\n"
                   "approval requested=exchange by Olga Office\n"
                   "transition state=approved by Marek Manager\n"
                   "approval decision=approved by Marek Manager\n"
                   "assignment lead by Olga Office\n"
                   "assignment planned by Olga Office\n"
                   "transition state=dispatched by Olga Office\n"
                   "assignment lead by Olga Office\n"
                   "assignment reassigned by Olga Office\n"
                   "shipment  by Olga Office\n");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/timeline/office-flow", Fixture, NULL, fixture_setup, test_office_flow,
              fixture_teardown);

  return g_test_run ();
}
