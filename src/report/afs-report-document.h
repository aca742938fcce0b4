/* afs-report-document.h: everything the printed service report shows.
 *
 * A plain struct with no store types, so the report layer does not
 * depend on the store: the UI (afs-report-compose.c) fills it from the
 * store, the PDF code lays it out. Every string is display text, already
 * translated and formatted where it names a vocabulary value (category,
 * severity, outcome, remedy kind, warranty); NULL or "" means "not
 * recorded" and the PDF leaves the line out or prints a dash.
 * Times are Unix seconds (UTC), 0 for "not recorded"; the PDF prints
 * them in the local time zone.
 *
 * DOMAIN.md 9: "the technician fills the service report; the customer
 * signs (or stamps) it and gives an opinion; returns, exchanges and
 * compensation are written out with reason, item, spec and quantity."
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A part used on site (report_parts). Named DocPart: the store's
 * AfsReportPart (afs-store-visit.h) is the editable row; this is the
 * printed line, and a file may need both. */
typedef struct {
  char     *part_number;
  char     *name;
  double    quantity;
  gboolean  under_warranty;   /* FALSE: chargeable */
  double    unit_price;       /* in the document's currency */
} AfsReportDocPart;

/* A remedy: repair / return / exchange / compensation (DOMAIN.md 9). */
typedef struct {
  char   *kind;                /* display text, e.g. "Exchange" */
  char   *item;
  char   *spec;
  double  quantity;
  char   *reason;
} AfsReportRemedy;

/* One trip to the customer (visits). */
typedef struct {
  char   *technician;
  gint64  travel_started_at;
  gint64  arrived_at;
  gint64  left_at;
} AfsReportVisit;

/* A photo: @path is a downscaled copy (JPEG or PNG) that exists when the
 * PDF is made; a missing or unreadable file is drawn as a labelled box. */
typedef struct {
  char   *path;
  char   *kind;                /* display text, e.g. "Damaged part, close up" */
  char   *caption;
  gint64  taken_at;
} AfsReportPhoto;

/* A satisfaction item scored 0..5 (0 = not scored). */
typedef struct {
  char *item;
  int   score;
} AfsReportScore;

/* A signature: @strokes is the text form of AfsStrokes
 * (afs_strokes_to_text()); NULL or damaged text prints "Not signed". */
typedef struct {
  char   *strokes;
  char   *name;
  char   *role;
  gint64  signed_at;
} AfsReportSignature;

typedef struct {
  /* Header */
  char *company_name;
  char *company_address;
  char *company_phone;

  /* Case */
  char   *case_number;
  gint64  opened_at;           /* intake */
  gint64  deadline_at;
  char   *category;
  char   *severity;
  char   *problem;             /* the customer's description at intake */

  /* Customer */
  char *customer_name;
  char *customer_address;
  char *contact_name;
  char *contact_phone;

  /* Equipment */
  char *equipment_model;
  char *serial_number;
  char *production_date;       /* display text: a date or a batch */
  char *purchase_date;
  char *warranty;              /* e.g. "Under warranty until 2027-03-01" */

  /* The report (DOMAIN.md 8) */
  gboolean  fault_confirmed;   /* confirmed with the customer */
  char     *fault_confirmed_note;
  char     *diagnosis;
  char     *cause;
  char     *actions;
  GPtrArray *parts;            /* of AfsReportDocPart */
  char     *currency;          /* e.g. "EUR"; printed after prices */
  int       labour_minutes;
  char     *test_result;
  char     *outcome;           /* display text: fixed / temporary / not fixable */
  GPtrArray *remedies;         /* of AfsReportRemedy */
  char     *advice;            /* on use and maintenance */

  GPtrArray *visits;           /* of AfsReportVisit */
  GPtrArray *photos;           /* of AfsReportPhoto */

  /* Sign-off (DOMAIN.md 9, 11) */
  GPtrArray *satisfaction;     /* of AfsReportScore */
  char     *customer_opinion;
  gboolean  accepted;
  AfsReportSignature customer_signature;
  AfsReportSignature technician_signature;

  /* Tamper evidence */
  char *content_hash;          /* SHA-256 hex of the signed content */
  char *verification_code;     /* NULL: derived from content_hash */
  int   report_version;        /* 1, 2, … */

  gint64 printed_at;           /* 0: now */
} AfsReportDocument;

AfsReportDocument *afs_report_document_new              (void);
AfsReportDocument *afs_report_document_copy             (const AfsReportDocument *doc);
void               afs_report_document_free             (AfsReportDocument *doc);

AfsReportDocPart  *afs_report_document_add_part         (AfsReportDocument *doc,
                                                         const char        *part_number,
                                                         const char        *name,
                                                         double             quantity,
                                                         gboolean           under_warranty,
                                                         double             unit_price);
AfsReportRemedy   *afs_report_document_add_remedy       (AfsReportDocument *doc,
                                                         const char        *kind,
                                                         const char        *item,
                                                         const char        *spec,
                                                         double             quantity,
                                                         const char        *reason);
AfsReportVisit    *afs_report_document_add_visit        (AfsReportDocument *doc,
                                                         const char        *technician,
                                                         gint64             travel_started_at,
                                                         gint64             arrived_at,
                                                         gint64             left_at);
AfsReportPhoto    *afs_report_document_add_photo        (AfsReportDocument *doc,
                                                         const char        *path,
                                                         const char        *kind,
                                                         const char        *caption,
                                                         gint64             taken_at);
AfsReportScore    *afs_report_document_add_score        (AfsReportDocument *doc,
                                                         const char        *item,
                                                         int                score);
void               afs_report_signature_set             (AfsReportSignature *sig,
                                                         const char         *strokes,
                                                         const char         *name,
                                                         const char         *role,
                                                         gint64              signed_at);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsReportDocument, afs_report_document_free)

G_END_DECLS
