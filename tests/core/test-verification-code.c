/* test-verification-code.c: the short code printed on the service report.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-error.h"
#include "afs-verification-code.h"

#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA_ABC   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static void
test_known_values (void)
{
  /* Worked out by hand (docs/service-report.md): the first 13 hex digits
   * are 52 bits, the top 50 make ten base32 characters. */
  static const struct { const char *hash; const char *code; } cases[] = {
    { SHA_EMPTY, "WERC8-GMRZG" },
    { SHA_ABC, "Q9W1D-FWF07" },
    { "0000000000000000000000000000000000000000000000000000000000000000", "00000-00000" },
    { "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "ZZZZZ-ZZZZZ" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = afs_verification_code_from_sha256 (cases[i].hash, &error);
      g_autofree char *upper = g_ascii_strup (cases[i].hash, -1);
      g_autofree char *code2 = afs_verification_code_from_sha256 (upper, NULL);

      g_assert_no_error (error);
      g_assert_cmpstr (code, ==, cases[i].code);
      g_assert_cmpstr (code2, ==, cases[i].code);
      g_assert_cmpuint (strlen (code), ==, AFS_VERIFICATION_CODE_LENGTH + 1);
      /* Never a letter that reads like another. */
      g_assert_null (strpbrk (code, "ILOU"));
    }
}

static void
test_one_digit_changes_code (void)
{
  g_autofree char *a = afs_verification_code_from_sha256 (SHA_ABC, NULL);
  char changed[65];
  g_autofree char *b = NULL;

  memcpy (changed, SHA_ABC, 65);
  changed[12] = changed[12] == '0' ? '1' : '0';   /* the last digit that counts */
  b = afs_verification_code_from_sha256 (changed, NULL);
  g_assert_cmpstr (a, !=, b);
}

static void
test_bad_hash (void)
{
  static const char *bad[] = {
    NULL, "", "abc",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",   /* 63 */
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555", /* 65 */
    "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = afs_verification_code_from_sha256 (bad[i], &error);

      g_assert_null (code);
      g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "SHA-256"));
      g_assert_false (afs_sha256_hex_is_valid (bad[i]));
    }
  g_assert_true (afs_sha256_hex_is_valid (SHA_EMPTY));
}

static void
test_typed (void)
{
  static const char *same[] = {
    "Q9W1D-FWF07", "q9w1d-fwf07", "Q9W1DFWF07", " q9w1d fwf07 ",
    "Q9WiD-FWFO7",   /* i for 1, O for 0, as people copy them */
    "Q9WlD FWFo7",
  };
  static const char *wrong[] = {
    NULL, "", "Q9W1D-FWF0", "Q9W1D-FWF077", "Q9W1D-FWF0U", "Q9W1D-FWF0!", "Q9W1D-FWF08",
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *norm = afs_verification_code_normalize (same[i], NULL);

      g_assert_cmpstr (norm, ==, "Q9W1D-FWF07");
      g_assert_true (afs_verification_code_matches (same[i], SHA_ABC));
      g_assert_false (afs_verification_code_matches (same[i], SHA_EMPTY));
    }
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    g_assert_false (afs_verification_code_matches (wrong[i], SHA_ABC));

  {
    g_autoptr(GError) error = NULL;
    g_assert_null (afs_verification_code_normalize ("12345", &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "10 letters and digits"));
  }
  g_assert_false (afs_verification_code_matches ("Q9W1D-FWF07", "not a hash"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/verification-code/known-values", test_known_values);
  g_test_add_func ("/core/verification-code/one-digit-changes-code", test_one_digit_changes_code);
  g_test_add_func ("/core/verification-code/bad-hash", test_bad_hash);
  g_test_add_func ("/core/verification-code/typed", test_typed);

  return g_test_run ();
}
