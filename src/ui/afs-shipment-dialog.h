/* afs-shipment-dialog.h: registering a part shipment against a case
 * (DOMAIN.md 10: "register each shipment: destination, product model,
 * time, quantity, carrier and tracking stub").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_SHIPMENT_DIALOG (afs_shipment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AfsShipmentDialog, afs_shipment_dialog, AFS, SHIPMENT_DIALOG, AdwWindow)

/* @case_id: the case to ship for, or NULL to pick it by number in the form.
 * Emits "saved" (the case number) and closes after saving. */
AfsShipmentDialog *afs_shipment_dialog_new       (AfsContext *context,
                                                  GtkWindow  *parent,
                                                  const char *case_id);
gboolean           afs_shipment_dialog_get_valid (AfsShipmentDialog *self);
gboolean           afs_shipment_dialog_get_dirty (AfsShipmentDialog *self);

G_END_DECLS
