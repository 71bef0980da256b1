/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-category.h"
#include "mdg-consultations-page-private.h"
#include "mdg-database-private.h"
#include "mdg-date.h"
#include "mdg-draft-store.h"
#include "mdg-organization-store.h"
#include "mdg-person.h"
#include "mdg-person-row.h"
#include "mdg-person-store.h"

/*
 * Intake: the form a first-line specialist types into while the caller talks (the
 * organization and the person found as their names are typed, or a new person typed
 * in, checked against the people already known), written to its draft as it is
 * typed and saved as the draft's submission.
 */

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

/* Something in the form changed: note the field, and write it once typing pauses. */
static void
field_changed (MdgConsultationsPage *self,
               const char           *name,
               const char           *value)
{
  if (self->filling || self->writer == NULL)
    return;
  _mdg_consultations_page_draft_field_changed (self, self->writer, name, value);
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
  g_autofree char *text = _mdg_consultations_page_view_text (self->question_view);

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
void
_mdg_consultations_page_start_intake (MdgConsultationsPage *self,
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
  self->writer = _mdg_draft_writer_new (get_database (self), self, MDG_DRAFT_KIND_CONSULTATION,
                                       _mdg_consultations_page_current_staff (self), 0, draft_id);
  fill_form (self, fields);
  if (draft_id == 0)
    {
      /* A new draft records the defaults shown, so that restoring it shows the same. */
      channel_changed_cb (self);
      urgency_changed_cb (self);
      received_changed_cb (self);
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  _mdg_consultations_page_show_pane (self, "intake");
  gtk_widget_grab_focus (GTK_WIDGET (self->organization_row));
}

static void
end_intake (MdgConsultationsPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->organization_popover), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->person_popover), FALSE);
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  g_clear_pointer (&self->writer, _mdg_draft_writer_unref);
  show_error (self, NULL);
  /* The consultation shown before comes back, chosen in the list again: unfolded beside
   * the list; folded, the list comes back, where the intake was begun. The keyboard goes
   * back to the list (the form's buttons it was on are gone). */
  if (self->shown == NULL || !_mdg_consultations_page_select (self, mdg_consultation_get_id (self->shown), FALSE))
    _mdg_consultations_page_show_pane (self, self->shown != NULL ? "detail" : "none");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _mdg_consultations_page_start_intake (MDG_CONSULTATIONS_PAGE (widget), 0, NULL);
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
  _mdg_draft_writer_kick (self->writer);
  end_intake (self);
}

/* The intake written and submitted as it stands (the writer creates the new person typed, if any). */
static void
submit_intake (MdgConsultationsPage *self)
{
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->writer->actor_id = _mdg_consultations_page_current_staff (self);
  self->writer->submit_requested = TRUE;
  _mdg_draft_writer_kick (self->writer);
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
  question = _mdg_consultations_page_view_text (self->question_view);
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
void
_mdg_consultations_page_draft_written (DraftWriter *writer,
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

/* The categories intake offers: the tops of the kinds and of the threat types. */
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

void
_mdg_consultations_page_load_categories (MdgConsultationsPage *self)
{
  _mdg_database_list_async (get_database (self), list_categories_thread, NULL, NULL, list_categories_thread,
                            self->cancellable, categories_listed_cb, self);
}

void
_mdg_consultations_page_class_init_intake (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "consultations.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "consultations.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "consultations.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "consultations.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "consultations.save", NULL);
}

void
_mdg_consultations_page_init_intake (MdgConsultationsPage *self)
{
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) urgencies = gtk_string_list_new (NULL);

  for (guint i = 0; i < N_CHANNELS; i++)
    gtk_string_list_append (channels, mdg_channel_get_label (i));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));
  for (guint i = 0; i < N_URGENCIES; i++)
    gtk_string_list_append (urgencies, mdg_urgency_get_label (i));
  adw_combo_row_set_model (self->urgency_row, G_LIST_MODEL (urgencies));
  adw_combo_row_set_selected (self->urgency_row, MDG_URGENCY_NORMAL);

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
}
