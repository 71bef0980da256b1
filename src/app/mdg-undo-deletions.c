/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-undo-deletions"

#include "config.h"

#include <glib/gi18n.h>

#include "mdg-app-util.h"
#include "mdg-error.h"
#include "mdg-undo-deletions.h"

/*
 * Deletion with Undo, the one way for every list: what is deleted leaves the list at
 * once and stays in the database while its toast shows. Undo in the toast, or the
 * owner's undo action (Ctrl+Z), brings it back whole; when the toast goes (timed
 * out, replaced by another toast, the owner closed) the record is deleted for good in
 * a worker. That write may end after the window: the application stays up until it
 * is done, and only an owner still there hears of a failure.
 *
 * The owner (a section or pane whose template's child is an AdwToastOverlay)
 * installs the undo action named here, calls mdg_undo_deletions_undo_last() from it
 * and reloads its list, hides the ids mdg_undo_deletions_contains() names when it
 * loads, and calls mdg_undo_deletions_commit_all() when it goes. The undo action is
 * turned on and off here, as deletions wait and go.
 */

struct _MdgUndoDeletions
{
  GObject              parent_instance;

  GWeakRef             owner;
  MdgDatabase         *database;
  MdgDeleteAsyncFunc   delete_async;
  MdgDeleteFinishFunc  delete_finish;
  char                *undo_action;
  GPtrArray           *pending;      /* of Pending, oldest first */
};

G_DEFINE_FINAL_TYPE (MdgUndoDeletions, mdg_undo_deletions, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  gint64    id;
  AdwToast *toast;
} Pending;

typedef struct
{
  GApplication        *application;
  GWeakRef             owner;
  MdgDeleteFinishFunc  delete_finish;
} Commit;

static void toast_dismissed_cb (AdwToast         *toast,
                                MdgUndoDeletions *self);

/* The count changed: the owner's undo action is on exactly while something can come back. */
static void
pending_changed (MdgUndoDeletions *self)
{
  g_autoptr(GtkWidget) owner = g_weak_ref_get (&self->owner);

  if (owner != NULL)
    gtk_widget_action_set_enabled (owner, self->undo_action, self->pending->len > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static void
pending_free (Pending *pending)
{
  g_signal_handlers_disconnect_matched (pending->toast, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, toast_dismissed_cb, NULL);
  g_clear_object (&pending->toast);
  g_free (pending);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Commit *commit = user_data;
  g_autoptr(GError) error = NULL;

  /* Deleted elsewhere meanwhile is deleted all the same. */
  if (!commit->delete_finish (MDG_DATABASE (source), result, &error) &&
      !g_error_matches (error, MDG_ERROR, MDG_ERROR_NOT_FOUND))
    {
      g_autoptr(GtkWidget) owner = g_weak_ref_get (&commit->owner);

      if (owner != NULL)
        _mdg_toast_error (owner, error);
      else
        g_warning ("Could not delete: %s", error->message);
    }
  if (commit->application != NULL)
    {
      g_application_release (commit->application);
      g_object_unref (commit->application);
    }
  g_weak_ref_clear (&commit->owner);
  g_free (commit);
}

/* Ends the wait for Undo of the pending deletion at @index: for good, or (undo) not at all. */
static gint64
finish (MdgUndoDeletions *self,
        guint             index,
        gboolean          commit)
{
  Pending *pending = g_ptr_array_steal_index (self->pending, index);
  gint64 id = pending->id;

  g_signal_handlers_disconnect_by_func (pending->toast, toast_dismissed_cb, self);
  if (!commit)
    _mdg_dismiss_toast_after_action (pending->toast);
  else
    {
      g_autoptr(GtkWidget) owner = g_weak_ref_get (&self->owner);
      Commit *data = g_new0 (Commit, 1);

      data->application = g_application_get_default ();
      if (data->application != NULL)
        {
          g_object_ref (data->application);
          g_application_hold (data->application);
        }
      g_weak_ref_init (&data->owner, owner);
      data->delete_finish = self->delete_finish;
      self->delete_async (self->database, id, NULL, deleted_cb, data);
    }
  pending_free (pending);
  pending_changed (self);
  return id;
}

static void
toast_dismissed_cb (AdwToast         *toast,
                    MdgUndoDeletions *self)
{
  for (guint i = 0; i < self->pending->len; i++)
    if (((Pending *) g_ptr_array_index (self->pending, i))->toast == toast)
      {
        finish (self, i, TRUE);
        return;
      }
}

static void
mdg_undo_deletions_dispose (GObject *object)
{
  MdgUndoDeletions *self = MDG_UNDO_DELETIONS (object);

  mdg_undo_deletions_commit_all (self);

  G_OBJECT_CLASS (mdg_undo_deletions_parent_class)->dispose (object);
}

static void
mdg_undo_deletions_finalize (GObject *object)
{
  MdgUndoDeletions *self = MDG_UNDO_DELETIONS (object);

  g_weak_ref_clear (&self->owner);
  g_clear_object (&self->database);
  g_free (self->undo_action);
  g_ptr_array_unref (self->pending);

  G_OBJECT_CLASS (mdg_undo_deletions_parent_class)->finalize (object);
}

static void
mdg_undo_deletions_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MdgUndoDeletions *self = MDG_UNDO_DELETIONS (object);

  switch (prop_id)
    {
    case PROP_N_PENDING:
      g_value_set_uint (value, self->pending->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_undo_deletions_class_init (MdgUndoDeletionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdg_undo_deletions_dispose;
  object_class->finalize = mdg_undo_deletions_finalize;
  object_class->get_property = mdg_undo_deletions_get_property;

  properties[PROP_N_PENDING] = g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_undo_deletions_init (MdgUndoDeletions *self)
{
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
}

/**
 * mdg_undo_deletions_new:
 * @owner: the section or pane that shows the list and its toasts
 * @database: the database
 * @delete_async: deletes a record for good, by id
 * @delete_finish: its _finish
 * @undo_action: the owner's action that undoes the last deletion ("person.undo-delete")
 *
 * Returns: (transfer full): the pending deletions of @owner's list
 */
MdgUndoDeletions *
mdg_undo_deletions_new (GtkWidget           *owner,
                        MdgDatabase         *database,
                        MdgDeleteAsyncFunc   delete_async,
                        MdgDeleteFinishFunc  delete_finish,
                        const char          *undo_action)
{
  MdgUndoDeletions *self;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (MDG_IS_DATABASE (database), NULL);
  g_return_val_if_fail (delete_async != NULL && delete_finish != NULL, NULL);
  g_return_val_if_fail (undo_action != NULL, NULL);

  self = g_object_new (MDG_TYPE_UNDO_DELETIONS, NULL);
  g_weak_ref_init (&self->owner, owner);
  self->database = g_object_ref (database);
  self->delete_async = delete_async;
  self->delete_finish = delete_finish;
  self->undo_action = g_strdup (undo_action);
  gtk_widget_action_set_enabled (owner, undo_action, FALSE);
  return self;
}

/**
 * mdg_undo_deletions_add:
 * @self: a #MdgUndoDeletions
 * @id: what the owner has just taken out of its list
 * @message: the toast's text, plain ("“…” deleted")
 * @timeout: how long Undo is offered, in seconds; 0 for libadwaita's default
 */
void
mdg_undo_deletions_add (MdgUndoDeletions *self,
                        gint64            id,
                        const char       *message,
                        guint             timeout)
{
  g_autoptr(GtkWidget) owner = NULL;
  Pending *pending;

  g_return_if_fail (MDG_IS_UNDO_DELETIONS (self));
  g_return_if_fail (message != NULL);

  owner = g_weak_ref_get (&self->owner);
  g_return_if_fail (owner != NULL);

  pending = g_new0 (Pending, 1);
  pending->id = id;
  pending->toast = _mdg_toast_new (message);
  adw_toast_set_button_label (pending->toast, _("Undo"));
  adw_toast_set_action_name (pending->toast, self->undo_action);
  if (timeout > 0)
    adw_toast_set_timeout (pending->toast, timeout);
  g_signal_connect (pending->toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self);
  g_ptr_array_add (self->pending, pending);
  pending_changed (self);

  _mdg_add_toast (owner, g_object_ref (pending->toast));
}

/**
 * mdg_undo_deletions_undo_last:
 * @self: a #MdgUndoDeletions
 *
 * Keeps the last deletion from happening and takes its toast away.
 *
 * Returns: the id of what is back, 0 when nothing was pending
 */
gint64
mdg_undo_deletions_undo_last (MdgUndoDeletions *self)
{
  g_return_val_if_fail (MDG_IS_UNDO_DELETIONS (self), 0);

  if (self->pending->len == 0)
    return 0;
  return finish (self, self->pending->len - 1, FALSE);
}

/* Whether @id is deleted but still undoable: a list loaded meanwhile leaves it out. */
gboolean
mdg_undo_deletions_contains (MdgUndoDeletions *self,
                             gint64            id)
{
  g_return_val_if_fail (MDG_IS_UNDO_DELETIONS (self), FALSE);

  for (guint i = 0; i < self->pending->len; i++)
    if (((Pending *) g_ptr_array_index (self->pending, i))->id == id)
      return TRUE;
  return FALSE;
}

guint
mdg_undo_deletions_get_n_pending (MdgUndoDeletions *self)
{
  g_return_val_if_fail (MDG_IS_UNDO_DELETIONS (self), 0);

  return self->pending->len;
}

/* Deletes for good everything still waiting for Undo: the owner goes. */
void
mdg_undo_deletions_commit_all (MdgUndoDeletions *self)
{
  g_return_if_fail (MDG_IS_UNDO_DELETIONS (self));

  while (self->pending->len > 0)
    finish (self, 0, TRUE);
}
