/* afs-migrations-visit.c: schema step 5, for on site (issue 4).
 * The rules at the top of afs-migrations.c apply.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-migrations.h"

gboolean
afs_migration_5_visit (AfsDb   *db,
                        GError **error)
{
  return TRUE;
}
