/* afs-uuid.c
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "afs-uuid.h"

/* UUIDv7 (RFC 9562 §5.7):
 *
 *   unix_ts_ms:48 | ver:4 (0111) | rand_a:12 | var:2 (10) | rand_b:62
 *
 * Keys are made on the device that creates the row, often offline, so
 * they must never collide across devices (74 random bits per millisecond)
 * and should sort by creation time (B-tree locality, stable paging). Within
 * one process we use rand_a as a counter (RFC 9562 §6.2 method 1) so that
 * ids made in the same millisecond still sort in creation order. */

#define UUID_STRING_LEN 36

G_LOCK_DEFINE_STATIC (uuid_state);
static gint64 last_ms = -1;
static guint  last_counter;

static void
format_uuid (gint64   unix_ms,
             guint    rand_a,
             guint64  rand_b,
             char     out[UUID_STRING_LEN + 1])
{
  guint8 b[16];
  static const char hex[] = "0123456789abcdef";
  guint j = 0;

  b[0] = (unix_ms >> 40) & 0xff;
  b[1] = (unix_ms >> 32) & 0xff;
  b[2] = (unix_ms >> 24) & 0xff;
  b[3] = (unix_ms >> 16) & 0xff;
  b[4] = (unix_ms >> 8) & 0xff;
  b[5] = unix_ms & 0xff;
  b[6] = 0x70 | ((rand_a >> 8) & 0x0f);
  b[7] = rand_a & 0xff;
  b[8] = 0x80 | ((rand_b >> 56) & 0x3f);
  for (guint i = 9; i < 16; i++)
    b[i] = (rand_b >> (8 * (15 - i))) & 0xff;

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[b[i] >> 4];
      out[j++] = hex[b[i] & 0x0f];
    }
  out[j] = '\0';
}

static guint64
random_u64 (GRand *rand)
{
  guint64 hi, lo;

  if (rand != NULL)
    {
      hi = g_rand_int (rand);
      lo = g_rand_int (rand);
    }
  else
    {
      hi = g_random_int ();
      lo = g_random_int ();
    }

  return (hi << 32) | lo;
}

/**
 * afs_uuid7_new:
 *
 * Makes a new UUIDv7 for the current time. Ids from one process are
 * strictly increasing, even many within one millisecond or when the
 * system clock steps back a little; safe to call from any thread.
 *
 * Returns: (transfer full): 36 lowercase characters
 */
char *
afs_uuid7_new (void)
{
  char buf[UUID_STRING_LEN + 1];
  gint64 now_ms = g_get_real_time () / 1000;
  gint64 ms;
  guint counter;
  guint64 rand_b = random_u64 (NULL);

  G_LOCK (uuid_state);

  if (now_ms > last_ms)
    {
      /* A new millisecond: start the counter at a random value in the
       * lower half, so it is unguessable yet leaves room to count up. */
      ms = now_ms;
      counter = g_random_int_range (0, 0x800);
    }
  else if (last_counter < 0xfff)
    {
      /* Same millisecond, or the clock went back: keep the last timestamp
       * and count, so ordering never breaks. */
      ms = last_ms;
      counter = last_counter + 1;
    }
  else
    {
      /* 4096 ids in one millisecond: borrow the next millisecond rather
       * than wrap the counter. */
      ms = last_ms + 1;
      counter = 0;
    }

  last_ms = ms;
  last_counter = counter;

  G_UNLOCK (uuid_state);

  format_uuid (ms, counter, rand_b, buf);

  return g_strdup (buf);
}

/**
 * afs_uuid7_new_at:
 * @unix_ms: the creation time, milliseconds since 1970 (0 … 2^48-1)
 * @rand: (nullable): the random source; %NULL for the global one
 *
 * Makes a UUIDv7 for a given time, for the demo data generator and tests:
 * with a seeded @rand the result is reproducible. Not monotonic: two ids
 * for the same millisecond sort by their random bits.
 *
 * Returns: (transfer full): 36 lowercase characters
 */
char *
afs_uuid7_new_at (gint64  unix_ms,
                  GRand  *rand)
{
  char buf[UUID_STRING_LEN + 1];
  guint rand_a;
  guint64 rand_b;

  g_return_val_if_fail (unix_ms >= 0 && unix_ms < G_GINT64_CONSTANT (1) << 48, NULL);

  rand_a = (rand != NULL ? g_rand_int (rand) : g_random_int ()) & 0xfff;
  rand_b = random_u64 (rand);

  format_uuid (unix_ms, rand_a, rand_b, buf);

  return g_strdup (buf);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  /* Uppercase is refused on purpose: ids are compared as text in SQL and
   * across devices, so only the one canonical spelling is a valid key. */
  return -1;
}

/**
 * afs_uuid_is_valid:
 * @str: (nullable): text that may be a UUID
 *
 * Whether @str is a UUID in the canonical form we store: 36 characters,
 * lowercase hex, dashes at 8, 13, 18 and 23, the RFC 9562 variant and a
 * version from 1 to 8. The nil and max UUIDs are not keys, so they are
 * refused.
 *
 * Returns: %TRUE if @str can be used as a row id
 */
gboolean
afs_uuid_is_valid (const char *str)
{
  int version;
  int variant;

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < UUID_STRING_LEN; i++)
    {
      if (str[i] == '\0')
        return FALSE;
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (str[i] != '-')
            return FALSE;
        }
      else if (hex_value (str[i]) < 0)
        return FALSE;
    }
  if (str[UUID_STRING_LEN] != '\0')
    return FALSE;

  version = hex_value (str[14]);
  variant = hex_value (str[19]);

  return version >= 1 && version <= 8 && (variant & 0xc) == 0x8;
}

/**
 * afs_uuid7_get_unix_ms:
 * @str: (nullable): a UUIDv7
 *
 * The creation time a UUIDv7 carries, for "created" displays and for
 * checking data; other versions have no such time.
 *
 * Returns: milliseconds since 1970, or -1 if @str is not a valid UUIDv7
 */
gint64
afs_uuid7_get_unix_ms (const char *str)
{
  gint64 ms = 0;

  if (!afs_uuid_is_valid (str) || str[14] != '7')
    return -1;

  for (guint i = 0; i < 13; i++)
    {
      if (i == 8)
        continue;
      ms = (ms << 4) | hex_value (str[i]);
    }

  return ms;
}
