/* afs-sync-private.h: what the files of the sync client share. One sync
 * runs as a job on a worker thread with its own SoupSession (the
 * synchronous libsoup API): the main loop never waits on the network,
 * and the job reports progress to the client's main context.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "afs-sync-client.h"
#include "afs-store-sync.h"

G_BEGIN_DECLS

/* Changes per push (the protocol allows 500) and rows per pull page. */
#define AFS_SYNC_PUSH_BATCH  500
#define AFS_SYNC_PULL_LIMIT  500
/* Bytes per blob PATCH. */
#define AFS_SYNC_CHUNK_SIZE  (1024 * 1024)
/* Ask for the next block of case numbers below this many left. */
#define AFS_SYNC_NUMBERS_LOW 100

typedef struct {
  AfsSyncClient *client;         /* for progress; touched only through _post */
  GMainContext  *context;        /* the client's */
  AfsStore      *store;
  SoupSession   *session;
  char          *base_url;       /* without the trailing slash */
  char          *token;
  char          *device_id;
  char          *photo_dir;
  guint          chunk_size;
  GCancellable  *cancellable;
  AfsSyncReport  report;
  guint64        bytes_sent;
  guint64        bytes_total;
} AfsSyncJob;

AfsSyncJob  *afs_sync_job_new       (AfsSyncClient *client, const char *token);
void         afs_sync_job_free      (AfsSyncJob *job);

/* Progress to the client's properties, on its main context. */
void         afs_sync_job_post_bytes (AfsSyncJob *job);

/* An HTTP reply: status, the JSON body when there is one, the error code
 * and message of an error body. */
typedef struct {
  guint               status;
  JsonNode           *json;
  char               *error_code;
  char               *message;
  SoupMessageHeaders *headers;
} AfsHttpReply;

void         afs_http_reply_clear   (AfsHttpReply *reply);

/* Sends @method @path (relative to the base URL) with @body (JSON, or
 * NULL) and reads the reply. FALSE with @error only when no HTTP reply
 * arrived (AFS_SYNC_ERROR_OFFLINE, or G_IO_ERROR_CANCELLED). */
gboolean     afs_sync_http_json     (AfsSyncJob    *job,
                                     const char    *method,
                                     const char    *path,
                                     JsonNode      *body,
                                     AfsHttpReply  *reply,
                                     GError       **error);
/* The same with raw bytes (blob chunks) and extra headers (name, value
 * pairs, NULL-terminated). */
gboolean     afs_sync_http_bytes    (AfsSyncJob    *job,
                                     const char    *method,
                                     const char    *path,
                                     GBytes        *body,
                                     AfsHttpReply  *reply,
                                     GBytes       **out_body,
                                     GError       **error,
                                     ...) G_GNUC_NULL_TERMINATED;

/* Turns a non-2xx reply into an AFS_SYNC_ERROR with a sentence that says
 * what happened and what to do. Always returns FALSE. */
gboolean     afs_sync_reply_error   (const AfsHttpReply *reply,
                                     GError            **error);

/* A transport error (GIOError, GResolverError, TLS) as
 * AFS_SYNC_ERROR_OFFLINE, keeping cancellation as it is. */
void         afs_sync_transport_error (GError  *cause,
                                       const char *base_url,
                                       GError **error);

/* Member helpers: FALSE with AFS_SYNC_ERROR_PROTOCOL when missing. */
gboolean     afs_sync_json_int      (JsonNode *node, const char *member, gint64 *out, GError **error);
const char  *afs_sync_json_string   (JsonNode *node, const char *member);

/* The steps of one sync. */
gboolean     afs_sync_upload_blobs   (AfsSyncJob *job, GError **error);
gboolean     afs_sync_download_blobs (AfsSyncJob *job, GError **error);
gboolean     afs_sync_push           (AfsSyncJob *job, GError **error);
gboolean     afs_sync_pull           (AfsSyncJob *job, GError **error);
gboolean     afs_sync_lease_numbers  (AfsSyncJob *job, gboolean only_when_low, GError **error);
/* Stores a number_block object from the server. */
gboolean     afs_sync_store_number_block (AfsSyncJob *job, JsonNode *block, GError **error);

/* The local original of a photo, or NULL when it is not on this device. */
char        *afs_sync_find_photo     (const char *photo_dir, const char *sha256);
/* Where a downloaded photo is stored. */
char        *afs_sync_photo_path     (const char *photo_dir, const char *sha256, gboolean png);

G_END_DECLS
