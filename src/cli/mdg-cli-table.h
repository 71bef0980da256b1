/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The one description of madoguchi-cli's command line: every command and subcommand,
 * its arguments and options, what they take and what it does. main() dispatches
 * through it, each command parses its options from it, and --help, the man page
 * madoguchi-cli(1) and the bash completion are all written from it, so that none of
 * them can say something the others do not.
 */

typedef struct _Globals Globals;
typedef int (*CommandFunc) (Globals *globals, int argc, char **argv);

typedef enum
{
  MDG_CLI_FLAG,     /* takes no value: gboolean */
  MDG_CLI_STRING,   /* char * */
  MDG_CLI_STRINGS,  /* repeatable: char ** */
  MDG_CLI_INT,      /* int */
  MDG_CLI_INT64,    /* gint64 */
  MDG_CLI_FILE,     /* a file name: char *, completed with file names */
  MDG_CLI_FOLDER,   /* a folder: char *, completed with folder names */
} MdgCliValue;

enum
{
  MDG_CLI_REQUIRED = 1 << 0,  /* the command needs it (of a group: one of the group) */
  MDG_CLI_OPEN     = 1 << 1,  /* its values are the usual ones; the command takes others too */
};

typedef struct
{
  const char  *name;         /* without the dashes: "channel" for --channel */
  char         short_name;
  MdgCliValue  value;
  const char  *placeholder;  /* what the value is, in capitals; NULL for a flag */
  const char  *values;       /* "a|b|c": the only values it takes (see MDG_CLI_OPEN), for completion too */
  guint        flags;
  const char  *group;        /* options of one group exclude each other */
  const char  *description;  /* marked for translation: one line */
} MdgCliOption;

enum
{
  MDG_CLI_JSON = 1 << 0,      /* --json prints it as JSON */
  MDG_CLI_ACTOR = 1 << 1,     /* it changes something as --as STAFF */
};

typedef struct
{
  const char         *name;         /* "seminar" */
  const char         *subcommand;   /* "add", or NULL for a command that has none */
  const char         *arguments;    /* "SEMINAR FILE", "[ID]": FILE… takes a file, FOLDER a folder */
  const MdgCliOption *options;      /* ends with { NULL }; NULL for none */
  guint               flags;
  const char         *description;  /* marked for translation: one line */
  CommandFunc         func;         /* NULL only in the documentation generator */
} MdgCliCommand;

typedef struct
{
  const char          *title;       /* marked for translation */
  const MdgCliCommand *commands;    /* ends with { NULL } */
} MdgCliSection;

extern const MdgCliSection mdg_cli_sections[];   /* ends with { NULL } */
extern const MdgCliOption  mdg_cli_global_options[];

const MdgCliCommand *_mdg_cli_find_command    (const char          *name,
                                               const char          *subcommand);
gboolean             _mdg_cli_has_subcommands (const char          *name);
gboolean             _mdg_cli_is_command      (const char          *name);
char                *_mdg_cli_dup_synopsis    (const MdgCliCommand *command);
char                *_mdg_cli_dup_subcommands (const char          *name);
char                *_mdg_cli_join_choices    (const char * const  *words);
void                 _mdg_cli_count_arguments (const MdgCliCommand *command,
                                               guint               *min,
                                               guint               *max);

/* What --help prints: every command, or one command's subcommands or one subcommand. */
char                *_mdg_cli_dup_help        (const char          *name,
                                               const char          *subcommand);
/* madoguchi-cli(1) in roff, the command sections filled into @template at @COMMANDS@. */
char                *_mdg_cli_dup_man_page    (const char          *template,
                                               const char          *version);
/* The bash completion script. */
char                *_mdg_cli_dup_bash_completion (void);

G_END_DECLS
