/* test-office-http.c: the office service's HTTP face against a real
 * aftersales-office on 127.0.0.1: blob upload resumed after a cut at
 * several offsets, dedup, wrong hashes, the bad-input table, TLS with a
 * self-signed certificate, the admin commands and a revoked device.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "afs-uuid.h"
#include "office-test-util.h"

#define STAFF_TOM "01900000-0000-7000-8000-00000000a001"

typedef struct {
  Office *office;
  char *olga_dev, *olga;
  char *tom_dev, *tom;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->office = office_start (NULL);
  office_add_user (f->office, "olga", "office", NULL);
  office_add_user (f->office, "tom", "technician", STAFF_TOM);
  f->olga_dev = afs_uuid7_new ();
  f->tom_dev = afs_uuid7_new ();
  f->olga = office_sign_in (f->office, "olga", f->olga_dev);
  f->tom = office_sign_in (f->office, "tom", f->tom_dev);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  office_stop (f->office);
  g_free (f->olga_dev);
  g_free (f->olga);
  g_free (f->tom_dev);
  g_free (f->tom);
}

static GBytes *
photo_bytes (gsize size, guint32 seed)
{
  guint8 *data = g_malloc (size);
  GRand *rand = g_rand_new_with_seed (seed);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int (rand);
  g_rand_free (rand);
  return g_bytes_new_take (data, size);
}

static char *
sha_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static gint64
head_offset (Fixture *f, const char *sha, guint *status)
{
  g_autofree char *path = g_strdup_printf ("/v1/blobs/%s", sha);
  g_autoptr(Reply) r = office_request (f->office, "HEAD", path, f->tom, NULL, NULL, 0, NULL, NULL);
  const char *off;

  *status = r->status;
  if (r->status == 200)
    return soup_message_headers_get_content_length (r->headers);
  off = soup_message_headers_get_one (r->headers, "Upload-Offset");
  g_assert_nonnull (off);
  return g_ascii_strtoll (off, NULL, 10);
}

static Reply *
patch (Fixture *f, const char *sha, gint64 offset, const guint8 *data, gsize length)
{
  g_autofree char *path = g_strdup_printf ("/v1/blobs/%s", sha);
  g_autofree char *off = g_strdup_printf ("%lld", (long long) offset);

  return office_request (f->office, "PATCH", path, f->tom, "application/octet-stream",
                         (const char *) data, length, "Upload-Offset", off);
}

/* A PATCH whose connection is cut after @sent of its @length body bytes:
 * the network dropped while the photo was uploading. */
static void
patch_cut (Fixture *f, const char *sha, gint64 offset, const guint8 *data, gsize length,
           gsize sent)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GUri) uri = g_uri_parse (f->office->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  GOutputStream *out;
  char buf[256];

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  head = g_strdup_printf ("PATCH /v1/blobs/%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Authorization: Bearer %s\r\nUpload-Offset: %lld\r\n"
                          "Content-Type: application/octet-stream\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                          sha, f->tom, (long long) offset, length);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, &error);
  g_assert_no_error (error);
  if (sent > 0)
    g_output_stream_write_all (out, data, sent, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);

  /* The server has seen the cut once a new request is answered. */
  (void) buf;
  {
    g_autoptr(Reply) r = office_request (f->office, "GET", "/v1/hello", NULL, NULL, NULL, 0,
                                         NULL, NULL);
    g_assert_cmpuint (r->status, ==, 200);
  }
}

static void
test_blob_resume (Fixture *f, gconstpointer data)
{
  const gsize size = 300 * 1024, chunk = 128 * 1024;
  g_autoptr(GBytes) bytes = photo_bytes (size, 7);
  g_autofree char *sha = sha_of (bytes);
  const guint8 *p = g_bytes_get_data (bytes, NULL);
  guint status;
  gint64 offset;

  /* Cut at 0: nothing of the first chunk arrived. */
  g_assert_cmpint (head_offset (f, sha, &status), ==, 0);
  g_assert_cmpuint (status, ==, 404);
  patch_cut (f, sha, 0, p, chunk, 0);
  g_assert_cmpint (head_offset (f, sha, &status), ==, 0);
  {
    g_autoptr(Reply) r = patch (f, sha, 0, p, chunk);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (reply_int (r, "offset"), ==, chunk);
  }

  /* Cut mid-chunk: the half chunk is not kept; resume from the offset
   * HEAD reports. */
  patch_cut (f, sha, chunk, p + chunk, chunk, chunk / 2 + 17);
  offset = head_offset (f, sha, &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpint (offset, ==, chunk);
  {
    g_autoptr(Reply) r = patch (f, sha, offset, p + offset, chunk);
    g_assert_cmpint (reply_int (r, "offset"), ==, 2 * chunk);
  }

  /* Cut one byte before the end. */
  patch_cut (f, sha, 2 * chunk, p + 2 * chunk, size - 2 * chunk, size - 2 * chunk - 1);
  offset = head_offset (f, sha, &status);
  g_assert_cmpint (offset, ==, 2 * chunk);

  /* Sending from the wrong offset is refused with the right one. */
  {
    g_autoptr(Reply) r = patch (f, sha, offset + 5, p + offset + 5, 10);
    g_assert_cmpuint (r->status, ==, 409);
    g_assert_cmpstr (reply_error (r), ==, "offset_mismatch");
    g_assert_cmpint (reply_int (r, "offset"), ==, offset);
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Upload-Offset"), ==, "262144");
  }
  {
    g_autoptr(Reply) r = patch (f, sha, offset, p + offset, size - offset);
    g_assert_cmpint (reply_int (r, "offset"), ==, size);
  }
  /* Complete: verified, then known. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/blobs/%s/complete", sha);
    g_autofree char *body = g_strdup_printf ("{\"size\":%" G_GSIZE_FORMAT "}", size);
    g_autoptr(Reply) r = office_request (f->office, "POST", path, f->tom, NULL, body,
                                         strlen (body), NULL, NULL);
    g_assert_cmpuint (r->status, ==, 200);
  }
  g_assert_cmpint (head_offset (f, sha, &status), ==, size);
  g_assert_cmpuint (status, ==, 200);

  /* What the office downloads is exactly what was taken. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/blobs/%s", sha);
    g_autoptr(Reply) r = office_request (f->office, "GET", path, f->olga, NULL, NULL, 0, NULL, NULL);

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_true (g_bytes_equal (r->bytes, bytes));
  }

  /* Dedup: a known blob costs one HEAD, and a PATCH changes nothing. */
  {
    g_autoptr(Reply) r = patch (f, sha, 0, p, 100);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_true (json_object_get_boolean_member (json_node_get_object (r->json), "complete"));
    g_assert_cmpint (head_offset (f, sha, &status), ==, size);
  }

  /* A technician may download only the photos of his cases. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/blobs/%s", sha);
    g_autoptr(Reply) r = office_request (f->office, "GET", path, f->tom, NULL, NULL, 0, NULL, NULL);
    g_assert_cmpuint (r->status, ==, 403);
    g_assert_cmpstr (reply_error (r), ==, "out_of_scope");
  }

  /* It survives a restart of the service. */
  office_restart (f->office);
  g_assert_cmpint (head_offset (f, sha, &status), ==, size);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_blob_wrong_hash (Fixture *f, gconstpointer data)
{
  g_autoptr(GBytes) bytes = photo_bytes (5000, 3);
  g_autoptr(GBytes) other = photo_bytes (5000, 4);
  g_autofree char *sha = sha_of (bytes);
  g_autofree char *path = g_strdup_printf ("/v1/blobs/%s/complete", sha);
  guint status;

  {
    g_autoptr(Reply) r = patch (f, sha, 0, g_bytes_get_data (other, NULL), 5000);
    g_assert_cmpuint (r->status, ==, 200);
  }
  {
    g_autoptr(Reply) short_size = office_request (f->office, "POST", path, f->tom, NULL,
                                                  "{\"size\":4999}", 13, NULL, NULL);
    g_assert_cmpuint (short_size->status, ==, 422);
    g_assert_cmpstr (reply_error (short_size), ==, "size_mismatch");
    g_assert_cmpint (head_offset (f, sha, &status), ==, 5000);
  }
  {
    g_autoptr(Reply) r = office_request (f->office, "POST", path, f->tom, NULL,
                                         "{\"size\":5000}", 13, NULL, NULL);
    g_assert_cmpuint (r->status, ==, 422);
    g_assert_cmpstr (reply_error (r), ==, "hash_mismatch");
  }
  /* The wrong bytes are gone: the upload starts again from 0. */
  g_assert_cmpint (head_offset (f, sha, &status), ==, 0);
  g_assert_cmpuint (status, ==, 404);
}

/* ---- the bad-input table ------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *method;
  const char *path;
  int         who;       /* 0 none, 1 olga, 2 tom, 3 a forged token */
  const char *body;      /* {OLGA} / {TOM} become the device ids */
  guint       status;
  const char *error;
} BadInput;

#define SHA_A "ab5e0e7b0b6f3e8f0c1c4f0b0d2a3e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d"
#define HLC_OK "1773133260000-0000-{OLGA}"
#define ROW "01900000-0000-7000-8000-0000000000c1"
#define CHANGE(table, rowid, op, hlc, fields) \
  "{\"device_id\":\"{OLGA}\",\"changes\":[{\"seq\":1,\"table\":\"" table "\",\"row_id\":\"" rowid \
  "\",\"op\":\"" op "\",\"hlc\":\"" hlc "\",\"fields\":" fields "}]}"

static const BadInput bad_inputs[] = {
  { "not JSON", "POST", "/v1/push", 1, "{this is not json", 400, "bad_json" },
  { "an array", "POST", "/v1/push", 1, "[1,2,3]", 400, "bad_json" },
  { "empty body", "POST", "/v1/push", 1, "", 400, "bad_json" },
  { "not UTF-8", "POST", "/v1/push", 1, "{\"device_id\":\"\xff\xfe\"}", 400, "bad_json" },
  { "nested too deep", "POST", "/v1/push", 1, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", 400, "bad_json" },
  { "changes not an array", "POST", "/v1/push", 1, "{\"device_id\":\"{OLGA}\",\"changes\":\"x\"}", 400, "wrong_type" },
  { "changes missing", "POST", "/v1/push", 1, "{\"device_id\":\"{OLGA}\"}", 400, "missing_field" },
  { "unknown member", "POST", "/v1/push", 1, "{\"device_id\":\"{OLGA}\",\"changes\":[],\"force\":true}", 400, "unknown_field" },
  { "empty batch", "POST", "/v1/push", 1, "{\"device_id\":\"{OLGA}\",\"changes\":[]}", 400, "bad_value" },
  { "unknown table", "POST", "/v1/push", 1, CHANGE ("sqlite_master", ROW, "insert", HLC_OK, "{}"), 400, "unknown_table" },
  { "local-only table", "POST", "/v1/push", 1, CHANGE ("outbox", ROW, "insert", HLC_OK, "{}"), 400, "unknown_table" },
  { "unknown field", "POST", "/v1/push", 1, CHANGE ("cases", ROW, "update", HLC_OK, "{\"local_id\":{\"old\":1,\"new\":2}}"), 400, "unknown_field" },
  { "field value of the wrong type", "POST", "/v1/push", 1, CHANGE ("cases", ROW, "update", HLC_OK, "{\"severity\":{\"old\":0,\"new\":\"high\"}}"), 400, "wrong_type" },
  { "bool that is not 0/1", "POST", "/v1/push", 1, CHANGE ("staff", ROW, "update", HLC_OK, "{\"active\":{\"old\":0,\"new\":7}}"), 400, "wrong_type" },
  { "field without old", "POST", "/v1/push", 1, CHANGE ("cases", ROW, "update", HLC_OK, "{\"severity\":{\"new\":1}}"), 400, "missing_field" },
  { "field not an object", "POST", "/v1/push", 1, CHANGE ("cases", ROW, "update", HLC_OK, "{\"severity\":1}"), 400, "wrong_type" },
  { "row id with path tricks", "POST", "/v1/push", 1, CHANGE ("cases", "../../etc/passwd", "insert", HLC_OK, "{}"), 400, "bad_value" },
  { "bad hlc", "POST", "/v1/push", 1, CHANGE ("cases", ROW, "update", "yesterday", "{}"), 400, "bad_value" },
  { "bad op", "POST", "/v1/push", 1, CHANGE ("cases", ROW, "drop", HLC_OK, "{}"), 400, "bad_value" },
  { "seq as a string", "POST", "/v1/push", 1, "{\"device_id\":\"{OLGA}\",\"changes\":[{\"seq\":\"1\"}]}", 400, "wrong_type" },
  { "seq not consecutive", "POST", "/v1/push", 1, "{\"device_id\":\"{OLGA}\",\"changes\":[{\"seq\":1,\"table\":\"cases\",\"row_id\":\"" ROW "\",\"op\":\"update\",\"hlc\":\"" HLC_OK "\",\"fields\":{}},{\"seq\":3,\"table\":\"cases\",\"row_id\":\"" ROW "\",\"op\":\"update\",\"hlc\":\"" HLC_OK "\",\"fields\":{}}]}", 400, "bad_value" },
  { "insert without its case", "POST", "/v1/push", 1, CHANGE ("visits", ROW, "insert", HLC_OK, "{}"), 400, "missing_field" },
  { "another device's id", "POST", "/v1/push", 1, "{\"device_id\":\"{TOM}\",\"changes\":[{\"seq\":1,\"table\":\"cases\",\"row_id\":\"" ROW "\",\"op\":\"update\",\"hlc\":\"" HLC_OK "\",\"fields\":{}}]}", 403, "device_mismatch" },
  { "no token", "POST", "/v1/push", 0, "{}", 401, "unauthorized" },
  { "forged token", "POST", "/v1/push", 3, "{}", 401, "unauthorized" },
  { "pull: negative cursor", "GET", "/v1/pull?cursor=-1", 1, NULL, 400, "bad_value" },
  { "pull: cursor with SQL", "GET", "/v1/pull?cursor=0%20OR%201=1", 1, NULL, 400, "bad_value" },
  { "pull: unknown parameter", "GET", "/v1/pull?since=0", 1, NULL, 400, "unknown_field" },
  { "pull: page too large", "GET", "/v1/pull?limit=5000", 1, NULL, 413, "too_large" },
  { "pull: cursor ahead", "GET", "/v1/pull?cursor=999999", 1, NULL, 409, "cursor_ahead" },
  { "pull without token", "GET", "/v1/pull", 0, NULL, 401, "unauthorized" },
  { "blob name with dots", "GET", "/v1/blobs/..%2F..%2Fdata%2Foffice.db", 1, NULL, 400, "bad_blob_name" },
  { "blob name upper case", "GET", "/v1/blobs/AB5E0E7B0B6F3E8F0C1C4F0B0D2A3E5F6A7B8C9D0E1F2A3B4C5D6E7F8A9B0C1D", 1, NULL, 400, "bad_blob_name" },
  { "blob name too short", "HEAD", "/v1/blobs/abc", 1, NULL, 400, NULL },
  { "blob sub-path", "POST", "/v1/blobs/" SHA_A "/delete", 1, "{}", 400, "bad_blob_name" },
  { "complete: size as string", "POST", "/v1/blobs/" SHA_A "/complete", 2, "{\"size\":\"1\"}", 400, "wrong_type" },
  { "complete: negative size", "POST", "/v1/blobs/" SHA_A "/complete", 2, "{\"size\":-1}", 400, "bad_value" },
  { "blob absent", "GET", "/v1/blobs/" SHA_A, 1, NULL, 404, "not_found" },
  { "unknown path", "GET", "/v1/nowhere", 1, NULL, 404, "not_found" },
  { "wrong method", "DELETE", "/v1/push", 1, NULL, 405, "method_not_allowed" },
  { "session: wrong password", "POST", "/v1/session", 0, "{\"user\":\"olga\",\"password\":\"guess\",\"device_id\":\"{OLGA}\",\"device_name\":\"x\",\"protocol\":1,\"schema\":6}", 401, "bad_credentials" },
  { "session: unknown user", "POST", "/v1/session", 0, "{\"user\":\"' OR 1=1 --\",\"password\":\"x\",\"device_id\":\"{OLGA}\",\"device_name\":\"x\",\"protocol\":1,\"schema\":6}", 401, "bad_credentials" },
  { "session: client too old", "POST", "/v1/session", 0, "{\"user\":\"olga\",\"password\":\"" TEST_PASSWORD "\",\"device_id\":\"{OLGA}\",\"device_name\":\"x\",\"protocol\":0,\"schema\":6}", 426, "client_too_old" },
  { "session: schema too old", "POST", "/v1/session", 0, "{\"user\":\"olga\",\"password\":\"" TEST_PASSWORD "\",\"device_id\":\"{OLGA}\",\"device_name\":\"x\",\"protocol\":1,\"schema\":3}", 426, "client_too_old" },
  { "session: server too old", "POST", "/v1/session", 0, "{\"user\":\"olga\",\"password\":\"" TEST_PASSWORD "\",\"device_id\":\"{OLGA}\",\"device_name\":\"x\",\"protocol\":2,\"schema\":6}", 426, "server_too_old" },
  { "session: another user's device", "POST", "/v1/session", 0, "{\"user\":\"olga\",\"password\":\"" TEST_PASSWORD "\",\"device_id\":\"{TOM}\",\"device_name\":\"x\",\"protocol\":1,\"schema\":6}", 403, "device_taken" },
  { "session: password as number", "POST", "/v1/session", 0, "{\"user\":\"olga\",\"password\":1,\"device_id\":\"{OLGA}\",\"device_name\":\"x\",\"protocol\":1,\"schema\":6}", 400, "wrong_type" },
  { "numbers: bad year", "POST", "/v1/numbers", 1, "{\"year\":1}", 400, "bad_value" },
  { "numbers: extra member", "POST", "/v1/numbers", 1, "{\"year\":2026,\"count\":1000000}", 400, "unknown_field" },
};

static char *
fill (const char *text, Fixture *f)
{
  g_autoptr(GString) s = g_string_new (text);

  g_string_replace (s, "{OLGA}", f->olga_dev, 0);
  g_string_replace (s, "{TOM}", f->tom_dev, 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autoptr(GHashTable) before = office_pull_all (f->office, f->olga, 0, NULL);
  gint64 head_before, head_after;

  {
    g_autoptr(Reply) r = office_request (f->office, "GET", "/v1/pull?cursor=0&limit=1", f->olga,
                                         NULL, NULL, 0, NULL, NULL);
    head_before = reply_int (r, "head");
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      const BadInput *b = &bad_inputs[i];
      const char *token = b->who == 1 ? f->olga : b->who == 2 ? f->tom
                        : b->who == 3 ? "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" : NULL;
      g_autofree char *body = b->body != NULL ? fill (b->body, f) : NULL;
      g_autoptr(Reply) r = office_request (f->office, b->method, b->path, token, NULL, body,
                                           body != NULL ? strlen (body) : 0, NULL, NULL);

      g_test_message ("%s: %u %s", b->name, r->status, r->body);
      g_assert_cmpuint (r->status, ==, b->status);
      if (b->error != NULL)
        {
          /* Every refusal says what is wrong, as JSON. */
          g_assert_cmpstr (reply_error (r), ==, b->error);
          g_assert_nonnull (reply_string (r, "message"));
          g_assert_cmpuint (strlen (reply_string (r, "message")), >, 10);
        }
    }

  /* Oversized: a body over 8 MiB, and a batch over 500 changes. */
  {
    gsize big = 9 * 1024 * 1024;
    g_autofree char *body = g_malloc (big);
    g_autoptr(Reply) r = NULL;

    memset (body, ' ', big);
    body[0] = '{';
    body[big - 1] = '}';
    r = office_request (f->office, "POST", "/v1/push", f->olga, NULL, body, big, NULL, NULL);
    g_assert_cmpuint (r->status, ==, 413);
    g_assert_cmpstr (reply_error (r), ==, "too_large");
  }
  {
    g_autoptr(GString) changes = g_string_new (NULL);
    g_autoptr(Reply) r = NULL;

    for (int i = 1; i <= 501; i++)
      {
        g_autofree char *id = afs_uuid7_new ();
        g_autofree char *hlc = test_hlc (1773133260000 + i, f->olga_dev);
        g_autofree char *c = test_change (i, "customers", id, "insert", hlc,
                                          "{\"name\":{\"old\":null,\"new\":\"x\"}}");
        g_string_append_printf (changes, "%s%s", i > 1 ? "," : "", c);
      }
    r = office_push (f->office, f->olga, f->olga_dev, changes->str);
    g_assert_cmpuint (r->status, ==, 413);
    g_assert_cmpstr (reply_error (r), ==, "too_large");
  }

  /* Nothing of it was applied. */
  {
    g_autoptr(GHashTable) after = office_pull_all (f->office, f->olga, 0, NULL);
    g_autoptr(Reply) r = office_request (f->office, "GET", "/v1/pull?cursor=0&limit=1", f->olga,
                                         NULL, NULL, 0, NULL, NULL);
    head_after = reply_int (r, "head");
    g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
    g_assert_cmpint (head_after, ==, head_before);
  }

  /* SQL in strings is stored as text, and the service keeps serving. */
  {
    g_autofree char *id = afs_uuid7_new ();
    const char *evil = "Robert'); DROP TABLE rows; --";
    g_autofree char *hlc = test_hlc (1773133270000, f->olga_dev);
    g_autofree char *fields = g_strdup_printf ("{\"name\":{\"old\":null,\"new\":\"%s\"}}", evil);
    g_autofree char *c = test_change (1, "customers", id, "insert", hlc, fields);
    g_autoptr(Reply) r = office_push (f->office, f->olga, f->olga_dev, c);
    g_autoptr(GHashTable) after = NULL;
    g_autofree char *key = g_strdup_printf ("customers/%s", id);

    g_assert_cmpuint (r->status, ==, 200);
    after = office_pull_all (f->office, f->olga, 0, NULL);
    g_assert_cmpstr (json_object_get_string_member (g_hash_table_lookup (after, key), "name"),
                     ==, evil);
  }
  {
    g_autoptr(Reply) r = office_request (f->office, "GET", "/v1/hello", NULL, NULL, NULL, 0,
                                         NULL, NULL);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (reply_int (r, "protocol"), ==, 1);
  }
}

/* ---- admin and revocation --------------------------------------------------------- */

static void
test_admin (Fixture *f, gconstpointer data)
{
  g_autofree char *users = NULL;
  g_autofree char *devices = NULL;
  g_autofree char *status = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (office_admin (f->office, NULL, &users, "user", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (users, "olga\toffice"));
  g_assert_nonnull (strstr (users, "tom\ttechnician\t" STAFF_TOM));

  /* Refused: a role that does not exist, an empty password. */
  g_assert_cmpint (office_admin (f->office, TEST_PASSWORD "\n", NULL, "user", "add", "eve",
                                 "--role", "admin", NULL), ==, 1);
  g_assert_cmpint (office_admin (f->office, "\n", NULL, "user", "add", "eve", "--role",
                                 "office", NULL), ==, 1);
  g_assert_cmpint (office_admin (f->office, NULL, &out, "user", "list", NULL), ==, 0);
  g_assert_null (strstr (out, "eve"));

  g_assert_cmpint (office_admin (f->office, NULL, &devices, "device", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (devices, f->tom_dev));
  g_assert_nonnull (strstr (devices, "active"));

  g_assert_cmpint (office_admin (f->office, NULL, &status, "status", NULL), ==, 0);
  g_assert_nonnull (strstr (status, "Users: 2"));
  g_assert_nonnull (strstr (status, "Active devices: 2"));

  /* Revoking Tom's laptop stops its token at once and its sign-in. */
  g_assert_cmpint (office_admin (f->office, NULL, NULL, "device", "revoke", f->tom_dev, NULL), ==, 0);
  {
    g_autoptr(Reply) r = office_request (f->office, "GET", "/v1/pull", f->tom, NULL, NULL, 0,
                                         NULL, NULL);
    g_assert_cmpuint (r->status, ==, 401);
  }
  {
    g_autofree char *body = g_strdup_printf ("{\"user\":\"tom\",\"password\":\"%s\","
                                             "\"device_id\":\"%s\",\"device_name\":\"x\","
                                             "\"protocol\":1,\"schema\":6}",
                                             TEST_PASSWORD, f->tom_dev);
    g_autoptr(Reply) r = office_request (f->office, "POST", "/v1/session", NULL, NULL, body,
                                         strlen (body), NULL, NULL);
    g_assert_cmpuint (r->status, ==, 401);
    g_assert_cmpstr (reply_error (r), ==, "revoked");
  }
  /* Olga's device is untouched. */
  {
    g_autoptr(Reply) r = office_request (f->office, "GET", "/v1/pull", f->olga, NULL, NULL, 0,
                                         NULL, NULL);
    g_assert_cmpuint (r->status, ==, 200);
  }
  g_assert_cmpint (office_admin (f->office, NULL, &out, "device", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "revoked"));
  g_assert_cmpint (office_admin (f->office, NULL, NULL, "device", "revoke",
                                 "01900000-0000-7000-8000-000000000bad", NULL), ==, 1);

  /* Signing out forgets the token. */
  {
    g_autoptr(Reply) r = office_request (f->office, "DELETE", "/v1/session", f->olga, NULL, NULL,
                                         0, NULL, NULL);
    g_autoptr(Reply) r2 = NULL;

    g_assert_cmpuint (r->status, ==, 204);
    r2 = office_request (f->office, "GET", "/v1/pull", f->olga, NULL, NULL, 0, NULL, NULL);
    g_assert_cmpuint (r2->status, ==, 401);
  }
}

/* ---- TLS ------------------------------------------------------------------------------ */

static void
test_tls (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("afs-tls-XXXXXX", &error);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  const char *openssl[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                            "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                            "-addext", "subjectAltName=IP:127.0.0.1", NULL };
  const char *args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
  int wait_status = 0;
  Office *office;
  g_autoptr(GTlsDatabase) db = NULL;

  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) openssl, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  office = office_start (args);
  g_assert_true (g_str_has_prefix (office->url, "https://127.0.0.1:"));

  /* A client that trusts this certificate talks to it… */
  db = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);
  g_object_unref (office->session);
  office->session = soup_session_new_with_options ("tls-database", db, "timeout", 30, NULL);
  {
    g_autoptr(Reply) r = office_request (office, "GET", "/v1/hello", NULL, NULL, NULL, 0, NULL, NULL);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (reply_int (r, "protocol"), ==, 1);
  }
  office_add_user (office, "olga", "office", NULL);
  {
    g_autofree char *dev = afs_uuid7_new ();
    g_autofree char *token = office_sign_in (office, "olga", dev);
    g_autoptr(Reply) r = office_request (office, "GET", "/v1/pull", token, NULL, NULL, 0, NULL, NULL);
    g_assert_cmpuint (r->status, ==, 200);
  }

  /* …one that does not trust it is refused by TLS, not served. */
  {
    g_autoptr(SoupSession) plain = soup_session_new ();
    g_autofree char *uri = g_strconcat (office->url, "v1/hello", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
    g_autoptr(GBytes) b = soup_session_send_and_read (plain, msg, NULL, &error);

    g_assert_null (b);
    g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
    g_clear_error (&error);
  }

  office_stop (office);
  g_unlink (cert);
  g_unlink (key);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/office/blob/resume-after-cuts", Fixture, NULL, setup, test_blob_resume, teardown);
  g_test_add ("/office/blob/wrong-hash", Fixture, NULL, setup, test_blob_wrong_hash, teardown);
  g_test_add ("/office/bad-input", Fixture, NULL, setup, test_bad_input, teardown);
  g_test_add ("/office/admin-and-revoked-device", Fixture, NULL, setup, test_admin, teardown);
  g_test_add_func ("/office/tls", test_tls);

  return g_test_run ();
}
