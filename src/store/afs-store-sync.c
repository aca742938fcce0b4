/* afs-store-sync.c: the store side of sync (see afs-store-sync.h and
 * docs/sync-client.md).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-error.h"
#include "afs-hlc.h"
#include "afs-store-rows.h"
#include "afs-store-sync.h"
#include "afs-sync-fields.h"
#include "afs-uuid.h"

/* Tables of this file only: never pushed, never pulled. */
static const char *const local_tables[] = {
  "meta", "outbox", "sync_state", "case_number_seq", "case_number_blocks",
  "blob_uploads", "sync_evicting", "sync_refused", NULL
};

/* Columns that exist on this device only. */
static gboolean
is_local_column (const char *table,
                 const char *column)
{
  const AfsSyncTable *t = afs_sync_table_lookup (table);

  if (g_str_equal (column, "id"))
    return FALSE;
  return t == NULL || afs_sync_table_get_field (t, column) == NULL;
}

/* ---- Clock ------------------------------------------------------------------ */

static gboolean
ensure_hlc (AfsWrite  *w,
            GError   **error)
{
  g_autofree char *persisted = NULL;
  g_autofree char *outbox_max = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (w->store->hlc != NULL)
    return TRUE;

  /* The greatest of what was persisted at the last ack or pull and what
   * the outbox still holds: monotonic across restarts. */
  stmt = afs_db_prepare (w->db,
                         "SELECT (SELECT hlc FROM sync_state WHERE id = 1),"
                         "       (SELECT MAX (hlc) FROM outbox)",
                         error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      persisted = afs_db_column_dup (stmt, 0);
      outbox_max = afs_db_column_dup (stmt, 1);
    }
  else
    afs_db_set_error (w->db, rc, _("reading the sync clock"), error);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_ROW)
    return FALSE;

  w->store->hlc = afs_hlc_new (w->store->device_id,
                               afs_hlc_compare (persisted, outbox_max) >= 0 ? persisted : outbox_max);
  return TRUE;
}

char *
afs_store_sync_next_hlc (AfsWrite  *w,
                         GError   **error)
{
  if (!ensure_hlc (w, error))
    return NULL;

  return afs_hlc_tick (w->store->hlc, 0);
}

static gboolean
persist_hlc (AfsWrite  *w,
             GError   **error)
{
  g_autofree char *last = afs_hlc_last (w->store->hlc);
  sqlite3_stmt *stmt;

  stmt = afs_db_prepare (w->db,
                         "UPDATE sync_state SET hlc = ?1 WHERE id = 1 AND hlc < ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, last, -1, SQLITE_TRANSIENT);
  return afs_db_step_done (w->db, stmt, _("saving the sync clock"), error);
}

/* ---- Account ------------------------------------------------------------------ */

void
afs_sync_account_clear (AfsSyncAccount *account)
{
  g_clear_pointer (&account->server_url, g_free);
  g_clear_pointer (&account->user_name, g_free);
  g_clear_pointer (&account->staff_id, g_free);
  g_clear_pointer (&account->role, g_free);
  g_clear_pointer (&account->server_id, g_free);
  g_clear_pointer (&account->hlc, g_free);
}

static void
read_account (sqlite3_stmt *stmt,
              gpointer      out)
{
  AfsSyncAccount *a = out;

  a->server_url = afs_db_column_dup (stmt, 0);
  a->user_name = afs_db_column_dup (stmt, 1);
  a->staff_id = afs_db_column_dup (stmt, 2);
  a->role = afs_db_column_dup (stmt, 3);
  a->server_id = afs_db_column_dup (stmt, 4);
  a->cursor = sqlite3_column_int64 (stmt, 5);
  a->acked_seq = sqlite3_column_int64 (stmt, 6);
  a->hlc = afs_db_column_dup (stmt, 7);
  a->last_sync_at = sqlite3_column_int64 (stmt, 8);
}

gboolean
afs_store_sync_get_account (AfsStore        *self,
                            AfsSyncAccount  *out,
                            GError         **error)
{
  gboolean found;

  memset (out, 0, sizeof *out);
  if (!afs_row_read_one (self,
                         "SELECT server_url, user_name, staff_id, role, server_id, cursor,"
                         "       acked_seq, hlc, last_sync_at FROM sync_state WHERE ?1 IS NULL AND id = 1",
                         NULL, read_account, out, _("reading the sync settings"), &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_CORRUPT,
                           _("The sync settings of this database are missing. Restore a backup "
                             "of the database."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec_bound (AfsWrite    *w,
            const char  *sql,
            const char  *what,
            GError     **error,
            ...)
{
  sqlite3_stmt *stmt = afs_db_prepare (w->db, sql, error);
  va_list args;
  int idx = 1;
  const char *type;

  if (stmt == NULL)
    return FALSE;

  /* Pairs: "t" text, "i" gint64; ends with NULL. */
  va_start (args, error);
  while ((type = va_arg (args, const char *)) != NULL)
    {
      if (type[0] == 't')
        sqlite3_bind_text (stmt, idx, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, idx, va_arg (args, gint64));
      idx++;
    }
  va_end (args);

  return afs_db_step_done (w->db, stmt, what, error);
}

/* AUTOINCREMENT numbers after the largest of sqlite_sequence and the
 * rows present: the next change gets a number above @at_least. */
static gboolean
raise_outbox_sequence (AfsWrite    *w,
                       gint64       at_least,
                       const char  *what,
                       GError     **error)
{
  return exec_bound (w,
                     "INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox', 0"
                     " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox')",
                     what, error, NULL) &&
         exec_bound (w, "UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'outbox' AND seq < ?1",
                     what, error, "i", at_least, NULL);
}

gboolean
afs_store_sync_set_account (AfsStore    *self,
                            const char  *server_url,
                            const char  *user_name,
                            const char  *staff_id,
                            const char  *role,
                            const char  *server_id,
                            gint64       server_last_seq,
                            GError     **error)
{
  AfsWrite w;
  gboolean ok;

  g_return_val_if_fail (server_url != NULL && user_name != NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  /* Another server or another user sees other rows: pull from 0. The
   * same server (its id) at a new address keeps its place. */
  ok = exec_bound (&w,
                   "UPDATE sync_state SET cursor = 0"
                   " WHERE id = 1 AND (user_name IS NOT ?2 OR server_id IS NOT ?3"
                   "                   OR (?3 IS NULL AND server_url IS NOT ?1))",
                   _("saving the sync settings"), error,
                   "t", server_url, "t", user_name, "t", server_id, NULL);
  ok = ok && exec_bound (&w,
                         "UPDATE sync_state SET server_url = ?1, user_name = ?2, staff_id = ?3,"
                         " role = ?4, server_id = ?5 WHERE id = 1",
                         _("saving the sync settings"), error,
                         "t", server_url, "t", user_name, "t", staff_id, "t", role,
                         "t", server_id, NULL);
  /* In the same transaction: a crash must not leave the account saved
   * and the numbering still below what the server applied. */
  ok = ok && raise_outbox_sequence (&w, server_last_seq, _("saving the sync settings"), error);

  return afs_store_write_end (&w, ok, error);
}

gboolean
afs_store_sync_set_last_sync (AfsStore  *self,
                              gint64     unix_time,
                              GError   **error)
{
  AfsWrite w;
  gboolean ok;

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  ok = exec_bound (&w, "UPDATE sync_state SET last_sync_at = ?1 WHERE id = 1",
                   _("saving the sync settings"), error, "i", unix_time, NULL);
  return afs_store_write_end (&w, ok, error);
}

gboolean
afs_store_sync_reset_cursor (AfsStore  *self,
                             GError   **error)
{
  AfsWrite w;
  gboolean ok;

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  ok = exec_bound (&w, "UPDATE sync_state SET cursor = 0 WHERE id = 1",
                   _("saving the sync settings"), error, NULL);
  return afs_store_write_end (&w, ok, error);
}

gboolean
afs_store_sync_note_server_seq (AfsStore  *self,
                                gint64     last_seq,
                                GError   **error)
{
  AfsWrite w;
  gboolean ok;

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  ok = raise_outbox_sequence (&w, last_seq, _("saving the sync settings"), error);
  return afs_store_write_end (&w, ok, error);
}

/* ---- Outbox ---------------------------------------------------------------------- */

void
afs_outbox_entry_free (AfsOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->table_name);
  g_free (entry->row_id);
  g_free (entry->op);
  g_free (entry->hlc);
  g_free (entry->changes);
  g_free (entry);
}

GPtrArray *
afs_store_sync_outbox_batch (AfsStore  *self,
                             gint64     after_seq,
                             guint      limit,
                             GError   **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_outbox_entry_free);
  sqlite3_stmt *stmt;
  AfsDb *db;
  int rc;

  db = afs_store_lock_reader (self);
  stmt = afs_db_prepare (db,
                         "SELECT seq, table_name, row_id, op, hlc, changes, created_at"
                         "  FROM outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                         error);
  if (stmt == NULL)
    {
      afs_store_unlock_reader (self, db);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, after_seq);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AfsOutboxEntry *e = g_new0 (AfsOutboxEntry, 1);

      e->seq = sqlite3_column_int64 (stmt, 0);
      e->table_name = afs_db_column_dup (stmt, 1);
      e->row_id = afs_db_column_dup (stmt, 2);
      e->op = afs_db_column_dup (stmt, 3);
      e->hlc = afs_db_column_dup (stmt, 4);
      e->changes = afs_db_column_dup (stmt, 5);
      e->created_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (result, e);
    }
  if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, _("reading the changes to send"), error);
  afs_db_stmt_release (stmt);
  afs_store_unlock_reader (self, db);

  return rc == SQLITE_DONE ? g_steal_pointer (&result) : NULL;
}

gboolean
afs_store_sync_ack (AfsStore  *self,
                    gint64     acked_seq,
                    guint     *n_deleted,
                    GError   **error)
{
  AfsWrite w;
  gboolean ok;

  if (n_deleted != NULL)
    *n_deleted = 0;
  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  /* The clock survives the rows that carried it. */
  ok = ensure_hlc (&w, error) && persist_hlc (&w, error);
  ok = ok && exec_bound (&w, "DELETE FROM outbox WHERE seq <= ?1",
                         _("removing the changes the server has"), error, "i", acked_seq, NULL);
  if (ok && n_deleted != NULL)
    *n_deleted = sqlite3_changes (afs_db_get_handle (w.db));
  ok = ok && exec_bound (&w, "UPDATE sync_state SET acked_seq = ?1 WHERE id = 1 AND acked_seq < ?1",
                         _("removing the changes the server has"), error, "i", acked_seq, NULL);

  return afs_store_write_end (&w, ok, error);
}

static gint64
query_count (AfsStore    *self,
             const char  *sql,
             const char  *what,
             GError     **error)
{
  AfsDb *db = afs_store_lock_reader (self);
  sqlite3_stmt *stmt = afs_db_prepare (db, sql, error);
  gint64 n = -1;
  int rc;

  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      else
        afs_db_set_error (db, rc, what, error);
      afs_db_stmt_release (stmt);
    }
  afs_store_unlock_reader (self, db);
  return n;
}

#define UNCONFIRMED_BLOBS_SQL \
  "SELECT p.sha256, MIN (p.created_at) AS first FROM photos p" \
  " WHERE NOT EXISTS (SELECT 1 FROM blob_uploads b WHERE b.sha256 = p.sha256)" \
  " GROUP BY p.sha256"

gint64
afs_store_sync_pending_count (AfsStore  *self,
                              GError   **error)
{
  return query_count (self,
                      "SELECT (SELECT count (*) FROM outbox)"
                      "     + (SELECT count (*) FROM (" UNCONFIRMED_BLOBS_SQL "))",
                      _("counting the changes to send"), error);
}

void
afs_pending_change_free (AfsPendingChange *change)
{
  if (change == NULL)
    return;
  g_free (change->table_name);
  g_free (change->row_id);
  g_free (change->op);
  g_free (change->case_number);
  g_free (change->reason);
  g_free (change->changes);
  g_free (change);
}

static void
read_pending (sqlite3_stmt *stmt,
              gpointer      out)
{
  AfsPendingChange *c = out;

  c->seq = sqlite3_column_int64 (stmt, 0);
  c->table_name = afs_db_column_dup (stmt, 1);
  c->row_id = afs_db_column_dup (stmt, 2);
  c->op = afs_db_column_dup (stmt, 3);
  c->created_at = sqlite3_column_int64 (stmt, 4);
  c->case_number = afs_db_column_dup (stmt, 5);
}

GPtrArray *
afs_store_list_pending (AfsStore  *self,
                        GError   **error)
{
  /* The case is the row itself, or named in the change (case_id), or
   * the case of an audit event. */
  return afs_row_read_list (self,
                            "SELECT o.seq, o.table_name, o.row_id, o.op, o.created_at,"
                            "       (SELECT c.number FROM cases c WHERE c.id = CASE"
                            "          WHEN o.table_name = 'cases' THEN o.row_id"
                            "          ELSE json_extract (o.changes, '$.case_id.new') END)"
                            "  FROM outbox o WHERE ?1 IS NULL ORDER BY o.seq",
                            NULL, sizeof (AfsPendingChange), read_pending,
                            (GDestroyNotify) afs_pending_change_free,
                            _("listing the changes to send"), error);
}

gboolean
afs_store_sync_discard_outbox (AfsStore  *self,
                               GError   **error)
{
  AfsWrite w;
  gboolean ok;

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  ok = ensure_hlc (&w, error) && persist_hlc (&w, error);
  ok = ok && exec_bound (&w, "DELETE FROM outbox", _("discarding the changes not sent"), error, NULL);
  return afs_store_write_end (&w, ok, error);
}

gboolean
afs_store_sync_set_aside (AfsStore    *self,
                          gint64       seq,
                          const char  *reason,
                          GError     **error)
{
  AfsWrite w;
  gboolean ok;
  gint64 present = 0;
  g_autofree char *q = g_strdup_printf ("SELECT count (*) FROM outbox WHERE seq = %lld",
                                        (long long) seq);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  ok = afs_db_query_int64 (w.db, q, &present, error);
  if (ok && present == 0)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                   _("The server refused change %lld, which is no longer waiting here. Sync again."),
                   (long long) seq);
      ok = FALSE;
    }
  ok = ok && exec_bound (&w,
                         "INSERT INTO sync_refused (seq, device_id, table_name, row_id, op, changes,"
                         "                          hlc, created_at, refused_at, reason)"
                         " SELECT seq, device_id, table_name, row_id, op, changes, hlc, created_at,"
                         "        ?2, ?3 FROM outbox WHERE seq = ?1",
                         _("setting the refused change aside"), error,
                         "i", seq, "i", w.now, "t", reason, NULL);
  ok = ok && exec_bound (&w, "DELETE FROM outbox WHERE seq = ?1",
                         _("setting the refused change aside"), error, "i", seq, NULL);
  /* The server needs numbers without gaps and has applied none from
   * @seq on: the later changes move down by one (through negative
   * numbers, so no two rows ever share one), and so does the sequence. */
  ok = ok && exec_bound (&w, "UPDATE outbox SET seq = -seq WHERE seq > ?1",
                         _("setting the refused change aside"), error, "i", seq, NULL);
  ok = ok && exec_bound (&w, "UPDATE outbox SET seq = -seq - 1 WHERE seq < 0",
                         _("setting the refused change aside"), error, NULL);
  ok = ok && exec_bound (&w, "UPDATE sqlite_sequence SET seq = seq - 1 WHERE name = 'outbox'",
                         _("setting the refused change aside"), error, NULL);

  return afs_store_write_end (&w, ok, error);
}

gboolean
afs_store_sync_renumber (AfsStore  *self,
                         gint64     from_seq,
                         gint64     expected,
                         GError   **error)
{
  AfsWrite w;
  gboolean ok;
  gint64 present = 0, top = 0;
  g_autofree char *q = g_strdup_printf ("SELECT count (*) FROM outbox WHERE seq = %lld",
                                        (long long) from_seq);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  ok = afs_db_query_int64 (w.db, q, &present, error);
  if (ok && (present == 0 || expected <= from_seq))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                   _("The server asked to number change %lld as %lld, which cannot be done "
                     "here. Nothing was changed; sync again."),
                   (long long) from_seq, (long long) expected);
      ok = FALSE;
    }
  /* The changes before @from_seq were sent in the same batch and the
   * server found them applied already (true replays: the same clocks), as
   * a 200 would have said: they go, as in afs_store_sync_ack(). */
  ok = ok && ensure_hlc (&w, error) && persist_hlc (&w, error);
  ok = ok && exec_bound (&w, "DELETE FROM outbox WHERE seq < ?1",
                         _("numbering the changes to send"), error, "i", from_seq, NULL);
  /* @from_seq and the later changes move up to start at @expected, in
   * their order (through negative numbers, as afs_store_sync_set_aside()
   * does, so no two rows ever share one)… */
  ok = ok && exec_bound (&w, "UPDATE outbox SET seq = -(seq - ?1 + ?2) WHERE seq >= ?1",
                         _("numbering the changes to send"), error,
                         "i", from_seq, "i", expected, NULL);
  ok = ok && exec_bound (&w, "UPDATE outbox SET seq = -seq WHERE seq < 0",
                         _("numbering the changes to send"), error, NULL);
  /* …and the next change is numbered after them. */
  ok = ok && afs_db_query_int64 (w.db, "SELECT coalesce (max (seq), 0) FROM outbox", &top, error);
  ok = ok && raise_outbox_sequence (&w, top, _("numbering the changes to send"), error);

  return afs_store_write_end (&w, ok, error);
}

gint64
afs_store_sync_refused_count (AfsStore  *self,
                              GError   **error)
{
  return query_count (self, "SELECT count (*) FROM sync_refused",
                      _("counting the refused changes"), error);
}

static void
read_refused (sqlite3_stmt *stmt,
              gpointer      out)
{
  AfsPendingChange *c = out;

  read_pending (stmt, out);
  c->reason = afs_db_column_dup (stmt, 6);
  c->refused_id = sqlite3_column_int64 (stmt, 7);
  c->changes = afs_db_column_dup (stmt, 8);
  c->refused_at = sqlite3_column_int64 (stmt, 9);
}

GPtrArray *
afs_store_list_refused (AfsStore  *self,
                        GError   **error)
{
  /* A report draft's row is its case. */
  return afs_row_read_list (self,
                            "SELECT o.seq, o.table_name, o.row_id, o.op, o.created_at,"
                            "       (SELECT c.number FROM cases c WHERE c.id = CASE"
                            "          WHEN o.table_name IN ('cases', 'report_drafts') THEN o.row_id"
                            "          ELSE json_extract (o.changes, '$.case_id.new') END),"
                            "       o.reason, o.rowid, o.changes, o.refused_at"
                            "  FROM sync_refused o WHERE ?1 IS NULL ORDER BY o.refused_at, o.seq, o.rowid",
                            NULL, sizeof (AfsPendingChange), read_refused,
                            (GDestroyNotify) afs_pending_change_free,
                            _("listing the refused changes"), error);
}

gboolean
afs_store_dismiss_refused (AfsStore  *self,
                           gint64     refused_id,
                           GError   **error)
{
  AfsWrite w;
  gboolean ok;

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  ok = exec_bound (&w, "DELETE FROM sync_refused WHERE rowid = ?1",
                   _("deleting the set-aside change"), error, "i", refused_id, NULL);
  if (ok && sqlite3_changes (afs_db_get_handle (w.db)) == 0)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                   _("That set-aside change is no longer on this computer. Nothing was deleted."));
      ok = FALSE;
    }
  return afs_store_write_end (&w, ok, error);
}

/* ---- Schema knowledge for pulls and hashes ------------------------------------------ */

typedef struct {
  char *child;
  char *column;
  char *parent;
} FkRef;

static void
fk_ref_free (gpointer data)
{
  FkRef *ref = data;

  g_free (ref->child);
  g_free (ref->column);
  g_free (ref->parent);
  g_free (ref);
}

typedef struct {
  GHashTable *columns;   /* table -> GHashTable (column name set) */
  GPtrArray  *tables;    /* synchronised table names, sorted */
  GPtrArray  *refs;      /* FkRef* */
} Schema;

static void
schema_clear (Schema *schema)
{
  g_clear_pointer (&schema->columns, g_hash_table_unref);
  g_clear_pointer (&schema->tables, g_ptr_array_unref);
  g_clear_pointer (&schema->refs, g_ptr_array_unref);
}

static gboolean
schema_load (AfsDb    *db,
             Schema   *schema,
             GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  schema->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
  schema->tables = g_ptr_array_new_with_free_func (g_free);
  schema->refs = g_ptr_array_new_with_free_func (fk_ref_free);

  stmt = afs_db_prepare (db,
                         "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info (m.name) p"
                         " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
                         "   AND m.name NOT LIKE 'case_fts%' ORDER BY m.name, p.cid",
                         error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *table = afs_db_column_text (stmt, 0);
      GHashTable *cols;

      /* Only what the protocol syncs (afs-sync-fields.c): other tables
       * of this file (search indexes, drafts) stay local. */
      if (g_strv_contains (local_tables, table) || afs_sync_table_lookup (table) == NULL)
        continue;
      cols = g_hash_table_lookup (schema->columns, table);
      if (cols == NULL)
        {
          cols = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (schema->columns, g_strdup (table), cols);
        }
      g_hash_table_add (cols, g_strdup (afs_db_column_text (stmt, 1)));
    }
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_DONE)
    {
      afs_db_set_error (db, rc, _("reading the database schema"), error);
      return FALSE;
    }

  /* Only tables keyed by a text id take part; sorted by name. */
  {
    GHashTableIter iter;
    gpointer key, value;
    GList *keys;

    g_hash_table_iter_init (&iter, schema->columns);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (!g_hash_table_contains (value, "id"))
        g_hash_table_iter_remove (&iter);
    keys = g_list_sort (g_hash_table_get_keys (schema->columns), (GCompareFunc) g_strcmp0);
    for (GList *l = keys; l != NULL; l = l->next)
      g_ptr_array_add (schema->tables, g_strdup (l->data));
    g_list_free (keys);
  }

  stmt = afs_db_prepare (db,
                         "SELECT m.name, f.\"from\", f.\"table\" FROM sqlite_master m,"
                         "       pragma_foreign_key_list (m.name) f WHERE m.type = 'table'",
                         error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FkRef *ref = g_new0 (FkRef, 1);

      ref->child = afs_db_column_dup (stmt, 0);
      ref->column = afs_db_column_dup (stmt, 1);
      ref->parent = afs_db_column_dup (stmt, 2);
      g_ptr_array_add (schema->refs, ref);
    }
  afs_db_stmt_release (stmt);
  /* The audit trail and conflicts name their case without a foreign key
   * on every version of the schema; the cascade must know. */
  if (rc == SQLITE_DONE && g_hash_table_contains (schema->columns, "conflicts"))
    {
      FkRef *ref = g_new0 (FkRef, 1);

      ref->child = g_strdup ("conflicts");
      ref->column = g_strdup ("case_id");
      ref->parent = g_strdup ("cases");
      g_ptr_array_add (schema->refs, ref);
    }
  if (rc != SQLITE_DONE)
    {
      afs_db_set_error (db, rc, _("reading the database schema"), error);
      return FALSE;
    }

  return TRUE;
}

static GHashTable *
schema_columns (Schema     *schema,
                const char *table)
{
  return g_hash_table_lookup (schema->columns, table);
}

/* ---- Pull -------------------------------------------------------------------------------- */

static gboolean
set_invalid_change (GError                **error,
                    const AfsPulledChange  *c,
                    const char             *problem)
{
  g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
               /* Translators: %lld is a number from the server, %s a problem */
               _("The server sent a change this version of AfterSales cannot store (change %lld: "
                 "%s). Nothing of this page was stored. Update AfterSales, or tell the office "
                 "administrator."),
               (long long) c->server_seq, problem);
  return FALSE;
}

/* The fields of @c that wait in the outbox: a pulled value must not
 * overwrite them. */
static GHashTable *
pending_fields (AfsWrite     *w,
                const char   *table,
                const char   *row_id,
                GError      **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = afs_db_prepare (w->db,
                         "SELECT DISTINCT j.key FROM outbox o, json_each (o.changes) j"
                         " WHERE o.table_name = ?1 AND o.row_id = ?2",
                         error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, afs_db_column_dup (stmt, 0));
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_DONE)
    {
      afs_db_set_error (w->db, rc, _("reading the changes to send"), error);
      return NULL;
    }
  return g_steal_pointer (&set);
}

static gboolean
row_exists (AfsWrite    *w,
            const char  *table,
            const char  *id,
            gboolean    *exists,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" WHERE id = ?1", table);
  sqlite3_stmt *stmt = afs_db_prepare (w->db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      afs_db_set_error (w->db, rc, _("storing the changes from the server"), error);
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

/* The case local ids whose search row a change of @table/@id touches. */
static gboolean
queue_reindex (AfsWrite    *w,
               const char  *table,
               const char  *id,
               Schema      *schema,
               GError     **error)
{
  const char *sql;

  if (g_str_equal (table, "cases"))
    sql = "SELECT local_id FROM cases WHERE id = ?1";
  else if (g_str_equal (table, "customers"))
    sql = "SELECT local_id FROM cases WHERE customer_id = ?1";
  else if (g_str_equal (table, "equipment"))
    sql = "SELECT local_id FROM cases WHERE equipment_id = ?1";
  else if (g_str_equal (table, "reports"))
    sql = "SELECT c.local_id FROM cases c JOIN reports r ON r.case_id = c.id WHERE r.id = ?1";
  else
    return TRUE;

  return afs_store_queue_reindex_cases (w, sql, id, error);
}

static gboolean
apply_fields (AfsWrite               *w,
              Schema                 *schema,
              const AfsPulledChange  *c,
              AfsPullStats           *stats,
              GError                **error)
{
  GHashTable *cols = schema_columns (schema, c->table_name);
  g_autoptr(GHashTable) pending = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gboolean exists;
  gboolean ok;
  int rc;

  if (c->fields == NULL)
    return set_invalid_change (error, c, "no fields");

  /* The field names, checked against the table (they become SQL). */
  stmt = afs_db_prepare (w->db, "SELECT key FROM json_each (?1) WHERE json_valid (?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->fields, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, afs_db_column_dup (stmt, 0));
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_DONE)
    return set_invalid_change (error, c, "fields are not a JSON object");

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];

      if (!g_hash_table_contains (cols, name) || is_local_column (c->table_name, name))
        {
          g_autofree char *problem = g_strdup_printf ("unknown field %s.%s", c->table_name, name);
          return set_invalid_change (error, c, problem);
        }
    }

  pending = pending_fields (w, c->table_name, c->row_id, error);
  if (pending == NULL)
    return FALSE;
  if (!row_exists (w, c->table_name, c->row_id, &exists, error))
    return FALSE;

  /* The audit trail is append-only: a row we have is the same row. */
  if (exists && g_str_equal (c->table_name, "audit"))
    {
      stats->applied++;
      return TRUE;
    }

  if (exists)
    {
      guint n_set = 0;

      g_string_printf (sql, "UPDATE \"%s\" SET ", c->table_name);
      for (guint i = 0; i < names->len; i++)
        {
          const char *name = names->pdata[i];

          if (g_str_equal (name, "id"))
            continue;
          if (g_hash_table_contains (pending, name))
            {
              stats->kept_pending++;
              continue;
            }
          if (n_set++ > 0)
            g_string_append (sql, ", ");
          g_string_append_printf (sql, "\"%s\" = json_extract (?1, '$.\"%s\"')", name, name);
        }
      if (n_set == 0)
        return TRUE;
      g_string_append (sql, " WHERE id = ?2");
    }
  else
    {
      g_string_printf (sql, "INSERT INTO \"%s\" (id", c->table_name);
      for (guint i = 0; i < names->len; i++)
        if (!g_str_equal (names->pdata[i], "id"))
          g_string_append_printf (sql, ", \"%s\"", (const char *) names->pdata[i]);
      g_string_append (sql, ") VALUES (?2");
      for (guint i = 0; i < names->len; i++)
        if (!g_str_equal (names->pdata[i], "id"))
          g_string_append_printf (sql, ", json_extract (?1, '$.\"%s\"')",
                                  (const char *) names->pdata[i]);
      g_string_append (sql, ")");
    }

  stmt = afs_db_prepare (w->db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->fields, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, c->row_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  ok = rc == SQLITE_DONE;
  if (!ok)
    {
      g_autofree char *problem = g_strdup_printf ("%s %s: %s", c->table_name, c->op,
                                                  sqlite3_errmsg (afs_db_get_handle (w->db)));
      afs_db_stmt_release (stmt);
      return set_invalid_change (error, c, problem);
    }
  afs_db_stmt_release (stmt);

  stats->applied++;
  if (g_str_equal (c->table_name, "conflicts"))
    stats->conflicts++;

  /* A photo the server sent is one the server has. */
  if (g_str_equal (c->table_name, "photos"))
    {
      if (!exec_bound (w,
                       "INSERT INTO blob_uploads (sha256, size, confirmed_at)"
                       " SELECT sha256, NULL, ?2 FROM photos WHERE id = ?1"
                       " ON CONFLICT (sha256) DO NOTHING",
                       _("storing the changes from the server"), error,
                       "t", c->row_id, "i", w->now, NULL))
        return FALSE;
    }

  return queue_reindex (w, c->table_name, c->row_id, schema, error);
}

static gboolean evict_row (AfsWrite *w, Schema *schema, const char *table, const char *id,
                           gboolean cascade, AfsPullStats *stats, GError **error);

/* Rows of @ref->child that refer to @id (char* elements). */
static GPtrArray *
referring_rows (AfsWrite     *w,
                const FkRef  *ref,
                const char   *id,
                GError      **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM \"%s\" WHERE \"%s\" = ?1",
                                          ref->child, ref->column);
  sqlite3_stmt *stmt = afs_db_prepare (w->db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, afs_db_column_dup (stmt, 0));
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_DONE)
    {
      afs_db_set_error (w->db, rc, _("removing rows that left this device's scope"), error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Removes a row that left this device's scope. A case takes its own rows
 * with it (reports, photos, audit trail...); any other row stays while
 * something on the device still refers to it (a customer with another
 * case in scope). The outbox is never touched. */
static gboolean
evict_row (AfsWrite      *w,
           Schema        *schema,
           const char    *table,
           const char    *id,
           gboolean       cascade,
           AfsPullStats  *stats,
           GError       **error)
{
  g_autofree char *sql = NULL;
  gboolean is_case = g_str_equal (table, "cases");

  if (is_case)
    {
      cascade = TRUE;
      if (!queue_reindex (w, "cases", id, schema, error))
        return FALSE;
      if (!exec_bound (w, "INSERT OR IGNORE INTO sync_evicting (case_id) VALUES (?1)",
                       _("removing rows that left this device's scope"), error, "t", id, NULL))
        return FALSE;
    }

  for (guint i = 0; i < schema->refs->len; i++)
    {
      const FkRef *ref = schema->refs->pdata[i];
      g_autoptr(GPtrArray) ids = NULL;

      if (!g_str_equal (ref->parent, table))
        continue;
      if (schema_columns (schema, ref->child) == NULL)
        {
          /* A local table (a report draft): its rows of a case that left
           * go with it, or the case could not go. */
          g_autofree char *del = NULL;

          if (!cascade)
            continue;
          /* A report draft is work typed here that never reached the
           * office: it is set aside with the refused changes, never lost. */
          if (g_str_equal (ref->child, "report_drafts") &&
              !exec_bound (w,
                           "INSERT INTO sync_refused (seq, device_id, table_name, row_id, op, changes,"
                           "                          hlc, created_at, refused_at, reason)"
                           " SELECT 0, ?2, 'report_drafts', case_id, 'draft',"
                           "        json_object ('body', body), '', saved_at, ?3, ?4"
                           "   FROM report_drafts WHERE case_id = ?1",
                           _("removing rows that left this device's scope"), error,
                           "t", id, "t", w->store->device_id, "i", w->now,
                           "t", _("The case was assigned to someone else before this report "
                                  "draft reached the office. It is kept here; give its text to "
                                  "the office."),
                           NULL))
            return FALSE;
          del = g_strdup_printf ("DELETE FROM \"%s\" WHERE \"%s\" = ?1", ref->child, ref->column);
          if (!exec_bound (w, del, _("removing rows that left this device's scope"), error,
                           "t", id, NULL))
            return FALSE;
          continue;
        }
      ids = referring_rows (w, ref, id, error);
      if (ids == NULL)
        return FALSE;
      if (ids->len > 0 && !cascade)
        return TRUE;   /* still needed here */
      for (guint k = 0; k < ids->len; k++)
        if (!evict_row (w, schema, ref->child, ids->pdata[k], TRUE, stats, error))
          return FALSE;
    }

  /* An audit event alone (the server evicts every row of the case):
   * the trail allows it only for a case marked as leaving. */
  if (g_str_equal (table, "audit"))
    {
      g_autofree char *case_id = NULL;
      sqlite3_stmt *stmt = afs_db_prepare (w->db, "SELECT case_id FROM audit WHERE id = ?1", error);
      gboolean marked;
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        case_id = afs_db_column_dup (stmt, 0);
      afs_db_stmt_release (stmt);
      if (case_id == NULL)
        return TRUE;   /* not here (any more) */

      if (!exec_bound (w, "INSERT OR IGNORE INTO sync_evicting (case_id) VALUES (?1)",
                       _("removing rows that left this device's scope"), error, "t", case_id, NULL))
        return FALSE;
      marked = sqlite3_changes (afs_db_get_handle (w->db)) > 0;
      if (!exec_bound (w, "DELETE FROM audit WHERE id = ?1",
                       _("removing rows that left this device's scope"), error, "t", id, NULL))
        return FALSE;
      stats->evicted++;
      /* Unmark only what this call marked, not a case being evicted. */
      return !marked || exec_bound (w, "DELETE FROM sync_evicting WHERE case_id = ?1",
                                    _("removing rows that left this device's scope"), error,
                                    "t", case_id, NULL);
    }

  sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE id = ?1", table);
  if (!exec_bound (w, sql, _("removing rows that left this device's scope"), error, "t", id, NULL))
    return FALSE;
  if (sqlite3_changes (afs_db_get_handle (w->db)) > 0)
    stats->evicted++;

  if (is_case)
    return exec_bound (w, "DELETE FROM sync_evicting WHERE case_id = ?1",
                       _("removing rows that left this device's scope"), error, "t", id, NULL);
  return TRUE;
}

gboolean
afs_store_sync_apply_pulled (AfsStore               *self,
                             const AfsPulledChange  *changes,
                             guint                   n_changes,
                             gint64                  cursor,
                             AfsPullStats           *stats,
                             GError                **error)
{
  AfsPullStats local_stats = { 0 };
  Schema schema = { 0 };
  AfsWrite w;
  gboolean ok;

  if (stats == NULL)
    stats = &local_stats;
  memset (stats, 0, sizeof *stats);

  /* The server sends each row once, at the number of its latest change,
   * so a case updated after its audit events comes after them, maybe a
   * page later (a first pull, a case entering the scope). The rows are
   * the server's, which keeps them whole: their references are not
   * checked here, only between local writes. PRAGMA foreign_keys works
   * only outside a transaction: switched off under the write lock for
   * this write alone. */
  afs_db_lock (self->wdb);
  if (afs_db_get_depth (self->wdb) > 0)
    {
      afs_db_unlock (self->wdb);
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FAILED,
                           "afs_store_sync_apply_pulled() inside a batch");
      return FALSE;
    }
  if (!afs_db_exec (self->wdb, "PRAGMA foreign_keys = OFF", error))
    {
      afs_db_unlock (self->wdb);
      return FALSE;
    }
  if (!afs_store_write_begin (self, &w, error))
    {
      afs_db_exec (self->wdb, "PRAGMA foreign_keys = ON", NULL);
      afs_db_unlock (self->wdb);
      return FALSE;
    }

  ok = schema_load (w.db, &schema, error);
  ok = ok && ensure_hlc (&w, error);

  for (guint i = 0; ok && i < n_changes; i++)
    {
      const AfsPulledChange *c = &changes[i];

      if (c->table_name == NULL || schema_columns (&schema, c->table_name) == NULL)
        {
          g_autofree char *problem = g_strdup_printf ("unknown table %s",
                                                      c->table_name ? c->table_name : "(none)");
          ok = set_invalid_change (error, c, problem);
          break;
        }
      if (c->row_id == NULL || !afs_uuid_is_valid (c->row_id))
        {
          ok = set_invalid_change (error, c, "row id is not a UUID");
          break;
        }
      if (c->hlc != NULL)
        afs_hlc_observe (self->hlc, c->hlc, 0);

      if (g_strcmp0 (c->op, "evict") == 0)
        ok = evict_row (&w, &schema, c->table_name, c->row_id, FALSE, stats, error);
      else if (g_strcmp0 (c->op, "insert") == 0 || g_strcmp0 (c->op, "update") == 0 ||
               g_strcmp0 (c->op, "upsert") == 0 || g_strcmp0 (c->op, "delete") == 0)
        ok = apply_fields (&w, &schema, c, stats, error);
      else
        ok = set_invalid_change (error, c, "unknown op");
    }

  ok = ok && persist_hlc (&w, error);
  ok = ok && exec_bound (&w, "UPDATE sync_state SET cursor = ?1 WHERE id = 1",
                         _("storing the changes from the server"), error, "i", cursor, NULL);
  schema_clear (&schema);

  ok = afs_store_write_end (&w, ok, error);
  if (!afs_db_exec (self->wdb, "PRAGMA foreign_keys = ON", ok ? error : NULL))
    ok = FALSE;
  afs_db_unlock (self->wdb);
  return ok;
}

/* ---- Blobs ------------------------------------------------------------------------------------ */

/* The first column of every row of @sql (char* elements), read outside
 * any write; @what names the step in an error message. */
static GPtrArray *
query_texts (AfsStore    *self,
             const char  *sql,
             const char  *what,
             GError     **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  AfsDb *db = afs_store_lock_reader (self);
  sqlite3_stmt *stmt = afs_db_prepare (db, sql, error);
  int rc = SQLITE_ERROR;

  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (result, afs_db_column_dup (stmt, 0));
      if (rc != SQLITE_DONE)
        afs_db_set_error (db, rc, what, error);
      afs_db_stmt_release (stmt);
    }
  afs_store_unlock_reader (self, db);

  return rc == SQLITE_DONE ? g_steal_pointer (&result) : NULL;
}

GPtrArray *
afs_store_sync_unconfirmed_blobs (AfsStore  *self,
                                  GError   **error)
{
  return query_texts (self, UNCONFIRMED_BLOBS_SQL " ORDER BY first",
                      _("listing the photos to send"), error);
}

gboolean
afs_store_sync_confirm_blob (AfsStore    *self,
                             const char  *sha256,
                             gint64       size,
                             GError     **error)
{
  AfsWrite w;
  gboolean ok;

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  ok = exec_bound (&w,
                   "INSERT INTO blob_uploads (sha256, size, confirmed_at) VALUES (?1, ?2, ?3)"
                   " ON CONFLICT (sha256) DO UPDATE SET size = excluded.size",
                   _("noting the photo the server has"), error,
                   "t", sha256, "i", size, "i", w.now, NULL);
  return afs_store_write_end (&w, ok, error);
}

gboolean
afs_store_sync_unconfirm_blob (AfsStore    *self,
                               const char  *sha256,
                               GError     **error)
{
  AfsWrite w;
  gboolean ok;

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  ok = exec_bound (&w, "DELETE FROM blob_uploads WHERE sha256 = ?1",
                   _("noting the photo the server has"), error, "t", sha256, NULL);
  return afs_store_write_end (&w, ok, error);
}

GPtrArray *
afs_store_sync_photo_blobs (AfsStore  *self,
                            GError   **error)
{
  return query_texts (self,
                      "SELECT DISTINCT sha256 FROM photos WHERE deleted_at IS NULL ORDER BY sha256",
                      _("listing the photos"), error);
}

gboolean
afs_store_sync_blob_confirmed (AfsStore    *self,
                               const char  *sha256,
                               gboolean    *confirmed,
                               GError     **error)
{
  AfsDb *db = afs_store_lock_reader (self);
  sqlite3_stmt *stmt = afs_db_prepare (db, "SELECT 1 FROM blob_uploads WHERE sha256 = ?1", error);
  int rc = SQLITE_ERROR;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        afs_db_set_error (db, rc, _("reading the photos sent"), error);
      afs_db_stmt_release (stmt);
    }
  afs_store_unlock_reader (self, db);
  *confirmed = rc == SQLITE_ROW;

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* ---- Case number blocks ------------------------------------------------------------------- */

gboolean
afs_store_sync_add_number_block (AfsStore  *self,
                                 int        year,
                                 gint64     first,
                                 gint64     last,
                                 GError   **error)
{
  AfsWrite w;
  gboolean ok;

  if (first < 1 || last < first)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("The server leased case numbers %lld to %lld, which is not a valid range. "
                     "Tell the office administrator."),
                   (long long) first, (long long) last);
      return FALSE;
    }

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  ok = exec_bound (&w,
                   "INSERT INTO case_number_blocks (year, first, last, next) VALUES (?1, ?2, ?3, ?2)"
                   " ON CONFLICT (year, first) DO NOTHING",
                   _("saving the case numbers leased"), error,
                   "i", (gint64) year, "i", first, "i", last, NULL);
  return afs_store_write_end (&w, ok, error);
}

gboolean
afs_store_take_case_number (AfsWrite  *w,
                            int        year,
                            gint64    *seq,
                            GError   **error)
{
  static const char *const sqls[] = {
    /* The lowest block with numbers left. */
    "UPDATE case_number_blocks SET next = next + 1"
    " WHERE rowid = (SELECT rowid FROM case_number_blocks"
    "                 WHERE year = ?1 AND next <= last ORDER BY first LIMIT 1)"
    " RETURNING next - 1",
    "INSERT INTO case_number_seq (year, last) VALUES (?1, 1)"
    " ON CONFLICT (year) DO UPDATE SET last = last + 1"
    " RETURNING last",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
    {
      sqlite3_stmt *stmt = afs_db_prepare (w->db, sqls[i], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, year);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        *seq = sqlite3_column_int64 (stmt, 0);
      else if (rc != SQLITE_DONE)
        afs_db_set_error (w->db, rc, _("numbering the case"), error);
      afs_db_stmt_release (stmt);
      if (rc == SQLITE_ROW)
        return TRUE;
      if (rc != SQLITE_DONE)
        return FALSE;
    }

  g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FAILED, _("numbering the case"));
  return FALSE;
}

gint64
afs_store_sync_numbers_left (AfsStore  *self,
                             int        year,
                             GError   **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COALESCE (SUM (last + 1 - next), 0)"
                                          "  FROM case_number_blocks WHERE year = %d", year);

  return query_count (self, sql, _("counting the case numbers left"), error);
}

/* ---- Conflicts ------------------------------------------------------------------------------ */

void
afs_conflict_free (AfsConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->id);
  g_free (conflict->table_name);
  g_free (conflict->row_id);
  g_free (conflict->field);
  g_free (conflict->case_id);
  g_free (conflict->case_number);
  g_free (conflict->kind);
  g_free (conflict->base_display);
  g_free (conflict->mine_display);
  g_free (conflict->theirs_display);
  g_free (conflict->mine_user);
  g_free (conflict->theirs_user);
  g_free (conflict->resolution);
  g_free (conflict);
}

/* A JSON value as people read it: text without quotes, null as nothing. */
#define DISPLAY(col) \
  "CASE json_type (" col ") WHEN 'text' THEN json_extract (" col ", '$')" \
  " WHEN 'null' THEN NULL ELSE " col " END"

#define CONFLICT_SELECT \
  "SELECT k.id, k.table_name, k.row_id, k.field, k.case_id, c.number, k.kind," \
  "       " DISPLAY ("k.base") ", " DISPLAY ("k.mine") ", " DISPLAY ("k.theirs") "," \
  "       k.mine_user, k.theirs_user, k.resolution, k.created_at, k.resolved_at" \
  "  FROM conflicts k LEFT JOIN cases c ON c.id = k.case_id"

static void
read_conflict (sqlite3_stmt *stmt,
               gpointer      out)
{
  AfsConflict *k = out;

  k->id = afs_db_column_dup (stmt, 0);
  k->table_name = afs_db_column_dup (stmt, 1);
  k->row_id = afs_db_column_dup (stmt, 2);
  k->field = afs_db_column_dup (stmt, 3);
  k->case_id = afs_db_column_dup (stmt, 4);
  k->case_number = afs_db_column_dup (stmt, 5);
  k->kind = afs_db_column_dup (stmt, 6);
  k->base_display = afs_db_column_dup (stmt, 7);
  k->mine_display = afs_db_column_dup (stmt, 8);
  k->theirs_display = afs_db_column_dup (stmt, 9);
  k->mine_user = afs_db_column_dup (stmt, 10);
  k->theirs_user = afs_db_column_dup (stmt, 11);
  k->resolution = afs_db_column_dup (stmt, 12);
  k->created_at = sqlite3_column_int64 (stmt, 13);
  k->resolved_at = sqlite3_column_int64 (stmt, 14);
}

GPtrArray *
afs_store_list_conflicts (AfsStore  *self,
                          gboolean   include_resolved,
                          GError   **error)
{
  return afs_row_read_list (self,
                            include_resolved
                              ? CONFLICT_SELECT " WHERE ?1 IS NULL AND k.deleted_at IS NULL"
                                " ORDER BY k.created_at DESC, k.id DESC"
                              : CONFLICT_SELECT " WHERE ?1 IS NULL AND k.deleted_at IS NULL"
                                " AND k.resolved_at IS NULL ORDER BY k.created_at DESC, k.id DESC",
                            NULL, sizeof (AfsConflict), read_conflict,
                            (GDestroyNotify) afs_conflict_free, _("listing the conflicts"), error);
}

gint64
afs_store_count_open_conflicts (AfsStore  *self,
                                GError   **error)
{
  return query_count (self,
                      "SELECT count (*) FROM conflicts WHERE resolved_at IS NULL AND deleted_at IS NULL",
                      _("counting the conflicts"), error);
}

typedef struct {
  char   *table_name;
  char   *row_id;
  char   *field;
  char   *case_id;
  char   *mine;
  char   *theirs;
  gint64  resolved_at;
  gint64  version;
} ConflictRow;

static void
conflict_row_clear (ConflictRow *k)
{
  g_free (k->table_name);
  g_free (k->row_id);
  g_free (k->field);
  g_free (k->case_id);
  g_free (k->mine);
  g_free (k->theirs);
}

gboolean
afs_store_resolve_conflict (AfsStore           *self,
                            const char         *conflict_id,
                            AfsConflictChoice   choice,
                            const char         *edited_value,
                            GError            **error)
{
  ConflictRow k = { 0 };
  Schema schema = { 0 };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = NULL;
  g_autofree char *chosen_json = NULL;
  AfsColumnChange field_change;
  sqlite3_stmt *stmt;
  AfsWrite w;
  gboolean ok = FALSE;
  gboolean exists;
  int rc;

  g_return_val_if_fail (conflict_id != NULL, FALSE);

  if (choice == AFS_CONFLICT_EDITED && edited_value == NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("Type the value to keep, or choose one of the two versions."));
      return FALSE;
    }
  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  stmt = afs_db_prepare (w.db,
                         "SELECT table_name, row_id, field, case_id, mine, theirs,"
                         "       resolved_at, version FROM conflicts WHERE id = ?1",
                         error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, conflict_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      k.table_name = afs_db_column_dup (stmt, 0);
      k.row_id = afs_db_column_dup (stmt, 1);
      k.field = afs_db_column_dup (stmt, 2);
      k.case_id = afs_db_column_dup (stmt, 3);
      k.mine = afs_db_column_dup (stmt, 4);
      k.theirs = afs_db_column_dup (stmt, 5);
      k.resolved_at = sqlite3_column_int64 (stmt, 6);
      k.version = sqlite3_column_int64 (stmt, 7);
    }
  else if (rc != SQLITE_DONE)
    afs_db_set_error (w.db, rc, _("reading the conflict"), error);
  afs_db_stmt_release (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                 _("The conflict “%s” is not on this computer. Sync, then look again."),
                 conflict_id);
  if (rc != SQLITE_ROW)
    goto out;
  if (k.resolved_at != 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_CONFLICT,
                           _("This conflict has already been resolved, perhaps by someone "
                             "else. Sync to see the value kept."));
      goto out;
    }

  if (!schema_load (w.db, &schema, error))
    goto out;
  if (schema_columns (&schema, k.table_name) == NULL ||
      !g_hash_table_contains (schema_columns (&schema, k.table_name), k.field) ||
      g_str_equal (k.field, "id") || is_local_column (k.table_name, k.field))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("The conflict names a field this version of AfterSales does not know "
                     "(%s). Update AfterSales."),
                   k.field);
      goto out;
    }
  if (!row_exists (&w, k.table_name, k.row_id, &exists, error))
    goto out;

  /* A signed report is never changed afterwards, not even by this. */
  if (exists && g_str_equal (k.table_name, "reports"))
    {
      gint64 signed_reports = 0;
      g_autofree char *q = g_strdup_printf ("SELECT count (*) FROM reports WHERE id = '%s'"
                                            " AND signed_at IS NOT NULL", k.row_id);

      if (!afs_db_query_int64 (w.db, q, &signed_reports, error))
        goto out;
      if (signed_reports > 0)
        {
          g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                               _("The report was signed by the customer and can no longer be "
                                 "changed. Keep the signed version, or write a new report."));
          goto out;
        }
    }

  if (choice == AFS_CONFLICT_MINE)
    chosen_json = g_strdup (k.mine);
  else if (choice == AFS_CONFLICT_THEIRS)
    chosen_json = g_strdup (k.theirs);

  if (exists)
    {
      /* The value before and the chosen one, typed as SQLite holds them. */
      sql = g_strdup_printf ("SELECT \"%s\", %s FROM \"%s\" WHERE id = ?1", k.field,
                             chosen_json != NULL ? "json_extract (?2, '$')" : "?2",
                             k.table_name);
      stmt = afs_db_prepare (w.db, sql, error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_text (stmt, 1, k.row_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, chosen_json != NULL ? chosen_json : edited_value, -1,
                         SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          field_change.name = k.field;
          field_change.old_value = afs_value_column_copy (stmt, 0, texts);
          field_change.new_value = afs_value_column_copy (stmt, 1, texts);
        }
      else
        afs_db_set_error (w.db, rc, _("resolving the conflict"), error);
      afs_db_stmt_release (stmt);
      if (rc != SQLITE_ROW)
        goto out;

      {
        AfsValue params[] = { afs_value_text (k.row_id) };

        if (!afs_row_update_where (&w, k.table_name, &field_change, 1, "id = ?1", params, 1,
                                   AFS_ROW_CHANGED_ONLY, _("resolving the conflict"), NULL, error))
          goto out;
      }
      if (!queue_reindex (&w, k.table_name, k.row_id, &schema, error))
        goto out;
      if (k.case_id != NULL)
        {
          g_autofree char *old_text = afs_value_to_string (&field_change.old_value);
          g_autofree char *new_text = afs_value_to_string (&field_change.new_value);
          gint64 have_case = 0;
          g_autofree char *q = g_strdup_printf ("SELECT count (*) FROM cases WHERE id = '%s'",
                                                k.case_id);

          if (!afs_db_query_int64 (w.db, q, &have_case, error))
            goto out;
          if (have_case > 0 &&
              !afs_store_audit_add (&w, k.case_id, "conflict", k.field, old_text, new_text,
                                    NULL, error))
            goto out;
        }
    }

  {
    const char *resolution = choice == AFS_CONFLICT_MINE ? "mine"
                           : choice == AFS_CONFLICT_THEIRS ? "theirs" : "edited";
    g_autofree char *resolved_json = NULL;
    AfsColumnChange set[4];
    AfsValue params[] = { afs_value_text (conflict_id) };

    if (chosen_json != NULL)
      resolved_json = g_strdup (chosen_json);
    else
      {
        GString *s = g_string_new (NULL);

        afs_json_append_string (s, edited_value);
        resolved_json = g_string_free (s, FALSE);
      }

    set[0] = (AfsColumnChange) { "resolution", afs_value_null (), afs_value_text (resolution) };
    set[1] = (AfsColumnChange) { "resolved_value", afs_value_null (), afs_value_text (resolved_json) };
    set[2] = (AfsColumnChange) { "resolved_by", afs_value_null (),
                                 afs_value_text (w.actor_id != NULL ? w.actor_id : w.actor_name) };
    set[3] = (AfsColumnChange) { "resolved_at", afs_value_null (), afs_value_int (w.now) };
    if (!afs_row_update_where (&w, "conflicts", set, G_N_ELEMENTS (set), "id = ?1", params, 1,
                               AFS_ROW_DEFAULT, _("resolving the conflict"), NULL, error))
      goto out;
  }
  ok = TRUE;

out:
  conflict_row_clear (&k);
  schema_clear (&schema);
  return afs_store_write_end (&w, ok, error) && ok;
}

/* ---- Convergence hashes -------------------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

GHashTable *
afs_store_sync_table_hashes (AfsStore  *self,
                             GError   **error)
{
  g_autoptr(GHashTable) hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Schema schema = { 0 };
  AfsDb *db = afs_store_lock_reader (self);
  gboolean ok;

  ok = schema_load (db, &schema, error);
  for (guint t = 0; ok && t < schema.tables->len; t++)
    {
      const char *table = schema.tables->pdata[t];
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      g_autoptr(GPtrArray) cols = g_ptr_array_new ();
      g_autoptr(GString) sql = g_string_new ("SELECT ");
      GHashTableIter iter;
      gpointer key;
      sqlite3_stmt *stmt;
      int rc;

      g_hash_table_iter_init (&iter, schema_columns (&schema, table));
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!is_local_column (table, key))
          g_ptr_array_add (cols, key);
      g_ptr_array_sort (cols, compare_names);
      for (guint i = 0; i < cols->len; i++)
        g_string_append_printf (sql, "%s\"%s\"", i > 0 ? ", " : "", (const char *) cols->pdata[i]);
      g_string_append_printf (sql, " FROM \"%s\" ORDER BY id", table);

      stmt = afs_db_prepare (db, sql->str, error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          for (guint i = 0; i < cols->len; i++)
            {
              AfsValue v = afs_value_column (stmt, i);
              g_autofree char *text = afs_value_to_string (&v);

              /* name=kind:value; one line per row. */
              g_checksum_update (sum, (const guchar *) cols->pdata[i], -1);
              g_checksum_update (sum, (const guchar *) (v.kind == AFS_VALUE_NULL ? "=n:" : "=v:"), 3);
              if (text != NULL)
                g_checksum_update (sum, (const guchar *) text, -1);
              g_checksum_update (sum, (const guchar *) "\x1f", 1);
            }
          g_checksum_update (sum, (const guchar *) "\n", 1);
        }
      afs_db_stmt_release (stmt);
      if (rc != SQLITE_DONE)
        {
          afs_db_set_error (db, rc, _("reading the data for the sync check"), error);
          ok = FALSE;
          break;
        }
      g_hash_table_insert (hashes, g_strdup (table), g_strdup (g_checksum_get_string (sum)));
    }
  afs_store_unlock_reader (self, db);
  schema_clear (&schema);

  return ok ? g_steal_pointer (&hashes) : NULL;
}
