/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmarks of consultations on a large database: 50 000 consultations with 200 000
 * history events, their queues, search per keystroke, the monthly report, drafts
 * typed, and 1 000 .eml files imported — each beside its floor: the same SQL run bare
 * by SQLite, or GMime's parse alone. Not a test: run by build-aux/benchmark.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <time.h>
#include <gmime/gmime.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "mdg-category.h"
#include "mdg-consultation-model.h"
#include "mdg-consultation-store.h"
#include "mdg-database-private.h"
#include "mdg-draft-store.h"
#include "mdg-mail.h"
#include "mdg-report-document.h"
#include "mdg-report.h"
#include "mdg-search-private.h"
#include "mdg-staff-store.h"

/* The full sizes; --smoke runs the same code on a small fraction for the test suite. */
static guint N_CONSULTATIONS = 50000;
static guint N_EVENTS = 200000;
static int N_MAILS = 1000;

static const char *subjects[] = {
  "ランサムウェアに感染した疑い", "取引先を名乗るメールで振込先の変更依頼", "ホームページが改ざんされた",
  "USBメモリの紛失", "サポート詐欺の警告画面が出た", "ネットバンキングの不正送金", "従業員のパスワード管理",
  "テレワーク端末の持ち出し規程", "クラウドの共有設定を誤った", "標的型メールを開いてしまった",
  "補助金を使ったセキュリティ対策", "Emotetの感染チェック", "個人情報の漏えい報告先", "ルーターの脆弱性",
  "偽のECサイトで購入した", "SMSのフィッシング", "退職者のアカウント削除", "バックアップの取り方",
};
static const char *details[] = {
  "社内のファイルサーバーのファイルが開けなくなった。", "経理担当が請求書の振込先変更メールを受け取った。",
  "トップページに見知らぬ画像が表示されている。", "営業担当が顧客名簿入りの媒体を電車に置き忘れた。",
  "パソコンに警告が表示され電話をかけるよう指示された。", "身に覚えのない送金が口座から行われていた。",
  "パスワードを付箋に書いて貼っている社員がいる。", "自宅で使う端末のルールを作りたい。",
  "「リンクを知っている全員」に共有されていたファイルがあった。", "添付ファイルを開いた後に動作が重くなった。",
};
static const char *channels[] = { "phone", "web-form", "email", "walk-in", "on-site" };
static const char *states[] = { "new", "dispatched", "in-progress", "answered", "closed" };
static const char *urgencies[] = { "low", "normal", "high", "urgent" };

static void
die (GError *error)
{
  g_printerr ("%s\n", error ? error->message : "failed");
  exit (1);
}

static void
exec_sql (MdgDatabase *db,
          const char  *sql)
{
  g_autoptr(GError) error = NULL;

  if (!_mdg_sql_exec (_mdg_database_get_handle (db), sql, &error))
    die (error);
}

/* Staff, organizations and consultations written straight in one transaction: the data is the
 * stage, not what is measured. The search index fills through its triggers as usual. */
static void
fill (MdgDatabase *db)
{
  sqlite3 *handle = _mdg_database_get_handle (db);
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 now_unix = g_date_time_to_unix (now);
  sqlite3_stmt *org, *consultation, *event, *category, *follow_up;
  gint64 categories[40];
  guint n_categories = 0, events = 0;
  g_autoptr(GError) error = NULL;

  exec_sql (db, "BEGIN");
  for (int i = 0; i < 12; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO staff (name, kana, role) VALUES ('職員%02d', 'しょくいん%02d', '%s')",
                                              i, i, i < 6 ? "first-line" : "second-line");
      exec_sql (db, sql);
    }
  {
    sqlite3_stmt *stmt;

    sqlite3_prepare_v2 (handle, "SELECT id FROM category WHERE scheme IN ('kind', 'threat') LIMIT 40", -1, &stmt, NULL);
    while (sqlite3_step (stmt) == SQLITE_ROW && n_categories < G_N_ELEMENTS (categories))
      categories[n_categories++] = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }

  sqlite3_prepare_v2 (handle, "INSERT INTO organization (name, kana) VALUES (?, ?)", -1, &org, NULL);
  for (int i = 0; i < 2000; i++)
    {
      g_autofree char *name = g_strdup_printf ("株式会社サンプル%04d", i);
      g_autofree char *kana = g_strdup_printf ("さんぷる%04d", i);

      sqlite3_reset (org);
      sqlite3_bind_text (org, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (org, 2, kana, -1, SQLITE_TRANSIENT);
      sqlite3_step (org);
    }
  sqlite3_finalize (org);

  sqlite3_prepare_v2 (handle,
                      "INSERT INTO consultation (received_at, channel, organization_id, subject, question, answer,"
                      " urgency, state, tier, assignee_id, due_date, answered_at, closed_at, sensitive)"
                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, date(?1, 'unixepoch', 'localtime', '+3 days'),"
                      " ?11, ?12, ?13)",
                      -1, &consultation, NULL);
  sqlite3_prepare_v2 (handle,
                      "INSERT INTO consultation_event (consultation_id, staff_id, action, from_state, to_state, at)"
                      " VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', ?, 'unixepoch'))",
                      -1, &event, NULL);
  sqlite3_prepare_v2 (handle, "INSERT OR IGNORE INTO consultation_category (consultation_id, category_id) VALUES (?, ?)",
                      -1, &category, NULL);
  sqlite3_prepare_v2 (handle, "INSERT INTO follow_up (consultation_id, title, due_date, state, owner_id)"
                              " VALUES (?, 'フォローアップ', date(?, 'unixepoch', '+10 days'), ?, ?)",
                      -1, &follow_up, NULL);

  for (gint64 i = 1; i <= N_CONSULTATIONS; i++)
    {
      /* Two years of consultations, newest with the open states. */
      gint64 received = now_unix - (gint64) ((N_CONSULTATIONS - i) * (2.0 * 365 * 86400 / N_CONSULTATIONS));
      double r = g_rand_double (rand);
      int state = i > N_CONSULTATIONS - 1500 ? (r < 0.4 ? 0 : r < 0.6 ? 1 : r < 0.8 ? 2 : 3) : (r < 0.2 ? 3 : 4);
      gint64 assignee = state == 0 && r < 0.2 ? 0 : 1 + g_rand_int_range (rand, 0, 12);
      g_autofree char *question = g_strdup_printf ("%s%s（事例%05" G_GINT64_FORMAT "）", details[i % G_N_ELEMENTS (details)],
                                                   details[(i * 7) % G_N_ELEMENTS (details)], i);
      int n_events = state == 0 ? 1 : state == 4 ? 5 : 4;

      sqlite3_reset (consultation);
      sqlite3_clear_bindings (consultation);
      sqlite3_bind_int64 (consultation, 1, received);
      sqlite3_bind_text (consultation, 2, channels[g_rand_int_range (rand, 0, 5)], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (consultation, 3, 1 + g_rand_int_range (rand, 0, 2000));
      sqlite3_bind_text (consultation, 4, subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))], -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (consultation, 5, question, -1, SQLITE_TRANSIENT);
      if (state >= 3)
        sqlite3_bind_text (consultation, 6, "ネットワークから切り離し、バックアップから復旧してください。", -1,
                           SQLITE_STATIC);
      sqlite3_bind_text (consultation, 7, urgencies[g_rand_int_range (rand, 0, 4)], -1, SQLITE_STATIC);
      sqlite3_bind_text (consultation, 8, states[state], -1, SQLITE_STATIC);
      sqlite3_bind_text (consultation, 9, state >= 1 && r < 0.5 ? "second-line" : "first-line", -1, SQLITE_STATIC);
      if (assignee > 0)
        sqlite3_bind_int64 (consultation, 10, assignee);
      if (state >= 3)
        sqlite3_bind_int64 (consultation, 11, received + g_rand_int_range (rand, 600, 3 * 86400));
      if (state == 4)
        sqlite3_bind_int64 (consultation, 12, received + g_rand_int_range (rand, 86400, 14 * 86400));
      sqlite3_bind_int (consultation, 13, r < 0.02);
      if (sqlite3_step (consultation) != SQLITE_DONE)
        die (NULL);

      for (int e = 0; e < n_events && events < N_EVENTS; e++, events++)
        {
          sqlite3_reset (event);
          sqlite3_bind_int64 (event, 1, i);
          sqlite3_bind_int64 (event, 2, 1 + (e + i) % 12);
          sqlite3_bind_text (event, 3, e == 0 ? "created" : e == n_events - 1 ? "closed" : "edited", -1, SQLITE_STATIC);
          if (e > 0)
            sqlite3_bind_text (event, 4, "new", -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (event, 4);
          sqlite3_bind_text (event, 5, states[MIN (e, state)], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (event, 6, received + e * 3600);
          sqlite3_step (event);
        }
      for (int c = 0; c < 2; c++)
        {
          sqlite3_reset (category);
          sqlite3_bind_int64 (category, 1, i);
          sqlite3_bind_int64 (category, 2, categories[g_rand_int_range (rand, 0, n_categories)]);
          sqlite3_step (category);
        }
      if (i % 5 == 0)
        {
          sqlite3_reset (follow_up);
          sqlite3_bind_int64 (follow_up, 1, i);
          sqlite3_bind_int64 (follow_up, 2, received);
          sqlite3_bind_text (follow_up, 3, state == 4 || r < 0.5 ? "done" : "open", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (follow_up, 4, 1 + i % 12);
          sqlite3_step (follow_up);
        }
    }
  sqlite3_finalize (consultation);
  sqlite3_finalize (event);
  sqlite3_finalize (category);
  sqlite3_finalize (follow_up);
  /* The rest of the 200 000 events, on the open consultations (they are the busy ones). */
  while (events < N_EVENTS)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO consultation_event (consultation_id, staff_id, action, to_state)"
                                              " VALUES (%d, 1, 'edited', 'new')",
                                              N_CONSULTATIONS - (int) (events % 1500));
      exec_sql (db, sql);
      events++;
    }
  exec_sql (db, "COMMIT");
  exec_sql (db, "ANALYZE");
  if (!mdg_database_checkpoint (db, &error))
    die (error);
}

static double
raw_ms (MdgDatabase *db,
        const char  *sql,
        const char  *text,
        gint64       number)
{
  sqlite3_stmt *stmt = NULL;
  double start = bench_now_ms ();

  if (sqlite3_prepare_v2 (_mdg_database_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("%s: %s\n", sql, sqlite3_errmsg (_mdg_database_get_handle (db)));
      exit (1);
    }
  for (int i = 1; i <= sqlite3_bind_parameter_count (stmt); i++)
    if (text != NULL && i == 1)
      sqlite3_bind_text (stmt, i, text, -1, SQLITE_STATIC);
    else
      sqlite3_bind_int64 (stmt, i, number);
  return bench_drain (stmt, start);
}

/* CPU time of the calling (main) thread: what the list costs the window, whatever the
 * workers do meanwhile and however busy the machine is. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1.0e6;
}

static void
bench_queues (MdgDatabase *db)
{
  static const struct { MdgConsultationQueue queue; const char *floor; } queues[] = {
    { MDG_CONSULTATION_QUEUE_MINE,
      "SELECT * FROM consultation WHERE assignee_id = 8 AND state IN ('new','dispatched','in-progress')"
      " ORDER BY urgency, due_date LIMIT 50" },
    { MDG_CONSULTATION_QUEUE_UNASSIGNED,
      "SELECT * FROM consultation WHERE assignee_id IS NULL AND state = 'new' ORDER BY urgency, due_date LIMIT 50" },
    { MDG_CONSULTATION_QUEUE_DISPATCHED,
      "SELECT * FROM consultation WHERE state = 'dispatched' ORDER BY urgency, due_date LIMIT 50" },
    { MDG_CONSULTATION_QUEUE_WAITING_FOLLOW_UP,
      "SELECT * FROM consultation WHERE id IN (SELECT consultation_id FROM follow_up WHERE state = 'open')"
      " ORDER BY received_at DESC LIMIT 50" },
    { MDG_CONSULTATION_QUEUE_OVERDUE,
      "SELECT * FROM consultation WHERE state IN ('new','dispatched','in-progress') AND due_date < date('now')"
      " ORDER BY urgency, due_date LIMIT 50" },
    { MDG_CONSULTATION_QUEUE_ALL, "SELECT * FROM consultation ORDER BY received_at DESC LIMIT 50" },
  };
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));

    for (int i = 0; i < 30; i++)
      {
        MdgQueueCounts counts;
        double start = bench_now_ms (), t;

        if (!mdg_consultation_store_count_queues (db, 8, NULL, &counts, &error))
          die (error);
        t = bench_now_ms () - start;
        g_array_append_val (ours, t);
        t = raw_ms (db, "SELECT count(*) FILTER (WHERE assignee_id = 8), count(*) FILTER (WHERE state = 'new')"
                        " FROM consultation WHERE state IN ('new','dispatched','in-progress')",
                    NULL, 0);
        g_array_append_val (floor_ms, t);
      }
    bench_report ("queue counts for the sidebar (count_queues)", ours);
    bench_report ("  floor: the open consultations counted by SQLite", floor_ms);
  }

  for (guint q = 0; q < G_N_ELEMENTS (queues); q++)
    {
      g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) main_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) ready_ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *what = NULL;
      guint n = 0;

      for (int i = 0; i < 15; i++)
        {
          g_autoptr(MdgConsultationFilter) filter = mdg_consultation_filter_new (queues[q].queue);
          g_autoptr(GPtrArray) page = NULL;
          g_autoptr(MdgConsultationModel) model = mdg_consultation_model_new (db);
          double start, t, wall, cpu;

          filter->staff_id = 8;
          filter->limit = 50;
          start = bench_now_ms ();
          if (!(page = mdg_consultation_store_list (db, filter, &error)))
            die (error);
          t = bench_now_ms () - start;
          g_array_append_val (ours, t);
          t = raw_ms (db, queues[q].floor, NULL, 0);
          g_array_append_val (floor_ms, t);

          /* The window's way: the lazy model, its first 30 rows asked for as a list view does. */
          filter->limit = 0;
          cpu = thread_cpu_ms ();
          start = bench_now_ms ();
          mdg_consultation_model_set_filter (model, filter);
          while (mdg_consultation_model_get_loading (model))
            g_main_context_iteration (NULL, TRUE);
          n = g_list_model_get_n_items (G_LIST_MODEL (model));
          for (guint r = 0; r < MIN (n, 30); r++)
            g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), r));
          while (mdg_consultation_model_get_pending_pages (model) > 0)
            g_main_context_iteration (NULL, TRUE);
          wall = bench_now_ms () - start;
          t = thread_cpu_ms () - cpu;
          g_array_append_val (main_ms, t);
          g_array_append_val (ready_ms, wall);
        }
      what = g_strdup_printf ("queue “%s”: first 50 as objects (list)", mdg_consultation_queue_to_string (queues[q].queue));
      bench_report (what, ours);
      bench_report ("  floor: the same SELECT, 50 rows, bare SQLite", floor_ms);
      g_free (what);
      what = g_strdup_printf ("  lazy model, %u rows: main-thread CPU time", n);
      bench_report (what, main_ms);
      bench_report ("  lazy model: until the first 30 rows show (worker)", ready_ms);
    }
}

static void
bench_search (MdgDatabase *db)
{
  static const char *keystrokes[] = {
    "ら", "らん", "らんさ", "らんさむ", "ランサムウェア", "振", "振込", "振込先", "振込先の変更",
    "改", "改ざ", "改ざん", "u", "us", "usb", "バックアップ", "事例", "事例0123", "鬱", "zq",
  };
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (int round = 0; round < 5; round++)
    for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
      {
        g_autoptr(MdgConsultationFilter) filter = mdg_consultation_filter_new (MDG_CONSULTATION_QUEUE_ALL);
        g_autoptr(GPtrArray) hits = NULL;
        g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GString) where = g_string_new ("1");
        g_autofree char *sql = NULL;
        sqlite3_stmt *stmt = NULL;
        double start, t;

        filter->query = g_strdup (keystrokes[k]);
        filter->limit = 50;
        start = bench_now_ms ();
        if (!(hits = mdg_consultation_store_list (db, filter, &error)))
          die (error);
        t = bench_now_ms () - start;
        g_array_append_val (ours, t);

        /* The floor: the same search condition, ids only, no objects. */
        _mdg_search_add_clause ("consultation_index", keystrokes[k], where, binds, NULL);
        sql = g_strdup_printf ("SELECT s.rowid FROM consultation_index AS s WHERE %s ORDER BY s.rowid DESC LIMIT 50",
                               where->str);
        start = bench_now_ms ();
        sqlite3_prepare_v2 (_mdg_database_get_handle (db), sql, -1, &stmt, NULL);
        _mdg_search_bind (stmt, binds);
        t = bench_drain (stmt, start);
        g_array_append_val (floor_ms, t);
      }
  bench_report ("search per keystroke, 50 000 consultations (50 hits)", ours);
  bench_report ("  floor: the bare FTS5 MATCH / instr() scan, 50 ids", floor_ms);
}

static void
bench_report_month (MdgDatabase *db)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last = g_date_time_add_months (now, -1);
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pdf_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "bench-report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = g_date_time_new_local (g_date_time_get_year (last), g_date_time_get_month (last), 1, 0, 0, 0);
  gint64 start_unix = g_date_time_to_unix (from);
  guint received = 0;

  for (int i = 0; i < 10; i++)
    {
      MdgMonthlyReport *report;
      g_autoptr(MdgDocument) document = NULL;
      double start = bench_now_ms (), t;

      if (!(report = mdg_report_monthly (db, g_date_time_get_year (last), g_date_time_get_month (last), &error)))
        die (error);
      t = bench_now_ms () - start;
      g_array_append_val (ours, t);
      received = report->received;
      start = bench_now_ms ();
      document = mdg_report_document_new (report, "相談窓口");
      if (!mdg_document_export_pdf (document, path, &error))
        die (error);
      t = bench_now_ms () - start;
      g_array_append_val (pdf_ms, t);

      start = bench_now_ms ();
      t = raw_ms (db, "SELECT channel, state, count(*) FROM consultation WHERE received_at >= ?1"
                      " AND received_at < ?1 + 2678400 GROUP BY channel, state",
                  NULL, start_unix);
      g_array_append_val (floor_ms, t);
    }
  {
    g_autofree char *what = g_strdup_printf ("monthly report figures (%u consultations in the month)", received);
    bench_report (what, ours);
  }
  bench_report ("  floor: one GROUP BY over the month's rows", floor_ms);
  bench_report ("monthly report to PDF (charts drawn, fonts embedded)", pdf_ms);
  g_unlink (path);
}

static void
bench_drafts (MdgDatabase *db)
{
  const char *typed = "経理担当のパソコンに警告が表示され、電話をかけるよう指示されているとの相談。番号には電話していない。";
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) so_far = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 draft = mdg_draft_store_create (db, MDG_DRAFT_KIND_CONSULTATION, 1, 0, &error);

  for (const char *p = typed; *p; p = g_utf8_next_char (p))
    {
      double start = bench_now_ms (), t;

      g_string_append_unichar (so_far, g_utf8_get_char (p));
      if (!mdg_draft_store_set (db, draft, "question", so_far->str, &error))
        die (error);
      t = bench_now_ms () - start;
      g_array_append_val (ours, t);
    }
  bench_report ("intake draft saved per keystroke (a commit each)", ours);
  mdg_draft_store_discard (db, draft, NULL);
}

/* 1 000 messages of the shapes the tests read, each with a Message-ID of its own. */
static GPtrArray *
write_mails (const char *dir,
             const char *fixtures)
{
  /* A run of its own, so that the benchmark can run again on the same database. */
  guint32 run = g_random_int ();
  static const char *shapes[] = { "iso-2022-jp.eml", "shift-jis.eml", "utf-8-qp.eml", "html-only.eml",
                                  "multipart-mixed-pdf.eml" };
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < N_MAILS; i++)
    {
      g_autofree char *source = g_build_filename (fixtures, shapes[i % G_N_ELEMENTS (shapes)], NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GRegex) id = g_regex_new ("Message-ID: <", G_REGEX_CASELESS, 0, NULL);
      g_autofree char *replacement = g_strdup_printf ("Message-ID: <bench-%08x-%04d-", run, i);
      g_autofree char *unique = NULL;
      char *path = g_strdup_printf ("%s/mail-%04d.eml", dir, i);

      if (!g_file_get_contents (source, &contents, NULL, NULL))
        die (NULL);
      unique = g_regex_replace_literal (id, contents, -1, 0, replacement, 0, NULL);
      g_file_set_contents (path, unique, -1, NULL);
      g_ptr_array_add (paths, path);
    }
  return paths;
}

static void
bench_mail (MdgDatabase *db,
            const char  *fixtures)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-mail-XXXXXX", NULL);
  g_autoptr(GPtrArray) paths = write_mails (dir, fixtures);
  g_autoptr(GError) error = NULL;
  double start, gmime_ms, parse_ms, import_ms;

  g_mime_init ();
  /* The floor: GMime's parse of each file, nothing decoded. */
  start = bench_now_ms ();
  for (guint i = 0; i < paths->len; i++)
    {
      GMimeStream *stream = g_mime_stream_file_open (paths->pdata[i], "r", NULL);
      GMimeParser *parser = g_mime_parser_new_with_stream (stream);
      GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);

      g_object_unref (message);
      g_object_unref (parser);
      g_object_unref (stream);
    }
  gmime_ms = bench_now_ms () - start;

  start = bench_now_ms ();
  for (guint i = 0; i < paths->len; i++)
    {
      MdgMailMessage *message = mdg_mail_message_load (paths->pdata[i], &error);

      if (message == NULL)
        die (error);
      mdg_mail_message_free (message);
    }
  parse_ms = bench_now_ms () - start;

  start = bench_now_ms ();
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(MdgMailMessage) message = mdg_mail_message_load (paths->pdata[i], &error);
      MdgMailImportOptions options = { .create_person = TRUE };

      if (message == NULL || !mdg_mail_import (db, 1, message, &options, NULL, &error))
        die (error);
    }
  import_ms = bench_now_ms () - start;

  bench_once ("1 000 .eml files: read and decoded (charsets, HTML, parts)", parse_ms);
  bench_once ("  floor: GMime's parse alone", gmime_ms);
  bench_once ("1 000 .eml files imported (a transaction each)", import_ms);
  for (guint i = 0; i < paths->len; i++)
    g_unlink (paths->pdata[i]);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  gboolean fresh;
  double start;
  int arg = 1;

  setlocale (LC_ALL, "");
  if (argc > 1 && g_str_equal (argv[1], "--smoke"))
    {
      N_CONSULTATIONS = 500;
      N_EVENTS = 2000;
      N_MAILS = 20;
      arg++;
    }
  if (argc != arg + 1)
    {
      g_printerr ("Usage: bench-consultations [--smoke] DATABASE (its consultations go to consultations.db beside it)\n");
      return 2;
    }

  /* The consultations have a database of their own beside the sample's, made when missing. */
  folder = g_path_get_dirname (argv[arg]);
  path = g_build_filename (folder, arg == 2 ? "consultations-smoke.db" : "consultations.db", NULL);
  fresh = !g_file_test (path, G_FILE_TEST_EXISTS);
  start = bench_now_ms ();
  if (!(db = mdg_database_open (path, &error)))
    die (error);
  if (fresh)
    {
      fill (db);
      printf ("%-58s %8.0f ms   (%d consultations, %d events)\n", "create the consultation database",
              bench_now_ms () - start, N_CONSULTATIONS, N_EVENTS);
    }

  bench_queues (db);
  bench_search (db);
  bench_report_month (db);
  bench_drafts (db);
  bench_mail (db, MAIL_FIXTURES);
  return 0;
}
