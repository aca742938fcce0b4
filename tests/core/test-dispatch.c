/* test-dispatch.c: who fits a case best (DOMAIN.md 7: "by fault, area
 * and workload").
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-dispatch.h"

static AfsStaffData
tech (const char *id,
      const char *name,
      const char *area,
      const char *skills)
{
  AfsStaffData s = { 0, };

  s.id = (char *) id;
  s.name = (char *) name;
  s.service_area = (char *) area;
  s.skills = (char *) skills;
  s.role = AFS_ROLE_TECHNICIAN;
  s.active = TRUE;
  return s;
}

static void
test_area (void)
{
  g_autofree char *a = afs_dispatch_area_covers ("Kraków, Wieliczka", "krakow");
  g_autofree char *b = afs_dispatch_area_covers ("Śląsk; Katowice", "Katowice");
  g_autofree char *c = afs_dispatch_area_covers ("Kraków i okolice", "Kraków");
  g_autofree char *d = afs_dispatch_area_covers ("浦东 / 上海", "上海");
  g_autofree char *e = afs_dispatch_area_covers ("Madrid", "Krakow");
  g_autofree char *f = afs_dispatch_area_covers ("Kraków", NULL);

  g_assert_cmpstr (a, ==, "Kraków");
  g_assert_cmpstr (b, ==, "Katowice");
  g_assert_cmpstr (c, ==, "Kraków i okolice");
  g_assert_cmpstr (d, ==, "上海");
  g_assert_null (e);
  g_assert_null (f);
}

static void
test_skills (void)
{
  AfsDispatchNeed need = { 0, };
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  guint n = 0;

  need.category = AFS_CATEGORY_INSTALLATION;
  need.equipment_model = "Frost 300 Compressor";
  need.description = "Zamrażarka hałasuje przy starcie";

  m1 = afs_dispatch_match_skills ("compressors, installation, electrics", &need, &n);
  g_assert_cmpstr (m1, ==, "compressors, installation");
  g_assert_cmpuint (n, ==, 2);

  /* Folded: "zamrażarki" is not "zamrażarka", but "zamrażark" stems do not
   * apply; "Zamrażarka" itself matches without the accent. */
  m2 = afs_dispatch_match_skills ("zamrazarka; pumps", &need, &n);
  g_assert_cmpstr (m2, ==, "zamrazarka");
  g_assert_cmpuint (n, ==, 1);

  m3 = afs_dispatch_match_skills ("pumps, ovens", &need, &n);
  g_assert_null (m3);
  g_assert_cmpuint (n, ==, 0);

  /* Chinese skills match inside the model text. */
  need.equipment_model = "冷库压缩机组 LK-5";
  g_clear_pointer (&m1, g_free);
  m1 = afs_dispatch_match_skills ("压缩机, 电气", &need, &n);
  g_assert_cmpstr (m1, ==, "压缩机");
}

/* Area beats skills, skills beat nothing, load breaks ties and costs
 * points; the reason says why in words. */
static void
test_ranking (void)
{
  AfsStaffData anna = tech ("a", "Anna Nowak", "Kraków, Wieliczka", "compressors, electrics");
  AfsStaffData bartek = tech ("b", "Bartek Zieliński", "Katowice", "compressors, installation");
  AfsStaffData celina = tech ("c", "Celina Wójcik", "Kraków", "ovens");
  AfsStaffData dawid = tech ("d", "Dawid Lis", "Kraków", "compressors");
  AfsStaffData office = tech ("e", "Ewa Office", "Kraków", "compressors");
  AfsStaffData gone = tech ("f", "Filip Gone", "Kraków", "compressors");
  AfsDispatchCandidate candidates[] = {
    { &anna, 2 }, { &bartek, 0 }, { &celina, 0 }, { &dawid, 5 }, { &office, 0 }, { &gone, 0 },
  };
  AfsDispatchNeed need = { 0, };
  g_autoptr(GPtrArray) ranked = NULL;
  AfsDispatchSuggestion *s;

  office.role = AFS_ROLE_OFFICE;
  gone.active = FALSE;

  need.city = "Kraków";
  need.category = AFS_CATEGORY_REPAIR;
  need.equipment_model = "Frost 300 compressor";

  ranked = afs_dispatch_suggest (&need, candidates, G_N_ELEMENTS (candidates), 0);
  /* Only active technicians. */
  g_assert_cmpuint (ranked->len, ==, 4);

  /* Anna: 50 + 20 - 16 = 54. Celina: 50. Dawid: 50 + 20 - 40 = 30.
   * Bartek: 20. */
  s = g_ptr_array_index (ranked, 0);
  g_assert_cmpstr (s->staff_id, ==, "a");
  g_assert_cmpint (s->score, ==, 54);
  g_assert_true (s->area_match);
  g_assert_cmpstr (s->matched_skills, ==, "compressors");
  g_assert_cmpstr (s->reason, ==, "Covers Kraków, knows compressors, 2 open orders");

  s = g_ptr_array_index (ranked, 1);
  g_assert_cmpstr (s->staff_id, ==, "c");
  g_assert_cmpint (s->score, ==, 50);
  g_assert_cmpstr (s->reason, ==, "Covers Kraków, no matching skills, no open orders");

  s = g_ptr_array_index (ranked, 2);
  g_assert_cmpstr (s->staff_id, ==, "d");
  g_assert_cmpint (s->score, ==, 30);

  s = g_ptr_array_index (ranked, 3);
  g_assert_cmpstr (s->staff_id, ==, "b");
  g_assert_cmpint (s->score, ==, 20);
  g_assert_false (s->area_match);
  g_assert_cmpstr (s->reason, ==, "Outside the area (Katowice), knows compressors, no open orders");

  /* A limit keeps the best. */
  g_clear_pointer (&ranked, g_ptr_array_unref);
  ranked = afs_dispatch_suggest (&need, candidates, G_N_ELEMENTS (candidates), 2);
  g_assert_cmpuint (ranked->len, ==, 2);
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 1))->staff_id, ==, "c");

  /* The load: with 6 open orders Anna counts as 5 (50 + 20 - 40 = 30),
   * the same score as Dawid with 5: the tie goes to fewer open orders. */
  candidates[0].open_assignments = 6;
  g_clear_pointer (&ranked, g_ptr_array_unref);
  ranked = afs_dispatch_suggest (&need, candidates, G_N_ELEMENTS (candidates), 0);
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 0))->staff_id, ==, "c");
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 1))->staff_id, ==, "d");
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 2))->staff_id, ==, "a");
  g_assert_cmpint (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 2))->score, ==, 30);
}

/* No city on the customer: the area may be named in the address; no
 * area recorded is said so. */
static void
test_address_and_missing_area (void)
{
  AfsStaffData anna = tech ("a", "Anna", "Wieliczka", NULL);
  AfsStaffData nobody = tech ("n", "Nobody", NULL, NULL);
  AfsDispatchCandidate candidates[] = { { &anna, 1 }, { &nobody, 0 } };
  AfsDispatchNeed need = { 0, };
  g_autoptr(GPtrArray) ranked = NULL;
  AfsDispatchSuggestion *s;

  need.address = "ul. Solna 3, 32-020 Wieliczka";
  need.category = AFS_CATEGORY_CONSULTATION;

  ranked = afs_dispatch_suggest (&need, candidates, G_N_ELEMENTS (candidates), 0);
  s = g_ptr_array_index (ranked, 0);
  g_assert_cmpstr (s->staff_id, ==, "a");
  g_assert_true (s->area_match);
  g_assert_cmpstr (s->reason, ==, "Covers Wieliczka, no matching skills, 1 open order");

  s = g_ptr_array_index (ranked, 1);
  g_assert_cmpstr (s->reason, ==, "No service area recorded, no matching skills, no open orders");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dispatch/area", test_area);
  g_test_add_func ("/dispatch/skills", test_skills);
  g_test_add_func ("/dispatch/ranking", test_ranking);
  g_test_add_func ("/dispatch/address-and-missing-area", test_address_and_missing_area);

  return g_test_run ();
}
