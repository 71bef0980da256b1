/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The floor of Madoguchi's first frame: a bare GTK 4 window of Madoguchi's default size,
 * 1100 × 720, with nothing in it. bench-window measures both with first-frame-probe. */
#include "config.h"

#include <gtk/gtk.h>

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.madoguchi.BareWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
