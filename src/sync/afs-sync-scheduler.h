/* afs-sync-scheduler.h: when the app syncs, so that nobody has to think of it.
 *
 * A technician works offline for days; the work must reach the office as
 * soon as a network is there (issue 5, "In the app": sync in the background
 * when the network comes, periodically, and on demand, with backoff). The
 * scheduler owns that decision and nothing else: it asks the sync client to
 * run one sync (push, then pull) and never starts a second one while one
 * runs; a request during a run is remembered and runs right after it.
 *
 * After a failure the next try waits base × 2^(failures − 1) (capped), with
 * ±25 % jitter so that a hundred laptops coming back after an office outage
 * do not all knock at the same second; a success resets the count. The
 * delays are readable ("backoff-ms", "next-delay-ms") so tests check the
 * schedule without waiting on the clock.
 *
 * GIO only (GNetworkMonitor, GSource); the UI reads its properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "afs-sync-client.h"

G_BEGIN_DECLS

typedef enum {
  AFS_SYNC_SCHEDULER_IDLE,      /* signed in, nothing running, last sync fine (or none yet) */
  AFS_SYNC_SCHEDULER_RUNNING,   /* a sync runs now */
  AFS_SYNC_SCHEDULER_OFFLINE,   /* the network monitor says there is no network */
  AFS_SYNC_SCHEDULER_ERROR,     /* the last sync failed; "last-error" says why */
  AFS_SYNC_SCHEDULER_SIGNED_OUT /* no account on this computer: nothing to sync */
} AfsSyncSchedulerState;

GType afs_sync_scheduler_state_get_type (void) G_GNUC_CONST;
#define AFS_TYPE_SYNC_SCHEDULER_STATE (afs_sync_scheduler_state_get_type ())

/* The first retry waits this long; each failure doubles it up to the cap. */
#define AFS_SYNC_BACKOFF_BASE_MS  (5 * 1000)
#define AFS_SYNC_BACKOFF_MAX_MS   (30 * 60 * 1000)

#define AFS_TYPE_SYNC_SCHEDULER (afs_sync_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (AfsSyncScheduler, afs_sync_scheduler, AFS, SYNC_SCHEDULER, GObject)

/* @monitor: (nullable): the network monitor to follow; %NULL takes
 * g_network_monitor_get_default(). Tests pass a GNetworkMonitorBase whose
 * networks they add and remove. */
AfsSyncScheduler     *afs_sync_scheduler_new            (AfsSyncClient   *client,
                                                         GNetworkMonitor *monitor);
AfsSyncClient        *afs_sync_scheduler_get_client     (AfsSyncScheduler *self);

/* Begin following the network and the clock; syncs at once when signed
 * in and online. Stopping cancels a running sync (the client keeps its
 * outbox: nothing is lost, the next sync resumes). */
void                  afs_sync_scheduler_start          (AfsSyncScheduler *self);
void                  afs_sync_scheduler_stop           (AfsSyncScheduler *self);

/* Sync now (the button, the shortcut): runs at once, or right after the
 * running one. Tries even when the monitor says offline: monitors are
 * sometimes wrong, and the person asked. */
void                  afs_sync_scheduler_sync_now       (AfsSyncScheduler *self);

AfsSyncSchedulerState afs_sync_scheduler_get_state      (AfsSyncScheduler *self);
gboolean              afs_sync_scheduler_get_running    (AfsSyncScheduler *self);
/* Why the last sync failed, for a person (translated); NULL after success. */
const char           *afs_sync_scheduler_get_last_error (AfsSyncScheduler *self);
/* g_get_real_time() of the last successful sync, 0 for never. */
gint64                afs_sync_scheduler_get_last_success (AfsSyncScheduler *self);
guint                 afs_sync_scheduler_get_failures   (AfsSyncScheduler *self);
/* The nominal backoff after the current failures (before jitter), 0 when none. */
guint                 afs_sync_scheduler_get_backoff_ms (AfsSyncScheduler *self);
/* The delay of the timer now armed (jitter included), 0 when none is. */
guint                 afs_sync_scheduler_get_next_delay_ms (AfsSyncScheduler *self);
/* How many syncs have finished (either way) since creation. */
guint                 afs_sync_scheduler_get_n_runs     (AfsSyncScheduler *self);

/* Seconds between background syncs while all is well; 0 turns the
 * periodic sync off (network and on-demand syncs still run). */
void                  afs_sync_scheduler_set_interval   (AfsSyncScheduler *self,
                                                         guint             seconds);
guint                 afs_sync_scheduler_get_interval   (AfsSyncScheduler *self);
/* For tests: the first backoff step (default AFS_SYNC_BACKOFF_BASE_MS). */
void                  afs_sync_scheduler_set_backoff_base_ms (AfsSyncScheduler *self,
                                                              guint             ms);

G_END_DECLS
