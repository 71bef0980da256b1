/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-enums.h"
#include "mdg-error.h"
#include "mdg-notice.h"
#include "mdg-util-private.h"

/*
 * A notice the desk posts on its portal: お知らせ (news), トピックス (topics) or 脅威情報
 * (threat information), with a body in Markdown-like plain text, the day it is
 * published (none: a draft) and the threat items it cites.
 */

struct _MdgNotice
{
  GObject        parent_instance;

  gint64         id;
  char          *uuid;
  MdgNoticeKind  kind;
  char          *title;
  char          *body;
  GDateTime     *publish_on;
  GArray        *item_ids;
  GDateTime     *updated_at;
};

G_DEFINE_FINAL_TYPE (MdgNotice, mdg_notice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_BODY,
  PROP_PUBLISH_ON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mdg_notice_finalize (GObject *object)
{
  MdgNotice *self = (MdgNotice *) object;

  g_free (self->uuid);
  g_free (self->title);
  g_free (self->body);
  g_clear_pointer (&self->publish_on, g_date_time_unref);
  g_clear_pointer (&self->item_ids, g_array_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (mdg_notice_parent_class)->finalize (object);
}

static void
mdg_notice_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MdgNotice *self = MDG_NOTICE (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    case PROP_PUBLISH_ON: g_value_set_boxed (value, self->publish_on); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_notice_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MdgNotice *self = MDG_NOTICE (object);

  switch (prop_id)
    {
    case PROP_KIND: mdg_notice_set_kind (self, g_value_get_enum (value)); break;
    case PROP_TITLE: mdg_notice_set_title (self, g_value_get_string (value)); break;
    case PROP_BODY: mdg_notice_set_body (self, g_value_get_string (value)); break;
    case PROP_PUBLISH_ON: mdg_notice_set_publish_on (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_notice_class_init (MdgNoticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_notice_finalize;
  object_class->get_property = mdg_notice_get_property;
  object_class->set_property = mdg_notice_set_property;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, MDG_TYPE_NOTICE_KIND, MDG_NOTICE_KIND_NEWS, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISH_ON] = g_param_spec_boxed ("publish-on", NULL, NULL, G_TYPE_DATE_TIME, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_notice_init (MdgNotice *self)
{
  self->item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

MdgNotice *
mdg_notice_new (void)
{
  return g_object_new (MDG_TYPE_NOTICE, NULL);
}

gint64
mdg_notice_get_id (MdgNotice *self)
{
  g_return_val_if_fail (MDG_IS_NOTICE (self), 0);
  return self->id;
}

const char *
mdg_notice_get_uuid (MdgNotice *self)
{
  g_return_val_if_fail (MDG_IS_NOTICE (self), NULL);
  return self->uuid;
}

MdgNoticeKind
mdg_notice_get_kind (MdgNotice *self)
{
  g_return_val_if_fail (MDG_IS_NOTICE (self), MDG_NOTICE_KIND_NEWS);
  return self->kind;
}

void
mdg_notice_set_kind (MdgNotice     *self,
                     MdgNoticeKind  kind)
{
  g_return_if_fail (MDG_IS_NOTICE (self));
  g_return_if_fail (kind <= MDG_NOTICE_KIND_THREAT);
  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
mdg_notice_get_title (MdgNotice *self)
{
  g_return_val_if_fail (MDG_IS_NOTICE (self), NULL);
  return self->title;
}

void
mdg_notice_set_title (MdgNotice  *self,
                      const char *title)
{
  g_return_if_fail (MDG_IS_NOTICE (self));
  if (_mdg_set_text (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Returns: (nullable): the body, Markdown-like plain text (see mdg_markup_to_html()) */
const char *
mdg_notice_get_body (MdgNotice *self)
{
  g_return_val_if_fail (MDG_IS_NOTICE (self), NULL);
  return self->body;
}

void
mdg_notice_set_body (MdgNotice  *self,
                     const char *body)
{
  g_return_if_fail (MDG_IS_NOTICE (self));
  if (_mdg_set_text (&self->body, body))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

/* Returns: (transfer none) (nullable): the day it is published (local midnight); %NULL for a draft */
GDateTime *
mdg_notice_get_publish_on (MdgNotice *self)
{
  g_return_val_if_fail (MDG_IS_NOTICE (self), NULL);
  return self->publish_on;
}

/* Only the day of @publish_on counts. */
void
mdg_notice_set_publish_on (MdgNotice *self,
                           GDateTime *publish_on)
{
  g_autoptr(GDateTime) day = NULL;

  g_return_if_fail (MDG_IS_NOTICE (self));

  if (publish_on != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (publish_on);

      day = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                   g_date_time_get_day_of_month (local), 0, 0, 0);
    }
  if (self->publish_on == day ||
      (self->publish_on && day && g_date_time_equal (self->publish_on, day)))
    return;
  g_clear_pointer (&self->publish_on, g_date_time_unref);
  self->publish_on = g_steal_pointer (&day);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISH_ON]);
}

/* Returns: (transfer none) (element-type gint64): the threat items it cites, in order */
GArray *
mdg_notice_get_item_ids (MdgNotice *self)
{
  g_return_val_if_fail (MDG_IS_NOTICE (self), NULL);
  return self->item_ids;
}

GDateTime *
mdg_notice_get_updated_at (MdgNotice *self)
{
  g_return_val_if_fail (MDG_IS_NOTICE (self), NULL);
  return self->updated_at;
}

/* Whether it has a date and that day has come by @now. */
gboolean
mdg_notice_is_published (MdgNotice *self,
                         GDateTime *now)
{
  g_return_val_if_fail (MDG_IS_NOTICE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return self->publish_on != NULL && g_date_time_compare (self->publish_on, now) <= 0;
}

gboolean
mdg_notice_validate (MdgNotice  *self,
                     GError    **error)
{
  g_return_val_if_fail (MDG_IS_NOTICE (self), FALSE);

  if (self->title == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("A notice needs a title"));
      return FALSE;
    }
  return TRUE;
}

static const char *const kind_names[] = { "news", "topic", "threat" };

const char *
mdg_notice_kind_to_string (MdgNoticeKind kind)
{
  g_return_val_if_fail (kind <= MDG_NOTICE_KIND_THREAT, "news");
  return kind_names[kind];
}

gboolean
mdg_notice_kind_from_string (const char    *text,
                             MdgNoticeKind *kind)
{
  for (guint i = 0; text && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* お知らせ, トピックス, 脅威情報 */
const char *
mdg_notice_kind_get_label (MdgNoticeKind kind)
{
  switch (kind)
    {
    case MDG_NOTICE_KIND_TOPIC: return C_("notice kind", "Topics");
    case MDG_NOTICE_KIND_THREAT: return C_("notice kind", "Threat information");
    case MDG_NOTICE_KIND_NEWS:
    default: return C_("notice kind", "News");
    }
}

void
_mdg_notice_set_identity (MdgNotice  *self,
                          gint64      id,
                          const char *uuid,
                          GDateTime  *updated_at)
{
  self->id = id;
  _mdg_set_text (&self->uuid, uuid);
  _mdg_set_date_time (&self->updated_at, updated_at);
}
