/* afs-warranty.c: scope and warranty (DOMAIN.md 2), and date checks.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-error.h"
#include "afs-warranty.h"

/**
 * afs_warranty_result_clear:
 * @result: a result
 *
 * Frees the strings of @result and zeroes it.
 */
void
afs_warranty_result_clear (AfsWarrantyResult *result)
{
  g_return_if_fail (result != NULL);

  g_free (result->last_day_text);
  g_free (result->consequence);
  memset (result, 0, sizeof *result);
  g_date_clear (&result->last_day, 1);
}

/**
 * afs_warranty_last_day:
 * @start: the first day of the period
 * @months: its length
 * @out_last_day: (out caller-allocates): the last day covered
 *
 * See afs-warranty.h: the day before the same date @months later, or the
 * last day of that month when the date does not exist there.
 */
void
afs_warranty_last_day (const GDate *start,
                       guint        months,
                       GDate       *out_last_day)
{
  GDateDay day;
  GDate end;

  g_return_if_fail (start != NULL && g_date_valid (start));
  g_return_if_fail (out_last_day != NULL);

  day = g_date_get_day (start);
  end = *start;
  /* g_date_add_months() clamps 31 Jan + 1 to 28 Feb; the period then runs
   * to the end of February, not to the 27th. */
  g_date_add_months (&end, months);
  if (g_date_get_day (&end) < day)
    {
      *out_last_day = end;
      return;
    }

  g_date_subtract_days (&end, 1);
  *out_last_day = end;
}

static gboolean
parse_quiet (const char *text,
             GDate      *out)
{
  int y, m, d;

  g_date_clear (out, 1);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  if (y < 1900 || y > 9999 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

/**
 * afs_warranty_evaluate:
 * @equipment: the equipment (its dates)
 * @on: the day the case was reported
 * @months: the warranty period in months (0 = %AFS_WARRANTY_MONTHS_DEFAULT)
 * @out: (out caller-allocates): the status, its basis, the last day
 *   covered and the consequence; clear with afs_warranty_result_clear()
 *
 * DOMAIN.md 2: within the warranty period on the reported date, or
 * chargeable (quote first). The last day is in, the day after is out.
 */
void
afs_warranty_evaluate (const AfsEquipmentData *equipment,
                       const GDate            *on,
                       guint                   months,
                       AfsWarrantyResult      *out)
{
  GDate start;

  g_return_if_fail (equipment != NULL);
  g_return_if_fail (on != NULL && g_date_valid (on));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  g_date_clear (&out->last_day, 1);
  if (months == 0)
    months = AFS_WARRANTY_MONTHS_DEFAULT;
  months = MIN (months, AFS_WARRANTY_MONTHS_MAX);

  if (parse_quiet (equipment->warranty_end, &out->last_day))
    out->basis = AFS_WARRANTY_BASIS_WARRANTY_END;
  else if (parse_quiet (equipment->installation_date, &start))
    out->basis = AFS_WARRANTY_BASIS_INSTALLATION;
  else if (parse_quiet (equipment->purchase_date, &start))
    out->basis = AFS_WARRANTY_BASIS_PURCHASE;
  else
    out->basis = AFS_WARRANTY_BASIS_NONE;

  if (out->basis == AFS_WARRANTY_BASIS_INSTALLATION || out->basis == AFS_WARRANTY_BASIS_PURCHASE)
    afs_warranty_last_day (&start, months, &out->last_day);

  if (out->basis == AFS_WARRANTY_BASIS_NONE)
    {
      out->status = AFS_WARRANTY_UNKNOWN;
      out->consequence = g_strdup (_("No purchase, installation or warranty end date is known, so "
                                     "the warranty cannot be decided. Ask the customer for the "
                                     "invoice or the installation record."));
      return;
    }

  out->last_day_text = afs_date_to_string (&out->last_day);

  if (g_date_compare (on, &out->last_day) <= 0)
    {
      out->status = AFS_WARRANTY_IN;
      out->consequence = g_strdup_printf (_("Within warranty until %s: repair, return or "
                                            "replacement free of charge."),
                                          out->last_day_text);
    }
  else
    {
      out->status = AFS_WARRANTY_OUT;
      out->consequence = g_strdup_printf (_("The warranty ended on %s: the work is chargeable; "
                                            "send the customer a quote first."),
                                          out->last_day_text);
    }
}

/**
 * afs_warranty_evaluate_at:
 * @equipment: the equipment
 * @reported_at: when the case was reported (unix seconds)
 * @tz: (nullable): the time zone of the desk (%NULL = local)
 * @months: the warranty period in months (0 = default)
 * @out: (out caller-allocates): as afs_warranty_evaluate()
 */
void
afs_warranty_evaluate_at (const AfsEquipmentData *equipment,
                          gint64                  reported_at,
                          GTimeZone              *tz,
                          guint                   months,
                          AfsWarrantyResult      *out)
{
  GDate on;

  afs_date_from_unix (reported_at, tz, &on);
  afs_warranty_evaluate (equipment, &on, months, out);
}

/* ---- Dates ---------------------------------------------------------------------- */

/**
 * afs_date_parse:
 * @text: (nullable): "YYYY-MM-DD", or %NULL / "" for no date
 * @what: the field, translated and lowercase ("purchase date")
 * @out: (out caller-allocates): the date, or cleared when there is none
 * @error: return location for %AFS_ERROR_INVALID
 *
 * Returns: %TRUE when @text is a date or empty
 */
gboolean
afs_date_parse (const char  *text,
                const char  *what,
                GDate       *out,
                GError     **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  g_date_clear (out, 1);
  if (text == NULL || *text == '\0')
    return TRUE;

  if (!parse_quiet (text, out))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   /* Translators: the first %s is a field like "purchase date", the second the value */
                   _("The %s “%s” is not a date. Write it as YYYY-MM-DD, for example 2024-03-15."),
                   what, text);
      return FALSE;
    }

  return TRUE;
}

/**
 * afs_date_to_string:
 * @date: a date
 *
 * Returns: (transfer full) (nullable): "YYYY-MM-DD", or %NULL when @date
 *   is not valid
 */
char *
afs_date_to_string (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

/**
 * afs_date_from_unix:
 * @unix_time: unix seconds
 * @tz: (nullable): a time zone, %NULL for the local one
 * @out: (out caller-allocates): the day @unix_time falls on in @tz
 */
void
afs_date_from_unix (gint64      unix_time,
                    GTimeZone  *tz,
                    GDate      *out)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;

  g_return_if_fail (out != NULL);

  g_date_clear (out, 1);
  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc == NULL)
    return;
  dt = g_date_time_to_timezone (utc, tz);
  if (dt == NULL)
    return;

  g_date_set_dmy (out, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

/**
 * afs_date_to_unix_noon:
 * @date: a valid date
 * @tz: (nullable): a time zone, %NULL for the local one
 *
 * Returns: noon of @date in @tz, unix seconds
 */
gint64
afs_date_to_unix_noon (const GDate *date,
                       GTimeZone   *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  dt = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                        g_date_get_day (date), 12, 0, 0);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/**
 * afs_date_check_not_future:
 * @date: (nullable): a date; %NULL or invalid passes
 * @today: today
 * @what: the field, translated and lowercase
 * @error: return location for %AFS_ERROR_INVALID
 *
 * Returns: %TRUE unless @date is after @today
 */
gboolean
afs_date_check_not_future (const GDate  *date,
                           const GDate  *today,
                           const char   *what,
                           GError      **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (date == NULL || !g_date_valid (date) || g_date_compare (date, today) <= 0)
    return TRUE;

  text = afs_date_to_string (date);
  g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
               /* Translators: the first %s is a field like "purchase date", the second a date */
               _("The %s %s is in the future. Check the date on the document."),
               what, text);
  return FALSE;
}

static gboolean
check_order (const GDate  *earlier,
             const GDate  *later,
             const char   *message,
             GError      **error)
{
  if (g_date_valid (earlier) && g_date_valid (later) && g_date_compare (later, earlier) < 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID, message);
      return FALSE;
    }
  return TRUE;
}

/**
 * afs_equipment_check_dates:
 * @equipment: the equipment being typed in
 * @today: today (local)
 * @intake_day: (nullable): the day the case was reported, if a case is
 *   being registered
 * @error: return location for %AFS_ERROR_INVALID, the first problem
 *
 * Returns: %TRUE when the dates can be saved
 */
gboolean
afs_equipment_check_dates (const AfsEquipmentData *equipment,
                           const GDate            *today,
                           const GDate            *intake_day,
                           GError                **error)
{
  GDate production, purchase, installation, warranty_end;

  g_return_val_if_fail (equipment != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!afs_date_parse (equipment->production_date, _("production date"), &production, error) ||
      !afs_date_parse (equipment->purchase_date, _("purchase date"), &purchase, error) ||
      !afs_date_parse (equipment->installation_date, _("installation date"), &installation, error) ||
      !afs_date_parse (equipment->warranty_end, _("warranty end"), &warranty_end, error))
    return FALSE;

  if (!afs_date_check_not_future (&production, today, _("production date"), error) ||
      !afs_date_check_not_future (&purchase, today, _("purchase date"), error) ||
      !afs_date_check_not_future (&installation, today, _("installation date"), error))
    return FALSE;

  if (!check_order (&production, &purchase,
                    _("The purchase date is before the production date. Check both dates."), error) ||
      !check_order (&purchase, &installation,
                    _("The installation date is before the purchase date. Check both dates."), error) ||
      !check_order (&purchase, &warranty_end,
                    _("The warranty ends before the purchase date. Check both dates."), error))
    return FALSE;

  /* Bought after the problem was reported: one of the dates is wrong.
   * (Installed later is fine: a case can ask for the installation, and
   * 004 §4.6 covers faults "before and after the product is put into
   * operation".) */
  if (intake_day != NULL && g_date_valid (intake_day) &&
      g_date_valid (&purchase) && g_date_compare (&purchase, intake_day) > 0)
    {
      g_autofree char *date_text = afs_date_to_string (&purchase);
      g_autofree char *intake_text = afs_date_to_string (intake_day);

      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   /* Translators: %s: "purchase date", then two dates */
                   _("The %s %s is after the day the case was reported (%s). Check the "
                     "date on the invoice."),
                   _("purchase date"), date_text, intake_text);
      return FALSE;
    }

  return TRUE;
}
