/* test-deadline.c: service deadlines (DOMAIN.md 5).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-deadline.h"

#define HOUR G_GINT64_CONSTANT (3600)

static AfsDeadlinePolicy policy;

/* 2026-05-04 10:00:00 UTC, a Monday. */
static const gint64 t0 = G_GINT64_CONSTANT (1777888800);

static gint64
unix_in_zone (const char *zone_id,
              int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone_id);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  g_assert_nonnull (dt);

  return g_date_time_to_unix (dt);
}

static char *
local_string (const char *zone_id,
              gint64      unix_time)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone_id);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%Y-%m-%d %H:%M %Z");
}

static void
test_defaults (void)
{
  g_assert_cmpint (policy.respond_hours, ==, 24);
  g_assert_cmpint (policy.respond_major_hours, ==, 4);
  g_assert_cmpint (policy.arrive_hours[AFS_REGION_LOCAL], ==, 4);
  g_assert_cmpint (policy.arrive_hours[AFS_REGION_PROVINCE], ==, 24);
  g_assert_cmpint (policy.arrive_hours[AFS_REGION_OUTSIDE], ==, 48);
  g_assert_cmpint (policy.arrive_hours[AFS_REGION_REMOTE], ==, 120);
  g_assert_cmpint (policy.resolve_complaint_hours, ==, 72);
  g_assert_cmpint (policy.resolve_hours, ==, 48);
  g_assert_cmpint (policy.due_soon_hours, ==, 4);
}

/* Every region × severity for a repair, with the numbers written out. */
static void
test_region_severity (void)
{
  static const gint64 arrive_h[AFS_REGION_N] = { 4, 24, 48, 120 };
  /*                                    sev: 0   1   2   3   4 */
  static const gint64 respond_h[5] =       { 24, 4,  24, 24, 24 };

  for (guint region = 0; region < AFS_REGION_N; region++)
    for (int sev = 0; sev <= 4; sev++)
      {
        AfsDeadlines d;

        g_test_message ("%s level %d", afs_region_class_to_string (region), sev);
        afs_deadline_compute (&policy, t0, region, sev, AFS_CATEGORY_REPAIR, &d);

        g_assert_cmpint (d.respond_due, ==, t0 + respond_h[sev] * HOUR);
        if (sev == 4)
          {
            /* Solved remotely: no visit, resolve 48 h after the answer. */
            g_assert_cmpint (d.arrive_due, ==, 0);
            g_assert_cmpint (d.resolve_due, ==, t0 + (24 + 48) * HOUR);
          }
        else
          {
            g_assert_cmpint (d.arrive_due, ==, t0 + arrive_h[region] * HOUR);
            g_assert_cmpint (d.resolve_due, ==, t0 + (arrive_h[region] + 48) * HOUR);
          }
      }
}

static void
test_complaint_vs_repair (void)
{
  AfsDeadlines repair, complaint;

  afs_deadline_compute (&policy, t0, AFS_REGION_PROVINCE, 2, AFS_CATEGORY_REPAIR, &repair);
  afs_deadline_compute (&policy, t0, AFS_REGION_PROVINCE, 2, AFS_CATEGORY_COMPLAINT, &complaint);

  g_assert_cmpint (repair.resolve_due, ==, t0 + (24 + 48) * HOUR);
  g_assert_cmpint (complaint.resolve_due, ==, t0 + 72 * HOUR);
  g_assert_cmpint (complaint.respond_due, ==, repair.respond_due);
  g_assert_cmpint (complaint.arrive_due, ==, repair.arrive_due);

  /* Local: repair resolves after 4 + 48 h; a complaint still gets 72 h. */
  afs_deadline_compute (&policy, t0, AFS_REGION_LOCAL, 3, AFS_CATEGORY_REPAIR, &repair);
  afs_deadline_compute (&policy, t0, AFS_REGION_LOCAL, 3, AFS_CATEGORY_COMPLAINT, &complaint);
  g_assert_cmpint (repair.resolve_due, ==, t0 + 52 * HOUR);
  g_assert_cmpint (complaint.resolve_due, ==, t0 + 72 * HOUR);

  /* A complaint level 4 (no visit): 72 h from intake. */
  afs_deadline_compute (&policy, t0, AFS_REGION_REMOTE, 4, AFS_CATEGORY_COMPLAINT, &complaint);
  g_assert_cmpint (complaint.arrive_due, ==, 0);
  g_assert_cmpint (complaint.resolve_due, ==, t0 + 72 * HOUR);

  /* A complaint in a remote area cannot be resolved before anyone can
   * arrive (5 days): resolve falls due with the arrival, not before. */
  afs_deadline_compute (&policy, t0, AFS_REGION_REMOTE, 2, AFS_CATEGORY_COMPLAINT, &complaint);
  g_assert_cmpint (complaint.arrive_due, ==, t0 + 120 * HOUR);
  g_assert_cmpint (complaint.resolve_due, ==, t0 + 120 * HOUR);

  /* Severity 1 complaint: answer in 4 h. */
  afs_deadline_compute (&policy, t0, AFS_REGION_LOCAL, 1, AFS_CATEGORY_COMPLAINT, &complaint);
  g_assert_cmpint (complaint.respond_due, ==, t0 + 4 * HOUR);
}

static void
test_no_visit (void)
{
  AfsDeadlines d;

  for (guint c = 0; c < AFS_CATEGORY_N; c++)
    {
      afs_deadline_compute (&policy, t0, AFS_REGION_LOCAL, 4, c, &d);
      g_assert_cmpint (d.arrive_due, ==, 0);
      g_assert_cmpint (d.respond_due, ==, t0 + 24 * HOUR);
    }

  /* A consultation needs no visit at any level. */
  for (int sev = 0; sev <= 4; sev++)
    {
      afs_deadline_compute (&policy, t0, AFS_REGION_OUTSIDE, sev, AFS_CATEGORY_CONSULTATION, &d);
      g_assert_cmpint (d.arrive_due, ==, 0);
      g_assert_cmpint (d.resolve_due, ==, d.respond_due + 48 * HOUR);
    }

  /* Other categories get their visit. */
  afs_deadline_compute (&policy, t0, AFS_REGION_OUTSIDE, 3, AFS_CATEGORY_INSTALLATION, &d);
  g_assert_cmpint (d.arrive_due, ==, t0 + 48 * HOUR);
}

static void
test_custom_policy (void)
{
  AfsDeadlinePolicy p = policy;
  AfsDeadlines d;

  p.respond_hours = 8;
  p.arrive_hours[AFS_REGION_PROVINCE] = 12;
  p.resolve_hours = 10;
  afs_deadline_compute (&p, t0, AFS_REGION_PROVINCE, 3, AFS_CATEGORY_REPAIR, &d);
  g_assert_cmpint (d.respond_due, ==, t0 + 8 * HOUR);
  g_assert_cmpint (d.arrive_due, ==, t0 + 12 * HOUR);
  g_assert_cmpint (d.resolve_due, ==, t0 + 22 * HOUR);
}

/* Reported at 23:30 local: the deadlines fall on the next day. */
static void
test_midnight (void)
{
  gint64 reported = unix_in_zone ("Europe/Warsaw", 2026, 1, 15, 23, 30);
  AfsDeadlines d;
  g_autofree char *respond = NULL;
  g_autofree char *arrive = NULL;
  g_autofree char *resolve = NULL;

  afs_deadline_compute (&policy, reported, AFS_REGION_LOCAL, 3, AFS_CATEGORY_REPAIR, &d);
  respond = local_string ("Europe/Warsaw", d.respond_due);
  arrive = local_string ("Europe/Warsaw", d.arrive_due);
  resolve = local_string ("Europe/Warsaw", d.resolve_due);

  g_assert_cmpstr (respond, ==, "2026-01-16 23:30 CET");
  g_assert_cmpstr (arrive, ==, "2026-01-16 03:30 CET");
  g_assert_cmpstr (resolve, ==, "2026-01-18 03:30 CET");

  /* And at the end of a month and year. */
  reported = unix_in_zone ("Europe/Warsaw", 2026, 12, 31, 23, 30);
  afs_deadline_compute (&policy, reported, AFS_REGION_LOCAL, 1, AFS_CATEGORY_REPAIR, &d);
  g_clear_pointer (&respond, g_free);
  respond = local_string ("Europe/Warsaw", d.respond_due);
  g_assert_cmpstr (respond, ==, "2027-01-01 03:30 CET");
}

/* Reported at 01:30 on the night Poland moves the clocks forward: 02:00
 * CET becomes 03:00 CEST. The 4 h deadline is 4 h later in absolute time,
 * which is 06:30 on the clock, not 05:30. */
static void
test_dst_warsaw (void)
{
  gint64 reported = unix_in_zone ("Europe/Warsaw", 2026, 3, 29, 1, 30);
  AfsDeadlines d;
  g_autofree char *respond = NULL;
  g_autofree char *arrive = NULL;
  g_autofree char *reported_str = local_string ("Europe/Warsaw", reported);

  g_assert_cmpstr (reported_str, ==, "2026-03-29 01:30 CET");
  /* 01:30 CET is 00:30 UTC. */
  g_assert_cmpint (reported, ==, unix_in_zone ("UTC", 2026, 3, 29, 0, 30));

  afs_deadline_compute (&policy, reported, AFS_REGION_LOCAL, 1, AFS_CATEGORY_REPAIR, &d);
  g_assert_cmpint (d.respond_due - reported, ==, 4 * HOUR);
  g_assert_cmpint (d.arrive_due - reported, ==, 4 * HOUR);

  respond = local_string ("Europe/Warsaw", d.respond_due);
  arrive = local_string ("Europe/Warsaw", d.arrive_due);
  g_assert_cmpstr (respond, ==, "2026-03-29 06:30 CEST");
  g_assert_cmpstr (arrive, ==, "2026-03-29 06:30 CEST");

  /* The 24 h answer deadline is 01:30 CET + 24 h = 02:30 CEST on the 30th:
   * a day in absolute time, one hour later on the clock. */
  afs_deadline_compute (&policy, reported, AFS_REGION_LOCAL, 3, AFS_CATEGORY_REPAIR, &d);
  g_clear_pointer (&respond, g_free);
  respond = local_string ("Europe/Warsaw", d.respond_due);
  g_assert_cmpstr (respond, ==, "2026-03-30 02:30 CEST");
}

/* The same instant in Shanghai and New York gives the same deadlines. */
static void
test_time_zones (void)
{
  gint64 shanghai = unix_in_zone ("Asia/Shanghai", 2026, 6, 1, 9, 0);
  gint64 new_york = unix_in_zone ("America/New_York", 2026, 5, 31, 21, 0);
  AfsDeadlines a, b;
  g_autofree char *sh = NULL;
  g_autofree char *ny = NULL;

  g_assert_cmpint (shanghai, ==, new_york);

  afs_deadline_compute (&policy, shanghai, AFS_REGION_PROVINCE, 2, AFS_CATEGORY_REPAIR, &a);
  afs_deadline_compute (&policy, new_york, AFS_REGION_PROVINCE, 2, AFS_CATEGORY_REPAIR, &b);
  g_assert_cmpint (a.respond_due, ==, b.respond_due);
  g_assert_cmpint (a.arrive_due, ==, b.arrive_due);
  g_assert_cmpint (a.resolve_due, ==, b.resolve_due);

  /* Shown in each zone's local time, it is the same moment. */
  sh = local_string ("Asia/Shanghai", a.arrive_due);
  ny = local_string ("America/New_York", b.arrive_due);
  g_assert_cmpstr (sh, ==, "2026-06-02 09:00 CST");
  g_assert_cmpstr (ny, ==, "2026-06-01 21:00 EDT");
}

static void
test_status (void)
{
  const gint64 due = t0;

  g_assert_cmpint (afs_deadline_status (&policy, 0, t0), ==, AFS_DUE_NONE);
  g_assert_cmpint (afs_deadline_status (&policy, due, due - 4 * HOUR - 1), ==, AFS_DUE_OK);
  g_assert_cmpint (afs_deadline_status (&policy, due, due - 4 * HOUR), ==, AFS_DUE_SOON);
  g_assert_cmpint (afs_deadline_status (&policy, due, due - 1), ==, AFS_DUE_SOON);
  /* Met up to and including the instant itself. */
  g_assert_cmpint (afs_deadline_status (&policy, due, due), ==, AFS_DUE_SOON);
  g_assert_cmpint (afs_deadline_status (&policy, due, due + 1), ==, AFS_DUE_OVERDUE);
  g_assert_cmpint (afs_deadline_status (&policy, due, due + 100 * HOUR), ==, AFS_DUE_OVERDUE);
  g_assert_cmpint (afs_deadline_status (&policy, due, due - 1000 * HOUR), ==, AFS_DUE_OK);

  {
    AfsDeadlinePolicy p = policy;

    p.due_soon_hours = 1;
    g_assert_cmpint (afs_deadline_status (&p, due, due - 2 * HOUR), ==, AFS_DUE_OK);
    g_assert_cmpint (afs_deadline_status (&p, due, due - HOUR), ==, AFS_DUE_SOON);
  }
}

static void
test_next_due (void)
{
  const gint64 r = 1000, a = 2000, s = 3000;

  /* respond until responded */
  g_assert_cmpint (afs_deadline_next_due (AFS_CASE_STATE_NEW, r, 0, a, 0, s, 0), ==, r);
  /* then arrive until arrived */
  g_assert_cmpint (afs_deadline_next_due (AFS_CASE_STATE_DISPATCHED, r, 500, a, 0, s, 0), ==, a);
  /* then resolve */
  g_assert_cmpint (afs_deadline_next_due (AFS_CASE_STATE_ON_SITE, r, 500, a, 1500, s, 0), ==, s);
  /* no visit planned: straight to resolve */
  g_assert_cmpint (afs_deadline_next_due (AFS_CASE_STATE_TRIAGED, r, 500, 0, 0, s, 0), ==, s);
  /* a second visit: the first arrival counts, resolve runs */
  g_assert_cmpint (afs_deadline_next_due (AFS_CASE_STATE_SECOND_VISIT, r, 500, a, 1500, s, 0), ==, s);
  /* everything met but state still open */
  g_assert_cmpint (afs_deadline_next_due (AFS_CASE_STATE_ON_SITE, r, 500, a, 1500, s, 2500), ==, 0);

  /* Not open, or resolved (waiting for follow-up): none. */
  g_assert_cmpint (afs_deadline_next_due (AFS_CASE_STATE_RESOLVED, r, 0, a, 0, s, 0), ==, 0);
  g_assert_cmpint (afs_deadline_next_due (AFS_CASE_STATE_CLOSED, r, 0, a, 0, s, 0), ==, 0);
  g_assert_cmpint (afs_deadline_next_due (AFS_CASE_STATE_CANCELLED, r, 0, a, 0, s, 0), ==, 0);
  g_assert_cmpint (afs_deadline_next_due (AFS_CASE_STATE_OUT_OF_SCOPE, r, 0, a, 0, s, 0), ==, 0);

  /* Every open state but resolved has a deadline while nothing is met. */
  for (guint st = 0; st < AFS_CASE_STATE_N; st++)
    {
      gint64 want = afs_case_state_is_open (st) && st != AFS_CASE_STATE_RESOLVED ? r : 0;
      g_assert_cmpint (afs_deadline_next_due (st, r, 0, a, 0, s, 0), ==, want);
    }
}

static void
assert_left (gint64 seconds_left, const char *expected)
{
  g_autofree char *str = afs_deadline_format_left (t0 + seconds_left, t0);

  g_assert_cmpstr (str, ==, expected);
}

static void
test_format_left (void)
{
  assert_left (2 * 86400 + 4 * HOUR, "2 d 4 h left");
  assert_left (2 * 86400 + 4 * HOUR + 59 * 60, "2 d 4 h left");
  assert_left (86400, "1 d left");
  assert_left (3 * 86400 + 30 * 60, "3 d left");
  assert_left (3 * HOUR + 20 * 60, "3 h 20 min left");
  assert_left (3 * HOUR + 20 * 60 + 59, "3 h 20 min left");
  assert_left (HOUR, "1 h left");
  assert_left (23 * HOUR + 59 * 60, "23 h 59 min left");
  assert_left (12 * 60, "12 min left");
  assert_left (60, "1 min left");
  assert_left (59, "less than 1 min left");
  assert_left (0, "less than 1 min left");
  assert_left (-1, "overdue by 1 min");
  assert_left (-60, "overdue by 1 min");
  assert_left (-61, "overdue by 2 min");
  assert_left (-5 * HOUR, "overdue by 5 h");
  assert_left (-(5 * HOUR + 10 * 60), "overdue by 5 h 10 min");
  assert_left (-(2 * 86400 + 3 * HOUR), "overdue by 2 d 3 h");
  assert_left (-(120 * 86400), "overdue by 120 d");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  afs_deadline_policy_init_defaults (&policy);

  g_test_add_func ("/deadline/defaults", test_defaults);
  g_test_add_func ("/deadline/region-severity", test_region_severity);
  g_test_add_func ("/deadline/complaint-vs-repair", test_complaint_vs_repair);
  g_test_add_func ("/deadline/no-visit", test_no_visit);
  g_test_add_func ("/deadline/custom-policy", test_custom_policy);
  g_test_add_func ("/deadline/midnight", test_midnight);
  g_test_add_func ("/deadline/dst-warsaw", test_dst_warsaw);
  g_test_add_func ("/deadline/time-zones", test_time_zones);
  g_test_add_func ("/deadline/status", test_status);
  g_test_add_func ("/deadline/next-due", test_next_due);
  g_test_add_func ("/deadline/format-left", test_format_left);

  return g_test_run ();
}
