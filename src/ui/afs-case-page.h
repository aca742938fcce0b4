/* afs-case-page.h: everything about one case, and the actions the current
 * role may take on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_CASE_PAGE (afs_case_page_get_type ())
G_DECLARE_FINAL_TYPE (AfsCasePage, afs_case_page, AFS, CASE_PAGE, GtkWidget)

GtkWidget  *afs_case_page_new        (AfsContext  *context);
/* Show the case with this id (UUID); NULL shows nothing. Loads on a
 * worker thread; "loaded" is emitted when the page shows it. */
void        afs_case_page_set_case_id (AfsCasePage *self,
                                       const char  *case_id);
const char *afs_case_page_get_case_id (AfsCasePage *self);
/* Load the shown case again (it was changed). */
void        afs_case_page_reload      (AfsCasePage *self);
/* Recompute the "time left" texts (the window calls this once a minute). */
void        afs_case_page_update_due  (AfsCasePage *self,
                                       gint64       now);
/* TRUE once the case set last is on screen. */
gboolean    afs_case_page_get_loaded  (AfsCasePage *self);
/* The number of timeline events shown (for tests). */
guint       afs_case_page_get_n_events (AfsCasePage *self);

/* What the page shows now (NULL / AFS_CASE_STATE_N before it loaded). */
const char *afs_case_page_get_number        (AfsCasePage *self);
const char *afs_case_page_get_customer_name (AfsCasePage *self);
AfsCaseState afs_case_page_get_state        (AfsCasePage *self);
/* Timeline line @index as "what\nwhen · who" (for tests); NULL past the end. */
char       *afs_case_page_get_event_text    (AfsCasePage *self,
                                             guint        index);

G_END_DECLS
