/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-presenter"

#include "config.h"

#include "mdg-presenter.h"

/*
 * The state of a presentation, and nothing else: which slide is shown, whether the
 * screen is blacked out, whether the overview is open, the number being typed, and
 * the time against the slot's length. The audience window and the presenter console
 * only observe it (as pdfpc's presentation controller); keys become commands here, so
 * every window behaves the same and the rules are tested without a display.
 *
 * The timer starts when the presenter first moves on from the opening slide (or when
 * asked), so setting up before the talk costs no time.
 */

struct _MdgPresenter
{
  GObject            parent_instance;

  guint              n_slides;
  guint              slide;
  guint              overview_slide;
  gboolean           blacked_out;
  gboolean           overview;
  GString           *typed;

  guint              duration;
  gint64             started_at;    /* 0 until the timer runs */
  guint              elapsed;       /* the last whole second notified */
  MdgPresenterTimeState time_state;
  guint              tick_id;
  MdgPresenterClock  clock;
  gpointer           clock_data;
};

G_DEFINE_FINAL_TYPE (MdgPresenter, mdg_presenter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_SLIDES,
  PROP_SLIDE,
  PROP_BLACKED_OUT,
  PROP_OVERVIEW,
  PROP_OVERVIEW_SLIDE,
  PROP_TYPED_NUMBER,
  PROP_DURATION,
  PROP_TIMER_RUNNING,
  PROP_ELAPSED,
  PROP_TIME_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LEAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
monotonic_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static void
set_typed (MdgPresenter *self,
           const char   *text)
{
  if (g_strcmp0 (self->typed->str, text) == 0)
    return;
  g_string_assign (self->typed, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPED_NUMBER]);
}

static gboolean
tick_cb (gpointer user_data)
{
  mdg_presenter_update_time (user_data);
  return G_SOURCE_CONTINUE;
}

static void
mdg_presenter_dispose (GObject *object)
{
  MdgPresenter *self = (MdgPresenter *) object;

  g_clear_handle_id (&self->tick_id, g_source_remove);

  G_OBJECT_CLASS (mdg_presenter_parent_class)->dispose (object);
}

static void
mdg_presenter_finalize (GObject *object)
{
  MdgPresenter *self = (MdgPresenter *) object;

  g_string_free (self->typed, TRUE);

  G_OBJECT_CLASS (mdg_presenter_parent_class)->finalize (object);
}

static void
mdg_presenter_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MdgPresenter *self = MDG_PRESENTER (object);

  switch (prop_id)
    {
    case PROP_N_SLIDES: g_value_set_uint (value, self->n_slides); break;
    case PROP_SLIDE: g_value_set_uint (value, self->slide); break;
    case PROP_BLACKED_OUT: g_value_set_boolean (value, self->blacked_out); break;
    case PROP_OVERVIEW: g_value_set_boolean (value, self->overview); break;
    case PROP_OVERVIEW_SLIDE: g_value_set_uint (value, self->overview_slide); break;
    case PROP_TYPED_NUMBER: g_value_set_string (value, self->typed->str); break;
    case PROP_DURATION: g_value_set_uint (value, self->duration); break;
    case PROP_TIMER_RUNNING: g_value_set_boolean (value, self->started_at != 0); break;
    case PROP_ELAPSED: g_value_set_uint (value, mdg_presenter_get_elapsed (self)); break;
    case PROP_TIME_STATE: g_value_set_int (value, self->time_state); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_presenter_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MdgPresenter *self = MDG_PRESENTER (object);

  switch (prop_id)
    {
    case PROP_N_SLIDES: self->n_slides = MAX (1, g_value_get_uint (value)); break;
    case PROP_SLIDE: mdg_presenter_set_slide (self, g_value_get_uint (value)); break;
    case PROP_BLACKED_OUT: mdg_presenter_set_blacked_out (self, g_value_get_boolean (value)); break;
    case PROP_OVERVIEW: mdg_presenter_set_overview (self, g_value_get_boolean (value)); break;
    case PROP_OVERVIEW_SLIDE: mdg_presenter_set_overview_slide (self, g_value_get_uint (value)); break;
    case PROP_DURATION: mdg_presenter_set_duration (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_presenter_class_init (MdgPresenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = mdg_presenter_dispose;
  object_class->finalize = mdg_presenter_finalize;
  object_class->get_property = mdg_presenter_get_property;
  object_class->set_property = mdg_presenter_set_property;

  properties[PROP_N_SLIDES] = g_param_spec_uint ("n-slides", NULL, NULL, 1, G_MAXUINT, 1,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SLIDE] = g_param_spec_uint ("slide", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_BLACKED_OUT] = g_param_spec_boolean ("blacked-out", NULL, NULL, FALSE, rw);
  properties[PROP_OVERVIEW] = g_param_spec_boolean ("overview", NULL, NULL, FALSE, rw);
  properties[PROP_OVERVIEW_SLIDE] = g_param_spec_uint ("overview-slide", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_TYPED_NUMBER] = g_param_spec_string ("typed-number", NULL, NULL, "", ro);
  properties[PROP_DURATION] = g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_TIMER_RUNNING] = g_param_spec_boolean ("timer-running", NULL, NULL, FALSE, ro);
  properties[PROP_ELAPSED] = g_param_spec_uint ("elapsed", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_TIME_STATE] = g_param_spec_int ("time-state", NULL, NULL, MDG_PRESENTER_TIME_NORMAL,
                                                  MDG_PRESENTER_TIME_OVERTIME, MDG_PRESENTER_TIME_NORMAL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MdgPresenter::leave:
   *
   * The presenter asked to end the presentation (Esc).
   */
  signals[LEAVE] = g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
}

static void
mdg_presenter_init (MdgPresenter *self)
{
  self->n_slides = 1;
  self->typed = g_string_new (NULL);
  self->clock = monotonic_clock;
}

/* Returns: (transfer full): the state of a presentation of @n_slides slides */
MdgPresenter *
mdg_presenter_new (guint n_slides)
{
  return g_object_new (MDG_TYPE_PRESENTER, "n-slides", MAX (n_slides, 1), NULL);
}

/* Replaces the clock (microseconds, monotonic); for tests. */
void
mdg_presenter_set_clock (MdgPresenter      *self,
                         MdgPresenterClock  clock,
                         gpointer           user_data)
{
  g_return_if_fail (MDG_IS_PRESENTER (self));

  self->clock = clock ? clock : monotonic_clock;
  self->clock_data = user_data;
}

guint
mdg_presenter_get_n_slides (MdgPresenter *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER (self), 0);
  return self->n_slides;
}

/* The slide the audience sees, counting from 0. */
guint
mdg_presenter_get_slide (MdgPresenter *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER (self), 0);
  return self->slide;
}

void
mdg_presenter_set_slide (MdgPresenter *self,
                         guint         slide)
{
  g_return_if_fail (MDG_IS_PRESENTER (self));

  slide = MIN (slide, self->n_slides - 1);
  if (slide == self->slide)
    return;
  /* Moving on from the opening slide starts the clock of the talk. */
  if (self->started_at == 0)
    mdg_presenter_start_timer (self);
  self->slide = slide;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
}

gboolean
mdg_presenter_get_blacked_out (MdgPresenter *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER (self), FALSE);
  return self->blacked_out;
}

void
mdg_presenter_set_blacked_out (MdgPresenter *self,
                               gboolean      blacked_out)
{
  g_return_if_fail (MDG_IS_PRESENTER (self));

  blacked_out = !!blacked_out;
  if (blacked_out == self->blacked_out)
    return;
  self->blacked_out = blacked_out;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLACKED_OUT]);
}

/* Whether the presenter sees the grid of every slide (the audience does not). */
gboolean
mdg_presenter_get_overview (MdgPresenter *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER (self), FALSE);
  return self->overview;
}

void
mdg_presenter_set_overview (MdgPresenter *self,
                            gboolean      overview)
{
  g_return_if_fail (MDG_IS_PRESENTER (self));

  overview = !!overview;
  if (overview == self->overview)
    return;
  self->overview = overview;
  if (overview)
    mdg_presenter_set_overview_slide (self, self->slide);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERVIEW]);
}

/* The slide highlighted in the overview, counting from 0. */
guint
mdg_presenter_get_overview_slide (MdgPresenter *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER (self), 0);
  return self->overview_slide;
}

void
mdg_presenter_set_overview_slide (MdgPresenter *self,
                                  guint         slide)
{
  g_return_if_fail (MDG_IS_PRESENTER (self));

  slide = MIN (slide, self->n_slides - 1);
  if (slide == self->overview_slide)
    return;
  self->overview_slide = slide;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERVIEW_SLIDE]);
}

/* The digits typed so far for a jump ("12" before Enter); "" when none. */
const char *
mdg_presenter_get_typed_number (MdgPresenter *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER (self), NULL);
  return self->typed->str;
}

/* A digit key: the start (or more) of a slide number to jump to with Enter. */
void
mdg_presenter_type_digit (MdgPresenter *self,
                          guint         digit)
{
  g_autofree char *typed = NULL;

  g_return_if_fail (MDG_IS_PRESENTER (self));
  g_return_if_fail (digit <= 9);

  /* More digits than any deck has slides is a slip of the finger: start again. */
  if (self->typed->len >= 5 || (self->typed->len == 0 && digit == 0))
    typed = digit ? g_strdup_printf ("%u", digit) : g_strdup ("");
  else
    typed = g_strdup_printf ("%s%u", self->typed->str, digit);
  set_typed (self, typed);
}

static void
move (MdgPresenter *self,
      int           delta)
{
  guint from = self->overview ? self->overview_slide : self->slide;
  guint to = delta < 0 ? (from >= (guint) -delta ? from + delta : 0) : MIN (from + delta, self->n_slides - 1);

  if (self->overview)
    mdg_presenter_set_overview_slide (self, to);
  else
    mdg_presenter_set_slide (self, to);
}

/**
 * mdg_presenter_command:
 * @self: a #MdgPresenter
 * @command: what the key asks for
 *
 * Applies a key press. In the overview, moving changes the highlighted slide and
 * Enter shows it; a typed number followed by Enter jumps to that slide (numbers
 * count from 1); any other command forgets the number typed.
 */
void
mdg_presenter_command (MdgPresenter        *self,
                       MdgPresenterCommand  command)
{
  guint typed;

  g_return_if_fail (MDG_IS_PRESENTER (self));

  typed = self->typed->len ? (guint) g_ascii_strtoull (self->typed->str, NULL, 10) : 0;
  set_typed (self, "");

  switch (command)
    {
    case MDG_PRESENTER_NEXT:
      move (self, 1);
      break;
    case MDG_PRESENTER_PREVIOUS:
      move (self, -1);
      break;
    case MDG_PRESENTER_FIRST:
      move (self, -(int) self->n_slides);
      break;
    case MDG_PRESENTER_LAST:
      move (self, self->n_slides);
      break;
    case MDG_PRESENTER_ENTER:
      if (typed > 0)
        {
          mdg_presenter_set_slide (self, MIN (typed, self->n_slides) - 1);
          mdg_presenter_set_overview (self, FALSE);
        }
      else if (self->overview)
        {
          mdg_presenter_set_slide (self, self->overview_slide);
          mdg_presenter_set_overview (self, FALSE);
        }
      else
        move (self, 1);
      break;
    case MDG_PRESENTER_TOGGLE_OVERVIEW:
      mdg_presenter_set_overview (self, !self->overview);
      break;
    case MDG_PRESENTER_TOGGLE_BLACK_OUT:
      mdg_presenter_set_blacked_out (self, !self->blacked_out);
      break;
    case MDG_PRESENTER_LEAVE:
      /* Esc closes the overview first; from the slides, it ends the presentation. */
      if (self->overview)
        mdg_presenter_set_overview (self, FALSE);
      else
        g_signal_emit (self, signals[LEAVE], 0);
      break;
    default:
      g_return_if_reached ();
    }
}

/* The slot's length in seconds; 0 when the talk has none (no remaining time shown). */
guint
mdg_presenter_get_duration (MdgPresenter *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER (self), 0);
  return self->duration;
}

void
mdg_presenter_set_duration (MdgPresenter *self,
                            guint         seconds)
{
  g_return_if_fail (MDG_IS_PRESENTER (self));

  if (seconds == self->duration)
    return;
  self->duration = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
  mdg_presenter_update_time (self);
}

/* Starts the clock of the talk, if it is not running yet. */
void
mdg_presenter_start_timer (MdgPresenter *self)
{
  g_return_if_fail (MDG_IS_PRESENTER (self));

  if (self->started_at != 0)
    return;
  self->started_at = MAX (1, self->clock (self->clock_data));
  /* Often enough that the display never lags a second behind by more than a quarter. */
  self->tick_id = g_timeout_add (250, tick_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMER_RUNNING]);
}

gboolean
mdg_presenter_get_timer_running (MdgPresenter *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER (self), FALSE);
  return self->started_at != 0;
}

/* Whole seconds since the talk began. */
guint
mdg_presenter_get_elapsed (MdgPresenter *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER (self), 0);

  if (self->started_at == 0)
    return 0;
  return (guint) (MAX (0, self->clock (self->clock_data) - self->started_at) / G_USEC_PER_SEC);
}

/* Seconds left in the slot; negative once over time. 0 when the talk has no slot. */
int
mdg_presenter_get_remaining (MdgPresenter *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER (self), 0);

  if (self->duration == 0)
    return 0;
  return (int) self->duration - (int) mdg_presenter_get_elapsed (self);
}

MdgPresenterTimeState
mdg_presenter_get_time_state (MdgPresenter *self)
{
  g_return_val_if_fail (MDG_IS_PRESENTER (self), MDG_PRESENTER_TIME_NORMAL);
  return self->time_state;
}

/**
 * mdg_presenter_update_time:
 * @self: a #MdgPresenter
 *
 * Reads the clock and notifies "elapsed" (and "time-state") when a second has passed.
 * The presenter calls it itself four times a second while the timer runs.
 */
void
mdg_presenter_update_time (MdgPresenter *self)
{
  guint elapsed;
  MdgPresenterTimeState state = MDG_PRESENTER_TIME_NORMAL;

  g_return_if_fail (MDG_IS_PRESENTER (self));

  elapsed = mdg_presenter_get_elapsed (self);
  if (self->duration > 0 && elapsed > self->duration)
    state = MDG_PRESENTER_TIME_OVERTIME;
  else if (self->duration > 0 && self->started_at != 0 && self->duration - elapsed <= MDG_PRESENTER_ENDING_SECONDS)
    state = MDG_PRESENTER_TIME_ENDING;

  if (elapsed != self->elapsed)
    {
      self->elapsed = elapsed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
    }
  if (state != self->time_state)
    {
      self->time_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_STATE]);
    }
}
