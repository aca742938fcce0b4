/* afs-ui-test-util.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "afs-demo.h"
#include "afs-screenshot.h"
#include "afs-ui-test-util.h"

void
afs_test_ui_setup_resources (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  GdkDisplay *display = gdk_display_get_default ();

  /* The screenshot programs show a translated UI when AFS_LOCALEDIR names
   * the build tree's catalogues (as src/ui/main.c does), so a reviewer can
   * look at every screen in zh_CN, es and pl. */
  if (g_getenv ("AFS_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("AFS_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  gtk_css_provider_load_from_resource (css, "/org/example/AfterSales/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                    "/org/example/AfterSales/icons");
}

AfsStore *
afs_test_make_store (guint    n_cases,
                     char   **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("afs-ui-test-XXXXXX", &error);
  g_autofree char *path = NULL;
  AfsStore *store;

  g_assert_no_error (error);
  path = g_build_filename (dir, "cases.db", NULL);
  store = afs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  if (n_cases > 0)
    {
      AfsDemoOptions options = { 0 };

      options.n_cases = n_cases;
      options.seed = 42;
      g_assert_true (afs_demo_generate (store, &options, &error));
      g_assert_no_error (error);
    }

  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return store;
}

static gboolean
on_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
afs_test_wait_until (AfsTestCondition cond,
                     gpointer         data,
                     guint            timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return cond (data);
}

static gboolean
frames_done (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

void
afs_test_wait_frames (GtkWidget *widget,
                      guint      n_frames)
{
  gboolean done = FALSE;

  afs_screenshot_after_frames (widget, n_frames, frames_done, &done);
  /* Under Xvfb frames come at 60 Hz; a second is plenty. */
  if (!afs_test_wait_until (is_true, &done, 5000))
    g_test_message ("frames did not come in time");
}

void
afs_test_wait_ms (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, on_timeout, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

GtkWidget *
afs_test_find_descendant (GtkWidget *widget,
                          GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_type_is_a (G_OBJECT_TYPE (child), type))
        return child;
      found = afs_test_find_descendant (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
afs_test_template_child (gpointer    widget,
                         GType       type,
                         const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

void
afs_test_set_template_text (gpointer    widget,
                            GType       type,
                            const char *name,
                            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (afs_test_template_child (widget, type, name)), text);
}

void
afs_test_save_screenshot (GtkWidget  *widget,
                          const char *dir,
                          const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  afs_test_wait_ms (700);
  afs_test_wait_frames (widget, 4);
  if (!afs_screenshot_save (widget, path, &error))
    g_error ("%s", error->message);
  g_print ("%s (%dx%d)\n", path, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
}

void
afs_test_fit_window_size (GtkWidget *window,
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
