/* afs-store-private.h: store API for the rest of the store layer (the
 * demo generator, imports) and its tests; not for the UI.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-store.h"
#include "afs-store-office.h"

G_BEGIN_DECLS

/* Whether writes append to the sync outbox (default TRUE). The demo
 * company is data "already synced": generating it must not leave a
 * million changes waiting to be pushed. Takes the write lock, so it is
 * safe between batches from any thread; it applies to the writes that
 * start after it. */
void       afs_store_set_outbox_enabled (AfsStore *self,
                                         gboolean  enabled);
gboolean   afs_store_get_outbox_enabled (AfsStore *self);

/* afs_store_open() with another busy timeout (milliseconds; the default
 * is 5000), so tests of a locked file do not wait five seconds. */
AfsStore  *afs_store_open_full          (const char *path,
                                         int         busy_timeout_ms,
                                         GError    **error);

/* Files up to this size get a full PRAGMA quick_check on every open;
 * bigger ones only when they were not closed cleanly or are about to be
 * migrated (default 256 MiB; -1 restores it). Process-wide, for tests. */
void       afs_store_set_full_check_max_bytes (gint64 max_bytes);

/* afs_store_update_customer() is public now, in afs-store-office.h. */

/* Number of rows in the outbox (changes not yet pushed). */
gint64     afs_store_count_outbox       (AfsStore *self,
                                         GError  **error);

/* The FTS5 expression afs_store_query_case_ids() runs for @text, or NULL
 * when @text holds nothing to search for. Exposed for tests. */
char      *afs_store_build_search_query (const char *text);

G_END_DECLS
