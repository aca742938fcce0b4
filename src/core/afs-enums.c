/* afs-enums.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-enums.h"

/* Each vocabulary is one table indexed by the enum value: the key is what
 * the database and the sync protocol store (lowercase enum name, never
 * translated, never renumbered), the label is for people. Labels carry a
 * translation context because short words like "Return" or "Visit" are a
 * noun here and a verb elsewhere in the UI. */
typedef struct {
  const char *key;
  const char *context;
  const char *label;
} EnumEntry;

static const EnumEntry case_states[] = {
  [AFS_CASE_STATE_NEW]               = { "new", "case state", NC_("case state", "New") },
  [AFS_CASE_STATE_TRIAGED]           = { "triaged", "case state", NC_("case state", "Triaged") },
  [AFS_CASE_STATE_AWAITING_APPROVAL] = { "awaiting_approval", "case state", NC_("case state", "Awaiting approval") },
  [AFS_CASE_STATE_APPROVED]          = { "approved", "case state", NC_("case state", "Approved") },
  [AFS_CASE_STATE_DISPATCHED]        = { "dispatched", "case state", NC_("case state", "Dispatched") },
  [AFS_CASE_STATE_ON_SITE]           = { "on_site", "case state", NC_("case state", "On site") },
  [AFS_CASE_STATE_SECOND_VISIT]      = { "second_visit", "case state", NC_("case state", "Second visit") },
  [AFS_CASE_STATE_RESOLVED]          = { "resolved", "case state", NC_("case state", "Resolved") },
  [AFS_CASE_STATE_CLOSED]            = { "closed", "case state", NC_("case state", "Closed") },
  [AFS_CASE_STATE_OUT_OF_SCOPE]      = { "out_of_scope", "case state", NC_("case state", "Out of scope") },
  [AFS_CASE_STATE_CANCELLED]         = { "cancelled", "case state", NC_("case state", "Cancelled") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (case_states) == AFS_CASE_STATE_N);

static const EnumEntry channels[] = {
  [AFS_CHANNEL_PHONE]  = { "phone", "intake channel", NC_("intake channel", "Phone") },
  [AFS_CHANNEL_LETTER] = { "letter", "intake channel", NC_("intake channel", "Letter") },
  [AFS_CHANNEL_EMAIL]  = { "email", "intake channel", NC_("intake channel", "Email") },
  [AFS_CHANNEL_VISIT]  = { "visit", "intake channel", NC_("intake channel", "Visit") },
  [AFS_CHANNEL_ONLINE] = { "online", "intake channel", NC_("intake channel", "Online") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (channels) == AFS_CHANNEL_N);

static const EnumEntry categories[] = {
  [AFS_CATEGORY_REPAIR]       = { "repair", "case category", NC_("case category", "Repair") },
  [AFS_CATEGORY_RETURN]       = { "return", "case category", NC_("case category", "Return") },
  [AFS_CATEGORY_EXCHANGE]     = { "exchange", "case category", NC_("case category", "Exchange") },
  [AFS_CATEGORY_COMPLAINT]    = { "complaint", "case category", NC_("case category", "Complaint") },
  [AFS_CATEGORY_CONSULTATION] = { "consultation", "case category", NC_("case category", "Consultation") },
  [AFS_CATEGORY_INSTALLATION] = { "installation", "case category", NC_("case category", "Installation") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (categories) == AFS_CATEGORY_N);

static const EnumEntry regions[] = {
  [AFS_REGION_LOCAL]    = { "local", "region", NC_("region", "Local") },
  [AFS_REGION_PROVINCE] = { "province", "region", NC_("region", "In the province") },
  [AFS_REGION_OUTSIDE]  = { "outside", "region", NC_("region", "Outside the province") },
  [AFS_REGION_REMOTE]   = { "remote", "region", NC_("region", "Remote area") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (regions) == AFS_REGION_N);

static const EnumEntry tiers[] = {
  [AFS_TIER_REGULAR] = { "regular", "customer tier", NC_("customer tier", "Regular customer") },
  [AFS_TIER_KEY]     = { "key", "customer tier", NC_("customer tier", "Key customer") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (tiers) == AFS_TIER_N);

static const EnumEntry roles[] = {
  [AFS_ROLE_TECHNICIAN] = { "technician", "staff role", NC_("staff role", "Technician") },
  [AFS_ROLE_OFFICE]     = { "office", "staff role", NC_("staff role", "Office staff") },
  [AFS_ROLE_MANAGER]    = { "manager", "staff role", NC_("staff role", "Manager") },
  [AFS_ROLE_QUALITY]    = { "quality", "staff role", NC_("staff role", "Quality staff") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (roles) == AFS_ROLE_N);

static const EnumEntry warranties[] = {
  [AFS_WARRANTY_UNKNOWN] = { "unknown", "warranty", NC_("warranty", "Not checked") },
  [AFS_WARRANTY_IN]      = { "in", "warranty", NC_("warranty", "In warranty") },
  [AFS_WARRANTY_OUT]     = { "out", "warranty", NC_("warranty", "Out of warranty (chargeable)") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (warranties) == AFS_WARRANTY_N);

static const EnumEntry causes[] = {
  [AFS_CAUSE_UNKNOWN]               = { "unknown", "cause", NC_("cause", "Not determined") },
  [AFS_CAUSE_PRODUCT_QUALITY]       = { "product_quality", "cause", NC_("cause", "Product quality") },
  [AFS_CAUSE_PRODUCT_CHANGE]        = { "product_change", "cause", NC_("cause", "Unannounced product change") },
  [AFS_CAUSE_STAFF_ERROR]           = { "staff_error", "cause", NC_("cause", "Our staff's error") },
  [AFS_CAUSE_SERVICE_DISPUTE]       = { "service_dispute", "cause", NC_("cause", "Service dispute") },
  [AFS_CAUSE_TRANSPORT_DAMAGE]      = { "transport_damage", "cause", NC_("cause", "Transport damage") },
  [AFS_CAUSE_INSTALLATION_OURS]     = { "installation_ours", "cause", NC_("cause", "Installation damage (our installer)") },
  [AFS_CAUSE_INSTALLATION_CUSTOMER] = { "installation_customer", "cause", NC_("cause", "Installation damage (customer)") },
  [AFS_CAUSE_OTHER]                 = { "other", "cause", NC_("cause", "Other") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (causes) == AFS_CAUSE_N);

static const EnumEntry scopes[] = {
  [AFS_SCOPE_UNDECIDED] = { "undecided", "scope", NC_("scope", "Not decided") },
  [AFS_SCOPE_IN]        = { "in", "scope", NC_("scope", "In scope") },
  [AFS_SCOPE_OUT]       = { "out", "scope", NC_("scope", "Out of scope") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (scopes) == AFS_SCOPE_N);

static gboolean
lookup_key (const EnumEntry *table,
            guint            n,
            const char      *str,
            int             *out)
{
  if (str == NULL)
    return FALSE;

  /* Exact match only: keys are machine data, and accepting "Closed" or
   * " closed" would let two spellings of one value into the database. */
  for (guint i = 0; i < n; i++)
    {
      if (g_str_equal (table[i].key, str))
        {
          if (out != NULL)
            *out = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

static inline const char *
entry_label (const EnumEntry *entry)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, entry->context, entry->label);
}

/* Generates the three functions of one vocabulary. The out parameter is
 * written only on success, so callers may pass their default in it. */
#define DEFINE_ENUM_FUNCS(TypeName, prefix, table, N)                     \
const char *                                                              \
prefix##_to_string (TypeName value)                                       \
{                                                                         \
  g_return_val_if_fail ((guint) value < (N), NULL);                       \
  return table[value].key;                                                \
}                                                                         \
                                                                          \
gboolean                                                                  \
prefix##_from_string (const char *str,                                    \
                      TypeName   *out)                                    \
{                                                                         \
  int v;                                                                  \
                                                                          \
  if (!lookup_key (table, G_N_ELEMENTS (table), str, &v))                 \
    return FALSE;                                                         \
  if (out != NULL)                                                        \
    *out = (TypeName) v;                                                  \
  return TRUE;                                                            \
}                                                                         \
                                                                          \
const char *                                                              \
prefix##_get_label (TypeName value)                                       \
{                                                                         \
  g_return_val_if_fail ((guint) value < (N), NULL);                       \
  return entry_label (&table[value]);                                     \
}

/**
 * afs_case_state_to_string:
 * @state: a case state
 *
 * Returns: the stable key of @state ("awaiting_approval"), never translated
 */
/**
 * afs_case_state_from_string:
 * @str: (nullable): a key as written by afs_case_state_to_string()
 * @out: (out) (optional): the state, written only on success
 *
 * Returns: %TRUE if @str is a known key
 */
/**
 * afs_case_state_get_label:
 * @state: a case state
 *
 * Returns: the translated name of @state for people
 */
DEFINE_ENUM_FUNCS (AfsCaseState, afs_case_state, case_states, AFS_CASE_STATE_N)
DEFINE_ENUM_FUNCS (AfsChannel, afs_channel, channels, AFS_CHANNEL_N)
DEFINE_ENUM_FUNCS (AfsCategory, afs_category, categories, AFS_CATEGORY_N)
DEFINE_ENUM_FUNCS (AfsRegionClass, afs_region_class, regions, AFS_REGION_N)
DEFINE_ENUM_FUNCS (AfsCustomerTier, afs_customer_tier, tiers, AFS_TIER_N)
DEFINE_ENUM_FUNCS (AfsRole, afs_role, roles, AFS_ROLE_N)
DEFINE_ENUM_FUNCS (AfsWarrantyStatus, afs_warranty_status, warranties, AFS_WARRANTY_N)
DEFINE_ENUM_FUNCS (AfsCause, afs_cause, causes, AFS_CAUSE_N)
DEFINE_ENUM_FUNCS (AfsScope, afs_scope, scopes, AFS_SCOPE_N)

/**
 * afs_case_state_is_open:
 * @state: a case state
 *
 * Whether the case is still being worked on. A resolved case is open: it
 * waits for the follow-up call ("call the customer 3–5 days after a
 * repair", DOMAIN.md 11) before it may be closed. Closed, out-of-scope and
 * cancelled cases are finished until someone reopens them.
 *
 * Returns: %TRUE for an open case
 */
gboolean
afs_case_state_is_open (AfsCaseState state)
{
  g_return_val_if_fail ((guint) state < AFS_CASE_STATE_N, FALSE);

  switch (state)
    {
    case AFS_CASE_STATE_CLOSED:
    case AFS_CASE_STATE_OUT_OF_SCOPE:
    case AFS_CASE_STATE_CANCELLED:
      return FALSE;

    case AFS_CASE_STATE_NEW:
    case AFS_CASE_STATE_TRIAGED:
    case AFS_CASE_STATE_AWAITING_APPROVAL:
    case AFS_CASE_STATE_APPROVED:
    case AFS_CASE_STATE_DISPATCHED:
    case AFS_CASE_STATE_ON_SITE:
    case AFS_CASE_STATE_SECOND_VISIT:
    case AFS_CASE_STATE_RESOLVED:
    case AFS_CASE_STATE_N:
    default:
      return TRUE;
    }
}

static const char * const severity_labels[] = {
  N_("Not graded"),
  N_("Level 1"),
  N_("Level 2"),
  N_("Level 3"),
  N_("Level 4"),
};

/* 001 §2.1 "售后问题分级方法", as distilled in DOMAIN.md 3. Shown where a
 * severity is chosen, so office staff grade the same way. */
static const char * const severity_descriptions[] = {
  N_("Not graded yet. Grade the case before handling it."),
  N_("Total damage, a serious quality problem or a service dispute: the customer refuses any repair and insists on a return or exchange."),
  N_("Serious damage: needs replacement parts and a technician visit."),
  N_("Damage: needs a technician visit, but no replacement parts."),
  N_("Solved remotely: an explanation, or small parts mailed so the customer can fix it; no technician visit."),
};

/**
 * afs_severity_get_label:
 * @severity: 0 (not graded) or 1..4
 *
 * Returns: "Level 1" … "Level 4", or "Not graded" for 0, translated
 */
const char *
afs_severity_get_label (int severity)
{
  g_return_val_if_fail (severity >= AFS_SEVERITY_NONE && severity <= AFS_SEVERITY_MAX, NULL);

  return _(severity_labels[severity]);
}

/**
 * afs_severity_get_description:
 * @severity: 0 (not graded) or 1..4
 *
 * The definition of the level from 001 §2.1, for where a severity is
 * chosen.
 *
 * Returns: the translated definition
 */
const char *
afs_severity_get_description (int severity)
{
  g_return_val_if_fail (severity >= AFS_SEVERITY_NONE && severity <= AFS_SEVERITY_MAX, NULL);

  return _(severity_descriptions[severity]);
}
