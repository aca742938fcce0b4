/* afs-store-cases.c: cases and everything that moves them along: intake,
 * edits, workflow actions, assignments, the service report, follow-ups,
 * and their audit trail.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-case-number.h"
#include "afs-error.h"
#include "afs-search-index.h"
#include "afs-store-rows.h"
#include "afs-store-visit-impl.h"
#include "afs-uuid.h"
#include "afs-warranty.h"

/* A time "in the future" within this margin is a clock a little ahead,
 * not a mistake. */
#define FUTURE_TOLERANCE_S (5 * 60)

static void
set_case_not_found (GError     **error,
                    const char  *id)
{
  g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
               _("The case “%s” does not exist (it may have been deleted). Reload the list."),
               id != NULL ? id : "");
}

static void
set_case_read_only (GError       **error,
                    AfsCaseState   state)
{
  g_set_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
               _("A case that is %s cannot be changed. Reopen it first."),
               afs_case_state_get_label (state));
}

/* ---- Reading cases ------------------------------------------------------------ */

/**
 * afs_store_read_case_row:
 * @stmt: a statement that selects %AFS_CASE_SELECT, on a row
 * @out: (out caller-allocates): filled
 *
 * Reads one row of %AFS_CASE_SELECT.
 */
void
afs_store_read_case_row (sqlite3_stmt *stmt,
                         AfsCaseData  *out)
{
  memset (out, 0, sizeof *out);

  out->local_id = sqlite3_column_int64 (stmt, 0);
  out->id = afs_db_column_dup (stmt, 1);
  out->number = afs_db_column_dup (stmt, 2);
  afs_case_state_from_string (afs_db_column_text (stmt, 3), &out->state);
  afs_channel_from_string (afs_db_column_text (stmt, 4), &out->channel);
  afs_category_from_string (afs_db_column_text (stmt, 5), &out->category);
  out->severity = sqlite3_column_int (stmt, 6);
  afs_scope_from_string (afs_db_column_text (stmt, 7), &out->scope);
  out->scope_reason = afs_db_column_dup (stmt, 8);
  afs_warranty_status_from_string (afs_db_column_text (stmt, 9), &out->warranty);
  afs_cause_from_string (afs_db_column_text (stmt, 10), &out->cause);
  out->responsible = afs_db_column_dup (stmt, 11);
  out->responsible_staff_id = afs_db_column_dup (stmt, 12);
  out->third_party_claim = afs_db_column_dup (stmt, 13);
  out->description = afs_db_column_dup (stmt, 14);
  out->contact_name = afs_db_column_dup (stmt, 15);
  out->contact_phone = afs_db_column_dup (stmt, 16);
  out->reported_at = sqlite3_column_int64 (stmt, 17);
  out->respond_due = sqlite3_column_int64 (stmt, 18);
  out->arrive_due = sqlite3_column_int64 (stmt, 19);
  out->resolve_due = sqlite3_column_int64 (stmt, 20);
  out->responded_at = sqlite3_column_int64 (stmt, 21);
  out->arrived_at = sqlite3_column_int64 (stmt, 22);
  out->resolved_at = sqlite3_column_int64 (stmt, 23);
  out->closed_at = sqlite3_column_int64 (stmt, 24);
  out->estimated_cost = sqlite3_column_double (stmt, 25);
  out->compensation = sqlite3_column_double (stmt, 26);
  out->customer_id = afs_db_column_dup (stmt, 27);
  out->customer_name = afs_db_column_dup (stmt, 28);
  afs_region_class_from_string (afs_db_column_text (stmt, 29), &out->region);
  afs_customer_tier_from_string (afs_db_column_text (stmt, 30), &out->tier);
  out->equipment_id = afs_db_column_dup (stmt, 31);
  out->equipment_model = afs_db_column_dup (stmt, 32);
  out->serial = afs_db_column_dup (stmt, 33);
  out->lead_technician_id = afs_db_column_dup (stmt, 34);
  out->lead_technician = afs_db_column_dup (stmt, 35);
  out->created_at = sqlite3_column_int64 (stmt, 36);
  out->updated_at = sqlite3_column_int64 (stmt, 37);
  out->version = sqlite3_column_int64 (stmt, 38);
  out->quality_loss = sqlite3_column_double (stmt, 39);
  out->remote_resolution = afs_db_column_dup (stmt, 40);
  out->next_due = sqlite3_column_int64 (stmt, 41);
  out->customer_city = afs_db_column_dup (stmt, 42);
  out->approval_pending = sqlite3_column_int (stmt, 43) != 0;
  out->approval_granted = sqlite3_column_int (stmt, 44) != 0;
}

static void
read_case_row (sqlite3_stmt *stmt,
               gpointer      out)
{
  afs_store_read_case_row (stmt, out);
}

/**
 * afs_store_get_case:
 * @self: a store
 * @id: the case's id (UUID)
 * @out: (out caller-allocates): filled on success; clear with afs_case_data_clear()
 * @error: return location for an %AFS_ERROR (%AFS_ERROR_NOT_FOUND)
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_get_case (AfsStore     *self,
                    const char   *id,
                    AfsCaseData  *out,
                    GError      **error)
{
  gboolean found;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (!afs_row_read_one (self, AFS_CASE_SELECT " WHERE c.id = ?1 AND c.deleted_at IS NULL",
                         id, read_case_row, out, _("reading the case"), &found, error))
    return FALSE;

  if (!found)
    set_case_not_found (error, id);

  return found;
}

/* ---- Facts -------------------------------------------------------------------- */

/* The parts of a case row the actions change, read with the facts. */
typedef struct {
  gint64  local_id;
  gint64  version;
  gint64  reported_at;
  gint64  respond_due, responded_at;
  gint64  arrive_due, arrived_at;
  gint64  resolve_due, resolved_at;
  gint64  closed_at;
  gint64  next_due;
  char   *scope_reason;
} CaseRow;

static void
case_row_clear (CaseRow *row)
{
  g_clear_pointer (&row->scope_reason, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CaseRow, case_row_clear)

/* The facts of afs-workflow.h in one statement: approval = the latest
 * decision that still covers the plan (not stale); report = the case's
 * current (highest version) report; follow-ups = those recorded since the
 * case was last resolved, so a reopened case is called back again. */
#define FACTS_SQL \
  "SELECT c.state, c.category, c.severity, c.scope, c.scope_reason, c.warranty, c.cause," \
  "       c.estimated_cost, c.compensation, c.quality_loss, c.remote_resolution," \
  "       c.responsible_staff_id," \
  "       EXISTS (SELECT 1 FROM approvals p WHERE p.case_id = c.id AND p.decision = 'approved'" \
  "                  AND p.stale = 0 AND p.deleted_at IS NULL)," \
  "       EXISTS (SELECT 1 FROM approvals p WHERE p.case_id = c.id AND p.decision = 'pending'" \
  "                  AND p.stale = 0 AND p.deleted_at IS NULL)," \
  "       (SELECT count(*) FROM assignments a WHERE a.case_id = c.id" \
  "          AND a.unassigned_at IS NULL AND a.deleted_at IS NULL)," \
  "       EXISTS (SELECT 1 FROM assignments a WHERE a.case_id = c.id AND a.lead = 1" \
  "                  AND a.unassigned_at IS NULL AND a.deleted_at IS NULL)," \
  "       (SELECT r.signed_at IS NOT NULL FROM reports r WHERE r.case_id = c.id" \
  "          AND r.deleted_at IS NULL ORDER BY r.report_version DESC LIMIT 1)," \
  "       (SELECT r.accepted FROM reports r WHERE r.case_id = c.id" \
  "          AND r.deleted_at IS NULL ORDER BY r.report_version DESC LIMIT 1)," \
  "       (SELECT count(*) FROM follow_ups f WHERE f.case_id = c.id AND f.deleted_at IS NULL" \
  "          AND f.created_at >= coalesce (c.resolved_at, 0))," \
  "       EXISTS (SELECT 1 FROM assignments a WHERE a.case_id = c.id AND a.staff_id = ?2" \
  "                  AND a.unassigned_at IS NULL AND a.deleted_at IS NULL)," \
  "       c.local_id, c.version, c.reported_at, c.respond_due, c.responded_at," \
  "       c.arrive_due, c.arrived_at, c.resolve_due, c.resolved_at, c.closed_at, c.next_due" \
  "  FROM cases c WHERE c.id = ?1 AND c.deleted_at IS NULL"

static gboolean
load_facts (AfsDb         *db,
            const char    *case_id,
            const char    *actor_id,
            AfsCaseFacts  *facts,
            CaseRow       *row,
            GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (facts, 0, sizeof *facts);
  memset (row, 0, sizeof *row);

  stmt = afs_db_prepare (db, FACTS_SQL, error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, case_id);
  afs_db_bind_text (stmt, 2, actor_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_case_not_found (error, case_id);
      else
        afs_db_set_error (db, rc, _("reading the case"), error);
      afs_db_stmt_release (stmt);
      return FALSE;
    }

  afs_case_state_from_string (afs_db_column_text (stmt, 0), &facts->state);
  afs_category_from_string (afs_db_column_text (stmt, 1), &facts->category);
  facts->severity = sqlite3_column_int (stmt, 2);
  afs_scope_from_string (afs_db_column_text (stmt, 3), &facts->scope);
  facts->has_scope_reason = !afs_store_text_is_blank (afs_db_column_text (stmt, 4));
  afs_warranty_status_from_string (afs_db_column_text (stmt, 5), &facts->warranty);
  afs_cause_from_string (afs_db_column_text (stmt, 6), &facts->cause);
  facts->estimated_cost = sqlite3_column_double (stmt, 7);
  facts->compensation = sqlite3_column_double (stmt, 8);
  facts->quality_loss = sqlite3_column_double (stmt, 9);
  facts->has_remote_resolution = !afs_store_text_is_blank (afs_db_column_text (stmt, 10));
  facts->has_responsible_staff = sqlite3_column_type (stmt, 11) != SQLITE_NULL;
  facts->approval_granted = sqlite3_column_int (stmt, 12) != 0;
  facts->approval_pending = sqlite3_column_int (stmt, 13) != 0;
  facts->n_assignments = (guint) sqlite3_column_int64 (stmt, 14);
  facts->has_lead = sqlite3_column_int (stmt, 15) != 0;
  facts->report_signed = sqlite3_column_int (stmt, 16) != 0;
  facts->report_accepted = sqlite3_column_int (stmt, 17) != 0;
  facts->n_follow_ups = (guint) sqlite3_column_int64 (stmt, 18);
  facts->actor_is_assigned = sqlite3_column_int (stmt, 19) != 0;
  facts->has_reason = FALSE;

  row->scope_reason = afs_db_column_dup (stmt, 4);
  row->local_id = sqlite3_column_int64 (stmt, 20);
  row->version = sqlite3_column_int64 (stmt, 21);
  row->reported_at = sqlite3_column_int64 (stmt, 22);
  row->respond_due = sqlite3_column_int64 (stmt, 23);
  row->responded_at = sqlite3_column_int64 (stmt, 24);
  row->arrive_due = sqlite3_column_int64 (stmt, 25);
  row->arrived_at = sqlite3_column_int64 (stmt, 26);
  row->resolve_due = sqlite3_column_int64 (stmt, 27);
  row->resolved_at = sqlite3_column_int64 (stmt, 28);
  row->closed_at = sqlite3_column_int64 (stmt, 29);
  row->next_due = sqlite3_column_int64 (stmt, 30);

  afs_db_stmt_release (stmt);
  return TRUE;
}

/**
 * afs_store_get_case_facts:
 * @self: a store
 * @id: the case's id
 * @out: (out caller-allocates): the facts, as the current actor sees them
 * @error: return location for an %AFS_ERROR
 *
 * Gathers what afs_workflow_check() needs, so the UI can enable an action
 * and say why it is off with exactly the rules the store applies.
 * @out->has_reason is %FALSE: the UI knows whether a reason was typed.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_get_case_facts (AfsStore      *self,
                          const char    *id,
                          AfsCaseFacts  *out,
                          GError       **error)
{
  g_autofree char *actor_id = NULL;
  CaseRow row;
  AfsDb *db;
  gboolean ok;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  g_mutex_lock (&self->props_lock);
  actor_id = g_strdup (self->actor_id);
  g_mutex_unlock (&self->props_lock);

  db = afs_store_lock_reader (self);
  ok = load_facts (db, id, actor_id, out, &row, error);
  afs_store_unlock_reader (self, db);
  case_row_clear (&row);

  return ok;
}

/* ---- Intake ------------------------------------------------------------------- */

static gboolean
create_case (AfsWrite            *w,
             const AfsCaseInput  *input,
             char               **out_id,
             GError             **error)
{
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *equipment_customer = NULL;
  g_autofree char *equipment_purchase = NULL;
  g_autoptr(GDateTime) reported_utc = NULL;
  AfsRegionClass region = AFS_REGION_LOCAL;
  AfsDeadlines deadlines;
  sqlite3_stmt *stmt;
  gint64 reported_at;
  gint64 seq = 0;
  gint64 next_due;
  gint64 local_id;
  int rc;

  if ((guint) input->channel >= AFS_CHANNEL_N || (guint) input->category >= AFS_CATEGORY_N)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The intake channel or the category is not one AfterSales knows. Choose one from the list."));
      return FALSE;
    }

  if (!afs_store_check_utf8 (input->description, _("description"), error) ||
      !afs_store_check_utf8 (input->contact_name, _("contact name"), error) ||
      !afs_store_check_utf8 (input->contact_phone, _("contact phone"), error))
    return FALSE;

  if (afs_store_text_is_blank (input->description))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A case needs a description of the problem. Write what the customer reported."));
      return FALSE;
    }

  if (input->customer_id == NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A case needs a customer. Choose the customer, or add a new one first."));
      return FALSE;
    }

  stmt = afs_db_prepare (w->db, "SELECT region FROM customers WHERE id = ?1 AND deleted_at IS NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, input->customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    afs_region_class_from_string (afs_db_column_text (stmt, 0), &region);
  else if (rc != SQLITE_DONE)
    afs_db_set_error (w->db, rc, _("reading the customer"), error);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                     _("The customer of the case (“%s”) does not exist. Choose an existing "
                       "customer, or add it first."),
                     input->customer_id);
      return FALSE;
    }

  if (input->equipment_id != NULL)
    {
      stmt = afs_db_prepare (w->db,
                             "SELECT customer_id, purchase_date FROM equipment"
                             " WHERE id = ?1 AND deleted_at IS NULL",
                             error);
      if (stmt == NULL)
        return FALSE;
      afs_db_bind_text (stmt, 1, input->equipment_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          equipment_customer = afs_db_column_dup (stmt, 0);
          equipment_purchase = afs_db_column_dup (stmt, 1);
        }
      else if (rc != SQLITE_DONE)
        afs_db_set_error (w->db, rc, _("reading the equipment"), error);
      afs_db_stmt_release (stmt);
      if (rc != SQLITE_ROW)
        {
          if (rc == SQLITE_DONE)
            g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                         _("The equipment of the case (“%s”) does not exist. Choose the "
                           "customer's equipment, or add it first."),
                         input->equipment_id);
          return FALSE;
        }
      if (g_strcmp0 (equipment_customer, input->customer_id) != 0)
        {
          g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                       _("The equipment “%s” belongs to another customer. Choose equipment of "
                         "this customer."),
                       input->equipment_id);
          return FALSE;
        }
    }

  reported_at = input->reported_at != 0 ? input->reported_at : w->now;
  if (reported_at > w->now + FUTURE_TOLERANCE_S)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The time the case was reported is in the future. Check the date and "
                             "time, and this computer's clock."));
      return FALSE;
    }
  reported_utc = g_date_time_new_from_unix_utc (reported_at);
  if (reported_at < 0 || reported_utc == NULL || g_date_time_get_year (reported_utc) < 1000)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The time the case was reported is not a valid date. Check the date and time."));
      return FALSE;
    }

  /* Office desk: equipment bought after the day the case was reported
   * means one of the dates is wrong (afs-warranty.h). The installation
   * date is not compared: a case may ask for the installation itself, and
   * the date was checked when the equipment was recorded. */
  {
    AfsEquipmentData equipment_dates = { 0, };
    GDate today, intake_day;

    equipment_dates.purchase_date = equipment_purchase;
    afs_date_from_unix (w->now, NULL, &today);
    afs_date_from_unix (reported_at, NULL, &intake_day);
    if (g_date_compare (&intake_day, &today) > 0)
      today = intake_day;
    if (!afs_equipment_check_dates (&equipment_dates, &today, &intake_day, error))
      return FALSE;
  }

  /* The number is given in the same transaction as the case: a failed
   * intake consumes no number, and two intakes never get the same one
   * (from the block the office leased to this device when there is one:
   * afs-store-sync.c). */
  if (!afs_store_take_case_number (w, g_date_time_get_year (reported_utc), &seq, error))
    return FALSE;

  number = afs_case_number_format (g_date_time_get_year (reported_utc), seq);

  /* DOMAIN.md 5: the deadlines run from intake. Not graded yet: the
   * deadline module treats that as level 3 until triage. */
  afs_deadline_compute (&w->deadline_policy, reported_at, region, AFS_SEVERITY_NONE,
                        input->category, &deadlines);
  next_due = afs_deadline_next_due (AFS_CASE_STATE_NEW,
                                    deadlines.respond_due, 0,
                                    deadlines.arrive_due, 0,
                                    deadlines.resolve_due, 0);

  id = afs_uuid7_new ();

  {
    /* Every column, the defaults too: the outbox row lists them all. */
    const AfsColumn cols[] = {
      { "number", afs_value_text (number) },
      { "customer_id", afs_value_text (input->customer_id) },
      { "equipment_id", afs_value_text (input->equipment_id) },
      { "channel", afs_value_text (afs_channel_to_string (input->channel)) },
      { "category", afs_value_text (afs_category_to_string (input->category)) },
      { "severity", afs_value_int (0) },
      { "scope", afs_value_text ("undecided") },
      { "warranty", afs_value_text ("unknown") },
      { "cause", afs_value_text ("unknown") },
      { "description", afs_value_text (input->description) },
      { "contact_name", afs_value_text (afs_store_empty_to_null (input->contact_name)) },
      { "contact_phone", afs_value_text (afs_store_empty_to_null (input->contact_phone)) },
      { "reported_at", afs_value_int (reported_at) },
      { "respond_due", afs_value_time (deadlines.respond_due) },
      { "arrive_due", afs_value_time (deadlines.arrive_due) },
      { "resolve_due", afs_value_time (deadlines.resolve_due) },
      { "next_due", afs_value_int (next_due) },
      { "estimated_cost", afs_value_real (0) },
      { "compensation", afs_value_real (0) },
      { "quality_loss", afs_value_real (0) },
      { "state", afs_value_text ("new") },
    };

    /* The outbox row after the audit event, as sync has always read it. */
    if (!afs_row_insert_full (w, "cases", id, cols, G_N_ELEMENTS (cols), AFS_ROW_NO_JOURNAL,
                              _("saving the case"), error))
      return FALSE;
    local_id = sqlite3_last_insert_rowid (afs_db_get_handle (w->db));

    afs_store_queue_reindex (w, local_id);

    if (!afs_store_audit_add (w, id, "created", NULL, NULL, number, NULL, error) ||
        !afs_row_journal_insert (w, "cases", id, cols, G_N_ELEMENTS (cols), AFS_ROW_DEFAULT, error))
      return FALSE;
  }

  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);

  return TRUE;
}

/**
 * afs_store_create_case:
 * @self: a store
 * @input: the intake record
 * @out_id: (out) (optional) (transfer full): the new case's id
 * @error: return location for an %AFS_ERROR
 *
 * Registers a case (DOMAIN.md 1): gives it the next number of the year of
 * @input->reported_at (UTC) at once, computes its deadlines from the
 * customer's region (DOMAIN.md 5), and writes the audit "created" event
 * and the outbox row, all in one transaction. Refused with
 * %AFS_ERROR_INVALID when the customer (or equipment of that customer)
 * does not exist, the description is empty, or the report time is more
 * than five minutes in the future.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_create_case (AfsStore            *self,
                       const AfsCaseInput  *input,
                       char               **out_id,
                       GError             **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, create_case (&w, input, out_id, error), error);
}

/* ---- Edits -------------------------------------------------------------------- */

typedef enum {
  FT_TEXT,
  FT_DESCRIPTION,   /* text that cannot be empty */
  FT_CHANNEL,
  FT_CATEGORY,
  FT_SEVERITY,
  FT_SCOPE,
  FT_WARRANTY,
  FT_CAUSE,
  FT_STAFF,
  FT_MONEY,
  FT_TIME,
} FieldType;

enum {
  F_CHANNEL, F_CATEGORY, F_SEVERITY, F_SCOPE, F_SCOPE_REASON, F_WARRANTY, F_CAUSE,
  F_RESPONSIBLE, F_RESPONSIBLE_STAFF_ID, F_THIRD_PARTY_CLAIM, F_DESCRIPTION,
  F_CONTACT_NAME, F_CONTACT_PHONE, F_ESTIMATED_COST, F_COMPENSATION, F_QUALITY_LOSS,
  F_REMOTE_RESOLUTION, F_RESPONDED_AT,
  F_N
};

static const struct {
  const char *name;
  FieldType   type;
  /* Part of the plan a manager approves: changing it after the approval
   * means the approval no longer covers the case. */
  gboolean    plan;
} case_fields[F_N] = {
  [F_CHANNEL]              = { "channel", FT_CHANNEL, FALSE },
  [F_CATEGORY]             = { "category", FT_CATEGORY, TRUE },
  [F_SEVERITY]             = { "severity", FT_SEVERITY, TRUE },
  [F_SCOPE]                = { "scope", FT_SCOPE, FALSE },
  [F_SCOPE_REASON]         = { "scope_reason", FT_TEXT, FALSE },
  [F_WARRANTY]             = { "warranty", FT_WARRANTY, FALSE },
  [F_CAUSE]                = { "cause", FT_CAUSE, FALSE },
  [F_RESPONSIBLE]          = { "responsible", FT_TEXT, FALSE },
  [F_RESPONSIBLE_STAFF_ID] = { "responsible_staff_id", FT_STAFF, FALSE },
  [F_THIRD_PARTY_CLAIM]    = { "third_party_claim", FT_TEXT, FALSE },
  [F_DESCRIPTION]          = { "description", FT_DESCRIPTION, FALSE },
  [F_CONTACT_NAME]         = { "contact_name", FT_TEXT, FALSE },
  [F_CONTACT_PHONE]        = { "contact_phone", FT_TEXT, FALSE },
  [F_ESTIMATED_COST]       = { "estimated_cost", FT_MONEY, TRUE },
  [F_COMPENSATION]         = { "compensation", FT_MONEY, TRUE },
  [F_QUALITY_LOSS]         = { "quality_loss", FT_MONEY, FALSE },
  [F_REMOTE_RESOLUTION]    = { "remote_resolution", FT_TEXT, FALSE },
  [F_RESPONDED_AT]         = { "responded_at", FT_TIME, FALSE },
};

static int
find_case_field (const char *name)
{
  if (name == NULL)
    return -1;

  for (int i = 0; i < F_N; i++)
    if (g_str_equal (case_fields[i].name, name))
      return i;

  return -1;
}

static const char *
field_label (int f)
{
  const char *label = afs_case_field_get_label (case_fields[f].name);

  return label != NULL ? label : case_fields[f].name;
}

/* The keys a person may type for an enum field, for the message. */
static char *
enum_keys (FieldType type)
{
  g_autoptr(GString) keys = g_string_new (NULL);
  guint n = 0;

  switch (type)
    {
    case FT_CHANNEL: n = AFS_CHANNEL_N; break;
    case FT_CATEGORY: n = AFS_CATEGORY_N; break;
    case FT_SCOPE: n = AFS_SCOPE_N; break;
    case FT_WARRANTY: n = AFS_WARRANTY_N; break;
    case FT_CAUSE: n = AFS_CAUSE_N; break;
    default: g_assert_not_reached ();
    }

  for (guint i = 0; i < n; i++)
    {
      const char *key = NULL;

      switch (type)
        {
        case FT_CHANNEL: key = afs_channel_to_string (i); break;
        case FT_CATEGORY: key = afs_category_to_string (i); break;
        case FT_SCOPE: key = afs_scope_to_string (i); break;
        case FT_WARRANTY: key = afs_warranty_status_to_string (i); break;
        case FT_CAUSE: key = afs_cause_to_string (i); break;
        default: g_assert_not_reached ();
        }
      if (keys->len > 0)
        g_string_append (keys, ", ");
      g_string_append (keys, key);
    }

  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static gboolean
parse_enum (FieldType     type,
            const char   *value,
            const char  **out_key)
{
  switch (type)
    {
    case FT_CHANNEL:
      {
        AfsChannel v;
        if (!afs_channel_from_string (value, &v))
          return FALSE;
        *out_key = afs_channel_to_string (v);
        return TRUE;
      }
    case FT_CATEGORY:
      {
        AfsCategory v;
        if (!afs_category_from_string (value, &v))
          return FALSE;
        *out_key = afs_category_to_string (v);
        return TRUE;
      }
    case FT_SCOPE:
      {
        AfsScope v = AFS_SCOPE_UNDECIDED;
        if (value != NULL && !afs_scope_from_string (value, &v))
          return FALSE;
        *out_key = afs_scope_to_string (v);
        return TRUE;
      }
    case FT_WARRANTY:
      {
        AfsWarrantyStatus v = AFS_WARRANTY_UNKNOWN;
        if (value != NULL && !afs_warranty_status_from_string (value, &v))
          return FALSE;
        *out_key = afs_warranty_status_to_string (v);
        return TRUE;
      }
    case FT_CAUSE:
      {
        AfsCause v = AFS_CAUSE_UNKNOWN;
        if (value != NULL && !afs_cause_from_string (value, &v))
          return FALSE;
        *out_key = afs_cause_to_string (v);
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

/* Parses a whole string as an integer: "12abc", "" and " 1" are not. */
static gboolean
parse_int64 (const char *text,
             gint64     *out)
{
  char *end = NULL;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;

  errno = 0;
  *out = g_ascii_strtoll (text, &end, 10);
  return errno == 0 && end != NULL && *end == '\0';
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;

  errno = 0;
  *out = g_ascii_strtod (text, &end);
  return errno == 0 && end != NULL && *end == '\0' && isfinite (*out);
}

static gboolean
staff_exists (AfsDb       *db,
              const char  *staff_id,
              GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean exists;

  stmt = afs_db_prepare (db, "SELECT 1 FROM staff WHERE id = ?1 AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, staff_id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  afs_db_stmt_release (stmt);

  return exists;
}

/* Validates @value for field @f and turns it into the stored value. Text
 * values point into @value or static strings. */
static gboolean
parse_field_value (AfsWrite       *w,
                   int             f,
                   const char     *value,
                   gint64          reported_at,
                   AfsValue       *out,
                   GError        **error)
{
  const char *label = field_label (f);
  FieldType type = case_fields[f].type;

  if (!afs_store_check_utf8 (value, label, error))
    return FALSE;

  switch (type)
    {
    case FT_TEXT:
      *out = afs_value_text (afs_store_empty_to_null (value));
      return TRUE;

    case FT_DESCRIPTION:
      if (afs_store_text_is_blank (value))
        {
          g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                               _("The description cannot be empty. Write what the customer reported."));
          return FALSE;
        }
      *out = afs_value_text (value);
      return TRUE;

    case FT_CHANNEL:
    case FT_CATEGORY:
    case FT_SCOPE:
    case FT_WARRANTY:
    case FT_CAUSE:
      {
        const char *key = NULL;

        if (!parse_enum (type, value, &key))
          {
            g_autofree char *keys = enum_keys (type);

            if (value == NULL)
              g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                           /* Translators: the first %s is a field, the second a list of values */
                           _("The %s cannot be empty. Use one of: %s."), label, keys);
            else
              g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                           /* Translators: the first %s is a value, the second a field, the third a list of values */
                           _("“%s” is not a valid %s. Use one of: %s."), value, label, keys);
            return FALSE;
          }
        *out = afs_value_text (key);
        return TRUE;
      }

    case FT_SEVERITY:
      {
        gint64 severity = AFS_SEVERITY_NONE;

        if (value != NULL && (!parse_int64 (value, &severity) ||
                              severity < AFS_SEVERITY_NONE || severity > AFS_SEVERITY_MAX))
          {
            g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                         _("“%s” is not a severity. Use a level from 1 to 4, or 0 for not graded."),
                         value);
            return FALSE;
          }
        *out = afs_value_int (severity);
        return TRUE;
      }

    case FT_STAFF:
      if (value == NULL || *value == '\0')
        {
          *out = afs_value_null ();
          return TRUE;
        }
      if (!staff_exists (w->db, value, error))
        {
          if (error == NULL || *error == NULL)
            g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                         /* Translators: the first %s is a field, the second an id */
                         _("The %s “%s” is not a staff member. Choose someone from the staff list."),
                         label, value);
          return FALSE;
        }
      *out = afs_value_text (value);
      return TRUE;

    case FT_MONEY:
      {
        double amount = 0;

        if (value != NULL && *value != '\0' && (!parse_double (value, &amount) || amount < 0))
          {
            g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                         /* Translators: the first %s is a field, the second the value typed */
                         _("The %s must be an amount of 0 or more, like 1250.50, not “%s”."),
                         label, value);
            return FALSE;
          }
        *out = afs_value_real (amount);
        return TRUE;
      }

    case FT_TIME:
      {
        gint64 t = 0;

        if (value == NULL || *value == '\0')
          {
            *out = afs_value_null ();
            return TRUE;
          }
        if (!parse_int64 (value, &t) || t <= 0)
          {
            g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                         _("The %s must be a time (unix seconds), not “%s”."), label, value);
            return FALSE;
          }
        if (t > w->now + FUTURE_TOLERANCE_S)
          {
            g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                         _("The %s is in the future. Check the date and time."), label);
            return FALSE;
          }
        if (t < reported_at)
          {
            g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                         _("The %s is before the case was reported. Check the date and time."), label);
            return FALSE;
          }
        *out = afs_value_int (t);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* Marks the approvals that cover the old plan as stale. Returns how many. */
static gboolean
make_approvals_stale (AfsWrite    *w,
                      const char  *case_id,
                      guint       *n_stale,
                      GError     **error)
{
  const AfsColumnChange set[] = {
    { "stale", afs_value_int (0), afs_value_int (1) },
  };
  const AfsValue params[] = { afs_value_text (case_id) };

  return afs_row_update_where (w, "approvals", set, G_N_ELEMENTS (set),
                               "case_id = ?1 AND decision = 'approved' AND stale = 0"
                               " AND deleted_at IS NULL",
                               params, G_N_ELEMENTS (params), AFS_ROW_DEFAULT,
                               _("updating the approval"), n_stale, error);
}

#define UPDATE_CASE_COLUMNS_SELECT \
  "SELECT c.local_id, c.state, c.version, c.reported_at, cu.region," \
  "       c.respond_due, c.arrive_due, c.resolve_due, c.arrived_at, c.resolved_at, c.next_due," \
  "       c.channel, c.category, c.severity, c.scope, c.scope_reason, c.warranty, c.cause," \
  "       c.responsible, c.responsible_staff_id, c.third_party_claim, c.description," \
  "       c.contact_name, c.contact_phone, c.estimated_cost, c.compensation, c.quality_loss," \
  "       c.remote_resolution, c.responded_at" \
  "  FROM cases c JOIN customers cu ON cu.id = c.customer_id" \
  " WHERE c.id = ?1 AND c.deleted_at IS NULL"
#define FIRST_FIELD_COLUMN 11

static gboolean
update_case (AfsWrite           *w,
             const char         *id,
             gint64              expected_version,
             const char *const  *fields,
             const char *const  *values,
             GError            **error)
{
  g_autoptr(GPtrArray) old_texts = g_ptr_array_new_with_free_func (g_free);
  AfsValue old_values[F_N], new_values[F_N];
  gboolean given[F_N] = { FALSE, };
  gboolean changed[F_N] = { FALSE, };
  gboolean any_changed = FALSE, plan_changed = FALSE;
  AfsCaseState state, new_state;
  AfsRegionClass region = AFS_REGION_LOCAL;
  AfsDeadlines old_dl, new_dl;
  gint64 local_id, version, reported_at, arrived_at, resolved_at, next_due, new_next_due;
  guint n_stale = 0;
  /* What the row gets: the fields, then what the store derives from them. */
  enum { C_RESPOND_DUE = F_N, C_ARRIVE_DUE, C_RESOLVE_DUE, C_NEXT_DUE, C_STATE, C_N };
  AfsColumnChange set[C_N];
  sqlite3_stmt *stmt;
  int rc;

  stmt = afs_db_prepare (w->db, UPDATE_CASE_COLUMNS_SELECT, error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        set_case_not_found (error, id);
      else
        afs_db_set_error (w->db, rc, _("reading the case"), error);
      afs_db_stmt_release (stmt);
      return FALSE;
    }

  local_id = sqlite3_column_int64 (stmt, 0);
  afs_case_state_from_string (afs_db_column_text (stmt, 1), &state);
  version = sqlite3_column_int64 (stmt, 2);
  reported_at = sqlite3_column_int64 (stmt, 3);
  afs_region_class_from_string (afs_db_column_text (stmt, 4), &region);
  old_dl.respond_due = sqlite3_column_int64 (stmt, 5);
  old_dl.arrive_due = sqlite3_column_int64 (stmt, 6);
  old_dl.resolve_due = sqlite3_column_int64 (stmt, 7);
  arrived_at = sqlite3_column_int64 (stmt, 8);
  resolved_at = sqlite3_column_int64 (stmt, 9);
  next_due = sqlite3_column_int64 (stmt, 10);
  for (int f = 0; f < F_N; f++)
    old_values[f] = new_values[f] = afs_value_column_copy (stmt, FIRST_FIELD_COLUMN + f, old_texts);
  afs_db_stmt_release (stmt);

  /* What is wrong with the request, before whether it may be done. */
  for (guint k = 0; fields[k] != NULL; k++)
    {
      int f = find_case_field (fields[k]);

      if (!afs_row_check_edit_field (fields[k], f, given,
                                     _("“%s” is not a field of a case that can be edited. "
                                       "Check the field name."),
                                     error))
        return FALSE;
      if (!parse_field_value (w, f, values[k], reported_at, &new_values[f], error))
        return FALSE;
    }

  if (!afs_row_check_version (version, expected_version,
                              /* Translators: the two numbers are revision counters of the record. */
                              _("This case was changed by someone else meanwhile (version %lld, "
                                "you edited version %lld). Reload it and make your change again."),
                              error))
    return FALSE;

  for (int f = 0; f < F_N; f++)
    {
      if (!given[f] || afs_value_equal (&old_values[f], &new_values[f]))
        continue;

      /* Only what changes is checked: a form may send back fields the
       * person was shown but may not edit. */
      if (!afs_workflow_can_edit_field (state, w->role, case_fields[f].name, error))
        return FALSE;

      changed[f] = TRUE;
      any_changed = TRUE;
      plan_changed |= case_fields[f].plan;
    }

  if (!any_changed)
    return TRUE;

  new_dl = old_dl;
  if (changed[F_SEVERITY] || changed[F_CATEGORY])
    {
      AfsCategory category = AFS_CATEGORY_REPAIR;

      afs_category_from_string (new_values[F_CATEGORY].text, &category);
      afs_deadline_compute (&w->deadline_policy, reported_at, region,
                            (int) new_values[F_SEVERITY].i, category, &new_dl);
    }

  /* DOMAIN.md 6: the manager approved a plan; a different plan is not
   * approved. A case waiting in "approved" goes back to triage so the
   * office can ask again (requesting approval starts from triage). */
  new_state = state;
  if (plan_changed)
    {
      if (!make_approvals_stale (w, id, &n_stale, error))
        return FALSE;
      if (n_stale > 0 && state == AFS_CASE_STATE_APPROVED)
        new_state = AFS_CASE_STATE_TRIAGED;
    }

  new_next_due = afs_deadline_next_due (new_state,
                                        new_dl.respond_due,
                                        new_values[F_RESPONDED_AT].kind == AFS_VALUE_INT ? new_values[F_RESPONDED_AT].i : 0,
                                        new_dl.arrive_due, arrived_at,
                                        new_dl.resolve_due, resolved_at);

  for (int f = 0; f < F_N; f++)
    set[f] = (AfsColumnChange) { case_fields[f].name, old_values[f], new_values[f] };
  set[C_RESPOND_DUE] = (AfsColumnChange) { "respond_due", afs_value_time (old_dl.respond_due),
                                           afs_value_time (new_dl.respond_due) };
  set[C_ARRIVE_DUE] = (AfsColumnChange) { "arrive_due", afs_value_time (old_dl.arrive_due),
                                          afs_value_time (new_dl.arrive_due) };
  set[C_RESOLVE_DUE] = (AfsColumnChange) { "resolve_due", afs_value_time (old_dl.resolve_due),
                                           afs_value_time (new_dl.resolve_due) };
  set[C_NEXT_DUE] = (AfsColumnChange) { "next_due", afs_value_int (next_due),
                                        afs_value_int (new_next_due) };
  set[C_STATE] = (AfsColumnChange) { "state", afs_value_text (afs_case_state_to_string (state)),
                                     afs_value_text (afs_case_state_to_string (new_state)) };

  {
    const AfsValue params[] = { afs_value_int (local_id) };

    /* The outbox row after the audit events, as sync has always read it. */
    if (!afs_row_update_where (w, "cases", set, C_N, "local_id = ?1", params, G_N_ELEMENTS (params),
                               AFS_ROW_CHANGED_ONLY | AFS_ROW_NO_JOURNAL, _("saving the case"),
                               NULL, error))
      return FALSE;
  }

  for (int f = 0; f < F_N; f++)
    {
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;

      if (!changed[f])
        continue;

      old_text = afs_value_to_string (&old_values[f]);
      new_text = afs_value_to_string (&new_values[f]);
      if (!afs_store_audit_add (w, id, "field", case_fields[f].name, old_text, new_text, NULL, error))
        return FALSE;
    }

  if (n_stale > 0 &&
      !afs_store_audit_add (w, id, "approval", "stale", "approved", "stale",
                            _("The plan changed after it was approved: it needs a new approval."),
                            error))
    return FALSE;
  if (new_state != state &&
      !afs_store_audit_add (w, id, "transition", "state",
                            afs_case_state_to_string (state),
                            afs_case_state_to_string (new_state),
                            _("The plan changed after it was approved: it needs a new approval."),
                            error))
    return FALSE;

  if (!afs_row_journal_update (w, "cases", id, set, C_N, version, AFS_ROW_CHANGED_ONLY, error))
    return FALSE;

  if (changed[F_DESCRIPTION])
    afs_store_queue_reindex (w, local_id);

  return TRUE;
}

/**
 * afs_store_update_case:
 * @self: a store
 * @id: the case's id
 * @expected_version: the version the edit was made on, or 0 not to check
 * @fields: (array zero-terminated=1): field names (see afs-store.h)
 * @values: (array zero-terminated=1) (nullable): new values, parallel to
 *   @fields; stored form, %NULL clears
 * @error: return location for an %AFS_ERROR
 *
 * Edits a case. Refused as a whole, with nothing written, on an unknown
 * or repeated field or a bad value (%AFS_ERROR_INVALID), a changed
 * version (%AFS_ERROR_CONFLICT) or a field the actor's role may not
 * change in the case's state (%AFS_ERROR_FORBIDDEN, only checked for the
 * fields that actually change). Fields whose value does not change are
 * not written; if none changes, nothing is (no version bump). Each
 * change is one audit event. Changing severity or category recomputes
 * the deadlines; changing the plan (severity, category, estimated cost,
 * compensation) makes an approval stale, and an approved case goes back
 * to triaged.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_update_case (AfsStore           *self,
                       const char         *id,
                       gint64              expected_version,
                       const char *const  *fields,
                       const char *const  *values,
                       GError            **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (fields != NULL && values != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, update_case (&w, id, expected_version, fields, values, error),
                              error);
}

/* ---- Workflow actions ------------------------------------------------------------ */

/* Machine keys of why approval is needed, for the approvals row when the
 * requester gave no reason of their own. */
static char *
approval_reason_keys (const AfsCaseFacts      *facts,
                      const AfsApprovalPolicy *policy)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  if (facts->severity == 1)
    g_string_append (keys, "level_1,");
  if (facts->category == AFS_CATEGORY_RETURN)
    g_string_append (keys, "return,");
  if (facts->category == AFS_CATEGORY_EXCHANGE)
    g_string_append (keys, "exchange,");
  if (facts->estimated_cost > policy->cost_approval_limit)
    g_string_append (keys, "over_budget,");
  if (facts->compensation > policy->compensation_approval_limit)
    g_string_append (keys, "compensation_over_limit,");
  if (keys->len > 0)
    g_string_truncate (keys, keys->len - 1);

  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static gboolean
request_approval (AfsWrite            *w,
                  const char          *case_id,
                  const AfsCaseFacts  *facts,
                  const char          *reason,
                  GError             **error)
{
  g_autofree char *approval_id = afs_uuid7_new ();
  g_autofree char *keys = approval_reason_keys (facts, &w->approval_policy);
  const char *reasons = !afs_store_text_is_blank (reason) ? reason : keys;
  const AfsColumn cols[] = {
    { "case_id", afs_value_text (case_id) },
    { "reasons", afs_value_text (reasons) },
    { "requested_by", afs_value_text (w->actor_id) },
    { "requested_at", afs_value_int (w->now) },
    { "decision", afs_value_text ("pending") },
    { "stale", afs_value_int (0) },
  };

  return afs_row_insert (w, "approvals", approval_id, cols, G_N_ELEMENTS (cols),
                         _("requesting approval"), error);
}

static gboolean
decide_approval (AfsWrite    *w,
                 const char  *case_id,
                 const char  *decision,
                 const char  *comment,
                 GError     **error)
{
  g_autofree char *approval_id = NULL;
  guint n_decided = 0;

  comment = !afs_store_text_is_blank (comment) ? comment : NULL;

  {
    const AfsColumnChange set[] = {
      { "decision", afs_value_text ("pending"), afs_value_text (decision) },
      { "decided_by", afs_value_null (), afs_value_text (w->actor_id) },
      { "decided_at", afs_value_null (), afs_value_int (w->now) },
      { "comment", afs_value_null (), afs_value_text (comment) },
    };
    const AfsValue params[] = { afs_value_text (case_id) };

    if (!afs_row_update_where (w, "approvals", set, G_N_ELEMENTS (set),
                               "rowid = (SELECT rowid FROM approvals WHERE case_id = ?1"
                               "           AND decision = 'pending' AND stale = 0"
                               "           AND deleted_at IS NULL"
                               "         ORDER BY requested_at DESC LIMIT 1)",
                               params, G_N_ELEMENTS (params), AFS_ROW_DEFAULT,
                               _("recording the decision"), &n_decided, error))
      return FALSE;
    if (n_decided > 0)
      return TRUE;
  }

  /* Awaiting approval without a request row (a file from before
   * approvals were recorded): record the decision as its own row, so the
   * facts see it. */
  approval_id = afs_uuid7_new ();
  {
    const AfsColumn cols[] = {
      { "case_id", afs_value_text (case_id) },
      { "requested_at", afs_value_int (w->now) },
      { "decided_by", afs_value_text (w->actor_id) },
      { "decision", afs_value_text (decision) },
      { "comment", afs_value_text (comment) },
      { "decided_at", afs_value_int (w->now) },
      { "stale", afs_value_int (0) },
    };

    return afs_row_insert (w, "approvals", approval_id, cols, G_N_ELEMENTS (cols),
                           _("recording the decision"), error);
  }
}

/* DOMAIN.md 8: "record arrival and departure times". The visit is the
 * acting technician's if assigned, else the lead's (the office recording
 * an arrival it was told about by phone). */
static gboolean
start_visit (AfsWrite            *w,
             const char          *case_id,
             const AfsCaseFacts  *facts,
             GError             **error)
{
  g_autofree char *staff_id = NULL;
  sqlite3_stmt *stmt;

  if (facts->actor_is_assigned)
    staff_id = g_strdup (w->actor_id);
  else
    {
      stmt = afs_db_prepare (w->db,
                             "SELECT staff_id FROM assignments WHERE case_id = ?1 AND lead = 1"
                             "   AND unassigned_at IS NULL AND deleted_at IS NULL"
                             " ORDER BY assigned_at DESC LIMIT 1",
                             error);
      if (stmt == NULL)
        return FALSE;
      afs_db_bind_text (stmt, 1, case_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        staff_id = afs_db_column_dup (stmt, 0);
      afs_db_stmt_release (stmt);
    }

  /* afs-store-visits.c: fills in the visit afs_store_start_travel() opened. */
  return afs_store_visit_record_arrival (w, case_id, staff_id, error);
}

static gboolean
end_visits (AfsWrite    *w,
            const char  *case_id,
            GError     **error)
{
  const AfsColumnChange set[] = {
    { "left_at", afs_value_null (), afs_value_int (w->now) },
  };
  const AfsValue params[] = { afs_value_text (case_id) };

  return afs_row_update_where (w, "visits", set, G_N_ELEMENTS (set),
                               "case_id = ?1 AND left_at IS NULL AND deleted_at IS NULL",
                               params, G_N_ELEMENTS (params), AFS_ROW_DEFAULT,
                               _("recording the visit"), NULL, error);
}

static gboolean
apply_action (AfsWrite    *w,
              const char  *case_id,
              AfsAction    action,
              const char  *reason,
              GError     **error)
{
  g_auto(CaseRow) row = { 0, };
  AfsCaseFacts facts;
  AfsCaseState target;
  AfsScope old_scope, new_scope;
  const char *new_scope_reason;
  gint64 responded_at, arrived_at, resolved_at, closed_at, next_due;

  if (!afs_store_check_utf8 (reason, _("reason"), error))
    return FALSE;
  if (afs_store_text_is_blank (reason))
    reason = NULL;

  if (!load_facts (w->db, case_id, w->actor_id, &facts, &row, error))
    return FALSE;

  facts.has_reason = reason != NULL;
  /* DOMAIN.md 2: the reason given when marking a case out of scope is the
   * reason for the customer. */
  if (action == AFS_ACTION_MARK_OUT_OF_SCOPE && reason != NULL)
    facts.has_scope_reason = TRUE;

  if (!afs_workflow_check (&facts, &w->approval_policy, action, w->role, error))
    return FALSE;

  target = afs_workflow_target (action, facts.state);
  g_assert (target != AFS_CASE_STATE_N);

  responded_at = row.responded_at;
  arrived_at = row.arrived_at;
  resolved_at = row.resolved_at;
  closed_at = row.closed_at;
  old_scope = new_scope = facts.scope;
  new_scope_reason = row.scope_reason;

  switch (action)
    {
    case AFS_ACTION_TRIAGE:
      /* Grading the case is the office's first answer to the customer. */
      if (responded_at == 0)
        responded_at = w->now;
      break;

    case AFS_ACTION_MARK_OUT_OF_SCOPE:
      new_scope = AFS_SCOPE_OUT;
      if (afs_store_text_is_blank (row.scope_reason))
        new_scope_reason = reason;
      if (responded_at == 0)
        responded_at = w->now;
      break;

    case AFS_ACTION_REQUEST_APPROVAL:
      if (!request_approval (w, case_id, &facts, reason, error))
        return FALSE;
      break;

    case AFS_ACTION_APPROVE:
      if (!decide_approval (w, case_id, "approved", reason, error))
        return FALSE;
      break;

    case AFS_ACTION_REJECT:
      if (!decide_approval (w, case_id, "rejected", reason, error))
        return FALSE;
      break;

    case AFS_ACTION_ARRIVE:
      if (arrived_at == 0)
        arrived_at = w->now;
      if (!start_visit (w, case_id, &facts, error))
        return FALSE;
      break;

    case AFS_ACTION_RESOLVE:
      resolved_at = w->now;
      if (!end_visits (w, case_id, error))
        return FALSE;
      break;

    case AFS_ACTION_PLAN_SECOND_VISIT:
      if (!end_visits (w, case_id, error))
        return FALSE;
      break;

    case AFS_ACTION_CLOSE:
      closed_at = w->now;
      break;

    case AFS_ACTION_REOPEN:
      /* Work starts again: the case waits for a resolution and a new
       * follow-up, and the resolve deadline shows as it stands. */
      resolved_at = 0;
      closed_at = 0;
      break;

    case AFS_ACTION_DISPATCH:
    case AFS_ACTION_CANCEL:
    case AFS_ACTION_N:
    default:
      break;
    }

  next_due = afs_deadline_next_due (target,
                                    row.respond_due, responded_at,
                                    row.arrive_due, arrived_at,
                                    row.resolve_due, resolved_at);

  {
    /* A transition always changes the state, so the outbox row always
     * lists it; the rest only when they change. */
    const AfsColumnChange set[] = {
      { "state", afs_value_text (afs_case_state_to_string (facts.state)),
        afs_value_text (afs_case_state_to_string (target)) },
      { "responded_at", afs_value_time (row.responded_at), afs_value_time (responded_at) },
      { "arrived_at", afs_value_time (row.arrived_at), afs_value_time (arrived_at) },
      { "resolved_at", afs_value_time (row.resolved_at), afs_value_time (resolved_at) },
      { "closed_at", afs_value_time (row.closed_at), afs_value_time (closed_at) },
      { "scope", afs_value_text (afs_scope_to_string (old_scope)),
        afs_value_text (afs_scope_to_string (new_scope)) },
      { "scope_reason", afs_value_text (row.scope_reason), afs_value_text (new_scope_reason) },
      { "next_due", afs_value_int (row.next_due), afs_value_int (next_due) },
    };
    const AfsValue params[] = { afs_value_int (row.local_id) };

    /* The outbox row after the audit event, as sync has always read it. */
    if (!afs_row_update_where (w, "cases", set, G_N_ELEMENTS (set), "local_id = ?1",
                               params, G_N_ELEMENTS (params),
                               AFS_ROW_CHANGED_ONLY | AFS_ROW_NO_JOURNAL, _("saving the case"),
                               NULL, error))
      return FALSE;

    if (!afs_store_audit_add (w, case_id, "transition", "state",
                              afs_case_state_to_string (facts.state),
                              afs_case_state_to_string (target),
                              reason, error))
      return FALSE;

    return afs_row_journal_update (w, "cases", case_id, set, G_N_ELEMENTS (set), row.version,
                                   AFS_ROW_CHANGED_ONLY, error);
  }
}

/**
 * afs_store_apply_action:
 * @self: a store
 * @case_id: the case
 * @action: what to do
 * @reason: (nullable): the reason or comment (some actions require one)
 * @error: return location for an %AFS_ERROR
 *
 * Takes a workflow action as the current actor, in one transaction:
 * gathers the facts, runs afs_workflow_check() (its error is returned
 * as is, and nothing is written), then changes the state and what goes
 * with it: TRIAGE sets the first-answer time if unset, ARRIVE the arrival
 * (and starts a visit), RESOLVE and PLAN_SECOND_VISIT end the visit,
 * RESOLVE sets resolved_at, CLOSE closed_at, REOPEN clears both,
 * REQUEST_APPROVAL adds a pending approval, APPROVE and REJECT decide it
 * with @reason as the comment, MARK_OUT_OF_SCOPE records @reason as the
 * reason for the customer. Writes the "transition" audit event (with
 * @reason) and the outbox rows.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_apply_action (AfsStore    *self,
                        const char  *case_id,
                        AfsAction    action,
                        const char  *reason,
                        GError     **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail ((guint) action < AFS_ACTION_N, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, apply_action (&w, case_id, action, reason, error), error);
}

/* ---- Assignments ------------------------------------------------------------------- */

static gboolean
assign_technician (AfsWrite    *w,
                   const char  *case_id,
                   const char  *staff_id,
                   gboolean     lead,
                   GError     **error)
{
  g_autofree char *staff_name = NULL;
  g_autofree char *staff_role = NULL;
  g_autofree char *assignment_id = NULL;
  gboolean active = FALSE;
  gboolean was_lead = FALSE;
  AfsCaseState state;
  sqlite3_stmt *stmt;
  int rc;

  /* DOMAIN.md 7: dispatching is office work. */
  if (w->role != AFS_ROLE_OFFICE && w->role != AFS_ROLE_MANAGER)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                   _("Your role (%s) cannot assign technicians. Ask office staff or a manager."),
                   afs_role_get_label (w->role));
      return FALSE;
    }

  stmt = afs_db_prepare (w->db, "SELECT state FROM cases WHERE id = ?1 AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    afs_case_state_from_string (afs_db_column_text (stmt, 0), &state);
  else if (rc == SQLITE_DONE)
    set_case_not_found (error, case_id);
  else
    afs_db_set_error (w->db, rc, _("reading the case"), error);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_ROW)
    return FALSE;

  if (!afs_case_state_is_open (state) || state == AFS_CASE_STATE_RESOLVED)
    {
      set_case_read_only (error, state);
      return FALSE;
    }

  stmt = afs_db_prepare (w->db,
                         "SELECT name, role, active FROM staff WHERE id = ?1 AND deleted_at IS NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, staff_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      staff_name = afs_db_column_dup (stmt, 0);
      staff_role = afs_db_column_dup (stmt, 1);
      active = sqlite3_column_int (stmt, 2) != 0;
    }
  afs_db_stmt_release (stmt);

  if (staff_name == NULL)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("The staff member “%s” does not exist. Choose a technician from the list."),
                   staff_id);
      return FALSE;
    }
  if (g_strcmp0 (staff_role, afs_role_to_string (AFS_ROLE_TECHNICIAN)) != 0)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("%s is not a technician. Only technicians are sent to customers; choose a technician."),
                   staff_name);
      return FALSE;
    }
  if (!active)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("%s no longer works as a technician (the staff record is inactive). Choose another technician."),
                   staff_name);
      return FALSE;
    }

  stmt = afs_db_prepare (w->db,
                         "SELECT id, lead FROM assignments WHERE case_id = ?1 AND staff_id = ?2"
                         "   AND unassigned_at IS NULL AND deleted_at IS NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, case_id);
  afs_db_bind_text (stmt, 2, staff_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      assignment_id = afs_db_column_dup (stmt, 0);
      was_lead = sqlite3_column_int (stmt, 1) != 0;
    }
  afs_db_stmt_release (stmt);

  if (assignment_id != NULL && was_lead == !!lead)
    return TRUE;   /* already so: nothing to write */

  /* One lead per case (DOMAIN.md 7): naming a new one demotes the old. */
  if (lead)
    {
      const AfsColumnChange set[] = {
        { "lead", afs_value_int (1), afs_value_int (0) },
      };
      const AfsValue params[] = { afs_value_text (case_id), afs_value_text (staff_id) };

      if (!afs_row_update_where (w, "assignments", set, G_N_ELEMENTS (set),
                                 "case_id = ?1 AND staff_id <> ?2 AND lead = 1"
                                 " AND unassigned_at IS NULL AND deleted_at IS NULL",
                                 params, G_N_ELEMENTS (params), AFS_ROW_DEFAULT,
                                 _("assigning the technician"), NULL, error))
        return FALSE;
    }

  if (assignment_id != NULL)
    {
      const AfsColumnChange set[] = {
        { "lead", afs_value_int (was_lead), afs_value_int (lead ? 1 : 0) },
      };
      const AfsValue params[] = { afs_value_text (assignment_id) };

      if (!afs_row_update_where (w, "assignments", set, G_N_ELEMENTS (set), "id = ?1",
                                 params, G_N_ELEMENTS (params), AFS_ROW_DEFAULT,
                                 _("assigning the technician"), NULL, error))
        return FALSE;
    }
  else
    {
      const AfsColumn cols[] = {
        { "case_id", afs_value_text (case_id) },
        { "staff_id", afs_value_text (staff_id) },
        { "lead", afs_value_int (lead ? 1 : 0) },
        { "assigned_at", afs_value_int (w->now) },
      };

      assignment_id = afs_uuid7_new ();
      if (!afs_row_insert (w, "assignments", assignment_id, cols, G_N_ELEMENTS (cols),
                           _("assigning the technician"), error))
        return FALSE;
    }

  return afs_store_audit_add (w, case_id, "assignment", lead ? "lead" : "technician",
                              NULL, staff_name, NULL, error);
}

/**
 * afs_store_assign_technician:
 * @self: a store
 * @case_id: the case
 * @staff_id: an active technician
 * @lead: whether they lead; a case has one lead, so this demotes the
 *   previous one
 * @error: return location for an %AFS_ERROR
 *
 * Assigns a technician to a case (DOMAIN.md 7), or changes whether an
 * assigned one leads. Only office staff and managers assign
 * (%AFS_ERROR_FORBIDDEN); only active technicians can be assigned
 * (%AFS_ERROR_INVALID); finished cases are read-only (%AFS_ERROR_FORBIDDEN).
 * Assigning someone already assigned the same way writes nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_assign_technician (AfsStore    *self,
                             const char  *case_id,
                             const char  *staff_id,
                             gboolean     lead,
                             GError     **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (staff_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, assign_technician (&w, case_id, staff_id, lead, error), error);
}

static void
read_assignment_row (sqlite3_stmt *stmt,
                     gpointer      out)
{
  AfsAssignmentData *data = out;

  data->id = afs_db_column_dup (stmt, 0);
  data->case_id = afs_db_column_dup (stmt, 1);
  data->staff_id = afs_db_column_dup (stmt, 2);
  data->staff_name = afs_db_column_dup (stmt, 3);
  data->lead = sqlite3_column_int (stmt, 4) != 0;
  data->assigned_at = sqlite3_column_int64 (stmt, 5);
  data->planned_start = sqlite3_column_int64 (stmt, 6);
  data->planned_end = sqlite3_column_int64 (stmt, 7);
  data->note = afs_db_column_dup (stmt, 8);
}

/**
 * afs_store_list_assignments:
 * @self: a store
 * @case_id: the case
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsAssignmentData) (nullable):
 *   the technicians assigned now, the lead first; %NULL on error
 */
GPtrArray *
afs_store_list_assignments (AfsStore    *self,
                            const char  *case_id,
                            GError     **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return afs_row_read_list (self,
                            "SELECT a.id, a.case_id, a.staff_id, s.name, a.lead, a.assigned_at,"
                            "       a.planned_start, a.planned_end, a.note"
                            "  FROM assignments a JOIN staff s ON s.id = a.staff_id"
                            " WHERE a.case_id = ?1 AND a.unassigned_at IS NULL AND a.deleted_at IS NULL"
                            " ORDER BY a.lead DESC, a.assigned_at, a.rowid",
                            case_id, sizeof (AfsAssignmentData), read_assignment_row,
                            (GDestroyNotify) afs_assignment_data_free,
                            _("reading the assignments"), error);
}

/* ---- The service report ------------------------------------------------------------ */

static gboolean
outcome_is_valid (const char *outcome)
{
  return outcome == NULL ||
         g_str_equal (outcome, "fixed") ||
         g_str_equal (outcome, "temporary") ||
         g_str_equal (outcome, "not_fixable");
}

enum { RF_DIAGNOSIS, RF_ACTIONS, RF_OUTCOME, RF_OPINION, RF_SIGNER, RF_SIGNED_AT, RF_ACCEPTED,
       RF_HASH, RF_N };
static const char *const report_fields[RF_N] = {
  "diagnosis", "actions", "outcome", "customer_opinion", "signer_name", "signed_at", "accepted",
  "content_hash",
};

static gboolean
save_report (AfsWrite             *w,
             const AfsReportData  *r,
             GError              **error)
{
  g_auto(CaseRow) row = { 0, };
  g_autofree char *report_id = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GPtrArray) old_texts = g_ptr_array_new_with_free_func (g_free);
  AfsColumnChange set[RF_N];
  AfsCaseFacts facts;
  gboolean signing = r->signed_at != 0;
  gboolean insert = FALSE;
  gint64 report_version = 1;
  gint64 signed_at;
  sqlite3_stmt *stmt;
  int rc;

  if (r->case_id == NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A service report belongs to a case. Open the case first."));
      return FALSE;
    }

  if (!afs_store_check_utf8 (r->diagnosis, _("diagnosis"), error) ||
      !afs_store_check_utf8 (r->actions, _("work done"), error) ||
      !afs_store_check_utf8 (r->customer_opinion, _("customer's opinion"), error) ||
      !afs_store_check_utf8 (r->signer_name, _("signer's name"), error))
    return FALSE;

  if (!outcome_is_valid (r->outcome))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("“%s” is not a repair outcome. Use fixed, temporary or not_fixable."),
                   r->outcome);
      return FALSE;
    }

  if (signing && afs_store_text_is_blank (r->signer_name))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A signed report needs the name of the person who signed it. Type the signer's name."));
      return FALSE;
    }

  if (!load_facts (w->db, r->case_id, w->actor_id, &facts, &row, error))
    return FALSE;

  if (!afs_case_state_is_open (facts.state))
    {
      set_case_read_only (error, facts.state);
      return FALSE;
    }
  if (w->role == AFS_ROLE_TECHNICIAN && !facts.actor_is_assigned)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                           _("You are not assigned to this case. Ask the office to assign you "
                             "before writing its report."));
      return FALSE;
    }

  /* The report to write: the one named, or the case's current one; a
   * signed report is final, and a second visit gets a new version. */
  if (r->id != NULL)
    stmt = afs_db_prepare (w->db,
                           "SELECT id, report_version, diagnosis, actions, outcome,"
                           "       customer_opinion, signer_name, signed_at, accepted, content_hash"
                           "  FROM reports WHERE id = ?2 AND case_id = ?1 AND deleted_at IS NULL",
                           error);
  else
    stmt = afs_db_prepare (w->db,
                           "SELECT id, report_version, diagnosis, actions, outcome,"
                           "       customer_opinion, signer_name, signed_at, accepted, content_hash"
                           "  FROM reports WHERE case_id = ?1 AND deleted_at IS NULL"
                           " ORDER BY report_version DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, r->case_id);
  if (r->id != NULL)
    afs_db_bind_text (stmt, 2, r->id);

  for (int i = 0; i < RF_N; i++)
    {
      set[i].name = report_fields[i];
      set[i].old_value = afs_value_null ();
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      report_id = afs_db_column_dup (stmt, 0);
      report_version = sqlite3_column_int64 (stmt, 1);
      for (int i = 0; i < RF_N; i++)
        set[i].old_value = afs_value_column_copy (stmt, 2 + i, old_texts);
    }
  else if (rc != SQLITE_DONE)
    afs_db_set_error (w->db, rc, _("reading the service report"), error);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return FALSE;

  if (rc == SQLITE_DONE)
    {
      if (r->id != NULL)
        {
          g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                       _("The service report “%s” does not exist for this case. Reload the case."),
                       r->id);
          return FALSE;
        }
      insert = TRUE;
      report_id = afs_uuid7_new ();
    }
  else if (set[RF_SIGNED_AT].old_value.kind != AFS_VALUE_NULL)
    {
      if (r->id != NULL || set[RF_ACCEPTED].old_value.i != 0)
        {
          g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                               _("This service report was signed by the customer and can no longer "
                                 "be changed. For a second visit, write a new report."));
          return FALSE;
        }
      /* Signed but not accepted: the next visit gets its own report. */
      insert = TRUE;
      g_clear_pointer (&report_id, g_free);
      report_id = afs_uuid7_new ();
      report_version++;
    }

  signed_at = signing ? w->now : 0;
  if (signing)
    hash = afs_store_report_legacy_hash (r->case_id, report_version, r, signed_at);

  set[RF_DIAGNOSIS].new_value = afs_value_text (afs_store_empty_to_null (r->diagnosis));
  set[RF_ACTIONS].new_value = afs_value_text (afs_store_empty_to_null (r->actions));
  set[RF_OUTCOME].new_value = afs_value_text (r->outcome);
  set[RF_OPINION].new_value = afs_value_text (afs_store_empty_to_null (r->customer_opinion));
  set[RF_SIGNER].new_value = afs_value_text (afs_store_empty_to_null (r->signer_name));
  set[RF_SIGNED_AT].new_value = afs_value_time (signed_at);
  set[RF_ACCEPTED].new_value = afs_value_int (r->accepted ? 1 : 0);
  set[RF_HASH].new_value = afs_value_text (hash);

  if (insert)
    {
      AfsColumn cols[2 + RF_N] = {
        { "case_id", afs_value_text (r->case_id) },
        { "report_version", afs_value_int (report_version) },
      };

      for (int i = 0; i < RF_N; i++)
        {
          cols[2 + i].name = set[i].name;
          cols[2 + i].value = set[i].new_value;
        }
      if (!afs_row_insert (w, "reports", report_id, cols, G_N_ELEMENTS (cols),
                           _("saving the service report"), error))
        return FALSE;
    }
  else
    {
      const AfsValue params[] = {
        afs_value_text (report_id), afs_value_text (r->case_id), afs_value_int (report_version),
      };
      guint n_changed = 0;

      if (!afs_row_update_where (w, "reports", set, RF_N,
                                 "id = ?1 AND case_id = ?2 AND report_version = ?3",
                                 params, G_N_ELEMENTS (params), AFS_ROW_CHANGED_ONLY,
                                 _("saving the service report"), &n_changed, error))
        return FALSE;
      if (n_changed == 0)
        return TRUE;   /* nothing changed: nothing written */
    }

  if (!afs_store_audit_add (w, r->case_id, "report", NULL, NULL,
                            signing ? (r->accepted ? "signed_accepted" : "signed_not_accepted") : "saved",
                            signing ? r->signer_name : NULL,
                            error))
    return FALSE;

  /* The diagnosis and the work done are searched with the case. */
  afs_store_queue_reindex (w, row.local_id);
  return TRUE;
}

/**
 * afs_store_save_report:
 * @self: a store
 * @report: the report; @report->case_id is required
 * @error: return location for an %AFS_ERROR
 *
 * Saves the case's current service report (DOMAIN.md 9): the one named
 * by @report->id, or else the case's latest, inserted if there is none.
 * @report->signed_at non-zero signs it now (the store clock's time is
 * stored, with a content hash; the signer's name is required). A signed
 * report can no longer change (%AFS_ERROR_FORBIDDEN); when it was signed
 * but not accepted, saving without an id starts the next visit's report.
 * A technician must be assigned to the case.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_save_report (AfsStore             *self,
                       const AfsReportData  *report,
                       GError              **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, save_report (&w, report, error), error);
}

static void
read_report_row (sqlite3_stmt *stmt,
                 gpointer      data)
{
  AfsReportData *out = data;

  out->id = afs_db_column_dup (stmt, 0);
  out->case_id = afs_db_column_dup (stmt, 1);
  out->diagnosis = afs_db_column_dup (stmt, 2);
  out->actions = afs_db_column_dup (stmt, 3);
  out->outcome = afs_db_column_dup (stmt, 4);
  out->customer_opinion = afs_db_column_dup (stmt, 5);
  out->signer_name = afs_db_column_dup (stmt, 6);
  out->signed_at = sqlite3_column_int64 (stmt, 7);
  out->accepted = sqlite3_column_int (stmt, 8) != 0;
  out->created_at = sqlite3_column_int64 (stmt, 9);
  out->updated_at = sqlite3_column_int64 (stmt, 10);
  out->version = sqlite3_column_int64 (stmt, 11);
}

/**
 * afs_store_get_report:
 * @self: a store
 * @case_id: the case
 * @out: (out caller-allocates): the case's current report; clear with
 *   afs_report_data_clear()
 * @error: return location for an %AFS_ERROR (%AFS_ERROR_NOT_FOUND when
 *   the case has no report yet)
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_get_report (AfsStore       *self,
                      const char     *case_id,
                      AfsReportData  *out,
                      GError        **error)
{
  gboolean found;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (!afs_row_read_one (self,
                         "SELECT id, case_id, diagnosis, actions, outcome, customer_opinion,"
                         "       signer_name, signed_at, accepted, created_at, updated_at, version"
                         "  FROM reports WHERE case_id = ?1 AND deleted_at IS NULL"
                         " ORDER BY report_version DESC LIMIT 1",
                         case_id, read_report_row, out, _("reading the service report"),
                         &found, error))
    return FALSE;

  if (!found)
    g_set_error_literal (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                         _("This case has no service report yet. The technician writes it on site."));

  return found;
}

/* ---- Follow-ups ---------------------------------------------------------------------- */

static gboolean
add_follow_up (AfsWrite               *w,
               const AfsFollowUpData  *fu,
               GError                **error)
{
  g_autofree char *id = NULL;
  g_autofree char *satisfaction = NULL;
  sqlite3_stmt *stmt;
  gint64 at;
  gboolean exists;

  if (fu->case_id == NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A follow-up belongs to a case. Open the case first."));
      return FALSE;
    }
  if (!afs_store_check_id (fu->id, error) ||
      !afs_store_check_utf8 (fu->channel, _("channel"), error) ||
      !afs_store_check_utf8 (fu->note, _("note"), error))
    return FALSE;
  if (fu->satisfaction < 0 || fu->satisfaction > 5)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("Satisfaction is scored from 1 to 5 (0 when not asked), not %d."),
                   fu->satisfaction);
      return FALSE;
    }

  at = fu->at != 0 ? fu->at : w->now;
  if (at > w->now + FUTURE_TOLERANCE_S || at < 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The time of the follow-up is in the future. Check the date and time."));
      return FALSE;
    }

  stmt = afs_db_prepare (w->db, "SELECT 1 FROM cases WHERE id = ?1 AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, fu->case_id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  afs_db_stmt_release (stmt);
  if (!exists)
    {
      set_case_not_found (error, fu->case_id);
      return FALSE;
    }

  id = fu->id != NULL ? g_strdup (fu->id) : afs_uuid7_new ();

  {
    const AfsColumn cols[] = {
      { "case_id", afs_value_text (fu->case_id) },
      { "at", afs_value_int (at) },
      { "channel", afs_value_text (afs_store_empty_to_null (fu->channel)) },
      { "satisfaction", afs_value_int (fu->satisfaction) },
      { "note", afs_value_text (afs_store_empty_to_null (fu->note)) },
      { "problem_found", afs_value_int (fu->problem_found ? 1 : 0) },
    };

    if (!afs_row_insert (w, "follow_ups", id, cols, G_N_ELEMENTS (cols),
                         _("saving the follow-up"), error))
      return FALSE;
  }

  satisfaction = g_strdup_printf ("%d", fu->satisfaction);
  return afs_store_audit_add (w, fu->case_id, "follow_up",
                              fu->problem_found ? "problem_found" : "satisfaction",
                              NULL, fu->problem_found ? "1" : satisfaction,
                              afs_store_empty_to_null (fu->note), error);
}

/**
 * afs_store_add_follow_up:
 * @self: a store
 * @follow_up: the follow-up; @follow_up->at 0 means now
 * @error: return location for an %AFS_ERROR
 *
 * Records a follow-up contact (DOMAIN.md 11), on a case in any state
 * (periodic revisits happen long after closing). A follow-up recorded
 * after the case was resolved lets it be closed. A problem found does
 * not reopen the case by itself: that is a REOPEN action, with its
 * reason.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_add_follow_up (AfsStore               *self,
                         const AfsFollowUpData  *follow_up,
                         GError                **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (follow_up != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, add_follow_up (&w, follow_up, error), error);
}

/* ---- The audit trail ------------------------------------------------------------------ */

static void
read_audit_row (sqlite3_stmt *stmt,
                gpointer      out)
{
  AfsAuditEvent *event = out;

  event->id = afs_db_column_dup (stmt, 0);
  event->case_id = afs_db_column_dup (stmt, 1);
  event->at = sqlite3_column_int64 (stmt, 2);
  event->actor_id = afs_db_column_dup (stmt, 3);
  event->actor_name = afs_db_column_dup (stmt, 4);
  event->kind = afs_db_column_dup (stmt, 5);
  event->field = afs_db_column_dup (stmt, 6);
  event->old_value = afs_db_column_dup (stmt, 7);
  event->new_value = afs_db_column_dup (stmt, 8);
  event->comment = afs_db_column_dup (stmt, 9);
}

/**
 * afs_store_list_audit:
 * @self: a store
 * @case_id: the case
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsAuditEvent) (nullable): the
 *   case's audit trail, oldest first; %NULL on error
 */
GPtrArray *
afs_store_list_audit (AfsStore    *self,
                      const char  *case_id,
                      GError     **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return afs_row_read_list (self,
                            "SELECT id, case_id, at, actor_id, actor_name, kind, field, old_value,"
                            "       new_value, comment"
                            "  FROM audit WHERE case_id = ?1 ORDER BY at, rowid",
                            case_id, sizeof (AfsAuditEvent), read_audit_row,
                            (GDestroyNotify) afs_audit_event_free,
                            _("reading the audit trail"), error);
}
