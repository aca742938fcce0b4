/* afs-camera-window.h: the live camera preview and its shutter.
 *
 * DOMAIN.md 4: photos of the item are evidence. The preview shows the
 * frames of an AfsCamera (GStreamer appsink, RGBA) in a GtkPicture; the
 * shutter (button or Space) stores the newest frame as a JPEG in the
 * photo folder and emits "captured" with its SHA-256. Without a camera the
 * window says so plainly and offers import instead ("import-requested").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-photo-folder.h"

G_BEGIN_DECLS

#define AFS_TYPE_CAMERA_WINDOW (afs_camera_window_get_type ())
G_DECLARE_FINAL_TYPE (AfsCameraWindow, afs_camera_window, AFS, CAMERA_WINDOW, AdwWindow)

/* Opens the camera at once (the camera's "source" comes from
 * $AFS_CAMERA_SOURCE, see afs-camera.h). */
GtkWidget  *afs_camera_window_new        (GtkWindow      *parent,
                                          AfsPhotoFolder *folder);
/* "starting", "no-camera" or "preview" (for tests). */
const char *afs_camera_window_get_state  (AfsCameraWindow *self);
/* Frames shown so far (for tests). */
guint       afs_camera_window_get_n_frames (AfsCameraWindow *self);
/* Press the shutter, as the button and Space do. */
void        afs_camera_window_shutter    (AfsCameraWindow *self);

/* Signals:
 *   "captured" (const char *sha256, const AfsPhotoInfo *info): a photo
 *     was stored (info: its size, width, height and capture time);
 *   "import-requested": the person chose to import files instead. */

G_END_DECLS
