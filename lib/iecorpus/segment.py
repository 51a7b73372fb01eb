"""Paragraphs, sentences and language of cleaned text, in English and Chinese."""

from __future__ import annotations

import re

from .chinese import HAN, count_han, count_latin

#: Letters of scripts that are neither English nor Chinese, each named for the report:
#: kana and hangul count like a Chinese character, alphabetic letters like a Latin letter.
OTHER_SCRIPTS = (
    ("kana", re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u31f0-\u31ff\uff66-\uff9d]"), 1),
    ("hangul", re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e]"), 1),
    ("Cyrillic", re.compile(r"[\u0400-\u04ff]"), 5),
    ("Greek", re.compile(r"[\u0370-\u03ff]"), 5),
    ("Arabic", re.compile(r"[\u0600-\u06ff]"), 5),
    ("Hebrew", re.compile(r"[\u0590-\u05ff]"), 5),
    ("Thai", re.compile(r"[\u0e00-\u0e7f]"), 3),
    ("Devanagari", re.compile(r"[\u0900-\u097f]"), 3),
)
#: Share of a text's words in other scripts from which it is language ``other``.
OTHER_SHARE = 0.3
#: One character class of them all: a page without any is told at C speed.
_ANY_OTHER = re.compile("[" + "".join(p.pattern[1:-1] for _, p, _ in OTHER_SCRIPTS) + "]")

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
#: The first character of every boundary: the regex above is tried only where one stands,
#: since scanning for a character class runs several times faster than the whole pattern.
_BOUNDARY_START = re.compile(r"[.!?。！？…]")
#: White space as ``str.isspace`` (and so ``str.strip``) has it: ``re``'s ``\s`` is the same.
_SPACE = re.compile(r"\s*")
_WORD_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ."


def detect_language(text: str) -> str:
    """Tell English from Chinese, and both from a page in another script.

    Args:
        text: Cleaned text.

    Returns:
        ``"other"`` when kana, hangul, Cyrillic or another script of
        :data:`OTHER_SCRIPTS` carries at least :data:`OTHER_SHARE` of the words;
        else ``"zh"`` when Chinese characters carry the text (one character is about
        a word, an English word about five letters), else ``"en"``.

    Note:
        Japanese is ``other`` by its kana, although its kanji are Han characters.
    """
    if text.isascii():  # told at once: neither Chinese nor another script
        return "en"
    cjk = count_han(text)
    latin = count_latin(text)
    if _ANY_OTHER.search(text):
        other = sum(len(p.findall(text)) / per_word for _, p, per_word in OTHER_SCRIPTS)
        if other >= OTHER_SHARE * (other + cjk + latin / 5):
            return "other"
    return "zh" if cjk and cjk * 5 >= latin else "en"


def name_scripts(text: str) -> list[str]:
    """Name the scripts of :data:`OTHER_SCRIPTS` a text is written in, the most used first.

    Args:
        text: Any text.

    Returns:
        Script names such as ``["kana"]`` or ``["Cyrillic"]``; empty when there are none.
    """
    counts = [(len(p.findall(text)) / per_word, name) for name, p, per_word in OTHER_SCRIPTS]
    return [name for n, name in sorted(counts, reverse=True) if n]


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each paragraph of a cleaned text (separated by a blank line)."""
    spans, start = [], 0
    for part in text.split("\n\n"):
        if part:
            spans.append((start, start + len(part)))
        start += len(part) + 2
    return spans


def _ends_with_abbreviation(before: str) -> bool:
    # The word before the final full stop (what r'(?:^|[\s(“"])([A-Za-z][A-Za-z.]*)\.$'
    # finds), read from the end of the text rather than by a search through the whole
    # sentence: the letters and dots it ends with, after white space, an opening bracket
    # or quote, or the start.
    rest = before.rstrip(_WORD_LETTERS)
    tail = before[len(rest) :]
    if (
        len(tail) < 2
        or not tail.endswith(".")
        or not (tail[0].isascii() and tail[0].isalpha())
        or (rest and not (rest[-1].isspace() or rest[-1] in '(“"'))
    ):
        return False
    word = tail[:-1]
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
    spans, cursor, scanned = [], start, start
    match, skip_space = _BOUNDARY.match, _SPACE.match
    for candidate in _BOUNDARY_START.finditer(text, start, end):
        if candidate.start() < scanned:  # inside the boundary just found
            continue
        m = match(text, candidate.start(), end)
        if m is None:
            continue
        scanned = m.end()
        en = m.group("en")
        if en and en.startswith(".") and _ends_with_abbreviation(text[cursor : m.start() + 1]):
            continue
        # The sentence holds its boundary and ends on it (a mark or a closing quote, never
        # white space): only its start needs trimming, and it is never empty.
        spans.append((skip_space(text, cursor).end(), scanned))
        cursor = scanned
    piece = text[cursor:end]  # the rest: trimmed at both ends, and dropped when blank
    kept = piece.strip()  # str.strip removes what str.isspace calls white space
    if kept:
        cursor += len(piece) - len(piece.lstrip())
        spans.append((cursor, cursor + len(kept)))
    return spans
