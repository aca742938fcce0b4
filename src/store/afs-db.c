/* afs-db.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "afs-db.h"
#include "afs-error.h"

/* One SQLite connection opened with SQLITE_OPEN_NOMUTEX: SQLite's own
 * per-call mutex would not make a sequence of calls (bind, step, reset)
 * atomic anyway, so the store serialises whole operations with our lock
 * and SQLite need not lock again inside. */
struct _AfsDb
{
  sqlite3     *handle;
  char        *path;
  GRecMutex    lock;
  /* SQL text -> sqlite3_stmt*: the demo generator makes millions of calls,
   * and preparing the same SQL each time would cost more than running it.
   * The set of SQL texts is fixed by the code (dynamic SQL varies only in
   * the number of placeholders), so the cache does not grow without end. */
  GHashTable  *stmts;
  guint        depth;
  /* SQLite rolled the whole transaction back on its own (disk full, I/O
   * error) while a batch was open: the rest of the batch must not commit
   * half of it. */
  gboolean     broken;
};

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

/**
 * afs_db_open:
 * @path: the database file
 * @mode: whether this connection writes
 * @busy_timeout_ms: how long to wait for a lock held by another connection
 * @error: return location for an %AFS_ERROR
 *
 * Opens a connection with the settings every store connection uses:
 * foreign keys on, synchronous NORMAL (durable enough with WAL: a power
 * cut may lose the last commits but never corrupts), a busy timeout.
 * Setting WAL mode is left to the caller because it changes the file.
 *
 * Returns: (transfer full) (nullable): the connection
 */
AfsDb *
afs_db_open (const char *path,
             AfsDbMode   mode,
             int         busy_timeout_ms,
             GError    **error)
{
  AfsDb *db;
  sqlite3 *handle = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (mode == AFS_DB_READ_WRITE)
    flags |= SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (path, &handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      afs_db_set_error_full (handle, path, rc, _("opening the file"), error);
      sqlite3_close (handle);
      return NULL;
    }

  sqlite3_extended_result_codes (handle, 1);
  sqlite3_busy_timeout (handle, busy_timeout_ms);

  db = g_new0 (AfsDb, 1);
  db->handle = handle;
  db->path = g_strdup (path);
  g_rec_mutex_init (&db->lock);
  db->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);

  if (!afs_db_exec (db,
                    "PRAGMA foreign_keys = ON;"
                    "PRAGMA synchronous = NORMAL;"
                    "PRAGMA temp_store = MEMORY;",
                    error))
    {
      afs_db_close (db);
      return NULL;
    }

  /* Page cache: 32 MB for the writer, whose bulk inserts touch the indexes
   * of a million cases all over; 4 MB for the reader, which serves pages
   * of the list and searches that touch few pages (measured: the same
   * search p95, 30 MB less peak memory while scrolling a million cases). */
  if (!afs_db_exec (db,
                    mode == AFS_DB_READ_WRITE ? "PRAGMA cache_size = -32768;"
                                              : "PRAGMA cache_size = -4096;",
                    error))
    {
      afs_db_close (db);
      return NULL;
    }

  /* A big batch grows the WAL to the size of everything it changed; keep
   * it from staying that size on disk once checkpointed. */
  if (mode == AFS_DB_READ_WRITE &&
      !afs_db_exec (db, "PRAGMA journal_size_limit = 67108864;", error))
    {
      afs_db_close (db);
      return NULL;
    }

  /* The reader must never write: if a bug sent a write there it would
   * bypass the write lock and the outbox. */
  if (mode == AFS_DB_READ_ONLY &&
      !afs_db_exec (db, "PRAGMA query_only = ON;", error))
    {
      afs_db_close (db);
      return NULL;
    }

  return db;
}

/**
 * afs_db_close:
 * @db: (nullable) (transfer full): a connection
 *
 * Finalizes the cached statements and closes the connection.
 */
void
afs_db_close (AfsDb *db)
{
  if (db == NULL)
    return;

  g_hash_table_destroy (db->stmts);
  sqlite3_close (db->handle);
  g_rec_mutex_clear (&db->lock);
  g_free (db->path);
  g_free (db);
}

sqlite3 *
afs_db_get_handle (AfsDb *db)
{
  return db->handle;
}

const char *
afs_db_get_path (AfsDb *db)
{
  return db->path;
}

void
afs_db_lock (AfsDb *db)
{
  g_rec_mutex_lock (&db->lock);
}

void
afs_db_unlock (AfsDb *db)
{
  g_rec_mutex_unlock (&db->lock);
}

/**
 * afs_db_exec:
 * @db: a connection
 * @sql: one or more statements
 * @error: return location for an %AFS_ERROR
 *
 * Runs @sql, ignoring any rows. For schema changes and pragmas, not for
 * calls made millions of times (it parses @sql every time).
 *
 * Returns: %TRUE on success
 */
gboolean
afs_db_exec (AfsDb       *db,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (db->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      afs_db_set_error (db, rc, _("changing the database"), error);
      return FALSE;
    }

  return TRUE;
}

/**
 * afs_db_prepare:
 * @db: a connection (locked by the caller)
 * @sql: one statement
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer none) (nullable): the cached statement, reset
 */
sqlite3_stmt *
afs_db_prepare (AfsDb       *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->stmts, sql);
  int rc;

  if (stmt != NULL)
    {
      /* Release should have done this; doing it again costs nothing and
       * keeps a forgotten release from leaking a read transaction. */
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      /* SQLITE_ERROR here is a mistake in our SQL: say it loudly. Other
       * codes (a damaged or locked file) are the caller's error to report. */
      if ((rc & 0xff) == SQLITE_ERROR)
        g_warning ("Cannot prepare SQL: %s\n%s", sqlite3_errmsg (db->handle), sql);
      afs_db_set_error (db, rc, _("preparing a query"), error);
      return NULL;
    }

  g_hash_table_insert (db->stmts, g_strdup (sql), stmt);

  return stmt;
}

/**
 * afs_db_stmt_release:
 * @stmt: (nullable): a statement from afs_db_prepare()
 *
 * Resets @stmt and clears its bindings, so it ends its read transaction
 * and holds no pointers to the caller's strings. It stays in the cache.
 */
void
afs_db_stmt_release (sqlite3_stmt *stmt)
{
  if (stmt == NULL)
    return;

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static gboolean
run_cached (AfsDb       *db,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = afs_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  return afs_db_step_done (db, stmt, _("starting or ending a transaction"), error);
}

/**
 * afs_db_begin:
 * @db: a connection (locked by the caller)
 * @error: return location for an %AFS_ERROR
 *
 * Starts a transaction, or a savepoint inside the open one. BEGIN
 * IMMEDIATE takes the write lock at once, so a transaction never fails
 * halfway with SQLITE_BUSY after it has read what it decides on.
 *
 * Returns: %TRUE on success; then end with afs_db_commit() or
 *   afs_db_rollback()
 */
gboolean
afs_db_begin (AfsDb   *db,
              GError **error)
{
  if (db->depth == 0)
    {
      if (!run_cached (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      db->broken = FALSE;
    }
  else
    {
      if (db->broken || sqlite3_get_autocommit (db->handle))
        {
          db->broken = TRUE;
          g_set_error (error, AFS_ERROR, AFS_ERROR_FAILED,
                       _("The changes to “%s” made since the start of this batch were undone "
                         "because of an earlier error. End the batch and start it again."),
                       db->path);
          return FALSE;
        }
      if (!run_cached (db, "SAVEPOINT afs", error))
        return FALSE;
    }

  db->depth++;
  return TRUE;
}

/**
 * afs_db_commit:
 * @db: a connection (locked by the caller)
 * @error: return location for an %AFS_ERROR
 *
 * Ends the innermost level. If the outermost COMMIT fails, everything is
 * rolled back, so a failed commit never leaves a transaction open.
 *
 * Returns: %TRUE if the changes are kept (for the outermost level: on disk)
 */
gboolean
afs_db_commit (AfsDb   *db,
               GError **error)
{
  g_return_val_if_fail (db->depth > 0, FALSE);

  if (db->depth == 1)
    {
      if (db->broken || sqlite3_get_autocommit (db->handle))
        {
          db->depth = 0;
          db->broken = FALSE;
          g_set_error (error, AFS_ERROR, AFS_ERROR_FAILED,
                       _("Nothing was saved to “%s”: the transaction was undone because of "
                         "an earlier error. Try again."),
                       db->path);
          return FALSE;
        }
      if (!run_cached (db, "COMMIT", error))
        {
          afs_db_rollback (db);
          return FALSE;
        }
      db->depth = 0;
      return TRUE;
    }

  if (db->broken || sqlite3_get_autocommit (db->handle))
    {
      db->broken = TRUE;
      db->depth--;
      g_set_error (error, AFS_ERROR, AFS_ERROR_FAILED,
                   _("The changes to “%s” were undone because of an earlier error. Try again."),
                   db->path);
      return FALSE;
    }

  if (!run_cached (db, "RELEASE afs", error))
    {
      afs_db_rollback (db);
      return FALSE;
    }

  db->depth--;
  return TRUE;
}

/**
 * afs_db_rollback:
 * @db: a connection (locked by the caller)
 *
 * Undoes the innermost level. Never fails: when SQLite already rolled
 * back on its own, there is nothing left to undo.
 */
void
afs_db_rollback (AfsDb *db)
{
  g_return_if_fail (db->depth > 0);

  if (sqlite3_get_autocommit (db->handle))
    {
      if (db->depth > 1)
        db->broken = TRUE;
    }
  else if (db->depth == 1)
    {
      run_cached (db, "ROLLBACK", NULL);
    }
  else
    {
      /* ROLLBACK TO keeps the savepoint on the stack; RELEASE pops it. */
      run_cached (db, "ROLLBACK TO afs", NULL);
      run_cached (db, "RELEASE afs", NULL);
    }

  db->depth--;
  if (db->depth == 0)
    db->broken = FALSE;
}

guint
afs_db_get_depth (AfsDb *db)
{
  return db->depth;
}

/**
 * afs_db_set_error_full:
 * @handle: (nullable): the connection, for its message
 * @path: the file, named in the message
 * @rc: the SQLite result code
 * @what: what was being done, for the message
 * @error: return location
 *
 * Maps a SQLite result to an %AFS_ERROR code and a message that names
 * the file and says what to do. SQLITE_INTERRUPT (our cancellation) maps
 * to %G_IO_ERROR_CANCELLED, like every cancelled GIO operation.
 */
void
afs_db_set_error_full (sqlite3     *handle,
                       const char  *path,
                       int          rc,
                       const char  *what,
                       GError     **error)
{
  const char *detail;

  if (error == NULL)
    return;

  detail = (handle != NULL && sqlite3_errcode (handle) != SQLITE_OK)
    ? sqlite3_errmsg (handle)
    : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, AFS_ERROR, AFS_ERROR_BUSY,
                   /* Translators: the first %s is a file, the second what was being done, the third SQLite's message */
                   _("“%s” is in use by another program. Close the other AfterSales window "
                     "or program using it, then try again. (While %s: %s)"),
                   path, what, detail);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, AFS_ERROR, AFS_ERROR_CORRUPT,
                   _("“%s” is damaged or is not an AfterSales database. Restore a backup "
                     "of it, or open another file. (While %s: %s)"),
                   path, what, detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("The disk holding “%s” is full. Free some space, then try again. "
                     "(While %s: %s)"),
                   path, what, detail);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("“%s” cannot be written. Check that you may write to the file and "
                     "to its folder. (While %s: %s)"),
                   path, what, detail);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("“%s” cannot be read or written. Check that the file and its folder "
                     "exist, that you may use them, and that the disk is connected. "
                     "(While %s: %s)"),
                   path, what, detail);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("The change was refused because it breaks a rule of the database. "
                     "Check the values and try again. (While %s: %s)"),
                   what, detail);
      break;

    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The operation was cancelled."));
      break;

    default:
      g_set_error (error, AFS_ERROR, AFS_ERROR_FAILED,
                   _("Something went wrong with “%s”. Try again; if it keeps failing, "
                     "restore a backup. (While %s: %s)"),
                   path, what, detail);
      break;
    }
}

void
afs_db_set_error (AfsDb       *db,
                  int          rc,
                  const char  *what,
                  GError     **error)
{
  afs_db_set_error_full (db->handle, db->path, rc, what, error);
}

gboolean
afs_db_step_done (AfsDb         *db,
                  sqlite3_stmt  *stmt,
                  const char    *what,
                  GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      /* The message lives on the connection until the next call: take it
       * before the reset, which may overwrite it. */
      afs_db_set_error (db, rc, what, error);
      afs_db_stmt_release (stmt);
      return FALSE;
    }

  afs_db_stmt_release (stmt);
  return TRUE;
}

void
afs_db_bind_text (sqlite3_stmt *stmt,
                  int           idx,
                  const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

void
afs_db_bind_time (sqlite3_stmt *stmt,
                  int           idx,
                  gint64        unix_time)
{
  if (unix_time == 0)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_int64 (stmt, idx, unix_time);
}

char *
afs_db_column_dup (sqlite3_stmt *stmt,
                   int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

const char *
afs_db_column_text (sqlite3_stmt *stmt,
                    int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/**
 * afs_db_query_int64:
 * @db: a connection (locked by the caller)
 * @sql: a query returning one integer
 * @out: (out): the value, 0 when there is no row
 * @error: return location for an %AFS_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
afs_db_query_int64 (AfsDb       *db,
                    const char  *sql,
                    gint64      *out,
                    GError     **error)
{
  sqlite3_stmt *stmt = afs_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out = 0;
  else
    {
      afs_db_set_error (db, rc, _("reading the database"), error);
      afs_db_stmt_release (stmt);
      return FALSE;
    }

  afs_db_stmt_release (stmt);
  return TRUE;
}
