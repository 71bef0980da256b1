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
    _mdg_cli_json_string (builder, members[i].name, members[i].value);
}

int
_mdg_cli_desk_show (Globals  *globals,
                    int       argc,
                    char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeskContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, NULL))
    return status;
  if (!(db = _mdg_cli_open_database (globals, &error)) ||
      !(contact = mdg_desk_contact_load (db, &error)))
    return _mdg_cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_contact_members (builder, contact);
      json_builder_end_object (builder);
      _mdg_cli_print_json (builder);
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

int
_mdg_cli_desk_set (Globals  *globals,
                   int       argc,
                   char    **argv)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(MdgDeskContact) contact = NULL;
  g_autoptr(GError) error = NULL;
  char *given[6] = { NULL };
  char **members[6];
  gboolean any = FALSE;
  int status;

  if (!_mdg_cli_parse (globals, &argc, &argv, &status, "name", &given[0], "address", &given[1], "phone", &given[2],
                       "email", &given[3], "url", &given[4], "hours", &given[5], NULL))
    goto out;
  status = EXIT_USAGE;
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
