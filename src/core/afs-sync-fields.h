/* afs-sync-fields.h: which tables and fields sync, and how each field's
 * concurrent changes are settled (docs/sync-protocol.md, sections 5-6).
 *
 * One table, used by the office service (to refuse unknown fields and
 * apply the conflict rules) and by the device (to apply pulled rows and
 * know which columns it pushes). GLib only.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The protocol this build speaks, and the app schema its field table
 * describes (PRAGMA user_version of the device's file). */
#define AFS_SYNC_PROTOCOL       1
#define AFS_SYNC_MIN_PROTOCOL   1
#define AFS_SYNC_SCHEMA         6
#define AFS_SYNC_MIN_SCHEMA     6

/* How a concurrent change of the field is settled (sync-protocol.md 5). */
typedef enum {
  /* States, timestamps, enums, flags: the later HLC wins. */
  AFS_SYNC_LAST_WRITER,
  /* Free text, quantities, prices, customer-facing data: the server keeps
   * its value and writes a conflict row for a person to decide. */
  AFS_SYNC_REVIEW,
  /* Set by the insert, never changed (photos, signatures, audit, the key
   * that binds a row to its case). */
  AFS_SYNC_APPEND_ONLY,
  /* A report's signature: written while null; once signed, sync changes
   * nothing in that report. */
  AFS_SYNC_SEALED,
  /* created_at, updated_at, version: kept by the server, not compared. */
  AFS_SYNC_META,
} AfsSyncClass;

/* The JSON type of a field's value (null is always allowed). */
typedef enum {
  AFS_SYNC_TEXT,     /* string */
  AFS_SYNC_INTEGER,  /* whole number */
  AFS_SYNC_REAL,     /* number */
  AFS_SYNC_BOOL,     /* 0 or 1 */
} AfsSyncType;

/* How a row finds its case, which decides who sees it (sync-protocol.md 8). */
typedef enum {
  AFS_SYNC_SCOPE_CASE,       /* the row is a case */
  AFS_SYNC_SCOPE_CASE_ID,    /* its case_id field */
  AFS_SYNC_SCOPE_REPORT_ID,  /* its report_id field → that report's case */
  AFS_SYNC_SCOPE_CUSTOMER,   /* seen with the cases that refer to it */
  AFS_SYNC_SCOPE_EQUIPMENT,  /* seen with the cases that refer to it */
  AFS_SYNC_SCOPE_EVERYONE,   /* staff: everyone sees, only the office writes */
} AfsSyncScope;

typedef struct {
  const char   *name;
  AfsSyncType   type;
  AfsSyncClass  klass;
  int           since_schema;  /* the schema step that added the column */
} AfsSyncField;

typedef struct {
  const char         *name;
  AfsSyncScope        scope;
  /* FALSE for audit: no created_at/updated_at/version/deleted_at. */
  gboolean            versioned;
  const AfsSyncField *fields;
  guint               n_fields;
} AfsSyncTable;

/* Every synced table, in an order where a row's references come first
 * (customers before cases before reports before report parts). */
const AfsSyncTable *afs_sync_tables          (guint *n_tables);
/* The table named @name, or NULL when it does not sync. */
const AfsSyncTable *afs_sync_table_lookup    (const char *name);
/* The field @name of @table, or NULL when it does not sync. */
const AfsSyncField *afs_sync_table_get_field (const AfsSyncTable *table,
                                              const char         *name);

const char         *afs_sync_class_to_string (AfsSyncClass klass);

/* TRUE when @hlc has the protocol's form
 * "<13 digits>-<4 lowercase hex>-<uuid>" (sync-protocol.md 3). */
gboolean            afs_sync_hlc_is_valid    (const char *hlc);

G_END_DECLS
