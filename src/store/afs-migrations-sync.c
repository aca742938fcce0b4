/* afs-migrations-sync.c: schema step 6, for sync (issue 5).
 * The rules at the top of afs-migrations.c apply.
 *
 * What the device needs to sync exactly once (docs/sync-client.md):
 * - outbox.hlc: the hybrid logical clock of each change (afs-hlc.h);
 *   rows written before this step get one made from their time;
 * - sync_state: one row: the server and user of the last sign-in, the
 *   pull cursor (stored in the same transaction as the pulled rows),
 *   the last acknowledged outbox number, the last HLC issued or seen;
 * - conflicts: the per-field conflicts the server recorded (they sync
 *   like any row; a resolution is a normal change);
 * - blob_uploads: photos the server has confirmed complete (by SHA-256):
 *   a photo's original may only be considered safe once it is here;
 * - case_number_blocks: ranges of case numbers the server leased to this
 *   device, so offline devices never give the same number twice;
 * - sync_refused: changes the server refused for good (out of scope),
 *   set aside so they do not block the others, kept for a person;
 * - sync_evicting: the cases leaving this device's scope during one
 *   pull transaction; the audit trail refuses deletion except of the
 *   rows of those cases (the office keeps the full history).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-migrations.h"

static const char migration_6_sql[] =
  "ALTER TABLE outbox ADD COLUMN hlc TEXT NOT NULL DEFAULT '';"
  /* A pulled change looks for local changes of the same row. */
  "CREATE INDEX outbox_row ON outbox (table_name, row_id);"
  "UPDATE outbox SET hlc = printf ('%013d-%04x-%s', created_at * 1000, seq % 65536, device_id);"

  "CREATE TABLE sync_state ("
  "  id            INTEGER PRIMARY KEY CHECK (id = 1),"
  "  server_url    TEXT,"
  "  user_name     TEXT,"
  "  staff_id      TEXT,"
  "  role          TEXT,"
  "  server_id     TEXT,"
  "  cursor        INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),"
  "  acked_seq     INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),"
  "  hlc           TEXT NOT NULL DEFAULT '',"
  "  last_sync_at  INTEGER"
  ");"
  "INSERT INTO sync_state (id) VALUES (1);"

  "CREATE TABLE conflicts ("
  "  id            TEXT PRIMARY KEY NOT NULL,"
  "  table_name    TEXT NOT NULL,"
  "  row_id        TEXT NOT NULL,"
  "  field         TEXT NOT NULL,"
  "  case_id       TEXT,"
  "  kind          TEXT NOT NULL DEFAULT 'edit' CHECK (kind IN ('edit', 'delete')),"
  /* Values as JSON text (a number stays a number). */
  "  base          TEXT,"
  "  mine          TEXT,"
  "  theirs        TEXT,"
  "  mine_hlc      TEXT,"
  "  theirs_hlc    TEXT,"
  "  mine_device   TEXT,"
  "  theirs_device TEXT,"
  "  mine_user     TEXT,"
  "  theirs_user   TEXT,"
  "  resolution    TEXT CHECK (resolution IS NULL OR resolution IN ('mine', 'theirs', 'edited')),"
  "  resolved_value TEXT,"
  "  resolved_by   TEXT,"
  "  resolved_at   INTEGER,"
  "  created_at    INTEGER NOT NULL,"
  "  updated_at    INTEGER NOT NULL,"
  "  version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"
  "  deleted_at    INTEGER"
  ");"
  "CREATE INDEX conflicts_open ON conflicts (case_id) WHERE resolved_at IS NULL;"

  "CREATE TABLE blob_uploads ("
  "  sha256        TEXT PRIMARY KEY NOT NULL CHECK (length (sha256) = 64),"
  "  size          INTEGER CHECK (size IS NULL OR size >= 0),"   /* NULL: pulled, size not known */
  "  confirmed_at  INTEGER NOT NULL"
  ");"

  "CREATE TABLE case_number_blocks ("
  "  year          INTEGER NOT NULL,"
  "  first         INTEGER NOT NULL CHECK (first >= 1),"
  "  last          INTEGER NOT NULL CHECK (last >= first),"
  "  next          INTEGER NOT NULL CHECK (next >= first AND next <= last + 1),"
  "  PRIMARY KEY (year, first)"
  ");"

  /* Changes the server refused for good (out of this user's scope: a
   * case reassigned while the technician worked offline), set aside so
   * they do not block the rest, and kept for a person to see. */
  "CREATE TABLE sync_refused ("
  "  seq        INTEGER NOT NULL,"          /* its number when refused */
  "  device_id  TEXT NOT NULL,"
  "  table_name TEXT NOT NULL,"
  "  row_id     TEXT NOT NULL,"
  "  op         TEXT NOT NULL,"
  "  changes    TEXT NOT NULL,"
  "  hlc        TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  refused_at INTEGER NOT NULL,"
  "  reason     TEXT"
  ");"

  "CREATE TABLE sync_evicting ("
  "  case_id       TEXT PRIMARY KEY NOT NULL"
  ");"
  "DROP TRIGGER audit_no_delete;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  " WHEN NOT EXISTS (SELECT 1 FROM sync_evicting e WHERE e.case_id = OLD.case_id)"
  " BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;";

gboolean
afs_migration_6_sync (AfsDb   *db,
                      GError **error)
{
  return afs_db_exec (db, migration_6_sql, error);
}
