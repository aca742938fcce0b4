/* afs-triage-dialog.c
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
#include "afs-store-office.h"
#include "afs-triage-dialog.h"

/* Rows of the third-party claim combo. */
enum {
  CLAIM_NONE,
  CLAIM_CARRIER,
  CLAIM_MANUFACTURER,
  N_CLAIMS
};

/* What one load gathers. */
typedef struct {
  AfsStore          *store;
  char              *case_id;
  guint              warranty_months;
  AfsCaseData        kase;
  AfsWarrantyResult  warranty;
  GPtrArray         *staff;       /* AfsStaffData* */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_free (data->case_id);
  afs_case_data_clear (&data->kase);
  afs_warranty_result_clear (&data->warranty);
  g_clear_pointer (&data->staff, g_ptr_array_unref);
  g_free (data);
}

struct _AfsTriageDialog
{
  AdwWindow        parent_instance;

  AfsContext      *context;
  char            *case_id;
  LoadData        *data;          /* the case as loaded */
  GCancellable    *cancellable;
  gboolean         ready;
  gboolean         valid;
  gboolean         saving;
  gboolean         saved;
  gboolean         filling;
  gboolean         dirty;
  int              severity;
  GtkCheckButton  *severity_checks[AFS_SEVERITY_MAX + 1];

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkWidget       *save_button;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  AdwActionRow    *warranty_row;
  AdwComboRow     *warranty_choice_row;
  AdwComboRow     *scope_row;
  AdwEntryRow     *scope_reason_row;
  AdwPreferencesGroup *severity_group;
  AdwComboRow     *cause_row;
  AdwComboRow     *staff_row;
  AdwEntryRow     *responsible_row;
  AdwComboRow     *claim_row;
  AdwEntryRow     *claim_name_row;
  AdwEntryRow     *cost_row;
  AdwEntryRow     *compensation_row;
  AdwEntryRow     *loss_row;
  GtkLabel        *outcome_label;

  GtkLabel        *warranty_error;
  GtkLabel        *scope_error;
  GtkLabel        *scope_reason_error;
  GtkLabel        *cause_error;
  GtkLabel        *staff_error;
  GtkLabel        *claim_name_error;
  GtkLabel        *cost_error;
  GtkLabel        *compensation_error;
  GtkLabel        *loss_error;
  GtkLabel        *severity_error;
};

G_DEFINE_FINAL_TYPE (AfsTriageDialog, afs_triage_dialog, ADW_TYPE_WINDOW)

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

static void validate (AfsTriageDialog *self);

/* ---- The form, read back ------------------------------------------------------- */

typedef struct {
  AfsScope          scope;
  char             *scope_reason;
  AfsWarrantyStatus warranty;
  int               severity;
  AfsCause          cause;
  char             *responsible;
  char             *responsible_staff_id;
  char             *claim;
  double            cost, compensation, loss;
} FormValues;

static void
form_values_clear (FormValues *v)
{
  g_free (v->scope_reason);
  g_free (v->responsible);
  g_free (v->responsible_staff_id);
  g_free (v->claim);
}

static const AfsStaffData *
selected_staff (AfsTriageDialog *self)
{
  guint pos = adw_combo_row_get_selected (self->staff_row);

  /* Row 0 is "Choose…". */
  if (self->data == NULL || self->data->staff == NULL || pos == 0 || pos == GTK_INVALID_LIST_POSITION ||
      pos - 1 >= self->data->staff->len)
    return NULL;
  return g_ptr_array_index (self->data->staff, pos - 1);
}

static void
read_form (AfsTriageDialog *self,
           FormValues      *v)
{
  g_autofree char *claim_name = afs_form_text (self->claim_name_row);
  guint claim = adw_combo_row_get_selected (self->claim_row);
  const AfsStaffData *staff = selected_staff (self);

  memset (v, 0, sizeof *v);
  v->scope = adw_combo_row_get_selected (self->scope_row);
  if (v->scope >= AFS_SCOPE_N)
    v->scope = AFS_SCOPE_UNDECIDED;
  v->scope_reason = afs_form_text (self->scope_reason_row);
  v->warranty = adw_combo_row_get_selected (self->warranty_choice_row);
  if (v->warranty >= AFS_WARRANTY_N)
    v->warranty = AFS_WARRANTY_UNKNOWN;
  v->severity = self->severity;
  v->cause = adw_combo_row_get_selected (self->cause_row);
  if (v->cause >= AFS_CAUSE_N)
    v->cause = AFS_CAUSE_UNKNOWN;
  v->responsible = afs_form_text (self->responsible_row);
  if (v->cause == AFS_CAUSE_STAFF_ERROR && staff != NULL)
    {
      v->responsible_staff_id = g_strdup (staff->id);
      g_free (v->responsible);
      v->responsible = g_strdup (staff->name);
    }
  if (claim == CLAIM_CARRIER && claim_name[0] != '\0')
    /* Translators: stored as the third-party claim: "Carrier: DHL". */
    v->claim = g_strdup_printf (_("Carrier: %s"), claim_name);
  else if (claim == CLAIM_MANUFACTURER && claim_name[0] != '\0')
    v->claim = g_strdup_printf (_("Manufacturer: %s"), claim_name);
}

static void
facts_from_form (AfsTriageDialog  *self,
                 const FormValues *v,
                 AfsCaseFacts     *facts)
{
  memset (facts, 0, sizeof *facts);
  facts->state = self->data->kase.state;
  facts->category = self->data->kase.category;
  facts->severity = v->severity;
  facts->scope = v->scope;
  facts->has_scope_reason = v->scope_reason != NULL && v->scope_reason[0] != '\0';
  facts->warranty = v->warranty;
  facts->cause = v->cause;
  facts->estimated_cost = v->cost;
  facts->compensation = v->compensation;
  facts->quality_loss = v->loss;
  facts->approval_granted = self->data->kase.approval_granted;
  facts->approval_pending = self->data->kase.approval_pending;
  facts->has_responsible_staff = v->responsible_staff_id != NULL;
  facts->has_reason = facts->has_scope_reason;
}

/* ---- Validation ------------------------------------------------------------------ */

static void
show (GtkWidget  *field,
      GtkLabel   *caption,
      const char *message,
      gboolean   *valid)
{
  if (message != NULL)
    *valid = FALSE;
  afs_form_show_error (field, caption, message);
}

static void
validate (AfsTriageDialog *self)
{
  FormValues v;
  AfsCaseFacts facts;
  gboolean valid = TRUE;
  gboolean out;
  g_autofree char *msg = NULL;
  g_autofree char *cost = NULL, *compensation = NULL, *loss = NULL, *claim_name = NULL;
  g_autoptr(GString) outcome = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const AfsApprovalPolicy *policy;
  AfsRole role;
  guint claim;

  if (self->data == NULL || self->context == NULL)
    return;

  policy = afs_context_get_approval_policy (self->context);
  role = afs_context_get_role (self->context);
  read_form (self, &v);
  out = v.scope == AFS_SCOPE_OUT;

  gtk_widget_set_visible (GTK_WIDGET (self->scope_reason_row), out);
  gtk_widget_set_visible (GTK_WIDGET (self->staff_row), v.cause == AFS_CAUSE_STAFF_ERROR);
  gtk_widget_set_visible (GTK_WIDGET (self->responsible_row), v.cause != AFS_CAUSE_STAFF_ERROR);
  claim = adw_combo_row_get_selected (self->claim_row);
  gtk_widget_set_visible (GTK_WIDGET (self->claim_name_row), claim == CLAIM_CARRIER || claim == CLAIM_MANUFACTURER);

  /* Scope */
  show (GTK_WIDGET (self->scope_row), self->scope_error,
        v.scope == AFS_SCOPE_UNDECIDED ? _("Decide whether the request is in scope") : NULL, &valid);
  show (GTK_WIDGET (self->scope_reason_row), self->scope_reason_error,
        out && (v.scope_reason == NULL || v.scope_reason[0] == '\0')
        ? _("Give the reason the customer is told") : NULL, &valid);

  if (!out)
    {
      show (GTK_WIDGET (self->warranty_choice_row), self->warranty_error,
            v.warranty == AFS_WARRANTY_UNKNOWN
            ? _("Choose within warranty or chargeable: ask the customer for the purchase date if it is not known")
            : NULL, &valid);
      if (v.severity < AFS_SEVERITY_MIN)
        {
          valid = FALSE;
          gtk_label_set_label (self->severity_error, _("Choose a level"));
          gtk_widget_set_visible (GTK_WIDGET (self->severity_error), TRUE);
        }
      else
        gtk_widget_set_visible (GTK_WIDGET (self->severity_error), FALSE);
      show (GTK_WIDGET (self->cause_row), self->cause_error,
            v.cause == AFS_CAUSE_UNKNOWN ? _("Choose the cause") : NULL, &valid);
      show (GTK_WIDGET (self->staff_row), self->staff_error,
            v.cause == AFS_CAUSE_STAFF_ERROR && v.responsible_staff_id == NULL
            ? _("Our own staff error names who: choose the staff member") : NULL, &valid);
    }
  else
    {
      afs_form_show_error (GTK_WIDGET (self->warranty_choice_row), self->warranty_error, NULL);
      afs_form_show_error (GTK_WIDGET (self->cause_row), self->cause_error, NULL);
      afs_form_show_error (GTK_WIDGET (self->staff_row), self->staff_error, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->severity_error), FALSE);
    }

  claim_name = afs_form_text (self->claim_name_row);
  show (GTK_WIDGET (self->claim_name_row), self->claim_name_error,
        (claim == CLAIM_CARRIER || claim == CLAIM_MANUFACTURER) && claim_name[0] == '\0'
        ? _("Name the carrier or manufacturer claimed against") : NULL, &valid);

  cost = afs_form_text (self->cost_row);
  msg = afs_form_check_amount (cost, &v.cost);
  show (GTK_WIDGET (self->cost_row), self->cost_error, msg, &valid);
  g_clear_pointer (&msg, g_free);
  compensation = afs_form_text (self->compensation_row);
  msg = afs_form_check_amount (compensation, &v.compensation);
  show (GTK_WIDGET (self->compensation_row), self->compensation_error, msg, &valid);
  g_clear_pointer (&msg, g_free);
  loss = afs_form_text (self->loss_row);
  msg = afs_form_check_amount (loss, &v.loss);
  show (GTK_WIDGET (self->loss_row), self->loss_error, msg, &valid);

  /* What saving will do, in words; and whether this role may. */
  facts_from_form (self, &v, &facts);
  if (out)
    {
      if (!afs_workflow_check (&facts, policy, AFS_ACTION_MARK_OUT_OF_SCOPE, role, &error) &&
          !g_error_matches (error, AFS_ERROR, AFS_ERROR_PRECONDITION))
        {
          valid = FALSE;
          g_string_append (outcome, error->message);
        }
      else
        g_string_append (outcome, _("Saving closes the request as out of scope; the reason is recorded for the customer."));
    }
  else
    {
      AfsAction action = facts.state == AFS_CASE_STATE_NEW ? AFS_ACTION_TRIAGE : AFS_ACTION_N;

      if (action != AFS_ACTION_N &&
          !afs_workflow_check (&facts, policy, action, role, &error) &&
          !g_error_matches (error, AFS_ERROR, AFS_ERROR_PRECONDITION))
        {
          valid = FALSE;
          g_string_append (outcome, error->message);
        }
      else if (action == AFS_ACTION_N &&
               !afs_workflow_can_edit_field (facts.state, role, "severity", &error))
        {
          valid = FALSE;
          g_string_append (outcome, error->message);
        }
      else
        {
          g_string_append (outcome, action == AFS_ACTION_TRIAGE
                           ? _("Saving marks the case triaged.")
                           : _("Saving updates the assessment."));
          if (afs_workflow_needs_approval (&facts, policy) && !facts.approval_granted &&
              !facts.approval_pending)
            {
              g_string_append_c (outcome, ' ');
              g_string_append (outcome, _("It needs a manager’s approval before work goes on: the request goes to the approvals queue."));
            }
        }
      if (afs_workflow_needs_escalation (&facts, policy))
        {
          g_autofree char *limit = afs_format_money (policy->quality_loss_threshold);

          g_string_append_c (outcome, ' ');
          g_string_append_printf (outcome, _("The quality loss is over %s: the case is flagged for management."), limit);
        }
    }
  gtk_label_set_label (self->outcome_label, outcome->str);

  form_values_clear (&v);
  self->valid = valid;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.save", valid && !self->saving);
}

static void
on_field_changed (AfsTriageDialog *self)
{
  if (!self->filling)
    self->dirty = TRUE;
  validate (self);
}

static void
on_severity_toggled (GtkCheckButton  *check,
                     AfsTriageDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  self->severity = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "severity"));
  on_field_changed (self);
}

/* ---- Loading ---------------------------------------------------------------------- */

/* Returns @input itself (the dialog keeps it), or frees it on failure. */
static gpointer
load_work (gpointer      input,
           GCancellable *cancellable,
           GError      **error)
{
  LoadData *data = input;

  if (!afs_store_get_case (data->store, data->case_id, &data->kase, error) ||
      !afs_store_evaluate_warranty (data->store, data->case_id, data->warranty_months,
                                    &data->warranty, error) ||
      (data->staff = afs_store_list_staff (data->store, -1, error)) == NULL)
    {
      load_data_free (data);
      return NULL;
    }
  return data;
}

static void
fill_form (AfsTriageDialog *self)
{
  const AfsCaseData *k = &self->data->kase;
  const AfsWarrantyResult *w = &self->data->warranty;
  g_autoptr(GtkStringList) staff = gtk_string_list_new (NULL);
  g_autofree char *subtitle = NULL;
  guint staff_pos = 0;

  self->filling = TRUE;

  /* Translators: the triage window's subtitle: "AS-2026-000123 · Anna Nowak". */
  subtitle = g_strdup_printf (_("%s · %s"), k->number, k->customer_name != NULL ? k->customer_name : "");
  adw_window_title_set_subtitle (self->window_title, subtitle);

  adw_action_row_set_subtitle (self->warranty_row, w->consequence != NULL ? w->consequence : "");
  adw_combo_row_set_selected (self->warranty_choice_row,
                              k->warranty != AFS_WARRANTY_UNKNOWN ? k->warranty : w->status);
  adw_combo_row_set_selected (self->scope_row, k->scope == AFS_SCOPE_UNDECIDED ? AFS_SCOPE_IN : k->scope);
  if (k->scope_reason != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->scope_reason_row), k->scope_reason);

  self->severity = k->severity;
  if (k->severity >= AFS_SEVERITY_MIN && k->severity <= AFS_SEVERITY_MAX)
    gtk_check_button_set_active (self->severity_checks[k->severity], TRUE);

  adw_combo_row_set_selected (self->cause_row, k->cause);

  gtk_string_list_append (staff, _("Choose…"));
  for (guint i = 0; i < self->data->staff->len; i++)
    {
      const AfsStaffData *s = g_ptr_array_index (self->data->staff, i);

      gtk_string_list_append (staff, s->name);
      if (g_strcmp0 (s->id, k->responsible_staff_id) == 0)
        staff_pos = i + 1;
    }
  adw_combo_row_set_model (self->staff_row, G_LIST_MODEL (staff));
  adw_combo_row_set_selected (self->staff_row, staff_pos);
  if (k->responsible != NULL && k->responsible_staff_id == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->responsible_row), k->responsible);

  if (k->third_party_claim != NULL && k->third_party_claim[0] != '\0')
    {
      /* Stored as "Carrier: DHL" / "Manufacturer: Acme" (see read_form). */
      g_autofree char *manufacturer = g_strdup_printf (_("Manufacturer: %s"), "");
      const char *colon = strchr (k->third_party_claim, ':');
      g_autofree char *name = g_strstrip (g_strdup (colon != NULL ? colon + 1 : k->third_party_claim));

      adw_combo_row_set_selected (self->claim_row,
                                  g_str_has_prefix (k->third_party_claim, g_strstrip (manufacturer))
                                  ? CLAIM_MANUFACTURER : CLAIM_CARRIER);
      gtk_editable_set_text (GTK_EDITABLE (self->claim_name_row), name);
    }

  if (k->estimated_cost > 0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      gtk_editable_set_text (GTK_EDITABLE (self->cost_row), g_ascii_formatd (buf, sizeof buf, "%.2f", k->estimated_cost));
    }
  if (k->compensation > 0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      gtk_editable_set_text (GTK_EDITABLE (self->compensation_row), g_ascii_formatd (buf, sizeof buf, "%.2f", k->compensation));
    }
  if (k->quality_loss > 0)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      gtk_editable_set_text (GTK_EDITABLE (self->loss_row), g_ascii_formatd (buf, sizeof buf, "%.2f", k->quality_loss));
    }

  self->filling = FALSE;
  self->dirty = FALSE;
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AfsTriageDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  LoadData *data = afs_form_run_finish (result, &error);

  if (data == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  self->data = g_steal_pointer (&data);
  fill_form (self);
  self->ready = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "form");
  validate (self);
}

static void
start_load (AfsTriageDialog *self)
{
  GSettings *settings = afs_context_get_settings (self->context);
  g_autoptr(GSettingsSchema) schema = NULL;
  LoadData *data = g_new0 (LoadData, 1);

  g_object_get (settings, "settings-schema", &schema, NULL);
  data->store = g_object_ref (afs_context_get_store (self->context));
  data->case_id = g_strdup (self->case_id);
  if (schema != NULL && g_settings_schema_has_key (schema, "warranty-months"))
    data->warranty_months = g_settings_get_int (settings, "warranty-months");

  self->cancellable = g_cancellable_new ();
  afs_form_run_async (load_work, data, NULL, (GDestroyNotify) load_data_free,
                      self->cancellable, load_cb, self);
}


/* ---- Saving ------------------------------------------------------------------------- */

typedef struct {
  AfsStore   *store;
  char       *case_id;
  char       *number;
  gint64      version;
  AfsCaseState state;
  GPtrArray  *fields;
  GPtrArray  *values;
  gboolean    out_of_scope;
  char       *reason;
  gboolean    request_approval;
  char       *message;        /* out */
} SaveInput;

static void
save_input_free (SaveInput *input)
{
  g_clear_object (&input->store);
  g_free (input->case_id);
  g_free (input->number);
  g_clear_pointer (&input->fields, g_ptr_array_unref);
  g_clear_pointer (&input->values, g_ptr_array_unref);
  g_free (input->reason);
  g_free (input->message);
  g_free (input);
}

/* Fields, the step and the approval request in one transaction. */
static gpointer
save_work (gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  SaveInput *input = data;

  if (!afs_store_begin_batch (input->store, error))
    return NULL;

  if (input->fields->len > 1 &&
      !afs_store_update_case (input->store, input->case_id, input->version,
                              (const char *const *) input->fields->pdata,
                              (const char *const *) input->values->pdata, error))
    goto fail;

  if (input->out_of_scope)
    {
      if (!afs_store_apply_action (input->store, input->case_id, AFS_ACTION_MARK_OUT_OF_SCOPE,
                                   input->reason, error))
        goto fail;
    }
  else
    {
      if (input->state == AFS_CASE_STATE_NEW &&
          !afs_store_apply_action (input->store, input->case_id, AFS_ACTION_TRIAGE, NULL, error))
        goto fail;
      if (input->request_approval &&
          !afs_store_request_approval (input->store, input->case_id, NULL, error))
        goto fail;
    }

  if (!afs_store_end_batch (input->store, TRUE, error))
    return NULL;

  if (input->out_of_scope)
    input->message = g_strdup_printf (_("%s is out of scope"), input->number);
  else if (input->request_approval)
    input->message = g_strdup_printf (_("%s is triaged and waits for a manager’s approval"), input->number);
  else
    input->message = g_strdup_printf (_("%s is triaged"), input->number);
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
  g_autoptr(AfsTriageDialog) self = user_data;
  SaveInput *input = afs_form_run_get_input (result);
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (afs_form_run_finish (result, &error) == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);

      afs_form_toast_failure (self->toast_overlay, text);
      validate (self);
      return;
    }

  self->saved = TRUE;
  g_signal_emit (self, signals[SAVED], 0, input->message);
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_field (SaveInput  *input,
           const char *field,
           char       *value)
{
  g_ptr_array_insert (input->fields, input->fields->len - 1, g_strdup (field));
  g_ptr_array_insert (input->values, input->values->len - 1, value);
}

static char *
amount_string (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", value));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AfsTriageDialog *self = AFS_TRIAGE_DIALOG (widget);
  const AfsCaseData *k;
  SaveInput *input;
  FormValues v;
  AfsCaseFacts facts;
  g_autofree char *cost = NULL, *compensation = NULL, *loss = NULL;

  validate (self);
  if (!self->valid || self->saving || self->saved || self->data == NULL)
    return;

  k = &self->data->kase;
  read_form (self, &v);
  cost = afs_form_text (self->cost_row);
  compensation = afs_form_text (self->compensation_row);
  loss = afs_form_text (self->loss_row);
  g_free (afs_form_check_amount (cost, &v.cost));
  g_free (afs_form_check_amount (compensation, &v.compensation));
  g_free (afs_form_check_amount (loss, &v.loss));

  input = g_new0 (SaveInput, 1);
  input->store = g_object_ref (afs_context_get_store (self->context));
  input->case_id = g_strdup (k->id);
  input->number = g_strdup (k->number);
  input->version = k->version;
  input->state = k->state;
  input->fields = g_ptr_array_new_with_free_func (g_free);
  input->values = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (input->fields, NULL);
  g_ptr_array_add (input->values, NULL);

  /* Only what changed: the timeline gets one line per real change. */
  if (v.scope != k->scope && v.scope != AFS_SCOPE_OUT)
    add_field (input, "scope", g_strdup (afs_scope_to_string (v.scope)));
  if (v.scope == AFS_SCOPE_OUT)
    {
      input->out_of_scope = TRUE;
      input->reason = g_strdup (v.scope_reason);
      if (g_strcmp0 (v.scope_reason, k->scope_reason) != 0)
        add_field (input, "scope_reason", g_strdup (v.scope_reason));
    }
  else
    {
      if (v.warranty != k->warranty)
        add_field (input, "warranty", g_strdup (afs_warranty_status_to_string (v.warranty)));
      if (v.severity != k->severity)
        add_field (input, "severity", g_strdup_printf ("%d", v.severity));
      if (v.cause != k->cause)
        add_field (input, "cause", g_strdup (afs_cause_to_string (v.cause)));
      if (g_strcmp0 (v.responsible_staff_id, k->responsible_staff_id) != 0)
        add_field (input, "responsible_staff_id", g_strdup (v.responsible_staff_id));
      if (g_strcmp0 (v.responsible[0] != '\0' ? v.responsible : NULL, k->responsible) != 0)
        add_field (input, "responsible", v.responsible[0] != '\0' ? g_strdup (v.responsible) : NULL);
    }
  if (g_strcmp0 (v.claim, k->third_party_claim) != 0)
    add_field (input, "third_party_claim", g_strdup (v.claim));
  if (v.cost != k->estimated_cost)
    add_field (input, "estimated_cost", amount_string (v.cost));
  if (v.compensation != k->compensation)
    add_field (input, "compensation", amount_string (v.compensation));
  if (v.loss != k->quality_loss)
    add_field (input, "quality_loss", amount_string (v.loss));

  facts_from_form (self, &v, &facts);
  input->request_approval = !input->out_of_scope &&
                            afs_workflow_needs_approval (&facts, afs_context_get_approval_policy (self->context)) &&
                            !k->approval_granted && !k->approval_pending;
  form_values_clear (&v);

  self->saving = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.save", FALSE);
  afs_form_run_async (save_work, input, (GDestroyNotify) save_input_free, NULL, NULL,
                      save_cb, g_object_ref (self));
}

/* ---- Leaving ------------------------------------------------------------------------ */

static void
discard_and_close (gpointer user_data)
{
  AfsTriageDialog *self = user_data;

  self->saved = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
afs_triage_dialog_close_request (GtkWindow *window)
{
  AfsTriageDialog *self = AFS_TRIAGE_DIALOG (window);

  if (afs_form_hold_close (window, self->saving, self->dirty && !self->saved, discard_and_close))
    return TRUE;
  return GTK_WINDOW_CLASS (afs_triage_dialog_parent_class)->close_request (window);
}

gboolean
afs_triage_dialog_get_ready (AfsTriageDialog *self)
{
  g_return_val_if_fail (AFS_IS_TRIAGE_DIALOG (self), FALSE);
  return self->ready;
}

gboolean
afs_triage_dialog_get_valid (AfsTriageDialog *self)
{
  g_return_val_if_fail (AFS_IS_TRIAGE_DIALOG (self), FALSE);
  return self->valid;
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
build_severity_rows (AfsTriageDialog *self)
{
  GtkCheckButton *group = NULL;

  for (int level = AFS_SEVERITY_MIN; level <= AFS_SEVERITY_MAX; level++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *mnemonic = NULL;

      /* The definitions of 001 §2.1, where the level is chosen. */
      /* Translators: a severity choice with its mnemonic: "Level _1". */
      mnemonic = g_strdup_printf (_("Level _%d"), level);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mnemonic);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), afs_severity_get_description (level));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, afs_severity_get_label (level),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, afs_severity_get_description (level),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (check), "severity", GINT_TO_POINTER (level));
      g_signal_connect (check, "toggled", G_CALLBACK (on_severity_toggled), self);
      self->severity_checks[level] = GTK_CHECK_BUTTON (check);
      adw_preferences_group_add (self->severity_group, row);
    }

  self->severity_error = GTK_LABEL (afs_form_error_label_new ());
  adw_preferences_group_add (self->severity_group, GTK_WIDGET (self->severity_error));
}

static void
afs_triage_dialog_constructed (GObject *object)
{
  AfsTriageDialog *self = AFS_TRIAGE_DIALOG (object);
  g_autoptr(GtkStringList) warranty = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) scope = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) causes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) claims = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (afs_triage_dialog_parent_class)->constructed (object);

  self->filling = TRUE;
  for (AfsWarrantyStatus w = 0; w < AFS_WARRANTY_N; w++)
    gtk_string_list_append (warranty, afs_warranty_status_get_label (w));
  adw_combo_row_set_model (self->warranty_choice_row, G_LIST_MODEL (warranty));
  for (AfsScope s = 0; s < AFS_SCOPE_N; s++)
    gtk_string_list_append (scope, afs_scope_get_label (s));
  adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (scope));
  for (AfsCause c = 0; c < AFS_CAUSE_N; c++)
    gtk_string_list_append (causes, afs_cause_get_label (c));
  adw_combo_row_set_model (self->cause_row, G_LIST_MODEL (causes));
  gtk_string_list_append (claims, _("No claim"));
  gtk_string_list_append (claims, _("Against the carrier"));
  gtk_string_list_append (claims, _("Against the manufacturer"));
  adw_combo_row_set_model (self->claim_row, G_LIST_MODEL (claims));
  self->filling = FALSE;

  start_load (self);
}

static void
afs_triage_dialog_dispose (GObject *object)
{
  AfsTriageDialog *self = AFS_TRIAGE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_TRIAGE_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_triage_dialog_parent_class)->dispose (object);
}

static void
afs_triage_dialog_finalize (GObject *object)
{
  AfsTriageDialog *self = AFS_TRIAGE_DIALOG (object);

  g_clear_pointer (&self->data, load_data_free);
  g_free (self->case_id);

  G_OBJECT_CLASS (afs_triage_dialog_parent_class)->finalize (object);
}

static void
afs_triage_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AfsTriageDialog *self = AFS_TRIAGE_DIALOG (object);

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
afs_triage_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AfsTriageDialog *self = AFS_TRIAGE_DIALOG (object);

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
afs_triage_dialog_class_init (AfsTriageDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = afs_triage_dialog_constructed;
  object_class->dispose = afs_triage_dialog_dispose;
  object_class->finalize = afs_triage_dialog_finalize;
  object_class->get_property = afs_triage_dialog_get_property;
  object_class->set_property = afs_triage_dialog_set_property;
  window_class->close_request = afs_triage_dialog_close_request;

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

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-triage-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, warranty_row);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, warranty_choice_row);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, scope_reason_row);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, severity_group);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, cause_row);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, staff_row);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, claim_row);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, claim_name_row);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, cost_row);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, compensation_row);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, loss_row);
  gtk_widget_class_bind_template_child (widget_class, AfsTriageDialog, outcome_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);

  gtk_widget_class_install_action (widget_class, "triage.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "triage.cancel", NULL, afs_form_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "triage.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "triage.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "triage.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "triage.cancel", NULL);
}

static void
afs_triage_dialog_init (AfsTriageDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->warranty_error = afs_form_attach_error (GTK_WIDGET (self->warranty_choice_row));
  self->scope_error = afs_form_attach_error (GTK_WIDGET (self->scope_row));
  self->scope_reason_error = afs_form_attach_error (GTK_WIDGET (self->scope_reason_row));
  self->cause_error = afs_form_attach_error (GTK_WIDGET (self->cause_row));
  self->staff_error = afs_form_attach_error (GTK_WIDGET (self->staff_row));
  self->claim_name_error = afs_form_attach_error (GTK_WIDGET (self->claim_name_row));
  self->cost_error = afs_form_attach_error (GTK_WIDGET (self->cost_row));
  self->compensation_error = afs_form_attach_error (GTK_WIDGET (self->compensation_row));
  self->loss_error = afs_form_attach_error (GTK_WIDGET (self->loss_row));
  build_severity_rows (self);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.save", FALSE);
}

AfsTriageDialog *
afs_triage_dialog_new (AfsContext *context,
                       GtkWindow  *parent,
                       const char *case_id)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  return g_object_new (AFS_TYPE_TRIAGE_DIALOG,
                       "context", context,
                       "case-id", case_id,
                       "transient-for", parent,
                       NULL);
}
