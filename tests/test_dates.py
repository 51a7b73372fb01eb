"""Dates as pages write them, read into ISO form with their precision."""

import re
import shutil

import pytest

from iecorpus import dates
from iecorpus.dates import find_dates, load_zh_cues, parse_date
from iecorpus.temporal import find_temporal_expressions

#: One table for both readers of the date grammar: the page-date reader (find_dates) and
#: the sentence resolver (find_temporal_expressions) must agree on every full date.
FULL_DATES = [
    ("2021-05-26", "2021-05-26", "day"),
    ("2021/5/26", "2021-05-26", "day"),
    ("2022.07.07", "2022-07-07", "day"),
    ("May 26, 2021", "2021-05-26", "day"),
    ("Apr. 16th, 2024", "2024-04-16", "day"),
    ("26 May 2021", "2021-05-26", "day"),
    ("3 September 2020", "2020-09-03", "day"),
    ("May 2021", "2021-05", "month"),
    ("2021年5月26日", "2021-05-26", "day"),
    ("2021年5月26号", "2021-05-26", "day"),
    ("2021年5月26號", "2021-05-26", "day"),
    ("2021年05月06日", "2021-05-06", "day"),
    ("2021年5月", "2021-05", "month"),
    ("二〇二一年五月二十六日", "2021-05-26", "day"),
    ("二〇二一年五月二十六号", "2021-05-26", "day"),
    ("二〇二一年五月二十六號", "2021-05-26", "day"),
    ("二〇二〇年十二月", "2020-12", "month"),
]


@pytest.mark.parametrize(("text", "iso", "precision"), FULL_DATES)
def test_both_date_readers_read_a_full_date_alike(text, iso, precision):
    (page,) = find_dates(text)
    (sentence,) = find_temporal_expressions(text, anchor="2024-12-31")
    assert (page.iso, page.precision, page.start, page.end) == (iso, precision, 0, len(text))
    assert (sentence.date, sentence.precision, sentence.expression) == (iso, precision, text)


@pytest.mark.parametrize(
    ("text", "anchor", "iso"),
    [
        ("5月26日", "2021-06-01", "2021-05-26"),
        ("5月26号", "2021-06-01", "2021-05-26"),
        ("5月26號", "2021-06-01", "2021-05-26"),
        ("五月二十六號", "2021-06-01", "2021-05-26"),
        ("May 26", "2021-06-01", "2021-05-26"),
    ],
)
def test_every_day_mark_gives_day_precision_without_a_year(text, anchor, iso):
    assert find_dates(text) == []  # no year: the page-date reader leaves it
    (found,) = find_temporal_expressions(text, anchor=anchor)
    assert (found.date, found.precision) == (iso, "day")


def test_the_chinese_cue_words_are_read_from_the_data_file():
    cues = load_zh_cues()
    assert ("以来", "suffix", "since", "") in cues
    assert any(w == "底" and k == "qualifier" and m == "end" for w, k, m, _ in cues)


def test_an_edit_of_the_cue_words_applies_at_the_next_call(tmp_path, monkeypatch):
    copy = tmp_path / "zh_cues.csv"
    shutil.copy(dates.ZH_CUES_FILE, copy)
    monkeypatch.setattr(dates, "ZH_CUES_FILE", copy)
    (before,) = find_temporal_expressions("2019年开始", anchor="2021-05-26")
    assert (before.expression, before.role) == ("2019年", "point")
    with copy.open("a", encoding="utf-8") as handle:
        handle.write("开始,suffix,since,,2019年开始\n")
    (after,) = find_temporal_expressions("2019年开始", anchor="2021-05-26")
    assert (after.expression, after.role) == ("2019年开始", "since")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("底,qualifier,late,,", r"row 2: .*kind 'qualifier', meaning 'late'"),
        ("底,suffix2,end,,", r"row 2: .*give a word and a kind"),
        ("初,qualifier,early,\\,", r"row 2: not_before '\\\\' is not a character class"),
    ],
)
def test_a_bad_cue_row_is_named(tmp_path, row, message):
    path = tmp_path / "zh_cues.csv"
    path.write_text("word,kind,meaning,not_before,note\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_zh_cues(path)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("2021-05-26", "2021-05-26", "day"),
        ("Release time:Apr 16, 2024 21:51 PM", "2024-04-16", "day"),
        ("News Time:2022.07.07", "2022-07-07", "day"),
        ("2021年5月26日", "2021-05-26", "day"),
        ("发布时间：2021年05月26日 10:30", "2021-05-26", "day"),
        ("二〇二一年五月二十六日", "2021-05-26", "day"),
        ("二〇二〇年十二月", "2020-12", "month"),
        ("Sept. 3rd, 2020", "2020-09-03", "day"),
        ("3 September 2020", "2020-09-03", "day"),
        ("in May 2021 the group", "2021-05", "month"),
        ("Beijing 2021-05-26", "2021-05-26", "day"),
        ("2020/12/30 08:00", "2020-12-30", "day"),
    ],
)
def test_find_dates_reads_page_dates(text, iso, precision):
    found = find_dates(text)
    assert [(d.iso, d.precision) for d in found] == [(iso, precision)]


def test_a_date_starts_and_ends_with_the_characters_pre_checks_rely_on():
    # The cleaner skips header text whose first and last characters cannot be a date's
    # (dates.DATE_FIRST, DATE_LAST): every date the grammar reads must obey them.
    import re

    first = re.compile(dates.DATE_FIRST, re.IGNORECASE)
    last = re.compile(dates.DATE_LAST, re.IGNORECASE)
    texts = [text for text, _, _ in FULL_DATES] + [
        "Release time:Apr 16, 2024 21:51 PM",
        "二〇二一年五月二十六日",
        "二〇二〇年十二月",
        "SEPT. 3RD, 2020",
        "JUNE 2021",
        "2020/12/30 08:00 a.m.",
        "2021年5月26号",
    ]
    found = [(text, d) for text in texts for d in find_dates(text)]
    assert len(found) >= len(texts)
    for text, d in found:
        written = text[d.start : d.end]
        assert first.fullmatch(written[0]) and last.fullmatch(written[-1]), written


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("SEPT. 3RD, 2020", "2020-09-03"),
        ("3 DECEMBER 2020", "2020-12-03"),
        ("JUNE 2021", "2021-06"),
        ("jUl 4, 2021", "2021-07-04"),
        ("发布于2021年5月", "2021-05"),
        ("2021/5/6", "2021-05-06"),
    ],
)
def test_a_pattern_is_skipped_only_where_it_cannot_match(text, iso):
    # Which patterns run is decided by hints (a month's first letters in any case, 年 and
    # 月, a year before a separator): the dates found are those of every pattern.
    assert [d.iso for d in find_dates(text)] == [iso]


@pytest.mark.parametrize(
    "text",
    [
        "2021-02-30",  # no such day
        "2021.13.01",  # no such month
        "the 14th Five-Year Plan",
        "4月3日电",  # no year: needs an anchor, not a publication date
        "On May 26, in accordance with",
        "106 environmental protection colleges",
    ],
)
def test_find_dates_does_not_invent_dates(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-05-26", ("2021-05-26", "day")),
        ("2021-05", ("2021-05", "month")),
        ("2021", ("2021", "year")),
        ("2021年5月", ("2021-05", "month")),
        ("Apr 16, 2024", ("2024-04-16", "day")),
        ("", None),
        ("26/05/2021", None),
        ("soon", None),
        ("2021-05-26 and 2021-06-01", None),
    ],
)
def test_parse_date_reads_one_whole_value(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [("2021年5月26日 10:30  来源：新华网", "2021-05-26"), ("16 April 2024 21:51 Source: Xinhua", "2024-04-16")],
)
def test_a_time_after_the_date_belongs_to_it(text, iso):
    (found,) = find_dates(text)
    assert found.iso == iso and text[found.end :].lstrip().startswith(("来源", "Source"))


def test_the_month_hint_never_hides_a_date_the_patterns_find(monkeypatch):
    """find_dates skips the English patterns where no month stem opens a word; they find nothing there."""
    import random

    pick = random.Random(5)
    heads = ["", " ", "x", "7", "年", "(", "-", "of ", "the 3rd of ", "on "]
    months = ["May", "mar", "SEPT.", "June", "ſept", "Dec", "august", "Jan."]
    tails = [" 26, 2021", " 2020", " 5 2019", "2021", ", 2023.", " 31st, 2024 09:30"]
    texts = [
        pick.choice(heads) + pick.choice(months) + pick.choice(tails) + pick.choice(heads)
        for _ in range(400)
    ] + ["market 2021", "mayor of 2020", "26 May 2021", "2021年May 26, 2021"]
    hinted = [dates.find_dates(text) for text in texts]
    monkeypatch.setattr(dates, "_MONTH_HINT", re.compile(""))  # every text: every pattern
    assert hinted == [dates.find_dates(text) for text in texts]
    assert sum(map(bool, hinted)) > 100
