/* afs-photo-viewer.h: one photo, large, with zoom, its caption and kind.
 *
 * Shows the upright report-size copy (AFS_PHOTO_SIZE_REPORT, made and
 * decoded off the main thread). Zoom with the buttons, Ctrl+scroll,
 * Ctrl+plus / Ctrl+minus, Ctrl+0 to fit. The caption and what the photo
 * shows are saved to the store (not for a signed report's photos).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"
#include "afs-store-visit.h"

G_BEGIN_DECLS

#define AFS_TYPE_PHOTO_VIEWER (afs_photo_viewer_get_type ())
G_DECLARE_FINAL_TYPE (AfsPhotoViewer, afs_photo_viewer, AFS, PHOTO_VIEWER, AdwWindow)

GtkWidget *afs_photo_viewer_new       (GtkWindow          *parent,
                                       AfsContext         *context,
                                       const AfsPhotoData *photo,
                                       gboolean            read_only);
/* 0 = fit to the window; else the scale (1.0 = one image pixel per pixel). */
double     afs_photo_viewer_get_zoom  (AfsPhotoViewer *self);
void       afs_photo_viewer_set_zoom  (AfsPhotoViewer *self,
                                       double          zoom);
/* TRUE once the picture is shown. */
gboolean   afs_photo_viewer_get_loaded (AfsPhotoViewer *self);

/* Signals: "changed": the caption or kind was saved. */

G_END_DECLS
