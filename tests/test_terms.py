"""Term statistics: concept counts, frequencies, keyness, concordance, collocates, trends."""

import math

import pytest

from iecorpus import load_corpus, paths
from iecorpus.index import index_corpus
from iecorpus.terms import (
    compare_keyness,
    compute_trends,
    concordance,
    count_concepts,
    count_terms,
    distinctive_terms,
    find_collocates,
    summarize_concepts,
)
from iecorpus.testing import corpus_of_snippets

ZH_DIR = paths.EXAMPLE_ZH_DIR


@pytest.fixture(scope="module")
def zh_corpus():
    return load_corpus(ZH_DIR)


make_corpus = corpus_of_snippets


# ---------------------------------------------------------------------------- concepts


def test_count_concepts_is_a_long_table(corpus):
    table = count_concepts(corpus)
    assert list(table.columns) == ["doc_id", "concept", "count", "count_with_narrower"]
    assert (table["count_with_narrower"] >= table["count"]).all()
    assert (table["count_with_narrower"] > 0).all()
    assert set(table["doc_id"]) == set(corpus.documents["doc_id"])


def test_summary_shows_the_renderings_of_each_concept(corpus):
    summary = summarize_concepts(corpus).set_index("concept")
    row = summary.loc["industry_education_integration"]
    assert summary.index[0] == "industry_education_integration"
    assert (row["count"], row["doc_freq"]) == (55, 5)
    for form in (
        "integration of industry and education",
        "industry-education integration",
        "integration of production and education",
    ):
        assert form in row["renderings"]
    assert summary.loc["vocational_education_group", "count"] == 23
    assert summary.loc["municipal_consortium", "count"] == 0


# ---------------------------------------------------------------------------- terms


def test_rates_are_per_ten_thousand_tokens(corpus):
    table = count_terms(corpus, ngram=1)
    n_tokens = index_corpus(corpus).documents["n_tokens"].sum()
    assert table["count"].sum() == n_tokens
    top = table.iloc[0]
    assert top["term"] == "education"
    assert top["rate"] == pytest.approx(top["count"] / n_tokens * 10_000)


def test_phrases_do_not_cross_stopwords_or_punctuation(corpus):
    terms = set(count_terms(corpus, ngram=2)["term"])
    assert "school-enterprise cooperation" in terms
    assert "integration industry" not in terms  # "integration of industry"
    assert "1+x certificate" in terms


def test_nested_phrases_can_be_left_out(corpus):
    all_phrases = set(count_terms(corpus, ngram=(2, 3), min_count=3)["term"])
    maximal = set(count_terms(corpus, ngram=(2, 3), min_count=3, nested=False)["term"])
    assert {"education group", "vocational education group"} <= all_phrases
    assert "vocational education group" in maximal
    assert "education group" not in maximal
    assert "vocational education" in maximal  # also used outside "... group"


def test_counts_by_group_use_the_group_size(corpus):
    table = count_terms(corpus, ngram=1, by="year")
    row = table[(table["year"] == "2021") & (table["term"] == "1+x")].iloc[0]
    assert row["count"] == 25
    tokens = index_corpus(corpus).documents.groupby("year")["n_tokens"].sum()["2021"]
    assert row["rate"] == pytest.approx(25 / tokens * 10_000)


def test_distinctive_terms_pick_what_sets_a_document_apart(corpus):
    table = distinctive_terms(corpus, top=5)
    top = table[table["rank"] == 1].set_index("doc_id")["term"]
    assert top["004_0090a7bf180e0140"] == "energy"
    assert top["001_33d0282d90ecd6c5"] == "1+X certificate system"  # the concept, whole
    assert (table["doc_freq"] < 5).all()  # a term in every document is never distinctive
    assert table.groupby("doc_id").size().max() == 5


def test_log_likelihood_and_log_ratio_on_a_worked_example():
    # "1+X" 10 times in 100 tokens, 0 times in the other 100.
    corpus = make_corpus(
        " ".join(["1+X"] * 10 + [f"w{k}" for k in range(90)]),
        " ".join(f"w{k}" for k in range(100)),
        dates=["2021-01-01", "2022-01-01"],
    )
    row = compare_keyness(corpus, target="2021").set_index("term").loc["1+x"]
    assert row["g2"] == pytest.approx(2 * 10 * math.log(2))  # expected 5 in each
    assert row["p"] == pytest.approx(math.erfc(math.sqrt(row["g2"] / 2)))
    assert row["log_ratio"] == pytest.approx(math.log2(10 / 0.5))  # zero counted as 0.5
    assert (row["freq_target"], row["freq_reference"]) == (10, 0)


def test_keyness_of_a_year_puts_its_topic_first(corpus):
    table = compare_keyness(corpus, group="year", target=2021)
    assert list(table.columns) == [
        "term",
        "freq_target",
        "freq_reference",
        "rate_target",
        "rate_reference",
        "g2",
        "p",
        "log_ratio",
        "p_adjusted",
        "significant",
        "conservative_log_ratio",
    ]
    assert set(table.head(2)["term"]) == {"1+x", "certificate"}
    assert (table.head(2)["log_ratio"] > 0).all()
    energy = table.set_index("term").loc["energy"]
    assert energy["log_ratio"] < 0  # only in 2022: underused in 2021
    assert table["g2"].is_monotonic_decreasing


def test_keyness_default_target_is_the_largest_group(corpus):
    assert compare_keyness(corpus).equals(compare_keyness(corpus, target="2021"))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"target": "1999"},
            r"target \['1999'\] matches no document in column 'year'; its values are 2020, 2021",
        ),
        ({"group": "colour"}, "group 'colour' is not a document column"),
        ({"group": "language", "target": "en"}, "covers every document"),
    ],
)
def test_bad_keyness_groups_are_refused_with_the_choices(corpus, options, message):
    with pytest.raises(ValueError, match=message):
        compare_keyness(corpus, **options)


# ---------------------------------------------------------------------------- concordance


def test_concordance_of_a_concept_finds_every_rendering(corpus):
    lines = concordance(corpus, "industry_education_integration")
    assert len(lines) == 55
    assert {m.lower() for m in lines["match"]} >= {
        "integration of industry and education",
        "industry-education integration",
        "integration of production and education",
    }
    assert lines.equals(concordance(corpus, "产教融合"))
    typed = "industry education integration"
    assert lines.equals(concordance(corpus, typed, concept_only=True))
    # Typed, the string is found inside the mentions of other concepts too, and says whose.
    every = concordance(corpus, typed)
    assert len(every) > len(lines)
    assert "industry_education_community" in set(every["concept"])
    assert list(lines.columns) == [
        "doc_id",
        "date",
        "sentence",
        "left",
        "match",
        "concept",
        "right",
        "start",
        "end",
    ]
    assert set(lines["concept"]) == {"industry_education_integration"}
    assert lines["date"].is_monotonic_increasing


def test_concordance_lines_point_at_their_sentence(corpus):
    lines = concordance(corpus, "1+X", width=30)
    sentences = corpus.sentences.set_index(["doc_id", "sentence"])["text"]
    for line in lines.itertuples():
        assert line.match in sentences[(line.doc_id, line.sentence)]
        assert len(line.left) <= 30 and len(line.right) <= 30
    assert len(lines) == 26  # the concept: includes "Academic Certificate + ... Certificate"
    assert len(concordance(corpus, "1+X", literal=True)) == 25


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("1+X", ["1+X", "1+x"]),  # "+" is literal: not "1X" or "11X"
        ("a.b", ["a.b"]),  # "." is literal
        ("(pilot)", ["(pilot)"]),
        ("school enterprise", ["school-enterprise", "school enterprise"]),
        ("university", ["University", "universities"]),
    ],
)
def test_literal_queries_take_symbols_literally(query, expected):
    corpus = make_corpus(
        "1X and 11X and 1+X, then 1+x. axb a.b. (pilot) pilot. "
        "school-enterprise and school enterprise. University, universities, universitys."
    )
    assert list(concordance(corpus, query, literal=True)["match"]) == expected


def test_limit_keeps_the_first_lines_and_no_match_is_an_empty_table(corpus):
    lines = concordance(corpus, "industry_education_integration")
    assert concordance(corpus, "industry_education_integration", limit=5).equals(lines.head(5))
    for query in ("zebra crossing", "municipal_consortium"):
        empty = concordance(corpus, query)
        assert empty.empty and list(empty.columns) == list(lines.columns)


def test_chinese_concordance_finds_traditional_text_and_shows_it_as_written(zh_corpus):
    lines = concordance(zh_corpus, "產教融合型企業", width=20)
    assert set(lines["doc_id"]) == {"bewg-pilot-zh-hans", "bewg-pilot-zh-hant"}
    assert set(lines["match"]) == {"产教融合型企业", "產教融合型企業"}
    # 20 columns is 10 Chinese characters
    assert lines["left"].str.len().max() <= 10


# ---------------------------------------------------------------------------- collocates


def test_deepen_is_the_collocate_of_industry_education_integration(corpus):
    table = find_collocates(corpus, "industry_education_integration", window=5, min_freq=3)
    assert "deepen" in list(table["collocate"].head(3))
    assert (table["freq"] >= 3).all()
    assert (table["log_dice"] <= 14).all()
    assert table["log_dice"].is_monotonic_decreasing


def test_collocates_of_a_word_and_a_phrase(corpus):
    talent = find_collocates(corpus, "talents", min_freq=5)
    assert talent.iloc[0]["collocate"] == "high-quality"
    # "talent training" is a mention of talent cultivation, one feature: no fragments
    assert not {"training", "cultivation"} & set(talent["collocate"])
    assert (talent.attrs["measure"], talent.attrs["min_freq"]) == ("log_dice", 5)
    group = find_collocates(corpus, "vocational education", literal=True, measure="pmi")
    assert group.iloc[0]["collocate"] != "vocational"
    assert group["mi"].is_monotonic_decreasing  # "pmi" is another name of "mi"
    assert find_collocates(corpus, "no such word").empty


def test_bad_measure_is_refused(corpus):
    with pytest.raises(ValueError, match="log_dice, mi, log_likelihood"):
        find_collocates(corpus, "talent", measure="dice")


# ---------------------------------------------------------------------------- trends


def test_trends_give_every_dated_year_and_item(corpus):
    table = compute_trends(corpus, concepts=["1+X", "产教融合"], terms=["talents"])
    assert sorted(table["year"].unique()) == ["2020", "2021", "2022", "2024"]
    assert len(table) == 4 * 3
    row = table[(table["year"] == "2021") & (table["item"] == "one_plus_x_certificate")].iloc[0]
    assert (row["count"], row["documents"], row["n_documents"]) == (26, 2, 2)
    assert (table["value"] == table["rate"]).all()
    shares = compute_trends(corpus, concepts=["1+X"], measure="share")
    assert set(shares["value"]) == {0.0, 1.0}


def test_unknown_concept_in_trends_says_to_use_terms(corpus):
    with pytest.raises(ValueError, match="not a concept of the glossary.*terms="):
        compute_trends(corpus, concepts=["talent"])


# ---------------------------------------------------------------------------- empty corpora


def test_a_corpus_that_cleaning_emptied_gives_empty_tables_not_errors():
    import warnings

    emptied = make_corpus("", "")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        summary = summarize_concepts(emptied)
        trends = compute_trends(emptied, concepts=["industry_education_integration"])
        distinctive = distinctive_terms(emptied)
    assert (summary["count"] == 0).all() and (summary["renderings"] == "").all()
    assert set(trends["count"]) == {0} and len(trends) == 1
    assert distinctive.empty and list(distinctive.columns)[:3] == ["doc_id", "rank", "term"]


def test_no_phrase_frequent_enough_is_an_empty_table_when_nested_is_off(tmp_path):
    text = "Schools\n\nVocational education grows. Vocational education thrives.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    short = load_corpus(tmp_path)
    assert "vocational education" in set(count_terms(short, ngram=(2, 4), nested=False)["term"])
    assert count_terms(short, ngram=(2, 4), min_count=9, nested=False).empty
