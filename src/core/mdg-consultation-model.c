/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultation-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-consultation-model.h"
#include "mdg-consultation-private.h"
#include "mdg-database-private.h"

/*
 * A GListModel over a queue, a search or any filtered list of consultations, however
 * long, for a GtkListView. A worker reads the ids in list order (tens of milliseconds
 * for fifty thousand); the main thread then only learns how many there are. An item
 * asked for is at first a placeholder holding its id ("loaded" FALSE); the page of
 * rows around it is read by a worker and copied into the placeholders, whose notify
 * signals update the rows bound to them. Nothing on the main thread reads the disk.
 *
 * Reloading (after a change, or a new filter) keeps the objects of consultations still
 * listed, so that rows and selections stay, and reads their pages again.
 */

struct _MdgConsultationModel
{
  GObject                parent_instance;

  MdgDatabase           *db;
  MdgConsultationFilter *filter;
  GArray                *ids;        /* gint64, list order */
  GPtrArray             *items;      /* MdgConsultation or NULL, as ids */
  GHashTable            *pages;      /* page → TRUE: requested in this generation */
  GCancellable          *cancellable;
  guint                  generation;
  guint                  pending_pages;
  gboolean               loading;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdgConsultationModel, mdg_consultation_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  MdgConsultationModel *model;
  guint                 generation;
  guint                 first;       /* index of the page's first item */
} PageRequest;

static void
page_request_free (PageRequest *request)
{
  g_object_unref (request->model);
  g_free (request);
}

static void
clear_item (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
set_loading (MdgConsultationModel *self,
             gboolean              loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static GPtrArray *
load_page_thread (MdgDatabase  *connection,
                  gpointer      data,
                  GError      **error)
{
  return _mdg_consultation_store_load_many (connection, data, error);
}

static void
page_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PageRequest *request = user_data;
  MdgConsultationModel *self = request->model;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = _mdg_database_list_finish (MDG_DATABASE (source), result, load_page_thread, &error);
  /* A page of an older generation belongs to a list that is no longer shown. */
  if (request->generation != self->generation)
    goto out;
  self->pending_pages--;
  if (loaded == NULL)
    {
      g_signal_emit (self, signals[FAILED], 0, error);
      goto out;
    }

  for (guint i = 0; i < loaded->len; i++)
    {
      MdgConsultation *consultation = g_ptr_array_index (loaded, i);
      gint64 id = mdg_consultation_get_id (consultation);

      for (guint j = request->first; j < MIN (request->first + MDG_CONSULTATION_MODEL_PAGE, self->ids->len); j++)
        if (g_array_index (self->ids, gint64, j) == id && g_ptr_array_index (self->items, j) != NULL)
          {
            _mdg_consultation_update_from (g_ptr_array_index (self->items, j), consultation);
            break;
          }
    }

out:
  page_request_free (request);
}

static void
request_page (MdgConsultationModel *self,
              guint                 position)
{
  guint page = position / MDG_CONSULTATION_MODEL_PAGE;
  guint first = page * MDG_CONSULTATION_MODEL_PAGE;
  guint last = MIN (first + MDG_CONSULTATION_MODEL_PAGE, self->ids->len);
  GArray *ids;
  PageRequest *request;

  if (g_hash_table_contains (self->pages, GUINT_TO_POINTER (page)))
    return;
  g_hash_table_add (self->pages, GUINT_TO_POINTER (page));

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), last - first);
  g_array_append_vals (ids, &g_array_index (self->ids, gint64, first), last - first);
  request = g_new0 (PageRequest, 1);
  request->model = g_object_ref (self);
  request->generation = self->generation;
  request->first = first;
  self->pending_pages++;
  _mdg_database_list_async (self->db, load_page_thread, ids, (GDestroyNotify) g_array_unref, load_page_thread,
                            self->cancellable, page_loaded_cb, request);
}

static GType
mdg_consultation_model_get_item_type (GListModel *model)
{
  return MDG_TYPE_CONSULTATION;
}

static guint
mdg_consultation_model_get_n_items (GListModel *model)
{
  MdgConsultationModel *self = MDG_CONSULTATION_MODEL (model);

  return self->ids->len;
}

static gpointer
mdg_consultation_model_get_item (GListModel *model,
                                 guint       position)
{
  MdgConsultationModel *self = MDG_CONSULTATION_MODEL (model);
  MdgConsultation *item;

  if (position >= self->ids->len)
    return NULL;

  item = g_ptr_array_index (self->items, position);
  if (item == NULL)
    {
      item = _mdg_consultation_new_placeholder (g_array_index (self->ids, gint64, position));
      self->items->pdata[position] = item;
    }
  request_page (self, position);
  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mdg_consultation_model_get_item_type;
  iface->get_n_items = mdg_consultation_model_get_n_items;
  iface->get_item = mdg_consultation_model_get_item;
}

static GPtrArray *
list_ids_thread (MdgDatabase  *connection,
                 gpointer      data,
                 GError      **error)
{
  GArray *ids = _mdg_consultation_store_list_ids (connection, data, error);
  GPtrArray *wrapped;

  if (ids == NULL)
    return NULL;
  /* The list helper hands back a GPtrArray: the ids travel as its one element. */
  wrapped = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_ptr_array_add (wrapped, ids);
  return wrapped;
}

static void
ids_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PageRequest *request = user_data;
  MdgConsultationModel *self = request->model;
  g_autoptr(GPtrArray) wrapped = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GPtrArray) old_items = NULL;
  GArray *ids;
  guint old_len;

  wrapped = _mdg_database_list_finish (MDG_DATABASE (source), result, list_ids_thread, &error);
  if (request->generation != self->generation)
    goto out;
  if (wrapped == NULL)
    {
      set_loading (self, FALSE);
      g_signal_emit (self, signals[FAILED], 0, error);
      goto out;
    }

  /* Objects already handed out stay the same objects when their consultation stays. */
  kept = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->items->len; i++)
    {
      MdgConsultation *item = g_ptr_array_index (self->items, i);

      if (item != NULL)
        g_hash_table_insert (kept, &g_array_index (self->ids, gint64, i), item);
    }

  ids = g_ptr_array_steal_index (wrapped, 0);
  old_len = self->ids->len;
  old_items = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new_full (ids->len, clear_item);
  g_ptr_array_set_size (self->items, ids->len);
  for (guint i = 0; i < ids->len && g_hash_table_size (kept) > 0; i++)
    {
      MdgConsultation *item = g_hash_table_lookup (kept, &g_array_index (ids, gint64, i));

      if (item != NULL)
        {
          self->items->pdata[i] = g_object_ref (item);
          g_hash_table_remove (kept, &g_array_index (ids, gint64, i));
        }
    }
  g_hash_table_remove_all (kept);
  g_array_unref (self->ids);
  self->ids = ids;
  /* A page asked for while the ids were read was read with the old ids: the new ones are read again. */
  g_hash_table_remove_all (self->pages);

  set_loading (self, FALSE);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, ids->len);
  if (old_len != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

out:
  page_request_free (request);
}

static void
mdg_consultation_model_dispose (GObject *object)
{
  MdgConsultationModel *self = (MdgConsultationModel *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mdg_consultation_model_parent_class)->dispose (object);
}

static void
mdg_consultation_model_finalize (GObject *object)
{
  MdgConsultationModel *self = (MdgConsultationModel *) object;

  g_clear_object (&self->db);
  g_clear_pointer (&self->filter, mdg_consultation_filter_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (mdg_consultation_model_parent_class)->finalize (object);
}

static void
mdg_consultation_model_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MdgConsultationModel *self = MDG_CONSULTATION_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING: g_value_set_boolean (value, self->loading); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->ids->len); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_consultation_model_class_init (MdgConsultationModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdg_consultation_model_dispose;
  object_class->finalize = mdg_consultation_model_finalize;
  object_class->get_property = mdg_consultation_model_get_property;

  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MdgConsultationModel::failed:
   * @error: what went wrong
   *
   * A read failed; the list keeps what it showed.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
mdg_consultation_model_init (MdgConsultationModel *self)
{
  self->filter = mdg_consultation_filter_new (MDG_CONSULTATION_QUEUE_ALL);
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_ptr_array_new_with_free_func (clear_item);
  self->pages = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->cancellable = g_cancellable_new ();
}

/**
 * mdg_consultation_model_new:
 * @db: the window's database (workers open their own connections to its file)
 *
 * Returns: (transfer full): an empty model; set a filter to fill it
 */
MdgConsultationModel *
mdg_consultation_model_new (MdgDatabase *db)
{
  MdgConsultationModel *self;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);

  self = g_object_new (MDG_TYPE_CONSULTATION_MODEL, NULL);
  self->db = g_object_ref (db);
  return self;
}

const MdgConsultationFilter *
mdg_consultation_model_get_filter (MdgConsultationModel *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION_MODEL (self), NULL);
  return self->filter;
}

/* Shows the consultations of @filter (copied): a queue, a search as the user types… */
void
mdg_consultation_model_set_filter (MdgConsultationModel        *self,
                                   const MdgConsultationFilter *filter)
{
  g_return_if_fail (MDG_IS_CONSULTATION_MODEL (self));
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&self->filter, mdg_consultation_filter_free);
  self->filter = mdg_consultation_filter_copy (filter);
  /* A search as the user types shows the newest matches: a word as common as one kana
   * matches every consultation, and reading them all would cost every keystroke. */
  if (self->filter->query != NULL && self->filter->limit == 0)
    self->filter->limit = MDG_CONSULTATION_MODEL_SEARCH_LIMIT;
  mdg_consultation_model_reload (self);
}

/**
 * mdg_consultation_model_reload:
 * @self: a #MdgConsultationModel
 *
 * Reads the list again (after a change); reads still running for the previous list
 * are abandoned. #MdgConsultationModel:loading is %TRUE until the new list is known.
 */
void
mdg_consultation_model_reload (MdgConsultationModel *self)
{
  PageRequest *request;

  g_return_if_fail (MDG_IS_CONSULTATION_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  self->pending_pages = 0;
  g_hash_table_remove_all (self->pages);

  request = g_new0 (PageRequest, 1);
  request->model = g_object_ref (self);
  request->generation = self->generation;
  set_loading (self, TRUE);
  _mdg_database_list_async (self->db, list_ids_thread, mdg_consultation_filter_copy (self->filter),
                            (GDestroyNotify) mdg_consultation_filter_free, list_ids_thread, self->cancellable,
                            ids_loaded_cb, request);
}

/* Whether the list itself is being read (pages of rows may still be read after). */
gboolean
mdg_consultation_model_get_loading (MdgConsultationModel *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION_MODEL (self), FALSE);
  return self->loading;
}

/* How many pages of rows are still being read, for tests and benchmarks. */
guint
mdg_consultation_model_get_pending_pages (MdgConsultationModel *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION_MODEL (self), 0);
  return self->pending_pages;
}
