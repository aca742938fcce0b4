/* test-signature-render.c: signature strokes drawn to PNG (issue 4,
 * "Checked by: signature strokes rendered to PNG").
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "afs-error.h"
#include "afs-signature-render.h"
#include "report-sample.h"

static char *tmpdir;

/* A zig-zag inside x 100..300, y 50..100 of a 400 × 150 pad. */
static AfsStrokes *
boxed_signature (void)
{
  AfsStrokes *s = afs_strokes_new (400, 150);

  afs_strokes_begin_stroke (s);
  for (int i = 0; i <= 40; i++)
    afs_strokes_add_point (s, 100 + i * 5, i % 2 ? 50 : 100, (i % 10) / 10.0, i * 10);
  afs_strokes_begin_stroke (s);
  afs_strokes_add_point (s, 100, 75, 1.0, 500);
  afs_strokes_add_point (s, 300, 75, 1.0, 600);
  return s;
}

static void
check_png (const char *path,
           double      scale)
{
  /* The pen is at most 3.4 units wide: 1.7 each side, plus antialiasing. */
  double m = 2.0 * scale + 1.5;
  double x0 = 100 * scale, y0 = 50 * scale, x1 = 300 * scale, y1 = 100 * scale;
  int w = (int) (400 * scale), h = (int) (150 * scale);

  /* Ink in the box: a zig-zag of 40 lines covers a good part of it. */
  g_assert_cmpfloat (report_sample_ink (path, x0, y0, x1, y1), >, 0.05);
  /* …and in each quarter of it, not just in one corner. */
  for (int q = 0; q < 4; q++)
    g_assert_cmpfloat (report_sample_ink (path, x0 + q * (x1 - x0) / 4, y0,
                                          x0 + (q + 1) * (x1 - x0) / 4, y1), >, 0.03);
  /* Nothing outside it. */
  g_assert_cmpfloat (report_sample_ink (path, 0, 0, w, y0 - m), ==, 0.0);
  g_assert_cmpfloat (report_sample_ink (path, 0, y1 + m, w, h), ==, 0.0);
  g_assert_cmpfloat (report_sample_ink (path, 0, 0, x0 - m, h), ==, 0.0);
  g_assert_cmpfloat (report_sample_ink (path, x1 + m, 0, w, h), ==, 0.0);
}

static void
test_png_file (void)
{
  g_autoptr(AfsStrokes) s = boxed_signature ();
  g_autofree char *path = g_build_filename (tmpdir, "sig.png", NULL);
  g_autofree char *path2 = g_build_filename (tmpdir, "sig2.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (afs_signature_render_png_file (s, path, 400, 150, &error));
  g_assert_no_error (error);
  check_png (path, 1.0);

  /* Twice the size: the same drawing, scaled. */
  g_assert_true (afs_signature_render_png_file (s, path2, 800, 300, &error));
  check_png (path2, 2.0);
}

static void
test_png_bytes_match_file (void)
{
  g_autoptr(AfsStrokes) s = boxed_signature ();
  g_autofree char *path = g_build_filename (tmpdir, "sig3.png", NULL);
  g_autoptr(GBytes) png = afs_signature_render_png_bytes (s, 400, 150, NULL);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_nonnull (png);
  g_assert_true (afs_signature_render_png_file (s, path, 400, 150, NULL));
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, ==, g_bytes_get_size (png));
  g_assert_true (memcmp (data, g_bytes_get_data (png, NULL), len) == 0);
  g_assert_true (memcmp (data, "\x89PNG", 4) == 0);
}

static void
test_blank_is_white (void)
{
  g_autoptr(AfsStrokes) s = afs_strokes_new (400, 150);
  g_autofree char *path = g_build_filename (tmpdir, "blank.png", NULL);

  g_assert_true (afs_signature_render_png_file (s, path, 400, 150, NULL));
  g_assert_cmpfloat (report_sample_ink (path, 0, 0, 400, 150), ==, 0.0);
}

static void
test_fit_ink (void)
{
  /* In the PDF the ink alone fills the box: the zig-zag (200 × 50 units)
   * drawn into a 200 × 100 rectangle at (50, 50) is 200 wide and
   * centred, with a margin. */
  g_autoptr(AfsStrokes) s = boxed_signature ();
  g_autofree char *path = g_build_filename (tmpdir, "fit.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  afs_signature_render (cr, s, 50, 50, 200, 100, AFS_SIGNATURE_FIT_INK);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_cmpfloat (report_sample_ink (path, 0, 0, 300, 50), ==, 0.0);
  g_assert_cmpfloat (report_sample_ink (path, 0, 150, 300, 200), ==, 0.0);
  g_assert_cmpfloat (report_sample_ink (path, 0, 0, 50, 200), ==, 0.0);
  g_assert_cmpfloat (report_sample_ink (path, 250, 0, 300, 200), ==, 0.0);
  /* Reaches near both sides of the rectangle. */
  g_assert_cmpfloat (report_sample_ink (path, 50, 50, 75, 150), >, 0.02);
  g_assert_cmpfloat (report_sample_ink (path, 225, 50, 250, 150), >, 0.02);
}

static void
test_bad_size_and_path (void)
{
  g_autoptr(AfsStrokes) s = boxed_signature ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "no-such-folder", "sig.png", NULL);

  g_assert_null (afs_signature_render_png_bytes (s, 0, 150, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (afs_signature_render_png_bytes (s, 100000, 150, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (afs_signature_render_png_file (s, path, 400, 150, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Could not save the signature picture"));
}

int
main (int argc, char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("afs-sig-XXXXXX", NULL);

  g_test_add_func ("/report/signature/png-file", test_png_file);
  g_test_add_func ("/report/signature/png-bytes-match-file", test_png_bytes_match_file);
  g_test_add_func ("/report/signature/blank-is-white", test_blank_is_white);
  g_test_add_func ("/report/signature/fit-ink", test_fit_ink);
  g_test_add_func ("/report/signature/bad-size-and-path", test_bad_size_and_path);

  ret = g_test_run ();
  if (ret == 0)
    {
      g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *p = g_build_filename (tmpdir, name, NULL);
          g_unlink (p);
        }
      g_rmdir (tmpdir);
    }
  g_free (tmpdir);
  return ret;
}
