/* afs-office-storage.c: what every storage implementation shares: the
 * records it hands out and how they are freed (afs-office-storage.h).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-office-storage.h"

void
afs_office_storage_free (AfsOfficeStorage *self)
{
  if (self != NULL)
    self->vt->free (self);
}

void
afs_office_user_free (AfsOfficeUser *u)
{
  if (u == NULL)
    return;
  g_free (u->id);
  g_free (u->name);
  g_free (u->role);
  g_free (u->staff_id);
  g_free (u->password_hash);
  g_free (u);
}

void
afs_office_device_free (AfsOfficeDevice *d)
{
  if (d == NULL)
    return;
  g_free (d->id);
  g_free (d->user_id);
  g_free (d->name);
  g_free (d->last_hlc);
  g_free (d);
}

AfsOfficeRow *
afs_office_row_new (const char *table,
                    const char *row_id)
{
  AfsOfficeRow *r = g_new0 (AfsOfficeRow, 1);

  r->table = g_strdup (table);
  r->row_id = g_strdup (row_id);
  r->hlc = g_strdup ("");
  r->data = json_object_new ();
  r->field_hlc = json_object_new ();
  return r;
}

void
afs_office_row_free (AfsOfficeRow *r)
{
  if (r == NULL)
    return;
  g_free (r->table);
  g_free (r->row_id);
  g_free (r->case_id);
  g_free (r->customer_ref);
  g_free (r->equipment_ref);
  g_free (r->hlc);
  g_clear_pointer (&r->data, json_object_unref);
  g_clear_pointer (&r->field_hlc, json_object_unref);
  g_free (r);
}

void
afs_office_entry_free (AfsOfficeEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->table);
  g_free (e->row_id);
  g_free (e->hlc);
  g_free (e->data);
  g_free (e);
}
