/* test-case-number.c: human case numbers (DOMAIN.md 1).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-case-number.h"

static void
test_format (void)
{
  static const struct { int year; gint64 seq; const char *number; } cases[] = {
    { 2026, 1, "AS-2026-000001" },
    { 2026, 123, "AS-2026-000123" },
    { 2026, 999999, "AS-2026-999999" },
    { 2026, 1000000, "AS-2026-1000000" },
    { 2026, 12345678, "AS-2026-12345678" },
    { 1999, 42, "AS-1999-000042" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *number = afs_case_number_format (cases[i].year, cases[i].seq);
      int year = 0;
      gint64 seq = 0;

      g_assert_cmpstr (number, ==, cases[i].number);
      g_assert_true (afs_case_number_parse (number, &year, &seq));
      g_assert_cmpint (year, ==, cases[i].year);
      g_assert_cmpint (seq, ==, cases[i].seq);
    }
}

static void
test_sorts_as_text (void)
{
  g_autofree char *a = afs_case_number_format (2026, 9);
  g_autofree char *b = afs_case_number_format (2026, 10);
  g_autofree char *c = afs_case_number_format (2026, 999999);

  g_assert_cmpint (g_strcmp0 (a, b), <, 0);
  g_assert_cmpint (g_strcmp0 (b, c), <, 0);
}

static void
test_parse_lenient (void)
{
  int year = 0;
  gint64 seq = 0;

  /* Typed or pasted into the search field. */
  g_assert_true (afs_case_number_parse ("  AS-2026-000123\n", &year, &seq));
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpint (seq, ==, 123);
  g_assert_true (afs_case_number_parse ("as-2025-000007", &year, &seq));
  g_assert_cmpint (year, ==, 2025);
  g_assert_cmpint (seq, ==, 7);
  /* Out parameters are optional. */
  g_assert_true (afs_case_number_parse ("AS-2026-000001", NULL, NULL));
}

static void
test_parse_bad (void)
{
  static const char *bad[] = {
    "",
    "AS",
    "AS-",
    "AS-2026",
    "AS-2026-",
    "AS-2026-12345",        /* fewer than 6 digits */
    "AS-26-000123",
    "AS-02026-000123",
    "XS-2026-000123",
    "AS 2026 000123",
    "AS-2026-000123x",
    "AS-2026-00012a",
    "AS-2026--00123",
    "AS-2026-+00123",
    "AS-2026-000000",       /* sequence starts at 1 */
    "AS-2026-0000123",      /* zero-padded beyond six digits: never written */
    "AS-0999-000123",
    "AS-2026-1234567890123456789", /* would overflow */
    "2026-000123",
  };
  int year = -1;
  gint64 seq = -1;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_false (afs_case_number_parse (bad[i], &year, &seq));
    }
  g_assert_false (afs_case_number_parse (NULL, &year, &seq));

  /* Untouched on failure. */
  g_assert_cmpint (year, ==, -1);
  g_assert_cmpint (seq, ==, -1);
}

static void
test_format_bad (void)
{
  char *number;

  g_test_expect_message ("AfsCore", G_LOG_LEVEL_CRITICAL, "*seq >= 1*");
  number = afs_case_number_format (2026, 0);
  g_test_assert_expected_messages ();
  g_assert_null (number);

  g_test_expect_message ("AfsCore", G_LOG_LEVEL_CRITICAL, "*year*");
  number = afs_case_number_format (26, 1);
  g_test_assert_expected_messages ();
  g_assert_null (number);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-number/format", test_format);
  g_test_add_func ("/case-number/sorts-as-text", test_sorts_as_text);
  g_test_add_func ("/case-number/parse-lenient", test_parse_lenient);
  g_test_add_func ("/case-number/parse-bad", test_parse_bad);
  g_test_add_func ("/case-number/format-bad", test_format_bad);

  return g_test_run ();
}
