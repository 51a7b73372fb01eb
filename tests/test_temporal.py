"""Temporal expressions are found in English and Chinese and resolved against the document date."""

import pytest

from iecorpus.temporal import (
    extract_temporal_expressions,
    find_document_anchor,
    find_temporal_expressions,
    find_title_spans,
    load_future_words,
    load_relative_dates,
)


def resolved(text, anchor):
    return [
        (t.expression, t.date, t.precision, t.date_end, t.qualifier, t.role)
        for t in find_temporal_expressions(text, anchor=anchor)
    ]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # English, from the corpus: anchored to the page's own date
        ("On May 26, in accordance with the requirements", "2021-05-26",
         ("On May 26", "2021-05-26", "day", "", "", "point")),
        ("In April 2020, to deeply study and implement", "2021-05-26",
         ("In April 2020", "2020-04", "month", "", "", "point")),
        ("In October 2019, six departments including the NDRC", "2024-04-16",
         ("In October 2019", "2019-10", "month", "", "", "point")),
        ("In 2021, the Lingang New Area released the plan", "2024-04-16",
         ("In 2021", "2021", "year", "", "", "point")),
        ("Since the end of December 2020 when BEWG was selected", "2021-03-24",
         ("Since the end of December 2020", "2020-12", "month", "", "end", "since")),
        ("This year's government work report proposed that", "2021-05-26",
         ("This year's", "2021", "year", "", "", "point")),
        ("Recently, BEWG President Mr. ZHOU Min led a team", "2020-12-30",
         ("Recently", "2020-12-30", "approx", "", "", "point")),
        ("on March 23, BEWG held an online meeting", "2021-03-24",
         ("on March 23", "2021-03-23", "day", "", "", "point")),
        # English, beyond the corpus
        ("The conference was held on April 12-13, 2021 in Beijing", None,
         ("on April 12-13, 2021", "2021-04-12", "day", "2021-04-13", "", "range")),
        ("by 2025 about 50 pilot cities will be built", "2023-06-13",
         ("by 2025", "2025", "year", "", "", "target")),
        ("by the end of 2020, four companies had been approved", "2021-05-26",
         ("by the end of 2020", "2020", "year", "", "end", "point")),
        ("from 2019 to 2021 the group trained teachers", None,
         ("from 2019 to 2021", "2019", "year", "2021", "", "range")),
        ("in March this year, the city opened a college", "2022-05-01",
         ("in March this year", "2022-03", "month", "", "", "point")),
        ("BEIJING, April 3 (Xinhua) -- The NDRC issued measures", "2019-04-05",
         ("BEIJING, April 3 (Xinhua)", "2019-04-03", "day", "", "", "dateline")),
        # Chinese
        ("新华社北京4月3日电 国家发展改革委印发办法", "2019-04-05",
         ("4月3日电", "2019-04-03", "day", "", "", "dateline")),
        ("今年3月23日，郑州市人民政府与学校签署协议。", "2023-05-10",
         ("今年3月23日", "2023-03-23", "day", "", "", "point")),
        ("2020年12月底，郑州电力高等专科学校入选试点院校。", "2021-03-01",
         ("2020年12月底", "2020-12", "month", "", "end", "point")),
        ("2021年4月12日至13日，全国职业教育大会在北京召开。", "2021-04-14",
         ("2021年4月12日至13日", "2021-04-12", "day", "2021-04-13", "", "range")),
        ("去年，河南省发展改革委公布了名单。", "2023-05-10",
         ("去年", "2022", "year", "", "", "point")),
        ("去年9月，教育部等九部門印發計劃。", "2021-04-13",
         ("去年9月", "2020-09", "month", "", "", "point")),
        ("近日，教育部办公厅印发通知。", "2023-04-18",
         ("近日", "2023-04-18", "approx", "", "", "point")),
        ("日前，蘇州工業職業技術學院與當地企業共建現代產業學院。", "2021-04-13",
         ("日前", "2021-04-13", "approx", "", "", "point")),
        ("自2019年以来，该校累计培养技能人才。", "2022-01-01",
         ("自2019年以来", "2019", "year", "", "", "since")),
        ("2021年初，该校启动改革。", "2022-01-01",
         ("2021年初", "2021", "year", "", "early", "point")),
        ("三月二十三日，某市召开会议。", "2022-05-01",
         ("三月二十三日", "2022-03-23", "day", "", "", "point")),
        ("上个月，该市公布名单。", "2022-01-15",
         ("上个月", "2021-12", "month", "", "", "point")),
        ("2019年至2021年，该校共建三个产业学院。", None,
         ("2019年至2021年", "2019", "year", "2021", "", "range")),
        ("二〇二一年五月二十六日，北控水务集团入选。", None,
         ("二〇二一年五月二十六日", "2021-05-26", "day", "", "", "point")),
    ],
)  # fmt: skip
def test_expressions_resolve_against_the_document_date(text, anchor, expected):
    assert resolved(text, anchor) == [expected]


def test_two_targets_in_one_chinese_sentence_are_kept_apart():
    text = "根据方案，到2023年底前建成50个左右市域产教联合体，到2025年，全省将建设约150个。"
    assert resolved(text, "2023-05-08") == [
        ("到2023年底前", "2023", "year", "", "end", "target"),
        ("到2025年", "2025", "year", "", "", "target"),
    ]


@pytest.mark.parametrize(
    ("text", "anchor", "date"),
    [
        # a day without a year more than 60 days after the page is last year's
        ("12月28日，苏州市教育局与10家企业签署协议。", "2021-01-06", "2020-12-28"),
        ("1月4日，苏州市教育局召开会议。", "2021-01-06", "2021-01-04"),
        ("On December 28, the bureau signed an agreement", "2021-01-06", "2020-12-28"),
        # ... but a date shortly after the page is this year's (an announced meeting)
        ("On June 10, the group will hold its first council", "2021-05-26", "2021-06-10"),
        # an explicit 今年 is never moved
        ("今年12月1日，新校区将启用。", "2021-01-06", "2021-12-01"),
    ],
)
def test_a_month_and_day_take_the_nearest_sensible_year(text, anchor, date):
    assert [t.date for t in find_temporal_expressions(text, anchor=anchor)] == [date]


@pytest.mark.parametrize(
    "text",
    [
        "In the critical period of the “14th Five-Year Plan”, BEWG will optimise supply.",
        "it has been 7 years for the cooperation BEWG and academician Mr. PENG Yongzhen",
        "about 2023 will be built by the end of 50",  # mangled translation of 到2023年底建成50个左右
        "according to the Research Frontiers 2020 Report, the technology will be promoted",
        "made a summary report on the 2021 plan of the 1+X certificate pilot work",
        "the Vocational Education Quality Improvement Action Plan (2020-2023) was cited",
        "representatives from more than 100 colleges attended; 2 contests and 106 colleges",
        "该校与企业合作已有7年，连续5年举办论坛。",
        "《2020年河南省职业教育质量年度报告》显示，校企合作成效明显。",
        "教育部等九部門印發《職業教育提質培優行動計劃（2020—2023年）》。",
        "Mayors may attend 3 sessions; the march of reform goes on.",
    ],
)
def test_non_dates_are_not_dates(text):
    assert find_temporal_expressions(text, anchor="2021-05-26") == []


def test_a_chinese_word_starting_with_chu_is_not_early_in_the_year():
    (found,) = find_temporal_expressions("2021年初步建成实训基地。", anchor="2022-01-01")
    assert (found.expression, found.qualifier) == ("2021年", "")


@pytest.mark.parametrize(
    "text", ["Recently, the group met.", "今年3月23日，签署协议。", "去年，公布名单。"]
)
def test_without_an_anchor_relative_dates_stay_unresolved_not_today(text):
    (found,) = find_temporal_expressions(text, anchor=None)
    assert found.date == "" and found.precision == "" and found.anchored


def test_offsets_point_at_the_expression():
    text = "本報北京4月13日電 2021年4月12日至13日，全國職業教育大會在北京召開。去年9月，印發計劃。"
    for found in find_temporal_expressions(text, anchor="2021-04-14"):
        assert text[found.start : found.end] == found.expression


def test_an_impossible_date_is_dropped():
    assert (
        find_temporal_expressions("On February 30, the plan was issued.", anchor="2021-05-26") == []
    )


def test_title_spans_cover_book_titles_and_quoted_titles():
    text = '印发《关于开展2023年工作的通知》 and issued the "Pilot Plan for 2020" on May 5'
    spans = [text[s:e] for s, e in find_title_spans(text)]
    assert spans == ["《关于开展2023年工作的通知》", '"Pilot Plan for 2020"']


def test_a_dateline_anchors_the_document():
    sentences = ["新华社郑州5月8日电 记者获悉，河南省教育厅近日印发方案。", "去年，公布名单。"]
    assert find_document_anchor(sentences, "2023-05-10") == "2023-05-08"
    assert find_document_anchor(["Recently, the group met."], "2020-12-30") == "2020-12-30"
    assert find_document_anchor(["No date here."], "") is None


def test_every_expression_in_the_five_documents(corpus):
    table = extract_temporal_expressions(corpus)
    found = list(zip(table["doc_id"].str[:3], table["expression"], table["date"], strict=True))
    assert found == [
        ("000", "On May 26", "2021-05-26"),
        ("000", "In April 2020", "2020-04"),
        ("000", "This year's", "2021"),
        ("001", "on March 23", "2021-03-23"),
        ("001", "Since the end of December 2020", "2020-12"),
        ("002", "Recently", "2020-12-30"),
        ("003", "In October 2019", "2019-10"),
        ("003", "In 2021", "2021"),
        ("004", "On July 6", "2022-07-06"),
        ("004", "On July 6", "2022-07-06"),
    ]
    texts = corpus.documents.set_index("doc_id")["text"]
    for row in table.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.expression


def test_a_bad_relative_date_row_is_named(tmp_path):
    path = tmp_path / "relative.csv"
    path.write_text("language,pattern,unit,offset,note\nen,recently,approx,0,\nzh,今年,decade,0,\n")
    with pytest.raises(ValueError, match=r"row 3: .*unit year, month or approx"):
        load_relative_dates(path)
    path.write_text("language,pattern,unit,offset,note\nen,(recently,approx,0,\n")
    with pytest.raises(ValueError, match=r"row 2: .*fix or remove that row"):
        load_relative_dates(path)


# ------------------------------------------------------------------ more date forms


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # ordinal days
        ("On the 3rd of May, 2021, the plan was issued.", "2021-06-01",
         ("On the 3rd of May, 2021", "2021-05-03", "day", "", "", "point")),
        ("on 21st March the college signed an agreement", "2021-06-01",
         ("on 21st March", "2021-03-21", "day", "", "", "point")),
        # a month named relative to the page
        ("in last November the ministry issued a notice", "2021-03-10",
         ("in last November", "2020-11", "month", "", "", "point")),
        ("Last November the ministry issued a notice", "2020-11-20",
         ("Last November", "2019-11", "month", "", "", "point")),
        ("next March the city will open a college", "2021-05-01",
         ("next March", "2022-03", "month", "", "", "point")),
        ("next month the city will set up a group", "2021-12-10",
         ("next month", "2022-01", "month", "", "", "point")),
        ("下个月，该市将公布名单。", "2021-12-10",
         ("下个月", "2022-01", "month", "", "", "point")),
        # a weekday: approximate, anchored to a page date to the day
        ("The list was announced on Friday.", "2019-10-28",
         ("on Friday", "2019-10-25", "approx", "", "", "point")),
        ("上周五，双方举行签约仪式。", "2025-10-15",
         ("上周五", "2025-10-10", "approx", "", "", "point")),
        ("是次簽署儀式於上周五（10月10日）在VTC舉行", "2025-10-15",
         ("於上周五（10月10日）", "2025-10-10", "day", "", "", "point")),
        # the end of the year, halves, five-year plans
        ("by the end of the year, 50 bases will be built", "2021-05-01",
         ("by the end of the year", "2021", "year", "", "end", "target")),
        ("今年年底前，建成50个实训基地。", "2021-05-01",
         ("今年年底前", "2021", "year", "", "end", "target")),
        ("2021年上半年，该校启动改革。", "2022-01-01",
         ("2021年上半年", "2021-01", "month", "2021-06", "h1", "range")),
        ("今年下半年將舉辦大賽。", "2022-03-01",
         ("今年下半年", "2022-07", "month", "2022-12", "h2", "range")),
        ("In the first half of 2021, the college set up a centre", "2022-01-01",
         ("In the first half of 2021", "2021-01", "month", "2021-06", "h1", "range")),
        ("“十四五”期间，河南将持续深化产教融合。", "2022-03-01",
         ("“十四五”期间", "2021", "year", "2025", "", "period")),
        ("十三五以来，累计培养技能人才。", None,
         ("十三五以来", "2016", "year", "2020", "", "period")),
        ("During the 14th Five-Year Plan period, the province will build", None,
         ("During the 14th Five-Year Plan period", "2021", "year", "2025", "", "period")),
        # a day without a year: the latest one on or before the page, unless it is to come
        ("12月5日下午，学校召开签约仪式。", "2025-10-15",
         ("12月5日", "2024-12-05", "day", "", "", "point")),
        ("首场竞赛将于10月16、17日展开", "2025-09-12",
         ("于10月16、17日", "2025-10-16", "day", "2025-10-17", "", "range")),
        # a span of years said as such
        ("the group trained teachers in 2023-2025", None,
         ("in 2023-2025", "2023", "year", "2025", "", "range")),
        ("2023—2025年，全省将建设150个联合体。", None,
         ("2023—2025年", "2023", "year", "2025", "", "range")),
    ],
)  # fmt: skip
def test_more_date_forms(text, anchor, expected):
    assert resolved(text, anchor) == [expected]


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("For details call 400-1166-953 or 010-6609 3315.", "2021-05-26"),  # a phone number
        ("2022届顶岗实习学生共120人。", "2022-01-20"),  # a cohort year
        ("The 2024 cohort of freshmen arrived.", "2024-08-28"),
        ("教育部印发行动计划（2020—2023年）。", "2020-12-10"),  # a plan span in brackets
        ("the Action Plan (2020-2023) sets five goals", "2020-12-10"),
        ("在轻工大楼403会议室举行签约仪式。", "2022-01-20"),  # a room number
        ("the meeting was held in Room 1203", "2022-01-20"),
        ("118日,院长带领一行到访保税区", "2024-01-20"),  # 1月18日 garbled: refused
        ("2024年118日,院长带领一行到访保税区", "2024-01-20"),
        ("about 2023 will be built by the end of 50", "2021-05-26"),  # a "year" of 50
        ("每周五下午开展实训。", "2021-05-26"),  # a weekday with no 上/本/下
        ("“十四五”职业教育规划印发。", "2021-05-26"),  # the plan, not its period
        ("the 14th Five-Year Plan sets goals", "2021-05-26"),
    ],
)
def test_traps_are_not_dates(text, anchor):
    assert find_temporal_expressions(text, anchor=anchor) == []


def test_year_and_quality_words_follow_the_grammar():
    (found,) = find_temporal_expressions("2023年年底前建成50个联合体。", anchor="2023-05-08")
    assert (found.date, found.qualifier, found.role) == ("2023", "end", "target")


@pytest.mark.parametrize(
    ("text", "anchor", "reason"),
    [
        ("The list was announced on Friday.", None, "the page has no date"),
        ("The list was announced on Friday.", "2019-10", "the page date has no day"),
        ("上个月，该市公布名单。", "2022", "the page date has no month"),
        ("12月5日下午，学校召开签约仪式。", None, "give the page a date in the manifest"),
    ],
)
def test_an_unresolved_expression_says_why(text, anchor, reason):
    (found,) = find_temporal_expressions(text, anchor=anchor)
    assert found.date == "" and reason in found.undated


def test_a_bad_future_words_row_is_named(tmp_path):
    path = tmp_path / "future.csv"
    path.write_text("language,pattern,note\nen,(will,\n")
    with pytest.raises(ValueError, match=r"future.csv, row 2: .*Fix or remove"):
        load_future_words(path)


def test_a_sentence_may_hold_a_date_as_one_alternation_of_digit_and_words_says():
    """The pre-check looks for a digit first, then the rest: what ``\\d|rest`` says."""
    import re

    from iecorpus.temporal import _may_hold_a_date, _may_hold_any_date, load_date_grammar

    relative = load_date_grammar().relative
    rest = _may_hold_a_date(relative)
    both = re.compile(r"\d|" + rest.pattern, rest.flags)
    sentences = [
        "The college opened in 2021.",
        "The plan runs to the end of next year.",
        "Colleges and firms train technicians together.",
        "On Monday the ministry met employers.",
        "Since last September the pilots have grown.",
        "产教融合试点自二〇二一年起推进。",
        "去年以来，校企合作不断深化。",
        "校企合作不断深化。",
        "全面推进到２０２５年。",  # full-width digits are digits too
        "It takes time.",
        "",
    ]
    said = [_may_hold_any_date(s, relative) for s in sentences]
    assert said == [bool(both.search(s)) for s in sentences]
    assert said.count(False) >= 3 and said.count(True) >= 6


def test_a_pattern_skipped_for_lacking_its_literals_would_have_found_nothing(monkeypatch, tmp_path):
    """Each pattern runs only where a literal it needs stands; without that gate: the same."""
    from iecorpus import temporal
    from iecorpus.testing import write_corpus

    write_corpus(tmp_path, n_documents=60, languages=("en", "zh"), seed=11)
    texts = [p.read_text(encoding="utf-8", errors="ignore") for p in sorted(tmp_path.glob("*.txt"))]
    sentences = [line for text in texts for line in text.splitlines() if line.strip()]
    sentences += [
        "Last month, on Monday 3 June, the 14th Five-Year Plan (2021-2025) was recently reviewed.",
        "RECENTLY the college opened; NEXT YEAR it grows.",  # relative words ignore case
        "去年以来，自2021年3月起，近日，上周五召开会议。",
        "ſeptember is not a month name here, nor K.",  # case look-alikes: never gated
    ]
    anchor = "2024-05-20"
    gated = [resolved(s, anchor) for s in sentences]
    whole = temporal._patterns
    grammar = temporal.load_date_grammar()
    assert sum(needs is not None for *_, needs in whole(grammar.relative, grammar.cues)) >= 20

    def ungated(relative, cues):
        return [(p, kind, chinese, None) for p, kind, chinese, _ in whole(relative, cues)]

    monkeypatch.setattr(temporal, "_patterns", ungated)
    assert gated == [resolved(s, anchor) for s in sentences]
    assert sum(map(bool, gated)) > 20
