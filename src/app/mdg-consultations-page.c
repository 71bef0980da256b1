/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-consultation-import-dialog.h"
#include "mdg-consultation-store.h"
#include "mdg-consultations-page-private.h"
#include "mdg-database-private.h"
#include "mdg-date.h"
#include "mdg-wrap-box.h"

/*
 * The Consultations section: the list of consultations (newest first, searched as
 * the user types through the core's full-text search, narrowed by state) beside the
 * consultation chosen, and the intake form a first-line specialist types into while
 * the caller talks.
 *
 * This file holds the list, its queues and the pane shown beside it; the rest has a
 * file each: the intake form (-intake.c) and its drafts (-drafts.c), the consultation
 * shown (-detail.c), what is done to it (-triage.c), its answer and the FAQ
 * (-answer.c), and e-mail in and out (-mail.c).
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

G_DEFINE_FINAL_TYPE (MdgConsultationsPage, mdg_consultations_page, MDG_TYPE_SECTION)

gint64
_mdg_consultations_page_current_staff (MdgConsultationsPage *self)
{
  return g_settings_get_int64 (self->settings, "current-staff");
}

/* Returns: (transfer full): what the text view holds: the question, or the answer */
char *
_mdg_consultations_page_view_text (GtkTextView *view)
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
  mdg_consultation_store_count_queues_async (get_database (self), _mdg_consultations_page_current_staff (self),
                                             self->counts_cancellable, queues_counted_cb, self);
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
  filter->staff_id = _mdg_consultations_page_current_staff (self);
  mdg_consultation_model_set_filter (self->model, filter);
}

/* Puts @name in the detail pane, with the header's buttons that go with it. */
static void
set_pane (MdgConsultationsPage *self,
          const char           *name)
{
  gboolean intake = g_str_equal (name, "intake");

  gtk_stack_set_visible_child_name (self->detail_stack, name);
  gtk_widget_set_visible (self->save_button, intake);
  gtk_widget_set_visible (self->cancel_button, intake);
  gtk_widget_set_visible (self->detail_menu_button, g_str_equal (name, "detail"));
  adw_window_title_set_title (self->detail_title, intake ? _("New Consultation") : "");
}

void
_mdg_consultations_page_show_pane (MdgConsultationsPage *self,
                                   const char           *name)
{
  set_pane (self, name);
  /* Folded, the list comes back when there is nothing to show beside it. */
  _mdg_leaflet_show (self->leaflet, g_str_equal (name, "none") ? self->list_pane : self->detail_pane);
}

/* Shows the chosen consultation beside the list. Folded, the arrow keys only move through
 * the list: its detail is made ready, and open_selected() goes to it. */
static void
selection_changed_cb (MdgConsultationsPage *self)
{
  MdgConsultation *c = gtk_single_selection_get_selected_item (self->selection);

  if (c == NULL)
    return;
  /* The intake form stays until it is saved or cancelled: its draft is kept meanwhile. */
  if (self->writer != NULL)
    return;
  _mdg_consultations_page_show_consultation (self, c);
  if (adw_leaflet_get_folded (self->leaflet))
    set_pane (self, "detail");
  else
    _mdg_consultations_page_show_pane (self, "detail");
}

/* Goes to the chosen consultation (a click, Enter, a consultation just saved). */
static void
open_selected (MdgConsultationsPage *self)
{
  if (gtk_single_selection_get_selected_item (self->selection) != NULL && self->writer == NULL)
    _mdg_consultations_page_show_pane (self, "detail");
}

static void
consultation_activated_cb (MdgConsultationsPage *self,
                           guint                 position)
{
  /* Enter on a row the keyboard reached without choosing it chooses it. */
  gtk_single_selection_set_selected (self->selection, position);
  open_selected (self);
}

/* Chooses the consultation @id if it is listed, and shows it; with @open, goes to it. */
gboolean
_mdg_consultations_page_select (MdgConsultationsPage *self,
                                gint64                id,
                                gboolean              open)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->model)); i++)
    {
      g_autoptr(MdgConsultation) c = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (mdg_consultation_get_id (c) == id)
        {
          /* Chosen already, the selection does not say so again. */
          if (gtk_single_selection_get_selected (self->selection) == i)
            selection_changed_cb (self);
          else
            gtk_single_selection_set_selected (self->selection, i);
          if (open)
            open_selected (self);
          return TRUE;
        }
    }
  return FALSE;
}

/* Selects the consultation just saved once it is listed. */
static gboolean
select_after_load_cb (gpointer user_data)
{
  MdgConsultationsPage *self = user_data;

  self->select_idle_id = 0;
  if (_mdg_consultations_page_select (self, self->select_after_load, TRUE))
    self->select_after_load = 0;
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

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
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
    _mdg_draft_writer_kick (self->writer);
  if (self->answer_writer != NULL)
    _mdg_draft_writer_kick (self->answer_writer);
}

static void
mdg_consultations_page_constructed (GObject *object)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (object);
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (mdg_consultations_page_parent_class)->constructed (object);

  g_return_if_fail (MDG_IS_DATABASE (get_database (self)));
  self->model = mdg_consultation_model_new (get_database (self));
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (update_list_stack), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (model_loading_cb), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
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
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (consultation_activated_cb), self, G_CONNECT_SWAPPED);
  _mdg_list_open_on_click (GTK_WIDGET (self->list_view), self->leaflet);
  filter_changed_cb (self);
  count_queues (self);
  g_signal_connect_object (self->settings, "changed::current-staff", G_CALLBACK (staff_changed_cb), self,
                           G_CONNECT_SWAPPED);

  _mdg_consultations_page_load_categories (self);
  _mdg_consultations_page_offer_draft (self);
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
  g_clear_pointer (&self->writer, _mdg_draft_writer_unref);
  _mdg_consultations_page_answer_release (self);
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

  g_type_ensure (MDG_TYPE_WRAP_BOX);
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

  gtk_widget_class_install_action (widget_class, "consultations.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "consultations.import-csv", NULL, import_csv_action);
  /* The shortcuts work wherever the keyboard is in the section. */
  _mdg_consultations_page_class_init_intake (widget_class);
  _mdg_consultations_page_class_init_drafts (widget_class);
  _mdg_consultations_page_class_init_detail (widget_class);
  _mdg_consultations_page_class_init_triage (widget_class);
  _mdg_consultations_page_class_init_answer (widget_class);
  _mdg_consultations_page_class_init_mail (widget_class);
}

static void
mdg_consultations_page_init (MdgConsultationsPage *self)
{
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (BASE_APP_ID);
  self->cancellable = g_cancellable_new ();

  gtk_string_list_append (states, C_("consultation state", "All"));
  for (guint i = 1; i < G_N_ELEMENTS (state_filter); i++)
    gtk_string_list_append (states, mdg_consultation_state_get_label (state_filter[i]));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));

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

  _mdg_consultations_page_init_intake (self);
  _mdg_consultations_page_init_drafts (self);
  _mdg_consultations_page_init_detail (self);
  _mdg_consultations_page_init_triage (self);
  _mdg_consultations_page_init_answer (self);
  _mdg_consultations_page_init_mail (self);
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
  return (self->writer == NULL || _mdg_draft_writer_idle (self->writer)) &&
         (self->answer_writer == NULL || _mdg_draft_writer_idle (self->answer_writer));
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

  _mdg_consultation_import_dialog_choose (widget, get_database (self), _mdg_consultations_page_current_staff (self),
                                          csv_imported_cb);
}
