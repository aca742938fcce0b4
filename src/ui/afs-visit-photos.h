/* afs-visit-photos.h: the photo evidence of a visit.
 *
 * DOMAIN.md 4: "photos of the whole item, the damaged part up close,
 * detail, the packaging at the damaged spot, the batch label on the
 * packaging", plus before and after the repair: a checklist says what is
 * still missing. Photos come from the camera (AfsCameraWindow), from
 * files chosen in a file chooser (several at once) or dropped on the
 * page; each is checked and stored once by SHA-256 in the photo folder
 * (afs-photo-folder.h) before its row is added. Thumbnails are made off
 * the main thread; activating one opens the viewer (zoom, caption).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_VISIT_PHOTOS (afs_visit_photos_get_type ())
G_DECLARE_FINAL_TYPE (AfsVisitPhotos, afs_visit_photos, AFS, VISIT_PHOTOS, GtkWidget)

GtkWidget *afs_visit_photos_new          (void);
/* Show the photos of @case_id (loads on a worker). */
void       afs_visit_photos_set_visit    (AfsVisitPhotos *self,
                                          AfsContext     *context,
                                          const char     *case_id);
void       afs_visit_photos_reload       (AfsVisitPhotos *self);
/* A signed report's photos cannot change: no import, camera or caption edits. */
void       afs_visit_photos_set_read_only (AfsVisitPhotos *self,
                                           gboolean        read_only);

/* Check, store and add these files as photos of the next kind (what the
 * file chooser and a drop do), off the main thread: the photo folder
 * checks and stores them (afs_photo_folder_import_async()), then the rows
 * are added on a worker. While it runs the toolbar says "Importing N
 * photos…" with a spinner. The result is one toast; when several files
 * are refused the page also lists each with its reason. */
void       afs_visit_photos_import_files (AfsVisitPhotos *self,
                                          GFile         **files,
                                          guint           n_files);
/* Open a file chooser for several images. */
void       afs_visit_photos_choose_files (AfsVisitPhotos *self);
/* Open the camera window. Returns: (transfer none): it. */
GtkWindow *afs_visit_photos_open_camera  (AfsVisitPhotos *self);
/* Open the viewer on the photo at @position of the grid. (transfer none) */
GtkWindow *afs_visit_photos_open_viewer  (AfsVisitPhotos *self,
                                          guint           position);

/* For tests and the window: TRUE when nothing is loading or importing. */
gboolean   afs_visit_photos_get_idle     (AfsVisitPhotos *self);
guint      afs_visit_photos_get_n_photos (AfsVisitPhotos *self);
/* Required kinds still missing. */
guint      afs_visit_photos_get_n_missing (AfsVisitPhotos *self);
/* Files being imported now (the busy state is shown). */
gboolean   afs_visit_photos_get_importing (AfsVisitPhotos *self);
/* "name: reason" of each file the last import refused. (transfer none) */
GPtrArray *afs_visit_photos_get_refused  (AfsVisitPhotos *self);
/* Thumbnails shown so far. */
guint      afs_visit_photos_get_n_thumbnails (AfsVisitPhotos *self);

/* Signals:
 *   "changed": photos were added or edited. */

G_END_DECLS
