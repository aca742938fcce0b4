/* afs-store-rows.c: inserts and updates made from one list of columns,
 * with their outbox rows; rows read by key. See afs-store-rows.h.
 *
 * The SQL is built from the column names on every call. Its text depends
 * only on the table, the names and the WHERE clause, all fixed by the
 * calling code, so afs_db_prepare() finds it in its cache after the first
 * call; building it costs far less than running it.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-error.h"
#include "afs-store-rows.h"

/* The write's SQL buffer, emptied. The write lock guards it. */
static GString *
sql_begin (AfsWrite *w)
{
  g_string_truncate (w->store->sql_scratch, 0);
  return w->store->sql_scratch;
}

/* @before, then "?n", without printf: this runs millions of times. */
static void
sql_append_param (GString    *sql,
                  const char *before,
                  guint       n)
{
  char buf[16];
  char *p = buf + sizeof buf;

  do
    *--p = (char) ('0' + n % 10);
  while ((n /= 10) > 0);
  *--p = '?';

  g_string_append (sql, before);
  g_string_append_len (sql, p, buf + sizeof buf - p);
}

/* ---- Inserts ------------------------------------------------------------ */

gboolean
afs_row_insert (AfsWrite         *w,
                const char       *table,
                const char       *id,
                const AfsColumn  *cols,
                guint             n_cols,
                const char       *what,
                GError          **error)
{
  return afs_row_insert_full (w, table, id, cols, n_cols, AFS_ROW_DEFAULT, what, error);
}

gboolean
afs_row_insert_full (AfsWrite         *w,
                     const char       *table,
                     const char       *id,
                     const AfsColumn  *cols,
                     guint             n_cols,
                     AfsRowFlags       flags,
                     const char       *what,
                     GError          **error)
{
  GString *sql = sql_begin (w);
  gboolean versioned = !(flags & AFS_ROW_UNVERSIONED);
  sqlite3_stmt *stmt;

  g_string_append (sql, "INSERT INTO ");
  g_string_append (sql, table);
  g_string_append (sql, " (id");
  for (guint i = 0; i < n_cols; i++)
    {
      g_string_append (sql, ", ");
      g_string_append (sql, cols[i].name);
    }
  if (versioned)
    g_string_append (sql, ", created_at, updated_at, version");
  g_string_append (sql, ") VALUES (?1");
  for (guint i = 0; i < n_cols; i++)
    sql_append_param (sql, ", ", i + 2);
  if (versioned)
    {
      sql_append_param (sql, ", ", n_cols + 2);
      sql_append_param (sql, ", ", n_cols + 2);
      g_string_append (sql, ", 1");
    }
  g_string_append_c (sql, ')');

  stmt = afs_db_prepare (w->db, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  for (guint i = 0; i < n_cols; i++)
    afs_value_bind (stmt, i + 2, &cols[i].value);
  if (versioned)
    sqlite3_bind_int64 (stmt, n_cols + 2, w->now);

  if (!afs_db_step_done (w->db, stmt, what, error))
    return FALSE;

  if (flags & AFS_ROW_NO_JOURNAL)
    return TRUE;

  return afs_row_journal_insert (w, table, id, cols, n_cols, flags, error);
}

gboolean
afs_row_journal_insert (AfsWrite         *w,
                        const char       *table,
                        const char       *id,
                        const AfsColumn  *cols,
                        guint             n_cols,
                        AfsRowFlags       flags,
                        GError          **error)
{
  AfsChanges changes;

  if (!w->store->outbox_enabled)
    return TRUE;

  afs_changes_init (&changes, w);
  for (guint i = 0; i < n_cols; i++)
    afs_changes_add_new (&changes, cols[i].name, cols[i].value);
  if (!(flags & AFS_ROW_UNVERSIONED))
    {
      afs_changes_add_new (&changes, "created_at", afs_value_int (w->now));
      afs_changes_add_new (&changes, "updated_at", afs_value_int (w->now));
      afs_changes_add_new (&changes, "version", afs_value_int (1));
    }

  return afs_store_outbox_add (w, table, id, "insert", &changes, error);
}

/* ---- Updates ------------------------------------------------------------ */

/* A row an update changed, for its outbox row. */
typedef struct {
  char   *id;
  gint64  version;
} UpdatedRow;

static void
updated_row_clear (gpointer data)
{
  g_free (((UpdatedRow *) data)->id);
}

gboolean
afs_row_update_where (AfsWrite               *w,
                      const char             *table,
                      const AfsColumnChange  *set,
                      guint                   n_set,
                      const char             *where,
                      const AfsValue         *params,
                      guint                   n_params,
                      AfsRowFlags             flags,
                      const char             *what,
                      guint                  *n_rows,
                      GError                **error)
{
  GString *sql = sql_begin (w);
  g_autoptr(GArray) rows = NULL;
  gboolean journal = w->store->outbox_enabled && !(flags & AFS_ROW_NO_JOURNAL);
  guint n = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (n_rows != NULL)
    *n_rows = 0;

  if (flags & AFS_ROW_CHANGED_ONLY)
    {
      guint i;

      for (i = 0; i < n_set; i++)
        if (!afs_value_equal (&set[i].old_value, &set[i].new_value))
          break;
      if (i == n_set)
        return TRUE;
    }

  g_string_append (sql, "UPDATE ");
  g_string_append (sql, table);
  g_string_append (sql, " SET ");
  for (guint i = 0; i < n_set; i++)
    {
      g_string_append (sql, set[i].name);
      sql_append_param (sql, " = ", n_params + i + 1);
      g_string_append (sql, ", ");
    }
  sql_append_param (sql, "version = version + 1, updated_at = ", n_params + n_set + 1);
  g_string_append (sql, " WHERE ");
  g_string_append (sql, where);
  /* RETURNING makes SQLite keep the rows aside until the statement ends:
   * ask for them only when they are written to the outbox now. */
  if (journal)
    g_string_append (sql, " RETURNING id, version");

  stmt = afs_db_prepare (w->db, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_params; i++)
    afs_value_bind (stmt, i + 1, &params[i]);
  for (guint i = 0; i < n_set; i++)
    afs_value_bind (stmt, n_params + i + 1, &set[i].new_value);
  sqlite3_bind_int64 (stmt, n_params + n_set + 1, w->now);

  /* The outbox rows are written once the statement is done with. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UpdatedRow row = { afs_db_column_dup (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      if (rows == NULL)
        {
          rows = g_array_new (FALSE, FALSE, sizeof (UpdatedRow));
          g_array_set_clear_func (rows, updated_row_clear);
        }
      g_array_append_val (rows, row);
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      afs_db_set_error (w->db, rc, what, error);
      afs_db_stmt_release (stmt);
      return FALSE;
    }
  afs_db_stmt_release (stmt);

  if (!journal)
    n = sqlite3_changes (afs_db_get_handle (w->db));
  if (n_rows != NULL)
    *n_rows = n;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const UpdatedRow *row = &g_array_index (rows, UpdatedRow, i);

      if (!afs_row_journal_update (w, table, row->id, set, n_set, row->version - 1, flags, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
afs_row_journal_update (AfsWrite               *w,
                        const char             *table,
                        const char             *id,
                        const AfsColumnChange  *set,
                        guint                   n_set,
                        gint64                  version,
                        AfsRowFlags             flags,
                        GError                **error)
{
  AfsChanges changes;

  if (!w->store->outbox_enabled)
    return TRUE;

  afs_changes_init (&changes, w);
  for (guint i = 0; i < n_set; i++)
    {
      if ((flags & AFS_ROW_CHANGED_ONLY) &&
          afs_value_equal (&set[i].old_value, &set[i].new_value))
        continue;
      afs_changes_add (&changes, set[i].name, set[i].old_value, set[i].new_value);
    }
  afs_changes_add (&changes, "version", afs_value_int (version), afs_value_int (version + 1));
  afs_changes_add (&changes, "updated_at", afs_value_null (), afs_value_int (w->now));

  return afs_store_outbox_add (w, table, id, "update", &changes, error);
}

/* ---- Editing ------------------------------------------------------------ */

gboolean
afs_row_read_for_update (AfsWrite           *w,
                         const char         *sql,
                         const char         *id,
                         const char *const  *names,
                         AfsColumnChange    *set,
                         guint               n_set,
                         GPtrArray          *texts,
                         gint64             *version,
                         gboolean           *found,
                         const char         *what,
                         GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *found = FALSE;

  stmt = afs_db_prepare (w->db, sql, error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      for (guint i = 0; i < n_set; i++)
        {
          set[i].name = names[i];
          set[i].old_value = set[i].new_value = afs_value_column_copy (stmt, i, texts);
        }
      *version = sqlite3_column_int64 (stmt, n_set);
    }
  else if (rc != SQLITE_DONE)
    afs_db_set_error (w->db, rc, what, error);
  afs_db_stmt_release (stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gboolean
afs_row_check_edit_field (const char  *field,
                          int          f,
                          gboolean    *given,
                          const char  *unknown_message,
                          GError     **error)
{
  if (f < 0)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID, unknown_message, field);
      return FALSE;
    }
  if (given != NULL && given[f])
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("The field “%s” is given twice. Give each field once."), field);
      return FALSE;
    }
  if (given != NULL)
    given[f] = TRUE;

  return TRUE;
}

gboolean
afs_row_check_version (gint64       version,
                       gint64       expected,
                       const char  *message,
                       GError     **error)
{
  if (expected <= 0 || expected == version)
    return TRUE;

  g_set_error (error, AFS_ERROR, AFS_ERROR_CONFLICT, message,
               (long long) version, (long long) expected);
  return FALSE;
}

/* ---- Reading ------------------------------------------------------------ */

gboolean
afs_row_read_one (AfsStore        *self,
                  const char      *sql,
                  const char      *key,
                  AfsReadRowFunc   read,
                  gpointer         out,
                  const char      *what,
                  gboolean        *found,
                  GError         **error)
{
  sqlite3_stmt *stmt;
  AfsDb *db;
  int rc;

  *found = FALSE;

  db = afs_store_lock_reader (self);
  stmt = afs_db_prepare (db, sql, error);
  if (stmt == NULL)
    {
      afs_store_unlock_reader (self, db);
      return FALSE;
    }
  afs_db_bind_text (stmt, 1, key);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      read (stmt, out);
    }
  else if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, what, error);

  afs_db_stmt_release (stmt);
  afs_store_unlock_reader (self, db);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

GPtrArray *
afs_row_collect (AfsDb           *db,
                 sqlite3_stmt    *stmt,
                 gsize            size,
                 AfsReadRowFunc   read,
                 GDestroyNotify   free_func,
                 const char      *what,
                 GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer row = g_malloc0 (size);

      read (stmt, row);
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, what, error);

  afs_db_stmt_release (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&rows);
}

GPtrArray *
afs_row_read_list (AfsStore        *self,
                   const char      *sql,
                   const char      *key,
                   gsize            size,
                   AfsReadRowFunc   read,
                   GDestroyNotify   free_func,
                   const char      *what,
                   GError         **error)
{
  GPtrArray *result;
  sqlite3_stmt *stmt;
  AfsDb *db;

  db = afs_store_lock_reader (self);
  stmt = afs_db_prepare (db, sql, error);
  if (stmt == NULL)
    {
      afs_store_unlock_reader (self, db);
      return NULL;
    }
  afs_db_bind_text (stmt, 1, key);
  result = afs_row_collect (db, stmt, size, read, free_func, what, error);
  afs_store_unlock_reader (self, db);

  return result;
}
