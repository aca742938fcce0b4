/* afs-case-number.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-case-number.h"

/* DOMAIN.md 1: "Give it a case number at once". The number is what a
 * customer reads out on the phone, so it is short, has the year for
 * context, and is zero-padded so numbers of one year sort as text. */

#define PREFIX "AS-"

/**
 * afs_case_number_format:
 * @year: the year of intake, 1000..9999
 * @seq: the sequence number within the year, 1 or more
 *
 * Formats a human case number like "AS-2026-000123". The sequence has at
 * least six digits and grows when it reaches a million, so numbers never
 * wrap or get cut.
 *
 * Returns: (transfer full) (nullable): the number, or %NULL on bad input
 */
char *
afs_case_number_format (int    year,
                        gint64 seq)
{
  g_return_val_if_fail (year >= 1000 && year <= 9999, NULL);
  g_return_val_if_fail (seq >= 1, NULL);

  return g_strdup_printf (PREFIX "%04d-%06" G_GINT64_FORMAT, year, seq);
}

/**
 * afs_case_number_parse:
 * @number: (nullable): text that may be a case number
 * @year: (out) (optional): the year
 * @seq: (out) (optional): the sequence number
 *
 * Parses what afs_case_number_format() writes. Leading and trailing
 * spaces and a lowercase prefix are accepted, because people type or
 * paste numbers into the search field; anything else is refused.
 *
 * Returns: %TRUE if @number is a case number
 */
gboolean
afs_case_number_parse (const char *number,
                       int        *year,
                       gint64     *seq)
{
  g_autofree char *copy = NULL;
  const char *p;
  const char *digits;
  gint64 y = 0;
  gint64 s = 0;
  gsize n;

  if (number == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (number));
  p = copy;

  if (g_ascii_strncasecmp (p, PREFIX, strlen (PREFIX)) != 0)
    return FALSE;
  p += strlen (PREFIX);

  for (n = 0; n < 4; n++)
    {
      if (!g_ascii_isdigit (p[n]))
        return FALSE;
      y = y * 10 + (p[n] - '0');
    }
  p += 4;
  if (*p != '-' || y < 1000)
    return FALSE;
  p++;

  digits = p;
  for (n = 0; g_ascii_isdigit (digits[n]); n++)
    {
      /* 18 digits keep us well inside gint64. */
      if (n >= 18)
        return FALSE;
      s = s * 10 + (digits[n] - '0');
    }
  if (n < 6 || digits[n] != '\0' || s < 1)
    return FALSE;
  /* More than six digits only once the sequence needs them: "AS-2026-0000123"
   * is not something we ever wrote, so it is not a number of ours. */
  if (n > 6 && digits[0] == '0')
    return FALSE;

  if (year != NULL)
    *year = (int) y;
  if (seq != NULL)
    *seq = s;

  return TRUE;
}
