/* afs-sync-pull.c: the office's changes to this device, page by page
 * (docs/sync-protocol.md section 7). Each page is stored together with
 * its cursor in one transaction (afs_store_sync_apply_pulled()): a crash
 * or a cut connection between pages means the next pull asks for the
 * same page again, never that a page is skipped.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-sync-private.h"

static gboolean
protocol_error (GError     **error,
                const char  *what)
{
  g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_PROTOCOL,
               _("The office server sent a page of changes this AfterSales cannot read (%s). "
                 "Nothing of it was stored; tell the administrator."),
               what);
  return FALSE;
}

/* Stores one page; @cursor and @more from its reply. */
static gboolean
apply_page (AfsSyncJob  *job,
            JsonNode    *root,
            gint64      *cursor,
            gboolean    *more,
            GError     **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (AfsPulledChange));
  AfsPullStats stats;
  JsonObject *obj;
  JsonNode *list;
  JsonArray *array;
  gint64 next_cursor;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return protocol_error (error, "not an object");
  obj = json_node_get_object (root);
  if (!afs_sync_json_int (root, "cursor", &next_cursor, error))
    return FALSE;
  *more = json_object_get_boolean_member_with_default (obj, "more", FALSE);
  list = json_object_get_member (obj, "changes");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return protocol_error (error, "changes");
  array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      AfsPulledChange c = { 0 };
      JsonNode *fields;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !afs_sync_json_int (node, "server_seq", &c.server_seq, NULL))
        return protocol_error (error, "server_seq");
      c.table_name = afs_sync_json_string (node, "table");
      c.row_id = afs_sync_json_string (node, "row_id");
      c.op = afs_sync_json_string (node, "op");
      c.hlc = afs_sync_json_string (node, "hlc");
      if (c.hlc != NULL && *c.hlc == '\0')
        c.hlc = NULL;
      if (c.table_name == NULL || c.row_id == NULL || c.op == NULL)
        return protocol_error (error, "table, row_id or op");

      fields = json_object_get_member (json_node_get_object (node), "fields");
      if (fields != NULL && JSON_NODE_HOLDS_OBJECT (fields))
        {
          char *text = json_to_string (fields, FALSE);

          g_ptr_array_add (texts, text);
          c.fields = text;
        }
      else if (g_strcmp0 (c.op, "evict") != 0)
        return protocol_error (error, "fields");

      g_array_append_val (changes, c);
    }

  if (!afs_store_sync_apply_pulled (job->store, (AfsPulledChange *) changes->data, changes->len,
                                    next_cursor, &stats, error))
    return FALSE;

  job->report.pulled += stats.applied;
  job->report.evicted += stats.evicted;
  job->report.conflicts += stats.conflicts;
  *cursor = next_cursor;
  return TRUE;
}

gboolean
afs_sync_pull (AfsSyncJob  *job,
               GError     **error)
{
  AfsSyncAccount account;
  gint64 cursor;
  gboolean more = TRUE;
  gboolean reset = FALSE;

  if (!afs_store_sync_get_account (job->store, &account, error))
    return FALSE;
  cursor = account.cursor;
  afs_sync_account_clear (&account);

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/pull?cursor=%lld&limit=%d",
                                               (long long) cursor, AFS_SYNC_PULL_LIMIT);
      AfsHttpReply reply;
      gboolean ok;

      if (!afs_sync_http_json (job, "GET", path, NULL, &reply, error))
        return FALSE;

      if (reply.status == 409 && g_strcmp0 (reply.error_code, "cursor_ahead") == 0 && !reset)
        {
          /* The server was restored from a backup: pull this scope again
           * from the start. The outbox is kept and pushed as it is. */
          afs_http_reply_clear (&reply);
          if (!afs_store_sync_reset_cursor (job->store, error))
            return FALSE;
          cursor = 0;
          reset = TRUE;
          continue;
        }
      if (reply.status != 200)
        {
          ok = afs_sync_reply_error (&reply, error);
          afs_http_reply_clear (&reply);
          return ok;
        }

      ok = apply_page (job, reply.json, &cursor, &more, error);
      afs_http_reply_clear (&reply);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}
