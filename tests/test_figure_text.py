"""Document text in every figure of the library is drawn literally: no mathtext from dollars.

A title or a label from a document such as ``College gets $5m "smart campus" grant, $2m
more`` made matplotlib's mathtext fail when the figure was saved, and ``$15/hour vs
$12/hour`` was set in italics. Each plotting function is given such a label here.
"""

from __future__ import annotations

import dataclasses

import matplotlib
import pytest
from matplotlib.text import Text

from iecorpus.audit import plot_removed
from iecorpus.events import extract_events, plot_timeline
from iecorpus.figures import save_figure
from iecorpus.plots_terms import (
    plot_concept_heatmap,
    plot_distinctive_terms,
    plot_top_concepts,
    plot_trends,
)
from iecorpus.terms import (
    compute_trends,
    count_concepts,
    distinctive_terms,
    index_corpus,
    load_glossary,
    summarize_concepts,
)
from iecorpus.topics import (
    fit_topics,
    plot_document_topics,
    plot_passage_topics,
    plot_prevalence,
    plot_topic_terms,
)

UNBALANCED = 'College gets $5m "smart campus" grant, $2m more'  # mathtext fails on it
BALANCED = "$15/hour vs $12/hour"  # mathtext sets it in italics


def glossary_with(label):
    glossary = load_glossary().copy()
    glossary["label_en"] = label
    return glossary


@pytest.fixture(scope="module")
def model(corpus):
    return fit_topics(corpus, k=2)


def draw(name, corpus, model, label):
    documents = {d: label for d in corpus.documents["doc_id"]}
    if name == "top_concepts":
        return plot_top_concepts(summarize_concepts(corpus), glossary=glossary_with(label))
    if name == "concept_heatmap":
        index = index_corpus(corpus)
        return plot_concept_heatmap(count_concepts(corpus), index.documents, labels=documents)
    if name == "distinctive_terms":
        return plot_distinctive_terms(distinctive_terms(corpus, top=3), labels=documents)
    if name == "trends":
        trends = compute_trends(corpus)
        return plot_trends(trends, labels={item: label for item in trends["item"]})
    if name == "timeline":
        events = extract_events(corpus).assign(summary=label)
        return plot_timeline(events, title=label)
    if name == "passage_topics":
        return plot_passage_topics(model, doc_labels=documents)
    if name == "document_topics":
        return plot_document_topics(model, doc_labels=documents)
    if name in ("topic_terms", "prevalence"):
        # Topic terms and labels come from the documents' words.
        relabelled = dataclasses.replace(
            model,
            topic_terms=model.topic_terms.assign(display=label),
            labels=model.labels.assign(label=label),
        )
        return (plot_topic_terms if name == "topic_terms" else plot_prevalence)(relabelled)
    if name == "removed":
        return plot_removed(corpus, labels=documents)
    raise AssertionError(name)


FIGURES = [
    "top_concepts",
    "concept_heatmap",
    "distinctive_terms",
    "trends",
    "timeline",
    "passage_topics",
    "document_topics",
    "topic_terms",
    "prevalence",
    "removed",
]


@pytest.mark.parametrize("label", [UNBALANCED, BALANCED], ids=["unbalanced", "balanced"])
@pytest.mark.parametrize("name", FIGURES)
def test_dollar_signs_in_labels_are_drawn_as_text(name, label, corpus, model, tmp_path):
    assert matplotlib.rcParams["text.parse_math"]  # the global default is left as it is
    fig = draw(name, corpus, model, label)
    png, _ = save_figure(fig, f"00-{name}", directory=tmp_path)
    assert png.read_bytes().startswith(b"\x89PNG")
    dollars = [t for t in fig.findobj(Text) if "$" in t.get_text()]
    assert dollars, "the label with dollar signs is not in the figure"
    assert not any(t.get_parse_math() for t in dollars)
    assert any(label[:12] in t.get_text() for t in dollars)  # drawn as given, not shortened away


@pytest.mark.parametrize("label", [UNBALANCED, BALANCED], ids=["unbalanced", "balanced"])
def test_the_timeline_explorer_draws_dollar_signs_as_text(label, corpus):
    explore = pytest.importorskip("iecorpus.explore")
    events = extract_events(corpus).assign(summary=label)
    explorer = explore.timeline(events)
    assert explorer.message.startswith(f"{len(events)} of {len(events)} events")
    assert explorer._figure.value[:4] == b"\x89PNG"  # drawn, the snapshot shows it
