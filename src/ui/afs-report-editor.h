/* afs-report-editor.h: the repair report, saved as you type.
 *
 * DOMAIN.md 8: "confirm the fault with the customer, inspect, test,
 * repair or replace parts, test again; record … work done, parts and
 * materials used, time spent; show the customer how to use and maintain
 * it", and 9: "returns, exchanges and compensation are written out with
 * reason, item, spec and quantity". Every field of the report is here;
 * parts come from the catalogue or are typed.
 *
 * Issue 4: "a crash or power cut loses nothing typed more than a second
 * ago": each change restarts a short timer (AFS_REPORT_AUTOSAVE_MS) after
 * which the whole report is written as the case's draft
 * (afs_store_save_report_draft(), on a worker). Closing the window keeps
 * the draft; reopening shows it.
 *
 * The draft is local and never synced. afs_report_editor_commit() puts
 * it into the report row (with its outbox row, so the office gets it):
 * when the technician leaves the Report page, closes the visit window,
 * or has not changed anything for AFS_REPORT_COMMIT_QUIET_S seconds;
 * never per keystroke.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"
#include "afs-store-visit.h"

G_BEGIN_DECLS

/* Below the one second the issue allows, leaving time for the write. */
#define AFS_REPORT_AUTOSAVE_MS 600
/* A pause this long (seconds) commits the draft into the report. */
#define AFS_REPORT_COMMIT_QUIET_S 30

#define AFS_TYPE_REPORT_EDITOR (afs_report_editor_get_type ())
G_DECLARE_FINAL_TYPE (AfsReportEditor, afs_report_editor, AFS, REPORT_EDITOR, GtkWidget)

GtkWidget       *afs_report_editor_new          (void);
/* Load what the case's report screen shows: its draft, else its report. */
void             afs_report_editor_set_visit    (AfsReportEditor *self,
                                                 AfsContext      *context,
                                                 const char      *case_id);
void             afs_report_editor_reload       (AfsReportEditor *self);
/* A signed report is shown read-only. */
void             afs_report_editor_set_read_only (AfsReportEditor *self,
                                                  gboolean         read_only);
/* Write a pending change now (closing the window calls this). */
void             afs_report_editor_flush        (AfsReportEditor *self);
/* Draft -> report row with its outbox row, unless nothing changed since
 * the last commit (see the top of this file). */
void             afs_report_editor_commit       (AfsReportEditor *self);
/* Blocks until the drafts and commits already handed to a worker are
 * written: the application calls it when it shuts down, because the
 * process must not end in the middle of that write. */
void             afs_report_editor_wait_for_saves (void);
/* What the fields hold now, as a report. (transfer full) */
AfsRepairReport *afs_report_editor_get_report   (AfsReportEditor *self);
/* Add a part row (from the catalogue when @part has a catalogue_id). */
void             afs_report_editor_add_part     (AfsReportEditor     *self,
                                                 const AfsReportPart *part);
guint            afs_report_editor_get_n_parts  (AfsReportEditor *self);

/* For tests: loaded, and no save pending or running. */
gboolean         afs_report_editor_get_loaded   (AfsReportEditor *self);
gboolean         afs_report_editor_get_idle     (AfsReportEditor *self);
/* Commits that reached the report row so far. */
guint            afs_report_editor_get_n_commits (AfsReportEditor *self);
/* Changed since the last commit (or a commit is waiting). */
gboolean         afs_report_editor_get_uncommitted (AfsReportEditor *self);
/* Drafts written so far. */
guint            afs_report_editor_get_n_saves  (AfsReportEditor *self);
/* FALSE while a quantity field holds something that is not a quantity. */
gboolean         afs_report_editor_get_valid    (AfsReportEditor *self);

G_END_DECLS
