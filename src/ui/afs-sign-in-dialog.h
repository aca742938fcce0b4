/* afs-sign-in-dialog.h: sign in to the office server.
 *
 * Server address, user name and password, each checked as it is typed
 * (the Sign In button is only offered when the three make sense). What
 * the server answers comes back in words with what to do: unreachable,
 * wrong password, this app or the server too old. On success the dialog
 * closes; the sync status in the header bar takes over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-context.h"

G_BEGIN_DECLS

#define AFS_TYPE_SIGN_IN_DIALOG (afs_sign_in_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AfsSignInDialog, afs_sign_in_dialog, AFS, SIGN_IN_DIALOG, AdwWindow)

GtkWidget  *afs_sign_in_dialog_new           (AfsContext *context,
                                              GtkWindow  *parent);

/* Why the address cannot be used, for a person; NULL when it can.
 * Shared with tests: "office.example" gets https:// in front. */
char       *afs_sign_in_check_url            (const char  *text,
                                              char       **out_normalized);

/* For tests: fill the fields as a person would. */
void        afs_sign_in_dialog_set_fields    (AfsSignInDialog *self,
                                              const char      *url,
                                              const char      *user,
                                              const char      *password);
gboolean    afs_sign_in_dialog_get_can_sign_in (AfsSignInDialog *self);
void        afs_sign_in_dialog_sign_in       (AfsSignInDialog *self);
gboolean    afs_sign_in_dialog_get_busy      (AfsSignInDialog *self);
/* The shown error's heading and text, NULL when none is shown. */
const char *afs_sign_in_dialog_get_error_title (AfsSignInDialog *self);
const char *afs_sign_in_dialog_get_error     (AfsSignInDialog *self);
/* The hint under the address ("Start with https://…"), NULL when none. */
const char *afs_sign_in_dialog_get_url_hint  (AfsSignInDialog *self);

G_END_DECLS
