"""Events are extracted with evidence, merged across documents, scored and drawn legibly."""

import csv
import random
import shutil
import warnings

import pandas as pd
import pytest

from iecorpus import load_corpus, paths
from iecorpus.events import (
    LANES,
    MILESTONE_COLUMNS,
    extract_events,
    find_event_mentions,
    find_milestone_mentions,
    find_milestones_in,
    find_milestones_outside,
    find_sentence_events,
    find_undated_events,
    link_events_to_milestones,
    load_cues,
    load_milestones,
    match_events,
    place_labels,
    plot_timeline,
    read_gold,
    score_events,
)
from iecorpus.temporal import find_temporal_expressions

REFERENCE = paths.PROJECT_ROOT.parent / "shared" / "reference" / "national_milestones.csv"


@pytest.fixture(scope="module")
def events(corpus):
    return extract_events(corpus)


@pytest.fixture(scope="module")
def zh_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("zh")
    for path in sorted(paths.EXAMPLE_TIMELINE_ZH_DIR.glob("zh_*.txt")):
        shutil.copy(path, folder / path.name)
    return load_corpus(folder)


def sentence_events(text, anchor):
    found = find_sentence_events(text, find_temporal_expressions(text, anchor=anchor))
    return [(e["expression"].date, e["kind"], e["lane"], e["actor"], e["summary"]) for e in found]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        (
            "In October 2019, six departments including the National Development and Reform "
            'Commission and the Ministry of Education jointly issued the "Pilot Implementation '
            'Plan for National Industry Education Integration Construction", pointing out that',
            "2024-04-16",
            ("2019-10", "policy", "national",
             "National Development and Reform Commission; Ministry of Education",
             "NDRC and MoE issued “Pilot Implementation Plan for National Industry Education "
             "Integration Construction”"),
        ),
        (
            "On July 6, Henan Energy Power and Materials Vocational Education Group officially unveiled.",
            "2022-07-07",
            ("2022-07-06", "program", "enterprise-college",
             "Henan Energy Power and Materials Vocational Education Group",
             "Henan Energy Power and Materials Vocational Education Group unveiled"),
        ),
        (
            "Since the end of December 2020 when BEWG was selected into the fourth batch of 1+X "
            "certificate pilot list, and the two 1+X certificates have been welcomed.",
            "2021-03-24",
            ("2020-12", "program", "enterprise-college", "BEWG",
             "BEWG selected into the fourth batch of 1+X certificate pilot list"),
        ),
        (
            "In 2021, the Lingang New Area released the \"Construction Plan for the National "
            "Industry Education Integration Pilot Core Area\", which clearly stated that",
            "2024-04-16",
            ("2021", "policy", "provincial-local", "Lingang New Area",
             "Lingang New Area released “Construction Plan for the National Industry Education "
             "Integration Pilot Core Area”"),
        ),
        (
            "今年3月23日，郑州市人民政府与郑州电力高等专科学校签署产教融合战略合作协议。",
            "2023-05-10",
            ("2023-03-23", "event", "provincial-local", "郑州市人民政府; 郑州电力高等专科学校",
             "郑州市人民政府与郑州电力高等专科学校签署产教融合战略合作协议"),
        ),
        (
            "新华社郑州5月8日电 记者从河南省教育厅获悉，为贯彻落实教育部办公厅《关于开展市域产教联合体建设的通知》，"
            "河南省教育厅近日印发《河南省市域产教联合体建设实施方案》，推动职业教育与产业协同发展。",
            "2023-05-08",
            ("2023-05-08", "policy", "provincial-local", "河南省教育厅",
             "河南省教育厅印发《河南省市域产教联合体建设实施方案》"),
        ),
        (
            "去年9月，教育部等九部門印發《職業教育提質培優行動計劃（2020—2023年）》，提出推動職業教育高質量發展。",
            "2021-04-13",
            ("2020-09", "policy", "national", "教育部",
             "教育部等九部門印發《職業教育提質培優行動計劃（2020—2023年）》"),
        ),
        (
            "新华社北京4月3日电 国家发展改革委、教育部印发《建设产教融合型企业实施办法（试行）》。",
            "2019-04-05",
            ("2019-04-03", "policy", "national", "国家发展改革委; 教育部",
             "国家发展改革委、教育部印发《建设产教融合型企业实施办法（试行）》"),
        ),
        (
            "by 2025 about 50 pilot cities will be built, the plan says.",
            "2023-06-13",
            ("2025", "target", "", "", "about 50 pilot cities will be built"),
        ),
    ],
)  # fmt: skip
def test_a_dated_sentence_becomes_an_event(text, anchor, expected):
    assert sentence_events(text, anchor) == [expected]


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        # a date without anything happening
        ("In April 2020, the weather in Beijing was mild.", "2021-05-26"),
        # a plan named for a year, and a year in a report's name
        ("Ji Guangpeng made a summary report on the 2021 plan of the 1+X certificate pilot work.",
         "2021-03-24"),
        ("He pointed out that according to the Research Frontiers 2020 Report, the technology "
         "will be an important research direction.", "2020-12-30"),
        # a verb inside a title is not a trigger
        ("In 2020, the “Measures Issued for Colleges” were discussed.", "2021-01-01"),
        # a duration and a planning period
        ("It has been 7 years since the cooperation in the “14th Five-Year Plan” began.",
         "2020-12-30"),
    ],
)  # fmt: skip
def test_not_every_date_is_an_event(text, anchor):
    assert sentence_events(text, anchor) == []


def test_a_year_in_a_meeting_name_does_not_make_a_second_event():
    found = sentence_events("1月4日，苏州市教育局召开2021年职业教育工作会议。", "2021-01-06")
    assert [date for date, *_ in found] == ["2021-01-04"]


def test_two_events_in_one_sentence_each_take_their_own_verb():
    text = (
        "2019年1月，国务院印发《国家职业教育改革实施方案》；2019年4月，教育部等四部门印发试点方案。"
    )
    found = sentence_events(text, "2020-01-01")
    assert [(d, a) for d, _, _, a, _ in found] == [("2019-01", "国务院"), ("2019-04", "教育部")]


def test_the_five_documents_meet_the_hand_made_answer(events):
    score = score_events(events, read_gold(paths.TIMELINE_GOLD)).iloc[0]
    assert score["precision"] >= 0.9, match_events(events, read_gold(paths.TIMELINE_GOLD))
    assert score["recall"] >= 0.9, match_events(events, read_gold(paths.TIMELINE_GOLD))


def test_the_chinese_documents_meet_their_hand_made_answer(zh_corpus):
    found = extract_events(zh_corpus)
    gold = read_gold(paths.TIMELINE_ZH_GOLD)
    score = score_events(found, gold).iloc[0]
    assert score["precision"] >= 0.9 and score["recall"] >= 0.9, match_events(found, gold)


def test_every_event_is_evidenced_verbatim_in_the_cleaned_text(corpus, zh_corpus):
    for c in (corpus, zh_corpus):
        texts = c.documents.set_index("doc_id")["text"]
        mentions = find_event_mentions(c)
        for m in mentions.itertuples():
            assert m.sentence in texts[m.doc_id]
            assert texts[m.doc_id][m.start : m.end] == m.expression
            assert m.expression in m.sentence


def test_page_furniture_never_becomes_an_event(events, zh_corpus):
    # 004's footer teaser "On July 1, the Provincial Department of Finance ..." and the
    # sidebar of the Henan page (2022年7月6日 ..., 今年6月1日 ...) were removed by the cleaner
    assert not events["sentence"].str.contains("Department of Finance").any()
    zh = extract_events(zh_corpus)
    assert not zh["sentence"].str.contains("职教集团揭牌成立|某市召开|某集團").any()
    assert "2023-06-01" not in set(zh["date"])


def test_the_same_event_in_two_documents_is_one_event_with_two_pieces_of_evidence(zh_corpus):
    found = extract_events(zh_corpus)
    conference = found[found["date"] == "2021-04-12"]
    assert len(conference) == 1
    assert conference.iloc[0]["n_evidence"] == 2
    assert set(conference.iloc[0]["doc_ids"].split(", ")) == {
        "zh_simplified_henan",
        "zh_traditional_conference",
    }
    assert conference.iloc[0]["date_end"] == "2021-04-13"
    # the first evidence is from the earlier page (2021-04-14, not 2023-05-10)
    assert conference.iloc[0]["doc_id"] == "zh_traditional_conference"


def test_targets_are_kept_apart_from_what_happened(zh_corpus):
    found = extract_events(zh_corpus)
    targets = found[found["kind"] == "target"]
    assert list(targets["date"]) == ["2023", "2025"]
    assert (found.loc[found["kind"] != "target", "date"] <= "2023-05-10").all()


def test_events_table_has_the_documented_columns(events):
    assert list(events.columns) == [
        "event_id", "date", "date_precision", "date_end", "qualifier", "kind", "lane", "actor",
        "summary", "doc_id", "sentence", "expression", "n_evidence", "doc_ids", "undated",
    ]  # fmt: skip
    assert list(events["date"]) == sorted(events["date"])
    assert set(events["lane"]) <= set(LANES)


def test_the_gold_file_quotes_the_cleaned_text(corpus):
    texts = corpus.documents.set_index("doc_id")["text"]
    gold = read_gold(paths.TIMELINE_GOLD)
    assert len(gold) == 9
    for row in gold.itertuples():
        assert row.sentence in texts[row.doc_id]


# ------------------------------------------------------------------ scoring rule


def table(rows, columns):
    return pd.DataFrame(rows, columns=columns)


@pytest.mark.parametrize(
    ("event", "gold", "matched"),
    [
        (("2021-05-26", "day"), ("2021-05-26", "day"), True),
        (("2021-05-26", "day"), ("2021-05", "month"), True),  # finer than the gold is fine
        (("2021-05", "month"), ("2021-05-26", "day"), False),  # coarser is not
        (("2021", "year"), ("2021", "year"), True),
        (("2020-12-30", "approx"), ("2020-12-30", "approx"), True),
        (("2021-05-27", "day"), ("2021-05-26", "day"), False),
        # an approximate date ("recently", 近日) matches inside its window, either way round
        (("2020-12-30", "day"), ("2020-12-30", "approx"), True),
        (("2020-12-01", "day"), ("2020-12-30", "approx"), True),
        (("2020-12", "month"), ("2020-12-30", "approx"), True),
        (("2020-10-01", "day"), ("2020-12-30", "approx"), False),  # long before
        (("2021-01-04", "day"), ("2020-12-30", "approx"), False),  # after the page
        (("2020", "year"), ("2020-12-30", "approx"), False),
        (("2020-12-30", "approx"), ("2020-12-18", "day"), True),
        (("2020-12-30", "approx"), ("2020-12", "month"), True),
        (("2020-12-30", "approx"), ("2021-01", "month"), False),
        (("2020-12-30", "approx"), ("2020-12-01", "approx"), True),
        (("", ""), ("2020-12-30", "approx"), False),  # an undated event matches nothing
    ],
)
def test_the_matching_rule(event, gold, matched):
    events = table(
        [("E1", *event, "a", "program", "x")],
        ["event_id", "date", "date_precision", "doc_ids", "kind", "summary"],
    )
    golds = table([("a", *gold, "program")], ["doc_id", "date", "date_precision", "kind"])
    score = score_events(events, golds).iloc[0]
    assert bool(score["n_matched"] == 1) is matched


def test_an_event_counts_once_per_document_reporting_it():
    events = table(
        [("E1", "2021-04-12", "day", "a, b", "event", "x")],
        ["event_id", "date", "date_precision", "doc_ids", "kind", "summary"],
    )
    golds = table(
        [("a", "2021-04-12", "day", "event"), ("c", "2021-04-12", "day", "event")],
        ["doc_id", "date", "date_precision", "kind"],
    )
    score = score_events(events, golds).iloc[0]
    assert (score["n_extracted"], score["n_matched"], score["precision"], score["recall"]) == (
        2, 1, 0.5, 0.5,
    )  # fmt: skip


def test_a_gold_file_without_dates_is_refused(tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text("doc_id,summary\na,b\n")
    with pytest.raises(ValueError, match="gold.csv: missing column.*date"):
        read_gold(path)
    path.write_text("doc_id,date,date_precision\na,2021,decade\n")
    with pytest.raises(ValueError, match="unknown date_precision decade; use day"):
        read_gold(path)


# ------------------------------------------------------------------ milestones


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("in accordance with the requirements of the National Development and Reform "
         "Commission's “Measures for the Implementation of Construction of "
         "Industry-Education-Integrated Enterprises (Trial)\", after", ["iei-enterprise-measures-2019"]),
        ("To thoroughly implement the requirements of the “National Vocational Education Reform "
         "Implementation Plan”", ["reform-plan-2019"]),
        ("jointly issued the \"Pilot Implementation Plan for National Industry Education "
         "Integration Construction\"", ["pilot-plan-2019"]),
        ("the “Pilot Program on Implementing the System of ‘Academic Certificate + Certain "
         "Vocational Skill Level Certificate’ in Vocational Colleges”", ["1x-pilot-2019"]),
        ("为贯彻落实教育部办公厅《关于开展市域产教联合体建设的通知》", ["consortia-notice-2023"]),
        ("全國職業教育大會在北京召開", ["conference-2021"]),
        # look-alikes are not the milestone
        ("the Lingang New Area released the \"Construction Plan for the National Industry "
         "Education Integration Pilot Core Area\"", []),
        ("the spirit of General Secretary Xi Jinping’s important speech at the National "
         "Education Conference", []),
        # the longer name wins
        ("the revised Vocational Education Law takes effect today", ["law-in-force-2022"]),
    ],
)  # fmt: skip
def test_national_milestones_are_recognised_by_name(text, ids):
    assert [m for m, _ in find_milestones_in(text, load_milestones())] == ids


def test_local_steps_are_set_against_the_national_step_they_cite(corpus):
    mentions = find_event_mentions(corpus)
    links = link_events_to_milestones(mentions, find_milestone_mentions(corpus))
    links = links.merge(mentions[["event_id", "doc_id"]], on="event_id")
    selected = links[links["doc_id"].str.startswith("000") & (links["date"] == "2021-05-26")]
    columns = ["milestone_id", "cited_in", "relation", "days_after", "cue"]
    assert selected[columns].values.tolist() == [
        ["iei-enterprise-measures-2019", "sentence", "follows", 784, "in accordance with"]
    ]
    plan = links[links["milestone_id"] == "pilot-plan-2019"].set_index("date")
    assert plan.loc["2019-10", "relation"] == "reports"  # 003 reports the plan itself
    # 003 names the plan in the paragraph of the 2021 step, but never says the step follows it
    assert plan.loc["2021", ["cited_in", "relation"]].tolist() == ["paragraph", "co-mentioned"]


def test_milestones_keep_the_reference_and_its_sources():
    milestones = load_milestones()
    assert milestones["source_url"].str.len().gt(0).all()
    assert milestones["milestone_id"].is_unique
    assert set(milestones["lane"]) <= set(LANES)
    assert milestones["aliases"].str.len().gt(0).all()
    assert milestones["label"].str.len().le(60).all()
    if REFERENCE.is_file():
        with REFERENCE.open(encoding="utf-8") as handle:
            reference = list(csv.DictReader(handle))
        kept = milestones[list(reference[0])].to_dict("records")
        assert kept == reference


def test_a_broken_milestones_file_says_what_to_fix(tmp_path):
    path = tmp_path / "milestones.csv"
    path.write_text("date,name_en\n2019-01-24,Plan\n")
    with pytest.raises(ValueError, match="milestones.csv: missing column.*copy the header"):
        load_milestones(path)
    good = load_milestones().head(2).copy()
    good.loc[1, "date"] = "2019-13-01"
    good.to_csv(path, index=False)
    with pytest.raises(ValueError, match=r"row 3: date '2019-13-01'.*write YYYY-MM-DD"):
        load_milestones(path)


def test_a_broken_cue_file_names_the_row(tmp_path):
    shutil.copytree(paths.DATA_DIR / "events", tmp_path, dirs_exist_ok=True)
    with (tmp_path / "actors.csv").open("a", encoding="utf-8") as handle:
        handle.write("en,Ministry of Fun,,,ministry,\n")
    with pytest.raises(ValueError, match=r"actors.csv, row \d+: lane 'ministry' is not one of"):
        load_cues(tmp_path)
    shutil.copy(paths.DATA_DIR / "events" / "actors.csv", tmp_path / "actors.csv")
    with (tmp_path / "triggers.csv").open("a", encoding="utf-8") as handle:
        handle.write("en,(issued,policy,issued,\n")
    with pytest.raises(ValueError, match=r"triggers.csv, row \d+: the pattern .* Fix or remove"):
        load_cues(tmp_path)


# ------------------------------------------------------------------ the figure


def test_place_labels_never_overlaps_two_labels():
    rng = random.Random(4)
    positions = [rng.uniform(0, 10) for _ in range(60)]
    widths = [rng.uniform(0.5, 3) for _ in range(60)]
    placed = place_labels(positions, widths, right_edge=10, gap=0.05)
    spans = []
    for x, w, (row, align) in zip(positions, widths, placed, strict=True):
        spans.append((row, x if align == "left" else x - w, x + w if align == "left" else x))
        assert align == "left" or x + w > 10
    for i, (row, a, b) in enumerate(spans):
        for row2, c, d in spans[i + 1 :]:
            assert row != row2 or b + 0.05 <= c or d + 0.05 <= a


def label_boxes(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [
        (t.get_text(), t.get_window_extent(renderer))
        for ax in fig.axes
        for t in ax.texts
        if t.get_gid() == "timeline-label"
    ]


def test_the_timeline_labels_do_not_overlap(events):
    fig = plot_timeline(events)
    boxes = label_boxes(fig)
    assert len(boxes) == len(events) + 26  # every event, and the 26 milestones of 2019-2024
    for i, (text, box) in enumerate(boxes):
        for other, box2 in boxes[i + 1 :]:
            assert not box.overlaps(box2), (text, other)
    lanes = [label.get_text() for label in fig.axes[0].get_yticklabels()]
    assert lanes == ["National policy", "Provincial and local", "Enterprises and colleges"]


def _one_event(date, precision, date_end="", kind="program"):
    columns = ["event_id", "date", "date_precision", "date_end", "qualifier", "kind", "lane"]
    row = ("E01", date, precision, date_end, "", kind, "provincial-local")
    return pd.DataFrame([row], columns=columns).assign(summary="plan issued", n_evidence=1)


def _drawn(fig, color="#2e8b3d"):
    """The bars (first and last x as dates) and the dots of one colour on the timeline."""
    import matplotlib.dates as mdates
    from matplotlib.colors import to_hex

    ax = fig.axes[0]
    bars = [
        [mdates.num2date(x).date().isoformat() for x in seg[:, 0]]
        for coll in ax.collections
        if coll.get_linewidth()[0] == 5 and to_hex(coll.get_color()[0]) == color
        for seg in coll.get_segments()
    ]
    dots = [
        line.get_xdata()[0]
        for line in ax.lines
        if line.get_marker() in ("o", "D") and to_hex(line.get_color()) == color
    ]
    return bars, dots


NO_MILESTONES = pd.DataFrame(columns=MILESTONE_COLUMNS)


@pytest.mark.parametrize(
    ("date", "precision", "date_end", "span"),
    [
        ("2021", "year", "", ["2021-01-01", "2022-01-01"]),  # the year, not mid-year
        ("2020-12", "month", "", ["2020-12-01", "2021-01-01"]),
        ("2023", "year", "2025", ["2023-01-01", "2024-12-31"]),  # a range to its last year
        ("2021-04-12", "day", "2021-04-13", ["2021-04-12", "2021-04-14"]),
        ("2018", "year", "", ["2019-01-01", "2019-01-01"]),  # cut at the start of the axis
    ],
)
def test_a_month_or_year_is_drawn_as_its_span_not_a_point(date, precision, date_end, span):
    fig = plot_timeline(_one_event(date, precision, date_end), NO_MILESTONES, end="2024-12-31")
    bars, dots = _drawn(fig)
    if date == "2018":
        assert bars == [] and dots == []  # wholly before the axis: left out
        return
    assert bars == [span] and dots == []


def test_a_day_is_a_dot_and_the_year_of_a_milestone_its_bar():
    fig = plot_timeline(_one_event("2021-05-26", "day"), NO_MILESTONES)
    assert _drawn(fig)[0] == [] and len(_drawn(fig)[1]) == 1
    year = pd.DataFrame([dict.fromkeys(MILESTONE_COLUMNS, "")]).assign(
        milestone_id="m", date="2021", precision="year", lane="national", label="A plan"
    )
    bars, dots = _drawn(plot_timeline(_one_event("2021-05-26", "day"), year), "#8c8c8c")
    assert bars == [["2021-01-01", "2022-01-01"]] and dots == []


def test_milestones_outside_the_figure_are_named_in_its_title():
    milestones = load_milestones()
    outside = find_milestones_outside(milestones, start="2019-01-01", end="2024-12-31")
    assert outside["side"].tolist() == ["before"] * len(outside) and len(outside) >= 2
    assert outside["date"].str[:4].isin(["2017", "2018"]).all()
    fig = plot_timeline(_one_event("2021", "year"), milestones, start="2019-01-01")
    title = fig.axes[0].get_title(loc="left")
    assert f"Not shown: {len(outside)} milestones before 2019" in title
    assert outside["label"].iloc[0] in title.replace("\n", " ")
    first = milestones["date"].min()[:4]
    fig = plot_timeline(_one_event("2021", "year"), milestones, start=f"{first}-01-01")
    assert "Not shown" not in fig.axes[0].get_title(loc="left")
    assert find_milestones_outside(milestones, start=f"{first}-01-01", end="2024-12-31").empty


def test_links_are_drawn_follows_apart_from_co_mentions(corpus, events):
    milestones = load_milestones()
    mentions = find_event_mentions(corpus, milestones=milestones)
    links = link_events_to_milestones(mentions, find_milestone_mentions(corpus, milestones))
    fig = plot_timeline(events, milestones, start="2017-01-01", links=links)
    drawn = [t.get_gid() for t in fig.axes[0].texts if str(t.get_gid()).startswith("timeline-link")]
    follows = links[(links["relation"] == "follows") & (links["cue"] != "")]
    assert drawn.count("timeline-link-follows") == len(follows) > 0
    near = (links["relation"] == "co-mentioned") & (links["cited_in"] != "document")
    assert drawn.count("timeline-link-co-mentioned") == near.sum() > 0
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "follows (the text says so)" in legend and "co-mentioned only" in legend
    without_cue = links.assign(cue="")  # a follows without its cue is only a co-mention
    fig = plot_timeline(events, milestones, start="2017-01-01", links=without_cue)
    assert not [t for t in fig.axes[0].texts if t.get_gid() == "timeline-link-follows"]
    assert len(label_boxes(fig)) == len(label_boxes(plot_timeline(events, milestones))) + 2


def test_the_timeline_renders_chinese_labels(zh_corpus):
    found = extract_events(zh_corpus)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = plot_timeline(found, pd.DataFrame(columns=load_milestones().columns))
        texts = [text for text, _ in label_boxes(fig)]
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert any("全国职业教育大会" in t or "全國職業教育大會" in t for t in texts)
    assert not any("2025" in t for t in texts)  # targets are left out of the timeline


def test_a_large_corpus_draws_the_best_attested_events_and_says_so():
    import pandas as pd

    from iecorpus import load_corpus
    from iecorpus.events import extract_events, plot_timeline

    real = extract_events(load_corpus())
    copies = [real.assign(summary=real["summary"] + f" ({n})", n_evidence=1) for n in range(25)]
    events = pd.concat(copies, ignore_index=True)
    fig = plot_timeline(events, max_events=20)
    assert f"20 of {len(events)} events" in fig.axes[0].get_title(loc="left")
    assert fig.get_size_inches()[1] < 20


def test_scores_are_given_kind_by_kind():
    events = table(
        [
            ("E1", "2021-04-12", "day", "a", "event", "x"),
            ("E2", "2021-05", "month", "a", "policy", "y"),
            ("E3", "2021", "year", "b", "policy", "z"),
        ],
        ["event_id", "date", "date_precision", "doc_ids", "kind", "summary"],
    )
    golds = table(
        [("a", "2021-04-12", "day", "event"), ("a", "2021-05-20", "approx", "policy")]
        + [("b", "2021-06", "month", "program")],
        ["doc_id", "date", "date_precision", "kind"],
    )
    score = score_events(events, golds).set_index("kind")
    assert score.index.tolist() == ["all", "policy", "program", "event"]
    assert score.loc["all", ["n_gold", "n_extracted", "n_matched"]].tolist() == [3, 3, 2]
    assert score.loc["policy", ["recall", "precision"]].tolist() == [1.0, 0.5]
    assert score.loc["program", ["recall", "n_extracted"]].tolist() == [0.0, 0]
    assert score.loc["event", ["recall", "precision"]].tolist() == [1.0, 1.0]


# ------------------------------------------------------------------ real-page kinds


def page_corpus(*docs):
    """A corpus of generated pages: (doc_id, date, text) with paragraphs split by blank lines."""
    from iecorpus.corpus import corpus_from_texts

    rows = [{"doc_id": d, "date": date, "title": "", "text": text} for d, date, text in docs]
    return corpus_from_texts(pd.DataFrame(rows))


@pytest.mark.parametrize(
    ("text", "anchor", "date", "kind", "summary"),
    [
        # passive and nominal English: the headline is active
        ("On 20 Apr. 2022, the Standing Committee of the National People’s Congress voted to "
         "adopt a revision of the Vocational Education Law.", "2022-05-23",
         "2022-04-20", "policy", "NPC Standing Committee adopted revision of the Vocational Education Law"),
        ("The revised Vocational Education Law, which took effect on 1 May 2022, sets rules.",
         "2022-05-23", "2022-05-01", "policy", "Vocational Education Law took effect"),
        ("In September 2024, the Uzbekistan Luban Workshop was inaugurated at Tianjin Maritime "
         "College.", "2025-01-22", "2024-09", "program",
         "Uzbekistan Luban Workshop inaugurated at Tianjin Maritime College"),
        ("Officials spoke at a press conference held by the MOE on May 10.", "2019-05-10",
         "2019-05-10", "event", "MoE held press conference"),
        ("On March 15th, Li Ming, head of the city bureau, visited our school for an exchange.",
         "2024-03-15", "2024-03-15", "event", "Li Ming visited our school for an exchange"),
        ("On June 3, the two companies signed a cooperation agreement.", "2023-06-05",
         "2023-06-03", "event", "two companies signed cooperation agreement"),
        ("In March 2023, the province launched the selection of model bases.", "2023-06-05",
         "2023-03", "program", "province unveiled selection of model bases"),
        ("On May 12, the rules came into force across the country.", "2023-06-05",
         "2023-05-12", "policy", "rules took effect across the country"),
        # Chinese, simplified and traditional: verbs and the clause a verb alone stands in
        ("十三届全国人大常委会第三十四次会议4月20日表决通过新修订的职业教育法，2022年5月1日起施行。",
         "2022-04", "2022-05-01", "policy", "新修订的职业教育法施行"),
        ("9月27日上午，中炬集团与德成技工学校战略合作项目签约暨揭牌仪式隆重举行。", "2025-10-10",
         "2025-09-27", "event", "中炬集团与德成技工学校战略合作项目签约暨揭牌仪式隆重举行"),
        ("日前虎尾科大與友嘉集團簽訂策略聯盟合作意向書。", "2025-09-12",
         "2025-09-12", "event", "虎尾科大與友嘉集團簽訂策略聯盟合作意向書"),
        ("2023年11月，该校被认定为省级产教融合实训基地。", "2024-01-01",
         "2023-11", "program", "该校被认定为省级产教融合实训基地"),
    ],
)  # fmt: skip
def test_triggers_and_headlines_on_page_sentences(text, anchor, date, kind, summary):
    found = sentence_events(text, anchor)
    assert [(f[0], f[1], f[4]) for f in found][-1] == (date, kind, summary)


@pytest.mark.parametrize(
    "text",
    [
        "通过校企合作，2023年学校培养了一批人才。",  # 通过 alone is "through"
        "2023年，学校深入实施产教融合工程。",  # 实施 alone is "carry out"
        "The 2024 cohort of freshmen issue a newsletter.",  # a cohort year needs a preposition
        "Call 400-1166-953 on weekdays to sign up.",  # a phone number and no date
        "2022届学生在403会议室举行座谈。",  # a cohort year and a room number
    ],
)
def test_traps_make_no_event(text):
    assert sentence_events(text, "2023-06-05") == []


def test_a_dateline_dates_the_lead_that_follows_it():
    corpus = page_corpus(
        ("wire", "2019-05-06", "BEIJING, May 3 (Xinhua) --\n\nA notice jointly issued by three "
         "ministries was released to promote vocational colleges.")
    )  # fmt: skip
    mentions = find_event_mentions(corpus)
    assert mentions[["date", "date_precision", "expression"]].values.tolist() == [
        ["2019-05-03", "approx", "BEIJING, May 3 (Xinhua)"]
    ]
    row = mentions.iloc[0]
    assert corpus.documents["text"][0][row["start"] : row["end"]] == row["expression"]


def test_a_date_glued_before_a_dateline_is_furniture():
    corpus = page_corpus(
        ("hk", "2025-10-15", "date 2025-10-15 中评社北京10月15日电／职业训练局与康业服务有限公司签署"
         "合作备忘录。\n\n是次签署仪式于上周五（10月10日）在VTC举行。")
    )  # fmt: skip
    events = extract_events(corpus)
    # the lead (dated by its dateline) joins the exact date the page gives further down
    assert events[["date", "date_precision", "n_evidence"]].values.tolist() == [
        ["2025-10-10", "day", 2]
    ]


def test_undated_pages_keep_their_events_and_say_why():
    corpus = page_corpus(
        ("nodate", "", "12月5日下午，学校召开校企合作签约仪式。\n\n近日，学院与企业签订合作协议。"),
        ("dated", "2021-03-01", "2021年2月3日，学院举行开学典礼。"),
    )
    events = extract_events(corpus)
    assert events["date"].tolist() == ["2021-02-03", "", ""]  # undated events come last
    undated = find_undated_events(events)
    assert undated["doc_id"].tolist() == ["nodate", "nodate"]
    assert undated["expression"].tolist() == ["12月5日", "近日"]
    assert undated["undated"].str.contains("give the page a date in the manifest").all()
    plot_timeline(events)  # an undated event has no place on the axis, and breaks nothing


def test_a_teaser_for_a_later_story_is_not_an_event_of_the_page():
    corpus = page_corpus(
        ("law", "2022-05-23", "On 20 Apr. 2022, the NPC adopted a revised law.\n\n"
         "In April 2024, the Supreme People's Court released five typical cases.\n\n"
         "On June 10, the group will hold its first council.")
    )  # fmt: skip
    assert extract_events(corpus)["date"].tolist() == ["2022-04-20", "2022-06-10"]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        # names a translation garbles: the milestone's key words
        ("the Ministry of Education held a press conference to introduce the “Opinions on "
         "Deepening the Reform of Modern Vocational Education System Construction”",
         ["opinions-2022"]),
        ("the Implementation Plan for the Action of Empowering and Improving the Integration of "
         "Production and Education in Vocational Education (2023-2025)", ["empowerment-plan-2023"]),
        ("the Notice on Carrying out the Construction of City-level Industry-Education Consortia",
         ["consortia-notice-2023"]),
        ("as part of the Implementation plan on National Vocational Education Reform",
         ["reform-plan-2019"]),
        ("教育部办公厅关于加强市域产教联合体建设的通知", ["consortia-strengthen-2024"]),
        # look-alikes: a key word missing, or one that must not be there
        ("the Notice on the First Batch of Municipal Industry-Education Consortia",
         ["consortia-list-2023"]),  # not the notice launching them: no "carry out"
        ("the National Industry Education Integration Pilot Core Area implementation plan for "
         "construction", []),
    ],
)  # fmt: skip
def test_milestones_are_recognised_by_their_key_words(text, ids):
    assert [m for m, _ in find_milestones_in(text, load_milestones())] == ids


@pytest.mark.parametrize(
    ("text", "relation", "cue"),
    [
        ("To implement the National Vocational Education Reform Implementation Plan, the city "
         "issued rules on May 5, 2021.", "follows", "To implement"),
        ("为贯彻落实《国家职业教育改革实施方案》，2021年5月5日，该市印发细则。", "follows", "贯彻落实"),
        ("根據《國家職業教育改革實施方案》，2021年5月5日，該市印發細則。", "follows", "根據"),
        ("On May 5, 2021, the city issued rules and praised the National Vocational Education "
         "Reform Implementation Plan.", "co-mentioned", ""),
        ("2021年5月5日，该市印发细则，并介绍了《国家职业教育改革实施方案》。", "co-mentioned", ""),
    ],
)  # fmt: skip
def test_an_event_follows_a_milestone_only_where_the_text_says_so(text, relation, cue):
    corpus = page_corpus(("p", "2021-05-06", text))
    mentions = find_event_mentions(corpus)
    links = link_events_to_milestones(mentions, find_milestone_mentions(corpus))
    row = links[links["milestone_id"] == "reform-plan-2019"].iloc[0]
    assert (row["relation"], row["cue"], row["matched_by"]) == (relation, cue, "alias")


def test_milestone_mentions_say_how_they_were_matched_and_their_source_kind(corpus):
    named = find_milestone_mentions(corpus)
    assert set(named["matched_by"]) <= {"alias", "key words"}
    assert set(named["source_kind"]) <= {"official", "official-en", "state-media", "secondary"}


@pytest.mark.parametrize(
    "text",
    [
        "「十四五」時期，該校已連續5年舉辦校企合作論壇。",
        "During the 14th Five-Year Plan period, the city held 12 job fairs.",
    ],
)
def test_a_five_year_plan_period_dates_no_event(text):
    assert sentence_events(text, "2023-06-05") == []


def test_a_chinese_dateline_alone_dates_the_lead_and_a_law_in_force_after_the_page_stays():
    corpus = page_corpus(
        ("xh", "2022-04-21", "新华社北京4月20日电\n\n全国人大常委会表决通过新修订的职业教育法，"
         "2022年5月1日起施行。")
    )  # fmt: skip
    mentions = find_event_mentions(corpus)
    assert mentions[["date", "date_precision", "trigger", "summary"]].values.tolist() == [
        ["2022-04-20", "approx", "表决通过", "全国人大常委会表决通过新修订的职业教育法"],
        ["2022-05-01", "day", "施行", "新修订的职业教育法施行"],
    ]


def test_a_cue_in_another_sentence_does_not_make_an_event_follow():
    corpus = page_corpus(
        ("p", "2021-03-01", "2021年2月3日，学院举行开学典礼。为贯彻落实《国家职业教育改革实施方案》，"
         "2021年2月20日，该市印发细则。")
    )  # fmt: skip
    links = link_events_to_milestones(find_event_mentions(corpus), find_milestone_mentions(corpus))
    assert links[["date", "cited_in", "relation"]].values.tolist() == [
        ["2021-02-03", "paragraph", "co-mentioned"],
        ["2021-02-20", "sentence", "follows"],
    ]


def test_a_cue_skipped_for_lacking_its_literals_would_have_matched_nothing(tmp_path):
    """Each trigger and actor is searched for only where a literal it needs stands."""
    import dataclasses

    from iecorpus.testing import write_corpus

    cues = load_cues()
    assert sum(c.needs is not None for c in cues.triggers + cues.actors) >= 20
    ungated = type(cues)(
        tuple(dataclasses.replace(c, needs=None) for c in cues.triggers),
        tuple(dataclasses.replace(c, needs=None) for c in cues.actors),
    )
    write_corpus(tmp_path, n_documents=60, languages=("en", "zh"), seed=13)
    texts = [p.read_text(encoding="utf-8", errors="ignore") for p in sorted(tmp_path.glob("*.txt"))]
    sentences = [line for text in texts for line in text.splitlines() if line.strip()]
    sentences += [
        "On 3 June 2024 the MINISTRY OF EDUCATION LAUNCHED a pilot with colleges.",
        "2021年3月，教育部印發通知，啟動產教融合試點。",
        "In ſeptember 2023 the K-12 council issued rules.",  # case look-alikes: never gated
    ]
    found = 0
    for sentence in sentences:
        expressions = find_temporal_expressions(sentence, anchor="2024-05-20")
        gated = find_sentence_events(sentence, expressions, cues=cues)
        assert gated == find_sentence_events(sentence, expressions, cues=ungated), sentence
        found += bool(gated)
    assert found >= 10
