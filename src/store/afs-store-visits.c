/* afs-store-visits.c: my orders, the visit's timestamps, photo evidence
 * and the parts catalogue (DOMAIN.md 4, 7, 8).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "afs-error.h"
#include "afs-photo-path.h"
#include "afs-store-visit-impl.h"
#include "afs-uuid.h"

/* ---- Shared checks ---------------------------------------------------------- */

gboolean
afs_visit_check_case (AfsWrite      *w,
                      const char    *case_id,
                      AfsCaseState  *state_out,
                      gint64        *local_id_out,
                      GError       **error)
{
  g_autofree char *state_key = NULL;
  AfsCaseState state = AFS_CASE_STATE_NEW;
  gint64 local_id = 0;
  gboolean assigned = TRUE;
  sqlite3_stmt *stmt;
  int rc;

  if (case_id == NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("No case was given. Open the case first."));
      return FALSE;
    }

  stmt = afs_db_prepare (w->db,
                         "SELECT c.state, c.local_id,"
                         "       EXISTS (SELECT 1 FROM assignments a WHERE a.case_id = c.id"
                         "                  AND a.staff_id = ?2 AND a.unassigned_at IS NULL"
                         "                  AND a.deleted_at IS NULL)"
                         "  FROM cases c WHERE c.id = ?1 AND c.deleted_at IS NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, case_id);
  afs_db_bind_text (stmt, 2, w->actor_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state_key = afs_db_column_dup (stmt, 0);
      local_id = sqlite3_column_int64 (stmt, 1);
      assigned = sqlite3_column_int (stmt, 2) != 0;
    }
  else if (rc != SQLITE_DONE)
    afs_db_set_error (w->db, rc, _("reading the case"), error);
  afs_db_stmt_release (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                   _("The case “%s” does not exist (it may have been deleted). Reload the list."),
                   case_id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return FALSE;

  afs_case_state_from_string (state_key, &state);
  if (!afs_case_state_is_open (state))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                   _("A case that is %s cannot be changed. Reopen it first."),
                   afs_case_state_get_label (state));
      return FALSE;
    }
  if (w->role == AFS_ROLE_TECHNICIAN && !assigned)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                           _("You are not assigned to this case. Ask the office to assign you "
                             "before recording work on it."));
      return FALSE;
    }

  if (state_out != NULL)
    *state_out = state;
  if (local_id_out != NULL)
    *local_id_out = local_id;
  return TRUE;
}

/* ---- My orders ----------------------------------------------------------------- */

void
afs_order_data_free (AfsOrderData *o)
{
  if (o == NULL)
    return;
  g_free (o->case_id);
  g_free (o->number);
  g_free (o->description);
  g_free (o->customer_name);
  g_free (o->contact_name);
  g_free (o->phone);
  g_free (o->address);
  g_free (o->city);
  g_free (o->equipment_model);
  g_free (o->serial);
  g_free (o->visit_id);
  g_free (o);
}

static void
read_order_row (sqlite3_stmt *stmt,
                gpointer      data)
{
  AfsOrderData *o = data;
  const char *state = afs_db_column_text (stmt, 3);

  o->case_id = afs_db_column_dup (stmt, 0);
  o->case_local_id = sqlite3_column_int64 (stmt, 1);
  o->number = afs_db_column_dup (stmt, 2);
  afs_case_state_from_string (state, &o->state);
  o->severity = sqlite3_column_int (stmt, 4);
  o->description = afs_db_column_dup (stmt, 5);
  o->customer_name = afs_db_column_dup (stmt, 6);
  o->contact_name = afs_db_column_dup (stmt, 7);
  o->phone = afs_db_column_dup (stmt, 8);
  o->address = afs_db_column_dup (stmt, 9);
  o->city = afs_db_column_dup (stmt, 10);
  o->equipment_model = afs_db_column_dup (stmt, 11);
  o->serial = afs_db_column_dup (stmt, 12);
  o->lead = sqlite3_column_int (stmt, 13) != 0;
  o->planned_start = sqlite3_column_int64 (stmt, 14);
  o->arrive_due = sqlite3_column_int64 (stmt, 15);
  o->resolve_due = sqlite3_column_int64 (stmt, 16);
  o->next_due = sqlite3_column_int64 (stmt, 17);
  o->visit_id = afs_db_column_dup (stmt, 18);
  o->travel_started_at = sqlite3_column_int64 (stmt, 19);
  o->arrived_at = sqlite3_column_int64 (stmt, 20);
  o->left_at = sqlite3_column_int64 (stmt, 21);
}

static int
compare_orders (gconstpointer a,
                gconstpointer b)
{
  const AfsOrderData *x = *(AfsOrderData * const *) a;
  const AfsOrderData *y = *(AfsOrderData * const *) b;

  if (x->today != y->today)
    return x->today ? -1 : 1;
  if ((x->next_due == 0) != (y->next_due == 0))
    return x->next_due == 0 ? 1 : -1;
  if (x->next_due != y->next_due)
    return x->next_due < y->next_due ? -1 : 1;
  return g_strcmp0 (x->number, y->number);
}

/**
 * afs_store_list_my_orders:
 * @self: a store
 * @staff_id: (nullable): the technician; NULL: the store's actor
 * @now: the instant whose local day is "today"; 0: the store clock
 * @error: return location for an %AFS_ERROR
 *
 * A technician's assignments (DOMAIN.md 8), today's first, by deadline.
 *
 * Returns: (transfer full) (element-type AfsOrderData): the orders
 */
GPtrArray *
afs_store_list_my_orders (AfsStore    *self,
                          const char  *staff_id,
                          gint64       now,
                          GError     **error)
{
  g_autofree char *actor = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  gint64 day_start, day_end;
  GPtrArray *orders;

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);

  if (staff_id == NULL)
    {
      g_mutex_lock (&self->props_lock);
      actor = g_strdup (self->actor_id);
      g_mutex_unlock (&self->props_lock);
      staff_id = actor;
    }
  if (staff_id == NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_PRECONDITION,
                           _("Choose who you are (a technician) to see your orders."));
      return NULL;
    }
  if (now == 0)
    now = afs_store_now (self);

  rows = afs_row_read_list (self,
                            "SELECT c.id, c.local_id, c.number, c.state, c.severity, c.description,"
                            "       cu.name,"
                            "       COALESCE (NULLIF (c.contact_name, ''), cu.contact_name),"
                            "       COALESCE (NULLIF (c.contact_phone, ''), cu.phone),"
                            "       cu.address, cu.city, e.model, e.serial,"
                            "       a.lead, a.planned_start, c.arrive_due, c.resolve_due, c.next_due,"
                            "       v.id, v.travel_started_at, v.arrived_at, v.left_at"
                            "  FROM assignments a"
                            "  JOIN cases c ON c.id = a.case_id"
                            "  JOIN customers cu ON cu.id = c.customer_id"
                            "  LEFT JOIN equipment e ON e.id = c.equipment_id"
                            "  LEFT JOIN visits v ON v.rowid = (SELECT v2.rowid FROM visits v2"
                            "        WHERE v2.case_id = c.id AND v2.staff_id = a.staff_id"
                            "          AND v2.deleted_at IS NULL"
                            "        ORDER BY COALESCE (v2.travel_started_at, v2.arrived_at) DESC,"
                            "                 v2.rowid DESC LIMIT 1)"
                            " WHERE a.staff_id = ?1 AND a.unassigned_at IS NULL"
                            "   AND a.deleted_at IS NULL AND c.deleted_at IS NULL"
                            "   AND c.state NOT IN ('resolved', 'closed', 'out_of_scope', 'cancelled')"
                            " ORDER BY a.lead DESC",
                            staff_id, sizeof (AfsOrderData), read_order_row,
                            (GDestroyNotify) afs_order_data_free,
                            _("reading your orders"), error);
  if (rows == NULL)
    return NULL;

  local = g_date_time_new_from_unix_local (now);
  midnight = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                    g_date_time_get_day_of_month (local), 0, 0, 0);
  day_start = g_date_time_to_unix (midnight);
  {
    g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);
    day_end = g_date_time_to_unix (next);
  }

  orders = g_ptr_array_new_with_free_func ((GDestroyNotify) afs_order_data_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < rows->len; i++)
    {
      AfsOrderData *o = rows->pdata[i];

      /* Two assignment rows of one technician to one case: one order. */
      if (g_hash_table_contains (seen, o->case_id))
        continue;
      g_hash_table_add (seen, o->case_id);
      o->today = (o->planned_start >= day_start && o->planned_start < day_end) ||
                 (o->next_due != 0 && o->next_due < day_end);
      rows->pdata[i] = NULL;
      g_ptr_array_add (orders, o);
    }
  g_ptr_array_sort (orders, compare_orders);
  return orders;
}

typedef struct {
  char   *staff_id;
  gint64  now;
} OrdersData;

static void
orders_data_free (OrdersData *d)
{
  g_free (d->staff_id);
  g_free (d);
}

static void
list_my_orders_job (AfsStore     *self,
                    GTask        *task,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  OrdersData *d = task_data;
  GError *error = NULL;
  GPtrArray *orders = afs_store_list_my_orders (self, d->staff_id, d->now, &error);

  if (orders == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, orders, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * afs_store_list_my_orders_async:
 *
 * afs_store_list_my_orders() on the store's worker thread.
 */
void
afs_store_list_my_orders_async (AfsStore            *self,
                                const char          *staff_id,
                                gint64               now,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OrdersData *d;

  g_return_if_fail (AFS_IS_STORE (self));

  d = g_new0 (OrdersData, 1);
  if (staff_id == NULL)
    {
      g_mutex_lock (&self->props_lock);
      d->staff_id = g_strdup (self->actor_id);
      g_mutex_unlock (&self->props_lock);
    }
  else
    d->staff_id = g_strdup (staff_id);
  d->now = now != 0 ? now : afs_store_now (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, afs_store_list_my_orders_async);
  g_task_set_task_data (task, d, (GDestroyNotify) orders_data_free);
  afs_store_run_in_worker (self, task, list_my_orders_job);
}

GPtrArray *
afs_store_list_my_orders_finish (AfsStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Visits ------------------------------------------------------------------------ */

void
afs_visit_data_free (AfsVisitData *v)
{
  if (v == NULL)
    return;
  g_free (v->id);
  g_free (v->case_id);
  g_free (v->staff_id);
  g_free (v->staff_name);
  g_free (v);
}

/* The staff member a visit is recorded for: the actor when assigned,
 * else the lead (the office recording what it was told by phone). */
static char *
visit_staff (AfsWrite    *w,
             const char  *case_id,
             GError     **error)
{
  char *staff_id = NULL;
  sqlite3_stmt *stmt;

  stmt = afs_db_prepare (w->db,
                         "SELECT staff_id FROM assignments WHERE case_id = ?1"
                         "   AND unassigned_at IS NULL AND deleted_at IS NULL"
                         " ORDER BY staff_id = ?2 DESC, lead DESC, assigned_at DESC LIMIT 1",
                         error);
  if (stmt == NULL)
    return NULL;
  afs_db_bind_text (stmt, 1, case_id);
  afs_db_bind_text (stmt, 2, w->actor_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    staff_id = afs_db_column_dup (stmt, 0);
  afs_db_stmt_release (stmt);

  if (staff_id == NULL)
    g_set_error_literal (error, AFS_ERROR, AFS_ERROR_PRECONDITION,
                         _("No technician is assigned to this case. Dispatch it first."));
  return staff_id;
}

/* The id of @staff_id's visit of the case not yet ended, and whether it
 * has arrived. Returns FALSE on a read error; *out_id NULL when none. */
static gboolean
find_open_visit (AfsWrite    *w,
                 const char  *case_id,
                 const char  *staff_id,
                 char       **out_id,
                 gboolean    *arrived,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_id = NULL;
  *arrived = FALSE;
  stmt = afs_db_prepare (w->db,
                         "SELECT id, arrived_at IS NOT NULL FROM visits"
                         " WHERE case_id = ?1 AND staff_id = ?2 AND left_at IS NULL"
                         "   AND deleted_at IS NULL ORDER BY rowid DESC LIMIT 1",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, case_id);
  afs_db_bind_text (stmt, 2, staff_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_id = afs_db_column_dup (stmt, 0);
      *arrived = sqlite3_column_int (stmt, 1) != 0;
    }
  else if (rc != SQLITE_DONE)
    afs_db_set_error (w->db, rc, _("reading the visit"), error);
  afs_db_stmt_release (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gboolean
afs_store_visit_record_arrival (AfsWrite    *w,
                                const char  *case_id,
                                const char  *staff_id,
                                GError     **error)
{
  g_autofree char *visit_id = NULL;
  gboolean arrived = FALSE;

  if (staff_id != NULL &&
      !find_open_visit (w, case_id, staff_id, &visit_id, &arrived, error))
    return FALSE;

  if (visit_id != NULL && !arrived)
    {
      const AfsColumnChange set[] = {
        { "arrived_at", afs_value_null (), afs_value_int (w->now) },
      };
      const AfsValue params[] = { afs_value_text (visit_id) };

      return afs_row_update_where (w, "visits", set, G_N_ELEMENTS (set), "id = ?1",
                                   params, G_N_ELEMENTS (params), AFS_ROW_DEFAULT,
                                   _("recording the visit"), NULL, error);
    }
  else
    {
      g_autofree char *new_id = afs_uuid7_new ();
      const AfsColumn cols[] = {
        { "case_id", afs_value_text (case_id) },
        { "staff_id", afs_value_text (staff_id) },
        { "arrived_at", afs_value_int (w->now) },
      };

      return afs_row_insert (w, "visits", new_id, cols, G_N_ELEMENTS (cols),
                             _("recording the visit"), error);
    }
}

static gboolean
start_travel (AfsWrite    *w,
              const char  *case_id,
              GError     **error)
{
  g_autofree char *staff_id = NULL;
  g_autofree char *open_id = NULL;
  g_autofree char *visit_id = NULL;
  AfsCaseState state;
  gboolean arrived;

  if (!afs_visit_check_case (w, case_id, &state, NULL, error))
    return FALSE;
  if (state != AFS_CASE_STATE_DISPATCHED)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_TRANSITION,
                   _("You can set out only to a dispatched case; this one is %s."),
                   afs_case_state_get_label (state));
      return FALSE;
    }

  staff_id = visit_staff (w, case_id, error);
  if (staff_id == NULL)
    return FALSE;
  if (!find_open_visit (w, case_id, staff_id, &open_id, &arrived, error))
    return FALSE;
  if (open_id != NULL)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_PRECONDITION,
                           arrived ? _("You are already on site for this case. Record when you leave first.")
                                   : _("You are already on your way to this case."));
      return FALSE;
    }

  visit_id = afs_uuid7_new ();
  {
    const AfsColumn cols[] = {
      { "case_id", afs_value_text (case_id) },
      { "staff_id", afs_value_text (staff_id) },
      { "travel_started_at", afs_value_int (w->now) },
    };

    if (!afs_row_insert (w, "visits", visit_id, cols, G_N_ELEMENTS (cols),
                         _("recording the visit"), error))
      return FALSE;
  }

  return afs_store_audit_add (w, case_id, "visit", "travel_started_at", NULL, NULL, NULL, error);
}

/**
 * afs_store_start_travel:
 * @self: a store
 * @case_id: a dispatched case
 * @error: return location for an %AFS_ERROR
 *
 * The technician sets out (DOMAIN.md 5: the arrival deadline runs; the
 * travel time is part of the record): opens a visit with the store
 * clock's time.
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_start_travel (AfsStore    *self,
                        const char  *case_id,
                        GError     **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  return afs_store_write_end (&w, start_travel (&w, case_id, error), error);
}

/**
 * afs_store_arrive:
 * @self: a store
 * @case_id: a dispatched case
 * @error: return location for an %AFS_ERROR
 *
 * The ARRIVE action: the case goes on site, the visit gets its arrival
 * time (DOMAIN.md 8: "record arrival and departure times").
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_arrive (AfsStore    *self,
                  const char  *case_id,
                  GError     **error)
{
  return afs_store_apply_action (self, case_id, AFS_ACTION_ARRIVE, NULL, error);
}

static gboolean
leave_site (AfsWrite    *w,
            const char  *case_id,
            GError     **error)
{
  g_autofree char *staff_id = NULL;
  g_autofree char *open_id = NULL;
  gboolean arrived;

  if (!afs_visit_check_case (w, case_id, NULL, NULL, error))
    return FALSE;
  staff_id = visit_staff (w, case_id, error);
  if (staff_id == NULL)
    return FALSE;
  if (!find_open_visit (w, case_id, staff_id, &open_id, &arrived, error))
    return FALSE;
  if (open_id == NULL || !arrived)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_PRECONDITION,
                           _("You have not arrived at this site yet. Record your arrival first."));
      return FALSE;
    }

  {
    const AfsColumnChange set[] = {
      { "left_at", afs_value_null (), afs_value_int (w->now) },
    };
    const AfsValue params[] = { afs_value_text (open_id) };

    if (!afs_row_update_where (w, "visits", set, G_N_ELEMENTS (set), "id = ?1",
                               params, G_N_ELEMENTS (params), AFS_ROW_DEFAULT,
                               _("recording the visit"), NULL, error))
      return FALSE;
  }

  return afs_store_audit_add (w, case_id, "visit", "left_at", NULL, NULL, NULL, error);
}

/**
 * afs_store_leave_site:
 * @self: a store
 * @case_id: the case
 * @error: return location for an %AFS_ERROR
 *
 * Records the departure time of the visit under way (DOMAIN.md 8).
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_leave_site (AfsStore    *self,
                      const char  *case_id,
                      GError     **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  return afs_store_write_end (&w, leave_site (&w, case_id, error), error);
}

static void
read_visit_row (sqlite3_stmt *stmt,
                gpointer      data)
{
  AfsVisitData *v = data;

  v->id = afs_db_column_dup (stmt, 0);
  v->case_id = afs_db_column_dup (stmt, 1);
  v->staff_id = afs_db_column_dup (stmt, 2);
  v->staff_name = afs_db_column_dup (stmt, 3);
  v->travel_started_at = sqlite3_column_int64 (stmt, 4);
  v->arrived_at = sqlite3_column_int64 (stmt, 5);
  v->left_at = sqlite3_column_int64 (stmt, 6);
}

GPtrArray *
afs_store_list_visits (AfsStore    *self,
                       const char  *case_id,
                       GError     **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return afs_row_read_list (self,
                            "SELECT v.id, v.case_id, v.staff_id, s.name, v.travel_started_at,"
                            "       v.arrived_at, v.left_at"
                            "  FROM visits v LEFT JOIN staff s ON s.id = v.staff_id"
                            " WHERE v.case_id = ?1 AND v.deleted_at IS NULL"
                            " ORDER BY COALESCE (v.travel_started_at, v.arrived_at), v.rowid",
                            case_id, sizeof (AfsVisitData), read_visit_row,
                            (GDestroyNotify) afs_visit_data_free,
                            _("reading the visits"), error);
}

/* ---- Photos --------------------------------------------------------------------- */

static const char *const photo_kind_keys[AFS_PHOTO_KIND_N] = {
  "whole_item", "damage_close_up", "detail", "packaging_damage", "batch_label",
  "before_repair", "after_repair", "other",
};

const char *
afs_photo_kind_to_key (AfsPhotoKind kind)
{
  if ((guint) kind >= AFS_PHOTO_KIND_N)
    return NULL;
  return photo_kind_keys[kind];
}

AfsPhotoKind
afs_photo_kind_from_key (const char *key)
{
  for (guint i = 0; i < AFS_PHOTO_KIND_N; i++)
    if (g_strcmp0 (key, photo_kind_keys[i]) == 0)
      return i;
  return AFS_PHOTO_KIND_N;
}

const char *
afs_photo_kind_get_label (AfsPhotoKind kind)
{
  switch (kind)
    {
    case AFS_PHOTO_KIND_WHOLE_ITEM: return _("Whole item");
    case AFS_PHOTO_KIND_DAMAGE_CLOSE_UP: return _("Damaged part, close up");
    case AFS_PHOTO_KIND_DETAIL: return _("Detail");
    case AFS_PHOTO_KIND_PACKAGING_DAMAGE: return _("Packaging at the damaged spot");
    case AFS_PHOTO_KIND_BATCH_LABEL: return _("Batch label on the packaging");
    case AFS_PHOTO_KIND_BEFORE_REPAIR: return _("Before repair");
    case AFS_PHOTO_KIND_AFTER_REPAIR: return _("After repair");
    case AFS_PHOTO_KIND_OTHER: return _("Other");
    case AFS_PHOTO_KIND_N:
    default: return NULL;
    }
}

gboolean
afs_photo_kind_is_required (AfsPhotoKind kind)
{
  return (guint) kind < AFS_PHOTO_KIND_OTHER;
}

void
afs_photo_data_free (AfsPhotoData *p)
{
  if (p == NULL)
    return;
  g_free (p->id);
  g_free (p->case_id);
  g_free (p->sha256);
  g_free (p->caption);
  g_free (p->mime_type);
  g_free (p);
}

static gboolean
check_photo_kind (AfsPhotoKind   kind,
                  GError       **error)
{
  if ((guint) kind >= AFS_PHOTO_KIND_N)
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("%d is not a kind of photo. Choose one from the checklist."), (int) kind);
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_photo (AfsWrite             *w,
           const AfsPhotoInput  *in,
           char                **out_id,
           GError              **error)
{
  g_autofree char *id = NULL;
  const char *mime = in->mime_type != NULL ? in->mime_type : "image/jpeg";
  sqlite3_stmt *stmt;
  gboolean exists;

  if (!afs_photo_sha256_is_valid (in->sha256))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The photo has no valid SHA-256 name. Import it through the photo folder."));
      return FALSE;
    }
  if (!check_photo_kind (in->kind, error) ||
      !afs_store_check_utf8 (in->caption, _("caption"), error))
    return FALSE;
  if (in->width <= 0 || in->height <= 0 || in->size < 0 || in->taken_at < 0)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("The photo's size is not valid. Import it again."));
      return FALSE;
    }
  if (!g_str_equal (mime, "image/jpeg") && !g_str_equal (mime, "image/png"))
    {
      g_set_error (error, AFS_ERROR, AFS_ERROR_INVALID,
                   _("“%s” is not a photo type the app keeps. Use JPEG or PNG."), mime);
      return FALSE;
    }

  if (!afs_visit_check_case (w, in->case_id, NULL, NULL, error))
    return FALSE;

  stmt = afs_db_prepare (w->db,
                         "SELECT 1 FROM photos WHERE case_id = ?1 AND sha256 = ?2 AND deleted_at IS NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, in->case_id);
  afs_db_bind_text (stmt, 2, in->sha256);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  afs_db_stmt_release (stmt);
  if (exists)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_CONFLICT,
                           _("This photo is already in the case."));
      return FALSE;
    }

  id = afs_uuid7_new ();
  {
    const AfsColumn cols[] = {
      { "case_id", afs_value_text (in->case_id) },
      { "sha256", afs_value_text (in->sha256) },
      { "kind", afs_value_text (afs_photo_kind_to_key (in->kind)) },
      { "caption", afs_value_text (afs_store_empty_to_null (in->caption)) },
      { "taken_at", afs_value_time (in->taken_at) },
      { "width", afs_value_int (in->width) },
      { "height", afs_value_int (in->height) },
      { "size", in->size > 0 ? afs_value_int (in->size) : afs_value_null () },
      { "mime_type", afs_value_text (mime) },
    };

    if (!afs_row_insert (w, "photos", id, cols, G_N_ELEMENTS (cols),
                         _("saving the photo"), error))
      return FALSE;
  }

  if (!afs_store_audit_add (w, in->case_id, "photo", "kind", NULL,
                            afs_photo_kind_to_key (in->kind), in->sha256, error))
    return FALSE;

  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * afs_store_add_photo:
 * @self: a store
 * @input: the photo (already stored in the photo folder)
 * @out_id: (out) (optional): the new photo row's id
 * @error: return location for an %AFS_ERROR
 *
 * Records a photo as evidence of a case (DOMAIN.md 4).
 *
 * Returns: %TRUE on success
 */
gboolean
afs_store_add_photo (AfsStore             *self,
                     const AfsPhotoInput  *input,
                     char                **out_id,
                     GError              **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  return afs_store_write_end (&w, add_photo (&w, input, out_id, error), error);
}

static void
read_photo_row (sqlite3_stmt *stmt,
                gpointer      data)
{
  AfsPhotoData *p = data;

  p->id = afs_db_column_dup (stmt, 0);
  p->case_id = afs_db_column_dup (stmt, 1);
  p->sha256 = afs_db_column_dup (stmt, 2);
  p->kind = afs_photo_kind_from_key (afs_db_column_text (stmt, 3));
  if (p->kind == AFS_PHOTO_KIND_N)
    p->kind = AFS_PHOTO_KIND_OTHER;
  p->caption = afs_db_column_dup (stmt, 4);
  p->taken_at = sqlite3_column_int64 (stmt, 5);
  p->width = sqlite3_column_int (stmt, 6);
  p->height = sqlite3_column_int (stmt, 7);
  p->size = sqlite3_column_int64 (stmt, 8);
  p->mime_type = afs_db_column_dup (stmt, 9);
  p->created_at = sqlite3_column_int64 (stmt, 10);
  p->version = sqlite3_column_int64 (stmt, 11);
}

GPtrArray *
afs_store_list_photos (AfsStore    *self,
                       const char  *case_id,
                       GError     **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return afs_row_read_list (self,
                            "SELECT id, case_id, sha256, kind, caption, taken_at, width, height,"
                            "       size, mime_type, created_at, version"
                            "  FROM photos WHERE case_id = ?1 AND deleted_at IS NULL"
                            " ORDER BY created_at, rowid",
                            case_id, sizeof (AfsPhotoData), read_photo_row,
                            (GDestroyNotify) afs_photo_data_free,
                            _("reading the photos"), error);
}

/**
 * afs_store_list_missing_photo_kinds:
 * @self: a store
 * @case_id: the case
 * @error: return location for an %AFS_ERROR
 *
 * DOMAIN.md 4: "photos of the whole item, the damaged part up close,
 * detail, the packaging at the damaged spot, the batch label on the
 * packaging", plus before and after the repair.
 *
 * Returns: (transfer full): the kinds (int) with no photo yet, or NULL
 *   with @error set
 */
GArray *
afs_store_list_missing_photo_kinds (AfsStore    *self,
                                    const char  *case_id,
                                    GError     **error)
{
  g_autoptr(GPtrArray) photos = afs_store_list_photos (self, case_id, error);
  gboolean have[AFS_PHOTO_KIND_N] = { FALSE, };
  GArray *missing;

  if (photos == NULL)
    return NULL;
  for (guint i = 0; i < photos->len; i++)
    have[((AfsPhotoData *) photos->pdata[i])->kind] = TRUE;

  missing = g_array_new (FALSE, FALSE, sizeof (int));
  for (int k = 0; k < AFS_PHOTO_KIND_N; k++)
    if (afs_photo_kind_is_required (k) && !have[k])
      g_array_append_val (missing, k);
  return missing;
}

/* Reads the photo for a change; refuses a photo that a signed report
 * covers (its id is in the signed text). */
static gboolean
load_photo_for_change (AfsWrite     *w,
                       const char   *photo_id,
                       char        **case_id,
                       char        **old_caption,
                       char        **old_kind,
                       GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean locked = FALSE;
  int rc;

  stmt = afs_db_prepare (w->db,
                         "SELECT p.case_id, p.caption, p.kind,"
                         "       EXISTS (SELECT 1 FROM reports r WHERE r.case_id = p.case_id"
                         "                  AND r.signed_at IS NOT NULL AND r.deleted_at IS NULL"
                         "                  AND instr (r.signed_content, p.id) > 0)"
                         "  FROM photos p WHERE p.id = ?1 AND p.deleted_at IS NULL",
                         error);
  if (stmt == NULL)
    return FALSE;
  afs_db_bind_text (stmt, 1, photo_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *case_id = afs_db_column_dup (stmt, 0);
      *old_caption = afs_db_column_dup (stmt, 1);
      *old_kind = afs_db_column_dup (stmt, 2);
      locked = sqlite3_column_int (stmt, 3) != 0;
    }
  else if (rc != SQLITE_DONE)
    afs_db_set_error (w->db, rc, _("reading the photo"), error);
  afs_db_stmt_release (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_NOT_FOUND,
                           _("This photo no longer exists. Reload the case."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return FALSE;
  if (locked)
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_FORBIDDEN,
                           _("This photo is part of a signed report and can no longer be changed. "
                             "For a change, start a new version of the report."));
      return FALSE;
    }
  return afs_visit_check_case (w, *case_id, NULL, NULL, error);
}

static gboolean
set_photo_field (AfsWrite     *w,
                 const char   *photo_id,
                 gboolean      is_kind,
                 const char   *value,
                 GError      **error)
{
  g_autofree char *case_id = NULL;
  g_autofree char *old_caption = NULL;
  g_autofree char *old_kind = NULL;
  const char *field = is_kind ? "kind" : "caption";
  const char *old_value;
  guint n = 0;

  if (!load_photo_for_change (w, photo_id, &case_id, &old_caption, &old_kind, error))
    return FALSE;
  old_value = is_kind ? old_kind : old_caption;

  {
    const AfsColumnChange set[] = {
      { field, afs_value_text (old_value), afs_value_text (value) },
    };
    const AfsValue params[] = { afs_value_text (photo_id) };

    if (!afs_row_update_where (w, "photos", set, G_N_ELEMENTS (set), "id = ?1",
                               params, G_N_ELEMENTS (params), AFS_ROW_CHANGED_ONLY,
                               _("saving the photo"), &n, error))
      return FALSE;
  }
  if (n == 0)
    return TRUE;
  return afs_store_audit_add (w, case_id, "photo", field, old_value, value, NULL, error);
}

gboolean
afs_store_set_photo_caption (AfsStore    *self,
                             const char  *photo_id,
                             const char  *caption,
                             GError     **error)
{
  AfsWrite w;
  gboolean ok;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (photo_id != NULL, FALSE);

  if (!afs_store_check_utf8 (caption, _("caption"), error))
    return FALSE;
  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  ok = set_photo_field (&w, photo_id, FALSE, afs_store_empty_to_null (caption), error);
  return afs_store_write_end (&w, ok, error);
}

gboolean
afs_store_set_photo_kind (AfsStore      *self,
                          const char    *photo_id,
                          AfsPhotoKind   kind,
                          GError       **error)
{
  AfsWrite w;
  gboolean ok;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (photo_id != NULL, FALSE);

  if (!check_photo_kind (kind, error))
    return FALSE;
  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  ok = set_photo_field (&w, photo_id, TRUE, afs_photo_kind_to_key (kind), error);
  return afs_store_write_end (&w, ok, error);
}

/* ---- Parts catalogue --------------------------------------------------------------- */

void
afs_catalogue_part_free (AfsCataloguePart *p)
{
  if (p == NULL)
    return;
  g_free (p->id);
  g_free (p->part_number);
  g_free (p->name);
  g_free (p);
}

static gboolean
add_catalogue_part (AfsWrite                *w,
                    const AfsCataloguePart  *part,
                    char                   **out_id,
                    GError                 **error)
{
  g_autofree char *id = NULL;

  if (!afs_store_check_id (part->id, error) ||
      !afs_store_check_utf8 (part->name, _("part name"), error) ||
      !afs_store_check_utf8 (part->part_number, _("part number"), error))
    return FALSE;
  if (afs_store_text_is_blank (part->name))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A part needs a name. Type what the part is."));
      return FALSE;
    }
  if (!(part->unit_price >= 0) || !isfinite (part->unit_price))
    {
      g_set_error_literal (error, AFS_ERROR, AFS_ERROR_INVALID,
                           _("A unit price cannot be negative. Type 0 for a free part."));
      return FALSE;
    }

  id = part->id != NULL ? g_strdup (part->id) : afs_uuid7_new ();
  {
    const AfsColumn cols[] = {
      { "part_number", afs_value_text (afs_store_empty_to_null (part->part_number)) },
      { "name", afs_value_text (part->name) },
      { "unit_price", afs_value_real (part->unit_price) },
    };

    if (!afs_row_insert (w, "parts_catalogue", id, cols, G_N_ELEMENTS (cols),
                         _("saving the part"), error))
      return FALSE;
  }
  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return TRUE;
}

gboolean
afs_store_add_catalogue_part (AfsStore                *self,
                              const AfsCataloguePart  *part,
                              char                   **out_id,
                              GError                 **error)
{
  AfsWrite w;

  g_return_val_if_fail (AFS_IS_STORE (self), FALSE);
  g_return_val_if_fail (part != NULL, FALSE);

  if (!afs_store_write_begin (self, &w, error))
    return FALSE;
  return afs_store_write_end (&w, add_catalogue_part (&w, part, out_id, error), error);
}

static void
read_catalogue_row (sqlite3_stmt *stmt,
                    gpointer      data)
{
  AfsCataloguePart *p = data;

  p->id = afs_db_column_dup (stmt, 0);
  p->part_number = afs_db_column_dup (stmt, 1);
  p->name = afs_db_column_dup (stmt, 2);
  p->unit_price = sqlite3_column_double (stmt, 3);
}

/**
 * afs_store_search_catalogue:
 * @self: a store
 * @text: (nullable): part of a number or name, any case (ASCII letters)
 * @limit: at most this many; 0 = all
 * @error: return location for an %AFS_ERROR
 *
 * Returns: (transfer full) (element-type AfsCataloguePart): the parts
 */
GPtrArray *
afs_store_search_catalogue (AfsStore    *self,
                            const char  *text,
                            guint        limit,
                            GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *needle = NULL;

  g_return_val_if_fail (AFS_IS_STORE (self), NULL);

  all = afs_row_read_list (self,
                           "SELECT id, part_number, name, unit_price FROM parts_catalogue"
                           " WHERE deleted_at IS NULL"
                           "   AND (?1 IS NULL OR instr (lower (name), lower (?1)) > 0"
                           "        OR instr (lower (part_number), lower (?1)) > 0)"
                           " ORDER BY name, part_number",
                           afs_store_empty_to_null (text), sizeof (AfsCataloguePart),
                           read_catalogue_row, (GDestroyNotify) afs_catalogue_part_free,
                           _("reading the parts catalogue"), error);
  if (all == NULL)
    return NULL;
  if (limit > 0 && all->len > limit)
    g_ptr_array_remove_range (all, limit, all->len - limit);
  return g_steal_pointer (&all);
}
