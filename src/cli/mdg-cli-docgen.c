/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli-docgen"

#include "config.h"

#include <glib.h>

#include "mdg-cli-table.h"

/*
 * mdg-cli-docgen man TEMPLATE OUTPUT | bash OUTPUT: writes madoguchi-cli(1) or its bash
 * completion from the command table, in English (no catalogue is bound here).
 */
int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = NULL;
  g_autofree char *text = NULL;
  const char *output;

  if (argc == 4 && g_str_equal (argv[1], "man"))
    {
      if (!g_file_get_contents (argv[2], &template, NULL, &error))
        g_error ("%s", error->message);
      text = _mdg_cli_dup_man_page (template, PACKAGE_VERSION);
      output = argv[3];
    }
  else if (argc == 3 && g_str_equal (argv[1], "bash"))
    {
      text = _mdg_cli_dup_bash_completion ();
      output = argv[2];
    }
  else
    {
      g_printerr ("Usage: mdg-cli-docgen man TEMPLATE OUTPUT | bash OUTPUT\n");
      return 2;
    }

  if (!g_file_set_contents (output, text, -1, &error))
    g_error ("%s", error->message);
  return 0;
}
