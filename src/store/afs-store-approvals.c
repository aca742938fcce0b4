/* afs-store-approvals.c: the manager's side of DOMAIN.md 6: the queue of
 * approval requests, a case's approval history, requesting and deciding
 * with an audit "approval" event, and quality accidents flagged for
 * management.
 *
 * "level 1, a cost over budget, a return, or compensation over a limit
 *  needs a manager's approval before work goes on. Quality accidents
 *  over a loss threshold (002: 20 000 yuan) escalate to management."
 *
 * The rule itself is afs_workflow_needs_approval() and the gate is
 * afs_workflow_check(): these calls go through afs_store_apply_action(),
 * so the core refuses what the rules refuse, whatever the screen shows.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-error.h"
#include "afs-store-office-util.h"

void
afs_approval_data_free (AfsApprovalData *data)
{
  if (data == NULL)
    return;

  g_free (data->id);
  g_free (data->case_id);
  g_free (data->case_number);
  g_free (data->customer_name);
  g_free (data->case_description);
  g_free (data->reasons);
  g_free (data->reasons_text);
  g_free (data->requested_by_name);
  g_free (data->decided_by_name);
  g_free (data->comment);
  g_free (data);
}

/**
 * afs_approval_reasons_describe:
 * @reasons: (nullable): as stored in an approval request
 *
 * Returns: (transfer full): the reasons in words
 */
char *
afs_approval_reasons_describe (const char *reasons)
{
  static const struct {
    const char *key;
    const char *label;
  } labels[] = {
    { "level_1", N_("Level 1 case") },
    { "return", N_("return") },
    { "exchange", N_("exchange") },
    { "over_budget", N_("cost over the budget limit") },
    { "compensation_over_limit", N_("compensation over the limit") },
  };
  g_auto(GStrv) keys = NULL;
  g_autoptr(GPtrArray) parts = NULL;

  if (reasons == NULL || *reasons == '\0')
    return g_strdup ("");

  keys = g_strsplit (reasons, ",", -1);
  parts = g_ptr_array_new ();
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *label = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (labels); k++)
        if (g_str_equal (g_strstrip (keys[i]), labels[k].key))
          label = _(labels[k].label);

      /* Not the rule's keys: the requester's own words. */
      if (label == NULL)
        return g_strdup (reasons);
      g_ptr_array_add (parts, (gpointer) label);
    }
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between approval reasons */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

#define APPROVAL_SELECT \
  "SELECT p.id, p.case_id, c.number, cu.name, c.description, c.state, c.category, c.severity," \
  "       c.estimated_cost, c.compensation, c.quality_loss, p.reasons, rs.name, p.requested_at," \
  "       p.decision, ds.name, p.decided_at, p.comment, p.stale" \
  "  FROM approvals p" \
  "  JOIN cases c ON c.id = p.case_id" \
  "  JOIN customers cu ON cu.id = c.customer_id" \
  "  LEFT JOIN staff rs ON rs.id = p.requested_by" \
  "  LEFT JOIN staff ds ON ds.id = p.decided_by"

static void
read_approval (sqlite3_stmt *stmt,
               gpointer      out)
{
  AfsApprovalData *a = out;
  const char *decision;

  a->id = afs_db_column_dup (stmt, 0);
  a->case_id = afs_db_column_dup (stmt, 1);
  a->case_number = afs_db_column_dup (stmt, 2);
  a->customer_name = afs_db_column_dup (stmt, 3);
  a->case_description = afs_db_column_dup (stmt, 4);
  afs_case_state_from_string (afs_db_column_text (stmt, 5), &a->case_state);
  afs_category_from_string (afs_db_column_text (stmt, 6), &a->category);
  a->severity = sqlite3_column_int (stmt, 7);
  a->estimated_cost = sqlite3_column_double (stmt, 8);
  a->compensation = sqlite3_column_double (stmt, 9);
  a->quality_loss = sqlite3_column_double (stmt, 10);
  a->reasons = afs_db_column_dup (stmt, 11);
  a->reasons_text = afs_approval_reasons_describe (a->reasons);
  a->requested_by_name = afs_db_column_dup (stmt, 12);
  a->requested_at = sqlite3_column_int64 (stmt, 13);
  decision = afs_db_column_text (stmt, 14);
  a->decision = g_strcmp0 (decision, "approved") == 0 ? AFS_APPROVAL_APPROVED
              : g_strcmp0 (decision, "rejected") == 0 ? AFS_APPROVAL_REJECTED
              : AFS_APPROVAL_PENDING;
  a->decided_by_name = afs_db_column_dup (stmt, 15);
  a->decided_at = sqlite3_column_int64 (stmt, 16);
  a->comment = afs_db_column_dup (stmt, 17);
  a->stale = sqlite3_column_int (stmt, 18) != 0;
}

/**
 * afs_store_list_pending_approvals:
 * @self: a store
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsApprovalData) (nullable)
 */
GPtrArray *
afs_store_list_pending_approvals (AfsStore  *self,
                                  GError   **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);

  return afs_row_read_list (self,
                            APPROVAL_SELECT
                            " WHERE p.decision = 'pending' AND p.deleted_at IS NULL AND p.stale = 0"
                            "   AND c.state = 'awaiting_approval' AND c.deleted_at IS NULL"
                            "   AND ?1 IS NULL"
                            " ORDER BY p.requested_at, p.id",
                            NULL, sizeof (AfsApprovalData), read_approval,
                            (GDestroyNotify) afs_approval_data_free,
                            _("reading the approval requests"), error);
}

/**
 * afs_store_list_case_approvals:
 * @self: a store
 * @case_id: the case
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsApprovalData) (nullable)
 */
GPtrArray *
afs_store_list_case_approvals (AfsStore    *self,
                               const char  *case_id,
                               GError     **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return afs_row_read_list (self,
                            APPROVAL_SELECT
                            " WHERE p.case_id = ?1 AND p.deleted_at IS NULL"
                            " ORDER BY p.requested_at, p.rowid",
                            case_id, sizeof (AfsApprovalData), read_approval,
                            (GDestroyNotify) afs_approval_data_free,
                            _("reading the approvals"), error);
}

static gboolean
request (AfsWrite    *w,
         const char  *case_id,
         const char  *note,
         GError     **error)
{
  g_autofree char *reasons = NULL;
  sqlite3_stmt *stmt;

  if (!afs_store_apply_action (w->store, case_id, AFS_ACTION_REQUEST_APPROVAL, note, error))
    return FALSE;

  stmt = afs_db_prepare (w->db,
                         "SELECT reasons FROM approvals WHERE case_id = ?1 AND decision = 'pending'"
                         "   AND stale = 0 AND deleted_at IS NULL ORDER BY requested_at DESC, rowid DESC"
                         " LIMIT 1",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, case_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    reasons = afs_db_column_dup (stmt, 0);
  afs_db_stmt_release (stmt);

  return afs_store_audit_add (w, case_id, "approval", "requested", NULL, reasons,
                              afs_store_empty_to_null (note), error);
}

/**
 * afs_store_request_approval:
 * @self: a store
 * @case_id: a triaged case that needs approval
 * @note: (nullable): the requester's words
 * @error: return location for an %AFS_ERROR
 *
 * Returns: %TRUE on success; nothing is written otherwise
 */
gboolean
afs_store_request_approval (AfsStore    *self,
                            const char  *case_id,
                            const char  *note,
                            GError     **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, request (&w, case_id, note, error), error);
}

static gboolean
decide (AfsWrite    *w,
        const char  *case_id,
        gboolean     approve,
        const char  *comment,
        GError     **error)
{
  if (!afs_store_apply_action (w->store, case_id,
                               approve ? AFS_ACTION_APPROVE : AFS_ACTION_REJECT, comment, error))
    return FALSE;

  return afs_store_audit_add (w, case_id, "approval", "decision", "pending",
                              approve ? "approved" : "rejected",
                              afs_store_empty_to_null (comment), error);
}

/**
 * afs_store_decide_approval:
 * @self: a store
 * @case_id: a case awaiting approval
 * @approve: %TRUE to approve, %FALSE to reject
 * @comment: (nullable): the manager's comment (required to reject)
 * @error: return location for an %AFS_ERROR
 *
 * Returns: %TRUE on success; nothing is written otherwise
 */
gboolean
afs_store_decide_approval (AfsStore    *self,
                           const char  *case_id,
                           gboolean     approve,
                           const char  *comment,
                           GError     **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, decide (&w, case_id, approve, comment, error), error);
}

/* ---- Quality escalations ------------------------------------------------------------ */

static void
case_data_free (gpointer data)
{
  afs_case_data_clear (data);
  g_free (data);
}

/**
 * afs_store_list_quality_escalations:
 * @self: a store
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsCaseData) (nullable)
 */
GPtrArray *
afs_store_list_quality_escalations (AfsStore  *self,
                                    GError   **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  AfsApprovalPolicy policy;
  sqlite3_stmt *stmt;
  AfsDb *db;
  int rc;

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);

  afs_store_get_approval_policy (self, &policy);
  rows = g_ptr_array_new_with_free_func (case_data_free);

  db = afs_store_lock_reader (self);
  stmt = afs_db_prepare (db,
                         AFS_CASE_SELECT
                         " WHERE c.quality_loss > ?1 AND c.quality_loss > 0 AND c.deleted_at IS NULL"
                         " ORDER BY c.quality_loss DESC, c.reported_at DESC",
                         error);
  if (stmt == NULL)
    {
      afs_store_unlock_reader (self, db);
      return NULL;
    }
  sqlite3_bind_double (stmt, 1, policy.quality_loss_threshold);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AfsCaseData *data = g_new0 (AfsCaseData, 1);

      afs_store_read_case_row (stmt, data);
      g_ptr_array_add (rows, data);
    }
  if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, _("reading the quality accidents"), error);
  afs_db_stmt_release (stmt);
  afs_store_unlock_reader (self, db);

  return rc == SQLITE_DONE ? g_steal_pointer (&rows) : NULL;
}
