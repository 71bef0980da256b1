/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-document-output"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-document-output.h"

/*
 * Getting documents out of the window: saved as PDF (rendered in a worker thread, so
 * that a thousand-name sign-in sheet never blocks the window), printed through
 * GtkPrintOperation with the same renderer, and other files written by GIO in the
 * background. Every file that lists people is announced as holding personal data.
 */

/* The paper of the paper-size setting, in points (portrait). */
static void
paper_size (GSettings *settings,
            double    *width,
            double    *height)
{
  static const struct { const char *nick; double width, height; } papers[] = {
    { "a4", MDG_A4_WIDTH, MDG_A4_HEIGHT },
    { "b5", 515.906, 728.504 },  /* JIS B5, 182 × 257 mm */
    { "a3", 841.890, 1190.551 },
    { "letter", 612.0, 792.0 },
  };
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

  paper_size (settings, &width, &height);
  mdg_document_set_page_size (document, width, height);
  mdg_document_set_era_dates (document, g_settings_get_boolean (settings, "era-dates"));
}

typedef struct
{
  MdgWindow   *window;
  MdgDocument *document;
  GFile       *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->document);
  g_clear_object (&data->file);
  g_free (data);
}

static void
announce_saved (MdgWindow  *window,
                GFile      *file,
                GError     *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;

  if (error != NULL)
    /* Translators: a file name, then why it could not be saved */
    message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
  else
    message = g_strdup_printf (_("Saved “%s”. It holds personal data: keep it safe."), name);
  mdg_window_add_toast (window, adw_toast_new (message));
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (mdg_document_export_pdf (data->document, g_file_peek_path (data->file), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
rendered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SaveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  announce_saved (data->window, data->file, error);
}

static GtkFileChooserNative *
save_chooser (MdgWindow  *window,
              const char *title,
              const char *suggested_name,
              const char *filter_name,
              const char *pattern)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdelimit (g_strdup (suggested_name), "/\\:", '-');

  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  return chooser;
}

static void
pdf_chosen_cb (GtkNativeDialog *chooser,
               int              response,
               gpointer         user_data)
{
  SaveData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, rendered_cb, NULL);

      data->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_task_set_source_tag (task, pdf_chosen_cb);
      g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
      g_task_run_in_thread (task, render_thread);
    }
  else
    save_data_free (data);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * _mdg_document_save_pdf:
 * @window: the window asking
 * @document: the document; the caller must not change it until saved
 * @suggested_name: the file name offered
 *
 * Asks where to save, then renders the PDF in a worker thread; a toast says when it
 * is done.
 */
void
_mdg_document_save_pdf (MdgWindow   *window,
                        MdgDocument *document,
                        const char  *suggested_name)
{
  SaveData *data = g_new0 (SaveData, 1);
  GtkFileChooserNative *chooser = save_chooser (window, _("Save as PDF"), suggested_name, _("PDF documents"), "*.pdf");

  data->window = g_object_ref (window);
  data->document = g_object_ref (document);
  g_signal_connect (chooser, "response", G_CALLBACK (pdf_chosen_cb), data);
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
run_print (MdgWindow    *window,
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
  paper_size (settings, &width, &height);
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
                                  GTK_WINDOW (window), error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/**
 * _mdg_document_print:
 * @window: the window asking
 * @document: the document
 *
 * Prints through the system's print dialog, on the paper chosen in Preferences unless
 * the user picks other paper there, drawing with the same renderer as the PDF.
 */
void
_mdg_document_print (MdgWindow   *window,
                     MdgDocument *document)
{
  g_autoptr(GError) error = NULL;

  if (!run_print (window, document, NULL, &error))
    mdg_window_add_toast (window, adw_toast_new (error->message));
}

/* The print path without its dialog: GTK writes what it would print to @path. */
gboolean
_mdg_document_print_to_file (MdgWindow    *window,
                             MdgDocument  *document,
                             const char   *path,
                             GError      **error)
{
  return run_print (window, document, path, error);
}

typedef struct
{
  MdgWindow *window;
  GBytes    *bytes;
} BytesData;

static void
bytes_written_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MdgWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  g_file_replace_contents_finish (G_FILE (source), result, NULL, &error);
  announce_saved (window, G_FILE (source), error);
}

static void
bytes_chosen_cb (GtkNativeDialog *chooser,
                 int              response,
                 gpointer         user_data)
{
  BytesData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_file_replace_contents_bytes_async (file, data->bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL,
                                           bytes_written_cb, g_object_ref (data->window));
    }
  g_object_unref (data->window);
  g_bytes_unref (data->bytes);
  g_free (data);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* Asks where to save @bytes (a file that holds personal data), then writes them in the background. */
void
_mdg_save_bytes (MdgWindow  *window,
                 GBytes     *bytes,
                 const char *title,
                 const char *suggested_name,
                 const char *pattern)
{
  BytesData *data = g_new0 (BytesData, 1);
  GtkFileChooserNative *chooser = save_chooser (window, title, suggested_name, title, pattern);

  data->window = g_object_ref (window);
  data->bytes = g_bytes_ref (bytes);
  g_signal_connect (chooser, "response", G_CALLBACK (bytes_chosen_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
