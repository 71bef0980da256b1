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
  const char *staff;      /* --as STAFF, or $MADOGUCHI_STAFF: who makes the changes */
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

gint64       _mdg_cli_resolve_actor      (Globals       *globals,
                                          MdgDatabase   *db,
                                          GError       **error);
gboolean     _mdg_cli_parse_print_options (int          *argc,
                                          char       ***argv,
                                          const char    *usage,
                                          char         **output,
                                          gboolean      *era,
                                          int           *status);
int          _mdg_cli_print_document     (gpointer       document,
                                          const char    *output,
                                          gboolean       era,
                                          gboolean       personal_data);
void         _mdg_cli_json_string        (JsonBuilder   *builder,
                                          const char    *name,
                                          const char    *value);

void         _mdg_cli_print_consultation_help (void);
/* One word after a command and the function that does it. */
typedef struct
{
  const char  *name;
  CommandFunc  func;
} MdgCliSubcommand;

int          _mdg_cli_dispatch           (Globals                *globals,
                                          int                     argc,
                                          char                  **argv,
                                          const MdgCliSubcommand *subcommands,
                                          guint                   n_subcommands,
                                          const char             *usage);
GDateTime   *_mdg_cli_parse_date         (const char    *text);

int          _mdg_cli_command_seminar    (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_attendees  (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_checkin    (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_person     (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_desk       (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_deck       (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_handout    (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_packet     (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_consultation (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_staff      (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_followup   (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_calendar   (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_letter     (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_report     (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_category   (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_referral   (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_slots      (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_feed       (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_topic      (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_faq        (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_notice     (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_publish    (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_sync       (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_backup     (Globals *globals, int argc, char **argv);
int          _mdg_cli_command_restore    (Globals *globals, int argc, char **argv);

G_END_DECLS
