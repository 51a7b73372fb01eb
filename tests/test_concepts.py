"""Concepts beyond the listed renderings: key words, narrower counts, strings, keyness size.

Snippets are written for the test; the embedded corpus is only read.
"""

import pandas as pd
import pytest

from iecorpus import paths
from iecorpus.corpus import corpus_from_texts, load_corpus
from iecorpus.glossary import load_glossary
from iecorpus.index import KEY_WORDS, LISTED, build_index
from iecorpus.terms import (
    adjust_p_values,
    assess_comparison,
    compare_keyness,
    concordance,
    count_concepts,
    describe_collocates,
    distinctive_terms,
    find_collocates,
    find_unlisted_renderings,
    summarize_concepts,
)
from iecorpus.testing import EN_UNLISTED_RENDERINGS, make_page, plant_renderings
from iecorpus.topics import build_features, fit_topics, score_language_mixing

IEI = "industry_education_integration"


def snippets(*texts, language="en"):
    documents = pd.DataFrame(
        {
            "doc_id": [f"s{k}" for k in range(len(texts))],
            "title": "",
            "date": "2023-01-01",
            "language": language,
            "source": "",
            "text": list(texts),
        }
    )
    return corpus_from_texts(documents)


def test_unlisted_word_orders_count_and_say_how_they_were_found():
    corpus = snippets(
        "We will deepen the integration of education and industry. "
        "The industry-education integration forum met."
    )
    found = corpus.index().occurrences(IEI)
    assert list(found["rule"]) == [KEY_WORDS, LISTED]
    assert found["match"].iloc[0] == "integration of education and industry"


def test_narrower_concepts_count_for_the_broader_one(corpus):
    counts = count_concepts(corpus).set_index(["doc_id", "concept"])
    row = counts.loc[("003_604234b46fa3af89", IEI)]
    assert row["count"] == 38  # as itself, as before
    assert row["count_with_narrower"] > 44  # its integrated enterprises and communities too
    summary = summarize_concepts(corpus).set_index("concept")
    assert summary.loc[IEI, "count"] == 55
    assert summary.loc[IEI, "count_with_narrower"] == counts.xs(IEI, level="concept")[
        "count_with_narrower"
    ].sum()
    leaf = summary.loc["talent_cultivation"]
    assert leaf["count"] == leaf["count_with_narrower"]


def test_a_typed_string_is_found_inside_a_longer_term():
    corpus = snippets("各地积极培育产教融合型企业。首批产教融合型企业名单公布。", language="zh")
    assert concordance(corpus, "产教融合", concept_only=True).empty
    lines = concordance(corpus, "产教融合")
    assert list(lines["match"]) == ["产教融合", "产教融合"]
    assert set(lines["concept"]) == {"integrated_enterprise"}


def test_a_typed_english_word_is_found_inside_a_hyphenated_term():
    corpus = snippets("It joined the industry-education-integration pilot of the city.")
    lines = concordance(corpus, "integration")
    assert list(lines["match"]) == ["integration"]
    assert lines["concept"].iloc[0] != ""


def test_unlisted_renderings_are_listed_with_an_example_and_what_to_do():
    corpus = snippets(
        "Experts praised the integration of education and industry in Henan.",
        "The integration of education and industry grew. Integration with industry helps.",
    )
    table = find_unlisted_renderings(corpus, "产教融合")
    first = table.iloc[0]
    assert (first["phrase"], first["counted"], first["count"], first["doc_freq"]) == (
        "integration of education and industry",
        True,
        2,
        2,
    )
    assert "[integration of education and industry]" in first["example"]
    assert "en_variants" in first["how"] and "data/glossary.csv" in first["how"]
    partial = table[~table["counted"]]
    assert list(partial["phrase"]) == ["integration with industry"]


def test_unlisted_renderings_refuse_an_unknown_concept():
    with pytest.raises(ValueError, match="not a concept"):
        find_unlisted_renderings(snippets("text"), "no such concept")


@pytest.mark.parametrize(
    ("p", "method", "expected"),
    [
        ([0.01, 0.04, 0.03, 0.20], "bh", [0.04, 0.16 / 3, 0.16 / 3, 0.20]),
        ([0.01, 0.04, 0.03, 0.20], "bonferroni", [0.04, 0.16, 0.12, 0.80]),
        ([0.5, 0.9], "bonferroni", [1.0, 1.0]),
    ],
)
def test_p_values_are_adjusted_for_every_term_tested(p, method, expected):
    assert adjust_p_values(p, method=method) == pytest.approx(expected)


def test_keyness_is_adjusted_and_conservative(corpus):
    table = compare_keyness(corpus, group="year", target=2021)
    assert (table["p_adjusted"] >= table["p"]).all()
    assert table.attrs["n_tests"] == len(table)
    not_significant = table[~table["significant"]]
    assert (not_significant["conservative_log_ratio"] == 0).all()
    moved = table[table["conservative_log_ratio"] != 0]
    assert (moved["conservative_log_ratio"].abs() <= moved["log_ratio"].abs()).all()
    with pytest.raises(ValueError, match="adjust must be one of"):
        compare_keyness(corpus, adjust="holm")


def test_a_comparison_of_five_documents_is_called_too_small(corpus):
    size = assess_comparison(corpus, group="year", target=2021)
    assert size.too_small
    assert (size.documents_target, size.documents_reference) == (2, 3)
    assert "not as a finding" in size.sentence
    assert compare_keyness(corpus, group="year", target=2021).attrs["size"].too_small


def test_distinctive_terms_keep_a_concept_whole_and_drop_generic_words(corpus):
    table = distinctive_terms(corpus, top=10)
    terms = set(table["term"])
    assert not {"industry-education-integrated", "industry-education"} & terms
    assert not {"need", "multiple", "activity", "approved", "database"} & terms
    assert table["is_concept"].any()
    kept = distinctive_terms(corpus, top=50, keep_generic=True, concepts=False)
    assert "industry-education-integrated" in set(kept["term"])


@pytest.mark.parametrize("measure", ["log_dice", "mi", "log_likelihood"])
def test_collocates_name_their_measure(corpus, measure):
    table = find_collocates(corpus, IEI, measure=measure, min_freq=2)
    assert table[measure].is_monotonic_decreasing
    assert (table.attrs["measure"], table.attrs["min_freq"]) == (measure, 2)


def test_planted_renderings_are_where_the_page_says():
    page = plant_renderings(make_page(language="en", seed=4), seed=2, n_positive=4)
    renderings = {r for rs in EN_UNLISTED_RENDERINGS.values() for r in rs}
    positives = [(a, b, c) for a, b, c in page.planted if c]
    assert len(positives) == 4 and len(page.planted) == 6
    for a, b, concept in positives:
        assert page.text[a:b] in renderings
        assert page.text[a:b] in EN_UNLISTED_RENDERINGS[concept]
    glossary = load_glossary()
    listed = {v.lower() for vs in glossary["en_variants"] for v in vs}
    assert not renderings & listed  # planted renderings are not in the glossary


def test_planted_renderings_are_found_and_near_misses_are_not():
    rows = []
    planted = {}
    for k, language in enumerate(["en", "zh", "en", "zh"]):
        page = plant_renderings(make_page(language=language, seed=k), seed=k)
        rows.append({"doc_id": f"g{k}", "text": page.text, "language": language, "date": ""})
        planted[f"g{k}"] = page.planted
    index = build_index(corpus_from_texts(pd.DataFrame(rows)))
    for doc_id, spans in planted.items():
        found = index.concepts[index.concepts["doc_id"] == doc_id]
        for a, b, concept in spans:
            hits = found[(found["start"] < b) & (found["end"] > a)]
            assert set(hits["concept"]) == ({concept} if concept else set())


def test_shared_features_make_topics_mix_languages(corpus):
    chinese = load_corpus(paths.EXAMPLE_TOPICS_ZH_DIR)
    mixed = corpus_from_texts(pd.concat([corpus.documents, chinese.documents]))
    split = score_language_mixing(fit_topics(build_features(mixed), k=4, seed=0))
    shared = score_language_mixing(fit_topics(build_features(mixed, shared=True), k=4, seed=0))
    assert set(split.columns) >= {"topic", "label", "en", "zh", "mixed"}
    assert shared.attrs["share_mixed"] > split.attrs["share_mixed"]


def test_collocates_say_how_they_were_made(corpus):
    table = find_collocates(corpus, "talent", min_freq=4, measure="log_likelihood")
    sentence = describe_collocates(table)
    assert "log-likelihood" in sentence and "at least 4 times" in sentence
    assert "generic words are left out" in sentence
    kept = find_collocates(corpus, "talent", keep_generic=True)
    assert "generic" not in describe_collocates(kept)
