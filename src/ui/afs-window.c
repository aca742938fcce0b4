/* afs-window.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-approvals-page.h"
#include "afs-case-row.h"
#include "afs-dispatch-board.h"
#include "afs-form.h"
#include "afs-format.h"
#include "afs-intake-dialog.h"
#include "afs-shipments-page.h"
#include "afs-triage-dialog.h"
#include "afs-window.h"

/* Rows of the state filter before the states themselves. */
enum {
  STATE_FILTER_OPEN,
  STATE_FILTER_ALL,
  STATE_FILTER_FIRST_STATE,
};

struct _AfsWindow
{
  AdwApplicationWindow  parent_instance;

  AfsContext           *context;
  AfsCaseListModel     *model;
  GtkSingleSelection   *selection;
  AfsCasePage          *case_page;
  GHashTable           *bound_rows;     /* AfsCaseRow* set: rows on screen */
  GPtrArray            *technician_ids; /* parallel to the dropdown, from 1 */
  GCancellable         *cancellable;
  AfsCase              *pending_case;   /* selected but not loaded yet */
  gulong                pending_handler;
  gint64                selected_local_id;
  guint                 minute_source;
  gulong                after_paint_handler;
  GdkFrameClock        *frame_clock;
  gboolean              busy;
  gboolean              resetting_filters;
  gboolean              content_ready;
  gboolean              first_frame_done;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkSpinner           *busy_spinner;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  AdwWindowTitle       *content_title;
  GtkWidget            *back_button;
  GtkSearchEntry       *search_entry;
  GtkMenuButton        *filter_button;
  GtkRevealer          *filter_summary_revealer;
  GtkLabel             *filter_summary_label;
  GtkStack             *list_stack;
  GtkSpinner           *list_spinner;
  GtkListView          *list_view;
  AdwStatusPage        *empty_page;
  GtkLabel             *count_label;
  GtkLabel             *limit_label;
  GtkStack             *content_stack;
  GtkDropDown          *state_dropdown;
  GtkDropDown          *severity_dropdown;
  GtkDropDown          *technician_dropdown;
  GtkDropDown          *sort_dropdown;
  GtkCheckButton       *overdue_check;
  GtkCheckButton       *due_soon_check;

  /* Office desk (issue 3): the views beside the case list */
  AdwHeaderBar         *main_header;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *view_stack;
  GtkBox               *status_box;
  GtkWidget            *status_widget;
  AfsDispatchBoard     *dispatch_board;
  AfsApprovalsPage     *approvals_page;
  AfsShipmentsPage     *shipments_page;
};

G_DEFINE_FINAL_TYPE (AfsWindow, afs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  FIRST_FRAME,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
afs_window_show_toast (AfsWindow  *self,
                       const char *text)
{
  g_return_if_fail (AFS_IS_WINDOW (self));

  afs_form_toast (GTK_WIDGET (self->toast_overlay), text);
}

/* ---- Filter --------------------------------------------------------------- */

static guint32
open_states_mask (void)
{
  guint32 mask = 0;

  for (AfsCaseState s = 0; s < AFS_CASE_STATE_N; s++)
    if (afs_case_state_is_open (s))
      mask |= 1u << s;
  return mask;
}

static gboolean
filters_are_default (AfsWindow *self)
{
  return gtk_drop_down_get_selected (self->state_dropdown) == STATE_FILTER_OPEN &&
         gtk_drop_down_get_selected (self->severity_dropdown) == 0 &&
         gtk_drop_down_get_selected (self->technician_dropdown) == 0 &&
         !gtk_check_button_get_active (self->overdue_check) &&
         !gtk_check_button_get_active (self->due_soon_check);
}

static const char *
dropdown_string (GtkDropDown *dropdown)
{
  GObject *item = gtk_drop_down_get_selected_item (dropdown);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : "";
}

static void
update_filter_summary (AfsWindow *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *text = NULL;
  gboolean active = !filters_are_default (self);

  if (gtk_drop_down_get_selected (self->state_dropdown) != STATE_FILTER_OPEN)
    g_ptr_array_add (parts, (gpointer) dropdown_string (self->state_dropdown));
  if (gtk_drop_down_get_selected (self->severity_dropdown) != 0)
    g_ptr_array_add (parts, (gpointer) dropdown_string (self->severity_dropdown));
  if (gtk_drop_down_get_selected (self->technician_dropdown) != 0)
    g_ptr_array_add (parts, (gpointer) dropdown_string (self->technician_dropdown));
  if (gtk_check_button_get_active (self->overdue_check))
    g_ptr_array_add (parts, _("Overdue only"));
  else if (gtk_check_button_get_active (self->due_soon_check))
    g_ptr_array_add (parts, _("Due soon or overdue"));
  g_ptr_array_add (parts, NULL);

  /* Translators: separates the active filters: "Level 1 · Overdue only". */
  text = g_strjoinv (_(" · "), (char **) parts->pdata);
  gtk_label_set_label (self->filter_summary_label, text);
  gtk_revealer_set_reveal_child (self->filter_summary_revealer, active);

  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "filter-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "filter-active");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filters",
                                 active || gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0');
}

static void
apply_filter (AfsWindow *self)
{
  AfsCaseFilter filter = { 0 };
  guint state = gtk_drop_down_get_selected (self->state_dropdown);
  guint tech = gtk_drop_down_get_selected (self->technician_dropdown);
  g_autofree char *search = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autofree char *sort = g_settings_get_string (afs_context_get_settings (self->context), "list-sort");

  filter.search = search[0] != '\0' ? search : NULL;
  if (state == STATE_FILTER_OPEN || state == GTK_INVALID_LIST_POSITION)
    filter.state_mask = open_states_mask ();
  else if (state == STATE_FILTER_ALL)
    filter.state_mask = 0;
  else
    filter.state_mask = 1u << (state - STATE_FILTER_FIRST_STATE);

  filter.severity = gtk_drop_down_get_selected (self->severity_dropdown);
  if (filter.severity < 0 || filter.severity > AFS_SEVERITY_MAX)
    filter.severity = 0;

  if (tech != 0 && tech != GTK_INVALID_LIST_POSITION && self->technician_ids != NULL &&
      tech - 1 < self->technician_ids->len)
    filter.technician_id = g_ptr_array_index (self->technician_ids, tech - 1);

  filter.overdue_only = gtk_check_button_get_active (self->overdue_check);
  if (!filter.overdue_only && gtk_check_button_get_active (self->due_soon_check))
    {
      /* "Due soon or overdue": next deadline before now + the due-soon
       * window (the store's overdue test against a later instant). */
      const AfsDeadlinePolicy *policy = afs_context_get_deadline_policy (self->context);

      filter.overdue_only = TRUE;
      filter.now = afs_context_now (self->context) + (gint64) policy->due_soon_hours * 3600;
    }
  filter.sort = g_strcmp0 (sort, "due") == 0 ? AFS_CASE_SORT_DUE : AFS_CASE_SORT_NEWEST;

  afs_case_list_model_set_filter (self->model, &filter);
  update_filter_summary (self);
}

static void
on_filter_changed (AfsWindow *self)
{
  /* Controls notify while the window is being built. */
  if (self->model == NULL)
    return;
  if (!self->busy && !self->resetting_filters)
    apply_filter (self);
}

static void
on_search_changed (AfsWindow *self)
{
  on_filter_changed (self);
}

static void
on_stop_search (AfsWindow *self)
{
  /* Escape empties the search; a second Escape goes back (when folded). */
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_search_activate (AfsWindow *self)
{
  /* Enter in the search opens the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    afs_window_open_position (self, 0);
}

static gboolean
on_search_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       AfsWindow             *self)
{
  /* Down from the search moves into the list, as in GNOME apps. */
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      guint selected = gtk_single_selection_get_selected (self->selection);

      if (selected == GTK_INVALID_LIST_POSITION)
        gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                  selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* ---- Technicians for the filter ------------------------------------------- */

static void
list_technicians_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *staff = afs_store_list_staff (AFS_STORE (task_data), AFS_ROLE_TECHNICIAN, &error);

  if (staff == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, staff, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_technicians_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AfsWindow) self = user_data;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = NULL;
  g_autofree char *selected_id = NULL;
  guint selected = 0;
  guint old = gtk_drop_down_get_selected (self->technician_dropdown);

  staff = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (staff == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot list the technicians: %s"), error->message);
      afs_window_show_toast (self, text);
      return;
    }

  if (old != 0 && old != GTK_INVALID_LIST_POSITION && self->technician_ids != NULL &&
      old - 1 < self->technician_ids->len)
    selected_id = g_strdup (g_ptr_array_index (self->technician_ids, old - 1));

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("Anyone"));
  g_clear_pointer (&self->technician_ids, g_ptr_array_unref);
  self->technician_ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < staff->len; i++)
    {
      const AfsStaffData *s = g_ptr_array_index (staff, i);

      if (!s->active)
        continue;
      gtk_string_list_append (names, s->name);
      g_ptr_array_add (self->technician_ids, g_strdup (s->id));
      if (g_strcmp0 (s->id, selected_id) == 0)
        selected = self->technician_ids->len;
    }

  g_signal_handlers_block_by_func (self->technician_dropdown, on_filter_changed, self);
  gtk_drop_down_set_model (self->technician_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->technician_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->technician_dropdown, on_filter_changed, self);
}

static void
load_technicians (AfsWindow *self)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, self->cancellable, list_technicians_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_technicians);
  g_task_set_task_data (task, g_object_ref (afs_context_get_store (self->context)), g_object_unref);
  g_task_run_in_thread (task, list_technicians_thread);
}

/* ---- The list ------------------------------------------------------------- */

static void
maybe_content_ready (AfsWindow *self)
{
  if (self->content_ready || self->busy || !afs_case_list_model_get_ready (self->model))
    return;

  self->content_ready = TRUE;
  /* The next frame shows the rows (or the empty state): make sure there
   * is one, and report it from "after-paint". */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_list_state (AfsWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = NULL;
  const char *search;

  if (!afs_case_list_model_get_ready (self->model))
    {
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
      gtk_spinner_start (self->list_spinner);
      gtk_label_set_label (self->count_label, "");
      return;
    }

  gtk_spinner_stop (self->list_spinner);

  count = afs_format_case_count (n);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->limit_label),
                          afs_case_list_model_get_limit_reached (self->model));

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  if (search[0] != '\0')
    {
      g_autofree char *description =
        /* Translators: %s is what was typed in the search. */
        g_strdup_printf (_("No case matches “%s”. Try a case number, a customer, a serial number or fewer words."),
                         search);

      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page, description);
    }
  else if (!filters_are_default (self))
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page,
                                       _("No case matches these filters. Clear them to see all open cases."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "folder-documents-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Cases"));
      adw_status_page_set_description (self->empty_page,
                                       _("Open cases show up here as soon as they are registered. Closed ones are under “All states” in the filter."));
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
on_model_ready_or_count (AfsWindow *self)
{
  update_list_state (self);
  if (!afs_case_list_model_get_loading (self->model) &&
      g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    maybe_content_ready (self);
}

static void
on_model_page_loaded (AfsWindow *self,
                      guint      position,
                      guint      n_items)
{
  maybe_content_ready (self);
}

static void
on_model_error (AfsWindow *self,
                GError    *error)
{
  g_autofree char *text = g_strdup_printf (_("Cannot load the case list: %s"), error->message);

  afs_window_show_toast (self, text);
  /* Still show something rather than a spinner forever. */
  maybe_content_ready (self);
}

static void
on_model_items_changed (AfsWindow  *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  /* After a reload, keep the open case selected if it is still listed. */
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION &&
      self->selected_local_id != 0)
    {
      guint pos = afs_case_list_model_find (self->model, self->selected_local_id);

      if (pos != G_MAXUINT)
        gtk_single_selection_set_selected (self->selection, pos);
    }
}

static void
show_case (AfsWindow *self,
           AfsCase   *kase)
{
  afs_case_page_set_case_id (self->case_page, afs_case_get_id (kase));
  adw_window_title_set_title (self->content_title, afs_case_get_number (kase));
  adw_window_title_set_subtitle (self->content_title, afs_case_get_customer_name (kase));
  gtk_stack_set_visible_child_name (self->content_stack, "case");
  self->selected_local_id = afs_case_get_local_id (kase);
}

static void
on_pending_loaded (AfsWindow *self)
{
  g_autoptr(AfsCase) kase = g_steal_pointer (&self->pending_case);

  g_clear_signal_handler (&self->pending_handler, kase);
  show_case (self, kase);
}

static void
clear_pending (AfsWindow *self)
{
  if (self->pending_case != NULL)
    g_clear_signal_handler (&self->pending_handler, self->pending_case);
  g_clear_object (&self->pending_case);
}

static void
on_selection_changed (AfsWindow *self)
{
  AfsCase *kase = gtk_single_selection_get_selected_item (self->selection);

  clear_pending (self);

  /* Nothing selected (the case left the list): keep showing it. */
  if (kase == NULL)
    return;

  /* Folded, the page is off screen: load it when the row is opened. */
  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) != self->content)
    return;

  if (afs_case_get_loaded (kase))
    show_case (self, kase);
  else
    {
      self->pending_case = g_object_ref (kase);
      self->pending_handler = g_signal_connect_swapped (kase, "notify::loaded",
                                                        G_CALLBACK (on_pending_loaded), self);
    }
}

void
afs_window_open_position (AfsWindow *self,
                          guint      position)
{
  g_return_if_fail (AFS_IS_WINDOW (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->content);
  if (gtk_single_selection_get_selected (self->selection) == position)
    on_selection_changed (self);
  else
    gtk_single_selection_set_selected (self->selection, position);
}

static void
on_case_page_loaded (AfsWindow *self)
{
  const char *number = afs_case_page_get_number (self->case_page);

  if (number != NULL)
    {
      adw_window_title_set_title (self->content_title, number);
      adw_window_title_set_subtitle (self->content_title,
                                     afs_case_page_get_customer_name (self->case_page));
    }
}

void
afs_window_open_case (AfsWindow  *self,
                      const char *case_id)
{
  g_return_if_fail (AFS_IS_WINDOW (self));
  g_return_if_fail (case_id != NULL);

  clear_pending (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->selected_local_id = 0;
  afs_case_page_set_case_id (self->case_page, case_id);
  gtk_stack_set_visible_child_name (self->content_stack, "case");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_list_activate (AfsWindow *self,
                  guint      position)
{
  afs_window_open_position (self, position);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           AfsWindow                *self)
{
  gtk_list_item_set_child (item, afs_case_row_new (self->context));
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          AfsWindow                *self)
{
  AfsCaseRow *row = AFS_CASE_ROW (gtk_list_item_get_child (item));

  afs_case_row_set_case (row, gtk_list_item_get_item (item));
  g_hash_table_add (self->bound_rows, row);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            AfsWindow                *self)
{
  AfsCaseRow *row = AFS_CASE_ROW (gtk_list_item_get_child (item));

  g_hash_table_remove (self->bound_rows, row);
  afs_case_row_set_case (row, NULL);
}

static void
teardown_row (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AfsWindow                *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  if (row != NULL && self->bound_rows != NULL)
    g_hash_table_remove (self->bound_rows, row);
}

/* Deadlines move with the clock, rows do not have timers of their own:
 * once a minute the window refreshes what is on screen. */
static gboolean
on_minute (gpointer user_data)
{
  AfsWindow *self = user_data;
  gint64 now = afs_context_now (self->context);
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    afs_case_row_update_due (row, now);
  afs_case_page_update_due (self->case_page, now);

  return G_SOURCE_CONTINUE;
}

static void
update_role_actions (AfsWindow *self)
{
  g_autofree char *why = afs_form_office_only (afs_context_get_role (self->context),
                                               _("register part shipments"));

  /* The store refuses the others too; the page says why. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-shipment", why == NULL);
}

static void
on_policy_changed (AfsWindow *self)
{
  /* "Due soon" may mean something else now. */
  on_minute (self);
  update_role_actions (self);
}

static void
on_cases_changed (AfsWindow *self)
{
  afs_case_list_model_reload (self->model);
}

/* ---- Leaflet and actions -------------------------------------------------- */

static void
update_go_back (AfsWindow *self)
{
  gboolean can = adw_leaflet_get_folded (self->leaflet) &&
                 adw_leaflet_get_visible_child (self->leaflet) == self->content;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", can);
}

static void
on_leaflet_changed (AfsWindow *self)
{
  if (self->selection == NULL)
    return;

  update_go_back (self);

  /* Unfolded, or the content came into view: show the selected case. */
  if (!adw_leaflet_get_folded (self->leaflet) ||
      adw_leaflet_get_visible_child (self->leaflet) == self->content)
    {
      AfsCase *kase = gtk_single_selection_get_selected_item (self->selection);

      if (kase != NULL && afs_case_get_loaded (kase) &&
          g_strcmp0 (afs_case_get_id (kase), afs_case_page_get_case_id (self->case_page)) != 0)
        show_case (self, kase);
    }
  gtk_list_view_set_single_click_activate (self->list_view, adw_leaflet_get_folded (self->leaflet));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  AfsWindow *self = AFS_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AfsWindow *self = AFS_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  AfsWindow *self = AFS_WINDOW (widget);

  /* One query for the whole reset, not one per control. */
  self->resetting_filters = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->state_dropdown, STATE_FILTER_OPEN);
  gtk_drop_down_set_selected (self->severity_dropdown, 0);
  gtk_drop_down_set_selected (self->technician_dropdown, 0);
  gtk_check_button_set_active (self->overdue_check, FALSE);
  gtk_check_button_set_active (self->due_soon_check, FALSE);
  self->resetting_filters = FALSE;
  if (!self->busy)
    apply_filter (self);
  gtk_popover_popdown (gtk_menu_button_get_popover (self->filter_button));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  afs_window_reload (AFS_WINDOW (widget));
}

static void
filter_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AfsWindow *self = AFS_WINDOW (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_menu_button_popup (self->filter_button);
}

/* ---- Views (office desk, issue 3) ---------------------------------------- */

/**
 * afs_window_add_view:
 * @self: the main window
 * @page: the widget to show; the window takes a reference
 * @name: a unique page name, "my-orders"
 * @title: the switcher label, translated; may have a mnemonic "_My Orders"
 * @icon_name: a symbolic icon for the switcher
 *
 * Adds a page beside the case list, reachable from the view switcher in
 * the main header bar (the bottom bar when the window is narrow) and with
 * Alt+<position>. Other parts of the app (my orders, conflicts) use it
 * so the window does not need to know them.
 */
void
afs_window_add_view (AfsWindow  *self,
                     GtkWidget  *page,
                     const char *name,
                     const char *title,
                     const char *icon_name)
{
  AdwViewStackPage *stack_page;

  g_return_if_fail (AFS_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (name != NULL && title != NULL);
  g_return_if_fail (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL);

  stack_page = adw_view_stack_add_titled (self->view_stack, page, name, title);
  adw_view_stack_page_set_use_underline (stack_page, TRUE);
  if (icon_name != NULL)
    adw_view_stack_page_set_icon_name (stack_page, icon_name);
}

/**
 * afs_window_set_status_widget:
 * @self: the main window
 * @widget: (nullable): a small widget (the sync status); NULL removes it
 *
 * Puts @widget at the end of the main header bar, before the main menu.
 * One at a time: a second call replaces the first widget.
 */
void
afs_window_set_status_widget (AfsWindow *self,
                              GtkWidget *widget)
{
  g_return_if_fail (AFS_IS_WINDOW (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (self->status_widget != NULL)
    gtk_box_remove (self->status_box, self->status_widget);
  self->status_widget = widget;
  if (widget != NULL)
    gtk_box_append (self->status_box, widget);
}

GtkWidget *
afs_window_get_status_widget (AfsWindow *self)
{
  g_return_val_if_fail (AFS_IS_WINDOW (self), NULL);
  return self->status_widget;
}

void
afs_window_show_view (AfsWindow  *self,
                      const char *name)
{
  g_return_if_fail (AFS_IS_WINDOW (self));

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
afs_window_get_view (AfsWindow *self)
{
  g_return_val_if_fail (AFS_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

AdwViewStack *
afs_window_get_view_stack (AfsWindow *self)
{
  g_return_val_if_fail (AFS_IS_WINDOW (self), NULL);
  return self->view_stack;
}

static void
on_view_changed (AfsWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->view_stack == NULL || name == NULL)
    return;
  /* Lists of other views may be stale: refresh the one coming into view. */
  if (g_str_equal (name, "dispatch") && self->dispatch_board != NULL)
    afs_dispatch_board_reload (self->dispatch_board);
  else if (g_str_equal (name, "approvals") && self->approvals_page != NULL)
    afs_approvals_page_reload (self->approvals_page);
  else if (g_str_equal (name, "shipments") && self->shipments_page != NULL)
    afs_shipments_page_reload (self->shipments_page);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AfsWindow *self = AFS_WINDOW (widget);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  guint wanted = (guint) g_variant_get_int32 (param);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));
  guint visible_index = 0;

  /* Alt+1 is the first page the switcher shows, and so on. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (!adw_view_stack_page_get_visible (page))
        continue;
      if (visible_index == wanted)
        {
          adw_view_stack_set_visible_child (self->view_stack, adw_view_stack_page_get_child (page));
          return;
        }
      visible_index++;
    }
}

/* The case the office actions work on: the one open on the case page. */
static const char *
current_case_id (AfsWindow *self)
{
  return afs_case_page_get_case_id (self->case_page);
}

static void
on_intake_created (AfsWindow  *self,
                   const char *case_id,
                   const char *number)
{
  g_autofree char *text = g_strdup_printf (_("Case %s registered"), number);

  afs_window_show_toast (self, text);
  afs_context_cases_changed (self->context);
  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  afs_window_open_case (self, case_id);
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  AfsWindow *self = AFS_WINDOW (widget);
  AfsIntakeDialog *dialog = afs_intake_dialog_new (self->context, GTK_WINDOW (self));

  g_signal_connect_object (dialog, "case-created", G_CALLBACK (on_intake_created),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_triage_saved (AfsWindow  *self,
                 const char *message)
{
  afs_window_show_toast (self, message);
  afs_context_cases_changed (self->context);
}

static void
triage_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  AfsWindow *self = AFS_WINDOW (widget);
  const char *case_id = current_case_id (self);
  AfsTriageDialog *dialog;

  if (case_id == NULL)
    {
      afs_window_show_toast (self, _("Open a case first, then triage it"));
      return;
    }

  dialog = afs_triage_dialog_new (self->context, GTK_WINDOW (self), case_id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_triage_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
dispatch_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  AfsWindow *self = AFS_WINDOW (widget);

  afs_dispatch_board_set_case_id (self->dispatch_board, current_case_id (self));
  adw_view_stack_set_visible_child_name (self->view_stack, "dispatch");
  gtk_widget_grab_focus (GTK_WIDGET (self->dispatch_board));
}

static void
new_shipment_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  AfsWindow *self = AFS_WINDOW (widget);

  afs_shipments_page_new_shipment (self->shipments_page, current_case_id (self));
}

static void
approvals_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  AfsWindow *self = AFS_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "approvals");
  gtk_widget_grab_focus (GTK_WIDGET (self->approvals_page));
}

AfsDispatchBoard *
afs_window_get_dispatch_board (AfsWindow *self)
{
  g_return_val_if_fail (AFS_IS_WINDOW (self), NULL);
  return self->dispatch_board;
}

AfsApprovalsPage *
afs_window_get_approvals_page (AfsWindow *self)
{
  g_return_val_if_fail (AFS_IS_WINDOW (self), NULL);
  return self->approvals_page;
}

AfsShipmentsPage *
afs_window_get_shipments_page (AfsWindow *self)
{
  g_return_val_if_fail (AFS_IS_WINDOW (self), NULL);
  return self->shipments_page;
}

/* ---- Frame reporting ------------------------------------------------------ */

static void
on_after_paint (GdkFrameClock *clock,
                AfsWindow     *self)
{
  if (!self->content_ready || self->first_frame_done)
    return;

  self->first_frame_done = TRUE;
  g_clear_signal_handler (&self->after_paint_handler, clock);
  g_signal_emit (self, signals[FIRST_FRAME], 0);
}

static void
afs_window_realize (GtkWidget *widget)
{
  AfsWindow *self = AFS_WINDOW (widget);

  GTK_WIDGET_CLASS (afs_window_parent_class)->realize (widget);

  if (!self->first_frame_done)
    {
      self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->after_paint_handler = g_signal_connect (self->frame_clock, "after-paint",
                                                    G_CALLBACK (on_after_paint), self);
    }
}

static void
afs_window_unrealize (GtkWidget *widget)
{
  AfsWindow *self = AFS_WINDOW (widget);

  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, self->frame_clock);
  g_clear_object (&self->frame_clock);

  GTK_WIDGET_CLASS (afs_window_parent_class)->unrealize (widget);
}

/* ---- Window state --------------------------------------------------------- */

static gboolean
afs_window_close_request (GtkWindow *window)
{
  AfsWindow *self = AFS_WINDOW (window);
  GSettings *settings = afs_context_get_settings (self->context);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (afs_window_parent_class)->close_request (window);
}

static GVariant *
sort_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "due" : "newest");
}

static gboolean
sort_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "due") ? 1 : 0);
  return TRUE;
}

static void
on_sort_setting_changed (AfsWindow *self)
{
  on_filter_changed (self);
}

static void
afs_window_constructed (GObject *object)
{
  AfsWindow *self = AFS_WINDOW (object);
  GSettings *settings;
  g_autoptr(GtkStringList) states = NULL;
  g_autoptr(GtkStringList) severities = NULL;
  g_autoptr(GtkStringList) technicians = NULL;
  g_autoptr(GtkStringList) sorts = NULL;
  g_autoptr(GtkListItemFactory) factory = NULL;

  G_OBJECT_CLASS (afs_window_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  settings = afs_context_get_settings (self->context);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* The filter controls */
  states = gtk_string_list_new (NULL);
  gtk_string_list_append (states, _("All open"));
  gtk_string_list_append (states, _("All states"));
  for (AfsCaseState s = 0; s < AFS_CASE_STATE_N; s++)
    gtk_string_list_append (states, afs_case_state_get_label (s));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));

  severities = gtk_string_list_new (NULL);
  gtk_string_list_append (severities, _("Any severity"));
  for (int i = AFS_SEVERITY_MIN; i <= AFS_SEVERITY_MAX; i++)
    gtk_string_list_append (severities, afs_severity_get_label (i));
  gtk_drop_down_set_model (self->severity_dropdown, G_LIST_MODEL (severities));

  technicians = gtk_string_list_new (NULL);
  gtk_string_list_append (technicians, _("Anyone"));
  gtk_drop_down_set_model (self->technician_dropdown, G_LIST_MODEL (technicians));

  sorts = gtk_string_list_new (NULL);
  gtk_string_list_append (sorts, _("Newest first"));
  gtk_string_list_append (sorts, _("Nearest deadline first"));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sorts));
  g_settings_bind_with_mapping (settings, "list-sort", self->sort_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                sort_get_mapping, sort_set_mapping, NULL, NULL);

  /* The list */
  self->model = afs_case_list_model_new (afs_context_get_store (self->context));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Connected after the selection's own handler, so it sees the updated
   * selection. */
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_model_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::n-items",
                           G_CALLBACK (on_model_ready_or_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::ready",
                           G_CALLBACK (on_model_ready_or_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading",
                           G_CALLBACK (on_model_ready_or_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::limit-reached",
                           G_CALLBACK (update_list_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "page-loaded",
                           G_CALLBACK (on_model_page_loaded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "error",
                           G_CALLBACK (on_model_error), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);

  /* The case page */
  self->case_page = AFS_CASE_PAGE (afs_case_page_new (self->context));
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->case_page), "case");
  g_signal_connect_object (self->case_page, "loaded",
                           G_CALLBACK (on_case_page_loaded), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");

  g_signal_connect_object (self->context, "cases-changed",
                           G_CALLBACK (on_cases_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "policy-changed",
                           G_CALLBACK (on_policy_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::list-sort",
                           G_CALLBACK (on_sort_setting_changed), self, G_CONNECT_SWAPPED);

  /* The office views (issue 3) */
  self->dispatch_board = AFS_DISPATCH_BOARD (afs_dispatch_board_new (self->context));
  afs_window_add_view (self, GTK_WIDGET (self->dispatch_board), "dispatch",
                       _("_Dispatch"), "x-office-calendar-symbolic");
  self->approvals_page = AFS_APPROVALS_PAGE (afs_approvals_page_new (self->context));
  afs_window_add_view (self, GTK_WIDGET (self->approvals_page), "approvals",
                       _("_Approvals"), "emblem-ok-symbolic");
  self->shipments_page = AFS_SHIPMENTS_PAGE (afs_shipments_page_new (self->context));
  afs_window_add_view (self, GTK_WIDGET (self->shipments_page), "shipments",
                       _("_Shipments"), "mail-send-symbolic");

  self->minute_source = g_timeout_add_seconds (60, on_minute, self);
  update_role_actions (self);

  update_list_state (self);
  update_go_back (self);
  on_leaflet_changed (self);

  apply_filter (self);
  load_technicians (self);
}

static void
afs_window_dispose (GObject *object)
{
  AfsWindow *self = AFS_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->minute_source, g_source_remove);
  clear_pending (self);

  if (self->list_view != NULL)
    {
      gtk_list_view_set_model (self->list_view, NULL);
      gtk_list_view_set_factory (self->list_view, NULL);
    }
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);

  /* Adw 1.2: a switcher that outlives its stack unparents freed buttons. */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_pointer (&self->technician_ids, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_window_parent_class)->dispose (object);
}

static void
afs_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AfsWindow *self = AFS_WINDOW (object);

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
afs_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AfsWindow *self = AFS_WINDOW (object);

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
afs_window_class_init (AfsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = afs_window_constructed;
  object_class->dispose = afs_window_dispose;
  object_class->get_property = afs_window_get_property;
  object_class->set_property = afs_window_set_property;

  widget_class->realize = afs_window_realize;
  widget_class->unrealize = afs_window_unrealize;

  window_class->close_request = afs_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The first frame that shows the list's rows or its empty state. */
  signals[FIRST_FRAME] =
    g_signal_new ("first-frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, content);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, filter_summary_revealer);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, filter_summary_label);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, list_spinner);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, limit_label);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, severity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, technician_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, due_soon_check);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, main_header);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AfsWindow, status_box);

  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.filter", NULL, filter_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.filter", NULL);

  /* Office desk (issue 3): every step of the flow from the keyboard. */
  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.triage", NULL, triage_action);
  gtk_widget_class_install_action (widget_class, "win.dispatch", NULL, dispatch_action);
  gtk_widget_class_install_action (widget_class, "win.new-shipment", NULL, new_shipment_action);
  gtk_widget_class_install_action (widget_class, "win.approvals", NULL, approvals_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "i", show_view_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.triage", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.dispatch", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.new-shipment", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "win.approvals", NULL);
  for (int i = 0; i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "win.show-view", "i", i);
}

static void
afs_window_init (AfsWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->main_stack, "main");

  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
}

AfsWindow *
afs_window_new (GtkApplication *application,
                AfsContext     *context)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);

  return g_object_new (AFS_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

AfsContext *
afs_window_get_context (AfsWindow *self)
{
  g_return_val_if_fail (AFS_IS_WINDOW (self), NULL);
  return self->context;
}

AfsCaseListModel *
afs_window_get_case_list (AfsWindow *self)
{
  g_return_val_if_fail (AFS_IS_WINDOW (self), NULL);
  return self->model;
}

GtkSingleSelection *
afs_window_get_selection (AfsWindow *self)
{
  g_return_val_if_fail (AFS_IS_WINDOW (self), NULL);
  return self->selection;
}

AfsCasePage *
afs_window_get_case_page (AfsWindow *self)
{
  g_return_val_if_fail (AFS_IS_WINDOW (self), NULL);
  return self->case_page;
}

gboolean
afs_window_get_content_ready (AfsWindow *self)
{
  g_return_val_if_fail (AFS_IS_WINDOW (self), FALSE);
  return self->content_ready;
}

void
afs_window_set_busy (AfsWindow *self,
                     gboolean   busy)
{
  g_return_if_fail (AFS_IS_WINDOW (self));

  busy = !!busy;
  if (self->busy == busy)
    return;
  self->busy = busy;

  gtk_stack_set_visible_child_name (self->main_stack, busy ? "busy" : "main");
  if (busy)
    gtk_spinner_start (self->busy_spinner);
  else
    {
      gtk_spinner_stop (self->busy_spinner);
      apply_filter (self);
      load_technicians (self);
    }
}

void
afs_window_reload (AfsWindow *self)
{
  g_return_if_fail (AFS_IS_WINDOW (self));

  afs_case_list_model_reload (self->model);
  afs_case_page_reload (self->case_page);
  load_technicians (self);
}
