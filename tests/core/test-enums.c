/* test-enums.c: stable keys and labels of the case vocabularies.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-enums.h"

/* The keys are what the database and the sync protocol store: this list is
 * the contract, written out so a rename shows up here. */
#define CHECK_ENUM(prefix, Type, N, ...)                                      \
  G_STMT_START {                                                              \
    static const char *keys[] = { __VA_ARGS__ };                              \
    Type v;                                                                   \
                                                                              \
    g_assert_cmpuint (G_N_ELEMENTS (keys), ==, N);                            \
    for (guint i = 0; i < N; i++)                                             \
      {                                                                       \
        g_assert_cmpstr (prefix##_to_string (i), ==, keys[i]);                \
        v = (Type) (N);                                                       \
        g_assert_true (prefix##_from_string (keys[i], &v));                   \
        g_assert_cmpint (v, ==, i);                                           \
        g_assert_nonnull (prefix##_get_label (i));                            \
        g_assert_cmpstr (prefix##_get_label (i), !=, "");                     \
        /* Labels are for people, keys for machines: never the same text. */  \
        g_assert_cmpstr (prefix##_get_label (i), !=, keys[i]);                \
      }                                                                       \
    v = (Type) 0;                                                             \
    g_assert_false (prefix##_from_string (NULL, &v));                         \
    g_assert_false (prefix##_from_string ("", &v));                           \
    g_assert_false (prefix##_from_string ("bogus", &v));                      \
    g_assert_false (prefix##_from_string (prefix##_get_label (1), &v));       \
    g_assert_cmpint (v, ==, 0);                                               \
    /* Case and whitespace matter: one spelling per value. */                 \
    {                                                                         \
      g_autofree char *upper = g_ascii_strup (keys[1], -1);                   \
      g_autofree char *spaced = g_strconcat (keys[1], " ", NULL);             \
      g_assert_false (prefix##_from_string (upper, &v));                      \
      g_assert_false (prefix##_from_string (spaced, &v));                     \
    }                                                                         \
    g_assert_true (prefix##_from_string (keys[N - 1], NULL));                 \
  } G_STMT_END

static void
test_case_state (void)
{
  CHECK_ENUM (afs_case_state, AfsCaseState, AFS_CASE_STATE_N,
              "new", "triaged", "awaiting_approval", "approved", "dispatched", "on_site",
              "second_visit", "resolved", "closed", "out_of_scope", "cancelled");
  g_assert_cmpstr (afs_case_state_get_label (AFS_CASE_STATE_AWAITING_APPROVAL), ==, "Awaiting approval");
  g_assert_cmpstr (afs_case_state_get_label (AFS_CASE_STATE_CLOSED), ==, "Closed");
}

static void
test_is_open (void)
{
  static const gboolean open[AFS_CASE_STATE_N] = {
    [AFS_CASE_STATE_NEW] = TRUE,
    [AFS_CASE_STATE_TRIAGED] = TRUE,
    [AFS_CASE_STATE_AWAITING_APPROVAL] = TRUE,
    [AFS_CASE_STATE_APPROVED] = TRUE,
    [AFS_CASE_STATE_DISPATCHED] = TRUE,
    [AFS_CASE_STATE_ON_SITE] = TRUE,
    [AFS_CASE_STATE_SECOND_VISIT] = TRUE,
    /* Resolved waits for the follow-up call: still open. */
    [AFS_CASE_STATE_RESOLVED] = TRUE,
    [AFS_CASE_STATE_CLOSED] = FALSE,
    [AFS_CASE_STATE_OUT_OF_SCOPE] = FALSE,
    [AFS_CASE_STATE_CANCELLED] = FALSE,
  };

  for (guint i = 0; i < AFS_CASE_STATE_N; i++)
    g_assert_cmpint (afs_case_state_is_open (i), ==, open[i]);
}

static void
test_others (void)
{
  CHECK_ENUM (afs_channel, AfsChannel, AFS_CHANNEL_N,
              "phone", "letter", "email", "visit", "online");
  CHECK_ENUM (afs_category, AfsCategory, AFS_CATEGORY_N,
              "repair", "return", "exchange", "complaint", "consultation", "installation");
  CHECK_ENUM (afs_region_class, AfsRegionClass, AFS_REGION_N,
              "local", "province", "outside", "remote");
  CHECK_ENUM (afs_customer_tier, AfsCustomerTier, AFS_TIER_N,
              "regular", "key");
  CHECK_ENUM (afs_role, AfsRole, AFS_ROLE_N,
              "technician", "office", "manager", "quality");
  CHECK_ENUM (afs_warranty_status, AfsWarrantyStatus, AFS_WARRANTY_N,
              "unknown", "in", "out");
  CHECK_ENUM (afs_cause, AfsCause, AFS_CAUSE_N,
              "unknown", "product_quality", "product_change", "staff_error", "service_dispute",
              "transport_damage", "installation_ours", "installation_customer", "other");
  CHECK_ENUM (afs_scope, AfsScope, AFS_SCOPE_N,
              "undecided", "in", "out");

  g_assert_cmpstr (afs_category_get_label (AFS_CATEGORY_RETURN), ==, "Return");
  g_assert_cmpstr (afs_role_get_label (AFS_ROLE_OFFICE), ==, "Office staff");
  g_assert_cmpstr (afs_cause_get_label (AFS_CAUSE_PRODUCT_CHANGE), ==, "Unannounced product change");
}

static void
test_severity (void)
{
  g_assert_cmpstr (afs_severity_get_label (0), ==, "Not graded");
  g_assert_cmpstr (afs_severity_get_label (1), ==, "Level 1");
  g_assert_cmpstr (afs_severity_get_label (4), ==, "Level 4");

  /* 001 §2.1. */
  g_assert_nonnull (strstr (afs_severity_get_description (1), "return or exchange"));
  g_assert_nonnull (strstr (afs_severity_get_description (2), "replacement parts and a technician visit"));
  g_assert_nonnull (strstr (afs_severity_get_description (3), "no replacement parts"));
  g_assert_nonnull (strstr (afs_severity_get_description (4), "Solved remotely"));
  for (int i = 0; i <= 4; i++)
    for (int j = i + 1; j <= 4; j++)
      g_assert_cmpstr (afs_severity_get_description (i), !=, afs_severity_get_description (j));

  g_test_expect_message ("AfsCore", G_LOG_LEVEL_CRITICAL, "*severity*");
  g_assert_null (afs_severity_get_label (5));
  g_test_assert_expected_messages ();
}

static void
test_out_of_range (void)
{
  g_test_expect_message ("AfsCore", G_LOG_LEVEL_CRITICAL, "*AFS_CASE_STATE_N*");
  g_assert_null (afs_case_state_to_string (AFS_CASE_STATE_N));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/enums/case-state", test_case_state);
  g_test_add_func ("/enums/is-open", test_is_open);
  g_test_add_func ("/enums/others", test_others);
  g_test_add_func ("/enums/severity", test_severity);
  g_test_add_func ("/enums/out-of-range", test_out_of_range);

  return g_test_run ();
}
