/* afs-credentials.h: the sign-in token, kept in the desktop's secret
 * store (libsecret: GNOME Keyring, KWallet through the Secret Service),
 * never in a plain file or GSettings (issue 5: "Tokens are stored hashed
 * on the server and in libsecret on the client").
 *
 * Schema "org.example.AfterSales.Token", attributes "server" (the base
 * URL) and "user" (the user name): one token per server and user.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AFS_CREDENTIALS_SCHEMA_NAME "org.example.AfterSales.Token"

void      afs_credentials_store_async   (const char          *server,
                                         const char          *user,
                                         const char          *token,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  afs_credentials_store_finish  (GAsyncResult  *result,
                                         GError       **error);

/* Finishes with the token, or NULL and no error when there is none. */
void      afs_credentials_lookup_async  (const char          *server,
                                         const char          *user,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char     *afs_credentials_lookup_finish (GAsyncResult  *result,
                                         GError       **error);

void      afs_credentials_clear_async   (const char          *server,
                                         const char          *user,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  afs_credentials_clear_finish  (GAsyncResult  *result,
                                         GError       **error);

/* Blocking versions, for worker threads and the command line. */
gboolean  afs_credentials_store   (const char *server, const char *user, const char *token,
                                   GCancellable *cancellable, GError **error);
char     *afs_credentials_lookup  (const char *server, const char *user,
                                   GCancellable *cancellable, GError **error);
gboolean  afs_credentials_clear   (const char *server, const char *user,
                                   GCancellable *cancellable, GError **error);

G_END_DECLS
