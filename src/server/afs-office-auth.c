/* afs-office-auth.c: see afs-office-auth.h.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <gio/gio.h>

#include "afs-office-auth.h"

static gboolean
random_bytes (guint8 *buf,
              gsize   len)
{
  gsize got = 0;

  while (got < len)
    {
      ssize_t n = getrandom (buf + got, len - got, 0);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      got += (gsize) n;
    }
  return TRUE;
}

char *
afs_office_password_hash (const char *password,
                          GError    **error)
{
  guint8 rbytes[32];
  char *salt;
  struct crypt_data data = { 0 };
  const char *hashed;
  char *result;

  if (!random_bytes (rbytes, sizeof rbytes))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "No random numbers: %s", g_strerror (errno));
      return NULL;
    }
  salt = crypt_gensalt_ra ("$y$", 0, (const char *) rbytes, sizeof rbytes);
  if (salt == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot make a password salt: %s",
                   g_strerror (errno));
      return NULL;
    }
  hashed = crypt_r (password, salt, &data);
  free (salt);
  if (hashed == NULL || hashed[0] == '*')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot hash the password");
      return NULL;
    }
  result = g_strdup (hashed);
  explicit_bzero (&data, sizeof data);
  return result;
}

gboolean
afs_office_password_verify (const char *password,
                            const char *hash)
{
  struct crypt_data data = { 0 };
  const char *hashed;
  gsize len;
  guint8 diff = 0;

  if (password == NULL || hash == NULL || hash[0] != '$')
    return FALSE;
  hashed = crypt_r (password, hash, &data);
  if (hashed == NULL || hashed[0] == '*')
    return FALSE;
  len = strlen (hash);
  if (strlen (hashed) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    diff |= (guint8) (hashed[i] ^ hash[i]);
  explicit_bzero (&data, sizeof data);
  return diff == 0;
}

char *
afs_office_token_new (void)
{
  guint8 bytes[32];
  g_autofree char *b64 = NULL;

  if (!random_bytes (bytes, sizeof bytes))
    g_error ("no random numbers for a session token: %s", g_strerror (errno));

  b64 = g_base64_encode (bytes, sizeof bytes);
  for (char *p = b64; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return g_steal_pointer (&b64);
}

char *
afs_office_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}
