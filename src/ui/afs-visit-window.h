/* afs-visit-window.h: the whole visit for one case, on site.
 *
 * DOMAIN.md 4, 8 and 9 in one window: the case, customer and address with
 * the visit's timestamps; the photo evidence with its checklist; the
 * repair report, saved as you type; the customer's and the technician's
 * sign-off, after which the report is read-only and the window shows
 * whether it is intact, with its short verification code; Save as PDF and
 * Print. Works with no network at all: everything is in the local store
 * and the photo folder beside it.
 *
 * Actions (group "visit"): start-travel, arrive, leave, import-photos
 * (Ctrl+O), take-photo (Ctrl+Shift+C), save-pdf (Ctrl+Shift+S),
 * print (Ctrl+P), sign, and show-page (Alt+1…4, a string: "overview",
 * "photos", "report", "signoff").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"
#include "afs-report-editor.h"
#include "afs-signoff-page.h"
#include "afs-visit-photos.h"

G_BEGIN_DECLS

#define AFS_TYPE_VISIT_WINDOW (afs_visit_window_get_type ())
G_DECLARE_FINAL_TYPE (AfsVisitWindow, afs_visit_window, AFS, VISIT_WINDOW, AdwWindow)

GtkWidget       *afs_visit_window_new             (GtkWindow      *parent,
                                                   AfsContext     *context,
                                                   const char     *case_id);
const char      *afs_visit_window_get_case_id     (AfsVisitWindow *self);
/* Load the case again (after something changed it). */
void             afs_visit_window_reload          (AfsVisitWindow *self);
/* TRUE once the case is on screen (or its error). */
gboolean         afs_visit_window_get_loaded      (AfsVisitWindow *self);
/* The case as last loaded (NULL before). */
AfsCaseState     afs_visit_window_get_case_state  (AfsVisitWindow *self);

AfsVisitPhotos  *afs_visit_window_get_photos      (AfsVisitWindow *self);
AfsReportEditor *afs_visit_window_get_report_editor (AfsVisitWindow *self);
AfsSignoffPage  *afs_visit_window_get_signoff     (AfsVisitWindow *self);
/* Show one of the pages: "overview", "photos", "report", "signoff". */
void             afs_visit_window_show_page       (AfsVisitWindow *self,
                                                   const char     *name);

/* Write the service report of this case as a PDF to @file (what
 * visit.save-pdf does once a file is chosen). */
void             afs_visit_window_save_pdf_async  (AfsVisitWindow      *self,
                                                   GFile               *file,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         afs_visit_window_save_pdf_finish (AfsVisitWindow  *self,
                                                   GAsyncResult    *result,
                                                   guint           *n_pages,
                                                   GError         **error);

/* Print the service report (what visit.print does). With @export_path,
 * the print job is written to that PDF file without a dialog (tests, and
 * "print to file" without asking). */
void             afs_visit_window_print           (AfsVisitWindow *self,
                                                   const char     *export_path);
/* Pages drawn by the last print job, once it finished (0 before). */
guint            afs_visit_window_get_printed_pages (AfsVisitWindow *self);

/* "New Report Version…" (visit.new-version): on a signed report, asks
 * (the signed version stays as it is; new signatures are needed) and on
 * "new-version" makes version + 1 with afs_store_new_report_version().
 * Returns the AdwMessageDialog (transfer none), or NULL when not signed. */
GtkWindow       *afs_visit_window_ask_new_version (AfsVisitWindow *self);
/* New versions made from this window (for tests). */
guint            afs_visit_window_get_n_new_versions (AfsVisitWindow *self);

G_END_DECLS
