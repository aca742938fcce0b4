/* afs-demo-text.h: the phrase tables of the demo generator (private to
 * afs-demo.c and the benchmarks).
 *
 * Texts are built from parts (problem x item x detail x request ...) so a
 * million generated cases stay varied, in the four languages of the source
 * manuals. Everything is drawn from a caller's GRand: deterministic for a
 * seed.
 */
#pragma once

#include <glib.h>
#include "afs-enums.h"

G_BEGIN_DECLS

typedef enum {
  AFS_DEMO_LANG_EN,
  AFS_DEMO_LANG_ZH,
  AFS_DEMO_LANG_ES,
  AFS_DEMO_LANG_PL,
  AFS_DEMO_LANG_N
} AfsDemoLang;

/* Product families: they decide the problems, the technician's skills and
 * how serial numbers look. */
typedef enum {
  AFS_DEMO_FAMILY_REFRIGERATION,
  AFS_DEMO_FAMILY_APPLIANCE,
  AFS_DEMO_FAMILY_HVAC,
  AFS_DEMO_FAMILY_FURNITURE,
  AFS_DEMO_FAMILY_MACHINE,
  AFS_DEMO_FAMILY_N
} AfsDemoFamily;

typedef struct {
  AfsDemoFamily family;
  const char   *model_format;        /* printf with one %u, or a fixed name list separated by '|' */
  guint         model_min, model_max;
  const char   *serial_prefix;       /* "NK" ... ; NULL: "SN-YYYY-NNNNNN"; "LOT": batch numbers */
  gboolean      household;           /* sold to households */
  gboolean      business;            /* sold to businesses */
  double        price;               /* typical price, for costs */
  const char   *item[AFS_DEMO_LANG_N]; /* "fridge-freezer", "冰箱", "el frigorífico", "lodówka" */
} AfsDemoProduct;

guint                 afs_demo_text_n_products (void);
const AfsDemoProduct *afs_demo_text_product    (guint index);
/* "refrigeration, electrical" in the branch's language ("制冷、电工"). */
const char           *afs_demo_text_family_skills (AfsDemoLang lang, AfsDemoFamily family, guint variant);
/* How the branch writes a list: ", " or "、". */
const char           *afs_demo_text_list_separator (AfsDemoLang lang);

/* People, places. Strings are appended to @out. */
typedef enum { AFS_DEMO_FEMALE, AFS_DEMO_MALE } AfsDemoGender;

/* A person's name, and (if @email_local is not NULL) an ASCII e-mail
 * local part for it ("k.nowak", "wei.zhang"). */
void  afs_demo_text_person       (GString *name, GString *email_local, GRand *rand,
                                  AfsDemoLang lang, AfsDemoGender gender);
void  afs_demo_text_business_name (GString *out, GRand *rand, AfsDemoLang lang, const char *city);
void  afs_demo_text_phone        (GString *out, GRand *rand, AfsDemoLang lang, gboolean mobile);
/* A city for the region class; @index picks one deterministically. */
const char *afs_demo_text_city   (AfsDemoLang lang, AfsRegionClass region, guint index);
guint       afs_demo_text_n_cities (AfsDemoLang lang, AfsRegionClass region);
void  afs_demo_text_street_address (GString *out, GRand *rand, AfsDemoLang lang, const char *city);
const char *afs_demo_text_email_domain (AfsDemoLang lang);

/* Case texts. @model and @serial may be NULL (consultation without equipment). */
typedef struct {
  AfsDemoLang      lang;
  AfsCategory      category;
  const AfsDemoProduct *product;
  const char      *model;
  const char      *serial;
  int              purchase_year;
} AfsDemoTextContext;

void  afs_demo_text_description  (GString *out, GRand *rand, const AfsDemoTextContext *ctx);
void  afs_demo_text_diagnosis    (GString *out, GRand *rand, const AfsDemoTextContext *ctx);
void  afs_demo_text_work_done    (GString *out, GRand *rand, const AfsDemoTextContext *ctx);
void  afs_demo_text_opinion      (GString *out, GRand *rand, AfsDemoLang lang, gboolean accepted);
void  afs_demo_text_remote_resolution (GString *out, GRand *rand, const AfsDemoTextContext *ctx);
void  afs_demo_text_out_of_scope_reason (GString *out, GRand *rand, const AfsDemoTextContext *ctx);
void  afs_demo_text_cancel_reason (GString *out, GRand *rand, AfsDemoLang lang);
void  afs_demo_text_reject_comment (GString *out, GRand *rand, AfsDemoLang lang);
void  afs_demo_text_approval_note (GString *out, GRand *rand, AfsDemoLang lang);
void  afs_demo_text_second_visit_reason (GString *out, GRand *rand, const AfsDemoTextContext *ctx);
void  afs_demo_text_follow_up_note (GString *out, GRand *rand, AfsDemoLang lang, int satisfaction);
const char *afs_demo_text_carrier (GRand *rand, AfsDemoLang lang);
const char *afs_demo_text_manufacturer (GRand *rand, AfsDemoLang lang);

G_END_DECLS
