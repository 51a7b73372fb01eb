"""First characters of regexes, and the alternation split by them (iecorpus.firstchar)."""

from __future__ import annotations

import random
import re

import pytest

from iecorpus.firstchar import FirstCharacterTable, first_characters


def _chars(ranges):
    return "".join(chr(c) for first, last in ranges for c in range(first, last + 1))


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        ("Home|Back", 0, "BH"),
        ("Home|Back", re.IGNORECASE, "BHbh"),
        ("(?:Cover\\s+)?(?:Photo|Image)", re.IGNORECASE, "CIPcip"),
        ("(?<=x)\\bab", 0, "a"),  # what takes no character is passed over
        ("[(（]\\s*记者", 0, "(（"),
        ("(?:来源|來源)[:：]", re.IGNORECASE, "来來"),  # Han has no case
        ("(?i:a)B", 0, "Aa"),  # flags set inside a group count
    ],
)
def test_first_characters_lists_what_a_match_can_open_on(pattern, flags, expected):
    assert _chars(first_characters(pattern, flags)) == "".join(sorted(expected))


def test_first_characters_reads_a_range_of_han_as_a_range():
    assert first_characters("[\u3400-\u9fff]{2,4}先生", re.IGNORECASE) == [(0x3400, 0x9FFF)]


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (".*ICP", 0),  # any character
        ("\\w+", 0),  # a category
        ("[^/]+\\.png", 0),  # a negated class
        ("a?", 0),  # may match the empty string
        ("x*|y", 0),
        ("É", re.IGNORECASE),  # a cased letter beyond ASCII has look-alikes
        ("[\u0100-\u0200]", re.IGNORECASE),
        ("(?P<a>x)(?P=a)|(?P=a)", 0),
        ("(", 0),  # does not compile
    ],
)
def test_first_characters_says_any_when_it_cannot_list_them(pattern, flags):
    assert first_characters(pattern, flags) is None


# Alternatives of the kinds the line rules hold: literals, optional openings, Han ranges,
# lookarounds, patterns that open on anything, named groups read through ``lastgroup``.
PARTS = [
    r"(?P<home>Home|Back to top|首页)",
    r"(?P<source>(?:来源|Source)\s*[:：]\s*\S.{0,10})",
    r"(?P<photo>(?:Cover\s+)?(?:Photo|Image)\s+by\s+.{2,20})",
    r"(?P<names>(?:[\u3400-\u9fff]{2,3}(?:先生|女士)[、，\s]*){2,})",
    r"(?P<file>[^\s/]{1,20}\.(?:png|jpe?g))",
    r"(?P<kelvin>kb+)",
    r"(?P<copy>(?:Copyright|©).*|.*ICP备\d+号.*)",
    r"(?P<end>-+\s*END\s*-+)",
    r"(?P<long>ſtop)",
]
ALPHABET = list("HhoOmMeEbBkKsStTpP-. 0123:：") + [
    "\u212a",  # KELVIN SIGN: matches k ignoring case
    "\u017f",  # LATIN SMALL LETTER LONG S: matches s
    "\u0130",  # I WITH DOT ABOVE
    "首页来源先生女士张王李备号©、，",
]
WORDS = ["Home", "Back to top", "Source: x", "Photo by Ann", "Cover Photo by Bo", "a.png",
         "kbb", "KB", "\u212ab", "Copyright 2024", "粤ICP备123号", "-- END --", "stop", "ſtop",
         "张三先生、李四女士", "王五先生", "首页", "来源：新华社"]  # fmt: skip


def _texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    texts = list(WORDS) + [""]
    for _ in range(n):
        pieces = rng.choices(WORDS + ALPHABET, k=rng.randint(1, 4))
        text = "".join(pieces)
        if rng.random() < 0.5:
            text = text.swapcase() if rng.random() < 0.5 else text
        texts.append(text)
    return texts


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_table_matches_what_the_alternation_matches(flags):
    table = FirstCharacterTable(PARTS, flags)
    whole = re.compile("|".join(PARTS), flags)
    matched = 0
    for text in _texts(7, 3000):
        for method in ("fullmatch", "match"):
            expected = getattr(whole, method)(text)
            found = getattr(table, method)(text)
            assert (found and (found.lastgroup, found.span())) == (
                expected and (expected.lastgroup, expected.span())
            ), (method, text)
            matched += expected is not None
    assert matched > 300  # the texts exercise the rules, not only their misses


def test_a_look_alike_beyond_ascii_is_matched_with_the_whole():
    table = FirstCharacterTable([r"(?P<k>kb)", r"(?P<x>xy)"], re.IGNORECASE)
    assert table.fullmatch("\u212ab").lastgroup == "k"
    assert table.alternatives_for("\u212ab") is None  # not in the table: the whole is tried
    assert [p.pattern for p in table.alternatives_for("Kb")] == ["(?P<k>kb)"]
    assert table.alternatives_for("zz") == ()  # nothing can open on z


def test_alternatives_that_only_compile_together_fall_back_to_the_whole():
    parts = [r"(?P<a>x)", r"(?P=a)y"]
    table = FirstCharacterTable(parts)
    assert table.alternatives_for("xy") is None
    assert table.fullmatch("x").lastgroup == "a"
