"""Language of cleaned text: English, Chinese, or a page in another script; its sentences."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iecorpus.segment import (
    _BOUNDARY,
    ABBREVIATIONS,
    detect_language,
    name_scripts,
    split_sentences,
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Deepen the integration of industry and education.", "en"),
        ("深化产教融合，推进校企合作。", "zh"),
        ("深化產教融合，推進校企合作。", "zh"),
        ("The 产教融合 policy links colleges and firms across the region.", "en"),
        ("産学連携を推進するため、大学と企業が協力している。", "other"),
        ("산학협력을 강화하기 위해 대학과 기업이 협력한다.", "other"),
        ("Министерство образования поддерживает интеграцию.", "other"),
        # A few foreign words in an English or Chinese page do not make it foreign.
        ("The Russian word for school, школа, came up in the talk about vocational colleges.", "en"),
        ("日本的“産学連携”（さんがくれんけい）与我国的产教融合政策有相通之处，值得深入研究比较。", "zh"),
    ],
)
def test_detect_language_tells_english_chinese_and_other_scripts(text, language):
    assert detect_language(text) == language


def test_name_scripts_names_the_script_a_page_is_in():
    assert name_scripts("Министерство образования") == ["Cyrillic"]
    assert name_scripts("大学と企業が協力") == ["kana"]
    assert name_scripts("plain English") == []


# ---------------------------------------------------------------- sentences

@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Mr. Li visited 12 firms. They signed.", ["Mr. Li visited 12 firms.", "They signed."]),
        ("The U.S. Department spoke. Then J. Smith left.", ["The U.S. Department spoke.", "Then J. Smith left."]),
        ("Colleges (e.g. Shenzhen Polytechnic) lead. Firms follow!", ["Colleges (e.g. Shenzhen Polytechnic) lead.", "Firms follow!"]),
        ("It grew 3.5 percent. “Good,” he said.", ["It grew 3.5 percent.", "“Good,” he said."]),
        ("深化产教融合。推进校企合作！是否可行？", ["深化产教融合。", "推进校企合作！", "是否可行？"]),
        ("他说：“要办好职业教育。”随后离开。", ["他说：“要办好职业教育。”", "随后离开。"]),
        ("名单如下……第一批共63家", ["名单如下……", "第一批共63家"]),
        ("  Padded sentence.   Another one.  ", ["Padded sentence.", "Another one."]),
        ("No boundary here; a semicolon. ", ["No boundary here; a semicolon."]),
    ],
)
def test_split_sentences_in_english_and_chinese(text, sentences):
    assert [text[s:e] for s, e in split_sentences(text)] == sentences


_LAST_WORD = re.compile(r"(?:^|[\s(“\"])([A-Za-z][A-Za-z.]*)\.$")


def split_by_search(text, start=0, end=None):
    """The splitter as written first: every boundary by a search of the whole pattern."""
    end = len(text) if end is None else end
    spans, cursor = [], start
    for m in _BOUNDARY.finditer(text, start, end):
        if m.group("en") and m.group("en").startswith("."):
            word = _LAST_WORD.search(text[cursor : m.start() + 1])
            if word and (
                (len(word[1]) == 1 and word[1].isupper())
                or word[1].lower().rstrip(".") in ABBREVIATIONS
                or "." in word[1]
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


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Mr", "etc", "e.g", "U.S", "A", "word", "12", "3.5", "产教", "融合", "“", "”", "(",
             ")", ".", "..", "!", "?", "。", "！", "？", "…", "……", " ", "  ", "\u3000", "\n"]
        ),
        max_size=30,
    ),
    st.integers(0, 5),
)
def test_split_sentences_finds_what_a_full_search_finds(pieces, cut):
    text = "".join(pieces)
    start = min(cut, len(text))
    assert split_sentences(text, start) == split_by_search(text, start)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Mr", "etc", "U.S", "A", "word", "产教", "“", "”", ")", ".", "!", "?", "。", "？",
             "…", "……", " ", "\t", "\u3000", "\u2028", "\xa0", "\n", "\n\n"]
        ),
        max_size=30,
    ),
    st.integers(0, 4),
    st.integers(0, 4),
)
def test_sentences_are_trimmed_of_white_space_inside_a_paragraph(pieces, cut, trim):
    # Both ends of the paragraph inside a longer text, and white space of every kind
    # str.strip removes (the sentences are trimmed as str.strip would trim them).
    text = "".join(pieces)
    start, end = min(cut, len(text)), max(min(cut, len(text)), len(text) - trim)
    assert split_sentences(text, start, end) == split_by_search(text, start, end)
    for s, e in split_sentences(text, start, end):
        assert text[s:e] == text[s:e].strip() != ""


def detect_by_findall(text):
    """The language test as written first: every letter and character collected by a regex."""
    from iecorpus.chinese import count_han
    from iecorpus.segment import OTHER_SCRIPTS, OTHER_SHARE

    cjk, latin = count_han(text), len(re.findall(r"[A-Za-z]", text))
    other = sum(len(p.findall(text)) / per_word for _, p, per_word in OTHER_SCRIPTS)
    if other and other >= OTHER_SHARE * (other + cjk + latin / 5):
        return "other"
    return "zh" if cjk and cjk * 5 >= latin else "en"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["college", "A", "z", "Ω", "é", "K", "\u212a", "ｆ", "产教", "融", "𠀀", "。", "“",
             "かな", "한국", "Москва", "αβ", "שלום", "ไทย", "12", " ", "\n"]
        ),
        max_size=40,
    )
)
def test_the_language_is_what_counting_every_letter_by_regex_gives(pieces):
    text = "".join(pieces)
    assert detect_language(text) == detect_by_findall(text)
