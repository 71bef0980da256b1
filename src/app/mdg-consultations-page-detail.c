/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-consultation-sheet.h"
#include "mdg-consultation-store.h"
#include "mdg-consultations-page-private.h"
#include "mdg-database-private.h"
#include "mdg-date.h"
#include "mdg-document-output.h"

/*
 * The consultation shown: its facts (a selectable label each), who took it (read
 * from its history), the buttons its state allows, and its record sheet.
 */

/* The facts the detail shows, a label each (made once: the labels are selectable). */
static const struct
{
  const char *name;
  const char *title;
} facts[] = {
  { "consultation-channel", N_("Channel") },
  { "consultation-received", N_("Received") },
  { "consultation-organization", N_("Organization") },
  { "consultation-person", N_("Person") },
  { "consultation-categories", N_("Categories") },
  { "consultation-urgency", N_("Urgency") },
  { "consultation-state", N_("State") },
  { "consultation-taken-by", N_("Taken by") },
  { "consultation-assignee", N_("Dispatched to") },
  { "consultation-referral", N_("Referred to") },
};

static void
add_fact (MdgConsultationsPage *self,
          int                   row,
          const char           *name,
          const char           *title,
          const char           *value)
{
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label = gtk_label_new (value != NULL && *value != '\0' ? value : "—");

  gtk_label_set_xalign (GTK_LABEL (title_label), 1);
  gtk_label_set_yalign (GTK_LABEL (title_label), 0);
  gtk_widget_add_css_class (title_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_widget_set_name (value_label, name);
  gtk_grid_attach (self->detail_grid, title_label, 0, row, 1, 1);
  gtk_grid_attach (self->detail_grid, value_label, 1, row, 1, 1);
}

static void
set_fact (MdgConsultationsPage *self,
          const char           *name,
          const char           *value)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_grid)); child;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (gtk_widget_get_name (child), name))
      gtk_label_set_text (GTK_LABEL (child), value != NULL && *value != '\0' ? value : "—");
}

static GPtrArray *
list_history_thread (MdgDatabase  *connection,
                     gpointer      data,
                     GError      **error)
{
  return mdg_consultation_store_list_history (connection, *(gint64 *) data, error);
}

static void
history_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MdgConsultationsPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = _mdg_database_list_finish (MDG_DATABASE (source), result, list_history_thread, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_CONSULTATIONS_PAGE (user_data);
  if (events == NULL)
    {
      set_fact (self, "consultation-taken-by", error->message);
      return;
    }
  for (guint i = 0; i < events->len; i++)
    {
      MdgConsultationEvent *event = g_ptr_array_index (events, i);

      if (event->action == MDG_CONSULTATION_ACTION_CREATED)
        {
          set_fact (self, "consultation-taken-by", event->staff_name);
          break;
        }
    }
}

static void
update_actions (MdgConsultationsPage *self)
{
  MdgConsultation *c = self->shown;
  gboolean loaded = c != NULL && mdg_consultation_get_loaded (c);
  MdgConsultationState state = loaded ? mdg_consultation_get_state (c) : MDG_CONSULTATION_STATE_CLOSED;
  gboolean answered = state == MDG_CONSULTATION_STATE_ANSWERED || state == MDG_CONSULTATION_STATE_CLOSED;

  gtk_widget_set_visible (self->dispatch_button, loaded && !answered);
  gtk_widget_set_visible (self->refer_button, loaded && state != MDG_CONSULTATION_STATE_CLOSED);
  /* First line answers a new one at once: the core takes it from new to answered in one step. */
  gtk_button_set_label (self->answer_button, state == MDG_CONSULTATION_STATE_NEW ? _("Answer _Now") : _("Record _Answer"));
  gtk_widget_set_visible (self->start_button, loaded && state == MDG_CONSULTATION_STATE_DISPATCHED);
  gtk_widget_set_visible (self->reply_button,
                          loaded && answered && mdg_consultation_get_channel (c) == MDG_CHANNEL_EMAIL);
  gtk_widget_set_visible (self->answer_editor,
                          loaded && (state == MDG_CONSULTATION_STATE_NEW || state == MDG_CONSULTATION_STATE_IN_PROGRESS));
  /* Only the transitions the state allows are offered; the core still refuses the others. */
  gtk_widget_set_visible (self->close_button, loaded && state == MDG_CONSULTATION_STATE_ANSWERED);
  gtk_widget_set_visible (self->reopen_button, loaded && answered);
  gtk_widget_set_visible (self->print_button, loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.print-sheet", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.make-faq", loaded);
  /* A closed consultation is not changed (the core refuses it): reopened first. */
  gtk_widget_set_sensitive (self->sensitive_row, loaded && state != MDG_CONSULTATION_STATE_CLOSED);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->sensitive_row),
                               state == MDG_CONSULTATION_STATE_CLOSED
                                 ? _("A named victim or a police matter. Reopen the consultation to change this.")
                                 : _("A named victim or a police matter: the record sheet and every export say so"));
  gtk_widget_set_visible (self->action_box, gtk_widget_get_visible (self->dispatch_button) ||
                                            gtk_widget_get_visible (self->refer_button) ||
                                            gtk_widget_get_visible (self->start_button) ||
                                            gtk_widget_get_visible (self->reply_button));
  gtk_widget_set_visible (self->state_box, loaded);
}

/* The record sheet (相談記録票), made in a worker and saved through the file chooser. */
typedef struct
{
  gint64       id;
  MdgDocument *document;
} SheetWork;

static void
sheet_work_free (SheetWork *work)
{
  g_clear_object (&work->document);
  g_free (work);
}

static gboolean
sheet_work_run (MdgDatabase  *connection,
                gpointer      data,
                GError      **error)
{
  SheetWork *work = data;

  work->document = mdg_consultation_sheet_load (connection, work->id, error);
  return work->document != NULL;
}

static void
sheet_made (GtkWidget *widget,
            gpointer   data)
{
  SheetWork *work = data;
  /* Translators: the file name offered for a consultation record sheet, with the consultation's number */
  g_autofree char *name = g_strdup_printf (_("Consultation Record %lld.pdf"), (long long) work->id);

  _mdg_document_apply_settings (work->document);
  _mdg_document_save_pdf (widget, work->document, name);
}

static void
print_sheet_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  SheetWork *work;

  if (self->shown == NULL || !mdg_consultation_get_loaded (self->shown))
    return;
  work = g_new0 (SheetWork, 1);
  work->id = mdg_consultation_get_id (self->shown);
  _mdg_work_async (widget, get_database (self), sheet_work_run, work, (GDestroyNotify) sheet_work_free, sheet_made,
                   FALSE);
}

static void
fill_detail (MdgConsultationsPage *self)
{
  MdgConsultation *c = self->shown;
  g_autofree char *received = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autofree char *categories = NULL;
  g_autofree char *honorific = NULL;
  const char *answer, *person;

  update_actions (self);
  if (c == NULL || !mdg_consultation_get_loaded (c))
    {
      for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
        set_fact (self, facts[i].name, NULL);
      gtk_label_set_text (self->detail_subject, "");
      gtk_label_set_text (self->detail_question, "");
      gtk_label_set_text (self->detail_answer, "");
      return;
    }

  date = mdg_date_format (mdg_consultation_get_received_at (c), MDG_DATE_DEFAULT);
  time = mdg_time_format (mdg_consultation_get_received_at (c));
  /* Translators: a date with its weekday, then a time */
  received = g_strdup_printf (C_("date and time", "%s %s"), date, time);
  categories = mdg_consultation_dup_categories_text (c, NULL);
  gtk_label_set_text (self->detail_subject, mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT));
  set_fact (self, "consultation-channel", mdg_channel_get_label (mdg_consultation_get_channel (c)));
  set_fact (self, "consultation-received", received);
  set_fact (self, "consultation-organization", mdg_consultation_get_text (c, MDG_CONSULTATION_ORGANIZATION));
  person = mdg_consultation_get_text (c, MDG_CONSULTATION_PERSON);
  honorific = person != NULL && *person != '\0' ? _mdg_format_honorific (person) : NULL;
  set_fact (self, "consultation-person", honorific);
  set_fact (self, "consultation-categories", categories);
  set_fact (self, "consultation-urgency", mdg_urgency_get_label (mdg_consultation_get_urgency (c)));
  set_fact (self, "consultation-state", mdg_consultation_state_get_label (mdg_consultation_get_state (c)));
  set_fact (self, "consultation-taken-by", NULL);
  set_fact (self, "consultation-assignee", mdg_consultation_get_text (c, MDG_CONSULTATION_ASSIGNEE));
  set_fact (self, "consultation-referral", mdg_consultation_get_text (c, MDG_CONSULTATION_REFERRAL));
  /* As stored: the switch's handler writes only a change from it. */
  gtk_switch_set_active (self->sensitive_switch, mdg_consultation_get_sensitive (c));
  gtk_label_set_text (self->detail_question, mdg_consultation_get_text (c, MDG_CONSULTATION_QUESTION) ?: "—");
  answer = mdg_consultation_get_text (c, MDG_CONSULTATION_ANSWER);
  gtk_label_set_text (self->detail_answer, answer != NULL && *answer != '\0' ? answer : _("Not answered yet."));
  /* While the answer is being written, the editor says it all. */
  gtk_widget_set_visible (GTK_WIDGET (self->detail_answer),
                          (answer != NULL && *answer != '\0') || !gtk_widget_get_visible (self->answer_editor));

  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  self->detail_cancellable = g_cancellable_new ();
  _mdg_database_list_async (get_database (self), list_history_thread, g_memdup2 (&(gint64) { mdg_consultation_get_id (c) },
                                                                                 sizeof (gint64)),
                            g_free, list_history_thread, self->detail_cancellable, history_listed_cb, self);
}

static gboolean
fill_detail_idle_cb (gpointer user_data)
{
  MdgConsultationsPage *self = user_data;

  self->fill_idle_id = 0;
  fill_detail (self);
  return G_SOURCE_REMOVE;
}

/* Read again after a change (every property notifies): the detail follows, once. */
static void
shown_notify_cb (MdgConsultationsPage *self)
{
  if (self->fill_idle_id == 0 && mdg_consultation_get_loaded (self->shown))
    self->fill_idle_id = g_idle_add (fill_detail_idle_cb, self);
}

void
_mdg_consultations_page_show_consultation (MdgConsultationsPage *self,
                                           MdgConsultation      *c)
{
  if (self->shown != NULL)
    g_clear_signal_handler (&self->shown_handler, self->shown);
  g_set_object (&self->shown, c);
  if (c != NULL)
    self->shown_handler = g_signal_connect_swapped (c, "notify", G_CALLBACK (shown_notify_cb), self);
  _mdg_consultations_page_answer_follow (self);
  fill_detail (self);
}

void
_mdg_consultations_page_class_init_detail (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "consultations.print-sheet", NULL, print_sheet_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "consultations.print-sheet", NULL);
}

void
_mdg_consultations_page_init_detail (MdgConsultationsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    add_fact (self, i, facts[i].name, _(facts[i].title), NULL);
}
