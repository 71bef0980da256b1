/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-feed-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-date.h"
#include "mdg-feed-source.h"

/*
 * A threat-information feed the desk follows, with what its last fetch gave: the HTTP
 * status, when, and what went wrong in words a desk coordinator understands. Read-only:
 * the store makes a new one after every change.
 */

struct _MdgFeedSource
{
  GObject        parent_instance;

  gint64         id;
  char          *key;
  char          *name;
  char          *url;
  MdgFeedFormat  format;
  gboolean       enabled;
  guint          last_status;
  GDateTime     *last_fetched_at;
  GDateTime     *last_success_at;
  char          *last_error;
  char          *etag;
  char          *last_modified;
  guint          n_items;
  guint          n_unread;
};

G_DEFINE_FINAL_TYPE (MdgFeedSource, mdg_feed_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_URL,
  PROP_ENABLED,
  PROP_LAST_STATUS,
  PROP_LAST_ERROR,
  PROP_LAST_FETCHED_AT,
  PROP_N_UNREAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mdg_feed_source_finalize (GObject *object)
{
  MdgFeedSource *self = (MdgFeedSource *) object;

  g_free (self->key);
  g_free (self->name);
  g_free (self->url);
  g_clear_pointer (&self->last_fetched_at, g_date_time_unref);
  g_clear_pointer (&self->last_success_at, g_date_time_unref);
  g_free (self->last_error);
  g_free (self->etag);
  g_free (self->last_modified);

  G_OBJECT_CLASS (mdg_feed_source_parent_class)->finalize (object);
}

static void
mdg_feed_source_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MdgFeedSource *self = MDG_FEED_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_ENABLED: g_value_set_boolean (value, self->enabled); break;
    case PROP_LAST_STATUS: g_value_set_uint (value, self->last_status); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    case PROP_LAST_FETCHED_AT: g_value_set_boxed (value, self->last_fetched_at); break;
    case PROP_N_UNREAD: g_value_set_uint (value, self->n_unread); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_feed_source_class_init (MdgFeedSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_feed_source_finalize;
  object_class->get_property = mdg_feed_source_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, flags);
  properties[PROP_LAST_STATUS] = g_param_spec_uint ("last-status", NULL, NULL, 0, 999, 0, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties[PROP_LAST_FETCHED_AT] = g_param_spec_boxed ("last-fetched-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_N_UNREAD] = g_param_spec_uint ("n-unread", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_feed_source_init (MdgFeedSource *self)
{
}

static GDateTime *
parse_time (const char *text)
{
  return text && *text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

MdgFeedSource *
_mdg_feed_source_new (const MdgFeedSourceFields *fields)
{
  MdgFeedSource *self = g_object_new (MDG_TYPE_FEED_SOURCE, NULL);

  self->id = fields->id;
  self->key = g_strdup (fields->key);
  self->name = g_strdup (fields->name);
  self->url = g_strdup (fields->url);
  self->format = fields->format;
  self->enabled = fields->enabled;
  self->last_status = fields->last_status;
  self->last_fetched_at = parse_time (fields->last_fetched_at);
  self->last_success_at = parse_time (fields->last_success_at);
  self->last_error = g_strdup (fields->last_error);
  self->etag = g_strdup (fields->etag);
  self->last_modified = g_strdup (fields->last_modified);
  self->n_items = fields->n_items;
  self->n_unread = fields->n_unread;
  return self;
}

gint64
mdg_feed_source_get_id (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), 0);
  return self->id;
}

/* Returns: (nullable): the key of a default source (F-JPCERT…), %NULL for one the user added */
const char *
mdg_feed_source_get_key (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), NULL);
  return self->key;
}

const char *
mdg_feed_source_get_name (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), NULL);
  return self->name;
}

const char *
mdg_feed_source_get_url (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), NULL);
  return self->url;
}

/* The format seen at the last successful fetch (or guessed from the address before). */
MdgFeedFormat
mdg_feed_source_get_format (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), MDG_FEED_FORMAT_RSS2);
  return self->format;
}

gboolean
mdg_feed_source_get_enabled (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), FALSE);
  return self->enabled;
}

/* Returns: the HTTP status of the last fetch, 0 when none was received */
guint
mdg_feed_source_get_last_status (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), 0);
  return self->last_status;
}

/* Returns: (transfer none) (nullable): when the source was last tried */
GDateTime *
mdg_feed_source_get_last_fetched_at (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), NULL);
  return self->last_fetched_at;
}

/* Returns: (transfer none) (nullable): when the source last answered with a feed */
GDateTime *
mdg_feed_source_get_last_success_at (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), NULL);
  return self->last_success_at;
}

/* Returns: (nullable): what went wrong at the last fetch, in words; %NULL when it worked */
const char *
mdg_feed_source_get_last_error (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), NULL);
  return self->last_error;
}

const char *
mdg_feed_source_get_etag (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), NULL);
  return self->etag;
}

const char *
mdg_feed_source_get_last_modified (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), NULL);
  return self->last_modified;
}

guint
mdg_feed_source_get_n_items (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), 0);
  return self->n_items;
}

guint
mdg_feed_source_get_n_unread (MdgFeedSource *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), 0);
  return self->n_unread;
}

/**
 * mdg_feed_source_describe_result:
 * @self: a #MdgFeedSource
 *
 * The last result in one line, as the source list shows it: "Not fetched yet",
 * "HTTP 200 · Thu, 26 Nov 2026, 10:00", or the error with its time.
 *
 * Returns: (transfer full): the text
 */
char *
mdg_feed_source_describe_result (MdgFeedSource *self)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  g_autofree char *status = NULL;

  g_return_val_if_fail (MDG_IS_FEED_SOURCE (self), NULL);

  if (self->last_fetched_at == NULL)
    return g_strdup (_("Not fetched yet"));

  date = mdg_date_format (self->last_fetched_at, MDG_DATE_DEFAULT);
  time = mdg_time_format (self->last_fetched_at);
  /* Translators: the HTTP status code a feed's server answered with */
  status = self->last_status ? g_strdup_printf (_("HTTP %u"), self->last_status) : NULL;

  if (self->last_error != NULL)
    /* Translators: a feed's last fetch failed: "<HTTP status> · <date> <time>: <error>" */
    return status ? g_strdup_printf (_("%s · %s %s: %s"), status, date, time, self->last_error)
                  : g_strdup_printf (_("%s %s: %s"), date, time, self->last_error);

  if (self->last_status == 304)
    /* Translators: a feed's last fetch found nothing new: "<date> <time>" */
    return g_strdup_printf (_("Unchanged since the last fetch · %s %s"), date, time);

  return g_strdup_printf ("%s · %s %s", status ? status : "", date, time);
}
