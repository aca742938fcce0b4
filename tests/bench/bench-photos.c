/* bench-photos.c: importing 50 photos of 5 MB (issue 4, "Checked by:
 * tests/bench/: import of 50 photos of 5 MB (time, peak RSS)").
 *
 * Makes one camera-like JPEG (4000 × 3000, about 5 MB) and N distinct
 * copies of it (a comment segment with the copy's number, so each has
 * its own SHA-256, as N real photos would), then a child process (this
 * program with --measure) imports them the way the app does:
 *
 *   1. afs_photo_folder_import_async() with all N files (a multi-select
 *      or a drop): checks, hashes, fsyncs and stores each original;
 *   2. the same files again: all duplicates, nothing stored;
 *   3. a thumbnail (256 px) of each, on workers, 4 at a time;
 *   4. a report copy (1600 px) of each.
 *
 * The child's peak RSS is the import's alone. Prints figures; asserts
 * nothing about time.
 *
 *   ./build/tests/bench/bench-photos [--photos N] [--keep DIR]
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
#include <unistd.h>

#include "afs-photo-folder.h"

static int opt_photos = 50;
static char *opt_keep = NULL;
static char *opt_measure = NULL;   /* child mode: the folder with the photos */

static GOptionEntry entries[] = {
  { "photos", 0, 0, G_OPTION_ARG_INT, &opt_photos, "Number of photos (default 50)", "N" },
  { "keep", 0, 0, G_OPTION_ARG_FILENAME, &opt_keep, "Work in DIR and keep it (photos are reused)", "DIR" },
  { "measure", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_measure, NULL, NULL },
  { NULL }
};

/* A gradient with fine noise: compresses about as badly as a photo. */
static GBytes *
make_base_jpeg (GError **error)
{
  const int w = 4000, h = 3000;
  g_autoptr(GdkPixbuf) p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  guchar *px = gdk_pixbuf_get_pixels (p);
  int stride = gdk_pixbuf_get_rowstride (p);
  guint32 r = 2654435761u;
  char *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < h; y++)
    {
      guchar *row = px + (gsize) y * stride;

      for (int x = 0; x < w; x++)
        {
          r ^= r << 13; r ^= r >> 17; r ^= r << 5;
          row[3 * x] = (guchar) CLAMP ((x * 200 / w) + (int) (r & 31) - 16 + 30, 0, 255);
          row[3 * x + 1] = (guchar) CLAMP ((y * 200 / h) + (int) ((r >> 8) & 31) - 16 + 30, 0, 255);
          row[3 * x + 2] = (guchar) CLAMP ((int) ((x + y) % 255) + (int) ((r >> 16) & 31) - 16, 0, 255);
        }
    }
  if (!gdk_pixbuf_save_to_buffer (p, &buffer, &size, "jpeg", error, "quality", "94", NULL))
    return NULL;
  return g_bytes_new_take (buffer, size);
}

/* @base with a COM segment "photo N" after its SOI. */
static gboolean
write_variant (GBytes     *base,
               const char *path,
               int         n,
               GError    **error)
{
  g_autofree char *comment = g_strdup_printf ("photo %d", n);
  gsize len, clen = strlen (comment);
  const guint8 *d = g_bytes_get_data (base, &len);
  g_autoptr(GByteArray) out = g_byte_array_sized_new (len + clen + 4);
  guint8 seg[4] = { 0xFF, 0xFE, (clen + 2) >> 8, (clen + 2) & 0xff };

  g_byte_array_append (out, d, 2);
  g_byte_array_append (out, seg, 4);
  g_byte_array_append (out, (const guint8 *) comment, clen);
  g_byte_array_append (out, d + 2, len - 2);
  return g_file_set_contents (path, (const char *) out->data, out->len, error);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static long
peak_rss_kb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

typedef struct {
  guint pending;
  guint failed;
} ScaledWait;

static void
scaled_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  ScaledWait *wait = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = afs_photo_folder_get_scaled_finish (AFS_PHOTO_FOLDER (source), result, &error);

  if (path == NULL)
    {
      g_printerr ("bench-photos: %s\n", error->message);
      wait->failed++;
    }
  wait->pending--;
}

/* Copies of every photo at @size, @parallel requests in flight. */
static double
make_scaled (AfsPhotoFolder *folder,
             GPtrArray      *shas,
             int             size,
             guint           parallel,
             guint          *failed)
{
  ScaledWait wait = { 0, 0 };
  double t0 = now_ms ();
  guint next = 0;

  while (next < shas->len || wait.pending > 0)
    {
      while (next < shas->len && wait.pending < parallel)
        {
          wait.pending++;
          afs_photo_folder_get_scaled_async (folder, shas->pdata[next++], size, NULL,
                                             scaled_done, &wait);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  *failed = wait.failed;
  return now_ms () - t0;
}

static int
measure (const char *dir)
{
  g_autofree char *root = g_build_filename (dir, "store", NULL);
  g_autoptr(AfsPhotoFolder) folder = afs_photo_folder_new (root);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) results2 = NULL;
  g_autoptr(GError) error = NULL;
  double t0, import_ms, dup_ms, thumb_ms, report_ms;
  guint64 bytes = 0;
  guint failed = 0;
  long rss_start = peak_rss_kb ();
  long rss_import;

  for (int i = 0; i < opt_photos; i++)
    {
      g_autofree char *name = g_strdup_printf ("IMG_%04d.JPG", i + 1);
      g_autofree char *path = g_build_filename (dir, "card", name, NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        bytes += st.st_size;
      g_ptr_array_add (files, g_file_new_for_path (path));
    }

  t0 = now_ms ();
  afs_photo_folder_import_async (folder, (GFile **) files->pdata, files->len, NULL,
                                 got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  results = afs_photo_folder_import_finish (folder, result, &error);
  import_ms = now_ms () - t0;
  if (results == NULL)
    {
      g_printerr ("bench-photos: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < results->len; i++)
    {
      AfsPhotoImportResult *r = results->pdata[i];

      if (r->error != NULL)
        {
          g_printerr ("bench-photos: %s\n", r->error->message);
          return 1;
        }
      g_ptr_array_add (shas, g_strdup (r->info->sha256));
    }

  rss_import = peak_rss_kb ();

  t0 = now_ms ();
  afs_photo_folder_import_async (folder, (GFile **) files->pdata, files->len, NULL,
                                 got_result, &result2);
  while (result2 == NULL)
    g_main_context_iteration (NULL, TRUE);
  results2 = afs_photo_folder_import_finish (folder, result2, &error);
  dup_ms = now_ms () - t0;

  thumb_ms = make_scaled (folder, shas, AFS_PHOTO_SIZE_THUMBNAIL, 4, &failed);
  report_ms = make_scaled (folder, shas, AFS_PHOTO_SIZE_REPORT, 4, &failed);
  if (failed > 0)
    return 1;

  g_print ("photos                         %d (%.1f MB each, %.0f MB in all)\n",
           opt_photos, bytes / 1e6 / opt_photos, bytes / 1e6);
  g_print ("import (check, SHA-256, fsync) %.0f ms, %.1f ms a photo, %.0f MB/s\n",
           import_ms, import_ms / opt_photos, bytes / 1e3 / import_ms);
  g_print ("import again (all duplicates)  %.0f ms\n", dup_ms);
  g_print ("thumbnails 256 px, 4 at once   %.0f ms, %.1f ms a photo\n", thumb_ms, thumb_ms / opt_photos);
  g_print ("report copies 1600 px          %.0f ms, %.1f ms a photo\n", report_ms, report_ms / opt_photos);
  g_print ("peak RSS after the import       %.1f MiB (%ld kB; %ld kB at start)\n",
           rss_import / 1024.0, rss_import, rss_start);
  g_print ("peak RSS after the copies       %.1f MiB (%ld kB)\n",
           peak_rss_kb () / 1024.0, peak_rss_kb ());
  return 0;
}

int
main (int argc, char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- import photos into the photo folder");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) base = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *card = NULL;
  g_autofree char *store = NULL;
  g_autofree char *self = NULL;
  int status = 0;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-photos: %s\n", error->message);
      return 2;
    }
  if (opt_photos < 1)
    {
      g_printerr ("bench-photos: --photos must be at least 1\n");
      return 2;
    }
  if (opt_measure != NULL)
    return measure (opt_measure);

  dir = opt_keep != NULL ? g_strdup (opt_keep) : g_dir_make_tmp ("bench-photos-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-photos: %s\n", error->message);
      return 1;
    }
  card = g_build_filename (dir, "card", NULL);
  g_mkdir_with_parents (card, 0700);

  for (int i = 0; i < opt_photos; i++)
    {
      g_autofree char *name = g_strdup_printf ("IMG_%04d.JPG", i + 1);
      g_autofree char *path = g_build_filename (card, name, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      if (base == NULL)
        {
          g_print ("making a 4000 × 3000 JPEG…\n");
          base = make_base_jpeg (&error);
          if (base == NULL)
            {
              g_printerr ("bench-photos: %s\n", error->message);
              return 1;
            }
        }
      if (!write_variant (base, path, i + 1, &error))
        {
          g_printerr ("bench-photos: %s\n", error->message);
          return 1;
        }
    }
  g_clear_pointer (&base, g_bytes_unref);

  /* A fresh photo folder each run; the card is reused with --keep. */
  store = g_build_filename (dir, "store", NULL);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", store);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  /* Flush what making the photos wrote, so it does not land on the
   * import's fsyncs. */
  sync ();

  self = g_file_read_link ("/proc/self/exe", NULL);
  {
    g_autofree char *photos = g_strdup_printf ("%d", opt_photos);
    const char *child[] = { self, "--measure", dir, "--photos", photos, NULL };

    if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                       NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      {
        g_printerr ("bench-photos: %s\n", error->message);
        status = 1;
      }
  }

  if (opt_keep == NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
      g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
    }
  return status == 0 ? 0 : 1;
}
