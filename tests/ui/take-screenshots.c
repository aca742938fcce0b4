/* take-screenshots.c: the pictures in docs/screenshots, made from a demo
 * company in a temporary database.
 *
 *   xvfb-run -a -s "-screen 0 1400x900x24" env GSK_RENDERER=cairo GDK_BACKEND=x11 \
 *     GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=build/data \
 *     build/tests/ui/take-screenshots [OUTPUT-DIR]
 *
 * OUTPUT-DIR defaults to docs/screenshots under $AFS_SOURCE_ROOT (or the
 * current folder).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "afs-case-page.h"
#include "afs-context.h"
#include "afs-preferences-window.h"
#include "afs-screenshot.h"
#include "afs-ui-test-util.h"
#include "afs-window.h"
#include "afs-window-views.h"
/* Office desk (issue 3) */
#include "afs-approvals-page.h"
#include "afs-dispatch-board.h"
#include "afs-intake-dialog.h"
#include "afs-shipment-dialog.h"
#include "afs-shipments-page.h"
#include "afs-store-office.h"
#include "afs-triage-dialog.h"

#define TIMEOUT 20000

static char *out_dir;

static void
save (GtkWidget  *widget,
      const char *name)
{
  afs_test_save_screenshot (widget, out_dir, name);
}

static gboolean
window_ready (gpointer data)
{
  AfsWindow *window = data;
  AfsCaseListModel *model = afs_window_get_case_list (window);

  return afs_window_get_content_ready (window) && !afs_case_list_model_get_loading (model);
}

static gboolean
page_ready (gpointer data)
{
  return afs_case_page_get_loaded (afs_window_get_case_page (AFS_WINDOW (data)));
}

static gboolean
rows_loaded (gpointer data)
{
  GListModel *model = G_LIST_MODEL (afs_window_get_case_list (AFS_WINDOW (data)));
  guint n = MIN (g_list_model_get_n_items (model), 12);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AfsCase) kase = g_list_model_get_item (model, i);

      if (!afs_case_get_loaded (kase))
        return FALSE;
    }
  return TRUE;
}

/* A case worth looking at: graded, with a technician and a few events. */
static guint
pick_case (AfsWindow *window)
{
  GListModel *model = G_LIST_MODEL (afs_window_get_case_list (window));
  guint n = MIN (g_list_model_get_n_items (model), 50);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AfsCase) kase = g_list_model_get_item (model, i);
      const char *tech = afs_case_get_lead_technician (kase);

      if (afs_case_get_loaded (kase) && afs_case_get_severity (kase) > 0 &&
          afs_case_get_severity (kase) <= 2 && tech != NULL && tech[0] != '\0')
        return i;
    }
  return 0;
}

static AfsWindow *
open_window (AfsContext *context,
             int         width,
             int         height)
{
  AfsWindow *window = afs_window_new (NULL, context);

  /* The window as the app shows it, with every view. */
  afs_window_add_field_views (window, context);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  if (!afs_test_wait_until (window_ready, window, TIMEOUT) ||
      !afs_test_wait_until (rows_loaded, window, TIMEOUT))
    g_error ("the case list did not load");
  afs_test_fit_window_size (GTK_WIDGET (window), width, height);
  return window;
}

static void
open_case (AfsWindow *window,
           guint      position)
{
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), AFS_TYPE_WINDOW, "list_view"));

  afs_window_open_position (window, position);
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  if (!afs_test_wait_until (page_ready, window, TIMEOUT))
    g_error ("the case page did not load");
}

/* ---- Office desk (issue 3) ---------------------------------------------- */

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
shipments_ready (gpointer data)
{
  return afs_shipments_page_get_ready (data);
}

static gboolean
triage_ready (gpointer data)
{
  return afs_triage_dialog_get_ready (data);
}

/* The first case in @state among the first rows of the list, or G_MAXUINT. */
static guint
find_state (AfsWindow *window, AfsCaseState state)
{
  GListModel *model = G_LIST_MODEL (afs_window_get_case_list (window));
  guint n = MIN (g_list_model_get_n_items (model), 50);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AfsCase) kase = g_list_model_get_item (model, i);

      if (afs_case_get_loaded (kase) && afs_case_get_state (kase) == state)
        return i;
    }
  return G_MAXUINT;
}

static void
office_screens (AfsContext *context,
                AfsStore   *store,
                int         width,
                int         height)
{
  g_autofree char *suffix = g_strdup_printf ("%d.png", width);
  g_autofree char *name = NULL;
  AfsWindow *window;
  GtkWidget *dialog;
  guint position;

  /* The list with time left, nearest deadline first. */
  g_settings_set_string (afs_context_get_settings (context), "list-sort", "due");
  window = open_window (context, width, height);
#define SHOT(widget, what) do { g_free (name); name = g_strconcat ("office-", what, "-", suffix, NULL); save (GTK_WIDGET (widget), name); } while (0)

  g_settings_set_enum (afs_context_get_settings (context), "profile-role", AFS_ROLE_OFFICE);

  if (width > 600)
    open_case (window, 0);
  SHOT (window, "cases");
  if (width > 600)
    {
      /* The end of the case page: the timeline with who and when, on a
       * case that went through triage, approval and dispatch. */
      guint dispatched = find_state (window, AFS_CASE_STATE_DISPATCHED);
      GtkWidget *page = GTK_WIDGET (afs_window_get_case_page (window));
      GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (page, AFS_TYPE_CASE_PAGE, "scroller"));
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

      if (dispatched != G_MAXUINT)
        open_case (window, dispatched);
      afs_test_wait_ms (300);
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
      SHOT (window, "timeline");
    }

  /* Intake: a new customer whose phone is already on file, a bad date. */
  dialog = GTK_WIDGET (afs_intake_dialog_new (context, GTK_WINDOW (window)));
  gtk_window_set_default_size (GTK_WINDOW (dialog), MIN (width, 620), height - 40);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (dialog, AFS_TYPE_INTAKE_DIALOG, "new_customer_button")), TRUE);
  {
    g_autoptr(GPtrArray) some = afs_store_search_customers (store, "a", 1, NULL);
    const AfsCustomerData *c = some != NULL && some->len > 0 ? g_ptr_array_index (some, 0) : NULL;

    afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "name_row", "Hotel Wawel");
    afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "phone_row", c != NULL && c->phone != NULL ? c->phone : "+48 12 345 67 89");
  }
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "city_row", "Kraków");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "serial_row", "CMP-NEW-0001");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "model_row", "Compressor X2");
  afs_test_set_template_text (dialog, AFS_TYPE_INTAKE_DIALOG, "purchase_row", "2999-01-01");
  afs_test_wait_ms (600);
  SHOT (dialog, "intake");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Triage of a new case. */
  position = find_state (window, AFS_CASE_STATE_NEW);
  if (position != G_MAXUINT)
    {
      open_case (window, position);
      dialog = GTK_WIDGET (afs_triage_dialog_new (context, GTK_WINDOW (window),
                                                  afs_case_page_get_case_id (afs_window_get_case_page (window))));
      gtk_window_set_default_size (GTK_WINDOW (dialog), MIN (width, 620), height - 40);
      gtk_window_present (GTK_WINDOW (dialog));
      afs_test_wait_until (triage_ready, dialog, TIMEOUT);
      SHOT (dialog, "triage");
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  /* The dispatch board with a triaged case chosen. */
  afs_window_show_view (window, "dispatch");
  afs_dispatch_board_set_case_id (afs_window_get_dispatch_board (window), NULL);
  afs_test_wait_ms (100);
  afs_test_wait_until (board_ready, afs_window_get_dispatch_board (window), TIMEOUT);
  SHOT (window, "dispatch");

  /* The approvals queue, as a manager sees it. */
  g_settings_set_enum (afs_context_get_settings (context), "profile-role", AFS_ROLE_MANAGER);
  afs_window_show_view (window, "approvals");
  afs_test_wait_ms (100);
  afs_test_wait_until (approvals_ready, afs_window_get_approvals_page (window), TIMEOUT);
  SHOT (window, "approvals");
  g_settings_set_enum (afs_context_get_settings (context), "profile-role", AFS_ROLE_OFFICE);

  /* Shipments, and the form for a new one with a negative quantity. */
  afs_window_show_view (window, "shipments");
  afs_test_wait_ms (100);
  afs_test_wait_until (shipments_ready, afs_window_get_shipments_page (window), TIMEOUT);
  SHOT (window, "shipments");
  dialog = GTK_WIDGET (afs_shipment_dialog_new (context, GTK_WINDOW (window), NULL));
  gtk_window_set_default_size (GTK_WINDOW (dialog), MIN (width, 560), MIN (height - 40, 700));
  gtk_window_present (GTK_WINDOW (dialog));
  afs_test_set_template_text (dialog, AFS_TYPE_SHIPMENT_DIALOG, "part_row", "Valve kit VK-12");
  afs_test_set_template_text (dialog, AFS_TYPE_SHIPMENT_DIALOG, "quantity_row", "-2");
  afs_test_set_template_text (dialog, AFS_TYPE_SHIPMENT_DIALOG, "destination_row", "Kraków, Rynek 1");
  SHOT (dialog, "shipment-dialog");
  gtk_window_destroy (GTK_WINDOW (dialog));

#undef SHOT
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AfsStore) store = NULL;
  g_autoptr(AfsContext) context = NULL;
  AdwStyleManager *style;
  AfsWindow *window;
  GtkWidget *prefs;
  const char *source_root = g_getenv ("AFS_SOURCE_ROOT");
  guint position;

  setlocale (LC_ALL, "");
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  gtk_init ();
  adw_init ();
  /* GNOME's title-bar buttons (only Close), as on the desktop the app is
   * made for; GTK's own default adds Minimize and Maximize. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  afs_test_ui_setup_resources ();
  style = adw_style_manager_get_default ();
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);

  if (argc > 1)
    out_dir = g_strdup (argv[1]);
  else
    out_dir = g_build_filename (source_root != NULL ? source_root : ".", "docs", "screenshots", NULL);
  g_mkdir_with_parents (out_dir, 0755);

  store = afs_test_make_store (400, NULL);
  context = afs_context_new (store, NULL);

  /* Wide: the list beside a case. */
  window = open_window (context, 1280, 800);
  position = pick_case (window);
  open_case (window, position);
  save (GTK_WIDGET (window), "main-window-1280.png");

  /* The same in the dark style. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  save (GTK_WIDGET (window), "case-page-dark-1280.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* Preferences over the main window. */
  prefs = afs_preferences_window_new (GTK_WINDOW (window), context);
  gtk_window_present (GTK_WINDOW (prefs));
  save (prefs, "preferences.png");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "rules");
  save (prefs, "preferences-rules.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Narrow (a technician's small laptop, a phone-sized window): folded. */
  window = open_window (context, 400, 800);
  save (GTK_WIDGET (window), "main-window-400.png");
  open_case (window, pick_case (window));
  afs_test_wait_ms (400);   /* the leaflet slides */
  save (GTK_WIDGET (window), "case-page-400.png");
  {
    /* The end of the page: technicians and the timeline. */
    GtkWidget *page = GTK_WIDGET (afs_window_get_case_page (window));
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (page, AFS_TYPE_CASE_PAGE, "scroller"));
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroller);

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    save (GTK_WIDGET (window), "case-page-timeline-400.png");
  }
  gtk_window_destroy (GTK_WINDOW (window));

  /* Office desk (issue 3): each screen wide and at 400 px. */
  office_screens (context, store, 1280, 800);
  office_screens (context, store, 400, 800);

  g_free (out_dir);
  return 0;
}
