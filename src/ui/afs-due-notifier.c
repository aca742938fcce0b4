/* afs-due-notifier.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "afs-due-notifier.h"
#include "afs-form.h"
#include "afs-store-office.h"

struct _AfsDueNotifier
{
  GObject       parent_instance;

  GApplication *application;   /* weak: the application owns the window that owns us */
  AfsContext   *context;
  GCancellable *cancellable;
  guint         timer;
  gboolean      checking;
};

G_DEFINE_FINAL_TYPE (AfsDueNotifier, afs_due_notifier, G_TYPE_OBJECT)

enum {
  CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  AfsStore  *store;
  guint      hours;
  GPtrArray *due;     /* AfsDueSoon*: told now */
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->due, g_ptr_array_unref);
  g_free (data);
}

/* List, and mark as told in the same pass: if the desktop misses one, the
 * list in the window still shows it; telling twice would be worse. */
static gpointer
check_work (gpointer      input,
            GCancellable *cancellable,
            GError      **error)
{
  CheckData *data = input;

  data->due = afs_store_list_due_soon (data->store, data->hours, error);
  if (data->due == NULL)
    {
      check_data_free (data);
      return NULL;
    }
  for (guint i = 0; i < data->due->len; i++)
    {
      const AfsDueSoon *d = g_ptr_array_index (data->due, i);

      if (!afs_store_mark_due_notified (data->store, d->case_id, d->due, error))
        {
          check_data_free (data);
          return NULL;
        }
    }
  return data;
}

static void
check_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AfsDueNotifier) self = user_data;
  g_autoptr(GError) error = NULL;
  CheckData *data = afs_form_run_finish (result, &error);
  guint sent = 0;

  self->checking = FALSE;
  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Due-soon check: %s", error->message);
      return;
    }

  if (self->application != NULL && data->due->len > 0)
    {
      gint64 now = afs_context_now (self->context);

      if (data->due->len <= AFS_DUE_NOTIFIER_MAX_SINGLE)
        for (guint i = 0; i < data->due->len; i++)
          {
            const AfsDueSoon *d = g_ptr_array_index (data->due, i);
            g_autoptr(GNotification) n = NULL;
            g_autofree char *title = NULL;
            g_autofree char *left = afs_deadline_format_left (d->due, now);
            g_autofree char *body = NULL;
            g_autofree char *id = g_strconcat ("due-", d->case_id, NULL);

            /* Translators: a desktop notification: "AS-2026-000123 is due soon". */
            title = g_strdup_printf (d->due <= now ? _("%s is overdue") : _("%s is due soon"), d->number);
            /* Translators: "Anna Nowak · 3 h 20 min left". */
            body = g_strdup_printf (_("%s · %s"), d->customer_name != NULL ? d->customer_name : "", left);
            n = g_notification_new (title);
            g_notification_set_body (n, body);
            g_notification_set_priority (n, d->due <= now ? G_NOTIFICATION_PRIORITY_HIGH
                                                          : G_NOTIFICATION_PRIORITY_NORMAL);
            /* Clicking it opens the case (AfsApplication's "show-case"). */
            g_notification_set_default_action_and_target (n, "app.show-case", "s", d->case_id);
            g_application_send_notification (self->application, id, n);
            sent++;
          }
      else
        {
          g_autoptr(GNotification) n = NULL;
          g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case is due soon",
                                                                 "%u cases are due soon", data->due->len),
                                                    data->due->len);

          n = g_notification_new (title);
          g_notification_set_body (n, _("Filter the list with “Due soon or overdue” to see them."));
          g_application_send_notification (self->application, "due-summary", n);
          sent = 1;
        }
    }

  g_signal_emit (self, signals[CHECKED], 0, sent);
  check_data_free (data);
}

void
afs_due_notifier_check (AfsDueNotifier *self)
{
  CheckData *data;

  g_return_if_fail (AFS_IS_DUE_NOTIFIER (self));

  if (self->checking || self->context == NULL)
    return;
  self->checking = TRUE;

  data = g_new0 (CheckData, 1);
  data->store = g_object_ref (afs_context_get_store (self->context));
  data->hours = MAX (afs_context_get_deadline_policy (self->context)->due_soon_hours, 1);
  afs_form_run_async (check_work, data, NULL, (GDestroyNotify) check_data_free,
                      self->cancellable, check_cb, g_object_ref (self));
}

static gboolean
on_timer (gpointer user_data)
{
  afs_due_notifier_check (user_data);
  return G_SOURCE_CONTINUE;
}

void
afs_due_notifier_stop (AfsDueNotifier *self)
{
  g_return_if_fail (AFS_IS_DUE_NOTIFIER (self));
  g_clear_handle_id (&self->timer, g_source_remove);
}

static void
afs_due_notifier_dispose (GObject *object)
{
  AfsDueNotifier *self = AFS_DUE_NOTIFIER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (afs_due_notifier_parent_class)->dispose (object);
}

static void
afs_due_notifier_finalize (GObject *object)
{
  AfsDueNotifier *self = AFS_DUE_NOTIFIER (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (afs_due_notifier_parent_class)->finalize (object);
}

static void
afs_due_notifier_class_init (AfsDueNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = afs_due_notifier_dispose;
  object_class->finalize = afs_due_notifier_finalize;

  /* Emitted after each check with the number of notifications sent. */
  signals[CHECKED] =
    g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
afs_due_notifier_init (AfsDueNotifier *self)
{
  self->cancellable = g_cancellable_new ();
}

AfsDueNotifier *
afs_due_notifier_new (GApplication *application,
                      AfsContext   *context)
{
  AfsDueNotifier *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (AFS_IS_CONTEXT (context), NULL);

  self = g_object_new (AFS_TYPE_DUE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->context = g_object_ref (context);
  self->timer = g_timeout_add_seconds (60, on_timer, self);
  return self;
}
