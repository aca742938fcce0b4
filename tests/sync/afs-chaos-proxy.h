/* afs-chaos-proxy.h: a TCP proxy on 127.0.0.1 that breaks connections
 * on purpose, for the sync fault tests (SYNC-NOTES.md: "a chaos proxy on
 * loopback").
 *
 * Each accepted connection takes the next fault from a queue (or passes
 * everything when the queue is empty). A fault triggers once a number of
 * bytes has gone through in one direction:
 *   DROP   close both sides (FIN): a reply or request cut off mid-way;
 *   RESET  close the device's side with RST;
 *   STALL  stop forwarding but keep the sockets open: the device's
 *          timeout must end it;
 * "Cut after the server committed, before the reply" is DROP on the
 * DOWN direction after 0 bytes: the whole request reached the server,
 * which replies only after its commit, and no byte of that reply comes
 * back.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  AFS_CHAOS_PASS,
  AFS_CHAOS_DROP,
  AFS_CHAOS_RESET,
  AFS_CHAOS_STALL,
} AfsChaosKind;

typedef enum {
  AFS_CHAOS_UP,     /* device → server (requests) */
  AFS_CHAOS_DOWN,   /* server → device (replies) */
} AfsChaosDirection;

typedef struct {
  AfsChaosKind      kind;
  AfsChaosDirection direction;
  guint64           after_bytes;
} AfsChaosFault;

typedef struct _AfsChaosProxy AfsChaosProxy;

/* Listens on 127.0.0.1 (a free port) and forwards to 127.0.0.1:@upstream_port. */
AfsChaosProxy *afs_chaos_proxy_new          (guint16 upstream_port, GError **error);
void           afs_chaos_proxy_free         (AfsChaosProxy *proxy);
guint16        afs_chaos_proxy_get_port     (AfsChaosProxy *proxy);
/* The service restarted on another port. */
void           afs_chaos_proxy_set_upstream (AfsChaosProxy *proxy, guint16 upstream_port);
/* The next connection gets @fault (queued in order). */
void           afs_chaos_proxy_push_fault   (AfsChaosProxy *proxy, const AfsChaosFault *fault);
void           afs_chaos_proxy_clear_faults (AfsChaosProxy *proxy);
/* Faults that actually fired, and connections accepted, so far. */
guint          afs_chaos_proxy_get_fired    (AfsChaosProxy *proxy);
guint          afs_chaos_proxy_get_accepted (AfsChaosProxy *proxy);
/* Close every open connection now (before the server is killed). */
void           afs_chaos_proxy_close_all    (AfsChaosProxy *proxy);

const char    *afs_chaos_kind_to_string     (AfsChaosKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AfsChaosProxy, afs_chaos_proxy_free)

G_END_DECLS
