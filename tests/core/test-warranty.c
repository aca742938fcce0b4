/* test-warranty.c: scope and warranty (DOMAIN.md 2) and the date checks
 * of the intake form.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-error.h"
#include "afs-warranty.h"

static void
set_date (GDate      *date,
          const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (afs_date_parse (text, "date", date, &error));
  g_assert_no_error (error);
  g_assert_true (g_date_valid (date));
}

static AfsWarrantyStatus
status_on (const AfsEquipmentData *eq,
           const char             *day,
           guint                   months,
           char                  **last_day)
{
  AfsWarrantyResult result;
  AfsWarrantyStatus status;
  GDate on;

  set_date (&on, day);
  afs_warranty_evaluate (eq, &on, months, &result);
  status = result.status;
  g_assert_nonnull (result.consequence);
  if (last_day != NULL)
    *last_day = g_strdup (result.last_day_text);
  afs_warranty_result_clear (&result);

  return status;
}

static void
assert_last_day (const char *start,
                 guint       months,
                 const char *expected)
{
  g_autofree char *text = NULL;
  GDate s, last;

  set_date (&s, start);
  afs_warranty_last_day (&s, months, &last);
  text = afs_date_to_string (&last);
  g_assert_cmpstr (text, ==, expected);
}

/* The last day in, the first day out, from the purchase date. */
static void
test_boundaries (void)
{
  AfsEquipmentData eq = { 0, };
  g_autofree char *last = NULL;

  eq.purchase_date = (char *) "2024-03-15";

  g_assert_cmpint (status_on (&eq, "2024-03-15", 12, &last), ==, AFS_WARRANTY_IN);
  g_assert_cmpstr (last, ==, "2025-03-14");
  g_assert_cmpint (status_on (&eq, "2025-03-14", 12, NULL), ==, AFS_WARRANTY_IN);
  g_assert_cmpint (status_on (&eq, "2025-03-15", 12, NULL), ==, AFS_WARRANTY_OUT);
  g_assert_cmpint (status_on (&eq, "2026-01-01", 12, NULL), ==, AFS_WARRANTY_OUT);

  /* 0 months means the default (12), from the manuals' "warranty period". */
  g_assert_cmpint (AFS_WARRANTY_MONTHS_DEFAULT, ==, 12);
  g_assert_cmpint (status_on (&eq, "2025-03-14", 0, NULL), ==, AFS_WARRANTY_IN);
  g_assert_cmpint (status_on (&eq, "2025-03-15", 0, NULL), ==, AFS_WARRANTY_OUT);

  /* The setting changes the period: 24 months. */
  g_assert_cmpint (status_on (&eq, "2026-03-14", 24, NULL), ==, AFS_WARRANTY_IN);
  g_assert_cmpint (status_on (&eq, "2026-03-15", 24, NULL), ==, AFS_WARRANTY_OUT);
}

/* Leap days and short months. */
static void
test_leap_days (void)
{
  AfsEquipmentData eq = { 0, };

  assert_last_day ("2024-02-29", 12, "2025-02-28");
  assert_last_day ("2024-02-29", 48, "2028-02-28");
  assert_last_day ("2023-03-01", 12, "2024-02-29");
  assert_last_day ("2025-01-31", 1, "2025-02-28");
  assert_last_day ("2024-01-31", 1, "2024-02-29");
  assert_last_day ("2025-12-31", 12, "2026-12-30");
  assert_last_day ("2025-08-31", 6, "2026-02-28");

  eq.purchase_date = (char *) "2024-02-29";
  g_assert_cmpint (status_on (&eq, "2025-02-28", 12, NULL), ==, AFS_WARRANTY_IN);
  g_assert_cmpint (status_on (&eq, "2025-03-01", 12, NULL), ==, AFS_WARRANTY_OUT);

  /* Bought on 1 March 2023: the covered year includes 29 February 2024. */
  eq.purchase_date = (char *) "2023-03-01";
  g_assert_cmpint (status_on (&eq, "2024-02-29", 12, NULL), ==, AFS_WARRANTY_IN);
  g_assert_cmpint (status_on (&eq, "2024-03-01", 12, NULL), ==, AFS_WARRANTY_OUT);
}

/* Which date the period runs from, and what is said when none is known. */
static void
test_basis (void)
{
  AfsEquipmentData eq = { 0, };
  AfsWarrantyResult result;
  GDate on;

  set_date (&on, "2025-06-01");

  /* Nothing known: unknown, and the sentence says what to ask for. */
  afs_warranty_evaluate (&eq, &on, 12, &result);
  g_assert_cmpint (result.status, ==, AFS_WARRANTY_UNKNOWN);
  g_assert_cmpint (result.basis, ==, AFS_WARRANTY_BASIS_NONE);
  g_assert_null (result.last_day_text);
  g_assert_nonnull (strstr (result.consequence, "invoice"));
  afs_warranty_result_clear (&result);

  /* A date that is not a date counts as missing. */
  eq.purchase_date = (char *) "1.6.2024";
  afs_warranty_evaluate (&eq, &on, 12, &result);
  g_assert_cmpint (result.status, ==, AFS_WARRANTY_UNKNOWN);
  afs_warranty_result_clear (&result);

  /* Purchase only: out on 2025-06-01 (covered to 2025-05-31). */
  eq.purchase_date = (char *) "2024-06-01";
  afs_warranty_evaluate (&eq, &on, 12, &result);
  g_assert_cmpint (result.basis, ==, AFS_WARRANTY_BASIS_PURCHASE);
  g_assert_cmpint (result.status, ==, AFS_WARRANTY_OUT);
  g_assert_cmpstr (result.consequence, ==,
                   "The warranty ended on 2025-05-31: the work is chargeable; send the customer a quote first.");
  afs_warranty_result_clear (&result);

  /* Installed later than bought: the period runs from installation
   * (004 §4.6, "put into operation"). */
  eq.installation_date = (char *) "2024-07-10";
  afs_warranty_evaluate (&eq, &on, 12, &result);
  g_assert_cmpint (result.basis, ==, AFS_WARRANTY_BASIS_INSTALLATION);
  g_assert_cmpint (result.status, ==, AFS_WARRANTY_IN);
  g_assert_cmpstr (result.last_day_text, ==, "2025-07-09");
  g_assert_cmpstr (result.consequence, ==,
                   "Within warranty until 2025-07-09: repair, return or replacement free of charge.");
  afs_warranty_result_clear (&result);

  /* A stored warranty end (a contract) wins, and is itself the last day. */
  eq.warranty_end = (char *) "2025-05-31";
  afs_warranty_evaluate (&eq, &on, 12, &result);
  g_assert_cmpint (result.basis, ==, AFS_WARRANTY_BASIS_WARRANTY_END);
  g_assert_cmpint (result.status, ==, AFS_WARRANTY_OUT);
  afs_warranty_result_clear (&result);
  set_date (&on, "2025-05-31");
  afs_warranty_evaluate (&eq, &on, 12, &result);
  g_assert_cmpint (result.status, ==, AFS_WARRANTY_IN);
  afs_warranty_result_clear (&result);
}

/* The reported date is the local day: 23:30 in Warsaw on the last day is
 * still in, although it is the next day nowhere near. */
static void
test_reported_local_day (void)
{
  g_autoptr(GTimeZone) warsaw = g_time_zone_new_identifier ("Europe/Warsaw");
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) late = NULL;
  AfsEquipmentData eq = { 0, };
  AfsWarrantyResult result;

  g_assert_nonnull (warsaw);
  g_assert_nonnull (shanghai);
  eq.purchase_date = (char *) "2024-03-15";
  late = g_date_time_new (warsaw, 2025, 3, 14, 23, 30, 0);

  afs_warranty_evaluate_at (&eq, g_date_time_to_unix (late), warsaw, 12, &result);
  g_assert_cmpint (result.status, ==, AFS_WARRANTY_IN);
  afs_warranty_result_clear (&result);

  /* The same instant is already 15 March in Shanghai: out there. */
  afs_warranty_evaluate_at (&eq, g_date_time_to_unix (late), shanghai, 12, &result);
  g_assert_cmpint (result.status, ==, AFS_WARRANTY_OUT);
  afs_warranty_result_clear (&result);
}

static void
test_date_parse (void)
{
  const char *bad[] = { "2024-2-3", "3.2.2024", "2024-02-30", "2023-02-29", "abcd-ef-gh",
                        "2024-13-01", "1899-12-31", "2024-02-03 ", "2024/02/03" };
  g_autoptr(GError) error = NULL;
  GDate date;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (afs_date_parse (bad[i], "purchase date", &date, &error));
      g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
      g_assert_nonnull (strstr (error->message, bad[i]));
      g_clear_error (&error);
    }

  g_assert_true (afs_date_parse ("2024-02-29", "purchase date", &date, &error));
  g_assert_true (g_date_valid (&date));
  g_assert_true (afs_date_parse (NULL, "purchase date", &date, &error));
  g_assert_false (g_date_valid (&date));
  g_assert_true (afs_date_parse ("", "purchase date", &date, &error));
  g_assert_false (g_date_valid (&date));
  g_assert_no_error (error);
}

static void
assert_check_fails (const AfsEquipmentData *eq,
                    const GDate            *today,
                    const GDate            *intake,
                    const char             *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (afs_equipment_check_dates (eq, today, intake, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

/* What the intake form says while the dates are typed. */
static void
test_check_dates (void)
{
  AfsEquipmentData eq = { 0, };
  g_autoptr(GError) error = NULL;
  GDate today, intake;

  set_date (&today, "2026-03-10");
  set_date (&intake, "2026-03-01");

  g_assert_true (afs_equipment_check_dates (&eq, &today, &intake, &error));

  eq.purchase_date = (char *) "2026-03-11";
  assert_check_fails (&eq, &today, NULL,
                      "The purchase date 2026-03-11 is in the future. Check the date on the document.");

  /* Today is fine; but not after the day the case was reported. */
  eq.purchase_date = (char *) "2026-03-10";
  g_assert_true (afs_equipment_check_dates (&eq, &today, NULL, &error));
  assert_check_fails (&eq, &today, &intake,
                      "The purchase date 2026-03-10 is after the day the case was reported "
                      "(2026-03-01). Check the date on the invoice.");
  eq.purchase_date = (char *) "2026-03-01";
  g_assert_true (afs_equipment_check_dates (&eq, &today, &intake, &error));

  eq.production_date = (char *) "2026-03-02";
  assert_check_fails (&eq, &today, &intake,
                      "The purchase date is before the production date. Check both dates.");
  eq.production_date = (char *) "2025-12-01";

  eq.installation_date = (char *) "2026-02-01";
  assert_check_fails (&eq, &today, &intake,
                      "The installation date is before the purchase date. Check both dates.");
  eq.installation_date = NULL;

  eq.warranty_end = (char *) "2026-02-28";
  assert_check_fails (&eq, &today, &intake,
                      "The warranty ends before the purchase date. Check both dates.");
  eq.warranty_end = (char *) "2027-02-28";   /* a warranty end may be in the future */
  g_assert_true (afs_equipment_check_dates (&eq, &today, &intake, &error));

  eq.production_date = (char *) "2025-13-01";
  assert_check_fails (&eq, &today, &intake,
                      "The production date “2025-13-01” is not a date. Write it as YYYY-MM-DD, "
                      "for example 2024-03-15.");
  g_assert_no_error (error);
}

static void
test_unix_dates (void)
{
  g_autoptr(GTimeZone) madrid = g_time_zone_new_identifier ("Europe/Madrid");
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autofree char *text = NULL;
  GDate date, back;
  gint64 noon;

  set_date (&date, "2026-03-29");   /* the day Madrid moves its clocks */
  noon = afs_date_to_unix_noon (&date, madrid);
  afs_date_from_unix (noon, madrid, &back);
  g_assert_cmpint (g_date_compare (&date, &back), ==, 0);
  /* Noon in Madrid is the same day in Shanghai too (19:00 or 18:00). */
  afs_date_from_unix (noon, shanghai, &back);
  text = afs_date_to_string (&back);
  g_assert_cmpstr (text, ==, "2026-03-29");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/warranty/boundaries", test_boundaries);
  g_test_add_func ("/warranty/leap-days", test_leap_days);
  g_test_add_func ("/warranty/basis", test_basis);
  g_test_add_func ("/warranty/reported-local-day", test_reported_local_day);
  g_test_add_func ("/warranty/date-parse", test_date_parse);
  g_test_add_func ("/warranty/check-dates", test_check_dates);
  g_test_add_func ("/warranty/unix-dates", test_unix_dates);

  return g_test_run ();
}
