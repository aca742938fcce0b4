/* afs-dispatch-board.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "afs-dispatch-board.h"
#include "afs-error.h"
#include "afs-form.h"
#include "afs-format.h"
#include "afs-store-office.h"

#define WAITING_LIMIT 200

/* A big company has hundreds of technicians: building a row (and shaping
 * its text) for each made the first visit of the board freeze for
 * seconds (docs/benchmarks.md, bench-dispatch). The dispatcher needs the
 * best fits first (DOMAIN.md 7: "assign one or more technicians by
 * fault, area and workload; one is the lead"), so the list holds the
 * TECH_TOP best and a "Show All Technicians (N)" row; the schedule holds
 * who has work planned in the range, the ticked ones and the
 * SCHEDULE_SUGGESTED best fits, with a "Show Everyone" button; a find
 * row over the list brings anyone by name, area or skill; the
 * assignments not planned yet show UNPLANNED_TOP and a "Show All" row. */
#define TECH_TOP            10
#define SCHEDULE_SUGGESTED  3
#define UNPLANNED_TOP       10
#define FIND_LIMIT          30

/* ---- What a reload gathers ------------------------------------------------------ */

typedef struct {
  AfsStore  *store;
  gint64     from, to;
  GPtrArray *cases;        /* AfsCaseData*: waiting for a technician */
  GPtrArray *staff;        /* AfsStaffLoad*: technicians */
  GPtrArray *board;        /* AfsBoardEntry*: planned in [from, to) */
  GPtrArray *unplanned;    /* AfsBoardEntry* */
} BoardData;

static void
board_data_free (BoardData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->cases, g_ptr_array_unref);
  g_clear_pointer (&data->staff, g_ptr_array_unref);
  g_clear_pointer (&data->board, g_ptr_array_unref);
  g_clear_pointer (&data->unplanned, g_ptr_array_unref);
  g_free (data);
}

/* What choosing a case gathers. */
typedef struct {
  AfsStore     *store;
  char         *case_id;
  GPtrArray    *suggestions;  /* AfsDispatchSuggestion* */
  AfsCaseFacts  facts;
} CaseData;

static void
case_data_free (CaseData *data)
{
  g_clear_object (&data->store);
  g_free (data->case_id);
  g_clear_pointer (&data->suggestions, g_ptr_array_unref);
  g_free (data);
}

struct _AfsDispatchBoard
{
  AdwBin           parent_instance;

  AfsContext      *context;
  BoardData       *data;
  CaseData        *case_data;
  char            *wanted_case_id;  /* set_case_id() before the list came */
  GCancellable    *cancellable;
  GCancellable    *case_cancellable;
  GDate            day;             /* the day shown (or the week's day) */
  gboolean         ready;
  gboolean         busy;
  gboolean         filling;
  GPtrArray       *tech_rows;       /* GtkWidget*: rows in technicians_group */
  GtkToggleButton *lead_group;      /* the first lead toggle: they exclude each other */
  char            *tech_case_id;    /* the case whose technicians are listed */
  gboolean         tech_expanded;   /* all technicians listed, not only the best */
  gboolean         schedule_everyone;
  gboolean         unplanned_expanded;
  GtkWidget       *find_row;         /* AdwEntryRow over many technicians, or NULL */
  GtkWidget       *more_row;         /* "Show All Technicians (N)" */
  GtkWidget       *note_row;         /* no match / more matches than shown */
  GtkWidget       *everyone_button;  /* in schedule_box, or NULL */
  GtkWidget       *unplanned_next;   /* the first row "Show All Assignments" brought */

  AdwLeaflet      *leaflet;
  GtkWidget       *assign_pane;
  GtkWidget       *schedule_pane;
  AdwComboRow     *case_row;
  AdwPreferencesGroup *technicians_group;
  AdwEntryRow     *start_row;
  AdwEntryRow     *hours_row;
  GtkWidget       *dispatch_button;
  GtkLabel        *dispatch_hint;
  GtkToggleButton *day_button;
  GtkToggleButton *week_button;
  GtkLabel        *range_label;
  GtkBox          *schedule_box;

  GtkLabel        *start_error;
  GtkLabel        *hours_error;
};

G_DEFINE_FINAL_TYPE (AfsDispatchBoard, afs_dispatch_board, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_dispatch_state (AfsDispatchBoard *self);
static void load_case (AfsDispatchBoard *self);

/* ---- The range shown -------------------------------------------------------------- */

static gboolean
week_view (AfsDispatchBoard *self)
{
  return gtk_toggle_button_get_active (self->week_button);
}

static gint64
local_midnight (const GDate *day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                                    g_date_get_day (day), 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static void
range (AfsDispatchBoard *self,
       gint64           *from,
       gint64           *to)
{
  GDate start = self->day, end;

  if (week_view (self))
    /* Weeks start on Monday. */
    g_date_subtract_days (&start, g_date_get_weekday (&start) - G_DATE_MONDAY);
  end = start;
  g_date_add_days (&end, week_view (self) ? 7 : 1);
  /* Midnight to midnight in local time: right across DST changes. */
  *from = local_midnight (&start);
  *to = local_midnight (&end);
}

static void
update_range_label (AfsDispatchBoard *self)
{
  gint64 from, to;
  g_autoptr(GDateTime) a = NULL;
  g_autoptr(GDateTime) b = NULL;
  g_autofree char *first = NULL, *last = NULL, *text = NULL;

  range (self, &from, &to);
  a = g_date_time_new_from_unix_local (from);
  b = g_date_time_new_from_unix_local (to - 1);
  /* Translators: a day on the dispatch board, "Mon 3 Feb 2026"; see g_date_time_format(). */
  first = g_date_time_format (a, _("%a %-e %b %Y"));
  if (week_view (self))
    {
      last = g_date_time_format (b, _("%a %-e %b %Y"));
      /* Translators: the week shown: "Mon 2 Feb 2026 – Sun 8 Feb 2026". */
      text = g_strdup_printf (_("%s – %s"), first, last);
    }
  gtk_label_set_label (self->range_label, text != NULL ? text : first);
}

/* ---- The schedule ---------------------------------------------------------------- */

static void reassign_entry (AfsDispatchBoard *self, const AfsBoardEntry *entry);

static void
on_reassign_clicked (GtkButton        *button,
                     AfsDispatchBoard *self)
{
  const AfsBoardEntry *entry = g_object_get_data (G_OBJECT (button), "entry");

  if (entry != NULL)
    reassign_entry (self, entry);
}

static GtkWidget *
entry_row (AfsDispatchBoard    *self,
           const AfsBoardEntry *e,
           gboolean             with_day)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (e->planned_start != 0)
    {
      g_autoptr(GDateTime) s = g_date_time_new_from_unix_local (e->planned_start);
      g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (e->planned_end);
      g_autofree char *s_text = g_date_time_format (s, with_day ? _("%a %H:%M") : "%H:%M");
      g_autofree char *t_text = g_date_time_format (t, "%H:%M");

      /* Translators: planned time on the board: "09:00–11:00". */
      when = g_strdup_printf (_("%s–%s"), s_text, t_text);
    }
  else
    when = g_strdup (_("not planned yet"));

  /* Translators: a board line: "09:00–11:00 · AS-2026-000123". */
  title = g_strdup_printf (_("%s · %s"), when, e->case_number);
  subtitle = g_strdup_printf ("%s%s%s%s%s",
                              e->customer_name != NULL ? e->customer_name : "",
                              e->customer_city != NULL ? ", " : "",
                              e->customer_city != NULL ? e->customer_city : "",
                              " · ", afs_case_state_get_label (e->case_state));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (e->lead)
    {
      GtkWidget *badge = gtk_label_new (_("Lead"));

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "lead-badge");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }

  button = gtk_button_new_with_mnemonic (_("_Reassign…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  {
    /* Translators: accessible name of a board line's button: "Reassign AS-2026-000123 from Anna Nowak". */
    g_autofree char *label = g_strdup_printf (_("Reassign %s from %s"), e->case_number, e->staff_name);
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  g_object_set_data (G_OBJECT (button), "entry", (gpointer) e);
  g_signal_connect (button, "clicked", G_CALLBACK (on_reassign_clicked), self);
  {
    /* Only office staff and managers reassign (the store refuses others). */
    g_autofree char *why = afs_form_office_only (afs_context_get_role (self->context),
                                                 _("reassign technicians"));
    if (why != NULL)
      {
        gtk_widget_set_sensitive (button, FALSE);
        gtk_widget_set_tooltip_text (button, why);
        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
      }
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static GStrv ticked (AfsDispatchBoard *self, char **out_lead);
static void show_schedule (AfsDispatchBoard *self);

static void
on_everyone_clicked (AfsDispatchBoard *self)
{
  self->schedule_everyone = !self->schedule_everyone;
  show_schedule (self);
  /* The button was rebuilt: keyboard users stay on it. */
  if (self->everyone_button != NULL)
    gtk_widget_grab_focus (self->everyone_button);
}

static void
on_unplanned_more_activated (AfsDispatchBoard *self)
{
  self->unplanned_expanded = TRUE;
  show_schedule (self);
  if (self->unplanned_next != NULL)
    gtk_widget_grab_focus (self->unplanned_next);
}

/* One group per technician: the header stays one short line at 1280 and
 * 400 px: the name, the skills under it, the load at the end; the area (a
 * list of places, often long) is in the tooltip and in the suggestion's
 * reason ("Covers Kunshan"). */
static GtkWidget *
staff_group (const AfsStaffLoad *load)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *load_label;
  g_autofree char *load_text = NULL;
  g_autofree char *area = NULL;

  load_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open order", "%u open orders",
                                            load->open_assignments),
                               load->open_assignments);
  load_label = gtk_label_new (load_text);
  gtk_widget_add_css_class (load_label, "dim-label");
  gtk_widget_set_valign (load_label, GTK_ALIGN_END);
  /* Translators: tooltip of a technician on the dispatch board, followed by their area */
  area = g_strdup_printf (_("Goes to: %s"), load->staff.service_area != NULL && *load->staff.service_area != '\0'
                                             ? load->staff.service_area : _("no area"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), load->staff.name);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         load->staff.skills != NULL && *load->staff.skills != '\0'
                                         ? load->staff.skills : _("no skills listed"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), load_label);
  gtk_widget_set_tooltip_text (group, area);
  g_object_set_data (G_OBJECT (group), "count", GUINT_TO_POINTER (0));
  return group;
}

static void
show_schedule (AfsDispatchBoard *self)
{
  GtkWidget *child;
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) ids = NULL;
  g_autofree char *lead = NULL;
  BoardData *d = self->data;
  guint n_hidden = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->schedule_box))) != NULL)
    gtk_box_remove (self->schedule_box, child);
  self->everyone_button = NULL;
  self->unplanned_next = NULL;

  update_range_label (self);
  if (d == NULL)
    return;

  /* Who is shown: those with work planned in the range, the ticked ones
   * and the best fits for the chosen case; everyone on request. */
  for (guint i = 0; i < d->board->len; i++)
    g_hash_table_add (wanted, ((AfsBoardEntry *) g_ptr_array_index (d->board, i))->staff_id);
  ids = ticked (self, &lead);
  for (guint i = 0; ids[i] != NULL; i++)
    g_hash_table_add (wanted, ids[i]);
  if (self->case_data != NULL)
    for (guint i = 0; i < self->case_data->suggestions->len && i < SCHEDULE_SUGGESTED; i++)
      g_hash_table_add (wanted, ((AfsDispatchSuggestion *) g_ptr_array_index (self->case_data->suggestions, i))->staff_id);

  for (guint i = 0; i < d->staff->len; i++)
    {
      const AfsStaffLoad *load = g_ptr_array_index (d->staff, i);
      GtkWidget *group;

      if (!self->schedule_everyone && !g_hash_table_contains (wanted, load->staff.id))
        {
          n_hidden++;
          continue;
        }
      group = staff_group (load);
      g_hash_table_insert (groups, load->staff.id, group);
      gtk_box_append (self->schedule_box, group);
    }

  for (guint i = 0; i < d->board->len; i++)
    {
      const AfsBoardEntry *e = g_ptr_array_index (d->board, i);
      GtkWidget *group = g_hash_table_lookup (groups, e->staff_id);

      if (group == NULL)
        continue;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry_row (self, e, week_view (self)));
      g_object_set_data (G_OBJECT (group), "count",
                         GUINT_TO_POINTER (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (group), "count")) + 1));
    }

  /* Free technicians say so rather than showing an empty box. */
  {
    GHashTableIter iter;
    gpointer group;

    g_hash_table_iter_init (&iter, groups);
    while (g_hash_table_iter_next (&iter, NULL, &group))
      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (group), "count")) == 0)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         week_view (self) ? _("Nothing planned this week") : _("Nothing planned this day"));
          gtk_widget_add_css_class (row, "dim-label");
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
  }

  if (d->staff->len == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "system-users-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("No Technicians"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Technicians appear here once they are in the staff list."));
      gtk_box_append (self->schedule_box, status);
    }
  else if (g_hash_table_size (groups) == 0)
    {
      /* Nobody has work planned and no case is chosen: say so. */
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "x-office-calendar-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Nothing Planned"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       week_view (self) ? _("No technician has work planned this week.")
                                                        : _("No technician has work planned this day."));
      gtk_widget_add_css_class (status, "compact");
      gtk_box_append (self->schedule_box, status);
    }

  if (n_hidden > 0 || self->schedule_everyone)
    {
      g_autofree char *label = NULL;
      GtkWidget *button;

      if (self->schedule_everyone)
        label = g_strdup (_("Show _Fewer Technicians"));
      else
        /* Translators: the button under the schedule; %u is how many technicians there are in all. */
        label = g_strdup_printf (_("Show _Everyone (%u)"), d->staff->len);
      button = gtk_button_new_with_mnemonic (label);
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_set_tooltip_text (button, self->schedule_everyone
                                   ? _("Show only who has work planned, the ticked and the best fitting technicians")
                                   : _("Show every technician, also those with nothing planned"));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_everyone_clicked), self);
      gtk_box_append (self->schedule_box, button);
      self->everyone_button = button;
    }

  if (d->unplanned->len > 0)
    {
      GtkWidget *group = adw_preferences_group_new ();
      guint n = self->unplanned_expanded ? d->unplanned->len : MIN (d->unplanned->len, UNPLANNED_TOP);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Assigned, Not Planned Yet"));
      for (guint i = 0; i < n; i++)
        {
          const AfsBoardEntry *e = g_ptr_array_index (d->unplanned, i);
          GtkWidget *row = entry_row (self, e, FALSE);
          g_autofree char *subtitle = g_strdup_printf ("%s · %s", e->staff_name,
                                                       adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          if (i == UNPLANNED_TOP)
            self->unplanned_next = row;
        }
      if (n < d->unplanned->len)
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *icon = gtk_image_new_from_icon_name ("go-down-symbolic");
          /* Translators: the last row of "Assigned, Not Planned Yet"; %u is how many there are in all. */
          g_autofree char *title = g_strdup_printf (_("Show All Assignments (%u)"), d->unplanned->len);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_signal_connect_swapped (row, "activated", G_CALLBACK (on_unplanned_more_activated), self);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (self->schedule_box, group);
    }
}

/* ---- Technicians to tick ---------------------------------------------------------- */

static void
on_tech_toggled (AfsDispatchBoard *self)
{
  /* Widgets notify while the board is disposed. */
  if (self->filling || self->context == NULL)
    return;
  update_dispatch_state (self);
  /* The ticked technicians are on the schedule: rebuild it (cheap while
   * it holds only the planned and suggested ones). */
  if (!self->schedule_everyone)
    show_schedule (self);
}

static GtkWidget *
tech_row_new (AfsDispatchBoard            *self,
              const AfsDispatchSuggestion *s,
              guint                        rank)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *lead = gtk_toggle_button_new_with_label (_("Lead"));
  g_autofree char *title = NULL;
  g_autofree char *lead_label = NULL;

  if (rank == 0)
    /* Translators: the best fit, first in the list: "Suggested: Anna Nowak". */
    title = g_strdup_printf (_("Suggested: %s"), s->name);
  else
    title = g_strdup (s->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s->reason);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (rank == 0)
    gtk_widget_add_css_class (row, "suggested");

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, s->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, s->reason, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  gtk_widget_set_valign (lead, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (lead, "flat");
  /* Translators: accessible name of the lead toggle: "Anna Nowak leads". */
  lead_label = g_strdup_printf (_("%s leads"), s->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (lead), GTK_ACCESSIBLE_PROPERTY_LABEL, lead_label, -1);
  if (self->lead_group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (lead), self->lead_group);
  else
    self->lead_group = GTK_TOGGLE_BUTTON (lead);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), lead);

  g_object_set_data_full (G_OBJECT (row), "staff-id", g_strdup (s->staff_id), g_free);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data (G_OBJECT (row), "lead", lead);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_tech_toggled), self);
  g_signal_connect_swapped (lead, "toggled", G_CALLBACK (on_tech_toggled), self);
  return row;
}

/* The list is kept in ranking order whatever order rows are made in:
 * the find row first, then the technicians by rank, then the notes. */
#define RANK_FIND     (-1)
#define RANK_NOTE     (G_MAXINT - 1)
#define RANK_MORE     G_MAXINT

static int
rank_of (GtkListBoxRow *row)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "rank"));
}

static int
sort_by_rank (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       unused)
{
  int x = rank_of (a), y = rank_of (b);

  return (x > y) - (x < y);
}

static void
add_tech_row (AfsDispatchBoard *self,
              GtkWidget        *row,
              int               rank)
{
  GtkWidget *list;

  g_object_set_data (G_OBJECT (row), "rank", GINT_TO_POINTER (rank));
  adw_preferences_group_add (self->technicians_group, row);
  g_ptr_array_add (self->tech_rows, row);
  list = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX);
  if (list != NULL && g_object_get_data (G_OBJECT (list), "afs-sorted") == NULL)
    {
      gtk_list_box_set_sort_func (GTK_LIST_BOX (list), sort_by_rank, NULL, NULL);
      g_object_set_data (G_OBJECT (list), "afs-sorted", GINT_TO_POINTER (1));
    }
}

/* Does @text (casefolded) occur in the technician's name, area or skills? */
static gboolean
tech_matches (const AfsStaffLoad *load,
              const char         *name,
              const char         *text)
{
  const char *fields[] = { name, load != NULL ? load->staff.service_area : NULL,
                           load != NULL ? load->staff.skills : NULL };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = fields[i] != NULL ? g_utf8_casefold (fields[i], -1) : NULL;

      if (folded != NULL && strstr (folded, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Which technicians have a row showing: the ticked ones always; with
 * text in the find row, those whose name, area or skills hold it (the
 * first FIND_LIMIT); else the TECH_TOP best or, expanded, everyone. Rows
 * are made when first needed and kept (with their tick) until the case
 * changes. */
static void
filter_technicians (AfsDispatchBoard *self)
{
  GPtrArray *suggestions = self->case_data != NULL ? self->case_data->suggestions : NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) staff = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;
  guint n_matches = 0, n_shown = 0;

  if (suggestions == NULL || self->find_row == NULL || self->data == NULL)
    return;

  {
    g_autofree char *raw = afs_form_text (self->find_row);
    g_autofree char *stripped = g_strstrip (g_strdup (raw));

    text = stripped[0] != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  }
  for (guint i = 0; i < self->tech_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->tech_rows, i);

      if (g_object_get_data (row, "staff-id") != NULL)
        g_hash_table_insert (rows, g_object_get_data (row, "staff-id"), row);
    }
  for (guint i = 0; i < self->data->staff->len; i++)
    {
      AfsStaffLoad *load = g_ptr_array_index (self->data->staff, i);

      g_hash_table_insert (staff, load->staff.id, load);
    }

  self->filling = TRUE;
  for (guint i = 0; i < suggestions->len; i++)
    {
      const AfsDispatchSuggestion *s = g_ptr_array_index (suggestions, i);
      GtkWidget *row = g_hash_table_lookup (rows, s->staff_id);
      gboolean is_ticked = row != NULL &&
                           gtk_check_button_get_active (g_object_get_data (G_OBJECT (row), "check"));
      gboolean show;

      if (text != NULL)
        {
          show = tech_matches (g_hash_table_lookup (staff, s->staff_id), s->name, text);
          if (show && ++n_matches > FIND_LIMIT)
            show = FALSE;
        }
      else
        show = self->tech_expanded || i < TECH_TOP;
      show = show || is_ticked;

      if (show && row == NULL)
        {
          row = tech_row_new (self, s, i);
          add_tech_row (self, row, (int) i);
        }
      if (row != NULL)
        gtk_widget_set_visible (row, show);
      n_shown += show;
    }

  gtk_widget_set_visible (self->more_row, text == NULL && !self->tech_expanded && suggestions->len > TECH_TOP);
  if (text != NULL && n_matches == 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row), _("No technician has that name, area or skill"));
  else if (n_matches > FIND_LIMIT)
    {
      /* Translators: under the first matches of the technicians' find row: "Showing 30 of 120: type more to narrow". */
      g_autofree char *note = g_strdup_printf (_("Showing %u of %u: type more to narrow"), FIND_LIMIT, n_matches);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row), note);
    }
  gtk_widget_set_visible (self->note_row, text != NULL && (n_matches == 0 || n_matches > FIND_LIMIT));
  self->filling = FALSE;
}

/* "Show All Technicians (N)": the rest of the ranking comes under the
 * rows shown; those already ticked keep their tick (their rows stay). */
static void
on_tech_more_activated (GtkListBoxRow    *more,
                        AfsDispatchBoard *self)
{
  GtkWidget *next = NULL;

  if (self->case_data == NULL || self->tech_expanded)
    return;
  self->tech_expanded = TRUE;
  filter_technicians (self);
  /* Keyboard users carry on where the button was: the row after the top. */
  for (guint i = 0; i < self->tech_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->tech_rows, i);

      if (rank_of (GTK_LIST_BOX_ROW (row)) == TECH_TOP)
        next = row;
    }
  if (next != NULL)
    gtk_widget_grab_focus (next);
}

static void
on_find_changed (AfsDispatchBoard *self)
{
  filter_technicians (self);
}

static void
show_technicians (AfsDispatchBoard *self)
{
  GPtrArray *suggestions = self->case_data != NULL ? self->case_data->suggestions : NULL;
  g_autofree char *find_text = self->find_row != NULL ? afs_form_text (self->find_row) : NULL;

  for (guint i = 0; i < self->tech_rows->len; i++)
    adw_preferences_group_remove (self->technicians_group, g_ptr_array_index (self->tech_rows, i));
  g_ptr_array_set_size (self->tech_rows, 0);
  self->lead_group = NULL;
  self->find_row = self->more_row = self->note_row = NULL;

  if (self->data == NULL)
    return;

  /* Another case: its best fits first again. */
  if (g_strcmp0 (self->tech_case_id, self->case_data != NULL ? self->case_data->case_id : NULL) != 0)
    {
      g_free (self->tech_case_id);
      self->tech_case_id = self->case_data != NULL ? g_strdup (self->case_data->case_id) : NULL;
      self->tech_expanded = FALSE;
      g_clear_pointer (&find_text, g_free);
    }

  self->filling = TRUE;
  if (suggestions != NULL && suggestions->len > TECH_TOP)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("go-down-symbolic");
      g_autofree char *title = NULL;

      /* Many technicians: find one by name, area or skill. */
      self->find_row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->find_row), _("Fi_nd by name, area or skill"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->find_row), TRUE);
      adw_entry_row_add_prefix (ADW_ENTRY_ROW (self->find_row), gtk_image_new_from_icon_name ("system-search-symbolic"));
      if (find_text != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->find_row), find_text);
      g_signal_connect_swapped (self->find_row, "changed", G_CALLBACK (on_find_changed), self);
      add_tech_row (self, self->find_row, RANK_FIND);

      self->more_row = adw_action_row_new ();
      /* Translators: the last row of the technicians list; %u is how many there are in all. */
      title = g_strdup_printf (_("Show All Technicians (%u)"), suggestions->len);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->more_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->more_row), _("The best fits are listed above"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->more_row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->more_row), TRUE);
      g_signal_connect (self->more_row, "activated", G_CALLBACK (on_tech_more_activated), self);
      add_tech_row (self, self->more_row, RANK_MORE);

      self->note_row = adw_action_row_new ();
      gtk_widget_add_css_class (self->note_row, "dim-label");
      add_tech_row (self, self->note_row, RANK_NOTE);
      self->filling = FALSE;
      filter_technicians (self);
      self->filling = TRUE;
    }
  else if (suggestions != NULL)
    for (guint i = 0; i < suggestions->len; i++)
      add_tech_row (self, tech_row_new (self, g_ptr_array_index (suggestions, i), i), (int) i);

  if (self->tech_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     self->case_data == NULL ? _("Choose a case to see who fits it")
                                                             : _("No technician left to assign"));
      gtk_widget_add_css_class (row, "dim-label");
      add_tech_row (self, row, 0);
    }
  self->filling = FALSE;
  update_dispatch_state (self);
}

/* The ticked technicians (staff ids, NULL-terminated) and the lead. */
static GStrv
ticked (AfsDispatchBoard *self,
        char            **out_lead)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  *out_lead = NULL;
  for (guint i = 0; i < self->tech_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->tech_rows, i);
      GtkCheckButton *check = g_object_get_data (row, "check");
      GtkToggleButton *lead = g_object_get_data (row, "lead");

      if (check == NULL || !gtk_check_button_get_active (check))
        continue;
      g_strv_builder_add (builder, g_object_get_data (row, "staff-id"));
      if (gtk_toggle_button_get_active (lead))
        *out_lead = g_strdup (g_object_get_data (row, "staff-id"));
    }
  return g_strv_builder_end (builder);
}

static gboolean
parse_plan (AfsDispatchBoard *self,
            gint64           *start,
            gint64           *end,
            char            **start_msg,
            char            **hours_msg)
{
  g_autofree char *text = afs_form_text (self->start_row);
  g_autofree char *hours_text = afs_form_text (self->hours_row);
  int y, mo, d, h, mi;
  char tail;
  double hours = 0;

  *start_msg = NULL;
  *hours_msg = NULL;
  *start = *end = 0;

  if (sscanf (text, "%d-%d-%d %d:%d%c", &y, &mo, &d, &h, &mi, &tail) != 5 ||
      !g_date_valid_dmy (d, mo, y) || h < 0 || h > 23 || mi < 0 || mi > 59)
    *start_msg = g_strdup (_("Write the start as YYYY-MM-DD HH:MM, for example 2026-03-15 09:00"));
  else
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (y, mo, d, h, mi, 0);
      *start = g_date_time_to_unix (dt);
    }

  *hours_msg = afs_form_check_amount (hours_text, &hours);
  if (*hours_msg == NULL && (hours <= 0 || hours > 24 * 14))
    *hours_msg = g_strdup (_("Plan between a few minutes and two weeks"));
  if (*start_msg == NULL && *hours_msg == NULL)
    *end = *start + (gint64) (hours * 3600);
  return *start_msg == NULL && *hours_msg == NULL;
}

static void
update_dispatch_state (AfsDispatchBoard *self)
{
  g_autofree char *lead = NULL;
  g_auto(GStrv) ids = ticked (self, &lead);
  g_autofree char *start_msg = NULL, *hours_msg = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;
  gboolean ok = TRUE;
  const char *hint = NULL;

  /* Widgets notify while the board is disposed. */
  if (self->context == NULL)
    return;

  ok = parse_plan (self, &start, &end, &start_msg, &hours_msg);
  afs_form_show_error (GTK_WIDGET (self->start_row), self->start_error, start_msg);
  afs_form_show_error (GTK_WIDGET (self->hours_row), self->hours_error, hours_msg);

  if (self->case_data == NULL)
    {
      ok = FALSE;
      hint = _("No case is waiting for a technician.");
    }
  else
    {
      AfsCaseFacts facts = self->case_data->facts;

      facts.n_assignments += g_strv_length (ids);
      facts.has_lead = facts.has_lead || lead != NULL;
      if (!afs_workflow_check (&facts, afs_context_get_approval_policy (self->context),
                               AFS_ACTION_DISPATCH, afs_context_get_role (self->context), &error))
        {
          ok = FALSE;
          hint = error->message;
        }
      else if (g_strv_length (ids) > 0 && lead == NULL)
        {
          ok = FALSE;
          hint = _("Choose which of the ticked technicians leads.");
        }
      else if (lead != NULL && !g_strv_contains ((const char *const *) ids, lead))
        {
          ok = FALSE;
          hint = _("The lead must be one of the ticked technicians.");
        }
    }

  afs_form_show_reason (GTK_WIDGET (self->dispatch_button), self->dispatch_hint, hint);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.dispatch", ok && !self->busy);
}

static void
on_plan_changed (AfsDispatchBoard *self)
{
  update_dispatch_state (self);
}

/* ---- Loading -------------------------------------------------------------------------- */

static gpointer
reload_work (gpointer      input,
             GCancellable *cancellable,
             GError      **error)
{
  BoardData *d = input;
  AfsCaseFilter filter = { 0 };
  g_autoptr(GArray) ids = NULL;

  filter.state_mask = (1u << AFS_CASE_STATE_TRIAGED) | (1u << AFS_CASE_STATE_APPROVED) |
                      (1u << AFS_CASE_STATE_SECOND_VISIT);
  filter.sort = AFS_CASE_SORT_DUE;
  filter.limit = WAITING_LIMIT;

  if ((ids = afs_store_query_case_ids (d->store, &filter, error)) == NULL ||
      (d->cases = afs_store_load_cases (d->store, (const gint64 *) ids->data, ids->len, error)) == NULL ||
      (d->staff = afs_store_list_staff_load (d->store, AFS_ROLE_TECHNICIAN, TRUE, error)) == NULL ||
      (d->board = afs_store_list_board (d->store, d->from, d->to, NULL, error)) == NULL ||
      (d->unplanned = afs_store_list_unplanned_assignments (d->store, error)) == NULL)
    {
      board_data_free (d);
      return NULL;
    }
  return d;
}

static void
reload_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AfsDispatchBoard *self = user_data;
  g_autoptr(GError) error = NULL;
  BoardData *d = afs_form_run_finish (result, &error);
  g_autoptr(GtkStringList) cases = gtk_string_list_new (NULL);
  guint selected = 0;

  if (d == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Cannot load the dispatch board: %s"), error->message);
          afs_form_toast (GTK_WIDGET (self), text);
          self->ready = TRUE;
        }
      return;
    }

  g_clear_pointer (&self->data, board_data_free);
  self->data = d;

  for (guint i = 0; i < d->cases->len; i++)
    {
      const AfsCaseData *k = g_ptr_array_index (d->cases, i);
      /* Translators: a case in the dispatch chooser: "AS-2026-000123 · Anna Nowak · L2". */
      g_autofree char *sev = afs_format_severity_short (k->severity);
      g_autofree char *label = g_strdup_printf (_("%s · %s · %s"), k->number,
                                                k->customer_name != NULL ? k->customer_name : "", sev);

      gtk_string_list_append (cases, label);
      if (g_strcmp0 (k->id, self->wanted_case_id) == 0)
        selected = i;
    }
  self->filling = TRUE;
  adw_combo_row_set_model (self->case_row, G_LIST_MODEL (cases));
  adw_combo_row_set_selected (self->case_row, d->cases->len > 0 ? selected : GTK_INVALID_LIST_POSITION);
  self->filling = FALSE;

  /* load_case() shows the schedule once the case's best fits are known. */
  load_case (self);
}

void
afs_dispatch_board_reload (AfsDispatchBoard *self)
{
  BoardData *d;

  g_return_if_fail (AFS_IS_DISPATCH_BOARD (self));

  if (self->context == NULL)
    return;
  afs_form_renew_cancellable (&self->cancellable);
  self->ready = FALSE;

  d = g_new0 (BoardData, 1);
  d->store = g_object_ref (afs_context_get_store (self->context));
  range (self, &d->from, &d->to);
  afs_form_run_async (reload_work, d, NULL, (GDestroyNotify) board_data_free,
                      self->cancellable, reload_cb, self);
}

static gpointer
case_work (gpointer      input,
           GCancellable *cancellable,
           GError      **error)
{
  CaseData *d = input;

  if (!afs_store_get_case_facts (d->store, d->case_id, &d->facts, error) ||
      (d->suggestions = afs_store_suggest_technicians (d->store, d->case_id, 0, error)) == NULL)
    {
      case_data_free (d);
      return NULL;
    }
  return d;
}

static void
case_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AfsDispatchBoard *self = user_data;
  g_autoptr(GError) error = NULL;
  CaseData *d = afs_form_run_finish (result, &error);

  if (d == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      afs_form_toast (GTK_WIDGET (self), error->message);
    }

  g_clear_pointer (&self->case_data, case_data_free);
  self->case_data = d;
  show_technicians (self);
  /* The case's best fits join the schedule. */
  show_schedule (self);
  self->ready = TRUE;
}

static const AfsCaseData *
selected_case (AfsDispatchBoard *self)
{
  guint pos = adw_combo_row_get_selected (self->case_row);

  if (self->data == NULL || pos == GTK_INVALID_LIST_POSITION || pos >= self->data->cases->len)
    return NULL;
  return g_ptr_array_index (self->data->cases, pos);
}

static void
load_case (AfsDispatchBoard *self)
{
  const AfsCaseData *k = selected_case (self);
  CaseData *d;

  if (self->case_cancellable != NULL)
    g_cancellable_cancel (self->case_cancellable);
  g_clear_object (&self->case_cancellable);

  if (k == NULL)
    {
      g_clear_pointer (&self->case_data, case_data_free);
      show_technicians (self);
      show_schedule (self);
      self->ready = TRUE;
      return;
    }

  self->case_cancellable = g_cancellable_new ();
  d = g_new0 (CaseData, 1);
  d->store = g_object_ref (afs_context_get_store (self->context));
  d->case_id = g_strdup (k->id);
  afs_form_run_async (case_work, d, NULL, (GDestroyNotify) case_data_free,
                      self->case_cancellable, case_cb, self);
}

static void
on_case_selected (AfsDispatchBoard *self)
{
  const AfsCaseData *k;

  if (self->filling)
    return;
  k = selected_case (self);
  g_free (self->wanted_case_id);
  self->wanted_case_id = k != NULL ? g_strdup (k->id) : NULL;
  self->ready = FALSE;
  load_case (self);
}

/* ---- Dispatching ------------------------------------------------------------------------ */

typedef struct {
  AfsStore *store;
  char     *case_id;
  char     *number;
  GStrv     staff_ids;
  char     *lead_id;
  gint64    start, end;
} DispatchInput;

static void
dispatch_input_free (DispatchInput *input)
{
  g_clear_object (&input->store);
  g_free (input->case_id);
  g_free (input->number);
  g_strfreev (input->staff_ids);
  g_free (input->lead_id);
  g_free (input);
}

/* Assign, plan and dispatch in one transaction: a refusal (approval
 * missing, role) leaves no half-made assignment behind. */
static gpointer
dispatch_work (gpointer      data,
               GCancellable *cancellable,
               GError      **error)
{
  DispatchInput *input = data;
  g_autoptr(GPtrArray) assignments = NULL;

  if (!afs_store_begin_batch (input->store, error))
    return NULL;

  for (guint i = 0; input->staff_ids[i] != NULL; i++)
    if (!afs_store_assign_technician (input->store, input->case_id, input->staff_ids[i],
                                      g_strcmp0 (input->staff_ids[i], input->lead_id) == 0, error))
      goto fail;

  assignments = afs_store_list_assignments (input->store, input->case_id, error);
  if (assignments == NULL)
    goto fail;
  for (guint i = 0; i < assignments->len; i++)
    {
      const AfsAssignmentData *a = g_ptr_array_index (assignments, i);

      if (a->planned_start == 0 && g_strv_contains ((const char *const *) input->staff_ids, a->staff_id) &&
          !afs_store_plan_assignment (input->store, a->id, input->start, input->end, error))
        goto fail;
    }

  if (!afs_store_apply_action (input->store, input->case_id, AFS_ACTION_DISPATCH, NULL, error))
    goto fail;
  if (!afs_store_end_batch (input->store, TRUE, error))
    return NULL;
  return GINT_TO_POINTER (1);

fail:
  afs_store_end_batch (input->store, FALSE, NULL);
  return NULL;
}

static void
dispatch_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AfsDispatchBoard) self = user_data;
  DispatchInput *input = afs_form_run_get_input (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  self->busy = FALSE;
  if (afs_form_run_finish (result, &error) == NULL)
    {
      /* Translators: "Not dispatched: <why>". */
      text = g_strdup_printf (_("Not dispatched: %s"), error->message);
      afs_form_toast (GTK_WIDGET (self), text);
      update_dispatch_state (self);
      return;
    }

  text = g_strdup_printf (_("%s is dispatched"), input->number);
  afs_form_toast (GTK_WIDGET (self), text);
  /* Narrow: show where the work landed. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->schedule_pane);
  /* Show the day the work is planned on. */
  afs_date_from_unix (input->start, NULL, &self->day);
  g_clear_pointer (&self->wanted_case_id, g_free);
  if (self->context != NULL)
    afs_context_cases_changed (self->context);
  afs_dispatch_board_reload (self);
}

static void
dispatch_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  AfsDispatchBoard *self = AFS_DISPATCH_BOARD (widget);
  const AfsCaseData *k = selected_case (self);
  g_autofree char *start_msg = NULL, *hours_msg = NULL;
  DispatchInput *input;
  char *lead = NULL;
  GStrv ids;
  gint64 start, end;

  if (k == NULL || self->busy || !parse_plan (self, &start, &end, &start_msg, &hours_msg))
    return;

  ids = ticked (self, &lead);
  if (ids[0] == NULL || lead == NULL)
    {
      g_strfreev (ids);
      g_free (lead);
      return;
    }

  input = g_new0 (DispatchInput, 1);
  input->store = g_object_ref (afs_context_get_store (self->context));
  input->case_id = g_strdup (k->id);
  input->number = g_strdup (k->number);
  input->staff_ids = ids;
  input->lead_id = lead;
  input->start = start;
  input->end = end;

  self->busy = TRUE;
  gtk_widget_action_set_enabled (widget, "board.dispatch", FALSE);
  afs_form_run_async (dispatch_work, input, (GDestroyNotify) dispatch_input_free, NULL, NULL,
                      dispatch_cb, g_object_ref (self));
}

/* ---- Reassigning ------------------------------------------------------------------------ */

typedef struct {
  AfsStore *store;
  char     *case_id;
  char     *number;
  char     *from_id;
  char     *to_id;
  char     *to_name;
  char     *reason;
} ReassignInput;

static void
reassign_input_free (ReassignInput *input)
{
  g_clear_object (&input->store);
  g_free (input->case_id);
  g_free (input->number);
  g_free (input->from_id);
  g_free (input->to_id);
  g_free (input->to_name);
  g_free (input->reason);
  g_free (input);
}

static gpointer
reassign_work (gpointer      data,
               GCancellable *cancellable,
               GError      **error)
{
  ReassignInput *input = data;

  if (!afs_store_reassign_technician (input->store, input->case_id, input->from_id,
                                      input->to_id, input->reason, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

static void
reassign_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AfsDispatchBoard) self = user_data;
  ReassignInput *input = afs_form_run_get_input (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (afs_form_run_finish (result, &error) == NULL)
    text = g_strdup_printf (_("Not reassigned: %s"), error->message);
  else
    /* Translators: "AS-2026-000123 goes to Jan Kowalski now". */
    text = g_strdup_printf (_("%s goes to %s now"), input->number, input->to_name);
  afs_form_toast (GTK_WIDGET (self), text);
  if (self->context != NULL)
    afs_context_cases_changed (self->context);
  afs_dispatch_board_reload (self);
}

static void
on_reassign_input_changed (AdwMessageDialog *dialog)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  GtkDropDown *to = g_object_get_data (G_OBJECT (dialog), "to");
  g_autofree char *text = afs_form_text (reason);

  adw_message_dialog_set_response_enabled (dialog, "reassign",
                                           text[0] != '\0' && gtk_drop_down_get_selected (to) != GTK_INVALID_LIST_POSITION);
}

static void
on_reassign_response (AdwMessageDialog *dialog,
                      const char       *response,
                      AfsDispatchBoard *self)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  GtkDropDown *to = g_object_get_data (G_OBJECT (dialog), "to");
  GPtrArray *candidates = g_object_get_data (G_OBJECT (dialog), "candidates");
  guint pos = gtk_drop_down_get_selected (to);
  g_autofree char *text = afs_form_text (reason);
  ReassignInput *input;

  if (g_strcmp0 (response, "reassign") != 0 || text[0] == '\0' || 2 * pos + 1 >= candidates->len)
    return;

  input = g_new0 (ReassignInput, 1);
  input->store = g_object_ref (afs_context_get_store (self->context));
  input->case_id = g_strdup (g_object_get_data (G_OBJECT (dialog), "case-id"));
  input->number = g_strdup (g_object_get_data (G_OBJECT (dialog), "number"));
  input->from_id = g_strdup (g_object_get_data (G_OBJECT (dialog), "from-id"));
  input->to_id = g_strdup (g_ptr_array_index (candidates, 2 * pos));
  input->to_name = g_strdup (g_ptr_array_index (candidates, 2 * pos + 1));
  input->reason = g_steal_pointer (&text);
  afs_form_run_async (reassign_work, input, (GDestroyNotify) reassign_input_free, NULL, NULL,
                      reassign_cb, g_object_ref (self));
}

static void
reassign_entry (AfsDispatchBoard    *self,
                const AfsBoardEntry *entry)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *box, *to, *reason, *to_label;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *candidates = g_ptr_array_new_with_free_func (g_free);  /* id, name, id, name… */

  if (self->data == NULL)
    return;

  for (guint i = 0; i < self->data->staff->len; i++)
    {
      const AfsStaffLoad *load = g_ptr_array_index (self->data->staff, i);
      g_autofree char *label = NULL;

      if (g_strcmp0 (load->staff.id, entry->staff_id) == 0)
        continue;
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u open order)", "%s (%u open orders)",
                                            load->open_assignments),
                               load->staff.name, load->open_assignments);
      gtk_string_list_append (names, label);
      g_ptr_array_add (candidates, g_strdup (load->staff.id));
      g_ptr_array_add (candidates, g_strdup (load->staff.name));
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Reassign the Case?"), NULL));
  adw_message_dialog_format_body (dialog, _("%s goes from %s to another technician. The reason is recorded in the timeline."),
                                  entry->case_number, entry->staff_name);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  to_label = gtk_label_new_with_mnemonic (_("_Technician"));
  gtk_label_set_xalign (GTK_LABEL (to_label), 0);
  to = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_label_set_mnemonic_widget (GTK_LABEL (to_label), to);
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason"));
  gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  gtk_box_append (GTK_BOX (box), to_label);
  gtk_box_append (GTK_BOX (box), to);
  gtk_box_append (GTK_BOX (box), reason);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "reassign", _("_Reassign"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "reassign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "reassign");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "reassign", FALSE);

  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data (G_OBJECT (dialog), "to", to);
  g_object_set_data_full (G_OBJECT (dialog), "candidates", candidates, (GDestroyNotify) g_ptr_array_unref);
  /* Copies: the board may reload while the dialog is open. */
  g_object_set_data_full (G_OBJECT (dialog), "case-id", g_strdup (entry->case_id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "number", g_strdup (entry->case_number), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "from-id", g_strdup (entry->staff_id), g_free);
  g_signal_connect_swapped (reason, "changed", G_CALLBACK (on_reassign_input_changed), dialog);
  g_signal_connect_swapped (to, "notify::selected", G_CALLBACK (on_reassign_input_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reassign_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (reason);
}

/* ---- Navigation -------------------------------------------------------------------------- */

static void
on_range_toggled (AfsDispatchBoard *self)
{
  if (self->context != NULL)
    afs_dispatch_board_reload (self);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  AfsDispatchBoard *self = AFS_DISPATCH_BOARD (widget);
  int step = week_view (self) ? 7 : 1;

  if (g_str_equal (action_name, "board.today"))
    afs_date_from_unix (afs_context_now (self->context), NULL, &self->day);
  else if (g_str_equal (action_name, "board.next"))
    g_date_add_days (&self->day, step);
  else
    g_date_subtract_days (&self->day, step);
  afs_dispatch_board_reload (self);
}

static void
show_assign_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  AfsDispatchBoard *self = AFS_DISPATCH_BOARD (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->assign_pane);
}

static void
show_schedule_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  AfsDispatchBoard *self = AFS_DISPATCH_BOARD (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->schedule_pane);
}

/* ---- Public -------------------------------------------------------------------------------- */

void
afs_dispatch_board_set_case_id (AfsDispatchBoard *self,
                                const char       *case_id)
{
  g_return_if_fail (AFS_IS_DISPATCH_BOARD (self));

  g_free (self->wanted_case_id);
  self->wanted_case_id = g_strdup (case_id);
  afs_dispatch_board_reload (self);
}

const char *
afs_dispatch_board_get_case_id (AfsDispatchBoard *self)
{
  const AfsCaseData *k;

  g_return_val_if_fail (AFS_IS_DISPATCH_BOARD (self), NULL);
  k = selected_case (self);
  return k != NULL ? k->id : NULL;
}

gboolean
afs_dispatch_board_get_ready (AfsDispatchBoard *self)
{
  g_return_val_if_fail (AFS_IS_DISPATCH_BOARD (self), FALSE);
  return self->ready && !self->busy;
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
set_default_start (AfsDispatchBoard *self)
{
  /* The next full hour: the usual answer. */
  gint64 now = afs_context_now (self->context);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now - now % 3600 + 3600);
  g_autofree char *text = g_date_time_format (dt, "%Y-%m-%d %H:%M");

  gtk_editable_set_text (GTK_EDITABLE (self->start_row), text);
}

/* The role changed: what may be done changed. */
static void
on_policy_changed (AfsDispatchBoard *self)
{
  if (self->context == NULL)
    return;
  show_schedule (self);
  update_dispatch_state (self);
}

static void
load_when_shown (GtkWidget *page)
{
  afs_dispatch_board_reload (AFS_DISPATCH_BOARD (page));
}

static void
afs_dispatch_board_constructed (GObject *object)
{
  AfsDispatchBoard *self = AFS_DISPATCH_BOARD (object);

  G_OBJECT_CLASS (afs_dispatch_board_parent_class)->constructed (object);

  afs_date_from_unix (afs_context_now (self->context), NULL, &self->day);
  g_signal_connect_object (self->context, "policy-changed", G_CALLBACK (on_policy_changed),
                           self, G_CONNECT_SWAPPED);
  set_default_start (self);
  update_range_label (self);
  show_technicians (self);
  afs_form_load_when_shown (GTK_WIDGET (self), load_when_shown);
}

static void
afs_dispatch_board_dispose (GObject *object)
{
  AfsDispatchBoard *self = AFS_DISPATCH_BOARD (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->case_cancellable != NULL)
    g_cancellable_cancel (self->case_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->case_cancellable);
  /* AdwBin unparents its child itself: drop it here, not with
   * gtk_widget_dispose_template(), or it is unparented twice. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_dispatch_board_parent_class)->dispose (object);
}

static void
afs_dispatch_board_finalize (GObject *object)
{
  AfsDispatchBoard *self = AFS_DISPATCH_BOARD (object);

  g_clear_pointer (&self->data, board_data_free);
  g_clear_pointer (&self->case_data, case_data_free);
  g_clear_pointer (&self->tech_rows, g_ptr_array_unref);
  g_free (self->wanted_case_id);
  g_free (self->tech_case_id);

  G_OBJECT_CLASS (afs_dispatch_board_parent_class)->finalize (object);
}

static void
afs_dispatch_board_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AfsDispatchBoard *self = AFS_DISPATCH_BOARD (object);

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
afs_dispatch_board_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AfsDispatchBoard *self = AFS_DISPATCH_BOARD (object);

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
afs_dispatch_board_class_init (AfsDispatchBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = afs_dispatch_board_constructed;
  object_class->dispose = afs_dispatch_board_dispose;
  object_class->finalize = afs_dispatch_board_finalize;
  object_class->get_property = afs_dispatch_board_get_property;
  object_class->set_property = afs_dispatch_board_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-dispatch-board.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, assign_pane);
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, schedule_pane);
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, case_row);
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, technicians_group);
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, start_row);
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, hours_row);
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, dispatch_button);
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, dispatch_hint);
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, day_button);
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, week_button);
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, range_label);
  gtk_widget_class_bind_template_child (widget_class, AfsDispatchBoard, schedule_box);
  gtk_widget_class_bind_template_callback (widget_class, on_case_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_range_toggled);

  gtk_widget_class_install_action (widget_class, "board.dispatch", NULL, dispatch_action);
  gtk_widget_class_install_action (widget_class, "board.today", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "board.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "board.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "board.show-assign", NULL, show_assign_action);
  gtk_widget_class_install_action (widget_class, "board.show-schedule", NULL, show_schedule_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "board.dispatch", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "board.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "board.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "board.today", NULL);
}

static void
afs_dispatch_board_init (AfsDispatchBoard *self)
{
  self->tech_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->start_error = afs_form_attach_error (GTK_WIDGET (self->start_row));
  self->hours_error = afs_form_attach_error (GTK_WIDGET (self->hours_row));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.dispatch", FALSE);
}

GtkWidget *
afs_dispatch_board_new (AfsContext *context)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);

  return g_object_new (AFS_TYPE_DISPATCH_BOARD, "context", context, NULL);
}
