/* test-workflow.c: the case state machine and its rules (DOMAIN.md).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-error.h"
#include "afs-workflow.h"

#define N AFS_CASE_STATE_N
#define NEW      AFS_CASE_STATE_NEW
#define TRIAGED  AFS_CASE_STATE_TRIAGED
#define AWAITING AFS_CASE_STATE_AWAITING_APPROVAL
#define APPROVED AFS_CASE_STATE_APPROVED
#define DISP     AFS_CASE_STATE_DISPATCHED
#define ONSITE   AFS_CASE_STATE_ON_SITE
#define SECOND   AFS_CASE_STATE_SECOND_VISIT
#define RESOLVED AFS_CASE_STATE_RESOLVED
#define CLOSED   AFS_CASE_STATE_CLOSED
#define OOS      AFS_CASE_STATE_OUT_OF_SCOPE
#define CANC     AFS_CASE_STATE_CANCELLED

/* The whole transition table, written out independently of the code:
 * expected[action][from] = target, or N when the action does not apply. */
static const AfsCaseState expected[AFS_ACTION_N][AFS_CASE_STATE_N] = {
  /*                               NEW      TRIAGED   AWAITING  APPROVED  DISP    ONSITE    SECOND  RESOLVED CLOSED   OOS  CANC */
  [AFS_ACTION_TRIAGE]            = { TRIAGED, N,        N,        N,        N,      N,        N,      N,       N,       N,   N },
  [AFS_ACTION_MARK_OUT_OF_SCOPE] = { OOS,     OOS,      N,        N,        N,      N,        N,      N,       N,       N,   N },
  [AFS_ACTION_REQUEST_APPROVAL]  = { N,       AWAITING, N,        N,        N,      N,        N,      N,       N,       N,   N },
  [AFS_ACTION_APPROVE]           = { N,       N,        APPROVED, N,        N,      N,        N,      N,       N,       N,   N },
  [AFS_ACTION_REJECT]            = { N,       N,        TRIAGED,  N,        N,      N,        N,      N,       N,       N,   N },
  [AFS_ACTION_DISPATCH]          = { N,       DISP,     N,        DISP,     N,      N,        DISP,   N,       N,       N,   N },
  [AFS_ACTION_ARRIVE]            = { N,       N,        N,        N,        ONSITE, N,        N,      N,       N,       N,   N },
  [AFS_ACTION_RESOLVE]           = { N,       RESOLVED, N,        RESOLVED, N,      RESOLVED, N,      N,       N,       N,   N },
  [AFS_ACTION_PLAN_SECOND_VISIT] = { N,       N,        N,        N,        N,      SECOND,   N,      N,       N,       N,   N },
  [AFS_ACTION_CLOSE]             = { N,       N,        N,        N,        N,      N,        N,      CLOSED,  N,       N,   N },
  [AFS_ACTION_REOPEN]            = { N,       N,        N,        N,        N,      N,        N,      TRIAGED, TRIAGED, NEW, NEW },
  [AFS_ACTION_CANCEL]            = { CANC,    CANC,     CANC,     CANC,     CANC,   N,        CANC,   N,       N,       N,   N },
};

#define T  (1u << AFS_ROLE_TECHNICIAN)
#define O  (1u << AFS_ROLE_OFFICE)
#define M  (1u << AFS_ROLE_MANAGER)
#define Q  (1u << AFS_ROLE_QUALITY)

/* Roles allowed per action (the resolve row is for on_site; remote
 * resolution from triaged/approved is office and manager only). */
static guint
expected_roles (AfsAction    action,
                AfsCaseState from)
{
  switch (action)
    {
    case AFS_ACTION_TRIAGE:
    case AFS_ACTION_MARK_OUT_OF_SCOPE:
    case AFS_ACTION_REQUEST_APPROVAL:
    case AFS_ACTION_DISPATCH:
    case AFS_ACTION_CANCEL:
      return O | M;
    case AFS_ACTION_APPROVE:
    case AFS_ACTION_REJECT:
      return M;
    case AFS_ACTION_ARRIVE:
    case AFS_ACTION_PLAN_SECOND_VISIT:
      return T | O | M;
    case AFS_ACTION_RESOLVE:
      return from == ONSITE ? (T | O | M) : (O | M);
    case AFS_ACTION_CLOSE:
    case AFS_ACTION_REOPEN:
      return O | M | Q;
    default:
      g_assert_not_reached ();
    }
}

/* Facts that satisfy every precondition of @action from @state. */
static void
good_facts (AfsAction     action,
            AfsCaseState  state,
            AfsCaseFacts *f)
{
  memset (f, 0, sizeof *f);
  f->state = state;
  f->category = AFS_CATEGORY_REPAIR;
  f->severity = 3;
  f->scope = AFS_SCOPE_IN;
  f->has_scope_reason = TRUE;
  f->warranty = AFS_WARRANTY_IN;
  f->cause = AFS_CAUSE_PRODUCT_QUALITY;
  f->estimated_cost = 100;
  f->compensation = 0;
  f->n_assignments = 2;
  f->has_lead = TRUE;
  f->report_signed = TRUE;
  f->report_accepted = TRUE;
  f->has_remote_resolution = TRUE;
  f->n_follow_ups = 1;
  f->actor_is_assigned = TRUE;
  f->has_reason = TRUE;

  if (action == AFS_ACTION_REQUEST_APPROVAL)
    f->category = AFS_CATEGORY_RETURN;
  if (action == AFS_ACTION_RESOLVE && state != ONSITE)
    f->severity = 4;
  if (state == APPROVED)
    f->approval_granted = TRUE;
  if (state == AWAITING)
    f->approval_pending = TRUE;
}

static AfsApprovalPolicy policy;

static void
test_action_keys (void)
{
  static const char *keys[] = {
    "triage", "mark_out_of_scope", "request_approval", "approve", "reject",
    "dispatch", "arrive", "resolve", "plan_second_visit", "close", "reopen", "cancel",
  };
  AfsAction a = AFS_ACTION_N;

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == AFS_ACTION_N);

  for (guint i = 0; i < AFS_ACTION_N; i++)
    {
      g_assert_cmpstr (afs_action_to_string (i), ==, keys[i]);
      g_assert_true (afs_action_from_string (keys[i], &a));
      g_assert_cmpint (a, ==, i);
      g_assert_nonnull (afs_action_get_label (i));
      g_assert_cmpstr (afs_action_get_label (i), !=, "");
    }

  a = AFS_ACTION_CLOSE;
  g_assert_false (afs_action_from_string ("Dispatch", &a));
  g_assert_false (afs_action_from_string ("", &a));
  g_assert_false (afs_action_from_string (NULL, &a));
  g_assert_false (afs_action_from_string ("close ", &a));
  g_assert_cmpint (a, ==, AFS_ACTION_CLOSE);

  g_assert_cmpstr (afs_action_get_label (AFS_ACTION_DISPATCH), ==, "Dispatch");
  g_assert_cmpstr (afs_action_get_label (AFS_ACTION_PLAN_SECOND_VISIT), ==, "Plan second visit");
}

static void
test_transition_table (void)
{
  guint n_allowed = 0;
  guint n_refused = 0;

  for (guint a = 0; a < AFS_ACTION_N; a++)
    for (guint s = 0; s < AFS_CASE_STATE_N; s++)
      {
        AfsCaseState want = expected[a][s];

        g_test_message ("%s from %s", afs_action_to_string (a), afs_case_state_to_string (s));
        g_assert_cmpint (afs_workflow_target (a, s), ==, want);

        if (want != N)
          {
            AfsCaseFacts f;
            g_autoptr(GError) error = NULL;
            AfsRole role = (expected_roles (a, s) & M) ? AFS_ROLE_MANAGER : AFS_ROLE_QUALITY;

            good_facts (a, s, &f);
            g_assert_true (afs_workflow_check (&f, &policy, a, role, &error));
            g_assert_no_error (error);
            n_allowed++;
          }
        else
          {
            /* Refused for every role, with TRANSITION, whatever the data. */
            for (guint r = 0; r < AFS_ROLE_N; r++)
              {
                AfsCaseFacts f;
                g_autoptr(GError) error = NULL;

                good_facts (a, s, &f);
                g_assert_false (afs_workflow_check (&f, &policy, a, r, &error));
                g_assert_error (error, AFS_ERROR, AFS_ERROR_TRANSITION);
                /* The message names the state. */
                g_assert_nonnull (strstr (error->message, afs_case_state_get_label (s)));
              }
            n_refused++;
          }
      }

  /* 12 actions × 11 states; the table above has 25 transitions. */
  g_assert_cmpuint (n_allowed, ==, 25);
  g_assert_cmpuint (n_refused, ==, AFS_ACTION_N * AFS_CASE_STATE_N - 25);
}

static void
test_transition_messages (void)
{
  AfsCaseFacts f;
  g_autoptr(GError) error = NULL;

  good_facts (AFS_ACTION_DISPATCH, CLOSED, &f);
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_MANAGER, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_TRANSITION);
  g_assert_cmpstr (error->message, ==, "A case that is Closed cannot be dispatched. Reopen it first.");
  g_clear_error (&error);

  good_facts (AFS_ACTION_CLOSE, ONSITE, &f);
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_CLOSE, AFS_ROLE_OFFICE, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_TRANSITION);
  g_assert_cmpstr (error->message, ==,
                   "A case that is On site cannot be closed. Only a resolved case can be closed; resolve it first.");
  g_clear_error (&error);

  /* The state is checked before the role: a technician trying to approve
   * a new case hears about the state. */
  good_facts (AFS_ACTION_APPROVE, NEW, &f);
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_APPROVE, AFS_ROLE_TECHNICIAN, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_TRANSITION);
}

static void
test_roles (void)
{
  guint n_checked = 0;

  for (guint a = 0; a < AFS_ACTION_N; a++)
    for (guint s = 0; s < AFS_CASE_STATE_N; s++)
      {
        if (expected[a][s] == N)
          continue;

        for (guint r = 0; r < AFS_ROLE_N; r++)
          {
            AfsCaseFacts f;
            g_autoptr(GError) error = NULL;
            gboolean allowed = (expected_roles (a, s) & (1u << r)) != 0;

            good_facts (a, s, &f);
            g_test_message ("%s from %s as %s", afs_action_to_string (a),
                            afs_case_state_to_string (s), afs_role_to_string (r));

            if (allowed)
              {
                g_assert_true (afs_workflow_check (&f, &policy, a, r, &error));
                g_assert_no_error (error);
              }
            else
              {
                g_assert_false (afs_workflow_check (&f, &policy, a, r, &error));
                g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
                /* The message names the role. */
                g_assert_nonnull (strstr (error->message, afs_role_get_label (r)));
              }
            n_checked++;
          }
      }

  g_assert_cmpuint (n_checked, ==, 25 * AFS_ROLE_N);
}

static void
test_role_messages (void)
{
  AfsCaseFacts f;
  g_autoptr(GError) error = NULL;

  good_facts (AFS_ACTION_APPROVE, AWAITING, &f);
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_APPROVE, AFS_ROLE_OFFICE, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, "Your role (Office staff) cannot approve a plan. Only a manager approves.");
  g_clear_error (&error);

  good_facts (AFS_ACTION_DISPATCH, TRIAGED, &f);
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_TECHNICIAN, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==,
                   "Your role (Technician) cannot dispatch technicians. Ask office staff or a manager.");
  g_clear_error (&error);

  /* The role is checked before the data: quality staff cancelling without
   * a reason hear about the role. */
  good_facts (AFS_ACTION_CANCEL, NEW, &f);
  f.has_reason = FALSE;
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_CANCEL, AFS_ROLE_QUALITY, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_clear_error (&error);

  /* A technician cannot resolve remotely: nobody went on site. */
  good_facts (AFS_ACTION_RESOLVE, TRIAGED, &f);
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_RESOLVE, AFS_ROLE_TECHNICIAN, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==,
                   "Your role (Technician) cannot resolve a case without a visit. Ask office staff or a manager.");
}

static void
test_technician_assigned (void)
{
  static const struct { AfsAction action; AfsCaseState from; } work[] = {
    { AFS_ACTION_ARRIVE, DISP },
    { AFS_ACTION_RESOLVE, ONSITE },
    { AFS_ACTION_PLAN_SECOND_VISIT, ONSITE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (work); i++)
    {
      AfsCaseFacts f;
      g_autoptr(GError) error = NULL;

      good_facts (work[i].action, work[i].from, &f);
      f.actor_is_assigned = FALSE;
      g_assert_false (afs_workflow_check (&f, &policy, work[i].action, AFS_ROLE_TECHNICIAN, &error));
      g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
      g_assert_true (g_str_has_prefix (error->message, "You are not assigned to this case."));
      g_clear_error (&error);

      /* The office records it on the technician's behalf: not assigned is fine. */
      g_assert_true (afs_workflow_check (&f, &policy, work[i].action, AFS_ROLE_OFFICE, &error));
      g_assert_no_error (error);
      g_assert_true (afs_workflow_check (&f, &policy, work[i].action, AFS_ROLE_MANAGER, &error));
      g_assert_no_error (error);

      f.actor_is_assigned = TRUE;
      g_assert_true (afs_workflow_check (&f, &policy, work[i].action, AFS_ROLE_TECHNICIAN, &error));
      g_assert_no_error (error);
    }
}

/* Checks a PRECONDITION refusal and its exact message. */
static void
assert_precondition (const AfsCaseFacts *f,
                     AfsAction           action,
                     AfsRole             role,
                     const char         *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (afs_workflow_check (f, &policy, action, role, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_PRECONDITION);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_triage_preconditions (void)
{
  AfsCaseFacts f;

  good_facts (AFS_ACTION_TRIAGE, NEW, &f);
  f.scope = AFS_SCOPE_UNDECIDED;
  assert_precondition (&f, AFS_ACTION_TRIAGE, AFS_ROLE_OFFICE, "Before triage, set: scope (in scope).");

  good_facts (AFS_ACTION_TRIAGE, NEW, &f);
  f.scope = AFS_SCOPE_OUT;
  assert_precondition (&f, AFS_ACTION_TRIAGE, AFS_ROLE_OFFICE,
                       "Before triage, set: scope (in scope). A case out of scope is not triaged: "
                       "use “Mark out of scope” with a reason for the customer.");

  good_facts (AFS_ACTION_TRIAGE, NEW, &f);
  f.warranty = AFS_WARRANTY_UNKNOWN;
  assert_precondition (&f, AFS_ACTION_TRIAGE, AFS_ROLE_OFFICE, "Before triage, set: warranty.");

  good_facts (AFS_ACTION_TRIAGE, NEW, &f);
  f.severity = 0;
  assert_precondition (&f, AFS_ACTION_TRIAGE, AFS_ROLE_OFFICE, "Before triage, set: severity.");

  good_facts (AFS_ACTION_TRIAGE, NEW, &f);
  f.severity = 5;
  assert_precondition (&f, AFS_ACTION_TRIAGE, AFS_ROLE_OFFICE, "Before triage, set: severity.");

  good_facts (AFS_ACTION_TRIAGE, NEW, &f);
  f.cause = AFS_CAUSE_UNKNOWN;
  assert_precondition (&f, AFS_ACTION_TRIAGE, AFS_ROLE_OFFICE, "Before triage, set: cause.");

  /* 001 §2.2: our own staff error names who. */
  good_facts (AFS_ACTION_TRIAGE, NEW, &f);
  f.cause = AFS_CAUSE_STAFF_ERROR;
  f.has_responsible_staff = FALSE;
  assert_precondition (&f, AFS_ACTION_TRIAGE, AFS_ROLE_MANAGER,
                       "Before triage, set: the staff member responsible.");
  f.has_responsible_staff = TRUE;
  g_assert_true (afs_workflow_check (&f, &policy, AFS_ACTION_TRIAGE, AFS_ROLE_MANAGER, NULL));

  /* Every severity from 1 to 4 is a grade. */
  for (int sev = 1; sev <= 4; sev++)
    {
      good_facts (AFS_ACTION_TRIAGE, NEW, &f);
      f.severity = sev;
      g_assert_true (afs_workflow_check (&f, &policy, AFS_ACTION_TRIAGE, AFS_ROLE_OFFICE, NULL));
    }

  /* All of it at once, in one message. */
  good_facts (AFS_ACTION_TRIAGE, NEW, &f);
  f.scope = AFS_SCOPE_UNDECIDED;
  f.warranty = AFS_WARRANTY_UNKNOWN;
  f.severity = 0;
  f.cause = AFS_CAUSE_UNKNOWN;
  assert_precondition (&f, AFS_ACTION_TRIAGE, AFS_ROLE_OFFICE,
                       "Before triage, set: scope (in scope), warranty, severity, cause.");

  good_facts (AFS_ACTION_TRIAGE, NEW, &f);
  f.severity = 0;
  f.cause = AFS_CAUSE_UNKNOWN;
  assert_precondition (&f, AFS_ACTION_TRIAGE, AFS_ROLE_OFFICE, "Before triage, set: severity, cause.");
}

static void
test_other_preconditions (void)
{
  AfsCaseFacts f;

  good_facts (AFS_ACTION_MARK_OUT_OF_SCOPE, NEW, &f);
  f.has_scope_reason = FALSE;
  assert_precondition (&f, AFS_ACTION_MARK_OUT_OF_SCOPE, AFS_ROLE_OFFICE,
                       "A case cannot be marked out of scope without a reason. "
                       "Record the reason given to the customer first.");

  good_facts (AFS_ACTION_REJECT, AWAITING, &f);
  f.has_reason = FALSE;
  assert_precondition (&f, AFS_ACTION_REJECT, AFS_ROLE_MANAGER,
                       "A plan cannot be rejected without a comment. "
                       "Write what must change, so the office can adjust the plan.");

  /* Dispatch: technicians and a lead (DOMAIN.md 7). */
  good_facts (AFS_ACTION_DISPATCH, TRIAGED, &f);
  f.n_assignments = 0;
  f.has_lead = FALSE;
  assert_precondition (&f, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE,
                       "Before dispatch, assign: at least one technician, a lead technician.");
  f.n_assignments = 1;
  assert_precondition (&f, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE,
                       "Before dispatch, assign: a lead technician.");
  f.has_lead = TRUE;
  g_assert_true (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, NULL));
  f.n_assignments = 0;
  assert_precondition (&f, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE,
                       "Before dispatch, assign: at least one technician.");

  /* Resolve on site: signed and accepted (DOMAIN.md 9). */
  good_facts (AFS_ACTION_RESOLVE, ONSITE, &f);
  f.report_signed = FALSE;
  assert_precondition (&f, AFS_ACTION_RESOLVE, AFS_ROLE_TECHNICIAN,
                       "A case is not resolved without the customer's sign-off. Missing: the service report "
                       "signed by the customer. If the customer does not accept the result, plan a second visit.");
  good_facts (AFS_ACTION_RESOLVE, ONSITE, &f);
  f.report_accepted = FALSE;
  assert_precondition (&f, AFS_ACTION_RESOLVE, AFS_ROLE_TECHNICIAN,
                       "A case is not resolved without the customer's sign-off. Missing: the customer's acceptance "
                       "of the result. If the customer does not accept the result, plan a second visit.");
  f.report_signed = FALSE;
  assert_precondition (&f, AFS_ACTION_RESOLVE, AFS_ROLE_OFFICE,
                       "A case is not resolved without the customer's sign-off. Missing: the service report "
                       "signed by the customer, the customer's acceptance of the result. If the customer does "
                       "not accept the result, plan a second visit.");

  /* Resolve remotely: level 4 and a note (DOMAIN.md 3). */
  for (guint i = 0; i < 2; i++)
    {
      AfsCaseState from = i == 0 ? TRIAGED : APPROVED;

      good_facts (AFS_ACTION_RESOLVE, from, &f);
      g_assert_true (afs_workflow_check (&f, &policy, AFS_ACTION_RESOLVE, AFS_ROLE_OFFICE, NULL));
      f.severity = 3;
      assert_precondition (&f, AFS_ACTION_RESOLVE, AFS_ROLE_OFFICE,
                           "Only a level 4 case is resolved without a visit. Missing: severity level 4 "
                           "(solved remotely). Otherwise dispatch a technician.");
      f.severity = 4;
      f.has_remote_resolution = FALSE;
      assert_precondition (&f, AFS_ACTION_RESOLVE, AFS_ROLE_OFFICE,
                           "Only a level 4 case is resolved without a visit. Missing: a note on how it was "
                           "solved remotely. Otherwise dispatch a technician.");
      f.severity = 0;
      assert_precondition (&f, AFS_ACTION_RESOLVE, AFS_ROLE_MANAGER,
                           "Only a level 4 case is resolved without a visit. Missing: severity level 4 "
                           "(solved remotely), a note on how it was solved remotely. Otherwise dispatch a technician.");
    }

  good_facts (AFS_ACTION_PLAN_SECOND_VISIT, ONSITE, &f);
  f.has_reason = FALSE;
  f.report_accepted = FALSE;
  assert_precondition (&f, AFS_ACTION_PLAN_SECOND_VISIT, AFS_ROLE_TECHNICIAN,
                       "A second visit cannot be planned without a reason. "
                       "Write what is unfinished or what the customer did not accept.");

  good_facts (AFS_ACTION_CLOSE, RESOLVED, &f);
  f.n_follow_ups = 0;
  assert_precondition (&f, AFS_ACTION_CLOSE, AFS_ROLE_QUALITY,
                       "A case cannot be closed before the customer has been called back. "
                       "Record a follow-up first.");

  for (guint s = 0; s < AFS_CASE_STATE_N; s++)
    {
      if (expected[AFS_ACTION_REOPEN][s] == N)
        continue;
      good_facts (AFS_ACTION_REOPEN, s, &f);
      f.has_reason = FALSE;
      assert_precondition (&f, AFS_ACTION_REOPEN, AFS_ROLE_QUALITY,
                           "A case cannot be reopened without a reason. Write the problem that was found.");
    }

  for (guint s = 0; s < AFS_CASE_STATE_N; s++)
    {
      if (expected[AFS_ACTION_CANCEL][s] == N)
        continue;
      good_facts (AFS_ACTION_CANCEL, s, &f);
      f.has_reason = FALSE;
      assert_precondition (&f, AFS_ACTION_CANCEL, AFS_ROLE_OFFICE,
                           "A case cannot be cancelled without a reason. Write why the customer withdrew it.");
    }

  /* Approval requested only when needed. */
  good_facts (AFS_ACTION_REQUEST_APPROVAL, TRIAGED, &f);
  f.category = AFS_CATEGORY_REPAIR;
  assert_precondition (&f, AFS_ACTION_REQUEST_APPROVAL, AFS_ROLE_OFFICE,
                       "This case does not need approval: it is not level 1, not a return or exchange, "
                       "and its cost and compensation are within the limits. Dispatch it directly.");
}

static void
test_needs_approval (void)
{
  AfsCaseFacts f;

  good_facts (AFS_ACTION_DISPATCH, TRIAGED, &f);
  g_assert_false (afs_workflow_needs_approval (&f, &policy));

  /* Level 1, and only level 1. */
  for (int sev = 0; sev <= 4; sev++)
    {
      f.severity = sev;
      g_assert_cmpint (afs_workflow_needs_approval (&f, &policy), ==, sev == 1);
    }
  f.severity = 3;

  /* Returns and exchanges. */
  for (guint c = 0; c < AFS_CATEGORY_N; c++)
    {
      f.category = c;
      g_assert_cmpint (afs_workflow_needs_approval (&f, &policy), ==,
                       c == AFS_CATEGORY_RETURN || c == AFS_CATEGORY_EXCHANGE);
    }
  f.category = AFS_CATEGORY_REPAIR;

  /* Cost: at the limit is within budget; just over is not. */
  g_assert_cmpfloat (policy.cost_approval_limit, ==, 2000.0);
  f.estimated_cost = 2000.0;
  g_assert_false (afs_workflow_needs_approval (&f, &policy));
  f.estimated_cost = 2000.01;
  g_assert_true (afs_workflow_needs_approval (&f, &policy));
  f.estimated_cost = 0;

  /* Compensation, the same. */
  g_assert_cmpfloat (policy.compensation_approval_limit, ==, 500.0);
  f.compensation = 500.0;
  g_assert_false (afs_workflow_needs_approval (&f, &policy));
  f.compensation = 500.01;
  g_assert_true (afs_workflow_needs_approval (&f, &policy));
  f.compensation = 0;

  /* Limits are settings. */
  {
    AfsApprovalPolicy custom = policy;

    custom.cost_approval_limit = 100;
    f.estimated_cost = 150;
    g_assert_true (afs_workflow_needs_approval (&f, &custom));
    g_assert_false (afs_workflow_needs_approval (&f, &policy));
  }
}

static void
test_approval_gate (void)
{
  AfsCaseFacts f;
  g_autoptr(GError) error = NULL;

  /* Each trigger blocks dispatch from triaged with NEEDS_APPROVAL, and the
   * message says why. */
  good_facts (AFS_ACTION_DISPATCH, TRIAGED, &f);
  f.severity = 1;
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NEEDS_APPROVAL);
  g_assert_cmpstr (error->message, ==,
                   "This case needs a manager's approval before work goes on: it is level 1. Request approval first.");
  g_clear_error (&error);

  good_facts (AFS_ACTION_DISPATCH, TRIAGED, &f);
  f.category = AFS_CATEGORY_RETURN;
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_MANAGER, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NEEDS_APPROVAL);
  g_assert_nonnull (strstr (error->message, "the customer wants a return"));
  g_clear_error (&error);

  good_facts (AFS_ACTION_DISPATCH, TRIAGED, &f);
  f.category = AFS_CATEGORY_EXCHANGE;
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NEEDS_APPROVAL);
  g_assert_nonnull (strstr (error->message, "the customer wants an exchange"));
  g_clear_error (&error);

  good_facts (AFS_ACTION_DISPATCH, TRIAGED, &f);
  f.estimated_cost = 2000.0;
  g_assert_true (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, &error));
  g_assert_no_error (error);
  f.estimated_cost = 2000.5;
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NEEDS_APPROVAL);
  g_assert_nonnull (strstr (error->message, "the estimated cost 2000.50 is over the limit of 2000.00"));
  g_clear_error (&error);

  good_facts (AFS_ACTION_DISPATCH, TRIAGED, &f);
  f.compensation = 500.0;
  g_assert_true (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, &error));
  g_assert_no_error (error);
  f.compensation = 600;
  f.severity = 1;
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NEEDS_APPROVAL);
  g_assert_cmpstr (error->message, ==,
                   "This case needs a manager's approval before work goes on: it is level 1, "
                   "the compensation 600.00 is over the limit of 500.00. Request approval first.");
  g_clear_error (&error);

  /* Granted: dispatch goes on. */
  f.approval_granted = TRUE;
  g_assert_true (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, &error));
  g_assert_no_error (error);

  /* From approved: the approval is there. */
  good_facts (AFS_ACTION_DISPATCH, APPROVED, &f);
  f.severity = 1;
  g_assert_true (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, &error));
  g_assert_no_error (error);

  /* Pending: wait, whatever the state. */
  good_facts (AFS_ACTION_DISPATCH, SECOND, &f);
  f.approval_pending = TRUE;
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NEEDS_APPROVAL);
  g_assert_cmpstr (error->message, ==,
                   "A manager is still deciding on the plan of this case. Wait for the approval before work goes on.");
  g_clear_error (&error);

  /* The approval gate comes before missing assignments: approval first. */
  good_facts (AFS_ACTION_DISPATCH, TRIAGED, &f);
  f.category = AFS_CATEGORY_RETURN;
  f.n_assignments = 0;
  f.has_lead = FALSE;
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NEEDS_APPROVAL);
  g_clear_error (&error);

  /* Remote resolution from triaged has the same gate: level 4 with
   * compensation over the limit. */
  good_facts (AFS_ACTION_RESOLVE, TRIAGED, &f);
  f.compensation = 800;
  g_assert_false (afs_workflow_check (&f, &policy, AFS_ACTION_RESOLVE, AFS_ROLE_OFFICE, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NEEDS_APPROVAL);
  g_clear_error (&error);
  f.approval_granted = TRUE;
  g_assert_true (afs_workflow_check (&f, &policy, AFS_ACTION_RESOLVE, AFS_ROLE_OFFICE, &error));
  g_assert_no_error (error);

  /* Request approval while it is already requested. */
  good_facts (AFS_ACTION_REQUEST_APPROVAL, TRIAGED, &f);
  f.approval_pending = TRUE;
  assert_precondition (&f, AFS_ACTION_REQUEST_APPROVAL, AFS_ROLE_OFFICE,
                       "Approval has already been requested for this case. Wait for the manager's decision.");

  /* A NULL policy means the defaults. */
  good_facts (AFS_ACTION_DISPATCH, TRIAGED, &f);
  f.estimated_cost = 2000.01;
  g_assert_false (afs_workflow_check (&f, NULL, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NEEDS_APPROVAL);
}

static void
test_escalation (void)
{
  AfsCaseFacts f;

  good_facts (AFS_ACTION_CLOSE, RESOLVED, &f);
  g_assert_cmpfloat (policy.quality_loss_threshold, ==, 20000.0);

  f.quality_loss = 0;
  g_assert_false (afs_workflow_needs_escalation (&f, &policy));
  f.quality_loss = 20000.0;
  g_assert_false (afs_workflow_needs_escalation (&f, &policy));
  f.quality_loss = 20000.01;
  g_assert_true (afs_workflow_needs_escalation (&f, &policy));
  f.quality_loss = 1e6;
  g_assert_true (afs_workflow_needs_escalation (&f, &policy));
}

static void
assert_edit (AfsCaseState  state,
             AfsRole       role,
             const char   *field,
             gboolean      allowed)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("edit %s in %s as %s", field, afs_case_state_to_string (state), afs_role_to_string (role));
  if (allowed)
    {
      g_assert_true (afs_workflow_can_edit_field (state, role, field, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_false (afs_workflow_can_edit_field (state, role, field, &error));
      g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
    }
}

static void
test_can_edit_field (void)
{
  static const char *all_fields[] = {
    "channel", "category", "severity", "scope", "scope_reason", "warranty", "cause",
    "responsible", "responsible_staff_id", "third_party_claim", "description",
    "contact_name", "contact_phone", "estimated_cost", "compensation", "quality_loss",
    "remote_resolution", "responded_at",
  };
  static const char *tech_fields[] = { "description", "contact_name", "contact_phone", "cause" };
  static const char *quality_fields[] = {
    "cause", "responsible", "responsible_staff_id", "third_party_claim", "quality_loss",
  };
  static const char *plan_fields[] = {
    "scope", "warranty", "severity", "category", "estimated_cost", "compensation",
  };
  g_autoptr(GError) error = NULL;

  for (guint s = 0; s < AFS_CASE_STATE_N; s++)
    for (guint i = 0; i < G_N_ELEMENTS (all_fields); i++)
      {
        const char *field = all_fields[i];
        gboolean open = afs_case_state_is_open (s);
        gboolean tech_state = s == DISP || s == ONSITE || s == SECOND;
        gboolean is_tech = g_strv_contains (tech_fields, field);
        gboolean is_quality = g_strv_contains (quality_fields, field);
        gboolean is_plan = g_strv_contains (plan_fields, field);

        assert_edit (s, AFS_ROLE_TECHNICIAN, field, open && tech_state && is_tech);
        assert_edit (s, AFS_ROLE_QUALITY, field, open && is_quality);
        assert_edit (s, AFS_ROLE_OFFICE, field, open && !(s == AWAITING && is_plan));
        assert_edit (s, AFS_ROLE_MANAGER, field, open && !(s == AWAITING && is_plan));
      }

  g_assert_false (afs_workflow_can_edit_field (CLOSED, AFS_ROLE_MANAGER, "description", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, "A case that is Closed cannot be changed. Reopen it first.");
  g_clear_error (&error);

  g_assert_false (afs_workflow_can_edit_field (AWAITING, AFS_ROLE_OFFICE, "estimated_cost", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==,
                   "The estimated cost cannot change while a manager is deciding on the plan. "
                   "Wait for the decision, or have the manager reject the plan to change it.");
  g_clear_error (&error);

  g_assert_false (afs_workflow_can_edit_field (ONSITE, AFS_ROLE_TECHNICIAN, "compensation", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==,
                   "Technicians can change only the description, the contact and the cause. "
                   "Ask the office to change the compensation.");
  g_clear_error (&error);

  g_assert_false (afs_workflow_can_edit_field (TRIAGED, AFS_ROLE_TECHNICIAN, "description", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==,
                   "Technicians change a case only while it is dispatched or on site, and this one is Triaged. "
                   "Ask the office to change it.");
  g_clear_error (&error);

  /* Unknown field names are a programming or data error, not a refusal. */
  g_assert_false (afs_workflow_can_edit_field (NEW, AFS_ROLE_MANAGER, "number", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“number” is not a field of a case that can be edited. Check the field name.");
  g_clear_error (&error);
  g_assert_false (afs_workflow_can_edit_field (NEW, AFS_ROLE_MANAGER, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (afs_workflow_can_edit_field (NEW, AFS_ROLE_MANAGER, "Description", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpstr (afs_case_field_get_label ("estimated_cost"), ==, "estimated cost");
  g_assert_null (afs_case_field_get_label ("bogus"));
}

/* A whole case, the long way round: the rules say yes at each step when
 * the data is there, and the targets chain. */
static void
test_lifecycle (void)
{
  static const struct { AfsAction action; AfsRole role; AfsCaseState to; } steps[] = {
    { AFS_ACTION_TRIAGE,            AFS_ROLE_OFFICE,     TRIAGED },
    { AFS_ACTION_REQUEST_APPROVAL,  AFS_ROLE_OFFICE,     AWAITING },
    { AFS_ACTION_REJECT,            AFS_ROLE_MANAGER,    TRIAGED },
    { AFS_ACTION_REQUEST_APPROVAL,  AFS_ROLE_OFFICE,     AWAITING },
    { AFS_ACTION_APPROVE,           AFS_ROLE_MANAGER,    APPROVED },
    { AFS_ACTION_DISPATCH,          AFS_ROLE_OFFICE,     DISP },
    { AFS_ACTION_ARRIVE,            AFS_ROLE_TECHNICIAN, ONSITE },
    { AFS_ACTION_PLAN_SECOND_VISIT, AFS_ROLE_TECHNICIAN, SECOND },
    { AFS_ACTION_DISPATCH,          AFS_ROLE_OFFICE,     DISP },
    { AFS_ACTION_ARRIVE,            AFS_ROLE_TECHNICIAN, ONSITE },
    { AFS_ACTION_RESOLVE,           AFS_ROLE_TECHNICIAN, RESOLVED },
    { AFS_ACTION_CLOSE,             AFS_ROLE_QUALITY,    CLOSED },
    { AFS_ACTION_REOPEN,            AFS_ROLE_QUALITY,    TRIAGED },
  };
  AfsCaseState state = NEW;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      AfsCaseFacts f;
      g_autoptr(GError) error = NULL;

      good_facts (steps[i].action, state, &f);
      f.severity = 1;
      f.approval_granted = state == APPROVED || state == DISP || state == ONSITE || state == SECOND;
      g_assert_true (afs_workflow_check (&f, &policy, steps[i].action, steps[i].role, &error));
      g_assert_no_error (error);
      state = afs_workflow_target (steps[i].action, state);
      g_assert_cmpint (state, ==, steps[i].to);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  afs_approval_policy_init_defaults (&policy);

  g_test_add_func ("/workflow/action-keys", test_action_keys);
  g_test_add_func ("/workflow/transition-table", test_transition_table);
  g_test_add_func ("/workflow/transition-messages", test_transition_messages);
  g_test_add_func ("/workflow/roles", test_roles);
  g_test_add_func ("/workflow/role-messages", test_role_messages);
  g_test_add_func ("/workflow/technician-assigned", test_technician_assigned);
  g_test_add_func ("/workflow/triage-preconditions", test_triage_preconditions);
  g_test_add_func ("/workflow/other-preconditions", test_other_preconditions);
  g_test_add_func ("/workflow/needs-approval", test_needs_approval);
  g_test_add_func ("/workflow/approval-gate", test_approval_gate);
  g_test_add_func ("/workflow/escalation", test_escalation);
  g_test_add_func ("/workflow/can-edit-field", test_can_edit_field);
  g_test_add_func ("/workflow/lifecycle", test_lifecycle);

  return g_test_run ();
}
