/* afs-case.h: one after-sales case as the UI and the rules see it.
 *
 * A plain GObject with properties (so list rows can bind to them). The
 * store fills it; it may start "unloaded" as a placeholder in a lazy list
 * and be filled later with afs_case_fill(), which notifies every property.
 */
#pragma once

#include <glib-object.h>
#include "afs-enums.h"

G_BEGIN_DECLS

#define AFS_TYPE_CASE (afs_case_get_type ())
G_DECLARE_FINAL_TYPE (AfsCase, afs_case, AFS, CASE, GObject)

/* A flat snapshot of a case row (plus the joined customer, equipment and
 * lead technician names the list shows). All strings owned by the struct;
 * free with afs_case_data_clear(). Times are unix seconds UTC; 0 = unset. */
typedef struct {
  gint64            local_id;      /* SQLite rowid: local only, never synced */
  char             *id;            /* UUIDv7 */
  char             *number;        /* AS-2026-000123 */
  AfsCaseState      state;
  AfsChannel        channel;
  AfsCategory       category;
  int               severity;      /* 0 = not graded, 1..4 */
  AfsScope          scope;
  char             *scope_reason;  /* why out of scope, for the customer */
  AfsWarrantyStatus warranty;
  AfsCause          cause;
  char             *responsible;   /* responsible party (free text or staff name) */
  char             *responsible_staff_id; /* staff UUID when our own error */
  char             *third_party_claim;    /* carrier / manufacturer claimed against, or NULL */
  char             *description;
  char             *contact_name;  /* contact for this case */
  char             *contact_phone;
  gint64            reported_at;
  gint64            respond_due;
  gint64            arrive_due;
  gint64            resolve_due;
  gint64            responded_at;  /* first response given (0 = not yet) */
  gint64            arrived_at;    /* technician first on site */
  gint64            resolved_at;
  gint64            closed_at;
  double            estimated_cost;  /* budget of the plan, in the company currency */
  double            compensation;    /* compensation offered */
  char             *customer_id;
  char             *customer_name;
  AfsRegionClass    region;
  AfsCustomerTier   tier;
  char             *equipment_id;
  char             *equipment_model;
  char             *serial;
  char             *lead_technician_id;
  char             *lead_technician;  /* name */
  gint64            created_at;
  gint64            updated_at;
  gint64            version;
  /* Office desk (issue 3). */
  double            quality_loss;      /* loss of a quality accident (DOMAIN.md 6) */
  char             *remote_resolution; /* level 4: how it was solved remotely */
  gint64            next_due;          /* the deadline that runs now, as stored (0 = none) */
  char             *customer_city;     /* for the dispatch board and suggestions */
  gboolean          approval_pending;  /* a request waits for a manager */
  gboolean          approval_granted;  /* an approval covers the current plan */
} AfsCaseData;

void      afs_case_data_clear (AfsCaseData *data);
void      afs_case_data_copy  (const AfsCaseData *src, AfsCaseData *dest);

AfsCase  *afs_case_new            (void);                 /* unloaded placeholder */
AfsCase  *afs_case_new_from_data  (const AfsCaseData *data);
/* Replace the contents and notify all properties (main thread only). */
void      afs_case_fill           (AfsCase *self, const AfsCaseData *data);
gboolean  afs_case_get_loaded     (AfsCase *self);
const AfsCaseData *afs_case_get_data (AfsCase *self);

/* Convenience getters (also exposed as GObject properties of the same name,
 * with '-' for '_': "number", "state", "severity", "customer-name",
 * "equipment-model", "serial", "description", "lead-technician",
 * "reported-at", "respond-due", "arrive-due", "resolve-due", "loaded"). */
gint64        afs_case_get_local_id        (AfsCase *self);
const char   *afs_case_get_id              (AfsCase *self);
const char   *afs_case_get_number          (AfsCase *self);
AfsCaseState  afs_case_get_state           (AfsCase *self);
int           afs_case_get_severity        (AfsCase *self);
const char   *afs_case_get_customer_name   (AfsCase *self);
const char   *afs_case_get_equipment_model (AfsCase *self);
const char   *afs_case_get_serial          (AfsCase *self);
const char   *afs_case_get_description     (AfsCase *self);
const char   *afs_case_get_lead_technician (AfsCase *self);
gint64        afs_case_get_reported_at     (AfsCase *self);
/* The deadline that matters now for the case's state (respond, then arrive,
 * then resolve), or 0 when the case is not open. */
gint64        afs_case_get_next_due        (AfsCase *self);

G_END_DECLS
