/* afs-office-sync.h: the sync rules on the server side: sign-in, push
 * exactly once with per-field conflict classes and scope, pull by scope
 * (docs/sync-protocol.md). Over an AfsOfficeStorage; no HTTP here.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-office-blobs.h"
#include "afs-office-decode.h"
#include "afs-office-storage.h"

G_BEGIN_DECLS

#define AFS_OFFICE_NUMBER_BLOCK 1000

/* Who is calling: the session's device and its user. */
typedef struct {
  AfsOfficeUser   *user;
  AfsOfficeDevice *device;
} AfsOfficeCaller;

void afs_office_caller_clear (AfsOfficeCaller *caller);

/* TRUE for the roles that see and change everything. */
gboolean afs_office_role_sees_all (const char *role);
gboolean afs_office_role_is_valid (const char *role);

/* POST /v1/session. Returns the reply JSON, or NULL with @problem. */
char *afs_office_sync_sign_in (AfsOfficeStorage              *storage,
                               const AfsOfficeSessionRequest *request,
                               gint64                         now,
                               AfsOfficeProblem             **problem);

/* Finds the caller of a bearer token (401 problems otherwise). */
gboolean afs_office_sync_authenticate (AfsOfficeStorage  *storage,
                                       const char        *token,
                                       AfsOfficeCaller   *caller,
                                       AfsOfficeProblem **problem);

/* POST /v1/push: the whole batch in one transaction. Returns the reply
 * JSON (only after the commit), or NULL with @problem (nothing applied). */
char *afs_office_sync_push (AfsOfficeStorage           *storage,
                            AfsOfficeBlobs             *blobs,
                            const AfsOfficeCaller      *caller,
                            const AfsOfficePushRequest *request,
                            gint64                      now,
                            AfsOfficeProblem          **problem);

/* GET /v1/pull. Returns the reply JSON, or NULL with @problem. */
char *afs_office_sync_pull (AfsOfficeStorage      *storage,
                            const AfsOfficeCaller *caller,
                            gint64                 cursor,
                            guint                  limit,
                            AfsOfficeProblem     **problem);

/* POST /v1/numbers. */
char *afs_office_sync_lease_numbers (AfsOfficeStorage      *storage,
                                     const AfsOfficeCaller *caller,
                                     gint64                 year,
                                     AfsOfficeProblem     **problem);

/* Whether the caller may download @sha256. */
gboolean afs_office_sync_blob_visible (AfsOfficeStorage      *storage,
                                       const AfsOfficeCaller *caller,
                                       const char            *sha256,
                                       AfsOfficeProblem     **problem);

G_END_DECLS
