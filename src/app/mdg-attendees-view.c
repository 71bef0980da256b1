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
#include "mdg-import-util.h"
#include "mdg-kana.h"
#include "mdg-registration-dialog.h"
#include "mdg-registration-editor.h"
#include "mdg-store-async.h"

/*
 * A seminar's attendees as a table (columns declared in mdg-attendees-view.ui),
 * in kana order until a column header sorts it otherwise: search as you type,
 * register, import from CSV, print and export. A check box checks in; double-click
 * or Enter opens the registration. The list belongs to the seminars page, which
 * reads it again when "changed" is emitted.
 */

struct _MdgAttendeesView
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkWidget          *content;
  GtkSearchEntry     *search_entry;
  GtkLabel           *summary_label;
  GtkWidget          *print_button;
  GtkWidget          *export_button;
  GtkStack           *stack;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *name_column;
  GtkSingleSelection *selection;
  GtkFilterListModel *filtered;

  /* owned */
  MdgDatabase        *database;
  MdgSeminar         *seminar;
  GListStore         *attendees;
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

static MdgAttendee *
find_attendee (MdgAttendeesView *self,
               gint64            id)
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
update_state (MdgAttendeesView *self)
{
  guint total = self->attendees ? g_list_model_get_n_items (G_LIST_MODEL (self->attendees)) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
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
  summary = g_strdup_printf (_("%u registered · %u on the waitlist · %u checked in"), registered, waitlisted,
                             checked_in);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, total == 0 ? "empty" : shown == 0 ? "no-results" : "list");

  /* Nothing to print or export yet: the empty page says how to fill the list. */
  gtk_widget_set_sensitive (self->print_button, total > 0);
  gtk_widget_set_sensitive (self->export_button, total > 0);
}

/* The cells: closures the columns' templates call. */

static char *
format_name (gpointer    unused,
             const char *family,
             const char *given)
{
  return g_strjoin (family && given ? " " : "", family ? family : "", given ? given : "", NULL);
}

static char *
format_reading (gpointer    unused,
                const char *family,
                const char *given)
{
  g_autofree char *joined = g_strjoin (family && given ? " " : "", family ? family : "", given ? given : "", NULL);
  char *reading = _mdg_format_reading (joined);

  return reading ? reading : g_strdup ("");
}

static char *
format_status (gpointer              unused,
               MdgRegistrationStatus status)
{
  return g_strdup (mdg_registration_status_get_label (status));
}

static char *
format_time (gpointer     unused,
             MdgAttendee *attendee,
             gboolean     checked_in)
{
  return checked_in && attendee ? mdg_time_format (mdg_attendee_get_checked_in_at (attendee)) : g_strdup ("");
}

/* A cancelled registration stays in the table, faded. */
static double
status_opacity (gpointer              unused,
                MdgRegistrationStatus status)
{
  return status == MDG_REGISTRATION_STATUS_CANCELLED ? 0.45 : 1.0;
}

/* Registered, then waitlisted, then cancelled: the order of MdgRegistrationStatus. */
static int
status_rank (gpointer              unused,
             MdgRegistrationStatus status)
{
  return status;
}

static gboolean
is_registered (gpointer              unused,
               MdgRegistrationStatus status)
{
  return status == MDG_REGISTRATION_STATUS_REGISTERED;
}

/* The check box asks; the database answers, and the box follows the attendee. */
static void
check_toggled_cb (GtkCheckButton *check,
                  GtkListItem    *item)
{
  MdgAttendee *attendee = gtk_list_item_get_item (item);
  gboolean wanted = gtk_check_button_get_active (check);

  if (attendee == NULL || wanted == mdg_attendee_get_checked_in (attendee))
    return;
  gtk_check_button_set_active (check, !wanted);
  gtk_widget_activate_action (GTK_WIDGET (check), "attendees.set-check-in", "(xb)", mdg_attendee_get_id (attendee),
                              wanted);
}

static int
compare_readings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  g_autofree char *ka = mdg_person_dup_kana (mdg_attendee_get_person ((MdgAttendee *) a));
  g_autofree char *kb = mdg_person_dup_kana (mdg_attendee_get_person ((MdgAttendee *) b));

  return mdg_kana_compare (ka, -1, kb, -1);
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
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->filtered), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
registration_changed_cb (MdgAttendeesView *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Double-click or Enter opens the registration. */
static void
row_activated_cb (MdgAttendeesView *self,
                  guint             position)
{
  g_autoptr(MdgAttendee) attendee = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  GtkWidget *dialog;

  if (attendee == NULL)
    return;
  dialog = mdg_registration_dialog_new (self->database, self->seminar, attendee);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_window (self));
  g_signal_connect_object (dialog, "changed", G_CALLBACK (registration_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
checked_in_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;

  if (!mdg_registration_store_check_in_finish (MDG_DATABASE (source), result, &error) && widget != NULL)
    _mdg_toast_error (widget, error);
  if (widget != NULL)
    update_state (MDG_ATTENDEES_VIEW (widget));
}

static void
set_check_in_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MdgAttendeesView *self = MDG_ATTENDEES_VIEW (widget);
  MdgAttendee *attendee;
  gint64 id;
  gboolean checked_in;

  g_variant_get (parameter, "(xb)", &id, &checked_in);
  if ((attendee = find_attendee (self, id)) == NULL)
    return;
  mdg_registration_store_check_in_async (self->database, attendee, checked_in, NULL, checked_in_cb,
                                         _mdg_write_watch_new (widget));
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

  _mdg_toast (GTK_WIDGET (self), message);
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
             guint             cancelled,
             guint             changed,
             guint             unchanged)
{
  g_autofree char *message = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "Imported %u new registration; %u cancelled, %u changed, %u unchanged",
                 "Imported %u new registrations; %u cancelled, %u changed, %u unchanged", imported),
    imported, cancelled, changed, unchanged);

  _mdg_toast (GTK_WIDGET (self), message);
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
  g_autoptr(GtkFileFilter) filter = _mdg_import_csv_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Registrations"), get_window (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Every attendee, in kana order as stored: documents print everyone, whatever the search. */
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
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("OK"));
      gtk_window_present (GTK_WINDOW (dialog));
    }

  _mdg_save_bytes (widget, bytes, _("Export Attendees"), _("CSV files"), name, "*.csv", TRUE);
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

  _mdg_document_save_pdf (widget, document, name);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgAttendeesView *self = MDG_ATTENDEES_VIEW (widget);
  g_autoptr(MdgDocument) document = make_document (self, g_variant_get_string (parameter, NULL));

  _mdg_document_print (widget, document);
}

static void
mdg_attendees_view_dispose (GObject *object)
{
  MdgAttendeesView *self = MDG_ATTENDEES_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_ATTENDEES_VIEW);
  g_clear_object (&self->database);
  g_clear_object (&self->seminar);
  g_clear_object (&self->attendees);
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
   * Registrations were added, imported or cancelled: the list should be read again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  /* The columns' sorters name these types. */
  g_type_ensure (MDG_TYPE_ATTENDEE);
  g_type_ensure (MDG_TYPE_PERSON);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/madoguchi/Madoguchi/mdg-attendees-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, content);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, print_button);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, export_button);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, stack);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, name_column);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, selection);
  gtk_widget_class_bind_template_child (widget_class, MdgAttendeesView, filtered);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_name);
  gtk_widget_class_bind_template_callback (widget_class, format_reading);
  gtk_widget_class_bind_template_callback (widget_class, format_status);
  gtk_widget_class_bind_template_callback (widget_class, format_time);
  gtk_widget_class_bind_template_callback (widget_class, is_registered);
  gtk_widget_class_bind_template_callback (widget_class, status_rank);
  gtk_widget_class_bind_template_callback (widget_class, status_opacity);
  gtk_widget_class_bind_template_callback (widget_class, check_toggled_cb);

  gtk_widget_class_install_action (widget_class, "attendees.register", NULL, register_action);
  gtk_widget_class_install_action (widget_class, "attendees.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "attendees.export-csv", "s", export_csv_action);
  gtk_widget_class_install_action (widget_class, "attendees.save-pdf", "s", save_pdf_action);
  gtk_widget_class_install_action (widget_class, "attendees.print", "s", print_action);
  gtk_widget_class_install_action (widget_class, "attendees.set-check-in", "(xb)", set_check_in_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mdg_attendees_view_init (MdgAttendeesView *self)
{
  g_autoptr(GtkCustomSorter) by_reading = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_filter_list_model_set_filter (self->filtered, GTK_FILTER (gtk_custom_filter_new (filter_func, self, NULL)));
  /* Names sort by their reading, as printed lists do; the other columns by their text. */
  by_reading = gtk_custom_sorter_new (compare_readings, NULL, NULL);
  gtk_column_view_column_set_sorter (self->name_column, GTK_SORTER (by_reading));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
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
    gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (attendees));
  update_state (self);
}

/* Puts the keyboard in the search field, as the table is opened to find someone. */
void
mdg_attendees_view_focus_search (MdgAttendeesView *self)
{
  g_return_if_fail (MDG_IS_ATTENDEES_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
