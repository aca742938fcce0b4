/* afs-photo-path.c: where a photo's file lives (see the header).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-photo-path.h"

gboolean
afs_photo_sha256_is_valid (const char *sha256)
{
  if (sha256 == NULL)
    return FALSE;
  for (int i = 0; i < 64; i++)
    if (!((sha256[i] >= '0' && sha256[i] <= '9') || (sha256[i] >= 'a' && sha256[i] <= 'f')))
      return FALSE;
  return sha256[64] == '\0';
}

const char *
afs_photo_extension_for_mime (const char *mime_type)
{
  if (g_strcmp0 (mime_type, "image/png") == 0)
    return "png";
  return "jpg";
}

char *
afs_photo_path_original (const char *root,
                         const char *sha256,
                         const char *mime_type)
{
  g_autofree char *sub = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (afs_photo_sha256_is_valid (sha256), NULL);

  sub = g_strndup (sha256, 2);
  name = g_strdup_printf ("%s.%s", sha256, afs_photo_extension_for_mime (mime_type));
  return g_build_filename (root, sub, name, NULL);
}

char *
afs_photo_path_scaled (const char *root,
                       const char *sha256,
                       int         max_size)
{
  g_autofree char *sub = NULL;
  g_autofree char *name = NULL;
  g_autofree char *size = NULL;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (afs_photo_sha256_is_valid (sha256), NULL);
  g_return_val_if_fail (max_size > 0, NULL);

  sub = g_strndup (sha256, 2);
  name = g_strdup_printf ("%s.jpg", sha256);
  size = g_strdup_printf ("%d", max_size);
  return g_build_filename (root, "scaled", size, sub, name, NULL);
}
