/* test-dispatch.c: the dispatch board's store calls on a real file
 * (DOMAIN.md 7): staff load, suggestions, the day and week board,
 * planning, reassigning and unassigning, each with its audit event.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-demo.h"
#include "afs-dispatch.h"
#include "afs-error.h"
#include "afs-store-office.h"
#include "store-test-util.h"

#define HOUR ((gint64) 3600)
#define DAY  (24 * HOUR)
/* 2026-03-11 00:00 UTC: the day after TEST_NOW. */
#define TOMORROW ((gint64) 1773187200)

static char *
add_tech (Fixture    *fx,
          const char *name,
          const char *area,
          const char *skills)
{
  g_autoptr(GError) error = NULL;
  AfsStaffData s = { 0, };
  char *id = NULL;

  s.name = (char *) name;
  s.service_area = (char *) area;
  s.skills = (char *) skills;
  s.role = AFS_ROLE_TECHNICIAN;
  s.active = TRUE;
  afs_store_add_staff (fx->store, &s, &id, &error);
  g_assert_no_error (error);
  return id;
}

static void
assign (Fixture    *fx,
        const char *case_id,
        const char *staff_id,
        gboolean    lead)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (afs_store_assign_technician (fx->store, case_id, staff_id, lead, &error));
  g_assert_no_error (error);
}

static char *
triaged_case (Fixture    *fx,
              const char *description)
{
  char *id = fixture_new_case (fx, description);

  fixture_update (fx, id, "scope", "in", "warranty", "in", "severity", "3",
                  "cause", "product_quality", NULL);
  fixture_act (fx, id, AFS_ACTION_TRIAGE, NULL);
  return id;
}

static char *
assignment_of (Fixture    *fx,
               const char *case_id,
               const char *staff_id)
{
  return fx_text (fx, "SELECT id FROM assignments WHERE case_id = '%s' AND staff_id = '%s'"
                      " AND unassigned_at IS NULL", case_id, staff_id);
}

static guint
load_of (GPtrArray  *loads,
         const char *staff_id)
{
  for (guint i = 0; i < loads->len; i++)
    {
      AfsStaffLoad *l = g_ptr_array_index (loads, i);

      if (g_str_equal (l->staff.id, staff_id))
        return l->open_assignments;
    }
  g_assert_not_reached ();
}

static void
test_staff_load (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *a = triaged_case (fx, "one");
  g_autofree char *b = triaged_case (fx, "two");
  g_autofree char *c = triaged_case (fx, "three");
  g_autoptr(GPtrArray) loads = NULL;
  g_autoptr(GError) error = NULL;

  assign (fx, a, fx->tech_id, TRUE);
  assign (fx, b, fx->tech_id, TRUE);
  assign (fx, c, fx->tech_id, TRUE);
  assign (fx, c, fx->tech2_id, FALSE);
  /* A cancelled case is no work any more. */
  fixture_act (fx, c, AFS_ACTION_CANCEL, "Customer fixed it");

  loads = afs_store_list_staff_load (fx->store, AFS_ROLE_TECHNICIAN, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loads->len, ==, 2);
  g_assert_cmpuint (load_of (loads, fx->tech_id), ==, 2);
  g_assert_cmpuint (load_of (loads, fx->tech2_id), ==, 0);
  /* By name, with area and skills. */
  g_assert_cmpstr (((AfsStaffLoad *) g_ptr_array_index (loads, 0))->staff.name, ==, "Tomasz Technik");
  g_assert_cmpstr (((AfsStaffLoad *) g_ptr_array_index (loads, 0))->staff.service_area, ==, "Kraków");
  g_clear_pointer (&loads, g_ptr_array_unref);

  loads = afs_store_list_staff_load (fx->store, -1, FALSE, &error);
  g_assert_cmpuint (loads->len, ==, 5);
}

static void
test_suggest (Fixture       *fx,
              gconstpointer  data)
{
  g_autofree char *busy = triaged_case (fx, "busy");
  g_autofree char *id = triaged_case (fx, "Refrigeration unit stops after an hour");
  g_autofree char *madrid = add_tech (fx, "Ana García", "Madrid", "compressors, refrigeration");
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GError) error = NULL;
  AfsDispatchSuggestion *s;

  assign (fx, busy, fx->tech_id, TRUE);

  ranked = afs_store_suggest_technicians (fx->store, id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranked->len, ==, 3);
  /* Wang Wei: Kraków, refrigeration, free: 40 + 60 = 100. Tomasz:
   * 100 - 5 = 95. Ana: refrigeration, in Madrid: 60. */
  s = g_ptr_array_index (ranked, 0);
  g_assert_cmpstr (s->staff_id, ==, fx->tech2_id);
  g_assert_cmpint (s->score, ==, 100);
  g_assert_cmpstr (s->reason, ==, "Covers Kraków, knows refrigeration, no open orders");
  s = g_ptr_array_index (ranked, 1);
  g_assert_cmpstr (s->staff_id, ==, fx->tech_id);
  g_assert_cmpstr (s->reason, ==, "Covers Kraków, knows refrigeration, 1 open order");
  s = g_ptr_array_index (ranked, 2);
  g_assert_cmpstr (s->staff_id, ==, madrid);
  g_assert_cmpint (s->score, ==, 60);
  g_assert_cmpstr (s->reason, ==, "Does not cover Kraków, knows refrigeration, no open orders");
  g_clear_pointer (&ranked, g_ptr_array_unref);

  /* Someone already on the case is not suggested again. */
  assign (fx, id, fx->tech2_id, TRUE);
  ranked = afs_store_suggest_technicians (fx->store, id, 1, &error);
  g_assert_cmpuint (ranked->len, ==, 1);
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 0))->staff_id, ==, fx->tech_id);
  g_clear_pointer (&ranked, g_ptr_array_unref);

  /* Ana's area does not name Kraków, but she worked on a case there: the
   * reason says so and it counts (60 + 20 - 5 for that open case). */
  {
    g_autofree char *again = triaged_case (fx, "Refrigeration unit again");

    assign (fx, busy, madrid, FALSE);
    ranked = afs_store_suggest_technicians (fx->store, again, 0, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < ranked->len; i++)
      {
        s = g_ptr_array_index (ranked, i);
        if (g_str_equal (s->staff_id, madrid))
          break;
      }
    g_assert_cmpstr (s->staff_id, ==, madrid);
    g_assert_cmpint (s->score, ==, 75);
    g_assert_cmpstr (s->reason, ==, "Has worked in Kraków before (1 case), knows refrigeration, 1 open order");
    g_clear_pointer (&ranked, g_ptr_array_unref);
  }

  ranked = afs_store_suggest_technicians (fx->store, "01900000-0000-7000-8000-000000000000", 0, &error);
  g_assert_null (ranked);
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
}

static void
assert_plan_refused (Fixture    *fx,
                     const char *assignment,
                     gint64      start,
                     gint64      end,
                     int         code,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  gint64 outbox = fx_int (fx, "SELECT count(*) FROM outbox");

  g_assert_false (afs_store_plan_assignment (fx->store, assignment, start, end, &error));
  g_assert_error (error, AFS_ERROR, code);
  if (expected != NULL)
    g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox);
}

static void
test_board (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *a = triaged_case (fx, "one");
  g_autofree char *b = triaged_case (fx, "two");
  g_autofree char *asg_a = NULL;
  g_autofree char *asg_b = NULL;
  g_autofree char *audit = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  AfsBoardEntry *e;

  assign (fx, a, fx->tech_id, TRUE);
  assign (fx, b, fx->tech2_id, TRUE);
  asg_a = assignment_of (fx, a, fx->tech_id);
  asg_b = assignment_of (fx, b, fx->tech2_id);

  /* Not planned yet: on the "to plan" list, not on the board. */
  rows = afs_store_list_unplanned_assignments (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Tomorrow 08:00-10:00, and the day after 23:00 to 01:00. */
  g_assert_true (afs_store_plan_assignment (fx->store, asg_a, TOMORROW + 8 * HOUR,
                                            TOMORROW + 10 * HOUR, &error));
  g_assert_no_error (error);
  g_assert_true (afs_store_plan_assignment (fx->store, asg_b, TOMORROW + DAY + 23 * HOUR,
                                            TOMORROW + 2 * DAY + HOUR, &error));
  g_assert_no_error (error);

  audit = fx_text (fx, "SELECT kind || '|' || field || '|' || new_value || '|' || comment"
                       "  FROM audit WHERE case_id = '%s' AND field = 'planned'", a);
  g_assert_cmpstr (audit, ==, "assignment|planned|2026-03-11T08:00:00Z/2026-03-11T10:00:00Z|Tomasz Technik");

  /* The day view of tomorrow. */
  rows = afs_store_list_board (fx->store, TOMORROW, TOMORROW + DAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  e = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (e->case_id, ==, a);
  g_assert_cmpstr (e->staff_name, ==, "Tomasz Technik");
  g_assert_cmpstr (e->customer_name, ==, "Hotel Lodówka");
  g_assert_cmpstr (e->customer_city, ==, "Kraków");
  g_assert_nonnull (e->case_number);
  g_assert_true (e->lead);
  g_assert_cmpint (e->planned_start, ==, TOMORROW + 8 * HOUR);
  g_assert_cmpint (e->planned_end, ==, TOMORROW + 10 * HOUR);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The day after: the job that runs over midnight shows on both days. */
  rows = afs_store_list_board (fx->store, TOMORROW + DAY, TOMORROW + 2 * DAY, NULL, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = afs_store_list_board (fx->store, TOMORROW + 2 * DAY, TOMORROW + 3 * DAY, NULL, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((AfsBoardEntry *) g_ptr_array_index (rows, 0))->case_id, ==, b);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The week, everyone and one technician. */
  rows = afs_store_list_board (fx->store, TOMORROW, TOMORROW + 7 * DAY, NULL, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = afs_store_list_board (fx->store, TOMORROW, TOMORROW + 7 * DAY, fx->tech2_id, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = afs_store_list_unplanned_assignments (fx->store, &error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Bad plans are refused and nothing is written. */
  assert_plan_refused (fx, asg_a, TOMORROW + 10 * HOUR, TOMORROW + 9 * HOUR, AFS_ERROR_INVALID,
                       "The planned end is not after the planned start. Choose an end later than the start.");
  assert_plan_refused (fx, asg_a, TOMORROW, 0, AFS_ERROR_INVALID,
                       "A plan needs both a start and an end. Choose both times, or clear both.");
  assert_plan_refused (fx, asg_a, TOMORROW, TOMORROW + 15 * DAY, AFS_ERROR_INVALID,
                       "A visit can be planned for at most 14 days. Split a longer job into several visits.");
  assert_plan_refused (fx, "01900000-0000-7000-8000-000000000000", TOMORROW, TOMORROW + HOUR,
                       AFS_ERROR_NOT_FOUND, NULL);
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
  assert_plan_refused (fx, asg_a, TOMORROW, TOMORROW + HOUR, AFS_ERROR_FORBIDDEN,
                       "Your role (Technician) cannot plan technicians' work. Ask office staff or a manager.");
}

static void
on_board (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = afs_store_list_board_finish (AFS_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_board_async (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *a = triaged_case (fx, "one");
  g_autofree char *asg = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  assign (fx, a, fx->tech_id, TRUE);
  asg = assignment_of (fx, a, fx->tech_id);
  g_assert_true (afs_store_plan_assignment (fx->store, asg, TOMORROW + HOUR, TOMORROW + 2 * HOUR, &error));

  afs_store_list_board_async (fx->store, TOMORROW, TOMORROW + DAY, NULL, NULL, on_board, &rows);
  while (rows == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rows->len, ==, 1);
}

static void
test_reassign (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *id = triaged_case (fx, "Compressor noise");
  g_autofree char *asg = NULL;
  g_autofree char *row = NULL;
  g_autofree char *audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assigned = NULL;
  gint64 outbox, audit_count;
  AfsCaseData data_case;

  assign (fx, id, fx->tech_id, TRUE);
  asg = assignment_of (fx, id, fx->tech_id);
  g_assert_true (afs_store_plan_assignment (fx->store, asg, TOMORROW + 8 * HOUR, TOMORROW + 10 * HOUR, &error));
  fixture_act (fx, id, AFS_ACTION_DISPATCH, NULL);

  /* Refused, and nothing written: no reason; the same technician; an
   * office worker instead of a technician (the rule of a new assignment,
   * checked after the first assignment was already ended in the same
   * transaction). */
  outbox = fx_int (fx, "SELECT count(*) FROM outbox");
  audit_count = fx_int (fx, "SELECT count(*) FROM audit");
  g_assert_false (afs_store_reassign_technician (fx->store, id, fx->tech_id, fx->tech2_id, "  ", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Say why the case is handed over to another technician.");
  g_clear_error (&error);
  g_assert_false (afs_store_reassign_technician (fx->store, id, fx->tech_id, fx->tech_id, "x", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (afs_store_reassign_technician (fx->store, id, fx->tech_id, fx->office_id, "Ill", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Olga Office is not a technician. Only technicians are sent "
                                       "to customers; choose a technician.");
  g_clear_error (&error);
  g_assert_false (afs_store_reassign_technician (fx->store, id, fx->tech2_id, fx->tech_id, "x", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit"), ==, audit_count);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM assignments WHERE case_id = '%s'"
                               " AND unassigned_at IS NULL AND lead = 1 AND staff_id = '%s'", id, fx->tech_id), ==, 1);

  /* Handed over: Tomasz ends with the reason, Wang leads with the plan. */
  fx->now += 600;
  g_assert_true (afs_store_reassign_technician (fx->store, id, fx->tech_id, fx->tech2_id,
                                                "Tomasz is ill", &error));
  g_assert_no_error (error);

  row = fx_text (fx, "SELECT unassigned_at || '|' || note FROM assignments WHERE id = '%s'", asg);
  {
    g_autofree char *expected = g_strdup_printf ("%lld|Tomasz is ill", (long long) fx->now);
    g_assert_cmpstr (row, ==, expected);
  }
  assigned = afs_store_list_assignments (fx->store, id, &error);
  g_assert_cmpuint (assigned->len, ==, 1);
  g_assert_cmpstr (((AfsAssignmentData *) g_ptr_array_index (assigned, 0))->staff_id, ==, fx->tech2_id);
  g_assert_true (((AfsAssignmentData *) g_ptr_array_index (assigned, 0))->lead);
  g_assert_cmpint (((AfsAssignmentData *) g_ptr_array_index (assigned, 0))->planned_start, ==, TOMORROW + 8 * HOUR);

  afs_store_get_case (fx->store, id, &data_case, &error);
  g_assert_cmpstr (data_case.lead_technician, ==, "Wang Wei");
  g_assert_cmpint (data_case.state, ==, AFS_CASE_STATE_DISPATCHED);
  afs_case_data_clear (&data_case);

  audit = fx_text (fx, "SELECT kind || '|' || field || '|' || old_value || '|' || new_value || '|'"
                       "       || comment || '|' || actor_name"
                       "  FROM audit WHERE case_id = '%s' AND field = 'reassigned'", id);
  g_assert_cmpstr (audit, ==, "assignment|reassigned|Tomasz Technik|Wang Wei|Tomasz is ill|Olga Office");
  /* Both assignment rows went to the outbox. */
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox WHERE table_name = 'assignments'"
                               " AND seq > %lld", (long long) outbox), >=, 2);
}

static void
test_unassign (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *id = triaged_case (fx, "Two technicians");
  g_autofree char *audit = NULL;
  g_autoptr(GError) error = NULL;

  assign (fx, id, fx->tech_id, TRUE);
  assign (fx, id, fx->tech2_id, FALSE);
  fixture_act (fx, id, AFS_ACTION_DISPATCH, NULL);

  /* The lead of a dispatched case stays until someone else leads. */
  g_assert_false (afs_store_unassign_technician (fx->store, id, fx->tech_id, "Not needed", &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_PRECONDITION);
  g_assert_cmpstr (error->message, ==, "Tomasz Technik leads this dispatched case, and a dispatched "
                                       "case needs a lead. Reassign the case, or name another lead first.");
  g_clear_error (&error);
  g_assert_false (afs_store_unassign_technician (fx->store, id, fx->tech2_id, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (afs_store_unassign_technician (fx->store, id, fx->tech2_id, "One is enough", &error));
  g_assert_no_error (error);
  audit = fx_text (fx, "SELECT field || '|' || old_value || '|' || comment FROM audit"
                       " WHERE case_id = '%s' AND kind = 'assignment' AND field = 'unassigned'", id);
  g_assert_cmpstr (audit, ==, "unassigned|Wang Wei|One is enough");
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM assignments WHERE case_id = '%s'"
                               " AND unassigned_at IS NULL", id), ==, 1);
}

static guint
count_items (const char *list)
{
  g_autoptr(GString) s = g_string_new (list);
  g_auto(GStrv) items = NULL;
  guint n = 0;

  g_string_replace (s, "、", ",", 0);
  items = g_strsplit (s->str, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    if (*g_strstrip (items[i]) != '\0')
      n++;
  return n;
}

/* The demo company as the lead sees it on the board: technicians with
 * their own trades and the places they go, and a suggestion a
 * dispatcher would take. For every case that was dispatched, the
 * suggestion as it would be made afresh (nobody left out): its first
 * candidate covers the customer's city for most cases (the city and
 * province, 80 % of the customers; the rest of the country and the
 * islands get whoever travels), and knows the trade whenever the case
 * shows one. */
static void
test_demo_company (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = afs_store_open (path, &error);
  g_autoptr(GPtrArray) loads = NULL;
  g_autoptr(GHashTable) skill_lists = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree AfsDispatchCandidate *candidates = NULL;
  AfsDemoOptions options = { 0, };
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint dispatched = 0, covered = 0, showing = 0, skilled = 0, both = 0;
  guint waiting = 0, waiting_covered = 0;

  g_assert_no_error (error);
  /* 8000 cases: ten technicians or more per branch, so the big-team
   * split of the areas is in it too. */
  options.n_cases = 8000;
  options.seed = 20260311;
  options.now = TEST_NOW;
  g_assert_true (afs_demo_generate (store, &options, &error));
  g_assert_no_error (error);

  loads = afs_store_list_staff_load (store, AFS_ROLE_TECHNICIAN, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loads->len, >=, 40);
  candidates = g_new0 (AfsDispatchCandidate, loads->len);
  for (guint i = 0; i < loads->len; i++)
    {
      AfsStaffLoad *l = g_ptr_array_index (loads, i);

      /* 2–4 skills; an area that is a list of places. */
      g_assert_cmpuint (count_items (l->staff.skills), >=, 2);
      g_assert_cmpuint (count_items (l->staff.skills), <=, 4);
      g_assert_cmpuint (count_items (l->staff.service_area), >=, 6);
      g_hash_table_add (skill_lists, l->staff.skills);
      candidates[i].staff = &l->staff;
      candidates[i].open_assignments = l->open_assignments;
    }
  /* Not everybody the same: five trades, two variants, four languages. */
  g_test_message ("%u technicians, %u different skill lists", loads->len, g_hash_table_size (skill_lists));
  g_assert_cmpuint (g_hash_table_size (skill_lists), >=, 20);

  db = raw_open (path);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT cu.city, cu.address, e.model, c.description, c.category"
                                       "  FROM cases c JOIN customers cu ON cu.id = c.customer_id"
                                       "  LEFT JOIN equipment e ON e.id = c.equipment_id"
                                       " WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.case_id = c.id)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AfsDispatchNeed need = { 0, };
      g_autoptr(GPtrArray) ranked = NULL;
      AfsDispatchSuggestion *top;

      need.city = (const char *) sqlite3_column_text (stmt, 0);
      need.address = (const char *) sqlite3_column_text (stmt, 1);
      need.equipment_model = (const char *) sqlite3_column_text (stmt, 2);
      need.description = (const char *) sqlite3_column_text (stmt, 3);
      g_assert_true (afs_category_from_string ((const char *) sqlite3_column_text (stmt, 4), &need.category));

      ranked = afs_dispatch_suggest (&need, candidates, loads->len, 1);
      top = g_ptr_array_index (ranked, 0);
      dispatched++;
      if (top->area_match)
        covered++;
      if (afs_dispatch_needed_trades (&need) != 0)
        {
          showing++;
          if (top->matched_skills != NULL)
            skilled++;
          if (top->matched_skills != NULL && top->area_match)
            both++;
        }
    }
  sqlite3_finalize (stmt);

  g_test_message ("%u dispatched cases: the first candidate covers the city for %u, "
                  "%u show the trade they need, the first candidate knows it for %u "
                  "(and covers the city for %u)",
                  dispatched, covered, showing, skilled, both);
  g_assert_cmpuint (dispatched, >, 5000);
  g_assert_cmpuint (covered, >=, dispatched * 7 / 10);
  g_assert_cmpuint (showing, >=, dispatched * 8 / 10);
  g_assert_cmpuint (skilled, >=, showing * 95 / 100);
  g_assert_cmpuint (both, >=, showing * 7 / 10);

  /* The cases waiting for a technician now, through the store as the
   * board asks. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id FROM cases WHERE state IN ('triaged', 'approved')"
                                       "   AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.case_id = cases.id)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) ranked = afs_store_suggest_technicians (store, (const char *) sqlite3_column_text (stmt, 0),
                                                                   1, &error);

      g_assert_no_error (error);
      waiting++;
      if (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 0))->area_match)
        waiting_covered++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_test_message ("%u cases wait for a technician, the first candidate covers the city for %u",
                  waiting, waiting_covered);
  g_assert_cmpuint (waiting, >, 0);
  g_assert_cmpuint (waiting_covered, >, waiting / 2);

  g_clear_object (&store);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/dispatch/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("staff-load", test_staff_load);
  ADD ("suggest", test_suggest);
  ADD ("board", test_board);
  ADD ("board-async", test_board_async);
  ADD ("reassign", test_reassign);
  ADD ("unassign", test_unassign);
  g_test_add_func ("/store/dispatch/demo-company", test_demo_company);

  return g_test_run ();
}
