/* afs-shipment-dialog.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-form.h"
#include "afs-shipment-dialog.h"
#include "afs-store-office.h"

struct _AfsShipmentDialog
{
  AdwWindow        parent_instance;

  AfsContext      *context;
  char            *case_id;       /* resolved from the number */
  char            *case_number;
  GCancellable    *cancellable;
  gboolean         case_pending;
  gboolean         valid;
  gboolean         dirty;
  gboolean         filling;
  gboolean         saving;
  gboolean         saved;
  GHashTable      *touched;

  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *case_row;
  AdwEntryRow     *part_row;
  AdwEntryRow     *model_row;
  AdwEntryRow     *quantity_row;
  AdwEntryRow     *destination_row;
  AdwEntryRow     *carrier_row;
  AdwEntryRow     *tracking_row;
  AdwEntryRow     *date_row;

  GtkLabel        *case_error;
  GtkLabel        *part_error;
  GtkLabel        *quantity_error;
  GtkLabel        *destination_error;
  GtkLabel        *date_error;
};

G_DEFINE_FINAL_TYPE (AfsShipmentDialog, afs_shipment_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CASE_ID,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show (AfsShipmentDialog *self,
      gpointer           field,
      GtkLabel          *caption,
      const char        *message,
      gboolean          *valid)
{
  if (message != NULL)
    *valid = FALSE;
  afs_form_show_error (GTK_WIDGET (field), caption,
                       message != NULL && g_hash_table_contains (self->touched, field) ? message : NULL);
}

static void
validate (AfsShipmentDialog *self)
{
  gboolean valid = TRUE;
  g_autofree char *number = afs_form_text (self->case_row);
  g_autofree char *part = afs_form_text (self->part_row);
  g_autofree char *quantity = afs_form_text (self->quantity_row);
  g_autofree char *destination = afs_form_text (self->destination_row);
  g_autofree char *date = afs_form_text (self->date_row);
  g_autofree char *msg = NULL;
  g_autoptr(GError) error = NULL;
  GDate today, shipped;

  if (self->context == NULL)
    return;
  afs_date_from_unix (afs_context_now (self->context), NULL, &today);

  if (self->case_pending)
    valid = FALSE;
  else if (self->case_id == NULL)
    msg = g_strdup (number[0] == '\0' ? _("Give the number of the case the parts are for")
                                      : _("No case has this number"));
  show (self, self->case_row, self->case_error, msg, &valid);
  g_clear_pointer (&msg, g_free);

  msg = afs_form_check_required (part, _("Name the part or give its number"));
  show (self, self->part_row, self->part_error, msg, &valid);
  g_clear_pointer (&msg, g_free);

  msg = afs_form_check_quantity (quantity, NULL);
  show (self, self->quantity_row, self->quantity_error, msg, &valid);
  g_clear_pointer (&msg, g_free);

  msg = afs_form_check_required (destination, _("Say where the parts go"));
  show (self, self->destination_row, self->destination_error, msg, &valid);
  g_clear_pointer (&msg, g_free);

  if (!afs_date_parse (date, _("shipping date"), &shipped, &error))
    msg = g_strdup (error->message);
  else if (!g_date_valid (&shipped))
    msg = g_strdup (_("Give the day the parts were shipped"));
  else if (!afs_date_check_not_future (&shipped, &today, _("shipping date"), &error))
    msg = g_strdup (error->message);
  show (self, self->date_row, self->date_error, msg, &valid);

  self->valid = valid;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shipment.save", valid && !self->saving);
}

static void
on_field_changed (AfsShipmentDialog *self,
                  GtkWidget         *field)
{
  if (!self->filling)
    {
      self->dirty = TRUE;
      g_hash_table_add (self->touched, field);
    }
  validate (self);
}

/* ---- Finding the case by its number -------------------------------------------- */

typedef struct {
  AfsStore *store;
  char     *case_id;    /* in: look up the number of this case */
  char     *number;     /* in: find this number; out: the number */
} CaseInput;

static void
case_input_free (CaseInput *input)
{
  g_clear_object (&input->store);
  g_free (input->case_id);
  g_free (input->number);
  g_free (input);
}

static gpointer
find_case_work (gpointer      data,
                GCancellable *cancellable,
                GError      **error)
{
  CaseInput *input = data;
  AfsCaseFilter filter = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) cases = NULL;

  if (input->case_id != NULL)
    {
      AfsCaseData kase = { 0 };

      if (!afs_store_get_case (input->store, input->case_id, &kase, error))
        return NULL;
      g_free (input->number);
      input->number = g_strdup (kase.number);
      afs_case_data_clear (&kase);
      return GINT_TO_POINTER (1);
    }

  /* The number as typed, through the case search; only an exact number counts. */
  filter.search = input->number;
  filter.limit = 20;
  if ((ids = afs_store_query_case_ids (input->store, &filter, error)) == NULL ||
      (cases = afs_store_load_cases (input->store, (const gint64 *) ids->data, ids->len, error)) == NULL)
    return NULL;
  for (guint i = 0; i < cases->len; i++)
    {
      const AfsCaseData *k = g_ptr_array_index (cases, i);

      if (g_ascii_strcasecmp (k->number, input->number) == 0)
        {
          input->case_id = g_strdup (k->id);
          g_free (input->number);
          input->number = g_strdup (k->number);
          break;
        }
    }
  return GINT_TO_POINTER (1);
}

static void
find_case_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AfsShipmentDialog *self = user_data;
  CaseInput *input = afs_form_run_get_input (result);
  g_autoptr(GError) error = NULL;

  if (afs_form_run_finish (result, &error) == NULL &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->case_pending = FALSE;
  g_clear_pointer (&self->case_id, g_free);
  g_clear_pointer (&self->case_number, g_free);
  if (error == NULL && input->case_id != NULL)
    {
      self->case_id = g_strdup (input->case_id);
      self->case_number = g_strdup (input->number);
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->case_row)), input->number) != 0)
        {
          self->filling = TRUE;
          gtk_editable_set_text (GTK_EDITABLE (self->case_row), input->number);
          self->filling = FALSE;
        }
    }
  validate (self);
}

static void
find_case (AfsShipmentDialog *self,
           const char        *case_id,
           const char        *number)
{
  CaseInput *input = g_new0 (CaseInput, 1);

  afs_form_renew_cancellable (&self->cancellable);
  self->case_pending = TRUE;

  input->store = g_object_ref (afs_context_get_store (self->context));
  input->case_id = g_strdup (case_id);
  input->number = g_strdup (number);
  afs_form_run_async (find_case_work, input, (GDestroyNotify) case_input_free, NULL,
                      self->cancellable, find_case_cb, self);
}

static void
on_case_changed (AfsShipmentDialog *self)
{
  g_autofree char *number = NULL;

  if (self->filling)
    return;
  self->dirty = TRUE;
  g_hash_table_add (self->touched, self->case_row);
  number = afs_form_text (self->case_row);
  g_clear_pointer (&self->case_id, g_free);
  if (number[0] != '\0')
    find_case (self, NULL, number);
  validate (self);
}

/* ---- Saving ----------------------------------------------------------------------- */

typedef struct {
  AfsStore        *store;
  AfsShipmentData  data;
} SaveInput;

static void
save_input_free (SaveInput *input)
{
  g_clear_object (&input->store);
  afs_shipment_data_clear (&input->data);
  g_free (input);
}

static gpointer
save_work (gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  SaveInput *input = data;
  g_autofree char *id = NULL;

  if (!afs_store_add_shipment (input->store, &input->data, &id, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsShipmentDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  self->saving = FALSE;
  if (afs_form_run_finish (result, &error) == NULL)
    {
      text = g_strdup_printf (_("Not registered: %s"), error->message);
      afs_form_toast_failure (self->toast_overlay, text);
      validate (self);
      return;
    }

  self->saved = TRUE;
  /* Translators: after registering a shipment: "Shipment for AS-2026-000123 registered". */
  text = g_strdup_printf (_("Shipment for %s registered"), self->case_number);
  g_signal_emit (self, signals[SAVED], 0, text);
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AfsShipmentDialog *self = AFS_SHIPMENT_DIALOG (widget);
  g_autofree char *quantity = NULL;
  SaveInput *input;
  int n = 0;

  /* Everything counts as visited now: say what is missing. */
  g_hash_table_add (self->touched, self->case_row);
  g_hash_table_add (self->touched, self->part_row);
  g_hash_table_add (self->touched, self->quantity_row);
  g_hash_table_add (self->touched, self->destination_row);
  g_hash_table_add (self->touched, self->date_row);
  validate (self);
  if (!self->valid || self->saving || self->saved)
    return;

  quantity = afs_form_text (self->quantity_row);
  g_free (afs_form_check_quantity (quantity, &n));

  input = g_new0 (SaveInput, 1);
  input->store = g_object_ref (afs_context_get_store (self->context));
  input->data.case_id = g_strdup (self->case_id);
  input->data.part = afs_form_text (self->part_row);
  input->data.model = afs_form_text (self->model_row);
  input->data.quantity = n;
  input->data.destination = afs_form_text (self->destination_row);
  input->data.carrier = afs_form_text (self->carrier_row);
  input->data.tracking_number = afs_form_text (self->tracking_row);
  input->data.shipped_date = afs_form_text (self->date_row);

  self->saving = TRUE;
  gtk_widget_action_set_enabled (widget, "shipment.save", FALSE);
  afs_form_run_async (save_work, input, (GDestroyNotify) save_input_free, NULL, NULL,
                      save_cb, g_object_ref (self));
}

/* ---- Leaving ------------------------------------------------------------------------- */

gboolean
afs_shipment_dialog_get_valid (AfsShipmentDialog *self)
{
  g_return_val_if_fail (AFS_IS_SHIPMENT_DIALOG (self), FALSE);
  return self->valid;
}

gboolean
afs_shipment_dialog_get_dirty (AfsShipmentDialog *self)
{
  g_return_val_if_fail (AFS_IS_SHIPMENT_DIALOG (self), FALSE);
  return self->dirty && !self->saved;
}

static void
discard_and_close (gpointer user_data)
{
  AfsShipmentDialog *self = user_data;

  self->saved = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
afs_shipment_dialog_close_request (GtkWindow *window)
{
  AfsShipmentDialog *self = AFS_SHIPMENT_DIALOG (window);

  if (afs_form_hold_close (window, self->saving, afs_shipment_dialog_get_dirty (self), discard_and_close))
    return TRUE;
  return GTK_WINDOW_CLASS (afs_shipment_dialog_parent_class)->close_request (window);
}

/* ---- GObject ---------------------------------------------------------------------------- */

static void
afs_shipment_dialog_constructed (GObject *object)
{
  AfsShipmentDialog *self = AFS_SHIPMENT_DIALOG (object);
  g_autofree char *today = NULL;

  G_OBJECT_CLASS (afs_shipment_dialog_parent_class)->constructed (object);

  today = afs_form_today_iso (afs_context_now (self->context));
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  self->filling = FALSE;

  if (self->case_id != NULL)
    {
      g_autofree char *id = g_strdup (self->case_id);
      find_case (self, id, NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->part_row));
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->case_row));
  validate (self);
}

static void
afs_shipment_dialog_dispose (GObject *object)
{
  AfsShipmentDialog *self = AFS_SHIPMENT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_SHIPMENT_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_shipment_dialog_parent_class)->dispose (object);
}

static void
afs_shipment_dialog_finalize (GObject *object)
{
  AfsShipmentDialog *self = AFS_SHIPMENT_DIALOG (object);

  g_free (self->case_id);
  g_free (self->case_number);
  g_clear_pointer (&self->touched, g_hash_table_unref);

  G_OBJECT_CLASS (afs_shipment_dialog_parent_class)->finalize (object);
}

static void
afs_shipment_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AfsShipmentDialog *self = AFS_SHIPMENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_CASE_ID:
      self->case_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_shipment_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AfsShipmentDialog *self = AFS_SHIPMENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_shipment_dialog_class_init (AfsShipmentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = afs_shipment_dialog_constructed;
  object_class->dispose = afs_shipment_dialog_dispose;
  object_class->finalize = afs_shipment_dialog_finalize;
  object_class->get_property = afs_shipment_dialog_get_property;
  object_class->set_property = afs_shipment_dialog_set_property;
  window_class->close_request = afs_shipment_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_ID] =
    g_param_spec_string ("case-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-shipment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentDialog, case_row);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentDialog, part_row);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentDialog, model_row);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentDialog, quantity_row);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentDialog, carrier_row);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentDialog, tracking_row);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentDialog, date_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_case_changed);

  gtk_widget_class_install_action (widget_class, "shipment.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "shipment.cancel", NULL, afs_form_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "shipment.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "shipment.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "shipment.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "shipment.cancel", NULL);
}

static void
afs_shipment_dialog_init (AfsShipmentDialog *self)
{
  self->touched = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->case_error = afs_form_attach_error (GTK_WIDGET (self->case_row));
  self->part_error = afs_form_attach_error (GTK_WIDGET (self->part_row));
  self->quantity_error = afs_form_attach_error (GTK_WIDGET (self->quantity_row));
  self->destination_error = afs_form_attach_error (GTK_WIDGET (self->destination_row));
  self->date_error = afs_form_attach_error (GTK_WIDGET (self->date_row));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "shipment.save", FALSE);
}

AfsShipmentDialog *
afs_shipment_dialog_new (AfsContext *context,
                         GtkWindow  *parent,
                         const char *case_id)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);

  return g_object_new (AFS_TYPE_SHIPMENT_DIALOG,
                       "context", context,
                       "case-id", case_id,
                       "transient-for", parent,
                       NULL);
}
