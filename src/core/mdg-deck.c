/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-deck"

#include "config.h"

#include "mdg-deck.h"

/*
 * A master slide deck and its revisions, as read from the database. Both are
 * read-only: a deck changes through its store, and a revision never changes at all
 * (its PDF is content-addressed). Properties are there for list widgets to bind.
 */

struct _MdgDeck
{
  GObject    parent_instance;

  gint64     id;
  char      *uuid;
  char      *title;
  char      *description;
  guint      latest_number;
  guint      page_count;
  GDateTime *updated_at;
};

G_DEFINE_FINAL_TYPE (MdgDeck, mdg_deck, G_TYPE_OBJECT)

enum {
  DECK_PROP_0,
  DECK_PROP_TITLE,
  DECK_PROP_LATEST_NUMBER,
  DECK_PROP_PAGE_COUNT,
  DECK_PROP_UPDATED_AT,
  DECK_N_PROPS
};

static GParamSpec *deck_properties[DECK_N_PROPS];

struct _MdgDeckRevision
{
  GObject    parent_instance;

  gint64     id;
  gint64     deck_id;
  guint      number;
  char      *sha256;
  guint      page_count;
  char      *change_note;
  GDateTime *created_at;
  char      *source_name;
  char      *original_sha256;
  char      *original_type;
};

G_DEFINE_FINAL_TYPE (MdgDeckRevision, mdg_deck_revision, G_TYPE_OBJECT)

enum {
  REVISION_PROP_0,
  REVISION_PROP_NUMBER,
  REVISION_PROP_PAGE_COUNT,
  REVISION_PROP_CHANGE_NOTE,
  REVISION_PROP_CREATED_AT,
  REVISION_N_PROPS
};

static GParamSpec *revision_properties[REVISION_N_PROPS];

static void
mdg_deck_finalize (GObject *object)
{
  MdgDeck *self = (MdgDeck *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (mdg_deck_parent_class)->finalize (object);
}

static void
mdg_deck_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MdgDeck *self = MDG_DECK (object);

  switch (prop_id)
    {
    case DECK_PROP_TITLE: g_value_set_string (value, self->title); break;
    case DECK_PROP_LATEST_NUMBER: g_value_set_uint (value, self->latest_number); break;
    case DECK_PROP_PAGE_COUNT: g_value_set_uint (value, self->page_count); break;
    case DECK_PROP_UPDATED_AT: g_value_set_boxed (value, self->updated_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_deck_class_init (MdgDeckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_deck_finalize;
  object_class->get_property = mdg_deck_get_property;

  deck_properties[DECK_PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  deck_properties[DECK_PROP_LATEST_NUMBER] = g_param_spec_uint ("latest-number", NULL, NULL, 0, G_MAXUINT, 0, ro);
  deck_properties[DECK_PROP_PAGE_COUNT] = g_param_spec_uint ("page-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  deck_properties[DECK_PROP_UPDATED_AT] = g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, ro);
  g_object_class_install_properties (object_class, DECK_N_PROPS, deck_properties);
}

static void
mdg_deck_init (MdgDeck *self)
{
}

MdgDeck *
_mdg_deck_new (gint64      id,
               const char *uuid,
               const char *title,
               const char *description,
               guint       latest_number,
               guint       page_count,
               GDateTime  *updated_at)
{
  MdgDeck *self = g_object_new (MDG_TYPE_DECK, NULL);

  self->id = id;
  self->uuid = g_strdup (uuid);
  self->title = g_strdup (title);
  self->description = g_strdup (description);
  self->latest_number = latest_number;
  self->page_count = page_count;
  self->updated_at = updated_at ? g_date_time_ref (updated_at) : NULL;
  return self;
}

gint64
mdg_deck_get_id (MdgDeck *self)
{
  g_return_val_if_fail (MDG_IS_DECK (self), 0);
  return self->id;
}

const char *
mdg_deck_get_uuid (MdgDeck *self)
{
  g_return_val_if_fail (MDG_IS_DECK (self), NULL);
  return self->uuid;
}

const char *
mdg_deck_get_title (MdgDeck *self)
{
  g_return_val_if_fail (MDG_IS_DECK (self), NULL);
  return self->title;
}

/* Returns: (nullable): what the deck is about */
const char *
mdg_deck_get_description (MdgDeck *self)
{
  g_return_val_if_fail (MDG_IS_DECK (self), NULL);
  return self->description;
}

/* The number of the newest revision (revisions count from 1). */
guint
mdg_deck_get_latest_number (MdgDeck *self)
{
  g_return_val_if_fail (MDG_IS_DECK (self), 0);
  return self->latest_number;
}

/* The pages of the newest revision. */
guint
mdg_deck_get_page_count (MdgDeck *self)
{
  g_return_val_if_fail (MDG_IS_DECK (self), 0);
  return self->page_count;
}

/* Returns: (transfer none) (nullable): when the newest revision was imported */
GDateTime *
mdg_deck_get_updated_at (MdgDeck *self)
{
  g_return_val_if_fail (MDG_IS_DECK (self), NULL);
  return self->updated_at;
}

static void
mdg_deck_revision_finalize (GObject *object)
{
  MdgDeckRevision *self = (MdgDeckRevision *) object;

  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->change_note, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->original_sha256, g_free);
  g_clear_pointer (&self->original_type, g_free);

  G_OBJECT_CLASS (mdg_deck_revision_parent_class)->finalize (object);
}

static void
mdg_deck_revision_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MdgDeckRevision *self = MDG_DECK_REVISION (object);

  switch (prop_id)
    {
    case REVISION_PROP_NUMBER: g_value_set_uint (value, self->number); break;
    case REVISION_PROP_PAGE_COUNT: g_value_set_uint (value, self->page_count); break;
    case REVISION_PROP_CHANGE_NOTE: g_value_set_string (value, self->change_note); break;
    case REVISION_PROP_CREATED_AT: g_value_set_boxed (value, self->created_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_deck_revision_class_init (MdgDeckRevisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_deck_revision_finalize;
  object_class->get_property = mdg_deck_revision_get_property;

  revision_properties[REVISION_PROP_NUMBER] = g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0, ro);
  revision_properties[REVISION_PROP_PAGE_COUNT] = g_param_spec_uint ("page-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  revision_properties[REVISION_PROP_CHANGE_NOTE] = g_param_spec_string ("change-note", NULL, NULL, NULL, ro);
  revision_properties[REVISION_PROP_CREATED_AT] = g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, ro);
  g_object_class_install_properties (object_class, REVISION_N_PROPS, revision_properties);
}

static void
mdg_deck_revision_init (MdgDeckRevision *self)
{
}

MdgDeckRevision *
_mdg_deck_revision_new (const MdgDeckRevisionFields *fields)
{
  MdgDeckRevision *self = g_object_new (MDG_TYPE_DECK_REVISION, NULL);

  self->id = fields->id;
  self->deck_id = fields->deck_id;
  self->number = fields->number;
  self->sha256 = g_strdup (fields->sha256);
  self->page_count = fields->page_count;
  self->change_note = g_strdup (fields->change_note);
  self->created_at = fields->created_at ? g_date_time_ref (fields->created_at) : NULL;
  self->source_name = g_strdup (fields->source_name);
  self->original_sha256 = g_strdup (fields->original_sha256);
  self->original_type = g_strdup (fields->original_type);
  return self;
}

gint64
mdg_deck_revision_get_id (MdgDeckRevision *self)
{
  g_return_val_if_fail (MDG_IS_DECK_REVISION (self), 0);
  return self->id;
}

gint64
mdg_deck_revision_get_deck_id (MdgDeckRevision *self)
{
  g_return_val_if_fail (MDG_IS_DECK_REVISION (self), 0);
  return self->deck_id;
}

guint
mdg_deck_revision_get_number (MdgDeckRevision *self)
{
  g_return_val_if_fail (MDG_IS_DECK_REVISION (self), 0);
  return self->number;
}

/* The SHA-256 of the revision's PDF, in lower-case hex: its name in the data folder. */
const char *
mdg_deck_revision_get_sha256 (MdgDeckRevision *self)
{
  g_return_val_if_fail (MDG_IS_DECK_REVISION (self), NULL);
  return self->sha256;
}

guint
mdg_deck_revision_get_page_count (MdgDeckRevision *self)
{
  g_return_val_if_fail (MDG_IS_DECK_REVISION (self), 0);
  return self->page_count;
}

/* Returns: (nullable): what changed in this revision */
const char *
mdg_deck_revision_get_change_note (MdgDeckRevision *self)
{
  g_return_val_if_fail (MDG_IS_DECK_REVISION (self), NULL);
  return self->change_note;
}

/* Returns: (transfer none): when the revision was imported, in local time */
GDateTime *
mdg_deck_revision_get_created_at (MdgDeckRevision *self)
{
  g_return_val_if_fail (MDG_IS_DECK_REVISION (self), NULL);
  return self->created_at;
}

/* Returns: (nullable): the name of the file the user imported */
const char *
mdg_deck_revision_get_source_name (MdgDeckRevision *self)
{
  g_return_val_if_fail (MDG_IS_DECK_REVISION (self), NULL);
  return self->source_name;
}

/* Returns: (nullable): the SHA-256 of the PowerPoint or Impress file the PDF came from */
const char *
mdg_deck_revision_get_original_sha256 (MdgDeckRevision *self)
{
  g_return_val_if_fail (MDG_IS_DECK_REVISION (self), NULL);
  return self->original_sha256;
}

/* Returns: (nullable): the original's type: "pptx", "ppt" or "odp" */
const char *
mdg_deck_revision_get_original_type (MdgDeckRevision *self)
{
  g_return_val_if_fail (MDG_IS_DECK_REVISION (self), NULL);
  return self->original_type;
}
