/* afs-deadline.h: service deadlines (DOMAIN.md 5).
 *
 * "answer within 24 h (4 h for major questions); arrive within 4 h locally,
 *  24 h in the province, 48 h outside it, 5 days in remote areas; resolve
 *  complaints within 72 h. Deadlines run from intake and are visible."
 *
 * Deadlines are absolute instants: intake time + a duration in hours.
 * Computed on unix seconds (UTC), so they are right across midnight,
 * daylight-saving changes and time zones; only display converts to local.
 */
#pragma once

#include <glib.h>
#include "afs-enums.h"

G_BEGIN_DECLS

typedef struct {
  int respond_hours;            /* 24 */
  int respond_major_hours;      /* 4: severity 1 ("major questions") */
  int arrive_hours[AFS_REGION_N]; /* local 4, province 24, outside 48, remote 120 */
  int resolve_complaint_hours;  /* 72 */
  int resolve_hours;            /* other categories: arrive deadline + this (48) */
  int due_soon_hours;           /* "due soon" window for highlighting (4) */
} AfsDeadlinePolicy;

/* The DOMAIN.md defaults. */
void afs_deadline_policy_init_defaults (AfsDeadlinePolicy *policy);

typedef struct {
  gint64 respond_due;   /* unix seconds */
  gint64 arrive_due;    /* 0 when no visit is planned (level 4: solved remotely) */
  gint64 resolve_due;
} AfsDeadlines;

/* reported_at: unix seconds. severity 0 (not graded) is treated as 3. */
void afs_deadline_compute (const AfsDeadlinePolicy *policy,
                           gint64                   reported_at,
                           AfsRegionClass           region,
                           int                      severity,
                           AfsCategory              category,
                           AfsDeadlines            *out);

typedef enum {
  AFS_DUE_NONE,      /* no deadline */
  AFS_DUE_OK,
  AFS_DUE_SOON,      /* within policy->due_soon_hours */
  AFS_DUE_OVERDUE,
} AfsDueStatus;

AfsDueStatus afs_deadline_status (const AfsDeadlinePolicy *policy, gint64 due, gint64 now);

/* The deadline that matters now: respond until responded, then arrive until
 * a technician arrived (if a visit is planned), then resolve until
 * resolved; 0 for a case that is not open (closed, cancelled, out of scope,
 * resolved). The store keeps this in cases.next_due for sorting and the
 * "overdue" filter. */
gint64 afs_deadline_next_due (AfsCaseState state,
                              gint64 respond_due, gint64 responded_at,
                              gint64 arrive_due,  gint64 arrived_at,
                              gint64 resolve_due, gint64 resolved_at);

/* "3 h 20 min left", "2 d 4 h left", "overdue by 5 h" (translated). */
char *afs_deadline_format_left (gint64 due, gint64 now);

G_END_DECLS
