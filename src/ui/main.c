/* main.c: the AfterSales desktop app.
 *
 * Copyright 2026 The AfterSales authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "afs-application.h"

int
main (int   argc,
      char *argv[])
{
  /* Taken first: "first-frame-ms" counts from here. */
  gint64 start_us = g_get_monotonic_time ();
  g_autoptr(AfsApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* Run from the build tree (./build-aux/run, the tests), the catalogues
   * are in <build>/po, laid out like an installed locale folder. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("AFS_LOCALEDIR") ? g_getenv ("AFS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = afs_application_new (start_us);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
