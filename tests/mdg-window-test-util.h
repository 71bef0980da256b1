/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mdg-application.h"
#include "mdg-database.h"
#include "mdg-window.h"
#include "mdg-test-gtk.h"

G_BEGIN_DECLS

/*
 * Driving the real window under Xvfb: every test builds its own window on its own
 * database, finds widgets the way a person sees them, presses them only when they
 * are visible and sensitive, and types through the X server (XTest) into whatever
 * has the keyboard focus.
 */

typedef struct
{
  char        *dir;
  MdgDatabase *db;
  MdgWindow   *window;
} WindowFixture;

void        window_test_init          (int            *argc,
                                       char         ***argv);
MdgApplication *window_test_get_app   (void);

void        fixture_open_window       (WindowFixture  *f,
                                       int             width,
                                       int             height);
void        fixture_set_up_empty      (WindowFixture  *f,
                                       gconstpointer   data);
void        fixture_set_up_sample     (WindowFixture  *f,
                                       gconstpointer   data);
void        fixture_tear_down         (WindowFixture  *f,
                                       gconstpointer   data);

GtkWidget  *find_named                (GtkWidget      *root,
                                       const char     *name);
GtkWidget  *require_named             (GtkWidget      *root,
                                       const char     *name);
GtkWidget  *find_type                 (GtkWidget      *root,
                                       GType           type);
guint       count_type                (GtkWidget      *root,
                                       GType           type);
GtkWidget  *find_label                (GtkWidget      *root,
                                       const char     *text);
GtkWidget  *find_button_with_label    (GtkWidget      *root,
                                       const char     *label);
GtkWidget  *find_button_with_action   (GtkWidget      *root,
                                       const char     *action);
GtkWindow  *find_toplevel             (GType           type);
const char *widget_text               (GtkWidget      *widget);

void        click                     (GtkWidget      *button);
void        click_pointer             (GtkWidget      *widget);
void        press_key                 (GtkWidget      *toplevel,
                                       guint           keyval,
                                       GdkModifierType modifiers);
void        type_text                 (GtkWidget      *toplevel,
                                       const char     *ascii);
void        move_pointer              (int             x,
                                       int             y);
void        spin                      (guint           ms);
void        screenshot                (GtkWidget      *widget,
                                       const char     *name);

#define wait_until(cond) mdg_test_wait_until (cond)

G_END_DECLS
