/* afs-dispatch-trades.c: the trades a case needs and a technician knows
 * (DOMAIN.md 7).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "afs-customer-match.h"
#include "afs-dispatch-trades.h"

/* How the terms are read, once folded: a Chinese term matches anywhere;
 * any other term matches at the start of a word, so a stem covers its
 * endings ("lodówk" for lodówka, lodówki, lodówkę); a final "$" asks
 * for the whole word ("gas", not "gastro"). */
typedef struct {
  const char *const *skill;      /* how a technician names the trade */
  const char *const *evidence;   /* what in a case shows it is needed */
} TradeTerms;

static const char *const refrigeration_skill[] = {
  "refrigerat", "fridge", "freezer", "cooling", "cold room",
  "制冷", "冷藏", "冷柜", "冰箱", "冷库",
  "refriger", "frigorif", "frio$", "frio industrial",
  "chlodnic", "chlodzeni", "lodowk", NULL
};
static const char *const refrigeration_evidence[] = {
  "fridge", "freezer", "refrigerat", "cold room", "ice machine", "ice maker", "chiller", "display cabinet",
  "冰箱", "冰柜", "冷柜", "展示柜", "制冰", "冷库", "冷藏",
  "frigorif", "congelador", "nevera", "vitrina refrigerada", "maquina de hielo", "camara frigorifica",
  "lodowk", "zamrazark", "chlodnicz", "chlodziark", "kostkark", "chlodni",
  /* The company's refrigeration lines. */
  "nordkyl", "frostline", NULL
};
static const char *const hvac_skill[] = {
  "hvac", "heating", "air condition", "aircon", "heat pump", "boiler", "ventilation",
  "空调", "暖通", "供暖", "采暖", "热泵", "锅炉",
  "climatiz", "calefac", "aire acondicionado", "bomba de calor", "bombas de calor", "calderas$",
  "klimatyz", "ogrzewani", "pomp ciepla", "pompy ciepla", "wentylac", NULL
};
static const char *const hvac_evidence[] = {
  /* Things, not verbs: "the oven is not heating" needs no heating
   * engineer. */
  "air condition", "aircon", "air con$", "heat pump", "boiler", "water heater", "radiator",
  "central heating", "underfloor heating", "heating system",
  "空调", "热泵", "壁挂炉", "锅炉", "热水器", "暖气", "地暖",
  "aire acondicionado", "bomba de calor", "caldera", "calentador", "radiador", "calefac", "climatiz",
  "klimatyz", "pompa ciepla", "pompy ciepla", "piec", "kociol", "kotl", "podgrzewacz", "grzejnik", "ogrzewani",
  /* The company's heating and air-conditioning lines. */
  "climatec", "thermia", "calora", NULL
};
static const char *const appliances_skill[] = {
  "appliance", "white goods", "domestic appliance",
  "家电", "电器",
  "electrodomest", "linea blanca",
  "agd$", "sprzet agd", "urzadzenia domowe", NULL
};
static const char *const appliances_evidence[] = {
  "washing machine", "washer", "tumble dryer", "dryer", "dishwasher", "oven", "hob$", "cooker",
  "coffee machine", "microwave",
  "洗衣机", "干衣机", "烘干机", "洗碗机", "烤箱", "电磁炉", "咖啡机", "微波炉",
  "lavadora", "secadora", "lavavajillas", "horno", "placa de induccion", "vitroceram", "cafetera", "microondas",
  "pralk", "suszark", "zmywark", "piekarnik", "plyta indukcyjn", "plyty indukcyjn", "ekspres", "kuchenk",
  /* The company's appliance lines. */
  "aquaris", "cleanmax", "ferro$", "brio$", NULL
};
static const char *const furniture_skill[] = {
  "furniture", "upholster", "carpent", "joiner", "cabinet mak",
  "家具", "软包", "木工",
  "mueble", "tapic", "carpint", "ebanist",
  "mebl", "tapicer", "stolar", NULL
};
static const char *const furniture_evidence[] = {
  "sofa", "couch", "wardrobe", "chair", "kitchen unit", "bed$", "bed frame", "mattress", "table$", "drawer",
  "沙发", "衣柜", "椅", "橱柜", "床架", "床垫", "餐桌", "书桌", "办公桌", "家具",
  "armario", "silla", "mueble", "cama$", "mesa$", "colchon", "cajon",
  "kanap", "szaf", "krzesl", "lozk", "stol$", "stolu$", "stole$", "komod", "mebl",
  /* The company's furniture lines. */
  "milano", "verona", "lund$", "oslo$", "bergen", "ergopro", "linea k", "sonno", "notte box", "tavola", NULL
};
static const char *const machinery_skill[] = {
  "machiner", "industrial machine", "hydraulic", "mechanical", "plc$", "cnc$", "forklift",
  "机械", "液压", "机床", "设备维修",
  "maquinaria", "hidraulic", "mecanic",
  "maszyn", "hydrauliczn", "mechanik", NULL
};
static const char *const machinery_evidence[] = {
  "hydraulic", "air compressor", "packaging machine", "packaging line", "lathe", "forklift", "cnc$", "conveyor",
  "液压", "空压机", "包装机", "车床", "叉车", "机床", "生产线",
  "prensa", "compresor de aire", "envasadora", "torno$", "carretilla", "cinta transportadora",
  "prasa", "prasy", "sprezarka powietrza", "pakowark", "tokark", "wozek widlow", "wozka widlow", "wozki widlow",
  /* The company's machine lines. */
  "hydra hp", "kompra", "paxo", "tornio", "levo fl", NULL
};
static const char *const electrical_skill[] = {
  "electric", "wiring",
  "电工", "电气",
  "electricidad", "electricista",
  "elektry", NULL
};
static const char *const electrical_evidence[] = {
  "short circuit", "wiring", "fuse", "breaker", "electric shock",
  "短路", "漏电", "跳闸",
  "cortocircuito", "diferencial", "descarga",
  "zwarci", "bezpiecznik", "korki$", "porazeni", NULL
};
static const char *const gas_skill[] = {
  "gas$", "gas safe", "燃气", "gaz$", "gazow", NULL
};
static const char *const gas_evidence[] = {
  "gas$", "flame", "燃气", "煤气", "gaz$", "gazow", "plomien", "llama$", NULL
};

static const TradeTerms trades[AFS_TRADE_N] = {
  [AFS_TRADE_REFRIGERATION] = { refrigeration_skill, refrigeration_evidence },
  [AFS_TRADE_HVAC]          = { hvac_skill, hvac_evidence },
  [AFS_TRADE_APPLIANCES]    = { appliances_skill, appliances_evidence },
  [AFS_TRADE_FURNITURE]     = { furniture_skill, furniture_evidence },
  [AFS_TRADE_MACHINERY]     = { machinery_skill, machinery_evidence },
  [AFS_TRADE_ELECTRICAL]    = { electrical_skill, electrical_evidence },
  [AFS_TRADE_GAS]           = { gas_skill, gas_evidence },
};

static gboolean
is_han (const char *s)
{
  return g_utf8_get_char (s) >= 0x2E80;
}

/* Whether the folded @term occurs in the folded @text by the rules
 * above. */
static gboolean
text_has_term (const char *text,
               const char *term)
{
  gsize len = strlen (term);
  gboolean whole = len > 0 && term[len - 1] == '$';
  g_autofree char *bare = NULL;

  if (whole)
    len--;
  if (len == 0)
    return FALSE;
  if (is_han (term))
    return strstr (text, term) != NULL;

  bare = g_strndup (term, len);
  for (const char *p = strstr (text, bare); p != NULL; p = strstr (p + 1, bare))
    if ((p == text || p[-1] == ' ') && (!whole || p[len] == '\0' || p[len] == ' '))
      return TRUE;

  return FALSE;
}

static gboolean
has_any (const char        *folded,
         const char *const *terms)
{
  for (guint i = 0; terms[i] != NULL; i++)
    if (text_has_term (folded, terms[i]))
      return TRUE;
  return FALSE;
}

static AfsTrades
match_table (const char *text,
             gboolean    skill)
{
  g_autofree char *folded = afs_text_fold (text);
  AfsTrades out = 0;

  if (folded == NULL || *folded == '\0')
    return 0;

  for (guint t = 0; t < AFS_TRADE_N; t++)
    if (has_any (folded, skill ? trades[t].skill : trades[t].evidence))
      out |= 1u << t;

  return out;
}

/**
 * afs_trades_needed_by:
 * @text: (nullable): what the case says: model, category, description
 *
 * Returns: the trades @text shows a need for
 */
AfsTrades
afs_trades_needed_by (const char *text)
{
  return match_table (text, FALSE);
}

/**
 * afs_trades_of_skill:
 * @skill: (nullable): one skill as the technician wrote it
 *
 * Returns: the trades @skill names
 */
AfsTrades
afs_trades_of_skill (const char *skill)
{
  return match_table (skill, TRUE);
}

/**
 * afs_trade_get_label:
 * @trade: a trade
 *
 * Returns: the trade in words, translated
 */
const char *
afs_trade_get_label (AfsTrade trade)
{
  switch (trade)
    {
    case AFS_TRADE_REFRIGERATION: return _("refrigeration");
    case AFS_TRADE_HVAC:          return _("heating and air conditioning");
    case AFS_TRADE_APPLIANCES:    return _("household appliances");
    case AFS_TRADE_FURNITURE:     return _("furniture");
    case AFS_TRADE_MACHINERY:     return _("machinery");
    case AFS_TRADE_ELECTRICAL:    return _("electrical work");
    case AFS_TRADE_GAS:           return _("gas work");
    case AFS_TRADE_N:
    default:                      break;
    }
  g_return_val_if_reached ("");
}
