/* test-workflow.c: cases moved through the workflow by afs_store_apply_action,
 * with assignments, reports, approvals and follow-ups. */

#include "config.h"

#include <string.h>

#include "afs-error.h"
#include "store-test-util.h"

static void
assert_state (Fixture      *fx,
              const char   *id,
              AfsCaseState  state)
{
  g_autofree char *key = fx_text (fx, "SELECT state FROM cases WHERE id = '%s'", id);

  g_assert_cmpstr (key, ==, afs_case_state_to_string (state));
}

static void
assert_refused (Fixture    *fx,
                const char *id,
                AfsAction   action,
                const char *reason,
                int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (afs_store_apply_action (fx->store, id, action, reason, &error));
  g_assert_error (error, AFS_ERROR, code);
  g_test_message ("%s: %s", afs_action_to_string (action), error->message);
}

static void
assign (Fixture    *fx,
        const char *case_id,
        const char *staff_id,
        gboolean    lead)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (afs_store_assign_technician (fx->store, case_id, staff_id, lead, &error));
  g_assert_no_error (error);
}

/* Scope in, warranty, severity, cause: what triage needs. */
static void
grade (Fixture    *fx,
       const char *id,
       const char *severity)
{
  fixture_update (fx, id, "scope", "in", "warranty", "in", "severity", severity,
                  "cause", "product_quality", NULL);
}

static void
save_report (Fixture    *fx,
             const char *case_id,
             const char *diagnosis,
             gboolean    sign,
             gboolean    accepted)
{
  g_autoptr(GError) error = NULL;
  AfsReportData report = { 0, };

  report.case_id = (char *) case_id;
  report.diagnosis = (char *) diagnosis;
  report.actions = (char *) "Replaced the compressor relay; tested 2 h.";
  report.outcome = (char *) "fixed";
  report.customer_opinion = (char *) "Works again, thank you.";
  report.signer_name = sign ? (char *) "Anna Nowak" : NULL;
  report.signed_at = sign ? 1 : 0;
  report.accepted = accepted;
  g_assert_true (afs_store_save_report (fx->store, &report, &error));
  g_assert_no_error (error);
}

static void
follow_up (Fixture    *fx,
           const char *case_id,
           int         satisfaction)
{
  g_autoptr(GError) error = NULL;
  AfsFollowUpData fu = { 0, };

  fu.case_id = (char *) case_id;
  fu.channel = (char *) "phone";
  fu.satisfaction = satisfaction;
  fu.note = (char *) "Called three days later: all fine.";
  g_assert_true (afs_store_add_follow_up (fx->store, &fu, &error));
  g_assert_no_error (error);
}

static void
test_happy_path (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = fixture_new_case (fx, "Lodówka nie chłodzi");
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  AfsCaseFacts facts;
  AfsReportData report;
  AfsCaseData c;
  guint transitions = 0;

  /* 2-3: grade and triage (office). */
  fx->now += 600;
  grade (fx, id, "2");
  fixture_act (fx, id, AFS_ACTION_TRIAGE, NULL);
  assert_state (fx, id, AFS_CASE_STATE_TRIAGED);
  g_assert_cmpint (fx_int (fx, "SELECT responded_at FROM cases WHERE id = '%s'", id), ==, TEST_NOW + 600);

  /* 7: dispatch needs technicians and a lead. */
  assert_refused (fx, id, AFS_ACTION_DISPATCH, NULL, AFS_ERROR_PRECONDITION);
  assign (fx, id, fx->tech2_id, FALSE);
  assign (fx, id, fx->tech_id, TRUE);
  assignments = afs_store_list_assignments (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assignments->len, ==, 2);
  g_assert_true (((AfsAssignmentData *) g_ptr_array_index (assignments, 0))->lead);
  g_assert_cmpstr (((AfsAssignmentData *) g_ptr_array_index (assignments, 0))->staff_name, ==, "Tomasz Technik");
  g_assert_cmpstr (((AfsAssignmentData *) g_ptr_array_index (assignments, 0))->case_id, ==, id);
  fixture_act (fx, id, AFS_ACTION_DISPATCH, NULL);
  assert_state (fx, id, AFS_CASE_STATE_DISPATCHED);

  afs_store_get_case (fx->store, id, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c.lead_technician, ==, "Tomasz Technik");
  g_assert_cmpstr (c.lead_technician_id, ==, fx->tech_id);
  afs_case_data_clear (&c);

  /* 8: the technician arrives; the office cannot resolve without a
   * signed, accepted report. */
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
  afs_store_get_case_facts (fx->store, id, &facts, &error);
  g_assert_no_error (error);
  g_assert_true (facts.actor_is_assigned);
  g_assert_cmpuint (facts.n_assignments, ==, 2);
  g_assert_true (facts.has_lead);
  fx->now += 3600;
  fixture_act (fx, id, AFS_ACTION_ARRIVE, NULL);
  assert_state (fx, id, AFS_CASE_STATE_ON_SITE);
  g_assert_cmpint (fx_int (fx, "SELECT arrived_at FROM cases WHERE id = '%s'", id), ==, fx->now);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM visits WHERE case_id = '%s' AND staff_id = '%s' AND left_at IS NULL", id, fx->tech_id), ==, 1);
  assert_refused (fx, id, AFS_ACTION_RESOLVE, NULL, AFS_ERROR_PRECONDITION);

  /* 9: the report, signed and accepted by the customer. */
  save_report (fx, id, "Compressor relay burnt", FALSE, FALSE);
  afs_store_get_case_facts (fx->store, id, &facts, &error);
  g_assert_false (facts.report_signed);
  save_report (fx, id, "Compressor relay burnt out", TRUE, TRUE);
  afs_store_get_case_facts (fx->store, id, &facts, &error);
  g_assert_no_error (error);
  g_assert_true (facts.report_signed);
  g_assert_true (facts.report_accepted);
  afs_store_get_report (fx->store, id, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report.diagnosis, ==, "Compressor relay burnt out");
  g_assert_cmpint (report.signed_at, ==, fx->now);
  g_assert_cmpstr (report.signer_name, ==, "Anna Nowak");
  afs_report_data_clear (&report);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM reports WHERE case_id = '%s'", id), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT length (content_hash) FROM reports WHERE case_id = '%s'", id), ==, 64);

  fx->now += 1800;
  fixture_act (fx, id, AFS_ACTION_RESOLVE, NULL);
  assert_state (fx, id, AFS_CASE_STATE_RESOLVED);
  g_assert_cmpint (fx_int (fx, "SELECT resolved_at FROM cases WHERE id = '%s'", id), ==, fx->now);
  g_assert_cmpint (fx_int (fx, "SELECT left_at FROM visits WHERE case_id = '%s'", id), ==, fx->now);
  g_assert_cmpint (fx_int (fx, "SELECT next_due FROM cases WHERE id = '%s'", id), ==, 0);

  /* 11: closing needs a follow-up call. */
  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
  assert_refused (fx, id, AFS_ACTION_CLOSE, NULL, AFS_ERROR_PRECONDITION);
  fx->now += 3 * 86400;
  follow_up (fx, id, 5);
  fixture_act (fx, id, AFS_ACTION_CLOSE, NULL);
  assert_state (fx, id, AFS_CASE_STATE_CLOSED);
  g_assert_cmpint (fx_int (fx, "SELECT closed_at FROM cases WHERE id = '%s'", id), ==, fx->now);

  /* A closed case is read-only. */
  {
    const char *fields[] = { "description", NULL };
    const char *values[] = { "changed", NULL };

    g_assert_false (afs_store_update_case (fx->store, id, 0, fields, values, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
    g_clear_error (&error);
  }

  /* The audit trail tells the story, with who did it. */
  audit = afs_store_list_audit (fx->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      AfsAuditEvent *e = g_ptr_array_index (audit, i);

      if (g_strcmp0 (e->kind, "transition") == 0)
        {
          transitions++;
          if (g_strcmp0 (e->new_value, "on_site") == 0)
            {
              g_assert_cmpstr (e->old_value, ==, "dispatched");
              g_assert_cmpstr (e->actor_name, ==, "Tomasz Technik");
            }
        }
    }
  g_assert_cmpuint (transitions, ==, 5);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit WHERE case_id = '%s' AND kind = 'assignment'", id), ==, 2);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit WHERE case_id = '%s' AND kind = 'report'", id), ==, 2);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit WHERE case_id = '%s' AND kind = 'follow_up'", id), ==, 1);

  /* DOMAIN.md 11: a problem found reopens it. */
  assert_refused (fx, id, AFS_ACTION_REOPEN, NULL, AFS_ERROR_PRECONDITION);
  fixture_act (fx, id, AFS_ACTION_REOPEN, "The noise is back");
  assert_state (fx, id, AFS_CASE_STATE_TRIAGED);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM cases WHERE id = '%s' AND closed_at IS NULL AND resolved_at IS NULL", id), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT next_due > 0 FROM cases WHERE id = '%s'", id), ==, 1);
  {
    g_autofree char *comment = fx_text (fx, "SELECT comment FROM audit WHERE case_id = '%s' AND new_value = 'triaged' ORDER BY rowid DESC LIMIT 1", id);
    g_assert_cmpstr (comment, ==, "The noise is back");
  }
}

static void
test_roles (Fixture *fx, gconstpointer data)
{
  g_autofree char *id = fixture_new_case (fx, "roles");

  grade (fx, id, "3");

  /* A technician cannot triage, a quality person cannot dispatch. */
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
  assert_refused (fx, id, AFS_ACTION_TRIAGE, NULL, AFS_ERROR_FORBIDDEN);
  fixture_act_as (fx, fx->quality_id, AFS_ROLE_QUALITY);
  assert_refused (fx, id, AFS_ACTION_TRIAGE, NULL, AFS_ERROR_FORBIDDEN);

  /* Technicians and quality staff do not assign. */
  {
    g_autoptr(GError) error = NULL;

    fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
    g_assert_false (afs_store_assign_technician (fx->store, id, fx->tech_id, TRUE, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  }

  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
  fixture_act (fx, id, AFS_ACTION_TRIAGE, NULL);
  assign (fx, id, fx->tech_id, TRUE);
  fixture_act (fx, id, AFS_ACTION_DISPATCH, NULL);

  /* Only an assigned technician records field work. */
  fixture_act_as (fx, fx->tech2_id, AFS_ROLE_TECHNICIAN);
  assert_refused (fx, id, AFS_ACTION_ARRIVE, NULL, AFS_ERROR_FORBIDDEN);
  {
    g_autoptr(GError) error = NULL;
    AfsReportData report = { 0, };

    report.case_id = (char *) id;
    report.diagnosis = (char *) "not mine";
    g_assert_false (afs_store_save_report (fx->store, &report, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  }

  /* The assigned technician may edit what is found on site, not the plan. */
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
  fixture_update (fx, id, "description", "Door seal torn as well", NULL);
  {
    g_autoptr(GError) error = NULL;
    const char *fields[] = { "compensation", NULL };
    const char *values[] = { "100", NULL };

    g_assert_false (afs_store_update_case (fx->store, id, 0, fields, values, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  }
  fixture_act (fx, id, AFS_ACTION_ARRIVE, NULL);

  /* Only technicians are assigned; only active ones. */
  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *retired = NULL;
    AfsStaffData staff = { 0, };

    g_assert_false (afs_store_assign_technician (fx->store, id, fx->quality_id, FALSE, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
    g_clear_error (&error);

    staff.name = (char *) "Retired Tech";
    staff.role = AFS_ROLE_TECHNICIAN;
    staff.active = FALSE;
    afs_store_add_staff (fx->store, &staff, &retired, &error);
    g_assert_no_error (error);
    g_assert_false (afs_store_assign_technician (fx->store, id, retired, FALSE, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
    g_clear_error (&error);

    g_assert_false (afs_store_assign_technician (fx->store, id, "nobody", FALSE, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  }
}

static void
test_one_lead (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = fixture_new_case (fx, "lead");
  g_autoptr(GPtrArray) list = NULL;
  gint64 audit_before;

  assign (fx, id, fx->tech_id, TRUE);
  assign (fx, id, fx->tech2_id, TRUE);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM assignments WHERE case_id = '%s' AND lead = 1", id), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM assignments WHERE case_id = '%s' AND lead = 1 AND staff_id = '%s'", id, fx->tech2_id), ==, 1);

  list = afs_store_list_assignments (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((AfsAssignmentData *) g_ptr_array_index (list, 0))->staff_id, ==, fx->tech2_id);

  /* The same assignment again writes nothing. */
  audit_before = fx_int (fx, "SELECT count(*) FROM audit");
  assign (fx, id, fx->tech2_id, TRUE);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit"), ==, audit_before);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM assignments"), ==, 2);

  /* Back to the first as lead. */
  assign (fx, id, fx->tech_id, TRUE);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM assignments WHERE lead = 1 AND staff_id = '%s'", fx->tech_id), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM assignments WHERE lead = 1"), ==, 1);
}

static void
test_approval (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = fixture_new_case (fx, "expensive");
  AfsCaseFacts facts;

  grade (fx, id, "2");
  fixture_update (fx, id, "estimated_cost", "2500", NULL);
  fixture_act (fx, id, AFS_ACTION_TRIAGE, NULL);
  assign (fx, id, fx->tech_id, TRUE);

  /* DOMAIN.md 6: over budget needs a manager first. */
  assert_refused (fx, id, AFS_ACTION_DISPATCH, NULL, AFS_ERROR_NEEDS_APPROVAL);
  fixture_act (fx, id, AFS_ACTION_REQUEST_APPROVAL, NULL);
  assert_state (fx, id, AFS_CASE_STATE_AWAITING_APPROVAL);
  {
    g_autofree char *reasons = fx_text (fx, "SELECT reasons FROM approvals WHERE case_id = '%s'", id);
    g_assert_cmpstr (reasons, ==, "over_budget");
  }
  afs_store_get_case_facts (fx->store, id, &facts, &error);
  g_assert_true (facts.approval_pending);

  /* The office cannot approve; the plan is frozen while waiting. */
  assert_refused (fx, id, AFS_ACTION_APPROVE, NULL, AFS_ERROR_FORBIDDEN);
  {
    const char *fields[] = { "estimated_cost", NULL };
    const char *values[] = { "1000", NULL };

    g_assert_false (afs_store_update_case (fx->store, id, 0, fields, values, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
    g_clear_error (&error);
  }

  /* The manager rejects (with a comment), the office asks again, the
   * manager approves. */
  fixture_act_as (fx, fx->manager_id, AFS_ROLE_MANAGER);
  assert_refused (fx, id, AFS_ACTION_REJECT, NULL, AFS_ERROR_PRECONDITION);
  fixture_act (fx, id, AFS_ACTION_REJECT, "Get a second quote");
  assert_state (fx, id, AFS_CASE_STATE_TRIAGED);
  {
    g_autofree char *row = fx_text (fx, "SELECT decision || '|' || comment || '|' || decided_by FROM approvals WHERE case_id = '%s'", id);
    g_autofree char *expected = g_strdup_printf ("rejected|Get a second quote|%s", fx->manager_id);
    g_assert_cmpstr (row, ==, expected);
  }
  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
  fixture_act (fx, id, AFS_ACTION_REQUEST_APPROVAL, "Second quote attached: 2400");
  fixture_act_as (fx, fx->manager_id, AFS_ROLE_MANAGER);
  fixture_act (fx, id, AFS_ACTION_APPROVE, "OK");
  assert_state (fx, id, AFS_CASE_STATE_APPROVED);
  afs_store_get_case_facts (fx->store, id, &facts, &error);
  g_assert_true (facts.approval_granted);
  g_assert_false (facts.approval_pending);

  /* The plan changes after the approval: the approval is stale, the case
   * goes back to triage, dispatch needs a new approval. */
  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
  fx->now += 60;
  fixture_update (fx, id, "estimated_cost", "3900", NULL);
  g_assert_cmpint (fx_int (fx, "SELECT stale FROM approvals WHERE case_id = '%s' AND decision = 'approved'", id), ==, 1);
  assert_state (fx, id, AFS_CASE_STATE_TRIAGED);
  afs_store_get_case_facts (fx->store, id, &facts, &error);
  g_assert_false (facts.approval_granted);
  assert_refused (fx, id, AFS_ACTION_DISPATCH, NULL, AFS_ERROR_NEEDS_APPROVAL);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit WHERE case_id = '%s' AND kind = 'approval' AND field = 'stale'", id), ==, 1);

  fixture_act (fx, id, AFS_ACTION_REQUEST_APPROVAL, NULL);
  fixture_act_as (fx, fx->manager_id, AFS_ROLE_MANAGER);
  fixture_act (fx, id, AFS_ACTION_APPROVE, NULL);
  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);

  /* A change that is not part of the plan leaves the approval alone. */
  fixture_update (fx, id, "contact_name", "Someone else", NULL);
  assert_state (fx, id, AFS_CASE_STATE_APPROVED);
  fixture_act (fx, id, AFS_ACTION_DISPATCH, NULL);
  assert_state (fx, id, AFS_CASE_STATE_DISPATCHED);
}

static void
test_signed_report_read_only (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = fixture_new_case (fx, "report");
  g_autofree char *report_id = NULL;
  AfsReportData report = { 0, };
  AfsCaseFacts facts;

  grade (fx, id, "3");
  fixture_act (fx, id, AFS_ACTION_TRIAGE, NULL);
  assign (fx, id, fx->tech_id, TRUE);
  fixture_act (fx, id, AFS_ACTION_DISPATCH, NULL);
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
  fixture_act (fx, id, AFS_ACTION_ARRIVE, NULL);

  /* Signing needs the signer's name. */
  report.case_id = (char *) id;
  report.diagnosis = (char *) "Seal worn";
  report.signed_at = 1;
  g_assert_false (afs_store_save_report (fx->store, &report, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);
  report.outcome = (char *) "kaputt";
  report.signer_name = (char *) "Anna";
  g_assert_false (afs_store_save_report (fx->store, &report, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);
  report.outcome = NULL;

  /* Signed but the customer does not accept. */
  report.accepted = FALSE;
  g_assert_true (afs_store_save_report (fx->store, &report, &error));
  g_assert_no_error (error);
  report_id = fx_text (fx, "SELECT id FROM reports WHERE case_id = '%s'", id);
  {
    g_autoptr(GBytes) hash_before = NULL;
    g_autofree char *hash = fx_text (fx, "SELECT content_hash FROM reports WHERE id = '%s'", report_id);

    /* The signed report cannot change. */
    report.id = report_id;
    report.diagnosis = (char *) "Seal worn (edited after signing)";
    g_assert_false (afs_store_save_report (fx->store, &report, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
    g_clear_error (&error);
    {
      g_autofree char *diagnosis = fx_text (fx, "SELECT diagnosis FROM reports WHERE id = '%s'", report_id);
      g_autofree char *hash_after = fx_text (fx, "SELECT content_hash FROM reports WHERE id = '%s'", report_id);

      g_assert_cmpstr (diagnosis, ==, "Seal worn");
      g_assert_cmpstr (hash_after, ==, hash);
    }
  }

  /* Not accepted: a second visit, with a report of its own. */
  afs_store_get_case_facts (fx->store, id, &facts, &error);
  g_assert_true (facts.report_signed);
  g_assert_false (facts.report_accepted);
  assert_refused (fx, id, AFS_ACTION_RESOLVE, NULL, AFS_ERROR_PRECONDITION);
  fixture_act (fx, id, AFS_ACTION_PLAN_SECOND_VISIT, "Customer wants the seal replaced, not glued");
  assert_state (fx, id, AFS_CASE_STATE_SECOND_VISIT);
  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
  fixture_act (fx, id, AFS_ACTION_DISPATCH, NULL);
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
  fixture_act (fx, id, AFS_ACTION_ARRIVE, NULL);

  report.id = NULL;
  report.diagnosis = (char *) "Seal replaced";
  report.signed_at = 0;
  g_assert_true (afs_store_save_report (fx->store, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM reports WHERE case_id = '%s'", id), ==, 2);
  g_assert_cmpint (fx_int (fx, "SELECT max(report_version) FROM reports WHERE case_id = '%s'", id), ==, 2);
  afs_store_get_case_facts (fx->store, id, &facts, &error);
  g_assert_false (facts.report_signed);

  report.signed_at = 1;
  report.accepted = TRUE;
  g_assert_true (afs_store_save_report (fx->store, &report, &error));
  g_assert_no_error (error);
  fixture_act (fx, id, AFS_ACTION_RESOLVE, NULL);

  /* Signed and accepted: final, whichever way it is addressed. */
  report.diagnosis = (char *) "rewrite";
  g_assert_false (afs_store_save_report (fx->store, &report, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM visits WHERE case_id = '%s'", id), ==, 2);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM visits WHERE case_id = '%s' AND left_at IS NULL", id), ==, 0);
}

static void
test_out_of_scope_and_remote (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *outside = fixture_new_case (fx, "Not our product");
  g_autofree char *remote = fixture_new_case (fx, "How do I set the temperature?");

  /* Out of scope needs the reason for the customer; it is recorded. */
  assert_refused (fx, outside, AFS_ACTION_MARK_OUT_OF_SCOPE, NULL, AFS_ERROR_PRECONDITION);
  fixture_act (fx, outside, AFS_ACTION_MARK_OUT_OF_SCOPE, "Bought from another brand");
  assert_state (fx, outside, AFS_CASE_STATE_OUT_OF_SCOPE);
  {
    g_autofree char *row = fx_text (fx, "SELECT scope || '|' || scope_reason FROM cases WHERE id = '%s'", outside);
    g_assert_cmpstr (row, ==, "out|Bought from another brand");
  }
  g_assert_cmpint (fx_int (fx, "SELECT next_due FROM cases WHERE id = '%s'", outside), ==, 0);

  /* Level 4, solved remotely, without a visit. */
  grade (fx, remote, "4");
  fixture_act (fx, remote, AFS_ACTION_TRIAGE, NULL);
  assert_refused (fx, remote, AFS_ACTION_RESOLVE, NULL, AFS_ERROR_PRECONDITION);
  fixture_update (fx, remote, "remote_resolution", "Explained the thermostat dial by phone", NULL);
  fixture_act (fx, remote, AFS_ACTION_RESOLVE, NULL);
  assert_state (fx, remote, AFS_CASE_STATE_RESOLVED);

  /* Cancelling needs a reason. */
  {
    g_autofree char *third = fixture_new_case (fx, "withdrawn");

    assert_refused (fx, third, AFS_ACTION_CANCEL, "   ", AFS_ERROR_PRECONDITION);
    fixture_act (fx, third, AFS_ACTION_CANCEL, "Customer fixed it himself");
    assert_state (fx, third, AFS_CASE_STATE_CANCELLED);
    assert_refused (fx, third, AFS_ACTION_TRIAGE, NULL, AFS_ERROR_TRANSITION);
  }

  /* A missing case. */
  g_assert_false (afs_store_apply_action (fx->store, "01890000-0000-7000-8000-000000000000",
                                          AFS_ACTION_TRIAGE, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
}

static void
test_follow_up_rules (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = fixture_new_case (fx, "follow-up");
  AfsFollowUpData fu = { 0, };
  AfsCaseFacts facts;

  fu.case_id = (char *) id;
  fu.satisfaction = 6;
  g_assert_false (afs_store_add_follow_up (fx->store, &fu, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  fu.satisfaction = 3;
  fu.at = TEST_NOW + 86400;
  g_assert_false (afs_store_add_follow_up (fx->store, &fu, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  fu.at = 0;
  fu.case_id = (char *) "01890000-0000-7000-8000-000000000000";
  g_assert_false (afs_store_add_follow_up (fx->store, &fu, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A follow-up before the resolution does not count for closing. */
  follow_up (fx, id, 4);
  grade (fx, id, "4");
  fixture_act (fx, id, AFS_ACTION_TRIAGE, NULL);
  fixture_update (fx, id, "remote_resolution", "Sent a manual", NULL);
  fx->now += 10;
  fixture_act (fx, id, AFS_ACTION_RESOLVE, NULL);
  afs_store_get_case_facts (fx->store, id, &facts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facts.n_follow_ups, ==, 0);
  assert_refused (fx, id, AFS_ACTION_CLOSE, NULL, AFS_ERROR_PRECONDITION);
  fx->now += 10;
  follow_up (fx, id, 5);
  afs_store_get_case_facts (fx->store, id, &facts, &error);
  g_assert_cmpuint (facts.n_follow_ups, ==, 1);
  fixture_act_as (fx, fx->quality_id, AFS_ROLE_QUALITY);
  fixture_act (fx, id, AFS_ACTION_CLOSE, NULL);

  /* Follow-ups of closed cases (periodic revisits) are recorded. */
  follow_up (fx, id, 2);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM follow_ups WHERE case_id = '%s'", id), ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/workflow/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("happy-path", test_happy_path);
  ADD ("roles", test_roles);
  ADD ("one-lead", test_one_lead);
  ADD ("approval", test_approval);
  ADD ("signed-report-read-only", test_signed_report_read_only);
  ADD ("out-of-scope-and-remote", test_out_of_scope_and_remote);
  ADD ("follow-up-rules", test_follow_up_rules);

  return g_test_run ();
}
