/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-consultation-import.h"
#include "mdg-consultation-import-dialog.h"
#include "mdg-database-work.h"
#include "mdg-import-util.h"

/*
 * Imports the consultations of the web form's CSV export (UTF-8 with or without BOM,
 * or CP932 from Excel): shows how each column will be read, with the first row as an
 * example, lets the user change any of it and the encoding, and checks every line in a
 * worker (the import done and rolled back) before anything is written: each line to
 * correct is listed with what to do, and Import stays off until there are none. The
 * import is then one transaction in a worker: all of the file, or nothing.
 */

struct _MdgConsultationImportDialog
{
  AdwWindow              parent_instance;

  GtkWidget             *import_button;
  GtkStack              *stack;
  AdwStatusPage         *error_page;
  AdwActionRow          *file_row;
  AdwComboRow           *encoding_row;
  GtkWidget             *problems_group;
  GtkListBox            *problems_list;
  GtkWidget             *summary_group;
  AdwActionRow          *summary_row;
  AdwPreferencesGroup   *columns_group;
  GPtrArray             *column_rows;

  MdgDatabase           *database;
  gint64                 actor_id;
  GFile                 *file;
  GBytes                *contents;
  MdgConsultationImport *import;
  GCancellable          *cancellable;
  GWeakRef               owner;     /* the section that asked: its window shows a wait for a writer */
  MdgImportedFunc        imported;
  gboolean               filling;
  gboolean               working;   /* a worker reads the import: nothing changes it meanwhile */
  gboolean               recheck;
};

G_DEFINE_FINAL_TYPE (MdgConsultationImportDialog, mdg_consultation_import_dialog, ADW_TYPE_WINDOW)

/* The choices of a column row, in order: not imported first, as most extra columns are. */
static const MdgConsultationColumn targets[] = {
  MDG_CONSULTATION_COLUMN_IGNORE, MDG_CONSULTATION_COLUMN_RECEIVED_AT, MDG_CONSULTATION_COLUMN_SUBJECT,
  MDG_CONSULTATION_COLUMN_QUESTION, MDG_CONSULTATION_COLUMN_ORGANIZATION, MDG_CONSULTATION_COLUMN_FULL_NAME,
  MDG_CONSULTATION_COLUMN_FAMILY_NAME, MDG_CONSULTATION_COLUMN_GIVEN_NAME, MDG_CONSULTATION_COLUMN_KANA,
  MDG_CONSULTATION_COLUMN_EMAIL, MDG_CONSULTATION_COLUMN_PHONE, MDG_CONSULTATION_COLUMN_CATEGORIES,
  MDG_CONSULTATION_COLUMN_URGENCY,
};

static void check (MdgConsultationImportDialog *self);

/* Returns: the choice of a column row that reads a column as @target */
static guint
target_index (MdgConsultationColumn target)
{
  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    if (targets[t] == target)
      return t;
  return 0;
}

static void
show_error (MdgConsultationImportDialog *self,
            const char                  *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_sensitive (self->import_button, FALSE);
}

static void
set_working (MdgConsultationImportDialog *self,
             gboolean                     working,
             gboolean                     can_import)
{
  self->working = working;
  gtk_widget_set_sensitive (self->import_button, !working && can_import);
  gtk_widget_set_sensitive (GTK_WIDGET (self->encoding_row), !working);
  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_group), !working);
}

typedef struct
{
  MdgConsultationImport       *import;   /* borrowed: the dialog keeps it while a worker runs */
  gint64                       actor_id;
  gboolean                     dry_run;
  MdgConsultationImportResult  result;
  GPtrArray                   *problems;
  MdgConsultationImportDialog *dialog;   /* keeps the import alive, even once the dialog is closed */
  MdgWriteWatch               *watch;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_clear_object (&job->dialog);
  g_free (job);
}

static gboolean
job_thread (MdgDatabase  *connection,
            gpointer      data,
            GError      **error)
{
  Job *job = data;

  return mdg_consultation_import_commit (job->import, connection, job->actor_id, job->dry_run, &job->result,
                                         &job->problems, error);
}

static void
show_summary (MdgConsultationImportDialog       *self,
              const MdgConsultationImportResult *result)
{
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u consultation to import",
                                                         "%u consultations to import", result->imported),
                                            result->imported);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  struct { guint n; const char *text; } parts[] = {
    { result->already_imported, g_dngettext (GETTEXT_PACKAGE, "%u already imported", "%u already imported",
                                             result->already_imported) },
    { result->new_people, g_dngettext (GETTEXT_PACKAGE, "%u new person", "%u new people", result->new_people) },
    { result->existing_people, g_dngettext (GETTEXT_PACKAGE, "%u person already known", "%u people already known",
                                            result->existing_people) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i].n == 0)
        continue;
      if (details->len > 0)
        /* Translators: between the parts of the import's summary */
        g_string_append (details, _(" · "));
      g_string_append_printf (details, parts[i].text, parts[i].n);
    }
  escaped = g_markup_escape_text (details->str, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), title);
  adw_action_row_set_subtitle (self->summary_row, escaped);
  gtk_widget_set_visible (self->summary_group, TRUE);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = user_data;
  MdgConsultationImportDialog *self = job->dialog;
  g_autoptr(GtkWidget) owner = job->watch != NULL ? _mdg_write_watch_finish (g_steal_pointer (&job->watch)) : NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = mdg_database_work_finish (MDG_DATABASE (source), result, job_thread, &error);

  if (!job->dry_run && ok)
    {
      /* Said by the section, even when the dialog was closed while it wrote. */
      g_autoptr(GtkWidget) asker = g_weak_ref_get (&self->owner);
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u consultation",
                                                               "Imported %u consultations", job->result.imported),
                                                  job->result.imported);

      if (asker != NULL)
        {
          _mdg_toast (asker, message);
          if (self->imported != NULL)
            self->imported (asker);
        }
      if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      if (!job->dry_run && error != NULL)
        g_warning ("Could not import the consultations: %s", error->message);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "preview");
  /* A file already imported has nothing new: Import stays off. */
  set_working (self, FALSE, ok && job->result.imported > 0);
  if (self->recheck)
    {
      check (self);
      return;
    }
  _mdg_import_fill_lines (self->problems_list, self->problems_group, job->problems, "dialog-warning-symbolic");
  if (ok)
    show_summary (self, &job->result);
  else if (job->problems == NULL)
    show_error (self, error->message);
  else
    gtk_widget_set_visible (self->summary_group, FALSE);
}

static void
run_job (MdgConsultationImportDialog *self,
         gboolean                     dry_run)
{
  Job *job = g_new0 (Job, 1);
  g_autoptr(GtkWidget) owner = g_weak_ref_get (&self->owner);

  job->import = self->import;
  job->actor_id = self->actor_id;
  job->dry_run = dry_run;
  job->dialog = g_object_ref (self);
  /* The import writes: a wait for another writer shows in the section's window. */
  if (!dry_run && owner != NULL)
    job->watch = _mdg_write_watch_new (owner);
  self->recheck = FALSE;
  set_working (self, TRUE, FALSE);
  mdg_database_work_async (self->database, job_thread, job, (GDestroyNotify) job_free, job_thread, NULL, job_done_cb,
                           job);
}

/* Every line checked (a dry run): what would be imported, or which lines to correct. */
static void
check (MdgConsultationImportDialog *self)
{
  run_job (self, TRUE);
}

static void
import_clicked_cb (MdgConsultationImportDialog *self)
{
  if (self->import == NULL || self->working)
    return;
  gtk_stack_set_visible_child_name (self->stack, "loading");
  run_job (self, FALSE);
}

static void
column_changed_cb (AdwComboRow                 *row,
                   GParamSpec                  *pspec,
                   MdgConsultationImportDialog *self)
{
  guint column = _mdg_import_row_get_column (GTK_WIDGET (row));
  guint choice = adw_combo_row_get_selected (row);

  if (self->filling || self->working || choice >= G_N_ELEMENTS (targets))
    return;
  mdg_consultation_import_set_target (self->import, column, targets[choice]);
  /* A field moves from one column to another: show where it left. */
  self->filling = TRUE;
  for (guint c = 0; c < self->column_rows->len; c++)
    adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, c),
                                target_index (mdg_consultation_import_get_target (self->import, c)));
  self->filling = FALSE;
  check (self);
}

static void
fill_preview (MdgConsultationImportDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n_columns = mdg_consultation_import_get_n_columns (self->import);
  guint n_rows = mdg_consultation_import_get_n_rows (self->import);

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    gtk_string_list_append (labels, mdg_consultation_column_get_label (targets[t]));
  _mdg_import_show_file (self->file_row, self->file, n_rows,
                         mdg_csv_encoding_get_label (mdg_consultation_import_get_encoding (self->import)));
  _mdg_import_clear_columns (self->columns_group, self->column_rows);

  self->filling = TRUE;
  for (guint c = 0; c < n_columns; c++)
    _mdg_import_add_column (self->columns_group, self->column_rows, mdg_consultation_import_get_header (self->import, c),
                            n_rows > 0 ? mdg_consultation_import_get_cell (self->import, 0, c) : NULL, NULL,
                            G_LIST_MODEL (labels), target_index (mdg_consultation_import_get_target (self->import, c)),
                            G_CALLBACK (column_changed_cb), self);
  self->filling = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "preview");
  check (self);
}

static void
parsed (MdgConsultationImportDialog *self,
        MdgConsultationImport       *import)
{
  g_clear_pointer (&self->import, mdg_consultation_import_free);
  self->import = import;
  fill_preview (self);
}

static const MdgImportKind consultation_import = {
  .new_import = (MdgImportNewFunc) mdg_consultation_import_new,
  .free_import = (GDestroyNotify) mdg_consultation_import_free,
  .parsed = (MdgImportParsedFunc) parsed,
  .failed = (MdgImportFailedFunc) show_error,
};

static void
parse (MdgConsultationImportDialog *self,
       MdgCsvEncoding               encoding)
{
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_widget_set_sensitive (self->import_button, FALSE);
  _mdg_import_parse (self, &consultation_import, self->file, self->contents, encoding, self->cancellable);
}

static void
encoding_changed_cb (MdgConsultationImportDialog *self)
{
  MdgCsvEncoding encoding;

  /* Not while a worker reads the import it would replace (the row is insensitive then). */
  if (!self->filling && !self->working && self->contents != NULL &&
      _mdg_import_get_encoding (self->encoding_row, &encoding))
    parse (self, encoding);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GBytes *contents = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  MdgConsultationImportDialog *self;

  if (contents == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_CONSULTATION_IMPORT_DIALOG (user_data);
  if (contents == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (G_FILE (source));
      /* Translators: the file, then why it could not be read */
      g_autofree char *message = g_strdup_printf (_("Could not read “%s”: %s"), name, error->message);

      show_error (self, message);
      return;
    }
  self->contents = contents;
  parse (self, MDG_CSV_ENCODING_AUTO);
}

static void
mdg_consultation_import_dialog_dispose (GObject *object)
{
  MdgConsultationImportDialog *self = MDG_CONSULTATION_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->file);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (mdg_consultation_import_dialog_parent_class)->dispose (object);
}

static void
mdg_consultation_import_dialog_finalize (GObject *object)
{
  MdgConsultationImportDialog *self = MDG_CONSULTATION_IMPORT_DIALOG (object);

  /* Freed last: a worker holds the dialog (weakly) and the import until it is done. */
  g_clear_pointer (&self->import, mdg_consultation_import_free);
  g_weak_ref_clear (&self->owner);
  G_OBJECT_CLASS (mdg_consultation_import_dialog_parent_class)->finalize (object);
}

static void
mdg_consultation_import_dialog_class_init (MdgConsultationImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_consultation_import_dialog_dispose;
  object_class->finalize = mdg_consultation_import_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
group_new (AdwPreferencesPage *page,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  return group;
}

static void
mdg_consultation_import_dialog_init (MdgConsultationImportDialog *self)
{
  g_autoptr(GListModel) encodings = _mdg_import_encoding_model ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (_("Import Consultations"), _("The web form’s CSV export"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *spinner = gtk_spinner_new ();
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  GtkWidget *group, *list;

  self->column_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  g_weak_ref_init (&self->owner, NULL);

  gtk_window_set_title (GTK_WINDOW (self), _("Import Consultations"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_set_name (self->import_button, "consultation-import-button");
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  gtk_widget_set_sensitive (self->import_button, FALSE);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (import_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");

  group = group_new (page, _("File"), NULL);
  self->file_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->file_row), "import-file");
  adw_action_row_set_icon_name (self->file_row, "x-office-spreadsheet-symbolic");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->file_row));
  self->encoding_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->encoding_row), _("Encoding"));
  gtk_widget_set_name (GTK_WIDGET (self->encoding_row), "import-encoding");
  adw_combo_row_set_model (self->encoding_row, encodings);
  g_signal_connect_swapped (self->encoding_row, "notify::selected", G_CALLBACK (encoding_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->encoding_row));

  self->problems_group = group_new (page, _("Lines to Correct"),
                                    _("Correct these lines in the file (or choose what a column holds), then open it "
                                      "again: nothing is imported until every line can be."));
  gtk_widget_set_name (self->problems_group, "import-problems");
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->problems_list = GTK_LIST_BOX (list);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->problems_group), list);
  gtk_widget_set_visible (self->problems_group, FALSE);

  self->summary_group = group_new (page, _("Import"), NULL);
  self->summary_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->summary_row), "import-summary");
  adw_action_row_set_icon_name (self->summary_row, "call-start-symbolic");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->summary_group), GTK_WIDGET (self->summary_row));
  gtk_widget_set_visible (self->summary_group, FALSE);

  self->columns_group = ADW_PREFERENCES_GROUP (group_new (page, _("Columns"),
                                                          _("How each column is read, with the first row as an example")));
  gtk_stack_add_named (self->stack, GTK_WIDGET (page), "preview");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_widget_set_name (GTK_WIDGET (self->error_page), "import-error");
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _("The File Cannot Be Imported"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * mdg_consultation_import_dialog_new:
 * @database: where to import
 * @actor_id: the staff member who imports
 * @file: the web form's CSV export
 *
 * Returns: (transfer floating): the dialog; it starts reading @file at once
 */
GtkWidget *
mdg_consultation_import_dialog_new (MdgDatabase *database,
                                    gint64       actor_id,
                                    GFile       *file)
{
  MdgConsultationImportDialog *self;

  g_return_val_if_fail (MDG_IS_DATABASE (database), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (MDG_TYPE_CONSULTATION_IMPORT_DIALOG, NULL);
  self->database = g_object_ref (database);
  self->actor_id = actor_id;
  self->file = g_object_ref (file);
  g_file_load_bytes_async (file, self->cancellable, loaded_cb, self);
  return GTK_WIDGET (self);
}

typedef struct
{
  GWeakRef         widget;
  MdgDatabase     *database;
  gint64           actor_id;
  MdgImportedFunc  imported;
} Choice;

static void
choice_free (Choice *choice)
{
  g_weak_ref_clear (&choice->widget);
  g_clear_object (&choice->database);
  g_free (choice);
}

static void
chosen_cb (GtkNativeDialog *chooser,
           int              response,
           Choice          *choice)
{
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&choice->widget);

  if (response == GTK_RESPONSE_ACCEPT && widget != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GtkWidget *dialog = mdg_consultation_import_dialog_new (choice->database, choice->actor_id, file);
      GtkRoot *root = gtk_widget_get_root (widget);

      g_weak_ref_set (&MDG_CONSULTATION_IMPORT_DIALOG (dialog)->owner, widget);
      MDG_CONSULTATION_IMPORT_DIALOG (dialog)->imported = choice->imported;
      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  choice_free (choice);
}

/**
 * _mdg_consultation_import_dialog_choose:
 * @widget: the section asking: the chooser sits on its window, the result is a toast from it
 * @database: where to import
 * @actor_id: the staff member who imports
 * @imported: (nullable): called on @widget after an import
 *
 * Asks for the web form's CSV export, then shows what importing it will do.
 */
void
_mdg_consultation_import_dialog_choose (GtkWidget       *widget,
                                        MdgDatabase     *database,
                                        gint64           actor_id,
                                        MdgImportedFunc  imported)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = _mdg_import_csv_filter_new ();
  Choice *choice = g_new0 (Choice, 1);

  g_weak_ref_init (&choice->widget, widget);
  choice->database = g_object_ref (database);
  choice->actor_id = actor_id;
  choice->imported = imported;
  chooser = gtk_file_chooser_native_new (_("Import Consultations"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chosen_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
