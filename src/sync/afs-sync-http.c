/* afs-sync-http.c: requests to the office service and what their errors
 * mean for the person at the laptop (docs/sync-protocol.md section 1).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-sync-private.h"

G_DEFINE_QUARK (afs-sync-error-quark, afs_sync_error)

void
afs_http_reply_clear (AfsHttpReply *reply)
{
  g_clear_pointer (&reply->json, json_node_unref);
  g_clear_pointer (&reply->error_code, g_free);
  g_clear_pointer (&reply->message, g_free);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  reply->status = 0;
}

void
afs_sync_transport_error (GError      *cause,
                          const char  *base_url,
                          GError     **error)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_error_copy (cause));
      return;
    }

  if (cause->domain == G_TLS_ERROR)
    {
      g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED,
                   _("The office server %s could not prove who it is (%s). Check the server "
                     "address, or ask the administrator about its certificate."),
                   base_url, cause->message);
      return;
    }

  /* Unreachable, refused, reset, cut off, timed out, name not found:
   * all mean "not now": the work stays on this computer. */
  g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_OFFLINE,
               _("The office server %s cannot be reached (%s). Your work is kept on this "
                 "computer and will be sent when the connection is back."),
               base_url, cause->message);
}

static SoupMessage *
new_message (AfsSyncJob  *job,
             const char  *method,
             const char  *path)
{
  g_autofree char *url = g_strconcat (job->base_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  if (msg == NULL)
    return NULL;
  if (job->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", job->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg),
                                    "Authorization", auth);
    }
  return msg;
}

static gboolean
send_message (AfsSyncJob    *job,
              SoupMessage   *msg,
              AfsHttpReply  *reply,
              GBytes       **out_body,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *type;

  memset (reply, 0, sizeof *reply);
  body = soup_session_send_and_read (job->session, msg, job->cancellable, &local_error);
  if (body == NULL)
    {
      afs_sync_transport_error (local_error, job->base_url, error);
      return FALSE;
    }

  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  type = soup_message_headers_get_content_type (reply->headers, NULL);

  if (type != NULL && g_str_equal (type, "application/json") && g_bytes_get_size (body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      gsize size;
      const char *data = g_bytes_get_data (body, &size);

      if (json_parser_load_from_data (parser, data, size, NULL))
        reply->json = json_node_ref (json_parser_get_root (parser));
    }

  if (reply->status >= 400 && reply->json != NULL && JSON_NODE_HOLDS_OBJECT (reply->json))
    {
      reply->error_code = g_strdup (afs_sync_json_string (reply->json, "error"));
      reply->message = g_strdup (afs_sync_json_string (reply->json, "message"));
    }

  if (out_body != NULL)
    *out_body = g_steal_pointer (&body);

  return TRUE;
}

gboolean
afs_sync_http_json (AfsSyncJob    *job,
                    const char    *method,
                    const char    *path,
                    JsonNode      *body,
                    AfsHttpReply  *reply,
                    GError       **error)
{
  g_autoptr(SoupMessage) msg = new_message (job, method, path);

  if (msg == NULL)
    {
      g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED,
                   _("“%s” is not a valid server address. Type it like "
                     "https://office.example.com:8443."),
                   job->base_url);
      return FALSE;
    }

  if (body != NULL)
    {
      g_autofree char *text = json_to_string (body, FALSE);
      gsize len = strlen (text);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), len);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  return send_message (job, msg, reply, NULL, error);
}

gboolean
afs_sync_http_bytes (AfsSyncJob    *job,
                     const char    *method,
                     const char    *path,
                     GBytes        *body,
                     AfsHttpReply  *reply,
                     GBytes       **out_body,
                     GError       **error,
                     ...)
{
  g_autoptr(SoupMessage) msg = new_message (job, method, path);
  SoupMessageHeaders *headers;
  const char *name;
  va_list args;

  if (msg == NULL)
    {
      g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED,
                   _("“%s” is not a valid server address. Type it like "
                     "https://office.example.com:8443."),
                   job->base_url);
      return FALSE;
    }

  headers = soup_message_get_request_headers (msg);
  va_start (args, error);
  while ((name = va_arg (args, const char *)) != NULL)
    soup_message_headers_replace (headers, name, va_arg (args, const char *));
  va_end (args);

  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/octet-stream", body);

  return send_message (job, msg, reply, out_body, error);
}

gboolean
afs_sync_reply_error (const AfsHttpReply  *reply,
                      GError             **error)
{
  const char *code = reply->error_code != NULL ? reply->error_code : "";
  const char *detail = reply->message != NULL ? reply->message : "";

  if (reply->status == 401)
    {
      if (g_str_equal (code, "revoked"))
        g_set_error_literal (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_SIGN_IN,
                             _("The office has withdrawn this computer's access. Ask the "
                               "administrator to allow it again, then sign in."));
      else if (g_str_equal (code, "bad_credentials"))
        g_set_error_literal (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_SIGN_IN,
                             _("The user name or password is wrong. Check them and sign in "
                               "again."));
      else
        g_set_error_literal (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_SIGN_IN,
                             _("The office server no longer accepts this sign-in. Sign in "
                               "again; your work on this computer is kept."));
      return FALSE;
    }

  if (reply->status == 426)
    {
      if (g_str_equal (code, "server_too_old"))
        g_set_error_literal (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_SERVER_TOO_OLD,
                             _("The office server is older than this AfterSales. Ask the "
                               "administrator to update the office service; your work is "
                               "kept until then."));
      else
        g_set_error_literal (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_CLIENT_TOO_OLD,
                             _("This AfterSales is too old for the office server. Update "
                               "AfterSales on this computer; your work is kept until then."));
      return FALSE;
    }

  if (reply->status >= 500 || reply->status == 0)
    {
      g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_SERVER,
                   _("The office server failed (HTTP %u: %s). Nothing was lost; sync again "
                     "later, and tell the administrator if it goes on."),
                   reply->status, detail);
      return FALSE;
    }

  if (g_str_equal (code, "out_of_scope") || g_str_equal (code, "forbidden"))
    {
      g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_REFUSED,
                   _("The office server refused a change you may not make (%s). Ask the "
                     "office to assign the case to you, or resolve it there."),
                   detail);
      return FALSE;
    }

  if (g_str_equal (code, "device_taken"))
    {
      g_set_error_literal (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_SIGN_IN,
                           _("This computer is registered to another user on the office "
                             "server. Sign in as that user, or ask the administrator."));
      return FALSE;
    }

  if (reply->status == 404 && reply->error_code == NULL)
    {
      g_set_error_literal (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_PROTOCOL,
                           _("This address does not answer like an AfterSales office server. "
                             "Check the server address."));
      return FALSE;
    }

  g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_REFUSED,
               /* Translators: %u is an HTTP status, the first %s a code like
                * "wrong_type", the second the server's explanation (English) */
               _("The office server refused the request (HTTP %u, %s: %s). Your work is kept "
                 "on this computer; tell the administrator."),
               reply->status, code, detail);
  return FALSE;
}

gboolean
afs_sync_json_int (JsonNode    *node,
                   const char  *member,
                   gint64      *out,
                   GError     **error)
{
  JsonObject *obj;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto bad;
  obj = json_node_get_object (node);
  value = json_object_get_member (obj, member);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_INT64)
    goto bad;
  *out = json_node_get_int (value);
  return TRUE;

bad:
  g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_PROTOCOL,
               _("The office server sent a reply without “%s”. Check that the server address "
                 "is an AfterSales office server, and that both are up to date."),
               member);
  return FALSE;
}

const char *
afs_sync_json_string (JsonNode   *node,
                      const char *member)
{
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  value = json_object_get_member (json_node_get_object (node), member);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (value);
}
