/* test-visit.c: a technician's visit, done through the app's screens and
 * actions, in real windows, on a real database, with a real GStreamer
 * camera (videotestsrc) and real files (DOMAIN.md 4, 8, 9).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "afs-camera-window.h"
#include "afs-context.h"
#include "afs-orders-page.h"
#include "afs-store-sync.h"
#include "afs-store-visit.h"
#include "afs-ui-test-util.h"
#include "afs-visit-test-util.h"
#include "afs-visit-util.h"
#include "afs-visit-window.h"

#define TIMEOUT 20000

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsVisitData, afs_visit_data_free)

typedef struct {
  char       *dir;
  AfsStore   *store;
  AfsContext *context;
  char       *case_id;
  char       *tech_id;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  fx->store = afs_test_make_store (0, &path);
  fx->dir = g_path_get_dirname (path);
  fx->context = afs_context_new (fx->store, NULL);
  fx->case_id = afs_visit_test_dispatch_case (fx->context, "The cold room does not cool; the compressor clicks.",
                                              &fx->tech_id);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  GSettings *settings = afs_context_get_settings (fx->context);

  g_settings_reset (settings, "profile-name");
  g_settings_reset (settings, "profile-staff-id");
  g_settings_reset (settings, "profile-role");
  g_settings_reset (settings, "company-name");
  g_settings_reset (settings, "company-address");
  g_settings_reset (settings, "company-phone");
  g_clear_object (&fx->context);
  g_clear_object (&fx->store);
  g_free (fx->case_id);
  g_free (fx->tech_id);
  g_free (fx->dir);
}

/* ---- Helpers ---------------------------------------------------------------- */

static gboolean
orders_loaded (gpointer data)
{
  return afs_orders_page_get_loaded (data);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0)
        return child;
      found = find_button (child, action_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static AfsVisitData *
latest_visit (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = afs_store_list_visits (fx->store, fx->case_id, &error);

  g_assert_no_error (error);
  if (visits->len == 0)
    return NULL;
  return g_ptr_array_steal_index (visits, visits->len - 1);
}

static AfsCaseState
case_state (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  AfsCaseData kase = { 0 };
  AfsCaseState state;

  g_assert_true (afs_store_get_case (fx->store, fx->case_id, &kase, &error));
  g_assert_no_error (error);
  state = kase.state;
  afs_case_data_clear (&kase);
  return state;
}

static AfsVisitWindow *
open_visit (AfsOrdersPage *page,
            const char    *case_id)
{
  AfsVisitWindow *window;

  gtk_widget_activate_action (GTK_WIDGET (page), "orders.open", "s", case_id);
  window = AFS_VISIT_WINDOW (afs_orders_page_get_visit_window (page));
  g_assert_nonnull (window);
  g_assert_true (afs_test_wait_until (afs_visit_test_window_loaded, window, TIMEOUT));
  afs_test_wait_frames (GTK_WIDGET (window), 2);
  return window;
}

static void
collect_entries (GtkWidget *widget,
                 GPtrArray *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_ENTRY (c))
        g_ptr_array_add (out, c);
      else
        collect_entries (c, out);
    }
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkWidget *
orders_window (Fixture        *fx,
               AfsOrdersPage **out_page)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *page = afs_orders_page_new (fx->context);

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (afs_test_wait_until (orders_loaded, page, TIMEOUT));
  *out_page = AFS_ORDERS_PAGE (page);
  return window;
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  guint     n_pages;
  GError   *error;
} PdfWait;

static void
pdf_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  PdfWait *wait = user_data;

  wait->ok = afs_visit_window_save_pdf_finish (AFS_VISIT_WINDOW (source), result,
                                               &wait->n_pages, &wait->error);
  wait->done = TRUE;
}

static gboolean
pdf_done (gpointer data)
{
  return ((PdfWait *) data)->done;
}

/* ---- State of things the waits look at ----------------------------------------- */

static gboolean
printed_done (gpointer data)
{
  return afs_visit_window_get_printed_pages (data) > 0;
}

/* The page shows the order with this time (after its reload). */
static gboolean
page_shows_travel (gpointer data)
{
  AfsOrdersPage *page = data;

  return afs_orders_page_get_loaded (page) && afs_orders_page_get_n_orders (page) == 1 &&
         afs_orders_page_get_order (page, 0)->travel_started_at != 0;
}

static gboolean
page_shows_arrival (gpointer data)
{
  AfsOrdersPage *page = data;

  return afs_orders_page_get_loaded (page) && afs_orders_page_get_n_orders (page) == 1 &&
         afs_orders_page_get_order (page, 0)->arrived_at != 0 &&
         afs_orders_page_get_order (page, 0)->state == AFS_CASE_STATE_ON_SITE;
}

static gboolean
photos_count_is (gpointer data)
{
  gpointer *args = data;
  AfsVisitPhotos *photos = args[0];

  return afs_visit_photos_get_idle (photos) &&
         afs_visit_photos_get_n_photos (photos) == GPOINTER_TO_UINT (args[1]);
}

static gboolean
thumbnails_shown (gpointer data)
{
  return afs_visit_photos_get_n_thumbnails (data) == afs_visit_photos_get_n_photos (data);
}

static gboolean
editor_idle (gpointer data)
{
  return afs_report_editor_get_idle (data) && afs_report_editor_get_n_saves (data) > 0;
}

static gboolean
signed_and_shown (gpointer data)
{
  AfsVisitWindow *window = data;
  AfsSignoffPage *signoff = afs_visit_window_get_signoff (window);

  return !afs_signoff_page_get_busy (signoff) && afs_signoff_page_get_signed (signoff) &&
         afs_visit_window_get_loaded (window) &&
         afs_report_editor_get_loaded (afs_visit_window_get_report_editor (window));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type))
        return window;
    }
  return NULL;
}

static gboolean
camera_previewing (gpointer data)
{
  AfsCameraWindow *camera = data;

  return g_strcmp0 (afs_camera_window_get_state (camera), "preview") == 0 &&
         afs_camera_window_get_n_frames (camera) >= 3;
}

static gboolean
camera_settled (gpointer data)
{
  return g_strcmp0 (afs_camera_window_get_state (data), "starting") != 0;
}

/* ---- The whole visit ------------------------------------------------------------- */

static void
test_complete_visit (Fixture       *fx,
                     gconstpointer  data)
{
  AfsOrdersPage *page;
  GtkWidget *window = orders_window (fx, &page);
  AfsVisitWindow *visit;
  AfsVisitPhotos *photos;
  AfsReportEditor *editor;
  AfsSignoffPage *signoff;
  AfsCameraWindow *camera;
  g_autoptr(AfsVisitData) visit_row = NULL;
  g_autofree char *bad = g_build_filename (fx->dir, "notes.jpg", NULL);
  g_autofree char *pdf_path = g_build_filename (fx->dir, "report.pdf", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_missing_before;
  gpointer args[2];

  /* My orders lists the dispatched case, with a live "Start Travel". */
  g_assert_cmpuint (afs_orders_page_get_n_orders (page), ==, 1);
  g_assert_cmpstr (afs_orders_page_get_case_id (page, 0), ==, fx->case_id);
  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (page), "order.start-travel")));
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (page), "order.leave")));

  /* Start travel, then arrive: one click each, timestamped. */
  gtk_widget_activate_action (GTK_WIDGET (page), "orders.start-travel", "s", fx->case_id);
  g_assert_true (afs_test_wait_until (page_shows_travel, page, TIMEOUT));
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (page), "order.start-travel")));

  gtk_widget_activate_action (GTK_WIDGET (page), "orders.arrive", "s", fx->case_id);
  g_assert_true (afs_test_wait_until (page_shows_arrival, page, TIMEOUT));
  g_assert_cmpint (case_state (fx), ==, AFS_CASE_STATE_ON_SITE);
  visit_row = latest_visit (fx);
  g_assert_nonnull (visit_row);
  g_assert_cmpint (visit_row->arrived_at, >=, visit_row->travel_started_at);
  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (page), "order.leave")));

  /* The visit window shows the case and its times. */
  visit = open_visit (page, fx->case_id);
  g_assert_cmpint (afs_visit_window_get_case_state (visit), ==, AFS_CASE_STATE_ON_SITE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (afs_test_template_child (visit, AFS_TYPE_VISIT_WINDOW, "address_row"))),
                   ==, "ul. Floriańska 12, Kraków");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (afs_test_template_child (visit, AFS_TYPE_VISIT_WINDOW, "arrive_row"))),
                   !=, "—");

  /* Import: three good JPEGs at once, one file that is not an image. */
  photos = afs_visit_window_get_photos (visit);
  n_missing_before = afs_visit_photos_get_n_missing (photos);
  g_assert_cmpuint (n_missing_before, ==, 7);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("photo-%u.jpg", i);
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);

      afs_visit_test_write_jpeg (path, 640, 480, i);
      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  g_assert_true (g_file_set_contents (bad, "not a photo", -1, NULL));
  g_ptr_array_add (files, g_file_new_for_path (bad));
  afs_visit_window_show_page (visit, "photos");
  afs_visit_photos_import_files (photos, (GFile **) files->pdata, files->len);
  args[0] = photos;
  args[1] = GUINT_TO_POINTER (3);
  g_assert_true (afs_test_wait_until (photos_count_is, args, TIMEOUT));
  g_assert_cmpuint (afs_visit_photos_get_n_missing (photos), ==, n_missing_before - 1);
  /* One refusal: its reason is in the toast; no list for a single file. */
  g_assert_cmpuint (afs_visit_photos_get_refused (photos)->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (afs_visit_photos_get_refused (photos), 0), "notes.jpg: "));
  g_assert_false (gtk_widget_get_visible (afs_test_template_child (photos, AFS_TYPE_VISIT_PHOTOS, "refused_box")));

  /* The same file again is not stored twice. */
  afs_visit_photos_import_files (photos, (GFile **) files->pdata, 1);
  afs_test_wait_ms (300);
  g_assert_true (afs_test_wait_until (photos_count_is, args, TIMEOUT));

  /* The camera: a live preview from videotestsrc, and the shutter. */
  gtk_widget_activate_action (GTK_WIDGET (visit), "visit.take-photo", NULL);
  camera = AFS_CAMERA_WINDOW (find_toplevel (AFS_TYPE_CAMERA_WINDOW));
  g_assert_nonnull (camera);
  g_assert_true (afs_test_wait_until (camera_previewing, camera, TIMEOUT));
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (afs_test_template_child (camera, AFS_TYPE_CAMERA_WINDOW, "preview"))));
  gtk_widget_activate_action (GTK_WIDGET (camera), "camera.shutter", NULL);
  args[1] = GUINT_TO_POINTER (4);
  g_assert_true (afs_test_wait_until (photos_count_is, args, TIMEOUT));
  gtk_window_close (GTK_WINDOW (camera));
  g_assert_cmpuint (afs_visit_photos_get_n_missing (photos), ==, n_missing_before - 2);

  /* The report, saved as typed; a bad quantity is pointed out. */
  editor = afs_visit_window_get_report_editor (visit);
  afs_visit_window_show_page (visit, "report");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "diagnosis_view"))),
                            "Start relay of the compressor burnt out.", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "actions_view"))),
                            "Replaced the start relay; ran the cold room for 2 h: 4 °C reached.", -1);
  gtk_switch_set_active (GTK_SWITCH (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "confirmed_switch")), TRUE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "outcome_row")), 1);
  /* A return must be written out (DOMAIN.md 9): said while typing. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "remedy_row")), AFS_REMEDY_RETURN);
  g_assert_true (gtk_widget_get_visible (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "problem_label")));
  g_assert_true (gtk_widget_get_visible (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "remedy_reason_row")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "remedy_row")), AFS_REMEDY_REPAIR);
  g_assert_false (gtk_widget_get_visible (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "problem_label")));
  g_assert_false (gtk_widget_get_visible (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "remedy_reason_row")));

  g_signal_emit_by_name (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "add_part_button"), "clicked");
  g_assert_cmpuint (afs_report_editor_get_n_parts (editor), ==, 1);
  {
    GtkWidget *parts = afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "parts_list");
    GtkWidget *row = gtk_widget_get_first_child (parts);
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();
    GtkWidget *name, *quantity;

    collect_entries (row, entries);
    g_assert_cmpuint (entries->len, ==, 2);   /* name, quantity */
    name = g_ptr_array_index (entries, 0);
    quantity = g_ptr_array_index (entries, 1);
    g_assert_nonnull (quantity);
    gtk_editable_set_text (GTK_EDITABLE (name), "Start relay RL-12");
    gtk_editable_set_text (GTK_EDITABLE (quantity), "two");
    g_assert_false (afs_report_editor_get_valid (editor));
    g_assert_true (gtk_widget_has_css_class (quantity, "error"));
    gtk_editable_set_text (GTK_EDITABLE (quantity), "2");
    g_assert_true (afs_report_editor_get_valid (editor));
  }
  g_assert_true (afs_test_wait_until (editor_idle, editor, TIMEOUT));

  /* Reopening shows what was typed (it was saved as a draft). */
  gtk_window_close (GTK_WINDOW (visit));
  visit = open_visit (page, fx->case_id);
  editor = afs_visit_window_get_report_editor (visit);
  {
    g_autofree char *text = text_of (GTK_TEXT_VIEW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "diagnosis_view")));

    g_assert_cmpstr (text, ==, "Start relay of the compressor burnt out.");
    g_assert_cmpuint (afs_report_editor_get_n_parts (editor), ==, 1);
  }

  /* Signing without names or strokes is refused, next to the fields. */
  signoff = afs_visit_window_get_signoff (visit);
  afs_visit_window_show_page (visit, "signoff");
  gtk_editable_set_text (GTK_EDITABLE (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "technician_name_row")), "");
  gtk_widget_activate_action (GTK_WIDGET (visit), "visit.sign", NULL);
  g_assert_false (afs_signoff_page_get_busy (signoff));
  g_assert_true (gtk_widget_get_visible (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "customer_name_error")));
  g_assert_true (gtk_widget_get_visible (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "customer_pad_error")));
  g_assert_true (gtk_widget_get_visible (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "technician_name_error")));
  g_assert_false (afs_signoff_page_get_signed (signoff));

  /* Both sign; the customer scores and accepts. */
  gtk_editable_set_text (GTK_EDITABLE (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "customer_name_row")), "Anna Nowak");
  gtk_editable_set_text (GTK_EDITABLE (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "customer_role_row")), "Site manager");
  gtk_editable_set_text (GTK_EDITABLE (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "technician_name_row")), "Tomasz Technik");
  afs_visit_test_sign (afs_signoff_page_get_customer_pad (signoff), 1);
  afs_visit_test_sign (afs_signoff_page_get_technician_pad (signoff), 2);
  for (int item = 0; item < AFS_RATING_N; item++)
    afs_signoff_page_set_rating (signoff, item, 5 - item % 2);
  gtk_widget_activate_action (GTK_WIDGET (visit), "visit.sign", NULL);
  g_assert_true (afs_signoff_page_get_busy (signoff));
  g_assert_true (afs_test_wait_until (signed_and_shown, visit, TIMEOUT));
  afs_test_wait_until (afs_visit_test_window_loaded, visit, TIMEOUT);

  /* Resolved; read-only; intact, with its short code on screen. */
  g_assert_cmpint (case_state (fx), ==, AFS_CASE_STATE_RESOLVED);
  g_assert_cmpint (afs_visit_window_get_case_state (visit), ==, AFS_CASE_STATE_RESOLVED);
  g_assert_cmpint (afs_signoff_page_get_integrity (signoff), ==, AFS_REPORT_INTACT);
  g_assert_nonnull (afs_signoff_page_get_short_code (signoff));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "code_row"))),
                   ==, afs_signoff_page_get_short_code (signoff));
  g_assert_true (gtk_widget_get_visible (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "signed_group")));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "diagnosis_view"))));
  g_assert_false (gtk_widget_get_sensitive (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "result_group")));
  g_assert_false (gtk_widget_get_visible (afs_test_template_child (afs_visit_window_get_photos (visit), AFS_TYPE_VISIT_PHOTOS, "camera_button")));
  g_assert_false (gtk_widget_get_visible (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "sign_button")));

  /* The case left the technician's open orders. */
  afs_orders_page_reload (page);
  g_assert_true (afs_test_wait_until (orders_loaded, page, TIMEOUT));
  g_assert_cmpuint (afs_orders_page_get_n_orders (page), ==, 0);

  /* Save as PDF: a file whose pages poppler reads back, with the company
   * header from Preferences → Service Report. */
  g_settings_set_string (afs_context_get_settings (fx->context), "company-name", "Chłodnictwo Nowak Serwis");
  g_settings_set_string (afs_context_get_settings (fx->context), "company-address", "ul. Mroźna 7, Kraków");
  g_settings_set_string (afs_context_get_settings (fx->context), "company-phone", "+48 12 345 67 89");
  {
    g_autoptr(GFile) file = g_file_new_for_path (pdf_path);
    PdfWait wait = { 0 };
    g_autofree char *out = NULL;
    const char *pages_line;
    guint pdf_pages = 0;
    g_autofree char *prefix = g_build_filename (fx->dir, "page", NULL);
    g_autoptr(GError) error = NULL;
    int status = -1;
    const char *pdfinfo[] = { "pdfinfo", pdf_path, NULL };
    const char *pdftoppm[] = { "pdftoppm", "-png", "-r", "30", pdf_path, prefix, NULL };
    guint n_png = 0;
    g_autoptr(GDir) dir = NULL;
    const char *name;

    afs_visit_window_save_pdf_async (visit, file, NULL, pdf_cb, &wait);
    g_assert_true (afs_test_wait_until (pdf_done, &wait, 60000));
    g_assert_no_error (wait.error);
    g_assert_true (wait.ok);
    g_assert_cmpuint (wait.n_pages, >=, 2);   /* the report and its four photos */
    g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));

    g_assert_true (g_spawn_sync (NULL, (char **) pdfinfo, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &out, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    pages_line = strstr (out, "Pages:");
    g_assert_nonnull (pages_line);
    g_assert_cmpint (sscanf (pages_line, "Pages: %u", &pdf_pages), ==, 1);
    g_assert_cmpuint (pdf_pages, ==, wait.n_pages);

    g_assert_true (g_spawn_sync (NULL, (char **) pdftoppm, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    dir = g_dir_open (fx->dir, 0, &error);
    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (name, "page") && g_str_has_suffix (name, ".png"))
        n_png++;
    g_assert_cmpuint (n_png, ==, wait.n_pages);

    /* The header names the company, its address and phone. */
    {
      const char *pdftotext[] = { "pdftotext", "-layout", "-l", "1", pdf_path, "-", NULL };
      g_autofree char *text = NULL;

      g_assert_true (g_spawn_sync (NULL, (char **) pdftotext, NULL,
                                   G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, &text, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
      g_assert_nonnull (strstr (text, "Chłodnictwo Nowak Serwis"));
      g_assert_nonnull (strstr (text, "ul. Mroźna 7, Kraków"));
      g_assert_nonnull (strstr (text, "+48 12 345 67 89"));
      g_assert_null (strstr (text, "After-Sales Service"));
    }

    /* Print: the same layout through GtkPrintOperation, exported to a file. */
    {
      g_autofree char *printed = g_build_filename (fx->dir, "printed.pdf", NULL);
      const char *info2[] = { "pdfinfo", printed, NULL };
      g_autofree char *out2 = NULL;
      const char *line;
      guint printed_pages = 0;

      afs_visit_window_print (visit, printed);
      g_assert_true (afs_test_wait_until (printed_done, visit, 60000));
      g_assert_cmpuint (afs_visit_window_get_printed_pages (visit), ==, wait.n_pages);
      g_assert_true (g_spawn_sync (NULL, (char **) info2, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &out2, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
      line = strstr (out2, "Pages:");
      g_assert_nonnull (line);
      g_assert_cmpint (sscanf (line, "Pages: %u", &printed_pages), ==, 1);
      g_assert_cmpuint (printed_pages, ==, wait.n_pages);
    }
  }

  /* A photo file changed after signing: the page says the report is not intact. */
  {
    g_autoptr(GPtrArray) rows = afs_store_list_photos (fx->store, fx->case_id, NULL);
    AfsPhotoFolder *folder = afs_visit_get_photo_folder (fx->context);
    g_autofree char *path = NULL;
    const char *subtitle;

    g_assert_nonnull (rows);
    g_assert_cmpuint (rows->len, ==, 4);
    path = afs_photo_folder_find (folder, ((AfsPhotoData *) g_ptr_array_index (rows, 0))->sha256);
    g_assert_nonnull (path);
    g_assert_cmpint (g_unlink (path), ==, 0);
    g_assert_true (g_file_set_contents (path, "not the photo that was signed", -1, NULL));

    afs_signoff_page_reload (signoff);
    g_assert_true (afs_test_wait_until ((AfsTestCondition) afs_signoff_page_get_loaded, signoff, TIMEOUT));
    g_assert_cmpint (afs_signoff_page_get_integrity (signoff), ==, AFS_REPORT_CHANGED);
    subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "integrity_row")));
    g_assert_true (g_str_has_prefix (subtitle, "Changed after signing:"));
  }

  gtk_window_destroy (GTK_WINDOW (visit));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- No camera: say so, offer import ------------------------------------------------- */

static void
test_no_camera (Fixture       *fx,
                gconstpointer  data)
{
  AfsOrdersPage *page;
  GtkWidget *window = orders_window (fx, &page);
  AfsVisitWindow *visit;
  AfsCameraWindow *camera;
  g_autofree char *old = g_strdup (g_getenv ("AFS_CAMERA_SOURCE"));
  AdwStatusPage *status;

  visit = open_visit (page, fx->case_id);

  /* A source that cannot open: as v4l2src on a laptop without a camera. */
  g_setenv ("AFS_CAMERA_SOURCE", "afsnosuchcamerasrc", TRUE);
  gtk_widget_activate_action (GTK_WIDGET (visit), "visit.take-photo", NULL);
  camera = AFS_CAMERA_WINDOW (find_toplevel (AFS_TYPE_CAMERA_WINDOW));
  g_assert_nonnull (camera);
  g_assert_true (afs_test_wait_until (camera_settled, camera, TIMEOUT));

  g_assert_cmpstr (afs_camera_window_get_state (camera), ==, "no-camera");
  status = ADW_STATUS_PAGE (afs_test_template_child (camera, AFS_TYPE_CAMERA_WINDOW, "no_camera_page"));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Camera Found");
  g_assert_nonnull (adw_status_page_get_description (status));
  g_assert_cmpstr (adw_status_page_get_description (status), !=, "");
  g_assert_true (gtk_widget_get_visible (afs_test_template_child (camera, AFS_TYPE_CAMERA_WINDOW, "import_button")));
  g_assert_cmpuint (afs_camera_window_get_n_frames (camera), ==, 0);
  g_assert_cmpuint (afs_visit_photos_get_n_photos (afs_visit_window_get_photos (visit)), ==, 0);

  if (old != NULL)
    g_setenv ("AFS_CAMERA_SOURCE", old, TRUE);
  else
    g_unsetenv ("AFS_CAMERA_SOURCE");
  gtk_window_destroy (GTK_WINDOW (camera));
  gtk_window_destroy (GTK_WINDOW (visit));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- A draft survives the window ------------------------------------------------------ */

static gboolean
draft_written (gpointer data)
{
  Fixture *fx = data;
  AfsRepairReport draft;
  gboolean found = FALSE;
  gboolean ok;

  afs_repair_report_init (&draft);
  ok = afs_store_get_report_draft (fx->store, fx->case_id, &draft, &found, NULL) && found &&
       g_strcmp0 (draft.advice, "Defrost the evaporator every month.") == 0;
  afs_repair_report_clear (&draft);
  return ok;
}

static void
test_draft (Fixture       *fx,
            gconstpointer  data)
{
  AfsOrdersPage *page;
  GtkWidget *window = orders_window (fx, &page);
  AfsVisitWindow *visit = open_visit (page, fx->case_id);
  AfsReportEditor *editor = afs_visit_window_get_report_editor (visit);

  /* Type, and destroy the window at once: no save, no waiting. */
  afs_visit_window_show_page (visit, "report");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "advice_view"))),
                            "Defrost the evaporator every month.", -1);
  gtk_editable_set_text (GTK_EDITABLE (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "test_row")), "Holds 4 °C");
  gtk_window_destroy (GTK_WINDOW (visit));
  g_assert_true (afs_test_wait_until (draft_written, fx, TIMEOUT));

  /* Reopen: the text is there. */
  visit = open_visit (page, fx->case_id);
  editor = afs_visit_window_get_report_editor (visit);
  {
    g_autofree char *advice = text_of (GTK_TEXT_VIEW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "advice_view")));

    g_assert_cmpstr (advice, ==, "Defrost the evaporator every month.");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "test_row"))),
                     ==, "Holds 4 °C");
  }

  gtk_window_destroy (GTK_WINDOW (visit));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- The draft reaches the report row (and the outbox) ------------------------------ */

/* Outbox rows of the reports table: what the office will receive. */
static guint
report_outbox_rows (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = afs_store_sync_outbox_batch (fx->store, 0, 100000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < batch->len; i++)
    if (g_strcmp0 (((AfsOutboxEntry *) g_ptr_array_index (batch, i))->table_name, "reports") == 0)
      n++;
  return n;
}

typedef struct {
  Fixture    *fx;
  const char *diagnosis;
} ReportWait;

/* The report row holds @diagnosis and no draft is left. */
static gboolean
report_row_has (gpointer data)
{
  ReportWait *wait = data;
  AfsRepairReport report;
  gboolean ok, found = TRUE;

  afs_repair_report_init (&report);
  ok = afs_store_get_repair_report (wait->fx->store, wait->fx->case_id, &report, NULL) &&
       g_strcmp0 (report.diagnosis, wait->diagnosis) == 0;
  afs_repair_report_clear (&report);
  if (ok)
    {
      g_assert_true (afs_store_get_report_draft (wait->fx->store, wait->fx->case_id, &report, &found, NULL));
      if (found)
        afs_repair_report_clear (&report);
    }
  return ok && !found;
}

static gboolean
draft_has (gpointer data)
{
  ReportWait *wait = data;
  AfsRepairReport draft;
  gboolean found = FALSE;
  gboolean ok;

  afs_repair_report_init (&draft);
  ok = afs_store_get_report_draft (wait->fx->store, wait->fx->case_id, &draft, &found, NULL) && found &&
       g_strcmp0 (draft.diagnosis, wait->diagnosis) == 0;
  afs_repair_report_clear (&draft);
  return ok;
}

static gboolean
editor_committed (gpointer data)
{
  return afs_report_editor_get_idle (data) && afs_report_editor_get_n_commits (data) > 0;
}

static void
set_diagnosis (AfsReportEditor *editor,
               const char      *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "diagnosis_view"))),
                            text, -1);
}

/* Runs @sql on the store's file through a second connection, as another
 * program (or a full disk) would make the store's own writes fail. */
static void
exec_on_store_file (Fixture    *fx,
                    const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (afs_store_get_path (fx->store), &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gboolean
editor_save_failed (gpointer data)
{
  AfsReportEditor *editor = data;
  GtkLabel *status = GTK_LABEL (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "status_label"));

  return strstr (gtk_label_get_label (status), "could not be saved") != NULL;
}

/* The report row exists (whatever it holds) and no draft is left. */
static gboolean
report_committed (gpointer data)
{
  ReportWait *wait = data;
  AfsRepairReport report;
  gboolean ok, found = TRUE;

  afs_repair_report_init (&report);
  ok = afs_store_get_repair_report (wait->fx->store, wait->fx->case_id, &report, NULL);
  afs_repair_report_clear (&report);
  if (ok)
    {
      g_assert_true (afs_store_get_report_draft (wait->fx->store, wait->fx->case_id, &report, &found, NULL));
      if (found)
        afs_repair_report_clear (&report);
    }
  return ok && !found;
}

/* A draft write that fails (a full disk, a locked file) must not make
 * the editor forget the text: the next write and the commit on closing
 * carry it, not the older draft on disk. */
static void
test_failed_save_kept (Fixture       *fx,
                       gconstpointer  data)
{
  AfsOrdersPage *page;
  GtkWidget *window = orders_window (fx, &page);
  AfsVisitWindow *visit = open_visit (page, fx->case_id);
  AfsReportEditor *editor = afs_visit_window_get_report_editor (visit);
  ReportWait wait = { fx, NULL };
  AfsRepairReport report;

  afs_visit_window_show_page (visit, "report");
  set_diagnosis (editor, "Fan");
  g_assert_true (afs_test_wait_until (editor_idle, editor, TIMEOUT));

  exec_on_store_file (fx, "CREATE TRIGGER test_draft_fails BEFORE INSERT ON report_drafts"
                          " WHEN NEW.body LIKE '%seized%'"
                          " BEGIN SELECT RAISE (ABORT, 'database or disk is full'); END");
  set_diagnosis (editor, "Fan motor seized.");
  g_assert_true (afs_test_wait_until (editor_save_failed, editor, TIMEOUT));
  exec_on_store_file (fx, "DROP TRIGGER test_draft_fails");

  gtk_window_close (GTK_WINDOW (visit));
  g_assert_true (afs_test_wait_until (report_committed, &wait, TIMEOUT));
  afs_repair_report_init (&report);
  g_assert_true (afs_store_get_repair_report (fx->store, fx->case_id, &report, NULL));
  g_assert_cmpstr (report.diagnosis, ==, "Fan motor seized.");
  afs_repair_report_clear (&report);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Closing the window and quitting at once: when the application shuts
 * down it waits for the editor's writes (afs_report_editor_wait_for_saves()),
 * but its main loop no longer runs. What was typed must be in the report
 * row by then, not only in the draft. */
static void
test_close_then_quit (Fixture       *fx,
                      gconstpointer  data)
{
  AfsOrdersPage *page;
  GtkWidget *window = orders_window (fx, &page);
  AfsVisitWindow *visit = open_visit (page, fx->case_id);
  AfsReportEditor *editor = afs_visit_window_get_report_editor (visit);
  ReportWait wait = { fx, "Door seal torn; replaced." };

  afs_visit_window_show_page (visit, "report");
  set_diagnosis (editor, "Door seal torn; replaced.");
  gtk_window_close (GTK_WINDOW (visit));
  afs_report_editor_wait_for_saves ();
  g_assert_true (report_row_has (&wait));

  /* Let the callbacks run before the fixture goes. */
  g_assert_true (afs_test_wait_until (report_row_has, &wait, TIMEOUT));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_commit (Fixture       *fx,
             gconstpointer  data)
{
  AfsOrdersPage *page;
  GtkWidget *window = orders_window (fx, &page);
  AfsVisitWindow *visit = open_visit (page, fx->case_id);
  AfsReportEditor *editor = afs_visit_window_get_report_editor (visit);
  ReportWait wait = { fx, NULL };
  AfsRepairReport report;
  guint n_outbox;

  g_assert_cmpuint (report_outbox_rows (fx), ==, 0);

  /* Typing writes the local draft only: nothing for the office yet, however
   * many keystrokes. */
  afs_visit_window_show_page (visit, "report");
  set_diagnosis (editor, "Fan");
  set_diagnosis (editor, "Fan motor");
  g_assert_true (afs_test_wait_until (editor_idle, editor, TIMEOUT));
  set_diagnosis (editor, "Fan motor seized.");
  g_assert_true (afs_test_wait_until (editor_idle, editor, TIMEOUT));
  g_assert_cmpuint (afs_report_editor_get_n_saves (editor), >=, 2);
  g_assert_cmpuint (report_outbox_rows (fx), ==, 0);
  afs_repair_report_init (&report);
  g_assert_false (afs_store_get_repair_report (fx->store, fx->case_id, &report, NULL));
  afs_repair_report_clear (&report);

  /* Leaving the Report page: the report row and its outbox row. */
  afs_visit_window_show_page (visit, "photos");
  g_assert_true (afs_test_wait_until (editor_committed, editor, TIMEOUT));
  wait.diagnosis = "Fan motor seized.";
  g_assert_true (report_row_has (&wait));
  n_outbox = report_outbox_rows (fx);
  g_assert_cmpuint (n_outbox, >=, 1);

  /* Switching pages again without a change writes nothing. */
  afs_visit_window_show_page (visit, "report");
  afs_visit_window_show_page (visit, "signoff");
  g_assert_false (afs_report_editor_get_uncommitted (editor));
  g_assert_true (afs_report_editor_get_idle (editor));
  g_assert_cmpuint (afs_report_editor_get_n_commits (editor), ==, 1);
  g_assert_cmpuint (report_outbox_rows (fx), ==, n_outbox);

  /* Typing, then closing the window (Ctrl+W): committed on the way out. */
  afs_visit_window_show_page (visit, "report");
  set_diagnosis (editor, "Fan motor seized; bearing worn.");
  gtk_window_close (GTK_WINDOW (visit));
  wait.diagnosis = "Fan motor seized; bearing worn.";
  g_assert_true (afs_test_wait_until (report_row_has, &wait, TIMEOUT));
  g_assert_cmpuint (report_outbox_rows (fx), >, n_outbox);
  n_outbox = report_outbox_rows (fx);

  /* Opened and closed again without a change: no new outbox row. */
  visit = open_visit (page, fx->case_id);
  editor = afs_visit_window_get_report_editor (visit);
  {
    g_autofree char *text = text_of (GTK_TEXT_VIEW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "diagnosis_view")));

    g_assert_cmpstr (text, ==, "Fan motor seized; bearing worn.");
  }
  g_assert_false (afs_report_editor_get_uncommitted (editor));
  g_object_ref (editor);
  gtk_window_close (GTK_WINDOW (visit));
  g_assert_true (afs_report_editor_get_idle (editor));
  g_assert_cmpuint (afs_report_editor_get_n_commits (editor), ==, 0);
  g_object_unref (editor);
  g_assert_cmpuint (report_outbox_rows (fx), ==, n_outbox);

  /* A draft left by a crash (typed, never committed) goes in at the next close. */
  visit = open_visit (page, fx->case_id);
  editor = afs_visit_window_get_report_editor (visit);
  afs_visit_window_show_page (visit, "report");
  set_diagnosis (editor, "Fan motor seized; bearing worn; replaced.");
  gtk_window_destroy (GTK_WINDOW (visit));
  wait.diagnosis = "Fan motor seized; bearing worn; replaced.";
  g_assert_true (afs_test_wait_until (draft_has, &wait, TIMEOUT));
  g_assert_cmpuint (report_outbox_rows (fx), ==, n_outbox);
  visit = open_visit (page, fx->case_id);
  g_assert_true (afs_report_editor_get_uncommitted (afs_visit_window_get_report_editor (visit)));
  gtk_window_close (GTK_WINDOW (visit));
  wait.diagnosis = "Fan motor seized; bearing worn; replaced.";
  g_assert_true (afs_test_wait_until (report_row_has, &wait, TIMEOUT));
  g_assert_cmpuint (report_outbox_rows (fx), >, n_outbox);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- Not accepted: a second visit, the case stays open ------------------------------ */

static gboolean
case_is_on_site (gpointer data)
{
  AfsVisitWindow *window = data;

  return afs_visit_window_get_loaded (window) &&
         afs_visit_window_get_case_state (window) == AFS_CASE_STATE_ON_SITE;
}

static gboolean
new_version_shown (gpointer data)
{
  AfsVisitWindow *window = data;
  AfsSignoffPage *signoff = afs_visit_window_get_signoff (window);

  return afs_visit_window_get_n_new_versions (window) == 1 && afs_visit_test_window_loaded (window) &&
         afs_signoff_page_get_loaded (signoff) && !afs_signoff_page_get_signed (signoff);
}

static void
test_not_accepted (Fixture       *fx,
                   gconstpointer  data)
{
  AfsOrdersPage *page;
  GtkWidget *window = orders_window (fx, &page);
  AfsVisitWindow *visit = open_visit (page, fx->case_id);
  AfsReportEditor *editor = afs_visit_window_get_report_editor (visit);
  AfsSignoffPage *signoff = afs_visit_window_get_signoff (visit);

  /* Arrive from the visit window this time. */
  gtk_widget_activate_action (GTK_WIDGET (visit), "visit.arrive", NULL);
  g_assert_true (afs_test_wait_until (case_is_on_site, visit, TIMEOUT));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (afs_test_template_child (visit, AFS_TYPE_VISIT_WINDOW, "arrive_row"))),
                   !=, "—");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "diagnosis_view"))),
                            "Compressor worn out; a new one must be ordered.", -1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "outcome_row")), 2);

  gtk_editable_set_text (GTK_EDITABLE (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "customer_name_row")), "Anna Nowak");
  gtk_editable_set_text (GTK_EDITABLE (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "technician_name_row")), "Tomasz Technik");
  afs_visit_test_sign (afs_signoff_page_get_customer_pad (signoff), 3);
  afs_visit_test_sign (afs_signoff_page_get_technician_pad (signoff), 4);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "reject_check")), TRUE);

  /* Not accepted needs a reason: the second visit starts from it. */
  gtk_widget_activate_action (GTK_WIDGET (visit), "visit.sign", NULL);
  g_assert_false (afs_signoff_page_get_busy (signoff));
  g_assert_true (gtk_widget_get_visible (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "reason_error")));
  g_assert_false (gtk_widget_get_visible (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "customer_name_error")));

  gtk_editable_set_text (GTK_EDITABLE (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "reason_row")),
                         "Still warm: bring a new compressor");
  gtk_widget_activate_action (GTK_WIDGET (visit), "visit.sign", NULL);
  g_assert_true (afs_test_wait_until (signed_and_shown, visit, TIMEOUT));
  afs_test_wait_until (afs_visit_test_window_loaded, visit, TIMEOUT);

  g_assert_cmpint (case_state (fx), ==, AFS_CASE_STATE_SECOND_VISIT);
  g_assert_cmpint (afs_signoff_page_get_integrity (signoff), ==, AFS_REPORT_INTACT);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "decision_row"))),
                   ==, "Not accepted: a second visit is planned.");

  /* The case stays open: still among the technician's orders. */
  afs_orders_page_reload (page);
  g_assert_true (afs_test_wait_until (orders_loaded, page, TIMEOUT));
  g_assert_cmpuint (afs_orders_page_get_n_orders (page), ==, 1);
  g_assert_cmpint (afs_orders_page_get_order (page, 0)->state, ==, AFS_CASE_STATE_SECOND_VISIT);

  /* The second visit changes the report: New Report Version asks first and
   * says the signed version stays as it is and new signatures are needed. */
  {
    GtkWidget *button = find_button (GTK_WIDGET (signoff), "visit.new-version");

    g_assert_nonnull (button);
    g_assert_true (gtk_widget_is_visible (button));
  }
  {
    GtkWindow *dialog = afs_visit_window_ask_new_version (visit);
    AfsRepairReport report;

    g_assert_nonnull (dialog);
    g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                              "Signed version 1 stays exactly as it was signed"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                              "needs new signatures"));
    /* Cancel: nothing changes. */
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    afs_test_wait_frames (GTK_WIDGET (visit), 2);
    afs_repair_report_init (&report);
    g_assert_true (afs_store_get_repair_report (fx->store, fx->case_id, &report, NULL));
    g_assert_cmpint (report.report_version, ==, 1);
    afs_repair_report_clear (&report);

    /* Start it: version 2, unsigned, editable; version 1 kept as signed. */
    dialog = afs_visit_window_ask_new_version (visit);
    g_assert_nonnull (dialog);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "new-version");
    g_assert_true (afs_test_wait_until (new_version_shown, visit, TIMEOUT));

    afs_repair_report_init (&report);
    g_assert_true (afs_store_get_repair_report (fx->store, fx->case_id, &report, NULL));
    g_assert_cmpint (report.report_version, ==, 2);
    g_assert_cmpint (report.signed_at, ==, 0);
    g_assert_cmpstr (report.diagnosis, ==, "Compressor worn out; a new one must be ordered.");
    afs_repair_report_clear (&report);
    afs_repair_report_init (&report);
    g_assert_true (afs_store_get_repair_report_version (fx->store, fx->case_id, 1, &report, NULL));
    g_assert_cmpint (report.signed_at, !=, 0);
    g_assert_nonnull (report.content_hash);
    afs_repair_report_clear (&report);

    g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "diagnosis_view"))));
    g_assert_true (gtk_widget_get_sensitive (afs_test_template_child (editor, AFS_TYPE_REPORT_EDITOR, "result_group")));
    g_assert_false (gtk_widget_get_visible (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "signed_group")));
    g_assert_true (gtk_widget_get_visible (afs_test_template_child (signoff, AFS_TYPE_SIGNOFF_PAGE, "sign_button")));
    g_assert_true (afs_signature_pad_is_blank (afs_signoff_page_get_customer_pad (signoff)));
    g_assert_true (afs_signature_pad_is_blank (afs_signoff_page_get_technician_pad (signoff)));
    /* An unsigned report has no new version to make. */
    g_assert_null (afs_visit_window_ask_new_version (visit));
  }

  gtk_window_destroy (GTK_WINDOW (visit));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- Drag and drop, and files that are not photos ----------------------------------- */

static void
test_drop (Fixture       *fx,
           gconstpointer  data)
{
  AfsOrdersPage *page;
  GtkWidget *window = orders_window (fx, &page);
  AfsVisitWindow *visit = open_visit (page, fx->case_id);
  AfsVisitPhotos *photos = afs_visit_window_get_photos (visit);
  g_autofree char *good = g_build_filename (fx->dir, "whole.jpg", NULL);
  g_autofree char *cut = g_build_filename (fx->dir, "cut.jpg", NULL);
  g_autofree char *text = g_build_filename (fx->dir, "readme.png", NULL);
  g_autoptr(GListModel) controllers = NULL;
  GtkDropTarget *target = NULL;
  GSList *list = NULL;
  GdkFileList *file_list;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  gpointer args[2] = { photos, GUINT_TO_POINTER (1) };

  /* A whole JPEG, the same JPEG cut in half, a text file named .png. */
  afs_visit_test_write_jpeg (good, 800, 600, 7);
  {
    g_autofree char *bytes = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (good, &bytes, &len, NULL));
    g_assert_true (g_file_set_contents (cut, bytes, len / 2, NULL));
  }
  g_assert_true (g_file_set_contents (text, "hello", -1, NULL));

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (photos));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_assert_true (g_type_is_a (GDK_TYPE_FILE_LIST, gtk_drop_target_get_gtypes (target, NULL)[0]));

  list = g_slist_append (list, g_file_new_for_path (good));
  list = g_slist_append (list, g_file_new_for_path (cut));
  list = g_slist_append (list, g_file_new_for_path (text));
  file_list = gdk_file_list_new_from_list (list);
  g_slist_free_full (list, g_object_unref);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, file_list);

  /* What GTK does when the files are dropped on the page. */
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);

  /* Checked and stored off the main thread; the page says it is busy. */
  g_assert_true (afs_visit_photos_get_importing (photos));
  g_assert_true (gtk_widget_get_visible (afs_test_template_child (photos, AFS_TYPE_VISIT_PHOTOS, "busy_box")));
  g_assert_true (afs_test_wait_until (photos_count_is, args, TIMEOUT));
  g_assert_false (afs_visit_photos_get_importing (photos));
  g_assert_false (gtk_widget_get_visible (afs_test_template_child (photos, AFS_TYPE_VISIT_PHOTOS, "busy_box")));

  /* Two refused: both listed on the page, each with its reason. */
  {
    GPtrArray *refused = afs_visit_photos_get_refused (photos);
    const char *label = gtk_label_get_label (GTK_LABEL (afs_test_template_child (photos, AFS_TYPE_VISIT_PHOTOS, "refused_label")));

    g_assert_cmpuint (refused->len, ==, 2);
    g_assert_true (g_str_has_prefix (g_ptr_array_index (refused, 0), "cut.jpg: "));
    g_assert_true (g_str_has_prefix (g_ptr_array_index (refused, 1), "readme.png: "));
    g_assert_true (gtk_widget_get_visible (afs_test_template_child (photos, AFS_TYPE_VISIT_PHOTOS, "refused_box")));
    g_assert_true (g_str_has_prefix (label, "2 files were not added:"));
    g_assert_nonnull (strstr (label, g_ptr_array_index (refused, 0)));
    g_assert_nonnull (strstr (label, g_ptr_array_index (refused, 1)));
    g_signal_emit_by_name (afs_test_template_child (photos, AFS_TYPE_VISIT_PHOTOS, "refused_close_button"), "clicked");
    g_assert_false (gtk_widget_get_visible (afs_test_template_child (photos, AFS_TYPE_VISIT_PHOTOS, "refused_box")));
  }
  afs_test_wait_until (thumbnails_shown, photos, TIMEOUT);
  g_assert_cmpuint (afs_visit_photos_get_n_thumbnails (photos), ==, 1);

  gtk_window_destroy (GTK_WINDOW (visit));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* The camera of the tests: a real GStreamer pipeline, no device. */
  g_setenv ("AFS_CAMERA_SOURCE", "videotestsrc", FALSE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  afs_test_ui_setup_resources ();

  g_test_add ("/ui/visit/complete", Fixture, NULL, fixture_setup, test_complete_visit, fixture_teardown);
  g_test_add ("/ui/visit/no-camera", Fixture, NULL, fixture_setup, test_no_camera, fixture_teardown);
  g_test_add ("/ui/visit/draft", Fixture, NULL, fixture_setup, test_draft, fixture_teardown);
  g_test_add ("/ui/visit/commit", Fixture, NULL, fixture_setup, test_commit, fixture_teardown);
  g_test_add ("/ui/visit/close-then-quit", Fixture, NULL, fixture_setup, test_close_then_quit, fixture_teardown);
  g_test_add ("/ui/visit/failed-save-kept", Fixture, NULL, fixture_setup, test_failed_save_kept, fixture_teardown);
  g_test_add ("/ui/visit/not-accepted", Fixture, NULL, fixture_setup, test_not_accepted, fixture_teardown);
  g_test_add ("/ui/visit/drop", Fixture, NULL, fixture_setup, test_drop, fixture_teardown);

  return g_test_run ();
}
