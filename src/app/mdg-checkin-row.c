/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-checkin-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-checkin-row.h"
#include "mdg-date.h"

/*
 * A row of the check-in desk: a person the search found, with an explicit Check In
 * button (or why they cannot check in), or a person checked in a moment ago, with
 * the time and an Undo button of their own. The buttons name the desk's actions with
 * the registration's id, so rows hold no state of their own.
 */

struct _MdgCheckinRow
{
  AdwActionRow  parent_instance;

  /* template widgets */
  GtkWidget    *check_in_button;
  GtkWidget    *undo_button;
  GtkLabel     *state_label;

  /* owned */
  MdgAttendee  *attendee;
};

G_DEFINE_FINAL_TYPE (MdgCheckinRow, mdg_checkin_row, ADW_TYPE_ACTION_ROW)

static void
mdg_checkin_row_dispose (GObject *object)
{
  MdgCheckinRow *self = MDG_CHECKIN_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_CHECKIN_ROW);
  g_clear_object (&self->attendee);

  G_OBJECT_CLASS (mdg_checkin_row_parent_class)->dispose (object);
}

static void
mdg_checkin_row_class_init (MdgCheckinRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_checkin_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-checkin-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinRow, check_in_button);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinRow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, MdgCheckinRow, state_label);
}

static void
mdg_checkin_row_init (MdgCheckinRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mdg_checkin_row_new:
 * @attendee: the registration
 * @kind: a candidate of the search, or a recent check-in
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
mdg_checkin_row_new (MdgAttendee       *attendee,
                     MdgCheckinRowKind  kind)
{
  MdgPerson *person = mdg_attendee_get_person (attendee);
  g_autofree char *name = mdg_person_dup_name (person);
  g_autofree char *title = _mdg_format_honorific (name);
  g_autofree char *kana = mdg_person_dup_kana (person);
  g_autofree char *reading = _mdg_format_reading (kana);
  const char *organization = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
  const char *number = mdg_attendee_get_number (attendee);
  g_autoptr(GString) subtitle = g_string_new (reading);
  MdgCheckinRow *self;
  gint64 id = mdg_attendee_get_id (attendee);

  if (organization != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", organization);
  if (number != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", number);

  self = g_object_new (MDG_TYPE_CHECKIN_ROW, "title", title, "subtitle", subtitle->str, NULL);
  self->attendee = g_object_ref (attendee);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->check_in_button), "x", id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->undo_button), "x", id);

  if (kind == MDG_CHECKIN_ROW_RECENT)
    {
      g_autofree char *time = mdg_time_format (mdg_attendee_get_checked_in_at (attendee));

      gtk_label_set_text (self->state_label, time);
      gtk_widget_set_visible (self->undo_button, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "numeric");
    }
  else if (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_WAITLISTED)
    {
      gtk_label_set_text (self->state_label, _("On the waitlist"));
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "warning");
    }
  else if (mdg_attendee_get_checked_in (attendee))
    {
      g_autofree char *time = mdg_time_format (mdg_attendee_get_checked_in_at (attendee));
      /* Translators: a check-in's time, e.g. "Checked in 14:02" */
      g_autofree char *text = g_strdup_printf (_("Checked in %s"), time);

      gtk_label_set_text (self->state_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "success");
    }
  else
    {
      gtk_widget_set_visible (self->check_in_button, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->state_label), FALSE);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), self->check_in_button);
    }
  return GTK_WIDGET (self);
}

/* Returns: (transfer none): the registration shown */
MdgAttendee *
mdg_checkin_row_get_attendee (MdgCheckinRow *self)
{
  g_return_val_if_fail (MDG_IS_CHECKIN_ROW (self), NULL);
  return self->attendee;
}
