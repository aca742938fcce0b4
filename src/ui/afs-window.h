/* afs-window.h: the main window: the case list beside the open case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-approvals-page.h"
#include "afs-case-list-model.h"
#include "afs-case-page.h"
#include "afs-context.h"
#include "afs-dispatch-board.h"
#include "afs-shipments-page.h"

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

/* Show the case with this id on the case page (after a new case is
 * registered it may not be in the filtered list yet). */
void                afs_window_open_case        (AfsWindow  *self,
                                                 const char *case_id);

/* ---- Views beside the case list (office desk, issue 3) ----
 * Hooks for other parts of the app; see afs-window.c for the details. */
void                afs_window_add_view         (AfsWindow  *self,
                                                 GtkWidget  *page,
                                                 const char *name,
                                                 const char *title,
                                                 const char *icon_name);
void                afs_window_set_status_widget (AfsWindow *self,
                                                  GtkWidget *widget);
GtkWidget          *afs_window_get_status_widget (AfsWindow *self);
/* "cases", "dispatch", "approvals", "shipments" or an added view. */
void                afs_window_show_view        (AfsWindow  *self,
                                                 const char *name);
const char         *afs_window_get_view         (AfsWindow  *self);
AdwViewStack       *afs_window_get_view_stack   (AfsWindow  *self);
AfsDispatchBoard   *afs_window_get_dispatch_board (AfsWindow *self);
AfsApprovalsPage   *afs_window_get_approvals_page (AfsWindow *self);
AfsShipmentsPage   *afs_window_get_shipments_page (AfsWindow *self);

G_END_DECLS
