/* afs-signature-render.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "afs-error.h"
#include "afs-signature-render.h"

/* The pen's width in pad units at pressure 0 and 1. */
#define PEN_MIN 0.8
#define PEN_MAX 3.4

static double
pen_width (double pressure)
{
  return PEN_MIN + (PEN_MAX - PEN_MIN) * CLAMP (pressure, 0.0, 1.0);
}

/**
 * afs_signature_get_transform:
 * @strokes: a signature
 * @x: the target rectangle's left
 * @y: its top
 * @width: its width
 * @height: its height
 * @fit: what must fit the rectangle
 * @scale: (out): target units per pad unit
 * @offset_x: (out): where pad x = 0 lands
 * @offset_y: (out): where pad y = 0 lands
 *
 * How afs_signature_render() maps pad units into the rectangle (aspect
 * kept, centred); the pad widget uses the inverse to add points.
 */
void
afs_signature_get_transform (const AfsStrokes *strokes,
                             double            x,
                             double            y,
                             double            width,
                             double            height,
                             AfsSignatureFit   fit,
                             double           *scale,
                             double           *offset_x,
                             double           *offset_y)
{
  double bx = 0, by = 0, bw, bh, s;

  bw = afs_strokes_get_width (strokes);
  bh = afs_strokes_get_height (strokes);

  if (fit == AFS_SIGNATURE_FIT_INK && afs_strokes_get_bounds (strokes, &bx, &by, &bw, &bh))
    {
      /* Room for the pen's width and a little air. */
      double margin = PEN_MAX + 0.04 * MAX (bw, bh);

      bx -= margin;
      by -= margin;
      bw += 2 * margin;
      bh += 2 * margin;
    }

  s = MIN (width / MAX (bw, 1e-6), height / MAX (bh, 1e-6));
  if (fit == AFS_SIGNATURE_FIT_INK)
    {
      /* A tiny scribble is not blown up to fill the box. */
      double pad_scale = MIN (width / afs_strokes_get_width (strokes),
                              height / afs_strokes_get_height (strokes));
      s = MIN (s, 3 * pad_scale);
    }

  *scale = s;
  *offset_x = x + (width - bw * s) / 2 - bx * s;
  *offset_y = y + (height - bh * s) / 2 - by * s;
}

static void
segment (cairo_t *cr,
         double x0, double y0,
         double cx, double cy,
         double x1, double y1,
         double width)
{
  /* The quadratic curve (x0,y0) (cx,cy) (x1,y1) as a cubic. */
  cairo_move_to (cr, x0, y0);
  cairo_curve_to (cr,
                  x0 + 2.0 / 3.0 * (cx - x0), y0 + 2.0 / 3.0 * (cy - y0),
                  x1 + 2.0 / 3.0 * (cx - x1), y1 + 2.0 / 3.0 * (cy - y1),
                  x1, y1);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

/**
 * afs_signature_render:
 * @cr: where to draw, with the ink as its current source
 * @strokes: the signature
 * @x: the rectangle to draw into
 * @y:
 * @width:
 * @height:
 * @fit: fit the pad or only the ink into the rectangle
 *
 * Draws the strokes; nothing else (no background, no baseline). The
 * pen's width scales with the drawing and follows the pressure.
 * @cr's state is saved and restored.
 */
void
afs_signature_render (cairo_t          *cr,
                      const AfsStrokes *strokes,
                      double            x,
                      double            y,
                      double            width,
                      double            height,
                      AfsSignatureFit   fit)
{
  double s, ox, oy;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (strokes != NULL);

  if (afs_strokes_get_n_points (strokes) == 0 || width <= 0 || height <= 0)
    return;

  afs_signature_get_transform (strokes, x, y, width, height, fit, &s, &ox, &oy);

  cairo_save (cr);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, s, s);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < afs_strokes_get_n_strokes (strokes); i++)
    {
      guint n;
      const AfsStrokePoint *p = afs_strokes_get_stroke (strokes, i, &n);

      if (n == 1)
        {
          cairo_arc (cr, p[0].x, p[0].y, pen_width (p[0].pressure) / 2, 0, 2 * G_PI);
          cairo_fill (cr);
          continue;
        }
      if (n == 2)
        {
          segment (cr, p[0].x, p[0].y, (p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2,
                   p[1].x, p[1].y, pen_width ((p[0].pressure + p[1].pressure) / 2));
          continue;
        }

      /* Through the midpoints, with the samples as control points: a
       * smooth line however coarse the device's sampling. */
      {
        double mx = (p[0].x + p[1].x) / 2, my = (p[0].y + p[1].y) / 2;

        segment (cr, p[0].x, p[0].y, (p[0].x + mx) / 2, (p[0].y + my) / 2, mx, my,
                 pen_width ((p[0].pressure + p[1].pressure) / 2));
        for (guint j = 1; j + 1 < n; j++)
          {
            double nx = (p[j].x + p[j + 1].x) / 2, ny = (p[j].y + p[j + 1].y) / 2;

            segment (cr, mx, my, p[j].x, p[j].y, nx, ny, pen_width (p[j].pressure));
            mx = nx;
            my = ny;
          }
        segment (cr, mx, my, (mx + p[n - 1].x) / 2, (my + p[n - 1].y) / 2,
                 p[n - 1].x, p[n - 1].y,
                 pen_width ((p[n - 2].pressure + p[n - 1].pressure) / 2));
      }
    }

  cairo_restore (cr);
}

static cairo_surface_t *
render_image (const AfsStrokes *strokes,
              int               width,
              int               height,
              GError          **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  if (width < 1 || height < 1 || width > 8192 || height > 8192)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("A signature picture must be 1 to 8192 pixels on each side, not %d × %d."),
                   width, height);
      return NULL;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.05, 0.08, 0.25);
  afs_signature_render (cr, strokes, 0, 0, width, height, AFS_SIGNATURE_FIT_PAD);
  cairo_destroy (cr);
  return surface;
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * afs_signature_render_png_bytes:
 * @strokes: the signature
 * @width: the picture's width in pixels
 * @height: its height
 * @error: where the reason goes
 *
 * The signature as a PNG: dark ink on white, the whole pad fitted into
 * the picture.
 *
 * Returns: (transfer full) (nullable): the PNG file's bytes
 */
GBytes *
afs_signature_render_png_bytes (const AfsStrokes *strokes,
                                int               width,
                                int               height,
                                GError          **error)
{
  cairo_surface_t *surface;
  GByteArray *out;
  cairo_status_t status;

  g_return_val_if_fail (strokes != NULL, NULL);

  surface = render_image (strokes, width, height, error);
  if (surface == NULL)
    return NULL;

  out = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, append_to_array, out);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (out);
      g_set_error (error, AFS_ERROR, AFS_ERROR_FAILED,
                   _("Could not make the signature picture: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (out);
}

/**
 * afs_signature_render_png_file:
 * @strokes: the signature
 * @path: the file to write (replaced atomically)
 * @width: pixels
 * @height: pixels
 * @error: where the reason goes
 *
 * Returns: %TRUE if the PNG was written
 */
gboolean
afs_signature_render_png_file (const AfsStrokes *strokes,
                               const char       *path,
                               int               width,
                               int               height,
                               GError          **error)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  png = afs_signature_render_png_bytes (strokes, width, height, error);
  if (png == NULL)
    return FALSE;

  if (!g_file_set_contents (path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), &local))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("Could not save the signature picture: %s"), local->message);
      return FALSE;
    }
  return TRUE;
}
