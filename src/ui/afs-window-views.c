/* afs-window-views.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-conflicts-page.h"
#include "afs-orders-page.h"
#include "afs-sync-status.h"
#include "afs-window-views.h"

/**
 * afs_window_add_field_views:
 * @window: a main window
 * @context: its context
 *
 * Adds My Orders (issue 4), Conflicts and the header-bar sync status
 * (issue 5) to @window, after the office desk's views.
 */
void
afs_window_add_field_views (AfsWindow  *window,
                            AfsContext *context)
{
  g_return_if_fail (AFS_IS_WINDOW (window));
  g_return_if_fail (AFS_IS_CONTEXT (context));

  afs_window_add_view (window, afs_orders_page_new (context), "my-orders",
                       _("_My Orders"), "x-office-address-book-symbolic");
  afs_window_add_view (window, afs_conflicts_page_new (context), "conflicts",
                       _("C_onflicts"), "dialog-warning-symbolic");
  afs_window_set_status_widget (window, afs_sync_status_new (context));
}
