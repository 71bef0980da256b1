/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-faq-entry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-error.h"
#include "mdg-faq-entry.h"
#include "mdg-util-private.h"

/*
 * An entry of the desk's FAQ (よくある質問): the question as SMEs ask it, the answer the
 * desk gives, its categories, the consultations it answered, and whether it is published
 * on the portal.
 */

G_DEFINE_BOXED_TYPE (MdgFaqCategory, mdg_faq_category, mdg_faq_category_ref, mdg_faq_category_unref)

MdgFaqCategory *
mdg_faq_category_ref (MdgFaqCategory *category)
{
  return g_atomic_rc_box_acquire (category);
}

static void
faq_category_clear (gpointer data)
{
  MdgFaqCategory *category = data;

  g_free (category->scheme);
  g_free (category->key);
  g_free (category->name_ja);
  g_free (category->name_en);
}

void
mdg_faq_category_unref (MdgFaqCategory *category)
{
  g_atomic_rc_box_release_full (category, faq_category_clear);
}

/* The name in the user's language: Japanese for a Japanese desktop, English otherwise. */
const char *
mdg_faq_category_get_name (const MdgFaqCategory *category)
{
  const char * const *languages = g_get_language_names ();

  g_return_val_if_fail (category != NULL, NULL);

  for (guint i = 0; languages[i]; i++)
    {
      if (g_str_has_prefix (languages[i], "ja"))
        return category->name_ja;
      if (g_str_has_prefix (languages[i], "en") || g_str_equal (languages[i], "C"))
        break;
    }
  return category->name_en;
}

struct _MdgFaqEntry
{
  GObject    parent_instance;

  gint64     id;
  char      *uuid;
  char      *question;
  char      *answer;
  gboolean   published;
  GPtrArray *categories;
  GArray    *consultation_ids;
  gint64     feed_item_id;
  GDateTime *updated_at;
};

G_DEFINE_FINAL_TYPE (MdgFaqEntry, mdg_faq_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_QUESTION,
  PROP_ANSWER,
  PROP_PUBLISHED,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mdg_faq_entry_finalize (GObject *object)
{
  MdgFaqEntry *self = (MdgFaqEntry *) object;

  g_free (self->uuid);
  g_free (self->question);
  g_free (self->answer);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->consultation_ids, g_array_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (mdg_faq_entry_parent_class)->finalize (object);
}

static void
mdg_faq_entry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MdgFaqEntry *self = MDG_FAQ_ENTRY (object);

  switch (prop_id)
    {
    case PROP_QUESTION: g_value_set_string (value, self->question); break;
    case PROP_ANSWER: g_value_set_string (value, self->answer); break;
    case PROP_PUBLISHED: g_value_set_boolean (value, self->published); break;
    case PROP_UPDATED_AT: g_value_set_boxed (value, self->updated_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_faq_entry_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MdgFaqEntry *self = MDG_FAQ_ENTRY (object);

  switch (prop_id)
    {
    case PROP_QUESTION: mdg_faq_entry_set_question (self, g_value_get_string (value)); break;
    case PROP_ANSWER: mdg_faq_entry_set_answer (self, g_value_get_string (value)); break;
    case PROP_PUBLISHED: mdg_faq_entry_set_published (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_faq_entry_class_init (MdgFaqEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_faq_entry_finalize;
  object_class->get_property = mdg_faq_entry_get_property;
  object_class->set_property = mdg_faq_entry_set_property;

  properties[PROP_QUESTION] = g_param_spec_string ("question", NULL, NULL, NULL, flags);
  properties[PROP_ANSWER] = g_param_spec_string ("answer", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHED] = g_param_spec_boolean ("published", NULL, NULL, FALSE, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_faq_entry_init (MdgFaqEntry *self)
{
  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_faq_category_unref);
  self->consultation_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

MdgFaqEntry *
mdg_faq_entry_new (void)
{
  return g_object_new (MDG_TYPE_FAQ_ENTRY, NULL);
}

/* Returns: 0 until the entry is saved */
gint64
mdg_faq_entry_get_id (MdgFaqEntry *self)
{
  g_return_val_if_fail (MDG_IS_FAQ_ENTRY (self), 0);
  return self->id;
}

const char *
mdg_faq_entry_get_uuid (MdgFaqEntry *self)
{
  g_return_val_if_fail (MDG_IS_FAQ_ENTRY (self), NULL);
  return self->uuid;
}

const char *
mdg_faq_entry_get_question (MdgFaqEntry *self)
{
  g_return_val_if_fail (MDG_IS_FAQ_ENTRY (self), NULL);
  return self->question;
}

void
mdg_faq_entry_set_question (MdgFaqEntry *self,
                            const char  *question)
{
  g_return_if_fail (MDG_IS_FAQ_ENTRY (self));
  if (_mdg_set_text (&self->question, question))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUESTION]);
}

/* Returns: (nullable): the answer, plain text with blank lines between paragraphs */
const char *
mdg_faq_entry_get_answer (MdgFaqEntry *self)
{
  g_return_val_if_fail (MDG_IS_FAQ_ENTRY (self), NULL);
  return self->answer;
}

void
mdg_faq_entry_set_answer (MdgFaqEntry *self,
                          const char  *answer)
{
  g_return_if_fail (MDG_IS_FAQ_ENTRY (self));
  if (_mdg_set_text (&self->answer, answer))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANSWER]);
}

gboolean
mdg_faq_entry_get_published (MdgFaqEntry *self)
{
  g_return_val_if_fail (MDG_IS_FAQ_ENTRY (self), FALSE);
  return self->published;
}

void
mdg_faq_entry_set_published (MdgFaqEntry *self,
                             gboolean     published)
{
  g_return_if_fail (MDG_IS_FAQ_ENTRY (self));
  if (self->published == !!published)
    return;
  self->published = !!published;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED]);
}

/* Returns: (transfer none) (element-type MdgFaqCategory): the categories, in the order of
 *   categories.tsv (guidebook sections first) */
GPtrArray *
mdg_faq_entry_get_categories (MdgFaqEntry *self)
{
  g_return_val_if_fail (MDG_IS_FAQ_ENTRY (self), NULL);
  return self->categories;
}

/**
 * mdg_faq_entry_set_categories:
 * @self: a #MdgFaqEntry
 * @categories: (element-type MdgFaqCategory): the categories (from
 *   mdg_faq_store_list_categories()); referenced
 */
void
mdg_faq_entry_set_categories (MdgFaqEntry *self,
                              GPtrArray   *categories)
{
  g_return_if_fail (MDG_IS_FAQ_ENTRY (self));
  g_return_if_fail (categories != NULL);

  g_ptr_array_set_size (self->categories, 0);
  for (guint i = 0; i < categories->len; i++)
    g_ptr_array_add (self->categories, mdg_faq_category_ref (g_ptr_array_index (categories, i)));
}

/* Returns: (transfer none) (element-type gint64): the consultations this entry answered */
GArray *
mdg_faq_entry_get_consultation_ids (MdgFaqEntry *self)
{
  g_return_val_if_fail (MDG_IS_FAQ_ENTRY (self), NULL);
  return self->consultation_ids;
}

/* Returns: the threat item it was drafted from, or 0 */
gint64
mdg_faq_entry_get_feed_item_id (MdgFaqEntry *self)
{
  g_return_val_if_fail (MDG_IS_FAQ_ENTRY (self), 0);
  return self->feed_item_id;
}

/* Returns: (transfer none) (nullable): when the entry was last saved */
GDateTime *
mdg_faq_entry_get_updated_at (MdgFaqEntry *self)
{
  g_return_val_if_fail (MDG_IS_FAQ_ENTRY (self), NULL);
  return self->updated_at;
}

gboolean
mdg_faq_entry_validate (MdgFaqEntry  *self,
                        GError      **error)
{
  g_return_val_if_fail (MDG_IS_FAQ_ENTRY (self), FALSE);

  if (self->question == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID, _("An FAQ entry needs a question"));
      return FALSE;
    }
  if (self->published && self->answer == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID,
                           _("An FAQ entry without an answer cannot be published"));
      return FALSE;
    }
  return TRUE;
}

void
_mdg_faq_entry_set_identity (MdgFaqEntry *self,
                             gint64       id,
                             const char  *uuid,
                             GDateTime   *updated_at)
{
  self->id = id;
  _mdg_set_text (&self->uuid, uuid);
  _mdg_set_date_time (&self->updated_at, updated_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

void
_mdg_faq_entry_set_feed_item_id (MdgFaqEntry *self,
                                 gint64       feed_item_id)
{
  self->feed_item_id = feed_item_id;
}
