/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-consultations-page-private.h"
#include "mdg-database-work.h"
#include "mdg-date.h"
#include "mdg-mail.h"
#include "mdg-person.h"

/*
 * E-mail: a message opened or dropped on the section, shown with its sender for the
 * user to confirm and then taken as a consultation; and the answer of an e-mailed
 * consultation saved as a reply to send.
 */

typedef struct
{
  char           *path;
  MdgMailMessage *message;
  GPtrArray      *matches;   /* MdgPerson with the sender's address */
} MailPreview;

static void
mail_preview_free (MailPreview *preview)
{
  g_free (preview->path);
  g_clear_pointer (&preview->message, mdg_mail_message_free);
  g_clear_pointer (&preview->matches, g_ptr_array_unref);
  g_free (preview);
}

/* The preview travels in the task's data; the callback keeps it past the task. */
typedef struct
{
  MdgConsultationsPage *self;
  MailPreview          *preview;
  GtkWidget            *create_person;      /* GtkCheckButton or NULL */
  GtkWidget            *store_attachments;  /* GtkCheckButton or NULL */
} MailCall;

/* Runs in a worker: the message parsed, and the people who sent it looked up. */
static gboolean
mail_preview_thread (MdgDatabase  *connection,
                     gpointer      data,
                     GError      **error)
{
  MailPreview *preview = data;

  preview->message = mdg_mail_message_load (preview->path, error);
  if (preview->message == NULL)
    return FALSE;
  preview->matches = mdg_mail_find_sender (connection, preview->message, error);
  return preview->matches != NULL;
}

static void
mail_imported_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (user_data);
  g_autoptr(GError) error = NULL;
  MdgMailImportResult imported = { 0 };
  MdgConsultationsPage *self;

  if (!mdg_mail_import_file_finish (MDG_DATABASE (source), result, &imported, &error))
    {
      if (widget != NULL)
        _mdg_toast_error (widget, error);
      return;
    }
  if (widget == NULL)
    return;
  self = MDG_CONSULTATIONS_PAGE (widget);
  _mdg_toast (widget, imported.person_created ? _("E-mail taken as a consultation; its sender added to Contacts")
                                              : _("E-mail taken as a consultation"));
  g_clear_object (&self->shown);
  self->select_after_load = imported.consultation_id;
  mdg_consultation_model_reload (self->model);
}

static void
mail_call_free (MailCall *call)
{
  g_clear_pointer (&call->preview, mail_preview_free);
  g_clear_object (&call->self);
  g_free (call);
}

static void
mail_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         MailCall         *call)
{
  MailPreview *preview = call->preview;
  MdgMailImportOptions options = { 0 };

  if (!g_str_equal (response, "take") || gtk_widget_get_root (GTK_WIDGET (call->self)) == NULL)
    return;
  if (preview->matches->len == 1)
    options.person_id = mdg_person_get_id (g_ptr_array_index (preview->matches, 0));
  options.create_person = call->create_person != NULL &&
                          gtk_check_button_get_active (GTK_CHECK_BUTTON (call->create_person));
  options.store_attachments = call->store_attachments != NULL &&
                              gtk_check_button_get_active (GTK_CHECK_BUTTON (call->store_attachments));
  mdg_mail_import_file_async (get_database (call->self), _mdg_consultations_page_current_staff (call->self),
                              preview->path, &options, NULL, mail_imported_cb,
                              _mdg_write_watch_new (GTK_WIDGET (call->self)));
}

static GtkWidget *
wrapped_label (const char *text,
               const char *name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (name != NULL)
    gtk_widget_set_name (label, name);
  return label;
}

/* Shows what the e-mail holds, and who sent it, for the user to confirm. */
static void
show_mail_dialog (MdgConsultationsPage *self,
                  MailPreview          *preview)
{
  MdgMailMessage *message = preview->message;
  MailCall *call = g_new0 (MailCall, 1);
  GtkWidget *dialog, *box, *list;
  GPtrArray *attachments = mdg_mail_message_get_attachments (message);
  GDateTime *date = mdg_mail_message_get_date (message);
  const char *name = mdg_mail_message_get_from_name (message);
  const char *address = mdg_mail_message_get_from_address (message);
  const char *subject = mdg_mail_message_get_subject (message);
  const char *text = mdg_mail_message_get_body (message);
  g_autofree char *sender = NULL;
  g_autofree char *when = NULL;
  g_autofree char *excerpt = NULL;

  call->self = g_object_ref (self);
  call->preview = preview;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   subject != NULL && *subject != '\0' ? subject : _("(no subject)"), NULL);
  gtk_widget_set_name (dialog, "mail-dialog");
  if (name != NULL && *name != '\0')
    /* Translators: an e-mail's sender: name <address> */
    sender = g_strdup_printf (_("%s <%s>"), name, address ? address : "");
  else
    sender = g_strdup (address ? address : "");
  if (date != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (date);
      g_autofree char *day = mdg_date_format (local, MDG_DATE_DEFAULT);
      g_autofree char *time = mdg_time_format (local);

      when = g_strdup_printf (C_("date and time", "%s %s"), day, time);
    }
  /* Translators: who sent an e-mail, and when */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), _("From %s, %s"), sender, when ? when : "");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  if (preview->matches->len > 0)
    {
      MdgPerson *person = g_ptr_array_index (preview->matches, 0);
      g_autofree char *person_name = mdg_person_dup_name (person);
      g_autofree char *known = preview->matches->len == 1
        ? g_strdup_printf (_("The sender is %s, already in Contacts."), person_name)
        : g_strdup_printf (ngettext ("%u person in Contacts has this address: the consultation is recorded without a person.",
                                     "%u people in Contacts have this address: the consultation is recorded without a person.",
                                     preview->matches->len),
                           preview->matches->len);

      gtk_box_append (GTK_BOX (box), wrapped_label (known, "mail-sender"));
    }
  else if (address != NULL && *address != '\0')
    {
      g_autofree char *offer = g_strdup_printf (_("Add %s to Contacts"), sender);

      call->create_person = gtk_check_button_new_with_label (offer);
      gtk_widget_set_name (call->create_person, "mail-create-person");
      gtk_check_button_set_active (GTK_CHECK_BUTTON (call->create_person), TRUE);
      gtk_box_append (GTK_BOX (box), call->create_person);
    }

  if (text != NULL && *text != '\0')
    {
      GtkWidget *body = wrapped_label (NULL, "mail-body");

      excerpt = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1), 400));
      gtk_label_set_text (GTK_LABEL (body), excerpt);
      gtk_label_set_lines (GTK_LABEL (body), 8);
      gtk_label_set_ellipsize (GTK_LABEL (body), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (body, "dim-label");
      gtk_box_append (GTK_BOX (box), body);
    }

  if (attachments != NULL && attachments->len > 0)
    {
      list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      gtk_widget_set_name (list, "mail-attachments");
      gtk_box_append (GTK_BOX (list), wrapped_label (_("Attachments"), NULL));
      gtk_widget_add_css_class (gtk_widget_get_first_child (list), "heading");
      for (guint i = 0; i < attachments->len; i++)
        {
          MdgMailAttachment *attachment = g_ptr_array_index (attachments, i);
          g_autofree char *size = g_format_size (attachment->size);
          /* Translators: an attachment's file name and size */
          g_autofree char *line = g_strdup_printf (_("%s (%s)"), attachment->filename ? attachment->filename : "", size);

          gtk_box_append (GTK_BOX (list), wrapped_label (line, NULL));
        }
      call->store_attachments = gtk_check_button_new_with_label (_("Keep the attachments in the database"));
      gtk_widget_set_name (call->store_attachments, "mail-store-attachments");
      gtk_box_append (GTK_BOX (list), call->store_attachments);
      gtk_box_append (GTK_BOX (box), list);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "take", _("_Take as Consultation"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "take", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "take");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (mail_dialog_response_cb), call,
                         (GClosureNotify) (void (*) (void)) mail_call_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  MdgConsultationsPage *self;
  MailPreview          *preview;   /* owned by the task */
} PreviewCall;

static void
mail_previewed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autofree PreviewCall *call = user_data;
  g_autoptr(GError) error = NULL;
  MailPreview *preview;

  if (!mdg_database_work_finish (MDG_DATABASE (source), result, mail_preview_thread, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _mdg_toast_error (GTK_WIDGET (call->self), error);
      return;
    }
  /* The dialog takes the parsed message over from the task. */
  preview = g_new0 (MailPreview, 1);
  preview->path = g_strdup (call->preview->path);
  preview->message = g_steal_pointer (&call->preview->message);
  preview->matches = g_steal_pointer (&call->preview->matches);
  show_mail_dialog (call->self, preview);
}

/* Reads @file in a worker, then asks whether to take it as a consultation. */
static void
open_mail (MdgConsultationsPage *self,
           GFile                *file)
{
  PreviewCall *call;
  MailPreview *preview;

  if (g_file_peek_path (file) == NULL)
    return;
  preview = g_new0 (MailPreview, 1);
  preview->path = g_file_get_path (file);
  call = g_new0 (PreviewCall, 1);
  call->self = self;
  call->preview = preview;
  mdg_database_work_async (get_database (self), mail_preview_thread, preview, (GDestroyNotify) mail_preview_free,
                           mail_preview_thread, self->cancellable, mail_previewed_cb, call);
}

static void
mail_chosen_cb (GtkNativeDialog      *chooser,
                int                   response,
                MdgConsultationsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      open_mail (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_mail_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("E-mail messages (.eml)"));
  gtk_file_filter_add_pattern (filter, "*.eml");
  gtk_file_filter_add_pattern (filter, "*.EML");
  gtk_file_filter_add_mime_type (filter, "message/rfc822");
  chooser = gtk_file_chooser_native_new (_("Open an E-mail"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (mail_chosen_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
mail_dropped_cb (GtkDropTarget        *target,
                 const GValue         *value,
                 double                x,
                 double                y,
                 MdgConsultationsPage *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL || g_file_peek_path (file) == NULL)
    return FALSE;
  open_mail (self, file);
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* The answer saved as an e-mail reply                                       */
/* ------------------------------------------------------------------------- */

static void
reply_chosen_cb (GtkNativeDialog      *chooser,
                 int                   response,
                 MdgConsultationsPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->shown != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      ConsultationOp *op = _mdg_consultations_page_op_new (self, OP_REPLY);

      op->path = g_file_get_path (file);
      if (op->path != NULL)
        _mdg_consultations_page_run_op (self, op);
      else
        _mdg_consultations_page_op_free (op);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->shown == NULL)
    return;
  /* Translators: the suggested file name of a reply; %lld is the consultation's number */
  name = g_strdup_printf (_("reply-%lld.eml"), (long long) mdg_consultation_get_id (self->shown));
  chooser = gtk_file_chooser_native_new (_("Save the Reply as E-mail"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (reply_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_mdg_consultations_page_class_init_mail (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "consultations.open-mail", NULL, open_mail_action);
  gtk_widget_class_install_action (widget_class, "consultations.reply", NULL, reply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "consultations.open-mail", NULL);
}

void
_mdg_consultations_page_init_mail (MdgConsultationsPage *self)
{
  GtkDropTarget *drop;

  /* An .eml dropped anywhere on the section is opened as with the Open button. */
  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (mail_dropped_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
