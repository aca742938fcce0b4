/* afs-office-blobs.h: photos and other blobs, by SHA-256, in the data
 * folder: blobs/<2 hex>/<sha256> when complete, blobs/partial/<sha256>
 * while being uploaded. Names are checked (64 lowercase hex) before any
 * path is made from them.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "afs-office-problem.h"

G_BEGIN_DECLS

#define AFS_OFFICE_MAX_CHUNK (8 * 1024 * 1024)
#define AFS_OFFICE_MAX_BLOB  ((gint64) 256 * 1024 * 1024)

typedef struct _AfsOfficeBlobs AfsOfficeBlobs;

AfsOfficeBlobs *afs_office_blobs_new     (const char *data_dir, GError **error);
void            afs_office_blobs_free    (AfsOfficeBlobs *self);

/* Size of the complete blob, or -1 when it is not complete; @offset
 * (optional) gets the bytes of a partial upload (0 when none). */
gint64          afs_office_blobs_stat    (AfsOfficeBlobs *self, const char *sha256,
                                          gint64 *offset);
/* Appends @data at @offset (must be the partial file's size). Returns the
 * new offset, or -1 with @problem. Whole or nothing: the chunk is written
 * and flushed before the offset moves. */
gint64          afs_office_blobs_append  (AfsOfficeBlobs *self, const char *sha256,
                                          gint64 offset, const char *data, gsize length,
                                          AfsOfficeProblem **problem);
/* The same for a body received in pieces (no copy into one buffer). */
gint64          afs_office_blobs_append_chunks (AfsOfficeBlobs *self, const char *sha256,
                                                gint64 offset, GBytes *const *chunks,
                                                guint n_chunks, AfsOfficeProblem **problem);
/* Hashes the partial file; when it is @size bytes of @sha256, makes it
 * the complete blob. */
gboolean        afs_office_blobs_complete (AfsOfficeBlobs *self, const char *sha256,
                                           gint64 size, AfsOfficeProblem **problem);
/* The complete blob's path (for reading), or NULL. */
char           *afs_office_blobs_path    (AfsOfficeBlobs *self, const char *sha256);
guint           afs_office_blobs_count   (AfsOfficeBlobs *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsOfficeBlobs, afs_office_blobs_free)

G_END_DECLS
