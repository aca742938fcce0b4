/* afs-photo-path.h: where a photo's file lives in the photo folder.
 *
 * One rule, used by the photo folder (src/media) that writes the files
 * and by the store (src/store) that checks them when it verifies a
 * signed report: an original is stored once, named by the SHA-256 of
 * its bytes, in a subfolder named by the first two hex digits (so no
 * folder holds more than a few hundred files):
 *
 *   <root>/ab/ab12…ef.jpg        the original, never rewritten
 *   <root>/scaled/<N>/ab/ab12…ef.jpg   a copy at most N pixels wide/high
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @sha256 is 64 lowercase hex digits. */
gboolean  afs_photo_sha256_is_valid   (const char *sha256);
/* "jpg" for image/jpeg, "png" for image/png; "jpg" for NULL or others. */
const char *afs_photo_extension_for_mime (const char *mime_type);
/* <root>/<sha[0..1]>/<sha>.<ext of mime_type> */
char     *afs_photo_path_original     (const char *root,
                                       const char *sha256,
                                       const char *mime_type);
/* <root>/scaled/<max_size>/<sha[0..1]>/<sha>.jpg */
char     *afs_photo_path_scaled       (const char *root,
                                       const char *sha256,
                                       int         max_size);

G_END_DECLS
