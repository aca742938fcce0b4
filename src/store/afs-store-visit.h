/* afs-store-visit.h: the technician's side of the store (DOMAIN.md 4, 8, 9).
 *
 * My orders, the visit's timestamps, photo evidence, the full repair
 * report with its parts, an autosaved draft, and the customer's sign-off,
 * which makes the report tamper-evident. Everything here works on the
 * local file alone: no network is ever needed on site.
 *
 * Same rules as afs-store.h: every write is one transaction with its
 * audit event and outbox row; bad input is refused with an AFS_ERROR
 * whose message says what is wrong and what to do; nothing half-written.
 * The only exception is the draft (afs_store_save_report_draft()): it is
 * local, never synced and written without an outbox row, so it can be
 * saved every second while the technician types.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "afs-store.h"
#include "afs-strokes.h"

G_BEGIN_DECLS

/* ---- My orders (DOMAIN.md 7-8) ---------------------------------------- */

/* One case a technician is assigned to, with what they need on the way. */
typedef struct {
  char         *case_id;
  gint64        case_local_id;
  char         *number;            /* AS-2026-000123 */
  AfsCaseState  state;
  int           severity;
  char         *description;
  char         *customer_name;
  char         *contact_name;      /* the case's contact, else the customer's */
  char         *phone;             /* the case's contact phone, else the customer's */
  char         *address;
  char         *city;
  char         *equipment_model;
  char         *serial;
  gboolean      lead;              /* the technician leads this case */
  gint64        planned_start;     /* the assignment's plan; 0 = none */
  gint64        arrive_due;        /* 0 = none */
  gint64        resolve_due;
  gint64        next_due;          /* the deadline that counts now; 0 = none */
  gboolean      today;             /* planned for, or due by the end of, the local day */
  /* The technician's current (latest) visit of this case; 0 = not yet. */
  char         *visit_id;
  gint64        travel_started_at;
  gint64        arrived_at;
  gint64        left_at;
} AfsOrderData;

void       afs_order_data_free (AfsOrderData *order);

/**
 * afs_store_list_my_orders:
 * @staff_id: the technician (NULL: the store's actor)
 * @now: "today" is the local day of @now (0: the store clock)
 *
 * Open cases (not resolved, closed, cancelled or out of scope) assigned
 * to the technician: today's first (planned for today or due today or
 * overdue), then the others; each group by deadline (next_due, soonest
 * first; none last), then by case number.
 *
 * Returns: (transfer full) (element-type AfsOrderData): the orders, or
 * NULL with @error set.
 */
GPtrArray *afs_store_list_my_orders        (AfsStore *self, const char *staff_id, gint64 now,
                                            GError **error);
void       afs_store_list_my_orders_async  (AfsStore *self, const char *staff_id, gint64 now,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
GPtrArray *afs_store_list_my_orders_finish (AfsStore *self, GAsyncResult *result, GError **error);

/* ---- The visit's timestamps (DOMAIN.md 8: "record arrival and departure
 * times"), one call each, timestamped by the store clock ------------------ */

typedef struct {
  char   *id;
  char   *case_id;
  char   *staff_id;
  char   *staff_name;
  gint64  travel_started_at;   /* 0 = not recorded */
  gint64  arrived_at;
  gint64  left_at;
} AfsVisitData;

void       afs_visit_data_free (AfsVisitData *visit);

/* The actor (a technician assigned to the case) sets out: opens a visit
 * row with travel_started_at. Refused when the case is not dispatched
 * to them, or a visit is already under way. */
gboolean   afs_store_start_travel  (AfsStore *self, const char *case_id, GError **error);
/* Arrival: the ARRIVE action (dispatched -> on_site), which fills in the
 * arrival time of the visit opened by start_travel (or opens one). */
gboolean   afs_store_arrive        (AfsStore *self, const char *case_id, GError **error);
/* Leaving the site: sets left_at of the actor's open visit; the case's
 * state is not changed (RESOLVE and PLAN_SECOND_VISIT also end visits). */
gboolean   afs_store_leave_site    (AfsStore *self, const char *case_id, GError **error);
/* Visits of a case, oldest first. Elements: AfsVisitData*. */
GPtrArray *afs_store_list_visits   (AfsStore *self, const char *case_id, GError **error);

/* ---- Photos (DOMAIN.md 4) ------------------------------------------------ */

typedef enum {
  AFS_PHOTO_KIND_WHOLE_ITEM,         /* "whole_item" */
  AFS_PHOTO_KIND_DAMAGE_CLOSE_UP,    /* "damage_close_up": the damaged part up close */
  AFS_PHOTO_KIND_DETAIL,             /* "detail" */
  AFS_PHOTO_KIND_PACKAGING_DAMAGE,   /* "packaging_damage": the packaging at the damaged spot */
  AFS_PHOTO_KIND_BATCH_LABEL,        /* "batch_label": the batch label on the packaging */
  AFS_PHOTO_KIND_BEFORE_REPAIR,      /* "before_repair" */
  AFS_PHOTO_KIND_AFTER_REPAIR,       /* "after_repair" */
  AFS_PHOTO_KIND_OTHER,              /* "other": not on the checklist */
  AFS_PHOTO_KIND_N
} AfsPhotoKind;

/* The stable key stored in photos.kind; NULL for an invalid kind. */
const char  *afs_photo_kind_to_key    (AfsPhotoKind kind);
/* AFS_PHOTO_KIND_N for an unknown key. */
AfsPhotoKind afs_photo_kind_from_key  (const char *key);
/* Translated, for the checklist: "Whole item", … */
const char  *afs_photo_kind_get_label (AfsPhotoKind kind);
/* Whether the checklist asks for it (every kind but OTHER). */
gboolean     afs_photo_kind_is_required (AfsPhotoKind kind);

typedef struct {
  const char   *case_id;     /* required */
  const char   *sha256;      /* required: the file in the photo folder */
  AfsPhotoKind  kind;
  const char   *caption;
  gint64        taken_at;    /* EXIF time; 0 = unknown */
  int           width;       /* > 0 */
  int           height;      /* > 0 */
  gint64        size;        /* bytes; 0 = unknown */
  const char   *mime_type;   /* "image/jpeg" (NULL) or "image/png" */
} AfsPhotoInput;

typedef struct {
  char         *id;
  char         *case_id;
  char         *sha256;
  AfsPhotoKind  kind;
  char         *caption;
  gint64        taken_at;
  int           width;
  int           height;
  gint64        size;
  char         *mime_type;
  gint64        created_at;
  gint64        version;
} AfsPhotoData;

void       afs_photo_data_free (AfsPhotoData *photo);

/* Adds a photo row. The same file added twice to one case is refused
 * (AFS_ERROR_CONFLICT: "This photo is already in the case."). */
gboolean   afs_store_add_photo        (AfsStore *self, const AfsPhotoInput *input,
                                       char **out_id, GError **error);
/* Photos of a case, oldest first. Elements: AfsPhotoData*. */
GPtrArray *afs_store_list_photos      (AfsStore *self, const char *case_id, GError **error);
/* The kinds the checklist still misses for the case, in checklist order.
 * Returns: (transfer full) (element-type AfsPhotoKind): a GArray of int. */
GArray    *afs_store_list_missing_photo_kinds (AfsStore *self, const char *case_id,
                                               GError **error);
/* Caption and kind of a photo. Refused (AFS_ERROR_FORBIDDEN) for a photo
 * in a signed report. */
gboolean   afs_store_set_photo_caption (AfsStore *self, const char *photo_id,
                                        const char *caption, GError **error);
gboolean   afs_store_set_photo_kind    (AfsStore *self, const char *photo_id,
                                        AfsPhotoKind kind, GError **error);

/* ---- Parts catalogue ------------------------------------------------------ */

typedef struct {
  char   *id;
  char   *part_number;
  char   *name;
  double  unit_price;
} AfsCataloguePart;

void       afs_catalogue_part_free (AfsCataloguePart *part);

/* Adds a part to the catalogue (@part->id NULL: a new id in *out_id). */
gboolean   afs_store_add_catalogue_part (AfsStore *self, const AfsCataloguePart *part,
                                         char **out_id, GError **error);
/* Parts whose number or name contains @text (NULL/"": all), by name, at
 * most @limit (0: no limit). Elements: AfsCataloguePart*. */
GPtrArray *afs_store_search_catalogue   (AfsStore *self, const char *text, guint limit,
                                         GError **error);

/* ---- The repair report (DOMAIN.md 8-9) ------------------------------------ */

typedef enum {
  AFS_REMEDY_NONE,              /* NULL */
  AFS_REMEDY_REPAIR,            /* "repair" */
  AFS_REMEDY_RETURN,            /* "return" */
  AFS_REMEDY_EXCHANGE,          /* "exchange" */
  AFS_REMEDY_COMPENSATION,      /* "compensation" */
  AFS_REMEDY_N
} AfsRemedy;

const char *afs_remedy_to_key    (AfsRemedy remedy);   /* NULL for NONE */
AfsRemedy   afs_remedy_from_key  (const char *key);    /* NONE for NULL/"", N for unknown */
const char *afs_remedy_get_label (AfsRemedy remedy);

typedef struct {
  char     *id;              /* UUIDv7, made by afs_report_part_new() */
  char     *catalogue_id;    /* NULL: typed by hand */
  char     *part_number;
  char     *name;            /* required */
  double    quantity;        /* > 0 */
  gboolean  under_warranty;  /* else chargeable */
  double    unit_price;      /* >= 0 */
} AfsReportPart;

AfsReportPart *afs_report_part_new  (void);
AfsReportPart *afs_report_part_copy (const AfsReportPart *part);
void           afs_report_part_free (AfsReportPart *part);

/* Satisfaction, scored item by item (DOMAIN.md 11). */
typedef enum {
  AFS_RATING_TIMELINESS,
  AFS_RATING_QUALITY,
  AFS_RATING_ATTITUDE,
  AFS_RATING_CLEANLINESS,
  AFS_RATING_N
} AfsRatingItem;

const char *afs_rating_item_to_key    (AfsRatingItem item);  /* "timeliness", … */
const char *afs_rating_item_get_label (AfsRatingItem item);

/* The full repair report. Strings may be NULL. */
typedef struct {
  char      *id;
  char      *case_id;
  gint64     report_version;       /* 1, 2 after a second visit or a change after signing */
  gboolean   fault_confirmed;      /* the fault was confirmed with the customer */
  char      *fault_description;    /* the fault as confirmed */
  char      *diagnosis;
  char      *cause;
  char      *actions;              /* work done */
  GPtrArray *parts;                /* AfsReportPart*; never NULL after a get */
  int        labour_minutes;       /* >= 0 */
  char      *test_result;
  char      *outcome;              /* "fixed", "temporary", "not_fixable" or NULL */
  AfsRemedy  remedy;
  char      *remedy_item;          /* required for return/exchange/compensation */
  char      *remedy_spec;
  double     remedy_quantity;      /* > 0 for return/exchange/compensation */
  char      *remedy_reason;        /* required for return/exchange/compensation */
  char      *advice;               /* advice given on use and maintenance */
  /* Sign-off, read-only here (afs_store_sign_report() writes them). */
  char      *customer_opinion;
  char      *signer_name;
  char      *signer_role;
  gint64     signed_at;            /* 0 = not signed */
  gboolean   accepted;
  int        ratings[AFS_RATING_N];/* 1..5; 0 = not scored */
  char      *content_hash;         /* SHA-256 of what was signed */
  gint64     version;              /* row version, for conflicts */
} AfsRepairReport;

void             afs_repair_report_init  (AfsRepairReport *report);   /* zero + empty parts */
void             afs_repair_report_clear (AfsRepairReport *report);
AfsRepairReport *afs_repair_report_new   (void);
AfsRepairReport *afs_repair_report_copy  (const AfsRepairReport *report);
void             afs_repair_report_free  (AfsRepairReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsRepairReport, afs_repair_report_free)

/* Checks what a report holds (the same checks as saving): outcome and
 * remedy keys, quantities > 0, prices >= 0, part names, remedy details.
 * For the UI to show an error before the technician leaves a field. */
gboolean   afs_repair_report_validate (const AfsRepairReport *report, GError **error);

/* Saves the case's current report (report->case_id required; report->id
 * NULL: the current one, created if none): content and parts (parts
 * whose id is not stored yet are added, stored parts left out are
 * removed). @report gets the ids it lacked (its own, its parts'), so the
 * next save updates the same rows. Refused with AFS_ERROR_FORBIDDEN once
 * signed: use afs_store_new_report_version(). The actor must be assigned
 * to the case when a technician. */
gboolean   afs_store_save_repair_report (AfsStore *self, AfsRepairReport *report,
                                         char **out_id, GError **error);
/* The case's current (highest version) report, with parts and ratings.
 * AFS_ERROR_NOT_FOUND when there is none. */
gboolean   afs_store_get_repair_report  (AfsStore *self, const char *case_id,
                                         AfsRepairReport *out, GError **error);
/* A given version. */
gboolean   afs_store_get_repair_report_version (AfsStore *self, const char *case_id,
                                                gint64 report_version,
                                                AfsRepairReport *out, GError **error);

/* ---- The draft: saved every second while typing ---------------------------
 *
 * A local table, never synced, one row per case: each save is one small
 * transaction written with synchronous=FULL, so neither a crash nor a
 * power cut loses more than the last second of typing, and the outbox
 * gets no row per keystroke. Committing the draft (when the technician
 * leaves a field, closes the report, or signs) saves it into the report
 * row (with its outbox row) and drops it, in one transaction. */

/* Saves @report as the case's draft (not validated: half-typed text is
 * fine; not allowed on a signed report). Parts without an id get one. */
gboolean   afs_store_save_report_draft   (AfsStore *self, AfsRepairReport *report,
                                          GError **error);
/* The case's draft: *found FALSE (and @out zeroed) when none. */
gboolean   afs_store_get_report_draft    (AfsStore *self, const char *case_id,
                                          AfsRepairReport *out, gboolean *found,
                                          GError **error);
/* What the report screen should show: the draft if there is one, else
 * the current report, else a new empty report of the case. */
gboolean   afs_store_load_report_for_editing (AfsStore *self, const char *case_id,
                                              AfsRepairReport *out, GError **error);
/* Draft -> report row (validated; refused drafts stay), then drops the
 * draft. No draft: nothing to do, TRUE. */
gboolean   afs_store_commit_report_draft (AfsStore *self, const char *case_id, GError **error);
/* Drops the draft (the technician chose "discard changes"). */
gboolean   afs_store_discard_report_draft (AfsStore *self, const char *case_id, GError **error);

/* ---- Sign-off (DOMAIN.md 9) ------------------------------------------------ */

typedef struct {
  const char       *name;      /* required */
  const char       *role;      /* e.g. "owner", "site manager"; may be NULL */
  const AfsStrokes *strokes;   /* required: afs_strokes_check_signed() must pass */
} AfsSignerInput;

typedef struct {
  const char     *case_id;
  AfsSignerInput  customer;
  AfsSignerInput  technician;
  int             ratings[AFS_RATING_N];  /* 1..5, 0 = not scored */
  const char     *opinion;                /* the customer's opinion */
  gboolean        accepted;
  /* Not accepted: why (required), the reason of PLAN_SECOND_VISIT. */
  const char     *not_accepted_reason;
} AfsSignOffInput;

/**
 * afs_store_sign_report:
 * @out_hash: (out) (optional): the content hash (64 hex digits)
 *
 * In one transaction: commits the draft, checks the report (an outcome
 * is required), both signatures (strokes and a name), the ratings
 * (1..5) and the photos on disk are not checked here; computes the
 * SHA-256 of a canonical text of the report (every field, the parts,
 * the photos' SHA-256s and kinds, the ratings, both signatures' strokes,
 * names and roles, the time); stores it in the report and in both
 * signature rows; the report becomes read-only. Not accepted: the case
 * takes PLAN_SECOND_VISIT (it stays open). Accepted: the case stays
 * on_site until the RESOLVE action (the office or the technician).
 */
gboolean   afs_store_sign_report (AfsStore *self, const AfsSignOffInput *input,
                                  char **out_hash, GError **error);

/* A signed report needs a change: copies it (content and parts, not the
 * signatures) into a new unsigned report, version + 1, which needs new
 * signatures. The signed version is kept unchanged. */
gboolean   afs_store_new_report_version (AfsStore *self, const char *case_id,
                                         char **out_id, GError **error);

typedef struct {
  char   *id;
  char   *report_id;
  char   *party;         /* "customer" or "technician" */
  char   *signer_name;
  char   *signer_role;
  char   *strokes;       /* afs_strokes_to_text() form */
  char   *content_hash;
  gint64  signed_at;
} AfsSignatureData;

void       afs_signature_data_free (AfsSignatureData *signature);
/* The signatures of a report, customer first. Elements: AfsSignatureData*. */
GPtrArray *afs_store_list_signatures (AfsStore *self, const char *report_id, GError **error);

/* ---- Verification ------------------------------------------------------------ */

typedef enum {
  AFS_REPORT_NOT_SIGNED,   /* nothing to verify yet */
  AFS_REPORT_INTACT,       /* the report, its photos and signatures are as signed */
  AFS_REPORT_CHANGED,      /* something differs: see problems */
} AfsReportIntegrity;

typedef struct {
  AfsReportIntegrity  integrity;
  char               *stored_hash;     /* what was signed */
  char               *computed_hash;   /* what the content hashes to now */
  char               *short_code;      /* afs_verification_code_from_sha256 (stored_hash):
                                        * "XXXXX-XXXXX", as on the PDF */
  GPtrArray          *problems;        /* char*, translated: "The field “diagnosis” was changed
                                        * after signing.", "The photo file … is missing." */
} AfsReportVerification;

void       afs_report_verification_clear (AfsReportVerification *v);

/**
 * afs_store_verify_report:
 * @case_id: the case (its current report)
 * @photo_root: (nullable): the photo folder's root: each signed photo's
 *   file is hashed again and compared (NULL: files are not checked)
 *
 * Says whether the signed report is intact: the report's fields, parts,
 * ratings and photo rows against the canonical text kept at signing
 * (naming each field that differs), that text against its hash, the
 * signatures' hashes, and the photo files against their SHA-256.
 */
gboolean   afs_store_verify_report (AfsStore *self, const char *case_id, const char *photo_root,
                                    AfsReportVerification *out, GError **error);
/* The same on the store's worker thread (it hashes every signed photo
 * file again: keep it off the main loop). The result is freed with
 * afs_report_verification_free(). */
void       afs_store_verify_report_async  (AfsStore *self, const char *case_id,
                                           const char *photo_root, GCancellable *cancellable,
                                           GAsyncReadyCallback callback, gpointer user_data);
AfsReportVerification *
           afs_store_verify_report_finish (AfsStore *self, GAsyncResult *result, GError **error);
void       afs_report_verification_free   (AfsReportVerification *v);

G_END_DECLS
