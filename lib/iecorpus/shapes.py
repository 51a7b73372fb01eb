"""Page furniture told by its shape, not its words: captions, credits, timestamps, switchers, spam.

The cleaner (:mod:`iecorpus.clean`) asks these questions of one stripped line at a time.
Each detector looks at how a line is built (a date and a clock time and nothing else; many
words run together without spaces; keywords joined by dashes; a sentence that ends with a
photographer's credit), so that it works on pages it was not written for. The words a
person may want to extend (brand suffixes, URL date layouts) live in ``data/cleaning/``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from .chinese import CN_NUMERAL, HAN
from .dates import MONTHS, DateMatch
from .dates import find_dates as _all_dates

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?"
_CLOCK = r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
_CLOCK_ONLY = re.compile(rf"{_CLOCK}")
_LEADING_WEEKDAY = re.compile(rf"^{_WEEKDAY}\s*")
_HAS_DIGIT = re.compile(r"\d")
#: Han characters other than those of a date: a timestamp line holds none of them.
_STAMP_EXTRA = re.compile(rf"(?![年月日号])[{HAN}]")
_EDGE_MARKS = " \t|｜•·-–—[]【】()（）"

#: A scraper's metadata glued before the first line: " date 2022-12-27 ...".
_SCRAPER_DATE = re.compile(r"^\s*date\s+((?:19|20)\d{2}-\d{2}(?:-\d{2})?)\s+")
#: Words glued together: a lower-case letter (or a closing bracket) then a capital.
_GLUED = re.compile(r"(?:[a-zà-ÿа-яα-ω)]|[\uac00-\ud7af\u3040-\u30ff])(?=[A-ZÀ-ÞА-ЯΑ-Ω])")
_SCRIPTS = [
    re.compile(r"[A-Za-z]"),
    re.compile(r"[\u0400-\u04ff]"),
    re.compile(r"[\u0370-\u03ff]"),
    re.compile(r"[\uac00-\ud7af]"),
    re.compile(r"[\u3040-\u30ff]"),
    re.compile(rf"[{HAN}]"),
]
#: A letter of a script other than Latin and Han (Cyrillic, Greek, hangul, kana, accented).
_OTHER_SCRIPT = re.compile(r"[\u00c0-\u024f\u0370-\u04ff\u3040-\u30ff\uac00-\ud7af]")
_HAN_RUN = re.compile(f"[{HAN}]+")
_SEO_SEPARATOR = re.compile(r"[-_,，|｜/]")
_SEO_SPLIT = re.compile(r"\s*[-_,，|｜/]\s*")
_TERMINAL = tuple('.!?。！？"”’)）…;；')
#: A photographer's or picture agency's credit at the end of a line.
_PHOTO_CREDIT = re.compile(
    r"\s*(?:"
    r"\((?:PHOTO|Photo|photo)s?\s*[:：][^()\n]{1,40}\)"  # (PHOTO: XINHUA)
    r"|\([^()\n]{2,80}/\s*(?:Photograph|Photo|photo)\)"  # (... reporter Name/Photograph)
    r"|\[(?:Photo|Image|Picture)[^\]\n]{0,60}\]"  # [Photo provided to ...]
    r"|\b[A-Z]{2,}(?:[ -][A-Z]{2,})+\s*/\s*(?:FOR\s+)?[A-Z][A-Z .]{2,40}"  # NAME/FOR OUTLET
    r"|[（(](?:[图圖]片?|攝影|摄影)(?:由|[:：/／])[^()（）\n]{1,30}[)）]"  # （圖由…提供）
    r")\s*[|｜]?\s*$"
)
#: The last characters a line ending in a photo credit can have.
_CREDIT_ENDS = frozenset(")]）|｜")
_POSITION = re.compile(r"\((?:\d(?:st|nd|rd|th)[, ]*)?(?:[LR]|left|right|front|center)\)")
#: "Photo shows ...", "This aerial photo taken on ... shows ...": what a caption says.
_PHOTO_SHOWS = re.compile(
    r"(?:^|[.!?]\s+)(?:(?:this|the|a|an)\s+)?(?:[a-z-]+\s+){0,2}(?:photo|picture|image)\s+"
    r"(?:shows\b|(?:taken|take|captured)\b[^.]{0,120}?\bshows\b)",
    re.IGNORECASE,
)
_ENDS_WITH_DATE = re.compile(
    rf",\s*(?:on\s+)?(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*(?:19|20)\d{{2}})?\.$",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(
    r"(?<![A-Z])(?<!Sept)(?<!Jan)(?<!Feb)(?<!Mar)(?<!Apr)(?<!Aug)(?<!Oct)(?<!Nov)(?<!Dec)"
    r"(?<!\bSt)(?<!\bNo)(?<!\bMr)(?<!\bDr)[.!?。！？]\s*(?=\S)"
)
#: A dateline opening a paragraph, English or Chinese:
#: "BEIJING, Aug. 26 (Xinhua) -- ", "香港, 2024年12月20日 - (社) - ".
_DATELINE_EN = re.compile(
    rf"^[A-Z][A-Z .'-]{{2,30}},\s+(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:,\s*(?:19|20)\d{{2}})?\s+)?"
    r"\([A-Za-z .]{2,30}\)\s*[-–—]{1,2}\s*",
    re.IGNORECASE,
)
_DATELINE_ZH = re.compile(
    rf"^[{HAN}]{{2,6}}\s*[,，]\s*((?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)\s*"
    rf"[-–—]\s*[(（][^()（）\n]{{1,12}}[)）]\s*[-–—]\s*"
)
#: A credit in brackets before the date: "(Xinhua) 09:21, August 27, 2024".
_BRACKET_LEAD = re.compile(r"^\(?\s*([^()\s][^()]{0,40}?)\s*\)\s*(.+)$")
#: "By NAME in PLACE | OUTLET | Updated: ...".
_BY_LINE = re.compile(r"^By\s+(?=[A-Z])([^|｜]{2,60}?)(?:\s+in\s+[^|｜]{2,40})?\s*[|｜]\s*(.+)$")
#: "Outlet·2025-12-16 15:10": a name, a separator, a date.
_NAME_DATE = re.compile(r"^([^\d|｜:：]{2,40}?)\s*[·•|｜]\s*(.+)$")


#: What every date find_dates reads holds: a year of four digits, or of four Chinese numerals.
_YEAR_HINT = re.compile(rf"(?:19|20)\d{{2}}|[{CN_NUMERAL}]{{4}}年")


@functools.lru_cache(maxsize=4096)
def find_dates(text: str) -> tuple[DateMatch, ...]:
    """:func:`iecorpus.dates.find_dates`, remembered for the lines several detectors ask about.

    Args:
        text: Any string.

    Returns:
        The dates found, as a tuple; a line without a four-digit year is not searched.
    """
    return tuple(_all_dates(text)) if _YEAR_HINT.search(text) else ()


def scraper_date_prefix(line: str) -> tuple[int, str] | None:
    """The ``date YYYY-MM-DD`` prefix some scrapers glue before a page's first line.

    Args:
        line: The raw first line.

    Returns:
        ``(length of the prefix, ISO date)``, or None.
    """
    m = _SCRAPER_DATE.match(line)
    return (m.end(), m[1]) if m else None


def timestamp_of(text: str) -> tuple[str | None, bool] | None:
    """Read a line that is only a date and/or a clock time ("2023-11-04 00:00:00", "01:42").

    Args:
        text: One stripped line.

    Returns:
        ``(ISO date or None, whether a clock time is on the line)``, or None when the
        line holds anything else.
    """
    if len(text) > 60 or not _HAS_DIGIT.search(text) or _STAMP_EXTRA.search(text):
        return None
    core = text.strip(_EDGE_MARKS)
    core = _LEADING_WEEKDAY.sub("", core)
    dates = find_dates(core)
    iso = None
    if dates:
        if len(dates) > 1:
            return None
        iso = dates[0].iso
        core = (core[: dates[0].start] + " " + core[dates[0].end :]).strip(_EDGE_MARKS + ",")
        if not core:
            return iso, bool(_CLOCK_ONLY.search(text))
    if _CLOCK_ONLY.fullmatch(core):
        return iso, True
    return None


def is_language_switcher(text: str) -> bool:
    """A menu of language or edition names run together ("EnglishFrançaisDeutsch...").

    Args:
        text: One stripped line.

    Returns:
        True for a line of words glued without spaces (four joins or more), or of three
        scripts or more, that does not end like a sentence.
    """
    if len(text) > 400 or text.endswith(_TERMINAL) or text.count(" ") > len(text) / 10:
        return False
    if text.isascii():
        return len(_GLUED.findall(text)) >= 4 and text.count(" ") <= len(text) / 12
    if not _OTHER_SCRIPT.search(text):
        return False  # Han and Latin only: at most two scripts, and no glued foreign names
    if len(_GLUED.findall(text)) >= 4 and text.count(" ") <= len(text) / 12:
        return True
    return sum(1 for s in _SCRIPTS if s.search(text)) >= 3


def is_keyword_spam(text: str) -> bool:
    """A line of search keywords joined by dashes or commas, most sharing their first characters.

    Args:
        text: One stripped line.

    Returns:
        True for four or more short segments without spaces of which at least three start
        with the same two characters ("三级国产-三级国产精品-..."), on a line that does not
        end like a sentence.
    """
    if len(text) > 300 or text.endswith(_TERMINAL) or " " in text.strip():
        return False
    if len(_SEO_SEPARATOR.findall(text)) < 3:
        return False
    parts = [p for p in _SEO_SPLIT.split(text) if p]
    if len(parts) < 4 or any(len(p) > 16 for p in parts):
        return False
    heads = Counter(p[:2] for p in parts if len(p) >= 2)
    return bool(heads) and heads.most_common(1)[0][1] >= 3


def photo_credit(text: str) -> tuple[int, int] | None:
    """The span of a photographer's credit that ends a line, or None."""
    m = _PHOTO_CREDIT.search(text)
    return (m.start(), m.end()) if m else None


def is_caption(text: str) -> bool:
    """A photo caption standing as a line of its own.

    Args:
        text: One stripped line.

    Returns:
        True when the line says what a photo shows ("This photo taken on ... shows",
        "Photo shows"), marks a person's place in it ("(1st R)", "(L)"), ends with a
        photographer's credit after one sentence, or is one sentence ending with a place
        and a date in the agencies' caption form (", Thailand, March 14, 2023.").
    """
    if len(text) > 400:
        return False
    credit = photo_credit(text) if text[-1:] in _CREDIT_ENDS or text[-1:].isupper() else None
    rest = text[: credit[0]].rstrip() if credit else text
    if ("hoto" in rest or "mage" in rest or "icture" in rest) and _PHOTO_SHOWS.search(rest):
        return True
    if ")" in rest and _POSITION.search(rest):
        return True
    if not credit and not (rest.endswith(".") and rest[-2:-1].isdigit()):
        return False
    one_sentence = not _SENTENCE_BREAK.search(rest)
    if credit and one_sentence and rest:
        return True
    return one_sentence and bool(_ENDS_WITH_DATE.search(rest)) and len(rest) >= 40


def dateline_prefix(text: str) -> tuple[int, str | None] | None:
    """A dateline opening a paragraph ("BEIJING, Aug. 26 (Xinhua) --", "香港, 2024年12月20日 -").

    Args:
        text: A line's text.

    Returns:
        ``(length of the dateline, ISO date or None when it gives no year)``, or None.
    """
    m = _DATELINE_EN.match(text)
    if m:
        dates = find_dates(m.group())
        return m.end(), dates[0].iso if dates else None
    m = _DATELINE_ZH.match(text)
    if m:
        dates = find_dates(m[1])
        return m.end(), dates[0].iso if dates else None
    return None


def split_credit_line(text: str) -> tuple[str, str, str] | None:
    """Split a credit line into ``(field, name, rest)`` for the header parser.

    Args:
        text: One stripped line of at most 200 characters.

    Returns:
        ``("source", "Xinhua", "09:21, August 27, 2024")`` for "(Xinhua) 09:21, August 27,
        2024", ``("author", "ZHANG XIAOMIN", "China Daily | Updated: ...")`` for "By ZHANG
        XIAOMIN in Dalian | China Daily | Updated: ...", ``("source", "Outlet", "2025-12-16
        15:10")`` for "Outlet·2025-12-16 15:10"; None for any other line.
    """
    if len(text) > 200 or text.endswith((".", "。")) or not _HAS_DIGIT.search(text):
        return None
    m = _BY_LINE.match(text)
    if m:
        return "author", m[1].strip(), m[2]
    m = _BRACKET_LEAD.match(text)
    if m and (text.startswith("(") or ")" in text[:42]):
        return "source", m[1].strip(), m[2]
    m = _NAME_DATE.match(text)
    if m and find_dates(m[2]):
        return "source", m[1].strip(), m[2]
    return None


def find_brands(lines: list[str], suffixes: tuple[str, ...], *, minimum: int = 3) -> list[str]:
    """Names of sites injected into a page: ``X官网``, ``X彩网`` repeated in its text.

    Args:
        lines: The page's stripped lines.
        suffixes: Endings that make a name a site's (``官网``, ``彩网``, from
            ``data/cleaning/spam_suffixes.txt``).
        minimum: How many times a name must occur inside the text to be taken.

    Returns:
        The brands, longest first. A brand is a short line of its own ending in a suffix
        and found again elsewhere on the page (a hijacked header), or the longest run of
        Han characters (two to five) that stands before a suffix at ``minimum`` places
        or more.
    """
    if not suffixes:
        return []
    text = "\n".join(lines)
    if not any(s in text for s in suffixes):
        return []
    brands = set()
    for line in lines:
        if 3 <= len(line) <= 12 and line.endswith(suffixes) and text.count(line) >= 2:
            brands.add(line)
    for suffix in suffixes:
        ends = [m.start() for m in re.finditer(re.escape(suffix), text)]
        if len(ends) < minimum:
            continue
        best = ""
        for size in range(2, 6):
            heads = Counter(
                text[e - size : e]
                for e in ends
                if e >= size and _HAN_RUN.fullmatch(text[e - size : e])
            )
            head, count = heads.most_common(1)[0] if heads else ("", 0)
            if count < minimum:
                break
            best = head
        if best:
            brands.add(best + suffix)
    return sorted(brands, key=len, reverse=True)


def find_url_date(url: str, patterns: tuple[re.Pattern, ...]) -> tuple[str, str] | None:
    """The publication date written in a page's address (``/2021/0512/``, ``t20210512_``).

    Args:
        url: The page's URL.
        patterns: Compiled patterns with groups ``y``, ``m`` and optionally ``d``
            (``data/cleaning/url_dates.csv``), tried in order.

    Returns:
        ``(ISO date, precision)``, or None when no pattern gives a valid date.
    """
    from .dates import parse_date

    for pattern in patterns:
        for m in pattern.finditer(url):
            parts = m.groupdict()
            value = f"{parts['y']}-{parts['m']}" + (f"-{parts['d']}" if parts.get("d") else "")
            parsed = parse_date(value)
            if parsed:
                return parsed
    return None


__all__ = [
    "dateline_prefix",
    "find_brands",
    "find_dates",
    "find_url_date",
    "is_caption",
    "is_keyword_spam",
    "is_language_switcher",
    "photo_credit",
    "scraper_date_prefix",
    "split_credit_line",
    "timestamp_of",
]



_TOPIC_WORD = re.compile(rf"[A-Za-z][A-Za-z'’-]+|[{HAN}]+")
_NOT_TOPIC = re.compile(rf"[^a-z{HAN}]+")


def topic_words(text: str, *, stopwords: frozenset[str] = frozenset()) -> set[str]:
    """The words a paragraph's topic is told by: to compare it with the rest of its page.

    Args:
        text: A paragraph.
        stopwords: Lower-cased English words that say nothing of a topic.

    Returns:
        English words of three letters or more, lower-cased and cut to their first six
        letters (a crude stem: "colleges" and "college" agree), stopwords left out; and
        every pair of adjacent Chinese characters (Chinese is not segmented here).
    """
    tokens = _TOPIC_WORD.findall(text)
    english = {token.lower().strip("'’-") for token in tokens if token[0].isascii()}
    words = {word[:6] for word in english if len(word) >= 3 and word not in stopwords}
    for token in tokens:
        if not token[0].isascii():
            words.update(token[k : k + 2] for k in range(len(token) - 1))
    return words


def share_of_topic(words: set[str], context: str, *, enough: float = 1.0) -> float:
    """The share of a paragraph's topic words that the rest of its page uses.

    Args:
        words: :func:`topic_words` of the paragraph.
        context: The title and the rest of the body.
        enough: Stop counting once this share is reached (the answer is then at least
            ``enough``): a paragraph on the page's topic is told after a few words.

    Returns:
        A share from 0 (nothing in common: another story) to 1; 1 for no words. An
        English word counts where a word of ``context`` starts with it ("college" in
        "colleges", not "rain" in "training"), a pair of Chinese characters anywhere.
    """
    if not words:
        return 1.0
    context = " " + _NOT_TOPIC.sub(" ", context.lower())
    needed, found = enough * len(words), 0
    for word in words:
        if (" " + word if word.isascii() else word) in context:
            found += 1
            if found >= needed:
                break
    return found / len(words)
