"""Findings of the topics notebook in words: every number comes from the table it describes."""

import re

import pandas as pd
import pytest

from iecorpus import load_corpus, paths
from iecorpus.corpus import corpus_from_texts
from iecorpus.testing import write_corpus
from iecorpus.topic_findings import (
    LARGE_SEEDS,
    combine_corpora,
    compare_language_mixing,
    decide_shared,
    describe_documents,
    describe_language_comparison,
    describe_language_mixing,
    describe_languages,
    describe_prevalence,
    describe_separation,
    describe_sweep,
    describe_topic_places,
    describe_topics,
    describe_tradeoff,
    describe_uncertain,
    link_workbook,
    list_languages,
    plan_sweep,
    prepare_features,
    summarise_document_mix,
    summarise_languages,
    summarise_topic_places,
)
from iecorpus.topics import (
    assess_topics,
    build_features,
    choose_k,
    find_uncertain_passages,
    fit_topics,
    score_language_mixing,
)

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def numbers(text):
    return {float(n) for n in NUMBER.findall(text)}


def sweep_table(rows):
    columns = ["method", "k", "npmi", "npmi_min", "umass", "stability", "stability_min"]
    return pd.DataFrame(rows, columns=columns)



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


# ---------------------------------------------------------------------------- languages


@pytest.fixture(scope="module")
def mixed_corpus(corpus):
    """The embedded English pages with the Chinese example pages, as notebook 03 puts them."""
    return combine_corpora(
        corpus, load_corpus(paths.EXAMPLE_TOPICS_ZH_DIR), load_corpus(paths.EXAMPLE_ZH_DIR)
    )


@pytest.fixture(scope="module")
def comparison(mixed_corpus):
    return compare_language_mixing(mixed_corpus, k=4, seed=0)


def mixing_table(rows):
    table = pd.DataFrame(rows, columns=["topic", "label", "en", "zh", "mixed"])
    table.attrs["share_mixed"] = float(table["mixed"].mean())
    return table


def test_corpora_are_combined_table_by_table(corpus, mixed_corpus):
    assert len(mixed_corpus.documents) == len(corpus.documents) + 6 + 2
    assert list(mixed_corpus.documents["doc_id"][: len(corpus.documents)]) == list(
        corpus.documents["doc_id"]
    )
    assert set(mixed_corpus.paragraphs["doc_id"]) == set(mixed_corpus.documents["doc_id"])
    assert mixed_corpus.raw["a1-1x-briefing"].startswith(
        load_corpus(paths.EXAMPLE_TOPICS_ZH_DIR).raw["a1-1x-briefing"][:20]
    )


def test_combining_a_corpus_with_itself_names_the_repeated_documents(corpus):
    with pytest.raises(ValueError, match="000_2631aee1e2903283.*rename the files"):
        combine_corpora(corpus, corpus)


@pytest.mark.parametrize(
    ("languages", "asked", "expected"),
    [
        (["en", "en"], None, False),
        (["zh", "en", "zh"], None, True),
        (["zh", "en"], False, False),
        (["en"], True, True),
    ],
)
def test_shared_features_are_used_when_the_corpus_has_several_languages(languages, asked, expected):
    texts = [
        "产教融合 深化 校企合作" if lang == "zh" else "Integration of industry"
        for lang in languages
    ]
    documents = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(languages))],
            "date": "2023-01-01",
            "language": languages,
            "text": texts,
        }
    )
    corpus = corpus_from_texts(documents)
    assert decide_shared(corpus, shared=asked) is expected
    assert list_languages(corpus) == sorted(set(languages), key=lambda x: (-languages.count(x), x))


def test_the_languages_table_counts_what_each_language_keeps(mixed_corpus):
    features = build_features(mixed_corpus, shared=True)
    table = summarise_languages(mixed_corpus, features)
    assert list(table["language"]) == ["en", "zh"]  # more English passages
    assert table["passages"].sum() == len(features.passages)
    assert (table["shared"] == len(features.vocabulary)).all()
    assert (table["features"] > table["shared"]).all()
    assert table["shared_concepts"].iloc[0] >= 15  # the concepts are what both languages write
    empty = (features.counts.sum(axis=1) == 0).sum()
    assert table["no_feature"].sum() == empty > 0
    text = describe_languages(table, shared=True, n_features=len(features.vocabulary))
    assert "2 languages (55 in English and 34 in Chinese)" in text
    assert f"on the {len(features.vocabulary)} shared features alone" in text
    assert f"{empty} passages hold no shared feature" in text
    assert numbers(text) <= set(map(float, table.drop(columns="language").to_numpy().ravel())) | {
        2.0,
        10.0,
    }


def test_a_one_language_corpus_says_nothing_about_languages(corpus, features):
    table = summarise_languages(corpus, features)
    assert list(table["language"]) == ["en"] and table["no_feature"].iloc[0] == 0
    assert describe_languages(table, shared=False, n_features=len(features.vocabulary)) == ""
    forced = describe_languages(table, shared=True, n_features=len(features.vocabulary))
    assert "keeps them all" in forced


def test_no_shared_feature_is_said_with_the_way_out():
    documents = pd.DataFrame(
        {
            "doc_id": ["e1", "e2", "z1", "z2"],
            "date": "2023-01-01",
            "language": ["en", "en", "zh", "zh"],
            "text": ["Water and power.", "Water and power again.", "北京 水务", "北京 水务 集团"],
        }
    )
    features, note = prepare_features(corpus_from_texts(documents), shared=True)
    assert features is None
    assert "in passages of every language (English and Chinese)" in note
    assert "shared_features = False" in note


def test_a_passage_without_features_has_no_doubtful_topic(mixed_corpus):
    model = fit_topics(build_features(mixed_corpus, shared=True), k=4)
    empty = set(model.passages.loc[model.passages["dominant_topic"] < 0, "passage"])
    assert empty  # some passages hold no concept at all
    doubtful = find_uncertain_passages(model)
    assert not empty & set(doubtful["passage"])


def test_a_topic_with_few_passages_does_not_count_passages_without_it(mixed_corpus):
    model = fit_topics(build_features(mixed_corpus, shared=True), k=4)
    mixing = score_language_mixing(model, n=len(model.passages))
    held = (model.weights > 0).sum(axis=0)
    assert list(mixing["en"] + mixing["zh"]) == list(held)
    assert list(mixing["topic"]) == list(range(model.k))


def test_shared_features_make_the_topics_of_the_mixed_example_mix_languages(comparison):
    table = comparison.table.set_index("features")
    assert table.loc["every", "n_mixed"] == 0  # every topic is English or Chinese
    assert table.loc["shared", "share_mixed"] >= 0.5
    assert table.loc["shared", "n_features"] < table.loc["every", "n_features"]
    assert set(comparison.mixing["features"]) == {"every", "shared"}
    assert len(comparison.mixing) == 2 * 4


def test_the_comparison_is_told_from_its_table(comparison):
    names = {"000_2631aee1e2903283": "000"}
    text = describe_language_comparison(comparison, doc_labels=names)
    shared = comparison.table.set_index("features").loc["shared"]
    assert "89 passages (55 in English and 34 in Chinese)" in text
    assert "none of the 4 topics (0%) mix languages" in text
    assert f"{int(shared['n_mixed'])} of the 4 topics ({100 * shared['share_mixed']:.0f}%)" in text
    # The English pilot-enterprise page and its Chinese renderings share a topic.
    assert re.search(r"topic \d \(000, bewg\\-pilot\\-zh\\-hans and bewg", text)


@pytest.mark.parametrize(
    ("rows", "shared", "expected"),
    [
        (
            [(0, "0: a", 5, 0, False), (1, "1: b", 0, 5, False)],
            False,
            "none of the 2 topics (0%) mix languages among their five best passages. Each "
            "topic keeps to one language: topic 0 (English) and topic 1 (Chinese), so a topic "
            "says which language",
        ),
        (
            [(0, "0: a", 3, 2, True), (1, "1: b", 5, 0, False), (2, "2: c", 1, 4, True)],
            True,
            "Fitted on shared features, 2 of the 3 topics (67%) mix languages among their five "
            "best passages. One topic keeps to one language: topic 1 (English).",
        ),
        ([(0, "0: a", 3, 2, True)], True, "1 of the 1 topic (100%) mixes languages among its"),
    ],
)
def test_language_mixing_in_words(rows, shared, expected):
    assert expected in describe_language_mixing(mixing_table(rows), shared=shared)


def test_one_language_has_no_mixing_to_tell():
    table = pd.DataFrame({"topic": [0], "label": ["0: a"], "en": [5], "mixed": [False]})
    assert describe_language_mixing(table, shared=False) == ""


def test_documents_without_a_topic_are_counted_apart(mixed_corpus, model):
    counts = summarise_document_mix(model).iloc[0]
    assert (counts["documents"], counts["no_topic"]) == (5, 0)
    assert f"{counts['mostly_one_topic']} of the 5 documents are mostly" in describe_documents(
        model
    )
    documents = mixed_corpus.documents.set_index("doc_id")
    documents = documents.loc[["001_33d0282d90ecd6c5", "a1-1x-briefing", "a2-1x-pilot-schools"]]
    extra = documents.iloc[[1]].assign(
        text="北京水务集团今天开会。"
    )  # no concept: no shared feature
    documents = pd.concat([documents, extra.rename(index={"a1-1x-briefing": "z9"})])
    documents = documents.reset_index(names="doc_id")
    shared = fit_topics(build_features(corpus_from_texts(documents), shared=True), k=2)
    counts = summarise_document_mix(shared).iloc[0]
    assert counts["no_topic"] == 1
    text = describe_documents(shared)
    assert "1 document holds no feature of the model and so has no topic" in text
    assert "0.0%" not in text
