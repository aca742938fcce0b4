/* afs-store-visit-impl.h: what afs-store-visits.c, afs-store-report.c
 * and afs-store-signoff.c share (and the two hooks afs-store-cases.c
 * calls). Only afs-store-*.c files include it.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-store-rows.h"
#include "afs-store-visit.h"

G_BEGIN_DECLS

/* The case @case_id as a write sees it: exists (AFS_ERROR_NOT_FOUND),
 * is open (AFS_ERROR_FORBIDDEN), and a technician acting is assigned to
 * it (AFS_ERROR_FORBIDDEN). @state, @local_id (optional): out. */
gboolean afs_visit_check_case (AfsWrite      *w,
                               const char    *case_id,
                               AfsCaseState  *state,
                               gint64        *local_id,
                               GError       **error);

/* Called by the ARRIVE action (afs-store-cases.c): fills in the arrival
 * time of @staff_id's visit opened by afs_store_start_travel(), or opens
 * a visit that starts with the arrival. */
gboolean afs_store_visit_record_arrival (AfsWrite    *w,
                                         const char  *case_id,
                                         const char  *staff_id,
                                         GError     **error);

/* The fingerprint of a report signed through afs_store_save_report()
 * (before the full sign-off existed): kept so those reports can still
 * be verified. */
char    *afs_store_report_legacy_hash (const char          *case_id,
                                       gint64               report_version,
                                       const AfsReportData *r,
                                       gint64               signed_at);

/* Reads a report (its parts and ratings too) on @db: @report_version 0
 * is the current one. *found FALSE when there is none. */
gboolean afs_visit_read_report (AfsDb            *db,
                                const char       *case_id,
                                gint64            report_version,
                                AfsRepairReport  *out,
                                gboolean         *found,
                                GError          **error);

/* The body of afs_store_save_repair_report() inside a write. */
gboolean afs_visit_save_report (AfsWrite               *w,
                                AfsRepairReport        *report,
                                char                  **out_id,
                                GError                **error);

/* Inserts @report's content and parts as a new row, version
 * @report_version (new ids). */
gboolean afs_visit_insert_report (AfsWrite               *w,
                                  const AfsRepairReport  *report,
                                  gint64                  report_version,
                                  char                  **out_id,
                                  GError                **error);

/* Drops the case's draft. */
gboolean afs_visit_delete_draft (AfsWrite    *w,
                                 const char  *case_id,
                                 GError     **error);

/* The body of afs_store_commit_report_draft() inside a write. */
gboolean afs_visit_commit_draft (AfsWrite    *w,
                                 const char  *case_id,
                                 GError     **error);

/* SHA-256 as 64 hex digits. */
char    *afs_visit_sha256_text (const char *text);

G_END_DECLS
