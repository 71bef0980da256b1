/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "mdg-save-test-util.h"

/*
 * Saving from the window as a person does: the real file chooser answered with a
 * name, the toast that says it was saved, and the PDF read back with Poppler.
 */

/* Returns: (nullable): a mapped label under @root whose text holds @text */
GtkWidget *
find_label_holding (GtkWidget  *root,
                    const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_holding (child, text);

      if (found)
        return found;
    }
  return NULL;
}

static gboolean
chooser_holds (GtkWindow  *chooser,
               const char *path)
{
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  return chosen != NULL && g_strcmp0 (g_file_peek_path (chosen), path) == 0;
}

/*
 * The folder of the last save, which the next file chooser offers: a new, empty one
 * (GTK 4.8's chooser leaks the records of the files it lists, which the sanitizer run
 * would report).
 */
void
offer_empty_folder (WindowFixture *f)
{
  static guint n_offered;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *dir = g_strdup_printf ("%s/offered-%u", f->dir, n_offered++);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_settings_set_string (settings, "save-folder", dir);
}

static gboolean
chooser_offers (GtkWindow  *chooser,
                const char *folder)
{
  g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));

  return current != NULL && g_strcmp0 (g_file_peek_path (current), folder) == 0;
}

/* Answers the file chooser that opened with @name in the test's folder, as a person does. */
char *
save_in_chooser (WindowFixture *f,
                 const char    *name)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *offered = g_settings_get_string (settings, "save-folder");
  GtkWindow *chooser = NULL;
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  wait_until ((chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL &&
              gtk_widget_get_mapped (GTK_WIDGET (chooser)));
  /* It offers the folder of the last save. */
  wait_until (chooser_offers (chooser, offered));
  /* Once shown: the chooser opens on its own folder when it maps. */
  spin (200);
  /* Typed whole into the name, as a person may: the chooser loads no other folder. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), path);
  wait_until (chooser_holds (chooser, path));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_until (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
  /* And remembers this one for the next. */
  {
    g_autofree char *remembered = g_settings_get_string (settings, "save-folder");

    g_assert_cmpstr (remembered, ==, f->dir);
  }
  return g_steal_pointer (&path);
}

/* Waits for the toast that says @path was saved, then reads the PDF's text. */
char *
read_saved_pdf (WindowFixture *f,
                const char    *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *document;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  wait_until (g_file_test (path, G_FILE_TEST_EXISTS));
  wait_until (find_label_holding (GTK_WIDGET (f->window), name) != NULL);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), >=, 1);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_string_free (text, FALSE);
}
