/* test-customer-match.c: phone numbers and duplicate customers at intake.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-customer-match.h"
#include "afs-error.h"

static void
assert_key (const char *phone,
            const char *expected)
{
  g_autofree char *key = afs_phone_match_key (phone);

  if (g_strcmp0 (key, expected) != 0)
    g_error ("key of “%s” is “%s”, expected “%s”", phone, key, expected);
}

static void
test_match_key (void)
{
  /* Poland: +48, 0048, spaces, dashes, brackets. */
  assert_key ("+48 601-234-567", "601234567");
  assert_key ("0048 601 234 567", "601234567");
  assert_key ("601 234 567", "601234567");
  assert_key ("(+48) 601.234.567", "601234567");
  assert_key ("+48 12 345 67 89", "123456789");       /* Kraków landline */
  assert_key ("48 362 12 34", "483621234");           /* Radom, area code 48: not a country code */
  /* Spain. */
  assert_key ("+34 612 34 56 78", "612345678");
  assert_key ("0034612345678", "612345678");
  assert_key ("612345678", "612345678");
  assert_key ("+34 91 123 45 67", "911234567");
  /* China: mobiles and landlines with the trunk 0. */
  assert_key ("+86 138 1234 5678", "13812345678");
  assert_key ("13812345678", "13812345678");
  assert_key ("8613812345678", "13812345678");
  assert_key ("+86 10 1234 5678", "1012345678");
  assert_key ("010-12345678", "1012345678");
  assert_key ("0576-84112727", "57684112727");
  assert_key ("+86 0576-84112727", "57684112727");
  /* Another country keeps its code. */
  assert_key ("+44 20 7946 0958", "442079460958");
  /* Nothing. */
  assert_key (NULL, NULL);
  assert_key ("", NULL);
  assert_key (" - ", NULL);
  assert_key ("000", NULL);
}

static void
test_normalize (void)
{
  struct { const char *phone, *country, *expected; } cases[] = {
    { "+48 601-234-567", NULL, "+48 601234567" },
    { "601 234 567", "PL", "+48 601234567" },
    { "601 234 567", "pl", "+48 601234567" },
    { "601 234 567", NULL, "601234567" },
    { "010-12345678", "CN", "+86 1012345678" },
    { "13812345678", "CN", "+86 13812345678" },
    { "0034 612 34 56 78", "PL", "+34 612345678" },
    { "+44 20 7946 0958", "ES", "+442079460958" },
    { "   ", NULL, NULL },
    { NULL, "PL", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = afs_phone_normalize (cases[i].phone, cases[i].country);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
assert_invalid (const char *phone,
                const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (afs_phone_validate (phone, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_validate (void)
{
  const char *good[] = { NULL, "", "  ", "+48 601 234 567", "0048601234567", "(010) 1234-5678",
                         "612/34.56.78", "+86 138 1234 5678" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (afs_phone_validate (good[i], &error));
      g_assert_no_error (error);
    }

  assert_invalid ("60l 234 567",
                  "The phone number “60l 234 567” has “l” in it. Use digits; spaces, dashes, "
                  "brackets and a leading + are fine.");
  assert_invalid ("601 234 567 ext 5",
                  "The phone number “601 234 567 ext 5” has “e” in it. Use digits; spaces, "
                  "dashes, brackets and a leading + are fine.");
  assert_invalid ("601+234",
                  "The phone number “601+234” has a “+” in the middle. A “+” goes only at the "
                  "start, before the country code.");
  assert_invalid ("12 34",
                  "The phone number “12 34” is too short (4 digits). Type the whole number with "
                  "its area code.");
  assert_invalid ("+48 601 234 567 890 123",
                  "The phone number “+48 601 234 567 890 123” is too long (17 digits); a phone "
                  "number has at most 15. Check for a digit typed twice.");
  assert_invalid ("１３８", "The phone number “１３８” has “１” in it. Use digits; spaces, dashes, "
                  "brackets and a leading + are fine.");
}

static void
test_fold (void)
{
  struct { const char *in, *out; } cases[] = {
    { "  Józef  WIŚNIEWSKI, ", "jozef wisniewski" },
    { "Łódź, ul. Piotrkowska 12", "lodz ul piotrkowska 12" },
    { "Straße", "strasse" },
    { "Peña Nieto", "pena nieto" },
    { "ÇA VA", "ca va" },
    { "上海市 浦东新区", "上海市 浦东新区" },
    { "ＡＢＣ１２", "abc12" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = afs_text_fold (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
  g_assert_null (afs_text_fold (NULL));
}

/* The two rules, and what is not a duplicate. */
static void
test_duplicates (void)
{
  AfsCustomerData a = { 0, }, b = { 0, };
  g_autofree char *both = NULL;

  a.name = (char *) "Józef Wiśniewski";
  a.address = (char *) "ul. Długa 5, Kraków";
  a.phone = (char *) "+48 601-234-567";

  /* Same number written another way. */
  b.name = (char *) "J. Wiśniewski (workshop)";
  b.phone = (char *) "601 234 567";
  g_assert_cmpint (afs_customer_match (&a, &b), ==, AFS_DUPLICATE_PHONE);

  /* Same name and address without the accents, other case, no phone. */
  b.name = (char *) "JOZEF WISNIEWSKI";
  b.address = (char *) "ul Dluga 5 Krakow";
  b.phone = NULL;
  g_assert_cmpint (afs_customer_match (&a, &b), ==, AFS_DUPLICATE_NAME_ADDRESS);

  /* Both. */
  b.phone = (char *) "0048601234567";
  g_assert_cmpint (afs_customer_match (&a, &b), ==, AFS_DUPLICATE_PHONE | AFS_DUPLICATE_NAME_ADDRESS);
  both = afs_duplicate_reason_describe (AFS_DUPLICATE_PHONE | AFS_DUPLICATE_NAME_ADDRESS);
  g_assert_cmpstr (both, ==, "Same phone number, name and address");

  /* Same name, another address: not the same customer (two Zhang Weis). */
  b.phone = (char *) "602 000 000";
  b.address = (char *) "ul. Krótka 1, Kraków";
  g_assert_cmpint (afs_customer_match (&a, &b), ==, AFS_DUPLICATE_NONE);

  /* The name alone never matches, nor blank fields. */
  a.address = NULL;
  b.address = NULL;
  g_assert_cmpint (afs_customer_match (&a, &b), ==, AFS_DUPLICATE_NONE);

  /* A short number (an extension) is never a phone match. */
  a.phone = (char *) "12345";
  b.phone = (char *) "12-345";
  g_assert_cmpint (afs_customer_match (&a, &b), ==, AFS_DUPLICATE_NONE);

  /* Chinese: the same mobile with and without +86. */
  a.name = (char *) "王建国";
  a.phone = (char *) "+86 138 1234 5678";
  b.name = (char *) "王先生";
  b.phone = (char *) "138-1234-5678";
  g_assert_cmpint (afs_customer_match (&a, &b), ==, AFS_DUPLICATE_PHONE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/customer-match/match-key", test_match_key);
  g_test_add_func ("/customer-match/normalize", test_normalize);
  g_test_add_func ("/customer-match/validate", test_validate);
  g_test_add_func ("/customer-match/fold", test_fold);
  g_test_add_func ("/customer-match/duplicates", test_duplicates);

  return g_test_run ();
}
