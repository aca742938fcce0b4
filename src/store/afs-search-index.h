/* afs-search-index.h: the full-text index of cases (FTS5 table case_fts):
 * what text goes in, and how typed text becomes a safe query.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "afs-db.h"

G_BEGIN_DECLS

/* The FTS5 table, created by migration 3. The rowid is cases.local_id. */
#define AFS_SEARCH_CREATE_SQL \
  "CREATE VIRTUAL TABLE case_fts USING fts5 (" \
  "  number, customer, serial, body," \
  "  tokenize = 'unicode61 remove_diacritics 2'," \
  "  prefix = '2 3'," \
  "  columnsize = 0" \
  ")"

/* Appends @text prepared for the tokenizer: Han and kana characters
 * each made a word of their own, letters the tokenizer does not fold
 * (Polish ł) folded. */
void      afs_search_append_text  (GString *out, const char *text);

/* Write (or rewrite) the index row of one case. @report_text is the
 * diagnosis and actions of its reports. The caller holds the write lock
 * inside a transaction. */
gboolean  afs_search_index_case   (AfsDb       *db,
                                   gint64       local_id,
                                   const char  *number,
                                   const char  *customer_name,
                                   const char  *serial,
                                   const char  *description,
                                   const char  *report_text,
                                   gboolean     replace,
                                   GError     **error);

/* Re-read a case (and its customer, equipment, reports) and rewrite its
 * index row. */
gboolean  afs_search_reindex_case (AfsDb *db, gint64 local_id, GError **error);

/* Index every case; for the migration that creates the index. */
gboolean  afs_search_index_all    (AfsDb *db, GError **error);

/* The FTS5 MATCH expression for what a person typed, or NULL when it
 * holds nothing to search for. Every word is quoted, so no input is ever
 * FTS5 syntax; the last word matches as a prefix. */
char     *afs_search_build_query  (const char *text);

G_END_DECLS
