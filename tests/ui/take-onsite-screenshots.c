/* take-onsite-screenshots.c: the pictures of the technician's screens in
 * docs/screenshots/onsite-*.png, each at 1280×800 and 400 px wide, made
 * from a demo company in a temporary database, with generated photos and
 * the GStreamer test camera.
 *
 *   xvfb-run -a -s "-screen 0 1400x900x24" env GSK_RENDERER=cairo GDK_BACKEND=x11 \
 *     GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=build/data \
 *     AFS_CAMERA_SOURCE=videotestsrc build/tests/ui/take-onsite-screenshots [OUTPUT-DIR]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "afs-camera-window.h"
#include "afs-context.h"
#include "afs-orders-page.h"
#include "afs-photo-viewer.h"
#include "afs-preferences-window.h"
#include "afs-screenshot.h"
#include "afs-store-visit.h"
#include "afs-ui-test-util.h"
#include "afs-visit-test-util.h"
#include "afs-visit-util.h"
#include "afs-visit-window.h"

#define TIMEOUT 30000

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsReportPart, afs_report_part_free)

static char *out_dir;

static void
save (GtkWidget  *widget,
      const char *name)
{
  afs_test_save_screenshot (widget, out_dir, name);
}

static gboolean
orders_loaded (gpointer data)
{
  return afs_orders_page_get_loaded (data);
}

static gboolean
thumbnails_shown (gpointer data)
{
  AfsVisitPhotos *photos = data;

  return afs_visit_photos_get_idle (photos) &&
         afs_visit_photos_get_n_thumbnails (photos) == afs_visit_photos_get_n_photos (photos);
}

static gboolean
camera_previewing (gpointer data)
{
  return g_strcmp0 (afs_camera_window_get_state (data), "preview") == 0 &&
         afs_camera_window_get_n_frames (data) >= 5;
}

static gboolean
camera_settled (gpointer data)
{
  return g_strcmp0 (afs_camera_window_get_state (data), "starting") != 0;
}

static gboolean
signed_shown (gpointer data)
{
  AfsSignoffPage *signoff = afs_visit_window_get_signoff (data);

  return afs_signoff_page_get_signed (signoff) && !afs_signoff_page_get_busy (signoff) &&
         afs_visit_window_get_loaded (data);
}

static gboolean
viewer_loaded (gpointer data)
{
  return afs_photo_viewer_get_loaded (data);
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name));
}

static void
scroll_to_top (GtkWidget *scroller)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

  gtk_adjustment_set_value (adj, 0);
}

static GtkWidget *
orders_window (AfsContext     *context,
               int             width,
               AfsOrdersPage **out_page)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *page = afs_orders_page_new (context);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  gtk_window_set_title (GTK_WINDOW (window), _("My Orders"));
  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (!afs_test_wait_until (orders_loaded, page, TIMEOUT))
    g_error ("the orders did not load");
  afs_test_fit_window_size (window, width, 800);
  *out_page = AFS_ORDERS_PAGE (page);
  return window;
}

static AfsVisitWindow *
visit_window (AfsContext *context,
              const char *case_id,
              int         width)
{
  AfsVisitWindow *window = AFS_VISIT_WINDOW (afs_visit_window_new (NULL, context, case_id));

  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  gtk_window_present (GTK_WINDOW (window));
  if (!afs_test_wait_until (afs_visit_test_window_loaded, window, TIMEOUT))
    g_error ("the visit did not load");
  afs_test_fit_window_size (GTK_WIDGET (window), width, 800);
  return window;
}

/* A few more of the demo company's triaged cases are dispatched to the
 * technician, so "My orders" looks like a working day. */
static void
dispatch_more (AfsContext *context,
               const char *tech_id,
               guint       n)
{
  AfsStore *store = afs_context_get_store (context);
  AfsCaseFilter filter = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  guint done = 0;

  filter.state_mask = 1 << AFS_CASE_STATE_TRIAGED;
  filter.sort = AFS_CASE_SORT_DUE;
  ids = afs_store_query_case_ids (store, &filter, NULL);
  if (ids == NULL || ids->len == 0)
    return;
  cases = afs_store_load_cases (store, (gint64 *) ids->data, MIN (ids->len, 300), NULL);

  afs_store_set_actor (store, NULL, "Olga Biuro", AFS_ROLE_OFFICE);
  for (guint i = 0; cases != NULL && i < cases->len && done < n; i++)
    {
      AfsCaseData *kase = g_ptr_array_index (cases, i);
      AfsCaseFacts facts;
      AfsApprovalPolicy policy;

      /* Only cases the rules let go out now (no approval pending). */
      afs_store_get_approval_policy (store, &policy);
      if (!afs_store_get_case_facts (store, kase->id, &facts, NULL))
        continue;
      facts.n_assignments = 1;
      facts.has_lead = TRUE;
      if (!afs_workflow_check (&facts, &policy, AFS_ACTION_DISPATCH, AFS_ROLE_OFFICE, NULL))
        continue;
      if (afs_store_assign_technician (store, kase->id, tech_id, TRUE, NULL) &&
          afs_store_apply_action (store, kase->id, AFS_ACTION_DISPATCH, NULL, NULL))
        done++;
    }
  afs_store_set_actor (store, tech_id, "Tomasz Technik", AFS_ROLE_TECHNICIAN);
}

static void
fill_report (AfsVisitWindow *window)
{
  AfsReportEditor *editor = afs_visit_window_get_report_editor (window);
  g_autoptr(AfsReportPart) part = afs_report_part_new ();

  gtk_switch_set_active (GTK_SWITCH (child (editor, AFS_TYPE_REPORT_EDITOR, "confirmed_switch")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (child (editor, AFS_TYPE_REPORT_EDITOR, "fault_row")),
                         "Cold room stops cooling after 10 minutes");
  gtk_editable_set_text (GTK_EDITABLE (child (editor, AFS_TYPE_REPORT_EDITOR, "cause_row")),
                         "Start relay contacts burnt (product quality)");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (editor, AFS_TYPE_REPORT_EDITOR, "diagnosis_view"))),
                            "Compressor clicks and stops; the start relay is burnt. Refrigerant pressure normal.", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (editor, AFS_TYPE_REPORT_EDITOR, "actions_view"))),
                            "Replaced the start relay, cleaned the condenser, ran the room for 2 h: 4 °C reached.", -1);
  part->name = g_strdup ("Start relay RL-12");
  part->part_number = g_strdup ("RL-12");
  part->quantity = 1;
  part->under_warranty = TRUE;
  afs_report_editor_add_part (editor, part);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (editor, AFS_TYPE_REPORT_EDITOR, "labour_spin")), 2.5);
  gtk_editable_set_text (GTK_EDITABLE (child (editor, AFS_TYPE_REPORT_EDITOR, "test_row")),
                         "Holds 4 °C for 2 h with the door closed");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, AFS_TYPE_REPORT_EDITOR, "outcome_row")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, AFS_TYPE_REPORT_EDITOR, "remedy_row")), AFS_REMEDY_REPAIR);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (editor, AFS_TYPE_REPORT_EDITOR, "advice_view"))),
                            "Keep the condenser free of dust; do not block the vents.", -1);
}

static void
fill_signoff (AfsSignoffPage *signoff)
{
  for (int item = 0; item < AFS_RATING_N; item++)
    afs_signoff_page_set_rating (signoff, item, 5 - (item == 2));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (signoff, AFS_TYPE_SIGNOFF_PAGE, "opinion_view"))),
                            "Quick and clean work, thank you.", -1);
  gtk_editable_set_text (GTK_EDITABLE (child (signoff, AFS_TYPE_SIGNOFF_PAGE, "customer_name_row")), "Anna Nowak");
  gtk_editable_set_text (GTK_EDITABLE (child (signoff, AFS_TYPE_SIGNOFF_PAGE, "customer_role_row")), "Site manager");
  afs_visit_test_sign (afs_signoff_page_get_customer_pad (signoff), 1);
  afs_visit_test_sign (afs_signoff_page_get_technician_pad (signoff), 2);
}

typedef struct {
  gboolean done;
  gboolean ok;
} PdfShot;

static void
pdf_saved (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PdfShot *shot = user_data;
  g_autoptr(GError) error = NULL;

  shot->ok = afs_visit_window_save_pdf_finish (AFS_VISIT_WINDOW (source), result, NULL, &error);
  if (!shot->ok)
    g_printerr ("PDF: %s\n", error->message);
  shot->done = TRUE;
}

static gboolean
pdf_shot_done (gpointer data)
{
  return ((PdfShot *) data)->done;
}

/* Page 1 of the signed report as printed (poppler renders it): the
 * company header comes from Preferences → Service Report. */
static void
shoot_pdf_page (AfsVisitWindow *visit)
{
  g_autofree char *dir = g_dir_make_tmp ("afs-shots-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *prefix = g_build_filename (out_dir, "onsite-pdf-page1", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  const char *argv[] = { "pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                         pdf, prefix, NULL };
  PdfShot shot = { 0 };
  g_autoptr(GError) error = NULL;
  int status = -1;

  afs_visit_window_save_pdf_async (visit, file, NULL, pdf_saved, &shot);
  afs_test_wait_until (pdf_shot_done, &shot, TIMEOUT);
  if (!shot.ok)
    return;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) || status != 0)
    g_printerr ("pdftoppm failed: %s\n", error != NULL ? error->message : "exit status");
  else
    g_print ("%s.png\n", prefix);
}

static void
shoot_all (AfsContext *context,
           const char *case_id,
           const char *other_case_id,
           int         width,
           gboolean    first)
{
  const char *suffix = width > 600 ? "1280" : "400";
  g_autofree char *name = NULL;
  AfsOrdersPage *page;
  GtkWidget *orders = orders_window (context, width, &page);
  AfsVisitWindow *visit;
  AfsVisitPhotos *photos;
  AfsSignoffPage *signoff;
  GtkWindow *camera;

#define SHOT(widget, what) G_STMT_START { g_free (name); \
  name = g_strdup_printf ("onsite-%s-%s.png", what, suffix); save (GTK_WIDGET (widget), name); } G_STMT_END

  SHOT (orders, "orders");

  if (first)
    {
      /* Set out and arrive, from the orders page, as the technician does. */
      gtk_widget_activate_action (GTK_WIDGET (page), "orders.start-travel", "s", case_id);
      afs_test_wait_ms (800);
      afs_test_wait_until (orders_loaded, page, TIMEOUT);
      gtk_widget_activate_action (GTK_WIDGET (page), "orders.arrive", "s", case_id);
      afs_test_wait_ms (800);
      afs_test_wait_until (orders_loaded, page, TIMEOUT);
      SHOT (orders, "orders-arrived");
    }
  gtk_window_destroy (GTK_WINDOW (orders));

  visit = visit_window (context, case_id, width);
  photos = afs_visit_window_get_photos (visit);
  SHOT (visit, "visit");

  if (first)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *dir = g_dir_make_tmp ("afs-shots-XXXXXX", NULL);
      AfsPhotoKind kinds[] = { AFS_PHOTO_KIND_WHOLE_ITEM, AFS_PHOTO_KIND_DAMAGE_CLOSE_UP, AFS_PHOTO_KIND_BATCH_LABEL };
      g_autoptr(GPtrArray) rows = NULL;

      /* Three files in one import (one toast), then filed by kind as in the viewer. */
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          g_autofree char *file = g_strdup_printf ("%s/photo-%u.jpg", dir, i);

          afs_visit_test_write_jpeg (file, 1200, 900, i);
          g_ptr_array_add (files, g_file_new_for_path (file));
        }
      afs_visit_photos_import_files (photos, (GFile **) files->pdata, files->len);
      afs_test_wait_ms (200);
      afs_test_wait_until ((AfsTestCondition) afs_visit_photos_get_idle, photos, TIMEOUT);
      rows = afs_store_list_photos (afs_context_get_store (context), case_id, NULL);
      for (guint i = 0; rows != NULL && i < rows->len && i < G_N_ELEMENTS (kinds); i++)
        afs_store_set_photo_kind (afs_context_get_store (context),
                                  ((AfsPhotoData *) g_ptr_array_index (rows, i))->id, kinds[i], NULL);
      afs_visit_photos_reload (photos);
      afs_test_wait_ms (200);
      afs_test_wait_until ((AfsTestCondition) afs_visit_photos_get_idle, photos, TIMEOUT);
      afs_test_wait_ms (5500);   /* the "3 photos added" toast goes */
    }

  afs_visit_window_show_page (visit, "photos");
  afs_test_wait_until (thumbnails_shown, photos, TIMEOUT);
  SHOT (visit, "photos");

  if (first)
    {
      /* Two files refused in one import: each listed with its reason. */
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *dir = g_dir_make_tmp ("afs-shots-XXXXXX", NULL);
      g_autofree char *text = g_build_filename (dir, "invoice.pdf", NULL);
      g_autofree char *cut = g_build_filename (dir, "IMG_0412.jpg", NULL);
      g_autofree char *bytes = NULL;
      gsize len = 0;

      afs_visit_test_write_jpeg (cut, 800, 600, 9);
      g_file_get_contents (cut, &bytes, &len, NULL);
      g_file_set_contents (cut, bytes, len / 3, NULL);
      g_file_set_contents (text, "%PDF-1.4 an invoice", -1, NULL);
      g_ptr_array_add (files, g_file_new_for_path (cut));
      g_ptr_array_add (files, g_file_new_for_path (text));
      afs_visit_photos_import_files (photos, (GFile **) files->pdata, files->len);
      afs_test_wait_ms (200);
      afs_test_wait_until ((AfsTestCondition) afs_visit_photos_get_idle, photos, TIMEOUT);
      SHOT (visit, "photos-refused");
      g_signal_emit_by_name (child (photos, AFS_TYPE_VISIT_PHOTOS, "refused_close_button"), "clicked");
      afs_test_wait_ms (5500);   /* the toast goes */
    }

  /* The camera, live (videotestsrc stands in for it). After signing the
   * page offers no camera, so the narrow pictures open it directly. */
  camera = first ? afs_visit_photos_open_camera (photos)
                 : GTK_WINDOW (afs_camera_window_new (GTK_WINDOW (visit), afs_visit_get_photo_folder (context)));
  gtk_window_present (camera);
  gtk_window_set_default_size (camera, width > 600 ? 720 : 400, 600);
  afs_test_wait_until (camera_previewing, camera, TIMEOUT);
  SHOT (camera, "camera");
  if (first)
    {
      afs_camera_window_shutter (AFS_CAMERA_WINDOW (camera));
      afs_test_wait_ms (1500);
      afs_test_wait_until ((AfsTestCondition) afs_visit_photos_get_idle, photos, TIMEOUT);
    }
  gtk_window_destroy (camera);

  /* No camera: the plain fallback. */
  {
    g_autofree char *old = g_strdup (g_getenv ("AFS_CAMERA_SOURCE"));

    g_setenv ("AFS_CAMERA_SOURCE", "v4l2src", TRUE);
    camera = GTK_WINDOW (afs_camera_window_new (GTK_WINDOW (visit), afs_visit_get_photo_folder (context)));
    gtk_window_present (camera);
    gtk_window_set_default_size (camera, width > 600 ? 720 : 400, 600);
    afs_test_wait_until (camera_settled, camera, TIMEOUT);
    SHOT (camera, "no-camera");
    gtk_window_destroy (camera);
    g_setenv ("AFS_CAMERA_SOURCE", old != NULL ? old : "videotestsrc", TRUE);
  }

  if (first)
    afs_test_wait_ms (5500);   /* the camera's "1 photo added" toast goes */

  /* The viewer, zoomed in. */
  afs_test_wait_until (thumbnails_shown, photos, TIMEOUT);
  {
    GtkWindow *viewer = afs_visit_photos_open_viewer (photos, 0);

    gtk_window_set_default_size (viewer, width > 600 ? 900 : 400, 700);
    afs_test_wait_until (viewer_loaded, viewer, TIMEOUT);
    afs_test_wait_frames (GTK_WIDGET (viewer), 3);
    gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL);
    SHOT (viewer, "viewer");
    gtk_window_destroy (viewer);
  }

  if (first)
    fill_report (visit);
  afs_visit_window_show_page (visit, "report");
  scroll_to_top (child (afs_visit_window_get_report_editor (visit), AFS_TYPE_REPORT_EDITOR, "scroller"));
  SHOT (visit, "report");

  signoff = afs_visit_window_get_signoff (visit);
  afs_visit_window_show_page (visit, "signoff");
  if (first)
    {
      /* A first try without signatures: the reasons show at the fields. */
      gtk_widget_activate_action (GTK_WIDGET (visit), "visit.sign", NULL);
      {
        GtkWidget *scroller = child (signoff, AFS_TYPE_SIGNOFF_PAGE, "scroller");
        GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

        afs_test_wait_ms (300);
        gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
      }
      SHOT (visit, "signoff-errors");

      fill_signoff (signoff);
      scroll_to_top (child (signoff, AFS_TYPE_SIGNOFF_PAGE, "scroller"));
      SHOT (visit, "signoff");

      afs_test_wait_ms (5000);   /* the "cannot be signed yet" toast goes */
      gtk_widget_activate_action (GTK_WIDGET (visit), "visit.sign", NULL);
      afs_test_wait_until (signed_shown, visit, TIMEOUT);
      afs_test_wait_until (afs_visit_test_window_loaded, visit, TIMEOUT);
    }
  scroll_to_top (child (signoff, AFS_TYPE_SIGNOFF_PAGE, "scroller"));
  SHOT (visit, "signed");
  if (first)
    {
      /* New Report Version asks first (the picture; then Cancel). */
      GtkWindow *dialog = afs_visit_window_ask_new_version (visit);

      if (dialog != NULL)
        {
          SHOT (dialog, "new-version");
          adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
        }
      shoot_pdf_page (visit);
    }
  gtk_window_destroy (GTK_WINDOW (visit));

  /* Narrow: the forms of a report still being written, on another order. */
  if (!first && other_case_id != NULL)
    {
      visit = visit_window (context, other_case_id, width);
      fill_report (visit);
      afs_visit_window_show_page (visit, "report");
      SHOT (visit, "report-edit");
      signoff = afs_visit_window_get_signoff (visit);
      fill_signoff (signoff);
      afs_visit_window_show_page (visit, "signoff");
      SHOT (visit, "signoff");
      gtk_window_destroy (GTK_WINDOW (visit));
    }
#undef SHOT
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AfsStore) store = NULL;
  g_autoptr(AfsContext) context = NULL;
  const char *source_root = g_getenv ("AFS_SOURCE_ROOT");
  g_autofree char *case_id = NULL;
  g_autofree char *tech_id = NULL;
  g_autofree char *other_case_id = NULL;

  setlocale (LC_ALL, "");
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("AFS_CAMERA_SOURCE", "videotestsrc", FALSE);

  gtk_init ();
  adw_init ();
  afs_test_ui_setup_resources ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  if (argc > 1)
    out_dir = g_strdup (argv[1]);
  else
    out_dir = g_build_filename (source_root != NULL ? source_root : ".", "docs", "screenshots", NULL);
  g_mkdir_with_parents (out_dir, 0755);

  store = afs_test_make_store (400, NULL);
  context = afs_context_new (store, NULL);
  /* The service report's header (Preferences → Service Report). */
  {
    GSettings *settings = afs_context_get_settings (context);
    GtkWidget *prefs;

    g_settings_set_string (settings, "company-name", "Chłodnictwo Nowak Serwis");
    g_settings_set_string (settings, "company-address", "ul. Mroźna 7, 30-001 Kraków");
    g_settings_set_string (settings, "company-phone", "+48 12 345 67 89");
    prefs = afs_preferences_window_new (NULL, context);
    gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 800);
    gtk_window_present (GTK_WINDOW (prefs));
    save (prefs, "onsite-preferences-company-1280.png");
    gtk_window_destroy (GTK_WINDOW (prefs));
  }
  /* Before anything is dispatched to this laptop's technician: the empty state. */
  for (guint i = 0; i < 2; i++)
    {
      AfsOrdersPage *page;
      int width = i == 0 ? 1280 : 400;
      GtkWidget *window = orders_window (context, width, &page);
      g_autofree char *name = g_strdup_printf ("onsite-orders-profile-%d.png", width);

      save (window, name);
      gtk_window_destroy (GTK_WINDOW (window));
    }

  /* The visit we follow, dispatched to "me", and a few more orders. */
  case_id = afs_visit_test_dispatch_case (context, "The cold room does not cool; the compressor clicks.",
                                          &tech_id);
  dispatch_more (context, tech_id, 4);

  {
    g_autoptr(GPtrArray) orders = afs_store_list_my_orders (store, NULL, 0, NULL);

    for (guint i = 0; orders != NULL && i < orders->len && other_case_id == NULL; i++)
      {
        AfsOrderData *order = g_ptr_array_index (orders, i);

        if (order->state == AFS_CASE_STATE_DISPATCHED && g_strcmp0 (order->case_id, case_id) != 0)
          other_case_id = g_strdup (order->case_id);
      }
  }

  shoot_all (context, case_id, NULL, 1280, TRUE);
  shoot_all (context, case_id, other_case_id, 400, FALSE);

  g_free (out_dir);
  return 0;
}
