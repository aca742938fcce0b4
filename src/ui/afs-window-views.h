/* afs-window-views.h: the views every main window gets beyond the office
 * desk's own: the technician's orders, the sync conflicts and the sync
 * status. One place, so the app and its screenshots show the same window.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-window.h"

G_BEGIN_DECLS

void afs_window_add_field_views (AfsWindow  *window,
                                 AfsContext *context);

G_END_DECLS
