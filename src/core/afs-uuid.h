/* afs-uuid.h: client-generated UUIDv7 keys (RFC 9562), so rows made
 * offline on any device never collide and sort by creation time. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new UUIDv7 as 36 lowercase chars "xxxxxxxx-xxxx-7xxx-yxxx-xxxxxxxxxxxx".
 * Monotonic within a process: two calls in the same millisecond still sort. */
char     *afs_uuid7_new       (void);
/* Same, at a given time (unix ms); for the demo generator and tests. */
char     *afs_uuid7_new_at    (gint64 unix_ms, GRand *rand);
gboolean  afs_uuid_is_valid   (const char *str);
/* The creation time embedded in a UUIDv7, or -1. */
gint64    afs_uuid7_get_unix_ms (const char *str);

G_END_DECLS
