/* afs-due-notifier.h: a desktop notification when a case becomes due soon
 * (issue 3, Deadlines: "A desktop notification (GNotification) when a case
 * becomes due soon").
 *
 * Once a minute (and when asked) it lists the open cases whose next
 * deadline falls within the due-soon window of the deadline policy and
 * that were not told about yet (afs_store_list_due_soon), sends one
 * GNotification per case (a summary when there are many) through
 * g_application_send_notification() and remembers it
 * (afs_store_mark_due_notified), so a deadline is told once. Clicking a
 * notification opens its case (the app action "show-case").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_DUE_NOTIFIER (afs_due_notifier_get_type ())
G_DECLARE_FINAL_TYPE (AfsDueNotifier, afs_due_notifier, AFS, DUE_NOTIFIER, GObject)

/* More cases than this at once get one summary notification. */
#define AFS_DUE_NOTIFIER_MAX_SINGLE 3

AfsDueNotifier *afs_due_notifier_new   (GApplication *application,
                                        AfsContext   *context);
/* Look now (runs on a worker thread); "checked" is emitted with the
 * number of notifications sent. */
void            afs_due_notifier_check (AfsDueNotifier *self);
/* Stop the minute timer (the timer starts with the notifier). */
void            afs_due_notifier_stop  (AfsDueNotifier *self);

G_END_DECLS
