/* afs-office-auth.h: passwords and session tokens. Passwords are kept as
 * yescrypt hashes (crypt(3)); tokens are 32 random bytes, given to the
 * device once and kept on the server only as their SHA-256.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *afs_office_password_hash   (const char *password, GError **error);
/* Constant-time in the hash comparison; FALSE for a malformed hash. */
gboolean  afs_office_password_verify (const char *password, const char *hash);
/* 43 characters, base64url without padding. */
char     *afs_office_token_new       (void);
/* Lowercase hex SHA-256 of @token. */
char     *afs_office_token_hash      (const char *token);

G_END_DECLS
