/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-import-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mdg-attendee-import.h"
#include "mdg-import-util.h"

/* The choices of the encoding row, in order. */
static const MdgCsvEncoding encodings[] = {
  MDG_CSV_ENCODING_AUTO, MDG_CSV_ENCODING_UTF8, MDG_CSV_ENCODING_CP932, MDG_CSV_ENCODING_UTF16,
};

/* Returns: (transfer full): the labels of _mdg_import_encodings(), for a combo row */
GListModel *
_mdg_import_encoding_model (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    gtk_string_list_append (labels, mdg_csv_encoding_get_label (encodings[i]));
  return G_LIST_MODEL (labels);
}

void
_mdg_import_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

void
_mdg_import_add_row (GtkListBox *list,
                     const char *title,
                     const char *subtitle,
                     const char *icon)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = subtitle ? g_markup_escape_text (subtitle, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (escaped_subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  if (icon)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon);
  gtk_list_box_append (list, row);
}

/* "… and 12 more" under a list cut at MDG_IMPORT_MAX_ROWS_SHOWN. */
void
_mdg_import_add_more_row (GtkListBox *list,
                          guint       total)
{
  g_autofree char *more = NULL;

  if (total <= MDG_IMPORT_MAX_ROWS_SHOWN)
    return;
  more = g_strdup_printf (_("… and %u more"), total - MDG_IMPORT_MAX_ROWS_SHOWN);
  _mdg_import_add_row (list, more, NULL, NULL);
}

/* Lines to correct or to look at (MdgImportProblem), by line; @group shows when there are any. */
void
_mdg_import_fill_lines (GtkListBox *list,
                        GtkWidget  *group,
                        GPtrArray  *lines,
                        const char *icon)
{
  _mdg_import_clear_list (list);
  for (guint i = 0; lines && i < MIN (lines->len, MDG_IMPORT_MAX_ROWS_SHOWN); i++)
    {
      MdgImportProblem *problem = g_ptr_array_index (lines, i);
      g_autofree char *line = g_strdup_printf (_("Line %u"), problem->line);

      _mdg_import_add_row (list, line, problem->message, icon);
    }
  if (lines)
    _mdg_import_add_more_row (list, lines->len);
  gtk_widget_set_visible (group, lines && lines->len > 0);
}

/* The file's row: its name, and how many rows it holds, then @detail (who wrote it, its encoding). */
void
_mdg_import_show_file (AdwActionRow *row,
                       GFile        *file,
                       guint         n_rows,
                       const char   *detail)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *escaped_name = g_markup_escape_text (name, -1);
  g_autofree char *rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row below the header",
                                                        "%u rows below the header", n_rows),
                                           n_rows);
  /* Translators: the number of rows, then which service wrote the file or its encoding */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), rows, detail);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_name);
  adw_action_row_set_subtitle (row, escaped);
}

/* The header may have changed with the encoding: the column rows go, to be built again. */
void
_mdg_import_clear_columns (AdwPreferencesGroup *group,
                           GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/*
 * Adds the row of the next column of the file to @group and @rows: its header, the
 * first row's value as an example (its first line), @note after it when given, and
 * the choice of what it is read as (@targets, @selected chosen). @changed is called
 * as a "notify::selected" handler when the user chooses another.
 * Returns: (transfer none): the #AdwComboRow, named "import-column"
 */
GtkWidget *
_mdg_import_add_column (AdwPreferencesGroup *group,
                        GPtrArray           *rows,
                        const char          *header,
                        const char          *example,
                        const char          *note,
                        GListModel          *targets,
                        guint                selected,
                        GCallback            changed,
                        gpointer             user_data)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autofree char *title = g_markup_escape_text (header ? header : "", -1);
  const char *newline = example ? strchr (example, '\n') : NULL;
  g_autofree char *shown = NULL;
  g_autofree char *subtitle = NULL;

  /* One line of the example: a question with line breaks shows its first. */
  if (example == NULL || *example == '\0')
    shown = g_strdup ("—");
  else if (newline != NULL)
    shown = g_strdup_printf ("%.*s…", (int) (newline - example), example);
  else
    shown = g_strdup (example);
  if (note != NULL)
    {
      /* Translators: beneath a column of an imported file: its example, then a note on how it is read */
      g_autofree char *with_note = g_strdup_printf (_("%s · %s"), shown, note);
      subtitle = g_markup_escape_text (with_note, -1);
    }
  else
    subtitle = g_markup_escape_text (shown, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *title ? title : "—");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), targets);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  gtk_widget_set_name (row, "import-column");
  g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (rows->len));
  g_signal_connect_object (row, "notify::selected", changed, user_data, 0);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  return row;
}

/* Returns: which column of the file a row of _mdg_import_add_column() stands for */
guint
_mdg_import_row_get_column (GtkWidget *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
}

/* Returns: (transfer full): the filter of a chooser that opens a CSV file */
GtkFileFilter *
_mdg_import_csv_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  return filter;
}

/* What a worker parses: the file read, how to read it, and the import it makes. */
typedef struct
{
  const MdgImportKind *kind;
  char                *filename;
  GBytes              *contents;
  MdgCsvEncoding       encoding;
} Parse;

static void
parse_free (Parse *parse)
{
  g_free (parse->filename);
  g_bytes_unref (parse->contents);
  g_free (parse);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Parse *parse = task_data;
  GError *error = NULL;
  gpointer import = parse->kind->new_import (parse->filename, parse->contents, parse->encoding, &error);

  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, parse->kind->free_import);
}

/* Cancelled (the dialog has gone, or reads the file again): nothing to say. */
static void
parsed_cb (GObject      *dialog,
           GAsyncResult *result,
           gpointer      user_data)
{
  Parse *parse = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gpointer import = g_task_propagate_pointer (G_TASK (result), &error);

  if (import != NULL)
    parse->kind->parsed (dialog, import);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    parse->kind->failed (dialog, error->message);
}

/* Reads @contents of @file as @kind's import in a worker; @kind's parsed or failed
 * runs on @dialog after, unless @cancellable is cancelled. */
void
_mdg_import_parse (gpointer             dialog,
                   const MdgImportKind *kind,
                   GFile               *file,
                   GBytes              *contents,
                   MdgCsvEncoding       encoding,
                   GCancellable        *cancellable)
{
  g_autoptr(GTask) task = g_task_new (dialog, cancellable, parsed_cb, NULL);
  Parse *parse = g_new0 (Parse, 1);

  parse->kind = kind;
  parse->filename = g_file_get_basename (file);
  parse->contents = g_bytes_ref (contents);
  parse->encoding = encoding;
  g_task_set_source_tag (task, _mdg_import_parse);
  g_task_set_task_data (task, parse, (GDestroyNotify) parse_free);
  g_task_run_in_thread (task, parse_thread);
}

/* Returns: whether the encoding row holds a choice; the encoding it names in @encoding */
gboolean
_mdg_import_get_encoding (AdwComboRow    *row,
                          MdgCsvEncoding *encoding)
{
  guint choice = adw_combo_row_get_selected (row);

  if (choice >= G_N_ELEMENTS (encodings))
    return FALSE;
  *encoding = encodings[choice];
  return TRUE;
}
