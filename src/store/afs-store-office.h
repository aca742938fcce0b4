/* afs-store-office.h: the store calls of the office desk (issue 3):
 * intake (customers as you type, duplicates, equipment by serial),
 * scope and warranty, dispatch (staff load, the board, planning,
 * reassigning, suggestions), approvals, part shipments, due-soon
 * notifications and quality escalations.
 *
 * Same rules as afs-store.h: every write is one transaction with its
 * audit event and outbox row, checked before anything is written; bad
 * input gets AFS_ERROR_INVALID with a message that says what to do. The
 * _async variants run on the store's worker thread (for what a screen
 * asks while the person types); their callbacks run in the caller's
 * main context; cancel them freely.
 *
 * No sqlite3.h here: the UI includes it.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-store.h"
#include "afs-customer-match.h"
#include "afs-dispatch.h"
#include "afs-warranty.h"

G_BEGIN_DECLS

/* ---- Customers (intake, DOMAIN.md 1) --------------------------------------- */

/* Customers whose name, city or address has a word starting with each
 * word of @text (accent- and case-insensitive), or whose phone number
 * starts with the digits of @text (any prefix: "601 2" finds
 * "+48 601 234 567"). By name. @limit 0 = 50. When more than 500
 * customers match (one typed letter), the rows shown are the first of
 * 500 found, by name: the next key narrows them.
 * Returns: (transfer full) (element-type AfsCustomerData): an empty array
 *   for blank @text; NULL with @error on failure. */
GPtrArray *afs_store_search_customers         (AfsStore     *self,
                                               const char   *text,
                                               guint         limit,
                                               GError      **error);
void       afs_store_search_customers_async   (AfsStore            *self,
                                               const char          *text,
                                               guint                limit,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray *afs_store_search_customers_finish  (AfsStore      *self,
                                               GAsyncResult  *result,
                                               GError       **error);

/* An existing customer that looks like the one being typed in. */
typedef struct {
  AfsCustomerData     customer;
  AfsDuplicateReason  reason;        /* flags */
  char               *reason_text;   /* afs_duplicate_reason_describe() */
} AfsCustomerDuplicate;

void       afs_customer_duplicate_free        (AfsCustomerDuplicate *dup);

/* The customers that @candidate duplicates by the rules of
 * afs-customer-match.h (same phone key, or same folded name + address).
 * @candidate->id, when set, is left out (editing that customer). Phone
 * matches first. Returns: (transfer full) (element-type AfsCustomerDuplicate). */
GPtrArray *afs_store_find_duplicate_customers (AfsStore               *self,
                                               const AfsCustomerData  *candidate,
                                               GError                **error);

/* Edit fields of a customer, like afs_store_update_case(). Editable:
 *   name contact_name phone email address city region tier
 * A rename re-indexes the customer's cases for search. (Moved here from
 * afs-store-private.h: the intake form edits customers.) */
gboolean   afs_store_update_customer          (AfsStore          *self,
                                               const char        *id,
                                               gint64             expected_version,
                                               const char *const *fields,
                                               const char *const *values,
                                               GError           **error);

/* ---- Equipment ------------------------------------------------------------- */

/* Edit fields of equipment, like afs_store_update_customer(). Editable:
 *   model serial production_date purchase_date installation_date warranty_end
 * The dates are checked together as afs_equipment_check_dates() does
 * (YYYY-MM-DD, not in the future, in order). One audit "field" event per
 * changed field on each open case of this equipment. */
gboolean   afs_store_update_equipment         (AfsStore          *self,
                                               const char        *id,
                                               gint64             expected_version,
                                               const char *const *fields,
                                               const char *const *values,
                                               GError           **error);

/* Equipment found by its serial or batch number. */
typedef struct {
  AfsEquipmentData  equipment;     /* model, production/purchase dates… */
  char             *customer_name;
  char             *customer_city;
  char             *customer_phone;
  gboolean          exact;         /* the whole number matched */
} AfsEquipmentHit;

void       afs_equipment_hit_free             (AfsEquipmentHit *hit);

/* Equipment whose serial equals @serial (exact, first) or starts with it,
 * ignoring case, spaces and dashes. @limit 0 = 20.
 * Returns: (transfer full) (element-type AfsEquipmentHit): empty for
 *   blank @serial. */
GPtrArray *afs_store_find_equipment           (AfsStore     *self,
                                               const char   *serial,
                                               guint         limit,
                                               GError      **error);
void       afs_store_find_equipment_async     (AfsStore            *self,
                                               const char          *serial,
                                               guint                limit,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray *afs_store_find_equipment_finish    (AfsStore      *self,
                                               GAsyncResult  *result,
                                               GError       **error);

/* A customer's equipment, newest first.
 * Returns: (transfer full) (element-type AfsEquipmentData). */
GPtrArray *afs_store_list_customer_equipment  (AfsStore     *self,
                                               const char   *customer_id,
                                               GError      **error);

/* afs_warranty_evaluate_at() for the case's equipment on the day the case
 * was reported (local time). A case without equipment is "unknown".
 * @months: the "warranty-months" setting (0 = default). */
gboolean   afs_store_evaluate_warranty        (AfsStore           *self,
                                               const char         *case_id,
                                               guint               months,
                                               AfsWarrantyResult  *out,
                                               GError            **error);

/* ---- Staff and dispatch (DOMAIN.md 7) ---------------------------------------- */

typedef struct {
  AfsStaffData  staff;              /* name, phone, service_area, skills… */
  guint         open_assignments;   /* current assignments on open cases */
} AfsStaffLoad;

void       afs_staff_load_free                (AfsStaffLoad *load);

/* Staff with their current load, by name. @role < 0: any role.
 * Returns: (transfer full) (element-type AfsStaffLoad). */
GPtrArray *afs_store_list_staff_load          (AfsStore     *self,
                                               int           role,
                                               gboolean      active_only,
                                               GError      **error);

/* The active technicians ranked for the case (afs_dispatch_suggest()),
 * best first, each with its translated reason; those already assigned are
 * left out. @limit 0 = all.
 * Returns: (transfer full) (element-type AfsDispatchSuggestion). */
GPtrArray *afs_store_suggest_technicians      (AfsStore     *self,
                                               const char   *case_id,
                                               guint         limit,
                                               GError      **error);

/* One assignment on the dispatch board. */
typedef struct {
  char         *assignment_id;
  char         *case_id;
  char         *case_number;
  char         *customer_name;
  char         *customer_city;
  char         *staff_id;
  char         *staff_name;
  gboolean      lead;
  AfsCaseState  case_state;
  int           severity;
  gint64        planned_start;      /* unix seconds */
  gint64        planned_end;
} AfsBoardEntry;

void       afs_board_entry_free               (AfsBoardEntry *entry);

/* Current assignments planned to overlap [@from, @to) (a day or a week,
 * unix seconds), of @staff_id or of everyone (NULL), by technician then
 * start. Assignments without a planned time are not on the board (see
 * afs_store_list_unplanned_assignments()).
 * Returns: (transfer full) (element-type AfsBoardEntry). */
GPtrArray *afs_store_list_board               (AfsStore     *self,
                                               gint64        from,
                                               gint64        to,
                                               const char   *staff_id,
                                               GError      **error);
void       afs_store_list_board_async         (AfsStore            *self,
                                               gint64               from,
                                               gint64               to,
                                               const char          *staff_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray *afs_store_list_board_finish        (AfsStore      *self,
                                               GAsyncResult  *result,
                                               GError       **error);

/* Current assignments on open cases that have no planned time yet, oldest
 * first: what the dispatcher still has to put on the board.
 * Returns: (transfer full) (element-type AfsBoardEntry). */
GPtrArray *afs_store_list_unplanned_assignments (AfsStore   *self,
                                                 GError    **error);

/* Plan when the assigned technician works on the case: @planned_end after
 * @planned_start, both set (or both 0 to clear the plan). Office and
 * managers only. Audit "assignment" event, field "planned". */
gboolean   afs_store_plan_assignment          (AfsStore     *self,
                                               const char   *assignment_id,
                                               gint64        planned_start,
                                               gint64        planned_end,
                                               GError      **error);

/* Hand the case over from @from_staff_id to @to_staff_id in one
 * transaction: the first assignment ends (unassigned_at, @reason kept as
 * its note), the second begins with the same lead flag and planned time
 * (a case keeps exactly one lead). @reason is required ("Why is the case
 * handed over?"). Audit "assignment" event, field "reassigned", old and
 * new technician names, @reason as the comment. */
gboolean   afs_store_reassign_technician      (AfsStore     *self,
                                               const char   *case_id,
                                               const char   *from_staff_id,
                                               const char   *to_staff_id,
                                               const char   *reason,
                                               GError      **error);

/* End one technician's assignment with a (required) reason. The lead of a
 * case that is dispatched or later cannot be removed alone: reassign, or
 * name another lead first. Audit "assignment", field "unassigned". */
gboolean   afs_store_unassign_technician      (AfsStore     *self,
                                               const char   *case_id,
                                               const char   *staff_id,
                                               const char   *reason,
                                               GError      **error);

/* ---- Approvals (DOMAIN.md 6) --------------------------------------------------- */

typedef enum {
  AFS_APPROVAL_PENDING,
  AFS_APPROVAL_APPROVED,
  AFS_APPROVAL_REJECTED,
} AfsApprovalDecision;

typedef struct {
  char                *id;
  char                *case_id;
  char                *case_number;
  char                *customer_name;
  char                *case_description;
  AfsCaseState         case_state;
  AfsCategory          category;
  int                  severity;
  double               estimated_cost;
  double               compensation;
  double               quality_loss;
  char                *reasons;          /* as stored: keys or the requester's words */
  char                *reasons_text;     /* translated: "Level 1, cost over the budget limit" */
  char                *requested_by_name;
  gint64               requested_at;
  AfsApprovalDecision  decision;
  char                *decided_by_name;
  gint64               decided_at;
  char                *comment;
  gboolean             stale;            /* the plan changed after the decision */
} AfsApprovalData;

void       afs_approval_data_free             (AfsApprovalData *data);

/* "Level 1, return, cost over the budget limit" for the machine keys the
 * store records (level_1 return exchange over_budget
 * compensation_over_limit, comma separated); other text is returned as
 * it is (the requester's own words). */
char      *afs_approval_reasons_describe      (const char *reasons);

/* The manager's queue: pending requests on cases awaiting approval,
 * oldest first. Returns: (transfer full) (element-type AfsApprovalData). */
GPtrArray *afs_store_list_pending_approvals   (AfsStore     *self,
                                               GError      **error);
/* Every request of a case and its decision, oldest first. */
GPtrArray *afs_store_list_case_approvals      (AfsStore     *self,
                                               const char   *case_id,
                                               GError      **error);

/* AFS_ACTION_REQUEST_APPROVAL plus an audit "approval" event (field
 * "requested", the reasons). @note (nullable) is the requester's words;
 * without it the reasons are the rule's keys. */
gboolean   afs_store_request_approval         (AfsStore     *self,
                                               const char   *case_id,
                                               const char   *note,
                                               GError      **error);
/* AFS_ACTION_APPROVE / AFS_ACTION_REJECT (managers; a rejection needs a
 * @comment) plus an audit "approval" event (field "decision", new value
 * "approved"/"rejected", the comment), in one transaction. */
gboolean   afs_store_decide_approval          (AfsStore     *self,
                                               const char   *case_id,
                                               gboolean      approve,
                                               const char   *comment,
                                               GError      **error);

/* ---- Part shipments (DOMAIN.md 10) ------------------------------------------ */

typedef struct {
  char    *id;                 /* NULL on input: made */
  char    *case_id;
  char    *case_number;        /* read only */
  char    *part;               /* part name or number: required */
  char    *model;              /* product model */
  double   quantity;           /* > 0 */
  char    *destination;        /* required */
  char    *carrier;
  char    *tracking_number;
  char    *shipped_date;       /* YYYY-MM-DD; NULL on input = today */
  gint64   shipped_at;         /* noon of that day, local; read only */
  gint64   created_at, version;
} AfsShipmentData;

void       afs_shipment_data_clear            (AfsShipmentData *data);
void       afs_shipment_data_free             (AfsShipmentData *data);

/* The checks afs_store_add_shipment() makes that need no database, for
 * the form as the person types: part and destination given, quantity
 * above 0, the date YYYY-MM-DD and not after @today. */
gboolean   afs_shipment_validate              (const AfsShipmentData *data,
                                               const GDate           *today,
                                               GError               **error);

/* Register a shipment against a case (office or manager). Refused too
 * when the date is before the day the case was reported. Audit
 * "shipment" event (new value "<quantity> × <part> → <destination>",
 * comment carrier + tracking number). */
gboolean   afs_store_add_shipment             (AfsStore               *self,
                                               const AfsShipmentData  *data,
                                               char                  **out_id,
                                               GError                **error);
/* Returns: (transfer full) (element-type AfsShipmentData), by date. */
GPtrArray *afs_store_list_case_shipments      (AfsStore     *self,
                                               const char   *case_id,
                                               GError      **error);
/* Shipments whose part, model, tracking number, carrier, destination or
 * case number contains @text (case-insensitive), newest first; blank
 * @text lists the newest. @limit 0 = 200. */
GPtrArray *afs_store_search_shipments         (AfsStore     *self,
                                               const char   *text,
                                               guint         limit,
                                               GError      **error);
void       afs_store_search_shipments_async   (AfsStore            *self,
                                               const char          *text,
                                               guint                limit,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray *afs_store_search_shipments_finish  (AfsStore      *self,
                                               GAsyncResult  *result,
                                               GError       **error);

/* ---- Due soon and escalations -------------------------------------------------- */

typedef struct {
  gint64        local_id;
  char         *case_id;
  char         *number;
  char         *customer_name;
  AfsCaseState  state;
  int           severity;
  gint64        due;           /* the case's next deadline */
} AfsDueSoon;

void       afs_due_soon_free                  (AfsDueSoon *item);

/* Open cases whose next deadline falls within @hours from now (store
 * clock), or passed less than @hours ago (while the app was closed), and
 * that have not been notified for that deadline yet, soonest first. Cases
 * overdue for longer are not news: the list's overdue filter shows them. */
GPtrArray *afs_store_list_due_soon            (AfsStore     *self,
                                               guint         hours,
                                               GError      **error);
/* Remember that the desktop was told about @case_id's deadline @due, so
 * it is not told again (a new deadline is told again). Local to this
 * file: not synced, not in the audit trail. */
gboolean   afs_store_mark_due_notified        (AfsStore     *self,
                                               const char   *case_id,
                                               gint64        due,
                                               GError      **error);

/* DOMAIN.md 6: "Quality accidents over a loss threshold (002: 20 000
 * yuan) escalate to management." Cases whose quality_loss is over the
 * store's approval policy threshold, biggest loss first.
 * Returns: (transfer full) (element-type AfsCaseData), free func set. */
GPtrArray *afs_store_list_quality_escalations (AfsStore     *self,
                                               GError      **error);

G_END_DECLS
