/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-attendees-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-attendee-export.h"
#include "mdg-attendee-sheet.h"
#include "mdg-attendees-view.h"
#include "mdg-badge-sheet.h"
#include "mdg-date.h"
#include "mdg-document-output.h"
#include "mdg-import-dialog.h"
#include "mdg-kana.h"
#include "mdg-registration-editor.h"
#include "mdg-registration-store.h"

/*
 * A seminar's attendees as a table, in kana order: search as you type, register,
 * import from CSV, export and print, cancel and check in the selected one. The list
 * model belongs to the seminars page, which reloads it when "changed" is emitted.
 */

struct _MdgAttendeesView
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkWidget          *content;
  GtkSearchEntry     *search_entry;
  GtkLabel           *summary_label;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkActionBar       *action_bar;
  GtkLabel           *selection_label;
  GtkButton          *check_in_button;

  /* owned */
  MdgDatabase        *database;
  MdgSeminar         *seminar;
  GListStore         *attendees;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  char               *folded_query;
};

G_DEFINE_FINAL_TYPE (MdgAttendeesView, mdg_attendees_view, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWindow *
get_window (MdgAttendeesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
toast (MdgAttendeesView *self,
       const char       *message)
{
  _mdg_toast (GTK_WIDGET (self), message);
}

static MdgAttendee *
selected_attendee (MdgAttendeesView *self)
{
  return self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

static void
update_state (MdgAttendeesView *self)
{
  guint total = self->attendees ? g_list_model_get_n_items (G_LIST_MODEL (self->attendees)) : 0;
  guint shown = self->filtered ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
  MdgAttendee *attendee = selected_attendee (self);
  guint registered = 0, waitlisted = 0, checked_in = 0;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < total; i++)
    {
      g_autoptr(MdgAttendee) a = g_list_model_get_item (G_LIST_MODEL (self->attendees), i);

      registered += mdg_attendee_get_status (a) == MDG_REGISTRATION_STATUS_REGISTERED;
      waitlisted += mdg_attendee_get_status (a) == MDG_REGISTRATION_STATUS_WAITLISTED;
      checked_in += mdg_attendee_get_checked_in (a);
    }
  /* Translators: registered, waitlisted and checked-in counts of a seminar */
  summary = g_strdup_printf (_("%u registered · %u on the waitlist · %u checked in"), registered, waitlisted, checked_in);
  gtk_label_set_text (self->summary_label, summary);

  gtk_stack_set_visible_child_name (self->stack, total == 0 ? "empty" : shown == 0 ? "no-results" : "list");

  gtk_action_bar_set_revealed (self->action_bar, attendee != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendees.cancel",
                                 attendee && mdg_attendee_get_status (attendee) != MDG_REGISTRATION_STATUS_CANCELLED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendees.toggle-check-in",
                                 attendee && mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_REGISTERED);
  if (attendee != NULL)
    {
      g_autofree char *name = mdg_person_dup_name (mdg_attendee_get_person (attendee));

      gtk_label_set_text (self->selection_label, name);
      gtk_button_set_label (self->check_in_button,
                            mdg_attendee_get_checked_in (attendee) ? _("Undo Check-In") : _("Check In"));
    }
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  MdgAttendeesView *self = user_data;

  return mdg_attendee_matches (item, self->folded_query);
}

static void
search_changed_cb (MdgAttendeesView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->folded_query, g_free);
  if (*text)
    self->folded_query = mdg_kana_fold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

typedef enum { FIELD_NUMBER, FIELD_NAME, FIELD_ORGANIZATION, FIELD_TITLE, FIELD_STATUS, FIELD_CHECKED_IN } Field;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Field field = GPOINTER_TO_INT (user_data);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (field == FIELD_NAME)
    {
      GtkWidget *reading = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (reading), 0);
      gtk_label_set_ellipsize (GTK_LABEL (reading), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (reading, "caption");
      gtk_widget_add_css_class (reading, "dim-label");
      gtk_box_append (GTK_BOX (box), reading);
      gtk_widget_add_css_class (label, "heading");
    }
  if (field == FIELD_NUMBER || field == FIELD_CHECKED_IN)
    gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (item, box);
}

static void
update_cell (GtkListItem *item,
             Field        field)
{
  MdgAttendee *attendee = gtk_list_item_get_item (item);
  MdgPerson *person = mdg_attendee_get_person (attendee);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_last_child (box);
  g_autofree char *owned = NULL;
  const char *text = NULL;

  switch (field)
    {
    case FIELD_NUMBER:
      text = mdg_attendee_get_number (attendee);
      break;
    case FIELD_NAME:
      owned = mdg_person_dup_kana (person);
      gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), owned);
      g_free (owned);
      text = owned = mdg_person_dup_name (person);
      break;
    case FIELD_ORGANIZATION:
      text = mdg_person_get_text (person, MDG_PERSON_ORGANIZATION);
      break;
    case FIELD_TITLE:
      text = mdg_person_get_text (person, MDG_PERSON_TITLE);
      break;
    case FIELD_STATUS:
      text = mdg_registration_status_get_label (mdg_attendee_get_status (attendee));
      break;
    case FIELD_CHECKED_IN:
      if (mdg_attendee_get_checked_in_at (attendee))
        text = owned = mdg_time_format (mdg_attendee_get_checked_in_at (attendee));
      break;
    }
  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_opacity (box, mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_CANCELLED ? 0.5 : 1.0);
}

static void
attendee_notify_cb (MdgAttendee *attendee,
                    GParamSpec  *pspec,
                    GtkListItem *item)
{
  update_cell (item, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "field")));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  g_object_set_data (G_OBJECT (item), "field", user_data);
  update_cell (item, GPOINTER_TO_INT (user_data));
  /* Status and check-in change in place, from this view or the check-in desk. */
  g_signal_connect_object (gtk_list_item_get_item (item), "notify", G_CALLBACK (attendee_notify_cb), item, 0);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), attendee_notify_cb, item);
}

static void
add_column (MdgAttendeesView *self,
            const char       *title,
            Field             field,
            gboolean          expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (field));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (field));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GINT_TO_POINTER (field));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

static void
row_activated_cb (MdgAttendeesView *self,
                  guint             position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "attendees.toggle-check-in", NULL);
}

static void
selection_changed_cb (MdgAttendeesView *self)
{
  update_state (self);
}

static void
registered_cb (MdgAttendeesView *self,
               MdgAttendee      *attendee)
{
  g_autofree char *name = mdg_person_dup_name (mdg_attendee_get_person (attendee));
  g_autofree char *message = g_strdup_printf (mdg_attendee_get_status (attendee) == MDG_REGISTRATION_STATUS_WAITLISTED
                                                ? _("%s is on the waitlist (%s)")
                                                : _("%s is registered (%s)"),
                                              name, mdg_attendee_get_number (attendee));

  toast (self, message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
register_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MdgAttendeesView *self = MDG_ATTENDEES_VIEW (widget);
  GtkWidget *editor = mdg_registration_editor_new (self->database, self->seminar, FALSE);

  gtk_window_set_transient_for (GTK_WINDOW (editor), get_window (self));
  g_signal_connect_object (editor, "registered", G_CALLBACK (registered_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
imported_cb (MdgAttendeesView *self,
             guint             imported,
             guint             waitlisted,
             guint             already_registered)
{
  g_autofree char *message = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "Imported %u registration (%u on the waitlist, %u already registered)",
                 "Imported %u registrations (%u on the waitlist, %u already registered)", imported),
    imported, waitlisted, already_registered);

  toast (self, message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
import_chosen_cb (GtkNativeDialog  *chooser,
                  int               response,
                  MdgAttendeesView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GtkWidget *dialog = mdg_import_dialog_new (self->database, self->seminar, file);

      gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (self));
      g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgAttendeesView *self = MDG_ATTENDEES_VIEW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  chooser = gtk_file_chooser_native_new (_("Import Registrations"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GPtrArray *
all_attendees (MdgAttendeesView *self)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attendees));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (G_LIST_MODEL (self->attendees), i));
  return array;
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MdgAttendeesView *self = MDG_ATTENDEES_VIEW (widget);
  g_autoptr(GPtrArray) attendees = all_attendees (self);
  g_autoptr(GPtrArray) unencodable = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_strdup_printf ("%s.csv", mdg_seminar_get_title (self->seminar));
  MdgCsvEncoding encoding = MDG_CSV_ENCODING_UTF8_BOM;

  mdg_csv_encoding_from_string (g_variant_get_string (parameter, NULL), &encoding);
  bytes = mdg_attendee_export_csv (attendees, encoding, &unencodable);

  if (unencodable != NULL)
    {
      g_autoptr(GString) chars = g_string_new (NULL);
      GtkWidget *dialog;

      for (guint i = 0; i < unencodable->len; i++)
        g_string_append_printf (chars, "%s%s", i ? "  " : "", (char *) g_ptr_array_index (unencodable, i));
      dialog = adw_message_dialog_new (get_window (self), _("Some Characters Will Be Lost"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("Shift_JIS cannot hold these characters; they will be written as 〓:\n%s\n\n"
                                        "Excel 2016 and later read CSV for Excel (UTF-8) with every character."),
                                      chars->str);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_OK"));
      gtk_window_present (GTK_WINDOW (dialog));
    }

  _mdg_save_bytes (GTK_WIDGET (self), bytes, _("Export Attendees"), _("CSV files"), name, "*.csv", TRUE);
}

static MdgDocument *
make_document (MdgAttendeesView *self,
               const char       *kind)
{
  g_autoptr(GPtrArray) attendees = all_attendees (self);
  MdgDocument *document;

  if (g_str_equal (kind, "badges"))
    document = mdg_badge_sheet_new (self->seminar, attendees);
  else
    document = mdg_attendee_sheet_new (self->seminar, attendees,
                                       g_str_equal (kind, "sign-in") ? MDG_ATTENDEE_SHEET_SIGN_IN
                                                                     : MDG_ATTENDEE_SHEET_LIST);
  _mdg_document_apply_settings (document);
  return document;
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MdgAttendeesView *self = MDG_ATTENDEES_VIEW (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  g_autoptr(MdgDocument) document = make_document (self, kind);
  g_autofree char *name = g_strdup_printf ("%s %s.pdf", mdg_seminar_get_title (self->seminar),
                                           g_str_equal (kind, "badges")    ? _("badges")
                                           : g_str_equal (kind, "sign-in") ? _("sign-in sheet")
                                                                           : _("attendee list"));

  _mdg_document_save_pdf (GTK_WIDGET (self), document, name);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgAttendeesView *self = MDG_ATTENDEES_VIEW (widget);
  g_autoptr(MdgDocument) document = make_document (self, g_variant_get_string (parameter, NULL));

  _mdg_document_print (GTK_WIDGET (self), document);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgAttendeesView *self = MDG_ATTENDEES_VIEW (widget);
  MdgAttendee *attendee = selected_attendee (self);
  g_autoptr(MdgAttendee) promoted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (attendee == NULL)
    return;
  if (!mdg_registration_store_cancel (self->database, attendee, &promoted, &error))
    {
      toast (self, error->message);
      return;
    }

  name = mdg_person_dup_name (mdg_attendee_get_person (attendee));
  if (promoted != NULL)
    {
      g_autofree char *moved = mdg_person_dup_name (mdg_attendee_get_person (promoted));
      /* Translators: who cancelled, then who moved up from the waitlist */
      message = g_strdup_printf (_("%s cancelled; %s moves up from the waitlist"), name, moved);
    }
  else
    message = g_strdup_printf (_("%s cancelled"), name);
  toast (self, message);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
toggle_check_in_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MdgAttendeesView *self = MDG_ATTENDEES_VIEW (widget);
  MdgAttendee *attendee = selected_attendee (self);
  g_autoptr(GError) error = NULL;

  if (attendee == NULL)
    return;
  if (!mdg_registration_store_check_in (self->database, attendee, !mdg_attendee_get_checked_in (attendee), &error))
    toast (self, error->message);
  update_state (self);
}

static void
mdg_attendees_view_dispose (GObject *object)
{
  MdgAttendeesView *self = MDG_ATTENDEES_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_ATTENDEES_VIEW);
  g_clear_object (&self->database);
  g_clear_object (&self->seminar);
  g_clear_object (&self->attendees);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->folded_query, g_free);

  G_OBJECT_CLASS (mdg_attendees_view_parent_class)->dispose (object);
}

static void
mdg_attendees_view_class_init (MdgAttendeesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_attendees_view_dispose;

  /**
   * MdgAttendeesView::changed:
   *
   * Registrations were added or cancelled: the list should be read again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-attendees-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, content);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, stack);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, action_bar);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, check_in_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "attendees.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "attendees.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "attendees.export-csv", "s", export_csv_action);
  gtk_widget_class_install_action (widget_class, "attendees.save-pdf", "s", save_pdf_action);
  gtk_widget_class_install_action (widget_class, "attendees.print", "s", print_action);
  gtk_widget_class_install_action (widget_class, "attendees.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "attendees.toggle-check-in", NULL, toggle_check_in_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mdg_attendees_view_init (MdgAttendeesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_column (self, C_("attendee column", "No."), FIELD_NUMBER, FALSE);
  add_column (self, C_("attendee column", "Name"), FIELD_NAME, TRUE);
  add_column (self, C_("attendee column", "Organization"), FIELD_ORGANIZATION, TRUE);
  add_column (self, C_("attendee column", "Title"), FIELD_TITLE, FALSE);
  add_column (self, C_("attendee column", "Status"), FIELD_STATUS, FALSE);
  add_column (self, C_("attendee column", "Checked In"), FIELD_CHECKED_IN, FALSE);
  update_state (self);
}

/**
 * mdg_attendees_view_bind:
 * @self: a #MdgAttendeesView
 * @database: the database
 * @seminar: the seminar shown
 * @attendees: (element-type MdgAttendee): its attendees, kept up to date by the caller
 */
void
mdg_attendees_view_bind (MdgAttendeesView *self,
                         MdgDatabase      *database,
                         MdgSeminar       *seminar,
                         GListStore       *attendees)
{
  g_return_if_fail (MDG_IS_ATTENDEES_VIEW (self));

  g_set_object (&self->database, database);
  g_set_object (&self->seminar, seminar);
  if (g_set_object (&self->attendees, attendees))
    {
      self->filter = gtk_custom_filter_new (filter_func, self, NULL);
      self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (attendees)), GTK_FILTER (self->filter));
      g_clear_object (&self->selection);
      self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (selection_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
    }
  update_state (self);
}
