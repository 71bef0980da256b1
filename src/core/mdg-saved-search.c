/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-saved-search"

#include "config.h"

#include "mdg-saved-search.h"

/*
 * A reader filter and a named one the desk comes back to ("Fortinet", "緊急 only"),
 * kept in the database so that every laptop of the team shares it.
 */

G_DEFINE_BOXED_TYPE (MdgFeedFilter, mdg_feed_filter, mdg_feed_filter_copy, mdg_feed_filter_free)

MdgFeedFilter *
mdg_feed_filter_new (void)
{
  return g_new0 (MdgFeedFilter, 1);
}

MdgFeedFilter *
mdg_feed_filter_copy (const MdgFeedFilter *filter)
{
  MdgFeedFilter *copy = g_new0 (MdgFeedFilter, 1);

  if (filter == NULL)
    return copy;

  *copy = *filter;
  copy->query = g_strdup (filter->query);
  copy->since = filter->since ? g_date_time_ref (filter->since) : NULL;
  return copy;
}

void
mdg_feed_filter_free (MdgFeedFilter *filter)
{
  if (filter == NULL)
    return;

  g_free (filter->query);
  g_clear_pointer (&filter->since, g_date_time_unref);
  g_free (filter);
}

static const char *const state_names[] = { "all", "unread", "starred", "picked" };

const char *
mdg_feed_item_state_to_string (MdgFeedItemState state)
{
  g_return_val_if_fail (state <= MDG_FEED_ITEM_STATE_PICKED, "all");
  return state_names[state];
}

gboolean
mdg_feed_item_state_from_string (const char       *text,
                                 MdgFeedItemState *state)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (text, state_names[i]))
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

struct _MdgSavedSearch
{
  GObject        parent_instance;

  gint64         id;
  char          *name;
  MdgFeedFilter *filter;
};

G_DEFINE_FINAL_TYPE (MdgSavedSearch, mdg_saved_search, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mdg_saved_search_finalize (GObject *object)
{
  MdgSavedSearch *self = (MdgSavedSearch *) object;

  g_free (self->name);
  g_clear_pointer (&self->filter, mdg_feed_filter_free);

  G_OBJECT_CLASS (mdg_saved_search_parent_class)->finalize (object);
}

static void
mdg_saved_search_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MdgSavedSearch *self = MDG_SAVED_SEARCH (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_saved_search_class_init (MdgSavedSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mdg_saved_search_finalize;
  object_class->get_property = mdg_saved_search_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_saved_search_init (MdgSavedSearch *self)
{
}

/* Takes @filter. */
MdgSavedSearch *
_mdg_saved_search_new (gint64         id,
                       const char    *name,
                       MdgFeedFilter *filter)
{
  MdgSavedSearch *self = g_object_new (MDG_TYPE_SAVED_SEARCH, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->filter = filter;
  return self;
}

gint64
mdg_saved_search_get_id (MdgSavedSearch *self)
{
  g_return_val_if_fail (MDG_IS_SAVED_SEARCH (self), 0);
  return self->id;
}

const char *
mdg_saved_search_get_name (MdgSavedSearch *self)
{
  g_return_val_if_fail (MDG_IS_SAVED_SEARCH (self), NULL);
  return self->name;
}

/* Returns: (transfer none): the filter it applies; copy it to change it */
const MdgFeedFilter *
mdg_saved_search_get_filter (MdgSavedSearch *self)
{
  g_return_val_if_fail (MDG_IS_SAVED_SEARCH (self), NULL);
  return self->filter;
}
