/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The libadwaita floor of Madoguchi's first frame: an empty AdwApplicationWindow of
 * Madoguchi's default size, 1100 × 720, with an AdwHeaderBar in a box. What
 * libadwaita's own start-up costs (adw_init's style sheet, the icon theme for the
 * header bar's buttons) is in it; bench-window measures it with first-frame-probe. */
#include "config.h"

#include <adwaita.h>

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.madoguchi.AdwWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
