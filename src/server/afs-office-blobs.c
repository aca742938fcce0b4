/* afs-office-blobs.c: see afs-office-blobs.h.
 *
 * A chunk is appended with pwrite() at the offset the client named,
 * after the partial file was cut back to that offset, so a chunk that
 * failed half-way leaves no tail: the next HEAD reports the bytes that
 * are really there. The complete blob is flushed to disk before it is
 * renamed into place, so a photo row that refers to it never points at
 * bytes a power cut could lose.
 *
 * The SHA-256 is computed as the chunks arrive (libcrypto, which uses the
 * CPU's SHA instructions: GLib's is eight times slower), so completing
 * an upload does not read the file again. After a restart, or when
 * another process appended, the running hash is gone and completion
 * hashes the file from disk: slower, never wrong.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>

#include "afs-office-blobs.h"
#include "afs-office-decode.h"

struct _AfsOfficeBlobs {
  char       *dir;       /* <data>/blobs */
  char       *partial;   /* <data>/blobs/partial */
  GHashTable *running;   /* sha256 → RunningHash of a partial upload */
};

typedef struct {
  EVP_MD_CTX *ctx;
  gint64      offset;    /* bytes hashed so far */
} RunningHash;

static void
running_hash_free (gpointer data)
{
  RunningHash *h = data;

  EVP_MD_CTX_free (h->ctx);
  g_free (h);
}

static void
hex_digest (EVP_MD_CTX *ctx,
            char        out[65])
{
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;

  EVP_DigestFinal_ex (ctx, md, &len);
  for (unsigned int i = 0; i < len && i < 32; i++)
    g_snprintf (out + 2 * i, 3, "%02x", md[i]);
  out[64] = '\0';
}

AfsOfficeBlobs *
afs_office_blobs_new (const char *data_dir,
                      GError    **error)
{
  AfsOfficeBlobs *self = g_new0 (AfsOfficeBlobs, 1);

  self->dir = g_build_filename (data_dir, "blobs", NULL);
  self->partial = g_build_filename (self->dir, "partial", NULL);
  self->running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, running_hash_free);
  if (g_mkdir_with_parents (self->partial, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot make the blob folder “%s”: %s", self->partial, g_strerror (errno));
      afs_office_blobs_free (self);
      return NULL;
    }
  return self;
}

void
afs_office_blobs_free (AfsOfficeBlobs *self)
{
  if (self == NULL)
    return;
  g_free (self->dir);
  g_free (self->partial);
  g_clear_pointer (&self->running, g_hash_table_destroy);
  g_free (self);
}

static char *
complete_path (AfsOfficeBlobs *self,
               const char     *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };
  return g_build_filename (self->dir, prefix, sha256, NULL);
}

static char *
partial_path (AfsOfficeBlobs *self,
              const char     *sha256)
{
  return g_build_filename (self->partial, sha256, NULL);
}

gint64
afs_office_blobs_stat (AfsOfficeBlobs *self,
                       const char     *sha256,
                       gint64         *offset)
{
  g_autofree char *path = NULL;
  GStatBuf st;

  g_return_val_if_fail (afs_office_blob_name_is_valid (sha256), -1);

  if (offset != NULL)
    *offset = 0;

  path = complete_path (self, sha256);
  if (g_stat (path, &st) == 0)
    {
      if (offset != NULL)
        *offset = st.st_size;
      return st.st_size;
    }

  g_free (path);
  path = partial_path (self, sha256);
  if (offset != NULL && g_stat (path, &st) == 0)
    *offset = st.st_size;
  return -1;
}

char *
afs_office_blobs_path (AfsOfficeBlobs *self,
                       const char     *sha256)
{
  char *path;

  g_return_val_if_fail (afs_office_blob_name_is_valid (sha256), NULL);

  path = complete_path (self, sha256);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;
  g_free (path);
  return NULL;
}

gint64
afs_office_blobs_append (AfsOfficeBlobs    *self,
                         const char        *sha256,
                         gint64             offset,
                         const char        *data,
                         gsize              length,
                         AfsOfficeProblem **problem)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);
  GBytes *chunks[1] = { bytes };

  return afs_office_blobs_append_chunks (self, sha256, offset, chunks, 1, problem);
}

gint64
afs_office_blobs_append_chunks (AfsOfficeBlobs    *self,
                                const char        *sha256,
                                gint64             offset,
                                GBytes *const     *chunks,
                                guint              n_chunks,
                                AfsOfficeProblem **problem)
{
  gsize length = 0;
  g_autofree char *path = NULL;
  gint64 have = 0;
  gint64 at;
  int fd;

  g_return_val_if_fail (afs_office_blob_name_is_valid (sha256), -1);

  for (guint i = 0; i < n_chunks; i++)
    length += g_bytes_get_size (chunks[i]);
  afs_office_blobs_stat (self, sha256, &have);
  if (offset != have)
    {
      *problem = afs_office_problem_new (409, "offset_mismatch",
                                         "The server has %lld bytes of this blob; send from "
                                         "there (Upload-Offset: %lld).",
                                         (long long) have, (long long) have);
      (*problem)->offset = have;
      return -1;
    }
  if (offset + (gint64) length > AFS_OFFICE_MAX_BLOB)
    {
      *problem = afs_office_problem_new (413, "too_large", "A blob has at most %lld bytes.",
                                         (long long) AFS_OFFICE_MAX_BLOB);
      (*problem)->limit = AFS_OFFICE_MAX_BLOB;
      return -1;
    }

  path = partial_path (self, sha256);
  fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || ftruncate (fd, offset) != 0)
    goto failed;

  at = offset;
  for (guint i = 0; i < n_chunks; i++)
    {
      gsize len, done = 0;
      const char *data = g_bytes_get_data (chunks[i], &len);

      while (done < len)
        {
          ssize_t n = pwrite (fd, data + done, len - done, at);
          if (n < 0)
            {
              if (errno == EINTR)
                continue;
              /* Leave no half chunk behind. */
              if (ftruncate (fd, offset) != 0)
                g_warning ("Cannot cut back %s: %s", path, g_strerror (errno));
              goto failed;
            }
          done += (gsize) n;
          at += n;
        }
    }
  close (fd);

  {
    RunningHash *h = g_hash_table_lookup (self->running, sha256);

    if (h == NULL && offset == 0)
      {
        h = g_new0 (RunningHash, 1);
        h->ctx = EVP_MD_CTX_new ();
        EVP_DigestInit_ex (h->ctx, EVP_sha256 (), NULL);
        g_hash_table_insert (self->running, g_strdup (sha256), h);
      }
    if (h != NULL && h->offset == offset)
      {
        for (guint i = 0; i < n_chunks; i++)
          {
            gsize len;
            const void *data = g_bytes_get_data (chunks[i], &len);
            EVP_DigestUpdate (h->ctx, data, len);
          }
        h->offset += (gint64) length;
      }
    else if (h != NULL)
      g_hash_table_remove (self->running, sha256);
  }
  return offset + (gint64) length;

failed:
  *problem = afs_office_problem_new (500, "internal", "Cannot store the chunk (%s); nothing was "
                                     "appended, try again later.", g_strerror (errno));
  g_hash_table_remove (self->running, sha256);
  if (fd >= 0)
    close (fd);
  return -1;
}

gboolean
afs_office_blobs_complete (AfsOfficeBlobs    *self,
                           const char        *sha256,
                           gint64             size,
                           AfsOfficeProblem **problem)
{
  g_autofree char *path = NULL;
  g_autofree char *final = NULL;
  g_autofree char *final_dir = NULL;
  EVP_MD_CTX *ctx = NULL;
  RunningHash *running;
  char digest[65];
  gint64 have = 0, total = 0;
  char buf[256 * 1024];
  ssize_t n;
  int fd;

  g_return_val_if_fail (afs_office_blob_name_is_valid (sha256), FALSE);

  if (afs_office_blobs_stat (self, sha256, &have) >= 0)
    {
      if (have != size)
        {
          *problem = afs_office_problem_new (422, "size_mismatch",
                                             "The server has this blob complete with %lld bytes, "
                                             "not %lld.", (long long) have, (long long) size);
          (*problem)->offset = have;
          return FALSE;
        }
      return TRUE;
    }
  if (have != size)
    {
      *problem = afs_office_problem_new (422, "size_mismatch",
                                         "The server has %lld bytes of this blob, not %lld; send "
                                         "the rest first.", (long long) have, (long long) size);
      (*problem)->offset = have;
      return FALSE;
    }

  path = partial_path (self, sha256);
  fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0 && size == 0)
    {
      /* The empty blob: nothing was ever appended. */
      fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    }
  if (fd < 0)
    goto failed;

  running = g_hash_table_lookup (self->running, sha256);
  if (running != NULL && running->offset == size)
    {
      /* Hashed as it arrived. */
      hex_digest (running->ctx, digest);
      total = size;
    }
  else
    {
      ctx = EVP_MD_CTX_new ();
      EVP_DigestInit_ex (ctx, EVP_sha256 (), NULL);
      while ((n = read (fd, buf, sizeof buf)) != 0)
        {
          if (n < 0)
            {
              if (errno == EINTR)
                continue;
              EVP_MD_CTX_free (ctx);
              close (fd);
              goto failed;
            }
          EVP_DigestUpdate (ctx, buf, n);
          total += n;
        }
      hex_digest (ctx, digest);
      EVP_MD_CTX_free (ctx);
    }
  g_hash_table_remove (self->running, sha256);

  if (total != size || g_strcmp0 (digest, sha256) != 0)
    {
      close (fd);
      g_unlink (path);
      *problem = afs_office_problem_new (422, "hash_mismatch",
                                         "The bytes received hash to %s, not to the blob's "
                                         "name; they were discarded. Upload it again from 0.",
                                         digest);
      (*problem)->offset = 0;
      (*problem)->sha256 = g_strdup (sha256);
      return FALSE;
    }

  if (fsync (fd) != 0)
    {
      close (fd);
      goto failed;
    }
  close (fd);

  final = complete_path (self, sha256);
  final_dir = g_path_get_dirname (final);
  if (g_mkdir_with_parents (final_dir, 0700) != 0 || g_rename (path, final) != 0)
    goto failed;

  fd = g_open (final_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;

failed:
  *problem = afs_office_problem_new (500, "internal", "Cannot finish the blob (%s); try again "
                                     "later.", g_strerror (errno));
  return FALSE;
}

guint
afs_office_blobs_count (AfsOfficeBlobs *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = NULL;
      g_autoptr(GDir) d2 = NULL;

      if (strlen (name) != 2)
        continue;
      sub = g_build_filename (self->dir, name, NULL);
      d2 = g_dir_open (sub, 0, NULL);
      while (d2 != NULL && g_dir_read_name (d2) != NULL)
        n++;
    }
  return n;
}
