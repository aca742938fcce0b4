/* test-deadline-zones.c: deadlines across daylight-saving changes and
 * time zones, the cases test-deadline.c does not cover: Madrid spring and
 * autumn, Warsaw autumn, Shanghai against London, and the due-soon
 * window and "time left" across a clock change (DOMAIN.md 5).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-deadline.h"

#define HOUR G_GINT64_CONSTANT (3600)

static AfsDeadlinePolicy policy;

static gint64
utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static gint64
in_zone (const char *zone_id,
         int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone_id);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  return g_date_time_to_unix (dt);
}

static char *
local_string (const char *zone_id,
              gint64      unix_time)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone_id);
  g_autoptr(GDateTime) u = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (u, tz);

  return g_date_time_format (local, "%Y-%m-%d %H:%M %Z");
}

/* Madrid, spring: reported 22:00 CET on Saturday 28 March 2026; in the
 * night the clocks jump from 02:00 to 03:00. The province arrival (24 h)
 * is 23:00 CEST on Sunday: 24 real hours, 25 on the clock. */
static void
test_madrid_spring (void)
{
  gint64 reported = in_zone ("Europe/Madrid", 2026, 3, 28, 22, 0);
  g_autofree char *arrive = NULL;
  g_autofree char *respond = NULL;
  AfsDeadlines d;

  g_assert_cmpint (reported, ==, utc (2026, 3, 28, 21, 0));
  afs_deadline_compute (&policy, reported, AFS_REGION_PROVINCE, 2, AFS_CATEGORY_REPAIR, &d);
  g_assert_cmpint (d.arrive_due - reported, ==, 24 * HOUR);

  arrive = local_string ("Europe/Madrid", d.arrive_due);
  respond = local_string ("Europe/Madrid", d.respond_due);
  g_assert_cmpstr (arrive, ==, "2026-03-29 23:00 CEST");
  g_assert_cmpstr (respond, ==, "2026-03-29 23:00 CEST");
}

/* Madrid, autumn: reported 22:00 CEST on Saturday 24 October 2026; at
 * 03:00 the clocks go back to 02:00. A complaint resolves in 72 h: 21:00
 * CET on Tuesday, one hour earlier on the clock. */
static void
test_madrid_autumn (void)
{
  gint64 reported = in_zone ("Europe/Madrid", 2026, 10, 24, 22, 0);
  g_autofree char *resolve = NULL;
  AfsDeadlines d;

  g_assert_cmpint (reported, ==, utc (2026, 10, 24, 20, 0));
  afs_deadline_compute (&policy, reported, AFS_REGION_LOCAL, 2, AFS_CATEGORY_COMPLAINT, &d);
  g_assert_cmpint (d.resolve_due - reported, ==, 72 * HOUR);
  resolve = local_string ("Europe/Madrid", d.resolve_due);
  g_assert_cmpstr (resolve, ==, "2026-10-27 21:00 CET");
}

/* Warsaw, autumn: reported 00:30 CEST on 25 October 2026, level 1
 * (answer in 4 h). The hour 02:00-03:00 happens twice; the deadline is
 * 4 real hours later: 03:30 CET, three hours later on the clock. */
static void
test_warsaw_autumn (void)
{
  gint64 reported = in_zone ("Europe/Warsaw", 2026, 10, 25, 0, 30);
  g_autofree char *respond = NULL;
  g_autofree char *resolve = NULL;
  AfsDeadlines d;

  g_assert_cmpint (reported, ==, utc (2026, 10, 24, 22, 30));
  afs_deadline_compute (&policy, reported, AFS_REGION_LOCAL, 1, AFS_CATEGORY_REPAIR, &d);
  g_assert_cmpint (d.respond_due - reported, ==, 4 * HOUR);
  respond = local_string ("Europe/Warsaw", d.respond_due);
  g_assert_cmpstr (respond, ==, "2026-10-25 03:30 CET");

  /* The resolve deadline (arrive + 48 h) is on the clock 51 h after the
   * report, but 52 real hours. */
  g_assert_cmpint (d.resolve_due - reported, ==, 52 * HOUR);
  resolve = local_string ("Europe/Warsaw", d.resolve_due);
  g_assert_cmpstr (resolve, ==, "2026-10-27 03:30 CET");
}

/* The same intake seen from Shanghai (no DST) and London (BST in summer,
 * GMT in winter): the same instants, shown in each zone's time. */
static void
test_shanghai_london (void)
{
  gint64 summer = in_zone ("Asia/Shanghai", 2026, 7, 1, 9, 0);
  gint64 winter = in_zone ("Asia/Shanghai", 2026, 12, 1, 9, 0);
  g_autofree char *sh = NULL;
  g_autofree char *lo = NULL;
  g_autofree char *sh2 = NULL;
  g_autofree char *lo2 = NULL;
  AfsDeadlines a, b;

  g_assert_cmpint (summer, ==, in_zone ("Europe/London", 2026, 7, 1, 2, 0));
  g_assert_cmpint (winter, ==, in_zone ("Europe/London", 2026, 12, 1, 1, 0));

  afs_deadline_compute (&policy, summer, AFS_REGION_LOCAL, 2, AFS_CATEGORY_REPAIR, &a);
  sh = local_string ("Asia/Shanghai", a.arrive_due);
  lo = local_string ("Europe/London", a.arrive_due);
  g_assert_cmpstr (sh, ==, "2026-07-01 13:00 CST");
  g_assert_cmpstr (lo, ==, "2026-07-01 06:00 BST");

  afs_deadline_compute (&policy, winter, AFS_REGION_OUTSIDE, 2, AFS_CATEGORY_REPAIR, &b);
  sh2 = local_string ("Asia/Shanghai", b.arrive_due);
  lo2 = local_string ("Europe/London", b.arrive_due);
  g_assert_cmpstr (sh2, ==, "2026-12-03 09:00 CST");
  g_assert_cmpstr (lo2, ==, "2026-12-03 01:00 GMT");
}

/* "Due soon" and "time left" count real time: three hours before a
 * deadline that falls just after the autumn change are three hours, not
 * two on the clock. */
static void
test_due_soon_across_change (void)
{
  gint64 due = in_zone ("Europe/Warsaw", 2026, 10, 25, 3, 30);   /* CET */
  gint64 now = due - 3 * HOUR;                                   /* 01:30 CEST */
  g_autofree char *now_str = local_string ("Europe/Warsaw", now);
  g_autofree char *left = NULL;

  g_assert_cmpstr (now_str, ==, "2026-10-25 01:30 CEST");
  left = afs_deadline_format_left (due, now);
  g_assert_cmpstr (left, ==, "3 h left");
  g_assert_cmpint (afs_deadline_status (&policy, due, now), ==, AFS_DUE_SOON);
  g_assert_cmpint (afs_deadline_status (&policy, due, due - 4 * HOUR - 1), ==, AFS_DUE_OK);
  g_assert_cmpint (afs_deadline_status (&policy, due, due + 1), ==, AFS_DUE_OVERDUE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  afs_deadline_policy_init_defaults (&policy);

  g_test_add_func ("/deadline-zones/madrid-spring", test_madrid_spring);
  g_test_add_func ("/deadline-zones/madrid-autumn", test_madrid_autumn);
  g_test_add_func ("/deadline-zones/warsaw-autumn", test_warsaw_autumn);
  g_test_add_func ("/deadline-zones/shanghai-london", test_shanghai_london);
  g_test_add_func ("/deadline-zones/due-soon-across-change", test_due_soon_across_change);

  return g_test_run ();
}
