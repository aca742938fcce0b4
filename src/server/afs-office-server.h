/* afs-office-server.h: the HTTP face of the office service (libsoup 3
 * SoupServer): routes /v1/… to the sync rules and the blob store.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AFS_OFFICE_MAX_JSON (8 * 1024 * 1024)

typedef struct _AfsOfficeServer AfsOfficeServer;

/* Opens the storage and blobs in @data_dir. @tls: (nullable). */
AfsOfficeServer *afs_office_server_new    (const char       *data_dir,
                                           GTlsCertificate  *tls,
                                           GError          **error);
void             afs_office_server_free   (AfsOfficeServer  *self);
/* Listens on @address:@port (port 0: a free one). Returns the URI
 * clients use ("http://127.0.0.1:41234/"), or NULL with @error. */
char            *afs_office_server_listen (AfsOfficeServer  *self,
                                           const char       *address,
                                           guint             port,
                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsOfficeServer, afs_office_server_free)

G_END_DECLS
