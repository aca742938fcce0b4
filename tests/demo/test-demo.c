/* test-demo.c: the demo company generator (afs-demo.h) and aftersales-demo.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "afs-demo.h"
#include "afs-error.h"
#include "afs-store-private.h"

#define N_CASES   400
#define SEED      42
/* A fixed "today", so every run sees the same history: 2026-03-17 10:40 UTC. */
#define NOW       G_GINT64_CONSTANT (1773744000)

static char     *tmp_dir;
static AfsStore *store;          /* N_CASES cases, seed SEED */
static GPtrArray *cases;         /* AfsCaseData*, newest first */

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static GPtrArray *
load_all (AfsStore *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  AfsCaseFilter filter = { 0 };
  GPtrArray *result;

  filter.sort = AFS_CASE_SORT_NEWEST;
  ids = afs_store_query_case_ids (s, &filter, &error);
  g_assert_no_error (error);
  result = afs_store_load_cases (s, (const gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->len, ==, ids->len);
  return result;
}

static AfsStore *
generate (const char *name,
          guint       n,
          guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path (name);
  AfsStore *s;
  AfsDemoOptions options = { 0 };

  s = afs_store_open (path, &error);
  g_assert_no_error (error);
  options.n_cases = n;
  options.seed = seed;
  options.now = NOW;
  g_assert_true (afs_demo_generate (s, &options, &error));
  g_assert_no_error (error);
  return s;
}

static AfsCaseData *
case_at (guint i)
{
  return g_ptr_array_index (cases, i);
}

/* ---- The company -------------------------------------------------------- */

static void
test_every_state (void)
{
  g_autoptr(GError) error = NULL;
  guint counts[AFS_CASE_STATE_N] = { 0 };
  guint overdue = 0;
  guint total = 0;
  guint open = 0;

  g_assert_true (afs_store_count_cases (store, counts, &overdue, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < AFS_CASE_STATE_N; i++)
    {
      g_test_message ("%-18s %u", afs_case_state_to_string (i), counts[i]);
      if (counts[i] == 0)
        g_error ("no case is %s", afs_case_state_to_string (i));
      total += counts[i];
      if (afs_case_state_is_open (i))
        open += counts[i];
    }
  g_assert_cmpuint (total, ==, N_CASES);

  /* Plausible: two years of history, so most cases are done; closed is
   * the biggest group; out of scope and cancelled are a few percent. */
  g_assert_cmpuint (counts[AFS_CASE_STATE_CLOSED], >, total / 2);
  for (guint i = 0; i < AFS_CASE_STATE_N; i++)
    g_assert_cmpuint (counts[i], <=, counts[AFS_CASE_STATE_CLOSED]);
  g_assert_cmpuint (open, <, total / 3);
  g_assert_cmpuint (counts[AFS_CASE_STATE_OUT_OF_SCOPE], <, total / 10);
  g_assert_cmpuint (counts[AFS_CASE_STATE_CANCELLED], <, total / 10);
}

static void
test_staff (void)
{
  g_autoptr(GError) error = NULL;
  guint n[AFS_ROLE_N] = { 0 };
  g_autoptr(GPtrArray) staff = afs_store_list_staff (store, -1, &error);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);
  for (guint i = 0; i < staff->len; i++)
    {
      AfsStaffData *s = g_ptr_array_index (staff, i);

      n[s->role]++;
      g_assert_nonnull (s->name);
      g_assert_cmpstr (s->name, !=, "");
      /* No two colleagues share a name: the board tells them apart by it. */
      g_assert_false (g_hash_table_contains (names, s->name));
      g_hash_table_add (names, s->name);
      g_assert_nonnull (s->phone);
      if (s->role == AFS_ROLE_TECHNICIAN)
        {
          g_assert_nonnull (s->skills);
          g_assert_cmpstr (s->skills, !=, "");
          g_assert_nonnull (s->service_area);
          g_assert_cmpfloat (s->hourly_rate, >, 0);
        }
    }
  /* ~1 technician per 150 cases, at least three per branch (every
   * trade covered). */
  g_assert_cmpuint (n[AFS_ROLE_TECHNICIAN], ==, 12);
  g_assert_cmpuint (n[AFS_ROLE_OFFICE], >=, 3);
  g_assert_cmpuint (n[AFS_ROLE_MANAGER], ==, 2);
  g_assert_cmpuint (n[AFS_ROLE_QUALITY], >=, 1);
  g_assert_cmpuint (n[AFS_ROLE_QUALITY], <=, 2);
}

static void
test_customers (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint region[AFS_REGION_N] = { 0 };
  guint key = 0;

  for (guint i = 0; i < cases->len; i++)
    {
      AfsCaseData *c = case_at (i);

      g_assert_nonnull (c->customer_name);
      g_assert_cmpstr (c->customer_name, !=, "");
      if (!g_hash_table_add (seen, c->customer_id))
        continue;
      region[c->region]++;
      if (c->tier == AFS_TIER_KEY)
        key++;
    }

  /* About one customer per three cases (some call more than once). */
  g_assert_cmpuint (g_hash_table_size (seen), >, N_CASES / 6);
  g_assert_cmpuint (g_hash_table_size (seen), <=, N_CASES / 3 + 1);
  for (guint r = 0; r < AFS_REGION_N; r++)
    g_assert_cmpuint (region[r], >, 0);
  g_assert_cmpuint (region[AFS_REGION_LOCAL], >, region[AFS_REGION_REMOTE]);
  g_assert_cmpuint (key, >, 0);
}

static void
test_equipment_dates (void)
{
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  for (guint i = 0; i < cases->len && checked < 150; i++)
    {
      AfsCaseData *c = case_at (i);
      AfsEquipmentData e = { 0 };

      if (c->equipment_id == NULL)
        continue;
      g_assert_true (afs_store_get_equipment (store, c->equipment_id, &e, &error));
      g_assert_no_error (error);
      g_assert_nonnull (e.serial);
      g_assert_nonnull (e.purchase_date);
      g_assert_nonnull (e.production_date);
      g_assert_nonnull (e.warranty_end);
      /* YYYY-MM-DD compares as text. */
      g_assert_cmpstr (e.production_date, <=, e.purchase_date);
      g_assert_cmpstr (e.purchase_date, <, e.warranty_end);
      if (e.installation_date != NULL)
        g_assert_cmpstr (e.purchase_date, <=, e.installation_date);
      g_assert_true (g_str_has_prefix (e.serial, "SN-") || g_str_has_prefix (e.serial, "LOT ") ||
                     g_ascii_isupper (e.serial[0]));
      afs_equipment_data_clear (&e);
      checked++;
    }
  g_assert_cmpuint (checked, >, 100);
}

static gboolean
has_han (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

static gboolean
has_any (const char *s,
         const char *const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (s, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_languages (void)
{
  static const char *const polish[] = { "ą", "ę", "ł", "ż", "ź", "ś", "ć", "ń", "Ł", "Ż", NULL };
  static const char *const spanish[] = { "ñ", "á", "é", "í", "ó", "ú", "¿", NULL };
  guint zh = 0, pl = 0, es = 0;

  for (guint i = 0; i < cases->len; i++)
    {
      const char *d = case_at (i)->description;

      g_assert_nonnull (d);
      g_assert_cmpuint (strlen (d), >, 10);
      g_assert_true (g_utf8_validate (d, -1, NULL));
      if (has_han (d))
        zh++;
      else if (has_any (d, polish))
        pl++;
      else if (has_any (d, spanish))
        es++;
    }
  g_test_message ("Chinese %u, Polish %u, Spanish %u of %u", zh, pl, es, cases->len);

  /* About a fifth each (English ~40 %); a sentence without a diacritic
   * is possible, so the bounds are loose. */
  g_assert_cmpuint (zh, >, N_CASES / 10);
  g_assert_cmpuint (pl, >, N_CASES / 10);
  g_assert_cmpuint (es, >, N_CASES / 10);
  g_assert_cmpuint (zh + pl + es, <, N_CASES * 3 / 4);
}

static void
test_descriptions_vary (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < cases->len; i++)
    g_hash_table_add (seen, case_at (i)->description);
  /* Built from parts: nearly every description is different. */
  g_assert_cmpuint (g_hash_table_size (seen), >, N_CASES * 9 / 10);
}

static void
test_deadlines (void)
{
  for (guint i = 0; i < cases->len; i++)
    {
      AfsCaseData *c = case_at (i);

      g_assert_cmpint (c->reported_at, >, NOW - 800 * 86400);
      g_assert_cmpint (c->reported_at, <=, NOW);
      g_assert_cmpint (c->respond_due, >, c->reported_at);
      g_assert_cmpint (c->resolve_due, >, c->reported_at);
      if (c->severity != 4 && c->category != AFS_CATEGORY_CONSULTATION)
        g_assert_cmpint (c->arrive_due, >, c->reported_at);
      if (c->state != AFS_CASE_STATE_NEW && c->state != AFS_CASE_STATE_CANCELLED &&
          c->state != AFS_CASE_STATE_OUT_OF_SCOPE)
        {
          g_assert_cmpint (c->severity, >=, 1);
          g_assert_cmpint (c->severity, <=, 4);
          g_assert_cmpint (c->responded_at, >=, c->reported_at);
        }
      if (c->arrived_at > 0)
        g_assert_cmpint (c->arrived_at, >, c->reported_at);
      if (c->resolved_at > 0)
        g_assert_cmpint (c->resolved_at, >=, c->responded_at);
      if (c->closed_at > 0)
        g_assert_cmpint (c->closed_at, >, c->resolved_at);
    }
}

static void
test_reports_and_follow_ups (void)
{
  g_autoptr(GError) error = NULL;
  guint resolved = 0, closed = 0;

  for (guint i = 0; i < cases->len; i++)
    {
      AfsCaseData *c = case_at (i);
      AfsReportData report = { 0 };
      AfsCaseFacts facts = { 0 };

      if (c->state != AFS_CASE_STATE_RESOLVED && c->state != AFS_CASE_STATE_CLOSED)
        continue;

      g_assert_true (afs_store_get_report (store, c->id, &report, &error));
      g_assert_no_error (error);
      if (report.signed_at == 0 || !report.accepted)
        g_error ("%s is %s without a signed, accepted report", c->number, afs_case_state_to_string (c->state));
      g_assert_nonnull (report.signer_name);
      g_assert_cmpint (report.signed_at, <=, c->resolved_at);
      afs_report_data_clear (&report);

      g_assert_true (afs_store_get_case_facts (store, c->id, &facts, &error));
      g_assert_no_error (error);
      if (c->state == AFS_CASE_STATE_CLOSED)
        {
          g_assert_cmpuint (facts.n_follow_ups, >, 0);
          closed++;
        }
      else
        resolved++;
    }
  g_assert_cmpuint (resolved, >, 0);
  g_assert_cmpuint (closed, >, 0);
}

static void
test_overdue (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  AfsCaseFilter filter = { 0 };
  guint counts[AFS_CASE_STATE_N];
  guint n_overdue = 0;

  g_assert_true (afs_store_count_cases (store, counts, &n_overdue, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_overdue, >, 0);

  filter.overdue_only = TRUE;
  filter.now = NOW;
  filter.sort = AFS_CASE_SORT_DUE;
  ids = afs_store_query_case_ids (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 5);
  overdue = afs_store_load_cases (store, (const gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < overdue->len; i++)
    {
      AfsCaseData *c = g_ptr_array_index (overdue, i);
      g_assert_true (afs_case_state_is_open (c->state));
    }
}

static void
test_outbox_empty (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (afs_store_count_outbox (store, &error), ==, 0);
  g_assert_no_error (error);
  /* … and the store writes to it again afterwards. */
  g_assert_true (afs_store_get_outbox_enabled (store));
}

static void
test_search_serial (void)
{
  g_autoptr(GError) error = NULL;
  guint searched = 0;

  for (guint i = 0; i < cases->len && searched < 5; i += 37)
    {
      AfsCaseData *c = case_at (i);
      g_autoptr(GArray) ids = NULL;
      AfsCaseFilter filter = { 0 };
      gboolean found = FALSE;

      if (c->serial == NULL)
        continue;
      filter.search = c->serial;
      filter.limit = 500;
      ids = afs_store_query_case_ids (store, &filter, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < ids->len; j++)
        found |= g_array_index (ids, gint64, j) == c->local_id;
      if (!found)
        g_error ("searching “%s” did not find %s", c->serial, c->number);
      searched++;
    }
  g_assert_cmpuint (searched, >, 0);
}

static void
test_audit_actors (void)
{
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  /* The assigned technician records the arrival, a manager approves. */
  for (guint i = 0; i < cases->len && checked < 20; i++)
    {
      AfsCaseData *c = case_at (i);
      g_autoptr(GPtrArray) audit = NULL;

      if (c->state != AFS_CASE_STATE_CLOSED || c->arrived_at == 0)
        continue;
      audit = afs_store_list_audit (store, c->id, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < audit->len; j++)
        {
          AfsAuditEvent *ev = g_ptr_array_index (audit, j);

          g_assert_cmpint (ev->at, >=, c->reported_at - 60);
          if (ev->kind != NULL && g_str_equal (ev->kind, "transition") &&
              g_strcmp0 (ev->new_value, "on_site") == 0)
            {
              AfsStaffData staff = { 0 };

              g_assert_nonnull (ev->actor_id);
              g_assert_true (afs_store_get_staff (store, ev->actor_id, &staff, &error));
              g_assert_no_error (error);
              g_assert_cmpint (staff.role, ==, AFS_ROLE_TECHNICIAN);
              afs_staff_data_clear (&staff);
              checked++;
            }
        }
    }
  g_assert_cmpuint (checked, >, 0);
}

static void
test_refuses_filled_store (void)
{
  g_autoptr(GError) error = NULL;
  AfsDemoOptions options = { 0 };

  options.n_cases = 10;
  options.seed = 1;
  options.now = NOW;
  g_assert_false (afs_demo_generate (store, &options, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
}

/* ---- Determinism ----------------------------------------------------------- */

static void
assert_same_cases (GPtrArray *a,
                   GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      AfsCaseData *x = g_ptr_array_index (a, i);
      AfsCaseData *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (x->number, ==, y->number);
      g_assert_cmpstr (x->description, ==, y->description);
      g_assert_cmpint (x->state, ==, y->state);
      g_assert_cmpint (x->reported_at, ==, y->reported_at);
      g_assert_cmpstr (x->customer_name, ==, y->customer_name);
      g_assert_cmpstr (x->serial, ==, y->serial);
    }
}

static void
test_deterministic (void)
{
  g_autoptr(AfsStore) again = generate ("again.db", N_CASES, SEED);
  g_autoptr(GPtrArray) again_cases = load_all (again);

  assert_same_cases (cases, again_cases);
}

static void
test_seed_matters (void)
{
  g_autoptr(AfsStore) other = generate ("other.db", N_CASES, SEED + 1);
  g_autoptr(GPtrArray) other_cases = load_all (other);
  guint same = 0;

  g_assert_cmpuint (other_cases->len, ==, N_CASES);
  for (guint i = 0; i < MIN (other_cases->len, cases->len); i++)
    {
      AfsCaseData *x = g_ptr_array_index (other_cases, i);
      AfsCaseData *y = case_at (i);

      if (g_strcmp0 (x->description, y->description) == 0)
        same++;
    }
  g_assert_cmpuint (same, <, N_CASES / 20);
}

/* ---- The command-line tool -------------------------------------------------- */

static char *
cli_path (void)
{
  const char *build = g_getenv ("AFS_BUILD_ROOT");

  g_assert_nonnull (build);
  return g_build_filename (build, "src", "cli", "aftersales-demo", NULL);
}

static void
run_cli (const char *const *argv,
         int                *status,
         char              **err_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, err_out, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  *status = g_subprocess_get_exit_status (proc);
}

static void
test_cli_refuses_existing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cli = cli_path ();
  g_autofree char *path = tmp_path ("precious.db");
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  const char *argv[] = { cli, "--cases", "20", path, NULL };
  int status;

  g_assert_true (g_file_set_contents (path, "somebody's data", -1, &error));
  g_assert_no_error (error);

  run_cli (argv, &status, &err);
  g_test_message ("%s", err);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, path));
  g_assert_nonnull (strstr (err, "not empty"));

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "somebody's data");
}

static void
test_cli_creates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) made = NULL;
  g_autofree char *cli = cli_path ();
  g_autofree char *path = tmp_path ("cli.db");
  g_autofree char *err = NULL;
  const char *argv[] = { cli, "--cases", "60", "--seed", "7", "--now", "1773744000", path, NULL };
  guint counts[AFS_CASE_STATE_N] = { 0 };
  guint total = 0;
  int status;

  run_cli (argv, &status, &err);
  g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "cases/s"));

  made = afs_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (afs_store_count_cases (made, counts, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < AFS_CASE_STATE_N; i++)
    total += counts[i];
  g_assert_cmpuint (total, ==, 60);
}

static void
test_cli_usage (void)
{
  g_autofree char *cli = cli_path ();
  g_autofree char *err = NULL;
  const char *argv[] = { cli, "--cases", "10", NULL };
  int status;

  run_cli (argv, &status, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "output file"));
}

/* ---- main ------------------------------------------------------------------------- */

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("afs-test-demo-XXXXXX", &error);
  g_assert_no_error (error);

  store = generate ("demo.db", N_CASES, SEED);
  cases = load_all (store);

  g_test_add_func ("/demo/states", test_every_state);
  g_test_add_func ("/demo/staff", test_staff);
  g_test_add_func ("/demo/customers", test_customers);
  g_test_add_func ("/demo/equipment-dates", test_equipment_dates);
  g_test_add_func ("/demo/languages", test_languages);
  g_test_add_func ("/demo/descriptions-vary", test_descriptions_vary);
  g_test_add_func ("/demo/deadlines", test_deadlines);
  g_test_add_func ("/demo/reports-and-follow-ups", test_reports_and_follow_ups);
  g_test_add_func ("/demo/overdue", test_overdue);
  g_test_add_func ("/demo/outbox-empty", test_outbox_empty);
  g_test_add_func ("/demo/search-serial", test_search_serial);
  g_test_add_func ("/demo/audit-actors", test_audit_actors);
  g_test_add_func ("/demo/refuses-filled-store", test_refuses_filled_store);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/seed-matters", test_seed_matters);
  g_test_add_func ("/demo/cli/refuses-existing-file", test_cli_refuses_existing_file);
  g_test_add_func ("/demo/cli/creates", test_cli_creates);
  g_test_add_func ("/demo/cli/usage", test_cli_usage);

  result = g_test_run ();

  g_ptr_array_unref (cases);
  g_clear_object (&store);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return result;
}
