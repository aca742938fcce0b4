/* afs-test-office.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "afs-test-office.h"

struct _AfsTestOffice
{
  char          *data_dir;
  char          *log_path;
  GSubprocess   *process;
  guint16        service_port;
  char          *direct_url;

  /* The relay runs in a thread of its own, so that a test may also use
   * the client's blocking calls (which spin their own main context). */
  GThread       *thread;
  GMainContext  *context;
  GMainLoop     *loop;
  GSocketService *service;
  guint16        relay_port;
  char          *url;
  GPtrArray     *streams;   /* GIOStream*: open relay connections, to cut */
  GMutex         lock;
  GCond          cond;
  gboolean       done;
};

char *
afs_test_tmpdir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("afs-%s-XXXXXX", name);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
afs_test_rm_rf (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

          afs_test_rm_rf (child);
          g_object_unref (info);
        }
    }
  g_remove (path);
}

void
afs_test_use_file_keyring (void)
{
  static char *dir;
  g_autofree char *path = NULL;

  if (dir != NULL)
    return;
  dir = afs_test_tmpdir ("keyring");
  path = g_build_filename (dir, "keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", path, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "afs-test-keyring", TRUE);
}

static const char *
office_binary (void)
{
  const char *bin = g_getenv ("AFS_OFFICE");

  if (bin == NULL || !g_file_test (bin, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("AFS_OFFICE must name the aftersales-office binary of this build (meson sets it); got “%s”",
             bin != NULL ? bin : "(unset)");
  return bin;
}

/* ---- The relay ------------------------------------------------------------- */

typedef struct {
  AfsTestOffice *office;
  GIOStream     *incoming;
} Pending;

static void
splice_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  /* The streams stay in office->streams (closed ones too): a test makes
   * a few dozen connections, and closing a closed stream is harmless. */
  g_io_stream_splice_finish (result, NULL);
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Pending *pending = user_data;
  AfsTestOffice *office = pending->office;
  g_autoptr(GSocketConnection) outgoing = NULL;

  outgoing = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, NULL);
  if (outgoing == NULL)
    {
      g_io_stream_close (pending->incoming, NULL, NULL);
    }
  else
    {
      g_ptr_array_add (office->streams, g_object_ref (pending->incoming));
      g_ptr_array_add (office->streams, g_object_ref (outgoing));
      g_io_stream_splice_async (pending->incoming, G_IO_STREAM (outgoing),
                                G_IO_STREAM_SPLICE_CLOSE_STREAM1 | G_IO_STREAM_SPLICE_CLOSE_STREAM2,
                                G_PRIORITY_DEFAULT, NULL, splice_cb, office);
    }
  g_object_unref (pending->incoming);
  g_free (pending);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  AfsTestOffice *office = user_data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  Pending *pending = g_new0 (Pending, 1);

  pending->office = office;
  pending->incoming = G_IO_STREAM (g_object_ref (connection));
  g_socket_client_connect_to_host_async (client, "127.0.0.1", office->service_port,
                                         NULL, connect_cb, pending);
  return TRUE;
}

static void
relay_open (AfsTestOffice *office)
{
  g_autoptr(GError) error = NULL;

  office->service = g_socket_service_new ();
  if (office->relay_port == 0)
    {
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
      g_autoptr(GSocketAddress) effective = NULL;

      g_socket_listener_add_address (G_SOCKET_LISTENER (office->service), address,
                                     G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                     NULL, &effective, &error);
      g_assert_no_error (error);
      office->relay_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
    }
  else
    {
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, office->relay_port);

      g_socket_listener_add_address (G_SOCKET_LISTENER (office->service), address,
                                     G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                     NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_signal_connect (office->service, "incoming", G_CALLBACK (on_incoming), office);
  g_socket_service_start (office->service);
}

static void
relay_close (AfsTestOffice *office)
{
  if (office->service == NULL)
    return;
  g_socket_service_stop (office->service);
  g_socket_listener_close (G_SOCKET_LISTENER (office->service));
  g_clear_object (&office->service);

  for (guint i = 0; i < office->streams->len; i++)
    g_io_stream_close (g_ptr_array_index (office->streams, i), NULL, NULL);
}

typedef struct {
  AfsTestOffice *office;
  gboolean       reachable;
} Toggle;

static gboolean
toggle_in_thread (gpointer data)
{
  Toggle *toggle = data;
  AfsTestOffice *office = toggle->office;

  if (toggle->reachable && office->service == NULL)
    relay_open (office);
  else if (!toggle->reachable)
    relay_close (office);

  g_mutex_lock (&office->lock);
  office->done = TRUE;
  g_cond_signal (&office->cond);
  g_mutex_unlock (&office->lock);
  return G_SOURCE_REMOVE;
}

static void
run_in_relay (AfsTestOffice *office,
              gboolean       reachable)
{
  Toggle toggle = { office, reachable };

  g_mutex_lock (&office->lock);
  office->done = FALSE;
  g_main_context_invoke (office->context, toggle_in_thread, &toggle);
  while (!office->done)
    g_cond_wait (&office->cond, &office->lock);
  g_mutex_unlock (&office->lock);
}

static gpointer
relay_thread (gpointer data)
{
  AfsTestOffice *office = data;

  g_main_context_push_thread_default (office->context);
  g_main_loop_run (office->loop);
  relay_close (office);
  g_main_context_pop_thread_default (office->context);
  return NULL;
}

/* ---- The service ------------------------------------------------------------- */

static void
run_admin (AfsTestOffice      *office,
           const char * const *args,
           const char         *input)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, (gpointer) office_binary ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("aftersales-office %s failed: %s%s", args[0], out, err);
}

void
afs_test_office_add_user (AfsTestOffice *office,
                          const char    *user,
                          const char    *password,
                          const char    *role)
{
  const char *args[] = {
    "user", "add", user, "--role", role, "--data", office->data_dir, NULL
  };
  g_autofree char *input = g_strdup_printf ("%s\n", password);

  /* The password goes on standard input, never on the command line. */
  run_admin (office, args, input);
}

void
afs_test_office_add_staff_user (AfsTestOffice *office,
                                const char    *user,
                                const char    *password,
                                const char    *role,
                                const char    *staff_id)
{
  const char *args[] = {
    "user", "add", user, "--role", role, "--staff-id", staff_id, "--data", office->data_dir, NULL
  };
  g_autofree char *input = g_strdup_printf ("%s\n", password);

  run_admin (office, args, input);
}

void
afs_test_office_revoke_device (AfsTestOffice *office,
                               const char    *device_id)
{
  const char *args[] = { "device", "revoke", device_id, "--data", office->data_dir, NULL };

  run_admin (office, args, NULL);
}

/* The service prints the address it listens on once it is ready. */
static guint16
wait_for_port (AfsTestOffice *office)
{
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *log = NULL;
      const char *at;

      if (g_file_get_contents (office->log_path, &log, NULL, NULL)
          && (at = strstr (log, "http://127.0.0.1:")) != NULL)
        return (guint16) g_ascii_strtoull (at + strlen ("http://127.0.0.1:"), NULL, 10);

      /* The identifier goes once GLib's worker has reaped the process. */
      if (g_subprocess_get_identifier (office->process) == NULL)
        break;
      g_usleep (10 * 1000);
    }
  {
    g_autofree char *log = NULL;

    g_file_get_contents (office->log_path, &log, NULL, NULL);
    g_error ("aftersales-office did not say where it listens:\n%s", log ? log : "");
  }
  return 0;
}

AfsTestOffice *
afs_test_office_start (void)
{
  AfsTestOffice *office = g_new0 (AfsTestOffice, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  office->data_dir = afs_test_tmpdir ("office");
  office->log_path = g_build_filename (office->data_dir, "service.log", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_stdout_file_path (launcher, office->log_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, office->log_path);
  office->process = g_subprocess_launcher_spawn (launcher, &error,
                                                 office_binary (), "serve",
                                                 "--data", office->data_dir,
                                                 "--listen", "127.0.0.1:0",
                                                 NULL);
  g_assert_no_error (error);
  office->service_port = wait_for_port (office);
  office->direct_url = g_strdup_printf ("http://127.0.0.1:%u", office->service_port);

  office->streams = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&office->lock);
  g_cond_init (&office->cond);
  office->context = g_main_context_new ();
  office->loop = g_main_loop_new (office->context, FALSE);
  office->thread = g_thread_new ("afs-test-relay", relay_thread, office);
  run_in_relay (office, TRUE);
  office->url = g_strdup_printf ("http://127.0.0.1:%u", office->relay_port);

  return office;
}

const char *
afs_test_office_get_url (AfsTestOffice *office)
{
  return office->url;
}

const char *
afs_test_office_get_direct_url (AfsTestOffice *office)
{
  return office->direct_url;
}

void
afs_test_office_set_reachable (AfsTestOffice *office,
                               gboolean       reachable)
{
  run_in_relay (office, reachable);
}

void
afs_test_office_stop_service (AfsTestOffice *office)
{
  if (office->process == NULL)
    return;
  g_subprocess_send_signal (office->process, SIGTERM);
  g_subprocess_wait (office->process, NULL, NULL);
  g_clear_object (&office->process);
}

void
afs_test_office_free (AfsTestOffice *office)
{
  if (office == NULL)
    return;

  g_main_loop_quit (office->loop);
  g_thread_join (office->thread);
  g_main_loop_unref (office->loop);
  g_main_context_unref (office->context);
  g_ptr_array_unref (office->streams);
  g_mutex_clear (&office->lock);
  g_cond_clear (&office->cond);

  afs_test_office_stop_service (office);
  afs_test_rm_rf (office->data_dir);
  g_free (office->data_dir);
  g_free (office->log_path);
  g_free (office->direct_url);
  g_free (office->url);
  g_free (office);
}
