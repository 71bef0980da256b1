/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "madoguchi"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "mdg-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdgApplication) app = NULL;
  const char *localedir = g_getenv ("MADOGUCHI_LOCALEDIR");

  mdg_application_skip_gtk_theme ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = mdg_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
