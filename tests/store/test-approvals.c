/* test-approvals.c: approvals on a real file (DOMAIN.md 6): the gates for
 * level 1, returns, exchanges, cost and compensation over the limits; the
 * manager's queue and a case's history; deciding with a comment; the
 * audit events; quality accidents flagged for management.
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

static char *
graded_case (Fixture    *fx,
             const char *description,
             const char *severity)
{
  char *id = fixture_new_case (fx, description);

  fixture_update (fx, id, "scope", "in", "warranty", "in", "severity", severity,
                  "cause", "product_quality", NULL);
  return id;
}

static void
assign_lead (Fixture    *fx,
             const char *case_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (afs_store_assign_technician (fx->store, case_id, fx->tech_id, TRUE, &error));
  g_assert_no_error (error);
}

static void
assert_dispatch_refused (Fixture    *fx,
                         const char *case_id,
                         int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (afs_store_apply_action (fx->store, case_id, AFS_ACTION_DISPATCH, NULL, &error));
  g_assert_error (error, AFS_ERROR, code);
}

/* Each reason of DOMAIN.md 6 stops dispatch until a manager approves:
 * the core refuses, whatever a screen shows. */
static void
test_gates (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *level1 = graded_case (fx, "Total damage", "1");
  g_autofree char *ret = graded_case (fx, "Wants the money back", "2");
  g_autofree char *exch = graded_case (fx, "Wants another one", "2");
  g_autofree char *cost = graded_case (fx, "Big repair", "2");
  g_autofree char *comp = graded_case (fx, "Spoiled food", "3");
  g_autofree char *plain = graded_case (fx, "Small repair", "3");
  const char *all[] = { level1, ret, exch, cost, comp };
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;

  fixture_update (fx, ret, "category", "return", NULL);
  fixture_update (fx, exch, "category", "exchange", NULL);
  fixture_update (fx, cost, "estimated_cost", "2000.01", NULL);
  fixture_update (fx, comp, "compensation", "501", NULL);
  fixture_update (fx, plain, "estimated_cost", "2000", "compensation", "500", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      fixture_act (fx, all[i], AFS_ACTION_TRIAGE, NULL);
      assign_lead (fx, all[i]);
      assert_dispatch_refused (fx, all[i], AFS_ERROR_NEEDS_APPROVAL);
      g_assert_true (afs_store_request_approval (fx->store, all[i], NULL, &error));
      g_assert_no_error (error);
      /* Waiting for the manager: not a state dispatch starts from. */
      assert_dispatch_refused (fx, all[i], AFS_ERROR_TRANSITION);
      fx->now += 60;
    }

  /* At the limits exactly: no approval needed. */
  fixture_act (fx, plain, AFS_ACTION_TRIAGE, NULL);
  assign_lead (fx, plain);
  fixture_act (fx, plain, AFS_ACTION_DISPATCH, NULL);

  /* The manager's queue, oldest first, with the reasons in words. */
  queue = afs_store_list_pending_approvals (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 5);
  {
    const char *reasons[] = { "Level 1 case", "return", "exchange", "cost over the budget limit",
                              "compensation over the limit" };

    for (guint i = 0; i < queue->len; i++)
      {
        AfsApprovalData *a = g_ptr_array_index (queue, i);

        g_assert_cmpstr (a->case_id, ==, all[i]);
        g_assert_cmpstr (a->reasons_text, ==, reasons[i]);
        g_assert_cmpint (a->decision, ==, AFS_APPROVAL_PENDING);
        g_assert_cmpstr (a->requested_by_name, ==, "Olga Office");
        g_assert_cmpstr (a->customer_name, ==, "Hotel Lodówka");
        g_assert_nonnull (a->case_number);
        g_assert_cmpint (a->case_state, ==, AFS_CASE_STATE_AWAITING_APPROVAL);
      }
    g_assert_cmpfloat (((AfsApprovalData *) g_ptr_array_index (queue, 3))->estimated_cost, ==, 2000.01);
    g_assert_cmpfloat (((AfsApprovalData *) g_ptr_array_index (queue, 4))->compensation, ==, 501);
  }

  /* The case list knows a request waits. */
  {
    AfsCaseData c;

    afs_store_get_case (fx->store, level1, &c, &error);
    g_assert_true (c.approval_pending);
    g_assert_false (c.approval_granted);
    afs_case_data_clear (&c);
  }
}

static void
test_decide (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *id = graded_case (fx, "Level 1 and a return", "1");
  g_autofree char *audit = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox;
  AfsApprovalData *a;
  AfsCaseData c;

  fixture_update (fx, id, "category", "return", NULL);
  fixture_act (fx, id, AFS_ACTION_TRIAGE, NULL);
  assign_lead (fx, id);
  g_assert_true (afs_store_request_approval (fx->store, id, NULL, &error));

  /* The office cannot decide; nothing is written. */
  outbox = fx_int (fx, "SELECT count(*) FROM outbox");
  g_assert_false (afs_store_decide_approval (fx->store, id, TRUE, "fine", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox);

  /* A rejection needs a comment. */
  fixture_act_as (fx, fx->manager_id, AFS_ROLE_MANAGER);
  g_assert_false (afs_store_decide_approval (fx->store, id, FALSE, " ", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_PRECONDITION);
  g_clear_error (&error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox);

  fx->now += 60;
  g_assert_true (afs_store_decide_approval (fx->store, id, FALSE, "Offer a repair first", &error));
  g_assert_no_error (error);
  queue = afs_store_list_pending_approvals (fx->store, &error);
  g_assert_cmpuint (queue->len, ==, 0);

  /* Asked again with the office's own words, then approved. */
  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
  fx->now += 60;
  g_assert_true (afs_store_request_approval (fx->store, id, "Repair refused by the customer in writing",
                                             &error));
  fixture_act_as (fx, fx->manager_id, AFS_ROLE_MANAGER);
  fx->now += 60;
  g_assert_true (afs_store_decide_approval (fx->store, id, TRUE, "Approved: take it back", &error));
  g_assert_no_error (error);

  afs_store_get_case (fx->store, id, &c, &error);
  g_assert_cmpint (c.state, ==, AFS_CASE_STATE_APPROVED);
  g_assert_true (c.approval_granted);
  g_assert_false (c.approval_pending);
  afs_case_data_clear (&c);

  /* The history of the case, oldest first. */
  history = afs_store_list_case_approvals (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  a = g_ptr_array_index (history, 0);
  g_assert_cmpint (a->decision, ==, AFS_APPROVAL_REJECTED);
  g_assert_cmpstr (a->reasons_text, ==, "Level 1 case, return");
  g_assert_cmpstr (a->comment, ==, "Offer a repair first");
  g_assert_cmpstr (a->decided_by_name, ==, "Marek Manager");
  g_assert_cmpint (a->decided_at, >, 0);
  a = g_ptr_array_index (history, 1);
  g_assert_cmpint (a->decision, ==, AFS_APPROVAL_APPROVED);
  g_assert_cmpstr (a->reasons, ==, "Repair refused by the customer in writing");
  g_assert_cmpstr (a->reasons_text, ==, "Repair refused by the customer in writing");
  g_assert_cmpstr (a->comment, ==, "Approved: take it back");
  g_assert_false (a->stale);

  /* The timeline: each request and decision, who, the comment. */
  audit = fx_text (fx, "SELECT group_concat (field || ':' || coalesce (new_value, '-') || ':'"
                       "   || coalesce (comment, '-') || ':' || actor_name, ' / ')"
                       "  FROM (SELECT * FROM audit WHERE case_id = '%s' AND kind = 'approval'"
                       "        ORDER BY at, rowid)", id);
  g_assert_cmpstr (audit, ==,
                   "requested:level_1,return:-:Olga Office / "
                   "decision:rejected:Offer a repair first:Marek Manager / "
                   "requested:Repair refused by the customer in writing:Repair refused by the "
                   "customer in writing:Olga Office / "
                   "decision:approved:Approved: take it back:Marek Manager");

  /* Dispatch now goes; a changed plan makes the approval stale. */
  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
  fixture_update (fx, id, "estimated_cost", "100", NULL);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = afs_store_list_case_approvals (fx->store, id, &error);
  g_assert_true (((AfsApprovalData *) g_ptr_array_index (history, 1))->stale);
  assert_dispatch_refused (fx, id, AFS_ERROR_NEEDS_APPROVAL);
}

/* DOMAIN.md 6: "Quality accidents over a loss threshold (002: 20 000
 * yuan) escalate to management." */
static void
test_escalations (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *small = fixture_new_case (fx, "Small loss");
  g_autofree char *at = fixture_new_case (fx, "At the threshold");
  g_autofree char *big = fixture_new_case (fx, "Big loss");
  g_autofree char *bigger = fixture_new_case (fx, "Bigger loss");
  g_autoptr(GPtrArray) flagged = NULL;
  g_autoptr(GError) error = NULL;
  AfsApprovalPolicy policy;

  fixture_update (fx, small, "quality_loss", "500", NULL);
  fixture_update (fx, at, "quality_loss", "20000", NULL);
  fixture_update (fx, big, "quality_loss", "20000.5", NULL);
  fixture_update (fx, bigger, "quality_loss", "85000", NULL);

  flagged = afs_store_list_quality_escalations (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flagged->len, ==, 2);
  g_assert_cmpstr (((AfsCaseData *) g_ptr_array_index (flagged, 0))->id, ==, bigger);
  g_assert_cmpfloat (((AfsCaseData *) g_ptr_array_index (flagged, 0))->quality_loss, ==, 85000);
  g_assert_cmpstr (((AfsCaseData *) g_ptr_array_index (flagged, 1))->id, ==, big);
  g_clear_pointer (&flagged, g_ptr_array_unref);

  /* The threshold is a setting. */
  afs_store_get_approval_policy (fx->store, &policy);
  policy.quality_loss_threshold = 400;
  afs_store_set_approval_policy (fx->store, &policy);
  flagged = afs_store_list_quality_escalations (fx->store, &error);
  g_assert_cmpuint (flagged->len, ==, 4);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/approvals/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("gates", test_gates);
  ADD ("decide", test_decide);
  ADD ("escalations", test_escalations);

  return g_test_run ();
}
