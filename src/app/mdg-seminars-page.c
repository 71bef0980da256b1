/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-seminars-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-attendees-view.h"
#include "mdg-checkin-view.h"
#include "mdg-date.h"
#include "mdg-document-output.h"
#include "mdg-error.h"
#include "mdg-ical.h"
#include "mdg-kana.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-editor.h"
#include "mdg-seminar-row.h"
#include "mdg-seminar-store.h"
#include "mdg-seminars-page-private.h"
#include "mdg-store-async.h"

/*
 * The Seminars section: the list (upcoming first, then past, searched as you type)
 * beside the seminar on display with its overview and program, its attendee table
 * and its check-in desk. Deleting a seminar hides it at once and deletes it for good
 * when its toast goes: Undo in the toast, or Ctrl+Z, brings it back whole.
 */

G_DEFINE_FINAL_TYPE (MdgSeminarsPage, mdg_seminars_page, MDG_TYPE_SECTION)

static void reload       (MdgSeminarsPage *self);
static void show_seminar (MdgSeminarsPage *self,
                          MdgSeminar      *seminar);

static MdgDatabase *
get_database (MdgSeminarsPage *self)
{
  return mdg_section_get_database (MDG_SECTION (self));
}

static GtkWindow *
get_parent_window (MdgSeminarsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
update_actions (MdgSeminarsPage *self)
{
  gboolean selected = self->selected != NULL;
  MdgSeminarStatus next;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminars.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminars.delete", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminars.export-ics", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminars.add-program-item", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminars.show-view", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminars.advance-status",
                                 selected && mdg_seminar_status_get_next (mdg_seminar_get_status (self->selected), &next));

  /* Attendees and Check-in mean nothing until a seminar is chosen. */
  if (self->detail_pane != NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->detail_title), selected);
      gtk_widget_set_sensitive (GTK_WIDGET (self->switcher_bar), selected);
    }
}

static gboolean
is_seminar (gpointer  unused,
            GObject  *item)
{
  return MDG_IS_SEMINAR (item);
}

static gboolean
upcoming_filter_func (gpointer item,
                      gpointer user_data)
{
  MdgSeminarsPage *self = user_data;

  return !mdg_seminar_is_past (item, self->now) && mdg_seminar_matches (item, self->folded_query);
}

static gboolean
past_filter_func (gpointer item,
                  gpointer user_data)
{
  MdgSeminarsPage *self = user_data;

  return mdg_seminar_is_past (item, self->now) && mdg_seminar_matches (item, self->folded_query);
}

/* A heading stands above its group only while the group shows something. */
static void
update_heading (GListStore *heading,
                GListModel *group,
                const char *title)
{
  gboolean shown = g_list_model_get_n_items (G_LIST_MODEL (heading)) > 0;
  gboolean wanted = g_list_model_get_n_items (group) > 0;

  if (wanted && !shown)
    {
      g_autoptr(GtkStringObject) text = gtk_string_object_new (title);
      g_list_store_append (heading, text);
    }
  else if (!wanted && shown)
    g_list_store_remove_all (heading);
}

static void
groups_changed_cb (MdgSeminarsPage *self)
{
  gboolean had_top_heading = g_list_model_get_n_items (G_LIST_MODEL (self->upcoming_heading)) > 0;

  update_heading (self->upcoming_heading, G_LIST_MODEL (self->upcoming), _("Upcoming"));
  update_heading (self->past_heading, G_LIST_MODEL (self->past), _("Past"));

  /* A heading put above the first row is scrolled past by the list, which keeps its
   * anchor on that row: bring the top of the list back into view. */
  if (!had_top_heading && g_list_model_get_n_items (G_LIST_MODEL (self->upcoming_heading)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->seminar_list), "list.scroll-to-item", "u", 0);
}

static guint
n_listed (MdgSeminarsPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->upcoming)) + g_list_model_get_n_items (G_LIST_MODEL (self->past));
}

static void ensure_detail (MdgSeminarsPage *self);

static void
update_list_state (MdgSeminarsPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->seminars));
  /* With nothing left (the last one may await Undo in its toast), welcome the user back. */
  GtkWidget *page = gtk_stack_get_child_by_name (self->page_stack, total == 0 ? "welcome" : "browse");

  ensure_detail (self);
  /* The pages are hidden while the list loads, so that the first frame styles only
   * the loading page (.ui); a stack shows no hidden page. */
  gtk_widget_set_visible (page, TRUE);
  gtk_stack_set_visible_child (self->page_stack, page);
  gtk_stack_set_visible_child_name (self->list_stack, n_listed (self) == 0 ? "no-results" : "list");
}

/* Returns: the position of the seminar in the list as shown, or GTK_INVALID_LIST_POSITION */
static guint
position_of (MdgSeminarsPage *self,
             gint64           id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (MDG_IS_SEMINAR (item) && mdg_seminar_get_id (MDG_SEMINAR (item)) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
select_seminar (MdgSeminarsPage *self,
                gint64           id)
{
  guint position = position_of (self, id);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
}

static int
compare_applied (gconstpointer a,
                 gconstpointer b)
{
  MdgAttendee *first = *(MdgAttendee **) a;
  MdgAttendee *second = *(MdgAttendee **) b;
  GDateTime *first_at = mdg_attendee_get_applied_at (first);
  GDateTime *second_at = mdg_attendee_get_applied_at (second);

  if (first_at != NULL && second_at != NULL && !g_date_time_equal (first_at, second_at))
    return g_date_time_compare (first_at, second_at);
  if ((first_at == NULL) != (second_at == NULL))
    return first_at == NULL ? 1 : -1;
  return mdg_attendee_get_id (first) < mdg_attendee_get_id (second) ? -1 : 1;
}

/* The question, then who asked it: "山田 太郎様 · 株式会社博多ソフト". */
static GtkWidget *
create_question_row (MdgAttendee *attendee)
{
  GtkWidget *row = adw_action_row_new ();
  MdgPerson *person = mdg_attendee_get_person (attendee);
  g_autofree char *name = mdg_person_dup_name (person);
  g_autofree char *honorific = _mdg_format_honorific (name);
  const char *organization = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
  g_autofree char *who = NULL;

  if (organization != NULL && *organization != '\0')
    /* Translators: who asked a question, then their organization */
    who = g_strdup_printf (_("%s · %s"), honorific, organization);
  gtk_widget_set_name (row, "question");
  /* Read, not opened: no hover that promises an action. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mdg_attendee_get_questions (attendee));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), who ? who : honorific);
  return row;
}

/*
 * From the registrations the forms brought: how many come to the venue and how many
 * online, and the questions people sent the presenter, in the order they applied
 * (as the questions PDF prints them). Both stay hidden while no registration says.
 */
static void
update_attendance_and_questions (MdgSeminarsPage *self)
{
  GListModel *model = G_LIST_MODEL (self->attendees);
  g_autoptr(GPtrArray) asked = g_ptr_array_new_with_free_func (g_object_unref);
  guint venue = 0, online = 0;

  /* The page is going: its rows are gone with it. */
  if (self->questions_row == NULL || self->question_rows == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MdgAttendee) attendee = g_list_model_get_item (model, i);
      const char *questions = mdg_attendee_get_questions (attendee);

      if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_CANCELLED)
        continue;
      if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_REGISTERED)
        {
          venue += mdg_attendee_get_attendance (attendee) == MDG_ATTENDANCE_VENUE;
          online += mdg_attendee_get_attendance (attendee) == MDG_ATTENDANCE_ONLINE;
        }
      if (questions != NULL && *questions != '\0')
        g_ptr_array_add (asked, g_object_ref (attendee));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attendance_row), venue + online > 0);
  if (venue + online > 0)
    {
      g_autofree char *at_venue = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u at the venue", "%u at the venue",
                                                                venue), venue);
      /* Translators: "12 at the venue · 5 online" */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u online", "%s · %u online",
                                                            online), at_venue, online);

      adw_action_row_set_subtitle (self->attendance_row, text);
    }

  for (guint i = 0; i < self->question_rows->len; i++)
    adw_expander_row_remove (self->questions_row, g_ptr_array_index (self->question_rows, i));
  g_ptr_array_set_size (self->question_rows, 0);
  g_ptr_array_sort (asked, compare_applied);
  for (guint i = 0; i < asked->len; i++)
    {
      GtkWidget *row = create_question_row (g_ptr_array_index (asked, i));

      adw_expander_row_add_row (self->questions_row, row);
      g_ptr_array_add (self->question_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->questions_row), asked->len > 0);
  if (asked->len > 0)
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question", "%u questions",
                                                             asked->len), asked->len);

      adw_expander_row_set_subtitle (self->questions_row, count);
    }
}

static void
update_attendees_row (MdgSeminarsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));
  guint registered = 0, waitlisted = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdgAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);

      registered += mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_REGISTERED;
      waitlisted += mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_WAITLISTED;
    }
  if (self->selected != NULL && mdg_seminar_get_capacity (self->selected) > 0)
    /* Translators: registered of capacity, then the waitlist */
    text = g_strdup_printf (_("%u of %u places taken · %u on the waitlist"), registered,
                            mdg_seminar_get_capacity (self->selected), waitlisted);
  else
    text = g_strdup_printf (_("%u registered · %u on the waitlist"), registered, waitlisted);
  adw_action_row_set_subtitle (self->attendees_row, text);
  update_attendance_and_questions (self);
}

static void
attendees_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = mdg_registration_store_list_finish (MDG_DATABASE (source), result, &error);
  MdgSeminarsPage *self;

  if (attendees == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* another seminar is on display, or the page is gone */
  self = MDG_SEMINARS_PAGE (user_data);
  if (attendees == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  g_list_store_splice (self->attendees, 0, g_list_model_get_n_items (G_LIST_MODEL (self->attendees)),
                       attendees->pdata, attendees->len);
  update_attendees_row (self);
}

/* Reads the selected seminar's attendees in a worker; the overview, table and desk share the list. */
static void
load_attendees (MdgSeminarsPage *self)
{
  if (self->selected == NULL)
    return;
  mdg_registration_store_list_async (get_database (self), mdg_seminar_get_id (self->selected),
                                     self->seminar_cancellable, attendees_loaded_cb, self);
}

static void
attendees_changed_cb (MdgSeminarsPage *self)
{
  load_attendees (self);
}

/* In Attendees and Check-in the table and the desk take the whole window. */
static void
view_changed_cb (MdgSeminarsPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  gboolean fills = self->selected != NULL && name != NULL && !g_str_equal (name, "overview");

  gtk_widget_set_visible (self->list_pane, !fills);
  gtk_widget_set_visible (self->list_separator, !fills);
  mdg_section_set_fills_window (MDG_SECTION (self), fills);
  if (fills)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  /* Wherever the view was chosen from (the overview's row, the header's switcher, the
   * bottom bar), the keyboard goes where a person types next. */
  if (fills && self->checkin_view != NULL && g_str_equal (name, "check-in"))
    mdg_checkin_view_focus_entry (self->checkin_view);
  else if (fills && self->attendees_view != NULL && g_str_equal (name, "attendees"))
    mdg_attendees_view_focus_search (self->attendees_view);
}

static void
update_back_button (MdgSeminarsPage *self)
{
  if (self->detail_pane == NULL)
    return;
  gtk_widget_set_visible (self->back_button,
                          adw_leaflet_get_folded (self->leaflet) || mdg_section_get_fills_window (MDG_SECTION (self)));
}

/* The attendee table and the check-in desk are a seminar's: made when the first one
 * is shown, not before the window's first frame (they are a third of the page's
 * template). */
static void
ensure_seminar_views (MdgSeminarsPage *self)
{
  if (self->attendees_view != NULL)
    return;
  self->attendees_view = g_object_new (MDG_TYPE_ATTENDEES_VIEW, NULL);
  g_signal_connect_object (self->attendees_view, "changed", G_CALLBACK (attendees_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->attendees_bin, GTK_WIDGET (self->attendees_view));
  self->checkin_view = g_object_new (MDG_TYPE_CHECKIN_VIEW, NULL);
  g_signal_connect_object (self->checkin_view, "changed", G_CALLBACK (attendees_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->checkin_bin, GTK_WIDGET (self->checkin_view));
}

/* The widgets of mdg-seminar-detail.ui the page keeps, by their ids. */
static const struct {
  const char *id;
  gsize       offset;
} detail_children[] = {
  { "detail_pane", G_STRUCT_OFFSET (MdgSeminarsPage, detail_pane) },
  { "back_button", G_STRUCT_OFFSET (MdgSeminarsPage, back_button) },
  { "detail_title", G_STRUCT_OFFSET (MdgSeminarsPage, detail_title) },
  { "switcher_bar", G_STRUCT_OFFSET (MdgSeminarsPage, switcher_bar) },
  { "detail_stack", G_STRUCT_OFFSET (MdgSeminarsPage, detail_stack) },
  { "view_stack", G_STRUCT_OFFSET (MdgSeminarsPage, view_stack) },
  { "attendees_bin", G_STRUCT_OFFSET (MdgSeminarsPage, attendees_bin) },
  { "checkin_bin", G_STRUCT_OFFSET (MdgSeminarsPage, checkin_bin) },
  { "attendees_row", G_STRUCT_OFFSET (MdgSeminarsPage, attendees_row) },
  { "title_label", G_STRUCT_OFFSET (MdgSeminarsPage, title_label) },
  { "when_label", G_STRUCT_OFFSET (MdgSeminarsPage, when_label) },
  { "status_label", G_STRUCT_OFFSET (MdgSeminarsPage, status_label) },
  { "advance_button", G_STRUCT_OFFSET (MdgSeminarsPage, advance_button) },
  { "venue_row", G_STRUCT_OFFSET (MdgSeminarsPage, venue_row) },
  { "online_row", G_STRUCT_OFFSET (MdgSeminarsPage, online_row) },
  { "attendance_row", G_STRUCT_OFFSET (MdgSeminarsPage, attendance_row) },
  { "questions_row", G_STRUCT_OFFSET (MdgSeminarsPage, questions_row) },
  { "capacity_row", G_STRUCT_OFFSET (MdgSeminarsPage, capacity_row) },
  { "co_organizer_row", G_STRUCT_OFFSET (MdgSeminarsPage, co_organizer_row) },
  { "description_group", G_STRUCT_OFFSET (MdgSeminarsPage, description_group) },
  { "description_label", G_STRUCT_OFFSET (MdgSeminarsPage, description_label) },
  { "program_list", G_STRUCT_OFFSET (MdgSeminarsPage, program_list) },
  { "overrun_box", G_STRUCT_OFFSET (MdgSeminarsPage, overrun_box) },
  { "overrun_label", G_STRUCT_OFFSET (MdgSeminarsPage, overrun_label) },
  { "program_summary", G_STRUCT_OFFSET (MdgSeminarsPage, program_summary) },
  { "slots_group", G_STRUCT_OFFSET (MdgSeminarsPage, slots_group) },
};

/* The detail side (overview, program, slots and the tabs of the attendee table and
 * the check-in desk) is built into the leaflet when the list is first shown or a
 * seminar selected, not before the window's first frame: mdg-seminar-detail.ui. */
static void
ensure_detail (MdgSeminarsPage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  if (self->detail_pane != NULL)
    return;

  builder = gtk_builder_new ();
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  if (!gtk_builder_add_from_resource (builder, "/io/github/madoguchi/Madoguchi/mdg-seminar-detail.ui", &error))
    g_error ("The seminar detail could not be built: %s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (detail_children); i++)
    G_STRUCT_MEMBER (gpointer, self, detail_children[i].offset) =
      gtk_builder_get_object (builder, detail_children[i].id);
  adw_leaflet_append (self->leaflet, self->detail_pane);

  _mdg_seminars_page_init_slots (self);
  _mdg_label_keep_last_line (self->title_label);
  _mdg_seminars_page_init_program (self);
  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_back_button (self);
  update_actions (self);
}

static void
show_seminar (MdgSeminarsPage *self,
              MdgSeminar      *seminar)
{
  g_autofree char *when = NULL;
  g_autofree char *capacity = NULL;
  MdgSeminarStatus status, next;
  const char *text;

  ensure_detail (self);
  g_cancellable_cancel (self->seminar_cancellable);
  g_clear_object (&self->seminar_cancellable);
  self->seminar_cancellable = g_cancellable_new ();
  g_set_object (&self->selected, seminar);
  update_actions (self);

  if (seminar == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      adw_view_switcher_title_set_title (self->detail_title, "");
      adw_view_stack_set_visible_child_name (self->view_stack, "overview");
      g_list_store_remove_all (self->attendees);
      g_list_store_remove_all (self->program);
      return;
    }

  when = mdg_date_range_format (mdg_seminar_get_starts_at (seminar), mdg_seminar_get_ends_at (seminar), 0);
  gtk_label_set_text (self->title_label, mdg_seminar_get_title (seminar));
  gtk_label_set_text (self->when_label, when);
  adw_view_switcher_title_set_title (self->detail_title, mdg_seminar_get_title (seminar));

  status = mdg_seminar_get_status (seminar);
  gtk_label_set_text (self->status_label, mdg_seminar_status_get_label (status));
  for (guint s = MDG_SEMINAR_STATUS_PLANNED; s <= MDG_SEMINAR_STATUS_REPORTED; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), mdg_seminar_status_to_string (s));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), mdg_seminar_status_to_string (status));
  gtk_widget_set_visible (GTK_WIDGET (self->advance_button), mdg_seminar_status_get_next (status, &next));
  if (mdg_seminar_status_get_next (status, &next))
    gtk_button_set_label (self->advance_button, mdg_seminar_status_get_advance_label (next));

  text = mdg_seminar_get_venue (seminar);
  gtk_widget_set_visible (GTK_WIDGET (self->venue_row), text != NULL);
  adw_action_row_set_subtitle (self->venue_row, text ? text : "");
  text = mdg_seminar_get_online_url (seminar);
  gtk_widget_set_visible (GTK_WIDGET (self->online_row), text != NULL);
  adw_action_row_set_subtitle (self->online_row, text ? text : "");

  if (mdg_seminar_get_capacity (seminar) > 0)
    capacity = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people",
                                             mdg_seminar_get_capacity (seminar)),
                                mdg_seminar_get_capacity (seminar));
  adw_action_row_set_subtitle (self->capacity_row, capacity ? capacity : _("No limit"));

  text = mdg_seminar_get_co_organizer (seminar);
  gtk_widget_set_visible (GTK_WIDGET (self->co_organizer_row), text != NULL);
  adw_action_row_set_subtitle (self->co_organizer_row, text ? text : "");

  text = mdg_seminar_get_description (seminar);
  gtk_widget_set_visible (self->description_group, text != NULL);
  gtk_label_set_text (self->description_label, text ? text : "");

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  g_list_store_remove_all (self->attendees);
  ensure_seminar_views (self);
  mdg_attendees_view_bind (self->attendees_view, get_database (self), seminar, self->attendees);
  mdg_checkin_view_bind (self->checkin_view, get_database (self), seminar, self->attendees);
  update_attendees_row (self);
  view_changed_cb (self);
  _mdg_seminars_page_load_program (self);
  _mdg_seminars_page_load_slots (self);
  load_attendees (self);
}

static void
selection_changed_cb (MdgSeminarsPage *self)
{
  GObject *item = gtk_single_selection_get_selected_item (self->selection);

  /* A search that hides the seminar on display leaves it on display. */
  if (!MDG_IS_SEMINAR (item))
    return;
  if (self->selected == NULL || mdg_seminar_get_id (self->selected) != mdg_seminar_get_id (MDG_SEMINAR (item)) ||
      self->selected != MDG_SEMINAR (item))
    show_seminar (self, MDG_SEMINAR (item));
  /* Folded, the arrow keys only move through the list; a click or Enter opens. */
  if (!self->selecting && !adw_leaflet_get_folded (self->leaflet))
    _mdg_leaflet_show (self->leaflet, self->detail_pane);
}

static void
seminar_activated_cb (MdgSeminarsPage *self,
                      guint            position)
{
  /* Enter on a row the keyboard reached without choosing it chooses it. */
  gtk_single_selection_set_selected (self->selection, position);
  if (MDG_IS_SEMINAR (gtk_single_selection_get_selected_item (self->selection)))
    _mdg_leaflet_show (self->leaflet, self->detail_pane);
}

/*
 * The loading page shows a spinner only once a read has taken longer than this. Most
 * reads take a few milliseconds: a spinner would only flash. And the spinner's icon is
 * the one SVG of the first frame; loading the SVG reader for it took 3 % of the start.
 */
#define SPINNER_DELAY_MS 500

static gboolean
show_spinner_cb (gpointer user_data)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (user_data);

  self->spinner_timeout_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), TRUE);
  gtk_spinner_start (self->loading_spinner);
  return G_SOURCE_REMOVE;
}

static void
stop_spinner (MdgSeminarsPage *self)
{
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  gtk_spinner_stop (self->loading_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), FALSE);
}

static void
show_list (MdgSeminarsPage *self,
           GPtrArray       *seminars)
{
  gint64 keep;

  stop_spinner (self);

  /* Seminars deleted a moment ago stay hidden while their Undo is on screen. */
  for (guint i = seminars->len; i > 0; i--)
    if (mdg_undo_deletions_contains (self->deletions, mdg_seminar_get_id (g_ptr_array_index (seminars, i - 1))))
      g_ptr_array_remove_index (seminars, i - 1);

  keep = self->select_after_load ? self->select_after_load
                                 : (self->selected ? mdg_seminar_get_id (self->selected) : 0);
  self->select_after_load = 0;

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_new_now_local ();
  self->selecting = TRUE;
  g_list_store_splice (self->seminars, 0, g_list_model_get_n_items (G_LIST_MODEL (self->seminars)),
                       seminars->pdata, seminars->len);
  self->selecting = FALSE;
  update_list_state (self);

  if (keep != 0 && position_of (self, keep) != GTK_INVALID_LIST_POSITION)
    {
      g_clear_object (&self->selected);
      select_seminar (self, keep);
    }
  else
    show_seminar (self, NULL);
}

static void
first_frame_painted_cb (GtkWidget *widget,
                        gpointer   user_data)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  g_autoptr(GPtrArray) seminars = g_steal_pointer (&self->early_list);

  if (seminars != NULL)
    show_list (self, seminars);
}

static void
list_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seminars = mdg_seminar_store_list_finish (MDG_DATABASE (source), result, &error);
  MdgSeminarsPage *self;

  if (seminars == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer read, or the page is gone */
  self = MDG_SEMINARS_PAGE (user_data);
  if (seminars == NULL)
    {
      stop_spinner (self);
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }

  /* Read before the window has painted once (a slow start): GTK 4.8 makes and measures
   * a row for each of up to 200 seminars, which would hold that first frame back. The
   * window shows itself opening first; the rows come in the frame after. */
  if (_mdg_first_frame_pending (GTK_WIDGET (self)))
    {
      gboolean waiting = self->early_list != NULL;

      g_clear_pointer (&self->early_list, g_ptr_array_unref);
      self->early_list = g_steal_pointer (&seminars);
      if (!waiting)
        _mdg_after_first_frame (GTK_WIDGET (self), first_frame_painted_cb, NULL);
      return;
    }

  show_list (self, seminars);
}

/* The first read runs in a worker while the window shows its first frame. */
static void
reload (MdgSeminarsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (g_str_equal (gtk_stack_get_visible_child_name (self->page_stack), "loading") && self->spinner_timeout_id == 0)
    self->spinner_timeout_id = g_timeout_add (SPINNER_DELAY_MS, show_spinner_cb, self);
  mdg_seminar_store_list_async (get_database (self), self->cancellable, list_loaded_cb, self);
}

static void
search_changed_cb (MdgSeminarsPage *self,
                   GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->folded_query, g_free);
  if (*text != '\0')
    self->folded_query = mdg_kana_fold (text, -1);

  /* The list is filtered again; the seminar on display stays, selected when listed. */
  self->selecting = TRUE;
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->upcoming), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->past), GTK_FILTER_CHANGE_DIFFERENT);
  self->selecting = FALSE;
  if (self->selected != NULL)
    select_seminar (self, mdg_seminar_get_id (self->selected));
  update_list_state (self);
}

static void
search_activate_cb (MdgSeminarsPage *self,
                    GtkSearchEntry  *entry)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  /* Enter opens the first seminar found. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (MDG_IS_SEMINAR (item))
        {
          gtk_single_selection_set_selected (self->selection, i);
          adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
          return;
        }
    }
}

static void
search_stop_cb (MdgSeminarsPage *self,
                GtkSearchEntry  *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
seminar_saved_cb (MdgSeminarsPage *self,
                  MdgSeminar      *seminar)
{
  self->select_after_load = mdg_seminar_get_id (seminar);
  reload (self);
}

static void
open_seminar_editor (MdgSeminarsPage *self,
                     MdgSeminar      *seminar)
{
  GtkWidget *editor = mdg_seminar_editor_new (get_database (self), seminar);

  gtk_window_set_transient_for (GTK_WINDOW (editor), get_parent_window (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (seminar_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_seminar_editor (MDG_SEMINARS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);

  if (self->selected != NULL)
    open_seminar_editor (self, self->selected);
}

static void
delete_selected (MdgSeminarsPage *self)
{
  g_autoptr(MdgSeminar) seminar = NULL;
  g_autofree char *title = NULL;
  guint position;

  if (self->selected == NULL)
    return;

  seminar = g_object_ref (self->selected);
  show_seminar (self, NULL);
  if (g_list_store_find (self->seminars, seminar, &position))
    g_list_store_remove (self->seminars, position);
  update_list_state (self);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);

  /* Translators: %s is a seminar's title */
  title = g_strdup_printf (_("“%s” deleted"), mdg_seminar_get_title (seminar));
  mdg_undo_deletions_add (self->deletions, mdg_seminar_get_id (seminar), title, 0);

  /* The keyboard stays where it was: Ctrl+Z undoes at once. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->seminars)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->seminar_list));
  else
    gtk_widget_grab_focus (self->welcome_new_button);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    MdgSeminarsPage  *self)
{
  if (g_str_equal (response, "delete"))
    delete_selected (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  MdgRegistrationCounts counts;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint people;

  if (self->selected == NULL)
    return;

  /* One indexed count: well within a frame. */
  if (!mdg_registration_store_counts (get_database (self), mdg_seminar_get_id (self->selected), &counts, &error))
    {
      _mdg_toast_error (widget, error);
      return;
    }
  people = counts.registered + counts.waitlisted;
  if (people == 0)
    {
      delete_selected (self);
      return;
    }

  /* Translators: %s is a seminar's title */
  heading = g_strdup_printf (_("Delete “%s”?"), mdg_seminar_get_title (self->selected));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Its program and %u registration go with it.",
                                       "Its program and %u registrations go with it.", people),
                          people);
  dialog = adw_message_dialog_new (get_parent_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("Cancel"), "delete", _("Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  gint64 id = mdg_undo_deletions_undo_last (self->deletions);

  if (id != 0)
    {
      self->select_after_load = id;
      reload (self);
    }
}

static void
status_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgSeminar) saved = mdg_seminar_store_save_finish (MDG_DATABASE (source), result, &error);

  if (widget == NULL)
    return; /* saved, but the page is gone */
  if (saved == NULL)
    _mdg_toast_error (widget, error);
  else
    seminar_saved_cb (MDG_SEMINARS_PAGE (widget), saved);
}

static void
advance_status_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  g_autoptr(MdgSeminar) changed = NULL;
  MdgSeminarStatus next;

  if (self->selected == NULL || !mdg_seminar_status_get_next (mdg_seminar_get_status (self->selected), &next))
    return;

  changed = mdg_seminar_copy (self->selected);
  mdg_seminar_set_status (changed, next);
  mdg_seminar_store_save_async (get_database (self), changed, NULL, status_saved_cb, _mdg_write_watch_new (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);

  /* From the table or the desk, back to the seminar; from the seminar, back to the list. */
  if (mdg_section_get_fills_window (MDG_SECTION (self)))
    adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  else
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);

  if (self->selected != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
export_ics (MdgSeminarsPage *self,
            GPtrArray       *seminars,
            const char      *suggested_name)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  char *text = mdg_ical_build (seminars, now);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

  /* The same way out as every document: a file chooser, written in the background, a toast. */
  _mdg_save_bytes (GTK_WIDGET (self), bytes, _("Export to Calendar"), _("Calendar files"), suggested_name, "*.ics",
                   FALSE);
}

static void
export_ics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  g_autoptr(GPtrArray) seminars = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *name = NULL;

  if (self->selected == NULL)
    return;
  g_ptr_array_add (seminars, g_object_ref (self->selected));
  name = g_strdup_printf ("%s.ics", mdg_seminar_get_title (self->selected));
  export_ics (self, seminars, name);
}

static void
export_upcoming_ics_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  g_autoptr(GPtrArray) upcoming = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->seminars));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdgSeminar) seminar = g_list_model_get_item (G_LIST_MODEL (self->seminars), i);

      if (!mdg_seminar_is_past (seminar, self->now))
        g_ptr_array_add (upcoming, g_steal_pointer (&seminar));
    }
  if (upcoming->len == 0)
    {
      _mdg_toast (widget, _("There are no upcoming seminars to export"));
      return;
    }
  /* Translators: file name for the calendar of all upcoming seminars */
  export_ics (self, upcoming, _("upcoming-seminars.ics"));
}

static void
commit_pending (MdgSeminarsPage *self)
{
  if (self->deletions != NULL)
    mdg_undo_deletions_commit_all (self->deletions);
}

static void
mdg_seminars_page_search (MdgSection *section)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (section);

  if (self->view_stack != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
mdg_seminars_page_close (MdgSection *section)
{
  commit_pending (MDG_SEMINARS_PAGE (section));
}

static void
mdg_seminars_page_constructed (GObject *object)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (object);

  G_OBJECT_CLASS (mdg_seminars_page_parent_class)->constructed (object);

  g_return_if_fail (MDG_IS_DATABASE (get_database (self)));
  self->deletions = mdg_undo_deletions_new (GTK_WIDGET (self), get_database (self), mdg_seminar_store_delete_async,
                                            mdg_seminar_store_delete_finish, "seminars.undo-delete");
  reload (self);
}

static void
mdg_seminars_page_dispose (GObject *object)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (object);

  commit_pending (self);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->seminar_cancellable);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  if (self->seminar_list != NULL)
    gtk_grid_view_set_model (self->seminar_list, NULL);
  if (self->program_list != NULL)
    gtk_list_box_bind_model (self->program_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_SEMINARS_PAGE);
  /* The detail's widgets went with the leaflet; they are not template children. */
  for (guint i = 0; i < G_N_ELEMENTS (detail_children); i++)
    G_STRUCT_MEMBER (gpointer, self, detail_children[i].offset) = NULL;
  self->attendees_view = NULL;
  self->checkin_view = NULL;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->early_list, g_ptr_array_unref);
  g_clear_object (&self->seminar_cancellable);
  g_clear_pointer (&self->question_rows, g_ptr_array_unref);
  g_clear_pointer (&self->slot_rows, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_object (&self->attendees);
  g_clear_object (&self->program);
  g_clear_object (&self->selected);
  g_clear_object (&self->selection);
  g_clear_object (&self->upcoming);
  g_clear_object (&self->past);
  g_clear_object (&self->upcoming_heading);
  g_clear_object (&self->past_heading);
  g_clear_object (&self->seminars);
  g_clear_object (&self->deletions);
  g_clear_pointer (&self->folded_query, g_free);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (mdg_seminars_page_parent_class)->dispose (object);
}

static void
mdg_seminars_page_refresh (MdgSection *section)
{
  reload (MDG_SEMINARS_PAGE (section));
}

static void
mdg_seminars_page_class_init (MdgSeminarsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MdgSectionClass *section_class = MDG_SECTION_CLASS (klass);

  object_class->constructed = mdg_seminars_page_constructed;
  object_class->dispose = mdg_seminars_page_dispose;
  section_class->search = mdg_seminars_page_search;
  section_class->close = mdg_seminars_page_close;
  section_class->refresh = mdg_seminars_page_refresh;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-seminars-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, welcome_new_button);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, list_separator);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, seminar_list);
  gtk_widget_class_bind_template_callback (widget_class, is_seminar);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, seminar_activated_cb);

  gtk_widget_class_install_action (widget_class, "seminars.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "seminars.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "seminars.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "seminars.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "seminars.advance-status", NULL, advance_status_action);
  gtk_widget_class_install_action (widget_class, "seminars.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "seminars.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "seminars.export-ics", NULL, export_ics_action);
  gtk_widget_class_install_action (widget_class, "seminars.export-upcoming-ics", NULL, export_upcoming_ics_action);
  _mdg_seminars_page_class_init_program (widget_class);
  _mdg_seminars_page_class_init_slots (widget_class);

  /* The seminar shortcuts work wherever the keyboard is in the section; Delete only in the list (.ui). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "seminars.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "seminars.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "seminars.undo-delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "seminars.export-ics", NULL);
}

static void
mdg_seminars_page_init (MdgSeminarsPage *self)
{
  g_autoptr(GListStore) groups = NULL;
  GtkCustomFilter *filter;

  g_type_ensure (MDG_TYPE_SEMINAR_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  _mdg_record_grid_init (self->seminar_list);
  /* Until a seminar's slots are read (mdg-seminars-page-slots.c). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminars.print-slots", FALSE);
  self->question_rows = g_ptr_array_new ();

  self->now = g_date_time_new_now_local ();
  self->seminars = g_list_store_new (MDG_TYPE_SEMINAR);
  self->attendees = g_list_store_new (MDG_TYPE_ATTENDEE);

  /* Upcoming, then past, each under its heading while it shows anything. */
  filter = gtk_custom_filter_new (upcoming_filter_func, self, NULL);
  self->upcoming = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->seminars)), GTK_FILTER (filter));
  filter = gtk_custom_filter_new (past_filter_func, self, NULL);
  self->past = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->seminars)), GTK_FILTER (filter));
  self->upcoming_heading = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->past_heading = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  groups = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (groups, self->upcoming_heading);
  g_list_store_append (groups, self->upcoming);
  g_list_store_append (groups, self->past_heading);
  g_list_store_append (groups, self->past);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&groups)))));
  /* After the flattened model has taken a group's change: headings follow, never interleave. */
  g_signal_connect_object (self->upcoming, "items-changed", G_CALLBACK (groups_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->past, "items-changed", G_CALLBACK (groups_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->seminar_list, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->attendees, "items-changed", G_CALLBACK (update_attendees_row), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_back_button), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::fills-window", G_CALLBACK (update_back_button), NULL);
  _mdg_list_open_on_click (GTK_WIDGET (self->seminar_list), self->leaflet);
  update_actions (self);
}

void
mdg_seminars_page_select (MdgSeminarsPage *self,
                          gint64           seminar_id)
{
  g_return_if_fail (MDG_IS_SEMINARS_PAGE (self));
  select_seminar (self, seminar_id);
}

/* Returns: (transfer none) (nullable): the seminar shown in the detail pane */
MdgSeminar *
mdg_seminars_page_get_selected (MdgSeminarsPage *self)
{
  g_return_val_if_fail (MDG_IS_SEMINARS_PAGE (self), NULL);
  return self->selected;
}

/* Returns: how many seminars the list shows, after the search */
guint
mdg_seminars_page_get_n_listed (MdgSeminarsPage *self)
{
  g_return_val_if_fail (MDG_IS_SEMINARS_PAGE (self), 0);
  return n_listed (self);
}

/* Returns: whether the first read of the list is done */
gboolean
mdg_seminars_page_get_loaded (MdgSeminarsPage *self)
{
  g_return_val_if_fail (MDG_IS_SEMINARS_PAGE (self), FALSE);
  return !g_str_equal (gtk_stack_get_visible_child_name (self->page_stack), "loading");
}
