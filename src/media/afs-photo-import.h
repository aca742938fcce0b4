/* afs-photo-import.h: checking an image file before it becomes evidence.
 *
 * Photos arrive from a camera, a memory card, a phone's folder or a drag
 * and drop. Before one is stored, we make sure it is a JPEG or PNG image
 * that is whole (a truncated JPEG is refused, not stored half grey) and
 * not so large that decoding it would exhaust a laptop's memory: the
 * size is read from the file's header BEFORE anything is decoded. The
 * result says what the photo folder and the store need: the SHA-256 of
 * the file (the photo's name), its size, its type, and from EXIF the
 * time it was taken and its orientation.
 *
 * GLib + libexif only: no GTK, no decoding here.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Images above this many pixels are refused (a 100-megapixel image needs
 * 400 MB to decode). 50 MP: larger than any phone's normal photo. */
#define AFS_PHOTO_MAX_PIXELS_DEFAULT ((guint64) 50 * 1000 * 1000)
/* Files larger than this are refused without reading them (bytes). */
#define AFS_PHOTO_MAX_BYTES_DEFAULT ((guint64) 64 * 1024 * 1024)

typedef struct {
  char    *sha256;       /* 64 lowercase hex digits of the file's bytes */
  char    *mime_type;    /* "image/jpeg" or "image/png" */
  char    *extension;    /* "jpg" or "png": the stored file's suffix */
  guint64  size;         /* bytes */
  int      width;        /* pixels, as stored (before orientation) */
  int      height;
  int      orientation;  /* EXIF orientation 1..8; 1 when absent */
  gint64   taken_at;     /* unix seconds from EXIF DateTimeOriginal
                          * (local time of the device, or with its
                          * OffsetTimeOriginal); 0 when absent */
} AfsPhotoInfo;

void     afs_photo_info_clear (AfsPhotoInfo *info);
void     afs_photo_info_free  (AfsPhotoInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsPhotoInfo, afs_photo_info_free)

/**
 * afs_photo_inspect_bytes:
 * @data: the whole file
 * @max_pixels: refuse images larger than this (0: the default)
 * @info: (out caller-allocates): filled on success; clear with
 *   afs_photo_info_clear()
 * @error: %AFS_ERROR_INVALID with a message saying what is wrong with the
 *   file and what to do (not an image, truncated, too large)
 *
 * Checks that @data is a complete JPEG or PNG of an acceptable size and
 * reads what we keep about it. Nothing is decoded.
 */
gboolean afs_photo_inspect_bytes (GBytes        *data,
                                  guint64        max_pixels,
                                  AfsPhotoInfo  *info,
                                  GError       **error);

/**
 * afs_photo_inspect_file:
 * @file: an image file
 * @max_pixels: as for afs_photo_inspect_bytes()
 * @info: (out caller-allocates): as for afs_photo_inspect_bytes()
 * @cancellable: (nullable)
 * @error: %AFS_ERROR_IO when the file cannot be read (the message names
 *   it), %AFS_ERROR_INVALID as above
 *
 * The same for a file: the size is checked before the file is read.
 * Blocking: call it from a worker (afs_photo_folder_import_async() does).
 */
gboolean afs_photo_inspect_file  (GFile         *file,
                                  guint64        max_pixels,
                                  AfsPhotoInfo  *info,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* afs_photo_inspect_file() that also returns the file's bytes (checked),
 * so they are read once. @out_bytes: (out) (optional) (transfer full). */
gboolean afs_photo_load_file     (GFile         *file,
                                  guint64        max_pixels,
                                  AfsPhotoInfo  *info,
                                  GBytes       **out_bytes,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* The SHA-256 of @data as 64 lowercase hex digits. */
char    *afs_photo_sha256_bytes  (GBytes *data);

G_END_DECLS
