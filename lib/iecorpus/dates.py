"""Dates as English and Chinese texts write them: the one date grammar, and the page-date reader.

This module owns the patterns every date reader uses (month names, the numeric and Chinese
forms, the day marks 日/号/號, Chinese numerals via :mod:`iecorpus.chinese`) and the
Chinese cue words around a date (``data/dates/zh_cues.csv``: 底, 初, 自, 到, 以来 ...).
:func:`find_dates` and :func:`parse_date` read full dates (with their year) such as a
page's publication date; :mod:`iecorpus.temporal` builds its sentence resolver from the
same parts.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from pathlib import Path

from . import paths
from .chinese import CN_NUMERAL, parse_chinese_number
from .datafiles import load_data

ZH_CUES_FILE = paths.DATA_DIR / "dates" / "zh_cues.csv"
#: What a Chinese cue word does, by its ``kind`` in ``data/dates/zh_cues.csv``.
CUE_MEANINGS = {
    "qualifier": ("early", "mid", "end", "h1", "h2"),
    "prefix": ("since", "by", "point"),
    "suffix": ("since", "by", "point"),
    "range": ("range",),
}

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# ------------------------------------------------------------------ the date grammar

#: A year of 1900-2099 in digits.
YEAR = r"(?:19|20)\d{2}"
#: Month names, longest first; match with ``re.IGNORECASE``.
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
#: Month names capitalised, longest first, so that the verb "may" is not May.
MONTH_NAMES_CAPITALISED = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
#: An English ordinal suffix (16th, 1st), optional.
ORDINAL = r"(?:st|nd|rd|th)?"
#: The characters that close a Chinese day: 26日, 26号 and 26號 all give day precision.
DAY_MARKS = "日号號"
DAY_MARK = f"[{DAY_MARKS}]"
#: A character a date of this grammar can start with, and one it can end with, ignoring
#: case: a digit, a Chinese numeral or a month name's letter (``ſ`` folds to s) first; a
#: digit, 月, a day mark or the M or full stop of "a.m." last. Pre-checks elsewhere use
#: them to skip text that cannot be one date (see ``tests/test_dates.py``).
DATE_FIRST = rf"[\d{CN_NUMERAL}A-Za-zſ]"
DATE_LAST = rf"[\d月{DAY_MARKS}.Mm]"
#: A year, month and day in Chinese numerals (二〇二一, 五, 二十六).
CN_YEAR = f"[{CN_NUMERAL}]{{4}}"
CN_MONTH = f"[{CN_NUMERAL}]{{1,2}}"
CN_DAY = f"[{CN_NUMERAL}]{{1,3}}"
#: An optional clock time after an English or numeric date.
TIME = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?"
#: An optional clock time after a Chinese date, which needs no space ("2021年5月26日10:30").
TIME_ZH = r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"

#: Full dates, with named groups y, m, d (d and m optional), tried in order.
FULL_DATE_PATTERNS = (
    # 2021-05-26, 2021/5/26, 2021.07.07 (a time may follow)
    rf"(?<!\d)(?P<y>{YEAR})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?!\d){TIME}",
    # 2021年5月26日, 2021年05月26号, 2021年5月26號, 2021年5月
    rf"(?<!\d)(?P<y>{YEAR})\s*年\s*(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*{DAY_MARK})?"
    + TIME_ZH,
    # 二〇二一年五月二十六日
    rf"(?P<y>{CN_YEAR})年(?P<m>{CN_MONTH})月(?:(?P<d>{CN_DAY}){DAY_MARK})?",
    # Apr 16, 2024 / April 16 2024 / Apr. 16th, 2024
    rf"\b(?P<m>{MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}}){ORDINAL},?\s+(?P<y>{YEAR})\b{TIME}",
    # 16 April 2024 / 16 Apr. 2024 / the 3rd of May, 2021
    rf"\b(?P<d>\d{{1,2}}){ORDINAL}\s+(?:of\s+)?(?P<m>{MONTH_NAMES})\.?,?\s+(?P<y>{YEAR})\b{TIME}",
    # May 2021 (2021-05 only as a whole value, see parse_date)
    rf"\b(?P<m>{MONTH_NAMES})\.?,?\s+(?P<y>{YEAR})\b",
)
_PATTERNS = [re.compile(p, re.IGNORECASE) for p in FULL_DATE_PATTERNS]
#: What each of those patterns needs in a text to match there: "num" a year before a
#: separator, "zh" 年 and 月, "en" a month name; a text without it is not searched.
_PATTERN_NEEDS = ("num", "zh", "zh", "en", "en", "en")
_NUMERIC_HINT = re.compile(rf"{YEAR}[-/.]")


def _any_case(word: str) -> str:
    """A case-sensitive regex of ``word`` in any case, as ``re.IGNORECASE`` would match it."""
    # Beyond ASCII, IGNORECASE matches only the long s (ſ) to a month name's letters.
    return "".join(f"[{c}{c.upper()}{'ſ' if c == 's' else ''}]" for c in word)


#: A text in which a month name may stand holds its first three letters, in any case (a
#: class of listed letters is scanned far faster than a pattern with IGNORECASE), at the
#: start of a word, as every English date pattern has it (a word boundary is tested before
#: the twelve stems are, so a position inside a word costs one test).
_MONTH_HINT = re.compile(
    r"\b(?:" + "|".join(_any_case(name) for name in sorted({m[:3] for m in MONTHS})) + ")"
)
_YEAR_MONTH = re.compile(rf"(?P<y>{YEAR})[-/.](?P<m>\d{{1,2}})")
_YEAR = re.compile(rf"(?P<y>{YEAR})\s*年?")


def read_date_part(text: str | None) -> int | None:
    """Read a year, month or day as a date writes it.

    Args:
        text: Digits (``05``), a month name (``Apr``, ``April.``) or Chinese numerals
            (``二〇二一``, ``二十六``); None passes through.

    Returns:
        The number, or None for None.

    Raises:
        KeyError: ``text`` is none of these.
    """
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    key = text.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS[key]
    return parse_chinese_number(text)


def load_zh_cues(path: str | Path | None = None) -> tuple[tuple[str, str, str, str], ...]:
    """Read the Chinese cue words around a date (qualifiers, role words, range marks).

    Args:
        path: A CSV with columns ``word``, ``kind`` (``qualifier``: 底, 初, 上旬 ...;
            ``prefix``: 自, 从, 到, 截至 ... before the date; ``suffix``: 以来, 起, 前 after
            it, after any qualifier; ``range``: 至, — between two dates), ``meaning`` (for
            a qualifier early, mid, end, h1 or h2 (the first or second half of a year,
            上半年 and 下半年); for a prefix or suffix since, by or point, a
            point word only being taken into the expression) and ``not_before``
            (characters that must not follow the word, as in a regex character class:
            初 is not early in 初步); defaults to ``data/dates/zh_cues.csv``.

    Returns:
        ``(word, kind, meaning, not_before)`` tuples, in file order.

    Raises:
        FileNotFoundError: The file is missing.
        ValueError: A row has an unknown kind or meaning, or a bad ``not_before``; the
            message names the file and row.

    Note:
        Words are matched in simplified characters (texts are simplified first). The file
        is read again when it changes (edits apply at the next call).
    """
    path = Path(path) if path else ZH_CUES_FILE
    return load_data(_read_zh_cues, [path], str(path))


def _read_zh_cues(file: str) -> tuple[tuple[str, str, str, str], ...]:
    path = Path(file)
    name = paths.relative_to_project(path)
    if not path.is_file():
        raise FileNotFoundError(f"{name} not found: restore it from git, or pass path=.")
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            word, kind = (row.get("word") or "").strip(), (row.get("kind") or "").strip()
            meaning, not_before = (row.get("meaning") or "").strip(), row.get("not_before") or ""
            where = f"{name}, row {number}"
            if not word or kind not in CUE_MEANINGS or meaning not in CUE_MEANINGS[kind]:
                allowed = "; ".join(f"{k}: {', '.join(v)}" for k, v in CUE_MEANINGS.items())
                raise ValueError(
                    f"{where}: word {word!r}, kind {kind!r}, meaning {meaning!r} cannot be "
                    f"read; give a word and a kind with its meaning ({allowed})."
                )
            try:
                re.compile(f"(?![{not_before}])" if not_before else "")
            except re.error as exc:
                raise ValueError(
                    f"{where}: not_before {not_before!r} is not a character class ({exc}); "
                    "list the characters, or leave it empty."
                ) from None
            rows.append((word, kind, meaning, not_before))
    return tuple(rows)


def cue_pattern(cues: tuple[tuple[str, str, str, str], ...], kind: str) -> str:
    """One regular expression for the cue words of one kind, longest first.

    Args:
        cues: The rows of :func:`load_zh_cues`.
        kind: ``qualifier``, ``prefix``, ``suffix`` or ``range``.

    Returns:
        An alternation such as ``以来|起(?![草来])|前(?![...])`` (no group), or a pattern
        that matches nothing when the file has no word of that kind.
    """
    words = sorted({(w, n) for w, k, _, n in cues if k == kind}, key=lambda p: -len(p[0]))
    parts = [re.escape(w) + (f"(?![{n}])" if n else "") for w, n in words]
    return "|".join(parts) or "(?!)"


def cue_meaning(cues: tuple[tuple[str, str, str, str], ...], kind: str, word: str) -> str:
    """What a cue word matched by :func:`cue_pattern` means ("" for no word)."""
    return next((m for w, k, m, _ in cues if k == kind and w == word), "")


@dataclass(frozen=True)
class DateMatch:
    """A date found in a string.

    Attributes:
        iso: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, as precise as the text.
        precision: ``"day"``, ``"month"`` or ``"year"``.
        start: Offset of the match in the string searched.
        end: Offset just past the match.
    """

    iso: str
    precision: str
    start: int
    end: int


_START = attrgetter("start")


def _build(year: int, month: int | None, day: int | None) -> tuple[str, str] | None:
    """Validate the parts and return (iso, precision), or None for an impossible date."""
    if not 1900 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}", "year"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    try:
        date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def find_dates(text: str) -> list[DateMatch]:
    """Find every calendar date written out in full (with its year) in a string.

    Args:
        text: Any string, English or Chinese.

    Returns:
        Non-overlapping matches in order of position. Dates without a year
        ("May 26", "4月3日") are not returned: they need an anchor, which a
        publication date does not have.
    """
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    # Which patterns can match at all: the Chinese ones need 年 and 月, the English ones a
    # month name; a pattern that cannot is not run over the text.
    possible = {
        "num": _NUMERIC_HINT.search(text) is not None,
        "zh": "年" in text and "月" in text,
        "en": _MONTH_HINT.search(text) is not None,
    }
    for pattern, needs in zip(_PATTERNS, _PATTERN_NEEDS, strict=True):
        if not possible[needs]:
            continue
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            groups = m.groupdict()
            try:
                parts = _build(
                    read_date_part(groups.get("y")),
                    read_date_part(groups.get("m")),
                    read_date_part(groups.get("d")),
                )
            except KeyError:
                parts = None
            if parts:
                found.append(DateMatch(parts[0], parts[1], m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=_START) if len(found) > 1 else found


def parse_date(value: str) -> tuple[str, str] | None:
    """Read one date given on its own, as in a manifest cell.

    Args:
        value: A date such as ``2021-05-26``, ``2021-05``, ``2021``,
            ``2021年5月``, ``Apr 16, 2024 21:51 PM`` or ``2022.07.07``.

    Returns:
        ``(iso, precision)``, or None when the value is not one whole date.
    """
    value = value.strip()
    if not value:
        return None
    matches = find_dates(value)
    if (
        len(matches) == 1
        and not value[: matches[0].start].strip()
        and not value[matches[0].end :].strip()
    ):
        return matches[0].iso, matches[0].precision
    for pattern, has_month in ((_YEAR_MONTH, True), (_YEAR, False)):
        m = pattern.fullmatch(value)
        if m:
            return _build(int(m["y"]), int(m["m"]) if has_month else None, None)
    return None
