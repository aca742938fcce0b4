/* afs-report-editor.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-form.h"
#include "afs-report-editor.h"
#include "afs-visit-util.h"

static const char *outcome_keys[] = { NULL, "fixed", "temporary", "not_fixable" };

struct _AfsReportEditor
{
  GtkWidget        parent_instance;

  AfsContext      *context;
  char            *case_id;
  AfsRepairReport *loaded;        /* ids and versions of what is being edited */
  GCancellable    *cancellable;
  guint            autosave_id;
  guint            quiet_id;      /* commits after AFS_REPORT_COMMIT_QUIET_S without a change */
  gboolean         saving;        /* a draft write is running */
  gboolean         dirty;         /* changed since the last write started */
  gboolean         commit_wanted; /* commit the draft with the next write */
  gboolean         uncommitted;   /* changed since the last commit started */
  guint            n_commits;
  char            *commit_error;  /* why the last commit was refused, or NULL */
  gboolean         filling;       /* setting the fields: not a change */
  gboolean         read_only;
  guint            n_saves;
  guint            n_invalid;

  GtkScrolledWindow *scroller;
  GtkLabel        *status_label;
  GtkLabel        *problem_label;
  AdwPreferencesGroup *fault_group;
  GtkSwitch       *confirmed_switch;
  AdwEntryRow     *fault_row;
  AdwEntryRow     *cause_row;
  GtkTextView     *diagnosis_view;
  GtkTextView     *actions_view;
  AdwPreferencesGroup *parts_group;
  GtkMenuButton   *catalogue_button;
  GtkPopover      *catalogue_popover;
  GtkSearchEntry  *catalogue_search;
  GtkListBox      *catalogue_list;
  GtkButton       *add_part_button;
  GtkListBox      *parts_list;
  AdwPreferencesGroup *result_group;
  GtkSpinButton   *labour_spin;
  AdwEntryRow     *test_row;
  AdwComboRow     *outcome_row;
  AdwPreferencesGroup *remedy_group;
  AdwComboRow     *remedy_row;
  AdwEntryRow     *remedy_item_row;
  AdwEntryRow     *remedy_spec_row;
  AdwEntryRow     *remedy_quantity_row;
  AdwEntryRow     *remedy_reason_row;
  GtkTextView     *advice_view;
};

G_DEFINE_FINAL_TYPE (AfsReportEditor, afs_report_editor, GTK_TYPE_WIDGET)

static void schedule_save (AfsReportEditor *self);

/* ---- Small helpers --------------------------------------------------------- */

static char *
text_view_get (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
text_view_set (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

/* A quantity as typed: "2", "1.5" or "1,5"; FALSE unless it is a number > 0. */
static gboolean
parse_quantity (const char *text,
                double     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  char *end = NULL;
  double value;

  g_strdelimit (copy, ",", '.');
  if (copy[0] == '\0')
    return FALSE;
  value = g_ascii_strtod (copy, &end);
  if (end == NULL || *end != '\0' || !(value > 0) || value > 1e6)
    return FALSE;
  *out = value;
  return TRUE;
}

static char *
format_quantity (double quantity)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (quantity <= 0)
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", quantity));
}

static void
update_status (AfsReportEditor *self,
               const char      *error_message)
{
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");

  if (error_message != NULL)
    {
      /* Translators: the draft could not be written; %s says why. */
      text = g_strdup_printf (_("The draft could not be saved: %s"), error_message);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else if (self->read_only)
    text = g_strdup (_("This report is signed and can no longer be changed."));
  else if (self->commit_error != NULL)
    {
      /* Translators: the report is saved on this laptop but could not go
       * into the report the office receives; %s says why. */
      text = g_strdup_printf (_("Saved on this laptop only, not yet for the office: %s"), self->commit_error);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
    }
  else if (self->n_saves > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *time = g_date_time_format (now, "%H:%M:%S");

      /* Translators: %s is a time of day. */
      text = g_strdup_printf (_("Saved as you type · last saved %s"), time);
    }
  else
    text = g_strdup (_("Saved as you type: closing the window keeps what you wrote."));

  gtk_label_set_label (self->status_label, text);
}

/* ---- Parts rows ----------------------------------------------------------------- */

typedef struct {
  AfsReportPart *part;          /* ids, number, price; name/quantity/warranty from the widgets */
  GtkEntry      *name_entry;
  GtkEntry      *quantity_entry;
  GtkCheckButton *warranty_check;
  GtkLabel      *error_label;
  gboolean       invalid;
} PartRow;

static void
part_row_free (PartRow *row)
{
  afs_report_part_free (row->part);
  g_free (row);
}

static PartRow *
get_part_row (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "afs-part-row");
}

static void
set_invalid (AfsReportEditor *self,
             gboolean        *flag,
             gboolean         invalid)
{
  if (*flag == invalid)
    return;
  *flag = invalid;
  if (invalid)
    self->n_invalid++;
  else
    self->n_invalid--;
}

static void
on_part_quantity_changed (GtkEditable     *entry,
                          AfsReportEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_LIST_BOX_ROW);
  PartRow *part_row = get_part_row (row);
  double quantity;
  gboolean ok = parse_quantity (gtk_editable_get_text (entry), &quantity);

  set_invalid (self, &part_row->invalid, !ok);
  gtk_widget_set_visible (GTK_WIDGET (part_row->error_label), !ok);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  schedule_save (self);
}

static void
on_part_remove (GtkButton       *button,
                AfsReportEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  PartRow *part_row = get_part_row (row);

  set_invalid (self, &part_row->invalid, FALSE);
  gtk_list_box_remove (self->parts_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->parts_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->parts_list)) != NULL);
  schedule_save (self);
}

static void
on_field_changed (AfsReportEditor *self)
{
  schedule_save (self);
}

void
afs_report_editor_add_part (AfsReportEditor     *self,
                            const AfsReportPart *part)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove, *label;
  PartRow *part_row = g_new0 (PartRow, 1);
  g_autofree char *quantity = NULL;

  g_return_if_fail (AFS_IS_REPORT_EDITOR (self));

  part_row->part = part != NULL ? afs_report_part_copy (part) : afs_report_part_new ();
  if (part_row->part->quantity <= 0)
    part_row->part->quantity = 1;

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 8);

  part_row->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (part_row->name_entry), TRUE);
  gtk_entry_set_placeholder_text (part_row->name_entry, _("Part or material"));
  gtk_editable_set_text (GTK_EDITABLE (part_row->name_entry),
                         part_row->part->name != NULL ? part_row->part->name : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (part_row->name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Part name"), -1);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (part_row->name_entry));

  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this part"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this part"), -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_part_remove), self);
  gtk_box_append (GTK_BOX (top), remove);
  gtk_box_append (GTK_BOX (box), top);

  label = gtk_label_new_with_mnemonic (_("_Quantity"));
  gtk_box_append (GTK_BOX (bottom), label);
  part_row->quantity_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (part_row->quantity_entry), 6);
  gtk_entry_set_input_purpose (part_row->quantity_entry, GTK_INPUT_PURPOSE_NUMBER);
  quantity = format_quantity (part_row->part->quantity);
  gtk_editable_set_text (GTK_EDITABLE (part_row->quantity_entry), quantity);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (part_row->quantity_entry));
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (part_row->quantity_entry));

  part_row->warranty_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Under _warranty")));
  gtk_check_button_set_active (part_row->warranty_check, part_row->part->under_warranty);
  gtk_widget_set_tooltip_text (GTK_WIDGET (part_row->warranty_check),
                               _("Free of charge under the warranty; otherwise chargeable"));
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (part_row->warranty_check));

  if (part_row->part->part_number != NULL && part_row->part->part_number[0] != '\0')
    {
      label = gtk_label_new (part_row->part->part_number);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (bottom), label);
    }
  gtk_box_append (GTK_BOX (box), bottom);

  part_row->error_label = GTK_LABEL (gtk_label_new (_("The quantity must be a number greater than 0, such as 2 or 1.5.")));
  gtk_label_set_xalign (part_row->error_label, 0);
  gtk_label_set_wrap (part_row->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (part_row->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (part_row->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (part_row->error_label));

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "afs-part-row", part_row, (GDestroyNotify) part_row_free);

  g_signal_connect_swapped (part_row->name_entry, "changed", G_CALLBACK (on_field_changed), self);
  g_signal_connect (part_row->quantity_entry, "changed", G_CALLBACK (on_part_quantity_changed), self);
  g_signal_connect_swapped (part_row->warranty_check, "toggled", G_CALLBACK (on_field_changed), self);

  gtk_widget_set_sensitive (box, !self->read_only);
  gtk_list_box_append (self->parts_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->parts_list), TRUE);
  if (!self->filling)
    {
      gtk_widget_grab_focus (GTK_WIDGET (part_row->name_entry));
      schedule_save (self);
    }
}

static void
on_add_typed_part (AfsReportEditor *self)
{
  afs_report_editor_add_part (self, NULL);
}

guint
afs_report_editor_get_n_parts (AfsReportEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (AFS_IS_REPORT_EDITOR (self), 0);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->parts_list)); c; c = gtk_widget_get_next_sibling (c))
    if (get_part_row (c) != NULL)
      n++;
  return n;
}

/* ---- The catalogue ---------------------------------------------------------------- */

typedef struct {
  AfsStore  *store;
  char      *text;
  GPtrArray *parts;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_clear_object (&data->store);
  g_free (data->text);
  g_clear_pointer (&data->parts, g_ptr_array_unref);
  g_free (data);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  GError *error = NULL;

  data->parts = afs_store_search_catalogue (data->store, data->text, 50, &error);
  if (data->parts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AfsReportEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  SearchData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        afs_form_toast (GTK_WIDGET (self), error->message);
      return;
    }

  afs_form_list_box_remove_all (self->catalogue_list);

  for (guint i = 0; i < data->parts->len; i++)
    {
      AfsCataloguePart *part = g_ptr_array_index (data->parts, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), part->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), part->part_number);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "afs-catalogue-part",
                              g_steal_pointer (&g_ptr_array_index (data->parts, i)),
                              (GDestroyNotify) afs_catalogue_part_free);
      gtk_list_box_append (self->catalogue_list, row);
    }

  if (data->parts->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No parts match. Use + to type one."));

      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->catalogue_list, label);
    }
}

static void
search_catalogue (AfsReportEditor *self)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  if (self->context == NULL)
    return;

  data = g_new0 (SearchData, 1);
  data->store = g_object_ref (afs_context_get_store (self->context));
  data->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->catalogue_search)));
  task = g_task_new (NULL, self->cancellable, search_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_thread);
}

static void
on_catalogue_row_activated (AfsReportEditor *self,
                            GtkListBoxRow   *row)
{
  AfsCataloguePart *cat = g_object_get_data (G_OBJECT (row), "afs-catalogue-part");
  AfsReportPart *part;

  if (cat == NULL)
    return;

  part = afs_report_part_new ();
  part->catalogue_id = g_strdup (cat->id);
  part->part_number = g_strdup (cat->part_number);
  part->name = g_strdup (cat->name);
  part->unit_price = cat->unit_price;
  part->quantity = 1;
  gtk_popover_popdown (self->catalogue_popover);
  afs_report_editor_add_part (self, part);
  afs_report_part_free (part);
}

/* ---- Reading and filling the fields ----------------------------------------------- */

AfsRepairReport *
afs_report_editor_get_report (AfsReportEditor *self)
{
  AfsRepairReport *report;
  guint outcome;
  double quantity;

  g_return_val_if_fail (AFS_IS_REPORT_EDITOR (self), NULL);

  report = self->loaded != NULL ? afs_repair_report_copy (self->loaded) : afs_repair_report_new ();
  if (report->case_id == NULL)
    report->case_id = g_strdup (self->case_id);

#define SET_STR(field, value) G_STMT_START { g_free (report->field); report->field = (value); } G_STMT_END
  report->fault_confirmed = gtk_switch_get_active (self->confirmed_switch);
  SET_STR (fault_description, nonempty (gtk_editable_get_text (GTK_EDITABLE (self->fault_row))));
  SET_STR (cause, nonempty (gtk_editable_get_text (GTK_EDITABLE (self->cause_row))));
  SET_STR (diagnosis, text_view_get (self->diagnosis_view));
  SET_STR (actions, text_view_get (self->actions_view));
  report->labour_minutes = (int) (gtk_spin_button_get_value (self->labour_spin) * 60 + 0.5);
  SET_STR (test_result, nonempty (gtk_editable_get_text (GTK_EDITABLE (self->test_row))));
  outcome = adw_combo_row_get_selected (self->outcome_row);
  SET_STR (outcome, g_strdup (outcome < G_N_ELEMENTS (outcome_keys) ? outcome_keys[outcome] : NULL));
  report->remedy = adw_combo_row_get_selected (self->remedy_row);
  if (report->remedy >= AFS_REMEDY_N)
    report->remedy = AFS_REMEDY_NONE;
  SET_STR (remedy_item, nonempty (gtk_editable_get_text (GTK_EDITABLE (self->remedy_item_row))));
  SET_STR (remedy_spec, nonempty (gtk_editable_get_text (GTK_EDITABLE (self->remedy_spec_row))));
  report->remedy_quantity = parse_quantity (gtk_editable_get_text (GTK_EDITABLE (self->remedy_quantity_row)),
                                            &quantity) ? quantity : 0;
  SET_STR (remedy_reason, nonempty (gtk_editable_get_text (GTK_EDITABLE (self->remedy_reason_row))));
  SET_STR (advice, text_view_get (self->advice_view));
#undef SET_STR

  g_ptr_array_set_size (report->parts, 0);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->parts_list)); c; c = gtk_widget_get_next_sibling (c))
    {
      PartRow *row = get_part_row (c);
      AfsReportPart *part;

      if (row == NULL)
        continue;
      part = afs_report_part_copy (row->part);
      g_free (part->name);
      part->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->name_entry)));
      part->quantity = parse_quantity (gtk_editable_get_text (GTK_EDITABLE (row->quantity_entry)),
                                       &quantity) ? quantity : 0;
      part->under_warranty = gtk_check_button_get_active (row->warranty_check);
      g_ptr_array_add (report->parts, part);
    }

  return report;
}

static void
fill (AfsReportEditor       *self,
      const AfsRepairReport *report)
{
  g_autofree char *remedy_quantity = format_quantity (report->remedy_quantity);
  guint outcome = 0;

  self->filling = TRUE;

  gtk_switch_set_active (self->confirmed_switch, report->fault_confirmed);
  gtk_editable_set_text (GTK_EDITABLE (self->fault_row), report->fault_description ? report->fault_description : "");
  gtk_editable_set_text (GTK_EDITABLE (self->cause_row), report->cause ? report->cause : "");
  text_view_set (self->diagnosis_view, report->diagnosis);
  text_view_set (self->actions_view, report->actions);
  gtk_spin_button_set_value (self->labour_spin, report->labour_minutes / 60.0);
  gtk_editable_set_text (GTK_EDITABLE (self->test_row), report->test_result ? report->test_result : "");
  for (guint i = 1; i < G_N_ELEMENTS (outcome_keys); i++)
    if (g_strcmp0 (report->outcome, outcome_keys[i]) == 0)
      outcome = i;
  adw_combo_row_set_selected (self->outcome_row, outcome);
  adw_combo_row_set_selected (self->remedy_row, report->remedy < AFS_REMEDY_N ? report->remedy : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->remedy_item_row), report->remedy_item ? report->remedy_item : "");
  gtk_editable_set_text (GTK_EDITABLE (self->remedy_spec_row), report->remedy_spec ? report->remedy_spec : "");
  gtk_editable_set_text (GTK_EDITABLE (self->remedy_quantity_row), remedy_quantity);
  gtk_editable_set_text (GTK_EDITABLE (self->remedy_reason_row), report->remedy_reason ? report->remedy_reason : "");
  text_view_set (self->advice_view, report->advice);

  afs_form_list_box_remove_all (self->parts_list);
  self->n_invalid = 0;
  for (guint i = 0; report->parts != NULL && i < report->parts->len; i++)
    afs_report_editor_add_part (self, g_ptr_array_index (report->parts, i));
  gtk_widget_set_visible (GTK_WIDGET (self->parts_list), report->parts != NULL && report->parts->len > 0);

  self->filling = FALSE;
}

/* ---- Saving the draft ----------------------------------------------------------------- */

typedef struct {
  AfsStore        *store;
  AfsRepairReport *report;        /* what the fields hold (its case_id for a commit) */
  gboolean         write_draft;   /* something changed: write it as the draft */
  gboolean         commit;        /* then commit the draft into the report */
  gboolean         saved;
  gboolean         committed;
  GError          *commit_error;
} SaveData;

/* Writes handed to a worker and not finished (afs_report_editor_wait_for_saves()). */
static GMutex saves_lock;
static GCond saves_cond;
static guint saves_in_flight;

static void
save_finished (void)
{
  g_mutex_lock (&saves_lock);
  saves_in_flight--;
  g_cond_broadcast (&saves_cond);
  g_mutex_unlock (&saves_lock);
}

void
afs_report_editor_wait_for_saves (void)
{
  g_mutex_lock (&saves_lock);
  while (saves_in_flight > 0)
    g_cond_wait (&saves_cond, &saves_lock);
  g_mutex_unlock (&saves_lock);
}

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->report, afs_repair_report_free);
  g_clear_error (&data->commit_error);
  g_free (data);
}

/* The draft first (never lose typing), then, when asked, the draft into
 * the report row with its outbox row: one worker, so the commit always
 * sees the draft just written. */
static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (data->write_draft)
    {
      if (!afs_store_save_report_draft (data->store, data->report, &error))
        {
          save_finished ();
          g_task_return_error (task, error);
          return;
        }
      data->saved = TRUE;
    }
  if (data->commit)
    data->committed = afs_store_commit_report_draft (data->store, data->report->case_id,
                                                     &data->commit_error);
  save_finished ();
  g_task_return_boolean (task, TRUE);
}

static void start_save (AfsReportEditor *self);
static gboolean autosave_timeout (gpointer user_data);

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AfsReportEditor *self = user_data;   /* may be disposed: only fields are touched */
  g_autoptr(GError) error = NULL;
  SaveData *data = g_task_get_task_data (G_TASK (result));
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->saving = FALSE;
  if (ok && data->saved)
    self->n_saves++;
  if (ok && data->commit)
    {
      g_clear_pointer (&self->commit_error, g_free);
      if (data->committed)
        self->n_commits++;
      else
        {
          /* The draft stays; the next commit tries again. */
          self->commit_error = g_strdup (data->commit_error->message);
          self->uncommitted = TRUE;
        }
    }
  else if (!ok && data->commit)
    self->uncommitted = TRUE;
  if (!ok && data->write_draft)
    {
      /* The draft on disk lacks what was typed: write it again later,
       * and until then a commit (closing the window) must not put the
       * older draft into the report and drop it. */
      self->dirty = TRUE;
      if (self->context != NULL && self->autosave_id == 0)
        self->autosave_id = g_timeout_add (AFS_REPORT_AUTOSAVE_MS, autosave_timeout, self);
    }
  if (self->context != NULL)
    {
      update_status (self, ok ? NULL : error->message);
      if ((self->dirty || self->commit_wanted) && self->autosave_id == 0)
        start_save (self);
    }
  g_object_unref (self);
}

static void
start_save (AfsReportEditor *self)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  if (self->saving || self->read_only || self->context == NULL || self->loaded == NULL)
    return;

  data = g_new0 (SaveData, 1);
  data->store = g_object_ref (afs_context_get_store (self->context));
  /* The fields are read even for a commit alone: the case id comes with them. */
  data->report = afs_report_editor_get_report (self);
  data->write_draft = self->dirty;
  data->commit = self->commit_wanted;
  if (!data->write_draft && !data->commit)
    {
      save_data_free (data);
      return;
    }
  self->dirty = FALSE;
  self->commit_wanted = FALSE;
  if (data->commit)
    self->uncommitted = FALSE;
  self->saving = TRUE;

  /* Not cancellable: what was typed must reach the disk even when the
   * window closes meanwhile. */
  task = g_task_new (NULL, NULL, save_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_mutex_lock (&saves_lock);
  saves_in_flight++;
  g_mutex_unlock (&saves_lock);
  g_task_run_in_thread (task, save_thread);
}

static gboolean
autosave_timeout (gpointer user_data)
{
  AfsReportEditor *self = user_data;

  self->autosave_id = 0;
  start_save (self);
  return G_SOURCE_REMOVE;
}

/* What saving the report for good (or signing) would refuse, shown while
 * typing rather than at the customer's door (afs_repair_report_validate()). */
static void
check_report (AfsReportEditor *self)
{
  g_autoptr(AfsRepairReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (self->read_only || self->loaded == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
      return;
    }
  report = afs_report_editor_get_report (self);
  if (afs_repair_report_validate (report, &error))
    gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  else
    {
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
    }
}

static gboolean
quiet_timeout (gpointer user_data)
{
  AfsReportEditor *self = user_data;

  self->quiet_id = 0;
  afs_report_editor_commit (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (AfsReportEditor *self)
{
  if (self->filling || self->read_only || self->loaded == NULL)
    return;

  check_report (self);

  self->dirty = TRUE;
  self->uncommitted = TRUE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (AFS_REPORT_AUTOSAVE_MS, autosave_timeout, self);
  /* Never per keystroke: the report row (and its outbox row) once the
   * technician pauses, leaves the page or closes the window. */
  g_clear_handle_id (&self->quiet_id, g_source_remove);
  self->quiet_id = g_timeout_add_seconds (AFS_REPORT_COMMIT_QUIET_S, quiet_timeout, self);
}

/**
 * afs_report_editor_commit:
 *
 * The draft is local and never synced; this puts what was typed into the
 * report row, with its audit event and outbox row, so the office gets it
 * at the next sync (afs_store_commit_report_draft()). The visit window
 * calls it when the technician leaves the Report page or closes the
 * window; the editor itself after AFS_REPORT_COMMIT_QUIET_S seconds
 * without a change. Nothing changed since the last commit: nothing is
 * written. A report that signing would refuse stays a draft, and the
 * status line says why.
 */
void
afs_report_editor_commit (AfsReportEditor *self)
{
  g_return_if_fail (AFS_IS_REPORT_EDITOR (self));

  g_clear_handle_id (&self->quiet_id, g_source_remove);
  if (self->read_only || self->loaded == NULL || self->context == NULL || !self->uncommitted)
    return;
  self->commit_wanted = TRUE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  start_save (self);   /* while a write runs, its callback starts this one */
}

void
afs_report_editor_flush (AfsReportEditor *self)
{
  g_return_if_fail (AFS_IS_REPORT_EDITOR (self));

  if (self->autosave_id != 0)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      start_save (self);
    }
}

/* ---- Loading ---------------------------------------------------------------------------- */

typedef struct {
  AfsStore        *store;
  char            *case_id;
  AfsRepairReport *report;
  gboolean         from_draft;    /* a draft not yet committed (a crash, an old session) */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_free (data->case_id);
  g_clear_pointer (&data->report, afs_repair_report_free);
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

  AfsRepairReport draft;

  data->report = afs_repair_report_new ();
  if (!afs_store_load_report_for_editing (data->store, data->case_id, data->report, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (afs_store_get_report_draft (data->store, data->case_id, &draft, &data->from_draft, NULL) &&
      data->from_draft)
    afs_repair_report_clear (&draft);
  g_task_return_boolean (task, TRUE);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsReportEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          update_status (self, error->message);
          afs_form_toast (GTK_WIDGET (self), error->message);
        }
      return;
    }

  g_clear_pointer (&self->loaded, afs_repair_report_free);
  self->loaded = g_steal_pointer (&data->report);
  self->uncommitted = data->from_draft;
  g_clear_pointer (&self->commit_error, g_free);
  fill (self, self->loaded);
  update_status (self, NULL);
  check_report (self);
}

void
afs_report_editor_reload (AfsReportEditor *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (AFS_IS_REPORT_EDITOR (self));

  if (self->context == NULL || self->case_id == NULL)
    return;

  /* Whatever is pending is written first, so the reload reads it back. */
  afs_report_editor_flush (self);

  data = g_new0 (LoadData, 1);
  data->store = g_object_ref (afs_context_get_store (self->context));
  data->case_id = g_strdup (self->case_id);
  g_clear_pointer (&self->loaded, afs_repair_report_free);
  task = g_task_new (NULL, self->cancellable, load_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

void
afs_report_editor_set_visit (AfsReportEditor *self,
                             AfsContext      *context,
                             const char      *case_id)
{
  g_return_if_fail (AFS_IS_REPORT_EDITOR (self));
  g_return_if_fail (AFS_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  afs_report_editor_reload (self);
  search_catalogue (self);
}

void
afs_report_editor_set_read_only (AfsReportEditor *self,
                                 gboolean         read_only)
{
  g_return_if_fail (AFS_IS_REPORT_EDITOR (self));

  if (read_only)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      g_clear_handle_id (&self->quiet_id, g_source_remove);
      self->uncommitted = FALSE;
      afs_visit_drop_focus_within (GTK_WIDGET (self));
    }
  self->read_only = read_only;

  gtk_widget_set_sensitive (GTK_WIDGET (self->fault_group), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->result_group), !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remedy_group), !read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->catalogue_button), !read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->add_part_button), !read_only);
  gtk_text_view_set_editable (self->diagnosis_view, !read_only);
  gtk_text_view_set_editable (self->actions_view, !read_only);
  gtk_text_view_set_editable (self->advice_view, !read_only);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->parts_list)); c; c = gtk_widget_get_next_sibling (c))
    gtk_widget_set_sensitive (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (c)), !read_only);
  update_status (self, NULL);
  check_report (self);
}

gboolean
afs_report_editor_get_loaded (AfsReportEditor *self)
{
  g_return_val_if_fail (AFS_IS_REPORT_EDITOR (self), FALSE);
  return self->loaded != NULL;
}

gboolean
afs_report_editor_get_idle (AfsReportEditor *self)
{
  g_return_val_if_fail (AFS_IS_REPORT_EDITOR (self), FALSE);
  return self->loaded != NULL && !self->saving && self->autosave_id == 0 && !self->dirty &&
         !self->commit_wanted;
}

guint
afs_report_editor_get_n_commits (AfsReportEditor *self)
{
  g_return_val_if_fail (AFS_IS_REPORT_EDITOR (self), 0);
  return self->n_commits;
}

gboolean
afs_report_editor_get_uncommitted (AfsReportEditor *self)
{
  g_return_val_if_fail (AFS_IS_REPORT_EDITOR (self), FALSE);
  return self->uncommitted || self->commit_wanted;
}

guint
afs_report_editor_get_n_saves (AfsReportEditor *self)
{
  g_return_val_if_fail (AFS_IS_REPORT_EDITOR (self), 0);
  return self->n_saves;
}

gboolean
afs_report_editor_get_valid (AfsReportEditor *self)
{
  g_return_val_if_fail (AFS_IS_REPORT_EDITOR (self), FALSE);
  return self->n_invalid == 0;
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
on_remedy_quantity_changed (AfsReportEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->remedy_quantity_row));
  double quantity;
  gboolean ok = text[0] == '\0' || parse_quantity (text, &quantity);
  gboolean *flag = g_object_get_data (G_OBJECT (self->remedy_quantity_row), "afs-invalid");

  set_invalid (self, flag, !ok);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->remedy_quantity_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->remedy_quantity_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remedy_quantity_row),
                               ok ? NULL : _("The quantity must be a number greater than 0, such as 2 or 1.5."));
  schedule_save (self);
}

static void
on_remedy_selected (AfsReportEditor *self)
{
  AfsRemedy remedy = adw_combo_row_get_selected (self->remedy_row);
  /* DOMAIN.md 9: returns, exchanges and compensation are written out. */
  gboolean details = remedy == AFS_REMEDY_RETURN || remedy == AFS_REMEDY_EXCHANGE ||
                     remedy == AFS_REMEDY_COMPENSATION;

  gtk_widget_set_visible (GTK_WIDGET (self->remedy_item_row), details);
  gtk_widget_set_visible (GTK_WIDGET (self->remedy_spec_row), details);
  gtk_widget_set_visible (GTK_WIDGET (self->remedy_quantity_row), details);
  gtk_widget_set_visible (GTK_WIDGET (self->remedy_reason_row), details);
  schedule_save (self);
}

static void
afs_report_editor_dispose (GObject *object)
{
  AfsReportEditor *self = AFS_REPORT_EDITOR (object);

  /* Closing mid-report keeps the draft: write what is pending now. */
  if (self->autosave_id != 0)
    afs_report_editor_flush (self);
  g_clear_handle_id (&self->quiet_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_REPORT_EDITOR);

  G_OBJECT_CLASS (afs_report_editor_parent_class)->dispose (object);
}

static void
afs_report_editor_finalize (GObject *object)
{
  AfsReportEditor *self = AFS_REPORT_EDITOR (object);

  g_free (self->case_id);
  g_free (self->commit_error);
  g_clear_pointer (&self->loaded, afs_repair_report_free);

  G_OBJECT_CLASS (afs_report_editor_parent_class)->finalize (object);
}

static void
afs_report_editor_class_init (AfsReportEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = afs_report_editor_dispose;
  object_class->finalize = afs_report_editor_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-report-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, AfsReportEditor, name)
  BIND (scroller);
  BIND (status_label);
  BIND (problem_label);
  BIND (fault_group);
  BIND (confirmed_switch);
  BIND (fault_row);
  BIND (cause_row);
  BIND (diagnosis_view);
  BIND (actions_view);
  BIND (parts_group);
  BIND (catalogue_button);
  BIND (catalogue_popover);
  BIND (catalogue_search);
  BIND (catalogue_list);
  BIND (add_part_button);
  BIND (parts_list);
  BIND (result_group);
  BIND (labour_spin);
  BIND (test_row);
  BIND (outcome_row);
  BIND (remedy_group);
  BIND (remedy_row);
  BIND (remedy_item_row);
  BIND (remedy_spec_row);
  BIND (remedy_quantity_row);
  BIND (remedy_reason_row);
  BIND (advice_view);
#undef BIND
}

static void
afs_report_editor_init (AfsReportEditor *self)
{
  g_autoptr(GtkStringList) remedies = gtk_string_list_new (NULL);
  GObject *editables[6];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  for (int i = 0; i < AFS_REMEDY_N; i++)
    gtk_string_list_append (remedies, i == AFS_REMEDY_NONE ? _("None") : afs_remedy_get_label (i));
  adw_combo_row_set_model (self->remedy_row, G_LIST_MODEL (remedies));

  editables[0] = G_OBJECT (self->fault_row);
  editables[1] = G_OBJECT (self->cause_row);
  editables[2] = G_OBJECT (self->test_row);
  editables[3] = G_OBJECT (self->remedy_item_row);
  editables[4] = G_OBJECT (self->remedy_spec_row);
  editables[5] = G_OBJECT (self->remedy_reason_row);
  for (guint i = 0; i < G_N_ELEMENTS (editables); i++)
    g_signal_connect_swapped (editables[i], "changed", G_CALLBACK (on_field_changed), self);

  g_object_set_data_full (G_OBJECT (self->remedy_quantity_row), "afs-invalid", g_new0 (gboolean, 1), g_free);
  g_signal_connect_swapped (self->remedy_quantity_row, "changed", G_CALLBACK (on_remedy_quantity_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->diagnosis_view), "changed", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->actions_view), "changed", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->advice_view), "changed", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->confirmed_switch, "notify::active", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->labour_spin, "value-changed", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->outcome_row, "notify::selected", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->remedy_row, "notify::selected", G_CALLBACK (on_remedy_selected), self);
  g_signal_connect_swapped (self->add_part_button, "clicked", G_CALLBACK (on_add_typed_part), self);
  g_signal_connect_swapped (self->catalogue_search, "search-changed", G_CALLBACK (search_catalogue), self);
  g_signal_connect_swapped (self->catalogue_list, "row-activated", G_CALLBACK (on_catalogue_row_activated), self);

  gtk_widget_set_visible (GTK_WIDGET (self->parts_list), FALSE);
  on_remedy_selected (self);
  update_status (self, NULL);
}

GtkWidget *
afs_report_editor_new (void)
{
  return g_object_new (AFS_TYPE_REPORT_EDITOR, NULL);
}
