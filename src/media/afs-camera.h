/* afs-camera.h: the live camera, as a GStreamer pipeline.
 *
 *   <source> ! videoconvert ! video/x-raw,format=RGBA ! appsink
 *
 * The source is "v4l2src" on a normal desktop, "pipewiresrc" when the app
 * runs sandboxed (Flatpak: the camera portal hands out a PipeWire
 * stream), "videotestsrc" in tests. It is chosen by the "source"
 * property, which defaults to $AFS_CAMERA_SOURCE, else to pipewiresrc
 * when /.flatpak-info exists, else to v4l2src. "device" (optional) is
 * set on the source when it has such a property (v4l2src).
 *
 * While running, "frame" is emitted on the main context of the thread
 * that called afs_camera_start() with the newest frame (older frames the
 * UI had no time to show are dropped, never queued): the UI wraps it in
 * a GdkMemoryTexture (GDK_MEMORY_R8G8B8A8) for a GtkPicture. This file
 * does not use GTK.
 *
 * afs_camera_capture_async() encodes the newest frame as a JPEG and
 * stores it in the photo folder, returning its SHA-256.
 *
 * Without a camera, afs_camera_start() fails with AFS_ERROR_NOT_FOUND
 * and "No camera was found. Connect one, or import photos from files
 * instead." (v4l2src reports GST_RESOURCE_ERROR "Cannot identify device").
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "afs-photo-folder.h"

G_BEGIN_DECLS

#define AFS_TYPE_CAMERA (afs_camera_get_type ())
G_DECLARE_FINAL_TYPE (AfsCamera, afs_camera, AFS, CAMERA, GObject)

/* Initialises GStreamer if needed (safe to call more than once). */
void        afs_camera_init_gstreamer (void);

/* @folder: where captures are stored (a reference is kept). */
AfsCamera  *afs_camera_new          (AfsPhotoFolder *folder);

/* "source": GStreamer element name (see above); change it while stopped. */
void        afs_camera_set_source   (AfsCamera *self, const char *source);
const char *afs_camera_get_source   (AfsCamera *self);
/* "device": e.g. "/dev/video2"; NULL = the source's default. */
void        afs_camera_set_device   (AfsCamera *self, const char *device);
const char *afs_camera_get_device   (AfsCamera *self);

/* Builds and starts the pipeline; returns once the source has opened the
 * device (or failed to). Errors: AFS_ERROR_NOT_FOUND (no camera, or the
 * source element is not installed), AFS_ERROR_FAILED (anything else,
 * with GStreamer's message). A later failure (camera unplugged) stops
 * the camera and emits "error". */
gboolean    afs_camera_start        (AfsCamera *self, GError **error);
void        afs_camera_stop         (AfsCamera *self);
gboolean    afs_camera_is_running   (AfsCamera *self);

/* The newest frame, if one has arrived: RGBA, 4 bytes a pixel, rows
 * @stride bytes apart. Returns: (transfer full) (nullable). */
GBytes     *afs_camera_get_last_frame (AfsCamera *self,
                                       int       *width,
                                       int       *height,
                                       int       *stride);

/* Stores the newest frame as a JPEG (quality 90) in the photo folder, on
 * a worker thread. Fails with AFS_ERROR_PRECONDITION when no frame has
 * arrived yet ("The camera has not delivered a picture yet. Wait a
 * moment and try again."). */
void        afs_camera_capture_async  (AfsCamera           *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* Returns: (transfer full): the SHA-256 of the stored JPEG; @info
 * (optional, out caller-allocates) what was stored (size, width,
 * height, taken_at = the capture time). */
char       *afs_camera_capture_finish (AfsCamera     *self,
                                       GAsyncResult  *result,
                                       AfsPhotoInfo  *info,
                                       GError       **error);

/* Signals:
 *   "frame" (GBytes *rgba, int width, int height, int stride)
 *   "error" (GError *error): the running camera failed and was stopped. */

G_END_DECLS
