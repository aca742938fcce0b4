/* afs-store-impl.h: the AfsStore struct and the helpers shared by the
 * files that implement it (afs-store.c: opening, batches, settings;
 * afs-store-journal.c: audit trail and outbox; afs-store-rows.c: rows
 * and their outbox rows written from one list of columns, rows read by
 * key; afs-store-people.c: customers, equipment, staff;
 * afs-store-cases.c: cases and workflow; afs-store-search.c: lists,
 * search, async). Only those files include it.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-db.h"
#include "afs-store.h"
#include "afs-store-private.h"

G_BEGIN_DECLS

struct _AfsStore
{
  GObject            parent_instance;

  char              *path;
  char              *device_id;
  int                schema_version;

  AfsDb             *wdb;        /* writes, and reads inside a write */
  AfsDb             *rdb;        /* reads outside a batch; the worker */

  /* Guards the settings below, which any thread may change. */
  GMutex             props_lock;
  char              *actor_id;
  char              *actor_name;
  AfsRole            actor_role;
  AfsClockFunc       clock_func;
  gpointer           clock_data;
  AfsDeadlinePolicy  deadline_policy;
  AfsApprovalPolicy  approval_policy;

  /* Guarded by the write connection's lock. */
  gboolean           outbox_enabled;
  /* The hybrid logical clock of outbox rows (afs-hlc.h), loaded at the
   * first change (afs-store-sync.c). */
  struct _AfsHlc    *hlc;
  /* Cases whose search index row must be rewritten before the outermost
   * commit (SearchQueueEntry). Index writes wait until then because
   * FTS5 flushes its pending data to disk at every savepoint, which made
   * every call inside a batch write a tiny index segment. */
  GArray            *search_queue;
  /* Where afs-store-rows.c builds its SQL: reused, so the millions of
   * writes of the demo generator allocate nothing for it. */
  GString           *sql_scratch;
  guint              batch_depth;
  /* The thread that has a batch open (atomic): its reads must see its
   * own uncommitted writes, so they go to the write connection. */
  gpointer           batch_thread;

  /* The single worker of the _async calls. */
  GThreadPool       *pool;
  gpointer           worker_thread;   /* atomic */
};

/* One write in progress: the lock is held and a transaction (or, inside a
 * batch, a savepoint) is open. Everything the write stores about "who"
 * and "when" is taken once, at the start. */
typedef struct
{
  AfsStore          *store;
  AfsDb             *db;
  gint64             now;
  char              *actor_id;       /* NULL when no staff record */
  char              *actor_name;
  AfsRole            role;
  AfsDeadlinePolicy  deadline_policy;
  AfsApprovalPolicy  approval_policy;
} AfsWrite;

gboolean  afs_store_write_begin (AfsStore *self, AfsWrite *w, GError **error);
/* Commits when @ok, else rolls back; unlocks. Returns whether the write
 * is kept. */
gboolean  afs_store_write_end   (AfsWrite *w, gboolean ok, GError **error);

/* Rewrite the search index row of @local_id before this write commits
 * (at the end of the batch, inside one). */
void      afs_store_queue_reindex (AfsWrite *w, gint64 local_id);
/* The same for every case @sql selects (its local_id first) with @key
 * bound to ?1: a record whose text is in its cases' index rows (a
 * customer's name, an equipment's serial) changed. */
gboolean  afs_store_queue_reindex_cases (AfsWrite    *w,
                                         const char  *sql,
                                         const char  *key,
                                         GError     **error);

/* The connection for a read outside a write, locked. */
AfsDb    *afs_store_lock_reader   (AfsStore *self);
void      afs_store_unlock_reader (AfsStore *self, AfsDb *db);

/* Runs @func on the store's worker thread, with the read connection's
 * statements interrupted when the task's cancellable fires. */
typedef void (*AfsStoreJobFunc) (AfsStore *self, GTask *task, gpointer task_data,
                                 GCancellable *cancellable);
void      afs_store_run_in_worker (AfsStore *self, GTask *task, AfsStoreJobFunc func);
/* Makes long statements on @db stop (SQLITE_INTERRUPT) once @cancellable
 * is cancelled; NULL removes it. The caller holds @db's lock. */
void      afs_store_db_set_cancellable (AfsDb *db, GCancellable *cancellable);

/* ---- Values: what a column holds, for binding, comparing, the audit
 * trail and the outbox JSON ---------------------------------------------- */

typedef enum {
  AFS_VALUE_NULL,
  AFS_VALUE_TEXT,
  AFS_VALUE_INT,
  AFS_VALUE_REAL,
} AfsValueKind;

typedef struct {
  AfsValueKind  kind;
  const char   *text;
  gint64        i;
  double        d;
} AfsValue;

static inline AfsValue
afs_value_null (void)
{
  AfsValue v = { AFS_VALUE_NULL, NULL, 0, 0 };
  return v;
}

static inline AfsValue
afs_value_text (const char *text)
{
  AfsValue v = { text != NULL ? AFS_VALUE_TEXT : AFS_VALUE_NULL, text, 0, 0 };
  return v;
}

static inline AfsValue
afs_value_int (gint64 i)
{
  AfsValue v = { AFS_VALUE_INT, NULL, i, 0 };
  return v;
}

/* Times: 0 means unset and is stored as NULL. */
static inline AfsValue
afs_value_time (gint64 t)
{
  AfsValue v = { t != 0 ? AFS_VALUE_INT : AFS_VALUE_NULL, NULL, t, 0 };
  return v;
}

static inline AfsValue
afs_value_real (double d)
{
  AfsValue v = { AFS_VALUE_REAL, NULL, 0, d };
  return v;
}

gboolean  afs_value_equal     (const AfsValue *a, const AfsValue *b);
/* As text for the audit trail; NULL for NULL. */
char     *afs_value_to_string (const AfsValue *v);
/* Text is bound without a copy: it must stay valid until the statement
 * is stepped and released (these are bound millions of times). */
void      afs_value_bind      (sqlite3_stmt *stmt, int idx, const AfsValue *v);
/* The column's value; text points into the statement (valid until the
 * next step or reset). */
AfsValue  afs_value_column    (sqlite3_stmt *stmt, int col);
/* The same with text copied and kept in @texts (a GPtrArray freeing its
 * elements), so it outlives the statement. */
AfsValue  afs_value_column_copy (sqlite3_stmt *stmt, int col, GPtrArray *texts);

/* The "changes" JSON object of an outbox row:
 *   {"field": {"old": <value|null>, "new": <value|null>}, ...} */
typedef struct {
  GString *json;
} AfsChanges;

/* Builds nothing while the outbox is off: the demo generator's million
 * cases need no JSON. */
void      afs_changes_init    (AfsChanges *changes, AfsWrite *w);
void      afs_changes_add     (AfsChanges *changes, const char *field,
                               AfsValue old_value, AfsValue new_value);
/* For inserts: "old" is null. */
void      afs_changes_add_new (AfsChanges *changes, const char *field, AfsValue new_value);
void      afs_changes_clear   (AfsChanges *changes);
/* Appends @text as a JSON string (or null) to @out. */
void      afs_json_append_string (GString *out, const char *text);

/* Appends the outbox row for a change of @table_name row @row_id, in the
 * write's transaction; does nothing while the outbox is off. Clears
 * @changes. */
gboolean  afs_store_outbox_add (AfsWrite    *w,
                                const char  *table_name,
                                const char  *row_id,
                                const char  *op,
                                AfsChanges  *changes,
                                GError     **error);

/* The next HLC for an outbox row (afs-store-sync.c); the caller holds
 * the write lock inside a transaction. NULL with @error set when the
 * persisted clock cannot be read. */
char     *afs_store_sync_next_hlc (AfsWrite *w, GError **error);
/* The next case number of @year for this device: from a block the
 * server leased (afs_store_sync_add_number_block()) while one has
 * numbers left, else from this file's own sequence. */
gboolean  afs_store_take_case_number (AfsWrite *w, int year, gint64 *seq, GError **error);

/* Appends an audit event (and its outbox row). */
gboolean  afs_store_audit_add  (AfsWrite    *w,
                                const char  *case_id,
                                const char  *kind,
                                const char  *field,
                                const char  *old_value,
                                const char  *new_value,
                                const char  *comment,
                                GError     **error);

/* ---- Shared checks --------------------------------------------------------- */

/* Empty text is stored as NULL: @text, or NULL for NULL or "". */
static inline const char *
afs_store_empty_to_null (const char *text)
{
  return (text != NULL && *text != '\0') ? text : NULL;
}

/* NULL-safe: whether @text has something other than white space. */
gboolean  afs_store_text_is_blank (const char *text);
/* Sets AFS_ERROR_INVALID unless @id is NULL (a new id will be made) or a UUID. */
gboolean  afs_store_check_id      (const char *id, GError **error);
/* Sets AFS_ERROR_INVALID if @text is not UTF-8. @what names the field. */
gboolean  afs_store_check_utf8    (const char *text, const char *what, GError **error);

/* ---- Cases, shared by afs-store-cases.c and afs-store-search.c ------------ */

/* The columns afs_store_read_case_row() reads, with the joins it needs
 * (customer, equipment, lead technician); add a WHERE. */
#define AFS_CASE_SELECT \
  "SELECT c.local_id, c.id, c.number, c.state, c.channel, c.category, c.severity," \
  "       c.scope, c.scope_reason, c.warranty, c.cause, c.responsible," \
  "       c.responsible_staff_id, c.third_party_claim, c.description," \
  "       c.contact_name, c.contact_phone, c.reported_at, c.respond_due," \
  "       c.arrive_due, c.resolve_due, c.responded_at, c.arrived_at," \
  "       c.resolved_at, c.closed_at, c.estimated_cost, c.compensation," \
  "       c.customer_id, cu.name, cu.region, cu.tier, c.equipment_id, e.model," \
  "       e.serial, l.staff_id, s.name, c.created_at, c.updated_at, c.version," \
  "       c.quality_loss, c.remote_resolution, c.next_due, cu.city," \
  "       EXISTS (SELECT 1 FROM approvals p WHERE p.case_id = c.id AND p.decision = 'pending'" \
  "                  AND p.stale = 0 AND p.deleted_at IS NULL)," \
  "       EXISTS (SELECT 1 FROM approvals p WHERE p.case_id = c.id AND p.decision = 'approved'" \
  "                  AND p.stale = 0 AND p.deleted_at IS NULL)" \
  "  FROM cases c" \
  "  JOIN customers cu ON cu.id = c.customer_id" \
  "  LEFT JOIN equipment e ON e.id = c.equipment_id" \
  "  LEFT JOIN assignments l ON l.rowid = (SELECT a.rowid FROM assignments a" \
  "        WHERE a.case_id = c.id AND a.lead = 1 AND a.unassigned_at IS NULL" \
  "          AND a.deleted_at IS NULL ORDER BY a.assigned_at DESC LIMIT 1)" \
  "  LEFT JOIN staff s ON s.id = l.staff_id"

void      afs_store_read_case_row (sqlite3_stmt *stmt, AfsCaseData *out);

G_END_DECLS
