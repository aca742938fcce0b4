/* visit-fixture.h: what the on-site store tests share: a case taken to
 * "dispatched" with the fixture's technician as lead, and signatures. */
#pragma once

#include "afs-error.h"
#include "afs-store-visit.h"
#include "store-test-util.h"

/* A level-3 case, triaged and dispatched to fx->tech_id (lead); the actor
 * is then that technician. */
static inline char *
visit_dispatched_case (Fixture    *fx,
                       const char *description)
{
  g_autoptr(GError) error = NULL;
  char *id = fixture_new_case (fx, description);

  fixture_update (fx, id, "scope", "in", "warranty", "in", "severity", "3",
                  "cause", "product_quality", NULL);
  fixture_act (fx, id, AFS_ACTION_TRIAGE, NULL);
  g_assert_true (afs_store_assign_technician (fx->store, id, fx->tech_id, TRUE, &error));
  g_assert_no_error (error);
  fixture_act (fx, id, AFS_ACTION_DISPATCH, NULL);
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
  return id;
}

/* The same, on site. */
static inline char *
visit_on_site_case (Fixture    *fx,
                    const char *description)
{
  g_autoptr(GError) error = NULL;
  char *id = visit_dispatched_case (fx, description);

  g_assert_true (afs_store_arrive (fx->store, id, &error));
  g_assert_no_error (error);
  return id;
}

/* A signature of @n_strokes wavy strokes. */
static inline AfsStrokes *
visit_signature (guint n_strokes)
{
  AfsStrokes *s = afs_strokes_new (400, 150);

  for (guint k = 0; k < n_strokes; k++)
    {
      afs_strokes_begin_stroke (s);
      for (guint i = 0; i < 20; i++)
        afs_strokes_add_point (s, 20 + k * 60 + i * 3, 50 + (i % 5) * 8, 0.5, k * 1000 + i * 16);
    }
  return s;
}

/* Saves a report with an outcome and one part. */
static inline void
visit_write_report (Fixture    *fx,
                    const char *case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsRepairReport) r = afs_repair_report_new ();
  AfsReportPart *p = afs_report_part_new ();

  r->case_id = g_strdup (case_id);
  r->fault_confirmed = TRUE;
  r->fault_description = g_strdup ("Nie chłodzi: 18 °C inside");
  r->diagnosis = g_strdup ("Compressor relay burnt");
  r->cause = g_strdup ("product_quality");
  r->actions = g_strdup ("Replaced the relay; tested 2 h.\nCleaned the condenser.");
  r->labour_minutes = 95;
  r->test_result = g_strdup ("4 °C after 2 h");
  r->outcome = g_strdup ("fixed");
  r->remedy = AFS_REMEDY_REPAIR;
  r->advice = g_strdup ("Keep 10 cm from the wall; clean the condenser yearly.");
  p->part_number = g_strdup ("RL-220");
  p->name = g_strdup ("Compressor relay");
  p->quantity = 1;
  p->under_warranty = TRUE;
  p->unit_price = 42.5;
  g_ptr_array_add (r->parts, p);

  g_assert_true (afs_store_save_repair_report (fx->store, r, NULL, &error));
  g_assert_no_error (error);
}
