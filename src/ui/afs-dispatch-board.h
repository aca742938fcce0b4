/* afs-dispatch-board.h: who goes where (DOMAIN.md 7: "assign one or more
 * technicians by fault, area and workload; one is the lead").
 *
 * Left: the cases waiting for a technician; the technicians with their
 * area, skills and current load, best fit first with the reason; right:
 * their assignments on a day or a week. Assign one or more with a lead,
 * reassign with a reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_DISPATCH_BOARD (afs_dispatch_board_get_type ())
G_DECLARE_FINAL_TYPE (AfsDispatchBoard, afs_dispatch_board, AFS, DISPATCH_BOARD, AdwBin)

GtkWidget  *afs_dispatch_board_new         (AfsContext *context);
void        afs_dispatch_board_reload      (AfsDispatchBoard *self);
/* Choose the case to dispatch (NULL: the first waiting one). */
void        afs_dispatch_board_set_case_id (AfsDispatchBoard *self,
                                            const char       *case_id);
const char *afs_dispatch_board_get_case_id (AfsDispatchBoard *self);
/* TRUE when the last reload finished. */
gboolean    afs_dispatch_board_get_ready   (AfsDispatchBoard *self);

G_END_DECLS
