/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mdg-cli-table.h"

/*
 * What is written from the command table: the synopsis of each command, --help, the
 * man page's command sections and the bash completion. Shared by madoguchi-cli and
 * mdg-cli-docgen, so that the generated files say what the program does.
 */

#define FOREACH_COMMAND(command)                                                  \
  for (const MdgCliSection *section_ = mdg_cli_sections; section_->title; section_++) \
    for (const MdgCliCommand *command = section_->commands; command->name; command++)

const MdgCliCommand *
_mdg_cli_find_command (const char *name,
                       const char *subcommand)
{
  FOREACH_COMMAND (command)
    if (g_str_equal (command->name, name) && g_strcmp0 (command->subcommand, subcommand) == 0)
      return command;
  return NULL;
}

/* The first entry of the command @name, or %NULL. */
static const MdgCliCommand *
first_entry (const char *name)
{
  FOREACH_COMMAND (command)
    if (g_str_equal (command->name, name))
      return command;
  return NULL;
}

gboolean
_mdg_cli_is_command (const char *name)
{
  return first_entry (name) != NULL;
}

gboolean
_mdg_cli_has_subcommands (const char *name)
{
  const MdgCliCommand *command = first_entry (name);

  return command != NULL && command->subcommand != NULL;
}

/* "csv, list or badges", in the user's language. */
char *
_mdg_cli_join_choices (const char * const *words)
{
  GString *text = g_string_new (NULL);
  guint n = g_strv_length ((char **) words);

  for (guint i = 0; i < n; i++)
    {
      if (i + 1 == n && i > 0)
        /* Translators: before the last of a list of choices, "csv, list or badges" */
        g_string_append (text, _(" or "));
      else if (i > 0)
        /* Translators: between the choices of a list, "csv, list or badges" */
        g_string_append (text, C_("list of choices", ", "));
      g_string_append (text, words[i]);
    }
  return g_string_free (text, FALSE);
}

/* "list, show, add or ics": the subcommands of @name, for messages. */
char *
_mdg_cli_dup_subcommands (const char *name)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  FOREACH_COMMAND (command)
    if (g_str_equal (command->name, name) && command->subcommand != NULL)
      g_ptr_array_add (names, (gpointer) command->subcommand);
  g_ptr_array_add (names, NULL);
  return _mdg_cli_join_choices ((const char * const *) names->pdata);
}

void
_mdg_cli_count_arguments (const MdgCliCommand *command,
                          guint               *min,
                          guint               *max)
{
  g_auto(GStrv) words = g_strsplit (command->arguments ? command->arguments : "", " ", -1);

  *min = *max = 0;
  for (guint i = 0; words[i]; i++)
    if (*words[i] != '\0')
      {
        (*max)++;
        if (words[i][0] != '[')
          (*min)++;
      }
}

/* "--channel phone|web-form|…", "-o FILE": an option as the synopsis shows it. */
static void
append_option (GString            *text,
               const MdgCliOption *option)
{
  g_string_append_printf (text, "--%s", option->name);
  if (option->value != MDG_CLI_FLAG)
    g_string_append_printf (text, " %s", option->values ? option->values : option->placeholder);
  if (option->value == MDG_CLI_STRINGS)
    g_string_append (text, " …");
}

static char *
command_line (const MdgCliCommand *command)
{
  return command->subcommand ? g_strdup_printf ("%s %s", command->name, command->subcommand)
                             : g_strdup (command->name);
}

/**
 * _mdg_cli_dup_synopsis:
 * @command: a command of the table
 *
 * Returns: (transfer full): "attendees import SEMINAR FILE [--encoding auto|utf-8|cp932] …",
 *   options of one group shown as alternatives
 */
char *
_mdg_cli_dup_synopsis (const MdgCliCommand *command)
{
  g_autofree char *line = command_line (command);
  GString *text = g_string_new (line);

  if (command->arguments)
    g_string_append_printf (text, " %s", command->arguments);
  for (const MdgCliOption *option = command->options; option && option->name; option++)
    {
      const MdgCliOption *next = option[1].name ? &option[1] : NULL;
      gboolean required = option->flags & MDG_CLI_REQUIRED;

      g_string_append_c (text, ' ');
      if (option->group == NULL)
        {
          if (!required)
            g_string_append_c (text, '[');
          append_option (text, option);
          if (!required)
            g_string_append_c (text, ']');
          continue;
        }
      /* A group: its options one after another in the table. */
      g_string_append_c (text, required ? '(' : '[');
      append_option (text, option);
      while (next && g_strcmp0 (next->group, option->group) == 0)
        {
          option = next;
          next = option[1].name ? &option[1] : NULL;
          g_string_append (text, " | ");
          append_option (text, option);
        }
      g_string_append_c (text, required ? ')' : ']');
    }
  if (command->flags & MDG_CLI_JSON)
    g_string_append (text, " [--json]");
  if (command->flags & MDG_CLI_ACTOR)
    g_string_append (text, " [--as STAFF]");
  return g_string_free (text, FALSE);
}

static void
append_column (GString    *text,
               const char *left,
               const char *right,
               guint       indent,
               guint       width)
{
  glong length = g_utf8_strlen (left, -1);

  g_string_append_printf (text, "%*s%s", indent, "", left);
  if (length + indent + 2 > width)
    g_string_append_printf (text, "\n%*s", width, "");
  else
    g_string_append_printf (text, "%*s", (int) (width - indent - length), "");
  g_string_append_printf (text, "%s\n", right);
}

static void
append_option_help (GString            *text,
                    const MdgCliOption *option)
{
  g_autoptr(GString) left = g_string_new (NULL);

  if (option->short_name)
    g_string_append_printf (left, "-%c, ", option->short_name);
  g_string_append_printf (left, "--%s", option->name);
  if (option->value != MDG_CLI_FLAG)
    g_string_append_printf (left, " %s", option->placeholder);
  append_column (text, left->str, _(option->description), 2, 28);
}

static void
append_command_help (GString             *text,
                     const MdgCliCommand *command)
{
  g_autofree char *synopsis = _mdg_cli_dup_synopsis (command);

  g_string_append_printf (text, "%s madoguchi-cli %s\n\n%s\n", _("Usage:"), synopsis, _(command->description));
  if (command->flags & MDG_CLI_ACTOR)
    g_string_append_printf (text, "%s\n", _("The change is recorded as made by --as STAFF, or $MADOGUCHI_STAFF."));
  if (command->options || command->flags & MDG_CLI_JSON)
    g_string_append_printf (text, "\n%s\n", _("Options:"));
  for (const MdgCliOption *option = command->options; option && option->name; option++)
    append_option_help (text, option);
  if (command->flags & MDG_CLI_JSON)
    append_option_help (text, &mdg_cli_global_options[1]);
}

static char *
list_entry (const MdgCliCommand *command)
{
  g_autofree char *line = command_line (command);

  return command->arguments ? g_strdup_printf ("%s %s", line, command->arguments) : g_steal_pointer (&line);
}

/**
 * _mdg_cli_dup_help:
 * @name: (nullable): a command, or %NULL for every command
 * @subcommand: (nullable): one of its subcommands, or %NULL for all of them
 *
 * Returns: (transfer full): what --help prints, translated
 */
char *
_mdg_cli_dup_help (const char *name,
                   const char *subcommand)
{
  GString *text = g_string_new (NULL);
  const MdgCliCommand *command;

  if (name != NULL && (command = _mdg_cli_find_command (name, subcommand)) != NULL)
    {
      append_command_help (text, command);
      return g_string_free (text, FALSE);
    }

  if (name != NULL)
    {
      /* A command's subcommands. */
      g_string_append_printf (text, "%s madoguchi-cli %s %s\n\n", _("Usage:"), name, _("SUBCOMMAND …"));
      FOREACH_COMMAND (entry)
        if (g_str_equal (entry->name, name))
          {
            g_autofree char *synopsis = _mdg_cli_dup_synopsis (entry);

            g_string_append_printf (text, "  %s\n      %s\n", synopsis, _(entry->description));
          }
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Run “madoguchi-cli %s SUBCOMMAND --help” for what its options mean."), name);
      g_string_append_c (text, '\n');
      return g_string_free (text, FALSE);
    }

  g_string_append_printf (text, "%s\n\n%s\n", _("Usage: madoguchi-cli [--database PATH] [--json] [--as STAFF] COMMAND …"),
                          _("Options before or after the command:"));
  for (const MdgCliOption *option = mdg_cli_global_options; option->name; option++)
    append_option_help (text, option);
  for (const MdgCliSection *section = mdg_cli_sections; section->title; section++)
    {
      g_string_append_printf (text, "\n%s:\n", _(section->title));
      for (const MdgCliCommand *entry = section->commands; entry->name; entry++)
        {
          g_autofree char *left = list_entry (entry);

          append_column (text, left, _(entry->description), 2, 34);
        }
    }
  g_string_append_printf (text, "\n%s\n%s\n%s\n",
                          _("Run “madoguchi-cli COMMAND --help” for a command’s options."),
                          _("The database is $MADOGUCHI_DATABASE, or madoguchi.db in the user’s data folder."),
                          _("Exit status: 0 done, 1 the command failed, 2 the command line was wrong."));
  return g_string_free (text, FALSE);
}

/* Text for roff: escapes, and typographic characters groff knows by name. */
static void
append_roff (GString    *out,
             const char *text)
{
  static const struct { const char *utf8; const char *roff; } names[] = {
    { "’", "\\(cq" }, { "‘", "\\(oq" }, { "“", "\\(lq" }, { "”", "\\(rq" }, { "…", "\\&..." },
    { "–", "\\(en" }, { "—", "\\(em" }, { "→", "\\(->" },
  };

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gboolean named = FALSE;

      if (*p == '\\')
        {
          g_string_append (out, "\\e");
          continue;
        }
      if (*p == '-')
        {
          g_string_append (out, "\\-");
          continue;
        }
      if ((*p == '.' || *p == '\'') && (out->len == 0 || out->str[out->len - 1] == '\n'))
        g_string_append (out, "\\&");
      for (guint i = 0; i < G_N_ELEMENTS (names) && !named; i++)
        if (strncmp (p, names[i].utf8, strlen (names[i].utf8)) == 0)
          {
            g_string_append (out, names[i].roff);
            named = TRUE;
          }
      if (!named)
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

/* A synopsis in bold, its placeholders in italics. */
static void
append_roff_synopsis (GString    *out,
                      const char *synopsis)
{
  g_auto(GStrv) words = g_strsplit (synopsis, " ", -1);

  for (guint i = 0; words[i]; i++)
    {
      const char *word = words[i];
      gboolean placeholder = g_ascii_isupper (word[0]) || (word[0] == '[' && g_ascii_isupper (word[1]));

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, placeholder ? "\\fI" : "\\fB");
      append_roff (out, word);
      g_string_append (out, "\\fR");
    }
}

/* Whether the description already says every value the option takes. */
static gboolean
names_every_value (const MdgCliOption *option)
{
  g_auto(GStrv) values = g_strsplit (option->values, "|", -1);

  for (guint i = 0; values[i]; i++)
    if (strstr (option->description, values[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
append_roff_options (GString            *out,
                     const MdgCliOption *options)
{
  for (const MdgCliOption *option = options; option && option->name; option++)
    {
      g_string_append (out, ".TP\n");
      if (option->short_name)
        g_string_append_printf (out, "\\fB\\-%c\\fR, ", option->short_name);
      g_string_append (out, "\\fB\\-\\-");
      append_roff (out, option->name);
      g_string_append (out, "\\fR");
      if (option->value != MDG_CLI_FLAG)
        {
          g_string_append (out, " \\fI");
          append_roff (out, option->placeholder);
          g_string_append (out, "\\fR");
        }
      g_string_append_c (out, '\n');
      append_roff (out, option->description);
      if (option->values && !names_every_value (option))
        {
          g_auto(GStrv) values = g_strsplit (option->values, "|", -1);
          g_autofree char *listed = g_strjoinv (", ", values);

          g_string_append (out, option->flags & MDG_CLI_OPEN ? " (usually " : " (one of ");
          append_roff (out, listed);
          g_string_append_c (out, ')');
        }
      g_string_append (out, ".\n");
    }
}

static char *
roff_commands (void)
{
  GString *out = g_string_new (NULL);

  for (const MdgCliSection *section = mdg_cli_sections; section->title; section++)
    {
      g_string_append (out, ".SS ");
      append_roff (out, section->title);
      g_string_append_c (out, '\n');
      for (const MdgCliCommand *command = section->commands; command->name; command++)
        {
          g_autofree char *synopsis = _mdg_cli_dup_synopsis (command);

          g_string_append (out, ".TP\n");
          append_roff_synopsis (out, synopsis);
          g_string_append_c (out, '\n');
          append_roff (out, command->description);
          g_string_append (out, ".\n");
          if (command->flags & MDG_CLI_ACTOR)
            g_string_append (out, "The change is recorded as made by \\fB\\-\\-as\\fR \\fISTAFF\\fR, or "
                                  "\\fBMADOGUCHI_STAFF\\fR.\n");
          if (command->options)
            {
              g_string_append (out, ".RS\n");
              append_roff_options (out, command->options);
              g_string_append (out, ".RE\n");
            }
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * _mdg_cli_dup_man_page:
 * @template: the page in roff, with @COMMANDS@, @OPTIONS@ and @VERSION@ where they go
 * @version: the version the page describes
 *
 * Returns: (transfer full): madoguchi-cli(1)
 */
char *
_mdg_cli_dup_man_page (const char *template,
                       const char *version)
{
  g_autofree char *commands = roff_commands ();
  g_autoptr(GString) options = g_string_new (NULL);
  GString *page = g_string_new (template);

  append_roff_options (options, mdg_cli_global_options);
  g_string_replace (page, "@COMMANDS@\n", commands, 0);
  g_string_replace (page, "@OPTIONS@\n", options->str, 0);
  g_string_replace (page, "@VERSION@", version, 0);
  return g_string_free (page, FALSE);
}

/* The bash completion: the table as case statements, then one function that reads them. */

static const char *
value_kind (const MdgCliOption *option)
{
  switch (option->value)
    {
    case MDG_CLI_FLAG: return "flag";
    case MDG_CLI_FILE: return "file";
    case MDG_CLI_FOLDER: return "folder";
    default: return option->values ? "values" : "text";
    }
}

static void
append_bash_options (GString            *out,
                     const char         *key,
                     const MdgCliOption *options)
{
  for (const MdgCliOption *option = options; option && option->name; option++)
    {
      g_autofree char *values = option->values ? g_strdelimit (g_strdup (option->values), "|", ' ') : g_strdup ("");

      g_string_append_printf (out, "    '%s --%s'", key, option->name);
      if (option->short_name)
        g_string_append_printf (out, "|'%s -%c'", key, option->short_name);
      g_string_append_printf (out, ") kind=%s values='%s' ;;\n", value_kind (option), values);
    }
}

static const char bash_reader[] =
  "# The command and subcommand on the line so far, and how many arguments follow them.\n"
  "_madoguchi_cli_parse ()\n"
  "{\n"
  "  local i word kind= values=\n"
  "  command= subcommand= n_args=0\n"
  "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
  "    word=${COMP_WORDS[i]}\n"
  "    # --option=value: the option, then = and its value, which is no argument.\n"
  "    [[ $word == = ]] && { ((i++)); continue; }\n"
  "    [[ ${COMP_WORDS[i+1]-} == = ]] && continue\n"
  "    if [[ $word == -* ]]; then\n"
  "      _madoguchi_cli_option \"$(_madoguchi_cli_key)\" \"$word\"\n"
  "      [[ $kind != flag && $kind != none ]] && ((i++))\n"
  "    elif [[ -z $command ]]; then\n"
  "      command=$word\n"
  "    elif [[ -z $subcommand && -n $(_madoguchi_cli_subcommands \"$command\") ]]; then\n"
  "      subcommand=$word\n"
  "    else\n"
  "      ((n_args++))\n"
  "    fi\n"
  "  done\n"
  "}\n"
  "\n"
  "_madoguchi_cli_key ()\n"
  "{\n"
  "  if [[ -n $subcommand ]]; then echo \"$command/$subcommand\"; else echo \"$command\"; fi\n"
  "}\n"
  "\n"
  "# Completes a value of the kind given: the values listed, files, folders or nothing.\n"
  "_madoguchi_cli_complete_value ()\n"
  "{\n"
  "  local kind=$1 values=$2 cur=$3 ext\n"
  "  case $kind in\n"
  "    values) mapfile -t COMPREPLY < <(compgen -W \"$values\" -- \"$cur\") ;;\n"
  "    folder)\n"
  "      compopt -o filenames 2>/dev/null\n"
  "      mapfile -t COMPREPLY < <(compgen -d -- \"$cur\") ;;\n"
  "    file|file.*)\n"
  "      compopt -o filenames 2>/dev/null\n"
  "      if [[ $kind == file.* ]]; then\n"
  "        ext=${kind#file.}\n"
  "        mapfile -t COMPREPLY < <(compgen -d -- \"$cur\"; compgen -f -X \"!*.$ext\" -- \"$cur\")\n"
  "      else\n"
  "        mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
  "      fi ;;\n"
  "    *) COMPREPLY=() ;;\n"
  "  esac\n"
  "}\n"
  "\n"
  "_madoguchi_cli ()\n"
  "{\n"
  "  local cur=${COMP_WORDS[COMP_CWORD]-} prev=${COMP_WORDS[COMP_CWORD-1]-}\n"
  "  local command= subcommand= n_args=0 kind= values= option= key= argument=\n"
  "  COMPREPLY=()\n"
  "  _madoguchi_cli_parse\n"
  "  key=$(_madoguchi_cli_key)\n"
  "  # --option=value arrives as three words: --option, = and the value.\n"
  "  if [[ $cur == = ]]; then\n"
  "    option=$prev cur=\n"
  "  elif [[ $prev == = ]]; then\n"
  "    option=${COMP_WORDS[COMP_CWORD-2]}\n"
  "  elif [[ $prev == -* ]]; then\n"
  "    option=$prev\n"
  "  fi\n"
  "  if [[ -n $option ]]; then\n"
  "    _madoguchi_cli_option \"$key\" \"$option\"\n"
  "    if [[ $kind != flag && $kind != none ]]; then\n"
  "      _madoguchi_cli_complete_value \"$kind\" \"$values\" \"$cur\"\n"
  "      return 0\n"
  "    fi\n"
  "  fi\n"
  "  if [[ $cur == -* ]]; then\n"
  "    mapfile -t COMPREPLY < <(compgen -W \"$(_madoguchi_cli_options \"$key\") --database --as --help\" -- \"$cur\")\n"
  "  elif [[ -z $command ]]; then\n"
  "    mapfile -t COMPREPLY < <(compgen -W \"$_madoguchi_cli_commands\" -- \"$cur\")\n"
  "  elif [[ -z $subcommand && -n $(_madoguchi_cli_subcommands \"$command\") ]]; then\n"
  "    mapfile -t COMPREPLY < <(compgen -W \"$(_madoguchi_cli_subcommands \"$command\")\" -- \"$cur\")\n"
  "  else\n"
  "    argument=$(_madoguchi_cli_argument \"$key\" \"$n_args\")\n"
  "    _madoguchi_cli_complete_value \"$argument\" \"\" \"$cur\"\n"
  "  fi\n"
  "  return 0\n"
  "}\n"
  "\n"
  "complete -F _madoguchi_cli madoguchi-cli\n";

/* FILE → file, FILE.eml → file.eml, FOLDER → folder, anything else → text. */
static const char *
argument_kind (const char *word)
{
  const char *name = word[0] == '[' ? word + 1 : word;

  if (g_str_has_prefix (name, "FILE."))
    return NULL;
  if (g_str_has_prefix (name, "FILE"))
    return "file";
  if (g_str_has_prefix (name, "FOLDER"))
    return "folder";
  return "text";
}

/**
 * _mdg_cli_dup_bash_completion:
 *
 * Returns: (transfer full): the completion script of madoguchi-cli for bash
 */
char *
_mdg_cli_dup_bash_completion (void)
{
  GString *out = g_string_new ("# bash completion for madoguchi-cli -*- shell-script -*-\n"
                               "# Written from madoguchi-cli's command table (src/cli/mdg-cli-table.c): do not edit.\n\n");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  FOREACH_COMMAND (command)
    if (!g_ptr_array_find_with_equal_func (names, command->name, g_str_equal, NULL))
      g_ptr_array_add (names, (gpointer) command->name);
  g_string_append (out, "_madoguchi_cli_commands='");
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", (char *) g_ptr_array_index (names, i));
  g_string_append (out, "'\n\n");

  g_string_append (out, "_madoguchi_cli_subcommands ()\n{\n  case $1 in\n");
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *list = NULL;
      GString *subs = g_string_new (NULL);

      FOREACH_COMMAND (command)
        if (g_str_equal (command->name, g_ptr_array_index (names, i)) && command->subcommand)
          g_string_append_printf (subs, "%s%s", subs->len ? " " : "", command->subcommand);
      list = g_string_free (subs, FALSE);
      if (*list)
        g_string_append_printf (out, "    %s) echo '%s' ;;\n", (char *) g_ptr_array_index (names, i), list);
    }
  g_string_append (out, "  esac\n}\n\n");

  /* Every option of every command, and the global ones. */
  g_string_append (out, "# Sets kind (flag, text, values, file, folder; none when unknown) and values.\n"
                        "_madoguchi_cli_option ()\n{\n  kind=none values=\n  case \"$1 $2\" in\n");
  FOREACH_COMMAND (command)
    {
      g_autofree char *key = command->subcommand ? g_strdup_printf ("%s/%s", command->name, command->subcommand)
                                                 : g_strdup (command->name);

      append_bash_options (out, key, command->options);
    }
  for (const MdgCliOption *option = mdg_cli_global_options; option->name; option++)
    g_string_append_printf (out, "    *' --%s') kind=%s ;;\n", option->name, value_kind (option));
  g_string_append (out, "  esac\n}\n\n");

  g_string_append (out, "_madoguchi_cli_options ()\n{\n  case $1 in\n");
  FOREACH_COMMAND (command)
    {
      GString *list = g_string_new (NULL);

      for (const MdgCliOption *option = command->options; option && option->name; option++)
        g_string_append_printf (list, "%s--%s", list->len ? " " : "", option->name);
      if (command->flags & MDG_CLI_JSON)
        g_string_append_printf (list, "%s--json", list->len ? " " : "");
      if (command->subcommand)
        g_string_append_printf (out, "    %s/%s) echo '%s' ;;\n", command->name, command->subcommand, list->str);
      else
        g_string_append_printf (out, "    %s) echo '%s' ;;\n", command->name, list->str);
      g_string_free (list, TRUE);
    }
  g_string_append (out, "  esac\n}\n\n");

  /* What the Nth argument of each command is. */
  g_string_append (out, "_madoguchi_cli_argument ()\n{\n  case \"$1 $2\" in\n");
  FOREACH_COMMAND (command)
    {
      g_auto(GStrv) words = g_strsplit (command->arguments ? command->arguments : "", " ", -1);
      g_autofree char *key = command->subcommand ? g_strdup_printf ("%s/%s", command->name, command->subcommand)
                                                 : g_strdup (command->name);

      for (guint i = 0; words[i]; i++)
        {
          const char *kind = *words[i] ? argument_kind (words[i]) : NULL;
          g_autofree char *extension = NULL;

          if (*words[i] == '\0')
            continue;
          if (kind == NULL)
            {
              /* FILE.eml: files of that kind, and folders to find them in. */
              extension = g_strdup_printf ("file.%s", strchr (words[i], '.') + 1);
              g_strdelimit (extension, "]", '\0');
              kind = extension;
            }
          if (!g_str_equal (kind, "text"))
            g_string_append_printf (out, "    '%s %u') echo %s ;;\n", key, i, kind);
        }
    }
  g_string_append (out, "    *) echo text ;;\n  esac\n}\n\n");

  g_string_append (out, bash_reader);
  return g_string_free (out, FALSE);
}
