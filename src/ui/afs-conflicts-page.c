/* afs-conflicts-page.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-conflicts-page.h"
#include "afs-format.h"
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

struct _AfsConflictsPage
{
  GtkWidget     parent_instance;

  AfsContext   *context;
  GCancellable *cancellable;
  GPtrArray    *views;        /* ConflictView* */
  gboolean      loading;
  gboolean      reload_again;
  gboolean      resolving;

  GtkStack     *stack;
  GtkLabel     *summary_label;
  GtkBox       *conflicts_box;
};

G_DEFINE_FINAL_TYPE (AfsConflictsPage, afs_conflicts_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_N_CONFLICTS,
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

static void
clear_views (AfsConflictsPage *self)
{
  for (guint i = 0; i < self->views->len; i++)
    {
      ConflictView *view = g_ptr_array_index (self->views, i);

      gtk_box_remove (self->conflicts_box, view->group);
    }
  g_ptr_array_set_size (self->views, 0);
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
  adw_view_stack_page_set_badge_number (page, self->views->len);
  adw_view_stack_page_set_needs_attention (page, self->views->len > 0);
}

static void
show_conflicts (AfsConflictsPage *self,
                GPtrArray        *conflicts)
{
  guint old = self->views->len;

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
  gtk_stack_set_visible_child_name (self->stack, conflicts->len > 0 ? "list" : "empty");

  update_badge (self);
  if (old != conflicts->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONFLICTS]);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *conflicts = afs_store_list_conflicts (source, FALSE, &error);

  if (conflicts == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, conflicts, (GDestroyNotify) g_ptr_array_unref);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AfsConflictsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_clear_object (&self->cancellable);

  if (conflicts == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not read the conflicts: %s"), error->message);

      toast (self, text);
    }
  else
    {
      show_conflicts (self, conflicts);
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
  if (self->views != NULL)
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-conflicts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsConflictsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AfsConflictsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AfsConflictsPage, conflicts_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
afs_conflicts_page_init (AfsConflictsPage *self)
{
  self->views = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_view_free);
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
