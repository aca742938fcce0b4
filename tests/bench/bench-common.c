/* bench-common.c: see bench-common.h. */
#include "bench-common.h"

#include <glib/gstdio.h>

GArray *
bench_parse_sizes (char       **opt_sizes,
                   const char  *prog)
{
  GArray *sizes = g_array_new (FALSE, FALSE, sizeof (guint));

  if (opt_sizes == NULL)
    {
      guint defaults[] = { 100000, 1000000 };
      g_array_append_vals (sizes, defaults, 2);
      return sizes;
    }

  for (guint i = 0; opt_sizes[i] != NULL; i++)
    {
      guint64 v = g_ascii_strtoull (opt_sizes[i], NULL, 10);
      guint s = (guint) MIN (v, G_MAXUINT);

      if (s == 0)
        {
          g_printerr ("%s: “%s” is not a number of cases\n", prog, opt_sizes[i]);
          g_array_unref (sizes);
          return NULL;
        }
      g_array_append_val (sizes, s);
    }
  return sizes;
}

char *
bench_cache_dir (const char *opt_cache_dir,
                 const char *prog)
{
  char *dir = opt_cache_dir != NULL
    ? g_strdup (opt_cache_dir)
    : g_build_filename (g_get_user_cache_dir (), "aftersales", "bench", NULL);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_printerr ("%s: cannot create %s\n", prog, dir);
      g_free (dir);
      return NULL;
    }
  return dir;
}

char *
bench_cached_db (const char *dir,
                 guint       size,
                 gint64      seed,
                 gint64      now)
{
  g_autofree char *name = g_strdup_printf ("cases-%u-seed-%" G_GINT64_FORMAT "-now-%" G_GINT64_FORMAT ".db",
                                           size, seed, now);
  return g_build_filename (dir, name, NULL);
}
