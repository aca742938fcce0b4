/* afs-form.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "afs-form.h"

static void
on_first_map (GtkWidget *page,
              gpointer   load)
{
  g_signal_handlers_disconnect_by_func (page, on_first_map, load);
  ((void (*) (GtkWidget *)) load) (page);
}

/**
 * afs_form_load_when_shown:
 * @page: a view
 * @load: what fills it
 *
 * Runs @load the first time @page is mapped (at once if it is mapped).
 */
void
afs_form_load_when_shown (GtkWidget *page,
                          void     (*load) (GtkWidget *page))
{
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (load != NULL);

  if (gtk_widget_get_mapped (page))
    load (page);
  else
    g_signal_connect (page, "map", G_CALLBACK (on_first_map), (gpointer) load);
}

char *
afs_form_text (gpointer editable)
{
  g_return_val_if_fail (GTK_IS_EDITABLE (editable), g_strdup (""));
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

char *
afs_form_today_iso (gint64 now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%Y-%m-%d");
}

char *
afs_form_check_quantity (const char *text,
                         int        *out_value)
{
  char *end = NULL;
  gint64 value;

  if (out_value != NULL)
    *out_value = 0;
  if (text == NULL || *text == '\0')
    return g_strdup (_("Enter how many were shipped"));

  value = g_ascii_strtoll (text, &end, 10);
  if (end == text || *end != '\0')
    return g_strdup (_("Give a whole number, like 2"));
  if (value < 0)
    return g_strdup (_("A quantity cannot be negative"));
  if (value == 0)
    return g_strdup (_("Ship at least one"));
  if (value > 100000)
    return g_strdup (_("That many? Give at most 100 000"));

  if (out_value != NULL)
    *out_value = (int) value;
  return NULL;
}

char *
afs_form_check_amount (const char *text,
                       double     *out_value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  char *end = NULL;
  double value;

  if (out_value != NULL)
    *out_value = 0;
  if (text == NULL || *text == '\0')
    return NULL;

  /* People type "1 234,50" or "1,234.50": drop spaces; a comma is grouping
   * when there is also a point, else the decimal mark. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\'')
        continue;
      if (*p == ',')
        {
          if (strchr (text, '.') == NULL)
            g_string_append_c (clean, '.');
          continue;
        }
      g_string_append_c (clean, *p);
    }

  value = g_ascii_strtod (clean->str, &end);
  if (end == clean->str || *end != '\0')
    return g_strdup (_("Give an amount as a number, like 1250.50"));
  if (value < 0)
    return g_strdup (_("An amount cannot be negative"));

  if (out_value != NULL)
    *out_value = value;
  return NULL;
}

char *
afs_form_check_required (const char *text,
                         const char *message)
{
  if (text == NULL || *text == '\0')
    return g_strdup (message);
  return NULL;
}

char *
afs_form_office_only (AfsRole     role,
                      const char *what)
{
  if (role == AFS_ROLE_OFFICE || role == AFS_ROLE_MANAGER)
    return NULL;
  /* Translators: the first %s is a role, the second what was tried ("plan a technician's work") */
  return g_strdup_printf (_("Your role (%s) cannot %s. Ask office staff or a manager."),
                          afs_role_get_label (role), what);
}

GtkWidget *
afs_form_error_label_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_visible (label, FALSE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "field-error");
  return label;
}

GtkLabel *
afs_form_attach_error (GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *label = afs_form_error_label_new ();
  GtkWidget *error_row;

  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row) && GTK_IS_LIST_BOX (list), NULL);

  gtk_widget_set_visible (label, TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  error_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (error_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (error_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (error_row), FALSE);
  gtk_widget_set_focusable (error_row, FALSE);
  gtk_widget_add_css_class (error_row, "field-error-row");
  gtk_widget_set_visible (error_row, FALSE);
  gtk_list_box_insert (GTK_LIST_BOX (list), error_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  return GTK_LABEL (label);
}

void
afs_form_show_error (GtkWidget  *field,
                     GtkLabel   *caption,
                     const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (field));

  if (message != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
    }

  if (caption != NULL)
    {
      GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (caption));

      gtk_label_set_label (caption, message != NULL ? message : "");
      if (GTK_IS_LIST_BOX_ROW (parent))
        gtk_widget_set_visible (parent, message != NULL);
      else
        gtk_widget_set_visible (GTK_WIDGET (caption), message != NULL);
    }
}

void
afs_form_show_reason (GtkWidget  *button,
                      GtkLabel   *label,
                      const char *why)
{
  gtk_label_set_label (label, why != NULL ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (label), why != NULL);
  if (why != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* ---- Toasts ------------------------------------------------------------ */

static GtkWidget *
find_toast_overlay (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_TOAST_OVERLAY (child))
        return child;
      found = find_toast_overlay (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
afs_form_toast (GtkWidget  *widget,
                const char *text)
{
  GtkWidget *overlay;
  g_autofree char *escaped = NULL;

  overlay = ADW_IS_TOAST_OVERLAY (widget) ? widget
          : gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (widget);

      /* A page shown in some other window: look for its overlay. */
      if (root != NULL)
        overlay = find_toast_overlay (GTK_WIDGET (root));
    }
  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }

  escaped = g_markup_escape_text (text, -1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

void
afs_form_toast_failure (AdwToastOverlay *overlay,
                        const char      *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (overlay, toast);
}

/* ---- Leaving with unsaved input ---------------------------------------- */

typedef struct {
  AfsFormDiscardFunc func;
  gpointer           data;
} DiscardClosure;

static void
discard_closure_free (gpointer user_data)
{
  DiscardClosure *closure = user_data;

  if (G_IS_OBJECT (closure->data))
    g_object_unref (closure->data);
  g_free (closure);
}

static gboolean
discard_idle (gpointer user_data)
{
  DiscardClosure *closure = user_data;

  if (closure->func != NULL)
    closure->func (closure->data);
  return G_SOURCE_REMOVE;
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     DiscardClosure   *closure)
{
  /* Close the form once this prompt (transient for it) is gone. */
  if (g_strcmp0 (response, "discard") == 0 && closure->func != NULL)
    {
      DiscardClosure *copy = g_memdup2 (closure, sizeof *closure);

      if (G_IS_OBJECT (copy->data))
        g_object_ref (copy->data);
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, discard_idle, copy, discard_closure_free);
    }
}

AdwMessageDialog *
afs_form_confirm_discard (GtkWindow          *parent,
                          AfsFormDiscardFunc  on_discard,
                          gpointer            user_data)
{
  AdwMessageDialog *dialog;
  DiscardClosure *closure = g_new0 (DiscardClosure, 1);

  closure->func = on_discard;
  closure->data = user_data;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Discard the Unsaved Input?"),
                                                       _("What you typed in this form has not been saved. Discarding it cannot be undone.")));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_discard_response),
                         closure, (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

gboolean
afs_form_hold_close (GtkWindow          *window,
                     gboolean            saving,
                     gboolean            unsaved,
                     AfsFormDiscardFunc  on_discard)
{
  if (saving)
    return TRUE;
  if (unsaved)
    {
      afs_form_confirm_discard (window, on_discard, window);
      return TRUE;
    }
  return FALSE;
}

void
afs_form_cancel_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- Store calls off the main thread ------------------------------------ */

typedef struct {
  AfsFormWork     work;
  gpointer        input;
  GDestroyNotify  input_free;
} RunData;

static void
run_data_free (RunData *data)
{
  if (data->input_free != NULL && data->input != NULL)
    data->input_free (data->input);
  g_free (data);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  gpointer result = data->work (data->input, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error != NULL ? error
                         : g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, _("Something went wrong")));
  else
    g_task_return_pointer (task, result, g_object_get_data (G_OBJECT (task), "result-free"));
}

void
afs_form_run_async (AfsFormWork          work,
                    gpointer             input,
                    GDestroyNotify       input_free,
                    GDestroyNotify       result_free,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RunData *data = g_new0 (RunData, 1);

  data->work = work;
  data->input = input;
  data->input_free = input_free;
  g_task_set_source_tag (task, afs_form_run_async);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_object_set_data (G_OBJECT (task), "result-free", result_free);
  g_task_run_in_thread (task, run_thread);
}

gpointer
afs_form_run_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GCancellable *
afs_form_renew_cancellable (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
  return *cancellable;
}

AfsFormSearch *
afs_form_search_new (AfsStore *store,
                     char     *text)
{
  AfsFormSearch *search = g_new0 (AfsFormSearch, 1);

  search->store = g_object_ref (store);
  search->text = text;
  return search;
}

void
afs_form_search_free (AfsFormSearch *search)
{
  g_clear_object (&search->store);
  g_free (search->text);
  g_free (search);
}

gpointer
afs_form_run_get_input (GAsyncResult *result)
{
  RunData *data = g_task_get_task_data (G_TASK (result));

  return data->input;
}

void
afs_form_list_box_remove_all (GtkListBox *list)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, row);
}
