/* afs-screenshot.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-error.h"
#include "afs-screenshot.h"

gboolean
afs_screenshot_save (GtkWidget   *widget,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GtkNative *native;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  native = gtk_widget_get_native (widget);
  renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_FAILED,
                   _("Cannot take a screenshot: the window is not on screen yet"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);

  if (node == NULL)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_FAILED,
                   _("Cannot take a screenshot: nothing was drawn"));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_IO,
                   _("Cannot write the screenshot to “%s”"), path);
      return FALSE;
    }

  return TRUE;
}

typedef struct {
  guint       remaining;
  GSourceFunc callback;
  gpointer    user_data;
} FrameWait;

static gboolean
frame_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  FrameWait *wait = user_data;

  if (wait->remaining > 0)
    {
      wait->remaining--;
      /* Keep frames coming even when nothing animates. */
      gtk_widget_queue_draw (widget);
      return G_SOURCE_CONTINUE;
    }

  wait->callback (wait->user_data);
  return G_SOURCE_REMOVE;
}

void
afs_screenshot_after_frames (GtkWidget   *widget,
                             guint        n_frames,
                             GSourceFunc  callback,
                             gpointer     user_data)
{
  FrameWait *wait;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (callback != NULL);

  wait = g_new0 (FrameWait, 1);
  wait->remaining = n_frames;
  wait->callback = callback;
  wait->user_data = user_data;

  gtk_widget_add_tick_callback (widget, frame_tick, wait, g_free);
  gtk_widget_queue_draw (widget);
}
