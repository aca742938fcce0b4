/* afs-office-decode.h: request bodies → validated C structs.
 *
 * Pure functions: no server, no storage, no globals, so a fuzzer can
 * drive them (tests/server/fuzz-decode.c). Every member is checked for
 * presence, JSON type and value; members the protocol does not name are
 * refused (docs/sync-protocol.md 1). Table and field names are checked
 * against afs-sync-fields.h, so nothing after this point builds SQL or a
 * path from a name it has not looked up.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "afs-office-problem.h"
#include "afs-sync-fields.h"

G_BEGIN_DECLS

#define AFS_OFFICE_MAX_BATCH     500
#define AFS_OFFICE_MAX_PAGE      1000
#define AFS_OFFICE_DEFAULT_PAGE  500

typedef enum {
  AFS_OFFICE_OP_INSERT,
  AFS_OFFICE_OP_UPDATE,
  AFS_OFFICE_OP_DELETE,
} AfsOfficeOp;

typedef struct {
  const AfsSyncField *field;
  JsonNode           *old_value;  /* never NULL: a JSON null node for null */
  JsonNode           *new_value;
} AfsOfficeFieldChange;

typedef struct {
  gint64              seq;
  const AfsSyncTable *table;
  char               *row_id;
  AfsOfficeOp         op;
  char               *hlc;
  GPtrArray          *fields;     /* AfsOfficeFieldChange */
} AfsOfficeChange;

typedef struct {
  char      *device_id;
  GPtrArray *changes;             /* AfsOfficeChange, seq consecutive */
} AfsOfficePushRequest;

typedef struct {
  char   *user;
  char   *password;
  char   *device_id;
  char   *device_name;
  gint64  protocol;
  gint64  schema;
} AfsOfficeSessionRequest;

void afs_office_push_request_free    (AfsOfficePushRequest *request);
void afs_office_session_request_free (AfsOfficeSessionRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsOfficePushRequest, afs_office_push_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsOfficeSessionRequest, afs_office_session_request_free)

/* Each returns the request, or NULL with @problem set. @schema: the
 * device's schema: fields added by later steps are unknown to it. */
AfsOfficePushRequest    *afs_office_decode_push    (const char        *data,
                                                    gsize              length,
                                                    int                schema,
                                                    AfsOfficeProblem **problem);
AfsOfficeSessionRequest *afs_office_decode_session (const char        *data,
                                                    gsize              length,
                                                    AfsOfficeProblem **problem);
/* {"year": integer} (2000..9999) */
gboolean  afs_office_decode_numbers  (const char *data, gsize length,
                                      gint64 *year, AfsOfficeProblem **problem);
/* {"size": integer ≥ 0} */
gboolean  afs_office_decode_complete (const char *data, gsize length,
                                      gint64 *size, AfsOfficeProblem **problem);
/* The query of GET /v1/pull (@query may be NULL). */
gboolean  afs_office_decode_pull_query (GHashTable *query,
                                        gint64 *cursor, guint *limit,
                                        AfsOfficeProblem **problem);

/* 64 lowercase hex characters, nothing else. */
gboolean  afs_office_blob_name_is_valid (const char *name);
/* A lowercase UUID (36 characters, hyphens at 8, 13, 18, 23). */
gboolean  afs_office_uuid_is_valid      (const char *text);
/* The token of "Bearer <token>", or NULL. */
char     *afs_office_decode_bearer      (const char *authorization);
/* A decimal Upload-Offset header: ≥ 0, digits only. */
gboolean  afs_office_decode_offset      (const char *header, gint64 *offset);

const char *afs_office_op_to_string (AfsOfficeOp op);

G_END_DECLS
