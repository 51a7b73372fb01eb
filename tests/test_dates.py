"""Dates as pages write them, read into ISO form with their precision."""

import pytest

from iecorpus.dates import find_dates, parse_date


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
