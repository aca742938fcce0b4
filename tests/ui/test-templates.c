/* test-templates.c: every template class builds and has its key children.
 *
 * .ui files escape the compile-time version pins: a widget class newer
 * than libadwaita 1.2 (AdwToolbarView, AdwSpinRow, …) would build and then
 * fail here, at run time, which is the point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-application.h"
#include "afs-case-page.h"
#include "afs-case-row.h"
#include "afs-context.h"
#include "afs-preferences-window.h"
#include "afs-ui-test-util.h"
#include "afs-window.h"
/* Office desk (issue 3) */
#include "afs-approvals-page.h"
#include "afs-dispatch-board.h"
#include "afs-intake-dialog.h"
#include "afs-shipment-dialog.h"
#include "afs-shipments-page.h"
#include "afs-triage-dialog.h"
/* On site (issue 4) */
#include "afs-camera-window.h"
#include "afs-orders-page.h"
#include "afs-visit-window.h"
#include "afs-conflicts-page.h"
#include "afs-sign-in-dialog.h"
#include "afs-sync-status.h"

static AfsStore *store;
static AfsContext *context;

static void
assert_children (GtkWidget          *widget,
                 GType               type,
                 const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      GObject *child = gtk_widget_get_template_child (widget, type, names[i]);

      if (child == NULL)
        g_error ("%s has no template child “%s”", g_type_name (type), names[i]);
    }
}

static void
test_case_row (void)
{
  static const char *names[] = {
    "number_label", "state_label", "severity_label", "customer_label",
    "equipment_label", "description_label", "technician_label", "due_label", NULL
  };
  GtkWidget *row = g_object_ref_sink (afs_case_row_new (context));
  g_autoptr(AfsCase) placeholder = afs_case_new ();
  GtkLabel *number;

  assert_children (row, AFS_TYPE_CASE_ROW, names);

  /* A placeholder row looks like one. */
  afs_case_row_set_case (AFS_CASE_ROW (row), placeholder);
  g_assert_true (gtk_widget_has_css_class (row, "placeholder"));
  number = GTK_LABEL (gtk_widget_get_template_child (row, AFS_TYPE_CASE_ROW, "number_label"));
  g_assert_cmpstr (gtk_label_get_label (number), ==, "…");
  afs_case_row_set_case (AFS_CASE_ROW (row), NULL);

  g_object_unref (row);
}

static void
test_case_page (void)
{
  static const char *names[] = {
    "stack", "number_label", "customer_title_label", "state_label",
    "severity_label", "actions_box", "deadlines_group", "customer_group",
    "equipment_group", "request_group", "assessment_group",
    "technicians_group", "timeline_group", NULL
  };
  GtkWidget *page = g_object_ref_sink (afs_case_page_new (context));

  assert_children (page, AFS_TYPE_CASE_PAGE, names);
  g_assert_false (afs_case_page_get_loaded (AFS_CASE_PAGE (page)));
  g_object_unref (page);
}

static gboolean
window_ready (gpointer data)
{
  return afs_window_get_content_ready (AFS_WINDOW (data));
}

static void
test_window (void)
{
  static const char *names[] = {
    "toast_overlay", "leaflet", "sidebar", "content", "search_entry",
    "filter_button", "list_view", "count_label", "empty_page",
    "content_stack", "state_dropdown", "severity_dropdown",
    "technician_dropdown", "sort_dropdown", "overdue_check",
    "due_soon_check", "main_header", "switcher_title", "switcher_bar",
    "view_stack", "status_box", NULL
  };
  AfsWindow *window = afs_window_new (NULL, context);
  AdwStatusPage *empty;
  GtkStack *list_stack;

  assert_children (GTK_WIDGET (window), AFS_TYPE_WINDOW, names);

  /* On an empty database the list says so, with a hint. */
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (afs_test_wait_until (window_ready, window, 10000));
  list_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), AFS_TYPE_WINDOW, "list_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");
  empty = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), AFS_TYPE_WINDOW, "empty_page"));
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Cases");
  g_assert_nonnull (adw_status_page_get_description (empty));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences_window (void)
{
  static const char *names[] = {
    "color_scheme_row", "staff_row", "name_row", "role_row",
    "deadlines_group", "approvals_group", NULL
  };
  GSettings *settings = afs_context_get_settings (context);
  GtkWidget *prefs = afs_preferences_window_new (NULL, context);
  AdwComboRow *scheme;
  AdwComboRow *role;
  AfsDeadlinePolicy policy;

  assert_children (prefs, AFS_TYPE_PREFERENCES_WINDOW, names);

  /* Changes apply at once: row -> setting -> store. */
  scheme = ADW_COMBO_ROW (gtk_widget_get_template_child (prefs, AFS_TYPE_PREFERENCES_WINDOW, "color_scheme_row"));
  adw_combo_row_set_selected (scheme, 2);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  adw_combo_row_set_selected (scheme, 0);

  role = ADW_COMBO_ROW (gtk_widget_get_template_child (prefs, AFS_TYPE_PREFERENCES_WINDOW, "role_row"));
  adw_combo_row_set_selected (role, AFS_ROLE_MANAGER);
  g_assert_cmpint (g_settings_get_enum (settings, "profile-role"), ==, AFS_ROLE_MANAGER);
  g_assert_cmpint (afs_context_get_role (context), ==, AFS_ROLE_MANAGER);
  g_assert_cmpint (afs_store_get_actor_role (store), ==, AFS_ROLE_MANAGER);
  g_settings_reset (settings, "profile-role");
  g_assert_cmpint (adw_combo_row_get_selected (role), ==, AFS_ROLE_OFFICE);

  /* The hour keys are spin buttons bound to GSettings. */
  {
    GtkWidget *page = afs_test_find_descendant (prefs, GTK_TYPE_SPIN_BUTTON);
    g_assert_nonnull (page);
  }
  g_settings_set_int (settings, "respond-hours", 30);
  afs_store_get_deadline_policy (store, &policy);
  g_assert_cmpint (policy.respond_hours, ==, 30);
  g_settings_reset (settings, "respond-hours");
  afs_store_get_deadline_policy (store, &policy);
  g_assert_cmpint (policy.respond_hours, ==, 24);

  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Office desk (issue 3): every office template builds, with its parts. */
static void
test_office_templates (void)
{
  static const char *intake_names[] = {
    "save_button", "new_customer_button", "customer_search_row", "chosen_customer_row",
    "customer_results", "new_customer_group", "name_row", "phone_row", "address_row",
    "city_row", "region_row", "duplicate_revealer", "duplicate_label", "serial_row",
    "equipment_found_row", "model_row", "production_row", "purchase_row", "channel_row",
    "category_row", "contact_name_row", "contact_phone_row", "description_view", NULL
  };
  static const char *triage_names[] = {
    "save_button", "stack", "warranty_row", "warranty_choice_row", "scope_row",
    "scope_reason_row", "severity_group", "cause_row", "staff_row", "responsible_row",
    "claim_row", "claim_name_row", "cost_row", "compensation_row", "loss_row",
    "outcome_label", NULL
  };
  static const char *board_names[] = {
    "leaflet", "case_row", "technicians_group", "start_row", "hours_row",
    "dispatch_button", "day_button", "week_button", "range_label", "schedule_box", NULL
  };
  static const char *approvals_names[] = {
    "role_label", "queue_stack", "queue_list", "escalations_group", "decision_box", NULL
  };
  static const char *shipments_names[] = { "search_entry", "stack", "list", "empty_page", NULL };
  static const char *shipment_names[] = {
    "case_row", "part_row", "model_row", "quantity_row", "destination_row", "carrier_row",
    "tracking_row", "date_row", NULL
  };
  GtkWidget *w;

  w = GTK_WIDGET (afs_intake_dialog_new (context, NULL));
  assert_children (w, AFS_TYPE_INTAKE_DIALOG, intake_names);
  gtk_window_destroy (GTK_WINDOW (w));

  w = GTK_WIDGET (afs_triage_dialog_new (context, NULL, "0190aaaa-0000-7000-8000-000000000000"));
  assert_children (w, AFS_TYPE_TRIAGE_DIALOG, triage_names);
  gtk_window_destroy (GTK_WINDOW (w));

  w = GTK_WIDGET (afs_shipment_dialog_new (context, NULL, NULL));
  assert_children (w, AFS_TYPE_SHIPMENT_DIALOG, shipment_names);
  gtk_window_destroy (GTK_WINDOW (w));

  w = g_object_ref_sink (afs_dispatch_board_new (context));
  assert_children (w, AFS_TYPE_DISPATCH_BOARD, board_names);
  g_object_unref (w);

  w = g_object_ref_sink (afs_approvals_page_new (context));
  assert_children (w, AFS_TYPE_APPROVALS_PAGE, approvals_names);
  g_object_unref (w);

  w = g_object_ref_sink (afs_shipments_page_new (context));
  assert_children (w, AFS_TYPE_SHIPMENTS_PAGE, shipments_names);
  g_object_unref (w);
}

/* On site (issue 4): every template of the visit builds, with its parts. */
static void
test_orders_page (void)
{
  static const char *names[] = {
    "stack", "empty_page", "error_page", "today_list", "later_list", NULL
  };
  GtkWidget *page = g_object_ref_sink (afs_orders_page_new (context));
  GtkStack *stack;

  assert_children (page, AFS_TYPE_ORDERS_PAGE, names);

  /* No technician chosen on this computer: the page says how, not "error". */
  g_assert_true (afs_test_wait_until ((AfsTestCondition) afs_orders_page_get_loaded, page, 10000));
  stack = GTK_STACK (gtk_widget_get_template_child (page, AFS_TYPE_ORDERS_PAGE, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "profile");
  g_object_unref (page);
}

static void
test_visit_window (void)
{
  static const char *window_names[] = {
    "toast_overlay", "switcher_title", "view_stack", "address_row", "contact_row",
    "phone_link", "travel_row", "arrive_row", "leave_row", "photos", "report_editor",
    "signoff", NULL
  };
  static const char *photos_names[] = {
    "camera_button", "import_button", "kind_row", "checklist_group", "flow_box",
    "empty_page", NULL
  };
  static const char *editor_names[] = {
    "confirmed_switch", "fault_row", "cause_row", "diagnosis_view", "actions_view",
    "catalogue_button", "add_part_button", "parts_list", "labour_spin", "test_row",
    "outcome_row", "remedy_row", "remedy_item_row", "remedy_spec_row",
    "remedy_quantity_row", "remedy_reason_row", "advice_view", NULL
  };
  static const char *signoff_names[] = {
    "signed_group", "code_row", "satisfaction_group", "opinion_view", "accept_check",
    "reject_check", "reason_row", "customer_name_row", "customer_role_row",
    "customer_pad_frame", "technician_name_row", "technician_pad_frame", "sign_button", NULL
  };
  GtkWidget *window = afs_visit_window_new (NULL, context, "0190aaaa-0000-7000-8000-000000000000");

  assert_children (window, AFS_TYPE_VISIT_WINDOW, window_names);
  assert_children (GTK_WIDGET (afs_visit_window_get_photos (AFS_VISIT_WINDOW (window))),
                   AFS_TYPE_VISIT_PHOTOS, photos_names);
  assert_children (GTK_WIDGET (afs_visit_window_get_report_editor (AFS_VISIT_WINDOW (window))),
                   AFS_TYPE_REPORT_EDITOR, editor_names);
  assert_children (GTK_WIDGET (afs_visit_window_get_signoff (AFS_VISIT_WINDOW (window))),
                   AFS_TYPE_SIGNOFF_PAGE, signoff_names);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_camera_window (void)
{
  static const char *names[] = {
    "stack", "no_camera_page", "preview", "shutter_button", "import_button", NULL
  };
  g_autofree char *dir = g_dir_make_tmp ("afs-camera-XXXXXX", NULL);
  g_autoptr(AfsPhotoFolder) folder = afs_photo_folder_new (dir);
  GtkWidget *camera = afs_camera_window_new (NULL, folder);

  assert_children (camera, AFS_TYPE_CAMERA_WINDOW, names);
  g_assert_cmpstr (afs_camera_window_get_state (AFS_CAMERA_WINDOW (camera)), ==, "starting");
  gtk_window_destroy (GTK_WINDOW (camera));
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/example/AfterSales/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_about_window (void)
{
  GtkWidget *about = afs_application_create_about_window (NULL);

  g_assert_true (ADW_IS_ABOUT_WINDOW (about));
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "AfterSales");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (GTK_WINDOW (about));
}

/* Sync (issue 5): the status, the sign-in dialog and the conflicts page. */
static gboolean
conflicts_loaded (gpointer data)
{
  return !afs_conflicts_page_get_loading (AFS_CONFLICTS_PAGE (data));
}

static void
test_sync_templates (void)
{
  static const char *status_names[] = {
    "menu_button", "state_label", "popover_sync_button", "popover", "detail_label",
    "progress_bar", "sign_in_button", "sign_out_button", NULL
  };
  static const char *dialog_names[] = {
    "url_row", "user_row", "password_row", "sign_in_button", "error_revealer", NULL
  };
  static const char *conflicts_names[] = { "stack", "conflicts_box", "set_aside_section", "set_aside_box", NULL };
  GtkWidget *status = g_object_ref_sink (afs_sync_status_new (context));
  GtkWidget *dialog = afs_sign_in_dialog_new (context, NULL);
  GtkWidget *page = g_object_ref_sink (afs_conflicts_page_new (context));
  GtkStack *stack;

  assert_children (status, AFS_TYPE_SYNC_STATUS, status_names);
  assert_children (dialog, AFS_TYPE_SIGN_IN_DIALOG, dialog_names);
  assert_children (page, AFS_TYPE_CONFLICTS_PAGE, conflicts_names);

  /* Never signed in: the status says so and offers only signing in. */
  g_assert_cmpstr (afs_sync_status_get_label (AFS_SYNC_STATUS (status)), ==, "Not Signed In");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (status, AFS_TYPE_SYNC_STATUS, "popover_sync_button"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (status, AFS_TYPE_SYNC_STATUS, "sign_in_button"))));
  /* Empty fields: nothing to send yet. */
  g_assert_false (afs_sign_in_dialog_get_can_sign_in (AFS_SIGN_IN_DIALOG (dialog)));
  /* No conflicts: the empty state. */
  g_assert_true (afs_test_wait_until (conflicts_loaded, page, 10000));
  stack = GTK_STACK (gtk_widget_get_template_child (page, AFS_TYPE_CONFLICTS_PAGE, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (page);
  g_object_unref (status);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  afs_test_ui_setup_resources ();

  store = afs_test_make_store (0, NULL);
  context = afs_context_new (store, NULL);

  g_test_add_func ("/ui/templates/case-row", test_case_row);
  g_test_add_func ("/ui/templates/case-page", test_case_page);
  g_test_add_func ("/ui/templates/window", test_window);
  g_test_add_func ("/ui/templates/preferences-window", test_preferences_window);
  g_test_add_func ("/ui/templates/office", test_office_templates);
  g_test_add_func ("/ui/templates/orders-page", test_orders_page);
  g_test_add_func ("/ui/templates/visit-window", test_visit_window);
  g_test_add_func ("/ui/templates/camera-window", test_camera_window);
  g_test_add_func ("/ui/templates/help-overlay", test_help_overlay);
  g_test_add_func ("/ui/templates/about-window", test_about_window);
  g_test_add_func ("/ui/templates/sync", test_sync_templates);

  ret = g_test_run ();

  g_clear_object (&context);
  g_clear_object (&store);
  return ret;
}
