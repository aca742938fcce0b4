/* afs-workflow.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-error.h"
#include "afs-workflow.h"

/* The case state machine of DOMAIN.md "The lifecycle of one case".
 *
 * Everything here is a pure function of an AfsCaseFacts snapshot, so the
 * store (inside its write transaction), the UI (to enable an action and
 * say why it is off) and sync (when applying another device's change)
 * reach the same verdict. docs/workflow.md has the same rules as a table.
 *
 * afs_workflow_check() looks at three things, in this order, and stops at
 * the first that fails, because each makes the next meaningless:
 *   1. does the action apply to the state at all  (AFS_ERROR_TRANSITION)
 *   2. may this role take it                      (AFS_ERROR_FORBIDDEN)
 *   3. is the data there                          (AFS_ERROR_NEEDS_APPROVAL,
 *                                                   AFS_ERROR_PRECONDITION)
 * Missing data is collected into one message, so the person fixes it all
 * in one go instead of meeting one refusal after another. */

#define ROLE(r) (1u << (r))
#define ROLES_OFFICE  (ROLE (AFS_ROLE_OFFICE) | ROLE (AFS_ROLE_MANAGER))
#define ROLES_FIELD   (ROLES_OFFICE | ROLE (AFS_ROLE_TECHNICIAN))
#define ROLES_CLOSING (ROLES_OFFICE | ROLE (AFS_ROLE_QUALITY))

typedef struct {
  const char *key;
  const char *label;
  /* First sentence when the action does not apply: %s is the state label. */
  const char *transition_msg;
  /* Second sentence: where the action does apply. */
  const char *transition_hint;
  /* When the role may not: %s is the role label. */
  const char *forbidden_msg;
} ActionInfo;

static const ActionInfo actions[] = {
  [AFS_ACTION_TRIAGE] = {
    "triage", NC_("case action", "Triage"),
    N_("A case that is %s cannot be triaged."),
    N_("Only a new case is triaged; edit the fields of a triaged case instead."),
    N_("Your role (%s) cannot triage cases. Ask office staff or a manager."),
  },
  [AFS_ACTION_MARK_OUT_OF_SCOPE] = {
    "mark_out_of_scope", NC_("case action", "Mark out of scope"),
    N_("A case that is %s cannot be marked out of scope."),
    N_("Only a new or triaged case can be marked out of scope; cancel it with a reason instead."),
    N_("Your role (%s) cannot mark a case out of scope. Ask office staff or a manager."),
  },
  [AFS_ACTION_REQUEST_APPROVAL] = {
    "request_approval", NC_("case action", "Request approval"),
    N_("A case that is %s cannot be sent for approval."),
    N_("Approval is requested for a triaged case, before it is dispatched."),
    N_("Your role (%s) cannot request approval. Ask office staff or a manager."),
  },
  [AFS_ACTION_APPROVE] = {
    "approve", NC_("case action", "Approve"),
    N_("A case that is %s cannot be approved."),
    N_("Only a case awaiting approval can be approved; the office requests approval first."),
    N_("Your role (%s) cannot approve a plan. Only a manager approves."),
  },
  [AFS_ACTION_REJECT] = {
    "reject", NC_("case action", "Reject"),
    N_("A case that is %s cannot be rejected."),
    N_("Only a case awaiting approval can be rejected."),
    N_("Your role (%s) cannot reject a plan. Only a manager rejects."),
  },
  [AFS_ACTION_DISPATCH] = {
    "dispatch", NC_("case action", "Dispatch"),
    N_("A case that is %s cannot be dispatched."),
    N_("A case is dispatched once it is triaged or approved, or when a second visit is planned."),
    N_("Your role (%s) cannot dispatch technicians. Ask office staff or a manager."),
  },
  [AFS_ACTION_ARRIVE] = {
    "arrive", NC_("case action", "Record arrival"),
    N_("A case that is %s cannot be marked as arrived."),
    N_("Arrival is recorded for a dispatched case; dispatch it first."),
    N_("Your role (%s) cannot record an arrival. Ask the technician, office staff or a manager."),
  },
  [AFS_ACTION_RESOLVE] = {
    "resolve", NC_("case action", "Resolve"),
    N_("A case that is %s cannot be resolved."),
    N_("A case is resolved while the technician is on site or, at level 4, once it was solved remotely."),
    N_("Your role (%s) cannot resolve a case. Ask the technician, office staff or a manager."),
  },
  [AFS_ACTION_PLAN_SECOND_VISIT] = {
    "plan_second_visit", NC_("case action", "Plan second visit"),
    N_("A case that is %s cannot get a second visit."),
    N_("A second visit is planned while the technician is on site."),
    N_("Your role (%s) cannot plan a second visit. Ask the technician, office staff or a manager."),
  },
  [AFS_ACTION_CLOSE] = {
    "close", NC_("case action", "Close"),
    N_("A case that is %s cannot be closed."),
    N_("Only a resolved case can be closed; resolve it first."),
    N_("Your role (%s) cannot close a case. Ask office staff, a manager or quality staff."),
  },
  [AFS_ACTION_REOPEN] = {
    "reopen", NC_("case action", "Reopen"),
    N_("A case that is %s cannot be reopened."),
    N_("Only a resolved, closed, cancelled or out-of-scope case can be reopened."),
    N_("Your role (%s) cannot reopen a case. Ask office staff, a manager or quality staff."),
  },
  [AFS_ACTION_CANCEL] = {
    "cancel", NC_("case action", "Cancel case"),
    N_("A case that is %s cannot be cancelled."),
    N_("A case can be cancelled until the technician is on site; after that, resolve it or plan a second visit."),
    N_("Your role (%s) cannot cancel a case. Ask office staff or a manager."),
  },
};
G_STATIC_ASSERT (G_N_ELEMENTS (actions) == AFS_ACTION_N);

/**
 * afs_action_to_string:
 * @action: an action
 *
 * Returns: the stable key of @action ("plan_second_visit"), as stored in
 *   the audit trail and sent by sync; never translated
 */
const char *
afs_action_to_string (AfsAction action)
{
  g_return_val_if_fail ((guint) action < AFS_ACTION_N, NULL);

  return actions[action].key;
}

/**
 * afs_action_from_string:
 * @str: (nullable): a key as written by afs_action_to_string()
 * @out: (out) (optional): the action, written only on success
 *
 * Returns: %TRUE if @str is a known action key
 */
gboolean
afs_action_from_string (const char *str,
                        AfsAction  *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < AFS_ACTION_N; i++)
    {
      if (g_str_equal (actions[i].key, str))
        {
          if (out != NULL)
            *out = (AfsAction) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * afs_action_get_label:
 * @action: an action
 *
 * Returns: the translated name of the action, for buttons and menus
 */
const char *
afs_action_get_label (AfsAction action)
{
  g_return_val_if_fail ((guint) action < AFS_ACTION_N, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "case action", actions[action].label);
}

/**
 * afs_approval_policy_init_defaults:
 * @policy: (out caller-allocates): the policy to fill
 *
 * The limits of DOMAIN.md 6, settings with the documents' values as
 * default: a plan budget over 2000 (001 §2.2.11 "售后费用预算超标"; the
 * manual's own table goes by order value, so this is our default),
 * compensation over 500, and 20 000 of loss for a quality accident
 * (002 "直接质量损失在2万元以上").
 */
void
afs_approval_policy_init_defaults (AfsApprovalPolicy *policy)
{
  g_return_if_fail (policy != NULL);

  policy->cost_approval_limit = 2000.0;
  policy->compensation_approval_limit = 500.0;
  policy->quality_loss_threshold = 20000.0;
}

/* The reasons a case needs approval, as translated phrases for the
 * message; NULL-terminated, or NULL when none applies. */
static GPtrArray *
approval_reasons (const AfsCaseFacts      *facts,
                  const AfsApprovalPolicy *policy)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);

  /* DOMAIN.md 6: "level 1, a cost over budget, a return, or compensation
   * over a limit needs a manager's approval before work goes on";
   * 001 §2.2.11 "方案必须报经理审批通过方可执行: 问题为第一级别 / 售后费用预算超标 /
   * 客户要退货". An exchange is a return of the item plus a new one, so it
   * goes the same way. "Over" the limit: exactly at the limit is within
   * budget. */
  if (facts->severity == 1)
    g_ptr_array_add (reasons, g_strdup (_("it is level 1")));
  if (facts->category == AFS_CATEGORY_RETURN)
    g_ptr_array_add (reasons, g_strdup (_("the customer wants a return")));
  if (facts->category == AFS_CATEGORY_EXCHANGE)
    g_ptr_array_add (reasons, g_strdup (_("the customer wants an exchange")));
  if (facts->estimated_cost > policy->cost_approval_limit)
    g_ptr_array_add (reasons,
                     /* Translators: the first %.2f is the estimated cost, the second the limit */
                     g_strdup_printf (_("the estimated cost %.2f is over the limit of %.2f"),
                                      facts->estimated_cost, policy->cost_approval_limit));
  if (facts->compensation > policy->compensation_approval_limit)
    g_ptr_array_add (reasons,
                     /* Translators: the first %.2f is the compensation, the second the limit */
                     g_strdup_printf (_("the compensation %.2f is over the limit of %.2f"),
                                      facts->compensation, policy->compensation_approval_limit));

  if (reasons->len == 0)
    return NULL;

  g_ptr_array_add (reasons, NULL);
  return g_steal_pointer (&reasons);
}

/**
 * afs_workflow_needs_approval:
 * @facts: the case
 * @policy: the approval limits
 *
 * DOMAIN.md 6 (001 §2.2.11, 000 §1(2), 002 "经权限范围内领导批准"): level 1,
 * a return or exchange, an estimated cost over the budget limit or a
 * compensation over its limit need a manager's approval before work goes
 * on. A value exactly at a limit does not.
 *
 * Returns: %TRUE if a manager must approve the plan
 */
gboolean
afs_workflow_needs_approval (const AfsCaseFacts      *facts,
                             const AfsApprovalPolicy *policy)
{
  g_autoptr(GPtrArray) reasons = NULL;

  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  reasons = approval_reasons (facts, policy);

  return reasons != NULL;
}

/**
 * afs_workflow_needs_escalation:
 * @facts: the case
 * @policy: the threshold
 *
 * DOMAIN.md 6: "Quality accidents over a loss threshold (002: 20 000
 * yuan) escalate to management" (002 §8 "属于较大以上质量事故的(直接质量损失在
 * 2万元以上),必须及时向…领导和公司质量部汇报"). Over, not at, the threshold.
 *
 * Returns: %TRUE if management must be told
 */
gboolean
afs_workflow_needs_escalation (const AfsCaseFacts      *facts,
                               const AfsApprovalPolicy *policy)
{
  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);

  return facts->quality_loss > policy->quality_loss_threshold;
}

/**
 * afs_workflow_target:
 * @action: an action
 * @from: the current state
 *
 * The transition table: the state @action leads to from @from. Only the
 * state is considered; afs_workflow_check() decides whether it is allowed.
 *
 * Returns: the new state, or %AFS_CASE_STATE_N when @action does not
 *   apply in @from
 */
AfsCaseState
afs_workflow_target (AfsAction    action,
                     AfsCaseState from)
{
  g_return_val_if_fail ((guint) action < AFS_ACTION_N, AFS_CASE_STATE_N);
  g_return_val_if_fail ((guint) from < AFS_CASE_STATE_N, AFS_CASE_STATE_N);

  switch (action)
    {
    case AFS_ACTION_TRIAGE:
      /* DOMAIN.md 2–3: scope, warranty, grade and cause are set on a new case. */
      if (from == AFS_CASE_STATE_NEW)
        return AFS_CASE_STATE_TRIAGED;
      break;

    case AFS_ACTION_MARK_OUT_OF_SCOPE:
      /* DOMAIN.md 2: "in scope or not" is decided at intake or at triage. */
      if (from == AFS_CASE_STATE_NEW || from == AFS_CASE_STATE_TRIAGED)
        return AFS_CASE_STATE_OUT_OF_SCOPE;
      break;

    case AFS_ACTION_REQUEST_APPROVAL:
      /* DOMAIN.md 6: approval "before work goes on", so before dispatch. */
      if (from == AFS_CASE_STATE_TRIAGED)
        return AFS_CASE_STATE_AWAITING_APPROVAL;
      break;

    case AFS_ACTION_APPROVE:
      if (from == AFS_CASE_STATE_AWAITING_APPROVAL)
        return AFS_CASE_STATE_APPROVED;
      break;

    case AFS_ACTION_REJECT:
      /* Back to the office to change the plan (001 §2.2.13 "重新调整方案"). */
      if (from == AFS_CASE_STATE_AWAITING_APPROVAL)
        return AFS_CASE_STATE_TRIAGED;
      break;

    case AFS_ACTION_DISPATCH:
      /* DOMAIN.md 7; a second visit is dispatched again (001 §2.2.15
       * "约定下次上门服务时间"). */
      if (from == AFS_CASE_STATE_TRIAGED ||
          from == AFS_CASE_STATE_APPROVED ||
          from == AFS_CASE_STATE_SECOND_VISIT)
        return AFS_CASE_STATE_DISPATCHED;
      break;

    case AFS_ACTION_ARRIVE:
      /* DOMAIN.md 8: "record arrival and departure times". */
      if (from == AFS_CASE_STATE_DISPATCHED)
        return AFS_CASE_STATE_ON_SITE;
      break;

    case AFS_ACTION_RESOLVE:
      /* DOMAIN.md 9 after a visit; DOMAIN.md 3 level 4 "solved remotely"
       * without one. */
      if (from == AFS_CASE_STATE_ON_SITE ||
          from == AFS_CASE_STATE_TRIAGED ||
          from == AFS_CASE_STATE_APPROVED)
        return AFS_CASE_STATE_RESOLVED;
      break;

    case AFS_ACTION_PLAN_SECOND_VISIT:
      /* DOMAIN.md 9: "not accepted → plan a second visit". */
      if (from == AFS_CASE_STATE_ON_SITE)
        return AFS_CASE_STATE_SECOND_VISIT;
      break;

    case AFS_ACTION_CLOSE:
      /* DOMAIN.md 11–12: closed after the follow-up. */
      if (from == AFS_CASE_STATE_RESOLVED)
        return AFS_CASE_STATE_CLOSED;
      break;

    case AFS_ACTION_REOPEN:
      /* DOMAIN.md 11: "a problem found reopens a case". A case that was
       * worked on goes back to triage (its grade and cause stand); one
       * that never was goes back to intake. */
      if (from == AFS_CASE_STATE_CLOSED || from == AFS_CASE_STATE_RESOLVED)
        return AFS_CASE_STATE_TRIAGED;
      if (from == AFS_CASE_STATE_OUT_OF_SCOPE || from == AFS_CASE_STATE_CANCELLED)
        return AFS_CASE_STATE_NEW;
      break;

    case AFS_ACTION_CANCEL:
      /* Withdrawn by the customer. Not once a technician is on site: the
       * visit happened and must end in a report (DOMAIN.md 9) or a second
       * visit. */
      if (from == AFS_CASE_STATE_NEW ||
          from == AFS_CASE_STATE_TRIAGED ||
          from == AFS_CASE_STATE_AWAITING_APPROVAL ||
          from == AFS_CASE_STATE_APPROVED ||
          from == AFS_CASE_STATE_DISPATCHED ||
          from == AFS_CASE_STATE_SECOND_VISIT)
        return AFS_CASE_STATE_CANCELLED;
      break;

    case AFS_ACTION_N:
    default:
      break;
    }

  return AFS_CASE_STATE_N;
}

/* Roles that may take @action from @from (DOMAIN.md "People"). */
static guint
allowed_roles (AfsAction    action,
               AfsCaseState from)
{
  switch (action)
    {
    case AFS_ACTION_TRIAGE:
    case AFS_ACTION_MARK_OUT_OF_SCOPE:
    case AFS_ACTION_REQUEST_APPROVAL:
    case AFS_ACTION_DISPATCH:
    case AFS_ACTION_CANCEL:
      /* DOMAIN.md "People": office staff "register requests, check scope
       * and warranty, grade and classify, dispatch". Managers may do
       * anything the office does. */
      return ROLES_OFFICE;

    case AFS_ACTION_APPROVE:
    case AFS_ACTION_REJECT:
      /* DOMAIN.md "People": the manager "approve[s] costly cases";
       * 001 §2.2.11 "报经理审批". */
      return ROLE (AFS_ROLE_MANAGER);

    case AFS_ACTION_ARRIVE:
    case AFS_ACTION_PLAN_SECOND_VISIT:
      /* The technician on site; the office may record it on the
       * technician's behalf when told by phone. */
      return ROLES_FIELD;

    case AFS_ACTION_RESOLVE:
      /* Solved remotely (level 4) is office work: nobody went on site. */
      if (from == AFS_CASE_STATE_ON_SITE)
        return ROLES_FIELD;
      return ROLES_OFFICE;

    case AFS_ACTION_CLOSE:
    case AFS_ACTION_REOPEN:
      /* DOMAIN.md "People": quality staff own the closed loop (DOMAIN.md
       * 12), and DOMAIN.md 11 "a problem found reopens a case". */
      return ROLES_CLOSING;

    case AFS_ACTION_N:
    default:
      return 0;
    }
}

static gboolean
action_is_field_work (AfsAction    action,
                      AfsCaseState from)
{
  return action == AFS_ACTION_ARRIVE ||
         action == AFS_ACTION_PLAN_SECOND_VISIT ||
         (action == AFS_ACTION_RESOLVE && from == AFS_CASE_STATE_ON_SITE);
}

/* Joins translated phrases into one list for a message. */
static char *
join_list (GPtrArray *items)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      if (g_ptr_array_index (items, i) == NULL)
        break;
      if (i > 0)
        /* Translators: separates the items of a list in a message, like "severity, cause" */
        g_string_append (str, C_("list separator", ", "));
      g_string_append (str, g_ptr_array_index (items, i));
    }

  return g_string_free (str, FALSE);
}

/* DOMAIN.md 6: "needs a manager's approval before work goes on". Applies
 * to work starting from triage (dispatch, or a remote resolution); a case
 * already approved carries its approval. */
static gboolean
check_approval_gate (const AfsCaseFacts      *facts,
                     const AfsApprovalPolicy *policy,
                     GError                 **error)
{
  g_autoptr(GPtrArray) reasons = NULL;
  g_autofree char *list = NULL;

  if (facts->approval_pending)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_NEEDS_APPROVAL,
                           _("A manager is still deciding on the plan of this case. "
                             "Wait for the approval before work goes on."));
      return FALSE;
    }

  if (facts->state != AFS_CASE_STATE_TRIAGED || facts->approval_granted)
    return TRUE;

  reasons = approval_reasons (facts, policy);
  if (reasons == NULL)
    return TRUE;

  list = join_list (reasons);
  g_set_error (error, AFS_ERROR, AFS_ERROR_NEEDS_APPROVAL,
               /* Translators: %s is a list of reasons, like "it is level 1, the customer wants a return" */
               _("This case needs a manager's approval before work goes on: %s. Request approval first."),
               list);
  return FALSE;
}

static gboolean
fail_missing (GError     **error,
              const char  *format,
              GPtrArray   *missing,
              const char  *extra)
{
  g_autofree char *list = join_list (missing);
  g_autofree char *message = g_strdup_printf (format, list);

  if (extra != NULL)
    g_set_error (error, AFS_ERROR, AFS_ERROR_PRECONDITION, "%s %s", message, extra);
  else
    g_set_error_literal (error, AFS_ERROR, AFS_ERROR_PRECONDITION, message);

  return FALSE;
}

static gboolean
fail_precondition (GError     **error,
                   const char  *message)
{
  g_set_error_literal (error, AFS_ERROR, AFS_ERROR_PRECONDITION, message);
  return FALSE;
}

static gboolean
check_data (const AfsCaseFacts      *facts,
            const AfsApprovalPolicy *policy,
            AfsAction                action,
            GError                 **error)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  switch (action)
    {
    case AFS_ACTION_TRIAGE:
      {
        const char *extra = NULL;

        /* DOMAIN.md 2: "in scope or not; within the warranty period … or
         * chargeable (quote first)". */
        if (facts->scope != AFS_SCOPE_IN)
          {
            g_ptr_array_add (missing, (gpointer) _("scope (in scope)"));
            if (facts->scope == AFS_SCOPE_OUT)
              extra = _("A case out of scope is not triaged: use “Mark out of scope” with a reason for the customer.");
          }
        if (facts->warranty == AFS_WARRANTY_UNKNOWN)
          g_ptr_array_add (missing, (gpointer) _("warranty"));
        /* DOMAIN.md 3 "Grade and classify"; 001 §2.2.8 "处理前务必定位售后问题的
         * 两个维度:级别和原因" (before handling, always fix both dimensions of
         * the problem: level and cause). */
        if (facts->severity < AFS_SEVERITY_MIN || facts->severity > AFS_SEVERITY_MAX)
          g_ptr_array_add (missing, (gpointer) _("severity"));
        if (facts->cause == AFS_CAUSE_UNKNOWN)
          g_ptr_array_add (missing, (gpointer) _("cause"));
        /* DOMAIN.md 3 "our own staff error (name who)"; 001 §2.2 "人为失误
         * … 这类原因务必要定位到具体责任人" (always find the person
         * responsible). */
        else if (facts->cause == AFS_CAUSE_STAFF_ERROR && !facts->has_responsible_staff)
          g_ptr_array_add (missing, (gpointer) _("the staff member responsible"));

        if (missing->len > 0)
          /* Translators: %s is a list of fields, like "severity, cause" */
          return fail_missing (error, _("Before triage, set: %s."), missing, extra);
        return TRUE;
      }

    case AFS_ACTION_MARK_OUT_OF_SCOPE:
      /* DOMAIN.md 2: "Out of scope: explain to the customer and record the
       * reason" (001 §2.2.4 "做好解释工作,并取得客户的理解"). */
      if (!facts->has_scope_reason)
        return fail_precondition (error,
                                  _("A case cannot be marked out of scope without a reason. "
                                    "Record the reason given to the customer first."));
      return TRUE;

    case AFS_ACTION_REQUEST_APPROVAL:
      /* DOMAIN.md 6: only what the rules name goes to the manager, so the
       * manager's queue holds only real decisions. */
      if (!afs_workflow_needs_approval (facts, policy))
        return fail_precondition (error,
                                  _("This case does not need approval: it is not level 1, "
                                    "not a return or exchange, and its cost and compensation "
                                    "are within the limits. Dispatch it directly."));
      if (facts->approval_pending)
        return fail_precondition (error,
                                  _("Approval has already been requested for this case. "
                                    "Wait for the manager's decision."));
      return TRUE;

    case AFS_ACTION_APPROVE:
      return TRUE;

    case AFS_ACTION_REJECT:
      /* The office must know what to change (001 §2.2.13 "重新调整方案"). */
      if (!facts->has_reason)
        return fail_precondition (error,
                                  _("A plan cannot be rejected without a comment. "
                                    "Write what must change, so the office can adjust the plan."));
      return TRUE;

    case AFS_ACTION_DISPATCH:
      if (!check_approval_gate (facts, policy, error))
        return FALSE;
      /* DOMAIN.md 7: "assign one or more technicians by fault, area and
       * workload; one is the lead". */
      if (facts->n_assignments == 0)
        g_ptr_array_add (missing, (gpointer) _("at least one technician"));
      if (!facts->has_lead)
        g_ptr_array_add (missing, (gpointer) _("a lead technician"));
      if (missing->len > 0)
        /* Translators: %s is a list, like "at least one technician, a lead technician" */
        return fail_missing (error, _("Before dispatch, assign: %s."), missing, NULL);
      return TRUE;

    case AFS_ACTION_ARRIVE:
      return TRUE;

    case AFS_ACTION_RESOLVE:
      if (facts->state == AFS_CASE_STATE_ON_SITE)
        {
          /* DOMAIN.md 9: "the customer signs (or stamps) it and gives an
           * opinion … A case is not closed without it"; 001 §2.2.17 "售后
           * 验收的标准 … 客户认可并接受售后结果 … 否则,不应在后台关闭售后"
           * (acceptance by the customer, or the case is not closed). */
          if (!facts->report_signed)
            g_ptr_array_add (missing, (gpointer) _("the service report signed by the customer"));
          if (!facts->report_accepted)
            g_ptr_array_add (missing, (gpointer) _("the customer's acceptance of the result"));
          if (missing->len > 0)
            return fail_missing (error,
                                 /* Translators: %s is a list, like "the service report signed by the customer" */
                                 _("A case is not resolved without the customer's sign-off. Missing: %s."),
                                 missing,
                                 _("If the customer does not accept the result, plan a second visit."));
          return TRUE;
        }

      /* DOMAIN.md 3: "level 4: solved remotely: explanation, or small
       * parts mailed, customer fixes it" (001 §2.1 四级 "不需要维修师傅上门"). */
      if (!check_approval_gate (facts, policy, error))
        return FALSE;
      if (facts->severity != 4)
        g_ptr_array_add (missing, (gpointer) _("severity level 4 (solved remotely)"));
      if (!facts->has_remote_resolution)
        g_ptr_array_add (missing, (gpointer) _("a note on how it was solved remotely"));
      if (missing->len > 0)
        return fail_missing (error,
                             /* Translators: %s is a list, like "a note on how it was solved remotely" */
                             _("Only a level 4 case is resolved without a visit. Missing: %s."),
                             missing,
                             _("Otherwise dispatch a technician."));
      return TRUE;

    case AFS_ACTION_PLAN_SECOND_VISIT:
      /* DOMAIN.md 9 "not accepted → plan a second visit"; 001 §2.2.15
       * "服务不被客户验收的情况下 … 应要求师傅约定下次上门服务时间" and §2.2.17
       * "制定二次售后方案": say what is left, so the next visit is planned
       * for it. */
      if (!facts->has_reason)
        return fail_precondition (error,
                                  _("A second visit cannot be planned without a reason. "
                                    "Write what is unfinished or what the customer did not accept."));
      return TRUE;

    case AFS_ACTION_CLOSE:
      /* DOMAIN.md 11: "call the customer 3–5 days after a repair" (002
       * "维修客户3-5天内进行回访"); DOMAIN.md 12 closed loop. */
      if (facts->n_follow_ups == 0)
        return fail_precondition (error,
                                  _("A case cannot be closed before the customer has been called back. "
                                    "Record a follow-up first."));
      return TRUE;

    case AFS_ACTION_REOPEN:
      /* DOMAIN.md 11: "a problem found reopens a case": the problem is
       * the reason, and the audit trail keeps it. */
      if (!facts->has_reason)
        return fail_precondition (error,
                                  _("A case cannot be reopened without a reason. "
                                    "Write the problem that was found."));
      return TRUE;

    case AFS_ACTION_CANCEL:
      /* DOMAIN.md "Everything is recorded and can be found again". */
      if (!facts->has_reason)
        return fail_precondition (error,
                                  _("A case cannot be cancelled without a reason. "
                                    "Write why the customer withdrew it."));
      return TRUE;

    case AFS_ACTION_N:
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

/**
 * afs_workflow_check:
 * @facts: the case as it is now
 * @policy: (nullable): the approval limits; %NULL for the defaults
 * @action: what the person wants to do
 * @role: the person's role
 * @error: return location for the reason it is refused
 *
 * Decides whether @role may take @action on the case. Checks, in order:
 * whether @action applies to the state (%AFS_ERROR_TRANSITION), whether
 * the role may take it (%AFS_ERROR_FORBIDDEN; a technician also must be
 * assigned to the case), and whether the data is there
 * (%AFS_ERROR_NEEDS_APPROVAL, then %AFS_ERROR_PRECONDITION with
 * everything missing in one message). The messages are for the person:
 * what is wrong and what to do.
 *
 * Returns: %TRUE if the action is allowed
 */
gboolean
afs_workflow_check (const AfsCaseFacts      *facts,
                    const AfsApprovalPolicy *policy,
                    AfsAction                action,
                    AfsRole                  role,
                    GError                 **error)
{
  AfsApprovalPolicy defaults;
  const ActionInfo *info;

  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail ((guint) facts->state < AFS_CASE_STATE_N, FALSE);
  g_return_val_if_fail ((guint) action < AFS_ACTION_N, FALSE);
  g_return_val_if_fail ((guint) role < AFS_ROLE_N, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (policy == NULL)
    {
      afs_approval_policy_init_defaults (&defaults);
      policy = &defaults;
    }

  info = &actions[action];

  if (afs_workflow_target (action, facts->state) == AFS_CASE_STATE_N)
    {
      g_autofree char *first = g_strdup_printf (_(info->transition_msg),
                                                afs_case_state_get_label (facts->state));
      const char *hint;

      /* A finished case needs reopening before anything else; saying so
       * is more useful than listing where the action applies. */
      if (!afs_case_state_is_open (facts->state) && action != AFS_ACTION_REOPEN)
        hint = _("Reopen it first.");
      else
        hint = _(info->transition_hint);

      g_set_error (error, AFS_ERROR, AFS_ERROR_TRANSITION, "%s %s", first, hint);
      return FALSE;
    }

  if ((allowed_roles (action, facts->state) & ROLE (role)) == 0)
    {
      if (action == AFS_ACTION_RESOLVE && role == AFS_ROLE_TECHNICIAN)
        g_set_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                     _("Your role (%s) cannot resolve a case without a visit. Ask office staff or a manager."),
                     afs_role_get_label (role));
      else
        g_set_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                     _(info->forbidden_msg), afs_role_get_label (role));
      return FALSE;
    }

  /* DOMAIN.md "People": technicians "receive dispatch orders": they
   * record work only on the cases they were dispatched to. */
  if (role == AFS_ROLE_TECHNICIAN &&
      action_is_field_work (action, facts->state) &&
      !facts->actor_is_assigned)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                           _("You are not assigned to this case. "
                             "Ask the office to assign you before recording work on it."));
      return FALSE;
    }

  return check_data (facts, policy, action, error);
}

/* ---- Field edits ------------------------------------------------------------ */

typedef enum {
  FIELD_TECHNICIAN = 1 << 0,  /* what a technician finds on site */
  FIELD_QUALITY    = 1 << 1,  /* cause and responsibility (DOMAIN.md 12) */
  FIELD_PLAN       = 1 << 2,  /* what the manager approves (DOMAIN.md 6) */
} FieldFlags;

typedef struct {
  const char *name;
  const char *label;
  FieldFlags  flags;
} FieldInfo;

/* The editable columns of afs_store_update_case(). */
static const FieldInfo fields[] = {
  { "channel",              NC_("case field", "intake channel"), 0 },
  { "category",             NC_("case field", "category"), FIELD_PLAN },
  { "severity",             NC_("case field", "severity"), FIELD_PLAN },
  { "scope",                NC_("case field", "scope"), FIELD_PLAN },
  { "scope_reason",         NC_("case field", "reason for being out of scope"), 0 },
  { "warranty",             NC_("case field", "warranty"), FIELD_PLAN },
  { "cause",                NC_("case field", "cause"), FIELD_TECHNICIAN | FIELD_QUALITY },
  { "responsible",          NC_("case field", "responsible party"), FIELD_QUALITY },
  { "responsible_staff_id", NC_("case field", "responsible staff member"), FIELD_QUALITY },
  { "third_party_claim",    NC_("case field", "third-party claim"), FIELD_QUALITY },
  { "description",          NC_("case field", "description"), FIELD_TECHNICIAN },
  { "contact_name",         NC_("case field", "contact name"), FIELD_TECHNICIAN },
  { "contact_phone",        NC_("case field", "contact phone"), FIELD_TECHNICIAN },
  { "estimated_cost",       NC_("case field", "estimated cost"), FIELD_PLAN },
  { "compensation",         NC_("case field", "compensation"), FIELD_PLAN },
  { "quality_loss",         NC_("case field", "quality loss"), FIELD_QUALITY },
  { "remote_resolution",    NC_("case field", "remote resolution"), 0 },
  { "responded_at",         NC_("case field", "time of first answer"), 0 },
};

static const FieldInfo *
find_field (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].name, name))
      return &fields[i];

  return NULL;
}

/**
 * afs_case_field_get_label:
 * @field: a case field name, as in afs_store_update_case()
 *
 * Returns: (nullable): the translated, lowercase name of @field for
 *   messages ("estimated cost"), or %NULL for an unknown field
 */
const char *
afs_case_field_get_label (const char *field)
{
  const FieldInfo *info = find_field (field);

  if (info == NULL)
    return NULL;

  return g_dpgettext2 (GETTEXT_PACKAGE, "case field", info->label);
}

/**
 * afs_workflow_can_edit_field:
 * @state: the case state
 * @role: the person's role
 * @field: a case field name, as in afs_store_update_case()
 * @error: return location for the reason it is refused
 *
 * Whether @role may change @field of a case in @state:
 *
 * - a closed, cancelled or out-of-scope case is finished and read-only to
 *   everyone until reopened (DOMAIN.md 12: "the case file keeps …");
 * - a technician, only while dispatched, on site or with a second visit
 *   planned, and only what is found on site: description, contact and
 *   cause (DOMAIN.md 8 "confirm the fault with the customer, inspect");
 * - quality staff: cause, responsible party and staff member, third-party
 *   claim and quality loss (DOMAIN.md 12 "cause analysis … responsibility");
 * - office staff and managers: every field, except that the plan the
 *   manager is deciding on (scope, warranty, severity, category, estimated
 *   cost, compensation) is frozen while it awaits approval (DOMAIN.md 6).
 *
 * Returns: %TRUE if allowed; otherwise @error is %AFS_ERROR_INVALID for
 *   an unknown field or %AFS_ERROR_FORBIDDEN
 */
gboolean
afs_workflow_can_edit_field (AfsCaseState   state,
                             AfsRole        role,
                             const char    *field,
                             GError       **error)
{
  const FieldInfo *info;
  const char *label;

  g_return_val_if_fail ((guint) state < AFS_CASE_STATE_N, FALSE);
  g_return_val_if_fail ((guint) role < AFS_ROLE_N, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = find_field (field);
  if (info == NULL)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("“%s” is not a field of a case that can be edited. Check the field name."),
                   field != NULL ? field : "(null)");
      return FALSE;
    }
  label = g_dpgettext2 (GETTEXT_PACKAGE, "case field", info->label);

  if (!afs_case_state_is_open (state))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                   _("A case that is %s cannot be changed. Reopen it first."),
                   afs_case_state_get_label (state));
      return FALSE;
    }

  switch (role)
    {
    case AFS_ROLE_TECHNICIAN:
      if (state != AFS_CASE_STATE_DISPATCHED &&
          state != AFS_CASE_STATE_ON_SITE &&
          state != AFS_CASE_STATE_SECOND_VISIT)
        {
          g_set_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                       _("Technicians change a case only while it is dispatched or on site, "
                         "and this one is %s. Ask the office to change it."),
                       afs_case_state_get_label (state));
          return FALSE;
        }
      if ((info->flags & FIELD_TECHNICIAN) == 0)
        {
          g_set_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                       /* Translators: %s is a field name, like "estimated cost" */
                       _("Technicians can change only the description, the contact and the cause. "
                         "Ask the office to change the %s."),
                       label);
          return FALSE;
        }
      return TRUE;

    case AFS_ROLE_QUALITY:
      if ((info->flags & FIELD_QUALITY) == 0)
        {
          g_set_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                       /* Translators: %s is a field name, like "estimated cost" */
                       _("Quality staff can change only the cause, the responsible party, "
                         "the third-party claim and the quality loss. Ask the office to change the %s."),
                       label);
          return FALSE;
        }
      return TRUE;

    case AFS_ROLE_OFFICE:
    case AFS_ROLE_MANAGER:
      if (state == AFS_CASE_STATE_AWAITING_APPROVAL && (info->flags & FIELD_PLAN) != 0)
        {
          g_set_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                       /* Translators: %s is a field name, like "estimated cost" */
                       _("The %s cannot change while a manager is deciding on the plan. "
                         "Wait for the decision, or have the manager reject the plan to change it."),
                       label);
          return FALSE;
        }
      return TRUE;

    case AFS_ROLE_N:
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}
