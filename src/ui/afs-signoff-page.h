/* afs-signoff-page.h: the customer's sign-off, and the signed report's
 * integrity.
 *
 * DOMAIN.md 9: "the customer signs (or stamps) it and gives an opinion";
 * 001 §2.2.17: not accepted → plan a second visit. Satisfaction is scored
 * item by item (DOMAIN.md 11). Both the customer and the technician sign
 * on an AfsSignaturePad; a signature with no strokes or no name is refused
 * next to its field. Signing (afs_store_sign_report()) hashes the report
 * with its photos and signatures; then the report is read-only and this
 * page shows whether it is intact (afs_store_verify_report()) and its
 * short verification code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"
#include "afs-signature-pad.h"
#include "afs-store-visit.h"

G_BEGIN_DECLS

#define AFS_TYPE_SIGNOFF_PAGE (afs_signoff_page_get_type ())
G_DECLARE_FINAL_TYPE (AfsSignoffPage, afs_signoff_page, AFS, SIGNOFF_PAGE, GtkWidget)

GtkWidget          *afs_signoff_page_new           (void);
void                afs_signoff_page_set_visit     (AfsSignoffPage *self,
                                                    AfsContext     *context,
                                                    const char     *case_id);
void                afs_signoff_page_reload        (AfsSignoffPage *self);

/* Check the fields and sign, as "Sign and Finish" does. @report is what
 * the report editor holds now: it is saved first, in the same worker, so
 * the signature covers exactly what is on screen. Accepted: the case is
 * then resolved; not accepted: a second visit is planned. Returns FALSE
 * (and marks the fields) when something is missing. */
gboolean            afs_signoff_page_sign          (AfsSignoffPage        *self,
                                                    const AfsRepairReport *report);

AfsSignaturePad    *afs_signoff_page_get_customer_pad   (AfsSignoffPage *self);
AfsSignaturePad    *afs_signoff_page_get_technician_pad (AfsSignoffPage *self);
/* Score @item 1..5 (0 clears), as the buttons do. */
void                afs_signoff_page_set_rating    (AfsSignoffPage *self,
                                                    AfsRatingItem   item,
                                                    int             score);

gboolean            afs_signoff_page_get_loaded    (AfsSignoffPage *self);
gboolean            afs_signoff_page_get_busy      (AfsSignoffPage *self);
gboolean            afs_signoff_page_get_signed    (AfsSignoffPage *self);
AfsReportIntegrity  afs_signoff_page_get_integrity (AfsSignoffPage *self);
/* The short verification code ("73R3H-D8QKM"), or NULL before signing. */
const char         *afs_signoff_page_get_short_code (AfsSignoffPage *self);

/* Signals:
 *   "signed" (gboolean accepted): the report was signed (the case changed). */

G_END_DECLS
