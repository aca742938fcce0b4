/* afs-store-sync.h: what sync needs from the store (docs/sync-client.md).
 *
 * The rules it keeps (SYNC-NOTES.md lists the systems that broke them):
 * - outbox rows are deleted only up to the number the server
 *   acknowledged, in one transaction;
 * - a pulled page and its cursor are stored in one transaction: a crash
 *   loses both or neither, so the next pull asks for the same page;
 * - a pulled field whose own local change is not yet acknowledged is
 *   not overwritten (the push that follows lets the server decide);
 * - rows leaving this device's scope are removed, never the outbox;
 * - a conflict's resolution is an ordinary change, which syncs.
 *
 * This header does not include sqlite3.h: the screens use the conflict
 * and pending lists.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-store.h"

G_BEGIN_DECLS

/* ---- Account and cursor ------------------------------------------------ */

/* The single sync_state row. Strings owned; clear with
 * afs_sync_account_clear(). */
typedef struct {
  char   *server_url;     /* NULL before the first sign-in */
  char   *user_name;
  char   *staff_id;
  char   *role;           /* "technician", "office", ... */
  char   *server_id;
  gint64  cursor;         /* pull cursor: the last server_seq stored */
  gint64  acked_seq;      /* the last outbox number the server acknowledged */
  char   *hlc;            /* the last HLC issued or seen ("" for none) */
  gint64  last_sync_at;   /* unix seconds, 0 = never */
} AfsSyncAccount;

void      afs_sync_account_clear        (AfsSyncAccount *account);
gboolean  afs_store_sync_get_account    (AfsStore *self, AfsSyncAccount *out, GError **error);
/* Stores who signed in where. Signing in to another server (or as
 * another user) resets the cursor to 0, so that user's scope is pulled
 * from the start; the outbox is kept. @server_last_seq (the sign-in
 * reply's `last_seq`; 0 when unknown) is noted as by
 * afs_store_sync_note_server_seq(), in the same transaction. */
gboolean  afs_store_sync_set_account    (AfsStore   *self,
                                         const char *server_url,
                                         const char *user_name,
                                         const char *staff_id,
                                         const char *role,
                                         const char *server_id,
                                         gint64      server_last_seq,
                                         GError    **error);
gboolean  afs_store_sync_set_last_sync  (AfsStore *self, gint64 unix_time, GError **error);
/* The server has applied this device's changes up to @last_seq (sign-in
 * reply): new changes are numbered after it, so a device restored from an
 * old backup never reuses a number the server already applied. */
gboolean  afs_store_sync_note_server_seq (AfsStore *self, gint64 last_seq, GError **error);
/* Start pulling this scope again from 0 (cursor_ahead); keeps the outbox. */
gboolean  afs_store_sync_reset_cursor   (AfsStore *self, GError **error);

/* ---- Outbox -------------------------------------------------------------- */

typedef struct {
  gint64  seq;
  char   *table_name;
  char   *row_id;
  char   *op;             /* insert / update / delete */
  char   *hlc;
  char   *changes;        /* JSON {"field": {"old": v, "new": v}, ...} */
  gint64  created_at;
} AfsOutboxEntry;

void       afs_outbox_entry_free        (AfsOutboxEntry *entry);

/* The first @limit outbox rows after @after_seq, in order. Elements:
 * AfsOutboxEntry*. */
GPtrArray *afs_store_sync_outbox_batch  (AfsStore *self, gint64 after_seq, guint limit, GError **error);
/* The server acknowledged every change up to @acked_seq: delete exactly
 * those rows (and remember the number) in one transaction. @n_deleted:
 * (optional) how many were deleted. */
gboolean   afs_store_sync_ack           (AfsStore *self, gint64 acked_seq, guint *n_deleted, GError **error);
/* Outbox rows plus photos the server has not confirmed. */
gint64     afs_store_sync_pending_count (AfsStore *self, GError **error);

/* One change not yet sent, for the sign-out question. */
typedef struct {
  gint64  seq;
  char   *table_name;
  char   *row_id;
  char   *op;
  char   *case_number;    /* the case it belongs to, when known */
  gint64  created_at;
  char   *reason;         /* refused changes: the server's reason */
  /* Refused changes only (afs_store_list_refused()): */
  gint64  refused_id;     /* names it for afs_store_dismiss_refused() */
  char   *changes;        /* what was written, as queued (JSON; a report
                           * draft: {"body": "<GKeyFile text>"}) */
  gint64  refused_at;
} AfsPendingChange;

void       afs_pending_change_free      (AfsPendingChange *change);
/* Every change not yet acknowledged, oldest first (AfsPendingChange*). */
GPtrArray *afs_store_list_pending       (AfsStore *self, GError **error);
/* The server refused change @seq for good (403 out_of_scope: the case
 * was reassigned while this device worked offline). In one transaction
 * it moves to sync_refused with @reason, and the later changes are
 * numbered one lower, so the rest of the work is not blocked. Nothing
 * is deleted. */
gboolean   afs_store_sync_set_aside     (AfsStore *self, gint64 seq, const char *reason,
                                         GError **error);
/* The server found change @from_seq's number used already (409
 * seq_reused: this database was put back from an older backup). In one
 * transaction the changes before it, which the server has, are removed,
 * @from_seq and the later ones are numbered from @expected on, in their
 * order, and the next change is numbered after them. Nothing else is
 * deleted. */
gboolean   afs_store_sync_renumber      (AfsStore *self, gint64 from_seq, gint64 expected,
                                         GError **error);
gint64     afs_store_sync_refused_count (AfsStore *self, GError **error);
/* The refused changes, for a person (AfsPendingChange* with reason). */
GPtrArray *afs_store_list_refused       (AfsStore *self, GError **error);
/* The person read a set-aside change (and copied what they needed) and
 * wants it gone: deletes it from this computer for good, in one
 * transaction. It never reached the office, so nothing is sent.
 * AFS_ERROR_NOT_FOUND when it is no longer there. */
gboolean   afs_store_dismiss_refused    (AfsStore *self, gint64 refused_id, GError **error);
/* Sign-out after the user agreed to drop them: empties the outbox. */
gboolean   afs_store_sync_discard_outbox (AfsStore *self, GError **error);

/* ---- Pull ---------------------------------------------------------------- */

typedef struct {
  gint64      server_seq;
  const char *table_name;
  const char *row_id;
  const char *op;          /* insert / update / delete / upsert / evict */
  const char *hlc;         /* may be NULL */
  const char *fields;      /* JSON object {"field": value}; NULL for evict */
} AfsPulledChange;

typedef struct {
  guint applied;           /* changes stored */
  guint kept_pending;      /* fields not overwritten: a local change waits */
  guint evicted;           /* rows removed: out of scope */
  guint conflicts;         /* conflict rows stored */
} AfsPullStats;

/* Stores one pulled page and @cursor in one transaction. Unknown tables
 * or fields refuse the whole page (the schema was negotiated). @stats:
 * (optional) what was done. */
gboolean  afs_store_sync_apply_pulled   (AfsStore              *self,
                                         const AfsPulledChange *changes,
                                         guint                  n_changes,
                                         gint64                 cursor,
                                         AfsPullStats          *stats,
                                         GError               **error);

/* ---- Blobs (photos by SHA-256) ---------------------------------------------- */

/* SHA-256s of photos whose blob the server has not confirmed, oldest
 * first (char* elements). */
GPtrArray *afs_store_sync_unconfirmed_blobs (AfsStore *self, GError **error);
gboolean   afs_store_sync_confirm_blob   (AfsStore *self, const char *sha256, gint64 size, GError **error);
/* The server says it lacks @sha256 after all (restored from a backup):
 * send it again. */
gboolean   afs_store_sync_unconfirm_blob (AfsStore *self, const char *sha256, GError **error);
/* SHA-256s of every photo on this device (char* elements), to fetch the
 * ones whose file is missing. */
GPtrArray *afs_store_sync_photo_blobs    (AfsStore *self, GError **error);
gboolean   afs_store_sync_blob_confirmed (AfsStore *self, const char *sha256, gboolean *confirmed, GError **error);

/* ---- Case number blocks ----------------------------------------------------- */

/* The server leased numbers @first..@last of @year to this device.
 * Idempotent. New cases take their numbers from the blocks first. */
gboolean  afs_store_sync_add_number_block (AfsStore *self, int year, gint64 first, gint64 last, GError **error);
/* Numbers left in this year's blocks. */
gint64    afs_store_sync_numbers_left     (AfsStore *self, int year, GError **error);

/* ---- Conflicts ---------------------------------------------------------------- */

typedef enum {
  AFS_CONFLICT_MINE,       /* keep the value this side wrote */
  AFS_CONFLICT_THEIRS,     /* keep the other side's value */
  AFS_CONFLICT_EDITED,     /* a value the person typed */
} AfsConflictChoice;

/* One conflict; values are JSON text (a number stays a number: "12.5",
 * text is quoted) and the _display copies are plain text for people. */
typedef struct {
  char   *id;
  char   *table_name;
  char   *row_id;
  char   *field;
  char   *case_id;
  char   *case_number;     /* NULL when the case is not on this device */
  char   *kind;            /* "edit" or "delete" (an edit against a delete) */
  char   *base_display;
  char   *mine_display;
  char   *theirs_display;
  char   *mine_user;
  char   *theirs_user;
  char   *resolution;      /* NULL while open */
  gint64  created_at;
  gint64  resolved_at;
} AfsConflict;

void       afs_conflict_free            (AfsConflict *conflict);
/* Open conflicts (resolved ones too when @include_resolved), newest first. */
GPtrArray *afs_store_list_conflicts     (AfsStore *self, gboolean include_resolved, GError **error);
gint64     afs_store_count_open_conflicts (AfsStore *self, GError **error);
/* Writes the chosen value into the field (an ordinary change: audit,
 * outbox) and marks the conflict resolved (which syncs too), in one
 * transaction. @edited_value: the typed value for AFS_CONFLICT_EDITED, in
 * the stored form (like afs_store_update_case()). */
gboolean   afs_store_resolve_conflict   (AfsStore          *self,
                                         const char        *conflict_id,
                                         AfsConflictChoice  choice,
                                         const char        *edited_value,
                                         GError           **error);

/* ---- Convergence ---------------------------------------------------------------- */

/* SHA-256 (hex) per synchronised table over all its rows (tombstones too) in a
 * canonical form: rows by id, columns by name, local-only columns left
 * out. Two devices with the same data for a scope have equal hashes; the
 * fault tests compare them with the server's. */
GHashTable *afs_store_sync_table_hashes (AfsStore *self, GError **error);

G_END_DECLS
