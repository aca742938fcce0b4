/* afs-preferences-window.h: the settings a person may change, applied at
 * once through GSettings bindings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_PREFERENCES_WINDOW (afs_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (AfsPreferencesWindow, afs_preferences_window, AFS, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @context may be NULL (no database open): the profile's staff list is
 * then empty. @settings NULL: the app's own. */
GtkWidget *afs_preferences_window_new (GtkWindow  *parent,
                                       AfsContext *context);

G_END_DECLS
