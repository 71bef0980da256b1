/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-seminars-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-attendee.h"
#include "mdg-consultations-page.h"
#include "mdg-current-staff.h"
#include "mdg-database-private.h"
#include "mdg-date.h"
#include "mdg-document-output.h"
#include "mdg-seminars-page-private.h"
#include "mdg-slot-store.h"
#include "mdg-slot-timetable.h"
#include "mdg-staff-group.h"
#include "mdg-staff-store.h"
#include "mdg-window.h"

/*
 * The seminar's on-site consultation slots in its overview: when, with whom, and the
 * attendee who booked each. Slots are added for a specialist, booked for one of the
 * seminar's attendees, unbooked, held (the slot becomes a consultation on the on-site
 * channel, linked to the seminar and the attendee, which the Consultations section
 * opens) and removed while nobody has booked them; the timetable prints as a PDF.
 * Every write runs in a worker (_mdg_work_async, which waits for another writer).
 */

static MdgDatabase *
get_database (MdgSeminarsPage *self)
{
  return mdg_section_get_database (MDG_SECTION (self));
}

static void
clear_rows (MdgSeminarsPage *self)
{
  for (guint i = 0; i < self->slot_rows->len; i++)
    adw_preferences_group_remove (self->slots_group, g_ptr_array_index (self->slot_rows, i));
  g_ptr_array_set_size (self->slot_rows, 0);
}

static MdgConsultationSlot *
find_slot (MdgSeminarsPage *self,
           gint64           id)
{
  for (guint i = 0; self->slots != NULL && i < self->slots->len; i++)
    if (((MdgConsultationSlot *) g_ptr_array_index (self->slots, i))->id == id)
      return g_ptr_array_index (self->slots, i);
  return NULL;
}

static GtkWidget *
row_button (const char *label,
            const char *name,
            const char *action,
            gint64      id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  return button;
}

/* "16:30–17:00 · 山田 太郎" */
static char *
slot_title (MdgConsultationSlot *slot)
{
  g_autoptr(GDateTime) starts = g_date_time_to_local (slot->starts_at);
  g_autoptr(GDateTime) ends = g_date_time_add_minutes (starts, slot->minutes);
  g_autofree char *from = mdg_time_format (starts);
  g_autofree char *to = mdg_time_format (ends);

  /* Translators: a consultation slot: start and end time, then the specialist */
  return g_strdup_printf (_("%s–%s · %s"), from, to, slot->staff_name ? slot->staff_name : "—");
}

static GtkWidget *
slot_row_new (MdgConsultationSlot *slot,
              guint                index)
{
  g_autofree char *title = slot_title (slot);
  g_autofree char *subtitle = NULL;
  g_autofree char *name = g_strdup_printf ("seminar-slot-%u", index);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state = gtk_label_new (mdg_slot_state_get_label (slot->state));
  GtkWidget *remove;

  if (slot->attendee_name != NULL && slot->attendee_organization != NULL && *slot->attendee_organization != '\0')
    {
      g_autofree char *person = _mdg_format_honorific (slot->attendee_name);

      /* Translators: who booked a slot: their name, then their organization */
      subtitle = g_strdup_printf (_("%s (%s)"), person, slot->attendee_organization);
    }
  else if (slot->attendee_name != NULL)
    subtitle = _mdg_format_honorific (slot->attendee_name);
  else
    subtitle = g_strdup (_("Not booked yet"));
  if (slot->note != NULL && *slot->note != '\0')
    {
      /* Translators: who booked a slot, then what they want to talk about */
      g_autofree char *with_note = g_strdup_printf (_("%s · %s"), subtitle, slot->note);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with_note);
    }
  {
    g_autofree char *escaped_title = g_markup_escape_text (title, -1);
    g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
    /* The attendee's name and organization wrap rather than vanish beside the buttons. */
    adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  }
  gtk_widget_set_name (row, name);
  gtk_widget_add_css_class (state, "dim-label");
  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);

  switch (slot->state)
    {
    case MDG_SLOT_STATE_OPEN:
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (_("_Book…"), "slot-book", "seminars.book-slot", slot->id));
      remove = row_button (NULL, "slot-remove", "seminars.remove-slot", slot->id);
      gtk_button_set_icon_name (GTK_BUTTON (remove), "user-trash-symbolic");
      gtk_widget_set_tooltip_text (remove, _("Remove the Slot"));
      gtk_widget_add_css_class (remove, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      break;
    case MDG_SLOT_STATE_BOOKED:
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (_("_Unbook"), "slot-unbook", "seminars.unbook-slot", slot->id));
      {
        GtkWidget *hold = row_button (_("_Hold…"), "slot-hold", "seminars.hold-slot", slot->id);

        gtk_widget_add_css_class (hold, "suggested-action");
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), hold);
      }
      break;
    case MDG_SLOT_STATE_HELD:
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (_("_Open Consultation"), "slot-open", "seminars.open-slot-consultation",
                                             slot->consultation_id));
      break;
    default:
      g_assert_not_reached ();
    }
  return row;
}

static void
slots_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = _mdg_database_list_finish (MDG_DATABASE (source), result, mdg_slot_store_list, &error);
  MdgSeminarsPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* another seminar is on display, or the page is gone */
  self = MDG_SEMINARS_PAGE (user_data);
  clear_rows (self);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  if (slots == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  for (guint i = 0; i < slots->len; i++)
    {
      GtkWidget *row = slot_row_new (g_ptr_array_index (slots, i), i);

      adw_preferences_group_add (self->slots_group, row);
      g_ptr_array_add (self->slot_rows, row);
    }
  if (slots->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No consultation slots yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add a specialist’s times; the seminar’s attendees can then book them."));
      gtk_widget_set_name (row, "seminar-slots-empty");
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->slots_group, row);
      g_ptr_array_add (self->slot_rows, row);
    }
  self->slots = g_steal_pointer (&slots);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminars.print-slots", self->slots->len > 0);
}

/* Reads the slots again; the rows shown stay until the new ones replace them. */
static void
list_slots (MdgSeminarsPage *self)
{
  _mdg_database_list_by_id_async (get_database (self), mdg_slot_store_list, mdg_seminar_get_id (self->selected),
                                  mdg_slot_store_list, self->seminar_cancellable, slots_listed_cb, self);
}

/* Reads the slots of the seminar on display, in a worker. */
void
_mdg_seminars_page_load_slots (MdgSeminarsPage *self)
{
  clear_rows (self);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "seminars.print-slots", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->slots_group), self->selected != NULL);
  if (self->selected != NULL)
    list_slots (self);
}

/* ------------------------------------------------------------------------- */
/* Writes                                                                    */
/* ------------------------------------------------------------------------- */

typedef enum
{
  SLOT_ADD,
  SLOT_BOOK,
  SLOT_UNBOOK,
  SLOT_HOLD,
  SLOT_REMOVE,
} SlotOpKind;

typedef struct
{
  SlotOpKind  kind;
  gint64      seminar_id;
  gint64      slot_id;
  gint64      staff_id;
  gint64      registration_id;
  gint64      actor_id;
  GDateTime  *starts_at;
  guint       minutes;
  guint       count;
  char       *note;      /* the booking's topic, or the held consultation's subject */
  char       *question;
  gint64      consultation_id;
  char       *who;       /* for the toast: the attendee booked */
} SlotOp;

static void
slot_op_free (SlotOp *op)
{
  g_clear_pointer (&op->starts_at, g_date_time_unref);
  g_free (op->note);
  g_free (op->question);
  g_free (op->who);
  g_free (op);
}

static gboolean
slot_op_thread (MdgDatabase  *connection,
                gpointer      data,
                GError      **error)
{
  SlotOp *op = data;
  g_autoptr(GArray) ids = NULL;

  switch (op->kind)
    {
    case SLOT_ADD:
      ids = mdg_slot_store_add (connection, op->seminar_id, op->starts_at, op->minutes, op->count, op->staff_id, error);
      return ids != NULL;
    case SLOT_BOOK:
      return mdg_slot_store_book (connection, op->slot_id, op->registration_id, op->note, error);
    case SLOT_UNBOOK:
      return mdg_slot_store_unbook (connection, op->slot_id, error);
    case SLOT_HOLD:
      op->consultation_id = mdg_slot_store_hold (connection, op->actor_id, op->slot_id, op->note, op->question, error);
      return op->consultation_id > 0;
    case SLOT_REMOVE:
      return mdg_slot_store_remove (connection, op->slot_id, error);
    default:
      g_assert_not_reached ();
    }
}

static void
slot_op_done (GtkWidget *widget,
              gpointer   data)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  SlotOp *op = data;
  g_autofree char *message = NULL;

  switch (op->kind)
    {
    case SLOT_ADD:
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u consultation slot added",
                                              "%u consultation slots added", op->count),
                                 op->count);
      break;
    case SLOT_BOOK:
      /* Translators: after booking a consultation slot, who it is for (the name already has its honorific) */
      message = g_strdup_printf (_("Slot booked for %s"), op->who);
      break;
    case SLOT_UNBOOK:
      message = g_strdup (_("The slot is open again"));
      break;
    case SLOT_REMOVE:
      message = g_strdup (_("Slot removed"));
      break;
    case SLOT_HOLD:
      {
        AdwToast *toast = _mdg_toast_new (_("Consultation recorded"));

        adw_toast_set_button_label (toast, _("_Open"));
        adw_toast_set_action_name (toast, "seminars.open-slot-consultation");
        adw_toast_set_action_target_value (toast, g_variant_new_int64 (op->consultation_id));
        _mdg_add_toast (widget, toast);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  if (message != NULL)
    _mdg_toast (widget, message);
  if (self->selected != NULL && mdg_seminar_get_id (self->selected) == op->seminar_id)
    list_slots (self);
}

static void
run_op (MdgSeminarsPage *self,
        SlotOp          *op)
{
  op->seminar_id = mdg_seminar_get_id (self->selected);
  _mdg_work_async (GTK_WIDGET (self), get_database (self), slot_op_thread, op, (GDestroyNotify) slot_op_free,
                   slot_op_done, TRUE);
}

static SlotOp *
op_new (SlotOpKind kind,
        gint64     slot_id)
{
  SlotOp *op = g_new0 (SlotOp, 1);

  op->kind = kind;
  op->slot_id = slot_id;
  return op;
}

/* A dialog asking for a slot's details; its answer is @response. */
static AdwMessageDialog *
slot_dialog_new (MdgSeminarsPage *self,
                 const char      *name,
                 const char      *heading,
                 const char      *body,
                 const char      *response,
                 const char      *label,
                 GtkWidget       *child)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

  gtk_widget_set_name (dialog, name);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), child);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return ADW_MESSAGE_DIALOG (dialog);
}

static GtkWidget *
boxed_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
entry_row_new (GtkWidget  *list,
               const char *title,
               const char *name,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_widget_set_name (row, name);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkSpinButton *
spin_row_new (GtkWidget  *list,
              const char *title,
              const char *name,
              double      min,
              double      max,
              double      value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_name (spin, name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return GTK_SPIN_BUTTON (spin);
}

/* The dialogs keep what they asked for until they answer. */
typedef struct
{
  MdgSeminarsPage *self;
  gint64           slot_id;
  GPtrArray       *choices;   /* MdgStaff or MdgAttendee, as the combo row lists them */
  AdwComboRow     *choice;
  GtkEditable     *time;
  GtkEditable     *text;
  GtkSpinButton   *minutes;
  GtkSpinButton   *count;
  GtkTextBuffer   *question;
} SlotCall;

static void
slot_call_free (SlotCall *call)
{
  g_clear_object (&call->self);
  g_clear_pointer (&call->choices, g_ptr_array_unref);
  g_free (call);
}

static void
slot_call_closure_free (gpointer  data,
                        GClosure *closure)
{
  slot_call_free (data);
}

static SlotCall *
slot_call_new (MdgSeminarsPage *self,
               gint64           slot_id)
{
  SlotCall *call = g_new0 (SlotCall, 1);

  call->self = g_object_ref (self);
  call->slot_id = slot_id;
  return call;
}

/* "16:30", "1630" or "9:05" on the seminar's day, or NULL. */
static GDateTime *
parse_start (MdgSeminar *seminar,
             const char *text)
{
  g_autoptr(GDateTime) day = g_date_time_to_local (mdg_seminar_get_starts_at (seminar));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL_COMPOSE);  /* full-width digits */
  unsigned hour, minute;
  char end;

  if (normalized == NULL)
    return NULL;
  if (sscanf (normalized, "%u:%u%c", &hour, &minute, &end) != 2 &&
      !(strlen (normalized) == 4 && sscanf (normalized, "%2u%2u%c", &hour, &minute, &end) == 2))
    return NULL;
  if (hour > 23 || minute > 59)
    return NULL;
  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), hour, minute, 0);
}

static void
add_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 SlotCall         *call)
{
  MdgSeminarsPage *self = call->self;
  g_autoptr(GDateTime) start = NULL;
  guint chosen = adw_combo_row_get_selected (call->choice);
  SlotOp *op;

  if (!g_str_equal (response, "add") || self->selected == NULL || chosen >= call->choices->len)
    return;
  start = parse_start (self->selected, gtk_editable_get_text (call->time));
  if (start == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a time: type it as 16:30"),
                                                  gtk_editable_get_text (call->time));
      _mdg_toast (GTK_WIDGET (self), message);
      return;
    }
  op = op_new (SLOT_ADD, 0);
  op->starts_at = g_steal_pointer (&start);
  op->minutes = gtk_spin_button_get_value_as_int (call->minutes);
  op->count = gtk_spin_button_get_value_as_int (call->count);
  op->staff_id = mdg_staff_get_id (g_ptr_array_index (call->choices, chosen));
  run_op (self, op);
}

static GPtrArray *
list_staff_thread (MdgDatabase  *connection,
                   gpointer      data,
                   GError      **error)
{
  return mdg_staff_store_list (connection, FALSE, error);
}

/* The next slot starts where the last one ends, or when the seminar does. */
static GDateTime *
next_start (MdgSeminarsPage *self)
{
  GDateTime *next = g_date_time_ref (mdg_seminar_get_ends_at (self->selected));

  for (guint i = 0; self->slots != NULL && i < self->slots->len; i++)
    {
      MdgConsultationSlot *slot = g_ptr_array_index (self->slots, i);
      g_autoptr(GDateTime) ends = g_date_time_add_minutes (slot->starts_at, slot->minutes);

      if (i == 0 || g_date_time_compare (ends, next) > 0)
        {
          g_date_time_unref (next);
          next = g_steal_pointer (&ends);
        }
    }
  return next;
}

static void
staff_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = _mdg_database_list_finish (MDG_DATABASE (source), result, list_staff_thread, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *time = NULL;
  MdgSeminarsPage *self;
  AdwMessageDialog *dialog;
  GtkWidget *list, *row;
  SlotCall *call;
  gint64 current = _mdg_current_staff_get_id ();

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_SEMINARS_PAGE (user_data);
  if (staff == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  if (staff->len == 0)
    {
      _mdg_toast_needs_staff (GTK_WIDGET (self), _("No specialists yet: add the desk’s staff in Preferences"));
      return;
    }

  call = slot_call_new (self, 0);
  call->choices = g_steal_pointer (&staff);
  list = boxed_list_new ();
  next = next_start (self);
  local = g_date_time_to_local (next);
  time = g_date_time_format (local, "%H:%M");
  call->time = GTK_EDITABLE (entry_row_new (list, _("Starts at"), "slot-start", time));
  call->minutes = spin_row_new (list, _("Minutes each"), "slot-minutes", 5, 240, 30);
  call->count = spin_row_new (list, _("Slots in a row"), "slot-count", 1, 24, 1);
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Specialist"));
  gtk_widget_set_name (row, "slot-staff");
  for (guint i = 0; i < call->choices->len; i++)
    gtk_string_list_append (names, mdg_staff_get_name (g_ptr_array_index (call->choices, i)));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  for (guint i = 0; i < call->choices->len; i++)
    if (mdg_staff_get_id (g_ptr_array_index (call->choices, i)) == current)
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  call->choice = ADW_COMBO_ROW (row);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  dialog = slot_dialog_new (self, "slot-add-dialog", _("Add Consultation Slots"),
                            _("A specialist’s time at the seminar, on its day; several slots follow one another."),
                            "add", _("_Add"), list);
  g_signal_connect_data (dialog, "response", G_CALLBACK (add_response_cb), call, slot_call_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_slot_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);

  if (self->selected == NULL)
    return;
  _mdg_database_list_async (get_database (self), list_staff_thread, NULL, NULL, list_staff_thread,
                            self->seminar_cancellable, staff_listed_cb, self);
}

static char *
attendee_label (MdgAttendee *attendee)
{
  MdgPerson *person = mdg_attendee_get_person (attendee);
  g_autofree char *full = mdg_person_dup_name (person);
  g_autofree char *name = _mdg_format_honorific (full);
  const char *organization = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);

  if (organization != NULL && *organization != '\0')
    /* Translators: who booked a slot: their name, then their organization */
    return g_strdup_printf (_("%s (%s)"), name, organization);
  return g_steal_pointer (&name);
}

static void
book_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  SlotCall         *call)
{
  MdgSeminarsPage *self = call->self;
  guint chosen = adw_combo_row_get_selected (call->choice);
  g_autofree char *note = NULL;
  SlotOp *op;

  if (!g_str_equal (response, "book") || self->selected == NULL || chosen >= call->choices->len)
    return;
  note = g_strstrip (g_strdup (gtk_editable_get_text (call->text)));
  op = op_new (SLOT_BOOK, call->slot_id);
  op->registration_id = mdg_attendee_get_id (g_ptr_array_index (call->choices, chosen));
  op->note = *note != '\0' ? g_steal_pointer (&note) : NULL;
  {
    g_autofree char *full = mdg_person_dup_name (mdg_attendee_get_person (g_ptr_array_index (call->choices, chosen)));

    op->who = _mdg_format_honorific (full);
  }
  run_op (self, op);
}

static void
book_slot_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  MdgConsultationSlot *slot = find_slot (self, g_variant_get_int64 (parameter));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list, *row;
  SlotCall *call;
  guint n;

  if (slot == NULL || self->selected == NULL)
    return;
  call = slot_call_new (self, slot->id);
  call->choices = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MdgAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);
      g_autofree char *label = NULL;

      if (mdg_attendee_get_status (attendee) != MDG_REGISTRATION_STATUS_REGISTERED)
        continue;
      label = attendee_label (attendee);
      gtk_string_list_append (names, label);
      g_ptr_array_add (call->choices, g_steal_pointer (&attendee));
    }
  if (call->choices->len == 0)
    {
      slot_call_free (call);
      _mdg_toast (widget, _("The seminar has no attendees to book the slot for"));
      return;
    }

  list = boxed_list_new ();
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Attendee"));
  gtk_widget_set_name (row, "slot-attendee");
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  call->choice = ADW_COMBO_ROW (row);
  call->text = GTK_EDITABLE (entry_row_new (list, _("Topic (optional)"), "slot-note", NULL));

  title = slot_title (slot);
  dialog = slot_dialog_new (self, "slot-book-dialog", _("Book the Slot"), title, "book", _("_Book"), list);
  g_signal_connect_data (dialog, "response", G_CALLBACK (book_response_cb), call, slot_call_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
hold_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  SlotCall         *call)
{
  MdgSeminarsPage *self = call->self;
  g_autofree char *subject = NULL;
  g_autofree char *question = NULL;
  GtkTextIter start, end;
  SlotOp *op;

  if (!g_str_equal (response, "hold") || self->selected == NULL)
    return;
  subject = g_strstrip (g_strdup (gtk_editable_get_text (call->text)));
  gtk_text_buffer_get_bounds (call->question, &start, &end);
  question = g_strstrip (gtk_text_buffer_get_text (call->question, &start, &end, FALSE));
  op = op_new (SLOT_HOLD, call->slot_id);
  op->actor_id = _mdg_current_staff_get_id ();
  op->note = *subject != '\0' ? g_steal_pointer (&subject) : NULL;
  op->question = *question != '\0' ? g_steal_pointer (&question) : NULL;
  run_op (self, op);
}

static void
hold_slot_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  MdgConsultationSlot *slot = find_slot (self, g_variant_get_int64 (parameter));
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  g_autofree char *person = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box, *list, *scrolled, *view, *label;
  SlotCall *call;

  if (slot == NULL || self->selected == NULL)
    return;
  call = slot_call_new (self, slot->id);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = boxed_list_new ();
  call->text = GTK_EDITABLE (entry_row_new (list, _("Subject"), "slot-subject", slot->note));
  gtk_box_append (GTK_BOX (box), list);
  label = gtk_label_new (_("What was asked"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  view = gtk_text_view_new ();
  gtk_widget_set_name (view, "slot-question");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("What was asked"), -1);
  call->question = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  title = slot_title (slot);
  person = _mdg_format_honorific (slot->attendee_name ? slot->attendee_name : "");
  /* Translators: the slot (time and specialist), then who booked it */
  body = g_strdup_printf (_("%s with %s. It is recorded as an on-site consultation of the seminar."), title, person);
  dialog = slot_dialog_new (self, "slot-hold-dialog", _("Record the Consultation"), body, "hold", _("_Record"), box);
  g_signal_connect_data (dialog, "response", G_CALLBACK (hold_response_cb), call, slot_call_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unbook_slot_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);

  if (self->selected != NULL && find_slot (self, g_variant_get_int64 (parameter)) != NULL)
    run_op (self, op_new (SLOT_UNBOOK, g_variant_get_int64 (parameter)));
}

static void
remove_slot_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);

  if (self->selected != NULL && find_slot (self, g_variant_get_int64 (parameter)) != NULL)
    run_op (self, op_new (SLOT_REMOVE, g_variant_get_int64 (parameter)));
}

static void
open_consultation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  MdgSection *section;

  if (!MDG_IS_WINDOW (root) || (section = mdg_window_show_section (MDG_WINDOW (root), "consultations")) == NULL)
    return;
  mdg_consultations_page_open (MDG_CONSULTATIONS_PAGE (section), g_variant_get_int64 (parameter));
}

static void
print_slots_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MdgSeminarsPage *self = MDG_SEMINARS_PAGE (widget);
  g_autoptr(MdgDocument) document = NULL;
  g_autofree char *name = NULL;

  if (self->selected == NULL || self->slots == NULL || self->slots->len == 0)
    return;
  document = mdg_slot_timetable_new (self->selected, self->slots);
  _mdg_document_apply_settings (document);
  /* Translators: the file name of a seminar's consultation timetable, after its title */
  name = g_strdup_printf ("%s %s.pdf", mdg_seminar_get_title (self->selected), _("consultation timetable"));
  _mdg_document_save_pdf (widget, document, name);
}

void
_mdg_seminars_page_class_init_slots (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "seminars.add-slot", NULL, add_slot_action);
  gtk_widget_class_install_action (widget_class, "seminars.book-slot", "x", book_slot_action);
  gtk_widget_class_install_action (widget_class, "seminars.unbook-slot", "x", unbook_slot_action);
  gtk_widget_class_install_action (widget_class, "seminars.hold-slot", "x", hold_slot_action);
  gtk_widget_class_install_action (widget_class, "seminars.remove-slot", "x", remove_slot_action);
  gtk_widget_class_install_action (widget_class, "seminars.open-slot-consultation", "x", open_consultation_action);
  gtk_widget_class_install_action (widget_class, "seminars.print-slots", NULL, print_slots_action);
}

void
_mdg_seminars_page_init_slots (MdgSeminarsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Slots…"));
  GtkWidget *print = gtk_button_new_from_icon_name ("document-print-symbolic");

  self->slot_rows = g_ptr_array_new ();
  gtk_widget_set_name (add, "slot-add");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "seminars.add-slot");
  gtk_widget_set_name (print, "slot-print");
  gtk_widget_set_tooltip_text (print, _("Save the Timetable as PDF…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "seminars.print-slots");
  gtk_box_append (GTK_BOX (box), print);
  gtk_box_append (GTK_BOX (box), add);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  adw_preferences_group_set_header_suffix (self->slots_group, box);
}
