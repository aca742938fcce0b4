/* afs-case-page.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-case-page.h"
#include "afs-error.h"
#include "afs-form.h"
#include "afs-format.h"
#include "afs-store-office.h"
#include "afs-visit-window.h"

typedef enum {
  GROUP_DEADLINES,
  GROUP_CUSTOMER,
  GROUP_EQUIPMENT,
  GROUP_REQUEST,
  GROUP_ASSESSMENT,
  N_GROUPS
} GroupId;

typedef enum {
  ROW_RESPOND,
  ROW_ARRIVE,
  ROW_RESOLVE,
  ROW_CUSTOMER_NAME,
  ROW_CUSTOMER_CONTACT,
  ROW_CUSTOMER_PHONE,
  ROW_CUSTOMER_EMAIL,
  ROW_CUSTOMER_ADDRESS,
  ROW_CUSTOMER_REGION,
  ROW_CUSTOMER_TIER,
  ROW_EQUIPMENT_MODEL,
  ROW_EQUIPMENT_SERIAL,
  ROW_EQUIPMENT_PRODUCED,
  ROW_EQUIPMENT_PURCHASED,
  ROW_EQUIPMENT_INSTALLED,
  ROW_EQUIPMENT_WARRANTY_END,
  ROW_REQUEST_NUMBER,
  ROW_REQUEST_CHANNEL,
  ROW_REQUEST_CATEGORY,
  ROW_REQUEST_REPORTED,
  ROW_REQUEST_CONTACT,
  ROW_REQUEST_PHONE,
  ROW_REQUEST_DESCRIPTION,
  ROW_SCOPE,
  ROW_WARRANTY,
  ROW_SEVERITY,
  ROW_CAUSE,
  ROW_RESPONSIBLE,
  ROW_THIRD_PARTY,
  ROW_COST,
  ROW_COMPENSATION,
  N_ROWS
} RowId;

static const struct {
  GroupId     group;
  const char *title;
} row_info[N_ROWS] = {
  [ROW_RESPOND]              = { GROUP_DEADLINES, N_("Respond by") },
  [ROW_ARRIVE]               = { GROUP_DEADLINES, N_("Arrive by") },
  [ROW_RESOLVE]              = { GROUP_DEADLINES, N_("Resolve by") },
  [ROW_CUSTOMER_NAME]        = { GROUP_CUSTOMER, N_("Name") },
  [ROW_CUSTOMER_CONTACT]     = { GROUP_CUSTOMER, N_("Contact") },
  [ROW_CUSTOMER_PHONE]       = { GROUP_CUSTOMER, N_("Phone") },
  [ROW_CUSTOMER_EMAIL]       = { GROUP_CUSTOMER, N_("Email") },
  [ROW_CUSTOMER_ADDRESS]     = { GROUP_CUSTOMER, N_("Address") },
  [ROW_CUSTOMER_REGION]      = { GROUP_CUSTOMER, N_("Region") },
  [ROW_CUSTOMER_TIER]        = { GROUP_CUSTOMER, N_("Tier") },
  [ROW_EQUIPMENT_MODEL]      = { GROUP_EQUIPMENT, N_("Model") },
  [ROW_EQUIPMENT_SERIAL]     = { GROUP_EQUIPMENT, N_("Serial or batch number") },
  [ROW_EQUIPMENT_PRODUCED]   = { GROUP_EQUIPMENT, N_("Production date") },
  [ROW_EQUIPMENT_PURCHASED]  = { GROUP_EQUIPMENT, N_("Purchase date") },
  [ROW_EQUIPMENT_INSTALLED]  = { GROUP_EQUIPMENT, N_("Installation date") },
  [ROW_EQUIPMENT_WARRANTY_END] = { GROUP_EQUIPMENT, N_("Warranty until") },
  [ROW_REQUEST_NUMBER]       = { GROUP_REQUEST, N_("Case number") },
  [ROW_REQUEST_CHANNEL]      = { GROUP_REQUEST, N_("Channel") },
  [ROW_REQUEST_CATEGORY]     = { GROUP_REQUEST, N_("Category") },
  [ROW_REQUEST_REPORTED]     = { GROUP_REQUEST, N_("Reported") },
  [ROW_REQUEST_CONTACT]      = { GROUP_REQUEST, N_("Contact for this case") },
  [ROW_REQUEST_PHONE]        = { GROUP_REQUEST, N_("Contact phone") },
  [ROW_REQUEST_DESCRIPTION]  = { GROUP_REQUEST, N_("Description") },
  [ROW_SCOPE]                = { GROUP_ASSESSMENT, N_("Scope") },
  [ROW_WARRANTY]             = { GROUP_ASSESSMENT, N_("Warranty") },
  [ROW_SEVERITY]             = { GROUP_ASSESSMENT, N_("Severity") },
  [ROW_CAUSE]                = { GROUP_ASSESSMENT, N_("Cause") },
  [ROW_RESPONSIBLE]          = { GROUP_ASSESSMENT, N_("Responsible") },
  [ROW_THIRD_PARTY]          = { GROUP_ASSESSMENT, N_("Third-party claim") },
  [ROW_COST]                 = { GROUP_ASSESSMENT, N_("Estimated cost") },
  [ROW_COMPENSATION]         = { GROUP_ASSESSMENT, N_("Compensation") },
};

/* What one background load gathers: all reads of the page at once. */
typedef struct {
  AfsCaseData      kase;
  AfsCustomerData  customer;
  AfsEquipmentData equipment;
  gboolean         has_customer;
  gboolean         has_equipment;
  GPtrArray       *assignments;
  GPtrArray       *audit;
  AfsCaseFacts     facts;
  gboolean         has_facts;
} CaseDetails;

struct _AfsCasePage
{
  GtkWidget       parent_instance;

  AfsContext     *context;
  char           *case_id;
  CaseDetails    *details;       /* what is on screen */
  GCancellable   *cancellable;
  gboolean        loaded;

  GtkStack       *stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *error_page;
  GtkLabel       *number_label;
  GtkLabel       *customer_title_label;
  GtkLabel       *state_label;
  GtkLabel       *severity_label;
  GtkLabel       *next_due_label;
  GtkFlowBox     *actions_box;
  GtkLabel       *actions_hint_label;
  AdwPreferencesGroup *groups[N_GROUPS];
  AdwPreferencesGroup *technicians_group;
  AdwPreferencesGroup *timeline_group;
  GtkScrolledWindow   *scroller;

  AdwActionRow   *rows[N_ROWS];
  GtkLabel       *due_labels[3];   /* suffixes of the deadline rows */
  GPtrArray      *dynamic_rows[2]; /* technicians, timeline */
};

G_DEFINE_FINAL_TYPE (AfsCasePage, afs_case_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CASE_ID,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
case_details_free (CaseDetails *details)
{
  afs_case_data_clear (&details->kase);
  afs_customer_data_clear (&details->customer);
  afs_equipment_data_clear (&details->equipment);
  g_clear_pointer (&details->assignments, g_ptr_array_unref);
  g_clear_pointer (&details->audit, g_ptr_array_unref);
  g_free (details);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaseDetails, case_details_free)

/* ---- Loading -------------------------------------------------------------- */

typedef struct {
  AfsStore *store;
  char     *case_id;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_clear_object (&request->store);
  g_free (request->case_id);
  g_free (request);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  g_autoptr(CaseDetails) details = g_new0 (CaseDetails, 1);
  g_autoptr(GError) error = NULL;

  if (!afs_store_get_case (request->store, request->case_id, &details->kase, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The rest is best effort: a case whose customer record is missing is
   * still worth showing. */
  if (details->kase.customer_id != NULL)
    details->has_customer = afs_store_get_customer (request->store, details->kase.customer_id,
                                                    &details->customer, NULL);
  if (details->kase.equipment_id != NULL)
    details->has_equipment = afs_store_get_equipment (request->store, details->kase.equipment_id,
                                                      &details->equipment, NULL);
  details->assignments = afs_store_list_assignments (request->store, request->case_id, NULL);
  details->audit = afs_store_list_audit (request->store, request->case_id, NULL);
  details->has_facts = afs_store_get_case_facts (request->store, request->case_id,
                                                 &details->facts, NULL);

  g_task_return_pointer (task, g_steal_pointer (&details), (GDestroyNotify) case_details_free);
}

static void show_details (AfsCasePage *self);

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  CaseDetails *details;

  details = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&details, case_details_free);
      return;
    }

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);

  if (details == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      afs_form_toast (GTK_WIDGET (self), error->message);
      return;
    }

  g_clear_pointer (&self->details, case_details_free);
  self->details = details;
  show_details (self);

  self->loaded = TRUE;
  g_signal_emit (self, signals[LOADED], 0);
}

static void
start_load (AfsCasePage *self,
            gboolean     keep_content)
{
  g_autoptr(GTask) task = NULL;
  LoadRequest *request;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->loaded = FALSE;

  if (self->case_id == NULL)
    {
      g_clear_pointer (&self->details, case_details_free);
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  self->cancellable = g_cancellable_new ();

  /* A refresh of the same case keeps what is shown until the new data is
   * there; a different case shows a spinner instead of the old one. */
  if (!keep_content)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);
    }

  request = g_new0 (LoadRequest, 1);
  request->store = g_object_ref (afs_context_get_store (self->context));
  request->case_id = g_strdup (self->case_id);

  /* No source object: the task's last reference may be dropped on the
   * worker thread, and a widget must never be finalized there. The page is
   * held by the callback's user data instead, released on this thread. */
  task = g_task_new (NULL, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, request, (GDestroyNotify) load_request_free);
  g_task_run_in_thread (task, load_thread);
}

/* ---- Showing -------------------------------------------------------------- */

static void
set_row (AfsCasePage *self,
         RowId        row,
         const char  *value)
{
  adw_action_row_set_subtitle (self->rows[row],
                               value != NULL && value[0] != '\0' ? value : "—");
}

static void
set_row_take (AfsCasePage *self,
              RowId        row,
              char        *value)
{
  set_row (self, row, value);
  g_free (value);
}

static void
clear_dynamic_rows (AfsCasePage         *self,
                    guint                which,
                    AdwPreferencesGroup *group)
{
  GPtrArray *rows = self->dynamic_rows[which];

  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static AdwActionRow *
new_row (const char *title,
         const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Case data is free text: never let it be read as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  return row;
}

static void
update_due_row (AfsCasePage *self,
                RowId        row,
                gint64       due,
                gint64       done_at,
                gint64       now)
{
  GtkLabel *label = self->due_labels[row - ROW_RESPOND];
  GtkWidget *widget = GTK_WIDGET (label);
  g_autofree char *when = afs_format_datetime (due);
  gboolean open = afs_case_state_is_open (self->details->kase.state);

  gtk_widget_remove_css_class (widget, "overdue");
  gtk_widget_remove_css_class (widget, "due-soon");
  gtk_widget_remove_css_class (widget, "met");
  gtk_widget_remove_css_class (widget, "dim-label");

  if (due == 0)
    {
      set_row (self, row, _("No deadline"));
      gtk_label_set_label (label, "");
      return;
    }

  if (done_at != 0)
    {
      /* The deadline in the subtitle with when it was done; the suffix
       * says in one word whether it was kept. */
      g_autofree char *at = afs_format_datetime (done_at);
      gboolean kept = done_at <= due;

      /* Translators: a deadline and when it was done: "14 Nov 2026, 12:39 · done 13 Nov 2026, 15:06". */
      set_row_take (self, row, g_strdup_printf (_("%s · done %s"), when, at));
      /* Translators: a deadline that was kept. */
      gtk_label_set_label (label, kept ? _("Met") :
                           /* Translators: a deadline that was kept too late. */
                           _("Late"));
      gtk_widget_add_css_class (widget, kept ? "met" : "overdue");
    }
  else if (open)
    {
      g_autofree char *left = afs_deadline_format_left (due, now);
      AfsDueStatus status = afs_deadline_status (afs_context_get_deadline_policy (self->context),
                                                 due, now);

      set_row (self, row, when);
      gtk_label_set_label (label, left);
      if (status == AFS_DUE_OVERDUE)
        gtk_widget_add_css_class (widget, "overdue");
      else if (status == AFS_DUE_SOON)
        gtk_widget_add_css_class (widget, "due-soon");
    }
  else
    {
      set_row (self, row, when);
      /* Translators: a deadline of a case that ended before it mattered. */
      gtk_label_set_label (label, _("Not needed"));
      gtk_widget_add_css_class (widget, "dim-label");
    }
}

void
afs_case_page_update_due (AfsCasePage *self,
                          gint64       now)
{
  const AfsCaseData *k;
  gint64 next_due;

  g_return_if_fail (AFS_IS_CASE_PAGE (self));

  if (self->details == NULL)
    return;

  k = &self->details->kase;
  update_due_row (self, ROW_RESPOND, k->respond_due, k->responded_at, now);
  update_due_row (self, ROW_ARRIVE, k->arrive_due, k->arrived_at, now);
  update_due_row (self, ROW_RESOLVE, k->resolve_due, k->resolved_at, now);

  gtk_widget_remove_css_class (GTK_WIDGET (self->next_due_label), "overdue");
  gtk_widget_remove_css_class (GTK_WIDGET (self->next_due_label), "due-soon");
  next_due = afs_deadline_next_due (k->state, k->respond_due, k->responded_at,
                                    k->arrive_due, k->arrived_at,
                                    k->resolve_due, k->resolved_at);
  if (next_due != 0)
    {
      g_autofree char *left = afs_deadline_format_left (next_due, now);
      AfsDueStatus status = afs_deadline_status (afs_context_get_deadline_policy (self->context),
                                                 next_due, now);

      gtk_label_set_label (self->next_due_label, left);
      if (status == AFS_DUE_OVERDUE)
        gtk_widget_add_css_class (GTK_WIDGET (self->next_due_label), "overdue");
      else if (status == AFS_DUE_SOON)
        gtk_widget_add_css_class (GTK_WIDGET (self->next_due_label), "due-soon");
    }
  else
    gtk_label_set_label (self->next_due_label, "");
}

static gboolean
action_needs_reason (AfsAction action)
{
  switch (action)
    {
    case AFS_ACTION_MARK_OUT_OF_SCOPE:
    case AFS_ACTION_REJECT:
    case AFS_ACTION_PLAN_SECOND_VISIT:
    case AFS_ACTION_REOPEN:
    case AFS_ACTION_CANCEL:
      return TRUE;
    default:
      return FALSE;
    }
}

typedef struct {
  AfsStore  *store;
  char      *case_id;
  char      *number;
  AfsAction  action;
  char      *reason;
} ApplyRequest;

static void
apply_request_free (ApplyRequest *request)
{
  g_clear_object (&request->store);
  g_free (request->case_id);
  g_free (request->number);
  g_free (request->reason);
  g_free (request);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyRequest *request = task_data;
  GError *error = NULL;

  /* A request for approval also records its reasons (issue 3). */
  if (request->action == AFS_ACTION_REQUEST_APPROVAL
      ? afs_store_request_approval (request->store, request->case_id, request->reason, &error)
      : afs_store_apply_action (request->store, request->case_id, request->action,
                                request->reason, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
apply_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AfsCasePage) self = user_data;
  ApplyRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* The window closed while the action was being written. */
  if (self->context == NULL)
    {
      g_task_propagate_boolean (G_TASK (result), NULL);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->actions_box), TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: a toast when an action failed: "Dispatch: <why>". */
      g_autofree char *text = g_strdup_printf (_("%s: %s"),
                                               afs_action_get_label (request->action),
                                               error->message);
      afs_form_toast (GTK_WIDGET (self), text);
      afs_case_page_reload (self);
    }
  else
    {
      AfsCaseState target = AFS_CASE_STATE_N;
      g_autofree char *text = NULL;

      if (self->details != NULL)
        target = afs_workflow_target (request->action, self->details->kase.state);
      if (target != AFS_CASE_STATE_N)
        /* Translators: a toast after an action: "AS-2026-000123 is now Dispatched". */
        text = g_strdup_printf (_("%s is now %s"), request->number,
                                afs_case_state_get_label (target));
      else
        text = g_strdup_printf (_("%s: %s"), request->number,
                                afs_action_get_label (request->action));
      afs_form_toast (GTK_WIDGET (self), text);

      /* The list and this page reload from the store. */
      afs_context_cases_changed (self->context);
    }
}

static void
apply_action (AfsCasePage *self,
              AfsAction    action,
              const char  *reason)
{
  g_autoptr(GTask) task = NULL;
  ApplyRequest *request;

  g_return_if_fail (self->details != NULL);

  request = g_new0 (ApplyRequest, 1);
  request->store = g_object_ref (afs_context_get_store (self->context));
  request->case_id = g_strdup (self->details->kase.id);
  request->number = g_strdup (self->details->kase.number);
  request->action = action;
  request->reason = g_strdup (reason);

  /* One action at a time. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->actions_box), FALSE);

  task = g_task_new (NULL, NULL, apply_cb, g_object_ref (self));
  g_task_set_source_tag (task, apply_action);
  g_task_set_task_data (task, request, (GDestroyNotify) apply_request_free);
  g_task_run_in_thread (task, apply_thread);
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "apply", text[0] != '\0');
}

static void
on_reason_response (AdwMessageDialog *dialog,
                    const char       *response,
                    AfsCasePage      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  AfsAction action = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "action"));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "apply") && reason[0] != '\0' && self->details != NULL)
    apply_action (self, action, reason);
}

static void
ask_reason (AfsCasePage *self,
            AfsAction    action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       afs_action_get_label (action), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Give the reason for case %s. It is recorded in the timeline and may be shown to the customer."),
                                  self->details->kase.number);

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "apply", afs_action_get_label (action),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply",
                                              action == AFS_ACTION_CANCEL
                                              ? ADW_RESPONSE_DESTRUCTIVE
                                              : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "apply", FALSE);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "action", GINT_TO_POINTER (action));
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reason_response), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_action_clicked (GtkButton   *button,
                   AfsCasePage *self)
{
  AfsAction action = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "afs-action"));

  if (self->details == NULL)
    return;

  /* Office desk (issue 3): these steps need more than a click. */
  switch (action)
    {
    case AFS_ACTION_TRIAGE:
    case AFS_ACTION_MARK_OUT_OF_SCOPE:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.triage", NULL);
      return;
    case AFS_ACTION_DISPATCH:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.dispatch", NULL);
      return;
    case AFS_ACTION_APPROVE:
    case AFS_ACTION_REJECT:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.approvals", NULL);
      return;
    default:
      break;
    }

  if (action_needs_reason (action))
    ask_reason (self, action);
  else
    apply_action (self, action, NULL);
}

/* On site (issue 4): the visit, its photos, report and sign-off, in a
 * window of its own so the technician can keep the case list beside it. */
static void
on_open_visit_clicked (GtkButton   *button,
                       AfsCasePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *visit;

  if (self->details == NULL || self->case_id == NULL)
    return;

  visit = afs_visit_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                self->context, self->case_id);
  gtk_window_present (GTK_WINDOW (visit));
}

static gboolean
state_has_visit (AfsCaseState state)
{
  return state == AFS_CASE_STATE_DISPATCHED || state == AFS_CASE_STATE_ON_SITE ||
         state == AFS_CASE_STATE_SECOND_VISIT || state == AFS_CASE_STATE_RESOLVED ||
         state == AFS_CASE_STATE_CLOSED;
}

static void
show_actions (AfsCasePage *self)
{
  const CaseDetails *d = self->details;
  AfsRole role = afs_context_get_role (self->context);
  const AfsApprovalPolicy *policy = afs_context_get_approval_policy (self->context);
  g_autoptr(GString) hints = g_string_new (NULL);
  GtkWidget *child;
  guint n_shown = 0;
  gboolean suggested = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_flow_box_remove (self->actions_box, child);

  for (AfsAction action = 0; action < AFS_ACTION_N; action++)
    {
      AfsCaseFacts facts;
      g_autoptr(GError) error = NULL;
      GtkWidget *button;
      gboolean allowed;

      if (!d->has_facts || afs_workflow_target (action, d->facts.state) == AFS_CASE_STATE_N)
        continue;

      /* The reason is asked for when the button is pressed, so it does not
       * count against the action here. */
      facts = d->facts;
      if (action_needs_reason (action))
        facts.has_reason = TRUE;

      allowed = afs_workflow_check (&facts, policy, action, role, &error);
      /* Triage and dispatch open their forms, which gather what is missing. */
      if (!allowed &&
          (action == AFS_ACTION_TRIAGE || action == AFS_ACTION_MARK_OUT_OF_SCOPE ||
           action == AFS_ACTION_DISPATCH) &&
          g_error_matches (error, AFS_ERROR, AFS_ERROR_PRECONDITION))
        {
          allowed = TRUE;
          g_clear_error (&error);
        }

      /* Only what this role may do at all: the rest would be noise. */
      if (!allowed && g_error_matches (error, AFS_ERROR, AFS_ERROR_FORBIDDEN))
        continue;

      button = gtk_button_new_with_label (afs_action_get_label (action));
      g_object_set_data (G_OBJECT (button), "afs-action", GINT_TO_POINTER (action));
      gtk_widget_set_sensitive (button, allowed);
      /* The way forward stands out; cancelling warns. */
      if (action == AFS_ACTION_CANCEL)
        gtk_widget_add_css_class (button, "destructive-action");
      else if (allowed && !suggested && action != AFS_ACTION_REOPEN)
        {
          gtk_widget_add_css_class (button, "suggested-action");
          suggested = TRUE;
        }
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small-pill");

      if (!allowed && error != NULL)
        {
          gtk_widget_set_tooltip_text (button, error->message);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                          -1);
          if (hints->len > 0)
            g_string_append_c (hints, '\n');
          /* Translators: why an action cannot be taken: "Dispatch: <why>". */
          g_string_append_printf (hints, _("%s: %s"), afs_action_get_label (action), error->message);
        }

      g_signal_connect_object (button, "clicked", G_CALLBACK (on_action_clicked), self, 0);
      gtk_flow_box_append (self->actions_box, button);
      /* The flow box child would take focus as well as the button: let
       * only the button be a tab stop. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      n_shown++;
    }

  if (d->has_facts && state_has_visit (d->facts.state))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Visit and Report…"));

      gtk_widget_set_tooltip_text (button, _("Open the visit: photos, repair report, sign-off and PDF"));
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small-pill");
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_open_visit_clicked), self, 0);
      gtk_flow_box_append (self->actions_box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      n_shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->actions_box), n_shown > 0);
  gtk_label_set_label (self->actions_hint_label, hints->str);
  gtk_widget_set_visible (GTK_WIDGET (self->actions_hint_label), hints->len > 0);
}

static void
show_technicians (AfsCasePage *self)
{
  GPtrArray *assignments = self->details->assignments;

  clear_dynamic_rows (self, 0, self->technicians_group);

  if (assignments == NULL || assignments->len == 0)
    {
      AdwActionRow *row = new_row (_("No technician assigned yet"), NULL);

      gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
      adw_preferences_group_add (self->technicians_group, GTK_WIDGET (row));
      g_ptr_array_add (self->dynamic_rows[0], row);
      return;
    }

  for (guint i = 0; i < assignments->len; i++)
    {
      const AfsAssignmentData *a = g_ptr_array_index (assignments, i);
      g_autofree char *assigned = afs_format_datetime (a->assigned_at);
      /* Translators: when a technician was assigned to the case. */
      g_autofree char *subtitle = g_strdup_printf (_("Assigned %s"), assigned);
      AdwActionRow *row = new_row (a->staff_name != NULL ? a->staff_name : a->staff_id, subtitle);

      if (a->lead)
        {
          GtkWidget *badge = gtk_label_new (_("Lead"));

          gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (badge, "lead-badge");
          adw_action_row_add_suffix (row, badge);
        }

      adw_preferences_group_add (self->technicians_group, GTK_WIDGET (row));
      g_ptr_array_add (self->dynamic_rows[0], row);
    }
}

/* "2026-11-23T04:00:00Z" -> "Mon 23 Nov, 05:00" (local). */
static char *
format_iso (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");
  local = g_date_time_to_local (utc);
  /* Translators: a planned time in the timeline; see g_date_time_format(). */
  return g_date_time_format (local, _("%a %-e %b, %H:%M"));
}

/* The office desk's events (issue 3) in words; NULL for the others. */
static char *
format_office_event (const AfsAuditEvent *event)
{
  const char *kind = event->kind != NULL ? event->kind : "";
  const char *field = event->field != NULL ? event->field : "";
  g_autoptr(GString) text = g_string_new (NULL);

  if (g_str_equal (kind, "assignment") && g_str_equal (field, "planned"))
    {
      g_auto(GStrv) span = event->new_value != NULL ? g_strsplit (event->new_value, "/", 2) : NULL;

      if (span != NULL && span[0] != NULL && span[1] != NULL)
        {
          g_autofree char *from = format_iso (span[0]);
          g_autofree char *to = format_iso (span[1]);

          /* Translators: "Visit planned: Mon 23 Nov, 05:00 – Mon 23 Nov, 07:00". */
          g_string_append_printf (text, _("Visit planned: %s – %s"), from, to);
        }
      else
        g_string_append (text, _("Visit plan cleared"));
    }
  else if (g_str_equal (kind, "assignment") && g_str_equal (field, "reassigned"))
    /* Translators: "Reassigned: Anna Nowak → Jan Kowalski". */
    g_string_append_printf (text, _("Reassigned: %s → %s"),
                            event->old_value != NULL ? event->old_value : "",
                            event->new_value != NULL ? event->new_value : "");
  else if (g_str_equal (kind, "assignment") && g_str_equal (field, "unassigned"))
    g_string_append_printf (text, _("Technician unassigned: %s"),
                            event->old_value != NULL ? event->old_value : "");
  else if (g_str_equal (kind, "approval") && g_str_equal (field, "requested"))
    {
      g_autofree char *reasons = afs_approval_reasons_describe (event->new_value);

      /* Translators: "Approval requested: Level 1, cost over the budget limit". */
      g_string_append_printf (text, _("Approval requested: %s"), reasons != NULL ? reasons : "");
    }
  else if (g_str_equal (kind, "approval") && g_str_equal (field, "decision"))
    g_string_append (text, g_strcmp0 (event->new_value, "approved") == 0
                           ? _("Approved by a manager")
                           : _("Rejected by a manager"));
  else if (g_str_equal (kind, "shipment"))
    /* Translators: "Parts shipped: 2 × valve → Kraków". */
    g_string_append_printf (text, _("Parts shipped: %s"), event->new_value != NULL ? event->new_value : "");
  else
    return NULL;

  if (event->comment != NULL && event->comment[0] != '\0')
    g_string_append_printf (text, " — %s", event->comment);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_timeline (AfsCasePage *self)
{
  GPtrArray *audit = self->details->audit;

  clear_dynamic_rows (self, 1, self->timeline_group);

  if (audit == NULL)
    return;

  for (guint i = 0; i < audit->len; i++)
    {
      const AfsAuditEvent *event = g_ptr_array_index (audit, i);
      g_autofree char *office = format_office_event (event);
      g_autofree char *what = office != NULL ? g_steal_pointer (&office) : afs_format_audit_event (event);
      g_autofree char *when = afs_format_datetime (event->at);
      g_autofree char *subtitle = NULL;
      AdwActionRow *row;

      if (event->actor_name != NULL && event->actor_name[0] != '\0')
        /* Translators: a timeline entry's time and who did it: "3 Feb 2026, 14:05 · Anna Nowak". */
        subtitle = g_strdup_printf (_("%s · %s"), when, event->actor_name);
      else
        subtitle = g_strdup (when);

      row = new_row (what, subtitle);
      adw_action_row_set_title_lines (row, 0);
      adw_preferences_group_add (self->timeline_group, GTK_WIDGET (row));
      g_ptr_array_add (self->dynamic_rows[1], row);
    }
}

static void
show_details (AfsCasePage *self)
{
  const CaseDetails *d = self->details;
  const AfsCaseData *k = &d->kase;
  const AfsCustomerData *c = &d->customer;
  const AfsEquipmentData *e = &d->equipment;
  g_autofree char *badge = NULL;
  gint64 now = afs_context_now (self->context);

  /* Header */
  gtk_label_set_label (self->number_label, k->number);
  gtk_label_set_label (self->customer_title_label, k->customer_name);
  gtk_label_set_label (self->state_label, afs_case_state_get_label (k->state));
  for (int i = 0; i <= AFS_SEVERITY_MAX; i++)
    {
      g_autofree char *cls = g_strdup_printf ("severity-%d", i);
      gtk_widget_remove_css_class (GTK_WIDGET (self->severity_label), cls);
    }
  if (k->severity >= AFS_SEVERITY_MIN && k->severity <= AFS_SEVERITY_MAX)
    {
      g_autofree char *cls = g_strdup_printf ("severity-%d", k->severity);

      badge = afs_format_severity_short (k->severity);
      gtk_label_set_label (self->severity_label, badge);
      gtk_widget_add_css_class (GTK_WIDGET (self->severity_label), cls);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->severity_label),
                                   afs_severity_get_label (k->severity));
      gtk_widget_set_visible (GTK_WIDGET (self->severity_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->severity_label), FALSE);

  show_actions (self);

  /* Customer */
  set_row (self, ROW_CUSTOMER_NAME, d->has_customer ? c->name : k->customer_name);
  set_row (self, ROW_CUSTOMER_CONTACT, c->contact_name);
  set_row (self, ROW_CUSTOMER_PHONE, c->phone);
  set_row (self, ROW_CUSTOMER_EMAIL, c->email);
  if (c->address != NULL && c->city != NULL && c->city[0] != '\0')
    /* Translators: a customer's street address and city. */
    set_row_take (self, ROW_CUSTOMER_ADDRESS, g_strdup_printf (_("%s, %s"), c->address, c->city));
  else
    set_row (self, ROW_CUSTOMER_ADDRESS, c->address != NULL ? c->address : c->city);
  set_row (self, ROW_CUSTOMER_REGION, afs_region_class_get_label (d->has_customer ? c->region : k->region));
  set_row (self, ROW_CUSTOMER_TIER, afs_customer_tier_get_label (d->has_customer ? c->tier : k->tier));

  /* Equipment */
  set_row (self, ROW_EQUIPMENT_MODEL, d->has_equipment ? e->model : k->equipment_model);
  set_row (self, ROW_EQUIPMENT_SERIAL, d->has_equipment ? e->serial : k->serial);
  set_row_take (self, ROW_EQUIPMENT_PRODUCED, afs_format_date (e->production_date));
  set_row_take (self, ROW_EQUIPMENT_PURCHASED, afs_format_date (e->purchase_date));
  set_row_take (self, ROW_EQUIPMENT_INSTALLED, afs_format_date (e->installation_date));
  if (e->warranty_end != NULL && e->warranty_end[0] != '\0')
    {
      g_autofree char *date = afs_format_date (e->warranty_end);
      gboolean in = afs_format_date_not_past (e->warranty_end, now);

      set_row_take (self, ROW_EQUIPMENT_WARRANTY_END,
                    /* Translators: "<date> (in warranty)" or "<date> (expired)". */
                    g_strdup_printf (in ? _("%s (in warranty)") : _("%s (expired)"), date));
    }
  else
    set_row (self, ROW_EQUIPMENT_WARRANTY_END, NULL);

  /* Request */
  set_row (self, ROW_REQUEST_NUMBER, k->number);
  set_row (self, ROW_REQUEST_CHANNEL, afs_channel_get_label (k->channel));
  set_row (self, ROW_REQUEST_CATEGORY, afs_category_get_label (k->category));
  set_row_take (self, ROW_REQUEST_REPORTED, afs_format_datetime (k->reported_at));
  set_row (self, ROW_REQUEST_CONTACT, k->contact_name);
  set_row (self, ROW_REQUEST_PHONE, k->contact_phone);
  set_row (self, ROW_REQUEST_DESCRIPTION, k->description);

  /* Assessment */
  if (k->scope_reason != NULL && k->scope_reason[0] != '\0')
    /* Translators: a scope decision and its reason: "Out of scope — <reason>". */
    set_row_take (self, ROW_SCOPE, g_strdup_printf (_("%s — %s"), afs_scope_get_label (k->scope), k->scope_reason));
  else
    set_row (self, ROW_SCOPE, afs_scope_get_label (k->scope));
  set_row (self, ROW_WARRANTY, afs_warranty_status_get_label (k->warranty));
  if (k->severity >= AFS_SEVERITY_MIN && k->severity <= AFS_SEVERITY_MAX)
    /* Translators: a severity and its definition: "Level 2 — <definition>". */
    set_row_take (self, ROW_SEVERITY, g_strdup_printf (_("%s — %s"),
                                                       afs_severity_get_label (k->severity),
                                                       afs_severity_get_description (k->severity)));
  else
    set_row (self, ROW_SEVERITY, afs_severity_get_label (AFS_SEVERITY_NONE));
  set_row (self, ROW_CAUSE, afs_cause_get_label (k->cause));
  set_row (self, ROW_RESPONSIBLE, k->responsible);
  set_row (self, ROW_THIRD_PARTY, k->third_party_claim);
  set_row_take (self, ROW_COST, k->estimated_cost != 0 ? afs_format_money (k->estimated_cost) : NULL);
  set_row_take (self, ROW_COMPENSATION, k->compensation != 0 ? afs_format_money (k->compensation) : NULL);

  afs_case_page_update_due (self, now);
  show_technicians (self);
  show_timeline (self);

  gtk_stack_set_visible_child_name (self->stack, "case");
}

/* ---- Public --------------------------------------------------------------- */

void
afs_case_page_set_case_id (AfsCasePage *self,
                           const char  *case_id)
{
  g_return_if_fail (AFS_IS_CASE_PAGE (self));

  if (g_strcmp0 (self->case_id, case_id) == 0)
    return;

  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  start_load (self, FALSE);

  /* A new case starts at its top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_ID]);
}

const char *
afs_case_page_get_case_id (AfsCasePage *self)
{
  g_return_val_if_fail (AFS_IS_CASE_PAGE (self), NULL);
  return self->case_id;
}

void
afs_case_page_reload (AfsCasePage *self)
{
  g_return_if_fail (AFS_IS_CASE_PAGE (self));

  if (self->case_id != NULL)
    start_load (self, self->details != NULL);
}

gboolean
afs_case_page_get_loaded (AfsCasePage *self)
{
  g_return_val_if_fail (AFS_IS_CASE_PAGE (self), FALSE);
  return self->loaded;
}

guint
afs_case_page_get_n_events (AfsCasePage *self)
{
  g_return_val_if_fail (AFS_IS_CASE_PAGE (self), 0);
  return self->dynamic_rows[1]->len;
}

const char *
afs_case_page_get_number (AfsCasePage *self)
{
  g_return_val_if_fail (AFS_IS_CASE_PAGE (self), NULL);
  return self->details != NULL ? self->details->kase.number : NULL;
}

const char *
afs_case_page_get_customer_name (AfsCasePage *self)
{
  g_return_val_if_fail (AFS_IS_CASE_PAGE (self), NULL);
  return self->details != NULL ? self->details->kase.customer_name : NULL;
}

AfsCaseState
afs_case_page_get_state (AfsCasePage *self)
{
  g_return_val_if_fail (AFS_IS_CASE_PAGE (self), AFS_CASE_STATE_N);
  return self->details != NULL ? self->details->kase.state : AFS_CASE_STATE_N;
}

/* The text of timeline line @index (title and subtitle), for tests. */
char *
afs_case_page_get_event_text (AfsCasePage *self,
                              guint        index)
{
  AdwActionRow *row;

  g_return_val_if_fail (AFS_IS_CASE_PAGE (self), NULL);
  if (index >= self->dynamic_rows[1]->len)
    return NULL;
  row = g_ptr_array_index (self->dynamic_rows[1], index);
  return g_strdup_printf ("%s\n%s",
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                          adw_action_row_get_subtitle (row) != NULL ? adw_action_row_get_subtitle (row) : "");
}

/* ---- GObject -------------------------------------------------------------- */

static void
on_cases_changed (AfsCasePage *self)
{
  afs_case_page_reload (self);
}

static void
on_policy_changed (AfsCasePage *self)
{
  /* The role or the limits changed: what may be done changed. */
  if (self->details != NULL)
    {
      show_actions (self);
      afs_case_page_update_due (self, afs_context_now (self->context));
    }
}

static void
afs_case_page_constructed (GObject *object)
{
  AfsCasePage *self = AFS_CASE_PAGE (object);

  G_OBJECT_CLASS (afs_case_page_parent_class)->constructed (object);

  g_assert (self->context != NULL);

  g_signal_connect_object (self->context, "cases-changed",
                           G_CALLBACK (on_cases_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "policy-changed",
                           G_CALLBACK (on_policy_changed), self, G_CONNECT_SWAPPED);
}

static void
afs_case_page_dispose (GObject *object)
{
  AfsCasePage *self = AFS_CASE_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_CASE_PAGE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_case_page_parent_class)->dispose (object);
}

static void
afs_case_page_finalize (GObject *object)
{
  AfsCasePage *self = AFS_CASE_PAGE (object);

  g_clear_pointer (&self->details, case_details_free);
  g_clear_pointer (&self->dynamic_rows[0], g_ptr_array_unref);
  g_clear_pointer (&self->dynamic_rows[1], g_ptr_array_unref);
  g_free (self->case_id);

  G_OBJECT_CLASS (afs_case_page_parent_class)->finalize (object);
}

static void
afs_case_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AfsCasePage *self = AFS_CASE_PAGE (object);

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
afs_case_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AfsCasePage *self = AFS_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_CASE_ID:
      afs_case_page_set_case_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_case_page_class_init (AfsCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = afs_case_page_constructed;
  object_class->dispose = afs_case_page_dispose;
  object_class->finalize = afs_case_page_finalize;
  object_class->get_property = afs_case_page_get_property;
  object_class->set_property = afs_case_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_ID] =
    g_param_spec_string ("case-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, stack);
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, error_page);
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, number_label);
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, customer_title_label);
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, state_label);
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, severity_label);
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, next_due_label);
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, actions_hint_label);
  gtk_widget_class_bind_template_child_full (widget_class, "deadlines_group", FALSE,
                                             G_STRUCT_OFFSET (AfsCasePage, groups[GROUP_DEADLINES]));
  gtk_widget_class_bind_template_child_full (widget_class, "customer_group", FALSE,
                                             G_STRUCT_OFFSET (AfsCasePage, groups[GROUP_CUSTOMER]));
  gtk_widget_class_bind_template_child_full (widget_class, "equipment_group", FALSE,
                                             G_STRUCT_OFFSET (AfsCasePage, groups[GROUP_EQUIPMENT]));
  gtk_widget_class_bind_template_child_full (widget_class, "request_group", FALSE,
                                             G_STRUCT_OFFSET (AfsCasePage, groups[GROUP_REQUEST]));
  gtk_widget_class_bind_template_child_full (widget_class, "assessment_group", FALSE,
                                             G_STRUCT_OFFSET (AfsCasePage, groups[GROUP_ASSESSMENT]));
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, technicians_group);
  gtk_widget_class_bind_template_child (widget_class, AfsCasePage, timeline_group);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "casepage");
}

static void
afs_case_page_init (AfsCasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->dynamic_rows[0] = g_ptr_array_new ();
  self->dynamic_rows[1] = g_ptr_array_new ();

  for (RowId i = 0; i < N_ROWS; i++)
    {
      self->rows[i] = new_row (_(row_info[i].title), "—");
      gtk_widget_add_css_class (GTK_WIDGET (self->rows[i]), "property");
      adw_preferences_group_add (self->groups[row_info[i].group], GTK_WIDGET (self->rows[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (self->due_labels); i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (self->rows[ROW_RESPOND + i], label);
      self->due_labels[i] = GTK_LABEL (label);
    }

  adw_action_row_set_subtitle_lines (self->rows[ROW_REQUEST_DESCRIPTION], 0);
}

GtkWidget *
afs_case_page_new (AfsContext *context)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);

  return g_object_new (AFS_TYPE_CASE_PAGE, "context", context, NULL);
}
