/* office-test-util.c: see office-test-util.h.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/prctl.h>
#include <signal.h>
#include <glib/gstdio.h>

#include "office-test-util.h"

/* A service whose test failed half-way does not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
spawn (Office            *office,
       const char *const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;

  g_ptr_array_add (argv, (char *) AFS_OFFICE_PATH);
  g_ptr_array_add (argv, (char *) "serve");
  g_ptr_array_add (argv, (char *) "--data");
  g_ptr_array_add (argv, office->data_dir);
  g_ptr_array_add (argv, (char *) "--port");
  g_ptr_array_add (argv, (char *) "0");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

    g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
    office->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                                    &error);
  }
  g_assert_no_error (error);

  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (office->process));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on "));
  g_free (office->url);
  office->url = g_strdup (line + strlen ("listening on "));
}

Office *
office_start (const char *const *extra_args)
{
  Office *office = g_new0 (Office, 1);
  g_autoptr(GError) error = NULL;

  office->dir = g_dir_make_tmp ("afs-office-XXXXXX", &error);
  g_assert_no_error (error);
  office->data_dir = g_build_filename (office->dir, "data", NULL);
  spawn (office, extra_args);
  office->session = soup_session_new_with_options ("timeout", 60, NULL);
  return office;
}

void
office_restart (Office *office)
{
  g_subprocess_send_signal (office->process, SIGTERM);
  g_subprocess_wait (office->process, NULL, NULL);
  g_clear_object (&office->process);
  spawn (office, NULL);
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
office_stop (Office *office)
{
  if (office->process != NULL)
    {
      g_subprocess_send_signal (office->process, SIGTERM);
      g_subprocess_wait (office->process, NULL, NULL);
      /* It stopped on its own terms: no crash behind the test's back. */
      g_assert_true (g_subprocess_get_if_exited (office->process));
      g_assert_cmpint (g_subprocess_get_exit_status (office->process), ==, 0);
      g_clear_object (&office->process);
    }
  g_clear_object (&office->session);
  rm_rf (office->dir);
  g_free (office->dir);
  g_free (office->data_dir);
  g_free (office->url);
  g_free (office);
}

int
office_admin (Office     *office,
              const char *input,
              char      **out,
              const char *first_arg,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, (char *) AFS_OFFICE_PATH);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, (char *) "--data");
  g_ptr_array_add (argv, office->data_dir);
  g_ptr_array_add (argv, NULL);

  p = g_subprocess_newv ((const char *const *) argv->pdata,
                         G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (p, input != NULL ? input : "", NULL, &stdout_text, NULL, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  g_assert_true (g_subprocess_get_if_exited (p));
  return g_subprocess_get_exit_status (p);
}

void
office_add_user (Office     *office,
                 const char *name,
                 const char *role,
                 const char *staff_id)
{
  int status;

  if (staff_id != NULL)
    status = office_admin (office, TEST_PASSWORD "\n", NULL, "user", "add", name, "--role", role,
                           "--staff-id", staff_id, NULL);
  else
    status = office_admin (office, TEST_PASSWORD "\n", NULL, "user", "add", name, "--role", role,
                           NULL);
  g_assert_cmpint (status, ==, 0);
}

Reply *
office_request (Office     *office,
                const char *method,
                const char *path,
                const char *token,
                const char *content_type,
                const char *body,
                gsize       length,
                const char *header_name,
                const char *header_value)
{
  g_autofree char *uri = g_strconcat (office->url, path[0] == '/' ? path + 1 : path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  Reply *reply = g_new0 (Reply, 1);
  gsize size;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (header_name != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), header_name, header_value);
  if (body != NULL)
    {
      g_autoptr(GBytes) b = g_bytes_new (body, length);
      soup_message_set_request_body_from_bytes (msg, content_type ? content_type : "application/json", b);
    }

  bytes = soup_session_send_and_read (office->session, msg, NULL, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply->body = g_strndup (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
  reply->bytes = g_bytes_ref (bytes);
  if (size > 0 && json_parser_load_from_data (parser, reply->body, -1, NULL))
    reply->json = json_node_copy (json_parser_get_root (parser));
  return reply;
}

void
reply_free (Reply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->body);
  g_clear_pointer (&reply->bytes, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_free (reply);
}

const char *
reply_string (Reply      *reply,
              const char *member)
{
  JsonObject *obj;

  if (reply->json == NULL || !JSON_NODE_HOLDS_OBJECT (reply->json))
    return NULL;
  obj = json_node_get_object (reply->json);
  if (!json_object_has_member (obj, member))
    return NULL;
  return json_object_get_string_member (obj, member);
}

const char *
reply_error (Reply *reply)
{
  return reply_string (reply, "error");
}

gint64
reply_int (Reply      *reply,
           const char *member)
{
  JsonObject *obj;

  g_assert_nonnull (reply->json);
  obj = json_node_get_object (reply->json);
  g_assert_true (json_object_has_member (obj, member));
  return json_object_get_int_member (obj, member);
}

char *
office_sign_in (Office     *office,
                const char *user,
                const char *device_id)
{
  g_autofree char *body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"%s\","
                                           "\"device_id\":\"%s\",\"device_name\":\"test\","
                                           "\"protocol\":1,\"schema\":6}",
                                           user, TEST_PASSWORD, device_id);
  g_autoptr(Reply) r = office_request (office, "POST", "/v1/session", NULL, NULL, body,
                                       strlen (body), NULL, NULL);

  if (r->status != 200)
    g_error ("sign-in of %s failed: %u %s", user, r->status, r->body);
  return g_strdup (reply_string (r, "token"));
}

Reply *
office_push (Office     *office,
             const char *token,
             const char *device_id,
             const char *changes_json)
{
  g_autofree char *body = g_strdup_printf ("{\"device_id\":\"%s\",\"changes\":[%s]}",
                                           device_id, changes_json);
  return office_request (office, "POST", "/v1/push", token, NULL, body, strlen (body), NULL, NULL);
}

GHashTable *
office_pull_all (Office     *office,
                 const char *token,
                 gint64      cursor,
                 gint64     *cursor_out)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) json_object_unref);
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/pull?cursor=%lld&limit=7", (long long) cursor);
      g_autoptr(Reply) r = office_request (office, "GET", path, token, NULL, NULL, 0, NULL, NULL);
      JsonObject *root;
      JsonArray *changes;

      g_assert_cmpuint (r->status, ==, 200);
      root = json_node_get_object (r->json);
      changes = json_object_get_array_member (root, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *c = json_array_get_object_element (changes, i);
          g_autofree char *key = g_strdup_printf ("%s/%s",
                                                  json_object_get_string_member (c, "table"),
                                                  json_object_get_string_member (c, "row_id"));
          const char *op = json_object_get_string_member (c, "op");

          g_assert_cmpint (json_object_get_int_member (c, "server_seq"), >, cursor);
          if (g_strcmp0 (op, "evict") == 0)
            g_hash_table_remove (rows, key);
          else
            {
              g_assert_cmpstr (op, ==, "upsert");
              g_hash_table_replace (rows, g_steal_pointer (&key),
                                    json_object_ref (json_object_get_object_member (c, "fields")));
            }
        }
      g_assert_cmpint (json_object_get_int_member (root, "cursor"), >=, cursor);
      cursor = json_object_get_int_member (root, "cursor");
      more = json_object_get_boolean_member (root, "more");
    }
  if (cursor_out != NULL)
    *cursor_out = cursor;
  return rows;
}

char *
test_hlc (gint64      ms,
          const char *device)
{
  return g_strdup_printf ("%013lld-0000-%s", (long long) ms, device);
}

char *
test_change (gint64      seq,
             const char *table,
             const char *row_id,
             const char *op,
             const char *hlc,
             const char *fields_json)
{
  return g_strdup_printf ("{\"seq\":%lld,\"table\":\"%s\",\"row_id\":\"%s\",\"op\":\"%s\","
                          "\"hlc\":\"%s\",\"fields\":%s}",
                          (long long) seq, table, row_id, op, hlc, fields_json);
}
