/* afs-migrations-office.c: schema step 4, for the office desk (issue 3).
 * The rules at the top of afs-migrations.c apply.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-migrations.h"

/* customers.phone_key: afs_phone_match_key() in SQL, so duplicates by
 * phone are found with an index whatever wrote the row (this app, sync,
 * an import). A generated (virtual) column: computed, never stored, never
 * synced. Keep in step with afs-customer-match.c:
 *   separators " -()./" out; "+" or "00" out; 86/34/48 out when at least
 *   11 digits; leading zeros out; NULL when nothing is left. */
#define PHONE_D0 \
  "replace (replace (replace (replace (replace (replace (phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '/', '')"
#define PHONE_D1 \
  "(CASE WHEN substr (" PHONE_D0 ", 1, 1) = '+' THEN substr (" PHONE_D0 ", 2)" \
  " WHEN substr (" PHONE_D0 ", 1, 2) = '00' THEN substr (" PHONE_D0 ", 3)" \
  " ELSE " PHONE_D0 " END)"
#define PHONE_D2 \
  "(CASE WHEN length (" PHONE_D1 ") >= 11 AND substr (" PHONE_D1 ", 1, 2) IN ('86', '34', '48')" \
  " THEN substr (" PHONE_D1 ", 3) ELSE " PHONE_D1 " END)"
#define PHONE_KEY_SQL "nullif (ltrim (" PHONE_D2 ", '0'), '')"

/* The text the customer index holds: the tokenizer folds case and
 * accents (remove_diacritics 2) but not the Polish ł, which is not an
 * accented l in Unicode. */
#define FOLD_L(x) "replace (replace (coalesce (" x ", ''), 'ł', 'l'), 'Ł', 'L')"

static const char migration_4_sql[] =
  /* Duplicates by phone (DOMAIN.md 1 intake) and phone search as you type. */
  "ALTER TABLE customers ADD COLUMN phone_key TEXT"
  "  GENERATED ALWAYS AS (" PHONE_KEY_SQL ") VIRTUAL;"
  "CREATE INDEX customers_phone_key ON customers (phone_key) WHERE deleted_at IS NULL;"

  /* Equipment by serial or batch number, exact or prefix, whatever case,
   * spaces or dashes it was written with. */
  "ALTER TABLE equipment ADD COLUMN serial_key TEXT"
  "  GENERATED ALWAYS AS (nullif (upper (replace (replace (serial, ' ', ''), '-', '')), '')) VIRTUAL;"
  "CREATE INDEX equipment_serial_key ON equipment (serial_key) WHERE deleted_at IS NULL;"

  /* Customers as you type: name, city and address words, accent- and
   * case-insensitive, prefix. Kept by triggers, so every writer keeps it.
   * Its rowids are its own: customer_fts_map ties them to customers (the
   * customers' rowids are not stable across VACUUM). Local, never synced. */
  "CREATE VIRTUAL TABLE customer_fts USING fts5 ("
  "  customer_id UNINDEXED, name, city, address,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '2 3'"
  ");"
  "CREATE TABLE customer_fts_map ("
  "  customer_id TEXT PRIMARY KEY NOT NULL,"
  "  fts_rowid   INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  /* A leftover index row of the same id (a REPLACE, which fires no
   * delete trigger) is dropped first, so no writer trips over the map. */
  "CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers"
  "  WHEN new.deleted_at IS NULL BEGIN"
  "    DELETE FROM customer_fts WHERE rowid = (SELECT fts_rowid FROM customer_fts_map"
  "                                             WHERE customer_id = new.id);"
  "    INSERT INTO customer_fts (customer_id, name, city, address)"
  "      VALUES (new.id, " FOLD_L ("new.name") ", " FOLD_L ("new.city") ", " FOLD_L ("new.address") ");"
  "    INSERT OR REPLACE INTO customer_fts_map (customer_id, fts_rowid)"
  "      VALUES (new.id, last_insert_rowid ());"
  "  END;"
  "CREATE TRIGGER customers_fts_update AFTER UPDATE OF name, city, address, deleted_at ON customers"
  "  BEGIN"
  "    DELETE FROM customer_fts WHERE rowid = (SELECT fts_rowid FROM customer_fts_map"
  "                                             WHERE customer_id = old.id);"
  "    DELETE FROM customer_fts_map WHERE customer_id = old.id;"
  "    INSERT INTO customer_fts (customer_id, name, city, address)"
  "      SELECT new.id, " FOLD_L ("new.name") ", " FOLD_L ("new.city") ", " FOLD_L ("new.address")
  "       WHERE new.deleted_at IS NULL;"
  "    INSERT INTO customer_fts_map (customer_id, fts_rowid)"
  "      SELECT new.id, last_insert_rowid () WHERE new.deleted_at IS NULL;"
  "  END;"
  "CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers"
  "  BEGIN"
  "    DELETE FROM customer_fts WHERE rowid = (SELECT fts_rowid FROM customer_fts_map"
  "                                             WHERE customer_id = old.id);"
  "    DELETE FROM customer_fts_map WHERE customer_id = old.id;"
  "  END;"
  "INSERT INTO customer_fts (rowid, customer_id, name, city, address)"
  "  SELECT rowid, id, " FOLD_L ("name") ", " FOLD_L ("city") ", " FOLD_L ("address")
  "    FROM customers WHERE deleted_at IS NULL;"
  "INSERT INTO customer_fts_map (customer_id, fts_rowid)"
  "  SELECT customer_id, rowid FROM customer_fts;"

  /* The dispatch board: a day or a week of planned assignments. */
  "CREATE INDEX assignments_planned ON assignments (planned_start)"
  "  WHERE unassigned_at IS NULL AND deleted_at IS NULL;"
  /* The manager's queue. */
  "CREATE INDEX approvals_pending ON approvals (requested_at)"
  "  WHERE decision = 'pending' AND deleted_at IS NULL;"
  /* Quality accidents for management (DOMAIN.md 6). */
  "CREATE INDEX cases_quality_loss ON cases (quality_loss)"
  "  WHERE quality_loss > 0 AND deleted_at IS NULL;"
  /* Shipments, newest first. */
  "CREATE INDEX part_shipments_shipped ON part_shipments (shipped_at);"

  /* The deadlines this desktop has already been told about (a
   * GNotification each): local to this file, never synced. A new deadline
   * of the same case is a new row. */
  "CREATE TABLE due_notified ("
  "  case_id     TEXT NOT NULL,"
  "  due         INTEGER NOT NULL,"
  "  notified_at INTEGER NOT NULL,"
  "  PRIMARY KEY (case_id, due)"
  ") WITHOUT ROWID;";

gboolean
afs_migration_4_office (AfsDb   *db,
                        GError **error)
{
  return afs_db_exec (db, migration_4_sql, error);
}
