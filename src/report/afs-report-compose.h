/* afs-report-compose.h: the service report's content, gathered from the
 * store and the photo folder.
 *
 * DOMAIN.md 9: the printed report carries the case, the customer, the
 * equipment, the repair report with its parts, the photos (downscaled
 * copies, AFS_PHOTO_SIZE_REPORT), both signatures and the content hash
 * with its short verification code. This is the one place that turns
 * store records into an AfsReportDocument, so "Save as PDF" and "Print"
 * show the same thing.
 *
 * The company header (name, address, phone) comes from the caller
 * (the app's settings: company-name, company-address, company-phone), so
 * this layer reads no settings itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "afs-report-document.h"

#include "afs-photo-folder.h"
#include "afs-store.h"

G_BEGIN_DECLS

/* The header of the printed report. Empty or NULL fields: a name falls
 * back to "After-Sales Service", address and phone are left out. */
typedef struct {
  const char *name;
  const char *address;
  const char *phone;
} AfsReportCompany;

/**
 * afs_report_compose:
 * @store: the case store
 * @folder: (nullable): the photo folder (NULL: no photos in the report)
 * @company: (nullable): the company header (NULL: the default name only)
 * @case_id: the case whose current report is printed
 *
 * Blocking (SQLite reads and making the downscaled photo copies): call
 * it on a worker, or use afs_report_compose_async(). A case without a
 * report yet gives a document with the case, customer and equipment and
 * an empty report; a photo whose copy cannot be made is left out.
 *
 * Returns: (transfer full): the document, or NULL with @error set
 * (AFS_ERROR_NOT_FOUND for an unknown case).
 */
AfsReportDocument *afs_report_compose        (AfsStore        *store,
                                              AfsPhotoFolder  *folder,
                                              const AfsReportCompany *company,
                                              const char      *case_id,
                                              GCancellable    *cancellable,
                                              GError         **error);
void               afs_report_compose_async  (AfsStore            *store,
                                              AfsPhotoFolder      *folder,
                                              const AfsReportCompany *company,
                                              const char          *case_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
AfsReportDocument *afs_report_compose_finish (GAsyncResult  *result,
                                              GError       **error);

G_END_DECLS
