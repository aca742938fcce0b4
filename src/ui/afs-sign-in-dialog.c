/* afs-sign-in-dialog.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-sign-in-dialog.h"

struct _AfsSignInDialog
{
  AdwWindow        parent_instance;

  AfsContext      *context;
  GCancellable    *cancellable;
  gboolean         busy;
  char            *error_title;
  char            *error;

  AdwEntryRow     *url_row;
  GtkLabel        *url_hint_label;
  AdwEntryRow     *user_row;
  AdwEntryRow     *password_row;
  GtkButton       *sign_in_button;
  GtkButton       *cancel_button;
  GtkStack        *sign_in_stack;
  GtkSpinner      *spinner;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_title_label;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (AfsSignInDialog, afs_sign_in_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_loopback_host (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0
    || g_strcmp0 (host, "localhost") == 0
    || g_strcmp0 (host, "::1") == 0
    || g_strcmp0 (host, "[::1]") == 0;
}

/**
 * afs_sign_in_check_url:
 * @text: what the person typed
 * @out_normalized: (out) (optional): the address to use
 *
 * The office server is reached over TLS; plain http is accepted only for
 * a service on this computer (docs/sync-protocol.md, "Transport"), so a
 * password never crosses a network in clear text.
 *
 * Returns: (nullable): why @text cannot be used, or %NULL
 */
char *
afs_sign_in_check_url (const char  *text,
                       char       **out_normalized)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *full = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (out_normalized != NULL)
    *out_normalized = NULL;

  if (trimmed[0] == '\0')
    return g_strdup (_("Enter the address of the office server, for example https://office.example.com:8443."));

  if (strstr (trimmed, "://") == NULL)
    full = g_strconcat ("https://", trimmed, NULL);
  else
    full = g_strdup (trimmed);

  uri = g_uri_parse (full, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup (_("This is not a web address. It looks like https://office.example.com:8443."));

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return g_strdup (_("The address must start with https://."));
  if (host == NULL || host[0] == '\0')
    return g_strdup (_("The address has no server name. It looks like https://office.example.com:8443."));
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !is_loopback_host (host))
    return g_strdup (_("Use https:// so the password is encrypted; plain http:// is only for a server on this computer."));
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL || g_uri_get_user (uri) != NULL)
    return g_strdup (_("Give only the server’s address, without a user name, “?” or “#” part."));

  if (out_normalized != NULL)
    {
      /* No trailing slash: the client appends /v1/… */
      gsize len = strlen (full);

      while (len > 0 && full[len - 1] == '/')
        full[--len] = '\0';
      *out_normalized = g_steal_pointer (&full);
    }
  return NULL;
}

static void
show_error (AfsSignInDialog *self,
            const char      *title,
            const char      *message)
{
  g_free (self->error_title);
  g_free (self->error);
  self->error_title = g_strdup (title);
  self->error = g_strdup (message);

  gtk_label_set_label (self->error_title_label, title != NULL ? title : "");
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);

  if (message != NULL)
    {
      g_autofree char *announce = g_strdup_printf ("%s %s", title, message);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, announce, -1);
    }
}

static gboolean
url_valid (AfsSignInDialog *self)
{
  g_autofree char *why = afs_sign_in_check_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), NULL);

  return why == NULL;
}

static void
validate (AfsSignInDialog *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autofree char *why = afs_sign_in_check_url (url, NULL);
  g_autofree char *user_trimmed = g_strstrip (g_strdup (user));
  gboolean ok;

  /* An empty field is not an error yet: the person has not got there. */
  if (why != NULL && url[0] != '\0')
    {
      gtk_label_set_label (self->url_hint_label, why);
      gtk_widget_set_visible (GTK_WIDGET (self->url_hint_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->url_hint_label), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
    }

  ok = why == NULL && user_trimmed[0] != '\0' && password[0] != '\0' && !self->busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), ok);
}

static void
on_field_changed (AfsSignInDialog *self)
{
  /* A new attempt: the old error no longer describes it. */
  if (self->error != NULL && !self->busy)
    show_error (self, NULL, NULL);
  validate (self);
}

static void
set_busy (AfsSignInDialog *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_stack_set_visible_child_name (self->sign_in_stack, busy ? "busy" : "button");
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Read-only, not insensitive: the focused field keeps its focus (an
   * insensitive GtkText loses it without being told). */
  gtk_editable_set_editable (GTK_EDITABLE (self->url_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->user_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  validate (self);
}

static const char *
error_title (const GError *error)
{
  if (error->domain == AFS_SYNC_ERROR)
    switch ((AfsSyncError) error->code)
      {
      case AFS_SYNC_ERROR_OFFLINE:
        return _("The Server Cannot Be Reached");
      case AFS_SYNC_ERROR_SIGN_IN:
        return _("Wrong User Name or Password");
      case AFS_SYNC_ERROR_CLIENT_TOO_OLD:
        return _("This AfterSales Is Too Old");
      case AFS_SYNC_ERROR_SERVER_TOO_OLD:
        return _("The Office Server Is Too Old");
      case AFS_SYNC_ERROR_PENDING:
        return _("Changes Not Sent Yet");
      case AFS_SYNC_ERROR_SERVER:
        return _("The Server Has a Problem");
      default:
        break;
      }
  return _("Could Not Sign In");
}

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AfsSignInDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!afs_sync_client_sign_in_finish (AFS_SYNC_CLIENT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return; /* the dialog was closed */

      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      show_error (self, error_title (error), error->message);
      if (g_error_matches (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_SIGN_IN))
        gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  /* Let the focused entry see its focus go before the window does
   * (GtkText warns when it is destroyed holding the focus). */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_close (GTK_WINDOW (self));
}

void
afs_sign_in_dialog_sign_in (AfsSignInDialog *self)
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  g_autofree char *why = NULL;

  g_return_if_fail (AFS_IS_SIGN_IN_DIALOG (self));

  if (self->busy || !gtk_widget_get_sensitive (GTK_WIDGET (self->sign_in_button)))
    return;

  why = afs_sign_in_check_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), &url);
  if (why != NULL)
    return;
  user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));

  show_error (self, NULL, NULL);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  afs_sync_client_sign_in_async (afs_context_get_sync_client (self->context),
                                 url, user,
                                 gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                 self->cancellable, sign_in_cb, g_object_ref (self));
}

static void
on_sign_in_clicked (AfsSignInDialog *self)
{
  afs_sign_in_dialog_sign_in (self);
}

static void
on_row_activated (AfsSignInDialog *self,
                  AdwEntryRow     *row)
{
  /* Enter moves on to the next empty field, and signs in from the last. */
  if (row == self->url_row && url_valid (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  else if (row == self->user_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    afs_sign_in_dialog_sign_in (self);
}

static void
on_cancel_clicked (AfsSignInDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
afs_sign_in_dialog_close_request (GtkWindow *window)
{
  AfsSignInDialog *self = AFS_SIGN_IN_DIALOG (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (afs_sign_in_dialog_parent_class)->close_request (window);
}

static void
afs_sign_in_dialog_constructed (GObject *object)
{
  AfsSignInDialog *self = AFS_SIGN_IN_DIALOG (object);
  AfsSyncClient *client;
  const char *url;
  const char *user;

  G_OBJECT_CLASS (afs_sign_in_dialog_parent_class)->constructed (object);

  /* Signing in again (expired token, new password): the last server and
   * user are already there. */
  client = afs_context_get_sync_client (self->context);
  url = afs_sync_client_get_server_url (client);
  user = afs_sync_client_get_user (client);
  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  if (user != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);

  if (url == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
  else if (user == NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));

  validate (self);
}

static void
afs_sign_in_dialog_dispose (GObject *object)
{
  AfsSignInDialog *self = AFS_SIGN_IN_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_sign_in_dialog_parent_class)->dispose (object);
}

static void
afs_sign_in_dialog_finalize (GObject *object)
{
  AfsSignInDialog *self = AFS_SIGN_IN_DIALOG (object);

  g_free (self->error_title);
  g_free (self->error);

  G_OBJECT_CLASS (afs_sign_in_dialog_parent_class)->finalize (object);
}

static void
afs_sign_in_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AfsSignInDialog *self = AFS_SIGN_IN_DIALOG (object);

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
afs_sign_in_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AfsSignInDialog *self = AFS_SIGN_IN_DIALOG (object);

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
afs_sign_in_dialog_class_init (AfsSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = afs_sign_in_dialog_constructed;
  object_class->dispose = afs_sign_in_dialog_dispose;
  object_class->finalize = afs_sign_in_dialog_finalize;
  object_class->get_property = afs_sign_in_dialog_get_property;
  object_class->set_property = afs_sign_in_dialog_set_property;
  window_class->close_request = afs_sign_in_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, AFS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/AfterSales/afs-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AfsSignInDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, AfsSignInDialog, url_hint_label);
  gtk_widget_class_bind_template_child (widget_class, AfsSignInDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, AfsSignInDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, AfsSignInDialog, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, AfsSignInDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AfsSignInDialog, sign_in_stack);
  gtk_widget_class_bind_template_child (widget_class, AfsSignInDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, AfsSignInDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AfsSignInDialog, error_title_label);
  gtk_widget_class_bind_template_child (widget_class, AfsSignInDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
afs_sign_in_dialog_init (AfsSignInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
afs_sign_in_dialog_new (AfsContext *context,
                        GtkWindow  *parent)
{
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (AFS_TYPE_SIGN_IN_DIALOG,
                       "context", context,
                       "transient-for", parent,
                       NULL);
}

void
afs_sign_in_dialog_set_fields (AfsSignInDialog *self,
                               const char      *url,
                               const char      *user,
                               const char      *password)
{
  g_return_if_fail (AFS_IS_SIGN_IN_DIALOG (self));

  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  if (user != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  if (password != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}

gboolean
afs_sign_in_dialog_get_can_sign_in (AfsSignInDialog *self)
{
  g_return_val_if_fail (AFS_IS_SIGN_IN_DIALOG (self), FALSE);
  return gtk_widget_get_sensitive (GTK_WIDGET (self->sign_in_button));
}

gboolean
afs_sign_in_dialog_get_busy (AfsSignInDialog *self)
{
  g_return_val_if_fail (AFS_IS_SIGN_IN_DIALOG (self), FALSE);
  return self->busy;
}

const char *
afs_sign_in_dialog_get_error_title (AfsSignInDialog *self)
{
  g_return_val_if_fail (AFS_IS_SIGN_IN_DIALOG (self), NULL);
  return self->error_title;
}

const char *
afs_sign_in_dialog_get_error (AfsSignInDialog *self)
{
  g_return_val_if_fail (AFS_IS_SIGN_IN_DIALOG (self), NULL);
  return self->error;
}

const char *
afs_sign_in_dialog_get_url_hint (AfsSignInDialog *self)
{
  g_return_val_if_fail (AFS_IS_SIGN_IN_DIALOG (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->url_hint_label)))
    return NULL;
  return gtk_label_get_label (self->url_hint_label);
}
