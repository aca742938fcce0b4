/* afs-conflicts-page.h: the conflicts a person must decide.
 *
 * Free text, quantities, prices and anything a customer sees are never
 * overwritten silently by sync (issue 5, "Conflicts per field"): when two
 * people changed the same one apart, the server keeps both and a conflict
 * record comes to every device that sees the row. This page lists them
 * with the case, the field, what was there before, mine and theirs; the
 * person keeps one or types a third, and that choice is an ordinary
 * change that syncs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"
#include "afs-store-sync.h"

G_BEGIN_DECLS

#define AFS_TYPE_CONFLICTS_PAGE (afs_conflicts_page_get_type ())
G_DECLARE_FINAL_TYPE (AfsConflictsPage, afs_conflicts_page, AFS, CONFLICTS_PAGE, GtkWidget)

GtkWidget *afs_conflicts_page_new             (AfsContext *context);
/* Read the open conflicts again (the page also does after every sync
 * and every "cases-changed"). */
void       afs_conflicts_page_reload          (AfsConflictsPage *self);
/* Open conflicts shown ("n-conflicts", for a badge on the view switcher). */
guint      afs_conflicts_page_get_n_conflicts (AfsConflictsPage *self);
gboolean   afs_conflicts_page_get_loading     (AfsConflictsPage *self);

/* For tests: the button that keeps @choice for the @index-th conflict
 * (for AFS_CONFLICT_EDITED the "Use This" button beside the entry), and
 * that entry. */
GtkWidget *afs_conflicts_page_get_choice_button (AfsConflictsPage  *self,
                                                 guint              index,
                                                 AfsConflictChoice  choice);
GtkEditable *afs_conflicts_page_get_edit_entry  (AfsConflictsPage  *self,
                                                 guint              index);
/* The group title of the @index-th conflict ("Case AS-2026-000123: Description"). */
const char *afs_conflicts_page_get_title      (AfsConflictsPage *self,
                                               guint             index);

/* Set Aside: changes the office refused for good (a case given to
 * someone else while this computer worked offline, a report draft of a
 * case that left it). They never reached the office and are kept only
 * here, listed below the conflicts with what was typed and the office's
 * reason; the person copies the text and dismisses them (asked first). */
guint       afs_conflicts_page_get_n_set_aside     (AfsConflictsPage *self);
/* For tests: the @index-th set-aside change's title ("Case AS-…: case
 * changed"), the office's reason, the text Copy puts on the clipboard,
 * and its Copy (@dismiss FALSE) or Dismiss button. */
const char *afs_conflicts_page_get_set_aside_title  (AfsConflictsPage *self, guint index);
const char *afs_conflicts_page_get_set_aside_reason (AfsConflictsPage *self, guint index);
const char *afs_conflicts_page_get_set_aside_text   (AfsConflictsPage *self, guint index);
GtkWidget  *afs_conflicts_page_get_set_aside_button (AfsConflictsPage *self, guint index,
                                                     gboolean dismiss);

G_END_DECLS
