/* afs-shipments-page.h: part shipments, listed and searched (DOMAIN.md 10).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_SHIPMENTS_PAGE (afs_shipments_page_get_type ())
G_DECLARE_FINAL_TYPE (AfsShipmentsPage, afs_shipments_page, AFS, SHIPMENTS_PAGE, AdwBin)

GtkWidget *afs_shipments_page_new          (AfsContext *context);
void       afs_shipments_page_reload       (AfsShipmentsPage *self);
/* Open the form for a new shipment, for @case_id (or NULL: choose). */
void       afs_shipments_page_new_shipment (AfsShipmentsPage *self,
                                            const char       *case_id);
gboolean   afs_shipments_page_get_ready    (AfsShipmentsPage *self);
guint      afs_shipments_page_get_n_shown  (AfsShipmentsPage *self);

G_END_DECLS
