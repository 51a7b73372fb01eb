"""Tests for iecorpus.chinese: the one definition of Chinese characters, numerals and widths."""

import re

import pytest

from iecorpus.chinese import (
    count_han,
    count_latin,
    display_width,
    has_han,
    is_han,
    parse_chinese_number,
    shorten,
    shorten_middle,
)


@pytest.mark.parametrize(
    ("char", "expected"),
    [
        ("产", True),  # CJK Unified Ideographs
        ("產", True),  # a traditional form
        ("㐀", True),  # Extension A
        ("𠀀", True),  # Extension B, outside the Basic Multilingual Plane
        ("豈", True),  # a compatibility ideograph
        ("。", False),  # CJK punctuation is not a character of the language
        ("Ａ", False),  # a full-width letter
        ("あ", False),  # kana
        ("한", False),  # hangul
        ("a", False),
    ],
)
def test_one_definition_of_a_han_character(char, expected):
    assert is_han(char) is expected
    assert has_han(f"x{char}y") is expected


def test_count_han_counts_characters_not_punctuation():
    assert count_han("产教融合，1+X证书。") == 6


@pytest.mark.parametrize(
    "text", ["", "abc", "产", "产教融合，校企合作。", "𠀀𠀁产a㐀豈。あ한", "x产" * 50 + "。" * 3]
)
def test_count_han_counts_each_character_of_every_run(text):
    assert count_han(text) == sum(map(is_han, text))


@pytest.mark.parametrize(
    "text", ["", "abc XYZ", "产教融合", "Café ÀÉ ſ K ｘ", "1+X证书 and TVET。", "a\u0100z" * 30]
)
def test_count_latin_counts_the_ascii_letters(text):
    assert count_latin(text) == len(re.findall(r"[A-Za-z]", text))


@pytest.mark.parametrize(
    ("text", "value"),
    [("26", 26), ("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("二十六", 26),
     ("三十一", 31), ("两", 2), ("二〇二一", 2021), ("二○二一", 2021), ("二零二四", 2024)],
)
def test_chinese_numerals(text, value):
    assert parse_chinese_number(text) == value


def test_a_chinese_character_is_two_columns_wide():
    assert display_width("ab") == 2
    assert display_width("产教") == 4
    assert display_width("1+X证书") == 7


@pytest.mark.parametrize(
    ("text", "limit", "at_word", "expected"),
    [
        ("short", 10, False, "short"),
        ("Ministry of Education issues notice", 20, True, "Ministry of…"),
        ("Ministry of Education issues notice", 20, False, "Ministry of Educati…"),
        ("教育部办公厅关于印发职业教育提质培优行动计划的通知", 10, True, "教育部办公厅关于印…"),
    ],
)
def test_shorten_marks_the_cut(text, limit, at_word, expected):
    assert shorten(text, limit, at_word=at_word) == expected
    assert len(shorten(text, limit, at_word=at_word)) <= limit


def test_shorten_middle_keeps_both_ends():
    assert shorten_middle("abcdefghij", 4) == "ab … ij"
    assert shorten_middle("abc", 4) == "abc"
