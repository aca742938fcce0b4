/* afs-store.h: the case store: one SQLite file, its schema, its rules.
 *
 * Every write is one transaction that also writes the audit trail and the
 * sync outbox, and runs the workflow rules (afs-workflow.h) before it
 * changes anything: no screen and no later sync can break them.
 *
 * Thread safety: an AfsStore may be used from any thread. It owns one
 * write connection and one read connection (WAL lets readers run while a
 * write is in progress), each guarded by its own mutex. The _async
 * variants run on the store's single worker thread; the UI uses those and
 * never blocks its main loop on SQLite.
 *
 * This header does not include sqlite3.h, on purpose: the UI includes it.
 */
#pragma once

#include <gio/gio.h>
#include "afs-case.h"
#include "afs-deadline.h"
#include "afs-records.h"
#include "afs-workflow.h"

G_BEGIN_DECLS

#define AFS_TYPE_STORE (afs_store_get_type ())
G_DECLARE_FINAL_TYPE (AfsStore, afs_store, AFS, STORE, GObject)

/* The schema version this build writes. Migrations are numbered 1..N. */
int        afs_store_schema_version_latest (void);

/* Open (creating if missing) and migrate. Before any migration of an
 * existing file, a copy is made with the SQLite backup API next to it as
 * "<path>.v<old>-<timestamp>.bak". Errors (AFS_ERROR):
 *   CORRUPT  - not a database, or integrity check failed;
 *   TOO_NEW  - written by a newer AfterSales (its schema version is higher);
 *   IO       - cannot read/create the file or its folder;
 *   BUSY     - locked by another process.
 * The messages name the file and say what to do. The file is never
 * modified when opening fails. */
AfsStore  *afs_store_open          (const char *path, GError **error);
const char *afs_store_get_path     (AfsStore *self);
int        afs_store_get_schema_version (AfsStore *self);
/* This installation's device id (UUIDv7, made once when the file is created). */
const char *afs_store_get_device_id (AfsStore *self);

/* Backups of @db_path made before migrations, newest first (full paths). */
GPtrArray *afs_store_list_backups  (const char *db_path);
/* Put @backup_path in place of @db_path. The file being replaced is never
 * deleted: it is renamed to "<db_path>.damaged-<timestamp>" first. */
gboolean   afs_store_restore_backup (const char *db_path,
                                     const char *backup_path,
                                     GError    **error);

/* Who is acting: written to the audit trail, and checked by the rules. */
void       afs_store_set_actor     (AfsStore   *self,
                                    const char *staff_id,
                                    const char *name,
                                    AfsRole     role);
AfsRole    afs_store_get_actor_role (AfsStore *self);

typedef gint64 (*AfsClockFunc) (gpointer user_data);   /* unix seconds */
/* Replace the clock (tests and the demo generator travel in time). */
void       afs_store_set_clock     (AfsStore *self, AfsClockFunc func, gpointer user_data);
gint64     afs_store_now           (AfsStore *self);

void       afs_store_set_deadline_policy (AfsStore *self, const AfsDeadlinePolicy *policy);
void       afs_store_get_deadline_policy (AfsStore *self, AfsDeadlinePolicy *policy);
void       afs_store_set_approval_policy (AfsStore *self, const AfsApprovalPolicy *policy);
void       afs_store_get_approval_policy (AfsStore *self, AfsApprovalPolicy *policy);

/* Group many writes in one transaction (the demo generator, imports).
 * Calls nest. end_batch(commit=FALSE) rolls everything back. */
gboolean   afs_store_begin_batch   (AfsStore *self, GError **error);
gboolean   afs_store_end_batch     (AfsStore *self, gboolean commit, GError **error);

/* ---- Customers, equipment, staff --------------------------------------- */

/* Insert (data->id NULL: a new UUIDv7 is made and returned in *out_id). */
gboolean   afs_store_add_customer  (AfsStore *self, const AfsCustomerData *data, char **out_id, GError **error);
gboolean   afs_store_add_equipment (AfsStore *self, const AfsEquipmentData *data, char **out_id, GError **error);
gboolean   afs_store_add_staff     (AfsStore *self, const AfsStaffData *data, char **out_id, GError **error);

gboolean   afs_store_get_customer  (AfsStore *self, const char *id, AfsCustomerData *out, GError **error);
gboolean   afs_store_get_equipment (AfsStore *self, const char *id, AfsEquipmentData *out, GError **error);
gboolean   afs_store_get_staff     (AfsStore *self, const char *id, AfsStaffData *out, GError **error);
/* All staff, by name; role < 0: any role. Elements: AfsStaffData*. */
GPtrArray *afs_store_list_staff    (AfsStore *self, int role, GError **error);

/* ---- Cases ---------------------------------------------------------------- */

typedef struct {
  const char  *customer_id;      /* required */
  const char  *equipment_id;     /* may be NULL (consultation) */
  AfsChannel   channel;
  AfsCategory  category;
  const char  *description;      /* required, non-empty */
  const char  *contact_name;
  const char  *contact_phone;
  gint64       reported_at;      /* 0 = now */
} AfsCaseInput;

/* Register a case (DOMAIN.md 1): gives it its number at once, computes the
 * deadlines (DOMAIN.md 5) from reported_at, the customer's region class and
 * severity, writes the audit "created" event and the outbox row. */
gboolean   afs_store_create_case   (AfsStore            *self,
                                    const AfsCaseInput  *input,
                                    char               **out_id,
                                    GError             **error);

gboolean   afs_store_get_case      (AfsStore *self, const char *id, AfsCaseData *out, GError **error);

/* Edit fields of a case by name. @fields and @values are parallel
 * NULL-terminated arrays; values are strings in the stored form (enum keys
 * from afs-enums.h, numbers in C locale, NULL to clear). Editable fields:
 *   channel category severity scope scope_reason warranty cause
 *   responsible responsible_staff_id third_party_claim description
 *   contact_name contact_phone estimated_cost compensation quality_loss
 *   remote_resolution responded_at
 * Changing severity/category recomputes the deadlines. @expected_version
 * (>0) guards against editing a case someone else changed meanwhile
 * (AFS_ERROR_CONFLICT). One audit "field" event per changed field; fields
 * whose value does not change are not written. */
gboolean   afs_store_update_case   (AfsStore          *self,
                                    const char        *id,
                                    gint64             expected_version,
                                    const char *const *fields,
                                    const char *const *values,
                                    GError           **error);

/* Gather the facts the rules need, as they are now. */
gboolean   afs_store_get_case_facts (AfsStore *self, const char *id, AfsCaseFacts *out, GError **error);

/* Take an action (afs-workflow.h) as the current actor. The rules are
 * checked inside the transaction; nothing is written when they refuse.
 * @reason: the reason or comment (required by some actions). */
gboolean   afs_store_apply_action  (AfsStore    *self,
                                    const char  *case_id,
                                    AfsAction    action,
                                    const char  *reason,
                                    GError     **error);

gboolean   afs_store_assign_technician (AfsStore *self, const char *case_id, const char *staff_id,
                                        gboolean lead, GError **error);
GPtrArray *afs_store_list_assignments  (AfsStore *self, const char *case_id, GError **error);

/* Save (insert or replace) the case's current repair report. Once signed
 * (signed_at != 0 stored) it can no longer be changed (AFS_ERROR_FORBIDDEN). */
gboolean   afs_store_save_report   (AfsStore *self, const AfsReportData *report, GError **error);
gboolean   afs_store_get_report    (AfsStore *self, const char *case_id, AfsReportData *out, GError **error);

gboolean   afs_store_add_follow_up (AfsStore *self, const AfsFollowUpData *follow_up, GError **error);

/* The audit trail of one case, oldest first. Elements: AfsAuditEvent*. */
GPtrArray *afs_store_list_audit    (AfsStore *self, const char *case_id, GError **error);

/* ---- Lists and search ----------------------------------------------------- */

typedef enum {
  AFS_CASE_SORT_NEWEST,     /* reported_at descending */
  AFS_CASE_SORT_DUE,        /* next_due ascending, cases without one last */
} AfsCaseSort;

typedef struct {
  const char  *search;        /* text as typed; NULL/"" = no search (FTS5, prefix match) */
  guint32      state_mask;    /* bit (1 << AfsCaseState); 0 = any state */
  int          severity;      /* 0 = any */
  const char  *technician_id; /* assigned to this staff member; NULL = any */
  gboolean     overdue_only;  /* next_due < now */
  gint64       now;           /* for overdue; 0 = store clock */
  AfsCaseSort  sort;
  guint        limit;         /* 0 = no limit */
} AfsCaseFilter;

/* The local ids of the matching cases, in order (gint64 elements). Cheap
 * enough for a million rows; the list model then loads pages by id. */
GArray    *afs_store_query_case_ids (AfsStore *self, const AfsCaseFilter *filter, GError **error);
void       afs_store_query_case_ids_async  (AfsStore *self, const AfsCaseFilter *filter,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
GArray    *afs_store_query_case_ids_finish (AfsStore *self, GAsyncResult *result, GError **error);

/* Load cases by local id, in the given order. Elements: AfsCaseData*
 * (free with afs_case_data_clear + g_free; the array has that free func).
 * Ids that no longer exist are skipped. */
GPtrArray *afs_store_load_cases     (AfsStore *self, const gint64 *local_ids, guint n, GError **error);
void       afs_store_load_cases_async  (AfsStore *self, const gint64 *local_ids, guint n,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *afs_store_load_cases_finish (AfsStore *self, GAsyncResult *result, GError **error);

/* Counts per state (array of AFS_CASE_STATE_N) and of overdue open cases. */
gboolean   afs_store_count_cases   (AfsStore *self, guint counts[AFS_CASE_STATE_N], guint *overdue, GError **error);

G_END_DECLS
