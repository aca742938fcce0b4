/* afs-case-list-model.h: a lazy GListModel of AfsCase.
 *
 * It never loads every row: a filter change asks the store for the ordered
 * ids of the matching cases (8 bytes each), n_items is their count, and
 * get_item() hands out placeholders that are filled when their page of
 * rows arrives from the store's worker thread. At most a bounded number of
 * pages stays in memory (least recently used ones are dropped).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "afs-store.h"

G_BEGIN_DECLS

#define AFS_CASE_LIST_PAGE_SIZE    50
#define AFS_CASE_LIST_MAX_PAGES    40
#define AFS_CASE_LIST_SEARCH_LIMIT 500

#define AFS_TYPE_CASE_LIST_MODEL (afs_case_list_model_get_type ())
G_DECLARE_FINAL_TYPE (AfsCaseListModel, afs_case_list_model, AFS, CASE_LIST_MODEL, GObject)

AfsCaseListModel *afs_case_list_model_new        (AfsStore *store);

/* Copies @filter (its strings too) and runs the query; the previous query
 * is cancelled. filter->limit is ignored: the model limits searches to
 * AFS_CASE_LIST_SEARCH_LIMIT matches and lists everything else. */
void     afs_case_list_model_set_filter          (AfsCaseListModel    *self,
                                                  const AfsCaseFilter *filter);
/* The filter in use; its strings belong to the model. */
void     afs_case_list_model_get_filter          (AfsCaseListModel    *self,
                                                  AfsCaseFilter       *out);
/* Run the same query again (cases were written): rows that did not move
 * keep their objects and are refreshed in place. */
void     afs_case_list_model_reload              (AfsCaseListModel    *self);

gboolean afs_case_list_model_get_loading         (AfsCaseListModel    *self);
/* TRUE when a search hit AFS_CASE_LIST_SEARCH_LIMIT. */
gboolean afs_case_list_model_get_limit_reached   (AfsCaseListModel    *self);
/* TRUE once the first query came back (even with no rows). */
gboolean afs_case_list_model_get_ready           (AfsCaseListModel    *self);
/* The position of the case with this local id, or G_MAXUINT. */
guint    afs_case_list_model_find                (AfsCaseListModel    *self,
                                                  gint64               local_id);
gint64   afs_case_list_model_get_local_id        (AfsCaseListModel    *self,
                                                  guint                position);
/* How many pages of objects are cached now (for tests and benchmarks). */
guint    afs_case_list_model_get_n_cached_pages  (AfsCaseListModel    *self);

G_END_DECLS
