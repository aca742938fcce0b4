/* afs-store-search.c: the case list: filtered and searched ids, loading
 * pages of cases, counts, and the async versions for the UI.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-error.h"
#include "afs-search-index.h"
#include "afs-store-impl.h"

/* load_cases reads this many ids per statement. A fixed count keeps one
 * cached statement; unused places are bound to NULL, which matches no
 * row. */
#define LOAD_CHUNK 64

/**
 * afs_store_build_search_query:
 * @text: (nullable): what a person typed
 *
 * Returns: (transfer full) (nullable): the FTS5 expression searched for
 *   @text, or %NULL when it holds nothing to search for
 */
char *
afs_store_build_search_query (const char *text)
{
  return afs_search_build_query (text);
}

/* ---- Ids ----------------------------------------------------------------------- */

static void
append_filters (GString             *sql,
                const AfsCaseFilter *filter,
                guint                n_states)
{
  if (n_states > 0)
    {
      g_string_append (sql, " AND c.state IN (");
      for (guint i = 0; i < n_states; i++)
        g_string_append_printf (sql, i == 0 ? ":s%u" : ", :s%u", i);
      g_string_append_c (sql, ')');
    }
  if (filter->severity > 0)
    g_string_append (sql, " AND c.severity = :severity");
  if (filter->technician_id != NULL)
    g_string_append (sql,
                     " AND c.id IN (SELECT a.case_id FROM assignments a"
                     "               WHERE a.staff_id = :technician"
                     "                 AND a.unassigned_at IS NULL AND a.deleted_at IS NULL)");
  if (filter->overdue_only)
    g_string_append (sql, " AND c.next_due > 0 AND c.next_due < :now");
}

static void
bind_filters (sqlite3_stmt        *stmt,
              const AfsCaseFilter *filter,
              const char         **states,
              guint                n_states,
              gint64               now)
{
  int idx;

  for (guint i = 0; i < n_states; i++)
    {
      char name[16];

      g_snprintf (name, sizeof name, ":s%u", i);
      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, name), states[i], -1, SQLITE_STATIC);
    }

  if ((idx = sqlite3_bind_parameter_index (stmt, ":severity")) > 0)
    sqlite3_bind_int (stmt, idx, filter->severity);
  if ((idx = sqlite3_bind_parameter_index (stmt, ":technician")) > 0)
    sqlite3_bind_text (stmt, idx, filter->technician_id, -1, SQLITE_TRANSIENT);
  if ((idx = sqlite3_bind_parameter_index (stmt, ":now")) > 0)
    sqlite3_bind_int64 (stmt, idx, now);
}

/* Runs @sql (built from the filter) and appends the ids to @ids, at most
 * @limit of them when @limit > 0. */
static gboolean
collect_ids (AfsDb               *db,
             const char          *sql,
             const AfsCaseFilter *filter,
             const char         **states,
             guint                n_states,
             gint64               now,
             const char          *match,
             guint                limit,
             GArray              *ids,
             GError             **error)
{
  sqlite3_stmt *stmt;
  int idx;
  int rc;

  stmt = afs_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_filters (stmt, filter, states, n_states, now);
  if ((idx = sqlite3_bind_parameter_index (stmt, ":match")) > 0)
    sqlite3_bind_text (stmt, idx, match, -1, SQLITE_TRANSIENT);
  if ((idx = sqlite3_bind_parameter_index (stmt, ":limit")) > 0)
    sqlite3_bind_int64 (stmt, idx, limit > 0 ? (gint64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      afs_db_set_error (db, rc, _("searching the cases"), error);
      afs_db_stmt_release (stmt);
      return FALSE;
    }

  afs_db_stmt_release (stmt);
  return TRUE;
}

static GArray *
query_case_ids (AfsStore             *self,
                AfsDb                *db,
                const AfsCaseFilter  *filter,
                GError              **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *match = NULL;
  const char *states[AFS_CASE_STATE_N];
  guint n_states = 0;
  gint64 now;

  now = filter->now != 0 ? filter->now : afs_store_now (self);

  for (guint s = 0; s < AFS_CASE_STATE_N; s++)
    if (filter->state_mask & (1u << s))
      states[n_states++] = afs_case_state_to_string (s);

  if (filter->search != NULL)
    match = afs_search_build_query (filter->search);

  if (match != NULL)
    {
      g_autoptr(GString) sql = g_string_new (NULL);

      /* FTS5 hands rows out in rowid order, so "newest first" costs
       * nothing and a LIMIT stops the search early. Sorting by deadline
       * sorts the matches only. */
      g_string_append (sql,
                       "SELECT c.local_id FROM case_fts f"
                       "  JOIN cases c ON c.local_id = f.rowid"
                       " WHERE case_fts MATCH :match AND c.deleted_at IS NULL");
      append_filters (sql, filter, n_states);
      if (filter->sort == AFS_CASE_SORT_DUE)
        g_string_append (sql, " ORDER BY c.next_due = 0, c.next_due, c.local_id DESC");
      else
        g_string_append (sql, " ORDER BY f.rowid DESC");
      g_string_append (sql, " LIMIT :limit");

      if (!collect_ids (db, sql->str, filter, states, n_states, now, match,
                        filter->limit, ids, error))
        return NULL;

      return g_steal_pointer (&ids);
    }

  if (filter->sort == AFS_CASE_SORT_DUE)
    {
      g_autoptr(GString) with_due = g_string_new (NULL);
      g_autoptr(GString) without_due = g_string_new (NULL);

      /* Two index walks instead of one sort of a million rows: first the
       * cases with a deadline, soonest first (cases_next_due), then those
       * without one, newest first. */
      g_string_append (with_due,
                       "SELECT c.local_id FROM cases c"
                       " WHERE c.deleted_at IS NULL AND c.next_due > 0");
      append_filters (with_due, filter, n_states);
      g_string_append (with_due, " ORDER BY c.next_due, c.local_id LIMIT :limit");

      if (!collect_ids (db, with_due->str, filter, states, n_states, now, NULL,
                        filter->limit, ids, error))
        return NULL;

      if (filter->overdue_only || (filter->limit > 0 && ids->len >= filter->limit))
        return g_steal_pointer (&ids);

      /* Almost every case of a mature file is finished (closed,
       * cancelled, out of scope) and has next_due 0, which the planner
       * cannot know. When the filter leaves the finished states out, "+"
       * keeps SQLite off cases_next_due (walking a million entries to find
       * the few resolved cases took a second) so cases_state finds them;
       * when it takes them in, walking cases_next_due in order beats
       * sorting most of the table. */
      guint32 finished = (1u << AFS_CASE_STATE_CLOSED) |
                         (1u << AFS_CASE_STATE_CANCELLED) |
                         (1u << AFS_CASE_STATE_OUT_OF_SCOPE);

      g_string_append (without_due,
                       n_states > 0 && (filter->state_mask & finished) == 0
                       ? "SELECT c.local_id FROM cases c"
                         " WHERE c.deleted_at IS NULL AND +c.next_due = 0"
                       : "SELECT c.local_id FROM cases c"
                         " WHERE c.deleted_at IS NULL AND c.next_due = 0");
      append_filters (without_due, filter, n_states);
      g_string_append (without_due, " ORDER BY c.local_id DESC LIMIT :limit");

      if (!collect_ids (db, without_due->str, filter, states, n_states, now, NULL,
                        filter->limit > 0 ? filter->limit - ids->len : 0, ids, error))
        return NULL;

      return g_steal_pointer (&ids);
    }
  else
    {
      g_autoptr(GString) sql = g_string_new (NULL);

      g_string_append (sql, "SELECT c.local_id FROM cases c WHERE c.deleted_at IS NULL");
      append_filters (sql, filter, n_states);
      g_string_append (sql, " ORDER BY c.reported_at DESC, c.local_id DESC LIMIT :limit");

      if (!collect_ids (db, sql->str, filter, states, n_states, now, NULL,
                        filter->limit, ids, error))
        return NULL;

      return g_steal_pointer (&ids);
    }
}

/**
 * afs_store_query_case_ids:
 * @self: a store
 * @filter: what to list
 * @error: return location for an %AFS_ERROR
 *
 * The local ids of the cases matching @filter, in its order. With a
 * search, all words must match (the last as a prefix), in the case
 * number (also the bare sequence, "123"), customer, serial (any part of
 * it), description or reports; newest-first results are in local id
 * order, the order of creation. Pass a limit with searches: the list
 * needs the first screenful at once.
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the ids, or
 *   %NULL on error
 */
GArray *
afs_store_query_case_ids (AfsStore             *self,
                          const AfsCaseFilter  *filter,
                          GError              **error)
{
  GArray *ids;
  AfsDb *db;

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = afs_store_lock_reader (self);
  ids = query_case_ids (self, db, filter, error);
  afs_store_unlock_reader (self, db);

  return ids;
}

typedef struct {
  AfsCaseFilter  filter;
  char          *search;
  char          *technician_id;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_free (data->search);
  g_free (data->technician_id);
  g_free (data);
}

static void
query_case_ids_job (AfsStore     *self,
                    GTask        *task,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  QueryData *data = task_data;
  GError *error = NULL;
  GArray *ids;
  AfsDb *db;

  db = afs_store_lock_reader (self);
  afs_store_db_set_cancellable (db, cancellable);
  ids = query_case_ids (self, db, &data->filter, &error);
  afs_store_db_set_cancellable (db, NULL);
  afs_store_unlock_reader (self, db);

  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

/**
 * afs_store_query_case_ids_async:
 * @self: a store
 * @filter: what to list (copied)
 * @cancellable: (nullable): stops the query, also while it runs
 * @callback: called in the caller's main context
 * @user_data: for @callback
 *
 * afs_store_query_case_ids() on the store's worker thread.
 */
void
afs_store_query_case_ids_async (AfsStore             *self,
                                const AfsCaseFilter  *filter,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryData *data;

  g_return_if_fail (AFS_IS_STORE (self));
  g_return_if_fail (filter != NULL);

  data = g_new0 (QueryData, 1);
  data->filter = *filter;
  data->search = g_strdup (filter->search);
  data->technician_id = g_strdup (filter->technician_id);
  data->filter.search = data->search;
  data->filter.technician_id = data->technician_id;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, afs_store_query_case_ids_async);
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);
  afs_store_run_in_worker (self, task, query_case_ids_job);
}

/**
 * afs_store_query_case_ids_finish:
 * @self: a store
 * @result: the result passed to the callback
 * @error: return location for an %AFS_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (element-type gint64) (nullable): the ids
 */
GArray *
afs_store_query_case_ids_finish (AfsStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Loading cases --------------------------------------------------------------- */

static void
case_data_free (gpointer data)
{
  if (data == NULL)
    return;
  afs_case_data_clear (data);
  g_free (data);
}

static GPtrArray *
load_cases (AfsDb         *db,
            const gint64  *local_ids,
            guint          n,
            GError       **error)
{
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (case_data_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GString) sql = g_string_new (AFS_CASE_SELECT " WHERE c.deleted_at IS NULL AND c.local_id IN (");
  GPtrArray *result;

  for (guint i = 0; i < LOAD_CHUNK; i++)
    g_string_append (sql, i == 0 ? "?" : ", ?");
  g_string_append_c (sql, ')');

  for (guint start = 0; start < n; start += LOAD_CHUNK)
    {
      sqlite3_stmt *stmt = afs_db_prepare (db, sql->str, error);
      int rc;

      if (stmt == NULL)
        return NULL;

      for (guint i = 0; i < LOAD_CHUNK; i++)
        {
          if (start + i < n)
            sqlite3_bind_int64 (stmt, (int) i + 1, local_ids[start + i]);
          else
            sqlite3_bind_null (stmt, (int) i + 1);
        }

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          AfsCaseData *data = g_new0 (AfsCaseData, 1);

          afs_store_read_case_row (stmt, data);
          g_ptr_array_add (loaded, data);
          g_hash_table_insert (by_id, &data->local_id, data);
        }

      if (rc != SQLITE_DONE)
        {
          afs_db_set_error (db, rc, _("loading the cases"), error);
          afs_db_stmt_release (stmt);
          return NULL;
        }
      afs_db_stmt_release (stmt);
    }

  /* In the order asked for: the list's order, not the table's. The same
   * id asked twice is returned twice. */
  result = g_ptr_array_new_full (n, case_data_free);
  for (guint i = 0; i < n; i++)
    {
      AfsCaseData *data = g_hash_table_lookup (by_id, &local_ids[i]);
      AfsCaseData *copy;

      if (data == NULL)
        continue;

      copy = g_new0 (AfsCaseData, 1);
      afs_case_data_copy (data, copy);
      g_ptr_array_add (result, copy);
    }

  return result;
}

/**
 * afs_store_load_cases:
 * @self: a store
 * @local_ids: (array length=n): local ids from afs_store_query_case_ids()
 * @n: how many
 * @error: return location for an %AFS_ERROR
 *
 * Loads cases with their customer, equipment and lead technician names,
 * in the order of @local_ids. Ids that no longer exist are skipped.
 *
 * Returns: (transfer full) (element-type AfsCaseData) (nullable): the
 *   cases, or %NULL on error
 */
GPtrArray *
afs_store_load_cases (AfsStore      *self,
                      const gint64  *local_ids,
                      guint          n,
                      GError       **error)
{
  GPtrArray *result;
  AfsDb *db;

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (local_ids != NULL || n == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = afs_store_lock_reader (self);
  result = load_cases (db, local_ids, n, error);
  afs_store_unlock_reader (self, db);

  return result;
}

typedef struct {
  gint64 *ids;
  guint   n;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->ids);
  g_free (data);
}

static void
load_cases_job (AfsStore     *self,
                GTask        *task,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  GPtrArray *cases;
  AfsDb *db;

  db = afs_store_lock_reader (self);
  afs_store_db_set_cancellable (db, cancellable);
  cases = load_cases (db, data->ids, data->n, &error);
  afs_store_db_set_cancellable (db, NULL);
  afs_store_unlock_reader (self, db);

  if (cases == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cases, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * afs_store_load_cases_async:
 * @self: a store
 * @local_ids: (array length=n): the ids (copied)
 * @n: how many
 * @cancellable: (nullable): stops the load
 * @callback: called in the caller's main context
 * @user_data: for @callback
 *
 * afs_store_load_cases() on the store's worker thread.
 */
void
afs_store_load_cases_async (AfsStore            *self,
                            const gint64        *local_ids,
                            guint                n,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (AFS_IS_STORE (self));
  g_return_if_fail (local_ids != NULL || n == 0);

  data = g_new0 (LoadData, 1);
  data->ids = g_memdup2 (local_ids, sizeof (gint64) * n);
  data->n = n;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, afs_store_load_cases_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  afs_store_run_in_worker (self, task, load_cases_job);
}

/**
 * afs_store_load_cases_finish:
 * @self: a store
 * @result: the result passed to the callback
 * @error: return location for an %AFS_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (element-type AfsCaseData) (nullable): the cases
 */
GPtrArray *
afs_store_load_cases_finish (AfsStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Counts -------------------------------------------------------------------- */

/**
 * afs_store_count_cases:
 * @self: a store
 * @counts: (out caller-allocates) (array fixed-size=11): cases per state
 * @overdue: (out) (optional): open cases past their current deadline
 * @error: return location for an %AFS_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_count_cases (AfsStore  *self,
                       guint      counts[AFS_CASE_STATE_N],
                       guint     *overdue,
                       GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 now;
  AfsDb *db;
  int rc;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof (guint) * AFS_CASE_STATE_N);
  now = afs_store_now (self);

  db = afs_store_lock_reader (self);

  stmt = afs_db_prepare (db,
                         "SELECT state, count(*) FROM cases WHERE deleted_at IS NULL GROUP BY state",
                         error);
  if (stmt == NULL)
    {
      afs_store_unlock_reader (self, db);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AfsCaseState state;

      if (afs_case_state_from_string (afs_db_column_text (stmt, 0), &state))
        counts[state] = (guint) sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, _("counting the cases"), error);
  afs_db_stmt_release (stmt);

  if (rc == SQLITE_DONE && overdue != NULL)
    {
      *overdue = 0;
      /* next_due is 0 for cases that are not open, so this counts open
       * cases only. */
      stmt = afs_db_prepare (db,
                             "SELECT count(*) FROM cases"
                             " WHERE deleted_at IS NULL AND next_due > 0 AND next_due < ?1",
                             error);
      if (stmt == NULL)
        {
          afs_store_unlock_reader (self, db);
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, now);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *overdue = (guint) sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_DONE;
        }
      else
        afs_db_set_error (db, rc, _("counting the cases"), error);
      afs_db_stmt_release (stmt);
    }

  afs_store_unlock_reader (self, db);

  return rc == SQLITE_DONE;
}
