/* afs-bench.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "afs-bench.h"
#include "afs-case-row.h"

/* Rows swept screen by screen from the top (every row is shown), then
 * this many evenly spaced positions from the top to the last row.
 * GtkListView (4.8) binds up to 200 rows around where it shows, so each
 * far jump makes the model load about four pages, not one. */
#define SWEEP_ROWS       3000
#define SPREAD_POSITIONS 4000
/* A position whose rows are not painted loaded after this long is
 * counted as a stall and left; the figures say how many there were. */
#define STALL_US         (20 * G_USEC_PER_SEC)

typedef struct {
  AfsWindow        *window;
  GtkWidget        *list_view;
  GtkAdjustment    *vadj;
  AfsCaseListModel *model;
  GdkFrameClock    *clock;
  GSourceFunc       done;
  gpointer          user_data;

  gboolean          planned;      /* FALSE until the full list was painted */
  gulong            loading_handler;
  gulong            page_handler;
  gulong            paint_handler;
  guint             watchdog;

  GArray           *fractions;    /* double: where each position is, 0 … 1 */
  guint             n_sweep;      /* the first n_sweep fractions are the sweep */
  guint             step;
  gint64            step_started;
  gint64            started;
  GArray           *step_ms;      /* double */
  guint             n_rows;
  guint             stalls;
  guint64           rows_loaded;  /* filled by page loads; a reloaded page counts again */
  guint64           rows_shown;   /* distinct cases painted loaded */
  GArray           *shown;        /* guint8 bit set by local id */
  long              start_peak_kb;
} Bench;

static long
peak_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;       /* KiB on Linux */
}

/* A "Name:   N kB" line of /proc/self/status (RssAnon, RssFile, VmHWM). */
static long
status_kb (const char *name)
{
  g_autofree char *text = NULL;
  g_autofree char *key = g_strconcat ("\n", name, ":", NULL);
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL) ||
      (line = strstr (text, key)) == NULL)
    return -1;
  return strtol (line + strlen (key), NULL, 10);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint rank;

  if (sorted->len == 0)
    return 0;
  rank = (guint) (p / 100.0 * sorted->len + 0.999999);
  return g_array_index (sorted, double, CLAMP (rank, 1, sorted->len) - 1);
}

/* Calls @func on each case row of the list that is at least partly inside
 * the viewport; stops and returns FALSE when @func does. */
static gboolean
foreach_visible_row (Bench    *b,
                     gboolean (*func) (Bench *b, AfsCase *kase),
                     guint    *n_visible)
{
  int height = gtk_widget_get_height (b->list_view);
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (b->list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;
      GtkWidget *row;

      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child))
        continue;
      if (!gtk_widget_compute_bounds (child, b->list_view, &bounds))
        continue;
      if (bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= height)
        continue;

      row = gtk_widget_get_first_child (child);
      if (!AFS_IS_CASE_ROW (row))
        continue;
      n++;
      if (!func (b, afs_case_row_get_case (AFS_CASE_ROW (row))))
        return FALSE;
    }

  if (n_visible != NULL)
    *n_visible = n;
  return TRUE;
}

static gboolean
row_is_loaded (Bench   *b,
               AfsCase *kase)
{
  return kase != NULL && afs_case_get_loaded (kase);
}

static gboolean
mark_shown (Bench   *b,
            AfsCase *kase)
{
  gint64 id = afs_case_get_local_id (kase);
  guint byte;

  if (id < 0 || id / 8 >= G_MAXUINT)
    return TRUE;
  byte = (guint) (id / 8);
  if (byte >= b->shown->len)
    g_array_set_size (b->shown, MAX (byte + 1, b->shown->len * 2));
  if ((g_array_index (b->shown, guint8, byte) & (1u << (id % 8))) == 0)
    {
      g_array_index (b->shown, guint8, byte) |= 1u << (id % 8);
      b->rows_shown++;
    }
  return TRUE;
}

static void
finish (Bench *b)
{
  gint64 elapsed_ms = (g_get_monotonic_time () - b->started) / 1000;

  g_clear_signal_handler (&b->paint_handler, b->clock);
  g_clear_signal_handler (&b->page_handler, b->model);
  g_clear_handle_id (&b->watchdog, g_source_remove);

  g_array_sort (b->step_ms, compare_double);

  g_print ("scroll-rows: %u\n", b->n_rows);
  g_print ("scroll-positions: %u\n", b->step);
  g_print ("scroll-sweep-positions: %u\n", b->n_sweep);
  g_print ("scroll-ms: %" G_GINT64_FORMAT "\n", elapsed_ms);
  g_print ("scroll-step-p50-ms: %.1f\n", percentile (b->step_ms, 50));
  g_print ("scroll-step-p95-ms: %.1f\n", percentile (b->step_ms, 95));
  g_print ("scroll-step-max-ms: %.1f\n",
           b->step_ms->len > 0 ? g_array_index (b->step_ms, double, b->step_ms->len - 1) : 0.0);
  g_print ("scroll-stalls: %u\n", b->stalls);
  g_print ("rows-loaded: %" G_GUINT64_FORMAT "\n", b->rows_loaded);
  g_print ("rows-shown: %" G_GUINT64_FORMAT "\n", b->rows_shown);
  g_print ("cached-pages: %u\n", afs_case_list_model_get_n_cached_pages (b->model));
  g_print ("first-frame-peak-rss-kb: %ld\n", b->start_peak_kb);
  /* Where the memory is now: the process's own (anonymous) pages, and
   * mapped files (libraries, fonts), which other processes may share. */
  g_print ("rss-anon-kb: %ld\n", status_kb ("RssAnon"));
  g_print ("rss-file-kb: %ld\n", status_kb ("RssFile"));
  g_print ("peak-rss-kb: %ld\n", peak_rss_kb ());
  fflush (stdout);

  b->done (b->user_data);

  g_clear_object (&b->clock);
  g_clear_object (&b->vadj);
  g_clear_object (&b->list_view);
  g_clear_object (&b->model);
  g_clear_object (&b->window);
  g_array_unref (b->fractions);
  g_array_unref (b->step_ms);
  g_array_unref (b->shown);
  g_free (b);
}

static void
go_to_step (Bench *b)
{
  double lower = gtk_adjustment_get_lower (b->vadj);
  double upper = gtk_adjustment_get_upper (b->vadj);
  double page = gtk_adjustment_get_page_size (b->vadj);
  double f = g_array_index (b->fractions, double, b->step);
  double value;

  /* The sweep moves a screen at a time through rows, so it is placed by
   * rows; the spread covers the scrollable range, ending at the bottom.
   * The height of rows not yet measured is GTK's estimate, which is why
   * this is recomputed at each step. */
  if (b->step < b->n_sweep)
    value = lower + f * (upper - lower);
  else
    value = lower + f * (upper - lower - page);

  b->step_started = g_get_monotonic_time ();
  gtk_adjustment_set_value (b->vadj, MIN (value, upper - page));
  /* A frame even when the value did not change. */
  gtk_widget_queue_draw (b->list_view);
}

static void plan_and_start (Bench *b);

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *b)
{
  guint n_visible = 0;

  if (!b->planned)
    {
      /* The list view's range is the full list's once it was laid out
       * with it: plan the positions from that frame on. */
      b->planned = TRUE;
      plan_and_start (b);
      return;
    }
  if (b->step_started == 0)
    return;

  if (!foreach_visible_row (b, row_is_loaded, &n_visible) || n_visible == 0)
    return;       /* placeholders on screen: their page will come */

  foreach_visible_row (b, mark_shown, NULL);
  g_array_append_vals (b->step_ms,
                       &(double) { (g_get_monotonic_time () - b->step_started) / 1000.0 }, 1);

  if (++b->step % 500 == 0)
    /* A million rows take minutes: show that it moves. */
    g_printerr ("bench: %u of %u positions, %.0f s\n", b->step, b->fractions->len,
                (g_get_monotonic_time () - b->started) / (double) G_USEC_PER_SEC);

  if (b->step >= b->fractions->len)
    {
      b->step_started = 0;
      /* Not from inside the frame clock's signal. */
      g_idle_add_once ((GSourceOnceFunc) finish, b);
      return;
    }
  go_to_step (b);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  Bench *b = user_data;
  gint64 waited;

  if (b->step_started == 0)
    return G_SOURCE_CONTINUE;

  waited = g_get_monotonic_time () - b->step_started;
  if (waited > STALL_US)
    {
      g_printerr ("bench: position %u of %u did not show loaded rows in %d s\n",
                  b->step, b->fractions->len, (int) (STALL_US / G_USEC_PER_SEC));
      b->stalls++;
      if (++b->step >= b->fractions->len)
        {
          b->step_started = 0;
          b->watchdog = 0;      /* this source ends by returning REMOVE */
          finish (b);
          return G_SOURCE_REMOVE;
        }
      go_to_step (b);
    }
  else if (waited > G_USEC_PER_SEC)
    /* Nothing asked for a frame: ask. */
    gtk_widget_queue_draw (b->list_view);

  return G_SOURCE_CONTINUE;
}

static void
on_page_loaded (AfsCaseListModel *model,
                guint             position,
                guint             n_items,
                Bench            *b)
{
  b->rows_loaded += n_items;
}

static void
plan_and_start (Bench *b)
{
  double upper = gtk_adjustment_get_upper (b->vadj) - gtk_adjustment_get_lower (b->vadj);
  double page = gtk_adjustment_get_page_size (b->vadj);
  double row_height = b->n_rows > 0 ? upper / b->n_rows : 1;
  guint per_screen = MAX (1, (guint) (page / MAX (row_height, 1)));
  guint sweep = MIN (b->n_rows, SWEEP_ROWS);
  guint spread = MIN (SPREAD_POSITIONS, (b->n_rows + per_screen - 1) / per_screen);

  for (guint row = 0; row < sweep; row += per_screen)
    g_array_append_vals (b->fractions, &(double) { (double) row / b->n_rows }, 1);
  b->n_sweep = b->fractions->len;
  for (guint i = 0; i < spread; i++)
    g_array_append_vals (b->fractions,
                         &(double) { spread > 1 ? (double) i / (spread - 1) : 0.0 }, 1);

  b->page_handler = g_signal_connect (b->model, "page-loaded", G_CALLBACK (on_page_loaded), b);
  b->watchdog = g_timeout_add (250, watchdog_cb, b);

  b->started = g_get_monotonic_time ();
  b->step = 0;
  go_to_step (b);
}

static void
on_loading_changed (AfsCaseListModel *model,
                    GParamSpec       *pspec,
                    Bench            *b)
{
  if (afs_case_list_model_get_loading (model))
    return;

  g_clear_signal_handler (&b->loading_handler, model);
  b->n_rows = g_list_model_get_n_items (G_LIST_MODEL (model));
  if (b->n_rows == 0)
    {
      finish (b);
      return;
    }
  b->paint_handler = g_signal_connect (b->clock, "after-paint", G_CALLBACK (on_after_paint), b);
  gtk_widget_queue_draw (b->list_view);
}

void
afs_bench_scroll (AfsWindow   *window,
                  GSourceFunc  done,
                  gpointer     user_data)
{
  Bench *b;
  AfsCaseFilter filter;
  g_autofree char *search = NULL;
  g_autofree char *technician = NULL;

  g_return_if_fail (AFS_IS_WINDOW (window));
  g_return_if_fail (done != NULL);

  b = g_new0 (Bench, 1);
  b->window = g_object_ref (window);
  b->model = g_object_ref (afs_window_get_case_list (window));
  /* The window keeps its list view private; its template names it. */
  b->list_view = GTK_WIDGET (g_object_ref (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                          AFS_TYPE_WINDOW,
                                                                          "list_view")));
  b->vadj = g_object_ref (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (b->list_view)));
  b->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (window)));
  b->done = done;
  b->user_data = user_data;
  b->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  b->step_ms = g_array_new (FALSE, FALSE, sizeof (double));
  b->shown = g_array_new (FALSE, TRUE, sizeof (guint8));
  b->start_peak_kb = peak_rss_kb ();

  /* The whole list is every case, not only the open ones the window
   * starts with: the same query as "All states" in the filter. The
   * model's strings are copied first: set_filter() frees them. */
  afs_case_list_model_get_filter (b->model, &filter);
  search = g_strdup (filter.search);
  technician = g_strdup (filter.technician_id);
  filter.search = search;
  filter.technician_id = technician;
  filter.state_mask = 0;

  b->loading_handler = g_signal_connect (b->model, "notify::loading",
                                         G_CALLBACK (on_loading_changed), b);
  afs_case_list_model_set_filter (b->model, &filter);
}
