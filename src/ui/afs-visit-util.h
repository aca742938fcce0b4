/* afs-visit-util.h: small things the on-site screens share.
 *
 * The photo folder lives beside the database file ("photos/" next to
 * cases.db): the photos are part of the same evidence, travel with it in
 * a backup, and a test's temporary database gets its own folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"
#include "afs-photo-folder.h"

G_BEGIN_DECLS

/* The context's photo folder, made on first use and kept with the
 * context. $AFS_PHOTO_DIR overrides the place. (transfer none) */
AfsPhotoFolder *afs_visit_get_photo_folder (AfsContext *context);

/* A store call about one case ("start travel", "arrive", …). */
typedef gboolean (*AfsCaseCallFunc) (AfsStore    *store,
                                     const char  *case_id,
                                     GError     **error);

/* Runs @func on a worker thread: SQLite never blocks the main loop. */
void            afs_visit_call_async  (AfsStore            *store,
                                       AfsCaseCallFunc      func,
                                       const char          *case_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean        afs_visit_call_finish (GAsyncResult  *result,
                                       GError       **error);

/* Move the keyboard focus out of @widget before it turns insensitive or
 * read-only (GTK warns when a focused text field loses its focus-out). */
void            afs_visit_drop_focus_within (GtkWidget *widget);

/* "14:05" today, "3 Feb, 14:05" another day; "—" for 0. */
char           *afs_visit_format_time (gint64 unix_seconds,
                                       gint64 now);

G_END_DECLS
