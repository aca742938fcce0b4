/* afs-intake-dialog.h: registering a new case (DOMAIN.md 1, Intake).
 *
 * "Record customer, contact, address, product model, serial/batch number,
 *  production and purchase dates, problem description, channel. Give it a
 *  case number at once." The customer is found as it is typed or created
 * here (a duplicate, same phone or name + address, is offered for reuse);
 * the equipment is found by its serial or batch number, or added. Every
 * field is checked as it is typed; Save stays off until all are right, and
 * the whole intake is written in one store call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_INTAKE_DIALOG (afs_intake_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AfsIntakeDialog, afs_intake_dialog, AFS, INTAKE_DIALOG, AdwWindow)

/* Emits "case-created" (case id, case number) once the case is saved, and
 * then closes. */
AfsIntakeDialog *afs_intake_dialog_new       (AfsContext *context,
                                              GtkWindow  *parent);
/* TRUE while something typed is not saved (closing asks first). */
gboolean         afs_intake_dialog_get_dirty (AfsIntakeDialog *self);
/* TRUE when every field is valid and Save is enabled. */
gboolean         afs_intake_dialog_get_valid (AfsIntakeDialog *self);

G_END_DECLS
