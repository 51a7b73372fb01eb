"""Temporal expressions in English and Chinese sentences, resolved against the document's date.

A small rule-based resolver, not a general date parser: it finds the expressions news and
policy articles use ("On May 26", "In April 2020", "since the end of December 2020",
"this year's", "recently", "4月3日电", "今年3月23日", "2020年12月底", "2021年4月12日至13日",
"去年", "到2025年") and resolves each to an ISO date at its precision, anchored to the
document's own date, never to today. It is deterministic, needs no network and keeps what
parsers such as dateparser drop (the "end of" in "end of December", the month in
"今年3月23日", the range in "12日至13日").

It reads the raw sentence string: Chinese dates must be found before word segmentation,
which splits "2021年4月12日" into pieces.

What is *not* a date here: an ordinal ("the 14th Five-Year Plan"), a duration ("7 years",
"已有7年"), a bare number ("about 2023 will be built by the end of 50"), a year inside a
name ("Research Frontiers 2020 Report", "《2020年……报告》", "(2020-2023)"). In English a
year standing alone is read only after a preposition such as "in", "since" or "by", so "the
2021 plan" (the period a plan covers) is not a date either.

Traditional characters are converted to simplified (:func:`iecorpus.chinese.to_simplified`,
which keeps every offset) before matching, so one spelling of each word is enough; the
expressions are quoted from the text as written. The date patterns come from
:mod:`iecorpus.dates`, the Chinese cue words around them (底, 初, 自, 到, 以来 ...) from
``data/dates/zh_cues.csv``, the relative words ("recently", "今年", "去年", ...) from
``data/events/relative_dates.csv``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, fields
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from .chinese import CN_NUMERAL, HAN, has_han, to_simplified
from .datafiles import load_data
from .dates import (
    CN_DAY,
    CN_MONTH,
    DAY_MARK,
    DAY_MARKS,
    MONTH_NAMES,
    MONTH_NAMES_CAPITALISED,
    ORDINAL,
    YEAR,
    cue_meaning,
    cue_pattern,
    find_dates,
    load_zh_cues,
    read_date_part,
)
from .engine import chunk_table, map_tasks, partition_size, resolve_workers
from .regexparse import lowered_for_needs, may_hold, pattern_needs

#: Precision of a resolved date, finest first. ``approx`` means "on or shortly before".
PRECISIONS = ("day", "month", "year", "approx")
RELATIVE_DATES_FILE = paths.DATA_DIR / "events" / "relative_dates.csv"
FUTURE_WORDS_FILE = paths.DATA_DIR / "dates" / "future_words.csv"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Why a relative expression has no date, by what its resolution lacked.
UNDATED_REASONS = {
    "no anchor": "relative date and the page has no date: give the page a date in the manifest",
    "no month": "relative to a month, and the page date has no month: give the page a full date",
    "no day": "a weekday, and the page date has no day: give the page a full date",
}
EXPRESSION_COLUMNS = [
    "doc_id",
    "paragraph",
    "sentence_no",
    "expression",
    "start",
    "end",
    "date",
    "date_precision",
    "date_end",
    "qualifier",
    "role",
    "anchored",
    "undated",
]


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression found in a string and resolved.

    Attributes:
        expression: The text as written, with its preposition and qualifier
            ("Since the end of December 2020", "到2023年底前").
        start: Offset of the expression in the string searched.
        end: Offset just past it.
        date: ISO date at its precision (``2021-05-26``, ``2020-12``, ``2021``), or ""
            when a relative expression had no anchor to resolve against.
        precision: ``day``, ``month``, ``year`` or ``approx`` ("" when unresolved).
        date_end: Last day (or month, year) of a range, else "".
        qualifier: ``early``, ``mid`` or ``end`` of the period ("end of December"), ``h1``
            or ``h2`` (the first or second half of a year: then ``date`` and ``date_end``
            are its first and last month), else "".
        role: ``point``, ``range``, ``since``, ``target`` (a goal after the anchor: "by
            2025", "到2025年"), ``period`` (a five-year plan's years: 十四五, "the 14th
            Five-Year Plan period", which date no event) or ``dateline`` ("4月3日电").
        anchored: True when the document date was needed to resolve it.
        undated: Why ``date`` is empty, and what to do (give the page a date in the
            manifest); "" when the expression was resolved.
    """

    expression: str
    start: int
    end: int
    date: str
    precision: str
    date_end: str = ""
    qualifier: str = ""
    role: str = "point"
    anchored: bool = False
    undated: str = ""


#: A :class:`TimeExpression`'s fields, and the columns of the dates table that hold them.
_TIME_FIELDS = tuple(f.name for f in fields(TimeExpression))
_TIME_COLUMNS = tuple(EXPRESSION_COLUMNS[3:])


@dataclass(frozen=True)
class DateGrammar:
    """The editable words the resolver reads, loaded once for a batch of sentences.

    Attributes:
        relative: The rows of :func:`load_relative_dates`.
        cues: The rows of :func:`iecorpus.dates.load_zh_cues`.
        future: The rows of :func:`load_future_words`.
    """

    relative: tuple[tuple, ...]
    cues: tuple[tuple, ...]
    future: tuple[tuple, ...]


def load_date_grammar() -> DateGrammar:
    """Read the relative date words, the Chinese cue words and the future words once.

    Returns:
        A :class:`DateGrammar` to pass to :func:`find_temporal_expressions` for every
        sentence of a batch, so that the files are checked for changes once per batch.
    """
    return DateGrammar(load_relative_dates(), load_zh_cues(), load_future_words())


def load_future_words(path: str | Path | None = None) -> tuple[tuple[str, str], ...]:
    """Read the words that put a date after the page ("will be held", "将于").

    Args:
        path: A CSV with columns ``language`` (en or zh) and ``pattern`` (a regular
            expression; English ones match whole words, case ignored); defaults to
            ``data/dates/future_words.csv``.

    Returns:
        ``(language, pattern)`` tuples, in file order.

    Raises:
        ValueError: A row has a bad pattern or language; the message names the row.

    Note:
        A day or month without a year is the latest such day on or before the page date,
        unless its clause holds one of these words: then it is the next one after it.
    """
    path = Path(path) if path else FUTURE_WORDS_FILE
    return load_data(_read_future_words, [path], str(path))


def _read_future_words(file: str) -> tuple[tuple[str, str], ...]:
    path = Path(file)
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                re.compile(row["pattern"])
            except (re.error, TypeError) as exc:
                raise ValueError(
                    f"{paths.relative_to_project(path)}, row {number}: {exc}; the pattern must "
                    "be a regular expression. Fix or remove that row."
                ) from None
            if row["language"] not in ("en", "zh"):
                raise ValueError(
                    f"{paths.relative_to_project(path)}, row {number}: language must be en "
                    "or zh; fix that row."
                )
            rows.append((row["language"], row["pattern"]))
    return tuple(rows)


@lru_cache(maxsize=4)
def _future_pattern(future: tuple[tuple[str, str], ...]) -> re.Pattern:
    parts = [rf"\b(?:{p})\b" if lang == "en" else f"(?:{p})" for lang, p in future]
    return re.compile("|".join(parts) or "(?!)", re.IGNORECASE)


@dataclass
class _Candidate:
    """A match before resolution: parts of a date, some of them relative."""

    start: int
    end: int
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    year_offset: int | None = None  # 今年 = 0, 去年 = -1 ...
    month_offset: int | None = None  # 本月 = 0, 上月 = -1
    month_step: int | None = None  # "last November" = -1, "next November" = 1
    weekday: int | None = None  # "on Friday" = 4
    week_offset: int | None = None  # 上周五 = -1, 本周五 = 0
    future: bool = False  # the clause puts it after the page ("will be held")
    approx: bool = False
    dateline: bool = False
    needs_cue: bool = False  # an English bare year or month: needs a preposition
    qualifier: str = ""
    role: str = "point"


# ------------------------------------------------------------------ patterns

_MONTH = MONTH_NAMES_CAPITALISED  # capitalised, so the verb "may" is not May
_ORD = ORDINAL
_EN_RANGE_SEP = r"\s*(?:-|–|—|to|and|through)\s*"
_YEAR = YEAR
_WEEKDAY = "|".join(w.capitalize() for w in WEEKDAYS)
_ZH_WEEKDAYS = "一二三四五六日"
_HAN_CHAR = re.compile(f"[{HAN}]")
_LATIN = re.compile(r"[A-Za-z]")

_EN_PREFIX = re.compile(
    r"(?:\b(?P<role>since|from|by|until|till|before|after|in|on|at|during|as of|starting in)"
    r"\s+)?(?P<qual>(?:the\s+)?(?P<q1>end|close|beginning|start|middle|first half|second half)"
    r"\s+of\s+(?:the\s+)?"
    r"|(?P<q2>early|mid|late)[\s-]+)?$",
    re.IGNORECASE,
)
_QUALIFIERS = {
    "end": "end",
    "close": "end",
    "late": "end",
    "beginning": "early",
    "start": "early",
    "early": "early",
    "middle": "mid",
    "mid": "mid",
    "first half": "h1",
    "second half": "h2",
}
#: The months a half-year qualifier spans ("上半年", "the first half of 2021").
HALVES = {"h1": (1, 6), "h2": (7, 12)}
_SINCE = {"since", "from", "starting in"}
_BY = {"by", "until", "till"}


@lru_cache(maxsize=4)
def _zh_grammar(cues: tuple[tuple, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern, str]:
    """The Chinese prefix, suffix and range-tail patterns, and the range separator."""
    range_sep = rf"\s*(?:{cue_pattern(cues, 'range')})\s*"
    prefix = re.compile(rf"(?P<role>{cue_pattern(cues, 'prefix')})?$")
    suffix = re.compile(
        rf"(?P<qual>{cue_pattern(cues, 'qualifier')})?(?P<role>{cue_pattern(cues, 'suffix')})?"
    )
    tail = re.compile(
        range_sep + rf"(?:(?:(?P<y2>{_YEAR})年)?(?P<m2>\d{{1,2}})月)?(?P<d2>\d{{1,2}}){DAY_MARK}"
    )
    return prefix, suffix, tail, range_sep


def _role(word: str, current: str, *, cues: tuple[tuple, ...] = (), kind: str = "") -> str:
    """The role a preposition or Chinese role word gives (a point word keeps ``current``)."""
    meaning = cue_meaning(cues, kind, word) if kind else word.lower()
    if meaning in ("since", *_SINCE):
        return "since"
    if meaning in ("by", *_BY):
        return "by"
    return current


def load_relative_dates(path: str | Path | None = None) -> tuple[tuple, ...]:
    """Read the relative date words (``recently``, ``今年``, ``去年``...).

    Args:
        path: A CSV with columns ``language``, ``pattern`` (a regular expression),
            ``unit`` (year, month or approx) and ``offset`` (0 this, -1 last, 1 next);
            defaults to ``data/events/relative_dates.csv``.

    Returns:
        ``(language, pattern, unit, offset)`` tuples, in file order.

    Raises:
        ValueError: A row has a bad pattern, unit or offset; the message names the row.

    Note:
        The file is read again when it changes (edits apply at the next call).
    """
    path = Path(path) if path else RELATIVE_DATES_FILE
    return load_data(_read_relative_dates, [path], str(path))


def _read_relative_dates(file: str) -> tuple[tuple, ...]:
    path = Path(file)
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{paths.relative_to_project(path)}, row {number}"
            try:
                re.compile(row["pattern"])
                offset = int(row["offset"])
            except (re.error, ValueError, TypeError) as exc:
                raise ValueError(
                    f"{where}: {exc}. The pattern must be a regular expression and the "
                    "offset a whole number; fix or remove that row."
                ) from None
            if row["unit"] not in ("year", "month", "approx") or row["language"] not in (
                "en",
                "zh",
            ):
                raise ValueError(
                    f"{where}: language must be en or zh and unit year, month or approx "
                    f"(got {row['language']!r}, {row['unit']!r}); fix that row."
                )
            rows.append((row["language"], row["pattern"], row["unit"], offset))
    return tuple(rows)


@lru_cache(maxsize=4)
def _patterns(
    relative: tuple[tuple, ...], cues: tuple[tuple, ...]
) -> list[tuple[re.Pattern, str, bool, tuple | None]]:
    """Compile the expression patterns; each has named groups read by :func:`_to_candidate`.

    Returns:
        ``(pattern, kind, chinese, needs)``: ``chinese`` when it is written with Chinese
        characters (it needs some in the text, any other a letter), ``needs`` the literals
        of which a text must hold one for it to match
        (:func:`iecorpus.regexparse.required_literals`; None: it is always tried).
    """
    range_sep = _zh_grammar(cues)[3]
    zh_years = "|".join(p for lang, p, unit, _ in relative if lang == "zh" and unit == "year")
    zh_rel = rf"(?:(?P<rel>{zh_years})|(?<![\d年]))" if zh_years else r"(?<![\d年])"
    day_range = rf"(?:{_EN_RANGE_SEP}(?:(?P<m2>{_MONTH})\.?\s+)?(?P<d2>\d{{1,2}}){_ORD}\b)?"
    patterns = [
        # English dateline: "BEIJING, April 3 (Xinhua) --"
        (
            rf"\b[A-Z][A-Z .]+,\s+(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})\s*\((?:Xinhua|"
            r"Reuters|AP|AFP|CNS|China News Service|People's Daily)\)",
            "dateline",
        ),
        # "April 12-13, 2021", "May 26", "March 23 this year", "May 26, 2021"
        (
            rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD}\b{day_range}"
            rf"(?:,?\s+(?P<y>{_YEAR})\b|,?\s+(?:of\s+)?(?P<erel>this|last|next)\s+year\b)?",
            "en",
        ),
        # "26 May", "12-13 April 2021"
        (
            rf"\b(?P<d>\d{{1,2}}){_ORD}(?:{_EN_RANGE_SEP}(?P<d2>\d{{1,2}}){_ORD})?\s+"
            rf"(?P<m>{_MONTH})\b\.?(?:,?\s+(?P<y>{_YEAR})\b)?",
            "en",
        ),
        # "in April", "in March this year", "in April 2020" (the last also from find_dates)
        (
            rf"\b(?P<m>{_MONTH})\b(?!\.?\s+\d)(?:,?\s+(?P<y>{_YEAR})\b"
            rf"|\s+(?:of\s+)?(?P<erel>this|last|next)\s+year\b)?",
            "en-cue",
        ),
        # "in 2021", "from 2019 to 2021", "since 2019"
        (rf"\b(?P<y>{_YEAR})(?:{_EN_RANGE_SEP}(?P<y2>{_YEAR}))?\b(?![-–—]?\d)", "en-cue"),
        # "the 3rd of May, 2021", "the 21st of March"
        (
            rf"\b(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}\s+of\s+(?P<m>{_MONTH})\b\.?"
            rf"(?:,?\s+(?P<y>{_YEAR})\b)?",
            "en",
        ),
        # "on august 27" in a text written in lower case (the verb "may" needs the "on")
        (
            rf"(?<=\b[Oo]n )(?P<m>(?i:{MONTH_NAMES}))\.?\s+(?P<d>\d{{1,2}}){_ORD}\b"
            rf"(?:,?\s+(?P<y>{_YEAR})\b)?",
            "en",
        ),
        # "last November", "next March": the nearest such month before (after) the page
        (rf"\b(?P<mstep>(?i:last|next))\s+(?P<m>{_MONTH})\b(?!\.?\s+\d)", "en"),
        # "on Friday", "last Monday": a weekday, which needs a page date to the day
        (rf"\b(?:(?P<wrel>(?i:last|this|next))\s+)?(?P<wd>{_WEEKDAY})\b", "en-cue"),
        # "the 14th Five-Year Plan period", "during the 13th Five-Year Plan"
        (
            r"\b(?:the\s+)?[“\"]?(?P<fyp>\d{1,2})(?:st|nd|rd|th)\s+Five-Year\s+Plan[”\"]?"
            r"(?:\s+\(\d{4}\s*[-–—]\s*\d{4}\))?\s+period\b",
            "en",
        ),
        (
            r"(?<=\b[Dd]uring )the\s+[“\"]?(?P<fyp>\d{1,2})(?:st|nd|rd|th)\s+Five-Year\s+"
            r"Plan\b[”\"]?",
            "en",
        ),
        # 十三五, “十四五”期间 (not “十四五”职业教育规划, a plan's name)
        (
            r"[“\"「]?十(?P<cfyp>[一二三四五六七八九])五(?![规计])[”\"」]?(?:时期|期间)?"
            rf"(?![”\"」]?\s*[{HAN}]{{0,10}}?(?:规划|计划))",
            "zh",
        ),
        # "10月16、17日": two days of one month
        (
            rf"{zh_rel}(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[、和及]\s*(?P<d2>\d{{1,2}})\s*"
            rf"{DAY_MARK}",
            "zh",
        ),
        # 上周五, 本周三, 上周五（10月10日）: the date in brackets wins
        (
            rf"(?:(?P<zwrel>上|本|这|下)个?)?(?:周|星期|礼拜)(?P<zwd>[一二三四五六日天])"
            rf"(?:\s*[（(]\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*{DAY_MARK}\s*[)）])?",
            "zh-week",
        ),
        # Chinese dateline: "4月3日电", "新华社郑州5月8日电"
        (r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})日电", "dateline"),
        # "今年3月23日", "12月28日", "去年9月", "4月12日至13日"
        (
            rf"{zh_rel}(?P<m>\d{{1,2}})\s*月(?:份)?(?:\s*(?P<d>\d{{1,2}})\s*{DAY_MARK}"
            rf"(?:{range_sep}(?:(?P<m2>\d{{1,2}})月)?(?P<d2>\d{{1,2}}){DAY_MARK})?)?(?![\d{DAY_MARKS}])",
            "zh",
        ),
        # "三月二十三日" (Chinese numerals, no year)
        (
            rf"(?<![{CN_NUMERAL}年])(?P<cm>{CN_MONTH})月(?P<cd>{CN_DAY}){DAY_MARK}",
            "zh",
        ),
        # "2021年", "2019年至2021年", "2019—2021年"
        (
            rf"(?<!\d)(?P<y>{_YEAR})\s*(?:年(?:度)?)?(?:{range_sep}(?P<y2>{_YEAR}))?\s*年(?!\d)",
            "zh",
        ),
    ]
    for lang, pattern, unit, offset in relative:
        word = rf"\b(?:{pattern})\b" if lang == "en" else f"(?:{pattern})"
        kind = f"rel-{unit}:{offset}"
        if lang == "zh" and unit == "year":
            word += r"(?!\d{1,2}月)"  # 今年3月 is read by the month pattern
        patterns.append((word, kind))
    # Relative words ignore case ("Recently", "This year's"); month names must be capitalised.
    # A pattern written with Chinese characters needs some in the text, any other a letter.
    compiled = [
        (re.compile(p, re.I if kind.startswith("rel") else 0), kind, p) for p, kind in patterns
    ]
    return [(c, kind, bool(_HAN_CHAR.search(p)), pattern_needs(c)) for c, kind, p in compiled]


def _to_candidate(m: re.Match, kind: str) -> _Candidate | None:
    """Turn a pattern match into date parts (None: not a date after all)."""
    groups = m.groupdict()
    c = _Candidate(m.start(), m.end())
    if groups.get("fyp") or groups.get("cfyp"):
        number = int(groups["fyp"]) if groups.get("fyp") else 10 + read_date_part(groups["cfyp"])
        if number < 3:
            return None
        c.y = 1966 + 5 * (number - 3)  # the third plan began in 1966, every plan since is 5 years
        c.y2 = c.y + 4
        c.role = "period"
        return c
    if kind == "zh-week" and not groups.get("m"):
        if not groups.get("zwrel"):
            return None  # 周五 alone: too often not a date (每周五, 一周五次)
        c.weekday = _ZH_WEEKDAYS.index(groups["zwd"].replace("天", "日"))
        c.week_offset = {"上": -1, "下": 1}.get(groups["zwrel"], 0)
        return c
    if groups.get("wd"):
        c.weekday = WEEKDAYS.index(groups["wd"].lower())
        rel = (groups.get("wrel") or "").lower()
        c.week_offset = {"last": -1, "next": 1, "this": 0}.get(rel)
        c.needs_cue = not rel
        return c
    if kind.startswith("rel-"):
        unit, offset = kind[4:].split(":")
        if unit == "approx":
            c.approx = True
        elif unit == "month":
            c.month_offset = int(offset)
        else:
            c.year_offset = int(offset)
        return c
    if groups.get("cm"):
        c.m, c.d = read_date_part(groups["cm"]), read_date_part(groups["cd"])
        return c
    for key in ("y", "y2", "d", "d2"):
        if groups.get(key):
            setattr(c, key, int(groups[key]))
    for key in ("m", "m2"):
        if groups.get(key):
            value = groups[key]
            setattr(c, key, read_date_part(value))
    if groups.get("rel"):
        c.year_offset = _zh_year_offset(groups["rel"])
    if groups.get("erel"):
        c.year_offset = {"this": 0, "last": -1, "next": 1}[groups["erel"].lower()]
    if groups.get("mstep"):
        c.month_step = -1 if groups["mstep"].lower() == "last" else 1
    c.dateline = kind == "dateline"
    c.needs_cue = kind == "en-cue" and c.year_offset is None and (c.d is None)
    return c


def _zh_year_offset(word: str) -> int:
    for lang, pattern, unit, offset in load_relative_dates():
        if lang == "zh" and unit == "year" and re.fullmatch(pattern, word):
            return offset
    return 0


#: A digit: most sentences that hold a date hold one, and a scan for it is fast.
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4)
def _may_hold_a_date(relative: tuple[tuple, ...]) -> re.Pattern:
    """What every expression without a digit holds: a month, a numeral, a relative word.

    :func:`_may_hold_any_date` looks for a digit on its own first, since this alternation
    is tried at every position of a sentence, ignoring case.
    """
    words = "|".join(f"(?:{p})" for _, p, _, _ in relative)
    return re.compile(
        rf"[{CN_NUMERAL}]月|\b(?:{_MONTH}|{_WEEKDAY})\b|{words}|周|星期|礼拜|十[{CN_NUMERAL}]五",
        re.IGNORECASE,
    )


def _may_hold_any_date(text: str, relative: tuple[tuple, ...]) -> bool:
    """False when ``text`` holds no digit and nothing of :func:`_may_hold_a_date`."""
    return _DIGIT.search(text) is not None or _may_hold_a_date(relative).search(text) is not None


def _candidates(
    text: str, relative: tuple[tuple, ...], cues: tuple[tuple, ...]
) -> list[_Candidate]:
    """Every match of every pattern, plus the full dates :func:`iecorpus.dates.find_dates` reads."""
    found = []
    han, latin = has_han(text), bool(_LATIN.search(text))
    # Each pattern runs only where the text holds a literal it needs (read once per pattern).
    lowered = lowered_for_needs(text)
    for pattern, kind, chinese, needs in _patterns(relative, cues):
        if not (han if chinese else latin):
            continue
        if not may_hold(text, needs, lowered=lowered):
            continue
        for m in pattern.finditer(text):
            c = _to_candidate(m, kind)
            if c is not None:
                found.append(c)
    for d in find_dates(text):
        parts = [int(p) for p in d.iso.split("-")]
        c = _Candidate(d.start, d.end, *parts, *([None] * (3 - len(parts))))
        tail = _zh_grammar(cues)[2].match(text, d.end) if c.d is not None else None
        if tail:
            c.end = tail.end()
            c.y2 = int(tail["y2"]) if tail["y2"] else None
            c.m2 = int(tail["m2"]) if tail["m2"] else None
            c.d2 = int(tail["d2"])
        found.append(c)
    return found


def _extend(text: str, c: _Candidate, grammar: DateGrammar) -> _Candidate | None:
    """Take in the preposition and qualifier around a candidate; drop uncued English years.

    Also dropped: a date run into more digits ("2024年118日", a number garbled by machine
    translation) and a span of years in brackets ("（2020—2023年）", the period a plan covers).
    A date without a year is marked ``future`` when its clause says so ("will", "将于").
    """
    cues, period = grammar.cues, c.role == "period"
    if re.match(rf"\d+\s*{DAY_MARK}", text[c.end : c.end + 6]):
        return None
    if (
        c.y2 is not None
        and c.d is None
        and text[c.start - 1 : c.start] in ("(", "（")
        and text[c.end : c.end + 1] in (")", "）")
    ):
        return None
    if c.y is None and c.year_offset is None:
        marks = ",，;；。!?！？"
        left = max(max(text.rfind(p, 0, c.start) for p in marks) + 1, c.start - 30)
        right = c.end
        # a few words before it ("will hold its meeting on June 10"), its clause and the next
        for _ in range(2):  # ("On June 10, the group will hold")
            found = [i for i in (text.find(p, right + 1) for p in marks) if i >= 0]
            right = min(found, default=len(text))
        c.future = bool(_future_pattern(grammar.future).search(text[left:right]))
    zh_prefix, zh_suffix, _, _ = _zh_grammar(cues)
    suffix = zh_suffix.match(text, c.end)
    if not c.approx and suffix.end() > c.end:
        c.qualifier = cue_meaning(cues, "qualifier", suffix["qual"] or "")
        c.role = _role(suffix["role"] or "", c.role, cues=cues, kind="suffix")
        c.end = suffix.end()
    before = text[max(0, c.start - 40) : c.start]
    en, zh = _EN_PREFIX.search(before), zh_prefix.search(before)
    if en.group(0):
        if en["q1"] or en["q2"]:
            c.qualifier = _QUALIFIERS[(en["q1"] or en["q2"]).lower()]
        c.role = _role(en["role"] or "", c.role)
        c.start -= len(en.group(0))
    elif c.needs_cue:
        return None  # "the 2021 plan", "Frontiers 2020 Report", "about 2023"
    elif zh.group(0):
        c.role = _role(zh["role"], c.role, cues=cues, kind="prefix")
        c.start -= len(zh.group(0))
    if period:
        c.role = "period"  # "十三五以来" is still the plan's span
    return c


def find_title_spans(text: str) -> list[tuple[int, int]]:
    """Find the titles in a string, where a year is part of a name rather than a date.

    Args:
        text: A sentence.

    Returns:
        ``(start, end)`` of each 《book title》 and each quotation that starts with a capital
        letter (“Measures for ...”, "Construction Plan for ..."), quotation marks included.
    """
    spans = [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》|〈[^〉]*〉", text)]
    for m in re.finditer(r"[“\"]([A-Z][^“”\"]{0,200})[”\"]", text):
        spans.append((m.start(), m.end()))
    return spans


# ------------------------------------------------------------------ resolution


@dataclass(frozen=True)
class _Anchor:
    year: int
    month: int | None
    day: int | None
    iso: str

    @classmethod
    def parse(cls, iso: str | None) -> _Anchor | None:
        if not iso or not re.fullmatch(r"\d{4}(-\d{2}){0,2}", iso):
            return None
        parts = [int(p) for p in iso.split("-")]
        return cls(parts[0], *(parts[1:] + [None] * (3 - len(parts))), iso=iso)

    def as_date(self) -> date:
        return date(self.year, self.month or 12, self.day or 28)


def _iso(y: int, m: int | None, d: int | None) -> str | None:
    try:
        date(y, m or 1, d or 1)
    except ValueError:
        return None
    if m is None:
        return f"{y:04d}"
    return f"{y:04d}-{m:02d}" if d is None else f"{y:04d}-{m:02d}-{d:02d}"


def _period_end(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        first_next = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first_next - timedelta(days=1)
    return date(parts[0], 12, 31)


def _resolve(c: _Candidate, anchor: _Anchor | None) -> tuple[str, str, str, bool, str] | None:
    """Return ``(date, precision, date_end, anchored, undated)``, or None for an impossible date.

    ``undated`` is a key of :data:`UNDATED_REASONS` when the anchor lacked what a relative
    expression needs (then ``date`` is "").
    """
    relative = (
        c.approx
        or c.year_offset is not None
        or c.month_offset is not None
        or c.month_step is not None
        or c.weekday is not None
        or c.y is None
    )
    if relative and anchor is None:
        return "", "", "", True, "no anchor"
    if (c.month_offset is not None or c.month_step is not None) and anchor.month is None:
        return "", "", "", True, "no month"
    if c.weekday is not None and c.m is None:
        if anchor.day is None:
            return "", "", "", True, "no day"
        return _weekday(c, anchor.as_date()).isoformat(), "approx", "", True, ""
    if c.approx:
        return anchor.iso, "approx", "", True, ""
    if c.month_offset is not None:
        index = anchor.year * 12 + anchor.month - 1 + c.month_offset
        return _iso(index // 12, index % 12 + 1, None), "month", "", True, ""
    y = c.y
    if c.month_step is not None:
        ahead = c.m > anchor.month if c.month_step > 0 else c.m < anchor.month
        y = anchor.year if ahead else anchor.year + c.month_step
    elif y is None:
        y = anchor.year + (c.year_offset or 0)
        if c.year_offset is None and anchor.month and _iso(y, c.m, c.d):
            when = date(y, c.m or 1, c.d or 1)
            if c.future:  # "will be held on June 10": the next June 10
                y += when < date(anchor.year, anchor.month, anchor.day or 1)
            else:  # a news page means the latest such day on or before it
                y -= when > _period_end(anchor.iso)
    start = _iso(y, c.m, c.d)
    if start is None:
        return None
    end = ""
    if c.qualifier in HALVES and c.m is None:
        first, last = HALVES[c.qualifier]
        start, end = _iso(y, first, None), _iso(c.y2 or y, last, None)
    elif c.y2 is not None or c.d2 is not None:
        end = _iso(c.y2 or y, c.m2 or c.m, c.d2 if c.d is not None else None)
        if end is None:
            return None
        end = end if end > start else ""
    return start, _prec(start), end, relative, ""


def _weekday(c: _Candidate, anchor: date) -> date:
    """The day a weekday names: that day of the week ``week_offset`` weeks from the anchor's
    (上周五, "last Friday"), else the latest such day on or before the anchor ("on Friday"),
    or the next one after it when the clause speaks of the future."""
    if c.week_offset is not None:
        monday = anchor - timedelta(days=anchor.weekday())
        return monday + timedelta(days=7 * c.week_offset + c.weekday)
    if c.future:
        return anchor + timedelta(days=(c.weekday - anchor.weekday()) % 7 or 7)
    return anchor - timedelta(days=(anchor.weekday() - c.weekday) % 7)


def _prec(iso: str) -> str:
    return ("year", "month", "day")[iso.count("-")]


def find_temporal_expressions(
    text: str, *, anchor: str | None = None, grammar: DateGrammar | None = None
) -> list[TimeExpression]:
    """Find the temporal expressions in a sentence and resolve them against an anchor date.

    Args:
        text: A raw sentence (or any string), English or Chinese, before segmentation.
        anchor: The document's date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), which
            resolves "On May 26", "今年", "recently". Without it relative expressions are
            returned with an empty ``date`` and the reason in ``undated``: nothing is
            anchored to today.
        grammar: The words the resolver reads (:func:`load_date_grammar`); pass it when
            resolving many sentences, so the data files are checked once.

    Returns:
        Non-overlapping :class:`TimeExpression` objects in order of position.

    Note:
        A month and day without a year are the latest such day on or before the anchor,
        as a news page means them; the next one after it when their clause speaks of the
        future ("will", "将于": :func:`load_future_words`). A "by"/"到" date whose period
        ends after the anchor is a ``target``; one before it is a ``point``. Expressions
        inside 《book titles》 or quoted titles are names, not dates, and are skipped.
        Traditional characters are matched as simplified ones; ``expression``, ``start``
        and ``end`` refer to ``text`` as written. To find events in sentences whose dates
        are resolved already, pass their table to
        :func:`iecorpus.events.find_event_mentions` (``expressions=``) rather than
        resolving them again.
    """
    grammar = grammar or load_date_grammar()
    return _find_temporal_expressions(text, parsed=_Anchor.parse(anchor), grammar=grammar)


def _find_temporal_expressions(
    text: str, *, parsed: _Anchor | None, grammar: DateGrammar
) -> list[TimeExpression]:
    """The work of :func:`find_temporal_expressions`, its anchor parsed."""
    probe = to_simplified(text)  # same length: an offset in probe is one in text
    names = find_title_spans(probe)
    chosen: list[_Candidate] = []
    relative, cues = grammar.relative, grammar.cues
    if not _may_hold_any_date(probe, relative):
        return []
    cands = [_extend(probe, c, grammar) for c in _candidates(probe, relative, cues)]
    cands = [c for c in cands if c is not None]
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if any(s <= c.start and c.end <= e for s, e in names):
            continue
        if any(c.start < o.end and o.start < c.end for o in chosen):
            continue
        chosen.append(c)
    found = []
    for c in sorted(chosen, key=lambda c: c.start):
        resolved = _resolve(c, parsed)
        if resolved is None:
            continue
        iso, precision, end, anchored, undated = resolved
        role = c.role
        if c.dateline:
            role = "dateline"
        elif role == "period":
            pass
        elif role == "by":
            future = iso and parsed and precision != "approx"
            last = _period_end(end or iso) if future else None
            role = "target" if future and last > parsed.as_date() else "point"
        elif end:
            role = "range"
        found.append(
            TimeExpression(
                expression=text[c.start : c.end],
                start=c.start,
                end=c.end,
                date=iso,
                precision=precision,
                date_end=end,
                qualifier=c.qualifier,
                role=role,
                anchored=anchored,
                undated=UNDATED_REASONS.get(undated, ""),
            )
        )
    return found


def find_document_anchor(
    sentences: list[str], date_iso: str | None, *, grammar: DateGrammar | None = None
) -> str | None:
    """Return the date relative expressions of a document resolve against.

    Args:
        sentences: The document's sentences, in order.
        date_iso: The document's publication date (``documents.date``), or None.
        grammar: As for :func:`find_temporal_expressions`.

    Returns:
        The date of a dateline ("新华社郑州5月8日电", "BEIJING, April 3 (Xinhua)") in the
        first sentence, resolved against the publication date, since the dateline says
        when the text was written; else the publication date; None without either.
    """
    if sentences:
        for found in find_temporal_expressions(sentences[0], anchor=date_iso, grammar=grammar):
            if found.role == "dateline" and found.date:
                return found.date
    return date_iso or None


def group_expressions(
    expressions: pd.DataFrame, sentences: pd.DataFrame
) -> dict[tuple[str, int], list[TimeExpression]]:
    """Turn rows of the dates table back into each sentence's resolved expressions.

    Args:
        expressions: The table of :func:`extract_temporal_expressions` (or its rows for
            some documents).
        sentences: The sentences to look up (``doc_id``, ``sentence``, ``start``): every
            row of ``expressions`` of their documents is read.

    Returns:
        ``{(doc_id, sentence): [TimeExpression, ...]}`` with offsets in the sentence, as
        :func:`find_temporal_expressions` returns them for that sentence; sentences
        without a date are absent.
    """
    starts = dict(
        zip(zip(sentences["doc_id"], sentences["sentence"], strict=True), sentences["start"],
            strict=True)
    )  # fmt: skip
    wanted = expressions[expressions["doc_id"].isin(set(sentences["doc_id"]))]
    columns = ["doc_id", "sentence_no", *_TIME_COLUMNS]
    known: dict[tuple[str, int], list[TimeExpression]] = {}
    for doc_id, number, *values in zip(*(wanted[c] for c in columns), strict=True):
        key = (doc_id, int(number))
        offset = int(starts[key])
        found = dict(zip(_TIME_FIELDS, values, strict=True))
        found["start"], found["end"] = int(found["start"]) - offset, int(found["end"]) - offset
        found["anchored"] = bool(found["anchored"])
        known.setdefault(key, []).append(TimeExpression(**found))
    return known


def extract_temporal_expressions(
    corpus, *, workers: int | None = None, scheduler: str | None = None
) -> pd.DataFrame:
    """Find and resolve every temporal expression in a corpus's sentences.

    Args:
        corpus: A :class:`iecorpus.corpus.Corpus`.
        workers: Dask workers to share the documents (see :mod:`iecorpus.engine`); 1
            (the default, or ``IECORPUS_WORKERS``) works here. The table is the same.
        scheduler: A Dask scheduler address (default: ``IECORPUS_SCHEDULER``).

    Returns:
        One row per expression: ``doc_id``, ``paragraph``, ``sentence_no`` (the
        ``sentence`` number of ``corpus.sentences``), ``expression`` (as written),
        ``start`` and ``end`` (offsets in ``documents.text``), ``date``,
        ``date_precision``, ``date_end``, ``qualifier``, ``role``, ``anchored`` and
        ``undated`` (see :class:`TimeExpression`).

    Note:
        Each document is anchored to its dateline if its first sentence has one, else to
        its publication date; a document without a date leaves relative expressions
        unresolved (empty ``date``).
    """
    dates = corpus.documents.set_index("doc_id")["date"].to_dict()
    sentences = corpus.sentences[["doc_id", "paragraph", "sentence", "start", "text"]]
    n = resolve_workers(workers, scheduler)
    parts = [sentences]
    if n > 1:  # whole documents per task
        size = partition_size(len(dates), n)
        parts = chunk_table(sentences, by="doc_id", size=size)
    found = map_tasks(
        find_partition_expressions,
        parts,
        workers=n,
        scheduler=scheduler,
        progress_label="dates",
        dates=dates,
    )
    return pd.DataFrame([row for part in found for row in part], columns=EXPRESSION_COLUMNS)


def find_partition_expressions(sentences: pd.DataFrame, *, dates: dict[str, str]) -> list[tuple]:
    """Find the temporal expressions of some documents' sentences: one task of a corpus.

    Args:
        sentences: ``doc_id``, ``paragraph``, ``sentence``, ``start`` and ``text`` of
            whole documents.
        dates: The publication date of each document, by ``doc_id``.

    Returns:
        Rows of :func:`extract_temporal_expressions`'s table, as tuples in its column order.
    """
    rows = []
    grammar = load_date_grammar()
    doc_ids, paragraphs, numbers, starts, texts = (
        sentences[c].tolist() for c in ("doc_id", "paragraph", "sentence", "start", "text")
    )
    by_doc: dict = {}  # each document's sentences in table order, documents as they come
    for row, doc_id in enumerate(doc_ids):
        by_doc.setdefault(doc_id, []).append(row)
    for doc_id, group in by_doc.items():
        if pd.isna(doc_id):
            continue
        anchor = find_document_anchor([texts[group[0]]], dates.get(doc_id), grammar=grammar)
        for row in group:
            start = starts[row]
            for t in find_temporal_expressions(texts[row], anchor=anchor, grammar=grammar):
                rows.append(
                    (doc_id, paragraphs[row], numbers[row], t.expression, start + t.start)
                    + (start + t.end, t.date, t.precision, t.date_end, t.qualifier, t.role)
                    + (t.anchored, t.undated)
                )
    return rows
