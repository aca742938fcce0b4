/* afs-sync-actions.h: the app actions for sync (issue 5).
 *
 *   app.sync-now   Ctrl+Shift+S  sync at once (also the header-bar button)
 *   app.sign-in                  the sign-in dialog
 *   app.sign-out                 sign out; with unsent work it lists the
 *                                work and asks (AdwMessageDialog) first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-application.h"
#include "afs-store-sync.h"

G_BEGIN_DECLS

/* Adds the actions and their accelerators to @app; they act on the main
 * window's context (and do nothing while no window is open). */
void        afs_sync_actions_install      (AfsApplication *app);
/* The same on any GtkApplication (the UI tests make their own). */
void        afs_sync_actions_install_on   (GtkApplication *app);

/* The sign-out question as the action asks it, for @context and
 * @parent: with nothing pending a plain confirmation; with unsent work,
 * the list of it and the choice Cancel / Sync Now / Discard and Sign Out.
 * Nothing is dropped unless that last answer is given. */
void        afs_sync_request_sign_out     (AfsContext *context,
                                           GtkWindow  *parent);

/* "Case AS-2026-000123: report changed", for a person. */
char       *afs_sync_describe_pending     (const AfsPendingChange *change);

G_END_DECLS
