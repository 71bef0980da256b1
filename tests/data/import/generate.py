#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the registration exports the importer is tested with, and what it must make of them.

One truth table (PEOPLE below) is written out the way each service or form exports it:
connpass, Peatix, Google Forms, Microsoft Forms through Excel, Doorkeeper and a municipal
seminar form. Every format gets the encodings and line endings its platform writes
(UTF-8 with or without BOM, CP932 as Japanese Excel saves it, CRLF), and an updated export
with new rows, cancellations and a changed phone. Beside each file, expected-*.tsv holds
what `attendees list --json` must say after the import, field by field; test-import.c
compares them. Run it from anywhere: it writes next to itself. The outputs are committed.
"""

import csv
import io
import json
import os
import random
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = datetime(2026, 11, 2, 9, 15)

KATA = {chr(c): chr(c + 0x60) for c in range(0x3041, 0x3097)}


def katakana(text):
    return "".join(KATA.get(c, c) for c in text) if text else text


# family, given, family kana, given kana (hiragana), organization, its reading, industry,
# employees as written, employees as a number (None: not one number), address, department,
# title, e-mail user, attendance, question, consent
PEOPLE = [
    ("髙橋", "恵", "たかはし", "めぐみ", "株式会社山﨑製作所", "やまさきせいさくしょ", "製造業", "48人", 48,
     "東京都立川市錦町1-2-3", "総務部", "部長", "megumi.takahashi", "venue",
     "ランサムウェアに感染した場合、\n最初に何をすべきですか？", True),
    ("山﨑", "太郎", "やまさき", "たろう", "㈱博多ソフト", "はかたそふと", "情報通信業", "１２０名", 120,
     "福岡県福岡市博多区博多駅前2-1-1", "開発部", "課長", "taro.yamasaki", "online",
     "クラウド移行時のバックアップ方針について伺いたいです。", True),
    ("𠮷田", "花子", "よしだ", "はなこ", "有限会社①商事", "いちしょうじ", "卸売業", "約50人", 50,
     "東京都八王子市旭町9-1", "経理課", None, "hanako.yoshida", "venue", None, True),
    ("佐藤", "健", "さとう", "けん", "立川精密工業株式会社", "たちかわせいみつこうぎょう", "製造業", "1,200人", 1200,
     "東京都立川市曙町2-8-5", "情報システム課", "主任", "ken.sato", "venue", None, True),
    ("鈴木", "一郎", "すずき", "いちろう", "青梅運輸株式会社", "おうめうんゆ", "運輸業", "10〜49人", None,
     "東京都青梅市東青梅1-11-1", "業務部", "係長", "ichiro.suzuki", "online",
     "テレワーク端末の管理で最低限やるべきことは？", True),
    ("長谷川", "花子", "はせがわ", "はなこ", "合同会社ゆめ企画", "ゆめきかく", "サービス業", "8人", 8,
     "東京都国立市中1-1-1", None, "代表社員", "hanako.hasegawa", "venue", None, True),
    ("渡辺", "健", "わたなべ", "けん", "株式会社渡辺建設", "わたなべけんせつ", "建設業", "35人", 35,
     "東京都日野市神明1-12-1", "総務部", "専務取締役", "ken.watanabe", "venue", None, True),
    ("伊藤", "美咲", "いとう", "みさき", "医療法人社団いとう会", "いとうかい", "医療・福祉", "60人", 60,
     "東京都府中市宮西町2-24", "事務局", "事務長", "misaki.ito", "online",
     "電子カルテ端末のUSB利用を禁止すべきでしょうか。", True),
    ("中村", "大輔", "なかむら", "だいすけ", "中村印刷株式会社", "なかむらいんさつ", "印刷業", "22人", 22,
     "東京都八王子市明神町4-1-2", "営業部", None, "daisuke.nakamura", "venue", None, False),
    ("小林", "直樹", "こばやし", "なおき", "株式会社小林電機", "こばやしでんき", "製造業", "95人", 95,
     "東京都昭島市田中町1-17-1", "品質保証部", "部長", "naoki.kobayashi", "venue",
     "取引先から情報セキュリティの確認シートが届きました。\nどこまで答えればよいですか。", True),
    ("加藤", "由美", "かとう", "ゆみ", "加藤会計事務所", "かとうかいけいじむしょ", "専門サービス業", "6人", 6,
     "東京都立川市柴崎町3-1-1", None, "所長", "yumi.kato", "online", None, True),
    ("山本", "翔", "やまもと", "しょう", "株式会社山本フーズ", "やまもとふーず", "食料品製造業", "140人", 140,
     "東京都あきる野市秋川1-1-1", "管理部", "課長", "sho.yamamoto", "venue", None, True),
    ("田中", "聡", "たなか", "さとし", "田中工務店", "たなかこうむてん", "建設業", "12人", 12,
     "東京都福生市本町5", None, "代表", "satoshi.tanaka", "venue", "見積書を装ったメールへの対処法を知りたい。", True),
    ("斎藤", "真由美", "さいとう", "まゆみ", "株式会社さいとう薬局", "さいとうやっきょく", "小売業", "30人", 30,
     "東京都国分寺市本町2-1-23", "本部", "薬局長", "mayumi.saito", "online", None, True),
    ("松本", "修", "まつもと", "おさむ", "松本精機株式会社", "まつもとせいき", "製造業", "75人", 75,
     "東京都武蔵村山市本町1-1-1", "生産管理課", None, "osamu.matsumoto", "venue", None, True),
    ("井上", "沙織", "いのうえ", "さおり", "株式会社井上デザイン", "いのうえでざいん", "デザイン業", "4人", 4,
     "東京都立川市高松町3-14-11", None, "代表取締役", "saori.inoue", "online", None, True),
    ("木村", "拓也", "きむら", "たくや", "木村物流株式会社", "きむらぶつりゅう", "運輸業", "210人", 210,
     "東京都瑞穂町箱根ケ崎2335", "情報システム部", "部長代理", "takuya.kimura", "venue", None, True),
    ("林", "大介", "はやし", "だいすけ", "林法律事務所", "はやしほうりつじむしょ", "専門サービス業", "9人", 9,
     "東京都立川市曙町1-25-12", None, "弁護士", "daisuke.hayashi", "venue", None, True),
    ("清水", "陽子", "しみず", "ようこ", "清水歯科医院", "しみずしかいいん", "医療・福祉", "7人", 7,
     "東京都小平市学園東町1-1-1", None, "院長", "yoko.shimizu", "online", None, True),
    ("山口", "誠", "やまぐち", "まこと", "山口自動車整備株式会社", "やまぐちじどうしゃせいび", "自動車整備業", "18人", 18,
     "東京都東大和市南街5-1", "工場", "工場長", "makoto.yamaguchi", "venue", None, True),
    ("森", "彩", "もり", "あや", "森不動産株式会社", "もりふどうさん", "不動産業", "15人", 15,
     "東京都立川市錦町2-1-1", "賃貸管理部", None, "aya.mori", "venue", None, True),
    ("池田", "健太", "いけだ", "けんた", "池田電設株式会社", "いけだでんせつ", "建設業", "40人", 40,
     "東京都国立市富士見台1-1", "工事部", "主任", "kenta.ikeda", "online", None, True),
    ("関", "亜希子", "せき", "あきこ", "関社会保険労務士事務所", "せきしゃかいほけんろうむしじむしょ", "専門サービス業", "3人", 3,
     "東京都日野市多摩平1-1-1", None, "所長", "akiko.seki", "online", None, True),
    ("石川", "亮", "いしかわ", "りょう", "石川製菓株式会社", "いしかわせいか", "食料品製造業", "88人", 88,
     "東京都八王子市狭間町1453-1", "総務課", "課長", "ryo.ishikawa", "venue", None, True),
    ("前田", "恵美", "まえだ", "えみ", "前田税理士法人", "まえだぜいりし", "専門サービス業", "25人", 25,
     "東京都立川市曙町2-22-20", "監査部", None, "emi.maeda", "venue", None, True),
    ("藤田", "浩二", "ふじた", "こうじ", "藤田鉄工所", "ふじたてっこうしょ", "製造業", "33人", 33,
     "東京都昭島市拝島町3947", None, "工場長", "koji.fujita", "venue", None, True),
    ("後藤", "舞", "ごとう", "まい", "ごとう保育園", "ごとうほいくえん", "教育・保育", "20人", 20,
     "東京都立川市富士見町1-1", None, "園長", "mai.goto", "online", None, True),
    ("近藤", "達也", "こんどう", "たつや", "近藤商店", "こんどうしょうてん", "小売業", "5人", 5,
     "東京都青梅市本町1-1", None, "店主", "tatsuya.kondo", "venue", None, True),
    ("遠藤", "香織", "えんどう", "かおり", "株式会社遠藤旅行社", "えんどうりょこうしゃ", "旅行業", "28人", 28,
     "東京都八王子市旭町1-8", "営業部", "部長", "kaori.endo", "online", None, True),
    ("青木", "雄一", "あおき", "ゆういち", "青木化学工業株式会社", "あおきかがくこうぎょう", "化学工業", "160人", 160,
     "東京都羽村市神明台1-1", "環境安全部", "課長", "yuichi.aoki", "venue", None, True),
    ("坂本", "麻衣", "さかもと", "まい", "坂本デンタルラボ", "さかもとでんたるらぼ", "医療・福祉", "11人", 11,
     "東京都立川市栄町1-1", None, None, "mai.sakamoto", "venue", None, True),
    ("福田", "正樹", "ふくだ", "まさき", "福田建材株式会社", "ふくだけんざい", "卸売業", "52人", 52,
     "東京都武蔵野市吉祥寺本町1-1", "業務課", "係長", "masaki.fukuda", "online", None, True),
    ("太田", "千尋", "おおた", "ちひろ", "太田クリニック", "おおたくりにっく", "医療・福祉", "14人", 14,
     "東京都三鷹市下連雀3-1", None, "事務長", "chihiro.ota", "venue", None, True),
    ("西村", "和也", "にしむら", "かずや", "西村システム株式会社", "にしむらしすてむ", "情報通信業", "67人", 67,
     "東京都立川市緑町3-1", "技術部", "部長", "kazuya.nishimura", "venue", "社内のWi-Fiの暗号化方式の見直しについて", True),
]

# Rows the updated exports add, applied after everyone above.
NEWCOMERS = [
    ("岡本", "優", "おかもと", "ゆう", "岡本製作所", "おかもとせいさくしょ", "製造業", "19人", 19,
     "東京都立川市一番町2-1", None, "代表", "yu.okamoto", "venue", None, True),
    ("三浦", "里奈", "みうら", "りな", "株式会社三浦企画", "みうらきかく", "広告業", "10人", 10,
     "東京都国立市東1-1", None, None, "rina.miura", "online", "メール誤送信の防止策を教えてください。", True),
    ("原田", "修平", "はらだ", "しゅうへい", "原田運送有限会社", "はらだうんそう", "運輸業", "44人", 44,
     "東京都日野市日野本町1-1", "配車課", None, "shuhei.harada", "venue", None, True),
]

FIELDS = ["number", "status", "family_name", "given_name", "family_kana", "given_kana", "organization",
          "organization_kana", "industry", "employees", "address", "title", "department", "email", "phone",
          "applied_at", "attendance", "questions", "consent", "consent_at", "answers"]


class Person:
    def __init__(self, index, row):
        (self.family, self.given, self.family_kana, self.given_kana, self.org, self.org_kana, self.industry,
         self.employees_text, self.employees, self.address, self.department, self.title, user, self.attendance,
         self.questions, self.consent) = row
        self.index = index
        self.email = f"{user}@example.jp"
        self.phone = f"042-{500 + index:03d}-{1000 + index * 37 % 9000:04d}"
        self.applied = BASE + timedelta(minutes=index * 47 + (index % 5) * 3)
        self.status = "registered"

    def name(self):
        return f"{self.family} {self.given}"

    def kana(self):
        return f"{self.family_kana} {self.given_kana}"


def people():
    crowd = [Person(i, row) for i, row in enumerate(PEOPLE)]
    new = [Person(len(PEOPLE) + i, row) for i, row in enumerate(NEWCOMERS)]
    return crowd, new


def iso(time):
    return time.strftime("%Y-%m-%dT%H:%M:%S+09:00")


def cp932_safe(text):
    """What survives a CP932 file: no 𠮷; 〜 comes back as Windows reads 0x8160, ～."""
    return text.replace("𠮷", "吉").replace("〜", "～") if text else text


class Format:
    """One service's export: its header, how it writes a person, what Madoguchi must read."""

    name = None
    capacity = 0
    numbered = True
    has_status = True
    waiting_from = None    # rows from this one on wait (補欠) in the first export
    new_rows_wait = False  # the updated export's new rows wait too

    def __init__(self):
        self.crowd, self.new = people()
        self.setup()

    def header(self):
        raise NotImplementedError

    def row(self, p):
        raise NotImplementedError

    def number(self, p):
        return None

    def status_text(self, status):
        raise NotImplementedError

    # What Madoguchi keeps of a person: the expected JSON fields.
    def expect(self, p, cp932):
        fix = cp932_safe if cp932 else (lambda t: t)
        family, given = self.expected_name(p)
        answers = {k: fix(v) for k, v in self.answers(p).items()}
        return {
            "number": self.number(p),
            "status": p.status,
            "family_name": fix(family),
            "given_name": fix(given),
            "family_kana": katakana(p.family_kana),
            "given_kana": katakana(p.given_kana),
            "organization": p.org,
            "organization_kana": katakana(p.org_kana),
            "industry": p.industry,
            "employees": p.employees,
            "address": p.address,
            "title": p.title,
            "department": p.department,
            "email": p.email,
            "phone": p.phone,
            "applied_at": iso(p.applied),
            "attendance": p.attendance,
            "questions": p.questions,
            "consent": p.consent,
            "consent_at": iso(p.applied) if p.consent else None,
            "answers": answers,
        }

    def expected_name(self, p):
        return p.family, p.given

    def setup(self):
        if self.waiting_from is not None:
            for p in self.crowd[self.waiting_from:]:
                p.status = "waitlisted"

    def update_new(self, new):
        if self.new_rows_wait:
            for p in new:
                p.status = "waitlisted"

    def service_answers(self, p):
        """What the service writes besides the fields, as Madoguchi keeps it."""
        return {}

    def answers(self, p):
        answers = self.service_answers(p)
        if p.employees is None:
            answers["従業員数"] = p.employees_text
        return self.in_file_order(answers)

    def in_file_order(self, answers):
        """The answers as the import keeps them: in the order of the file's columns."""
        return dict(sorted(answers.items(), key=lambda kv: self.header().index(kv[0])))

    def write(self, rows, path, encoding, bom=False, newline="\r\n"):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(self.header())
        for p in rows:
            writer.writerow(["" if v is None else v for v in self.row(p)])
        text = out.getvalue()
        if encoding == "cp932":
            text = cp932_safe(text)
            data = text.encode("cp932")
        else:
            data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
        with open(os.path.join(HERE, path), "wb") as f:
            f.write(data)

    def write_expected(self, path, rows, cp932, meta):
        with open(os.path.join(HERE, path), "w", encoding="utf-8", newline="\n") as f:
            f.write(f"# What the import of {self.name} must leave in the seminar: generated by generate.py\n")
            for key, value in meta.items():
                f.write(f"# {key}={value}\n")
            f.write("\t".join(FIELDS) + "\n")
            for p in rows:
                values = self.expect(p, cp932)
                f.write("\t".join(json.dumps(values[k], ensure_ascii=False) for k in FIELDS) + "\n")

    def promote(self, rows):
        """Madoguchi's rule: the file's statuses, then freed places to the waitlist in applied order."""
        registered = sum(1 for p in rows if p.status == "registered")
        for p in sorted((p for p in rows if p.status == "waitlisted"), key=lambda p: p.applied):
            if self.capacity and registered < self.capacity:
                p.status = "registered"
                registered += 1

    def file_order(self, rows):
        return rows

    def generate(self, variants):
        crowd = self.crowd
        for variant, (encoding, bom, newline) in variants.items():
            self.write(self.file_order(crowd), f"{self.name}-{variant}.csv", encoding, bom, newline)
            self.write_expected(f"expected-{self.name}-{variant}.tsv", crowd, encoding == "cp932",
                                {"capacity": self.capacity, "numbered": int(self.numbered)})

        # The newer export: three new rows, two registered people cancel, one phone changes.
        encoding, bom, newline = next(iter(variants.values()))
        before = {p.index: p.status for p in crowd}
        changed = crowd[3]
        changed.phone = "090-1234-5678"
        cancelled = []
        if self.has_status:
            for p in (crowd[1], crowd[6]):
                p.status = "cancelled"
                cancelled.append(p)
        everyone = crowd + self.new
        self.update_new(self.new)
        self.write(self.file_order(everyone), f"{self.name}-updated.csv", encoding, bom, newline)
        frees = any(before[p.index] == "registered" for p in cancelled)
        waiting_before = {p.index for p in crowd if p.status == "waitlisted"}
        if frees:
            self.promote(everyone)
        promoted = sum(1 for p in crowd if p.index in waiting_before and p.status == "registered")
        self.write_expected(f"expected-{self.name}-updated.tsv", everyone, encoding == "cp932",
                            {"capacity": self.capacity, "numbered": int(self.numbered), "new": len(self.new),
                             "cancelled": len(cancelled), "changed": 1,
                             "unchanged": len(crowd) - len(cancelled) - 1, "promoted": promoted,
                             "changed_line": self.line_of(self.file_order(everyone), changed),
                             "changed_phone": changed.phone})

    def line_of(self, rows, person):
        """The file line a person's row starts on: a quoted newline takes a line too."""
        line = 2
        for p in rows:
            if p is person:
                return line
            line += 1 + sum(str(v).count("\n") for v in self.row(p) if v is not None)
        raise ValueError(person)


class Connpass(Format):
    name = "connpass"
    capacity = 28

    waiting_from = 28
    new_rows_wait = True

    def setup(self):
        # 28 take part, the rest wait (補欠); one cancelled before the first export.
        super().setup()
        self.crowd[20].status = "cancelled"
        # connpass lists the waitlist in its own order: the test wants the applied order to count.
        self.crowd[30].applied, self.crowd[32].applied = self.crowd[32].applied, self.crowd[30].applied

    def header(self):
        return ["参加枠名", "ユーザー名", "表示名", "利用開始日", "コメント", "参加ステータス", "出欠ステータス", "出席日時",
                "氏名", "フリガナ", "会社名", "会社名（フリガナ）", "部署", "役職", "メールアドレス", "電話番号", "業種",
                "従業員数", "所在地", "講師への質問", "個人情報の取扱いに同意します", "更新日時", "受付番号"]

    def frame(self, p):
        return "オンライン参加枠" if p.attendance == "online" else "会場参加枠（先着）"

    def user(self, p):
        return p.email.split("@")[0].replace(".", "_")

    def display(self, p):
        return p.name() if p.index == 6 else self.user(p) + "さん"

    def comment(self, p):
        return "よろしくお願いします！" if p.index % 4 == 0 else None

    def status_text(self, status):
        return {"registered": "参加", "waitlisted": "補欠", "cancelled": "参加キャンセル"}[status]

    def number(self, p):
        return str(7300100 + p.index * 7)

    def row(self, p):
        return [self.frame(p), self.user(p), self.display(p), "2019/04/01", self.comment(p),
                self.status_text(p.status), None, None,
                None if p.index == 6 else p.name(), katakana(p.kana()), p.org, katakana(p.org_kana), p.department,
                p.title, p.email, p.phone, p.industry, p.employees_text, p.address, p.questions,
                "同意します" if p.consent else None,
                p.applied.strftime("%Y年%m月%d日 %H時%M分"), self.number(p)]

    def service_answers(self, p):
        answers = {"参加枠名": self.frame(p), "ユーザー名": self.user(p)}
        if p.index != 6:
            answers["表示名"] = self.display(p)
        answers["利用開始日"] = "2019/04/01"
        if self.comment(p):
            answers["コメント"] = self.comment(p)
        return answers


class Peatix(Format):
    name = "peatix"
    capacity = 0

    def setup(self):
        self.crowd[11].status = "cancelled"

    def header(self):
        return ["販売ID", "チケットID", "参加者名", "チケット名", "価格", "支払方法", "注文日時", "ステータス",
                "チェックイン", "氏名（漢字）", "会社名", "会社名（ふりがな）", "部署名", "役職", "メールアドレス",
                "電話番号", "業種", "従業員数", "会社所在地", "登壇者への事前質問", "個人情報の取り扱いへの同意"]

    def ticket(self, p):
        return "オンライン視聴チケット" if p.attendance == "online" else "会場参加チケット（無料）"

    def status_text(self, status):
        return {"registered": "申込済み", "cancelled": "キャンセル済み"}[status]

    def number(self, p):
        return f"{48213000 + p.index * 13}"

    def row(self, p):
        return [self.number(p), f"T{91000 + p.index}", katakana(p.kana()), self.ticket(p), "0", "無料",
                p.applied.strftime("%Y/%m/%d %H:%M"), self.status_text(p.status), "未", p.name(), p.org,
                p.org_kana, p.department, p.title, p.email, p.phone, p.industry, p.employees_text, p.address,
                p.questions, "はい" if p.consent else "いいえ"]

    def service_answers(self, p):
        answers = {"チケットID": f"T{91000 + p.index}", "チケット名": self.ticket(p), "価格": "0", "支払方法": "無料",
                   "チェックイン": "未"}
        return answers


class GoogleForms(Format):
    name = "google-forms"
    capacity = 25
    numbered = False
    has_status = False

    UNSPACED = {1, 5, 13, 22}   # typed without the space: 山﨑太郎, 長谷川花子, 斎藤真由美, 関亜希子
    WHOLE = {22}                # 関亜希子 (せき あきこ): 関亜|希子 or 関|亜希子? The reading cannot tell: kept whole

    new_rows_wait = True

    def setup(self):
        # Waiting follows the time people applied, not the file's order.
        for p in sorted(self.crowd, key=lambda p: p.applied)[self.capacity:]:
            p.status = "waitlisted"

    def file_order(self, rows):
        shuffled = list(rows)
        random.Random(8).shuffle(shuffled)
        return shuffled

    def header(self):
        return ["タイムスタンプ", "メールアドレス", "お名前", "ふりがな", "会社名", "会社名のふりがな", "業種",
                "従業員数", "所在地", "部署", "役職", "電話番号", "参加方法", "講師への質問（任意）",
                "個人情報の取扱いについて"]

    def written_name(self, p):
        return p.family + p.given if p.index in self.UNSPACED else p.name()

    def expected_name(self, p):
        if p.index in self.WHOLE:
            return p.family + p.given, None
        return p.family, p.given

    def way(self, p):
        return "オンライン（Zoom）で参加" if p.attendance == "online" else "会場で参加"

    def row(self, p):
        return [f"{p.applied.year}/{p.applied.month:02d}/{p.applied.day:02d} {p.applied.hour}:{p.applied.minute:02d}:00",
                p.email, self.written_name(p), p.kana(), p.org, p.org_kana, p.industry, p.employees_text, p.address,
                p.department, p.title, p.phone, self.way(p), p.questions,
                "個人情報の取扱いに同意する" if p.consent else "同意しない"]

    def service_answers(self, p):
        return {"参加方法": self.way(p)}


class MicrosoftForms(Format):
    name = "microsoft-forms"
    capacity = 0
    has_status = False

    def number(self, p):
        return str(p.index + 1)

    def header(self):
        return ["ID", "開始時刻", "完了時刻", "メール", "名前", "最終変更時刻", "お名前（漢字）", "フリガナ",
                "メールアドレス", "会社・団体名", "会社・団体名（フリガナ）", "業種", "従業員数", "所在地", "所属部署",
                "役職", "電話番号", "参加方法", "事前質問", "個人情報の取扱いに同意しますか"]

    def started(self, p):
        time = p.applied - timedelta(minutes=4)
        return f"{time.year}/{time.month}/{time.day} {time.hour}:{time.minute:02d}"

    def row(self, p):
        return [self.number(p), self.started(p),
                f"{p.applied.year}/{p.applied.month}/{p.applied.day} {p.applied.hour}:{p.applied.minute:02d}",
                "anonymous", "anonymous" if p.index % 3 else None, None, p.name(), katakana(p.kana()), p.email, p.org,
                katakana(p.org_kana), p.industry, p.employees_text, p.address, p.department, p.title, p.phone,
                "オンライン" if p.attendance == "online" else "会場", p.questions, "はい" if p.consent else "いいえ"]

    def service_answers(self, p):
        answers = {"開始時刻": self.started(p), "参加方法": "オンライン" if p.attendance == "online" else "会場"}
        return answers


class Doorkeeper(Format):
    name = "doorkeeper"
    capacity = 30
    numbered = False

    waiting_from = 30
    new_rows_wait = True

    def header(self):
        return ["チケット", "名前", "メールアドレス", "申込日時", "ステータス", "所属", "所属（ふりがな）", "部署",
                "役職", "電話番号", "業種", "従業員数", "住所", "お名前（ふりがな）", "質問・要望",
                "個人情報の取り扱いに同意する"]

    def ticket(self, p):
        return "オンライン参加" if p.attendance == "online" else "会場参加"

    def status_text(self, status):
        return {"registered": "参加", "waitlisted": "キャンセル待ち", "cancelled": "キャンセル"}[status]

    def row(self, p):
        return [self.ticket(p), p.name(), p.email, p.applied.strftime("%Y-%m-%d %H:%M"), self.status_text(p.status),
                p.org, p.org_kana, p.department, p.title, p.phone, p.industry, p.employees_text, p.address, p.kana(),
                p.questions, "同意する" if p.consent else None]

    def service_answers(self, p):
        answers = {"チケット": self.ticket(p)}
        return answers


class Municipal(Format):
    name = "municipal"
    capacity = 30

    waiting_from = 30
    new_rows_wait = True

    def header(self):
        return ["受付番号", "受付日時", "状態", "氏名（姓）", "氏名（名）", "フリガナ（セイ）", "フリガナ（メイ）",
                "事業所名", "事業所名（フリガナ）", "所在地", "業種", "従業員数", "部署名", "役職", "電話番号",
                "メールアドレス", "参加方法", "事前質問", "個人情報の取扱いに同意"]

    def status_text(self, status):
        return {"registered": "受付", "waitlisted": "補欠", "cancelled": "キャンセル"}[status]

    def number(self, p):
        return f"R8-{p.index + 1:04d}"

    def way(self, p):
        return "オンライン（Zoom）" if p.attendance == "online" else "会場（立川市役所 3階 第1会議室）"

    def row(self, p):
        return [self.number(p), f"{p.applied.year}/{p.applied.month}/{p.applied.day} {p.applied.hour}:{p.applied.minute:02d}",
                self.status_text(p.status), p.family, p.given, katakana(p.family_kana), katakana(p.given_kana), p.org,
                katakana(p.org_kana), p.address, p.industry, p.employees_text, p.department, p.title, p.phone, p.email,
                self.way(p), p.questions, ("同意する" if p.index % 2 else "はい") if p.consent else "同意しない"]

    def service_answers(self, p):
        return {"参加方法": self.way(p)}


def main():
    utf8_bom = ("utf-8", True, "\r\n")
    utf8 = ("utf-8", False, "\r\n")
    utf8_lf = ("utf-8", False, "\n")
    cp932 = ("cp932", False, "\r\n")

    Connpass().generate({"utf8": utf8_bom, "cp932": cp932})
    Peatix().generate({"utf8": utf8_bom, "cp932": cp932})
    GoogleForms().generate({"utf8": utf8_lf, "cp932": cp932})
    MicrosoftForms().generate({"cp932": cp932, "utf8": utf8_bom})
    Doorkeeper().generate({"utf8": utf8, "cp932": cp932})
    Municipal().generate({"cp932": cp932, "utf8": utf8_bom})


if __name__ == "__main__":
    main()
