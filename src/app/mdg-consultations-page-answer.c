/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-chooser.h"
#include "mdg-consultations-page-private.h"
#include "mdg-database-work.h"
#include "mdg-draft-store.h"
#include "mdg-faq-store.h"
#include "mdg-window.h"

/*
 * The answer being written to the consultation shown, kept as a draft as intake is
 * (one draft per consultation, found again when it is shown again), recorded with
 * Record Answer; and the FAQ: an answer inserted from it, an entry made from the
 * consultation.
 */

static void
set_answer_text (MdgConsultationsPage *self,
                 const char           *text)
{
  self->answer_filling = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->answer_view), text ? text : "", -1);
  self->answer_filling = FALSE;
}

/* The answer typed so far goes to its writer, which writes it once typing pauses. */
static void
answer_changed_cb (MdgConsultationsPage *self)
{
  g_autofree char *text = NULL;

  if (self->answer_filling || self->answer_writer == NULL)
    return;
  text = _mdg_consultations_page_view_text (self->answer_view);
  _mdg_consultations_page_draft_field_changed (self, self->answer_writer, "answer", text);
}

/* Lets go of the answer's writer: what it still holds is written all the same. */
void
_mdg_consultations_page_answer_release (MdgConsultationsPage *self)
{
  if (self->answer_writer == NULL)
    return;
  _mdg_draft_writer_kick (self->answer_writer);
  g_clear_pointer (&self->answer_writer, _mdg_draft_writer_unref);
}

typedef struct
{
  gint64 staff_id;
  gint64 consultation_id;
  gint64 draft_id;
  char  *answer;
} AnswerDraftLookup;

static void
answer_draft_lookup_free (AnswerDraftLookup *lookup)
{
  g_free (lookup->answer);
  g_free (lookup);
}

static gboolean
answer_draft_lookup_run (MdgDatabase  *connection,
                         gpointer      data,
                         GError      **error)
{
  AnswerDraftLookup *lookup = data;
  g_autoptr(GPtrArray) drafts = mdg_draft_store_list (connection, MDG_DRAFT_KIND_ANSWER, lookup->staff_id, error);

  if (drafts == NULL)
    return FALSE;
  for (guint i = 0; i < drafts->len; i++)
    {
      MdgDraft *draft = g_ptr_array_index (drafts, i);
      g_autoptr(GHashTable) fields = NULL;

      if (draft->target_id != lookup->consultation_id)
        continue;
      if (!(fields = mdg_draft_store_load (connection, draft->id, error)))
        return FALSE;
      lookup->draft_id = draft->id;
      lookup->answer = g_strdup (g_hash_table_lookup (fields, "answer"));
      break;
    }
  return TRUE;
}

static void
answer_draft_found (GtkWidget *widget,
                    gpointer   data)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  AnswerDraftLookup *lookup = data;

  MdgConsultation *c = self->shown;

  /* Another consultation was chosen meanwhile: that one has its own look-up. */
  if (self->answer_for != lookup->consultation_id || self->answer_writer != NULL)
    return;
  if (lookup->draft_id != 0 && c != NULL && mdg_consultation_get_loaded (c) &&
      mdg_consultation_get_id (c) == lookup->consultation_id &&
      (mdg_consultation_get_state (c) == MDG_CONSULTATION_STATE_ANSWERED ||
       mdg_consultation_get_state (c) == MDG_CONSULTATION_STATE_CLOSED))
    {
      /* Left by an answer recorded while another consultation was shown: no draft any more. */
      g_autoptr(DraftWriter) stale = _mdg_draft_writer_new (get_database (self), NULL, MDG_DRAFT_KIND_ANSWER, 0, 0,
                                                            lookup->draft_id);

      stale->discard_requested = TRUE;
      _mdg_draft_writer_kick (stale);
      self->answer_for = 0;
      return;
    }
  self->answer_writer = _mdg_draft_writer_new (get_database (self), self, MDG_DRAFT_KIND_ANSWER, lookup->staff_id,
                                               lookup->consultation_id, lookup->draft_id);
  if (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->answer_view)) > 0)
    {
      /* Typed before the look-up came back: what is on screen wins, and is written now. */
      answer_changed_cb (self);
      return;
    }
  if (lookup->answer != NULL && *lookup->answer != '\0')
    {
      set_answer_text (self, lookup->answer);
      _mdg_toast (widget, _("The answer typed earlier is back: nothing typed was lost"));
    }
}

/* The answer editor follows the consultation shown: its own draft, found again if one was left. */
void
_mdg_consultations_page_answer_follow (MdgConsultationsPage *self)
{
  gint64 id = self->shown != NULL ? mdg_consultation_get_id (self->shown) : 0;
  AnswerDraftLookup *lookup;

  if (id == self->answer_for)
    return;
  _mdg_consultations_page_answer_release (self);
  self->answer_for = id;
  set_answer_text (self, NULL);
  if (id == 0)
    return;
  /* The writer comes with the look-up's answer, so that an answer has one draft, never two. */
  lookup = g_new0 (AnswerDraftLookup, 1);
  lookup->staff_id = _mdg_consultations_page_current_staff (self);
  lookup->consultation_id = id;
  _mdg_work_async (GTK_WIDGET (self), get_database (self), answer_draft_lookup_run, lookup,
                   (GDestroyNotify) answer_draft_lookup_free, answer_draft_found, FALSE);
}

/* The answer to @consultation_id was recorded: its draft goes, after any write still queued. */
void
_mdg_consultations_page_answer_done (MdgConsultationsPage *self,
                                     gint64                consultation_id)
{
  if (self->answer_for != consultation_id)
    return;
  if (self->answer_writer != NULL)
    {
      self->answer_writer->discard_requested = TRUE;
      _mdg_draft_writer_kick (self->answer_writer);
      g_clear_pointer (&self->answer_writer, _mdg_draft_writer_unref);
    }
  set_answer_text (self, NULL);
  /* Reopened later, it is answered afresh, on a new draft. */
  self->answer_for = 0;
}

static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  g_autofree char *text = NULL;
  ConsultationOp *op;

  if (self->shown == NULL)
    return;
  text = _mdg_consultations_page_view_text (self->answer_view);
  if (*g_strstrip (text) == '\0')
    {
      _mdg_toast (widget, _("Type the answer first."));
      gtk_widget_grab_focus (GTK_WIDGET (self->answer_view));
      return;
    }
  gtk_widget_action_set_enabled (widget, "consultations.answer", FALSE);
  op = _mdg_consultations_page_op_new (self, OP_ANSWER);
  op->text = g_steal_pointer (&text);
  _mdg_consultations_page_run_op (self, op);
}

/* ------------------------------------------------------------------------- */
/* The FAQ: an entry made from a consultation, an FAQ answer in an answer     */
/* ------------------------------------------------------------------------- */

typedef struct
{
  gint64 consultation_id;
  gint64 faq_id;
} MakeFaqWork;

static gboolean
make_faq_work_run (MdgDatabase  *connection,
                   gpointer      data,
                   GError      **error)
{
  MakeFaqWork *work = data;
  g_autoptr(MdgFaqEntry) entry = mdg_faq_store_draft_from_consultation (connection, work->consultation_id, error);

  if (entry == NULL)
    return FALSE;
  work->faq_id = mdg_faq_entry_get_id (entry);
  return TRUE;
}

static void
faq_made (GtkWidget *widget,
          gpointer   data)
{
  MakeFaqWork *work = data;
  GtkRoot *root = gtk_widget_get_root (widget);
  MdgSection *faq;

  /* The draft holds the requester's own words: it is shown at once to be read over. */
  if (!MDG_IS_WINDOW (root) || (faq = mdg_window_show_section (MDG_WINDOW (root), "faq")) == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (faq), "faq.show-entry", "x", work->faq_id);
  _mdg_toast (GTK_WIDGET (faq), _("An FAQ draft was made from the consultation: read it over before publishing"));
}

static void
make_faq_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  MakeFaqWork *work;

  if (self->shown == NULL || !mdg_consultation_get_loaded (self->shown))
    return;
  work = g_new0 (MakeFaqWork, 1);
  work->consultation_id = mdg_consultation_get_id (self->shown);
  _mdg_work_async (widget, get_database (self), make_faq_work_run, work, g_free, faq_made, TRUE);
}

static GPtrArray *
list_faq (MdgDatabase  *connection,
          const char   *query,
          GError      **error)
{
  return mdg_faq_store_list (connection, query, FALSE, error);
}

static void
describe_faq (gpointer   record,
              char     **title,
              char     **subtitle)
{
  *title = g_strdup (mdg_faq_entry_get_question (record));
  *subtitle = g_strdup (mdg_faq_entry_get_answer (record));
}

static void
faq_chosen_cb (GtkWidget *widget,
               gpointer   record,
               gpointer   user_data)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->answer_view);
  const char *answer = mdg_faq_entry_get_answer (record);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_insert_at_cursor (buffer, answer != NULL ? answer : "", -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (self->answer_view));
}

static void
insert_faq_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  static MdgChooserKind kind = { .list = list_faq, .describe = describe_faq, .empty_icon = "help-faq-symbolic" };

  /* _() is no constant: the strings are set when asked. */
  kind.title = _("Insert FAQ Answer");
  kind.placeholder = _("Search questions and answers");
  kind.empty_title = _("No Questions Yet");
  kind.empty_description = _("Write the answers the desk gives again and again in the FAQ section.");
  _mdg_chooser_present (widget, get_database (MDG_CONSULTATIONS_PAGE (widget)), &kind, faq_chosen_cb, NULL);
}

void
_mdg_consultations_page_class_init_answer (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "consultations.answer", NULL, answer_action);
  gtk_widget_class_install_action (widget_class, "consultations.make-faq", NULL, make_faq_action);
  gtk_widget_class_install_action (widget_class, "consultations.insert-faq", NULL, insert_faq_action);
}

void
_mdg_consultations_page_init_answer (MdgConsultationsPage *self)
{
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->answer_view), "changed", G_CALLBACK (answer_changed_cb),
                            self);
}
