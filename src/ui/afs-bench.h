/* afs-bench.h: --bench-scroll, the list benchmark in the real window.
 *
 * Only tests/bench/bench-ui uses this; the app itself never calls it. It
 * prints machine-readable lines ("name: value"), never translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-window.h"

G_BEGIN_DECLS

/* Show every case (all states) in @window's list, then scroll its
 * GtkListView from top to bottom: a contiguous sweep over the first
 * rows, then evenly spaced positions down to the last row. At each
 * position it waits until a painted frame shows the rows there loaded.
 * Then it prints scroll-rows, scroll-positions, scroll-ms, scroll-step
 * percentiles, rows-loaded, rows-shown, stalls and peak-rss-kb (getrusage
 * ru_maxrss) to stdout and calls @done. Call it once the window has shown
 * its first frame of rows. */
void afs_bench_scroll (AfsWindow   *window,
                       GSourceFunc  done,
                       gpointer     user_data);

G_END_DECLS
