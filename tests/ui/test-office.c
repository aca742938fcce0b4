/* test-office.c: the office desk (issue 3) as a person at the desk uses it,
 * on a real database, through the window's actions and the forms' fields:
 * intake → triage → approval → dispatch, then what the windows show (the
 * case number in the list, the state, the timeline lines with who, the
 * board's assignment, the approvals queue emptied). Also: the duplicate
 * customer warning, the validation messages (nothing written while the
 * form is wrong), the unsaved-input prompt, and the two hooks of the main
 * window (an added view in the switcher, the status widget).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-approvals-page.h"
#include "afs-case-list-model.h"
#include "afs-case-page.h"
#include "afs-context.h"
#include "afs-dispatch-board.h"
#include "afs-due-notifier.h"
#include "afs-intake-dialog.h"
#include "afs-shipment-dialog.h"
#include "afs-shipments-page.h"
#include "afs-store-office.h"
#include "afs-triage-dialog.h"
#include "afs-ui-test-util.h"
#include "afs-window.h"

#define TIMEOUT 15000

static AfsStore *store;
static AfsContext *context;
static AfsWindow *window;
static char *tech_id;
static char *flow_case_id;    /* the case the flow test dispatched */

/* ---- Helpers ----------------------------------------------------------------- */

/* The toplevel of @type that is showing, or NULL. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (w), type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WIDGET (w);
    }
  return NULL;
}

static gboolean
toplevel_shown (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
toplevel_gone (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static GtkWidget *
wait_toplevel (GType type)
{
  g_assert_true (afs_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (type), TIMEOUT));
  return find_toplevel (type);
}

/* A label anywhere under @widget whose text contains @text. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          strstr (gtk_label_get_label (GTK_LABEL (child)), text) != NULL)
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_shown (gpointer data)
{
  const char **args = data;

  return find_label (GTK_WIDGET (args[0]), args[1]) != NULL;
}

static void
wait_label (gpointer    widget,
            const char *text)
{
  const char *args[] = { (const char *) widget, text };

  if (!afs_test_wait_until (label_shown, args, TIMEOUT))
    g_error ("“%s” did not appear", text);
}

static gboolean
intake_valid (gpointer data)
{
  return afs_intake_dialog_get_valid (data);
}

static gboolean
triage_ready (gpointer data)
{
  return afs_triage_dialog_get_ready (data);
}

static gboolean
board_ready (gpointer data)
{
  return afs_dispatch_board_get_ready (data);
}

static gboolean
approvals_ready (gpointer data)
{
  return afs_approvals_page_get_ready (data);
}

static gboolean
page_shows_state (gpointer data)
{
  AfsCasePage *page = afs_window_get_case_page (window);

  return afs_case_page_get_loaded (page) &&
         afs_case_page_get_state (page) == (AfsCaseState) GPOINTER_TO_INT (data);
}

static void
wait_state (AfsCaseState state)
{
  if (!afs_test_wait_until (page_shows_state, GINT_TO_POINTER (state), TIMEOUT))
    g_error ("the case page did not come to “%s” (it shows %d)", afs_case_state_get_label (state),
             afs_case_page_get_state (afs_window_get_case_page (window)));
}

static guint
count_cases (void)
{
  AfsCaseFilter filter = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = afs_store_query_case_ids (store, &filter, &error);

  g_assert_no_error (error);
  return ids->len;
}

static void
set_role (AfsRole role)
{
  g_settings_set_enum (afs_context_get_settings (context), "profile-role", role);
  afs_test_wait_ms (50);
  g_assert_cmpint (afs_context_get_role (context), ==, role);
}

/* Press "Discard" or "Keep editing" in the prompt over a form. */
static void
answer_prompt (const char *response)
{
  GtkWidget *prompt = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (prompt), response);
  gtk_window_destroy (GTK_WINDOW (prompt));
}

/* ---- The hooks --------------------------------------------------------------- */

static void
test_hooks (void)
{
  GtkWidget *page = gtk_label_new ("dummy page");
  GtkWidget *status = gtk_label_new ("Synced 2 min ago");
  GtkWidget *status2 = gtk_label_new ("Offline");
  GtkWidget *header = afs_test_template_child (window, AFS_TYPE_WINDOW, "main_header");
  GtkWidget *switcher = afs_test_template_child (window, AFS_TYPE_WINDOW, "switcher_title");

  afs_window_add_view (window, page, "dummy", "_Dummy View", "face-smile-symbolic");
  afs_test_wait_frames (GTK_WIDGET (window), 3);

  /* The switcher shows it (as a mnemonic label "Dummy View"). */
  wait_label (switcher, "Dummy View");

  /* Alt+5 (the fifth view: cases, dispatch, approvals, shipments, dummy). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "i", 4));
  g_assert_cmpstr (afs_window_get_view (window), ==, "dummy");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "i", 0));
  g_assert_cmpstr (afs_window_get_view (window), ==, "cases");

  /* The status widget sits in the main header bar; a second replaces it. */
  afs_window_set_status_widget (window, status);
  g_assert_true (gtk_widget_is_ancestor (status, header));
  g_object_ref (status);
  afs_window_set_status_widget (window, status2);
  g_assert_null (gtk_widget_get_parent (status));
  g_assert_true (gtk_widget_is_ancestor (status2, header));
  g_assert_true (afs_window_get_status_widget (window) == status2);
  g_object_unref (status);
  afs_window_set_status_widget (window, NULL);
  g_assert_null (afs_window_get_status_widget (window));

  adw_view_stack_remove (afs_window_get_view_stack (window), page);
}

/* ---- Roles ---------------------------------------------------------------------- */

/* What the role may not do shows disabled, with the reason in words. */
static void
test_roles (void)
{
  AfsShipmentsPage *shipments = afs_window_get_shipments_page (window);
  GtkWidget *role_label = afs_test_template_child (shipments, AFS_TYPE_SHIPMENTS_PAGE, "role_label");

  set_role (AFS_ROLE_TECHNICIAN);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-shipment", NULL) &&
                  find_toplevel (AFS_TYPE_SHIPMENT_DIALOG) != NULL);
  g_assert_false (gtk_widget_get_sensitive (afs_test_template_child (shipments, AFS_TYPE_SHIPMENTS_PAGE, "new_button")));
  g_assert_true (gtk_widget_get_visible (role_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (role_label)),
                            afs_role_get_label (AFS_ROLE_TECHNICIAN)));

  set_role (AFS_ROLE_OFFICE);
  g_assert_false (gtk_widget_get_visible (role_label));
  g_assert_true (gtk_widget_get_sensitive (afs_test_template_child (shipments, AFS_TYPE_SHIPMENTS_PAGE, "new_button")));
}

/* ---- Validation ---------------------------------------------------------------- */

static gboolean
is_error_shown (GtkWidget  *row,
                const char *part)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *next = gtk_widget_get_next_sibling (row);
  GtkWidget *label;

  g_assert_true (GTK_IS_LIST_BOX (list));
  g_test_message ("row %s: next %s visible %d error-class %d label “%s”", G_OBJECT_TYPE_NAME (row),
                  next ? G_OBJECT_TYPE_NAME (next) : "-", next ? gtk_widget_get_visible (next) : 0,
                  gtk_widget_has_css_class (row, "error"),
                  next && GTK_IS_LIST_BOX_ROW (next) && GTK_IS_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (next)))
                  ? gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (next)))) : "");
  if (next == NULL || !gtk_widget_get_visible (next))
    return FALSE;
  label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (next));
  return GTK_IS_LABEL (label) && gtk_widget_has_css_class (row, "error") &&
         strstr (gtk_label_get_label (GTK_LABEL (label)), part) != NULL;
}

static void
test_validation (void)
{
  GtkWidget *dialog;
  guint before = count_cases ();
  GtkTextBuffer *buffer;

  set_role (AFS_ROLE_OFFICE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-case", NULL));
  dialog = wait_toplevel (AFS_TYPE_INTAKE_DIALOG);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "new_customer_button")), TRUE);
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "name_row", "Zofia Test");
  /* A phone with a letter in it. */
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "phone_row", "60l 234 567");
  g_assert_true (is_error_shown (afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "phone_row"), "60l 234 567"));
  /* A purchase date in the future. */
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "model_row", "Chiller C7");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "purchase_row", "2999-01-01");
  g_assert_true (is_error_shown (afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "purchase_row"), "future"));
  /* Production after purchase. */
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "purchase_row", "2024-01-10");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "production_row", "2024-05-01");
  g_assert_false (afs_intake_dialog_get_valid (AFS_INTAKE_DIALOG (dialog)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "description_view")));
  gtk_text_buffer_set_text (buffer, "Leaks water", -1);

  /* Save stays off, and pressing it anyway writes nothing. */
  g_assert_false (afs_intake_dialog_get_valid (AFS_INTAKE_DIALOG (dialog)));
  g_assert_false (gtk_widget_get_sensitive (afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "save_button")));
  gtk_widget_activate_action (dialog, "intake.save", NULL);
  afs_test_wait_ms (300);
  g_assert_cmpuint (count_cases (), ==, before);

  /* Fixing the fields clears the messages and enables Save. */
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "phone_row", "601 234 567");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "production_row", "2023-12-01");
  g_assert_false (is_error_shown (afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "phone_row"), ""));
  g_assert_true (afs_test_wait_until (intake_valid, dialog, TIMEOUT));
  g_assert_true (gtk_widget_get_sensitive (afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "save_button")));

  /* Leaving asks first: Keep Editing keeps the form, Discard closes it
   * without writing. */
  gtk_window_close (GTK_WINDOW (dialog));
  answer_prompt ("keep");
  g_assert_true (gtk_widget_get_visible (dialog));
  gtk_widget_activate_action (dialog, "intake.cancel", NULL);
  answer_prompt ("discard");
  g_assert_true (afs_test_wait_until (toplevel_gone, GSIZE_TO_POINTER (AFS_TYPE_INTAKE_DIALOG), TIMEOUT));
  g_assert_cmpuint (count_cases (), ==, before);
}

static void
test_shipment_validation (void)
{
  GtkWidget *dialog;
  GtkWidget *quantity;

  set_role (AFS_ROLE_OFFICE);
  afs_window_show_view (window, "shipments");
  dialog = GTK_WIDGET (afs_shipment_dialog_new (context, GTK_WINDOW (window), NULL));
  gtk_window_present (GTK_WINDOW (dialog));

  quantity = afs_test_template_child (dialog, AFS_TYPE_SHIPMENT_DIALOG, "quantity_row");
  gtk_editable_set_text (GTK_EDITABLE (quantity), "-2");
  g_assert_true (is_error_shown (quantity, "negative"));
  afs_test_set_template_text (dialog, AFS_TYPE_SHIPMENT_DIALOG, "date_row", "2999-12-31");
  g_assert_true (is_error_shown (afs_test_template_child (dialog, AFS_TYPE_SHIPMENT_DIALOG, "date_row"), "future"));
  g_assert_false (afs_shipment_dialog_get_valid (AFS_SHIPMENT_DIALOG (dialog)));

  /* Closing with input asks; discarding writes nothing. */
  g_assert_true (afs_shipment_dialog_get_dirty (AFS_SHIPMENT_DIALOG (dialog)));
  gtk_window_close (GTK_WINDOW (dialog));
  answer_prompt ("discard");
  g_assert_true (afs_test_wait_until (toplevel_gone, GSIZE_TO_POINTER (AFS_TYPE_SHIPMENT_DIALOG), TIMEOUT));
  afs_window_show_view (window, "cases");
}

/* ---- Duplicates ---------------------------------------------------------------- */

static void
test_duplicate_customer (void)
{
  AfsCustomerData existing = { 0 };
  g_autofree char *existing_id = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GtkWidget *revealer;
  GtkWidget *chosen;

  existing.name = (char *) "Józef Wiśniewski";
  existing.phone = (char *) "+48 601-234-999";
  existing.city = (char *) "Kraków";
  existing.address = (char *) "ul. Długa 5";
  g_assert_true (afs_store_add_customer (store, &existing, &existing_id, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-case", NULL));
  dialog = wait_toplevel (AFS_TYPE_INTAKE_DIALOG);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "new_customer_button")), TRUE);
  /* The same number written another way. */
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "name_row", "J. Wisniewski");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "phone_row", "0048 601 234 999");

  revealer = afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "duplicate_revealer");
  wait_label (revealer, "Józef Wiśniewski");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* Reuse it: the existing record is chosen, no new one typed in. */
  g_assert_true (gtk_widget_activate_action (dialog, "intake.use-duplicate", NULL));
  chosen = afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "chosen_customer_row");
  g_assert_true (gtk_widget_get_visible (chosen));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (chosen)), ==, "Józef Wiśniewski");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "new_customer_button"))));

  gtk_widget_activate_action (dialog, "intake.cancel", NULL);
  answer_prompt ("discard");
  g_assert_true (afs_test_wait_until (toplevel_gone, GSIZE_TO_POINTER (AFS_TYPE_INTAKE_DIALOG), TIMEOUT));
}

/* ---- The whole flow -------------------------------------------------------------- */

static gboolean
list_shows (gpointer data)
{
  return find_label (afs_test_template_child (window, AFS_TYPE_WINDOW, "list_view"), data) != NULL;
}

static void
test_flow (void)
{
  GtkWidget *dialog;
  GtkTextBuffer *buffer;
  AfsCasePage *page = afs_window_get_case_page (window);
  AfsApprovalsPage *approvals = afs_window_get_approvals_page (window);
  AfsDispatchBoard *board = afs_window_get_dispatch_board (window);
  g_autofree char *number = NULL;
  g_autofree char *first = NULL;
  guint before = count_cases ();
  GtkWidget *tech_row = NULL;
  gboolean seen_triage = FALSE, seen_approval = FALSE, seen_dispatch = FALSE;

  /* 1. Intake (office) with Ctrl+N: a new customer, unknown equipment. */
  set_role (AFS_ROLE_OFFICE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-case", NULL));
  dialog = wait_toplevel (AFS_TYPE_INTAKE_DIALOG);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "new_customer_button")), TRUE);
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "name_row", "Hotel Wawel");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "phone_row", "+48 12 345 67 89");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "city_row", "Kraków");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "address_row", "Rynek 1");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "serial_row", "CMP-NEW-0001");
  wait_label (dialog, "No equipment has this serial");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "model_row", "Compressor X2");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "purchase_row", "2025-12-01");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (afs_test_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "description_view")));
  gtk_text_buffer_set_text (buffer, "The compressor stops after ten minutes", -1);
  g_assert_true (afs_test_wait_until (intake_valid, dialog, TIMEOUT));
  g_assert_true (gtk_widget_activate_action (dialog, "intake.save", NULL));
  g_assert_true (afs_test_wait_until (toplevel_gone, GSIZE_TO_POINTER (AFS_TYPE_INTAKE_DIALOG), TIMEOUT));

  /* The number is shown at once, the case is new, and it is in the list. */
  wait_state (AFS_CASE_STATE_NEW);
  g_assert_cmpuint (count_cases (), ==, before + 1);
  number = g_strdup (afs_case_page_get_number (page));
  g_assert_true (g_str_has_prefix (number, "AS-"));
  g_assert_cmpstr (afs_case_page_get_customer_name (page), ==, "Hotel Wawel");
  if (!afs_test_wait_until (list_shows, number, TIMEOUT))
    g_error ("the list does not show %s", number);
  first = afs_case_page_get_event_text (page, 0);
  g_assert_nonnull (strstr (first, "Olga Office"));

  /* 2. Triage (Ctrl+T): in scope, level 1, product quality: needs approval. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.triage", NULL));
  dialog = wait_toplevel (AFS_TYPE_TRIAGE_DIALOG);
  g_assert_true (afs_test_wait_until (triage_ready, dialog, TIMEOUT));
  /* The warranty was computed from the purchase date: within it. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (afs_test_template_child (dialog, AFS_TYPE_TRIAGE_DIALOG, "warranty_choice_row"))),
                    ==, AFS_WARRANTY_IN);
  wait_label (dialog, "free of charge");
  /* The level definitions are shown where the level is chosen. */
  wait_label (dialog, afs_severity_get_description (1));
  g_assert_false (afs_triage_dialog_get_valid (AFS_TRIAGE_DIALOG (dialog)));
  {
    GtkWidget *group = afs_test_template_child (dialog, AFS_TYPE_TRIAGE_DIALOG, "severity_group");
    GtkWidget *check = afs_test_find_descendant (group, GTK_TYPE_CHECK_BUTTON);

    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);   /* level 1: the first */
  }
  adw_combo_row_set_selected (ADW_COMBO_ROW (afs_test_template_child (dialog, AFS_TYPE_TRIAGE_DIALOG, "cause_row")),
                              AFS_CAUSE_PRODUCT_QUALITY);
  afs_test_set_template_text (dialog, AFS_TYPE_TRIAGE_DIALOG, "cost_row", "-5");
  g_assert_false (afs_triage_dialog_get_valid (AFS_TRIAGE_DIALOG (dialog)));
  afs_test_set_template_text (dialog, AFS_TYPE_TRIAGE_DIALOG, "cost_row", "1800");
  g_assert_true (afs_triage_dialog_get_valid (AFS_TRIAGE_DIALOG (dialog)));
  wait_label (dialog, "approval");
  g_assert_true (gtk_widget_activate_action (dialog, "triage.save", NULL));
  g_assert_true (afs_test_wait_until (toplevel_gone, GSIZE_TO_POINTER (AFS_TYPE_TRIAGE_DIALOG), TIMEOUT));
  wait_state (AFS_CASE_STATE_AWAITING_APPROVAL);

  /* The office cannot approve: the queue says why and its buttons are off. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.approvals", NULL));
  afs_approvals_page_reload (approvals);
  g_assert_true (afs_test_wait_until (approvals_ready, approvals, TIMEOUT));
  g_assert_cmpuint (afs_approvals_page_get_n_pending (approvals), ==, 1);
  g_assert_true (gtk_widget_get_visible (afs_test_template_child (approvals, AFS_TYPE_APPROVALS_PAGE, "role_label")));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (approvals), "approvals.approve", NULL) &&
                  find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);

  /* 3. Approval (manager, Ctrl+Shift+A). */
  set_role (AFS_ROLE_MANAGER);
  afs_approvals_page_reload (approvals);
  g_assert_true (afs_test_wait_until (approvals_ready, approvals, TIMEOUT));
  wait_label (GTK_WIDGET (approvals), number);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (approvals), "approvals.approve", NULL));
  {
    GtkWidget *prompt = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    GtkWidget *entry = afs_test_find_descendant (prompt, GTK_TYPE_ENTRY);

    gtk_editable_set_text (GTK_EDITABLE (entry), "Go ahead, within budget");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (prompt), "decide");
    gtk_window_destroy (GTK_WINDOW (prompt));
  }
  g_assert_true (afs_test_wait_until (approvals_ready, approvals, TIMEOUT));
  afs_test_wait_ms (200);
  g_assert_true (afs_test_wait_until (approvals_ready, approvals, TIMEOUT));
  g_assert_cmpuint (afs_approvals_page_get_n_pending (approvals), ==, 0);
  wait_label (GTK_WIDGET (approvals), "Nothing to Approve");
  wait_state (AFS_CASE_STATE_APPROVED);

  /* 4. Dispatch (office, Ctrl+D): the suggestion with its reason, tick it,
   * it leads. */
  set_role (AFS_ROLE_OFFICE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.dispatch", NULL));
  g_assert_cmpstr (afs_window_get_view (window), ==, "dispatch");
  g_assert_true (afs_test_wait_until (board_ready, board, TIMEOUT));
  g_assert_cmpstr (afs_dispatch_board_get_case_id (board), ==, afs_case_page_get_case_id (page));
  wait_label (GTK_WIDGET (board), "Suggested: Tomasz Technik");
  wait_label (GTK_WIDGET (board), "Kraków");
  {
    GtkWidget *group = afs_test_template_child (board, AFS_TYPE_DISPATCH_BOARD, "technicians_group");
    GtkWidget *check = afs_test_find_descendant (group, GTK_TYPE_CHECK_BUTTON);
    GtkWidget *lead;

    tech_row = gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW);
    lead = afs_test_find_descendant (tech_row, GTK_TYPE_TOGGLE_BUTTON);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (lead), TRUE);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.dispatch", NULL));
  afs_test_wait_ms (200);
  g_assert_true (afs_test_wait_until (board_ready, board, TIMEOUT));
  /* The board shows the assignment on the planned day. */
  wait_label (afs_test_template_child (board, AFS_TYPE_DISPATCH_BOARD, "schedule_box"), number);

  afs_window_show_view (window, "cases");
  wait_state (AFS_CASE_STATE_DISPATCHED);
  flow_case_id = g_strdup (afs_case_page_get_case_id (page));

  /* The timeline has every step, each with who did it. */
  for (guint i = 0; i < afs_case_page_get_n_events (page); i++)
    {
      g_autofree char *line = afs_case_page_get_event_text (page, i);

      g_test_message ("timeline: %s", line);
      g_assert_nonnull (strstr (line, "Olga Office"));
      seen_triage |= strstr (line, afs_case_state_get_label (AFS_CASE_STATE_TRIAGED)) != NULL;
      seen_approval |= strstr (line, afs_case_state_get_label (AFS_CASE_STATE_APPROVED)) != NULL;
      seen_dispatch |= strstr (line, "Tomasz Technik") != NULL;
    }
  g_assert_true (seen_triage);
  g_assert_true (seen_approval);
  g_assert_true (seen_dispatch);
}

/* ---- Reassigning --------------------------------------------------------------- */

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_reassign (void)
{
  AfsDispatchBoard *board = afs_window_get_dispatch_board (window);
  AfsCasePage *page = afs_window_get_case_page (window);
  GtkWidget *button, *prompt;
  gboolean seen = FALSE;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (flow_case_id);
  set_role (AFS_ROLE_OFFICE);
  afs_window_open_case (window, flow_case_id);
  wait_state (AFS_CASE_STATE_DISPATCHED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.dispatch", NULL));
  afs_test_wait_ms (100);
  g_assert_true (afs_test_wait_until (board_ready, board, TIMEOUT));

  /* The only assignment on the board is the flow's. */
  button = find_button (afs_test_template_child (board, AFS_TYPE_DISPATCH_BOARD, "schedule_box"), "_Reassign…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  prompt = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  /* No reason, no reassigning. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (prompt), "reassign"));
  gtk_editable_set_text (GTK_EDITABLE (afs_test_find_descendant (prompt, GTK_TYPE_ENTRY)), "Tomasz is ill");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (prompt), "reassign"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (prompt), "reassign");
  gtk_window_destroy (GTK_WINDOW (prompt));

  afs_test_wait_ms (200);
  g_assert_true (afs_test_wait_until (board_ready, board, TIMEOUT));
  assignments = afs_store_list_assignments (store, flow_case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assignments->len, ==, 1);
  g_assert_cmpstr (((AfsAssignmentData *) g_ptr_array_index (assignments, 0))->staff_name, ==, "Wanda Serwis");
  g_assert_true (((AfsAssignmentData *) g_ptr_array_index (assignments, 0))->lead);

  /* The timeline says who took over, from whom and why. */
  afs_window_show_view (window, "cases");
  afs_case_page_reload (page);
  afs_test_wait_ms (100);
  wait_state (AFS_CASE_STATE_DISPATCHED);
  for (guint i = 0; i < afs_case_page_get_n_events (page); i++)
    {
      g_autofree char *line = afs_case_page_get_event_text (page, i);

      seen |= strstr (line, "Tomasz Technik") != NULL && strstr (line, "Wanda Serwis") != NULL &&
              strstr (line, "Tomasz is ill") != NULL;
    }
  g_assert_true (seen);
}

/* ---- Part shipments --------------------------------------------------------------- */

static gboolean
shipment_case_known (gpointer data)
{
  return afs_shipment_dialog_get_valid (data);
}

static gboolean
shipments_ready (gpointer data)
{
  return afs_shipments_page_get_ready (data);
}

static void
test_shipment (void)
{
  AfsShipmentsPage *shipments = afs_window_get_shipments_page (window);
  AfsCasePage *page = afs_window_get_case_page (window);
  GtkWidget *dialog;
  gboolean seen = FALSE;

  set_role (AFS_ROLE_OFFICE);
  afs_window_open_case (window, flow_case_id);
  wait_state (AFS_CASE_STATE_DISPATCHED);

  /* Ctrl+Shift+P: for the open case, its number filled in. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-shipment", NULL));
  dialog = wait_toplevel (AFS_TYPE_SHIPMENT_DIALOG);
  afs_test_set_template_text (dialog, AFS_TYPE_SHIPMENT_DIALOG, "part_row", "Valve kit VK-12");
  afs_test_set_template_text (dialog, AFS_TYPE_SHIPMENT_DIALOG, "model_row", "Compressor X2");
  afs_test_set_template_text (dialog, AFS_TYPE_SHIPMENT_DIALOG, "quantity_row", "2");
  afs_test_set_template_text (dialog, AFS_TYPE_SHIPMENT_DIALOG, "destination_row", "Hotel Wawel, Rynek 1, Kraków");
  afs_test_set_template_text (dialog, AFS_TYPE_SHIPMENT_DIALOG, "carrier_row", "DHL");
  afs_test_set_template_text (dialog, AFS_TYPE_SHIPMENT_DIALOG, "tracking_row", "JD0143998877");
  g_assert_true (afs_test_wait_until (shipment_case_known, dialog, TIMEOUT));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (afs_test_template_child (dialog, AFS_TYPE_SHIPMENT_DIALOG, "case_row"))),
                   ==, afs_case_page_get_number (page));
  g_assert_true (gtk_widget_activate_action (dialog, "shipment.save", NULL));
  g_assert_true (afs_test_wait_until (toplevel_gone, GSIZE_TO_POINTER (AFS_TYPE_SHIPMENT_DIALOG), TIMEOUT));

  /* Found by its tracking number in the list. */
  afs_window_show_view (window, "shipments");
  gtk_editable_set_text (GTK_EDITABLE (afs_test_template_child (shipments, AFS_TYPE_SHIPMENTS_PAGE, "search_entry")), "JD01439");
  afs_shipments_page_reload (shipments);
  g_assert_true (afs_test_wait_until (shipments_ready, shipments, TIMEOUT));
  g_assert_cmpuint (afs_shipments_page_get_n_shown (shipments), ==, 1);
  wait_label (GTK_WIDGET (shipments), "Valve kit VK-12");

  /* And in the case's timeline. */
  afs_window_show_view (window, "cases");
  afs_case_page_reload (page);
  afs_test_wait_ms (100);
  wait_state (AFS_CASE_STATE_DISPATCHED);
  for (guint i = 0; i < afs_case_page_get_n_events (page); i++)
    {
      g_autofree char *line = afs_case_page_get_event_text (page, i);

      seen |= strstr (line, "Parts shipped") != NULL && strstr (line, "JD0143998877") != NULL;
    }
  g_assert_true (seen);
}

/* ---- The list: due soon ---------------------------------------------------------- */

static gboolean
list_settled (gpointer data)
{
  AfsCaseListModel *model = afs_window_get_case_list (window);

  return afs_case_list_model_get_ready (model) && !afs_case_list_model_get_loading (model);
}

static gboolean
all_loaded (gpointer data)
{
  GListModel *model = G_LIST_MODEL (afs_window_get_case_list (window));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AfsCase) kase = g_list_model_get_item (model, i);

      if (!afs_case_get_loaded (kase))
        return FALSE;
    }
  return TRUE;
}

/* "Due soon or overdue" keeps exactly the open cases whose deadline is
 * within the window, and their rows say so in words. */
static void
test_due_soon_filter (void)
{
  GListModel *model = G_LIST_MODEL (afs_window_get_case_list (window));
  GtkCheckButton *check = GTK_CHECK_BUTTON (afs_test_template_child (window, AFS_TYPE_WINDOW, "due_soon_check"));
  gint64 limit = afs_context_now (context) + 4 * 3600;
  guint n_all, n_soon, n_expected = 0;
  g_autoptr(GError) error = NULL;
  AfsCustomerData customer = { 0 };
  g_autofree char *customer_id = NULL;

  /* One case reported now (answer within 24 h: not due soon), one 22 h
   * ago (2 h left: due soon). */
  customer.name = (char *) "Filter Test GmbH";
  g_assert_true (afs_store_add_customer (store, &customer, &customer_id, &error));
  for (int i = 0; i < 2; i++)
    {
      AfsCaseInput input = { 0 };
      g_autofree char *id = NULL;

      input.customer_id = customer_id;
      input.category = AFS_CATEGORY_REPAIR;
      input.description = "Filter";
      input.reported_at = afs_store_now (store) - i * 22 * 3600;
      g_assert_true (afs_store_create_case (store, &input, &id, &error));
      g_assert_no_error (error);
    }

  afs_window_show_view (window, "cases");
  afs_window_reload (window);
  afs_test_wait_ms (100);
  g_assert_true (afs_test_wait_until (list_settled, NULL, TIMEOUT));
  g_assert_true (afs_test_wait_until (all_loaded, NULL, TIMEOUT));
  n_all = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(AfsCase) kase = g_list_model_get_item (model, i);
      gint64 due = afs_case_get_next_due (kase);

      if (due != 0 && due < limit)
        n_expected++;
    }
  g_assert_cmpuint (n_expected, >, 0);
  g_assert_cmpuint (n_expected, <, n_all);

  gtk_check_button_set_active (check, TRUE);
  afs_test_wait_ms (100);
  g_assert_true (afs_test_wait_until (list_settled, NULL, TIMEOUT));
  g_assert_true (afs_test_wait_until (all_loaded, NULL, TIMEOUT));
  n_soon = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_soon, ==, n_expected);
  afs_test_wait_frames (GTK_WIDGET (window), 3);
  wait_label (afs_test_template_child (window, AFS_TYPE_WINDOW, "list_view"), "Due soon:");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL);
  afs_test_wait_ms (100);
  g_assert_true (afs_test_wait_until (list_settled, NULL, TIMEOUT));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
}

/* ---- Nothing half-written ---------------------------------------------------- */

static gboolean
board_has_case (gpointer data)
{
  AfsDispatchBoard *board = afs_window_get_dispatch_board (window);

  return afs_dispatch_board_get_ready (board) &&
         g_strcmp0 (afs_dispatch_board_get_case_id (board), data) == 0;
}

/* Dispatching assigns, plans and moves the case in one transaction. When
 * the rules refuse the last step (the case became level 1 behind the
 * board's back, so it now needs approval), the assignment made a moment
 * before is rolled back too. */
static void
test_dispatch_rolls_back (void)
{
  AfsDispatchBoard *board = afs_window_get_dispatch_board (window);
  AfsCustomerData customer = { 0 };
  AfsCaseInput input = { 0 };
  AfsCaseData kase = { 0 };
  g_autofree char *customer_id = NULL;
  g_autofree char *case_id = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  const char *fields[] = { "scope", "warranty", "severity", "cause", NULL };
  const char *values[] = { "in", "in", "3", "product_quality", NULL };
  const char *regrade[] = { "severity", NULL };
  const char *level1[] = { "1", NULL };

  set_role (AFS_ROLE_OFFICE);
  customer.name = (char *) "Rollback Sp. z o.o.";
  customer.city = (char *) "Kraków";
  g_assert_true (afs_store_add_customer (store, &customer, &customer_id, &error));
  input.customer_id = customer_id;
  input.category = AFS_CATEGORY_REPAIR;
  input.description = "Compressor noise";
  g_assert_true (afs_store_create_case (store, &input, &case_id, &error));
  g_assert_true (afs_store_update_case (store, case_id, 0, fields, values, &error));
  g_assert_true (afs_store_apply_action (store, case_id, AFS_ACTION_TRIAGE, NULL, &error));
  g_assert_no_error (error);

  afs_window_show_view (window, "dispatch");
  afs_dispatch_board_set_case_id (board, case_id);
  g_assert_true (afs_test_wait_until (board_has_case, case_id, TIMEOUT));
  {
    GtkWidget *group = afs_test_template_child (board, AFS_TYPE_DISPATCH_BOARD, "technicians_group");
    GtkWidget *check = afs_test_find_descendant (group, GTK_TYPE_CHECK_BUTTON);
    GtkWidget *row = gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW);

    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (afs_test_find_descendant (row, GTK_TYPE_TOGGLE_BUTTON)), TRUE);
  }

  /* Someone regrades the case to level 1 meanwhile. */
  g_assert_true (afs_store_update_case (store, case_id, 0, regrade, level1, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "board.dispatch", NULL));
  afs_test_wait_ms (200);
  g_assert_true (afs_test_wait_until (board_ready, board, TIMEOUT));

  assignments = afs_store_list_assignments (store, case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assignments->len, ==, 0);
  g_assert_true (afs_store_get_case (store, case_id, &kase, &error));
  g_assert_cmpint (kase.state, ==, AFS_CASE_STATE_TRIAGED);
  afs_case_data_clear (&kase);
  afs_window_show_view (window, "cases");
}

/* ---- Due soon ------------------------------------------------------------------ */

static void
on_checked (AfsDueNotifier *notifier,
            guint           sent,
            int            *out)
{
  *out = (int) sent;
}

static gboolean
checked (gpointer data)
{
  return *(int *) data >= 0;
}

/* The desktop's notification server, on the test's own session bus (the
 * freedesktop protocol GNotification speaks without a portal): it records
 * what the app asked to show. */
static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "<arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  "</interface></node>";

static void
notifications_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *path,
                    const char            *interface,
                    const char            *method,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  GPtrArray *shown = user_data;

  if (g_str_equal (method, "Notify"))
    {
      const char *summary = NULL, *body = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (shown, g_strdup_printf ("%s\n%s", summary, body));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", shown->len));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new_parsed ("(['body'],)"));
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "test", "test", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static gboolean
name_owned (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
n_shown_at_least (gpointer data)
{
  GPtrArray *shown = data;

  return shown->len >= GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "want-shown"));
}

static void
test_due_notifier (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  static const GDBusInterfaceVTable vtable = { notifications_call, NULL, NULL, { 0 } };
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  gboolean owned = FALSE;
  guint object_id, owner_id;
  gboolean found = FALSE;
  g_autoptr(GtkApplication) app = gtk_application_new ("org.example.AfterSales.OfficeTest", G_APPLICATION_NON_UNIQUE);
  g_autoptr(AfsDueNotifier) notifier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *case_id = NULL;
  AfsCustomerData customer = { 0 };
  AfsCaseInput input = { 0 };
  int sent = -1;

  g_assert_nonnull (bus);
  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                                 &vtable, shown, NULL, &error);
  g_assert_no_error (error);
  owner_id = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                           on_name_acquired, NULL, &owned, NULL);
  g_assert_true (afs_test_wait_until (name_owned, &owned, TIMEOUT));

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* Reported 22 h ago: the 24 h answer deadline is 2 h away, inside the
   * 4 h due-soon window of DOMAIN.md's defaults. */
  customer.name = (char *) "Due Soon Ltd";
  g_assert_true (afs_store_add_customer (store, &customer, &customer_id, &error));
  input.customer_id = customer_id;
  input.channel = AFS_CHANNEL_PHONE;
  input.category = AFS_CATEGORY_REPAIR;
  input.description = "Noise";
  input.reported_at = afs_store_now (store) - 22 * 3600;
  g_assert_true (afs_store_create_case (store, &input, &case_id, &error));
  g_assert_no_error (error);

  notifier = afs_due_notifier_new (G_APPLICATION (app), context);
  g_signal_connect (notifier, "checked", G_CALLBACK (on_checked), &sent);
  afs_due_notifier_check (notifier);
  g_assert_true (afs_test_wait_until (checked, &sent, TIMEOUT));
  g_assert_cmpint (sent, >=, 1);

  /* The desktop got it, with the case number in the title. */
  g_object_set_data (G_OBJECT (window), "want-shown", GUINT_TO_POINTER (sent));
  g_assert_true (afs_test_wait_until (n_shown_at_least, shown, TIMEOUT));
  for (guint i = 0; i < shown->len; i++)
    {
      g_test_message ("notification: %s", (char *) g_ptr_array_index (shown, i));
      found |= strstr (g_ptr_array_index (shown, i), "Due Soon Ltd") != NULL ||
               strstr (g_ptr_array_index (shown, i), "cases are due soon") != NULL;
    }
  g_assert_true (found);

  /* Told once: the next look finds nothing new. */
  sent = -1;
  afs_due_notifier_check (notifier);
  g_assert_true (afs_test_wait_until (checked, &sent, TIMEOUT));
  g_assert_cmpint (sent, ==, 0);
  afs_due_notifier_stop (notifier);

  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (bus, object_id);
}

/* ---- Many technicians ---------------------------------------------------------- */

/* How many widgets of @type under @widget are mapped (on screen). */
static guint
count_mapped (GtkWidget *widget,
              GType      type)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_type_is_a (G_OBJECT_TYPE (child), type) && gtk_widget_get_mapped (child))
        n++;
      n += count_mapped (child, type);
    }
  return n;
}

/* The action row under @widget titled @title, or NULL. */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ACTION_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_row (child, title)) != NULL)
        return found;
    }
  return NULL;
}

/* The technicians' groups on the schedule (a title, not "Assigned, Not
 * Planned Yet"). */
static guint
count_schedule_groups (GtkWidget *schedule)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (schedule); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_PREFERENCES_GROUP (child) &&
        g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (child)), "Assigned, Not Planned Yet") != 0)
      n++;
  return n;
}

/* A big company (DOMAIN.md 7: "assign one or more technicians by fault,
 * area and workload; one is the lead"): the list shows the best fits and
 * "Show All Technicians (N)", which brings the rest; a tick made before
 * stays. The schedule shows the best fits and the ticked ones, and
 * "Show Everyone (N)" shows every technician. */
static void
test_dispatch_many_technicians (void)
{
  AfsDispatchBoard *board = afs_window_get_dispatch_board (window);
  GtkWidget *group = afs_test_template_child (board, AFS_TYPE_DISPATCH_BOARD, "technicians_group");
  GtkWidget *schedule = afs_test_template_child (board, AFS_TYPE_DISPATCH_BOARD, "schedule_box");
  AfsCustomerData customer = { 0 };
  AfsCaseInput input = { 0 };
  g_autofree char *customer_id = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *more_title = NULL;
  g_autofree char *everyone_label = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  const char *fields[] = { "scope", "warranty", "severity", "cause", NULL };
  const char *values[] = { "in", "in", "3", "product_quality", NULL };
  const AfsDispatchSuggestion *fifth;
  GtkWidget *more, *check, *button;

  set_role (AFS_ROLE_OFFICE);
  for (guint i = 0; i < 60; i++)
    {
      AfsStaffData tech = { 0 };
      g_autofree char *name = g_strdup_printf ("Bulk Technik %02u", i);
      g_autofree char *id = NULL;

      tech.name = name;
      tech.service_area = (char *) (i % 2 == 0 ? "Gdańsk" : "Kraków");
      tech.skills = (char *) "ovens";
      tech.role = AFS_ROLE_TECHNICIAN;
      tech.active = TRUE;
      g_assert_true (afs_store_add_staff (store, &tech, &id, &error));
      g_assert_no_error (error);
    }

  customer.name = (char *) "Many Hands S.A.";
  customer.city = (char *) "Kraków";
  g_assert_true (afs_store_add_customer (store, &customer, &customer_id, &error));
  input.customer_id = customer_id;
  input.category = AFS_CATEGORY_REPAIR;
  input.description = "Oven does not heat";
  g_assert_true (afs_store_create_case (store, &input, &case_id, &error));
  g_assert_true (afs_store_update_case (store, case_id, 0, fields, values, &error));
  g_assert_true (afs_store_apply_action (store, case_id, AFS_ACTION_TRIAGE, NULL, &error));
  g_assert_no_error (error);
  suggestions = afs_store_suggest_technicians (store, case_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, >=, 62);
  staff = afs_store_list_staff_load (store, AFS_ROLE_TECHNICIAN, TRUE, &error);
  g_assert_no_error (error);

  afs_window_show_view (window, "dispatch");
  afs_dispatch_board_set_case_id (board, case_id);
  g_assert_true (afs_test_wait_until (board_has_case, case_id, TIMEOUT));
  afs_test_wait_frames (GTK_WIDGET (window), 3);

  /* The ten best, then the control that brings the rest. */
  g_assert_cmpuint (count_mapped (group, GTK_TYPE_CHECK_BUTTON), ==, 10);
  more_title = g_strdup_printf ("Show All Technicians (%u)", suggestions->len);
  more = find_row (group, more_title);
  g_assert_nonnull (more);
  g_assert_true (gtk_widget_get_mapped (more));
  g_assert_nonnull (find_row (group, ((AfsDispatchSuggestion *) g_ptr_array_index (suggestions, 1))->name));
  g_assert_null (find_row (group, ((AfsDispatchSuggestion *) g_ptr_array_index (suggestions, 10))->name));

  /* The schedule: nothing is planned, so the best fits are there, not
   * all 62; ticking the fifth best puts them on it too. */
  g_assert_cmpuint (count_schedule_groups (schedule), <, staff->len);
  fifth = g_ptr_array_index (suggestions, 4);
  g_assert_null (find_label (schedule, fifth->name));
  check = afs_test_find_descendant (find_row (group, fifth->name), GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  wait_label (schedule, fifth->name);

  /* Finding by name, area or skill: only who matches, and who is ticked. */
  {
    const AfsDispatchSuggestion *last = g_ptr_array_index (suggestions, suggestions->len - 1);
    GtkWidget *find = afs_test_find_descendant (group, ADW_TYPE_ENTRY_ROW);

    g_assert_nonnull (find);
    gtk_editable_set_text (GTK_EDITABLE (find), last->name);
    afs_test_wait_frames (GTK_WIDGET (window), 2);
    g_assert_cmpuint (count_mapped (group, GTK_TYPE_CHECK_BUTTON), ==, 2);
    g_assert_true (gtk_widget_get_mapped (find_row (group, last->name)));
    g_assert_true (gtk_widget_get_mapped (find_row (group, fifth->name)));
    g_assert_false (gtk_widget_get_mapped (more));
    gtk_editable_set_text (GTK_EDITABLE (find), "no such place");
    afs_test_wait_frames (GTK_WIDGET (window), 2);
    g_assert_cmpuint (count_mapped (group, GTK_TYPE_CHECK_BUTTON), ==, 1);
    g_assert_true (gtk_widget_get_mapped (find_row (group, "No technician has that name, area or skill")));
    gtk_editable_set_text (GTK_EDITABLE (find), "");
    afs_test_wait_frames (GTK_WIDGET (window), 2);
    g_assert_cmpuint (count_mapped (group, GTK_TYPE_CHECK_BUTTON), ==, 10);
    g_assert_true (gtk_widget_get_mapped (more));
  }

  /* Expanding: every technician is listed; the tick stayed. */
  gtk_widget_activate (more);
  afs_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (count_mapped (group, GTK_TYPE_CHECK_BUTTON), ==, suggestions->len);
  g_assert_false (gtk_widget_get_mapped (more));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_nonnull (find_row (group, ((AfsDispatchSuggestion *) g_ptr_array_index (suggestions, suggestions->len - 1))->name));

  /* "Show Everyone (N)": a group per technician; and back. */
  everyone_label = g_strdup_printf ("Show _Everyone (%u)", staff->len);
  button = find_button (schedule, everyone_label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  afs_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (count_schedule_groups (schedule), ==, staff->len);
  button = find_button (schedule, "Show _Fewer Technicians");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (count_schedule_groups (schedule), <, staff->len);
  g_assert_nonnull (find_label (schedule, fifth->name));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  afs_window_show_view (window, "cases");
}

int
main (int   argc,
      char *argv[])
{
  AfsStaffData tech = { 0 };
  g_autoptr(GError) error = NULL;
  GSettings *settings;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  afs_test_ui_setup_resources ();

  store = afs_test_make_store (0, NULL);
  tech.name = (char *) "Tomasz Technik";
  tech.service_area = (char *) "Kraków, Wieliczka";
  tech.skills = (char *) "compressors, installation";
  tech.role = AFS_ROLE_TECHNICIAN;
  tech.active = TRUE;
  g_assert_true (afs_store_add_staff (store, &tech, &tech_id, &error));
  g_assert_no_error (error);

  {
    AfsStaffData other = { 0 };
    g_autofree char *other_id = NULL;

    other.name = (char *) "Wanda Serwis";
    other.service_area = (char *) "Katowice";
    other.skills = (char *) "ovens";
    other.role = AFS_ROLE_TECHNICIAN;
    other.active = TRUE;
    g_assert_true (afs_store_add_staff (store, &other, &other_id, &error));
  }

  context = afs_context_new (store, NULL);
  settings = afs_context_get_settings (context);
  g_settings_set_string (settings, "profile-name", "Olga Office");
  g_settings_set_enum (settings, "profile-role", AFS_ROLE_OFFICE);

  window = afs_window_new (NULL, context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  afs_test_wait_frames (GTK_WIDGET (window), 3);

  g_test_add_func ("/ui/office/hooks", test_hooks);
  g_test_add_func ("/ui/office/roles", test_roles);
  g_test_add_func ("/ui/office/validation", test_validation);
  g_test_add_func ("/ui/office/shipment-validation", test_shipment_validation);
  g_test_add_func ("/ui/office/duplicate-customer", test_duplicate_customer);
  g_test_add_func ("/ui/office/intake-triage-approval-dispatch", test_flow);
  g_test_add_func ("/ui/office/reassign", test_reassign);
  g_test_add_func ("/ui/office/shipment", test_shipment);
  g_test_add_func ("/ui/office/due-soon-filter", test_due_soon_filter);
  g_test_add_func ("/ui/office/dispatch-rolls-back", test_dispatch_rolls_back);
  g_test_add_func ("/ui/office/due-notifier", test_due_notifier);
  g_test_add_func ("/ui/office/dispatch-many-technicians", test_dispatch_many_technicians);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  g_clear_object (&store);
  g_free (tech_id);
  g_free (flow_case_id);
  return ret;
}
