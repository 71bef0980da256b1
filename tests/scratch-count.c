#include "config.h"
#include "mdg-application.h"
#include "mdg-test-gtk.h"
#include "mdg-test-util.h"
#include "mdg-window.h"
static GHashTable *counts;
static guint total, total_hidden;
static void walk (GtkWidget *w, int depth) {
  if (!gtk_widget_get_visible (w)) { total_hidden++; return; }
  total++;
  const char *t = G_OBJECT_TYPE_NAME (w);
  g_hash_table_insert (counts, (gpointer) t, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, t)) + 1));
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c)) walk (c, depth + 1);
}
static gboolean done;
static void after_paint (GdkFrameClock *clock, GtkWidget *window) {
  if (done) return;
  done = TRUE;
  counts = g_hash_table_new (g_str_hash, g_str_equal);
  walk (window, 0);
  GHashTableIter it; gpointer k, v;
  g_hash_table_iter_init (&it, counts);
  while (g_hash_table_iter_next (&it, &k, &v)) g_print ("%4u %s\n", GPOINTER_TO_UINT (v), (char *) k);
  g_print ("visible %u, hidden subtrees %u\n", total, total_hidden);
}
static void test (void) {
  g_autoptr(GError) error = NULL;
  MdgApplication *app = mdg_application_new ();
  GtkWindow *window = NULL;
  g_application_set_application_id (G_APPLICATION (app), APP_ID ".Count");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  mdg_application_set_database_path (app, g_getenv ("DB"));
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_application_activate (G_APPLICATION (app));
  window = mdg_test_find_toplevel (MDG_TYPE_WINDOW, NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint", G_CALLBACK (after_paint), window);
  mdg_test_wait_until (done);
  return;
  counts = g_hash_table_new (g_str_hash, g_str_equal);
  walk (GTK_WIDGET (window), 0);
  GHashTableIter it; gpointer k, v;
  g_hash_table_iter_init (&it, counts);
  while (g_hash_table_iter_next (&it, &k, &v)) g_print ("%4u %s\n", GPOINTER_TO_UINT (v), (char *) k);
  g_print ("visible %u, hidden subtrees %u\n", total, total_hidden);
}
int main (int argc, char *argv[]) {
  mdg_application_skip_gtk_theme ();
  mdg_test_init (&argc, &argv);
  g_test_add_func ("/count", test);
  return g_test_run ();
}
