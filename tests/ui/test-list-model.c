/* test-list-model.c: the lazy case list never holds more than its page
 * budget, fills placeholders when pages arrive, keeps objects across a
 * reload, and caps searches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-case-list-model.h"
#include "afs-ui-test-util.h"

#define N_CASES 2600   /* more than MAX_PAGES * PAGE_SIZE (2000) */
#define TIMEOUT 20000

static AfsStore *store;

static void
fill_store (void)
{
  g_autoptr(GError) error = NULL;
  AfsCustomerData customer = { 0 };
  g_autofree char *customer_id = NULL;

  customer.name = (char *) "Zakład Testowy";
  customer.phone = (char *) "+48 12 345 67 89";
  customer.region = AFS_REGION_LOCAL;

  g_assert_true (afs_store_begin_batch (store, &error));
  g_assert_no_error (error);
  g_assert_true (afs_store_add_customer (store, &customer, &customer_id, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < N_CASES; i++)
    {
      AfsCaseInput input = { 0 };
      g_autofree char *description = g_strdup_printf ("Pump %u leaks oil at the seal", i);

      input.customer_id = customer_id;
      input.channel = AFS_CHANNEL_PHONE;
      input.category = AFS_CATEGORY_REPAIR;
      input.description = description;
      input.reported_at = 1767225600 + i * 60;   /* 2026-01-01, a minute apart */
      g_assert_true (afs_store_create_case (store, &input, NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_true (afs_store_end_batch (store, TRUE, &error));
  g_assert_no_error (error);
}

static gboolean
settled (gpointer data)
{
  AfsCaseListModel *model = data;

  return afs_case_list_model_get_ready (model) && !afs_case_list_model_get_loading (model);
}

static gboolean
loaded (gpointer data)
{
  return afs_case_get_loaded (AFS_CASE (data));
}

static void
test_paging (void)
{
  g_autoptr(AfsCaseListModel) model = afs_case_list_model_new (store);
  AfsCaseFilter filter = { 0 };
  g_autoptr(AfsCase) first = NULL;
  g_autoptr(AfsCase) again = NULL;
  g_autoptr(AfsCase) last = NULL;
  guint n;

  filter.sort = AFS_CASE_SORT_NEWEST;
  afs_case_list_model_set_filter (model, &filter);
  g_assert_true (afs_test_wait_until (settled, model, TIMEOUT));

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, N_CASES);
  g_assert_cmpuint (afs_case_list_model_get_n_cached_pages (model), ==, 0);

  /* A placeholder first, filled when its page arrives. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (afs_test_wait_until (loaded, first, TIMEOUT));
  g_assert_cmpint (afs_case_get_local_id (first), ==, afs_case_list_model_get_local_id (model, 0));
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (first == again);

  /* Newest first: the last one reported is on top. */
  g_assert_cmpint (afs_case_get_reported_at (first), ==, 1767225600 + (N_CASES - 1) * 60);

  /* Scrolling through everything keeps within the page budget. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AfsCase) kase = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_nonnull (kase);
      g_assert_cmpuint (afs_case_list_model_get_n_cached_pages (model), <=, AFS_CASE_LIST_MAX_PAGES);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));

  last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  g_assert_true (afs_test_wait_until (loaded, last, TIMEOUT));
  g_assert_cmpint (afs_case_get_reported_at (last), ==, 1767225600);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_signals)
{
  (*n_signals)++;
}

static void
test_reload_keeps_rows (void)
{
  g_autoptr(AfsCaseListModel) model = afs_case_list_model_new (store);
  AfsCaseFilter filter = { 0 };
  g_autoptr(AfsCase) before = NULL;
  g_autoptr(AfsCase) after = NULL;
  guint n_signals = 0;

  afs_case_list_model_set_filter (model, &filter);
  g_assert_true (afs_test_wait_until (settled, model, TIMEOUT));
  before = g_list_model_get_item (G_LIST_MODEL (model), 10);
  g_assert_true (afs_test_wait_until (loaded, before, TIMEOUT));

  /* Nothing changed in the store: no items-changed, same objects. */
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &n_signals);
  afs_case_list_model_reload (model);
  g_assert_true (afs_test_wait_until (settled, model, TIMEOUT));
  g_assert_cmpuint (n_signals, ==, 0);
  after = g_list_model_get_item (G_LIST_MODEL (model), 10);
  g_assert_true (before == after);
}

static void
test_search_limit (void)
{
  g_autoptr(AfsCaseListModel) model = afs_case_list_model_new (store);
  AfsCaseFilter filter = { 0 };

  filter.search = "pump";
  afs_case_list_model_set_filter (model, &filter);
  g_assert_true (afs_test_wait_until (settled, model, TIMEOUT));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, AFS_CASE_LIST_SEARCH_LIMIT);
  g_assert_true (afs_case_list_model_get_limit_reached (model));

  filter.search = "nothing-matches-this-zzz";
  afs_case_list_model_set_filter (model, &filter);
  g_assert_true (afs_test_wait_until (settled, model, TIMEOUT));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_false (afs_case_list_model_get_limit_reached (model));
}

static void
test_cancelled_query (void)
{
  g_autoptr(AfsCaseListModel) model = afs_case_list_model_new (store);
  AfsCaseFilter filter = { 0 };

  /* A quick change of mind: only the last filter counts. */
  filter.search = "pump";
  afs_case_list_model_set_filter (model, &filter);
  filter.search = NULL;
  filter.severity = 1;
  afs_case_list_model_set_filter (model, &filter);
  g_assert_true (afs_test_wait_until (settled, model, TIMEOUT));
  /* No case was graded: nothing is level 1. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  store = afs_test_make_store (0, NULL);
  fill_store ();

  g_test_add_func ("/ui/list-model/paging", test_paging);
  g_test_add_func ("/ui/list-model/reload-keeps-rows", test_reload_keeps_rows);
  g_test_add_func ("/ui/list-model/search-limit", test_search_limit);
  g_test_add_func ("/ui/list-model/cancelled-query", test_cancelled_query);

  ret = g_test_run ();
  g_clear_object (&store);
  return ret;
}
