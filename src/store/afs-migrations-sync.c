/* afs-migrations-sync.c: schema step 6, for sync (issue 5).
 * The rules at the top of afs-migrations.c apply.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-migrations.h"

gboolean
afs_migration_6_sync (AfsDb   *db,
                        GError **error)
{
  return TRUE;
}
