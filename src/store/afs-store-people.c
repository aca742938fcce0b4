/* afs-store-people.c: customers, their equipment, and staff.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-error.h"
#include "afs-search-index.h"
#include "afs-store-rows.h"
#include "afs-uuid.h"
#include "afs-warranty.h"

/* ---- Checks ----------------------------------------------------------------- */

static gboolean
check_name (const char  *name,
            const char  *message,
            GError     **error)
{
  if (!afs_store_check_utf8 (name, _("name"), error))
    return FALSE;

  if (afs_store_text_is_blank (name))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID, message);
      return FALSE;
    }

  return TRUE;
}

static void
set_not_found (GError     **error,
               const char  *what,
               const char  *id)
{
  g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
               /* Translators: the first %s is "customer", "equipment" or "staff member" */
               _("The %s “%s” does not exist (it may have been deleted). Reload and choose again."),
               what, id != NULL ? id : "");
}

/* ---- Customers -------------------------------------------------------------- */

static gboolean
add_customer (AfsWrite               *w,
              const AfsCustomerData  *data,
              char                  **out_id,
              GError                **error)
{
  g_autofree char *id = NULL;
  const char *texts[] = { data->contact_name, data->phone, data->email, data->address, data->city };

  if (!afs_store_check_id (data->id, error) ||
      !check_name (data->name, _("A customer needs a name. Type the customer's name."), error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!afs_store_check_utf8 (texts[i], _("customer record"), error))
      return FALSE;
  if ((guint) data->region >= AFS_REGION_N || (guint) data->tier >= AFS_TIER_N)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The customer's region or tier is not one AfterSales knows. Choose one from the list."));
      return FALSE;
    }

  id = data->id != NULL ? g_strdup (data->id) : afs_uuid7_new ();

  {
    const AfsColumn cols[] = {
      { "name", afs_value_text (data->name) },
      { "contact_name", afs_value_text (afs_store_empty_to_null (data->contact_name)) },
      { "phone", afs_value_text (afs_store_empty_to_null (data->phone)) },
      { "email", afs_value_text (afs_store_empty_to_null (data->email)) },
      { "address", afs_value_text (afs_store_empty_to_null (data->address)) },
      { "city", afs_value_text (afs_store_empty_to_null (data->city)) },
      { "region", afs_value_text (afs_region_class_to_string (data->region)) },
      { "tier", afs_value_text (afs_customer_tier_to_string (data->tier)) },
    };

    if (!afs_row_insert (w, "customers", id, cols, G_N_ELEMENTS (cols),
                         _("saving the customer"), error))
      return FALSE;
  }

  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);

  return TRUE;
}

/**
 * afs_store_add_customer:
 * @self: a store
 * @data: the customer; @data->id %NULL to make a new id
 * @out_id: (out) (optional) (transfer full): the customer's id
 * @error: return location for an %AFS_ERROR
 *
 * Adds a customer. The name must not be empty (%AFS_ERROR_INVALID).
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_add_customer (AfsStore               *self,
                        const AfsCustomerData  *data,
                        char                  **out_id,
                        GError                **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, add_customer (&w, data, out_id, error), error);
}

static void
read_customer_row (sqlite3_stmt *stmt,
                   gpointer      data)
{
  AfsCustomerData *out = data;

  out->id = afs_db_column_dup (stmt, 0);
  out->name = afs_db_column_dup (stmt, 1);
  out->contact_name = afs_db_column_dup (stmt, 2);
  out->phone = afs_db_column_dup (stmt, 3);
  out->email = afs_db_column_dup (stmt, 4);
  out->address = afs_db_column_dup (stmt, 5);
  out->city = afs_db_column_dup (stmt, 6);
  afs_region_class_from_string (afs_db_column_text (stmt, 7), &out->region);
  afs_customer_tier_from_string (afs_db_column_text (stmt, 8), &out->tier);
  out->created_at = sqlite3_column_int64 (stmt, 9);
  out->updated_at = sqlite3_column_int64 (stmt, 10);
  out->version = sqlite3_column_int64 (stmt, 11);
}

/**
 * afs_store_get_customer:
 * @self: a store
 * @id: the customer's id
 * @out: (out caller-allocates): filled on success; clear with afs_customer_data_clear()
 * @error: return location for an %AFS_ERROR (%AFS_ERROR_NOT_FOUND)
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_get_customer (AfsStore         *self,
                        const char       *id,
                        AfsCustomerData  *out,
                        GError          **error)
{
  gboolean found;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (!afs_row_read_one (self,
                         "SELECT id, name, contact_name, phone, email, address, city, region, tier,"
                         "       created_at, updated_at, version"
                         "  FROM customers WHERE id = ?1 AND deleted_at IS NULL",
                         id, read_customer_row, out, _("reading the customer"), &found, error))
    return FALSE;

  if (!found)
    set_not_found (error, _("customer"), id);

  return found;
}

typedef enum {
  CF_NAME, CF_CONTACT_NAME, CF_PHONE, CF_EMAIL, CF_ADDRESS, CF_CITY, CF_REGION, CF_TIER,
  CF_N
} CustomerField;

static const char *const customer_fields[CF_N] = {
  "name", "contact_name", "phone", "email", "address", "city", "region", "tier",
};

static gboolean
update_customer (AfsWrite           *w,
                 const char         *id,
                 gint64              expected_version,
                 const char *const  *fields,
                 const char *const  *values,
                 GError            **error)
{
  g_autoptr(GPtrArray) old_texts = g_ptr_array_new_with_free_func (g_free);
  AfsColumnChange set[CF_N];
  gboolean given[CF_N] = { FALSE, };
  gint64 version = 0;
  gboolean found;
  guint n_changed = 0;

  if (!afs_row_read_for_update (w,
                                "SELECT name, contact_name, phone, email, address, city, region,"
                                "       tier, version"
                                "  FROM customers WHERE id = ?1 AND deleted_at IS NULL",
                                id, customer_fields, set, CF_N, old_texts, &version, &found,
                                _("reading the customer"), error))
    return FALSE;
  if (!found)
    {
      set_not_found (error, _("customer"), id);
      return FALSE;
    }

  for (guint k = 0; fields[k] != NULL; k++)
    {
      const char *value = values[k];
      int f = -1;

      for (int i = 0; i < CF_N; i++)
        if (g_str_equal (fields[k], customer_fields[i]))
          f = i;

      if (!afs_row_check_edit_field (fields[k], f, given,
                                     _("“%s” is not a field of a customer that can be edited. "
                                       "Check the field name."),
                                     error))
        return FALSE;
      if (!afs_store_check_utf8 (value, fields[k], error))
        return FALSE;

      switch (f)
        {
        case CF_NAME:
          if (!check_name (value, _("A customer needs a name. Type the customer's name."), error))
            return FALSE;
          break;
        case CF_REGION:
          {
            AfsRegionClass region;

            if (!afs_region_class_from_string (value, &region))
              {
                g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                             _("“%s” is not a region. Use local, province, outside or remote."),
                             value != NULL ? value : "");
                return FALSE;
              }
            value = afs_region_class_to_string (region);
          }
          break;
        case CF_TIER:
          {
            AfsCustomerTier tier;

            if (!afs_customer_tier_from_string (value, &tier))
              {
                g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                             _("“%s” is not a customer tier. Use key or regular."),
                             value != NULL ? value : "");
                return FALSE;
              }
            value = afs_customer_tier_to_string (tier);
          }
          break;
        default:
          value = afs_store_empty_to_null (value);
          break;
        }

      set[f].new_value = afs_value_text (value);
    }

  if (!afs_row_check_version (version, expected_version,
                              /* Translators: the two numbers are revision counters of the record. */
                              _("This customer was changed by someone else meanwhile (version %lld, "
                                "you edited version %lld). Reload it and make your change again."),
                              error))
    return FALSE;

  {
    const AfsValue params[] = { afs_value_text (id) };

    if (!afs_row_update_where (w, "customers", set, CF_N, "id = ?1", params, G_N_ELEMENTS (params),
                               AFS_ROW_CHANGED_ONLY, _("saving the customer"), &n_changed, error))
      return FALSE;
    if (n_changed == 0)
      return TRUE;   /* nothing changed: nothing written */
  }

  /* The customer's name is part of every one of its cases' index rows. */
  if (!afs_value_equal (&set[CF_NAME].old_value, &set[CF_NAME].new_value))
    return afs_store_queue_reindex_cases (w, "SELECT local_id FROM cases WHERE customer_id = ?1",
                                          id, error);

  return TRUE;
}

/**
 * afs_store_update_customer:
 * @self: a store
 * @id: the customer's id
 * @expected_version: the version the edit was made on, or 0 not to check
 * @fields: (array zero-terminated=1): field names
 * @values: (array zero-terminated=1): new values, parallel to @fields
 * @error: return location for an %AFS_ERROR
 *
 * See afs-store-private.h.
 *
 * Returns: %TRUE on success (also when nothing changed)
 */
gboolean
afs_store_update_customer (AfsStore           *self,
                           const char         *id,
                           gint64              expected_version,
                           const char *const  *fields,
                           const char *const  *values,
                           GError            **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (fields != NULL && values != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, update_customer (&w, id, expected_version, fields, values, error),
                              error);
}

/* ---- Equipment -------------------------------------------------------------- */

static gboolean
add_equipment (AfsWrite                *w,
               const AfsEquipmentData  *data,
               char                   **out_id,
               GError                 **error)
{
  g_autofree char *id = NULL;
  GDate production, purchase, installation, warranty_end, today;
  sqlite3_stmt *stmt;
  gint64 exists = 0;

  if (!afs_store_check_id (data->id, error) ||
      !afs_store_check_utf8 (data->model, _("model"), error) ||
      !afs_store_check_utf8 (data->serial, _("serial number"), error))
    return FALSE;

  if (data->customer_id == NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("Equipment belongs to a customer. Choose the customer first."));
      return FALSE;
    }

  stmt = afs_db_prepare (w->db, "SELECT count(*) FROM customers WHERE id = ?1 AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, data->customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    exists = sqlite3_column_int64 (stmt, 0);
  afs_db_stmt_release (stmt);
  if (!exists)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("The customer “%s” of this equipment does not exist. Choose an existing customer."),
                   data->customer_id);
      return FALSE;
    }

  if (afs_store_text_is_blank (data->model) && afs_store_text_is_blank (data->serial))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("Equipment needs a model or a serial number. Type at least one of them."));
      return FALSE;
    }

  /* The core's date parser, so equipment added here and equipment edited
   * at the desk (afs_equipment_check_dates()) accept the same dates. */
  if (!afs_date_parse (data->production_date, _("production date"), &production, error) ||
      !afs_date_parse (data->purchase_date, _("purchase date"), &purchase, error) ||
      !afs_date_parse (data->installation_date, _("installation date"), &installation, error) ||
      !afs_date_parse (data->warranty_end, _("warranty end"), &warranty_end, error))
    return FALSE;

  afs_date_from_unix (w->now, NULL, &today);
  if (g_date_valid (&production) && g_date_compare (&production, &today) > 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The production date is in the future. Check the date on the label."));
      return FALSE;
    }
  if (g_date_valid (&purchase) && g_date_compare (&purchase, &today) > 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The purchase date is in the future. Check the date on the invoice."));
      return FALSE;
    }
  if (g_date_valid (&production) && g_date_valid (&purchase) &&
      g_date_compare (&purchase, &production) < 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The purchase date is before the production date. Check both dates."));
      return FALSE;
    }
  if (g_date_valid (&installation) && g_date_valid (&purchase) &&
      g_date_compare (&installation, &purchase) < 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The installation date is before the purchase date. Check both dates."));
      return FALSE;
    }
  if (g_date_valid (&warranty_end) && g_date_valid (&purchase) &&
      g_date_compare (&warranty_end, &purchase) < 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The warranty ends before the purchase date. Check both dates."));
      return FALSE;
    }

  id = data->id != NULL ? g_strdup (data->id) : afs_uuid7_new ();

  {
    const AfsColumn cols[] = {
      { "customer_id", afs_value_text (data->customer_id) },
      { "model", afs_value_text (afs_store_empty_to_null (data->model)) },
      { "serial", afs_value_text (afs_store_empty_to_null (data->serial)) },
      { "production_date", afs_value_text (afs_store_empty_to_null (data->production_date)) },
      { "purchase_date", afs_value_text (afs_store_empty_to_null (data->purchase_date)) },
      { "installation_date", afs_value_text (afs_store_empty_to_null (data->installation_date)) },
      { "warranty_end", afs_value_text (afs_store_empty_to_null (data->warranty_end)) },
    };

    if (!afs_row_insert (w, "equipment", id, cols, G_N_ELEMENTS (cols),
                         _("saving the equipment"), error))
      return FALSE;
  }

  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);

  return TRUE;
}

/**
 * afs_store_add_equipment:
 * @self: a store
 * @data: the equipment; @data->id %NULL to make a new id
 * @out_id: (out) (optional) (transfer full): the equipment's id
 * @error: return location for an %AFS_ERROR
 *
 * Adds a customer's equipment. Refused (%AFS_ERROR_INVALID) without an
 * existing customer, without model and serial, with dates that are not
 * YYYY-MM-DD, a production or purchase date after today, or dates out
 * of order (production ≤ purchase ≤ installation, purchase ≤ warranty end).
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_add_equipment (AfsStore                *self,
                         const AfsEquipmentData  *data,
                         char                   **out_id,
                         GError                 **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, add_equipment (&w, data, out_id, error), error);
}

static void
read_equipment_row (sqlite3_stmt *stmt,
                    gpointer      data)
{
  AfsEquipmentData *out = data;

  out->id = afs_db_column_dup (stmt, 0);
  out->customer_id = afs_db_column_dup (stmt, 1);
  out->model = afs_db_column_dup (stmt, 2);
  out->serial = afs_db_column_dup (stmt, 3);
  out->production_date = afs_db_column_dup (stmt, 4);
  out->purchase_date = afs_db_column_dup (stmt, 5);
  out->installation_date = afs_db_column_dup (stmt, 6);
  out->warranty_end = afs_db_column_dup (stmt, 7);
  out->created_at = sqlite3_column_int64 (stmt, 8);
  out->updated_at = sqlite3_column_int64 (stmt, 9);
  out->version = sqlite3_column_int64 (stmt, 10);
}

/**
 * afs_store_get_equipment:
 * @self: a store
 * @id: the equipment's id
 * @out: (out caller-allocates): filled on success; clear with afs_equipment_data_clear()
 * @error: return location for an %AFS_ERROR (%AFS_ERROR_NOT_FOUND)
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_get_equipment (AfsStore          *self,
                         const char        *id,
                         AfsEquipmentData  *out,
                         GError           **error)
{
  gboolean found;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (!afs_row_read_one (self,
                         "SELECT id, customer_id, model, serial, production_date, purchase_date,"
                         "       installation_date, warranty_end, created_at, updated_at, version"
                         "  FROM equipment WHERE id = ?1 AND deleted_at IS NULL",
                         id, read_equipment_row, out, _("reading the equipment"), &found, error))
    return FALSE;

  if (!found)
    set_not_found (error, _("equipment"), id);

  return found;
}

/* ---- Staff ------------------------------------------------------------------ */

static gboolean
add_staff (AfsWrite            *w,
           const AfsStaffData  *data,
           char               **out_id,
           GError             **error)
{
  g_autofree char *id = NULL;
  const char *texts[] = { data->phone, data->service_area, data->skills };

  if (!afs_store_check_id (data->id, error) ||
      !check_name (data->name, _("A staff member needs a name. Type their name."), error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (!afs_store_check_utf8 (texts[i], _("staff record"), error))
      return FALSE;
  if ((guint) data->role >= AFS_ROLE_N)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The staff member's role is not one AfterSales knows. Choose technician, office, manager or quality."));
      return FALSE;
    }
  if (!isfinite (data->hourly_rate) || data->hourly_rate < 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The hourly rate cannot be negative. Type 0 or more."));
      return FALSE;
    }

  id = data->id != NULL ? g_strdup (data->id) : afs_uuid7_new ();

  {
    const AfsColumn cols[] = {
      { "name", afs_value_text (data->name) },
      { "phone", afs_value_text (afs_store_empty_to_null (data->phone)) },
      { "service_area", afs_value_text (afs_store_empty_to_null (data->service_area)) },
      { "skills", afs_value_text (afs_store_empty_to_null (data->skills)) },
      { "hourly_rate", afs_value_real (data->hourly_rate) },
      { "role", afs_value_text (afs_role_to_string (data->role)) },
      { "active", afs_value_int (data->active ? 1 : 0) },
    };

    if (!afs_row_insert (w, "staff", id, cols, G_N_ELEMENTS (cols),
                         _("saving the staff member"), error))
      return FALSE;
  }

  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);

  return TRUE;
}

/**
 * afs_store_add_staff:
 * @self: a store
 * @data: the staff member; @data->id %NULL to make a new id
 * @out_id: (out) (optional) (transfer full): the staff member's id
 * @error: return location for an %AFS_ERROR
 *
 * Adds a staff member. The name must not be empty and the hourly rate
 * not negative (%AFS_ERROR_INVALID).
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_add_staff (AfsStore            *self,
                     const AfsStaffData  *data,
                     char               **out_id,
                     GError             **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;

  return afs_store_write_end (&w, add_staff (&w, data, out_id, error), error);
}

#define STAFF_SELECT \
  "SELECT id, name, phone, service_area, skills, hourly_rate, role, active," \
  "       created_at, updated_at, version FROM staff"

static void
read_staff_row (sqlite3_stmt *stmt,
                gpointer      data)
{
  AfsStaffData *out = data;

  out->id = afs_db_column_dup (stmt, 0);
  out->name = afs_db_column_dup (stmt, 1);
  out->phone = afs_db_column_dup (stmt, 2);
  out->service_area = afs_db_column_dup (stmt, 3);
  out->skills = afs_db_column_dup (stmt, 4);
  out->hourly_rate = sqlite3_column_double (stmt, 5);
  afs_role_from_string (afs_db_column_text (stmt, 6), &out->role);
  out->active = sqlite3_column_int (stmt, 7) != 0;
  out->created_at = sqlite3_column_int64 (stmt, 8);
  out->updated_at = sqlite3_column_int64 (stmt, 9);
  out->version = sqlite3_column_int64 (stmt, 10);
}

/**
 * afs_store_get_staff:
 * @self: a store
 * @id: the staff member's id
 * @out: (out caller-allocates): filled on success; clear with afs_staff_data_clear()
 * @error: return location for an %AFS_ERROR (%AFS_ERROR_NOT_FOUND)
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_get_staff (AfsStore      *self,
                     const char    *id,
                     AfsStaffData  *out,
                     GError       **error)
{
  gboolean found;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (!afs_row_read_one (self, STAFF_SELECT " WHERE id = ?1 AND deleted_at IS NULL",
                         id, read_staff_row, out, _("reading the staff member"), &found, error))
    return FALSE;

  if (!found)
    set_not_found (error, _("staff member"), id);

  return found;
}

/**
 * afs_store_list_staff:
 * @self: a store
 * @role: an #AfsRole, or -1 for everyone
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsStaffData) (nullable): staff
 *   by name (inactive ones too), or %NULL on error
 */
GPtrArray *
afs_store_list_staff (AfsStore  *self,
                      int        role,
                      GError   **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (role < AFS_ROLE_N, NULL);

  return afs_row_read_list (self,
                            STAFF_SELECT " WHERE deleted_at IS NULL AND (?1 IS NULL OR role = ?1)"
                            " ORDER BY name COLLATE NOCASE, id",
                            role >= 0 ? afs_role_to_string ((AfsRole) role) : NULL,
                            sizeof (AfsStaffData), read_staff_row,
                            (GDestroyNotify) afs_staff_data_free,
                            _("reading the staff list"), error);
}
