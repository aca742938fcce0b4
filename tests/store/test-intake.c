/* test-intake.c: the intake desk's store calls on a real file: customers
 * as you type, duplicates, equipment by serial, editing equipment, the
 * warranty of a case (DOMAIN.md 1-2).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-db.h"
#include "afs-error.h"
#include "afs-migrations.h"
#include "afs-store-office.h"
#include "afs-uuid.h"
#include "store-test-util.h"

static char *
add_customer (Fixture    *fx,
              const char *name,
              const char *phone,
              const char *city,
              const char *address)
{
  g_autoptr(GError) error = NULL;
  AfsCustomerData c = { 0, };
  char *id = NULL;

  c.name = (char *) name;
  c.phone = (char *) phone;
  c.city = (char *) city;
  c.address = (char *) address;
  afs_store_add_customer (fx->store, &c, &id, &error);
  g_assert_no_error (error);
  return id;
}

/* The names found for @text, joined with "|", in order. */
static char *
search (Fixture    *fx,
        const char *text,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = afs_store_search_customers (fx->store, text, limit, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  for (guint i = 0; i < rows->len; i++)
    {
      AfsCustomerData *c = g_ptr_array_index (rows, i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, c->name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_search(fx, text, expected) \
  G_STMT_START { \
    g_autofree char *got_ = search ((fx), (text), 0); \
    g_assert_cmpstr (got_, ==, (expected)); \
  } G_STMT_END

static void
test_search_customers (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *jozef = NULL;
  g_autoptr(GError) error = NULL;

  jozef = add_customer (fx, "Józef Wiśniewski", "+48 601-234-567", "Wieliczka", "ul. Długa 5");
  g_free (add_customer (fx, "王建国", "+86 138 1234 5678", "上海", "浦东新区 张江路 100号"));
  g_free (add_customer (fx, "Talleres Peña", "+34 612 34 56 78", "Madrid", "Calle Mayor 1"));
  g_free (add_customer (fx, "Łukasz Zieliński", "22 111 22 33", "Łódź", NULL));

  /* Names, cities and addresses, by word prefix, without accents. */
  assert_search (fx, "jozef", "Józef Wiśniewski");
  assert_search (fx, "WIŚN", "Józef Wiśniewski");
  assert_search (fx, "wiel", "Józef Wiśniewski");
  assert_search (fx, "dluga", "Józef Wiśniewski");
  assert_search (fx, "krak", "Estación Remota|Hotel Lodówka");
  assert_search (fx, "hotel krak", "Hotel Lodówka");
  assert_search (fx, "pena", "Talleres Peña");
  assert_search (fx, "lodz", "Łukasz Zieliński");
  assert_search (fx, "lukasz", "Łukasz Zieliński");
  assert_search (fx, "王", "王建国");
  assert_search (fx, "上海", "王建国");
  /* Phone numbers, however they are typed. */
  assert_search (fx, "601 2", "Józef Wiśniewski");
  assert_search (fx, "+48 601-23", "Józef Wiśniewski");
  assert_search (fx, "0048601234567", "Józef Wiśniewski");
  assert_search (fx, "138 1234", "王建国");
  assert_search (fx, "+86 138", "王建国");
  assert_search (fx, "612-34", "Talleres Peña");
  /* Nothing to search for, or nothing found. */
  assert_search (fx, "", "");
  assert_search (fx, "   ", "");
  assert_search (fx, "60", "");
  assert_search (fx, "nobody", "");
  assert_search (fx, "\"*)(", "");

  /* The limit. */
  {
    g_autofree char *two = search (fx, "krak", 1);
    g_assert_cmpstr (two, ==, "Estación Remota");
  }

  /* A renamed customer is found by the new name only (the index follows
   * every write, through triggers). */
  {
    const char *fields[] = { "name", "city", NULL };
    const char *values[] = { "Jozef Wisniewski Serwis", "Kraków", NULL };

    g_assert_true (afs_store_update_customer (fx->store, jozef, 0, fields, values, &error));
    g_assert_no_error (error);
  }
  assert_search (fx, "wiel", "");
  assert_search (fx, "serwis", "Jozef Wisniewski Serwis");
  assert_search (fx, "krak", "Estación Remota|Hotel Lodówka|Jozef Wisniewski Serwis");

  /* Any writer keeps the index: plain SQL, even a REPLACE (which fires
   * no delete trigger). */
  fx_exec (fx, "INSERT OR REPLACE INTO customers (id, name, city, created_at, updated_at)"
               " VALUES ('%s', 'Warsztat Józefa', 'Kraków', 1, 1)", jozef);
  assert_search (fx, "serwis", "");
  assert_search (fx, "warsztat", "Warsztat Józefa");
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM customer_fts_map WHERE customer_id = '%s'", jozef), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM customer_fts"), ==,
                   fx_int (fx, "SELECT count(*) FROM customers WHERE deleted_at IS NULL"));
  /* A deleted (tombstoned) customer is not found. */
  fx_exec (fx, "UPDATE customers SET deleted_at = 5 WHERE id = '%s'", jozef);
  assert_search (fx, "warsztat", "");
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = afs_store_search_customers_finish (AFS_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
on_found_equipment (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = afs_store_find_equipment_finish (AFS_STORE (source), result, &error);
  g_assert_no_error (error);
}

/* The async calls answer in the main context, with the same rows. */
static void
test_async (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) equipment = NULL;

  afs_store_search_customers_async (fx->store, "hotel", 10, NULL, on_searched, &customers);
  afs_store_find_equipment_async (fx->store, "hxa 2023", 10, NULL, on_found_equipment, &equipment);
  while (customers == NULL || equipment == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (customers->len, ==, 1);
  g_assert_cmpstr (((AfsCustomerData *) g_ptr_array_index (customers, 0))->name, ==, "Hotel Lodówka");
  g_assert_cmpuint (equipment->len, ==, 1);
  g_assert_cmpstr (((AfsEquipmentHit *) g_ptr_array_index (equipment, 0))->equipment.serial, ==,
                   "HXA2023110045");
}

static GPtrArray *
duplicates (Fixture    *fx,
            const char *id,
            const char *name,
            const char *phone,
            const char *address)
{
  g_autoptr(GError) error = NULL;
  AfsCustomerData c = { 0, };
  GPtrArray *rows;

  c.id = (char *) id;
  c.name = (char *) name;
  c.phone = (char *) phone;
  c.address = (char *) address;
  rows = afs_store_find_duplicate_customers (fx->store, &c, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
test_duplicates (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *jozef = add_customer (fx, "Józef Wiśniewski", "+48 601-234-567", "Kraków",
                                         "ul. Długa 5");
  g_autofree char *other = add_customer (fx, "Józef Wiśniewski", "+48 602 000 000", "Kraków",
                                         "ul. Krótka 1");
  g_autoptr(GPtrArray) rows = NULL;
  AfsCustomerDuplicate *dup;

  /* The same phone written another way. */
  rows = duplicates (fx, NULL, "J. Wisniewski", "0048 601 234 567", NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  dup = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (dup->customer.id, ==, jozef);
  g_assert_cmpint (dup->reason, ==, AFS_DUPLICATE_PHONE);
  g_assert_cmpstr (dup->reason_text, ==, "Same phone number");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The same name and address, no accents, no phone. */
  rows = duplicates (fx, NULL, "JOZEF WISNIEWSKI", NULL, "ul Dluga 5");
  g_assert_cmpuint (rows->len, ==, 1);
  dup = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (dup->customer.id, ==, jozef);
  g_assert_cmpint (dup->reason, ==, AFS_DUPLICATE_NAME_ADDRESS);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The same name at another address is another customer. */
  rows = duplicates (fx, NULL, "Józef Wiśniewski", "+48 603 000 000", "ul. Nowa 9");
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Phone matches come first; editing a customer leaves itself out. */
  rows = duplicates (fx, NULL, "Józef Wiśniewski", "602-000-000", "ul. Długa 5");
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((AfsCustomerDuplicate *) g_ptr_array_index (rows, 0))->customer.id, ==, other);
  g_assert_cmpstr (((AfsCustomerDuplicate *) g_ptr_array_index (rows, 1))->customer.id, ==, jozef);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = duplicates (fx, other, "Józef Wiśniewski", "602-000-000", "ul. Długa 5");
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((AfsCustomerDuplicate *) g_ptr_array_index (rows, 0))->customer.id, ==, jozef);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The fixture's two customers share a number. */
  rows = duplicates (fx, NULL, "Someone", "12 345 67 89", NULL);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Nothing to compare: nothing found. */
  rows = duplicates (fx, NULL, "Józef Wiśniewski", NULL, NULL);
  g_assert_cmpuint (rows->len, ==, 0);
}

/* customers.phone_key (SQL, schema step 4) is afs_phone_match_key (C). */
static void
test_phone_key_sql (Fixture       *fx,
                    gconstpointer  data)
{
  const char *phones[] = {
    "+48 601-234-567", "0048 601 234 567", "601 234 567", "(+48) 601.234.567", "48 362 12 34",
    "+34 612 34 56 78", "0034612345678", "+86 138 1234 5678", "8613812345678", "010-12345678",
    "+86 0576-84112727", "0576-84112727", "+44 20 7946 0958", "000", "12/34", "  601 234 567  ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autofree char *id = add_customer (fx, "Phone test", phones[i], NULL, NULL);
      g_autofree char *sql_key = fx_text (fx, "SELECT phone_key FROM customers WHERE id = '%s'", id);
      g_autofree char *c_key = afs_phone_match_key (phones[i]);

      if (g_strcmp0 (sql_key, c_key) != 0)
        g_error ("phone “%s”: SQL key “%s”, C key “%s”", phones[i], sql_key, c_key);
    }

  /* A computed column: never in the outbox. */
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox WHERE changes LIKE '%%phone_key%%'"), ==, 0);
}

static void
test_find_equipment (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  AfsEquipmentData eq = { 0, };
  AfsEquipmentHit *hit;

  eq.customer_id = fx->remote_customer_id;
  eq.model = (char *) "Frost 300 XL";
  eq.serial = (char *) "HXA20231100451";
  afs_store_add_equipment (fx->store, &eq, NULL, &error);
  g_assert_no_error (error);

  /* Exact first, then the ones that start with it. */
  hits = afs_store_find_equipment (fx->store, "hxa-2023-110045", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  hit = g_ptr_array_index (hits, 0);
  g_assert_true (hit->exact);
  g_assert_cmpstr (hit->equipment.id, ==, fx->equipment_id);
  g_assert_cmpstr (hit->equipment.model, ==, "Frost 300");
  g_assert_cmpstr (hit->equipment.production_date, ==, "2023-11-01");
  g_assert_cmpstr (hit->equipment.purchase_date, ==, "2024-01-15");
  g_assert_cmpstr (hit->customer_name, ==, "Hotel Lodówka");
  g_assert_cmpstr (hit->customer_city, ==, "Kraków");
  hit = g_ptr_array_index (hits, 1);
  g_assert_false (hit->exact);
  g_assert_cmpstr (hit->equipment.serial, ==, "HXA20231100451");
  g_assert_cmpstr (hit->customer_name, ==, "Estación Remota");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A prefix. */
  hits = afs_store_find_equipment (fx->store, "HXA2", 0, &error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_false (((AfsEquipmentHit *) g_ptr_array_index (hits, 0))->exact);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* An unknown serial finds nothing (the form then says so). */
  hits = afs_store_find_equipment (fx->store, "ZZZ999", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = afs_store_find_equipment (fx->store, " - ", 0, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A customer's equipment. */
  hits = afs_store_list_customer_equipment (fx->store, fx->remote_customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((AfsEquipmentData *) g_ptr_array_index (hits, 0))->model, ==, "Frost 300 XL");
}

static void
assert_update_refused (Fixture    *fx,
                       const char *field,
                       const char *value,
                       const char *expected)
{
  g_autoptr(GError) error = NULL;
  const char *fields[] = { field, NULL };
  const char *values[] = { value, NULL };
  gint64 outbox = fx_int (fx, "SELECT count(*) FROM outbox");
  gint64 audit = fx_int (fx, "SELECT count(*) FROM audit");
  gint64 version = fx_int (fx, "SELECT version FROM equipment WHERE id = '%s'", fx->equipment_id);

  g_assert_false (afs_store_update_equipment (fx->store, fx->equipment_id, 0, fields, values, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);
  /* Nothing written. */
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM audit"), ==, audit);
  g_assert_cmpint (fx_int (fx, "SELECT version FROM equipment WHERE id = '%s'", fx->equipment_id), ==, version);
}

static void
test_update_equipment (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *case_id = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(GError) error = NULL;
  AfsCaseInput input = { 0, };
  gint64 outbox;

  /* A case reported on 2026-03-01 for this equipment. */
  input.customer_id = fx->customer_id;
  input.equipment_id = fx->equipment_id;
  input.description = "Nie chłodzi";
  input.reported_at = TEST_NOW - 9 * 86400;
  afs_store_create_case (fx->store, &input, &case_id, &error);
  g_assert_no_error (error);

  assert_update_refused (fx, "purchase_date", "2026-04-01",
                         "The purchase date 2026-04-01 is in the future. Check the date on the document.");
  {
    const char *fields[] = { "purchase_date", "installation_date", "warranty_end", NULL };
    const char *values[] = { "2026-03-05", "2026-03-06", "2027-03-04", NULL };
    gint64 version = fx_int (fx, "SELECT version FROM equipment WHERE id = '%s'", fx->equipment_id);

    g_assert_false (afs_store_update_equipment (fx->store, fx->equipment_id, 0, fields, values, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==, "The purchase date 2026-03-05 is after the day the case "
                                         "was reported (2026-03-01). Check the date on the invoice.");
    g_clear_error (&error);
    g_assert_cmpint (fx_int (fx, "SELECT version FROM equipment WHERE id = '%s'", fx->equipment_id), ==, version);
  }
  assert_update_refused (fx, "purchase_date", "15.01.2024",
                         "The purchase date “15.01.2024” is not a date. Write it as YYYY-MM-DD, "
                         "for example 2024-03-15.");
  assert_update_refused (fx, "production_date", "2024-02-01",
                         "The purchase date is before the production date. Check both dates.");
  assert_update_refused (fx, "colour", "red",
                         "“colour” is not a field of equipment that can be edited. Check the field name.");

  /* A good change: written with its outbox row and an audit event on the
   * open case. */
  outbox = fx_int (fx, "SELECT count(*) FROM outbox");
  {
    const char *fields[] = { "purchase_date", "warranty_end", NULL };
    const char *values[] = { "2024-01-10", "", NULL };

    g_assert_true (afs_store_update_equipment (fx->store, fx->equipment_id, 1, fields, values, &error));
    g_assert_no_error (error);
  }
  /* The equipment row and the two audit events. */
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox + 3);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox WHERE table_name = 'equipment'"
                               " AND op = 'update' AND changes LIKE '%%2024-01-10%%'"), ==, 1);
  g_assert_cmpint (fx_int (fx, "SELECT version FROM equipment WHERE id = '%s'", fx->equipment_id), ==, 2);
  kind = fx_text (fx, "SELECT group_concat (kind || ':' || field || ':' || coalesce (old_value, '-')"
                      " || ':' || coalesce (new_value, '-'), ' ') FROM audit"
                      " WHERE case_id = '%s' AND kind = 'equipment'", case_id);
  g_assert_cmpstr (kind, ==, "equipment:purchase_date:2024-01-15:2024-01-10 "
                             "equipment:warranty_end:2026-01-14:-");

  /* Someone else's version: refused. */
  {
    const char *fields[] = { "model", NULL };
    const char *values[] = { "Frost 310", NULL };

    g_assert_false (afs_store_update_equipment (fx->store, fx->equipment_id, 1, fields, values, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_CONFLICT);
  }
}

/* A case reported before its equipment was bought: one of the dates is
 * wrong; refused, and no case number is used up. */
static void
test_intake_before_purchase (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  AfsCaseInput input = { 0, };
  gint64 outbox = fx_int (fx, "SELECT count(*) FROM outbox");

  input.customer_id = fx->customer_id;
  input.equipment_id = fx->equipment_id;
  input.description = "Back-dated letter";
  /* 2024-01-10: five days before the purchase (2024-01-15). */
  input.reported_at = 1704880800;
  g_assert_false (afs_store_create_case (fx->store, &input, &id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The purchase date 2024-01-15 is after the day the case "
                                       "was reported (2024-01-10). Check the date on the invoice.");
  g_assert_null (id);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM cases"), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM case_number_seq"), ==, 0);
  g_assert_cmpint (fx_int (fx, "SELECT count(*) FROM outbox"), ==, outbox);
  g_clear_error (&error);

  /* Reported on the day of purchase: fine. */
  input.reported_at = 1705312800;   /* 2024-01-15 10:00 UTC */
  afs_store_create_case (fx->store, &input, &id, &error);
  g_assert_no_error (error);
}

static void
test_case_warranty (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *case_id = fixture_new_case (fx, "Nie chłodzi");
  g_autoptr(GError) error = NULL;
  AfsWarrantyResult result;

  /* The fixture's equipment: warranty end 2026-01-14; reported 2026-03-10. */
  g_assert_true (afs_store_evaluate_warranty (fx->store, case_id, 0, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.status, ==, AFS_WARRANTY_OUT);
  g_assert_cmpint (result.basis, ==, AFS_WARRANTY_BASIS_WARRANTY_END);
  g_assert_cmpstr (result.consequence, ==, "The warranty ended on 2026-01-14: the work is "
                                           "chargeable; send the customer a quote first.");
  afs_warranty_result_clear (&result);

  /* Without the contract's end: from installation (2024-01-20), 36 months. */
  {
    const char *fields[] = { "warranty_end", NULL };
    const char *values[] = { NULL, NULL };

    g_assert_true (afs_store_update_equipment (fx->store, fx->equipment_id, 0, fields, values, &error));
  }
  g_assert_true (afs_store_evaluate_warranty (fx->store, case_id, 36, &result, &error));
  g_assert_cmpint (result.status, ==, AFS_WARRANTY_IN);
  g_assert_cmpstr (result.last_day_text, ==, "2027-01-19");
  afs_warranty_result_clear (&result);

  g_assert_false (afs_store_evaluate_warranty (fx->store, "01900000-0000-7000-8000-000000000000", 0,
                                               &result, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
}

/* A file of schema version 3 gets its customer index (and phone keys)
 * from step 4. */
static void
test_migrated_file (void)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "cases.db", NULL);
  g_autofree char *id = afs_uuid7_new ();
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  AfsCustomerData c = { 0, };
  AfsDb *db;

  db = afs_db_open (path, AFS_DB_READ_WRITE, 5000, &error);
  g_assert_no_error (error);
  afs_db_lock (db);
  g_assert_true (afs_migrations_run_to (db, 3, &error));
  sql = g_strdup_printf ("INSERT INTO customers (id, name, phone, city, created_at, updated_at)"
                         " VALUES ('%s', 'Zakład Chłodniczy Łódź', '+48 42 000 00 01', 'Łódź', 1, 1)", id);
  g_assert_true (afs_db_exec (db, sql, &error));
  afs_db_unlock (db);
  afs_db_close (db);

  store = afs_store_open (path, &error);
  g_assert_no_error (error);

  rows = afs_store_search_customers (store, "zaklad lodz", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);

  c.name = (char *) "Someone";
  c.phone = (char *) "42-000-00-01";
  rows = afs_store_find_duplicate_customers (store, &c, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  g_clear_object (&store);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/intake/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("search-customers", test_search_customers);
  ADD ("async", test_async);
  ADD ("duplicates", test_duplicates);
  ADD ("phone-key-sql", test_phone_key_sql);
  ADD ("find-equipment", test_find_equipment);
  ADD ("update-equipment", test_update_equipment);
  ADD ("intake-before-purchase", test_intake_before_purchase);
  ADD ("case-warranty", test_case_warranty);
  g_test_add_func ("/store/intake/migrated-file", test_migrated_file);

  return g_test_run ();
}
