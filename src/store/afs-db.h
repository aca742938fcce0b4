/* afs-db.h: one SQLite connection with what every store call needs:
 * a lock, a prepared-statement cache, nested transactions and errors in
 * the AFS_ERROR domain.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _AfsDb AfsDb;

typedef enum {
  AFS_DB_READ_WRITE,   /* creates the file if missing */
  AFS_DB_READ_ONLY,    /* `PRAGMA query_only`: a reader beside the writer */
} AfsDbMode;

AfsDb        *afs_db_open          (const char *path,
                                    AfsDbMode   mode,
                                    int         busy_timeout_ms,
                                    GError    **error);
void          afs_db_close         (AfsDb *db);
sqlite3      *afs_db_get_handle    (AfsDb *db);
const char   *afs_db_get_path      (AfsDb *db);

/* The connection lock. Recursive, because a batch holds it from
 * begin_batch to end_batch while every call inside it takes it again. */
void          afs_db_lock          (AfsDb *db);
void          afs_db_unlock        (AfsDb *db);

/* Run SQL without results (may hold several statements). */
gboolean      afs_db_exec          (AfsDb *db, const char *sql, GError **error);

/* A cached prepared statement for @sql, reset and with no bindings. The
 * statement belongs to the cache: release it with afs_db_stmt_release()
 * (or hold it in g_autoptr(AfsStmt)) as soon as the rows are read, so a
 * read transaction does not stay open. Never use one SQL text in two
 * places at once: both get the same statement. */
sqlite3_stmt *afs_db_prepare       (AfsDb *db, const char *sql, GError **error);
void          afs_db_stmt_release  (sqlite3_stmt *stmt);
typedef sqlite3_stmt AfsStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsStmt, afs_db_stmt_release)

/* Nested transactions: the outermost level is BEGIN IMMEDIATE … COMMIT,
 * inner levels are savepoints, so one call's failure inside a batch undoes
 * that call only. The caller holds the lock. */
gboolean      afs_db_begin         (AfsDb *db, GError **error);
gboolean      afs_db_commit        (AfsDb *db, GError **error);
void          afs_db_rollback      (AfsDb *db);
guint         afs_db_get_depth     (AfsDb *db);

/* Set @error from SQLite result code @rc and the connection's message.
 * @what says what was being done ("saving the case"). */
void          afs_db_set_error     (AfsDb *db, int rc, const char *what, GError **error);
/* The same for a bare handle and file name (before an AfsDb exists). */
void          afs_db_set_error_full (sqlite3 *handle, const char *path, int rc,
                                     const char *what, GError **error);

/* sqlite3_step() for statements that return no rows (or whose rows are
 * not wanted): TRUE on SQLITE_DONE/SQLITE_ROW, else sets @error. The
 * statement is released. */
gboolean      afs_db_step_done     (AfsDb *db, sqlite3_stmt *stmt, const char *what, GError **error);

/* Binding helpers: NULL text and 0 times are stored as SQL NULL. */
void          afs_db_bind_text     (sqlite3_stmt *stmt, int idx, const char *text);
void          afs_db_bind_time     (sqlite3_stmt *stmt, int idx, gint64 unix_time);
/* Reading helpers: NULL becomes NULL / 0. */
char         *afs_db_column_dup    (sqlite3_stmt *stmt, int col);
const char   *afs_db_column_text   (sqlite3_stmt *stmt, int col);

/* Scalar queries: one row, one column. */
gboolean      afs_db_query_int64   (AfsDb *db, const char *sql, gint64 *out, GError **error);

G_END_DECLS
