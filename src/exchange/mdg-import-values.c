/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mdg-import-values"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mdg-import-values-private.h"
#include "mdg-kana.h"

/*
 * How the importer reads the values forms write: times in every way Japanese forms
 * and Excel write them (Japan time unless they say), company sizes (48人, １２０名),
 * yes and no to consent, venue or online, a registration's status, and a name typed
 * without its space, split by its reading where the reading shows how.
 */

/* Whether @folded holds any of @words. */
gboolean
_mdg_import_mentions (const char         *folded,
                      const char *const  *words)
{
  for (guint i = 0; words[i]; i++)
    if (strstr (folded, words[i]))
      return TRUE;
  return FALSE;
}

static GTimeZone *
japan (void)
{
  static GTimeZone *zone = NULL;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *tz = g_time_zone_new_identifier ("Asia/Tokyo");

      /* Without tzdata the offset is still right: Japan has had no summer time since 1951. */
      g_once_init_leave (&zone, tz ? tz : g_time_zone_new_offset (9 * 3600));
    }
  return zone;
}

static GRegex *
time_regex (gboolean month_first)
{
  static GRegex *regex[2];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* After NFKC: 2026/11/2 9:15, 2026-11-02 09:15:32, 2026年11月02日 09時15分,
       * 2026/11/02 午後 3:15:00, 2026-11-02T09:15:00+09:00; and 11/2/2026 9:15 AM. */
#define TIME_PART                                                                   \
  "(?:(?:\\s*\\([^)]{1,3}\\))?[\\sT]*(午前|午後|am|pm)?\\s*(\\d{1,2})\\s*[:時]\\s*(\\d{1,2})\\s*分?" \
  "(?:\\s*:?\\s*(\\d{1,2})(?:\\.\\d+)?\\s*秒?)?\\s*(am|pm|午前|午後)?)?"                       \
  "\\s*(z|[+-]\\d{1,2}:?\\d{2}|(?:gmt|utc)\\s*(?:[+-]\\d{1,2}(?::?\\d{2})?)?|jst)?\\s*$"
      regex[0] = g_regex_new ("^(\\d{4})\\s*[/.年-]\\s*(\\d{1,2})\\s*[/.月-]\\s*(\\d{1,2})\\s*日?" TIME_PART,
                              G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      regex[1] = g_regex_new ("^(\\d{1,2})/(\\d{1,2})/(\\d{4})" TIME_PART, G_REGEX_CASELESS | G_REGEX_OPTIMIZE,
                              0, NULL);
#undef TIME_PART
      g_assert (regex[0] != NULL && regex[1] != NULL);
      g_once_init_leave (&initialized, 1);
    }
  return regex[month_first];
}

static int
group_int (GMatchInfo *match,
           int         group)
{
  g_autofree char *text = g_match_info_fetch (match, group);

  return text && *text ? atoi (text) : -1;
}

static GTimeZone *
zone_from (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  const char *p = lower;
  int sign, hours = 0, minutes = 0;

  if (*p == '\0' || g_str_equal (p, "jst"))
    return g_time_zone_ref (japan ());
  if (g_str_equal (p, "z"))
    return g_time_zone_new_utc ();
  if (g_str_has_prefix (p, "gmt") || g_str_has_prefix (p, "utc"))
    p += 3;
  while (*p == ' ')
    p++;
  if (*p == '\0')
    return g_time_zone_new_utc ();
  sign = *p == '-' ? -1 : 1;
  p++;
  hours = (int) g_ascii_strtoll (p, (char **) &p, 10);
  if (hours >= 100) /* +0900 */
    {
      minutes = hours % 100;
      hours /= 100;
    }
  else if (*p == ':')
    minutes = (int) g_ascii_strtoll (p + 1, NULL, 10);
  if (hours > 14 || minutes > 59)
    return NULL;
  return g_time_zone_new_offset (sign * (hours * 3600 + minutes * 60));
}

/**
 * mdg_import_parse_time:
 * @text: a time as a form writes it
 *
 * Reads the time someone applied: 2026/11/2 9:15, 2026/11/02 09:15:32, 2026-11-02 09:15,
 * 2026年11月02日 09時15分, 午前/午後 or AM/PM, full-width digits, ISO 8601. Japan time
 * unless the value gives its offset (Z, +09:00, GMT+9, UTC).
 *
 * Returns: (transfer full) (nullable): the time, or %NULL when @text is not one
 */
GDateTime *
mdg_import_parse_time (const char *text)
{
  g_autofree char *normal = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *zone_text = NULL;
  g_autofree char *half = NULL;
  g_autofree char *half_after = NULL;
  gboolean month_first = FALSE;
  int year, month, day, hour, minute, second;

  if (normal == NULL || *g_strstrip (normal) == '\0')
    return NULL;
  if (!g_regex_match (time_regex (FALSE), normal, 0, &match))
    {
      g_clear_pointer (&match, g_match_info_unref);
      if (!g_regex_match (time_regex (TRUE), normal, 0, &match))
        return NULL;
      month_first = TRUE;
    }

  year = group_int (match, month_first ? 3 : 1);
  month = group_int (match, month_first ? 1 : 2);
  day = group_int (match, month_first ? 2 : 3);
  hour = MAX (0, group_int (match, 5));
  minute = MAX (0, group_int (match, 6));
  second = MAX (0, group_int (match, 7));
  half = g_match_info_fetch (match, 4);
  half_after = g_match_info_fetch (match, 8);
  zone_text = g_match_info_fetch (match, 9);

  if ((half && *half) || (half_after && *half_after))
    {
      const char *marker = half && *half ? half : half_after;
      gboolean pm = g_ascii_strcasecmp (marker, "pm") == 0 || g_str_equal (marker, "午後");

      if (hour < 1 || hour > 12)
        return NULL;
      hour = hour % 12 + (pm ? 12 : 0);
    }
  if (!(zone = zone_from (zone_text ? zone_text : "")))
    return NULL;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return NULL;
  if (day > g_date_get_days_in_month (month, year))
    return NULL;
  return g_date_time_new (zone, year, month, day, hour, minute, second);
}

/**
 * mdg_import_parse_employees:
 * @text: a company size as a form writes it: 48人, ４８名, 1,200, 約50人
 * @employees: (out): the number
 *
 * Returns: %FALSE for ranges (10〜49人), bounds (300人以上) and anything not a number
 */
gboolean
mdg_import_parse_employees (const char *text,
                            guint      *employees)
{
  g_autofree char *normal = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  GString *digits;
  const char *p;
  guint64 value;
  gboolean ok;

  if (normal == NULL)
    return FALSE;
  p = g_strstrip (normal);
  if (g_str_has_prefix (p, "約"))
    p += strlen ("約");
  else if (g_str_has_prefix (p, "およそ"))
    p += strlen ("およそ");
  while (*p == ' ')
    p++;

  digits = g_string_new (NULL);
  for (; g_ascii_isdigit (*p) || (*p == ',' && digits->len > 0); p++)
    if (*p != ',')
      g_string_append_c (digits, *p);
  while (*p == ' ')
    p++;
  /* Only a unit may follow: a range or a bound is not one number. */
  ok = digits->len > 0 && digits->len < 10 &&
       (*p == '\0' || g_str_equal (p, "人") || g_str_equal (p, "名") || g_ascii_strcasecmp (p, "people") == 0 ||
        g_ascii_strcasecmp (p, "employees") == 0);
  ok = ok && g_ascii_string_to_unsigned (digits->str, 10, 0, G_MAXINT, &value, NULL);
  g_string_free (digits, TRUE);
  if (ok)
    *employees = (guint) value;
  return ok;
}

MdgConsentAnswer
_mdg_import_parse_consent (const char *cell,
               gboolean   *understood)
{
  static const char *const no[] = { "しない", "しません", "不同意", "いいえ", "disagree", "拒否", NULL };
  static const char *const yes_words[] = { "同意", "承諾", "了承", "了解", "はい", "agree", "yes", NULL };
  static const char *const yes_marks[] = { "✓", "✔", "○", "〇", "◯", "y", "true", "1", "ok", "済", NULL };
  static const char *const no_marks[] = { "no", "n", "false", "0", "×", "✗", "x", NULL };
  g_autofree char *folded = cell ? mdg_kana_fold (cell, -1) : NULL;

  *understood = TRUE;
  if (folded == NULL || *folded == '\0')
    {
      *understood = FALSE;
      return MDG_CONSENT_NO;
    }
  if (_mdg_import_mentions (folded, no))
    return MDG_CONSENT_NO;
  if (_mdg_import_mentions (folded, yes_words) || g_strv_contains (yes_marks, folded))
    return MDG_CONSENT_YES;
  if (g_strv_contains (no_marks, folded))
    return MDG_CONSENT_NO;
  *understood = FALSE;
  return MDG_CONSENT_NO;
}

MdgAttendance
_mdg_import_parse_attendance (const char *cell)
{
  static const char *const online[] = { "おんらいん", "online", "うぇびなー", "webinar", "配信", "zoom", "teams",
                                        "りもーと", "remote", "視聴", "web参加", "web受講", "webex", NULL };
  static const char *const venue[] = { "会場", "来場", "現地", "対面", "おふらいん", "offline", "venue", "集合",
                                       "inperson", "in person", "りある", "教室", NULL };
  g_autofree char *folded = mdg_kana_fold (cell, -1);
  gboolean is_online, is_venue;

  if (folded == NULL)
    return MDG_ATTENDANCE_UNKNOWN;
  is_online = _mdg_import_mentions (folded, online);
  is_venue = _mdg_import_mentions (folded, venue);
  if (is_online == is_venue)
    return MDG_ATTENDANCE_UNKNOWN;
  return is_online ? MDG_ATTENDANCE_ONLINE : MDG_ATTENDANCE_VENUE;
}

/* connpass: 参加/補欠/参加キャンセル; Peatix: キャンセル済み; Doorkeeper and forms alike. */
gboolean
_mdg_import_parse_status (const char            *cell,
              MdgRegistrationStatus *status)
{
  static const char *const waiting[] = { "補欠", "待ち", "waitlist", "waiting", "順番待ち", NULL };
  static const char *const cancelled[] = { "きゃんせる", "取消", "取り消", "辞退", "cancel", "欠席連絡", NULL };
  static const char *const registered[] = { "参加", "申込", "申し込", "受付", "登録", "確定", "有効", "当選", "支払",
                                            "決済", "出席", "予約", "購入", "registered", "confirmed", "attending",
                                            "going", "paid", "accepted", "approved", "無料", "free", NULL };
  g_autofree char *folded = mdg_kana_fold (cell, -1);

  if (folded == NULL)
    return FALSE;
  if (_mdg_import_mentions (folded, waiting))
    *status = MDG_REGISTRATION_STATUS_WAITLISTED;
  else if (_mdg_import_mentions (folded, cancelled))
    *status = MDG_REGISTRATION_STATUS_CANCELLED;
  else if (_mdg_import_mentions (folded, registered))
    *status = MDG_REGISTRATION_STATUS_REGISTERED;
  else
    return FALSE;
  return TRUE;
}

/* Splits "髙橋 恵" at the first space (full-width too). Returns whether there was one. */
gboolean
_mdg_import_split_at_space (const char  *full,
                char       **family,
                char       **given)
{
  const char *p;

  for (p = full; *p; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      break;
  *family = g_strndup (full, p - full);
  *given = *p ? g_strstrip (g_strdup (g_utf8_next_char (p))) : NULL;
  if (*given && **given == '\0')
    g_clear_pointer (given, g_free);
  return *given != NULL;
}

static gboolean
is_kanji (gunichar c)
{
  return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) ||
         c == 0x3005 /* 々 */ || c == 0x30F6 /* ヶ */ || c == 0x30F5;
}

/* How unevenly a split gives kana to kanji on each side: 1 is even, 2 twice as many on one side. */
static double
split_cost (guint family_kana,
            guint given_kana,
            guint k,
            guint n)
{
  double ratio = ((double) family_kana / k) / ((double) given_kana / (n - k));

  return ratio >= 1 ? ratio : 1 / ratio;
}

/*
 * The commonest family names: a name typed without its space most often starts with
 * one. Only a split the reading agrees with is taken.
 */
static const char *const family_names[] = {
  "長谷川", "佐々木", "五十嵐", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
  "吉田", "山田", "山口", "松本", "井上", "木村", "斎藤", "清水", "山崎", "池田", "橋本", "阿部", "石川", "山下",
  "中島", "石井", "小川", "前田", "岡田", "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本", "斉藤", "福田",
  "太田", "西村", "藤井", "金子", "岡本", "藤原", "中野", "三浦", "原田", "中川", "松田", "竹内", "小野", "田村",
  "中山", "和田", "石田", "森田", "上田", "内田", "柴田", "酒井", "宮崎", "横山", "高木", "安藤", "宮本", "大野",
  "小島", "谷口", "工藤", "高田", "丸山", "増田", "杉山", "村田", "大塚", "小山", "平野", "藤本", "河野", "上野",
  "野口", "武田", "松井", "千葉", "岩崎", "菅原", "木下", "久保", "佐野", "野村", "松尾", "菊地", "杉本", "市川",
  "渡部", "菊池", "林", "森", "原",
};

/**
 * mdg_import_split_name:
 * @name: a full name typed without a space: 山﨑太郎
 * @family_kana: the family name's reading: やまさき
 * @given_kana: the given name's reading: たろう
 * @family: (out) (transfer full): the family name, when split
 * @given: (out) (transfer full): the given name, when split
 *
 * Splits a name the reading shows how to split: a name that ends with its given
 * reading in kana (佐藤まゆみ), or kanji whose readings share out evenly (山﨑|太郎:
 * 2 kanji for やまさき, 2 for たろう), helped by the commonest family names.
 *
 * Returns: whether the name could be split with confidence
 */
gboolean
mdg_import_split_name (const char  *name,
                       const char  *family_kana,
                       const char  *given_kana,
                       char       **family,
                       char       **given)
{
  g_autofree char *folded = NULL, *folded_family_kana = NULL, *folded_given_kana = NULL, *variant_folded = NULL;
  g_autofree gunichar *chars = NULL;
  glong n = 0;
  guint lf, lg, best = 0;
  double best_cost = G_MAXDOUBLE, second_cost = G_MAXDOUBLE;

  *family = *given = NULL;
  if (name == NULL || family_kana == NULL || given_kana == NULL || !*family_kana || !*given_kana)
    return FALSE;
  chars = g_utf8_to_ucs4 (name, -1, NULL, &n, NULL);
  if (chars == NULL || n < 2)
    return FALSE;

  folded = mdg_kana_fold (name, -1);
  folded_family_kana = mdg_kana_fold (family_kana, -1);
  folded_given_kana = mdg_kana_fold (given_kana, -1);
  lf = g_utf8_strlen (folded_family_kana, -1);
  lg = g_utf8_strlen (folded_given_kana, -1);

  /* Kana written as it reads, at either end. */
  if (g_str_has_suffix (folded, folded_given_kana) && strlen (folded) > strlen (folded_given_kana))
    best = n - g_utf8_strlen (folded_given_kana, -1);
  else if (g_str_has_prefix (folded, folded_family_kana) && strlen (folded) > strlen (folded_family_kana))
    best = g_utf8_strlen (folded_family_kana, -1);

  if (best == 0)
    {
      for (glong i = 0; i < n; i++)
        if (!is_kanji (chars[i]))
          return FALSE;

      /* A common family name the reading agrees with. */
      variant_folded = mdg_kana_fold (name, -1);
      for (guint i = 0; i < G_N_ELEMENTS (family_names) && best == 0; i++)
        {
          guint k = g_utf8_strlen (family_names[i], -1);

          if ((glong) k < n && g_str_has_prefix (variant_folded, family_names[i]) &&
              split_cost (lf, lg, k, n) <= 2.1)
            best = k;
        }

      /* Otherwise the split that shares the readings out most evenly, if it clearly is. */
      if (best == 0)
        {
          guint even = 0;

          for (glong k = 1; k < n; k++)
            {
              double cost = split_cost (lf, lg, k, n);

              if (cost < best_cost)
                {
                  second_cost = best_cost;
                  best_cost = cost;
                  even = k;
                }
              else if (cost < second_cost)
                second_cost = cost;
            }
          if (best_cost > 1.8 || second_cost < best_cost * 1.4)
            return FALSE;
          best = even;
        }
    }

  if (best == 0 || (glong) best >= n)
    return FALSE;
  *family = g_ucs4_to_utf8 (chars, best, NULL, NULL, NULL);
  *given = g_ucs4_to_utf8 (chars + best, n - best, NULL, NULL, NULL);
  return *family != NULL && *given != NULL;
}

