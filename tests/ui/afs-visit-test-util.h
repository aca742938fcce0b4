/* afs-visit-test-util.h: a case dispatched to a technician, and the
 * things a visit test makes (JPEG files, signatures), shared by the
 * on-site GUI tests and the screenshot program. */
#pragma once

#include <adwaita.h>

#include "afs-context.h"
#include "afs-signature-pad.h"

G_BEGIN_DECLS

/* Adds a customer (address, phone), equipment, a technician "Tomasz
 * Technik"; registers a case, grades, triages and dispatches it to him
 * (as the office), then makes @context act as him (Preferences' profile).
 * Returns the case id; *out_tech_id the technician's. */
char *afs_visit_test_dispatch_case (AfsContext  *context,
                                    const char  *description,
                                    char       **out_tech_id);

/* A real JPEG of @width × @height with a pattern made from @seed. */
void  afs_visit_test_write_jpeg    (const char *path,
                                    int         width,
                                    int         height,
                                    guint       seed);

/* Draw a signature-like scribble on @pad, as a pen would. */
void  afs_visit_test_sign          (AfsSignaturePad *pad,
                                    guint            seed);

/* An AfsTestCondition: TRUE once the visit window @visit_window and its
 * report editor, sign-off page and photos have all finished loading. */
gboolean afs_visit_test_window_loaded (gpointer visit_window);

G_END_DECLS
