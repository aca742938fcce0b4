/* aftersales-office.c: the central office service and its admin
 * commands (docs/office-service.md).
 *
 *   aftersales-office serve [--listen ADDR:PORT] [--port N] [--tls-cert F --tls-key F]
 *   aftersales-office user add NAME --role ROLE [--staff-id ID] [--password-file F]
 *   aftersales-office user list
 *   aftersales-office device list
 *   aftersales-office device revoke ID
 *   aftersales-office status
 *
 * All take --data DIR (default $XDG_DATA_HOME/aftersales-office).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include "afs-office-auth.h"
#include "afs-office-blobs.h"
#include "afs-office-server.h"
#include "afs-office-storage.h"
#include "afs-office-sync.h"
#include "afs-uuid.h"

static char *opt_data;

static GOptionEntry common_entries[] = {
  { "data", 'd', 0, G_OPTION_ARG_FILENAME, &opt_data,
    N_("The data folder (default: $XDG_DATA_HOME/aftersales-office)"), N_("DIR") },
  { NULL }
};

static const char *
data_dir (void)
{
  if (opt_data == NULL)
    opt_data = g_build_filename (g_get_user_data_dir (), "aftersales-office", NULL);
  return opt_data;
}

static int
fail (const char *message)
{
  g_printerr ("aftersales-office: %s\n", message);
  return 1;
}

static gboolean
parse (GOptionContext *ctx,
       int            *argc,
       char         ***argv,
       GError        **error)
{
  g_option_context_add_main_entries (ctx, common_entries, GETTEXT_PACKAGE);
  return g_option_context_parse (ctx, argc, argv, error);
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static int
cmd_serve (int argc, char **argv)
{
  g_autofree char *listen = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  int port = -1;
  GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      N_("Address and port to listen on (default 127.0.0.1:8443)"), N_("ADDR:PORT") },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("Port to listen on; 0 picks a free one and prints it"), N_("PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &cert, N_("TLS certificate (PEM)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key, N_("TLS private key (PEM)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— run the office service"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) tls = NULL;
  g_autoptr(AfsOfficeServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *address = g_strdup ("127.0.0.1");
  g_autofree char *uri = NULL;
  guint listen_port = 8443;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse (ctx, &argc, &argv, &error))
    return fail (error->message);

  if (listen != NULL)
    {
      const char *colon = strrchr (listen, ':');
      guint64 p;

      if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &p, NULL))
        return fail (_("--listen takes ADDRESS:PORT, for example 0.0.0.0:8443."));
      g_free (address);
      address = g_strndup (listen, colon - listen);
      if (address[0] == '[' && address[strlen (address) - 1] == ']')
        {
          char *inner = g_strndup (address + 1, strlen (address) - 2);
          g_free (address);
          address = inner;
        }
      listen_port = (guint) p;
    }
  if (port >= 0)
    {
      if (port > 65535)
        return fail (_("--port takes a number from 0 to 65535."));
      listen_port = (guint) port;
    }

  if ((cert == NULL) != (key == NULL))
    return fail (_("Give both --tls-cert and --tls-key, or neither."));
  if (cert != NULL)
    {
      tls = g_tls_certificate_new_from_files (cert, key, &error);
      if (tls == NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("Cannot load the TLS certificate: %s"),
                                                  error->message);
          return fail (msg);
        }
    }

  server = afs_office_server_new (data_dir (), tls, &error);
  if (server == NULL)
    return fail (error->message);
  uri = afs_office_server_listen (server, address, listen_port, &error);
  if (uri == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Cannot listen on %s port %u: %s"), address,
                                              listen_port, error->message);
      return fail (msg);
    }

  /* The first line is for scripts and tests: the URI to use. */
  printf ("listening on %s\n", uri);
  fflush (stdout);
  if (tls == NULL && g_strcmp0 (address, "127.0.0.1") != 0 && g_strcmp0 (address, "::1") != 0)
    g_printerr ("%s\n", _("Warning: serving without TLS on a network address; passwords and "
                          "data travel in clear text. Use --tls-cert and --tls-key."));

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_main_loop_run (loop);
  return 0;
}

static char *
read_password (const char *file,
               GError    **error)
{
  g_autofree char *text = NULL;
  char line[1024];

  if (file != NULL)
    {
      if (!g_file_get_contents (file, &text, NULL, error))
        return NULL;
    }
  else
    {
      if (fgets (line, sizeof line, stdin) == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Give the password on standard input or with --password-file."));
          return NULL;
        }
      text = g_strdup (line);
    }
  g_strchomp (text);
  if (text[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The password is empty."));
      return NULL;
    }
  return g_steal_pointer (&text);
}

static int
cmd_user (int argc, char **argv)
{
  g_autofree char *role = NULL;
  g_autofree char *staff_id = NULL;
  g_autofree char *password_file = NULL;
  GOptionEntry entries[] = {
    { "role", 'r', 0, G_OPTION_ARG_STRING, &role,
      N_("technician, office, manager or quality"), N_("ROLE") },
    { "staff-id", 's', 0, G_OPTION_ARG_STRING, &staff_id,
      N_("The user's staff record (a UUID); technicians need one"), N_("ID") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password from this file instead of standard input"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("add NAME | list — manage users"));
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsOfficeStorage) storage = NULL;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse (ctx, &argc, &argv, &error))
    return fail (error->message);
  if (argc < 2)
    return fail (_("Say “user add NAME --role ROLE” or “user list”."));

  storage = afs_office_storage_sqlite_open (data_dir (), &error);
  if (storage == NULL)
    return fail (error->message);

  if (strcmp (argv[1], "add") == 0)
    {
      g_autoptr(AfsOfficeUser) existing = NULL;
      AfsOfficeUser user = { 0 };
      g_autofree char *password = NULL;
      g_autofree char *hash = NULL;
      g_autofree char *id = NULL;

      if (argc != 3 || argv[2][0] == '\0')
        return fail (_("Say “user add NAME --role ROLE”."));
      if (!afs_office_role_is_valid (role))
        return fail (_("--role must be technician, office, manager or quality."));
      if (staff_id != NULL && !afs_uuid_is_valid (staff_id))
        return fail (_("--staff-id must be the UUID of a staff record."));
      if (g_strcmp0 (role, "technician") == 0 && staff_id == NULL)
        g_printerr ("%s\n", _("Note: a technician without --staff-id sees no cases."));

      password = read_password (password_file, &error);
      if (password == NULL)
        return fail (error->message);
      hash = afs_office_password_hash (password, &error);
      if (hash == NULL)
        return fail (error->message);

      existing = storage->vt->find_user (storage, argv[2], NULL);
      id = existing != NULL ? g_strdup (existing->id) : afs_uuid7_new ();
      user.id = id;
      user.name = argv[2];
      user.role = role;
      user.staff_id = staff_id;
      user.password_hash = hash;
      user.created_at = g_get_real_time () / G_USEC_PER_SEC;
      if (!storage->vt->begin (storage, &error) ||
          !storage->vt->add_user (storage, &user, &error) ||
          !storage->vt->commit (storage, &error))
        {
          storage->vt->rollback (storage);
          return fail (error->message);
        }
      /* TRANSLATORS: %s is a user name */
      g_print (existing != NULL ? _("Updated user %s.\n") : _("Added user %s.\n"), argv[2]);
      return 0;
    }
  if (strcmp (argv[1], "list") == 0)
    {
      g_autoptr(GPtrArray) users = storage->vt->list_users (storage, &error);

      if (users == NULL)
        return fail (error->message);
      for (guint i = 0; i < users->len; i++)
        {
          AfsOfficeUser *u = g_ptr_array_index (users, i);
          g_print ("%s\t%s\t%s\t%s\n", u->name, u->role, u->staff_id ? u->staff_id : "-", u->id);
        }
      return 0;
    }
  return fail (_("Say “user add NAME --role ROLE” or “user list”."));
}

static int
cmd_device (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("list | revoke ID — manage devices"));
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsOfficeStorage) storage = NULL;

  if (!parse (ctx, &argc, &argv, &error))
    return fail (error->message);
  if (argc < 2)
    return fail (_("Say “device list” or “device revoke ID”."));

  storage = afs_office_storage_sqlite_open (data_dir (), &error);
  if (storage == NULL)
    return fail (error->message);

  if (strcmp (argv[1], "list") == 0 && argc == 2)
    {
      g_autoptr(GPtrArray) devices = storage->vt->list_devices (storage, &error);

      if (devices == NULL)
        return fail (error->message);
      for (guint i = 0; i < devices->len; i++)
        {
          AfsOfficeDevice *d = g_ptr_array_index (devices, i);
          g_autoptr(AfsOfficeUser) u = storage->vt->find_user (storage, d->user_id, NULL);

          g_print ("%s\t%s\t%s\t%lld\t%s\n", d->id, u != NULL ? u->name : "?",
                   d->name != NULL ? d->name : "", (long long) d->last_seq,
                   d->revoked_at != 0 ? "revoked" : "active");
        }
      return 0;
    }
  if (strcmp (argv[1], "revoke") == 0 && argc == 3)
    {
      gboolean found = FALSE;

      if (!storage->vt->begin (storage, &error) ||
          !storage->vt->revoke_device (storage, argv[2], g_get_real_time () / G_USEC_PER_SEC,
                                       &found, &error) ||
          !storage->vt->commit (storage, &error))
        {
          storage->vt->rollback (storage);
          return fail (error->message);
        }
      if (!found)
        {
          g_autofree char *msg = g_strdup_printf (_("No device %s; “device list” shows them."),
                                                  argv[2]);
          return fail (msg);
        }
      g_print (_("Revoked device %s; its sessions stop working now.\n"), argv[2]);
      return 0;
    }
  return fail (_("Say “device list” or “device revoke ID”."));
}

static int
cmd_status (int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— show what the service holds"));
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsOfficeStorage) storage = NULL;
  g_autoptr(AfsOfficeBlobs) blobs = NULL;
  g_autofree char *server_id = NULL;

  if (!parse (ctx, &argc, &argv, &error))
    return fail (error->message);
  storage = afs_office_storage_sqlite_open (data_dir (), &error);
  if (storage == NULL)
    return fail (error->message);
  blobs = afs_office_blobs_new (data_dir (), &error);
  if (blobs == NULL)
    return fail (error->message);
  server_id = storage->vt->get_meta (storage, "server_id");

  g_print (_("Data folder: %s\n"), data_dir ());
  g_print (_("Server id: %s\n"), server_id != NULL ? server_id : _("(not served yet)"));
  g_print (_("Protocol: %d, schema: %d\n"), AFS_SYNC_PROTOCOL, AFS_SYNC_SCHEMA);
  g_print (_("Users: %lld\n"), (long long) storage->vt->count (storage, "users"));
  g_print (_("Active devices: %lld\n"), (long long) storage->vt->count (storage, "devices"));
  g_print (_("Rows: %lld\n"), (long long) storage->vt->count (storage, "rows"));
  g_print (_("Open conflicts: %lld\n"), (long long) storage->vt->count (storage, "conflicts"));
  g_print (_("Last change: %lld\n"), (long long) storage->vt->head (storage, NULL));
  g_print (_("Blobs: %u\n"), afs_office_blobs_count (blobs));
  return 0;
}

static int
usage (void)
{
  g_printerr ("%s\n",
              _("Usage: aftersales-office COMMAND [--data DIR] …\n"
                "Commands:\n"
                "  serve [--listen ADDR:PORT] [--port N] [--tls-cert FILE --tls-key FILE]\n"
                "  user add NAME --role ROLE [--staff-id ID] [--password-file FILE]\n"
                "  user list\n"
                "  device list\n"
                "  device revoke ID\n"
                "  status"));
  return 2;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return usage ();

  /* The subcommand's options follow it: shift it away. */
  if (strcmp (argv[1], "serve") == 0)
    return cmd_serve (argc - 1, argv + 1);
  if (strcmp (argv[1], "user") == 0)
    return cmd_user (argc - 1, argv + 1);
  if (strcmp (argv[1], "device") == 0)
    return cmd_device (argc - 1, argv + 1);
  if (strcmp (argv[1], "status") == 0)
    return cmd_status (argc - 1, argv + 1);
  return usage ();
}
