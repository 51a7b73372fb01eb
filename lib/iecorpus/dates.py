"""Publication dates as web pages write them, in English and Chinese, read into ISO form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .chinese import CN_NUMERAL, parse_chinese_number

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

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_TIME = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?"
# A time after a Chinese date needs no space ("2021年5月26日10:30").
_TIME_ZH = r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"

# Each pattern has named groups y, m, d (d and m optional) and is tried in order.
_PATTERNS = [
    # 2021-05-26, 2021/5/26, 2021.07.07 (a time may follow)
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)" + _TIME),
    # 2021年5月26日, 2021年05月26号, 2021年5月
    re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?"
        + _TIME_ZH
    ),
    # 二〇二一年五月二十六日
    re.compile(
        rf"(?P<y>[{CN_NUMERAL}]{{4}})年(?P<m>[{CN_NUMERAL}]{{1,2}})月(?:(?P<d>[{CN_NUMERAL}]{{1,3}})[日号])?"
    ),
    # Apr 16, 2024 / April 16 2024 / Apr. 16th, 2024
    re.compile(
        rf"\b(?P<m>{_MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b"
        + _TIME,
        re.IGNORECASE,
    ),
    # 16 April 2024 / 16 Apr. 2024
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH_NAMES})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b"
        + _TIME,
        re.IGNORECASE,
    ),
    # 2021-05 (only as a whole value, see parse_date), May 2021
    re.compile(rf"\b(?P<m>{_MONTH_NAMES})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b", re.IGNORECASE),
]
_YEAR_MONTH = re.compile(r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})")
_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年?")


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


def _number(text: str | None) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    key = text.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS[key]
    return parse_chinese_number(text)


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
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            try:
                parts = _build(_number(m["y"]), _number(m["m"]), _number(m.groupdict().get("d")))
            except KeyError:
                parts = None
            if parts:
                found.append(DateMatch(parts[0], parts[1], m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


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
