/* afs-sync-status.h: the header-bar sync status.
 *
 * One glance says whether the work done on this computer has reached the
 * office: "Synced 14:05", "3 Pending", "Offline", "Sync Error"; the
 * popover says why (the reason in words), shows the photo bytes sent
 * while photos go out, and offers Sync Now (app.sync-now), Sign In and
 * Sign Out. It watches the context's sync client and scheduler, and when
 * first shown starts the background sync (afs_context_start_sync()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_SYNC_STATUS (afs_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (AfsSyncStatus, afs_sync_status, AFS, SYNC_STATUS, GtkWidget)

GtkWidget  *afs_sync_status_new        (AfsContext *context);
/* What the button says now ("3 Pending"), for tests and screen readers. */
const char *afs_sync_status_get_label  (AfsSyncStatus *self);
/* The popover's explanation (the error's reason when there is one). */
const char *afs_sync_status_get_detail (AfsSyncStatus *self);
void        afs_sync_status_popup      (AfsSyncStatus *self);
/* Changes set aside (refused by the office) as last counted; the popover
 * says how many, and that they are on the Conflicts view. Counting runs
 * off the main thread after every sync and local change
 * (afs_sync_status_get_counting() TRUE meanwhile). */
guint       afs_sync_status_get_n_set_aside (AfsSyncStatus *self);
gboolean    afs_sync_status_get_counting    (AfsSyncStatus *self);

G_END_DECLS
