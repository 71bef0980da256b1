/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-import-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mdg-attendee-import.h"
#include "mdg-import-dialog.h"
#include "mdg-import-util.h"

/*
 * Imports the registrations of a CSV file: says which service wrote it, shows how each
 * column will be read (with the first row as an example, and "kept as an answer" for
 * the form's other questions), lets the user change any of it and the encoding, and
 * lists every line that needs correcting and what is imported all the same. It then
 * compares the file with the seminar — what is new, cancelled, changed, unchanged —
 * and lists the changed details for the user to apply or not. Reading, comparing and
 * writing run in worker threads on connections of their own; the write is one short
 * transaction.
 */

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
  GtkWidget         *summary_group;
  AdwActionRow      *summary_row;
  GtkWidget         *changes_group;
  GtkSwitch         *accept_switch;
  GtkListBox        *changes_list;
  GtkWidget         *notices_group;
  GtkListBox        *notices_list;
  AdwPreferencesGroup *columns_group;
  AdwStatusPage     *error_page;
  GtkProgressBar    *progress_bar;

  /* owned */
  MdgDatabase       *database;
  MdgSeminar        *seminar;
  GFile             *file;
  GBytes            *contents;
  MdgAttendeeImport *import;
  GPtrArray         *column_rows;
  GCancellable      *cancellable;
  GCancellable      *prepare_cancellable;
  GArray            *pending;      /* Pending: mappings chosen while a worker compared */
  GPtrArray         *retired;      /* MdgAttendeeImport read with another encoding */
  gboolean           filling;
  gboolean           preparing;
  gboolean           can_import;
};

typedef struct
{
  guint           column;
  MdgImportTarget target;
} Pending;

G_DEFINE_FINAL_TYPE (MdgImportDialog, mdg_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The choices of a column row, in order: what most columns are, first. */
static const MdgImportTarget targets[] = {
  MDG_IMPORT_ANSWER, MDG_IMPORT_NUMBER, MDG_IMPORT_FULL_NAME, (MdgImportTarget) MDG_PERSON_FAMILY_NAME,
  (MdgImportTarget) MDG_PERSON_GIVEN_NAME, MDG_IMPORT_FULL_KANA, (MdgImportTarget) MDG_PERSON_FAMILY_KANA,
  (MdgImportTarget) MDG_PERSON_GIVEN_KANA, (MdgImportTarget) MDG_PERSON_ORGANIZATION,
  (MdgImportTarget) MDG_PERSON_DEPARTMENT, (MdgImportTarget) MDG_PERSON_TITLE, (MdgImportTarget) MDG_PERSON_EMAIL,
  (MdgImportTarget) MDG_PERSON_PHONE, (MdgImportTarget) MDG_PERSON_CONSENT_PURPOSE, MDG_IMPORT_ORGANIZATION_KANA,
  MDG_IMPORT_INDUSTRY, MDG_IMPORT_EMPLOYEES, MDG_IMPORT_ADDRESS, MDG_IMPORT_APPLIED_AT, MDG_IMPORT_STATUS,
  MDG_IMPORT_ATTENDANCE, MDG_IMPORT_QUESTIONS, MDG_IMPORT_CONSENT, MDG_IMPORT_IGNORE,
};

static void show_problems (MdgImportDialog *self, GPtrArray *problems);
static void prepare (MdgImportDialog *self);

static void
show_error (MdgImportDialog *self,
            const char      *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
}

static void
update_import_button (MdgImportDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), self->can_import && !self->preparing);
}

static void
show_problems (MdgImportDialog *self,
               GPtrArray       *problems)
{
  _mdg_import_fill_lines (self->problems_list, self->problems_group, problems, "dialog-warning-symbolic");
  self->can_import = problems == NULL || problems->len == 0;
  update_import_button (self);
}

static void
append_part (GString    *text,
             guint       count,
             const char *format)
{
  if (count == 0)
    return;
  if (text->len > 0)
    /* Translators: between the parts of the import's summary */
    g_string_append (text, _(" · "));
  g_string_append_printf (text, format, count);
}

/* What the import will do, as the comparison with the seminar found it. */
static void
show_plan (MdgImportDialog       *self,
           const MdgImportResult *result)
{
  GPtrArray *changes = mdg_attendee_import_get_changes (self->import);
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new registration", "%u new registrations",
                                        result->imported),
                           result->imported);
  {
    /* Only what happens: a first import has nothing cancelled or unchanged. */
    g_autoptr(GString) text = g_string_new (NULL);
    guint n;

    n = result->waitlisted;
    append_part (text, n, g_dngettext (GETTEXT_PACKAGE, "%u on the waitlist", "%u on the waitlist", n));
    n = result->existing_people;
    append_part (text, n, g_dngettext (GETTEXT_PACKAGE, "%u person already known", "%u people already known", n));
    n = result->cancelled;
    append_part (text, n, g_dngettext (GETTEXT_PACKAGE, "%u cancelled", "%u cancelled", n));
    n = result->changed;
    append_part (text, n, g_dngettext (GETTEXT_PACKAGE, "%u with changed details", "%u with changed details", n));
    n = result->unchanged;
    append_part (text, n, g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged", n));
    n = result->promoted;
    append_part (text, n, g_dngettext (GETTEXT_PACKAGE, "%u moves up from the waitlist", "%u move up from the waitlist",
                                       n));
    details = g_markup_escape_text (text->str, -1);
  }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), title);
  adw_action_row_set_subtitle (self->summary_row, details);
  gtk_widget_set_visible (self->summary_group, TRUE);

  _mdg_import_clear_list (self->changes_list);
  for (guint i = 0; i < MIN (changes->len, MDG_IMPORT_MAX_ROWS_SHOWN); i++)
    {
      MdgImportChange *change = g_ptr_array_index (changes, i);
      /* Translators: whose registration, then which detail changed */
      g_autofree char *who = g_strdup_printf (_("%s — %s"), change->name, change->field);
      /* Translators: a detail before and after, in the import's list of changes */
      g_autofree char *what = g_strdup_printf (_("%s → %s"), change->before ? change->before : "—", change->after);

      _mdg_import_add_row (self->changes_list, who, what, "document-edit-symbolic");
    }
  _mdg_import_add_more_row (self->changes_list, changes->len);
  gtk_widget_set_visible (self->changes_group, changes->len > 0);

  _mdg_import_fill_lines (self->notices_list, self->notices_group, mdg_attendee_import_get_notices (self->import),
              "dialog-information-symbolic");
}

static void
column_changed_cb (AdwComboRow     *row,
                   GParamSpec      *pspec,
                   MdgImportDialog *self)
{
  guint column = _mdg_import_row_get_column (GTK_WIDGET (row));
  guint choice = adw_combo_row_get_selected (row);

  if (self->filling || choice >= G_N_ELEMENTS (targets))
    return;

  /* The worker comparing the file reads the mapping: change it when it is done. */
  g_array_append_val (self->pending, ((Pending) { column, targets[choice] }));
  if (self->preparing)
    g_cancellable_cancel (self->prepare_cancellable);
  else
    prepare (self);
}

/* A field moves from one column to another: show where it left. */
static void
apply_pending (MdgImportDialog *self)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending *pending = &g_array_index (self->pending, Pending, i);
      mdg_attendee_import_set_target (self->import, pending->column, pending->target);
    }
  g_array_set_size (self->pending, 0);

  self->filling = TRUE;
  for (guint c = 0; c < self->column_rows->len; c++)
    for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
      if (targets[t] == mdg_attendee_import_get_target (self->import, c))
        adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, c), t);
  self->filling = FALSE;
}

typedef struct
{
  MdgAttendeeImport *import;   /* borrowed: kept alive until the dialog is finalized */
  char              *path;
  gint64             seminar_id;
  MdgImportResult    result;
  GPtrArray         *problems;
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_free (data);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;
  g_autoptr(MdgDatabase) connection = NULL;
  GError *error = NULL;

  /* Checks every row and compares with the seminar on a connection of its own; nothing is locked. */
  connection = mdg_database_open (data->path, &error);
  if (connection == NULL ||
      !mdg_attendee_import_prepare (data->import, connection, data->seminar_id, cancellable, &data->result,
                                    &data->problems, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  MdgImportDialog *self = MDG_IMPORT_DIALOG (source);
  PrepareData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || data->import != self->import)
    return;
  self->preparing = FALSE;
  if (self->pending->len > 0)
    {
      prepare (self);
      return;
    }
  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_visible (self->summary_group, ok);
  if (!ok && data->problems == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_problems (self, data->problems);
  if (ok)
    show_plan (self, &data->result);
  else
    {
      gtk_widget_set_visible (self->changes_group, FALSE);
      _mdg_import_fill_lines (self->notices_list, self->notices_group, mdg_attendee_import_get_notices (self->import),
                  "dialog-information-symbolic");
    }
}

static void
prepare (MdgImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  PrepareData *data = g_new0 (PrepareData, 1);

  apply_pending (self);
  g_clear_object (&self->prepare_cancellable);
  self->prepare_cancellable = g_cancellable_new ();
  self->preparing = TRUE;
  update_import_button (self);

  task = g_task_new (self, self->prepare_cancellable, prepared_cb, NULL);
  data->import = self->import;
  data->path = g_strdup (mdg_database_get_path (self->database));
  data->seminar_id = mdg_seminar_get_id (self->seminar);
  g_task_set_source_tag (task, prepare);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_thread);
}

static void
fill_preview (MdgImportDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n_columns = mdg_attendee_import_get_n_columns (self->import);
  guint n_rows = mdg_attendee_import_get_n_rows (self->import);

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    gtk_string_list_append (labels, mdg_import_target_get_label (targets[t]));

  _mdg_import_show_file (self->file_row, self->file, n_rows,
                         mdg_import_format_get_label (mdg_attendee_import_get_format (self->import)));
  _mdg_import_clear_columns (self->columns_group, self->column_rows);

  self->filling = TRUE;
  for (guint c = 0; c < n_columns; c++)
    {
      const char *example = n_rows > 0 ? mdg_attendee_import_get_cell (self->import, 0, c) : NULL;
      guint selected = 0;

      for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
        if (targets[t] == mdg_attendee_import_get_target (self->import, c))
          selected = t;
      _mdg_import_add_column (self->columns_group, self->column_rows, mdg_attendee_import_get_header (self->import, c),
                              example,
                              /* Translators: beneath a column such as connpass's 表示名, after its example */
                              mdg_attendee_import_is_fallback (self->import, c)
                                ? _("used where the form’s own question is blank")
                                : NULL,
                              G_LIST_MODEL (labels), selected, G_CALLBACK (column_changed_cb), self);
    }
  self->filling = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "preview");
  prepare (self);
}

static void
parsed (MdgImportDialog   *self,
        MdgAttendeeImport *import)
{
  /* A worker may still compare the file as read before: the old reading goes when the dialog does. */
  if (self->import != NULL)
    g_ptr_array_add (self->retired, self->import);
  if (self->prepare_cancellable)
    g_cancellable_cancel (self->prepare_cancellable);
  self->preparing = FALSE;
  g_array_set_size (self->pending, 0);
  self->import = import;
  mdg_attendee_import_recall_mapping (self->import, self->database);
  fill_preview (self);
}

static const MdgImportKind attendee_import = {
  .new_import = (MdgImportNewFunc) mdg_attendee_import_new,
  .free_import = (GDestroyNotify) mdg_attendee_import_free,
  .parsed = (MdgImportParsedFunc) parsed,
  .failed = (MdgImportFailedFunc) show_error,
};

static void
parse (MdgImportDialog *self,
       MdgCsvEncoding   encoding)
{
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  _mdg_import_parse (self, &attendee_import, self->file, self->contents, encoding, self->cancellable);
}

static void
encoding_changed_cb (MdgImportDialog *self)
{
  MdgCsvEncoding encoding;

  if (!self->filling && self->contents != NULL && _mdg_import_get_encoding (self->encoding_row, &encoding))
    parse (self, encoding);
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

typedef struct
{
  MdgImportDialog *dialog;
  MdgImportStage   stage;
  guint            done;
  guint            total;
} Progress;

static gboolean
show_progress_cb (gpointer user_data)
{
  Progress *progress = user_data;
  MdgImportDialog *self = progress->dialog;

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)) && self->progress_bar != NULL)
    {
      g_autofree char *text = NULL;

      if (progress->stage == MDG_IMPORT_STAGE_MATCHING)
        text = g_strdup_printf (_("Comparing with the seminar: %u of %u"), progress->done, progress->total);
      else
        text = g_strdup (_("Writing the registrations…"));
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
      gtk_progress_bar_set_text (self->progress_bar, text);
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     progress->total ? (double) progress->done / progress->total : 1.0);
    }
  g_object_unref (progress->dialog);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* Called in the worker: the window shows it on the main loop. */
static void
progress_cb (MdgImportStage stage,
             guint          done,
             guint          total,
             gpointer       user_data)
{
  Progress *progress = g_new (Progress, 1);

  progress->dialog = g_object_ref (user_data);
  progress->stage = stage;
  progress->done = done;
  progress->total = total;
  g_main_context_invoke (NULL, show_progress_cb, progress);
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

  mdg_attendee_import_set_progress_func (self->import, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
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
  g_signal_emit (self, signals[IMPORTED], 0, data->result.imported, data->result.cancelled,
                 data->result.changes_applied, data->result.unchanged);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
import_clicked_cb (MdgImportDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, committed_cb, NULL);
  CommitData *data = g_new0 (CommitData, 1);

  data->path = g_strdup (mdg_database_get_path (self->database));
  data->seminar_id = mdg_seminar_get_id (self->seminar);
  mdg_attendee_import_set_accept_changes (self->import, gtk_switch_get_active (self->accept_switch));
  mdg_attendee_import_set_progress_func (self->import, progress_cb, self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
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
  if (self->prepare_cancellable)
    g_cancellable_cancel (self->prepare_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->prepare_cancellable);
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
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);

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
   * @imported: new registrations written
   * @cancelled: registrations this file cancelled
   * @changed: registrations whose changed details were taken
   * @unchanged: registrations the file holds as they were
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);

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
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, summary_row);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, changes_group);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, accept_switch);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, changes_list);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, notices_group);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, notices_list);
  gtk_widget_class_bind_template_child (widget_class, MdgImportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mdg_import_dialog_init (MdgImportDialog *self)
{
  g_autoptr(GListModel) labels = _mdg_import_encoding_model ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->column_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  self->retired = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_attendee_import_free);

  self->filling = TRUE;
  adw_combo_row_set_model (self->encoding_row, labels);
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
