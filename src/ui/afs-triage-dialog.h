/* afs-triage-dialog.h: scope, warranty and grading of one case (DOMAIN.md
 * 2 and 3).
 *
 * Shows what the warranty means for the reported date (repair, return or
 * replacement free of charge, or chargeable: quote first), records in or
 * out of scope (with the reason for the customer), severity 1-4 with the
 * definitions of 001 §2.1 next to the choice, the cause, the responsible
 * party (a staff member for our own error) and a third-party claim. Saving
 * writes everything and the "triage" step in one store call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_TRIAGE_DIALOG (afs_triage_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AfsTriageDialog, afs_triage_dialog, AFS, TRIAGE_DIALOG, AdwWindow)

/* Emits "saved" (a sentence for a toast) and closes after saving. */
AfsTriageDialog *afs_triage_dialog_new       (AfsContext *context,
                                              GtkWindow  *parent,
                                              const char *case_id);
/* TRUE once the case is loaded into the form (for tests). */
gboolean         afs_triage_dialog_get_ready (AfsTriageDialog *self);
gboolean         afs_triage_dialog_get_valid (AfsTriageDialog *self);

G_END_DECLS
