/* test-window.c: the main window on a demo database, as a person uses it:
 * the list fills, search finds a case by number, the case page shows it,
 * a filter narrows the list, a narrow window folds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-case-number.h"
#include "afs-case-page.h"
#include "afs-workflow.h"
#include "afs-case-row.h"
#include "afs-context.h"
#include "afs-format.h"
#include "afs-screenshot.h"
#include "afs-ui-test-util.h"
#include "afs-window.h"
#include "afs-window-views.h"

#define N_CASES 200
#define TIMEOUT 15000

static AfsStore *store;
static AfsContext *context;
static AfsWindow *window;

static GObject *
child (const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), AFS_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *build_root = g_getenv ("AFS_BUILD_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (build_root == NULL)
    return;

  afs_test_wait_frames (widget, 3);
  path = g_build_filename (build_root, "tests", "ui", name, NULL);
  g_assert_true (afs_screenshot_save (widget, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_test_message ("screenshot: %s", path);
}

static gboolean
list_settled (gpointer data)
{
  AfsCaseListModel *model = afs_window_get_case_list (window);

  return afs_case_list_model_get_ready (model) && !afs_case_list_model_get_loading (model);
}

static gboolean
content_ready (gpointer data)
{
  return afs_window_get_content_ready (window);
}

static gboolean
case_loaded (gpointer data)
{
  return afs_case_get_loaded (AFS_CASE (data));
}

static AfsCase *
get_loaded_case (guint position)
{
  AfsCase *kase = g_list_model_get_item (G_LIST_MODEL (afs_window_get_case_list (window)), position);

  g_assert_nonnull (kase);
  g_assert_true (afs_test_wait_until (case_loaded, kase, TIMEOUT));
  return kase;
}

static gboolean
first_row_shows_number (gpointer data)
{
  GtkWidget *row = afs_test_find_descendant (GTK_WIDGET (child ("list_view")), AFS_TYPE_CASE_ROW);
  GtkLabel *label;

  if (row == NULL)
    return FALSE;
  label = GTK_LABEL (gtk_widget_get_template_child (row, AFS_TYPE_CASE_ROW, "number_label"));
  return afs_case_number_parse (gtk_label_get_label (label), NULL, NULL);
}

static void
test_list_fills (void)
{
  GListModel *model = G_LIST_MODEL (afs_window_get_case_list (window));
  g_autofree char *expected = NULL;
  g_autoptr(AfsCase) first = NULL;
  guint n;
  AfsCaseFilter filter = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (afs_test_wait_until (content_ready, NULL, TIMEOUT));
  g_assert_true (afs_test_wait_until (list_settled, NULL, TIMEOUT));

  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <=, N_CASES);

  /* The default list is the open cases: the same count the store gives. */
  afs_case_list_model_get_filter (afs_window_get_case_list (window), &filter);
  ids = afs_store_query_case_ids (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n);

  expected = afs_format_case_count (n);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child ("count_label"))), ==, expected);

  first = get_loaded_case (0);
  g_assert_true (afs_case_number_parse (afs_case_get_number (first), NULL, NULL));

  /* And the row on screen shows a real case number, not a placeholder. */
  g_assert_true (afs_test_wait_until (first_row_shows_number, NULL, TIMEOUT));

  save_screenshot (GTK_WIDGET (window), "test-window-list.png");
}

static gboolean
search_found (gpointer data)
{
  const char *number = data;
  GListModel *model = G_LIST_MODEL (afs_window_get_case_list (window));
  g_autoptr(AfsCase) kase = NULL;

  if (!list_settled (NULL) || g_list_model_get_n_items (model) != 1)
    return FALSE;
  kase = g_list_model_get_item (model, 0);
  return afs_case_get_loaded (kase) && g_strcmp0 (afs_case_get_number (kase), number) == 0;
}

static gboolean
page_loaded (gpointer data)
{
  return afs_case_page_get_loaded (afs_window_get_case_page (window));
}

static void
test_search_and_open (void)
{
  g_autoptr(AfsCase) target = NULL;
  g_autofree char *number = NULL;
  g_autofree char *customer = NULL;
  AfsCasePage *page = afs_window_get_case_page (window);
  GtkWidget *entry = GTK_WIDGET (child ("search_entry"));
  GtkLabel *number_label;
  GtkLabel *customer_label;

  /* A case from the middle of the list, not just the first one. */
  target = get_loaded_case (g_list_model_get_n_items (G_LIST_MODEL (afs_window_get_case_list (window))) / 2);
  number = g_strdup (afs_case_get_number (target));
  customer = g_strdup (afs_case_get_customer_name (target));

  gtk_editable_set_text (GTK_EDITABLE (entry), number);
  g_assert_true (afs_test_wait_until (search_found, number, TIMEOUT));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (afs_window_get_case_list (window))), ==, 1);

  afs_window_open_position (window, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (afs_window_get_selection (window)), ==, 0);
  g_assert_true (afs_test_wait_until (page_loaded, NULL, TIMEOUT));
  g_assert_cmpstr (afs_case_page_get_case_id (page), ==, afs_case_get_id (target));

  number_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (page), AFS_TYPE_CASE_PAGE, "number_label"));
  customer_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (page), AFS_TYPE_CASE_PAGE, "customer_title_label"));
  g_assert_cmpstr (gtk_label_get_label (number_label), ==, number);
  g_assert_cmpstr (gtk_label_get_label (customer_label), ==, customer);
  /* Every case has at least its "created" event. */
  g_assert_cmpuint (afs_case_page_get_n_events (page), >=, 1);

  save_screenshot (GTK_WIDGET (window), "test-window-case.png");

  /* Escape in the search clears it: the whole list comes back. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (afs_test_wait_until (list_settled, NULL, TIMEOUT));
}

static gboolean
filter_applied (gpointer data)
{
  guint expected = GPOINTER_TO_UINT (data);

  return list_settled (NULL) &&
         g_list_model_get_n_items (G_LIST_MODEL (afs_window_get_case_list (window))) == expected;
}

static void
test_severity_filter (void)
{
  GtkDropDown *severity = GTK_DROP_DOWN (child ("severity_dropdown"));
  GtkDropDown *state = GTK_DROP_DOWN (child ("state_dropdown"));
  GListModel *model = G_LIST_MODEL (afs_window_get_case_list (window));
  AfsCaseFilter filter = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  /* All states, level 1 only: what the store says, and nothing else. */
  filter.severity = 1;
  ids = afs_store_query_case_ids (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);

  gtk_drop_down_set_selected (state, 1);     /* All states */
  gtk_drop_down_set_selected (severity, 1);  /* Level 1 */
  g_assert_true (afs_test_wait_until (filter_applied, GUINT_TO_POINTER (ids->len), TIMEOUT));

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AfsCase) kase = get_loaded_case (i);
      g_assert_cmpint (afs_case_get_severity (kase), ==, 1);
    }

  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child ("filter_summary_revealer"))));

  /* Clearing the filters brings back the open cases. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  g_assert_cmpuint (gtk_drop_down_get_selected (severity), ==, 0);
  g_assert_true (afs_test_wait_until (list_settled, NULL, TIMEOUT));
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), label) == 0)
        return c;
      if ((found = find_action_button (c, label)) != NULL)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
case_cancelled (gpointer data)
{
  AfsCaseData kase = { 0 };
  gboolean done;

  g_assert_true (afs_store_get_case (store, data, &kase, NULL));
  done = kase.state == AFS_CASE_STATE_CANCELLED;
  afs_case_data_clear (&kase);
  return done;
}

static gboolean
case_gone_from_list (gpointer data)
{
  return list_settled (NULL) &&
         afs_case_list_model_find (afs_window_get_case_list (window), *(gint64 *) data) == G_MAXUINT;
}

/* Cancelling asks for a reason, writes it through the store's rules and
 * the case leaves the list of open cases. */
static void
test_cancel_with_reason (void)
{
  AfsCasePage *page = afs_window_get_case_page (window);
  guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (afs_window_get_case_list (window))), 40);
  g_autofree char *id = NULL;
  gint64 local_id = 0;
  g_autoptr(GPtrArray) audit = NULL;
  const AfsAuditEvent *last;
  GtkWidget *button = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  /* The first open case that office staff may cancel. */
  for (guint i = 0; i < n && button == NULL; i++)
    {
      g_autoptr(AfsCase) kase = get_loaded_case (i);

      afs_window_open_position (window, i);
      g_assert_true (afs_test_wait_until (page_loaded, NULL, TIMEOUT));
      g_assert_cmpstr (afs_case_page_get_case_id (page), ==, afs_case_get_id (kase));
      button = find_action_button (GTK_WIDGET (page), afs_action_get_label (AFS_ACTION_CANCEL));
      if (button != NULL && !gtk_widget_get_sensitive (button))
        button = NULL;
      if (button != NULL)
        {
          id = g_strdup (afs_case_get_id (kase));
          local_id = afs_case_get_local_id (kase);
        }
    }
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (afs_test_wait_until (dialog_shown, NULL, TIMEOUT));

  dialog = find_dialog ();
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_EDITABLE (entry));
  /* No reason, no action. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Customer withdrew the request");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (afs_test_wait_until (case_cancelled, id, TIMEOUT));
  g_assert_true (afs_test_wait_until (case_gone_from_list, &local_id, TIMEOUT));

  audit = afs_store_list_audit (store, id, NULL);
  g_assert_nonnull (audit);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->comment, ==, "Customer withdrew the request");
}

static void
test_keyboard (void)
{
  GtkWidget *entry = GTK_WIDGET (child ("search_entry"));
  GtkWidget *focus;

  /* Ctrl+F's action puts the focus in the search. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  /* Back is only there when folded. */
  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (child ("leaflet"))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (child ("back_button"))) &&
                  gtk_widget_get_visible (GTK_WIDGET (child ("back_button"))));
}

static gboolean
folded (gpointer data)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (data));
}

static gboolean
other_ready (gpointer data)
{
  return afs_window_get_content_ready (AFS_WINDOW (data));
}

static void
test_narrow_window_folds (void)
{
  AfsWindow *narrow = afs_window_new (NULL, context);
  AdwLeaflet *leaflet;
  GtkWidget *content;

  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (child ("leaflet"))));

  gtk_window_set_default_size (GTK_WINDOW (narrow), 400, 700);
  gtk_window_present (GTK_WINDOW (narrow));
  g_assert_true (afs_test_wait_until (other_ready, narrow, TIMEOUT));

  leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (narrow), AFS_TYPE_WINDOW, "leaflet"));
  g_assert_true (afs_test_wait_until (folded, leaflet, TIMEOUT));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (narrow)), <=, 420);

  /* Folded, the list shows first; opening a case goes to the page and
   * back goes to the list. */
  content = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (narrow), AFS_TYPE_WINDOW, "content"));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != content);
  save_screenshot (GTK_WIDGET (narrow), "test-window-400-list.png");

  afs_window_open_position (narrow, 0);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == content);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (narrow), "win.go-back", NULL));
  afs_test_wait_frames (GTK_WIDGET (narrow), 20);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != content);

  gtk_window_destroy (GTK_WINDOW (narrow));
}

/* The names of the views the switcher shows, in order, space-separated. */
static char *
visible_views (AfsWindow *w)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (afs_window_get_view_stack (w));
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (!adw_view_stack_page_get_visible (page))
        continue;
      if (names->len > 0)
        g_string_append_c (names, ' ');
      g_string_append (names, adw_view_stack_page_get_name (page));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The app's window shows each role the views of its work, five at most
 * (the narrow switcher bar holds five), and follows a change of role. */
static void
test_views_follow_role (void)
{
  GSettings *settings = afs_context_get_settings (context);
  AfsWindow *w = afs_window_new (NULL, context);
  g_autofree char *office = NULL;
  g_autofree char *technician = NULL;
  g_autofree char *manager = NULL;

  afs_window_add_field_views (w, context);

  g_settings_set_enum (settings, "profile-role", AFS_ROLE_OFFICE);
  office = visible_views (w);
  g_assert_cmpstr (office, ==, "cases dispatch approvals shipments conflicts");

  g_settings_set_enum (settings, "profile-role", AFS_ROLE_TECHNICIAN);
  technician = visible_views (w);
  g_assert_cmpstr (technician, ==, "cases shipments my-orders conflicts");

  g_settings_set_enum (settings, "profile-role", AFS_ROLE_MANAGER);
  manager = visible_views (w);
  g_assert_cmpstr (manager, ==, office);

  g_settings_set_enum (settings, "profile-role", AFS_ROLE_OFFICE);
  gtk_window_destroy (GTK_WINDOW (w));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  afs_test_ui_setup_resources ();

  store = afs_test_make_store (N_CASES, NULL);
  context = afs_context_new (store, NULL);
  window = afs_window_new (NULL, context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/ui/window/list-fills", test_list_fills);
  g_test_add_func ("/ui/window/search-and-open", test_search_and_open);
  g_test_add_func ("/ui/window/severity-filter", test_severity_filter);
  g_test_add_func ("/ui/window/keyboard", test_keyboard);
  g_test_add_func ("/ui/window/cancel-with-reason", test_cancel_with_reason);
  g_test_add_func ("/ui/window/narrow-window-folds", test_narrow_window_folds);
  g_test_add_func ("/ui/window/views-follow-role", test_views_follow_role);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  g_clear_object (&store);
  return ret;
}
