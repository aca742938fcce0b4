/* afs-records.h: plain records for the things around a case (customers,
 * equipment, staff, assignments, audit events, reports, follow-ups).
 * Strings are owned by the struct; each has a _clear() that frees them.
 * Times are unix seconds UTC (0 = unset); dates are "YYYY-MM-DD" strings.
 */
#pragma once

#include <glib.h>
#include "afs-enums.h"

G_BEGIN_DECLS

typedef struct {
  char            *id;          /* UUIDv7; NULL on input = generate */
  char            *name;
  char            *contact_name;
  char            *phone;
  char            *email;
  char            *address;
  char            *city;
  AfsRegionClass   region;
  AfsCustomerTier  tier;
  gint64           created_at, updated_at, version;
} AfsCustomerData;

typedef struct {
  char   *id;
  char   *customer_id;
  char   *model;
  char   *serial;             /* serial or batch number */
  char   *production_date;    /* YYYY-MM-DD or NULL */
  char   *purchase_date;
  char   *installation_date;
  char   *warranty_end;       /* last day covered, YYYY-MM-DD */
  gint64  created_at, updated_at, version;
} AfsEquipmentData;

typedef struct {
  char    *id;
  char    *name;
  char    *phone;
  char    *service_area;      /* free text: "Kraków", "浦东", ... */
  char    *skills;            /* comma-separated */
  double   hourly_rate;
  AfsRole  role;
  gboolean active;
  gint64   created_at, updated_at, version;
} AfsStaffData;

typedef struct {
  char     *id;
  char     *case_id;
  char     *staff_id;
  char     *staff_name;       /* joined, read-only */
  gboolean  lead;
  gint64    assigned_at;
  gint64    planned_start;    /* 0 = not planned */
  gint64    planned_end;
  char     *note;
} AfsAssignmentData;

/* One line of the audit trail: who changed what, when (DOMAIN.md
 * "Everything is recorded and can be found again"). */
typedef struct {
  char    *id;
  char    *case_id;
  gint64   at;
  char    *actor_id;         /* staff UUID, or NULL for the system */
  char    *actor_name;
  char    *kind;             /* "created", "field", "transition", "assignment", "report", "follow_up", "approval", "note" */
  char    *field;            /* for "field": the column name */
  char    *old_value;
  char    *new_value;
  char    *comment;          /* reason given, if any */
} AfsAuditEvent;

/* The repair report as far as the workflow needs it (DOMAIN.md 8-9);
 * the full report screen extends it. */
typedef struct {
  char     *id;
  char     *case_id;
  char     *diagnosis;
  char     *actions;
  char     *outcome;          /* "fixed", "temporary", "not_fixable" */
  char     *customer_opinion;
  char     *signer_name;
  gint64    signed_at;        /* 0 = not signed */
  gboolean  accepted;         /* customer accepted the result */
  gint64    created_at, updated_at, version;
} AfsReportData;

typedef struct {
  char   *id;
  char   *case_id;
  gint64  at;
  char   *channel;            /* "phone", "visit", ... */
  int     satisfaction;       /* 1..5, 0 = not asked */
  char   *note;
  gboolean problem_found;     /* DOMAIN.md 11: a problem found reopens a case */
} AfsFollowUpData;

void afs_customer_data_clear   (AfsCustomerData   *data);
void afs_equipment_data_clear  (AfsEquipmentData  *data);
void afs_staff_data_clear      (AfsStaffData      *data);
void afs_assignment_data_clear (AfsAssignmentData *data);
void afs_audit_event_clear     (AfsAuditEvent     *event);
void afs_report_data_clear     (AfsReportData     *data);
void afs_follow_up_data_clear  (AfsFollowUpData   *data);

/* Heap versions for GPtrArray: free the strings and the struct. */
void afs_customer_data_free   (AfsCustomerData   *data);
void afs_equipment_data_free  (AfsEquipmentData  *data);
void afs_staff_data_free      (AfsStaffData      *data);
void afs_assignment_data_free (AfsAssignmentData *data);
void afs_audit_event_free     (AfsAuditEvent     *event);

G_END_DECLS
