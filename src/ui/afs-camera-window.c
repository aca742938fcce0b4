/* afs-camera-window.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-camera.h"
#include "afs-camera-window.h"
#include "afs-form.h"

struct _AfsCameraWindow
{
  AdwWindow        parent_instance;

  AfsPhotoFolder  *folder;
  AfsCamera       *camera;
  GCancellable    *cancellable;
  guint            n_frames;
  gboolean         capturing;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  AdwStatusPage   *no_camera_page;
  GtkPicture      *preview;
  GtkButton       *import_button;
  GtkButton       *shutter_button;
};

G_DEFINE_FINAL_TYPE (AfsCameraWindow, afs_camera_window, ADW_TYPE_WINDOW)

enum {
  CAPTURED,
  IMPORT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_no_camera (AfsCameraWindow *self,
                const char      *message)
{
  gtk_spinner_stop (self->spinner);
  adw_status_page_set_description (self->no_camera_page, message);
  gtk_stack_set_visible_child_name (self->stack, "no-camera");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.shutter", FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
}

static void
on_frame (AfsCameraWindow *self,
          GBytes          *rgba,
          int              width,
          int              height,
          int              stride,
          AfsCamera       *camera)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (rgba == NULL || width <= 0 || height <= 0)
    return;

  /* GTK 4.8 has no paintable sink: each frame becomes a memory texture. */
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, rgba, stride);
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));

  if (self->n_frames++ == 0)
    {
      gtk_spinner_stop (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "preview");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.shutter", TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->shutter_button));
    }
}

static void
on_camera_error (AfsCameraWindow *self,
                 GError          *error,
                 AfsCamera       *camera)
{
  show_no_camera (self, error->message);
}

static gboolean
start_camera (gpointer data)
{
  AfsCameraWindow *self = data;
  g_autoptr(GError) error = NULL;

  if (!afs_camera_start (self->camera, &error))
    show_no_camera (self, error->message);

  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
capture_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AfsCameraWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  AfsPhotoInfo info = { 0 };

  sha256 = afs_camera_capture_finish (AFS_CAMERA (source), result, &info, &error);
  self->capturing = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.shutter", TRUE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (sha256 == NULL)
    {
      afs_form_toast (GTK_WIDGET (self->toast_overlay), error->message);
      afs_photo_info_clear (&info);
      return;
    }

  g_signal_emit (self, signals[CAPTURED], 0, sha256, &info);
  afs_form_toast (GTK_WIDGET (self->toast_overlay), _("Photo taken"));
  afs_photo_info_clear (&info);
}

void
afs_camera_window_shutter (AfsCameraWindow *self)
{
  g_return_if_fail (AFS_IS_CAMERA_WINDOW (self));

  if (self->capturing || self->camera == NULL)
    return;

  self->capturing = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.shutter", FALSE);
  afs_camera_capture_async (self->camera, self->cancellable, capture_cb, g_object_ref (self));
}

static void
shutter_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  afs_camera_window_shutter (AFS_CAMERA_WINDOW (widget));
}

static void
on_import_clicked (AfsCameraWindow *self)
{
  g_signal_emit (self, signals[IMPORT_REQUESTED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
on_close_request (GtkWindow *window)
{
  AfsCameraWindow *self = AFS_CAMERA_WINDOW (window);

  /* Release the device as soon as the window goes, not when it is freed. */
  if (self->camera != NULL)
    afs_camera_stop (self->camera);
  return FALSE;
}

static void
afs_camera_window_dispose (GObject *object)
{
  AfsCameraWindow *self = AFS_CAMERA_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->camera != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->camera, self);
      afs_camera_stop (self->camera);
    }
  g_clear_object (&self->camera);
  g_clear_object (&self->folder);

  G_OBJECT_CLASS (afs_camera_window_parent_class)->dispose (object);
}

static void
afs_camera_window_class_init (AfsCameraWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = afs_camera_window_dispose;
  window_class->close_request = on_close_request;

  signals[CAPTURED] = g_signal_new ("captured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE,
                                    2, G_TYPE_STRING, G_TYPE_POINTER);
  signals[IMPORT_REQUESTED] = g_signal_new ("import-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-camera-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsCameraWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AfsCameraWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AfsCameraWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, AfsCameraWindow, no_camera_page);
  gtk_widget_class_bind_template_child (widget_class, AfsCameraWindow, preview);
  gtk_widget_class_bind_template_child (widget_class, AfsCameraWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, AfsCameraWindow, shutter_button);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);

  gtk_widget_class_install_action (widget_class, "camera.shutter", NULL, shutter_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "camera.shutter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
afs_camera_window_init (AfsCameraWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import_clicked), self);
}

GtkWidget *
afs_camera_window_new (GtkWindow      *parent,
                       AfsPhotoFolder *folder)
{
  AfsCameraWindow *self;

  g_return_val_if_fail (AFS_IS_PHOTO_FOLDER (folder), NULL);

  self = g_object_new (AFS_TYPE_CAMERA_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->folder = g_object_ref (folder);
  afs_camera_init_gstreamer ();
  self->camera = afs_camera_new (folder);
  g_signal_connect_swapped (self->camera, "frame", G_CALLBACK (on_frame), self);
  g_signal_connect_swapped (self->camera, "error", G_CALLBACK (on_camera_error), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "camera.shutter", FALSE);
  gtk_spinner_start (self->spinner);

  /* Opening a device can take a moment: let the window show first. */
  g_idle_add (start_camera, g_object_ref (self));

  return GTK_WIDGET (self);
}

const char *
afs_camera_window_get_state (AfsCameraWindow *self)
{
  g_return_val_if_fail (AFS_IS_CAMERA_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
afs_camera_window_get_n_frames (AfsCameraWindow *self)
{
  g_return_val_if_fail (AFS_IS_CAMERA_WINDOW (self), 0);
  return self->n_frames;
}
