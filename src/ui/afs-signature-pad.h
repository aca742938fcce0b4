/* afs-signature-pad.h: where the customer and the technician sign.
 *
 * DOMAIN.md 9 (sign-off) and issue 4: "a signature pad (mouse, touch and
 * pen with pressure)". Draws with mouse, finger or pen; keeps the
 * signature as AfsStrokes (pad units are the widget's pixels when the
 * first stroke is drawn; it scales when resized). Focusable; Delete or
 * BackSpace clears, as does the "signature-pad.clear" action.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "afs-strokes.h"

G_BEGIN_DECLS

#define AFS_TYPE_SIGNATURE_PAD (afs_signature_pad_get_type ())
G_DECLARE_FINAL_TYPE (AfsSignaturePad, afs_signature_pad, AFS, SIGNATURE_PAD, GtkWidget)

GtkWidget        *afs_signature_pad_new              (void);

const AfsStrokes *afs_signature_pad_get_strokes      (AfsSignaturePad      *self);
char             *afs_signature_pad_get_strokes_text (AfsSignaturePad      *self);
gboolean          afs_signature_pad_set_strokes_text (AfsSignaturePad      *self,
                                                      const char           *text,
                                                      GError              **error);
void              afs_signature_pad_add_stroke       (AfsSignaturePad      *self,
                                                      const AfsStrokePoint *points,
                                                      guint                 n_points);
void              afs_signature_pad_clear            (AfsSignaturePad      *self);
gboolean          afs_signature_pad_is_blank         (AfsSignaturePad      *self);

gboolean          afs_signature_pad_get_read_only    (AfsSignaturePad      *self);
void              afs_signature_pad_set_read_only    (AfsSignaturePad      *self,
                                                      gboolean              read_only);

G_END_DECLS
