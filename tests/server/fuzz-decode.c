/* fuzz-decode.c: libFuzzer target over the office service's request
 * decoding (src/server/afs-office-decode.c), which turns untrusted bytes
 * into validated structs. Built with clang by run-fuzz-decode.sh and run
 * for a bounded time as a test; any crash, leak or sanitizer report fails.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "afs-office-decode.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autofree char *cstr = g_strndup (text, size);
  AfsOfficeProblem *problem = NULL;
  gint64 n;
  guint limit;

  /* Every decoder either returns a value or a problem, never both. */
  {
    AfsOfficePushRequest *push = afs_office_decode_push (text, size, 6, &problem);
    g_assert ((push == NULL) != (problem == NULL));
    if (push != NULL)
      {
        g_assert (push->changes->len >= 1 && push->changes->len <= AFS_OFFICE_MAX_BATCH);
        for (guint i = 0; i < push->changes->len; i++)
          {
            AfsOfficeChange *c = g_ptr_array_index (push->changes, i);
            g_assert (afs_office_uuid_is_valid (c->row_id));
            g_assert (afs_sync_hlc_is_valid (c->hlc));
            g_assert (afs_sync_table_lookup (c->table->name) == c->table);
          }
      }
    afs_office_push_request_free (push);
    g_clear_pointer (&problem, afs_office_problem_free);
  }
  {
    AfsOfficeSessionRequest *s = afs_office_decode_session (text, size, &problem);
    g_assert ((s == NULL) != (problem == NULL));
    afs_office_session_request_free (s);
    if (problem != NULL)
      {
        g_autofree char *json = afs_office_problem_to_json (problem);
        g_assert (json != NULL);
      }
    g_clear_pointer (&problem, afs_office_problem_free);
  }
  if (!afs_office_decode_numbers (text, size, &n, &problem))
    g_clear_pointer (&problem, afs_office_problem_free);
  else
    g_assert (n >= 2000 && n <= 9999);
  if (!afs_office_decode_complete (text, size, &n, &problem))
    g_clear_pointer (&problem, afs_office_problem_free);
  else
    g_assert (n >= 0);

  /* Headers, names and query values are NUL-terminated strings. */
  if (afs_office_blob_name_is_valid (cstr))
    g_assert (strlen (cstr) == 64 && strchr (cstr, '/') == NULL && strchr (cstr, '.') == NULL);
  g_free (afs_office_decode_bearer (cstr));
  if (afs_office_decode_offset (cstr, &n))
    g_assert (n >= 0);
  {
    g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
    const char *eq = strchr (cstr, '=');
    g_autofree char *key = eq != NULL ? g_strndup (cstr, eq - cstr) : g_strdup ("cursor");

    g_hash_table_insert (query, key, (gpointer) (eq != NULL ? eq + 1 : cstr));
    if (afs_office_decode_pull_query (query, &n, &limit, &problem))
      g_assert (n >= 0 && limit >= 1 && limit <= AFS_OFFICE_MAX_PAGE);
    else
      g_clear_pointer (&problem, afs_office_problem_free);
  }
  return 0;
}
