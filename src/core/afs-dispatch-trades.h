/* afs-dispatch-trades.h: which trade a case needs and which trades a
 * technician's skills name, in the four languages of the company
 * (DOMAIN.md 7: "assign one or more technicians by fault, area and
 * workload"; the fault is read as the trade it needs).
 *
 * A technician writes skills in their own words ("refrigeration",
 * "制冷", "climatización", "chłodnictwo"); the case says what broke
 * ("the chest freezer", "冰柜", "Nordkyl CF-300"). Both are folded
 * (case and diacritics, afs_text_fold()) and read against one table of
 * trades, so a Suzhou technician who lists 制冷 matches a fridge case
 * written in English.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The trades, product families first. */
typedef enum {
  AFS_TRADE_REFRIGERATION,
  AFS_TRADE_HVAC,            /* heating, air conditioning, heat pumps, boilers */
  AFS_TRADE_APPLIANCES,      /* washing machines, dishwashers, ovens, coffee machines */
  AFS_TRADE_FURNITURE,
  AFS_TRADE_MACHINERY,       /* presses, compressors, packaging lines, lathes, forklifts */
  AFS_TRADE_ELECTRICAL,
  AFS_TRADE_GAS,
  AFS_TRADE_N
} AfsTrade;

/* A set of trades: bit (1 << trade). */
typedef guint AfsTrades;

#define AFS_TRADES_FAMILIES ((1u << AFS_TRADE_ELECTRICAL) - 1)

/* The trades @text (a case's model, category and description, any
 * language) shows it needs. 0 when it says nothing about the trade
 * ("where is the serial number?"). */
AfsTrades   afs_trades_needed_by   (const char *text);

/* The trades one skill item names ("refrigeration", "制冷",
 * "Klimatyzacja"); 0 for a skill outside the table ("compressors"). */
AfsTrades   afs_trades_of_skill    (const char *skill);

/* Translated, lower case, for a sentence: "refrigeration". */
const char *afs_trade_get_label    (AfsTrade trade);

G_END_DECLS
