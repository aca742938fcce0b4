/* afs-store-dispatch.c: the dispatch board's store calls (DOMAIN.md 7):
 * staff with their load, suggestions, the day and week board, planning,
 * reassigning and unassigning.
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

/* A planned visit lasts at most this long: the board reads a day or a
 * week by planned start, and must not miss a job that began earlier. */
#define MAX_PLAN_SECONDS (14 * 24 * 3600)

/* ---- Staff with their load --------------------------------------------------------- */

void
afs_staff_load_free (AfsStaffLoad *load)
{
  if (load == NULL)
    return;

  afs_staff_data_clear (&load->staff);
  g_free (load);
}

static void
read_staff_load (sqlite3_stmt *stmt,
                 gpointer      out)
{
  AfsStaffLoad *load = out;

  afs_office_read_staff (stmt, 0, &load->staff);
  load->open_assignments = (guint) sqlite3_column_int64 (stmt, AFS_OFFICE_STAFF_N_COLUMNS);
}

/* Open assignments per staff member, counted from the open cases (a few
 * thousand) rather than from every assignment ever made (millions). */
#define STAFF_LOAD_SQL \
  "WITH load AS (SELECT a.staff_id, count(*) AS n" \
  "                FROM cases c JOIN assignments a ON a.case_id = c.id" \
  "               WHERE c.deleted_at IS NULL AND c.state IN " AFS_OFFICE_ACTIVE_STATES \
  "                 AND a.unassigned_at IS NULL AND a.deleted_at IS NULL" \
  "               GROUP BY a.staff_id)" \
  " SELECT " AFS_OFFICE_STAFF_COLUMNS ", coalesce (load.n, 0)" \
  "   FROM staff s LEFT JOIN load ON load.staff_id = s.id" \
  "  WHERE s.deleted_at IS NULL AND (?1 IS NULL OR s.role = ?1) AND (?2 = 0 OR s.active = 1)" \
  "  ORDER BY s.name COLLATE NOCASE, s.id"

static GPtrArray *
list_staff_load (AfsDb       *db,
                 int          role,
                 gboolean     active_only,
                 GError     **error)
{
  sqlite3_stmt *stmt = afs_db_prepare (db, STAFF_LOAD_SQL, error);

  if (stmt == NULL)
    return NULL;
  afs_db_bind_text (stmt, 1, role >= 0 ? afs_role_to_string ((AfsRole) role) : NULL);
  sqlite3_bind_int (stmt, 2, active_only ? 1 : 0);

  return afs_row_collect (db, stmt, sizeof (AfsStaffLoad), read_staff_load,
                          (GDestroyNotify) afs_staff_load_free,
                          _("reading the staff list"), error);
}

/**
 * afs_store_list_staff_load:
 * @self: a store
 * @role: an #AfsRole, or -1 for everyone
 * @active_only: leave out inactive staff
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsStaffLoad) (nullable)
 */
GPtrArray *
afs_store_list_staff_load (AfsStore  *self,
                           int        role,
                           gboolean   active_only,
                           GError   **error)
{
  GPtrArray *rows;
  AfsDb *db;

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (role < AFS_ROLE_N, NULL);

  db = afs_store_lock_reader (self);
  rows = list_staff_load (db, role, active_only, error);
  afs_store_unlock_reader (self, db);

  return rows;
}

/* ---- Suggestions ------------------------------------------------------------------------ */

typedef struct {
  gboolean found;
  char *city, *address, *model, *description;
  AfsCategory category;
} NeedRow;

static void
read_need (sqlite3_stmt *stmt,
           NeedRow      *row)
{
  row->found = TRUE;
  row->city = afs_db_column_dup (stmt, 0);
  row->address = afs_db_column_dup (stmt, 1);
  row->model = afs_db_column_dup (stmt, 2);
  row->description = afs_db_column_dup (stmt, 3);
  afs_category_from_string (afs_db_column_text (stmt, 4), &row->category);
}

/**
 * afs_store_suggest_technicians:
 * @self: a store
 * @case_id: the case
 * @limit: at most this many (0 = all)
 * @error: return location for an %AFS_ERROR (%AFS_ERROR_NOT_FOUND)
 *
 * Returns: (transfer full) (element-type AfsDispatchSuggestion) (nullable)
 */
GPtrArray *
afs_store_suggest_technicians (AfsStore    *self,
                               const char  *case_id,
                               guint        limit,
                               GError     **error)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GHashTable) assigned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) visits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree AfsDispatchCandidate *candidates = NULL;
  NeedRow need_row = { 0, };
  AfsDispatchNeed need = { 0, };
  GPtrArray *out = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;
  AfsDb *db;
  int rc;

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  db = afs_store_lock_reader (self);

  stmt = afs_db_prepare (db,
                         "SELECT cu.city, cu.address, e.model, c.description, c.category"
                         "  FROM cases c JOIN customers cu ON cu.id = c.customer_id"
                         "  LEFT JOIN equipment e ON e.id = c.equipment_id"
                         " WHERE c.id = ?1 AND c.deleted_at IS NULL",
                         error);
  if (stmt == NULL)
    goto out;
  afs_db_bind_text (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    read_need (stmt, &need_row);
  else if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, _("reading the case"), error);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                     _("The case “%s” does not exist (it may have been deleted). Reload the list."),
                     case_id);
      goto out;
    }

  stmt = afs_db_prepare (db,
                         "SELECT staff_id FROM assignments WHERE case_id = ?1"
                         "   AND unassigned_at IS NULL AND deleted_at IS NULL",
                         error);
  if (stmt == NULL)
    goto out;
  afs_db_bind_text (stmt, 1, case_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (assigned, afs_db_column_dup (stmt, 0));
  afs_db_stmt_release (stmt);

  staff = list_staff_load (db, AFS_ROLE_TECHNICIAN, TRUE, error);
  if (staff == NULL)
    goto out;

  /* Who has worked for customers in this city before: for the places no
   * area lists, the one who went there last time rather than someone
   * from another branch. The last 200 cases there are enough to know. */
  if (need_row.city != NULL && *need_row.city != '\0')
    {
      stmt = afs_db_prepare (db,
                             /* The customers of the city first (no index on
                              * the city: a scan of customers, then their cases
                              * by index); "+" keeps SQLite from walking every
                              * case by date for a rare city. */
                             "WITH recent AS (SELECT c.id FROM cases c"
                             "                 WHERE c.customer_id IN (SELECT id FROM customers WHERE city = ?1)"
                             "                   AND c.deleted_at IS NULL AND c.id <> ?2"
                             "                 ORDER BY +c.reported_at DESC LIMIT 200)"
                             " SELECT a.staff_id, count(DISTINCT a.case_id)"
                             "   FROM recent JOIN assignments a ON a.case_id = recent.id"
                             "  WHERE a.deleted_at IS NULL GROUP BY a.staff_id",
                             error);
      if (stmt == NULL)
        goto out;
      afs_db_bind_text (stmt, 1, need_row.city);
      afs_db_bind_text (stmt, 2, case_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_insert (visits, afs_db_column_dup (stmt, 0),
                             GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
      afs_db_stmt_release (stmt);
      if (rc != SQLITE_DONE)
        {
          afs_db_set_error (db, rc, _("reading the case"), error);
          goto out;
        }
    }

  candidates = g_new0 (AfsDispatchCandidate, MAX (staff->len, 1));
  for (guint i = 0; i < staff->len; i++)
    {
      AfsStaffLoad *load = g_ptr_array_index (staff, i);

      if (g_hash_table_contains (assigned, load->staff.id))
        continue;
      candidates[n].staff = &load->staff;
      candidates[n].open_assignments = load->open_assignments;
      candidates[n].visits_in_city = GPOINTER_TO_UINT (g_hash_table_lookup (visits, load->staff.id));
      n++;
    }

  need.city = need_row.city;
  need.address = need_row.address;
  need.category = need_row.category;
  need.equipment_model = need_row.model;
  need.description = need_row.description;
  out = afs_dispatch_suggest (&need, candidates, n, limit);

out:
  afs_store_unlock_reader (self, db);
  g_free (need_row.city);
  g_free (need_row.address);
  g_free (need_row.model);
  g_free (need_row.description);

  return out;
}

/* ---- The board ------------------------------------------------------------------------ */

void
afs_board_entry_free (AfsBoardEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->assignment_id);
  g_free (entry->case_id);
  g_free (entry->case_number);
  g_free (entry->customer_name);
  g_free (entry->customer_city);
  g_free (entry->staff_id);
  g_free (entry->staff_name);
  g_free (entry);
}

#define BOARD_SELECT \
  "SELECT a.id, a.case_id, c.number, cu.name, cu.city, a.staff_id, s.name, a.lead," \
  "       c.state, c.severity, a.planned_start, a.planned_end" \
  "  FROM assignments a" \
  "  JOIN cases c ON c.id = a.case_id" \
  "  JOIN customers cu ON cu.id = c.customer_id" \
  "  JOIN staff s ON s.id = a.staff_id"

static void
read_board_entry (sqlite3_stmt *stmt,
                  gpointer      out)
{
  AfsBoardEntry *e = out;

  e->assignment_id = afs_db_column_dup (stmt, 0);
  e->case_id = afs_db_column_dup (stmt, 1);
  e->case_number = afs_db_column_dup (stmt, 2);
  e->customer_name = afs_db_column_dup (stmt, 3);
  e->customer_city = afs_db_column_dup (stmt, 4);
  e->staff_id = afs_db_column_dup (stmt, 5);
  e->staff_name = afs_db_column_dup (stmt, 6);
  e->lead = sqlite3_column_int (stmt, 7) != 0;
  afs_case_state_from_string (afs_db_column_text (stmt, 8), &e->case_state);
  e->severity = sqlite3_column_int (stmt, 9);
  e->planned_start = sqlite3_column_int64 (stmt, 10);
  e->planned_end = sqlite3_column_int64 (stmt, 11);
}

static GPtrArray *
list_board (AfsStore              *self,
            AfsDb                 *db,
            const AfsOfficeQuery  *query,
            GError               **error)
{
  sqlite3_stmt *stmt;

  stmt = afs_db_prepare (db,
                         BOARD_SELECT
                         " WHERE a.unassigned_at IS NULL AND a.deleted_at IS NULL"
                         "   AND a.planned_start < ?2 AND a.planned_start >= ?1 - ?4"
                         "   AND a.planned_end > ?1 AND c.deleted_at IS NULL"
                         "   AND (?3 IS NULL OR a.staff_id = ?3)"
                         " ORDER BY s.name COLLATE NOCASE, a.staff_id, a.planned_start, a.id",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, query->from);
  sqlite3_bind_int64 (stmt, 2, query->to);
  afs_db_bind_text (stmt, 3, query->text);
  sqlite3_bind_int64 (stmt, 4, MAX_PLAN_SECONDS);

  return afs_row_collect (db, stmt, sizeof (AfsBoardEntry), read_board_entry,
                          (GDestroyNotify) afs_board_entry_free,
                          _("reading the dispatch board"), error);
}

/**
 * afs_store_list_board:
 * @self: a store
 * @from: start of the range (unix seconds)
 * @to: end of the range, exclusive
 * @staff_id: (nullable): one technician, or everyone
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsBoardEntry) (nullable)
 */
GPtrArray *
afs_store_list_board (AfsStore    *self,
                      gint64       from,
                      gint64       to,
                      const char  *staff_id,
                      GError     **error)
{
  AfsOfficeQuery query = { (char *) staff_id, from, to, 0 };

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);

  return afs_office_query_run (self, list_board, &query, error);
}

void
afs_store_list_board_async (AfsStore            *self,
                            gint64               from,
                            gint64               to,
                            const char          *staff_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  AfsOfficeQuery query = { (char *) staff_id, from, to, 0 };

  g_return_if_fail (AFS_IS_STORE (self));

  afs_office_query_async (self, list_board, afs_store_list_board_async, &query,
                          cancellable, callback, user_data);
}

GPtrArray *
afs_store_list_board_finish (AfsStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return afs_office_query_finish (self, result, error);
}

/**
 * afs_store_list_unplanned_assignments:
 * @self: a store
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsBoardEntry) (nullable)
 */
GPtrArray *
afs_store_list_unplanned_assignments (AfsStore  *self,
                                      GError   **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);

  return afs_row_read_list (self,
                            BOARD_SELECT
                            " WHERE c.deleted_at IS NULL AND c.state IN " AFS_OFFICE_ACTIVE_STATES
                            "   AND a.unassigned_at IS NULL AND a.deleted_at IS NULL"
                            "   AND a.planned_start IS NULL AND ?1 IS NULL"
                            " ORDER BY a.assigned_at, a.id",
                            NULL, sizeof (AfsBoardEntry), read_board_entry,
                            (GDestroyNotify) afs_board_entry_free,
                            _("reading the dispatch board"), error);
}

/* ---- Planning, reassigning ------------------------------------------------------------ */

typedef struct {
  char         *id;
  char         *case_id;
  char         *staff_id;
  char         *staff_name;
  gboolean      lead;
  gint64        planned_start;
  gint64        planned_end;
  char         *note;
  AfsCaseState  state;
} AssignmentRow;

static void
assignment_row_clear (AssignmentRow *row)
{
  g_free (row->id);
  g_free (row->case_id);
  g_free (row->staff_id);
  g_free (row->staff_name);
  g_free (row->note);
  memset (row, 0, sizeof *row);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AssignmentRow, assignment_row_clear)

#define ASSIGNMENT_ROW_SELECT \
  "SELECT a.id, a.case_id, a.staff_id, s.name, a.lead, a.planned_start, a.planned_end, a.note," \
  "       c.state" \
  "  FROM assignments a JOIN staff s ON s.id = a.staff_id JOIN cases c ON c.id = a.case_id"

/* The current assignment chosen by @sql (?1, ?2 bound); FALSE with
 * AFS_ERROR_NOT_FOUND when there is none. */
static gboolean
load_assignment (AfsWrite       *w,
                 const char     *sql,
                 const char     *p1,
                 const char     *p2,
                 AssignmentRow  *row,
                 GError        **error)
{
  sqlite3_stmt *stmt = afs_db_prepare (w->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, p1);
  afs_db_bind_text (stmt, 2, p2);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->id = afs_db_column_dup (stmt, 0);
      row->case_id = afs_db_column_dup (stmt, 1);
      row->staff_id = afs_db_column_dup (stmt, 2);
      row->staff_name = afs_db_column_dup (stmt, 3);
      row->lead = sqlite3_column_int (stmt, 4) != 0;
      row->planned_start = sqlite3_column_int64 (stmt, 5);
      row->planned_end = sqlite3_column_int64 (stmt, 6);
      row->note = afs_db_column_dup (stmt, 7);
      afs_case_state_from_string (afs_db_column_text (stmt, 8), &row->state);
    }
  else if (rc != SQLITE_DONE)
    afs_db_set_error (w->db, rc, _("reading the assignment"), error);
  afs_db_stmt_release (stmt);

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                         _("This technician is not assigned to the case (any more). Reload the "
                           "dispatch board."));

  return rc == SQLITE_ROW;
}

static gboolean
check_case_open (AssignmentRow  *row,
                 GError        **error)
{
  if (!afs_case_state_is_open (row->state) || row->state == AFS_CASE_STATE_RESOLVED)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                   _("A case that is %s cannot be changed. Reopen it first."),
                   afs_case_state_get_label (row->state));
      return FALSE;
    }
  return TRUE;
}

static char *
format_plan (gint64 start,
             gint64 end)
{
  g_autoptr(GDateTime) s = NULL;
  g_autoptr(GDateTime) e = NULL;
  g_autofree char *st = NULL;
  g_autofree char *et = NULL;

  if (start == 0)
    return NULL;

  s = g_date_time_new_from_unix_utc (start);
  e = g_date_time_new_from_unix_utc (end);
  st = g_date_time_format_iso8601 (s);
  et = g_date_time_format_iso8601 (e);
  return g_strdup_printf ("%s/%s", st, et);
}

static gboolean
plan_assignment (AfsWrite    *w,
                 const char  *assignment_id,
                 gint64       planned_start,
                 gint64       planned_end,
                 GError     **error)
{
  g_auto(AssignmentRow) row = { 0, };
  g_autofree char *old_plan = NULL;
  g_autofree char *new_plan = NULL;

  if (!afs_office_check_role (w,
                              /* Translators: %s is a role */
                              _("Your role (%s) cannot plan technicians' work. Ask office staff or a manager."),
                              error))
    return FALSE;

  if ((planned_start == 0) != (planned_end == 0))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A plan needs both a start and an end. Choose both times, or clear both."));
      return FALSE;
    }
  if (planned_start != 0 && planned_end <= planned_start)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The planned end is not after the planned start. Choose an end later "
                             "than the start."));
      return FALSE;
    }
  if (planned_start != 0 && planned_end - planned_start > MAX_PLAN_SECONDS)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A visit can be planned for at most 14 days. Split a longer job into "
                             "several visits."));
      return FALSE;
    }

  if (!load_assignment (w, ASSIGNMENT_ROW_SELECT
                        " WHERE a.id = ?1 AND a.unassigned_at IS NULL AND a.deleted_at IS NULL"
                        "   AND ?2 IS NULL",
                        assignment_id, NULL, &row, error) ||
      !check_case_open (&row, error))
    return FALSE;

  if (row.planned_start == planned_start && row.planned_end == planned_end)
    return TRUE;

  {
    const AfsColumnChange set[] = {
      { "planned_start", afs_value_time (row.planned_start), afs_value_time (planned_start) },
      { "planned_end", afs_value_time (row.planned_end), afs_value_time (planned_end) },
    };
    const AfsValue params[] = { afs_value_text (assignment_id) };

    if (!afs_row_update_where (w, "assignments", set, G_N_ELEMENTS (set), "id = ?1",
                               params, G_N_ELEMENTS (params), AFS_ROW_DEFAULT,
                               _("planning the assignment"), NULL, error))
      return FALSE;
  }

  old_plan = format_plan (row.planned_start, row.planned_end);
  new_plan = format_plan (planned_start, planned_end);
  return afs_store_audit_add (w, row.case_id, "assignment", "planned", old_plan, new_plan,
                              row.staff_name, error);
}

/**
 * afs_store_plan_assignment:
 * @self: a store
 * @assignment_id: a current assignment
 * @planned_start: unix seconds, or 0 (with @planned_end 0) to clear
 * @planned_end: unix seconds
 * @error: return location for an %AFS_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_plan_assignment (AfsStore    *self,
                           const char  *assignment_id,
                           gint64       planned_start,
                           gint64       planned_end,
                           GError     **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (assignment_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, plan_assignment (&w, assignment_id, planned_start, planned_end,
                                                   error),
                              error);
}

static gboolean
check_reason (const char  *reason,
              const char  *message,
              GError     **error)
{
  if (!afs_store_check_utf8 (reason, _("reason"), error))
    return FALSE;
  if (afs_store_text_is_blank (reason))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID, message);
      return FALSE;
    }
  return TRUE;
}

/* Ends @row's assignment now, with @reason as its note. */
static gboolean
end_assignment (AfsWrite             *w,
                const AssignmentRow  *row,
                const char           *reason,
                GError              **error)
{
  const AfsColumnChange set[] = {
    { "unassigned_at", afs_value_null (), afs_value_int (w->now) },
    { "note", afs_value_text (row->note), afs_value_text (reason) },
  };
  const AfsValue params[] = { afs_value_text (row->id) };

  return afs_row_update_where (w, "assignments", set, G_N_ELEMENTS (set), "id = ?1",
                               params, G_N_ELEMENTS (params), AFS_ROW_DEFAULT,
                               _("ending the assignment"), NULL, error);
}

#define CURRENT_OF_STAFF \
  ASSIGNMENT_ROW_SELECT \
  " WHERE a.case_id = ?1 AND a.staff_id = ?2 AND a.unassigned_at IS NULL AND a.deleted_at IS NULL"

static gboolean
reassign (AfsWrite    *w,
          const char  *case_id,
          const char  *from_staff_id,
          const char  *to_staff_id,
          const char  *reason,
          GError     **error)
{
  g_auto(AssignmentRow) from = { 0, };
  g_auto(AssignmentRow) to = { 0, };

  if (!afs_office_check_role (w,
                              /* Translators: %s is a role */
                              _("Your role (%s) cannot reassign technicians. Ask office staff or a manager."),
                              error) ||
      !check_reason (reason, _("Say why the case is handed over to another technician."), error))
    return FALSE;

  if (g_strcmp0 (from_staff_id, to_staff_id) == 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The case is already with this technician. Choose another one."));
      return FALSE;
    }

  if (!load_assignment (w, CURRENT_OF_STAFF, case_id, from_staff_id, &from, error) ||
      !check_case_open (&from, error))
    return FALSE;

  if (!end_assignment (w, &from, reason, error))
    return FALSE;

  /* The same rules as a new assignment (an active technician, one lead
   * per case): afs_store_assign_technician() runs inside this write, as a
   * savepoint of its transaction. */
  if (!afs_store_assign_technician (w->store, case_id, to_staff_id, from.lead, error))
    return FALSE;

  if (!load_assignment (w, CURRENT_OF_STAFF, case_id, to_staff_id, &to, error))
    return FALSE;

  /* The new technician takes over the plan when they have none. */
  if (to.planned_start == 0 && from.planned_start != 0)
    {
      const AfsColumnChange set[] = {
        { "planned_start", afs_value_null (), afs_value_int (from.planned_start) },
        { "planned_end", afs_value_null (), afs_value_int (from.planned_end) },
      };
      const AfsValue params[] = { afs_value_text (to.id) };

      if (!afs_row_update_where (w, "assignments", set, G_N_ELEMENTS (set), "id = ?1",
                                 params, G_N_ELEMENTS (params), AFS_ROW_DEFAULT,
                                 _("planning the assignment"), NULL, error))
        return FALSE;
    }

  return afs_store_audit_add (w, case_id, "assignment", "reassigned", from.staff_name,
                              to.staff_name, reason, error);
}

/**
 * afs_store_reassign_technician:
 * @self: a store
 * @case_id: the case
 * @from_staff_id: the technician handing over
 * @to_staff_id: the technician taking over
 * @reason: why (required)
 * @error: return location for an %AFS_ERROR
 *
 * Returns: %TRUE on success; nothing is written otherwise
 */
gboolean
afs_store_reassign_technician (AfsStore    *self,
                               const char  *case_id,
                               const char  *from_staff_id,
                               const char  *to_staff_id,
                               const char  *reason,
                               GError     **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL && from_staff_id != NULL && to_staff_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, reassign (&w, case_id, from_staff_id, to_staff_id, reason, error),
                              error);
}

static gboolean
unassign (AfsWrite    *w,
          const char  *case_id,
          const char  *staff_id,
          const char  *reason,
          GError     **error)
{
  g_auto(AssignmentRow) row = { 0, };

  if (!afs_office_check_role (w,
                              /* Translators: %s is a role */
                              _("Your role (%s) cannot take technicians off a case. Ask office staff or a manager."),
                              error) ||
      !check_reason (reason, _("Say why the technician is taken off the case."), error))
    return FALSE;

  if (!load_assignment (w, CURRENT_OF_STAFF, case_id, staff_id, &row, error) ||
      !check_case_open (&row, error))
    return FALSE;

  /* DOMAIN.md 7: "one is the lead" — a dispatched case keeps one. */
  if (row.lead && (row.state == AFS_CASE_STATE_DISPATCHED || row.state == AFS_CASE_STATE_ON_SITE ||
                   row.state == AFS_CASE_STATE_SECOND_VISIT))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_PRECONDITION,
                   _("%s leads this dispatched case, and a dispatched case needs a lead. "
                     "Reassign the case, or name another lead first."),
                   row.staff_name);
      return FALSE;
    }

  if (!end_assignment (w, &row, reason, error))
    return FALSE;

  return afs_store_audit_add (w, case_id, "assignment", "unassigned", row.staff_name, NULL,
                              reason, error);
}

/**
 * afs_store_unassign_technician:
 * @self: a store
 * @case_id: the case
 * @staff_id: the technician
 * @reason: why (required)
 * @error: return location for an %AFS_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_unassign_technician (AfsStore    *self,
                               const char  *case_id,
                               const char  *staff_id,
                               const char  *reason,
                               GError     **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL && staff_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, unassign (&w, case_id, staff_id, reason, error), error);
}
