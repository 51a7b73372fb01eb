"""Findings of the term-frequency notebook: sentences that follow the tables, plural and none cases."""

from dataclasses import replace

import pandas as pd
import pytest

from iecorpus import paths
from iecorpus.glossary import list_narrower
from iecorpus.index import index_corpus
from iecorpus.term_findings import (
    adjust_p,
    describe_collocates,
    describe_concordance,
    describe_keyness,
    describe_keyness_sizes,
    describe_narrower,
    describe_top_concepts,
    describe_trends,
    describe_unlisted_renderings,
    describe_unused_concepts,
    link_workbook,
    read_renderings,
    summarize_documents,
)
from iecorpus.terms import (
    compare_keyness,
    concordance,
    count_concepts,
    find_collocates,
    locate_concepts,
    summarize_concepts,
)


def sides(target: int, reference: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"documents": [target, reference], "tokens": [1000 * target, 1000 * reference]},
        index=["target", "reference"],
    )


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("integration of industry and education (28); 产教融合 (3)", [
            ("integration of industry and education", 28), ("产教融合", 3)]),
        ("1+x (25)", [("1+x", 25)]),
        ("", []),
    ],
)  # fmt: skip
def test_renderings_are_read_back_from_the_summary(cell, expected):
    assert read_renderings(cell) == expected


def test_the_top_concept_is_stated_from_the_summary(corpus):
    index = index_corpus(corpus)
    summary = summarize_concepts(index)
    text = describe_top_concepts(summary, locate_concepts(index), n_documents=5)
    top = summary.iloc[0]
    assert text.startswith(f"{top['label_en']} ({top['label_zh']}) is the most frequent concept")
    assert f"{top['count']} occurrences" in text and "illustration" not in text


def test_no_concept_and_one_document_are_said_in_words():
    summary = pd.DataFrame(
        {"concept": ["a"], "label_en": ["A"], "label_zh": ["甲"], "count": [0], "doc_freq": [0],
         "n_renderings": [0], "renderings": [""]}
    )  # fmt: skip
    located = pd.DataFrame(columns=["doc_id", "concept", "match"])
    assert "No concept of the glossary occurs in the one document" in describe_top_concepts(
        summary, located, n_documents=1
    )
    assert describe_unused_concepts(summary) == "None of the glossary's 1 concept occurs here."


def test_a_small_comparison_makes_no_claim_of_significance(corpus):
    keyness = compare_keyness(corpus, group="year", target="2021")
    small = describe_keyness_sizes(sides(2, 3), group="year") + describe_keyness(
        keyness, sides(2, 3), alpha=0.05
    )
    assert "too small to support claims" in small and "signific" not in small
    said = describe_keyness(keyness)  # the table's own size decides: 2 against 3 documents
    assert keyness.attrs["size"].too_small and "signific" not in said
    assert f"{int(keyness['significant'].sum())} terms of the {len(keyness)} tested pass" in said
    assert "too small" not in describe_keyness_sizes(sides(40, 60), group="year")


def test_a_large_comparison_counts_the_significant_terms_and_their_conservative_ratio(corpus):
    keyness = compare_keyness(corpus, group="year", target="2021")
    keyness.attrs["size"] = replace(keyness.attrs["size"], too_small=False)
    said = describe_keyness(keyness)
    n = int(keyness["significant"].sum())
    large = int((keyness.loc[keyness["significant"], "conservative_log_ratio"].abs() >= 1).sum())
    assert said.startswith(f"{n} terms of the {len(keyness)} tested differ at the 0.05 level")
    assert f"(Benjamini-Hochberg over the {len(keyness)} terms tested)" in said
    assert "even at the conservative end of its interval" in said
    assert large < n and "of them by a factor of two or more" in said
    legacy = keyness.drop(columns=["significant", "conservative_log_ratio"])
    legacy.attrs = {}
    assert "after correction (the table's `p_adjusted`)" in describe_keyness(
        legacy, sides(40, 60), alpha=0.05
    )


def test_both_counts_of_a_broader_concept_are_said(corpus):
    index = index_corpus(corpus)
    summary = summarize_concepts(index)
    text = describe_narrower(summary, list_narrower(index.glossary))
    row = summary.set_index("concept").loc["industry_education_integration"]
    assert row["count_with_narrower"] > row["count"]
    assert (
        f"industry_education_integration is named as itself {row['count']} times and "
        f"{row['count_with_narrower']} times with its narrower concepts (integrated_enterprise"
    ) in text
    flat = summary.assign(count_with_narrower=summary["count"])
    assert "two figures are the same" in describe_narrower(flat, list_narrower(index.glossary))


def test_unlisted_renderings_are_told_apart_by_whether_they_count():
    table = pd.DataFrame(
        {"phrase": ["integration of education and industry", "integration with industry"],
         "counted": [True, False], "count": [3, 1], "doc_id": ["d1", "d2"]}
    )  # fmt: skip
    text = describe_unlisted_renderings(table, concept="iei", name="IEI", labels={"d2": "002"})
    assert "1 phrase that no rendering lists is counted for IEI already" in text
    assert "“integration of education and industry” (3)" in text
    assert "1 phrase holds all its key words but one and is not counted" in text
    assert "the first from `002`" in text
    assert "No phrase looks like an unlisted rendering of IEI" in describe_unlisted_renderings(
        table.iloc[0:0], concept="iei", name="IEI"
    )


@pytest.mark.parametrize("measure", ["log_dice", "mi", "log_likelihood"])
def test_collocates_name_their_measure_and_minimum_frequency(corpus, measure):
    table = find_collocates(corpus, "industry_education_integration", measure=measure)
    text = describe_collocates(
        table.head(15), term="industry_education_integration", nodes=55, window=5, min_freq=3
    )
    assert text.startswith("Collocates of 'industry_education_integration' within 5 features")
    assert "seen at least 3 times there" in text
    name = {"log_dice": "log Dice", "mi": "MI", "log_likelihood": "G²"}[measure]
    best = table.iloc[0]
    assert f"({name} {best[measure]:.1f})" in text
    assert "PMI" not in text


def test_an_adjusted_p_column_is_used_when_the_table_has_one():
    table = pd.DataFrame({"p": [0.01, 0.2], "p_adjusted": [0.02, 0.4]})
    adjusted, how = adjust_p(table)
    assert adjusted.tolist() == [0.02, 0.4] and "p_adjusted" in how
    adjusted, how = adjust_p(table.drop(columns="p_adjusted"))
    assert adjusted.tolist() == [0.02, 0.4] and "Bonferroni" in how


def test_a_concept_query_says_how_many_lines_match_as_typed(corpus):
    lines = concordance(corpus, "1+X")
    literal = len(concordance(corpus, "1+X", literal=True))
    text = describe_concordance(
        lines, query="1+X", concept="one_plus_x_certificate", n_literal=literal
    )
    assert f"{len(lines)} lines in 2 documents, {literal} of them with the query as typed" in text
    words = concordance(corpus, "integration")
    held = words["concept"].ne("").sum()
    said = describe_concordance(words, query="integration", concept=None, n_literal=len(words))
    assert f"{len(words)} lines in 5 documents, {held} of them inside a concept's mention" in said
    assert describe_concordance(lines.iloc[0:0], query="x", concept=None, n_literal=0) == (
        "`x` does not occur in this corpus: the concordance is empty."
    )


def test_undated_corpora_and_gaps_between_years_are_said(corpus):
    from iecorpus.terms import compute_trends

    trends = compute_trends(corpus, concepts=["industry_education_integration"])
    text = describe_trends(trends, n_undated=1)
    assert "with no document from 2023" in text and "1 undated document is left out" in text
    assert describe_trends(trends.iloc[0:0], n_undated=3).startswith("No document is dated")


def test_each_document_has_its_mentions_and_top_concept(corpus):
    index = index_corpus(corpus)
    table = summarize_documents(count_concepts(index), index.documents)
    assert table["mentions"].sum() == len(locate_concepts(index))
    assert (table["top_count"] <= table["mentions"]).all()


@pytest.mark.parametrize(
    ("processed_dir", "target"),
    [(None, "../data/processed/02-term-frequency.xlsx"), ("x/processed", "processed/b.xlsx")],
)
def test_the_workbook_is_linked_as_the_report_reaches_it(processed_dir, target, tmp_path):
    if processed_dir is None:
        workbook = paths.PROCESSED_DIR / "02-term-frequency.xlsx"
    else:
        processed_dir = tmp_path / processed_dir
        workbook = processed_dir / "b.xlsx"
    assert f"]({target})" in link_workbook(workbook, processed_dir=processed_dir)
