/* afs-window.h: the main window: the case list beside the open case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-case-list-model.h"
#include "afs-case-page.h"
#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_WINDOW (afs_window_get_type ())
G_DECLARE_FINAL_TYPE (AfsWindow, afs_window, AFS, WINDOW, AdwApplicationWindow)

AfsWindow          *afs_window_new              (GtkApplication *application,
                                                 AfsContext     *context);
AfsContext         *afs_window_get_context      (AfsWindow *self);
AfsCaseListModel   *afs_window_get_case_list    (AfsWindow *self);
GtkSingleSelection *afs_window_get_selection    (AfsWindow *self);
AfsCasePage        *afs_window_get_case_page    (AfsWindow *self);

/* Show a spinner page instead of the list while the database is being
 * prepared (the demo company); leaving it reloads the list. */
void                afs_window_set_busy         (AfsWindow  *self,
                                                 gboolean    busy);
/* Run the list query again and refresh the open case. */
void                afs_window_reload           (AfsWindow *self);
void                afs_window_show_toast       (AfsWindow  *self,
                                                 const char *text);
/* TRUE once the list shows its first rows or its empty state. */
gboolean            afs_window_get_content_ready (AfsWindow *self);
/* Select the case at @position and show it (navigating forward when
 * folded), as activating the row does. */
void                afs_window_open_position    (AfsWindow *self,
                                                 guint      position);

G_END_DECLS
