/* afs-warranty.h: scope and warranty (DOMAIN.md 2), and the date checks
 * of the intake form.
 *
 * DOMAIN.md 2: "within the warranty period ("three guarantees": repair,
 * return, replacement, plus compensation) or chargeable (quote first)."
 * 002: "对保修期内 ... 无偿为用户维修或更换相应零配件"; "对保修期外的产品,
 * 通过销售中心报价". The manuals name the warranty period (保修期, the
 * "Three Guarantees" period of 004 §4.6) but give no length: the default is
 * AFS_WARRANTY_MONTHS_DEFAULT (12) months, a setting (GSettings key
 * "warranty-months").
 *
 * Dates are "YYYY-MM-DD" strings (as stored) or GDate. Every check returns
 * a translated GError (AFS_ERROR_INVALID) that says what is wrong and
 * what to do, so the form can show it while the person types.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "afs-enums.h"
#include "afs-records.h"

G_BEGIN_DECLS

#define AFS_WARRANTY_MONTHS_DEFAULT 12
#define AFS_WARRANTY_MONTHS_MAX     240

/* Where the warranty period was taken from, in this order of precedence:
 * a stored warranty end (a contract may say so), else the installation
 * date (004 §4.6: "before and after the product is put into operation"),
 * else the purchase date. */
typedef enum {
  AFS_WARRANTY_BASIS_NONE,          /* no date known: status unknown */
  AFS_WARRANTY_BASIS_WARRANTY_END,
  AFS_WARRANTY_BASIS_INSTALLATION,
  AFS_WARRANTY_BASIS_PURCHASE,
} AfsWarrantyBasis;

typedef struct {
  AfsWarrantyStatus status;     /* in / out / unknown on the reported date */
  AfsWarrantyBasis  basis;
  GDate             last_day;   /* the last day covered (invalid when unknown) */
  char             *last_day_text;  /* "YYYY-MM-DD" or NULL */
  /* The consequence, one translated sentence for the person at the desk:
   *  in:      "Within warranty until 2027-03-14: repair, return or
   *            replacement free of charge."
   *  out:     "Warranty ended on 2026-03-14: the work is chargeable;
   *            send the customer a quote first."
   *  unknown: "No purchase, installation or warranty end date: …" */
  char             *consequence;
} AfsWarrantyResult;

void      afs_warranty_result_clear (AfsWarrantyResult *result);

/* The last day covered when the period of @months starts on @start: the
 * day before the same date @months later; when that date does not exist
 * (31 Jan + 1 month, 29 Feb + 12 months) the last day of that month.
 * 2024-03-15 + 12 → 2025-03-14; 2024-02-29 + 12 → 2025-02-28. */
void      afs_warranty_last_day     (const GDate *start,
                                     guint        months,
                                     GDate       *out_last_day);

/* Whether @equipment is within warranty on @on (the reported date, local).
 * The last day is in; the day after is out. @months: the setting (0 means
 * the default). Never fails: missing dates give AFS_WARRANTY_UNKNOWN with a
 * sentence saying which date to ask for. Unparseable dates count as
 * missing (validate them with afs_equipment_check_dates()). */
void      afs_warranty_evaluate     (const AfsEquipmentData *equipment,
                                     const GDate            *on,
                                     guint                   months,
                                     AfsWarrantyResult      *out);

/* The same on the local date of @reported_at (unix seconds) in @tz
 * (NULL = local time zone). */
void      afs_warranty_evaluate_at  (const AfsEquipmentData *equipment,
                                     gint64                  reported_at,
                                     GTimeZone              *tz,
                                     guint                   months,
                                     AfsWarrantyResult      *out);

/* ---- Dates ----------------------------------------------------------------- */

/* Parse "YYYY-MM-DD" exactly (a real day, year ≥ 1900). NULL or "" is
 * "no date": returns TRUE with @out cleared (g_date_valid() FALSE). On a bad
 * format: "The purchase date “3.2.2024” is not a date. Write it as
 * YYYY-MM-DD, for example 2024-03-15." @what names the field, translated
 * and lowercase ("purchase date"). */
gboolean  afs_date_parse            (const char  *text,
                                     const char  *what,
                                     GDate       *out,
                                     GError     **error);
/* "YYYY-MM-DD" of @date (newly allocated), or NULL when invalid. */
char     *afs_date_to_string        (const GDate *date);
/* The local date of @unix_time in @tz (NULL = local). */
void      afs_date_from_unix        (gint64       unix_time,
                                     GTimeZone   *tz,
                                     GDate       *out);
/* Noon of @date in @tz (NULL = local), as unix seconds: the instant stored
 * for a date-only field (a shipment date), far from midnight so every
 * time zone of the same day reads it back as that day. */
gint64    afs_date_to_unix_noon     (const GDate *date,
                                     GTimeZone   *tz);

/* Refuses a date after @today: "The purchase date 2027-01-02 is in the
 * future. Check the date on the invoice." (@what as above). */
gboolean  afs_date_check_not_future (const GDate *date,
                                     const GDate *today,
                                     const char  *what,
                                     GError     **error);

/* All the dates of a piece of equipment, as the intake form checks them
 * while they are typed: each is YYYY-MM-DD or empty; production and
 * purchase not after @today; production ≤ purchase ≤ installation;
 * purchase ≤ warranty end; and, when @intake_day is valid, purchase not
 * after the day the case was reported ("The purchase
 * date 2026-05-02 is after the day the case was reported (2026-05-01).
 * …"). The first problem found is reported. @today must be valid;
 * @intake_day may be NULL. */
gboolean  afs_equipment_check_dates (const AfsEquipmentData *equipment,
                                     const GDate            *today,
                                     const GDate            *intake_day,
                                     GError                **error);

G_END_DECLS
