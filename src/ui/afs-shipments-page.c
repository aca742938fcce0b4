/* afs-shipments-page.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-form.h"
#include "afs-format.h"
#include "afs-shipment-dialog.h"
#include "afs-shipments-page.h"
#include "afs-store-office.h"

#define LIST_LIMIT 200

struct _AfsShipmentsPage
{
  AdwBin          parent_instance;

  AfsContext     *context;
  GCancellable   *cancellable;
  guint           n_shown;
  gboolean        ready;

  GtkSearchEntry *search_entry;
  GtkLabel       *role_label;
  GtkWidget      *new_button;
  GtkStack       *stack;
  GtkListBox     *list;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (AfsShipmentsPage, afs_shipments_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gpointer
search_work (gpointer      data,
             GCancellable *cancellable,
             GError      **error)
{
  AfsFormSearch *input = data;

  return afs_store_search_shipments (input->store, input->text, LIST_LIMIT, error);
}

static GtkWidget *
shipment_row (const AfsShipmentData *s)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = afs_format_date (s->shipped_date);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  char quantity[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (quantity, sizeof quantity, "%g", s->quantity);
  /* Translators: a shipment: "2 × Compressor valve → Kraków, ul. Długa 5". */
  title = g_strdup_printf (_("%s × %s → %s"), quantity, s->part, s->destination);
  /* Translators: "AS-2026-000123 · model X2 · DHL 00340434 · 3 Feb 2026". */
  subtitle = g_strdup_printf (_("%s · model %s · %s %s · %s"),
                              s->case_number != NULL ? s->case_number : "",
                              s->model != NULL && s->model[0] != '\0' ? s->model : _("not given"),
                              s->carrier != NULL ? s->carrier : "",
                              s->tracking_number != NULL ? s->tracking_number : "",
                              date != NULL ? date : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "mail-send-symbolic");
  return row;
}

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AfsShipmentsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shipments = afs_form_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  afs_form_list_box_remove_all (self->list);
  self->n_shown = 0;
  self->ready = TRUE;

  if (shipments == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Cannot List the Shipments"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint i = 0; i < shipments->len; i++)
    gtk_list_box_append (self->list, shipment_row (g_ptr_array_index (shipments, i)));
  self->n_shown = shipments->len;

  if (shipments->len == 0)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

      adw_status_page_set_title (self->empty_page, text[0] != '\0' ? _("No Matches") : _("No Shipments"));
      adw_status_page_set_description (self->empty_page,
                                       text[0] != '\0'
                                       ? _("No shipment has this part, model, tracking number, carrier, destination or case number.")
                                       : _("Parts sent to customers are registered here against their case (Ctrl+Shift+P)."));
    }
  gtk_stack_set_visible_child_name (self->stack, shipments->len > 0 ? "list" : "empty");
}

void
afs_shipments_page_reload (AfsShipmentsPage *self)
{
  AfsFormSearch *input;

  g_return_if_fail (AFS_IS_SHIPMENTS_PAGE (self));

  if (self->context == NULL)
    return;
  afs_form_renew_cancellable (&self->cancellable);
  self->ready = FALSE;

  input = afs_form_search_new (afs_context_get_store (self->context), afs_form_text (self->search_entry));
  afs_form_run_async (search_work, input, (GDestroyNotify) afs_form_search_free,
                      (GDestroyNotify) g_ptr_array_unref, self->cancellable, search_cb, self);
}

static void
on_search_changed (AfsShipmentsPage *self)
{
  afs_shipments_page_reload (self);
}

static void
on_saved (AfsShipmentsPage *self,
          const char       *message)
{
  afs_form_toast (GTK_WIDGET (self), message);
  afs_context_cases_changed (self->context);
  afs_shipments_page_reload (self);
}

void
afs_shipments_page_new_shipment (AfsShipmentsPage *self,
                                 const char       *case_id)
{
  GtkRoot *root;
  AfsShipmentDialog *dialog;

  g_return_if_fail (AFS_IS_SHIPMENTS_PAGE (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = afs_shipment_dialog_new (self->context, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, case_id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
afs_shipments_page_get_ready (AfsShipmentsPage *self)
{
  g_return_val_if_fail (AFS_IS_SHIPMENTS_PAGE (self), FALSE);
  return self->ready;
}

guint
afs_shipments_page_get_n_shown (AfsShipmentsPage *self)
{
  g_return_val_if_fail (AFS_IS_SHIPMENTS_PAGE (self), 0);
  return self->n_shown;
}

static gboolean
afs_shipments_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (AFS_SHIPMENTS_PAGE (widget)->search_entry));
}

/* Only office staff and managers register shipments: say so, do not hide. */
static void
update_role (AfsShipmentsPage *self)
{
  g_autofree char *why = NULL;

  if (self->context == NULL)
    return;
  why = afs_form_office_only (afs_context_get_role (self->context), _("register part shipments"));
  afs_form_show_reason (GTK_WIDGET (self->new_button), self->role_label, why);
}

static void
load_when_shown (GtkWidget *page)
{
  afs_shipments_page_reload (AFS_SHIPMENTS_PAGE (page));
}

static void
afs_shipments_page_constructed (GObject *object)
{
  AfsShipmentsPage *self = AFS_SHIPMENTS_PAGE (object);

  G_OBJECT_CLASS (afs_shipments_page_parent_class)->constructed (object);
  g_signal_connect_object (self->context, "policy-changed", G_CALLBACK (update_role),
                           self, G_CONNECT_SWAPPED);
  update_role (self);
  afs_form_load_when_shown (GTK_WIDGET (self), load_when_shown);
}

static void
afs_shipments_page_dispose (GObject *object)
{
  AfsShipmentsPage *self = AFS_SHIPMENTS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* AdwBin unparents its child itself: drop it here, not with
   * gtk_widget_dispose_template(), or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_shipments_page_parent_class)->dispose (object);
}

static void
afs_shipments_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AfsShipmentsPage *self = AFS_SHIPMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_shipments_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AfsShipmentsPage *self = AFS_SHIPMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_shipments_page_class_init (AfsShipmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = afs_shipments_page_constructed;
  object_class->dispose = afs_shipments_page_dispose;
  object_class->get_property = afs_shipments_page_get_property;
  object_class->set_property = afs_shipments_page_set_property;
  widget_class->grab_focus = afs_shipments_page_grab_focus;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-shipments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentsPage, role_label);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentsPage, list);
  gtk_widget_class_bind_template_child (widget_class, AfsShipmentsPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
}

static void
afs_shipments_page_init (AfsShipmentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
afs_shipments_page_new (AfsContext *context)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);

  return g_object_new (AFS_TYPE_SHIPMENTS_PAGE, "context", context, NULL);
}
