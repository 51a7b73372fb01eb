"""Topic models of passages: passages, concept features, coherence, stability, choosing k, tables.

The last section is the sweep at scale: shared counts, adaptive seeds, early stopping,
incremental fits and workers.
"""

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from iecorpus import load_corpus, paths, topics
from iecorpus.topic_findings import compare_methods, describe_method_comparison, plan_sweep
from iecorpus.topics import (
    PassageFeatures,
    _coherence,
    _estimator,
    _jaccard_match,
    _merge_headings,
    _want_progress,
    assess_topics,
    best_passages,
    build_features,
    choose_k,
    count_seeds,
    cross_tabulate,
    find_uncertain_passages,
    fit_topics,
    plot_document_topics,
    plot_passage_topics,
    plot_prevalence,
    plot_sweep,
    plot_topic_terms,
    score_separation,
    split_passages,
    sweep_topics,
    topic_prevalence,
)

ZH_DIR = paths.EXAMPLE_TOPICS_ZH_DIR
HENAN = "004_0090a7bf180e0140"


@pytest.fixture(scope="module")
def zh_corpus():
    return load_corpus(ZH_DIR)


def henan_topic(model):
    return int(model.passages[model.passages["doc_id"] == HENAN]["dominant_topic"].iloc[0])


def passage_features(tmp_path, body, *, headline="A headline about pilots 2021-05-26"):
    """The features of each passage of a one-page corpus."""
    (tmp_path / "page.txt").write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
    features = build_features(load_corpus(tmp_path), min_df=1)
    return [
        [features.vocabulary[i] for i in features.sequence[a:b] if i >= 0]
        for a, b in zip(features.bounds[:-1], features.bounds[1:], strict=True)
    ]


# ---------------------------------------------------------------------------- passages


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        # a heading joins the paragraph after it
        ([(0, 10, False), (12, 20, True), (22, 40, False)], [(0, 10), (12, 40)]),
        # two headings in a row join the same paragraph
        ([(0, 5, True), (7, 9, True), (11, 30, False)], [(0, 30)]),
        # a heading that ends the document joins the paragraph before it
        ([(0, 10, False), (12, 20, True)], [(0, 20)]),
        # a document of headings only is one passage
        ([(0, 10, True), (12, 20, True)], [(0, 20)]),
        ([(0, 10, False), (12, 20, False)], [(0, 10), (12, 20)]),
    ],
)
def test_headings_join_a_neighbouring_passage(spans, expected):
    assert _merge_headings(spans) == expected


def test_paragraph_passages_of_the_embedded_corpus(corpus):
    passages = split_passages(corpus)
    n_headings = int(corpus.paragraphs["is_heading"].sum())
    assert len(passages) == len(corpus.paragraphs) - n_headings == 55
    texts = corpus.documents.set_index("doc_id")["text"]
    for row in passages.itertuples():
        assert row.text == texts[row.doc_id][row.start : row.end]
    first = passages[passages["text"].str.startswith("What is 1+X certificate?")]
    assert first["text"].str.contains("“1” is the academic certificate").all()
    assert passages["date"].tolist()[0] == "2021-05-26" and passages["year"].iloc[0] == "2021"


@pytest.mark.parametrize(
    ("unit", "check"),
    [
        ("document", lambda p, c: len(p) == len(c.documents)),
        ("sentence", lambda p, c: len(p) == 143 - 5),  # the five headings join a sentence
        ("window", lambda p, c: (p["text"].map(len) > 0).all() and len(p) < 143 / 2),
    ],
)
def test_other_units(corpus, unit, check):
    passages = split_passages(corpus, unit=unit, window=3)
    assert check(passages, corpus)


def test_a_window_holds_at_most_that_many_sentences(corpus):
    passages = split_passages(corpus, unit="window", window=2)
    sentences = corpus.sentences
    for row in passages.itertuples():
        inside = sentences[
            (sentences["doc_id"] == row.doc_id)
            & (sentences["start"] >= row.start)
            & (sentences["end"] <= row.end)
        ]
        heading_sentences = inside["paragraph"].isin(
            corpus.paragraphs.query("is_heading and doc_id == @row.doc_id")["paragraph"]
        )
        assert 1 <= (~heading_sentences).sum() <= 2


# ---------------------------------------------------------------------------- features


@pytest.mark.parametrize(
    ("body", "present", "absent"),
    [
        (
            "This year the city will deepen the integration of industry and education, "
            "school-enterprise cooperation, and industry-education integration of colleges.",
            ["concept:industry_education_integration", "concept:school_enterprise_cooperation"],
            ["integration", "industry", "school-enterprise", "cooperation"],
        ),
        (
            "Up to now, 4 companies under BEWG have successfully been approved to be integrated "
            "enterprises of industry and education.",
            ["concept:integrated_enterprise", "bewg", "company"],
            ["integrated", "enterprise"],
        ),
        (
            "The “1+X” certificate contributes to the integration of education standards and "
            "corporate standards.",
            ["concept:one_plus_x_certificate", "integration", "standard"],
            ["certificate"],
        ),
        (
            "各地要推动產教融合与校企合作走深走实，深化产教融合。",
            ["concept:industry_education_integration", "concept:school_enterprise_cooperation"],
            ["產教融合", "产教融合", "校企合作"],
        ),
    ],
)
def test_a_concept_replaces_the_words_it_is_written_with(tmp_path, body, present, absent):
    headline = "试点新闻标题 2021-05-26" if "融合" in body else "A headline about pilots 2021-05-26"
    tokens = passage_features(tmp_path, body, headline=headline)[0]
    assert set(present) <= set(tokens)
    assert not set(absent) & set(tokens)


def test_traditional_and_simplified_renderings_are_one_concept(tmp_path):
    tokens = passage_features(
        tmp_path, "深化產教融合。\n\n深化产教融合。", headline="标题 2021-05-26"
    )
    assert tokens[0] == tokens[1] == ["深化", "concept:industry_education_integration"]


def test_features_of_the_embedded_corpus(features):
    assert isinstance(features, PassageFeatures)
    assert list(features.vocabulary) == sorted(features.vocabulary)
    df = np.asarray((features.counts > 0).sum(axis=0)).ravel()
    assert df.min() >= 2  # min_df: a word of one paragraph cannot make a topic
    assert features.counts.shape == (55, len(features.vocabulary))
    assert features.show("concept:one_plus_x_certificate") == "[1+X certificate system]"
    assert features.show("bewg") == "bewg"
    assert (features.passages["n_tokens"] == np.diff(features.bounds)).all()


def test_chinese_corpus_shows_concepts_in_chinese(zh_corpus):
    features = build_features(zh_corpus)
    assert features.show("concept:vocational_education_group") == "[职业教育集团]"


# ---------------------------------------------------------------------------- coherence


def toy_features(passages: list[list[str]], vocabulary: list[str]) -> PassageFeatures:
    ids = {t: k for k, t in enumerate(vocabulary)}
    sequence = np.array([ids.get(t, -1) for p in passages for t in p], dtype=np.int64)
    bounds = np.concatenate([[0], np.cumsum([len(p) for p in passages])])
    rows = [k for k, p in enumerate(passages) for t in p if t in ids]
    cols = [ids[t] for p in passages for t in p if t in ids]
    from scipy import sparse

    counts = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int64), (rows, cols)),
        shape=(len(passages), len(vocabulary)),
    )
    table = pd.DataFrame({"passage": range(len(passages)), "n_tokens": np.diff(bounds)})
    return PassageFeatures(table, np.array(vocabulary, dtype=object), counts, sequence, bounds, {})


@pytest.mark.parametrize(
    ("passages", "top", "npmi", "umass"),
    [
        # always together: NPMI 1; UMass log((2 + 1) / 2)
        ([["a", "b"], ["a", "b"], ["c"], ["c"]], [0, 1], 1.0, math.log(3 / 2)),
        # never together: NPMI -1; UMass log((0 + 1) / 2)
        ([["a"], ["a"], ["b"], ["b"]], [0, 1], -1.0, math.log(1 / 2)),
        # independent: p(a, b) = p(a) p(b) = 1/4, NPMI 0
        ([["a", "b"], ["a"], ["b"], ["c"]], [0, 1], 0.0, math.log(2 / 2)),
        # more than 10 tokens apart in one passage: not in one window
        ([["a"] + ["x"] * 10 + ["b"]], [0, 1], -1.0, math.log(2 / 1)),
        # within 10 tokens: together in every window that holds both
        ([["a"] + ["x"] * 8 + ["b"]], [0, 1], 1.0, math.log(2 / 1)),
    ],
)
def test_npmi_and_umass_on_hand_made_passages(passages, top, npmi, umass):
    table = _coherence(toy_features(passages, ["a", "b", "c"]), [top])
    assert table.at[0, "npmi"] == pytest.approx(npmi, abs=1e-9)
    assert table.at[0, "umass"] == pytest.approx(umass)


def test_npmi_counts_sliding_windows_as_roeder_et_al(features, model):
    """The vectorised counts equal a plain count over every window of 10 tokens."""
    tops = model.top_terms()
    windows = []
    for a, b in zip(features.bounds[:-1], features.bounds[1:], strict=True):
        seq = list(features.sequence[a:b])
        windows += [set(seq[i : i + 10]) for i in range(max(len(seq) - 9, 1)) if seq]
    expected = []
    for top in tops:
        values = []
        for j in range(len(top)):
            for i in range(j):
                p_i = sum(top[j] in w for w in windows) / len(windows)
                p_j = sum(top[i] in w for w in windows) / len(windows)
                p_ij = sum(top[i] in w and top[j] in w for w in windows) / len(windows)
                values.append(-1 if p_ij == 0 else math.log(p_ij / p_i / p_j) / -math.log(p_ij))
        expected.append(np.mean(values))
    assert _coherence(features, tops)["npmi"].tolist() == pytest.approx(expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([[1, 2, 3], [4, 5, 6]], [[4, 5, 6], [1, 2, 3]], [1.0, 1.0]),  # same topics, reordered
        ([[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]], [0.0, 0.0]),
        ([[1, 2, 3, 4], [5, 6, 7, 8]], [[5, 6, 7, 9], [1, 2, 3, 4]], [1.0, 3 / 5]),
    ],
)
def test_topics_are_matched_one_to_one_by_jaccard(a, b, expected):
    assert _jaccard_match(a, b).tolist() == pytest.approx(expected)


# ---------------------------------------------------------------------------- models


def test_the_same_seed_gives_the_same_topics(features):
    for method in ("nmf", "lda"):
        first = fit_topics(features, k=4, method=method, seed=3)
        again = fit_topics(features, k=4, method=method, seed=3)
        assert np.array_equal(first.weights, again.weights)
        pd.testing.assert_frame_equal(first.topic_terms, again.topic_terms)


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_model_tables(features, method):
    model = fit_topics(features, k=3, method=method)
    assert list(model.topic_terms.columns) == ["topic", "term", "weight", "rank", "display"]
    assert model.topic_terms.groupby("topic")["rank"].apply(list).map(len).eq(10).all()
    assert list(model.doc_topics.columns) == ["doc_id", "topic", "weight"]
    assert model.doc_topics.groupby("doc_id")["weight"].sum().to_numpy() == pytest.approx(1.0)
    for column in ["doc_id", "date", "text", "dominant_topic", "weight", "second_weight"]:
        assert column in model.passages
    assert model.weights.sum(axis=1) == pytest.approx(1.0)
    assert (model.passages["weight"] >= model.passages["second_weight"]).all()
    prevalence = model.labels["prevalence"].to_numpy()
    assert (np.diff(prevalence) <= 0).all()  # topic 0 is the largest
    assert prevalence.sum() == pytest.approx(1.0)
    assert model.labels["n_passages"].sum() == len(model.passages)


def test_the_henan_group_gets_a_topic_of_its_own(model):
    henan = model.passages[model.passages["doc_id"] == HENAN]["dominant_topic"]
    assert henan.nunique() == 1
    topic = int(henan.iloc[0])
    terms = model.topic_terms[model.topic_terms["topic"] == topic]["term"].tolist()
    assert {"henan", "energy", "concept:vocational_education_group"} <= set(terms)
    others = model.passages[model.passages["doc_id"] != HENAN]["dominant_topic"]
    assert (others != topic).all()
    assert score_separation(model).at[0, "nmi"] > 0.7


def test_chinese_topics_follow_the_three_stories(zh_corpus):
    model = fit_topics(zh_corpus, k=3)
    stories = {d: d[0] for d in zh_corpus.documents["doc_id"]}
    scores = score_separation(model, groups=stories)
    assert scores.at[0, "completeness"] == pytest.approx(1.0)
    assert scores.at[0, "homogeneity"] == pytest.approx(1.0)
    # the traditional page on the 1+X pilot lands with the simplified one
    assert (cross_tabulate(model) > 0).sum(axis=1).tolist() == [2, 2, 2]
    by_doc = model.passages.groupby("doc_id")["dominant_topic"].first()
    assert by_doc["a1-1x-briefing"] == by_doc["a2-1x-pilot-schools"]
    assert by_doc["b1-henan-group"] == by_doc["b2-group-council"]


def test_large_corpora_use_online_lda():
    assert _estimator("lda", 5, 0, 400, None).learning_method == "batch"
    online = _estimator("lda", 5, 0, 100_000, None)
    assert online.learning_method == "online" and online.max_iter == 10


# ---------------------------------------------------------------------------- choosing k


def test_sweep_reports_coherence_and_stability(features):
    sweep = sweep_topics(features, ks=[2, 3], method=("nmf", "lda"), seeds=(0, 1))
    assert list(sweep.columns) == [
        "method",
        "k",
        "npmi",
        "npmi_min",
        "umass",
        "stability",
        "stability_min",
    ]
    assert sweep[["method", "k"]].values.tolist() == [
        ["nmf", 2],
        ["nmf", 3],
        ["lda", 2],
        ["lda", 3],
    ]
    assert sweep["npmi"].between(-1, 1).all() and (sweep["umass"] < 0).all()
    assert sweep["stability"].between(0, 1).all()
    assert (sweep["npmi_min"] <= sweep["npmi"]).all()
    # three NMF topics come out the same from either seed
    assert sweep.query("method == 'nmf' and k == 3")["stability"].item() == pytest.approx(1.0)


def test_sweep_on_subsamples(features):
    sweep = sweep_topics(features, ks=[3], seeds=(0, 1, 2), sample=0.7)
    assert 0 < sweep.at[0, "stability"] < 1  # losing passages moves the top terms


def sweep_table(rows):
    columns = ["method", "k", "npmi", "npmi_min", "umass", "stability", "stability_min"]
    return pd.DataFrame([(m, k, n, lo, -0.5, s, s) for m, k, n, lo, s in rows], columns=columns)


@pytest.mark.parametrize(
    ("rows", "expected", "words"),
    [
        # the highest npmi_min among stable k, not the highest mean
        (
            [
                ("nmf", 2, 0.14, -0.05, 1.0),
                ("nmf", 3, 0.10, 0.01, 1.0),
                ("nmf", 4, 0.05, -0.1, 0.9),
            ],
            ("nmf", 3),
            "least coherent topic is the most coherent",
        ),
        # an unstable k does not count, however coherent
        (
            [("nmf", 3, 0.10, 0.01, 0.7), ("nmf", 4, 0.05, -0.02, 0.85)],
            ("nmf", 4),
            "stable models",
        ),
        # ties on npmi_min go to the higher mean, then to the smaller k
        (
            [
                ("nmf", 5, 0.06, 0.010, 0.9),
                ("nmf", 4, 0.06, 0.012, 0.9),
                ("lda", 3, 0.07, 0.008, 0.9),
            ],
            ("lda", 3),
            "LDA with k=3",
        ),
        ([("nmf", 5, 0.06, 0.01, 0.9), ("nmf", 4, 0.06, 0.01, 0.9)], ("nmf", 4), "NMF with k=4"),
        # nothing stable: the most stable, with a warning
        ([("lda", 2, 0.0, -0.1, 0.6), ("lda", 3, 0.0, -0.1, 0.5)], ("lda", 2), "caution"),
    ],
)
def test_choose_k_rule(rows, expected, words):
    choice = choose_k(sweep_table(rows))
    assert (choice.method, choice.k) == expected
    assert words in choice.reason


# ---------------------------------------------------------------------------- reading a model


def test_assess_topics(model):
    table = assess_topics(model, seeds=(1, 2))
    assert list(table["topic"]) == [0, 1, 2]
    assert table["stability"].between(0, 1).all()
    assert (
        table.at[henan_topic(model), "npmi"] == table["npmi"].max()
    )  # energy, power, Henan: one story


def test_best_passages(model):
    table = best_passages(model, n=2, width=80)
    assert len(table) == 2 * model.k
    assert (table["text"].str.len() <= 80).all()
    assert (table.groupby("topic")["share"].apply(lambda s: s.is_monotonic_decreasing)).all()
    henan = henan_topic(model)
    assert (table[table["topic"] == henan]["doc_id"] == HENAN).all()


def test_prevalence_by_year(model):
    table = topic_prevalence(model)
    assert sorted(table["year"].unique()) == ["2020", "2021", "2022", "2024"]
    assert table.groupby("year")["prevalence"].sum().to_numpy() == pytest.approx(1.0)
    assert table.drop_duplicates("year").set_index("year").at["2021", "n_documents"] == 2


def test_cross_tabulate_counts_every_passage(model):
    table = cross_tabulate(model, doc_labels={HENAN: "004"})
    counts = model.passages["doc_id"].value_counts().rename({HENAN: "004"})
    assert table.sum(axis=0).to_dict() == counts.to_dict()
    assert table.index[0].startswith("0: ") and "004" in table.columns
    assert (table["004"] > 0).sum() == 1  # the Henan group's passages share one topic


def test_uncertain_passages(model):
    table = find_uncertain_passages(model, min_share=0.6, min_margin=0.2)
    assert ((table["weight"] < 0.6) | (table["margin"] < 0.2)).all()
    assert table["margin"].is_monotonic_increasing
    assert set(table["why"]) <= {"low share", "close second", "low share and close second"}


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda c: split_passages(c, unit="chapter"), ["unit 'chapter'", "'paragraph'"]),
        (lambda c: split_passages(c, unit="window", window=0), ["window", "at least 1"]),
        (lambda c: fit_topics(c, k=3, method="lsa"), ["method 'lsa'", "'nmf'", "'lda'"]),
        (lambda c: fit_topics(c, k=80), ["k=80", "55 passages", "between 1 and 55"]),
        (lambda c: fit_topics(c, k=2, unit="document", min_df=6), ["min_df=6", "lower min_df"]),
        (lambda c: sweep_topics(c, ks=[2], seeds=(0,)), ["at least two seeds"]),
    ],
)
def test_bad_input_says_what_to_do(corpus, call, words):
    with pytest.raises(ValueError) as error:
        call(corpus)
    for word in words:
        assert word in str(error.value)


def test_choose_k_names_the_methods_a_sweep_holds():
    with pytest.raises(ValueError, match="holds no rows for method='lda' .*holds nmf"):
        choose_k(sweep_table([("nmf", 2, 0.1, 0.0, 1.0)]), method="lda")
    with pytest.raises(ValueError, match="sweep is empty: run sweep_topics with at least one k"):
        choose_k(sweep_table([]))


# ---------------------------------------------------------------------------- progress, figures


def test_progress_bar_only_for_long_sweeps(monkeypatch):
    monkeypatch.delenv("IECORPUS_PROGRESS", raising=False)
    assert not _want_progress(None, 1_000)
    assert _want_progress(None, 10_000_000)
    monkeypatch.setenv("IECORPUS_PROGRESS", "0")
    assert not _want_progress(None, 10_000_000)
    assert _want_progress(True, 1)


def test_figures(model, features, zh_corpus):
    sweep = sweep_topics(features, ks=[2, 3], seeds=(0, 1))
    labels = {d: d[:3] for d in model.passages["doc_id"]}
    figures = [
        plot_sweep(sweep, choice=choose_k(sweep)),
        plot_topic_terms(model),
        plot_passage_topics(model, doc_labels=labels),
        plot_document_topics(model, doc_labels=labels),
        plot_prevalence(model),
        plot_topic_terms(fit_topics(zh_corpus, k=3)),
    ]
    assert all(isinstance(f, Figure) for f in figures)
    assert len(figures[0].axes) == 3
    assert len([a for a in figures[1].axes if a.get_visible()]) == 3
    assert [t.get_text() for t in figures[2].axes[0].get_xticklabels()] == list(
        dict.fromkeys(labels.values())
    )
    years = [t.get_text().split("\n")[0] for t in figures[4].axes[0].get_xticklabels()]
    assert years == ["2020", "2021", "2022", "2023", "2024"]  # the empty year is shown
    zh_labels = [t.get_text() for t in figures[5].axes[0].get_yticklabels()]
    assert any("职业教育集团" in label for label in zh_labels)


def test_heatmaps_of_many_documents_stay_readable(model):
    fig = plot_document_topics(model, max_documents=2)
    names = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert names == ["001_33d0282d90ecd6c5", "003_604234b46fa3af89"]  # the two longest
    assert "the 2 longest of 5 documents" in fig.axes[0].get_title()


# ---------------------------------------------------------------------------- at scale


@pytest.fixture
def fresh(corpus):
    """Features with nothing cached yet (the module fixture may have been used by others)."""
    return build_features(corpus)


def brute_force_windows(features, terms, size):
    """Windows and pairs counted the slow, obvious way: one Python set per window."""
    terms = set(int(t) for t in terms)
    n_windows, single, joint = 0, {}, {}
    for a, b in itertools.pairwise(features.bounds):
        seq = [int(i) for i in features.sequence[a:b]]
        if not seq:
            continue
        for start in range(max(len(seq) - size + 1, 1)):
            seen = {i for i in seq[start : start + size] if i in terms}
            n_windows += 1
            for t in seen:
                single[t] = single.get(t, 0) + 1
            for s, t in itertools.combinations(sorted(seen), 2):
                joint[s, t] = joint.get((s, t), 0) + 1
    return n_windows, single, joint


def test_the_sparse_window_count_is_the_obvious_count(features):
    terms = np.unique(np.concatenate([np.arange(0, 40), np.arange(200, 230)]))
    n_windows, single, joint = topics._window_counts(features, terms, 10, chunk=500)
    expected_n, expected_single, expected_joint = brute_force_windows(features, terms, 10)
    assert n_windows == expected_n
    assert dict(zip(terms.tolist(), single.tolist(), strict=True)) == {
        int(t): expected_single.get(int(t), 0) for t in terms
    }
    dense = joint.toarray()
    assert (dense == dense.T).all() and (np.diag(dense) == single).all()
    found = {
        (int(terms[i]), int(terms[j])): int(dense[i, j])
        for i, j in zip(*np.nonzero(np.triu(dense, 1)), strict=True)
    }
    assert found == expected_joint


def test_a_sweep_counts_the_corpus_once_and_weights_it_once(fresh, monkeypatch):
    calls = {"windows": 0, "tfidf": 0}
    count, weigh = topics._window_counts, topics._tfidf

    def counting(*args, **kwargs):
        calls["windows"] += 1
        return count(*args, **kwargs)

    def weighing(*args, **kwargs):
        calls["tfidf"] += 1
        return weigh(*args, **kwargs)

    monkeypatch.setattr(topics, "_window_counts", counting)
    monkeypatch.setattr(topics, "_tfidf", weighing)
    sweep_topics(fresh, ks=[2, 3, 4], seeds=[0, 1, 2])
    assert calls == {"windows": 1, "tfidf": 1}  # nine fits, one count, one TF-IDF
    model = fit_topics(fresh, k=3, seed=0)
    assess_topics(model, seeds=[1, 2])  # the same topics again: nothing is recounted
    assert calls == {"windows": 1, "tfidf": 1}


def test_shared_counts_score_as_a_count_of_one_fit_alone(corpus, features):
    """Coherence from the counts shared by a sweep equals coherence counted for one fit."""
    model = fit_topics(features, k=4, seed=1)
    tops = model.top_terms(10)
    sweep_topics(features, ks=[2, 5, 8], seeds=[0, 1])  # the cache now covers other terms
    shared = topics._coherence(features, tops)
    alone = topics._coherence(build_features(corpus), tops)
    pd.testing.assert_frame_equal(shared, alone)


@pytest.mark.parametrize(
    ("n_passages", "n_seeds"),
    [(10, 5), (1_000, 5), (1_001, 4), (10_000, 4), (10_001, 3), (1_000_000, 3)],
)
def test_the_number_of_seeds_follows_the_corpus_size(n_passages, n_seeds):
    assert count_seeds(n_passages) == n_seeds


def test_a_sweep_without_seeds_uses_those_the_corpus_size_gives(features):
    default = sweep_topics(features, ks=[2, 3])
    given = sweep_topics(features, ks=[2, 3], seeds=[0, 1, 2, 3, 4])
    pd.testing.assert_frame_equal(default, given)
    plan = plan_sweep(features, ks=[2, 3], methods=["nmf"])
    assert plan.seeds == [0, 1, 2, 3, 4] and plan.note == ""


def test_a_large_corpus_keeps_its_adaptive_seeds_and_drops_lda(features):
    plan = plan_sweep(features, ks=[2, 3], methods=["nmf", "lda"], large=10)
    assert plan.methods == ["nmf"] and plan.seeds == [0, 1, 2, 3, 4]
    assert "NMF only (not LDA)" in plan.note and "seeds" not in plan.note


def test_online_lda_stops_when_its_topics_stop_moving(features, monkeypatch):
    monkeypatch.setattr(topics, "LDA_BATCH_LIMIT", 10)  # the embedded passages go online
    # one mini-batch a pass moves slowly: a looser tolerance than a large corpus needs
    monkeypatch.setattr(topics, "LDA_ONLINE_TOL", 0.03)
    early = fit_topics(features, k=3, method="lda", seed=0)
    assert early.estimator.learning_method == "online"
    assert 1 < early.estimator.n_iter_ < topics.LDA_ONLINE_ITER
    monkeypatch.setattr(topics, "LDA_ONLINE_TOL", 0.0)
    full = fit_topics(features, k=3, method="lda", seed=0)
    assert full.estimator.n_iter_ == topics.LDA_ONLINE_ITER
    assert np.allclose(early.weights.sum(axis=1)[early.passages["n_tokens"] > 0], 1.0)


# 55 passages in one mini-batch: MiniBatchNMF runs out of epochs, as it may
@pytest.mark.filterwarnings(
    "ignore:Maximum number of iterations:sklearn.exceptions.ConvergenceWarning"
)
def test_the_incremental_path_transforms_in_partitions(features, monkeypatch):
    whole = fit_topics(features, k=3, seed=0, incremental=True)
    assert type(whole.estimator).__name__ == "MiniBatchNMF"
    monkeypatch.setattr(topics, "TRANSFORM_PARTITION", 7)
    parts = fit_topics(features, k=3, seed=0, incremental=True)
    # each partition's shares are solved to a tolerance: close to the whole's, not equal
    assert np.abs(whole.weights - parts.weights).max() < 0.02
    assert (whole.passages["dominant_topic"] == parts.passages["dominant_topic"]).mean() > 0.95
    assert np.allclose(parts.weights.sum(axis=1), 1.0)
    assert not fit_topics(features, k=3, seed=0).estimator.__class__.__name__.startswith("Mini")


# 55 passages in one mini-batch: MiniBatchNMF runs out of epochs, as it may
@pytest.mark.filterwarnings(
    "ignore:Maximum number of iterations:sklearn.exceptions.ConvergenceWarning"
)
def test_the_incremental_path_switches_on_with_the_corpus_size(features, monkeypatch):
    monkeypatch.setattr(topics, "INCREMENTAL_PASSAGES", 10)
    assert type(fit_topics(features, k=3, seed=0).estimator).__name__ == "MiniBatchNMF"
    exact = fit_topics(features, k=3, seed=0, incremental=False)
    assert type(exact.estimator).__name__ == "NMF"


def test_lda_is_set_beside_the_chosen_model_once(features):
    table = compare_methods(features, k=3, seed=0)
    assert table[["method", "k"]].values.tolist() == [["nmf", 3], ["lda", 3]]
    assert (table["npmi_min"] <= table["npmi"]).all() and table["nmi"].between(0, 1).all()
    words = describe_method_comparison(table, swept=["nmf"])
    assert "Fitted once each with 3 topics" in words
    assert 'add `"lda"` to `methods`' in words
    assert "not in the sweep" not in describe_method_comparison(table, swept=["nmf", "lda"])


@pytest.mark.slow
@pytest.mark.filterwarnings(
    "ignore:Maximum number of iterations:sklearn.exceptions.ConvergenceWarning"
)
def test_two_workers_give_the_same_sweep_and_shares(features, monkeypatch):
    from iecorpus.engine import close_cluster

    monkeypatch.setattr(topics, "TRANSFORM_PARTITION", 20)  # three partitions, two workers
    try:
        serial = sweep_topics(features, ks=[2, 3, 4], method=("nmf", "lda"), seeds=[0, 1, 2])
        parallel = sweep_topics(
            build_features_like(features),
            ks=[2, 3, 4],
            method=("nmf", "lda"),
            seeds=[0, 1, 2],
            workers=2,
        )
        pd.testing.assert_frame_equal(serial, parallel)
        here = fit_topics(features, k=3, seed=0, incremental=True)
        there = fit_topics(features, k=3, seed=0, incremental=True, workers=2)
        assert np.array_equal(here.weights, there.weights)
    finally:
        close_cluster()


def build_features_like(features):
    """The same features with an empty cache, so that the workers' run counts afresh."""
    import dataclasses

    return dataclasses.replace(features, cache={})
