/* test-sync-scheduler.c: when the app syncs (issue 5, "In the app").
 *
 * Against the real office service (aftersales-office from this build on
 * 127.0.0.1) through a relay the test can switch off: the network coming
 * back starts a sync that sends the work done offline; failures back off
 * exponentially with jitter and a success resets the backoff; a request
 * during a sync is not lost and never runs beside it. The delays are
 * read from the scheduler, never measured on the clock.
 *
 * The network is a GNetworkMonitorBase, GIO's own implementation that the
 * netlink and NetworkManager monitors build on: the test removes and adds
 * its networks (the default route), as the system monitor does when Wi-Fi
 * goes and comes. Its header is not installed, but its functions are
 * exported (GLIB_AVAILABLE_IN_ALL); they are declared here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "afs-store.h"
#include "afs-sync-client.h"
#include "afs-sync-scheduler.h"
#include "afs-test-office.h"

GType g_network_monitor_base_get_type     (void);
void  g_network_monitor_base_add_network  (gpointer           monitor,
                                           GInetAddressMask  *network);
void  g_network_monitor_base_remove_network (gpointer          monitor,
                                            GInetAddressMask *network);

typedef struct {
  AfsTestOffice    *office;
  char             *dir;
  AfsStore         *store;
  AfsSyncClient    *client;
  GNetworkMonitor  *monitor;
  AfsSyncScheduler *scheduler;
  guint             max_running;   /* syncs running at once, at most */
  guint             running;
} Fixture;

static gboolean
wait_until (gboolean (*cond) (Fixture *fx),
            Fixture  *fx)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!cond (fx))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

static void
on_running (Fixture *fx)
{
  if (afs_sync_scheduler_get_running (fx->scheduler))
    {
      fx->running++;
      fx->max_running = MAX (fx->max_running, fx->running);
    }
  else
    {
      fx->running--;
    }
}

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **out = user_data;

  if (!afs_sync_client_sign_in_finish (AFS_SYNC_CLIENT (source), result, out) && *out == NULL)
    g_assert_not_reached ();
  *out = *out != NULL ? *out : (GError *) 1;
}

static void
sign_in (Fixture    *fx,
         const char *user,
         const char *password)
{
  GError *error = NULL;

  afs_sync_client_sign_in_async (fx->client, afs_test_office_get_url (fx->office),
                                 user, password, NULL, sign_in_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (error != (GError *) 1)
    g_error ("sign-in failed: %s", error->message);
  g_assert_true (afs_sync_client_get_signed_in (fx->client));
}

static void
network_up (GNetworkMonitor *monitor)
{
  g_autoptr(GInetAddressMask) v4 = g_inet_address_mask_new_from_string ("0.0.0.0/0", NULL);

  g_network_monitor_base_add_network (monitor, v4);
}

/* Both default routes go (set_networks would not tell anyone). */
static void
network_down (GNetworkMonitor *monitor)
{
  g_autoptr(GInetAddressMask) v4 = g_inet_address_mask_new_from_string ("0.0.0.0/0", NULL);
  g_autoptr(GInetAddressMask) v6 = g_inet_address_mask_new_from_string ("::/0", NULL);

  g_network_monitor_base_remove_network (monitor, v4);
  g_network_monitor_base_remove_network (monitor, v6);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fx->office = afs_test_office_start ();
  afs_test_office_add_user (fx->office, "olga", "office-pass-1", "office");

  fx->dir = afs_test_tmpdir ("scheduler");
  path = g_build_filename (fx->dir, "cases.db", NULL);
  fx->store = afs_store_open (path, &error);
  g_assert_no_error (error);
  afs_store_set_actor (fx->store, NULL, "Olga", AFS_ROLE_OFFICE);
  fx->client = afs_sync_client_new (fx->store);

  /* GIO's base monitor starts with a default route: online. */
  fx->monitor = g_initable_new (g_network_monitor_base_get_type (), NULL, &error, NULL);
  g_assert_no_error (error);
  g_assert_true (g_network_monitor_get_network_available (fx->monitor));

  fx->scheduler = afs_sync_scheduler_new (fx->client, fx->monitor);
  afs_sync_scheduler_set_interval (fx->scheduler, 0);
  g_signal_connect_swapped (fx->scheduler, "notify::running", G_CALLBACK (on_running), fx);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  afs_sync_scheduler_stop (fx->scheduler);
  g_clear_object (&fx->scheduler);
  g_clear_object (&fx->monitor);
  g_clear_object (&fx->client);
  g_clear_object (&fx->store);
  afs_test_rm_rf (fx->dir);
  g_free (fx->dir);
  afs_test_office_free (fx->office);
}

static guint target_runs;

static gboolean
runs_reached (Fixture *fx)
{
  return afs_sync_scheduler_get_n_runs (fx->scheduler) >= target_runs
    && !afs_sync_scheduler_get_running (fx->scheduler);
}

static void
wait_runs (Fixture *fx,
           guint    n)
{
  target_runs = n;
  if (!wait_until (runs_reached, fx))
    g_error ("waited for sync %u, only %u ran", n, afs_sync_scheduler_get_n_runs (fx->scheduler));
}

static void
add_customer (Fixture    *fx,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  AfsCustomerData customer = { 0 };

  customer.name = (char *) name;
  customer.phone = (char *) "+48 22 555 01 02";
  g_assert_true (afs_store_add_customer (fx->store, &customer, &id, &error));
  g_assert_no_error (error);
  afs_sync_client_refresh_pending (fx->client);
}

/* The network comes back: a sync starts by itself and sends what was
 * done offline; while offline nothing is tried. */
static void
test_network_change_triggers_sync (Fixture       *fx,
                                   gconstpointer  data)
{
  sign_in (fx, "olga", "office-pass-1");

  afs_sync_scheduler_start (fx->scheduler);
  wait_runs (fx, 1);
  g_assert_cmpint (afs_sync_scheduler_get_state (fx->scheduler), ==, AFS_SYNC_SCHEDULER_IDLE);
  g_assert_cmpuint (afs_sync_client_get_pending_count (fx->client), ==, 0);

  network_down (fx->monitor);
  /* The monitor reports on an idle: let it. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  while (afs_sync_scheduler_get_state (fx->scheduler) != AFS_SYNC_SCHEDULER_OFFLINE)
    g_main_context_iteration (NULL, TRUE);

  add_customer (fx, "Hotel Offline");
  g_assert_cmpuint (afs_sync_client_get_pending_count (fx->client), >, 0);
  g_assert_cmpuint (afs_sync_scheduler_get_n_runs (fx->scheduler), ==, 1);
  g_assert_false (afs_sync_scheduler_get_running (fx->scheduler));
  g_assert_cmpuint (afs_sync_scheduler_get_next_delay_ms (fx->scheduler), ==, 0);

  network_up (fx->monitor);
  wait_runs (fx, 2);
  g_assert_cmpint (afs_sync_scheduler_get_state (fx->scheduler), ==, AFS_SYNC_SCHEDULER_IDLE);
  g_assert_null (afs_sync_scheduler_get_last_error (fx->scheduler));
  g_assert_cmpuint (afs_sync_client_get_pending_count (fx->client), ==, 0);
  g_assert_cmpint (afs_sync_client_get_last_sync_time (fx->client), >, 0);
  g_assert_cmpuint (fx->max_running, ==, 1);
}

/* Each failure doubles the wait (with ±25 % jitter); success resets it
 * and the periodic interval takes over again. */
static void
test_backoff_grows_and_resets (Fixture       *fx,
                               gconstpointer  data)
{
  const guint base = 2000;

  sign_in (fx, "olga", "office-pass-1");
  afs_sync_scheduler_set_backoff_base_ms (fx->scheduler, base);
  afs_sync_scheduler_start (fx->scheduler);
  wait_runs (fx, 1);
  g_assert_cmpuint (afs_sync_scheduler_get_failures (fx->scheduler), ==, 0);
  g_assert_cmpuint (afs_sync_scheduler_get_backoff_ms (fx->scheduler), ==, 0);

  afs_test_office_set_reachable (fx->office, FALSE);
  add_customer (fx, "Hotel Backoff");

  for (guint n = 1; n <= 4; n++)
    {
      guint nominal = base << (n - 1);
      guint delay;

      afs_sync_scheduler_sync_now (fx->scheduler);
      wait_runs (fx, 1 + n);

      g_assert_cmpuint (afs_sync_scheduler_get_failures (fx->scheduler), ==, n);
      g_assert_cmpuint (afs_sync_scheduler_get_backoff_ms (fx->scheduler), ==, nominal);
      delay = afs_sync_scheduler_get_next_delay_ms (fx->scheduler);
      g_assert_cmpuint (delay, >=, nominal * 3 / 4);
      g_assert_cmpuint (delay, <=, nominal * 5 / 4);

      /* Unreachable is "offline" to the person, with the reason. */
      g_assert_cmpint (afs_sync_scheduler_get_state (fx->scheduler), ==, AFS_SYNC_SCHEDULER_OFFLINE);
      g_assert_nonnull (afs_sync_scheduler_get_last_error (fx->scheduler));
      /* Nothing was dropped. */
      g_assert_cmpuint (afs_sync_client_get_pending_count (fx->client), >, 0);
    }

  afs_test_office_set_reachable (fx->office, TRUE);
  afs_sync_scheduler_set_interval (fx->scheduler, 600);
  afs_sync_scheduler_sync_now (fx->scheduler);
  wait_runs (fx, 6);

  g_assert_cmpuint (afs_sync_scheduler_get_failures (fx->scheduler), ==, 0);
  g_assert_cmpuint (afs_sync_scheduler_get_backoff_ms (fx->scheduler), ==, 0);
  g_assert_null (afs_sync_scheduler_get_last_error (fx->scheduler));
  g_assert_cmpint (afs_sync_scheduler_get_state (fx->scheduler), ==, AFS_SYNC_SCHEDULER_IDLE);
  /* Back to the periodic sync, without jitter. */
  g_assert_cmpuint (afs_sync_scheduler_get_next_delay_ms (fx->scheduler), ==, 600 * 1000);
  g_assert_cmpuint (afs_sync_client_get_pending_count (fx->client), ==, 0);
}

/* Asked twice at once: two syncs, one after the other, never together. */
static void
test_never_two_at_once (Fixture       *fx,
                        gconstpointer  data)
{
  sign_in (fx, "olga", "office-pass-1");
  afs_sync_scheduler_start (fx->scheduler);
  g_assert_true (afs_sync_scheduler_get_running (fx->scheduler));

  /* During the first run: remembered, not started beside it. */
  afs_sync_scheduler_sync_now (fx->scheduler);
  afs_sync_scheduler_sync_now (fx->scheduler);
  g_assert_cmpuint (fx->max_running, ==, 1);

  wait_runs (fx, 2);
  g_assert_cmpuint (afs_sync_scheduler_get_n_runs (fx->scheduler), ==, 2);
  g_assert_cmpuint (fx->max_running, ==, 1);
}

/* Signing in (started or not) leaves "signed out" at once: the header
 * bar must not keep saying "Not Signed In" until the first sync. */
static void
test_sign_in_leaves_signed_out (Fixture       *fx,
                                gconstpointer  data)
{
  g_assert_cmpint (afs_sync_scheduler_get_state (fx->scheduler), ==, AFS_SYNC_SCHEDULER_SIGNED_OUT);
  sign_in (fx, "olga", "office-pass-1");
  g_assert_cmpint (afs_sync_scheduler_get_state (fx->scheduler), ==, AFS_SYNC_SCHEDULER_IDLE);
  g_assert_cmpuint (afs_sync_scheduler_get_n_runs (fx->scheduler), ==, 0);
}

/* Not signed in: nothing runs, the state says why. */
static void
test_signed_out_does_nothing (Fixture       *fx,
                              gconstpointer  data)
{
  afs_sync_scheduler_start (fx->scheduler);
  g_assert_false (afs_sync_scheduler_get_running (fx->scheduler));
  g_assert_cmpint (afs_sync_scheduler_get_state (fx->scheduler), ==, AFS_SYNC_SCHEDULER_SIGNED_OUT);
  afs_sync_scheduler_sync_now (fx->scheduler);
  g_assert_false (afs_sync_scheduler_get_running (fx->scheduler));
  g_assert_cmpuint (afs_sync_scheduler_get_next_delay_ms (fx->scheduler), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  afs_test_use_file_keyring ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/scheduler/network-change-triggers-sync", Fixture, NULL,
              fixture_setup, test_network_change_triggers_sync, fixture_teardown);
  g_test_add ("/sync/scheduler/backoff-grows-and-resets", Fixture, NULL,
              fixture_setup, test_backoff_grows_and_resets, fixture_teardown);
  g_test_add ("/sync/scheduler/never-two-at-once", Fixture, NULL,
              fixture_setup, test_never_two_at_once, fixture_teardown);
  g_test_add ("/sync/scheduler/sign-in-leaves-signed-out", Fixture, NULL,
              fixture_setup, test_sign_in_leaves_signed_out, fixture_teardown);
  g_test_add ("/sync/scheduler/signed-out-does-nothing", Fixture, NULL,
              fixture_setup, test_signed_out_does_nothing, fixture_teardown);

  return g_test_run ();
}
