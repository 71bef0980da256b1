/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-database.h"

G_BEGIN_DECLS

/* What the presenter window tests share: a deck to present, waiting, looking. */
#define mdg_test_wait_until(cond)                                           \
  G_STMT_START {                                                            \
    gint64 deadline_ = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;       \
    while (!(cond))                                                         \
      {                                                                     \
        if (g_get_monotonic_time () > deadline_)                            \
          g_error ("Timed out waiting for: %s", #cond);                     \
        if (!g_main_context_iteration (NULL, FALSE))                        \
          g_usleep (1000);                                                  \
      }                                                                     \
  } G_STMT_END

gint64     mdg_test_presenter_make_deck  (MdgDatabase *db,
                                          const char  *dir,
                                          guint        n_slides,
                                          guint        slot_minutes);
GtkWindow *mdg_test_presenter_find       (GType        type);
GtkWidget *mdg_test_presenter_named      (GtkWidget   *root,
                                          const char  *name);
GdkTexture *mdg_test_presenter_snapshot  (GtkWidget   *widget,
                                          const char  *name);
int         mdg_test_presenter_run       (const char  *database_path,
                                          gint64       deck_id);

G_END_DECLS
