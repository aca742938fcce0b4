/* afs-report-pdf.h: the service report laid out as A4 pages.
 *
 * Issue 4, "PDF service report (cairo + Pango)": company header, case,
 * customer, equipment, the report, parts, photos, both signatures, the
 * hash with a short verification code, page numbers. The layout is made
 * once (AfsReportLayout) and can then draw any page on any cairo_t at any
 * size: a PDF surface for "Save as PDF", the cairo_t of
 * GtkPrintOperation::draw-page for printing, an image surface for a
 * preview.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "afs-report-document.h"

G_BEGIN_DECLS

/* A4 in PostScript points (1/72 inch). */
#define AFS_REPORT_PAGE_WIDTH  595.2756
#define AFS_REPORT_PAGE_HEIGHT 841.8898

/* The fonts the report asks for; fontconfig falls back per character, so
 * Latin text uses DejaVu and Chinese WenQuanYi Micro Hei. */
#define AFS_REPORT_FONT_FAMILY "DejaVu Sans, WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif"

#define AFS_TYPE_REPORT_LAYOUT (afs_report_layout_get_type ())
G_DECLARE_FINAL_TYPE (AfsReportLayout, afs_report_layout, AFS, REPORT_LAYOUT, GObject)

AfsReportLayout *afs_report_layout_new          (const AfsReportDocument *doc);
guint            afs_report_layout_get_n_pages  (AfsReportLayout         *self);
const AfsReportDocument *
                 afs_report_layout_get_document (AfsReportLayout         *self);
void             afs_report_layout_draw_page    (AfsReportLayout         *self,
                                                 cairo_t                 *cr,
                                                 guint                    page,
                                                 double                   width,
                                                 double                   height);

gboolean         afs_report_pdf_write           (const AfsReportDocument *doc,
                                                 GFile                   *file,
                                                 guint                   *n_pages,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
void             afs_report_pdf_write_async     (const AfsReportDocument *doc,
                                                 GFile                   *file,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
gboolean         afs_report_pdf_write_finish    (GAsyncResult            *result,
                                                 guint                   *n_pages,
                                                 GError                 **error);

G_END_DECLS
