/* report-sample.h: a filled-in service report for the tests, the bench
 * and the screenshot (Chinese, Polish and Spanish text, real photos). */
#pragma once

#include "afs-report-document.h"
#include "afs-strokes.h"

G_BEGIN_DECLS

/* A signature-like scribble on a 400 × 150 pad. @seed varies it. */
AfsStrokes        *report_sample_strokes  (guint        seed);

/* Writes a @width × @height test photo (gradient, shapes, a label) as a
 * JPEG (@quality) or, if @path ends in ".png", a PNG. */
gboolean           report_sample_photo    (const char  *path,
                                           int          width,
                                           int          height,
                                           guint        seed,
                                           int          quality,
                                           GError     **error);

/* The sample document with @n_photos photos (written into @dir at
 * 1200 × 900, one portrait) and @diagnosis_repeats copies of a long
 * paragraph in the diagnosis (0: a short one). */
AfsReportDocument *report_sample_document (const char  *dir,
                                           guint        n_photos,
                                           guint        diagnosis_repeats);

/* Runs @argv (a poppler tool), returns its stdout or fails the test. */
char              *report_sample_run      (const char * const *argv);

/* The fraction of pixels of @path (a PNG) in the given box that are not
 * near-white. */
double             report_sample_ink      (const char  *png_path,
                                           double       x0,
                                           double       y0,
                                           double       x1,
                                           double       y1);

G_END_DECLS
