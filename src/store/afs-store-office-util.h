/* afs-store-office-util.h: what the office desk's store files
 * (afs-store-intake.c, -dispatch.c, -approvals.c, -shipments.c, -due.c)
 * share: running a read with several parameters now or on the store's
 * worker for the _async calls. Only those
 * files include it.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-store-rows.h"
#include "afs-store-office.h"

G_BEGIN_DECLS

/* The parameters of an office query (what a screen asks as you type). */
typedef struct {
  char    *text;
  gint64   from;
  gint64   to;
  guint    limit;
} AfsOfficeQuery;

/* Runs on @db (locked by the caller). Returns: (transfer full) the rows. */
typedef GPtrArray *(*AfsOfficeQueryFunc) (AfsStore              *self,
                                          AfsDb                 *db,
                                          const AfsOfficeQuery  *query,
                                          GError               **error);

/* @func on the read connection, now. */
GPtrArray *afs_office_query_run    (AfsStore              *self,
                                    AfsOfficeQueryFunc     func,
                                    const AfsOfficeQuery  *query,
                                    GError               **error);

/* @func on the store's worker thread; @query is copied. */
void       afs_office_query_async  (AfsStore              *self,
                                    AfsOfficeQueryFunc     func,
                                    gpointer               source_tag,
                                    const AfsOfficeQuery  *query,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data);
GPtrArray *afs_office_query_finish (AfsStore      *self,
                                    GAsyncResult  *result,
                                    GError       **error);

/* Office and managers run the desk (DOMAIN.md People: "office staff /
 * dispatcher ... dispatch, approve"). Sets AFS_ERROR_FORBIDDEN with
 * @message, a whole translated sentence with one %s for the role. */
gboolean   afs_office_check_role   (AfsWrite    *w,
                                    const char  *message,
                                    GError     **error);

/* The customer columns afs_office_read_customer() reads, prefixed "cu.". */
#define AFS_OFFICE_CUSTOMER_COLUMNS \
  "cu.id, cu.name, cu.contact_name, cu.phone, cu.email, cu.address, cu.city, cu.region," \
  " cu.tier, cu.created_at, cu.updated_at, cu.version"
#define AFS_OFFICE_CUSTOMER_N_COLUMNS 12
void       afs_office_read_customer (sqlite3_stmt *stmt, int first, AfsCustomerData *out);

#define AFS_OFFICE_EQUIPMENT_COLUMNS \
  "e.id, e.customer_id, e.model, e.serial, e.production_date, e.purchase_date," \
  " e.installation_date, e.warranty_end, e.created_at, e.updated_at, e.version"
#define AFS_OFFICE_EQUIPMENT_N_COLUMNS 11
void       afs_office_read_equipment (sqlite3_stmt *stmt, int first, AfsEquipmentData *out);

#define AFS_OFFICE_STAFF_COLUMNS \
  "s.id, s.name, s.phone, s.service_area, s.skills, s.hourly_rate, s.role, s.active," \
  " s.created_at, s.updated_at, s.version"
#define AFS_OFFICE_STAFF_N_COLUMNS 11
void       afs_office_read_staff    (sqlite3_stmt *stmt, int first, AfsStaffData *out);

/* The states in which a case still needs work from its technicians, as
 * an SQL list: "('new', 'triaged', …, 'second_visit')". */
#define AFS_OFFICE_ACTIVE_STATES \
  "('new', 'triaged', 'awaiting_approval', 'approved', 'dispatched', 'on_site', 'second_visit')"

G_END_DECLS
