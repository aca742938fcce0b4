/* afs-enums.h: the closed vocabularies of an after-sales case.
 *
 * Every enum has a stable string key (what the database and the sync
 * protocol store; never translated, never renumbered) and a translated
 * label for people.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The case lifecycle, DOMAIN.md "The lifecycle of one case". */
typedef enum {
  AFS_CASE_STATE_NEW,               /* 1. intake recorded, number given */
  AFS_CASE_STATE_TRIAGED,           /* 2.+3. scope, warranty, grade, cause set */
  AFS_CASE_STATE_AWAITING_APPROVAL, /* 6. waits for a manager */
  AFS_CASE_STATE_APPROVED,          /* 6. manager approved the plan */
  AFS_CASE_STATE_DISPATCHED,        /* 7. technician(s) assigned, lead named */
  AFS_CASE_STATE_ON_SITE,           /* 8. technician arrived */
  AFS_CASE_STATE_SECOND_VISIT,      /* 9. not accepted: a second visit is planned */
  AFS_CASE_STATE_RESOLVED,          /* 9. report signed and accepted (or level 4 solved remotely) */
  AFS_CASE_STATE_CLOSED,            /* 11.+12. followed up and archived */
  AFS_CASE_STATE_OUT_OF_SCOPE,      /* 2. not an after-sales case; reason recorded */
  AFS_CASE_STATE_CANCELLED,         /* withdrawn by the customer; reason recorded */
  AFS_CASE_STATE_N
} AfsCaseState;

typedef enum {
  AFS_CHANNEL_PHONE,
  AFS_CHANNEL_LETTER,
  AFS_CHANNEL_EMAIL,
  AFS_CHANNEL_VISIT,
  AFS_CHANNEL_ONLINE,
  AFS_CHANNEL_N
} AfsChannel;

typedef enum {
  AFS_CATEGORY_REPAIR,
  AFS_CATEGORY_RETURN,
  AFS_CATEGORY_EXCHANGE,
  AFS_CATEGORY_COMPLAINT,
  AFS_CATEGORY_CONSULTATION,
  AFS_CATEGORY_INSTALLATION,
  AFS_CATEGORY_N
} AfsCategory;

/* DOMAIN.md 5: arrival deadlines depend on where the customer is. */
typedef enum {
  AFS_REGION_LOCAL,
  AFS_REGION_PROVINCE,
  AFS_REGION_OUTSIDE,
  AFS_REGION_REMOTE,
  AFS_REGION_N
} AfsRegionClass;

typedef enum {
  AFS_TIER_REGULAR,
  AFS_TIER_KEY,
  AFS_TIER_N
} AfsCustomerTier;

typedef enum {
  AFS_ROLE_TECHNICIAN,
  AFS_ROLE_OFFICE,
  AFS_ROLE_MANAGER,
  AFS_ROLE_QUALITY,
  AFS_ROLE_N
} AfsRole;

typedef enum {
  AFS_WARRANTY_UNKNOWN,
  AFS_WARRANTY_IN,      /* "three guarantees": repair, return, replacement free of charge */
  AFS_WARRANTY_OUT,     /* chargeable: quote first */
  AFS_WARRANTY_N
} AfsWarrantyStatus;

/* DOMAIN.md 3 / 001 §2.2: the cause of the problem. */
typedef enum {
  AFS_CAUSE_UNKNOWN,
  AFS_CAUSE_PRODUCT_QUALITY,
  AFS_CAUSE_PRODUCT_CHANGE,
  AFS_CAUSE_STAFF_ERROR,
  AFS_CAUSE_SERVICE_DISPUTE,
  AFS_CAUSE_TRANSPORT_DAMAGE,
  AFS_CAUSE_INSTALLATION_OURS,
  AFS_CAUSE_INSTALLATION_CUSTOMER,
  AFS_CAUSE_OTHER,
  AFS_CAUSE_N
} AfsCause;

/* Severity is an int 1..4 (DOMAIN.md 3, 001 §2.1); 0 means not graded yet. */
#define AFS_SEVERITY_NONE 0
#define AFS_SEVERITY_MIN  1
#define AFS_SEVERITY_MAX  4

/* Scope decision (DOMAIN.md 2): not decided yet, in scope, out of scope. */
typedef enum {
  AFS_SCOPE_UNDECIDED,
  AFS_SCOPE_IN,
  AFS_SCOPE_OUT,
  AFS_SCOPE_N
} AfsScope;

const char *afs_case_state_to_string   (AfsCaseState state);
gboolean    afs_case_state_from_string (const char *str, AfsCaseState *out);
const char *afs_case_state_get_label   (AfsCaseState state);
gboolean    afs_case_state_is_open     (AfsCaseState state);

const char *afs_channel_to_string   (AfsChannel channel);
gboolean    afs_channel_from_string (const char *str, AfsChannel *out);
const char *afs_channel_get_label   (AfsChannel channel);

const char *afs_category_to_string   (AfsCategory category);
gboolean    afs_category_from_string (const char *str, AfsCategory *out);
const char *afs_category_get_label   (AfsCategory category);

const char *afs_region_class_to_string   (AfsRegionClass region);
gboolean    afs_region_class_from_string (const char *str, AfsRegionClass *out);
const char *afs_region_class_get_label   (AfsRegionClass region);

const char *afs_customer_tier_to_string   (AfsCustomerTier tier);
gboolean    afs_customer_tier_from_string (const char *str, AfsCustomerTier *out);
const char *afs_customer_tier_get_label   (AfsCustomerTier tier);

const char *afs_role_to_string   (AfsRole role);
gboolean    afs_role_from_string (const char *str, AfsRole *out);
const char *afs_role_get_label   (AfsRole role);

const char *afs_warranty_status_to_string   (AfsWarrantyStatus status);
gboolean    afs_warranty_status_from_string (const char *str, AfsWarrantyStatus *out);
const char *afs_warranty_status_get_label   (AfsWarrantyStatus status);

const char *afs_cause_to_string   (AfsCause cause);
gboolean    afs_cause_from_string (const char *str, AfsCause *out);
const char *afs_cause_get_label   (AfsCause cause);

const char *afs_scope_to_string   (AfsScope scope);
gboolean    afs_scope_from_string (const char *str, AfsScope *out);
const char *afs_scope_get_label   (AfsScope scope);

/* "Level 1" … "Level 4", or "Not graded" for 0. */
const char *afs_severity_get_label       (int severity);
/* The definition from 001 §2.1, for where a severity is chosen. */
const char *afs_severity_get_description (int severity);

G_END_DECLS
