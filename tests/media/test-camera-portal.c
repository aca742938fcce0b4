/* test-camera-portal.c: the Camera portal conversation of a sandboxed app.
 *
 * xdg-desktop-portal cannot run here (no sandbox, no desktop), so a
 * small service on a private D-Bus session bus (GTestDBus, a real
 * dbus-daemon) answers as the portal does: the IsCameraPresent property,
 * AccessCamera answered by a Response signal on the Request object whose
 * path the caller predicts, OpenPipeWireRemote returning a file
 * descriptor. What is tested is our side of that protocol. */

#include "config.h"

#include <gio/gunixfdlist.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afs-camera-portal.h"
#include "afs-error.h"

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Camera'>"
  "    <method name='AccessCamera'>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "    <method name='OpenPipeWireRemote'>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='h' name='fd' direction='out'/>"
  "    </method>"
  "    <property name='IsCameraPresent' type='b' access='read'/>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "</node>";

typedef struct {
  gboolean present;
  guint32  answer;        /* 0 allowed, 1 refused */
  int      pipe_fds[2];   /* stands in for the PipeWire socket */
  guint    calls_access;
  guint    calls_open;
} Portal;

static void
portal_method (GDBusConnection       *connection,
               const char            *sender,
               const char            *path,
               const char            *iface,
               const char            *method,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               data)
{
  Portal *portal = data;

  if (g_str_equal (method, "AccessCamera"))
    {
      g_autoptr(GVariant) options = NULL;
      g_autofree char *sender_part = g_strdup (sender + 1);
      g_autofree char *request = NULL;
      const char *token = NULL;

      portal->calls_access++;
      g_variant_get (parameters, "(@a{sv})", &options);
      g_assert_true (g_variant_lookup (options, "handle_token", "&s", &token));
      g_strdelimit (sender_part, ".", '_');
      request = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender_part, token);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", request));
      /* The user answers the dialog. */
      g_dbus_connection_emit_signal (connection, sender, request, "org.freedesktop.portal.Request",
                                     "Response",
                                     g_variant_new ("(u@a{sv})", portal->answer,
                                                    g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                                     NULL);
    }
  else if (g_str_equal (method, "OpenPipeWireRemote"))
    {
      g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
      int index;

      portal->calls_open++;
      index = g_unix_fd_list_append (fds, portal->pipe_fds[0], NULL);
      g_dbus_method_invocation_return_value_with_unix_fd_list (invocation,
                                                               g_variant_new ("(h)", index), fds);
    }
}

static GVariant *
portal_get_property (GDBusConnection *connection,
                     const char      *sender,
                     const char      *path,
                     const char      *iface,
                     const char      *property,
                     GError         **error,
                     gpointer         data)
{
  Portal *portal = data;

  if (g_str_equal (property, "IsCameraPresent"))
    return g_variant_new_boolean (portal->present);
  return g_variant_new_uint32 (1);
}

static const GDBusInterfaceVTable portal_vtable = { portal_method, portal_get_property, NULL, { 0 } };

typedef struct {
  GTestDBus       *bus;
  GDBusConnection *connection;
  Portal           portal;
  guint            registration;
  guint            owner;
} Fixture;

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  fx->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (fx->bus);
  /* The portal's own connection, as if it were another process. */
  fx->connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (fx->bus),
                                                           G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                           G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                           NULL, NULL, &error);
  g_assert_no_error (error);

  fx->portal.present = TRUE;
  g_assert_cmpint (pipe (fx->portal.pipe_fds), ==, 0);
  fx->registration = g_dbus_connection_register_object (fx->connection,
                                                        "/org/freedesktop/portal/desktop",
                                                        info->interfaces[0], &portal_vtable,
                                                        &fx->portal, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (fx->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.portal.Desktop", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_dbus_connection_unregister_object (fx->connection, fx->registration);
  close (fx->portal.pipe_fds[0]);
  close (fx->portal.pipe_fds[1]);
  g_dbus_connection_close_sync (fx->connection, NULL, NULL);
  g_clear_object (&fx->connection);
  g_test_dbus_down (fx->bus);
  g_clear_object (&fx->bus);
}

/* The client blocks (as in the app) in a thread of its own, while this
 * thread's main context serves the "portal". */
typedef struct {
  GError **error;
  int      fd;
  gint     done;
} OpenData;

static gpointer
open_in_thread (gpointer data)
{
  OpenData *d = data;

  d->fd = afs_camera_portal_open (d->error);
  g_atomic_int_set (&d->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static int
open_camera (Fixture  *fx,
             GError  **error)
{
  OpenData d = { error, -1, 0 };
  GThread *thread = g_thread_new ("portal-client", open_in_thread, &d);

  while (!g_atomic_int_get (&d.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  return d.fd;
}

static void
test_portal_allowed (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  struct stat ours, theirs;
  int fd = open_camera (fx, &error);

  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (fx->portal.calls_access, ==, 1);
  g_assert_cmpuint (fx->portal.calls_open, ==, 1);
  /* The descriptor the portal handed out (the same pipe). */
  g_assert_cmpint (fstat (fd, &ours), ==, 0);
  g_assert_cmpint (fstat (fx->portal.pipe_fds[0], &theirs), ==, 0);
  g_assert_cmpuint (ours.st_ino, ==, theirs.st_ino);
  close (fd);
}

static void
test_portal_refused (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int fd;

  fx->portal.answer = 1;
  fd = open_camera (fx, &error);
  g_assert_cmpint (fd, ==, -1);
  g_assert_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "import photos from files"));
  g_assert_cmpuint (fx->portal.calls_open, ==, 0);
}

static void
test_portal_no_camera (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int fd;

  fx->portal.present = FALSE;
  fd = open_camera (fx, &error);
  g_assert_cmpint (fd, ==, -1);
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "No camera was found. Connect one, or import photos from files instead.");
  g_assert_cmpuint (fx->portal.calls_access, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/media/camera-portal/allowed", test_portal_allowed);
  ADD ("/media/camera-portal/refused", test_portal_refused);
  ADD ("/media/camera-portal/no-camera", test_portal_no_camera);
#undef ADD

  return g_test_run ();
}
