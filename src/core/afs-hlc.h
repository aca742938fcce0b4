/* afs-hlc.h: hybrid logical clocks (docs/sync-protocol.md "Ids, numbering,
 * clocks"). Every change carries one; for state-like fields the later
 * one wins (DOMAIN.md and the issue: "state-like fields by last writer").
 *
 * Text form: "<wall ms, 13 digits>-<counter, 4 hex>-<node id>", so that
 * comparing two HLCs as strings orders them (wall time, then counter,
 * then node as a tie-break). A clock never goes backwards: it takes
 * max(wall clock, last issued, last seen), and moves past every HLC
 * it is shown (afs_hlc_observe()).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Largest counter before the clock borrows a millisecond from the future. */
#define AFS_HLC_COUNTER_MAX 0xffff

typedef struct _AfsHlc AfsHlc;

/* A clock for @node_id (a device id), starting after @last (the last HLC
 * this node issued or saw, persisted by the caller; NULL or "" for none). */
AfsHlc     *afs_hlc_new       (const char *node_id,
                               const char *last);
void        afs_hlc_free      (AfsHlc *hlc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsHlc, afs_hlc_free)

/* The next HLC for a local event at wall time @now_ms (unix ms; <= 0:
 * the real clock). Strictly greater than every HLC issued or observed. */
char       *afs_hlc_tick      (AfsHlc *hlc,
                               gint64  now_ms);
/* Move past @remote (an HLC pulled from the server). Invalid text is
 * ignored and returns FALSE. */
gboolean    afs_hlc_observe   (AfsHlc     *hlc,
                               const char *remote,
                               gint64      now_ms);
/* The greatest HLC issued or observed so far, for persisting ("" when none). */
char       *afs_hlc_last      (AfsHlc *hlc);

/* Parse the text form; @node may be NULL. */
gboolean    afs_hlc_parse     (const char  *text,
                               gint64      *wall_ms,
                               guint       *counter,
                               char       **node);
char       *afs_hlc_format    (gint64      wall_ms,
                               guint       counter,
                               const char *node);
/* strcmp order, NULL first. */
int         afs_hlc_compare   (const char *a,
                               const char *b);

G_END_DECLS
