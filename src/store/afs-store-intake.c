/* afs-store-intake.c: the intake desk's store calls (DOMAIN.md 1-2):
 * customers as you type, duplicate customers, equipment by serial or
 * batch number, editing equipment, and the warranty of a case.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-error.h"
#include "afs-store-office-util.h"

#define CUSTOMER_LIMIT_DEFAULT  50
/* As you type, one letter matches tens of thousands of customers; sorting
 * them all by name for 50 rows took 60 ms on 100 000 customers. Each index
 * gives at most this many candidates, which are then sorted: a short
 * prefix shows 50 of its first matches, and the next key narrows them. */
#define CUSTOMER_CANDIDATES     500
#define EQUIPMENT_LIMIT_DEFAULT 20

/* ---- Customers as you type ---------------------------------------------------- */

/* An FTS5 expression with every folded word of @text as a quoted prefix
 * ("jozef"* "krak"*), or NULL when there is no word. @prefix FALSE: whole
 * words ("jozef" "wisniewski"). */
static char *
fts_words (const char *text,
           gboolean    prefix)
{
  g_autofree char *folded = afs_text_fold (text);
  g_auto(GStrv) words = NULL;
  GString *out;

  if (folded == NULL || *folded == '\0')
    return NULL;

  out = g_string_new (NULL);
  words = g_strsplit (folded, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append (out, prefix ? "\"*" : "\"");
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/* The phone_key prefix for digits typed so far ("+48 601 2" → "6012"), or
 * NULL when @text is not (the start of) a phone number. Unlike
 * afs_phone_match_key() a typed "+48" is dropped however few digits
 * follow: the number is not complete yet. */
static char *
phone_prefix (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = text;
  const char *d;
  gboolean intl = FALSE;

  while (*p == ' ')
    p++;
  if (*p == '+')
    {
      intl = TRUE;
      p++;
    }
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (strchr (AFS_PHONE_SEPARATORS, *p) == NULL)
        return NULL;
    }

  d = digits->str;
  if (!intl && g_str_has_prefix (d, "00"))
    {
      intl = TRUE;
      d += 2;
    }
  if ((intl && (g_str_has_prefix (d, "86") || g_str_has_prefix (d, "34") || g_str_has_prefix (d, "48"))) ||
      (strlen (d) >= 11 && (g_str_has_prefix (d, "86") || g_str_has_prefix (d, "34") || g_str_has_prefix (d, "48"))))
    d += 2;
  while (*d == '0')
    d++;

  /* Fewer than 3 digits find half the customers: wait for more. */
  return strlen (d) >= 3 ? g_strdup (d) : NULL;
}

static void
read_customer (sqlite3_stmt *stmt,
               gpointer      out)
{
  afs_office_read_customer (stmt, 0, out);
}

static GPtrArray *
search_customers (AfsStore              *self,
                  AfsDb                 *db,
                  const AfsOfficeQuery  *query,
                  GError               **error)
{
  g_autofree char *match = fts_words (query->text, TRUE);
  g_autofree char *phone = query->text != NULL ? phone_prefix (query->text) : NULL;
  g_autofree char *phone_end = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;

  if (match == NULL && phone == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) afs_customer_data_free);

  g_string_append (sql, "SELECT " AFS_OFFICE_CUSTOMER_COLUMNS " FROM customers cu"
                        " WHERE cu.deleted_at IS NULL AND cu.id IN (");
  if (match != NULL)
    g_string_append (sql, "SELECT * FROM (SELECT customer_id FROM customer_fts"
                          " WHERE customer_fts MATCH :match LIMIT :candidates)");
  if (match != NULL && phone != NULL)
    g_string_append (sql, " UNION ");
  if (phone != NULL)
    g_string_append (sql, "SELECT * FROM (SELECT id FROM customers"
                          " WHERE phone_key >= :phone AND phone_key < :phone_end"
                          " AND deleted_at IS NULL ORDER BY phone_key LIMIT :candidates)");
  g_string_append (sql, ") ORDER BY cu.name COLLATE NOCASE, cu.id LIMIT :limit");

  stmt = afs_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":match"), match, -1, SQLITE_STATIC);
  if (phone != NULL)
    {
      /* Digits only: ':' is the character after '9'. */
      phone_end = g_strconcat (phone, ":", NULL);
      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":phone"), phone, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":phone_end"), phone_end, -1, SQLITE_STATIC);
    }
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":limit"),
                    query->limit > 0 ? (int) query->limit : CUSTOMER_LIMIT_DEFAULT);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":candidates"),
                    MAX (CUSTOMER_CANDIDATES, query->limit));

  return afs_row_collect (db, stmt, sizeof (AfsCustomerData), read_customer,
                          (GDestroyNotify) afs_customer_data_free,
                          _("searching the customers"), error);
}

/**
 * afs_store_search_customers:
 * @self: a store
 * @text: (nullable): what was typed
 * @limit: at most this many (0 = 50)
 * @error: return location for an %AFS_ERROR
 *
 * See afs-store-office.h.
 *
 * Returns: (transfer full) (element-type AfsCustomerData) (nullable)
 */
GPtrArray *
afs_store_search_customers (AfsStore    *self,
                            const char  *text,
                            guint        limit,
                            GError     **error)
{
  AfsOfficeQuery query = { (char *) text, 0, 0, limit };

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);

  return afs_office_query_run (self, search_customers, &query, error);
}

void
afs_store_search_customers_async (AfsStore            *self,
                                  const char          *text,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  AfsOfficeQuery query = { (char *) text, 0, 0, limit };

  g_return_if_fail (AFS_IS_STORE (self));

  afs_office_query_async (self, search_customers, afs_store_search_customers_async, &query,
                          cancellable, callback, user_data);
}

GPtrArray *
afs_store_search_customers_finish (AfsStore      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return afs_office_query_finish (self, result, error);
}

/* ---- Duplicates ------------------------------------------------------------------ */

void
afs_customer_duplicate_free (AfsCustomerDuplicate *dup)
{
  if (dup == NULL)
    return;

  afs_customer_data_clear (&dup->customer);
  g_free (dup->reason_text);
  g_free (dup);
}

/**
 * afs_store_find_duplicate_customers:
 * @self: a store
 * @candidate: the customer being typed in
 * @error: return location for an %AFS_ERROR
 *
 * Candidates come from the phone key index and the customer word index;
 * each is then checked with afs_customer_match(), so what is offered
 * follows exactly the rules of afs-customer-match.h.
 *
 * Returns: (transfer full) (element-type AfsCustomerDuplicate) (nullable)
 */
GPtrArray *
afs_store_find_duplicate_customers (AfsStore               *self,
                                    const AfsCustomerData  *candidate,
                                    GError                **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *key = NULL;
  g_autofree char *name_words = NULL;
  g_autofree char *address_words = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  AfsDb *db;

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (candidate != NULL, NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_customer_duplicate_free);

  key = afs_phone_match_key (candidate->phone);
  if (key != NULL && strlen (key) < AFS_PHONE_KEY_MIN_DIGITS)
    g_clear_pointer (&key, g_free);
  name_words = fts_words (candidate->name, FALSE);
  address_words = fts_words (candidate->address, FALSE);
  if (name_words != NULL && address_words != NULL)
    match = g_strdup_printf ("name : (%s) AND address : (%s)", name_words, address_words);

  if (key == NULL && match == NULL)
    return g_steal_pointer (&out);

  db = afs_store_lock_reader (self);
  stmt = afs_db_prepare (db,
                         "SELECT " AFS_OFFICE_CUSTOMER_COLUMNS " FROM customers cu"
                         " WHERE cu.deleted_at IS NULL AND cu.id IS NOT ?3 AND cu.id IN ("
                         "   SELECT id FROM customers WHERE phone_key = ?1 AND deleted_at IS NULL"
                         "   UNION SELECT customer_id FROM customer_fts WHERE customer_fts MATCH ?2)"
                         " ORDER BY cu.name COLLATE NOCASE, cu.id LIMIT 200",
                         error);
  if (stmt != NULL)
    {
      afs_db_bind_text (stmt, 1, key);
      /* An expression that matches nothing when there is no name + address. */
      afs_db_bind_text (stmt, 2, match != NULL ? match : "\"\"");
      afs_db_bind_text (stmt, 3, candidate->id);
      found = afs_row_collect (db, stmt, sizeof (AfsCustomerData), read_customer,
                               (GDestroyNotify) afs_customer_data_free,
                               _("looking for the same customer"), error);
    }
  afs_store_unlock_reader (self, db);

  if (found == NULL)
    return NULL;

  for (guint i = 0; i < found->len; i++)
    {
      AfsCustomerData *c = g_ptr_array_index (found, i);
      AfsDuplicateReason reason = afs_customer_match (candidate, c);
      AfsCustomerDuplicate *dup;

      if (reason == AFS_DUPLICATE_NONE)
        continue;

      dup = g_new0 (AfsCustomerDuplicate, 1);
      dup->customer = *c;
      memset (c, 0, sizeof *c);
      dup->reason = reason;
      dup->reason_text = afs_duplicate_reason_describe (reason);
      g_ptr_array_add (out, dup);
    }

  /* Phone matches first: they are the surest. */
  for (guint i = 0, j = 0; i < out->len; i++)
    if (((AfsCustomerDuplicate *) g_ptr_array_index (out, i))->reason & AFS_DUPLICATE_PHONE)
      {
        gpointer tmp = out->pdata[i];

        memmove (&out->pdata[j + 1], &out->pdata[j], (i - j) * sizeof (gpointer));
        out->pdata[j++] = tmp;
      }

  return g_steal_pointer (&out);
}

/* ---- Equipment --------------------------------------------------------------------- */

void
afs_equipment_hit_free (AfsEquipmentHit *hit)
{
  if (hit == NULL)
    return;

  afs_equipment_data_clear (&hit->equipment);
  g_free (hit->customer_name);
  g_free (hit->customer_city);
  g_free (hit->customer_phone);
  g_free (hit);
}

/* The serial_key of schema step 4 for what was typed. */
static char *
serial_key (const char *serial)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (serial == NULL)
    return NULL;

  for (const char *p = serial; *p != '\0'; p++)
    if (*p != ' ' && *p != '-')
      g_string_append_c (out, g_ascii_toupper (*p));

  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static void
read_equipment_hit (sqlite3_stmt *stmt,
                    gpointer      out)
{
  AfsEquipmentHit *hit = out;
  int n = AFS_OFFICE_EQUIPMENT_N_COLUMNS;

  afs_office_read_equipment (stmt, 0, &hit->equipment);
  hit->customer_name = afs_db_column_dup (stmt, n);
  hit->customer_city = afs_db_column_dup (stmt, n + 1);
  hit->customer_phone = afs_db_column_dup (stmt, n + 2);
  hit->exact = sqlite3_column_int (stmt, n + 3) != 0;
}

static GPtrArray *
find_equipment (AfsStore              *self,
                AfsDb                 *db,
                const AfsOfficeQuery  *query,
                GError               **error)
{
  g_autofree char *key = serial_key (query->text);
  g_autofree char *end = NULL;
  GPtrArray *hits;
  sqlite3_stmt *stmt;
  gsize len;

  if (key == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) afs_equipment_hit_free);

  /* The first text after every one that starts with @key: the last byte
   * one higher (BINARY collation compares bytes). */
  end = g_strdup (key);
  len = strlen (end);
  end[len - 1] = (char) ((guchar) end[len - 1] + 1);

  /* The exact matches, then the longer serials in index order, so a
   * short prefix reads only as many rows as it shows. */
  stmt = afs_db_prepare (db,
                         "SELECT * FROM (SELECT " AFS_OFFICE_EQUIPMENT_COLUMNS ", cu.name, cu.city,"
                         "                      cu.phone, 1"
                         "  FROM equipment e JOIN customers cu ON cu.id = e.customer_id"
                         " WHERE e.deleted_at IS NULL AND e.serial_key = ?1 LIMIT ?3)"
                         " UNION ALL "
                         "SELECT * FROM (SELECT " AFS_OFFICE_EQUIPMENT_COLUMNS ", cu.name, cu.city,"
                         "                      cu.phone, 0"
                         "  FROM equipment e JOIN customers cu ON cu.id = e.customer_id"
                         " WHERE e.deleted_at IS NULL AND e.serial_key > ?1 AND e.serial_key < ?2"
                         " ORDER BY e.serial_key LIMIT ?3)",
                         error);
  if (stmt == NULL)
    return NULL;
  afs_db_bind_text (stmt, 1, key);
  afs_db_bind_text (stmt, 2, end);
  sqlite3_bind_int (stmt, 3, query->limit > 0 ? (int) query->limit : EQUIPMENT_LIMIT_DEFAULT);

  hits = afs_row_collect (db, stmt, sizeof (AfsEquipmentHit), read_equipment_hit,
                          (GDestroyNotify) afs_equipment_hit_free,
                          _("looking up the serial number"), error);
  if (hits != NULL && hits->len > (query->limit > 0 ? query->limit : EQUIPMENT_LIMIT_DEFAULT))
    g_ptr_array_set_size (hits, query->limit > 0 ? query->limit : EQUIPMENT_LIMIT_DEFAULT);

  return hits;
}

/**
 * afs_store_find_equipment:
 * @self: a store
 * @serial: (nullable): a serial or batch number, or its start
 * @limit: at most this many (0 = 20)
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsEquipmentHit) (nullable)
 */
GPtrArray *
afs_store_find_equipment (AfsStore    *self,
                          const char  *serial,
                          guint        limit,
                          GError     **error)
{
  AfsOfficeQuery query = { (char *) serial, 0, 0, limit };

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);

  return afs_office_query_run (self, find_equipment, &query, error);
}

void
afs_store_find_equipment_async (AfsStore            *self,
                                const char          *serial,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  AfsOfficeQuery query = { (char *) serial, 0, 0, limit };

  g_return_if_fail (AFS_IS_STORE (self));

  afs_office_query_async (self, find_equipment, afs_store_find_equipment_async, &query,
                          cancellable, callback, user_data);
}

GPtrArray *
afs_store_find_equipment_finish (AfsStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return afs_office_query_finish (self, result, error);
}

static void
read_equipment (sqlite3_stmt *stmt,
                gpointer      out)
{
  afs_office_read_equipment (stmt, 0, out);
}

/**
 * afs_store_list_customer_equipment:
 * @self: a store
 * @customer_id: the customer
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsEquipmentData) (nullable):
 *   newest first
 */
GPtrArray *
afs_store_list_customer_equipment (AfsStore    *self,
                                   const char  *customer_id,
                                   GError     **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  return afs_row_read_list (self,
                            "SELECT " AFS_OFFICE_EQUIPMENT_COLUMNS " FROM equipment e"
                            " WHERE e.customer_id = ?1 AND e.deleted_at IS NULL"
                            " ORDER BY e.created_at DESC, e.id DESC",
                            customer_id, sizeof (AfsEquipmentData), read_equipment,
                            (GDestroyNotify) afs_equipment_data_free,
                            _("reading the customer's equipment"), error);
}

/* ---- Editing equipment ------------------------------------------------------------- */

enum {
  EF_MODEL, EF_SERIAL, EF_PRODUCTION, EF_PURCHASE, EF_INSTALLATION, EF_WARRANTY_END,
  EF_N
};

static const char *const equipment_fields[EF_N] = {
  "model", "serial", "production_date", "purchase_date", "installation_date", "warranty_end",
};

static gboolean
update_equipment (AfsWrite           *w,
                  const char         *id,
                  gint64              expected_version,
                  const char *const  *fields,
                  const char *const  *values,
                  GError            **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) case_ids = g_ptr_array_new_with_free_func (g_free);
  AfsColumnChange set[EF_N];
  AfsEquipmentData check = { 0, };
  GDate today, intake_day;
  gint64 version = 0, first_reported = 0;
  gboolean found;
  guint n_changed = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (!afs_row_read_for_update (w,
                                "SELECT model, serial, production_date, purchase_date,"
                                "       installation_date, warranty_end, version"
                                "  FROM equipment WHERE id = ?1 AND deleted_at IS NULL",
                                id, equipment_fields, set, EF_N, texts, &version, &found,
                                _("reading the equipment"), error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                   _("The equipment “%s” does not exist (it may have been deleted). Reload and "
                     "choose again."),
                   id);
      return FALSE;
    }

  for (guint k = 0; fields[k] != NULL; k++)
    {
      int f = -1;

      for (int i = 0; i < EF_N; i++)
        if (g_str_equal (fields[k], equipment_fields[i]))
          f = i;
      /* No "given twice" check (NULL): a later value of a field wins, as
       * it always has for equipment. */
      if (!afs_row_check_edit_field (fields[k], f, NULL,
                                     _("“%s” is not a field of equipment that can be edited. "
                                       "Check the field name."),
                                     error))
        return FALSE;
      if (!afs_store_check_utf8 (values[k], fields[k], error))
        return FALSE;
      set[f].new_value = afs_value_text (afs_store_empty_to_null (values[k]));
    }

  if (set[EF_MODEL].new_value.text == NULL && set[EF_SERIAL].new_value.text == NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("Equipment needs a model or a serial number. Type at least one of them."));
      return FALSE;
    }

  /* The dates as they will be, checked together, against today and the
   * first day a case was reported for this equipment. */
  check.production_date = (char *) set[EF_PRODUCTION].new_value.text;
  check.purchase_date = (char *) set[EF_PURCHASE].new_value.text;
  check.installation_date = (char *) set[EF_INSTALLATION].new_value.text;
  check.warranty_end = (char *) set[EF_WARRANTY_END].new_value.text;

  stmt = afs_db_prepare (w->db,
                         "SELECT id, reported_at, state FROM cases"
                         " WHERE equipment_id = ?1 AND deleted_at IS NULL ORDER BY reported_at",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AfsCaseState state = AFS_CASE_STATE_CLOSED;

      if (first_reported == 0)
        first_reported = sqlite3_column_int64 (stmt, 1);
      afs_case_state_from_string (afs_db_column_text (stmt, 2), &state);
      if (afs_case_state_is_open (state))
        g_ptr_array_add (case_ids, afs_db_column_dup (stmt, 0));
    }
  afs_db_stmt_release (stmt);
  if (rc != SQLITE_DONE)
    {
      afs_db_set_error (w->db, rc, _("reading the equipment's cases"), error);
      return FALSE;
    }

  afs_date_from_unix (w->now, NULL, &today);
  g_date_clear (&intake_day, 1);
  if (first_reported != 0)
    afs_date_from_unix (first_reported, NULL, &intake_day);
  if (!afs_equipment_check_dates (&check, &today, &intake_day, error))
    return FALSE;

  if (!afs_row_check_version (version, expected_version,
                              /* Translators: the two numbers are revision counters of the record. */
                              _("This equipment was changed by someone else meanwhile (version %lld, "
                                "you edited version %lld). Reload it and make your change again."),
                              error))
    return FALSE;

  {
    const AfsValue params[] = { afs_value_text (id) };

    if (!afs_row_update_where (w, "equipment", set, EF_N, "id = ?1", params, G_N_ELEMENTS (params),
                               AFS_ROW_CHANGED_ONLY, _("saving the equipment"), &n_changed, error))
      return FALSE;
    if (n_changed == 0)
      return TRUE;
  }

  /* The timeline of each open case shows what changed on its equipment. */
  for (int f = 0; f < EF_N; f++)
    {
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;

      if (afs_value_equal (&set[f].old_value, &set[f].new_value))
        continue;
      old_text = afs_value_to_string (&set[f].old_value);
      new_text = afs_value_to_string (&set[f].new_value);
      for (guint c = 0; c < case_ids->len; c++)
        if (!afs_store_audit_add (w, g_ptr_array_index (case_ids, c), "equipment",
                                  equipment_fields[f], old_text, new_text, NULL, error))
          return FALSE;
    }

  /* The serial is part of the cases' search index rows. */
  if (!afs_value_equal (&set[EF_SERIAL].old_value, &set[EF_SERIAL].new_value))
    return afs_store_queue_reindex_cases (w, "SELECT local_id FROM cases WHERE equipment_id = ?1",
                                          id, error);

  return TRUE;
}

/**
 * afs_store_update_equipment:
 * @self: a store
 * @id: the equipment
 * @expected_version: the version the edit was made on, or 0 not to check
 * @fields: (array zero-terminated=1): field names
 * @values: (array zero-terminated=1): new values, parallel to @fields
 * @error: return location for an %AFS_ERROR
 *
 * See afs-store-office.h.
 *
 * Returns: %TRUE on success (also when nothing changed)
 */
gboolean
afs_store_update_equipment (AfsStore           *self,
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

  return afs_store_write_end (&w, update_equipment (&w, id, expected_version, fields, values, error),
                              error);
}

/* ---- Warranty of a case ------------------------------------------------------------- */

typedef struct {
  gint64            reported_at;
  gboolean          has_equipment;
  AfsEquipmentData  equipment;
} CaseWarrantyRow;

static void
read_case_warranty (sqlite3_stmt *stmt,
                    gpointer      out)
{
  CaseWarrantyRow *row = out;

  row->reported_at = sqlite3_column_int64 (stmt, 0);
  row->has_equipment = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
  if (row->has_equipment)
    afs_office_read_equipment (stmt, 1, &row->equipment);
}

/**
 * afs_store_evaluate_warranty:
 * @self: a store
 * @case_id: the case
 * @months: the warranty period setting (0 = default)
 * @out: (out caller-allocates): clear with afs_warranty_result_clear()
 * @error: return location for an %AFS_ERROR (%AFS_ERROR_NOT_FOUND)
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_evaluate_warranty (AfsStore           *self,
                             const char         *case_id,
                             guint               months,
                             AfsWarrantyResult  *out,
                             GError            **error)
{
  CaseWarrantyRow row = { 0, };
  gboolean found;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (!afs_row_read_one (self,
                         "SELECT c.reported_at, " AFS_OFFICE_EQUIPMENT_COLUMNS
                         "  FROM cases c LEFT JOIN equipment e ON e.id = c.equipment_id"
                         " WHERE c.id = ?1 AND c.deleted_at IS NULL",
                         case_id, read_case_warranty, &row, _("reading the case"), &found, error))
    return FALSE;

  if (!found)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                   _("The case “%s” does not exist (it may have been deleted). Reload the list."),
                   case_id);
      return FALSE;
    }

  afs_warranty_evaluate_at (&row.equipment, row.reported_at, NULL, months, out);
  afs_equipment_data_clear (&row.equipment);
  return TRUE;
}
