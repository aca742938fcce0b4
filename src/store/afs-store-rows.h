/* afs-store-rows.h: rows written from one list of columns. The SQL and
 * the outbox row of an insert or an update are made from the same list,
 * so a column cannot be stored and not synced, or synced and not stored.
 * And rows read by key, one or a list. Only the afs-store-*.c files
 * include it.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-store-impl.h"

G_BEGIN_DECLS

/* A column and the value it gets. */
typedef struct {
  const char *name;
  AfsValue    value;
} AfsColumn;

/* A column that an update sets, with its value before (for the outbox). */
typedef struct {
  const char *name;
  AfsValue    old_value;
  AfsValue    new_value;
} AfsColumnChange;

typedef enum {
  AFS_ROW_DEFAULT      = 0,
  /* Inserts: the table has no created_at, updated_at and version (the
   * audit trail, which is never updated). */
  AFS_ROW_UNVERSIONED  = 1 << 0,
  /* Write no outbox row now: the caller writes it later with
   * afs_row_journal_insert() or afs_row_journal_update(), where the
   * outbox order wants it (after the audit events of the change). */
  AFS_ROW_NO_JOURNAL   = 1 << 1,
  /* Updates: the outbox row lists only the columns whose value changes
   * (the statement still sets all of them, so its SQL text is the same
   * on every call and stays cached); when none changes, nothing is
   * written at all, not even a new version. */
  AFS_ROW_CHANGED_ONLY = 1 << 2,
} AfsRowFlags;

/* INSERT INTO @table (id, <cols>, created_at, updated_at, version)
 * VALUES (@id, <values>, now, now, 1), and its outbox "insert" row with
 * the same columns (every "old" null). @what says what was being done,
 * for the error ("saving the customer"). */
gboolean  afs_row_insert          (AfsWrite         *w,
                                   const char       *table,
                                   const char       *id,
                                   const AfsColumn  *cols,
                                   guint             n_cols,
                                   const char       *what,
                                   GError          **error);
gboolean  afs_row_insert_full     (AfsWrite         *w,
                                   const char       *table,
                                   const char       *id,
                                   const AfsColumn  *cols,
                                   guint             n_cols,
                                   AfsRowFlags       flags,
                                   const char       *what,
                                   GError          **error);
/* The outbox row of an insert made with %AFS_ROW_NO_JOURNAL. */
gboolean  afs_row_journal_insert  (AfsWrite         *w,
                                   const char       *table,
                                   const char       *id,
                                   const AfsColumn  *cols,
                                   guint             n_cols,
                                   AfsRowFlags       flags,
                                   GError          **error);

/* UPDATE @table SET <set>, version = version + 1, updated_at = now
 *  WHERE @where
 * @where's parameters ?1…?@n_params are @params. Writes one outbox
 * "update" row per row changed: the columns of @set (old → new), then
 * version (n - 1 → n) and updated_at (null → now). @n_rows (optional):
 * how many rows changed. */
gboolean  afs_row_update_where    (AfsWrite               *w,
                                   const char             *table,
                                   const AfsColumnChange  *set,
                                   guint                   n_set,
                                   const char             *where,
                                   const AfsValue         *params,
                                   guint                   n_params,
                                   AfsRowFlags             flags,
                                   const char             *what,
                                   guint                  *n_rows,
                                   GError                **error);
/* The outbox row of a one-row update made with %AFS_ROW_NO_JOURNAL, from
 * version @version (before the update) of row @id. */
gboolean  afs_row_journal_update  (AfsWrite               *w,
                                   const char             *table,
                                   const char             *id,
                                   const AfsColumnChange  *set,
                                   guint                   n_set,
                                   gint64                  version,
                                   AfsRowFlags             flags,
                                   GError                **error);

/* ---- Editing a record by field names (customers, equipment, cases) ---- */

/* Reads, inside @w, the row @sql selects with @id bound to ?1: its
 * columns 0…@n_set - 1 into @set (named @names, old and new value alike,
 * text copied into @texts), then column @n_set into @version. Returns
 * FALSE with @error set when reading fails (@what: "reading the
 * customer"); TRUE otherwise, with @found telling whether there was a
 * row: saying that there was none is the caller's. */
gboolean  afs_row_read_for_update (AfsWrite           *w,
                                   const char         *sql,
                                   const char         *id,
                                   const char *const  *names,
                                   AfsColumnChange    *set,
                                   guint               n_set,
                                   GPtrArray          *texts,
                                   gint64             *version,
                                   gboolean           *found,
                                   const char         *what,
                                   GError            **error);

/* One field name of an edit, found at index @f (-1: no such field).
 * Sets AFS_ERROR_INVALID with @unknown_message (a whole translated
 * sentence, one %s for the name) when there is none, and, when @given
 * is not NULL, refuses a field given twice (then marks it given). */
gboolean  afs_row_check_edit_field (const char  *field,
                                    int          f,
                                    gboolean    *given,
                                    const char  *unknown_message,
                                    GError     **error);

/* An edit made on version @expected (0: not checked) of a record now at
 * @version is refused (AFS_ERROR_CONFLICT) with @message, a whole
 * translated sentence with two %lld: the version, then the expected one.
 * Someone else changed it meanwhile: the edit is not applied over
 * their change. */
gboolean  afs_row_check_version   (gint64       version,
                                   gint64       expected,
                                   const char  *message,
                                   GError     **error);

/* ---- Reading, on the read connection (or the batch's own) ------------- */

/* Fills @out from the current row of @stmt. */
typedef void (*AfsReadRowFunc) (sqlite3_stmt *stmt, gpointer out);

/* The first row @sql selects with @key bound to ?1, read into @out by @read.
 * Returns FALSE with @error set when reading fails (@what says what was
 * being read: "reading the customer"); TRUE otherwise, with @found
 * telling whether there was a row: saying that there was none is the
 * caller's. */
gboolean    afs_row_read_one  (AfsStore        *self,
                               const char      *sql,
                               const char      *key,
                               AfsReadRowFunc   read,
                               gpointer         out,
                               const char      *what,
                               gboolean        *found,
                               GError         **error);

/* Steps @stmt (bound, from afs_db_prepare on @db) to the end, reading each
 * row into a zeroed block of @size bytes with @read. Releases @stmt. For
 * reads with more parameters than afs_row_read_list() binds.
 * Returns: (transfer full) (nullable): the rows, or NULL with @error. */
GPtrArray  *afs_row_collect   (AfsDb           *db,
                               sqlite3_stmt    *stmt,
                               gsize            size,
                               AfsReadRowFunc   read,
                               GDestroyNotify   free_func,
                               const char      *what,
                               GError         **error);

/* Every row @sql selects with @key (may be NULL) bound to ?1, each read
 * by @read into a zeroed block of @size bytes, freed by @free_func.
 * Returns: (transfer full) (nullable): the rows, or NULL with @error set. */
GPtrArray  *afs_row_read_list (AfsStore        *self,
                               const char      *sql,
                               const char      *key,
                               gsize            size,
                               AfsReadRowFunc   read,
                               GDestroyNotify   free_func,
                               const char      *what,
                               GError         **error);

G_END_DECLS
