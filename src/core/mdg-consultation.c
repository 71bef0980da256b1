/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-consultation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-calendar.h"
#include "mdg-category.h"
#include "mdg-consultation-private.h"
#include "mdg-enum-private.h"
#include "mdg-enums.h"
#include "mdg-error.h"
#include "mdg-util-private.h"

/*
 * A request for help (相談): received on a channel, from an organization and a person,
 * classified, answered at the first line or dispatched to a specialist. The state is
 * changed only through the store, which checks every transition against
 * mdg_consultation_state_after() and records it in the history.
 */

struct _MdgConsultation
{
  GObject               parent_instance;

  gint64                id;
  char                 *uuid;
  gboolean              loaded;
  char                 *text[MDG_CONSULTATION_N_TEXTS];
  MdgChannel            channel;
  GDateTime            *received_at;
  MdgUrgency            urgency;
  gboolean              sensitive;
  gint64                organization_id;
  gint64                person_id;
  gint64                seminar_id;
  gint64                registration_id;
  GArray               *category_ids;
  GPtrArray            *categories;    /* MdgCategory, as loaded */
  GDate                 due_date;
  MdgConsultationState  state;
  MdgTier               tier;
  gint64                assignee_id;
  gint64                referral_id;
  GDateTime            *answered_at;
  GDateTime            *closed_at;
};

G_DEFINE_FINAL_TYPE (MdgConsultation, mdg_consultation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LOADED,
  PROP_CHANNEL,
  PROP_RECEIVED_AT,
  PROP_URGENCY,
  PROP_SENSITIVE,
  PROP_STATE,
  PROP_TIER,
  PROP_DUE_DATE,
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + MDG_CONSULTATION_N_TEXTS
};

static GParamSpec *properties[N_PROPS];

static const char *text_names[] = {
  [MDG_CONSULTATION_SUBJECT] = "subject",
  [MDG_CONSULTATION_QUESTION] = "question",
  [MDG_CONSULTATION_ANSWER] = "answer",
  [MDG_CONSULTATION_ORGANIZATION] = "organization-name",
  [MDG_CONSULTATION_PERSON] = "person-name",
  [MDG_CONSULTATION_PERSON_EMAIL] = "person-email",
  [MDG_CONSULTATION_SEMINAR] = "seminar-title",
  [MDG_CONSULTATION_ASSIGNEE] = "assignee-name",
  [MDG_CONSULTATION_REFERRAL] = "referral-name",
};

G_STATIC_ASSERT (G_N_ELEMENTS (text_names) == MDG_CONSULTATION_N_TEXTS);

static const MdgEnumEntry channels[] = {
  [MDG_CHANNEL_PHONE] = { "phone", "channel", NC_("channel", "Phone") },
  [MDG_CHANNEL_WEB_FORM] = { "web-form", "channel", NC_("channel", "Web form") },
  [MDG_CHANNEL_EMAIL] = { "email", "channel", NC_("channel", "E-mail") },
  [MDG_CHANNEL_WALK_IN] = { "walk-in", "channel", NC_("channel", "Walk-in") },
  [MDG_CHANNEL_ON_SITE] = { "on-site", "channel", NC_("channel", "On site at a seminar") },
};

static const MdgEnumEntry states[] = {
  [MDG_CONSULTATION_STATE_NEW] = { "new", "consultation state", NC_("consultation state", "New") },
  [MDG_CONSULTATION_STATE_DISPATCHED] = { "dispatched", "consultation state", NC_("consultation state", "Dispatched") },
  [MDG_CONSULTATION_STATE_IN_PROGRESS] = { "in-progress", "consultation state", NC_("consultation state", "In progress") },
  [MDG_CONSULTATION_STATE_ANSWERED] = { "answered", "consultation state", NC_("consultation state", "Answered") },
  [MDG_CONSULTATION_STATE_CLOSED] = { "closed", "consultation state", NC_("consultation state", "Closed") },
};

static const MdgEnumEntry urgencies[] = {
  [MDG_URGENCY_LOW] = { "low", "urgency", NC_("urgency", "Low") },
  [MDG_URGENCY_NORMAL] = { "normal", "urgency", NC_("urgency", "Normal") },
  [MDG_URGENCY_HIGH] = { "high", "urgency", NC_("urgency", "High") },
  [MDG_URGENCY_URGENT] = { "urgent", "urgency", NC_("urgency", "Urgent") },
};

/* Business days to answer in, by urgency: the overdue queue is measured against it. */
static const guint response_days[] = {
  [MDG_URGENCY_LOW] = 5,
  [MDG_URGENCY_NORMAL] = 3,
  [MDG_URGENCY_HIGH] = 1,
  [MDG_URGENCY_URGENT] = 0,
};

static const MdgEnumEntry tiers[] = {
  [MDG_TIER_FIRST_LINE] = { "first-line", "tier", NC_("tier", "First line") },
  [MDG_TIER_SECOND_LINE] = { "second-line", "tier", NC_("tier", "Second line") },
};

static const MdgEnumEntry actions[] = {
  [MDG_CONSULTATION_ACTION_CREATED] = { "created", "consultation action", NC_("consultation action", "Received") },
  [MDG_CONSULTATION_ACTION_EDITED] = { "edited", "consultation action", NC_("consultation action", "Edited") },
  [MDG_CONSULTATION_ACTION_DISPATCHED] = { "dispatched", "consultation action", NC_("consultation action", "Dispatched") },
  [MDG_CONSULTATION_ACTION_STARTED] = { "started", "consultation action", NC_("consultation action", "Taken up") },
  [MDG_CONSULTATION_ACTION_ANSWERED] = { "answered", "consultation action", NC_("consultation action", "Answered") },
  [MDG_CONSULTATION_ACTION_CLOSED] = { "closed", "consultation action", NC_("consultation action", "Closed") },
  [MDG_CONSULTATION_ACTION_REOPENED] = { "reopened", "consultation action", NC_("consultation action", "Reopened") },
  [MDG_CONSULTATION_ACTION_REFERRED] = { "referred", "consultation action", NC_("consultation action", "Referred") },
  [MDG_CONSULTATION_ACTION_REPLIED] = { "replied", "consultation action", NC_("consultation action", "Reply written") },
};

#define ENUM_FUNCS(prefix, type, table)                                                    \
  const char *prefix##_to_string (type value)                                              \
  { return _mdg_enum_to_key (table, G_N_ELEMENTS (table), value); }                        \
  gboolean prefix##_from_string (const char *text, type *value)                            \
  { return _mdg_enum_from_key (table, G_N_ELEMENTS (table), text, (int *) value); }        \
  const char *prefix##_get_label (type value)                                              \
  { return _mdg_enum_get_label (table, G_N_ELEMENTS (table), value); }

ENUM_FUNCS (mdg_channel, MdgChannel, channels)
ENUM_FUNCS (mdg_consultation_state, MdgConsultationState, states)
ENUM_FUNCS (mdg_urgency, MdgUrgency, urgencies)
ENUM_FUNCS (mdg_tier, MdgTier, tiers)
ENUM_FUNCS (mdg_consultation_action, MdgConsultationAction, actions)

/* Returns: (transfer full): "phone|web-form|…", for usage messages */
char *
mdg_channel_list_keys (void)
{
  return _mdg_enum_list_keys (channels, G_N_ELEMENTS (channels));
}

char *
mdg_consultation_state_list_keys (void)
{
  return _mdg_enum_list_keys (states, G_N_ELEMENTS (states));
}

/* Returns: how many business days a consultation of @urgency is to be answered in */
guint
mdg_urgency_get_response_days (MdgUrgency urgency)
{
  g_return_val_if_fail (urgency <= MDG_URGENCY_URGENT, 3);
  return response_days[urgency];
}

/**
 * mdg_consultation_state_after:
 * @from: the state now
 * @action: what is done
 * @tier: the consultation's tier (a reopened second-line consultation goes back to
 *   its specialist)
 * @to: (out): the state after
 * @error: a location for a #GError saying why @action is not possible now
 *
 * The workflow: new → answered | dispatched → in progress → answered → closed, and
 * reopen. A dispatched consultation may be dispatched again (to someone else) until
 * it is answered; a closed one is only reopened. Editing, referring and writing a
 * reply do not change the state.
 *
 * Returns: whether @action may be done in state @from
 */
gboolean
mdg_consultation_state_after (MdgConsultationState   from,
                              MdgConsultationAction  action,
                              MdgTier                tier,
                              MdgConsultationState  *to,
                              GError               **error)
{
  const char *why = NULL;

  *to = from;
  switch (action)
    {
    case MDG_CONSULTATION_ACTION_CREATED:
      why = _("it has already been received");
      break;

    case MDG_CONSULTATION_ACTION_EDITED:
    case MDG_CONSULTATION_ACTION_REFERRED:
      if (from == MDG_CONSULTATION_STATE_CLOSED)
        why = _("it is closed; reopen it to change it");
      break;

    case MDG_CONSULTATION_ACTION_REPLIED:
      break;

    case MDG_CONSULTATION_ACTION_DISPATCHED:
      if (from == MDG_CONSULTATION_STATE_ANSWERED || from == MDG_CONSULTATION_STATE_CLOSED)
        why = _("it has been answered; reopen it before dispatching it again");
      else
        *to = MDG_CONSULTATION_STATE_DISPATCHED;
      break;

    case MDG_CONSULTATION_ACTION_STARTED:
      if (from != MDG_CONSULTATION_STATE_DISPATCHED)
        why = _("only a dispatched consultation is taken up");
      else
        *to = MDG_CONSULTATION_STATE_IN_PROGRESS;
      break;

    case MDG_CONSULTATION_ACTION_ANSWERED:
      if (from == MDG_CONSULTATION_STATE_DISPATCHED)
        why = _("it is dispatched; the specialist takes it up before answering");
      else if (from == MDG_CONSULTATION_STATE_ANSWERED || from == MDG_CONSULTATION_STATE_CLOSED)
        why = _("it has already been answered; reopen it to answer again");
      else
        *to = MDG_CONSULTATION_STATE_ANSWERED;
      break;

    case MDG_CONSULTATION_ACTION_CLOSED:
      if (from != MDG_CONSULTATION_STATE_ANSWERED)
        why = from == MDG_CONSULTATION_STATE_CLOSED ? _("it is already closed")
                                                    : _("it has not been answered yet; answer it before closing it");
      else
        *to = MDG_CONSULTATION_STATE_CLOSED;
      break;

    case MDG_CONSULTATION_ACTION_REOPENED:
      if (from != MDG_CONSULTATION_STATE_ANSWERED && from != MDG_CONSULTATION_STATE_CLOSED)
        why = _("it is still open; only answered or closed consultations are reopened");
      else
        *to = tier == MDG_TIER_SECOND_LINE ? MDG_CONSULTATION_STATE_IN_PROGRESS : MDG_CONSULTATION_STATE_NEW;
      break;

    default:
      g_return_val_if_reached (FALSE);
    }

  if (why != NULL)
    {
      /* Translators: the first %s is an action ("Closed"), the second a state ("New"),
       * the third why the action cannot be done */
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID, _("Cannot do “%s” while the consultation is “%s”: %s"),
                   mdg_consultation_action_get_label (action), mdg_consultation_state_get_label (from), why);
      return FALSE;
    }
  return TRUE;
}

static void
mdg_consultation_finalize (GObject *object)
{
  MdgConsultation *self = (MdgConsultation *) object;

  for (guint i = 0; i < MDG_CONSULTATION_N_TEXTS; i++)
    g_free (self->text[i]);
  g_free (self->uuid);
  g_clear_pointer (&self->received_at, g_date_time_unref);
  g_clear_pointer (&self->answered_at, g_date_time_unref);
  g_clear_pointer (&self->closed_at, g_date_time_unref);
  g_clear_pointer (&self->category_ids, g_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);

  G_OBJECT_CLASS (mdg_consultation_parent_class)->finalize (object);
}

static void
mdg_consultation_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MdgConsultation *self = MDG_CONSULTATION (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
    {
      g_value_set_string (value, self->text[prop_id - PROP_FIRST_TEXT]);
      return;
    }

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_LOADED: g_value_set_boolean (value, self->loaded); break;
    case PROP_CHANNEL: g_value_set_enum (value, self->channel); break;
    case PROP_RECEIVED_AT: g_value_set_boxed (value, self->received_at); break;
    case PROP_URGENCY: g_value_set_enum (value, self->urgency); break;
    case PROP_SENSITIVE: g_value_set_boolean (value, self->sensitive); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_TIER: g_value_set_enum (value, self->tier); break;
    case PROP_DUE_DATE:
      g_value_take_string (value, g_date_valid (&self->due_date) ? mdg_date_to_iso (&self->due_date) : NULL);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_consultation_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MdgConsultation *self = MDG_CONSULTATION (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
    {
      mdg_consultation_set_text (self, prop_id - PROP_FIRST_TEXT, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_CHANNEL: mdg_consultation_set_channel (self, g_value_get_enum (value)); break;
    case PROP_RECEIVED_AT: mdg_consultation_set_received_at (self, g_value_get_boxed (value)); break;
    case PROP_URGENCY: mdg_consultation_set_urgency (self, g_value_get_enum (value)); break;
    case PROP_SENSITIVE: mdg_consultation_set_sensitive (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_consultation_class_init (MdgConsultationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = mdg_consultation_finalize;
  object_class->get_property = mdg_consultation_get_property;
  object_class->set_property = mdg_consultation_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /* FALSE while a list model is still reading the row behind a placeholder. */
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, TRUE, ro);
  properties[PROP_CHANNEL] = g_param_spec_enum ("channel", NULL, NULL, MDG_TYPE_CHANNEL, MDG_CHANNEL_PHONE, rw);
  properties[PROP_RECEIVED_AT] = g_param_spec_boxed ("received-at", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_URGENCY] = g_param_spec_enum ("urgency", NULL, NULL, MDG_TYPE_URGENCY, MDG_URGENCY_NORMAL, rw);
  properties[PROP_SENSITIVE] = g_param_spec_boolean ("sensitive", NULL, NULL, FALSE, rw);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, MDG_TYPE_CONSULTATION_STATE,
                                              MDG_CONSULTATION_STATE_NEW, ro);
  properties[PROP_TIER] = g_param_spec_enum ("tier", NULL, NULL, MDG_TYPE_TIER, MDG_TIER_FIRST_LINE, ro);
  properties[PROP_DUE_DATE] = g_param_spec_string ("due-date", NULL, NULL, NULL, ro);
  for (guint i = 0; i < MDG_CONSULTATION_N_TEXTS; i++)
    properties[PROP_FIRST_TEXT + i] =
      g_param_spec_string (text_names[i], NULL, NULL, NULL,
                           i <= MDG_CONSULTATION_ORGANIZATION ? rw : ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_consultation_init (MdgConsultation *self)
{
  self->loaded = TRUE;
  self->urgency = MDG_URGENCY_NORMAL;
  self->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_category_unref);
  g_date_clear (&self->due_date, 1);
}

/**
 * mdg_consultation_new:
 * @channel: how it was received
 *
 * Returns: (transfer full): a new consultation, received now, not yet saved
 */
MdgConsultation *
mdg_consultation_new (MdgChannel channel)
{
  MdgConsultation *self = g_object_new (MDG_TYPE_CONSULTATION, NULL);

  self->channel = channel;
  self->received_at = g_date_time_new_now_local ();
  return self;
}

/* A row a list model shows before its data is read: only the id is known. */
MdgConsultation *
_mdg_consultation_new_placeholder (gint64 id)
{
  MdgConsultation *self = g_object_new (MDG_TYPE_CONSULTATION, NULL);

  self->id = id;
  self->loaded = FALSE;
  return self;
}

gint64
mdg_consultation_get_id (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), 0);
  return self->id;
}

const char *
mdg_consultation_get_uuid (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), NULL);
  return self->uuid;
}

gboolean
mdg_consultation_get_loaded (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), FALSE);
  return self->loaded;
}

const char *
mdg_consultation_get_text (MdgConsultation     *self,
                           MdgConsultationText  text)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), NULL);
  g_return_val_if_fail (text < MDG_CONSULTATION_N_TEXTS, NULL);
  return self->text[text];
}

/* Sets a text, trimmed; blank is unset. Subject and question keep inner line breaks. */
void
mdg_consultation_set_text (MdgConsultation     *self,
                           MdgConsultationText  text,
                           const char          *value)
{
  g_return_if_fail (MDG_IS_CONSULTATION (self));
  g_return_if_fail (text < MDG_CONSULTATION_N_TEXTS);

  if (_mdg_set_text (&self->text[text], value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + text]);
}

MdgChannel
mdg_consultation_get_channel (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), MDG_CHANNEL_PHONE);
  return self->channel;
}

void
mdg_consultation_set_channel (MdgConsultation *self,
                              MdgChannel       channel)
{
  g_return_if_fail (MDG_IS_CONSULTATION (self));
  if (self->channel == channel)
    return;
  self->channel = channel;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

GDateTime *
mdg_consultation_get_received_at (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), NULL);
  return self->received_at;
}

void
mdg_consultation_set_received_at (MdgConsultation *self,
                                  GDateTime       *received_at)
{
  g_return_if_fail (MDG_IS_CONSULTATION (self));
  if (_mdg_set_date_time (&self->received_at, received_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVED_AT]);
}

MdgUrgency
mdg_consultation_get_urgency (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), MDG_URGENCY_NORMAL);
  return self->urgency;
}

void
mdg_consultation_set_urgency (MdgConsultation *self,
                              MdgUrgency       urgency)
{
  g_return_if_fail (MDG_IS_CONSULTATION (self));
  if (self->urgency == urgency)
    return;
  self->urgency = urgency;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URGENCY]);
}

gboolean
mdg_consultation_get_sensitive (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), FALSE);
  return self->sensitive;
}

/* A sensitive consultation (a named victim, a police matter) is marked on every export. */
void
mdg_consultation_set_sensitive (MdgConsultation *self,
                                gboolean         sensitive)
{
  g_return_if_fail (MDG_IS_CONSULTATION (self));
  if (self->sensitive == !!sensitive)
    return;
  self->sensitive = !!sensitive;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENSITIVE]);
}

#define ID_ACCESSORS(field)                                                \
  gint64 mdg_consultation_get_##field (MdgConsultation *self)              \
  {                                                                        \
    g_return_val_if_fail (MDG_IS_CONSULTATION (self), 0);                  \
    return self->field;                                                    \
  }                                                                        \
  void mdg_consultation_set_##field (MdgConsultation *self, gint64 value)  \
  {                                                                        \
    g_return_if_fail (MDG_IS_CONSULTATION (self));                         \
    self->field = MAX (value, 0);                                          \
  }

ID_ACCESSORS (organization_id)
ID_ACCESSORS (person_id)
ID_ACCESSORS (seminar_id)
ID_ACCESSORS (registration_id)

/* Returns: (transfer none) (element-type gint64): the ids of its categories */
GArray *
mdg_consultation_get_category_ids (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), NULL);
  return self->category_ids;
}

/* @category_ids: (element-type gint64) (nullable): the categories that apply; copied */
void
mdg_consultation_set_category_ids (MdgConsultation *self,
                                   GArray          *category_ids)
{
  g_return_if_fail (MDG_IS_CONSULTATION (self));

  g_array_set_size (self->category_ids, 0);
  if (category_ids != NULL)
    g_array_append_vals (self->category_ids, category_ids->data, category_ids->len);
}

/* Returns: (transfer none) (element-type MdgCategory): the categories, as last loaded */
GPtrArray *
mdg_consultation_get_categories (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), NULL);
  return self->categories;
}

void
_mdg_consultation_set_categories (MdgConsultation *self,
                                  GPtrArray       *categories)
{
  g_ptr_array_set_size (self->categories, 0);
  g_array_set_size (self->category_ids, 0);
  for (guint i = 0; categories && i < categories->len; i++)
    {
      MdgCategory *category = g_ptr_array_index (categories, i);

      g_ptr_array_add (self->categories, mdg_category_ref (category));
      g_array_append_val (self->category_ids, category->id);
    }
}

/**
 * mdg_consultation_dup_categories_text:
 * @self: a #MdgConsultation
 * @scheme: (nullable): only categories of this scheme (kind, threat, guidebook)
 *
 * Returns: (transfer full): the names of its categories, in the interface's language
 */
char *
mdg_consultation_dup_categories_text (MdgConsultation *self,
                                      const char      *scheme)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_return_val_if_fail (MDG_IS_CONSULTATION (self), NULL);

  for (guint i = 0; i < self->categories->len; i++)
    {
      MdgCategory *category = g_ptr_array_index (self->categories, i);

      if (scheme == NULL || g_strcmp0 (category->scheme, scheme) == 0)
        g_strv_builder_add (names, mdg_category_get_name (category));
    }
  strv = g_strv_builder_end (names);
  return g_strjoinv (C_("list separator", ", "), strv);
}

/* Returns: (nullable): the day the answer is due; invalid when none is set */
const GDate *
mdg_consultation_get_due_date (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), NULL);
  return &self->due_date;
}

/* @due_date: (nullable): the day the answer is due; %NULL to have it computed from the urgency */
void
mdg_consultation_set_due_date (MdgConsultation *self,
                               const GDate     *due_date)
{
  g_return_if_fail (MDG_IS_CONSULTATION (self));

  if (due_date != NULL && g_date_valid (due_date))
    {
      if (g_date_valid (&self->due_date) && g_date_compare (&self->due_date, due_date) == 0)
        return;
      self->due_date = *due_date;
    }
  else
    {
      if (!g_date_valid (&self->due_date))
        return;
      g_date_clear (&self->due_date, 1);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_DATE]);
}

MdgConsultationState
mdg_consultation_get_state (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), MDG_CONSULTATION_STATE_NEW);
  return self->state;
}

MdgTier
mdg_consultation_get_tier (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), MDG_TIER_FIRST_LINE);
  return self->tier;
}

gint64
mdg_consultation_get_assignee_id (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), 0);
  return self->assignee_id;
}

gint64
mdg_consultation_get_referral_id (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), 0);
  return self->referral_id;
}

/* Returns: (nullable): when it was first answered */
GDateTime *
mdg_consultation_get_answered_at (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), NULL);
  return self->answered_at;
}

/* Returns: (nullable): when it was closed, while it is */
GDateTime *
mdg_consultation_get_closed_at (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), NULL);
  return self->closed_at;
}

/* Whether someone still has to answer it. */
gboolean
mdg_consultation_is_open (MdgConsultation *self)
{
  g_return_val_if_fail (MDG_IS_CONSULTATION (self), FALSE);
  return self->state < MDG_CONSULTATION_STATE_ANSWERED;
}

/* Whether it is open past its due date (@today: %NULL for today). */
gboolean
mdg_consultation_is_overdue (MdgConsultation *self,
                             const GDate     *today)
{
  GDate now;

  g_return_val_if_fail (MDG_IS_CONSULTATION (self), FALSE);

  if (today == NULL)
    {
      mdg_date_set_today (&now);
      today = &now;
    }
  return mdg_consultation_is_open (self) && g_date_valid (&self->due_date) &&
         g_date_compare (&self->due_date, today) < 0;
}

void
_mdg_consultation_set_standing (MdgConsultation               *self,
                                const MdgConsultationStanding *standing)
{
  self->id = standing->id;
  if (g_strcmp0 (self->uuid, standing->uuid) != 0)
    {
      g_free (self->uuid);
      self->uuid = g_strdup (standing->uuid);
    }
  if (self->state != standing->state)
    {
      self->state = standing->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (self->tier != standing->tier)
    {
      self->tier = standing->tier;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIER]);
    }
  self->assignee_id = standing->assignee_id;
  self->referral_id = standing->referral_id;
  _mdg_set_date_time (&self->answered_at, standing->answered_at);
  _mdg_set_date_time (&self->closed_at, standing->closed_at);
}

/*
 * Copies everything from @loaded into @self, notifying what changed: a list model
 * fills its placeholders this way, and a saved consultation takes the names the
 * database gave it, so that rows bound to @self update in place.
 */
void
_mdg_consultation_update_from (MdgConsultation *self,
                               MdgConsultation *loaded)
{
  MdgConsultationStanding standing = {
    loaded->id, loaded->uuid, loaded->state, loaded->tier, loaded->assignee_id, loaded->referral_id,
    loaded->answered_at, loaded->closed_at,
  };

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 0; i < MDG_CONSULTATION_N_TEXTS; i++)
    mdg_consultation_set_text (self, i, loaded->text[i]);
  mdg_consultation_set_channel (self, loaded->channel);
  mdg_consultation_set_received_at (self, loaded->received_at);
  mdg_consultation_set_urgency (self, loaded->urgency);
  mdg_consultation_set_sensitive (self, loaded->sensitive);
  mdg_consultation_set_due_date (self, &loaded->due_date);
  self->organization_id = loaded->organization_id;
  self->person_id = loaded->person_id;
  self->seminar_id = loaded->seminar_id;
  self->registration_id = loaded->registration_id;
  _mdg_consultation_set_categories (self, loaded->categories);
  _mdg_consultation_set_standing (self, &standing);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
