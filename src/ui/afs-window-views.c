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

static void
set_view_visible (AdwViewStack *stack,
                  const char   *name,
                  gboolean      visible)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (stack, name);

  if (child != NULL)
    adw_view_stack_page_set_visible (adw_view_stack_get_page (stack, child), visible);
}

/* Each role sees the views of its work (DOMAIN.md "People"): technicians
 * their orders, not the dispatch board or the managers' approvals; the
 * office, managers and quality staff the other way round. Besides, the
 * switcher bar of a narrow window holds five views, not six. The core
 * enforces what each role may do whatever is shown. */
static void
update_views_for_role (AfsWindow *window)
{
  AdwViewStack *stack = afs_window_get_view_stack (window);
  AfsContext *context = afs_window_get_context (window);
  gboolean technician;

  if (stack == NULL || context == NULL)
    return;
  technician = afs_context_get_role (context) == AFS_ROLE_TECHNICIAN;
  set_view_visible (stack, "my-orders", technician);
  set_view_visible (stack, "dispatch", !technician);
  set_view_visible (stack, "approvals", !technician);
}

/**
 * afs_window_add_field_views:
 * @window: a main window
 * @context: its context
 *
 * Adds My Orders (issue 4), Conflicts and the header-bar sync status
 * (issue 5) to @window, after the office desk's views, and keeps the
 * views shown fitting the user's role.
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

  g_signal_connect_object (context, "policy-changed",
                           G_CALLBACK (update_views_for_role), window, G_CONNECT_SWAPPED);
  update_views_for_role (window);
}
