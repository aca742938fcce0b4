/* bench-sync-client.c: the app's own sync client (AfsSyncClient, src/sync)
 * against the real office service on loopback: photo upload speed and
 * the client's peak RSS while it uploads, and a technician's first sync.
 *
 *   ./build/tests/bench/bench-sync-client [PHOTOS] [MB]   (default 100 photos of 5 MB)
 *
 * Uses the sync tests' helpers (tests/sync/sync-test-util.c): real store
 * files, a file keyring in the temporary folder. Prints figures only.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sync-test-util.h"

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

/* Resets the peak RSS to the current RSS (Linux, clear_refs 5). */
static void
reset_peak_rss (void)
{
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}

int
main (int argc, char **argv)
{
  int n_photos = argc > 1 ? atoi (argv[1]) : 100;
  int mb = argc > 2 ? atoi (argv[2]) : 5;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("afs-bench-client-XXXXXX", &error);
  g_autofree char *case_id = NULL;
  TestOffice *office;
  TestDevice *olga, *tom;
  long rss_idle, rss_peak;
  double t0, t_up, t_day;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_assert_no_error (error);
  if (g_getenv ("AFS_BUILD_ROOT") == NULL)
    g_setenv ("AFS_BUILD_ROOT", AFS_BUILD_ROOT_DIR, TRUE);
  test_keyring_setup (dir);

  office = test_office_new (dir);
  test_office_start (office);
  olga = test_device_new (dir, "olga", STAFF_OFFICE, AFS_ROLE_OFFICE);
  if (!test_device_sign_in (olga, office->port, "olga", &error))
    g_error ("sign-in: %s", error->message);
  test_add_staff (olga);
  case_id = test_new_case (olga, "Fridge not cooling");
  for (int i = 0; i < n_photos; i++)
    g_free (test_add_photo (olga, case_id, (gsize) mb * 1000 * 1000, i + 1));

  reset_peak_rss ();
  rss_idle = peak_rss_kb ();
  t0 = g_get_monotonic_time () / 1e6;
  test_device_sync_ok (olga);
  t_up = g_get_monotonic_time () / 1e6 - t0;
  rss_peak = peak_rss_kb ();
  printf ("AfsSyncClient: sync of 1 case with %d photos of %d MB: %.2f s (%.0f MB/s)\n",
          n_photos, mb, t_up, n_photos * mb / t_up);
  printf ("AfsSyncClient: peak RSS during it %.1f MB (%.1f MB before; target < 100 MB)\n",
          rss_peak / 1024.0, rss_idle / 1024.0);

  /* The case goes to Tom; his laptop's first sync. */
  test_dispatch (olga, case_id, STAFF_TOM);
  test_device_sync_ok (olga);
  tom = test_device_new (dir, "tom", STAFF_TOM, AFS_ROLE_TECHNICIAN);
  if (!test_device_sign_in (tom, office->port, "tom", &error))
    g_error ("sign-in: %s", error->message);
  t0 = g_get_monotonic_time () / 1e6;
  test_device_sync_ok (tom);
  t_day = g_get_monotonic_time () / 1e6 - t0;
  printf ("AfsSyncClient: a technician's first sync (the case, its customer, %d photo rows): %.2f s\n",
          n_photos, t_day);

  test_device_free (tom);
  test_device_free (olga);
  test_office_stop (office, FALSE);
  test_office_free (office);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    if (system (cmd) != 0)
      g_printerr ("could not remove %s\n", dir);
  }
  return 0;
}
