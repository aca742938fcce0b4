/* afs-verification-code.h: a short code a person can compare, derived
 * from a report's SHA-256 content hash.
 *
 * The full hash is printed on the service report, but nobody reads 64 hex
 * digits aloud. The code is the hash's first 50 bits in Crockford base32
 * (no I, L, O, U), as "XXXXX-XXXXX": the customer can read it from the
 * paper and the office can compare it with what the app shows.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Characters in a code, not counting the '-'. */
#define AFS_VERIFICATION_CODE_LENGTH 10

gboolean  afs_sha256_hex_is_valid           (const char  *sha256_hex);
char     *afs_verification_code_from_sha256 (const char  *sha256_hex,
                                             GError     **error);
char     *afs_verification_code_normalize   (const char  *typed,
                                             GError     **error);
gboolean  afs_verification_code_matches     (const char  *typed,
                                             const char  *sha256_hex);

G_END_DECLS
