/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-decks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-decks-page-private.h"
#include "mdg-document-output.h"
#include "mdg-handout.h"
#include "mdg-presenter-session.h"

/*
 * Presenting and printing: the revision shown presented (the presenter's console and
 * the audience window), and its handout with the slides' texts and the desk's contact
 * made in a worker and saved as a PDF.
 */

static void
presentation_started_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(MdgPresenterSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = mdg_presenter_session_start_finish (result, &error);
  if (session == NULL && gtk_widget_get_root (widget) != NULL)
    _mdg_decks_page_show_error (widget, "deck-present-error", _("The Deck Could Not Be Presented"), error);
  if (gtk_widget_get_root (widget) != NULL)
    gtk_widget_action_set_enabled (widget, "decks.present", TRUE);
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (widget);
  MdgDeck *deck = _mdg_decks_page_selected_deck (self);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));

  if (deck == NULL || window == NULL || gtk_window_get_application (window) == NULL)
    return;
  _mdg_decks_page_flush_text (self);
  /* Once: a second press while the session opens would open two. */
  gtk_widget_action_set_enabled (widget, "decks.present", FALSE);
  mdg_presenter_session_start_async (gtk_window_get_application (window), mdg_section_get_database (MDG_SECTION (self)),
                                     mdg_deck_get_id (deck),
                                     /* The revision chosen in the list, not always the newest. */
                                     self->revision != NULL ? mdg_deck_revision_get_number (self->revision) : 0,
                                     FALSE, NULL, presentation_started_cb,
                                     g_object_ref (widget));
}

static const struct {
  MdgHandoutLayout  layout;
  const char       *label;
} handout_layouts[] = {
  { MDG_HANDOUT_LAYOUT_NOTES, N_("Slides with their explanatory text") },
  { MDG_HANDOUT_LAYOUT_1, N_("1 slide per page") },
  { MDG_HANDOUT_LAYOUT_2, N_("2 slides per page") },
  { MDG_HANDOUT_LAYOUT_3, N_("3 slides with lines for notes") },
  { MDG_HANDOUT_LAYOUT_4, N_("4 slides per page") },
  { MDG_HANDOUT_LAYOUT_6, N_("6 slides per page") },
};

typedef struct
{
  MdgDeckRevision  *revision;
  MdgHandoutLayout  layout;
  gboolean          print;
  char             *name;      /* the file name offered */
  MdgDocument      *document;  /* out */
} Handout;

static void
handout_free (gpointer data)
{
  Handout *handout = data;

  g_clear_object (&handout->revision);
  g_clear_object (&handout->document);
  g_free (handout->name);
  g_free (handout);
}

/* Reading the slides, their texts and the desk's contact is for a worker. */
static gboolean
handout_work (MdgDatabase  *connection,
              gpointer      data,
              GError      **error)
{
  Handout *handout = data;

  handout->document = mdg_handout_new_for_revision (connection, handout->revision, NULL, handout->layout, error);
  return handout->document != NULL;
}

typedef struct
{
  GWeakRef  widget;
  Handout  *handout;  /* shared with the work, which is over when the callback runs */
} HandoutCall;

/* A handout that never started. */
void
_mdg_decks_page_handout_call_free (gpointer data)
{
  HandoutCall *call = data;

  handout_free (call->handout);
  g_weak_ref_clear (&call->widget);
  g_free (call);
}

static void
handout_ready_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  HandoutCall *call = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&call->widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgDocument) document = NULL;
  gboolean print = call->handout->print;
  g_autofree char *name = g_strdup (call->handout->name);

  if (mdg_database_work_finish (MDG_DATABASE (source), result, handout_work, &error))
    document = g_steal_pointer (&call->handout->document);
  g_weak_ref_clear (&call->widget);
  g_free (call);

  if (widget == NULL || gtk_widget_get_root (widget) == NULL)
    return;
  if (document == NULL)
    {
      _mdg_toast_error (widget, error);
      return;
    }
  _mdg_document_apply_settings (document);
  if (print)
    _mdg_document_print (widget, document);
  else
    _mdg_document_save_pdf (widget, document, name);
}

static void
handout_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     MdgDecksPage     *self)
{
  GtkDropDown *layouts = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  guint index = gtk_drop_down_get_selected (layouts);
  MdgDeck *deck = _mdg_decks_page_selected_deck (self);
  Handout *handout;
  HandoutCall *call;

  if ((!g_str_equal (response, "save") && !g_str_equal (response, "print")) || self->revision == NULL ||
      deck == NULL || index >= G_N_ELEMENTS (handout_layouts))
    return;

  /* What was just typed is written first: the handout is read once no text waits. */
  _mdg_decks_page_flush_text (self);
  handout = g_new0 (Handout, 1);
  handout->revision = g_object_ref (self->revision);
  handout->layout = handout_layouts[index].layout;
  handout->print = g_str_equal (response, "print");
  /* Translators: the suggested file name of a deck's handout */
  handout->name = g_strdup_printf (_("%s handout.pdf"), mdg_deck_get_title (deck));
  call = g_new0 (HandoutCall, 1);
  g_weak_ref_init (&call->widget, self);
  call->handout = handout;
  if (self->waiting_handout != NULL)
    _mdg_decks_page_handout_call_free (self->waiting_handout);
  self->waiting_handout = call;
  if (self->n_saving == 0)
    _mdg_decks_page_start_handout (self);
}

void
_mdg_decks_page_start_handout (MdgDecksPage *self)
{
  HandoutCall *call = g_steal_pointer (&self->waiting_handout);

  mdg_database_work_async (mdg_section_get_database (MDG_SECTION (self)), handout_work, call->handout, handout_free,
                           handout_work, NULL, handout_ready_cb, call);
}

static void
handout_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdgDecksPage *self = MDG_DECKS_PAGE (widget);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *layouts;

  if (self->revision == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (handout_layouts); i++)
    gtk_string_list_append (names, _(handout_layouts[i].label));
  layouts = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_widget_set_name (layouts, "deck-handout-layout");

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Print Handout"), NULL);
  gtk_widget_set_name (dialog, "deck-handout-dialog");
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Revision %u, on the paper chosen in Preferences, with the desk’s contact on every page."),
                                  mdg_deck_revision_get_number (self->revision));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), layouts);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save PDF…"),
                                    "print", _("_Print…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "print");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (handout_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_mdg_decks_page_class_init_present (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "decks.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "decks.handout", NULL, handout_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "decks.present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "decks.handout", NULL);
}
