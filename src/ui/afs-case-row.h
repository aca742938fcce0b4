/* afs-case-row.h: one line of the case list.
 *
 * Light on purpose: no timers. The window calls afs_case_row_update_due()
 * on the bound rows once a minute so "time left" stays true.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_CASE_ROW (afs_case_row_get_type ())
G_DECLARE_FINAL_TYPE (AfsCaseRow, afs_case_row, AFS, CASE_ROW, GtkWidget)

GtkWidget *afs_case_row_new        (AfsContext *context);
void       afs_case_row_set_case   (AfsCaseRow *self,
                                    AfsCase    *kase);
AfsCase   *afs_case_row_get_case   (AfsCaseRow *self);
/* Recompute the "time left" text and its colour for @now (unix seconds). */
void       afs_case_row_update_due (AfsCaseRow *self,
                                    gint64      now);

G_END_DECLS
