/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-consultation-store.h"
#include "mdg-consultations-page-private.h"
#include "mdg-database-private.h"
#include "mdg-database-work.h"
#include "mdg-error.h"
#include "mdg-staff-group.h"
#include "mdg-staff-store.h"

/*
 * Triage: what is done to the consultation shown (dispatch, take up, answer, reply,
 * refer, close, reopen, mark sensitive) as one ConsultationOp run in a worker, and
 * the dialogs that choose a specialist or an outside body.
 */

void
_mdg_consultations_page_op_free (ConsultationOp *op)
{
  g_free (op->text);
  g_free (op->name);
  g_free (op->path);
  g_free (op);
}

/* The op travels in the task's data, which the task frees after the callback. */
typedef struct
{
  MdgWriteWatch  *watch;
  ConsultationOp *op;
} OpCall;

/* Runs in a worker, on a copy of the consultation read there (the listed object stays the main thread's). */
static gboolean
consultation_op_thread (MdgDatabase  *connection,
                        gpointer      data,
                        GError      **error)
{
  ConsultationOp *op = data;
  g_autoptr(MdgConsultation) c = mdg_consultation_store_load (connection, op->id, error);

  if (c == NULL)
    return FALSE;
  switch (op->kind)
    {
    case OP_DISPATCH:
      return mdg_consultation_store_dispatch (connection, op->actor_id, c, op->specialist_id, op->text, error);
    case OP_START:
      return mdg_consultation_store_start (connection, op->actor_id, c, NULL, error);
    case OP_ANSWER:
      return mdg_consultation_store_answer (connection, op->actor_id, c, op->text, NULL, error);
    case OP_REFER:
      return mdg_consultation_store_refer (connection, op->actor_id, c, op->referral_id, op->text, error);
    case OP_REPLY:
      return mdg_mail_write_reply (connection, op->actor_id, c, op->path, MDG_MAIL_CHARSET_AUTO, &op->used, error);
    case OP_CLOSE:
      return mdg_consultation_store_close (connection, op->actor_id, c, NULL, error);
    case OP_REOPEN:
      return mdg_consultation_store_reopen (connection, op->actor_id, c, NULL, error);
    case OP_SENSITIVE:
      /* Saved as an edit: the history says who marked it, and a closed one is refused. */
      mdg_consultation_set_sensitive (c, op->sensitive);
      return mdg_consultation_store_save (connection, op->actor_id, c, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

static void
consultation_op_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autofree OpCall *call = user_data;
  g_autoptr(GtkWidget) widget = _mdg_write_watch_finish (call->watch);
  g_autoptr(GError) error = NULL;
  ConsultationOp *op = call->op;
  MdgConsultationsPage *self;
  g_autofree char *message = NULL;
  gboolean ok = mdg_database_work_finish (MDG_DATABASE (source), result, consultation_op_thread, &error);

  if (widget == NULL)
    return;  /* done, or not; the window has gone meanwhile */
  self = MDG_CONSULTATIONS_PAGE (widget);
  gtk_widget_action_set_enabled (widget, "consultations.answer", TRUE);
  if (!ok)
    {
      /* Refused (changed meanwhile elsewhere, say) or failed: nothing changed, and the detail
       * is read again to show the consultation as it is. A refusal says why in full: too long
       * for a toast. */
      if (g_error_matches (error, MDG_ERROR, MDG_ERROR_INVALID))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                      _("The Consultation Was Not Changed"), NULL);

          gtk_widget_set_name (dialog, "consultation-refused");
          adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        _mdg_toast_error (widget, error);
      self->select_after_load = op->id;
      mdg_consultation_model_reload (self->model);
      return;
    }
  switch (op->kind)
    {
    case OP_DISPATCH:
      message = g_strdup (_("Dispatched"));
      break;
    case OP_START:
      message = g_strdup (_("Taken up"));
      break;
    case OP_REFER:
      /* Translators: %s is an outside body, such as the police or IPA */
      message = g_strdup_printf (C_("toast", "Referred to %s"), op->name);
      break;
    case OP_ANSWER:
      message = g_strdup (_("Answer recorded"));
      /* Given, the answer is no draft any more. */
      _mdg_consultations_page_answer_done (self, op->id);
      break;
    case OP_CLOSE:
      message = g_strdup (_("Consultation closed"));
      break;
    case OP_REOPEN:
      message = g_strdup (_("Consultation reopened"));
      break;
    case OP_SENSITIVE:
      message = g_strdup (op->sensitive ? _("Marked sensitive: the record sheet and exports say so")
                                        : _("No longer marked sensitive"));
      break;
    case OP_REPLY:
      {
        g_autofree char *basename = g_path_get_basename (op->path);

        /* Translators: %s is the file name; the reply names the person it answers */
        message = g_strdup_printf (op->used == MDG_MAIL_CHARSET_ISO_2022_JP
                                     ? _("Reply saved as %s (ISO-2022-JP); it holds personal data")
                                     : _("Reply saved as %s (UTF-8); it holds personal data"),
                                   basename);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  _mdg_toast (widget, message);
  self->select_after_load = op->id;
  mdg_consultation_model_reload (self->model);
}

void
_mdg_consultations_page_run_op (MdgConsultationsPage *self,
                                ConsultationOp       *op)
{
  OpCall *call = g_new0 (OpCall, 1);

  op->actor_id = _mdg_consultations_page_current_staff (self);
  call->watch = _mdg_write_watch_new (GTK_WIDGET (self));
  call->op = op;
  mdg_database_work_async (get_database (self), consultation_op_thread, op,
                           (GDestroyNotify) _mdg_consultations_page_op_free, consultation_op_thread, NULL,
                           consultation_op_cb, call);
}

ConsultationOp *
_mdg_consultations_page_op_new (MdgConsultationsPage *self,
                                OpKind                kind)
{
  ConsultationOp *op = g_new0 (ConsultationOp, 1);

  op->kind = kind;
  op->id = mdg_consultation_get_id (self->shown);
  return op;
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);

  if (self->shown != NULL)
    _mdg_consultations_page_run_op (self, _mdg_consultations_page_op_new (self, OP_START));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);

  if (self->shown != NULL)
    _mdg_consultations_page_run_op (self, _mdg_consultations_page_op_new (self, OP_CLOSE));
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);

  if (self->shown != NULL)
    _mdg_consultations_page_run_op (self, _mdg_consultations_page_op_new (self, OP_REOPEN));
}

static void
sensitive_switched_cb (MdgConsultationsPage *self)
{
  gboolean active = gtk_switch_get_active (self->sensitive_switch);
  ConsultationOp *op;

  /* Filled from the consultation, or back to it after a refusal: nothing to write. */
  if (self->shown == NULL || !mdg_consultation_get_loaded (self->shown) ||
      active == mdg_consultation_get_sensitive (self->shown))
    return;
  op = _mdg_consultations_page_op_new (self, OP_SENSITIVE);
  op->sensitive = active;
  _mdg_consultations_page_run_op (self, op);
}

/*
 * A question with a choice among @names and a note, for dispatch and referral: its
 * widgets are named @prefix-dialog, @choice_name and @prefix-note, and its answer
 * @prefix. Returns: (transfer none): the dialog, to connect and present.
 */
static GtkWidget *
choice_dialog_new (MdgConsultationsPage  *self,
                   const char            *heading,
                   const char            *body,
                   const char            *prefix,
                   const char            *choice_name,
                   GtkStringList         *names,
                   const char            *placeholder,
                   const char            *label,
                   GtkDropDown          **choice,
                   GtkEditable          **note)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *dialog_name = g_strconcat (prefix, "-dialog", NULL);
  g_autofree char *note_name = g_strconcat (prefix, "-note", NULL);

  gtk_widget_set_name (dialog, dialog_name);
  *choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (names), NULL));
  gtk_widget_set_name (GTK_WIDGET (*choice), choice_name);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*choice));
  gtk_widget_set_name (entry, note_name);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  *note = GTK_EDITABLE (entry);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), prefix, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), prefix, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), prefix);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

/* The dispatch dialog: the specialists the categories suggest, best first, and a hand-off note. */
typedef struct
{
  MdgConsultationsPage *self;
  gint64                id;
  GArray               *staff_ids;
  GtkDropDown          *specialist;
  GtkEditable          *note;
} DispatchCall;

static void
dispatch_call_free (DispatchCall *call)
{
  g_clear_object (&call->self);
  g_array_unref (call->staff_ids);
  g_free (call);
}

static void
dispatch_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      DispatchCall     *call)
{
  guint selected = gtk_drop_down_get_selected (call->specialist);
  ConsultationOp *op;

  if (!g_str_equal (response, "dispatch") || selected >= call->staff_ids->len ||
      gtk_widget_get_root (GTK_WIDGET (call->self)) == NULL)
    return;
  op = g_new0 (ConsultationOp, 1);
  op->kind = OP_DISPATCH;
  op->id = call->id;
  op->specialist_id = g_array_index (call->staff_ids, gint64, selected);
  op->text = g_strdup (gtk_editable_get_text (call->note));
  _mdg_consultations_page_run_op (call->self, op);
}

static GPtrArray *
suggest_thread (MdgDatabase  *connection,
                gpointer      data,
                GError      **error)
{
  return mdg_staff_store_suggest_for (connection, *(gint64 *) data, error);
}

static void
suggested_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MdgConsultationsPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) suggestions = _mdg_database_list_finish (MDG_DATABASE (source), result, suggest_thread, &error);
  g_autoptr(GtkStringList) names = NULL;
  DispatchCall *call;
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_CONSULTATIONS_PAGE (user_data);
  if (suggestions == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  if (suggestions->len == 0 || self->shown == NULL)
    {
      _mdg_toast_needs_staff (GTK_WIDGET (self), _("There is no second-line specialist yet: add one in Preferences"));
      return;
    }

  names = gtk_string_list_new (NULL);
  call = g_new0 (DispatchCall, 1);
  call->self = g_object_ref (self);
  call->id = mdg_consultation_get_id (self->shown);
  call->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < suggestions->len; i++)
    {
      MdgStaffSuggestion *suggestion = g_ptr_array_index (suggestions, i);
      gint64 id = mdg_staff_get_id (suggestion->staff);
      /* Translators: a specialist offered for a dispatch: name, how many of the consultation's
       * categories they handle, how many consultations they have open */
      g_autofree char *label = g_strdup_printf (_("%s — %u matching, %u open"), mdg_staff_get_name (suggestion->staff),
                                                suggestion->matching_areas, suggestion->open);

      gtk_string_list_append (names, label);
      g_array_append_val (call->staff_ids, id);
    }

  dialog = choice_dialog_new (self, _("Dispatch to a Specialist"),
                              _("The specialists who handle this consultation’s categories come first."), "dispatch",
                              "dispatch-specialist", g_steal_pointer (&names), _("Hand-off note"), _("_Dispatch"),
                              &call->specialist, &call->note);
  g_signal_connect_data (dialog, "response", G_CALLBACK (dispatch_response_cb), call,
                         (GClosureNotify) (void (*) (void)) dispatch_call_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (call->note));
}

static void
dispatch_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  gint64 id;

  if (self->shown == NULL)
    return;
  id = mdg_consultation_get_id (self->shown);
  _mdg_database_list_async (get_database (self), suggest_thread, g_memdup2 (&id, sizeof id), g_free, suggest_thread,
                            self->cancellable, suggested_cb, self);
}

/* The referral dialog: the outside bodies of the editable list, and a note. */
typedef struct
{
  MdgConsultationsPage *self;
  gint64                id;
  GPtrArray            *referrals;
  GtkDropDown          *body;
  GtkEditable          *note;
} ReferCall;

static void
refer_call_free (ReferCall *call)
{
  g_clear_object (&call->self);
  g_ptr_array_unref (call->referrals);
  g_free (call);
}

static void
refer_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   ReferCall        *call)
{
  guint selected = gtk_drop_down_get_selected (call->body);
  MdgReferral *referral;
  ConsultationOp *op;

  if (!g_str_equal (response, "refer") || selected >= call->referrals->len ||
      gtk_widget_get_root (GTK_WIDGET (call->self)) == NULL)
    return;
  referral = g_ptr_array_index (call->referrals, selected);
  op = g_new0 (ConsultationOp, 1);
  op->kind = OP_REFER;
  op->id = call->id;
  op->referral_id = referral->id;
  op->name = g_strdup (mdg_referral_get_name (referral));
  op->text = g_strdup (gtk_editable_get_text (call->note));
  _mdg_consultations_page_run_op (call->self, op);
}

static GPtrArray *
list_referrals_thread (MdgDatabase  *connection,
                       gpointer      data,
                       GError      **error)
{
  return mdg_referral_store_list (connection, FALSE, error);
}

static void
referrals_listed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  MdgConsultationsPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) referrals = _mdg_database_list_finish (MDG_DATABASE (source), result, list_referrals_thread,
                                                              &error);
  g_autoptr(GtkStringList) names = NULL;
  ReferCall *call;
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_CONSULTATIONS_PAGE (user_data);
  if (referrals == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  if (referrals->len == 0 || self->shown == NULL)
    {
      _mdg_toast (GTK_WIDGET (self), _("There is no outside body in the referral list."));
      return;
    }

  names = gtk_string_list_new (NULL);
  for (guint i = 0; i < referrals->len; i++)
    gtk_string_list_append (names, mdg_referral_get_name (g_ptr_array_index (referrals, i)));
  call = g_new0 (ReferCall, 1);
  call->self = g_object_ref (self);
  call->id = mdg_consultation_get_id (self->shown);
  call->referrals = g_steal_pointer (&referrals);

  dialog = choice_dialog_new (self, _("Refer to an Outside Body"),
                              _("The referral is kept in the consultation’s history; the consultation stays "
                                "where it is."),
                              "refer", "refer-body", g_steal_pointer (&names), _("Note (what the caller was told)"),
                              _("_Refer"), &call->body, &call->note);
  g_signal_connect_data (dialog, "response", G_CALLBACK (refer_response_cb), call,
                         (GClosureNotify) (void (*) (void)) refer_call_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (call->body));
}

static void
refer_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);

  if (self->shown == NULL)
    return;
  _mdg_database_list_async (get_database (self), list_referrals_thread, NULL, NULL, list_referrals_thread,
                            self->cancellable, referrals_listed_cb, self);
}

void
_mdg_consultations_page_class_init_triage (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "consultations.dispatch", NULL, dispatch_action);
  gtk_widget_class_install_action (widget_class, "consultations.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "consultations.refer", NULL, refer_action);
  gtk_widget_class_install_action (widget_class, "consultations.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "consultations.reopen", NULL, reopen_action);
}

void
_mdg_consultations_page_init_triage (MdgConsultationsPage *self)
{
  g_signal_connect_swapped (self->sensitive_switch, "notify::active", G_CALLBACK (sensitive_switched_cb), self);
}
