/* afs-test-office.h: the real office service for the sync screens' tests.
 *
 * Starts the `aftersales-office` binary of this build (path in the
 * AFS_OFFICE environment variable, set by meson) on 127.0.0.1, port 0,
 * with a data folder of its own, and puts a small TCP relay in front of
 * it that a test can switch off and on: "the office cannot be reached"
 * without killing the service or guessing a free port.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _AfsTestOffice AfsTestOffice;

/* Starts the service (g_error on failure: the tests cannot run without it). */
AfsTestOffice *afs_test_office_start     (void);
void           afs_test_office_free      (AfsTestOffice *office);

/* Creates a user with the admin subcommand ("technician", "office", …). */
void           afs_test_office_add_user  (AfsTestOffice *office,
                                          const char    *user,
                                          const char    *password,
                                          const char    *role);
/* The same for a person on the office's staff list: a technician's
 * device receives only the cases assigned to @staff_id. */
void           afs_test_office_add_staff_user (AfsTestOffice *office,
                                               const char    *user,
                                               const char    *password,
                                               const char    *role,
                                               const char    *staff_id);
/* Revokes a device with the admin subcommand, as an administrator would
 * for a lost laptop: its token stops working at once. */
void           afs_test_office_revoke_device (AfsTestOffice *office,
                                              const char    *device_id);

/* The address the app signs in to: the relay in front of the service. */
const char    *afs_test_office_get_url   (AfsTestOffice *office);
/* The service's own address (no relay). */
const char    *afs_test_office_get_direct_url (AfsTestOffice *office);

/* Refuse connections (the listener is closed: "connection refused"), or
 * accept them again on the same port. Open connections are cut. */
void           afs_test_office_set_reachable (AfsTestOffice *office,
                                              gboolean       reachable);

/* Stop the service process itself (SIGTERM, then wait). */
void           afs_test_office_stop_service (AfsTestOffice *office);

/* libsecret's file backend in a temporary folder (call first in main(),
 * before anything talks to libsecret): the tokens stay in the test. */
void           afs_test_use_file_keyring (void);

/* A fresh temporary folder (removed by afs_test_rm_rf). */
char          *afs_test_tmpdir           (const char *name);
void           afs_test_rm_rf            (const char *path);

G_END_DECLS
