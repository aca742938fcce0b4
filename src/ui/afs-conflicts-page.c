/* afs-conflicts-page.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <json-glib/json-glib.h>

#include "afs-conflicts-page.h"
#include "afs-format.h"
#include "afs-sync-actions.h"
#include "afs-window.h"

/* What one conflict's group holds, for the buttons and the tests. */
typedef struct {
  char      *id;
  char      *title;
  GtkWidget *group;
  GtkWidget *mine_button;
  GtkWidget *theirs_button;
  GtkWidget *edit_button;
  GtkWidget *edit_row;
} ConflictView;

/* One change the office refused for good, set aside on this computer. */
typedef struct {
  gint64     refused_id;
  char      *title;
  char      *reason;
  char      *text;            /* what was typed, for the clipboard */
  GtkWidget *group;
  GtkWidget *copy_button;
  GtkWidget *dismiss_button;
} SetAsideView;

struct _AfsConflictsPage
{
  GtkWidget     parent_instance;

  AfsContext   *context;
  GCancellable *cancellable;
  GPtrArray    *views;        /* ConflictView* */
  GPtrArray    *set_aside;    /* SetAsideView* */
  gboolean      loading;
  gboolean      reload_again;
  gboolean      resolving;

  GtkStack     *stack;
  GtkLabel     *summary_label;
  GtkBox       *conflicts_box;
  GtkWidget    *set_aside_section;
  GtkLabel     *set_aside_label;
  GtkBox       *set_aside_box;
};

G_DEFINE_FINAL_TYPE (AfsConflictsPage, afs_conflicts_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_N_CONFLICTS,
  PROP_N_SET_ASIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
conflict_view_free (ConflictView *view)
{
  g_free (view->id);
  g_free (view->title);
  g_free (view);
}

static void
set_aside_view_free (SetAsideView *view)
{
  g_free (view->title);
  g_free (view->reason);
  g_free (view->text);
  g_free (view);
}

static void
toast (AfsConflictsPage *self,
       const char       *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && AFS_IS_WINDOW (root))
    afs_window_show_toast (AFS_WINDOW (root), text);
}

/* ---- Resolving ------------------------------------------------------------ */

typedef struct {
  char              *id;
  AfsConflictChoice  choice;
  char              *edited;
} ResolveRequest;

static void
resolve_request_free (ResolveRequest *request)
{
  g_free (request->id);
  g_free (request->edited);
  g_free (request);
}

static void
resolve_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  AfsStore *store = source;
  ResolveRequest *request = task_data;
  GError *error = NULL;

  if (afs_store_resolve_conflict (store, request->id, request->choice, request->edited, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
resolve_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AfsConflictsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  AfsSyncClient *client;

  self->resolving = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not keep that value: %s"), error->message);

      toast (self, text);
      afs_conflicts_page_reload (self);
      return;
    }

  toast (self, _("Conflict resolved. The choice is sent to the office with the next sync."));

  /* The choice is an ordinary change in the outbox: send it now. */
  client = afs_context_get_sync_client (self->context);
  afs_sync_client_refresh_pending (client);
  afs_context_cases_changed (self->context);
  if (afs_sync_client_get_signed_in (client))
    afs_sync_scheduler_sync_now (afs_context_get_sync_scheduler (self->context));
  afs_conflicts_page_reload (self);
}

static void
resolve (AfsConflictsPage  *self,
         ConflictView      *view,
         AfsConflictChoice  choice)
{
  g_autoptr(GTask) task = NULL;
  ResolveRequest *request;

  if (self->resolving)
    return;

  request = g_new0 (ResolveRequest, 1);
  request->id = g_strdup (view->id);
  request->choice = choice;
  if (choice == AFS_CONFLICT_EDITED)
    request->edited = g_strdup (gtk_editable_get_text (GTK_EDITABLE (view->edit_row)));

  self->resolving = TRUE;
  /* No second click on the same conflict while it is written. */
  gtk_widget_set_sensitive (view->group, FALSE);

  task = g_task_new (afs_context_get_store (self->context), NULL, resolve_cb, g_object_ref (self));
  g_task_set_source_tag (task, resolve);
  g_task_set_task_data (task, request, (GDestroyNotify) resolve_request_free);
  g_task_run_in_thread (task, resolve_thread);
}

static ConflictView *
view_for_button (AfsConflictsPage *self,
                 GtkWidget        *button)
{
  for (guint i = 0; i < self->views->len; i++)
    {
      ConflictView *view = g_ptr_array_index (self->views, i);

      if (view->mine_button == button || view->theirs_button == button || view->edit_button == button)
        return view;
    }
  return NULL;
}

static void
on_choice_clicked (GtkButton        *button,
                   AfsConflictsPage *self)
{
  ConflictView *view = view_for_button (self, GTK_WIDGET (button));
  AfsConflictChoice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "afs-choice"));

  if (view != NULL)
    resolve (self, view, choice);
}

/* ---- Building the list -------------------------------------------------------- */

static const char *
display_or_none (const char *text)
{
  /* Translators: a value that is empty in a conflict (cleared, or the row was deleted). */
  return text != NULL && text[0] != '\0' ? text : _("(empty)");
}

static GtkWidget *
value_row (const char *title,
           const char *subtitle,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    gtk_widget_set_tooltip_text (row, subtitle);
  return row;
}

static GtkWidget *
choice_button (AfsConflictsPage  *self,
               const char        *label,
               const char        *accessible,
               AfsConflictChoice  choice)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data (G_OBJECT (button), "afs-choice", GINT_TO_POINTER (choice));
  g_signal_connect (button, "clicked", G_CALLBACK (on_choice_clicked), self);
  return button;
}

static ConflictView *
build_view (AfsConflictsPage  *self,
            const AfsConflict *c)
{
  ConflictView *view = g_new0 (ConflictView, 1);
  const char *field = afs_format_field_label (c->field);
  g_autofree char *mine_title = NULL;
  g_autofree char *theirs_title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *when = afs_format_datetime (c->created_at);
  g_autofree char *a11y = NULL;
  GtkWidget *row;

  view->id = g_strdup (c->id);
  if (c->case_number != NULL)
    /* Translators: "Case AS-2026-000123: Description" */
    view->title = g_strdup_printf (_("Case %s: %s"), c->case_number, field);
  else
    view->title = g_strdup (field);

  if (g_strcmp0 (c->kind, "delete") == 0)
    description = g_strdup_printf (_("Changed here after it was deleted elsewhere (%s). Keep the change or let it go."), when);
  else
    description = g_strdup_printf (_("Changed in two places before they synced (%s). Choose which to keep, or write what it should say."), when);

  view->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (view->group), view->title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (view->group), description);

  if (c->mine_user != NULL && c->mine_user[0] != '\0')
    mine_title = g_strdup_printf (_("Mine (%s)"), c->mine_user);
  else
    mine_title = g_strdup (_("Mine"));
  if (c->theirs_user != NULL && c->theirs_user[0] != '\0')
    theirs_title = g_strdup_printf (_("Theirs (%s)"), c->theirs_user);
  else
    theirs_title = g_strdup (_("Theirs"));

  row = value_row (mine_title, NULL, display_or_none (c->mine_display));
  a11y = g_strdup_printf (_("Keep mine: %s"), display_or_none (c->mine_display));
  view->mine_button = choice_button (self, _("Keep _Mine"), a11y, AFS_CONFLICT_MINE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), view->mine_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (view->group), row);
  g_clear_pointer (&a11y, g_free);

  row = value_row (theirs_title, NULL, display_or_none (c->theirs_display));
  a11y = g_strdup_printf (_("Keep theirs: %s"), display_or_none (c->theirs_display));
  view->theirs_button = choice_button (self, _("Keep _Theirs"), a11y, AFS_CONFLICT_THEIRS);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), view->theirs_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (view->group), row);

  row = value_row (_("Before"), NULL, display_or_none (c->base_display));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (view->group), row);

  if (g_strcmp0 (c->kind, "delete") != 0)
    {
      view->edit_row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (view->edit_row), _("Or Write It _Yourself"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (view->edit_row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (view->edit_row), c->mine_display != NULL ? c->mine_display : "");
      view->edit_button = choice_button (self, _("_Use This"), _("Use the text written here"), AFS_CONFLICT_EDITED);
      gtk_widget_add_css_class (view->edit_button, "suggested-action");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (view->edit_row), view->edit_button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (view->group), view->edit_row);
    }

  return view;
}

/* ---- Set aside: changes the office refused for good ------------------------------ */

/* A JSON value as a person reads it: text as is, numbers as written. */
static char *
json_value_text (const char *field,
                 JsonNode   *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return afs_format_field_value (field, json_node_get_string (node));
  return json_to_string (node, FALSE);
}

/* Bookkeeping every change carries (ids, versions, times): not what the
 * person typed. */
static gboolean
bookkeeping_field (const char *field)
{
  static const char *names[] = { "id", "version", "report_version", "at", "actor_id", "actor_name",
                                 "kind", NULL };

  return g_strv_contains (names, field) || g_str_has_suffix (field, "_id")
    || g_str_has_suffix (field, "_at");
}

/* Fields of a report and of a timeline line, which the case's field
 * labels do not name. */
static const struct {
  const char *field;
  const char *label;
} extra_labels[] = {
  { "fault_description", N_("Fault Found") },
  { "fault_confirmed", N_("Fault Confirmed") },
  { "diagnosis", N_("Diagnosis") },
  { "actions", N_("Work Done") },
  { "test_result", N_("Test Result") },
  { "outcome", N_("Outcome") },
  { "remedy_item", N_("Remedy Item") },
  { "remedy_spec", N_("Remedy Specification") },
  { "remedy_reason", N_("Remedy Reason") },
  { "advice", N_("Advice Given") },
  { "customer_opinion", N_("Customer’s Opinion") },
  { "signer_name", N_("Signed By") },
  { "labour_minutes", N_("Labour (Minutes)") },
  { "comment", N_("Comment") },
  { "old_value", N_("Before") },
  { "new_value", N_("Written") },
  { "field", N_("Field") },
};

static const char *
readable_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (extra_labels); i++)
    if (g_str_equal (extra_labels[i].field, field))
      return _(extra_labels[i].label);
  return afs_format_field_label (field);
}

/* Zero, false and empty say nothing the person typed. */
static gboolean
empty_value (const char *value)
{
  return value == NULL || value[0] == '\0' || g_str_equal (value, "0") || g_str_equal (value, "false");
}

/* "Description: the text" lines of a queued change ({"field": {"old": v,
 * "new": v}}): the values the person entered. */
static void
describe_change (const char *changes,
                 GPtrArray  *labels,
                 GPtrArray  *values)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (changes == NULL || !json_parser_load_from_data (parser, changes, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *field = l->data;
      JsonNode *node = json_object_get_member (object, field);

      if (bookkeeping_field (field))
        continue;
      g_autofree char *value = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node) && json_object_has_member (json_node_get_object (node), "new"))
        node = json_object_get_member (json_node_get_object (node), "new");
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      /* A timeline line names the field it changed. */
      if (g_str_equal (field, "field") && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING)
        value = g_strdup (afs_format_field_label (json_node_get_string (node)));
      else
        value = json_value_text (field, node);
      if (empty_value (value))
        continue;
      g_ptr_array_add (labels, g_strdup (readable_label (field)));
      g_ptr_array_add (values, g_steal_pointer (&value));
    }
}

/* A report draft is GKeyFile text ({"body": "..."}): its keys as lines. */
static void
describe_draft (const char *changes,
                GPtrArray  *labels,
                GPtrArray  *values)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_auto(GStrv) groups = NULL;
  JsonObject *object;
  const char *body;

  if (changes == NULL || !json_parser_load_from_data (parser, changes, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  body = json_object_get_string_member_with_default (object, "body", NULL);
  if (body == NULL)
    return;
  if (!g_key_file_load_from_data (keys, body, -1, G_KEY_FILE_NONE, NULL))
    {
      /* Not a key file after all: the text itself is what matters. */
      g_ptr_array_add (labels, g_strdup (_("Report Draft")));
      g_ptr_array_add (values, g_strdup (body));
      return;
    }
  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) names = g_key_file_get_keys (keys, groups[i], NULL, NULL);

      for (guint j = 0; names != NULL && names[j] != NULL; j++)
        {
          g_autofree char *value = g_key_file_get_string (keys, groups[i], names[j], NULL);

          if (empty_value (value) || bookkeeping_field (names[j]))
            continue;
          g_ptr_array_add (labels, g_strdup (readable_label (names[j])));
          g_ptr_array_add (values, g_steal_pointer (&value));
        }
    }
}

static SetAsideView *
set_aside_view_for_button (AfsConflictsPage *self,
                           GtkWidget        *button)
{
  for (guint i = 0; i < self->set_aside->len; i++)
    {
      SetAsideView *view = g_ptr_array_index (self->set_aside, i);

      if (view->copy_button == button || view->dismiss_button == button)
        return view;
    }
  return NULL;
}

static void
on_copy_clicked (GtkButton        *button,
                 AfsConflictsPage *self)
{
  SetAsideView *view = set_aside_view_for_button (self, GTK_WIDGET (button));

  if (view == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), view->text);
  toast (self, _("Copied. Paste it into a message to the office."));
}

static void
dismiss_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  gint64 *id = task_data;

  if (afs_store_dismiss_refused (source, *id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
dismiss_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AfsConflictsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->resolving = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not delete it: %s"), error->message);

      toast (self, text);
    }
  else
    {
      toast (self, _("Deleted from this computer."));
    }
  /* The header's status counts what is set aside. */
  afs_context_cases_changed (self->context);
  afs_conflicts_page_reload (self);
}

static void
on_dismiss_response (AdwMessageDialog *dialog,
                     const char       *response,
                     AfsConflictsPage *self)
{
  g_autoptr(GTask) task = NULL;
  gint64 *id;

  if (g_strcmp0 (response, "dismiss") != 0 || self->resolving)
    return;

  id = g_new (gint64, 1);
  *id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "afs-refused-id");
  self->resolving = TRUE;
  task = g_task_new (afs_context_get_store (self->context), NULL, dismiss_cb, g_object_ref (self));
  g_task_set_source_tag (task, on_dismiss_response);
  g_task_set_task_data (task, id, g_free);
  g_task_run_in_thread (task, dismiss_thread);
}

static void
on_dismiss_clicked (GtkButton        *button,
                    AfsConflictsPage *self)
{
  SetAsideView *view = set_aside_view_for_button (self, GTK_WIDGET (button));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  gint64 *id;

  if (view == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Dismiss This Change?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” never reached the office. It is deleted from this computer "
                                    "for good. Copy its text first if you still need it."),
                                  view->title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "dismiss", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "dismiss",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  id = g_new (gint64, 1);
  *id = view->refused_id;
  g_object_set_data_full (G_OBJECT (dialog), "afs-refused-id", id, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dismiss_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static SetAsideView *
build_set_aside_view (AfsConflictsPage       *self,
                      const AfsPendingChange *c)
{
  SetAsideView *view = g_new0 (SetAsideView, 1);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *when = afs_format_datetime (c->created_at);
  g_autofree char *refused = afs_format_datetime (c->refused_at);
  g_autofree char *description = NULL;
  GtkWidget *buttons;
  gboolean draft = g_strcmp0 (c->op, "draft") == 0;

  view->refused_id = c->refused_id;
  view->reason = g_strdup (c->reason != NULL ? c->reason : _("The office gave no reason."));
  if (draft && c->case_number != NULL)
    view->title = g_strdup_printf (_("Case %s: report draft"), c->case_number);
  else if (draft)
    view->title = g_strdup (_("Report draft of a case moved away"));
  else
    view->title = afs_sync_describe_pending (c);
  /* "timeline entry added" stands alone as a heading here. */
  if (g_unichar_islower (g_utf8_get_char (view->title)))
    {
      char first[8] = { 0 };
      char *capital;

      g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (view->title)), first);
      capital = g_strconcat (first, g_utf8_next_char (view->title), NULL);
      g_free (view->title);
      view->title = capital;
    }

  if (draft)
    describe_draft (c->changes, labels, values);
  else
    describe_change (c->changes, labels, values);

  /* Translators: "Written 3 Feb, 14:05; refused 4 Feb, 09:10: <the office's reason>" */
  description = g_strdup_printf (_("Written %s; refused %s: %s"), when, refused, view->reason);

  view->group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (view->group), view->title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (view->group), description);

  g_string_append_printf (text, "%s\n", view->title);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *label = g_ptr_array_index (labels, i);
      const char *value = g_ptr_array_index (values, i);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (view->group), value_row (label, NULL, value));
      g_string_append_printf (text, "%s: %s\n", label, value);
    }
  if (labels->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (view->group),
                               value_row (_("Nothing readable"), NULL,
                                          _("This change holds no text to show.")));
  g_string_append_printf (text, "%s\n", description);
  view->text = g_string_free (g_steal_pointer (&text), FALSE);

  /* Below the text, not in the header: at 400 px the title keeps its width. */
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  view->copy_button = gtk_button_new_with_mnemonic (_("_Copy Text"));
  gtk_widget_set_tooltip_text (view->copy_button, _("Copy what was written, to send it to the office"));
  g_signal_connect (view->copy_button, "clicked", G_CALLBACK (on_copy_clicked), self);
  view->dismiss_button = gtk_button_new_with_mnemonic (_("_Dismiss…"));
  g_signal_connect (view->dismiss_button, "clicked", G_CALLBACK (on_dismiss_clicked), self);
  gtk_box_append (GTK_BOX (buttons), view->copy_button);
  gtk_box_append (GTK_BOX (buttons), view->dismiss_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (view->group), buttons);

  return view;
}

static void
clear_views (AfsConflictsPage *self)
{
  for (guint i = 0; i < self->views->len; i++)
    {
      ConflictView *view = g_ptr_array_index (self->views, i);

      gtk_box_remove (self->conflicts_box, view->group);
    }
  g_ptr_array_set_size (self->views, 0);
  for (guint i = 0; i < self->set_aside->len; i++)
    {
      SetAsideView *view = g_ptr_array_index (self->set_aside, i);

      gtk_box_remove (self->set_aside_box, view->group);
    }
  g_ptr_array_set_size (self->set_aside, 0);
}

/* In the window's view stack the switcher shows how many wait, and the
 * page asks for attention while any do. */
static void
update_badge (AfsConflictsPage *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  AdwViewStackPage *page;

  if (parent == NULL || !ADW_IS_VIEW_STACK (parent))
    return;
  page = adw_view_stack_get_page (ADW_VIEW_STACK (parent), GTK_WIDGET (self));
  if (page == NULL)
    return;
  /* Conflicts and set-aside changes both wait for the person. */
  adw_view_stack_page_set_badge_number (page, self->views->len + self->set_aside->len);
  adw_view_stack_page_set_needs_attention (page, self->views->len + self->set_aside->len > 0);
}

static void
show_conflicts (AfsConflictsPage *self,
                GPtrArray        *conflicts,
                GPtrArray        *refused)
{
  guint old = self->views->len;
  guint old_set_aside = self->set_aside->len;

  clear_views (self);
  for (guint i = 0; i < conflicts->len; i++)
    {
      ConflictView *view = build_view (self, g_ptr_array_index (conflicts, i));

      gtk_box_append (self->conflicts_box, view->group);
      g_ptr_array_add (self->views, view);
    }

  if (conflicts->len > 0)
    {
      g_autofree char *summary =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u change waits for a decision. Nothing is lost meanwhile: both values are kept.",
                                      "%u changes wait for a decision. Nothing is lost meanwhile: both values are kept.",
                                      conflicts->len),
                         conflicts->len);
      gtk_label_set_label (self->summary_label, summary);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), conflicts->len > 0);

  for (guint i = 0; i < refused->len; i++)
    {
      SetAsideView *view = build_set_aside_view (self, g_ptr_array_index (refused, i));

      gtk_box_append (self->set_aside_box, view->group);
      g_ptr_array_add (self->set_aside, view);
    }
  if (refused->len > 0)
    {
      g_autofree char *summary =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The office refused %u change for good, usually because the case was given to someone else meanwhile. It never reached the office and is kept only here: copy what you need and send it to the office, then dismiss it.",
                                      "The office refused %u changes for good, usually because the case was given to someone else meanwhile. They never reached the office and are kept only here: copy what you need and send it to the office, then dismiss them.",
                                      refused->len),
                         refused->len);
      gtk_label_set_label (self->set_aside_label, summary);
    }
  gtk_widget_set_visible (self->set_aside_section, refused->len > 0);

  gtk_stack_set_visible_child_name (self->stack, conflicts->len + refused->len > 0 ? "list" : "empty");

  update_badge (self);
  if (old != conflicts->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
  if (old_set_aside != refused->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SET_ASIDE]);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *conflicts = afs_store_list_conflicts (source, FALSE, &error);
  GPtrArray *refused = conflicts != NULL ? afs_store_list_refused (source, &error) : NULL;

  if (refused == NULL)
    {
      g_clear_pointer (&conflicts, g_ptr_array_unref);
      g_ptr_array_unref (lists);
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_add (lists, conflicts);
  g_ptr_array_add (lists, refused);
  g_task_return_pointer (task, lists, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AfsConflictsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lists = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_clear_object (&self->cancellable);

  if (lists == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not read the conflicts: %s"), error->message);

      toast (self, text);
    }
  else
    {
      show_conflicts (self, g_ptr_array_index (lists, 0), g_ptr_array_index (lists, 1));
    }

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      afs_conflicts_page_reload (self);
    }
}

void
afs_conflicts_page_reload (AfsConflictsPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (AFS_IS_CONFLICTS_PAGE (self));

  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }

  self->loading = TRUE;
  self->cancellable = g_cancellable_new ();
  /* The page holds no ref while loading: dispose cancels, and the
   * cancelled callback touches nothing. */
  task = g_task_new (afs_context_get_store (self->context), self->cancellable, list_cb, self);
  g_task_set_source_tag (task, afs_conflicts_page_reload);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, list_thread);
}

static void
on_sync_finished (AfsConflictsPage *self)
{
  afs_conflicts_page_reload (self);
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
afs_conflicts_page_constructed (GObject *object)
{
  AfsConflictsPage *self = AFS_CONFLICTS_PAGE (object);

  G_OBJECT_CLASS (afs_conflicts_page_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  g_signal_connect (self, "notify::parent", G_CALLBACK (update_badge), NULL);
  g_signal_connect_object (self->context, "cases-changed",
                           G_CALLBACK (afs_conflicts_page_reload), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (afs_context_get_sync_scheduler (self->context), "finished",
                           G_CALLBACK (on_sync_finished), self, G_CONNECT_SWAPPED);
  afs_conflicts_page_reload (self);
}

static void
afs_conflicts_page_dispose (GObject *object)
{
  AfsConflictsPage *self = AFS_CONFLICTS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->views != NULL && self->set_aside != NULL)
    clear_views (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), AFS_TYPE_CONFLICTS_PAGE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_conflicts_page_parent_class)->dispose (object);
}

static void
afs_conflicts_page_finalize (GObject *object)
{
  AfsConflictsPage *self = AFS_CONFLICTS_PAGE (object);

  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->set_aside, g_ptr_array_unref);

  G_OBJECT_CLASS (afs_conflicts_page_parent_class)->finalize (object);
}

static void
afs_conflicts_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AfsConflictsPage *self = AFS_CONFLICTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->views->len);
      break;
    case PROP_N_SET_ASIDE:
      g_value_set_uint (value, self->set_aside->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_conflicts_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AfsConflictsPage *self = AFS_CONFLICTS_PAGE (object);

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
afs_conflicts_page_class_init (AfsConflictsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = afs_conflicts_page_constructed;
  object_class->dispose = afs_conflicts_page_dispose;
  object_class->finalize = afs_conflicts_page_finalize;
  object_class->get_property = afs_conflicts_page_get_property;
  object_class->set_property = afs_conflicts_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CONFLICTS] =
    g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SET_ASIDE] =
    g_param_spec_uint ("n-set-aside", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-conflicts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsConflictsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AfsConflictsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AfsConflictsPage, conflicts_box);
  gtk_widget_class_bind_template_child (widget_class, AfsConflictsPage, set_aside_section);
  gtk_widget_class_bind_template_child (widget_class, AfsConflictsPage, set_aside_label);
  gtk_widget_class_bind_template_child (widget_class, AfsConflictsPage, set_aside_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
afs_conflicts_page_init (AfsConflictsPage *self)
{
  self->views = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_view_free);
  self->set_aside = g_ptr_array_new_with_free_func ((GDestroyNotify) set_aside_view_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
afs_conflicts_page_new (AfsContext *context)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);
  return g_object_new (AFS_TYPE_CONFLICTS_PAGE, "context", context, NULL);
}

guint
afs_conflicts_page_get_n_conflicts (AfsConflictsPage *self)
{
  g_return_val_if_fail (AFS_IS_CONFLICTS_PAGE (self), 0);
  return self->views->len;
}

gboolean
afs_conflicts_page_get_loading (AfsConflictsPage *self)
{
  g_return_val_if_fail (AFS_IS_CONFLICTS_PAGE (self), FALSE);
  return self->loading || self->resolving;
}

GtkWidget *
afs_conflicts_page_get_choice_button (AfsConflictsPage  *self,
                                      guint              index,
                                      AfsConflictChoice  choice)
{
  ConflictView *view;

  g_return_val_if_fail (AFS_IS_CONFLICTS_PAGE (self), NULL);
  if (index >= self->views->len)
    return NULL;
  view = g_ptr_array_index (self->views, index);
  switch (choice)
    {
    case AFS_CONFLICT_MINE: return view->mine_button;
    case AFS_CONFLICT_THEIRS: return view->theirs_button;
    case AFS_CONFLICT_EDITED: return view->edit_button;
    default: return NULL;
    }
}

GtkEditable *
afs_conflicts_page_get_edit_entry (AfsConflictsPage *self,
                                   guint             index)
{
  ConflictView *view;

  g_return_val_if_fail (AFS_IS_CONFLICTS_PAGE (self), NULL);
  if (index >= self->views->len)
    return NULL;
  view = g_ptr_array_index (self->views, index);
  return view->edit_row != NULL ? GTK_EDITABLE (view->edit_row) : NULL;
}

const char *
afs_conflicts_page_get_title (AfsConflictsPage *self,
                              guint             index)
{
  g_return_val_if_fail (AFS_IS_CONFLICTS_PAGE (self), NULL);
  if (index >= self->views->len)
    return NULL;
  return ((ConflictView *) g_ptr_array_index (self->views, index))->title;
}

guint
afs_conflicts_page_get_n_set_aside (AfsConflictsPage *self)
{
  g_return_val_if_fail (AFS_IS_CONFLICTS_PAGE (self), 0);
  return self->set_aside->len;
}

static SetAsideView *
set_aside_at (AfsConflictsPage *self,
              guint             index)
{
  g_return_val_if_fail (AFS_IS_CONFLICTS_PAGE (self), NULL);
  return index < self->set_aside->len ? g_ptr_array_index (self->set_aside, index) : NULL;
}

const char *
afs_conflicts_page_get_set_aside_title (AfsConflictsPage *self,
                                        guint             index)
{
  SetAsideView *view = set_aside_at (self, index);

  return view != NULL ? view->title : NULL;
}

const char *
afs_conflicts_page_get_set_aside_reason (AfsConflictsPage *self,
                                         guint             index)
{
  SetAsideView *view = set_aside_at (self, index);

  return view != NULL ? view->reason : NULL;
}

const char *
afs_conflicts_page_get_set_aside_text (AfsConflictsPage *self,
                                       guint             index)
{
  SetAsideView *view = set_aside_at (self, index);

  return view != NULL ? view->text : NULL;
}

GtkWidget *
afs_conflicts_page_get_set_aside_button (AfsConflictsPage *self,
                                         guint             index,
                                         gboolean          dismiss)
{
  SetAsideView *view = set_aside_at (self, index);

  if (view == NULL)
    return NULL;
  return dismiss ? view->dismiss_button : view->copy_button;
}
