/* afs-dispatch.h: who fits a case best (DOMAIN.md 7: "assign one or more
 * technicians by fault, area and workload; one is the lead").
 *
 * A pure ranking over a snapshot, so the store (afs_store_suggest_technicians)
 * and tests run the same rule:
 *   score = 50 when the technician's service area covers the customer's city
 *         + 20 per skill that matches the case (category, equipment model,
 *           description), at most 2 counted
 *         - 8 per open assignment (at most 5 counted)
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

G_BEGIN_DECLS

#define AFS_DISPATCH_AREA_POINTS   50
#define AFS_DISPATCH_SKILL_POINTS  20
#define AFS_DISPATCH_SKILLS_COUNTED 2
#define AFS_DISPATCH_LOAD_PENALTY   8
#define AFS_DISPATCH_LOAD_COUNTED   5

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
} AfsDispatchCandidate;

typedef struct {
  char    *staff_id;
  char    *name;
  int      score;
  gboolean area_match;
  char    *area;              /* the area item that matched, or the staff's area */
  char    *matched_skills;    /* "compressors, installation" or NULL */
  guint    open_assignments;
  /* Translated, for the person choosing: "Covers Kraków, knows
   * compressors, 2 open orders" / "Outside the area (Katowice), no
   * matching skills, no open orders". */
  char    *reason;
} AfsDispatchSuggestion;

void       afs_dispatch_suggestion_free (AfsDispatchSuggestion *suggestion);

/* Whether one item of @service_area (comma or semicolon separated) names
 * @city, compared with afs_text_fold(). Returns the matching item
 * (newly allocated) or NULL. */
char      *afs_dispatch_area_covers     (const char *service_area,
                                         const char *city);

/* The skills of @skills (comma separated) that match @need (folded; a
 * plural "s"/"es" ignored: "compressors" matches "Compressor X2"), joined
 * with ", ", or NULL. @n_matched: how many. */
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
