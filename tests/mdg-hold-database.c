/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

/*
 * A stand-in for the window, for test-concurrency: it keeps a database open while
 * workers open and close connections of their own (as the window's lists and
 * imports do), says "ready", waits for a line on its standard input, writes again
 * and says "done".
 */

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GPtrArray) seminars = NULL;
  g_autoptr(GError) error = NULL;
  guint *pending = user_data;

  seminars = mdg_seminar_store_list_finish (MDG_DATABASE (source), result, &error);
  g_assert_no_error (error);
  (*pending)--;
}

static gpointer
open_in_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgDatabase) connection = mdg_database_open (data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (connection);
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  char line[64];
  guint pending = 3;

  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  if (argc != 2)
    {
      g_printerr ("Usage: mdg-hold-database PATH\n");
      return 2;
    }

  db = mdg_database_open (argv[1], &error);
  g_assert_no_error (error);
  mdg_test_add_seminar (db, "held-1");

  /* Workers with connections of their own, opened and closed while db stays open. */
  for (guint i = 0; i < 3; i++)
    mdg_seminar_store_list_async (db, NULL, listed_cb, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (g_thread_new ("open", open_in_thread, argv[1]));
  mdg_test_add_seminar (db, "held-2");

  printf ("ready\n");
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    return 1;

  mdg_test_add_seminar (db, "held-3");
  printf ("done\n");
  fflush (stdout);
  return 0;
}
