/* afs-intake-dialog.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "afs-error.h"
#include "afs-form.h"
#include "afs-format.h"
#include "afs-intake-dialog.h"
#include "afs-store-office.h"

#define SEARCH_LIMIT 8

struct _AfsIntakeDialog
{
  AdwWindow        parent_instance;

  AfsContext      *context;
  GCancellable    *search_cancellable;
  GCancellable    *serial_cancellable;
  GCancellable    *duplicate_cancellable;
  AfsCustomerData *customer;        /* chosen existing customer, or NULL */
  AfsCustomerData *duplicate;       /* an existing one like the new one typed */
  AfsEquipmentData *equipment;      /* found by serial, or NULL */
  char            *today;           /* YYYY-MM-DD */
  gboolean         serial_pending;  /* a serial lookup is under way */
  gboolean         serial_unknown;  /* the serial typed is not on file */
  gboolean         valid;
  gboolean         saving;
  gboolean         saved;
  gboolean         filling;         /* set while the code fills fields */
  GHashTable      *touched;         /* widgets the person has typed in */

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *save_button;
  GtkToggleButton *new_customer_button;
  AdwEntryRow     *customer_search_row;
  AdwActionRow    *chosen_customer_row;
  GtkListBox      *customer_results;
  AdwPreferencesGroup *new_customer_group;
  AdwEntryRow     *name_row;
  AdwEntryRow     *phone_row;
  AdwEntryRow     *address_row;
  AdwEntryRow     *city_row;
  AdwComboRow     *region_row;
  GtkRevealer     *duplicate_revealer;
  GtkLabel        *duplicate_label;
  AdwEntryRow     *serial_row;
  AdwActionRow    *equipment_found_row;
  AdwEntryRow     *model_row;
  AdwEntryRow     *production_row;
  AdwEntryRow     *purchase_row;
  AdwComboRow     *channel_row;
  AdwComboRow     *category_row;
  AdwEntryRow     *contact_name_row;
  AdwEntryRow     *contact_phone_row;
  GtkTextView     *description_view;
  GtkLabel        *description_error;

  /* Error captions under the rows */
  GtkLabel        *customer_error;
  GtkLabel        *name_error;
  GtkLabel        *phone_error;
  GtkLabel        *serial_error;
  GtkLabel        *model_error;
  GtkLabel        *production_error;
  GtkLabel        *purchase_error;
  GtkLabel        *contact_phone_error;
};

G_DEFINE_FINAL_TYPE (AfsIntakeDialog, afs_intake_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  CASE_CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void validate (AfsIntakeDialog *self);

static AfsCustomerData *
customer_copy (const AfsCustomerData *src)
{
  AfsCustomerData *dest = g_new0 (AfsCustomerData, 1);

  dest->id = g_strdup (src->id);
  dest->name = g_strdup (src->name);
  dest->contact_name = g_strdup (src->contact_name);
  dest->phone = g_strdup (src->phone);
  dest->email = g_strdup (src->email);
  dest->address = g_strdup (src->address);
  dest->city = g_strdup (src->city);
  dest->region = src->region;
  dest->tier = src->tier;
  dest->version = src->version;
  return dest;
}

static AfsEquipmentData *
equipment_copy (const AfsEquipmentData *src)
{
  AfsEquipmentData *dest = g_new0 (AfsEquipmentData, 1);

  dest->id = g_strdup (src->id);
  dest->customer_id = g_strdup (src->customer_id);
  dest->model = g_strdup (src->model);
  dest->serial = g_strdup (src->serial);
  dest->production_date = g_strdup (src->production_date);
  dest->purchase_date = g_strdup (src->purchase_date);
  dest->installation_date = g_strdup (src->installation_date);
  dest->warranty_end = g_strdup (src->warranty_end);
  return dest;
}

static char *
customer_summary (const AfsCustomerData *c)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (c->phone != NULL && c->phone[0] != '\0')
    g_ptr_array_add (parts, c->phone);
  if (c->city != NULL && c->city[0] != '\0')
    g_ptr_array_add (parts, c->city);
  if (c->address != NULL && c->address[0] != '\0')
    g_ptr_array_add (parts, c->address);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
mark_touched (AfsIntakeDialog *self,
              gpointer         widget)
{
  if (!self->filling)
    g_hash_table_add (self->touched, widget);
}

static gboolean
touched (AfsIntakeDialog *self,
         gpointer         widget)
{
  return g_hash_table_contains (self->touched, widget);
}

/* ---- The customer ---------------------------------------------------------- */

static void
show_chosen_customer (AfsIntakeDialog *self)
{
  if (self->customer != NULL)
    {
      g_autofree char *summary = customer_summary (self->customer);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chosen_customer_row), self->customer->name);
      adw_action_row_set_subtitle (self->chosen_customer_row, summary);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_customer_row), self->customer != NULL);
}

static void
choose_customer (AfsIntakeDialog       *self,
                 const AfsCustomerData *customer)
{
  g_clear_pointer (&self->customer, afs_customer_data_free);
  if (customer != NULL)
    self->customer = customer_copy (customer);

  if (customer != NULL)
    {
      self->filling = TRUE;
      gtk_toggle_button_set_active (self->new_customer_button, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->customer_search_row), "");
      /* The contact for this case starts as the customer's. */
      if (gtk_editable_get_text (GTK_EDITABLE (self->contact_name_row))[0] == '\0' &&
          customer->contact_name != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->contact_name_row), customer->contact_name);
      if (gtk_editable_get_text (GTK_EDITABLE (self->contact_phone_row))[0] == '\0' &&
          customer->phone != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->contact_phone_row), customer->phone);
      self->filling = FALSE;

      afs_form_list_box_remove_all (self->customer_results);
      gtk_widget_set_visible (GTK_WIDGET (self->customer_results), FALSE);
    }

  show_chosen_customer (self);
  validate (self);
}

static void
on_customer_result_activated (AfsIntakeDialog *self,
                              GtkListBoxRow   *row)
{
  AfsCustomerData *customer = g_object_get_data (G_OBJECT (row), "customer");

  if (customer != NULL)
    {
      choose_customer (self, customer);
      gtk_widget_grab_focus (GTK_WIDGET (self->serial_row));
    }
}

static gpointer
search_customers_work (gpointer      data,
                       GCancellable *cancellable,
                       GError      **error)
{
  AfsFormSearch *input = data;

  return afs_store_search_customers (input->store, input->text, SEARCH_LIMIT, error);
}

static void
search_customers_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AfsIntakeDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = afs_form_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  afs_form_list_box_remove_all (self->customer_results);

  if (customers == NULL)
    {
      afs_form_show_error (GTK_WIDGET (self->customer_search_row), self->customer_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->customer_results), FALSE);
      return;
    }

  for (guint i = 0; i < customers->len; i++)
    {
      const AfsCustomerData *c = g_ptr_array_index (customers, i);
      g_autofree char *summary = customer_summary (c);
      GtkWidget *action_row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), c->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), summary);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (action_row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (action_row), "customer", customer_copy (c),
                              (GDestroyNotify) afs_customer_data_free);
      gtk_list_box_append (self->customer_results, action_row);
    }

  if (customers->len == 0)
    {
      GtkWidget *empty = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("No customer found: add a new one with “New Customer”"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (empty), FALSE);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_list_box_append (self->customer_results, empty);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->customer_results), TRUE);
}

static void
on_customer_search_changed (AfsIntakeDialog *self)
{
  g_autofree char *text = afs_form_text (self->customer_search_row);
  AfsFormSearch *input;

  if (self->filling)
    return;
  mark_touched (self, self->customer_search_row);

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (text[0] == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->customer_results), FALSE);
      validate (self);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  input = afs_form_search_new (afs_context_get_store (self->context), g_steal_pointer (&text));
  afs_form_run_async (search_customers_work, input, (GDestroyNotify) afs_form_search_free,
                      (GDestroyNotify) g_ptr_array_unref, self->search_cancellable,
                      search_customers_cb, self);
  validate (self);
}

static void
on_new_customer_toggled (AfsIntakeDialog *self)
{
  gboolean creating = gtk_toggle_button_get_active (self->new_customer_button);

  gtk_widget_set_visible (GTK_WIDGET (self->new_customer_group), creating);
  if (creating)
    {
      g_autofree char *typed = afs_form_text (self->customer_search_row);

      g_clear_pointer (&self->customer, afs_customer_data_free);
      show_chosen_customer (self);
      gtk_widget_set_visible (GTK_WIDGET (self->customer_results), FALSE);
      /* What was typed in the search is the new customer's name or phone. */
      if (typed[0] != '\0' && gtk_editable_get_text (GTK_EDITABLE (self->name_row))[0] == '\0')
        {
          g_autofree char *key = afs_phone_match_key (typed);
          gboolean is_phone = key != NULL && strlen (key) >= 6 && strspn (typed, "+0123456789 -()./") == strlen (typed);

          gtk_editable_set_text (GTK_EDITABLE (is_phone ? self->phone_row : self->name_row), typed);
        }
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
    }
  else
    gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
  validate (self);
}

/* ---- Duplicates ------------------------------------------------------------ */

typedef struct {
  AfsStore        *store;
  AfsCustomerData  candidate;
} DuplicateInput;

static void
duplicate_input_free (DuplicateInput *input)
{
  g_clear_object (&input->store);
  afs_customer_data_clear (&input->candidate);
  g_free (input);
}

static gpointer
find_duplicates_work (gpointer      data,
                      GCancellable *cancellable,
                      GError      **error)
{
  DuplicateInput *input = data;

  return afs_store_find_duplicate_customers (input->store, &input->candidate, error);
}

static void
find_duplicates_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AfsIntakeDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dups = afs_form_run_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_pointer (&self->duplicate, afs_customer_data_free);
  if (dups != NULL && dups->len > 0 && gtk_toggle_button_get_active (self->new_customer_button))
    {
      const AfsCustomerDuplicate *dup = g_ptr_array_index (dups, 0);
      g_autofree char *summary = customer_summary (&dup->customer);
      g_autofree char *text = NULL;

      self->duplicate = customer_copy (&dup->customer);
      /* Translators: "Same phone number: Anna Nowak (+48 601 234 567 · Kraków) is already a customer." */
      text = g_strdup_printf (_("%s: %s (%s) is already a customer. Use that record rather than making a second one."),
                              dup->reason_text, dup->customer.name, summary);
      gtk_label_set_label (self->duplicate_label, text);
      gtk_revealer_set_reveal_child (self->duplicate_revealer, TRUE);
    }
  else
    gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.use-duplicate", self->duplicate != NULL);
}

static void
check_duplicates (AfsIntakeDialog *self)
{
  DuplicateInput *input;

  g_cancellable_cancel (self->duplicate_cancellable);
  g_clear_object (&self->duplicate_cancellable);

  if (!gtk_toggle_button_get_active (self->new_customer_button))
    return;

  input = g_new0 (DuplicateInput, 1);
  input->store = g_object_ref (afs_context_get_store (self->context));
  input->candidate.name = afs_form_text (self->name_row);
  input->candidate.phone = afs_form_text (self->phone_row);
  input->candidate.address = afs_form_text (self->address_row);
  input->candidate.city = afs_form_text (self->city_row);

  self->duplicate_cancellable = g_cancellable_new ();
  afs_form_run_async (find_duplicates_work, input, (GDestroyNotify) duplicate_input_free,
                      (GDestroyNotify) g_ptr_array_unref, self->duplicate_cancellable,
                      find_duplicates_cb, self);
}

static void
use_duplicate_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  AfsIntakeDialog *self = AFS_INTAKE_DIALOG (widget);
  AfsCustomerData *dup;

  if (self->duplicate == NULL)
    return;

  dup = g_steal_pointer (&self->duplicate);
  gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
  /* The typed-in new customer is dropped: the existing record is used. */
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->city_row), "");
  self->filling = FALSE;
  choose_customer (self, dup);
  afs_customer_data_free (dup);
  gtk_widget_grab_focus (GTK_WIDGET (self->serial_row));
}

/* ---- Equipment by serial ----------------------------------------------------- */

static void
show_equipment (AfsIntakeDialog *self)
{
  gboolean found = self->equipment != NULL;
  g_autofree char *serial = afs_form_text (self->serial_row);

  if (found)
    {
      const AfsEquipmentData *e = self->equipment;
      AfsWarrantyResult warranty = { 0 };
      g_autofree char *bought = afs_format_date (e->purchase_date);
      g_autofree char *made = afs_format_date (e->production_date);
      g_autofree char *subtitle = NULL;
      guint months = 0;

      afs_warranty_evaluate_at (e, afs_context_now (self->context), NULL, months, &warranty);
      /* Translators: equipment found by serial: "made 3 Feb 2024 · bought 5 Mar 2024\n<warranty sentence>". */
      subtitle = g_strdup_printf (_("made %s · bought %s\n%s"),
                                  made != NULL ? made : _("unknown"),
                                  bought != NULL ? bought : _("unknown"),
                                  warranty.consequence != NULL ? warranty.consequence : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->equipment_found_row),
                                     e->model != NULL ? e->model : e->serial);
      adw_action_row_set_subtitle (self->equipment_found_row, subtitle);
      adw_action_row_set_subtitle_lines (self->equipment_found_row, 0);
      afs_warranty_result_clear (&warranty);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->equipment_found_row), found);
  /* Model and dates are typed only for equipment not on file. */
  gtk_widget_set_visible (GTK_WIDGET (self->model_row), !found);
  gtk_widget_set_visible (GTK_WIDGET (self->production_row), !found);
  gtk_widget_set_visible (GTK_WIDGET (self->purchase_row), !found);
  if (found)
    {
      afs_form_show_error (GTK_WIDGET (self->model_row), self->model_error, NULL);
      afs_form_show_error (GTK_WIDGET (self->production_row), self->production_error, NULL);
      afs_form_show_error (GTK_WIDGET (self->purchase_row), self->purchase_error, NULL);
    }
}

static gpointer
find_equipment_work (gpointer      data,
                     GCancellable *cancellable,
                     GError      **error)
{
  AfsFormSearch *input = data;

  return afs_store_find_equipment (input->store, input->text, 5, error);
}

static void
find_equipment_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AfsIntakeDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = afs_form_run_finish (result, &error);
  const AfsEquipmentHit *exact = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->serial_pending = FALSE;
  g_clear_pointer (&self->equipment, afs_equipment_data_free);

  if (hits == NULL)
    {
      afs_form_show_error (GTK_WIDGET (self->serial_row), self->serial_error, error->message);
      self->serial_unknown = TRUE;
      validate (self);
      return;
    }

  for (guint i = 0; i < hits->len && exact == NULL; i++)
    {
      const AfsEquipmentHit *hit = g_ptr_array_index (hits, i);

      if (hit->exact)
        exact = hit;
    }

  self->serial_unknown = exact == NULL;
  if (exact != NULL)
    {
      self->equipment = equipment_copy (&exact->equipment);
      /* The owner of the equipment is the customer, unless one is chosen. */
      if (self->customer == NULL && !gtk_toggle_button_get_active (self->new_customer_button) &&
          exact->equipment.customer_id != NULL)
        {
          AfsCustomerData owner = { 0 };

          owner.id = exact->equipment.customer_id;
          owner.name = exact->customer_name;
          owner.city = exact->customer_city;
          owner.phone = exact->customer_phone;
          choose_customer (self, &owner);
        }
    }

  show_equipment (self);
  validate (self);
}

static void
on_serial_changed (AfsIntakeDialog *self)
{
  g_autofree char *serial = afs_form_text (self->serial_row);
  AfsFormSearch *input;

  mark_touched (self, self->serial_row);
  g_cancellable_cancel (self->serial_cancellable);
  g_clear_object (&self->serial_cancellable);
  g_clear_pointer (&self->equipment, afs_equipment_data_free);
  self->serial_unknown = FALSE;
  self->serial_pending = FALSE;

  if (serial[0] != '\0')
    {
      self->serial_pending = TRUE;
      self->serial_cancellable = g_cancellable_new ();
      input = afs_form_search_new (afs_context_get_store (self->context), g_steal_pointer (&serial));
      afs_form_run_async (find_equipment_work, input, (GDestroyNotify) afs_form_search_free,
                          (GDestroyNotify) g_ptr_array_unref, self->serial_cancellable,
                          find_equipment_cb, self);
    }

  show_equipment (self);
  validate (self);
}

/* ---- Validation ------------------------------------------------------------ */

static char *
description_text (AfsIntakeDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static char *
check_phone (const char *text)
{
  g_autoptr(GError) error = NULL;

  if (!afs_phone_validate (text, &error))
    return g_strdup (error->message);
  return NULL;
}

/* One date field: a date, not in the future. */
static char *
check_date (const char *text,
            const char *what,
            const GDate *today,
            GDate       *out)
{
  g_autoptr(GError) error = NULL;

  if (!afs_date_parse (text, what, out, &error))
    return g_strdup (error->message);
  if (g_date_valid (out) && !afs_date_check_not_future (out, today, what, &error))
    return g_strdup (error->message);
  return NULL;
}

static void
show_field_error (AfsIntakeDialog *self,
                  gpointer         field,
                  GtkLabel        *caption,
                  const char      *message,
                  gboolean        *valid)
{
  if (message != NULL)
    *valid = FALSE;
  /* Empty required fields say so only once the person was there. */
  afs_form_show_error (GTK_WIDGET (field), caption,
                       message != NULL && touched (self, field) ? message : NULL);
}

static void
validate (AfsIntakeDialog *self)
{
  gboolean valid = TRUE;
  gboolean creating = gtk_toggle_button_get_active (self->new_customer_button);
  g_autofree char *name = afs_form_text (self->name_row);
  g_autofree char *phone = afs_form_text (self->phone_row);
  g_autofree char *serial = afs_form_text (self->serial_row);
  g_autofree char *model = afs_form_text (self->model_row);
  g_autofree char *produced = afs_form_text (self->production_row);
  g_autofree char *purchased = afs_form_text (self->purchase_row);
  g_autofree char *contact_phone = afs_form_text (self->contact_phone_row);
  g_autofree char *description = description_text (self);
  g_autofree char *msg = NULL;
  GDate today, produced_date, purchased_date;

  if (self->context == NULL)
    return;

  afs_date_from_unix (afs_context_now (self->context), NULL, &today);

  /* The customer */
  if (!creating && self->customer == NULL)
    {
      valid = FALSE;
      afs_form_show_error (GTK_WIDGET (self->customer_search_row), self->customer_error,
                           touched (self, self->customer_search_row)
                           ? _("Choose the customer in the list, or add a new one")
                           : NULL);
    }
  else
    afs_form_show_error (GTK_WIDGET (self->customer_search_row), self->customer_error, NULL);

  if (creating)
    {
      g_clear_pointer (&msg, g_free);
      msg = afs_form_check_required (name, _("Give the customer’s name"));
      show_field_error (self, self->name_row, self->name_error, msg, &valid);
      g_clear_pointer (&msg, g_free);
      msg = check_phone (phone);
      show_field_error (self, self->phone_row, self->phone_error, msg, &valid);
    }

  /* The equipment: on file, or enough to add it. */
  g_clear_pointer (&msg, g_free);
  if (self->serial_pending)
    valid = FALSE;
  else if (self->equipment == NULL && serial[0] != '\0' && self->serial_unknown && model[0] == '\0')
    msg = g_strdup (_("No equipment has this serial or batch number. Give its model below to add it, or check the number."));
  show_field_error (self, self->serial_row, self->serial_error, msg, &valid);

  if (self->equipment == NULL)
    {
      g_clear_pointer (&msg, g_free);
      if (model[0] == '\0' && (produced[0] != '\0' || purchased[0] != '\0'))
        msg = g_strdup (_("Give the model of the equipment these dates belong to"));
      show_field_error (self, self->model_row, self->model_error, msg, &valid);

      g_clear_pointer (&msg, g_free);
      msg = check_date (produced, _("production date"), &today, &produced_date);
      show_field_error (self, self->production_row, self->production_error, msg, &valid);

      g_clear_pointer (&msg, g_free);
      msg = check_date (purchased, _("purchase date"), &today, &purchased_date);
      if (msg == NULL && g_date_valid (&produced_date) && g_date_valid (&purchased_date))
        {
          AfsEquipmentData e = { 0 };
          g_autoptr(GError) error = NULL;

          e.production_date = produced;
          e.purchase_date = purchased;
          /* The case is reported today: purchase not after it. */
          if (!afs_equipment_check_dates (&e, &today, &today, &error))
            msg = g_strdup (error->message);
        }
      show_field_error (self, self->purchase_row, self->purchase_error, msg, &valid);
    }

  /* The request */
  g_clear_pointer (&msg, g_free);
  msg = check_phone (contact_phone);
  show_field_error (self, self->contact_phone_row, self->contact_phone_error, msg, &valid);

  g_clear_pointer (&msg, g_free);
  msg = afs_form_check_required (description, _("Describe the problem as the customer tells it"));
  if (msg != NULL)
    valid = FALSE;
  afs_form_show_error (GTK_WIDGET (self->description_view), self->description_error,
                       touched (self, self->description_view) ? msg : NULL);

  self->valid = valid;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save", valid && !self->saving);
}

static void
on_field_changed (AfsIntakeDialog *self,
                  GParamSpec      *pspec,
                  GtkWidget       *widget)
{
  /* Entry rows call this as (self, row), combo rows as (self, pspec, row). */
  if (GTK_IS_WIDGET (pspec))
    widget = GTK_WIDGET (pspec);

  if (widget != NULL)
    mark_touched (self, widget);
  if (widget == GTK_WIDGET (self->name_row) || widget == GTK_WIDGET (self->phone_row) ||
      widget == GTK_WIDGET (self->address_row) || widget == GTK_WIDGET (self->city_row))
    check_duplicates (self);
  validate (self);
}

static void
on_description_changed (AfsIntakeDialog *self)
{
  mark_touched (self, self->description_view);
  validate (self);
}

/* ---- Saving ------------------------------------------------------------------ */

typedef struct {
  AfsStore        *store;
  AfsCustomerData  customer;       /* id set: existing */
  AfsEquipmentData equipment;      /* id set: existing; model NULL: none */
  AfsChannel       channel;
  AfsCategory      category;
  char            *description;
  char            *contact_name;
  char            *contact_phone;
  char            *case_id;        /* out */
  char            *number;         /* out */
} SaveInput;

static void
save_input_free (SaveInput *input)
{
  g_clear_object (&input->store);
  afs_customer_data_clear (&input->customer);
  afs_equipment_data_clear (&input->equipment);
  g_free (input->description);
  g_free (input->contact_name);
  g_free (input->contact_phone);
  g_free (input->case_id);
  g_free (input->number);
  g_free (input);
}

/* The customer, the equipment and the case in one transaction: a failure
 * anywhere leaves nothing behind. */
static gpointer
save_work (gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  SaveInput *input = data;
  g_autofree char *customer_id = g_strdup (input->customer.id);
  g_autofree char *equipment_id = g_strdup (input->equipment.id);
  AfsCaseInput case_input = { 0 };
  AfsCaseData kase = { 0 };

  if (!afs_store_begin_batch (input->store, error))
    return NULL;

  if (customer_id == NULL &&
      !afs_store_add_customer (input->store, &input->customer, &customer_id, error))
    goto fail;

  if (equipment_id == NULL && input->equipment.model != NULL)
    {
      g_free (input->equipment.customer_id);
      input->equipment.customer_id = g_strdup (customer_id);
      if (!afs_store_add_equipment (input->store, &input->equipment, &equipment_id, error))
        goto fail;
    }

  case_input.customer_id = customer_id;
  case_input.equipment_id = equipment_id;
  case_input.channel = input->channel;
  case_input.category = input->category;
  case_input.description = input->description;
  case_input.contact_name = input->contact_name;
  case_input.contact_phone = input->contact_phone;
  if (!afs_store_create_case (input->store, &case_input, &input->case_id, error))
    goto fail;

  if (!afs_store_end_batch (input->store, TRUE, error))
    return NULL;

  /* Read after the commit: the number the store gave. */
  if (afs_store_get_case (input->store, input->case_id, &kase, NULL))
    input->number = g_strdup (kase.number);
  afs_case_data_clear (&kase);
  return GINT_TO_POINTER (1);

fail:
  afs_store_end_batch (input->store, FALSE, NULL);
  return NULL;
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsIntakeDialog) self = user_data;
  SaveInput *input = afs_form_run_get_input (result);
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (afs_form_run_finish (result, &error) == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Not registered: %s"), error->message);

      afs_form_toast_failure (self->toast_overlay, text);
      validate (self);
      return;
    }

  self->saved = TRUE;
  g_signal_emit (self, signals[CASE_CREATED], 0, input->case_id,
                 input->number != NULL ? input->number : "");
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AfsIntakeDialog *self = AFS_INTAKE_DIALOG (widget);
  SaveInput *input;

  validate (self);
  if (!self->valid || self->saving || self->saved)
    return;

  input = g_new0 (SaveInput, 1);
  input->store = g_object_ref (afs_context_get_store (self->context));
  if (self->customer != NULL)
    input->customer.id = g_strdup (self->customer->id);
  else
    {
      g_autofree char *phone = afs_form_text (self->phone_row);

      input->customer.name = afs_form_text (self->name_row);
      input->customer.phone = phone[0] != '\0' ? afs_phone_normalize (phone, NULL) : NULL;
      input->customer.address = afs_form_text (self->address_row);
      input->customer.city = afs_form_text (self->city_row);
      input->customer.region = adw_combo_row_get_selected (self->region_row);
      if (input->customer.region >= AFS_REGION_N)
        input->customer.region = AFS_REGION_LOCAL;
    }

  if (self->equipment != NULL)
    input->equipment.id = g_strdup (self->equipment->id);
  else
    {
      g_autofree char *model = afs_form_text (self->model_row);
      g_autofree char *serial = afs_form_text (self->serial_row);
      g_autofree char *produced = afs_form_text (self->production_row);
      g_autofree char *purchased = afs_form_text (self->purchase_row);

      if (model[0] != '\0')
        {
          input->equipment.model = g_steal_pointer (&model);
          input->equipment.serial = serial[0] != '\0' ? g_steal_pointer (&serial) : NULL;
          input->equipment.production_date = produced[0] != '\0' ? g_steal_pointer (&produced) : NULL;
          input->equipment.purchase_date = purchased[0] != '\0' ? g_steal_pointer (&purchased) : NULL;
        }
    }

  input->channel = adw_combo_row_get_selected (self->channel_row);
  if (input->channel >= AFS_CHANNEL_N)
    input->channel = AFS_CHANNEL_PHONE;
  input->category = adw_combo_row_get_selected (self->category_row);
  if (input->category >= AFS_CATEGORY_N)
    input->category = AFS_CATEGORY_REPAIR;
  input->description = description_text (self);
  input->contact_name = afs_form_text (self->contact_name_row);
  input->contact_phone = afs_form_text (self->contact_phone_row);

  self->saving = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save", FALSE);
  afs_form_run_async (save_work, input, (GDestroyNotify) save_input_free, NULL, NULL,
                      save_cb, g_object_ref (self));
}

/* ---- Leaving ------------------------------------------------------------------- */

gboolean
afs_intake_dialog_get_dirty (AfsIntakeDialog *self)
{
  g_return_val_if_fail (AFS_IS_INTAKE_DIALOG (self), FALSE);
  return !self->saved && (g_hash_table_size (self->touched) > 0 || self->customer != NULL);
}

gboolean
afs_intake_dialog_get_valid (AfsIntakeDialog *self)
{
  g_return_val_if_fail (AFS_IS_INTAKE_DIALOG (self), FALSE);
  return self->valid;
}

static void
discard_and_close (gpointer user_data)
{
  AfsIntakeDialog *self = user_data;

  self->saved = TRUE;   /* nothing left to ask about */
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
afs_intake_dialog_close_request (GtkWindow *window)
{
  AfsIntakeDialog *self = AFS_INTAKE_DIALOG (window);

  if (afs_form_hold_close (window, self->saving, afs_intake_dialog_get_dirty (self), discard_and_close))
    return TRUE;
  return GTK_WINDOW_CLASS (afs_intake_dialog_parent_class)->close_request (window);
}

/* ---- GObject --------------------------------------------------------------------- */

static void
afs_intake_dialog_constructed (GObject *object)
{
  AfsIntakeDialog *self = AFS_INTAKE_DIALOG (object);
  g_autoptr(GtkStringList) regions = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (afs_intake_dialog_parent_class)->constructed (object);

  for (AfsRegionClass r = 0; r < AFS_REGION_N; r++)
    gtk_string_list_append (regions, afs_region_class_get_label (r));
  adw_combo_row_set_model (self->region_row, G_LIST_MODEL (regions));
  for (AfsChannel c = 0; c < AFS_CHANNEL_N; c++)
    gtk_string_list_append (channels, afs_channel_get_label (c));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));
  for (AfsCategory c = 0; c < AFS_CATEGORY_N; c++)
    gtk_string_list_append (categories, afs_category_get_label (c));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));

  self->today = afs_form_today_iso (afs_context_now (self->context));
  /* Picking a value in a combo is not typing: start untouched. */
  g_hash_table_remove_all (self->touched);
  validate (self);
}

static void
afs_intake_dialog_dispose (GObject *object)
{
  AfsIntakeDialog *self = AFS_INTAKE_DIALOG (object);

  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->serial_cancellable);
  g_cancellable_cancel (self->duplicate_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->serial_cancellable);
  g_clear_object (&self->duplicate_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_INTAKE_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_intake_dialog_parent_class)->dispose (object);
}

static void
afs_intake_dialog_finalize (GObject *object)
{
  AfsIntakeDialog *self = AFS_INTAKE_DIALOG (object);

  g_clear_pointer (&self->customer, afs_customer_data_free);
  g_clear_pointer (&self->duplicate, afs_customer_data_free);
  g_clear_pointer (&self->equipment, afs_equipment_data_free);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_free (self->today);

  G_OBJECT_CLASS (afs_intake_dialog_parent_class)->finalize (object);
}

static void
afs_intake_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AfsIntakeDialog *self = AFS_INTAKE_DIALOG (object);

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
afs_intake_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AfsIntakeDialog *self = AFS_INTAKE_DIALOG (object);

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
afs_intake_dialog_class_init (AfsIntakeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = afs_intake_dialog_constructed;
  object_class->dispose = afs_intake_dialog_dispose;
  object_class->finalize = afs_intake_dialog_finalize;
  object_class->get_property = afs_intake_dialog_get_property;
  object_class->set_property = afs_intake_dialog_set_property;
  window_class->close_request = afs_intake_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CASE_CREATED] =
    g_signal_new ("case-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-intake-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, new_customer_button);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, customer_search_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, chosen_customer_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, customer_results);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, new_customer_group);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, city_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, duplicate_revealer);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, serial_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, equipment_found_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, model_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, production_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, purchase_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, contact_phone_row);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, AfsIntakeDialog, description_error);

  gtk_widget_class_bind_template_callback (widget_class, on_customer_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_result_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_new_customer_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_serial_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);

  gtk_widget_class_install_action (widget_class, "intake.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "intake.cancel", NULL, afs_form_cancel_action);
  gtk_widget_class_install_action (widget_class, "intake.use-duplicate", NULL, use_duplicate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "intake.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "intake.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "intake.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "intake.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_ALT_MASK, "intake.use-duplicate", NULL);
}

static void
afs_intake_dialog_init (AfsIntakeDialog *self)
{
  self->touched = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->customer_error = afs_form_attach_error (GTK_WIDGET (self->customer_search_row));
  self->name_error = afs_form_attach_error (GTK_WIDGET (self->name_row));
  self->phone_error = afs_form_attach_error (GTK_WIDGET (self->phone_row));
  self->serial_error = afs_form_attach_error (GTK_WIDGET (self->serial_row));
  self->model_error = afs_form_attach_error (GTK_WIDGET (self->model_row));
  self->production_error = afs_form_attach_error (GTK_WIDGET (self->production_row));
  self->purchase_error = afs_form_attach_error (GTK_WIDGET (self->purchase_row));
  self->contact_phone_error = afs_form_attach_error (GTK_WIDGET (self->contact_phone_row));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (on_description_changed), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.use-duplicate", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save", FALSE);
}

AfsIntakeDialog *
afs_intake_dialog_new (AfsContext *context,
                       GtkWindow  *parent)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);

  return g_object_new (AFS_TYPE_INTAKE_DIALOG,
                       "context", context,
                       "transient-for", parent,
                       NULL);
}
