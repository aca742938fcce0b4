/* sync-test-util.h: what the sync tests share: the real office service
 * (aftersales-office from the build tree, on 127.0.0.1 port 0, as a
 * subprocess that can be killed), devices (a store file, a photo folder
 * and a sync client each), a keyring in a file (libsecret's file
 * backend), and a company to work on.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "afs-store.h"
#include "afs-store-sync.h"
#include "afs-sync-client.h"

G_BEGIN_DECLS

#define TEST_PASSWORD "correct horse battery staple"

/* Staff ids known to the office service's users (fixed, so the users
 * can be made before the office device writes the staff rows). */
#define STAFF_OFFICE "01890a5d-ac96-774b-bcce-000000000001"
#define STAFF_TOM    "01890a5d-ac96-774b-bcce-000000000002"
#define STAFF_WANG   "01890a5d-ac96-774b-bcce-000000000003"

/* libsecret's file backend in @dir: the token is stored for real,
 * without a desktop session. Call before anything touches libsecret. */
void        test_keyring_setup   (const char *dir);

typedef struct {
  char        *data_dir;
  GSubprocess *proc;
  guint16      port;
  char        *tls_cert;   /* serve HTTPS with these when set */
  char        *tls_key;
} TestOffice;

/* A data folder with the users olga (office), tom and wang (technicians). */
TestOffice *test_office_new      (const char *dir);
void        test_office_start    (TestOffice *office);
/* SIGKILL (@hard) or SIGTERM, and wait for the process. */
void        test_office_stop     (TestOffice *office, gboolean hard);
void        test_office_free     (TestOffice *office);
/* "http://127.0.0.1:<port>" of @port (the service's or a proxy's). */
char       *test_url             (guint16 port);
/* The service's database, read-only (WAL: while it runs). */
sqlite3    *test_office_db       (TestOffice *office);
gint64      test_sql_int         (sqlite3 *db, const char *format, ...) G_GNUC_PRINTF (2, 3);

typedef struct {
  char          *name;
  char          *path;
  char          *photo_dir;
  AfsStore      *store;
  AfsSyncClient *client;
} TestDevice;

TestDevice *test_device_new      (const char *dir, const char *name, const char *staff_id,
                                  AfsRole role);
void        test_device_free     (TestDevice *device);
/* Close and open the store again (as after a crash of the app). */
void        test_device_reopen   (TestDevice *device);
gboolean    test_device_sign_in  (TestDevice *device, guint16 port, const char *user,
                                  GError **error);
gboolean    test_device_sync     (TestDevice *device, GError **error);
/* Sync until it succeeds (at most @tries), asserting success at the end. */
void        test_device_sync_ok  (TestDevice *device);

/* The office's staff rows (office device only). */
void        test_add_staff       (TestDevice *office);
/* A customer and a case; returns the case id. */
char       *test_new_case        (TestDevice *device, const char *description);
/* A photo file of @size seeded bytes in the device's photo folder and
 * its row in @case_id; returns the SHA-256. */
char       *test_add_photo       (TestDevice *device, const char *case_id, gsize size,
                                  guint32 seed);

/* Grade, triage, assign @staff_id as lead and dispatch (office device). */
void        test_dispatch        (TestDevice *office, const char *case_id, const char *staff_id);
/* Set one field of a case (in the stored form). */
gboolean    test_update_case     (TestDevice *device, const char *case_id, const char *field,
                                  const char *value, GError **error);
char       *test_device_text     (TestDevice *device, const char *format, ...) G_GNUC_PRINTF (2, 3);
gint64      test_device_int      (TestDevice *device, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* The tables whose hashes differ between two devices, or NULL. */
char       *test_hash_diff       (TestDevice *a, TestDevice *b);

G_END_DECLS
