/* afs-screenshot.h: render a widget as it is on screen to a PNG, for the
 * --screenshot option, the UI tests and the documentation pictures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Render @widget (usually a window) with its own renderer and save it.
 * Call it after the widget was mapped and painted a few times. */
gboolean afs_screenshot_save (GtkWidget   *widget,
                              const char  *path,
                              GError     **error);

/* Call @callback after @n_frames more frames of @widget have been drawn
 * (the frame clock ticks: layout and paint have settled). */
void     afs_screenshot_after_frames (GtkWidget      *widget,
                                      guint           n_frames,
                                      GSourceFunc     callback,
                                      gpointer        user_data);

G_END_DECLS
