/* afs-office-storage-sqlite.c: the office service's storage in one
 * SQLite file (<data>/office.db), the default: nothing else to run.
 *
 * Rows are kept whole, as JSON objects keyed by (table, row id), with
 * the HLC that wrote each field; `seq` is the server sequence of the
 * row's last change, allocated in the writing transaction, so sequence
 * order is commit order (SQLite serialises writers; BEGIN IMMEDIATE
 * takes the lock before anything is read). Several service processes
 * may share the file (WAL).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <gio/gio.h>

#include "afs-office-storage.h"
#include "afs-sync-fields.h"

typedef struct {
  AfsOfficeStorage parent;
  sqlite3    *db;
  GHashTable *stmts;   /* SQL text → sqlite3_stmt */
  char       *everyone_tables;  /* "'staff','parts_catalogue'" */
} SqliteStorage;

#define SELF(s) ((SqliteStorage *) (s))

static const char schema_sql[] =
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);"
  "INSERT OR IGNORE INTO counters VALUES ('seq', 0);"
  "CREATE TABLE IF NOT EXISTS users ("
  "  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL,"
  "  staff_id TEXT, password_hash TEXT NOT NULL, created_at INTEGER NOT NULL);"
  "CREATE TABLE IF NOT EXISTS devices ("
  "  id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id), name TEXT,"
  "  last_seq INTEGER NOT NULL DEFAULT 0, schema INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL DEFAULT 0,"
  "  revoked_at INTEGER NOT NULL DEFAULT 0, last_hlc TEXT);"
  "CREATE TABLE IF NOT EXISTS sessions ("
  "  token_hash TEXT PRIMARY KEY, device_id TEXT NOT NULL REFERENCES devices (id),"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX IF NOT EXISTS sessions_device ON sessions (device_id);"
  "CREATE TABLE IF NOT EXISTS rows ("
  "  tbl TEXT NOT NULL, row_id TEXT NOT NULL, case_id TEXT, customer_ref TEXT,"
  "  equipment_ref TEXT, seq INTEGER NOT NULL UNIQUE, hlc TEXT NOT NULL,"
  "  data TEXT NOT NULL, field_hlc TEXT NOT NULL, PRIMARY KEY (tbl, row_id)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS rows_case ON rows (case_id);"
  "CREATE INDEX IF NOT EXISTS rows_customer ON rows (customer_ref) WHERE tbl = 'cases';"
  "CREATE INDEX IF NOT EXISTS rows_equipment ON rows (equipment_ref) WHERE tbl = 'cases';"
  "CREATE TABLE IF NOT EXISTS case_staff ("
  "  case_id TEXT NOT NULL, staff_id TEXT NOT NULL, why TEXT NOT NULL,"
  "  PRIMARY KEY (case_id, staff_id, why));"
  "CREATE INDEX IF NOT EXISTS case_staff_staff ON case_staff (staff_id, case_id);"
  "CREATE TABLE IF NOT EXISTS evictions ("
  "  seq INTEGER PRIMARY KEY, staff_id TEXT NOT NULL, tbl TEXT NOT NULL, row_id TEXT NOT NULL);"
  "CREATE INDEX IF NOT EXISTS evictions_staff ON evictions (staff_id, seq);"
  "CREATE TABLE IF NOT EXISTS number_blocks ("
  "  device_id TEXT NOT NULL, year INTEGER NOT NULL, first INTEGER NOT NULL,"
  "  last INTEGER NOT NULL, PRIMARY KEY (year, first));"
  "PRAGMA user_version = 1;";

static gboolean
fail (SqliteStorage *self,
      GError       **error,
      const char    *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what, sqlite3_errmsg (self->db));
  return FALSE;
}

static sqlite3_stmt *
stmt (SqliteStorage *self,
      const char    *sql,
      GError       **error)
{
  sqlite3_stmt *s = g_hash_table_lookup (self->stmts, sql);

  if (s != NULL)
    {
      sqlite3_reset (s);
      sqlite3_clear_bindings (s);
      return s;
    }
  if (sqlite3_prepare_v2 (self->db, sql, -1, &s, NULL) != SQLITE_OK)
    {
      fail (self, error, "preparing a statement");
      return NULL;
    }
  g_hash_table_insert (self->stmts, (gpointer) sql, s);
  return s;
}

static void
bind_text (sqlite3_stmt *s, int i, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (s, i);
  else
    sqlite3_bind_text (s, i, text, -1, SQLITE_TRANSIENT);
}

static char *
col_text (sqlite3_stmt *s, int i)
{
  const unsigned char *t = sqlite3_column_text (s, i);
  return t != NULL ? g_strdup ((const char *) t) : NULL;
}

static gboolean
step_done (SqliteStorage *self,
           sqlite3_stmt  *s,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (s);
  gboolean ok = rc == SQLITE_DONE || rc == SQLITE_ROW;

  if (!ok)
    fail (self, error, what);
  sqlite3_reset (s);
  return ok;
}

static gboolean
exec (SqliteStorage *self,
      const char    *sql,
      GError       **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return fail (self, error, sql);
  return TRUE;
}

static void
sqlite_free (AfsOfficeStorage *s)
{
  SqliteStorage *self = SELF (s);

  g_hash_table_destroy (self->stmts);
  sqlite3_close (self->db);
  g_free (self->everyone_tables);
  g_free (self);
}

static gboolean
sqlite_begin (AfsOfficeStorage *s, GError **error)
{
  return exec (SELF (s), "BEGIN IMMEDIATE", error);
}

static gboolean
sqlite_begin_read (AfsOfficeStorage *s, GError **error)
{
  return exec (SELF (s), "BEGIN DEFERRED", error);
}

static gboolean
sqlite_commit (AfsOfficeStorage *s, GError **error)
{
  return exec (SELF (s), "COMMIT", error);
}

static void
sqlite_rollback (AfsOfficeStorage *s)
{
  if (!sqlite3_get_autocommit (SELF (s)->db))
    sqlite3_exec (SELF (s)->db, "ROLLBACK", NULL, NULL, NULL);
}

static char *
sqlite_get_meta (AfsOfficeStorage *s, const char *key)
{
  sqlite3_stmt *st = stmt (SELF (s), "SELECT value FROM meta WHERE key = ?1", NULL);
  char *value = NULL;

  if (st == NULL)
    return NULL;
  bind_text (st, 1, key);
  if (sqlite3_step (st) == SQLITE_ROW)
    value = col_text (st, 0);
  sqlite3_reset (st);
  return value;
}

static gboolean
sqlite_set_meta (AfsOfficeStorage *s, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, key);
  bind_text (st, 2, value);
  return step_done (SELF (s), st, "saving a setting", error);
}

/* ---- users, devices, sessions --------------------------------------- */

static gboolean
sqlite_add_user (AfsOfficeStorage *s, const AfsOfficeUser *u, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s),
                           "INSERT INTO users (id, name, role, staff_id, password_hash, created_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                           " ON CONFLICT (name) DO UPDATE SET role = ?3, staff_id = ?4,"
                           " password_hash = ?5", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, u->id);
  bind_text (st, 2, u->name);
  bind_text (st, 3, u->role);
  bind_text (st, 4, u->staff_id);
  bind_text (st, 5, u->password_hash);
  sqlite3_bind_int64 (st, 6, u->created_at);
  return step_done (SELF (s), st, "saving the user", error);
}

static AfsOfficeUser *
read_user (sqlite3_stmt *st)
{
  AfsOfficeUser *u = g_new0 (AfsOfficeUser, 1);

  u->id = col_text (st, 0);
  u->name = col_text (st, 1);
  u->role = col_text (st, 2);
  u->staff_id = col_text (st, 3);
  u->password_hash = col_text (st, 4);
  u->created_at = sqlite3_column_int64 (st, 5);
  return u;
}

static AfsOfficeUser *
sqlite_find_user (AfsOfficeStorage *s, const char *name, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s),
                           "SELECT id, name, role, staff_id, password_hash, created_at FROM users"
                           " WHERE name = ?1 OR id = ?1", error);
  AfsOfficeUser *u = NULL;
  int rc;

  if (st == NULL)
    return NULL;
  bind_text (st, 1, name);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    u = read_user (st);
  else if (rc != SQLITE_DONE)
    fail (SELF (s), error, "reading the user");
  sqlite3_reset (st);
  return u;
}

static GPtrArray *
sqlite_list_users (AfsOfficeStorage *s, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s),
                           "SELECT id, name, role, staff_id, password_hash, created_at FROM users"
                           " ORDER BY name", error);
  GPtrArray *list;

  if (st == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_office_user_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (list, read_user (st));
  sqlite3_reset (st);
  return list;
}

#define DEVICE_COLS "id, user_id, name, last_seq, schema, created_at, last_seen, revoked_at, last_hlc"

static AfsOfficeDevice *
read_device (sqlite3_stmt *st)
{
  AfsOfficeDevice *d = g_new0 (AfsOfficeDevice, 1);

  d->id = col_text (st, 0);
  d->user_id = col_text (st, 1);
  d->name = col_text (st, 2);
  d->last_seq = sqlite3_column_int64 (st, 3);
  d->schema = sqlite3_column_int64 (st, 4);
  d->created_at = sqlite3_column_int64 (st, 5);
  d->last_seen = sqlite3_column_int64 (st, 6);
  d->revoked_at = sqlite3_column_int64 (st, 7);
  d->last_hlc = col_text (st, 8);
  return d;
}

static AfsOfficeDevice *
sqlite_find_device (AfsOfficeStorage *s, const char *id, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "SELECT " DEVICE_COLS " FROM devices WHERE id = ?1", error);
  AfsOfficeDevice *d = NULL;
  int rc;

  if (st == NULL)
    return NULL;
  bind_text (st, 1, id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    d = read_device (st);
  else if (rc != SQLITE_DONE)
    fail (SELF (s), error, "reading the device");
  sqlite3_reset (st);
  return d;
}

static gboolean
sqlite_put_device (AfsOfficeStorage *s, const AfsOfficeDevice *d, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s),
                           "INSERT OR REPLACE INTO devices (" DEVICE_COLS ")"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, d->id);
  bind_text (st, 2, d->user_id);
  bind_text (st, 3, d->name);
  sqlite3_bind_int64 (st, 4, d->last_seq);
  sqlite3_bind_int64 (st, 5, d->schema);
  sqlite3_bind_int64 (st, 6, d->created_at);
  sqlite3_bind_int64 (st, 7, d->last_seen);
  sqlite3_bind_int64 (st, 8, d->revoked_at);
  bind_text (st, 9, d->last_hlc);
  return step_done (SELF (s), st, "saving the device", error);
}

static GPtrArray *
sqlite_list_devices (AfsOfficeStorage *s, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "SELECT " DEVICE_COLS " FROM devices ORDER BY created_at, id",
                           error);
  GPtrArray *list;

  if (st == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_office_device_free);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_ptr_array_add (list, read_device (st));
  sqlite3_reset (st);
  return list;
}

static gboolean
sqlite_revoke_device (AfsOfficeStorage *s, const char *id, gint64 at, gboolean *found,
                      GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "UPDATE devices SET revoked_at = ?2 WHERE id = ?1", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, id);
  sqlite3_bind_int64 (st, 2, at);
  if (!step_done (SELF (s), st, "revoking the device", error))
    return FALSE;
  *found = sqlite3_changes (SELF (s)->db) > 0;

  st = stmt (SELF (s), "DELETE FROM sessions WHERE device_id = ?1", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, id);
  return step_done (SELF (s), st, "forgetting the device's sessions", error);
}

static gboolean
sqlite_add_session (AfsOfficeStorage *s, const char *hash, const char *device_id, gint64 at,
                    GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s),
                           "INSERT INTO sessions (token_hash, device_id, created_at) VALUES (?1, ?2, ?3)",
                           error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, hash);
  bind_text (st, 2, device_id);
  sqlite3_bind_int64 (st, 3, at);
  return step_done (SELF (s), st, "saving the session", error);
}

static char *
sqlite_find_session (AfsOfficeStorage *s, const char *hash, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "SELECT device_id FROM sessions WHERE token_hash = ?1", error);
  char *id = NULL;

  if (st == NULL)
    return NULL;
  bind_text (st, 1, hash);
  if (sqlite3_step (st) == SQLITE_ROW)
    id = col_text (st, 0);
  sqlite3_reset (st);
  return id;
}

static gboolean
sqlite_delete_session (AfsOfficeStorage *s, const char *hash, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "DELETE FROM sessions WHERE token_hash = ?1", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, hash);
  return step_done (SELF (s), st, "forgetting the session", error);
}

/* ---- rows ------------------------------------------------------------- */

static JsonObject *
parse_object_text (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    return json_object_ref (json_node_get_object (root));
  return json_object_new ();
}

static char *
object_text (JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);
  return json_to_string (node, FALSE);
}

#define ROW_COLS "tbl, row_id, case_id, customer_ref, equipment_ref, seq, hlc, data, field_hlc"

static AfsOfficeRow *
read_row (sqlite3_stmt *st)
{
  AfsOfficeRow *r = g_new0 (AfsOfficeRow, 1);

  r->table = col_text (st, 0);
  r->row_id = col_text (st, 1);
  r->case_id = col_text (st, 2);
  r->customer_ref = col_text (st, 3);
  r->equipment_ref = col_text (st, 4);
  r->seq = sqlite3_column_int64 (st, 5);
  r->hlc = col_text (st, 6);
  r->data = parse_object_text ((const char *) sqlite3_column_text (st, 7));
  r->field_hlc = parse_object_text ((const char *) sqlite3_column_text (st, 8));
  return r;
}

static AfsOfficeRow *
sqlite_get_row (AfsOfficeStorage *s, const char *table, const char *row_id, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "SELECT " ROW_COLS " FROM rows WHERE tbl = ?1 AND row_id = ?2",
                           error);
  AfsOfficeRow *r = NULL;
  int rc;

  if (st == NULL)
    return NULL;
  bind_text (st, 1, table);
  bind_text (st, 2, row_id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    r = read_row (st);
  else if (rc != SQLITE_DONE)
    fail (SELF (s), error, "reading a row");
  sqlite3_reset (st);
  return r;
}

static gint64
next_seq (SqliteStorage *self, GError **error)
{
  sqlite3_stmt *st = stmt (self, "UPDATE counters SET value = value + 1 WHERE name = 'seq'"
                                 " RETURNING value", error);
  gint64 v = -1;

  if (st == NULL)
    return -1;
  if (sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int64 (st, 0);
  else
    fail (self, error, "numbering a change");
  sqlite3_reset (st);
  return v;
}

static gboolean
sqlite_put_row (AfsOfficeStorage *s, AfsOfficeRow *r, GError **error)
{
  SqliteStorage *self = SELF (s);
  g_autofree char *data = object_text (r->data);
  g_autofree char *fh = object_text (r->field_hlc);
  sqlite3_stmt *st;
  gint64 seq = next_seq (self, error);

  if (seq < 0)
    return FALSE;
  st = stmt (self, "INSERT OR REPLACE INTO rows (" ROW_COLS ")"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, r->table);
  bind_text (st, 2, r->row_id);
  bind_text (st, 3, r->case_id);
  bind_text (st, 4, r->customer_ref);
  bind_text (st, 5, r->equipment_ref);
  sqlite3_bind_int64 (st, 6, seq);
  bind_text (st, 7, r->hlc != NULL ? r->hlc : "");
  bind_text (st, 8, data);
  bind_text (st, 9, fh);
  if (!step_done (self, st, "saving a row", error))
    return FALSE;
  r->seq = seq;
  return TRUE;
}

static GPtrArray *
sqlite_case_rows (AfsOfficeStorage *s, const char *case_id, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "SELECT " ROW_COLS " FROM rows WHERE case_id = ?1 ORDER BY seq",
                           error);
  GPtrArray *list;
  int rc;

  if (st == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_office_row_free);
  bind_text (st, 1, case_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (list, read_row (st));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      fail (SELF (s), error, "reading a case's rows");
      g_ptr_array_unref (list);
      return NULL;
    }
  return list;
}

static GStrv
sqlite_case_staff (AfsOfficeStorage *s, const char *case_id, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "SELECT DISTINCT staff_id FROM case_staff WHERE case_id = ?1"
                                     " ORDER BY staff_id", error);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  if (st == NULL)
    return NULL;
  bind_text (st, 1, case_id);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_strv_builder_add (b, (const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  return g_strv_builder_end (b);
}

static gboolean
sqlite_add_case_staff (AfsOfficeStorage *s, const char *case_id, const char *why,
                       const char *staff_id, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "INSERT OR IGNORE INTO case_staff VALUES (?1, ?2, ?3)", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, case_id);
  bind_text (st, 2, staff_id);
  bind_text (st, 3, why);
  return step_done (SELF (s), st, "saving who sees a case", error);
}

static gboolean
sqlite_set_case_staff (AfsOfficeStorage *s, const char *case_id, const char *why,
                       const char *const *staff_ids, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "DELETE FROM case_staff WHERE case_id = ?1 AND why = ?2", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, case_id);
  bind_text (st, 2, why);
  if (!step_done (SELF (s), st, "saving who sees a case", error))
    return FALSE;
  for (guint i = 0; staff_ids != NULL && staff_ids[i] != NULL; i++)
    if (!sqlite_add_case_staff (s, case_id, why, staff_ids[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
sqlite_staff_refers (AfsOfficeStorage *s, const char *staff_id, const char *table,
                     const char *row_id, const char *except_case, gboolean *refers,
                     GError **error)
{
  const char *sql = g_strcmp0 (table, "customers") == 0
    ? "SELECT 1 FROM rows c JOIN case_staff cs ON cs.case_id = c.row_id"
      " WHERE c.tbl = 'cases' AND c.customer_ref = ?1 AND cs.staff_id = ?2"
      " AND c.row_id IS NOT ?3 LIMIT 1"
    : "SELECT 1 FROM rows c JOIN case_staff cs ON cs.case_id = c.row_id"
      " WHERE c.tbl = 'cases' AND c.equipment_ref = ?1 AND cs.staff_id = ?2"
      " AND c.row_id IS NOT ?3 LIMIT 1";
  sqlite3_stmt *st = stmt (SELF (s), sql, error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, row_id);
  bind_text (st, 2, staff_id);
  bind_text (st, 3, except_case);
  *refers = sqlite3_step (st) == SQLITE_ROW;
  sqlite3_reset (st);
  return TRUE;
}

static gboolean
sqlite_add_eviction (AfsOfficeStorage *s, const char *staff_id, const char *table,
                     const char *row_id, GError **error)
{
  gint64 seq = next_seq (SELF (s), error);
  sqlite3_stmt *st;

  if (seq < 0)
    return FALSE;
  st = stmt (SELF (s), "INSERT INTO evictions (seq, staff_id, tbl, row_id) VALUES (?1, ?2, ?3, ?4)",
             error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, seq);
  bind_text (st, 2, staff_id);
  bind_text (st, 3, table);
  bind_text (st, 4, row_id);
  return step_done (SELF (s), st, "saving an eviction", error);
}

static gboolean
sqlite_blob_in_scope (AfsOfficeStorage *s, const char *staff_id, const char *sha256,
                      gboolean *in_scope, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s),
                           "SELECT 1 FROM rows r JOIN case_staff cs ON cs.case_id = r.case_id"
                           " WHERE r.tbl = 'photos' AND cs.staff_id = ?1"
                           " AND json_extract (r.data, '$.sha256') = ?2 LIMIT 1", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, staff_id);
  bind_text (st, 2, sha256);
  *in_scope = sqlite3_step (st) == SQLITE_ROW;
  sqlite3_reset (st);
  return TRUE;
}

static GPtrArray *
sqlite_pull (AfsOfficeStorage *s, const char *staff_id, gboolean everyone, gint64 cursor,
             guint limit, GError **error)
{
  SqliteStorage *self = SELF (s);
  static char *scoped_sql;
  sqlite3_stmt *st;
  GPtrArray *list;
  int rc;

  if (scoped_sql == NULL)
    scoped_sql = g_strdup_printf (
      "SELECT seq, tbl, row_id, 0, hlc, data FROM rows r"
      " WHERE r.seq > ?1 AND ("
      "   r.tbl IN (%s)"
      "   OR r.case_id IN (SELECT case_id FROM case_staff WHERE staff_id = ?2)"
      "   OR (r.tbl = 'customers' AND r.row_id IN (SELECT c.customer_ref FROM rows c"
      "        JOIN case_staff cs ON cs.case_id = c.row_id"
      "        WHERE c.tbl = 'cases' AND cs.staff_id = ?2))"
      "   OR (r.tbl = 'equipment' AND r.row_id IN (SELECT c.equipment_ref FROM rows c"
      "        JOIN case_staff cs ON cs.case_id = c.row_id"
      "        WHERE c.tbl = 'cases' AND cs.staff_id = ?2)))"
      " UNION ALL"
      " SELECT seq, tbl, row_id, 1, '', '{}' FROM evictions WHERE staff_id = ?2 AND seq > ?1"
      " ORDER BY 1 LIMIT ?3", self->everyone_tables);

  if (everyone)
    st = stmt (self, "SELECT seq, tbl, row_id, 0, hlc, data FROM rows WHERE seq > ?1"
                     " ORDER BY seq LIMIT ?3", error);
  else
    st = stmt (self, scoped_sql, error);
  if (st == NULL)
    return NULL;

  sqlite3_bind_int64 (st, 1, cursor);
  if (!everyone)
    bind_text (st, 2, staff_id != NULL ? staff_id : "");
  sqlite3_bind_int64 (st, 3, limit);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_office_entry_free);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      AfsOfficeEntry *e = g_new0 (AfsOfficeEntry, 1);

      e->seq = sqlite3_column_int64 (st, 0);
      e->table = col_text (st, 1);
      e->row_id = col_text (st, 2);
      e->evict = sqlite3_column_int (st, 3) != 0;
      e->hlc = col_text (st, 4);
      e->data = col_text (st, 5);
      g_ptr_array_add (list, e);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    {
      fail (self, error, "reading changes to pull");
      g_ptr_array_unref (list);
      return NULL;
    }
  return list;
}

static gint64
sqlite_head (AfsOfficeStorage *s, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "SELECT value FROM counters WHERE name = 'seq'", error);
  gint64 v = -1;

  if (st == NULL)
    return -1;
  if (sqlite3_step (st) == SQLITE_ROW)
    v = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return v;
}

static gboolean
sqlite_current_block (AfsOfficeStorage *s, const char *device_id, gint64 year, gint64 *first,
                      gint64 *last, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "SELECT first, last FROM number_blocks WHERE device_id = ?1"
                                     " AND year = ?2 ORDER BY first DESC LIMIT 1", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, device_id);
  sqlite3_bind_int64 (st, 2, year);
  *first = *last = 0;
  if (sqlite3_step (st) == SQLITE_ROW)
    {
      *first = sqlite3_column_int64 (st, 0);
      *last = sqlite3_column_int64 (st, 1);
    }
  sqlite3_reset (st);
  return TRUE;
}

static gboolean
sqlite_lease_block (AfsOfficeStorage *s, const char *device_id, gint64 year, gint64 size,
                    gint64 *first, gint64 *last, GError **error)
{
  sqlite3_stmt *st = stmt (SELF (s), "SELECT coalesce (max (last), 0) FROM number_blocks"
                                     " WHERE year = ?1", error);
  gint64 top = 0;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, year);
  if (sqlite3_step (st) == SQLITE_ROW)
    top = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);

  if (top + size > 999999)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "All case numbers of %lld are leased.", (long long) year);
      return FALSE;
    }

  st = stmt (SELF (s), "INSERT INTO number_blocks VALUES (?1, ?2, ?3, ?4)", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, device_id);
  sqlite3_bind_int64 (st, 2, year);
  sqlite3_bind_int64 (st, 3, top + 1);
  sqlite3_bind_int64 (st, 4, top + size);
  if (!step_done (SELF (s), st, "leasing case numbers", error))
    return FALSE;
  *first = top + 1;
  *last = top + size;
  return TRUE;
}

static gint64
sqlite_count (AfsOfficeStorage *s, const char *what)
{
  const char *sql;
  sqlite3_stmt *st;
  gint64 n = -1;

  if (g_strcmp0 (what, "users") == 0)
    sql = "SELECT count(*) FROM users";
  else if (g_strcmp0 (what, "devices") == 0)
    sql = "SELECT count(*) FROM devices WHERE revoked_at = 0";
  else if (g_strcmp0 (what, "rows") == 0)
    sql = "SELECT count(*) FROM rows";
  else if (g_strcmp0 (what, "conflicts") == 0)
    sql = "SELECT count(*) FROM rows WHERE tbl = 'conflicts'"
          " AND json_extract (data, '$.resolution') IS NULL";
  else
    return -1;

  st = stmt (SELF (s), sql, NULL);
  if (st == NULL)
    return -1;
  if (sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return n;
}

static const AfsOfficeStorageVTable sqlite_vtable = {
  .free = sqlite_free,
  .begin = sqlite_begin,
  .begin_read = sqlite_begin_read,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .get_meta = sqlite_get_meta,
  .set_meta = sqlite_set_meta,
  .add_user = sqlite_add_user,
  .find_user = sqlite_find_user,
  .list_users = sqlite_list_users,
  .find_device = sqlite_find_device,
  .put_device = sqlite_put_device,
  .list_devices = sqlite_list_devices,
  .revoke_device = sqlite_revoke_device,
  .add_session = sqlite_add_session,
  .find_session = sqlite_find_session,
  .delete_session = sqlite_delete_session,
  .get_row = sqlite_get_row,
  .put_row = sqlite_put_row,
  .case_rows = sqlite_case_rows,
  .case_staff = sqlite_case_staff,
  .set_case_staff = sqlite_set_case_staff,
  .add_case_staff = sqlite_add_case_staff,
  .staff_refers = sqlite_staff_refers,
  .add_eviction = sqlite_add_eviction,
  .blob_in_scope = sqlite_blob_in_scope,
  .pull = sqlite_pull,
  .head = sqlite_head,
  .current_block = sqlite_current_block,
  .lease_block = sqlite_lease_block,
  .count = sqlite_count,
};

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

/**
 * afs_office_storage_sqlite_open:
 * @dir: the data folder (made when missing, mode 0700)
 *
 * Returns: (transfer full) (nullable): the storage, or %NULL with @error
 */
AfsOfficeStorage *
afs_office_storage_sqlite_open (const char *dir,
                                GError    **error)
{
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  SqliteStorage *self;
  g_autoptr(GString) everyone = g_string_new (NULL);
  const AfsSyncTable *tables;
  guint n;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot make the data folder “%s”: %s", dir, g_strerror (errno));
      return NULL;
    }

  self = g_new0 (SqliteStorage, 1);
  self->parent.vt = &sqlite_vtable;
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_stmt);

  tables = afs_sync_tables (&n);
  for (guint i = 0; i < n; i++)
    if (tables[i].scope == AFS_SYNC_SCOPE_EVERYONE)
      g_string_append_printf (everyone, "%s'%s'", everyone->len ? ", " : "", tables[i].name);
  self->everyone_tables = g_string_free (g_steal_pointer (&everyone), FALSE);

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot open “%s”: %s", path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : "out of memory");
      sqlite_free (&self->parent);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 10000);

  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      !exec (self, "BEGIN IMMEDIATE", error))
    {
      sqlite_free (&self->parent);
      return NULL;
    }
  if (!exec (self, schema_sql, error) || !exec (self, "COMMIT", error))
    {
      g_prefix_error (error, "Cannot prepare “%s”: ", path);
      sqlite_rollback (&self->parent);
      sqlite_free (&self->parent);
      return NULL;
    }

  return &self->parent;
}

