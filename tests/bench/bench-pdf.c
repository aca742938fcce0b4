/* bench-pdf.c: the PDF service report with 20 photos (issue 4, "Checked
 * by: tests/bench/ … PDF with 20 photos (time)").
 *
 * Makes 20 camera-sized JPEGs (4000 × 3000, about 5 MB each), stores them
 * in a photo folder and asks it for the report copies, as the app does
 * (afs_photo_folder_get_scaled (…, AFS_PHOTO_SIZE_REPORT)); then writes
 * the PDF from those copies, and for comparison from the originals. Each
 * PDF is written by a child process (this program with --write), so its
 * peak RSS is the PDF's alone.
 *
 *   ./build/tests/bench/bench-pdf [--photos N] [--runs N] [--keep DIR]
 *
 * Prints figures; asserts nothing about time.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/resource.h>

#include "afs-photo-folder.h"
#include "afs-report-pdf.h"
#include "afs-strokes.h"

static int opt_photos = 20;
static int opt_runs = 3;
static char *opt_keep = NULL;
static char *opt_write = NULL;   /* child mode: a list of photo paths */
static char *opt_out = NULL;

static GOptionEntry entries[] = {
  { "photos", 0, 0, G_OPTION_ARG_INT, &opt_photos, "Number of photos (default 20)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs of each PDF, the median is printed (default 3)", "N" },
  { "keep", 0, 0, G_OPTION_ARG_FILENAME, &opt_keep, "Work in DIR and keep it (photos are reused)", "DIR" },
  { "write", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_write, NULL, NULL },
  { "out", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_out, NULL, NULL },
  { NULL }
};

/* A camera-like JPEG: a gradient with fine noise, which compresses
 * about as badly as a real photo. */
static gboolean
make_photo (const char *path,
            guint       seed,
            GError    **error)
{
  const int w = 4000, h = 3000;
  g_autoptr(GdkPixbuf) p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  guchar *px = gdk_pixbuf_get_pixels (p);
  int stride = gdk_pixbuf_get_rowstride (p);
  guint32 r = seed * 2654435761u + 1;

  for (int y = 0; y < h; y++)
    {
      guchar *row = px + (gsize) y * stride;

      for (int x = 0; x < w; x++)
        {
          r ^= r << 13; r ^= r >> 17; r ^= r << 5;     /* xorshift */
          row[3 * x] = (guchar) CLAMP ((x * 200 / w) + (int) (r & 31) - 16 + 30, 0, 255);
          row[3 * x + 1] = (guchar) CLAMP ((y * 200 / h) + (int) ((r >> 8) & 31) - 16 + 30, 0, 255);
          row[3 * x + 2] = (guchar) CLAMP ((int) ((x + y + (int) seed * 300) % 255) + (int) ((r >> 16) & 31) - 16, 0, 255);
        }
    }
  return gdk_pixbuf_save (p, path, "jpeg", error, "quality", "94", NULL);
}

static AfsReportDocument *
make_document (char **paths)
{
  AfsReportDocument *doc = afs_report_document_new ();
  g_autoptr(AfsStrokes) s = afs_strokes_new (400, 150);
  g_autofree char *text = NULL;

  for (int i = 0; i < 60; i++)
    afs_strokes_add_point (s, 40 + i * 5, 75 + 30 * ((i % 8) < 4 ? 1 : -1), 0.5, i * 10);
  text = afs_strokes_to_text (s);

  doc->company_name = g_strdup ("Serwis AGD Północ · 华北家电售后服务");
  doc->case_number = g_strdup ("AS-2026-000123");
  doc->customer_name = g_strdup ("Łukasz Żółkiewski");
  doc->equipment_model = g_strdup ("WM-8000 滚筒洗衣机");
  doc->diagnosis = g_strdup ("滚筒轴承磨损，电机皮带松动。Łożysko bębna zużyte. Desgaste del rodamiento.");
  afs_report_document_add_part (doc, "BRG-6205", "Łożysko 6205-2RS", 2, TRUE, 38.5);
  for (guint i = 0; paths[i] != NULL; i++)
    afs_report_document_add_photo (doc, paths[i], "Detail", "Zdjęcie z wizyty", 0);
  afs_report_signature_set (&doc->customer_signature, text, "Łukasz Żółkiewski", "Owner", 1795000000);
  afs_report_signature_set (&doc->technician_signature, text, "Wang Fang", "Technician", 1795000000);
  doc->content_hash = g_strdup ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  return doc;
}

/* Child: write one PDF from the photos listed in opt_write, print figures. */
static int
write_child (void)
{
  g_autofree char *list = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(AfsReportDocument) doc = NULL;
  g_autoptr(GFile) out = g_file_new_for_path (opt_out);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  struct rusage usage;
  gint64 t0;
  guint n_pages = 0;

  if (!g_file_get_contents (opt_write, &list, NULL, &error))
    {
      g_printerr ("bench-pdf: %s\n", error->message);
      return 1;
    }
  paths = g_strsplit (g_strstrip (list), "\n", -1);
  doc = make_document (paths);

  t0 = g_get_monotonic_time ();
  if (!afs_report_pdf_write (doc, out, &n_pages, NULL, &error))
    {
      g_printerr ("bench-pdf: %s\n", error->message);
      return 1;
    }
  g_print ("ms=%.1f\n", (g_get_monotonic_time () - t0) / 1000.0);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak_rss_kb=%ld\n", usage.ru_maxrss);
  g_print ("pages=%u\n", n_pages);
  info = g_file_query_info (out, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  g_print ("bytes=%" G_GINT64_FORMAT "\n", info ? g_file_info_get_size (info) : (gint64) -1);
  return 0;
}

static double
value (const char *output,
       const char *key)
{
  g_autofree char *k = g_strdup_printf ("%s=", key);
  const char *p = strstr (output, k);

  return p ? g_ascii_strtod (p + strlen (k), NULL) : -1;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Runs the child @runs times; prints median time, max peak RSS. */
static void
measure (const char *self_path,
         const char *dir,
         const char *label,
         char      **paths)
{
  g_autofree char *list_path = g_build_filename (dir, "list.txt", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *list = g_strjoinv ("\n", paths);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double rss = 0, pages = 0, bytes = 0;

  g_file_set_contents (list_path, list, -1, NULL);
  for (int i = 0; i < opt_runs; i++)
    {
      const char *argv[] = { self_path, "--write", list_path, "--out", pdf_path, NULL };
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      int status;
      double ms;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        g_error ("bench-pdf child: %s", error->message);
      ms = value (out, "ms");
      g_array_append_val (times, ms);
      rss = MAX (rss, value (out, "peak_rss_kb"));
      pages = value (out, "pages");
      bytes = value (out, "bytes");
    }
  g_array_sort (times, compare_doubles);
  g_print ("| %s | %.0f ms (%.0f–%.0f) | %.1f MiB | %.0f | %.1f MiB |\n", label,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, 0), g_array_index (times, double, times->len - 1),
           rss / 1024.0, pages, bytes / (1024.0 * 1024.0));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the PDF service report with photos");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *photo_root = NULL;
  g_autoptr(AfsPhotoFolder) folder = NULL;
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  guint64 total_bytes = 0;
  gint64 t0, scale_us = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-pdf: %s\n", error->message);
      return 2;
    }
  if (opt_write != NULL)
    return write_child ();

  if (opt_keep != NULL)
    {
      g_mkdir_with_parents (opt_keep, 0755);
      dir = g_strdup (opt_keep);
    }
  else
    dir = g_dir_make_tmp ("bench-pdf-XXXXXX", NULL);
  photo_root = g_build_filename (dir, "folder", NULL);
  folder = afs_photo_folder_new (photo_root);

  g_print ("Making %d photos of 4000 × 3000 in %s …\n", opt_photos, dir);
  for (int i = 0; i < opt_photos; i++)
    {
      g_autofree char *name = g_strdup_printf ("camera-%02d.jpg", i + 1);
      char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      AfsPhotoInfo info = { 0 };
      GStatBuf st;

      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !make_photo (path, i + 1, &error))
        g_error ("%s", error->message);
      if (g_stat (path, &st) == 0)
        total_bytes += st.st_size;
      g_ptr_array_add (originals, path);

      if (!afs_photo_folder_import_file (folder, file, &info, NULL, &error))
        g_error ("%s", error->message);

      /* The report copy, as the app makes it before the PDF. */
      t0 = g_get_monotonic_time ();
      {
        char *copy = afs_photo_folder_get_scaled (folder, info.sha256, AFS_PHOTO_SIZE_REPORT, NULL, &error);

        if (copy == NULL)
          g_error ("%s", error->message);
        g_ptr_array_add (copies, copy);
      }
      scale_us += g_get_monotonic_time () - t0;
      afs_photo_info_clear (&info);
    }
  g_ptr_array_add (originals, NULL);
  g_ptr_array_add (copies, NULL);

  g_print ("photos: %d, %.1f MB on average\n", opt_photos, total_bytes / 1e6 / MAX (opt_photos, 1));
  g_print ("report copies (%d px, made once per photo, cached): %.0f ms in all, %.0f ms each\n",
           AFS_PHOTO_SIZE_REPORT, scale_us / 1000.0, scale_us / 1000.0 / MAX (opt_photos, 1));
  g_print ("\n| PDF from | time, median of %d | peak RSS | pages | PDF size |\n", opt_runs);
  g_print ("|---|---:|---:|---:|---:|\n");
  measure (argv[0], dir, "report copies (the app)", (char **) copies->pdata);
  measure (argv[0], dir, "the 5 MB originals", (char **) originals->pdata);

  if (opt_keep == NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
      /* Only the folder made above, by its own name. */
      if (g_str_has_prefix (dir, g_get_tmp_dir ()))
        g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
    }
  return 0;
}
