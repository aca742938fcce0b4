/* test-report-pdf.c: the PDF service report (issue 4, item 5).
 *
 * The PDF is made by the real code, then read back with poppler's tools
 * (pdftoppm, pdftotext, pdffonts, pdfimages): the pages are turned into
 * PNGs and looked at, the text is extracted and searched for the Chinese,
 * Polish and Spanish strings, and the fonts must be embedded.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "afs-error.h"
#include "afs-report-pdf.h"
#include "report-sample.h"

static char *tmpdir;

typedef struct {
  GMainLoop *loop;
  gboolean   ok;
  guint      n_pages;
  GError    *error;
} Wait;

static void
written (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = afs_report_pdf_write_finish (result, &w->n_pages, &w->error);
  g_main_loop_quit (w->loop);
}

/* Saves @doc with afs_report_pdf_write_async(), as the app does. */
static char *
write_pdf (const AfsReportDocument *doc,
           const char              *name,
           guint                   *n_pages)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Wait w = { g_main_loop_new (NULL, FALSE), FALSE, 0, NULL };
  g_autofree char *head = NULL;
  gsize len;

  afs_report_pdf_write_async (doc, file, NULL, written, &w);
  g_main_loop_run (w.loop);
  g_main_loop_unref (w.loop);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);

  g_assert_true (g_file_get_contents (path, &head, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (strncmp (head, "%PDF-", 5) == 0);
  *n_pages = w.n_pages;
  return path;
}

/* pdftoppm INSIDE the test: one PNG per page; each must exist and show
 * something in the text area. Returns the number of PNGs. */
static guint
check_pages (const char *pdf,
             const char *prefix,
             guint       expected)
{
  g_autofree char *out_prefix = g_build_filename (tmpdir, prefix, NULL);
  const char *argv[] = { "pdftoppm", "-r", "40", "-png", pdf, out_prefix, NULL };
  g_autofree char *out = report_sample_run (argv);
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  g_autoptr(GPtrArray) pngs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *start = g_strdup_printf ("%s-", prefix);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, start) && g_str_has_suffix (name, ".png"))
      g_ptr_array_add (pngs, g_build_filename (tmpdir, name, NULL));

  g_assert_cmpuint (pngs->len, ==, expected);
  for (guint i = 0; i < pngs->len; i++)
    {
      const char *png = g_ptr_array_index (pngs, i);
      /* A4 at 40 dpi is 331 × 468; the text area is inside the margins. */
      double ink = report_sample_ink (png, 27, 25, 304, 435);

      if (ink < 0.01)
        g_error ("page %s looks blank (%.4f of the text area inked)", png, ink);
      /* Every page has its footer ("Page N of M"). */
      g_assert_cmpfloat (report_sample_ink (png, 27, 437, 304, 455), >, 0.005);
    }
  return pngs->len;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *raw = report_sample_run (argv);
  GString *text = g_string_new (NULL);

  /* Lines wrap wherever the layout chose: make every run of white space
   * (line and page breaks included) one space. */
  for (const char *p = raw; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        {
          if (text->len > 0 && text->str[text->len - 1] != ' ')
            g_string_append_c (text, ' ');
        }
      else
        g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_multilingual_with_photos (void)
{
  g_autoptr(AfsReportDocument) doc = report_sample_document (tmpdir, 5, 0);
  g_autoptr(AfsReportLayout) layout = afs_report_layout_new (doc);
  guint n_layout = afs_report_layout_get_n_pages (layout);
  guint n_written = 0;
  g_autofree char *pdf = write_pdf (doc, "multilingual.pdf", &n_written);
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *images = NULL;
  g_autofree char *info = NULL;
  g_autofree char *pages_line = NULL;

  g_assert_cmpuint (n_layout, >=, 2);
  g_assert_cmpuint (n_written, ==, n_layout);
  g_assert_cmpuint (check_pages (pdf, "ml", n_layout), ==, n_layout);

  {
    const char *argv[] = { "pdfinfo", pdf, NULL };
    const char *pages;

    info = report_sample_run (argv);
    pages = strstr (info, "\nPages:");

    g_assert_nonnull (pages);
    pages_line = g_strstrip (g_strndup (pages + 7, strcspn (pages + 7, "\n")));
    g_assert_cmpuint (g_ascii_strtoull (pages_line, NULL, 10), ==, n_layout);
    g_assert_nonnull (strstr (info, "Service report AS-2026-000123"));
  }

  /* The text is there, in all three languages, as text (not boxes). */
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Łódź"));
  g_assert_nonnull (strstr (text, "Żółkiewski"));
  g_assert_nonnull (strstr (text, "¿Está en garantía?"));
  g_assert_nonnull (strstr (text, "María José Núñez"));
  g_assert_nonnull (strstr (text, "滚筒轴承磨损"));
  g_assert_nonnull (strstr (text, "非常满意"));
  g_assert_nonnull (strstr (text, "AS-2026-000123"));
  g_assert_nonnull (strstr (text, "Chargeable total"));
  g_assert_nonnull (strstr (text, "64.90 PLN"));
  g_assert_nonnull (strstr (text, "1 h 35 min"));
  g_assert_nonnull (strstr (text, "Accepted by the customer"));
  g_assert_nonnull (strstr (text, "Version 1 Printed 2026-11-"));
  /* The hash and its code (docs/service-report.md). */
  g_assert_nonnull (strstr (text, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  g_assert_cmpuint (count (text, "Q9W1D-FWF07"), >=, n_layout + 1);  /* box + every footer */
  for (guint i = 1; i <= n_layout; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i, n_layout);
      g_assert_cmpuint (count (text, footer), ==, 1);
    }
  g_assert_null (strstr (text, "Not signed"));
  g_assert_null (strstr (text, "Draft"));

  /* Fonts: DejaVu for Latin, WenQuanYi for Chinese, all embedded. */
  {
    const char *argv[] = { "pdffonts", pdf, NULL };
    g_auto(GStrv) lines = NULL;

    fonts = report_sample_run (argv);
    g_assert_nonnull (strstr (fonts, "WenQuanYi"));
    g_assert_nonnull (strstr (fonts, "DejaVuSans"));
    lines = g_strsplit (fonts, "\n", -1);
    for (guint i = 2; lines[i] != NULL; i++)
      {
        g_auto(GStrv) cols = NULL;

        if (*lines[i] == '\0')
          continue;
        cols = g_strsplit_set (lines[i], " ", -1);
        /* columns: name type [encoding] emb sub uni object ID: "yes" must
         * be the emb column; simplest honest check: the line says yes
         * before the sub/uni columns. */
        g_assert_nonnull (strstr (lines[i], " yes "));
      }
  }

  /* Each photo is in the PDF once, as a JPEG (DCT), not raw pixels; the
   * signatures are vector strokes, not images. */
  {
    const char *argv[] = { "pdfimages", "-list", pdf, NULL };
    g_auto(GStrv) lines = NULL;
    guint n_images = 0, n_jpeg = 0;

    images = report_sample_run (argv);
    lines = g_strsplit (images, "\n", -1);
    for (guint i = 2; lines[i] != NULL; i++)
      {
        if (strstr (lines[i], " image ") == NULL)
          continue;
        n_images++;
        if (strstr (lines[i], " jpeg ") != NULL)
          n_jpeg++;
      }
    g_assert_cmpuint (n_images, ==, 5);
    g_assert_cmpuint (n_jpeg, ==, 5);
  }
}

static void
test_long_text_flows (void)
{
  g_autoptr(AfsReportDocument) shorter = report_sample_document (tmpdir, 0, 0);
  g_autoptr(AfsReportDocument) doc = report_sample_document (tmpdir, 0, 80);
  g_autoptr(AfsReportLayout) short_layout = afs_report_layout_new (shorter);
  g_autoptr(AfsReportLayout) layout = afs_report_layout_new (doc);
  guint n_short = afs_report_layout_get_n_pages (short_layout);
  guint n = afs_report_layout_get_n_pages (layout);
  guint n_written = 0;
  g_autofree char *pdf = write_pdf (doc, "long.pdf", &n_written);
  g_autofree char *text = NULL;

  /* 80 paragraphs of diagnosis are several pages more. */
  g_assert_cmpuint (n, >=, n_short + 3);
  g_assert_cmpuint (n_written, ==, n);
  check_pages (pdf, "long", n);

  /* Nothing lost or printed twice where the text was cut between pages. */
  text = pdf_text (pdf);
  for (guint i = 1; i <= 80; i++)
    {
      g_autofree char *mark = g_strdup_printf ("[S%04u]", i);

      if (count (text, mark) != 1)
        g_error ("%s appears %u times", mark, count (text, mark));
    }
  g_assert_cmpuint (count (text, "[END]"), ==, 1);
  {
    /* Chinese wraps between any two characters: compare without spaces. */
    g_autoptr(GString) joined = g_string_new (text);

    g_string_replace (joined, " ", "", 0);
    g_assert_cmpuint (count (joined->str, "滚筒后轴承磨损，密封圈老化"), ==, 80);
  }
  /* And what follows the diagnosis is still there, after it. */
  g_assert_true (strstr (text, "[END]") < strstr (text, "Accepted by the customer"));
}

static void
test_draft_missing_photo (void)
{
  g_autoptr(AfsReportDocument) doc = report_sample_document (tmpdir, 1, 0);
  g_autofree char *missing = g_build_filename (tmpdir, "missing.jpg", NULL);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  g_clear_pointer (&doc->content_hash, g_free);
  afs_report_signature_set (&doc->customer_signature, NULL, NULL, NULL, 0);
  afs_report_signature_set (&doc->technician_signature, "afs-strokes 1 oops\n", "Wang Fang", NULL, 0);
  doc->accepted = FALSE;
  afs_report_document_add_photo (doc, missing, "Detail", NULL, 0);

  pdf = write_pdf (doc, "draft.pdf", &n);
  check_pages (pdf, "draft", n);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Draft: not signed"));
  g_assert_nonnull (strstr (text, "Photo not available: missing.jpg"));
  g_assert_nonnull (strstr (text, "Not signed"));
  g_assert_nonnull (strstr (text, "Signature unreadable"));
  g_assert_nonnull (strstr (text, "Not accepted: a second visit is planned"));
  g_assert_null (strstr (text, "Verification code"));
}

static void
test_draw_page_any_size (void)
{
  /* What GtkPrintOperation::draw-page does: draw on its cairo_t at the
   * paper's size (here US Letter at 100 dpi). */
  g_autoptr(AfsReportDocument) doc = report_sample_document (tmpdir, 2, 0);
  g_autoptr(AfsReportLayout) layout = afs_report_layout_new (doc);
  g_autofree char *path = g_build_filename (tmpdir, "letter.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 850, 1100);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0, 0, 0);    /* the page paints its own white */
  cairo_paint (cr);
  afs_report_layout_draw_page (layout, cr, 0, 850, 1100);
  /* The state is restored. */
  {
    double x = 1, y = 1;
    cairo_user_to_device (cr, &x, &y);
    g_assert_cmpfloat (x, ==, 1);
  }
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  /* A4 is narrower than Letter relative to its height: the page is
   * centred with black bands left and right, white inside with text. */
  g_assert_cmpfloat (report_sample_ink (path, 0, 0, 20, 1100), >, 0.99);
  g_assert_cmpfloat (report_sample_ink (path, 80, 50, 770, 1050), >, 0.02);
  g_assert_cmpfloat (report_sample_ink (path, 80, 50, 770, 1050), <, 0.5);
}

static void
test_write_errors (void)
{
  g_autoptr(AfsReportDocument) doc = report_sample_document (tmpdir, 0, 0);
  g_autofree char *bad = g_build_filename (tmpdir, "no-such-folder", "r.pdf", NULL);
  g_autofree char *kept = g_build_filename (tmpdir, "kept.pdf", NULL);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GFile) kept_file = g_file_new_for_path (kept);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_false (afs_report_pdf_write (doc, bad_file, NULL, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Could not save the service report"));
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Cancelled: the earlier file is left as it was. */
  g_assert_true (g_file_set_contents (kept, "earlier", -1, NULL));
  g_cancellable_cancel (cancel);
  g_assert_false (afs_report_pdf_write (doc, kept_file, NULL, cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier");
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (path, name, NULL);
      g_unlink (p);
    }
  g_rmdir (path);
}

int
main (int argc, char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("afs-pdf-XXXXXX", NULL);

  g_test_add_func ("/report/pdf/multilingual-with-photos", test_multilingual_with_photos);
  g_test_add_func ("/report/pdf/long-text-flows", test_long_text_flows);
  g_test_add_func ("/report/pdf/draft-missing-photo", test_draft_missing_photo);
  g_test_add_func ("/report/pdf/draw-page-any-size", test_draw_page_any_size);
  g_test_add_func ("/report/pdf/write-errors", test_write_errors);

  ret = g_test_run ();
  if (ret == 0 && g_getenv ("AFS_KEEP_PDF") == NULL)
    remove_tree (tmpdir);
  else
    g_printerr ("output kept in %s\n", tmpdir);
  g_free (tmpdir);
  return ret;
}
