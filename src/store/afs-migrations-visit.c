/* afs-migrations-visit.c: schema step 5, for on site (issue 4).
 * The rules at the top of afs-migrations.c apply.
 *
 * What the technician records on site (DOMAIN.md 4, 8, 9): the full
 * repair report (fault confirmed with the customer, cause, test result,
 * labour, remedy with item/spec/quantity/reason, advice given), parts
 * from a catalogue, photo size and type, which party signed, the
 * satisfaction scores item by item, the canonical text that was signed
 * (so a verification can name what changed), and the local autosave
 * draft of a report.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-migrations.h"

#define SYNC_COLUMNS \
  "  created_at INTEGER NOT NULL," \
  "  updated_at INTEGER NOT NULL," \
  "  version    INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)," \
  "  deleted_at INTEGER"

static const char migration_5_sql[] =
  /* Parts a technician can pick instead of typing (DOMAIN.md 8: "parts
   * and materials used"). Synced: the office keeps the catalogue. */
  "CREATE TABLE parts_catalogue ("
  "  id          TEXT PRIMARY KEY NOT NULL,"
  "  part_number TEXT,"
  "  name        TEXT NOT NULL CHECK (name <> ''),"
  "  unit_price  REAL NOT NULL DEFAULT 0 CHECK (unit_price >= 0),"
  SYNC_COLUMNS
  ");"
  "CREATE INDEX parts_catalogue_name ON parts_catalogue (name);"

  /* No DEFAULT on new columns: a row inserted by older code must not get
   * a value its outbox row does not carry. NULL: not recorded. */
  "ALTER TABLE reports ADD COLUMN fault_confirmed INTEGER"
  "  CHECK (fault_confirmed IS NULL OR fault_confirmed IN (0, 1));"
  "ALTER TABLE reports ADD COLUMN fault_description TEXT;"
  "ALTER TABLE reports ADD COLUMN cause TEXT;"
  "ALTER TABLE reports ADD COLUMN labour_minutes INTEGER"
  "  CHECK (labour_minutes IS NULL OR labour_minutes >= 0);"
  "ALTER TABLE reports ADD COLUMN test_result TEXT;"
  "ALTER TABLE reports ADD COLUMN remedy TEXT CHECK (remedy IS NULL OR"
  "  remedy IN ('repair', 'return', 'exchange', 'compensation'));"
  "ALTER TABLE reports ADD COLUMN remedy_item TEXT;"
  "ALTER TABLE reports ADD COLUMN remedy_spec TEXT;"
  "ALTER TABLE reports ADD COLUMN remedy_quantity REAL"
  "  CHECK (remedy_quantity IS NULL OR remedy_quantity > 0);"
  "ALTER TABLE reports ADD COLUMN remedy_reason TEXT;"
  "ALTER TABLE reports ADD COLUMN advice TEXT;"
  "ALTER TABLE reports ADD COLUMN signer_role TEXT;"
  /* The canonical text whose SHA-256 is content_hash: kept so a
   * verification can say which field changed, not only that one did. */
  "ALTER TABLE reports ADD COLUMN signed_content TEXT;"

  "ALTER TABLE report_parts ADD COLUMN catalogue_id TEXT REFERENCES parts_catalogue (id);"

  "ALTER TABLE photos ADD COLUMN size INTEGER CHECK (size IS NULL OR size >= 0);"
  "ALTER TABLE photos ADD COLUMN mime_type TEXT;"
  "CREATE INDEX photos_case_sha256 ON photos (case_id, sha256);"

  "ALTER TABLE signatures ADD COLUMN party TEXT"
  "  CHECK (party IS NULL OR party IN ('customer', 'technician'));"

  /* Satisfaction scored item by item (DOMAIN.md 11), given at sign-off. */
  "CREATE TABLE report_ratings ("
  "  id        TEXT PRIMARY KEY NOT NULL,"
  "  report_id TEXT NOT NULL REFERENCES reports (id),"
  "  item      TEXT NOT NULL"
  "            CHECK (item IN ('timeliness', 'quality', 'attitude', 'cleanliness')),"
  "  score     INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),"
  SYNC_COLUMNS ","
  "  UNIQUE (report_id, item)"
  ");"

  /* The report as being typed: local, never synced, one row per case,
   * rewritten every second. body is a GKeyFile text. */
  "CREATE TABLE report_drafts ("
  "  case_id  TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),"
  "  body     TEXT NOT NULL,"
  "  saved_at INTEGER NOT NULL"
  ");"

  "CREATE INDEX visits_staff ON visits (staff_id, case_id);";

gboolean
afs_migration_5_visit (AfsDb   *db,
                       GError **error)
{
  return afs_db_exec (db, migration_5_sql, error);
}
