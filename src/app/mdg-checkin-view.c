/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-checkin-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-checkin-row.h"
#include "mdg-checkin-view.h"
#include "mdg-date.h"
#include "mdg-kana.h"
#include "mdg-registration-editor.h"
#include "mdg-registration-store.h"
#include "mdg-store-async.h"

/*
 * The check-in desk, for a queue at the door. One search field over the seminar's
 * attendees, already in memory, so every keystroke answers within a frame. Enter (a
 * USB barcode scanner types the registration number and Enter) checks in the only
 * match, and a large panel says what happened — green "checked in", amber "already
 * checked in at 14:02" or "on the waitlist", red "no match" or "cancelled" — until the
 * next person replaces it. The last few check-ins stay below, each with its own Undo.
 * The counter follows whatever changed the attendees: the table, this desk, or
 * madoguchi-cli beside it (the list is read again when the window gets the focus).
 */

#define MAX_CANDIDATES 30
#define MAX_RECENT     5

typedef enum
{
  RESULT_PENDING,
  RESULT_CHECKED_IN,
  RESULT_ALREADY,
  RESULT_WAITLISTED,
  RESULT_CANCELLED,
  RESULT_NO_MATCH,
  RESULT_FAILED,
} Result;

struct _MdgCheckinView
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *content;
  GtkLabel       *count_label;
  GtkSearchEntry *search_entry;
  GtkLabel       *hint_label;
  GtkWidget      *result_panel;
  GtkLabel       *result_status;
  GtkLabel       *result_name;
  GtkLabel       *result_reading;
  GtkLabel       *result_detail;
  GtkListBox     *candidates_list;
  GtkWidget      *recent_box;
  GtkListBox     *recent_list;

  /* owned */
  MdgDatabase    *database;
  MdgSeminar     *seminar;
  GListStore     *attendees;
  GListStore     *candidates;
  GListStore     *recent;
  MdgAttendee    *waiting_for_answer;   /* held while the "not today" question is open */

  /* borrowed */
  GtkRoot        *root;

  guint           generation;           /* of the person at the desk: a newer one replaces the panel */
  gboolean        day_confirmed;
};

G_DEFINE_FINAL_TYPE (MdgCheckinView, mdg_checkin_view, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void check_in (MdgCheckinView *self,
                      MdgAttendee    *attendee);

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

/* Shows what happened to the person at the desk, in full, until the next one. */
static void
show_result (MdgCheckinView *self,
             Result          result,
             MdgAttendee    *attendee,
             const char     *detail)
{
  static const char *classes[] = { "pending", "success", "warning", "error" };
  const char *class = result == RESULT_PENDING ? "pending"
                      : result == RESULT_CHECKED_IN ? "success"
                      : result == RESULT_ALREADY || result == RESULT_WAITLISTED ? "warning"
                                                                                : "error";
  g_autofree char *status = NULL;
  g_autofree char *name = NULL;
  g_autofree char *reading = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  switch (result)
    {
    case RESULT_PENDING:
      /* Shown at once; a write waiting for another program turns green when it is through. */
      status = g_strdup (_("Checking In…"));
      break;
    case RESULT_CHECKED_IN:
      status = g_strdup (_("Checked In"));
      break;
    case RESULT_ALREADY:
      {
        g_autofree char *time = mdg_time_format (mdg_attendee_get_checked_in_at (attendee));
        /* Translators: shown large at the desk; %s is the time of the first check-in */
        status = g_strdup_printf (_("Already Checked In (%s)"), time);
      }
      break;
    case RESULT_WAITLISTED:
      status = g_strdup (_("On the Waitlist — Not Registered"));
      break;
    case RESULT_CANCELLED:
      status = g_strdup (_("Registration Cancelled"));
      break;
    case RESULT_NO_MATCH:
      status = g_strdup (_("No Match"));
      break;
    case RESULT_FAILED:
      status = g_strdup (_("Not Checked In"));
      break;
    }

  if (attendee != NULL)
    {
      MdgPerson *person = mdg_attendee_get_person (attendee);
      g_autofree char *plain = mdg_person_dup_name (person);
      g_autofree char *kana = mdg_person_dup_kana (person);
      const char *organization = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
      const char *number = mdg_attendee_get_number (attendee);

      name = _mdg_format_honorific (plain);
      reading = _mdg_format_reading (kana);
      if (organization != NULL)
        g_string_append (line, organization);
      if (number != NULL)
        g_string_append_printf (line, "%s%s", line->len ? " · " : "", number);
    }
  else if (result == RESULT_NO_MATCH)
    {
      /* What was typed or scanned stands where the name would, and what to do below it. */
      name = g_strdup (detail);
      detail = _("Check the spelling, or register them as a walk-in.");
    }
  if (detail != NULL)
    g_string_append_printf (line, "%s%s", line->len ? "\n" : "", detail);

  gtk_label_set_text (self->result_status, status);
  gtk_label_set_text (self->result_name, name ? name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->result_name), name != NULL);
  gtk_label_set_text (self->result_reading, reading ? reading : "");
  gtk_widget_set_visible (GTK_WIDGET (self->result_reading), reading != NULL);
  gtk_label_set_text (self->result_detail, line->str);
  gtk_widget_set_visible (GTK_WIDGET (self->result_detail), line->len > 0);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->result_panel, classes[i]);
  gtk_widget_add_css_class (self->result_panel, class);
  gtk_widget_set_visible (self->result_panel, TRUE);
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

static MdgAttendee *
find_attendee (MdgCheckinView *self,
               gint64          id)
{
  guint n = self->attendees ? g_list_model_get_n_items (G_LIST_MODEL (self->attendees)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdgAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);

      if (mdg_attendee_get_id (attendee) == id)
        return attendee; /* the store holds it */
    }
  return NULL;
}

static void
update_hint (MdgCheckinView *self,
             const char     *text,
             guint           n_matches)
{
  g_autofree char *hint = NULL;

  if (*text == '\0')
    /* Translators: two lines, so that neither ends in a lone word */
    hint = g_strdup (_("Type part of a name in kanji or kana, or a company, or scan the registration number.\n"
                       "Enter checks in the only match."));
  else if (n_matches == 0)
    hint = g_strdup (_("No one matches. Check the spelling, or register them as a walk-in."));
  else if (n_matches == 1)
    hint = g_strdup (_("Press Enter to check in."));
  else
    hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match: type more, or check in the right one below.",
                                         "%u matches: type more, or check in the right one below.", n_matches),
                            n_matches);
  gtk_label_set_text (self->hint_label, hint);
}

static void
search_changed_cb (MdgCheckinView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) all = current_attendees (self);
  g_autoptr(GPtrArray) matches = mdg_registration_store_find (all, text);
  guint shown = MIN (matches->len, MAX_CANDIDATES);

  g_list_store_splice (self->candidates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->candidates)),
                       matches->pdata, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->candidates_list), shown > 0);
  update_hint (self, text, matches->len);
}

/* A cancelled registration is not found by the desk's search; to say why, look among them. */
static MdgAttendee *
find_cancelled (MdgCheckinView *self,
                const char     *text)
{
  g_autofree char *folded = mdg_kana_fold (text, -1);
  guint n = self->attendees ? g_list_model_get_n_items (G_LIST_MODEL (self->attendees)) : 0;
  MdgAttendee *found = NULL;

  for (guint i = 0; folded != NULL && i < n; i++)
    {
      g_autoptr(MdgAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);

      if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_CANCELLED &&
          mdg_attendee_matches (attendee, g_strstrip (folded)))
        {
          if (found != NULL)
            return NULL; /* several: the panel would name the wrong one */
          found = attendee;
        }
    }
  return found;
}

static void
ready_for_next (MdgCheckinView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_activate_cb (MdgCheckinView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) all = current_attendees (self);
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *typed = NULL;
  MdgAttendee *cancelled;

  if (*text == '\0')
    return;

  /* A scanner may send Enter before the search has run: search now. */
  matches = mdg_registration_store_find (all, text);
  if (matches->len == 1)
    {
      check_in (self, g_ptr_array_index (matches, 0));
      return;
    }
  if (matches->len > 1)
    {
      search_changed_cb (self);
      return;
    }

  self->generation++;
  if ((cancelled = find_cancelled (self, text)) != NULL)
    show_result (self, RESULT_CANCELLED, cancelled, NULL);
  else
    {
      /* Translators: what was typed or scanned at the desk, quoted */
      typed = g_strdup_printf (_("“%s”"), text);
      show_result (self, RESULT_NO_MATCH, NULL, typed);
    }
  ready_for_next (self);
}

static void
search_stop_cb (MdgCheckinView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

typedef struct
{
  MdgWriteWatch *watch;
  MdgAttendee   *attendee;
  guint          generation;
} CheckIn;

static void
check_in_free (CheckIn *data)
{
  g_clear_object (&data->attendee);
  g_free (data);
}

static void
add_recent (MdgCheckinView *self,
            MdgAttendee    *attendee)
{
  guint n;

  g_list_store_insert (self->recent, 0, attendee);
  while ((n = g_list_model_get_n_items (G_LIST_MODEL (self->recent))) > MAX_RECENT)
    g_list_store_remove (self->recent, n - 1);
  gtk_widget_set_visible (self->recent_box, TRUE);
}

static void
checked_in_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckIn *data = user_data;
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (data->watch);
  g_autoptr(GError) error = NULL;
  gboolean done = mdg_registration_store_check_in_finish (MDG_DATABASE (source), result, &error);
  MdgCheckinView *self;

  if (widget == NULL)
    {
      check_in_free (data);
      return; /* checked in; the desk has gone meanwhile */
    }
  self = MDG_CHECKIN_VIEW (widget);
  /* Someone newer may stand at the desk: the panel is theirs; the list below takes everyone. */
  if (done)
    {
      add_recent (self, data->attendee);
      if (data->generation == self->generation)
        show_result (self, RESULT_CHECKED_IN, data->attendee, NULL);
    }
  else if (data->generation == self->generation)
    show_result (self, RESULT_FAILED, data->attendee, error->message);
  update_count (self);
  search_changed_cb (self);
  check_in_free (data);
}

static void
write_check_in (MdgCheckinView *self,
                MdgAttendee    *attendee)
{
  CheckIn *data = g_new0 (CheckIn, 1);

  data->watch = _mdg_write_watch_new (GTK_WIDGET (self));
  data->attendee = g_object_ref (attendee);
  data->generation = self->generation;
  show_result (self, RESULT_PENDING, attendee, NULL);
  mdg_registration_store_check_in_async (self->database, attendee, TRUE, NULL, checked_in_cb, data);
}

static gboolean
seminar_is_today (MdgCheckinView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *starts = mdg_seminar_get_starts_at (self->seminar);
  int y1, m1, d1, y2, m2, d2;

  g_date_time_get_ymd (now, &y1, &m1, &d1);
  g_date_time_get_ymd (starts, &y2, &m2, &d2);
  return y1 == y2 && m1 == m2 && d1 == d2;
}

static void
not_today_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       MdgCheckinView   *self)
{
  g_autoptr(MdgAttendee) attendee = g_steal_pointer (&self->waiting_for_answer);

  if (g_str_equal (response, "check-in") && attendee != NULL)
    {
      self->day_confirmed = TRUE;
      write_check_in (self, attendee);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* A seminar on another day asks once, before its first check-in: the wrong seminar is easy to pick. */
static void
ask_about_the_day (MdgCheckinView *self,
                   MdgAttendee    *attendee)
{
  g_autofree char *date = mdg_date_format (mdg_seminar_get_starts_at (self->seminar), MDG_DATE_DEFAULT);
  GtkWidget *dialog;

  g_set_object (&self->waiting_for_answer, attendee);
  dialog = adw_message_dialog_new (get_window (self), _("This Seminar Is Not Today"), NULL);
  /* Translators: a seminar's title, then its date */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("“%s” is on %s. Check people in for it anyway?"),
                                  mdg_seminar_get_title (self->seminar), date);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("Cancel"), "check-in",
                                    _("Check In Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "check-in", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "check-in");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (not_today_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_in (MdgCheckinView *self,
          MdgAttendee    *attendee)
{
  self->generation++;
  ready_for_next (self);

  if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_CANCELLED)
    show_result (self, RESULT_CANCELLED, attendee, NULL);
  else if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_WAITLISTED)
    show_result (self, RESULT_WAITLISTED, attendee, NULL);
  else if (mdg_attendee_get_checked_in (attendee))
    show_result (self, RESULT_ALREADY, attendee, NULL);
  else if (!self->day_confirmed && !seminar_is_today (self))
    ask_about_the_day (self, attendee);
  else
    write_check_in (self, attendee);
}

static void
check_in_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MdgCheckinView *self = MDG_CHECKIN_VIEW (widget);
  MdgAttendee *attendee = find_attendee (self, g_variant_get_int64 (parameter));

  if (attendee != NULL)
    check_in (self, attendee);
}

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CheckIn *data = user_data;
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (data->watch);
  g_autoptr(GError) error = NULL;
  gboolean done = mdg_registration_store_check_in_finish (MDG_DATABASE (source), result, &error);
  MdgCheckinView *self;
  guint position;

  if (widget == NULL)
    {
      check_in_free (data);
      return;
    }
  self = MDG_CHECKIN_VIEW (widget);
  if (!done)
    _mdg_toast_error (widget, error);
  else
    {
      g_autofree char *name = mdg_person_dup_name (mdg_attendee_get_person (data->attendee));
      /* Translators: %s is a person's name; the Japanese adds the honorific */
      g_autofree char *message = g_strdup_printf (_("%s is no longer checked in"), name);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->recent)); i++)
        {
          g_autoptr(MdgAttendee) recent = g_list_model_get_item (G_LIST_MODEL (self->recent), i);

          if (mdg_attendee_get_id (recent) == mdg_attendee_get_id (data->attendee) &&
              g_list_store_find (self->recent, recent, &position))
            {
              g_list_store_remove (self->recent, position);
              break;
            }
        }
      gtk_widget_set_visible (self->recent_box, g_list_model_get_n_items (G_LIST_MODEL (self->recent)) > 0);
      /* The panel no longer tells the truth about them. */
      if (data->generation == self->generation)
        gtk_widget_set_visible (self->result_panel, FALSE);
      _mdg_toast (widget, message);
    }
  update_count (self);
  search_changed_cb (self);
  check_in_free (data);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MdgCheckinView *self = MDG_CHECKIN_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  MdgAttendee *attendee = find_attendee (self, id);
  CheckIn *data;

  /* The list may have been read again since: the recent row's own registration will do. */
  for (guint i = 0; attendee == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->recent)); i++)
    {
      g_autoptr(MdgAttendee) recent = g_list_model_get_item (G_LIST_MODEL (self->recent), i);

      if (mdg_attendee_get_id (recent) == id)
        attendee = recent;
    }
  if (attendee == NULL)
    return;

  data = g_new0 (CheckIn, 1);
  data->watch = _mdg_write_watch_new (widget);
  data->attendee = g_object_ref (attendee);
  data->generation = self->generation;
  mdg_registration_store_check_in_async (self->database, attendee, FALSE, NULL, undone_cb, data);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
walk_in_registered_cb (MdgCheckinView *self,
                       MdgAttendee    *attendee)
{
  /* The walk-in is at the desk: registered and checked in at once, when there is room. */
  check_in (self, attendee);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
walk_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MdgCheckinView *self = MDG_CHECKIN_VIEW (widget);
  GtkWidget *editor;

  if (self->seminar == NULL)
    return;
  editor = mdg_registration_editor_new (self->database, self->seminar, TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (editor), get_window (self));
  g_signal_connect_object (editor, "registered", G_CALLBACK (walk_in_registered_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static GtkWidget *
create_candidate_row (gpointer item,
                      gpointer user_data)
{
  return mdg_checkin_row_new (item, MDG_CHECKIN_ROW_CANDIDATE);
}

static GtkWidget *
create_recent_row (gpointer item,
                   gpointer user_data)
{
  return mdg_checkin_row_new (item, MDG_CHECKIN_ROW_RECENT);
}

static void
attendees_changed_cb (MdgCheckinView *self)
{
  update_count (self);
  search_changed_cb (self);
}

/* Back at the desk after another window (madoguchi-cli, another Madoguchi): read the list again. */
static void
root_active_cb (MdgCheckinView *self)
{
  if (self->root != NULL && gtk_window_is_active (GTK_WINDOW (self->root)) && self->seminar != NULL)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
mdg_checkin_view_map (GtkWidget *widget)
{
  MdgCheckinView *self = MDG_CHECKIN_VIEW (widget);

  GTK_WIDGET_CLASS (mdg_checkin_view_parent_class)->map (widget);

  self->root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (self->root))
    g_signal_connect_object (self->root, "notify::is-active", G_CALLBACK (root_active_cb), self, G_CONNECT_SWAPPED);
  update_count (self);
}

static void
mdg_checkin_view_unmap (GtkWidget *widget)
{
  MdgCheckinView *self = MDG_CHECKIN_VIEW (widget);

  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, root_active_cb, self);
  self->root = NULL;

  GTK_WIDGET_CLASS (mdg_checkin_view_parent_class)->unmap (widget);
}

static void
mdg_checkin_view_dispose (GObject *object)
{
  MdgCheckinView *self = MDG_CHECKIN_VIEW (object);

  if (self->candidates_list != NULL)
    gtk_list_box_bind_model (self->candidates_list, NULL, NULL, NULL, NULL);
  if (self->recent_list != NULL)
    gtk_list_box_bind_model (self->recent_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_CHECKIN_VIEW);
  g_clear_object (&self->database);
  g_clear_object (&self->seminar);
  g_clear_object (&self->attendees);
  g_clear_object (&self->candidates);
  g_clear_object (&self->recent);
  g_clear_object (&self->waiting_for_answer);

  G_OBJECT_CLASS (mdg_checkin_view_parent_class)->dispose (object);
}

static void
mdg_checkin_view_class_init (MdgCheckinViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_checkin_view_dispose;
  widget_class->map = mdg_checkin_view_map;
  widget_class->unmap = mdg_checkin_view_unmap;

  /**
   * MdgCheckinView::changed:
   *
   * The attendees should be read again: someone registered at the desk, or the
   * window came back to the desk and something else may have changed them.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-checkin-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, content);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, count_label);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, result_panel);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, result_status);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, result_name);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, result_reading);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, result_detail);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, candidates_list);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, recent_box);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinView, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);

  gtk_widget_class_install_action (widget_class, "checkin.check-in", "x", check_in_action);
  gtk_widget_class_install_action (widget_class, "checkin.undo", "x", undo_action);
  gtk_widget_class_install_action (widget_class, "checkin.walk-in", NULL, walk_in_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mdg_checkin_view_init (MdgCheckinView *self)
{
  g_type_ensure (MDG_TYPE_CHECKIN_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->candidates = g_list_store_new (MDG_TYPE_ATTENDEE);
  self->recent = g_list_store_new (MDG_TYPE_ATTENDEE);
  gtk_list_box_bind_model (self->candidates_list, G_LIST_MODEL (self->candidates), create_candidate_row, self, NULL);
  gtk_list_box_bind_model (self->recent_list, G_LIST_MODEL (self->recent), create_recent_row, self, NULL);

  /* Every keystroke searches at once: the attendees are in memory. */
  gtk_search_entry_set_search_delay (self->search_entry, 0);
  update_hint (self, "", 0);
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
  if (g_set_object (&self->seminar, seminar))
    {
      /* Another seminar: another queue, and its day asks again. */
      self->day_confirmed = FALSE;
      self->generation++;
      g_list_store_remove_all (self->recent);
      gtk_widget_set_visible (self->recent_box, FALSE);
      gtk_widget_set_visible (self->result_panel, FALSE);
    }
  if (g_set_object (&self->attendees, attendees))
    g_signal_connect_object (attendees, "items-changed", G_CALLBACK (attendees_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  attendees_changed_cb (self);
}

void
mdg_checkin_view_focus_entry (MdgCheckinView *self)
{
  g_return_if_fail (MDG_IS_CHECKIN_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
