/* afs-verification-code.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "afs-error.h"
#include "afs-verification-code.h"

/* Crockford's base32: digits and letters without I, L, O, U, so a code
 * read aloud or copied by hand cannot be misread. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

/**
 * afs_sha256_hex_is_valid:
 * @sha256_hex: (nullable): text
 *
 * Returns: %TRUE if @sha256_hex is 64 hexadecimal digits (either case)
 */
gboolean
afs_sha256_hex_is_valid (const char *sha256_hex)
{
  if (sha256_hex == NULL || strlen (sha256_hex) != 64)
    return FALSE;
  for (int i = 0; i < 64; i++)
    if (hex_value (sha256_hex[i]) < 0)
      return FALSE;
  return TRUE;
}

/**
 * afs_verification_code_from_sha256:
 * @sha256_hex: the content hash, 64 hex digits
 * @error: where the reason goes
 *
 * The code printed on the service report next to the hash: the first 50
 * bits of the hash (the first 13 hex digits, most significant bit first)
 * as 10 Crockford base32 characters, grouped "XXXXX-XXXXX". 50 bits make
 * a match by chance one in 10^15.
 *
 * Returns: (transfer full) (nullable): the code, or %NULL with
 *   %AFS_ERROR_INVALID if @sha256_hex is not a SHA-256 hex digest
 */
char *
afs_verification_code_from_sha256 (const char  *sha256_hex,
                                   GError     **error)
{
  guint64 bits = 0;
  char code[AFS_VERIFICATION_CODE_LENGTH + 2];
  int o = 0;

  if (!afs_sha256_hex_is_valid (sha256_hex))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The content hash is not a SHA-256 digest (64 hexadecimal digits)."));
      return NULL;
    }

  /* 13 hex digits = 52 bits; keep the top 50. */
  for (int i = 0; i < 13; i++)
    bits = (bits << 4) | (guint64) hex_value (sha256_hex[i]);
  bits >>= 2;

  for (int i = 0; i < AFS_VERIFICATION_CODE_LENGTH; i++)
    {
      int shift = 5 * (AFS_VERIFICATION_CODE_LENGTH - 1 - i);

      if (i == 5)
        code[o++] = '-';
      code[o++] = alphabet[(bits >> shift) & 0x1f];
    }
  code[o] = '\0';
  return g_strdup (code);
}

/**
 * afs_verification_code_normalize:
 * @typed: (nullable): a code as a person typed it
 * @error: where the reason goes
 *
 * Accepts what people type: lower case, spaces or dashes anywhere, and
 * the look-alikes Crockford allows (O for 0, I and L for 1).
 *
 * Returns: (transfer full) (nullable): the code as
 *   afs_verification_code_from_sha256() writes it, or %NULL with
 *   %AFS_ERROR_INVALID
 */
char *
afs_verification_code_normalize (const char  *typed,
                                 GError     **error)
{
  char code[AFS_VERIFICATION_CODE_LENGTH + 2];
  int n = 0;
  int o = 0;

  for (const char *p = typed ? typed : ""; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == ' ' || c == '-' || c == '\t')
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';
      if (strchr (alphabet, c) == NULL || c == '\0' || n >= AFS_VERIFICATION_CODE_LENGTH)
        {
          n = -1;
          break;
        }
      if (n == 5)
        code[o++] = '-';
      code[o++] = c;
      n++;
    }

  if (n != AFS_VERIFICATION_CODE_LENGTH)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A verification code has 10 letters and digits, like 7K2QF-9XD3M. Check what was typed."));
      return NULL;
    }
  code[o] = '\0';
  return g_strdup (code);
}

/**
 * afs_verification_code_matches:
 * @typed: (nullable): a code as typed or read from paper
 * @sha256_hex: (nullable): the content hash stored with the signatures
 *
 * Returns: %TRUE if @typed is the verification code of @sha256_hex
 */
gboolean
afs_verification_code_matches (const char *typed,
                               const char *sha256_hex)
{
  g_autofree char *a = afs_verification_code_normalize (typed, NULL);
  g_autofree char *b = afs_verification_code_from_sha256 (sha256_hex, NULL);

  return a != NULL && b != NULL && strcmp (a, b) == 0;
}
