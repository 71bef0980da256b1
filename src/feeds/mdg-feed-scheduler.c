/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-feed-scheduler"

#include "config.h"

#include "mdg-feed-scheduler.h"
#include "mdg-feed-store.h"

/*
 * When feeds are fetched: on demand (fetch_now), and on the interval the user set —
 * never at start-up unless the user agreed to it (mdg_feed_settings_get_fetch_at_start),
 * because the desk's laptops are often at venues with no network or a metered one.
 * The window owns one scheduler, starts it, and calls reload_settings after Preferences.
 */

struct _MdgFeedScheduler
{
  GObject         parent_instance;

  MdgDatabase    *db;
  MdgFeedFetcher *fetcher;
  GCancellable   *cancellable;
  GPtrArray      *last_results;
  guint           interval;      /* seconds; 0 for on demand only */
  guint           timer_id;
  gboolean        started;
};

G_DEFINE_FINAL_TYPE (MdgFeedScheduler, mdg_feed_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_INTERVAL,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule (MdgFeedScheduler *self);

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MdgFeedScheduler) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = mdg_feed_fetcher_fetch_finish (MDG_FEED_FETCHER (object), result, &error);
  if (results == NULL)
    g_warning ("Could not fetch the feeds: %s", error->message);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_results, g_ptr_array_unref);
  self->last_results = results ? g_ptr_array_ref (results) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_signal_emit (self, signals[FINISHED], 0, results);
}

static gboolean
timer_cb (gpointer user_data)
{
  MdgFeedScheduler *self = user_data;

  self->timer_id = 0;
  mdg_feed_scheduler_fetch_now (self, 0);
  schedule (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (MdgFeedScheduler *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->started && self->interval > 0)
    self->timer_id = g_timeout_add_seconds (self->interval, timer_cb, self);
}

static void
mdg_feed_scheduler_dispose (GObject *object)
{
  MdgFeedScheduler *self = (MdgFeedScheduler *) object;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->db);
  g_clear_pointer (&self->last_results, g_ptr_array_unref);

  G_OBJECT_CLASS (mdg_feed_scheduler_parent_class)->dispose (object);
}

static void
mdg_feed_scheduler_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MdgFeedScheduler *self = MDG_FEED_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_BUSY: g_value_set_boolean (value, mdg_feed_scheduler_get_busy (self)); break;
    case PROP_INTERVAL: g_value_set_uint (value, self->interval); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_feed_scheduler_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MdgFeedScheduler *self = MDG_FEED_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_INTERVAL: mdg_feed_scheduler_set_interval (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_feed_scheduler_class_init (MdgFeedSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdg_feed_scheduler_dispose;
  object_class->get_property = mdg_feed_scheduler_get_property;
  object_class->set_property = mdg_feed_scheduler_set_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MdgFeedScheduler::finished:
   * @results: (nullable) (element-type MdgFeedFetchResult): one result per source, or
   *   %NULL when nothing could be fetched
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
mdg_feed_scheduler_init (MdgFeedScheduler *self)
{
}

/* Returns: (transfer full): a scheduler, not started */
MdgFeedScheduler *
mdg_feed_scheduler_new (MdgDatabase    *db,
                        MdgFeedFetcher *fetcher)
{
  MdgFeedScheduler *self;

  g_return_val_if_fail (MDG_IS_DATABASE (db), NULL);
  g_return_val_if_fail (MDG_IS_FEED_FETCHER (fetcher), NULL);

  self = g_object_new (MDG_TYPE_FEED_SCHEDULER, NULL);
  self->db = g_object_ref (db);
  self->fetcher = g_object_ref (fetcher);
  return self;
}

/**
 * mdg_feed_scheduler_start:
 * @self: a #MdgFeedScheduler
 *
 * Reads the settings; fetches at once only when the user agreed to fetch at start-up,
 * and from then on at the interval set (none by default).
 */
void
mdg_feed_scheduler_start (MdgFeedScheduler *self)
{
  g_return_if_fail (MDG_IS_FEED_SCHEDULER (self));

  if (self->started)
    return;
  self->started = TRUE;
  mdg_feed_scheduler_reload_settings (self);
  if (mdg_feed_settings_get_fetch_at_start (self->db))
    mdg_feed_scheduler_fetch_now (self, 0);
}

/* Stops the timer and cancels a fetch under way. */
void
mdg_feed_scheduler_stop (MdgFeedScheduler *self)
{
  g_return_if_fail (MDG_IS_FEED_SCHEDULER (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  mdg_feed_scheduler_cancel (self);
}

/* Takes the interval from the settings again (after Preferences changed it). */
void
mdg_feed_scheduler_reload_settings (MdgFeedScheduler *self)
{
  g_return_if_fail (MDG_IS_FEED_SCHEDULER (self));

  mdg_feed_scheduler_set_interval (self, mdg_feed_settings_get_interval (self->db) * 60);
}

/**
 * mdg_feed_scheduler_fetch_now:
 * @self: a #MdgFeedScheduler
 * @source_id: one source, or 0 for every enabled one
 *
 * Returns: %FALSE when a fetch is already under way (nothing new starts)
 */
gboolean
mdg_feed_scheduler_fetch_now (MdgFeedScheduler *self,
                              gint64            source_id)
{
  g_return_val_if_fail (MDG_IS_FEED_SCHEDULER (self), FALSE);

  if (self->cancellable != NULL)
    return FALSE;

  self->cancellable = g_cancellable_new ();
  mdg_feed_fetcher_fetch_async (self->fetcher, self->db, source_id, self->cancellable, fetched_cb,
                                g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return TRUE;
}

void
mdg_feed_scheduler_cancel (MdgFeedScheduler *self)
{
  g_return_if_fail (MDG_IS_FEED_SCHEDULER (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
mdg_feed_scheduler_get_busy (MdgFeedScheduler *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SCHEDULER (self), FALSE);
  return self->cancellable != NULL;
}

/* Returns: seconds between automatic fetches; 0 for on demand only */
guint
mdg_feed_scheduler_get_interval (MdgFeedScheduler *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SCHEDULER (self), 0);
  return self->interval;
}

/* Overrides the interval (in seconds) until the settings are reloaded. */
void
mdg_feed_scheduler_set_interval (MdgFeedScheduler *self,
                                 guint             seconds)
{
  g_return_if_fail (MDG_IS_FEED_SCHEDULER (self));

  if (self->interval != seconds)
    {
      self->interval = seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
    }
  schedule (self);
}

/* Returns: (transfer none) (nullable) (element-type MdgFeedFetchResult): the last fetch's results */
GPtrArray *
mdg_feed_scheduler_get_last_results (MdgFeedScheduler *self)
{
  g_return_val_if_fail (MDG_IS_FEED_SCHEDULER (self), NULL);
  return self->last_results;
}
