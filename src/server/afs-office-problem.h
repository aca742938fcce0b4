/* afs-office-problem.h: a refused request, as the protocol reports it:
 * an HTTP status, a stable code and a sentence (docs/sync-protocol.md 1).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint   status;     /* 4xx / 5xx */
  char   *code;       /* "gap", "wrong_type", … */
  char   *message;    /* English: what is wrong and what to do */
  char   *field;      /* (nullable) JSON member path */
  char   *sha256;     /* (nullable) */
  gint64  seq;        /* -1 when none */
  gint64  expected;   /* -1 when none */
  gint64  offset;     /* -1 when none */
  gint64  head;       /* -1 when none */
  gint64  limit;      /* -1 when none */
} AfsOfficeProblem;

AfsOfficeProblem *afs_office_problem_new  (guint        status,
                                           const char  *code,
                                           const char  *format,
                                           ...) G_GNUC_PRINTF (3, 4);
void              afs_office_problem_free (AfsOfficeProblem *problem);
/* Sets @field (a copy) and returns @problem, for chaining. */
AfsOfficeProblem *afs_office_problem_at   (AfsOfficeProblem *problem,
                                           const char       *field,
                                           gint64            seq);
/* The JSON body of the error reply. */
char             *afs_office_problem_to_json (const AfsOfficeProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsOfficeProblem, afs_office_problem_free)

G_END_DECLS
