/* afs-demo.h: a realistic demo company (DOMAIN.md), for `./build-aux/run`,
 * the tests and the benchmarks at any size. Deterministic for a seed. */
#pragma once

#include "afs-store.h"

G_BEGIN_DECLS

typedef struct {
  guint   n_cases;        /* e.g. 300 for the demo, 1 000 000 for benchmarks */
  guint32 seed;
  gint64  now;            /* unix seconds "today" for the generated history; 0 = now */
  /* Called now and then with the number of cases made so far (may be NULL). */
  void  (*progress) (guint done, guint total, gpointer user_data);
  gpointer progress_data;
} AfsDemoOptions;

/* Fill an empty store: staff (technicians, office, manager, quality),
 * customers (local/province/outside/remote, key/regular), equipment, and
 * cases in every state, reached through the real workflow actions, with
 * text in English, Chinese, Spanish and Polish. */
gboolean afs_demo_generate (AfsStore *store, const AfsDemoOptions *options, GError **error);

G_END_DECLS
