/* report-sample.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "report-sample.h"

AfsStrokes *
report_sample_strokes (guint seed)
{
  AfsStrokes *s = afs_strokes_new (400, 150);
  guint32 t = 0;

  /* A looping "signature": three loops and an underline. */
  afs_strokes_begin_stroke (s);
  for (int i = 0; i <= 120; i++)
    {
      double a = i / 120.0 * 6 * G_PI;
      double x = 60 + i * 2.0 + 18 * cos (a + seed);
      double y = 75 + 30 * sin (a) * (1 - i / 240.0);

      afs_strokes_add_point (s, x, y, 0.35 + 0.5 * fabs (sin (a / 2)), t += 8);
    }
  afs_strokes_begin_stroke (s);
  for (int i = 0; i <= 40; i++)
    afs_strokes_add_point (s, 70 + i * 6.5, 118 - i * 0.3 + (seed % 3), 0.3 + i / 80.0, t += 8);
  return s;
}

gboolean
report_sample_photo (const char  *path,
                     int          width,
                     int          height,
                     guint        seed,
                     int          quality,
                     GError     **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *grad = cairo_pattern_create_linear (0, 0, width, height);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *q = g_strdup_printf ("%d", quality);
  gboolean ok;
  GRand *rand = g_rand_new_with_seed (seed);

  cairo_pattern_add_color_stop_rgb (grad, 0, 0.2 + 0.1 * (seed % 5), 0.4, 0.7);
  cairo_pattern_add_color_stop_rgb (grad, 1, 0.9, 0.7 - 0.1 * (seed % 4), 0.3);
  cairo_set_source (cr, grad);
  cairo_paint (cr);
  cairo_pattern_destroy (grad);

  /* Noise-like detail, so a JPEG is as big as a real photo. */
  for (int i = 0; i < 400; i++)
    {
      cairo_set_source_rgba (cr, g_rand_double (rand), g_rand_double (rand), g_rand_double (rand), 0.6);
      cairo_arc (cr, g_rand_double_range (rand, 0, width), g_rand_double_range (rand, 0, height),
                 g_rand_double_range (rand, 2, width / 12.0), 0, 2 * G_PI);
      cairo_fill (cr);
    }
  {
    PangoLayout *l = pango_cairo_create_layout (cr);
    g_autofree char *label = g_strdup_printf ("<b>PHOTO %u</b>", seed);
    PangoFontDescription *d = pango_font_description_from_string ("DejaVu Sans");

    pango_font_description_set_absolute_size (d, height / 6.0 * PANGO_SCALE);
    pango_layout_set_font_description (l, d);
    pango_font_description_free (d);
    pango_layout_set_markup (l, label, -1);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_move_to (cr, width / 10.0, height / 3.0);
    pango_cairo_show_layout (cr, l);
    g_object_unref (l);
  }
  cairo_destroy (cr);
  g_rand_free (rand);

  if (g_str_has_suffix (path, ".png"))
    {
      ok = cairo_surface_write_to_png (surface, path) == CAIRO_STATUS_SUCCESS;
      cairo_surface_destroy (surface);
      if (!ok)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot write %s", path);
      return ok;
    }

  /* Cairo RGB24 (BGRx in memory) to a gdk-pixbuf RGB. */
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guint32 *src = (const guint32 *) (gpointer) (cairo_image_surface_get_data (surface) +
                                                         y * cairo_image_surface_get_stride (surface));
      guchar *dst = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf);

      for (int x = 0; x < width; x++)
        {
          dst[3 * x] = (src[x] >> 16) & 0xff;
          dst[3 * x + 1] = (src[x] >> 8) & 0xff;
          dst[3 * x + 2] = src[x] & 0xff;
        }
    }
  cairo_surface_destroy (surface);
  return gdk_pixbuf_save (pixbuf, path, "jpeg", error, "quality", q, NULL);
}

static const char *long_paragraph =
  "Bęben pralki obraca się nierówno, łożysko wydaje głośny dźwięk przy wirowaniu; "
  "el técnico comprobó la correa, el motor y la suspensión del tambor, y encontró holgura en el rodamiento trasero. "
  "滚筒后轴承磨损，密封圈老化，导致漏水和噪音。更换轴承和密封圈后试运行三十分钟，一切正常。 ";

AfsReportDocument *
report_sample_document (const char *dir,
                        guint       n_photos,
                        guint       diagnosis_repeats)
{
  AfsReportDocument *doc = afs_report_document_new ();
  g_autoptr(AfsStrokes) customer = report_sample_strokes (1);
  g_autoptr(AfsStrokes) tech = report_sample_strokes (2);
  static const char *kinds[] = {
    "Whole item", "Damaged part, close up", "Detail", "Packaging at the damaged spot",
    "Batch label on the packaging", "Before repair", "After repair",
  };
  gint64 base = 1795000000; /* 2026-11-18 */

  doc->company_name = g_strdup ("Serwis AGD Północ · 华北家电售后服务");
  doc->company_address = g_strdup ("ul. Świętokrzyska 12, 00-916 Warszawa");
  doc->company_phone = g_strdup ("+48 22 555 01 23");
  doc->case_number = g_strdup ("AS-2026-000123");
  doc->opened_at = base;
  doc->deadline_at = base + 24 * 3600;
  doc->category = g_strdup ("Repair");
  doc->severity = g_strdup ("Level 2 (normal)");
  doc->problem = g_strdup ("La lavadora no centrifuga y hace ruido al girar el tambor. ¿Está en garantía?");
  doc->customer_name = g_strdup ("Łukasz Żółkiewski");
  doc->customer_address = g_strdup ("ul. Źródlana 7 m. 3, 90-001 Łódź");
  doc->contact_name = g_strdup ("María José Núñez");
  doc->contact_phone = g_strdup ("+48 601 234 567");
  doc->equipment_model = g_strdup ("WM-8000 滚筒洗衣机");
  doc->serial_number = g_strdup ("SN-24-07-009931");
  doc->production_date = g_strdup ("2024-07 (batch 24B07)");
  doc->purchase_date = g_strdup ("2025-01-15");
  doc->warranty = g_strdup ("Under warranty until 2027-01-15");
  doc->fault_confirmed = TRUE;
  doc->fault_confirmed_note = g_strdup ("Noise reproduced with the customer at 1200 rpm.");
  if (diagnosis_repeats == 0)
    doc->diagnosis = g_strdup ("滚筒轴承磨损，电机皮带松动。Łożysko bębna zużyte.");
  else
    {
      GString *s = g_string_new (NULL);

      /* Numbered sentences, so a test can find every one in the PDF. */
      for (guint i = 0; i < diagnosis_repeats; i++)
        g_string_append_printf (s, "[S%04u] %s", i + 1, long_paragraph);
      g_string_append (s, "[END]");
      doc->diagnosis = g_string_free (s, FALSE);
    }
  doc->cause = g_strdup ("Desgaste normal del rodamiento; instalación sin nivelar (la máquina vibraba).");
  doc->actions = g_strdup ("Replaced the rear drum bearing and seal, levelled the machine, tightened the belt.\n"
                           "更换后轴承和密封圈，调平洗衣机，张紧皮带。");
  doc->currency = g_strdup ("PLN");
  afs_report_document_add_part (doc, "BRG-6205", "Łożysko 6205-2RS / 轴承", 2, TRUE, 38.5);
  afs_report_document_add_part (doc, "SEAL-35", "Uszczelniacz 35×65×10", 1, TRUE, 22);
  afs_report_document_add_part (doc, NULL, "Correa Poly-V 1194 J5", 1, FALSE, 64.9);
  doc->labour_minutes = 95;
  doc->test_result = g_strdup ("Prueba de 30 min a 1200 rpm sin ruido ni fugas.");
  doc->outcome = g_strdup ("Fixed");
  afs_report_document_add_remedy (doc, "Repair", "Drum bearing", "6205-2RS", 2,
                                  "Worn under normal use, within warranty");
  doc->advice = g_strdup ("No sobrecargar el tambor; limpiar el filtro cada mes. Nie przeładowywać bębna. 每月清洁过滤器。");
  afs_report_document_add_visit (doc, "Wang Fang 王芳", base + 3600 * 20, base + 3600 * 21, base + 3600 * 22 + 35 * 60);

  for (guint i = 0; i < n_photos; i++)
    {
      g_autofree char *name = g_strdup_printf (i == 2 ? "photo-%02u.png" : "photo-%02u.jpg", i + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      gboolean portrait = i % 4 == 1;

      if (!g_file_test (path, G_FILE_TEST_EXISTS) &&
          !report_sample_photo (path, portrait ? 900 : 1200, portrait ? 1200 : 900, i + 1, 85, &error))
        g_error ("%s", error->message);
      afs_report_document_add_photo (doc, path, kinds[i % G_N_ELEMENTS (kinds)],
                                     i == 1 ? "Desgaste visible en la pista exterior del rodamiento; 轴承外圈磨损。"
                                            : "Zdjęcie z wizyty",
                                     base + 3600 * 21 + i * 60);
    }

  afs_report_document_add_score (doc, "Punctuality / 准时", 5);
  afs_report_document_add_score (doc, "Quality of the repair", 4);
  afs_report_document_add_score (doc, "Uprzejmość serwisanta", 5);
  afs_report_document_add_score (doc, "Explicación del trabajo", 0);
  doc->customer_opinion = g_strdup ("Muy contento con el servicio. Bardzo dziękuję! 非常满意。");
  doc->accepted = TRUE;
  {
    g_autofree char *c = afs_strokes_to_text (customer);
    g_autofree char *t = afs_strokes_to_text (tech);

    afs_report_signature_set (&doc->customer_signature, c, "Łukasz Żółkiewski", "Owner",
                              base + 3600 * 22 + 30 * 60);
    afs_report_signature_set (&doc->technician_signature, t, "Wang Fang 王芳", "Technician",
                              base + 3600 * 22 + 31 * 60);
  }
  doc->content_hash = g_strdup ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  doc->report_version = 1;
  doc->printed_at = base + 3600 * 23;
  return doc;
}

char *
report_sample_run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return g_steal_pointer (&out);
}

double
report_sample_ink (const char *png_path,
                   double      x0,
                   double      y0,
                   double      x1,
                   double      y1)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) p = gdk_pixbuf_new_from_file (png_path, &error);
  int n, stride, w, h;
  const guchar *px;
  guint64 ink = 0, all = 0;

  if (p == NULL)
    g_error ("%s", error->message);
  n = gdk_pixbuf_get_n_channels (p);
  stride = gdk_pixbuf_get_rowstride (p);
  w = gdk_pixbuf_get_width (p);
  h = gdk_pixbuf_get_height (p);
  px = gdk_pixbuf_read_pixels (p);

  for (int y = MAX (0, (int) y0); y < MIN (h, (int) ceil (y1)); y++)
    for (int x = MAX (0, (int) x0); x < MIN (w, (int) ceil (x1)); x++)
      {
        const guchar *c = px + y * stride + x * n;

        all++;
        if (c[0] < 230 || c[1] < 230 || c[2] < 230)
          ink++;
      }
  return all ? (double) ink / all : 0.0;
}
