"""The explorers, driven as a person would: set a control, read ``.result``, no browser."""

import asyncio
import re
import shutil

import pandas as pd
import pytest

from iecorpus import explore, load_corpus, paths
from iecorpus.corpus import Corpus
from iecorpus.events import EVENT_COLUMNS, extract_events, find_event_mentions
from iecorpus.terms import compute_trends, concordance
from iecorpus.topics import best_passages, fit_topics, topic_prevalence

TABLES = ("documents", "paragraphs", "sentences", "removed", "problems")
KWIC = ["doc_id", "date", "sentence", "left", "match", "concept", "right", "start", "end"]
# Markup an attacker could put in a scraped page; none of it may reach the HTML unescaped.
HOSTILE = '<script>alert("x")</script> and <img src=x onerror=alert(1)> in 产教融合 text'
RAW_MARKUP = re.compile(r"<\s*(script|img)\b", re.IGNORECASE)


def join(*corpora):
    """One corpus of several loaded ones."""
    return Corpus(*(pd.concat([getattr(c, t) for c in corpora], ignore_index=True) for t in TABLES))


def snippets(*texts, title="", language="en"):
    """A corpus of uncleaned snippets, one document each, dated 2021 to 2021 + n."""
    documents = pd.DataFrame(
        {
            "doc_id": [f"d{k}" for k in range(len(texts))],
            "title": title,
            "date": [f"{2021 + k}-05-26" for k in range(len(texts))],
            "language": language,
            "source": "",
            "text": list(texts),
        }
    )
    empty = pd.DataFrame()
    return Corpus(documents, empty, empty, empty, empty)


def shown(explorer):
    """Every piece of HTML the explorer shows: its live views and its static snapshot."""
    found = [explorer.snapshot()]
    stack = list(explorer.children)
    while stack:
        widget = stack.pop()
        if hasattr(widget, "children"):
            stack.extend(widget.children)
        elif widget.__class__.__name__ == "HTML":
            found.append(widget.value)
    return "\n".join(found)


@pytest.fixture(scope="module")
def english():
    return load_corpus()


@pytest.fixture(scope="module")
def corpus(english):
    """The five English pages and a Chinese rendering of 000, simplified and traditional."""
    return join(english, load_corpus(paths.EXAMPLE_ZH_DIR))


@pytest.fixture
def explorer(corpus):
    return explore.concordance(corpus)


# ---------------------------------------------------------------------------- concordance


@pytest.mark.parametrize(
    ("query", "n_lines", "n_documents", "in_every_match"),
    [
        ("1+X", 28, 4, ""),  # the concept: 26 English lines and 1+X证书 in both Chinese pages
        # traditional: the concept, in English and Chinese alike, and the string inside
        # longer terms of other concepts (產教融合型企業: 12 lines)
        ("產教融合", 91, 7, ""),
        ("integration of production and education", 79, 7, ""),  # any rendering
        ("school-enterprise cooperation", 27, 7, ""),
        ("talent", 49, 5, "talent"),  # a word, and its plural
        ("vocational education", 38, 4, "vocational"),
        ("北控水务", 16, 2, ""),  # simplified finds the traditional page's 北控水務 too
        ("(", 3, 2, "("),  # regex metacharacters are literal
        ("?", 2, 1, "?"),
        (".*", 0, 0, ""),
        ("[", 0, 0, ""),
    ],
)
def test_query_finds_its_lines_in_both_languages(
    explorer, query, n_lines, n_documents, in_every_match
):
    explorer.query.value = query
    assert explorer.n_matches == len(explorer.result) == n_lines
    assert len(explorer.by_document) == n_documents
    assert explorer.by_document["hits"].sum() == n_lines
    assert all(in_every_match in m.lower() for m in explorer.result["match"])


def test_lines_are_those_of_terms_concordance(corpus, explorer):
    explorer.query.value = "talent"
    expected = concordance(corpus, "talent", width=explore.WIDTH)
    pd.testing.assert_frame_equal(explorer.result[KWIC], expected[KWIC])


def test_a_concept_finds_every_rendering_in_both_scripts(explorer):
    explorer.query.value = "industry_education_integration"
    forms = set(explorer.result["match"].str.lower().str.replace(r"\s+", " ", regex=True))
    assert {
        "integration of industry and education",
        "industry-education integration",
        "integration of production and education",
        "产教融合",
        "產教融合",
    } <= forms
    assert "in every rendering" in explorer.message
    assert "all its renderings" not in explorer.message  # the string typed is found too


def test_each_line_says_which_concept_holds_it(explorer):
    explorer.query.value = "產教融合"
    held = explorer.result["concept"].value_counts()
    assert held["industry_education_integration"] == 79
    assert held.drop("industry_education_integration").sum() == 12  # inside other concepts
    assert held["integrated_enterprise"] == 10  # 產教融合 inside 產教融合型企業
    assert "wherever it occurs" in explorer.message
    assert '<span class="concept">integrated_enterprise</span>' in shown(explorer)


def test_a_plain_word_shows_the_concept_it_lies_in(explorer):
    explorer.query.value = "integration"
    held = set(explorer.result["concept"])
    assert {"", "industry_education_integration"} <= held
    assert "concept" not in explorer.message


def test_concept_only_keeps_the_concepts_own_mentions(corpus):
    explorer = explore.concordance(corpus, query="產教融合")
    assert explorer.n_matches == 91
    explorer.concept_only.value = True
    assert explorer.n_matches == 79
    assert set(explorer.result["concept"]) == {"industry_education_integration"}
    assert "its own mentions" in explorer.message and "wherever" not in explorer.message
    expected = concordance(corpus, "產教融合", width=explore.WIDTH, concept_only=True)
    pd.testing.assert_frame_equal(explorer.result[KWIC], expected[KWIC])
    opened = explore.concordance(corpus, query="產教融合", concept_only=True)
    assert opened.concept_only.value and opened.n_matches == 79


def test_literal_takes_the_characters_as_typed(explorer):
    explorer.query.value = "1+X"
    concept_lines = len(explorer.result)
    explorer.literal.value = True
    assert 0 < len(explorer.result) < concept_lines
    assert all("1+X" in m for m in explorer.result["match"])
    assert "concept" not in explorer.message


@pytest.mark.parametrize("query", ["zzz-no-such-word", "量子计算", "1+Y"])
def test_no_hits_is_a_clear_message_and_an_empty_table(explorer, query):
    explorer.query.value = query
    assert explorer.result.empty
    assert list(explorer.result.columns) == list(
        explore.ConcordanceExplorer(
            snippets("x"), query="", literal=False, width=45, page_size=10, delay=0
        ).result.columns
    )
    assert explorer.by_document.empty and explorer.n_matches == 0
    assert explorer.message.startswith("No matches for")
    assert "try another spelling" in explorer.message
    assert "<details>" not in shown(explorer)


@pytest.mark.parametrize("query", ["", "   ", "-", "“”"])
def test_an_empty_query_asks_for_one(explorer, query):
    explorer.query.value = query
    assert explorer.result.empty
    assert explorer.message.startswith("Type a word")


def test_filters_narrow_the_lines(corpus, explorer):
    explorer.query.value = "产教融合"
    explorer.language.value = "zh"
    assert set(explorer.result["language"]) == {"zh"}
    assert explorer.n_matches == 36 and "Chinese only" in explorer.message
    explorer.language.value = "all"
    explorer.years.value = (2022, 2024)
    assert set(explorer.result["date"].str[:4]) <= {"2022", "2023", "2024"}
    assert "2022-2024" in explorer.message
    explorer.years.value = (explorer.years.min, explorer.years.max)
    henan = corpus.documents["doc_id"].iloc[4]
    explorer.documents.value = (henan,)
    assert set(explorer.result["doc_id"]) == {henan}
    explorer.language.value = "zh"
    assert explorer.result.empty
    assert explorer.message.endswith("widen the filters.")


def test_a_line_opens_on_its_whole_paragraph(corpus, explorer):
    explorer.query.value = "academician"
    line = explorer.result.iloc[0]
    paragraphs = corpus.paragraphs.set_index(["doc_id", "paragraph"])
    paragraph = paragraphs.loc[(line["doc_id"], line["paragraph"]), "text"]
    assert line["match"] in paragraph
    html = shown(explorer)
    assert html.count("<details>") >= 2 * len(explorer.result)  # live view and snapshot
    start, end = paragraph.split(line["match"])[0][-40:], paragraph[-40:]
    assert start in html.replace("&#x27;", "'") and end in html.replace("&#x27;", "'")


def test_pages_cover_every_line_once_and_a_new_query_starts_at_page_one(corpus):
    explorer = explore.concordance(corpus, query="产教融合", page_size=10)
    assert (explorer.n_matches, len(explorer.result), explorer.page.max) == (91, 10, 10)
    assert "showing 1-10 (page 1 of 10)" in explorer.message
    pages = []
    for page in range(1, 11):
        explorer.page.value = page
        pages.append(explorer.result)
    every = pd.concat(pages, ignore_index=True)
    expected = concordance(corpus, "产教融合", width=explore.WIDTH)
    pd.testing.assert_frame_equal(every[KWIC], expected[KWIC])
    explorer.query.value = "talent"
    assert explorer.page.value == 1 and len(explorer.result) == 10


def test_result_follows_the_controls_while_the_display_waits():
    corpus = snippets("talent cultivation", "vocational education and talent", "1+X pilot work")

    async def type_and_read():
        explorer = explore.concordance(corpus, delay=0.05)
        for text in ("t", "ta", "tal", "talent"):
            explorer.query.value = text  # as typing does, one keystroke at a time
        answer = explorer.result.copy()
        waiting, before = explorer.pending, explorer._kwic.value
        await asyncio.sleep(0.2)
        return answer, waiting, before, explorer

    answer, waiting, before, explorer = asyncio.run(type_and_read())
    assert list(answer["match"]) == ["talent", "talent"]
    assert waiting and "talent" not in before  # the display had not been redrawn yet ...
    assert not explorer.pending and "talent" in explorer._kwic.value  # ... and then was


def test_without_an_event_loop_the_display_follows_at_once():
    explorer = explore.concordance(snippets("talent cultivation"))
    explorer.query.value = "cultivation"
    assert not explorer.pending
    assert "<mark>cultivation</mark>" in explorer._kwic.value


def test_document_text_is_escaped_everywhere():
    corpus = snippets(HOSTILE, "A second page about 产教融合.", title='<img src=x onerror="t()">')
    explorer = explore.concordance(corpus, query="alert")
    assert explorer.n_matches == 2
    html = shown(explorer)
    assert not RAW_MARKUP.search(html)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    explorer.query.value = "产教融合"  # a concept, its paragraph holds the markup
    assert not RAW_MARKUP.search(shown(explorer))


def test_the_static_snapshot_shows_the_answer_and_how_to_go_live(corpus):
    explorer = explore.concordance(corpus, query="1+X")
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("Concordance explorer: 28 lines in 4 documents")
    assert "make lab" in bundle["text/plain"] and not re.search(
        r"[0-9a-f]{32}", bundle["text/plain"]
    )
    html = bundle["text/html"]
    assert "static snapshot" in html and "make lab" in html
    assert html.count("<details>") == explore.SNAPSHOT_ROWS == 25  # of the 28: a report stays short
    assert "... and 3 more lines" in html and "Hits per document" in html
    assert repr(explorer).startswith("<ConcordanceExplorer: 28 lines")


def test_a_large_corpus_says_its_index_is_being_built(monkeypatch, capsys):
    monkeypatch.setattr(explore, "ANNOUNCE_INDEX", 1)
    monkeypatch.setattr(explore, "progress_enabled", lambda n: True)
    explore.concordance(snippets("talent", "talent"))
    assert "Indexing 2 documents for the explorer" in capsys.readouterr().err


# ---------------------------------------------------------------------------- trends


def test_trends_follow_concepts_and_terms_with_the_chosen_measure(english):
    explorer = explore.trends(english, concepts=["产教融合", "1+X"], terms=["talent"])
    expected = compute_trends(english, concepts=["产教融合", "1+X"], terms=["talent"])
    assert explorer.measure.value == "rate"
    pd.testing.assert_series_equal(explorer.result["value"], expected["value"])
    assert set(explorer.result["label"]) == {
        "Industry-education integration 产教融合",
        "1+X certificate system 1+X证书",
        "talent",
    }
    for measure in ("count", "documents", "share"):
        explorer.measure.value = measure
        assert explorer.result["value"].tolist() == explorer.result[measure].tolist()
    assert "share of the year's documents" in explorer.message
    assert "lines compare documents, not years" in explorer.message  # one document a year
    assert explorer._figure.value[:4] == b"\x89PNG"


def test_trends_take_a_typed_rendering_as_its_concept_and_say_so(english):
    explorer = explore.trends(english, concepts=[], figure=False)
    explorer.terms.value = "產教融合, talent、the"
    items = explorer.result.drop_duplicates("item")
    assert dict(zip(items["item"], items["kind"], strict=True)) == {
        "industry_education_integration": "concept",
        "talent": "term",
        "the": "term",
    }
    assert "“產教融合” is followed as the concept" in explorer.message
    assert "“the” is only stopwords" in explorer.message
    explorer.terms.value = ""
    assert explorer.result.empty and explorer.message.startswith("Pick one or more concepts")


def test_trends_open_on_the_most_frequent_concepts(english):
    explorer = explore.trends(english, figure=False)
    assert explorer.concepts.value == (
        "industry_education_integration",
        "one_plus_x_certificate",
        "vocational_education_group",
    )


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"concepts": ["quantum computing"]}, "'quantum computing' is not a concept"),
        ({"measure": "tf-idf"}, "measure must be one of rate, count, documents, share"),
    ],
)
def test_trends_refuse_bad_options_and_say_what_to_give(english, options, named):
    with pytest.raises(ValueError, match=re.escape(named)):
        explore.trends(english, **options)


def test_trends_escape_typed_terms(english):
    explorer = explore.trends(
        english, concepts=[], terms=["<img src=x onerror=alert(1)>"], figure=False
    )
    assert not RAW_MARKUP.search(shown(explorer))


# ---------------------------------------------------------------------------- topics


@pytest.fixture(scope="module")
def model(english):
    return fit_topics(english, k=3)


def test_topics_show_the_chosen_topic(model):
    explorer = explore.topics(model)
    best = best_passages(model, n=3, width=10**9)
    for topic in (0, 2, 1):
        explorer.topic.value = topic
        wanted = best[best["topic"] == topic]
        assert explorer.result["passage"].tolist() == wanted["passage"].tolist()
        assert set(model.topic_terms.loc[model.topic_terms["topic"] == topic, "term"]) == set(
            explorer.top_terms["term"]
        )
        prevalence = topic_prevalence(model)
        expected = prevalence.loc[prevalence["topic"] == topic, "prevalence"].tolist()
        assert explorer.by_year["prevalence"].tolist() == expected
        assert explorer.message.startswith(f"Topic {model.label(topic)}")
    explorer.n.value = 5
    assert explorer.result["rank"].tolist() == [1, 2, 3, 4, 5]


def test_topics_of_chinese_pages_show_chinese_terms_and_passages():
    model = fit_topics(load_corpus(paths.EXAMPLE_TOPICS_ZH_DIR), k=3)
    explorer = explore.topics(model, topic=1, n=2)
    assert len(explorer.result) == 2
    assert all(re.search("[\u4e00-\u9fff]", t) for t in explorer.result["text"])
    assert any(re.search("[\u4e00-\u9fff]", t) for t in explorer.top_terms["display"])
    html = shown(explorer)
    assert explorer.result["text"].iloc[0][:20] in html


def test_topics_refuse_a_topic_the_model_lacks(model):
    with pytest.raises(ValueError, match="topic must be between 0 and 2, not 3"):
        explore.topics(model, topic=3)


def test_topics_escape_passages():
    pages = [HOSTILE + " 产教融合 校企合作 人才培养", "产教融合 校企合作 职业教育 人才培养 " * 3]
    model = fit_topics(snippets(*pages, language="zh"), k=1, unit="document", min_df=1)
    assert not RAW_MARKUP.search(shown(explore.topics(model, n=2)))


# ---------------------------------------------------------------------------- timeline


@pytest.fixture(scope="module")
def events(english):
    mentions = find_event_mentions(english)
    return extract_events(english, mentions=mentions), mentions


@pytest.fixture
def timeline(events):
    return explore.timeline(events[0], mentions=events[1], figure=False)


@pytest.mark.parametrize(
    ("control", "value", "event_ids"),
    [
        ("lane", "national", ["E01", "E05"]),
        ("kind", "event", ["E04", "E07"]),
        ("actor", "Lingang New Area", ["E06"]),
        ("years", (2022, 2024), ["E09"]),
        ("word", "1+X", ["E03", "E07"]),  # + is literal
        ("word", "(Trial)", ["E08"]),  # and so are brackets
        ("word", "UNVEILED", ["E09"]),  # any case
        ("word", "quantum", []),
    ],
)
def test_timeline_filters_events(timeline, control, value, event_ids):
    getattr(timeline, control).value = value
    assert timeline.result["event_id"].tolist() == event_ids
    assert sorted(set(timeline.evidence["event_id"])) == event_ids
    if not event_ids:
        assert timeline.message.startswith("No events match") and timeline.evidence.empty


def test_timeline_shows_all_evidence_and_marks_the_date_and_word(events):
    timeline = explore.timeline(events[0], mentions=events[1])
    assert timeline.message == "9 of 9 events, with 9 evidence sentences."
    timeline.word.value = "selected"
    assert timeline.result["event_id"].tolist() == ["E03", "E08"]
    html = shown(timeline)
    assert "<mark>On May 26</mark>" in html and "<mark>selected</mark>" in html
    assert timeline._figure.layout.display != "none" and timeline._figure.value[:4] == b"\x89PNG"


def test_timeline_of_chinese_pages_finds_a_word_in_either_script(tmp_path):
    for page in sorted(paths.EXAMPLE_TIMELINE_ZH_DIR.glob("zh_*.txt")):
        shutil.copy(page, tmp_path)
    corpus = load_corpus(tmp_path)
    mentions = find_event_mentions(corpus)
    events = extract_events(corpus, mentions=mentions)
    explorer = explore.timeline(events, mentions=mentions, figure=False)
    explorer.word.value = "召开"
    simplified = explorer.result["event_id"].tolist()
    explorer.word.value = "召開"
    assert explorer.result["event_id"].tolist() == simplified
    assert len(simplified) >= 1
    assert any("召開" in s for s in explorer.evidence["sentence"])  # the traditional page


def test_timeline_escapes_evidence(events):
    hostile = events[0].head(1).assign(sentence=HOSTILE, summary=HOSTILE)
    explorer = explore.timeline(hostile, figure=False)
    assert explorer.result["event_id"].tolist() == ["E01"]
    assert not RAW_MARKUP.search(shown(explorer))


def test_timeline_without_events_says_so():
    explorer = explore.timeline(pd.DataFrame(columns=EVENT_COLUMNS))
    assert explorer.result.empty
    assert explorer.message.startswith("No events to explore")
