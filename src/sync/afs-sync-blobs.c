/* afs-sync-blobs.c: photos to and from the office, by SHA-256
 * (docs/sync-protocol.md section 9).
 *
 * Upload: ask the server how much it has (HEAD), send the rest in chunks
 * from that byte on, ask it to verify the whole (complete). A blob the
 * server already has costs one request. A cut connection costs at most
 * the chunk in flight: the next sync resumes from the server's offset.
 * Only a confirmed blob is recorded as safe (blob_uploads); nothing here
 * ever deletes a local original, least of all after an error
 * (SYNC-NOTES.md: PowerSync's attachment queue did).
 *
 * Download: photos pulled from the office whose file is not on this
 * computer are fetched, checked against their name and written
 * atomically (temporary file, fsync, rename).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "afs-sync-private.h"

char *
afs_sync_photo_path (const char *photo_dir,
                     const char *sha256,
                     gboolean    png)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };
  g_autofree char *name = g_strconcat (sha256, png ? ".png" : ".jpg", NULL);

  /* afs-photo-path.h: <root>/<sha[0..1]>/<sha>.<ext> */
  return g_build_filename (photo_dir, prefix, name, NULL);
}

char *
afs_sync_find_photo (const char *photo_dir,
                     const char *sha256)
{
  for (int png = 0; png <= 1; png++)
    {
      char *path = afs_sync_photo_path (photo_dir, sha256, png);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return path;
      g_free (path);
    }
  return NULL;
}

static gboolean
check_name (const char  *sha256,
            GError     **error)
{
  gsize len = sha256 != NULL ? strlen (sha256) : 0;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (sha256[i]) && !(sha256[i] >= 'a' && sha256[i] <= 'f'))
      len = 0;
  if (len == 64)
    return TRUE;

  g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED,
               _("A photo is recorded under the name “%s”, which is not a SHA-256. Nothing "
                 "was sent for it; tell the administrator."),
               sha256 != NULL ? sha256 : "");
  return FALSE;
}

/* HEAD: TRUE with @complete or @offset set. */
static gboolean
server_offset (AfsSyncJob  *job,
               const char  *path,
               gboolean    *complete,
               gint64      *offset,
               GError     **error)
{
  AfsHttpReply reply;
  const char *header;

  if (!afs_sync_http_bytes (job, "HEAD", path, NULL, &reply, NULL, error, NULL))
    return FALSE;

  *complete = reply.status == 200;
  *offset = 0;
  if (reply.status == 200)
    *offset = soup_message_headers_get_content_length (reply.headers);
  else if (reply.status == 404)
    {
      header = soup_message_headers_get_one (reply.headers, "Upload-Offset");
      if (header != NULL)
        *offset = g_ascii_strtoll (header, NULL, 10);
    }
  else
    {
      gboolean ok = afs_sync_reply_error (&reply, error);

      afs_http_reply_clear (&reply);
      return ok;
    }
  afs_http_reply_clear (&reply);
  return TRUE;
}

/* The server's offset from a PATCH reply (its JSON or its header). */
static gint64
reply_offset (AfsHttpReply *reply)
{
  gint64 offset = -1;
  const char *header;

  if (afs_sync_json_int (reply->json, "offset", &offset, NULL))
    return offset;
  header = soup_message_headers_get_one (reply->headers, "Upload-Offset");
  if (header != NULL)
    return g_ascii_strtoll (header, NULL, 10);
  return -1;
}

static gboolean
upload_one (AfsSyncJob  *job,
            const char  *sha256,
            GError     **error)
{
  g_autofree char *path = g_strconcat ("/v1/blobs/", sha256, NULL);
  g_autofree char *complete_path = g_strconcat (path, "/complete", NULL);
  g_autofree char *file = NULL;
  g_autoptr(GFile) gfile = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree guchar *buf = NULL;
  gboolean complete;
  gint64 offset, size;
  guint restarts = 0;

  if (!check_name (sha256, error))
    return FALSE;
  if (!server_offset (job, path, &complete, &offset, error))
    return FALSE;
  if (complete)
    {
      job->report.photos_sent++;
      return afs_store_sync_confirm_blob (job->store, sha256, offset, error);
    }

  file = afs_sync_find_photo (job->photo_dir, sha256);
  if (file == NULL)
    {
      g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED,
                   _("The photo %s is recorded on this computer but its file is not in %s. "
                     "Put the file back (it is named after its SHA-256) and sync again."),
                   sha256, job->photo_dir);
      return FALSE;
    }

  gfile = g_file_new_for_path (file);
  in = g_file_read (gfile, job->cancellable, error);
  if (in == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, job->cancellable, error);
  if (info == NULL)
    return FALSE;
  size = g_file_info_get_size (info);
  if (offset > size)
    offset = 0;   /* not ours: the complete call will say; start again */

  job->bytes_total += (guint64) (size - offset);
  afs_sync_job_post_bytes (job);
  buf = g_malloc (job->chunk_size);

  for (;;)
    {
      AfsHttpReply reply;

      while (offset < size)
        {
          g_autofree char *offset_text = g_strdup_printf ("%lld", (long long) offset);
          g_autoptr(GBytes) chunk = NULL;
          gsize n = 0;
          gint64 next;

          if (!g_seekable_seek (G_SEEKABLE (in), offset, G_SEEK_SET, job->cancellable, error))
            return FALSE;
          if (!g_input_stream_read_all (G_INPUT_STREAM (in), buf,
                                        MIN ((gint64) job->chunk_size, size - offset),
                                        &n, job->cancellable, error))
            return FALSE;
          if (n == 0)
            break;
          chunk = g_bytes_new (buf, n);

          if (!afs_sync_http_bytes (job, "PATCH", path, chunk, &reply, NULL, error,
                                    "Upload-Offset", offset_text, NULL))
            return FALSE;

          if (reply.status == 200 || (reply.status == 409 &&
                                      g_strcmp0 (reply.error_code, "offset_mismatch") == 0))
            {
              next = reply_offset (&reply);
              afs_http_reply_clear (&reply);
              if (next < 0 || next > size)
                {
                  g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_PROTOCOL,
                               _("The office server reported an impossible upload position "
                                 "for photo %s. Nothing was lost; sync again."),
                               sha256);
                  return FALSE;
                }
              if (next > offset)
                job->bytes_sent += (guint64) (next - offset);
              offset = next;
              job->report.photo_bytes += n;
              afs_sync_job_post_bytes (job);
              continue;
            }

          {
            gboolean ok = afs_sync_reply_error (&reply, error);

            afs_http_reply_clear (&reply);
            return ok;
          }
        }

      {
        g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
        g_autoptr(JsonNode) body = NULL;

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "size");
        json_builder_add_int_value (b, size);
        json_builder_end_object (b);
        body = json_builder_get_root (b);
        if (!afs_sync_http_json (job, "POST", complete_path, body, &reply, error))
          return FALSE;
      }

      if (reply.status == 200)
        {
          afs_http_reply_clear (&reply);
          job->report.photos_sent++;
          return afs_store_sync_confirm_blob (job->store, sha256, size, error);
        }

      if (reply.status == 422 && restarts == 0)
        {
          /* The server's part differs from ours (hash) or is shorter
           * (size): it discarded a bad part; start from what it has. */
          afs_http_reply_clear (&reply);
          restarts++;
          if (!server_offset (job, path, &complete, &offset, error))
            return FALSE;
          if (complete)
            return afs_store_sync_confirm_blob (job->store, sha256, size, error);
          continue;
        }

      if (reply.status == 422)
        {
          afs_http_reply_clear (&reply);
          g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED,
                       _("The photo file %s does not match its recorded SHA-256: it was "
                         "changed or damaged on this computer. It was kept as it is; tell "
                         "the administrator."),
                       file);
          return FALSE;
        }

      {
        gboolean ok = afs_sync_reply_error (&reply, error);

        afs_http_reply_clear (&reply);
        return ok;
      }
    }
}

gboolean
afs_sync_upload_blobs (AfsSyncJob  *job,
                       GError     **error)
{
  g_autoptr(GPtrArray) blobs = afs_store_sync_unconfirmed_blobs (job->store, error);

  if (blobs == NULL)
    return FALSE;

  for (guint i = 0; i < blobs->len; i++)
    if (!upload_one (job, blobs->pdata[i], error))
      return FALSE;

  return TRUE;
}

static gboolean
write_atomically (const char  *path,
                  GBytes      *data,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the photo folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  /* Temporary file, fsync, rename: a crash leaves the whole file or none. */
  return g_file_set_contents_full (path, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

gboolean
afs_sync_download_blobs (AfsSyncJob  *job,
                         GError     **error)
{
  g_autoptr(GPtrArray) hashes = afs_store_sync_photo_blobs (job->store, error);

  if (hashes == NULL)
    return FALSE;

  for (guint i = 0; i < hashes->len; i++)
    {
      const char *sha256 = hashes->pdata[i];
      g_autofree char *have = NULL;
      g_autofree char *path = NULL;
      g_autofree char *target = NULL;
      g_autofree char *actual = NULL;
      g_autoptr(GBytes) body = NULL;
      AfsHttpReply reply;
      const guchar *data;
      gsize size;

      if (!check_name (sha256, error))
        return FALSE;
      have = afs_sync_find_photo (job->photo_dir, sha256);
      if (have != NULL)
        continue;

      path = g_strconcat ("/v1/blobs/", sha256, NULL);
      if (!afs_sync_http_bytes (job, "GET", path, NULL, &reply, &body, error, NULL))
        return FALSE;
      if (reply.status != 200)
        {
          /* Not there (yet): the photo row arrived, its blob did not. The
           * next sync tries again; it is not an error of this device. */
          gboolean missing = reply.status == 404;
          gboolean ok = missing || afs_sync_reply_error (&reply, error);

          afs_http_reply_clear (&reply);
          if (!ok)
            return FALSE;
          continue;
        }
      afs_http_reply_clear (&reply);

      data = g_bytes_get_data (body, &size);
      actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
      if (g_strcmp0 (actual, sha256) != 0)
        {
          g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_PROTOCOL,
                       _("The photo %s downloaded from the office server is damaged (its "
                         "SHA-256 differs). It was not saved; sync again."),
                       sha256);
          return FALSE;
        }
      target = afs_sync_photo_path (job->photo_dir, sha256,
                                    size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0);
      if (!write_atomically (target, body, error))
        return FALSE;
    }

  return TRUE;
}
