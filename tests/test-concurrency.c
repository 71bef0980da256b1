/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "mdg-database-private.h"
#include "mdg-error.h"
#include "mdg-person-store.h"
#include "mdg-registration-store.h"
#include "mdg-seminar-store.h"
#include "mdg-test-util.h"

/*
 * Several connections and processes on one database, as on a seminar day: the
 * window open, madoguchi-cli beside it, an import writing while the door checks
 * people in.
 */

/* Whether process @pid holds a POSIX lock on the file at @path (/proc/locks). */
static gboolean
holds_lock (GPid        pid,
            const char *path)
{
  g_autofree char *locks = NULL;
  g_autofree char *inode = NULL;
  g_auto(GStrv) lines = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (g_file_get_contents ("/proc/locks", &locks, NULL, NULL));
  inode = g_strdup_printf (":%lu", (gulong) st.st_ino);

  lines = g_strsplit (locks, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (lines[i], " \t", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint w = 0; fields[w]; w++)
        if (*fields[w] != '\0' && !g_str_equal (fields[w], "->"))
          g_ptr_array_add (words, fields[w]);
      /* "1: POSIX  ADVISORY  READ 1234 fe:00:10952938 1073741826 1073742335" */
      if (words->len >= 6 && g_str_equal (g_ptr_array_index (words, 1), "POSIX") &&
          g_ascii_strtoll (g_ptr_array_index (words, 4), NULL, 10) == pid &&
          g_str_has_suffix (g_ptr_array_index (words, 5), inode))
        return TRUE;
    }
  return FALSE;
}

static char *
read_line (GDataInputStream *in)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

  g_assert_no_error (error);
  return line;
}

/*
 * One process holds the database open, its workers opening and closing connections
 * of their own; another writes and exits. The first must keep its locks and its
 * write-ahead log (or the second believes it is alone, checkpoints and deletes the
 * log the first still writes to), and every write of both must survive.
 */
static void
test_two_processes_keep_locks (void)
{
  g_autofree char *dir = mdg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "data", "madoguchi.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "mdg-hold-database", NULL);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ready = NULL;
  g_autofree char *done = NULL;
  g_autofree char *cli_out = NULL;
  GPid pid;

  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, helper, path,
                             NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  ready = read_line (out);
  g_assert_cmpstr (ready, ==, "ready");
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (holder), NULL, 10);

  /* Its workers have opened and closed their connections: the main one keeps its lock. */
  g_assert_true (holds_lock (pid, path));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Another process writes and exits. */
  g_assert_cmpint (mdg_test_run_cli (path, &cli_out, NULL, "seminar", "add", "--title", "cli-1", "--start",
                                     "2026-12-04T10:00", "--end", "2026-12-04T12:00", NULL), ==, 0);

  /* It knew it was not alone: the holder's lock and log are still there. */
  g_assert_true (holds_lock (pid, path));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The holder writes again, then exits. */
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (holder), "go\n", 3, NULL, NULL, &error);
  g_assert_no_error (error);
  done = read_line (out);
  g_assert_cmpstr (done, ==, "done");
  g_subprocess_wait_check (holder, NULL, &error);
  g_assert_no_error (error);

  /* Every write of both processes is in the file. */
  db = mdg_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar WHERE title IN"
                                       " ('held-1', 'held-2', 'held-3', 'cli-1')"), ==, 4);
  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

/* Holds the write lock on its own connection until told to let go. */
typedef struct
{
  char     *path;
  GMutex    mutex;
  GCond     cond;
  gboolean  locked;
  gboolean  release;
} Holder;

static gpointer
hold_thread (gpointer data)
{
  Holder *h = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MdgDatabase) db = mdg_database_open (h->path, &error);

  g_assert_no_error (error);
  g_assert_true (mdg_database_begin (db, &error));
  mdg_test_exec (db, "INSERT INTO seminar (title, starts_at, ends_at) VALUES ('a long import', 1, 2)");

  g_mutex_lock (&h->mutex);
  h->locked = TRUE;
  g_cond_broadcast (&h->cond);
  while (!h->release)
    g_cond_wait (&h->cond, &h->mutex);
  g_mutex_unlock (&h->mutex);

  g_assert_true (mdg_database_commit (db, &error));
  return NULL;
}

static GThread *
holder_start (Holder     *h,
              const char *path)
{
  GThread *thread;

  memset (h, 0, sizeof *h);
  h->path = g_strdup (path);
  g_mutex_init (&h->mutex);
  g_cond_init (&h->cond);
  thread = g_thread_new ("holder", hold_thread, h);
  g_mutex_lock (&h->mutex);
  while (!h->locked)
    g_cond_wait (&h->cond, &h->mutex);
  g_mutex_unlock (&h->mutex);
  return thread;
}

static void
holder_release (Holder *h)
{
  g_mutex_lock (&h->mutex);
  h->release = TRUE;
  g_cond_broadcast (&h->cond);
  g_mutex_unlock (&h->mutex);
}

static void
holder_finish (Holder  *h,
               GThread *thread)
{
  g_thread_join (thread);
  g_mutex_clear (&h->mutex);
  g_cond_clear (&h->cond);
  g_free (h->path);
}

static void
waiting_cb (MdgDatabase *db,
            Holder      *h)
{
  /* The writer says it waits: now the long writer finishes. */
  holder_release (h);
}

/* A writer waits for a long writer (an import) instead of failing after a few seconds. */
static void
test_writers_wait (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  GThread *thread;
  Holder h;

  g_assert_cmpuint (mdg_database_get_busy_wait (db), ==, MDG_DATABASE_BUSY_WAIT);
  thread = holder_start (&h, mdg_database_get_path (db));
  g_signal_connect (db, "waiting", G_CALLBACK (waiting_cb), &h);

  /* Blocks until the holder commits, which it does once this write said it waits. */
  mdg_test_add_seminar (db, "a check-in during the import");
  g_assert_true (h.release);
  holder_finish (&h, thread);

  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM seminar"), ==, 2);
  mdg_test_rm_rf (dir);
}

static void
wait_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  if (!mdg_database_wait_for_writers_finish (MDG_DATABASE (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

/* With a short wait (a window's main thread), MDG_ERROR_BUSY says who writes; the
 * window then waits for the writer in a worker. */
static void
test_busy_then_wait_for_writers (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autoptr(MdgSeminar) seminar = mdg_seminar_new ();
  g_autoptr(GDateTime) starts = mdg_test_local (2026, 12, 3, 14, 0);
  g_autoptr(GDateTime) ends = mdg_test_local (2026, 12, 3, 16, 30);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GError *waited = NULL;
  GThread *thread;
  Holder h;

  mdg_database_set_busy_wait (db, MDG_DATABASE_BUSY_WAIT_INTERACTIVE);
  thread = holder_start (&h, mdg_database_get_path (db));

  g_object_set (seminar, "title", "入力中", "starts-at", starts, "ends-at", ends, NULL);
  g_assert_false (mdg_seminar_store_save (db, seminar, &error));
  g_assert_error (error, MDG_ERROR, MDG_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "import"));
  g_clear_error (&error);

  /* Waiting gives up when told to... */
  mdg_database_wait_for_writers_async (db, 60000, cancellable, wait_done_cb, &waited);
  g_cancellable_cancel (cancellable);
  while (waited == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (waited, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&waited);

  /* ...or after its time... */
  mdg_database_wait_for_writers_async (db, 100, NULL, wait_done_cb, &waited);
  while (waited == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (waited, MDG_ERROR, MDG_ERROR_BUSY);
  g_clear_error (&waited);

  /* ...and otherwise returns once the writer has committed. */
  mdg_database_wait_for_writers_async (db, 60000, NULL, wait_done_cb, &waited);
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (waited);
  holder_release (&h);
  while (waited == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (waited, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&waited);
  holder_finish (&h, thread);

  g_assert_true (mdg_seminar_store_save (db, seminar, &error));
  g_assert_no_error (error);
  mdg_test_rm_rf (dir);
}

static gint64
add_person (MdgDatabase *db,
            const char  *family,
            const char  *email)
{
  g_autoptr(MdgPerson) person = mdg_person_new ();
  g_autoptr(GError) error = NULL;

  mdg_person_set_text (person, MDG_PERSON_FAMILY_NAME, family);
  mdg_person_set_text (person, MDG_PERSON_GIVEN_NAME, "太郎");
  mdg_person_set_text (person, MDG_PERSON_EMAIL, email);
  g_assert_true (mdg_person_store_save (db, person, &error));
  return mdg_person_get_id (person);
}

static gboolean
person_in_files (const char *path)
{
  return mdg_test_database_holds (path, "wipe.me@reader-test.example.jp") || mdg_test_database_holds (path, "消去読者");
}

/* A reader holds an old snapshot (another window reading a list) while the person is deleted. */
static sqlite3 *
open_reader (const char *path)
{
  sqlite3 *reader = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &reader, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (reader, "SELECT count(*) FROM person", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sqlite3_finalize (stmt);
  return reader;
}

static void
close_reader (sqlite3 *reader)
{
  g_assert_cmpint (sqlite3_exec (reader, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (reader), ==, SQLITE_OK);
}

/*
 * person delete beside a reader: the delete succeeds and says so; the wipe of the
 * freed pages waits for the reader, and is done by the next open (here, the next
 * command) while the window stays open.
 */
static void
test_delete_beside_reader_next_open (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autofree char *path = g_strdup (mdg_database_get_path (db));
  g_autofree char *marker = g_strconcat (path, "-wipe", NULL);
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *list_out = NULL;
  sqlite3 *reader;

  id = g_strdup_printf ("%" G_GINT64_FORMAT, add_person (db, "消去読者", "wipe.me@reader-test.example.jp"));
  add_person (db, "残る人", "stays@reader-test.example.jp");
  g_assert_true (mdg_database_checkpoint (db, NULL));
  g_assert_true (person_in_files (path));

  reader = open_reader (path);
  g_assert_cmpint (mdg_test_run_cli (path, &out, &err, "person", "delete", id, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Deleted"));
  g_assert_nonnull (strstr (out, "wiped"));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_true (person_in_files (path));
  g_assert_cmpint (mdg_test_count (db, "SELECT count(*) FROM person"), ==, 1);

  /* The reader is done; the next command wipes, though the window stays open. */
  close_reader (reader);
  g_assert_cmpint (mdg_test_run_cli (path, &list_out, NULL, "seminar", "list", NULL), ==, 0);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_false (person_in_files (path));
  g_assert_true (mdg_test_file_holds (path, "stays@reader-test.example.jp"));

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

/* The same, wiped when a connection closes (the window, a worker), not the last one. */
static void
test_delete_beside_reader_close (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MdgDatabase) db = mdg_test_open_tmp_db (&dir);
  g_autofree char *path = g_strdup (mdg_database_get_path (db));
  g_autofree char *marker = g_strconcat (path, "-wipe", NULL);
  g_autoptr(MdgDatabase) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_person (db, "消去読者", "wipe.me@reader-test.example.jp");
  sqlite3 *reader;

  g_assert_true (mdg_database_checkpoint (db, NULL));
  second = mdg_database_open (path, &error);
  g_assert_no_error (error);

  reader = open_reader (path);
  g_assert_true (mdg_person_store_delete (second, id, &error));
  g_assert_no_error (error);
  g_assert_true (mdg_database_get_wipe_pending (second));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_true (person_in_files (path));
  close_reader (reader);

  /* db stays open, so SQLite would not checkpoint on its own at this close. */
  g_clear_object (&second);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_false (person_in_files (path));

  g_clear_object (&db);
  mdg_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  mdg_test_init (&argc, &argv);

  g_test_add_func ("/concurrency/two-processes-keep-locks", test_two_processes_keep_locks);
  g_test_add_func ("/concurrency/writers-wait", test_writers_wait);
  g_test_add_func ("/concurrency/busy-then-wait-for-writers", test_busy_then_wait_for_writers);
  g_test_add_func ("/concurrency/delete-beside-reader/next-open", test_delete_beside_reader_next_open);
  g_test_add_func ("/concurrency/delete-beside-reader/close", test_delete_beside_reader_close);

  return mdg_test_run ();
}
