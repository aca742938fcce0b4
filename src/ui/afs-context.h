/* afs-context.h: what every widget of the window needs, in one object.
 *
 * Owns the AfsStore and the GSettings, pushes the settings' deadline and
 * approval policies and the profile (who is acting, in which role) into the
 * store and keeps them applied when the settings change. Widgets take it as
 * a construct-only "context" property, like GcalContext in gnome-calendar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "afs-store.h"
#include "afs-sync-client.h"
#include "afs-sync-scheduler.h"

G_BEGIN_DECLS

#define AFS_TYPE_CONTEXT (afs_context_get_type ())
G_DECLARE_FINAL_TYPE (AfsContext, afs_context, AFS, CONTEXT, GObject)

AfsContext *afs_context_new                  (AfsStore  *store,
                                              GSettings *settings);
AfsStore   *afs_context_get_store            (AfsContext *self);
GSettings  *afs_context_get_settings         (AfsContext *self);
AfsRole     afs_context_get_role             (AfsContext *self);
const AfsDeadlinePolicy *afs_context_get_deadline_policy (AfsContext *self);
const AfsApprovalPolicy *afs_context_get_approval_policy (AfsContext *self);

/* Tell every view that cases were written (an action applied here):
 * emits "cases-changed"; the list reloads, the open case page refreshes. */
void        afs_context_cases_changed        (AfsContext *self);

/* Sync (issue 5). The client and its scheduler live as long as the
 * context. While signed in, the role (and staff record) come from the
 * office account and "role-locked" is TRUE: the profile role setting is
 * not applied (Preferences shows it read-only). */
AfsSyncClient    *afs_context_get_sync_client    (AfsContext *self);
AfsSyncScheduler *afs_context_get_sync_scheduler (AfsContext *self);
gboolean          afs_context_get_role_locked    (AfsContext *self);
void              afs_context_start_sync         (AfsContext *self);
/* Preferences' role row: read-only, saying why, while signed in. */
void              afs_context_bind_role_lock     (AfsContext *self,
                                                  GtkWidget  *row);

/* For tests: the clock used for "time left" (defaults to the store's). */
gint64      afs_context_now                  (AfsContext *self);

G_END_DECLS
