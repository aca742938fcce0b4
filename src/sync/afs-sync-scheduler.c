/* afs-sync-scheduler.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "afs-sync-scheduler.h"

struct _AfsSyncScheduler
{
  GObject                parent_instance;

  AfsSyncClient         *client;
  GNetworkMonitor       *monitor;
  GCancellable          *cancellable;

  AfsSyncSchedulerState  state;
  char                  *last_error;
  gboolean               last_error_offline;
  gint64                 last_success;
  guint                  failures;
  guint                  n_runs;

  guint                  interval_s;
  guint                  backoff_base_ms;
  guint                  timer_id;
  guint                  next_delay_ms;

  guint                  started : 1;
  guint                  running : 1;
  guint                  again : 1;
  guint                  online : 1;
};

G_DEFINE_FINAL_TYPE (AfsSyncScheduler, afs_sync_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_MONITOR,
  PROP_STATE,
  PROP_RUNNING,
  PROP_LAST_ERROR,
  PROP_LAST_SUCCESS,
  PROP_FAILURES,
  PROP_NEXT_DELAY_MS,
  PROP_INTERVAL,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void run (AfsSyncScheduler *self);

GType
afs_sync_scheduler_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { AFS_SYNC_SCHEDULER_IDLE, "AFS_SYNC_SCHEDULER_IDLE", "idle" },
        { AFS_SYNC_SCHEDULER_RUNNING, "AFS_SYNC_SCHEDULER_RUNNING", "running" },
        { AFS_SYNC_SCHEDULER_OFFLINE, "AFS_SYNC_SCHEDULER_OFFLINE", "offline" },
        { AFS_SYNC_SCHEDULER_ERROR, "AFS_SYNC_SCHEDULER_ERROR", "error" },
        { AFS_SYNC_SCHEDULER_SIGNED_OUT, "AFS_SYNC_SCHEDULER_SIGNED_OUT", "signed-out" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("AfsSyncSchedulerState"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static gboolean
signed_in (AfsSyncScheduler *self)
{
  return afs_sync_client_get_signed_in (self->client);
}

/* What the state is when nothing runs: the UI shows the reason of the
 * most important one (no account, no network, an error, all fine). */
static AfsSyncSchedulerState
resting_state (AfsSyncScheduler *self)
{
  if (!signed_in (self))
    return AFS_SYNC_SCHEDULER_SIGNED_OUT;
  if (!self->online)
    return AFS_SYNC_SCHEDULER_OFFLINE;
  /* The server could not be reached: to the person that is "offline"
   * (work goes on, it syncs later), with the reason in the popover. */
  if (self->last_error != NULL && self->last_error_offline)
    return AFS_SYNC_SCHEDULER_OFFLINE;
  if (self->last_error != NULL)
    return AFS_SYNC_SCHEDULER_ERROR;
  return AFS_SYNC_SCHEDULER_IDLE;
}

static void
set_state (AfsSyncScheduler      *self,
           AfsSyncSchedulerState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
disarm (AfsSyncScheduler *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->next_delay_ms != 0)
    {
      self->next_delay_ms = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_DELAY_MS]);
    }
}

static gboolean
on_timer (gpointer data)
{
  AfsSyncScheduler *self = data;

  self->timer_id = 0;
  self->next_delay_ms = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_DELAY_MS]);
  run (self);
  return G_SOURCE_REMOVE;
}

static void
arm (AfsSyncScheduler *self,
     guint             delay_ms)
{
  disarm (self);
  self->timer_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, on_timer, self, NULL);
  g_source_set_name_by_id (self->timer_id, "[aftersales] sync scheduler");
  self->next_delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_DELAY_MS]);
}

guint
afs_sync_scheduler_get_backoff_ms (AfsSyncScheduler *self)
{
  guint64 delay;

  g_return_val_if_fail (AFS_IS_SYNC_SCHEDULER (self), 0);

  if (self->failures == 0)
    return 0;
  delay = self->backoff_base_ms;
  for (guint i = 1; i < self->failures && delay < AFS_SYNC_BACKOFF_MAX_MS; i++)
    delay *= 2;
  return MIN (delay, AFS_SYNC_BACKOFF_MAX_MS);
}

/* Arm the next background sync, if any: after a failure the backoff (with
 * jitter), else the periodic interval. Offline, the network's return
 * triggers the next one instead of a timer. */
static void
schedule_next (AfsSyncScheduler *self)
{
  disarm (self);

  if (!self->started || !signed_in (self) || !self->online)
    return;

  if (self->failures > 0)
    {
      guint nominal = afs_sync_scheduler_get_backoff_ms (self);
      /* Equal jitter: 75 % to 125 % of the nominal delay. */
      double factor = g_random_double_range (0.75, 1.25);

      arm (self, MAX (1, (guint) (nominal * factor)));
    }
  else if (self->interval_s > 0)
    {
      arm (self, self->interval_s * 1000);
    }
}

static void
sync_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AfsSyncScheduler) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = afs_sync_client_sync_finish (AFS_SYNC_CLIENT (source), result, &error);

  /* Notifications go out one by one, in order (no freeze): a watcher
   * sees "running" go FALSE before the next run sets it again. */
  self->running = FALSE;
  self->n_runs++;
  g_clear_object (&self->cancellable);

  if (ok)
    {
      self->failures = 0;
      self->last_success = g_get_real_time ();
      g_clear_pointer (&self->last_error, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopped or signed out on purpose: not a failure to back off from. */
    }
  else
    {
      self->failures++;
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      self->last_error_offline = g_error_matches (error, AFS_SYNC_ERROR, AFS_SYNC_ERROR_OFFLINE)
        || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
        || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
        || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
      g_debug ("sync failed (%u in a row): %s", self->failures, error->message);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  set_state (self, resting_state (self));
  g_signal_emit (self, signals[FINISHED], 0, ok, ok ? NULL : error->message);

  if (self->again && self->started)
    {
      self->again = FALSE;
      run (self);
    }
  else
    {
      self->again = FALSE;
      schedule_next (self);
    }
}

static void
run (AfsSyncScheduler *self)
{
  if (self->running)
    {
      /* Never two at once: one more after this one. */
      self->again = TRUE;
      return;
    }
  if (!signed_in (self))
    {
      set_state (self, AFS_SYNC_SCHEDULER_SIGNED_OUT);
      return;
    }

  disarm (self);
  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  set_state (self, AFS_SYNC_SCHEDULER_RUNNING);

  afs_sync_client_sync_async (self->client, self->cancellable, sync_cb, g_object_ref (self));
}

static void
on_network_changed (AfsSyncScheduler *self,
                    gboolean          available,
                    GNetworkMonitor  *monitor)
{
  gboolean online = available
    && g_network_monitor_get_connectivity (monitor) != G_NETWORK_CONNECTIVITY_LOCAL;

  if (online == self->online)
    return;
  self->online = online;

  if (self->running)
    return; /* the running sync's end decides what comes next */

  if (online && self->started && signed_in (self))
    {
      /* The network came back: that is the moment the outbox has been
       * waiting for, backoff or not. */
      run (self);
    }
  else
    {
      disarm (self);
      set_state (self, resting_state (self));
    }
}

static void
on_client_signed_in_changed (AfsSyncScheduler *self)
{
  if (signed_in (self))
    {
      self->failures = 0;
      g_clear_pointer (&self->last_error, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURES]);
      if (self->started && !self->running)
        run (self);
      else if (!self->running)
        set_state (self, resting_state (self));
    }
  else
    {
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      disarm (self);
      if (!self->running)
        set_state (self, AFS_SYNC_SCHEDULER_SIGNED_OUT);
    }
}

static void
afs_sync_scheduler_constructed (GObject *object)
{
  AfsSyncScheduler *self = AFS_SYNC_SCHEDULER (object);

  G_OBJECT_CLASS (afs_sync_scheduler_parent_class)->constructed (object);

  g_assert (self->client != NULL);

  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());

  self->online = g_network_monitor_get_network_available (self->monitor)
    && g_network_monitor_get_connectivity (self->monitor) != G_NETWORK_CONNECTIVITY_LOCAL;

  g_signal_connect_object (self->monitor, "network-changed",
                           G_CALLBACK (on_network_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::signed-in",
                           G_CALLBACK (on_client_signed_in_changed), self, G_CONNECT_SWAPPED);

  self->state = resting_state (self);
}

static void
afs_sync_scheduler_dispose (GObject *object)
{
  AfsSyncScheduler *self = AFS_SYNC_SCHEDULER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->monitor);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (afs_sync_scheduler_parent_class)->dispose (object);
}

static void
afs_sync_scheduler_finalize (GObject *object)
{
  AfsSyncScheduler *self = AFS_SYNC_SCHEDULER (object);

  g_free (self->last_error);

  G_OBJECT_CLASS (afs_sync_scheduler_parent_class)->finalize (object);
}

static void
afs_sync_scheduler_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AfsSyncScheduler *self = AFS_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success);
      break;
    case PROP_FAILURES:
      g_value_set_uint (value, self->failures);
      break;
    case PROP_NEXT_DELAY_MS:
      g_value_set_uint (value, self->next_delay_ms);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval_s);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_sync_scheduler_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AfsSyncScheduler *self = AFS_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      afs_sync_scheduler_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
afs_sync_scheduler_class_init (AfsSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = afs_sync_scheduler_constructed;
  object_class->dispose = afs_sync_scheduler_dispose;
  object_class->finalize = afs_sync_scheduler_finalize;
  object_class->get_property = afs_sync_scheduler_get_property;
  object_class->set_property = afs_sync_scheduler_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, AFS_TYPE_SYNC_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, AFS_TYPE_SYNC_SCHEDULER_STATE,
                       AFS_SYNC_SCHEDULER_SIGNED_OUT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILURES] =
    g_param_spec_uint ("failures", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_DELAY_MS] =
    g_param_spec_uint ("next-delay-ms", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, 7 * 24 * 3600, 15 * 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AfsSyncScheduler::finished:
   * @ok: whether the sync went through
   * @message: (nullable): why not, for a person
   *
   * One sync ended; the state and counters are already updated.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
}

static void
afs_sync_scheduler_init (AfsSyncScheduler *self)
{
  self->interval_s = 15 * 60;
  self->backoff_base_ms = AFS_SYNC_BACKOFF_BASE_MS;
  self->state = AFS_SYNC_SCHEDULER_SIGNED_OUT;
}

AfsSyncScheduler *
afs_sync_scheduler_new (AfsSyncClient   *client,
                        GNetworkMonitor *monitor)
{
  g_return_val_if_fail (AFS_IS_SYNC_CLIENT (client), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  return g_object_new (AFS_TYPE_SYNC_SCHEDULER,
                       "client", client,
                       "monitor", monitor,
                       NULL);
}

AfsSyncClient *
afs_sync_scheduler_get_client (AfsSyncScheduler *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_SCHEDULER (self), NULL);
  return self->client;
}

void
afs_sync_scheduler_start (AfsSyncScheduler *self)
{
  g_return_if_fail (AFS_IS_SYNC_SCHEDULER (self));

  if (self->started)
    return;
  self->started = TRUE;

  if (signed_in (self) && self->online)
    run (self);
  else
    set_state (self, resting_state (self));
}

void
afs_sync_scheduler_stop (AfsSyncScheduler *self)
{
  g_return_if_fail (AFS_IS_SYNC_SCHEDULER (self));

  self->started = FALSE;
  self->again = FALSE;
  disarm (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

void
afs_sync_scheduler_sync_now (AfsSyncScheduler *self)
{
  g_return_if_fail (AFS_IS_SYNC_SCHEDULER (self));
  run (self);
}

AfsSyncSchedulerState
afs_sync_scheduler_get_state (AfsSyncScheduler *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_SCHEDULER (self), AFS_SYNC_SCHEDULER_SIGNED_OUT);
  return self->state;
}

gboolean
afs_sync_scheduler_get_running (AfsSyncScheduler *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_SCHEDULER (self), FALSE);
  return self->running;
}

const char *
afs_sync_scheduler_get_last_error (AfsSyncScheduler *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_SCHEDULER (self), NULL);
  return self->last_error;
}

gint64
afs_sync_scheduler_get_last_success (AfsSyncScheduler *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_SCHEDULER (self), 0);
  return self->last_success;
}

guint
afs_sync_scheduler_get_failures (AfsSyncScheduler *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_SCHEDULER (self), 0);
  return self->failures;
}

guint
afs_sync_scheduler_get_next_delay_ms (AfsSyncScheduler *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_SCHEDULER (self), 0);
  return self->next_delay_ms;
}

guint
afs_sync_scheduler_get_n_runs (AfsSyncScheduler *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_SCHEDULER (self), 0);
  return self->n_runs;
}

void
afs_sync_scheduler_set_interval (AfsSyncScheduler *self,
                                 guint             seconds)
{
  g_return_if_fail (AFS_IS_SYNC_SCHEDULER (self));

  if (self->interval_s == seconds)
    return;
  self->interval_s = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);

  /* A pending periodic timer follows the new interval; a backoff timer
   * stays as it is. */
  if (!self->running && self->failures == 0)
    schedule_next (self);
}

guint
afs_sync_scheduler_get_interval (AfsSyncScheduler *self)
{
  g_return_val_if_fail (AFS_IS_SYNC_SCHEDULER (self), 0);
  return self->interval_s;
}

void
afs_sync_scheduler_set_backoff_base_ms (AfsSyncScheduler *self,
                                        guint             ms)
{
  g_return_if_fail (AFS_IS_SYNC_SCHEDULER (self));
  g_return_if_fail (ms > 0);
  self->backoff_base_ms = ms;
}
