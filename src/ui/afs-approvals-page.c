/* afs-approvals-page.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-approvals-page.h"
#include "afs-error.h"
#include "afs-form.h"
#include "afs-format.h"
#include "afs-store-office.h"

typedef struct {
  AfsStore  *store;
  GPtrArray *pending;       /* AfsApprovalData* */
  GPtrArray *escalations;   /* AfsCaseData* */
} QueueData;

static void
queue_data_free (QueueData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->pending, g_ptr_array_unref);
  g_clear_pointer (&data->escalations, g_ptr_array_unref);
  g_free (data);
}

struct _AfsApprovalsPage
{
  AdwBin        parent_instance;

  AfsContext   *context;
  QueueData    *data;
  GCancellable *cancellable;
  GPtrArray    *escalation_rows;
  gboolean      ready;
  gboolean      busy;

  GtkLabel     *role_label;
  GtkStack     *queue_stack;
  GtkListBox   *queue_list;
  AdwPreferencesGroup *escalations_group;
  GtkWidget    *decision_box;
};

G_DEFINE_FINAL_TYPE (AfsApprovalsPage, afs_approvals_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const AfsApprovalData *
selected_request (AfsApprovalsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->queue_list);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "approval") : NULL;
}

/* Only managers decide (DOMAIN.md 6); the core refuses anyone else too. */
static gboolean
may_decide (AfsApprovalsPage *self,
            char            **why)
{
  AfsCaseFacts facts = { 0 };
  g_autoptr(GError) error = NULL;

  facts.state = AFS_CASE_STATE_AWAITING_APPROVAL;
  facts.approval_pending = TRUE;
  facts.has_reason = TRUE;
  if (!afs_workflow_check (&facts, afs_context_get_approval_policy (self->context),
                           AFS_ACTION_APPROVE, afs_context_get_role (self->context), &error) &&
      g_error_matches (error, AFS_ERROR, AFS_ERROR_FORBIDDEN))
    {
      if (why != NULL)
        *why = g_strdup_printf (_("%s Your role in Preferences is “%s”."), error->message,
                                afs_role_get_label (afs_context_get_role (self->context)));
      return FALSE;
    }
  return TRUE;
}

static void
update_actions (AfsApprovalsPage *self)
{
  g_autofree char *why = NULL;
  gboolean allowed = may_decide (self, &why);
  gboolean chosen = selected_request (self) != NULL;

  gtk_label_set_label (self->role_label, why != NULL ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (self->role_label), why != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "approvals.approve", allowed && chosen && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "approvals.reject", allowed && chosen && !self->busy);
}

static void
on_row_selected (AfsApprovalsPage *self)
{
  /* Rows are removed while the page is disposed. */
  if (self->context != NULL)
    update_actions (self);
}

static void decide (AfsApprovalsPage *self, gboolean approve);

static void
on_row_activated (AfsApprovalsPage *self,
                  GtkListBoxRow    *row)
{
  gtk_list_box_select_row (self->queue_list, row);
  if (may_decide (self, NULL))
    decide (self, TRUE);
}

static GtkWidget *
request_row (const AfsApprovalData *a)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *when = afs_format_datetime (a->requested_at);
  g_autofree char *cost = afs_format_money (a->estimated_cost);
  g_autofree char *compensation = afs_format_money (a->compensation);
  g_autofree char *subtitle = NULL;
  GtkWidget *badge;

  /* Translators: an approval request: "AS-2026-000123 · Anna Nowak". */
  title = g_strdup_printf (_("%s · %s"), a->case_number, a->customer_name != NULL ? a->customer_name : "");
  /* Translators: why and by whom: "Level 1, return\nRequested by Jan Kowalski, 3 Feb 2026, 14:05 · cost 2,500.00 · compensation 0.00". */
  subtitle = g_strdup_printf (_("%s\nRequested by %s, %s · cost %s · compensation %s"),
                              a->reasons_text != NULL ? a->reasons_text : "",
                              a->requested_by_name != NULL ? a->requested_by_name : _("someone"),
                              when, cost, compensation);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  if (a->severity >= AFS_SEVERITY_MIN)
    {
      g_autofree char *sev = afs_format_severity_short (a->severity);
      g_autofree char *cls = g_strdup_printf ("severity-%d", a->severity);

      badge = gtk_label_new (sev);
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "severity-badge");
      gtk_widget_add_css_class (badge, cls);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);
    }

  g_object_set_data (G_OBJECT (row), "approval", (gpointer) a);
  return row;
}

static void
show_queue (AfsApprovalsPage *self)
{
  QueueData *d = self->data;
  const AfsApprovalPolicy *policy = afs_context_get_approval_policy (self->context);

  afs_form_list_box_remove_all (self->queue_list);
  for (guint i = 0; i < self->escalation_rows->len; i++)
    adw_preferences_group_remove (self->escalations_group, g_ptr_array_index (self->escalation_rows, i));
  g_ptr_array_set_size (self->escalation_rows, 0);

  for (guint i = 0; i < d->pending->len; i++)
    gtk_list_box_append (self->queue_list, request_row (g_ptr_array_index (d->pending, i)));
  gtk_stack_set_visible_child_name (self->queue_stack, d->pending->len > 0 ? "list" : "empty");
  gtk_widget_set_visible (self->decision_box, d->pending->len > 0);
  if (d->pending->len > 0)
    gtk_list_box_select_row (self->queue_list, gtk_list_box_get_row_at_index (self->queue_list, 0));

  {
    g_autofree char *limit = afs_format_money (policy->quality_loss_threshold);
    g_autofree char *description =
      /* Translators: %s is the loss threshold, "20,000.00". */
      g_strdup_printf (_("Cases whose quality loss is over %s (002) are flagged for management."), limit);
    adw_preferences_group_set_description (self->escalations_group, description);
  }

  for (guint i = 0; i < d->escalations->len; i++)
    {
      const AfsCaseData *k = g_ptr_array_index (d->escalations, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *loss = afs_format_money (k->quality_loss);
      g_autofree char *title = g_strdup_printf (_("%s · %s"), k->number, k->customer_name != NULL ? k->customer_name : "");
      /* Translators: "Flagged: quality loss 25,000.00 · In progress". */
      g_autofree char *subtitle = g_strdup_printf (_("Flagged: quality loss %s · %s"), loss,
                                                   afs_case_state_get_label (k->state));

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Flagged for management"), -1);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_add_css_class (row, "escalated");
      adw_preferences_group_add (self->escalations_group, row);
      g_ptr_array_add (self->escalation_rows, row);
    }
  if (d->escalations->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No quality accident over the threshold"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->escalations_group, row);
      g_ptr_array_add (self->escalation_rows, row);
    }

  update_actions (self);
}

/* ---- Loading ------------------------------------------------------------------ */

static gpointer
load_work (gpointer      input,
           GCancellable *cancellable,
           GError      **error)
{
  QueueData *d = input;

  if ((d->pending = afs_store_list_pending_approvals (d->store, error)) == NULL ||
      (d->escalations = afs_store_list_quality_escalations (d->store, error)) == NULL)
    {
      queue_data_free (d);
      return NULL;
    }
  return d;
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AfsApprovalsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  QueueData *d = afs_form_run_finish (result, &error);

  if (d == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Cannot load the approvals: %s"), error->message);
          afs_form_toast (GTK_WIDGET (self), text);
          self->ready = TRUE;
        }
      return;
    }

  /* The rows point into the data: clear them before freeing it. */
  afs_form_list_box_remove_all (self->queue_list);
  g_clear_pointer (&self->data, queue_data_free);
  self->data = d;
  show_queue (self);
  self->ready = TRUE;
}

void
afs_approvals_page_reload (AfsApprovalsPage *self)
{
  QueueData *d;

  g_return_if_fail (AFS_IS_APPROVALS_PAGE (self));

  if (self->context == NULL)
    return;
  afs_form_renew_cancellable (&self->cancellable);
  self->ready = FALSE;

  d = g_new0 (QueueData, 1);
  d->store = g_object_ref (afs_context_get_store (self->context));
  afs_form_run_async (load_work, d, NULL, (GDestroyNotify) queue_data_free,
                      self->cancellable, load_cb, self);
}

/* ---- Deciding -------------------------------------------------------------------- */

typedef struct {
  AfsStore *store;
  char     *case_id;
  char     *number;
  gboolean  approve;
  char     *comment;
} DecideInput;

static void
decide_input_free (DecideInput *input)
{
  g_clear_object (&input->store);
  g_free (input->case_id);
  g_free (input->number);
  g_free (input->comment);
  g_free (input);
}

static gpointer
decide_work (gpointer      data,
             GCancellable *cancellable,
             GError      **error)
{
  DecideInput *input = data;

  if (!afs_store_decide_approval (input->store, input->case_id, input->approve,
                                  input->comment != NULL && input->comment[0] != '\0' ? input->comment : NULL,
                                  error))
    return NULL;
  return GINT_TO_POINTER (1);
}

static void
decide_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AfsApprovalsPage) self = user_data;
  DecideInput *input = afs_form_run_get_input (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  self->busy = FALSE;
  if (afs_form_run_finish (result, &error) == NULL)
    text = g_strdup_printf (_("No decision recorded: %s"), error->message);
  else if (input->approve)
    text = g_strdup_printf (_("%s is approved"), input->number);
  else
    text = g_strdup_printf (_("%s is rejected and back to triage"), input->number);
  afs_form_toast (GTK_WIDGET (self), text);

  if (self->context != NULL)
    {
      afs_context_cases_changed (self->context);
      afs_approvals_page_reload (self);
    }
}

static void
on_comment_changed (AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  gboolean approve = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "approve"));
  g_autofree char *text = afs_form_text (entry);

  /* A rejection says why; an approval may. */
  adw_message_dialog_set_response_enabled (dialog, "decide", approve || text[0] != '\0');
}

static void
on_decide_response (AdwMessageDialog *dialog,
                    const char       *response,
                    AfsApprovalsPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  gboolean approve = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "approve"));
  const char *case_id = g_object_get_data (G_OBJECT (dialog), "case-id");
  const char *number = g_object_get_data (G_OBJECT (dialog), "number");
  DecideInput *input;

  if (g_strcmp0 (response, "decide") != 0)
    return;

  input = g_new0 (DecideInput, 1);
  input->store = g_object_ref (afs_context_get_store (self->context));
  input->case_id = g_strdup (case_id);
  input->number = g_strdup (number);
  input->approve = approve;
  input->comment = afs_form_text (entry);
  if (!approve && input->comment[0] == '\0')
    {
      decide_input_free (input);
      return;
    }

  self->busy = TRUE;
  update_actions (self);
  afs_form_run_async (decide_work, input, (GDestroyNotify) decide_input_free, NULL, NULL,
                      decide_cb, g_object_ref (self));
}

static void
decide (AfsApprovalsPage *self,
        gboolean          approve)
{
  const AfsApprovalData *a = selected_request (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (a == NULL || self->busy)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       approve ? _("Approve the Request?") : _("Reject the Request?"),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  approve
                                  ? _("%s (%s) may go on to dispatch. A comment is optional.")
                                  : _("%s (%s) goes back to triage. Say why, so the office can change the plan."),
                                  a->case_number, a->reasons_text != NULL ? a->reasons_text : "");
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), approve ? _("Comment (optional)") : _("Reason for rejecting"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comment"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "decide", approve ? _("_Approve") : _("_Reject"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "decide",
                                              approve ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "decide");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "decide", approve);

  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "approve", GINT_TO_POINTER (approve));
  g_object_set_data_full (G_OBJECT (dialog), "case-id", g_strdup (a->case_id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "number", g_strdup (a->case_number), g_free);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_comment_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_decide_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  decide (AFS_APPROVALS_PAGE (widget), g_str_equal (action_name, "approvals.approve"));
}

gboolean
afs_approvals_page_get_ready (AfsApprovalsPage *self)
{
  g_return_val_if_fail (AFS_IS_APPROVALS_PAGE (self), FALSE);
  return self->ready && !self->busy;
}

guint
afs_approvals_page_get_n_pending (AfsApprovalsPage *self)
{
  g_return_val_if_fail (AFS_IS_APPROVALS_PAGE (self), 0);
  return self->data != NULL ? self->data->pending->len : 0;
}

/* ---- GObject ---------------------------------------------------------------------- */

static gboolean
afs_approvals_page_grab_focus (GtkWidget *widget)
{
  AfsApprovalsPage *self = AFS_APPROVALS_PAGE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->queue_list);

  if (row != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (row));
  return GTK_WIDGET_CLASS (afs_approvals_page_parent_class)->grab_focus (widget);
}

static void
on_policy_changed (AfsApprovalsPage *self)
{
  if (self->data != NULL)
    update_actions (self);
}

static void
load_when_shown (GtkWidget *page)
{
  afs_approvals_page_reload (AFS_APPROVALS_PAGE (page));
}

static void
afs_approvals_page_constructed (GObject *object)
{
  AfsApprovalsPage *self = AFS_APPROVALS_PAGE (object);

  G_OBJECT_CLASS (afs_approvals_page_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "policy-changed", G_CALLBACK (on_policy_changed),
                           self, G_CONNECT_SWAPPED);
  update_actions (self);
  afs_form_load_when_shown (GTK_WIDGET (self), load_when_shown);
}

static void
afs_approvals_page_dispose (GObject *object)
{
  AfsApprovalsPage *self = AFS_APPROVALS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* AdwBin unparents its child itself: drop it here, not with
   * gtk_widget_dispose_template(), or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_approvals_page_parent_class)->dispose (object);
}

static void
afs_approvals_page_finalize (GObject *object)
{
  AfsApprovalsPage *self = AFS_APPROVALS_PAGE (object);

  g_clear_pointer (&self->data, queue_data_free);
  g_clear_pointer (&self->escalation_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (afs_approvals_page_parent_class)->finalize (object);
}

static void
afs_approvals_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AfsApprovalsPage *self = AFS_APPROVALS_PAGE (object);

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
afs_approvals_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AfsApprovalsPage *self = AFS_APPROVALS_PAGE (object);

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
afs_approvals_page_class_init (AfsApprovalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = afs_approvals_page_constructed;
  object_class->dispose = afs_approvals_page_dispose;
  object_class->finalize = afs_approvals_page_finalize;
  object_class->get_property = afs_approvals_page_get_property;
  object_class->set_property = afs_approvals_page_set_property;
  widget_class->grab_focus = afs_approvals_page_grab_focus;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-approvals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsApprovalsPage, role_label);
  gtk_widget_class_bind_template_child (widget_class, AfsApprovalsPage, queue_stack);
  gtk_widget_class_bind_template_child (widget_class, AfsApprovalsPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, AfsApprovalsPage, escalations_group);
  gtk_widget_class_bind_template_child (widget_class, AfsApprovalsPage, decision_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "approvals.approve", NULL, decide_action);
  gtk_widget_class_install_action (widget_class, "approvals.reject", NULL, decide_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "approvals.approve", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "approvals.reject", NULL);
}

static void
afs_approvals_page_init (AfsApprovalsPage *self)
{
  self->escalation_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
}

GtkWidget *
afs_approvals_page_new (AfsContext *context)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);

  return g_object_new (AFS_TYPE_APPROVALS_PAGE, "context", context, NULL);
}
