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
    tabulate_milestones,
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
    reason = "relative date and the page has no date: give the page a date in the manifest"
    events = EVENTS.assign(undated=["", "", reason])
    events.loc[2, "date"] = ""
    undated = select_undated_events(events)
    assert undated["event_id"].tolist() == ["E03"] and "undated" in undated
    text = describe_undated_events(undated)
    assert text.startswith("1 event has no date, so it is kept but not on the timeline")
    assert "relative date and the page has no date" in text
    assert "Give `c` a date in the manifest" in text
    assert describe_undated_events(select_undated_events(EVENTS)) == ""


@pytest.mark.parametrize(
    ("links", "link"),
    [
        (_links(), "co-mentioned"),  # no cue column: date order only, no evidence
        (_links(cue="to implement", matched_by="alias"), "follows"),
        (_links(cue="", matched_by="alias"), "co-mentioned"),  # follows without its cue
        (_links("co-mentioned", cue="", matched_by="alias"), "co-mentioned"),
        (_links("reports", cue=""), "reports"),
    ],
)
def test_a_link_follows_only_with_evidence(links, link):
    labelled = label_links(links)
    assert labelled["link"].iloc[0] == link
    assert labelled["link_label"].iloc[0].startswith(link.replace("reports", "reports it"))


def test_links_are_described_as_co_mentions_without_evidence():
    text = describe_links(label_links(_links(cue="", matched_by="alias")), EVENTS)
    assert "co-mentioned" in text and "follows it" not in text
    assert "**Measures** (2019-04-03)" in text and "dated 784 days after it" in text
    assert "784 days later" not in text  # two dates are not a lag
    evidence = describe_links(label_links(_links(cue="To implement", matched_by="alias")), EVENTS)
    assert "follows it (“To implement”, in the same sentence), 784 days later" in evidence
    assert "In 1 of them the event's sentence says it acts on the milestone" in evidence
    assert "No event is set against" in describe_links(label_links(_links().head(0)), EVENTS)


def test_follows_and_co_mentions_are_counted_apart_and_key_words_said():
    links = pd.concat(
        [
            _links(cue="贯彻落实", matched_by="key words"),
            _links("co-mentioned", cue="", matched_by="key words").assign(event_id="E04"),
        ]
    )
    text = describe_links(label_links(links), EVENTS)
    assert "in 2 links. In 1 of them the event's sentence says it acts on the milestone" in text
    assert "the other 1 is only named on the same page (`co-mentioned`)" in text
    assert "recognised by its key words" in text
    assert text.index("follows it") < text.index("co-mentioned (named")  # evidence first


def test_named_milestones_say_how_they_were_matched_and_what_dates_them():
    named = NAMED.assign(matched_by="key words", source_kind="secondary")
    text = describe_named_milestones(named, MILESTONES)
    assert "The Measures is recognised by key words, not by a name (`matched_by`)" in text
    assert "rest on a secondary source only (1); check a date from a secondary source" in text
    official = describe_named_milestones(NAMED.assign(source_kind="official"), MILESTONES)
    assert "rest on an official text (1)." in official and "key words" not in official


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


def test_score_in_words_kind_by_kind():
    columns = ["kind", "n_gold", "n_extracted", "n_matched", "precision", "recall"]
    columns += ["kind_agreement"]
    rows = [
        ("all", 5, 5, 4, 0.8, 0.8, 1.0),
        ("policy", 2, 2, 2, 1.0, 1.0, 1.0),
        ("program", 3, 3, 2, 0.667, 0.667, 1.0),
    ]
    text = describe_score(pd.DataFrame(rows, columns=columns))
    assert text.startswith("4 of the 5 hand-made events are found and 1 extracted event")
    assert "By kind: policy 2 of 2 (precision 1.0, recall 1.0) and program 2 of 3" in text
    assert "The weaker kind is program." in text


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


def test_the_reference_table_carries_its_sources_and_counts_the_mentions():
    milestones = MILESTONES.assign(
        document_no=["国办发〔2017〕95号", "发改社会〔2019〕590号", ""],
        source_kind=["state-media", "secondary", "official-en"],
        source_url=["http://a.example/1", "http://b.example/2", "https://c.example/3"],
    )
    table = tabulate_milestones(milestones, pd.concat([NAMED, NAMED.assign(doc_id="b")]))
    assert table.columns.tolist()[:7] == ["milestone_id", "date", "precision", "label"] + [
        "document_no",
        "source_kind",
        "source_url",
    ]
    row = table.set_index("milestone_id").loc["m2"]
    assert (row["document_no"], row["n_mentions"], row["n_documents"]) == (
        "发改社会〔2019〕590号",
        2,
        2,
    )
    assert table["date_note"].eq("").all()  # a column the reference lacks is empty
    assert tabulate_milestones(milestones, NAMED.head(0))["n_mentions"].eq(0).all()
