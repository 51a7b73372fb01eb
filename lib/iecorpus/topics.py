"""Topic models of passages: NMF and LDA, the number of topics chosen by coherence and stability.

Five documents are too few to model as documents, so the unit is the *passage*: a paragraph
by default, or a sentence, a window of sentences, or a whole document. Headings are not
passages of their own: a heading is joined to the paragraph (or sentence) after it, or to
the one before it when it ends its document.

A passage is represented by its content tokens (:func:`iecorpus.tokens.tokenize` rules:
lower case, singular, simplified Chinese, no stopwords) in which every glossary concept
found by :func:`iecorpus.terms.locate_concepts` *replaces* the words it is written with
(the corpus is tokenized once, by :func:`iecorpus.index.index_corpus`): "integration
of industry and education", "industry-education integration" and 产教融合 all become the one
feature ``concept:industry_education_integration``, and their words ("industry",
"integration") are not counted again. English and Chinese tokens share one vocabulary; the
concepts are what the two languages have in common.

Two models, both from scikit-learn with a fixed seed: NMF on TF-IDF weights and LDA on
counts. The number of topics is chosen from evidence (:func:`sweep_topics`): the coherence
of each topic's top terms in the corpus itself (NPMI over a sliding window, Röder et al.
2015; UMass, Mimno et al. 2011) and the stability of the topics across random seeds (mean
Jaccard agreement of matched top-term sets, Greene et al. 2014).

A sweep builds the passage-term matrix and its TF-IDF weights once, fits its models as tasks
of :func:`iecorpus.engine.map_tasks` (in this process, or on Dask workers with ``workers``),
and scores the coherence of every fit from one sparse co-occurrence count. From
``INCREMENTAL_PASSAGES`` passages a model is learnt incrementally (``MiniBatchNMF``, online
LDA) and the passages' topic shares are computed in partitions.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from numbers import Integral
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from scipy import sparse
from scipy.optimize import linear_sum_assignment

from . import paths
from .chinese import shorten
from .figures import draw_with_style
from .index import index_corpus
from .progress import ENV_VARIABLE, track

#: The passage units :func:`split_passages` knows.
UNITS = ("paragraph", "sentence", "window", "document")
#: The models :func:`fit_topics` knows.
METHODS = ("nmf", "lda")
#: Concept features are named with this prefix and the concept id.
CONCEPT_PREFIX = "concept:"
#: Width of the sliding window of the NPMI coherence, in content tokens (Röder et al. 2015).
NPMI_WINDOW = 10
#: Top terms per topic that coherence and stability look at.
TOP_N = 10
#: Topics whose top terms agree this well across seeds (mean Jaccard) count as stable.
MIN_STABILITY = 0.8
#: A sweep shows a progress bar (unless silenced) from this many passages × fits.
SWEEP_PROGRESS_WORK = 200_000
#: NMF stops when its error improves by less than this share between checks, or after
#: this many iterations (scikit-learn's coordinate descent, random start). The sweep's fits
#: converge well before the cap (on the embedded corpus in 24 to 296 iterations, k 2-8):
#: the cap only stops a fit that would not converge, and a looser tolerance would change
#: the topics. No warm start either: a run started from another seed's topics is not an
#: independent run, and stability compares independent runs.
NMF_TOL = 1e-4
NMF_MAX_ITER = 1000
#: LDA learns in batch up to this many passages, online (in mini-batches) above; the
#: iterations are full passes over the passages.
LDA_BATCH_LIMIT = 500
LDA_BATCH_SIZE = 256
LDA_BATCH_ITER = 50
LDA_ONLINE_ITER = 10
#: Online LDA stops early when no topic's term distribution moves by more than this
#: (half the L1 distance between one pass and the next, 0 to 1).
LDA_ONLINE_TOL = 0.01
#: From this many passages a model is learnt incrementally (MiniBatchNMF; online LDA,
#: as it always is above LDA_BATCH_LIMIT) and the passages' topic shares are computed
#: afterwards, in partitions that can run on several workers.
INCREMENTAL_PASSAGES = 200_000
#: Passages per mini-batch of MiniBatchNMF, and per partition when transforming.
NMF_BATCH_SIZE = 2048
TRANSFORM_PARTITION = 50_000
#: Seeds of a sweep when none are given, by corpus size (see :func:`count_seeds`):
#: up to the first number of passages, the first count of seeds; and so on.
SEED_STEPS = ((1_000, 5), (10_000, 4))
LEAST_SEEDS = 3

PASSAGE_COLUMNS = [
    "passage",
    "doc_id",
    "date",
    "year",
    "language",
    "start",
    "end",
    "n_tokens",
    "text",
]

# ---------------------------------------------------------------------------- passages


def _check_choice(name: str, value, allowed: Sequence) -> None:
    if value not in allowed:
        raise ValueError(
            f"{name} {value!r} is not supported: use one of {', '.join(map(repr, allowed))}."
        )


def _merge_headings(spans: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    """Join each heading span to the span after it (or, at the end, to the one before)."""
    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end, heading in spans:
        if heading:
            pending = start if pending is None else pending
            continue
        merged.append((start if pending is None else pending, end))
        pending = None
    if pending is not None:
        last_end = spans[-1][1]
        if merged:
            merged[-1] = (merged[-1][0], last_end)
        else:
            merged.append((pending, last_end))
    return merged


def _document_spans(corpus, unit: str, window: int) -> dict[str, list[tuple[int, int]]]:
    """The passage spans of each document, as offsets in its ``text``."""
    docs = corpus.documents
    if unit == "document":
        return {d: [(0, len(t))] for d, t in zip(docs["doc_id"], docs["text"], strict=True)}
    paragraphs = corpus.paragraphs
    heading = {
        (d, p): h
        for d, p, h in zip(
            paragraphs["doc_id"], paragraphs["paragraph"], paragraphs["is_heading"], strict=True
        )
    }
    if unit == "paragraph":
        table = paragraphs.assign(heading=paragraphs["is_heading"].astype(bool))
    else:
        sentences = corpus.sentences
        flags = [
            bool(heading.get((d, p), False))
            for d, p in zip(sentences["doc_id"], sentences["paragraph"], strict=True)
        ]
        table = sentences.assign(heading=flags)
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc_id, group in table.groupby("doc_id", sort=False):
        rows = list(zip(group["start"], group["end"], group["heading"], strict=True))
        merged = _merge_headings(sorted(rows))
        if unit == "window":
            merged = [
                (merged[k][0], merged[min(k + window, len(merged)) - 1][1])
                for k in range(0, len(merged), window)
            ]
        spans[doc_id] = merged
    return spans


def split_passages(corpus, *, unit: str = "paragraph", window: int = 3) -> pd.DataFrame:
    """Cut a corpus into the passages a topic model sees.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus`.
        unit: ``"paragraph"`` (default), ``"sentence"``, ``"window"`` (``window``
            consecutive sentences, not overlapping) or ``"document"``.
        window: Sentences per passage when ``unit="window"``.

    Returns:
        One row per passage, documents in corpus order: ``passage`` (0-based number),
        ``doc_id``, ``date``, ``year`` (``""`` when undated), ``language``, ``start`` and
        ``end`` (offsets in the document's ``text``), ``n_tokens`` (0 here; filled in by
        :func:`build_features`) and ``text``.

    Raises:
        ValueError: An unknown ``unit``, or ``window`` below 1.

    Note:
        A heading (``corpus.paragraphs.is_heading``) is joined to the passage after it,
        so that its words count with the text they introduce; a heading that ends its
        document is joined to the passage before it.
    """
    _check_choice("unit", unit, UNITS)
    if window < 1:
        raise ValueError(f"window must be at least 1 sentence, not {window!r}.")
    spans = _document_spans(corpus, unit, window)
    rows = []
    for record in corpus.documents.itertuples(index=False):
        date = str(record.date) if isinstance(record.date, str) else ""
        year = date[:4] if len(date) >= 4 else ""
        for start, end in spans.get(record.doc_id, []):
            rows.append(
                (
                    record.doc_id,
                    date,
                    year,
                    record.language,
                    start,
                    end,
                    0,
                    record.text[start:end],
                )
            )
    table = pd.DataFrame(rows, columns=PASSAGE_COLUMNS[1:])
    table.insert(0, "passage", np.arange(len(table)))
    return table


# ---------------------------------------------------------------------------- features


@dataclass(eq=False)
class PassageFeatures:
    """The passages of a corpus as features: counts for the models, token order for coherence.

    Attributes:
        passages: The table of :func:`split_passages`, with ``n_tokens`` (features in the
            passage, before the vocabulary is cut to ``min_df``/``max_df``).
        vocabulary: The features the models see, in alphabetical order: content tokens
            and ``concept:<id>`` features.
        counts: How often each feature occurs in each passage (passages × vocabulary,
            a SciPy CSR matrix of integers).
        sequence: Every feature occurrence of the corpus in reading order, as its index in
            ``vocabulary`` (-1 for features cut from the vocabulary).
        bounds: Passage ``k`` holds ``sequence[bounds[k]:bounds[k + 1]]``.
        display: A readable form of each feature: a concept is shown as its label in
            square brackets, ``[Industry-education integration]`` (``[产教融合]`` in a
            Chinese corpus); a token as itself.
        unit, window, min_df, max_df: The options the features were built with.
        cache: What is computed once from these features and reused by every model and
            sweep fitted to them: the TF-IDF weights, the co-occurrence counts of
            coherence. Empty when built; never edit the features after a fit.
    """

    passages: pd.DataFrame
    vocabulary: np.ndarray
    counts: sparse.csr_matrix
    sequence: np.ndarray
    bounds: np.ndarray
    display: dict[str, str]
    unit: str = "paragraph"
    window: int = 3
    min_df: int | float = 2
    max_df: int | float = 1.0
    cache: dict = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        return (
            f"<PassageFeatures: {len(self.passages):,} passages ({self.unit}), "
            f"{len(self.vocabulary):,} features, {int(self.counts.sum()):,} occurrences>"
        )

    def show(self, term: str) -> str:
        """Return the readable form of a feature."""
        return self.display.get(term, term)

    def tokens(self, passage: int) -> list[str]:
        """Return the features of a passage in reading order, as the models see them.

        Args:
            passage: The passage number.

        Returns:
            The readable form of each feature that is in the vocabulary.
        """
        ids = self.sequence[self.bounds[passage] : self.bounds[passage + 1]]
        return [self.show(self.vocabulary[i]) for i in ids if i >= 0]


def _concept_display(index, chinese: bool) -> dict[str, str]:
    glossary = index.glossary
    labels = glossary["label_zh"] if chinese else glossary["label_en"]
    return {
        CONCEPT_PREFIX + c: f"[{label}]"
        for c, label in zip(glossary["concept"], labels, strict=True)
    }


def _feature_stream(index, passages: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each feature occurrence in reading order: its passage, its feature id, and the names."""
    docs = {d: k for k, d in enumerate(index.documents["doc_id"])}
    big = max((len(t) for t in index.texts), default=0) + 1
    concepts = index.concepts
    concept_ids = {c: k for k, c in enumerate(index.glossary["concept"])}
    names = list(index.vocabulary) + [CONCEPT_PREFIX + c for c in index.glossary["concept"]]
    c_doc = concepts["doc_id"].map(docs).to_numpy(dtype=np.int64)
    c_start = c_doc * big + concepts["start"].to_numpy(dtype=np.int64)
    c_end = c_doc * big + concepts["end"].to_numpy(dtype=np.int64)
    order = np.argsort(c_start, kind="stable")
    c_start, c_end = c_start[order], c_end[order]
    c_feat = len(index.vocabulary) + concepts["concept"].map(concept_ids).to_numpy(dtype=np.int64)
    t_key = index.token_doc.astype(np.int64) * big + index.token_start
    inside = np.searchsorted(c_start, t_key, side="right") - 1
    covered = inside >= 0
    covered[covered] = t_key[covered] < c_end[inside[covered]]
    keys = np.concatenate([t_key[~covered], c_start])
    feats = np.concatenate([index.token_term[~covered].astype(np.int64), c_feat[order]])
    order = np.argsort(keys, kind="stable")
    keys, feats = keys[order], feats[order]
    p_doc = passages["doc_id"].map(docs).to_numpy(dtype=np.int64)
    p_start = p_doc * big + passages["start"].to_numpy(dtype=np.int64)
    p_end = p_doc * big + passages["end"].to_numpy(dtype=np.int64)
    which = np.searchsorted(p_start, keys, side="right") - 1
    ok = which >= 0
    ok[ok] = keys[ok] < p_end[which[ok]]
    return which[ok], feats[ok], names


def build_features(
    corpus,
    *,
    unit: str = "paragraph",
    window: int = 3,
    min_df: int | float = 2,
    max_df: int | float = 1.0,
    shared: bool = False,
) -> PassageFeatures:
    """Turn a corpus into passages of content tokens and concepts, ready for a topic model.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus`.
        unit: The passage unit (see :func:`split_passages`).
        window: Sentences per passage when ``unit="window"``.
        min_df: Keep features found in at least this many passages (an int) or this share
            of them (a float): a word of one paragraph cannot make a topic.
        max_df: Drop features found in more than this share of passages (a float) or
            this many (an int); 1.0 keeps them all.
        shared: Keep only the features found in passages of every language of the
            corpus: on a mixed English and Chinese corpus, the concepts (and the few
            symbols both write, such as 1+X), so that a topic is about content in both
            languages rather than about which language a passage is in (see
            :func:`score_language_mixing`). On a one-language corpus it changes nothing.

    Returns:
        The :class:`PassageFeatures`.

    Raises:
        ValueError: An unknown ``unit``, or a vocabulary left empty by ``min_df`` and
            ``max_df`` (the message says how many features there were).

    Note:
        The corpus is tokenized once (:func:`iecorpus.index.index_corpus`); building the
        features again with another unit reuses the tokens.
    """
    passages = split_passages(corpus, unit=unit, window=window)
    index = index_corpus(corpus)
    which, feats, names = _feature_stream(index, passages)
    n = len(passages)
    passages["n_tokens"] = np.bincount(which, minlength=n)
    counts = sparse.csr_matrix(
        (np.ones(len(feats), dtype=np.int64), (which, feats)), shape=(n, len(names))
    )
    counts.sum_duplicates()
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    low = min_df if isinstance(min_df, Integral) else math.ceil(min_df * n)
    high = max_df if isinstance(max_df, Integral) else math.floor(max_df * n)
    wanted = (df >= max(low, 1)) & (df <= high)
    if shared:
        wanted &= _in_every_language(counts, passages)
    keep = np.flatnonzero(wanted)
    if not len(keep):
        raise ValueError(
            f"No feature is left in {n} passages with min_df={min_df!r} and "
            f"max_df={max_df!r} ({int((df > 0).sum())} features before the cut): "
            "lower min_df, raise max_df, or choose a larger unit."
        )
    names_array = np.asarray(names, dtype=object)
    keep = keep[np.argsort(names_array[keep], kind="stable")]
    remap = np.full(len(names), -1, dtype=np.int64)
    remap[keep] = np.arange(len(keep))
    chinese = (passages["language"] == "zh").mean() > 0.5 if n else False
    kept = set(names_array[keep])
    display = {t: d for t, d in _concept_display(index, chinese).items() if t in kept}
    return PassageFeatures(
        passages=passages,
        vocabulary=names_array[keep],
        counts=counts[:, keep].tocsr(),
        sequence=remap[feats],
        bounds=np.searchsorted(which, np.arange(n + 1)),
        display=display,
        unit=unit,
        window=window,
        min_df=min_df,
        max_df=max_df,
    )


def _in_every_language(counts: sparse.csr_matrix, passages: pd.DataFrame) -> np.ndarray:
    """Features found in passages of every language of the corpus."""
    found = np.ones(counts.shape[1], dtype=bool)
    for language in passages["language"].unique():
        rows = np.flatnonzero((passages["language"] == language).to_numpy())
        found &= np.asarray((counts[rows] > 0).sum(axis=0)).ravel() > 0
    return found


def describe_features(features: PassageFeatures) -> pd.DataFrame:
    """Count each feature of the vocabulary.

    Args:
        features: The :class:`PassageFeatures`.

    Returns:
        One row per feature, most frequent first: ``term``, ``display``, ``is_concept``,
        ``count`` (occurrences) and ``passages`` (passages holding it).
    """
    counts = features.counts
    table = pd.DataFrame(
        {
            "term": features.vocabulary,
            "display": [features.show(t) for t in features.vocabulary],
            "is_concept": [str(t).startswith(CONCEPT_PREFIX) for t in features.vocabulary],
            "count": np.asarray(counts.sum(axis=0)).ravel(),
            "passages": np.asarray((counts > 0).sum(axis=0)).ravel(),
        }
    )
    table = table.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


# ---------------------------------------------------------------------------- coherence


def _window_counts(
    features: PassageFeatures, terms: np.ndarray, size: int, chunk: int = 1_000_000
) -> tuple[int, np.ndarray, sparse.csr_matrix]:
    """Count sliding windows holding each term, and each pair of terms, in one sparse pass.

    Args:
        features: The passages' features.
        terms: Vocabulary indices to count (sorted, unique).
        size: Window width in feature positions (a cut feature still takes its place).
        chunk: Passages are taken in groups of about this many positions, so that memory
            stays bounded on a large corpus.

    Returns:
        The number of windows, how many hold each term, and how many hold each pair
        (a sparse symmetric matrix of the terms; its diagonal repeats the single counts).
    """
    column = np.full(len(features.vocabulary), -1, dtype=np.int64)
    column[terms] = np.arange(len(terms))
    seq, bounds = features.sequence, features.bounds
    cols = np.where(seq >= 0, column[np.maximum(seq, 0)], -1)
    lengths = np.diff(bounds)
    per = np.where(lengths > 0, np.maximum(lengths - size + 1, 1), 0)  # windows per passage
    first_window = np.cumsum(per) - per
    n_windows = int(per.sum())
    n_terms = len(terms)
    single = np.zeros(n_terms, dtype=np.int64)
    joint = sparse.csr_matrix((n_terms, n_terms), dtype=np.int64)
    first = 0
    n_passages = len(bounds) - 1
    while first < n_passages:
        last = int(np.searchsorted(bounds, bounds[first] + chunk, side="right")) - 1
        last = min(max(last, first + 1), n_passages)
        lo_pos, hi_pos = bounds[first], bounds[last]
        positions = lo_pos + np.flatnonzero(cols[lo_pos:hi_pos] >= 0)
        if len(positions):
            passage = np.searchsorted(bounds, positions, side="right") - 1
            start = bounds[passage]
            low = np.maximum(positions - size + 1, start) - start
            high = np.minimum(positions - start, per[passage] - 1)
            repeat = high - low + 1  # the windows holding each position: at least one
            offsets = np.arange(repeat.sum()) - np.repeat(np.cumsum(repeat) - repeat, repeat)
            w0, w1 = first_window[first], first_window[last - 1] + per[last - 1]
            windows = np.repeat(first_window[passage] + low - w0, repeat) + offsets
            present = sparse.csr_matrix(
                (
                    np.ones(len(windows), dtype=np.int64),
                    (windows, np.repeat(cols[positions], repeat)),
                ),
                shape=(int(w1 - w0), n_terms),
            )
            present.sum_duplicates()
            present.data[:] = 1
            single += np.bincount(present.indices, minlength=n_terms)
            joint = joint + (present.T @ present).tocsr()
        first = last
    return n_windows, single, joint


def _shared_counts(features: PassageFeatures, terms: np.ndarray, window: int) -> dict:
    """The co-occurrence counts coherence needs, counted once per features and reused.

    The counts cover every term any caller asked for so far; a call with terms not yet
    counted counts again, once, for all of them together.
    """
    cache = features.cache.get(("coherence", window))
    if cache is not None and np.isin(terms, cache["terms"]).all():
        return cache
    if cache is not None:
        terms = np.union1d(terms, cache["terms"])
    n_windows, single, joint = _window_counts(features, terms, window)
    present = (features.counts[:, terms] > 0).astype(np.int64)
    cache = {
        "terms": terms,
        "n_windows": n_windows,
        "single": single,
        "joint": joint,
        "doc_freq": np.asarray(present.sum(axis=0)).ravel(),
        "co_doc": (present.T @ present).tocsr(),
    }
    features.cache[("coherence", window)] = cache
    return cache


def _npmi(p_i: np.ndarray, p_j: np.ndarray, p_ij: np.ndarray) -> np.ndarray:
    """Normalised PMI: -1 for terms never together, 0 for independence, 1 for always together."""
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.log(p_ij / (p_i * p_j)) / -np.log(p_ij)
    value = np.where(p_ij <= 0, -1.0, value)
    return np.where(p_ij >= 1, 1.0, value)


def _coherence(
    features: PassageFeatures, tops: Sequence[Sequence[int]], *, window: int = NPMI_WINDOW
) -> pd.DataFrame:
    """NPMI and UMass of each topic's top terms (vocabulary indices, most weighty first).

    The counts are made once per features (see :func:`_shared_counts`): scoring the
    topics of every fit of a sweep in one call counts the corpus once.
    """
    terms = np.unique(np.concatenate([np.asarray(t, dtype=np.int64) for t in tops]))
    counts = _shared_counts(features, terms, window)
    counted = counts["terms"]
    n_windows, single, joint = counts["n_windows"], counts["single"], counts["joint"]
    doc_freq, co_doc = counts["doc_freq"], counts["co_doc"]
    rows = []
    for topic, top in enumerate(tops):
        idx = np.searchsorted(counted, np.asarray(top, dtype=np.int64))
        pairs = [(idx[a], idx[b]) for b in range(len(idx)) for a in range(b)]
        if not pairs:
            rows.append((topic, float("nan"), float("nan")))
            continue
        later, earlier = np.array([p[1] for p in pairs]), np.array([p[0] for p in pairs])
        together = np.asarray(joint[later, earlier]).ravel()
        both = np.asarray(co_doc[later, earlier]).ravel()
        total = max(n_windows, 1)
        npmi = _npmi(single[later] / total, single[earlier] / total, together / total)
        umass = np.log((both + 1) / doc_freq[earlier])
        rows.append((topic, float(npmi.mean()), float(umass.mean())))
    return pd.DataFrame(rows, columns=["topic", "npmi", "umass"])


def _jaccard_match(a: Sequence[Iterable[int]], b: Sequence[Iterable[int]]) -> np.ndarray:
    """Jaccard agreement of each topic of ``a`` with its partner in ``b`` (Hungarian matching)."""
    a, b = [set(x) for x in a], [set(y) for y in b]
    table = np.array([[len(x & y) / len(x | y) if x | y else 1.0 for y in b] for x in a])
    rows, cols = linear_sum_assignment(-table)
    matched = np.zeros(len(a))
    matched[rows] = table[rows, cols]
    return matched


# ---------------------------------------------------------------------------- models


@dataclass(eq=False)
class TopicModel:
    """A fitted topic model and its tidy tables.

    Attributes:
        method: ``"nmf"`` or ``"lda"``.
        k: The number of topics.
        seed: The random seed it was fitted with.
        topic_terms: The top terms of each topic: ``topic``, ``term`` (a token, or
            ``concept:<id>``), ``weight`` (its share of the topic's total term weight; a
            probability for LDA), ``rank`` (1 = weightiest) and ``display`` (readable).
        doc_topics: ``doc_id``, ``topic``, ``weight``: each document's topic mix, the
            passages' mixes averaged with their token counts as weights (sums to 1).
        passages: One row per passage: ``passage``, ``doc_id``, ``date``, ``year``,
            ``language``, ``start``, ``end``, ``n_tokens``, ``text``, ``dominant_topic``
            (-1 when none of its features is in the vocabulary), ``weight`` (the dominant
            topic's share of the passage), ``second_topic``, ``second_weight`` and
            ``margin`` (``weight - second_weight``).
        labels: One row per topic: ``topic``, ``label`` (its three top terms),
            ``prevalence`` (share of all tokens), ``n_passages`` (passages it dominates).
        weights: Passages × topics: each passage's topic shares (rows sum to 1).
        components: Topics × vocabulary: each topic's term weights (rows sum to 1).
        features: The :class:`PassageFeatures` the model was fitted on.
        estimator: The fitted scikit-learn ``NMF`` or ``LatentDirichletAllocation``.

    Note:
        Topics are numbered by prevalence, 0 the largest, so that the numbers mean the
        same thing from one run to the next.
    """

    method: str
    k: int
    seed: int
    topic_terms: pd.DataFrame
    doc_topics: pd.DataFrame
    passages: pd.DataFrame
    labels: pd.DataFrame
    weights: np.ndarray = field(repr=False)
    components: np.ndarray = field(repr=False)
    features: PassageFeatures = field(repr=False)
    estimator: object = field(repr=False, default=None)

    def __repr__(self) -> str:
        return (
            f"<TopicModel: {self.method.upper()}, k={self.k}, seed={self.seed}, "
            f"{len(self.passages):,} passages ({self.features.unit}), "
            f"{len(self.features.vocabulary):,} features>"
        )

    def label(self, topic: int) -> str:
        """Return the label of a topic, e.g. ``"0: [1+X certificate system] / pilot / ..."``."""
        return str(self.labels.set_index("topic").at[topic, "label"])

    def top_terms(self, n: int = TOP_N) -> list[list[int]]:
        """Return the vocabulary indices of each topic's ``n`` weightiest terms."""
        return [list(np.argsort(-row, kind="stable")[:n]) for row in self.components]


def _tfidf(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(sublinear_tf=True).fit_transform(counts)


def _matrix(features: PassageFeatures, method: str) -> sparse.csr_matrix:
    """The matrix a method fits: TF-IDF weights for NMF (computed once), counts for LDA."""
    if method != "nmf":
        return features.counts
    if "tfidf" not in features.cache:
        features.cache["tfidf"] = _tfidf(features.counts)
    return features.cache["tfidf"]


def _incremental(incremental: bool | None, n_passages: int) -> bool:
    return n_passages >= INCREMENTAL_PASSAGES if incremental is None else bool(incremental)


def _estimator(
    method: str,
    k: int,
    seed: int,
    n_passages: int,
    max_iter: int | None,
    *,
    incremental: bool = False,
):
    """The scikit-learn model: NMF (random start; MiniBatchNMF when incremental) or LDA
    (batch, or online for big corpora)."""
    if method == "nmf":
        from sklearn.decomposition import NMF, MiniBatchNMF

        if incremental:
            return MiniBatchNMF(
                n_components=k,
                init="random",
                random_state=seed,
                batch_size=NMF_BATCH_SIZE,
                max_iter=max_iter or 200,
                tol=NMF_TOL,
            )
        return NMF(
            n_components=k,
            init="random",
            random_state=seed,
            max_iter=max_iter or NMF_MAX_ITER,
            tol=NMF_TOL,
        )
    from sklearn.decomposition import LatentDirichletAllocation

    online = incremental or n_passages > LDA_BATCH_LIMIT
    return LatentDirichletAllocation(
        n_components=k,
        learning_method="online" if online else "batch",
        batch_size=LDA_BATCH_SIZE,
        max_iter=max_iter or (LDA_ONLINE_ITER if online else LDA_BATCH_ITER),
        random_state=seed,
    )


def _normalise_rows(values: np.ndarray) -> np.ndarray:
    totals = values.sum(axis=1, keepdims=True)
    return np.divide(values, totals, out=np.zeros_like(values), where=totals > 0)


def _fit_online_lda(estimator, matrix: sparse.csr_matrix, max_iter: int):
    """Online LDA pass by pass (``partial_fit``), stopping when the topics no longer move."""
    estimator.set_params(total_samples=matrix.shape[0])
    previous = None
    passes = 0
    for passes in range(1, max_iter + 1):  # noqa: B007 - the count of passes is kept
        estimator.partial_fit(matrix)
        current = _normalise_rows(estimator.components_)
        if previous is not None and 0.5 * np.abs(current - previous).sum(axis=1).max() < (
            LDA_ONLINE_TOL
        ):
            break
        previous = current
    estimator.n_iter_ = passes
    return estimator


def _transform_partition(rows: slice, *, estimator, matrix: sparse.csr_matrix) -> np.ndarray:
    """One partition's topic weights (a task of :func:`iecorpus.engine.map_tasks`)."""
    return estimator.transform(matrix[rows])


def _fit_matrix(
    matrix: sparse.csr_matrix,
    *,
    k: int,
    method: str,
    seed: int,
    max_iter: int | None = None,
    incremental: bool = False,
    transform: bool = True,
    workers: int | None = None,
):
    """Fit one model to a matrix: ``(raw weights or None, components, estimator)``."""
    estimator = _estimator(method, k, seed, matrix.shape[0], max_iter, incremental=incremental)
    online = method == "lda" and estimator.learning_method == "online"
    if online:
        _fit_online_lda(estimator, matrix, estimator.max_iter)
    elif incremental or not transform:
        estimator.fit(matrix)
    else:
        return estimator.fit_transform(matrix), estimator.components_, estimator
    raw = None
    if transform:
        from .engine import chunk, map_tasks

        parts = [slice(s.start, s.stop) for s in chunk(range(matrix.shape[0]), TRANSFORM_PARTITION)]
        raw = (
            np.vstack(
                map_tasks(
                    _transform_partition, parts, workers=workers, estimator=estimator, matrix=matrix
                )
            )
            if parts
            else np.zeros((0, k))
        )
    return raw, estimator.components_, estimator


def fit_arrays(
    features: PassageFeatures,
    *,
    k: int,
    method: str,
    seed: int,
    rows: np.ndarray | None = None,
    max_iter: int | None = None,
    matrix: sparse.csr_matrix | None = None,
    incremental: bool | None = None,
    workers: int | None = None,
):
    """Fit a topic model to passage features, without labelling or sorting its topics.

    Args:
        features: The passages' features (see :func:`build_features`).
        k: Number of topics.
        method: ``"nmf"`` (fitted to TF-IDF weights) or ``"lda"`` (to counts).
        seed: Random seed of the estimator.
        rows: Fit only these passages (numbers into ``features.passages``).
        max_iter: Stop after this many iterations (default: the method's own).
        matrix: The matrix to fit, when already weighted.
        incremental: Learn in mini-batches and compute the passages' shares afterwards
            (see :func:`fit_topics`); None: from ``INCREMENTAL_PASSAGES`` passages.
        workers: Workers for those shares (see :func:`iecorpus.engine.map_tasks`).

    Returns:
        ``(shares, components, estimator)``: each passage's share of each topic (rows
        sum to 1, or 0 for an empty passage), each topic's share of each feature, and
        the fitted scikit-learn estimator. Topics are in the estimator's order.
    """
    if matrix is None:
        matrix = _matrix(features, method)
    if rows is not None:
        matrix = matrix[rows]
    raw, components, estimator = _fit_matrix(
        matrix,
        k=k,
        method=method,
        seed=seed,
        max_iter=max_iter,
        incremental=_incremental(incremental, matrix.shape[0]),
        workers=workers,
    )
    shares = _normalise_rows(raw)
    if method == "lda":
        empty = np.asarray(matrix.sum(axis=1)).ravel() == 0
        shares[empty] = 0.0
    return shares, _normalise_rows(components), estimator


def _check_k(k: int, features: PassageFeatures) -> None:
    limit = min(len(features.passages), len(features.vocabulary))
    if not isinstance(k, (int, np.integer)) or not 1 <= k <= limit:
        raise ValueError(
            f"k={k!r} topics is not possible with {len(features.passages)} passages and "
            f"{len(features.vocabulary)} features: choose k between 1 and {limit} "
            "(or a smaller unit, such as unit='sentence', for more passages)."
        )


def fit_topics(
    corpus,
    *,
    k: int,
    method: str = "nmf",
    unit: str = "paragraph",
    seed: int = 0,
    window: int = 3,
    min_df: int | float = 2,
    max_df: int | float = 1.0,
    n_terms: int = TOP_N,
    max_iter: int | None = None,
    incremental: bool | None = None,
    workers: int | None = None,
) -> TopicModel:
    """Fit a topic model to the passages of a corpus.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus`, or :class:`PassageFeatures`
            already built from one (then ``unit``, ``window``, ``min_df`` and ``max_df``
            are those of the features).
        k: The number of topics.
        method: ``"nmf"``: non-negative matrix factorisation of TF-IDF weights
            (sublinear term frequency, rows scaled to unit length; random start drawn
            from ``seed``); ``"lda"``: latent Dirichlet allocation of counts
            (variational Bayes; in batch up to 500 passages, online in mini-batches of
            256 above).
        unit: The passage unit (see :func:`split_passages`).
        seed: The random seed: the same corpus and seed give the same topics.
        window: Sentences per passage when ``unit="window"``.
        min_df, max_df: The vocabulary cut (see :func:`build_features`).
        n_terms: Top terms listed per topic in ``topic_terms``.
        max_iter: Iterations (default: 1,000 for NMF, which stops earlier when it
            converges; 50 for batch LDA; at most 10 passes for online LDA, which stops
            once no topic moves by more than ``LDA_ONLINE_TOL``).
        incremental: Learn the model incrementally, for a corpus too large to fit in
            one go: NMF as scikit-learn's ``MiniBatchNMF`` (mini-batches of 2,048
            passages), LDA online (mini-batches of 256, ``partial_fit`` pass by pass);
            then compute every passage's topic shares in partitions of 50,000 passages.
            None (the default) switches it on from ``INCREMENTAL_PASSAGES`` (200,000)
            passages; True or False overrides. The incremental NMF finds close, not
            identical, topics.
        workers: Where the partitions of the incremental path run (see
            :func:`iecorpus.engine.map_tasks`): None reads ``IECORPUS_WORKERS`` (default
            one, this process); the shares are the same either way.

    Returns:
        The :class:`TopicModel`, with ``topic_terms``, ``doc_topics``, ``passages`` and
        ``labels``.

    Raises:
        ValueError: An unknown method or unit, or a ``k`` the passages cannot support.
    """
    _check_choice("method", method, METHODS)
    features = (
        corpus
        if isinstance(corpus, PassageFeatures)
        else build_features(corpus, unit=unit, window=window, min_df=min_df, max_df=max_df)
    )
    _check_k(k, features)
    shares, components, estimator = fit_arrays(
        features,
        k=k,
        method=method,
        seed=seed,
        max_iter=max_iter,
        incremental=incremental,
        workers=workers,
    )
    tokens = features.passages["n_tokens"].to_numpy(dtype=float)
    prevalence = (shares * tokens[:, None]).sum(axis=0) / max(tokens.sum(), 1.0)
    order = np.lexsort((np.arange(k), -np.round(prevalence, 12)))
    shares, components, prevalence = shares[:, order], components[order], prevalence[order]
    return _assemble(features, method, k, seed, shares, components, prevalence, n_terms, estimator)


def _assemble(
    features: PassageFeatures,
    method: str,
    k: int,
    seed: int,
    shares: np.ndarray,
    components: np.ndarray,
    prevalence: np.ndarray,
    n_terms: int,
    estimator,
) -> TopicModel:
    """Build the tidy tables of a fitted model."""
    vocabulary = features.vocabulary
    rows = []
    for topic, row in enumerate(components):
        for rank, term in enumerate(np.argsort(-row, kind="stable")[:n_terms], start=1):
            name = vocabulary[term]
            rows.append((topic, name, float(row[term]), rank, features.show(name)))
    topic_terms = pd.DataFrame(rows, columns=["topic", "term", "weight", "rank", "display"])
    passages = features.passages.copy()
    ranked = np.argsort(-shares, axis=1, kind="stable")
    first = shares[np.arange(len(shares)), ranked[:, 0]]
    second = shares[np.arange(len(shares)), ranked[:, 1]] if k > 1 else np.zeros(len(shares))
    empty = first <= 0
    passages["dominant_topic"] = np.where(empty, -1, ranked[:, 0])
    passages["weight"] = first
    passages["second_topic"] = np.where(empty | (k < 2), -1, ranked[:, min(1, k - 1)])
    passages["second_weight"] = second
    passages["margin"] = first - second
    labels = pd.DataFrame(
        {
            "topic": np.arange(k),
            "label": [
                f"{t}: " + " / ".join(g["display"].head(3))
                for t, g in topic_terms.groupby("topic", sort=True)
            ],
            "prevalence": prevalence,
            "n_passages": np.bincount(
                passages["dominant_topic"][~empty].to_numpy(dtype=np.int64), minlength=k
            ),
        }
    )
    return TopicModel(
        method=method,
        k=k,
        seed=seed,
        topic_terms=topic_terms,
        doc_topics=_doc_topics(passages, shares),
        passages=passages,
        labels=labels,
        weights=shares,
        components=components,
        features=features,
        estimator=estimator,
    )


def _doc_topics(passages: pd.DataFrame, shares: np.ndarray) -> pd.DataFrame:
    """Each document's topic mix: its passages' shares weighted by their token counts."""
    weighted = pd.DataFrame(shares * passages["n_tokens"].to_numpy(dtype=float)[:, None])
    sums = weighted.groupby(passages["doc_id"].to_numpy(), sort=False).sum()
    totals = sums.sum(axis=1).replace(0, np.nan)
    mix = sums.div(totals, axis=0).fillna(0.0)
    return _long(mix, "doc_id", "weight")


def _long(wide: pd.DataFrame, key: str, value: str) -> pd.DataFrame:
    """A rows × topics table as a long one: ``key``, ``topic``, ``value``, row by row."""
    n, k = wide.shape
    return pd.DataFrame(
        {
            key: np.repeat(wide.index.to_numpy(), k),
            "topic": np.tile(np.asarray(wide.columns, dtype=int), n),
            value: wide.to_numpy(dtype=float).ravel(),
        }
    )


# ---------------------------------------------------------------------------- choosing k


def _want_progress(progress: bool | None, work: int) -> bool:
    if progress is not None:
        return progress
    return work >= SWEEP_PROGRESS_WORK and os.environ.get(ENV_VARIABLE, "1") != "0"


def count_seeds(n_passages: int) -> int:
    """Say how many seeds a sweep runs when none are given, from the corpus size.

    Args:
        n_passages: The passages the models are fitted to.

    Returns:
        Five seeds up to 1,000 passages, four up to 10,000, three above (``SEED_STEPS``,
        ``LEAST_SEEDS``).

    Note:
        Stability is a mean over every pair of runs: on a small corpus a fit costs little
        and the topics move most from seed to seed, so more runs are worth having; on a
        large one each fit costs more and its topics move less, and three runs (three
        pairs) are the fewest that give a mean rather than one comparison.
    """
    for limit, n_seeds in SEED_STEPS:
        if n_passages <= limit:
            return n_seeds
    return LEAST_SEEDS


def _sample_rows(n: int, k: int, seed: int, sample: float) -> np.ndarray | None:
    if sample >= 1.0:
        return None
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n, size=max(k, round(sample * n)), replace=False))


def _fit_tops(job: tuple, *, matrices: dict, sample: float, incremental: bool) -> list:
    """Fit one model of a sweep and return its topics' top terms (a task of ``map_tasks``)."""
    method, k, seed = job
    matrix = matrices[method]
    rows = _sample_rows(matrix.shape[0], k, seed, sample)
    if rows is not None:
        matrix = matrix[rows]
    _, components, _ = _fit_matrix(
        matrix, k=k, method=method, seed=seed, incremental=incremental, transform=False
    )
    components = _normalise_rows(components)  # the ranks of fit_arrays, ties included
    return [[int(t) for t in np.argsort(-row, kind="stable")[:TOP_N]] for row in components]


def _runs(
    features: PassageFeatures,
    jobs: Sequence[tuple],
    *,
    sample: float,
    incremental: bool | None = None,
    workers: int | None = None,
    progress: bool = False,
) -> list[tuple[list, pd.DataFrame]]:
    """Fit one model per job ``(method, k, seed)``: each run's top terms and coherence.

    The fits are tasks of :func:`iecorpus.engine.map_tasks` (here, or on workers); the
    coherence of every topic of every run is then scored in one call, from one count.
    """
    from .engine import map_tasks, resolve_workers

    methods = sorted({job[0] for job in jobs})
    matrices = {m: _matrix(features, m) for m in methods}
    options = dict(
        matrices=matrices,
        sample=sample,
        incremental=_incremental(incremental, len(features.passages)),
    )
    if resolve_workers(workers) > 1:
        tops = map_tasks(_fit_tops, jobs, workers=workers, **options)
    else:
        tops = [
            _fit_tops(job, **options)
            for job in track(jobs, total=len(jobs), description="topics", enabled=progress)
        ]
    if not tops:
        return []
    scores = _coherence(features, [topic for run in tops for topic in run])
    runs, first = [], 0
    for run in tops:
        table = scores.iloc[first : first + len(run)].reset_index(drop=True)
        table["topic"] = np.arange(len(run))
        runs.append((run, table))
        first += len(run)
    return runs


def sweep_topics(
    corpus,
    *,
    ks: Iterable[int] = range(2, 9),
    method: str | Sequence[str] = "nmf",
    seeds: Sequence[int] | None = None,
    unit: str = "paragraph",
    window: int = 3,
    min_df: int | float = 2,
    max_df: int | float = 1.0,
    sample: float = 1.0,
    progress: bool | None = None,
    incremental: bool | None = None,
    workers: int | None = None,
) -> pd.DataFrame:
    """Fit models for several numbers of topics and seeds, and report the evidence for each k.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus` or its :class:`PassageFeatures`.
        ks: The numbers of topics to try.
        method: ``"nmf"`` (the default), ``"lda"``, or both as a tuple (one row per
            method and k). LDA is the slower model by far: sweep it when you want its
            evidence, or fit it once at the chosen k to compare.
        seeds: One run per seed; stability compares the runs. None (the default): as
            many as :func:`count_seeds` gives for the number of passages (five up to
            1,000, four up to 10,000, three above), seeds 0, 1, 2 ...
        unit, window, min_df, max_df: The passages (see :func:`build_features`).
        sample: Share of the passages each run sees (a random draw per seed); below 1.0
            stability also measures how much the topics depend on particular passages.
        progress: Show a progress bar; by default one is shown for long sweeps unless
            ``IECORPUS_PROGRESS=0`` (on one worker only: workers report on Dask's
            dashboard, :func:`iecorpus.engine.dashboard_link`).
        incremental: Fit each model incrementally (see :func:`fit_topics`); None (the
            default) from ``INCREMENTAL_PASSAGES`` (200,000) passages on.
        workers: Run the fits (one task per method, k and seed) on this many Dask
            workers (see :func:`iecorpus.engine.map_tasks`); None reads
            ``IECORPUS_WORKERS``, one (this process) by default. The table is the same
            either way.

    Returns:
        One row per method and k: ``method``, ``k``, ``npmi`` (mean NPMI of the topics'
        top 10 terms, averaged over the runs; -1 to 1, higher is better), ``npmi_min``
        (the least coherent topic, averaged over runs), ``umass`` (mean UMass; negative
        as a rule, higher is better; the +1 can lift a pair of rare terms above 0),
        ``stability`` (mean Jaccard agreement of the top-10 term sets of matched topics,
        over every pair of runs; 1 = every run finds the same topics) and
        ``stability_min`` (the topic that agrees least, on average).

    Raises:
        ValueError: An unknown method, fewer than two seeds, or a k the passages cannot
            support.

    Note:
        NPMI (Röder et al. 2015, C_NPMI) counts co-occurrence in boolean sliding windows
        of 10 content tokens within each passage (a shorter passage is one window), over
        the corpus itself; a pair never seen together scores -1. UMass (Mimno et al. 2011)
        counts passages: the mean over ordered pairs of top terms of
        log((D(w_i, w_j) + 1) / D(w_j)), w_j the weightier term. Stability (Greene et al.
        2014) matches the topics of two runs one to one by the Hungarian algorithm on the
        Jaccard similarity of their top-10 term sets. The passage-term matrix and its
        TF-IDF weights are built once for every fit, and the co-occurrence counts once,
        after the fits, for the top terms of all of them (a sparse count kept with the
        features, so that :func:`assess_topics` reuses it).
    """
    methods = [method] if isinstance(method, str) else list(method)
    for name in methods:
        _check_choice("method", name, METHODS)
    if seeds is not None and len(seeds) < 2:
        raise ValueError(f"seeds={seeds!r}: stability compares runs, so give at least two seeds.")
    features = (
        corpus
        if isinstance(corpus, PassageFeatures)
        else build_features(corpus, unit=unit, window=window, min_df=min_df, max_df=max_df)
    )
    if seeds is None:
        seeds = list(range(count_seeds(len(features.passages))))
    groups = [(name, int(k)) for name in methods for k in ks]
    for _, k in groups:
        _check_k(k, features)
    work = len(groups) * len(seeds) * len(features.passages)
    jobs = [(name, k, int(seed)) for name, k in groups for seed in seeds]
    runs = _runs(
        features,
        jobs,
        sample=sample,
        incremental=incremental,
        workers=workers,
        progress=_want_progress(progress, work),
    )
    rows = []
    for g, (name, k) in enumerate(groups):
        group = runs[g * len(seeds) : (g + 1) * len(seeds)]
        pairs = [_jaccard_match(a[0], b[0]) for i, a in enumerate(group) for b in group[i + 1 :]]
        per_topic = np.mean([np.sort(p) for p in pairs], axis=0)
        rows.append(
            (
                name,
                k,
                float(np.mean([r[1]["npmi"].mean() for r in group])),
                float(np.mean([r[1]["npmi"].min() for r in group])),
                float(np.mean([r[1]["umass"].mean() for r in group])),
                float(np.mean(pairs)),
                float(per_topic.min()),
            )
        )
    columns = ["method", "k", "npmi", "npmi_min", "umass", "stability", "stability_min"]
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class Choice:
    """The number of topics a rule chose from a sweep, and why.

    Attributes:
        method: ``"nmf"`` or ``"lda"``.
        k: The number of topics.
        reason: One sentence with the numbers behind the choice.
    """

    method: str
    k: int
    reason: str


def choose_k(
    sweep: pd.DataFrame,
    *,
    min_stability: float = MIN_STABILITY,
    method: str | None = None,
    tolerance: float = 0.005,
) -> Choice:
    """Choose the method and number of topics from the evidence of :func:`sweep_topics`.

    Args:
        sweep: The table of :func:`sweep_topics`.
        min_stability: The stability a k needs (mean Jaccard agreement across seeds).
        method: Choose among this method's rows only (default: all rows).
        tolerance: NPMI differences up to this size count as ties.

    Returns:
        The :class:`Choice`.

    Raises:
        ValueError: An empty sweep, or a method it does not hold.

    Note:
        The rule: among the (method, k) whose topics are stable (stability at least
        ``min_stability``), take the one whose *least* coherent topic is most coherent
        (``npmi_min``); ties go to the higher mean NPMI, then to the smaller k. The least
        coherent topic decides, not the mean, because a model is no more trustworthy than
        its weakest topic, and one very coherent topic can carry the mean of a model that
        lumps everything else together. When no k is stable, the most stable one is taken
        and the reason says so.
    """
    if sweep.empty:
        raise ValueError("The sweep is empty: run sweep_topics with at least one k.")
    table = sweep if method is None else sweep[sweep["method"] == method]
    if table.empty:
        held = ", ".join(sorted(set(sweep["method"])))
        raise ValueError(f"The sweep holds no rows for method={method!r} (it holds {held}).")
    stable = table[table["stability"] >= min_stability]
    if stable.empty:
        best = table.sort_values(["stability", "npmi", "k"], ascending=[False, False, True])
        row = best.iloc[0]
        return Choice(
            str(row["method"]),
            int(row["k"]),
            f"{str(row['method']).upper()} with k={int(row['k'])}: no model reaches stability "
            f"{min_stability:.2f}, and this is the most stable ({row['stability']:.2f}), so its "
            "topics depend on the seed and deserve caution.",
        )
    top = stable["npmi_min"].max()
    tied = stable[stable["npmi_min"] >= top - tolerance]
    row = tied.sort_values(["npmi", "k"], ascending=[False, True]).iloc[0]
    ks = ", ".join(f"{m.upper()} k={k}" for m, k in zip(stable["method"], stable["k"], strict=True))
    return Choice(
        str(row["method"]),
        int(row["k"]),
        f"{str(row['method']).upper()} with k={int(row['k'])}: among the stable models "
        f"(stability ≥ {min_stability:.2f}: {ks}) its least coherent topic is the most "
        f"coherent (NPMI {row['npmi_min']:.3f}; mean {row['npmi']:.3f}, "
        f"stability {row['stability']:.2f}).",
    )


# ---------------------------------------------------------------------------- reading a model


def assess_topics(model: TopicModel, *, seeds: Sequence[int] = (1, 2, 3, 4)) -> pd.DataFrame:
    """Tell how far each topic of a model can be trusted: coherence and stability.

    Args:
        model: A fitted :class:`TopicModel`.
        seeds: Other seeds to refit with; each topic is matched to its partner in every
            refit (Hungarian matching on top-10 Jaccard).

    Returns:
        One row per topic: ``topic``, ``label``, ``prevalence``, ``n_passages``, ``npmi``
        and ``umass`` (of its top 10 terms, as in :func:`sweep_topics`) and ``stability``
        (mean Jaccard agreement with its partners; 1 = every refit finds it again).
    """
    tops = model.top_terms(TOP_N)
    table = model.labels.copy()
    coherence = _coherence(model.features, tops)
    table["npmi"], table["umass"] = coherence["npmi"], coherence["umass"]
    others = [s for s in seeds if s != model.seed]
    if others:
        jobs = [(model.method, model.k, int(s)) for s in others]
        runs = _runs(model.features, jobs, sample=1.0)
        table["stability"] = np.mean([_jaccard_match(tops, run) for run, _ in runs], axis=0)
    else:
        table["stability"] = np.nan
    return table


def _shorten(text: str, limit: int) -> str:
    return shorten(" ".join(text.split()), limit)


def best_passages(model: TopicModel, *, n: int = 3, width: int = 240) -> pd.DataFrame:
    """List the passages that express each topic best.

    Args:
        model: A fitted :class:`TopicModel`.
        n: Passages per topic.
        width: Characters of each passage shown (cut with "…").

    Returns:
        ``topic``, ``label``, ``rank``, ``doc_id``, ``date``, ``passage``, ``share`` (the
        topic's share of the passage) and ``text``: the passages with the largest share of
        the topic, ties broken by length (the longer passage says more).
    """
    passages = model.passages
    rows = []
    for topic in range(model.k):
        order = np.lexsort((-passages["n_tokens"].to_numpy(), -model.weights[:, topic]))
        for rank, p in enumerate(order[:n], start=1):
            record = passages.iloc[p]
            rows.append(
                (
                    topic,
                    model.label(topic),
                    rank,
                    record["doc_id"],
                    record["date"],
                    int(record["passage"]),
                    float(model.weights[p, topic]),
                    _shorten(record["text"], width),
                )
            )
    columns = ["topic", "label", "rank", "doc_id", "date", "passage", "share", "text"]
    return pd.DataFrame(rows, columns=columns)


def score_language_mixing(model: TopicModel, *, n: int = 5) -> pd.DataFrame:
    """Tell, for each topic, whether its best passages are in more than one language.

    Args:
        model: A fitted :class:`TopicModel`.
        n: Best passages per topic looked at (see :func:`best_passages`).

    Returns:
        One row per topic: ``topic``, ``label``, one column per language of the corpus
        (``en``, ``zh``: how many of its ``n`` best passages are in it) and ``mixed``
        (more than one language among them). ``table.attrs["share_mixed"]`` is the share
        of topics that mix languages: on a mixed corpus, a topic whose best passages are
        all in one language says which language a passage is in, not what it is about.
    """
    best = best_passages(model, n=n)
    best = best[best["share"] > 0]  # a passage holding none of a topic does not express it
    languages = model.passages.set_index("passage")["language"]
    best = best.assign(language=best["passage"].map(languages))
    table = pd.crosstab(best["topic"], best["language"]).reindex(
        index=range(model.k), columns=sorted(languages.unique()), fill_value=0
    )
    table.index.name = "topic"
    table.columns.name = None
    table = table.reset_index()
    table.insert(1, "label", [model.label(t) for t in table["topic"]])
    present = [c for c in table.columns if c not in ("topic", "label")]
    table["mixed"] = (table[present] > 0).sum(axis=1) > 1
    table.attrs["share_mixed"] = float(table["mixed"].mean()) if len(table) else 0.0
    return table


def topic_prevalence(model: TopicModel) -> pd.DataFrame:
    """Follow each topic's share of the text from year to year.

    Args:
        model: A fitted :class:`TopicModel`.

    Returns:
        One row per year and topic: ``year``, ``topic``, ``label``, ``prevalence`` (the
        topic's share of that year's tokens), ``n_passages`` and ``n_documents`` (of that
        year). Undated passages are left out.

    Note:
        A year holds only the documents dated in it; with one or two documents a year,
        a change from year to year is a difference between documents.
    """
    passages = model.passages
    dated = (passages["year"] != "").to_numpy()
    tokens = passages["n_tokens"].to_numpy(dtype=float)[dated]
    years = passages["year"].to_numpy()[dated]
    weighted = pd.DataFrame(model.weights[dated] * tokens[:, None]).groupby(years).sum()
    shares = weighted.div(weighted.sum(axis=1).replace(0, np.nan), axis=0).fillna(0.0)
    table = _long(shares, "year", "prevalence")
    table.insert(2, "label", table["topic"].map(model.label))
    sizes = (
        passages[dated]
        .groupby("year")
        .agg(n_passages=("passage", "size"), n_documents=("doc_id", "nunique"))
    )
    return table.join(sizes, on="year")


def score_separation(model: TopicModel, *, groups: dict[str, str] | None = None) -> pd.DataFrame:
    """Measure how well the passages' dominant topics follow the documents they come from.

    Args:
        model: A fitted :class:`TopicModel`.
        groups: The story each document tells, by ``doc_id``, when several documents
            tell one (default: each document is its own story).

    Returns:
        One row: ``method``, ``k``, ``nmi`` (normalised mutual information between a
        passage's dominant topic and its document, 0 to 1), ``ami`` (the same adjusted for
        chance: 0 is what random labels score), ``homogeneity`` (1 when each topic's
        passages come from one document) and ``completeness`` (1 when each document's
        passages share one topic).

    Note:
        A topic model is not meant to find documents: a low ``completeness`` may be a
        long document with two themes, a low ``homogeneity`` two documents that share one.
        Passages without a dominant topic are left out.
    """
    from sklearn.metrics import (
        adjusted_mutual_info_score,
        homogeneity_completeness_v_measure,
        normalized_mutual_info_score,
    )

    passages = model.passages[model.passages["dominant_topic"] >= 0]
    docs = passages["doc_id"].map(lambda d: (groups or {}).get(d, d)).to_numpy()
    topics = passages["dominant_topic"].to_numpy()
    homogeneity, completeness, _ = homogeneity_completeness_v_measure(docs, topics)
    return pd.DataFrame(
        [
            {
                "method": model.method,
                "k": model.k,
                "nmi": float(normalized_mutual_info_score(docs, topics)),
                "ami": float(adjusted_mutual_info_score(docs, topics)),
                "homogeneity": float(homogeneity),
                "completeness": float(completeness),
            }
        ]
    )


def cross_tabulate(model: TopicModel, *, doc_labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Count the passages each topic dominates in each document.

    Args:
        model: A fitted :class:`TopicModel`.
        doc_labels: Short names of the documents for the columns (default: ``doc_id``).

    Returns:
        One row per topic (its label as index), plus ``none`` when some passages have no
        dominant topic; one column per document, in corpus order; each cell counts
        passages, so a column sums to the document's number of passages.
    """
    passages = model.passages
    table = pd.crosstab(passages["dominant_topic"], passages["doc_id"])
    rows = [*range(model.k), *([-1] if (passages["dominant_topic"] < 0).any() else [])]
    table = table.reindex(index=rows, columns=pd.unique(passages["doc_id"]), fill_value=0)
    table.index = [model.label(t) if t >= 0 else "none" for t in table.index]
    table.columns = [(doc_labels or {}).get(d, d) for d in table.columns]
    table.index.name, table.columns.name = "topic", None
    return table


def find_uncertain_passages(
    model: TopicModel, *, min_share: float = 0.5, min_margin: float = 0.15, width: int = 160
) -> pd.DataFrame:
    """List the passages whose dominant topic is doubtful.

    Args:
        model: A fitted :class:`TopicModel`.
        min_share: A passage whose dominant topic holds less than this share is doubtful.
        min_margin: So is one whose first and second topics are closer than this.
        width: Characters of each passage shown.

    Returns:
        ``doc_id``, ``passage``, ``dominant_topic``, ``weight``, ``second_topic``,
        ``second_weight``, ``margin``, ``why`` (``low share``, ``close second`` or both)
        and ``text``, least certain (smallest margin) first.
    """
    passages = model.passages
    topical = passages["dominant_topic"] >= 0  # a passage without features has no topic
    low = topical & (passages["weight"] < min_share)
    close = topical & (passages["margin"] < min_margin)
    table = passages[low | close].copy()
    table["why"] = [
        " and ".join(w for w, flag in (("low share", a), ("close second", b)) if flag)
        for a, b in zip(low[low | close], close[low | close], strict=True)
    ]
    table["text"] = table["text"].map(lambda t: _shorten(t, width))
    columns = ["doc_id", "passage", "dominant_topic", "weight", "second_topic"]
    columns += ["second_weight", "margin", "why", "text"]
    return table.sort_values(["margin", "passage"])[columns].reset_index(drop=True)


def save_topic_tables(
    model: TopicModel, *, sweep: pd.DataFrame | None = None, directory: str | Path | None = None
) -> list[Path]:
    """Write a model's tables (and its sweep) as UTF-8 CSV files.

    Args:
        model: A fitted :class:`TopicModel`.
        sweep: The table of :func:`sweep_topics`, written too when given.
        directory: Target folder; defaults to ``data/processed/``.

    Returns:
        The files written: ``topic_terms.csv``, ``topic_passages.csv``,
        ``topic_documents.csv`` and ``topic_sweep.csv``; weights rounded to 6 decimals.
    """
    folder = Path(directory) if directory else paths.PROCESSED_DIR
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "topic_terms": model.topic_terms,
        "topic_passages": model.passages,
        "topic_documents": model.doc_topics,
    }
    if sweep is not None:
        tables["topic_sweep"] = sweep
    written = []
    for name, table in tables.items():
        target = folder / f"{name}.csv"
        table.round(6).to_csv(target, index=False, lineterminator="\n")
        written.append(target)
    return written


# ---------------------------------------------------------------------------- figures

_METHOD_STYLE = {"nmf": ("#4c72b0", "o", "NMF (TF-IDF)"), "lda": ("#dd8452", "s", "LDA (counts)")}


@draw_with_style
def plot_sweep(
    sweep: pd.DataFrame, *, choice: Choice | None = None, min_stability: float = MIN_STABILITY
) -> Figure:
    """Plot coherence and stability against the number of topics.

    Args:
        sweep: The table of :func:`sweep_topics`.
        choice: Mark the chosen k (see :func:`choose_k`).
        min_stability: Draw the stability threshold.

    Returns:
        A figure with three panels: NPMI (mean, and the least coherent topic dashed),
        UMass, and stability across seeds; one line per method.
    """
    fig = Figure(figsize=(11, 3.6), layout="constrained")
    axes = fig.subplots(1, 3, sharex=True)
    panels = [
        ("npmi", "NPMI (higher is better)", "npmi_min"),
        ("umass", "UMass (closer to 0 is better)", None),
        ("stability", "stability across seeds", "stability_min"),
    ]
    for ax, (column, title, low) in zip(axes, panels, strict=True):
        for method, group in sweep.groupby("method", sort=False):
            colour, marker, name = _METHOD_STYLE.get(method, ("grey", "o", method))
            ax.plot(group["k"], group[column], marker=marker, color=colour, label=f"{name}")
            if low:
                ax.plot(group["k"], group[low], ls="--", color=colour, alpha=0.6, lw=1)
        ax.set_title(title, fontsize="medium")
        ax.set_xlabel("number of topics k")
        ax.spines[["top", "right"]].set_visible(False)
        if choice is not None:
            ax.axvline(choice.k, color="grey", lw=0.8, ls=":")
    axes[2].axhline(min_stability, color="grey", lw=0.8)
    axes[2].set_ylim(0, 1.05)
    axes[0].annotate(
        "dashed: least coherent topic",
        (0.02, 0.02),
        xycoords="axes fraction",
        fontsize="small",
        color="dimgrey",
    )
    axes[2].annotate(
        "dashed: least stable topic",
        (0.02, 0.02),
        xycoords="axes fraction",
        fontsize="small",
        color="dimgrey",
    )
    axes[0].legend(frameon=False, fontsize="small")
    axes[0].set_xticks(sorted(sweep["k"].unique()))
    if choice is not None:
        fig.suptitle(f"Choosing k: {choice.method.upper()} with k={choice.k} (dotted line)")
    return fig


def _wrap(text: str, width: int) -> str:
    """Break a label into lines of about ``width`` characters."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


@draw_with_style
def plot_topic_terms(model: TopicModel, *, n: int = 8, columns: int = 3) -> Figure:
    """Draw each topic's top terms as horizontal bars of their weight.

    Args:
        model: A fitted :class:`TopicModel`.
        n: Terms per topic.
        columns: Panels per row.

    Returns:
        One panel per topic, titled with its number and prevalence.
    """
    rows = math.ceil(model.k / columns)
    fig = Figure(figsize=(3.7 * columns, 0.28 * n * rows + 0.9 * rows), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, columns, squeeze=False)).ravel()
    prevalence = model.labels.set_index("topic")["prevalence"]
    for topic, ax in enumerate(axes):
        if topic >= model.k:
            ax.set_visible(False)
            continue
        terms = model.topic_terms[model.topic_terms["topic"] == topic].head(n)[::-1]
        names = [_shorten(d, 34) for d in terms["display"]]
        colours = ["#c44e52" if t.startswith(CONCEPT_PREFIX) else "#4c72b0" for t in terms["term"]]
        ax.barh(names, terms["weight"], color=colours)
        ax.set_title(f"topic {topic} ({prevalence[topic]:.0%} of tokens)", fontsize="medium")
        ax.tick_params(axis="y", labelsize="small")
        ax.tick_params(axis="x", labelsize="x-small")
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(
        f"Top terms of each topic ({model.method.upper()}, k={model.k}); "
        "red: glossary concepts, blue: words; bar = share of the topic's weight"
    )
    return fig


#: Heatmaps name (and separate) the documents up to this many; beyond, they stay unnamed.
MAX_NAMED_DOCUMENTS = 30


@draw_with_style
def plot_passage_topics(model: TopicModel, *, doc_labels: dict[str, str] | None = None) -> Figure:
    """Draw every passage's topic mix as a heatmap, passages in reading order.

    Args:
        model: A fitted :class:`TopicModel`.
        doc_labels: Short names of the documents (default: the ``doc_id``).

    Returns:
        Topics as rows, passages as columns grouped by document (white lines between
        documents, each named below, when there are at most 30); the colour is the
        topic's share of the passage.
    """
    passages = model.passages
    n = len(passages)
    fig = Figure(
        figsize=(min(max(6.0, 0.16 * n + 3.0), 16.0), 0.42 * model.k + 1.8), layout="constrained"
    )
    ax = fig.subplots()
    image = ax.imshow(
        model.weights.T, aspect="auto", cmap="Blues", vmin=0, vmax=1, interpolation="nearest"
    )
    ax.set_yticks(
        range(model.k), [_shorten(model.label(t), 48) for t in range(model.k)], fontsize="small"
    )
    docs = passages["doc_id"].to_numpy()
    edges = np.flatnonzero(docs[1:] != docs[:-1]) + 1
    if len(edges) < MAX_NAMED_DOCUMENTS:
        for edge in edges:
            ax.axvline(edge - 0.5, color="white", lw=2)
        starts = np.concatenate([[0], edges])
        centres = (starts + np.concatenate([edges, [n]]) - 1) / 2
        names = [(doc_labels or {}).get(docs[s], docs[s]) for s in starts]
        ax.set_xticks(centres, names, fontsize="small")
        ax.set_xlabel("passages in reading order, by document")
    else:
        ax.set_xticks([])
        ax.set_xlabel(f"{n:,} passages of {len(edges) + 1:,} documents, in reading order")
    fig.colorbar(image, ax=ax, label="topic share", shrink=0.8)
    ax.set_title(
        f"Where the topics live: each passage's mix ({model.method.upper()}, "
        f"k={model.k}, unit: {model.features.unit})"
    )
    return fig


@draw_with_style
def plot_document_topics(
    model: TopicModel,
    *,
    doc_labels: dict[str, str] | None = None,
    max_documents: int = MAX_NAMED_DOCUMENTS,
) -> Figure:
    """Draw each document's topic mix as an annotated heatmap.

    Args:
        model: A fitted :class:`TopicModel`.
        doc_labels: Short names of the documents (default: the ``doc_id``).
        max_documents: In a larger corpus, only the documents with the most tokens are
            drawn (the title says so).

    Returns:
        Documents as rows (corpus order), topics as columns, the share written in each
        cell.
    """
    table = model.doc_topics.pivot(index="doc_id", columns="topic", values="weight")
    order = pd.unique(model.passages["doc_id"])
    title = f"Each document's topic mix (share of its tokens; {model.method.upper()}, k={model.k})"
    if len(order) > max_documents:
        size = model.passages.groupby("doc_id", sort=False)["n_tokens"].sum()
        longest = set(size.sort_values(ascending=False, kind="stable").index[:max_documents])
        title += f"\nthe {max_documents} longest of {len(order):,} documents"
        order = [d for d in order if d in longest]
    table = table.reindex(order)
    row = 0.5 if len(table) <= 10 else 0.32
    fig = Figure(figsize=(1.9 * model.k + 2.5, row * len(table) + 2.2), layout="constrained")
    ax = fig.subplots()
    ax.imshow(table.to_numpy(), aspect="auto", cmap="Blues", vmin=0, vmax=1)
    for (i, j), value in np.ndenumerate(table.to_numpy()):
        colour = "white" if value > 0.6 else "black"
        ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize="small", color=colour)
    ax.set_yticks(range(len(table)), [(doc_labels or {}).get(d, d) for d in table.index])
    ax.set_xticks(range(model.k), [_wrap(model.label(t), 22) for t in range(model.k)])
    ax.tick_params(axis="x", labelsize="small")
    ax.set_title(title)
    return fig


@draw_with_style
def plot_prevalence(model: TopicModel) -> Figure:
    """Draw each topic's share of the text, year by year, as stacked bars.

    Args:
        model: A fitted :class:`TopicModel`.

    Returns:
        One bar per year from the first to the last dated one (a year without documents
        is left empty), stacked by topic, with the year's number of documents below.
    """
    table = topic_prevalence(model)
    wide = table.pivot(index="year", columns="topic", values="prevalence")
    sizes = table.drop_duplicates("year").set_index("year")["n_documents"]
    if len(wide):
        years = [str(y) for y in range(int(wide.index.min()), int(wide.index.max()) + 1)]
        wide = wide.reindex(years, fill_value=0.0)
        sizes = sizes.reindex(years, fill_value=0)
    fig = Figure(figsize=(9, 3.8), layout="constrained")
    ax = fig.subplots()
    bottom = np.zeros(len(wide))
    for topic in wide.columns:
        values = wide[topic].to_numpy()
        ax.bar(
            range(len(wide)),
            values,
            bottom=bottom,
            color=f"C{topic % 10}",
            width=0.6,
            label=_shorten(model.label(topic), 64),
        )
        bottom += values
    ticks = [f"{y}\n({n} doc{'' if n == 1 else 's'})" for y, n in sizes.items()]
    ax.set_xticks(range(len(wide)), ticks)
    ax.set_ylabel("share of the year's tokens")
    ax.set_ylim(0, 1)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize="small")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"Topic prevalence by year ({model.method.upper()}, k={model.k})")
    return fig


__all__ = [
    "Choice",
    "PassageFeatures",
    "TopicModel",
    "assess_topics",
    "best_passages",
    "score_language_mixing",
    "build_features",
    "choose_k",
    "count_seeds",
    "cross_tabulate",
    "describe_features",
    "find_uncertain_passages",
    "fit_arrays",
    "fit_topics",
    "plot_document_topics",
    "plot_passage_topics",
    "plot_prevalence",
    "plot_sweep",
    "plot_topic_terms",
    "save_topic_tables",
    "score_separation",
    "split_passages",
    "sweep_topics",
    "topic_prevalence",
]
