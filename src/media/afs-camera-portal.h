/* afs-camera-portal.h: the camera through xdg-desktop-portal, for
 * pipewiresrc in a sandbox (private to afs-camera.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether the app runs in a Flatpak sandbox (/.flatpak-info exists). */
gboolean afs_camera_portal_is_sandboxed (void);

/* Asks the Camera portal for access (blocking until the user answered
 * its dialog, the first time) and returns a PipeWire connection's file
 * descriptor for pipewiresrc's "fd" property, or -1 with @error set
 * (AFS_ERROR_NOT_FOUND: no camera or no portal; AFS_ERROR_FORBIDDEN:
 * access refused). */
int      afs_camera_portal_open         (GError **error);

G_END_DECLS
