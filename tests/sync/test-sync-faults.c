/* test-sync-faults.c: seeded fault trials (SYNC-NOTES.md: "Jepsen-style
 * testing"). An office user and two technicians edit overlapping cases
 * and add photos while their syncs go through a chaos proxy that drops,
 * resets, stalls and cuts connections (also after the server committed,
 * before the reply), while the client process (aftersales-sync) and the
 * office service are killed with SIGKILL at random points.
 *
 * After each trial the faults stop, every device syncs until quiet, and
 * the checkers look:
 *  - exactly once: every device's outbox is empty, the server applied
 *    exactly the numbers the device wrote (its last_seq), and every edit
 *    made on a device is on the server exactly once (its audit event);
 *  - convergence: every device has the same rows (per-table hashes) as a
 *    device of the same user that only ever pulled, and, at the last
 *    trial, as a brand-new device that pulled its whole scope from 0;
 *  - conflicts: every value written to a review-class field (the case
 *    description) is either the server's value, or in a conflict record,
 *    or was replaced by someone who had seen it: never silently lost;
 *  - photos: every photo row has its blob on the server and its file,
 *    intact (SHA-256), on every device that has the row; no original is
 *    gone from the device that took it.
 *
 * CI runs AFS_SYNC_TRIALS (default 200) trials from seed AFS_SYNC_SEED
 * (default 1); AFS_SYNC_SOAK=N runs N. Every trial prints its seed; a
 * failure names it: rerun with AFS_SYNC_SEED=<seed> AFS_SYNC_TRIALS=1
 * (trials build on the state the earlier ones left, so a replay of one
 * seed reproduces it from a fresh world, which usually suffices; the
 * full run reproduces exactly).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "afs-chaos-proxy.h"
#include "afs-store-office.h"
#include "afs-store-visit.h"
#include "sync-test-util.h"

typedef struct {
  guint trial;
  char *device;
  char *case_id;
  char *field;
  char *old_value;   /* what the device had when it edited */
  char *new_value;
} Edit;

static void
edit_free (gpointer data)
{
  Edit *e = data;

  g_free (e->device);
  g_free (e->case_id);
  g_free (e->field);
  g_free (e->old_value);
  g_free (e->new_value);
  g_free (e);
}

typedef struct {
  char     *sha256;
  char     *device;
} Photo;

static void
photo_free (gpointer data)
{
  Photo *p = data;

  g_free (p->sha256);
  g_free (p->device);
  g_free (p);
}

typedef struct {
  char          *dir;
  TestOffice    *office;
  AfsChaosProxy *proxy;
  TestDevice    *dev[3];       /* olga (office), tom, wang */
  TestDevice    *ref[3];       /* the same users, pull only */
  GPtrArray     *edits;        /* Edit*, all trials */
  GPtrArray     *photos;       /* Photo* */
  GRand         *rand;
  guint          trial;
  guint          counter;
  /* figures */
  guint          faults_fired;
  guint          client_kills;
  guint          service_kills;
  guint          failed_syncs;
  guint          conflicts;
  gboolean       kill_pending;
  guint          reassignments;
  guint          refused;
} World;

static const char *const users[] = { "olga", "tom", "wang" };
static const char *const staff[] = { STAFF_OFFICE, STAFF_TOM, STAFF_WANG };
static const AfsRole roles[] = { AFS_ROLE_OFFICE, AFS_ROLE_TECHNICIAN, AFS_ROLE_TECHNICIAN };

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static TestDevice *
new_device (World      *w,
            const char *name,
            guint       who,
            gboolean    through_proxy)
{
  g_autoptr(GError) error = NULL;
  TestDevice *d = test_device_new (w->dir, name, staff[who], roles[who]);

  test_device_sign_in (d, through_proxy ? afs_chaos_proxy_get_port (w->proxy) : w->office->port,
                       users[who], &error);
  g_assert_no_error (error);
  afs_sync_client_set_chunk_size (d->client, 16 * 1024);
  afs_sync_client_set_timeout (d->client, 1);
  return d;
}

static void
world_init (World *w)
{
  g_autoptr(GError) error = NULL;

  w->dir = g_dir_make_tmp ("afs-sync-faults-XXXXXX", &error);
  g_assert_no_error (error);
  test_keyring_setup (w->dir);
  w->office = test_office_new (w->dir);
  test_office_start (w->office);
  w->proxy = afs_chaos_proxy_new (w->office->port, &error);
  g_assert_no_error (error);
  w->edits = g_ptr_array_new_with_free_func (edit_free);
  w->photos = g_ptr_array_new_with_free_func (photo_free);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *ref_name = g_strconcat (users[i], "-ref", NULL);

      w->dev[i] = new_device (w, users[i], i, TRUE);
      w->ref[i] = new_device (w, ref_name, i, FALSE);
    }
  test_add_staff (w->dev[0]);
  test_device_sync_ok (w->dev[0]);
}

static void
world_clear (World *w)
{
  for (guint i = 0; i < 3; i++)
    {
      test_device_free (w->dev[i]);
      test_device_free (w->ref[i]);
    }
  afs_chaos_proxy_free (w->proxy);
  test_office_free (w->office);
  g_ptr_array_unref (w->edits);
  g_ptr_array_unref (w->photos);
  rm_rf (w->dir);
  g_free (w->dir);
}

/* ---- Faults ----------------------------------------------------------------- */

static void
restart_service (World *w)
{
  afs_chaos_proxy_close_all (w->proxy);
  test_office_start (w->office);
  afs_chaos_proxy_set_upstream (w->proxy, w->office->port);
  /* The reference devices talk to the service directly: follow it. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;

      test_device_sign_in (w->ref[i], w->office->port, users[i], &error);
      g_assert_no_error (error);
    }
}

static gboolean
kill_service_cb (gpointer data)
{
  World *w = data;

  test_office_stop (w->office, TRUE);
  w->service_kills++;
  w->kill_pending = FALSE;
  return G_SOURCE_REMOVE;
}

/* One sync of device @i with a random fault: none, a proxy fault, a
 * SIGKILL of the service during it, or the sync run by aftersales-sync
 * killed with SIGKILL. */
static void
faulty_sync (World *w,
             guint  i)
{
  TestDevice *d = w->dev[i];
  g_autoptr(GError) error = NULL;
  guint dice = g_rand_int_range (w->rand, 0, 100);
  guint fired_before = afs_chaos_proxy_get_fired (w->proxy);
  guint kill_timer = 0;

  if (dice < 35)
    {
      /* Plain. */
    }
  else if (dice < 80)
    {
      AfsChaosFault fault;
      guint kind = g_rand_int_range (w->rand, 0, 100);

      fault.kind = kind < 45 ? AFS_CHAOS_DROP : kind < 95 ? AFS_CHAOS_RESET : AFS_CHAOS_STALL;
      fault.direction = g_rand_boolean (w->rand) ? AFS_CHAOS_UP : AFS_CHAOS_DOWN;
      /* Cut after the server committed, before the reply: often. */
      fault.after_bytes = (fault.direction == AFS_CHAOS_DOWN && g_rand_boolean (w->rand))
                          ? 0 : (guint64) g_rand_int_range (w->rand, 0, 40000);
      afs_chaos_proxy_push_fault (w->proxy, &fault);
    }
  else if (dice < 90)
    {
      /* The client process dies: aftersales-sync on the same file. */
      g_autofree char *binary = g_build_filename (g_getenv ("AFS_BUILD_ROOT"), "src", "cli",
                                                  "aftersales-sync", NULL);
      g_autoptr(GSubprocess) proc = NULL;
      guint delay_ms = g_rand_int_range (w->rand, 0, 120);

      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error, binary, "--database", d->path, "--photos", d->photo_dir,
                               "--timeout", "1", NULL);
      g_assert_no_error (error);
      g_usleep (delay_ms * 1000);
      g_subprocess_force_exit (proc);
      g_subprocess_wait (proc, NULL, NULL);
      w->client_kills++;
      return;
    }
  else
    {
      /* The service dies during this sync. */
      w->kill_pending = TRUE;
      kill_timer = g_timeout_add (g_rand_int_range (w->rand, 0, 40), kill_service_cb, w);
    }

  if (!test_device_sync (d, &error))
    w->failed_syncs++;
  afs_chaos_proxy_clear_faults (w->proxy);
  w->faults_fired += afs_chaos_proxy_get_fired (w->proxy) - fired_before;

  /* A kill whose time had not come during the sync happens now,
   * between two syncs. */
  if (w->kill_pending)
    {
      g_source_remove (kill_timer);
      kill_service_cb (w);
    }
  if (w->office->proc == NULL)
    restart_service (w);
}

/* ---- Workload ------------------------------------------------------------------ */

/* Dispatched cases device @i may edit (technicians: their own). */
static GPtrArray *
editable_cases (World *w,
                guint  i)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = NULL;

  if (i == 0)
    sql = g_strdup ("SELECT id FROM cases WHERE state = 'dispatched' ORDER BY local_id DESC LIMIT 6");
  else
    sql = g_strdup_printf ("SELECT c.id FROM cases c JOIN assignments a ON a.case_id = c.id"
                           " WHERE c.state = 'dispatched' AND a.staff_id = '%s'"
                           "   AND a.unassigned_at IS NULL AND a.deleted_at IS NULL"
                           " ORDER BY c.local_id DESC LIMIT 6", staff[i]);

  g_assert_cmpint (sqlite3_open_v2 (w->dev[i]->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

static void
edit_description (World      *w,
                  guint       i,
                  const char *case_id)
{
  g_autoptr(GError) error = NULL;
  Edit *e = g_new0 (Edit, 1);

  e->trial = w->trial;
  e->device = g_strdup (users[i]);
  e->case_id = g_strdup (case_id);
  e->field = g_strdup ("description");
  e->old_value = test_device_text (w->dev[i], "SELECT description FROM cases WHERE id = '%s'", case_id);
  e->new_value = g_strdup_printf ("t%u %s edit %u", w->trial, users[i], ++w->counter);
  if (!test_update_case (w->dev[i], case_id, "description", e->new_value, &error))
    g_error ("trial %u: %s could not edit %s: %s", w->trial, users[i], case_id, error->message);
  g_ptr_array_add (w->edits, e);
}

static void
edit_cause (World      *w,
            guint       i,
            const char *case_id)
{
  static const char *const causes[] = { "product_quality", "staff_error", "transport_damage", "other" };
  g_autoptr(GError) error = NULL;
  const char *cause = causes[g_rand_int_range (w->rand, 0, G_N_ELEMENTS (causes))];

  if (!test_update_case (w->dev[i], case_id, "cause", cause, &error))
    g_error ("trial %u: %s could not set the cause: %s", w->trial, users[i], error->message);
}

static void
add_photo (World      *w,
           guint       i,
           const char *case_id)
{
  Photo *p = g_new0 (Photo, 1);
  gsize size = g_rand_int_range (w->rand, 2000, 60000);

  p->device = g_strdup (users[i]);
  p->sha256 = test_add_photo (w->dev[i], case_id, size, g_rand_int (w->rand));
  g_ptr_array_add (w->photos, p);
}

static void
run_trial (World *w)
{
  g_autofree char *case_id = NULL;
  guint tech = g_rand_int_range (w->rand, 1, 3);
  guint steps = g_rand_int_range (w->rand, 3, 8);

  /* The office opens and dispatches a case to one technician. */
  case_id = test_new_case (w->dev[0], "New case");
  test_dispatch (w->dev[0], case_id, staff[tech]);
  faulty_sync (w, 0);

  for (guint s = 0; s < steps; s++)
    {
      guint i = g_rand_int_range (w->rand, 0, 3);
      guint what = g_rand_int_range (w->rand, 0, 100);
      g_autoptr(GPtrArray) cases = editable_cases (w, i);

      if (what < 15 && i == 0)
        {
          /* A reassignment, racing the technician's offline edits. */
          g_autoptr(GPtrArray) own = NULL;
          guint from = g_rand_int_range (w->rand, 1, 3);
          guint to = 3 - from;

          own = editable_cases (w, from);
          if (own->len > 0)
            {
              g_autoptr(GError) error = NULL;
              const char *id = own->pdata[g_rand_int_range (w->rand, 0, own->len)];

              /* Only if the office already has it as the technician's. */
              if (test_device_int (w->dev[0], "SELECT count (*) FROM assignments WHERE case_id = '%s'"
                                              " AND staff_id = '%s' AND unassigned_at IS NULL",
                                   id, staff[from]) == 1)
                {
                  /* The technician may go on editing it offline: those
                   * edits are refused by the office and set aside. */
                  afs_store_reassign_technician (w->dev[0]->store, id, staff[from], staff[to],
                                                 "Trial reassignment", &error);
                  g_assert_no_error (error);
                  w->reassignments++;
                }
            }
        }
      else if (cases->len > 0)
        {
          const char *id = cases->pdata[g_rand_int_range (w->rand, 0, cases->len)];

          if (what < 60)
            edit_description (w, i, id);
          else if (what < 80)
            edit_cause (w, i, id);
          else if (i != 0)
            add_photo (w, i, id);
        }

      if (g_rand_int_range (w->rand, 0, 100) < 60)
        faulty_sync (w, i);
    }
}

/* ---- Heal and check -------------------------------------------------------------- */

static void
heal (World *w)
{
  afs_chaos_proxy_clear_faults (w->proxy);
  if (w->office->proc == NULL)
    restart_service (w);

  /* Three rounds: a conflict made by the last push of round one reaches
   * everyone in round two; round three proves quiet. */
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(GError) error = NULL;

        if (!test_device_sync (w->dev[i], &error))
          g_error ("trial %u: %s cannot sync after the faults stopped: %s",
                   w->trial, users[i], error->message);
      }
  for (guint i = 0; i < 3; i++)
    test_device_sync_ok (w->ref[i]);
}

static TestDevice *
device_named (World      *w,
              const char *name)
{
  for (guint i = 0; i < 3; i++)
    if (g_str_equal (users[i], name))
      return w->dev[i];
  g_assert_not_reached ();
}

/* Whether edit @e was refused by the office and is kept aside, exactly
 * once, with its audit event. */
static gboolean
set_aside (World *w,
           Edit  *e)
{
  TestDevice *d = device_named (w, e->device);
  gint64 field = test_device_int (d, "SELECT count (*) FROM sync_refused WHERE table_name = 'cases'"
                                     " AND json_extract (changes, '$.description.new') = '%s'",
                                  e->new_value);
  gint64 audit = test_device_int (d, "SELECT count (*) FROM sync_refused WHERE table_name = 'audit'"
                                     " AND json_extract (changes, '$.new_value.new') = '%s'",
                                  e->new_value);

  if (field + audit == 0)
    return FALSE;
  if (field != 1 || audit != 1)
    g_error ("trial %u: the refused edit “%s” of %s is kept aside %lld + %lld times",
             w->trial, e->new_value, e->device, (long long) field, (long long) audit);
  return TRUE;
}

static void
check_exactly_once (World    *w,
                    gboolean  all)
{
  sqlite3 *db = test_office_db (w->office);

  for (guint i = 0; i < 3; i++)
    {
      TestDevice *d = w->dev[i];
      gint64 written = test_device_int (d, "SELECT COALESCE ((SELECT seq FROM sqlite_sequence"
                                           " WHERE name = 'outbox'), 0)");
      gint64 applied = test_sql_int (db, "SELECT COALESCE ((SELECT last_seq FROM devices"
                                         " WHERE id = '%s'), 0)", afs_store_get_device_id (d->store));

      if (test_device_int (d, "SELECT count (*) FROM outbox") != 0)
        g_error ("trial %u: %s still has changes waiting after a quiet sync", w->trial, users[i]);
      if (written != applied)
        g_error ("trial %u: %s wrote changes 1..%lld, the server applied 1..%lld",
                 w->trial, users[i], (long long) written, (long long) applied);
    }

  /* Every edit's audit event, once (this trial's, or all of them). */
  for (guint k = 0; k < w->edits->len; k++)
    {
      Edit *e = w->edits->pdata[k];
      gint64 n;

      if (!all && e->trial != w->trial)
        continue;
      n = test_sql_int (db, "SELECT count (*) FROM rows WHERE tbl = 'audit'"
                                   " AND json_extract (data, '$.field') = 'description'"
                                   " AND json_extract (data, '$.new_value') = '%s'", e->new_value);

      if (n == 0 && set_aside (w, e))
        continue;   /* refused for good (reassigned meanwhile), kept aside */
      if (n != 1)
        g_error ("trial %u: the edit “%s” of %s is on the server %lld times",
                 w->trial, e->new_value, e->device, (long long) n);
    }
  sqlite3_close (db);
}

static void
check_convergence (World   *w,
                   gboolean from_scratch)
{
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *diff = test_hash_diff (w->dev[i], w->ref[i]);

      if (diff != NULL)
        g_error ("trial %u: %s differs from what the server has for its scope in: %s",
                 w->trial, users[i], diff);
    }

  if (from_scratch)
    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *name = g_strdup_printf ("%s-fresh-%u", users[i], w->trial);
        TestDevice *fresh = new_device (w, name, i, FALSE);
        g_autofree char *diff = NULL;

        test_device_sync_ok (fresh);
        diff = test_hash_diff (w->dev[i], fresh);
        if (diff != NULL)
          g_error ("trial %u: %s differs from a new device pulling its scope from 0 in: %s",
                   w->trial, users[i], diff);
        test_device_free (fresh);
      }
}

/* No value of a review-class field is silently lost. */
static void
check_conflicts (World    *w,
                 gboolean  all)
{
  TestDevice *office = w->ref[0];
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint k = 0; k < w->edits->len; k++)
    {
      Edit *e = w->edits->pdata[k];

      if (e->old_value != NULL)
        g_hash_table_add (seen, e->old_value);
    }

  for (guint k = 0; k < w->edits->len; k++)
    {
      Edit *e = w->edits->pdata[k];
      g_autofree char *json = NULL;
      gint64 current, in_conflict;

      if ((!all && e->trial != w->trial) || g_hash_table_contains (seen, e->new_value) ||
          set_aside (w, e))
        continue;   /* checked before, replaced by someone who had seen it, or kept aside */
      current = test_device_int (office, "SELECT count (*) FROM cases WHERE id = '%s'"
                                         " AND description = '%s'", e->case_id, e->new_value);
      in_conflict = test_device_int (office, "SELECT count (*) FROM conflicts WHERE row_id = '%s'"
                                             " AND field = 'description'"
                                             " AND (json_extract (mine, '$') = '%s'"
                                             "      OR json_extract (theirs, '$') = '%s')",
                                     e->case_id, e->new_value, e->new_value);
      if (current == 0 && in_conflict == 0)
        g_error ("trial %u: the description “%s” written by %s was overwritten without a "
                 "conflict record", w->trial, e->new_value, e->device);
    }
  w->conflicts = (guint) test_device_int (office, "SELECT count (*) FROM conflicts");
  w->refused = 0;
  for (guint i = 1; i < 3; i++)
    w->refused += (guint) test_device_int (w->dev[i], "SELECT count (*) FROM sync_refused");
}

static void
check_photos (World *w)
{
  g_autofree char *blob_dir = NULL;

  for (guint k = 0; k < w->photos->len; k++)
    {
      Photo *p = w->photos->pdata[k];
      TestDevice *taker = NULL;
      g_autofree char *mine = NULL;

      for (guint i = 0; i < 3; i++)
        if (g_str_equal (users[i], p->device))
          taker = w->dev[i];
      mine = g_strdup_printf ("%s/%c%c/%s.jpg", taker->photo_dir, p->sha256[0], p->sha256[1], p->sha256);
      if (!g_file_test (mine, G_FILE_TEST_IS_REGULAR))
        g_error ("trial %u: the original of photo %s is gone from %s", w->trial, p->sha256, p->device);
    }

  /* Every photo row a device has: its file is there and intact. */
  for (guint i = 0; i < 3; i++)
    for (int pass = 0; pass < 2; pass++)
      {
        TestDevice *d = pass == 0 ? w->dev[i] : w->ref[i];
        sqlite3 *db = NULL;
        sqlite3_stmt *stmt = NULL;

        g_assert_cmpint (sqlite3_open_v2 (d->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT DISTINCT sha256 FROM photos", -1, &stmt, NULL),
                         ==, SQLITE_OK);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            const char *sha = (const char *) sqlite3_column_text (stmt, 0);
            g_autofree char *path = g_strdup_printf ("%s/%c%c/%s.jpg", d->photo_dir, sha[0], sha[1], sha);
            g_autofree char *bytes = NULL;
            g_autofree char *check = NULL;
            gsize len;

            if (!g_file_get_contents (path, &bytes, &len, NULL))
              g_error ("trial %u: %s has photo %s without its file", w->trial, d->name, sha);
            check = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, len);
            if (g_strcmp0 (check, sha) != 0)
              g_error ("trial %u: %s has a damaged file for photo %s", w->trial, d->name, sha);
          }
        sqlite3_finalize (stmt);
        sqlite3_close (db);
      }
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static void
test_fault_trials (void)
{
  World w = { 0 };
  guint trials = env_uint ("AFS_SYNC_SOAK", env_uint ("AFS_SYNC_TRIALS", 200));
  guint seed0 = env_uint ("AFS_SYNC_SEED", 1);
  gint64 started = g_get_monotonic_time ();
  gint64 trial_started;
  gboolean full;

  world_init (&w);
  for (guint t = 0; t < trials; t++)
    {
      guint32 seed = seed0 + t;

      w.trial = seed;
      g_clear_pointer (&w.rand, g_rand_free);
      w.rand = g_rand_new_with_seed (seed);
      g_test_message ("trial seed %u", seed);

      trial_started = g_get_monotonic_time ();
      run_trial (&w);
      heal (&w);
      full = t + 1 == trials || (t + 1) % 50 == 0;
      check_exactly_once (&w, full);
      check_convergence (&w, full);
      check_conflicts (&w, full);
      check_photos (&w);
      g_test_message ("trial seed %u took %.2f s", seed, (g_get_monotonic_time () - trial_started) / 1e6);
    }

  g_test_message ("%u trials (seeds %u..%u) in %.1f s: %u proxy faults fired, %u client kills, "
                  "%u service kills, %u syncs failed and recovered, %u edits, %u photos, "
                  "%u conflict records, %u reassignments, %u changes refused and kept aside",
                  trials, seed0, seed0 + trials - 1,
                  (g_get_monotonic_time () - started) / 1e6, w.faults_fired, w.client_kills,
                  w.service_kills, w.failed_syncs, w.edits->len, w.photos->len, w.conflicts,
                  w.reassignments, w.refused);
  g_assert_cmpuint (w.faults_fired + w.client_kills + w.service_kills, >, 0);
  g_clear_pointer (&w.rand, g_rand_free);
  world_clear (&w);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-faults/trials", test_fault_trials);
  return g_test_run ();
}
