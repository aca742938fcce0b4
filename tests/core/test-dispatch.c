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

  /* A list of the places a technician goes, written the Chinese way or
   * the Western way; "市" (city) left out; case and diacritics folded. */
  {
    g_autofree char *g = afs_dispatch_area_covers ("苏州、昆山、吴江", "昆山");
    g_autofree char *h = afs_dispatch_area_covers ("苏州，昆山", "苏州市");
    g_autofree char *i = afs_dispatch_area_covers ("Manchester, Salford, Stockport", "SALFORD");
    g_autofree char *j = afs_dispatch_area_covers ("Valencia, Paterna, Xàtiva", "Xativa");
    g_autofree char *k = afs_dispatch_area_covers ("苏州、昆山", "无锡");
    g_autofree char *l = afs_dispatch_area_covers ("Kraków, Nowy Sącz", "Nowy Sacz");

    g_assert_cmpstr (g, ==, "昆山");
    g_assert_cmpstr (h, ==, "苏州");
    g_assert_cmpstr (i, ==, "Salford");
    g_assert_cmpstr (j, ==, "Xàtiva");
    g_assert_null (k);
    g_assert_cmpstr (l, ==, "Nowy Sącz");
  }
}

/* What a case shows it needs, in the four languages, from the model or
 * the words; and what a skill names. */
static void
test_trades (void)
{
  const AfsTrades refrigeration = 1u << AFS_TRADE_REFRIGERATION;
  const AfsTrades hvac = 1u << AFS_TRADE_HVAC;
  const AfsTrades appliances = 1u << AFS_TRADE_APPLIANCES;
  const AfsTrades furniture = 1u << AFS_TRADE_FURNITURE;
  const AfsTrades machinery = 1u << AFS_TRADE_MACHINERY;
  const AfsTrades gas = 1u << AFS_TRADE_GAS;

  g_assert_cmpuint (afs_trades_needed_by ("Nordkyl CF-300"), ==, refrigeration);
  g_assert_cmpuint (afs_trades_needed_by ("The chest freezer is not cold"), ==, refrigeration);
  g_assert_cmpuint (afs_trades_needed_by ("冰柜不制冷了"), ==, refrigeration);
  g_assert_cmpuint (afs_trades_needed_by ("Se ha roto el congelador"), ==, refrigeration);
  g_assert_cmpuint (afs_trades_needed_by ("ZAMRAŻARKA nie mrozi"), ==, refrigeration);
  g_assert_cmpuint (afs_trades_needed_by ("La bomba de calor hace ruido"), ==, hvac);
  g_assert_cmpuint (afs_trades_needed_by ("Gas boiler: the flame goes out"), ==, hvac | gas);
  g_assert_cmpuint (afs_trades_needed_by ("Pralka nie wiruje"), ==, appliances);
  /* A verb is no trade: an oven that does not heat needs the appliance
   * technician only. */
  g_assert_cmpuint (afs_trades_needed_by ("The oven is not heating up"), ==, appliances);
  g_assert_cmpuint (afs_trades_needed_by ("Piekarnik nie ogrzewa"), ==, appliances);
  g_assert_cmpuint (afs_trades_needed_by ("Ogrzewanie podłogowe nie działa"), ==, hvac);
  g_assert_cmpuint (afs_trades_needed_by ("洗碗机漏水"), ==, appliances);
  g_assert_cmpuint (afs_trades_needed_by ("Drzwi szafy opadają"), ==, furniture);
  g_assert_cmpuint (afs_trades_needed_by ("The table top is scratched"), ==, furniture);
  /* 车床 is a lathe, not a bed (床). */
  g_assert_cmpuint (afs_trades_needed_by ("车床主轴漏油"), ==, machinery);
  g_assert_cmpuint (afs_trades_needed_by ("Tornio CL-370"), ==, machinery);
  /* Nothing about the trade; "vegas" is no gas, "tablet" no table. */
  g_assert_cmpuint (afs_trades_needed_by ("Where do I find the serial number?"), ==, 0);
  g_assert_cmpuint (afs_trades_needed_by ("Invoice for the Las Vegas tablet order"), ==, 0);
  g_assert_cmpuint (afs_trades_needed_by (NULL), ==, 0);

  g_assert_cmpuint (afs_trades_of_skill ("Chłodnictwo"), ==, refrigeration);
  g_assert_cmpuint (afs_trades_of_skill ("制冷"), ==, refrigeration);
  g_assert_cmpuint (afs_trades_of_skill ("refrigeración"), ==, refrigeration);
  g_assert_cmpuint (afs_trades_of_skill ("climatización"), ==, hvac);
  g_assert_cmpuint (afs_trades_of_skill ("HVAC"), ==, hvac);
  g_assert_cmpuint (afs_trades_of_skill ("muebles"), ==, furniture);
  /* Spanish "hidráulica" is machine hydraulics; Polish "hydraulika" is
   * plumbing, no trade of the table. */
  g_assert_cmpuint (afs_trades_of_skill ("hidráulica"), ==, machinery);
  g_assert_cmpuint (afs_trades_of_skill ("hydraulika"), ==, 0);
  g_assert_cmpuint (afs_trades_of_skill ("gastronomy"), ==, 0);
  g_assert_cmpuint (afs_trades_of_skill ("gaz"), ==, gas);

  g_assert_cmpstr (afs_trade_get_label (AFS_TRADE_REFRIGERATION), ==, "refrigeration");
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

/* Skills beat area, area beats nothing, load breaks ties and costs
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

  /* Anna: 40 + 60 - 10 = 90. Dawid: 40 + 60 - 25 = 75. Bartek: 60.
   * Celina: 40. */
  s = g_ptr_array_index (ranked, 0);
  g_assert_cmpstr (s->staff_id, ==, "a");
  g_assert_cmpint (s->score, ==, 90);
  g_assert_true (s->area_match);
  g_assert_cmpstr (s->matched_skills, ==, "compressors");
  g_assert_cmpstr (s->reason, ==, "Covers Kraków, knows compressors, 2 open orders");

  s = g_ptr_array_index (ranked, 1);
  g_assert_cmpstr (s->staff_id, ==, "d");
  g_assert_cmpint (s->score, ==, 75);

  s = g_ptr_array_index (ranked, 2);
  g_assert_cmpstr (s->staff_id, ==, "b");
  g_assert_cmpint (s->score, ==, 60);
  g_assert_false (s->area_match);
  g_assert_cmpstr (s->reason, ==, "Does not cover Kraków, knows compressors, no open orders");

  /* "Frost 300 compressor" names no trade of the table: said so. */
  s = g_ptr_array_index (ranked, 3);
  g_assert_cmpstr (s->staff_id, ==, "c");
  g_assert_cmpint (s->score, ==, 40);
  g_assert_cmpstr (s->reason, ==, "Covers Kraków, the case does not show which trade it needs, no open orders");

  /* A limit keeps the best. */
  g_clear_pointer (&ranked, g_ptr_array_unref);
  ranked = afs_dispatch_suggest (&need, candidates, G_N_ELEMENTS (candidates), 2);
  g_assert_cmpuint (ranked->len, ==, 2);
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 1))->staff_id, ==, "d");

  /* The load: with 6 open orders Anna counts as 5 (40 + 60 - 25 = 75),
   * the same score as Dawid with 5: the tie goes to fewer open orders. */
  candidates[0].open_assignments = 6;
  g_clear_pointer (&ranked, g_ptr_array_unref);
  ranked = afs_dispatch_suggest (&need, candidates, G_N_ELEMENTS (candidates), 0);
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 0))->staff_id, ==, "d");
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 1))->staff_id, ==, "a");
  g_assert_cmpint (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 1))->score, ==, 75);
}

static const char *
top_id (GPtrArray *ranked)
{
  g_assert_cmpuint (ranked->len, >, 0);
  return ((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 0))->staff_id;
}

static AfsDispatchSuggestion *
find (GPtrArray  *ranked,
      const char *id)
{
  for (guint i = 0; i < ranked->len; i++)
    {
      AfsDispatchSuggestion *s = g_ptr_array_index (ranked, i);

      if (g_str_equal (s->staff_id, id))
        return s;
    }
  g_assert_not_reached ();
}

/* Staff as a company writes them, skills in their own language, areas as
 * lists; cases as customers write them. The top candidate is the one a
 * dispatcher would pick: covers the city, has the trade, light load. */
static void
test_realistic_staff (void)
{
  /* Suzhou branch, and one in Manchester. */
  AfsStaffData wang = tech ("wang", "王磊", "苏州、昆山、吴江、常熟", "制冷、电工、空调");
  AfsStaffData li = tech ("li", "李娜", "苏州、昆山、吴江、常熟", "家电、电工、家具");
  AfsStaffData zhang = tech ("zhang", "张伟", "无锡、常州、南通", "制冷、冷库");
  AfsStaffData zhao = tech ("zhao", "赵强", "苏州、无锡", "机械、液压");
  AfsStaffData tom = tech ("tom", "Tom Baker", "Manchester, Salford, Stockport", "refrigeration, electrical");
  /* Valencia branch. */
  AfsStaffData ana = tech ("ana", "Ana García", "Valencia, Paterna, Burjassot", "climatización, bombas de calor, refrigeración");
  AfsStaffData pedro = tech ("pedro", "Pedro Ruiz", "Valencia, Paterna, Mislata", "electrodomésticos, electricidad, muebles");
  AfsStaffData luis = tech ("luis", "Luis Martín", "Gandía, Sagunto", "calefacción, gas");
  /* Kraków branch. */
  AfsStaffData ola = tech ("ola", "Ola Kowalska", "Kraków, Wieliczka, Skawina", "meble, tapicerka, AGD");
  AfsStaffData piotr = tech ("piotr", "Piotr Nowak", "Kraków, Wieliczka, Niepołomice", "chłodnictwo, elektryka, klimatyzacja");
  AfsDispatchCandidate candidates[] = {
    { &wang, 3 }, { &li, 0 }, { &zhang, 0, 2 }, { &zhao, 0 }, { &tom, 0 },
    { &ana, 4 }, { &pedro, 0 }, { &luis, 0 }, { &ola, 2 }, { &piotr, 0 },
  };
  AfsDispatchNeed need = { 0, };
  g_autoptr(GPtrArray) ranked = NULL;
  AfsDispatchSuggestion *s;

  /* A chest freezer in Kunshan: Wang covers it and knows 制冷, even with
   * three open orders (40 + 60 - 15 = 85); Zhang knows it (制冷 and 冷库
   * are one trade) and works in Wuxi, but has been to Kunshan for two
   * cases (60 + 20 = 80); Piotr in Kraków and Tom in Manchester know
   * refrigeration and have never been there (60); Li covers Kunshan
   * without the trade (40). */
  need.city = "昆山";
  need.category = AFS_CATEGORY_REPAIR;
  need.equipment_model = "Nordkyl CF-300";
  need.description = "冰柜不制冷了，里面的东西都化了。";
  ranked = afs_dispatch_suggest (&need, candidates, G_N_ELEMENTS (candidates), 0);
  g_assert_cmpstr (top_id (ranked), ==, "wang");
  s = g_ptr_array_index (ranked, 0);
  g_assert_cmpint (s->score, ==, 85);
  g_assert_cmpstr (s->reason, ==, "Covers 昆山, knows 制冷, 3 open orders");
  s = g_ptr_array_index (ranked, 1);
  g_assert_cmpstr (s->staff_id, ==, "zhang");
  g_assert_cmpstr (s->reason, ==, "Has worked in 昆山 before (2 cases), knows 制冷, 冷库, no open orders");
  g_assert_cmpint (s->score, ==, 80);
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 2))->reason, ==,
                   "Does not cover 昆山, knows chłodnictwo, no open orders");
  g_assert_cmpstr (find (ranked, "li")->reason, ==, "Covers 昆山, no skill for refrigeration, no open orders");
  g_assert_cmpint (find (ranked, "li")->score, ==, 40);
  g_clear_pointer (&ranked, g_ptr_array_unref);

  /* The same freezer written in English for a Manchester customer: the
   * model alone says refrigeration. */
  need.city = "Manchester";
  need.description = "It stopped working on Sunday.";
  ranked = afs_dispatch_suggest (&need, candidates, G_N_ELEMENTS (candidates), 0);
  g_assert_cmpstr (top_id (ranked), ==, "tom");
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 0))->reason, ==,
                   "Covers Manchester, knows refrigeration, no open orders");
  g_clear_pointer (&ranked, g_ptr_array_unref);

  /* A heat pump in Paterna: Ana, busy (40 + 60 - 20 = 80), still
   * beats Luis, free but in Gandía (60), and Pedro, who covers Paterna
   * without the trade (40). */
  need.city = "Paterna";
  need.equipment_model = "Thermia HP-9";
  need.description = "La bomba de calor no calienta y hace ruido.";
  ranked = afs_dispatch_suggest (&need, candidates, G_N_ELEMENTS (candidates), 0);
  g_assert_cmpstr (top_id (ranked), ==, "ana");
  g_assert_cmpint (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 0))->score, ==, 80);
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 0))->reason, ==,
                   "Covers Paterna, knows climatización, bombas de calor, 4 open orders");
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 1))->staff_id, ==, "luis");
  g_assert_cmpint (find (ranked, "pedro")->score, ==, 40);
  g_clear_pointer (&ranked, g_ptr_array_unref);

  /* A wardrobe in Wieliczka, in Polish, the customer's city typed in
   * lower case: Ola has meble and tapicerka (one trade) and two orders
   * (40 + 60 - 10 = 90); the reason names the place as her list
   * writes it. */
  need.city = "wieliczka";
  need.equipment_model = "Oslo 3D";
  need.description = "Drzwi szafy opadają, zawias pękł.";
  ranked = afs_dispatch_suggest (&need, candidates, G_N_ELEMENTS (candidates), 0);
  g_assert_cmpstr (top_id (ranked), ==, "ola");
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 0))->reason, ==,
                   "Covers Wieliczka, knows meble, tapicerka, 2 open orders");
  g_clear_pointer (&ranked, g_ptr_array_unref);

  /* A question with no equipment: nothing shows the trade, so the area
   * and the load decide, and the reason says why. Piotr is free. */
  need.equipment_model = NULL;
  need.category = AFS_CATEGORY_CONSULTATION;
  need.description = "Gdzie znajdę numer seryjny?";
  ranked = afs_dispatch_suggest (&need, candidates, G_N_ELEMENTS (candidates), 0);
  g_assert_cmpstr (top_id (ranked), ==, "piotr");
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 0))->reason, ==,
                   "Covers Wieliczka, the case does not show which trade it needs, no open orders");
  g_assert_cmpstr (find (ranked, "ola")->reason, ==,
                   "Covers Wieliczka, the case does not show which trade it needs, 2 open orders");
  g_clear_pointer (&ranked, g_ptr_array_unref);

  /* Two who fit equally: the lighter load first. */
  candidates[1].open_assignments = 1;   /* Li */
  need.city = "苏州";
  need.category = AFS_CATEGORY_REPAIR;
  need.equipment_model = "Aquaris WM-1200";
  need.description = "洗衣机不脱水";
  wang.skills = (char *) "家电、制冷";
  candidates[0].open_assignments = 2;
  ranked = afs_dispatch_suggest (&need, candidates, G_N_ELEMENTS (candidates), 0);
  g_assert_cmpstr (top_id (ranked), ==, "li");
  g_assert_cmpstr (((AfsDispatchSuggestion *) g_ptr_array_index (ranked, 1))->staff_id, ==, "wang");
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
  g_assert_cmpstr (s->reason, ==, "Covers Wieliczka, the case does not show which trade it needs, 1 open order");

  s = g_ptr_array_index (ranked, 1);
  g_assert_cmpstr (s->reason, ==, "No service area recorded, the case does not show which trade it needs, no open orders");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dispatch/area", test_area);
  g_test_add_func ("/dispatch/trades", test_trades);
  g_test_add_func ("/dispatch/skills", test_skills);
  g_test_add_func ("/dispatch/ranking", test_ranking);
  g_test_add_func ("/dispatch/realistic-staff", test_realistic_staff);
  g_test_add_func ("/dispatch/address-and-missing-area", test_address_and_missing_area);

  return g_test_run ();
}
