/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-category.h"
#include "mdg-chooser.h"
#include "mdg-consultation-import-dialog.h"
#include "mdg-consultation-model.h"
#include "mdg-consultation-sheet.h"
#include "mdg-consultation-store.h"
#include "mdg-consultations-page.h"
#include "mdg-database-private.h"
#include "mdg-database-work.h"
#include "mdg-date.h"
#include "mdg-document-output.h"
#include "mdg-draft-store.h"
#include "mdg-error.h"
#include "mdg-faq-store.h"
#include "mdg-mail.h"
#include "mdg-organization-store.h"
#include "mdg-person.h"
#include "mdg-person-row.h"
#include "mdg-person-store.h"
#include "mdg-staff-group.h"
#include "mdg-staff-store.h"
#include "mdg-window.h"

/*
 * The Consultations section: the list of consultations (newest first, searched as
 * the user types through the core's full-text search, narrowed by state) beside the
 * consultation chosen, and the intake form a first-line specialist types into while
 * the caller talks.
 *
 * Everything typed in the intake form goes into a draft in the database (the
 * DraftWriter below), a moment after the typing pauses and always in a worker: a
 * window that is closed or killed loses at most that moment, and the next window
 * offers the draft back. Saving is the draft's submission (mdg_draft_store_submit_
 * consultation), so what is saved is exactly what was kept, and a failed save leaves
 * the draft and the form as they were.
 */

/* The state filter's entries: -1 for every state. */
static const int state_filter[] = {
  -1,
  MDG_CONSULTATION_STATE_NEW,
  MDG_CONSULTATION_STATE_DISPATCHED,
  MDG_CONSULTATION_STATE_IN_PROGRESS,
  MDG_CONSULTATION_STATE_ANSWERED,
  MDG_CONSULTATION_STATE_CLOSED,
};

/* The urgencies intake offers, in the order of the combo row: MdgUrgency values. */
#define N_URGENCIES (MDG_URGENCY_URGENT + 1)
#define N_CHANNELS  (MDG_CHANNEL_ON_SITE + 1)
#define N_QUEUES    (MDG_CONSULTATION_QUEUE_OVERDUE + 1)

/* ------------------------------------------------------------------------- */
/* Drafts (the intake, an answer), written in the background                 */
/* ------------------------------------------------------------------------- */

/*
 * One writer for every draft the section keeps: the intake form's, and the answer
 * being written to the consultation shown (kind "answer", that consultation as its
 * target; only intake is ever submitted). Outlives the page on purpose: what was typed just before the window closed is
 * still written. The main thread owns every member except while a write is in
 * flight, when the worker alone uses draft_id, writing and the submission's members.
 */
typedef struct
{
  MdgDatabase *db;
  GWeakRef     page;
  const char  *kind;            /* MDG_DRAFT_KIND_CONSULTATION or MDG_DRAFT_KIND_ANSWER */
  gint64       staff_id;
  gint64       target_id;       /* the consultation an answer is for */
  gint64       draft_id;
  GHashTable  *pending;         /* name → value typed since the last write */
  GHashTable  *writing;         /* what the write in flight writes */
  gboolean     in_flight;
  gboolean     submit_requested;
  gboolean     discard_requested;
  gint64       actor_id;
  /* the write in flight */
  gboolean     submitting;
  gboolean     discarding;
  gint64       consultation_id;
} DraftWriter;

static void draft_writer_kick (DraftWriter *writer);

static DraftWriter *
draft_writer_new (MdgDatabase *db,
                  gpointer     page,
                  const char  *kind,
                  gint64       staff_id,
                  gint64       target_id,
                  gint64       draft_id)
{
  DraftWriter *writer = g_atomic_rc_box_new0 (DraftWriter);

  writer->db = g_object_ref (db);
  g_weak_ref_init (&writer->page, page);
  writer->kind = kind;
  writer->staff_id = staff_id;
  writer->target_id = target_id;
  writer->draft_id = draft_id;
  writer->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return writer;
}

static void
draft_writer_clear (DraftWriter *writer)
{
  g_object_unref (writer->db);
  g_weak_ref_clear (&writer->page);
  g_hash_table_unref (writer->pending);
  g_clear_pointer (&writer->writing, g_hash_table_unref);
}

static DraftWriter *
draft_writer_ref (DraftWriter *writer)
{
  return g_atomic_rc_box_acquire (writer);
}

static void
draft_writer_unref (DraftWriter *writer)
{
  g_atomic_rc_box_release_full (writer, (GDestroyNotify) draft_writer_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DraftWriter, draft_writer_unref)

static gboolean
draft_writer_idle (DraftWriter *writer)
{
  return !writer->in_flight && g_hash_table_size (writer->pending) == 0 &&
         !writer->submit_requested && !writer->discard_requested;
}

/* Runs in a worker, on the worker's own connection. */
static gboolean
draft_write_thread (MdgDatabase  *connection,
                    gpointer      data,
                    GError      **error)
{
  DraftWriter *writer = data;
  GHashTableIter iter;
  gpointer name, value;

  if (writer->discarding)
    return writer->draft_id == 0 || mdg_draft_store_discard (connection, writer->draft_id, error);

  if (writer->draft_id == 0 && (g_hash_table_size (writer->writing) > 0 || writer->submitting))
    {
      writer->draft_id = mdg_draft_store_create (connection, writer->kind, writer->staff_id, writer->target_id, error);
      if (writer->draft_id == 0)
        return FALSE;
    }
  g_hash_table_iter_init (&iter, writer->writing);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (!mdg_draft_store_set (connection, writer->draft_id, name, *(char *) value ? value : NULL, error))
      return FALSE;
  g_hash_table_remove_all (writer->writing);

  if (writer->submitting)
    {
      writer->consultation_id = mdg_draft_store_submit_consultation (connection, writer->actor_id, writer->draft_id,
                                                                     error);
      if (writer->consultation_id == 0)
        return FALSE;
      writer->draft_id = 0;
    }
  return TRUE;
}

static void draft_written (DraftWriter *writer, gboolean submitted, gint64 consultation_id, GError *error);

static void
draft_write_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DraftWriter) writer = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = mdg_database_work_finish (MDG_DATABASE (source), result, draft_write_thread, &error);
  gboolean submitted = writer->submitting;

  writer->in_flight = FALSE;
  writer->submitting = FALSE;
  writer->discarding = FALSE;
  if (!ok && writer->writing != NULL)
    {
      /* Nothing typed is lost: what failed is written again with what came after. */
      GHashTableIter iter;
      gpointer name, value;

      g_hash_table_iter_init (&iter, writer->writing);
      while (g_hash_table_iter_next (&iter, &name, &value))
        if (!g_hash_table_contains (writer->pending, name))
          g_hash_table_insert (writer->pending, g_strdup (name), g_strdup (value));
    }
  g_clear_pointer (&writer->writing, g_hash_table_unref);

  draft_written (writer, submitted, ok ? writer->consultation_id : 0, ok ? NULL : error);
  /* A failed write is not retried in a loop: the next keystroke or Save tries again. */
  if (ok)
    draft_writer_kick (writer);
}

/* Starts the next write when there is something to write and no write in flight. */
static void
draft_writer_kick (DraftWriter *writer)
{
  if (writer->in_flight)
    return;
  if (writer->discard_requested)
    {
      writer->discard_requested = FALSE;
      writer->submit_requested = FALSE;
      g_hash_table_remove_all (writer->pending);
      writer->discarding = TRUE;
    }
  else if (writer->submit_requested)
    {
      writer->submit_requested = FALSE;
      writer->submitting = TRUE;
    }
  else if (g_hash_table_size (writer->pending) == 0)
    return;

  writer->writing = g_steal_pointer (&writer->pending);
  writer->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  writer->consultation_id = 0;
  writer->in_flight = TRUE;
  mdg_database_work_async (writer->db, draft_write_thread, draft_writer_ref (writer),
                           (GDestroyNotify) draft_writer_unref, draft_write_thread, NULL, draft_write_cb,
                           draft_writer_ref (writer));
}

static void
draft_writer_set (DraftWriter *writer,
                  const char  *name,
                  const char  *value)
{
  g_hash_table_insert (writer->pending, g_strdup (name), g_strdup (value ? value : ""));
}

/* ------------------------------------------------------------------------- */

struct _MdgConsultationsPage
{
  MdgSection            parent_instance;

  /* template widgets */
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  GtkWidget            *detail_pane;
  GtkRevealer          *draft_revealer;
  GtkLabel             *draft_label;
  GtkListBox           *queue_list;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *state_dropdown;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  AdwStatusPage        *empty_status;
  AdwWindowTitle       *detail_title;
  GtkWidget            *save_button;
  GtkWidget            *cancel_button;
  GtkWidget            *detail_menu_button;
  GtkStack             *detail_stack;
  GtkLabel             *detail_subject;
  GtkGrid              *detail_grid;
  GtkLabel             *detail_question;
  GtkLabel             *detail_answer;
  GtkWidget            *action_box;
  GtkWidget            *state_box;
  GtkWidget            *dispatch_button;
  GtkWidget            *refer_button;
  GtkButton            *answer_button;
  GtkWidget            *start_button;
  GtkWidget            *reply_button;
  GtkWidget            *close_button;
  GtkWidget            *reopen_button;
  GtkWidget            *print_button;
  GtkWidget            *sensitive_row;
  GtkSwitch            *sensitive_switch;
  GtkWidget            *answer_editor;
  GtkTextView          *answer_view;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  AdwComboRow          *channel_row;
  AdwEntryRow          *received_row;
  GtkLabel             *received_weekday;
  AdwEntryRow          *organization_row;
  AdwEntryRow          *person_row;
  GtkWidget            *person_known;
  AdwExpanderRow       *new_person_row;
  AdwEntryRow          *family_name_row;
  AdwEntryRow          *given_name_row;
  AdwEntryRow          *family_kana_row;
  AdwEntryRow          *given_kana_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *phone_row;
  AdwComboRow          *urgency_row;
  GtkFlowBox           *category_box;
  AdwEntryRow          *subject_row;
  GtkTextView          *question_view;

  /* owned */
  GSettings            *settings;
  GCancellable         *cancellable;
  GCancellable         *detail_cancellable;
  MdgConsultationModel *model;
  GtkSingleSelection   *selection;
  MdgConsultation      *shown;
  gulong                shown_handler;
  GPtrArray            *categories;       /* MdgCategory offered in intake */
  DraftWriter          *writer;           /* the intake being typed, or NULL */
  DraftWriter          *answer_writer;    /* the answer to the consultation shown, or NULL */
  gint64                answer_for;       /* the consultation the answer editor is for (looked up or kept) */
  gboolean              answer_filling;   /* the answer editor is being filled, not typed into */
  guint                 draft_timeout_id;
  gint64                offered_draft_id; /* a draft left by an earlier window */
  gboolean              filling;          /* the form is being filled, not typed into */
  gboolean              saving;
  gint64                select_after_load;
  guint                 select_idle_id;
  guint                 fill_idle_id;
  GtkPopover           *organization_popover;
  GtkListBox           *organization_list;
  GCancellable         *organization_cancellable;
  GtkPopover           *person_popover;
  GtkListBox           *person_list;
  GCancellable         *person_cancellable;
  gint64                person_id;        /* the person chosen in intake, or 0 */
  gint64                duplicate_id;     /* the known person a duplicate dialog offers */
  GtkLabel             *queue_counts[N_QUEUES];
  GCancellable         *counts_cancellable;
};

G_DEFINE_FINAL_TYPE (MdgConsultationsPage, mdg_consultations_page, MDG_TYPE_SECTION)

static void answer_draft_done (MdgConsultationsPage *self,
                               gint64                consultation_id);
static void answer_draft_follow (MdgConsultationsPage *self);
static gboolean draft_timeout_cb (gpointer user_data);

/* A field of a draft changed: noted, and written once typing pauses. */
static void
draft_field_changed (MdgConsultationsPage *self,
                     DraftWriter          *writer,
                     const char           *name,
                     const char           *value)
{
  draft_writer_set (writer, name, value);
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_timeout_id = g_timeout_add (MDG_CONSULTATIONS_DRAFT_DELAY_MS, draft_timeout_cb, self);
}

static MdgDatabase *
get_database (MdgConsultationsPage *self)
{
  return mdg_section_get_database (MDG_SECTION (self));
}

static gint64
current_staff (MdgConsultationsPage *self)
{
  return g_settings_get_int64 (self->settings, "current-staff");
}

/* Returns: (transfer full): what the text view holds: the question, or the answer */
static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* ------------------------------------------------------------------------- */
/* The list                                                                  */
/* ------------------------------------------------------------------------- */

static void
update_row (GtkListItem *item)
{
  MdgConsultation *c = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkLabel *subject = GTK_LABEL (gtk_widget_get_first_child (top));
  GtkWidget *sensitive = gtk_widget_get_next_sibling (GTK_WIDGET (subject));
  GtkLabel *state = GTK_LABEL (gtk_widget_get_next_sibling (sensitive));
  GtkLabel *meta = GTK_LABEL (gtk_widget_get_next_sibling (top));
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autofree char *line = NULL;
  const char *organization;

  if (c == NULL || !mdg_consultation_get_loaded (c))
    {
      gtk_label_set_text (subject, "");
      gtk_label_set_text (state, "");
      gtk_label_set_text (meta, "");
      gtk_widget_set_visible (sensitive, FALSE);
      return;
    }
  date = mdg_date_format (mdg_consultation_get_received_at (c), MDG_DATE_DEFAULT);
  time = mdg_time_format (mdg_consultation_get_received_at (c));
  organization = mdg_consultation_get_text (c, MDG_CONSULTATION_ORGANIZATION);
  if (organization != NULL && *organization != '\0')
    /* Translators: a consultation's line in the list: date, time, channel, organization */
    line = g_strdup_printf (_("%s %s · %s · %s"), date, time, mdg_channel_get_label (mdg_consultation_get_channel (c)),
                            organization);
  else
    /* Translators: a consultation's line in the list: date, time, channel */
    line = g_strdup_printf (_("%s %s · %s"), date, time, mdg_channel_get_label (mdg_consultation_get_channel (c)));
  gtk_label_set_text (subject, mdg_consultation_get_text (c, MDG_CONSULTATION_SUBJECT));
  gtk_label_set_text (state, mdg_consultation_state_get_label (mdg_consultation_get_state (c)));
  gtk_label_set_text (meta, line);
  gtk_widget_set_visible (sensitive, mdg_consultation_get_sensitive (c));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *subject = gtk_label_new (NULL);
  GtkWidget *sensitive = gtk_label_new (_("Sensitive"));
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (subject), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subject), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (subject, TRUE);
  gtk_widget_add_css_class (subject, "heading");
  gtk_widget_add_css_class (state, "caption");
  gtk_widget_add_css_class (state, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  /* A named victim or a police matter: seen before the consultation is opened. */
  gtk_widget_set_name (sensitive, "consultation-row-sensitive");
  gtk_widget_add_css_class (sensitive, "caption");
  gtk_widget_add_css_class (sensitive, "warning");
  gtk_widget_set_visible (sensitive, FALSE);
  gtk_box_append (GTK_BOX (top), subject);
  gtk_box_append (GTK_BOX (top), sensitive);
  gtk_box_append (GTK_BOX (top), state);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_list_item_set_child (item, box);
}

static void
item_notify_cb (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  update_row (user_data);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  g_signal_connect_object (gtk_list_item_get_item (item), "notify", G_CALLBACK (item_notify_cb), item, 0);
  update_row (item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), item_notify_cb, item);
}

static void filter_changed_cb (MdgConsultationsPage *self);
static void import_csv_action (GtkWidget *widget, const char *action_name, GVariant *parameter);

static MdgConsultationQueue
selected_queue (MdgConsultationsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->queue_list);

  return row != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "queue")) : MDG_CONSULTATION_QUEUE_ALL;
}

static void
queues_counted_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MdgConsultationsPage *self;
  g_autoptr(GError) error = NULL;
  MdgQueueCounts counts = { 0 };
  guint values[N_QUEUES];

  if (!mdg_consultation_store_count_queues_finish (MDG_DATABASE (source), result, &counts, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _mdg_toast_error (GTK_WIDGET (user_data), error);
      return;
    }
  self = MDG_CONSULTATIONS_PAGE (user_data);
  values[MDG_CONSULTATION_QUEUE_ALL] = counts.all;
  values[MDG_CONSULTATION_QUEUE_MINE] = counts.mine;
  values[MDG_CONSULTATION_QUEUE_UNASSIGNED] = counts.unassigned;
  values[MDG_CONSULTATION_QUEUE_DISPATCHED] = counts.dispatched;
  values[MDG_CONSULTATION_QUEUE_WAITING_FOLLOW_UP] = counts.waiting_follow_up;
  values[MDG_CONSULTATION_QUEUE_OVERDUE] = counts.overdue;
  for (guint q = 0; q < N_QUEUES; q++)
    {
      g_autofree char *text = g_strdup_printf ("%u", values[q]);

      gtk_label_set_text (self->queue_counts[q], text);
    }
}

/* The queues' counts read again, in a worker; the last one asked for wins. */
static void
count_queues (MdgConsultationsPage *self)
{
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  self->counts_cancellable = g_cancellable_new ();
  mdg_consultation_store_count_queues_async (get_database (self), current_staff (self), self->counts_cancellable,
                                             queues_counted_cb, self);
}

/* Another staff member at this computer: "Mine" is theirs. */
static void
staff_changed_cb (MdgConsultationsPage *self)
{
  if (selected_queue (self) == MDG_CONSULTATION_QUEUE_MINE)
    filter_changed_cb (self);
  count_queues (self);
}

static void
model_loading_cb (MdgConsultationsPage *self)
{
  /* Every change reloads the list: the counts follow it. */
  if (!mdg_consultation_model_get_loading (self->model))
    count_queues (self);
}

static void
update_list_stack (MdgConsultationsPage *self)
{
  gboolean filtered = *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0' ||
                      gtk_drop_down_get_selected (self->state_dropdown) != 0 ||
                      selected_queue (self) != MDG_CONSULTATION_QUEUE_ALL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }
  if (mdg_consultation_model_get_loading (self->model))
    return;
  adw_status_page_set_title (self->empty_status, filtered ? _("No Matches") : _("No Consultations"));
  adw_status_page_set_description (self->empty_status,
                                   filtered ? _("Try other words, another state or another queue.")
                                            : _("Take one with New Consultation (Ctrl+N)."));
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
filter_changed_cb (MdgConsultationsPage *self)
{
  g_autoptr(MdgConsultationFilter) filter = NULL;
  const char *text;
  guint selected;

  /* Not while the template goes: its rows leave the queue list one by one. */
  if (self->model == NULL || self->search_entry == NULL || self->queue_list == NULL)
    return;
  filter = mdg_consultation_filter_new (MDG_CONSULTATION_QUEUE_ALL);
  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  selected = gtk_drop_down_get_selected (self->state_dropdown);
  filter->query = *text != '\0' ? g_strdup (text) : NULL;
  filter->state = selected < G_N_ELEMENTS (state_filter) ? state_filter[selected] : -1;
  filter->queue = selected_queue (self);
  filter->staff_id = current_staff (self);
  mdg_consultation_model_set_filter (self->model, filter);
}

/* ------------------------------------------------------------------------- */
/* The consultation shown                                                    */
/* ------------------------------------------------------------------------- */

static void
show_pane (MdgConsultationsPage *self,
           const char           *name)
{
  gboolean intake = g_str_equal (name, "intake");

  gtk_stack_set_visible_child_name (self->detail_stack, name);
  gtk_widget_set_visible (self->save_button, intake);
  gtk_widget_set_visible (self->cancel_button, intake);
  gtk_widget_set_visible (self->detail_menu_button, g_str_equal (name, "detail"));
  adw_window_title_set_title (self->detail_title, intake ? _("New Consultation") : "");
  /* Folded, the list comes back when there is nothing to show beside it. */
  adw_leaflet_set_visible_child (self->leaflet, g_str_equal (name, "none") ? self->list_pane : self->detail_pane);
}

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


/* ------------------------------------------------------------------------- */
/* Triage: dispatch, take up, answer, reply, close, reopen, mark sensitive  */
/* ------------------------------------------------------------------------- */

typedef enum
{
  OP_DISPATCH,
  OP_START,
  OP_ANSWER,
  OP_REPLY,
  OP_REFER,
  OP_CLOSE,
  OP_REOPEN,
  OP_SENSITIVE,
} OpKind;

typedef struct
{
  OpKind          kind;
  gint64          id;
  gint64          actor_id;
  gint64          specialist_id;
  gint64          referral_id;
  char           *name;      /* where it is referred */
  char           *text;      /* the note, or the answer */
  char           *path;      /* the reply's file */
  MdgMailCharset  used;
  gboolean        sensitive; /* marked sensitive, or no longer */
} ConsultationOp;

static void
consultation_op_free (ConsultationOp *op)
{
  g_free (op->text);
  g_free (op->name);
  g_free (op->path);
  g_free (op);
}

/* The op travels in the task's data, which the task frees after the callback. */
typedef struct
{
  MdgWriteWatch  *watch;
  ConsultationOp *op;
} OpCall;

/* Runs in a worker, on a copy of the consultation read there (the listed object stays the main thread's). */
static gboolean
consultation_op_thread (MdgDatabase  *connection,
                        gpointer      data,
                        GError      **error)
{
  ConsultationOp *op = data;
  g_autoptr(MdgConsultation) c = mdg_consultation_store_load (connection, op->id, error);

  if (c == NULL)
    return FALSE;
  switch (op->kind)
    {
    case OP_DISPATCH:
      return mdg_consultation_store_dispatch (connection, op->actor_id, c, op->specialist_id, op->text, error);
    case OP_START:
      return mdg_consultation_store_start (connection, op->actor_id, c, NULL, error);
    case OP_ANSWER:
      return mdg_consultation_store_answer (connection, op->actor_id, c, op->text, NULL, error);
    case OP_REFER:
      return mdg_consultation_store_refer (connection, op->actor_id, c, op->referral_id, op->text, error);
    case OP_REPLY:
      return mdg_mail_write_reply (connection, op->actor_id, c, op->path, MDG_MAIL_CHARSET_AUTO, &op->used, error);
    case OP_CLOSE:
      return mdg_consultation_store_close (connection, op->actor_id, c, NULL, error);
    case OP_REOPEN:
      return mdg_consultation_store_reopen (connection, op->actor_id, c, NULL, error);
    case OP_SENSITIVE:
      /* Saved as an edit: the history says who marked it, and a closed one is refused. */
      mdg_consultation_set_sensitive (c, op->sensitive);
      return mdg_consultation_store_save (connection, op->actor_id, c, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
consultation_op_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autofree OpCall *call = user_data;
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (call->watch);
  g_autoptr(GError) error = NULL;
  ConsultationOp *op = call->op;
  MdgConsultationsPage *self;
  g_autofree char *message = NULL;
  gboolean ok = mdg_database_work_finish (MDG_DATABASE (source), result, consultation_op_thread, &error);

  if (widget == NULL)
    return;  /* done, or not; the window has gone meanwhile */
  self = MDG_CONSULTATIONS_PAGE (widget);
  gtk_widget_action_set_enabled (widget, "consultations.answer", TRUE);
  if (!ok)
    {
      /* Refused (changed meanwhile elsewhere, say) or failed: nothing changed, and the detail
       * is read again to show the consultation as it is. A refusal says why in full: too long
       * for a toast. */
      if (g_error_matches (error, MDG_ERROR, MDG_ERROR_INVALID))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                      _("The Consultation Was Not Changed"), NULL);

          gtk_widget_set_name (dialog, "consultation-refused");
          adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        _mdg_toast_error (widget, error);
      self->select_after_load = op->id;
      mdg_consultation_model_reload (self->model);
      return;
    }
  switch (op->kind)
    {
    case OP_DISPATCH:
      message = g_strdup (_("Dispatched"));
      break;
    case OP_START:
      message = g_strdup (_("Taken up"));
      break;
    case OP_REFER:
      /* Translators: %s is an outside body, such as the police or IPA */
      message = g_strdup_printf (C_("toast", "Referred to %s"), op->name);
      break;
    case OP_ANSWER:
      message = g_strdup (_("Answer recorded"));
      /* Given, the answer is no draft any more. */
      answer_draft_done (self, op->id);
      break;
    case OP_CLOSE:
      message = g_strdup (_("Consultation closed"));
      break;
    case OP_REOPEN:
      message = g_strdup (_("Consultation reopened"));
      break;
    case OP_SENSITIVE:
      message = g_strdup (op->sensitive ? _("Marked sensitive: the record sheet and exports say so")
                                        : _("No longer marked sensitive"));
      break;
    case OP_REPLY:
      {
        g_autofree char *basename = g_path_get_basename (op->path);

        /* Translators: %s is the file name; the reply names the person it answers */
        message = g_strdup_printf (op->used == MDG_MAIL_CHARSET_ISO_2022_JP
                                     ? _("Reply saved as %s (ISO-2022-JP); it holds personal data")
                                     : _("Reply saved as %s (UTF-8); it holds personal data"),
                                   basename);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  _mdg_toast (widget, message);
  self->select_after_load = op->id;
  mdg_consultation_model_reload (self->model);
}

static void
run_op (MdgConsultationsPage *self,
        ConsultationOp       *op)
{
  OpCall *call = g_new0 (OpCall, 1);

  op->actor_id = current_staff (self);
  call->watch = _mdg_write_watch_new (GTK_WIDGET (self));
  call->op = op;
  mdg_database_work_async (get_database (self), consultation_op_thread, op, (GDestroyNotify) consultation_op_free,
                           consultation_op_thread, NULL, consultation_op_cb, call);
}

static ConsultationOp *
op_new (MdgConsultationsPage *self,
        OpKind                kind)
{
  ConsultationOp *op = g_new0 (ConsultationOp, 1);

  op->kind = kind;
  op->id = mdg_consultation_get_id (self->shown);
  return op;
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

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);

  if (self->shown != NULL)
    run_op (self, op_new (self, OP_START));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);

  if (self->shown != NULL)
    run_op (self, op_new (self, OP_CLOSE));
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);

  if (self->shown != NULL)
    run_op (self, op_new (self, OP_REOPEN));
}

static void
sensitive_switched_cb (MdgConsultationsPage *self)
{
  gboolean active = gtk_switch_get_active (self->sensitive_switch);
  ConsultationOp *op;

  /* Filled from the consultation, or back to it after a refusal: nothing to write. */
  if (self->shown == NULL || !mdg_consultation_get_loaded (self->shown) ||
      active == mdg_consultation_get_sensitive (self->shown))
    return;
  op = op_new (self, OP_SENSITIVE);
  op->sensitive = active;
  run_op (self, op);
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

/* ------------------------------------------------------------------------- */
/* The answer being written, kept as a draft as intake is                    */
/* ------------------------------------------------------------------------- */

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
  text = view_text (self->answer_view);
  draft_field_changed (self, self->answer_writer, "answer", text);
}

/* Lets go of the answer's writer: what it still holds is written all the same. */
static void
answer_writer_release (MdgConsultationsPage *self)
{
  if (self->answer_writer == NULL)
    return;
  draft_writer_kick (self->answer_writer);
  g_clear_pointer (&self->answer_writer, draft_writer_unref);
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
      g_autoptr(DraftWriter) stale = draft_writer_new (get_database (self), NULL, MDG_DRAFT_KIND_ANSWER, 0, 0,
                                                       lookup->draft_id);

      stale->discard_requested = TRUE;
      draft_writer_kick (stale);
      self->answer_for = 0;
      return;
    }
  self->answer_writer = draft_writer_new (get_database (self), self, MDG_DRAFT_KIND_ANSWER, lookup->staff_id,
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
static void
answer_draft_follow (MdgConsultationsPage *self)
{
  gint64 id = self->shown != NULL ? mdg_consultation_get_id (self->shown) : 0;
  AnswerDraftLookup *lookup;

  if (id == self->answer_for)
    return;
  answer_writer_release (self);
  self->answer_for = id;
  set_answer_text (self, NULL);
  if (id == 0)
    return;
  /* The writer comes with the look-up's answer, so that an answer has one draft, never two. */
  lookup = g_new0 (AnswerDraftLookup, 1);
  lookup->staff_id = current_staff (self);
  lookup->consultation_id = id;
  _mdg_work_async (GTK_WIDGET (self), get_database (self), answer_draft_lookup_run, lookup,
                   (GDestroyNotify) answer_draft_lookup_free, answer_draft_found, FALSE);
}

/* The answer to @consultation_id was recorded: its draft goes, after any write still queued. */
static void
answer_draft_done (MdgConsultationsPage *self,
                   gint64                consultation_id)
{
  if (self->answer_for != consultation_id)
    return;
  if (self->answer_writer != NULL)
    {
      self->answer_writer->discard_requested = TRUE;
      draft_writer_kick (self->answer_writer);
      g_clear_pointer (&self->answer_writer, draft_writer_unref);
    }
  set_answer_text (self, NULL);
  /* Reopened later, it is answered afresh, on a new draft. */
  self->answer_for = 0;
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
  text = view_text (self->answer_view);
  if (*g_strstrip (text) == '\0')
    {
      _mdg_toast (widget, _("Type the answer first."));
      gtk_widget_grab_focus (GTK_WIDGET (self->answer_view));
      return;
    }
  gtk_widget_action_set_enabled (widget, "consultations.answer", FALSE);
  op = op_new (self, OP_ANSWER);
  op->text = g_steal_pointer (&text);
  run_op (self, op);
}

static void
reply_chosen_cb (GtkNativeDialog      *chooser,
                 int                   response,
                 MdgConsultationsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->shown != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      ConsultationOp *op = op_new (self, OP_REPLY);

      op->path = g_file_get_path (file);
      if (op->path != NULL)
        run_op (self, op);
      else
        consultation_op_free (op);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->shown == NULL)
    return;
  /* Translators: the suggested file name of a reply; %lld is the consultation's number */
  name = g_strdup_printf (_("reply-%lld.eml"), (long long) mdg_consultation_get_id (self->shown));
  chooser = gtk_file_chooser_native_new (_("Save the Reply as E-mail"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (reply_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/*
 * A question with a choice among @names and a note, for dispatch and referral: its
 * widgets are named @prefix-dialog, @choice_name and @prefix-note, and its answer
 * @prefix. Returns: (transfer none): the dialog, to connect and present.
 */
static GtkWidget *
choice_dialog_new (MdgConsultationsPage  *self,
                   const char            *heading,
                   const char            *body,
                   const char            *prefix,
                   const char            *choice_name,
                   GtkStringList         *names,
                   const char            *placeholder,
                   const char            *label,
                   GtkDropDown          **choice,
                   GtkEditable          **note)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *dialog_name = g_strconcat (prefix, "-dialog", NULL);
  g_autofree char *note_name = g_strconcat (prefix, "-note", NULL);

  gtk_widget_set_name (dialog, dialog_name);
  *choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (names), NULL));
  gtk_widget_set_name (GTK_WIDGET (*choice), choice_name);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*choice));
  gtk_widget_set_name (entry, note_name);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  *note = GTK_EDITABLE (entry);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), prefix, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), prefix, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), prefix);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

/* The dispatch dialog: the specialists the categories suggest, best first, and a hand-off note. */
typedef struct
{
  MdgConsultationsPage *self;
  gint64                id;
  GArray               *staff_ids;
  GtkDropDown          *specialist;
  GtkEditable          *note;
} DispatchCall;

static void
dispatch_call_free (DispatchCall *call)
{
  g_clear_object (&call->self);
  g_array_unref (call->staff_ids);
  g_free (call);
}

static void
dispatch_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DispatchCall     *call)
{
  guint selected = gtk_drop_down_get_selected (call->specialist);
  ConsultationOp *op;

  if (!g_str_equal (response, "dispatch") || selected >= call->staff_ids->len ||
      gtk_widget_get_root (GTK_WIDGET (call->self)) == NULL)
    return;
  op = g_new0 (ConsultationOp, 1);
  op->kind = OP_DISPATCH;
  op->id = call->id;
  op->specialist_id = g_array_index (call->staff_ids, gint64, selected);
  op->text = g_strdup (gtk_editable_get_text (call->note));
  run_op (call->self, op);
}

static GPtrArray *
suggest_thread (MdgDatabase  *connection,
                gpointer      data,
                GError      **error)
{
  return mdg_staff_store_suggest_for (connection, *(gint64 *) data, error);
}

static void
suggested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MdgConsultationsPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = _mdg_database_list_finish (MDG_DATABASE (source), result, suggest_thread, &error);
  g_autoptr(GtkStringList) names = NULL;
  DispatchCall *call;
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_CONSULTATIONS_PAGE (user_data);
  if (suggestions == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  if (suggestions->len == 0 || self->shown == NULL)
    {
      _mdg_toast_needs_staff (GTK_WIDGET (self), _("There is no second-line specialist yet: add one in Preferences"));
      return;
    }

  names = gtk_string_list_new (NULL);
  call = g_new0 (DispatchCall, 1);
  call->self = g_object_ref (self);
  call->id = mdg_consultation_get_id (self->shown);
  call->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < suggestions->len; i++)
    {
      MdgStaffSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      gint64 id = mdg_staff_get_id (suggestion->staff);
      /* Translators: a specialist offered for a dispatch: name, how many of the consultation's
       * categories they handle, how many consultations they have open */
      g_autofree char *label = g_strdup_printf (_("%s — %u matching, %u open"), mdg_staff_get_name (suggestion->staff),
                                                suggestion->matching_areas, suggestion->open);

      gtk_string_list_append (names, label);
      g_array_append_val (call->staff_ids, id);
    }

  dialog = choice_dialog_new (self, _("Dispatch to a Specialist"),
                              _("The specialists who handle this consultation’s categories come first."), "dispatch",
                              "dispatch-specialist", g_steal_pointer (&names), _("Hand-off note"), _("_Dispatch"),
                              &call->specialist, &call->note);
  g_signal_connect_data (dialog, "response", G_CALLBACK (dispatch_response_cb), call,
                         (GClosureNotify) (void (*) (void)) dispatch_call_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (call->note));
}

static void
dispatch_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  gint64 id;

  if (self->shown == NULL)
    return;
  id = mdg_consultation_get_id (self->shown);
  _mdg_database_list_async (get_database (self), suggest_thread, g_memdup2 (&id, sizeof id), g_free, suggest_thread,
                            self->cancellable, suggested_cb, self);
}


/* The referral dialog: the outside bodies of the editable list, and a note. */
typedef struct
{
  MdgConsultationsPage *self;
  gint64                id;
  GPtrArray            *referrals;
  GtkDropDown          *body;
  GtkEditable          *note;
} ReferCall;

static void
refer_call_free (ReferCall *call)
{
  g_clear_object (&call->self);
  g_ptr_array_unref (call->referrals);
  g_free (call);
}

static void
refer_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   ReferCall        *call)
{
  guint selected = gtk_drop_down_get_selected (call->body);
  MdgReferral *referral;
  ConsultationOp *op;

  if (!g_str_equal (response, "refer") || selected >= call->referrals->len ||
      gtk_widget_get_root (GTK_WIDGET (call->self)) == NULL)
    return;
  referral = g_ptr_array_index (call->referrals, selected);
  op = g_new0 (ConsultationOp, 1);
  op->kind = OP_REFER;
  op->id = call->id;
  op->referral_id = referral->id;
  op->name = g_strdup (mdg_referral_get_name (referral));
  op->text = g_strdup (gtk_editable_get_text (call->note));
  run_op (call->self, op);
}

static GPtrArray *
list_referrals_thread (MdgDatabase  *connection,
                       gpointer      data,
                       GError      **error)
{
  return mdg_referral_store_list (connection, FALSE, error);
}

static void
referrals_listed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MdgConsultationsPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) referrals = _mdg_database_list_finish (MDG_DATABASE (source), result, list_referrals_thread,
                                                              &error);
  g_autoptr(GtkStringList) names = NULL;
  ReferCall *call;
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_CONSULTATIONS_PAGE (user_data);
  if (referrals == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  if (referrals->len == 0 || self->shown == NULL)
    {
      _mdg_toast (GTK_WIDGET (self), _("There is no outside body in the referral list."));
      return;
    }

  names = gtk_string_list_new (NULL);
  for (guint i = 0; i < referrals->len; i++)
    gtk_string_list_append (names, mdg_referral_get_name (g_ptr_array_index (referrals, i)));
  call = g_new0 (ReferCall, 1);
  call->self = g_object_ref (self);
  call->id = mdg_consultation_get_id (self->shown);
  call->referrals = g_steal_pointer (&referrals);

  dialog = choice_dialog_new (self, _("Refer to an Outside Body"),
                              _("The referral is kept in the consultation’s history; the consultation stays "
                                "where it is."),
                              "refer", "refer-body", g_steal_pointer (&names), _("Note (what the caller was told)"),
                              _("_Refer"), &call->body, &call->note);
  g_signal_connect_data (dialog, "response", G_CALLBACK (refer_response_cb), call,
                         (GClosureNotify) (void (*) (void)) refer_call_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (call->body));
}

static void
refer_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);

  if (self->shown == NULL)
    return;
  _mdg_database_list_async (get_database (self), list_referrals_thread, NULL, NULL, list_referrals_thread,
                            self->cancellable, referrals_listed_cb, self);
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

static void
show_consultation (MdgConsultationsPage *self,
                   MdgConsultation      *c)
{
  if (self->shown != NULL)
    g_clear_signal_handler (&self->shown_handler, self->shown);
  g_set_object (&self->shown, c);
  if (c != NULL)
    self->shown_handler = g_signal_connect_swapped (c, "notify", G_CALLBACK (shown_notify_cb), self);
  answer_draft_follow (self);
  fill_detail (self);
}

static void
selection_changed_cb (MdgConsultationsPage *self)
{
  MdgConsultation *c = gtk_single_selection_get_selected_item (self->selection);

  if (c == NULL)
    return;
  /* The intake form stays until it is saved or cancelled: its draft is kept meanwhile. */
  if (self->writer != NULL)
    return;
  show_consultation (self, c);
  show_pane (self, "detail");
}

/* Selects the consultation just saved once it is listed. */
static gboolean
select_after_load_cb (gpointer user_data)
{
  MdgConsultationsPage *self = user_data;

  self->select_idle_id = 0;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->model)); i++)
    {
      g_autoptr(MdgConsultation) c = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (mdg_consultation_get_id (c) == self->select_after_load)
        {
          self->select_after_load = 0;
          gtk_single_selection_set_selected (self->selection, i);
          selection_changed_cb (self);
          break;
        }
    }
  return G_SOURCE_REMOVE;
}

static void
model_items_changed_cb (MdgConsultationsPage *self)
{
  update_list_stack (self);
  /* Not from within the change: every view of the list takes it in first. */
  if (self->select_after_load != 0 && self->select_idle_id == 0)
    self->select_idle_id = g_idle_add (select_after_load_cb, self);
}

/* ------------------------------------------------------------------------- */
/* Intake                                                                    */
/* ------------------------------------------------------------------------- */

static void
show_error (MdgConsultationsPage *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* Returns: (nullable): "2026-12-02 09:30" read in local time */
static GDateTime *
parse_received (const char *text)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *iso = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (strlen (stripped) != 16 || stripped[10] != ' ')
    return NULL;
  stripped[10] = 'T';
  iso = g_strconcat (stripped, ":00", NULL);
  return g_date_time_new_from_iso8601 (iso, local);
}

static char *
categories_text (MdgConsultationsPage *self)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->category_box)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *toggle = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)))
        g_strv_builder_add (keys, g_object_get_data (G_OBJECT (toggle), "key"));
    }
  strv = g_strv_builder_end (keys);
  return g_strjoinv (",", strv);
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  MdgConsultationsPage *self = user_data;

  self->draft_timeout_id = 0;
  if (self->writer != NULL)
    draft_writer_kick (self->writer);
  if (self->answer_writer != NULL)
    draft_writer_kick (self->answer_writer);
  return G_SOURCE_REMOVE;
}

/* Something in the form changed: note the field, and write it once typing pauses. */
static void
field_changed (MdgConsultationsPage *self,
               const char           *name,
               const char           *value)
{
  if (self->filling || self->writer == NULL)
    return;
  draft_field_changed (self, self->writer, name, value);
}

static void
received_changed_cb (MdgConsultationsPage *self)
{
  g_autoptr(GDateTime) received = parse_received (gtk_editable_get_text (GTK_EDITABLE (self->received_row)));
  g_autofree char *weekday = NULL;
  g_autofree char *iso = NULL;

  if (received == NULL)
    {
      gtk_label_set_text (self->received_weekday, "");
      return;
    }
  weekday = mdg_date_format (received, MDG_DATE_DEFAULT);
  gtk_label_set_text (self->received_weekday, weekday);
  iso = g_date_time_format_iso8601 (received);
  field_changed (self, "received-at", iso);
}

static void
organizations_found_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  MdgConsultationsPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = mdg_organization_store_list_finish (MDG_DATABASE (source), result, &error);
  const char *typed;
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_CONSULTATIONS_PAGE (user_data);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->organization_list))))
    gtk_list_box_remove (self->organization_list, child);
  typed = gtk_editable_get_text (GTK_EDITABLE (self->organization_row));
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      MdgOrganization *organization = g_ptr_array_index (found, i);
      const char *name = mdg_organization_get_text (organization, MDG_ORGANIZATION_NAME);
      GtkWidget *label = gtk_label_new (name);
      GtkWidget *row = gtk_list_box_row_new ();
      g_autofree char *row_name = g_strdup_printf ("organization-match-%u", i);

      /* The one typed in full is already chosen. */
      if (g_strcmp0 (name, typed) == 0)
        {
          gtk_widget_set_visible (GTK_WIDGET (self->organization_popover), FALSE);
          return;
        }
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_widget_set_name (row, row_name);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (name), g_free);
      g_object_set_data (G_OBJECT (row), "id", GSIZE_TO_POINTER ((gsize) mdg_organization_get_id (organization)));
      gtk_list_box_append (self->organization_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->organization_popover),
                          gtk_widget_get_first_child (GTK_WIDGET (self->organization_list)) != NULL &&
                          gtk_widget_get_mapped (GTK_WIDGET (self->organization_row)));
}

/* An organization found as the name is typed: chosen, the consultation links to it. */
static void
organization_chosen_cb (GtkListBox           *list,
                        GtkListBoxRow        *row,
                        MdgConsultationsPage *self)
{
  g_autofree char *id = g_strdup_printf ("%" G_GSIZE_FORMAT, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id")));

  gtk_widget_set_visible (GTK_WIDGET (self->organization_popover), FALSE);
  g_cancellable_cancel (self->organization_cancellable);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->organization_row), g_object_get_data (G_OBJECT (row), "name"));
  gtk_editable_set_position (GTK_EDITABLE (self->organization_row), -1);
  self->filling = FALSE;
  field_changed (self, "organization", g_object_get_data (G_OBJECT (row), "name"));
  field_changed (self, "organization-id", id);
  gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
}

/* The rows of a person typed in inline, and the draft's field each fills ("person-" + the core's key). */
static const MdgPersonField new_person_fields[] = {
  MDG_PERSON_FAMILY_NAME, MDG_PERSON_GIVEN_NAME, MDG_PERSON_FAMILY_KANA,
  MDG_PERSON_GIVEN_KANA, MDG_PERSON_EMAIL, MDG_PERSON_PHONE,
};

static AdwEntryRow *
new_person_entry (MdgConsultationsPage *self,
                  guint                 i)
{
  AdwEntryRow *rows[] = {
    self->family_name_row, self->given_name_row, self->family_kana_row,
    self->given_kana_row, self->email_row, self->phone_row,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (rows) == G_N_ELEMENTS (new_person_fields));
  return rows[i];
}

static gboolean
new_person_typed (MdgConsultationsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (new_person_fields); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (new_person_entry (self, i)))));

      if (*text != '\0')
        return TRUE;
    }
  return FALSE;
}

/* The person chosen (@id) or none (0): the row says whether it is one from Contacts. */
static void
set_person_id (MdgConsultationsPage *self,
               gint64                id)
{
  g_autofree char *text = id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");

  self->person_id = id;
  gtk_widget_set_visible (self->person_known, id != 0);
  field_changed (self, "person-id", text);
}

static void
people_found_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MdgConsultationsPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = mdg_person_store_list_finish (MDG_DATABASE (source), result, &error);
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_CONSULTATIONS_PAGE (user_data);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->person_list))))
    gtk_list_box_remove (self->person_list, child);
  if (found == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < found->len; i++)
    {
      MdgPerson *person = g_ptr_array_index (found, i);
      GtkWidget *row = gtk_list_box_row_new ();
      g_autofree char *row_name = g_strdup_printf ("person-match-%u", i);

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), mdg_person_row_new (person));
      gtk_widget_set_name (row, row_name);
      g_object_set_data_full (G_OBJECT (row), "name", mdg_person_dup_name (person), g_free);
      g_object_set_data_full (G_OBJECT (row), "id", g_memdup2 (&(gint64) { mdg_person_get_id (person) }, sizeof (gint64)),
                              g_free);
      gtk_list_box_append (self->person_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->person_popover),
                          found->len > 0 && gtk_widget_get_mapped (GTK_WIDGET (self->person_row)));
}

/* A person found as the name, reading or address is typed: chosen, the consultation links to them. */
static void
person_chosen_cb (GtkListBox           *list,
                  GtkListBoxRow        *row,
                  MdgConsultationsPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "name");

  gtk_widget_set_visible (GTK_WIDGET (self->person_popover), FALSE);
  g_cancellable_cancel (self->person_cancellable);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->person_row), name);
  gtk_editable_set_position (GTK_EDITABLE (self->person_row), -1);
  self->filling = FALSE;
  field_changed (self, "person-query", name);
  set_person_id (self, *(gint64 *) g_object_get_data (G_OBJECT (row), "id"));
  adw_expander_row_set_expanded (self->new_person_row, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
}

static void
person_changed_cb (MdgConsultationsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->person_row));

  if (self->filling)
    return;
  show_error (self, NULL);
  field_changed (self, "person-query", text);
  /* Typed again, the person is looked for again. */
  if (self->person_id != 0)
    set_person_id (self, 0);
  g_cancellable_cancel (self->person_cancellable);
  g_clear_object (&self->person_cancellable);
  if (*text == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->person_popover), FALSE);
      return;
    }
  self->person_cancellable = g_cancellable_new ();
  mdg_person_store_list_async (get_database (self), text, 8, self->person_cancellable, people_found_cb, self);
}

static GtkPopover *
matches_popover_new (GtkWidget   *row,
                     GtkListBox **list,
                     const char  *name,
                     GCallback    chosen,
                     gpointer     self)
{
  GtkPopover *popover = GTK_POPOVER (gtk_popover_new ());

  /* The matches under the row; the keyboard stays in the row. */
  *list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (*list), name);
  gtk_list_box_set_activate_on_single_click (*list, TRUE);
  g_signal_connect (*list, "row-activated", chosen, self);
  gtk_popover_set_child (popover, GTK_WIDGET (*list));
  gtk_popover_set_autohide (popover, FALSE);
  gtk_popover_set_has_arrow (popover, FALSE);
  gtk_popover_set_position (popover, GTK_POS_BOTTOM);
  gtk_widget_set_can_focus (GTK_WIDGET (popover), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (popover), row);
  return popover;
}

static void
text_changed_cb (GtkEditable          *editable,
                 MdgConsultationsPage *self)
{
  const char *field = g_object_get_data (G_OBJECT (editable), "field");
  const char *text = gtk_editable_get_text (editable);

  if (self->filling)
    return;
  field_changed (self, field, text);
  if (!g_str_equal (field, "organization"))
    return;

  /* A name typed again is a new one until it is chosen from the matches. */
  field_changed (self, "organization-id", "");
  g_cancellable_cancel (self->organization_cancellable);
  g_clear_object (&self->organization_cancellable);
  if (*text == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->organization_popover), FALSE);
      return;
    }
  self->organization_cancellable = g_cancellable_new ();
  mdg_organization_store_list_async (get_database (self), text, 8, self->organization_cancellable,
                                     organizations_found_cb, self);
}

static void
question_changed_cb (MdgConsultationsPage *self)
{
  g_autofree char *text = view_text (self->question_view);

  field_changed (self, "question", text);
}

static void
channel_changed_cb (MdgConsultationsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->channel_row);

  if (selected < N_CHANNELS)
    field_changed (self, "channel", mdg_channel_to_string (selected));
}

static void
urgency_changed_cb (MdgConsultationsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->urgency_row);

  if (selected < N_URGENCIES)
    field_changed (self, "urgency", mdg_urgency_to_string (selected));
}

static void
category_toggled_cb (MdgConsultationsPage *self)
{
  g_autofree char *keys = categories_text (self);

  field_changed (self, "categories", keys);
}

/* Fills the form from a draft's fields (empty for a new consultation). */
static void
fill_form (MdgConsultationsPage *self,
           GHashTable           *fields)
{
  const char *text;
  MdgChannel channel = MDG_CHANNEL_PHONE;
  MdgUrgency urgency = MDG_URGENCY_NORMAL;
  g_autoptr(GDateTime) received = NULL;
  g_autofree char *received_text = NULL;
  g_auto(GStrv) keys = NULL;

  self->filling = TRUE;
  show_error (self, NULL);
  if ((text = g_hash_table_lookup (fields, "channel")))
    mdg_channel_from_string (text, &channel);
  adw_combo_row_set_selected (self->channel_row, channel);
  if ((text = g_hash_table_lookup (fields, "urgency")))
    mdg_urgency_from_string (text, &urgency);
  adw_combo_row_set_selected (self->urgency_row, urgency);

  if ((text = g_hash_table_lookup (fields, "received-at")))
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (text, local);

      if (parsed != NULL)
        received = g_date_time_to_local (parsed);
    }
  if (received == NULL)
    received = g_date_time_new_now_local ();
  received_text = g_date_time_format (received, "%Y-%m-%d %H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->received_row), received_text);
  gtk_editable_set_text (GTK_EDITABLE (self->organization_row), g_hash_table_lookup (fields, "organization") ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), g_hash_table_lookup (fields, "subject") ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->person_row), g_hash_table_lookup (fields, "person-query") ?: "");
  self->person_id = g_ascii_strtoll (g_hash_table_lookup (fields, "person-id") ?: "0", NULL, 10);
  gtk_widget_set_visible (self->person_known, self->person_id != 0);
  for (guint i = 0; i < G_N_ELEMENTS (new_person_fields); i++)
    {
      AdwEntryRow *row = new_person_entry (self, i);

      gtk_editable_set_text (GTK_EDITABLE (row), g_hash_table_lookup (fields, g_object_get_data (G_OBJECT (row), "field")) ?: "");
    }
  adw_expander_row_set_expanded (self->new_person_row, new_person_typed (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->question_view),
                            g_hash_table_lookup (fields, "question") ?: "", -1);

  keys = g_strsplit (g_hash_table_lookup (fields, "categories") ?: "", ",", -1);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->category_box)); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *toggle = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle),
                                    g_strv_contains ((const char * const *) keys,
                                                     g_object_get_data (G_OBJECT (toggle), "key")));
    }
  self->filling = FALSE;
}

/* Opens the intake form on a new draft (@draft_id 0) or on one left earlier. */
static void
start_intake (MdgConsultationsPage *self,
              gint64                draft_id,
              GHashTable           *fields)
{
  g_autoptr(GHashTable) empty = NULL;

  if (self->writer != NULL)
    {
      /* The intake already open stays as it is. */
      gtk_widget_grab_focus (GTK_WIDGET (self->organization_row));
      return;
    }
  if (fields == NULL)
    fields = empty = g_hash_table_new (g_str_hash, g_str_equal);
  self->writer = draft_writer_new (get_database (self), self, MDG_DRAFT_KIND_CONSULTATION, current_staff (self), 0,
                                  draft_id);
  fill_form (self, fields);
  if (draft_id == 0)
    {
      /* A new draft records the defaults shown, so that restoring it shows the same. */
      channel_changed_cb (self);
      urgency_changed_cb (self);
      received_changed_cb (self);
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  show_pane (self, "intake");
  gtk_widget_grab_focus (GTK_WIDGET (self->organization_row));
}

static void
end_intake (MdgConsultationsPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->organization_popover), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->person_popover), FALSE);
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  g_clear_pointer (&self->writer, draft_writer_unref);
  show_error (self, NULL);
  show_pane (self, self->shown != NULL ? "detail" : "none");
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  start_intake (MDG_CONSULTATIONS_PAGE (widget), 0, NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);

  if (self->writer == NULL)
    return;
  self->writer->discard_requested = TRUE;
  draft_writer_kick (self->writer);
  end_intake (self);
}

/* The intake written and submitted as it stands (the writer creates the new person typed, if any). */
static void
submit_intake (MdgConsultationsPage *self)
{
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->writer->actor_id = current_staff (self);
  self->writer->submit_requested = TRUE;
  draft_writer_kick (self->writer);
}

static void
saving_stopped (MdgConsultationsPage *self)
{
  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.save", TRUE);
}

static void
duplicate_response_cb (AdwMessageDialog     *dialog,
                       const char           *response,
                       MdgConsultationsPage *self)
{
  if (self->writer == NULL)
    return;
  if (g_str_equal (response, "existing"))
    {
      set_person_id (self, self->duplicate_id);
      submit_intake (self);
    }
  else if (g_str_equal (response, "new"))
    submit_intake (self);
  else
    saving_stopped (self);
}

/* Runs in a worker: the person typed in, checked, and the people already known like them. */
static GPtrArray *
find_duplicates_thread (MdgDatabase  *connection,
                        gpointer      data,
                        GError      **error)
{
  if (!mdg_person_validate (data, error))
    return NULL;
  return mdg_person_store_find_duplicates (connection, data, error);
}

static void
duplicates_found_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MdgConsultationsPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) duplicates = _mdg_database_list_finish (MDG_DATABASE (source), result, find_duplicates_thread,
                                                               &error);
  g_autofree char *name = NULL;
  g_autofree char *question = NULL;
  MdgPerson *known;
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_CONSULTATIONS_PAGE (user_data);
  if (self->writer == NULL)
    return;
  if (duplicates == NULL)
    {
      saving_stopped (self);
      show_error (self, error->message);
      adw_expander_row_set_expanded (self->new_person_row, TRUE);
      return;
    }
  if (duplicates->len == 0)
    {
      submit_intake (self);
      return;
    }

  known = g_ptr_array_index (duplicates, 0);
  self->duplicate_id = mdg_person_get_id (known);
  name = mdg_person_dup_name (known);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Is This Someone Already Known?"), NULL);
  gtk_widget_set_name (dialog, "intake-duplicate-dialog");
  question = g_strdup_printf (_("Madoguchi already knows %s, with the same e-mail address or the same name at the "
                                "same organization. Link the consultation to that person, so that their history "
                                "stays in one place?"),
                              name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), question);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "new",
                                    _("Add as New Person"), "existing", _("Use Existing Person"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "existing", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "existing");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (duplicate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  g_autoptr(GDateTime) received = NULL;
  g_autofree char *question = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *person_query = NULL;

  if (self->writer == NULL || self->saving)
    return;
  received = parse_received (gtk_editable_get_text (GTK_EDITABLE (self->received_row)));
  if (received == NULL)
    {
      show_error (self, _("The received time must be a date and time such as 2026-12-02 09:30."));
      gtk_widget_grab_focus (GTK_WIDGET (self->received_row));
      return;
    }
  question = view_text (self->question_view);
  subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row))));
  if (*g_strstrip (question) == '\0' && *subject == '\0')
    {
      show_error (self, _("Type the subject or the question before saving."));
      gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
      return;
    }

  person_query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->person_row))));
  if (self->person_id == 0 && !new_person_typed (self) && *person_query != '\0')
    {
      show_error (self, _("Choose the person from the names found, or type them in under New Person."));
      gtk_widget_grab_focus (GTK_WIDGET (self->person_row));
      return;
    }

  show_error (self, NULL);
  self->saving = TRUE;
  gtk_widget_action_set_enabled (widget, "consultations.save", FALSE);
  if (self->person_id == 0 && new_person_typed (self))
    {
      /* A new person works at the organization typed; someone like them may be known already. */
      MdgPerson *person = mdg_person_new ();
      const char *organization = gtk_editable_get_text (GTK_EDITABLE (self->organization_row));

      for (guint i = 0; i < G_N_ELEMENTS (new_person_fields); i++)
        {
          g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (new_person_entry (self, i)))));

          mdg_person_set_text (person, new_person_fields[i], *text != '\0' ? text : NULL);
        }
      mdg_person_set_text (person, MDG_PERSON_ORGANIZATION, *organization != '\0' ? organization : NULL);
      field_changed (self, "person-organization", organization);
      _mdg_database_list_async (get_database (self), find_duplicates_thread, person, g_object_unref,
                                find_duplicates_thread, self->cancellable, duplicates_found_cb, self);
      return;
    }
  submit_intake (self);
}

/* A write of @writer is over; @submitted when it was the Save. */
static void
draft_written (DraftWriter *writer,
               gboolean     submitted,
               gint64       consultation_id,
               GError      *error)
{
  g_autoptr(MdgConsultationsPage) self = g_weak_ref_get (&writer->page);

  if (self != NULL && self->answer_writer == writer && error != NULL)
    {
      /* The editor keeps the answer; the next key typed writes it again. */
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  if (self == NULL || self->writer != writer)
    return;
  if (!submitted)
    {
      /* The form keeps what was typed; the next change or Save writes it again. */
      if (error != NULL)
        show_error (self, error->message);
      return;
    }
  saving_stopped (self);
  if (consultation_id == 0)
    {
      /* The draft stays, and so does everything in the form. */
      show_error (self, error ? error->message : _("The consultation could not be saved."));
      return;
    }
  _mdg_toast (GTK_WIDGET (self), _("Consultation saved"));
  g_clear_object (&self->shown);
  end_intake (self);
  self->select_after_load = consultation_id;
  mdg_consultation_model_reload (self->model);
}


/* ------------------------------------------------------------------------- */
/* An e-mail taken as a consultation                                         */
/* ------------------------------------------------------------------------- */

typedef struct
{
  char           *path;
  MdgMailMessage *message;
  GPtrArray      *matches;   /* MdgPerson with the sender's address */
} MailPreview;

static void
mail_preview_free (MailPreview *preview)
{
  g_free (preview->path);
  g_clear_pointer (&preview->message, mdg_mail_message_free);
  g_clear_pointer (&preview->matches, g_ptr_array_unref);
  g_free (preview);
}

/* The preview travels in the task's data; the callback keeps it past the task. */
typedef struct
{
  MdgConsultationsPage *self;
  MailPreview          *preview;
  GtkWidget            *create_person;      /* GtkCheckButton or NULL */
  GtkWidget            *store_attachments;  /* GtkCheckButton or NULL */
} MailCall;

/* Runs in a worker: the message parsed, and the people who sent it looked up. */
static gboolean
mail_preview_thread (MdgDatabase  *connection,
                     gpointer      data,
                     GError      **error)
{
  MailPreview *preview = data;

  preview->message = mdg_mail_message_load (preview->path, error);
  if (preview->message == NULL)
    return FALSE;
  preview->matches = mdg_mail_find_sender (connection, preview->message, error);
  return preview->matches != NULL;
}

static void
mail_imported_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;
  MdgMailImportResult imported = { 0 };
  MdgConsultationsPage *self;

  if (!mdg_mail_import_file_finish (MDG_DATABASE (source), result, &imported, &error))
    {
      if (widget != NULL)
        _mdg_toast_error (widget, error);
      return;
    }
  if (widget == NULL)
    return;
  self = MDG_CONSULTATIONS_PAGE (widget);
  _mdg_toast (widget, imported.person_created ? _("E-mail taken as a consultation; its sender added to Contacts")
                                              : _("E-mail taken as a consultation"));
  g_clear_object (&self->shown);
  self->select_after_load = imported.consultation_id;
  mdg_consultation_model_reload (self->model);
}

static void
mail_call_free (MailCall *call)
{
  g_clear_pointer (&call->preview, mail_preview_free);
  g_clear_object (&call->self);
  g_free (call);
}

static void
mail_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         MailCall         *call)
{
  MailPreview *preview = call->preview;
  MdgMailImportOptions options = { 0 };

  if (!g_str_equal (response, "take") || gtk_widget_get_root (GTK_WIDGET (call->self)) == NULL)
    return;
  if (preview->matches->len == 1)
    options.person_id = mdg_person_get_id (g_ptr_array_index (preview->matches, 0));
  options.create_person = call->create_person != NULL &&
                          gtk_check_button_get_active (GTK_CHECK_BUTTON (call->create_person));
  options.store_attachments = call->store_attachments != NULL &&
                              gtk_check_button_get_active (GTK_CHECK_BUTTON (call->store_attachments));
  mdg_mail_import_file_async (get_database (call->self), current_staff (call->self), preview->path, &options, NULL,
                              mail_imported_cb, _mdg_write_watch_new (GTK_WIDGET (call->self)));
}

static GtkWidget *
wrapped_label (const char *text,
               const char *name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (name != NULL)
    gtk_widget_set_name (label, name);
  return label;
}

/* Shows what the e-mail holds, and who sent it, for the user to confirm. */
static void
show_mail_dialog (MdgConsultationsPage *self,
                  MailPreview          *preview)
{
  MdgMailMessage *message = preview->message;
  MailCall *call = g_new0 (MailCall, 1);
  GtkWidget *dialog, *box, *list;
  GPtrArray *attachments = mdg_mail_message_get_attachments (message);
  GDateTime *date = mdg_mail_message_get_date (message);
  const char *name = mdg_mail_message_get_from_name (message);
  const char *address = mdg_mail_message_get_from_address (message);
  const char *subject = mdg_mail_message_get_subject (message);
  const char *text = mdg_mail_message_get_body (message);
  g_autofree char *sender = NULL;
  g_autofree char *when = NULL;
  g_autofree char *excerpt = NULL;

  call->self = g_object_ref (self);
  call->preview = preview;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   subject != NULL && *subject != '\0' ? subject : _("(no subject)"), NULL);
  gtk_widget_set_name (dialog, "mail-dialog");
  if (name != NULL && *name != '\0')
    /* Translators: an e-mail's sender: name <address> */
    sender = g_strdup_printf (_("%s <%s>"), name, address ? address : "");
  else
    sender = g_strdup (address ? address : "");
  if (date != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (date);
      g_autofree char *day = mdg_date_format (local, MDG_DATE_DEFAULT);
      g_autofree char *time = mdg_time_format (local);

      when = g_strdup_printf (C_("date and time", "%s %s"), day, time);
    }
  /* Translators: who sent an e-mail, and when */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("From %s, %s"), sender, when ? when : "");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  if (preview->matches->len > 0)
    {
      MdgPerson *person = g_ptr_array_index (preview->matches, 0);
      g_autofree char *person_name = mdg_person_dup_name (person);
      g_autofree char *known = preview->matches->len == 1
        ? g_strdup_printf (_("The sender is %s, already in Contacts."), person_name)
        : g_strdup_printf (ngettext ("%u person in Contacts has this address: the consultation is recorded without a person.",
                                     "%u people in Contacts have this address: the consultation is recorded without a person.",
                                     preview->matches->len),
                           preview->matches->len);

      gtk_box_append (GTK_BOX (box), wrapped_label (known, "mail-sender"));
    }
  else if (address != NULL && *address != '\0')
    {
      g_autofree char *offer = g_strdup_printf (_("Add %s to Contacts"), sender);

      call->create_person = gtk_check_button_new_with_label (offer);
      gtk_widget_set_name (call->create_person, "mail-create-person");
      gtk_check_button_set_active (GTK_CHECK_BUTTON (call->create_person), TRUE);
      gtk_box_append (GTK_BOX (box), call->create_person);
    }

  if (text != NULL && *text != '\0')
    {
      GtkWidget *body = wrapped_label (NULL, "mail-body");

      excerpt = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 400));
      gtk_label_set_text (GTK_LABEL (body), excerpt);
      gtk_label_set_lines (GTK_LABEL (body), 8);
      gtk_label_set_ellipsize (GTK_LABEL (body), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (body, "dim-label");
      gtk_box_append (GTK_BOX (box), body);
    }

  if (attachments != NULL && attachments->len > 0)
    {
      list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      gtk_widget_set_name (list, "mail-attachments");
      gtk_box_append (GTK_BOX (list), wrapped_label (_("Attachments"), NULL));
      gtk_widget_add_css_class (gtk_widget_get_first_child (list), "heading");
      for (guint i = 0; i < attachments->len; i++)
        {
          MdgMailAttachment *attachment = g_ptr_array_index (attachments, i);
          g_autofree char *size = g_format_size (attachment->size);
          /* Translators: an attachment's file name and size */
          g_autofree char *line = g_strdup_printf (_("%s (%s)"), attachment->filename ? attachment->filename : "", size);

          gtk_box_append (GTK_BOX (list), wrapped_label (line, NULL));
        }
      call->store_attachments = gtk_check_button_new_with_label (_("Keep the attachments in the database"));
      gtk_widget_set_name (call->store_attachments, "mail-store-attachments");
      gtk_box_append (GTK_BOX (list), call->store_attachments);
      gtk_box_append (GTK_BOX (box), list);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "take", _("_Take as Consultation"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "take", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "take");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (mail_dialog_response_cb), call,
                         (GClosureNotify) (void (*) (void)) mail_call_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  MdgConsultationsPage *self;
  MailPreview          *preview;   /* owned by the task */
} PreviewCall;

static void
mail_previewed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autofree PreviewCall *call = user_data;
  g_autoptr(GError) error = NULL;
  MailPreview *preview;

  if (!mdg_database_work_finish (MDG_DATABASE (source), result, mail_preview_thread, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _mdg_toast_error (GTK_WIDGET (call->self), error);
      return;
    }
  /* The dialog takes the parsed message over from the task. */
  preview = g_new0 (MailPreview, 1);
  preview->path = g_strdup (call->preview->path);
  preview->message = g_steal_pointer (&call->preview->message);
  preview->matches = g_steal_pointer (&call->preview->matches);
  show_mail_dialog (call->self, preview);
}

/* Reads @file in a worker, then asks whether to take it as a consultation. */
static void
open_mail (MdgConsultationsPage *self,
           GFile                *file)
{
  PreviewCall *call;
  MailPreview *preview;

  if (g_file_peek_path (file) == NULL)
    return;
  preview = g_new0 (MailPreview, 1);
  preview->path = g_file_get_path (file);
  call = g_new0 (PreviewCall, 1);
  call->self = self;
  call->preview = preview;
  mdg_database_work_async (get_database (self), mail_preview_thread, preview, (GDestroyNotify) mail_preview_free,
                           mail_preview_thread, self->cancellable, mail_previewed_cb, call);
}

static void
mail_chosen_cb (GtkNativeDialog      *chooser,
                int                   response,
                MdgConsultationsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      open_mail (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_mail_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("E-mail messages (.eml)"));
  gtk_file_filter_add_pattern (filter, "*.eml");
  gtk_file_filter_add_pattern (filter, "*.EML");
  gtk_file_filter_add_mime_type (filter, "message/rfc822");
  chooser = gtk_file_chooser_native_new (_("Open an E-mail"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (mail_chosen_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
mail_dropped_cb (GtkDropTarget        *target,
                 const GValue         *value,
                 double                x,
                 double                y,
                 MdgConsultationsPage *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL || g_file_peek_path (file) == NULL)
    return FALSE;
  open_mail (self, file);
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* A draft left by an earlier window                                         */
/* ------------------------------------------------------------------------- */

typedef struct
{
  gint64      staff_id;
  gint64      draft_id;
  GHashTable *fields;
} DraftLoad;

static void
draft_load_free (DraftLoad *load)
{
  g_clear_pointer (&load->fields, g_hash_table_unref);
  g_free (load);
}

static GPtrArray *
list_drafts_thread (MdgDatabase  *connection,
                    gpointer      data,
                    GError      **error)
{
  return mdg_draft_store_list (connection, MDG_DRAFT_KIND_CONSULTATION, *(gint64 *) data, error);
}

static void
drafts_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MdgConsultationsPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = _mdg_database_list_finish (MDG_DATABASE (source), result, list_drafts_thread, &error);
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  MdgDraft *draft;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_CONSULTATIONS_PAGE (user_data);
  if (drafts == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  if (drafts->len == 0)
    return;
  draft = g_ptr_array_index (drafts, 0);
  self->offered_draft_id = draft->id;
  if (draft->updated_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (draft->updated_at);

      date = mdg_date_format (local, MDG_DATE_DEFAULT);
      time = mdg_time_format (local);
    }
  if (draft->summary != NULL && *draft->summary != '\0')
    /* Translators: a draft left by a window that closed; %s %s are its date and time, “%s” its subject */
    text = g_strdup_printf (_("A consultation typed on %s %s was not saved: “%s”."), date ? date : "", time ? time : "",
                            draft->summary);
  else
    /* Translators: a draft left by a window that closed; %s %s are its date and time */
    text = g_strdup_printf (_("A consultation typed on %s %s was not saved."), date ? date : "", time ? time : "");
  gtk_label_set_text (self->draft_label, text);
  gtk_revealer_set_reveal_child (self->draft_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.restore-draft", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.discard-draft", TRUE);
}

static gboolean
load_draft_thread (MdgDatabase  *connection,
                   gpointer      data,
                   GError      **error)
{
  DraftLoad *load = data;

  load->fields = mdg_draft_store_load (connection, load->draft_id, error);
  return load->fields != NULL;
}

typedef struct
{
  MdgConsultationsPage *self;
  DraftLoad            *load;
} DraftLoadCall;

static void
draft_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree DraftLoadCall *call = user_data;
  g_autoptr(GError) error = NULL;
  MdgConsultationsPage *self;

  if (!mdg_database_work_finish (MDG_DATABASE (source), result, load_draft_thread, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _mdg_toast_error (GTK_WIDGET (call->self), error);
      return;
    }
  self = call->self;
  start_intake (self, call->load->draft_id, call->load->fields);
  _mdg_toast (GTK_WIDGET (self), _("The draft is back: nothing typed was lost"));
}

static void
restore_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  DraftLoad *load;
  DraftLoadCall *call;

  if (self->offered_draft_id == 0 || self->writer != NULL)
    return;
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  gtk_widget_action_set_enabled (widget, "consultations.restore-draft", FALSE);
  gtk_widget_action_set_enabled (widget, "consultations.discard-draft", FALSE);
  load = g_new0 (DraftLoad, 1);
  load->draft_id = self->offered_draft_id;
  self->offered_draft_id = 0;
  call = g_new0 (DraftLoadCall, 1);
  call->self = self;
  call->load = load;
  /* The call sees the load, which the task frees after the callback. */
  mdg_database_work_async (get_database (self), load_draft_thread, load, (GDestroyNotify) draft_load_free,
                           load_draft_thread, self->cancellable, draft_loaded_cb, call);
}

static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  g_autoptr(DraftWriter) writer = NULL;

  if (self->offered_draft_id == 0)
    return;
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  gtk_widget_action_set_enabled (widget, "consultations.restore-draft", FALSE);
  gtk_widget_action_set_enabled (widget, "consultations.discard-draft", FALSE);
  writer = draft_writer_new (get_database (self), NULL, MDG_DRAFT_KIND_CONSULTATION, 0, 0, self->offered_draft_id);
  self->offered_draft_id = 0;
  writer->discard_requested = TRUE;
  draft_writer_kick (writer);
  _mdg_toast (GTK_WIDGET (self), _("Draft discarded"));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* ------------------------------------------------------------------------- */

static GPtrArray *
list_categories_thread (MdgDatabase  *connection,
                        gpointer      data,
                        GError      **error)
{
  g_autoptr(GPtrArray) kinds = mdg_category_store_list (connection, "kind", FALSE, error);
  g_autoptr(GPtrArray) threats = NULL;

  if (kinds == NULL || !(threats = mdg_category_store_list (connection, "threat", FALSE, error)))
    return NULL;
  g_ptr_array_extend_and_steal (kinds, g_steal_pointer (&threats));
  return g_steal_pointer (&kinds);
}

static void
categories_listed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  MdgConsultationsPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = _mdg_database_list_finish (MDG_DATABASE (source), result, list_categories_thread,
                                                               &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_CONSULTATIONS_PAGE (user_data);
  if (categories == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  for (guint i = 0; i < categories->len; i++)
    {
      MdgCategory *category = g_ptr_array_index (categories, i);
      g_autofree char *name = NULL;
      GtkWidget *toggle, *label;

      /* Only the top of each tree: the threat types' subdivisions stay in the CLI. */
      if (category->parent_id != 0)
        continue;
      name = g_strconcat ("category-", category->key, NULL);
      label = gtk_label_new (mdg_category_get_name (category));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      toggle = gtk_toggle_button_new ();
      gtk_button_set_child (GTK_BUTTON (toggle), label);
      gtk_widget_set_name (toggle, name);
      g_object_set_data_full (G_OBJECT (toggle), "key", g_strdup (category->key), g_free);
      g_signal_connect_swapped (toggle, "toggled", G_CALLBACK (category_toggled_cb), self);
      gtk_flow_box_append (self->category_box, toggle);
    }
}

static void
mdg_consultations_page_search (MdgSection *section)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (section);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
mdg_consultations_page_close (MdgSection *section)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (section);

  /* What waits for the pause in typing is written now. */
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  if (self->writer != NULL)
    draft_writer_kick (self->writer);
  if (self->answer_writer != NULL)
    draft_writer_kick (self->answer_writer);
}

static void
mdg_consultations_page_constructed (GObject *object)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (object);
  GtkListItemFactory *factory;
  gint64 staff_id;

  G_OBJECT_CLASS (mdg_consultations_page_parent_class)->constructed (object);

  g_return_if_fail (MDG_IS_DATABASE (get_database (self)));
  self->model = mdg_consultation_model_new (get_database (self));
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (update_list_stack), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (model_loading_cb), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  /* On the selection, which has taken the change in by then: a row can be selected. */
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (model_items_changed_cb), self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  filter_changed_cb (self);
  count_queues (self);
  g_signal_connect_object (self->settings, "changed::current-staff", G_CALLBACK (staff_changed_cb), self,
                           G_CONNECT_SWAPPED);

  _mdg_database_list_async (get_database (self), list_categories_thread, NULL, NULL, list_categories_thread,
                            self->cancellable, categories_listed_cb, self);
  staff_id = current_staff (self);
  _mdg_database_list_async (get_database (self), list_drafts_thread, g_memdup2 (&staff_id, sizeof staff_id), g_free,
                            list_drafts_thread, self->cancellable, drafts_listed_cb, self);
}

static void
mdg_consultations_page_dispose (GObject *object)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (object);

  mdg_consultations_page_close (MDG_SECTION (self));
  g_clear_handle_id (&self->select_idle_id, g_source_remove);
  g_clear_handle_id (&self->fill_idle_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->shown != NULL)
    g_clear_signal_handler (&self->shown_handler, self->shown);
  g_cancellable_cancel (self->organization_cancellable);
  g_clear_object (&self->organization_cancellable);
  if (self->organization_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->organization_popover));
      self->organization_popover = NULL;
    }
  g_cancellable_cancel (self->person_cancellable);
  g_clear_object (&self->person_cancellable);
  if (self->person_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->person_popover));
      self->person_popover = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_CONSULTATIONS_PAGE);
  g_clear_pointer (&self->writer, draft_writer_unref);
  answer_writer_release (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->shown);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->detail_cancellable);

  G_OBJECT_CLASS (mdg_consultations_page_parent_class)->dispose (object);
}

static void
mdg_consultations_page_class_init (MdgConsultationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdgSectionClass *section_class = MDG_SECTION_CLASS (klass);

  object_class->constructed = mdg_consultations_page_constructed;
  object_class->dispose = mdg_consultations_page_dispose;
  section_class->search = mdg_consultations_page_search;
  section_class->close = mdg_consultations_page_close;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/madoguchi/Madoguchi/mdg-consultations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, draft_label);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, detail_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, detail_subject);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, detail_grid);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, detail_question);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, detail_answer);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, answer_view);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, answer_editor);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, reply_button);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, close_button);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, sensitive_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, sensitive_switch);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, dispatch_button);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, refer_button);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, answer_button);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, action_box);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, state_box);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, channel_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, received_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, received_weekday);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, organization_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, person_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, person_known);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, new_person_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, given_name_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, family_kana_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, given_kana_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, urgency_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, category_box);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, subject_row);
  gtk_widget_class_bind_template_child (widget_class, MdgConsultationsPage, question_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "consultations.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "consultations.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "consultations.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "consultations.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "consultations.open-mail", NULL, open_mail_action);
  gtk_widget_class_install_action (widget_class, "consultations.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "consultations.dispatch", NULL, dispatch_action);
  gtk_widget_class_install_action (widget_class, "consultations.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "consultations.refer", NULL, refer_action);
  gtk_widget_class_install_action (widget_class, "consultations.answer", NULL, answer_action);
  gtk_widget_class_install_action (widget_class, "consultations.make-faq", NULL, make_faq_action);
  gtk_widget_class_install_action (widget_class, "consultations.insert-faq", NULL, insert_faq_action);
  gtk_widget_class_install_action (widget_class, "consultations.reply", NULL, reply_action);
  gtk_widget_class_install_action (widget_class, "consultations.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "consultations.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "consultations.print-sheet", NULL, print_sheet_action);
  gtk_widget_class_install_action (widget_class, "consultations.restore-draft", NULL, restore_draft_action);
  gtk_widget_class_install_action (widget_class, "consultations.discard-draft", NULL, discard_draft_action);

  /* The shortcuts work wherever the keyboard is in the section. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "consultations.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "consultations.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "consultations.open-mail", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "consultations.print-sheet", NULL);
}

static void
mdg_consultations_page_init (MdgConsultationsPage *self)
{
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) urgencies = gtk_string_list_new (NULL);
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (BASE_APP_ID);
  self->cancellable = g_cancellable_new ();

  gtk_string_list_append (states, C_("consultation state", "All"));
  for (guint i = 1; i < G_N_ELEMENTS (state_filter); i++)
    gtk_string_list_append (states, mdg_consultation_state_get_label (state_filter[i]));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));
  for (guint i = 0; i < N_CHANNELS; i++)
    gtk_string_list_append (channels, mdg_channel_get_label (i));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));
  for (guint i = 0; i < N_URGENCIES; i++)
    gtk_string_list_append (urgencies, mdg_urgency_get_label (i));
  adw_combo_row_set_model (self->urgency_row, G_LIST_MODEL (urgencies));
  adw_combo_row_set_selected (self->urgency_row, MDG_URGENCY_NORMAL);
  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    add_fact (self, i, facts[i].name, _(facts[i].title), NULL);

  /* The queues, each with how many it holds. */
  for (guint q = 0; q < N_QUEUES; q++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (mdg_consultation_queue_get_label (q));
      GtkWidget *count = gtk_label_new (NULL);
      g_autofree char *name = g_strconcat ("queue-", mdg_consultation_queue_to_string (q), NULL);
      g_autofree char *count_name = g_strconcat (name, "-count", NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_name (count, count_name);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), count);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_name (row, name);
      g_object_set_data (G_OBJECT (row), "queue", GUINT_TO_POINTER (q));
      gtk_list_box_append (self->queue_list, row);
      self->queue_counts[q] = GTK_LABEL (count);
    }
  gtk_list_box_select_row (self->queue_list, gtk_list_box_get_row_at_index (self->queue_list, 0));
  /* A row activated from the keyboard is chosen as a clicked one is. */
  g_signal_connect (self->queue_list, "row-activated", G_CALLBACK (gtk_list_box_select_row), NULL);

  /* The organizations and people found as a name is typed, under their rows. */
  self->organization_popover = matches_popover_new (GTK_WIDGET (self->organization_row), &self->organization_list,
                                                    "organization-matches", G_CALLBACK (organization_chosen_cb), self);
  self->person_popover = matches_popover_new (GTK_WIDGET (self->person_row), &self->person_list, "person-matches",
                                              G_CALLBACK (person_chosen_cb), self);
  g_signal_connect_swapped (self->person_row, "changed", G_CALLBACK (person_changed_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (new_person_fields); i++)
    {
      AdwEntryRow *row = new_person_entry (self, i);

      g_object_set_data_full (G_OBJECT (row), "field",
                              g_strconcat ("person-", mdg_person_field_to_string (new_person_fields[i]), NULL), g_free);
      g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), self);
    }
  g_object_set_data (G_OBJECT (self->organization_row), "field", (gpointer) "organization");
  g_object_set_data (G_OBJECT (self->subject_row), "field", (gpointer) "subject");
  g_signal_connect (self->organization_row, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect (self->subject_row, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect_swapped (self->received_row, "changed", G_CALLBACK (received_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->question_view), "changed",
                            G_CALLBACK (question_changed_cb), self);
  g_signal_connect_swapped (self->channel_row, "notify::selected", G_CALLBACK (channel_changed_cb), self);
  g_signal_connect_swapped (self->urgency_row, "notify::selected", G_CALLBACK (urgency_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->answer_view), "changed", G_CALLBACK (answer_changed_cb),
                            self);
  g_signal_connect_swapped (self->sensitive_switch, "notify::active", G_CALLBACK (sensitive_switched_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.restore-draft", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.discard-draft", FALSE);

  /* An .eml dropped anywhere on the section is opened as with the Open button. */
  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (mail_dropped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/**
 * mdg_consultations_page_get_draft_idle:
 * @self: a #MdgConsultationsPage
 *
 * Returns: whether everything typed in the intake form and the answer is in the database's drafts
 */
gboolean
mdg_consultations_page_get_draft_idle (MdgConsultationsPage *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATIONS_PAGE (self), FALSE);

  if (self->draft_timeout_id != 0)
    return FALSE;
  return (self->writer == NULL || draft_writer_idle (self->writer)) &&
         (self->answer_writer == NULL || draft_writer_idle (self->answer_writer));
}

/**
 * mdg_consultations_page_open:
 * @self: a #MdgConsultationsPage
 * @consultation_id: the consultation to show
 *
 * Shows a consultation recorded elsewhere (a seminar's held slot): in the "All" queue,
 * whatever state or search was chosen, once the list has read it.
 */
void
mdg_consultations_page_open (MdgConsultationsPage *self,
                             gint64                consultation_id)
{
  g_return_if_fail (MDG_IS_CONSULTATIONS_PAGE (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->state_dropdown, 0);
  gtk_list_box_select_row (self->queue_list, gtk_list_box_get_row_at_index (self->queue_list, 0));
  self->select_after_load = consultation_id;
  mdg_consultation_model_reload (self->model);
}

/* ------------------------------------------------------------------------- */
/* The web form's consultation CSV                                           */
/* ------------------------------------------------------------------------- */

static void
csv_imported_cb (GtkWidget *widget)
{
  mdg_consultation_model_reload (MDG_CONSULTATIONS_PAGE (widget)->model);
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);

  _mdg_consultation_import_dialog_choose (widget, get_database (self), current_staff (self),
                                          csv_imported_cb);
}
