/* afs-migrations.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-error.h"
#include "afs-migrations.h"
#include "afs-search-index.h"
#include "afs-uuid.h"

/* Rules for this file, because released files depend on them:
 *
 * - A step, once released, never changes: a file at version k was made
 *   by exactly steps 1..k. Fix a mistake with a new step.
 * - The CHECK lists below are the stable enum keys of afs-enums.h as they
 *   were when the step was written. A new enum value needs a new step
 *   that rebuilds the table (SQLite cannot alter a CHECK).
 * - Every synchronisable table has the sync columns (docs/data-model.md):
 *     id TEXT PRIMARY KEY    UUIDv7 made on the device that created the row
 *     created_at, updated_at unix seconds from the store clock
 *     version                1 on insert, +1 on every update
 *     deleted_at             tombstone: rows are never deleted, so a
 *                            deletion can be synced like any change
 *   and keeps SQLite's integer rowid for local use only. cases names it
 *   (local_id INTEGER PRIMARY KEY) because the search index refers to it,
 *   and VACUUM renumbers rowids that have no name. */

#define SYNC_COLUMNS \
  "  created_at INTEGER NOT NULL," \
  "  updated_at INTEGER NOT NULL," \
  "  version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)," \
  "  deleted_at INTEGER"

#define DATE_CHECK(col) \
  "CHECK (" col " IS NULL OR " col " GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')"

#define BOOL_CHECK(col) "CHECK (" col " IN (0, 1))"

static const char migration_1_sql[] =
  /* Local settings of this file; never synced. */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT"
  ");"

  /* Case numbers are given per year: AS-2026-000123 (DOMAIN.md 1). */
  "CREATE TABLE case_number_seq ("
  "  year INTEGER PRIMARY KEY,"
  "  last INTEGER NOT NULL CHECK (last >= 0)"
  ");"

  "CREATE TABLE customers ("
  "  id           TEXT PRIMARY KEY NOT NULL,"
  "  name         TEXT NOT NULL CHECK (name <> ''),"
  "  contact_name TEXT,"
  "  phone        TEXT,"
  "  email        TEXT,"
  "  address      TEXT,"
  "  city         TEXT,"
  "  region       TEXT NOT NULL DEFAULT 'local'"
  "               CHECK (region IN ('local', 'province', 'outside', 'remote')),"
  "  tier         TEXT NOT NULL DEFAULT 'regular' CHECK (tier IN ('key', 'regular')),"
  SYNC_COLUMNS
  ");"

  "CREATE TABLE equipment ("
  "  id                TEXT PRIMARY KEY NOT NULL,"
  "  customer_id       TEXT NOT NULL REFERENCES customers (id),"
  "  model             TEXT,"
  "  serial            TEXT,"        /* serial or batch number */
  "  production_date   TEXT " DATE_CHECK ("production_date") ","
  "  purchase_date     TEXT " DATE_CHECK ("purchase_date") ","
  "  installation_date TEXT " DATE_CHECK ("installation_date") ","
  "  warranty_end      TEXT " DATE_CHECK ("warranty_end") ","
  SYNC_COLUMNS
  ");"

  "CREATE TABLE staff ("
  "  id           TEXT PRIMARY KEY NOT NULL,"
  "  name         TEXT NOT NULL CHECK (name <> ''),"
  "  phone        TEXT,"
  "  service_area TEXT,"
  "  skills       TEXT,"
  "  hourly_rate  REAL NOT NULL DEFAULT 0 CHECK (hourly_rate >= 0),"
  "  role         TEXT NOT NULL"
  "               CHECK (role IN ('technician', 'office', 'manager', 'quality')),"
  "  active       INTEGER NOT NULL DEFAULT 1 " BOOL_CHECK ("active") ","
  SYNC_COLUMNS
  ");"

  "CREATE TABLE cases ("
  "  local_id             INTEGER PRIMARY KEY,"
  "  id                   TEXT NOT NULL UNIQUE,"
  "  number               TEXT NOT NULL UNIQUE,"
  "  customer_id          TEXT NOT NULL REFERENCES customers (id),"
  "  equipment_id         TEXT REFERENCES equipment (id),"
  "  channel              TEXT NOT NULL DEFAULT 'phone'"
  "                       CHECK (channel IN ('phone', 'letter', 'email', 'visit', 'online')),"
  "  category             TEXT NOT NULL DEFAULT 'repair'"
  "                       CHECK (category IN ('repair', 'return', 'exchange', 'complaint',"
  "                                           'consultation', 'installation')),"
  "  severity             INTEGER NOT NULL DEFAULT 0 CHECK (severity BETWEEN 0 AND 4),"
  "  scope                TEXT NOT NULL DEFAULT 'undecided'"
  "                       CHECK (scope IN ('undecided', 'in', 'out')),"
  "  scope_reason         TEXT,"
  "  warranty             TEXT NOT NULL DEFAULT 'unknown'"
  "                       CHECK (warranty IN ('unknown', 'in', 'out')),"
  "  cause                TEXT NOT NULL DEFAULT 'unknown'"
  "                       CHECK (cause IN ('unknown', 'product_quality', 'product_change',"
  "                                        'staff_error', 'service_dispute', 'transport_damage',"
  "                                        'installation_ours', 'installation_customer', 'other')),"
  "  responsible          TEXT,"
  "  responsible_staff_id TEXT REFERENCES staff (id),"
  "  third_party_claim    TEXT,"
  "  description          TEXT NOT NULL CHECK (description <> ''),"
  "  contact_name         TEXT,"
  "  contact_phone        TEXT,"
  "  reported_at          INTEGER NOT NULL,"
  "  respond_due          INTEGER,"
  "  arrive_due           INTEGER,"
  "  resolve_due          INTEGER,"
  "  responded_at         INTEGER,"
  "  arrived_at           INTEGER,"
  "  resolved_at          INTEGER,"
  "  closed_at            INTEGER,"
  /* afs_deadline_next_due() of the row, kept by the store on every write:
   * 0 when no deadline runs. Stored so lists sort and filter by it. */
  "  next_due             INTEGER NOT NULL DEFAULT 0,"
  "  estimated_cost       REAL NOT NULL DEFAULT 0 CHECK (estimated_cost >= 0),"
  "  compensation         REAL NOT NULL DEFAULT 0 CHECK (compensation >= 0),"
  "  quality_loss         REAL NOT NULL DEFAULT 0 CHECK (quality_loss >= 0),"
  "  remote_resolution    TEXT,"
  "  state                TEXT NOT NULL DEFAULT 'new'"
  "                       CHECK (state IN ('new', 'triaged', 'awaiting_approval', 'approved',"
  "                                        'dispatched', 'on_site', 'second_visit', 'resolved',"
  "                                        'closed', 'out_of_scope', 'cancelled')),"
  SYNC_COLUMNS
  ");"

  "CREATE TABLE assignments ("
  "  id            TEXT PRIMARY KEY NOT NULL,"
  "  case_id       TEXT NOT NULL REFERENCES cases (id),"
  "  staff_id      TEXT NOT NULL REFERENCES staff (id),"
  "  lead          INTEGER NOT NULL DEFAULT 0 " BOOL_CHECK ("lead") ","
  "  assigned_at   INTEGER NOT NULL,"
  "  planned_start INTEGER,"
  "  planned_end   INTEGER,"
  "  note          TEXT,"
  "  unassigned_at INTEGER,"
  SYNC_COLUMNS
  ");"

  "CREATE TABLE visits ("
  "  id                TEXT PRIMARY KEY NOT NULL,"
  "  case_id           TEXT NOT NULL REFERENCES cases (id),"
  "  staff_id          TEXT REFERENCES staff (id),"
  "  travel_started_at INTEGER,"
  "  arrived_at        INTEGER,"
  "  left_at           INTEGER,"
  SYNC_COLUMNS
  ");"

  "CREATE TABLE reports ("
  "  id               TEXT PRIMARY KEY NOT NULL,"
  "  case_id          TEXT NOT NULL REFERENCES cases (id),"
  "  diagnosis        TEXT,"
  "  actions          TEXT,"
  "  outcome          TEXT CHECK (outcome IS NULL OR outcome IN ('fixed', 'temporary', 'not_fixable')),"
  "  customer_opinion TEXT,"
  "  signer_name      TEXT,"
  "  signed_at        INTEGER,"
  "  accepted         INTEGER NOT NULL DEFAULT 0 " BOOL_CHECK ("accepted") ","
  "  content_hash     TEXT,"
  "  report_version   INTEGER NOT NULL DEFAULT 1 CHECK (report_version >= 1),"
  SYNC_COLUMNS ","
  "  UNIQUE (case_id, report_version)"
  ");"

  "CREATE TABLE report_parts ("
  "  id             TEXT PRIMARY KEY NOT NULL,"
  "  report_id      TEXT NOT NULL REFERENCES reports (id),"
  "  part_number    TEXT,"
  "  name           TEXT NOT NULL,"
  "  quantity       REAL NOT NULL DEFAULT 1 CHECK (quantity > 0),"
  "  under_warranty INTEGER NOT NULL DEFAULT 0 " BOOL_CHECK ("under_warranty") ","
  "  unit_price     REAL NOT NULL DEFAULT 0 CHECK (unit_price >= 0),"
  SYNC_COLUMNS
  ");"

  /* The image itself lives outside the database, named by its SHA-256. */
  "CREATE TABLE photos ("
  "  id       TEXT PRIMARY KEY NOT NULL,"
  "  case_id  TEXT NOT NULL REFERENCES cases (id),"
  "  sha256   TEXT NOT NULL CHECK (length (sha256) = 64),"
  "  kind     TEXT,"
  "  caption  TEXT,"
  "  taken_at INTEGER,"
  "  width    INTEGER,"
  "  height   INTEGER,"
  SYNC_COLUMNS
  ");"

  "CREATE TABLE signatures ("
  "  id           TEXT PRIMARY KEY NOT NULL,"
  "  report_id    TEXT NOT NULL REFERENCES reports (id),"
  "  signer_name  TEXT,"
  "  signer_role  TEXT,"
  "  strokes      TEXT,"
  "  content_hash TEXT,"
  "  signed_at    INTEGER,"
  SYNC_COLUMNS
  ");"

  "CREATE TABLE approvals ("
  "  id           TEXT PRIMARY KEY NOT NULL,"
  "  case_id      TEXT NOT NULL REFERENCES cases (id),"
  "  reasons      TEXT,"
  "  requested_by TEXT,"
  "  requested_at INTEGER NOT NULL,"
  "  decided_by   TEXT,"
  "  decision     TEXT NOT NULL DEFAULT 'pending'"
  "               CHECK (decision IN ('pending', 'approved', 'rejected')),"
  "  comment      TEXT,"
  "  decided_at   INTEGER,"
  /* The plan changed after the decision: it no longer covers the case. */
  "  stale        INTEGER NOT NULL DEFAULT 0 " BOOL_CHECK ("stale") ","
  SYNC_COLUMNS
  ");"

  "CREATE TABLE part_shipments ("
  "  id              TEXT PRIMARY KEY NOT NULL,"
  "  case_id         TEXT NOT NULL REFERENCES cases (id),"
  "  part            TEXT,"
  "  model           TEXT,"
  "  quantity        REAL NOT NULL DEFAULT 1 CHECK (quantity > 0),"
  "  destination     TEXT,"
  "  carrier         TEXT,"
  "  tracking_number TEXT,"
  "  shipped_at      INTEGER,"
  SYNC_COLUMNS
  ");"

  "CREATE TABLE follow_ups ("
  "  id            TEXT PRIMARY KEY NOT NULL,"
  "  case_id       TEXT NOT NULL REFERENCES cases (id),"
  "  at            INTEGER NOT NULL,"
  "  channel       TEXT,"
  "  satisfaction  INTEGER NOT NULL DEFAULT 0 CHECK (satisfaction BETWEEN 0 AND 5),"
  "  note          TEXT,"
  "  problem_found INTEGER NOT NULL DEFAULT 0 " BOOL_CHECK ("problem_found") ","
  SYNC_COLUMNS
  ");"

  /* Who changed what, when (DOMAIN.md "Everything is recorded"). Rows are
   * only ever added: the triggers refuse any change or deletion, so not
   * even a bug in the store can rewrite history. */
  "CREATE TABLE audit ("
  "  id         TEXT PRIMARY KEY NOT NULL,"
  "  case_id    TEXT NOT NULL REFERENCES cases (id),"
  "  at         INTEGER NOT NULL,"
  "  actor_id   TEXT,"
  "  actor_name TEXT,"
  "  kind       TEXT NOT NULL,"
  "  field      TEXT,"
  "  old_value  TEXT,"
  "  new_value  TEXT,"
  "  comment    TEXT"
  ");"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  " BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  " BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"

  /* The changes waiting to be pushed, written in the same transaction as
   * the change itself (SYNC-NOTES.md): numbered on this device, deleted
   * only up to the number the server acknowledged. */
  "CREATE TABLE outbox ("
  "  seq        INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  device_id  TEXT NOT NULL,"
  "  table_name TEXT NOT NULL,"
  "  row_id     TEXT NOT NULL,"
  "  op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),"
  "  changes    TEXT NOT NULL CHECK (json_valid (changes)),"
  "  created_at INTEGER NOT NULL"
  ");";

static gboolean
migration_1 (AfsDb   *db,
             GError **error)
{
  g_autofree char *device_id = afs_uuid7_new ();
  g_autofree char *app_id_sql = g_strdup_printf ("PRAGMA application_id = %d",
                                                 AFS_APPLICATION_ID);
  sqlite3_stmt *stmt;

  if (!afs_db_exec (db, migration_1_sql, error))
    return FALSE;
  if (!afs_db_exec (db, app_id_sql, error))
    return FALSE;

  /* The device id numbers this installation's outbox rows; made once,
   * with the file. */
  stmt = afs_db_prepare (db, "INSERT INTO meta (key, value) VALUES ('device_id', ?1)", error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, device_id);

  return afs_db_step_done (db, stmt, _("creating the database"), error);
}

/* Indexes for the lists (a million cases, sorted by intake or deadline,
 * filtered by state and severity), for finding a case's rows (every
 * table by case_id), a technician's cases, a serial or a phone number.
 * The case indexes skip deleted rows, which no list shows. */
static const char migration_2_sql[] =
  "CREATE INDEX cases_reported_at ON cases (reported_at) WHERE deleted_at IS NULL;"
  "CREATE INDEX cases_next_due ON cases (next_due) WHERE deleted_at IS NULL;"
  "CREATE INDEX cases_state ON cases (state, reported_at) WHERE deleted_at IS NULL;"
  "CREATE INDEX cases_severity ON cases (severity, reported_at) WHERE deleted_at IS NULL;"
  "CREATE INDEX cases_customer ON cases (customer_id);"
  "CREATE INDEX cases_equipment ON cases (equipment_id);"
  "CREATE INDEX customers_phone ON customers (phone);"
  "CREATE INDEX customers_name ON customers (name);"
  "CREATE INDEX equipment_customer ON equipment (customer_id);"
  "CREATE INDEX equipment_serial ON equipment (serial);"
  "CREATE INDEX staff_name ON staff (name);"
  "CREATE INDEX assignments_staff ON assignments (staff_id, case_id);"
  "CREATE INDEX assignments_case ON assignments (case_id);"
  "CREATE INDEX visits_case ON visits (case_id);"
  "CREATE INDEX report_parts_report ON report_parts (report_id);"
  "CREATE INDEX photos_case ON photos (case_id);"
  "CREATE INDEX signatures_report ON signatures (report_id);"
  "CREATE INDEX approvals_case ON approvals (case_id);"
  "CREATE INDEX part_shipments_case ON part_shipments (case_id);"
  "CREATE INDEX follow_ups_case ON follow_ups (case_id);"
  "CREATE INDEX audit_case ON audit (case_id, at);";

static gboolean
migration_2 (AfsDb   *db,
             GError **error)
{
  return afs_db_exec (db, migration_2_sql, error);
}

/* Full-text search over number, customer, serial, description and
 * reports; existing cases are indexed at once. */
static gboolean
migration_3 (AfsDb   *db,
             GError **error)
{
  if (!afs_db_exec (db, AFS_SEARCH_CREATE_SQL, error))
    return FALSE;

  return afs_search_index_all (db, error);
}

typedef gboolean (*MigrationFunc) (AfsDb *db, GError **error);

static const MigrationFunc migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  afs_migration_4_office,
  afs_migration_5_visit,
  afs_migration_6_sync,
};

/**
 * afs_migrations_latest:
 *
 * Returns: the schema version this build writes
 */
int
afs_migrations_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

/**
 * afs_migrations_get_version:
 * @db: a connection
 * @version: (out): the file's `user_version`
 * @error: return location for an %AFS_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
afs_migrations_get_version (AfsDb   *db,
                            int     *version,
                            GError **error)
{
  gint64 v = 0;

  if (!afs_db_query_int64 (db, "PRAGMA user_version", &v, error))
    return FALSE;

  *version = (int) v;
  return TRUE;
}

/**
 * afs_migrations_run_to:
 * @db: the write connection, locked, outside any transaction
 * @target: the version to reach, 1..afs_migrations_latest()
 * @error: return location for an %AFS_ERROR
 *
 * Applies the steps after the file's version up to @target in one
 * transaction, setting `user_version` in the same transaction, so a
 * crash or an error leaves the file at its old version, untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_migrations_run_to (AfsDb   *db,
                       int      target,
                       GError **error)
{
  int version;

  g_return_val_if_fail (target >= 1 && target <= afs_migrations_latest (), FALSE);

  if (!afs_migrations_get_version (db, &version, error))
    return FALSE;

  if (version >= target)
    return TRUE;

  if (!afs_db_begin (db, error))
    return FALSE;

  for (int v = version + 1; v <= target; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v);
      g_autoptr(GError) local_error = NULL;

      if (!migrations[v - 1] (db, &local_error) ||
          !afs_db_exec (db, set_version, &local_error))
        {
          afs_db_rollback (db);
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Updating “%s” to schema %d failed; the file was left "
                                        "as it was. "),
                                      afs_db_get_path (db), v);
          return FALSE;
        }
    }

  return afs_db_commit (db, error);
}
