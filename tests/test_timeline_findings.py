"""Findings in words for the timeline: counts from the tables, "none" said, co-mention vs follows."""

import pandas as pd
import pytest

from iecorpus.timeline_findings import (
    describe_dates,
    describe_events,
    describe_links,
    describe_named_milestones,
    describe_score,
    describe_timeline,
    describe_undated_events,
    label_links,
    select_timeline_events,
    select_undated_events,
    summarize_timeline,
)

DOCUMENTS = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": ["2021-05-26", "", "2022-07-07"]})
EXPRESSIONS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b", "c"],
        "expression": ["On May 26", "In April 2020", "On March 23", "今年3月23日"],
        "date": ["2021-05-26", "2020-04", "", "2022-03-23"],
        "date_precision": ["day", "month", "", "day"],
        "qualifier": ["", "", "", ""],
        "anchored": [True, False, True, True],
    }
)


def _events(rows):
    columns = ["event_id", "date", "date_precision", "date_end", "qualifier", "kind", "lane"]
    columns += ["actor", "summary", "doc_id", "expression", "n_evidence", "doc_ids"]
    return pd.DataFrame(rows, columns=columns)


EVENTS = _events(
    [
        ("E01", "2019-10", "month", "", "", "policy", "national", "NDRC", "NDRC issued plan")
        + ("a", "In October 2019", 1, "a"),
        ("E02", "2021-05-26", "day", "", "", "program", "enterprise-college", "BEWG")
        + ("BEWG was selected", "a", "On May 26", 2, "a, c"),
        ("E03", "2025", "year", "", "", "target", "provincial-local", "", "bases built", "c")
        + ("by 2025", 1, "c"),
    ]
)
MILESTONES = pd.DataFrame(
    {
        "milestone_id": ["m1", "m2", "m3"],
        "date": ["2017-12-19", "2019-04-03", "2022-04-20"],
        "label": ["Opinions", "Measures", "Revised law"],
        "lane": ["national"] * 3,
    }
)
NAMED = pd.DataFrame(
    {
        "milestone_id": ["m2"],
        "milestone_date": ["2019-04-03"],
        "label": ["Measures"],
        "doc_id": ["a"],
    }
)


def _links(relation="follows", **extra):
    table = pd.DataFrame(
        {
            "event_id": ["E02"],
            "date": ["2021-05-26"],
            "date_precision": ["day"],
            "lane": ["enterprise-college"],
            "summary": ["BEWG was selected"],
            "milestone_id": ["m2"],
            "label": ["Measures"],
            "milestone_date": ["2019-04-03"],
            "cited_in": ["sentence"],
            "relation": [relation],
            "days_after": [784],
        }
    )
    return table.assign(**{k: [v] for k, v in extra.items()})


def test_dates_are_counted_and_the_undated_page_is_named_with_what_to_do():
    text = describe_dates(EXPRESSIONS, DOCUMENTS)
    assert text.startswith("The text holds 4 dates in all 3 documents")
    assert "2 of them need the page's own date" in text
    assert "“On May 26” in the page of 2021-05-26 becomes 2021-05-26" in text
    assert "1 date written without a year could not be resolved" in text
    assert "`b`" in text and "manifest" in text


@pytest.mark.parametrize("n_documents", [0, 1, 4])
def test_no_dates_is_said_in_words(n_documents):
    documents = (
        DOCUMENTS.head(0) if not n_documents else pd.concat([DOCUMENTS] * 2).head(n_documents)
    )
    text = describe_dates(EXPRESSIONS.head(0), documents)
    assert "no date" in text
    assert "None" not in text and "nan" not in text


def test_events_are_counted_by_kind_lane_and_actor():
    text = describe_events(EVENTS, DOCUMENTS)
    assert text.startswith("3 events in 2 of 3 documents, dated 2019-10 to 2025.")
    assert "1 event is a target" in text
    assert "BEWG (1 event)" in text
    assert "E02 is reported by more than one sentence" in text
    assert "illustration" in text  # three documents are few
    assert "No sentence" in describe_events(EVENTS.head(0), DOCUMENTS)


def test_undated_events_are_listed_with_what_to_do():
    events = EVENTS.assign(undated=["", "", ""])
    events.loc[2, "date"] = ""
    undated = select_undated_events(events)
    assert undated["event_id"].tolist() == ["E03"] and "undated" in undated
    assert "give" in describe_undated_events(undated).lower()
    assert describe_undated_events(select_undated_events(EVENTS)) == ""


@pytest.mark.parametrize(
    ("links", "link"),
    [
        (_links(), "co-mentioned"),  # date order only: no evidence
        (pd.concat([_links(), _links("co-mentioned")]), "follows"),  # the library tells them apart
        (_links(link_kind="text cue"), "follows"),
        (_links(link_kind="co-mentioned"), "co-mentioned"),
        (_links("reports"), "reports"),
    ],
)
def test_a_link_follows_only_with_evidence(links, link):
    assert label_links(links)["link"].iloc[0] == link


def test_links_are_described_as_co_mentions_without_evidence():
    text = describe_links(label_links(_links()), EVENTS)
    assert "co-mentioned" in text and "follows it" not in text
    assert "**Measures** (2019-04-03)" in text and "784 days later" in text
    evidence = describe_links(label_links(_links(link_kind="text cue")), EVENTS)
    assert "follows it" in evidence
    assert "No event is set against" in describe_links(label_links(_links().head(0)), EVENTS)


def test_named_milestones_say_which_are_not_named():
    text = describe_named_milestones(NAMED, MILESTONES, links=label_links(_links()))
    assert text.startswith("1 document names 1 of the 3 milestones in `data/milestones.csv`")
    assert "The other 2 milestones, from the Opinions (2017-12-19) to the Revised law" in text
    assert "No document names any of the 3 milestones" in describe_named_milestones(
        NAMED.head(0), MILESTONES
    )


def test_the_timeline_draws_dated_events_in_the_span_only():
    drawn = select_timeline_events(EVENTS, start="2019-01-01", end="2024-12-31")
    assert drawn["event_id"].tolist() == ["E01", "E02"]  # the target is left out
    assert select_timeline_events(EVENTS, start="2023-01-01", end="2024-12-31").empty
    text = describe_timeline(EVENTS, drawn, MILESTONES, NAMED, start="2019-01-01", end="2024-12-31")
    assert "The corpus's one local or enterprise event is dated 2021-05-26." in text
    assert "none of the later milestones of the reference: the Revised law (2022-04-20)" in text
    assert "Before the timeline's span: the **Opinions** (2017-12-19)." in text


@pytest.mark.parametrize(
    ("events", "reason"),
    [
        (EVENTS.head(0), "the corpus reports no event"),
        (EVENTS.assign(date=""), "no event has a date"),
        (EVENTS.tail(1), "its only dated events are targets"),
        (EVENTS.head(2), "no dated event falls in 2023-2024"),
    ],
)
def test_no_timeline_is_said_with_its_reason(events, reason):
    drawn = select_timeline_events(events, start="2023-01-01", end="2024-12-31")
    text = describe_timeline(events, drawn, MILESTONES, NAMED, start="2023-01-01", end="2024-12-31")
    assert text.startswith(f"There is no timeline to draw: {reason}")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ((9, 9, 9, 1.0, 1.0, 1.0), "All 9 hand-made events are found and nothing else is"),
        ((4, 3, 2, 0.667, 0.5, 0.5), "2 of the 4 hand-made events are found and 1 extracted"),
        ((3, 0, 0, 0.0, 0.0, 0.0), "no extracted events are not in the answer"),
    ],
)
def test_score_in_words(row, expected):
    columns = ["n_gold", "n_extracted", "n_matched", "precision", "recall", "kind_agreement"]
    text = describe_score(pd.DataFrame([row], columns=columns))
    assert expected in text


def test_summary_has_one_line_per_result():
    summary = summarize_timeline(
        expressions=EXPRESSIONS,
        documents=DOCUMENTS,
        events=EVENTS,
        score=None,
        named=NAMED,
        milestones=MILESTONES,
        links=label_links(_links()),
        drawn=select_timeline_events(EVENTS, start="2019-01-01", end="2024-12-31"),
    )
    assert "no hand-made answer" in summary
    assert "1 link between local or enterprise events and national milestones, 0 `follows`" in (
        summary
    )
    assert summary.count("\n- ") == 5
