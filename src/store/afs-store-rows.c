/* afs-store-rows.c: inserts and updates made from one list of columns,
 * with their outbox rows; rows read by key.
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

#include <string.h>

#include "afs-store-rows.h"

/* The SQL text of a statement, built on the stack: these run millions
 * of times, and a GString with printf for each parameter cost the demo
 * generator a few per cent. */
typedef struct {
  char   *str;
  gsize   len;
  gsize   size;
  char    stack[1024];
} SqlText;

static void
sql_init (SqlText *sql)
{
  sql->str = sql->stack;
  sql->len = 0;
  sql->size = sizeof sql->stack;
  sql->str[0] = '\0';
}

static void
sql_clear (SqlText *sql)
{
  if (sql->str != sql->stack)
    g_free (sql->str);
  sql->str = NULL;
}

static void
sql_append_len (SqlText    *sql,
                const char *text,
                gsize       len)
{
  if (sql->len + len + 1 > sql->size)
    {
      gsize size = MAX (sql->size * 2, sql->len + len + 1);

      if (sql->str == sql->stack)
        {
          sql->str = g_malloc (size);
          memcpy (sql->str, sql->stack, sql->len + 1);
        }
      else
        sql->str = g_realloc (sql->str, size);
      sql->size = size;
    }

  memcpy (sql->str + sql->len, text, len);
  sql->len += len;
  sql->str[sql->len] = '\0';
}

static void
sql_append (SqlText    *sql,
            const char *text)
{
  sql_append_len (sql, text, strlen (text));
}

/* "?n" */
static void
sql_append_param (SqlText *sql,
                  guint    n)
{
  char buf[16];
  char *p = buf + sizeof buf;

  do
    {
      *--p = (char) ('0' + n % 10);
      n /= 10;
    }
  while (n > 0);
  *--p = '?';

  sql_append_len (sql, p, buf + sizeof buf - p);
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

/**
 * afs_row_insert_full:
 * @w: the write in progress
 * @table: the table
 * @id: the new row's id
 * @cols: (array length=n_cols): the columns other than the id and the
 *   sync columns
 * @n_cols: how many
 * @flags: %AFS_ROW_UNVERSIONED for a table without sync columns,
 *   %AFS_ROW_NO_JOURNAL to write the outbox row later
 * @what: what is being done, for the error message
 * @error: return location for an %AFS_ERROR
 *
 * Inserts one row and (unless told not to) its outbox row.
 *
 * Returns: %TRUE on success
 */
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
  SqlText sql;
  gboolean versioned = !(flags & AFS_ROW_UNVERSIONED);
  sqlite3_stmt *stmt;

  sql_init (&sql);
  sql_append (&sql, "INSERT INTO ");
  sql_append (&sql, table);
  sql_append (&sql, " (id");
  for (guint i = 0; i < n_cols; i++)
    {
      sql_append (&sql, ", ");
      sql_append (&sql, cols[i].name);
    }
  if (versioned)
    sql_append (&sql, ", created_at, updated_at, version");
  sql_append (&sql, ") VALUES (?1");
  for (guint i = 0; i < n_cols; i++)
    {
      sql_append (&sql, ", ");
      sql_append_param (&sql, i + 2);
    }
  if (versioned)
    {
      sql_append (&sql, ", ");
      sql_append_param (&sql, n_cols + 2);
      sql_append (&sql, ", ");
      sql_append_param (&sql, n_cols + 2);
      sql_append (&sql, ", 1");
    }
  sql_append (&sql, ")");

  stmt = afs_db_prepare (w->db, sql.str, error);
  sql_clear (&sql);
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

/**
 * afs_row_journal_insert:
 * @w: the write in progress
 * @table: the table
 * @id: the row's id
 * @cols: (array length=n_cols): the columns given to the insert
 * @n_cols: how many
 * @flags: the flags given to the insert
 * @error: return location for an %AFS_ERROR
 *
 * Writes the outbox "insert" row of a row inserted with
 * afs_row_insert_full(): every column with "old" null, then
 * created_at, updated_at and version unless %AFS_ROW_UNVERSIONED.
 *
 * Returns: %TRUE on success
 */
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

/**
 * afs_row_update_where:
 * @w: the write in progress
 * @table: the table
 * @set: (array length=n_set): the columns set, with their old and new
 *   values
 * @n_set: how many
 * @where: the WHERE clause, with parameters ?1…?@n_params
 * @params: (array length=n_params): their values
 * @n_params: how many
 * @flags: %AFS_ROW_CHANGED_ONLY to list only changed columns in the
 *   outbox (and to write nothing when none changes), %AFS_ROW_NO_JOURNAL
 *   to write no outbox row (one-row updates: the caller writes it with
 *   afs_row_journal_update())
 * @what: what is being done, for the error message
 * @n_rows: (out) (optional): how many rows were changed
 * @error: return location for an %AFS_ERROR
 *
 * Sets the columns of @set, bumps the version and the update time of
 * every row @where selects, and writes an outbox "update" row for each.
 *
 * Returns: %TRUE on success
 */
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
  SqlText sql;
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

  sql_init (&sql);
  sql_append (&sql, "UPDATE ");
  sql_append (&sql, table);
  sql_append (&sql, " SET ");
  for (guint i = 0; i < n_set; i++)
    {
      sql_append (&sql, set[i].name);
      sql_append (&sql, " = ");
      sql_append_param (&sql, n_params + i + 1);
      sql_append (&sql, ", ");
    }
  sql_append (&sql, "version = version + 1, updated_at = ");
  sql_append_param (&sql, n_params + n_set + 1);
  sql_append (&sql, " WHERE ");
  sql_append (&sql, where);
  /* RETURNING makes SQLite keep the rows aside until the statement ends:
   * ask for them only when they are written to the outbox now. */
  if (journal)
    sql_append (&sql, " RETURNING id, version");

  stmt = afs_db_prepare (w->db, sql.str, error);
  sql_clear (&sql);
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

/**
 * afs_row_journal_update:
 * @w: the write in progress
 * @table: the table
 * @id: the row's id
 * @set: (array length=n_set): the columns set
 * @n_set: how many
 * @version: the row's version before the update
 * @flags: %AFS_ROW_CHANGED_ONLY to list only the columns that changed
 * @error: return location for an %AFS_ERROR
 *
 * Writes the outbox "update" row of an update made with
 * afs_row_update_where(): the columns (old → new), version
 * (@version → @version + 1) and updated_at (null → now).
 *
 * Returns: %TRUE on success
 */
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

/* ---- Reading ------------------------------------------------------------ */

/**
 * afs_row_read_one:
 * @self: a store
 * @sql: a query with one parameter
 * @key: (nullable): its value
 * @read: reads a row into @out
 * @out: what @read fills
 * @what: what is being read, for the error message
 * @found: (out): whether there was a row
 * @error: return location for an %AFS_ERROR
 *
 * Reads the first row @sql selects, if any.
 *
 * Returns: %FALSE on error
 */
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

/**
 * afs_row_read_list:
 * @self: a store
 * @sql: a query with one parameter
 * @key: (nullable): its value
 * @size: the size of an element
 * @read: reads a row into an element
 * @free_func: frees an element
 * @what: what is being read, for the error message
 * @error: return location for an %AFS_ERROR
 *
 * Reads every row @sql selects, in its order.
 *
 * Returns: (transfer full) (nullable): the elements, or %NULL on error
 */
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
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (free_func);
  sqlite3_stmt *stmt;
  AfsDb *db;
  int rc;

  db = afs_store_lock_reader (self);
  stmt = afs_db_prepare (db, sql, error);
  if (stmt == NULL)
    {
      afs_store_unlock_reader (self, db);
      return NULL;
    }
  afs_db_bind_text (stmt, 1, key);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer element = g_malloc0 (size);

      read (stmt, element);
      g_ptr_array_add (result, element);
    }
  if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, what, error);

  afs_db_stmt_release (stmt);
  afs_store_unlock_reader (self, db);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&result);
}
