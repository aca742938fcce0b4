/* afs-customer-match.h: phone numbers and duplicate customers (intake,
 * DOMAIN.md 1: "Record customer, contact, address ...").
 *
 * The same customer calls again and is typed in again, with the number
 * written another way ("+48 601-234-567", "0048601234567", "601 234 567")
 * or the name without its accents ("Jozef Wisniewski"). The office desk
 * catches that before a second record is made, and offers the existing one.
 *
 * Duplicate rules:
 *   - the same phone: equal afs_phone_match_key() (the national number,
 *     whatever prefix, separators or trunk 0 it was written with); or
 *   - the same name and address: equal afs_text_fold() of both
 *     (case-, accent- and spacing-insensitive).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "afs-records.h"

G_BEGIN_DECLS

/* Why two customer records look like the same customer (flags). */
typedef enum {
  AFS_DUPLICATE_NONE         = 0,
  AFS_DUPLICATE_PHONE        = 1 << 0,
  AFS_DUPLICATE_NAME_ADDRESS = 1 << 1,
} AfsDuplicateReason;

/* Shortest phone key that counts for the phone rule (shorter numbers are
 * extensions or typos, never a match). */
#define AFS_PHONE_KEY_MIN_DIGITS 6

/* The separators a phone number may be written with; everything else but
 * digits and a leading '+' is refused by afs_phone_validate(). */
#define AFS_PHONE_SEPARATORS " -()./"

/* The national significant number, digits only: separators removed, then
 * an international prefix ("+" or "00") with the country code 86 (China),
 * 34 (Spain) or 48 (Poland) dropped when at least 9 digits remain, then
 * the trunk zeros (China "010 …", "0576-…") dropped. Written so that the
 * same computation in SQL (the generated column customers.phone_key of
 * schema step 4) gives the same key.
 *   "+48 601-234-567", "0048 601 234 567", "601234567" → "601234567"
 *   "+86 138 1234 5678", "13812345678"                 → "13812345678"
 *   "+86 10 1234 5678", "010-12345678"                  → "1012345678"
 *   "+34 612 34 56 78", "612345678"                     → "612345678"
 * Returns: (transfer full) (nullable): NULL for NULL / no digits. */
char     *afs_phone_match_key   (const char *phone);

/* The number written in one way for storing and showing: "+<cc> <national>"
 * when the country is known from the prefix or @default_country ("CN",
 * "ES", "PL", or NULL), e.g. "+48 601234567", "+86 13812345678"; else the
 * digits as typed without separators. NULL for NULL or blank. */
char     *afs_phone_normalize   (const char *phone,
                                 const char *default_country);

/* Whether @phone can be a phone number, with a message that helps:
 * only digits, spaces, "-", "(", ")", ".", "/" and a leading "+";
 * 6 to 15 digits (E.164). NULL or blank is fine (the field is optional).
 *   "The phone number “60l 234” has a letter in it. Use digits; spaces
 *    and dashes are fine."
 *   "The phone number “12 34” is too short (4 digits). Type the whole
 *    number with its area code." */
gboolean  afs_phone_validate    (const char  *phone,
                                 GError     **error);

/* @text lowercased (casefold), accents removed (NFD, combining marks
 * dropped, ł→l, ß→ss, ø→o, đ→d), punctuation and runs of white space made
 * one space, trimmed. "  Józef  WIŚNIEWSKI, " → "jozef wisniewski".
 * Han characters are kept as they are. NULL for NULL. */
char     *afs_text_fold         (const char *text);

/* Whether @a and @b look like the same customer, and why (flags). Blank
 * fields never match; the name + address rule needs both. */
AfsDuplicateReason afs_customer_match (const AfsCustomerData *a,
                                       const AfsCustomerData *b);

/* "Same phone number", "Same name and address", or both joined
 * (translated), for the duplicate offered at intake. */
char     *afs_duplicate_reason_describe (AfsDuplicateReason reason);

G_END_DECLS
