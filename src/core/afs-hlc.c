/* afs-hlc.c: hybrid logical clocks (see afs-hlc.h).
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "afs-hlc.h"

/* 13 digits of milliseconds last until the year 2286. */
#define WALL_MAX G_GINT64_CONSTANT (9999999999999)

struct _AfsHlc
{
  char   *node;
  gint64  wall_ms;   /* of the greatest HLC issued or seen */
  guint   counter;
  char   *last_node; /* its node, for afs_hlc_last() */
};

gboolean
afs_hlc_parse (const char  *text,
               gint64      *wall_ms,
               guint       *counter,
               char       **node)
{
  gint64 wall = 0;
  guint count = 0;

  if (text == NULL || strlen (text) < 13 + 1 + 4 + 1 + 1)
    return FALSE;
  for (int i = 0; i < 13; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      wall = wall * 10 + (text[i] - '0');
    }
  if (text[13] != '-' || text[18] != '-')
    return FALSE;
  for (int i = 14; i < 18; i++)
    {
      int v = g_ascii_xdigit_value (text[i]);

      if (v < 0 || g_ascii_isupper (text[i]))
        return FALSE;
      count = count * 16 + (guint) v;
    }
  for (const char *p = text + 19; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;

  if (wall_ms != NULL)
    *wall_ms = wall;
  if (counter != NULL)
    *counter = count;
  if (node != NULL)
    *node = g_strdup (text + 19);
  return TRUE;
}

char *
afs_hlc_format (gint64      wall_ms,
                guint       counter,
                const char *node)
{
  g_return_val_if_fail (wall_ms >= 0 && wall_ms <= WALL_MAX, NULL);
  g_return_val_if_fail (counter <= AFS_HLC_COUNTER_MAX, NULL);

  return g_strdup_printf ("%013lld-%04x-%s", (long long) wall_ms, counter,
                          node != NULL ? node : "");
}

int
afs_hlc_compare (const char *a,
                 const char *b)
{
  return g_strcmp0 (a, b);
}

AfsHlc *
afs_hlc_new (const char *node_id,
             const char *last)
{
  AfsHlc *hlc = g_new0 (AfsHlc, 1);

  hlc->node = g_strdup (node_id != NULL ? node_id : "");
  if (last != NULL && *last != '\0')
    afs_hlc_parse (last, &hlc->wall_ms, &hlc->counter, &hlc->last_node);

  return hlc;
}

void
afs_hlc_free (AfsHlc *hlc)
{
  if (hlc == NULL)
    return;
  g_free (hlc->node);
  g_free (hlc->last_node);
  g_free (hlc);
}

static gint64
physical (gint64 now_ms)
{
  return now_ms > 0 ? now_ms : g_get_real_time () / 1000;
}

/* Advance to be past (wall, counter). */
static void
advance (AfsHlc *hlc,
         gint64  wall,
         guint   counter)
{
  if (wall > hlc->wall_ms || (wall == hlc->wall_ms && counter > hlc->counter))
    {
      hlc->wall_ms = wall;
      hlc->counter = counter;
    }
}

char *
afs_hlc_tick (AfsHlc *hlc,
              gint64  now_ms)
{
  gint64 pt = physical (now_ms);

  if (pt > hlc->wall_ms)
    {
      hlc->wall_ms = pt;
      hlc->counter = 0;
    }
  else if (hlc->counter < AFS_HLC_COUNTER_MAX)
    hlc->counter++;
  else
    {
      /* 65 536 events in one millisecond: borrow the next one. */
      hlc->wall_ms++;
      hlc->counter = 0;
    }

  g_free (hlc->last_node);
  hlc->last_node = g_strdup (hlc->node);

  return afs_hlc_format (hlc->wall_ms, hlc->counter, hlc->node);
}

gboolean
afs_hlc_observe (AfsHlc     *hlc,
                 const char *remote,
                 gint64      now_ms)
{
  gint64 wall;
  guint counter;
  g_autofree char *node = NULL;

  if (!afs_hlc_parse (remote, &wall, &counter, &node))
    return FALSE;

  if (wall > hlc->wall_ms || (wall == hlc->wall_ms && counter >= hlc->counter))
    {
      advance (hlc, wall, counter);
      g_free (hlc->last_node);
      hlc->last_node = g_steal_pointer (&node);
    }
  (void) now_ms;   /* the next tick compares with the wall clock */

  return TRUE;
}

char *
afs_hlc_last (AfsHlc *hlc)
{
  if (hlc->wall_ms == 0 && hlc->counter == 0)
    return g_strdup ("");

  return afs_hlc_format (hlc->wall_ms, hlc->counter,
                         hlc->last_node != NULL ? hlc->last_node : hlc->node);
}
