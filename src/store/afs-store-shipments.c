/* afs-store-shipments.c: part shipments (DOMAIN.md 10, 004 §4.6.1-4.6.4):
 * "register each shipment: destination, product model, time, quantity,
 *  carrier and tracking stub."
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-error.h"
#include "afs-store-office-util.h"
#include "afs-uuid.h"

#define SEARCH_LIMIT_DEFAULT 200

void
afs_shipment_data_clear (AfsShipmentData *data)
{
  g_return_if_fail (data != NULL);

  g_free (data->id);
  g_free (data->case_id);
  g_free (data->case_number);
  g_free (data->part);
  g_free (data->model);
  g_free (data->destination);
  g_free (data->carrier);
  g_free (data->tracking_number);
  g_free (data->shipped_date);
  memset (data, 0, sizeof *data);
}

void
afs_shipment_data_free (AfsShipmentData *data)
{
  if (data == NULL)
    return;

  afs_shipment_data_clear (data);
  g_free (data);
}

/**
 * afs_shipment_validate:
 * @data: the shipment being typed in
 * @today: today (local)
 * @error: return location for %AFS_ERROR_INVALID
 *
 * Returns: %TRUE when the form can be saved as far as it alone can tell
 */
gboolean
afs_shipment_validate (const AfsShipmentData  *data,
                       const GDate            *today,
                       GError                **error)
{
  const char *texts[] = { data->part, data->model, data->destination, data->carrier,
                          data->tracking_number };
  GDate shipped;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i] != NULL && !g_utf8_validate (texts[i], -1, NULL))
      {
        g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                             _("The shipment has text that is not valid. Type it again."));
        return FALSE;
      }

  if (data->part == NULL || afs_store_text_is_blank (data->part))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("Name the part that was shipped (its name or part number)."));
      return FALSE;
    }
  if (!isfinite (data->quantity) || data->quantity <= 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The quantity must be more than 0. Type how many were shipped."));
      return FALSE;
    }
  if (data->destination == NULL || afs_store_text_is_blank (data->destination))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("Say where the part was shipped to (the destination)."));
      return FALSE;
    }

  if (!afs_date_parse (data->shipped_date, _("shipping date"), &shipped, error) ||
      !afs_date_check_not_future (&shipped, today, _("shipping date"), error))
    return FALSE;

  return TRUE;
}

static gboolean
add_shipment (AfsWrite               *w,
              const AfsShipmentData  *data,
              char                  **out_id,
              GError                **error)
{
  g_autofree char *id = NULL;
  g_autofree char *shipped_text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *reported_text = NULL;
  g_autofree char *comment = NULL;
  GDate today, shipped, reported_day;
  gint64 reported_at = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (!afs_office_check_role (w,
                              /* Translators: %s is a role */
                              _("Your role (%s) cannot register part shipments. Ask office staff or a manager."),
                              error) ||
      !afs_store_check_id (data->id, error))
    return FALSE;

  afs_date_from_unix (w->now, NULL, &today);
  if (!afs_shipment_validate (data, &today, error))
    return FALSE;

  if (data->case_id == NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A shipment belongs to a case. Choose the case first."));
      return FALSE;
    }

  stmt = afs_db_prepare (w->db, "SELECT reported_at FROM cases WHERE id = ?1 AND deleted_at IS NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, data->case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    reported_at = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    afs_db_set_error (w->db, rc, _("reading the case"), error);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                     _("The case “%s” of this shipment does not exist. Choose an existing case."),
                     data->case_id);
      return FALSE;
    }

  if (data->shipped_date != NULL && *data->shipped_date != '\0')
    afs_date_parse (data->shipped_date, NULL, &shipped, NULL);
  else
    shipped = today;

  afs_date_from_unix (reported_at, NULL, &reported_day);
  if (g_date_compare (&shipped, &reported_day) < 0)
    {
      shipped_text = afs_date_to_string (&shipped);
      reported_text = afs_date_to_string (&reported_day);
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("The shipping date %s is before the case was reported (%s). Check the date "
                     "on the shipping note."),
                   shipped_text, reported_text);
      return FALSE;
    }

  id = data->id != NULL ? g_strdup (data->id) : afs_uuid7_new ();

  {
    const AfsColumn cols[] = {
      { "case_id", afs_value_text (data->case_id) },
      { "part", afs_value_text (g_strstrip (g_strdup (data->part))) },
      { "model", afs_value_text (afs_store_empty_to_null (data->model)) },
      { "quantity", afs_value_real (data->quantity) },
      { "destination", afs_value_text (data->destination) },
      { "carrier", afs_value_text (afs_store_empty_to_null (data->carrier)) },
      { "tracking_number", afs_value_text (afs_store_empty_to_null (data->tracking_number)) },
      { "shipped_at", afs_value_int (afs_date_to_unix_noon (&shipped, NULL)) },
    };
    gboolean ok = afs_row_insert (w, "part_shipments", id, cols, G_N_ELEMENTS (cols),
                                  _("saving the shipment"), error);

    g_free ((char *) cols[1].value.text);
    if (!ok)
      return FALSE;
  }

  /* The timeline: "2 × Compressor relay → Kraków, ul. Długa 5". */
  summary = g_strdup_printf ("%g × %s → %s", data->quantity, data->part, data->destination);
  if (!afs_store_text_is_blank (data->carrier) || !afs_store_text_is_blank (data->tracking_number))
    comment = g_strjoin (" ", data->carrier != NULL ? data->carrier : "",
                         data->tracking_number != NULL ? data->tracking_number : "", NULL);
  if (!afs_store_audit_add (w, data->case_id, "shipment", NULL, NULL, summary,
                            comment != NULL ? g_strstrip (comment) : NULL, error))
    return FALSE;

  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);

  return TRUE;
}

/**
 * afs_store_add_shipment:
 * @self: a store
 * @data: the shipment
 * @out_id: (out) (optional) (transfer full): its id
 * @error: return location for an %AFS_ERROR
 *
 * Returns: %TRUE on success; nothing is written otherwise
 */
gboolean
afs_store_add_shipment (AfsStore               *self,
                        const AfsShipmentData  *data,
                        char                  **out_id,
                        GError                **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, add_shipment (&w, data, out_id, error), error);
}

#define SHIPMENT_SELECT \
  "SELECT p.id, p.case_id, c.number, p.part, p.model, p.quantity, p.destination, p.carrier," \
  "       p.tracking_number, p.shipped_at, p.created_at, p.version" \
  "  FROM part_shipments p JOIN cases c ON c.id = p.case_id"

static void
read_shipment (sqlite3_stmt *stmt,
               gpointer      out)
{
  AfsShipmentData *s = out;
  GDate day;

  s->id = afs_db_column_dup (stmt, 0);
  s->case_id = afs_db_column_dup (stmt, 1);
  s->case_number = afs_db_column_dup (stmt, 2);
  s->part = afs_db_column_dup (stmt, 3);
  s->model = afs_db_column_dup (stmt, 4);
  s->quantity = sqlite3_column_double (stmt, 5);
  s->destination = afs_db_column_dup (stmt, 6);
  s->carrier = afs_db_column_dup (stmt, 7);
  s->tracking_number = afs_db_column_dup (stmt, 8);
  s->shipped_at = sqlite3_column_int64 (stmt, 9);
  if (s->shipped_at != 0)
    {
      afs_date_from_unix (s->shipped_at, NULL, &day);
      s->shipped_date = afs_date_to_string (&day);
    }
  s->created_at = sqlite3_column_int64 (stmt, 10);
  s->version = sqlite3_column_int64 (stmt, 11);
}

/**
 * afs_store_list_case_shipments:
 * @self: a store
 * @case_id: the case
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsShipmentData) (nullable)
 */
GPtrArray *
afs_store_list_case_shipments (AfsStore    *self,
                               const char  *case_id,
                               GError     **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return afs_row_read_list (self,
                            SHIPMENT_SELECT
                            " WHERE p.case_id = ?1 AND p.deleted_at IS NULL"
                            " ORDER BY p.shipped_at, p.created_at, p.id",
                            case_id, sizeof (AfsShipmentData), read_shipment,
                            (GDestroyNotify) afs_shipment_data_free,
                            _("reading the shipments"), error);
}

static GPtrArray *
search_shipments (AfsStore              *self,
                  AfsDb                 *db,
                  const AfsOfficeQuery  *query,
                  GError               **error)
{
  g_autoptr(GString) pattern = NULL;
  gboolean blank = query->text == NULL || afs_store_text_is_blank (query->text);
  sqlite3_stmt *stmt;

  /* LIKE with "\" as the escape, so a typed "%" or "_" is itself. */
  if (!blank)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (query->text));

      pattern = g_string_new ("%");
      for (const char *p = trimmed; *p != '\0'; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '%');
    }

  stmt = afs_db_prepare (db,
                         SHIPMENT_SELECT
                         " WHERE p.deleted_at IS NULL AND (?1 IS NULL"
                         "   OR p.part LIKE ?1 ESCAPE '\\' OR p.model LIKE ?1 ESCAPE '\\'"
                         "   OR p.tracking_number LIKE ?1 ESCAPE '\\' OR p.carrier LIKE ?1 ESCAPE '\\'"
                         "   OR p.destination LIKE ?1 ESCAPE '\\' OR c.number LIKE ?1 ESCAPE '\\')"
                         " ORDER BY p.shipped_at DESC, p.created_at DESC, p.id LIMIT ?2",
                         error);
  if (stmt == NULL)
    return NULL;
  afs_db_bind_text (stmt, 1, pattern != NULL ? pattern->str : NULL);
  sqlite3_bind_int (stmt, 2, query->limit > 0 ? (int) query->limit : SEARCH_LIMIT_DEFAULT);

  return afs_row_collect (db, stmt, sizeof (AfsShipmentData), read_shipment,
                          (GDestroyNotify) afs_shipment_data_free,
                          _("searching the shipments"), error);
}

/**
 * afs_store_search_shipments:
 * @self: a store
 * @text: (nullable): part, model, tracking number, carrier, destination
 *   or case number, or part of one
 * @limit: at most this many (0 = 200)
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsShipmentData) (nullable)
 */
GPtrArray *
afs_store_search_shipments (AfsStore    *self,
                            const char  *text,
                            guint        limit,
                            GError     **error)
{
  AfsOfficeQuery query = { (char *) text, 0, 0, limit };

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);

  return afs_office_query_run (self, search_shipments, &query, error);
}

void
afs_store_search_shipments_async (AfsStore            *self,
                                  const char          *text,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  AfsOfficeQuery query = { (char *) text, 0, 0, limit };

  g_return_if_fail (AFS_IS_STORE (self));

  afs_office_query_async (self, search_shipments, afs_store_search_shipments_async, &query,
                          cancellable, callback, user_data);
}

GPtrArray *
afs_store_search_shipments_finish (AfsStore      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return afs_office_query_finish (self, result, error);
}
