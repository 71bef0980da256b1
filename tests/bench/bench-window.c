/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Madoguchi's first frame on the sample database, and its peak memory by then, beside a
 * bare GTK 4 window of the same size (bare-window) and an empty libadwaita window with a
 * header bar (adw-window): all started as a person starts them, measured from outside by
 * first-frame-probe (LD_PRELOAD), interleaved in each round.
 * Needs a display; build-aux/benchmark gives it one when there is none. Not a test.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "bench-util.h"

typedef struct
{
  double ms;
  double rss_mb;
  double cpu_ms;       /* all threads' processor time by then */
  double main_cpu_ms;  /* the main thread's */
} Frame;

/* Starts @argv with the probe and returns what it measured. */
static Frame
first_frame (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *report = NULL;
  g_autofree char *t0 = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *asan = g_environ_getenv (env, "ASAN_OPTIONS");
  g_autofree char *asan_options = NULL;
  Frame frame = { 0 };
  long rss_kb = 0;
  int fd, status;

  fd = g_file_open_tmp ("bench-window-XXXXXX", &out, &error);
  g_assert_no_error (error);
  close (fd);

  env = g_environ_setenv (env, "LD_PRELOAD", FIRST_FRAME_PROBE, TRUE);
  env = g_environ_setenv (env, "BENCH_PROBE_OUT", out, TRUE);
  /* The same renderer and settings for both; no accessibility bus to wait for. */
  env = g_environ_setenv (env, "GSK_RENDERER", "cairo", FALSE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", FALSE);
  env = g_environ_setenv (env, "GTK_A11Y", "none", FALSE);
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", FALSE);
  /* Under AddressSanitizer the probe is preloaded ahead of its runtime, which is fine. */
  asan_options = g_strconcat (asan ? asan : "", asan ? ":" : "", "verify_asan_link_order=0", NULL);
  env = g_environ_setenv (env, "ASAN_OPTIONS", asan_options, TRUE);
  t0 = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time () * 1000);
  env = g_environ_setenv (env, "BENCH_T0_NS", t0, TRUE);

  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error) ||
      !g_file_get_contents (out, &report, NULL, &error) ||
      sscanf (report, "first-frame-ms %lf peak-rss-kb %ld cpu-ms %lf main-cpu-ms %lf", &frame.ms, &rss_kb,
              &frame.cpu_ms, &frame.main_cpu_ms) != 4)
    g_error ("%s showed no first frame: %s", argv[0], error ? error->message : report);
  g_remove (out);
  frame.rss_mb = rss_kb / 1024.0;
  return frame;
}

/* The figures of one program over the rounds. */
typedef struct
{
  GArray *ms;
  GArray *rss;
  GArray *cpu;
  GArray *main_cpu;
} Frames;

static void
frames_init (Frames *frames)
{
  frames->ms = bench_times ();
  frames->rss = bench_times ();
  frames->cpu = bench_times ();
  frames->main_cpu = bench_times ();
}

static void
frames_add (Frames *frames,
            Frame  *frame)
{
  g_array_append_val (frames->ms, frame->ms);
  g_array_append_val (frames->rss, frame->rss_mb);
  g_array_append_val (frames->cpu, frame->cpu_ms);
  g_array_append_val (frames->main_cpu, frame->main_cpu_ms);
}

static void
frames_clear (Frames *frames)
{
  g_clear_pointer (&frames->ms, g_array_unref);
  g_clear_pointer (&frames->rss, g_array_unref);
  g_clear_pointer (&frames->cpu, g_array_unref);
  g_clear_pointer (&frames->main_cpu, g_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  Frames ours, bare, adw;
  const char *path;
  gboolean smoke;
  int rounds;

  setlocale (LC_ALL, "");
  path = bench_args (&argc, &argv, "[--smoke] DATABASE (the sample, made by bench-core)", &smoke);
  frames_init (&ours);
  frames_init (&bare);
  frames_init (&adw);

  /* One of each first, untimed (but for a smoke run), so that all find the fonts and
   * icons cached; then the three in turn, so that a busy moment falls on all of them.
   * BENCH_ROUNDS gives more rounds, for a median that moves less from run to run. */
  rounds = smoke ? 1 : (g_getenv ("BENCH_ROUNDS") ? MAX (1, atoi (g_getenv ("BENCH_ROUNDS"))) : 9);
  for (int round = smoke ? 0 : -1; round < rounds; round++)
    {
      const char *app[] = { MADOGUCHI_BIN, "--database", path, NULL };
      const char *bare_argv[] = { BARE_WINDOW_BIN, NULL };
      const char *adw_argv[] = { ADW_WINDOW_BIN, NULL };
      Frame mine = first_frame (app);
      Frame bare_frame = first_frame (bare_argv);
      Frame adw_frame = first_frame (adw_argv);

      if (round < 0)
        continue;
      frames_add (&ours, &mine);
      frames_add (&bare, &bare_frame);
      frames_add (&adw, &adw_frame);
    }

  bench_compare ("first frame of the window, from exec", ours.ms, "a bare GTK 4 window, 1100 × 720", bare.ms);
  /* libadwaita's own start-up (its style sheet, the icon theme) is a floor of its own. */
  bench_compare ("first frame of the window, from exec", ours.ms,
                 "an empty libadwaita window with a header bar", adw.ms);
  bench_compare ("first frame of the empty libadwaita window", adw.ms, "the bare GTK 4 window", bare.ms);
  /* On a shared machine the wall time waits for the processor too; what each costs: */
  bench_compare ("processor time by the first frame, all threads", ours.cpu, "the bare window's", bare.cpu);
  bench_compare ("processor time by the first frame, all threads", ours.cpu, "the libadwaita window's", adw.cpu);
  bench_compare ("processor time by the first frame, main thread", ours.main_cpu, "the bare window's",
                 bare.main_cpu);
  bench_compare ("processor time by the first frame, main thread", ours.main_cpu, "the libadwaita window's",
                 adw.main_cpu);
  bench_compare ("processor time of the libadwaita window, main thread", adw.main_cpu, "the bare window's",
                 bare.main_cpu);
  bench_compare_in ("peak resident memory at the first frame", "MB", ours.rss, "the bare window's", bare.rss);
  bench_compare_in ("peak resident memory at the first frame", "MB", ours.rss, "the libadwaita window's", adw.rss);

  frames_clear (&ours);
  frames_clear (&bare);
  frames_clear (&adw);
  return 0;
}
