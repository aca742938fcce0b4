/* afs-photo-viewer.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-form.h"
#include "afs-format.h"
#include "afs-photo-viewer.h"
#include "afs-visit-util.h"

#define ZOOM_MIN 0.05
#define ZOOM_MAX 8.0
#define ZOOM_STEP 1.25

struct _AfsPhotoViewer
{
  AdwWindow          parent_instance;

  AfsContext        *context;
  char              *photo_id;
  char              *sha256;
  GdkTexture        *texture;
  double             zoom;          /* 0 = fit */
  GCancellable      *cancellable;
  gboolean           read_only;
  gboolean           loading_kind;

  AdwWindowTitle    *window_title;
  GtkScrolledWindow *scroller;
  GtkPicture        *picture;
  GtkLabel          *zoom_label;
  AdwEntryRow       *caption_row;
  AdwComboRow       *kind_row;
  AdwActionRow      *info_row;
};

G_DEFINE_FINAL_TYPE (AfsPhotoViewer, afs_photo_viewer, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
apply_zoom (AfsPhotoViewer *self)
{
  g_autofree char *text = NULL;

  if (self->zoom <= 0 || self->texture == NULL)
    {
      /* Fit: the picture shrinks to the window, the scrollbars go. */
      gtk_picture_set_can_shrink (self->picture, TRUE);
      gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, -1);
      gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_NEVER);
      text = g_strdup (_("Fit"));
    }
  else
    {
      int w = (int) (gdk_texture_get_width (self->texture) * self->zoom);
      int h = (int) (gdk_texture_get_height (self->texture) * self->zoom);

      gtk_picture_set_can_shrink (self->picture, TRUE);
      gtk_widget_set_size_request (GTK_WIDGET (self->picture), MAX (w, 1), MAX (h, 1));
      gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
      /* Translators: zoom level, e.g. "150 %"; %% is a percent sign. */
      text = g_strdup_printf (_("%d %%"), (int) (self->zoom * 100 + 0.5));
    }
  gtk_label_set_label (self->zoom_label, text);
}

/* The scale that fits the image in the window: where zooming from "fit" starts. */
static double
fit_scale (AfsPhotoViewer *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self->scroller));
  int h = gtk_widget_get_height (GTK_WIDGET (self->scroller));

  if (self->texture == NULL || w <= 0 || h <= 0)
    return 1.0;
  return MIN ((double) w / gdk_texture_get_width (self->texture),
              (double) h / gdk_texture_get_height (self->texture));
}

void
afs_photo_viewer_set_zoom (AfsPhotoViewer *self,
                           double          zoom)
{
  g_return_if_fail (AFS_IS_PHOTO_VIEWER (self));

  self->zoom = zoom <= 0 ? 0 : CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  apply_zoom (self);
}

double
afs_photo_viewer_get_zoom (AfsPhotoViewer *self)
{
  g_return_val_if_fail (AFS_IS_PHOTO_VIEWER (self), 0);
  return self->zoom;
}

gboolean
afs_photo_viewer_get_loaded (AfsPhotoViewer *self)
{
  g_return_val_if_fail (AFS_IS_PHOTO_VIEWER (self), FALSE);
  return self->texture != NULL;
}

static void
zoom_by (AfsPhotoViewer *self,
         double          factor)
{
  double current = self->zoom > 0 ? self->zoom : fit_scale (self);

  afs_photo_viewer_set_zoom (self, current * factor);
}

static void
zoom_in_action (GtkWidget *widget, const char *name, GVariant *param)
{
  zoom_by (AFS_PHOTO_VIEWER (widget), ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget *widget, const char *name, GVariant *param)
{
  zoom_by (AFS_PHOTO_VIEWER (widget), 1 / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  afs_photo_viewer_set_zoom (AFS_PHOTO_VIEWER (widget), 0);
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           AfsPhotoViewer           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;
  zoom_by (self, dy < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
  return TRUE;
}

/* ---- Loading the picture ----------------------------------------------------- */

typedef struct {
  AfsPhotoFolder *folder;
  char           *sha256;
} PictureData;

static void
picture_data_free (PictureData *data)
{
  g_clear_object (&data->folder);
  g_free (data->sha256);
  g_free (data);
}

static void
picture_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PictureData *data = task_data;
  GError *error = NULL;
  g_autofree char *path = NULL;
  GdkTexture *texture;

  /* The upright report copy: the original may need its EXIF rotation. */
  path = afs_photo_folder_get_scaled (data->folder, data->sha256, AFS_PHOTO_SIZE_REPORT,
                                      cancellable, &error);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  texture = gdk_texture_new_from_filename (path, &error);
  if (texture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
picture_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AfsPhotoViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_window_title_set_subtitle (self->window_title, error->message);
      return;
    }

  g_clear_object (&self->texture);
  self->texture = texture;
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  apply_zoom (self);
}

/* ---- Caption and kind ----------------------------------------------------------- */

typedef struct {
  AfsStore     *store;
  char         *photo_id;
  char         *caption;       /* set the caption, or */
  AfsPhotoKind  kind;          /* the kind when caption is NULL */
} EditData;

static void
edit_data_free (EditData *data)
{
  g_clear_object (&data->store);
  g_free (data->photo_id);
  g_free (data->caption);
  g_free (data);
}

static void
edit_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  EditData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (data->caption != NULL)
    ok = afs_store_set_photo_caption (data->store, data->photo_id, data->caption, &error);
  else
    ok = afs_store_set_photo_kind (data->store, data->photo_id, data->kind, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
edit_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsPhotoViewer) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      afs_form_toast (GTK_WIDGET (self), error->message);
      return;
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
run_edit (AfsPhotoViewer *self,
          EditData       *data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, edit_cb, g_object_ref (self));

  data->store = g_object_ref (afs_context_get_store (self->context));
  data->photo_id = g_strdup (self->photo_id);
  g_task_set_task_data (task, data, (GDestroyNotify) edit_data_free);
  g_task_run_in_thread (task, edit_thread);
}

static void
on_caption_apply (AfsPhotoViewer *self)
{
  EditData *data = g_new0 (EditData, 1);

  data->caption = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->caption_row)));
  run_edit (self, data);
}

static void
on_kind_selected (AfsPhotoViewer *self)
{
  EditData *data;

  if (self->loading_kind)
    return;
  data = g_new0 (EditData, 1);
  data->kind = adw_combo_row_get_selected (self->kind_row);
  run_edit (self, data);
}

/* ---- GObject ----------------------------------------------------------------------- */

static void
afs_photo_viewer_dispose (GObject *object)
{
  AfsPhotoViewer *self = AFS_PHOTO_VIEWER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->texture);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_photo_viewer_parent_class)->dispose (object);
}

static void
afs_photo_viewer_finalize (GObject *object)
{
  AfsPhotoViewer *self = AFS_PHOTO_VIEWER (object);

  g_free (self->photo_id);
  g_free (self->sha256);

  G_OBJECT_CLASS (afs_photo_viewer_parent_class)->finalize (object);
}

static void
afs_photo_viewer_class_init (AfsPhotoViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = afs_photo_viewer_dispose;
  object_class->finalize = afs_photo_viewer_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-photo-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsPhotoViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, AfsPhotoViewer, scroller);
  gtk_widget_class_bind_template_child (widget_class, AfsPhotoViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, AfsPhotoViewer, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, AfsPhotoViewer, caption_row);
  gtk_widget_class_bind_template_child (widget_class, AfsPhotoViewer, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AfsPhotoViewer, info_row);

  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "viewer.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
afs_photo_viewer_init (AfsPhotoViewer *self)
{
  GtkEventController *scroll;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  for (int kind = 0; kind < AFS_PHOTO_KIND_N; kind++)
    gtk_string_list_append (kinds, afs_photo_kind_get_label (kind));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                            GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), scroll);

  g_signal_connect_swapped (self->caption_row, "apply", G_CALLBACK (on_caption_apply), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected), self);
  apply_zoom (self);
}

GtkWidget *
afs_photo_viewer_new (GtkWindow          *parent,
                      AfsContext         *context,
                      const AfsPhotoData *photo,
                      gboolean            read_only)
{
  AfsPhotoViewer *self;
  g_autoptr(GTask) task = NULL;
  PictureData *data;
  g_autofree char *taken = NULL;

  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (photo != NULL, NULL);

  self = g_object_new (AFS_TYPE_PHOTO_VIEWER, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->photo_id = g_strdup (photo->id);
  self->sha256 = g_strdup (photo->sha256);
  self->read_only = read_only;

  adw_window_title_set_subtitle (self->window_title, afs_photo_kind_get_label (photo->kind));
  gtk_editable_set_text (GTK_EDITABLE (self->caption_row), photo->caption != NULL ? photo->caption : "");
  self->loading_kind = TRUE;
  adw_combo_row_set_selected (self->kind_row, photo->kind);
  self->loading_kind = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->caption_row), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), !read_only);

  taken = photo->taken_at != 0 ? afs_format_datetime (photo->taken_at) : g_strdup (_("Unknown"));
  {
    /* Translators: when a photo was taken and its size: "3 Feb 2026, 14:05 · 4000 × 3000". */
    g_autofree char *info = g_strdup_printf (_("%s · %d × %d"), taken, photo->width, photo->height);

    adw_action_row_set_subtitle (self->info_row, info);
  }

  data = g_new0 (PictureData, 1);
  data->folder = g_object_ref (afs_visit_get_photo_folder (context));
  data->sha256 = g_strdup (photo->sha256);
  task = g_task_new (NULL, self->cancellable, picture_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) picture_data_free);
  g_task_run_in_thread (task, picture_thread);

  return GTK_WIDGET (self);
}
