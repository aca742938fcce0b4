/* afs-office-server.c: see afs-office-server.h.
 *
 * Size limits are checked in an early handler, on the headers, so an
 * oversized body is refused (413) before it is read. Every error is a
 * JSON reply (afs-office-problem.h); a handler never leaves a request
 * half-applied: the sync layer commits or rolls back as a whole.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <libsoup/soup.h>

#include "afs-office-auth.h"
#include "afs-office-blobs.h"
#include "afs-office-decode.h"
#include "afs-office-server.h"
#include "afs-office-storage.h"
#include "afs-office-sync.h"
#include "afs-uuid.h"

struct _AfsOfficeServer {
  SoupServer       *soup;
  AfsOfficeStorage *storage;
  AfsOfficeBlobs   *blobs;
  char             *server_id;
};

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            char              *json)   /* (transfer full) */
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    json, strlen (json));
}

static void
reply_problem (SoupServerMessage *msg,
               AfsOfficeProblem  *problem)   /* (transfer full) */
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);

  if (problem->offset >= 0 && g_strcmp0 (problem->code, "offset_mismatch") == 0)
    {
      g_autofree char *off = g_strdup_printf ("%lld", (long long) problem->offset);
      soup_message_headers_replace (h, "Upload-Offset", off);
    }
  reply_json (msg, problem->status, afs_office_problem_to_json (problem));
  afs_office_problem_free (problem);
}

/* Path after /v1/blobs/: the name, and whether it ends in /complete. */
static const char *
blob_suffix (const char *path)
{
  return g_str_has_prefix (path, "/v1/blobs/") ? path + strlen ("/v1/blobs/") : NULL;
}

static gint64
body_limit (const char *method,
            const char *path)
{
  if (g_strcmp0 (method, "PATCH") == 0 && blob_suffix (path) != NULL)
    return AFS_OFFICE_MAX_CHUNK;
  return AFS_OFFICE_MAX_JSON;
}

/* Runs on the headers, before the body is read. */
static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  SoupEncoding enc = soup_message_headers_get_encoding (h);
  gint64 limit = body_limit (method, path);

  if (enc == SOUP_ENCODING_CHUNKED || enc == SOUP_ENCODING_EOF)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      AfsOfficeProblem *p = afs_office_problem_new (411, "length_required",
                                                    "Send the body with a Content-Length.");
      reply_problem (msg, p);
      return;
    }
  if (enc == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (h) > limit)
    {
      AfsOfficeProblem *p = afs_office_problem_new (413, "too_large",
                                                    "The body has %lld bytes; at most %lld are "
                                                    "accepted here.",
                                                    (long long) soup_message_headers_get_content_length (h),
                                                    (long long) limit);
      p->limit = limit;
      /* A client that sent "Expect: 100-continue" is spared the body;
       * from any other the body is read and dropped, never kept. */
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      reply_problem (msg, p);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
    }
}

/* libsoup refuses some requests itself before any handler runs (a path
 * that climbs with "..", unparsable headers); give those a JSON body too. */
static void
on_request_read (SoupServer        *server,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  guint status = soup_server_message_get_status (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;

  if (status < 400 || body->length > 0)
    return;
  if (path != NULL && g_str_has_prefix (path, "/v1/blobs/"))
    reply_problem (msg, afs_office_problem_new (400, "bad_blob_name",
                                                "A blob name is the SHA-256 of its bytes: 64 "
                                                "lowercase hex characters, nothing else."));
  else
    reply_problem (msg, afs_office_problem_new (status, "bad_request",
                                                "The request could not be read (%u).", status));
}

static GBytes *
request_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  return soup_message_body_flatten (body);
}

static gboolean
authenticate (AfsOfficeServer   *self,
              SoupServerMessage *msg,
              AfsOfficeCaller   *caller)
{
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  g_autofree char *token = afs_office_decode_bearer (soup_message_headers_get_one (h, "Authorization"));
  AfsOfficeProblem *problem = NULL;

  if (!afs_office_sync_authenticate (self->storage, token, caller, &problem))
    {
      reply_problem (msg, problem);
      return FALSE;
    }
  return TRUE;
}

static void
method_not_allowed (SoupServerMessage *msg,
                    const char        *allowed)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allowed);
  reply_problem (msg, afs_office_problem_new (405, "method_not_allowed",
                                              "Use %s for this path.", allowed));
}

static void
handle_hello (AfsOfficeServer   *self,
              SoupServerMessage *msg)
{
  reply_json (msg, 200,
              g_strdup_printf ("{\"protocol\":%d,\"min_protocol\":%d,\"schema\":%d,"
                               "\"min_schema\":%d,\"server_id\":\"%s\"}",
                               AFS_SYNC_PROTOCOL, AFS_SYNC_MIN_PROTOCOL, AFS_SYNC_SCHEMA,
                               AFS_SYNC_MIN_SCHEMA, self->server_id));
}

static void
handle_session (AfsOfficeServer   *self,
                SoupServerMessage *msg,
                const char        *method)
{
  AfsOfficeProblem *problem = NULL;

  if (g_strcmp0 (method, "POST") == 0)
    {
      g_autoptr(GBytes) body = request_body (msg);
      g_autoptr(AfsOfficeSessionRequest) r = NULL;
      gsize len;
      const char *data = g_bytes_get_data (body, &len);
      char *reply;

      r = afs_office_decode_session (data, len, &problem);
      if (r == NULL)
        return reply_problem (msg, problem);
      reply = afs_office_sync_sign_in (self->storage, r, g_get_real_time () / G_USEC_PER_SEC,
                                       &problem);
      if (reply == NULL)
        return reply_problem (msg, problem);
      reply_json (msg, 200, reply);
    }
  else if (g_strcmp0 (method, "DELETE") == 0)
    {
      SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
      g_autofree char *token = afs_office_decode_bearer (soup_message_headers_get_one (h, "Authorization"));
      g_autofree char *hash = NULL;
      AfsOfficeCaller caller = { 0 };
      g_autoptr(GError) error = NULL;

      if (!authenticate (self, msg, &caller))
        return;
      afs_office_caller_clear (&caller);
      hash = afs_office_token_hash (token);
      if (!self->storage->vt->delete_session (self->storage, hash, &error))
        return reply_problem (msg, afs_office_problem_new (500, "internal", "%s", error->message));
      soup_server_message_set_status (msg, 204, NULL);
    }
  else
    method_not_allowed (msg, "POST, DELETE");
}

static void
handle_push (AfsOfficeServer   *self,
             SoupServerMessage *msg)
{
  AfsOfficeCaller caller = { 0 };
  AfsOfficeProblem *problem = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(AfsOfficePushRequest) r = NULL;
  const char *data;
  gsize len;
  char *reply;

  if (!authenticate (self, msg, &caller))
    return;
  body = request_body (msg);
  data = g_bytes_get_data (body, &len);
  r = afs_office_decode_push (data, len, (int) caller.device->schema, &problem);
  if (r != NULL)
    reply = afs_office_sync_push (self->storage, self->blobs, &caller, r,
                                  g_get_real_time () / G_USEC_PER_SEC, &problem);
  else
    reply = NULL;
  afs_office_caller_clear (&caller);
  if (reply == NULL)
    return reply_problem (msg, problem);
  reply_json (msg, 200, reply);
}

static void
handle_pull (AfsOfficeServer   *self,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  AfsOfficeCaller caller = { 0 };
  AfsOfficeProblem *problem = NULL;
  gint64 cursor;
  guint limit;
  char *reply = NULL;

  if (!authenticate (self, msg, &caller))
    return;
  if (afs_office_decode_pull_query (query, &cursor, &limit, &problem))
    reply = afs_office_sync_pull (self->storage, &caller, cursor, limit, &problem);
  afs_office_caller_clear (&caller);
  if (reply == NULL)
    return reply_problem (msg, problem);
  reply_json (msg, 200, reply);
}

static void
handle_numbers (AfsOfficeServer   *self,
                SoupServerMessage *msg)
{
  AfsOfficeCaller caller = { 0 };
  AfsOfficeProblem *problem = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 year;
  gsize len;
  const char *data;
  char *reply = NULL;

  if (!authenticate (self, msg, &caller))
    return;
  body = request_body (msg);
  data = g_bytes_get_data (body, &len);
  if (afs_office_decode_numbers (data, len, &year, &problem))
    reply = afs_office_sync_lease_numbers (self->storage, &caller, year, &problem);
  afs_office_caller_clear (&caller);
  if (reply == NULL)
    return reply_problem (msg, problem);
  reply_json (msg, 200, reply);
}

static void
handle_blob (AfsOfficeServer   *self,
             SoupServerMessage *msg,
             const char        *method,
             const char        *rest)
{
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  AfsOfficeCaller caller = { 0 };
  AfsOfficeProblem *problem = NULL;
  g_autofree char *name = NULL;
  gboolean complete_call = FALSE;
  const char *slash = strchr (rest, '/');

  if (slash != NULL)
    {
      name = g_strndup (rest, slash - rest);
      complete_call = strcmp (slash, "/complete") == 0;
      if (!complete_call)
        return reply_problem (msg, afs_office_problem_new (400, "bad_blob_name",
                                                           "A blob name is 64 lowercase hex "
                                                           "characters, without slashes."));
    }
  else
    name = g_strdup (rest);

  if (!afs_office_blob_name_is_valid (name))
    return reply_problem (msg, afs_office_problem_new (400, "bad_blob_name",
                                                       "A blob name is the SHA-256 of its bytes: "
                                                       "64 lowercase hex characters."));
  if (!authenticate (self, msg, &caller))
    return;

  if (complete_call)
    {
      g_autoptr(GBytes) body = request_body (msg);
      gsize len;
      const char *data = g_bytes_get_data (body, &len);
      gint64 size;

      afs_office_caller_clear (&caller);
      if (g_strcmp0 (method, "POST") != 0)
        return method_not_allowed (msg, "POST");
      if (!afs_office_decode_complete (data, len, &size, &problem) ||
          !afs_office_blobs_complete (self->blobs, name, size, &problem))
        return reply_problem (msg, problem);
      reply_json (msg, 200, g_strdup_printf ("{\"sha256\":\"%s\",\"size\":%lld}", name,
                                             (long long) size));
      return;
    }

  if (g_strcmp0 (method, "HEAD") == 0)
    {
      gint64 offset = 0;
      gint64 size = afs_office_blobs_stat (self->blobs, name, &offset);

      afs_office_caller_clear (&caller);
      if (size >= 0)
        {
          soup_server_message_set_status (msg, 200, NULL);
          soup_message_headers_set_content_length (resp, size);
        }
      else
        {
          g_autofree char *off = g_strdup_printf ("%lld", (long long) offset);
          soup_server_message_set_status (msg, 404, NULL);
          soup_message_headers_replace (resp, "Upload-Offset", off);
          soup_message_headers_set_content_length (resp, 0);
        }
      return;
    }

  if (g_strcmp0 (method, "PATCH") == 0)
    {
      /* The pieces as received, written without joining them first. */
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GPtrArray) chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      gsize len = body->length;
      gint64 offset, size, next;
      GBytes *piece;

      for (goffset at = 0; at < body->length &&
                           (piece = soup_message_body_get_chunk (body, at)) != NULL;
           at += g_bytes_get_size (piece))
        {
          if (g_bytes_get_size (piece) == 0)
            {
              g_bytes_unref (piece);
              break;
            }
          g_ptr_array_add (chunks, piece);
        }

      afs_office_caller_clear (&caller);
      if (!afs_office_decode_offset (soup_message_headers_get_one (req, "Upload-Offset"), &offset))
        return reply_problem (msg, afs_office_problem_at (
                                afs_office_problem_new (400, "bad_value",
                                                        "Upload-Offset must be a whole number "
                                                        "≥ 0 (the bytes the server has)."),
                                "Upload-Offset", -1));
      size = afs_office_blobs_stat (self->blobs, name, NULL);
      if (size >= 0)
        {
          reply_json (msg, 200, g_strdup_printf ("{\"offset\":%lld,\"complete\":true}",
                                                 (long long) size));
          return;
        }
      if (len == 0)
        return reply_problem (msg, afs_office_problem_new (400, "bad_value",
                                                           "A chunk has at least one byte."));
      next = afs_office_blobs_append_chunks (self->blobs, name, offset,
                                             (GBytes *const *) chunks->pdata, chunks->len,
                                             &problem);
      if (next < 0)
        return reply_problem (msg, problem);
      reply_json (msg, 200, g_strdup_printf ("{\"offset\":%lld}", (long long) next));
      return;
    }

  if (g_strcmp0 (method, "GET") == 0)
    {
      g_autofree char *path = NULL;
      g_autoptr(GMappedFile) file = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (!afs_office_sync_blob_visible (self->storage, &caller, name, &problem))
        {
          afs_office_caller_clear (&caller);
          return reply_problem (msg, problem);
        }
      afs_office_caller_clear (&caller);
      path = afs_office_blobs_path (self->blobs, name);
      if (path == NULL || (file = g_mapped_file_new (path, FALSE, NULL)) == NULL)
        return reply_problem (msg, afs_office_problem_new (404, "not_found",
                                                           "The server does not have this blob."));
      bytes = g_mapped_file_get_bytes (file);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      return;
    }

  afs_office_caller_clear (&caller);
  method_not_allowed (msg, "HEAD, PATCH, GET");
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  AfsOfficeServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *rest;

  /* Refused on the headers already. */
  if (soup_server_message_get_status (msg) >= 400)
    return;

  if (g_strcmp0 (path, "/v1/hello") == 0)
    {
      if (g_strcmp0 (method, "GET") != 0)
        return method_not_allowed (msg, "GET");
      return handle_hello (self, msg);
    }
  if (g_strcmp0 (path, "/v1/session") == 0)
    return handle_session (self, msg, method);
  if (g_strcmp0 (path, "/v1/push") == 0)
    {
      if (g_strcmp0 (method, "POST") != 0)
        return method_not_allowed (msg, "POST");
      return handle_push (self, msg);
    }
  if (g_strcmp0 (path, "/v1/pull") == 0)
    {
      if (g_strcmp0 (method, "GET") != 0)
        return method_not_allowed (msg, "GET");
      return handle_pull (self, msg, query);
    }
  if (g_strcmp0 (path, "/v1/numbers") == 0)
    {
      if (g_strcmp0 (method, "POST") != 0)
        return method_not_allowed (msg, "POST");
      return handle_numbers (self, msg);
    }
  if ((rest = blob_suffix (path)) != NULL)
    return handle_blob (self, msg, method, rest);

  reply_problem (msg, afs_office_problem_new (404, "not_found",
                                              "No such path; the protocol's paths start with /v1/ "
                                              "(docs/sync-protocol.md)."));
}

AfsOfficeServer *
afs_office_server_new (const char       *data_dir,
                       GTlsCertificate  *tls,
                       GError          **error)
{
  g_autoptr(AfsOfficeServer) self = g_new0 (AfsOfficeServer, 1);

  self->storage = afs_office_storage_sqlite_open (data_dir, error);
  if (self->storage == NULL)
    return NULL;
  self->blobs = afs_office_blobs_new (data_dir, error);
  if (self->blobs == NULL)
    return NULL;

  self->server_id = self->storage->vt->get_meta (self->storage, "server_id");
  if (self->server_id == NULL)
    {
      self->server_id = afs_uuid7_new ();
      if (!self->storage->vt->set_meta (self->storage, "server_id", self->server_id, error))
        return NULL;
    }

  self->soup = soup_server_new ("server-header", "aftersales-office/" PACKAGE_VERSION " ",
                                "tls-certificate", tls,
                                NULL);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler, self, NULL);
  g_signal_connect (self->soup, "request-read", G_CALLBACK (on_request_read), self);
  return g_steal_pointer (&self);
}

void
afs_office_server_free (AfsOfficeServer *self)
{
  if (self == NULL)
    return;
  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      g_object_unref (self->soup);
    }
  afs_office_storage_free (self->storage);
  afs_office_blobs_free (self->blobs);
  g_free (self->server_id);
  g_free (self);
}

char *
afs_office_server_listen (AfsOfficeServer  *self,
                          const char       *address,
                          guint             port,
                          GError          **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) sa = NULL;
  g_autoptr(GSocket) sock = NULL;
  GSList *uris;
  char *text;
  SoupServerListenOptions options = 0;

  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address.", address);
      return NULL;
    }
  if (soup_server_is_https (self->soup))
    options |= SOUP_SERVER_LISTEN_HTTPS;
  sa = g_inet_socket_address_new (inet, port);
  /* Our own socket, for a backlog that takes a hundred laptops syncing
   * at the same moment (GLib's default is 10: the rest get resets). */
  sock = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                       G_SOCKET_PROTOCOL_TCP, error);
  if (sock == NULL)
    return NULL;
  g_socket_set_option (sock, SOL_SOCKET, SO_REUSEADDR, 1, NULL);
  g_socket_set_listen_backlog (sock, 1024);
  if (!g_socket_bind (sock, sa, TRUE, error) || !g_socket_listen (sock, error) ||
      !soup_server_listen_socket (self->soup, sock, options, error))
    return NULL;

  uris = soup_server_get_uris (self->soup);
  text = uris != NULL ? g_uri_to_string (uris->data) : NULL;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return text;
}
