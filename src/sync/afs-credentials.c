/* afs-credentials.c: the token in libsecret (see afs-credentials.h).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "afs-credentials.h"
#include "afs-sync-client.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    AFS_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_DONT_MATCH_NAME,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* libsecret's own errors ("Cannot autolaunch D-Bus…") say nothing a
 * technician can act on: say what it means and keep the detail. */
static void
explain (GError **error)
{
  if (error == NULL || *error == NULL ||
      g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  {
    GError *cause = *error;

    *error = NULL;
    g_set_error (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_FAILED,
                 _("The password store of this computer cannot be used (%s). Unlock your "
                   "keyring (or log in to the desktop again) and sign in again."),
                 cause->message);
    g_error_free (cause);
  }
}

gboolean
afs_credentials_store (const char    *server,
                       const char    *user,
                       const char    *token,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *label = g_strdup_printf (_("AfterSales sign-in for %s at %s"), user, server);
  gboolean ok;

  ok = secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                   cancellable, error, "server", server, "user", user, NULL);
  if (!ok)
    explain (error);
  return ok;
}

char *
afs_credentials_lookup (const char    *server,
                        const char    *user,
                        GCancellable  *cancellable,
                        GError       **error)
{
  GError *local_error = NULL;
  char *secret;
  char *token;

  secret = secret_password_lookup_sync (token_schema (), cancellable, &local_error,
                                        "server", server, "user", user, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      explain (error);
      return NULL;
    }
  token = g_strdup (secret);
  secret_password_free (secret);
  return token;
}

gboolean
afs_credentials_clear (const char    *server,
                       const char    *user,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GError *local_error = NULL;

  /* FALSE without an error: there was nothing to clear. */
  secret_password_clear_sync (token_schema (), cancellable, &local_error,
                              "server", server, "user", user, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      explain (error);
      return FALSE;
    }
  return TRUE;
}

/* ---- Async: the blocking calls on a GTask thread ------------------------ */

typedef struct {
  char *server;
  char *user;
  char *token;
} Args;

static void
args_free (Args *args)
{
  g_free (args->server);
  g_free (args->user);
  g_free (args->token);
  g_free (args);
}

static GTask *
new_task (const char          *server,
          const char          *user,
          const char          *token,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          gpointer             tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Args *args = g_new0 (Args, 1);

  args->server = g_strdup (server);
  args->user = g_strdup (user);
  args->token = g_strdup (token);
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, args, (GDestroyNotify) args_free);
  return task;
}

static void
store_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Args *args = data;
  GError *error = NULL;

  if (afs_credentials_store (args->server, args->user, args->token, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
afs_credentials_store_async (const char          *server,
                             const char          *user,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (server, user, token, cancellable, callback, user_data,
                                    afs_credentials_store_async);

  g_task_run_in_thread (task, store_thread);
}

gboolean
afs_credentials_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Args *args = data;
  GError *error = NULL;
  char *token = afs_credentials_lookup (args->server, args->user, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_free);
}

void
afs_credentials_lookup_async (const char          *server,
                              const char          *user,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (server, user, NULL, cancellable, callback, user_data,
                                    afs_credentials_lookup_async);

  g_task_run_in_thread (task, lookup_thread);
}

char *
afs_credentials_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Args *args = data;
  GError *error = NULL;

  if (afs_credentials_clear (args->server, args->user, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
afs_credentials_clear_async (const char          *server,
                             const char          *user,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = new_task (server, user, NULL, cancellable, callback, user_data,
                                    afs_credentials_clear_async);

  g_task_run_in_thread (task, clear_thread);
}

gboolean
afs_credentials_clear_finish (GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
