/* afs-sync-push.c: the outbox to the server, exactly once
 * (docs/sync-protocol.md section 4).
 *
 * The outbox is read from its first row each time and rows are deleted
 * only up to the number the server acknowledged, after its reply: a lost
 * reply makes the next push send the same numbers again, which the
 * server acknowledges as replays without applying them twice.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-sync-private.h"

static JsonNode *
build_push (AfsSyncJob  *job,
            GPtrArray   *batch,
            GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "device_id");
  json_builder_add_string_value (b, job->device_id);
  json_builder_set_member_name (b, "changes");
  json_builder_begin_array (b);
  for (guint i = 0; i < batch->len; i++)
    {
      const AfsOutboxEntry *e = batch->pdata[i];
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      if (!json_parser_load_from_data (parser, e->changes, -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED,
                       _("Change %lld waiting to be sent is damaged. Nothing was sent; "
                         "tell the administrator."),
                       (long long) e->seq);
          return NULL;
        }

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "seq");
      json_builder_add_int_value (b, e->seq);
      json_builder_set_member_name (b, "table");
      json_builder_add_string_value (b, e->table_name);
      json_builder_set_member_name (b, "row_id");
      json_builder_add_string_value (b, e->row_id);
      json_builder_set_member_name (b, "op");
      json_builder_add_string_value (b, e->op);
      json_builder_set_member_name (b, "hlc");
      json_builder_add_string_value (b, e->hlc);
      json_builder_set_member_name (b, "fields");
      json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

gboolean
afs_sync_push (AfsSyncJob  *job,
               GError     **error)
{
  gint64 last_acked = -1;
  guint blob_retries = 0;
  guint set_aside = 0;
  gint64 refused_seq, reused_seq, expected_seq;
  guint renumbered = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) batch = NULL;
      g_autoptr(JsonNode) body = NULL;
      AfsHttpReply reply;
      gint64 acked, first, last;
      guint deleted = 0;

      batch = afs_store_sync_outbox_batch (job->store, 0, AFS_SYNC_PUSH_BATCH, error);
      if (batch == NULL)
        return FALSE;
      if (batch->len == 0)
        return TRUE;

      first = ((AfsOutboxEntry *) batch->pdata[0])->seq;
      last = ((AfsOutboxEntry *) batch->pdata[batch->len - 1])->seq;
      body = build_push (job, batch, error);
      if (body == NULL)
        return FALSE;

      if (!afs_sync_http_json (job, "POST", "/v1/push", body, &reply, error))
        return FALSE;

      if (reply.status == 409 && g_strcmp0 (reply.error_code, "gap") == 0)
        {
          gint64 expected = 0;

          afs_sync_json_int (reply.json, "expected", &expected, NULL);
          afs_http_reply_clear (&reply);
          /* The server lacks changes this device no longer has (the server
           * was restored from an older backup). Nothing is deleted here:
           * a person must decide. */
          g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_REFUSED,
                       _("The office server is missing changes %lld to %lld from this "
                         "computer (it may have been restored from a backup). Nothing was "
                         "deleted here; ask the administrator to restore the server's "
                         "latest backup."),
                       (long long) expected, (long long) first - 1);
          return FALSE;
        }
      if (reply.status == 409 && g_strcmp0 (reply.error_code, "seq_reused") == 0 &&
          afs_sync_json_int (reply.json, "seq", &reused_seq, NULL) &&
          afs_sync_json_int (reply.json, "expected", &expected_seq, NULL) &&
          reused_seq >= first && reused_seq <= last && expected_seq > reused_seq &&
          renumbered < 3)
        {
          /* This database was put back from an older backup: its new
           * changes got numbers the server had applied already. The server
           * applied nothing; number them from the one it expects (the
           * changes before, which it has, go) and send them again. */
          afs_http_reply_clear (&reply);
          if (!afs_store_sync_renumber (job->store, reused_seq, expected_seq, error))
            return FALSE;
          renumbered++;
          continue;
        }
      if (reply.status == 409 && g_strcmp0 (reply.error_code, "missing_blob") == 0 &&
          afs_sync_json_string (reply.json, "sha256") != NULL && blob_retries < 3)
        {
          /* The server lost a photo this device thought it had (a server
           * restored from a backup): send it again, then the batch. */
          g_autofree char *sha = g_strdup (afs_sync_json_string (reply.json, "sha256"));

          afs_http_reply_clear (&reply);
          blob_retries++;
          if (!afs_store_sync_unconfirm_blob (job->store, sha, error) ||
              !afs_sync_upload_blobs (job, error))
            return FALSE;
          continue;
        }
      if (reply.status == 403 && g_strcmp0 (reply.error_code, "out_of_scope") == 0 &&
          afs_sync_json_int (reply.json, "seq", &refused_seq, NULL) &&
          refused_seq >= first && refused_seq <= last && set_aside < AFS_SYNC_PUSH_BATCH)
        {
          /* The case left this user's scope while the device worked
           * offline: that change can never be accepted. Set it aside
           * (kept, listed) so that it does not block the rest. */
          g_autofree char *reason = g_strdup (reply.message);

          afs_http_reply_clear (&reply);
          if (!afs_store_sync_set_aside (job->store, refused_seq, reason, error))
            return FALSE;
          set_aside++;
          job->report.refused++;
          continue;
        }
      if (reply.status != 200)
        {
          gboolean ok = afs_sync_reply_error (&reply, error);

          afs_http_reply_clear (&reply);
          return ok;
        }

      if (!afs_sync_json_int (reply.json, "acked_seq", &acked, error))
        {
          afs_http_reply_clear (&reply);
          return FALSE;
        }
      if (reply.json != NULL)
        {
          JsonNode *conflicts = json_object_get_member (json_node_get_object (reply.json),
                                                        "conflicts");

          if (conflicts != NULL && JSON_NODE_HOLDS_ARRAY (conflicts))
            job->report.conflicts += json_array_get_length (json_node_get_array (conflicts));
        }
      afs_http_reply_clear (&reply);

      /* Only what the server says it has; never more than was sent. */
      if (acked > last)
        acked = last;
      if (!afs_store_sync_ack (job->store, acked, &deleted, error))
        return FALSE;
      job->report.pushed += deleted;

      if (acked < first || acked <= last_acked)
        {
          g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_PROTOCOL,
                       _("The office server acknowledged change %lld but was sent %lld to "
                         "%lld. Nothing was lost; tell the administrator."),
                       (long long) acked, (long long) first, (long long) last);
          return FALSE;
        }
      last_acked = acked;
    }
}
