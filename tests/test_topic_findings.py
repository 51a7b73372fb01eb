"""Findings of the topics notebook in words: every number comes from the table it describes."""

import re

import pandas as pd
import pytest

from iecorpus import load_corpus, paths
from iecorpus.testing import write_corpus
from iecorpus.topic_findings import (
    LARGE_SEEDS,
    describe_prevalence,
    describe_separation,
    describe_sweep,
    describe_topic_places,
    describe_topics,
    describe_tradeoff,
    describe_uncertain,
    link_workbook,
    plan_sweep,
    prepare_features,
    summarise_topic_places,
)
from iecorpus.topics import assess_topics, build_features, choose_k, fit_topics

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def numbers(text):
    return {float(n) for n in NUMBER.findall(text)}


def sweep_table(rows):
    columns = ["method", "k", "npmi", "npmi_min", "umass", "stability", "stability_min"]
    return pd.DataFrame(rows, columns=columns)


@pytest.fixture(scope="module")
def features(corpus):
    return build_features(corpus)


@pytest.fixture(scope="module")
def model(features):
    return fit_topics(features, k=3)


def test_one_document_gets_no_sweep_and_says_why(tmp_path):
    write_corpus(tmp_path, n_documents=1, languages=("en",), seed=3)
    features, note = prepare_features(load_corpus(tmp_path))
    assert note == ""
    plan = plan_sweep(features, ks=[2, 3], methods=["nmf", "lda"], seeds=[0, 1])
    assert not plan.runs
    assert "1 document" in plan.note and "no model is fitted" in plan.note


def test_a_corpus_without_features_says_so(tmp_path):
    (tmp_path / "a.txt").write_text("123\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Home | News\n", encoding="utf-8")
    features, note = prepare_features(load_corpus(tmp_path))
    assert features is None
    assert "2 documents" in note and "nothing for a topic model" in note
    assert not plan_sweep(None, ks=[2], methods=["nmf"], seeds=[0, 1]).runs


def test_a_large_corpus_runs_nmf_only_with_fewer_seeds(features):
    plan = plan_sweep(
        features, ks=[2, 3, 99], methods=["nmf", "lda"], seeds=[0, 1, 2, 3, 4], large=10
    )
    assert plan.ks == [2, 3]  # k must stay below the passages and the features
    assert plan.methods == ["nmf"] and plan.seeds == [0, 1, 2][:LARGE_SEEDS]
    assert "NMF only (not LDA)" in plan.note and "large_corpus" in plan.note
    assert f"{len(features.passages)} passages" in plan.note


def test_the_default_sweep_is_kept_on_a_small_corpus(features):
    plan = plan_sweep(features, ks=[2, 3], methods=["nmf", "lda"], seeds=[0, 1, 2, 3, 4])
    assert (plan.methods, plan.seeds, plan.note) == (["nmf", "lda"], [0, 1, 2, 3, 4], "")


def test_the_sweep_is_described_from_its_own_numbers():
    sweep = sweep_table(
        [
            ("nmf", 2, 0.30, -0.05, -0.7, 1.00, 1.0),
            ("nmf", 3, 0.20, 0.04, -0.6, 0.95, 0.9),
            ("lda", 2, 0.01, -0.20, -0.9, 0.50, 0.4),
            ("lda", 3, 0.00, -0.30, -0.8, 0.40, 0.3),
        ]
    )
    choice = choose_k(sweep)
    text = describe_sweep(sweep, choice)
    assert "NMF with 3 topics has the most coherent least coherent topic" in text
    assert "NPMI 0.040; mean 0.200; stability 0.95" in text
    assert "highest mean NPMI is NMF with 2 topics (0.300)" in text
    assert "at every k" in text
    assert "highest for NMF with 3 topics (-0.600)" in text


def test_a_sweep_without_a_stable_model_says_to_be_careful():
    sweep = sweep_table([("nmf", 2, 0.1, 0.0, -1, 0.5, 0.4), ("nmf", 3, 0.2, 0.1, -1, 0.6, 0.4)])
    text = describe_sweep(sweep, choose_k(sweep))
    assert "none reached stability 0.80" in text and "caution" in text
    assert "NMF with 3 topics (stability 0.60)" in text


def test_a_chosen_model_with_an_incoherent_topic_is_flagged():
    sweep = sweep_table([("nmf", 2, 0.1, -0.1, -1, 0.9, 0.8), ("nmf", 3, 0.2, -0.2, -1, 0.5, 0.4)])
    text = describe_sweep(sweep, choose_k(sweep))
    assert "only NMF with 2 topics reached stability" in text
    assert "below zero" in text


def test_the_topics_are_described_from_the_assessment(model):
    assessment = assess_topics(model, seeds=[1])
    text = describe_topics(assessment, model)
    assert text.startswith("3 topics: topic 0 (")
    for row in assessment.itertuples():
        assert f"{100 * row.prevalence:.0f}%" in text
        assert f"main topic of {row.n_passages} of the {len(model.passages)} passages" in text
    assert f"{assessment['npmi'].max():.3f}" in text


def test_where_the_topics_live_counts_documents(model):
    places = summarise_topic_places(model)
    assert places["n_passages"].sum() == (model.passages["dominant_topic"] >= 0).sum()
    text = describe_topic_places(places, n_documents=model.passages["doc_id"].nunique())
    for row in places.itertuples():
        assert f"{100 * row.main_share:.0f}% of that document's tokens" in text
    assert "illustration" not in text  # five documents: no caveat


def test_undated_passages_give_a_sentence_not_a_figure():
    empty = pd.DataFrame(
        columns=["year", "topic", "label", "prevalence", "n_passages", "n_documents"]
    )
    assert "No passage has a date" in describe_prevalence(empty, n_undated=3)


def test_prevalence_names_empty_years_and_thin_ones():
    table = pd.DataFrame(
        {
            "year": ["2020", "2020", "2022", "2022"],
            "topic": [0, 1, 0, 1],
            "label": ["0: a", "1: b", "0: a", "1: b"],
            "prevalence": [0.25, 0.75, 0.9, 0.1],
            "n_passages": [4, 4, 6, 6],
            "n_documents": [1, 1, 2, 2],
        }
    )
    text = describe_prevalence(table)
    assert "2 years between 2020 and 2022 (2021 holds no document)" in text
    assert "topic 0 in 2022 (90%) and topic 1 in 2020 (75%)" in text
    assert "thinnest year holds 1 document" in text


@pytest.mark.parametrize(
    ("nmi", "homogeneity", "completeness", "words"),
    [
        (
            0.8,
            0.6,
            0.9,
            [
                "most of",
                "documents keep mostly to one topic",
                "a topic gathers passages of several documents",
            ],
        ),
        (0.1, 0.1, 0.2, ["little of", "documents spread over several topics"]),
    ],
)
def test_separation_in_words(nmi, homogeneity, completeness, words):
    scores = pd.DataFrame(
        [
            {
                "method": "nmf",
                "k": 3,
                "nmi": nmi,
                "ami": nmi - 0.05,
                "homogeneity": homogeneity,
                "completeness": completeness,
            }
        ]
    )
    text = describe_separation(scores, n_documents=3)
    for word in words:
        assert word in text
    assert "illustration" in text  # three documents
    assert numbers(text) <= {nmi, round(nmi - 0.05, 3), homogeneity, completeness, 3.0}


def test_the_tradeoff_names_the_best_k_and_the_incoherent_ones():
    table = pd.DataFrame(
        {
            "k": [2, 3, 4],
            "nmi": [0.5, 0.7, 0.6],
            "homogeneity": [0.3, 0.6, 0.8],
            "completeness": [1.0, 0.9, 0.7],
            "npmi_min": [0.01, -0.02, -0.1],
        }
    )
    text = describe_tradeoff(table)
    assert "highest at k=3 (0.700)" in text
    assert "homogeneity goes from 0.300 to 0.800" in text
    assert "appears at k=3 and 4" in text


def test_no_uncertain_passage_is_said_in_words(model):
    empty = model.passages.iloc[0:0].assign(margin=[])
    assert describe_uncertain(empty, model).startswith("None of the")


def test_the_workbook_link_is_relative_to_the_report(tmp_path):
    processed = tmp_path / "report" / "processed"
    link = link_workbook(processed / "03-topics.xlsx", processed_dir=processed)
    assert link == "[03\\-topics\\.xlsx](processed/03-topics.xlsx)"
    default = link_workbook(paths.PROCESSED_DIR / "03-topics.xlsx")
    assert default.endswith("(../data/processed/03-topics.xlsx)")
