/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mdg-database.h"
#include "mdg-seminar.h"

G_BEGIN_DECLS

/* Exit codes: 0 success, 1 the command failed, 2 the command line was wrong. */
enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

typedef struct
{
  const char *database;
  gboolean    json;
} Globals;

typedef int (*CommandFunc) (Globals *globals, int argc, char **argv);

int          _mdg_cli_fail               (GError        *error);
int          _mdg_cli_usage              (const char    *message);
char        *_mdg_cli_database_path      (Globals       *globals);
MdgDatabase *_mdg_cli_open_database      (Globals       *globals,
                                          GError       **error);
gboolean     _mdg_cli_parse_options      (const char    *parameter,
                                          GOptionEntry  *entries,
                                          int           *argc,
                                          char        ***argv,
                                          int           *status);
/* Fills one JSON object with the members of @item. */
typedef void (*MdgJsonMembers) (JsonBuilder *builder,
                                gpointer     item);

void         _mdg_cli_print_json         (JsonNode      *node);
void         _mdg_cli_print_json_array   (GPtrArray     *items,
                                          MdgJsonMembers add_members);
char        *_mdg_cli_iso8601            (GDateTime     *date_time);
gboolean     _mdg_cli_parse_id           (const char    *text,
                                          gint64        *id);
void         _mdg_cli_warn_personal_data (const char    *path);
MdgSeminar  *_mdg_cli_load_seminar_arg   (MdgDatabase   *db,
                                          const char    *arg,
                                          GError       **error);

int          _mdg_cli_command_seminar    (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_attendees  (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_checkin    (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_person     (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_backup     (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_restore    (Globals *globals, int argc, char **argv);

G_END_DECLS
