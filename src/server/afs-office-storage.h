/* afs-office-storage.h: where the office service keeps its data, as an
 * interface, so a PostgreSQL implementation can sit beside the SQLite
 * one (afs-office-storage-sqlite.c) for larger companies.
 *
 * The sync rules (conflicts, scope, exactly-once) live above this, in
 * afs-office-sync.c; an implementation only stores and finds. It must
 * give: one transaction at a time per handle, server sequence numbers
 * that grow in commit order, and the scope query of pull.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char   *id;
  char   *name;
  char   *role;          /* technician | office | manager | quality */
  char   *staff_id;      /* (nullable) */
  char   *password_hash; /* crypt(3) string */
  gint64  created_at;
} AfsOfficeUser;

typedef struct {
  char   *id;
  char   *user_id;
  char   *name;
  gint64  last_seq;      /* last change applied */
  char   *last_hlc;      /* (nullable) HLC of that change: tells a replay of
                          * seq <= last_seq from a reused number (a device
                          * put back from an older backup) */
  gint64  schema;        /* the device's schema at its last sign-in */
  gint64  created_at;
  gint64  last_seen;
  gint64  revoked_at;    /* 0 = active */
} AfsOfficeDevice;

/* One synced row as the server keeps it. */
typedef struct {
  char       *table;
  char       *row_id;
  char       *case_id;        /* (nullable) the case it belongs to */
  char       *customer_ref;   /* cases: customer_id */
  char       *equipment_ref;  /* cases: equipment_id */
  gint64      seq;            /* server sequence of its last change */
  char       *hlc;            /* the largest HLC that wrote it */
  JsonObject *data;           /* field → value */
  JsonObject *field_hlc;      /* field → HLC that wrote it */
} AfsOfficeRow;

/* One entry of a pull page. */
typedef struct {
  gint64  seq;
  char   *table;
  char   *row_id;
  gboolean evict;
  char   *hlc;
  char   *data;   /* JSON object text ("{}" for an eviction) */
} AfsOfficeEntry;

typedef struct _AfsOfficeStorage AfsOfficeStorage;

typedef struct {
  void      (*free)          (AfsOfficeStorage *self);

  /* A write transaction: takes the write lock before anything is read. */
  gboolean  (*begin)         (AfsOfficeStorage *self, GError **error);
  /* A read-only snapshot (pull): does not block writers or other readers. */
  gboolean  (*begin_read)    (AfsOfficeStorage *self, GError **error);
  gboolean  (*commit)        (AfsOfficeStorage *self, GError **error);
  void      (*rollback)      (AfsOfficeStorage *self);

  char     *(*get_meta)      (AfsOfficeStorage *self, const char *key);
  gboolean  (*set_meta)      (AfsOfficeStorage *self, const char *key, const char *value,
                              GError **error);

  gboolean  (*add_user)      (AfsOfficeStorage *self, const AfsOfficeUser *user, GError **error);
  /* NULL without @error when there is none. */
  AfsOfficeUser *(*find_user)(AfsOfficeStorage *self, const char *name_or_id, GError **error);
  GPtrArray *(*list_users)   (AfsOfficeStorage *self, GError **error);

  AfsOfficeDevice *(*find_device) (AfsOfficeStorage *self, const char *id, GError **error);
  gboolean  (*put_device)    (AfsOfficeStorage *self, const AfsOfficeDevice *device, GError **error);
  GPtrArray *(*list_devices) (AfsOfficeStorage *self, GError **error);
  /* Also forgets its sessions. */
  gboolean  (*revoke_device) (AfsOfficeStorage *self, const char *id, gint64 at,
                              gboolean *found, GError **error);

  gboolean  (*add_session)   (AfsOfficeStorage *self, const char *token_hash,
                              const char *device_id, gint64 at, GError **error);
  /* The device id of a session, or NULL. */
  char     *(*find_session)  (AfsOfficeStorage *self, const char *token_hash, GError **error);
  gboolean  (*delete_session)(AfsOfficeStorage *self, const char *token_hash, GError **error);

  /* NULL without @error when there is none. */
  AfsOfficeRow *(*get_row)   (AfsOfficeStorage *self, const char *table, const char *row_id,
                              GError **error);
  /* Stores @row under a new server sequence number (set in row->seq). */
  gboolean  (*put_row)       (AfsOfficeStorage *self, AfsOfficeRow *row, GError **error);
  /* Every row whose case is @case_id (the case itself included). */
  GPtrArray *(*case_rows)    (AfsOfficeStorage *self, const char *case_id, GError **error);

  /* Who has @case_id in scope: @why "assigned" (from assignments) or
   * "created" (a technician's device made it). */
  GStrv     (*case_staff)    (AfsOfficeStorage *self, const char *case_id, GError **error);
  gboolean  (*set_case_staff)(AfsOfficeStorage *self, const char *case_id, const char *why,
                              const char *const *staff_ids, GError **error);
  gboolean  (*add_case_staff)(AfsOfficeStorage *self, const char *case_id, const char *why,
                              const char *staff_id, GError **error);
  /* Whether a case in @staff_id's scope other than @except_case refers
   * to customer/equipment @row_id. */
  gboolean  (*staff_refers)  (AfsOfficeStorage *self, const char *staff_id, const char *table,
                              const char *row_id, const char *except_case, gboolean *refers,
                              GError **error);
  gboolean  (*add_eviction)  (AfsOfficeStorage *self, const char *staff_id, const char *table,
                              const char *row_id, GError **error);
  /* Whether @sha256 is the blob of a photo in @staff_id's scope. */
  gboolean  (*blob_in_scope) (AfsOfficeStorage *self, const char *staff_id, const char *sha256,
                              gboolean *in_scope, GError **error);

  /* Entries after @cursor, at most @limit, for everyone (@staff_id NULL)
   * or for one technician's scope. */
  GPtrArray *(*pull)         (AfsOfficeStorage *self, const char *staff_id, gboolean everyone,
                              gint64 cursor, guint limit, GError **error);
  gint64    (*head)          (AfsOfficeStorage *self, GError **error);

  /* The device's latest block for @year (@first 0 when none). */
  gboolean  (*current_block) (AfsOfficeStorage *self, const char *device_id, gint64 year,
                              gint64 *first, gint64 *last, GError **error);
  gboolean  (*lease_block)   (AfsOfficeStorage *self, const char *device_id, gint64 year,
                              gint64 size, gint64 *first, gint64 *last, GError **error);

  /* Counts for `status`: "users", "devices", "rows", "conflicts". */
  gint64    (*count)         (AfsOfficeStorage *self, const char *what);
} AfsOfficeStorageVTable;

struct _AfsOfficeStorage {
  const AfsOfficeStorageVTable *vt;
};

/* Opens (creating when needed) the SQLite storage in @dir/office.db. */
AfsOfficeStorage *afs_office_storage_sqlite_open (const char *dir, GError **error);

void afs_office_storage_free (AfsOfficeStorage *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsOfficeStorage, afs_office_storage_free)

void afs_office_user_free   (AfsOfficeUser *user);
void afs_office_device_free (AfsOfficeDevice *device);
void afs_office_row_free    (AfsOfficeRow *row);
void afs_office_entry_free  (AfsOfficeEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsOfficeUser, afs_office_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsOfficeDevice, afs_office_device_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsOfficeRow, afs_office_row_free)

/* A new row with empty data and field_hlc. */
AfsOfficeRow *afs_office_row_new (const char *table, const char *row_id);

G_END_DECLS
