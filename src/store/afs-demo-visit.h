/* afs-demo-visit.h: the demo company's parts catalogue (on site, issue 4). */
#pragma once

#include "afs-store.h"

G_BEGIN_DECLS

/* Adds the parts a technician of the demo company picks from (DOMAIN.md 8:
 * "parts and materials used"), in the demo's languages. */
gboolean afs_demo_add_parts_catalogue (AfsStore *store, GError **error);

G_END_DECLS
