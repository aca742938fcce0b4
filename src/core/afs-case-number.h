/* afs-case-number.h: human case numbers like AS-2026-000123 (DOMAIN.md 1:
 * "Give it a case number at once"). The sequence per year is kept by the
 * store; this only formats and parses. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *afs_case_number_format (int year, gint64 seq);
gboolean  afs_case_number_parse  (const char *number, int *year, gint64 *seq);

G_END_DECLS
