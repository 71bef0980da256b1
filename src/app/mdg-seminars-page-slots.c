/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-seminars-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-database-private.h"
#include "mdg-date.h"
#include "mdg-seminars-page-private.h"
#include "mdg-slot-store.h"

/*
 * The seminar's on-site consultation slots in its overview: when, with whom, and the
 * attendee who booked each. The slots are added and booked with madoguchi-cli slots;
 * a held one is a consultation in the Consultations section.
 */

static GPtrArray *
list_slots_thread (MdgDatabase  *connection,
                   gpointer      data,
                   GError      **error)
{
  return mdg_slot_store_list (connection, *(gint64 *) data, error);
}

static void
clear_rows (MdgSeminarsPage *self)
{
  for (guint i = 0; i < self->slot_rows->len; i++)
    adw_preferences_group_remove (self->slots_group, g_ptr_array_index (self->slot_rows, i));
  g_ptr_array_set_size (self->slot_rows, 0);
}

static void
slots_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = _mdg_database_list_finish (MDG_DATABASE (source), result, list_slots_thread, &error);
  MdgSeminarsPage *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* another seminar is on display, or the page is gone */
  self = MDG_SEMINARS_PAGE (user_data);
  clear_rows (self);
  if (slots == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  for (guint i = 0; i < slots->len; i++)
    {
      MdgConsultationSlot *slot = g_ptr_array_index (slots, i);
      g_autoptr(GDateTime) starts = g_date_time_to_local (slot->starts_at);
      g_autoptr(GDateTime) ends = g_date_time_add_minutes (starts, slot->minutes);
      g_autofree char *from = mdg_time_format (starts);
      g_autofree char *to = mdg_time_format (ends);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *name = g_strdup_printf ("seminar-slot-%u", i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *state = gtk_label_new (mdg_slot_state_get_label (slot->state));

      /* Translators: a consultation slot: start and end time, then the specialist */
      title = g_strdup_printf (_("%s–%s · %s"), from, to, slot->staff_name ? slot->staff_name : "—");
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
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_name (row, name);
      gtk_widget_add_css_class (state, "dim-label");
      gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
      adw_preferences_group_add (self->slots_group, row);
      g_ptr_array_add (self->slot_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->slots_group), slots->len > 0);
}

/* Reads the slots of the seminar on display, in a worker. */
void
_mdg_seminars_page_load_slots (MdgSeminarsPage *self)
{
  gint64 id;

  clear_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->slots_group), FALSE);
  if (self->selected == NULL)
    return;
  id = mdg_seminar_get_id (self->selected);
  _mdg_database_list_async (mdg_section_get_database (MDG_SECTION (self)), list_slots_thread,
                            g_memdup2 (&id, sizeof id), g_free, list_slots_thread, self->seminar_cancellable,
                            slots_listed_cb, self);
}
