"""What Chinese text is: characters, numerals, simplified forms, display width and shortening.

Every module that asks "is this a Chinese character?", reads 二十六, turns 產教融合 into
产教融合, measures how wide a line is in a table, or cuts a label to length imports it from
here, so the answer is the same everywhere.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

#: Han ideographs, for use inside a character class: CJK Unified Ideographs with
#: Extension A, the Compatibility Ideographs, and the supplementary-plane extensions
#: (B to H) and their compatibility supplement.
HAN = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U000323af\U0002f800-\U0002fa1f"
)
#: CJK symbols and punctuation (、。「」〔〕 and the ideographic space), for a character class.
CJK_PUNCTUATION = "\u3000-\u303f"
#: Full-width and half-width forms (，：！ and full-width letters and digits).
FULL_WIDTH_FORMS = "\uff00-\uffef"

#: One Han character.
HAN_CHAR = re.compile(f"[{HAN}]")
#: A run of Han characters: counting runs makes one string per run, not one per character.
_HAN_RUN = re.compile(f"[{HAN}]+")
#: A Han character, CJK punctuation or a full-width form: text written in Chinese script.
CJK_SCRIPT_CHAR = re.compile(f"[{HAN}{CJK_PUNCTUATION}{FULL_WIDTH_FORMS}]")

#: Characters a terminal or table shows two columns wide (CJK, kana, hangul, full-width).
_WIDE = re.compile(
    f"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff{HAN}"
    "\ua000-\ua4cf\uac00-\ud7a3\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)

#: The digits of Chinese numerals (〇, 零 and the look-alikes ○ and Ｏ are zero, 两 is two).
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "两": 2,
    "兩": 2,
}
#: Every character a Chinese numeral up to 99 is written with, for a character class.
CN_NUMERAL = "〇零○Ｏ一二两兩三四五六七八九十"


def has_han(text: str) -> bool:
    """Say whether ``text`` contains at least one Han character."""
    return HAN_CHAR.search(text) is not None


def is_han(char: str) -> bool:
    """Say whether ``char`` (one character) is a Han character."""
    return HAN_CHAR.match(char) is not None


def count_han(text: str) -> int:
    """Count the Han characters in ``text``."""
    return sum(map(len, _HAN_RUN.findall(text)))


#: The Latin letters a text is weighed by against its Han characters (ASCII's), as bytes.
_LATIN_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def count_latin(text: str) -> int:
    """Count the ASCII letters (``[A-Za-z]``) in ``text``.

    Note:
        They are counted among the text's ASCII characters at C speed (a translate of
        its bytes), not collected one by one by a regex.
    """
    ascii_only = text.encode("ascii", "ignore")
    return len(ascii_only) - len(ascii_only.translate(None, _LATIN_LETTERS))


def parse_chinese_number(text: str) -> int:
    """Read a number written in Chinese numerals or digits.

    Args:
        text: Digits (``26``), a numeral up to 99 (三, 十二, 二十六) or a
            digit-by-digit number such as the year 二〇二一.

    Returns:
        The value.

    Raises:
        KeyError: ``text`` holds a character that is not a numeral.
    """
    if text.isdigit():
        return int(text)
    if "十" not in text:
        value = 0
        for char in text:
            value = value * 10 + CN_DIGITS[char]
        return value
    tens, _, units = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal or a fixed-width table (wide characters take two)."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


def shorten(text: str, limit: int, *, at_word: bool = False) -> str:
    """Cut ``text`` to at most ``limit`` characters, marking the cut with "…".

    Args:
        text: Any text.
        limit: The longest result, the "…" included.
        at_word: Cut a Latin-script text at the last space before the limit, so that no
            word is broken (Chinese is cut between any two characters).

    Returns:
        ``text`` itself when it fits, else its beginning followed by "…".
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if at_word and " " in cut and not is_han(cut[-1]):
        cut = cut[: cut.rindex(" ")]
        return cut.rstrip(" ,;:“") + "…"
    return cut.rstrip() + "…"


def shorten_middle(text: str, limit: int) -> str:
    """Cut the middle out of a text longer than ``limit``, keeping both ends around " … "."""
    return text if len(text) <= limit else text[: limit // 2] + " … " + text[-limit // 2 :]


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional Chinese characters to simplified, keeping every offset.

    Args:
        text: Any text; non-Chinese characters pass through.

    Returns:
        A string of the same length as ``text``, so that an offset found in the result
        points at the same place in the original (which is what a concordance shows).

    Note:
        OpenCC converts phrase by phrase (t2s). In the rare case where that changes the
        length, the text is converted character by character instead. t2s changes Han
        characters only (checked over the Basic Multilingual Plane in the tests), so a
        text without any is returned as it is, without a call to OpenCC.
    """
    if text.isascii() or not HAN_CHAR.search(text):
        return text
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    chars = _converter().convert("\n".join(text)).split("\n")
    if len(chars) != len(text):  # a line break in the text: convert each character alone
        chars = [_converter().convert(c) for c in text]
    return "".join(c if len(c) == 1 else o for c, o in zip(chars, text, strict=True))
