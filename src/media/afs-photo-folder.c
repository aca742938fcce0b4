/* afs-photo-folder.c: originals stored once by SHA-256, and their
 * downscaled copies (see the header for why).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "afs-error.h"
#include "afs-photo-folder.h"
#include "afs-photo-path.h"

struct _AfsPhotoFolder
{
  GObject  parent_instance;

  char    *root;
  guint64  max_pixels;   /* atomic enough: set before use */
};

G_DEFINE_FINAL_TYPE (AfsPhotoFolder, afs_photo_folder, G_TYPE_OBJECT)

static void
afs_photo_folder_finalize (GObject *object)
{
  AfsPhotoFolder *self = AFS_PHOTO_FOLDER (object);

  g_free (self->root);
  G_OBJECT_CLASS (afs_photo_folder_parent_class)->finalize (object);
}

static void
afs_photo_folder_class_init (AfsPhotoFolderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = afs_photo_folder_finalize;
}

static void
afs_photo_folder_init (AfsPhotoFolder *self)
{
  self->max_pixels = AFS_PHOTO_MAX_PIXELS_DEFAULT;
}

/**
 * afs_photo_folder_new:
 * @root: the folder's path (created when the first photo is stored)
 *
 * Returns: (transfer full): a photo folder
 */
AfsPhotoFolder *
afs_photo_folder_new (const char *root)
{
  AfsPhotoFolder *self;

  g_return_val_if_fail (root != NULL, NULL);

  self = g_object_new (AFS_TYPE_PHOTO_FOLDER, NULL);
  self->root = g_strdup (root);
  return self;
}

const char *
afs_photo_folder_get_root (AfsPhotoFolder *self)
{
  g_return_val_if_fail (AFS_IS_PHOTO_FOLDER (self), NULL);
  return self->root;
}

void
afs_photo_folder_set_max_pixels (AfsPhotoFolder *self,
                                 guint64         max_pixels)
{
  g_return_if_fail (AFS_IS_PHOTO_FOLDER (self));
  self->max_pixels = max_pixels != 0 ? max_pixels : AFS_PHOTO_MAX_PIXELS_DEFAULT;
}

char *
afs_photo_folder_get_path (AfsPhotoFolder *self,
                           const char     *sha256,
                           const char     *mime_type)
{
  g_return_val_if_fail (AFS_IS_PHOTO_FOLDER (self), NULL);
  g_return_val_if_fail (afs_photo_sha256_is_valid (sha256), NULL);

  return afs_photo_path_original (self->root, sha256, mime_type);
}

char *
afs_photo_folder_find (AfsPhotoFolder *self,
                       const char     *sha256)
{
  static const char *const mimes[] = { "image/jpeg", "image/png" };

  g_return_val_if_fail (AFS_IS_PHOTO_FOLDER (self), NULL);

  if (!afs_photo_sha256_is_valid (sha256))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (mimes); i++)
    {
      char *path = afs_photo_path_original (self->root, sha256, mimes[i]);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return path;
      g_free (path);
    }
  return NULL;
}

/* ---- Writing a file whole or not at all --------------------------------------- */

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
               _("The photo could not be saved to “%s”: %s. Free some disk space or check "
                 "the folder's permissions."),
               path, g_strerror (saved_errno));
}

static gboolean
fsync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* @data written to a temporary file next to @path, flushed to disk,
 * renamed over @path: a crash leaves the old state or the new file,
 * never a half-written one. */
static gboolean
write_atomically (const char    *path,
                  const guchar  *data,
                  gsize          len,
                  GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = NULL;
  gsize done = 0;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_write_error (error, dir, errno);
      return FALSE;
    }

  tmp = g_strconcat (path, ".tmp-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, dir, errno);
      return FALSE;
    }

  while (done < len)
    {
      gssize n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;
          close (fd);
          g_unlink (tmp);
          set_write_error (error, path, saved);
          return FALSE;
        }
      done += n;
    }

  /* The descriptor is closed whether or not fsync worked. */
  if (fsync (fd) != 0)
    {
      int saved = errno;
      close (fd);
      g_unlink (tmp);
      set_write_error (error, path, saved);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      set_write_error (error, path, saved);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      set_write_error (error, path, saved);
      return FALSE;
    }
  fsync_dir (dir);
  return TRUE;
}

/* Stores @data (already checked, described by @info) unless a file with
 * its hash is there. */
static gboolean
store_checked (AfsPhotoFolder      *self,
               GBytes              *data,
               const AfsPhotoInfo  *info,
               GError             **error)
{
  g_autofree char *path = afs_photo_path_original (self->root, info->sha256, info->mime_type);
  GStatBuf st;
  gsize len;
  const guchar *d = g_bytes_get_data (data, &len);

  /* Stored once: the same bytes have the same name. A file of another
   * size under that name is a damaged copy and is replaced. */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (guint64) st.st_size == len)
    return TRUE;

  return write_atomically (path, d, len, error);
}

gboolean
afs_photo_folder_store_bytes (AfsPhotoFolder  *self,
                              GBytes          *data,
                              AfsPhotoInfo    *info,
                              GCancellable    *cancellable,
                              GError         **error)
{
  AfsPhotoInfo local = { 0, };

  g_return_val_if_fail (AFS_IS_PHOTO_FOLDER (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!afs_photo_inspect_bytes (data, self->max_pixels, &local, error))
    return FALSE;
  if (!store_checked (self, data, &local, error))
    {
      afs_photo_info_clear (&local);
      return FALSE;
    }
  if (info != NULL)
    *info = local;
  else
    afs_photo_info_clear (&local);
  return TRUE;
}

gboolean
afs_photo_folder_import_file (AfsPhotoFolder  *self,
                              GFile           *file,
                              AfsPhotoInfo    *info,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  AfsPhotoInfo local = { 0, };

  g_return_val_if_fail (AFS_IS_PHOTO_FOLDER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!afs_photo_load_file (file, self->max_pixels, &local, &bytes, cancellable, error))
    return FALSE;
  if (!store_checked (self, bytes, &local, error))
    {
      afs_photo_info_clear (&local);
      return FALSE;
    }
  if (info != NULL)
    *info = local;
  else
    afs_photo_info_clear (&local);
  return TRUE;
}

/* ---- Several files, off the main thread ---------------------------------------- */

void
afs_photo_import_result_free (AfsPhotoImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->file);
  afs_photo_info_free (result->info);
  g_clear_error (&result->error);
  g_free (result);
}

static void
free_files (GPtrArray *files)
{
  g_ptr_array_unref (files);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AfsPhotoFolder *self = source_object;
  GPtrArray *files = task_data;
  g_autoptr(GPtrArray) results =
    g_ptr_array_new_with_free_func ((GDestroyNotify) afs_photo_import_result_free);

  for (guint i = 0; i < files->len; i++)
    {
      AfsPhotoImportResult *r = g_new0 (AfsPhotoImportResult, 1);
      AfsPhotoInfo info = { 0, };
      GError *error = NULL;

      if (g_task_return_error_if_cancelled (task))
        {
          afs_photo_import_result_free (r);
          return;
        }
      r->file = g_object_ref (files->pdata[i]);
      if (afs_photo_folder_import_file (self, r->file, &info, cancellable, &error))
        r->info = g_memdup2 (&info, sizeof info);
      else
        r->error = error;
      g_ptr_array_add (results, r);
    }

  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify) g_ptr_array_unref);
}

void
afs_photo_folder_import_async (AfsPhotoFolder      *self,
                               GFile              **files,
                               guint                n_files,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *copy;

  g_return_if_fail (AFS_IS_PHOTO_FOLDER (self));
  g_return_if_fail (files != NULL || n_files == 0);

  copy = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (copy, g_object_ref (files[i]));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, afs_photo_folder_import_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) free_files);
  g_task_run_in_thread (task, import_thread);
}

GPtrArray *
afs_photo_folder_import_finish (AfsPhotoFolder  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Downscaled copies ------------------------------------------------------------ */

char *
afs_photo_folder_get_scaled (AfsPhotoFolder  *self,
                             const char      *sha256,
                             int              max_size,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autofree char *scaled = NULL;
  g_autofree char *original = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  gsize buffer_size = 0;
  int width = 0, height = 0;

  g_return_val_if_fail (AFS_IS_PHOTO_FOLDER (self), NULL);
  g_return_val_if_fail (max_size > 0, NULL);

  if (!afs_photo_sha256_is_valid (sha256))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("This is not the name of a stored photo."));
      return NULL;
    }

  scaled = afs_photo_path_scaled (self->root, sha256, max_size);
  if (g_file_test (scaled, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&scaled);

  original = afs_photo_folder_find (self, sha256);
  if (original == NULL)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                   _("The photo file %s is not in the photo folder. It may not have been "
                     "copied to this computer yet."), sha256);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (gdk_pixbuf_get_file_info (original, &width, &height) == NULL ||
      (guint64) width * height > self->max_pixels)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("The photo file %s cannot be shown: it is damaged or too large."), original);
      return NULL;
    }

  if (width <= max_size && height <= max_size)
    pixbuf = gdk_pixbuf_new_from_file (original, &local_error);
  else
    pixbuf = gdk_pixbuf_new_from_file_at_scale (original, max_size, max_size, TRUE, &local_error);
  if (pixbuf == NULL)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("The photo file %s cannot be shown: %s"), original, local_error->message);
      return NULL;
    }
  upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (upright == NULL)
    upright = g_object_ref (pixbuf);

  if (gdk_pixbuf_get_has_alpha (upright))
    {
      /* JPEG has no alpha: flatten onto white, as the photo is shown. */
      GdkPixbuf *flat = gdk_pixbuf_composite_color_simple (upright,
                                                           gdk_pixbuf_get_width (upright),
                                                           gdk_pixbuf_get_height (upright),
                                                           GDK_INTERP_NEAREST, 255, 8,
                                                           0xffffffff, 0xffffffff);
      g_object_unref (upright);
      upright = flat;
    }

  if (!gdk_pixbuf_save_to_buffer (upright, &buffer, &buffer_size, "jpeg", &local_error,
                                  "quality", "85", NULL))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_FAILED,
                   _("A smaller copy of the photo could not be made: %s"), local_error->message);
      return NULL;
    }
  if (!write_atomically (scaled, (const guchar *) buffer, buffer_size, error))
    return NULL;
  return g_steal_pointer (&scaled);
}

typedef struct {
  char *sha256;
  int   max_size;
} ScaledData;

static void
scaled_data_free (ScaledData *d)
{
  g_free (d->sha256);
  g_free (d);
}

static void
scaled_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ScaledData *d = task_data;
  GError *error = NULL;
  char *path = afs_photo_folder_get_scaled (source_object, d->sha256, d->max_size,
                                            cancellable, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

void
afs_photo_folder_get_scaled_async (AfsPhotoFolder      *self,
                                   const char          *sha256,
                                   int                  max_size,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScaledData *d;

  g_return_if_fail (AFS_IS_PHOTO_FOLDER (self));
  g_return_if_fail (max_size > 0);

  d = g_new0 (ScaledData, 1);
  d->sha256 = g_strdup (sha256);
  d->max_size = max_size;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, afs_photo_folder_get_scaled_async);
  g_task_set_task_data (task, d, (GDestroyNotify) scaled_data_free);
  g_task_run_in_thread (task, scaled_thread);
}

char *
afs_photo_folder_get_scaled_finish (AfsPhotoFolder  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
