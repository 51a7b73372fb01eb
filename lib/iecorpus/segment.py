"""Paragraphs, sentences and language of cleaned text, in English and Chinese."""

from __future__ import annotations

import re

from .chinese import HAN, count_han

_LATIN = re.compile(r"[A-Za-z]")

# Abbreviations after which a full stop does not end an English sentence.
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vol", "vols", "fig", "figs", "vs"]
    + ["etc", "e.g", "i.e", "inc", "ltd", "co", "corp", "dept", "univ", "gen", "gov", "sen"]
    + ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
    + ["rep", "approx", "est", "op", "cf", "al"]
)
# A candidate boundary: terminal punctuation, closing quotes, then white space (English)
# or directly after Chinese terminal punctuation and its closing quotes.
_BOUNDARY = re.compile(
    rf"(?P<en>[.!?]+[\"”’')\]]*)(?=\s+[\"“‘(\[]?[A-Z0-9{HAN}])"
    rf"|(?P<zh>[。！？!?]+[”’」』）)]*|…{{1,2}}[”’」』）)]*(?=[{HAN}“「]))"
)
_LAST_WORD = re.compile(r"(?:^|[\s(“\"])([A-Za-z][A-Za-z.]*)\.$")


def detect_language(text: str) -> str:
    """Tell English from Chinese.

    Args:
        text: Cleaned text.

    Returns:
        ``"zh"`` when Chinese characters carry the text (one character is about
        a word, an English word about five letters), else ``"en"``.
    """
    cjk = count_han(text)
    latin = len(_LATIN.findall(text))
    return "zh" if cjk and cjk * 5 >= latin else "en"


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each paragraph of a cleaned text (separated by a blank line)."""
    spans, start = [], 0
    for part in text.split("\n\n"):
        if part:
            spans.append((start, start + len(part)))
        start += len(part) + 2
    return spans


def _ends_with_abbreviation(before: str) -> bool:
    m = _LAST_WORD.search(before)
    if not m:
        return False
    word = m.group(1)
    return (
        (len(word) == 1 and word.isupper())
        or word.lower().rstrip(".") in ABBREVIATIONS
        or "." in word
    )


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split a paragraph into sentences.

    Args:
        text: The text holding the paragraph.
        start: Where the paragraph starts in ``text``.
        end: Where it ends (default: the end of ``text``).

    Returns:
        ``(start, end)`` offsets into ``text`` of each sentence, white space trimmed.

    Note:
        English boundaries are a full stop, question or exclamation mark followed
        by white space and a capital, a digit or an opening quote, except after
        an abbreviation (Mr., etc., e.g.) or an initial. Chinese boundaries are
        。！？ and …… with any closing quotes. A semicolon does not end a sentence.
    """
    end = len(text) if end is None else end
    spans, cursor = [], start
    for m in _BOUNDARY.finditer(text, start, end):
        if (
            m.group("en")
            and m.group("en").startswith(".")
            and _ends_with_abbreviation(text[cursor : m.start() + 1])
        ):
            continue
        spans.append((cursor, m.end()))
        cursor = m.end()
    spans.append((cursor, end))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed
