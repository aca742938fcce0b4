/* afs-photo-folder.h: the app's photo folder.
 *
 * Photos are evidence (DOMAIN.md 4: "clear enough that anyone reading
 * the case understands it the same way"), so an original is kept exactly
 * as it arrived: stored once, named by the SHA-256 of its bytes
 * (afs-photo-path.h), written to a temporary file, flushed to disk
 * (fsync) and renamed into place, so a crash leaves either the whole
 * file or none. Importing the same photo twice stores one file. This
 * folder never deletes an original: which ones may go is for sync to
 * decide, once the office has them.
 *
 * For the screens and the PDF it makes downscaled JPEG copies (the
 * EXIF orientation applied): thumbnails (AFS_PHOTO_SIZE_THUMBNAIL) and
 * report copies (AFS_PHOTO_SIZE_REPORT), on a worker thread, never on
 * the main loop. Copies are caches: they can be deleted and are made
 * again when asked for.
 *
 * All _async calls run their work in a GTask thread and call back on
 * the caller's thread-default main context.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "afs-photo-import.h"

G_BEGIN_DECLS

#define AFS_PHOTO_SIZE_THUMBNAIL 256
#define AFS_PHOTO_SIZE_REPORT    1600

#define AFS_TYPE_PHOTO_FOLDER (afs_photo_folder_get_type ())
G_DECLARE_FINAL_TYPE (AfsPhotoFolder, afs_photo_folder, AFS, PHOTO_FOLDER, GObject)

/* @root: the folder, e.g. g_build_filename (g_get_user_data_dir (),
 * "aftersales", "photos", NULL); created when the first photo is stored. */
AfsPhotoFolder *afs_photo_folder_new        (const char *root);
const char     *afs_photo_folder_get_root   (AfsPhotoFolder *self);

/* Refuse images above this many pixels (default
 * AFS_PHOTO_MAX_PIXELS_DEFAULT). */
void            afs_photo_folder_set_max_pixels (AfsPhotoFolder *self, guint64 max_pixels);

/* The path of a stored original (it may not exist: check with
 * g_file_test, or use afs_photo_folder_has()). */
char           *afs_photo_folder_get_path   (AfsPhotoFolder *self,
                                             const char     *sha256,
                                             const char     *mime_type);
/* The stored original of @sha256 (either type), or NULL. */
char           *afs_photo_folder_find       (AfsPhotoFolder *self,
                                             const char     *sha256);

/* ---- Storing: blocking versions (for workers and tests) ----------------- */

/* Checks @file (afs_photo_inspect_file()) and stores it. On error nothing
 * is stored. @info (out caller-allocates): what was stored. */
gboolean        afs_photo_folder_import_file  (AfsPhotoFolder  *self,
                                               GFile           *file,
                                               AfsPhotoInfo    *info,
                                               GCancellable    *cancellable,
                                               GError         **error);
/* The same for bytes already in memory (the camera's JPEG). */
gboolean        afs_photo_folder_store_bytes  (AfsPhotoFolder  *self,
                                               GBytes          *data,
                                               AfsPhotoInfo    *info,
                                               GCancellable    *cancellable,
                                               GError         **error);

/* ---- Storing, off the main thread --------------------------------------- */

/* One file of a multi-file import: what was stored, or why not. */
typedef struct {
  GFile        *file;
  AfsPhotoInfo *info;    /* NULL when refused */
  GError       *error;   /* NULL when stored */
} AfsPhotoImportResult;

void            afs_photo_import_result_free (AfsPhotoImportResult *result);

/* Imports @files (several at once: a selection or a drop) one after the
 * other on a worker thread. A bad file does not stop the others: each
 * has its own result. */
void            afs_photo_folder_import_async  (AfsPhotoFolder      *self,
                                                GFile              **files,
                                                guint                n_files,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Returns: (transfer full) (element-type AfsPhotoImportResult): one
 * result per file, in order; NULL only when cancelled (@error set). */
GPtrArray      *afs_photo_folder_import_finish (AfsPhotoFolder  *self,
                                                GAsyncResult    *result,
                                                GError         **error);

/* ---- Downscaled copies ----------------------------------------------------- */

/* The path of a JPEG of @sha256 at most @max_size pixels wide and high,
 * upright (EXIF orientation applied), made (on a worker) if missing. An
 * image smaller than @max_size is copied at its own size. */
void            afs_photo_folder_get_scaled_async  (AfsPhotoFolder      *self,
                                                    const char          *sha256,
                                                    int                  max_size,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
char           *afs_photo_folder_get_scaled_finish (AfsPhotoFolder  *self,
                                                    GAsyncResult    *result,
                                                    GError         **error);
/* Blocking version (the PDF renderer runs on its own worker). */
char           *afs_photo_folder_get_scaled        (AfsPhotoFolder  *self,
                                                    const char      *sha256,
                                                    int              max_size,
                                                    GCancellable    *cancellable,
                                                    GError         **error);

G_END_DECLS
