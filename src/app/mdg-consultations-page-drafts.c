/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-consultations-page-private.h"
#include "mdg-database-private.h"
#include "mdg-database-work.h"
#include "mdg-date.h"
#include "mdg-draft-store.h"

/*
 * Everything typed in the intake form goes into a draft in the database (the
 * DraftWriter below), a moment after the typing pauses and always in a worker: a
 * window that is closed or killed loses at most that moment, and the next window
 * offers the draft back. Saving is the draft's submission (mdg_draft_store_submit_
 * consultation), so what is saved is exactly what was kept, and a failed save leaves
 * the draft and the form as they were.
 */

/* ------------------------------------------------------------------------- */
/* Drafts (the intake, an answer), written in the background                 */
/* ------------------------------------------------------------------------- */

DraftWriter *
_mdg_draft_writer_new (MdgDatabase *db,
                       gpointer     page,
                       const char  *kind,
                       gint64       staff_id,
                       gint64       target_id,
                       gint64       draft_id)
{
  DraftWriter *writer = g_atomic_rc_box_new0 (DraftWriter);

  writer->db = g_object_ref (db);
  g_weak_ref_init (&writer->page, page);
  writer->kind = kind;
  writer->staff_id = staff_id;
  writer->target_id = target_id;
  writer->draft_id = draft_id;
  writer->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return writer;
}

static void
draft_writer_clear (DraftWriter *writer)
{
  g_object_unref (writer->db);
  g_weak_ref_clear (&writer->page);
  g_hash_table_unref (writer->pending);
  g_clear_pointer (&writer->writing, g_hash_table_unref);
}

static DraftWriter *
draft_writer_ref (DraftWriter *writer)
{
  return g_atomic_rc_box_acquire (writer);
}

void
_mdg_draft_writer_unref (DraftWriter *writer)
{
  g_atomic_rc_box_release_full (writer, (GDestroyNotify) draft_writer_clear);
}

gboolean
_mdg_draft_writer_idle (DraftWriter *writer)
{
  return !writer->in_flight && g_hash_table_size (writer->pending) == 0 &&
         !writer->submit_requested && !writer->discard_requested;
}

/* Runs in a worker, on the worker's own connection. */
static gboolean
draft_write_thread (MdgDatabase  *connection,
                    gpointer      data,
                    GError      **error)
{
  DraftWriter *writer = data;
  GHashTableIter iter;
  gpointer name, value;

  if (writer->discarding)
    return writer->draft_id == 0 || mdg_draft_store_discard (connection, writer->draft_id, error);

  if (writer->draft_id == 0 && (g_hash_table_size (writer->writing) > 0 || writer->submitting))
    {
      writer->draft_id = mdg_draft_store_create (connection, writer->kind, writer->staff_id, writer->target_id, error);
      if (writer->draft_id == 0)
        return FALSE;
    }
  g_hash_table_iter_init (&iter, writer->writing);
  while (g_hash_table_iter_next (&iter, &name, &value))
    if (!mdg_draft_store_set (connection, writer->draft_id, name, *(char *) value ? value : NULL, error))
      return FALSE;
  g_hash_table_remove_all (writer->writing);

  if (writer->submitting)
    {
      writer->consultation_id = mdg_draft_store_submit_consultation (connection, writer->actor_id, writer->draft_id,
                                                                     error);
      if (writer->consultation_id == 0)
        return FALSE;
      writer->draft_id = 0;
    }
  return TRUE;
}

static void
draft_write_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DraftWriter) writer = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = mdg_database_work_finish (MDG_DATABASE (source), result, draft_write_thread, &error);
  gboolean submitted = writer->submitting;

  writer->in_flight = FALSE;
  writer->submitting = FALSE;
  writer->discarding = FALSE;
  if (!ok && writer->writing != NULL)
    {
      /* Nothing typed is lost: what failed is written again with what came after. */
      GHashTableIter iter;
      gpointer name, value;

      g_hash_table_iter_init (&iter, writer->writing);
      while (g_hash_table_iter_next (&iter, &name, &value))
        if (!g_hash_table_contains (writer->pending, name))
          g_hash_table_insert (writer->pending, g_strdup (name), g_strdup (value));
    }
  g_clear_pointer (&writer->writing, g_hash_table_unref);

  _mdg_consultations_page_draft_written (writer, submitted, ok ? writer->consultation_id : 0, ok ? NULL : error);
  /* A failed write is not retried in a loop: the next keystroke or Save tries again. */
  if (ok)
    _mdg_draft_writer_kick (writer);
}

/* Starts the next write when there is something to write and no write in flight. */
void
_mdg_draft_writer_kick (DraftWriter *writer)
{
  if (writer->in_flight)
    return;
  if (writer->discard_requested)
    {
      writer->discard_requested = FALSE;
      writer->submit_requested = FALSE;
      g_hash_table_remove_all (writer->pending);
      writer->discarding = TRUE;
    }
  else if (writer->submit_requested)
    {
      writer->submit_requested = FALSE;
      writer->submitting = TRUE;
    }
  else if (g_hash_table_size (writer->pending) == 0)
    return;

  writer->writing = g_steal_pointer (&writer->pending);
  writer->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  writer->consultation_id = 0;
  writer->in_flight = TRUE;
  mdg_database_work_async (writer->db, draft_write_thread, draft_writer_ref (writer),
                           (GDestroyNotify) _mdg_draft_writer_unref, draft_write_thread, NULL, draft_write_cb,
                           draft_writer_ref (writer));
}

static void
draft_writer_set (DraftWriter *writer,
                  const char  *name,
                  const char  *value)
{
  g_hash_table_insert (writer->pending, g_strdup (name), g_strdup (value ? value : ""));
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  MdgConsultationsPage *self = user_data;

  self->draft_timeout_id = 0;
  if (self->writer != NULL)
    _mdg_draft_writer_kick (self->writer);
  if (self->answer_writer != NULL)
    _mdg_draft_writer_kick (self->answer_writer);
  return G_SOURCE_REMOVE;
}

/* A field of a draft changed: noted, and written once typing pauses. */
void
_mdg_consultations_page_draft_field_changed (MdgConsultationsPage *self,
                                             DraftWriter          *writer,
                                             const char           *name,
                                             const char           *value)
{
  draft_writer_set (writer, name, value);
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_timeout_id = g_timeout_add (MDG_CONSULTATIONS_DRAFT_DELAY_MS, draft_timeout_cb, self);
}

/* ------------------------------------------------------------------------- */
/* A draft left by an earlier window                                         */
/* ------------------------------------------------------------------------- */

typedef struct
{
  gint64      staff_id;
  gint64      draft_id;
  GHashTable *fields;
} DraftLoad;

static void
draft_load_free (DraftLoad *load)
{
  g_clear_pointer (&load->fields, g_hash_table_unref);
  g_free (load);
}

static GPtrArray *
list_drafts_thread (MdgDatabase  *connection,
                    gpointer      data,
                    GError      **error)
{
  return mdg_draft_store_list (connection, MDG_DRAFT_KIND_CONSULTATION, *(gint64 *) data, error);
}

static void
drafts_listed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MdgConsultationsPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = _mdg_database_list_finish (MDG_DATABASE (source), result, list_drafts_thread, &error);
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  MdgDraft *draft;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = MDG_CONSULTATIONS_PAGE (user_data);
  if (drafts == NULL)
    {
      _mdg_toast_error (GTK_WIDGET (self), error);
      return;
    }
  if (drafts->len == 0)
    return;
  draft = g_ptr_array_index (drafts, 0);
  self->offered_draft_id = draft->id;
  if (draft->updated_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (draft->updated_at);

      date = mdg_date_format (local, MDG_DATE_DEFAULT);
      time = mdg_time_format (local);
    }
  if (draft->summary != NULL && *draft->summary != '\0')
    /* Translators: a draft left by a window that closed; %s %s are its date and time, “%s” its subject */
    text = g_strdup_printf (_("A consultation typed on %s %s was not saved: “%s”."), date ? date : "", time ? time : "",
                            draft->summary);
  else
    /* Translators: a draft left by a window that closed; %s %s are its date and time */
    text = g_strdup_printf (_("A consultation typed on %s %s was not saved."), date ? date : "", time ? time : "");
  gtk_label_set_text (self->draft_label, text);
  gtk_revealer_set_reveal_child (self->draft_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.restore-draft", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.discard-draft", TRUE);
}

static gboolean
load_draft_thread (MdgDatabase  *connection,
                   gpointer      data,
                   GError      **error)
{
  DraftLoad *load = data;

  load->fields = mdg_draft_store_load (connection, load->draft_id, error);
  return load->fields != NULL;
}

typedef struct
{
  MdgConsultationsPage *self;
  DraftLoad            *load;
} DraftLoadCall;

static void
draft_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree DraftLoadCall *call = user_data;
  g_autoptr(GError) error = NULL;
  MdgConsultationsPage *self;

  if (!mdg_database_work_finish (MDG_DATABASE (source), result, load_draft_thread, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _mdg_toast_error (GTK_WIDGET (call->self), error);
      return;
    }
  self = call->self;
  _mdg_consultations_page_start_intake (self, call->load->draft_id, call->load->fields);
  _mdg_toast (GTK_WIDGET (self), _("The draft is back: nothing typed was lost"));
}

static void
restore_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  DraftLoad *load;
  DraftLoadCall *call;

  if (self->offered_draft_id == 0 || self->writer != NULL)
    return;
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  gtk_widget_action_set_enabled (widget, "consultations.restore-draft", FALSE);
  gtk_widget_action_set_enabled (widget, "consultations.discard-draft", FALSE);
  load = g_new0 (DraftLoad, 1);
  load->draft_id = self->offered_draft_id;
  self->offered_draft_id = 0;
  call = g_new0 (DraftLoadCall, 1);
  call->self = self;
  call->load = load;
  /* The call sees the load, which the task frees after the callback. */
  mdg_database_work_async (get_database (self), load_draft_thread, load, (GDestroyNotify) draft_load_free,
                           load_draft_thread, self->cancellable, draft_loaded_cb, call);
}

static void
discard_draft_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MdgConsultationsPage *self = MDG_CONSULTATIONS_PAGE (widget);
  g_autoptr(DraftWriter) writer = NULL;

  if (self->offered_draft_id == 0)
    return;
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  gtk_widget_action_set_enabled (widget, "consultations.restore-draft", FALSE);
  gtk_widget_action_set_enabled (widget, "consultations.discard-draft", FALSE);
  writer = _mdg_draft_writer_new (get_database (self), NULL, MDG_DRAFT_KIND_CONSULTATION, 0, 0, self->offered_draft_id);
  self->offered_draft_id = 0;
  writer->discard_requested = TRUE;
  _mdg_draft_writer_kick (writer);
  _mdg_toast (GTK_WIDGET (self), _("Draft discarded"));
}

/* Offers back the intake draft an earlier window left, if there is one. */
void
_mdg_consultations_page_offer_draft (MdgConsultationsPage *self)
{
  gint64 staff_id = _mdg_consultations_page_current_staff (self);

  _mdg_database_list_async (get_database (self), list_drafts_thread, g_memdup2 (&staff_id, sizeof staff_id), g_free,
                            list_drafts_thread, self->cancellable, drafts_listed_cb, self);
}

void
_mdg_consultations_page_class_init_drafts (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "consultations.restore-draft", NULL, restore_draft_action);
  gtk_widget_class_install_action (widget_class, "consultations.discard-draft", NULL, discard_draft_action);
}

void
_mdg_consultations_page_init_drafts (MdgConsultationsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.restore-draft", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.discard-draft", FALSE);
}
