/* afs-customer-match.c: phone numbers and duplicate customers.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-customer-match.h"
#include "afs-error.h"

/* The country codes whose numbers the desk sees (the manuals are from
 * China, Spain and Poland), with their ISO codes for the default. */
static const struct {
  const char *cc;
  const char *iso;
} countries[] = {
  { "86", "CN" },
  { "34", "ES" },
  { "48", "PL" },
};

/* Steps 1 and 2 of afs_phone_match_key(): separators out, then an
 * international prefix ("+" or "00") out. @intl says whether there was
 * one. */
static char *
strip_prefix (const char *phone,
              gboolean   *intl)
{
  g_autoptr(GString) d0 = g_string_new (NULL);
  const char *rest;

  for (const char *p = phone; *p != '\0'; p++)
    if (strchr (AFS_PHONE_SEPARATORS, *p) == NULL)
      g_string_append_c (d0, *p);

  if (d0->str[0] == '+')
    {
      rest = d0->str + 1;
      *intl = TRUE;
    }
  else if (g_str_has_prefix (d0->str, "00"))
    {
      rest = d0->str + 2;
      *intl = TRUE;
    }
  else
    {
      rest = d0->str;
      *intl = FALSE;
    }

  return g_strdup (rest);
}

/* Step 3: the index of the country code @d1 starts with, or -1. A number
 * of at least 11 digits starting with 86, 34 or 48 carries its country
 * code (Chinese mobiles start with 1, landlines with a trunk 0; Spanish
 * and Polish numbers have 9 digits). */
static int
country_of (const char *d1)
{
  if (strlen (d1) < 11)
    return -1;

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_str_has_prefix (d1, countries[i].cc))
      return (int) i;

  return -1;
}

/**
 * afs_phone_match_key:
 * @phone: (nullable): a phone number as typed
 *
 * See afs-customer-match.h. Keep in step with PHONE_KEY_SQL in
 * afs-migrations-office.c.
 *
 * Returns: (transfer full) (nullable): the national number
 */
char *
afs_phone_match_key (const char *phone)
{
  g_autofree char *d1 = NULL;
  const char *d2;
  gboolean intl;

  if (phone == NULL)
    return NULL;

  d1 = strip_prefix (phone, &intl);
  d2 = d1;
  if (country_of (d1) >= 0)
    d2 += 2;
  while (*d2 == '0')
    d2++;

  return *d2 != '\0' ? g_strdup (d2) : NULL;
}

/**
 * afs_phone_normalize:
 * @phone: (nullable): a phone number as typed
 * @default_country: (nullable): "CN", "ES" or "PL" for numbers typed
 *   without a country code
 *
 * Returns: (transfer full) (nullable): "+48 601234567", or the digits
 *   when the country is unknown
 */
char *
afs_phone_normalize (const char *phone,
                     const char *default_country)
{
  g_autofree char *d1 = NULL;
  g_autofree char *key = NULL;
  gboolean intl;
  int country;

  if (phone == NULL)
    return NULL;

  d1 = strip_prefix (phone, &intl);
  if (*d1 == '\0')
    return NULL;

  key = afs_phone_match_key (phone);
  if (key == NULL)
    return g_strdup (d1);

  country = country_of (d1);
  if (country >= 0)
    return g_strdup_printf ("+%s %s", countries[country].cc, key);

  /* Another country's code: kept as it was given. */
  if (intl)
    return g_strdup_printf ("+%s", d1);

  if (default_country != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
      if (g_ascii_strcasecmp (default_country, countries[i].iso) == 0)
        return g_strdup_printf ("+%s %s", countries[i].cc, key);

  return g_strdup (d1);
}

/**
 * afs_phone_validate:
 * @phone: (nullable): a phone number as typed
 * @error: return location for %AFS_ERROR_INVALID
 *
 * Returns: %TRUE when @phone is empty or can be a phone number
 */
gboolean
afs_phone_validate (const char  *phone,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;
  guint n_digits = 0;

  if (phone == NULL)
    return TRUE;

  if (!g_utf8_validate (phone, -1, NULL))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The phone number is not valid text. Type it again."));
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (phone));
  if (*trimmed == '\0')
    return TRUE;

  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 128 && g_ascii_isdigit (c))
        n_digits++;
      else if (c == '+' && p == trimmed)
        continue;
      else if (c == '+')
        {
          g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                       _("The phone number “%s” has a “+” in the middle. A “+” goes only at "
                         "the start, before the country code."),
                       trimmed);
          return FALSE;
        }
      else if (c >= 128 || strchr (AFS_PHONE_SEPARATORS, (char) c) == NULL)
        {
          char bad[8] = { 0, };

          g_unichar_to_utf8 (c, bad);
          g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                       /* Translators: the first %s is the number typed, the second the character */
                       _("The phone number “%s” has “%s” in it. Use digits; spaces, dashes, "
                         "brackets and a leading + are fine."),
                       trimmed, bad);
          return FALSE;
        }
    }

  if (n_digits < AFS_PHONE_KEY_MIN_DIGITS)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The phone number “%s” is too short (%u digit). Type the whole "
                                "number with its area code.",
                                "The phone number “%s” is too short (%u digits). Type the whole "
                                "number with its area code.",
                                n_digits),
                   trimmed, n_digits);
      return FALSE;
    }

  /* E.164: at most 15 digits, plus an international prefix "00". */
  if (n_digits > 15 + (g_str_has_prefix (trimmed, "00") ? 2 : 0))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("The phone number “%s” is too long (%u digits); a phone number has at "
                     "most 15. Check for a digit typed twice."),
                   trimmed, n_digits);
      return FALSE;
    }

  return TRUE;
}

/**
 * afs_text_fold:
 * @text: (nullable): a name or address
 *
 * Returns: (transfer full) (nullable): @text folded for comparing
 */
char *
afs_text_fold (const char *text)
{
  g_autofree char *nfkd = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;

  nfkd = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (nfkd == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  for (const char *p = nfkd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);
      const char *fold = NULL;

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;

      switch (c)
        {
        case 0x0141: case 0x0142: fold = "l"; break;    /* Ł ł */
        case 0x00D8: case 0x00F8: fold = "o"; break;    /* Ø ø */
        case 0x0110: case 0x0111: fold = "d"; break;    /* Đ đ */
        case 0x00DF: fold = "ss"; break;                /* ß */
        case 0x00C6: case 0x00E6: fold = "ae"; break;   /* Æ æ */
        default: break;
        }

      if (fold == NULL && !g_unichar_isalnum (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;

      if (fold != NULL)
        g_string_append (out, fold);
      else
        g_string_append_unichar (out, g_unichar_tolower (c));
    }

  return g_string_free (out, FALSE);
}

static gboolean
folded_equal (const char *a,
              const char *b)
{
  g_autofree char *fa = afs_text_fold (a);
  g_autofree char *fb = afs_text_fold (b);

  return fa != NULL && fb != NULL && *fa != '\0' && g_str_equal (fa, fb);
}

/**
 * afs_customer_match:
 * @a: a customer
 * @b: another customer
 *
 * Returns: why @a and @b look like the same customer (flags), or
 *   %AFS_DUPLICATE_NONE
 */
AfsDuplicateReason
afs_customer_match (const AfsCustomerData *a,
                    const AfsCustomerData *b)
{
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;
  AfsDuplicateReason reason = AFS_DUPLICATE_NONE;

  g_return_val_if_fail (a != NULL && b != NULL, AFS_DUPLICATE_NONE);

  ka = afs_phone_match_key (a->phone);
  kb = afs_phone_match_key (b->phone);
  if (ka != NULL && kb != NULL && strlen (ka) >= AFS_PHONE_KEY_MIN_DIGITS && g_str_equal (ka, kb))
    reason |= AFS_DUPLICATE_PHONE;

  if (folded_equal (a->name, b->name) && folded_equal (a->address, b->address))
    reason |= AFS_DUPLICATE_NAME_ADDRESS;

  return reason;
}

/**
 * afs_duplicate_reason_describe:
 * @reason: flags
 *
 * Returns: (transfer full): why, in words
 */
char *
afs_duplicate_reason_describe (AfsDuplicateReason reason)
{
  if ((reason & AFS_DUPLICATE_PHONE) && (reason & AFS_DUPLICATE_NAME_ADDRESS))
    return g_strdup (_("Same phone number, name and address"));
  if (reason & AFS_DUPLICATE_PHONE)
    return g_strdup (_("Same phone number"));
  if (reason & AFS_DUPLICATE_NAME_ADDRESS)
    return g_strdup (_("Same name and address"));
  return g_strdup ("");
}
