/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-decks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-deck-library.h"
#include "mdg-decks-page-private.h"

/*
 * Importing: a PDF or PowerPoint file chosen or given (mdg_decks_page_import_file)
 * taken into the deck library in its worker, as a new deck or a new revision of the
 * deck selected, with its change note.
 */

/* What went wrong, in full: a file's problem is too long for a toast. */
void
_mdg_decks_page_show_error (GtkWidget  *widget,
                            const char *name,
                            const char *heading,
                            GError     *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, NULL);

  gtk_widget_set_name (dialog, name);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  MdgDecksPage *self;
  char         *name;
  gint64        deck_id;
} Import;

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Import *import = user_data;
  MdgDecksPage *self = import->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgDeckRevision) revision = NULL;
  guint n_carried = 0, n_review = 0;

  revision = mdg_deck_library_import_finish (MDG_DATABASE (source), result, &n_carried, &n_review, &error);
  self->n_importing--;
  if (self->content_stack == NULL)
    ;  /* the page has gone: the deck is in the library all the same */
  else if (revision == NULL)
    {
      _mdg_decks_page_show_error (GTK_WIDGET (self), "deck-import-error", _("The File Could Not Be Imported"), error);
      adw_window_title_set_subtitle (self->window_title,
                                     _mdg_decks_page_selected_deck (self) != NULL
                                       ? mdg_deck_get_title (_mdg_decks_page_selected_deck (self))
                                       : NULL);
    }
  else
    {
      g_autofree char *message = NULL;
      guint n_pages = mdg_deck_revision_get_page_count (revision);

      if (import->deck_id == 0)
        message = g_strdup_printf (ngettext ("Imported “%s”: %u slide", "Imported “%s”: %u slides", n_pages),
                                   import->name, n_pages);
      else if (n_review > 0)
        message = g_strdup_printf (ngettext ("Revision %u: explanatory texts carried over to %u slides; %u to review",
                                             "Revision %u: explanatory texts carried over to %u slides; %u to review",
                                             n_review),
                                   mdg_deck_revision_get_number (revision), n_carried, n_review);
      else
        message = g_strdup_printf (ngettext ("Revision %u: explanatory text carried over to %u slide",
                                             "Revision %u: explanatory texts carried over to %u slides",
                                             n_carried),
                                   mdg_deck_revision_get_number (revision), n_carried);
      _mdg_toast (GTK_WIDGET (self), message);
      self->select_deck = mdg_deck_revision_get_deck_id (revision);
      _mdg_decks_page_reload_decks (self);
    }
  if (self->content_stack != NULL)
    _mdg_decks_page_update_actions (self);
  g_object_unref (import->self);
  g_free (import->name);
  g_free (import);
}

/**
 * mdg_decks_page_import_file:
 * @self: a #MdgDecksPage
 * @file: a PDF, or a PowerPoint or Impress file
 * @deck_id: the deck it is a new revision of; 0 for a new deck
 * @change_note: (nullable): what changed, for a new revision
 *
 * Imports @file in a worker, as the Import buttons do once the file is chosen: the
 * page shows the deck when it is in, or the library's message when it is refused.
 */
void
mdg_decks_page_import_file (MdgDecksPage *self,
                            GFile        *file,
                            gint64        deck_id,
                            const char   *change_note)
{
  MdgDeckImportOptions options = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *subtitle = NULL;
  Import *import;

  g_return_if_fail (MDG_IS_DECKS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  import = g_new0 (Import, 1);
  import->self = g_object_ref (self);
  import->name = g_file_get_basename (file);
  import->deck_id = deck_id;
  options.deck_id = deck_id;
  options.change_note = change_note;

  /* Translators: while a file is imported */
  subtitle = g_strdup_printf (_("Importing “%s”…"), import->name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  self->n_importing++;
  _mdg_decks_page_update_actions (self);
  /* Not cancelled with the page: a file being stored is stored whole. */
  mdg_deck_library_import_async (mdg_section_get_database (MDG_SECTION (self)), path != NULL ? path : "", &options,
                                 NULL, imported_cb, import);
}

static void
chooser_response_cb (MdgDecksPage         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        mdg_decks_page_import_file (self, file, self->import_deck_id, self->import_note);
    }
  g_clear_pointer (&self->import_note, g_free);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);
}

static void
choose_file (MdgDecksPage *self,
             gint64        deck_id,
             const char   *title)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) decks = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  static const char * const patterns[] = { "*.pdf", "*.pptx", "*.ppt", "*.odp" };
  static const char * const types[] = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.ms-powerpoint",
    "application/vnd.oasis.opendocument.presentation",
  };

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return;
    }
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (decks, _("Slide decks (PDF, PowerPoint, Impress)"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      gtk_file_filter_add_pattern (decks, patterns[i]);
      gtk_file_filter_add_mime_type (decks, types[i]);
    }
  gtk_file_filter_set_name (pdf, _("PDF documents"));
  gtk_file_filter_add_pattern (pdf, "*.pdf");
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), decks);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), pdf);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  self->import_deck_id = deck_id;
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_file (MDG_DECKS_PAGE (widget), 0, _("Import Deck"));
}

static void
revise_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MdgDecksPage     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  MdgDeck *deck = _mdg_decks_page_selected_deck (self);

  if (g_strcmp0 (response, "choose") != 0 || deck == NULL)
    return;
  g_free (self->import_note);
  self->import_note = g_strdup (gtk_editable_get_text (entry));
  choose_file (self, mdg_deck_get_id (deck), _("New Revision"));
  /* choose_file keeps the note for the chosen file. */
}

static void
revise_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (widget);
  MdgDeck *deck = _mdg_decks_page_selected_deck (self);
  GtkWidget *dialog, *entry;

  if (deck == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("New Revision"), NULL);
  gtk_widget_set_name (dialog, "deck-revise-dialog");
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Say what changed in “%s”, then choose the newer file. The explanatory texts move to the matching slides."),
                                  mdg_deck_get_title (deck));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What changed"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "choose", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (revise_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_mdg_decks_page_class_init_import (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "decks.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "decks.revise", NULL, revise_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "decks.import", NULL);
}
