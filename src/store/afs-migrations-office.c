/* afs-migrations-office.c: schema step 4, for the office desk (issue 3).
 * The rules at the top of afs-migrations.c apply.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-migrations.h"

gboolean
afs_migration_4_office (AfsDb   *db,
                        GError **error)
{
  return TRUE;
}
