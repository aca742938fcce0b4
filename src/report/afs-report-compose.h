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
 * Include this header before afs-report-pdf.h: the report layer and the
 * store each name a struct AfsReportPart; here the report layer's is
 * seen as AfsReportDocumentPart so both can be used in one file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#define AfsReportPart AfsReportDocumentPart
#include "afs-report-document.h"
#undef AfsReportPart

#include "afs-photo-folder.h"
#include "afs-store.h"

G_BEGIN_DECLS

/**
 * afs_report_compose:
 * @store: the case store
 * @folder: (nullable): the photo folder (NULL: no photos in the report)
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
                                              const char      *case_id,
                                              GCancellable    *cancellable,
                                              GError         **error);
void               afs_report_compose_async  (AfsStore            *store,
                                              AfsPhotoFolder      *folder,
                                              const char          *case_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
AfsReportDocument *afs_report_compose_finish (GAsyncResult  *result,
                                              GError       **error);

G_END_DECLS
