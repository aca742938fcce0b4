/* afs-demo-text.c: the phrase tables of the demo generator.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-demo-text.h"

/* Texts are written the way customers and technicians write them, in the
 * four languages of the source manuals (shared/domain/00*.txt). A case
 * text is assembled from parts: opener, problem (per product family, with
 * the item), details, request, closing; that gives hundreds of thousands
 * of combinations per language before numbers, models and serials vary
 * them further, so a million cases do not repeat a handful of strings and
 * full-text search sees a realistic spread of words.
 *
 * Grammar: Spanish items carry their article ("la lavadora") and "de el"
 * is contracted afterwards; Polish sentences use the present tense or no
 * subject at all, so they never need the item's gender or case. */

typedef struct {
  const char *const *s;
  guint n;
} List;

#define L(arr) { arr, G_N_ELEMENTS (arr) }
#define LANGS(en, zh, es, pl) { L (en), L (zh), L (es), L (pl) }

static const char *
pick (GRand *rand, const List *list)
{
  return list->s[g_rand_int_range (rand, 0, (gint32) list->n)];
}

static const char *
pick_array (GRand *rand, const char *const *arr, guint n)
{
  return arr[g_rand_int_range (rand, 0, (gint32) n)];
}
#define PICK(rand, arr) pick_array (rand, arr, G_N_ELEMENTS (arr))

/* ---- Products --------------------------------------------------------------- */

static const AfsDemoProduct products[] = {
  /* refrigeration */
  { AFS_DEMO_FAMILY_REFRIGERATION, "Nordkyl NK-%u", 180, 460, "NK", TRUE, FALSE, 900,
    { "fridge-freezer", "冰箱", "el frigorífico", "lodówka" } },
  { AFS_DEMO_FAMILY_REFRIGERATION, "Nordkyl CF-%u0", 20, 50, "NK", TRUE, TRUE, 500,
    { "chest freezer", "冰柜", "el congelador", "zamrażarka" } },
  { AFS_DEMO_FAMILY_REFRIGERATION, "Frostline VR-%u", 100, 190, NULL, FALSE, TRUE, 2800,
    { "display fridge", "展示柜", "la vitrina refrigerada", "witryna chłodnicza" } },
  { AFS_DEMO_FAMILY_REFRIGERATION, "Frostline IM-%u", 30, 90, NULL, FALSE, TRUE, 1900,
    { "ice machine", "制冰机", "la máquina de hielo", "kostkarka do lodu" } },
  /* appliances */
  { AFS_DEMO_FAMILY_APPLIANCE, "Aquaris WM-%u", 600, 1490, "AQ", TRUE, FALSE, 550,
    { "washing machine", "洗衣机", "la lavadora", "pralka" } },
  { AFS_DEMO_FAMILY_APPLIANCE, "Aquaris TD-%u", 700, 890, "AQ", TRUE, FALSE, 600,
    { "tumble dryer", "干衣机", "la secadora", "suszarka" } },
  { AFS_DEMO_FAMILY_APPLIANCE, "Cleanmax DW-%u", 40, 90, "CX", TRUE, TRUE, 650,
    { "dishwasher", "洗碗机", "el lavavajillas", "zmywarka" } },
  { AFS_DEMO_FAMILY_APPLIANCE, "Ferro OV-%u", 200, 640, "FE", TRUE, FALSE, 480,
    { "oven", "烤箱", "el horno", "piekarnik" } },
  { AFS_DEMO_FAMILY_APPLIANCE, "Ferro IH-%u", 60, 80, "FE", TRUE, FALSE, 420,
    { "induction hob", "电磁炉", "la placa de inducción", "płyta indukcyjna" } },
  { AFS_DEMO_FAMILY_APPLIANCE, "Brio CM-%u", 10, 45, NULL, TRUE, TRUE, 1200,
    { "coffee machine", "咖啡机", "la cafetera", "ekspres do kawy" } },
  /* heating, ventilation, air conditioning */
  { AFS_DEMO_FAMILY_HVAC, "Climatec AC-%u", 9, 24, "CL", TRUE, TRUE, 1100,
    { "air conditioner", "空调", "el aire acondicionado", "klimatyzator" } },
  { AFS_DEMO_FAMILY_HVAC, "Thermia HP-%u", 6, 16, "TH", TRUE, TRUE, 7500,
    { "heat pump", "热泵", "la bomba de calor", "pompa ciepła" } },
  { AFS_DEMO_FAMILY_HVAC, "Calora GB-%u", 20, 35, "CA", TRUE, FALSE, 2200,
    { "gas boiler", "燃气壁挂炉", "la caldera de gas", "piec gazowy" } },
  { AFS_DEMO_FAMILY_HVAC, "Calora WH-%u", 50, 120, "CA", TRUE, TRUE, 450,
    { "water heater", "热水器", "el calentador de agua", "podgrzewacz wody" } },
  /* furniture: batch numbers rather than serials */
  { AFS_DEMO_FAMILY_FURNITURE, "Milano 3S|Milano 2S|Milano Corner|Verona 3S|Lund 2.5", 0, 0, "LOT", TRUE, TRUE, 1400,
    { "sofa", "沙发", "el sofá", "sofa" } },
  { AFS_DEMO_FAMILY_FURNITURE, "Oslo 2D|Oslo 3D|Oslo Slide 200|Bergen 4D", 0, 0, "LOT", TRUE, FALSE, 900,
    { "wardrobe", "衣柜", "el armario", "szafa" } },
  { AFS_DEMO_FAMILY_FURNITURE, "ErgoPro 200|ErgoPro 300|ErgoPro Mesh|Task 10", 0, 0, "LOT", FALSE, TRUE, 320,
    { "office chair", "办公椅", "la silla de oficina", "krzesło biurowe" } },
  { AFS_DEMO_FAMILY_FURNITURE, "Linea K-%u", 40, 90, "LOT", TRUE, TRUE, 2600,
    { "kitchen unit", "橱柜", "el mueble de cocina", "szafka kuchenna" } },
  { AFS_DEMO_FAMILY_FURNITURE, "Sonno 140|Sonno 160|Sonno 180|Notte Box 160", 0, 0, "LOT", TRUE, FALSE, 800,
    { "bed frame", "床架", "la cama", "rama łóżka" } },
  { AFS_DEMO_FAMILY_FURNITURE, "Tavola T-%u", 120, 220, "LOT", TRUE, TRUE, 700,
    { "dining table", "餐桌", "la mesa de comedor", "stół do jadalni" } },
  /* machines: businesses only */
  { AFS_DEMO_FAMILY_MACHINE, "Hydra HP-%u", 10, 250, NULL, FALSE, TRUE, 18000,
    { "hydraulic press", "液压机", "la prensa hidráulica", "prasa hydrauliczna" } },
  { AFS_DEMO_FAMILY_MACHINE, "Kompra SC-%u", 5, 75, NULL, FALSE, TRUE, 6500,
    { "air compressor", "空压机", "el compresor", "sprężarka" } },
  { AFS_DEMO_FAMILY_MACHINE, "Paxo PK-%u", 100, 900, NULL, FALSE, TRUE, 24000,
    { "packaging machine", "包装机", "la envasadora", "pakowarka" } },
  { AFS_DEMO_FAMILY_MACHINE, "Tornio CL-%u", 200, 630, NULL, FALSE, TRUE, 32000,
    { "lathe", "车床", "el torno", "tokarka" } },
  { AFS_DEMO_FAMILY_MACHINE, "Levo FL-%u", 15, 35, NULL, FALSE, TRUE, 21000,
    { "forklift", "叉车", "la carretilla elevadora", "wózek widłowy" } },
};

guint
afs_demo_text_n_products (void)
{
  return G_N_ELEMENTS (products);
}

const AfsDemoProduct *
afs_demo_text_product (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (products), NULL);
  return &products[index];
}

/* Skills as a technician of each branch writes them, two variants per
 * trade; the first word names the trade, the second a speciality. The
 * dispatch suggestion reads all four languages (afs-dispatch-trades.c). */
static const char *const family_skills[AFS_DEMO_LANG_N][AFS_DEMO_FAMILY_N][2] = {
  [AFS_DEMO_LANG_EN] = {
    [AFS_DEMO_FAMILY_REFRIGERATION] = { "refrigeration, electrical", "refrigeration, cold rooms" },
    [AFS_DEMO_FAMILY_APPLIANCE]     = { "appliances, electrical", "appliances, plumbing" },
    [AFS_DEMO_FAMILY_HVAC]          = { "HVAC, heat pumps", "heating, gas" },
    [AFS_DEMO_FAMILY_FURNITURE]     = { "furniture, upholstery", "furniture, carpentry" },
    [AFS_DEMO_FAMILY_MACHINE]       = { "machinery, hydraulics", "machinery, PLC" },
  },
  [AFS_DEMO_LANG_ZH] = {
    [AFS_DEMO_FAMILY_REFRIGERATION] = { "制冷、电工", "制冷、冷库" },
    [AFS_DEMO_FAMILY_APPLIANCE]     = { "家电、电工", "家电、水暖" },
    [AFS_DEMO_FAMILY_HVAC]          = { "空调、热泵", "暖通、燃气" },
    [AFS_DEMO_FAMILY_FURNITURE]     = { "家具、软包", "家具、木工" },
    [AFS_DEMO_FAMILY_MACHINE]       = { "机械、液压", "机械、PLC" },
  },
  [AFS_DEMO_LANG_ES] = {
    [AFS_DEMO_FAMILY_REFRIGERATION] = { "refrigeración, electricidad", "refrigeración, cámaras frigoríficas" },
    [AFS_DEMO_FAMILY_APPLIANCE]     = { "electrodomésticos, electricidad", "electrodomésticos, fontanería" },
    [AFS_DEMO_FAMILY_HVAC]          = { "climatización, bombas de calor", "calefacción, gas" },
    [AFS_DEMO_FAMILY_FURNITURE]     = { "muebles, tapicería", "muebles, carpintería" },
    [AFS_DEMO_FAMILY_MACHINE]       = { "maquinaria, hidráulica", "maquinaria, PLC" },
  },
  [AFS_DEMO_LANG_PL] = {
    [AFS_DEMO_FAMILY_REFRIGERATION] = { "chłodnictwo, elektryka", "chłodnictwo, komory chłodnicze" },
    [AFS_DEMO_FAMILY_APPLIANCE]     = { "AGD, elektryka", "AGD, hydraulika" },
    [AFS_DEMO_FAMILY_HVAC]          = { "klimatyzacja, pompy ciepła", "ogrzewanie, gaz" },
    [AFS_DEMO_FAMILY_FURNITURE]     = { "meble, tapicerka", "meble, stolarka" },
    [AFS_DEMO_FAMILY_MACHINE]       = { "maszyny, układy hydrauliczne", "maszyny, PLC" },
  },
};

const char *
afs_demo_text_family_skills (AfsDemoLang   lang,
                             AfsDemoFamily family,
                             guint         variant)
{
  g_return_val_if_fail ((guint) lang < AFS_DEMO_LANG_N, NULL);
  g_return_val_if_fail ((guint) family < AFS_DEMO_FAMILY_N, NULL);
  return family_skills[lang][family][variant % 2];
}

const char *
afs_demo_text_list_separator (AfsDemoLang lang)
{
  return lang == AFS_DEMO_LANG_ZH ? "、" : ", ";
}

/* ---- People ----------------------------------------------------------------- */

static const char *const en_female[] = {
  "Emma", "Olivia", "Sarah", "Jessica", "Emily", "Sophie", "Charlotte", "Hannah", "Lucy",
  "Rachel", "Amy", "Laura", "Claire", "Megan", "Katie", "Grace", "Helen", "Ruth", "Aisha", "Niamh",
};
static const char *const en_male[] = {
  "James", "Oliver", "Jack", "Harry", "Thomas", "George", "Daniel", "Michael", "David", "Paul",
  "Mark", "Andrew", "Peter", "Matthew", "Chris", "Ryan", "Sam", "Ben", "Imran", "Callum",
};
static const char *const en_last[] = {
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
  "Wright", "Robinson", "Thompson", "Walker", "Evans", "Hughes", "Green", "Hall", "Clarke",
  "Wood", "Turner", "Hill", "Cooper", "Ward", "Morris", "O'Brien", "Khan", "Lewis", "Harris",
  "Murphy", "Baker", "Shaw", "Fletcher",
};

/* Chinese names with their pinyin, for e-mail addresses. */
static const char *const zh_surname[][2] = {
  { "王", "wang" }, { "李", "li" }, { "张", "zhang" }, { "刘", "liu" }, { "陈", "chen" },
  { "杨", "yang" }, { "黄", "huang" }, { "赵", "zhao" }, { "吴", "wu" }, { "周", "zhou" },
  { "徐", "xu" }, { "孙", "sun" }, { "马", "ma" }, { "朱", "zhu" }, { "胡", "hu" },
  { "郭", "guo" }, { "何", "he" }, { "林", "lin" }, { "罗", "luo" }, { "高", "gao" },
  { "郑", "zheng" }, { "梁", "liang" }, { "谢", "xie" }, { "宋", "song" },
};
static const char *const zh_female[][2] = {
  { "丽", "li" }, { "芳", "fang" }, { "娜", "na" }, { "静", "jing" }, { "敏", "min" },
  { "婷", "ting" }, { "雪", "xue" }, { "燕", "yan" }, { "霞", "xia" }, { "玲", "ling" },
  { "秀英", "xiuying" }, { "桂英", "guiying" }, { "晓燕", "xiaoyan" }, { "欣怡", "xinyi" },
  { "雨萱", "yuxuan" }, { "佳怡", "jiayi" }, { "慧敏", "huimin" }, { "美玲", "meiling" },
};
static const char *const zh_male[][2] = {
  { "伟", "wei" }, { "强", "qiang" }, { "磊", "lei" }, { "军", "jun" }, { "洋", "yang" },
  { "勇", "yong" }, { "杰", "jie" }, { "涛", "tao" }, { "明", "ming" }, { "超", "chao" },
  { "建国", "jianguo" }, { "志强", "zhiqiang" }, { "俊杰", "junjie" }, { "浩然", "haoran" },
  { "子轩", "zixuan" }, { "宇航", "yuhang" }, { "建华", "jianhua" }, { "国栋", "guodong" },
};

static const char *const es_female[] = {
  "María", "Carmen", "Ana", "Laura", "Lucía", "Marta", "Isabel", "Cristina", "Pilar", "Elena",
  "Rocío", "Nuria", "Sofía", "Paula", "Begoña", "Amparo", "Inmaculada", "Vicenta",
};
static const char *const es_male[] = {
  "José", "Antonio", "Manuel", "Francisco", "David", "Javier", "Juan", "Carlos", "Miguel",
  "Alejandro", "Pablo", "Sergio", "Jorge", "Iñaki", "Rubén", "Vicente", "Joaquín", "Andrés",
};
static const char *const es_last[] = {
  "García", "Martínez", "López", "Sánchez", "González", "Rodríguez", "Fernández", "Pérez",
  "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
  "Romero", "Navarro", "Torres", "Domínguez", "Ibáñez", "Castillo", "Ortega", "Peña", "Ferrer",
  "Soler", "Vidal", "Montaner", "Beltrán",
};

static const char *const pl_female[] = {
  "Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Magdalena", "Joanna",
  "Monika", "Aleksandra", "Zofia", "Jadwiga", "Dorota", "Beata", "Żaneta", "Grażyna", "Halina",
};
static const char *const pl_male[] = {
  "Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Marcin", "Łukasz", "Jakub", "Andrzej",
  "Grzegorz", "Jan", "Wojciech", "Mateusz", "Stanisław", "Bartłomiej", "Zbigniew", "Józef",
};
/* Masculine and feminine forms. */
static const char *const pl_last[][2] = {
  { "Nowak", "Nowak" }, { "Kowalski", "Kowalska" }, { "Wiśniewski", "Wiśniewska" },
  { "Wójcik", "Wójcik" }, { "Kowalczyk", "Kowalczyk" }, { "Kamiński", "Kamińska" },
  { "Lewandowski", "Lewandowska" }, { "Zieliński", "Zielińska" }, { "Szymański", "Szymańska" },
  { "Woźniak", "Woźniak" }, { "Dąbrowski", "Dąbrowska" }, { "Kozłowski", "Kozłowska" },
  { "Jankowski", "Jankowska" }, { "Mazur", "Mazur" }, { "Krawczyk", "Krawczyk" },
  { "Piotrowski", "Piotrowska" }, { "Grabowski", "Grabowska" }, { "Pawłowski", "Pawłowska" },
  { "Michalski", "Michalska" }, { "Król", "Król" }, { "Wieczorek", "Wieczorek" },
  { "Jabłoński", "Jabłońska" }, { "Wróbel", "Wróbel" }, { "Górski", "Górska" },
  { "Sikora", "Sikora" }, { "Ostrowski", "Ostrowska" }, { "Bąk", "Bąk" }, { "Żak", "Żak" },
};

/* Lowercase ASCII, letters only ("Łukasz" -> "lukasz", "O'Brien" -> "obrien"). */
static void
append_ascii_word (GString    *out,
                   const char *word)
{
  g_autofree char *ascii = g_str_to_ascii (word, "C");

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
}

void
afs_demo_text_person (GString       *name,
                      GString       *email_local,
                      GRand         *rand,
                      AfsDemoLang    lang,
                      AfsDemoGender  gender)
{
  const char *first = NULL;
  const char *last = NULL;
  const char *first_latin = NULL;
  const char *last_latin = NULL;
  gboolean female = gender == AFS_DEMO_FEMALE;

  switch (lang)
    {
    case AFS_DEMO_LANG_ZH:
      {
        guint s = g_rand_int_range (rand, 0, G_N_ELEMENTS (zh_surname));
        guint g = female ? g_rand_int_range (rand, 0, G_N_ELEMENTS (zh_female))
                         : g_rand_int_range (rand, 0, G_N_ELEMENTS (zh_male));
        const char *const *given = female ? zh_female[g] : zh_male[g];

        g_string_append (name, zh_surname[s][0]);
        g_string_append (name, given[0]);
        if (email_local != NULL)
          {
            g_string_append (email_local, given[1]);
            g_string_append_c (email_local, '.');
            g_string_append (email_local, zh_surname[s][1]);
          }
        return;
      }

    case AFS_DEMO_LANG_ES:
      first = female ? PICK (rand, es_female) : PICK (rand, es_male);
      last = PICK (rand, es_last);
      g_string_append_printf (name, "%s %s", first, last);
      /* Spaniards use both surnames on paper, most of the time. */
      if (g_rand_int_range (rand, 0, 10) < 7)
        g_string_append_printf (name, " %s", PICK (rand, es_last));
      break;

    case AFS_DEMO_LANG_PL:
      {
        guint s = g_rand_int_range (rand, 0, G_N_ELEMENTS (pl_last));

        first = female ? PICK (rand, pl_female) : PICK (rand, pl_male);
        last = pl_last[s][female ? 1 : 0];
        g_string_append_printf (name, "%s %s", first, last);
        break;
      }

    case AFS_DEMO_LANG_EN:
    case AFS_DEMO_LANG_N:
    default:
      first = female ? PICK (rand, en_female) : PICK (rand, en_male);
      last = PICK (rand, en_last);
      g_string_append_printf (name, "%s %s", first, last);
      break;
    }

  first_latin = first;
  last_latin = last;
  if (email_local != NULL)
    {
      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          append_ascii_word (email_local, first_latin);
          g_string_append_c (email_local, '.');
          append_ascii_word (email_local, last_latin);
          break;
        case 1:
          {
            gunichar c = g_unichar_tolower (g_utf8_get_char (first_latin));
            char buf[8];
            buf[g_unichar_to_utf8 (c, buf)] = '\0';
            append_ascii_word (email_local, buf);
            g_string_append_c (email_local, '.');
            append_ascii_word (email_local, last_latin);
            break;
          }
        default:
          append_ascii_word (email_local, first_latin);
          append_ascii_word (email_local, last_latin);
          g_string_append_printf (email_local, "%u", g_rand_int_range (rand, 50, 99));
          break;
        }
    }
}

/* ---- Places ----------------------------------------------------------------- */

/* Four branches, one per language: Manchester, Suzhou, Valencia, Kraków.
 * "Local" is the branch's own city and its suburbs (4 h), "province" the
 * surrounding county or province (24 h), "outside" the rest of the
 * country (48 h), "remote" the islands and mountains (5 days). */
static const char *const en_cities[AFS_REGION_N][6] = {
  { "Manchester", "Salford", "Stockport", "Oldham", "Trafford", "Tameside" },
  { "Bolton", "Wigan", "Preston", "Blackburn", "Warrington", "Bury" },
  { "Leeds", "Birmingham", "Sheffield", "Liverpool", "Nottingham", "Newcastle upon Tyne" },
  { "Stornoway", "Kirkwall", "Lerwick", "Penzance", "Fort William", "Isle of Mull" },
};
static const char *const zh_cities[AFS_REGION_N][6] = {
  { "苏州", "昆山", "吴江", "常熟", "太仓", "张家港" },
  { "无锡", "南京", "常州", "南通", "徐州", "扬州" },
  { "上海", "杭州", "合肥", "武汉", "济南", "宁波" },
  { "拉萨", "喀什", "西宁", "格尔木", "伊宁", "香格里拉" },
};
static const char *const es_cities[AFS_REGION_N][6] = {
  { "Valencia", "Paterna", "Burjassot", "Mislata", "Alboraya", "Manises" },
  { "Gandía", "Sagunto", "Torrent", "Alzira", "Xàtiva", "Requena" },
  { "Madrid", "Zaragoza", "Murcia", "Albacete", "Castellón de la Plana", "Alicante" },
  { "Arrecife", "Ceuta", "Melilla", "Santa Cruz de La Palma", "Ibiza", "Puerto del Rosario" },
};
static const char *const pl_cities[AFS_REGION_N][6] = {
  { "Kraków", "Wieliczka", "Skawina", "Niepołomice", "Zielonki", "Zabierzów" },
  { "Tarnów", "Nowy Sącz", "Oświęcim", "Zakopane", "Chrzanów", "Bochnia" },
  { "Warszawa", "Katowice", "Wrocław", "Łódź", "Poznań", "Gdańsk" },
  { "Ustrzyki Dolne", "Sejny", "Hel", "Lutowiska", "Krynica Morska", "Wetlina" },
};

static const char *const (*cities_for (AfsDemoLang lang))[6]
{
  switch (lang)
    {
    case AFS_DEMO_LANG_ZH: return zh_cities;
    case AFS_DEMO_LANG_ES: return es_cities;
    case AFS_DEMO_LANG_PL: return pl_cities;
    case AFS_DEMO_LANG_EN:
    case AFS_DEMO_LANG_N:
    default:               return en_cities;
    }
}

guint
afs_demo_text_n_cities (AfsDemoLang    lang,
                        AfsRegionClass region)
{
  return 6;
}

const char *
afs_demo_text_city (AfsDemoLang    lang,
                    AfsRegionClass region,
                    guint          index)
{
  g_return_val_if_fail ((guint) region < AFS_REGION_N, NULL);
  return cities_for (lang)[region][index % 6];
}

static const char *const en_streets[] = {
  "Church", "Station", "Victoria", "Mill", "Park", "Oxford", "Market", "Albert", "Princess",
  "Granby", "Chapel", "Queen's", "Moss", "Bridge", "Cross",
};
static const char *const en_street_types[] = { "Road", "Street", "Lane", "Avenue", "Close", "Way", "Drive" };
static const char *const zh_districts[] = { "姑苏区", "吴中区", "相城区", "工业园区", "虎丘区", "吴江区" };
static const char *const zh_roads[] = {
  "人民", "解放", "中山", "建设", "和平", "长江", "新华", "东风", "干将", "学府", "金鸡湖", "星湖",
};
static const char *const es_streets[] = {
  "Calle Mayor", "Calle de la Paz", "Calle San Vicente", "Calle Colón", "Avenida Blasco Ibáñez",
  "Calle del Mar", "Calle Cervantes", "Calle Sorní", "Calle Xàtiva", "Calle Poeta Querol",
  "Avenida del Puerto", "Calle Cuba", "Plaza de España", "Calle Peris y Valero",
};
static const char *const pl_streets[] = {
  "Długa", "Krakowska", "Mickiewicza", "Słowackiego", "Kościuszki", "Polna", "Ogrodowa",
  "Lipowa", "Jana Pawła II", "Zielona", "Szkolna", "Łąkowa", "Wrzosowa", "Kwiatowa", "Różana",
};

void
afs_demo_text_street_address (GString    *out,
                              GRand      *rand,
                              AfsDemoLang lang,
                              const char *city)
{
  switch (lang)
    {
    case AFS_DEMO_LANG_ZH:
      if (g_str_equal (city, "苏州"))
        g_string_append (out, PICK (rand, zh_districts));
      g_string_append_printf (out, "%s路%u号", PICK (rand, zh_roads), g_rand_int_range (rand, 1, 999));
      if (g_rand_boolean (rand))
        g_string_append_printf (out, "%u幢%u室", g_rand_int_range (rand, 1, 30),
                                g_rand_int_range (rand, 1, 28) * 100 + g_rand_int_range (rand, 1, 6));
      break;

    case AFS_DEMO_LANG_ES:
      g_string_append_printf (out, "%s, %u", PICK (rand, es_streets), g_rand_int_range (rand, 1, 180));
      if (g_rand_int_range (rand, 0, 3) > 0)
        g_string_append_printf (out, ", %uº %c", g_rand_int_range (rand, 1, 12),
                                "ABCD"[g_rand_int_range (rand, 0, 4)]);
      break;

    case AFS_DEMO_LANG_PL:
      g_string_append_printf (out, "ul. %s %u", PICK (rand, pl_streets), g_rand_int_range (rand, 1, 160));
      if (g_rand_boolean (rand))
        g_string_append_printf (out, "/%u", g_rand_int_range (rand, 1, 80));
      break;

    case AFS_DEMO_LANG_EN:
    case AFS_DEMO_LANG_N:
    default:
      if (g_rand_int_range (rand, 0, 6) == 0)
        g_string_append_printf (out, "Unit %u, %s Industrial Estate", g_rand_int_range (rand, 1, 40),
                                PICK (rand, en_streets));
      else
        g_string_append_printf (out, "%u %s %s", g_rand_int_range (rand, 1, 240),
                                PICK (rand, en_streets), PICK (rand, en_street_types));
      break;
    }
}

const char *
afs_demo_text_email_domain (AfsDemoLang lang)
{
  static const char *const domains[AFS_DEMO_LANG_N] = {
    "example.co.uk", "example.cn", "example.es", "example.pl",
  };
  return domains[lang];
}

static const char *const en_biz_words[] = {
  "Riverside", "Oakwood", "Northern", "Crown", "Victoria", "Highfield", "Meadow", "Summit",
  "Kingsway", "Harbour", "Pennine", "Red Rose",
};
static const char *const zh_biz_words[] = {
  "金龙", "华盛", "鑫源", "恒达", "东方", "新世纪", "宏远", "福满楼", "海韵", "瑞丰", "天成", "聚福",
};
static const char *const es_biz_words[] = {
  "La Albufera", "El Puerto", "Levante", "Miramar", "Sol y Mar", "La Huerta", "Turia",
  "Las Arenas", "Mediterráneo", "El Carmen", "La Lonja", "Malvarrosa",
};
static const char *const pl_biz_words[] = {
  "Pod Wawelem", "Sokół", "Orzeł", "Jutrzenka", "Bursztyn", "Rolmex", "Polmet", "Wisła",
  "Tatry", "Krakowianka", "Jagiellonka", "Smok",
};

void
afs_demo_text_business_name (GString    *out,
                             GRand      *rand,
                             AfsDemoLang lang,
                             const char *city)
{
  guint kind = g_rand_int_range (rand, 0, 9);

  switch (lang)
    {
    case AFS_DEMO_LANG_ZH:
      {
        const char *w = PICK (rand, zh_biz_words);
        switch (kind)
          {
          case 0: g_string_append_printf (out, "%s%s餐饮有限公司", city, w); break;
          case 1: g_string_append_printf (out, "%s大酒店", w); break;
          case 2: g_string_append_printf (out, "%s%s机械制造有限公司", city, w); break;
          case 3: g_string_append_printf (out, "%s超市", w); break;
          case 4: g_string_append_printf (out, "%s%s物流有限公司", city, w); break;
          case 5: g_string_append_printf (out, "%s记面馆", zh_surname[g_rand_int_range (rand, 0, G_N_ELEMENTS (zh_surname))][0]); break;
          case 6: g_string_append_printf (out, "%s%s包装材料厂", city, w); break;
          case 7: g_string_append_printf (out, "%s第%u人民医院", city, g_rand_int_range (rand, 1, 9)); break;
          default: g_string_append_printf (out, "%s%s酒店管理有限公司", city, w); break;
          }
        break;
      }

    case AFS_DEMO_LANG_ES:
      {
        const char *w = PICK (rand, es_biz_words);
        const char *s = PICK (rand, es_last);
        switch (kind)
          {
          case 0: g_string_append_printf (out, "Restaurante %s", w); break;
          case 1: g_string_append_printf (out, "Hotel %s S.L.", w); break;
          case 2: g_string_append_printf (out, "Panadería %s", s); break;
          case 3: g_string_append_printf (out, "Talleres %s S.L.", s); break;
          case 4: g_string_append_printf (out, "Clínica Dental %s", w); break;
          case 5: g_string_append_printf (out, "Frutas %s e Hijos", s); break;
          case 6: g_string_append_printf (out, "Transportes %s S.A.", w); break;
          case 7: g_string_append_printf (out, "Bar %s", w); break;
          default: g_string_append_printf (out, "Envases %s S.L.", s); break;
          }
        break;
      }

    case AFS_DEMO_LANG_PL:
      {
        const char *w = PICK (rand, pl_biz_words);
        const char *s = pl_last[g_rand_int_range (rand, 0, G_N_ELEMENTS (pl_last))][0];
        switch (kind)
          {
          case 0: g_string_append_printf (out, "Piekarnia %s", s); break;
          case 1: g_string_append_printf (out, "%s sp. z o.o.", w); break;
          case 2: g_string_append_printf (out, "Hotel %s", w); break;
          case 3: g_string_append_printf (out, "Restauracja %s", w); break;
          case 4: g_string_append_printf (out, "Zakład Mechaniczny %s", s); break;
          case 5: g_string_append_printf (out, "Przychodnia %s", w); break;
          case 6: g_string_append_printf (out, "Cukiernia %s", w); break;
          case 7: g_string_append_printf (out, "%s Logistyka sp. z o.o.", w); break;
          default: g_string_append_printf (out, "Gospodarstwo Rolne %s", s); break;
          }
        break;
      }

    case AFS_DEMO_LANG_EN:
    case AFS_DEMO_LANG_N:
    default:
      {
        const char *w = PICK (rand, en_biz_words);
        const char *s = PICK (rand, en_last);
        switch (kind)
          {
          case 0: g_string_append_printf (out, "%s & Sons Ltd", s); break;
          case 1: g_string_append_printf (out, "%s Dental Practice", city); break;
          case 2: g_string_append_printf (out, "The %s Kitchen", w); break;
          case 3: g_string_append_printf (out, "%s Hotel", w); break;
          case 4: g_string_append_printf (out, "%s Engineering Ltd", s); break;
          case 5: g_string_append_printf (out, "%s Leisure Centre", city); break;
          case 6: g_string_append_printf (out, "%s Bakery", w); break;
          case 7: g_string_append_printf (out, "%s's Butchers", s); break;
          default: g_string_append_printf (out, "%s Logistics Ltd", w); break;
          }
        break;
      }
    }
}

static void
append_digits (GString *out,
               GRand   *rand,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, '0' + g_rand_int_range (rand, 0, 10));
}

void
afs_demo_text_phone (GString    *out,
                     GRand      *rand,
                     AfsDemoLang lang,
                     gboolean    mobile)
{
  switch (lang)
    {
    case AFS_DEMO_LANG_ZH:
      if (mobile)
        {
          static const char *const prefixes[] = { "138", "139", "137", "136", "150", "151", "186", "189", "177" };
          g_string_append_printf (out, "%s ", PICK (rand, prefixes));
          append_digits (out, rand, 4);
          g_string_append_c (out, ' ');
          append_digits (out, rand, 4);
        }
      else
        {
          g_string_append (out, "0512-6");
          append_digits (out, rand, 7);
        }
      break;

    case AFS_DEMO_LANG_ES:
      g_string_append (out, "+34 ");
      g_string_append (out, mobile ? (g_rand_boolean (rand) ? "6" : "7") : "96");
      append_digits (out, rand, mobile ? 2 : 1);
      g_string_append_c (out, ' ');
      append_digits (out, rand, 3);
      g_string_append_c (out, ' ');
      append_digits (out, rand, 3);
      break;

    case AFS_DEMO_LANG_PL:
      if (mobile)
        {
          g_string_append_printf (out, "+48 %c", "5678"[g_rand_int_range (rand, 0, 4)]);
          append_digits (out, rand, 2);
          g_string_append_c (out, ' ');
          append_digits (out, rand, 3);
          g_string_append_c (out, ' ');
          append_digits (out, rand, 3);
        }
      else
        {
          g_string_append (out, "+48 12 ");
          append_digits (out, rand, 3);
          g_string_append_c (out, ' ');
          append_digits (out, rand, 2);
          g_string_append_c (out, ' ');
          append_digits (out, rand, 2);
        }
      break;

    case AFS_DEMO_LANG_EN:
    case AFS_DEMO_LANG_N:
    default:
      /* Ofcom's ranges reserved for drama: never a real number. */
      if (mobile)
        {
          g_string_append (out, "07700 900");
          append_digits (out, rand, 3);
        }
      else
        {
          g_string_append (out, "0161 496 0");
          append_digits (out, rand, 3);
        }
      break;
    }
}

/* ---- Case texts ------------------------------------------------------------- */

/* English */
static const char *const en_openers[] = {
  "Hello,", "Hi,", "Good morning,", "Hello, I'm writing about our {item}.", "", "", "Dear Sir or Madam,",
  "Hi there,", "Good afternoon,", "Hello again,",
};
static const char *const en_refrig[] = {
  "The {item} has stopped cooling, everything inside is warm.",
  "The {item} is making a loud humming noise, especially at night.",
  "There is water leaking from under the {item}.",
  "Ice keeps building up at the back of the {item} and the door won't close properly.",
  "The {item} shows error {code} and the alarm keeps beeping.",
  "The temperature in the {item} jumps around even though it is set to {temp} degrees.",
  "The door seal of the {item} is torn and the cold gets out.",
  "The compressor of the {item} clicks on and off every few minutes.",
};
static const char *const en_appliance[] = {
  "The {item} won't switch on at all.",
  "The {item} stops halfway through the programme and shows {code}.",
  "The {item} is leaking water all over the kitchen floor.",
  "The door of the {item} won't open after the cycle.",
  "The {item} makes a terrible grinding noise.",
  "The {item} trips the circuit breaker every time we use it.",
  "There is a burning smell coming from the {item}.",
  "The display on the {item} flickers and the buttons don't respond.",
};
static const char *const en_hvac[] = {
  "The {item} is not heating, the radiators stay cold.",
  "The {item} blows warm air even on the coldest setting.",
  "Water is dripping from the indoor unit of the {item}.",
  "The {item} keeps switching itself off with error {code}.",
  "The {item} has been very noisy since last week.",
  "The pressure on the {item} keeps dropping and we top it up every {n} days.",
  "There is no hot water, the {item} lights up and then goes out.",
};
static const char *const en_furniture[] = {
  "The {item} is wobbly and one of the joints has come loose.",
  "The {item} was delivered with a deep scratch on the front.",
  "The veneer on the {item} is peeling off at the edges.",
  "A hinge on the {item} broke and the door hangs down.",
  "The {item} creaks every time someone moves.",
  "The fabric on the {item} has torn along the seam.",
  "There is a crack in the {item} that gets longer every week.",
  "The colour of the {item} has faded badly after only a few months.",
};
static const char *const en_machine[] = {
  "Our {item} loses pressure and can't finish a cycle.",
  "There is an oil leak under the {item}.",
  "The motor of the {item} overheats after about {n} minutes and stops.",
  "The {item} shows fault {code} on the display and won't restart.",
  "The {item} vibrates badly and there is a knocking noise.",
  "The {item} won't start; the control panel stays dark.",
  "The emergency stop on the {item} trips by itself.",
  "Production is standing: the {item} jams on every {n5}th part.",
};
static const char *const en_details[] = {
  "It started about {n} days ago.", "We bought it in {year}.", "The model is {model}, serial {serial}.",
  "Serial number: {serial}.", "We already tried switching it off and on again, no change.",
  "It happened right after the last power cut.", "It was fine until last weekend.",
  "This is the second time this has happened.", "The model number on the label is {model}.",
  "I have photos if you need them.", "It's getting worse every day.", "Nobody has touched it since.",
  "Bought from your shop in {year}, model {model}.",
};
static const char *const en_requests[] = {
  "Please send a technician as soon as possible.", "Can someone come and have a look this week?",
  "Please call me back to arrange a visit.", "We need it fixed urgently, we can't work without it.",
  "I'd like to know if this is covered by the warranty.", "Please let me know when a technician can come.",
  "Any time after 2 pm is fine for us.", "My neighbour can let your engineer in if I'm at work.",
};
static const char *const en_closings[] = {
  "Thanks.", "Thank you.", "Regards.", "Many thanks in advance.", "Kind regards.", "Cheers.",
};
static const char *const en_complaints[] = {
  "The technician who came {n} days ago didn't fix anything and the {item} is broken again.",
  "Your technician arrived {h} hours late and didn't even call.",
  "After the last repair the {item} is worse than before.",
  "We were charged for a repair that should be covered by the warranty.",
  "The installers left scratches on our floor when they brought the {item}.",
  "Nobody answered my last three emails about the {item}.",
  "I was promised a call back and nobody called.",
  "The replacement part you sent does not fit the {item}.",
  "The {item} was delivered {n} days late and nobody told us.",
};
static const char *const en_complaint_requests[] = {
  "I want this sorted out properly this time.", "I expect a refund of the call-out fee.",
  "I'd like to speak to a manager.", "Please send someone who knows what they are doing.",
  "I want compensation for the damage.", "If this isn't fixed this week I'll take it further.",
};
static const char *const en_returns[] = {
  "The {item} we received is not the one we ordered.",
  "The colour of the {item} is completely different from the showroom.",
  "The {item} does not fit in the space, the measurements on the website were wrong.",
  "The {item} has been faulty since the first day.",
  "We changed our mind and we are still within the return period.",
  "The {item} has been repaired three times and it still doesn't work.",
};
static const char *const en_return_requests[] = {
  "I would like to return it and get my money back.", "Please arrange collection and a full refund.",
  "We want to return the {item}, please tell us how.",
};
static const char *const en_exchanges[] = {
  "The {item} arrived with a dented side panel.", "The box was damaged and the {item} inside is cracked.",
  "The {item} was delivered with parts missing.", "The {item} stopped working after {n} days.",
};
static const char *const en_exchange_requests[] = {
  "Please exchange it for a new one.", "We would like a replacement, not a repair.",
  "Can you swap it for the same model?",
};
static const char *const en_installs[] = {
  "We have bought a new {item} ({model}) and need it installed.",
  "Please schedule the installation of the {item} we ordered.",
  "The {item} has been delivered, when can your installer come?",
  "We need the {item} connected and tested.",
};
static const char *const en_install_details[] = {
  "We are on floor {floor} and there is no lift.", "The old one needs to be taken away.",
  "Mornings are best for us.", "Please bring the connection hoses.", "Parking is available in the yard.",
  "Access is through the back entrance.",
};
static const char *const en_questions[] = {
  "Which cleaning products can I use on the {item}?", "What does error {code} on the {item} mean?",
  "Is it normal that the {item} makes a clicking sound?", "How do I reset the {item} after a power cut?",
  "Can you send me the manual for the {item} {model}?", "Is the {item} still under warranty?",
  "How often does the {item} need a service?", "Where do I find the serial number on the {item}?",
};

/* Chinese */
static const char *const zh_openers[] = {
  "您好，", "你好，", "你好，我想报修一下。", "", "", "您好，麻烦问一下，", "喂，你好，", "你好，我是老客户了。",
};
static const char *const zh_refrig[] = {
  "{item}不制冷了，里面的东西都是温的。", "{item}晚上嗡嗡响，声音特别大。", "{item}底下一直漏水。",
  "{item}后面结了很厚的冰，门都关不严。", "{item}显示{code}，一直报警。",
  "{item}温度忽高忽低，设置{temp}度也没用。", "{item}门封条破了，冷气往外跑。",
  "{item}压缩机几分钟就启动一次，咔哒咔哒响。",
};
static const char *const zh_appliance[] = {
  "{item}完全开不了机。", "{item}洗到一半就停了，屏幕显示{code}。", "{item}漏水，厨房地上全是水。",
  "{item}洗完以后门打不开。", "{item}运转的时候有很大的摩擦声。", "{item}一开就跳闸。",
  "{item}有一股烧焦的味道。", "{item}的显示屏一闪一闪的，按键没反应。",
};
static const char *const zh_hvac[] = {
  "{item}不制热，暖气片都是凉的。", "{item}开最低温度也是吹热风。", "{item}室内机滴水。",
  "{item}老是自动关机，显示故障代码{code}。", "{item}从上周开始噪音很大。",
  "{item}水压一直掉，每{n}天就要补一次水。", "{item}点火以后马上就灭了，没有热水。",
};
static const char *const zh_furniture[] = {
  "{item}晃得厉害，有个接口松了。", "{item}送来的时候正面就有一道很深的划痕。",
  "{item}边上的贴皮开始脱落了。", "{item}的合页坏了，门掉下来了。", "{item}一坐上去就吱吱响。",
  "{item}的面料沿着缝线裂开了。", "{item}上有一条裂缝，越来越长。", "{item}才用了几个月就褪色很严重。",
};
static const char *const zh_machine[] = {
  "我们的{item}压力上不去，一个循环都走不完。", "{item}下面漏油。",
  "{item}的电机运行{n}分钟左右就过热停机。", "{item}屏幕报{code}故障，重启也不行。",
  "{item}振动很大，还有敲击声。", "{item}启动不了，控制面板不亮。", "{item}的急停按钮自己会跳。",
  "{item}每做{n5}件就卡一次，生产线停了。",
};
static const char *const zh_details[] = {
  "大概是{n}天前开始的。", "是{year}年买的。", "型号{model}，序列号{serial}。", "机身编号：{serial}。",
  "已经断电重启过了，还是不行。", "上次停电以后就这样了。", "上个周末还好好的。",
  "这已经是第二次出现这种问题了。", "铭牌上的型号是{model}。", "有照片，需要的话可以发给你们。",
  "情况越来越严重了。", "出问题以后就没再动过。", "{year}年在你们店里买的，型号{model}。",
};
static const char *const zh_requests[] = {
  "麻烦尽快安排师傅上门看一下。", "这周能不能派人来看看？", "请给我回个电话约时间。",
  "很急，没有它我们没法营业。", "想问一下这个在不在保修范围内。", "师傅什么时候能来请通知我。",
  "下午两点以后都有人在家。", "上班时间家里没人，钥匙可以放在物业。",
};
static const char *const zh_closings[] = { "谢谢！", "谢谢。", "麻烦了。", "辛苦了，谢谢。" };
static const char *const zh_complaints[] = {
  "{n}天前来的师傅什么都没修好，{item}又坏了。", "你们的师傅迟到了{h}个小时，也没打电话说一声。",
  "上次修完以后{item}比以前还差。", "明明在保修期内，却收了我们维修费。",
  "安装师傅送{item}的时候把我们的地板划坏了。", "关于{item}的邮件发了三次都没人回。",
  "说好给我回电话的，一直没人打。", "你们寄来的配件和{item}对不上。", "{item}晚送了{n}天，也没人通知我们。",
};
static const char *const zh_complaint_requests[] = {
  "这次希望能彻底解决。", "要求退还上门费。", "我要找你们经理。", "请派一个懂行的师傅来。",
  "要求赔偿损失。", "这周再解决不了我就投诉到消协。",
};
static const char *const zh_returns[] = {
  "收到的{item}不是我们订的那款。", "{item}的颜色和展厅里的完全不一样。",
  "{item}放不进去，网上标的尺寸是错的。", "{item}从第一天起就有毛病。",
  "还在七天无理由退货期内，我们不想要了。", "{item}已经修了三次了，还是不好用。",
};
static const char *const zh_return_requests[] = {
  "我要退货退款。", "请安排上门取件并全额退款。", "我们要退{item}，请告诉我们怎么办理。",
};
static const char *const zh_exchanges[] = {
  "{item}送到的时候侧板是凹进去的。", "外包装破了，里面的{item}有裂纹。", "{item}送来的时候少了零件。",
  "{item}用了{n}天就坏了。",
};
static const char *const zh_exchange_requests[] = {
  "请给我们换一台新的。", "我们要求换货，不要维修。", "能不能换一台同型号的？",
};
static const char *const zh_installs[] = {
  "我们新买了一台{item}（{model}），需要安装。", "请安排一下我们订的{item}的安装。",
  "{item}已经送到了，安装师傅什么时候能来？", "{item}需要接好并调试。",
};
static const char *const zh_install_details[] = {
  "我们住{floor}楼，没有电梯。", "旧的需要帮忙拆走。", "上午比较方便。", "请带上连接水管。",
  "院子里可以停车。", "请从后门进来。",
};
static const char *const zh_questions[] = {
  "{item}可以用什么清洁剂？", "{item}显示{code}是什么意思？", "{item}有咔哒咔哒的声音正常吗？",
  "停电以后{item}怎么复位？", "能发一份{item} {model}的说明书给我吗？", "{item}还在保修期内吗？",
  "{item}多久需要保养一次？", "{item}的序列号在哪里看？",
};

/* Spanish */
static const char *const es_openers[] = {
  "Hola,", "Buenos días,", "Buenas tardes,", "Hola, les escribo por {item}.", "", "", "Estimados señores:",
  "Buenas,", "Hola, soy cliente suyo desde hace años.",
};
static const char *const es_refrig[] = {
  "{Item} ha dejado de enfriar, todo está caliente por dentro.",
  "{Item} hace un zumbido muy fuerte, sobre todo por la noche.", "Sale agua por debajo de {item}.",
  "Se forma hielo en la parte de atrás de {item} y la puerta no cierra bien.",
  "{Item} marca el error {code} y la alarma no para de pitar.",
  "La temperatura de {item} sube y baja aunque está puesta a {temp} grados.",
  "La goma de la puerta de {item} está rota y se escapa el frío.",
  "El compresor de {item} arranca y se para cada pocos minutos.",
};
static const char *const es_appliance[] = {
  "{Item} no enciende.", "{Item} se para a mitad del programa y sale el código {code}.",
  "{Item} pierde agua y me ha inundado la cocina.", "La puerta de {item} no se abre al terminar.",
  "{Item} hace un ruido horrible, como si rozara algo.", "Cada vez que ponemos {item} salta el diferencial.",
  "Sale olor a quemado de {item}.", "La pantalla de {item} parpadea y los botones no responden.",
};
static const char *const es_hvac[] = {
  "{Item} no calienta, los radiadores siguen fríos.", "{Item} echa aire caliente aunque lo ponga en frío.",
  "Gotea agua de la unidad interior de {item}.", "{Item} se apaga solo con el error {code}.",
  "{Item} hace mucho ruido desde la semana pasada.",
  "La presión de {item} baja y tenemos que rellenar cada {n} días.",
  "No hay agua caliente: {item} se enciende y al momento se apaga.",
};
static const char *const es_furniture[] = {
  "{Item} se tambalea y se ha soltado una de las uniones.",
  "{Item} llegó con un arañazo profundo en la parte delantera.",
  "La chapa de {item} se está despegando por los bordes.",
  "Se ha roto una bisagra de {item} y la puerta cuelga.", "{Item} cruje cada vez que alguien se mueve.",
  "La tela de {item} se ha rasgado por la costura.", "Ha salido una grieta en {item} que cada semana es más larga.",
  "El color de {item} se ha descolorido mucho en pocos meses.",
};
static const char *const es_machine[] = {
  "{Item} pierde presión y no termina el ciclo.", "Hay una fuga de aceite debajo de {item}.",
  "El motor de {item} se calienta a los {n} minutos y se para.",
  "{Item} muestra la avería {code} en la pantalla y no arranca.", "{Item} vibra mucho y da golpes.",
  "{Item} no arranca, el panel de control no se enciende.", "La parada de emergencia de {item} salta sola.",
  "Tenemos la producción parada: {item} se atasca cada {n5} piezas.",
};
static const char *const es_details[] = {
  "Empezó hace unos {n} días.", "Lo compramos en {year}.", "El modelo es {model}, número de serie {serial}.",
  "Número de serie: {serial}.", "Ya probamos a desenchufarlo y volver a enchufarlo, pero nada.",
  "Pasó justo después del último apagón.", "Hasta el fin de semana pasado funcionaba bien.",
  "Es la segunda vez que pasa.", "En la etiqueta pone el modelo {model}.", "Tengo fotos si las necesitan.",
  "Cada día va a peor.", "Desde entonces no lo hemos tocado.", "Comprado en su tienda en {year}, modelo {model}.",
};
static const char *const es_requests[] = {
  "Por favor, manden un técnico lo antes posible.", "¿Puede venir alguien esta semana a mirarlo?",
  "Llámenme para concertar una visita, por favor.", "Lo necesitamos urgente, sin él no podemos trabajar.",
  "Quisiera saber si lo cubre la garantía.", "Avísenme cuándo puede pasar el técnico.",
  "Por las tardes a partir de las cuatro estamos en casa.", "Si no estoy, la vecina del segundo tiene llave.",
};
static const char *const es_closings[] = {
  "Gracias.", "Muchas gracias.", "Un saludo.", "Saludos cordiales.", "Gracias de antemano.",
};
static const char *const es_complaints[] = {
  "El técnico que vino hace {n} días no arregló nada y {item} se ha vuelto a estropear.",
  "Su técnico llegó con {h} horas de retraso y ni siquiera avisó.",
  "Después de la última reparación {item} funciona peor que antes.",
  "Nos cobraron una reparación que debería cubrir la garantía.",
  "Los instaladores rayaron el suelo al subir {item}.",
  "Nadie ha contestado a mis tres últimos correos sobre {item}.",
  "Me prometieron que me llamarían y nadie llamó.", "La pieza de repuesto que enviaron no sirve para {item}.",
  "Nos entregaron {item} con {n} días de retraso y nadie nos avisó.",
};
static const char *const es_complaint_requests[] = {
  "Quiero que esta vez se solucione de verdad.", "Exijo que me devuelvan el importe del desplazamiento.",
  "Quiero hablar con un responsable.", "Por favor, envíen a alguien que sepa.",
  "Quiero una compensación por los daños.", "Si no se arregla esta semana pondré una reclamación en consumo.",
};
static const char *const es_returns[] = {
  "No es el modelo que pedimos: nos han traído otro.",
  "El color de {item} no tiene nada que ver con el de la tienda.",
  "{Item} no cabe en el hueco, las medidas de la web estaban mal.", "{Item} falla desde el primer día.",
  "Hemos cambiado de opinión y estamos dentro del plazo de devolución.",
  "{Item} ya se ha reparado tres veces y sigue sin funcionar.",
};
static const char *const es_return_requests[] = {
  "Quiero devolver el producto y que me reembolsen el dinero.",
  "Por favor, organicen la recogida y el reembolso completo.", "Queremos devolver {item}, díganme cómo hacerlo.",
};
static const char *const es_exchanges[] = {
  "{Item} llegó con un panel lateral abollado.", "La caja venía rota y {item} tiene una grieta.",
  "Faltaban piezas de {item} en la entrega.", "{Item} dejó de funcionar a los {n} días.",
};
static const char *const es_exchange_requests[] = {
  "Solicito el cambio por una unidad nueva.", "Queremos un cambio, no una reparación.",
  "¿Pueden cambiarnos la unidad por otra del mismo modelo?",
};
static const char *const es_installs[] = {
  "Hemos comprado {item} {model} y necesitamos la instalación.",
  "Por favor, programen la instalación de {item} que pedimos.",
  "Ya nos han entregado {item}, ¿cuándo puede venir el instalador?", "Necesitamos que conecten y prueben {item}.",
};
static const char *const es_install_details[] = {
  "Vivimos en un {floor}º piso sin ascensor.", "Hay que llevarse el aparato viejo.",
  "Nos viene mejor por la mañana.", "Traigan las mangueras de conexión, por favor.",
  "Se puede aparcar en el patio.", "Se entra por la puerta de atrás.",
};
static const char *const es_questions[] = {
  "¿Qué productos de limpieza puedo usar en {item}?", "¿Qué significa el error {code} en {item}?",
  "¿Es normal que {item} haga un clic?", "¿Cómo reinicio {item} después de un apagón?",
  "¿Me pueden enviar el manual de {item} {model}?", "¿{Item} sigue en garantía?",
  "¿Cada cuánto hay que hacer el mantenimiento de {item}?", "¿Dónde encuentro el número de serie de {item}?",
};

/* Polish */
static const char *const pl_openers[] = {
  "Dzień dobry,", "Witam,", "Dzień dobry, piszę w sprawie reklamacji.", "", "", "Szanowni Państwo,",
  "Dobry wieczór,", "Dzień dobry, dzwonię w sprawie naprawy.",
};
/* Present tense or no subject: no gender or case agreement with the item. */
static const char *const pl_refrig[] = {
  "{Item} nie chłodzi, w środku wszystko jest ciepłe.", "{Item} bardzo głośno buczy, szczególnie w nocy.",
  "Spod urządzenia cieknie woda.", "Z tyłu narasta lód i drzwi się nie domykają.",
  "{Item} pokazuje błąd {code} i cały czas piszczy alarm.",
  "Temperatura skacze, mimo że ustawiona jest na {temp} stopni.",
  "Uszczelka drzwi jest rozerwana i ucieka zimno.", "Sprężarka włącza się i wyłącza co kilka minut.",
};
static const char *const pl_appliance[] = {
  "{Item} w ogóle się nie włącza.", "{Item} zatrzymuje się w połowie programu i wyświetla {code}.",
  "{Item} cieknie, woda jest na całej podłodze w kuchni.", "Po zakończeniu cyklu drzwi się nie otwierają.",
  "{Item} strasznie hałasuje, coś zgrzyta w środku.", "Przy każdym włączeniu wybija korki.",
  "Z urządzenia czuć zapach spalenizny.", "Wyświetlacz miga, a przyciski nie reagują.",
};
static const char *const pl_hvac[] = {
  "{Item} nie grzeje, kaloryfery są zimne.", "{Item} dmucha ciepłym powietrzem nawet na najniższym ustawieniu.",
  "Z jednostki wewnętrznej kapie woda.", "{Item} sam się wyłącza i pokazuje błąd {code}.",
  "Od zeszłego tygodnia {item} bardzo głośno pracuje.",
  "Ciśnienie ciągle spada, co {n} dni trzeba dopuszczać wodę.", "Nie ma ciepłej wody, płomień zapala się i od razu gaśnie.",
};
static const char *const pl_furniture[] = {
  "{Item} się chwieje, jedno połączenie się poluzowało.", "Przy dostawie na froncie była głęboka rysa.",
  "Okleina odkleja się na krawędziach.", "Urwał się zawias i drzwiczki wiszą krzywo.",
  "{Item} skrzypi przy każdym ruchu.", "Tapicerka pękła wzdłuż szwu.",
  "Pojawiło się pęknięcie, które z tygodnia na tydzień jest coraz dłuższe.",
  "Kolor mocno wyblakł po kilku miesiącach.",
};
static const char *const pl_machine[] = {
  "{Item} traci ciśnienie i nie kończy cyklu.", "Pod maszyną jest wyciek oleju.",
  "Silnik przegrzewa się po około {n} minutach i maszyna staje.",
  "Na wyświetlaczu jest błąd {code}, nie da się ponownie uruchomić.", "{Item} mocno wibruje i słychać stuki.",
  "{Item} nie startuje, panel sterowania jest wygaszony.", "Wyłącznik awaryjny zadziała sam z siebie.",
  "Produkcja stoi: maszyna zacina się co {n5} sztuk.",
};
static const char *const pl_details[] = {
  "Zaczęło się jakieś {n} dni temu.", "Kupione w {year} roku.", "Model {model}, numer seryjny {serial}.",
  "Numer seryjny: {serial}.", "Próbowaliśmy wyłączyć i włączyć ponownie, bez zmian.",
  "Zaczęło się zaraz po ostatniej przerwie w dostawie prądu.", "Do zeszłego weekendu wszystko było w porządku.",
  "To już drugi raz ten sam problem.", "Na tabliczce jest model {model}.", "Mam zdjęcia, jeśli są potrzebne.",
  "Z dnia na dzień jest coraz gorzej.", "Od tamtej pory nikt przy tym nie grzebał.",
  "Kupione u Państwa w {year} roku, model {model}.",
};
static const char *const pl_requests[] = {
  "Proszę o pilny przyjazd serwisanta.", "Czy ktoś może przyjechać w tym tygodniu?",
  "Proszę o telefon w celu umówienia wizyty.", "To pilne, bez tego nie możemy pracować.",
  "Chciałbym wiedzieć, czy naprawa jest objęta gwarancją.", "Proszę dać znać, kiedy może przyjść technik.",
  "Jesteśmy w domu codziennie po 15:00.", "Klucze można odebrać u sąsiadki spod 4.",
};
static const char *const pl_closings[] = { "Pozdrawiam.", "Z poważaniem.", "Dziękuję.", "Z góry dziękuję." };
static const char *const pl_complaints[] = {
  "Serwisant, który był {n} dni temu, niczego nie naprawił i znowu jest awaria.",
  "Technik spóźnił się {h} godz. i nawet nie zadzwonił.", "Po ostatniej naprawie działa gorzej niż wcześniej.",
  "Naliczono nam opłatę za naprawę, która powinna być w ramach gwarancji.",
  "Monterzy porysowali nam podłogę przy wnoszeniu.", "Nikt nie odpowiedział na moje trzy ostatnie maile.",
  "Obiecano mi telefon zwrotny i nikt nie zadzwonił.", "Przysłana część zamienna nie pasuje.",
  "Dostawa spóźniła się o {n} dni i nikt nas nie uprzedził.",
};
static const char *const pl_complaint_requests[] = {
  "Oczekuję, że tym razem sprawa zostanie załatwiona porządnie.", "Żądam zwrotu kosztów dojazdu.",
  "Proszę o kontakt z kierownikiem.", "Proszę przysłać kogoś kompetentnego.",
  "Domagam się odszkodowania za szkody.",
  "Jeśli do końca tygodnia nie będzie naprawione, zgłoszę sprawę do rzecznika konsumentów.",
};
static const char *const pl_returns[] = {
  "Dostarczono inny model niż zamówiony.", "Kolor jest zupełnie inny niż w salonie.",
  "Nie mieści się we wnęce, wymiary na stronie były błędne.", "Od pierwszego dnia są problemy.",
  "Rezygnujemy z zakupu w ustawowym terminie zwrotu.", "Było już trzy razy naprawiane i nadal nie działa.",
};
static const char *const pl_return_requests[] = {
  "Chcę zwrócić towar i odzyskać pieniądze.", "Proszę o odbiór towaru i pełny zwrot pieniędzy.",
  "Proszę o informację, jak dokonać zwrotu.",
};
static const char *const pl_exchanges[] = {
  "Przy dostawie boczny panel był wgnieciony.", "Karton był uszkodzony, a w środku jest pęknięcie.",
  "W dostawie brakowało części.", "Po {n} dniach przestało działać.",
};
static const char *const pl_exchange_requests[] = {
  "Proszę o wymianę na nowy egzemplarz.", "Chcemy wymiany, a nie naprawy.", "Czy można wymienić na ten sam model?",
};
static const char *const pl_installs[] = {
  "Kupiliśmy nowe urządzenie: {item} {model}. Proszę o montaż.",
  "Proszę o umówienie montażu zamówionego towaru ({item}).",
  "Towar ({item}) już dotarł, kiedy może przyjechać monter?", "Trzeba podłączyć i uruchomić: {item} {model}.",
};
static const char *const pl_install_details[] = {
  "Mieszkamy na {floor}. piętrze, nie ma windy.", "Trzeba zabrać stare urządzenie.", "Najlepiej rano.",
  "Proszę zabrać węże przyłączeniowe.", "Można zaparkować na podwórku.", "Wejście od tyłu budynku.",
};
static const char *const pl_questions[] = {
  "Jakich środków czyszczących można używać? Chodzi o: {item} {model}.", "Co oznacza błąd {code}?",
  "Czy to normalne, że słychać klikanie?", "Jak zresetować urządzenie po zaniku prądu?",
  "Czy mogę dostać instrukcję obsługi do modelu {model}?", "Czy mój sprzęt jest jeszcze na gwarancji?",
  "Jak często trzeba robić przegląd? ({item})", "Gdzie znajdę numer seryjny?",
};
/* Polish forms start with what the letter is about. */
static const char *const pl_subjects[] = { "Dotyczy: {item} {model}.", "Reklamacja: {item}.", "Sprzęt: {item} {model}." };

typedef struct {
  List openers, details, requests, closings;
  List problems[AFS_DEMO_FAMILY_N];
  List complaints, complaint_requests, returns, return_requests, exchanges, exchange_requests;
  List installs, install_details, questions;
} CaseTexts;

static const CaseTexts case_texts[AFS_DEMO_LANG_N] = {
  [AFS_DEMO_LANG_EN] = {
    L (en_openers), L (en_details), L (en_requests), L (en_closings),
    { L (en_refrig), L (en_appliance), L (en_hvac), L (en_furniture), L (en_machine) },
    L (en_complaints), L (en_complaint_requests), L (en_returns), L (en_return_requests),
    L (en_exchanges), L (en_exchange_requests), L (en_installs), L (en_install_details), L (en_questions),
  },
  [AFS_DEMO_LANG_ZH] = {
    L (zh_openers), L (zh_details), L (zh_requests), L (zh_closings),
    { L (zh_refrig), L (zh_appliance), L (zh_hvac), L (zh_furniture), L (zh_machine) },
    L (zh_complaints), L (zh_complaint_requests), L (zh_returns), L (zh_return_requests),
    L (zh_exchanges), L (zh_exchange_requests), L (zh_installs), L (zh_install_details), L (zh_questions),
  },
  [AFS_DEMO_LANG_ES] = {
    L (es_openers), L (es_details), L (es_requests), L (es_closings),
    { L (es_refrig), L (es_appliance), L (es_hvac), L (es_furniture), L (es_machine) },
    L (es_complaints), L (es_complaint_requests), L (es_returns), L (es_return_requests),
    L (es_exchanges), L (es_exchange_requests), L (es_installs), L (es_install_details), L (es_questions),
  },
  [AFS_DEMO_LANG_PL] = {
    L (pl_openers), L (pl_details), L (pl_requests), L (pl_closings),
    { L (pl_refrig), L (pl_appliance), L (pl_hvac), L (pl_furniture), L (pl_machine) },
    L (pl_complaints), L (pl_complaint_requests), L (pl_returns), L (pl_return_requests),
    L (pl_exchanges), L (pl_exchange_requests), L (pl_installs), L (pl_install_details), L (pl_questions),
  },
};

/* Expands {item} {Item} {model} {serial} {n} {h} {code} {year} {floor} {temp}. */
static void
expand (GString                  *out,
        GRand                    *rand,
        const AfsDemoTextContext *ctx,
        const char               *tmpl)
{
  const char *p = tmpl;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      gsize len;

      if (open == NULL)
        {
          g_string_append (out, p);
          return;
        }
      g_string_append_len (out, p, open - p);
      close = strchr (open, '}');
      g_assert (close != NULL);
      len = close - open - 1;

#define IS(word) (len == strlen (word) && strncmp (open + 1, word, len) == 0)
      if (IS ("item") || IS ("Item"))
        {
          const char *item = ctx->product != NULL ? ctx->product->item[ctx->lang] : NULL;

          if (item == NULL)
            {
              static const char *const generic[AFS_DEMO_LANG_N] = { "appliance", "产品", "el aparato", "urządzenie" };
              item = generic[ctx->lang];
            }
          if (open[1] == 'I' && ctx->lang != AFS_DEMO_LANG_ZH)
            {
              gunichar c = g_unichar_toupper (g_utf8_get_char (item));
              g_string_append_unichar (out, c);
              g_string_append (out, g_utf8_next_char (item));
            }
          else
            g_string_append (out, item);
        }
      else if (IS ("model"))
        g_string_append (out, ctx->model != NULL ? ctx->model : "?");
      else if (IS ("serial"))
        g_string_append (out, ctx->serial != NULL ? ctx->serial : "?");
      else if (IS ("n"))
        g_string_append_printf (out, "%d", g_rand_int_range (rand, 2, 15));
      else if (IS ("n5"))
        g_string_append_printf (out, "%d", g_rand_int_range (rand, 5, 21));
      else if (IS ("h"))
        g_string_append_printf (out, "%d", g_rand_int_range (rand, 2, 7));
      else if (IS ("floor"))
        g_string_append_printf (out, "%d", g_rand_int_range (rand, 2, 9));
      else if (IS ("temp"))
        g_string_append_printf (out, "%d", g_rand_int_range (rand, 2, 6));
      else if (IS ("year"))
        g_string_append_printf (out, "%d", ctx->purchase_year > 0 ? ctx->purchase_year : 2023);
      else if (IS ("code"))
        {
          static const char *const formats[] = { "E%02d", "F%d", "Er%02d", "H%d", "E-%d" };
          g_string_append_printf (out, PICK (rand, formats), g_rand_int_range (rand, 1, 60));
        }
      else
        g_string_append_len (out, open, close - open + 1);
#undef IS

      p = close + 1;
    }
}

static void
append_sentence (GString                  *out,
                 GRand                    *rand,
                 const AfsDemoTextContext *ctx,
                 const char               *tmpl)
{
  gboolean after_comma;
  gsize start;

  if (tmpl == NULL || *tmpl == '\0')
    return;
  /* Chinese runs sentences together; the others separate them by a space. */
  after_comma = out->len > 0 && out->str[out->len - 1] == ',';
  if (out->len > 0 && ctx->lang != AFS_DEMO_LANG_ZH)
    g_string_append_c (out, ' ');
  start = out->len;
  expand (out, rand, ctx, tmpl);

  /* "Hi, the fridge …": a greeting and the first sentence on one line.
   * "I" stays up, and Spanish lowercases after its "¿". */
  if (after_comma && ctx->lang != AFS_DEMO_LANG_ZH)
    {
      char *p = out->str + start;
      gunichar c;

      if (g_str_has_prefix (p, "¿"))
        p += strlen ("¿");
      c = g_utf8_get_char (p);
      if (!(c == 'I' && (p[1] == ' ' || p[1] == '\'')) && g_unichar_isupper (c))
        {
          char lower[8];
          gsize old_len = g_utf8_next_char (p) - p;
          gsize new_len = g_unichar_to_utf8 (g_unichar_tolower (c), lower);
          gsize pos = p - out->str;

          g_string_erase (out, pos, old_len);
          g_string_insert_len (out, pos, lower, new_len);
        }
    }
}

static void
replace_all (GString    *str,
             const char *from,
             const char *to)
{
  gsize from_len = strlen (from);
  gsize to_len = strlen (to);
  gsize pos = 0;
  char *hit;

  while ((hit = strstr (str->str + pos, from)) != NULL)
    {
      pos = hit - str->str;
      g_string_erase (str, pos, from_len);
      g_string_insert (str, pos, to);
      pos += to_len;
    }
}

/* "de el frigorífico" -> "del frigorífico", "a el" -> "al". */
static void
spanish_contractions (GString *str,
                      gsize    from)
{
  g_autoptr(GString) tail = g_string_new (str->str + from);

  replace_all (tail, " de el ", " del ");
  replace_all (tail, " a el ", " al ");
  g_string_truncate (str, from);
  g_string_append_len (str, tail->str, tail->len);
}

static gboolean
chance (GRand *rand,
        int    percent)
{
  return g_rand_int_range (rand, 0, 100) < percent;
}

void
afs_demo_text_description (GString                  *out,
                           GRand                    *rand,
                           const AfsDemoTextContext *ctx)
{
  const CaseTexts *t;
  gsize start = out->len;
  AfsDemoFamily family;
  GString *body = out;

  g_return_if_fail (ctx != NULL && (guint) ctx->lang < AFS_DEMO_LANG_N);

  t = &case_texts[ctx->lang];
  family = ctx->product != NULL ? ctx->product->family : AFS_DEMO_FAMILY_APPLIANCE;

  if (ctx->lang == AFS_DEMO_LANG_PL && ctx->product != NULL && chance (rand, 45))
    append_sentence (body, rand, ctx, PICK (rand, pl_subjects));
  if (chance (rand, 60))
    append_sentence (body, rand, ctx, pick (rand, &t->openers));

  switch (ctx->category)
    {
    case AFS_CATEGORY_COMPLAINT:
      append_sentence (body, rand, ctx, pick (rand, &t->complaints));
      if (chance (rand, 50))
        append_sentence (body, rand, ctx, pick (rand, &t->problems[family]));
      if (chance (rand, 40))
        append_sentence (body, rand, ctx, pick (rand, &t->details));
      append_sentence (body, rand, ctx, pick (rand, &t->complaint_requests));
      break;

    case AFS_CATEGORY_RETURN:
      append_sentence (body, rand, ctx, pick (rand, &t->returns));
      if (chance (rand, 50))
        append_sentence (body, rand, ctx, pick (rand, &t->details));
      append_sentence (body, rand, ctx, pick (rand, &t->return_requests));
      break;

    case AFS_CATEGORY_EXCHANGE:
      append_sentence (body, rand, ctx, pick (rand, &t->exchanges));
      if (chance (rand, 40))
        append_sentence (body, rand, ctx, pick (rand, &t->problems[family]));
      if (chance (rand, 50))
        append_sentence (body, rand, ctx, pick (rand, &t->details));
      append_sentence (body, rand, ctx, pick (rand, &t->exchange_requests));
      break;

    case AFS_CATEGORY_INSTALLATION:
      append_sentence (body, rand, ctx, pick (rand, &t->installs));
      if (chance (rand, 70))
        append_sentence (body, rand, ctx, pick (rand, &t->install_details));
      if (chance (rand, 30))
        append_sentence (body, rand, ctx, pick (rand, &t->install_details));
      break;

    case AFS_CATEGORY_CONSULTATION:
      append_sentence (body, rand, ctx, pick (rand, &t->questions));
      if (chance (rand, 30))
        append_sentence (body, rand, ctx, pick (rand, &t->details));
      break;

    case AFS_CATEGORY_REPAIR:
    case AFS_CATEGORY_N:
    default:
      append_sentence (body, rand, ctx, pick (rand, &t->problems[family]));
      if (chance (rand, 70))
        append_sentence (body, rand, ctx, pick (rand, &t->details));
      if (chance (rand, 25))
        append_sentence (body, rand, ctx, pick (rand, &t->details));
      append_sentence (body, rand, ctx, pick (rand, &t->requests));
      break;
    }

  if (chance (rand, 40))
    append_sentence (body, rand, ctx, pick (rand, &t->closings));

  if (ctx->lang == AFS_DEMO_LANG_ES)
    spanish_contractions (out, start);
}

/* ---- Staff texts ------------------------------------------------------------ */

static const char *const en_diag[AFS_DEMO_FAMILY_N][3] = {
  { "Refrigerant leak at the evaporator joint, pressure low.", "Fan motor of the condenser seized.", "Thermostat faulty, reads 8 degrees too low." },
  { "Drain pump blocked by a coin and lint.", "Door lock actuator faulty.", "Control board relay burnt." },
  { "Condensate pipe blocked, tray overflowing.", "Expansion vessel lost its charge.", "Ignition electrode worn, flame sensor dirty." },
  { "Glued joint failed: production defect in the batch.", "Hinge screws torn out of the chipboard.", "Fabric seam not stitched through at the factory." },
  { "Hydraulic seal worn, oil passing the piston.", "Motor bearing worn, overheating under load.", "Proximity sensor misaligned, triggering the stop." },
};
static const char *const en_work[AFS_DEMO_FAMILY_N][3] = {
  { "Brazed the joint, evacuated and recharged, tested 2 h: holds 4 degrees.", "Replaced the condenser fan motor and tested.", "Replaced the thermostat, calibrated and tested." },
  { "Cleared the drain pump, checked the hoses, ran a full programme.", "Replaced the door lock, tested two cycles.", "Replaced the control board, updated settings, tested." },
  { "Cleared the condensate pipe, cleaned the tray, tested.", "Recharged the expansion vessel, refilled to 1.5 bar.", "Replaced the electrode, cleaned the sensor, checked flue gas." },
  { "Re-glued and clamped the joint, showed the customer how to tighten the fittings.", "Fitted new hinge plates with inserts, adjusted the doors.", "Replaced the cover panel from stock, checked the batch label." },
  { "Replaced the piston seals and filter, refilled oil, pressure test OK.", "Replaced the motor bearings, checked alignment, 1 h test run.", "Realigned and fixed the sensor, tested the stop circuit." },
};
static const char *const zh_diag[AFS_DEMO_FAMILY_N][3] = {
  { "蒸发器接头处漏氟，压力偏低。", "冷凝风机电机卡死。", "温控器故障，读数偏低8度。" },
  { "排水泵被硬币和棉絮堵住。", "门锁执行器损坏。", "主控板继电器烧坏。" },
  { "冷凝水管堵塞，接水盘溢水。", "膨胀水箱失压。", "点火针磨损，火焰感应针脏污。" },
  { "胶合处开裂，属同批次生产缺陷。", "合页螺丝从刨花板中脱出。", "面料缝线出厂时未缝透。" },
  { "液压密封件磨损，活塞窜油。", "电机轴承磨损，带载过热。", "接近开关错位，误触发急停。" },
};
static const char *const zh_work[AFS_DEMO_FAMILY_N][3] = {
  { "补焊接头，抽真空加氟，试机2小时，温度稳定在4度。", "更换冷凝风机电机并试机。", "更换温控器，校准后试机正常。" },
  { "清理排水泵，检查水管，完整运行一个程序。", "更换门锁，试机两次正常。", "更换主控板，恢复设置，试机正常。" },
  { "疏通冷凝水管，清洗接水盘，试机正常。", "膨胀水箱补气，补水至1.5巴。", "更换点火针，清洁感应针，检测烟气正常。" },
  { "重新涂胶并夹紧，向客户演示如何紧固五金件。", "加装预埋螺母更换合页，调整柜门。", "用库存面板更换，核对批号标签。" },
  { "更换活塞密封件和滤芯，补油，保压试验合格。", "更换电机轴承，校正对中，试运行1小时。", "重新校正并固定传感器，测试急停回路。" },
};
static const char *const es_diag[AFS_DEMO_FAMILY_N][3] = {
  { "Fuga de gas en la soldadura del evaporador, presión baja.", "Motor del ventilador del condensador bloqueado.", "Termostato averiado, marca 8 grados de menos." },
  { "Bomba de desagüe atascada con una moneda y pelusa.", "Cierre de la puerta averiado.", "Relé de la placa electrónica quemado." },
  { "Tubo de condensados obstruido, bandeja rebosando.", "Vaso de expansión sin carga.", "Electrodo de encendido gastado, sonda de llama sucia." },
  { "Unión encolada despegada: defecto de fabricación del lote.", "Tornillos de la bisagra arrancados del aglomerado.", "Costura de la tela mal rematada en fábrica." },
  { "Retén hidráulico gastado, el aceite pasa por el pistón.", "Rodamiento del motor desgastado, se calienta con carga.", "Sensor de proximidad desalineado, dispara la parada." },
};
static const char *const es_work[AFS_DEMO_FAMILY_N][3] = {
  { "Soldada la unión, vacío y recarga de gas, probado 2 h: mantiene 4 grados.", "Cambiado el motor del ventilador y probado.", "Cambiado el termostato, calibrado y probado." },
  { "Limpiada la bomba de desagüe, revisadas las mangueras, programa completo OK.", "Cambiado el cierre de la puerta, probados dos ciclos.", "Cambiada la placa electrónica, configurada y probada." },
  { "Desatascado el tubo de condensados y limpiada la bandeja.", "Recargado el vaso de expansión, llenado a 1,5 bar.", "Cambiado el electrodo, limpiada la sonda, análisis de humos correcto." },
  { "Encolada y prensada la unión; se explicó al cliente cómo apretar los herrajes.", "Colocadas bisagras nuevas con tacos, puertas ajustadas.", "Cambiado el panel por uno de almacén, comprobada la etiqueta del lote." },
  { "Cambiados retenes y filtro, rellenado aceite, prueba de presión correcta.", "Cambiados los rodamientos del motor, alineado, 1 h de prueba.", "Realineado y fijado el sensor, probado el circuito de parada." },
};
static const char *const pl_diag[AFS_DEMO_FAMILY_N][3] = {
  { "Nieszczelność na lutowaniu parownika, niskie ciśnienie.", "Zatarty silnik wentylatora skraplacza.", "Uszkodzony termostat, zaniża o 8 stopni." },
  { "Pompa odpływowa zablokowana monetą i kłaczkami.", "Uszkodzona blokada drzwi.", "Spalony przekaźnik na płycie sterującej." },
  { "Zatkany odpływ skroplin, taca przelewa się.", "Naczynie wzbiorcze bez ciśnienia wstępnego.", "Zużyta elektroda zapłonowa, zabrudzona sonda jonizacyjna." },
  { "Puściło klejenie: wada produkcyjna partii.", "Wkręty zawiasu wyrwane z płyty wiórowej.", "Szew tapicerki nieprzeszyty w fabryce." },
  { "Zużyte uszczelnienie hydrauliczne, olej przechodzi przez tłok.", "Zużyte łożysko silnika, przegrzewa się pod obciążeniem.", "Przesunięty czujnik zbliżeniowy, wyzwala stop." },
};
static const char *const pl_work[AFS_DEMO_FAMILY_N][3] = {
  { "Polutowano, wykonano próżnię i napełniono czynnikiem, test 2 h: trzyma 4 stopnie.", "Wymieniono silnik wentylatora, test OK.", "Wymieniono termostat, skalibrowano, test OK." },
  { "Wyczyszczono pompę, sprawdzono węże, pełny program OK.", "Wymieniono blokadę drzwi, dwa cykle testowe.", "Wymieniono płytę sterującą, ustawienia przywrócone, test OK." },
  { "Udrożniono odpływ skroplin, wyczyszczono tacę.", "Uzupełniono ciśnienie w naczyniu wzbiorczym, dopuszczono do 1,5 bara.", "Wymieniono elektrodę, wyczyszczono sondę, analiza spalin OK." },
  { "Sklejono i ściśnięto połączenie; pokazano klientowi, jak dokręcać okucia.", "Zamontowano nowe zawiasy na kołkach, wyregulowano drzwi.", "Wymieniono panel z magazynu, sprawdzono etykietę partii." },
  { "Wymieniono uszczelnienia tłoka i filtr, uzupełniono olej, próba ciśnieniowa OK.", "Wymieniono łożyska silnika, osiowanie, 1 h pracy testowej.", "Ustawiono i zamocowano czujnik, przetestowano obwód stopu." },
};

static const char *const (*diag_for (AfsDemoLang lang))[3]
{
  switch (lang)
    {
    case AFS_DEMO_LANG_ZH: return zh_diag;
    case AFS_DEMO_LANG_ES: return es_diag;
    case AFS_DEMO_LANG_PL: return pl_diag;
    case AFS_DEMO_LANG_EN:
    case AFS_DEMO_LANG_N:
    default:               return en_diag;
    }
}

static const char *const (*work_for (AfsDemoLang lang))[3]
{
  switch (lang)
    {
    case AFS_DEMO_LANG_ZH: return zh_work;
    case AFS_DEMO_LANG_ES: return es_work;
    case AFS_DEMO_LANG_PL: return pl_work;
    case AFS_DEMO_LANG_EN:
    case AFS_DEMO_LANG_N:
    default:               return en_work;
    }
}

static AfsDemoFamily
ctx_family (const AfsDemoTextContext *ctx)
{
  return ctx->product != NULL ? ctx->product->family : AFS_DEMO_FAMILY_APPLIANCE;
}

void
afs_demo_text_diagnosis (GString                  *out,
                         GRand                    *rand,
                         const AfsDemoTextContext *ctx)
{
  g_string_append (out, diag_for (ctx->lang)[ctx_family (ctx)][g_rand_int_range (rand, 0, 3)]);
}

void
afs_demo_text_work_done (GString                  *out,
                         GRand                    *rand,
                         const AfsDemoTextContext *ctx)
{
  g_autofree char *time = NULL;

  g_string_append (out, work_for (ctx->lang)[ctx_family (ctx)][g_rand_int_range (rand, 0, 3)]);
  /* The decimal separator stays a point: this is data, not a display. */
  time = g_strdup_printf ("%d.%d", g_rand_int_range (rand, 0, 5), g_rand_int_range (rand, 1, 10));
  switch (ctx->lang)
    {
    case AFS_DEMO_LANG_ZH: g_string_append_printf (out, "现场用时%s小时。", time); break;
    case AFS_DEMO_LANG_ES: g_string_append_printf (out, " Tiempo en casa del cliente: %s h.", time); break;
    case AFS_DEMO_LANG_PL: g_string_append_printf (out, " Czas pracy na miejscu: %s h.", time); break;
    case AFS_DEMO_LANG_EN:
    case AFS_DEMO_LANG_N:
    default:               g_string_append_printf (out, " Time on site: %s h.", time); break;
    }
}

static const char *const en_accepted[] = {
  "Works again, thank you.", "Fine now, quick and tidy.", "Satisfied.", "OK, the technician explained everything.",
  "Good job, thanks for coming so fast.",
};
static const char *const zh_accepted[] = { "已修好，谢谢。", "满意，师傅很专业。", "没问题了。", "服务很好，来得很快。", "可以，已经讲清楚怎么使用了。" };
static const char *const es_accepted[] = {
  "Funciona otra vez, gracias.", "Todo bien, rápido y limpio.", "Conforme.", "Muy amable el técnico, todo explicado.",
  "Perfecto, gracias por venir tan rápido.",
};
static const char *const pl_accepted[] = {
  "Działa, dziękuję.", "Wszystko w porządku, szybko i czysto.", "Bez zastrzeżeń.",
  "Pan serwisant wszystko wyjaśnił.", "Dziękuję za szybką naprawę.",
};
static const char *const en_refused[] = {
  "Not fixed: it still makes the same noise.", "I don't accept this, the part has to be replaced.",
  "Still not working properly.",
};
static const char *const zh_refused[] = { "没修好，还是一样的声音。", "不接受，必须更换配件。", "还是不正常。" };
static const char *const es_refused[] = {
  "No está arreglado: sigue haciendo el mismo ruido.", "No estoy conforme, hay que cambiar la pieza.",
  "Sigue sin funcionar bien.",
};
static const char *const pl_refused[] = {
  "Nie naprawione, dalej ten sam hałas.", "Nie akceptuję, część musi być wymieniona.", "Nadal nie działa prawidłowo.",
};

void
afs_demo_text_opinion (GString    *out,
                       GRand      *rand,
                       AfsDemoLang lang,
                       gboolean    accepted)
{
  const List ok[AFS_DEMO_LANG_N] = LANGS (en_accepted, zh_accepted, es_accepted, pl_accepted);
  const List no[AFS_DEMO_LANG_N] = LANGS (en_refused, zh_refused, es_refused, pl_refused);

  g_string_append (out, pick (rand, accepted ? &ok[lang] : &no[lang]));
}

static const char *const en_remote[] = {
  "Explained on the phone how to reset the {item}; customer confirmed it works.",
  "Mailed a new filter and seal; customer fitted them following our instructions.",
  "Sent the manual for {model} by e-mail and explained the settings.",
  "Talked the customer through descaling; problem gone.",
  "Warranty status explained, no visit needed.",
};
static const char *const zh_remote[] = {
  "电话指导客户复位{item}，客户确认已恢复正常。", "邮寄新的滤网和密封圈，客户按说明自行更换。",
  "通过邮件发送{model}说明书并讲解设置。", "电话指导客户除垢，问题已解决。", "已向客户说明保修情况，无需上门。",
};
static const char *const es_remote[] = {
  "Se explicó por teléfono cómo reiniciar {item}; el cliente confirma que funciona.",
  "Enviado por correo un filtro y una junta nuevos; el cliente los montó siguiendo nuestras instrucciones.",
  "Enviado el manual de {model} por e-mail y explicados los ajustes.",
  "Se guio al cliente para descalcificar; problema resuelto.", "Explicada la garantía, no hace falta visita.",
};
static const char *const pl_remote[] = {
  "Wyjaśniono telefonicznie, jak zresetować urządzenie; klient potwierdza, że działa.",
  "Wysłano pocztą nowy filtr i uszczelkę; klient wymienił je według naszej instrukcji.",
  "Wysłano instrukcję do modelu {model} mailem i omówiono ustawienia.",
  "Pomogliśmy klientowi przez telefon odkamienić urządzenie; problem ustąpił.",
  "Wyjaśniono warunki gwarancji, wizyta niepotrzebna.",
};

void
afs_demo_text_remote_resolution (GString                  *out,
                                 GRand                    *rand,
                                 const AfsDemoTextContext *ctx)
{
  const List l[AFS_DEMO_LANG_N] = LANGS (en_remote, zh_remote, es_remote, pl_remote);
  gsize start = out->len;

  expand (out, rand, ctx, pick (rand, &l[ctx->lang]));
  if (ctx->lang == AFS_DEMO_LANG_ES)
    spanish_contractions (out, start);
}

static const char *const en_oos[] = {
  "The {item} was not bought from us; we gave the customer the manufacturer's service number.",
  "Damage caused by flooding: not an after-sales matter, the customer was referred to the insurer.",
  "The {item} was modified by a third party; we cannot service it.",
  "Normal wear of a consumable part, not covered; quote offered.",
  "The customer asked about a product we do not sell.",
};
static const char *const zh_oos[] = {
  "{item}不是在我们这里购买的，已告知客户厂家服务电话。", "因水淹造成的损坏，不属于售后范围，建议客户联系保险公司。",
  "{item}被第三方改装过，无法提供服务。", "属于易损件正常磨损，不在售后范围，已提供报价。", "客户咨询的是我们不销售的产品。",
};
static const char *const es_oos[] = {
  "{Item} no se compró en nuestra tienda; se dio al cliente el teléfono del servicio técnico oficial.",
  "Daños por inundación: no es un caso de posventa, se remitió al cliente a su seguro.",
  "{Item} fue modificado por terceros; no podemos repararlo.",
  "Desgaste normal de una pieza consumible, no cubierto; se ofreció presupuesto.",
  "El cliente preguntaba por un producto que no vendemos.",
};
static const char *const pl_oos[] = {
  "Sprzęt nie był kupiony u nas; przekazano klientowi numer serwisu producenta.",
  "Uszkodzenie wskutek zalania: nie podlega serwisowi posprzedażnemu, klienta odesłano do ubezpieczyciela.",
  "Urządzenie było przerabiane przez osoby trzecie; nie możemy go serwisować.",
  "Naturalne zużycie części eksploatacyjnej, nie podlega reklamacji; zaproponowano wycenę.",
  "Klient pytał o produkt, którego nie sprzedajemy.",
};

void
afs_demo_text_out_of_scope_reason (GString                  *out,
                                   GRand                    *rand,
                                   const AfsDemoTextContext *ctx)
{
  const List l[AFS_DEMO_LANG_N] = LANGS (en_oos, zh_oos, es_oos, pl_oos);
  gsize start = out->len;

  expand (out, rand, ctx, pick (rand, &l[ctx->lang]));
  if (ctx->lang == AFS_DEMO_LANG_ES)
    spanish_contractions (out, start);
}

static const char *const en_cancel[] = {
  "Customer called: it works again after a restart.", "Customer bought a new one and withdrew the request.",
  "Customer's son fixed it himself.", "Duplicate of an earlier request.", "Customer no longer reachable, withdrew by e-mail.",
};
static const char *const zh_cancel[] = {
  "客户来电：重启后已恢复正常。", "客户已买新机，撤销报修。", "客户家人自己修好了。", "与之前的报修重复。", "客户邮件撤销报修。",
};
static const char *const es_cancel[] = {
  "Llamó el cliente: después de reiniciarlo ya funciona.", "El cliente ha comprado uno nuevo y retira el aviso.",
  "Lo arregló el hijo del cliente.", "Aviso duplicado.", "El cliente anula el aviso por correo.",
};
static const char *const pl_cancel[] = {
  "Klient dzwonił: po ponownym uruchomieniu działa.", "Klient kupił nowe urządzenie i wycofał zgłoszenie.",
  "Syn klienta naprawił sam.", "Duplikat wcześniejszego zgłoszenia.", "Klient wycofał zgłoszenie mailowo.",
};

void
afs_demo_text_cancel_reason (GString    *out,
                             GRand      *rand,
                             AfsDemoLang lang)
{
  const List l[AFS_DEMO_LANG_N] = LANGS (en_cancel, zh_cancel, es_cancel, pl_cancel);
  g_string_append (out, pick (rand, &l[lang]));
}

static const char *const en_reject[] = {
  "Too expensive: get a quote for repairing the part instead of replacing the unit.",
  "Compensation too high; offer a voucher instead.", "Check the warranty first: looks like misuse.",
  "Ask the carrier to cover the damage before we pay.",
};
static const char *const zh_reject[] = {
  "费用太高：先报价维修配件，不要整机更换。", "赔偿金额过高，改为提供代金券。", "先核实保修，看起来是使用不当。", "先向承运商索赔再说。",
};
static const char *const es_reject[] = {
  "Demasiado caro: pedir presupuesto de reparar la pieza en lugar de cambiar la unidad.",
  "Compensación demasiado alta; ofrecer un vale.", "Revisar primero la garantía: parece mal uso.",
  "Reclamar primero al transportista.",
};
static const char *const pl_reject[] = {
  "Za drogo: wycenić naprawę części zamiast wymiany całego urządzenia.",
  "Za wysokie odszkodowanie; zaproponować bon.", "Najpierw sprawdzić gwarancję: wygląda na złe użytkowanie.",
  "Najpierw zgłosić szkodę przewoźnikowi.",
};

void
afs_demo_text_reject_comment (GString    *out,
                              GRand      *rand,
                              AfsDemoLang lang)
{
  const List l[AFS_DEMO_LANG_N] = LANGS (en_reject, zh_reject, es_reject, pl_reject);
  g_string_append (out, pick (rand, &l[lang]));
}

static const char *const en_approve[] = { "Approved.", "OK, go ahead.", "Approved, key customer.", "Approved within budget." };
static const char *const zh_approve[] = { "同意。", "批准，尽快处理。", "重点客户，同意。", "预算内，同意。" };
static const char *const es_approve[] = { "Aprobado.", "De acuerdo, adelante.", "Aprobado, cliente preferente.", "Aprobado dentro del presupuesto." };
static const char *const pl_approve[] = { "Zatwierdzam.", "OK, proszę realizować.", "Zatwierdzone, kluczowy klient.", "Zatwierdzone w ramach budżetu." };

void
afs_demo_text_approval_note (GString    *out,
                             GRand      *rand,
                             AfsDemoLang lang)
{
  const List l[AFS_DEMO_LANG_N] = LANGS (en_approve, zh_approve, es_approve, pl_approve);
  g_string_append (out, pick (rand, &l[lang]));
}

static const char *const en_second[] = {
  "Spare part not in the van: ordered, back when it arrives.", "Customer does not accept: noise still there, needs a new motor.",
  "Needs a second technician to lift the {item}.", "Temporary fix only; the control board must be replaced.",
};
static const char *const zh_second[] = {
  "车上没有配件，已订货，到货后再来。", "客户不接受：还有噪音，需要更换电机。", "需要两名师傅才能搬动{item}。", "只做了临时处理，主板需要更换。",
};
static const char *const es_second[] = {
  "No llevaba el repuesto: pedido, volveremos cuando llegue.",
  "El cliente no está conforme: sigue el ruido, hay que cambiar el motor.",
  "Hace falta un segundo técnico para mover {item}.", "Solo arreglo provisional; hay que cambiar la placa.",
};
static const char *const pl_second[] = {
  "Brak części w samochodzie: zamówiona, wrócimy po dostawie.",
  "Klient nie akceptuje: nadal hałas, potrzebny nowy silnik.",
  "Potrzebny drugi technik do przeniesienia urządzenia.", "Tylko naprawa tymczasowa; trzeba wymienić płytę sterującą.",
};

void
afs_demo_text_second_visit_reason (GString                  *out,
                                   GRand                    *rand,
                                   const AfsDemoTextContext *ctx)
{
  const List l[AFS_DEMO_LANG_N] = LANGS (en_second, zh_second, es_second, pl_second);
  gsize start = out->len;

  expand (out, rand, ctx, pick (rand, &l[ctx->lang]));
  if (ctx->lang == AFS_DEMO_LANG_ES)
    spanish_contractions (out, start);
}

static const char *const en_fu_good[] = {
  "Customer happy, works fine since the repair.", "All good; asked about a maintenance contract.",
  "Satisfied with the technician, a bit slow to get an appointment.", "Working fine, no further questions.",
};
static const char *const en_fu_bad[] = {
  "Works, but the customer was unhappy with the waiting time.", "Customer grumbled about the cost.",
  "Fixed, but the technician left a mess.",
};
static const char *const zh_fu_good[] = { "客户满意，维修后一直正常。", "一切正常，客户咨询了保养合同。", "对师傅满意，就是预约等得有点久。", "使用正常，没有其他问题。" };
static const char *const zh_fu_bad[] = { "能用了，但客户对等待时间不满意。", "客户对费用有意见。", "修好了，但师傅走的时候没有清理现场。" };
static const char *const es_fu_good[] = {
  "Cliente contento, funciona bien desde la reparación.", "Todo bien; preguntó por un contrato de mantenimiento.",
  "Contento con el técnico, aunque tardamos en dar cita.", "Funciona bien, sin más preguntas.",
};
static const char *const es_fu_bad[] = {
  "Funciona, pero el cliente se quejó de la espera.", "El cliente protestó por el precio.",
  "Arreglado, pero el técnico lo dejó todo sucio.",
};
static const char *const pl_fu_good[] = {
  "Klient zadowolony, od naprawy działa bez zarzutu.", "Wszystko dobrze; pytał o umowę serwisową.",
  "Zadowolony z technika, trochę długo czekał na termin.", "Działa, brak dalszych pytań.",
};
static const char *const pl_fu_bad[] = {
  "Działa, ale klient był niezadowolony z czasu oczekiwania.", "Klient narzekał na koszt.",
  "Naprawione, ale technik zostawił bałagan.",
};

void
afs_demo_text_follow_up_note (GString    *out,
                              GRand      *rand,
                              AfsDemoLang lang,
                              int         satisfaction)
{
  const List good[AFS_DEMO_LANG_N] = LANGS (en_fu_good, zh_fu_good, es_fu_good, pl_fu_good);
  const List bad[AFS_DEMO_LANG_N] = LANGS (en_fu_bad, zh_fu_bad, es_fu_bad, pl_fu_bad);

  g_string_append (out, pick (rand, satisfaction >= 4 ? &good[lang] : &bad[lang]));
}

const char *
afs_demo_text_carrier (GRand      *rand,
                       AfsDemoLang lang)
{
  static const char *const en[] = { "DPD UK", "Parcelforce", "XPO Logistics" };
  static const char *const zh[] = { "顺丰速运", "德邦物流", "中通快递" };
  static const char *const es[] = { "SEUR", "MRW", "Correos Express" };
  static const char *const pl[] = { "Raben Logistics Polska", "DPD Polska", "InPost" };
  const List l[AFS_DEMO_LANG_N] = LANGS (en, zh, es, pl);

  return pick (rand, &l[lang]);
}

const char *
afs_demo_text_manufacturer (GRand      *rand,
                            AfsDemoLang lang)
{
  static const char *const makers[] = {
    "Nordkyl AB", "Aquaris GmbH", "Ferro S.p.A.", "Climatec Ltd", "Hydra Maschinenbau GmbH", "Milano Divani S.r.l.",
  };
  return PICK (rand, makers);
}
