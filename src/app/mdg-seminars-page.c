/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-seminars-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "mdg-attendees-view.h"
#include "mdg-checkin-view.h"
#include "mdg-date.h"
#include "mdg-error.h"
#include "mdg-ical.h"
#include "mdg-kana.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-editor.h"
#include "mdg-seminar-store.h"
#include "mdg-seminars-page-private.h"
#include "mdg-window.h"


typedef struct
{
  MdgSeminar *seminar;
  AdwToast   *toast;
} PendingDeletion;

G_DEFINE_FINAL_TYPE (MdgSeminarsPage, mdg_seminars_page, MDG_TYPE_SECTION)

static void reload (MdgSeminarsPage *self);
static void show_seminar (MdgSeminarsPage *self, MdgSeminar *seminar);

MdgWindow *
_mdg_seminars_page_get_window (MdgSeminarsPage *self)
{
  return MDG_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self), MDG_TYPE_WINDOW));
}

void
_mdg_seminars_page_toast (MdgSeminarsPage *self,
                          const char      *message)
{
  MdgWindow *window = _mdg_seminars_page_get_window (self);

  if (window != NULL)
    mdg_window_add_toast (window, adw_toast_new (message));
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminars.advance-status",
                                 selected && mdg_seminar_status_get_next (mdg_seminar_get_status (self->selected), &next));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminars.undo-delete", self->pending->len > 0);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  MdgSeminarsPage *self = user_data;

  return mdg_seminar_matches (item, self->folded_query);
}

static GtkWidget *
create_seminar_row (gpointer item,
                    gpointer user_data)
{
  MdgSeminar *seminar = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (mdg_seminar_get_title (seminar));
  g_autofree char *when = mdg_date_range_format (mdg_seminar_get_starts_at (seminar),
                                                 mdg_seminar_get_ends_at (seminar), 0);
  GtkWidget *date = gtk_label_new (when);
  const char *place_text = mdg_seminar_get_venue (seminar) ? mdg_seminar_get_venue (seminar)
                                                           : mdg_seminar_get_online_url (seminar);
  g_autofree char *status_text = g_strdup (mdg_seminar_status_get_label (mdg_seminar_get_status (seminar)));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  gtk_label_set_xalign (GTK_LABEL (date), 0);
  gtk_label_set_ellipsize (GTK_LABEL (date), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (date, "caption");
  gtk_box_append (GTK_BOX (box), date);

  if (place_text != NULL)
    {
      GtkWidget *place = gtk_label_new (place_text);

      gtk_label_set_xalign (GTK_LABEL (place), 0);
      gtk_label_set_ellipsize (GTK_LABEL (place), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (place, "caption");
      gtk_widget_add_css_class (place, "dim-label");
      gtk_box_append (GTK_BOX (box), place);
    }

  {
    GtkWidget *status = gtk_label_new (status_text);

    gtk_label_set_xalign (GTK_LABEL (status), 0);
    gtk_widget_set_halign (status, GTK_ALIGN_START);
    gtk_widget_add_css_class (status, "status-chip");
    gtk_widget_add_css_class (status, mdg_seminar_status_to_string (mdg_seminar_get_status (seminar)));
    gtk_widget_set_margin_top (status, 3);
    gtk_box_append (GTK_BOX (box), status);
  }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static MdgSeminar *
seminar_at_row (MdgSeminarsPage *self,
                GtkListBoxRow   *row)
{
  g_autoptr(MdgSeminar) seminar = NULL;

  if (row == NULL)
    return NULL;
  seminar = g_list_model_get_item (G_LIST_MODEL (self->filtered), gtk_list_box_row_get_index (row));
  return seminar; /* the store holds the reference */
}

/* "Upcoming" above the first seminar that has not ended, "Past" above the first one that has. */
static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  MdgSeminarsPage *self = user_data;
  MdgSeminar *seminar = seminar_at_row (self, row);
  MdgSeminar *previous = seminar_at_row (self, before);
  gboolean past = seminar && mdg_seminar_is_past (seminar, self->now);
  GtkWidget *header;

  if (previous != NULL && mdg_seminar_is_past (previous, self->now) == past)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (past ? _("Past") : _("Upcoming"));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, previous ? 18 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_list_box_row_set_header (row, header);
}

static void
update_list_state (MdgSeminarsPage *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->seminars));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  /* With nothing left (the last one may await Undo in its toast), welcome the user back. */
  if (total == 0)
    gtk_stack_set_visible_child_name (self->page_stack, "welcome");
  else
    gtk_stack_set_visible_child_name (self->page_stack, "browse");

  gtk_stack_set_visible_child_name (self->list_stack, shown == 0 ? "no-results" : "list");
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
}

static void
attendees_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MdgSeminarsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attendees = mdg_registration_store_list_finish (MDG_DATABASE (source), result, &error);

  if (attendees == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _mdg_seminars_page_toast (self, error->message);
      return;
    }
  g_list_store_splice (self->attendees, 0, g_list_model_get_n_items (G_LIST_MODEL (self->attendees)),
                       attendees->pdata, attendees->len);
  update_attendees_row (self);
}

/* Reads the selected seminar's attendees in a worker; both views share the list. */
static void
load_attendees (MdgSeminarsPage *self)
{
  g_cancellable_cancel (self->attendees_cancellable);
  g_clear_object (&self->attendees_cancellable);
  if (self->selected == NULL)
    return;

  self->attendees_cancellable = g_cancellable_new ();
  mdg_attendees_view_bind (self->attendees_view, self->database, self->selected, self->attendees);
  mdg_checkin_view_bind (self->checkin_view, self->database, self->selected, self->attendees);
  mdg_registration_store_list_async (self->database, mdg_seminar_get_id (self->selected), self->attendees_cancellable,
                                     attendees_loaded_cb, self);
}

static void
attendees_changed_cb (MdgSeminarsPage *self)
{
  load_attendees (self);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, name);
  if (g_str_equal (name, "check-in"))
    mdg_checkin_view_focus_entry (self->checkin_view);
}

static void
show_seminar (MdgSeminarsPage *self,
              MdgSeminar      *seminar)
{
  g_autofree char *when = NULL;
  g_autofree char *capacity = NULL;
  MdgSeminarStatus status, next;
  const char *text;

  g_set_object (&self->selected, seminar);
  update_actions (self);

  if (seminar == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      adw_view_switcher_title_set_title (self->detail_title, "");
      g_list_store_remove_all (self->attendees);
      _mdg_seminars_page_show_program (self);
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
  if (text != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      adw_action_row_set_subtitle (self->venue_row, escaped);
    }
  text = mdg_seminar_get_online_url (seminar);
  gtk_widget_set_visible (GTK_WIDGET (self->online_row), text != NULL);
  if (text != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      adw_action_row_set_subtitle (self->online_row, escaped);
    }

  if (mdg_seminar_get_capacity (seminar) > 0)
    capacity = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people",
                                             mdg_seminar_get_capacity (seminar)),
                                mdg_seminar_get_capacity (seminar));
  adw_action_row_set_subtitle (self->capacity_row, capacity ? capacity : _("No limit"));

  text = mdg_seminar_get_co_organizer (seminar);
  gtk_widget_set_visible (GTK_WIDGET (self->co_organizer_row), text != NULL);
  if (text != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      adw_action_row_set_subtitle (self->co_organizer_row, escaped);
    }

  text = mdg_seminar_get_description (seminar);
  gtk_widget_set_visible (self->description_group, text != NULL);
  gtk_label_set_text (self->description_label, text ? text : "");

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  _mdg_seminars_page_show_program (self);
  load_attendees (self);
}

static void
select_row_for (MdgSeminarsPage *self,
                gint64           id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdgSeminar) seminar = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (mdg_seminar_get_id (seminar) == id)
        {
          gtk_list_box_select_row (self->seminar_list, gtk_list_box_get_row_at_index (self->seminar_list, i));
          return;
        }
    }
}

static gboolean
is_pending (MdgSeminarsPage *self,
            gint64           id)
{
  for (guint i = 0; i < self->pending->len; i++)
    if (mdg_seminar_get_id (((PendingDeletion *) g_ptr_array_index (self->pending, i))->seminar) == id)
      return TRUE;
  return FALSE;
}

static void
list_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  MdgSeminarsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seminars = mdg_seminar_store_list_finish (MDG_DATABASE (source), result, &error);
  gint64 keep;

  if (seminars == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _mdg_seminars_page_toast (self, error->message);
      return;
    }

  /* Seminars deleted a moment ago stay hidden while their Undo is on screen. */
  for (guint i = seminars->len; i > 0; i--)
    if (is_pending (self, mdg_seminar_get_id (g_ptr_array_index (seminars, i - 1))))
      g_ptr_array_remove_index (seminars, i - 1);

  keep = self->select_after_load ? self->select_after_load
                                 : (self->selected ? mdg_seminar_get_id (self->selected) : 0);
  self->select_after_load = 0;

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_new_now_local ();
  g_list_store_splice (self->seminars, 0, g_list_model_get_n_items (G_LIST_MODEL (self->seminars)),
                       seminars->pdata, seminars->len);
  update_list_state (self);

  show_seminar (self, NULL);
  if (keep != 0)
    select_row_for (self, keep);
}

static void
reload (MdgSeminarsPage *self)
{
  if (self->database == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  mdg_seminar_store_list_async (self->database, self->cancellable, list_loaded_cb, self);
}

static void
search_changed_cb (MdgSeminarsPage *self,
                   GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->folded_query, g_free);
  if (*text != '\0')
    self->folded_query = mdg_kana_fold (text, -1);

  /* The list is rebuilt; the seminar on display stays, and stays selected when listed. */
  self->refiltering = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->selected != NULL)
    select_row_for (self, mdg_seminar_get_id (self->selected));
  self->refiltering = FALSE;
  update_list_state (self);
}

static void
search_activate_cb (MdgSeminarsPage *self,
                    GtkSearchEntry  *entry)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->seminar_list, 0);

  if (first != NULL)
    {
      gtk_list_box_select_row (self->seminar_list, first);
      adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
    }
}

static void
search_stop_cb (MdgSeminarsPage *self,
                GtkSearchEntry  *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
seminar_row_selected_cb (MdgSeminarsPage *self,
                         GtkListBoxRow   *row)
{
  if (row == NULL && self->refiltering)
    return;
  show_seminar (self, seminar_at_row (self, row));
}

static void
seminar_row_activated_cb (MdgSeminarsPage *self,
                          GtkListBoxRow   *row)
{
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
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
  GtkWidget *editor = mdg_seminar_editor_new (self->database, seminar);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (_mdg_seminars_page_get_window (self)));
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
toast_dismissed_cb (AdwToast        *delete_toast,
                    MdgSeminarsPage *self);

static void
pending_deletion_free (PendingDeletion *deletion)
{
  g_clear_object (&deletion->seminar);
  g_clear_object (&deletion->toast);
  g_free (deletion);
}

/*
 * Ends the wait for Undo: deletes the seminar for good, or (undo) keeps it and
 * dismisses its toast. A committed deletion's toast is being dismissed already, or
 * goes with the closing window.
 */
static void
finish_deletion (MdgSeminarsPage *self,
                 guint            index,
                 gboolean         commit)
{
  PendingDeletion *deletion = g_ptr_array_steal_index (self->pending, index);
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_func (deletion->toast, toast_dismissed_cb, self);
  if (!commit)
    adw_toast_dismiss (deletion->toast);
  if (commit &&
      !mdg_seminar_store_delete (self->database, mdg_seminar_get_id (deletion->seminar), &error) &&
      !g_error_matches (error, MDG_ERROR, MDG_ERROR_NOT_FOUND))
    _mdg_seminars_page_toast (self, error->message);

  pending_deletion_free (deletion);
  update_actions (self);
}

static void
toast_dismissed_cb (AdwToast        *delete_toast,
                    MdgSeminarsPage *self)
{
  for (guint i = 0; i < self->pending->len; i++)
    if (((PendingDeletion *) g_ptr_array_index (self->pending, i))->toast == delete_toast)
      {
        finish_deletion (self, i, TRUE);
        return;
      }
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  PendingDeletion *deletion;
  g_autofree char *title = NULL;
  guint position;

  if (self->selected == NULL)
    return;

  deletion = g_new0 (PendingDeletion, 1);
  deletion->seminar = g_object_ref (self->selected);
  if (g_list_store_find (self->seminars, deletion->seminar, &position))
    g_list_store_remove (self->seminars, position);
  show_seminar (self, NULL);

  /* Translators: %s is a seminar's title */
  title = g_strdup_printf (_("“%s” deleted"), mdg_seminar_get_title (deletion->seminar));
  deletion->toast = adw_toast_new (title);
  adw_toast_set_button_label (deletion->toast, _("_Undo"));
  adw_toast_set_action_name (deletion->toast, "seminars.undo-delete");
  g_signal_connect (deletion->toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self);
  g_ptr_array_add (self->pending, deletion);

  update_list_state (self);
  update_actions (self);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  mdg_window_add_toast (_mdg_seminars_page_get_window (self), g_object_ref (deletion->toast));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  PendingDeletion *last;

  if (self->pending->len == 0)
    return;

  last = g_ptr_array_index (self->pending, self->pending->len - 1);
  self->select_after_load = mdg_seminar_get_id (last->seminar);
  finish_deletion (self, self->pending->len - 1, FALSE);
  reload (self);
}

static void
advance_status_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  g_autoptr(MdgSeminar) changed = NULL;
  g_autoptr(GError) error = NULL;
  MdgSeminarStatus next;

  if (self->selected == NULL || !mdg_seminar_status_get_next (mdg_seminar_get_status (self->selected), &next))
    return;

  changed = mdg_seminar_copy (self->selected);
  mdg_seminar_set_status (changed, next);
  if (!mdg_seminar_store_save (self->database, changed, &error))
    {
      _mdg_seminars_page_toast (self, error->message);
      return;
    }
  seminar_saved_cb (self, changed);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
ics_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MdgSeminarsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    /* Translators: %s is a file name, then the reason */
    message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
  else
    message = g_strdup_printf (_("Saved “%s” for calendar applications"), name);
  _mdg_seminars_page_toast (self, message);
}

static void
ics_file_chosen_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  MdgSeminarsPage *self = user_data;
  GPtrArray *seminars = g_object_get_data (G_OBJECT (dialog), "seminars");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      char *text = mdg_ical_build (seminars, now);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      /* Written by GIO in the background; the toast tells how it went. */
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                           ics_written_cb, g_object_ref (self));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_ics (MdgSeminarsPage *self,
            GPtrArray       *seminars,
            const char      *suggested_name)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Calendar files"));
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_filter_add_mime_type (filter, "text/calendar");

  dialog = gtk_file_chooser_native_new (_("Export to Calendar"), GTK_WINDOW (_mdg_seminars_page_get_window (self)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  g_object_set_data_full (G_OBJECT (dialog), "seminars", g_ptr_array_ref (seminars),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (ics_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
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
  g_strdelimit (name, "/\\:", '-');
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
      _mdg_seminars_page_toast (self, _("There are no upcoming seminars to export"));
      return;
    }
  /* Translators: file name for the calendar of all upcoming seminars */
  export_ics (self, upcoming, _("upcoming-seminars.ics"));
}

static void
mdg_seminars_page_dispose (GObject *object)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (object);

  mdg_seminars_page_commit_pending (self);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->attendees_cancellable);
  /* Unbinding empties the list while the detail pane that reacts to it still exists. */
  if (self->seminar_list != NULL)
    gtk_list_box_bind_model (self->seminar_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_SEMINARS_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->attendees_cancellable);
  g_clear_object (&self->attendees);
  g_clear_object (&self->selected);
  g_clear_object (&self->filtered);
  g_clear_object (&self->seminars);
  g_clear_object (&self->database);
  g_clear_pointer (&self->program, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->folded_query, g_free);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (mdg_seminars_page_parent_class)->dispose (object);
}

static void
mdg_seminars_page_class_init (MdgSeminarsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_seminars_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-seminars-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, seminar_list);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, attendees_view);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, checkin_view);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, attendees_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, when_label);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, advance_button);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, venue_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, online_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, capacity_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, co_organizer_row);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, description_group);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, program_list);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, overrun_box);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, overrun_label);
  gtk_widget_class_bind_template_child (widget_class, MdgSeminarsPage, program_summary);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, seminar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, seminar_row_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "program_row_activated_cb",
                                                G_CALLBACK (_mdg_seminars_page_program_row_activated));
  gtk_widget_class_bind_template_callback (widget_class, attendees_changed_cb);

  gtk_widget_class_install_action (widget_class, "seminars.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "seminars.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "seminars.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "seminars.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "seminars.advance-status", NULL, advance_status_action);
  gtk_widget_class_install_action (widget_class, "seminars.show-list", NULL, show_list_action);
  _mdg_seminars_page_class_init_program (widget_class);
  gtk_widget_class_install_action (widget_class, "seminars.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "seminars.export-ics", NULL, export_ics_action);
  gtk_widget_class_install_action (widget_class, "seminars.export-upcoming-ics", NULL, export_upcoming_ics_action);

}

static void
mdg_seminars_page_init (MdgSeminarsPage *self)
{
  g_type_ensure (MDG_TYPE_ATTENDEES_VIEW);
  g_type_ensure (MDG_TYPE_CHECKIN_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_deletion_free);
  self->now = g_date_time_new_now_local ();
  self->seminars = g_list_store_new (MDG_TYPE_SEMINAR);
  self->attendees = g_list_store_new (MDG_TYPE_ATTENDEE);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->seminars)),
                                              GTK_FILTER (self->filter));

  gtk_list_box_bind_model (self->seminar_list, G_LIST_MODEL (self->filtered), create_seminar_row, self, NULL);
  gtk_list_box_set_header_func (self->seminar_list, header_func, self, NULL);

  {
    GtkWidget *placeholder = gtk_label_new (_("No program yet. Add presentations, consultation slots, questions and breaks."));

    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_widget_set_margin_top (placeholder, 18);
    gtk_widget_set_margin_bottom (placeholder, 18);
    gtk_widget_set_margin_start (placeholder, 12);
    gtk_widget_set_margin_end (placeholder, 12);
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_list_box_set_placeholder (self->program_list, placeholder);
  }

  update_actions (self);
}

void
mdg_seminars_page_set_database (MdgSeminarsPage *self,
                                MdgDatabase     *database)
{
  g_return_if_fail (MDG_IS_SEMINARS_PAGE (self));
  g_return_if_fail (MDG_IS_DATABASE (database));

  if (g_set_object (&self->database, database))
    {
      gtk_stack_set_visible_child_name (self->page_stack, "loading");
      reload (self);
    }
}

void
mdg_seminars_page_focus_search (MdgSeminarsPage *self)
{
  g_return_if_fail (MDG_IS_SEMINARS_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * mdg_seminars_page_commit_pending:
 * @self: a #MdgSeminarsPage
 *
 * Makes every deletion still waiting for Undo final.
 */
void
mdg_seminars_page_commit_pending (MdgSeminarsPage *self)
{
  g_return_if_fail (MDG_IS_SEMINARS_PAGE (self));

  while (self->pending != NULL && self->pending->len > 0)
    finish_deletion (self, 0, TRUE);
}

void
mdg_seminars_page_select (MdgSeminarsPage *self,
                          gint64           seminar_id)
{
  g_return_if_fail (MDG_IS_SEMINARS_PAGE (self));
  select_row_for (self, seminar_id);
}

/* Returns: (transfer none) (nullable): the seminar shown in the detail pane */
MdgSeminar *
mdg_seminars_page_get_selected (MdgSeminarsPage *self)
{
  g_return_val_if_fail (MDG_IS_SEMINARS_PAGE (self), NULL);
  return self->selected;
}

/* Returns: (transfer none): the seminars as listed, after the search filter */
GListModel *
mdg_seminars_page_get_model (MdgSeminarsPage *self)
{
  g_return_val_if_fail (MDG_IS_SEMINARS_PAGE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}
