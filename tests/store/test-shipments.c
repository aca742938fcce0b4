/* test-shipments.c: part shipments (DOMAIN.md 10) and the due-soon
 * notifications (DOMAIN.md 5) on a real file.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-error.h"
#include "afs-store-office.h"
#include "store-test-util.h"

static AfsShipmentData
shipment (const char *case_id,
          const char *part,
          double      quantity,
          const char *date)
{
  AfsShipmentData s = { 0, };

  s.case_id = (char *) case_id;
  s.part = (char *) part;
  s.model = (char *) "Frost 300";
  s.quantity = quantity;
  s.destination = (char *) "Hotel Lodówka, ul. Długa 5, Kraków";
  s.carrier = (char *) "InPost";
  s.tracking_number = (char *) "620123456789";
  s.shipped_date = (char *) date;
  return s;
}

static void
assert_refused (Fixture               *fx,
                const AfsShipmentData *s,
                const char            *expected)
{
  g_autoptr(GError) error = NULL;
  gint64 outbox = fx_int (fx, "SELECT count(*) FROM outbox");
  gint64 audit = fx_int (fx, "SELECT count(*) FROM audit");

  g_assert_false (afs_store_add_shipment (fx->store, s, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM part_shipments"), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit"), ==, audit);
}

static void
test_bad_input (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *id = fixture_new_case (fx, "Needs a relay");
  AfsShipmentData s = shipment (id, "Relay K2", 2, "2026-03-10");

  s.quantity = -1;
  assert_refused (fx, &s, "The quantity must be more than 0. Type how many were shipped.");
  s.quantity = 0;
  assert_refused (fx, &s, "The quantity must be more than 0. Type how many were shipped.");
  s.quantity = 1;
  s.part = (char *) " ";
  assert_refused (fx, &s, "Name the part that was shipped (its name or part number).");
  s.part = (char *) "Relay K2";
  s.destination = NULL;
  assert_refused (fx, &s, "Say where the part was shipped to (the destination).");
  s.destination = (char *) "Kraków";
  s.shipped_date = (char *) "2026-03-11";
  assert_refused (fx, &s, "The shipping date 2026-03-11 is in the future. Check the date on the document.");
  s.shipped_date = (char *) "10/03/2026";
  assert_refused (fx, &s, "The shipping date “10/03/2026” is not a date. Write it as YYYY-MM-DD, "
                          "for example 2024-03-15.");
  s.shipped_date = (char *) "2026-03-09";
  assert_refused (fx, &s, "The shipping date 2026-03-09 is before the case was reported "
                          "(2026-03-10). Check the date on the shipping note.");
  s.shipped_date = NULL;
  s.case_id = (char *) "01900000-0000-7000-8000-000000000000";
  assert_refused (fx, &s, "The case “01900000-0000-7000-8000-000000000000” of this shipment does "
                          "not exist. Choose an existing case.");

  /* Technicians do not register shipments (the office does, 004 §4.6.1). */
  s.case_id = id;
  fixture_act_as (fx, fx->tech_id, AFS_ROLE_TECHNICIAN);
  assert_refused (fx, &s, "Your role (Technician) cannot register part shipments. Ask office "
                          "staff or a manager.");
}

static void
test_add_list_search (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *a = fixture_new_case (fx, "Needs a relay");
  g_autofree char *b = fixture_new_case (fx, "Needs a fan");
  g_autofree char *sid = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *number_a = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  AfsShipmentData s = shipment (a, "Relay K2", 2, NULL);
  AfsShipmentData *got;
  gint64 outbox = fx_int (fx, "SELECT count(*) FROM outbox");

  g_assert_true (afs_store_add_shipment (fx->store, &s, &sid, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sid);
  /* The row and the audit event, each with its outbox row. */
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox + 2);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox WHERE table_name = 'part_shipments'"
                               " AND row_id = '%s' AND op = 'insert'", sid), ==, 1);
  audit = fx_text (fx, "SELECT kind || '|' || new_value || '|' || comment || '|' || actor_name"
                       "  FROM audit WHERE case_id = '%s' AND kind = 'shipment'", a);
  g_assert_cmpstr (audit, ==, "shipment|2 × Relay K2 → Hotel Lodówka, ul. Długa 5, Kraków|"
                              "InPost 620123456789|Olga Office");

  s = shipment (b, "Fan motor FM-40", 1.5, "2026-03-10");
  s.carrier = (char *) "DHL";
  s.tracking_number = (char *) "JD0146000012345";
  g_assert_true (afs_store_add_shipment (fx->store, &s, NULL, &error));
  g_assert_no_error (error);

  rows = afs_store_list_case_shipments (fx->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  got = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (got->part, ==, "Relay K2");
  g_assert_cmpstr (got->model, ==, "Frost 300");
  g_assert_cmpfloat (got->quantity, ==, 2);
  g_assert_cmpstr (got->carrier, ==, "InPost");
  g_assert_cmpstr (got->tracking_number, ==, "620123456789");
  g_assert_cmpstr (got->shipped_date, ==, "2026-03-10");
  number_a = g_strdup (got->case_number);
  g_assert_nonnull (number_a);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Search by part, tracking number, carrier, case number; blank lists all. */
  {
    struct { const char *text; guint n; } searches[] = {
      { "relay", 1 }, { "JD0146", 1 }, { "dhl", 1 }, { "inpost", 1 }, { "frost", 2 },
      { "kraków", 2 }, { "", 2 }, { NULL, 2 }, { "%", 0 }, { "nothing", 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        rows = afs_store_search_shipments (fx->store, searches[i].text, 0, &error);
        g_assert_no_error (error);
        if (rows->len != searches[i].n)
          g_error ("search “%s” found %u shipments, expected %u", searches[i].text, rows->len,
                   searches[i].n);
        g_clear_pointer (&rows, g_ptr_array_unref);
      }
  }
  rows = afs_store_search_shipments (fx->store, number_a, 0, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((AfsShipmentData *) g_ptr_array_index (rows, 0))->case_id, ==, a);
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = afs_store_search_shipments_finish (AFS_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_search_async (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *a = fixture_new_case (fx, "Needs a relay");
  AfsShipmentData s = shipment (a, "Relay K2", 2, NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (afs_store_add_shipment (fx->store, &s, NULL, &error));
  afs_store_search_shipments_async (fx->store, "K2", 0, NULL, on_searched, &rows);
  while (rows == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rows->len, ==, 1);
}

/* DOMAIN.md 5: a desktop notification when a case becomes due soon, once
 * per deadline. */
static void
test_due_soon (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *id = fixture_new_case (fx, "Cold room warm");
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox, next_due;
  AfsDueSoon *d;

  /* Not graded yet: the answer within 24 h is the deadline that runs. */
  next_due = fx_int (fx, "SELECT next_due FROM cases WHERE id = '%s'", id);
  g_assert_cmpint (next_due, ==, TEST_NOW + 24 * 3600);

  due = afs_store_list_due_soon (fx->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);

  fx->now = next_due - 2 * 3600 + 60;
  due = afs_store_list_due_soon (fx->store, 2, &error);
  g_assert_cmpuint (due->len, ==, 1);
  d = g_ptr_array_index (due, 0);
  g_assert_cmpstr (d->case_id, ==, id);
  g_assert_cmpstr (d->customer_name, ==, "Hotel Lodówka");
  g_assert_cmpint (d->due, ==, next_due);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Told once: local state, nothing for sync or the timeline. */
  outbox = fx_int (fx, "SELECT count(*) FROM outbox");
  g_assert_true (afs_store_mark_due_notified (fx->store, id, next_due, &error));
  g_assert_true (afs_store_mark_due_notified (fx->store, id, next_due, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox);
  due = afs_store_list_due_soon (fx->store, 2, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* A new deadline is told again: level 1 answers within 4 h. */
  fx->now = TEST_NOW + 3600;
  fixture_update (fx, id, "severity", "1", NULL);
  next_due = fx_int (fx, "SELECT next_due FROM cases WHERE id = '%s'", id);
  g_assert_cmpint (next_due, ==, TEST_NOW + 4 * 3600);
  due = afs_store_list_due_soon (fx->store, 2, &error);
  g_assert_cmpuint (due->len, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = afs_store_list_due_soon (fx->store, 3, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (((AfsDueSoon *) g_ptr_array_index (due, 0))->due, ==, next_due);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Passed an hour ago (the app was closed): still told; passed longer
   * ago than the window: the overdue filter's business, not news. */
  fx->now = next_due + 3600;
  due = afs_store_list_due_soon (fx->store, 2, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_clear_pointer (&due, g_ptr_array_unref);
  fx->now = next_due + 3 * 3600;
  due = afs_store_list_due_soon (fx->store, 2, &error);
  g_assert_cmpuint (due->len, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/shipments/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("bad-input", test_bad_input);
  ADD ("add-list-search", test_add_list_search);
  ADD ("search-async", test_search_async);
  ADD ("due-soon", test_due_soon);

  return g_test_run ();
}
