/* afs-signoff-page.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-error.h"
#include "afs-form.h"
#include "afs-format.h"
#include "afs-signoff-page.h"
#include "afs-visit-util.h"

struct _AfsSignoffPage
{
  GtkWidget        parent_instance;

  AfsContext      *context;
  char            *case_id;
  GCancellable    *cancellable;
  gboolean         loaded;
  gboolean         busy;
  gboolean         is_signed;
  AfsReportIntegrity integrity;
  char            *short_code;
  int              ratings[AFS_RATING_N];
  GtkToggleButton *rating_buttons[AFS_RATING_N][5];
  gboolean         setting_ratings;

  AfsSignaturePad *customer_pad;
  AfsSignaturePad *technician_pad;

  GtkScrolledWindow *scroller;
  AdwPreferencesGroup *signed_group;
  AdwActionRow    *integrity_row;
  GtkImage        *integrity_icon;
  AdwActionRow    *code_row;
  AdwActionRow    *signed_at_row;
  AdwActionRow    *decision_row;
  AdwPreferencesGroup *satisfaction_group;
  GtkTextView     *opinion_view;
  AdwPreferencesGroup *decision_group;
  GtkCheckButton  *accept_check;
  GtkCheckButton  *reject_check;
  AdwEntryRow     *reason_row;
  GtkLabel        *reason_error;
  AdwPreferencesGroup *customer_group;
  AdwEntryRow     *customer_name_row;
  AdwEntryRow     *customer_role_row;
  GtkLabel        *customer_name_error;
  GtkFrame        *customer_pad_frame;
  GtkLabel        *customer_pad_error;
  GtkButton       *customer_clear_button;
  AdwPreferencesGroup *technician_group;
  AdwEntryRow     *technician_name_row;
  GtkLabel        *technician_name_error;
  GtkFrame        *technician_pad_frame;
  GtkLabel        *technician_pad_error;
  GtkButton       *technician_clear_button;
  GtkButton       *sign_button;
};

G_DEFINE_FINAL_TYPE (AfsSignoffPage, afs_signoff_page, GTK_TYPE_WIDGET)

enum {
  SIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Field errors ---------------------------------------------------------- */

static void
set_error (GtkLabel   *label,
           const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
clear_errors (AfsSignoffPage *self)
{
  set_error (self->reason_error, NULL);
  set_error (self->customer_name_error, NULL);
  set_error (self->customer_pad_error, NULL);
  set_error (self->technician_name_error, NULL);
  set_error (self->technician_pad_error, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->customer_name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->technician_name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->reason_row), "error");
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Returns FALSE and shows why next to the fields. */
static gboolean
check_fields (AfsSignoffPage *self)
{
  g_autofree char *customer = entry_text (self->customer_name_row);
  g_autofree char *technician = entry_text (self->technician_name_row);
  g_autofree char *reason = entry_text (self->reason_row);
  g_autoptr(GError) error = NULL;
  GtkWidget *first_bad = NULL;

  clear_errors (self);

  if (gtk_check_button_get_active (self->reject_check) && reason[0] == '\0')
    {
      set_error (self->reason_error, _("Say why the customer does not accept the result: the second visit starts from it."));
      gtk_widget_add_css_class (GTK_WIDGET (self->reason_row), "error");
      first_bad = first_bad ? first_bad : GTK_WIDGET (self->reason_row);
    }
  if (customer[0] == '\0')
    {
      set_error (self->customer_name_error, _("Enter the name of the person who signs for the customer."));
      gtk_widget_add_css_class (GTK_WIDGET (self->customer_name_row), "error");
      first_bad = first_bad ? first_bad : GTK_WIDGET (self->customer_name_row);
    }
  if (!afs_strokes_check_signed (afs_signature_pad_get_strokes (self->customer_pad), &error))
    {
      set_error (self->customer_pad_error, error->message);
      first_bad = first_bad ? first_bad : GTK_WIDGET (self->customer_pad);
    }
  g_clear_error (&error);
  if (technician[0] == '\0')
    {
      set_error (self->technician_name_error, _("Enter the technician’s name."));
      gtk_widget_add_css_class (GTK_WIDGET (self->technician_name_row), "error");
      first_bad = first_bad ? first_bad : GTK_WIDGET (self->technician_name_row);
    }
  if (!afs_strokes_check_signed (afs_signature_pad_get_strokes (self->technician_pad), NULL))
    {
      set_error (self->technician_pad_error, _("The technician’s signature is missing or too short: sign in the box."));
      first_bad = first_bad ? first_bad : GTK_WIDGET (self->technician_pad);
    }

  if (first_bad != NULL)
    {
      gtk_widget_grab_focus (first_bad);
      return FALSE;
    }
  return TRUE;
}

/* ---- Ratings ------------------------------------------------------------------ */

static void
show_ratings (AfsSignoffPage *self)
{
  self->setting_ratings = TRUE;
  for (int item = 0; item < AFS_RATING_N; item++)
    for (int score = 1; score <= 5; score++)
      gtk_toggle_button_set_active (self->rating_buttons[item][score - 1], self->ratings[item] == score);
  self->setting_ratings = FALSE;
}

void
afs_signoff_page_set_rating (AfsSignoffPage *self,
                             AfsRatingItem   item,
                             int             score)
{
  g_return_if_fail (AFS_IS_SIGNOFF_PAGE (self));
  g_return_if_fail (item < AFS_RATING_N && score >= 0 && score <= 5);

  self->ratings[item] = score;
  show_ratings (self);
}

static void
on_rating_toggled (GtkToggleButton *button,
                   AfsSignoffPage  *self)
{
  int item = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "afs-item"));
  int score = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "afs-score"));

  if (self->setting_ratings)
    return;
  /* Pressing the chosen score again clears it: "not asked". */
  self->ratings[item] = gtk_toggle_button_get_active (button) ? score : 0;
  show_ratings (self);
}

static void
build_rating_rows (AfsSignoffPage *self)
{
  for (int item = 0; item < AFS_RATING_N; item++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), afs_rating_item_get_label (item));
      gtk_widget_add_css_class (box, "linked");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      for (int score = 1; score <= 5; score++)
        {
          g_autofree char *label = g_strdup_printf ("%d", score);
          /* Translators: accessible name of a score button: "Quality: 4 of 5". */
          g_autofree char *name = g_strdup_printf (_("%s: %d of 5"), afs_rating_item_get_label (item), score);
          GtkWidget *button = gtk_toggle_button_new_with_label (label);

          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          g_object_set_data (G_OBJECT (button), "afs-item", GINT_TO_POINTER (item));
          g_object_set_data (G_OBJECT (button), "afs-score", GINT_TO_POINTER (score));
          g_signal_connect (button, "toggled", G_CALLBACK (on_rating_toggled), self);
          gtk_box_append (GTK_BOX (box), button);
          self->rating_buttons[item][score - 1] = GTK_TOGGLE_BUTTON (button);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      adw_preferences_group_add (self->satisfaction_group, row);
    }
}

/* ---- Showing the state ---------------------------------------------------------------- */

typedef struct {
  AfsStore              *store;
  char                  *case_id;
  char                  *photo_root;
  AfsRepairReport       *report;       /* NULL: none yet */
  GPtrArray             *signatures;
  AfsReportVerification  verification;
  /* Signing */
  AfsRepairReport       *to_save;
  char                  *customer_name, *customer_role, *technician_name, *opinion, *reason;
  AfsStrokes            *customer_strokes, *technician_strokes;
  int                    ratings[AFS_RATING_N];
  gboolean               accepted;
  char                  *resolve_error;
} PageData;

static void
page_data_free (PageData *data)
{
  g_clear_object (&data->store);
  g_free (data->case_id);
  g_free (data->photo_root);
  g_clear_pointer (&data->report, afs_repair_report_free);
  g_clear_pointer (&data->signatures, g_ptr_array_unref);
  afs_report_verification_clear (&data->verification);
  g_clear_pointer (&data->to_save, afs_repair_report_free);
  g_free (data->customer_name);
  g_free (data->customer_role);
  g_free (data->technician_name);
  g_free (data->opinion);
  g_free (data->reason);
  g_clear_pointer (&data->customer_strokes, afs_strokes_free);
  g_clear_pointer (&data->technician_strokes, afs_strokes_free);
  g_free (data->resolve_error);
  g_free (data);
}

static gboolean
load_into (PageData  *data,
           GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  data->report = afs_repair_report_new ();
  if (!afs_store_get_repair_report (data->store, data->case_id, data->report, &local_error))
    {
      g_clear_pointer (&data->report, afs_repair_report_free);
      if (g_error_matches (local_error, AFS_ERROR, AFS_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (data->report->signed_at == 0)
    return TRUE;

  data->signatures = afs_store_list_signatures (data->store, data->report->id, NULL);
  return afs_store_verify_report (data->store, data->case_id, data->photo_root,
                                  &data->verification, error);
}

static void
set_form_sensitive (AfsSignoffPage *self,
                    gboolean        sensitive)
{
  GtkWidget *widgets[] = {
    GTK_WIDGET (self->satisfaction_group), GTK_WIDGET (self->decision_group),
    GTK_WIDGET (self->customer_group), GTK_WIDGET (self->technician_group),
    GTK_WIDGET (self->customer_clear_button), GTK_WIDGET (self->technician_clear_button),
  };

  if (!sensitive)
    afs_visit_drop_focus_within (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    gtk_widget_set_sensitive (widgets[i], sensitive);
  gtk_text_view_set_editable (self->opinion_view, sensitive);
  afs_signature_pad_set_read_only (self->customer_pad, !sensitive);
  afs_signature_pad_set_read_only (self->technician_pad, !sensitive);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_button), sensitive);
}

static void
show_page (AfsSignoffPage *self,
           PageData       *data)
{
  const AfsRepairReport *report = data->report;
  gboolean was_signed = self->is_signed;

  self->is_signed = report != NULL && report->signed_at != 0;
  /* A new version of a signed report needs new signatures (issue 4). */
  if (was_signed && !self->is_signed)
    {
      afs_signature_pad_clear (self->customer_pad);
      afs_signature_pad_clear (self->technician_pad);
    }
  g_clear_pointer (&self->short_code, g_free);
  self->integrity = AFS_REPORT_NOT_SIGNED;
  gtk_widget_set_visible (GTK_WIDGET (self->signed_group), self->is_signed);
  clear_errors (self);

  if (!self->is_signed)
    {
      set_form_sensitive (self, TRUE);
      if (report != NULL)
        {
          memcpy (self->ratings, report->ratings, sizeof self->ratings);
          show_ratings (self);
        }
      return;
    }

  /* Signed: show what was signed, read-only, and whether it still holds. */
  self->integrity = data->verification.integrity;
  self->short_code = g_strdup (data->verification.short_code);
  memcpy (self->ratings, report->ratings, sizeof self->ratings);
  show_ratings (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->opinion_view),
                            report->customer_opinion != NULL ? report->customer_opinion : "", -1);
  gtk_check_button_set_active (report->accepted ? self->accept_check : self->reject_check, TRUE);

  for (guint i = 0; data->signatures != NULL && i < data->signatures->len; i++)
    {
      AfsSignatureData *sig = g_ptr_array_index (data->signatures, i);
      gboolean customer = g_strcmp0 (sig->party, "customer") == 0;

      afs_signature_pad_set_strokes_text (customer ? self->customer_pad : self->technician_pad,
                                          sig->strokes, NULL);
      gtk_editable_set_text (GTK_EDITABLE (customer ? self->customer_name_row : self->technician_name_row),
                             sig->signer_name != NULL ? sig->signer_name : "");
      if (customer)
        gtk_editable_set_text (GTK_EDITABLE (self->customer_role_row),
                               sig->signer_role != NULL ? sig->signer_role : "");
    }
  set_form_sensitive (self, FALSE);

  gtk_widget_remove_css_class (GTK_WIDGET (self->integrity_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->integrity_icon), "error");
  if (self->integrity == AFS_REPORT_INTACT)
    {
      gtk_image_set_from_icon_name (self->integrity_icon, "security-high-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->integrity_icon), "success");
      adw_action_row_set_subtitle (self->integrity_row,
                                   _("Intact: the report, its photos and signatures are exactly as signed."));
    }
  else
    {
      g_autoptr(GString) text = g_string_new (_("Changed after signing:"));

      for (guint i = 0; data->verification.problems != NULL && i < data->verification.problems->len; i++)
        g_string_append_printf (text, "\n%s", (char *) g_ptr_array_index (data->verification.problems, i));
      gtk_image_set_from_icon_name (self->integrity_icon, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->integrity_icon), "error");
      adw_action_row_set_subtitle (self->integrity_row, text->str);
    }
  adw_action_row_set_subtitle (self->code_row, self->short_code != NULL ? self->short_code : "—");
  {
    g_autofree char *when = afs_format_datetime (report->signed_at);

    adw_action_row_set_subtitle (self->signed_at_row, when);
  }
  adw_action_row_set_subtitle (self->decision_row, report->accepted
                               ? _("Accepted: the case is resolved.")
                               : _("Not accepted: a second visit is planned."));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (load_into (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsSignoffPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->loaded = TRUE;
          afs_form_toast (GTK_WIDGET (self), error->message);
        }
      return;
    }
  show_page (self, g_task_get_task_data (G_TASK (result)));
  self->loaded = TRUE;
}

static PageData *
page_data_new (AfsSignoffPage *self)
{
  PageData *data = g_new0 (PageData, 1);

  data->store = g_object_ref (afs_context_get_store (self->context));
  data->case_id = g_strdup (self->case_id);
  data->photo_root = g_strdup (afs_photo_folder_get_root (afs_visit_get_photo_folder (self->context)));
  return data;
}

void
afs_signoff_page_reload (AfsSignoffPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AFS_IS_SIGNOFF_PAGE (self));

  if (self->context == NULL || self->case_id == NULL)
    return;

  afs_form_renew_cancellable (&self->cancellable);
  self->loaded = FALSE;

  task = g_task_new (NULL, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_task_data (task, page_data_new (self), (GDestroyNotify) page_data_free);
  g_task_run_in_thread (task, load_thread);
}

void
afs_signoff_page_set_visit (AfsSignoffPage *self,
                            AfsContext     *context,
                            const char     *case_id)
{
  GSettings *settings;

  g_return_if_fail (AFS_IS_SIGNOFF_PAGE (self));
  g_return_if_fail (AFS_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_free (self->case_id);
  self->case_id = g_strdup (case_id);

  /* The technician is usually the person using this laptop. */
  settings = afs_context_get_settings (context);
  if (settings != NULL && gtk_editable_get_text (GTK_EDITABLE (self->technician_name_row))[0] == '\0')
    {
      g_autofree char *name = g_settings_get_string (settings, "profile-name");

      gtk_editable_set_text (GTK_EDITABLE (self->technician_name_row), name);
    }
  afs_signoff_page_reload (self);
}

/* ---- Signing -------------------------------------------------------------------------- */

static void
sign_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PageData *data = task_data;
  AfsSignOffInput input = { 0 };
  g_autoptr(GError) resolve_error = NULL;
  GError *error = NULL;

  /* What is on screen is what gets signed. */
  if (data->to_save != NULL && !afs_store_save_report_draft (data->store, data->to_save, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  input.case_id = data->case_id;
  input.customer.name = data->customer_name;
  input.customer.role = data->customer_role;
  input.customer.strokes = data->customer_strokes;
  input.technician.name = data->technician_name;
  input.technician.strokes = data->technician_strokes;
  memcpy (input.ratings, data->ratings, sizeof input.ratings);
  input.opinion = data->opinion;
  input.accepted = data->accepted;
  input.not_accepted_reason = data->reason;

  if (!afs_store_sign_report (data->store, &input, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* DOMAIN.md 9: signed and accepted, the case is resolved. The signature
   * stands even when the rules refuse that (the office can resolve it). */
  if (data->accepted &&
      !afs_store_apply_action (data->store, data->case_id, AFS_ACTION_RESOLVE, NULL, &resolve_error))
    data->resolve_error = g_strdup (resolve_error->message);

  if (!load_into (data, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
sign_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsSignoffPage) self = user_data;
  g_autoptr(GError) error = NULL;
  PageData *data = g_task_get_task_data (G_TASK (result));

  self->busy = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_button), TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      afs_form_toast (GTK_WIDGET (self), error->message);
      g_signal_emit (self, signals[SIGNED], 0, FALSE);   /* the draft was saved: refresh */
      return;
    }

  show_page (self, data);
  if (data->resolve_error != NULL)
    afs_form_toast (GTK_WIDGET (self), data->resolve_error);
  else
    afs_form_toast (GTK_WIDGET (self), data->accepted
                    ? _("Report signed; the case is resolved")
                    : _("Report signed; a second visit is planned"));
  if (self->context != NULL)
    afs_context_cases_changed (self->context);
  g_signal_emit (self, signals[SIGNED], 0, data->accepted);
}

gboolean
afs_signoff_page_sign (AfsSignoffPage        *self,
                       const AfsRepairReport *report)
{
  g_autoptr(GTask) task = NULL;
  PageData *data;

  g_return_val_if_fail (AFS_IS_SIGNOFF_PAGE (self), FALSE);

  if (self->busy || self->is_signed || self->context == NULL)
    return FALSE;
  if (!check_fields (self))
    {
      afs_form_toast (GTK_WIDGET (self), _("The report cannot be signed yet: see the marked fields."));
      return FALSE;
    }

  data = page_data_new (self);
  data->to_save = report != NULL ? afs_repair_report_copy (report) : NULL;
  data->customer_name = entry_text (self->customer_name_row);
  data->customer_role = entry_text (self->customer_role_row);
  data->technician_name = entry_text (self->technician_name_row);
  data->customer_strokes = afs_strokes_copy (afs_signature_pad_get_strokes (self->customer_pad));
  data->technician_strokes = afs_strokes_copy (afs_signature_pad_get_strokes (self->technician_pad));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->opinion_view);
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    data->opinion = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  }
  memcpy (data->ratings, self->ratings, sizeof data->ratings);
  data->accepted = gtk_check_button_get_active (self->accept_check);
  data->reason = data->accepted ? NULL : entry_text (self->reason_row);

  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_button), FALSE);
  task = g_task_new (NULL, NULL, sign_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) page_data_free);
  g_task_run_in_thread (task, sign_thread);
  return TRUE;
}

/* ---- Getters ---------------------------------------------------------------------------- */

AfsSignaturePad *
afs_signoff_page_get_customer_pad (AfsSignoffPage *self)
{
  g_return_val_if_fail (AFS_IS_SIGNOFF_PAGE (self), NULL);
  return self->customer_pad;
}

AfsSignaturePad *
afs_signoff_page_get_technician_pad (AfsSignoffPage *self)
{
  g_return_val_if_fail (AFS_IS_SIGNOFF_PAGE (self), NULL);
  return self->technician_pad;
}

gboolean
afs_signoff_page_get_loaded (AfsSignoffPage *self)
{
  g_return_val_if_fail (AFS_IS_SIGNOFF_PAGE (self), FALSE);
  return self->loaded;
}

gboolean
afs_signoff_page_get_busy (AfsSignoffPage *self)
{
  g_return_val_if_fail (AFS_IS_SIGNOFF_PAGE (self), FALSE);
  return self->busy;
}

gboolean
afs_signoff_page_get_signed (AfsSignoffPage *self)
{
  g_return_val_if_fail (AFS_IS_SIGNOFF_PAGE (self), FALSE);
  return self->is_signed;
}

AfsReportIntegrity
afs_signoff_page_get_integrity (AfsSignoffPage *self)
{
  g_return_val_if_fail (AFS_IS_SIGNOFF_PAGE (self), AFS_REPORT_NOT_SIGNED);
  return self->integrity;
}

const char *
afs_signoff_page_get_short_code (AfsSignoffPage *self)
{
  g_return_val_if_fail (AFS_IS_SIGNOFF_PAGE (self), NULL);
  return self->short_code;
}

/* ---- GObject --------------------------------------------------------------------------------- */

static void
on_customer_clear (AfsSignoffPage *self)
{
  afs_signature_pad_clear (self->customer_pad);
}

static void
on_technician_clear (AfsSignoffPage *self)
{
  afs_signature_pad_clear (self->technician_pad);
}

static void
afs_signoff_page_dispose (GObject *object)
{
  AfsSignoffPage *self = AFS_SIGNOFF_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_SIGNOFF_PAGE);

  G_OBJECT_CLASS (afs_signoff_page_parent_class)->dispose (object);
}

static void
afs_signoff_page_finalize (GObject *object)
{
  AfsSignoffPage *self = AFS_SIGNOFF_PAGE (object);

  g_free (self->case_id);
  g_free (self->short_code);

  G_OBJECT_CLASS (afs_signoff_page_parent_class)->finalize (object);
}

static void
afs_signoff_page_class_init (AfsSignoffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = afs_signoff_page_dispose;
  object_class->finalize = afs_signoff_page_finalize;

  signals[SIGNED] = g_signal_new ("signed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-signoff-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, AfsSignoffPage, name)
  BIND (scroller);
  BIND (signed_group);
  BIND (integrity_row);
  BIND (integrity_icon);
  BIND (code_row);
  BIND (signed_at_row);
  BIND (decision_row);
  BIND (satisfaction_group);
  BIND (opinion_view);
  BIND (decision_group);
  BIND (accept_check);
  BIND (reject_check);
  BIND (reason_row);
  BIND (reason_error);
  BIND (customer_group);
  BIND (customer_name_row);
  BIND (customer_role_row);
  BIND (customer_name_error);
  BIND (customer_pad_frame);
  BIND (customer_pad_error);
  BIND (customer_clear_button);
  BIND (technician_group);
  BIND (technician_name_row);
  BIND (technician_name_error);
  BIND (technician_pad_frame);
  BIND (technician_pad_error);
  BIND (technician_clear_button);
  BIND (sign_button);
#undef BIND
}

/* Typing in a field marked as wrong takes the mark away. */
static void
on_name_changed (GtkEditable    *row,
                 AfsSignoffPage *self)
{
  GtkLabel *label = GTK_WIDGET (row) == GTK_WIDGET (self->customer_name_row) ? self->customer_name_error
                  : GTK_WIDGET (row) == GTK_WIDGET (self->technician_name_row) ? self->technician_name_error
                  : self->reason_error;

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  set_error (label, NULL);
}

static void
afs_signoff_page_init (AfsSignoffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->customer_pad = AFS_SIGNATURE_PAD (afs_signature_pad_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->customer_pad), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The customer signs here"), -1);
  gtk_frame_set_child (self->customer_pad_frame, GTK_WIDGET (self->customer_pad));
  self->technician_pad = AFS_SIGNATURE_PAD (afs_signature_pad_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->technician_pad), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The technician signs here"), -1);
  gtk_frame_set_child (self->technician_pad_frame, GTK_WIDGET (self->technician_pad));

  build_rating_rows (self);
  set_error (self->customer_pad_error, NULL);
  set_error (self->technician_pad_error, NULL);
  g_signal_connect (self->customer_name_row, "changed", G_CALLBACK (on_name_changed), self);
  g_signal_connect (self->technician_name_row, "changed", G_CALLBACK (on_name_changed), self);
  g_signal_connect (self->reason_row, "changed", G_CALLBACK (on_name_changed), self);
  g_signal_connect_swapped (self->customer_clear_button, "clicked", G_CALLBACK (on_customer_clear), self);
  g_signal_connect_swapped (self->technician_clear_button, "clicked", G_CALLBACK (on_technician_clear), self);
}

GtkWidget *
afs_signoff_page_new (void)
{
  return g_object_new (AFS_TYPE_SIGNOFF_PAGE, NULL);
}
