/* afs-camera-portal.c: the camera through xdg-desktop-portal (sandboxed).
 *
 * In a Flatpak sandbox the app cannot open /dev/video*; it asks the
 * Camera portal for access (the desktop shows a permission dialog the
 * first time) and gets a file descriptor of a PipeWire connection that
 * only shows cameras, which pipewiresrc takes in its "fd" property.
 *
 *   IsCameraPresent            (property)  no camera: say so at once
 *   AccessCamera (a{sv}) -> o  a Request; its Response signal says yes/no
 *   OpenPipeWireRemote (a{sv}) -> h
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gunixfdlist.h>
#include <glib/gi18n-lib.h>

#include "afs-camera-portal.h"
#include "afs-error.h"

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define CAMERA_IFACE "org.freedesktop.portal.Camera"
#define REQUEST_IFACE "org.freedesktop.portal.Request"

gboolean
afs_camera_portal_is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

typedef struct {
  gboolean done;
  guint32  response;
} Waiting;

static void
on_response (GDBusConnection *connection,
             const char      *sender,
             const char      *path,
             const char      *iface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         data)
{
  Waiting *w = data;

  g_variant_get (parameters, "(u@a{sv})", &w->response, NULL);
  w->done = TRUE;
}

static void
set_unavailable (GError     **error,
                 const GError *dbus_error)
{
  g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
               _("The camera cannot be reached through the desktop portal (%s). Import photos "
                 "from files instead."),
               dbus_error != NULL ? dbus_error->message : "");
}

/* Asks for the camera; blocks until the user answered the portal's
 * dialog (only the first time: the portal remembers). */
static gboolean
access_camera (GDBusConnection  *bus,
               GError          **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *token = g_strdup_printf ("afs_camera_%u", g_random_int ());
  g_autofree char *sender = NULL;
  g_autofree char *request_path = NULL;
  GVariantBuilder options;
  Waiting w = { FALSE, 2 };
  guint subscription;

  /* The Request's path is known in advance: subscribe before asking, so
   * a quick answer is not missed. */
  sender = g_strdup (g_dbus_connection_get_unique_name (bus) + 1);
  g_strdelimit (sender, ".", '_');
  request_path = g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);

  g_main_context_push_thread_default (context);
  subscription = g_dbus_connection_signal_subscribe (bus, PORTAL_NAME, REQUEST_IFACE, "Response",
                                                     request_path, NULL,
                                                     G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                                     on_response, &w, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  reply = g_dbus_connection_call_sync (bus, PORTAL_NAME, PORTAL_PATH, CAMERA_IFACE, "AccessCamera",
                                       g_variant_new ("(a{sv})", &options), G_VARIANT_TYPE ("(o)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &local_error);
  while (reply != NULL && !w.done)
    g_main_context_iteration (context, TRUE);

  g_dbus_connection_signal_unsubscribe (bus, subscription);
  g_main_context_pop_thread_default (context);

  if (reply == NULL)
    {
      set_unavailable (error, local_error);
      return FALSE;
    }
  if (w.response != 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                           _("The app may not use the camera. Allow it in the system settings "
                             "(Privacy, Camera), or import photos from files instead."));
      return FALSE;
    }
  return TRUE;
}

int
afs_camera_portal_open (GError **error)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) present = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GError) local_error = NULL;
  GVariantBuilder options;
  int index = -1;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &local_error);
  if (bus == NULL)
    {
      set_unavailable (error, local_error);
      return -1;
    }

  present = g_dbus_connection_call_sync (bus, PORTAL_NAME, PORTAL_PATH,
                                         "org.freedesktop.DBus.Properties", "Get",
                                         g_variant_new ("(ss)", CAMERA_IFACE, "IsCameraPresent"),
                                         G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                         NULL, &local_error);
  if (present == NULL)
    {
      set_unavailable (error, local_error);
      return -1;
    }
  g_variant_get (present, "(v)", &value);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) && !g_variant_get_boolean (value))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                           _("No camera was found. Connect one, or import photos from files instead."));
      return -1;
    }

  if (!access_camera (bus, error))
    return -1;

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  reply = g_dbus_connection_call_with_unix_fd_list_sync (bus, PORTAL_NAME, PORTAL_PATH, CAMERA_IFACE,
                                                         "OpenPipeWireRemote",
                                                         g_variant_new ("(a{sv})", &options),
                                                         G_VARIANT_TYPE ("(h)"),
                                                         G_DBUS_CALL_FLAGS_NONE, -1, NULL, &fds,
                                                         NULL, &local_error);
  if (reply == NULL)
    {
      set_unavailable (error, local_error);
      return -1;
    }
  g_variant_get (reply, "(h)", &index);
  if (fds == NULL || index < 0 || index >= g_unix_fd_list_get_length (fds))
    {
      set_unavailable (error, NULL);
      return -1;
    }
  return g_unix_fd_list_get (fds, index, error);
}
