/* afs-dispatch.h: who fits a case best (DOMAIN.md 7: "assign one or more
 * technicians by fault, area and workload; one is the lead").
 *
 * A pure ranking over a snapshot, so the store (afs_store_suggest_technicians)
 * and tests run the same rule:
 *   score = 40 when one entry of the technician's service area list names
 *           the customer's city
 *         + 60 when a skill fits the case: it names a trade the case's
 *           equipment and description show it needs (afs-dispatch-trades.h:
 *           a chest freezer or a "Nordkyl" model needs refrigeration, which
 *           "制冷" or "chłodnictwo" names), or the case mentions it as written
 *         + 10 when its skills also cover a second need (heating and gas)
 *         + 20 when the area does not name the city but the technician has
 *           worked there before (the customers beyond the areas: the one
 *           who went to Newcastle last time, not someone from another
 *           branch's country)
 *         - 5 per open assignment (at most 5 counted)
 * The skill weighs most: a technician who cannot fix it is no help even
 * next door; between those who can, the one who covers the city wins,
 * then the one who has been there, and load weighs in: a covering
 * specialist with three open orders (85) beats an idle one who has been
 * there (80), who beats an idle one from elsewhere (60); with five open
 * orders (75) the idle one who has been there goes first.
 * Ties: fewer open assignments first, then the name. Inactive staff and
 * other roles than technician are left out.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "afs-enums.h"
#include "afs-records.h"
#include "afs-dispatch-trades.h"

G_BEGIN_DECLS

#define AFS_DISPATCH_AREA_POINTS          40
#define AFS_DISPATCH_SKILL_POINTS         60
#define AFS_DISPATCH_EXTRA_SKILL_POINTS   10
#define AFS_DISPATCH_EXTRA_SKILLS_COUNTED  1
#define AFS_DISPATCH_VISITED_POINTS       20
#define AFS_DISPATCH_LOAD_PENALTY          5
#define AFS_DISPATCH_LOAD_COUNTED          5

/* What the case needs. All strings may be NULL. */
typedef struct {
  const char  *city;             /* the customer's city */
  const char  *address;          /* also searched for the area */
  AfsCategory  category;
  const char  *equipment_model;
  const char  *description;
} AfsDispatchNeed;

/* One technician as the board knows them now. */
typedef struct {
  const AfsStaffData *staff;
  guint               open_assignments;   /* assignments on open cases */
  guint               visits_in_city;     /* earlier cases of customers in the case's city */
} AfsDispatchCandidate;

typedef struct {
  char    *staff_id;
  char    *name;
  int      score;
  gboolean area_match;
  char    *area;              /* the area item that matched, or the staff's area */
  char    *matched_skills;    /* "compressors, installation" or NULL */
  guint    open_assignments;
  guint    visits_in_city;
  /* Translated, for the person choosing: "Covers Kraków, knows
   * chłodnictwo, 2 open orders" / "Does not cover Kraków, no skill for
   * refrigeration, no open orders" / "Covers Kraków, the case does not
   * show which trade it needs, 1 open order". */
  char    *reason;
} AfsDispatchSuggestion;

void       afs_dispatch_suggestion_free (AfsDispatchSuggestion *suggestion);

/* Whether one item of @service_area (comma or semicolon separated) names
 * @city, compared with afs_text_fold(). Returns the matching item
 * (newly allocated) or NULL. */
char      *afs_dispatch_area_covers     (const char *service_area,
                                         const char *city);

/* The trades @need's category, model and description show it needs. */
AfsTrades  afs_dispatch_needed_trades   (const AfsDispatchNeed *need);

/* The skills of @skills (comma separated) that name a trade @need needs,
 * or that @need mentions (folded; a plural "s"/"es" ignored:
 * "compressors" matches "Compressor X2"), joined with ", ", or NULL.
 * @n_matched: how many needs they cover (each trade once, each skill
 * named as written once). */
char      *afs_dispatch_match_skills    (const char            *skills,
                                         const AfsDispatchNeed *need,
                                         guint                 *n_matched);

/* The candidates ranked best first, at most @limit (0 = all).
 * Returns: (transfer full) (element-type AfsDispatchSuggestion). */
GPtrArray *afs_dispatch_suggest         (const AfsDispatchNeed      *need,
                                         const AfsDispatchCandidate *candidates,
                                         guint                       n_candidates,
                                         guint                       limit);

G_END_DECLS
