/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Runs the main loop until @cond holds; fails the test after a minute. */
#define mdg_test_wait_until(cond)                                           \
  G_STMT_START {                                                            \
    gint64 deadline_ = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;       \
    while (!(cond))                                                         \
      {                                                                     \
        if (g_get_monotonic_time () > deadline_)                            \
          g_error ("Timed out waiting for: %s", #cond);                     \
        if (!g_main_context_iteration (NULL, FALSE))                        \
          g_usleep (1000);                                                  \
      }                                                                     \
  } G_STMT_END

GtkWindow *mdg_test_find_toplevel (GType        type,
                                   const char  *name);
GtkWidget *mdg_test_find_named    (GtkWidget   *root,
                                   const char  *name);
void       mdg_test_spin          (guint        ms);
void       mdg_test_screenshot    (GtkWidget   *widget,
                                   const char  *name);
void       mdg_test_choose_menu_item (GtkWidget  *menu_button,
                                      const char *action);

G_END_DECLS
