/* afs-store-journal.c: the change journal of every write: the audit trail
 * (for people) and the sync outbox (for the server), and the column
 * values both are made of.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-error.h"
#include "afs-store-rows.h"
#include "afs-uuid.h"

gboolean
afs_value_equal (const AfsValue *a,
                 const AfsValue *b)
{
  if (a->kind != b->kind)
    {
      /* A money column read back as an integer (SQLite stores 1500.0 as
       * REAL, but a value bound as 1500 compares equal) is the same value. */
      if ((a->kind == AFS_VALUE_INT && b->kind == AFS_VALUE_REAL) ||
          (a->kind == AFS_VALUE_REAL && b->kind == AFS_VALUE_INT))
        {
          double x = a->kind == AFS_VALUE_INT ? (double) a->i : a->d;
          double y = b->kind == AFS_VALUE_INT ? (double) b->i : b->d;
          return x == y;
        }
      return FALSE;
    }

  switch (a->kind)
    {
    case AFS_VALUE_NULL:
      return TRUE;
    case AFS_VALUE_TEXT:
      return g_strcmp0 (a->text, b->text) == 0;
    case AFS_VALUE_INT:
      return a->i == b->i;
    case AFS_VALUE_REAL:
      return a->d == b->d;
    default:
      g_assert_not_reached ();
    }
}

/* The shortest decimal that reads back as the same double: "1500",
 * "0.1", not "0.10000000000000001". */
static void
format_double (char   *buf,
               gsize   len,
               double  d)
{
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, len, format, d);
      if (g_ascii_strtod (buf, NULL) == d)
        return;
    }
}

char *
afs_value_to_string (const AfsValue *v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (v->kind)
    {
    case AFS_VALUE_NULL:
      return NULL;
    case AFS_VALUE_TEXT:
      return g_strdup (v->text);
    case AFS_VALUE_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, v->i);
    case AFS_VALUE_REAL:
      format_double (buf, sizeof buf, v->d);
      return g_strdup (buf);
    default:
      g_assert_not_reached ();
    }
}

void
afs_value_bind (sqlite3_stmt   *stmt,
                int             idx,
                const AfsValue *v)
{
  switch (v->kind)
    {
    case AFS_VALUE_NULL:
      sqlite3_bind_null (stmt, idx);
      break;
    case AFS_VALUE_TEXT:
      /* Not copied: see afs-store-impl.h. */
      sqlite3_bind_text (stmt, idx, v->text, -1, SQLITE_STATIC);
      break;
    case AFS_VALUE_INT:
      sqlite3_bind_int64 (stmt, idx, v->i);
      break;
    case AFS_VALUE_REAL:
      sqlite3_bind_double (stmt, idx, v->d);
      break;
    default:
      g_assert_not_reached ();
    }
}

AfsValue
afs_value_column (sqlite3_stmt *stmt,
                  int           col)
{
  switch (sqlite3_column_type (stmt, col))
    {
    case SQLITE_NULL:
      return afs_value_null ();
    case SQLITE_INTEGER:
      return afs_value_int (sqlite3_column_int64 (stmt, col));
    case SQLITE_FLOAT:
      return afs_value_real (sqlite3_column_double (stmt, col));
    default:
      return afs_value_text ((const char *) sqlite3_column_text (stmt, col));
    }
}

AfsValue
afs_value_column_copy (sqlite3_stmt *stmt,
                       int           col,
                       GPtrArray    *texts)
{
  AfsValue v = afs_value_column (stmt, col);

  if (v.kind == AFS_VALUE_TEXT)
    {
      char *copy = g_strdup (v.text);

      g_ptr_array_add (texts, copy);
      v.text = copy;
    }

  return v;
}

/**
 * afs_json_append_string:
 * @out: where to append
 * @text: (nullable): UTF-8 text
 *
 * Appends @text as a JSON string literal (RFC 8259): quotes, backslashes
 * and control characters escaped, everything else passed as UTF-8.
 * %NULL becomes `null`.
 */
void
afs_json_append_string (GString    *out,
                        const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_json_value (GString        *out,
                   const AfsValue *v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (v->kind)
    {
    case AFS_VALUE_NULL:
      g_string_append (out, "null");
      break;
    case AFS_VALUE_TEXT:
      afs_json_append_string (out, v->text);
      break;
    case AFS_VALUE_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, v->i);
      break;
    case AFS_VALUE_REAL:
      /* JSON has no NaN or infinity; the CHECKs keep them out anyway. */
      if (!isfinite (v->d))
        g_string_append (out, "null");
      else
        {
          format_double (buf, sizeof buf, v->d);
          g_string_append (out, buf);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

void
afs_changes_init (AfsChanges *changes,
                  AfsWrite   *w)
{
  if (!w->store->outbox_enabled)
    {
      changes->json = NULL;
      return;
    }

  changes->json = g_string_sized_new (256);
  g_string_append_c (changes->json, '{');
}

void
afs_changes_add (AfsChanges  *changes,
                 const char  *field,
                 AfsValue     old_value,
                 AfsValue     new_value)
{
  if (changes->json == NULL)
    return;

  if (changes->json->len > 1)
    g_string_append_c (changes->json, ',');
  afs_json_append_string (changes->json, field);
  g_string_append (changes->json, ":{\"old\":");
  append_json_value (changes->json, &old_value);
  g_string_append (changes->json, ",\"new\":");
  append_json_value (changes->json, &new_value);
  g_string_append_c (changes->json, '}');
}

void
afs_changes_add_new (AfsChanges *changes,
                     const char *field,
                     AfsValue    new_value)
{
  afs_changes_add (changes, field, afs_value_null (), new_value);
}

void
afs_changes_clear (AfsChanges *changes)
{
  if (changes->json != NULL)
    g_string_free (changes->json, TRUE);
  changes->json = NULL;
}

/**
 * afs_store_outbox_add:
 * @w: the write in progress
 * @table_name: the table changed
 * @row_id: the UUID of the row changed
 * @op: "insert", "update" or "delete"
 * @changes: the fields changed; cleared
 * @error: return location for an %AFS_ERROR
 *
 * Records a change for sync in the same transaction as the change, so
 * the outbox holds exactly what was committed: a crash loses both or
 * neither (SYNC-NOTES.md).
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_outbox_add (AfsWrite    *w,
                      const char  *table_name,
                      const char  *row_id,
                      const char  *op,
                      AfsChanges  *changes,
                      GError     **error)
{
  g_autofree char *hlc = NULL;
  sqlite3_stmt *stmt;

  if (!w->store->outbox_enabled || changes->json == NULL)
    {
      afs_changes_clear (changes);
      return TRUE;
    }

  g_string_append_c (changes->json, '}');

  /* The clock of the change, for last-writer-wins on the server. */
  hlc = afs_store_sync_next_hlc (w, error);
  if (hlc == NULL)
    {
      afs_changes_clear (changes);
      return FALSE;
    }

  stmt = afs_db_prepare (w->db,
                         "INSERT INTO outbox (device_id, table_name, row_id, op, changes, created_at, hlc) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                         error);
  if (stmt == NULL)
    {
      afs_changes_clear (changes);
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, w->store->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, table_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, op, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, changes->json->str, changes->json->len, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, w->now);
  sqlite3_bind_text (stmt, 7, hlc, -1, SQLITE_TRANSIENT);
  afs_changes_clear (changes);

  return afs_db_step_done (w->db, stmt, _("recording the change for sync"), error);
}

/**
 * afs_store_audit_add:
 * @w: the write in progress
 * @case_id: the case
 * @kind: "created", "field", "transition", "assignment", "report",
 *   "follow_up", "approval"
 * @field: (nullable): the field changed
 * @old_value: (nullable): its value before
 * @new_value: (nullable): its value after
 * @comment: (nullable): the reason given
 * @error: return location for an %AFS_ERROR
 *
 * Appends one event to the case's audit trail, with the acting person and
 * the write's time, and its outbox row (the office sees what technicians
 * did offline).
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_audit_add (AfsWrite    *w,
                     const char  *case_id,
                     const char  *kind,
                     const char  *field,
                     const char  *old_value,
                     const char  *new_value,
                     const char  *comment,
                     GError     **error)
{
  g_autofree char *id = afs_uuid7_new ();
  const AfsColumn cols[] = {
    { "case_id", afs_value_text (case_id) },
    { "at", afs_value_int (w->now) },
    { "actor_id", afs_value_text (w->actor_id) },
    { "actor_name", afs_value_text (w->actor_name) },
    { "kind", afs_value_text (kind) },
    { "field", afs_value_text (field) },
    { "old_value", afs_value_text (old_value) },
    { "new_value", afs_value_text (new_value) },
    { "comment", afs_value_text (comment) },
  };

  /* History is never updated: no version, no update time. */
  return afs_row_insert_full (w, "audit", id, cols, G_N_ELEMENTS (cols), AFS_ROW_UNVERSIONED,
                              _("writing the audit trail"), error);
}

gboolean
afs_store_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

gboolean
afs_store_check_id (const char  *id,
                    GError     **error)
{
  if (id == NULL || afs_uuid_is_valid (id))
    return TRUE;

  g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
               _("“%s” is not a valid record id (a UUID). Leave the id empty to make a new one."),
               id);
  return FALSE;
}

gboolean
afs_store_check_utf8 (const char  *text,
                      const char  *what,
                      GError     **error)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;

  g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
               /* Translators: %s is a field, like "description" */
               _("The %s contains characters that are not valid text. Type it again "
                 "instead of pasting it."),
               what);
  return FALSE;
}
