/* media-test-util.c: see the header. */

#include "config.h"

#include <glib/gstdio.h>
#include <libexif/exif-data.h>
#include <stdlib.h>
#include <string.h>

#include "media-test-util.h"

char *
media_test_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("afs-media-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      GDir *dir;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      if (dir != NULL)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

void
media_test_dir_free (char *dir)
{
  if (dir == NULL)
    return;
  remove_tree (dir);
  g_free (dir);
}

static GdkPixbuf *
gradient (int   width,
          int   height,
          guint seed,
          gboolean alpha)
{
  GdkPixbuf *pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pb);
  int n = gdk_pixbuf_get_n_channels (pb);
  guchar *px = gdk_pixbuf_get_pixels (pb);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = px + y * stride + x * n;
        p[0] = (x * 255 / width + seed) & 0xff;
        p[1] = (y * 255 / height + seed * 7) & 0xff;
        p[2] = ((x ^ y) + seed * 13) & 0xff;
        if (alpha)
          p[3] = 255;
      }
  return pb;
}

static void
set_ascii (ExifData   *ed,
           ExifIfd     ifd,
           ExifTag     tag,
           const char *value)
{
  ExifEntry *e = exif_entry_new ();
  ExifMem *mem = exif_mem_new_default ();

  exif_content_add_entry (ed->ifd[ifd], e);
  e->tag = tag;
  e->format = EXIF_FORMAT_ASCII;
  e->components = strlen (value) + 1;
  e->size = e->components;
  e->data = exif_mem_alloc (mem, e->size);
  memcpy (e->data, value, e->size);
  exif_mem_unref (mem);
  exif_entry_unref (e);
}

GBytes *
media_test_jpeg (int         width,
                 int         height,
                 guint       seed,
                 const char *taken,
                 const char *offset,
                 int         orientation)
{
  g_autoptr(GdkPixbuf) pb = gradient (width, height, seed, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *jpeg = NULL;
  gsize len = 0;
  ExifData *ed;
  unsigned char *exif = NULL;
  unsigned int exif_len = 0;
  GByteArray *out;

  g_assert_true (gdk_pixbuf_save_to_buffer (pb, &jpeg, &len, "jpeg", &error, "quality", "90", NULL));
  g_assert_no_error (error);

  if (taken == NULL && orientation <= 1)
    return g_bytes_new (jpeg, len);

  ed = exif_data_new ();
  exif_data_set_byte_order (ed, EXIF_BYTE_ORDER_INTEL);
  if (orientation > 1)
    {
      ExifEntry *e = exif_entry_new ();

      exif_content_add_entry (ed->ifd[EXIF_IFD_0], e);
      exif_entry_initialize (e, EXIF_TAG_ORIENTATION);
      exif_set_short (e->data, EXIF_BYTE_ORDER_INTEL, orientation);
      exif_entry_unref (e);
    }
  if (taken != NULL)
    set_ascii (ed, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL, taken);
  if (offset != NULL)
    set_ascii (ed, EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME_ORIGINAL, offset);
  exif_data_save_data (ed, &exif, &exif_len);
  exif_data_unref (ed);
  g_assert_nonnull (exif);

  /* SOI, APP1 (Exif), then the rest of the JPEG after its SOI. */
  out = g_byte_array_new ();
  g_byte_array_append (out, (const guint8 *) "\xFF\xD8\xFF\xE1", 4);
  {
    guint8 seg_len[2] = { (exif_len + 2) >> 8, (exif_len + 2) & 0xff };
    g_byte_array_append (out, seg_len, 2);
  }
  g_byte_array_append (out, exif, exif_len);
  g_byte_array_append (out, (const guint8 *) jpeg + 2, len - 2);
  free (exif);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
media_test_png (int width,
                int height)
{
  g_autoptr(GdkPixbuf) pb = gradient (width, height, 3, TRUE);
  g_autoptr(GError) error = NULL;
  char *png = NULL;
  gsize len = 0;

  g_assert_true (gdk_pixbuf_save_to_buffer (pb, &png, &len, "png", &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (png, len);
}

GBytes *
media_test_huge_jpeg_header (guint width,
                             guint height)
{
  static const guint8 soi[] = { 0xFF, 0xD8 };
  /* APP0 JFIF */
  static const guint8 app0[] = { 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0 };
  guint8 sof[] = { 0xFF, 0xC0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff,
                   3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1 };
  static const guint8 sos[] = { 0xFF, 0xDA, 0x00, 0x0C, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3F, 0 };
  static const guint8 data_eoi[] = { 0x12, 0x34, 0x56, 0xFF, 0xD9 };
  GByteArray *out = g_byte_array_new ();

  g_byte_array_append (out, soi, sizeof soi);
  g_byte_array_append (out, app0, sizeof app0);
  g_byte_array_append (out, sof, sizeof sof);
  g_byte_array_append (out, sos, sizeof sos);
  g_byte_array_append (out, data_eoi, sizeof data_eoi);
  return g_byte_array_free_to_bytes (out);
}

static void
append_be32 (GByteArray *out,
             guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };
  g_byte_array_append (out, b, 4);
}

GBytes *
media_test_huge_png_header (guint width,
                            guint height)
{
  static const guint8 sig[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  GByteArray *out = g_byte_array_new ();
  guint8 ihdr[13];
  gulong crc;

  g_byte_array_append (out, sig, sizeof sig);
  append_be32 (out, 13);
  ihdr[0] = width >> 24; ihdr[1] = width >> 16; ihdr[2] = width >> 8; ihdr[3] = width;
  ihdr[4] = height >> 24; ihdr[5] = height >> 16; ihdr[6] = height >> 8; ihdr[7] = height;
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  g_byte_array_append (out, (const guint8 *) "IHDR", 4);
  g_byte_array_append (out, ihdr, 13);
  crc = 0;   /* not checked before decoding; a decoder would refuse it later */
  append_be32 (out, crc);
  append_be32 (out, 0);
  g_byte_array_append (out, (const guint8 *) "IEND", 4);
  append_be32 (out, 0xAE426082);
  return g_byte_array_free_to_bytes (out);
}

char *
media_test_write (const char *dir,
                  const char *name,
                  GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
  return path;
}

guint
media_test_count_files (const char *path,
                        const char *skip)
{
  GDir *dir;
  const char *name;
  guint n = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return 0;
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (skip != NULL && strstr (name, skip) != NULL)
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += media_test_count_files (child, skip);
      else
        n++;
    }
  if (dir != NULL)
    g_dir_close (dir);
  return n;
}
