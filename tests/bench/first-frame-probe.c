/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A probe loaded with LD_PRELOAD into any GTK 4 program, unchanged: when the first
 * window has painted its first frame, it writes to the file named by BENCH_PROBE_OUT
 *
 *   first-frame-ms 812.4 peak-rss-kb 131072 cpu-ms 402.1 main-cpu-ms 351.0
 *
 * (the milliseconds since BENCH_T0_NS, a CLOCK_MONOTONIC time in nanoseconds that the
 * launcher takes just before it starts the program, the peak resident memory so far, and
 * the processor time spent by then, by all threads and by the main thread alone: on a
 * machine shared with other work the wall time says how long a person waits, the
 * processor time what the program itself costs)
 * and ends the program at once. A program that shows no frame within a minute ends with
 * status 3. bench-window launches it.
 *
 * With BENCH_PROBE_WAIT_FOR set to a widget's name, it waits instead for the first frame
 * painted with that widget on screen (Madoguchi's "seminar-list": the time until the
 * window shows its content, not only itself).
 */
/* RUSAGE_THREAD */
#define _GNU_SOURCE
#include "config.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <gtk/gtk.h>

static double t0_ms;

static double
monotonic_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

/* VmHWM from /proc/self/status: the most memory resident at any moment, in kB. */
static long
peak_rss_kb (void)
{
  char buffer[4096];
  const char *line;
  ssize_t n;
  int fd = open ("/proc/self/status", O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return -1;
  n = read (fd, buffer, sizeof buffer - 1);
  close (fd);
  if (n <= 0)
    return -1;
  buffer[n] = '\0';
  line = strstr (buffer, "VmHWM:");
  return line ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

static double
cpu_ms (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return -1;
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static void
report_and_exit (double ms,
                 int    status)
{
  const char *path = g_getenv ("BENCH_PROBE_OUT");
  char line[256];
  int fd, length;

  /* Called on the main thread (the frame clock's): RUSAGE_THREAD is the main thread's. */
  length = g_snprintf (line, sizeof line, "first-frame-ms %.1f peak-rss-kb %ld cpu-ms %.1f main-cpu-ms %.1f\n", ms,
                       peak_rss_kb (), cpu_ms (RUSAGE_SELF), cpu_ms (RUSAGE_THREAD));
  fd = path ? open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : 2;
  if (fd >= 0)
    {
      if (write (fd, line, length) != length)
        status = 4;
      if (fd != 2)
        close (fd);
    }
  /* Now, without the program's own clean-up: what was measured is all that counts. */
  _exit (status);
}

static gboolean
shows_named (GtkWidget  *widget,
             const char *name)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_named (child, name))
      return TRUE;
  return FALSE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       window)
{
  const char *wait_for = g_getenv ("BENCH_PROBE_WAIT_FOR");

  if (wait_for == NULL || shows_named (window, wait_for))
    report_and_exit (monotonic_ms () - t0_ms, 0);
}

static gboolean
give_up_cb (gpointer data)
{
  report_and_exit (-1, 3);
  return G_SOURCE_REMOVE;
}

/* Until a window is mapped, look every millisecond; then wait for its frame. */
static gboolean
look_for_window_cb (gpointer data)
{
  GListModel *windows;

  if (!gtk_is_initialized ())
    return G_SOURCE_CONTINUE;
  windows = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (windows, i);
      GdkFrameClock *clock = gtk_widget_get_mapped (window) ? gtk_widget_get_frame_clock (window) : NULL;

      if (clock != NULL)
        {
          g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), window);
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

__attribute__ ((constructor)) static void
install_probe (void)
{
  const char *t0 = g_getenv ("BENCH_T0_NS");

  t0_ms = t0 ? g_ascii_strtoull (t0, NULL, 10) / 1e6 : monotonic_ms ();
  g_timeout_add (1, look_for_window_cb, NULL);
  g_timeout_add_seconds (60, give_up_cb, NULL);
}
