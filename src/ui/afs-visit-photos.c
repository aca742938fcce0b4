/* afs-visit-photos.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "afs-camera-window.h"
#include "afs-form.h"
#include "afs-photo-viewer.h"
#include "afs-store-visit.h"
#include "afs-visit-photos.h"
#include "afs-visit-util.h"

struct _AfsVisitPhotos
{
  GtkWidget        parent_instance;

  AfsContext      *context;
  char            *case_id;
  GPtrArray       *photos;          /* AfsPhotoData*, as shown */
  GArray          *missing;         /* int AfsPhotoKind */
  GCancellable    *cancellable;     /* loads and thumbnails; cancelled on reload */
  guint            n_pending;       /* loads and imports under way */
  guint            n_importing;     /* files being checked and stored */
  GCancellable    *import_cancellable;  /* imports; cancelled when the page goes */
  GPtrArray       *refused;         /* char*: "name: reason" of the last import */
  guint            n_thumbnails;
  gboolean         read_only;
  GPtrArray       *checklist_rows;

  GtkScrolledWindow *scroller;
  GtkWidget       *toolbar;
  GtkButton       *camera_button;
  GtkButton       *import_button;
  GtkWidget       *busy_box;
  GtkSpinner      *busy_spinner;
  GtkLabel        *busy_label;
  GtkWidget       *refused_box;
  GtkLabel        *refused_label;
  GtkButton       *refused_close_button;
  GtkListBox      *kind_list;
  AdwComboRow     *kind_row;
  AdwPreferencesGroup *checklist_group;
  GtkStack        *grid_stack;
  AdwStatusPage   *empty_page;
  GtkFlowBox      *flow_box;
  GtkDropTarget   *drop_target;
};

G_DEFINE_FINAL_TYPE (AfsVisitPhotos, afs_visit_photos, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_refused (AfsVisitPhotos *self, GPtrArray *messages);
static void update_busy  (AfsVisitPhotos *self);
static void imported_cb  (GObject *source, GAsyncResult *result, gpointer user_data);

/* ---- Loading --------------------------------------------------------------- */

typedef struct {
  AfsStore  *store;
  char      *case_id;
  GPtrArray *photos;
  GArray    *missing;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_free (data->case_id);
  g_clear_pointer (&data->photos, g_ptr_array_unref);
  g_clear_pointer (&data->missing, g_array_unref);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;

  data->photos = afs_store_list_photos (data->store, data->case_id, &error);
  if (data->photos == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->missing = afs_store_list_missing_photo_kinds (data->store, data->case_id, &error);
  if (data->missing == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
kind_is_missing (AfsVisitPhotos *self,
                 AfsPhotoKind    kind)
{
  for (guint i = 0; self->missing != NULL && i < self->missing->len; i++)
    if (g_array_index (self->missing, int, i) == (int) kind)
      return TRUE;
  return FALSE;
}

static void
show_checklist (AfsVisitPhotos *self)
{
  guint n_required = 0;
  g_autofree char *description = NULL;

  for (guint i = 0; i < self->checklist_rows->len; i++)
    adw_preferences_group_remove (self->checklist_group, g_ptr_array_index (self->checklist_rows, i));
  g_ptr_array_set_size (self->checklist_rows, 0);

  for (int kind = 0; kind < AFS_PHOTO_KIND_N; kind++)
    {
      GtkWidget *row, *icon, *label;
      gboolean missing;

      if (!afs_photo_kind_is_required (kind))
        continue;
      n_required++;
      missing = kind_is_missing (self, kind);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), afs_photo_kind_get_label (kind));
      icon = gtk_image_new_from_icon_name (missing ? "camera-photo-symbolic" : "emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, missing ? "dim-label" : "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      /* Translators: a photo the checklist asks for: taken, or still missing. */
      label = gtk_label_new (missing ? _("Missing") : _("Taken"));
      gtk_widget_add_css_class (label, missing ? "warning" : "success");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->checklist_group, row);
      g_ptr_array_add (self->checklist_rows, row);
    }

  if (self->missing == NULL || self->missing->len == 0)
    description = g_strdup (_("Every required photo has been taken."));
  else
    /* Translators: "3 of 7 required photos taken". */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u of %u required photo taken",
                                                "%u of %u required photos taken", n_required),
                                   n_required - self->missing->len, n_required);
  adw_preferences_group_set_description (self->checklist_group, description);

  /* The next photo is most likely the first one still missing. */
  if (self->missing != NULL && self->missing->len > 0)
    adw_combo_row_set_selected (self->kind_row, g_array_index (self->missing, int, 0));
}

typedef struct {
  AfsVisitPhotos *self;
  GtkPicture     *picture;
  GCancellable   *cancellable;
} ThumbData;

static void
thumb_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ThumbData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = afs_photo_folder_get_scaled_finish (AFS_PHOTO_FOLDER (source), result, &error);
  if (path != NULL && !g_cancellable_is_cancelled (data->cancellable))
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);

      if (texture != NULL)
        {
          gtk_picture_set_paintable (data->picture, GDK_PAINTABLE (texture));
          data->self->n_thumbnails++;
        }
    }
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_widget_set_tooltip_text (GTK_WIDGET (data->picture), error->message);

  g_object_unref (data->picture);
  g_object_unref (data->cancellable);
  g_object_unref (data->self);
  g_free (data);
}

static GtkWidget *
build_tile (AfsVisitPhotos     *self,
            const AfsPhotoData *photo)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label;
  ThumbData *data;
  g_autofree char *name = NULL;

  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_widget_set_size_request (picture, 144, 108);
  gtk_frame_set_child (GTK_FRAME (frame), picture);
  gtk_widget_add_css_class (frame, "photo-tile");
  gtk_box_append (GTK_BOX (box), frame);

  label = gtk_label_new (afs_photo_kind_get_label (photo->kind));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);
  if (photo->caption != NULL && photo->caption[0] != '\0')
    {
      label = gtk_label_new (photo->caption);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  /* Translators: accessible name of a photo tile: its kind and caption. */
  name = g_strdup_printf (_("Photo: %s"), photo->caption != NULL && photo->caption[0] != '\0'
                                          ? photo->caption : afs_photo_kind_get_label (photo->kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  data = g_new0 (ThumbData, 1);
  data->self = g_object_ref (self);
  data->picture = GTK_PICTURE (g_object_ref (picture));
  data->cancellable = g_object_ref (self->cancellable);
  afs_photo_folder_get_scaled_async (afs_visit_get_photo_folder (self->context), photo->sha256,
                                     AFS_PHOTO_SIZE_THUMBNAIL, self->cancellable, thumb_cb, data);
  return box;
}

static void
show_photos (AfsVisitPhotos *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL)
    gtk_flow_box_remove (self->flow_box, child);
  self->n_thumbnails = 0;

  for (guint i = 0; i < self->photos->len; i++)
    gtk_flow_box_append (self->flow_box, build_tile (self, g_ptr_array_index (self->photos, i)));

  gtk_stack_set_visible_child_name (self->grid_stack, self->photos->len > 0 ? "grid" : "empty");
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsVisitPhotos) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadData *data = g_task_get_task_data (G_TASK (result));

  self->n_pending--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        afs_form_toast (GTK_WIDGET (self), error->message);
      return;
    }
  if (g_strcmp0 (data->case_id, self->case_id) != 0)
    return;

  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->missing, g_array_unref);
  self->photos = g_steal_pointer (&data->photos);
  self->missing = g_steal_pointer (&data->missing);
  show_checklist (self);
  show_photos (self);
}

void
afs_visit_photos_reload (AfsVisitPhotos *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (AFS_IS_VISIT_PHOTOS (self));

  if (self->context == NULL || self->case_id == NULL)
    return;

  afs_form_renew_cancellable (&self->cancellable);

  data = g_new0 (LoadData, 1);
  data->store = g_object_ref (afs_context_get_store (self->context));
  data->case_id = g_strdup (self->case_id);

  self->n_pending++;
  task = g_task_new (NULL, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_source_tag (task, afs_visit_photos_reload);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

void
afs_visit_photos_set_visit (AfsVisitPhotos *self,
                            AfsContext     *context,
                            const char     *case_id)
{
  g_return_if_fail (AFS_IS_VISIT_PHOTOS (self));
  g_return_if_fail (AFS_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  afs_visit_photos_reload (self);
}

/* ---- Adding photos ------------------------------------------------------------ */

typedef struct {
  AfsVisitPhotos *self;       /* while the folder imports */
  AfsStore       *store;
  AfsPhotoFolder *folder;
  char           *case_id;
  AfsPhotoKind    kind;
  GPtrArray      *files;      /* GFile* the folder stored, or empty for a camera photo */
  GPtrArray      *infos;      /* AfsPhotoInfo*, parallel to files */
  guint           n_files;
  char           *sha256;     /* camera: already stored */
  AfsPhotoInfo    camera_info;
  GPtrArray      *messages;   /* char*: what went wrong, per file */
  guint           n_added;
} AddData;

static void
add_data_free (AddData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->store);
  g_clear_object (&data->folder);
  g_free (data->case_id);
  g_clear_pointer (&data->files, g_ptr_array_unref);
  g_clear_pointer (&data->infos, g_ptr_array_unref);
  g_free (data->sha256);
  afs_photo_info_clear (&data->camera_info);
  g_clear_pointer (&data->messages, g_ptr_array_unref);
  g_free (data);
}

static gboolean
add_row (AddData             *data,
         const AfsPhotoInfo  *info,
         const char          *sha256,
         GError             **error)
{
  AfsPhotoInput input = { 0 };
  g_autofree char *id = NULL;

  input.case_id = data->case_id;
  input.sha256 = sha256;
  input.kind = data->kind;
  input.taken_at = info->taken_at;
  input.width = info->width;
  input.height = info->height;
  input.size = (gint64) info->size;
  input.mime_type = info->mime_type;
  return afs_store_add_photo (data->store, &input, &id, error);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddData *data = task_data;

  if (data->sha256 != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (add_row (data, &data->camera_info, data->sha256, &error))
        data->n_added++;
      else
        g_ptr_array_add (data->messages, g_strdup (error->message));
    }

  /* The files were checked and stored by the photo folder first
   * (afs_photo_folder_import_async()); the row only for a file that is there. */
  for (guint i = 0; i < data->infos->len; i++)
    {
      AfsPhotoInfo *info = g_ptr_array_index (data->infos, i);
      GFile *file = g_ptr_array_index (data->files, i);   /* parallel to infos */
      g_autoptr(GError) error = NULL;

      if (add_row (data, info, info->sha256, &error))
        data->n_added++;
      else
        {
          g_autofree char *name = g_file_get_basename (file);

          g_ptr_array_add (data->messages, g_strdup_printf (_("%s: %s"), name, error->message));
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
add_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(AfsVisitPhotos) self = user_data;
  AddData *data = g_task_get_task_data (G_TASK (result));

  self->n_pending--;

  /* One toast per import: what was added, and why a file was not. When
   * several were refused, the page lists every one with its reason. */
  {
    g_autofree char *added = NULL;
    g_autofree char *refused = NULL;

    if (data->n_added > 0)
      /* Translators: after an import or a camera shot. */
      added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo added", "%u photos added",
                                            data->n_added), data->n_added);
    if (data->messages->len == 1)
      refused = g_strdup (g_ptr_array_index (data->messages, 0));
    else if (data->messages->len > 1)
      /* Translators: several files were refused; the page lists them with their reasons. */
      refused = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file was not added (see the list)",
                                              "%u files were not added (see the list)",
                                              data->messages->len),
                                 data->messages->len);
    show_refused (self, data->messages);

    if (added != NULL && refused != NULL)
      {
        /* Translators: "2 photos added" and why a file was not: "2 photos added; scan.pdf: …". */
        g_autofree char *both = g_strdup_printf (_("%s; %s"), added, refused);

        afs_form_toast (GTK_WIDGET (self), both);
      }
    else if (added != NULL || refused != NULL)
      afs_form_toast (GTK_WIDGET (self), added != NULL ? added : refused);
  }

  if (data->n_added > 0)
    {
      afs_visit_photos_reload (self);
      g_signal_emit (self, signals[CHANGED], 0);
    }
}

/* Every file the last import refused, with its reason: a toast holds one
 * line, so several refusals are listed on the page until hidden. */
static void
show_refused (AfsVisitPhotos *self,
              GPtrArray      *messages)
{
  g_autoptr(GString) text = NULL;

  g_ptr_array_set_size (self->refused, 0);
  for (guint i = 0; i < messages->len; i++)
    g_ptr_array_add (self->refused, g_strdup (g_ptr_array_index (messages, i)));
  gtk_widget_set_visible (self->refused_box, messages->len > 1);
  if (messages->len <= 1)
    return;

  text = g_string_new (NULL);
  /* Translators: the heading of the list of refused files; each line below is "name: reason". */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u file was not added:",
                                             "%u files were not added:", messages->len),
                          messages->len);
  for (guint i = 0; i < messages->len; i++)
    g_string_append_printf (text, "\n• %s", (char *) g_ptr_array_index (messages, i));
  gtk_label_set_label (self->refused_label, text->str);
}

static void
update_busy (AfsVisitPhotos *self)
{
  gboolean busy = self->n_importing > 0;

  gtk_widget_set_visible (self->busy_box, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), !busy);
  if (busy)
    {
      g_autofree char *text = NULL;

      /* Translators: shown while files are checked and stored. */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Importing %u photo…",
                                           "Importing %u photos…", self->n_importing),
                              self->n_importing);
      gtk_label_set_label (self->busy_label, text);
      gtk_spinner_start (self->busy_spinner);
    }
  else
    gtk_spinner_stop (self->busy_spinner);
}

static AddData *
add_data_new (AfsVisitPhotos *self)
{
  AddData *data = g_new0 (AddData, 1);
  guint kind = adw_combo_row_get_selected (self->kind_row);

  data->store = g_object_ref (afs_context_get_store (self->context));
  data->folder = g_object_ref (afs_visit_get_photo_folder (self->context));
  data->case_id = g_strdup (self->case_id);
  data->kind = kind < AFS_PHOTO_KIND_N ? (AfsPhotoKind) kind : AFS_PHOTO_KIND_OTHER;
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  data->infos = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_photo_info_free);
  data->messages = g_ptr_array_new_with_free_func (g_free);
  return data;
}

static void
run_add (AfsVisitPhotos *self,
         AddData        *data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, add_cb, g_object_ref (self));

  self->n_pending++;
  g_task_set_source_tag (task, run_add);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);
  g_task_run_in_thread (task, add_thread);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AddData *data = user_data;
  AfsVisitPhotos *self = data->self;   /* held by data */
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = afs_photo_folder_import_finish (AFS_PHOTO_FOLDER (source), result, &error);
  self->n_pending--;
  self->n_importing -= MIN (self->n_importing, data->n_files);
  if (self->import_cancellable == NULL)
    {
      /* The page went away meanwhile: the files stay stored, no rows. */
      add_data_free (data);
      return;
    }
  update_busy (self);
  if (results == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        afs_form_toast (GTK_WIDGET (self), error->message);
      add_data_free (data);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      AfsPhotoImportResult *r = g_ptr_array_index (results, i);

      if (r->info != NULL)
        {
          g_ptr_array_add (data->files, g_object_ref (r->file));
          g_ptr_array_add (data->infos, g_steal_pointer (&r->info));
        }
      else
        {
          g_autofree char *name = g_file_get_basename (r->file);
          g_autofree char *path = g_file_get_path (r->file);
          const char *reason = r->error != NULL ? r->error->message : "";

          /* The folder's message may start with the whole path: the name is enough here. */
          if (path != NULL && g_str_has_prefix (reason, path) && g_str_has_prefix (reason + strlen (path), ": "))
            reason += strlen (path) + 2;
          /* Translators: a file that could not be added, and why: "scan.pdf: This is not a JPEG or PNG image." */
          g_ptr_array_add (data->messages, g_strdup_printf (_("%s: %s"), name, reason));
        }
    }
  g_clear_object (&data->self);
  /* The rows, on the store's side of a worker (SQLite off the main loop). */
  run_add (self, data);
}

void
afs_visit_photos_import_files (AfsVisitPhotos *self,
                               GFile         **files,
                               guint           n_files)
{
  AddData *data;

  g_return_if_fail (AFS_IS_VISIT_PHOTOS (self));

  if (self->read_only || self->context == NULL || n_files == 0)
    return;

  /* The kind is the one chosen now, not when the files are stored. */
  data = add_data_new (self);
  data->self = g_object_ref (self);
  data->n_files = n_files;
  self->n_pending++;
  self->n_importing += n_files;
  update_busy (self);
  /* Checked and stored on the folder's worker, several files at once; a
   * bad file does not stop the others. */
  afs_photo_folder_import_async (data->folder, files, n_files, self->import_cancellable,
                                 imported_cb, data);
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  AfsVisitPhotos  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      guint n = g_list_model_get_n_items (list);
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      afs_visit_photos_import_files (self, (GFile **) files->pdata, files->len);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

void
afs_visit_photos_choose_files (AfsVisitPhotos *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root;

  g_return_if_fail (AFS_IS_VISIT_PHOTOS (self));

  if (self->read_only)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = gtk_file_chooser_native_new (_("Import Photos"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("JPEG and PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* The native dialog is not owned by any widget: keep it until it answers. */
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_captured (AfsVisitPhotos     *self,
             const char         *sha256,
             const AfsPhotoInfo *info,
             AfsCameraWindow    *camera)
{
  AddData *data = add_data_new (self);

  data->sha256 = g_strdup (sha256);
  data->camera_info.width = info->width;
  data->camera_info.height = info->height;
  data->camera_info.size = info->size;
  data->camera_info.taken_at = info->taken_at;
  data->camera_info.mime_type = g_strdup (info->mime_type != NULL ? info->mime_type : "image/jpeg");
  run_add (self, data);
}

static void
on_import_requested (AfsVisitPhotos *self)
{
  afs_visit_photos_choose_files (self);
}

GtkWindow *
afs_visit_photos_open_camera (AfsVisitPhotos *self)
{
  GtkRoot *root;
  GtkWidget *camera;

  g_return_val_if_fail (AFS_IS_VISIT_PHOTOS (self), NULL);

  if (self->read_only || self->context == NULL)
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  camera = afs_camera_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  afs_visit_get_photo_folder (self->context));
  g_signal_connect_object (camera, "captured", G_CALLBACK (on_captured), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (camera, "import-requested", G_CALLBACK (on_import_requested), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (camera));
  return GTK_WINDOW (camera);
}

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         AfsVisitPhotos *self)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->read_only)
    return FALSE;

  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  afs_visit_photos_import_files (self, (GFile **) files->pdata, files->len);
  g_slist_free (list);
  return files->len > 0;
}

/* ---- The viewer --------------------------------------------------------------- */

static void
on_viewer_changed (AfsVisitPhotos *self)
{
  afs_visit_photos_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

GtkWindow *
afs_visit_photos_open_viewer (AfsVisitPhotos *self,
                              guint           position)
{
  GtkRoot *root;
  GtkWidget *viewer;

  g_return_val_if_fail (AFS_IS_VISIT_PHOTOS (self), NULL);
  g_return_val_if_fail (self->photos != NULL && position < self->photos->len, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  viewer = afs_photo_viewer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context,
                                 g_ptr_array_index (self->photos, position), self->read_only);
  g_signal_connect_object (viewer, "changed", G_CALLBACK (on_viewer_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (viewer));
  return GTK_WINDOW (viewer);
}

static void
on_child_activated (AfsVisitPhotos  *self,
                    GtkFlowBoxChild *child)
{
  afs_visit_photos_open_viewer (self, gtk_flow_box_child_get_index (child));
}

/* ---- Read-only and getters ------------------------------------------------------ */

void
afs_visit_photos_set_read_only (AfsVisitPhotos *self,
                                gboolean        read_only)
{
  g_return_if_fail (AFS_IS_VISIT_PHOTOS (self));

  self->read_only = read_only;
  if (read_only)
    afs_visit_drop_focus_within (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->camera_button), !read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), !read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_list), !read_only);
  gtk_widget_set_visible (self->toolbar, !read_only);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->drop_target),
                                              read_only ? GTK_PHASE_NONE : GTK_PHASE_BUBBLE);
  adw_status_page_set_description (self->empty_page, read_only
                                   ? _("No photos were taken for this report.")
                                   : _("Take photos with the camera, import them, or drop image files here."));
}

gboolean
afs_visit_photos_get_idle (AfsVisitPhotos *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_PHOTOS (self), FALSE);
  return self->n_pending == 0 && self->photos != NULL;
}

guint
afs_visit_photos_get_n_photos (AfsVisitPhotos *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_PHOTOS (self), 0);
  return self->photos != NULL ? self->photos->len : 0;
}

guint
afs_visit_photos_get_n_missing (AfsVisitPhotos *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_PHOTOS (self), 0);
  return self->missing != NULL ? self->missing->len : 0;
}

gboolean
afs_visit_photos_get_importing (AfsVisitPhotos *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_PHOTOS (self), FALSE);
  return self->n_importing > 0;
}

GPtrArray *
afs_visit_photos_get_refused (AfsVisitPhotos *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_PHOTOS (self), NULL);
  return self->refused;
}

guint
afs_visit_photos_get_n_thumbnails (AfsVisitPhotos *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_PHOTOS (self), 0);
  return self->n_thumbnails;
}

/* ---- GObject -------------------------------------------------------------------- */

static void
afs_visit_photos_dispose (GObject *object)
{
  AfsVisitPhotos *self = AFS_VISIT_PHOTOS (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_VISIT_PHOTOS);

  G_OBJECT_CLASS (afs_visit_photos_parent_class)->dispose (object);
}

static void
afs_visit_photos_finalize (GObject *object)
{
  AfsVisitPhotos *self = AFS_VISIT_PHOTOS (object);

  g_clear_object (&self->context);
  g_free (self->case_id);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->missing, g_array_unref);
  g_clear_pointer (&self->checklist_rows, g_ptr_array_unref);
  g_clear_pointer (&self->refused, g_ptr_array_unref);

  G_OBJECT_CLASS (afs_visit_photos_parent_class)->finalize (object);
}

static void
afs_visit_photos_class_init (AfsVisitPhotosClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = afs_visit_photos_dispose;
  object_class->finalize = afs_visit_photos_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-visit-photos.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, scroller);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, toolbar);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, camera_button);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, import_button);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, busy_box);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, busy_label);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, refused_box);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, refused_label);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, refused_close_button);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, kind_list);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, grid_stack);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AfsVisitPhotos, flow_box);
}

static void
afs_visit_photos_init (AfsVisitPhotos *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->checklist_rows = g_ptr_array_new ();
  self->refused = g_ptr_array_new_with_free_func (g_free);
  self->import_cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->refused_close_button, "clicked",
                            G_CALLBACK (gtk_widget_hide), self->refused_box);

  for (int kind = 0; kind < AFS_PHOTO_KIND_N; kind++)
    gtk_string_list_append (kinds, afs_photo_kind_get_label (kind));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  g_signal_connect_swapped (self->flow_box, "child-activated", G_CALLBACK (on_child_activated), self);

  self->drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (self->drop_target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));
}

GtkWidget *
afs_visit_photos_new (void)
{
  return g_object_new (AFS_TYPE_VISIT_PHOTOS, NULL);
}
