/* store-test-util.c */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "store-test-util.h"

char *
test_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("afs-store-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_tree (child);
          g_object_unref (info);
        }
    }

  g_file_delete (file, NULL, NULL);
}

void
test_dir_free (char *dir)
{
  g_autoptr(GFile) file = NULL;

  if (dir == NULL)
    return;

  file = g_file_new_for_path (dir);
  remove_tree (file);
  g_free (dir);
}

static gint64
fixture_clock (gpointer user_data)
{
  Fixture *fx = user_data;

  return fx->now;
}

AfsStore *
fixture_open (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  AfsStore *store = afs_store_open (fx->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  afs_store_set_clock (store, fixture_clock, fx);

  return store;
}

void
fixture_act_as (Fixture    *fx,
                const char *staff_id,
                AfsRole     role)
{
  g_autofree char *name = NULL;

  if (staff_id != NULL)
    {
      AfsStaffData staff;
      g_autoptr(GError) error = NULL;

      afs_store_get_staff (fx->store, staff_id, &staff, &error);
      g_assert_no_error (error);
      name = g_strdup (staff.name);
      afs_staff_data_clear (&staff);
    }

  afs_store_set_actor (fx->store, staff_id, name, role);
}

static char *
add_staff (Fixture    *fx,
           const char *name,
           AfsRole     role)
{
  g_autoptr(GError) error = NULL;
  AfsStaffData staff = { 0, };
  char *id = NULL;

  staff.name = (char *) name;
  staff.phone = (char *) "+48 600 100 200";
  staff.service_area = (char *) "Kraków";
  staff.skills = (char *) "refrigeration,electrical";
  staff.hourly_rate = 45.5;
  staff.role = role;
  staff.active = TRUE;
  afs_store_add_staff (fx->store, &staff, &id, &error);
  g_assert_no_error (error);

  return id;
}

void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AfsCustomerData customer = { 0, };
  AfsEquipmentData equipment = { 0, };

  fx->dir = test_dir_new ();
  fx->path = g_build_filename (fx->dir, "cases.db", NULL);
  fx->now = TEST_NOW;
  fx->store = fixture_open (fx);

  customer.name = (char *) "Hotel Lodówka";
  customer.contact_name = (char *) "Anna Nowak";
  customer.phone = (char *) "+48 12 345 67 89";
  customer.city = (char *) "Kraków";
  customer.region = AFS_REGION_LOCAL;
  customer.tier = AFS_TIER_KEY;
  afs_store_add_customer (fx->store, &customer, &fx->customer_id, &error);
  g_assert_no_error (error);

  customer.name = (char *) "Estación Remota";
  customer.region = AFS_REGION_REMOTE;
  customer.tier = AFS_TIER_REGULAR;
  afs_store_add_customer (fx->store, &customer, &fx->remote_customer_id, &error);
  g_assert_no_error (error);

  equipment.customer_id = fx->customer_id;
  equipment.model = (char *) "Frost 300";
  equipment.serial = (char *) "HXA2023110045";
  equipment.production_date = (char *) "2023-11-01";
  equipment.purchase_date = (char *) "2024-01-15";
  equipment.installation_date = (char *) "2024-01-20";
  equipment.warranty_end = (char *) "2026-01-14";
  afs_store_add_equipment (fx->store, &equipment, &fx->equipment_id, &error);
  g_assert_no_error (error);

  fx->office_id = add_staff (fx, "Olga Office", AFS_ROLE_OFFICE);
  fx->manager_id = add_staff (fx, "Marek Manager", AFS_ROLE_MANAGER);
  fx->tech_id = add_staff (fx, "Tomasz Technik", AFS_ROLE_TECHNICIAN);
  fx->tech2_id = add_staff (fx, "Wang Wei", AFS_ROLE_TECHNICIAN);
  fx->quality_id = add_staff (fx, "Quinn Quality", AFS_ROLE_QUALITY);

  fixture_act_as (fx, fx->office_id, AFS_ROLE_OFFICE);
}

void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_clear_object (&fx->store);
  g_clear_pointer (&fx->path, g_free);
  g_clear_pointer (&fx->customer_id, g_free);
  g_clear_pointer (&fx->remote_customer_id, g_free);
  g_clear_pointer (&fx->equipment_id, g_free);
  g_clear_pointer (&fx->office_id, g_free);
  g_clear_pointer (&fx->manager_id, g_free);
  g_clear_pointer (&fx->tech_id, g_free);
  g_clear_pointer (&fx->tech2_id, g_free);
  g_clear_pointer (&fx->quality_id, g_free);
  test_dir_free (g_steal_pointer (&fx->dir));
}

char *
fixture_new_case (Fixture    *fx,
                  const char *description)
{
  g_autoptr(GError) error = NULL;
  AfsCaseInput input = { 0, };
  char *id = NULL;

  input.customer_id = fx->customer_id;
  input.equipment_id = fx->equipment_id;
  input.channel = AFS_CHANNEL_PHONE;
  input.category = AFS_CATEGORY_REPAIR;
  input.description = description;
  input.contact_name = "Anna Nowak";
  input.contact_phone = "+48 600 000 000";
  afs_store_create_case (fx->store, &input, &id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  return id;
}

void
fixture_update (Fixture    *fx,
                const char *case_id,
                ...)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list args;

  va_start (args, case_id);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_ptr_array_add (fields, (gpointer) name);
      g_ptr_array_add (values, va_arg (args, char *));
    }
  va_end (args);
  g_ptr_array_add (fields, NULL);
  g_ptr_array_add (values, NULL);

  afs_store_update_case (fx->store, case_id, 0,
                         (const char *const *) fields->pdata,
                         (const char *const *) values->pdata,
                         &error);
  g_assert_no_error (error);
}

void
fixture_act (Fixture     *fx,
             const char  *case_id,
             AfsAction    action,
             const char  *reason)
{
  g_autoptr(GError) error = NULL;

  afs_store_apply_action (fx->store, case_id, action, reason, &error);
  g_assert_no_error (error);
}

sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* @sql's statement stepped to its first row, or NULL when it has none
 * (sqlite3_finalize() it). An SQL error fails the test. */
static sqlite3_stmt *
raw_first_row (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return stmt;
  if (rc != SQLITE_DONE)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  return NULL;
}

gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = raw_first_row (db, sql);
  gint64 value = stmt != NULL ? sqlite3_column_int64 (stmt, 0) : 0;

  sqlite3_finalize (stmt);
  return value;
}

char *
raw_text (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = raw_first_row (db, sql);
  char *value = stmt != NULL ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;

  sqlite3_finalize (stmt);
  return value;
}

void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

void
raw_execf (sqlite3    *db,
           const char *format,
           ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  raw_exec (db, sql);
}

/* Runs the query @format makes on a connection of its own: into @int_out
 * or @text_out, or for its effect when both are NULL. */
static void
fx_vquery (Fixture     *fx,
           gint64      *int_out,
           char       **text_out,
           const char  *format,
           va_list      args)
{
  g_autofree char *sql = g_strdup_vprintf (format, args);
  sqlite3 *db = raw_open (fx->path);

  if (int_out != NULL)
    *int_out = raw_int (db, sql);
  else if (text_out != NULL)
    *text_out = raw_text (db, sql);
  else
    raw_exec (db, sql);

  sqlite3_close (db);
}

gint64
fx_int (Fixture    *fx,
        const char *format,
        ...)
{
  gint64 value;
  va_list args;

  va_start (args, format);
  fx_vquery (fx, &value, NULL, format, args);
  va_end (args);

  return value;
}

char *
fx_text (Fixture    *fx,
         const char *format,
         ...)
{
  char *value;
  va_list args;

  va_start (args, format);
  fx_vquery (fx, NULL, &value, format, args);
  va_end (args);

  return value;
}

void
fx_exec (Fixture    *fx,
         const char *format,
         ...)
{
  va_list args;

  va_start (args, format);
  fx_vquery (fx, NULL, NULL, format, args);
  va_end (args);
}

GBytes *
read_file_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}
