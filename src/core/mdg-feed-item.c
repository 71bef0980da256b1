/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-feed-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-enums.h"
#include "mdg-feed-item.h"

/*
 * One threat-information item as the reader shows it: what the feed said, which source
 * it came from, and the reader's own marks (read, starred, picked as a topic). The marks
 * notify, so that a row bound to them follows a change made anywhere.
 */

struct _MdgFeedItem
{
  GObject      parent_instance;

  gint64       id;
  gint64       source_id;
  char        *source_name;
  char        *title;
  char        *link;
  char        *summary;
  GDateTime   *published_at;
  char        *identifier;
  GStrv        cve_ids;
  double       cvss_score;
  MdgSeverity  severity;
  guint        read : 1;
  guint        starred : 1;
  guint        picked : 1;
};

G_DEFINE_FINAL_TYPE (MdgFeedItem, mdg_feed_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SOURCE_NAME,
  PROP_TITLE,
  PROP_LINK,
  PROP_SUMMARY,
  PROP_PUBLISHED_AT,
  PROP_IDENTIFIER,
  PROP_CVE_IDS,
  PROP_SEVERITY,
  PROP_READ,
  PROP_STARRED,
  PROP_PICKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

MdgFeedEntry *
mdg_feed_entry_new (void)
{
  MdgFeedEntry *entry = g_new0 (MdgFeedEntry, 1);

  entry->cvss_score = -1;
  return entry;
}

void
mdg_feed_entry_free (MdgFeedEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->guid);
  g_free (entry->title);
  g_free (entry->link);
  g_free (entry->summary);
  g_clear_pointer (&entry->published, g_date_time_unref);
  g_free (entry->identifier);
  g_strfreev (entry->cve_ids);
  g_free (entry);
}

static void
mdg_feed_item_finalize (GObject *object)
{
  MdgFeedItem *self = (MdgFeedItem *) object;

  g_free (self->source_name);
  g_free (self->title);
  g_free (self->link);
  g_free (self->summary);
  g_clear_pointer (&self->published_at, g_date_time_unref);
  g_free (self->identifier);
  g_strfreev (self->cve_ids);

  G_OBJECT_CLASS (mdg_feed_item_parent_class)->finalize (object);
}

static void
mdg_feed_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MdgFeedItem *self = MDG_FEED_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_SOURCE_NAME: g_value_set_string (value, self->source_name); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_LINK: g_value_set_string (value, self->link); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_PUBLISHED_AT: g_value_set_boxed (value, self->published_at); break;
    case PROP_IDENTIFIER: g_value_set_string (value, self->identifier); break;
    case PROP_CVE_IDS: g_value_set_boxed (value, self->cve_ids); break;
    case PROP_SEVERITY: g_value_set_enum (value, self->severity); break;
    case PROP_READ: g_value_set_boolean (value, self->read); break;
    case PROP_STARRED: g_value_set_boolean (value, self->starred); break;
    case PROP_PICKED: g_value_set_boolean (value, self->picked); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_feed_item_class_init (MdgFeedItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_feed_item_finalize;
  object_class->get_property = mdg_feed_item_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SOURCE_NAME] = g_param_spec_string ("source-name", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_LINK] = g_param_spec_string ("link", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHED_AT] = g_param_spec_boxed ("published-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_IDENTIFIER] = g_param_spec_string ("identifier", NULL, NULL, NULL, flags);
  properties[PROP_CVE_IDS] = g_param_spec_boxed ("cve-ids", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SEVERITY] = g_param_spec_enum ("severity", NULL, NULL, MDG_TYPE_SEVERITY,
                                                 MDG_SEVERITY_UNKNOWN, flags);
  properties[PROP_READ] = g_param_spec_boolean ("read", NULL, NULL, FALSE, flags);
  properties[PROP_STARRED] = g_param_spec_boolean ("starred", NULL, NULL, FALSE, flags);
  properties[PROP_PICKED] = g_param_spec_boolean ("picked", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_feed_item_init (MdgFeedItem *self)
{
  self->cvss_score = -1;
}

MdgFeedItem *
_mdg_feed_item_new (gint64       id,
                    gint64       source_id,
                    const char  *source_name,
                    const char  *title,
                    const char  *link,
                    const char  *summary,
                    GDateTime   *published_at,
                    const char  *identifier,
                    const char  *cve_ids,
                    double       cvss_score,
                    MdgSeverity  severity)
{
  MdgFeedItem *self = g_object_new (MDG_TYPE_FEED_ITEM, NULL);

  self->id = id;
  self->source_id = source_id;
  self->source_name = g_strdup (source_name);
  self->title = g_strdup (title ? title : "");
  self->link = g_strdup (link);
  self->summary = g_strdup (summary);
  self->published_at = published_at ? g_date_time_ref (published_at) : NULL;
  self->identifier = g_strdup (identifier);
  self->cve_ids = cve_ids && *cve_ids ? g_strsplit (cve_ids, " ", -1) : g_new0 (char *, 1);
  self->cvss_score = cvss_score;
  self->severity = severity;
  return self;
}

/* Sets the reader's marks and notifies those that changed. */
void
_mdg_feed_item_set_state (MdgFeedItem *self,
                          gboolean     read,
                          gboolean     starred,
                          gboolean     picked)
{
  g_return_if_fail (MDG_IS_FEED_ITEM (self));

  if (self->read != !!read)
    {
      self->read = !!read;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
    }
  if (self->starred != !!starred)
    {
      self->starred = !!starred;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
    }
  if (self->picked != !!picked)
    {
      self->picked = !!picked;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PICKED]);
    }
}

gint64
mdg_feed_item_get_id (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), 0);
  return self->id;
}

gint64
mdg_feed_item_get_source_id (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), 0);
  return self->source_id;
}

const char *
mdg_feed_item_get_source_name (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), NULL);
  return self->source_name;
}

const char *
mdg_feed_item_get_title (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), NULL);
  return self->title;
}

const char *
mdg_feed_item_get_link (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), NULL);
  return self->link;
}

const char *
mdg_feed_item_get_summary (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), NULL);
  return self->summary;
}

/* Returns: (transfer none) (nullable): when the feed says the item was published */
GDateTime *
mdg_feed_item_get_published_at (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), NULL);
  return self->published_at;
}

const char *
mdg_feed_item_get_identifier (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), NULL);
  return self->identifier;
}

/* Returns: (transfer none): the CVE ids named by the item, sorted; empty when none */
const char * const *
mdg_feed_item_get_cve_ids (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), NULL);
  return (const char * const *) self->cve_ids;
}

/* Returns: the highest CVSS base score the feed gives, or a negative number */
double
mdg_feed_item_get_cvss_score (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), -1);
  return self->cvss_score;
}

MdgSeverity
mdg_feed_item_get_severity (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), MDG_SEVERITY_UNKNOWN);
  return self->severity;
}

gboolean
mdg_feed_item_get_read (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), FALSE);
  return self->read;
}

gboolean
mdg_feed_item_get_starred (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), FALSE);
  return self->starred;
}

gboolean
mdg_feed_item_get_picked (MdgFeedItem *self)
{
  g_return_val_if_fail (MDG_IS_FEED_ITEM (self), FALSE);
  return self->picked;
}

static const char *const severity_names[] = { "unknown", "low", "medium", "high", "critical" };

const char *
mdg_severity_to_string (MdgSeverity severity)
{
  g_return_val_if_fail (severity <= MDG_SEVERITY_CRITICAL, "unknown");
  return severity_names[severity];
}

/**
 * mdg_severity_from_string:
 * @text: a severity as Madoguchi writes it ("critical") or as JVN's sec:cvss does
 *   ("Critical", "High", "Medium", "Low", "None")
 * @severity: (out): the severity
 *
 * Returns: whether @text names a severity
 */
gboolean
mdg_severity_from_string (const char  *text,
                          MdgSeverity *severity)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (severity_names); i++)
    if (g_ascii_strcasecmp (text, severity_names[i]) == 0)
      {
        *severity = i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (text, "none") == 0)
    {
      *severity = MDG_SEVERITY_UNKNOWN;
      return TRUE;
    }
  return FALSE;
}

/* The words JVN uses in Japanese: 注意, 警告, 重要, 緊急. */
const char *
mdg_severity_get_label (MdgSeverity severity)
{
  switch (severity)
    {
    case MDG_SEVERITY_LOW: return C_("severity", "Low");
    case MDG_SEVERITY_MEDIUM: return C_("severity", "Medium");
    case MDG_SEVERITY_HIGH: return C_("severity", "High");
    case MDG_SEVERITY_CRITICAL: return C_("severity", "Critical");
    case MDG_SEVERITY_UNKNOWN:
    default: return C_("severity", "Not rated");
    }
}

/* CVSS v3 qualitative ratings; v2 scores fall into the same bands closely enough. */
MdgSeverity
mdg_severity_from_cvss_score (double score)
{
  if (score >= 9.0)
    return MDG_SEVERITY_CRITICAL;
  if (score >= 7.0)
    return MDG_SEVERITY_HIGH;
  if (score >= 4.0)
    return MDG_SEVERITY_MEDIUM;
  if (score > 0.0)
    return MDG_SEVERITY_LOW;
  return MDG_SEVERITY_UNKNOWN;
}

static gboolean
is_tracking_parameter (const char *param)
{
  return g_str_has_prefix (param, "utm_") || g_str_has_prefix (param, "fbclid=") ||
         g_str_has_prefix (param, "gclid=");
}

/**
 * mdg_feed_link_key:
 * @link: (nullable): an item's link
 *
 * The link as items are told apart by: http and https alike, host in lower case,
 * default port, fragment and tracking parameters (utm_…) dropped, an empty path as "/".
 * Two feeds that list one advisory give the same key.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL when @link is no web address
 */
char *
mdg_feed_link_key (const char *link)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) key = NULL;
  g_autofree char *host = NULL;
  const char *scheme;
  const char *path;
  const char *query;
  int port;

  if (link == NULL)
    return NULL;

  uri = g_uri_parse (link, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return NULL;

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  port = g_uri_get_port (uri);
  path = g_uri_get_path (uri);
  query = g_uri_get_query (uri);

  key = g_string_new ("https://");
  g_string_append (key, host);
  if (port > 0 && port != 80 && port != 443)
    g_string_append_printf (key, ":%d", port);
  g_string_append (key, path && *path ? path : "/");

  if (query != NULL && *query != '\0')
    {
      g_auto(GStrv) params = g_strsplit (query, "&", -1);
      gboolean first = TRUE;

      for (guint i = 0; params[i]; i++)
        {
          if (*params[i] == '\0' || is_tracking_parameter (params[i]))
            continue;
          g_string_append_c (key, first ? '?' : '&');
          g_string_append (key, params[i]);
          first = FALSE;
        }
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
}

static const char *const format_names[] = { "rss1", "rss2", "atom" };

const char *
mdg_feed_format_to_string (MdgFeedFormat format)
{
  g_return_val_if_fail (format <= MDG_FEED_FORMAT_ATOM, "rss2");
  return format_names[format];
}

gboolean
mdg_feed_format_from_string (const char    *text,
                             MdgFeedFormat *format)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (format_names); i++)
    if (g_str_equal (text, format_names[i]))
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}
