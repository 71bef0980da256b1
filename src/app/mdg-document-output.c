/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-document-output"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-document-async.h"
#include "mdg-document-output.h"

/*
 * Getting documents out of the window: saved as PDF (rendered in a worker thread, so
 * that a thousand-name sign-in sheet never blocks the window), printed through
 * GtkPrintOperation with the same renderer, and other files (CSV, JSON, iCalendar)
 * written by GIO in the background — all through one file chooser and one toast.
 * Every file that lists people is announced as holding personal data.
 */

/* The paper of the paper-size setting, in points (portrait): the one table of papers. */
static const MdgPaper papers[] = {
  { "a4", N_("A4"), MDG_A4_WIDTH, MDG_A4_HEIGHT },
  { "b5", N_("B5 (JIS)"), 515.906, 728.504 },  /* 182 × 257 mm */
  { "a3", N_("A3"), 841.890, 1190.551 },
  { "letter", N_("US Letter"), 612.0, 792.0 },
};

/**
 * _mdg_papers:
 * @n_papers: (out): how many
 *
 * Returns: (transfer none): the papers documents print on, as Preferences offers them
 */
const MdgPaper *
_mdg_papers (guint *n_papers)
{
  *n_papers = G_N_ELEMENTS (papers);
  return papers;
}

void
_mdg_paper_size (GSettings *settings,
                 double    *width,
                 double    *height)
{
  g_autofree char *nick = g_settings_get_string (settings, "paper-size");

  *width = MDG_A4_WIDTH;
  *height = MDG_A4_HEIGHT;
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_str_equal (nick, papers[i].nick))
      {
        *width = papers[i].width;
        *height = papers[i].height;
      }
}

/**
 * _mdg_document_apply_settings:
 * @document: a document about to be saved or printed
 *
 * Gives it the paper and the date style the user chose in Preferences.
 */
void
_mdg_document_apply_settings (MdgDocument *document)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  double width, height;

  _mdg_paper_size (settings, &width, &height);
  mdg_document_set_page_size (document, width, height);
  mdg_document_set_era_dates (document, g_settings_get_boolean (settings, "era-dates"));
}

/* Tells how the save went, through the widget that asked for it. */
static void
announce_saved (GtkWidget *widget,
                GFile     *file,
                gboolean   personal_data,
                GError    *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  if (error != NULL)
    /* Translators: a file name, then why it could not be saved */
    message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
  else if (personal_data)
    message = g_strdup_printf (_("Saved “%s”. It holds personal data: keep it safe."), name);
  else
    message = g_strdup_printf (_("Saved “%s”"), name);
  _mdg_toast (widget, message);
}

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Where the next save is offered: the folder of the last one, remembered. */
static void
remember_folder_cb (GtkNativeDialog *chooser,
                    int              response)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  folder = file ? g_file_get_parent (file) : NULL;
  if (folder != NULL && g_file_peek_path (folder) != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

      g_settings_set_string (settings, "save-folder", g_file_peek_path (folder));
    }
}

static void
offer_folder (GtkFileChooser *chooser)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *folder = g_settings_get_string (settings, "save-folder");
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  const char *path = NULL;

  if (*folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
    path = folder;
  else if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    path = documents;
  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      gtk_file_chooser_set_current_folder (chooser, file, NULL);
    }
}

static GtkFileChooserNative *
save_chooser (GtkWidget  *widget,
              const char *title,
              const char *suggested_name,
              const char *filter_name,
              const char *pattern)
{
  GtkFileChooserNative *chooser;
  /* The chooser takes its own reference. */
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdelimit (g_strdup (suggested_name), "/\\:", '-');

  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  chooser = gtk_file_chooser_native_new (title, parent_window (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  offer_folder (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (remember_folder_cb), NULL);
  return chooser;
}

typedef struct
{
  GWeakRef     widget;
  MdgDocument *document;
  GBytes      *bytes;
  GFile       *file;
  gboolean     personal_data;
} SaveData;

static SaveData *
save_data_new (GtkWidget *widget)
{
  SaveData *data = g_new0 (SaveData, 1);

  g_weak_ref_init (&data->widget, widget);
  return data;
}

static void
save_data_free (SaveData *data)
{
  g_weak_ref_clear (&data->widget);
  g_clear_object (&data->document);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&data->widget);
  g_autoptr(GError) error = NULL;

  if (MDG_IS_DOCUMENT (source))
    mdg_document_export_pdf_finish (MDG_DOCUMENT (source), result, &error);
  else
    g_file_replace_contents_finish (G_FILE (source), result, NULL, &error);

  /* Written; the window it came from may have closed meanwhile. */
  if (widget != NULL)
    announce_saved (widget, data->file, data->personal_data, error);
  else if (error != NULL)
    g_warning ("Could not save %s: %s", g_file_peek_path (data->file), error->message);
}

static void
chosen_cb (GtkNativeDialog *chooser,
           int              response,
           gpointer         user_data)
{
  SaveData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      data->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (data->document != NULL)
        mdg_document_export_pdf_async (data->document, g_file_peek_path (data->file), NULL, saved_cb, data);
      else
        g_file_replace_contents_bytes_async (data->file, data->bytes, NULL, FALSE,
                                             data->personal_data ? G_FILE_CREATE_PRIVATE : G_FILE_CREATE_NONE,
                                             NULL, saved_cb, data);
    }
  else
    save_data_free (data);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * _mdg_document_save_pdf:
 * @widget: the widget asking
 * @document: the document; the caller must not change it until saved
 * @suggested_name: the file name offered
 *
 * Asks where to save, then renders the PDF in a worker thread; a toast says when it
 * is done. Documents list people: the toast says the file holds personal data.
 */
void
_mdg_document_save_pdf (GtkWidget   *widget,
                        MdgDocument *document,
                        const char  *suggested_name)
{
  _mdg_document_save_pdf_full (widget, document, suggested_name, TRUE);
}

/* As _mdg_document_save_pdf(), for documents that may list no one (the published FAQ). */
void
_mdg_document_save_pdf_full (GtkWidget   *widget,
                             MdgDocument *document,
                             const char  *suggested_name,
                             gboolean     personal_data)
{
  SaveData *data = save_data_new (widget);
  GtkFileChooserNative *chooser = save_chooser (widget, _("Save as PDF"), suggested_name, _("PDF documents"), "*.pdf");

  data->document = g_object_ref (document);
  data->personal_data = personal_data;
  g_signal_connect (chooser, "response", G_CALLBACK (chosen_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * _mdg_save_bytes:
 * @widget: the widget asking
 * @bytes: what to write
 * @title: the file chooser's title
 * @filter_name: the name of the file type
 * @suggested_name: the file name offered
 * @pattern: the file type's pattern, "*.csv"
 * @personal_data: whether the file lists people (then it is made private, and said so)
 *
 * Asks where to save @bytes, then writes them in the background; a toast says when.
 */
void
_mdg_save_bytes (GtkWidget  *widget,
                 GBytes     *bytes,
                 const char *title,
                 const char *filter_name,
                 const char *suggested_name,
                 const char *pattern,
                 gboolean    personal_data)
{
  SaveData *data = save_data_new (widget);
  GtkFileChooserNative *chooser = save_chooser (widget, title, suggested_name, filter_name, pattern);

  data->bytes = g_bytes_ref (bytes);
  data->personal_data = personal_data;
  g_signal_connect (chooser, "response", G_CALLBACK (chosen_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                MdgDocument       *document)
{
  mdg_document_set_page_size (document, gtk_print_context_get_width (context), gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation,
                                   mdg_document_paginate (document, gtk_print_context_get_cairo_context (context)));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              MdgDocument       *document)
{
  mdg_document_draw_page (document, gtk_print_context_get_cairo_context (context), page);
}

/* Runs the print operation: with the print dialog, or (tests) straight to a PDF file. */
static gboolean
run_print (GtkWidget    *widget,
           MdgDocument  *document,
           const char   *export_path,
           GError      **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autoptr(GtkPaperSize) paper = NULL;
  double width, height;

  /* The dialog opens on the paper chosen in Preferences; the user may still pick another. */
  _mdg_paper_size (settings, &width, &height);
  paper = gtk_paper_size_new_custom ("madoguchi", "Madoguchi", width, height, GTK_UNIT_POINTS);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, mdg_seminar_get_title (mdg_document_get_seminar (document)));
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), document, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), document, 0);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);

  return gtk_print_operation_run (operation,
                                  export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                              : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                  parent_window (widget), error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/**
 * _mdg_document_print:
 * @widget: the widget asking
 * @document: the document
 *
 * Prints through the system's print dialog, on the paper chosen in Preferences unless
 * the user picks other paper there, drawing with the same renderer as the PDF.
 */
void
_mdg_document_print (GtkWidget   *widget,
                     MdgDocument *document)
{
  g_autoptr(GError) error = NULL;

  if (!run_print (widget, document, NULL, &error))
    _mdg_toast_error (widget, error);
}

/* The print path without its dialog: GTK writes what it would print to @path. */
gboolean
_mdg_document_print_to_file (GtkWidget    *widget,
                             MdgDocument  *document,
                             const char   *path,
                             GError      **error)
{
  return run_print (widget, document, path, error);
}

typedef struct
{
  GWeakRef          widget;
  MdgFileChosenFunc func;
  gpointer          user_data;
} ChooseData;

static void
file_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  ChooseData *data = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&data->widget);

  if (response == GTK_RESPONSE_ACCEPT && widget != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      data->func (widget, file, data->user_data);
    }
  g_weak_ref_clear (&data->widget);
  g_free (data);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * _mdg_choose_save_file:
 * @widget: the widget asking
 * @title: the file chooser's title
 * @suggested_name: the file name offered
 * @filter_name: the name of the file type
 * @pattern: the file type's pattern, "*.html"
 * @func: what writes the file, called when the user chose one (and @widget still exists)
 * @user_data: for @func
 *
 * The same file chooser as the other saves, for files a core function writes itself;
 * tell how it went with _mdg_announce_saved().
 */
void
_mdg_choose_save_file (GtkWidget        *widget,
                       const char       *title,
                       const char       *suggested_name,
                       const char       *filter_name,
                       const char       *pattern,
                       MdgFileChosenFunc func,
                       gpointer          user_data)
{
  ChooseData *data = g_new0 (ChooseData, 1);
  GtkFileChooserNative *chooser = save_chooser (widget, title, suggested_name, filter_name, pattern);

  g_weak_ref_init (&data->widget, widget);
  data->func = func;
  data->user_data = user_data;
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The toast after a save: where, whether it holds personal data, or why it failed. */
void
_mdg_announce_saved (GtkWidget *widget,
                     GFile     *file,
                     gboolean   personal_data,
                     GError    *error)
{
  announce_saved (widget, file, personal_data, error);
}
