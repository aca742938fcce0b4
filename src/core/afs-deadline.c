/* afs-deadline.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-deadline.h"

#define SECONDS_PER_MINUTE G_GINT64_CONSTANT (60)
#define SECONDS_PER_HOUR   G_GINT64_CONSTANT (3600)
#define SECONDS_PER_DAY    G_GINT64_CONSTANT (86400)

/**
 * afs_deadline_policy_init_defaults:
 * @policy: (out caller-allocates): the policy to fill
 *
 * The deadlines of DOMAIN.md 5, which says numbers are settings with the
 * document's value as the default:
 *
 * - "answer within 24 h (4 h for major questions)" (002 "应在24小时内答复",
 *   004 §4.1); a major question is a level 1 case;
 * - "arrive within 4 h locally, 24 h in the province, 48 h outside it,
 *   5 days in remote areas" (004 §4.2, 002 §一(三) "省内24小时、省外48小时");
 * - "resolve complaints within 72 h" (000 §2(2) "resuélvalos dentro de 72");
 * - other cases: 48 h after the arrival deadline (our default: a repair
 *   that needs parts ordered takes about two days on site and back).
 */
void
afs_deadline_policy_init_defaults (AfsDeadlinePolicy *policy)
{
  g_return_if_fail (policy != NULL);

  policy->respond_hours = 24;
  policy->respond_major_hours = 4;
  policy->arrive_hours[AFS_REGION_LOCAL] = 4;
  policy->arrive_hours[AFS_REGION_PROVINCE] = 24;
  policy->arrive_hours[AFS_REGION_OUTSIDE] = 48;
  policy->arrive_hours[AFS_REGION_REMOTE] = 5 * 24;
  policy->resolve_complaint_hours = 72;
  policy->resolve_hours = 48;
  policy->due_soon_hours = 4;
}

/**
 * afs_deadline_compute:
 * @policy: the deadline policy
 * @reported_at: intake time, unix seconds
 * @region: where the customer is
 * @severity: 1..4, or 0 (not graded yet: treated as 3)
 * @category: what kind of case
 * @out: (out caller-allocates): the deadlines
 *
 * Computes the deadlines of a case. "Deadlines run from intake"
 * (DOMAIN.md 5), so each is @reported_at plus a duration: plain
 * arithmetic on unix seconds, which is right across midnight, daylight
 * saving changes and time zones. Only display converts to local time.
 *
 * No visit is planned, so there is no arrival deadline, for level 4
 * ("solved remotely: explanation, or small parts mailed, customer fixes
 * it", DOMAIN.md 3) and for consultations.
 */
void
afs_deadline_compute (const AfsDeadlinePolicy *policy,
                      gint64                   reported_at,
                      AfsRegionClass           region,
                      int                      severity,
                      AfsCategory              category,
                      AfsDeadlines            *out)
{
  gboolean visit;
  int respond_hours;

  g_return_if_fail (out != NULL);

  out->respond_due = 0;
  out->arrive_due = 0;
  out->resolve_due = 0;

  g_return_if_fail (policy != NULL);
  g_return_if_fail ((guint) region < AFS_REGION_N);
  g_return_if_fail (severity >= AFS_SEVERITY_NONE && severity <= AFS_SEVERITY_MAX);
  g_return_if_fail ((guint) category < AFS_CATEGORY_N);

  /* An ungraded case gets the middle deadlines: not the 4 h of a major
   * question (that would flood the overdue list with every new case), not
   * the no-visit of level 4 (that would hide its arrival deadline). */
  if (severity == AFS_SEVERITY_NONE)
    severity = 3;

  /* DOMAIN.md 5: "answer within 24 h (4 h for major questions)". */
  respond_hours = severity == 1 ? policy->respond_major_hours : policy->respond_hours;
  out->respond_due = reported_at + respond_hours * SECONDS_PER_HOUR;

  /* DOMAIN.md 5: "arrive within 4 h locally, 24 h in the province, 48 h
   * outside it, 5 days in remote areas"; DOMAIN.md 3 level 4 needs no
   * technician visit, nor does a consultation. */
  visit = severity != 4 && category != AFS_CATEGORY_CONSULTATION;
  if (visit)
    out->arrive_due = reported_at + policy->arrive_hours[region] * SECONDS_PER_HOUR;

  if (category == AFS_CATEGORY_COMPLAINT)
    {
      /* DOMAIN.md 5: "resolve complaints within 72 h" from intake. A
       * complaint in a remote area cannot be resolved before the
       * technician can get there (5 days), so it never falls due before
       * the arrival deadline: a deadline nobody can meet tells nobody
       * anything. */
      out->resolve_due = reported_at + policy->resolve_complaint_hours * SECONDS_PER_HOUR;
      out->resolve_due = MAX (out->resolve_due, out->arrive_due);
    }
  else if (visit)
    out->resolve_due = out->arrive_due + policy->resolve_hours * SECONDS_PER_HOUR;
  else
    out->resolve_due = out->respond_due + policy->resolve_hours * SECONDS_PER_HOUR;
}

/**
 * afs_deadline_status:
 * @policy: the deadline policy (for the "due soon" window)
 * @due: a deadline, unix seconds; 0 = none
 * @now: the current time, unix seconds
 *
 * A deadline is met up to and including its instant; overdue one second
 * later. "Due soon" is the last @policy->due_soon_hours before it.
 *
 * Returns: how the deadline stands
 */
AfsDueStatus
afs_deadline_status (const AfsDeadlinePolicy *policy,
                     gint64                   due,
                     gint64                   now)
{
  g_return_val_if_fail (policy != NULL, AFS_DUE_NONE);

  if (due <= 0)
    return AFS_DUE_NONE;
  if (now > due)
    return AFS_DUE_OVERDUE;
  if (due - now <= policy->due_soon_hours * SECONDS_PER_HOUR)
    return AFS_DUE_SOON;
  return AFS_DUE_OK;
}

/**
 * afs_deadline_next_due:
 * @state: the case state
 * @respond_due: answer deadline (0 = none)
 * @responded_at: when the customer got an answer (0 = not yet)
 * @arrive_due: arrival deadline (0 = no visit planned)
 * @arrived_at: when a technician first arrived (0 = not yet)
 * @resolve_due: resolution deadline (0 = none)
 * @resolved_at: when it was resolved (0 = not yet)
 *
 * The deadline that matters now: answer until answered, then arrive until
 * a technician arrived (if a visit is planned), then resolve until
 * resolved. A resolved case waits only for the follow-up call, and a
 * closed, cancelled or out-of-scope one for nothing, so they have none.
 *
 * Returns: unix seconds, or 0 when no deadline runs
 */
gint64
afs_deadline_next_due (AfsCaseState state,
                       gint64       respond_due,
                       gint64       responded_at,
                       gint64       arrive_due,
                       gint64       arrived_at,
                       gint64       resolve_due,
                       gint64       resolved_at)
{
  g_return_val_if_fail ((guint) state < AFS_CASE_STATE_N, 0);

  if (!afs_case_state_is_open (state) || state == AFS_CASE_STATE_RESOLVED)
    return 0;

  if (respond_due > 0 && responded_at <= 0)
    return respond_due;
  if (arrive_due > 0 && arrived_at <= 0)
    return arrive_due;
  if (resolve_due > 0 && resolved_at <= 0)
    return resolve_due;

  return 0;
}

/* Splits @seconds into its two largest units, so the text stays short
 * enough for a list row: "2 d 4 h", "3 h 20 min", "12 min". */
static char *
format_span (gint64 minutes)
{
  gint64 days = minutes / (24 * 60);
  gint64 hours = (minutes / 60) % 24;
  gint64 mins = minutes % 60;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (days > 0)
    {
      /* Translators: abbreviated days of a time span, as in "2 d 4 h left" */
      first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d d", "%d d", days), (int) days);
      if (hours > 0)
        /* Translators: abbreviated hours of a time span, as in "2 d 4 h left" */
        second = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h", "%d h", hours), (int) hours);
    }
  else if (hours > 0)
    {
      first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h", "%d h", hours), (int) hours);
      if (mins > 0)
        /* Translators: abbreviated minutes of a time span, as in "3 h 20 min left" */
        second = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", mins), (int) mins);
    }
  else
    first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", mins), (int) mins);

  if (second == NULL)
    return g_steal_pointer (&first);

  /* Translators: a time span of two units: "2 d" and "4 h" give "2 d 4 h" */
  return g_strdup_printf (C_("time span", "%s %s"), first, second);
}

/**
 * afs_deadline_format_left:
 * @due: a deadline, unix seconds
 * @now: the current time, unix seconds
 *
 * The time to a deadline for people: "2 d 4 h left", "3 h 20 min left",
 * "12 min left", "less than 1 min left", "overdue by 5 h". Time left is
 * rounded down and time overdue up, so the text never promises more time
 * than there is and never says "overdue by 0 min".
 *
 * Returns: (transfer full): the translated text
 */
char *
afs_deadline_format_left (gint64 due,
                          gint64 now)
{
  g_autofree char *span = NULL;
  gint64 left = due - now;

  if (left >= 0 && left < SECONDS_PER_MINUTE)
    return g_strdup (_("less than 1 min left"));

  if (left >= 0)
    {
      span = format_span (left / SECONDS_PER_MINUTE);
      /* Translators: %s is a time span like "3 h 20 min" */
      return g_strdup_printf (_("%s left"), span);
    }

  span = format_span ((-left + SECONDS_PER_MINUTE - 1) / SECONDS_PER_MINUTE);
  /* Translators: %s is a time span like "5 h" */
  return g_strdup_printf (_("overdue by %s"), span);
}
