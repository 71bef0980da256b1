/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-attendee-import.h"
#include "mdg-import-dialog.h"

/*
 * Imports the registrations of a CSV file: shows how each column will be read (with
 * the first row as an example), lets the user change any of it and the encoding, and
 * lists every line that needs correcting. Reading the file and writing the
 * registrations run in worker threads; the import is one transaction.
 */

#define MAX_PROBLEMS_SHOWN 50

struct _MdgImportDialog
{
  AdwWindow          parent_instance;

  /* template widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *import_button;
  GtkStack          *stack;
  AdwActionRow      *file_row;
  AdwComboRow       *encoding_row;
  GtkWidget         *problems_group;
  GtkListBox        *problems_list;
  AdwPreferencesGroup *columns_group;
  AdwStatusPage     *error_page;

  /* owned */
  MdgDatabase       *database;
  MdgSeminar        *seminar;
  GFile             *file;
  GBytes            *contents;
  MdgAttendeeImport *import;
  GPtrArray         *column_rows;
  GCancellable      *cancellable;
  gboolean           filling;
};

G_DEFINE_FINAL_TYPE (MdgImportDialog, mdg_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The choices of the encoding row, in order. */
static const MdgCsvEncoding encodings[] = {
  MDG_CSV_ENCODING_AUTO, MDG_CSV_ENCODING_UTF8, MDG_CSV_ENCODING_CP932, MDG_CSV_ENCODING_UTF16,
};

/* The choices of a column row, in order. */
static const MdgImportTarget targets[] = {
  MDG_IMPORT_IGNORE, MDG_IMPORT_NUMBER, MDG_IMPORT_FULL_NAME, (MdgImportTarget) MDG_PERSON_FAMILY_NAME,
  (MdgImportTarget) MDG_PERSON_GIVEN_NAME, MDG_IMPORT_FULL_KANA, (MdgImportTarget) MDG_PERSON_FAMILY_KANA,
  (MdgImportTarget) MDG_PERSON_GIVEN_KANA, (MdgImportTarget) MDG_PERSON_ORGANIZATION,
  (MdgImportTarget) MDG_PERSON_DEPARTMENT, (MdgImportTarget) MDG_PERSON_TITLE, (MdgImportTarget) MDG_PERSON_EMAIL,
  (MdgImportTarget) MDG_PERSON_PHONE, (MdgImportTarget) MDG_PERSON_CONSENT_PURPOSE,
};

static void show_problems (MdgImportDialog *self, GPtrArray *problems);

static void
show_error (MdgImportDialog *self,
            const char      *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
}

static void
recheck (MdgImportDialog *self)
{
  g_autoptr(GPtrArray) problems = mdg_attendee_import_check (self->import);

  show_problems (self, problems);
}

static void
show_problems (MdgImportDialog *self,
               GPtrArray       *problems)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);

  for (guint i = 0; problems && i < MIN (problems->len, MAX_PROBLEMS_SHOWN); i++)
    {
      MdgImportProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *line = g_strdup_printf (_("Line %u"), problem->line);
      g_autofree char *message = g_markup_escape_text (problem->message, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
      gtk_list_box_append (self->problems_list, row);
    }
  gtk_widget_set_visible (self->problems_group, problems && problems->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), problems == NULL || problems->len == 0);
}

static void
column_changed_cb (AdwComboRow     *row,
                   GParamSpec      *pspec,
                   MdgImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  guint choice = adw_combo_row_get_selected (row);

  if (self->filling || choice >= G_N_ELEMENTS (targets))
    return;

  mdg_attendee_import_set_target (self->import, column, targets[choice]);

  /* A field moves from one column to another: show where it left. */
  self->filling = TRUE;
  for (guint c = 0; c < self->column_rows->len; c++)
    for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
      if (targets[t] == mdg_attendee_import_get_target (self->import, c))
        adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, c), t);
  self->filling = FALSE;
  recheck (self);
}

static void
fill_preview (MdgImportDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *rows = NULL;
  guint n_columns = mdg_attendee_import_get_n_columns (self->import);
  guint n_rows = mdg_attendee_import_get_n_rows (self->import);

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    gtk_string_list_append (labels, mdg_import_target_get_label (targets[t]));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), name);
  rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row below the header", "%u rows below the header", n_rows),
                          n_rows);
  adw_action_row_set_subtitle (self->file_row, rows);

  /* The header may have changed with the encoding: rebuild the column rows. */
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);

  self->filling = TRUE;
  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *row = adw_combo_row_new ();
      const char *example = n_rows > 0 ? mdg_attendee_import_get_cell (self->import, 0, c) : NULL;
      g_autofree char *title = g_markup_escape_text (mdg_attendee_import_get_header (self->import, c), -1);
      g_autofree char *subtitle = g_markup_escape_text (example && *example ? example : "—", -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *title ? title : "—");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
        if (targets[t] == mdg_attendee_import_get_target (self->import, c))
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), t);
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (c));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (column_changed_cb), self, 0);
      gtk_widget_set_name (row, "import-column");
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
  self->filling = FALSE;

  recheck (self);
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  MdgImportDialog *self = source_object;
  g_autofree char *name = g_file_get_basename (self->file);
  GError *error = NULL;
  MdgAttendeeImport *import;
  MdgCsvEncoding encoding = GPOINTER_TO_INT (task_data);

  import = mdg_attendee_import_new (name, self->contents, encoding, &error);
  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, (GDestroyNotify) mdg_attendee_import_free);
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MdgImportDialog *self = MDG_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  MdgAttendeeImport *import = g_task_propagate_pointer (G_TASK (result), &error);

  if (import == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  g_clear_pointer (&self->import, mdg_attendee_import_free);
  self->import = import;
  mdg_attendee_import_recall_mapping (self->import, self->database);
  fill_preview (self);
}

static void
parse (MdgImportDialog *self,
       MdgCsvEncoding   encoding)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, parsed_cb, NULL);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  g_task_set_source_tag (task, parse);
  g_task_set_task_data (task, GINT_TO_POINTER (encoding), NULL);
  g_task_run_in_thread (task, parse_thread);
}

static void
encoding_changed_cb (MdgImportDialog *self)
{
  guint choice = adw_combo_row_get_selected (self->encoding_row);

  if (!self->filling && self->contents != NULL && choice < G_N_ELEMENTS (encodings))
    parse (self, encodings[choice]);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MdgImportDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  GBytes *contents = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  if (contents == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  self->contents = contents;
  parse (self, MDG_CSV_ENCODING_AUTO);
}

typedef struct
{
  char            *path;
  gint64           seminar_id;
  MdgImportResult  result;
  GPtrArray       *problems;
} CommitData;

static void
commit_data_free (CommitData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_free (data);
}

static void
commit_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MdgImportDialog *self = source_object;
  CommitData *data = task_data;
  g_autoptr(MdgDatabase) connection = NULL;
  GError *error = NULL;

  /* The worker writes on a connection of its own; the import is one transaction. */
  connection = mdg_database_open (data->path, &error);
  if (connection == NULL ||
      !mdg_attendee_import_commit (self->import, connection, data->seminar_id, FALSE, &data->result, &data->problems,
                                   &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
committed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MdgImportDialog *self = MDG_IMPORT_DIALOG (source);
  CommitData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_stack_set_visible_child_name (self->stack, "preview");
      if (data->problems != NULL)
        show_problems (self, data->problems);
      else
        show_error (self, error->message);
      return;
    }

  /* Whoever opened the dialog says what came of it. */
  g_signal_emit (self, signals[IMPORTED], 0, data->result.imported, data->result.waitlisted,
                 data->result.already_registered);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
import_clicked_cb (MdgImportDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, committed_cb, NULL);
  CommitData *data = g_new0 (CommitData, 1);

  data->path = g_strdup (mdg_database_get_path (self->database));
  data->seminar_id = mdg_seminar_get_id (self->seminar);
  /* Nothing changes the import while the worker writes it; the spinner says it is busy. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  g_task_set_source_tag (task, import_clicked_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) commit_data_free);
  g_task_run_in_thread (task, commit_thread);
}

static void
mdg_import_dialog_dispose (GObject *object)
{
  MdgImportDialog *self = MDG_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->seminar);
  g_clear_object (&self->file);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mdg_import_dialog_parent_class)->dispose (object);
}

static void
mdg_import_dialog_finalize (GObject *object)
{
  MdgImportDialog *self = MDG_IMPORT_DIALOG (object);

  /* Freed last: a worker may hold it until the dialog is gone. */
  g_clear_pointer (&self->import, mdg_attendee_import_free);

  G_OBJECT_CLASS (mdg_import_dialog_parent_class)->finalize (object);
}

static void
mdg_import_dialog_class_init (MdgImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_import_dialog_dispose;
  object_class->finalize = mdg_import_dialog_finalize;

  /**
   * MdgImportDialog::imported:
   * @imported: registrations written
   * @waitlisted: of those, how many went to the waitlist
   * @already_registered: rows left out because the person was registered already
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mdg_import_dialog_init (MdgImportDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->column_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    gtk_string_list_append (labels, mdg_csv_encoding_get_label (encodings[i]));
  adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (labels));
  self->filling = FALSE;
  g_signal_connect_object (self->encoding_row, "notify::selected", G_CALLBACK (encoding_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * mdg_import_dialog_new:
 * @database: where to import
 * @seminar: the seminar the registrations are for
 * @file: the CSV file
 *
 * Returns: (transfer floating): the dialog; it starts reading @file at once
 */
GtkWidget *
mdg_import_dialog_new (MdgDatabase *database,
                       MdgSeminar  *seminar,
                       GFile       *file)
{
  MdgImportDialog *self;

  g_return_val_if_fail (MDG_IS_DATABASE (database), NULL);
  g_return_val_if_fail (MDG_IS_SEMINAR (seminar), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (MDG_TYPE_IMPORT_DIALOG, NULL);
  self->database = g_object_ref (database);
  self->seminar = g_object_ref (seminar);
  self->file = g_object_ref (file);
  adw_window_title_set_subtitle (self->window_title, mdg_seminar_get_title (seminar));
  gtk_window_set_title (GTK_WINDOW (self), _("Import Registrations"));
  g_file_load_bytes_async (file, self->cancellable, loaded_cb, self);
  return GTK_WIDGET (self);
}
