/* afs-office-decode.c: see afs-office-decode.h.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-office-decode.h"

/* Deeper JSON than this is no request of ours; refusing it before
 * parsing keeps a recursive parser's stack small whatever is sent. */
#define MAX_DEPTH 16

static AfsOfficeProblem *
bad (const char *code,
     const char *field,
     const char *message)
{
  AfsOfficeProblem *p = afs_office_problem_new (400, code, "%s", message);
  return afs_office_problem_at (p, field, -1);
}

static gboolean
depth_ok (const char *data,
          gsize       length)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_DEPTH)
            return FALSE;
        }
      else if (c == '}' || c == ']')
        depth--;
    }
  return TRUE;
}

/* Parses @data into its root object (owned by the returned parser). */
static JsonParser *
parse_object (const char        *data,
              gsize              length,
              JsonObject       **root,
              AfsOfficeProblem **problem)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (data == NULL || length == 0)
    {
      *problem = bad ("bad_json", NULL, "The request has no body; send a JSON object.");
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL))
    {
      *problem = bad ("bad_json", NULL, "The request body is not UTF-8 text; send a JSON object.");
      return NULL;
    }
  if (!depth_ok (data, length))
    {
      *problem = bad ("bad_json", NULL, "The JSON is nested too deeply; no request of this protocol is.");
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &error))
    {
      g_autofree char *msg = g_strdup_printf ("The request body is not valid JSON (%s).",
                                              error->message);
      *problem = bad ("bad_json", NULL, msg);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      *problem = bad ("bad_json", NULL, "The request body must be one JSON object.");
      return NULL;
    }

  *root = json_node_get_object (node);
  return g_steal_pointer (&parser);
}

/* Refuses members of @obj that are not in @allowed (NULL-terminated). */
static gboolean
only_members (JsonObject        *obj,
              const char        *prefix,
              const char *const *allowed,
              gint64             seq,
              AfsOfficeProblem **problem)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (!g_strv_contains (allowed, name))
        {
          g_autofree char *path = g_strconcat (prefix, name, NULL);
          g_autofree char *msg = g_strdup_printf ("“%s” is not a member of this request; "
                                                  "remove it (see docs/sync-protocol.md).", path);
          *problem = afs_office_problem_at (bad ("unknown_field", NULL, msg), path, seq);
          return FALSE;
        }
    }
  return TRUE;
}

typedef enum { WANT_STRING, WANT_INT, WANT_OBJECT, WANT_ARRAY } Want;

static JsonNode *
member (JsonObject        *obj,
        const char        *prefix,
        const char        *name,
        Want               want,
        gint64             seq,
        AfsOfficeProblem **problem)
{
  g_autofree char *path = g_strconcat (prefix, name, NULL);
  JsonNode *node = json_object_get_member (obj, name);
  gboolean ok = FALSE;
  const char *what = "";

  if (node == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("“%s” is missing.", path);
      *problem = afs_office_problem_at (bad ("missing_field", NULL, msg), path, seq);
      return NULL;
    }

  switch (want)
    {
    case WANT_STRING:
      ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
      what = "a string";
      break;
    case WANT_INT:
      ok = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
      what = "a whole number";
      break;
    case WANT_OBJECT:
      ok = JSON_NODE_HOLDS_OBJECT (node);
      what = "an object";
      break;
    case WANT_ARRAY:
      ok = JSON_NODE_HOLDS_ARRAY (node);
      what = "an array";
      break;
    }

  if (!ok)
    {
      g_autofree char *msg = g_strdup_printf ("“%s” must be %s.", path, what);
      *problem = afs_office_problem_at (bad ("wrong_type", NULL, msg), path, seq);
      return NULL;
    }
  return node;
}

static gboolean
is_lower_hex (char c)
{
  return g_ascii_isdigit (c) || (c >= 'a' && c <= 'f');
}

gboolean
afs_office_uuid_is_valid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!is_lower_hex (text[i]))
        return FALSE;
    }
  return TRUE;
}

gboolean
afs_office_blob_name_is_valid (const char *name)
{
  if (name == NULL || strlen (name) != 64)
    return FALSE;
  for (int i = 0; i < 64; i++)
    if (!is_lower_hex (name[i]))
      return FALSE;
  return TRUE;
}

const char *
afs_office_op_to_string (AfsOfficeOp op)
{
  switch (op)
    {
    case AFS_OFFICE_OP_INSERT: return "insert";
    case AFS_OFFICE_OP_UPDATE: return "update";
    case AFS_OFFICE_OP_DELETE: return "delete";
    default: return "?";
    }
}

/* ---- push ---------------------------------------------------------- */

static void
field_change_free (gpointer data)
{
  AfsOfficeFieldChange *fc = data;

  json_node_unref (fc->old_value);
  json_node_unref (fc->new_value);
  g_free (fc);
}

static void
change_free (gpointer data)
{
  AfsOfficeChange *c = data;

  g_free (c->row_id);
  g_free (c->hlc);
  g_clear_pointer (&c->fields, g_ptr_array_unref);
  g_free (c);
}

void
afs_office_push_request_free (AfsOfficePushRequest *r)
{
  if (r == NULL)
    return;
  g_free (r->device_id);
  g_clear_pointer (&r->changes, g_ptr_array_unref);
  g_free (r);
}

/* TRUE when @node (a value of field @field) has the field's JSON type. */
static gboolean
value_has_type (JsonNode           *node,
                const AfsSyncField *field)
{
  GType t;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  t = json_node_get_value_type (node);
  switch (field->type)
    {
    case AFS_SYNC_TEXT:
      return t == G_TYPE_STRING;
    case AFS_SYNC_INTEGER:
      return t == G_TYPE_INT64;
    case AFS_SYNC_REAL:
      return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
    case AFS_SYNC_BOOL:
      return t == G_TYPE_INT64 && (json_node_get_int (node) == 0 || json_node_get_int (node) == 1);
    default:
      return FALSE;
    }
}

static const char *
type_words (AfsSyncType type)
{
  switch (type)
    {
    case AFS_SYNC_TEXT: return "a string or null";
    case AFS_SYNC_INTEGER: return "a whole number or null";
    case AFS_SYNC_REAL: return "a number or null";
    case AFS_SYNC_BOOL: return "0, 1 or null";
    default: return "?";
    }
}

static AfsOfficeChange *
decode_change (JsonNode          *node,
               guint              index,
               int                schema,
               AfsOfficeProblem **problem)
{
  static const char *const allowed[] = { "seq", "table", "row_id", "op", "hlc", "fields", NULL };
  static const char *const value_members[] = { "old", "new", NULL };
  g_autofree char *prefix = g_strdup_printf ("changes[%u].", index);
  g_autoptr(GPtrArray) fields = NULL;
  AfsOfficeChange *change;
  JsonObject *obj, *fobj;
  JsonNode *n;
  const char *text;
  gint64 seq = -1;
  const AfsSyncTable *table;
  AfsOfficeOp op;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *path = g_strdup_printf ("changes[%u]", index);
      *problem = afs_office_problem_at (bad ("wrong_type", NULL, "Each change must be an object."),
                                        path, -1);
      return NULL;
    }
  obj = json_node_get_object (node);

  /* The seq first, so every later problem can name it. */
  if ((n = member (obj, prefix, "seq", WANT_INT, -1, problem)) == NULL)
    return NULL;
  seq = json_node_get_int (n);
  if (seq < 1)
    {
      g_autofree char *path = g_strconcat (prefix, "seq", NULL);
      *problem = afs_office_problem_at (bad ("bad_value", NULL, "A change's seq starts at 1."),
                                        path, -1);
      return NULL;
    }

  if (!only_members (obj, prefix, allowed, seq, problem))
    return NULL;

  if ((n = member (obj, prefix, "table", WANT_STRING, seq, problem)) == NULL)
    return NULL;
  text = json_node_get_string (n);
  table = afs_sync_table_lookup (text);
  if (table == NULL)
    {
      g_autofree char *path = g_strconcat (prefix, "table", NULL);
      *problem = afs_office_problem_at (bad ("unknown_table", NULL,
                                             "This table does not sync (see docs/sync-protocol.md 6)."),
                                        path, seq);
      return NULL;
    }

  if ((n = member (obj, prefix, "row_id", WANT_STRING, seq, problem)) == NULL)
    return NULL;
  if (!afs_office_uuid_is_valid (json_node_get_string (n)))
    {
      g_autofree char *path = g_strconcat (prefix, "row_id", NULL);
      *problem = afs_office_problem_at (bad ("bad_value", NULL,
                                             "row_id must be a lowercase UUID (36 characters)."),
                                        path, seq);
      return NULL;
    }

  if ((n = member (obj, prefix, "op", WANT_STRING, seq, problem)) == NULL)
    return NULL;
  text = json_node_get_string (n);
  if (g_strcmp0 (text, "insert") == 0)
    op = AFS_OFFICE_OP_INSERT;
  else if (g_strcmp0 (text, "update") == 0)
    op = AFS_OFFICE_OP_UPDATE;
  else if (g_strcmp0 (text, "delete") == 0)
    op = AFS_OFFICE_OP_DELETE;
  else
    {
      g_autofree char *path = g_strconcat (prefix, "op", NULL);
      *problem = afs_office_problem_at (bad ("bad_value", NULL,
                                             "op must be \"insert\", \"update\" or \"delete\"."),
                                        path, seq);
      return NULL;
    }
  if (op == AFS_OFFICE_OP_DELETE && !table->versioned)
    {
      g_autofree char *path = g_strconcat (prefix, "op", NULL);
      *problem = afs_office_problem_at (bad ("bad_value", NULL,
                                             "Rows of this table are only ever added."),
                                        path, seq);
      return NULL;
    }

  if ((n = member (obj, prefix, "hlc", WANT_STRING, seq, problem)) == NULL)
    return NULL;
  if (!afs_sync_hlc_is_valid (json_node_get_string (n)))
    {
      g_autofree char *path = g_strconcat (prefix, "hlc", NULL);
      *problem = afs_office_problem_at (bad ("bad_value", NULL,
                                             "hlc must be \"<13 digits>-<4 hex>-<device uuid>\"."),
                                        path, seq);
      return NULL;
    }

  if ((n = member (obj, prefix, "fields", WANT_OBJECT, seq, problem)) == NULL)
    return NULL;
  fobj = json_node_get_object (n);

  fields = g_ptr_array_new_with_free_func (field_change_free);
  json_object_iter_init (&iter, fobj);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *path = g_strconcat (prefix, "fields.", name, NULL);
      g_autofree char *vprefix = g_strconcat (path, ".", NULL);
      const AfsSyncField *field = afs_sync_table_get_field (table, name);
      AfsOfficeFieldChange *fc;
      JsonObject *vobj;
      JsonNode *old_node, *new_node;

      if (field == NULL || field->since_schema > schema)
        {
          g_autofree char *msg = g_strdup_printf ("“%s” is not a synced field of “%s”.",
                                                  name, table->name);
          *problem = afs_office_problem_at (bad ("unknown_field", NULL, msg), path, seq);
          return NULL;
        }
      if (!JSON_NODE_HOLDS_OBJECT (value))
        {
          *problem = afs_office_problem_at (bad ("wrong_type", NULL,
                                                 "Each field must be {\"old\": …, \"new\": …}."),
                                            path, seq);
          return NULL;
        }
      vobj = json_node_get_object (value);
      if (!only_members (vobj, vprefix, value_members, seq, problem))
        return NULL;
      old_node = json_object_get_member (vobj, "old");
      new_node = json_object_get_member (vobj, "new");
      if (old_node == NULL || new_node == NULL)
        {
          g_autofree char *p2 = g_strconcat (vprefix, old_node == NULL ? "old" : "new", NULL);
          g_autofree char *msg = g_strdup_printf ("“%s” is missing.", p2);
          *problem = afs_office_problem_at (bad ("missing_field", NULL, msg), p2, seq);
          return NULL;
        }
      if (!value_has_type (old_node, field) || !value_has_type (new_node, field))
        {
          g_autofree char *msg = g_strdup_printf ("“%s” of “%s” must be %s.", name,
                                                  table->name, type_words (field->type));
          *problem = afs_office_problem_at (bad ("wrong_type", NULL, msg), path, seq);
          return NULL;
        }

      fc = g_new0 (AfsOfficeFieldChange, 1);
      fc->field = field;
      fc->old_value = json_node_copy (old_node);
      fc->new_value = json_node_copy (new_node);
      g_ptr_array_add (fields, fc);
    }

  change = g_new0 (AfsOfficeChange, 1);
  change->seq = seq;
  change->table = table;
  change->row_id = g_strdup (json_node_get_string (json_object_get_member (obj, "row_id")));
  change->op = op;
  change->hlc = g_strdup (json_node_get_string (json_object_get_member (obj, "hlc")));
  change->fields = g_steal_pointer (&fields);
  return change;
}

AfsOfficePushRequest *
afs_office_decode_push (const char        *data,
                        gsize              length,
                        int                schema,
                        AfsOfficeProblem **problem)
{
  static const char *const allowed[] = { "device_id", "changes", NULL };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(AfsOfficePushRequest) request = NULL;
  JsonObject *root;
  JsonNode *n;
  JsonArray *array;
  guint count;

  parser = parse_object (data, length, &root, problem);
  if (parser == NULL)
    return NULL;
  if (!only_members (root, "", allowed, -1, problem))
    return NULL;

  request = g_new0 (AfsOfficePushRequest, 1);
  request->changes = g_ptr_array_new_with_free_func (change_free);

  if ((n = member (root, "", "device_id", WANT_STRING, -1, problem)) == NULL)
    return NULL;
  if (!afs_office_uuid_is_valid (json_node_get_string (n)))
    {
      *problem = afs_office_problem_at (bad ("bad_value", NULL,
                                             "device_id must be a lowercase UUID."),
                                        "device_id", -1);
      return NULL;
    }
  request->device_id = g_strdup (json_node_get_string (n));

  if ((n = member (root, "", "changes", WANT_ARRAY, -1, problem)) == NULL)
    return NULL;
  array = json_node_get_array (n);
  count = json_array_get_length (array);
  if (count == 0)
    {
      *problem = afs_office_problem_at (bad ("bad_value", NULL,
                                             "A push needs at least one change."),
                                        "changes", -1);
      return NULL;
    }
  if (count > AFS_OFFICE_MAX_BATCH)
    {
      *problem = afs_office_problem_new (413, "too_large",
                                         "A push carries at most %d changes; send the rest "
                                         "in the next batch.", AFS_OFFICE_MAX_BATCH);
      (*problem)->limit = AFS_OFFICE_MAX_BATCH;
      return NULL;
    }

  for (guint i = 0; i < count; i++)
    {
      AfsOfficeChange *change = decode_change (json_array_get_element (array, i), i, schema, problem);

      if (change == NULL)
        return NULL;
      if (i > 0)
        {
          AfsOfficeChange *prev = g_ptr_array_index (request->changes, i - 1);

          if (change->seq != prev->seq + 1)
            {
              g_autofree char *path = g_strdup_printf ("changes[%u].seq", i);
              change_free (change);
              *problem = afs_office_problem_at (bad ("bad_value", NULL,
                                                     "The changes of a push must be numbered "
                                                     "consecutively."),
                                                path, -1);
              return NULL;
            }
        }
      g_ptr_array_add (request->changes, change);
    }

  return g_steal_pointer (&request);
}

/* ---- session, numbers, complete -------------------------------------- */

void
afs_office_session_request_free (AfsOfficeSessionRequest *r)
{
  if (r == NULL)
    return;
  g_free (r->user);
  if (r->password != NULL)
    explicit_bzero (r->password, strlen (r->password));
  g_free (r->password);
  g_free (r->device_id);
  g_free (r->device_name);
  g_free (r);
}

AfsOfficeSessionRequest *
afs_office_decode_session (const char        *data,
                           gsize              length,
                           AfsOfficeProblem **problem)
{
  static const char *const allowed[] = { "user", "password", "device_id", "device_name",
                                         "protocol", "schema", NULL };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(AfsOfficeSessionRequest) r = NULL;
  JsonObject *root;
  JsonNode *n;

  parser = parse_object (data, length, &root, problem);
  if (parser == NULL)
    return NULL;
  if (!only_members (root, "", allowed, -1, problem))
    return NULL;

  r = g_new0 (AfsOfficeSessionRequest, 1);
#define STR(name) \
  if ((n = member (root, "", #name, WANT_STRING, -1, problem)) == NULL) \
    return NULL; \
  r->name = g_strdup (json_node_get_string (n));
  STR (user)
  STR (password)
  STR (device_id)
  STR (device_name)
#undef STR
  if ((n = member (root, "", "protocol", WANT_INT, -1, problem)) == NULL)
    return NULL;
  r->protocol = json_node_get_int (n);
  if ((n = member (root, "", "schema", WANT_INT, -1, problem)) == NULL)
    return NULL;
  r->schema = json_node_get_int (n);

  if (!afs_office_uuid_is_valid (r->device_id))
    {
      *problem = afs_office_problem_at (bad ("bad_value", NULL, "device_id must be a lowercase UUID."),
                                        "device_id", -1);
      return NULL;
    }
  if (r->user[0] == '\0' || strlen (r->user) > 200 || strlen (r->device_name) > 200)
    {
      *problem = afs_office_problem_at (bad ("bad_value", NULL,
                                             "user must not be empty; user and device_name "
                                             "have at most 200 bytes."),
                                        "user", -1);
      return NULL;
    }
  return g_steal_pointer (&r);
}

static gboolean
decode_one_int (const char        *data,
                gsize              length,
                const char        *name,
                gint64             min,
                gint64             max,
                gint64            *out,
                AfsOfficeProblem **problem)
{
  const char *const allowed[] = { name, NULL };
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonNode *n;

  parser = parse_object (data, length, &root, problem);
  if (parser == NULL)
    return FALSE;
  if (!only_members (root, "", allowed, -1, problem))
    return FALSE;
  if ((n = member (root, "", name, WANT_INT, -1, problem)) == NULL)
    return FALSE;
  if (json_node_get_int (n) < min || json_node_get_int (n) > max)
    {
      g_autofree char *msg = g_strdup_printf ("“%s” must be between %lld and %lld.", name,
                                              (long long) min, (long long) max);
      *problem = afs_office_problem_at (bad ("bad_value", NULL, msg), name, -1);
      return FALSE;
    }
  *out = json_node_get_int (n);
  return TRUE;
}

gboolean
afs_office_decode_numbers (const char        *data,
                           gsize              length,
                           gint64            *year,
                           AfsOfficeProblem **problem)
{
  return decode_one_int (data, length, "year", 2000, 9999, year, problem);
}

gboolean
afs_office_decode_complete (const char        *data,
                            gsize              length,
                            gint64            *size,
                            AfsOfficeProblem **problem)
{
  return decode_one_int (data, length, "size", 0, G_MAXINT64, size, problem);
}

static gboolean
parse_decimal (const char *text,
               gint64      max,
               gint64     *out)
{
  guint64 v;
  char *end = NULL;

  if (text == NULL || text[0] == '\0' || strlen (text) > 18)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  v = g_ascii_strtoull (text, &end, 10);
  if (end == NULL || *end != '\0' || v > (guint64) max)
    return FALSE;
  *out = (gint64) v;
  return TRUE;
}

gboolean
afs_office_decode_pull_query (GHashTable        *query,
                              gint64            *cursor,
                              guint             *limit,
                              AfsOfficeProblem **problem)
{
  GHashTableIter iter;
  gpointer key, value;
  gint64 v;

  *cursor = 0;
  *limit = AFS_OFFICE_DEFAULT_PAGE;
  if (query == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_strcmp0 (key, "cursor") == 0)
        {
          if (!parse_decimal (value, G_MAXINT64 / 2, &v))
            {
              *problem = afs_office_problem_at (bad ("bad_value", NULL,
                                                     "cursor must be a whole number ≥ 0."),
                                                "cursor", -1);
              return FALSE;
            }
          *cursor = v;
        }
      else if (g_strcmp0 (key, "limit") == 0)
        {
          if (!parse_decimal (value, G_MAXINT32, &v) || v < 1)
            {
              *problem = afs_office_problem_at (bad ("bad_value", NULL,
                                                     "limit must be a whole number from 1 to 1000."),
                                                "limit", -1);
              return FALSE;
            }
          if (v > AFS_OFFICE_MAX_PAGE)
            {
              *problem = afs_office_problem_new (413, "too_large",
                                                 "A pull page has at most %d changes.",
                                                 AFS_OFFICE_MAX_PAGE);
              (*problem)->limit = AFS_OFFICE_MAX_PAGE;
              return FALSE;
            }
          *limit = (guint) v;
        }
      else
        {
          g_autofree char *msg = g_strdup_printf ("“%s” is not a parameter of pull; use cursor and limit.",
                                                  (const char *) key);
          *problem = afs_office_problem_at (bad ("unknown_field", NULL, msg), key, -1);
          return FALSE;
        }
    }
  return TRUE;
}

char *
afs_office_decode_bearer (const char *authorization)
{
  const char *token;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return NULL;
  token = authorization + 7;
  if (strlen (token) < 16 || strlen (token) > 128)
    return NULL;
  for (const char *p = token; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return NULL;
  return g_strdup (token);
}

gboolean
afs_office_decode_offset (const char *header,
                          gint64     *offset)
{
  return parse_decimal (header, G_MAXINT64 / 2, offset);
}
