/* bench-sync.c: the office service's speed on loopback (docs/benchmarks.md).
 *
 *   ./build/tests/bench/bench-sync [--photos N] [--photo-mb MB]
 *
 * Starts the real aftersales-office on 127.0.0.1 (port 0) in a temporary
 * folder and measures, with plain libsoup requests as the client sends
 * them (docs/sync-protocol.md):
 *   - push 10 000 changes (batches of 500), pull them back (pages of 1000);
 *   - upload 100 photos of 5 MB (HEAD, PATCH, complete) against a plain
 *     HTTP PUT of the same bytes to a minimal SoupServer on the same
 *     loopback that only writes them to a file;
 *   - a technician's first sync of a day (20 cases, 100 photos);
 *   - 100 devices syncing at once (each: sign in, push 10, pull);
 *   - the client's peak RSS during the photo upload.
 * Targets: push < 5 s, pull < 3 s, upload ≥ 80 % of plain PUT, RSS < 100 MB.
 * A program that prints figures, never a timed test.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "afs-uuid.h"

#define PASSWORD "bench password"
#define STAFF_TOM "01900000-0000-7000-8000-00000000a001"

static char *base_url;
static char *data_dir;

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, "VmHWM:");
  return p != NULL ? strtol (p + 6, NULL, 10) : -1;
}

static GBytes *
send (SoupSession *session, const char *method, const char *path, const char *token,
      const char *content_type, const void *body, gsize len, const char *hname,
      const char *hvalue, guint *status)
{
  g_autofree char *uri = g_strconcat (base_url, path + 1, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  GBytes *reply;

  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (hname != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), hname, hvalue);
  if (body != NULL)
    {
      g_autoptr(GBytes) b = g_bytes_new_static (body, len);
      soup_message_set_request_body_from_bytes (msg, content_type, b);
    }
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  if (reply == NULL)
    g_error ("%s %s: %s", method, path, error->message);
  *status = soup_message_get_status (msg);
  return reply;
}

static void
admin (const char *input, const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) AFS_OFFICE_PATH);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, (char *) "--data");
  g_ptr_array_add (argv, data_dir);
  g_ptr_array_add (argv, NULL);
  p = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                         G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (p, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static char *
sign_in (SoupSession *session, const char *user, const char *device)
{
  g_autofree char *body = g_strdup_printf ("{\"user\":\"%s\",\"password\":\"%s\",\"device_id\":\"%s\","
                                           "\"device_name\":\"bench\",\"protocol\":1,\"schema\":6}",
                                           user, PASSWORD, device);
  guint status;
  g_autoptr(GBytes) r = send (session, "POST", "/v1/session", NULL, "application/json", body,
                              strlen (body), NULL, NULL, &status);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (status != 200)
    g_error ("sign-in: %u", status);
  json_parser_load_from_data (parser, g_bytes_get_data (r, NULL), g_bytes_get_size (r), NULL);
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                                  "token"));
}

/* Pushes @n changes (inserts of customers, then updates) as @device. */
static void
push_changes (SoupSession *session, const char *token, const char *device, gint64 *seq,
              guint n, const char *case_id)
{
  guint done = 0;

  while (done < n)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      guint batch = MIN (500, n - done);
      guint status;
      g_autoptr(GBytes) r = NULL;

      g_string_append_printf (body, "{\"device_id\":\"%s\",\"changes\":[", device);
      for (guint i = 0; i < batch; i++)
        {
          g_autofree char *id = afs_uuid7_new ();
          *seq += 1;
          if (case_id != NULL)
            g_string_append_printf (body, "%s{\"seq\":%lld,\"table\":\"visits\",\"row_id\":\"%s\","
                                    "\"op\":\"insert\",\"hlc\":\"%013lld-0000-%s\",\"fields\":{"
                                    "\"case_id\":{\"old\":null,\"new\":\"%s\"},"
                                    "\"arrived_at\":{\"old\":null,\"new\":%lld}}}",
                                    i ? "," : "", (long long) *seq, id,
                                    (long long) (1773133260000 + *seq), device, case_id,
                                    (long long) (1773133260 + *seq));
          else
            g_string_append_printf (body, "%s{\"seq\":%lld,\"table\":\"customers\",\"row_id\":\"%s\","
                                    "\"op\":\"insert\",\"hlc\":\"%013lld-0000-%s\",\"fields\":{"
                                    "\"name\":{\"old\":null,\"new\":\"Customer %lld\"},"
                                    "\"phone\":{\"old\":null,\"new\":\"+48 22 %06lld\"},"
                                    "\"city\":{\"old\":null,\"new\":\"Kraków\"},"
                                    "\"region\":{\"old\":null,\"new\":\"local\"},"
                                    "\"created_at\":{\"old\":null,\"new\":1773133260}}}",
                                    i ? "," : "", (long long) *seq, id,
                                    (long long) (1773133260000 + *seq), device,
                                    (long long) *seq, (long long) *seq);
        }
      g_string_append (body, "]}");
      r = send (session, "POST", "/v1/push", token, "application/json", body->str, body->len,
                NULL, NULL, &status);
      if (status != 200)
        g_error ("push: %u %.*s", status, (int) g_bytes_get_size (r),
                 (const char *) g_bytes_get_data (r, NULL));
      done += batch;
    }
}

static guint
pull_all (SoupSession *session, const char *token, guint limit)
{
  gint64 cursor = 0;
  gboolean more = TRUE;
  guint count = 0;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/pull?cursor=%lld&limit=%u", (long long) cursor, limit);
      guint status;
      g_autoptr(GBytes) r = send (session, "GET", path, token, NULL, NULL, 0, NULL, NULL, &status);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;

      if (status != 200)
        g_error ("pull: %u", status);
      json_parser_load_from_data (parser, g_bytes_get_data (r, NULL), g_bytes_get_size (r), NULL);
      root = json_node_get_object (json_parser_get_root (parser));
      count += json_array_get_length (json_object_get_array_member (root, "changes"));
      cursor = json_object_get_int_member (root, "cursor");
      more = json_object_get_boolean_member (root, "more");
    }
  return count;
}

static GBytes *
make_photo (gsize size, guint seed)
{
  guint32 *data = g_malloc (size);
  GRand *rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < size / 4; i++)
    data[i] = g_rand_int (rand);
  g_rand_free (rand);
  return g_bytes_new_take (data, size);
}

/* HEAD, then PATCH in chunks of up to 8 MiB, then complete: as a device. */
/* @sha: the photo's SHA-256, known since it was taken (photos.sha256). */
static void
upload (SoupSession *session, const char *token, GBytes *photo, const char *sha)
{
  g_autofree char *path = g_strconcat ("/v1/blobs/", sha, NULL);
  g_autofree char *cpath = g_strconcat (path, "/complete", NULL);
  g_autofree char *cbody = g_strdup_printf ("{\"size\":%" G_GSIZE_FORMAT "}", g_bytes_get_size (photo));
  gsize size = g_bytes_get_size (photo), off = 0;
  const guint8 *p = g_bytes_get_data (photo, NULL);
  guint status;

  g_bytes_unref (send (session, "HEAD", path, token, NULL, NULL, 0, NULL, NULL, &status));
  if (status == 200)
    return;
  while (off < size)
    {
      gsize n = MIN (size - off, 8 * 1024 * 1024);
      g_autofree char *o = g_strdup_printf ("%" G_GSIZE_FORMAT, off);
      g_bytes_unref (send (session, "PATCH", path, token, "application/octet-stream", p + off, n,
                           "Upload-Offset", o, &status));
      if (status != 200)
        g_error ("patch: %u", status);
      off += n;
    }
  g_bytes_unref (send (session, "POST", cpath, token, "application/json", cbody, strlen (cbody),
                       NULL, NULL, &status));
  if (status != 200)
    g_error ("complete: %u", status);
}

/* ---- the plain PUT sink: a child process running a minimal SoupServer ---- */

static void
sink_handler (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
              gpointer user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *name = g_strdup_printf ("%s/put-%u", (const char *) user_data, g_random_int ());

  g_file_set_contents (name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  soup_server_message_set_status (msg, 201, NULL);
}

static int
run_sink (const char *dir)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, sink_handler, (gpointer) dir, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  {
    g_autofree char *u = g_uri_to_string (uris->data);
    printf ("%s\n", u);
    fflush (stdout);
  }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (g_main_loop_new (NULL, FALSE));
  return 0;
}

/* ---- 100 devices at once -------------------------------------------------------- */

typedef struct {
  char *token;
  char *device;
} Device;

static gpointer
device_thread (gpointer data)
{
  Device *d = data;
  g_autoptr(SoupSession) s = soup_session_new_with_options ("timeout", 120, NULL);
  gint64 seq = 0;

  push_changes (s, d->token, d->device, &seq, 10, NULL);
  pull_all (s, d->token, 1000);
  return NULL;
}

static char *
spawn_line (GSubprocess **p, const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  char *line;

  *p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (*p));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  g_assert_no_error (error);
  return line;
}

int
main (int argc, char **argv)
{
  int n_photos = 100, photo_mb = 5;
  GOptionEntry entries[] = {
    { "photos", 0, 0, G_OPTION_ARG_INT, &n_photos, "Photos to upload (default 100)", "N" },
    { "photo-mb", 0, 0, G_OPTION_ARG_INT, &photo_mb, "Photo size in MB (default 5)", "MB" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— office service benchmarks");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *sink_dir = NULL;
  g_autofree char *line = NULL;
  g_autofree char *sink_url = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GSubprocess) sink = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *olga_dev = afs_uuid7_new ();
  g_autofree char *tom_dev = afs_uuid7_new ();
  g_autofree char *olga = NULL;
  g_autofree char *tom = NULL;
  gint64 olga_seq = 0;
  double t0, t_push, t_pull, t_up, t_put, t_day, t_many;
  long rss_before, rss_after;
  gsize photo_size;
  guint pulled;

  if (argc == 3 && strcmp (argv[1], "--sink") == 0)
    return run_sink (argv[2]);
  setvbuf (stdout, NULL, _IOLBF, 0);

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("bench-sync: %s\n", error->message);
      return 2;
    }
  photo_size = (gsize) photo_mb * 1000 * 1000;

  dir = g_dir_make_tmp ("afs-bench-sync-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (dir, "office", NULL);
  sink_dir = g_build_filename (dir, "sink", NULL);
  g_mkdir (sink_dir, 0700);

  admin (PASSWORD "\n", (const char *[]) { "user", "add", "olga", "--role", "office", NULL });
  admin (PASSWORD "\n", (const char *[]) { "user", "add", "tom", "--role", "technician",
                                           "--staff-id", STAFF_TOM, NULL });
  for (int i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("dev%d", i);
      admin (PASSWORD "\n", (const char *[]) { "user", "add", name, "--role", "office", NULL });
    }

  line = spawn_line (&server, (const char *[]) { AFS_OFFICE_PATH, "serve", "--data", data_dir,
                                                 "--port", "0", NULL });
  base_url = g_strdup (line + strlen ("listening on "));
  sink_url = spawn_line (&sink, (const char *[]) { argv[0], "--sink", sink_dir, NULL });

  session = soup_session_new_with_options ("timeout", 300, NULL);
  olga = sign_in (session, "olga", olga_dev);
  tom = sign_in (session, "tom", tom_dev);

  printf ("office service on %s (data in %s)\n", base_url, dir);

  /* Push 10 000, pull 10 000. */
  t0 = now_s ();
  push_changes (session, olga, olga_dev, &olga_seq, 10000, NULL);
  t_push = now_s () - t0;
  t0 = now_s ();
  pulled = pull_all (session, olga, 1000);
  t_pull = now_s () - t0;
  printf ("push 10000 changes (20 batches of 500): %.2f s  (target < 5 s)\n", t_push);
  printf ("pull %u changes (pages of 1000):        %.2f s  (target < 3 s)\n", pulled, t_pull);

  /* Photos: the protocol vs a plain PUT of the same bytes. Each photo is
   * made just before it is sent (not timed) and dropped after, so the
   * client holds one photo at a time, as a device reading its files does. */
  {
    g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
    double mb = (double) photo_size * n_photos / 1e6;

    t_put = 0;
    for (int i = 0; i < n_photos; i++)
      {
        g_autoptr(GBytes) b = make_photo (photo_size, i + 1);
        g_autofree char *uri = g_strdup_printf ("%sput/%d", sink_url, i);
        g_autoptr(SoupMessage) msg = soup_message_new ("PUT", uri);
        g_autoptr(GBytes) r = NULL;

        g_ptr_array_add (shas, g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, b));
        soup_message_set_request_body_from_bytes (msg, "application/octet-stream", b);
        t0 = now_s ();
        r = soup_session_send_and_read (session, msg, NULL, &error);
        t_put += now_s () - t0;
        g_assert_no_error (error);
      }

    rss_before = peak_rss_kb ();
    t_up = 0;
    for (int i = 0; i < n_photos; i++)
      {
        g_autoptr(GBytes) b = make_photo (photo_size, i + 1);

        t0 = now_s ();
        upload (session, tom, b, g_ptr_array_index (shas, i));
        t_up += now_s () - t0;
      }
    rss_after = peak_rss_kb ();

    printf ("plain PUT of %d photos of %d MB:        %.2f s  (%.0f MB/s)\n", n_photos, photo_mb,
            t_put, mb / t_put);
    printf ("upload %d photos (HEAD, PATCH, complete): %.2f s  (%.0f MB/s) = %.0f %% of plain PUT "
            "(target >= 80 %%)\n", n_photos, t_up, mb / t_up, 100.0 * t_put / t_up);
    printf ("client peak RSS: %.1f MB before the upload, %.1f MB after it (target < 100 MB)\n",
            rss_before / 1024.0, rss_after / 1024.0);

    /* Dedup: each known photo costs one HEAD. */
    {
      double t_known = 0;

      for (int i = 0; i < n_photos; i++)
        {
          g_autoptr(GBytes) b = make_photo (photo_size, i + 1);

          t0 = now_s ();
          upload (session, tom, b, g_ptr_array_index (shas, i));
          t_known += now_s () - t0;
        }
      printf ("the same %d photos again (one HEAD each): %.3f s\n", n_photos, t_known);
    }
  }

  /* A technician's first sync of a day: 20 cases with 5 photos each. */
  {
    g_autofree char *tom2_dev = afs_uuid7_new ();
    g_autofree char *tom2 = NULL;
    g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GString) body = g_string_new (NULL);
    guint status, rows;
    g_autofree char *cust = afs_uuid7_new ();

    g_string_append_printf (body, "{\"device_id\":\"%s\",\"changes\":[", olga_dev);
#define NEXT_HLC (long long) (1773200000000 + olga_seq), olga_dev
    olga_seq++;
    g_string_append_printf (body, "{\"seq\":%lld,\"table\":\"customers\",\"row_id\":\"%s\",\"op\":\"insert\","
                            "\"hlc\":\"%013lld-0000-%s\",\"fields\":{\"name\":{\"old\":null,\"new\":\"Hotel\"}}}",
                            (long long) olga_seq, cust, NEXT_HLC);
    for (int c = 0; c < 20; c++)
      {
        g_autofree char *case_id = afs_uuid7_new ();
        g_autofree char *asg = afs_uuid7_new ();

        olga_seq++;
        g_string_append_printf (body, ",{\"seq\":%lld,\"table\":\"cases\",\"row_id\":\"%s\",\"op\":\"insert\","
                                "\"hlc\":\"%013lld-0000-%s\",\"fields\":{\"number\":{\"old\":null,\"new\":\"AS-2026-%06d\"},"
                                "\"customer_id\":{\"old\":null,\"new\":\"%s\"},\"description\":{\"old\":null,\"new\":\"Fridge %d\"},"
                                "\"state\":{\"old\":null,\"new\":\"dispatched\"}}}",
                                (long long) olga_seq, case_id, NEXT_HLC, c + 1, cust, c);
        olga_seq++;
        g_string_append_printf (body, ",{\"seq\":%lld,\"table\":\"assignments\",\"row_id\":\"%s\",\"op\":\"insert\","
                                "\"hlc\":\"%013lld-0000-%s\",\"fields\":{\"case_id\":{\"old\":null,\"new\":\"%s\"},"
                                "\"staff_id\":{\"old\":null,\"new\":\"" STAFF_TOM "\"},\"assigned_at\":{\"old\":null,\"new\":1773200000}}}",
                                (long long) olga_seq, asg, NEXT_HLC, case_id);
        for (int p = 0; p < 5; p++)
          {
            g_autoptr(GBytes) photo = make_photo (400 * 1000, 1000 + c * 5 + p);
            char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, photo);
            g_autofree char *pid = afs_uuid7_new ();

            upload (session, olga, photo, sha);
            g_ptr_array_add (shas, sha);
            olga_seq++;
            g_string_append_printf (body, ",{\"seq\":%lld,\"table\":\"photos\",\"row_id\":\"%s\",\"op\":\"insert\","
                                    "\"hlc\":\"%013lld-0000-%s\",\"fields\":{\"case_id\":{\"old\":null,\"new\":\"%s\"},"
                                    "\"sha256\":{\"old\":null,\"new\":\"%s\"}}}",
                                    (long long) olga_seq, pid, NEXT_HLC, case_id, sha);
          }
      }
    g_string_append (body, "]}");
    g_bytes_unref (send (session, "POST", "/v1/push", olga, "application/json", body->str, body->len,
                         NULL, NULL, &status));
    if (status != 200)
      g_error ("day push: %u", status);

    t0 = now_s ();
    tom2 = sign_in (session, "tom", tom2_dev);
    rows = pull_all (session, tom2, 500);
    for (guint i = 0; i < shas->len; i++)
      {
        g_autofree char *path = g_strconcat ("/v1/blobs/", (char *) g_ptr_array_index (shas, i), NULL);
        g_bytes_unref (send (session, "GET", path, tom2, NULL, NULL, 0, NULL, NULL, &status));
        if (status != 200)
          g_error ("photo download: %u", status);
      }
    t_day = now_s () - t0;
    printf ("technician's first sync of a day (sign in, %u rows of 20 cases, 100 photos of 400 kB): %.2f s\n",
            rows, t_day);
  }

  /* 100 devices at once. */
  {
    Device devices[100];
    GThread *threads[100];

    for (int i = 0; i < 100; i++)
      {
        g_autofree char *name = g_strdup_printf ("dev%d", i);
        devices[i].device = afs_uuid7_new ();
        devices[i].token = sign_in (session, name, devices[i].device);
      }
    t0 = now_s ();
    for (int i = 0; i < 100; i++)
      threads[i] = g_thread_new ("device", device_thread, &devices[i]);
    for (int i = 0; i < 100; i++)
      g_thread_join (threads[i]);
    t_many = now_s () - t0;
    printf ("100 devices at once (each pushes 10 changes and pulls everything): %.2f s\n", t_many);
    for (int i = 0; i < 100; i++)
      {
        g_free (devices[i].device);
        g_free (devices[i].token);
      }
  }

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_subprocess_force_exit (sink);
  g_subprocess_wait (sink, NULL, NULL);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", dir);
  }
  return 0;
}
