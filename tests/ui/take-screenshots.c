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

#define TIMEOUT 20000

static char *out_dir;

static void
save (GtkWidget  *widget,
      const char *name)
{
  g_autofree char *path = g_build_filename (out_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  /* Stack cross-fades and leaflet slides take a few hundred ms. */
  afs_test_wait_ms (700);
  afs_test_wait_frames (widget, 4);
  if (!afs_screenshot_save (widget, path, &error))
    g_error ("%s", error->message);
  g_print ("%s (%dx%d)\n", path, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
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

/* The window's default size counts the frame GTK draws around it without
 * a compositor: grow it so the picture is exactly @width × @height. */
static void
fit_size (GtkWidget *window,
          int        width,
          int        height)
{
  int dw, dh;

  afs_test_wait_frames (window, 3);
  dw = width - gtk_widget_get_width (window);
  dh = height - gtk_widget_get_height (window);
  if (dw != 0 || dh != 0)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), width + dw, height + dh);
      afs_test_wait_ms (300);
      afs_test_wait_frames (window, 3);
    }
}

static AfsWindow *
open_window (AfsContext *context,
             int         width,
             int         height)
{
  AfsWindow *window = afs_window_new (NULL, context);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  if (!afs_test_wait_until (window_ready, window, TIMEOUT) ||
      !afs_test_wait_until (rows_loaded, window, TIMEOUT))
    g_error ("the case list did not load");
  fit_size (GTK_WIDGET (window), width, height);
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

  g_free (out_dir);
  return 0;
}
