/* test-people.c: customers, equipment and staff: validation, getters,
 * lists; the actor and the clock. */

#include "config.h"

#include <string.h>

#include "afs-error.h"
#include "afs-uuid.h"
#include "store-test-util.h"

static void
test_customers (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *given = afs_uuid7_new ();
  g_autofree char *id = NULL;
  AfsCustomerData c = { 0, };
  AfsCustomerData out;

  c.name = (char *) "  ";
  g_assert_false (afs_store_add_customer (fx->store, &c, &id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_assert_true (strstr (error->message, "name") != NULL);
  g_clear_error (&error);

  c.name = (char *) "Sklep AGD";
  c.id = (char *) "not-a-uuid";
  g_assert_false (afs_store_add_customer (fx->store, &c, &id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  c.region = AFS_REGION_N;
  c.id = NULL;
  g_assert_false (afs_store_add_customer (fx->store, &c, &id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  /* An id made elsewhere (an import, sync) is kept. */
  c.region = AFS_REGION_PROVINCE;
  c.tier = AFS_TIER_KEY;
  c.id = given;
  c.email = (char *) "biuro@sklep.pl";
  c.phone = (char *) "";
  g_assert_true (afs_store_add_customer (fx->store, &c, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, given);

  /* The same id twice is refused by the database, with a message. */
  g_assert_false (afs_store_add_customer (fx->store, &c, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (afs_store_get_customer (fx->store, id, &out, &error));
  g_assert_cmpstr (out.name, ==, "Sklep AGD");
  g_assert_cmpstr (out.email, ==, "biuro@sklep.pl");
  g_assert_null (out.phone);
  g_assert_cmpint (out.region, ==, AFS_REGION_PROVINCE);
  g_assert_cmpint (out.tier, ==, AFS_TIER_KEY);
  g_assert_cmpint (out.version, ==, 1);
  g_assert_cmpint (out.created_at, ==, TEST_NOW);
  afs_customer_data_clear (&out);

  g_assert_false (afs_store_get_customer (fx->store, "01890000-0000-7000-8000-000000000000", &out, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Edits: checked values, versions, no-ops. */
  {
    const char *fields[] = { "region", "tier", NULL };
    const char *bad[] = { "abroad", "key", NULL };
    const char *good[] = { "remote", "regular", NULL };

    g_assert_false (afs_store_update_customer (fx->store, id, 1, fields, bad, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (afs_store_update_customer (fx->store, id, 1, fields, good, &error));
    g_assert_no_error (error);
    g_assert_false (afs_store_update_customer (fx->store, id, 1, fields, good, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_CONFLICT);
    g_clear_error (&error);
    g_assert_true (afs_store_update_customer (fx->store, id, 2, fields, good, &error));
    g_assert_cmpint (fx_int (fx, "SELECT version FROM customers WHERE id = '%s'", id), ==, 2);
  }
  {
    const char *fields[] = { "name", NULL };
    const char *values[] = { "", NULL };

    g_assert_false (afs_store_update_customer (fx->store, id, 0, fields, values, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    const char *fields[] = { "id", NULL };
    const char *values[] = { "x", NULL };

    g_assert_false (afs_store_update_customer (fx->store, id, 0, fields, values, &error));
    g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
    g_clear_error (&error);
  }
}

static void
assert_equipment_refused (Fixture    *fx,
                          const char *production,
                          const char *purchase,
                          const char *installation,
                          const char *warranty_end,
                          const char *part)
{
  g_autoptr(GError) error = NULL;
  AfsEquipmentData e = { 0, };
  char *id = NULL;

  e.customer_id = fx->customer_id;
  e.model = (char *) "Frost 500";
  e.serial = (char *) "SN-1";
  e.production_date = (char *) production;
  e.purchase_date = (char *) purchase;
  e.installation_date = (char *) installation;
  e.warranty_end = (char *) warranty_end;

  g_assert_false (afs_store_add_equipment (fx->store, &e, &id, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  if (part != NULL && strstr (error->message, part) == NULL)
    g_error ("“%s” not in: %s", part, error->message);
  g_test_message ("%s", error->message);
}

static void
test_equipment (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AfsEquipmentData e = { 0, };
  AfsEquipmentData out;

  assert_equipment_refused (fx, "2024-2-3", NULL, NULL, NULL, "YYYY-MM-DD");
  assert_equipment_refused (fx, NULL, "2024-02-30", NULL, NULL, "purchase date");
  assert_equipment_refused (fx, NULL, "15.01.2024", NULL, NULL, NULL);
  assert_equipment_refused (fx, NULL, "2024-01-15x", NULL, NULL, NULL);
  /* The store's "today" is 2026-03-10. */
  assert_equipment_refused (fx, NULL, "2026-03-11", NULL, NULL, "future");
  assert_equipment_refused (fx, "2027-01-01", NULL, NULL, NULL, "future");
  assert_equipment_refused (fx, "2024-05-01", "2024-04-01", NULL, NULL, "production");
  assert_equipment_refused (fx, NULL, "2024-04-01", "2024-03-01", NULL, "installation");
  assert_equipment_refused (fx, NULL, "2024-04-01", NULL, "2024-03-31", "warranty");

  e.customer_id = (char *) "01890000-0000-7000-8000-000000000000";
  e.model = (char *) "X";
  g_assert_false (afs_store_add_equipment (fx->store, &e, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  e.customer_id = fx->customer_id;
  e.model = NULL;
  g_assert_false (afs_store_add_equipment (fx->store, &e, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  /* Bought today is fine. */
  e.serial = (char *) "BATCH-2026-03";
  e.purchase_date = (char *) "2026-03-10";
  g_assert_true (afs_store_add_equipment (fx->store, &e, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (afs_store_get_equipment (fx->store, fx->equipment_id, &out, &error));
  g_assert_cmpstr (out.serial, ==, "HXA2023110045");
  g_assert_cmpstr (out.customer_id, ==, fx->customer_id);
  g_assert_cmpstr (out.warranty_end, ==, "2026-01-14");
  g_assert_cmpstr (out.production_date, ==, "2023-11-01");
  afs_equipment_data_clear (&out);

  g_assert_false (afs_store_get_equipment (fx->store, "nope", &out, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND);
}

static void
test_staff (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) techs = NULL;
  AfsStaffData s = { 0, };
  AfsStaffData out;

  s.name = (char *) "";
  g_assert_false (afs_store_add_staff (fx->store, &s, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  s.name = (char *) "Negative";
  s.hourly_rate = -1;
  g_assert_false (afs_store_add_staff (fx->store, &s, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  s.hourly_rate = 0;
  s.role = AFS_ROLE_N;
  g_assert_false (afs_store_add_staff (fx->store, &s, NULL, &error));
  g_assert_error (error, AFS_ERROR, AFS_ERROR_INVALID);
  g_clear_error (&error);

  all = afs_store_list_staff (fx->store, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  /* By name. */
  g_assert_cmpstr (((AfsStaffData *) g_ptr_array_index (all, 0))->name, ==, "Marek Manager");
  g_assert_cmpstr (((AfsStaffData *) g_ptr_array_index (all, 4))->name, ==, "Wang Wei");

  techs = afs_store_list_staff (fx->store, AFS_ROLE_TECHNICIAN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (techs->len, ==, 2);
  g_assert_cmpstr (((AfsStaffData *) g_ptr_array_index (techs, 0))->name, ==, "Tomasz Technik");

  g_assert_true (afs_store_get_staff (fx->store, fx->tech_id, &out, &error));
  g_assert_cmpstr (out.service_area, ==, "Kraków");
  g_assert_cmpfloat (out.hourly_rate, ==, 45.5);
  g_assert_true (out.active);
  g_assert_cmpint (out.role, ==, AFS_ROLE_TECHNICIAN);
  afs_staff_data_clear (&out);
}

static void
test_actor_and_clock (Fixture *fx, gconstpointer data)
{
  g_autofree char *dir = test_dir_new ();
  g_autofree char *path = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AfsStore) store = afs_store_open (path, &error);
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *case_id = NULL;
  AfsCustomerData c = { 0, };
  AfsCaseInput input = { 0, };
  gint64 now;

  g_assert_no_error (error);

  /* Never set: office, no name. */
  g_assert_cmpint (afs_store_get_actor_role (store), ==, AFS_ROLE_OFFICE);
  now = afs_store_now (store);
  g_assert_cmpint (ABS (now - g_get_real_time () / G_USEC_PER_SEC), <=, 2);

  c.name = (char *) "C";
  afs_store_add_customer (store, &c, &customer, &error);
  input.customer_id = customer;
  input.description = "d";
  afs_store_create_case (store, &input, &case_id, &error);
  g_assert_no_error (error);
  audit = afs_store_list_audit (store, case_id, &error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((AfsAuditEvent *) g_ptr_array_index (audit, 0))->actor_name, ==, "");
  g_assert_null (((AfsAuditEvent *) g_ptr_array_index (audit, 0))->actor_id);

  /* The fixture's store runs on the fixture's clock. */
  g_assert_cmpint (afs_store_now (fx->store), ==, TEST_NOW);
  fx->now += 42;
  g_assert_cmpint (afs_store_now (fx->store), ==, TEST_NOW + 42);
  afs_store_set_actor (fx->store, NULL, "Kiosk", AFS_ROLE_MANAGER);
  g_assert_cmpint (afs_store_get_actor_role (fx->store), ==, AFS_ROLE_MANAGER);

  g_clear_object (&store);
  test_dir_free (g_steal_pointer (&dir));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/people/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("customers", test_customers);
  ADD ("equipment", test_equipment);
  ADD ("staff", test_staff);
  ADD ("actor-and-clock", test_actor_and_clock);

  return g_test_run ();
}
