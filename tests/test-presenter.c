/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-presenter.h"
#include "mdg-test-util.h"

/*
 * The presentation controller without any window: what each key does, the jump to a
 * typed number, the overview, black-out and leaving, and the timer against the
 * slot's length on a clock the test turns by hand.
 */

static gint64 now_us;

static gint64
test_clock (gpointer user_data)
{
  return now_us;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_navigation (void)
{
  g_autoptr(MdgPresenter) presenter = mdg_presenter_new (12);
  guint changes = 0;

  g_signal_connect (presenter, "notify::slide", G_CALLBACK (count_cb), &changes);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 0);
  mdg_presenter_command (presenter, MDG_PRESENTER_PREVIOUS);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 0);
  g_assert_cmpuint (changes, ==, 0);

  mdg_presenter_command (presenter, MDG_PRESENTER_NEXT);
  mdg_presenter_command (presenter, MDG_PRESENTER_ENTER);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 2);
  mdg_presenter_command (presenter, MDG_PRESENTER_PREVIOUS);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 1);
  mdg_presenter_command (presenter, MDG_PRESENTER_LAST);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 11);
  mdg_presenter_command (presenter, MDG_PRESENTER_NEXT);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 11);
  mdg_presenter_command (presenter, MDG_PRESENTER_FIRST);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 0);
  g_assert_cmpuint (changes, ==, 5);
}

static void
test_jump (void)
{
  g_autoptr(MdgPresenter) presenter = mdg_presenter_new (12);

  /* 7, Enter: slide 7 (numbers count from 1 as the counter shows them). */
  mdg_presenter_type_digit (presenter, 7);
  g_assert_cmpstr (mdg_presenter_get_typed_number (presenter), ==, "7");
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 0);
  mdg_presenter_command (presenter, MDG_PRESENTER_ENTER);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 6);
  g_assert_cmpstr (mdg_presenter_get_typed_number (presenter), ==, "");

  /* 1, 0, Enter: slide 10. */
  mdg_presenter_type_digit (presenter, 1);
  mdg_presenter_type_digit (presenter, 0);
  mdg_presenter_command (presenter, MDG_PRESENTER_ENTER);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 9);

  /* Past the end: the last slide. */
  mdg_presenter_type_digit (presenter, 9);
  mdg_presenter_type_digit (presenter, 9);
  mdg_presenter_command (presenter, MDG_PRESENTER_ENTER);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 11);

  /* A number then another key: the number is forgotten, the key does its own thing. */
  mdg_presenter_type_digit (presenter, 3);
  mdg_presenter_command (presenter, MDG_PRESENTER_PREVIOUS);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 10);
  g_assert_cmpstr (mdg_presenter_get_typed_number (presenter), ==, "");
  mdg_presenter_command (presenter, MDG_PRESENTER_ENTER);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 11);

  /* A leading zero means nothing. */
  mdg_presenter_type_digit (presenter, 0);
  g_assert_cmpstr (mdg_presenter_get_typed_number (presenter), ==, "");
}

static void
test_overview (void)
{
  g_autoptr(MdgPresenter) presenter = mdg_presenter_new (12);
  guint left = 0;

  g_signal_connect (presenter, "leave", G_CALLBACK (count_cb), &left);
  mdg_presenter_set_slide (presenter, 4);
  mdg_presenter_command (presenter, MDG_PRESENTER_TOGGLE_OVERVIEW);
  g_assert_true (mdg_presenter_get_overview (presenter));
  g_assert_cmpuint (mdg_presenter_get_overview_slide (presenter), ==, 4);

  /* Moving in the overview moves the highlight; the audience still sees slide 5. */
  mdg_presenter_command (presenter, MDG_PRESENTER_NEXT);
  mdg_presenter_command (presenter, MDG_PRESENTER_NEXT);
  g_assert_cmpuint (mdg_presenter_get_overview_slide (presenter), ==, 6);
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 4);
  mdg_presenter_command (presenter, MDG_PRESENTER_ENTER);
  g_assert_false (mdg_presenter_get_overview (presenter));
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 6);

  /* Esc closes the overview without moving, and only then leaves. */
  mdg_presenter_command (presenter, MDG_PRESENTER_TOGGLE_OVERVIEW);
  mdg_presenter_command (presenter, MDG_PRESENTER_PREVIOUS);
  mdg_presenter_command (presenter, MDG_PRESENTER_LEAVE);
  g_assert_false (mdg_presenter_get_overview (presenter));
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 6);
  g_assert_cmpuint (left, ==, 0);
  mdg_presenter_command (presenter, MDG_PRESENTER_LEAVE);
  g_assert_cmpuint (left, ==, 1);
}

static void
test_black_out (void)
{
  g_autoptr(MdgPresenter) presenter = mdg_presenter_new (3);
  guint changes = 0;

  g_signal_connect (presenter, "notify::blacked-out", G_CALLBACK (count_cb), &changes);
  mdg_presenter_command (presenter, MDG_PRESENTER_TOGGLE_BLACK_OUT);
  g_assert_true (mdg_presenter_get_blacked_out (presenter));
  /* The presenter can move on behind the black screen. */
  mdg_presenter_command (presenter, MDG_PRESENTER_NEXT);
  g_assert_true (mdg_presenter_get_blacked_out (presenter));
  g_assert_cmpuint (mdg_presenter_get_slide (presenter), ==, 1);
  mdg_presenter_command (presenter, MDG_PRESENTER_TOGGLE_BLACK_OUT);
  g_assert_false (mdg_presenter_get_blacked_out (presenter));
  g_assert_cmpuint (changes, ==, 2);
}

static void
test_timer (void)
{
  g_autoptr(MdgPresenter) presenter = mdg_presenter_new (20);
  guint ticks = 0, states = 0;

  now_us = 1000 * G_USEC_PER_SEC;
  mdg_presenter_set_clock (presenter, test_clock, NULL);
  mdg_presenter_set_duration (presenter, 30 * 60);
  g_signal_connect (presenter, "notify::elapsed", G_CALLBACK (count_cb), &ticks);
  g_signal_connect (presenter, "notify::time-state", G_CALLBACK (count_cb), &states);

  /* Setting up before the talk costs no time. */
  now_us += 600 * G_USEC_PER_SEC;
  mdg_presenter_update_time (presenter);
  g_assert_false (mdg_presenter_get_timer_running (presenter));
  g_assert_cmpuint (mdg_presenter_get_elapsed (presenter), ==, 0);
  g_assert_cmpint (mdg_presenter_get_remaining (presenter), ==, 30 * 60);

  /* The first move starts it. */
  mdg_presenter_command (presenter, MDG_PRESENTER_NEXT);
  g_assert_true (mdg_presenter_get_timer_running (presenter));
  now_us += 90 * G_USEC_PER_SEC + 400000;
  mdg_presenter_update_time (presenter);
  g_assert_cmpuint (mdg_presenter_get_elapsed (presenter), ==, 90);
  g_assert_cmpint (mdg_presenter_get_remaining (presenter), ==, 30 * 60 - 90);
  g_assert_cmpint (mdg_presenter_get_time_state (presenter), ==, MDG_PRESENTER_TIME_NORMAL);
  g_assert_cmpuint (ticks, ==, 1);

  /* The last five minutes, then over time. */
  now_us += (25 * 60 - 90) * G_USEC_PER_SEC;
  mdg_presenter_update_time (presenter);
  g_assert_cmpint (mdg_presenter_get_remaining (presenter), ==, 5 * 60);
  g_assert_cmpint (mdg_presenter_get_time_state (presenter), ==, MDG_PRESENTER_TIME_ENDING);
  now_us += (5 * 60 + 75) * G_USEC_PER_SEC;
  mdg_presenter_update_time (presenter);
  g_assert_cmpint (mdg_presenter_get_remaining (presenter), ==, -75);
  g_assert_cmpint (mdg_presenter_get_time_state (presenter), ==, MDG_PRESENTER_TIME_OVERTIME);
  g_assert_cmpuint (states, ==, 2);

  /* A talk without a slot only counts up. */
  mdg_presenter_set_duration (presenter, 0);
  g_assert_cmpint (mdg_presenter_get_time_state (presenter), ==, MDG_PRESENTER_TIME_NORMAL);
  g_assert_cmpint (mdg_presenter_get_remaining (presenter), ==, 0);
  g_assert_cmpuint (mdg_presenter_get_elapsed (presenter), ==, 31 * 60 + 15);
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
test_timer_ticks (void)
{
  g_autoptr(MdgPresenter) presenter = mdg_presenter_new (3);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint ticks = 0;

  /* On the real clock, the timer notifies each second by itself. */
  g_signal_connect (presenter, "notify::elapsed", G_CALLBACK (count_cb), &ticks);
  mdg_presenter_start_timer (presenter);
  g_timeout_add (1300, quit_cb, loop);
  g_main_loop_run (loop);
  g_assert_cmpuint (ticks, ==, 1);
  g_assert_cmpuint (mdg_presenter_get_elapsed (presenter), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/presenter/navigation", test_navigation);
  g_test_add_func ("/presenter/jump", test_jump);
  g_test_add_func ("/presenter/overview", test_overview);
  g_test_add_func ("/presenter/black-out", test_black_out);
  g_test_add_func ("/presenter/timer", test_timer);
  g_test_add_func ("/presenter/timer-ticks", test_timer_ticks);

  return g_test_run ();
}
