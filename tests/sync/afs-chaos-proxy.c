/* afs-chaos-proxy.c: see afs-chaos-proxy.h. One thread accepts; one
 * thread per connection moves bytes both ways with poll(), counting them
 * and firing its fault when the count is reached.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "afs-chaos-proxy.h"

/* A stalled connection is closed after this long at the latest, so a
 * test without a client timeout still ends. */
#define STALL_MAX_MS 20000

struct _AfsChaosProxy
{
  int        listen_fd;
  guint16    port;
  GThread   *acceptor;
  GMutex     lock;
  guint16    upstream_port;
  GQueue     faults;          /* AfsChaosFault* */
  GPtrArray *conns;           /* Conn* alive */
  gboolean   stopping;
  guint      fired;
  guint      accepted;
  int        wake[2];         /* pipe: wakes the acceptor to stop */
};

typedef struct {
  AfsChaosProxy *proxy;
  int            down_fd;     /* the device's side */
  int            up_fd;       /* the server's side */
  AfsChaosFault  fault;
  int            kill_pipe[2];
  GThread       *thread;
} Conn;

const char *
afs_chaos_kind_to_string (AfsChaosKind kind)
{
  switch (kind)
    {
    case AFS_CHAOS_PASS: return "pass";
    case AFS_CHAOS_DROP: return "drop";
    case AFS_CHAOS_RESET: return "reset";
    case AFS_CHAOS_STALL: return "stall";
    default: return "?";
    }
}

static int
connect_upstream (guint16 port)
{
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  if (fd < 0)
    return -1;
  addr.sin_family = AF_INET;
  addr.sin_port = htons (port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

static void
reset_close (int fd)
{
  struct linger lg = { 1, 0 };

  setsockopt (fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  close (fd);
}

static gboolean
write_all (int          fd,
           const char  *buf,
           gsize        len)
{
  while (len > 0)
    {
      ssize_t n = send (fd, buf, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      buf += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
fire (Conn *c)
{
  g_mutex_lock (&c->proxy->lock);
  c->proxy->fired++;
  g_mutex_unlock (&c->proxy->lock);
}

static gpointer
conn_thread (gpointer data)
{
  Conn *c = data;
  guint64 counted[2] = { 0, 0 };   /* UP, DOWN */
  gboolean stalled = FALSE;
  gint64 stall_started = 0;
  char buf[16384];

  for (;;)
    {
      struct pollfd fds[3] = {
        { c->down_fd, stalled ? 0 : POLLIN, 0 },
        { c->up_fd, stalled ? 0 : POLLIN, 0 },
        { c->kill_pipe[0], POLLIN, 0 },
      };
      int r = poll (fds, 3, stalled ? 200 : -1);

      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0 || (fds[2].revents & POLLIN))
        break;
      if (stalled)
        {
          /* The device gave up (closed) or the stall lasted long enough. */
          char probe;

          if (recv (c->down_fd, &probe, 1, MSG_DONTWAIT | MSG_PEEK) == 0 ||
              g_get_monotonic_time () - stall_started > (gint64) STALL_MAX_MS * 1000)
            break;
          continue;
        }

      for (int side = 0; side < 2; side++)
        {
          int from = side == 0 ? c->down_fd : c->up_fd;
          int to = side == 0 ? c->up_fd : c->down_fd;
          AfsChaosDirection dir = side == 0 ? AFS_CHAOS_UP : AFS_CHAOS_DOWN;
          ssize_t n;
          gsize pass;

          if (!(fds[side].revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
          n = recv (from, buf, sizeof buf, 0);
          if (n <= 0)
            goto done;

          pass = (gsize) n;
          if (c->fault.kind != AFS_CHAOS_PASS && c->fault.direction == dir &&
              counted[dir] + (guint64) n > c->fault.after_bytes)
            pass = (gsize) (c->fault.after_bytes - counted[dir]);

          if (pass > 0 && !write_all (to, buf, pass))
            goto done;
          counted[dir] += pass;

          if (pass < (gsize) n)
            {
              fire (c);
              switch (c->fault.kind)
                {
                case AFS_CHAOS_DROP:
                  goto done;
                case AFS_CHAOS_RESET:
                  reset_close (c->down_fd);
                  c->down_fd = -1;
                  goto done;
                case AFS_CHAOS_STALL:
                  stalled = TRUE;
                  stall_started = g_get_monotonic_time ();
                  break;
                case AFS_CHAOS_PASS:
                default:
                  break;
                }
              break;
            }
        }
    }

done:
  if (c->down_fd >= 0)
    close (c->down_fd);
  close (c->up_fd);
  c->down_fd = c->up_fd = -1;

  g_mutex_lock (&c->proxy->lock);
  g_ptr_array_remove (c->proxy->conns, c);
  g_mutex_unlock (&c->proxy->lock);
  close (c->kill_pipe[0]);
  close (c->kill_pipe[1]);
  g_free (c);
  return NULL;
}

static gpointer
accept_thread (gpointer data)
{
  AfsChaosProxy *proxy = data;

  for (;;)
    {
      struct pollfd fds[2] = { { proxy->listen_fd, POLLIN, 0 }, { proxy->wake[0], POLLIN, 0 } };
      AfsChaosFault *fault;
      Conn *c;
      int down, up;
      guint16 port;

      if (poll (fds, 2, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          break;
        }
      if (fds[1].revents & POLLIN)
        break;
      down = accept4 (proxy->listen_fd, NULL, NULL, SOCK_CLOEXEC);
      if (down < 0)
        continue;

      g_mutex_lock (&proxy->lock);
      port = proxy->upstream_port;
      fault = g_queue_pop_head (&proxy->faults);
      proxy->accepted++;
      g_mutex_unlock (&proxy->lock);

      up = connect_upstream (port);
      if (up < 0)
        {
          /* The service is down: the device sees a refused-like reset. */
          reset_close (down);
          g_free (fault);
          continue;
        }

      c = g_new0 (Conn, 1);
      c->proxy = proxy;
      c->down_fd = down;
      c->up_fd = up;
      if (fault != NULL)
        c->fault = *fault;
      g_free (fault);
      if (pipe2 (c->kill_pipe, O_CLOEXEC) != 0)
        g_error ("pipe: %s", g_strerror (errno));

      g_mutex_lock (&proxy->lock);
      g_ptr_array_add (proxy->conns, c);
      g_mutex_unlock (&proxy->lock);
      g_thread_unref (g_thread_new ("chaos-conn", conn_thread, c));
    }
  return NULL;
}

AfsChaosProxy *
afs_chaos_proxy_new (guint16   upstream_port,
                     GError  **error)
{
  AfsChaosProxy *proxy = g_new0 (AfsChaosProxy, 1);
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int one = 1;

  g_mutex_init (&proxy->lock);
  g_queue_init (&proxy->faults);
  proxy->conns = g_ptr_array_new ();
  proxy->upstream_port = upstream_port;

  proxy->listen_fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  setsockopt (proxy->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (proxy->listen_fd < 0 ||
      bind (proxy->listen_fd, (struct sockaddr *) &addr, sizeof addr) != 0 ||
      listen (proxy->listen_fd, 64) != 0 ||
      getsockname (proxy->listen_fd, (struct sockaddr *) &addr, &len) != 0 ||
      pipe2 (proxy->wake, O_CLOEXEC) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "chaos proxy: %s", g_strerror (saved));
      if (proxy->listen_fd >= 0)
        close (proxy->listen_fd);
      g_ptr_array_unref (proxy->conns);
      g_free (proxy);
      return NULL;
    }
  proxy->port = ntohs (addr.sin_port);
  proxy->acceptor = g_thread_new ("chaos-accept", accept_thread, proxy);
  return proxy;
}

void
afs_chaos_proxy_close_all (AfsChaosProxy *proxy)
{
  guint n;

  g_mutex_lock (&proxy->lock);
  for (guint i = 0; i < proxy->conns->len; i++)
    {
      Conn *c = proxy->conns->pdata[i];

      if (write (c->kill_pipe[1], "x", 1) < 0)
        g_warning ("chaos proxy: %s", g_strerror (errno));
    }
  g_mutex_unlock (&proxy->lock);

  /* Wait until the connection threads are gone. */
  do
    {
      g_mutex_lock (&proxy->lock);
      n = proxy->conns->len;
      g_mutex_unlock (&proxy->lock);
      if (n > 0)
        g_usleep (1000);
    }
  while (n > 0);
}

void
afs_chaos_proxy_free (AfsChaosProxy *proxy)
{
  if (proxy == NULL)
    return;
  if (write (proxy->wake[1], "x", 1) < 0)
    g_warning ("chaos proxy: %s", g_strerror (errno));
  g_thread_join (proxy->acceptor);
  afs_chaos_proxy_close_all (proxy);
  close (proxy->listen_fd);
  close (proxy->wake[0]);
  close (proxy->wake[1]);
  g_queue_clear_full (&proxy->faults, g_free);
  g_ptr_array_unref (proxy->conns);
  g_mutex_clear (&proxy->lock);
  g_free (proxy);
}

guint16
afs_chaos_proxy_get_port (AfsChaosProxy *proxy)
{
  return proxy->port;
}

void
afs_chaos_proxy_set_upstream (AfsChaosProxy *proxy,
                              guint16        upstream_port)
{
  g_mutex_lock (&proxy->lock);
  proxy->upstream_port = upstream_port;
  g_mutex_unlock (&proxy->lock);
}

void
afs_chaos_proxy_push_fault (AfsChaosProxy       *proxy,
                            const AfsChaosFault *fault)
{
  g_mutex_lock (&proxy->lock);
  g_queue_push_tail (&proxy->faults, g_memdup2 (fault, sizeof *fault));
  g_mutex_unlock (&proxy->lock);
}

void
afs_chaos_proxy_clear_faults (AfsChaosProxy *proxy)
{
  g_mutex_lock (&proxy->lock);
  g_queue_clear_full (&proxy->faults, g_free);
  g_queue_init (&proxy->faults);
  g_mutex_unlock (&proxy->lock);
}

guint
afs_chaos_proxy_get_fired (AfsChaosProxy *proxy)
{
  guint n;

  g_mutex_lock (&proxy->lock);
  n = proxy->fired;
  g_mutex_unlock (&proxy->lock);
  return n;
}

guint
afs_chaos_proxy_get_accepted (AfsChaosProxy *proxy)
{
  guint n;

  g_mutex_lock (&proxy->lock);
  n = proxy->accepted;
  g_mutex_unlock (&proxy->lock);
  return n;
}
