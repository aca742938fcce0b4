/* afs-signature-render.h: draws a signature (AfsStrokes) with cairo.
 *
 * One drawing routine for the pad on screen, the PNG and the PDF, so the
 * customer sees on paper what they drew. The pen's width follows its
 * pressure; strokes are smoothed with quadratic curves through the
 * midpoints of the samples.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "afs-strokes.h"

G_BEGIN_DECLS

/**
 * AfsSignatureFit:
 * @AFS_SIGNATURE_FIT_PAD: the whole pad fits the rectangle; the ink stays
 *   where it was drawn (the pad on screen)
 * @AFS_SIGNATURE_FIT_INK: the ink alone fits the rectangle, with a small
 *   margin (the PDF, where empty pad space only wastes paper)
 */
typedef enum {
  AFS_SIGNATURE_FIT_PAD,
  AFS_SIGNATURE_FIT_INK,
} AfsSignatureFit;

void     afs_signature_render           (cairo_t          *cr,
                                         const AfsStrokes *strokes,
                                         double            x,
                                         double            y,
                                         double            width,
                                         double            height,
                                         AfsSignatureFit   fit);
void     afs_signature_get_transform    (const AfsStrokes *strokes,
                                         double            x,
                                         double            y,
                                         double            width,
                                         double            height,
                                         AfsSignatureFit   fit,
                                         double           *scale,
                                         double           *offset_x,
                                         double           *offset_y);
GBytes  *afs_signature_render_png_bytes (const AfsStrokes *strokes,
                                         int               width,
                                         int               height,
                                         GError          **error);
gboolean afs_signature_render_png_file  (const AfsStrokes *strokes,
                                         const char       *path,
                                         int               width,
                                         int               height,
                                         GError          **error);

G_END_DECLS
