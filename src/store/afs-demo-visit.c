/* afs-demo-visit.c: the demo company's parts catalogue.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-demo-visit.h"
#include "afs-store-visit.h"

static const struct {
  const char *number;
  const char *name;
  double      price;
} demo_parts[] = {
  { "RL-220",   "Compressor start relay",          42.50 },
  { "TH-9",     "Thermostat, mechanical",          18.00 },
  { "FAN-120",  "Condenser fan motor 12 W",        36.90 },
  { "GS-60",    "Door gasket 60 cm",               24.00 },
  { "GS-70",    "Door gasket 70 cm",               26.50 },
  { "PCB-M3",   "Control board M3",               129.00 },
  { "SN-NTC10", "Temperature sensor NTC 10k",        9.80 },
  { "HT-DEF",   "Defrost heater",                  31.20 },
  { "R600A-50", "Refrigerant R600a, 50 g",          12.00 },
  { "FLT-DR",   "Filter drier",                      7.40 },
  { "PMP-DR",   "Drain pump",                       27.00 },
  { "BRG-6204", "Drum bearing 6204",                 11.60 },
  { "EV-IN",    "Inlet valve, double",              19.90 },
  { "BLT-1270", "Drive belt 1270 J5",               14.30 },
  { "YSJ-QD",   "压缩机启动器",                       45.00 },
  { "TERM-ES",  "Termostato electrónico",           22.00 },
  { "USZ-60",   "Uszczelka drzwi 60 cm",            24.00 },
};

gboolean
afs_demo_add_parts_catalogue (AfsStore  *store,
                              GError   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_parts); i++)
    {
      AfsCataloguePart part = { 0, };

      part.part_number = (char *) demo_parts[i].number;
      part.name = (char *) demo_parts[i].name;
      part.unit_price = demo_parts[i].price;
      if (!afs_store_add_catalogue_part (store, &part, NULL, error))
        return FALSE;
    }
  return TRUE;
}
