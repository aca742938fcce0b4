/* afs-sync-client.c: the device side of sync (see afs-sync-client.h and
 * docs/sync-client.md).
 *
 * Every network step runs as a job on a GTask worker thread with its own
 * SoupSession; the properties change on the main context the client was
 * made in, so the screens can bind to them.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-credentials.h"
#include "afs-enums.h"
#include "afs-sync-private.h"

struct _AfsSyncClient
{
  GObject        parent_instance;

  AfsStore      *store;
  GMainContext  *context;

  char          *server_url;
  char          *user;
  char          *staff_id;
  int            role;
  char          *token;         /* NULL when not signed in */
  char          *photo_dir;
  guint          timeout_s;
  guint          chunk_size;
  char          *ca_file;

  AfsSyncState   state;
  guint          pending_count;
  char          *last_error;
  int            last_error_code;
  guint64        photo_bytes_sent;
  guint64        photo_bytes_total;
  gint64         last_sync_time;
  AfsSyncReport  report;

  /* The sync running now, and the callers waiting for it. */
  GTask         *running;
  GPtrArray     *waiters;
};

G_DEFINE_TYPE (AfsSyncClient, afs_sync_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (AfsSyncState, afs_sync_state,
                    G_DEFINE_ENUM_VALUE (AFS_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (AFS_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (AFS_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (AFS_SYNC_STATE_ERROR, "error"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SERVER_URL,
  PROP_USER,
  PROP_STAFF_ID,
  PROP_SIGNED_IN,
  PROP_STATE,
  PROP_PENDING_COUNT,
  PROP_LAST_ERROR,
  PROP_PHOTO_BYTES_SENT,
  PROP_PHOTO_BYTES_TOTAL,
  PROP_LAST_SYNC_TIME,
  N_PROPS
};

static GParamSpec *props[N_PROPS];

static void
afs_sync_client_finalize (GObject *object)
{
  AfsSyncClient *self = AFS_SYNC_CLIENT (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->user, g_free);
  g_clear_pointer (&self->staff_id, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->photo_dir, g_free);
  g_clear_pointer (&self->ca_file, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (afs_sync_client_parent_class)->finalize (object);
}

static void
afs_sync_client_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AfsSyncClient *self = AFS_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_SERVER_URL: g_value_set_string (value, self->server_url); break;
    case PROP_USER: g_value_set_string (value, self->user); break;
    case PROP_STAFF_ID: g_value_set_string (value, self->staff_id); break;
    case PROP_SIGNED_IN: g_value_set_boolean (value, self->token != NULL); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_PENDING_COUNT: g_value_set_uint (value, self->pending_count); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    case PROP_PHOTO_BYTES_SENT: g_value_set_uint64 (value, self->photo_bytes_sent); break;
    case PROP_PHOTO_BYTES_TOTAL: g_value_set_uint64 (value, self->photo_bytes_total); break;
    case PROP_LAST_SYNC_TIME: g_value_set_int64 (value, self->last_sync_time); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_sync_client_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AfsSyncClient *self = AFS_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static int
role_from_key (const char *key)
{
  AfsRole role;

  if (key != NULL && afs_role_from_string (key, &role))
    return role;
  return -1;
}

static void
afs_sync_client_constructed (GObject *object)
{
  AfsSyncClient *self = AFS_SYNC_CLIENT (object);
  g_autoptr(GError) error = NULL;
  AfsSyncAccount account;

  G_OBJECT_CLASS (afs_sync_client_parent_class)->constructed (object);

  g_return_if_fail (self->store != NULL);

  /* The app's rule (afs-visit-util.c): $AFS_PHOTO_DIR, else "photos"
   * beside the database, so the command line finds the same files. */
  if (g_getenv ("AFS_PHOTO_DIR") != NULL && *g_getenv ("AFS_PHOTO_DIR") != '\0')
    self->photo_dir = g_strdup (g_getenv ("AFS_PHOTO_DIR"));
  else
    {
      g_autofree char *dir = g_path_get_dirname (afs_store_get_path (self->store));

      self->photo_dir = g_build_filename (dir, "photos", NULL);
    }
  if (afs_store_sync_get_account (self->store, &account, &error))
    {
      self->server_url = g_steal_pointer (&account.server_url);
      self->user = g_steal_pointer (&account.user_name);
      self->staff_id = g_steal_pointer (&account.staff_id);
      self->role = role_from_key (account.role);
      self->last_sync_time = account.last_sync_at;
      afs_sync_account_clear (&account);
    }
  else
    g_warning ("Reading the sync settings: %s", error->message);

  afs_sync_client_refresh_pending (self);
}

static void
afs_sync_client_class_init (AfsSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = afs_sync_client_finalize;
  object_class->constructed = afs_sync_client_constructed;
  object_class->get_property = afs_sync_client_get_property;
  object_class->set_property = afs_sync_client_set_property;

  props[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AFS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL, ro);
  props[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL, ro);
  props[PROP_STAFF_ID] = g_param_spec_string ("staff-id", NULL, NULL, NULL, ro);
  props[PROP_SIGNED_IN] = g_param_spec_boolean ("signed-in", NULL, NULL, FALSE, ro);
  props[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, AFS_TYPE_SYNC_STATE,
                                         AFS_SYNC_STATE_IDLE, ro);
  props[PROP_PENDING_COUNT] = g_param_spec_uint ("pending-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  props[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  props[PROP_PHOTO_BYTES_SENT] = g_param_spec_uint64 ("photo-bytes-sent", NULL, NULL,
                                                      0, G_MAXUINT64, 0, ro);
  props[PROP_PHOTO_BYTES_TOTAL] = g_param_spec_uint64 ("photo-bytes-total", NULL, NULL,
                                                       0, G_MAXUINT64, 0, ro);
  props[PROP_LAST_SYNC_TIME] = g_param_spec_int64 ("last-sync-time", NULL, NULL,
                                                   0, G_MAXINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
afs_sync_client_init (AfsSyncClient *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->role = -1;
  self->timeout_s = 60;
  self->chunk_size = AFS_SYNC_CHUNK_SIZE;
  self->last_error_code = -1;
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

AfsSyncClient *
afs_sync_client_new (AfsStore *store)
{
  g_return_val_if_fail (AFS_IS_STORE (store), NULL);

  return g_object_new (AFS_TYPE_SYNC_CLIENT, "store", store, NULL);
}

/* ---- Getters ------------------------------------------------------------ */

AfsStore *afs_sync_client_get_store (AfsSyncClient *self) { return self->store; }
const char *afs_sync_client_get_server_url (AfsSyncClient *self) { return self->server_url; }
const char *afs_sync_client_get_user (AfsSyncClient *self) { return self->user; }
const char *afs_sync_client_get_staff_id (AfsSyncClient *self) { return self->staff_id; }
int afs_sync_client_get_role (AfsSyncClient *self) { return self->role; }
gboolean afs_sync_client_get_signed_in (AfsSyncClient *self) { return self->token != NULL; }
AfsSyncState afs_sync_client_get_state (AfsSyncClient *self) { return self->state; }
guint afs_sync_client_get_pending_count (AfsSyncClient *self) { return self->pending_count; }
const char *afs_sync_client_get_last_error (AfsSyncClient *self) { return self->last_error; }
int afs_sync_client_get_last_error_code (AfsSyncClient *self) { return self->last_error_code; }
guint64 afs_sync_client_get_photo_bytes_sent (AfsSyncClient *self) { return self->photo_bytes_sent; }
guint64 afs_sync_client_get_photo_bytes_total (AfsSyncClient *self) { return self->photo_bytes_total; }
gint64 afs_sync_client_get_last_sync_time (AfsSyncClient *self) { return self->last_sync_time; }
const char *afs_sync_client_get_photo_dir (AfsSyncClient *self) { return self->photo_dir; }

void
afs_sync_client_get_report (AfsSyncClient *self,
                            AfsSyncReport *out)
{
  *out = self->report;
}

void
afs_sync_client_set_photo_dir (AfsSyncClient *self,
                               const char    *dir)
{
  g_return_if_fail (dir != NULL);
  g_free (self->photo_dir);
  self->photo_dir = g_strdup (dir);
}

void
afs_sync_client_set_timeout (AfsSyncClient *self,
                             guint          seconds)
{
  self->timeout_s = seconds;
}

void
afs_sync_client_set_chunk_size (AfsSyncClient *self,
                                guint          bytes)
{
  self->chunk_size = bytes > 0 ? bytes : AFS_SYNC_CHUNK_SIZE;
}

void
afs_sync_client_set_tls_ca_file (AfsSyncClient *self,
                                 const char    *path)
{
  g_free (self->ca_file);
  self->ca_file = g_strdup (path);
}

static void
set_string (AfsSyncClient  *self,
            char          **field,
            const char     *value,
            int             prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), props[prop]);
}

static void
set_state (AfsSyncClient *self,
           AfsSyncState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATE]);
}

static void
set_token (AfsSyncClient *self,
           const char    *token)
{
  gboolean was = self->token != NULL;

  g_free (self->token);
  self->token = g_strdup (token);
  if (was != (token != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SIGNED_IN]);
}

static void
set_pending (AfsSyncClient *self,
             gint64         pending)
{
  guint n = pending < 0 ? 0 : (guint) MIN (pending, (gint64) G_MAXUINT);

  if (n == self->pending_count)
    return;
  self->pending_count = n;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PENDING_COUNT]);
}

void
afs_sync_client_refresh_pending (AfsSyncClient *self)
{
  g_autoptr(GError) error = NULL;
  gint64 n = afs_store_sync_pending_count (self->store, &error);

  if (n < 0)
    {
      g_warning ("Counting the changes to send: %s", error->message);
      return;
    }
  set_pending (self, n);
}

/* ---- Jobs ------------------------------------------------------------------- */

AfsSyncJob *
afs_sync_job_new (AfsSyncClient *client,
                  const char    *token)
{
  AfsSyncJob *job = g_new0 (AfsSyncJob, 1);
  const char *url = client->server_url != NULL ? client->server_url : "";
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    len--;

  job->client = g_object_ref (client);
  job->context = g_main_context_ref (client->context);
  job->store = g_object_ref (client->store);
  job->base_url = g_strndup (url, len);
  job->token = g_strdup (token);
  job->device_id = g_strdup (afs_store_get_device_id (client->store));
  job->photo_dir = g_strdup (client->photo_dir);
  job->chunk_size = client->chunk_size;
  job->session = soup_session_new_with_options ("timeout", client->timeout_s,
                                                "idle-timeout", client->timeout_s,
                                                "user-agent", "AfterSales/" PACKAGE_VERSION,
                                                NULL);
  if (client->ca_file != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTlsDatabase) db = g_tls_file_database_new (client->ca_file, &error);

      if (db != NULL)
        soup_session_set_tls_database (job->session, db);
      else
        g_warning ("Reading the certificate authority %s: %s", client->ca_file, error->message);
    }
  return job;
}

void
afs_sync_job_free (AfsSyncJob *job)
{
  if (job == NULL)
    return;
  g_clear_object (&job->client);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_object (&job->store);
  g_clear_object (&job->session);
  g_clear_object (&job->cancellable);
  g_free (job->base_url);
  g_free (job->token);
  g_free (job->device_id);
  g_free (job->photo_dir);
  g_free (job);
}

typedef struct {
  AfsSyncClient *client;
  guint64        sent;
  guint64        total;
} BytesUpdate;

static gboolean
apply_bytes (gpointer data)
{
  BytesUpdate *u = data;
  AfsSyncClient *self = u->client;

  if (self->state == AFS_SYNC_STATE_SYNCING)
    {
      if (self->photo_bytes_total != u->total)
        {
          self->photo_bytes_total = u->total;
          g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PHOTO_BYTES_TOTAL]);
        }
      if (self->photo_bytes_sent != u->sent)
        {
          self->photo_bytes_sent = u->sent;
          g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PHOTO_BYTES_SENT]);
        }
    }
  return G_SOURCE_REMOVE;
}

static void
bytes_update_free (gpointer data)
{
  BytesUpdate *u = data;

  g_object_unref (u->client);
  g_free (u);
}

void
afs_sync_job_post_bytes (AfsSyncJob *job)
{
  BytesUpdate *u = g_new0 (BytesUpdate, 1);

  u->client = g_object_ref (job->client);
  u->sent = job->bytes_sent;
  u->total = job->bytes_total;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, apply_bytes, u, bytes_update_free);
}

/* ---- Sign in ------------------------------------------------------------------- */

typedef struct {
  char   *server_url;
  char   *user;
  char   *password;
  /* results */
  char   *token;
  char   *staff_id;
  char   *role;
} SignIn;

static void
sign_in_free (SignIn *s)
{
  g_free (s->server_url);
  g_free (s->user);
  if (s->password != NULL)
    memset (s->password, 0, strlen (s->password));
  g_free (s->password);
  g_free (s->token);
  g_free (s->staff_id);
  g_free (s->role);
  g_free (s);
}

static gboolean
check_versions (AfsSyncJob  *job,
                char       **server_id,
                GError     **error)
{
  AfsHttpReply reply;
  gint64 protocol, min_protocol, schema, min_schema;
  int my_schema = afs_store_get_schema_version (job->store);
  gboolean ok;

  if (!afs_sync_http_json (job, "GET", "/v1/hello", NULL, &reply, error))
    return FALSE;
  if (reply.status != 200)
    {
      ok = afs_sync_reply_error (&reply, error);
      afs_http_reply_clear (&reply);
      return ok;
    }
  ok = afs_sync_json_int (reply.json, "protocol", &protocol, error) &&
       afs_sync_json_int (reply.json, "min_protocol", &min_protocol, error) &&
       afs_sync_json_int (reply.json, "schema", &schema, error) &&
       afs_sync_json_int (reply.json, "min_schema", &min_schema, error);
  *server_id = g_strdup (afs_sync_json_string (reply.json, "server_id"));
  afs_http_reply_clear (&reply);
  if (!ok)
    return FALSE;

  if (AFS_SYNC_PROTOCOL_VERSION < min_protocol || my_schema < min_schema)
    {
      g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_CLIENT_TOO_OLD,
                   _("This AfterSales is too old for the office server (it speaks protocol "
                     "%d, schema %d; the server needs at least %lld, %lld). Update AfterSales "
                     "on this computer; your work is kept until then."),
                   AFS_SYNC_PROTOCOL_VERSION, my_schema, (long long) min_protocol,
                   (long long) min_schema);
      return FALSE;
    }
  if (AFS_SYNC_PROTOCOL_VERSION > protocol || my_schema > schema)
    {
      g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_SERVER_TOO_OLD,
                   _("The office server is older than this AfterSales (it speaks protocol "
                     "%lld, schema %lld; this computer %d, %d). Ask the administrator to "
                     "update the office service; your work is kept until then."),
                   (long long) protocol, (long long) schema, AFS_SYNC_PROTOCOL_VERSION,
                   my_schema);
      return FALSE;
    }
  return TRUE;
}

gboolean
afs_sync_store_number_block (AfsSyncJob  *job,
                             JsonNode    *block,
                             GError     **error)
{
  gint64 year, first, last;

  if (block == NULL || JSON_NODE_HOLDS_NULL (block))
    return TRUE;
  if (!afs_sync_json_int (block, "year", &year, error) ||
      !afs_sync_json_int (block, "first", &first, error) ||
      !afs_sync_json_int (block, "last", &last, error))
    return FALSE;
  return afs_store_sync_add_number_block (job->store, (int) year, first, last, error);
}

gboolean
afs_sync_lease_numbers (AfsSyncJob  *job,
                        gboolean     only_when_low,
                        GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int year = g_date_time_get_year (now);
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  AfsHttpReply reply;
  gboolean ok;
  gint64 left;

  left = afs_store_sync_numbers_left (job->store, year, error);
  if (left < 0)
    return FALSE;
  if (only_when_low && left >= AFS_SYNC_NUMBERS_LOW)
    return TRUE;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, year);
  json_builder_end_object (b);
  body = json_builder_get_root (b);

  if (!afs_sync_http_json (job, "POST", "/v1/numbers", body, &reply, error))
    return FALSE;
  if (reply.status != 200)
    ok = afs_sync_reply_error (&reply, error);
  else
    ok = afs_sync_store_number_block (job, reply.json, error);
  afs_http_reply_clear (&reply);
  return ok;
}

static void
sign_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  AfsSyncClient *self = source;
  SignIn *s = data;
  AfsSyncJob *job;
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *server_id = NULL;
  g_autofree char *saved_url = NULL;
  GError *error = NULL;
  AfsHttpReply reply = { 0 };
  JsonNode *user_node = NULL;
  gint64 last_seq = 0;

  /* The job reads the URL from the client: give it this one. */
  saved_url = g_strdup (s->server_url);
  job = afs_sync_job_new (self, NULL);
  g_free (job->base_url);
  {
    gsize len = strlen (saved_url);

    while (len > 0 && saved_url[len - 1] == '/')
      len--;
    job->base_url = g_strndup (saved_url, len);
  }
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  if (!check_versions (job, &server_id, &error))
    goto out;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "user");
  json_builder_add_string_value (b, s->user);
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, s->password);
  json_builder_set_member_name (b, "device_id");
  json_builder_add_string_value (b, job->device_id);
  json_builder_set_member_name (b, "device_name");
  json_builder_add_string_value (b, g_get_host_name ());
  json_builder_set_member_name (b, "protocol");
  json_builder_add_int_value (b, AFS_SYNC_PROTOCOL_VERSION);
  json_builder_set_member_name (b, "schema");
  json_builder_add_int_value (b, afs_store_get_schema_version (job->store));
  json_builder_end_object (b);
  body = json_builder_get_root (b);

  if (!afs_sync_http_json (job, "POST", "/v1/session", body, &reply, &error))
    goto out;
  if (reply.status != 200)
    {
      afs_sync_reply_error (&reply, &error);
      goto out;
    }

  s->token = g_strdup (afs_sync_json_string (reply.json, "token"));
  user_node = json_object_get_member (json_node_get_object (reply.json), "user");
  if (s->token == NULL || user_node == NULL || !JSON_NODE_HOLDS_OBJECT (user_node))
    {
      g_set_error_literal (&error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_PROTOCOL,
                           _("The office server's sign-in reply has no token. Check that the "
                             "address is an AfterSales office server."));
      goto out;
    }
  s->staff_id = g_strdup (afs_sync_json_string (user_node, "staff_id"));
  s->role = g_strdup (afs_sync_json_string (user_node, "role"));
  afs_sync_json_int (reply.json, "last_seq", &last_seq, NULL);

  /* The token goes to the keyring before anything says "signed in". */
  if (!afs_credentials_store (job->base_url, s->user, s->token, cancellable, &error))
    goto out;
  /* The account and the server's last_seq in one write: a crash between
   * them would leave this device numbering below what the server applied. */
  if (!afs_store_sync_set_account (job->store, job->base_url, s->user, s->staff_id, s->role,
                                   server_id, last_seq, &error))
    goto out;
  if (!afs_sync_store_number_block (job, json_object_get_member (json_node_get_object (reply.json),
                                                                 "number_block"), &error))
    goto out;
  g_free (s->server_url);
  s->server_url = g_strdup (job->base_url);

out:
  afs_http_reply_clear (&reply);
  afs_sync_job_free (job);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
sign_in_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AfsSyncClient *self = AFS_SYNC_CLIENT (source);
  g_autoptr(GTask) outer = user_data;
  SignIn *s = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->server_url, s->server_url, PROP_SERVER_URL);
  set_string (self, &self->user, s->user, PROP_USER);
  set_string (self, &self->staff_id, s->staff_id, PROP_STAFF_ID);
  self->role = role_from_key (s->role);
  set_token (self, s->token);
  g_clear_pointer (&self->last_error, g_free);
  self->last_error_code = -1;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LAST_ERROR]);
  if (self->state == AFS_SYNC_STATE_ERROR)
    set_state (self, AFS_SYNC_STATE_IDLE);
  g_object_thaw_notify (G_OBJECT (self));

  g_task_return_boolean (outer, TRUE);
}

void
afs_sync_client_sign_in_async (AfsSyncClient       *self,
                               const char          *server_url,
                               const char          *user,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *outer;
  SignIn *s;

  g_return_if_fail (AFS_IS_SYNC_CLIENT (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, afs_sync_client_sign_in_async);

  if (server_url == NULL || *server_url == '\0' || user == NULL || *user == '\0' ||
      password == NULL)
    {
      g_task_return_new_error (outer, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED, "%s",
                               _("Type the server address, your user name and your password."));
      g_object_unref (outer);
      return;
    }
  if (!g_str_has_prefix (server_url, "https://") && !g_str_has_prefix (server_url, "http://"))
    {
      g_task_return_new_error (outer, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED,
                               _("“%s” is not a valid server address. Type it like "
                                 "https://office.example.com:8443."),
                               server_url);
      g_object_unref (outer);
      return;
    }

  /* Another account on this file while work is unsent would mix two
   * people's work: send it (or drop it knowingly) first. */
  if (self->server_url != NULL && self->pending_count > 0 &&
      (g_strcmp0 (self->user, user) != 0 || g_strcmp0 (self->server_url, server_url) != 0))
    {
      afs_sync_client_refresh_pending (self);
      if (self->pending_count > 0)
        {
          g_task_return_new_error (outer, AFS_SYNC_ERROR, AFS_SYNC_ERROR_PENDING,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "%u change made as %s is not sent yet. Sign in as %s "
                                                "and sync first, or sign out and discard it.",
                                                "%u changes made as %s are not sent yet. Sign in as %s "
                                                "and sync first, or sign out and discard them.",
                                                self->pending_count),
                                   self->pending_count, self->user, self->user);
          g_object_unref (outer);
          return;
        }
    }

  s = g_new0 (SignIn, 1);
  s->server_url = g_strdup (server_url);
  s->user = g_strdup (user);
  s->password = g_strdup (password);

  task = g_task_new (self, cancellable, sign_in_done, outer);
  g_task_set_task_data (task, s, (GDestroyNotify) sign_in_free);
  g_task_run_in_thread (task, sign_in_thread);
}

gboolean
afs_sync_client_sign_in_finish (AfsSyncClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Restore ----------------------------------------------------------------------- */

static void
lookup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AfsSyncClient *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autofree char *token = afs_credentials_lookup_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (token != NULL)
    set_token (self, token);
  g_task_return_boolean (task, token != NULL);
}

void
afs_sync_client_restore_session_async (AfsSyncClient       *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, afs_sync_client_restore_session_async);
  if (self->server_url == NULL || self->user == NULL)
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }
  afs_credentials_lookup_async (self->server_url, self->user, cancellable, lookup_done, task);
}

gboolean
afs_sync_client_restore_session_finish (AfsSyncClient  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Sign out ----------------------------------------------------------------------- */

typedef struct {
  gboolean  discard;
  char     *server_url;
  char     *user;
  char     *token;
} SignOut;

static void
sign_out_free (SignOut *s)
{
  g_free (s->server_url);
  g_free (s->user);
  g_free (s->token);
  g_free (s);
}

static void
sign_out_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  AfsSyncClient *self = source;
  SignOut *s = data;
  GError *error = NULL;
  gint64 pending;

  pending = afs_store_sync_pending_count (self->store, &error);
  if (pending < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  if (pending > 0 && !s->discard)
    {
      g_task_return_new_error (task, AFS_SYNC_ERROR, AFS_SYNC_ERROR_PENDING,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%lld change is not sent to the office yet. Sync first, "
                                            "or sign out and discard it.",
                                            "%lld changes are not sent to the office yet. Sync first, "
                                            "or sign out and discard them.",
                                            (gulong) pending),
                               (long long) pending);
      return;
    }

  /* Tell the server to forget the token; offline, it expires there with
   * the device, and it is gone from here anyway. */
  if (s->token != NULL)
    {
      AfsSyncJob *job = afs_sync_job_new (self, s->token);
      AfsHttpReply reply;

      if (afs_sync_http_json (job, "DELETE", "/v1/session", NULL, &reply, NULL))
        afs_http_reply_clear (&reply);
      afs_sync_job_free (job);
    }

  if (!afs_credentials_clear (s->server_url, s->user, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (pending > 0 && !afs_store_sync_discard_outbox (self->store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
sign_out_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AfsSyncClient *self = AFS_SYNC_CLIENT (source);
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  set_token (self, NULL);
  afs_sync_client_refresh_pending (self);
  g_task_return_boolean (outer, TRUE);
}

void
afs_sync_client_sign_out_async (AfsSyncClient       *self,
                                gboolean             discard_pending,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) task = NULL;
  SignOut *s;

  g_task_set_source_tag (outer, afs_sync_client_sign_out_async);
  if (self->running != NULL)
    {
      g_task_return_new_error (outer, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED, "%s",
                               _("A sync is running. Wait for it to finish, then sign out."));
      g_object_unref (outer);
      return;
    }

  s = g_new0 (SignOut, 1);
  s->discard = discard_pending;
  s->server_url = g_strdup (self->server_url != NULL ? self->server_url : "");
  s->user = g_strdup (self->user != NULL ? self->user : "");
  s->token = g_strdup (self->token);
  task = g_task_new (self, cancellable, sign_out_done, outer);
  g_task_set_task_data (task, s, (GDestroyNotify) sign_out_free);
  g_task_run_in_thread (task, sign_out_thread);
}

gboolean
afs_sync_client_sign_out_finish (AfsSyncClient  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Sync ------------------------------------------------------------------------- */

typedef struct {
  AfsSyncJob    *job;
  gint64         pending;
  gint64         finished_at;
} SyncRun;

static void
sync_run_free (SyncRun *run)
{
  afs_sync_job_free (run->job);
  g_free (run);
}

static gboolean
run_steps (AfsSyncJob  *job,
           GError     **error)
{
  /* Photos before the changes that refer to them (the server refuses a
   * photo row whose blob it lacks), then push, then pull: the pull then
   * brings back what the server made of our changes. */
  return afs_sync_upload_blobs (job, error) &&
         afs_sync_push (job, error) &&
         afs_sync_pull (job, error) &&
         afs_sync_download_blobs (job, error) &&
         afs_sync_lease_numbers (job, TRUE, error);
}

static void
sync_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  SyncRun *run = data;
  GError *error = NULL;
  gboolean ok;

  run->job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  ok = run_steps (run->job, &error);
  run->pending = afs_store_sync_pending_count (run->job->store, NULL);
  if (ok)
    {
      run->finished_at = g_get_real_time () / G_USEC_PER_SEC;
      ok = afs_store_sync_set_last_sync (run->job->store, run->finished_at, &error);
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AfsSyncClient *self = AFS_SYNC_CLIENT (source);
  SyncRun *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);
  self->report = run->job->report;
  g_clear_object (&self->running);
  waiters = g_steal_pointer (&self->waiters);
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);

  g_object_freeze_notify (G_OBJECT (self));
  if (run->pending >= 0)
    set_pending (self, run->pending);
  if (self->photo_bytes_sent != 0 || self->photo_bytes_total != 0)
    {
      self->photo_bytes_sent = self->photo_bytes_total = 0;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PHOTO_BYTES_SENT]);
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PHOTO_BYTES_TOTAL]);
    }
  if (ok)
    {
      self->last_sync_time = run->finished_at;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LAST_SYNC_TIME]);
      set_string (self, &self->last_error, NULL, PROP_LAST_ERROR);
      self->last_error_code = -1;
      set_state (self, AFS_SYNC_STATE_IDLE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_state (self, AFS_SYNC_STATE_IDLE);
  else
    {
      self->last_error_code = error->domain == AFS_SYNC_ERROR ? error->code : AFS_SYNC_ERROR_FAILED;
      set_string (self, &self->last_error, error->message, PROP_LAST_ERROR);
      if (g_error_matches (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_SIGN_IN))
        set_token (self, NULL);
      set_state (self, g_error_matches (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_OFFLINE)
                         ? AFS_SYNC_STATE_OFFLINE : AFS_SYNC_STATE_ERROR);
    }
  g_object_thaw_notify (G_OBJECT (self));

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = waiters->pdata[i];

      if (ok)
        g_task_return_boolean (waiter, TRUE);
      else
        g_task_return_error (waiter, g_error_copy (error));
    }
}

void
afs_sync_client_sync_async (AfsSyncClient       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *waiter;
  SyncRun *run;

  g_return_if_fail (AFS_IS_SYNC_CLIENT (self));

  waiter = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (waiter, afs_sync_client_sync_async);

  if (self->token == NULL)
    {
      g_task_return_new_error (waiter, AFS_SYNC_ERROR, AFS_SYNC_ERROR_NOT_SIGNED_IN, "%s",
                               _("Sign in to the office server to sync."));
      g_object_unref (waiter);
      return;
    }

  g_ptr_array_add (self->waiters, waiter);
  if (self->running != NULL)
    return;

  run = g_new0 (SyncRun, 1);
  run->job = afs_sync_job_new (self, self->token);
  run->pending = -1;
  self->running = g_task_new (self, cancellable, sync_done, NULL);
  g_task_set_task_data (self->running, run, (GDestroyNotify) sync_run_free);
  set_state (self, AFS_SYNC_STATE_SYNCING);
  g_task_run_in_thread (self->running, sync_thread);
}

gboolean
afs_sync_client_sync_finish (AfsSyncClient  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Blocking variants --------------------------------------------------------------- */

typedef struct {
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
  g_main_context_wakeup (NULL);
}

static void
wait_for (AfsSyncClient *self,
          Wait          *wait)
{
  while (!wait->done)
    g_main_context_iteration (self->context, TRUE);
}

gboolean
afs_sync_client_sync (AfsSyncClient  *self,
                      GCancellable   *cancellable,
                      GError        **error)
{
  Wait wait = { 0 };
  gboolean ok;

  afs_sync_client_sync_async (self, cancellable, wait_cb, &wait);
  wait_for (self, &wait);
  ok = afs_sync_client_sync_finish (self, wait.result, error);
  g_object_unref (wait.result);
  return ok;
}

gboolean
afs_sync_client_sign_in (AfsSyncClient  *self,
                         const char     *server_url,
                         const char     *user,
                         const char     *password,
                         GCancellable   *cancellable,
                         GError        **error)
{
  Wait wait = { 0 };
  gboolean ok;

  afs_sync_client_sign_in_async (self, server_url, user, password, cancellable, wait_cb, &wait);
  wait_for (self, &wait);
  ok = afs_sync_client_sign_in_finish (self, wait.result, error);
  g_object_unref (wait.result);
  return ok;
}

gboolean
afs_sync_client_restore_session (AfsSyncClient  *self,
                                 GCancellable   *cancellable,
                                 GError        **error)
{
  Wait wait = { 0 };
  gboolean ok;

  afs_sync_client_restore_session_async (self, cancellable, wait_cb, &wait);
  wait_for (self, &wait);
  ok = afs_sync_client_restore_session_finish (self, wait.result, error);
  g_object_unref (wait.result);
  return ok;
}

/* For the command line: use this token (read from libsecret by the
 * caller) without a lookup. */
void
afs_sync_client_set_token (AfsSyncClient *self,
                           const char    *token)
{
  set_token (self, token);
}
