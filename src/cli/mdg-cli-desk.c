/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-cli-private.h"
#include "mdg-desk.h"

static void
add_contact_members (JsonBuilder    *builder,
                     MdgDeskContact *contact)
{
  const struct { const char *name; const char *value; } members[] = {
    { "name", contact->name }, { "address", contact->address }, { "phone", contact->phone },
    { "email", contact->email }, { "url", contact->url }, { "hours", contact->hours },
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      json_builder_set_member_name (builder, members[i].name);
      if (members[i].value != NULL)
        json_builder_add_string_value (builder, members[i].value);
      else
        json_builder_add_null_value (builder);
    }
}

static int
desk_show (Globals  *globals,
           int       argc,
           char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeskContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (argc != 1)
    return _mdg_cli_usage (_("Usage: madoguchi-cli desk show"));
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(contact = mdg_desk_contact_load (db, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_contact_members (builder, contact);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      _mdg_cli_print_json (root);
      return EXIT_OK;
    }

  if (!mdg_desk_contact_is_set (contact))
    {
      g_print ("%s\n", _("The desk’s contact is not set. Set it with “madoguchi-cli desk set --name NAME …”."));
      return EXIT_OK;
    }
  text = mdg_desk_contact_format (contact);
  g_print ("%s\n", text);
  return EXIT_OK;
}

static int
desk_set (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeskContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  char *given[6] = { NULL };
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &given[0], N_("The desk’s name"), "NAME" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &given[1], N_("Postal address"), "ADDRESS" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &given[2], N_("Phone number"), "PHONE" },
    { "email", 0, 0, G_OPTION_ARG_STRING, &given[3], N_("E-mail address"), "EMAIL" },
    { "url", 0, 0, G_OPTION_ARG_STRING, &given[4], N_("Web address"), "URL" },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &given[5], N_("Opening hours"), "HOURS" },
    { NULL }
  };
  char **members[6];
  gboolean any = FALSE;
  int status;

  if (!_mdg_cli_parse_options ("", entries, &argc, &argv, &status))
    goto out;
  status = EXIT_USAGE;
  if (argc != 1)
    {
      status = _mdg_cli_usage (_("desk set takes only options"));
      goto out;
    }
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    any |= given[i] != NULL;
  if (!any)
    {
      status = _mdg_cli_usage (_("desk set needs at least one of --name, --address, --phone, --email, --url or --hours"));
      goto out;
    }

  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(contact = mdg_desk_contact_load (db, &error)))
    {
      status = _mdg_cli_fail (error);
      goto out;
    }

  /* Only the options given change; an empty value clears that member. */
  members[0] = &contact->name;
  members[1] = &contact->address;
  members[2] = &contact->phone;
  members[3] = &contact->email;
  members[4] = &contact->url;
  members[5] = &contact->hours;
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    if (given[i] != NULL)
      {
        g_free (*members[i]);
        *members[i] = g_strdup (given[i]);
      }

  if (!mdg_desk_contact_save (db, contact, &error))
    status = _mdg_cli_fail (error);
  else
    {
      g_print ("%s\n", _("Saved the desk’s contact"));
      status = EXIT_OK;
    }

out:
  for (guint i = 0; i < G_N_ELEMENTS (given); i++)
    g_free (given[i]);
  return status;
}

int
_mdg_cli_command_desk (Globals  *globals,
                       int       argc,
                       char    **argv)
{
  static const struct { const char *name; CommandFunc func; } subcommands[] = {
    { "show", desk_show }, { "set", desk_set },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].func (globals, argc - 1, argv + 1);

  return _mdg_cli_usage (_("desk needs a subcommand: show or set"));
}
