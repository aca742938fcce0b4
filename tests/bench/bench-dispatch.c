/* bench-dispatch.c: how long the first visit of the Dispatch view takes
 * with a big company (issue 3, DOMAIN.md 7: "assign one or more
 * technicians by fault, area and workload; one is the lead").
 *
 *   xvfb-run -a -s "-screen 0 1400x900x24" dbus-run-session -- \
 *     env GSK_RENDERER=cairo GDK_BACKEND=x11 \
 *     ./build/tests/bench/bench-dispatch [--runs 3] [--keep] [--screenshots DIR] DATABASE
 *
 * DATABASE is copied to a temporary folder first (opening a store
 * migrates it; the original stays as it was). Each run opens a new main
 * window on the copy at 1280×800, waits for its first frames, switches to
 * the Dispatch view and prints the time until the board has loaded (the
 * store's work in a thread and building the widgets) and until the frame
 * that shows it was painted, and how many widgets the board holds then;
 * on the last run also what clicking "Show All Technicians" costs.
 * A program that prints figures, not a test: docs/benchmarks.md has them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "afs-context.h"
#include "afs-dispatch-board.h"
#include "afs-ui-test-util.h"
#include "afs-window.h"

#define TIMEOUT_MS 120000

static int      opt_runs = 3;
static gboolean opt_keep;
static char    *opt_shots;

static const GOptionEntry options[] = {
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "How many times to open the view (a new window each time)", "N" },
  { "keep", 0, 0, G_OPTION_ARG_NONE, &opt_keep, "Keep the copied database", NULL },
  { "screenshots", 0, 0, G_OPTION_ARG_FILENAME, &opt_shots, "Save the board after the last run as DIR/bench-dispatch-*.png", "DIR" },
  { NULL }
};

static guint
count_widgets (GtkWidget *widget)
{
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child);
  return n;
}

typedef struct {
  AfsDispatchBoard *board;
  gint64            ready_at;    /* monotonic µs, 0 until ready */
  gint64            painted_at;  /* the first paint after ready */
} Run;

static void
on_after_paint (GdkFrameClock *clock,
                Run           *run)
{
  if (run->ready_at != 0 && run->painted_at == 0)
    run->painted_at = g_get_monotonic_time ();
}

static gboolean
board_ready (gpointer data)
{
  Run *run = data;

  if (run->ready_at == 0 && afs_dispatch_board_get_ready (run->board))
    {
      run->ready_at = g_get_monotonic_time ();
      gtk_widget_queue_draw (GTK_WIDGET (run->board));
    }
  return run->ready_at != 0 && run->painted_at != 0;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("DATABASE");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AfsStore) store = NULL;
  g_autoptr(AfsContext) context = NULL;
  g_autoptr(GArray) ready_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) painted_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint widgets = 0;
  gint64 t0;

  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", AFS_SCHEMA_DIR, FALSE);
  g_option_context_add_main_entries (ctx, options, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 || opt_runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Give one database file, and --runs 1 or more.");
      return 2;
    }

  gtk_init ();
  adw_init ();
  afs_test_ui_setup_resources ();

  dir = g_dir_make_tmp ("bench-dispatch-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "board.db", NULL);
  source = g_file_new_for_commandline_arg (argv[1]);
  copy = g_file_new_for_path (path);
  t0 = g_get_monotonic_time ();
  if (!g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    {
      g_printerr ("Cannot copy %s: %s\n", argv[1], error->message);
      return 1;
    }
  g_printerr ("copied in %.1f s; opening (migrates the copy)…\n", (g_get_monotonic_time () - t0) / 1e6);
  store = afs_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("Cannot open the copy: %s\n", error->message);
      return 1;
    }
  context = afs_context_new (store, NULL);
  g_settings_set_enum (afs_context_get_settings (context), "profile-role", AFS_ROLE_OFFICE);

  for (int i = 0; i < opt_runs; i++)
    {
      AfsWindow *window = afs_window_new (NULL, context);
      Run run = { 0 };
      GdkFrameClock *clock;
      gulong handler;
      double ready, painted;

      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_present (GTK_WINDOW (window));
      afs_test_fit_window_size (GTK_WIDGET (window), 1280, 800);
      afs_test_wait_frames (GTK_WIDGET (window), 5);
      afs_test_wait_ms (300);

      run.board = afs_window_get_dispatch_board (window);
      clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
      handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &run);

      t0 = g_get_monotonic_time ();
      afs_window_show_view (window, "dispatch");
      if (!afs_test_wait_until (board_ready, &run, TIMEOUT_MS))
        {
          g_printerr ("The board was not ready within %d s.\n", TIMEOUT_MS / 1000);
          return 1;
        }
      g_signal_handler_disconnect (clock, handler);
      ready = (run.ready_at - t0) / 1000.0;
      painted = (run.painted_at - t0) / 1000.0;
      widgets = count_widgets (GTK_WIDGET (run.board));
      g_array_append_val (ready_ms, ready);
      g_array_append_val (painted_ms, painted);
      g_print ("run %d: ready %.0f ms, painted %.0f ms, %u widgets in the board\n",
               i + 1, ready, painted, widgets);
      /* "Show All Technicians (N)" on the last run: what the click costs. */
      if (i == opt_runs - 1)
        {
          GtkWidget *group = afs_test_template_child (run.board, AFS_TYPE_DISPATCH_BOARD, "technicians_group");
          GtkWidget *more = NULL;

          for (GtkWidget *w = afs_test_find_descendant (group, GTK_TYPE_LIST_BOX); w != NULL && more == NULL; w = NULL)
            for (GtkWidget *row = gtk_widget_get_first_child (w); row != NULL; row = gtk_widget_get_next_sibling (row))
              if (ADW_IS_ACTION_ROW (row) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)) &&
                  gtk_widget_get_visible (row))
                more = row;
          if (more != NULL)
            {
              run.ready_at = 0;
              run.painted_at = 0;
              handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &run);
              t0 = g_get_monotonic_time ();
              gtk_widget_activate (more);
              run.ready_at = g_get_monotonic_time ();
              gtk_widget_queue_draw (GTK_WIDGET (run.board));
              afs_test_wait_until (board_ready, &run, TIMEOUT_MS);
              g_signal_handler_disconnect (clock, handler);
              g_print ("Show All Technicians: built %.0f ms, painted %.0f ms, %u widgets in the board\n",
                       (run.ready_at - t0) / 1000.0, (run.painted_at - t0) / 1000.0,
                       count_widgets (GTK_WIDGET (run.board)));
            }
        }
      if (opt_shots != NULL && i == opt_runs - 1)
        {
          /* What a dispatcher sees at 400 technicians: the top of the
           * list, then its end and the schedule's after scrolling. */
          afs_test_save_screenshot (GTK_WIDGET (window), opt_shots, "bench-dispatch-top.png");
          {
            GtkWidget *panes[] = {
              afs_test_template_child (run.board, AFS_TYPE_DISPATCH_BOARD, "assign_pane"),
              gtk_widget_get_ancestor (afs_test_template_child (run.board, AFS_TYPE_DISPATCH_BOARD, "schedule_box"),
                                       GTK_TYPE_SCROLLED_WINDOW),
            };

            for (guint p = 0; p < G_N_ELEMENTS (panes); p++)
              {
                GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (panes[p]));

                gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
              }
          }
          afs_test_wait_frames (GTK_WIDGET (window), 3);
          afs_test_save_screenshot (GTK_WIDGET (window), opt_shots, "bench-dispatch-end.png");
        }
      gtk_window_destroy (GTK_WINDOW (window));
      afs_test_wait_ms (200);
    }

  g_array_sort (ready_ms, compare_double);
  g_array_sort (painted_ms, compare_double);
  g_print ("median of %d: switch → ready %.0f ms, switch → painted %.0f ms; %u widgets\n", opt_runs,
           g_array_index (ready_ms, double, ready_ms->len / 2),
           g_array_index (painted_ms, double, painted_ms->len / 2), widgets);

  g_clear_object (&context);
  g_clear_object (&store);
  if (!opt_keep)
    {
      const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *f = g_strconcat (path, suffixes[i], NULL);
          g_remove (f);
        }
      g_rmdir (dir);
    }
  else
    g_printerr ("kept %s\n", path);
  return 0;
}
