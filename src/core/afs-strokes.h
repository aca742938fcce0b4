/* afs-strokes.h: a hand-written signature as strokes of points.
 *
 * DOMAIN.md 9: "the customer signs (or stamps) it and gives an opinion".
 * The signature is kept as the pen's path, not as a picture, so it can be
 * drawn at any size (screen, PNG, PDF) and hashed with the report: the
 * text form (afs_strokes_to_text()) is canonical, i.e. one signature has
 * exactly one text, and it is what the signatures.strokes column holds.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Limits of what afs_strokes_from_text() accepts, so a damaged or hostile
 * column cannot make the app allocate without bound. */
#define AFS_STROKES_MAX_TEXT_BYTES (1024 * 1024)
#define AFS_STROKES_MAX_STROKES    1000
#define AFS_STROKES_MAX_POINTS     100000
/* Largest pad side, in pad units. */
#define AFS_STROKES_MAX_SIZE       10000.0
/* Fewer points than this in all strokes together is not a signature. */
#define AFS_STROKES_MIN_POINTS     8

/**
 * AfsStrokePoint:
 * @x: from the pad's left edge, in pad units (0.1 resolution)
 * @y: from the pad's top edge, in pad units (0.1 resolution)
 * @pressure: 0..1 (0.001 resolution); devices without pressure give 0.5
 * @time_ms: milliseconds since the signature's first point
 *
 * One sample of the pen. Values are quantised when added, so what is in
 * memory is exactly what the text form holds.
 */
typedef struct {
  double  x;
  double  y;
  double  pressure;
  guint32 time_ms;
} AfsStrokePoint;

typedef struct _AfsStrokes AfsStrokes;

#define AFS_TYPE_STROKES (afs_strokes_get_type ())
GType                 afs_strokes_get_type         (void) G_GNUC_CONST;

AfsStrokes           *afs_strokes_new              (double             width,
                                                    double             height);
AfsStrokes           *afs_strokes_copy             (const AfsStrokes  *strokes);
void                  afs_strokes_free             (AfsStrokes        *strokes);
gboolean              afs_strokes_equal            (const AfsStrokes  *a,
                                                    const AfsStrokes  *b);

double                afs_strokes_get_width        (const AfsStrokes  *strokes);
double                afs_strokes_get_height       (const AfsStrokes  *strokes);

void                  afs_strokes_begin_stroke     (AfsStrokes        *strokes);
void                  afs_strokes_add_point        (AfsStrokes        *strokes,
                                                    double             x,
                                                    double             y,
                                                    double             pressure,
                                                    guint32            time_ms);
void                  afs_strokes_add_stroke       (AfsStrokes        *strokes,
                                                    const AfsStrokePoint *points,
                                                    guint              n_points);
void                  afs_strokes_clear            (AfsStrokes        *strokes);

guint                 afs_strokes_get_n_strokes    (const AfsStrokes  *strokes);
guint                 afs_strokes_get_n_points     (const AfsStrokes  *strokes);
const AfsStrokePoint *afs_strokes_get_stroke       (const AfsStrokes  *strokes,
                                                    guint              index,
                                                    guint             *n_points);
gboolean              afs_strokes_get_bounds       (const AfsStrokes  *strokes,
                                                    double            *x,
                                                    double            *y,
                                                    double            *width,
                                                    double            *height);

gboolean              afs_strokes_is_blank         (const AfsStrokes  *strokes);
gboolean              afs_strokes_check_signed     (const AfsStrokes  *strokes,
                                                    GError           **error);

char                 *afs_strokes_to_text          (const AfsStrokes  *strokes);
AfsStrokes           *afs_strokes_from_text        (const char        *text,
                                                    GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsStrokes, afs_strokes_free)

G_END_DECLS
