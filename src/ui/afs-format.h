/* afs-format.h: turning stored values into words and numbers for people
 * (local time, locale digits, enum keys into labels, audit events into
 * sentences). Shared by the list rows and the case page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-store.h"

G_BEGIN_DECLS

/* Unix seconds -> "3 Feb 2026, 14:05" in local time; "" for 0. */
char *afs_format_datetime  (gint64 unix_seconds);
/* "2026-02-03" -> "3 Feb 2026"; NULL/"" -> NULL; unparsable -> a copy. */
char *afs_format_date      (const char *iso_date);
/* 1234 -> "1,234" (the locale's grouping). */
char *afs_format_count     (guint n);
/* 1234.5 -> "1,234.50". */
char *afs_format_money     (double amount);
/* "1 234 cases" */
char *afs_format_case_count (guint n);
/* "L1" … "L4", or "—" for not graded. */
char *afs_format_severity_short (int severity);
/* The label of a case column as afs_store_update_case names it. */
const char *afs_format_field_label (const char *field);
/* A stored field value in words ("complaint" -> "Complaint"). */
char *afs_format_field_value (const char *field, const char *value);
/* One audit event in words: "State: New → Triaged — reason". */
char *afs_format_audit_event (const AfsAuditEvent *event);

/* TRUE when @iso_date (YYYY-MM-DD, the last day covered) is today or later. */
gboolean afs_format_date_not_past (const char *iso_date, gint64 now);

G_END_DECLS
