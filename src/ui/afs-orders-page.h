/* afs-orders-page.h: "My orders", the technician's assignments.
 *
 * DOMAIN.md 7-8: a technician receives dispatch orders and records
 * arrival and departure times. Today's orders come first, each group by
 * deadline, with address, contact and a phone link; start travel, arrive
 * and leave are one click each and the time is recorded and shown.
 * Activating an order opens its visit (AfsVisitWindow).
 *
 * Actions (on the page, so buttons, tests and shortcuts share them), each
 * with the case id as a string parameter:
 *   orders.start-travel, orders.arrive, orders.leave, orders.open
 * and orders.reload (F5 / Ctrl+R) without one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"
#include "afs-store-visit.h"

G_BEGIN_DECLS

#define AFS_TYPE_ORDERS_PAGE (afs_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (AfsOrdersPage, afs_orders_page, AFS, ORDERS_PAGE, GtkWidget)

GtkWidget  *afs_orders_page_new            (AfsContext    *context);
/* Read the orders again (also done when the context says cases changed). */
void        afs_orders_page_reload         (AfsOrdersPage *self);
/* TRUE once the last reload is on screen (list, empty or error). */
gboolean    afs_orders_page_get_loaded     (AfsOrdersPage *self);
/* The orders shown, in order (today's first). */
guint       afs_orders_page_get_n_orders   (AfsOrdersPage *self);
const char *afs_orders_page_get_case_id    (AfsOrdersPage *self,
                                            guint          position);
/* The order shown at @position (times as on screen). (transfer none) */
const AfsOrderData *afs_orders_page_get_order (AfsOrdersPage *self,
                                               guint          position);
/* The visit window opened last by orders.open (for tests), or NULL. */
GtkWindow  *afs_orders_page_get_visit_window (AfsOrdersPage *self);

G_END_DECLS
