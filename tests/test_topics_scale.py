"""The topic sweep at scale: shared counts, adaptive seeds, early stopping, incremental fits, workers."""

import itertools

import numpy as np
import pandas as pd
import pytest

from iecorpus import topics
from iecorpus.topic_findings import compare_methods, describe_method_comparison, plan_sweep
from iecorpus.topics import (
    assess_topics,
    build_features,
    count_seeds,
    fit_topics,
    sweep_topics,
)


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
