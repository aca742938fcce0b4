/* afs-store-office-util.c: helpers shared by the office desk's store files.
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

GPtrArray *
afs_office_query_run (AfsStore              *self,
                      AfsOfficeQueryFunc     func,
                      const AfsOfficeQuery  *query,
                      GError               **error)
{
  GPtrArray *rows;
  AfsDb *db;

  db = afs_store_lock_reader (self);
  rows = func (self, db, query, error);
  afs_store_unlock_reader (self, db);

  return rows;
}

typedef struct {
  AfsOfficeQuery      query;
  AfsOfficeQueryFunc  func;
} QueryJob;

static void
query_job_free (QueryJob *job)
{
  g_free (job->query.text);
  g_free (job);
}

static void
query_job_run (AfsStore     *self,
               GTask        *task,
               gpointer      task_data,
               GCancellable *cancellable)
{
  QueryJob *job = task_data;
  GError *error = NULL;
  GPtrArray *rows;
  AfsDb *db;

  db = afs_store_lock_reader (self);
  afs_store_db_set_cancellable (db, cancellable);
  rows = job->func (self, db, &job->query, &error);
  afs_store_db_set_cancellable (db, NULL);
  afs_store_unlock_reader (self, db);

  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

void
afs_office_query_async (AfsStore              *self,
                        AfsOfficeQueryFunc     func,
                        gpointer               source_tag,
                        const AfsOfficeQuery  *query,
                        GCancellable          *cancellable,
                        GAsyncReadyCallback    callback,
                        gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryJob *job;

  job = g_new0 (QueryJob, 1);
  job->query = *query;
  job->query.text = g_strdup (query->text);
  job->func = func;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) query_job_free);
  afs_store_run_in_worker (self, task, query_job_run);
}

GPtrArray *
afs_office_query_finish (AfsStore      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (AFS_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
afs_office_check_role (AfsWrite    *w,
                       const char  *message,
                       GError     **error)
{
  if (w->role == AFS_ROLE_OFFICE || w->role == AFS_ROLE_MANAGER)
    return TRUE;

  g_set_error (error, AFS_ERROR, AFS_ERROR_FORBIDDEN, message, afs_role_get_label (w->role));
  return FALSE;
}

void
afs_office_read_customer (sqlite3_stmt    *stmt,
                          int              first,
                          AfsCustomerData *out)
{
  out->id = afs_db_column_dup (stmt, first + 0);
  out->name = afs_db_column_dup (stmt, first + 1);
  out->contact_name = afs_db_column_dup (stmt, first + 2);
  out->phone = afs_db_column_dup (stmt, first + 3);
  out->email = afs_db_column_dup (stmt, first + 4);
  out->address = afs_db_column_dup (stmt, first + 5);
  out->city = afs_db_column_dup (stmt, first + 6);
  afs_region_class_from_string (afs_db_column_text (stmt, first + 7), &out->region);
  afs_customer_tier_from_string (afs_db_column_text (stmt, first + 8), &out->tier);
  out->created_at = sqlite3_column_int64 (stmt, first + 9);
  out->updated_at = sqlite3_column_int64 (stmt, first + 10);
  out->version = sqlite3_column_int64 (stmt, first + 11);
}

void
afs_office_read_equipment (sqlite3_stmt     *stmt,
                           int               first,
                           AfsEquipmentData *out)
{
  out->id = afs_db_column_dup (stmt, first + 0);
  out->customer_id = afs_db_column_dup (stmt, first + 1);
  out->model = afs_db_column_dup (stmt, first + 2);
  out->serial = afs_db_column_dup (stmt, first + 3);
  out->production_date = afs_db_column_dup (stmt, first + 4);
  out->purchase_date = afs_db_column_dup (stmt, first + 5);
  out->installation_date = afs_db_column_dup (stmt, first + 6);
  out->warranty_end = afs_db_column_dup (stmt, first + 7);
  out->created_at = sqlite3_column_int64 (stmt, first + 8);
  out->updated_at = sqlite3_column_int64 (stmt, first + 9);
  out->version = sqlite3_column_int64 (stmt, first + 10);
}

void
afs_office_read_staff (sqlite3_stmt *stmt,
                       int           first,
                       AfsStaffData *out)
{
  out->id = afs_db_column_dup (stmt, first + 0);
  out->name = afs_db_column_dup (stmt, first + 1);
  out->phone = afs_db_column_dup (stmt, first + 2);
  out->service_area = afs_db_column_dup (stmt, first + 3);
  out->skills = afs_db_column_dup (stmt, first + 4);
  out->hourly_rate = sqlite3_column_double (stmt, first + 5);
  afs_role_from_string (afs_db_column_text (stmt, first + 6), &out->role);
  out->active = sqlite3_column_int (stmt, first + 7) != 0;
  out->created_at = sqlite3_column_int64 (stmt, first + 8);
  out->updated_at = sqlite3_column_int64 (stmt, first + 9);
  out->version = sqlite3_column_int64 (stmt, first + 10);
}
