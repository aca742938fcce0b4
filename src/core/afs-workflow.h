/* afs-workflow.h: the case state machine and its rules (DOMAIN.md).
 *
 * Pure functions over a snapshot of facts, so the same rules run in the
 * store (inside the write transaction, before anything is written), in the
 * UI (to enable or disable an action and explain why) and, later, in sync.
 * Nothing here touches GTK or SQLite.
 */
#pragma once

#include <glib.h>
#include "afs-enums.h"

G_BEGIN_DECLS

/* Money limits and thresholds: DOMAIN.md says numbers are settings with the
 * document's value as default. */
typedef struct {
  double cost_approval_limit;          /* plan budget over this needs approval (001 §2.2.11 "预算超标"); default 2000 */
  double compensation_approval_limit;  /* compensation over this needs approval (DOMAIN.md 6); default 500 */
  double quality_loss_threshold;       /* escalate to management (002: 20 000 yuan) */
} AfsApprovalPolicy;

void afs_approval_policy_init_defaults (AfsApprovalPolicy *policy);

/* Everything the rules need to know about one case at one moment. */
typedef struct {
  AfsCaseState state;
  AfsCategory  category;
  int          severity;           /* 0 = not graded */
  AfsScope     scope;
  gboolean     has_scope_reason;   /* non-empty reason recorded */
  AfsWarrantyStatus warranty;
  AfsCause     cause;
  double       estimated_cost;
  double       compensation;
  double       quality_loss;       /* loss of a quality accident, 0 if none */
  gboolean     approval_granted;   /* a manager approved the current plan */
  gboolean     approval_pending;
  guint        n_assignments;      /* technicians assigned */
  gboolean     has_lead;           /* one of them is the lead */
  gboolean     report_signed;      /* a repair report signed by the customer */
  gboolean     report_accepted;    /* customer accepted the result */
  gboolean     has_remote_resolution; /* level 4: solved remotely, note recorded */
  guint        n_follow_ups;       /* follow-up contacts recorded */
  gboolean     has_responsible_staff; /* cause "our own staff error" names who (001 §2.2) */
  gboolean     actor_is_assigned;  /* the acting technician is assigned to this case */
  gboolean     has_reason;         /* the transition carries a non-empty reason/comment */
} AfsCaseFacts;

/* The actions a person can take on a case. Each maps to one transition. */
typedef enum {
  AFS_ACTION_TRIAGE,            /* new -> triaged: scope in, warranty, severity, category, cause set */
  AFS_ACTION_MARK_OUT_OF_SCOPE, /* new|triaged -> out_of_scope: needs a reason for the customer */
  AFS_ACTION_REQUEST_APPROVAL,  /* triaged -> awaiting_approval */
  AFS_ACTION_APPROVE,           /* awaiting_approval -> approved: manager */
  AFS_ACTION_REJECT,            /* awaiting_approval -> triaged: manager, needs a comment */
  AFS_ACTION_DISPATCH,          /* triaged|approved|second_visit -> dispatched: >=1 technician, a lead, approval if needed */
  AFS_ACTION_ARRIVE,            /* dispatched -> on_site: technician */
  AFS_ACTION_RESOLVE,           /* on_site -> resolved: signed and accepted report;
                                   triaged|approved -> resolved: level 4 with remote resolution */
  AFS_ACTION_PLAN_SECOND_VISIT, /* on_site -> second_visit: not accepted, needs a reason */
  AFS_ACTION_CLOSE,             /* resolved -> closed: a follow-up recorded */
  AFS_ACTION_REOPEN,            /* closed|resolved -> triaged, out_of_scope|cancelled -> new: needs a reason */
  AFS_ACTION_CANCEL,            /* any open state before on_site (and second_visit) -> cancelled: needs a reason */
  AFS_ACTION_N
} AfsAction;

const char  *afs_action_to_string   (AfsAction action);
gboolean     afs_action_from_string (const char *str, AfsAction *out);
const char  *afs_action_get_label   (AfsAction action);   /* "Dispatch", translated */

/* The state an action leads to from facts->state, or AFS_CASE_STATE_N when
 * the action does not apply in that state. */
AfsCaseState afs_workflow_target (AfsAction action, AfsCaseState from);

/* May @role take @action on a case with these facts? On FALSE, @error says
 * why in words for the person (AFS_ERROR_TRANSITION, AFS_ERROR_FORBIDDEN,
 * AFS_ERROR_PRECONDITION or AFS_ERROR_NEEDS_APPROVAL). */
gboolean afs_workflow_check (const AfsCaseFacts      *facts,
                             const AfsApprovalPolicy *policy,
                             AfsAction                action,
                             AfsRole                  role,
                             GError                 **error);

/* DOMAIN.md 6: level 1, a return (and an exchange), a cost over budget or
 * compensation over the limit need a manager's approval. */
gboolean afs_workflow_needs_approval (const AfsCaseFacts      *facts,
                                      const AfsApprovalPolicy *policy);

/* DOMAIN.md 6: quality accidents over the loss threshold escalate. */
gboolean afs_workflow_needs_escalation (const AfsCaseFacts      *facts,
                                        const AfsApprovalPolicy *policy);

/* May @role edit case field @field (a column name as in afs_store_update_case)
 * in @state? Closed and cancelled cases are read-only until reopened;
 * technicians edit only what they find on site. */
gboolean afs_workflow_can_edit_field (AfsCaseState state, AfsRole role,
                                      const char *field, GError **error);

/* Added: the translated, lowercase name of a case field for messages
 * ("estimated cost"), or NULL for an unknown field name. */
const char *afs_case_field_get_label (const char *field);

G_END_DECLS
