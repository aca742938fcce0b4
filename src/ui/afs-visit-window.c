/* afs-visit-window.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-form.h"
#include "afs-report-compose.h"
#include "afs-report-pdf.h"

#include "afs-format.h"
#include "afs-store-visit.h"
#include "afs-visit-util.h"
#include "afs-visit-window.h"

struct _AfsVisitWindow
{
  AdwWindow        parent_instance;

  AfsContext      *context;
  char            *case_id;
  GCancellable    *cancellable;
  gboolean         loaded;
  gboolean         busy;           /* a timestamp is being written */
  AfsCaseState     state;
  gboolean         report_signed;
  gint64           report_version;
  gboolean         versioning;     /* a new report version is being made */
  guint            n_new_versions;
  char            *number;
  AfsReportLayout *print_layout;   /* while printing */
  char            *print_export;   /* export to this file instead of the dialog */
  guint            pages_drawn;
  guint            printed_pages;

  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  AdwStatusPage   *error_page;
  AdwViewStack    *view_stack;
  GtkLabel        *number_label;
  GtkLabel        *customer_label;
  GtkLabel        *state_label;
  AdwActionRow    *address_row;
  AdwActionRow    *contact_row;
  GtkLinkButton   *phone_link;
  AdwActionRow    *equipment_row;
  AdwActionRow    *problem_row;
  AdwActionRow    *travel_row;
  AdwActionRow    *arrive_row;
  AdwActionRow    *leave_row;
  GtkButton       *travel_button;
  GtkButton       *arrive_button;
  GtkButton       *leave_button;
  AfsVisitPhotos  *photos;
  AfsReportEditor *report_editor;
  AfsSignoffPage  *signoff;
  char            *shown_page;     /* the view stack's page, to see the Report page left */
};

G_DEFINE_FINAL_TYPE (AfsVisitWindow, afs_visit_window, ADW_TYPE_WINDOW)

/* ---- Loading ------------------------------------------------------------- */

typedef struct {
  AfsStore        *store;
  char            *case_id;
  AfsCaseData      kase;
  AfsCustomerData  customer;
  gboolean         has_customer;
  GPtrArray       *visits;
  gboolean         report_signed;
  gint64           report_version;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_free (data->case_id);
  afs_case_data_clear (&data->kase);
  afs_customer_data_clear (&data->customer);
  g_clear_pointer (&data->visits, g_ptr_array_unref);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  AfsRepairReport report;

  if (!afs_store_get_case (data->store, data->case_id, &data->kase, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->kase.customer_id != NULL)
    data->has_customer = afs_store_get_customer (data->store, data->kase.customer_id,
                                                 &data->customer, NULL);
  data->visits = afs_store_list_visits (data->store, data->case_id, NULL);

  afs_repair_report_init (&report);
  if (afs_store_get_repair_report (data->store, data->case_id, &report, NULL))
    {
      data->report_signed = report.signed_at != 0;
      data->report_version = report.report_version;
    }
  afs_repair_report_clear (&report);

  g_task_return_boolean (task, TRUE);
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && text[0] != '\0' ? text : "—");
}

static void
update_actions (AfsVisitWindow *self,
                const AfsVisitData *visit)
{
  gboolean open = afs_case_state_is_open (self->state);
  gboolean on_site = self->state == AFS_CASE_STATE_ON_SITE;
  gboolean travelling = visit != NULL && visit->left_at == 0 && visit->travel_started_at != 0;
  gboolean arrived = visit != NULL && visit->left_at == 0 && visit->arrived_at != 0;
  gboolean can_travel = open && !on_site && !travelling && self->state == AFS_CASE_STATE_DISPATCHED;
  gboolean can_arrive = open && !on_site && self->state == AFS_CASE_STATE_DISPATCHED;
  gboolean can_leave = arrived || (on_site && visit != NULL && visit->left_at == 0);
  GtkWidget *buttons[] = { GTK_WIDGET (self->travel_button), GTK_WIDGET (self->arrive_button) };

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.start-travel", can_travel && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.arrive", can_arrive && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.leave", can_leave && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.import-photos", !self->report_signed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.take-photo", !self->report_signed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.sign", !self->report_signed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.new-version",
                                 self->report_signed && !self->versioning);

  /* The next step stands out. */
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_widget_remove_css_class (buttons[i], "suggested-action");
  if (can_travel)
    gtk_widget_add_css_class (GTK_WIDGET (self->travel_button), "suggested-action");
  else if (can_arrive)
    gtk_widget_add_css_class (GTK_WIDGET (self->arrive_button), "suggested-action");
}

static void
show_case (AfsVisitWindow *self,
           LoadData       *data)
{
  const AfsCaseData *k = &data->kase;
  const AfsVisitData *visit = NULL;
  gint64 now = afs_context_now (self->context);
  g_autofree char *address = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *equipment = NULL;
  g_autofree char *title = NULL;
  const char *phone = k->contact_phone;

  self->state = k->state;
  self->report_signed = data->report_signed;
  self->report_version = data->report_version;
  g_free (self->number);
  self->number = g_strdup (k->number);

  /* Translators: the visit window's title: "Visit — AS-2026-000123". */
  title = g_strdup_printf (_("Visit — %s"), k->number);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_title (self->switcher_title, k->number);
  adw_view_switcher_title_set_subtitle (self->switcher_title, k->customer_name);

  gtk_label_set_label (self->number_label, k->number);
  gtk_label_set_label (self->customer_label, k->customer_name != NULL ? k->customer_name : "");
  gtk_label_set_label (self->state_label, afs_case_state_get_label (k->state));

  if (data->has_customer)
    {
      const AfsCustomerData *c = &data->customer;

      if (c->address != NULL && c->city != NULL && c->city[0] != '\0')
        address = g_strdup_printf ("%s, %s", c->address, c->city);
      else
        address = g_strdup (c->address != NULL ? c->address : c->city);
      if (phone == NULL || phone[0] == '\0')
        phone = c->phone;
      contact = g_strdup (k->contact_name != NULL && k->contact_name[0] != '\0' ? k->contact_name : c->contact_name);
    }
  else
    contact = g_strdup (k->contact_name);
  set_subtitle (self->address_row, address);
  set_subtitle (self->contact_row, contact);
  gtk_widget_set_visible (GTK_WIDGET (self->phone_link), phone != NULL && phone[0] != '\0');
  if (phone != NULL && phone[0] != '\0')
    {
      g_autofree char *uri = g_strdup_printf ("tel:%s", phone);

      gtk_link_button_set_uri (self->phone_link, uri);
      gtk_button_set_label (GTK_BUTTON (self->phone_link), phone);
    }

  if (k->equipment_model != NULL && k->serial != NULL)
    equipment = g_strdup_printf ("%s · %s", k->equipment_model, k->serial);
  else
    equipment = g_strdup (k->equipment_model);
  set_subtitle (self->equipment_row, equipment);
  set_subtitle (self->problem_row, k->description);

  /* The latest visit's three times. */
  if (data->visits != NULL && data->visits->len > 0)
    visit = g_ptr_array_index (data->visits, data->visits->len - 1);
  {
    g_autofree char *travel = afs_visit_format_time (visit ? visit->travel_started_at : 0, now);
    g_autofree char *arrived = afs_visit_format_time (visit ? visit->arrived_at : k->arrived_at, now);
    g_autofree char *left = afs_visit_format_time (visit ? visit->left_at : 0, now);

    adw_action_row_set_subtitle (self->travel_row, travel);
    adw_action_row_set_subtitle (self->arrive_row, arrived);
    adw_action_row_set_subtitle (self->leave_row, left);
  }
  update_actions (self, visit);

  afs_report_editor_set_read_only (self->report_editor, self->report_signed);
  afs_visit_photos_set_read_only (self->photos, self->report_signed);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsVisitWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->loaded = TRUE;
      gtk_spinner_stop (self->spinner);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  gtk_spinner_stop (self->spinner);
  show_case (self, g_task_get_task_data (G_TASK (result)));
  gtk_stack_set_visible_child_name (self->stack, "visit");
  self->loaded = TRUE;
}

void
afs_visit_window_reload (AfsVisitWindow *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (AFS_IS_VISIT_WINDOW (self));

  afs_form_renew_cancellable (&self->cancellable);
  self->loaded = FALSE;

  data = g_new0 (LoadData, 1);
  data->store = g_object_ref (afs_context_get_store (self->context));
  data->case_id = g_strdup (self->case_id);
  task = g_task_new (NULL, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/* ---- Timestamps -------------------------------------------------------------- */

static void
timestamp_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AfsVisitWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!afs_visit_call_finish (result, &error))
    afs_form_toast (GTK_WIDGET (self->toast_overlay), error->message);
  afs_visit_window_reload (self);
  afs_context_cases_changed (self->context);
}

static void
run_timestamp (AfsVisitWindow  *self,
               AfsCaseCallFunc  func)
{
  if (self->busy)
    return;
  self->busy = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.start-travel", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.arrive", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.leave", FALSE);
  afs_visit_call_async (afs_context_get_store (self->context), func, self->case_id, NULL,
                        timestamp_cb, g_object_ref (self));
}

static void
start_travel_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_timestamp (AFS_VISIT_WINDOW (widget), afs_store_start_travel);
}

static void
arrive_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_timestamp (AFS_VISIT_WINDOW (widget), afs_store_arrive);
}

static void
leave_action (GtkWidget *widget, const char *name, GVariant *param)
{
  run_timestamp (AFS_VISIT_WINDOW (widget), afs_store_leave_site);
}

/* ---- Photos and signing ------------------------------------------------------------ */

static void
import_photos_action (GtkWidget *widget, const char *name, GVariant *param)
{
  AfsVisitWindow *self = AFS_VISIT_WINDOW (widget);

  afs_visit_window_show_page (self, "photos");
  afs_visit_photos_choose_files (self->photos);
}

static void
take_photo_action (GtkWidget *widget, const char *name, GVariant *param)
{
  AfsVisitWindow *self = AFS_VISIT_WINDOW (widget);

  afs_visit_window_show_page (self, "photos");
  afs_visit_photos_open_camera (self->photos);
}

static void
sign_action (GtkWidget *widget, const char *name, GVariant *param)
{
  AfsVisitWindow *self = AFS_VISIT_WINDOW (widget);
  g_autoptr(AfsRepairReport) report = afs_report_editor_get_report (self->report_editor);

  afs_visit_window_show_page (self, "signoff");
  afs_signoff_page_sign (self->signoff, afs_report_editor_get_loaded (self->report_editor) ? report : NULL);
}

static void
on_signed (AfsVisitWindow *self,
           gboolean        accepted)
{
  afs_visit_window_reload (self);
  afs_report_editor_reload (self->report_editor);
  afs_visit_photos_reload (self->photos);
}

/* ---- A new version of a signed report --------------------------------------------------- */

static gboolean
new_version_call (AfsStore    *store,
                  const char  *case_id,
                  GError     **error)
{
  g_autofree char *id = NULL;

  return afs_store_new_report_version (store, case_id, &id, error);
}

static void
new_version_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AfsVisitWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->versioning = FALSE;
  if (!afs_visit_call_finish (result, &error))
    {
      afs_form_toast (GTK_WIDGET (self->toast_overlay), error->message);
      afs_visit_window_reload (self);
      return;
    }

  self->n_new_versions++;
  afs_visit_window_reload (self);
  afs_report_editor_reload (self->report_editor);
  afs_visit_photos_reload (self->photos);
  afs_signoff_page_reload (self->signoff);
  afs_context_cases_changed (self->context);
  afs_visit_window_show_page (self, "report");
  afs_form_toast (GTK_WIDGET (self->toast_overlay),
                  _("New version started: change the report, then both sign again"));
}

static void
new_version_response (AdwMessageDialog *dialog,
                      const char       *response,
                      AfsVisitWindow   *self)
{
  if (g_strcmp0 (response, "new-version") != 0 || self->versioning || !self->report_signed)
    return;
  self->versioning = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.new-version", FALSE);
  afs_visit_call_async (afs_context_get_store (self->context), new_version_call, self->case_id,
                        NULL, new_version_cb, g_object_ref (self));
}

/**
 * afs_visit_window_ask_new_version:
 *
 * DOMAIN.md 9 and issue 4: "the signed report becomes read-only; a change
 * needs a new version and new signatures". After a not-accepted sign-off
 * (the second visit) or when a signed report must be corrected, this asks
 * first, saying that the signed version stays as it is, then makes the
 * new version (afs_store_new_report_version()).
 *
 * Returns: (transfer none) (nullable): the confirmation dialog, or NULL
 * when the report is not signed.
 */
GtkWindow *
afs_visit_window_ask_new_version (AfsVisitWindow *self)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  g_return_val_if_fail (AFS_IS_VISIT_WINDOW (self), NULL);

  if (!self->report_signed || self->versioning)
    return NULL;

  body = g_strdup_printf (_("Signed version %lld stays exactly as it was signed: it can still be "
                            "printed and checked. The new version starts as a copy you can change, "
                            "and it needs new signatures from the customer and the technician."),
                          (long long) self->report_version);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Start a New Report Version?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "new-version", _("_Start New Version"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "new-version",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_version_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

guint
afs_visit_window_get_n_new_versions (AfsVisitWindow *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_WINDOW (self), 0);
  return self->n_new_versions;
}

static void
new_version_action (GtkWidget *widget, const char *name, GVariant *param)
{
  afs_visit_window_ask_new_version (AFS_VISIT_WINDOW (widget));
}

static void
show_page_action (GtkWidget *widget, const char *name, GVariant *param)
{
  afs_visit_window_show_page (AFS_VISIT_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* ---- PDF and printing ----------------------------------------------------------------- */

/* The report's header from Preferences → Service Report; the strings
 * belong to *@strings (free with g_strfreev). */
static AfsReportCompany
get_company (AfsVisitWindow *self,
             GStrv          *strings)
{
  GSettings *settings = afs_context_get_settings (self->context);
  AfsReportCompany company = { NULL, NULL, NULL };

  *strings = g_new0 (char *, 4);
  if (settings == NULL)
    return company;
  company.name = (*strings)[0] = g_settings_get_string (settings, "company-name");
  company.address = (*strings)[1] = g_settings_get_string (settings, "company-address");
  company.phone = (*strings)[2] = g_settings_get_string (settings, "company-phone");
  return company;
}

typedef struct {
  GFile *file;
  guint  n_pages;
} PdfData;

static void
pdf_data_free (PdfData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

static void
pdf_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdfData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!afs_report_pdf_write_finish (result, &data->n_pages, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
pdf_composed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PdfData *data = g_task_get_task_data (task);
  g_autoptr(AfsReportDocument) doc = NULL;
  GError *error = NULL;

  doc = afs_report_compose_finish (result, &error);
  if (doc == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  afs_report_pdf_write_async (doc, data->file, g_task_get_cancellable (task),
                              pdf_written_cb, g_object_ref (task));
}

void
afs_visit_window_save_pdf_async (AfsVisitWindow      *self,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  PdfData *data;
  AfsReportCompany company;
  g_auto(GStrv) company_strings = NULL;

  g_return_if_fail (AFS_IS_VISIT_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* The report as typed is in the draft: write it before reading it. */
  afs_report_editor_flush (self->report_editor);

  data = g_new0 (PdfData, 1);
  data->file = g_object_ref (file);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, afs_visit_window_save_pdf_async);
  g_task_set_task_data (task, data, (GDestroyNotify) pdf_data_free);
  company = get_company (self, &company_strings);
  afs_report_compose_async (afs_context_get_store (self->context),
                            afs_visit_get_photo_folder (self->context), &company, self->case_id,
                            cancellable, pdf_composed_cb, task);
}

gboolean
afs_visit_window_save_pdf_finish (AfsVisitWindow  *self,
                                  GAsyncResult    *result,
                                  guint           *n_pages,
                                  GError         **error)
{
  PdfData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (n_pages != NULL)
    *n_pages = data->n_pages;
  return TRUE;
}

static void
save_pdf_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AfsVisitWindow *self = AFS_VISIT_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_pages = 0;

  if (!afs_visit_window_save_pdf_finish (self, result, &n_pages, &error))
    /* Translators: %s says why the PDF could not be written. */
    text = g_strdup_printf (_("The PDF could not be saved: %s"), error->message);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Service report saved (%u page)",
                                         "Service report saved (%u pages)", n_pages), n_pages);
  afs_form_toast (GTK_WIDGET (self->toast_overlay), text);
}

static void
pdf_chooser_response (GtkNativeDialog *chooser,
                      int              response,
                      AfsVisitWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      afs_visit_window_save_pdf_async (self, file, NULL, save_pdf_cb, NULL);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_pdf_action (GtkWidget *widget, const char *name, GVariant *param)
{
  AfsVisitWindow *self = AFS_VISIT_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *file_name = NULL;

  chooser = gtk_file_chooser_native_new (_("Save the Service Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Translators: the suggested file name of a service report; %s is the case number. */
  file_name = g_strdup_printf (_("Service report %s.pdf"), self->number != NULL ? self->number : "");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (pdf_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                AfsVisitWindow    *self)
{
  gtk_print_operation_set_n_pages (operation, afs_report_layout_get_n_pages (self->print_layout));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              AfsVisitWindow    *self)
{
  self->pages_drawn++;
  afs_report_layout_draw_page (self->print_layout, gtk_print_context_get_cairo_context (context), page,
                               gtk_print_context_get_width (context),
                               gtk_print_context_get_height (context));
}

static void
print_composed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AfsVisitWindow) self = user_data;
  g_autoptr(AfsReportDocument) doc = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult res;

  doc = afs_report_compose_finish (result, &error);
  if (doc == NULL)
    {
      afs_form_toast (GTK_WIDGET (self->toast_overlay), error->message);
      return;
    }

  g_clear_object (&self->print_layout);
  self->print_layout = afs_report_layout_new (doc);

  operation = gtk_print_operation_new ();
  self->pages_drawn = 0;
  gtk_print_operation_set_job_name (operation, self->number != NULL ? self->number : "");
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), self);
  if (self->print_export != NULL)
    gtk_print_operation_set_export_filename (operation, self->print_export);
  res = gtk_print_operation_run (operation,
                                 self->print_export != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                            : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                 GTK_WINDOW (self), &error);
  if (res == GTK_PRINT_OPERATION_RESULT_ERROR)
    afs_form_toast (GTK_WIDGET (self->toast_overlay), error->message);
  else if (res == GTK_PRINT_OPERATION_RESULT_APPLY)
    self->printed_pages = self->pages_drawn;
}

void
afs_visit_window_print (AfsVisitWindow *self,
                        const char     *export_path)
{
  AfsReportCompany company;
  g_auto(GStrv) company_strings = NULL;

  g_return_if_fail (AFS_IS_VISIT_WINDOW (self));

  g_free (self->print_export);
  self->print_export = g_strdup (export_path);
  self->printed_pages = 0;
  afs_report_editor_flush (self->report_editor);
  company = get_company (self, &company_strings);
  afs_report_compose_async (afs_context_get_store (self->context),
                            afs_visit_get_photo_folder (self->context), &company, self->case_id,
                            NULL, print_composed_cb, g_object_ref (self));
}

guint
afs_visit_window_get_printed_pages (AfsVisitWindow *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_WINDOW (self), 0);
  return self->printed_pages;
}

static void
print_action (GtkWidget *widget, const char *name, GVariant *param)
{
  afs_visit_window_print (AFS_VISIT_WINDOW (widget), NULL);
}

/* ---- Public --------------------------------------------------------------------------- */

void
afs_visit_window_show_page (AfsVisitWindow *self,
                            const char     *name)
{
  g_return_if_fail (AFS_IS_VISIT_WINDOW (self));

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
afs_visit_window_get_case_id (AfsVisitWindow *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_WINDOW (self), NULL);
  return self->case_id;
}

gboolean
afs_visit_window_get_loaded (AfsVisitWindow *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_WINDOW (self), FALSE);
  return self->loaded;
}

AfsCaseState
afs_visit_window_get_case_state (AfsVisitWindow *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_WINDOW (self), AFS_CASE_STATE_N);
  return self->state;
}

AfsVisitPhotos *
afs_visit_window_get_photos (AfsVisitWindow *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_WINDOW (self), NULL);
  return self->photos;
}

AfsReportEditor *
afs_visit_window_get_report_editor (AfsVisitWindow *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_WINDOW (self), NULL);
  return self->report_editor;
}

AfsSignoffPage *
afs_visit_window_get_signoff (AfsVisitWindow *self)
{
  g_return_val_if_fail (AFS_IS_VISIT_WINDOW (self), NULL);
  return self->signoff;
}

/* ---- GObject --------------------------------------------------------------------------- */

static gboolean
afs_visit_window_close_request (GtkWindow *window)
{
  AfsVisitWindow *self = AFS_VISIT_WINDOW (window);

  /* Closing mid-report keeps the draft (issue 4, "Bad input"), and what
   * was typed goes into the report the office receives. The commit writes
   * a pending draft first, in the same worker: a flush first would leave
   * the commit to a callback of a main loop that stops when the app quits. */
  afs_report_editor_commit (self->report_editor);
  return GTK_WINDOW_CLASS (afs_visit_window_parent_class)->close_request (window);
}

static void
afs_visit_window_dispose (GObject *object)
{
  AfsVisitWindow *self = AFS_VISIT_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->print_layout);

  G_OBJECT_CLASS (afs_visit_window_parent_class)->dispose (object);
}

static void
afs_visit_window_finalize (GObject *object)
{
  AfsVisitWindow *self = AFS_VISIT_WINDOW (object);

  g_clear_object (&self->context);
  g_free (self->case_id);
  g_free (self->number);
  g_free (self->print_export);
  g_free (self->shown_page);

  G_OBJECT_CLASS (afs_visit_window_parent_class)->finalize (object);
}

static void
afs_visit_window_class_init (AfsVisitWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = afs_visit_window_dispose;
  object_class->finalize = afs_visit_window_finalize;
  window_class->close_request = afs_visit_window_close_request;

  g_type_ensure (AFS_TYPE_VISIT_PHOTOS);
  g_type_ensure (AFS_TYPE_REPORT_EDITOR);
  g_type_ensure (AFS_TYPE_SIGNOFF_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-visit-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, AfsVisitWindow, name)
  BIND (toast_overlay);
  BIND (switcher_title);
  BIND (stack);
  BIND (spinner);
  BIND (error_page);
  BIND (view_stack);
  BIND (number_label);
  BIND (customer_label);
  BIND (state_label);
  BIND (address_row);
  BIND (contact_row);
  BIND (phone_link);
  BIND (equipment_row);
  BIND (problem_row);
  BIND (travel_row);
  BIND (arrive_row);
  BIND (leave_row);
  BIND (travel_button);
  BIND (arrive_button);
  BIND (leave_button);
  BIND (photos);
  BIND (report_editor);
  BIND (signoff);
#undef BIND

  gtk_widget_class_install_action (widget_class, "visit.start-travel", NULL, start_travel_action);
  gtk_widget_class_install_action (widget_class, "visit.arrive", NULL, arrive_action);
  gtk_widget_class_install_action (widget_class, "visit.leave", NULL, leave_action);
  gtk_widget_class_install_action (widget_class, "visit.import-photos", NULL, import_photos_action);
  gtk_widget_class_install_action (widget_class, "visit.take-photo", NULL, take_photo_action);
  gtk_widget_class_install_action (widget_class, "visit.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "visit.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "visit.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "visit.new-version", NULL, new_version_action);
  gtk_widget_class_install_action (widget_class, "visit.show-page", "s", show_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "visit.import-photos", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "visit.take-photo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "visit.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "visit.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "visit.show-page", "s", "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "visit.show-page", "s", "photos");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "visit.show-page", "s", "report");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "visit.show-page", "s", "signoff");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

/* Leaving the Report page: what was typed goes into the report row. */
static void
on_page_changed (AfsVisitWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (self->shown_page, "report") == 0 && g_strcmp0 (name, "report") != 0)
    afs_report_editor_commit (self->report_editor);
  g_free (self->shown_page);
  self->shown_page = g_strdup (name);
}

static void
afs_visit_window_init (AfsVisitWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown_page = g_strdup (adw_view_stack_get_visible_child_name (self->view_stack));
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_page_changed), self, G_CONNECT_SWAPPED);
  gtk_spinner_start (self->spinner);
  g_signal_connect_swapped (self->signoff, "signed", G_CALLBACK (on_signed), self);
}

GtkWidget *
afs_visit_window_new (GtkWindow  *parent,
                      AfsContext *context,
                      const char *case_id)
{
  AfsVisitWindow *self;

  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  self = g_object_new (AFS_TYPE_VISIT_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->context = g_object_ref (context);
  self->case_id = g_strdup (case_id);

  afs_visit_photos_set_visit (self->photos, context, case_id);
  afs_report_editor_set_visit (self->report_editor, context, case_id);
  afs_signoff_page_set_visit (self->signoff, context, case_id);
  afs_visit_window_reload (self);

  return GTK_WIDGET (self);
}
