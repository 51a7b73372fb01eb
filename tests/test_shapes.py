"""Page furniture told by its shape: each detector on snippets that are noise and on body text."""

import re

import pytest

from iecorpus import shapes
from iecorpus.clean import load_rules


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2023-11-04 00:00:00", ("2023-11-04", True)),
        ("2025/09/12 09:58", ("2025-09-12", True)),
        ("01:42", (None, True)),
        ("Mon, 23 May 2022", ("2022-05-23", False)),
        ("2020年9月16日", ("2020-09-16", False)),
        ("By 2025, the province will build 30 industrial colleges.", None),
        ("The meeting opened at 09:30 in Wuhan.", None),
        ("2019-2023 action plan", None),
    ],
)
def test_a_timestamp_is_a_line_of_a_date_and_a_time_and_nothing_else(line, expected):
    assert shapes.timestamp_of(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("EnglishFrançaisDeutschEspañolItalianoPortuguês", True),
        ("한국어Русский языкEnglishΕλληνικά日本語", True),
        ("iPhone makers met YouTube and McDonald's staff.", False),
        ("Shenzhen Polytechnic and BYD opened a college", False),
        ("产教融合型企业名单公布", False),
    ],
)
def test_language_switchers_are_words_run_together(line, expected):
    assert shapes.is_language_switcher(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("免费看片-免费看片大全-免费看片在线-免费看片高清", True),
        ("casino,casino online,casino bonus,casino slots", False),  # has spaces: a sentence list
        ("产教融合-校企合作-现代学徒制", False),  # three segments, no shared start
        ("一、产教融合-校企合作-现代学徒制-订单班", False),
    ],
)
def test_keyword_spam_is_keywords_joined_by_dashes_sharing_their_start(line, expected):
    assert shapes.is_keyword_spam(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("This photo taken on May 2, 2022 shows the new training hall in Wuhan.", True),
        ("Photo shows students repairing an engine at a college in Hefei.", True),
        ("A teacher (2nd L) explains a lathe to trainees in Nanning.", True),
        ("A worker tests a battery at a plant in Yichang, Hubei province, June 2, 2023.", True),
        ("Trainees watch a demonstration at a college in Xi'an. LI MING/FOR DAILY NEWS", True),
        ("The plan was approved on March 14, 2023.", False),
        ("The photos taken by students won three prizes.", False),
        (
            "Through the programme, the college has trained 3,000 workers. (Agency/Wang Lei)",
            False,
        ),
        ("The agreement, signed in Beijing on 3 May 2021, runs for five years.", False),
    ],
)
def test_a_caption_is_told_by_what_it_says_of_a_photo(line, expected):
    assert shapes.is_caption(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("WUHAN, May 2 (Xinhua) -- The college opened.", "WUHAN, May 2 (Xinhua) -- "),
        ("台北, 2024年3月5日 - (某通讯社) - 学校举行签约。", "台北, 2024年3月5日 - (某通讯社) - "),
        ("Wuhan, a city of 12 million, opened a college.", None),
        ("新华社北京3月5日电 会议召开。", None),  # no dash and agency in brackets: kept
    ],
)
def test_a_dateline_opening_a_paragraph_is_found_with_its_date(line, expected):
    found = shapes.dateline_prefix(line)
    assert (line[: found[0]] if found else None) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("(Agency) 10:05, May 3, 2022", ("source", "Agency", "10:05, May 3, 2022")),
        (
            "By LI MING in Wuhan | Daily News | Updated: 2023-06-01",
            ("author", "LI MING", "Daily News | Updated: 2023-06-01"),
        ),
        ("Example News·2025-01-02 15:10", ("source", "Example News", "2025-01-02 15:10")),
        ("By 2025, the province will build 30 colleges.", None),
    ],
)
def test_credit_lines_are_split_into_their_field_and_the_rest(line, expected):
    assert shapes.split_credit_line(line) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["星海彩网", "签约仪式在星海彩网举行", "学院与星海彩网合作"], ["星海彩网"]),
        (["学院与月光官网合作。", "月光官网专业设置", "针对月光官网学生"], ["月光官网"]),
        (["请登录学校官网查询。", "学校官网将公布名单。"], []),  # twice, no header line: kept
        (["产教融合深入推进。"], []),
    ],
)
def test_brands_are_site_names_an_injected_page_repeats(lines, expected):
    assert shapes.find_brands(lines, load_rules().brand_suffixes) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.example.gov.cn/a/202009/t20200929_492299.html", ("2020-09-29", "day")),
        ("https://www.example.edu.cn/2021/1019/c3530a38913/page.htm", ("2021-10-19", "day")),
        ("http://example.com/lubanws/2025-01/22/c_1066977.htm", ("2025-01-22", "day")),
        ("http://example.com/mobile/20220120/n1642.html", ("2022-01-20", "day")),
        ("http://example.com/news/202204/159731.html", ("2022-04", "month")),
        ("http://example.com/html/904/2023-11-22/content-44018.html", ("2023-11-22", "day")),
        ("http://example.edu.cn/en/info/1592/2011.htm", None),  # numbers, not a date
        ("https://example.com/news/1198449521886105600", None),
    ],
)
def test_a_date_in_a_page_address_is_read(url, expected):
    assert shapes.find_url_date(url, load_rules().url_dates) == expected


def test_the_scraper_date_prefix_is_only_at_the_start():
    assert shapes.scraper_date_prefix(" date 2022-12-27 On December 27, ...") == (17, "2022-12-27")
    assert shapes.scraper_date_prefix("The date 2022-12-27 was set.") is None


def test_photo_credits_end_a_line():
    line = "Students at work. (PHOTO: AGENCY) |"
    start, end = shapes.photo_credit(line)
    assert line[start:end].strip() == "(PHOTO: AGENCY) |"
    assert shapes.photo_credit("Students at work (in Wuhan).") is None
    assert re.search(r"\w", line[:start])


def test_topic_words_and_their_share_tell_another_story_from_the_same_one():
    from iecorpus.shapes import share_of_topic, topic_words

    words = topic_words("Colleges train students with firms.", stopwords=frozenset({"with"}))
    assert words == {"colleg", "train", "studen", "firms"}
    assert share_of_topic(words, "The college and the firm trained students") == 0.75
    # A stem counts at the start of a word only: "rain" is not in "training".
    assert share_of_topic(topic_words("Heavy rain fell."), "Training for colleges") == 0
    assert share_of_topic(topic_words("产教融合"), "深化产教融合") == 1
    assert share_of_topic(set(), "anything") == 1
