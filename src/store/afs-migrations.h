/* afs-migrations.h: the schema, as numbered steps. The file's
 * `PRAGMA user_version` is the number of the last step applied.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "afs-db.h"

G_BEGIN_DECLS

/* 'AFS1' in the database header: tells our files from other SQLite files. */
#define AFS_APPLICATION_ID 0x41465331

int       afs_migrations_latest  (void);

/* Read the schema version of the open file. */
gboolean  afs_migrations_get_version (AfsDb *db, int *version, GError **error);

/* Apply the steps after the file's version up to @target, in one
 * transaction: either all of them are applied or none. The caller holds
 * the lock. Tests use a @target below the latest to build the files older
 * versions of AfterSales wrote. */
gboolean  afs_migrations_run_to  (AfsDb *db, int target, GError **error);

/* The steps after 3 live in files of their own (afs-migrations-*.c). */
gboolean  afs_migration_4_office (AfsDb *db, GError **error);
gboolean  afs_migration_5_visit  (AfsDb *db, GError **error);
gboolean  afs_migration_6_sync   (AfsDb *db, GError **error);

G_END_DECLS
