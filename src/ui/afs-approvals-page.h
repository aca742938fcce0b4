/* afs-approvals-page.h: the managers' queue (DOMAIN.md 6: "level 1, a
 * cost over budget, a return, or compensation over a limit needs a
 * manager's approval before work goes on. Quality accidents over a loss
 * threshold escalate to management").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_APPROVALS_PAGE (afs_approvals_page_get_type ())
G_DECLARE_FINAL_TYPE (AfsApprovalsPage, afs_approvals_page, AFS, APPROVALS_PAGE, AdwBin)

GtkWidget *afs_approvals_page_new      (AfsContext *context);
void       afs_approvals_page_reload   (AfsApprovalsPage *self);
gboolean   afs_approvals_page_get_ready (AfsApprovalsPage *self);
/* Requests waiting now (for tests and the switcher badge). */
guint      afs_approvals_page_get_n_pending (AfsApprovalsPage *self);

G_END_DECLS
