/* afs-photo-import.c: checking an image file before it becomes evidence.
 *
 * The width and height come from the JPEG SOF segment or the PNG IHDR
 * chunk, read by hand: nothing is decoded before we know the image is
 * of a size we accept (a 100-megapixel image would take 400 MB to
 * decode on a technician's laptop). Truncation is found from the end
 * marker: a JPEG's scan data cannot contain FF D9 except as its end
 * (FF in entropy-coded data is always followed by 00 or a restart
 * marker), and a PNG ends with its IEND chunk.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libexif/exif-data.h>
#include <stdio.h>
#include <string.h>

#include "afs-error.h"
#include "afs-photo-import.h"

void
afs_photo_info_clear (AfsPhotoInfo *info)
{
  g_clear_pointer (&info->sha256, g_free);
  g_clear_pointer (&info->mime_type, g_free);
  g_clear_pointer (&info->extension, g_free);
  memset (info, 0, sizeof *info);
}

void
afs_photo_info_free (AfsPhotoInfo *info)
{
  if (info == NULL)
    return;
  afs_photo_info_clear (info);
  g_free (info);
}

char *
afs_photo_sha256_bytes (GBytes *data)
{
  gsize len;
  const guchar *p = g_bytes_get_data (data, &len);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, p, len);
}

static guint
be16 (const guchar *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint32
be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
set_truncated (GError **error)
{
  g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                       _("The image file is incomplete (it was cut off while being copied or "
                         "saved). Copy it again from the camera or phone."));
}

static void
set_damaged (GError **error)
{
  g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                       _("The image file is damaged and cannot be read. Take the photo again, "
                         "or copy it again from the camera or phone."));
}

/* Width and height from the SOF segment; FALSE with @error if the
 * headers are damaged or cut off. */
static gboolean
jpeg_size (const guchar  *d,
           gsize          len,
           guint         *width,
           guint         *height,
           GError       **error)
{
  gsize pos = 2;
  gsize sos = 0;
  gboolean have_size = FALSE;

  while (pos + 4 <= len)
    {
      guint marker, seg_len;

      if (d[pos] != 0xFF)
        {
          set_damaged (error);
          return FALSE;
        }
      while (pos + 1 < len && d[pos + 1] == 0xFF)   /* fill bytes */
        pos++;
      if (pos + 4 > len)
        break;
      marker = d[pos + 1];
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        {
          pos += 2;
          continue;
        }
      if (marker == 0xD9)
        {
          set_damaged (error);
          return FALSE;
        }
      seg_len = be16 (d + pos + 2);
      if (seg_len < 2 || pos + 2 + seg_len > len)
        {
          set_truncated (error);
          return FALSE;
        }
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          if (seg_len < 7)
            {
              set_damaged (error);
              return FALSE;
            }
          *height = be16 (d + pos + 5);
          *width = be16 (d + pos + 7);
          have_size = TRUE;
        }
      if (marker == 0xDA)
        {
          sos = pos + 2 + seg_len;
          break;
        }
      pos += 2 + seg_len;
    }

  if (sos == 0)
    {
      /* The headers ran into the end of the file. */
      set_truncated (error);
      return FALSE;
    }
  if (!have_size || *width == 0 || *height == 0)
    {
      set_damaged (error);
      return FALSE;
    }

  /* The end marker must come after the scan. */
  for (gsize i = len - 1; i > sos; i--)
    if (d[i] == 0xD9 && d[i - 1] == 0xFF)
      return TRUE;

  set_truncated (error);
  return FALSE;
}

static gboolean
png_size (const guchar  *d,
          gsize          len,
          guint         *width,
          guint         *height,
          GError       **error)
{
  if (len < 33 || memcmp (d + 12, "IHDR", 4) != 0)
    {
      if (len < 33)
        set_truncated (error);
      else
        set_damaged (error);
      return FALSE;
    }
  *width = be32 (d + 16);
  *height = be32 (d + 20);
  if (*width == 0 || *height == 0)
    {
      set_damaged (error);
      return FALSE;
    }
  if (len < 45 || memcmp (d + len - 8, "IEND", 4) != 0)
    {
      set_truncated (error);
      return FALSE;
    }
  return TRUE;
}

/* "2024:05:01 10:20:30" (+ "+02:00") as unix seconds; 0 if not a time. */
static gint64
parse_exif_time (const char *text,
                 const char *offset)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi, s;

  if (text == NULL || sscanf (text, "%d:%d:%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6)
    return 0;
  if (y < 1990 || y > 9999)
    return 0;
  if (offset != NULL && (offset[0] == '+' || offset[0] == '-'))
    tz = g_time_zone_new_identifier (offset);
  if (tz == NULL)
    tz = g_time_zone_new_local ();
  dt = g_date_time_new (tz, y, mo, d, h, mi, s);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static char *
exif_string (ExifData   *ed,
             ExifIfd     ifd,
             ExifTag     tag)
{
  ExifEntry *e = exif_content_get_entry (ed->ifd[ifd], tag);
  char buf[64];

  if (e == NULL || e->format != EXIF_FORMAT_ASCII)
    return NULL;
  exif_entry_get_value (e, buf, sizeof buf);
  return g_strdup (buf);
}

static void
read_exif (const guchar *d,
           gsize         len,
           AfsPhotoInfo *info)
{
  ExifData *ed;
  ExifEntry *e;
  g_autofree char *taken = NULL;
  g_autofree char *offset = NULL;

  info->orientation = 1;
  ed = exif_data_new_from_data (d, len);
  if (ed == NULL)
    return;

  e = exif_content_get_entry (ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
  if (e != NULL && e->format == EXIF_FORMAT_SHORT && e->size >= 2)
    {
      int o = exif_get_short (e->data, exif_data_get_byte_order (ed));
      if (o >= 1 && o <= 8)
        info->orientation = o;
    }

  taken = exif_string (ed, EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL);
  if (taken == NULL)
    taken = exif_string (ed, EXIF_IFD_0, EXIF_TAG_DATE_TIME);
  offset = exif_string (ed, EXIF_IFD_EXIF, EXIF_TAG_OFFSET_TIME_ORIGINAL);
  info->taken_at = parse_exif_time (taken, offset);

  exif_data_unref (ed);
}

/**
 * afs_photo_inspect_bytes:
 *
 * See the header.
 */
gboolean
afs_photo_inspect_bytes (GBytes        *data,
                         guint64        max_pixels,
                         AfsPhotoInfo  *info,
                         GError       **error)
{
  static const guchar png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
  gsize len;
  const guchar *d;
  guint width = 0, height = 0;
  gboolean is_jpeg;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  if (max_pixels == 0)
    max_pixels = AFS_PHOTO_MAX_PIXELS_DEFAULT;

  d = g_bytes_get_data (data, &len);
  if (len == 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The file is empty. Choose a photo (JPEG or PNG)."));
      return FALSE;
    }

  is_jpeg = len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF;
  if (!is_jpeg && !(len >= 8 && memcmp (d, png_signature, 8) == 0))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("This file is not a photo the app can use. Choose a JPEG or PNG "
                             "image (photos from cameras and phones are JPEG)."));
      return FALSE;
    }

  if (is_jpeg ? !jpeg_size (d, len, &width, &height, error)
              : !png_size (d, len, &width, &height, error))
    return FALSE;

  if ((guint64) width * height > max_pixels)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("The image is too large (%u × %u pixels, %.1f megapixels; at most %.1f). "
                     "Take the photo at a lower resolution, or make a smaller copy of it first."),
                   width, height, (double) width * height / 1e6, (double) max_pixels / 1e6);
      return FALSE;
    }

  info->sha256 = afs_photo_sha256_bytes (data);
  info->mime_type = g_strdup (is_jpeg ? "image/jpeg" : "image/png");
  info->extension = g_strdup (is_jpeg ? "jpg" : "png");
  info->size = len;
  info->width = width;
  info->height = height;
  info->orientation = 1;
  if (is_jpeg)
    read_exif (d, len, info);
  return TRUE;
}

/* A file that cannot be read, said the way the user can act on it;
 * takes @io_error. */
static void
set_read_error (GError    **error,
                GError     *io_error,
                const char *name)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, io_error);
      return;
    }
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                 _("“%s” cannot be read: you have no permission to open it or its folder. "
                   "Copy the photo to a folder you can read, or ask for access."), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                 _("“%s” no longer exists. It may have been moved, or the memory card removed."),
                 name);
  else
    g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                 _("“%s” cannot be read: %s. Check that the file is still there."),
                 name, io_error->message);
  g_error_free (io_error);
}

/**
 * afs_photo_inspect_file:
 *
 * See the header.
 */
gboolean
afs_photo_inspect_file (GFile         *file,
                        guint64        max_pixels,
                        AfsPhotoInfo  *info,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return afs_photo_load_file (file, max_pixels, info, NULL, cancellable, error);
}

/**
 * afs_photo_load_file:
 *
 * See the header.
 */
gboolean
afs_photo_load_file (GFile         *file,
                     guint64        max_pixels,
                     AfsPhotoInfo  *info,
                     GBytes       **out_bytes,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileInfo) finfo = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  name = g_file_get_parse_name (file);

  finfo = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                             G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (finfo == NULL)
    {
      set_read_error (error, g_steal_pointer (&local_error), name);
      return FALSE;
    }

  if (g_file_info_get_file_type (finfo) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("“%s” is a folder, not a photo. Open the folder and choose the photos in it."),
                   name);
      return FALSE;
    }
  if ((guint64) g_file_info_get_size (finfo) > AFS_PHOTO_MAX_BYTES_DEFAULT)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("“%s” is too large for a photo (%.1f MB; at most %.0f MB). Choose a smaller "
                     "copy of it."), name, g_file_info_get_size (finfo) / 1e6,
                   AFS_PHOTO_MAX_BYTES_DEFAULT / 1e6);
      return FALSE;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      set_read_error (error, g_steal_pointer (&local_error), name);
      return FALSE;
    }
  bytes = g_bytes_new_take (contents, length);

  if (!afs_photo_inspect_bytes (bytes, max_pixels, info, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name,
                   local_error->message);
      return FALSE;
    }
  if (out_bytes != NULL)
    *out_bytes = g_steal_pointer (&bytes);
  return TRUE;
}
