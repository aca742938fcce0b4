/* test-search.c: full-text search (numbers, serials, diacritics, Chinese,
 * Japanese, hostile input), filters, sort orders, loading by id, counts,
 * and the async calls. */

#include "config.h"

#include <string.h>

#include "afs-error.h"
#include "store-test-util.h"

#define HOUR 3600

typedef struct {
  Fixture  fx;
  char    *polish;      /* case 1 */
  char    *chinese;     /* case 2 */
  char    *spanish;     /* case 3 */
  char    *japanese;    /* case 4 */
  char    *with_serial; /* case 5 */
  char    *case_123;
} SearchFixture;

static char *
new_case_without_equipment (Fixture    *fx,
                            const char *description,
                            gint64      reported_at)
{
  g_autoptr(GError) error = NULL;
  AfsCaseInput input = { 0, };
  char *id = NULL;

  input.customer_id = fx->remote_customer_id;
  input.description = description;
  input.reported_at = reported_at;
  afs_store_create_case (fx->store, &input, &id, &error);
  g_assert_no_error (error);

  return id;
}

static void
search_setup (SearchFixture *sf,
              gconstpointer  data)
{
  Fixture *fx = &sf->fx;
  g_autoptr(GError) error = NULL;

  fixture_setup (fx, data);

  /* The fixture's customer is called "Hotel Lodówka": a name of its own
   * here, so "lodowka" finds the Polish description only. */
  {
    const char *fields[] = { "name", NULL };
    const char *values[] = { "Hotel Adler", NULL };

    g_assert_true (afs_store_update_customer (fx->store, fx->customer_id, 0, fields, values, &error));
    g_assert_no_error (error);
  }

  sf->polish = new_case_without_equipment (fx, "Lodówka nie chłodzi, sprężarka głośna", TEST_NOW - 50 * HOUR);
  sf->chinese = new_case_without_equipment (fx, "冰箱不制冷，压缩机噪音大", TEST_NOW - 40 * HOUR);
  sf->spanish = new_case_without_equipment (fx, "La nevera no enfría; el cliente está enfadado", TEST_NOW - 30 * HOUR);
  sf->japanese = new_case_without_equipment (fx, "冷蔵庫が冷えない", TEST_NOW - 20 * HOUR);
  sf->with_serial = fixture_new_case (fx, "Display flickers");

  /* Enough cases for number 123 and beyond; their text has no digits. */
  afs_store_begin_batch (fx->store, &error);
  g_assert_no_error (error);
  for (guint i = 6; i <= 130; i++)
    {
      char *id = new_case_without_equipment (fx, "routine maintenance visit", TEST_NOW - 100 * HOUR - i);

      if (i == 123)
        sf->case_123 = id;
      else
        g_free (id);
    }
  afs_store_end_batch (fx->store, TRUE, &error);
  g_assert_no_error (error);
}

static void
search_teardown (SearchFixture *sf,
                 gconstpointer  data)
{
  g_free (sf->polish);
  g_free (sf->chinese);
  g_free (sf->spanish);
  g_free (sf->japanese);
  g_free (sf->with_serial);
  g_free (sf->case_123);
  fixture_teardown (&sf->fx, data);
}

static gint64
local_id_of (Fixture    *fx,
             const char *id)
{
  return fx_int (fx, "SELECT local_id FROM cases WHERE id = '%s'", id);
}

static GArray *
query (Fixture             *fx,
       const AfsCaseFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = afs_store_query_case_ids (fx->store, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  return ids;
}

static GArray *
search (Fixture    *fx,
        const char *text)
{
  AfsCaseFilter filter = { 0, };

  filter.search = text;
  return query (fx, &filter);
}

/* @text finds exactly the case @id. */
static void
assert_finds_only (Fixture    *fx,
                   const char *text,
                   const char *id)
{
  g_autoptr(GArray) ids = search (fx, text);

  if (ids->len != 1 || g_array_index (ids, gint64, 0) != local_id_of (fx, id))
    g_error ("search “%s” found %u cases, not just the one expected", text, ids->len);
}

static gboolean
contains (GArray *ids,
          gint64  local_id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == local_id)
      return TRUE;
  return FALSE;
}

static void
test_numbers (SearchFixture *sf, gconstpointer data)
{
  Fixture *fx = &sf->fx;
  g_autofree char *number = fx_text (fx, "SELECT number FROM cases WHERE id = '%s'", sf->case_123);

  g_assert_cmpstr (number, ==, "AS-2026-000123");
  assert_finds_only (fx, "AS-2026-000123", sf->case_123);
  assert_finds_only (fx, "as-2026-000123", sf->case_123);
  assert_finds_only (fx, "  AS-2026-000123  ", sf->case_123);
  assert_finds_only (fx, "000123", sf->case_123);
  assert_finds_only (fx, "123", sf->case_123);

  /* A prefix while typing: "12" finds 12 and 120…129 (and 123). */
  {
    g_autoptr(GArray) ids = search (fx, "12");

    g_assert_cmpuint (ids->len, ==, 11);
    g_assert_true (contains (ids, local_id_of (fx, sf->case_123)));
  }
}

static void
test_serial (SearchFixture *sf, gconstpointer data)
{
  Fixture *fx = &sf->fx;

  /* Serial HXA2023110045: whole, start, any part, any case. */
  assert_finds_only (fx, "HXA2023110045", sf->with_serial);
  assert_finds_only (fx, "hxa2023", sf->with_serial);
  assert_finds_only (fx, "2023110", sf->with_serial);
  assert_finds_only (fx, "110045", sf->with_serial);
  assert_finds_only (fx, "0045", sf->with_serial);
}

static void
test_languages (SearchFixture *sf, gconstpointer data)
{
  Fixture *fx = &sf->fx;

  /* Polish without diacritics, and ł typed as l. */
  assert_finds_only (fx, "lodowka", sf->polish);
  assert_finds_only (fx, "Lodówka", sf->polish);
  assert_finds_only (fx, "LODÓWKA", sf->polish);
  assert_finds_only (fx, "chlodzi", sf->polish);
  assert_finds_only (fx, "sprezarka glosna", sf->polish);
  assert_finds_only (fx, "lodo", sf->polish);

  /* Chinese: any run of characters. */
  assert_finds_only (fx, "冰箱", sf->chinese);
  assert_finds_only (fx, "制冷", sf->chinese);
  assert_finds_only (fx, "冰箱不制冷", sf->chinese);
  assert_finds_only (fx, "冰箱 噪音", sf->chinese);
  assert_finds_only (fx, "压缩机", sf->chinese);
  {
    g_autoptr(GArray) none = search (fx, "冰制");   /* not adjacent in the text */
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* Japanese, mixed kana and kanji. */
  assert_finds_only (fx, "冷蔵庫", sf->japanese);
  assert_finds_only (fx, "冷えない", sf->japanese);

  /* Spanish without accents. */
  assert_finds_only (fx, "nevera enfria", sf->spanish);
  assert_finds_only (fx, "enfadado", sf->spanish);

  /* Customer names: the fixture's customer has the serial case. */
  {
    g_autoptr(GArray) ids = search (fx, "hotel adler");

    g_assert_cmpuint (ids->len, ==, 1);
  }
  {
    g_autoptr(GArray) ids = search (fx, "estacion remota");

    g_assert_cmpuint (ids->len, ==, 129);
  }
}

static void
test_hostile_input (SearchFixture *sf, gconstpointer data)
{
  Fixture *fx = &sf->fx;
  const char *inputs[] = {
    "'; DROP TABLE cases; --",
    "\" OR 1=1 --",
    "lodówka\"",
    "\"",
    "\"\"",
    "*",
    "(",
    ")",
    "NEAR(a b)",
    "description:lodowka",
    "AND",
    "OR NOT",
    "-",
    "^lodowka",
    "lodowka*",
    "{number}: 1",
    "\xff\xfe invalid utf8",
    "🙂",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = NULL;
      AfsCaseFilter filter = { 0, };

      filter.search = inputs[i];
      ids = afs_store_query_case_ids (fx->store, &filter, &error);
      g_assert_no_error (error);
      g_assert_nonnull (ids);
    }

  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM cases"), ==, 130);
  /* Quoted text is still found. */
  assert_finds_only (fx, "\"lodowka\"", sf->polish);
  assert_finds_only (fx, "lodówka\"", sf->polish);

  /* The expression itself: every word quoted, last one a prefix. */
  {
    g_autofree char *q = afs_store_build_search_query ("a\"b  AS-2026 冰箱");
    g_assert_cmpstr (q, ==, "\"a\"\"b\" \"AS-2026\" \" 冰  箱 \"");
  }
  {
    g_autofree char *q = afs_store_build_search_query ("lod");
    g_assert_cmpstr (q, ==, "\"lod\"*");
  }
  /* One letter is not a prefix: every word starting with it would be
   * read; a token cut by punctuation is complete. */
  {
    g_autofree char *q = afs_store_build_search_query ("a");
    g_assert_cmpstr (q, ==, "\"a\"");
  }
  {
    g_autofree char *q = afs_store_build_search_query ("LOT 23F-2");
    g_assert_cmpstr (q, ==, "\"LOT\" \"23F-2\"");
  }
  {
    g_autofree char *q = afs_store_build_search_query ("lodówka.");
    g_assert_cmpstr (q, ==, "\"lodówka.\"");
  }
  {
    g_autofree char *q = afs_store_build_search_query ("冰箱E1");
    g_assert_cmpstr (q, ==, "\" 冰  箱 E1\"*");
  }
  g_assert_null (afs_store_build_search_query (""));
  g_assert_null (afs_store_build_search_query ("  \t "));
  g_assert_null (afs_store_build_search_query ("\" ' - *"));
  g_assert_null (afs_store_build_search_query (NULL));
}

static void
test_empty_search (SearchFixture *sf, gconstpointer data)
{
  Fixture *fx = &sf->fx;
  g_autoptr(GArray) all = search (fx, NULL);
  g_autoptr(GArray) empty = search (fx, "");
  g_autoptr(GArray) blank = search (fx, "   ");

  g_assert_cmpuint (all->len, ==, 130);
  g_assert_cmpuint (empty->len, ==, 130);
  g_assert_cmpuint (blank->len, ==, 130);
}

static void
test_reindexing (SearchFixture *sf, gconstpointer data)
{
  Fixture *fx = &sf->fx;
  g_autoptr(GError) error = NULL;

  /* A new description replaces the old in the index. */
  fixture_update (fx, sf->spanish, "description", "Lavadora pierde agua", NULL);
  {
    g_autoptr(GArray) old = search (fx, "nevera");
    g_assert_cmpuint (old->len, ==, 0);
  }
  assert_finds_only (fx, "lavadora", sf->spanish);

  /* The report's diagnosis and work are searched. */
  fixture_update (fx, sf->with_serial, "scope", "in", "warranty", "in", "severity", "3", "cause", "other", NULL);
  fixture_act (fx, sf->with_serial, AFS_ACTION_TRIAGE, NULL);
  g_assert_true (afs_store_assign_technician (fx->store, sf->with_serial, fx->tech_id, TRUE, &error));
  fixture_act (fx, sf->with_serial, AFS_ACTION_DISPATCH, NULL);
  {
    AfsReportData report = { 0, };

    report.case_id = sf->with_serial;
    report.diagnosis = (char *) "Uszkodzony przekaźnik";
    report.actions = (char *) "Wymieniono płytę główną";
    g_assert_true (afs_store_save_report (fx->store, &report, &error));
    g_assert_no_error (error);
  }
  assert_finds_only (fx, "przekaznik", sf->with_serial);
  assert_finds_only (fx, "plyte glowna", sf->with_serial);

  /* A customer renamed: its cases are found by the new name. */
  {
    const char *fields[] = { "name", NULL };
    const char *values[] = { "Gasthaus Kühlschrank", NULL };

    g_assert_true (afs_store_update_customer (fx->store, fx->customer_id, 0, fields, values, &error));
    g_assert_no_error (error);
  }
  assert_finds_only (fx, "kuhlschrank", sf->with_serial);
  {
    g_autoptr(GArray) old = search (fx, "hotel");
    g_assert_cmpuint (old->len, ==, 0);
  }
}

static void
test_filters (SearchFixture *sf, gconstpointer data)
{
  Fixture *fx = &sf->fx;
  g_autoptr(GError) error = NULL;
  AfsCaseFilter filter = { 0, };

  /* Grade two cases, triage one, assign one. */
  fixture_update (fx, sf->polish, "scope", "in", "warranty", "in", "severity", "2", "cause", "other", NULL);
  fixture_update (fx, sf->chinese, "severity", "2", NULL);
  fixture_act (fx, sf->polish, AFS_ACTION_TRIAGE, NULL);
  g_assert_true (afs_store_assign_technician (fx->store, sf->polish, fx->tech_id, TRUE, &error));
  g_assert_true (afs_store_assign_technician (fx->store, sf->chinese, fx->tech2_id, TRUE, &error));
  g_assert_no_error (error);

  filter.state_mask = 1u << AFS_CASE_STATE_TRIAGED;
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, local_id_of (fx, sf->polish));
  }

  filter.state_mask = (1u << AFS_CASE_STATE_TRIAGED) | (1u << AFS_CASE_STATE_NEW);
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    g_assert_cmpuint (ids->len, ==, 130);
  }
  filter.state_mask = 1u << AFS_CASE_STATE_CLOSED;
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    g_assert_cmpuint (ids->len, ==, 0);
  }

  filter.state_mask = 0;
  filter.severity = 2;
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    g_assert_cmpuint (ids->len, ==, 2);
  }

  filter.severity = 0;
  filter.technician_id = fx->tech2_id;
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, local_id_of (fx, sf->chinese));
  }

  /* Search combined with filters. */
  filter.technician_id = NULL;
  filter.search = "lodowka";
  filter.state_mask = 1u << AFS_CASE_STATE_NEW;
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    g_assert_cmpuint (ids->len, ==, 0);
  }
  filter.state_mask = 1u << AFS_CASE_STATE_TRIAGED;
  filter.severity = 2;
  filter.technician_id = fx->tech_id;
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    g_assert_cmpuint (ids->len, ==, 1);
  }
  filter.technician_id = fx->tech2_id;
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    g_assert_cmpuint (ids->len, ==, 0);
  }

  /* Limit, with and without search. */
  memset (&filter, 0, sizeof filter);
  filter.search = "routine";
  filter.limit = 7;
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    g_assert_cmpuint (ids->len, ==, 7);
    /* Newest first: by local id, descending. */
    for (guint i = 1; i < ids->len; i++)
      g_assert_cmpint (g_array_index (ids, gint64, i - 1), >, g_array_index (ids, gint64, i));
  }
  filter.search = NULL;
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    g_assert_cmpuint (ids->len, ==, 7);
  }
}

static void
test_sort_and_overdue (SearchFixture *sf, gconstpointer data)
{
  Fixture *fx = &sf->fx;
  AfsCaseFilter filter = { 0, };
  guint counts[AFS_CASE_STATE_N];
  guint overdue = 0;
  g_autoptr(GError) error = NULL;

  /* Newest reported first. */
  {
    g_autoptr(GArray) ids = query (fx, &filter);

    g_assert_cmpuint (ids->len, ==, 130);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, local_id_of (fx, sf->with_serial));
    g_assert_cmpint (g_array_index (ids, gint64, 1), ==, local_id_of (fx, sf->japanese));
    g_assert_cmpint (g_array_index (ids, gint64, 4), ==, local_id_of (fx, sf->polish));
    for (guint i = 1; i < ids->len; i++)
      {
        gint64 a = fx_int (fx, "SELECT reported_at FROM cases WHERE local_id = %" G_GINT64_FORMAT, g_array_index (ids, gint64, i - 1));
        gint64 b = fx_int (fx, "SELECT reported_at FROM cases WHERE local_id = %" G_GINT64_FORMAT, g_array_index (ids, gint64, i));
        g_assert_cmpint (a, >=, b);
      }
  }

  /* Close one (no deadline any more) and see the deadline order. */
  fixture_act (fx, sf->japanese, AFS_ACTION_CANCEL, "duplicate");
  filter.sort = AFS_CASE_SORT_DUE;
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    gint64 previous = 0;

    g_assert_cmpuint (ids->len, ==, 130);
    for (guint i = 0; i < ids->len - 1; i++)
      {
        gint64 due = fx_int (fx, "SELECT next_due FROM cases WHERE local_id = %" G_GINT64_FORMAT, g_array_index (ids, gint64, i));

        g_assert_cmpint (due, >, 0);
        g_assert_cmpint (due, >=, previous);
        previous = due;
      }
    /* Without a deadline: last. */
    g_assert_cmpint (g_array_index (ids, gint64, ids->len - 1), ==, local_id_of (fx, sf->japanese));
  }
  filter.limit = 3;
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    g_assert_cmpuint (ids->len, ==, 3);
  }
  filter.limit = 0;

  /* Overdue: everything reported 100 h ago at a remote customer answered
   * within 24 h is overdue; the fresh ones are not. */
  filter.overdue_only = TRUE;
  {
    g_autoptr(GArray) ids = query (fx, &filter);

    for (guint i = 0; i < ids->len; i++)
      {
        gint64 due = fx_int (fx, "SELECT next_due FROM cases WHERE local_id = %" G_GINT64_FORMAT, g_array_index (ids, gint64, i));
        g_assert_cmpint (due, >, 0);
        g_assert_cmpint (due, <, TEST_NOW);
      }
    g_assert_cmpint (ids->len, ==, fx_int (fx, "SELECT count(*) FROM cases WHERE next_due > 0 AND next_due < %" G_GINT64_FORMAT, TEST_NOW));
    g_assert_cmpuint (ids->len, >=, 125);
    g_assert_false (contains (ids, local_id_of (fx, sf->with_serial)));
    g_assert_false (contains (ids, local_id_of (fx, sf->japanese)));
  }
  /* Another "now". */
  filter.now = TEST_NOW - 1000 * HOUR;
  {
    g_autoptr(GArray) ids = query (fx, &filter);
    g_assert_cmpuint (ids->len, ==, 0);
  }

  g_assert_true (afs_store_count_cases (fx->store, counts, &overdue, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[AFS_CASE_STATE_NEW], ==, 129);
  g_assert_cmpuint (counts[AFS_CASE_STATE_CANCELLED], ==, 1);
  g_assert_cmpuint (counts[AFS_CASE_STATE_CLOSED], ==, 0);
  g_assert_cmpuint (overdue, ==, fx_int (fx, "SELECT count(*) FROM cases WHERE next_due > 0 AND next_due < %" G_GINT64_FORMAT, TEST_NOW));
}

static void
test_load_cases (SearchFixture *sf, gconstpointer data)
{
  Fixture *fx = &sf->fx;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GArray) all = NULL;
  AfsCaseFilter filter = { 0, };
  gint64 ids[6];

  ids[0] = local_id_of (fx, sf->spanish);
  ids[1] = local_id_of (fx, sf->polish);
  ids[2] = 999999;                          /* gone */
  ids[3] = local_id_of (fx, sf->with_serial);
  ids[4] = local_id_of (fx, sf->polish);    /* twice */
  ids[5] = local_id_of (fx, sf->case_123);

  cases = afs_store_load_cases (fx->store, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 5);
  g_assert_cmpstr (((AfsCaseData *) g_ptr_array_index (cases, 0))->id, ==, sf->spanish);
  g_assert_cmpstr (((AfsCaseData *) g_ptr_array_index (cases, 1))->id, ==, sf->polish);
  g_assert_cmpstr (((AfsCaseData *) g_ptr_array_index (cases, 2))->id, ==, sf->with_serial);
  g_assert_cmpstr (((AfsCaseData *) g_ptr_array_index (cases, 3))->id, ==, sf->polish);
  g_assert_cmpstr (((AfsCaseData *) g_ptr_array_index (cases, 4))->number, ==, "AS-2026-000123");
  g_assert_cmpstr (((AfsCaseData *) g_ptr_array_index (cases, 2))->serial, ==, "HXA2023110045");
  g_assert_cmpstr (((AfsCaseData *) g_ptr_array_index (cases, 0))->customer_name, ==, "Estación Remota");
  g_clear_pointer (&cases, g_ptr_array_unref);

  /* All of them, in several chunks, in order. */
  all = query (fx, &filter);
  cases = afs_store_load_cases (fx->store, (gint64 *) (gpointer) all->data, all->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, all->len);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (((AfsCaseData *) g_ptr_array_index (cases, i))->local_id, ==, g_array_index (all, gint64, i));
  g_clear_pointer (&cases, g_ptr_array_unref);

  cases = afs_store_load_cases (fx->store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 0);
}

typedef struct {
  GMainLoop *loop;
  GArray    *ids;
  GPtrArray *cases;
  GError    *error;
  guint      pending;
} AsyncData;

static void
query_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncData *ad = user_data;

  ad->ids = afs_store_query_case_ids_finish (AFS_STORE (source), result, &ad->error);
  if (--ad->pending == 0)
    g_main_loop_quit (ad->loop);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncData *ad = user_data;

  ad->cases = afs_store_load_cases_finish (AFS_STORE (source), result, &ad->error);
  if (--ad->pending == 0)
    g_main_loop_quit (ad->loop);
}

static void
test_async (SearchFixture *sf, gconstpointer data)
{
  Fixture *fx = &sf->fx;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData ad = { loop, NULL, NULL, NULL, 0 };
  AfsCaseFilter filter = { 0, };
  g_autofree char *text = g_strdup ("lodowka");

  /* The filter's strings are copied: the caller's may go at once. */
  filter.search = text;
  ad.pending = 1;
  afs_store_query_case_ids_async (fx->store, &filter, NULL, query_done, &ad);
  g_clear_pointer (&text, g_free);
  g_main_loop_run (loop);
  g_assert_no_error (ad.error);
  g_assert_cmpuint (ad.ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ad.ids, gint64, 0), ==, local_id_of (fx, sf->polish));

  ad.pending = 1;
  afs_store_load_cases_async (fx->store, (gint64 *) (gpointer) ad.ids->data, ad.ids->len, NULL, load_done, &ad);
  g_main_loop_run (loop);
  g_assert_no_error (ad.error);
  g_assert_cmpuint (ad.cases->len, ==, 1);
  g_assert_cmpstr (((AfsCaseData *) g_ptr_array_index (ad.cases, 0))->id, ==, sf->polish);
  g_clear_pointer (&ad.ids, g_array_unref);
  g_clear_pointer (&ad.cases, g_ptr_array_unref);

  /* Several at once complete in order, on the one worker. */
  memset (&filter, 0, sizeof filter);
  ad.pending = 2;
  afs_store_query_case_ids_async (fx->store, &filter, NULL, query_done, &ad);
  {
    gint64 one = local_id_of (fx, sf->chinese);
    afs_store_load_cases_async (fx->store, &one, 1, NULL, load_done, &ad);
  }
  g_main_loop_run (loop);
  g_assert_no_error (ad.error);
  g_assert_cmpuint (ad.ids->len, ==, 130);
  g_assert_cmpuint (ad.cases->len, ==, 1);
  g_clear_pointer (&ad.ids, g_array_unref);
  g_clear_pointer (&ad.cases, g_ptr_array_unref);

  /* Cancelled: the callback still comes, with G_IO_ERROR_CANCELLED. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    ad.pending = 1;
    afs_store_query_case_ids_async (fx->store, &filter, cancellable, query_done, &ad);
    g_main_loop_run (loop);
    g_assert_error (ad.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (ad.ids);
    g_clear_error (&ad.error);
  }

  /* The store may be dropped while a call is queued: the task keeps it. */
  {
    AfsStore *store = g_object_ref (fx->store);

    ad.pending = 1;
    afs_store_query_case_ids_async (store, &filter, NULL, query_done, &ad);
    g_object_unref (store);
    g_main_loop_run (loop);
    g_assert_no_error (ad.error);
    g_clear_pointer (&ad.ids, g_array_unref);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/search/" path, SearchFixture, NULL, search_setup, func, search_teardown)

  ADD ("numbers", test_numbers);
  ADD ("serial", test_serial);
  ADD ("languages", test_languages);
  ADD ("hostile-input", test_hostile_input);
  ADD ("empty", test_empty_search);
  ADD ("reindexing", test_reindexing);
  ADD ("filters", test_filters);
  ADD ("sort-and-overdue", test_sort_and_overdue);
  ADD ("load-cases", test_load_cases);
  ADD ("async", test_async);

  return g_test_run ();
}
