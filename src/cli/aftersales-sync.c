/* aftersales-sync.c: one sync of a database with the office server, for
 * scripts (issue 5: "A command line … runs one sync for scripts").
 *
 *   aftersales-sync --database DB [--server URL] [--user U --password-file F]
 *                   [--photos DIR] [--timeout S] [--ca-file PEM]
 *
 * With --user and --password-file it signs in first (the token goes to
 * the keyring, like the app's sign-in); without, it uses the token the
 * keyring holds for the database's last sign-in. It prints what it did.
 *
 * Exit status: 0 synced; 1 failed (the message says why; nothing that
 * was not acknowledged is lost); 2 wrong usage; 3 offline (the server
 * cannot be reached; the work waits in the outbox).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "afs-store.h"
#include "afs-store-sync.h"
#include "afs-sync-client.h"

enum {
  EXIT_SYNCED = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_OFFLINE = 3,
};

static int
exit_for (const GError *error)
{
  return g_error_matches (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_OFFLINE) ? EXIT_OFFLINE : EXIT_FAILED;
}

int
main (int argc, char *argv[])
{
  g_autofree char *database = NULL;
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *photos = NULL;
  g_autofree char *ca_file = NULL;
  int timeout = 0;
  GOptionEntry entries[] = {
    { "database", 'D', 0, G_OPTION_ARG_FILENAME, &database, N_("The AfterSales database"), N_("FILE") },
    { "server", 's', 0, G_OPTION_ARG_STRING, &server,
      N_("The office server (default: the one signed in to last)"), N_("URL") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, N_("Sign in as this user first"), N_("NAME") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password from this file (first line)"), N_("FILE") },
    { "photos", 0, 0, G_OPTION_ARG_FILENAME, &photos, N_("The photo folder"), N_("DIR") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Give up a request after this many seconds without progress"), N_("SECONDS") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Trust the office server's certificate from this file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = NULL;
  g_autoptr(AfsSyncClient) client = NULL;
  AfsSyncReport report;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  ctx = g_option_context_new (_("— sync an AfterSales database with the office server once"));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("aftersales-sync: %s\n", error->message);
      return EXIT_USAGE;
    }
  if (database == NULL || (user == NULL) != (password_file == NULL))
    {
      g_printerr ("aftersales-sync: %s\n",
                  _("Give --database, and --user together with --password-file to sign in."));
      return EXIT_USAGE;
    }

  store = afs_store_open (database, &error);
  if (store == NULL)
    {
      g_printerr ("aftersales-sync: %s\n", error->message);
      return EXIT_FAILED;
    }
  client = afs_sync_client_new (store);
  if (photos != NULL)
    afs_sync_client_set_photo_dir (client, photos);
  if (timeout > 0)
    afs_sync_client_set_timeout (client, (guint) timeout);
  if (ca_file != NULL)
    afs_sync_client_set_tls_ca_file (client, ca_file);

  if (user != NULL)
    {
      g_autofree char *password = NULL;
      const char *url = server != NULL ? server : afs_sync_client_get_server_url (client);

      if (url == NULL)
        {
          g_printerr ("aftersales-sync: %s\n", _("Give --server: this database never signed in."));
          return EXIT_USAGE;
        }
      if (!g_file_get_contents (password_file, &password, NULL, &error))
        {
          g_printerr ("aftersales-sync: %s\n", error->message);
          return EXIT_USAGE;
        }
      g_strchomp (password);
      if (!afs_sync_client_sign_in (client, url, user, password, NULL, &error))
        {
          g_printerr ("aftersales-sync: %s\n", error->message);
          return exit_for (error);
        }
      printf (_("Signed in to %s as %s.\n"), url, user);
    }
  else
    {
      if (server != NULL && g_strcmp0 (server, afs_sync_client_get_server_url (client)) != 0)
        {
          g_printerr ("aftersales-sync: %s\n",
                      _("This database is signed in to another server. Sign in with --user and "
                        "--password-file."));
          return EXIT_USAGE;
        }
      if (!afs_sync_client_restore_session (client, NULL, &error))
        {
          if (error == NULL)
            g_printerr ("aftersales-sync: %s\n",
                        _("Not signed in: give --server, --user and --password-file."));
          else
            g_printerr ("aftersales-sync: %s\n", error->message);
          return EXIT_FAILED;
        }
    }

  if (!afs_sync_client_sync (client, NULL, &error))
    {
      g_printerr ("aftersales-sync: %s\n", error->message);
      printf (_("Not synced: %u changes wait to be sent.\n"), afs_sync_client_get_pending_count (client));
      return exit_for (error);
    }

  afs_sync_client_get_report (client, &report);
  printf (_("Synced: %u changes sent, %u received, %u photos sent (%llu bytes), "
            "%u conflicts, %u rows left this computer; %u changes wait.\n"),
          report.pushed, report.pulled, report.photos_sent, (unsigned long long) report.photo_bytes,
          report.conflicts, report.evicted, afs_sync_client_get_pending_count (client));
  if (report.refused > 0)
    printf (_("%u changes were refused by the office (their case is no longer yours) and are "
              "kept aside on this computer.\n"), report.refused);
  return EXIT_SYNCED;
}
