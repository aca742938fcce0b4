/* afs-store-report.c: the full repair report (DOMAIN.md 8-9) and its
 * autosaved draft.
 *
 * DOMAIN.md 8: "confirm the fault with the customer, inspect, test,
 * repair or replace parts, test again; record ... work done, parts and
 * materials used, time spent; show the customer how to use and maintain
 * it". DOMAIN.md 9: "returns, exchanges and compensation are written out
 * with reason, item, spec and quantity".
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "afs-error.h"
#include "afs-store-visit-impl.h"
#include "afs-uuid.h"

/* ---- Keys and labels ------------------------------------------------------------ */

static const char *const remedy_keys[AFS_REMEDY_N] = {
  NULL, "repair", "return", "exchange", "compensation",
};

const char *
afs_remedy_to_key (AfsRemedy remedy)
{
  if ((guint) remedy >= AFS_REMEDY_N)
    return NULL;
  return remedy_keys[remedy];
}

AfsRemedy
afs_remedy_from_key (const char *key)
{
  if (key == NULL || *key == '\0')
    return AFS_REMEDY_NONE;
  for (guint i = 1; i < AFS_REMEDY_N; i++)
    if (g_str_equal (key, remedy_keys[i]))
      return i;
  return AFS_REMEDY_N;
}

const char *
afs_remedy_get_label (AfsRemedy remedy)
{
  switch (remedy)
    {
    case AFS_REMEDY_NONE: return _("No remedy");
    case AFS_REMEDY_REPAIR: return _("Repair");
    case AFS_REMEDY_RETURN: return _("Return");
    case AFS_REMEDY_EXCHANGE: return _("Exchange");
    case AFS_REMEDY_COMPENSATION: return _("Compensation");
    case AFS_REMEDY_N:
    default: return NULL;
    }
}

static const char *const rating_keys[AFS_RATING_N] = {
  "timeliness", "quality", "attitude", "cleanliness",
};

const char *
afs_rating_item_to_key (AfsRatingItem item)
{
  if ((guint) item >= AFS_RATING_N)
    return NULL;
  return rating_keys[item];
}

static int
rating_item_from_key (const char *key)
{
  for (int i = 0; i < AFS_RATING_N; i++)
    if (g_strcmp0 (key, rating_keys[i]) == 0)
      return i;
  return -1;
}

const char *
afs_rating_item_get_label (AfsRatingItem item)
{
  switch (item)
    {
    case AFS_RATING_TIMELINESS: return _("Timeliness");
    case AFS_RATING_QUALITY: return _("Quality of the work");
    case AFS_RATING_ATTITUDE: return _("Attitude");
    case AFS_RATING_CLEANLINESS: return _("Cleanliness");
    case AFS_RATING_N:
    default: return NULL;
    }
}

/* ---- Structs ----------------------------------------------------------------------- */

AfsReportPart *
afs_report_part_new (void)
{
  AfsReportPart *p = g_new0 (AfsReportPart, 1);

  /* Made here, so saving the same part twice updates it. */
  p->id = afs_uuid7_new ();
  p->quantity = 1;
  return p;
}

AfsReportPart *
afs_report_part_copy (const AfsReportPart *part)
{
  AfsReportPart *p = g_new0 (AfsReportPart, 1);

  *p = *part;
  p->id = g_strdup (part->id);
  p->catalogue_id = g_strdup (part->catalogue_id);
  p->part_number = g_strdup (part->part_number);
  p->name = g_strdup (part->name);
  return p;
}

void
afs_report_part_free (AfsReportPart *p)
{
  if (p == NULL)
    return;
  g_free (p->id);
  g_free (p->catalogue_id);
  g_free (p->part_number);
  g_free (p->name);
  g_free (p);
}

void
afs_repair_report_init (AfsRepairReport *r)
{
  memset (r, 0, sizeof *r);
  r->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_report_part_free);
}

void
afs_repair_report_clear (AfsRepairReport *r)
{
  g_clear_pointer (&r->id, g_free);
  g_clear_pointer (&r->case_id, g_free);
  g_clear_pointer (&r->fault_description, g_free);
  g_clear_pointer (&r->diagnosis, g_free);
  g_clear_pointer (&r->cause, g_free);
  g_clear_pointer (&r->actions, g_free);
  g_clear_pointer (&r->parts, g_ptr_array_unref);
  g_clear_pointer (&r->test_result, g_free);
  g_clear_pointer (&r->outcome, g_free);
  g_clear_pointer (&r->remedy_item, g_free);
  g_clear_pointer (&r->remedy_spec, g_free);
  g_clear_pointer (&r->remedy_reason, g_free);
  g_clear_pointer (&r->advice, g_free);
  g_clear_pointer (&r->customer_opinion, g_free);
  g_clear_pointer (&r->signer_name, g_free);
  g_clear_pointer (&r->signer_role, g_free);
  g_clear_pointer (&r->content_hash, g_free);
  memset (r, 0, sizeof *r);
}

AfsRepairReport *
afs_repair_report_new (void)
{
  AfsRepairReport *r = g_new0 (AfsRepairReport, 1);

  afs_repair_report_init (r);
  return r;
}

AfsRepairReport *
afs_repair_report_copy (const AfsRepairReport *src)
{
  AfsRepairReport *r = g_new0 (AfsRepairReport, 1);

  *r = *src;
  r->id = g_strdup (src->id);
  r->case_id = g_strdup (src->case_id);
  r->fault_description = g_strdup (src->fault_description);
  r->diagnosis = g_strdup (src->diagnosis);
  r->cause = g_strdup (src->cause);
  r->actions = g_strdup (src->actions);
  r->test_result = g_strdup (src->test_result);
  r->outcome = g_strdup (src->outcome);
  r->remedy_item = g_strdup (src->remedy_item);
  r->remedy_spec = g_strdup (src->remedy_spec);
  r->remedy_reason = g_strdup (src->remedy_reason);
  r->advice = g_strdup (src->advice);
  r->customer_opinion = g_strdup (src->customer_opinion);
  r->signer_name = g_strdup (src->signer_name);
  r->signer_role = g_strdup (src->signer_role);
  r->content_hash = g_strdup (src->content_hash);
  r->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_report_part_free);
  if (src->parts != NULL)
    for (guint i = 0; i < src->parts->len; i++)
      g_ptr_array_add (r->parts, afs_report_part_copy (src->parts->pdata[i]));
  return r;
}

void
afs_repair_report_free (AfsRepairReport *r)
{
  if (r == NULL)
    return;
  afs_repair_report_clear (r);
  g_free (r);
}

/* ---- Validation -------------------------------------------------------------------- */

static gboolean
outcome_is_valid (const char *outcome)
{
  return outcome == NULL || *outcome == '\0' ||
         g_str_equal (outcome, "fixed") ||
         g_str_equal (outcome, "temporary") ||
         g_str_equal (outcome, "not_fixable");
}

/**
 * afs_repair_report_validate:
 * @report: a report
 * @error: return location for an %AFS_ERROR_INVALID
 *
 * The checks afs_store_save_repair_report() makes, for the screen to
 * run as the technician leaves a field.
 *
 * Returns: %TRUE when @report can be saved
 */
gboolean
afs_repair_report_validate (const AfsRepairReport  *r,
                            GError                **error)
{
  const struct { const char *text; const char *what; } texts[] = {
    { r->fault_description, _("fault") },
    { r->diagnosis, _("diagnosis") },
    { r->cause, _("cause") },
    { r->actions, _("work done") },
    { r->test_result, _("test result") },
    { r->remedy_item, _("remedy item") },
    { r->remedy_spec, _("remedy specification") },
    { r->remedy_reason, _("remedy reason") },
    { r->advice, _("advice") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!afs_store_check_utf8 (texts[i].text, texts[i].what, error))
      return FALSE;

  if (!outcome_is_valid (r->outcome))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("“%s” is not a repair outcome. Use fixed, temporary or not_fixable."),
                   r->outcome);
      return FALSE;
    }
  if (r->labour_minutes < 0 || r->labour_minutes > 100000)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("%d minutes is not a labour time. Type the minutes spent (0 or more)."),
                   r->labour_minutes);
      return FALSE;
    }
  if ((guint) r->remedy >= AFS_REMEDY_N)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("That is not a remedy. Choose repair, return, exchange or compensation."));
      return FALSE;
    }
  /* DOMAIN.md 9: "returns, exchanges and compensation are written out
   * with reason, item, spec and quantity". */
  if (r->remedy == AFS_REMEDY_RETURN || r->remedy == AFS_REMEDY_EXCHANGE ||
      r->remedy == AFS_REMEDY_COMPENSATION)
    {
      if (afs_store_text_is_blank (r->remedy_item))
        {
          g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                               _("A return, exchange or compensation needs the item. Type what is returned, exchanged or compensated."));
          return FALSE;
        }
      if (!(r->remedy_quantity > 0) || !isfinite (r->remedy_quantity))
        {
          g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                               _("A return, exchange or compensation needs a quantity above 0."));
          return FALSE;
        }
      if (afs_store_text_is_blank (r->remedy_reason))
        {
          g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                               _("A return, exchange or compensation needs a reason. Type why."));
          return FALSE;
        }
    }
  else if (r->remedy_quantity < 0 || !isfinite (r->remedy_quantity))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A quantity cannot be negative."));
      return FALSE;
    }

  for (guint i = 0; r->parts != NULL && i < r->parts->len; i++)
    {
      const AfsReportPart *p = r->parts->pdata[i];

      if (!afs_store_check_id (p->id, error) ||
          !afs_store_check_id (p->catalogue_id, error) ||
          !afs_store_check_utf8 (p->name, _("part name"), error) ||
          !afs_store_check_utf8 (p->part_number, _("part number"), error))
        return FALSE;
      if (afs_store_text_is_blank (p->name))
        {
          g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                       _("Part %u has no name. Type the part's name or pick it from the catalogue."),
                       i + 1);
          return FALSE;
        }
      if (!(p->quantity > 0) || !isfinite (p->quantity))
        {
          g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                       _("The quantity of “%s” must be more than 0."), p->name);
          return FALSE;
        }
      if (!(p->unit_price >= 0) || !isfinite (p->unit_price))
        {
          g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                       _("The unit price of “%s” cannot be negative. Type 0 for a free part."),
                       p->name);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- Reading -------------------------------------------------------------------------- */

#define REPORT_COLUMNS \
  "id, case_id, report_version, fault_confirmed, fault_description, diagnosis, cause," \
  " actions, labour_minutes, test_result, outcome, remedy, remedy_item, remedy_spec," \
  " remedy_quantity, remedy_reason, advice, customer_opinion, signer_name, signer_role," \
  " signed_at, accepted, content_hash, version"

static void
read_report_columns (sqlite3_stmt    *stmt,
                     AfsRepairReport *r)
{
  r->id = afs_db_column_dup (stmt, 0);
  r->case_id = afs_db_column_dup (stmt, 1);
  r->report_version = sqlite3_column_int64 (stmt, 2);
  r->fault_confirmed = sqlite3_column_int (stmt, 3) != 0;
  r->fault_description = afs_db_column_dup (stmt, 4);
  r->diagnosis = afs_db_column_dup (stmt, 5);
  r->cause = afs_db_column_dup (stmt, 6);
  r->actions = afs_db_column_dup (stmt, 7);
  r->labour_minutes = sqlite3_column_int (stmt, 8);
  r->test_result = afs_db_column_dup (stmt, 9);
  r->outcome = afs_db_column_dup (stmt, 10);
  r->remedy = afs_remedy_from_key (afs_db_column_text (stmt, 11));
  if (r->remedy == AFS_REMEDY_N)
    r->remedy = AFS_REMEDY_NONE;
  r->remedy_item = afs_db_column_dup (stmt, 12);
  r->remedy_spec = afs_db_column_dup (stmt, 13);
  r->remedy_quantity = sqlite3_column_double (stmt, 14);
  r->remedy_reason = afs_db_column_dup (stmt, 15);
  r->advice = afs_db_column_dup (stmt, 16);
  r->customer_opinion = afs_db_column_dup (stmt, 17);
  r->signer_name = afs_db_column_dup (stmt, 18);
  r->signer_role = afs_db_column_dup (stmt, 19);
  r->signed_at = sqlite3_column_int64 (stmt, 20);
  r->accepted = sqlite3_column_int (stmt, 21) != 0;
  r->content_hash = afs_db_column_dup (stmt, 22);
  r->version = sqlite3_column_int64 (stmt, 23);
}

gboolean
afs_visit_read_report (AfsDb            *db,
                       const char       *case_id,
                       gint64            report_version,
                       AfsRepairReport  *out,
                       gboolean         *found,
                       GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  afs_repair_report_init (out);
  *found = FALSE;

  if (report_version > 0)
    stmt = afs_db_prepare (db,
                           "SELECT " REPORT_COLUMNS " FROM reports"
                           " WHERE case_id = ?1 AND report_version = ?2 AND deleted_at IS NULL",
                           error);
  else
    stmt = afs_db_prepare (db,
                           "SELECT " REPORT_COLUMNS " FROM reports"
                           " WHERE case_id = ?1 AND deleted_at IS NULL"
                           " ORDER BY report_version DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, case_id);
  if (report_version > 0)
    sqlite3_bind_int64 (stmt, 2, report_version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_ptr_array_unref (out->parts);
      read_report_columns (stmt, out);
      out->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_report_part_free);
    }
  else if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, _("reading the service report"), error);
  afs_db_stmt_release (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return FALSE;

  stmt = afs_db_prepare (db,
                         "SELECT id, catalogue_id, part_number, name, quantity, under_warranty,"
                         "       unit_price"
                         "  FROM report_parts WHERE report_id = ?1 AND deleted_at IS NULL"
                         " ORDER BY created_at, rowid",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, out->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AfsReportPart *p = afs_report_part_new ();

      p->id = afs_db_column_dup (stmt, 0);
      p->catalogue_id = afs_db_column_dup (stmt, 1);
      p->part_number = afs_db_column_dup (stmt, 2);
      p->name = afs_db_column_dup (stmt, 3);
      p->quantity = sqlite3_column_double (stmt, 4);
      p->under_warranty = sqlite3_column_int (stmt, 5) != 0;
      p->unit_price = sqlite3_column_double (stmt, 6);
      g_ptr_array_add (out->parts, p);
    }
  if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, _("reading the parts used"), error);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  stmt = afs_db_prepare (db,
                         "SELECT item, score FROM report_ratings"
                         " WHERE report_id = ?1 AND deleted_at IS NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, out->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int item = rating_item_from_key (afs_db_column_text (stmt, 0));

      if (item >= 0)
        out->ratings[item] = sqlite3_column_int (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, _("reading the satisfaction scores"), error);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  *found = TRUE;
  return TRUE;
}

static gboolean
get_report (AfsStore         *self,
            const char       *case_id,
            gint64            report_version,
            AfsRepairReport  *out,
            GError          **error)
{
  AfsDb *db;
  gboolean found = FALSE;
  gboolean ok;

  db = afs_store_lock_reader (self);
  ok = afs_visit_read_report (db, case_id, report_version, out, &found, error);
  afs_store_unlock_reader (self, db);

  if (ok && !found)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                           _("This case has no service report yet. The technician writes it on site."));
      ok = FALSE;
    }
  if (!ok)
    {
      afs_repair_report_clear (out);
      afs_repair_report_init (out);
    }
  return ok;
}

/**
 * afs_store_get_repair_report:
 * @self: a store
 * @case_id: the case
 * @out: (out caller-allocates): the current report; clear with
 *   afs_repair_report_clear()
 * @error: %AFS_ERROR_NOT_FOUND when the case has none
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_get_repair_report (AfsStore         *self,
                             const char       *case_id,
                             AfsRepairReport  *out,
                             GError          **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL && out != NULL, FALSE);

  return get_report (self, case_id, 0, out, error);
}

gboolean
afs_store_get_repair_report_version (AfsStore         *self,
                                     const char       *case_id,
                                     gint64            report_version,
                                     AfsRepairReport  *out,
                                     GError          **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL && out != NULL && report_version > 0, FALSE);

  return get_report (self, case_id, report_version, out, error);
}

/* ---- Saving --------------------------------------------------------------------------- */

enum {
  EF_FAULT_CONFIRMED, EF_FAULT_DESCRIPTION, EF_DIAGNOSIS, EF_CAUSE, EF_ACTIONS,
  EF_LABOUR, EF_TEST_RESULT, EF_OUTCOME, EF_REMEDY, EF_REMEDY_ITEM, EF_REMEDY_SPEC,
  EF_REMEDY_QUANTITY, EF_REMEDY_REASON, EF_ADVICE, EF_N
};

static const char *const edit_fields[EF_N] = {
  "fault_confirmed", "fault_description", "diagnosis", "cause", "actions",
  "labour_minutes", "test_result", "outcome", "remedy", "remedy_item", "remedy_spec",
  "remedy_quantity", "remedy_reason", "advice",
};

static void
report_new_values (const AfsRepairReport *r,
                   AfsValue               values[EF_N])
{
  values[EF_FAULT_CONFIRMED] = afs_value_int (r->fault_confirmed ? 1 : 0);
  values[EF_FAULT_DESCRIPTION] = afs_value_text (afs_store_empty_to_null (r->fault_description));
  values[EF_DIAGNOSIS] = afs_value_text (afs_store_empty_to_null (r->diagnosis));
  values[EF_CAUSE] = afs_value_text (afs_store_empty_to_null (r->cause));
  values[EF_ACTIONS] = afs_value_text (afs_store_empty_to_null (r->actions));
  values[EF_LABOUR] = afs_value_int (r->labour_minutes);
  values[EF_TEST_RESULT] = afs_value_text (afs_store_empty_to_null (r->test_result));
  values[EF_OUTCOME] = afs_value_text (afs_store_empty_to_null (r->outcome));
  values[EF_REMEDY] = afs_value_text (afs_remedy_to_key (r->remedy));
  values[EF_REMEDY_ITEM] = afs_value_text (afs_store_empty_to_null (r->remedy_item));
  values[EF_REMEDY_SPEC] = afs_value_text (afs_store_empty_to_null (r->remedy_spec));
  values[EF_REMEDY_QUANTITY] = r->remedy_quantity > 0 ? afs_value_real (r->remedy_quantity)
                                                      : afs_value_null ();
  values[EF_REMEDY_REASON] = afs_value_text (afs_store_empty_to_null (r->remedy_reason));
  values[EF_ADVICE] = afs_value_text (afs_store_empty_to_null (r->advice));
}

typedef struct {
  char     *id;
  AfsValue  values[6];   /* catalogue_id, part_number, name, quantity, under_warranty, unit_price */
  gboolean  kept;
} OldPart;

static const char *const part_fields[6] = {
  "catalogue_id", "part_number", "name", "quantity", "under_warranty", "unit_price",
};

static void
part_values (const AfsReportPart *p,
             AfsValue             values[6])
{
  values[0] = afs_value_text (p->catalogue_id);
  values[1] = afs_value_text (afs_store_empty_to_null (p->part_number));
  values[2] = afs_value_text (p->name);
  values[3] = afs_value_real (p->quantity);
  values[4] = afs_value_int (p->under_warranty ? 1 : 0);
  values[5] = afs_value_real (p->unit_price);
}

/* Writes the parts of @report_id: new ones inserted, changed ones
 * updated, missing ones tombstoned. *n_changed counts rows written. */
static gboolean
save_parts (AfsWrite               *w,
            const char             *report_id,
            AfsRepairReport        *r,
            guint                  *n_changed,
            GError                **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) old = g_array_new (FALSE, TRUE, sizeof (OldPart));
  sqlite3_stmt *stmt;
  int rc;

  stmt = afs_db_prepare (w->db,
                         "SELECT id, catalogue_id, part_number, name, quantity, under_warranty,"
                         "       unit_price"
                         "  FROM report_parts WHERE report_id = ?1 AND deleted_at IS NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, report_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OldPart op = { 0, };

      op.id = afs_db_column_dup (stmt, 0);
      g_ptr_array_add (texts, op.id);
      for (int i = 0; i < 6; i++)
        op.values[i] = afs_value_column_copy (stmt, 1 + i, texts);
      g_array_append_val (old, op);
    }
  if (rc != SQLITE_DONE)
    afs_db_set_error (w->db, rc, _("reading the parts used"), error);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; r->parts != NULL && i < r->parts->len; i++)
    {
      AfsReportPart *p = r->parts->pdata[i];
      OldPart *match = NULL;
      AfsValue values[6];

      part_values (p, values);
      for (guint k = 0; p->id != NULL && k < old->len; k++)
        if (g_str_equal (g_array_index (old, OldPart, k).id, p->id))
          match = &g_array_index (old, OldPart, k);

      if (match == NULL)
        {
          AfsColumn cols[7] = { { "report_id", afs_value_text (report_id) }, };

          /* The caller's part gets its id, so the next save updates it. */
          if (p->id == NULL)
            p->id = afs_uuid7_new ();

          for (int k = 0; k < 6; k++)
            {
              cols[1 + k].name = part_fields[k];
              cols[1 + k].value = values[k];
            }
          if (!afs_row_insert (w, "report_parts", p->id, cols, G_N_ELEMENTS (cols),
                               _("saving the parts used"), error))
            return FALSE;
          (*n_changed)++;
        }
      else
        {
          AfsColumnChange set[6];
          const AfsValue params[] = { afs_value_text (match->id) };
          guint n = 0;

          match->kept = TRUE;
          for (int k = 0; k < 6; k++)
            {
              set[k].name = part_fields[k];
              set[k].old_value = match->values[k];
              set[k].new_value = values[k];
            }
          if (!afs_row_update_where (w, "report_parts", set, 6, "id = ?1",
                                     params, 1, AFS_ROW_CHANGED_ONLY,
                                     _("saving the parts used"), &n, error))
            return FALSE;
          *n_changed += n;
        }
    }

  for (guint k = 0; k < old->len; k++)
    {
      OldPart *op = &g_array_index (old, OldPart, k);
      const AfsColumnChange set[] = {
        { "deleted_at", afs_value_null (), afs_value_int (w->now) },
      };
      const AfsValue params[] = { afs_value_text (op->id) };

      if (op->kept)
        continue;
      if (!afs_row_update_where (w, "report_parts", set, 1, "id = ?1", params, 1,
                                 AFS_ROW_DEFAULT, _("saving the parts used"), NULL, error))
        return FALSE;
      (*n_changed)++;
    }
  return TRUE;
}

gboolean
afs_visit_save_report (AfsWrite               *w,
                       AfsRepairReport        *r,
                       char                  **out_id,
                       GError                **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *report_id = NULL;
  AfsColumnChange set[EF_N];
  AfsValue new_values[EF_N];
  gint64 local_id = 0;
  gint64 report_version = 1;
  gboolean signed_already = FALSE;
  gboolean insert = FALSE;
  guint n_changed = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (r->case_id == NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A service report belongs to a case. Open the case first."));
      return FALSE;
    }
  if (!afs_repair_report_validate (r, error))
    return FALSE;
  if (!afs_visit_check_case (w, r->case_id, NULL, &local_id, error))
    return FALSE;

  if (r->id != NULL)
    stmt = afs_db_prepare (w->db,
                           "SELECT id, report_version, signed_at IS NOT NULL,"
                           "       fault_confirmed, fault_description, diagnosis, cause, actions,"
                           "       labour_minutes, test_result, outcome, remedy, remedy_item,"
                           "       remedy_spec, remedy_quantity, remedy_reason, advice"
                           "  FROM reports WHERE case_id = ?1 AND id = ?2 AND deleted_at IS NULL",
                           error);
  else
    stmt = afs_db_prepare (w->db,
                           "SELECT id, report_version, signed_at IS NOT NULL,"
                           "       fault_confirmed, fault_description, diagnosis, cause, actions,"
                           "       labour_minutes, test_result, outcome, remedy, remedy_item,"
                           "       remedy_spec, remedy_quantity, remedy_reason, advice"
                           "  FROM reports WHERE case_id = ?1 AND deleted_at IS NULL"
                           " ORDER BY report_version DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, r->case_id);
  if (r->id != NULL)
    afs_db_bind_text (stmt, 2, r->id);

  report_new_values (r, new_values);
  for (int i = 0; i < EF_N; i++)
    {
      set[i].name = edit_fields[i];
      set[i].old_value = afs_value_null ();
      set[i].new_value = new_values[i];
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      report_id = afs_db_column_dup (stmt, 0);
      report_version = sqlite3_column_int64 (stmt, 1);
      signed_already = sqlite3_column_int (stmt, 2) != 0;
      for (int i = 0; i < EF_N; i++)
        set[i].old_value = afs_value_column_copy (stmt, 3 + i, texts);
    }
  else if (rc != SQLITE_DONE)
    afs_db_set_error (w->db, rc, _("reading the service report"), error);
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return FALSE;

  if (rc == SQLITE_DONE)
    {
      if (r->id != NULL)
        {
          g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                       _("The service report “%s” does not exist for this case. Reload the case."),
                       r->id);
          return FALSE;
        }
      insert = TRUE;
      report_id = afs_uuid7_new ();
    }
  else if (signed_already)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                           _("This service report is signed and can no longer be changed. "
                             "To change it, start a new version; it needs new signatures."));
      return FALSE;
    }

  if (insert)
    {
      AfsColumn cols[2 + EF_N] = {
        { "case_id", afs_value_text (r->case_id) },
        { "report_version", afs_value_int (report_version) },
      };

      for (int i = 0; i < EF_N; i++)
        {
          cols[2 + i].name = edit_fields[i];
          cols[2 + i].value = new_values[i];
        }
      if (!afs_row_insert (w, "reports", report_id, cols, G_N_ELEMENTS (cols),
                           _("saving the service report"), error))
        return FALSE;
      n_changed++;
    }
  else
    {
      const AfsValue params[] = { afs_value_text (report_id) };
      guint n = 0;

      if (!afs_row_update_where (w, "reports", set, EF_N, "id = ?1", params, 1,
                                 AFS_ROW_CHANGED_ONLY, _("saving the service report"), &n, error))
        return FALSE;
      n_changed += n;
    }

  if (!save_parts (w, report_id, r, &n_changed, error))
    return FALSE;

  if (n_changed > 0)
    {
      if (!afs_store_audit_add (w, r->case_id, "report", NULL, NULL, "saved", NULL, error))
        return FALSE;
      /* The diagnosis and the work done are searched with the case. */
      afs_store_queue_reindex (w, local_id);
    }

  if (r->id == NULL)
    r->id = g_strdup (report_id);
  if (r->report_version == 0)
    r->report_version = report_version;
  if (out_id != NULL)
    *out_id = g_steal_pointer (&report_id);
  return TRUE;
}

/* Inserts @r's content and parts as version @report_version of its case
 * (a new version after signing): new ids for the row and its parts. */
gboolean
afs_visit_insert_report (AfsWrite               *w,
                         const AfsRepairReport  *r,
                         gint64                  report_version,
                         char                  **out_id,
                         GError                **error)
{
  g_autoptr(AfsRepairReport) copy = afs_repair_report_copy (r);
  g_autofree char *report_id = afs_uuid7_new ();
  AfsValue new_values[EF_N];
  AfsColumn cols[2 + EF_N] = {
    { "case_id", afs_value_text (r->case_id) },
    { "report_version", afs_value_int (report_version) },
  };
  guint n_changed = 0;

  for (guint i = 0; i < copy->parts->len; i++)
    g_clear_pointer (&((AfsReportPart *) copy->parts->pdata[i])->id, g_free);

  report_new_values (copy, new_values);
  for (int i = 0; i < EF_N; i++)
    {
      cols[2 + i].name = edit_fields[i];
      cols[2 + i].value = new_values[i];
    }
  if (!afs_row_insert (w, "reports", report_id, cols, G_N_ELEMENTS (cols),
                       _("saving the service report"), error))
    return FALSE;
  if (!save_parts (w, report_id, copy, &n_changed, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = g_steal_pointer (&report_id);
  return TRUE;
}

/**
 * afs_store_save_repair_report:
 * @self: a store
 * @report: the report; @report->case_id is required
 * @out_id: (out) (optional): the report's id
 * @error: return location for an %AFS_ERROR
 *
 * Saves the full repair report (DOMAIN.md 8), with its parts, in one
 * transaction; fields that did not change are not written. @report gets
 * the ids it lacked (the report's, new parts'), so saving it again
 * updates the same rows.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_save_repair_report (AfsStore               *self,
                              AfsRepairReport        *report,
                              char                  **out_id,
                              GError                **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  return afs_store_write_end (&w, afs_visit_save_report (&w, report, out_id, error), error);
}

/* ---- The draft ------------------------------------------------------------------------ */

#define DRAFT_GROUP "report"

static void
key_file_set (GKeyFile   *kf,
              const char *group,
              const char *key,
              const char *value)
{
  if (value != NULL)
    g_key_file_set_string (kf, group, key, value);
}

static char *
draft_to_text (const AfsRepairReport *r)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  key_file_set (kf, DRAFT_GROUP, "id", r->id);
  key_file_set (kf, DRAFT_GROUP, "case_id", r->case_id);
  g_key_file_set_int64 (kf, DRAFT_GROUP, "report_version", r->report_version);
  g_key_file_set_boolean (kf, DRAFT_GROUP, "fault_confirmed", r->fault_confirmed);
  key_file_set (kf, DRAFT_GROUP, "fault_description", r->fault_description);
  key_file_set (kf, DRAFT_GROUP, "diagnosis", r->diagnosis);
  key_file_set (kf, DRAFT_GROUP, "cause", r->cause);
  key_file_set (kf, DRAFT_GROUP, "actions", r->actions);
  g_key_file_set_integer (kf, DRAFT_GROUP, "labour_minutes", r->labour_minutes);
  key_file_set (kf, DRAFT_GROUP, "test_result", r->test_result);
  key_file_set (kf, DRAFT_GROUP, "outcome", r->outcome);
  g_key_file_set_integer (kf, DRAFT_GROUP, "remedy", r->remedy);
  key_file_set (kf, DRAFT_GROUP, "remedy_item", r->remedy_item);
  key_file_set (kf, DRAFT_GROUP, "remedy_spec", r->remedy_spec);
  g_key_file_set_double (kf, DRAFT_GROUP, "remedy_quantity", r->remedy_quantity);
  key_file_set (kf, DRAFT_GROUP, "remedy_reason", r->remedy_reason);
  key_file_set (kf, DRAFT_GROUP, "advice", r->advice);

  for (guint i = 0; r->parts != NULL && i < r->parts->len; i++)
    {
      const AfsReportPart *p = r->parts->pdata[i];
      g_autofree char *group = g_strdup_printf ("part %04u", i);

      key_file_set (kf, group, "id", p->id);
      key_file_set (kf, group, "catalogue_id", p->catalogue_id);
      key_file_set (kf, group, "part_number", p->part_number);
      key_file_set (kf, group, "name", p->name != NULL ? p->name : "");
      g_key_file_set_double (kf, group, "quantity", p->quantity);
      g_key_file_set_boolean (kf, group, "under_warranty", p->under_warranty);
      g_key_file_set_double (kf, group, "unit_price", p->unit_price);
    }
  return g_key_file_to_data (kf, NULL, NULL);
}

static char *
key_file_get (GKeyFile   *kf,
              const char *group,
              const char *key)
{
  return g_key_file_get_string (kf, group, key, NULL);
}

static gboolean
draft_from_text (const char       *text,
                 AfsRepairReport  *r,
                 GError          **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_auto(GStrv) groups = NULL;

  afs_repair_report_init (r);
  if (!g_key_file_load_from_data (kf, text, -1, G_KEY_FILE_NONE, NULL) ||
      !g_key_file_has_group (kf, DRAFT_GROUP))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_CORRUPT,
                           _("The saved draft of this report is damaged. Discard it and type the report again."));
      return FALSE;
    }

  r->id = key_file_get (kf, DRAFT_GROUP, "id");
  r->case_id = key_file_get (kf, DRAFT_GROUP, "case_id");
  r->report_version = g_key_file_get_int64 (kf, DRAFT_GROUP, "report_version", NULL);
  r->fault_confirmed = g_key_file_get_boolean (kf, DRAFT_GROUP, "fault_confirmed", NULL);
  r->fault_description = key_file_get (kf, DRAFT_GROUP, "fault_description");
  r->diagnosis = key_file_get (kf, DRAFT_GROUP, "diagnosis");
  r->cause = key_file_get (kf, DRAFT_GROUP, "cause");
  r->actions = key_file_get (kf, DRAFT_GROUP, "actions");
  r->labour_minutes = g_key_file_get_integer (kf, DRAFT_GROUP, "labour_minutes", NULL);
  r->test_result = key_file_get (kf, DRAFT_GROUP, "test_result");
  r->outcome = key_file_get (kf, DRAFT_GROUP, "outcome");
  r->remedy = g_key_file_get_integer (kf, DRAFT_GROUP, "remedy", NULL);
  r->remedy_item = key_file_get (kf, DRAFT_GROUP, "remedy_item");
  r->remedy_spec = key_file_get (kf, DRAFT_GROUP, "remedy_spec");
  r->remedy_quantity = g_key_file_get_double (kf, DRAFT_GROUP, "remedy_quantity", NULL);
  r->remedy_reason = key_file_get (kf, DRAFT_GROUP, "remedy_reason");
  r->advice = key_file_get (kf, DRAFT_GROUP, "advice");

  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      AfsReportPart *p;

      if (!g_str_has_prefix (groups[i], "part "))
        continue;
      p = afs_report_part_new ();
      p->id = key_file_get (kf, groups[i], "id");
      p->catalogue_id = key_file_get (kf, groups[i], "catalogue_id");
      p->part_number = key_file_get (kf, groups[i], "part_number");
      p->name = key_file_get (kf, groups[i], "name");
      p->quantity = g_key_file_get_double (kf, groups[i], "quantity", NULL);
      p->under_warranty = g_key_file_get_boolean (kf, groups[i], "under_warranty", NULL);
      p->unit_price = g_key_file_get_double (kf, groups[i], "unit_price", NULL);
      g_ptr_array_add (r->parts, p);
    }
  return TRUE;
}

static gboolean
current_report_is_signed (AfsDb       *db,
                          const char  *case_id,
                          gboolean    *is_signed,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *is_signed = FALSE;
  stmt = afs_db_prepare (db,
                         "SELECT signed_at IS NOT NULL FROM reports"
                         " WHERE case_id = ?1 AND deleted_at IS NULL"
                         " ORDER BY report_version DESC LIMIT 1",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *is_signed = sqlite3_column_int (stmt, 0) != 0;
  else if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, _("reading the service report"), error);
  afs_db_stmt_release (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
save_draft (AfsWrite               *w,
            const AfsRepairReport  *r,
            GError                **error)
{
  g_autofree char *body = NULL;
  gboolean is_signed;
  sqlite3_stmt *stmt;

  if (!current_report_is_signed (w->db, r->case_id, &is_signed, error))
    return FALSE;
  if (is_signed && r->id != NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                           _("This service report is signed and can no longer be changed. "
                             "To change it, start a new version; it needs new signatures."));
      return FALSE;
    }

  body = draft_to_text (r);
  stmt = afs_db_prepare (w->db,
                         "INSERT OR REPLACE INTO report_drafts (case_id, body, saved_at)"
                         " VALUES (?1, ?2, ?3)",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, r->case_id);
  afs_db_bind_text (stmt, 2, body);
  sqlite3_bind_int64 (stmt, 3, w->now);
  return afs_db_step_done (w->db, stmt, _("saving the draft of the report"), error);
}

/**
 * afs_store_save_report_draft:
 * @self: a store
 * @report: the report as typed so far; @report->case_id is required
 * @error: return location for an %AFS_ERROR
 *
 * Keeps what the technician typed, cheaply enough to call every second:
 * one row in a local table (no audit, no outbox), its own transaction,
 * committed with synchronous=FULL so a power cut does not lose it.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_save_report_draft (AfsStore               *self,
                             AfsRepairReport        *report,
                             GError                **error)
{
  AfsWrite w;
  gboolean outermost, ok;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (report->case_id == NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A service report belongs to a case. Open the case first."));
      return FALSE;
    }

  for (guint i = 0; report->parts != NULL && i < report->parts->len; i++)
    {
      AfsReportPart *p = report->parts->pdata[i];

      if (p->id == NULL)
        p->id = afs_uuid7_new ();
    }

  afs_db_lock (self->wdb);
  outermost = afs_db_get_depth (self->wdb) == 0;
  if (outermost && !afs_db_exec (self->wdb, "PRAGMA synchronous = FULL;", error))
    {
      afs_db_unlock (self->wdb);
      return FALSE;
    }

  ok = afs_store_write_begin (self, &w, error);
  if (ok)
    ok = afs_store_write_end (&w, save_draft (&w, report, error), error);

  if (outermost)
    afs_db_exec (self->wdb, "PRAGMA synchronous = NORMAL;", NULL);
  afs_db_unlock (self->wdb);
  return ok;
}

static gboolean
read_draft (AfsDb            *db,
            const char       *case_id,
            AfsRepairReport  *out,
            gboolean         *found,
            GError          **error)
{
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt;
  int rc;

  *found = FALSE;
  stmt = afs_db_prepare (db, "SELECT body FROM report_drafts WHERE case_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    body = afs_db_column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    afs_db_set_error (db, rc, _("reading the draft of the report"), error);
  afs_db_stmt_release (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return FALSE;

  if (!draft_from_text (body, out, error))
    return FALSE;
  g_free (out->case_id);
  out->case_id = g_strdup (case_id);
  *found = TRUE;
  return TRUE;
}

gboolean
afs_store_get_report_draft (AfsStore         *self,
                            const char       *case_id,
                            AfsRepairReport  *out,
                            gboolean         *found,
                            GError          **error)
{
  AfsDb *db;
  gboolean ok;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL && out != NULL && found != NULL, FALSE);

  memset (out, 0, sizeof *out);
  db = afs_store_lock_reader (self);
  ok = read_draft (db, case_id, out, found, error);
  afs_store_unlock_reader (self, db);
  if (!*found)
    {
      afs_repair_report_clear (out);
      memset (out, 0, sizeof *out);
    }
  return ok;
}

/**
 * afs_store_load_report_for_editing:
 * @self: a store
 * @case_id: the case
 * @out: (out caller-allocates): the draft, else the current report, else
 *   an empty report of the case; clear with afs_repair_report_clear()
 * @error: return location for an %AFS_ERROR
 *
 * What the report screen opens with: closing the window mid-report
 * keeps the draft, and this brings it back.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_load_report_for_editing (AfsStore         *self,
                                   const char       *case_id,
                                   AfsRepairReport  *out,
                                   GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL && out != NULL, FALSE);

  if (!afs_store_get_report_draft (self, case_id, out, &found, error))
    return FALSE;
  if (found)
    return TRUE;

  if (afs_store_get_repair_report (self, case_id, out, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, AFS_ERROR, AFS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  afs_repair_report_clear (out);
  afs_repair_report_init (out);
  out->case_id = g_strdup (case_id);
  out->report_version = 1;
  return TRUE;
}

gboolean
afs_visit_delete_draft (AfsWrite    *w,
              const char  *case_id,
              GError     **error)
{
  sqlite3_stmt *stmt = afs_db_prepare (w->db, "DELETE FROM report_drafts WHERE case_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, case_id);
  return afs_db_step_done (w->db, stmt, _("removing the draft of the report"), error);
}

gboolean
afs_visit_commit_draft (AfsWrite    *w,
                        const char  *case_id,
                        GError     **error)
{
  AfsRepairReport draft = { 0, };
  gboolean found = FALSE;
  gboolean ok;

  if (!read_draft (w->db, case_id, &draft, &found, error))
    {
      afs_repair_report_clear (&draft);
      return FALSE;
    }
  if (!found)
    return TRUE;

  ok = afs_visit_save_report (w, &draft, NULL, error) && afs_visit_delete_draft (w, case_id, error);
  afs_repair_report_clear (&draft);
  return ok;
}

/**
 * afs_store_commit_report_draft:
 * @self: a store
 * @case_id: the case
 * @error: return location for an %AFS_ERROR
 *
 * Saves the draft into the report (with its audit event and outbox row)
 * and drops it, in one transaction: when the technician leaves a field,
 * closes the report or signs. A draft that cannot be saved (a part
 * without a name…) stays, and the error says why.
 *
 * Returns: %TRUE on success (also when there was no draft)
 */
gboolean
afs_store_commit_report_draft (AfsStore    *self,
                               const char  *case_id,
                               GError     **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  return afs_store_write_end (&w, afs_visit_commit_draft (&w, case_id, error), error);
}

gboolean
afs_store_discard_report_draft (AfsStore    *self,
                                const char  *case_id,
                                GError     **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  return afs_store_write_end (&w, afs_visit_delete_draft (&w, case_id, error), error);
}

/* ---- The fingerprint of reports signed by afs_store_save_report() ---------------- */

/* A fingerprint of what the customer signed: a later change to the row
 * (a bug, a bad sync, a hand edit) shows as a mismatch. */
char *
afs_store_report_legacy_hash (const char          *case_id,
                              gint64               report_version,
                              const AfsReportData *r,
                              gint64               signed_at)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *numbers = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT "\x1f%d",
                                              report_version, signed_at, r->accepted ? 1 : 0);
  const char *parts[] = { case_id, r->diagnosis, r->actions, r->outcome, r->customer_opinion,
                          r->signer_name, numbers };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] != NULL)
        g_checksum_update (checksum, (const guchar *) parts[i], -1);
      g_checksum_update (checksum, (const guchar *) "\x1e", 1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

char *
afs_visit_sha256_text (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text != NULL ? text : "", -1);
}
