/* afs-form.h: what every office form shares: checking fields as they are
 * typed, showing what is wrong next to the field (an error style, a
 * caption under it and the same words as the field's accessible
 * description), and asking before unsaved input is thrown away.
 *
 * Phone numbers and dates are checked by the core (afs-customer-match.h,
 * afs-warranty.h), so the messages are the same everywhere.
 *
 * Issue 3, "Bad input": every field validates as you type and says what is
 * wrong; nothing is saved half-way; leaving a form with unsaved input asks
 * first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "afs-enums.h"
#include "afs-store.h"

G_BEGIN_DECLS

/* ---- Checks (NULL: fine; else a translated message for the person) ---- */

/* A whole number >= 1 (quantities). */
char     *afs_form_check_quantity  (const char *text, int *out_value);
/* A non-negative amount of money ("1234.5", "1 234,50"); empty = 0. */
char     *afs_form_check_amount    (const char *text, double *out_value);
/* Non-empty after trimming. @what: "a description". */
char     *afs_form_check_required  (const char *text, const char *message);

/* Today's date in local time as "YYYY-MM-DD", for @now (unix seconds). */
char     *afs_form_today_iso       (gint64 now);

/* What only office staff and managers may do (part shipments, planning
 * and reassigning technicians; the store refuses the others too): NULL
 * when @role may, else the store's own sentence, "Your role (Technician)
 * cannot register part shipments. Ask office staff or a manager." */
char     *afs_form_office_only     (AfsRole role, const char *what);

/* ---- Showing the result ------------------------------------------------ */

/* Show @message (NULL clears) under @field: @field gets the "error" style
 * class and the message as its accessible description; @caption (a label
 * under the field) shows the text, or hides when NULL. */
void      afs_form_show_error      (GtkWidget  *field,
                                    GtkLabel   *caption,
                                    const char *message);

/* Say why @button cannot act (@why; NULL: it can): @label shows the
 * reason (hidden when NULL) and @button carries it as its accessible
 * description, so a screen reader says it on the button too. */
void      afs_form_show_reason     (GtkWidget  *button,
                                    GtkLabel   *label,
                                    const char *why);

/* A caption label for errors, hidden, styled "caption error". */
GtkWidget *afs_form_error_label_new (void);
/* For a row of a boxed list (AdwEntryRow in an AdwPreferencesGroup): put
 * a hidden error caption row right under it and return its label (owned
 * by the list). Call after the row is in its list. */
GtkLabel  *afs_form_attach_error    (GtkWidget *row);

/* ---- Toasts --------------------------------------------------------------- */

/* Show @text (plain text: escaped here, AdwToast reads markup) as a toast
 * in the window of @widget: its own overlay when @widget is one, else the
 * nearest enclosing one, else any in its window (a page shown in another
 * window). Logged with g_message() when there is none (a test). */
void      afs_form_toast           (GtkWidget  *widget,
                                    const char *text);
/* A save that failed: a toast that stays until dismissed, so the person
 * reads why before trying again (the form stays open with its input). */
void      afs_form_toast_failure   (AdwToastOverlay *overlay,
                                    const char      *text);

/* ---- Leaving with unsaved input ---------------------------------------- */

typedef void (*AfsFormDiscardFunc) (gpointer user_data);

/* Ask "Discard the unsaved input?" over @parent with "Keep Editing"
 * (default) and "Discard" (destructive). @on_discard runs only when the
 * person chooses Discard. Returns the dialog (tests answer it with
 * adw_message_dialog_response()). */
AdwMessageDialog *afs_form_confirm_discard (GtkWindow          *parent,
                                            AfsFormDiscardFunc  on_discard,
                                            gpointer            user_data);

/* For a form window's close-request handler: TRUE (keep the window open)
 * while @saving (the store call decides whether the input was kept), or
 * when @unsaved: then afs_form_confirm_discard() asks, and @on_discard
 * (given @window) runs only when the person chooses Discard. FALSE: let
 * the window close. */
gboolean  afs_form_hold_close      (GtkWindow          *window,
                                    gboolean            saving,
                                    gboolean            unsaved,
                                    AfsFormDiscardFunc  on_discard);

/* The "Cancel" action of a form window (gtk_widget_class_install_action):
 * closes it, so close-request asks about unsaved input as Escape does. */
void      afs_form_cancel_action   (GtkWidget          *widget,
                                    const char         *action_name,
                                    GVariant           *parameter);

/* ---- Store calls off the main thread ------------------------------------ */

/* Runs on a worker thread; returns the result (NULL with @error set on
 * failure; a work that has no result returns GINT_TO_POINTER (1)). */
typedef gpointer (*AfsFormWork) (gpointer input, GCancellable *cancellable, GError **error);

/* Run @work (@input freed with @input_free afterwards; the result, when
 * not collected by afs_form_run_finish(), with @result_free). @callback
 * runs on the main thread. */
void      afs_form_run_async       (AfsFormWork          work,
                                    gpointer             input,
                                    GDestroyNotify       input_free,
                                    GDestroyNotify       result_free,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gpointer  afs_form_run_finish      (GAsyncResult  *result,
                                    GError       **error);
/* A newer load supersedes the one still running: cancel *@cancellable
 * (when set), drop it and put a fresh one there for the new call.
 * Returns the fresh one (owned by *@cancellable). */
GCancellable *afs_form_renew_cancellable (GCancellable **cancellable);

/* The input of a search run with afs_form_run_async(): the store and
 * the text typed. */
typedef struct {
  AfsStore *store;
  char     *text;
} AfsFormSearch;

/* Takes a reference on @store and ownership of @text. */
AfsFormSearch *afs_form_search_new  (AfsStore      *store,
                                     char          *text);
void           afs_form_search_free (AfsFormSearch *search);

/* The input given to afs_form_run_async(), from the callback. */
gpointer  afs_form_run_get_input   (GAsyncResult  *result);

/* Remove every row of @list (GTK 4.8 has no gtk_list_box_remove_all()). */
void      afs_form_list_box_remove_all (GtkListBox *list);

/* The text of an editable, trimmed (a new string). */
char     *afs_form_text            (gpointer editable);

/* Calls @load (@page) the first time @page is mapped (shown on screen),
 * or at once when it already is. The views of the main window beside the
 * case list load their data then, not while the window opens: at a
 * hundred thousand cases and four hundred technicians the dispatch board
 * alone took seconds to fill, all before the first frame. */
void afs_form_load_when_shown (GtkWidget *page,
                               void     (*load) (GtkWidget *page));

G_END_DECLS
