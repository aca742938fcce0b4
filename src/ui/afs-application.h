/* afs-application.h: the AfterSales application: options, opening the
 * database (and what to do when it cannot be opened), app actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-window.h"

G_BEGIN_DECLS

#define AFS_TYPE_APPLICATION (afs_application_get_type ())
G_DECLARE_FINAL_TYPE (AfsApplication, afs_application, AFS, APPLICATION, AdwApplication)

/* @start_us: g_get_monotonic_time() at the top of main(), for first-frame-ms. */
AfsApplication *afs_application_new           (gint64          start_us);
/* Open @path (on a worker thread) and show the main window, or explain
 * what is wrong with the file and offer a way out. */
void            afs_application_open_database (AfsApplication *self,
                                               const char     *path);
/* The database file used when neither --database nor the setting say. */
char           *afs_application_default_database_path (void);
AfsWindow      *afs_application_get_main_window (AfsApplication *self);
GtkWidget      *afs_application_create_about_window (GtkWindow *parent);

G_END_DECLS
