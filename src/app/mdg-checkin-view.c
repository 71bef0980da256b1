/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-checkin-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-checkin-view.h"
#include "mdg-date.h"
#include "mdg-registration-editor.h"
#include "mdg-registration-store.h"

/*
 * The reception desk, built for speed: one search field over the seminar's attendees,
 * already in memory, so every keystroke answers within a frame with no disk or
 * network. Enter checks in the only match — which is also what a USB barcode scanner
 * sends after a registration number. A mistaken check-in is undone from its toast.
 */

#define MAX_RESULTS 30

struct _MdgCheckinView
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *content;
  GtkLabel       *count_label;
  GtkSearchEntry *search_entry;
  GtkLabel       *hint_label;
  GtkListBox     *results;

  /* owned */
  MdgDatabase    *database;
  MdgSeminar     *seminar;
  GListStore     *attendees;
  GPtrArray      *matches;
  MdgAttendee    *last_checked_in;
};

G_DEFINE_FINAL_TYPE (MdgCheckinView, mdg_checkin_view, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_matches (MdgCheckinView *self);

static GtkWindow *
get_window (MdgCheckinView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
update_count (MdgCheckinView *self)
{
  guint n = self->attendees ? g_list_model_get_n_items (G_LIST_MODEL (self->attendees)) : 0;
  guint registered = 0, checked_in = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdgAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);

      if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_REGISTERED)
        {
          registered++;
          checked_in += mdg_attendee_get_checked_in (attendee);
        }
    }
  /* Translators: checked in / registered, shown large at the reception desk */
  text = g_strdup_printf (_("%u / %u"), checked_in, registered);
  gtk_label_set_text (self->count_label, text);
}

static void
show_toast (MdgCheckinView *self,
            const char     *message,
            gboolean        undo)
{
  AdwToast *toast = adw_toast_new (message);

  if (undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "checkin.undo");
    }
  _mdg_add_toast (GTK_WIDGET (self), toast);
}

static void
check_in (MdgCheckinView *self,
          MdgAttendee    *attendee)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = mdg_person_dup_name (mdg_attendee_get_person (attendee));
  g_autofree char *message = NULL;

  if (mdg_attendee_get_checked_in (attendee))
    {
      g_autofree char *when = mdg_time_format (mdg_attendee_get_checked_in_at (attendee));

      message = g_strdup_printf (_("%s was already checked in at %s"), name, when);
      show_toast (self, message, FALSE);
      return;
    }

  if (!mdg_registration_store_check_in (self->database, attendee, TRUE, &error))
    {
      show_toast (self, error->message, FALSE);
      return;
    }

  g_set_object (&self->last_checked_in, attendee);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.undo", TRUE);
  message = g_strdup_printf (_("Checked in %s"), name);
  show_toast (self, message, TRUE);
  update_count (self);

  /* Ready for the next person in the queue. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
check_in_clicked_cb (GtkButton      *button,
                     MdgCheckinView *self)
{
  check_in (self, g_object_get_data (G_OBJECT (button), "attendee"));
}

static GtkWidget *
create_result_row (MdgCheckinView *self,
                   MdgAttendee    *attendee)
{
  MdgPerson *person = mdg_attendee_get_person (attendee);
  g_autofree char *name = mdg_person_dup_name (person);
  g_autofree char *kana = mdg_person_dup_kana (person);
  g_autofree char *title = g_markup_printf_escaped ("%s <span size=\"small\" alpha=\"60%%\">%s</span>", name, kana);
  const char *org = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
  g_autofree char *subtitle = g_markup_printf_escaped ("%s%s%s", mdg_attendee_get_number (attendee) ?: "",
                                                       org ? " · " : "", org ? org : "");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *suffix;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_WAITLISTED)
    {
      suffix = gtk_label_new (_("On the waitlist"));
      gtk_widget_add_css_class (suffix, "warning");
    }
  else if (mdg_attendee_get_checked_in (attendee))
    {
      g_autofree char *when = mdg_time_format (mdg_attendee_get_checked_in_at (attendee));
      g_autofree char *text = g_strdup_printf (_("Checked in %s"), when);

      suffix = gtk_label_new (text);
      gtk_widget_add_css_class (suffix, "success");
    }
  else
    {
      suffix = gtk_button_new_with_mnemonic (_("_Check In"));
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (suffix, "suggested-action");
      g_object_set_data_full (G_OBJECT (suffix), "attendee", g_object_ref (attendee), g_object_unref);
      g_signal_connect (suffix, "clicked", G_CALLBACK (check_in_clicked_cb), self);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  return row;
}

static void
show_matches (MdgCheckinView *self)
{
  GtkWidget *child;
  guint shown;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);

  shown = self->matches ? MIN (self->matches->len, MAX_RESULTS) : 0;
  for (guint i = 0; i < shown; i++)
    gtk_list_box_append (self->results, create_result_row (self, g_ptr_array_index (self->matches, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->results), shown > 0);
  if (self->matches == NULL)
    gtk_label_set_text (self->hint_label, _("Type part of a name in kanji or kana, a company, or scan the registration "
                                            "number. Enter checks in the only match."));
  else if (self->matches->len == 0)
    gtk_label_set_text (self->hint_label, _("No one matches. Check the spelling, or register them as a walk-in."));
  else if (self->matches->len == 1)
    gtk_label_set_text (self->hint_label, _("Press Enter to check in."));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match: type more to narrow it down.",
                                                            "%u matches: type more to narrow them down.",
                                                            self->matches->len),
                                               self->matches->len);
      gtk_label_set_text (self->hint_label, text);
    }
}

static GPtrArray *
current_attendees (MdgCheckinView *self)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = self->attendees ? g_list_model_get_n_items (G_LIST_MODEL (self->attendees)) : 0;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (G_LIST_MODEL (self->attendees), i));
  return array;
}

static void
search_changed_cb (MdgCheckinView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) all = NULL;

  g_clear_pointer (&self->matches, g_ptr_array_unref);
  if (*text != '\0')
    {
      all = current_attendees (self);
      self->matches = mdg_registration_store_find (all, text);
    }
  show_matches (self);
}

static void
search_activate_cb (MdgCheckinView *self)
{
  /* A scanner may send Enter before the search delay has run: search now. */
  search_changed_cb (self);
  if (self->matches != NULL && self->matches->len == 1)
    check_in (self, g_ptr_array_index (self->matches, 0));
}

static void
search_stop_cb (MdgCheckinView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgCheckinView *self = MDG_CHECKIN_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (self->last_checked_in == NULL)
    return;
  if (!mdg_registration_store_check_in (self->database, self->last_checked_in, FALSE, &error))
    {
      show_toast (self, error->message, FALSE);
      return;
    }
  name = mdg_person_dup_name (mdg_attendee_get_person (self->last_checked_in));
  message = g_strdup_printf (_("%s is no longer checked in"), name);
  g_clear_object (&self->last_checked_in);
  gtk_widget_action_set_enabled (widget, "checkin.undo", FALSE);
  show_toast (self, message, FALSE);
  update_count (self);
  search_changed_cb (self);
}

static void
walk_in_registered_cb (MdgCheckinView *self,
                       MdgAttendee    *attendee)
{
  /* The walk-in is at the desk: register and check in at once, when there is room. */
  if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_REGISTERED)
    check_in (self, attendee);
  else
    {
      g_autofree char *name = mdg_person_dup_name (mdg_attendee_get_person (attendee));
      g_autofree char *message = g_strdup_printf (_("The seminar is full: %s is on the waitlist"), name);
      show_toast (self, message, FALSE);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
walk_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdgCheckinView *self = MDG_CHECKIN_VIEW (widget);
  GtkWidget *editor = mdg_registration_editor_new (self->database, self->seminar, TRUE);

  gtk_window_set_transient_for (GTK_WINDOW (editor), get_window (self));
  g_signal_connect_object (editor, "registered", G_CALLBACK (walk_in_registered_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
attendees_changed_cb (MdgCheckinView *self)
{
  update_count (self);
  search_changed_cb (self);
}

static void
mdg_checkin_view_dispose (GObject *object)
{
  MdgCheckinView *self = MDG_CHECKIN_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_CHECKIN_VIEW);
  g_clear_object (&self->database);
  g_clear_object (&self->seminar);
  g_clear_object (&self->attendees);
  g_clear_object (&self->last_checked_in);
  g_clear_pointer (&self->matches, g_ptr_array_unref);

  G_OBJECT_CLASS (mdg_checkin_view_parent_class)->dispose (object);
}

static void
mdg_checkin_view_class_init (MdgCheckinViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_checkin_view_dispose;

  /* Someone registered at the desk: the list should be read again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-checkin-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, content);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, count_label);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, results);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);

  gtk_widget_class_install_action (widget_class, "checkin.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "checkin.walk-in", NULL, walk_in_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mdg_checkin_view_init (MdgCheckinView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Every keystroke searches at once: the attendees are in memory. */
  gtk_search_entry_set_search_delay (self->search_entry, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.undo", FALSE);
}

/**
 * mdg_checkin_view_bind:
 * @self: a #MdgCheckinView
 * @database: the database
 * @seminar: the seminar at the door
 * @attendees: (element-type MdgAttendee): its attendees, kept up to date by the caller
 */
void
mdg_checkin_view_bind (MdgCheckinView *self,
                       MdgDatabase    *database,
                       MdgSeminar     *seminar,
                       GListStore     *attendees)
{
  g_return_if_fail (MDG_IS_CHECKIN_VIEW (self));

  g_set_object (&self->database, database);
  g_set_object (&self->seminar, seminar);
  if (g_set_object (&self->attendees, attendees))
    g_signal_connect_object (attendees, "items-changed", G_CALLBACK (attendees_changed_cb), self, G_CONNECT_SWAPPED);
  g_clear_object (&self->last_checked_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checkin.undo", FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  attendees_changed_cb (self);
}

void
mdg_checkin_view_focus_entry (MdgCheckinView *self)
{
  g_return_if_fail (MDG_IS_CHECKIN_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
