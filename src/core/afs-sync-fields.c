/* afs-sync-fields.c: the synced tables and fields with their conflict
 * classes. docs/sync-protocol.md section 6 is this table in words; keep
 * both in step with the schema steps (src/store/afs-migrations*.c).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-sync-fields.h"

#define T AFS_SYNC_TEXT
#define I AFS_SYNC_INTEGER
#define R AFS_SYNC_REAL
#define B AFS_SYNC_BOOL

#define LW AFS_SYNC_LAST_WRITER
#define RV AFS_SYNC_REVIEW
#define AO AFS_SYNC_APPEND_ONLY
#define SE AFS_SYNC_SEALED

/* The sync columns of every versioned table (afs-migrations.c). */
#define SYNC_META \
  { "created_at", I, AFS_SYNC_META, 1 }, \
  { "updated_at", I, AFS_SYNC_META, 1 }, \
  { "version",    I, AFS_SYNC_META, 1 }, \
  { "deleted_at", I, LW, 1 }

static const AfsSyncField customers_fields[] = {
  { "name", T, RV, 1 },
  { "contact_name", T, RV, 1 },
  { "phone", T, RV, 1 },
  { "email", T, RV, 1 },
  { "address", T, RV, 1 },
  { "city", T, RV, 1 },
  { "region", T, LW, 1 },
  { "tier", T, LW, 1 },
  SYNC_META,
};

static const AfsSyncField equipment_fields[] = {
  { "customer_id", T, RV, 1 },
  { "model", T, RV, 1 },
  { "serial", T, RV, 1 },
  { "production_date", T, RV, 1 },
  { "purchase_date", T, RV, 1 },
  { "installation_date", T, RV, 1 },
  { "warranty_end", T, RV, 1 },
  SYNC_META,
};

static const AfsSyncField staff_fields[] = {
  { "name", T, RV, 1 },
  { "phone", T, RV, 1 },
  { "service_area", T, RV, 1 },
  { "skills", T, RV, 1 },
  { "hourly_rate", R, RV, 1 },
  { "role", T, LW, 1 },
  { "active", B, LW, 1 },
  SYNC_META,
};

static const AfsSyncField cases_fields[] = {
  { "number", T, RV, 1 },
  { "customer_id", T, RV, 1 },
  { "equipment_id", T, RV, 1 },
  { "channel", T, LW, 1 },
  { "category", T, LW, 1 },
  { "severity", I, LW, 1 },
  { "scope", T, LW, 1 },
  { "scope_reason", T, RV, 1 },
  { "warranty", T, LW, 1 },
  { "cause", T, LW, 1 },
  { "responsible", T, RV, 1 },
  { "responsible_staff_id", T, LW, 1 },
  { "third_party_claim", T, RV, 1 },
  { "description", T, RV, 1 },
  { "contact_name", T, RV, 1 },
  { "contact_phone", T, RV, 1 },
  { "reported_at", I, LW, 1 },
  { "respond_due", I, LW, 1 },
  { "arrive_due", I, LW, 1 },
  { "resolve_due", I, LW, 1 },
  { "responded_at", I, LW, 1 },
  { "arrived_at", I, LW, 1 },
  { "resolved_at", I, LW, 1 },
  { "closed_at", I, LW, 1 },
  { "next_due", I, LW, 1 },
  { "estimated_cost", R, RV, 1 },
  { "compensation", R, RV, 1 },
  { "quality_loss", R, RV, 1 },
  { "remote_resolution", T, RV, 1 },
  { "state", T, LW, 1 },
  SYNC_META,
};

static const AfsSyncField assignments_fields[] = {
  { "case_id", T, AO, 1 },
  { "staff_id", T, LW, 1 },
  { "lead", B, LW, 1 },
  { "assigned_at", I, LW, 1 },
  { "planned_start", I, LW, 1 },
  { "planned_end", I, LW, 1 },
  { "note", T, RV, 1 },
  { "unassigned_at", I, LW, 1 },
  SYNC_META,
};

static const AfsSyncField visits_fields[] = {
  { "case_id", T, AO, 1 },
  { "staff_id", T, LW, 1 },
  { "travel_started_at", I, LW, 1 },
  { "arrived_at", I, LW, 1 },
  { "left_at", I, LW, 1 },
  SYNC_META,
};

static const AfsSyncField reports_fields[] = {
  { "case_id", T, AO, 1 },
  { "diagnosis", T, RV, 1 },
  { "actions", T, RV, 1 },
  { "outcome", T, RV, 1 },
  { "customer_opinion", T, RV, 1 },
  { "signer_name", T, SE, 1 },
  { "signed_at", I, SE, 1 },
  { "accepted", B, SE, 1 },
  { "content_hash", T, SE, 1 },
  { "report_version", I, AO, 1 },
  /* Step 5 (on site): the full repair report. */
  { "fault_confirmed", B, LW, 5 },
  { "fault_description", T, RV, 5 },
  { "cause", T, RV, 5 },
  { "labour_minutes", I, RV, 5 },
  { "test_result", T, RV, 5 },
  { "remedy", T, RV, 5 },
  { "remedy_item", T, RV, 5 },
  { "remedy_spec", T, RV, 5 },
  { "remedy_quantity", R, RV, 5 },
  { "remedy_reason", T, RV, 5 },
  { "advice", T, RV, 5 },
  { "signer_role", T, SE, 5 },
  { "signed_content", T, SE, 5 },
  SYNC_META,
};

static const AfsSyncField report_parts_fields[] = {
  { "report_id", T, AO, 1 },
  { "part_number", T, RV, 1 },
  { "name", T, RV, 1 },
  { "quantity", R, RV, 1 },
  { "under_warranty", B, RV, 1 },
  { "unit_price", R, RV, 1 },
  { "catalogue_id", T, RV, 5 },
  SYNC_META,
};

static const AfsSyncField photos_fields[] = {
  { "case_id", T, AO, 1 },
  { "sha256", T, AO, 1 },
  /* The technician can correct which checklist item a photo shows
   * (afs_store_set_photo_kind()); the picture itself never changes. */
  { "kind", T, LW, 1 },
  { "caption", T, RV, 1 },
  { "taken_at", I, AO, 1 },
  { "width", I, AO, 1 },
  { "height", I, AO, 1 },
  { "size", I, AO, 5 },
  { "mime_type", T, AO, 5 },
  SYNC_META,
};

static const AfsSyncField signatures_fields[] = {
  { "report_id", T, AO, 1 },
  { "signer_name", T, AO, 1 },
  { "signer_role", T, AO, 1 },
  { "strokes", T, AO, 1 },
  { "content_hash", T, AO, 1 },
  { "signed_at", I, AO, 1 },
  { "party", T, AO, 5 },
  SYNC_META,
};

/* Step 5: satisfaction item by item, given at sign-off. */
static const AfsSyncField report_ratings_fields[] = {
  { "report_id", T, AO, 5 },
  { "item", T, AO, 5 },
  { "score", I, RV, 5 },
  SYNC_META,
};

/* Step 5: the parts a technician picks from; the office keeps it. */
static const AfsSyncField parts_catalogue_fields[] = {
  { "part_number", T, RV, 5 },
  { "name", T, RV, 5 },
  { "unit_price", R, RV, 5 },
  SYNC_META,
};

static const AfsSyncField approvals_fields[] = {
  { "case_id", T, AO, 1 },
  { "reasons", T, RV, 1 },
  { "requested_by", T, LW, 1 },
  { "requested_at", I, LW, 1 },
  { "decided_by", T, LW, 1 },
  { "decision", T, LW, 1 },
  { "comment", T, RV, 1 },
  { "decided_at", I, LW, 1 },
  { "stale", B, LW, 1 },
  SYNC_META,
};

static const AfsSyncField part_shipments_fields[] = {
  { "case_id", T, AO, 1 },
  { "part", T, RV, 1 },
  { "model", T, RV, 1 },
  { "quantity", R, RV, 1 },
  { "destination", T, RV, 1 },
  { "carrier", T, RV, 1 },
  { "tracking_number", T, RV, 1 },
  { "shipped_at", I, LW, 1 },
  SYNC_META,
};

static const AfsSyncField follow_ups_fields[] = {
  { "case_id", T, AO, 1 },
  { "at", I, LW, 1 },
  { "channel", T, LW, 1 },
  { "satisfaction", I, RV, 1 },
  { "note", T, RV, 1 },
  { "problem_found", B, LW, 1 },
  SYNC_META,
};

/* Only ever added (the triggers of afs-migrations.c refuse changes). */
static const AfsSyncField audit_fields[] = {
  { "case_id", T, AO, 1 },
  { "at", I, AO, 1 },
  { "actor_id", T, AO, 1 },
  { "actor_name", T, AO, 1 },
  { "kind", T, AO, 1 },
  { "field", T, AO, 1 },
  { "old_value", T, AO, 1 },
  { "new_value", T, AO, 1 },
  { "comment", T, AO, 1 },
};

/* Written by the office service (sync-protocol.md 5); a person resolves
 * it on any device. */
static const AfsSyncField conflicts_fields[] = {
  { "case_id", T, AO, 6 },
  { "table_name", T, AO, 6 },
  { "row_id", T, AO, 6 },
  { "field", T, AO, 6 },
  { "kind", T, AO, 6 },
  { "base", T, AO, 6 },
  { "mine", T, AO, 6 },
  { "theirs", T, AO, 6 },
  { "mine_hlc", T, AO, 6 },
  { "theirs_hlc", T, AO, 6 },
  { "mine_device", T, AO, 6 },
  { "theirs_device", T, AO, 6 },
  { "mine_user", T, AO, 6 },
  { "theirs_user", T, AO, 6 },
  { "resolution", T, LW, 6 },
  { "resolved_value", T, LW, 6 },
  { "resolved_by", T, LW, 6 },
  { "resolved_at", I, LW, 6 },
  SYNC_META,
};

#define TABLE(name, scope, versioned) \
  { #name, scope, versioned, name##_fields, G_N_ELEMENTS (name##_fields) }

static const AfsSyncTable tables[] = {
  TABLE (staff, AFS_SYNC_SCOPE_EVERYONE, TRUE),
  TABLE (parts_catalogue, AFS_SYNC_SCOPE_EVERYONE, TRUE),
  TABLE (customers, AFS_SYNC_SCOPE_CUSTOMER, TRUE),
  TABLE (equipment, AFS_SYNC_SCOPE_EQUIPMENT, TRUE),
  TABLE (cases, AFS_SYNC_SCOPE_CASE, TRUE),
  TABLE (assignments, AFS_SYNC_SCOPE_CASE_ID, TRUE),
  TABLE (visits, AFS_SYNC_SCOPE_CASE_ID, TRUE),
  TABLE (reports, AFS_SYNC_SCOPE_CASE_ID, TRUE),
  TABLE (report_parts, AFS_SYNC_SCOPE_REPORT_ID, TRUE),
  TABLE (photos, AFS_SYNC_SCOPE_CASE_ID, TRUE),
  TABLE (signatures, AFS_SYNC_SCOPE_REPORT_ID, TRUE),
  TABLE (report_ratings, AFS_SYNC_SCOPE_REPORT_ID, TRUE),
  TABLE (approvals, AFS_SYNC_SCOPE_CASE_ID, TRUE),
  TABLE (part_shipments, AFS_SYNC_SCOPE_CASE_ID, TRUE),
  TABLE (follow_ups, AFS_SYNC_SCOPE_CASE_ID, TRUE),
  TABLE (audit, AFS_SYNC_SCOPE_CASE_ID, FALSE),
  TABLE (conflicts, AFS_SYNC_SCOPE_CASE_ID, TRUE),
};

/**
 * afs_sync_tables:
 * @n_tables: (out): how many
 *
 * Returns: (array length=n_tables): every synced table
 */
const AfsSyncTable *
afs_sync_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (tables);
  return tables;
}

/**
 * afs_sync_table_lookup:
 * @name: a table name from a request or a row
 *
 * Returns: (nullable): the synced table, or %NULL: the name must not be
 *   used to build SQL or paths unless this found it.
 */
const AfsSyncTable *
afs_sync_table_lookup (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (strcmp (tables[i].name, name) == 0)
      return &tables[i];

  return NULL;
}

/**
 * afs_sync_table_get_field:
 *
 * Returns: (nullable): the synced field @name of @table, or %NULL
 */
const AfsSyncField *
afs_sync_table_get_field (const AfsSyncTable *table,
                          const char         *name)
{
  if (table == NULL || name == NULL)
    return NULL;

  for (guint i = 0; i < table->n_fields; i++)
    if (strcmp (table->fields[i].name, name) == 0)
      return &table->fields[i];

  return NULL;
}

const char *
afs_sync_class_to_string (AfsSyncClass klass)
{
  switch (klass)
    {
    case AFS_SYNC_LAST_WRITER: return "last_writer";
    case AFS_SYNC_REVIEW: return "review";
    case AFS_SYNC_APPEND_ONLY: return "append_only";
    case AFS_SYNC_SEALED: return "sealed";
    case AFS_SYNC_META: return "meta";
    default: return "unknown";
    }
}

static gboolean
is_lower_hex (char c)
{
  return g_ascii_isdigit (c) || (c >= 'a' && c <= 'f');
}

/**
 * afs_sync_hlc_is_valid:
 * @hlc: (nullable): a hybrid logical clock from a change
 *
 * The fixed widths are what makes comparing two HLCs as strings the same
 * as comparing them as clocks, so anything else is refused.
 *
 * Returns: %TRUE when @hlc is "<13 digits>-<4 lowercase hex>-<uuid>"
 */
gboolean
afs_sync_hlc_is_valid (const char *hlc)
{
  const char *uuid;

  if (hlc == NULL || strlen (hlc) != 13 + 1 + 4 + 1 + 36)
    return FALSE;

  for (int i = 0; i < 13; i++)
    if (!g_ascii_isdigit (hlc[i]))
      return FALSE;
  if (hlc[13] != '-' || hlc[18] != '-')
    return FALSE;
  for (int i = 14; i < 18; i++)
    if (!is_lower_hex (hlc[i]))
      return FALSE;

  uuid = hlc + 19;
  for (int i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (uuid[i] != '-')
            return FALSE;
        }
      else if (!is_lower_hex (uuid[i]))
        return FALSE;
    }

  return TRUE;
}
