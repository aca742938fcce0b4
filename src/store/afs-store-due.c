/* afs-store-due.c: cases whose deadline comes soon, for the desktop
 * notification (DOMAIN.md 5: "Deadlines run from intake and are
 * visible"), and which of them this desktop was already told about.
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
afs_due_soon_free (AfsDueSoon *item)
{
  if (item == NULL)
    return;

  g_free (item->case_id);
  g_free (item->number);
  g_free (item->customer_name);
  g_free (item);
}

static void
read_due_soon (sqlite3_stmt *stmt,
               gpointer      out)
{
  AfsDueSoon *d = out;

  d->local_id = sqlite3_column_int64 (stmt, 0);
  d->case_id = afs_db_column_dup (stmt, 1);
  d->number = afs_db_column_dup (stmt, 2);
  d->customer_name = afs_db_column_dup (stmt, 3);
  afs_case_state_from_string (afs_db_column_text (stmt, 4), &d->state);
  d->severity = sqlite3_column_int (stmt, 5);
  d->due = sqlite3_column_int64 (stmt, 6);
}

/**
 * afs_store_list_due_soon:
 * @self: a store
 * @hours: the window (the "due-soon-hours" setting)
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsDueSoon) (nullable)
 */
GPtrArray *
afs_store_list_due_soon (AfsStore  *self,
                         guint      hours,
                         GError   **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *rows;
  gint64 now;
  AfsDb *db;

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);

  now = afs_store_now (self);

  db = afs_store_lock_reader (self);
  /* next_due is 0 for cases without a running deadline (closed, …); the
   * index on next_due makes this a short range scan. */
  stmt = afs_db_prepare (db,
                         "SELECT c.local_id, c.id, c.number, cu.name, c.state, c.severity, c.next_due"
                         "  FROM cases c JOIN customers cu ON cu.id = c.customer_id"
                         " WHERE c.deleted_at IS NULL AND c.next_due >= ?2 AND c.next_due <= ?1"
                         "   AND NOT EXISTS (SELECT 1 FROM due_notified n"
                         "                    WHERE n.case_id = c.id AND n.due = c.next_due)"
                         " ORDER BY c.next_due, c.local_id",
                         error);
  if (stmt == NULL)
    {
      afs_store_unlock_reader (self, db);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, now + (gint64) hours * 3600);
  /* Overdue by less than the window: passed while the app was closed.
   * Older ones are the list's "overdue" filter, not news. */
  sqlite3_bind_int64 (stmt, 2, MAX (1, now - (gint64) hours * 3600));
  rows = afs_row_collect (db, stmt, sizeof (AfsDueSoon), read_due_soon,
                          (GDestroyNotify) afs_due_soon_free,
                          _("reading the deadlines"), error);
  afs_store_unlock_reader (self, db);

  return rows;
}

/**
 * afs_store_mark_due_notified:
 * @self: a store
 * @case_id: the case
 * @due: the deadline the desktop was told about
 * @error: return location for an %AFS_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_mark_due_notified (AfsStore    *self,
                             const char  *case_id,
                             gint64       due,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  AfsWrite w;
  gboolean ok;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  /* Local state of this desktop: no audit event, no outbox row. */
  stmt = afs_db_prepare (w.db,
                         "INSERT INTO due_notified (case_id, due, notified_at) VALUES (?1, ?2, ?3)"
                         " ON CONFLICT (case_id, due) DO NOTHING",
                         error);
  ok = stmt != NULL;
  if (ok)
    {
      afs_db_bind_text (stmt, 1, case_id);
      sqlite3_bind_int64 (stmt, 2, due);
      sqlite3_bind_int64 (stmt, 3, w.now);
      ok = afs_db_step_done (w.db, stmt, _("remembering the notification"), error);
    }

  return afs_store_write_end (&w, ok, error);
}
