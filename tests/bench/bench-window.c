/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Madoguchi's first frame on the sample database, and its peak memory by then, beside a
 * bare GTK 4 window of the same size (bare-window): both started as a person starts
 * them, measured from outside by first-frame-probe (LD_PRELOAD), in interleaved pairs.
 * Needs a display; build-aux/benchmark gives it one when there is none. Not a test.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) ours = bench_times ();
  g_autoptr(GArray) floor_ms = bench_times ();
  g_autoptr(GArray) our_rss = bench_times ();
  g_autoptr(GArray) floor_rss = bench_times ();
  g_autoptr(GArray) our_cpu = bench_times ();
  g_autoptr(GArray) floor_cpu = bench_times ();
  g_autoptr(GArray) our_main_cpu = bench_times ();
  g_autoptr(GArray) floor_main_cpu = bench_times ();
  const char *path;
  gboolean smoke;

  setlocale (LC_ALL, "");
  path = bench_args (&argc, &argv, "[--smoke] DATABASE (the sample, made by bench-core)", &smoke);

  /* One of each first, untimed (but for a smoke run), so that both find the fonts and
   * icons cached. */
  for (int round = smoke ? 0 : -1; round < (smoke ? 1 : 9); round++)
    {
      const char *app[] = { MADOGUCHI_BIN, "--database", path, NULL };
      const char *bare[] = { BARE_WINDOW_BIN, NULL };
      Frame mine = first_frame (app);
      Frame bare_frame = first_frame (bare);

      if (round < 0)
        continue;
      g_array_append_val (ours, mine.ms);
      g_array_append_val (floor_ms, bare_frame.ms);
      g_array_append_val (our_rss, mine.rss_mb);
      g_array_append_val (floor_rss, bare_frame.rss_mb);
      g_array_append_val (our_cpu, mine.cpu_ms);
      g_array_append_val (floor_cpu, bare_frame.cpu_ms);
      g_array_append_val (our_main_cpu, mine.main_cpu_ms);
      g_array_append_val (floor_main_cpu, bare_frame.main_cpu_ms);
    }

  bench_compare ("first frame of the window, from exec", ours, "a bare GTK 4 window, 1100 × 720", floor_ms);
  /* On a shared machine the wall time waits for the processor too; what each costs: */
  bench_compare ("processor time by the first frame, all threads", our_cpu, "the bare window's", floor_cpu);
  bench_compare ("processor time by the first frame, main thread", our_main_cpu, "the bare window's",
                 floor_main_cpu);
  bench_compare_in ("peak resident memory at the first frame", "MB", our_rss, "the bare window's", floor_rss);
  return 0;
}
