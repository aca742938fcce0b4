/* afs-office-sync.c: see afs-office-sync.h.
 *
 * Exactly once (docs/sync-protocol.md 4): the device's last applied seq
 * is read and written in the transaction that applies the batch, and the
 * reply is built only after the commit. A replayed change is skipped; a
 * gap is refused with the number expected.
 *
 * Conflicts (section 5) are decided per field by the class in
 * afs-sync-fields.c: "never a silent overwrite" for review fields, the
 * later HLC for state-like ones, append-only and sealed fields untouched.
 *
 * Scope (section 8): a technician sees the cases in case_staff for their
 * staff id. When an assignment changes that set, the case's rows get new
 * server sequence numbers (so they are pulled again: the snapshot on
 * entering) or eviction entries (on leaving).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-hlc.h"
#include "afs-office-auth.h"
#include "afs-office-sync.h"
#include "afs-uuid.h"

void
afs_office_caller_clear (AfsOfficeCaller *caller)
{
  g_clear_pointer (&caller->user, afs_office_user_free);
  g_clear_pointer (&caller->device, afs_office_device_free);
}

gboolean
afs_office_role_sees_all (const char *role)
{
  return g_strcmp0 (role, "office") == 0 || g_strcmp0 (role, "manager") == 0 ||
         g_strcmp0 (role, "quality") == 0;
}

gboolean
afs_office_role_is_valid (const char *role)
{
  return afs_office_role_sees_all (role) || g_strcmp0 (role, "technician") == 0;
}

static AfsOfficeProblem *
internal (GError *error)
{
  return afs_office_problem_new (500, "internal",
                                 "The office service failed (%s); nothing was applied. Try "
                                 "again later.", error != NULL ? error->message : "unknown");
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

/* ---- sign in ------------------------------------------------------------ */

static gint64
year_of (gint64 now)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (now);
  return g_date_time_get_year (dt);
}

static char *dummy_hash;

char *
afs_office_sync_sign_in (AfsOfficeStorage              *storage,
                         const AfsOfficeSessionRequest *r,
                         gint64                         now,
                         AfsOfficeProblem             **problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsOfficeUser) user = NULL;
  g_autoptr(AfsOfficeDevice) device = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  gint64 first = 0, last = 0, year = year_of (now);

  if (r->protocol < AFS_SYNC_MIN_PROTOCOL || r->schema < AFS_SYNC_MIN_SCHEMA)
    {
      *problem = afs_office_problem_new (426, "client_too_old",
                                         "This AfterSales speaks protocol %lld, schema %lld; the "
                                         "office needs at least protocol %d, schema %d. Update "
                                         "AfterSales on this computer.",
                                         (long long) r->protocol, (long long) r->schema,
                                         AFS_SYNC_MIN_PROTOCOL, AFS_SYNC_MIN_SCHEMA);
      return NULL;
    }
  if (r->protocol > AFS_SYNC_PROTOCOL || r->schema > AFS_SYNC_SCHEMA)
    {
      *problem = afs_office_problem_new (426, "server_too_old",
                                         "This AfterSales speaks protocol %lld, schema %lld; the "
                                         "office service only knows up to protocol %d, schema %d. "
                                         "Update the office service.",
                                         (long long) r->protocol, (long long) r->schema,
                                         AFS_SYNC_PROTOCOL, AFS_SYNC_SCHEMA);
      return NULL;
    }

  user = storage->vt->find_user (storage, r->user, &error);
  if (error != NULL)
    {
      *problem = internal (error);
      return NULL;
    }
  /* Same answer and about the same time for a wrong user as for a wrong
   * password (a real hash is checked either way): the reply tells nobody
   * which user names exist. */
  if (dummy_hash == NULL)
    dummy_hash = afs_office_password_hash ("no such user", NULL);
  if (!afs_office_password_verify (r->password,
                                   user != NULL ? user->password_hash : dummy_hash) ||
      user == NULL || g_strcmp0 (user->name, r->user) != 0)
    {
      *problem = afs_office_problem_new (401, "bad_credentials",
                                         "Wrong user name or password.");
      return NULL;
    }

  if (!storage->vt->begin (storage, &error))
    {
      *problem = internal (error);
      return NULL;
    }

  device = storage->vt->find_device (storage, r->device_id, &error);
  if (error != NULL)
    goto failed;
  if (device != NULL && g_strcmp0 (device->user_id, user->id) != 0)
    {
      storage->vt->rollback (storage);
      *problem = afs_office_problem_new (403, "device_taken",
                                         "This device is registered to another user. Sign in "
                                         "as that user, or ask the administrator.");
      return NULL;
    }
  if (device != NULL && device->revoked_at != 0)
    {
      storage->vt->rollback (storage);
      *problem = afs_office_problem_new (401, "revoked",
                                         "This device was revoked by the administrator; ask "
                                         "them before signing in again.");
      return NULL;
    }
  if (device == NULL)
    {
      device = g_new0 (AfsOfficeDevice, 1);
      device->id = g_strdup (r->device_id);
      device->user_id = g_strdup (user->id);
      device->created_at = now;
    }
  g_free (device->name);
  device->name = g_strdup (r->device_name);
  device->schema = r->schema;
  device->last_seen = now;
  if (!storage->vt->put_device (storage, device, &error))
    goto failed;

  token = afs_office_token_new ();
  token_hash = afs_office_token_hash (token);
  if (!storage->vt->add_session (storage, token_hash, device->id, now, &error))
    goto failed;

  if (!storage->vt->current_block (storage, device->id, year, &first, &last, &error))
    goto failed;
  if (first == 0 &&
      !storage->vt->lease_block (storage, device->id, year, AFS_OFFICE_NUMBER_BLOCK,
                                 &first, &last, &error))
    goto failed;

  if (!storage->vt->commit (storage, &error))
    goto failed;

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "token");
  json_builder_add_string_value (b, token);
  json_builder_set_member_name (b, "device_id");
  json_builder_add_string_value (b, device->id);
  json_builder_set_member_name (b, "last_seq");
  json_builder_add_int_value (b, device->last_seq);
  json_builder_set_member_name (b, "user");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, user->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, user->name);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, user->role);
  json_builder_set_member_name (b, "staff_id");
  if (user->staff_id != NULL)
    json_builder_add_string_value (b, user->staff_id);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "number_block");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, year);
  json_builder_set_member_name (b, "first");
  json_builder_add_int_value (b, first);
  json_builder_set_member_name (b, "last");
  json_builder_add_int_value (b, last);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return node_to_string (root);

failed:
  storage->vt->rollback (storage);
  *problem = internal (error);
  return NULL;
}

gboolean
afs_office_sync_authenticate (AfsOfficeStorage  *storage,
                              const char        *token,
                              AfsOfficeCaller   *caller,
                              AfsOfficeProblem **problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *device_id = NULL;

  if (token == NULL)
    {
      *problem = afs_office_problem_new (401, "unauthorized",
                                         "Sign in first: send Authorization: Bearer <token>.");
      return FALSE;
    }
  hash = afs_office_token_hash (token);
  device_id = storage->vt->find_session (storage, hash, &error);
  if (device_id == NULL)
    {
      g_autoptr(AfsOfficeDevice) revoked = NULL;

      if (error != NULL)
        {
          *problem = internal (error);
          return FALSE;
        }
      *problem = afs_office_problem_new (401, "unauthorized",
                                         "This session is not known (signed out, or the device "
                                         "was revoked). Sign in again.");
      return FALSE;
    }

  caller->device = storage->vt->find_device (storage, device_id, &error);
  if (caller->device == NULL || caller->device->revoked_at != 0)
    {
      afs_office_caller_clear (caller);
      *problem = afs_office_problem_new (401, "revoked",
                                         "This device was revoked by the administrator.");
      return FALSE;
    }
  caller->user = storage->vt->find_user (storage, caller->device->user_id, &error);
  if (caller->user == NULL)
    {
      afs_office_caller_clear (caller);
      *problem = afs_office_problem_new (401, "unauthorized", "The user of this session is gone.");
      return FALSE;
    }
  return TRUE;
}

/* ---- push ---------------------------------------------------------------- */

typedef struct {
  AfsOfficeStorage      *storage;
  AfsOfficeBlobs        *blobs;
  const AfsOfficeCaller *caller;
  gboolean               technician;
  gint64                 now;
  GPtrArray             *conflict_ids;
  guint                  applied;
  GError                *error;      /* storage failure */
} Push;

/* JSON values equal as the protocol means it: numbers by value. */
static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);
  GType ta, tb;

  if (a_null || b_null)
    return a_null && b_null;
  if (!JSON_NODE_HOLDS_VALUE (a) || !JSON_NODE_HOLDS_VALUE (b))
    return FALSE;

  ta = json_node_get_value_type (a);
  tb = json_node_get_value_type (b);
  if (ta == G_TYPE_STRING || tb == G_TYPE_STRING)
    return ta == tb && g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
  if (ta == G_TYPE_INT64 && tb == G_TYPE_INT64)
    return json_node_get_int (a) == json_node_get_int (b);
  if (ta == G_TYPE_BOOLEAN || tb == G_TYPE_BOOLEAN)
    return ta == tb && json_node_get_boolean (a) == json_node_get_boolean (b);
  return json_node_get_double (a) == json_node_get_double (b);
}

static JsonNode *
row_value (AfsOfficeRow *row,
           const char   *name)
{
  return json_object_get_member (row->data, name);
}

static const char *
row_string (AfsOfficeRow *row,
            const char   *name)
{
  JsonNode *n = row_value (row, name);

  if (n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  return NULL;
}

static gboolean
row_has (AfsOfficeRow *row,
         const char   *name)
{
  JsonNode *n = row_value (row, name);
  return n != NULL && !JSON_NODE_HOLDS_NULL (n);
}

static const char *
field_hlc (AfsOfficeRow *row,
           const char   *name)
{
  JsonNode *n = json_object_get_member (row->field_hlc, name);

  if (n != NULL && JSON_NODE_HOLDS_VALUE (n))
    return json_node_get_string (n);
  return "";
}

static void
set_field (AfsOfficeRow *row,
           const char   *name,
           JsonNode     *value,
           const char   *hlc)
{
  json_object_set_member (row->data, name, json_node_copy (value));
  json_object_set_string_member (row->field_hlc, name, hlc);
}

static JsonNode *
change_new_value (const AfsOfficeChange *change,
                  const char            *name)
{
  for (guint i = 0; i < change->fields->len; i++)
    {
      AfsOfficeFieldChange *fc = g_ptr_array_index (change->fields, i);
      if (strcmp (fc->field->name, name) == 0)
        return fc->new_value;
    }
  return NULL;
}

static const char *
change_new_string (const AfsOfficeChange *change,
                   const char            *name)
{
  JsonNode *n = change_new_value (change, name);

  if (n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  return NULL;
}

static AfsOfficeProblem *
refuse (guint                  status,
        const char            *code,
        const AfsOfficeChange *change,
        const char            *field,
        const char            *message)
{
  AfsOfficeProblem *p = afs_office_problem_new (status, code, "Change %lld (%s %s): %s",
                                                (long long) change->seq, change->table->name,
                                                change->row_id, message);
  return afs_office_problem_at (p, field, change->seq);
}

static gboolean
staff_sees_case (Push       *push,
                 const char *case_id)
{
  g_auto(GStrv) staff = NULL;

  if (case_id == NULL || push->caller->user->staff_id == NULL)
    return FALSE;
  staff = push->storage->vt->case_staff (push->storage, case_id, &push->error);
  return staff != NULL && g_strv_contains ((const char *const *) staff,
                                           push->caller->user->staff_id);
}

/* The user name of the device that wrote @hlc (its last 36 characters). */
static char *
writer_of (Push        *push,
           const char  *hlc,
           char       **device_id)
{
  g_autoptr(AfsOfficeDevice) device = NULL;
  g_autoptr(AfsOfficeUser) user = NULL;

  *device_id = NULL;
  if (hlc == NULL || !afs_sync_hlc_is_valid (hlc))
    return NULL;
  *device_id = g_strdup (hlc + 19);
  device = push->storage->vt->find_device (push->storage, *device_id, NULL);
  if (device == NULL)
    return NULL;
  user = push->storage->vt->find_user (push->storage, device->user_id, NULL);
  return user != NULL ? g_strdup (user->name) : NULL;
}

static void
set_text (JsonObject *obj, const char *name, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (obj, name, value);
  else
    json_object_set_null_member (obj, name);
}

static void
set_json_text (JsonObject *obj, const char *name, JsonNode *value)
{
  g_autoptr(JsonNode) null_node = json_node_new (JSON_NODE_NULL);
  g_autofree char *text = node_to_string (value != NULL ? value : null_node);
  json_object_set_string_member (obj, name, text);
}

/* A conflicts row for a person (sync-protocol.md 5). */
static gboolean
add_conflict (Push                  *push,
              AfsOfficeRow          *target,
              const AfsOfficeChange *change,
              AfsOfficeFieldChange  *fc,
              const char            *kind)
{
  g_autofree char *id = afs_uuid7_new ();
  g_autoptr(AfsOfficeRow) c = afs_office_row_new ("conflicts", id);
  g_autofree char *theirs_device = NULL;
  const char *theirs_hlc = field_hlc (target, fc->field->name);
  g_autofree char *theirs_user = NULL;
  JsonObject *d = c->data;

  if (theirs_hlc[0] == '\0')
    theirs_hlc = target->hlc;
  theirs_user = writer_of (push, theirs_hlc, &theirs_device);

  c->case_id = g_strdup (target->case_id);
  g_free (c->hlc);
  c->hlc = g_strdup (change->hlc);
  set_text (d, "case_id", target->case_id);
  set_text (d, "table_name", target->table);
  set_text (d, "row_id", target->row_id);
  set_text (d, "field", fc->field->name);
  set_text (d, "kind", kind);
  set_json_text (d, "base", fc->old_value);
  set_json_text (d, "mine", fc->new_value);
  set_json_text (d, "theirs", row_value (target, fc->field->name));
  set_text (d, "mine_hlc", change->hlc);
  set_text (d, "theirs_hlc", theirs_hlc[0] ? theirs_hlc : NULL);
  set_text (d, "mine_device", push->caller->device->id);
  set_text (d, "mine_user", push->caller->user->name);
  set_text (d, "theirs_device", theirs_device);
  set_text (d, "theirs_user", theirs_user);
  set_text (d, "resolution", NULL);
  set_text (d, "resolved_value", NULL);
  set_text (d, "resolved_by", NULL);
  json_object_set_null_member (d, "resolved_at");
  json_object_set_int_member (d, "created_at", push->now);
  json_object_set_int_member (d, "updated_at", push->now);
  json_object_set_int_member (d, "version", 1);
  json_object_set_null_member (d, "deleted_at");

  if (!push->storage->vt->put_row (push->storage, c, &push->error))
    return FALSE;
  g_ptr_array_add (push->conflict_ids, g_steal_pointer (&id));
  return TRUE;
}

/* Gives the rows @table/@row_id a new server seq, so the devices that now
 * see it pull it again. */
static gboolean
restamp (Push       *push,
         const char *table,
         const char *row_id)
{
  g_autoptr(AfsOfficeRow) row = NULL;

  if (row_id == NULL)
    return TRUE;
  row = push->storage->vt->get_row (push->storage, table, row_id, &push->error);
  if (row == NULL)
    return push->error == NULL;
  return push->storage->vt->put_row (push->storage, row, &push->error);
}

static gboolean
strv_has (GStrv v, const char *s)
{
  return v != NULL && g_strv_contains ((const char *const *) v, s);
}

/* Recomputes who sees @case_id from its assignments; snapshots it to
 * those who enter, evicts it from those who leave (sync-protocol.md 8). */
static gboolean
rescope_case (Push       *push,
              const char *case_id)
{
  AfsOfficeStorage *st = push->storage;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GStrvBuilder) assigned = g_strv_builder_new ();
  g_auto(GStrv) assigned_v = NULL;
  g_autoptr(AfsOfficeRow) the_case = NULL;
  gboolean entered = FALSE;

  before = st->vt->case_staff (st, case_id, &push->error);
  if (before == NULL)
    return FALSE;
  rows = st->vt->case_rows (st, case_id, &push->error);
  if (rows == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      AfsOfficeRow *r = g_ptr_array_index (rows, i);
      const char *staff = row_string (r, "staff_id");

      if (strcmp (r->table, "assignments") == 0 && staff != NULL &&
          !row_has (r, "unassigned_at") && !row_has (r, "deleted_at"))
        g_strv_builder_add (assigned, staff);
    }
  assigned_v = g_strv_builder_end (assigned);
  if (!st->vt->set_case_staff (st, case_id, "assigned", (const char *const *) assigned_v,
                               &push->error))
    return FALSE;
  after = st->vt->case_staff (st, case_id, &push->error);
  if (after == NULL)
    return FALSE;

  the_case = st->vt->get_row (st, "cases", case_id, &push->error);
  if (push->error != NULL)
    return FALSE;

  for (guint i = 0; after[i] != NULL; i++)
    if (!strv_has (before, after[i]))
      entered = TRUE;

  if (entered)
    {
      for (guint i = 0; i < rows->len; i++)
        if (!st->vt->put_row (st, g_ptr_array_index (rows, i), &push->error))
          return FALSE;
      if (the_case != NULL &&
          (!restamp (push, "customers", the_case->customer_ref) ||
           !restamp (push, "equipment", the_case->equipment_ref)))
        return FALSE;
    }

  for (guint i = 0; before[i] != NULL; i++)
    {
      const char *staff = before[i];
      gboolean refers = FALSE;

      if (strv_has (after, staff))
        continue;
      for (guint j = 0; j < rows->len; j++)
        {
          AfsOfficeRow *r = g_ptr_array_index (rows, j);
          if (!st->vt->add_eviction (st, staff, r->table, r->row_id, &push->error))
            return FALSE;
        }
      if (the_case == NULL)
        continue;
      if (the_case->customer_ref != NULL)
        {
          if (!st->vt->staff_refers (st, staff, "customers", the_case->customer_ref, case_id,
                                     &refers, &push->error))
            return FALSE;
          if (!refers && !st->vt->add_eviction (st, staff, "customers", the_case->customer_ref,
                                                &push->error))
            return FALSE;
        }
      if (the_case->equipment_ref != NULL)
        {
          if (!st->vt->staff_refers (st, staff, "equipment", the_case->equipment_ref, case_id,
                                     &refers, &push->error))
            return FALSE;
          if (!refers && !st->vt->add_eviction (st, staff, "equipment", the_case->equipment_ref,
                                                &push->error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Finds which case a row not yet on the server belongs to. */
static gboolean
place_new_row (Push                  *push,
               AfsOfficeRow          *row,
               const AfsOfficeChange *change,
               AfsOfficeProblem     **problem)
{
  const AfsSyncTable *t = change->table;
  const char *key;

  switch (t->scope)
    {
    case AFS_SYNC_SCOPE_CASE:
      row->case_id = g_strdup (change->row_id);
      return TRUE;

    case AFS_SYNC_SCOPE_CASE_ID:
      key = change_new_string (change, "case_id");
      if (key == NULL)
        {
          *problem = change->op == AFS_OFFICE_OP_INSERT
            ? refuse (400, "missing_field", change, "fields.case_id",
                      "a new row must name its case_id.")
            : refuse (409, "unknown_row", change, NULL,
                      "the server does not have this row and cannot tell its case; push its "
                      "insert first.");
          return FALSE;
        }
      row->case_id = g_strdup (key);
      return TRUE;

    case AFS_SYNC_SCOPE_REPORT_ID:
      {
        g_autoptr(AfsOfficeRow) report = NULL;

        key = change_new_string (change, "report_id");
        if (key == NULL)
          {
            *problem = change->op == AFS_OFFICE_OP_INSERT
              ? refuse (400, "missing_field", change, "fields.report_id",
                        "a new row must name its report_id.")
              : refuse (409, "unknown_row", change, NULL,
                        "the server does not have this row and cannot tell its case; push its "
                        "insert first.");
            return FALSE;
          }
        report = push->storage->vt->get_row (push->storage, "reports", key, &push->error);
        if (report == NULL)
          {
            if (push->error != NULL)
              return FALSE;
            *problem = refuse (409, "unknown_row", change, "fields.report_id",
                               "the report it belongs to is not on the server; push the report "
                               "first.");
            return FALSE;
          }
        row->case_id = g_strdup (report->case_id);
        return TRUE;
      }

    case AFS_SYNC_SCOPE_CUSTOMER:
    case AFS_SYNC_SCOPE_EQUIPMENT:
    case AFS_SYNC_SCOPE_EVERYONE:
    default:
      return TRUE;
    }
}

/* May this caller write this row? (sync-protocol.md 8) */
static gboolean
check_scope (Push                  *push,
             AfsOfficeRow          *row,
             gboolean               is_new,
             const AfsOfficeChange *change,
             AfsOfficeProblem     **problem)
{
  const AfsSyncTable *t = change->table;
  const char *staff_id = push->caller->user->staff_id;

  if (is_new && strcmp (t->name, "conflicts") == 0)
    {
      *problem = refuse (403, "forbidden", change, NULL,
                         "conflict rows are made by the office service; a device only resolves "
                         "them.");
      return FALSE;
    }
  if (!push->technician)
    return TRUE;

  switch (t->scope)
    {
    case AFS_SYNC_SCOPE_EVERYONE:
      *problem = refuse (403, "forbidden", change, NULL,
                         "a technician may not change this table; ask the office.");
      return FALSE;

    case AFS_SYNC_SCOPE_CUSTOMER:
    case AFS_SYNC_SCOPE_EQUIPMENT:
      {
        gboolean refers = FALSE;

        if (is_new)
          return TRUE;
        if (staff_id == NULL ||
            !push->storage->vt->staff_refers (push->storage, staff_id, t->name, row->row_id,
                                              NULL, &refers, &push->error))
          refers = FALSE;
        if (push->error != NULL)
          return FALSE;
        if (!refers)
          {
            *problem = refuse (403, "out_of_scope", change, NULL,
                               "none of the cases assigned to you refers to this row.");
            return FALSE;
          }
        return TRUE;
      }

    case AFS_SYNC_SCOPE_CASE:
      if (is_new && staff_id != NULL)
        return push->storage->vt->add_case_staff (push->storage, row->row_id, "created",
                                                  staff_id, &push->error);
      G_GNUC_FALLTHROUGH;
    default:
      if (!staff_sees_case (push, row->case_id))
        {
          if (push->error != NULL)
            return FALSE;
          *problem = refuse (403, "out_of_scope", change, NULL,
                             "this case is not assigned to you; nothing of this batch was "
                             "applied.");
          return FALSE;
        }
      return TRUE;
    }
}

static gboolean
apply_change (Push                  *push,
              const AfsOfficeChange *change,
              AfsOfficeProblem     **problem)
{
  AfsOfficeStorage *st = push->storage;
  g_autoptr(AfsOfficeRow) row = NULL;
  g_autofree char *old_customer = NULL;
  g_autofree char *old_equipment = NULL;
  gboolean is_new, deleted, is_signed, changed = FALSE;
  const char *table = change->table->name;

  row = st->vt->get_row (st, table, change->row_id, &push->error);
  if (push->error != NULL)
    return FALSE;
  is_new = row == NULL;
  if (is_new)
    {
      row = afs_office_row_new (table, change->row_id);
      if (!place_new_row (push, row, change, problem))
        return FALSE;
    }
  if (!check_scope (push, row, is_new, change, problem))
    return FALSE;

  /* A new photo refers to a blob the server must have (section 9); its
   * sha256 never changes afterwards (append-only, refused below). */
  if (is_new && strcmp (table, "photos") == 0)
    {
      const char *sha = change_new_string (change, "sha256");

      if (sha != NULL && (!afs_office_blob_name_is_valid (sha) ||
                          afs_office_blobs_stat (push->blobs, sha, NULL) < 0))
        {
          *problem = refuse (409, "missing_blob", change, "fields.sha256",
                             "the server does not have this photo yet; upload the blob, then "
                             "push again.");
          (*problem)->sha256 = g_strdup (sha);
          return FALSE;
        }
    }

  old_customer = g_strdup (row->customer_ref);
  old_equipment = g_strdup (row->equipment_ref);
  deleted = !is_new && row_has (row, "deleted_at");
  is_signed = strcmp (table, "reports") == 0 && row_has (row, "signed_at");

  if (change->op == AFS_OFFICE_OP_DELETE)
    {
      if (!deleted)
        {
          JsonNode *when = change_new_value (change, "deleted_at");
          g_autoptr(JsonNode) wall = NULL;

          if (when == NULL || JSON_NODE_HOLDS_NULL (when))
            {
              wall = json_node_init_int (json_node_alloc (),
                                         g_ascii_strtoll (change->hlc, NULL, 10) / 1000);
              when = wall;
            }
          set_field (row, "deleted_at", when, change->hlc);
          changed = TRUE;
        }
    }
  else
    for (guint i = 0; i < change->fields->len; i++)
      {
        AfsOfficeFieldChange *fc = g_ptr_array_index (change->fields, i);
        const char *name = fc->field->name;
        JsonNode *cur = row_value (row, name);

        if (fc->field->klass == AFS_SYNC_META)
          {
            /* Kept by the server: created_at once, updated_at the largest;
             * version is counted below. */
            if (JSON_NODE_HOLDS_NULL (fc->new_value))
              continue;
            if ((strcmp (name, "created_at") == 0 && (cur == NULL || JSON_NODE_HOLDS_NULL (cur))) ||
                (strcmp (name, "updated_at") == 0 &&
                 (cur == NULL || JSON_NODE_HOLDS_NULL (cur) ||
                  json_node_get_int (fc->new_value) > json_node_get_int (cur))))
              set_field (row, name, fc->new_value, change->hlc);
            continue;
          }

        if (deleted && strcmp (name, "deleted_at") != 0)
          {
            /* An edit against a delete goes to review. */
            if (!values_equal (cur, fc->new_value) &&
                !add_conflict (push, row, change, fc, "delete"))
              return FALSE;
            continue;
          }

        if (is_signed)
          {
            /* A signed report is never changed by sync. */
            if (!values_equal (cur, fc->new_value) &&
                !add_conflict (push, row, change, fc, "edit"))
              return FALSE;
            continue;
          }

        if (values_equal (cur, fc->new_value))
          continue;

        if (values_equal (cur, fc->old_value))
          {
            if (fc->field->klass == AFS_SYNC_APPEND_ONLY && !is_new && cur != NULL &&
                !JSON_NODE_HOLDS_NULL (cur))
              {
                g_autofree char *path = g_strconcat ("fields.", name, NULL);
                *problem = refuse (422, "immutable_field", change, path,
                                   "this field is set once, when the row is added, and never "
                                   "changed.");
                return FALSE;
              }
            set_field (row, name, fc->new_value, change->hlc);
            changed = TRUE;
            continue;
          }

        /* Someone else changed it since this device saw it. */
        switch (fc->field->klass)
          {
          case AFS_SYNC_APPEND_ONLY:
            {
              g_autofree char *path = g_strconcat ("fields.", name, NULL);
              *problem = refuse (422, "immutable_field", change, path,
                                 "this field is set once, when the row is added, and never "
                                 "changed.");
              return FALSE;
            }
          case AFS_SYNC_LAST_WRITER:
            if (strcmp (change->hlc, field_hlc (row, name)) > 0)
              {
                set_field (row, name, fc->new_value, change->hlc);
                changed = TRUE;
              }
            break;
          case AFS_SYNC_SEALED:
            if (cur == NULL || JSON_NODE_HOLDS_NULL (cur))
              {
                set_field (row, name, fc->new_value, change->hlc);
                changed = TRUE;
              }
            else if (!add_conflict (push, row, change, fc, "edit"))
              return FALSE;
            break;
          case AFS_SYNC_REVIEW:
          default:
            if (!add_conflict (push, row, change, fc, "edit"))
              return FALSE;
            break;
          }
      }

  if (!changed && !is_new)
    return TRUE;

  if (change->table->versioned)
    {
      JsonNode *v = row_value (row, "version");
      gint64 version = v != NULL && JSON_NODE_HOLDS_VALUE (v) ? json_node_get_int (v) : 0;

      json_object_set_int_member (row->data, "version", version + 1);
      if (!row_has (row, "created_at"))
        json_object_set_int_member (row->data, "created_at", push->now);
      if (!row_has (row, "updated_at"))
        json_object_set_int_member (row->data, "updated_at", push->now);
      if (!json_object_has_member (row->data, "deleted_at"))
        json_object_set_null_member (row->data, "deleted_at");
    }
  if (strcmp (change->hlc, row->hlc) > 0)
    {
      g_free (row->hlc);
      row->hlc = g_strdup (change->hlc);
    }
  if (strcmp (table, "cases") == 0)
    {
      g_free (row->customer_ref);
      row->customer_ref = g_strdup (row_string (row, "customer_id"));
      g_free (row->equipment_ref);
      row->equipment_ref = g_strdup (row_string (row, "equipment_id"));
    }

  if (!st->vt->put_row (st, row, &push->error))
    return FALSE;
  push->applied++;

  if (strcmp (table, "cases") == 0 && !is_new)
    {
      /* A case that now refers to another customer or equipment: send it
       * to the technicians of the case. */
      if (g_strcmp0 (old_customer, row->customer_ref) != 0 &&
          !restamp (push, "customers", row->customer_ref))
        return FALSE;
      if (g_strcmp0 (old_equipment, row->equipment_ref) != 0 &&
          !restamp (push, "equipment", row->equipment_ref))
        return FALSE;
    }
  if (strcmp (table, "assignments") == 0 && !rescope_case (push, row->case_id))
    return FALSE;

  return TRUE;
}

char *
afs_office_sync_push (AfsOfficeStorage           *storage,
                      AfsOfficeBlobs             *blobs,
                      const AfsOfficeCaller      *caller,
                      const AfsOfficePushRequest *request,
                      gint64                      now,
                      AfsOfficeProblem          **problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsOfficeDevice) device = NULL;
  g_autoptr(GPtrArray) conflict_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  Push push = { 0 };
  gint64 last_seq, acked, head;
  const char *last_hlc = NULL;

  if (g_strcmp0 (request->device_id, caller->device->id) != 0)
    {
      *problem = afs_office_problem_new (403, "device_mismatch",
                                         "This push names device %s, but the session belongs to "
                                         "device %s.", request->device_id, caller->device->id);
      (*problem)->field = g_strdup ("device_id");
      return NULL;
    }

  push.storage = storage;
  push.blobs = blobs;
  push.caller = caller;
  push.technician = !afs_office_role_sees_all (caller->user->role);
  push.now = now;
  push.conflict_ids = conflict_ids;

  if (!storage->vt->begin (storage, &error))
    {
      *problem = internal (error);
      return NULL;
    }

  /* The device's last applied seq, read inside this transaction. */
  device = storage->vt->find_device (storage, caller->device->id, &error);
  if (device == NULL)
    goto failed;
  if (device->revoked_at != 0)
    {
      storage->vt->rollback (storage);
      *problem = afs_office_problem_new (401, "revoked", "This device was revoked by the administrator.");
      return NULL;
    }
  last_seq = device->last_seq;
  acked = last_seq;

  for (guint i = 0; i < request->changes->len; i++)
    {
      AfsOfficeChange *change = g_ptr_array_index (request->changes, i);

      if (change->seq <= last_seq)
        {
          /* A device's HLCs increase with its numbers (src/core/afs-hlc.h):
           * a change numbered at or below last_seq but made after the last
           * applied one is not a replay; the device reused the number (its
           * database was put back from an older backup). Acknowledging it
           * would make the device delete a change that was never applied:
           * refuse the batch and say which number comes next. */
          if (device->last_hlc != NULL && afs_hlc_compare (change->hlc, device->last_hlc) > 0)
            {
              storage->vt->rollback (storage);
              *problem = afs_office_problem_new (409, "seq_reused",
                                                 "Change %lld was made after change %lld, the last "
                                                 "one applied from this device, so its number was "
                                                 "used again (the device's database was restored "
                                                 "from a backup). Number it and the later changes "
                                                 "from %lld on and send them again.",
                                                 (long long) change->seq, (long long) last_seq,
                                                 (long long) (last_seq + 1));
              (*problem)->seq = change->seq;
              (*problem)->expected = last_seq + 1;
              return NULL;
            }
          continue;  /* a replay: acknowledged again, not applied twice */
        }
      if (acked == last_seq && change->seq != last_seq + 1)
        {
          storage->vt->rollback (storage);
          *problem = afs_office_problem_new (409, "gap",
                                             "Expected change %lld next, got %lld. Send the "
                                             "changes from %lld on.",
                                             (long long) (last_seq + 1), (long long) change->seq,
                                             (long long) (last_seq + 1));
          (*problem)->expected = last_seq + 1;
          return NULL;
        }
      if (!apply_change (&push, change, problem))
        {
          storage->vt->rollback (storage);
          if (*problem == NULL)
            *problem = internal (push.error);
          g_clear_error (&push.error);
          return NULL;
        }
      acked = change->seq;
      last_hlc = change->hlc;
    }

  /* In the transaction that applied the changes, like last_seq. */
  device->last_seq = acked;
  if (last_hlc != NULL)
    {
      g_free (device->last_hlc);
      device->last_hlc = g_strdup (last_hlc);
    }
  device->last_seen = now;
  if (!storage->vt->put_device (storage, device, &error))
    goto failed;
  head = storage->vt->head (storage, &error);
  if (head < 0 || !storage->vt->commit (storage, &error))
    goto failed;

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "acked_seq");
  json_builder_add_int_value (b, acked);
  json_builder_set_member_name (b, "applied");
  json_builder_add_int_value (b, push.applied);
  json_builder_set_member_name (b, "conflicts");
  json_builder_begin_array (b);
  for (guint i = 0; i < conflict_ids->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (conflict_ids, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "head");
  json_builder_add_int_value (b, head);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return node_to_string (root);

failed:
  storage->vt->rollback (storage);
  *problem = internal (error);
  return NULL;
}

/* ---- pull ----------------------------------------------------------------- */

static void
append_json_string (GString    *out,
                    const char *s)
{
  g_autoptr(JsonNode) n = json_node_init_string (json_node_alloc (), s);
  g_autofree char *text = json_to_string (n, FALSE);
  g_string_append (out, text);
}

/* The row's fields, less those the device's schema does not have. */
static void
append_fields (GString          *out,
               const char       *table_name,
               const char       *data,
               gint64            schema)
{
  const AfsSyncTable *table = afs_sync_table_lookup (table_name);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  gboolean all = TRUE;
  JsonObject *obj;

  for (guint i = 0; table != NULL && i < table->n_fields; i++)
    if (table->fields[i].since_schema > schema)
      all = FALSE;
  if (all)
    {
      g_string_append (out, data);
      return;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, -1, NULL))
    {
      g_string_append (out, "{}");
      return;
    }
  obj = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < table->n_fields; i++)
    if (table->fields[i].since_schema > schema)
      json_object_remove_member (obj, table->fields[i].name);
  gen = json_generator_new ();
  json_generator_set_root (gen, json_parser_get_root (parser));
  {
    g_autofree char *text = json_generator_to_data (gen, NULL);
    g_string_append (out, text);
  }
}

char *
afs_office_sync_pull (AfsOfficeStorage      *storage,
                      const AfsOfficeCaller *caller,
                      gint64                 cursor,
                      guint                  limit,
                      AfsOfficeProblem     **problem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GString) out = NULL;
  gboolean everyone = afs_office_role_sees_all (caller->user->role);
  gint64 head, next;

  if (!storage->vt->begin_read (storage, &error))
    {
      *problem = internal (error);
      return NULL;
    }
  head = storage->vt->head (storage, &error);
  if (head < 0)
    goto failed;
  if (cursor > head)
    {
      storage->vt->rollback (storage);
      *problem = afs_office_problem_new (409, "cursor_ahead",
                                         "The pull cursor %lld is beyond the server's last change "
                                         "%lld (the server was restored from a backup). Pull your "
                                         "scope again from 0; keep your outbox.",
                                         (long long) cursor, (long long) head);
      (*problem)->head = head;
      return NULL;
    }
  entries = storage->vt->pull (storage, caller->user->staff_id, everyone, cursor, limit, &error);
  if (entries == NULL)
    goto failed;
  storage->vt->rollback (storage);  /* read only */

  out = g_string_sized_new (256 + entries->len * 512);
  g_string_append (out, "{\"changes\":[");
  for (guint i = 0; i < entries->len; i++)
    {
      AfsOfficeEntry *e = g_ptr_array_index (entries, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"server_seq\":%lld,\"table\":", (long long) e->seq);
      append_json_string (out, e->table);
      g_string_append (out, ",\"row_id\":");
      append_json_string (out, e->row_id);
      g_string_append (out, e->evict ? ",\"op\":\"evict\",\"hlc\":" : ",\"op\":\"upsert\",\"hlc\":");
      append_json_string (out, e->hlc != NULL ? e->hlc : "");
      g_string_append (out, ",\"fields\":");
      if (e->evict)
        g_string_append (out, "{}");
      else
        append_fields (out, e->table, e->data, caller->device->schema);
      g_string_append_c (out, '}');
    }

  /* A full page: more may follow after its last entry. A short page is
   * everything up to head, so the cursor moves to head even when nothing
   * in this device's scope changed. */
  if (entries->len == limit)
    next = ((AfsOfficeEntry *) g_ptr_array_index (entries, entries->len - 1))->seq;
  else
    next = head;
  g_string_append_printf (out, "],\"cursor\":%lld,\"more\":%s,\"head\":%lld}",
                          (long long) next, entries->len == limit ? "true" : "false",
                          (long long) head);
  return g_string_free (g_steal_pointer (&out), FALSE);

failed:
  storage->vt->rollback (storage);
  *problem = internal (error);
  return NULL;
}

char *
afs_office_sync_lease_numbers (AfsOfficeStorage      *storage,
                               const AfsOfficeCaller *caller,
                               gint64                 year,
                               AfsOfficeProblem     **problem)
{
  g_autoptr(GError) error = NULL;
  gint64 first, last;

  if (!storage->vt->begin (storage, &error) ||
      !storage->vt->lease_block (storage, caller->device->id, year, AFS_OFFICE_NUMBER_BLOCK,
                                 &first, &last, &error) ||
      !storage->vt->commit (storage, &error))
    {
      storage->vt->rollback (storage);
      *problem = internal (error);
      return NULL;
    }
  return g_strdup_printf ("{\"year\":%lld,\"first\":%lld,\"last\":%lld}",
                          (long long) year, (long long) first, (long long) last);
}

gboolean
afs_office_sync_blob_visible (AfsOfficeStorage      *storage,
                              const AfsOfficeCaller *caller,
                              const char            *sha256,
                              AfsOfficeProblem     **problem)
{
  g_autoptr(GError) error = NULL;
  gboolean in_scope = FALSE;

  if (afs_office_role_sees_all (caller->user->role))
    return TRUE;
  if (caller->user->staff_id != NULL &&
      !storage->vt->blob_in_scope (storage, caller->user->staff_id, sha256, &in_scope, &error))
    {
      *problem = internal (error);
      return FALSE;
    }
  if (!in_scope)
    {
      *problem = afs_office_problem_new (403, "out_of_scope",
                                         "No photo of a case assigned to you has this blob.");
      return FALSE;
    }
  return TRUE;
}
