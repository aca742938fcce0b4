/* afs-demo.c: a realistic demo company, generated through the store API.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-demo.h"
#include "afs-demo-visit.h"
#include "afs-demo-text.h"
#include "afs-error.h"
#include "afs-store-office.h"
#include "afs-store-private.h"

/* The company: four branches (Manchester, Suzhou, Valencia, Kraków; the
 * languages of the source manuals) servicing appliances, refrigeration,
 * heating, furniture and machines for households and businesses.
 *
 * Every case is walked through its life with the real store API, with the
 * store's clock moved forward step by step and the actor set to whoever
 * does the step (office triages and dispatches, a manager approves, the
 * assigned technician arrives and resolves), so the rules of afs-workflow
 * are checked on every step exactly as for a person. When the store
 * refuses a step the generator expected to be allowed, generation stops
 * with that error: one of the two is wrong and hiding it helps nobody.
 *
 * Determinism: every choice comes from one GRand seeded with the seed, in
 * a fixed order that does not depend on anything the store returns (ids
 * are random UUIDv7s and are only passed back). The same seed, count and
 * "now" give the same case numbers, texts and states. What the office
 * desk adds on top (planned visit times on the dispatch board, part
 * shipments) draws from a second GRand seeded from the same seed, so it
 * is as deterministic and leaves the cases themselves as they were. The
 * staff (names, skills, areas) draw from a third one, so that the team's
 * make-up can change without reshuffling every case.
 *
 * Time: cases are generated in order of report time over about two years
 * before "now". Each case's steps are planned first (triage within hours,
 * approval the next office hours, arrival around the deadline, a
 * follow-up 3–5 days after the repair), then taken until the next step
 * would lie after "now": recent cases stay open by themselves. A fixed
 * share of cases from the last weeks is left stuck in each open state, so
 * every state is present at any size and some cases are overdue now. */

#define SECOND  ((gint64) 1)
#define MINUTE  (60 * SECOND)
#define HOUR    (60 * MINUTE)
#define DAY     (24 * HOUR)

#define HISTORY_DAYS      730     /* "cases over the last ~2 years" */
#define RECENT_DAYS       21      /* a small company still has a current workload */
#define RECENT_MIN_CASES  60
#define STUCK_NEWEST      (14 * DAY)
#define STUCK_OLDEST      (60 * DAY)
#define BATCH_CASES       5000    /* commit this often, to bound the WAL */
#define PROGRESS_EVERY    250

/* Unix day 0 as a GDate julian day (1 = 0001-01-01). */
#define UNIX_EPOCH_JULIAN 719163

typedef struct {
  char        *id;
  char        *name;
  AfsRole      role;
  AfsDemoLang  lang;
  guint        families;     /* bit per AfsDemoFamily */
  gint64       busy_until;   /* workload: end of the last visit planned */
} Staff;

typedef struct {
  char        *id;
  char        *model;
  char        *serial;
  gint64       purchase;     /* unix seconds, midnight UTC */
  gint64       warranty_end; /* unix seconds, end of the last day covered */
  gint32       next;         /* next equipment of the same customer, -1 */
  guint8       product;
} Equipment;

typedef struct {
  char        *id;           /* NULL until the first case of the customer */
  char        *contact;      /* who calls */
  char        *phone;
  gint32       first_equipment;
  guint8       lang;
  guint8       region;
  guint8       business;
  guint8       key;
} Customer;

typedef enum {
  FATE_NORMAL,
  FATE_OUT_OF_SCOPE,
  FATE_CANCEL,
} Fate;

typedef enum {
  CANCEL_WHEN_NEW,
  CANCEL_WHEN_TRIAGED,
  CANCEL_WHEN_DISPATCHED,
} CancelPoint;

/* A case's plan: what will happen to it and when (unix seconds, UTC). */
typedef struct {
  gint64        reported;
  AfsCategory   category;
  AfsChannel    channel;
  int           severity;
  AfsCause      cause;
  AfsWarrantyStatus warranty;
  double        cost;
  double        compensation;
  double        quality_loss;
  Fate          fate;
  CancelPoint   cancel_point;
  gboolean      needs_approval;
  gboolean      rejected_first;
  gboolean      remote;
  gboolean      second_visit;
  gboolean      second_technician;
  gboolean      third_party;
  AfsCaseState  stop_in;      /* stuck in this state; AFS_CASE_STATE_N = not stuck */

  gint64 t_create, t_triage, t_request, t_decision, t_request2, t_approve;
  gint64 t_dispatch, t_arrive, t_leave, t_dispatch2, t_arrive2, t_leave2;
  gint64 t_remote, t_follow_up, t_close, t_cancel;
} Plan;

typedef struct {
  AfsStore          *store;
  GRand             *rand;
  GRand             *office_rand;   /* plans and shipments (see above) */
  GRand             *staff_rand;    /* the staff (see above) */
  gint64             now;
  gint64             clock;
  AfsApprovalPolicy  approval;
  AfsDeadlinePolicy  deadlines;

  GPtrArray         *technicians;   /* Staff* */
  GPtrArray         *office;
  GPtrArray         *managers;
  GPtrArray         *quality;
  GPtrArray         *all_staff;     /* owns the Staff */
  GPtrArray         *tech_by_lang[AFS_DEMO_LANG_N];
  const Staff       *actor;

  Customer          *customers;
  guint              n_customers;
  guint              n_key;
  GArray            *equipment;     /* Equipment */
  guint              serial_seq[100];
  guint              products_household[32], n_products_household;
  guint              products_business[32], n_products_business;

  GString           *s1, *s2, *s3, *s4;
  gboolean           in_batch;
} Gen;

static const int lang_tz_hours[AFS_DEMO_LANG_N] = { 0, 8, 1, 1 };

/* ---- Small helpers ---------------------------------------------------------- */

static gboolean
chance (Gen   *g,
        double p)
{
  return g_rand_double (g->rand) < p;
}

static gint64
between (Gen   *g,
         gint64 lo,
         gint64 hi)
{
  if (hi <= lo)
    return lo;
  return lo + (gint64) (g_rand_double (g->rand) * (double) (hi - lo));
}

static guint
weighted (Gen        *g,
          const int  *weights,
          guint       n)
{
  int total = 0;
  int r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = g_rand_int_range (g->rand, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

static double
round_money (double v)
{
  return (double) (gint64) (v * 100.0 + 0.5) / 100.0;
}

static void
format_date (gint64 unix_seconds,
             char   out[11])
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (unix_seconds / DAY + UNIX_EPOCH_JULIAN));
  g_snprintf (out, 11, "%04d-%02d-%02d",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

static int
year_of (gint64 unix_seconds)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (unix_seconds / DAY + UNIX_EPOCH_JULIAN));
  return g_date_get_year (&date);
}

static gint64
add_years (gint64 unix_midnight,
           int    years)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (unix_midnight / DAY + UNIX_EPOCH_JULIAN));
  g_date_add_years (&date, years);
  return ((gint64) g_date_get_julian (&date) - UNIX_EPOCH_JULIAN) * DAY;
}

/* Moves @t into the branch's office hours (Mon–Sat 8:00–18:00 local):
 * mail is read, approvals given and follow-up calls made at desks. */
static gint64
office_hours (Gen        *g,
              AfsDemoLang lang,
              gint64      t)
{
  gint64 tz = lang_tz_hours[lang] * HOUR;
  gint64 local = t + tz;
  gint64 day = local / DAY;
  gint64 sec = local - day * DAY;
  /* 1970-01-01 was a Thursday: weekday 0 = Monday. */
  int weekday = (int) ((day + 3) % 7);

  if (weekday < 6 && sec >= 8 * HOUR && sec < 18 * HOUR)
    return t;

  if (sec >= 18 * HOUR)
    {
      day++;
      weekday = (weekday + 1) % 7;
    }
  while (weekday >= 6)
    {
      day++;
      weekday = (weekday + 1) % 7;
    }
  return day * DAY + 8 * HOUR + between (g, 0, 90 * MINUTE) - tz;
}

static gint64
gen_clock (gpointer user_data)
{
  Gen *g = user_data;

  return g->clock;
}

static void
staff_free (Staff *staff)
{
  g_free (staff->id);
  g_free (staff->name);
  g_free (staff);
}

static void
set_actor (Gen         *g,
           const Staff *staff)
{
  if (g->actor == staff)
    return;
  afs_store_set_actor (g->store, staff->id, staff->name, staff->role);
  g->actor = staff;
}

/* ---- Staff ------------------------------------------------------------------ */

static AfsDemoLang
pick_lang (Gen *g)
{
  /* English 40 %, Chinese, Spanish and Polish 20 % each. */
  static const int weights[AFS_DEMO_LANG_N] = { 40, 20, 20, 20 };

  return (AfsDemoLang) weighted (g, weights, AFS_DEMO_LANG_N);
}

/* Appends the items of @list (written with @sep) to @out that it does
 * not hold yet, at most @max_items in all. */
static void
append_items (GString    *out,
              const char *list,
              const char *sep,
              guint       max_items)
{
  g_auto(GStrv) words = g_strsplit (list, sep, -1);
  g_auto(GStrv) have = g_strsplit (out->str, sep, -1);
  guint n = out->len > 0 ? g_strv_length (have) : 0;

  for (guint i = 0; words[i] != NULL && n < max_items; i++)
    {
      if (out->len > 0 && g_strv_contains ((const char *const *) have, words[i]))
        continue;
      if (out->len > 0)
        g_string_append (out, sep);
      g_string_append (out, words[i]);
      n++;
    }
}

static gboolean
add_staff (Gen         *g,
           AfsRole      role,
           AfsDemoLang  lang,
           guint        families,
           const char  *skills,
           const char  *area,
           double       rate,
           Staff      **out,
           GError     **error)
{
  AfsStaffData data = { 0 };
  Staff *staff = g_new0 (Staff, 1);

  /* Colleagues have different names, or the board could not tell two
   * technicians apart: a few tries for a name nobody has yet. */
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      gboolean taken = FALSE;

      g_string_truncate (g->s1, 0);
      afs_demo_text_person (g->s1, NULL, g->rand, lang,
                            chance (g, role == AFS_ROLE_TECHNICIAN ? 0.15 : 0.6) ? AFS_DEMO_FEMALE : AFS_DEMO_MALE);
      for (guint i = 0; i < g->all_staff->len && !taken; i++)
        taken = g_str_equal (((Staff *) g_ptr_array_index (g->all_staff, i))->name, g->s1->str);
      if (!taken)
        break;
    }
  g_string_truncate (g->s2, 0);
  afs_demo_text_phone (g->s2, g->rand, lang, TRUE);

  data.name = g->s1->str;
  data.phone = g->s2->str;
  data.service_area = (char *) area;
  data.skills = (char *) skills;
  data.hourly_rate = rate;
  data.role = role;
  data.active = TRUE;

  if (!afs_store_add_staff (g->store, &data, &staff->id, error))
    {
      g_prefix_error (error, "Could not add the demo staff member “%s”: ", g->s1->str);
      staff_free (staff);
      return FALSE;
    }

  staff->name = g_strdup (g->s1->str);
  staff->role = role;
  staff->lang = lang;
  staff->families = families;
  g_ptr_array_add (g->all_staff, staff);
  *out = staff;
  return TRUE;
}

static gboolean
make_staff (Gen   *g,
            guint  n_cases,
            GError **error)
{
  guint n_tech = CLAMP (n_cases / 150, 6, 400);
  guint per_lang[AFS_DEMO_LANG_N];
  guint n_office;
  Staff *staff;

  /* Technicians by branch, in the proportion of its customers, at least
   * three each so that every trade is covered. */
  per_lang[AFS_DEMO_LANG_ZH] = MAX (3, n_tech / 5);
  per_lang[AFS_DEMO_LANG_ES] = MAX (3, n_tech / 5);
  per_lang[AFS_DEMO_LANG_PL] = MAX (3, n_tech / 5);
  per_lang[AFS_DEMO_LANG_EN] = MAX (3, n_tech - 3 * MAX (1, n_tech / 5));

  for (guint lang = 0; lang < AFS_DEMO_LANG_N; lang++)
    {
      guint team = per_lang[lang];
      const char *sep = afs_demo_text_list_separator (lang);

      for (guint i = 0; i < team; i++)
        {
          /* Trades in this order, so that the first three cover all five
           * with their partners: refrigeration with HVAC, appliances
           * with furniture (the kitchen fitters), machinery alone. */
          static const AfsDemoFamily order[AFS_DEMO_FAMILY_N] = {
            AFS_DEMO_FAMILY_REFRIGERATION, AFS_DEMO_FAMILY_APPLIANCE, AFS_DEMO_FAMILY_MACHINE,
            AFS_DEMO_FAMILY_HVAC, AFS_DEMO_FAMILY_FURNITURE,
          };
          static const int partner[AFS_DEMO_FAMILY_N] = {
            [AFS_DEMO_FAMILY_REFRIGERATION] = AFS_DEMO_FAMILY_HVAC,
            [AFS_DEMO_FAMILY_APPLIANCE]     = AFS_DEMO_FAMILY_FURNITURE,
            [AFS_DEMO_FAMILY_HVAC]          = AFS_DEMO_FAMILY_REFRIGERATION,
            [AFS_DEMO_FAMILY_FURNITURE]     = AFS_DEMO_FAMILY_APPLIANCE,
            [AFS_DEMO_FAMILY_MACHINE]       = -1,
          };
          AfsDemoFamily primary = order[i % AFS_DEMO_FAMILY_N];
          guint variant = i / AFS_DEMO_FAMILY_N + (lang == AFS_DEMO_LANG_EN ? 0 : 1);
          guint families = 1u << primary;
          g_autoptr(GString) skills = g_string_new (NULL);
          g_autoptr(GString) area = g_string_new (NULL);
          double rate;

          /* 2–4 skills: the trade and a speciality, the partner trade. */
          append_items (skills, afs_demo_text_family_skills (lang, primary, variant), sep, 4);
          if (partner[primary] >= 0)
            {
              g_auto(GStrv) words = g_strsplit (afs_demo_text_family_skills (lang, partner[primary], variant), sep, 2);

              families |= 1u << partner[primary];
              append_items (skills, words[0], sep, 4);
            }
          else
            append_items (skills, afs_demo_text_family_skills (lang, primary, variant + 1), sep, 3);

          /* The places they go, as a list of the customers' cities. A
           * small branch sends everybody across its city and province;
           * a big one splits them: half take the city and the first
           * half of the province, half the branch city and the whole
           * province. "Outside" and "remote" customers get whoever
           * travels, and the suggestion says the area does not cover
           * them. */
          for (guint k = 0; k < 6; k++)
            if (team < 10 || i % 2 == 0 || k == 0)
              {
                if (area->len > 0)
                  g_string_append (area, sep);
                g_string_append (area, afs_demo_text_city (lang, AFS_REGION_LOCAL, k));
              }
          for (guint k = 0; k < 6; k++)
            if (team < 10 || i % 2 == 1 || k < 3)
              {
                g_string_append (area, sep);
                g_string_append (area, afs_demo_text_city (lang, AFS_REGION_PROVINCE, k));
              }

          rate = 35 + g_rand_int_range (g->rand, 0, 36) + (primary == AFS_DEMO_FAMILY_MACHINE ? 20 : 0);
          if (!add_staff (g, AFS_ROLE_TECHNICIAN, lang, families, skills->str, area->str,
                          rate, &staff, error))
            return FALSE;
          g_ptr_array_add (g->technicians, staff);
          g_ptr_array_add (g->tech_by_lang[lang], staff);
        }
    }

  /* Office: one desk per branch, more as the company grows. */
  n_office = AFS_DEMO_LANG_N + n_tech / 25;
  for (guint i = 0; i < n_office; i++)
    {
      AfsDemoLang lang = i < AFS_DEMO_LANG_N ? (AfsDemoLang) i : pick_lang (g);

      if (!add_staff (g, AFS_ROLE_OFFICE, lang, 0, NULL,
                      afs_demo_text_city (lang, AFS_REGION_LOCAL, 0), 0, &staff, error))
        return FALSE;
      g_ptr_array_add (g->office, staff);
    }

  for (guint i = 0; i < 2; i++)
    {
      AfsDemoLang lang = i == 0 ? AFS_DEMO_LANG_EN : AFS_DEMO_LANG_PL;

      if (!add_staff (g, AFS_ROLE_MANAGER, lang, 0, NULL,
                      afs_demo_text_city (lang, AFS_REGION_LOCAL, 0), 0, &staff, error))
        return FALSE;
      g_ptr_array_add (g->managers, staff);
    }

  for (guint i = 0; i < (n_cases >= 5000 ? 2u : 1u); i++)
    {
      AfsDemoLang lang = i == 0 ? AFS_DEMO_LANG_ZH : AFS_DEMO_LANG_ES;

      if (!add_staff (g, AFS_ROLE_QUALITY, lang, 0, NULL,
                      afs_demo_text_city (lang, AFS_REGION_LOCAL, 0), 0, &staff, error))
        return FALSE;
      g_ptr_array_add (g->quality, staff);
    }

  return TRUE;
}

static const Staff *
office_for (Gen        *g,
            AfsDemoLang lang)
{
  /* The branch's own desk mostly, a colleague now and then. */
  if (g->office->len > AFS_DEMO_LANG_N && chance (g, 0.4))
    return g_ptr_array_index (g->office, g_rand_int_range (g->rand, AFS_DEMO_LANG_N, g->office->len));
  return g_ptr_array_index (g->office, lang);
}

/* DOMAIN.md 7: "assign … by fault, area and workload": a technician of
 * the customer's branch who knows the trade and is free first. */
static Staff *
pick_technician (Gen          *g,
                 AfsDemoLang   lang,
                 AfsDemoFamily family,
                 const Staff  *except)
{
  GPtrArray *pool = g->tech_by_lang[lang];
  Staff *best = NULL;
  Staff *best_any = NULL;

  for (guint i = 0; i < pool->len; i++)
    {
      Staff *s = g_ptr_array_index (pool, i);

      if (s == except)
        continue;
      if (best_any == NULL || s->busy_until < best_any->busy_until)
        best_any = s;
      if ((s->families & (1u << family)) != 0 &&
          (best == NULL || s->busy_until < best->busy_until))
        best = s;
    }

  if (best == NULL)
    best = best_any;
  if (best == NULL && except == NULL)
    best = g_ptr_array_index (g->technicians, g_rand_int_range (g->rand, 0, g->technicians->len));
  return best;
}

/* ---- Customers and equipment -------------------------------------------------- */

static void
init_customers (Gen  *g,
                guint n_cases)
{
  g->n_customers = MAX (20, n_cases / 3);
  g->n_key = MAX (2, g->n_customers / 10);
  g->customers = g_new0 (Customer, g->n_customers);

  for (guint i = 0; i < afs_demo_text_n_products (); i++)
    {
      const AfsDemoProduct *p = afs_demo_text_product (i);

      if (p->household)
        g->products_household[g->n_products_household++] = i;
      if (p->business)
        g->products_business[g->n_products_business++] = i;
    }
}

static gboolean
ensure_customer (Gen       *g,
                 Customer  *c,
                 gint64     local_reported,
                 GError   **error)
{
  /* Region classes: local 50 %, province 30 %, outside 15 %, remote 5 %. */
  static const int region_weights[AFS_REGION_N] = { 50, 30, 15, 5 };
  AfsCustomerData data = { 0 };
  const char *city;
  AfsDemoLang lang;
  AfsDemoGender gender;

  if (c->id != NULL)
    return TRUE;

  lang = pick_lang (g);
  c->lang = lang;
  c->region = weighted (g, region_weights, AFS_REGION_N);
  /* Key customers are mostly businesses (hotels, factories, chains). */
  c->business = chance (g, c->key ? 0.7 : 0.2);
  c->first_equipment = -1;
  city = afs_demo_text_city (lang, c->region, g_rand_int_range (g->rand, 0, 6));
  gender = chance (g, 0.55) ? AFS_DEMO_FEMALE : AFS_DEMO_MALE;

  g_string_truncate (g->s1, 0);   /* name */
  g_string_truncate (g->s2, 0);   /* contact */
  g_string_truncate (g->s3, 0);   /* e-mail */
  g_string_truncate (g->s4, 0);   /* address */
  afs_demo_text_person (g->s2, g->s3, g->rand, lang, gender);
  if (c->business)
    afs_demo_text_business_name (g->s1, g->rand, lang, city);
  else
    g_string_append (g->s1, g->s2->str);
  g_string_append_printf (g->s3, "@%s", afs_demo_text_email_domain (lang));
  afs_demo_text_street_address (g->s4, g->rand, lang, city);

  c->contact = g_strdup (g->s2->str);
  g_string_truncate (g->s2, 0);
  afs_demo_text_phone (g->s2, g->rand, lang, !c->business || chance (g, 0.3));
  c->phone = g_strdup (g->s2->str);

  data.name = g->s1->str;
  data.contact_name = c->contact;
  data.phone = c->phone;
  data.email = chance (g, c->business ? 0.95 : 0.6) ? g->s3->str : NULL;
  data.address = g->s4->str;
  data.city = (char *) city;
  data.region = c->region;
  data.tier = c->key ? AFS_TIER_KEY : AFS_TIER_REGULAR;

  /* Recorded when the customer first calls. */
  g->clock = local_reported - lang_tz_hours[lang] * HOUR;
  if (!afs_store_add_customer (g->store, &data, &c->id, error))
    {
      g_prefix_error (error, "Could not add the demo customer “%s”: ", g->s1->str);
      return FALSE;
    }

  return TRUE;
}

static void
make_serial (Gen                  *g,
             const AfsDemoProduct *p,
             gint64                produced,
             GString              *out)
{
  int year = year_of (produced);
  guint yy = (guint) (year % 100);

  if (p->serial_prefix == NULL)
    {
      /* "SN-2024-004512": one sequence per production year. */
      guint seq = ++g->serial_seq[yy] + g_rand_int_range (g->rand, 0, 3);

      g->serial_seq[yy] = seq;
      g_string_append_printf (out, "SN-%04d-%06u", year, seq);
    }
  else if (g_str_equal (p->serial_prefix, "LOT"))
    {
      /* Furniture carries a batch number: "LOT 23B-117", shared by
       * everything made in that batch (002: 批号). */
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, (guint32) (produced / DAY + UNIX_EPOCH_JULIAN));
      g_string_append_printf (out, "LOT %02u%c-%03d", yy, 'A' + g_date_get_month (&date) - 1,
                              g_rand_int_range (g->rand, 100, 400));
    }
  else
    {
      /* "NK2312-04512": brand, year, week, sequence. */
      guint week = (guint) (((produced / DAY) % 365) / 7) + 1;
      guint seq = ++g->serial_seq[yy] + g_rand_int_range (g->rand, 0, 3);

      g->serial_seq[yy] = seq;
      g_string_append_printf (out, "%s%02u%02u-%05u", p->serial_prefix, yy, MIN (week, 52u), seq % 100000);
    }
}

static void
make_model (Gen                  *g,
            const AfsDemoProduct *p,
            GString              *out)
{
  if (strchr (p->model_format, '|') != NULL)
    {
      g_auto(GStrv) names = g_strsplit (p->model_format, "|", -1);
      g_string_append (out, names[g_rand_int_range (g->rand, 0, g_strv_length (names))]);
    }
  else
    g_string_append_printf (out, p->model_format, (guint) g_rand_int_range (g->rand, p->model_min, p->model_max + 1));
}

/* A new item the customer bought on @purchase; its installation date is
 * @installed (0 = not installed yet). */
static gboolean
add_equipment (Gen       *g,
               Customer  *c,
               guint      product,
               gint64     purchase,
               gint64     installed,
               gint32    *out_index,
               GError   **error)
{
  const AfsDemoProduct *p = afs_demo_text_product (product);
  AfsEquipmentData data = { 0 };
  Equipment e = { 0 };
  char production_date[11], purchase_date[11], installation_date[11], warranty_end[11];
  gint64 produced;
  int years;

  purchase -= purchase % DAY;
  /* Stock time between the factory and the sale. */
  produced = purchase - between (g, 10, p->family == AFS_DEMO_FAMILY_FURNITURE ? 60 : 200) * DAY;
  /* Warranty: 1–3 years from purchase; machines 1, heating 3 as a rule,
   * key customers get the extended one. */
  switch (p->family)
    {
    case AFS_DEMO_FAMILY_MACHINE: years = c->key ? 2 : 1; break;
    case AFS_DEMO_FAMILY_HVAC:    years = 3; break;
    default:                      years = c->key ? 3 : g_rand_int_range (g->rand, 1, 3) + 1 - (chance (g, 0.3) ? 1 : 0); break;
    }
  years = CLAMP (years, 1, 3);

  g_string_truncate (g->s1, 0);
  g_string_truncate (g->s2, 0);
  make_model (g, p, g->s1);
  make_serial (g, p, produced, g->s2);

  format_date (produced, production_date);
  format_date (purchase, purchase_date);
  if (installed > 0)
    format_date (installed, installation_date);
  e.purchase = purchase;
  e.warranty_end = add_years (purchase, years) - 1;   /* last second of the day before */
  format_date (e.warranty_end, warranty_end);

  data.customer_id = c->id;
  data.model = g->s1->str;
  data.serial = g->s2->str;
  data.production_date = production_date;
  data.purchase_date = purchase_date;
  data.installation_date = installed > 0 ? installation_date : NULL;
  data.warranty_end = warranty_end;

  if (!afs_store_add_equipment (g->store, &data, &e.id, error))
    {
      g_prefix_error (error, "Could not add demo equipment “%s”: ", g->s2->str);
      return FALSE;
    }

  e.model = g_strdup (g->s1->str);
  e.serial = g_strdup (g->s2->str);
  e.product = product;
  e.next = c->first_equipment;
  g_array_append_val (g->equipment, e);
  c->first_equipment = (gint32) g->equipment->len - 1;
  *out_index = c->first_equipment;
  return TRUE;
}

static guint
pick_product (Gen      *g,
              Customer *c)
{
  if (c->business)
    return g->products_business[g_rand_int_range (g->rand, 0, g->n_products_business)];
  return g->products_household[g_rand_int_range (g->rand, 0, g->n_products_household)];
}

/* ---- Planning ------------------------------------------------------------------- */

static AfsCategory
pick_category (Gen *g)
{
  /* Mostly repairs; some complaints, installations, consultations,
   * returns and exchanges. Indexed by AfsCategory. */
  static const int weights[AFS_CATEGORY_N] = { 58, 6, 6, 12, 8, 10 };

  return (AfsCategory) weighted (g, weights, AFS_CATEGORY_N);
}

static int
pick_severity (Gen        *g,
               AfsCategory category)
{
  static const int repair[4]       = { 3, 35, 47, 15 };
  static const int complaint[4]    = { 15, 25, 40, 20 };
  static const int ret[4]          = { 30, 30, 40, 0 };
  static const int exchange[4]     = { 25, 45, 30, 0 };
  static const int installation[4] = { 0, 20, 80, 0 };
  const int *w;

  switch (category)
    {
    case AFS_CATEGORY_CONSULTATION: return 4;
    case AFS_CATEGORY_COMPLAINT:    w = complaint; break;
    case AFS_CATEGORY_RETURN:       w = ret; break;
    case AFS_CATEGORY_EXCHANGE:     w = exchange; break;
    case AFS_CATEGORY_INSTALLATION: w = installation; break;
    case AFS_CATEGORY_REPAIR:
    case AFS_CATEGORY_N:
    default:                        w = repair; break;
    }
  return 1 + (int) weighted (g, w, 4);
}

static AfsCause
pick_cause (Gen        *g,
            AfsCategory category)
{
  /* Indexed by AfsCause; UNKNOWN never (triage needs a cause). */
  static const int repair[AFS_CAUSE_N]    = { 0, 55, 3, 4, 0, 5, 8, 10, 15 };
  static const int complaint[AFS_CAUSE_N] = { 0, 30, 10, 25, 35, 0, 0, 0, 0 };
  static const int goods[AFS_CAUSE_N]     = { 0, 50, 20, 0, 0, 30, 0, 0, 0 };
  static const int other[AFS_CAUSE_N]     = { 0, 0, 0, 0, 0, 0, 0, 0, 1 };
  const int *w;

  switch (category)
    {
    case AFS_CATEGORY_COMPLAINT:    w = complaint; break;
    case AFS_CATEGORY_RETURN:
    case AFS_CATEGORY_EXCHANGE:     w = goods; break;
    case AFS_CATEGORY_INSTALLATION:
    case AFS_CATEGORY_CONSULTATION: w = other; break;
    case AFS_CATEGORY_REPAIR:
    case AFS_CATEGORY_N:
    default:                        w = repair; break;
    }
  return (AfsCause) weighted (g, w, AFS_CAUSE_N);
}

static AfsChannel
pick_channel (Gen      *g,
              Customer *c)
{
  static const int household[AFS_CHANNEL_N] = { 45, 4, 18, 10, 23 };
  static const int business[AFS_CHANNEL_N]  = { 40, 6, 38, 2, 14 };

  return (AfsChannel) weighted (g, c->business ? business : household, AFS_CHANNEL_N);
}

static void
plan_costs (Gen                  *g,
            Plan                 *plan,
            const AfsDemoProduct *p)
{
  double price = p != NULL ? p->price * (0.8 + 0.4 * g_rand_double (g->rand)) : 300;

  switch (plan->severity)
    {
    case 1:
      plan->cost = plan->category == AFS_CATEGORY_RETURN ? price : price * (0.3 + 0.9 * g_rand_double (g->rand));
      break;
    case 2:
      plan->cost = price * (0.05 + 0.3 * g_rand_double (g->rand)) + between (g, 60, 200);
      break;
    case 3:
      plan->cost = between (g, 40, 250);
      break;
    default:
      plan->cost = chance (g, 0.4) ? between (g, 5, 40) : 0;
      break;
    }
  if (plan->category == AFS_CATEGORY_RETURN)
    plan->cost = price;
  plan->cost = round_money (plan->cost);

  if (plan->category == AFS_CATEGORY_COMPLAINT && chance (g, 0.3))
    plan->compensation = round_money (between (g, 20, chance (g, 0.2) ? 1500 : 500));
  else if (plan->cause == AFS_CAUSE_TRANSPORT_DAMAGE && chance (g, 0.1))
    plan->compensation = round_money (between (g, 50, 300));

  /* A quality accident with loss at a business (002 §8): a few of them
   * over the escalation threshold. */
  if (plan->severity == 1 && plan->cause == AFS_CAUSE_PRODUCT_QUALITY && p != NULL &&
      p->family == AFS_DEMO_FAMILY_MACHINE && chance (g, 0.4))
    plan->quality_loss = round_money (price * (0.2 + 1.5 * g_rand_double (g->rand)));
}

static gboolean
plan_needs_approval (Gen  *g,
                     Plan *plan)
{
  AfsCaseFacts facts = { 0 };

  facts.state = AFS_CASE_STATE_TRIAGED;
  facts.category = plan->category;
  facts.severity = plan->severity;
  facts.scope = AFS_SCOPE_IN;
  facts.warranty = plan->warranty;
  facts.cause = plan->cause;
  facts.estimated_cost = plan->cost;
  facts.compensation = plan->compensation;
  facts.quality_loss = plan->quality_loss;
  return afs_workflow_needs_approval (&facts, &g->approval);
}

/* The times of every step (the plan is cut at "now" when it is taken). */
static void
plan_times (Gen            *g,
            Plan           *plan,
            AfsDemoLang     lang,
            AfsRegionClass  region)
{
  gint64 t;
  gint64 arrive_hours = g->deadlines.arrive_hours[region];
  gboolean stuck = plan->stop_in != AFS_CASE_STATE_N;

  /* Intake: a phone call or a visit is typed in at once; mail and web
   * forms wait for someone at a desk. */
  if (plan->channel == AFS_CHANNEL_PHONE || plan->channel == AFS_CHANNEL_VISIT)
    plan->t_create = plan->reported + between (g, 1 * MINUTE, 15 * MINUTE);
  else
    plan->t_create = office_hours (g, lang, plan->reported + between (g, 5 * MINUTE, 2 * HOUR));
  /* Every case reported by "now" is in the database by "now". */
  plan->t_create = MIN (plan->t_create, MAX (g->now, plan->reported));

  /* DOMAIN.md 5: answer within 24 h, 4 h for major questions; a case
   * that needs a visit is graded at once so the technician can make the
   * arrival deadline (the dispatcher on call does it); some are late. */
  if (plan->severity == 1)
    t = plan->t_create + between (g, 10 * MINUTE, chance (g, 0.9) ? 3 * HOUR : 8 * HOUR);
  else if (chance (g, 0.05))
    t = plan->t_create + between (g, 20 * HOUR, 40 * HOUR);
  else if (!plan->remote)
    t = plan->t_create + between (g, 5 * MINUTE, MAX (15 * MINUTE, arrive_hours * HOUR / 5));
  else
    t = office_hours (g, lang, plan->t_create + between (g, 15 * MINUTE, 6 * HOUR));
  plan->t_triage = MAX (t, plan->t_create + MINUTE);
  t = plan->t_triage;

  if (plan->needs_approval)
    {
      /* Urgent ones are decided on the phone; the others wait for the
       * manager's desk. */
      plan->t_request = t + between (g, 5 * MINUTE, 1 * HOUR);
      if (plan->severity == 1 || chance (g, 0.5))
        plan->t_decision = plan->t_request + between (g, 10 * MINUTE, 3 * HOUR);
      else
        plan->t_decision = office_hours (g, lang, plan->t_request + between (g, 30 * MINUTE, 26 * HOUR));
      plan->t_decision = MAX (plan->t_decision, plan->t_request + MINUTE);
      t = plan->t_decision;
      if (plan->rejected_first)
        {
          plan->t_request2 = office_hours (g, lang, t + between (g, 1 * HOUR, 24 * HOUR));
          plan->t_request2 = MAX (plan->t_request2, t + MINUTE);
          plan->t_approve = office_hours (g, lang, plan->t_request2 + between (g, 1 * HOUR, 24 * HOUR));
          plan->t_approve = MAX (plan->t_approve, plan->t_request2 + MINUTE);
          t = plan->t_approve;
        }
    }

  if (plan->remote)
    {
      /* Level 4: explained on the phone, or small parts mailed. */
      plan->t_remote = t + between (g, 10 * MINUTE, chance (g, 0.8) ? 8 * HOUR : 60 * HOUR);
      t = plan->t_remote;
    }
  else
    {
      double f;

      plan->t_dispatch = t + between (g, 5 * MINUTE, MAX (10 * MINUTE, MIN (3 * HOUR, arrive_hours * HOUR / 8)));
      t = plan->t_dispatch;
      /* DOMAIN.md 5: arrive within 4 h locally … 5 days in remote
       * areas, counted from intake; around the deadline, some late. */
      if (!stuck && chance (g, 0.07))
        f = 1.02 + 0.8 * g_rand_double (g->rand);
      else
        f = 0.3 + 0.65 * g_rand_double (g->rand);
      plan->t_arrive = plan->reported + (gint64) (f * arrive_hours * HOUR);
      plan->t_arrive = MAX (plan->t_arrive, t + between (g, 20 * MINUTE, 60 * MINUTE));
      plan->t_leave = plan->t_arrive + between (g, 30 * MINUTE, 4 * HOUR);
      t = plan->t_leave;

      if (plan->second_visit)
        {
          /* Parts ordered, or a second pair of hands. */
          plan->t_dispatch2 = office_hours (g, lang, t + between (g, 1 * DAY, 5 * DAY));
          plan->t_arrive2 = plan->t_dispatch2 + between (g, 1 * HOUR, 24 * HOUR);
          plan->t_leave2 = plan->t_arrive2 + between (g, 40 * MINUTE, 3 * HOUR);
          t = plan->t_leave2;
        }
    }

  /* DOMAIN.md 11: call the customer 3–5 days after a repair. */
  plan->t_follow_up = office_hours (g, lang, t + between (g, 3 * DAY, 5 * DAY));
  plan->t_close = plan->t_follow_up + between (g, 1 * MINUTE, chance (g, 0.8) ? 20 * MINUTE : 2 * DAY);

  if (plan->fate == FATE_CANCEL)
    {
      switch (plan->cancel_point)
        {
        case CANCEL_WHEN_NEW:        t = plan->t_create; break;
        case CANCEL_WHEN_TRIAGED:    t = plan->needs_approval ? MAX (plan->t_decision, plan->t_approve) : plan->t_triage; break;
        case CANCEL_WHEN_DISPATCHED:
        default:                     t = plan->t_dispatch; break;
        }
      plan->t_cancel = t + between (g, 10 * MINUTE, 20 * HOUR);
      /* Cancelled before the technician got there. */
      if (plan->t_arrive > 0 && plan->t_cancel >= plan->t_arrive)
        plan->t_cancel = plan->t_arrive - between (g, 1 * MINUTE, MAX (2 * MINUTE, (plan->t_arrive - t) / 2));
      plan->t_cancel = MAX (plan->t_cancel, t + MINUTE);
    }
}

/* ---- Taking the steps ----------------------------------------------------------- */

typedef struct {
  Gen                *g;
  Plan               *plan;
  Customer           *customer;
  const Equipment    *equipment;
  const AfsDemoProduct *product;
  AfsDemoTextContext  text;
  char               *id;
  const Staff        *office;
  Staff              *lead;
  Staff              *second;
} Walk;

static void
walk_clear (Walk *w)
{
  g_clear_pointer (&w->id, g_free);
}

/* Names the case in an error, so a refused step can be found again. */
static gboolean
fail_step (Walk       *w,
           const char *step,
           GError    **error)
{
  AfsCaseData data = { 0 };

  if (w->id != NULL && afs_store_get_case (w->g->store, w->id, &data, NULL))
    g_prefix_error (error, "Demo case %s (%s), step “%s” at %" G_GINT64_FORMAT ": ",
                    data.number, afs_case_state_to_string (data.state), step, w->g->clock);
  else
    g_prefix_error (error, "Demo case, step “%s”: ", step);
  afs_case_data_clear (&data);
  return FALSE;
}

static gboolean
take (Walk        *w,
      const Staff *actor,
      AfsAction    action,
      const char  *reason,
      GError     **error)
{
  set_actor (w->g, actor);
  if (!afs_store_apply_action (w->g->store, w->id, action, reason, error))
    return fail_step (w, afs_action_to_string (action), error);
  return TRUE;
}

static gboolean
update (Walk              *w,
        const Staff       *actor,
        const char *const *fields,
        const char *const *values,
        GError           **error)
{
  set_actor (w->g, actor);
  if (!afs_store_update_case (w->g->store, w->id, 0, fields, values, error))
    return fail_step (w, fields[0], error);
  return TRUE;
}

static gboolean
save_report (Walk        *w,
             const Staff *actor,
             gboolean     signed_and_accepted,
             const char  *remote_note,
             GError     **error)
{
  Gen *g = w->g;
  AfsReportData report = { 0 };

  g_string_truncate (g->s1, 0);
  g_string_truncate (g->s2, 0);
  g_string_truncate (g->s3, 0);
  if (remote_note != NULL)
    {
      g_string_append (g->s1, remote_note);
      g_string_append (g->s2, remote_note);
    }
  else
    {
      afs_demo_text_diagnosis (g->s1, g->rand, &w->text);
      afs_demo_text_work_done (g->s2, g->rand, &w->text);
    }
  afs_demo_text_opinion (g->s3, g->rand, w->text.lang, signed_and_accepted);

  report.case_id = w->id;
  report.diagnosis = g->s1->str;
  report.actions = g->s2->str;
  report.outcome = (char *) (signed_and_accepted ? "fixed" : "temporary");
  report.customer_opinion = g->s3->str;
  report.signer_name = signed_and_accepted ? w->customer->contact : NULL;
  report.signed_at = signed_and_accepted ? g->clock : 0;
  report.accepted = signed_and_accepted;

  set_actor (g, actor);
  if (!afs_store_save_report (g->store, &report, error))
    return fail_step (w, "save_report", error);
  return TRUE;
}

static gboolean
assign (Walk   *w,
        Staff  *tech,
        gboolean lead,
        GError **error)
{
  set_actor (w->g, w->office);
  if (!afs_store_assign_technician (w->g->store, w->id, tech->id, lead, error))
    return fail_step (w, "assign_technician", error);
  return TRUE;
}

/* Whether the walk goes on to a step at @t: not past "now", and not past
 * the state a stuck case stays in. */
static gboolean
reach (Walk  *w,
       gint64 t)
{
  if (t <= 0 || t > w->g->now)
    return FALSE;
  /* Steps of one case never go back in time. */
  w->g->clock = MAX (t, w->g->clock);
  return TRUE;
}

static gboolean
stop_after (Walk        *w,
            AfsCaseState state)
{
  return w->plan->stop_in == state;
}

static gboolean
do_triage (Walk    *w,
           GError **error)
{
  Gen *g = w->g;
  Plan *plan = w->plan;
  const char *fields[16];
  const char *values[16];
  char cost[G_ASCII_DTOSTR_BUF_SIZE], compensation[G_ASCII_DTOSTR_BUF_SIZE];
  char loss[G_ASCII_DTOSTR_BUF_SIZE], responded[24];
  const Staff *responsible = NULL;
  guint n = 0;

  g_snprintf (responded, sizeof responded, "%" G_GINT64_FORMAT, g->clock);

  if (plan->fate == FATE_OUT_OF_SCOPE)
    {
      g_string_truncate (g->s1, 0);
      afs_demo_text_out_of_scope_reason (g->s1, g->rand, &w->text);
      fields[n] = "scope";        values[n++] = afs_scope_to_string (AFS_SCOPE_OUT);
      fields[n] = "scope_reason"; values[n++] = g->s1->str;
      fields[n] = "responded_at"; values[n++] = responded;
      fields[n] = NULL;           values[n] = NULL;
      if (!update (w, w->office, fields, values, error))
        return FALSE;
      return take (w, w->office, AFS_ACTION_MARK_OUT_OF_SCOPE, g->s1->str, error);
    }

  fields[n] = "scope";    values[n++] = afs_scope_to_string (AFS_SCOPE_IN);
  fields[n] = "warranty"; values[n++] = afs_warranty_status_to_string (plan->warranty);
  fields[n] = "severity"; values[n++] = plan->severity == 1 ? "1" : plan->severity == 2 ? "2" : plan->severity == 3 ? "3" : "4";
  fields[n] = "cause";    values[n++] = afs_cause_to_string (plan->cause);
  if (plan->cause == AFS_CAUSE_STAFF_ERROR)
    {
      /* 001 §2.2: a staff error names the person: mostly the installer
       * or technician of that branch, sometimes the office. */
      responsible = chance (g, 0.75) ? pick_technician (g, w->text.lang, w->product != NULL ? w->product->family : 0, NULL)
                                     : office_for (g, w->text.lang);
      fields[n] = "responsible_staff_id"; values[n++] = responsible->id;
      fields[n] = "responsible";          values[n++] = responsible->name;
    }
  if (plan->third_party)
    {
      fields[n] = "third_party_claim";
      values[n++] = plan->cause == AFS_CAUSE_TRANSPORT_DAMAGE ? afs_demo_text_carrier (g->rand, w->text.lang)
                                                               : afs_demo_text_manufacturer (g->rand, w->text.lang);
    }
  if (plan->cost > 0)
    {
      g_ascii_dtostr (cost, sizeof cost, plan->cost);
      fields[n] = "estimated_cost"; values[n++] = cost;
    }
  if (plan->compensation > 0)
    {
      g_ascii_dtostr (compensation, sizeof compensation, plan->compensation);
      fields[n] = "compensation"; values[n++] = compensation;
    }
  if (plan->quality_loss > 0)
    {
      g_ascii_dtostr (loss, sizeof loss, plan->quality_loss);
      fields[n] = "quality_loss"; values[n++] = loss;
    }
  fields[n] = "responded_at"; values[n++] = responded;
  fields[n] = NULL; values[n] = NULL;
  g_assert (n < G_N_ELEMENTS (fields));

  if (!update (w, w->office, fields, values, error))
    return FALSE;
  return take (w, w->office, AFS_ACTION_TRIAGE, NULL, error);
}

/* *@cleared: the plan may go on (approved, or no longer needing it). */
static gboolean
do_approval (Walk     *w,
             gboolean *cleared,
             GError  **error)
{
  Gen *g = w->g;
  Plan *plan = w->plan;
  const Staff *manager = g_ptr_array_index (g->managers, g_rand_int_range (g->rand, 0, g->managers->len));

  *cleared = FALSE;
  if (!reach (w, plan->t_request))
    return TRUE;
  if (!take (w, w->office, AFS_ACTION_REQUEST_APPROVAL, NULL, error))
    return FALSE;
  if (stop_after (w, AFS_CASE_STATE_AWAITING_APPROVAL) || !reach (w, plan->t_decision))
    return TRUE;

  g_string_truncate (g->s1, 0);
  if (plan->rejected_first)
    {
      /* 001 §2.2.13: the manager sends the plan back; the office lowers
       * cost and compensation and asks again. */
      const char *fields[3] = { "estimated_cost", "compensation", NULL };
      const char *values[3];
      char cost[G_ASCII_DTOSTR_BUF_SIZE], compensation[G_ASCII_DTOSTR_BUF_SIZE];

      afs_demo_text_reject_comment (g->s1, g->rand, w->text.lang);
      if (!take (w, manager, AFS_ACTION_REJECT, g->s1->str, error))
        return FALSE;
      if (!reach (w, plan->t_request2))
        return TRUE;

      plan->cost = round_money (plan->cost * (0.5 + 0.3 * g_rand_double (g->rand)));
      plan->compensation = round_money (plan->compensation * 0.5);
      g_ascii_dtostr (cost, sizeof cost, plan->cost);
      g_ascii_dtostr (compensation, sizeof compensation, plan->compensation);
      values[0] = cost;
      values[1] = compensation;
      values[2] = NULL;
      if (!update (w, w->office, fields, values, error))
        return FALSE;

      /* Still level 1, a return, or over a limit: back to the manager. */
      if (!plan_needs_approval (g, plan))
        {
          *cleared = TRUE;
          return TRUE;
        }
      if (!take (w, w->office, AFS_ACTION_REQUEST_APPROVAL, NULL, error))
        return FALSE;
      if (stop_after (w, AFS_CASE_STATE_AWAITING_APPROVAL) || !reach (w, plan->t_approve))
        return TRUE;
      g_string_truncate (g->s1, 0);
    }

  afs_demo_text_approval_note (g->s1, g->rand, w->text.lang);
  if (!take (w, manager, AFS_ACTION_APPROVE, g->s1->str, error))
    return FALSE;
  *cleared = TRUE;
  return TRUE;
}

/* ---- The office desk: the board and part shipments (issue 3) ----------------- */

/* Visits planned this long before "now" and later are on the board; older
 * ones are history nobody plans any more. */
#define BOARD_HISTORY (45 * DAY)

/* DOMAIN.md 7: the dispatcher puts the lead's visit on the board, from
 * the planned arrival to the planned departure. */
static gboolean
plan_lead_visit (Walk    *w,
                 gint64   t_arrive,
                 gint64   t_leave,
                 GError **error)
{
  Gen *g = w->g;
  g_autoptr(GPtrArray) assigned = NULL;
  gint64 start, end;

  if (t_arrive <= 0 || t_arrive < g->now - BOARD_HISTORY)
    return TRUE;

  /* Round to the quarter hour, as a person plans. */
  start = t_arrive - t_arrive % (15 * MINUTE);
  end = t_leave > t_arrive ? t_leave : t_arrive + 2 * HOUR;
  end = MIN (end + (15 * MINUTE - end % (15 * MINUTE)) % (15 * MINUTE), start + 14 * DAY);
  if (end <= start)
    end = start + HOUR;

  assigned = afs_store_list_assignments (g->store, w->id, error);
  if (assigned == NULL)
    return fail_step (w, "list_assignments", error);

  set_actor (g, w->office);
  for (guint i = 0; i < assigned->len; i++)
    {
      AfsAssignmentData *a = g_ptr_array_index (assigned, i);

      if (!afs_store_plan_assignment (g->store, a->id, start, end, error))
        return fail_step (w, "plan_assignment", error);
    }

  return TRUE;
}

/* Spare parts per product family, per language (004 §4.6.1: "vulnerable
 * parts ... delivered by appropriate transportation"). */
static const char *const demo_parts[AFS_DEMO_FAMILY_N][AFS_DEMO_LANG_N][4] = {
  [AFS_DEMO_FAMILY_REFRIGERATION] = {
    { "Compressor relay", "Door gasket", "Thermostat", "Evaporator fan" },
    { "压缩机继电器", "门封条", "温控器", "蒸发器风扇" },
    { "Relé del compresor", "Junta de puerta", "Termostato", "Ventilador del evaporador" },
    { "Przekaźnik sprężarki", "Uszczelka drzwi", "Termostat", "Wentylator parownika" },
  },
  [AFS_DEMO_FAMILY_APPLIANCE] = {
    { "Drain pump", "Heating element", "Control board", "Door lock" },
    { "排水泵", "加热管", "控制板", "门锁" },
    { "Bomba de desagüe", "Resistencia", "Placa de control", "Cierre de puerta" },
    { "Pompa odpływowa", "Grzałka", "Płyta sterująca", "Blokada drzwi" },
  },
  [AFS_DEMO_FAMILY_HVAC] = {
    { "Circulation pump", "Ignition electrode", "Pressure sensor", "Three-way valve" },
    { "循环泵", "点火电极", "压力传感器", "三通阀" },
    { "Bomba de circulación", "Electrodo de encendido", "Sensor de presión", "Válvula de tres vías" },
    { "Pompa obiegowa", "Elektroda zapłonowa", "Czujnik ciśnienia", "Zawór trójdrogowy" },
  },
  [AFS_DEMO_FAMILY_FURNITURE] = {
    { "Hinge set", "Gas spring", "Drawer runner", "Fabric panel" },
    { "铰链套件", "气弹簧", "抽屉滑轨", "面料板" },
    { "Juego de bisagras", "Muelle de gas", "Guía de cajón", "Panel de tela" },
    { "Zestaw zawiasów", "Sprężyna gazowa", "Prowadnica szuflady", "Panel tapicerki" },
  },
  [AFS_DEMO_FAMILY_MACHINE] = {
    { "Spindle bearing", "Drive belt", "Hydraulic seal kit", "Limit switch" },
    { "主轴轴承", "传动带", "液压密封套件", "限位开关" },
    { "Rodamiento del husillo", "Correa de transmisión", "Juego de juntas hidráulicas", "Final de carrera" },
    { "Łożysko wrzeciona", "Pasek napędowy", "Zestaw uszczelek hydraulicznych", "Wyłącznik krańcowy" },
  },
};

/* DOMAIN.md 3 level 2 "needs replacement parts" and 10 "register each
 * shipment": the office ships the part when the technician is sent. */
static gboolean
ship_parts (Walk    *w,
            GError **error)
{
  Gen *g = w->g;
  AfsShipmentData s = { 0 };
  AfsCustomerData customer = { 0 };
  g_autofree char *destination = NULL;
  AfsDemoFamily family;
  GDate day;
  char date[11];

  if (w->plan->severity != 2 || w->product == NULL || !g_rand_boolean (g->office_rand))
    return TRUE;

  family = w->product->family;
  afs_date_from_unix (g->clock, NULL, &day);
  g_snprintf (date, sizeof date, "%04u-%02u-%02u", (guint) g_date_get_year (&day),
              (guint) g_date_get_month (&day), (guint) g_date_get_day (&day));

  g_string_truncate (g->s2, 0);
  g_string_truncate (g->s3, 0);
  /* Carrier tracking numbers look like theirs: long digits, or letters and digits. */
  g_string_append (g->s3, afs_demo_text_carrier (g->office_rand, w->text.lang));
  if (w->text.lang == AFS_DEMO_LANG_ZH)
    g_string_append_printf (g->s2, "SF%012u", (guint) g_rand_int_range (g->office_rand, 0, G_MAXINT32));
  else
    g_string_append_printf (g->s2, "%02u%010u", (guint) g_rand_int_range (g->office_rand, 10, 99),
                            (guint) g_rand_int_range (g->office_rand, 0, G_MAXINT32));

  s.case_id = w->id;
  s.part = (char *) demo_parts[family][w->text.lang][g_rand_int_range (g->office_rand, 0, 4)];
  s.model = w->equipment != NULL ? w->equipment->model : NULL;
  s.quantity = 1 + g_rand_int_range (g->office_rand, 0, 3) / 2;
  s.carrier = g->s3->str;
  s.tracking_number = g->s2->str;
  s.shipped_date = date;

  /* To the customer's address. */
  if (!afs_store_get_customer (g->store, w->customer->id, &customer, error))
    return fail_step (w, "get_customer", error);
  destination = g_strjoin (", ", customer.address != NULL ? customer.address : customer.name,
                           customer.city, NULL);
  s.destination = destination;
  afs_customer_data_clear (&customer);

  set_actor (g, w->office);
  if (!afs_store_add_shipment (g->store, &s, NULL, error))
    return fail_step (w, "add_shipment", error);
  return TRUE;
}

/* One visit: dispatch, arrival, and either the signed report and
 * resolution (@last) or a second visit planned. *@ended: the visit's
 * last step was taken. */
static gboolean
do_visit (Walk     *w,
          gint64    t_dispatch,
          gint64    t_arrive,
          gint64    t_leave,
          gboolean  first,
          gboolean  last,
          gboolean *ended,
          GError  **error)
{
  Gen *g = w->g;
  Plan *plan = w->plan;
  AfsDemoFamily family = w->product != NULL ? w->product->family : AFS_DEMO_FAMILY_APPLIANCE;

  *ended = FALSE;
  if (!reach (w, t_dispatch))
    return TRUE;

  if (w->lead == NULL)
    {
      w->lead = pick_technician (g, w->text.lang, family, NULL);
      if (!assign (w, w->lead, TRUE, error))
        return FALSE;
      if (plan->second_technician)
        {
          w->second = pick_technician (g, w->text.lang, family, w->lead);
          if (w->second != NULL && !assign (w, w->second, FALSE, error))
            return FALSE;
        }
    }
  w->lead->busy_until = MAX (w->lead->busy_until, t_leave);
  if (w->second != NULL)
    w->second->busy_until = MAX (w->second->busy_until, t_leave);

  if (!take (w, w->office, AFS_ACTION_DISPATCH, NULL, error))
    return FALSE;
  if (!plan_lead_visit (w, t_arrive, t_leave, error) ||
      (first && !ship_parts (w, error)))
    return FALSE;
  if (stop_after (w, AFS_CASE_STATE_DISPATCHED))
    return TRUE;

  if (first && plan->fate == FATE_CANCEL && plan->cancel_point == CANCEL_WHEN_DISPATCHED)
    {
      if (reach (w, plan->t_cancel))
        {
          g_string_truncate (g->s1, 0);
          afs_demo_text_cancel_reason (g->s1, g->rand, w->text.lang);
          return take (w, w->office, AFS_ACTION_CANCEL, g->s1->str, error);
        }
      return TRUE;
    }

  if (!reach (w, t_arrive))
    return TRUE;
  if (!take (w, w->lead, AFS_ACTION_ARRIVE, NULL, error))
    return FALSE;
  if (stop_after (w, AFS_CASE_STATE_ON_SITE) || !reach (w, t_leave))
    return TRUE;

  if (!last)
    {
      /* DOMAIN.md 9: not accepted → plan a second visit. The report stays
       * unsigned, so the second visit can complete it. */
      if (!save_report (w, w->lead, FALSE, NULL, error))
        return FALSE;
      g_string_truncate (g->s4, 0);
      afs_demo_text_second_visit_reason (g->s4, g->rand, &w->text);
      if (!take (w, w->lead, AFS_ACTION_PLAN_SECOND_VISIT, g->s4->str, error))
        return FALSE;
      *ended = TRUE;
      return TRUE;
    }

  if (!save_report (w, w->lead, TRUE, NULL, error))
    return FALSE;
  if (!take (w, w->lead, AFS_ACTION_RESOLVE, NULL, error))
    return FALSE;
  *ended = TRUE;
  return TRUE;
}

static gboolean
do_follow_up (Walk    *w,
              GError **error)
{
  Gen *g = w->g;
  Plan *plan = w->plan;
  static const int satisfaction_weights[5] = { 3, 5, 12, 35, 45 };
  AfsFollowUpData follow_up = { 0 };
  const Staff *caller;
  const Staff *closer;

  if (stop_after (w, AFS_CASE_STATE_RESOLVED) || !reach (w, plan->t_follow_up))
    return TRUE;

  caller = office_for (g, w->text.lang);
  follow_up.case_id = w->id;
  follow_up.at = g->clock;
  follow_up.channel = (char *) (chance (g, 0.85) ? "phone" : "email");
  follow_up.satisfaction = 1 + (int) weighted (g, satisfaction_weights, 5);
  g_string_truncate (g->s1, 0);
  afs_demo_text_follow_up_note (g->s1, g->rand, w->text.lang, follow_up.satisfaction);
  follow_up.note = g->s1->str;
  follow_up.problem_found = FALSE;

  set_actor (g, caller);
  if (!afs_store_add_follow_up (g->store, &follow_up, error))
    return fail_step (w, "add_follow_up", error);

  if (!reach (w, plan->t_close))
    return TRUE;
  /* Quality staff close some of them as part of the monthly review. */
  closer = chance (g, 0.1) ? g_ptr_array_index (g->quality, 0) : caller;
  return take (w, closer, AFS_ACTION_CLOSE, NULL, error);
}

static gboolean
walk_case (Walk    *w,
           GError **error)
{
  Gen *g = w->g;
  Plan *plan = w->plan;
  AfsCaseInput input = { 0 };
  gboolean done = FALSE;

  /* Intake (DOMAIN.md 1). */
  g_string_truncate (g->s1, 0);
  afs_demo_text_description (g->s1, g->rand, &w->text);
  input.customer_id = w->customer->id;
  input.equipment_id = w->equipment != NULL ? w->equipment->id : NULL;
  input.channel = plan->channel;
  input.category = plan->category;
  input.description = g->s1->str;
  input.contact_name = w->customer->contact;
  input.contact_phone = w->customer->phone;
  input.reported_at = plan->reported;

  g->clock = plan->t_create;
  set_actor (g, w->office);
  if (!afs_store_create_case (g->store, &input, &w->id, error))
    return fail_step (w, "create_case", error);

  if (stop_after (w, AFS_CASE_STATE_NEW))
    return TRUE;

  if (plan->fate == FATE_CANCEL && plan->cancel_point == CANCEL_WHEN_NEW)
    {
      if (!reach (w, plan->t_cancel))
        return TRUE;
      g_string_truncate (g->s1, 0);
      afs_demo_text_cancel_reason (g->s1, g->rand, w->text.lang);
      return take (w, w->office, AFS_ACTION_CANCEL, g->s1->str, error);
    }

  /* Scope, warranty, grade and cause (DOMAIN.md 2–3). */
  if (!reach (w, plan->t_triage))
    return TRUE;
  if (!do_triage (w, error))
    return FALSE;
  if (plan->fate == FATE_OUT_OF_SCOPE || stop_after (w, AFS_CASE_STATE_TRIAGED))
    return TRUE;

  /* Approval (DOMAIN.md 6). */
  if (plan->needs_approval)
    {
      gboolean cleared;

      if (!do_approval (w, &cleared, error))
        return FALSE;
      if (!cleared || stop_after (w, AFS_CASE_STATE_APPROVED))
        return TRUE;
    }

  if (plan->fate == FATE_CANCEL && plan->cancel_point == CANCEL_WHEN_TRIAGED)
    {
      if (!reach (w, plan->t_cancel))
        return TRUE;
      g_string_truncate (g->s1, 0);
      afs_demo_text_cancel_reason (g->s1, g->rand, w->text.lang);
      return take (w, w->office, AFS_ACTION_CANCEL, g->s1->str, error);
    }

  if (plan->remote)
    {
      /* Level 4, solved remotely: the note, the customer's confirmation
       * recorded as the signed report, then resolved by the office. */
      const char *fields[2] = { "remote_resolution", NULL };
      const char *values[2];

      if (!reach (w, plan->t_remote))
        return TRUE;
      g_string_truncate (g->s4, 0);
      afs_demo_text_remote_resolution (g->s4, g->rand, &w->text);
      values[0] = g->s4->str;
      values[1] = NULL;
      if (!update (w, w->office, fields, values, error))
        return FALSE;
      if (!save_report (w, w->office, TRUE, g->s4->str, error))
        return FALSE;
      if (!take (w, w->office, AFS_ACTION_RESOLVE, NULL, error))
        return FALSE;
      done = TRUE;
    }
  else
    {
      /* Dispatch, on site, report (DOMAIN.md 7–9). */
      gboolean ended;

      if (!do_visit (w, plan->t_dispatch, plan->t_arrive, plan->t_leave, TRUE, !plan->second_visit, &ended, error))
        return FALSE;
      if (ended && plan->second_visit)
        {
          if (stop_after (w, AFS_CASE_STATE_SECOND_VISIT))
            return TRUE;
          if (!do_visit (w, plan->t_dispatch2, plan->t_arrive2, plan->t_leave2, FALSE, TRUE, &ended, error))
            return FALSE;
        }
      done = ended;
    }

  if (!done)
    return TRUE;

  /* Follow-up and close (DOMAIN.md 11–12). */
  return do_follow_up (w, error);
}

static gboolean
make_case (Gen     *g,
           guint    index,
           gint64   reported,
           AfsCaseState stop_in,
           GError **error)
{
  Plan plan = { 0 };
  Walk w = { 0 };
  Customer *c;
  gint32 e = -1;
  const AfsDemoProduct *p = NULL;
  guint product;
  gboolean ok;

  w.g = g;
  w.plan = &plan;

  /* Key customers call more often (DOMAIN.md 11: they are visited every
   * half year, and they own more equipment). */
  if (chance (g, 0.3))
    c = &g->customers[g_rand_int_range (g->rand, 0, g->n_key)];
  else
    c = &g->customers[g_rand_int_range (g->rand, 0, g->n_customers)];
  c->key = (guint8) ((c - g->customers) < (ptrdiff_t) g->n_key);

  plan.stop_in = stop_in;
  plan.category = pick_category (g);
  if (stop_in == AFS_CASE_STATE_SECOND_VISIT && plan.category == AFS_CATEGORY_CONSULTATION)
    plan.category = AFS_CATEGORY_REPAIR;

  if (!ensure_customer (g, c, reported, error))
    return FALSE;

  /* The branch's local time decides the hour of the day: shift the
   * planned local instant to UTC. */
  plan.reported = reported - lang_tz_hours[c->lang] * HOUR;
  plan.channel = pick_channel (g, c);
  /* Equipment is recorded at intake, as the customer tells about it. */
  g->clock = plan.reported;

  /* What it is about. */
  product = pick_product (g, c);
  switch (plan.category)
    {
    case AFS_CATEGORY_INSTALLATION:
      if (!add_equipment (g, c, product, plan.reported - between (g, 1 * DAY, 20 * DAY), 0, &e, error))
        return FALSE;
      break;

    case AFS_CATEGORY_RETURN:
    case AFS_CATEGORY_EXCHANGE:
      if (!add_equipment (g, c, product, plan.reported - between (g, 2 * DAY, plan.category == AFS_CATEGORY_RETURN ? 30 * DAY : 90 * DAY),
                          plan.reported - between (g, 1 * DAY, 2 * DAY), &e, error))
        return FALSE;
      break;

    case AFS_CATEGORY_CONSULTATION:
      if (chance (g, 0.4))
        break;
      G_GNUC_FALLTHROUGH;
    case AFS_CATEGORY_REPAIR:
    case AFS_CATEGORY_COMPLAINT:
    case AFS_CATEGORY_N:
    default:
      {
        /* Something the customer already has, or a new one. */
        guint seen = 0;

        for (gint32 i = c->first_equipment; i >= 0; i = g_array_index (g->equipment, Equipment, i).next)
          {
            const Equipment *eq = &g_array_index (g->equipment, Equipment, i);

            if (eq->purchase < plan.reported - 7 * DAY && g_rand_int_range (g->rand, 0, ++seen) == 0)
              e = i;
          }
        if (e < 0 || chance (g, 0.3))
          {
            gint64 purchase = plan.reported - between (g, 10 * DAY, 6 * 365 * DAY);

            gint64 installed = MIN (purchase + between (g, 1 * DAY, 14 * DAY), plan.reported - DAY);

            if (!add_equipment (g, c, product, purchase, installed, &e, error))
              return FALSE;
          }
        break;
      }
    }

  if (e >= 0)
    {
      w.equipment = &g_array_index (g->equipment, Equipment, e);
      p = afs_demo_text_product (w.equipment->product);
    }
  w.customer = c;
  w.product = p;
  w.text.lang = c->lang;
  w.text.category = plan.category;
  w.text.product = p;
  w.text.model = w.equipment != NULL ? w.equipment->model : NULL;
  w.text.serial = w.equipment != NULL ? w.equipment->serial : NULL;
  w.text.purchase_year = w.equipment != NULL ? year_of (w.equipment->purchase) : 0;
  w.office = office_for (g, c->lang);

  /* Grade, cause, warranty, money. */
  plan.severity = pick_severity (g, plan.category);
  plan.cause = pick_cause (g, plan.category);
  if (w.equipment == NULL)
    plan.warranty = AFS_WARRANTY_IN;   /* advice is free */
  else
    plan.warranty = plan.reported <= w.equipment->warranty_end ? AFS_WARRANTY_IN : AFS_WARRANTY_OUT;
  plan.third_party = (plan.cause == AFS_CAUSE_TRANSPORT_DAMAGE && chance (g, 0.7)) ||
                     (plan.cause == AFS_CAUSE_PRODUCT_QUALITY && plan.severity <= 2 && chance (g, 0.2));
  plan_costs (g, &plan, p);

  /* Fates: out of scope 4 %, cancelled 4 %; the first cases make sure
   * both exist even in a tiny company. */
  if (stop_in == AFS_CASE_STATE_N && (index == 3 || chance (g, 0.04)))
    plan.fate = FATE_OUT_OF_SCOPE;
  else if (stop_in == AFS_CASE_STATE_N && (index == 7 || chance (g, 0.04)))
    {
      static const int cancel_weights[3] = { 30, 35, 35 };
      plan.fate = FATE_CANCEL;
      plan.cancel_point = (CancelPoint) weighted (g, cancel_weights, 3);
    }

  /* A stuck case must be able to reach its state. */
  switch (stop_in)
    {
    case AFS_CASE_STATE_AWAITING_APPROVAL:
    case AFS_CASE_STATE_APPROVED:
      if (!plan_needs_approval (g, &plan))
        plan.cost = round_money (g->approval.cost_approval_limit * (1.1 + g_rand_double (g->rand)));
      if (plan.severity == 4)
        plan.severity = 2;
      break;
    case AFS_CASE_STATE_DISPATCHED:
    case AFS_CASE_STATE_ON_SITE:
    case AFS_CASE_STATE_SECOND_VISIT:
      if (plan.severity == 4)
        plan.severity = 3;
      if (plan.category == AFS_CATEGORY_CONSULTATION)
        plan.category = w.text.category = AFS_CATEGORY_REPAIR;
      break;
    default:
      break;
    }

  plan.needs_approval = plan_needs_approval (g, &plan);
  plan.rejected_first = plan.needs_approval && stop_in == AFS_CASE_STATE_N && chance (g, 0.12);
  if (plan.category == AFS_CATEGORY_CONSULTATION)
    plan.severity = 4;
  plan.remote = plan.severity == 4;
  /* Nobody is dispatched to a remote case, and a cancelled plan is not
   * argued over first. */
  if (plan.fate == FATE_CANCEL)
    {
      plan.rejected_first = FALSE;
      if (plan.remote && plan.cancel_point == CANCEL_WHEN_DISPATCHED)
        plan.cancel_point = CANCEL_WHEN_TRIAGED;
    }
  plan.second_visit = !plan.remote && (stop_in == AFS_CASE_STATE_SECOND_VISIT ||
                                       (stop_in == AFS_CASE_STATE_N && chance (g, plan.severity == 2 ? 0.14 : 0.05)));
  plan.second_technician = !plan.remote && plan.severity <= 2 && p != NULL &&
                           (p->family == AFS_DEMO_FAMILY_MACHINE || p->family == AFS_DEMO_FAMILY_HVAC) && chance (g, 0.3);
  if (plan.cause == AFS_CAUSE_STAFF_ERROR && g->technicians->len == 0)
    plan.cause = AFS_CAUSE_OTHER;

  plan_times (g, &plan, c->lang, c->region);

  ok = walk_case (&w, error);
  walk_clear (&w);
  return ok;
}

/* ---- Report times ------------------------------------------------------------- */

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A local instant in the branch's day: calls and visits in the day,
 * mail and web forms at any hour. Weekends are quiet. */
static gint64
random_local_instant (Gen   *g,
                      gint64 from,
                      gint64 to)
{
  static const int hour_weights[24] = {
    1, 1, 1, 1, 1, 2, 4, 8, 14, 16, 15, 13, 10, 12, 14, 13, 11, 9, 7, 5, 4, 3, 2, 1,
  };

  for (;;)
    {
      gint64 t = between (g, from, to);
      gint64 day = t / DAY;
      int weekday = (int) ((day + 3) % 7);
      int hour = (int) weighted (g, hour_weights, 24);
      gint64 result = day * DAY + hour * HOUR + between (g, 0, HOUR);

      if (weekday >= 5 && chance (g, 0.6))
        continue;
      if (result < from || result >= to)
        continue;
      return result;
    }
}

/* Report times (local) of all cases, sorted: about two years, with the
 * company growing (the density rises by half over the period), plus a
 * small current workload for small companies. */
static gint64 *
make_report_times (Gen   *g,
                   guint  n)
{
  gint64 *times = g_new (gint64, MAX (n, 1));
  gint64 end = g->now - 30 * MINUTE;
  gint64 start = end - HISTORY_DAYS * DAY;
  guint recent = MIN (n / 5, RECENT_MIN_CASES);

  for (guint i = 0; i < n - recent; i++)
    {
      /* Inverse CDF of a density rising linearly from 1 to 1.5. */
      double u = g_rand_double (g->rand);
      /* density (1 + x/2) / 1.25 on [0, 1]: F(x) = (x + x²/4) / 1.25 */
      double x = (-1.0 + sqrt (1.0 + 1.25 * u)) / 0.5;
      gint64 around = start + (gint64) (CLAMP (x, 0.0, 1.0) * (double) (end - start));

      times[i] = random_local_instant (g, MAX (start, around - DAY), MIN (end, around + DAY));
    }
  for (guint i = n - recent; i < n; i++)
    times[i] = random_local_instant (g, end - RECENT_DAYS * DAY, end);

  qsort (times, n, sizeof (gint64), compare_gint64);
  return times;
}

/* ---- Entry point ---------------------------------------------------------------- */

static void
gen_clear (Gen *g)
{
  for (guint i = 0; i < g->n_customers; i++)
    {
      g_free (g->customers[i].id);
      g_free (g->customers[i].contact);
      g_free (g->customers[i].phone);
    }
  g_free (g->customers);
  if (g->equipment != NULL)
    {
      for (guint i = 0; i < g->equipment->len; i++)
        {
          Equipment *e = &g_array_index (g->equipment, Equipment, i);
          g_free (e->id);
          g_free (e->model);
          g_free (e->serial);
        }
      g_array_unref (g->equipment);
    }
  for (guint i = 0; i < AFS_DEMO_LANG_N; i++)
    g_clear_pointer (&g->tech_by_lang[i], g_ptr_array_unref);
  g_clear_pointer (&g->technicians, g_ptr_array_unref);
  g_clear_pointer (&g->office, g_ptr_array_unref);
  g_clear_pointer (&g->managers, g_ptr_array_unref);
  g_clear_pointer (&g->quality, g_ptr_array_unref);
  g_clear_pointer (&g->all_staff, g_ptr_array_unref);
  g_clear_pointer (&g->rand, g_rand_free);
  g_clear_pointer (&g->office_rand, g_rand_free);
  g_clear_pointer (&g->staff_rand, g_rand_free);
  if (g->s1 != NULL)
    {
      g_string_free (g->s1, TRUE);
      g_string_free (g->s2, TRUE);
      g_string_free (g->s3, TRUE);
      g_string_free (g->s4, TRUE);
    }
}

static gboolean
generate (Gen                  *g,
          const AfsDemoOptions *options,
          GError              **error)
{
  static const AfsCaseState stuck_states[] = {
    AFS_CASE_STATE_NEW, AFS_CASE_STATE_TRIAGED, AFS_CASE_STATE_AWAITING_APPROVAL,
    AFS_CASE_STATE_APPROVED, AFS_CASE_STATE_DISPATCHED, AFS_CASE_STATE_ON_SITE,
    AFS_CASE_STATE_SECOND_VISIT, AFS_CASE_STATE_RESOLVED,
  };
  guint n = options->n_cases;
  g_autofree gint64 *times = NULL;
  guint stuck_lo = 0, stuck_hi = 0, stuck_quota, stuck_stride = 1, stuck_made = 0;

  {
    GRand *cases_rand = g->rand;
    gboolean ok;

    g->rand = g->staff_rand;
    ok = make_staff (g, n, error);
    g->rand = cases_rand;
    if (!ok || !afs_demo_add_parts_catalogue (g->store, error))
      return FALSE;
  }
  init_customers (g, n);

  times = make_report_times (g, n);

  /* Cases left stuck in each open state, spread evenly over the cases
   * reported two to eight weeks ago: old enough to be overdue now. */
  while (stuck_lo < n && times[stuck_lo] < g->now - STUCK_OLDEST)
    stuck_lo++;
  stuck_hi = stuck_lo;
  while (stuck_hi < n && times[stuck_hi] < g->now - STUCK_NEWEST)
    stuck_hi++;
  stuck_quota = MAX ((guint) G_N_ELEMENTS (stuck_states) * 2, n / 160);
  stuck_quota = MIN (stuck_quota, stuck_hi - stuck_lo);
  if (stuck_quota > 0)
    stuck_stride = (stuck_hi - stuck_lo) / stuck_quota;

  for (guint i = 0; i < n; i++)
    {
      AfsCaseState stop_in = AFS_CASE_STATE_N;

      if (i >= stuck_lo && i < stuck_hi && stuck_made < stuck_quota &&
          (i - stuck_lo) % stuck_stride == 0)
        stop_in = stuck_states[stuck_made++ % G_N_ELEMENTS (stuck_states)];

      if (!make_case (g, i, times[i], stop_in, error))
        return FALSE;

      if ((i + 1) % BATCH_CASES == 0 && i + 1 < n)
        {
          g->in_batch = FALSE;
          if (!afs_store_end_batch (g->store, TRUE, error))
            return FALSE;
          if (!afs_store_begin_batch (g->store, error))
            return FALSE;
          g->in_batch = TRUE;
        }
      if (options->progress != NULL && ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == n))
        options->progress (i + 1, n, options->progress_data);
    }

  return TRUE;
}

/**
 * afs_demo_generate:
 * @store: an empty store
 * @options: how many cases, the seed, "now" and a progress callback
 * @error: return location for an error
 *
 * Fills @store with a demo company (see afs-demo.h). Deterministic for
 * a seed, a case count and "now". Everything is written through the
 * store API with the workflow rules checked on every step; when the
 * store refuses a step the generator expected to be allowed, generation
 * stops, nothing is kept of the unfinished batch, and @error names the
 * case and the step.
 *
 * The store's clock and actor are borrowed while generating and the
 * sync outbox is switched off (the demo data counts as already synced);
 * all three are put back afterwards.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_demo_generate (AfsStore             *store,
                   const AfsDemoOptions *options,
                   GError              **error)
{
  Gen g = { 0 };
  guint counts[AFS_CASE_STATE_N] = { 0 };
  guint overdue = 0;
  guint existing = 0;
  gboolean outbox_was_enabled;
  gboolean ok;

  g_return_val_if_fail (AFS_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_count_cases (store, counts, &overdue, error))
    return FALSE;
  for (guint i = 0; i < AFS_CASE_STATE_N; i++)
    existing += counts[i];
  if (existing > 0)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("The database %s already holds %u cases. Demo data goes only into a new, empty database."),
                   afs_store_get_path (store), existing);
      return FALSE;
    }

  g.store = store;
  g.rand = g_rand_new_with_seed (options->seed);
  g.office_rand = g_rand_new_with_seed (options->seed ^ 0x0ff1ce);
  g.staff_rand = g_rand_new_with_seed (options->seed ^ 0x57aff);
  g.now = options->now > 0 ? options->now : g_get_real_time () / G_USEC_PER_SEC;
  g.clock = g.now;
  afs_store_get_approval_policy (store, &g.approval);
  afs_store_get_deadline_policy (store, &g.deadlines);
  g.all_staff = g_ptr_array_new_with_free_func ((GDestroyNotify) staff_free);
  g.technicians = g_ptr_array_new ();
  g.office = g_ptr_array_new ();
  g.managers = g_ptr_array_new ();
  g.quality = g_ptr_array_new ();
  for (guint i = 0; i < AFS_DEMO_LANG_N; i++)
    g.tech_by_lang[i] = g_ptr_array_new ();
  g.equipment = g_array_new (FALSE, TRUE, sizeof (Equipment));
  g.s1 = g_string_sized_new (512);
  g.s2 = g_string_sized_new (512);
  g.s3 = g_string_sized_new (512);
  g.s4 = g_string_sized_new (512);

  outbox_was_enabled = afs_store_get_outbox_enabled (store);
  afs_store_set_outbox_enabled (store, FALSE);
  afs_store_set_clock (store, gen_clock, &g);

  ok = afs_store_begin_batch (store, error);
  if (ok)
    {
      g.in_batch = TRUE;
      ok = generate (&g, options, error);
      if (g.in_batch)
        {
          g.in_batch = FALSE;
          if (ok)
            ok = afs_store_end_batch (store, TRUE, error);
          else
            afs_store_end_batch (store, FALSE, NULL);
        }
    }

  /* Give the store back as it was: the clock must not point into this
   * stack frame once it returns. */
  afs_store_set_clock (store, NULL, NULL);
  afs_store_set_actor (store, NULL, NULL, AFS_ROLE_OFFICE);
  afs_store_set_outbox_enabled (store, outbox_was_enabled);

  gen_clear (&g);
  return ok;
}
