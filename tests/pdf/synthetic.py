"""Synthetic e-paper pages with their gold known by construction: the PDF route scored on
layouts the corpus does not have (README, "How well it reads pages").

The corpus's PDF pages are few and mostly one paper; a page from another paper varies what
this module varies.  Each page is drawn by XeLaTeX (the same tools and fonts as
``epaper.tex``) from one of a few parameterised **templates**, every choice drawn from a seeded
random generator:

* the page: body size (7 to 10.5 pt) and leading, 4 to 8 page columns and their gutter, the
  masthead in one of several real forms (date, weekday, page number, section, lunar date,
  editors), editors' credits at the foot or in the header;
* stories: headline tiers (kicker and subtitle, above and below, with or without dashes) and
  sizes, headlines over all of the story's columns, over some of them, or over more (a photo
  beside the text), vertical headlines (one character a line, the type upright, as e-paper
  producers set them) with a vertical byline; justified columns with a first-line indent,
  subheads with decks, letter-spaced short headlines and names;
* bylines in their real forms and places: under the headline (``本报记者 张明``, ``通讯员``,
  ``文/图``), over the first column (``■记者 江娟珺``), in the lead (``本报讯（记者 王芳）``), a
  closing author set apart (``（陈立）``) or run on at the end of the text;
* photos (a grey picture, framed or not) with their captions in another face (Kai where the
  machine has it) and the photographer's credit on the caption's row; rules between stories
  and frames around them; a column of briefs (简讯) with small headlines or none; an advert
  block with prices and ``（广告）``.

Three more templates teach the layouts pages of other papers were read wrong on (issue 23),
each drawn from its own random stream so that the first three still draw the pages they drew
(seeds 1 to 532 were drawn from those three: ``--templates front,essay,county``):

* *lead*, a front page: the paper's name as text in the header beside its serial number (or a
  logo picture and one character of the name beside ``CN62-0038``), a story in a box beside
  the header (报眼), the header rule single, double or none, the lead headline across the whole
  page right under the header (black, red, or white on a dark band), stories in ruled boxes
  (some over a grey ground, some with the headline on a band), a line of reporters' names in
  bold under a headline,
  text cut into columns mid-sentence (TeX's vsplit) under a headline over some of the
  columns, the others starting level with it, or under a photo over half of them;
* *grid*, a feature page: a grid of short regional reports, each over two or three page
  columns and set in as many text columns or one more or fewer, beside a commentary column
  under a column label (短评), with subheads in three styles (centred, ``■`` flush left, white
  on black);
* *service*, a service page: tables (weather in cities over two days, stock prices, lottery
  results, TV listings, a league table; ruled, ruled under the header, or bare) inside a story
  under its paragraphs or on their own under a headline, beside an ordinary story.

Every page's gold says which of these layouts it shows (``layout``: the template, then the
classes: ``lead-across``, ``boxed``, ``ear``, ``masthead-text``, ``masthead-fragment``,
``names-line``, ``headline-band``, ``no-header-rule``, ``split-columns``, ``grid``,
``commentary``, ``subheads``, ``banner``,
``table``, ``table-alone``, ``table-in-story``), and so does each story's, so that
``sphinx-newspaper score`` pools the figures by page class and by story class.

The gold follows ``tests/gold/README.md``.  Text comes from the shipped example page's gold
(and from ``../shared/corpus/rmrb-2020-01`` when it is there and asked for: more variety).

Run ``python tests/pdf/synthetic.py --pages 4`` to build and score pages of every template
(``make score-synthetic``); ``tests/test_pdf_synthetic.py`` builds one page of each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
EXAMPLE_GOLD = REPO / "tests" / "gold" / "zhaotong-2023-03-24-p04.gold.json"
RMRB_TEXT = REPO.parent / "shared" / "corpus" / "rmrb-2020-01"

WEEKDAYS = "一二三四五六日"
SECTIONS = [
    "要闻",
    "民生",
    "综合新闻",
    "经济",
    "社会",
    "文化",
    "县域经济",
    "农村新闻",
    "城市",
    "法治一线",
    "教育",
]
NAMES = [
    "张明", "李华", "王芳", "赵六", "陈立", "何静", "孙伟", "刘洋", "周敏", "林涛", "黄晓燕", "吴建国",
    "郑海", "马丽", "杨光", "许诺", "徐静怡", "欧阳晨", "罗平", "宋佳", "韩冰", "曹雪芹", "田野", "邓超",
]  # fmt: skip
TITLES = [
    "田间地头备耕忙", "老旧小区改造惠及万户", "新建图书馆下月开放", "乡村振兴路上的追梦人",
    "让群众办事更便捷", "小小快递箱 连起城乡路", "夜市经济点亮城市烟火气", "全力以赴保障春运平安",
    "科技赋能智慧农业结硕果", "一条河的新生", "守护舌尖上的安全", "绿色发展绘就生态新画卷",
    "学生营养餐吃出健康来", "社区食堂暖人心", "非遗传承有了新载体", "环城高速年底通车",
    "老街区焕发新活力", "“小切口”解决“大民生”", "山里娃的足球梦", "稳就业 促增收",
    "数字乡村建设提速", "文化惠民演出走进基层", "农产品搭上电商快车", "水利工程助力抗旱保收",
    "外卖骑手有了温暖驿站", "养老服务走进千家万户", "古村落里的新风景", "产业园区跑出加速度",
    "全民健身热潮涌动", "茶园飘香富农家", "一张蓝图绘到底", "党建引领聚合力",
]  # fmt: skip
SHORT_TITLES = ["春耕忙", "暖心", "晒秋", "新路", "归燕", "开渔"]
KICKERS = [
    "春耕时节——", "聚焦民生实事", "奋进新征程 建功新时代", "记者蹲点调查", "基层治理新观察——",
    "一线见闻", "我市多措并举", "推进高质量发展", "关注城市更新",
]  # fmt: skip
SUBTITLES = [
    "——我县多措并举保障春耕生产", "——记全国劳动模范王建国", "——全市今年将改造老旧小区二十八个",
    "——市直机关推动模范机关创建纪实", "——来自基层一线的调查", "全年计划完成投资十二亿元",
    "——城东新区建设见闻", "让老百姓的日子越过越红火",
]  # fmt: skip
SUBHEADS = [
    "科技服务送到田间", "打好产业“特色牌”", "织密安全防护网", "让数据多跑路", "群众的事马上办",
    "把好“方向舵”", "做足“水文章”", "念好“山字经”", "答好民生卷",
]  # fmt: skip
DECKS = ["狠抓基层源头治理", "精准化解矛盾纠纷", "金融帮扶鼓起钱袋子", "打通服务最后一公里"]
BRIEF_TITLES = [
    "县消防大队开展宣传活动", "医疗专家下乡义诊", "城区新增停车位八百个", "图书馆延长开放时间",
    "农技培训进村入户", "老年大学秋季开学", "河道清淤工程完工", "残疾人就业招聘会举行",
]  # fmt: skip
CAPTIONS = [
    "图为村民在田间忙着插秧。", "图为施工人员在工地上作业。", "图为游客在古镇参观游览。",
    "图为志愿者为老人测量血压。", "图为学生们在操场上进行体育锻炼。", "图为农户展示刚采摘的茶叶。",
    "社区工作人员上门走访独居老人，了解他们的生活需要。", "图为读者在新馆试读。",
]  # fmt: skip
ADVERTS = [
    ("清凉一夏 空调节", ["特惠价：2999元/台", "活动时间：6月1日—6月30日", "咨询热线：0591-87654321"]),
    ("好房子 好生活", ["均价：8800元/平方米", "地址：城东新区滨江路88号", "售楼热线：400-800-1234"]),
    ("新春年货节", ["坚果礼盒 直销价：99元/盒", "满200元减30元", "订购电话：0931-5551234"]),
]
LABELS = ["简讯", "快讯", "本地速递"]
LUNAR = ["农历甲辰年三月廿八", "农历癸卯年腊月初九", "农历乙巳年五月初五"]
CAPTION_FONTS = ["AR PL KaitiM GB", "Noto Sans CJK SC"]  # a Kai face where installed, else another face
# the layouts of issue 23: nameplates, regional reports, commentaries, tables
PAPERS = ["河西法治报", "清溪晚报", "临江日报", "东山县报", "云岭都市报", "南湖新闻", "陇原商报", "海滨时报"]
REGIONS = ["兰州", "天水", "白银", "武威", "张掖", "酒泉", "定西", "陇南", "平凉", "庆阳", "临夏", "甘南"]
REPORT_TITLES = [
    "开展普法宣传进社区", "化解一起邻里纠纷", "为企业送去法律服务", "集中清理欠薪案件", "调解室里解心结",
    "护航春耕生产", "开展反诈宣传", "法律援助暖民心", "整治校园周边环境", "巡回法庭进田间",
    "公益诉讼守护绿水青山", "禁毒宣传走进校园", "警民共建平安村", "受理群众来信来访",
]  # fmt: skip
COMMENT_LABELS = ["短评", "快评", "法治观察", "今日谈", "编者按"]
COMMENT_TITLES = [
    "让法治成为最好的营商环境", "基层治理贵在精准", "守好群众的“钱袋子”", "以法治之力护航发展",
    "把矛盾化解在萌芽状态", "让公平正义看得见",
]  # fmt: skip
BANNERS = ["市县传真", "各地动态", "基层法治", "区县新闻"]
CITIES = [
    "兰州",
    "嘉峪关",
    "金昌",
    "白银",
    "天水",
    "武威",
    "张掖",
    "平凉",
    "酒泉",
    "庆阳",
    "定西",
    "陇南",
    "临夏",
    "合作",
]
WEATHER = ["晴", "多云", "阴", "小雨", "晴转多云", "多云转阴", "阵雨", "中雨转小雨", "雷阵雨", "小雪"]
STOCKS = [
    ("平安银行", "000001"), ("万科A", "000002"), ("贵州茅台", "600519"), ("招商银行", "600036"),
    ("中国石化", "600028"), ("兰州黄河", "000929"), ("海螺水泥", "600585"), ("三一重工", "600031"),
    ("格力电器", "000651"), ("中国平安", "601318"), ("长江电力", "600900"), ("比亚迪", "002594"),
]  # fmt: skip
TEAMS = [
    "上海海港",
    "成都蓉城",
    "北京国安",
    "山东泰山",
    "浙江队",
    "天津津门虎",
    "武汉三镇",
    "河南队",
    "长春亚泰",
    "青岛海牛",
]
PROGRAMMES = [
    "朝闻天下", "新闻30分", "今日说法", "焦点访谈", "新闻联播", "天气预报", "动物世界", "健康之路",
    "星光大道", "法治在线", "体育新闻", "电视剧：山海情", "纪录片：航拍中国", "生活圈",
]  # fmt: skip
LOTTERIES = ["超级大乐透", "排列3", "排列5", "七星彩", "双色球", "福彩3D"]


# -- text -----------------------------------------------------------------------------------------


def text_pool(rich: bool = False) -> list[str]:
    """Paragraphs of real newspaper prose: the example page's, and with ``rich`` a month of
    People's Daily articles when the corpus is there."""
    gold = json.loads(EXAMPLE_GOLD.read_text(encoding="utf-8"))
    pool = [p for article in gold["articles"] for p in article["paragraphs"]]
    if rich and RMRB_TEXT.is_dir():
        for path in sorted(RMRB_TEXT.glob("*/*.txt"))[::7]:
            lines = path.read_text(encoding="utf-8").splitlines()
            pool += [line.strip() for line in lines if line.startswith("\u3000\u3000") and len(line) > 40]
    pieces = []
    for paragraph in pool:
        if re.search(r"[\\{}$&#^_~…]", paragraph):
            continue  # TeX's specials; and XeTeX prints … as ⋯ in the text layer
        while len(paragraph) > 160:
            piece = sentences_to(paragraph, 120)
            if len(piece) >= len(paragraph) - 20:
                break
            pieces.append(piece)
            paragraph = paragraph[len(piece) :]
        pieces.append(paragraph)
    return pieces


def sentences_to(paragraph: str, limit: int) -> str:
    """The paragraph cut after a sentence end, at most ``limit`` characters where it can be."""
    ends = [m.end() for m in re.finditer(r"[。！？][”’」）]?", paragraph)]
    fitting = [end for end in ends if end <= limit]
    return paragraph[: fitting[-1]] if fitting else paragraph[: ends[0]] if ends else paragraph


class Text:
    """Paragraphs drawn without repetition (each story's text its own), and names."""

    def __init__(self, rng: random.Random, rich: bool) -> None:
        self.rng = rng
        self.pool = text_pool(rich)
        rng.shuffle(self.pool)
        self.used = 0
        self.picked: set[str] = set()

    def paragraph(self, shortest: int = 60, longest: int = 220) -> str:
        paragraph = self.pool[self.used % len(self.pool)]
        self.used += 1
        return sentences_to(paragraph, self.rng.randint(shortest, longest))

    def paragraphs(self, count: int, shortest: int = 60, longest: int = 220) -> list[str]:
        return [self.paragraph(shortest, longest) for _ in range(count)]

    def name(self) -> str:
        return self.rng.choice(NAMES)

    def pick(self, items: list[str]) -> str:
        """One of ``items``, each used once on a page while there are unused ones."""
        fresh = [item for item in items if item not in self.picked]
        item = self.rng.choice(fresh or items)
        self.picked.add(item)
        return item


# -- the page model ---------------------------------------------------------------------------------


@dataclass
class Photo:
    height: float  # points
    caption: str
    credit: str  # "记者 张明 摄"; "" for none
    framed: bool = False


@dataclass
class Story:
    """One story as the template sets it, and what its gold says."""

    title: str | None  # None: a brief without a headline (its title is inferred)
    paragraphs: list[str]
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None  # as printed
    byline_place: str = "under"  # under, column (over the first column), lead, closing, runon, none
    subheads: dict[int, tuple[str, str | None]] = field(default_factory=dict)  # before paragraph i
    photo: Photo | None = None
    photo_place: str = "top"  # top (over the text), column (among the text), beside (a column of its own)
    columns: int = 1  # the story's text columns
    headline_columns: int = 0  # how many columns its headline stands over (0: all)
    title_size: float = 20.0
    vertical: bool = False  # the headline is set vertically, beside the text
    vertical_side: str = "right"
    spaced_title: bool = False  # letter-spaced (short titles)
    framed: bool = False
    size_scale: float = 1.0  # kicker and subtitle size against the title
    # choices of the templates that teach the layouts of issue 23 (the first three never set them)
    byline_style: str = "plain"  # plain; names: a line of reporters' names, bold and larger
    split: bool = False  # text cut into columns mid-sentence, columns starting at different heights
    boxed: str = ""  # "" none; rule: in a ruled box, headline and all; tint: ruled over a grey ground
    subhead_style: str = "centred"  # centred; square: ■ flush left; reversed: white on black
    label: str | None = None  # a column label over the headline (短评): furniture, not a kicker
    text_columns: int = 0  # text columns, when not one a page column (a report over 2 set in 3)
    headline_align: str = "centre"  # centre; left: flush left
    title_style: str = "plain"  # plain; red: in red; band: white on a dark band across the story
    tables: list[Table] = field(default_factory=list)  # printed after the paragraphs
    layout: list[str] = field(default_factory=list)  # the story's layout classes, for the gold

    def gold(self) -> dict[str, Any]:
        paragraphs = list(self.paragraphs)
        byline = self.byline
        if self.byline_place == "lead" and byline:
            paragraphs[0] = f"本报讯（{byline}）{paragraphs[0]}"
        elif self.byline_place == "runon" and byline:
            paragraphs[-1] = f"{paragraphs[-1]}（{byline}）"
            byline = None
        elif self.byline_place == "closing" and byline:
            byline = f"（{byline}）"
        elif self.byline_place == "none":
            byline = None
        if byline:
            byline = byline.replace("■", "")
        title = self.title
        inferred = title is None
        if inferred:
            title = re.split(r"[，。；！？：]", paragraphs[0])[0][:20]
        captions = []
        if self.photo is not None:
            captions.append(self.photo.caption + self.photo.credit.replace(" ", ""))
        gold = {
            "kicker": self.kicker,
            "title": title,
            "title_inferred": inferred,
            "subtitle": self.subtitle,
            "byline": byline,
            "paragraphs": paragraphs,
            "subheads": [{"text": text, "deck": deck} for _, (text, deck) in sorted(self.subheads.items())],
            "captions": captions,
        }
        if self.tables:
            gold["tables"] = [{"rows": table.rows, "header_rows": table.header_rows} for table in self.tables]
        if self.layout:
            gold["layout"] = list(self.layout)
        return gold


@dataclass
class Table:
    """A table as printed: rows of cells, the first ``header_rows`` its header."""

    rows: list[list[str]]
    header_rows: int = 1
    rules: str = "all"  # all: a rule under every row; head: under the header only; none
    size: float = 1.0  # type size against the body


@dataclass
class Cell:
    """A place on a row of the page: a story, a column of briefs, an advert, or a lone photo."""

    kind: str  # story, briefs, advert, photo
    columns: int  # page columns it spans
    story: Story | None = None
    briefs: list[Story] = field(default_factory=list)
    label: str = "简讯"
    label_style: str = "reversed"  # reversed (white on black), boxed, plain
    advert: tuple[str, list[str]] | None = None
    photo: Photo | None = None
    stack: list[list[Cell]] = field(default_factory=list)  # kind stack: rows of cells in the cell
    rules: bool = True  # stack: rules between its rows


@dataclass
class Page:
    template: str
    seed: int
    date: dt.date
    number: str
    section: str
    body: float  # body size, points
    leading: float
    columns: int
    gutter: float  # ems
    masthead: str  # the masthead form
    rows: list[list[Cell]] = field(default_factory=list)
    rules: bool = True  # rules between rows
    editors: list[str] = field(default_factory=list)
    caption_font: str = "Noto Sans CJK SC"
    paper: str = ""  # the paper's name, printed as text in a nameplate masthead
    cn: str = ""  # its serial number, CN62-0038, beside the name
    ear: Story | None = None  # a story beside the masthead (报眼)
    layout: list[str] = field(default_factory=list)  # the page's layout classes beyond its template
    header_rule: str = "rule"  # under a nameplate header: rule, double, none

    @property
    def weekday(self) -> str:
        return "星期" + WEEKDAYS[self.date.weekday()]

    def stories(self) -> list[Story]:
        out = [self.ear] if self.ear is not None else []

        def walk(rows: list[list[Cell]]) -> None:
            for row in rows:
                for cell in row:
                    if cell.story is not None:
                        out.append(cell.story)
                    out.extend(cell.briefs)
                    walk(cell.stack)

        walk(self.rows)
        return out

    def gold(self, source: str) -> dict[str, Any]:
        classes = {name for story in self.stories() for name in story.layout}
        return {
            "source": source,
            "layout": [self.template, *sorted((set(self.layout) | classes) - {self.template})],
            "masthead": {
                "date": self.date.isoformat(),
                "weekday": self.weekday,
                "number": self.number,
                "section": self.section,
            },
            "articles": [story.gold() for story in self.stories()],
        }


# -- templates --------------------------------------------------------------------------------------


def _page(template: str, seed: int, rng: random.Random, columns: tuple[int, int]) -> Page:
    body = rng.choice([7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 10.5])
    date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(2400))
    number = str(rng.randint(2, 16))
    if rng.random() < 0.3:
        number = rng.choice("ABC") + number.zfill(2 if rng.random() < 0.5 else 1)
    return Page(
        template=template,
        seed=seed,
        date=date,
        number=number,
        section=rng.choice(SECTIONS),
        body=body,
        leading=body * rng.uniform(1.3, 1.6),
        columns=rng.randint(*columns),
        gutter=rng.uniform(0.9, 2.0),
        masthead=rng.choice(["left-date", "number-first", "one-line", "editors"]),
        rules=rng.random() < 0.7,
        editors=[f"责任编辑：{NAMES[seed % len(NAMES)]}", f"美术编辑：{NAMES[(seed + 5) % len(NAMES)]}"],
        caption_font=CAPTION_FONTS[0] if has_font(CAPTION_FONTS[0]) else CAPTION_FONTS[1],
    )


def _story(
    rng: random.Random, text: Text, columns: int, body: float, paragraphs: tuple[int, int], big: bool
) -> Story:
    """A story with a headline in one, two or three tiers, and a byline in one of its forms."""
    title = text.pick(TITLES)
    spaced = False
    if rng.random() < 0.1:
        title, spaced = text.pick(SHORT_TITLES), True
    scale = rng.uniform(2.6, 4.8) if big else rng.uniform(1.7, 2.8)
    story = Story(
        title=title,
        paragraphs=text.paragraphs(rng.randint(*paragraphs)),
        columns=columns,
        title_size=round(body * scale * 2) / 2,
        spaced_title=spaced,
        size_scale=rng.uniform(0.4, 0.65),
    )
    tiers = rng.random()
    if tiers < 0.3:
        story.kicker = text.pick(KICKERS)
    elif tiers < 0.5:
        story.subtitle = text.pick(SUBTITLES)
    elif tiers < 0.65:
        story.kicker, story.subtitle = text.pick(KICKERS), text.pick(SUBTITLES)
    place = rng.choice(["under", "under", "column", "lead", "closing", "runon", "none"])
    forms = [
        lambda: f"本报记者 {text.name()}",
        lambda: f"本报记者 {text.name()} 通讯员 {text.name()}",
        lambda: f"文/图 {text.name()}",
        lambda: f"记者 {text.name()} 实习生 {text.name()}",
        lambda: f"通讯员 {text.name()}",
    ]
    if place in ("closing", "runon"):
        story.byline = " ".join(text.name() for _ in range(rng.choice([1, 1, 2])))
    elif place == "lead":
        story.byline = f"记者 {text.name()}" + (f" 通讯员 {text.name()}" if rng.random() < 0.4 else "")
    elif place == "column":
        story.byline = "■" + rng.choice(forms[:2] + forms[3:])()
    elif place == "under":
        story.byline = rng.choice(forms)()
    story.byline_place = place
    if len(story.paragraphs) >= 5 and rng.random() < 0.6:
        for index in sorted(rng.sample(range(2, len(story.paragraphs)), k=min(2, len(story.paragraphs) - 3))):
            story.subheads[index] = (text.pick(SUBHEADS), text.pick(DECKS) if rng.random() < 0.25 else None)
    return story


def _photo(rng: random.Random, text: Text, body: float) -> Photo:
    credit = rng.choice([f"记者 {text.name()} 摄", f"{text.name()} 摄", f"通讯员 {text.name()} 摄"])
    return Photo(
        height=body * rng.uniform(9, 16),
        caption=text.pick(CAPTIONS),
        credit=credit,
        framed=rng.random() < 0.3,
    )


def _brief(rng: random.Random, text: Text, headed: bool) -> Story:
    story = Story(title=text.pick(BRIEF_TITLES) if headed else None, paragraphs=text.paragraphs(1, 50, 130))
    story.byline_place = rng.choice(["closing", "closing", "runon", "none"])
    if story.byline_place != "none":
        story.byline = " ".join(text.name() for _ in range(rng.choice([1, 2])))
    return story


def front_page(seed: int, rich: bool = False) -> Page:
    """A news page: a lead story over most of the columns, stories with photos, a column of
    briefs, an advert at the foot."""
    rng = random.Random(f"front-{seed}")
    text = Text(rng, rich)
    page = _page("front", seed, rng, (5, 8))
    n = page.columns
    lead = _story(rng, text, n - 1 if n > 5 else n, page.body, (5, 8), big=True)
    lead.columns = min(lead.columns, 4) if page.body >= 9 else lead.columns
    if rng.random() < 0.4:
        lead.photo, lead.photo_place = _photo(rng, text, page.body), "top"
    row1 = [Cell("story", n - 1 if n > 5 else n, lead)]
    if n > 5:
        briefs = [_brief(rng, text, headed=True) for _ in range(rng.randint(2, 3))]
        row1.append(
            Cell(
                "briefs",
                1,
                briefs=briefs,
                label=text.pick(LABELS),
                label_style=rng.choice(["reversed", "boxed", "plain"]),
            )
        )
    page.rows.append(row1)
    left = rng.randint(2, n - 2)
    second = _story(rng, text, left, page.body, (3, 5), big=False)
    if left >= 3 and rng.random() < 0.5:
        second.headline_columns = left - 1  # a headline over some of its columns
    third = _story(rng, text, n - left, page.body, (2, 4), big=False)
    third.photo = _photo(rng, text, page.body)
    third.photo_place = rng.choice(["top", "column"])
    page.rows.append([Cell("story", left, second), Cell("story", n - left, third)])
    if rng.random() < 0.7:
        page.rows.append([Cell("advert", n, advert=rng.choice(ADVERTS))])
    return page


def essay_page(seed: int, rich: bool = False) -> Page:
    """A theory or feature page: long essays with subheads, a vertical headline, authors'
    notes, rules between stories."""
    rng = random.Random(f"essay-{seed}")
    text = Text(rng, rich)
    page = _page("essay", seed, rng, (4, 6))
    n = page.columns
    # paragraphs to fill about 40% of the page (a paragraph is some 100 characters)
    capacity = (860 / page.body) * (1280 / page.leading) / 100
    length = min(int(0.4 * capacity), len(text.pool) // 2)
    essay = _story(rng, text, n, page.body, (length // 2, length), big=True)
    essay.byline, essay.byline_place = text.name(), "under"
    essay.paragraphs.append(
        f"（作者为{text.pick(['中国社会科学院研究员', '北京大学教授', '省委党校副教授'])}）"
    )
    page.rows.append([Cell("story", n, essay)])
    vertical = _story(rng, text, n - 1, page.body, (length // 3, length // 2), big=True)
    vertical.vertical, vertical.vertical_side = True, rng.choice(["left", "right"])
    vertical.kicker = None
    vertical.title = text.pick([t for t in TITLES if "“" not in t and " " not in t])
    vertical.subtitle = rng.choice([None, "一位老教师的三十年"])
    vertical.byline, vertical.byline_place = text.name(), "under"
    vertical.subheads = {}
    vertical.title_size = round(page.body * rng.uniform(2.2, 3.2) * 2) / 2
    page.rows.append([Cell("story", n, vertical)])
    return page


def county_page(seed: int, rich: bool = False) -> Page:
    """A county paper's page: many short stories, most with a photo, small headlines, bylines
    of every form, a headline over more columns than its text (a photo beside it), briefs
    without headlines, frames."""
    rng = random.Random(f"county-{seed}")
    text = Text(rng, rich)
    page = _page("county", seed, rng, (4, 8))
    n = page.columns
    remaining = 3
    while remaining:
        remaining -= 1
        row: list[Cell] = []
        free = n
        while free > 0:
            width = min(free, rng.randint(2, max(2, n // 2)))
            if free - width == 1:
                width = free
            story = _story(rng, text, width, page.body, (2, 4), big=False)
            if rng.random() < 0.6:
                story.photo = _photo(rng, text, page.body)
                story.photo_place = rng.choice(
                    ["top", "column", "beside"] if width >= 3 else ["top", "column"]
                )
            story.framed = rng.random() < 0.2
            row.append(Cell("story", width, story))
            free -= width
        page.rows.append(row)
    if n >= 5:
        briefs = [_brief(rng, text, headed=False) for _ in range(3)]
        page.rows.append(
            [
                Cell(
                    "briefs",
                    n,
                    briefs=briefs,
                    label=text.pick(LABELS),
                    label_style=rng.choice(["reversed", "boxed"]),
                )
            ]
        )
    return page


# -- the layouts of issue 23 -----------------------------------------------------------------------
# Each template below draws from its own seeded stream, so the three above draw the pages they
# always drew.  Every story and page says which of these layouts it shows (its gold's ``layout``).


def _capacity(page: Page) -> float:
    """About how many 100-character paragraphs fill the page's text area."""
    return (860 / page.body) * (1280 / page.leading) / 100


def _names_line(rng: random.Random, text: Text, story: Story) -> None:
    """A line of reporters' names under the headline, bold and set wide."""
    names = " ".join(text.name() for _ in range(rng.randint(2, 4)))
    story.byline = rng.choice([f"本报记者 {names}", f"记者 {names}", names])
    story.byline_place, story.byline_style = "under", "names"
    story.layout.append("names-line")


def _subheads(rng: random.Random, text: Text, story: Story, style: str) -> None:
    """Subheads inside the story, in one of the styles papers use."""
    if len(story.paragraphs) < 4:
        return
    story.subheads = {
        index: (text.pick(SUBHEADS), text.pick(DECKS) if rng.random() < 0.2 else None)
        for index in sorted(rng.sample(range(1, len(story.paragraphs)), k=min(3, len(story.paragraphs) - 2)))
    }
    story.subhead_style = style
    story.layout.append("subheads")


def lead_page(seed: int, rich: bool = False) -> Page:
    """A front page: the paper's name as text in the header (or a logo and one character of the
    name beside its serial number), a story in a box beside it, the lead headline across the
    whole page right under the header, stories in ruled boxes, lines of reporters' names, and
    text cut into columns mid-sentence under headlines and photos over some of the columns."""
    rng = random.Random(f"lead-{seed}")
    extra = random.Random(f"lead-extra-{seed}")  # choices added later: the pages above stay drawn
    text = Text(rng, rich)
    page = _page("lead", seed, rng, (5, 8))
    n = page.columns
    page.masthead = rng.choice(["nameplate", "nameplate", "nameplate-fragment"])
    page.layout.append("masthead-text" if page.masthead == "nameplate" else "masthead-fragment")
    page.paper = rng.choice(PAPERS)
    page.cn = f"CN{rng.randint(11, 65)}-{rng.randint(1, 99):04d}"
    capacity = _capacity(page)
    if rng.random() < 0.6:
        ear = Story(title=text.pick(BRIEF_TITLES), paragraphs=text.paragraphs(rng.randint(1, 2), 50, 110))
        ear.title_size = round(page.body * 1.6 * 2) / 2
        ear.layout.append("ear")
        page.ear = ear
    lead = _story(rng, text, n, page.body, (4, max(5, int(capacity * 0.2))), big=True)
    longest = max(len(lead.title or ""), 4)
    lead.title_size = round(min(page.body * rng.uniform(4.0, 6.5), 780 / longest) * 2) / 2
    lead.layout.append("lead-across")
    lead.title_style = extra.choice(["plain", "red", "band"])
    if lead.title_style == "band":
        lead.layout.append("headline-band")
    page.header_rule = extra.choice(["rule", "rule", "none", "double"])
    if page.header_rule == "none":
        page.layout.append("no-header-rule")
    if rng.random() < 0.5:
        _names_line(rng, text, lead)
    if rng.random() < 0.5:
        lead.photo, lead.photo_place = _photo(rng, text, page.body), "top"
    lead.split = rng.random() < 0.7
    if lead.split:
        lead.layout.append("split-columns")
    page.rows.append([Cell("story", n, lead)])
    # a row of stories in ruled boxes
    row: list[Cell] = []
    free = n
    while free > 0:
        width = min(free, rng.randint(2, 3))
        if free - width == 1:
            width = free
        story = _story(rng, text, width, page.body, (2, 4), big=False)
        story.boxed = rng.choice(["rule", "rule", "tint"])
        story.layout.append("boxed")
        if extra.random() < 0.35:  # the box's headline on a band across its top
            story.title_style = "band"
            story.layout.append("headline-band")
        story.split = True
        story.photo = None
        if width >= 3 and rng.random() < 0.5:
            story.headline_columns = width - 1
            story.layout.append("split-columns")
        if rng.random() < 0.3:
            _names_line(rng, text, story)
        row.append(Cell("story", width, story))
        free -= width
    page.rows.append(row)
    # a story with its headline over some of its columns, the text running on beside it
    if rng.random() < 0.7:
        width = n
        story = _story(rng, text, width, page.body, (3, 5), big=False)
        story.split = True
        story.headline_columns = rng.randint(2, n - 1)
        story.layout.append("split-columns")
        _subheads(rng, text, story, rng.choice(["centred", "square", "reversed"]))
        page.rows.append([Cell("story", width, story)])
    return page


def _report(rng: random.Random, text: Text, columns: int) -> Story:
    """A short regional report: a small headline, two or three paragraphs, a credit."""
    story = Story(title=text.pick(REPORT_TITLES), paragraphs=text.paragraphs(rng.randint(2, 3), 60, 160))
    story.columns = columns
    story.title_size = 0.0  # set by the page
    place = rng.choice(["lead", "lead", "closing", "under", "none"])
    region = rng.choice(REGIONS)
    if place == "lead":
        story.byline = f"通讯员 {text.name()}"
    elif place == "closing":
        story.byline = text.name()
    elif place == "under":
        story.byline = f"{region}记者站 {text.name()}"
    story.byline_place = place
    if rng.random() < 0.3:
        story.kicker = f"{region}——"
    story.layout.append("grid")
    return story


def grid_page(seed: int, rich: bool = False) -> Page:
    """A feature page: a grid of short regional reports, each over two or three columns, beside
    a commentary column under a column label, with subheads in the commentary."""
    rng = random.Random(f"grid-{seed}")
    text = Text(rng, rich)
    page = _page("grid", seed, rng, (5, 8))
    n = page.columns
    side = 1 if n < 7 else rng.choice([1, 2])
    grid = n - side
    stack: list[list[Cell]] = []
    if rng.random() < 0.5:
        stack.append([Cell("banner", grid, label=rng.choice(BANNERS))])
        page.layout.append("banner")
    for _ in range(rng.randint(2, 3)):
        row: list[Cell] = []
        free = grid
        while free > 0:
            width = 2 if free in (2, 4) or free > 5 else free if free <= 3 else 2
            story = _report(rng, text, width)
            story.title_size = round(page.body * rng.uniform(1.6, 2.2) * 2) / 2
            story.text_columns = rng.choice([width, width, width + 1, max(1, width - 1)])
            story.headline_align = rng.choice(["centre", "left"])
            story.split = rng.random() < 0.5
            if story.split:
                story.layout.append("split-columns")
                if story.text_columns >= 2 and rng.random() < 0.4:
                    story.headline_columns = story.text_columns - 1
            row.append(Cell("story", width, story))
            free -= width
        stack.append(row)
    column = (860 - (n - 1) * page.gutter * page.body) / n
    characters = (1000 / page.leading) * (column / page.body) * side * 0.8  # the column's room
    comment = Story(
        title=text.pick(COMMENT_TITLES),
        paragraphs=text.paragraphs(rng.randint(3, max(4, int(characters / 170))), 80, 200),
        label=rng.choice(COMMENT_LABELS),
        columns=side,
        title_size=round(page.body * rng.uniform(1.7, 2.3) * 2) / 2,
    )
    comment.byline = rng.choice([f"■本报评论员 {text.name()}", f"□ {text.name()}", text.name()])
    comment.byline_place = "column"
    comment.layout.append("commentary")
    _subheads(rng, text, comment, rng.choice(["centred", "square", "reversed"]))
    if side > 1:
        comment.split = True
    cells = [Cell("stack", grid, stack=stack, rules=rng.random() < 0.6), Cell("story", side, comment)]
    page.rows.append(cells if rng.random() < 0.5 else cells[::-1])
    return page


def minus(text: str) -> str:
    """Minus signs as U+2212: the CJK faces' hyphen reads back as U+2011 from the PDF."""
    return text.replace("-", "−")


def _weather(rng: random.Random, page: Page) -> Table:
    days = [page.date + dt.timedelta(days=i) for i in (1, 2)]
    head = ["城市", *(f"{day.month}月{day.day}日" for day in days)]
    rows = [head]
    for city in rng.sample(CITIES, rng.randint(5, 9)):
        cells = [city]
        for _ in days:
            low = rng.randint(-5, 15)
            cells.append(minus(f"{rng.choice(WEATHER)} {low}～{low + rng.randint(5, 14)}℃"))
        rows.append(cells)
    return Table(rows, 1, rng.choice(["all", "head", "none"]))


def _stocks(rng: random.Random) -> Table:
    rows = [["名称", "代码", "收盘价", "涨跌幅"]]
    for name, code in rng.sample(STOCKS, rng.randint(6, 10)):
        change = rng.uniform(-9.9, 9.9)
        rows.append([name, code, f"{rng.uniform(3, 200):.2f}", minus(f"{change:+.2f}%")])
    return Table(rows, 1, rng.choice(["all", "head", "none"]))


def _lottery(rng: random.Random, page: Page) -> Table:
    rows = [["玩法", "期号", "开奖号码"]]
    issue = f"{page.date.year % 100}{rng.randint(1, 150):03d}"
    for game in rng.sample(LOTTERIES, rng.randint(3, 5)):
        count = 3 if "3" in game else 5 if "5" in game else 7
        numbers = " ".join(f"{rng.randint(0, 35):02d}" for _ in range(count))
        rows.append([game, issue, numbers])
    return Table(rows, 1, rng.choice(["all", "head"]))


def _listings(rng: random.Random) -> Table:
    rows = [["时间", minus(rng.choice(["CCTV-1", "CCTV-5", "省台卫视", "都市频道"]))]]
    hour = rng.randint(6, 9)
    for programme in rng.sample(PROGRAMMES, rng.randint(6, 9)):
        rows.append([f"{hour:02d}:{rng.choice(['00', '15', '30', '45'])}", programme])
        hour += rng.randint(1, 2)
    return Table(rows, 1, rng.choice(["head", "none"]))


def _standings(rng: random.Random) -> Table:
    rows = [["排名", "球队", "场次", "胜", "平", "负", "积分"]]
    played = rng.randint(8, 20)
    teams = []
    for team in rng.sample(TEAMS, rng.randint(6, 8)):
        won = rng.randint(0, played)
        drawn = rng.randint(0, played - won)
        teams.append((3 * won + drawn, team, won, drawn, played - won - drawn))
    for rank, (points, team, won, drawn, lost) in enumerate(sorted(teams, reverse=True), 1):
        rows.append([str(rank), team, str(played), str(won), str(drawn), str(lost), str(points)])
    return Table(rows, 1, rng.choice(["all", "head"]))


def service_page(seed: int, rich: bool = False) -> Page:
    """A service page: tables (weather in cities over two days, stock prices, lottery results,
    TV listings, a league table), some inside a story under its paragraphs, some on their own
    under a headline, beside an ordinary story."""
    rng = random.Random(f"service-{seed}")
    text = Text(rng, rich)
    page = _page("service", seed, rng, (5, 8))
    n = page.columns
    makers = [
        ("全省天气预报", lambda: _weather(rng, page), True),
        ("沪深股市行情", lambda: _stocks(rng), False),
        ("彩票开奖公告", lambda: _lottery(rng, page), False),
        ("今日电视节目", lambda: _listings(rng), False),
        ("联赛积分榜", lambda: _standings(rng), True),
    ]
    chosen = rng.sample(makers, rng.randint(3, 4))
    stories: list[Story] = []
    for title, make, told in chosen:
        table = make()
        table.size = rng.uniform(0.9, 1.0)
        in_story = told and rng.random() < 0.7
        story = Story(title=title, paragraphs=text.paragraphs(rng.randint(1, 2), 60, 150) if in_story else [])
        story.title_size = round(page.body * rng.uniform(1.7, 2.4) * 2) / 2
        story.tables = [table]
        story.byline_place = "none"
        story.layout += ["table", "table-in-story" if in_story else "table-alone"]
        stories.append(story)
    news = _story(rng, text, 2, page.body, (2, 4), big=False)
    stories.insert(rng.randrange(len(stories) + 1), news)
    # two rows, the stories shared out over the columns
    half = (len(stories) + 1) // 2
    for group in (stories[:half], stories[half:]):
        row: list[Cell] = []
        free = n
        for index, story in enumerate(group):
            width = free if index == len(group) - 1 else max(2, free // (len(group) - index))
            story.columns = width
            if not story.tables:
                story.columns = min(width, 3)
            row.append(Cell("story", width, story))
            free -= width
        page.rows.append(row)
    return page


TEMPLATES: dict[str, Callable[[int, bool], Page]] = {
    "front": front_page,
    "essay": essay_page,
    "county": county_page,
    "lead": lead_page,
    "grid": grid_page,
    "service": service_page,
}
#: The templates of the synthetic test sets drawn before issue 23 (seeds 1 to 532).
FIRST_TEMPLATES = ("front", "essay", "county")


# -- LaTeX ------------------------------------------------------------------------------------------


def has_font(family: str) -> bool:
    """Whether fontconfig knows ``family``."""
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return any(family in line.split(",") for line in listed.splitlines())


PREAMBLE = r"""\documentclass{article}
\usepackage[paperwidth=330mm,paperheight=480mm,margin=12mm]{geometry}
\usepackage{xeCJK}
\usepackage{multicol}
\usepackage{xcolor}
\usepackage{graphicx}
\setCJKmainfont{Noto Serif CJK SC}
\setCJKsansfont[BoldFont={Noto Sans CJK SC Bold}]{Noto Sans CJK SC}
\setmainfont{Noto Serif CJK SC}
\setsansfont{Noto Sans CJK SC}
\newCJKfontfamily\heiti{Noto Sans CJK SC Bold}
\newCJKfontfamily\capface{CAPTIONFONT}
\newfontfamily\latin{lmsans10-regular.otf}
\pagestyle{empty}
\setlength{\parskip}{0pt}
\setlength{\fboxsep}{4pt}
\xeCJKsetup{CJKglue={\hskip 0pt plus 0.08\baselineskip}}
\setlength{\multicolsep}{2pt}
\newbox\syntext
\newbox\synhead
\newbox\syntrial
\newbox\synscratch
\newdimen\synheight
\newdimen\synheadheight
\begin{document}
"""


QUAD = r"\quad "


def tex(text: str) -> str:
    return text.replace("%", r"\%")


def size(points: float, leading: float | None = None) -> str:
    return rf"\fontsize{{{points:.2f}pt}}{{{(leading or points * 1.2):.2f}pt}}\selectfont{{}}"


def spaced(text: str, em: float = 0.5) -> str:
    """Letter-spaced: a space of ``em`` between characters."""
    return rf"\hspace{{{em}em}}".join(text)


class Writer:
    """One page's LaTeX."""

    def __init__(self, page: Page, photo: str) -> None:
        self.page = page
        self.photo_file = photo
        self.out: list[str] = []
        b = page.body
        self.body = size(b, page.leading)
        self.gutter = page.gutter * b
        text_width = (330 - 24) / 25.4 * 72.27
        self.column = (text_width - (page.columns - 1) * self.gutter) / page.columns

    def width(self, columns: int) -> float:
        return columns * self.column + (columns - 1) * self.gutter

    def write(self) -> str:
        page = self.page
        self.masthead()
        for index, row in enumerate(page.rows):
            if index and page.rules:
                self.out.append(r"\vspace{3pt}\noindent\rule{\linewidth}{0.6pt}\par\vspace{6pt}")
            elif index:
                self.out.append(r"\vspace{14pt}")
            self.out.append(self.row(row))
        if page.masthead != "editors":
            self.out.append(r"\vfill\noindent\rule{\linewidth}{0.4pt}\par")
            editors = QUAD.join(page.editors)
            self.out.append(rf"{{{size(page.body * 0.85)}\hfill {editors}\par}}")
        self.out.append(rf"\typeout{{SYNTHETIC {page.template} {page.seed} ENDS ON \thepage}}\newpage")
        return "\n".join(self.out)

    def row(self, row: list[Cell]) -> str:
        """Cells side by side, tops level, a gutter between them."""
        cells = []
        for cell in row:
            cells.append(
                rf"\begin{{minipage}}[t]{{{self.width(cell.columns):.2f}pt}}"
                + rf"\setlength{{\parindent}}{{2em}}{self.body}"
                + self.cell(cell)
                + r"\end{minipage}"
            )
        return r"\noindent" + rf"\hspace{{{self.gutter:.2f}pt}}".join(cells) + r"\par"

    def masthead(self) -> None:
        page, b = self.page, self.page.body
        if page.masthead.startswith("nameplate"):
            self.nameplate()
            return
        date = f"{page.date.year}年{page.date.month}月{page.date.day}日"
        number = page.number
        shown = number if not number.isdigit() or page.seed % 2 else f"第{number}版"
        big = size(b * 2.6)
        mid = size(b * 1.7)
        small = size(b * 1.1)
        if page.masthead == "left-date":
            line = rf"{{{small}{date}\quad {page.weekday}}}\hfill{{{big}\sffamily\bfseries {shown}}}\quad{{{mid}\sffamily {page.section}}}"
        elif page.masthead == "number-first":
            line = rf"{{{big}\sffamily\bfseries {number}}}\quad{{{mid}\sffamily {page.section}}}\hfill{{{small}{date}\quad {page.weekday}\quad {LUNAR[page.seed % 3]}}}"
        elif page.masthead == "one-line":
            dotted = f"{page.date.year}.{page.date.month:02d}.{page.date.day:02d}"
            line = rf"{{{mid}\sffamily\bfseries {number}\quad {page.section}}}\hfill{{{small}{dotted}\quad {page.weekday}}}"
        else:
            line = (
                rf"{{{small}{date}\quad {page.weekday}\quad {QUAD.join(page.editors)}}}"
                rf"\hfill{{{mid}\sffamily {page.section}}}\quad{{{big}\sffamily\bfseries {number}}}"
            )
        self.out.append(
            r"\noindent " + line + r"\par\vspace{3pt}\noindent\rule{\linewidth}{1.2pt}\par\vspace{10pt}"
        )

    def nameplate(self) -> None:
        """A front page's header: the paper's name as text (or, ``nameplate-fragment``, a logo
        picture and one character of the name as text beside it), its serial number, the date,
        and a story beside it in a box (报眼) where the page has one."""
        page, b = self.page, self.page.body
        total = self.width(page.columns)
        ear = self.width(2) if page.ear is not None else 0.0
        name_width = min(0.45 * total, total - ear - 12 * b - 2 * self.gutter)
        date = f"{page.date.year}年{page.date.month}月{page.date.day}日"
        number = page.number
        shown = number if not number.isdigit() or page.seed % 2 else f"第{number}版"
        small = size(b * 1.05, b * 1.5)
        if page.masthead == "nameplate-fragment":
            char = page.paper[-1]
            big = min(b * 7, name_width / (len(page.paper) + 3))
            logo = rf"\includegraphics[width={big * (len(page.paper) - 1):.2f}pt,height={big:.2f}pt]{{{self.photo_file}}}"
            name = rf"{logo}{{{size(big)}\heiti {char}}}\hspace{{2pt}}{{{size(b)}\latin {page.cn}}}"
            serial = ""
        else:
            big = min(b * 7, name_width / (len(page.paper) + 0.5))
            name = rf"{{{size(big)}\heiti {page.paper}}}"
            serial = rf"国内统一连续出版物号\quad {{\latin {page.cn}}}\par "
        info = rf"{{{small}{serial}{date}\quad {page.weekday}\par {LUNAR[page.seed % 3]}\par {{\sffamily\bfseries {shown}}}\quad {page.section}\par}}"
        parts = [
            rf"\begin{{minipage}}[b]{{{name_width:.2f}pt}}{name}\end{{minipage}}",
            rf"\begin{{minipage}}[b]{{{10 * b:.2f}pt}}{info}\end{{minipage}}",
        ]
        line = r"\noindent " + rf"\hspace{{{self.gutter:.2f}pt}}".join(parts)
        if page.ear is not None:
            inner = ear - 2 * 4 - 2 * 0.8
            story = self.story(page.ear, 1, width=inner)
            line += (
                rf"\hfill{{\setlength{{\fboxrule}}{{0.8pt}}\fbox{{\begin{{minipage}}[b]{{{inner:.2f}pt}}"
                rf"\setlength{{\parindent}}{{2em}}{self.body}{story}\end{{minipage}}}}}}"
            )
        rule = {
            "rule": r"\par\vspace{3pt}\noindent\rule{\linewidth}{1.2pt}\par\vspace{6pt}",
            "double": r"\par\vspace{3pt}\noindent\rule{\linewidth}{1.6pt}\par\vspace{1.5pt}"
            r"\noindent\rule{\linewidth}{0.4pt}\par\vspace{6pt}",
            "none": r"\par\vspace{4pt}",
        }[page.header_rule]
        self.out.append(line + rule)

    def cell(self, cell: Cell) -> str:
        if cell.kind == "story" and cell.story is not None and cell.story.boxed:
            return self.boxed(cell.story, cell.columns)
        if cell.kind == "stack":
            out = []
            for index, row in enumerate(cell.stack):
                if index:
                    out.append(
                        r"\vspace{3pt}\noindent\rule{\linewidth}{0.4pt}\par\vspace{5pt}"
                        if cell.rules
                        else r"\vspace{12pt}"
                    )
                out.append(self.row(row))
            return "\n".join(out)
        if cell.kind == "banner":
            b = self.page.body
            return rf"{{\centering\colorbox{{black}}{{{size(b * 2.2)}\heiti\color{{white}} {tex(cell.label)}}}\par}}\vspace{{4pt}}"
        if cell.kind == "story" and cell.story is not None:
            inner = self.story(cell.story, cell.columns)
            if cell.story.framed:
                w = self.width(cell.columns) - 9
                return rf"\noindent\fbox{{\begin{{minipage}}[t]{{{w:.2f}pt}}\setlength{{\parindent}}{{2em}}{inner}\end{{minipage}}}}"
            return inner
        if cell.kind == "briefs":
            return self.briefs(cell)
        if cell.kind == "advert" and cell.advert is not None:
            return self.advert(cell.advert, cell.columns)
        return ""

    # the parts of a story

    def headline(self, story: Story, width: float) -> str:
        b = self.page.body
        t = story.title_size
        align = r"\raggedright" if story.headline_align == "left" else r"\centering"
        parts = [rf"\begingroup{align}\setlength{{\parskip}}{{0pt}}"]
        if story.label:  # a column label flush left over the headline
            parts.append(
                rf"{{\raggedright\colorbox{{black}}{{{size(b * 1.4)}\heiti\color{{white}} {tex(story.label)}}}\par}}\vspace{{4pt}}"
            )
        low = max(t * story.size_scale, b * 1.25)
        if story.kicker:
            parts.append(rf"{{{size(low)}\sffamily {tex(story.kicker)}\par}}\vspace{{{t * 0.15:.1f}pt}}")
        title = tex(story.title or "")
        if story.spaced_title:
            title = spaced(title, 0.8)
        if story.title_style == "red":
            title = rf"\textcolor[RGB]{{200,16,32}}{{{title}}}"
        if story.title_style == "band":  # white on a dark red band as wide as the headline's room
            inner = width - 8
            title = (
                rf"\colorbox[RGB]{{150,10,20}}{{\parbox{{{inner:.2f}pt}}{{\centering{size(t, t * 1.15)}\heiti"
                rf"\color{{white}} {title}\par}}}}"
            )
            parts.append(rf"{{\noindent{title}\par}}")
        else:
            parts.append(rf"{{{size(t, t * 1.15)}\heiti {title}\par}}")
        if story.subtitle:
            parts.append(rf"\vspace{{{t * 0.15:.1f}pt}}{{{size(low)}\sffamily {tex(story.subtitle)}\par}}")
        parts.append(r"\par\endgroup")
        out = r"\par" + "".join(parts)
        if story.byline_place == "under" and story.byline:
            align = self.page.seed % 3
            name = tex(story.byline)
            line = rf"{{{self.body}\sffamily {name}}}"
            if story.byline_style == "names":  # a line of reporters' names, bold, set wide
                line = rf"{{{size(b * 1.3)}\heiti {name.replace(' ', QUAD)}}}"
            out += r"\vspace{2pt}" + (
                rf"\noindent {line}\par"
                if align == 0
                else rf"{{\centering {line}\par}}"
                if align == 1
                else rf"\noindent\hfill {line}\par"
            )
        return out + r"\vspace{4pt}"

    def photo(self, photo: Photo) -> str:
        picture = rf"\includegraphics[width=\linewidth,height={photo.height:.2f}pt]{{{self.photo_file}}}"
        if photo.framed:
            inner = r"\dimexpr\linewidth-2\fboxsep-2\fboxrule\relax"
            picture = (
                rf"\fbox{{\includegraphics[width={inner},height={photo.height:.2f}pt]{{{self.photo_file}}}}}"
            )
        credit = rf"\hfill {tex(photo.credit)}" if photo.credit else ""
        caption = rf"{{\noindent\capface {tex(photo.caption)}{credit}\par}}"
        return rf"\par\vspace{{4pt}}\noindent {picture}\par\vspace{{3pt}}{caption}\vspace{{5pt}}"

    def text(self, story: Story) -> str:
        """The story's paragraphs, subheads, bylines over the text, in the lead, at the end."""
        b = self.page.body
        out = []
        if story.byline_place == "column" and story.byline:
            out.append(rf"{{\noindent\sffamily {tex(story.byline)}\par}}")
        for index, paragraph in enumerate(story.paragraphs):
            if index in story.subheads:
                head, deck = story.subheads[index]
                lines = rf"{tex(head)}\par" + (
                    rf"{{{size(b * 1.05)}\sffamily {tex(deck)}\par}}" if deck else ""
                )
                if story.subhead_style == "square":
                    lines = rf"■{lines}"
                    out.append(
                        rf"\par\vspace{{4pt}}{{\noindent\raggedright{size(b * 1.1)}\heiti {lines}}}\vspace{{2pt}}"
                    )
                elif story.subhead_style == "reversed":
                    lines = rf"\colorbox{{black}}{{\color{{white}}{tex(head)}}}\par" + (
                        rf"{{{size(b * 1.05)}\sffamily {tex(deck)}\par}}" if deck else ""
                    )
                    out.append(
                        rf"\par\vspace{{4pt}}{{\noindent\raggedright{size(b * 1.1)}\heiti {lines}}}\vspace{{2pt}}"
                    )
                else:
                    out.append(
                        rf"\par\vspace{{4pt}}{{\centering{size(b * 1.25)}\heiti {lines}}}\vspace{{3pt}}"
                    )
            text = tex(paragraph)
            if index == 0 and story.byline_place == "lead" and story.byline:
                text = f"本报讯（{tex(story.byline)}）" + text
            if index == len(story.paragraphs) - 1 and story.byline_place == "runon" and story.byline:
                text += f"（{tex(story.byline)}）"
            if paragraph.startswith("（作者"):
                out.append(rf"\par{{\raggedleft {text}\par}}")
            else:
                out.append(text + r"\par")
            if index == 0 and story.photo is not None and story.photo_place == "column":
                out.append(self.photo(story.photo))
        if story.byline_place == "closing" and story.byline:
            out.append(rf"{{\raggedleft （{tex(story.byline)}）\par}}")
        return "\n".join(out)

    def columns(self, count: int, body: str) -> str:
        if count <= 1:
            return body
        return (
            rf"\setlength{{\columnsep}}{{{self.gutter:.2f}pt}}\begin{{multicols}}{{{count}}}"
            + body
            + r"\end{multicols}"
        )

    def story(self, story: Story, columns: int, width: float | None = None) -> str:
        if story.split or story.tables or story.text_columns or width is not None:
            return self.flowed_story(story, columns, width or self.width(columns))
        width = self.width(columns)
        if story.vertical:
            return self.vertical_story(story, columns)
        text_columns = columns
        beside = ""
        if story.photo is not None and story.photo_place == "beside" and columns >= 3:
            text_columns = columns - 1  # the headline stands over more columns than the text
            beside = self.photo(story.photo)
        if story.headline_columns and story.headline_columns < columns:
            # a headline over some of the columns: the others start level with it
            under = story.headline_columns
            split = max(1, len(story.paragraphs) * under // columns)
            first = Story(**{**story.__dict__, "paragraphs": story.paragraphs[:split], "subheads": {}})
            rest = Story(
                **{
                    **story.__dict__,
                    "paragraphs": story.paragraphs[split:],
                    "byline_place": "none"
                    if story.byline_place in ("lead", "column", "under")
                    else story.byline_place,
                    "subheads": {},
                }
            )
            first.byline_place = story.byline_place if story.byline_place != "runon" else "none"
            if story.byline_place == "closing":
                first.byline_place = "none"
            left = (
                rf"\noindent\begin{{minipage}}[t]{{{self.width(under):.2f}pt}}\setlength{{\parindent}}{{2em}}{self.body}"
                + self.headline(story, self.width(under))
                + self.columns(under, self.text(first))
                + r"\end{minipage}"
            )
            right = (
                rf"\begin{{minipage}}[t]{{{self.width(columns - under):.2f}pt}}\setlength{{\parindent}}{{2em}}{self.body}"
                + self.columns(columns - under, self.text(rest))
                + r"\end{minipage}"
            )
            return left + rf"\hspace{{{self.gutter:.2f}pt}}" + right
        out = self.headline(story, width)
        if story.photo is not None and story.photo_place == "top":
            out += self.photo(story.photo)
        body = self.columns(text_columns, self.text(story))
        if beside:
            out += (
                rf"\noindent\begin{{minipage}}[t]{{{self.width(text_columns):.2f}pt}}\vspace{{0pt}}\setlength{{\parindent}}{{2em}}{self.body}"
                + body
                + rf"\end{{minipage}}\hspace{{{self.gutter:.2f}pt}}\begin{{minipage}}[t]{{{self.column:.2f}pt}}\vspace{{0pt}}{self.body}"
                + beside
                + r"\end{minipage}"
            )
        else:
            out += body
        return out

    def flowed_story(self, story: Story, columns: int, width: float) -> str:
        """A story of ``width`` whose text is cut into its columns wherever a column is full,
        mid-sentence, the columns' bottoms level: under a headline over all of them, or over
        the first ``headline_columns`` of them (the others start level with it), or under a
        photo over the first half of them; its tables after the text, across the story."""
        count = max(1, story.text_columns or columns)
        column = (width - (count - 1) * self.gutter) / count
        under = story.headline_columns if 0 < story.headline_columns < count else 0
        out = ""
        top, top_columns = "", 0
        if under:
            top, top_columns = self.headline(story, column * under + self.gutter * (under - 1)), under
        else:
            out += self.headline(story, width)
            if story.photo is not None and story.photo_place == "top":
                if story.split and count >= 2:
                    top, top_columns = self.photo(story.photo), max(1, count // 2)
                else:
                    out += self.photo(story.photo)
        body = self.text(story)
        if story.split:
            out += self.flow(body, count, column, top, top_columns)
        else:
            out += self.columns(count, body)
        for table in story.tables:
            out += self.table(table, width)
        return out

    def flow(self, body: str, count: int, column: float, top: str, top_columns: int) -> str:
        """``body`` cut into ``count`` columns by TeX's ``\\vsplit`` (at whatever line fills a
        column: mid-sentence), ``top`` over the first ``top_columns`` of them."""
        g = self.gutter
        head_width = column * top_columns + g * max(0, top_columns - 1)
        slack = self.page.leading * 0.5
        out = [
            rf"\setbox\syntext=\vbox{{\hsize={column:.2f}pt\linewidth=\hsize\columnwidth=\hsize"
            rf"\setlength{{\parindent}}{{2em}}\clubpenalty=0 \widowpenalty=0 \interlinepenalty=0 {self.body}{body}\par}}",
            rf"\setbox\synhead=\vbox{{\hsize={head_width:.2f}pt\linewidth=\hsize {top}}}"
            if top
            else r"\setbox\synhead=\vbox{}",
            r"\synheadheight=\dimexpr\ht\synhead+\dp\synhead\relax",
            rf"\synheight=\dimexpr(\ht\syntext+\dp\syntext+\synheadheight*{top_columns})/{count}\relax",
            rf"\splittopskip={self.page.body:.2f}pt",
        ]

        def height(index: int) -> str:
            return r"\synheight" if index >= top_columns else r"\dimexpr\synheight-\synheadheight\relax"

        # the columns as high as they must be for the last one to hold the rest
        trial = "".join(rf"\setbox\synscratch=\vsplit\syntrial to {height(i)}" for i in range(count - 1))
        out.append(
            rf"\loop\setbox\syntrial=\copy\syntext{trial}"
            rf"\ifdim\dimexpr\ht\syntrial+\dp\syntrial\relax>\dimexpr\synheight+{slack:.2f}pt\relax"
            r"\advance\synheight by 1pt\repeat"
        )

        def piece(index: int) -> str:
            if index == count - 1:
                return r"\vtop{\vskip0pt\box\syntext}"
            return rf"\vtop{{\vskip0pt\vsplit\syntext to {height(index)}}}"

        space = rf"\hskip{g:.2f}pt"
        pieces = [piece(i) for i in range(count)]
        if top_columns:
            under = rf"\hbox{{{space.join(pieces[:top_columns])}}}"
            first = rf"\vtop{{\vskip0pt\box\synhead\vskip{self.page.body * 0.5:.2f}pt{under}}}"
            pieces = [first, *pieces[top_columns:]]
        out.append(r"\par\noindent\hbox{" + space.join(pieces) + r"}\par")
        return "\n".join(out)

    def boxed(self, story: Story, columns: int) -> str:
        """A story in a ruled box, headline and all (``tint``: over a grey ground)."""
        rule = 0.8 if story.boxed == "tint" else 1.2
        inner = self.width(columns) - 2 * 4 - 2 * rule
        content = (
            rf"\begin{{minipage}}[t]{{{inner:.2f}pt}}\setlength{{\parindent}}{{2em}}{self.body}"
            + self.story(story, columns, width=inner)
            + r"\end{minipage}"
        )
        box = (
            rf"\fcolorbox{{black}}{{black!8}}{{{content}}}"
            if story.boxed == "tint"
            else rf"\fbox{{{content}}}"
        )
        return rf"{{\noindent\setlength{{\fboxrule}}{{{rule}pt}}{box}\par}}"

    def table(self, table: Table, width: float) -> str:
        """A table across ``width``, its type as large as fits, up to ``table.size`` times the body."""
        b = self.page.body
        columns = len(table.rows[0])

        def ems(cell: str) -> float:
            return sum(1.0 if ord(char) > 0x2E7F else 0.55 for char in cell)

        widest = [max(ems(row[i]) for row in table.rows) for i in range(columns)]
        # each column: its widest cell and 1.2 em of padding
        points = min(b * table.size, 0.95 * width / (sum(widest) + 1.2 * columns))
        lines = []
        for index, row in enumerate(table.rows):
            cells = [rf"{{\heiti {tex(cell)}}}" if index < table.header_rows else tex(cell) for cell in row]
            line = " & ".join(cells) + r" \\"
            if table.rules == "all" or (table.rules == "head" and index == table.header_rows - 1):
                line += r" \hline"
            lines.append(line)
        spec = "|" + "|".join("c" * columns) + "|" if table.rules == "all" else "c" * columns
        top = r"\hline" if table.rules != "none" else ""
        return (
            rf"\par\vspace{{4pt}}{{\centering{size(points, points * 1.5)}\setlength{{\tabcolsep}}{{{points * 0.6:.2f}pt}}"
            rf"\begin{{tabular}}{{{spec}}}{top}" + "\n".join(lines) + r"\end{tabular}\par}\vspace{4pt}"
        )

    def vertical_story(self, story: Story, columns: int) -> str:
        t = story.title_size
        b = self.page.body
        title = r"\\".join(story.title or "")
        pieces = [
            rf"\parbox[t]{{{t * 1.2:.2f}pt}}{{\vspace{{0pt}}\centering{size(t, t * 1.08)}\heiti {title}}}"
        ]
        if story.subtitle:
            low = max(t * 0.5, b * 1.3)
            sub = r"\\".join(story.subtitle)
            pieces.append(
                rf"\parbox[t]{{{low * 1.2:.2f}pt}}{{\vspace*{{{t * 1.5:.1f}pt}}\centering{size(low, low * 1.08)}\sffamily {sub}}}"
            )
        if story.byline:
            name = r"\\".join(story.byline.replace(" ", ""))
            pieces.append(
                rf"\parbox[t]{{{b * 1.4:.2f}pt}}{{\vspace*{{{t * 3:.1f}pt}}\centering{size(b * 1.1, b * 1.25)}\capface {name}}}"
            )
        head_width = (
            t * 1.2
            + (max(t * 0.5, b * 1.3) * 1.2 if story.subtitle else 0)
            + (b * 1.4 if story.byline else 0)
            + 8
        )
        if story.vertical_side == "right":
            pieces.reverse()  # read right to left: the title outermost
        head = (
            rf"\begin{{minipage}}[t]{{{head_width:.2f}pt}}\vspace{{0pt}}"
            + r"\hspace{2pt}".join(pieces)
            + r"\end{minipage}"
        )
        width = self.width(columns) - head_width - self.gutter - 2
        plain = Story(**{**story.__dict__, "byline_place": "none"})
        text_columns = max(1, columns - 1)
        body = (
            rf"\begin{{minipage}}[t]{{{width:.2f}pt}}\vspace{{0pt}}\setlength{{\parindent}}{{2em}}{self.body}"
            + self.columns(text_columns, self.text(plain))
            + r"\end{minipage}"
        )
        pieces = (body, head) if story.vertical_side == "right" else (head, body)
        return rf"\noindent\hbox to \linewidth{{{pieces[0]}\hfill {pieces[1]}}}"

    def briefs(self, cell: Cell) -> str:
        b = self.page.body
        label = tex(cell.label)
        if cell.label_style == "reversed":
            head = rf"{{\centering\colorbox{{black}}{{{size(b * 1.6)}\heiti\color{{white}} {label}}}\par}}"
        elif cell.label_style == "boxed":
            head = rf"{{\centering\fbox{{{size(b * 1.6)}\heiti {label}}}\par}}"
        else:
            head = rf"{{\centering{size(b * 1.6)}\heiti {label}\par}}\vspace{{2pt}}\noindent\rule{{\linewidth}}{{0.4pt}}\par"
        out = [head + r"\vspace{4pt}"]
        for brief in cell.briefs:
            if brief.title:  # as large as fits the column, up to 1.5 times the body
                fit = min(b * 1.5, 0.95 * self.column / len(brief.title))
                out.append(rf"{{\centering{size(fit)}\heiti {tex(brief.title)}\par}}\vspace{{2pt}}")
            out.append(self.text(brief))
            out.append(r"\vspace{6pt}")
        if cell.columns == 1:
            return "\n".join(out)
        return out[0] + self.columns(min(cell.columns, 4), "\n".join(out[1:]))

    def advert(self, advert: tuple[str, list[str]], columns: int) -> str:
        b = self.page.body
        slogan, lines = advert
        rows = r"\par ".join(tex(line) for line in lines)
        w = self.width(columns) - 9
        return (
            rf"\noindent\fbox{{\begin{{minipage}}[t]{{{w:.2f}pt}}\centering{{{size(b * 3.2)}\heiti {tex(slogan)}\par}}"
            rf"\vspace{{4pt}}{{{size(b * 1.3)}\sffamily {rows}\par}}\vspace{{2pt}}{{{size(b * 0.9)} （广告）\par}}\end{{minipage}}}}"
        )


# -- building and scoring ---------------------------------------------------------------------------


def make_pages(templates: list[str], count: int, first_seed: int = 1, rich: bool = False) -> list[Page]:
    """``count`` pages of each template, seeds from ``first_seed``."""
    return [TEMPLATES[name](first_seed + i, rich) for name in templates for i in range(count)]


def build(pages: list[Page], folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Each page drawn into its own one-page PDF in ``folder`` (one XeLaTeX run for all), with
    its gold: ``[(pdf, gold)]``.  A page whose stories do not fit on the paper is left out
    (the message says which)."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    photo = folder / "photo.png"
    Image.new("RGB", (60, 40), (150, 150, 150)).save(photo)
    caption_font = pages[0].caption_font if pages else CAPTION_FONTS[1]
    source = PREAMBLE.replace("CAPTIONFONT", caption_font)
    source += "\n".join(Writer(page, photo.name).write() for page in pages) + "\n\\end{document}\n"
    (folder / "pages.tex").write_text(source, encoding="utf-8")
    result = subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "pages.tex"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1714953600"},
    )
    log = (folder / "pages.log").read_text(encoding="utf-8", errors="replace")
    if result.returncode != 0:
        raise RuntimeError("xelatex failed:\n" + log[-3000:])
    ends = [int(n) for n in re.findall(r"^SYNTHETIC \S+ \d+ ENDS ON (\d+)", log, re.MULTILINE)]
    assert len(ends) == len(pages), "every page says where it ends"
    import pypdf

    reader = pypdf.PdfReader(folder / "pages.pdf")
    out = []
    first = 1
    for page, last in zip(pages, ends, strict=True):
        if last != first:
            print(
                f"synthetic page {page.template} {page.seed} does not fit on the paper: left out",
                file=sys.stderr,
            )
        else:
            out.append(_one_page(reader, first - 1, page, folder))
        first = last + 1
    return out


def _one_page(reader, index: int, page: Page, folder: Path) -> tuple[Path, dict[str, Any]]:
    """PDF page ``index`` of the combined file as its own file, beside its gold."""
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_page(reader.pages[index])
    name = f"synthetic-{page.template}-{page.seed:03d}.pdf"
    with open(folder / name, "wb") as stream:
        writer.write(stream)
    gold = page.gold(name)
    (folder / f"{name}.gold.json").write_text(
        json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return folder / name, gold


def score(built: list[tuple[Path, dict[str, Any]]]):  # -> list[PageScore]
    sys.path.insert(0, str(REPO))
    from sphinx_newspaper.scoring import score_file

    return [score_file(path, path.parent) for path, _ in built]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=4, help="pages of each template")
    parser.add_argument("--seed", type=int, default=1, help="the first page's seed")
    parser.add_argument("--templates", default=",".join(TEMPLATES), help="comma-separated")
    parser.add_argument("--rich", action="store_true", help="text from ../shared/corpus/rmrb-2020-01 too")
    parser.add_argument("--keep", default=None, help="write the pages and their gold into this folder")
    parser.add_argument("--details", action="store_true", help="print each page's faults")
    options = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from sphinx_newspaper.scoring import by_class, format_scores, format_story_classes, summary

    templates = options.templates.split(",")
    pages = make_pages(templates, options.pages, options.seed, options.rich)
    folder = Path(options.keep) if options.keep else Path(tempfile.mkdtemp(prefix="newspaper-synthetic-"))
    try:
        built = build(pages, folder)
        scores = score(built)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(format_scores(scores, details=options.details))
    print()
    total = summary(scores)
    print(format_scores([*by_class(scores), total]))  # by template and by the layouts drawn
    if total.story_whole:
        print()
        print(format_story_classes(total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
