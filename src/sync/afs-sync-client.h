/* afs-sync-client.h: the device side of sync with the central office
 * (docs/sync-protocol.md, docs/sync-client.md).
 *
 * One AfsSyncClient per open store. It signs in (the token goes to
 * libsecret, never to a file or GSettings), then each sync_async() pushes
 * the outbox in batches (the server acknowledges a number; only rows up
 * to it are deleted), uploads the photos the server does not have yet
 * (resumable, verified by SHA-256; the local original is never deleted
 * because of an error), and pulls the office's changes page by page,
 * storing each page and its cursor in one transaction.
 *
 * The screens watch the properties (GObject notify, always emitted on
 * the main context the client was made in): "state", "pending-count",
 * "last-error", "photo-bytes-sent" / "photo-bytes-total",
 * "last-sync-time", "signed-in". They never block: every network call
 * is _async and cancellable.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "afs-store.h"

G_BEGIN_DECLS

/* The protocol this client speaks (docs/sync-protocol.md). */
#define AFS_SYNC_PROTOCOL_VERSION 1

#define AFS_SYNC_ERROR (afs_sync_error_quark ())

/* What went wrong, so the screen can say what to do. Every error's
 * message already says it in words (translated): show it as it is. */
typedef enum {
  AFS_SYNC_ERROR_FAILED,          /* anything else; the message says what */
  AFS_SYNC_ERROR_OFFLINE,         /* no network, server unreachable: retry later, work goes on */
  AFS_SYNC_ERROR_NOT_SIGNED_IN,   /* no token yet: sign in */
  AFS_SYNC_ERROR_SIGN_IN,         /* 401: wrong password, token expired or device revoked: sign in again */
  AFS_SYNC_ERROR_CLIENT_TOO_OLD,  /* 426: update AfterSales on this computer */
  AFS_SYNC_ERROR_SERVER_TOO_OLD,  /* the office service must be updated */
  AFS_SYNC_ERROR_REFUSED,         /* the server refused a change (4xx); the message names it */
  AFS_SYNC_ERROR_SERVER,          /* the server failed (5xx): retry later */
  AFS_SYNC_ERROR_PROTOCOL,        /* a reply we cannot read */
  AFS_SYNC_ERROR_PENDING,         /* sign-out refused: changes not sent yet */
  AFS_SYNC_ERROR_CANCELLED,       /* not used: cancellation is G_IO_ERROR_CANCELLED */
} AfsSyncError;

GQuark afs_sync_error_quark (void);

/* What the header bar shows. */
typedef enum {
  AFS_SYNC_STATE_IDLE,      /* synced (or nothing to do); see pending-count */
  AFS_SYNC_STATE_SYNCING,   /* a sync runs; photo progress in photo-bytes-* */
  AFS_SYNC_STATE_OFFLINE,   /* the server cannot be reached; work stays in the outbox */
  AFS_SYNC_STATE_ERROR,     /* the last sync failed; last-error says why and what to do */
} AfsSyncState;

GType afs_sync_state_get_type (void);
#define AFS_TYPE_SYNC_STATE (afs_sync_state_get_type ())

#define AFS_TYPE_SYNC_CLIENT (afs_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (AfsSyncClient, afs_sync_client, AFS, SYNC_CLIENT, GObject)

/**
 * afs_sync_client_new:
 * @store: the open store (the client keeps a reference)
 *
 * The server URL and user are read from the store (the last sign-in on
 * this file); until then the client is not signed in.
 */
AfsSyncClient *afs_sync_client_new (AfsStore *store);

AfsStore     *afs_sync_client_get_store        (AfsSyncClient *self);
/* The server's base URL ("https://office.example:8443"), or NULL. */
const char   *afs_sync_client_get_server_url   (AfsSyncClient *self);
/* The user name signed in last, or NULL. */
const char   *afs_sync_client_get_user         (AfsSyncClient *self);
/* The staff id and role the server gave at sign-in (NULL / -1 before). */
const char   *afs_sync_client_get_staff_id     (AfsSyncClient *self);
int           afs_sync_client_get_role         (AfsSyncClient *self);   /* AfsRole */
gboolean      afs_sync_client_get_signed_in    (AfsSyncClient *self);

AfsSyncState  afs_sync_client_get_state        (AfsSyncClient *self);
/* Changes waiting to be pushed (outbox rows) plus photos not yet on the server. */
guint         afs_sync_client_get_pending_count (AfsSyncClient *self);
/* The last error as a sentence that says what happened and what to do,
 * or NULL when the last sync succeeded. */
const char   *afs_sync_client_get_last_error   (AfsSyncClient *self);
/* The code of the last error (AfsSyncError), -1 when none. */
int           afs_sync_client_get_last_error_code (AfsSyncClient *self);
/* Photo bytes sent and to send in the sync running now (0 / 0 when none). */
guint64       afs_sync_client_get_photo_bytes_sent  (AfsSyncClient *self);
guint64       afs_sync_client_get_photo_bytes_total (AfsSyncClient *self);
/* Unix seconds of the last successful sync, 0 = never. */
gint64        afs_sync_client_get_last_sync_time (AfsSyncClient *self);

/* Where the photo files are (originals by SHA-256, afs-photo-path.h:
 * <dir>/<sha[0..1]>/<sha>.jpg|png). Default: $AFS_PHOTO_DIR, else
 * "photos" beside the database (the visit screens' folder). */
void          afs_sync_client_set_photo_dir    (AfsSyncClient *self, const char *dir);
const char   *afs_sync_client_get_photo_dir    (AfsSyncClient *self);

/**
 * afs_sync_client_restore_session_async:
 *
 * Looks up the token of the last sign-in in libsecret, so the app syncs
 * without asking for the password again. Finishes TRUE when a token was
 * found ("signed-in" becomes TRUE), FALSE without error when none was.
 */
void          afs_sync_client_restore_session_async  (AfsSyncClient       *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean      afs_sync_client_restore_session_finish (AfsSyncClient  *self,
                                                      GAsyncResult   *result,
                                                      GError        **error);

/**
 * afs_sync_client_sign_in_async:
 * @server_url: the office service, e.g. "https://office.example:8443"
 *
 * Checks versions (GET /v1/hello: AFS_SYNC_ERROR_CLIENT_TOO_OLD or
 * _SERVER_TOO_OLD, with a message naming the side to update), signs in,
 * stores the token in libsecret and the URL, user, staff id and role in
 * the store. Signing in as another user or to another server than the
 * last one is refused while changes are pending (AFS_SYNC_ERROR_PENDING).
 */
void          afs_sync_client_sign_in_async  (AfsSyncClient       *self,
                                              const char          *server_url,
                                              const char          *user,
                                              const char          *password,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      afs_sync_client_sign_in_finish (AfsSyncClient  *self,
                                              GAsyncResult   *result,
                                              GError        **error);

/**
 * afs_sync_client_sign_out_async:
 * @discard_pending: drop the changes not sent yet (the user has seen the
 *   list from afs_store_list_pending() and agreed)
 *
 * Forgets the token (libsecret). With changes pending and
 * @discard_pending FALSE it refuses with AFS_SYNC_ERROR_PENDING and
 * changes nothing.
 */
void          afs_sync_client_sign_out_async  (AfsSyncClient       *self,
                                               gboolean             discard_pending,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      afs_sync_client_sign_out_finish (AfsSyncClient  *self,
                                               GAsyncResult   *result,
                                               GError        **error);

/**
 * afs_sync_client_sync_async:
 *
 * One full sync: push the outbox in batches, upload missing photos, pull
 * until the server has nothing more. At most one runs at a time: a call
 * while one runs joins it (finishes with it). On failure "state" becomes
 * OFFLINE (AFS_SYNC_ERROR_OFFLINE) or ERROR and "last-error" says why;
 * nothing acknowledged is lost, nothing unacknowledged is dropped, and a
 * later call carries on where this one stopped.
 */
void          afs_sync_client_sync_async  (AfsSyncClient       *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      afs_sync_client_sync_finish (AfsSyncClient  *self,
                                           GAsyncResult   *result,
                                           GError        **error);

/* Synchronous variant for the command line and tests: runs its own main
 * context until the sync ends. */
gboolean      afs_sync_client_sync         (AfsSyncClient  *self,
                                            GCancellable   *cancellable,
                                            GError        **error);
gboolean      afs_sync_client_sign_in      (AfsSyncClient  *self,
                                            const char     *server_url,
                                            const char     *user,
                                            const char     *password,
                                            GCancellable   *cancellable,
                                            GError        **error);

gboolean      afs_sync_client_restore_session (AfsSyncClient  *self,
                                               GCancellable   *cancellable,
                                               GError        **error);

/* Seconds without progress before a request is given up (default 60):
 * a stalled connection ends as OFFLINE, never as a hang. */
void          afs_sync_client_set_timeout      (AfsSyncClient *self, guint seconds);
/* Bytes per photo upload request (default 1 MiB; tests use small ones). */
void          afs_sync_client_set_chunk_size   (AfsSyncClient *self, guint bytes);
/* A PEM file of the certificate authorities to trust for the office
 * server (a self-signed certificate); NULL: the system's. */
void          afs_sync_client_set_tls_ca_file  (AfsSyncClient *self, const char *path);
/* Use @token without looking it up (tests, scripts that hold one). */
void          afs_sync_client_set_token        (AfsSyncClient *self, const char *token);

/* Re-read "pending-count" from the store (call after local edits; the
 * client also does it after every sync). */
void          afs_sync_client_refresh_pending (AfsSyncClient *self);

/* What the last sync did, for the command line and logs. */
typedef struct {
  guint   pushed;          /* changes acknowledged by the server */
  guint   pulled;          /* changes applied from the server */
  guint   photos_sent;     /* blobs uploaded (or found already there) */
  guint64 photo_bytes;     /* bytes uploaded */
  guint   conflicts;       /* conflict records received */
  guint   evicted;         /* rows that left this device's scope */
  guint   refused;         /* changes the server refused for good (out of
                            * scope), set aside: afs_store_list_refused() */
} AfsSyncReport;

void          afs_sync_client_get_report   (AfsSyncClient *self,
                                            AfsSyncReport *out);

G_END_DECLS
