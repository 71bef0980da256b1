/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-database-private.h"
#include "mdg-demo.h"
#include "mdg-error.h"

/*
 * Realistic sample data for trying Madoguchi out, for screenshots and for benchmarks.
 * It is deterministic: the same size and the same day give the same database (dates
 * are placed around @today so that there are always upcoming and past seminars).
 */

typedef struct { const char *kanji, *kana, *roman; } Name;

static const Name family_names[] = {
  { "佐藤", "さとう", "sato" }, { "鈴木", "すずき", "suzuki" }, { "髙橋", "たかはし", "takahashi" },
  { "田中", "たなか", "tanaka" }, { "伊藤", "いとう", "ito" }, { "渡辺", "わたなべ", "watanabe" },
  { "山本", "やまもと", "yamamoto" }, { "中村", "なかむら", "nakamura" }, { "小林", "こばやし", "kobayashi" },
  { "加藤", "かとう", "kato" }, { "吉田", "よしだ", "yoshida" }, { "山田", "やまだ", "yamada" },
  { "佐々木", "ささき", "sasaki" }, { "山口", "やまぐち", "yamaguchi" }, { "松本", "まつもと", "matsumoto" },
  { "井上", "いのうえ", "inoue" }, { "木村", "きむら", "kimura" }, { "林", "はやし", "hayashi" },
  { "斎藤", "さいとう", "saito" }, { "清水", "しみず", "shimizu" }, { "山﨑", "やまざき", "yamazaki" },
  { "長谷川", "はせがわ", "hasegawa" }, { "服部", "はっとり", "hattori" }, { "馬場", "ばば", "baba" },
  { "青木", "あおき", "aoki" }, { "後藤", "ごとう", "goto" }, { "河野", "こうの", "kono" },
  { "大野", "おおの", "ono" }, { "京極", "きょうごく", "kyogoku" }, { "平田", "ひらた", "hirata" },
};

static const Name given_names[] = {
  { "太郎", "たろう", "taro" }, { "花子", "はなこ", "hanako" }, { "健一", "けんいち", "kenichi" },
  { "美咲", "みさき", "misaki" }, { "翔太", "しょうた", "shota" }, { "陽子", "ようこ", "yoko" },
  { "大輔", "だいすけ", "daisuke" }, { "恵", "めぐみ", "megumi" }, { "誠", "まこと", "makoto" },
  { "由美", "ゆみ", "yumi" }, { "直樹", "なおき", "naoki" }, { "裕子", "ゆうこ", "yuko" },
  { "拓也", "たくや", "takuya" }, { "真由美", "まゆみ", "mayumi" }, { "浩", "ひろし", "hiroshi" },
  { "智子", "ともこ", "tomoko" }, { "和也", "かずや", "kazuya" }, { "千尋", "ちひろ", "chihiro" },
};

static const Name places[] = {
  { "多摩", "たま", "tama" }, { "青梅", "おうめ", "ome" }, { "八王子", "はちおうじ", "hachioji" },
  { "立川", "たちかわ", "tachikawa" }, { "府中", "ふちゅう", "fuchu" }, { "町田", "まちだ", "machida" },
  { "三鷹", "みたか", "mitaka" }, { "調布", "ちょうふ", "chofu" }, { "江東", "こうとう", "koto" },
  { "墨田", "すみだ", "sumida" }, { "大田", "おおた", "ota" }, { "品川", "しながわ", "shinagawa" },
};

static const struct { const char *kanji, *kana, *roman, *industry; } businesses[] = {
  { "精密工業", "せいみつこうぎょう", "seimitsu", "製造業" },
  { "運輸", "うんゆ", "unyu", "運輸業" },
  { "建設", "けんせつ", "kensetsu", "建設業" },
  { "食品", "しょくひん", "shokuhin", "製造業" },
  { "印刷", "いんさつ", "insatsu", "印刷業" },
  { "税理士事務所", "ぜいりしじむしょ", "tax", "士業" },
  { "商事", "しょうじ", "shoji", "卸売・小売業" },
  { "電機", "でんき", "denki", "製造業" },
  { "設計", "せっけい", "sekkei", "建設業" },
  { "歯科医院", "しかいいん", "dental", "医療・福祉" },
  { "ソフトウェア", "そふとうぇあ", "soft", "情報通信業" },
  { "旅館", "りょかん", "ryokan", "宿泊・飲食サービス業" },
};

static const char *municipalities[] = {
  "東京都立川市", "東京都八王子市", "東京都府中市", "東京都町田市", "東京都三鷹市",
  "東京都調布市", "東京都青梅市", "東京都江東区", "東京都墨田区", "東京都大田区",
};

static const char *titles[] = {
  "代表取締役", "総務部長", "情報システム担当", "経理課長", "事務長", "店長", "所長",
  "総務課 主任", "取締役", "IT推進室長",
};

static const char *seminar_titles[] = {
  "中小企業のためのランサムウェア対策セミナー",
  "はじめての情報セキュリティ 基本の5か条",
  "ビジネスメール詐欺（BEC）の手口と対策",
  "テレワーク時代のセキュリティ対策",
  "SECURITY ACTION 宣言ワークショップ",
  "標的型攻撃メール訓練 体験会",
  "クラウドサービス安全利用セミナー",
  "経営者のためのサイバーセキュリティ",
  "情報漏えい事故 もしもの時の初動対応",
  "サポート詐欺・フィッシング被害を防ぐ",
  "IoT機器を踏み台にさせない設定講座",
  "情報セキュリティ規程づくり入門",
};

static const char *venues[] = {
  "立川市女性総合センター アイム 5階 第3学習室",
  "多摩産業振興センター 会議室A",
  "八王子市学園都市センター 第1セミナー室",
  "府中市市民活動センター プラッツ 第2会議室",
  "町田商工会議所 大会議室",
  NULL, /* online only */
};

static const char *co_organizers[] = {
  "立川商工会議所", "多摩信用金庫", "東京都商工会連合会", "八王子市", NULL,
};

static const char *presenters[] = {
  "情報セキュリティ支援センター 佐藤 誠", "中小企業診断士 高田 由美",
  "セキュリティアドバイザー 森 直樹", "IPA 登録セキスペ 林 千尋",
};

static const char *decks[] = {
  "最近のサイバー攻撃と被害事例 2026", "今すぐできる5か条", "ランサムウェアの初動対応",
  "パスワードと多要素認証", "メールの安全な使い方",
};

/*
 * Organizations, people and registrations are written to temporary tables first and
 * moved into theirs with one statement each (stage_move). Inside a transaction every
 * statement that fires the search-index triggers opens a savepoint, and FTS5 flushes its
 * pending terms into a new segment at each one: one statement per person meant a segment
 * and its merges per row, gigabytes through the statement journal. One statement also
 * spares 250 000 round trips through the VM.
 */
typedef enum { STAGE_ORGANIZATION, STAGE_PERSON, STAGE_REGISTRATION, N_STAGES } Stage;

static const struct { const char *table, *columns, *values; } stages[N_STAGES] = {
  { "organization", "name, kana, industry, employees, municipality", "?, ?, ?, ?, ?" },
  { "person",
    "family_name, given_name, family_kana, given_kana, title, email, phone, organization_id,"
    " consent_contact, consent_purpose, consent_at",
    "?, ?, ?, ?, ?, ?, ?, ?, 1, 'セミナー運営と関連情報のご案内', '2026-01-01T00:00:00Z'" },
  { "registration", "seminar_id, person_id, number, status, source, checked_in_at", "?, ?, ?, ?, ?, ?" },
};

typedef struct
{
  sqlite3      *handle;
  GRand        *rand;
  sqlite3_stmt *staged[N_STAGES];
  sqlite3_stmt *seminar;
  sqlite3_stmt *program;
} Filler;

#define PICK(f, array) (array[g_rand_int_range ((f)->rand, 0, G_N_ELEMENTS (array))])

static gboolean
step (Filler       *f,
      sqlite3_stmt *stmt,
      GError      **error)
{
  gboolean ok = _mdg_sql_step_done (f->handle, stmt, error);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

static gboolean
add_organization (Filler  *f,
                  guint    index,
                  GError **error)
{
  const Name *place = &places[index % G_N_ELEMENTS (places)];
  guint b = (index / G_N_ELEMENTS (places)) % G_N_ELEMENTS (businesses);
  guint round = index / (G_N_ELEMENTS (places) * G_N_ELEMENTS (businesses));
  g_autofree char *suffix = round ? g_strdup_printf ("第%u", round + 1) : g_strdup ("");
  g_autofree char *base = g_strconcat (place->kanji, businesses[b].kanji, suffix, NULL);
  g_autofree char *name = NULL;
  g_autofree char *kana = g_strconcat (place->kana, businesses[b].kana, NULL);
  sqlite3_stmt *stmt = f->staged[STAGE_ORGANIZATION];

  switch (index % 3)
    {
    case 0: name = g_strconcat ("株式会社", base, NULL); break;
    case 1: name = g_strconcat (base, "株式会社", NULL); break;
    default: name = g_strconcat ("有限会社", base, NULL); break;
    }

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kana, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, businesses[b].industry, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, g_rand_int_range (f->rand, 3, 300));
  sqlite3_bind_text (stmt, 5, PICK (f, municipalities), -1, SQLITE_STATIC);
  return step (f, stmt, error);
}

static gboolean
add_person (Filler  *f,
            guint    index,
            guint    n_organizations,
            GError **error)
{
  const Name *family = &PICK (f, family_names);
  const Name *given = &PICK (f, given_names);
  guint org = index % n_organizations;
  const Name *place = &places[org % G_N_ELEMENTS (places)];
  guint b = (org / G_N_ELEMENTS (places)) % G_N_ELEMENTS (businesses);
  g_autofree char *email = g_strdup_printf ("%s.%s%u@%s-%s.example.jp", given->roman,
                                            family->roman, index, place->roman, businesses[b].roman);
  g_autofree char *phone = g_strdup_printf ("042-%03d-%04d", g_rand_int_range (f->rand, 500, 600),
                                            g_rand_int_range (f->rand, 0, 10000));
  sqlite3_stmt *stmt = f->staged[STAGE_PERSON];

  sqlite3_bind_text (stmt, 1, family->kanji, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, given->kanji, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, family->kana, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, given->kana, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, PICK (f, titles), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 8, org + 1);
  return step (f, stmt, error);
}

static gboolean
add_program (Filler  *f,
             gint64   seminar_id,
             guint    minutes,
             GError **error)
{
  static const struct { const char *kind; guint minutes; } plan[] = {
    { "presentation", 50 }, { "break", 10 }, { "presentation", 40 }, { "qa", 20 },
    { "consultation", 30 },
  };
  guint used = 0;

  for (guint i = 0; i < G_N_ELEMENTS (plan) && used + plan[i].minutes <= minutes; i++)
    {
      gboolean talk = g_str_equal (plan[i].kind, "presentation");

      sqlite3_bind_int64 (f->program, 1, seminar_id);
      sqlite3_bind_int (f->program, 2, i + 1);
      sqlite3_bind_text (f->program, 3, plan[i].kind, -1, SQLITE_STATIC);
      sqlite3_bind_int (f->program, 4, plan[i].minutes);
      if (talk)
        {
          sqlite3_bind_text (f->program, 5, PICK (f, presenters), -1, SQLITE_STATIC);
          sqlite3_bind_text (f->program, 6, PICK (f, decks), -1, SQLITE_STATIC);
        }
      if (!step (f, f->program, error))
        return FALSE;
      used += plan[i].minutes;
    }
  return TRUE;
}

static gboolean
add_seminar (Filler     *f,
             guint       index,
             GDateTime  *day,
             guint       capacity,
             gboolean    past,
             gint64     *id,
             GError    **error)
{
  g_autoptr(GDateTime) starts = g_date_time_add_hours (day, index % 2 ? 14 : 13);
  g_autoptr(GDateTime) ends = g_date_time_add_minutes (starts, index % 3 ? 150 : 180);
  const char *venue = venues[index % G_N_ELEMENTS (venues)];
  const char *status;

  if (past)
    status = index % 4 == 0 ? "held" : "reported";
  else
    status = index % 5 == 0 ? "planned" : "open";

  sqlite3_bind_text (f->seminar, 1, seminar_titles[index % G_N_ELEMENTS (seminar_titles)], -1,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (f->seminar, 2, g_date_time_to_unix (starts));
  sqlite3_bind_int64 (f->seminar, 3, g_date_time_to_unix (ends));
  if (venue)
    sqlite3_bind_text (f->seminar, 4, venue, -1, SQLITE_STATIC);
  else
    sqlite3_bind_text (f->seminar, 5, "https://meet.example.jp/madoguchi-seminar", -1, SQLITE_STATIC);
  sqlite3_bind_int (f->seminar, 6, capacity);
  if (co_organizers[index % G_N_ELEMENTS (co_organizers)])
    sqlite3_bind_text (f->seminar, 7, co_organizers[index % G_N_ELEMENTS (co_organizers)], -1,
                       SQLITE_STATIC);
  sqlite3_bind_text (f->seminar, 8, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (f->seminar, 9,
                     "最近の被害事例をもとに、中小企業がすぐに取り組める対策を解説します。"
                     "講演のあと、個別相談の時間を設けています。", -1, SQLITE_STATIC);

  if (sqlite3_step (f->seminar) != SQLITE_ROW)
    {
      _mdg_sql_set_error (f->handle, error, _("Could not write the sample data"));
      return FALSE;
    }
  *id = sqlite3_column_int64 (f->seminar, 0);
  if (!step (f, f->seminar, error))
    return FALSE;

  return add_program (f, *id, index % 3 ? 150 : 180, error);
}

static gboolean
add_registrations (Filler  *f,
                   gint64   seminar_id,
                   guint    seminar_index,
                   guint    count,
                   guint    capacity,
                   guint    n_people,
                   gboolean past,
                   GError **error)
{
  sqlite3_stmt *stmt = f->staged[STAGE_REGISTRATION];
  guint active = 0;

  for (guint k = 0; k < count; k++)
    {
      /* 13 is prime to any sample size, so no person registers twice for a seminar. */
      gint64 person = ((gint64) seminar_index * 7919 + (gint64) k * 13) % n_people + 1;
      g_autofree char *number = g_strdup_printf ("%04u", k + 1);
      const char *status = "registered";

      if (g_rand_int_range (f->rand, 0, 100) < 5)
        status = "cancelled";
      else if (capacity > 0 && active >= capacity)
        status = "waitlisted";
      else
        active++;

      sqlite3_bind_int64 (stmt, 1, seminar_id);
      sqlite3_bind_int64 (stmt, 2, person);
      sqlite3_bind_text (stmt, 3, number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, status, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, k % 4 ? "web-form" : "manual", -1, SQLITE_STATIC);
      if (past && g_str_equal (status, "registered") && g_rand_int_range (f->rand, 0, 100) < 85)
        sqlite3_bind_text (stmt, 6, "2026-01-01T00:00:00Z", -1, SQLITE_STATIC);
      if (!step (f, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
prepare (Filler  *f,
         GError **error)
{
  for (Stage i = 0; i < N_STAGES; i++)
    {
      g_autofree char *create = g_strdup_printf ("CREATE TEMP TABLE demo_%s (%s)", stages[i].table,
                                                 stages[i].columns);
      g_autofree char *insert = g_strdup_printf ("INSERT INTO demo_%s (%s) VALUES (%s)", stages[i].table,
                                                 stages[i].columns, stages[i].values);

      if (!_mdg_sql_exec (f->handle, create, error) ||
          !(f->staged[i] = _mdg_sql_prepare (f->handle, insert, error)))
        return FALSE;
    }

  f->seminar = _mdg_sql_prepare (f->handle,
                                 "INSERT INTO seminar (title, starts_at, ends_at, venue, online_url,"
                                 " capacity, co_organizer, status, description)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", error);
  if (f->seminar)
    f->program = _mdg_sql_prepare (f->handle,
                                   "INSERT INTO program_item (seminar_id, position, kind, minutes,"
                                   " presenter, deck_title) VALUES (?, ?, ?, ?, ?, ?)", error);
  return f->program != NULL;
}

/* Moves what was staged into its table, in staging order: ids run from 1 in an empty
 * database, as the people's organization_id and the registrations' person_id expect. */
static gboolean
stage_move (Filler  *f,
            Stage    stage,
            GError **error)
{
  g_autofree char *move = g_strdup_printf ("INSERT INTO %s (%s) SELECT %s FROM demo_%s ORDER BY rowid",
                                           stages[stage].table, stages[stage].columns,
                                           stages[stage].columns, stages[stage].table);

  return _mdg_sql_exec (f->handle, move, error);
}

static gboolean
fill (Filler         *f,
      MdgDemoSize     size,
      GDateTime      *today,
      MdgDemoCounts  *counts,
      GError        **error)
{
  gboolean large = size == MDG_DEMO_SIZE_LARGE;
  guint n_seminars = large ? 200 : 12;
  guint n_orgs = large ? 8000 : 40;
  guint n_people = large ? 100000 : 160;
  guint remaining = large ? 150000 : 300;

  for (guint i = 0; i < n_orgs; i++)
    if (!add_organization (f, i, error))
      return FALSE;
  for (guint i = 0; i < n_people; i++)
    if (!add_person (f, i, n_orgs, error))
      return FALSE;
  if (!stage_move (f, STAGE_ORGANIZATION, error) || !stage_move (f, STAGE_PERSON, error))
    return FALSE;

  for (guint i = 0; i < n_seminars; i++)
    {
      /* Half the seminars lie ahead, half behind, spread a few days apart. */
      int offset = ((int) i - (int) n_seminars / 2) * (large ? 3 : 9) + (large ? 1 : 3);
      g_autoptr(GDateTime) day = g_date_time_add_days (today, offset);
      gboolean past = offset < 0;
      guint count, capacity;
      gint64 id;

      /* The first seminar is the big one that the benchmarks open. */
      if (large && i == n_seminars / 2)
        count = 1000;
      else
        count = remaining / MAX (1, (n_seminars - i)) ;
      count = MIN (count, remaining);
      capacity = count > 0 ? count + count / 5 : 40;
      if (!large && i % 4 == 1)
        capacity = count * 9 / 10; /* a full one, with a waitlist */

      if (!add_seminar (f, i, day, capacity, past, &id, error) ||
          !add_registrations (f, id, i, count, capacity, n_people, past, error))
        return FALSE;
      remaining -= count;
      counts->registrations += count;
    }
  if (!stage_move (f, STAGE_REGISTRATION, error))
    return FALSE;

  counts->seminars = n_seminars;
  counts->organizations = n_orgs;
  counts->people = n_people;
  return TRUE;
}

/**
 * mdg_demo_fill:
 * @db: an empty #MdgDatabase
 * @size: how much data
 * @today: the day to place seminars around (its time of day is ignored)
 * @counts: (out) (optional): what was written
 * @error: a location for a #GError
 *
 * Fills an empty database with sample seminars, organizations, people and
 * registrations, in one transaction. Refuses a database that holds data.
 */
gboolean
mdg_demo_fill (MdgDatabase    *db,
               MdgDemoSize     size,
               GDateTime      *today,
               MdgDemoCounts  *counts,
               GError        **error)
{
  Filler f = { 0 };
  MdgDemoCounts local = { 0 };
  g_autoptr(GDateTime) midnight = NULL;
  gboolean ok;

  g_return_val_if_fail (MDG_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (!mdg_database_is_empty (db))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_EMPTY,
                   _("“%s” already holds data; sample data goes only into an empty database"),
                   mdg_database_get_path (db));
      return FALSE;
    }

  midnight = g_date_time_new_local (g_date_time_get_year (today), g_date_time_get_month (today),
                                    g_date_time_get_day_of_month (today), 0, 0, 0);
  f.handle = _mdg_database_get_handle (db);
  f.rand = g_rand_new_with_seed (20261126);

  ok = mdg_database_begin (db, error) && prepare (&f, error) &&
       fill (&f, size, midnight, &local, error) && mdg_database_commit (db, error);
  if (!ok)
    mdg_database_rollback (db);

  for (Stage i = 0; i < N_STAGES; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TABLE IF EXISTS temp.demo_%s", stages[i].table);

      g_clear_pointer (&f.staged[i], sqlite3_finalize);
      sqlite3_exec (f.handle, drop, NULL, NULL, NULL);
    }
  g_clear_pointer (&f.seminar, sqlite3_finalize);
  g_clear_pointer (&f.program, sqlite3_finalize);
  g_rand_free (f.rand);

  if (ok && counts)
    *counts = local;
  return ok;
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(MdgDatabase) db = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  GError *error = NULL;

  /* The first open of the sample database, which creates and migrates it: the main,
   * preparing open, here in a worker because filling it takes a while. */
  db = mdg_database_open (task_data, &error);
  if (db != NULL && mdg_database_is_empty (db))
    mdg_demo_fill (db, MDG_DEMO_SIZE_SMALL, today, NULL, &error);
  /* Closed before the caller hears of it: the window's connection is then the only one. */
  g_clear_object (&db);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mdg_demo_prepare_async:
 * @path: the sample database, never the user's own
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the sample database is ready to open
 * @user_data: data for @callback
 *
 * Creates the sample database with small sample data when it is missing or empty,
 * in a worker thread. A sample database that already holds data (the user explored
 * it before) is left as it is.
 */
void
mdg_demo_prepare_async (const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_demo_prepare_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, prepare_thread);
}

gboolean
mdg_demo_prepare_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
