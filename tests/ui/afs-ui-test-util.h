/* afs-ui-test-util.h: shared by the UI tests and the screenshot tool. */
#pragma once

#include <adwaita.h>

#include "afs-store.h"

G_BEGIN_DECLS

/* What AdwApplication does for the app: style.css and the icons from the
 * resource. Call after gtk/adw init. */
void       afs_test_ui_setup_resources (void);

/* A new database in a fresh temporary folder, filled by the demo
 * generator with @n_cases cases (0: empty). *out_path gets the file. */
AfsStore  *afs_test_make_store        (guint    n_cases,
                                       char   **out_path);

typedef gboolean (*AfsTestCondition) (gpointer data);

/* Run the main loop until @cond is TRUE or @timeout_ms passed. */
gboolean   afs_test_wait_until        (AfsTestCondition cond,
                                       gpointer         data,
                                       guint            timeout_ms);
/* Run the main loop for @n_frames frames of @widget. */
void       afs_test_wait_frames       (GtkWidget *widget,
                                       guint      n_frames);
/* Run the main loop for @ms milliseconds. */
void       afs_test_wait_ms           (guint ms);

/* The first descendant of @widget of @type, depth first. */
GtkWidget *afs_test_find_descendant   (GtkWidget *widget,
                                       GType      type);

/* The template child @name of @widget (an instance of @type); fails the
 * test when the template has no such child (renamed in the .ui file). */
GtkWidget *afs_test_template_child    (gpointer    widget,
                                       GType       type,
                                       const char *name);

/* Type @text into the template child @name (an editable) of @widget. */
void       afs_test_set_template_text (gpointer    widget,
                                       GType       type,
                                       const char *name,
                                       const char *text);

/* ---- For the screenshot tools ---- */

/* Save @widget as @dir/@name (PNG) once its transitions settled (stack
 * cross-fades and leaflet slides take a few hundred ms); aborts when the
 * picture cannot be written. Prints the path and size. */
void       afs_test_save_screenshot   (GtkWidget  *widget,
                                       const char *dir,
                                       const char *name);
/* The window's default size counts the frame GTK draws around it without
 * a compositor: grow @window so the picture is exactly @width × @height. */
void       afs_test_fit_window_size   (GtkWidget *window,
                                       int        width,
                                       int        height);

G_END_DECLS
