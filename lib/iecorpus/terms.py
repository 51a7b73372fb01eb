"""Term statistics: concept counts, term frequencies, keyness, concordance, collocates, trends.

Every function takes a :class:`~iecorpus.corpus.Corpus` (or the
:class:`~iecorpus.index.TermIndex` built from it) and reads the corpus's term index
(:meth:`~iecorpus.corpus.Corpus.index`), so a corpus is tokenized only once. What a concept
is and how its renderings are matched is :mod:`iecorpus.glossary`; how the corpus is
tokenized and searched is :mod:`iecorpus.index`. The concordance stays here, beside the
collocates: both answer "where does this term occur, and in what company", and readers
call it with the counts (``from iecorpus.terms import concordance``); the searching and
the context windows it shows are the index's (:meth:`~iecorpus.index.TermIndex.find`,
:func:`~iecorpus.index.cut_context`).

Counts give each concept as itself and with its narrower concepts; the phrases that look
like renderings no one listed are :func:`find_unlisted_renderings`. Keyness adjusts its
p-values over every term tested and :func:`assess_comparison` says, from the sizes, when a
comparison supports no claim. Distinctive terms and collocates take a concept mention as one
feature and leave out generic words (``data/stopwords/generic.txt``).

Rates are per :data:`PER` (10,000) content tokens. The glossary's names
(:func:`load_glossary`, :func:`find_concept`, :class:`GlossaryError`, :data:`GLOSSARY`) and
the index's (:func:`index_corpus`, :class:`TermIndex`) can still be imported from here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

from . import paths
from .chinese import has_han
from .datafiles import load_data
from .glossary import (
    GLOSSARY,
    GLOSSARY_COLUMNS,
    GlossaryError,
    build_matcher,
    find_concept,
    list_narrower,
    load_glossary,
)
from .index import KEY_WORDS, TermIndex, cut_context, index_corpus
from .prose import number, plural

#: Rates are given per this many content tokens.
PER = 10_000


# ---------------------------------------------------------------------------- concepts


def locate_concepts(corpus) -> pd.DataFrame:
    """List every concept occurrence in the corpus.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.

    Returns:
        One row per occurrence: ``doc_id``, ``concept``, ``start`` and ``end`` (offsets
        in the document's text), ``match`` (the words as written, traditional characters
        kept) and ``sentence`` (its number in ``corpus.sentences``, -1 if unknown).
    """
    return index_corpus(corpus).concepts.drop(columns="doc")


def count_concepts(corpus) -> pd.DataFrame:
    """Count each concept in each document, whatever rendering or language it comes in.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.

    Returns:
        A long table: ``doc_id``, ``concept``, ``count`` (mentions of the concept as
        itself) and ``count_with_narrower`` (with the mentions of its narrower concepts,
        at every depth of the glossary's ``broader`` column: 产教融合 with 产教融合型企业
        and 产教融合共同体); documents in corpus order, concepts in glossary order; pairs
        where both are 0 are left out (pivot with ``fill_value=0`` for a matrix).

    Note:
        ``count`` answers "how often is this concept named as such"; ``count_with_narrower``
        answers "how often is it mentioned at all, a kind of it included".
    """
    index = index_corpus(corpus)
    order = {c: k for k, c in enumerate(index.glossary["concept"])}
    docs = {d: k for k, d in enumerate(index.documents["doc_id"])}
    counts = index.concepts.groupby(["doc_id", "concept"]).size().rename("count").reset_index()
    wide = _with_narrower(index, counts)
    counts = counts.merge(wide, on=["doc_id", "concept"], how="outer")
    counts["count"] = counts["count"].fillna(0).astype(int)
    counts = counts.sort_values(
        ["doc_id", "concept"], key=lambda c: c.map(docs if c.name == "doc_id" else order)
    )
    return counts[["doc_id", "concept", "count", "count_with_narrower"]].reset_index(drop=True)


def _with_narrower(index: TermIndex, counts: pd.DataFrame, key: str = "doc_id") -> pd.DataFrame:
    """Counts of each concept with its narrower concepts: ``key``, ``concept``, the count."""
    below = list_narrower(index.glossary)
    parents = pd.DataFrame(
        [(child, concept) for concept, children in below.items() for child in children],
        columns=["child", "concept"],
    )
    merged = counts.rename(columns={"concept": "child"}).merge(parents, on="child")
    total = merged.groupby([key, "concept"])["count"].sum().rename("count_with_narrower")
    return total.reset_index()


def summarize_concepts(corpus) -> pd.DataFrame:
    """Count each concept in the whole corpus, with the renderings that were found.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.

    Returns:
        One row per concept of the glossary, most frequent first: ``concept``,
        ``label_en``, ``label_zh``, ``count`` (as itself), ``count_with_narrower`` (with
        its narrower concepts, see :func:`count_concepts`), ``rate`` (of ``count``, per
        10,000 content tokens), ``doc_freq`` (documents that mention it),
        ``n_renderings`` and ``renderings`` (each distinct form found, lower-cased, with
        its count, most frequent first).
    """
    index = index_corpus(corpus)
    found = index.concepts.assign(form=index.concepts["match"].map(_display_form))
    forms = found.groupby(["concept", "form"]).size().rename("n").reset_index()
    forms = forms.sort_values(["concept", "n", "form"], ascending=[True, False, True])
    listed = {
        concept: "; ".join(f"{f} ({n})" for f, n in zip(g["form"], g["n"], strict=True))
        for concept, g in forms.groupby("concept")
    }
    table = index.glossary[["concept", "label_en", "label_zh"]].copy()
    table["count"] = table["concept"].map(found.groupby("concept").size()).fillna(0).astype(int)
    own = table[["concept", "count"]].assign(all="all")
    wide = _with_narrower(index, own, key="all").set_index("concept")["count_with_narrower"]
    table["count_with_narrower"] = table["concept"].map(wide).fillna(0).astype(int)
    table["rate"] = table["count"] / max(len(index.token_term), 1) * PER
    doc_freq = found.groupby("concept")["doc_id"].nunique()
    table["doc_freq"] = table["concept"].map(doc_freq).fillna(0).astype(int)
    table["n_renderings"] = table["concept"].map(forms.groupby("concept").size()).fillna(0)
    table["n_renderings"] = table["n_renderings"].astype(int)
    table["renderings"] = table["concept"].map(lambda concept: listed.get(concept, ""))
    table = table.sort_values(["count", "doc_freq"], ascending=False, kind="stable")
    return table.reset_index(drop=True)


def find_unlisted_renderings(
    corpus, concept: str, *, min_count: int = 1, width: int = 50
) -> pd.DataFrame:
    """List the phrases that look like renderings of a concept the glossary does not list.

    Two kinds are found, both by the concept's key words (the ``key_words`` column):
    mentions the key words already count but no listed rendering matches ("integration of
    education and industry"), and runs that hold all its key-word groups but one
    ("integration with industry"), which are not counted: a reader decides.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        concept: A concept id, rendering or Chinese term.
        min_count: Leave out phrases seen fewer times.
        width: Columns of context on each side of the example line.

    Returns:
        One row per phrase, most frequent first: ``phrase`` (lower case, as written),
        ``counted`` (whether the concept's counts include it), ``kind`` (``"key words"``
        or ``"all key words but one"``), ``count``, ``doc_freq``, ``example`` (one line
        of context, the phrase in brackets), ``doc_id`` (of the example) and ``how``
        (what to do to list it).

    Raises:
        ValueError: ``concept`` is not in the glossary.
    """
    index = index_corpus(corpus)
    found = find_concept(concept, index.glossary)
    if found is None:
        raise ValueError(
            f"{concept!r} is not a concept of the glossary: use an id such as "
            f"{index.glossary['concept'].iloc[0]!r}, a rendering, or a Chinese term."
        )
    rows = []
    mentions = index.occurrences(found)
    mentions = mentions[mentions["rule"] == KEY_WORDS]
    for doc, start, end in zip(mentions["doc"], mentions["start"], mentions["end"], strict=True):
        rows.append((int(doc), int(start), int(end), True))
    matcher = build_matcher(index.glossary)
    searched = [keys for keys in matcher.key_words if any(c == found for c, _ in keys.definitions)]
    for doc, text in enumerate(index.search_texts):
        for keys in searched:
            for start, end, _ in keys.find_partial(text, concepts=(found,)):
                inside = index.concept_at([doc, doc], [start, end - 1], [start + 1, end])
                if not any(inside):
                    rows.append((doc, start, end, False))
    columns = ["phrase", "counted", "kind", "count", "doc_freq", "example", "doc_id", "how"]
    if not rows:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(rows, columns=["doc", "start", "end", "counted"])
    texts, lines = index.texts, index.line_texts
    table["phrase"] = [
        _display_form(texts[d][a:b])
        for d, a, b in zip(table["doc"], table["start"], table["end"], strict=True)
    ]
    grouped = table.groupby(["phrase", "counted"], sort=False)
    summary = grouped.agg(count=("doc", "size"), doc_freq=("doc", "nunique")).reset_index()
    first = grouped.head(1).set_index(["phrase", "counted"])
    examples, doc_ids = [], []
    for phrase, counted in zip(summary["phrase"], summary["counted"], strict=True):
        d, a, b = (int(first.at[(phrase, counted), c]) for c in ("doc", "start", "end"))
        left, right = cut_context(lines[d], a, b, width=width)
        examples.append(f"{left} [{texts[d][a:b]}] {right}".strip())
        doc_ids.append(index.documents.at[d, "doc_id"])
    summary["example"], summary["doc_id"] = examples, doc_ids
    summary["kind"] = np.where(summary["counted"], "key words", "all key words but one")
    column = np.where([has_han(p) for p in summary["phrase"]], "zh_terms", "en_variants")
    summary["how"] = [
        f"if it names {found}, add it to the {col} of {found} in data/glossary.csv"
        + (" (it is counted already, by its key words)" if counted else "")
        for col, counted in zip(column, summary["counted"], strict=True)
    ]
    summary = summary[summary["count"] >= min_count]
    summary = summary.sort_values(
        ["counted", "count", "phrase"], ascending=[False, False, True], kind="stable"
    )
    return summary[columns].reset_index(drop=True)


def _display_form(match: str) -> str:
    """A rendering as found, lower-cased, with its white space and quotes tidied."""
    return re.sub(r"\s+", " ", match.lower().replace("\u201c", "").replace("\u201d", "")).strip()


# ---------------------------------------------------------------------------- terms


def _ngram_counts(index: TermIndex, n: int, *, concepts: bool = False) -> pd.DataFrame:
    """Counts of each n-gram in each document: ``doc`` (number), ``term``, ``count``.

    With ``concepts``, of the features (:attr:`TermIndex.features`): a concept mention is
    one term, its label.
    """
    key = f"ngram{n}" + ("c" if concepts else "")
    if key in index.cache:
        return index.cache[key]
    if concepts:
        terms, docs, runs, names = index.features
    else:
        terms, docs, runs, names = index.token_term, index.token_doc, index.token_run, None
    size = len(terms)
    if n == 1:
        frame = pd.DataFrame({"doc": docs, "t0": terms})
    else:
        first = np.arange(max(size - n + 1, 0))
        same_run = runs[first] == runs[first + n - 1]
        first = first[same_run]
        frame = pd.DataFrame({"doc": docs[first]})
        for k in range(n):
            frame[f"t{k}"] = terms[first + k]
    columns = list(frame.columns)
    counts = frame.value_counts(columns, sort=False).rename("count").reset_index()
    vocabulary = np.asarray(names if concepts else index.vocabulary, dtype=object)
    term = vocabulary[counts["t0"].to_numpy()]
    for k in range(1, n):
        term = term + " " + vocabulary[counts[f"t{k}"].to_numpy()]
    table = pd.DataFrame({"doc": counts["doc"], "term": term, "count": counts["count"]})
    index.cache[key] = table
    return table


def _ngram_range(ngram: int | tuple[int, int]) -> range:
    low, high = (ngram, ngram) if isinstance(ngram, int) else ngram
    if not 1 <= low <= high <= 5:
        raise ValueError(
            f"ngram must be n or (low, high) with 1 <= low <= high <= 5, not {ngram!r}"
        )
    return range(low, high + 1)


def _doc_term_counts(index: TermIndex, ngram, *, concepts: bool = False) -> pd.DataFrame:
    tables = [_ngram_counts(index, n, concepts=concepts).assign(n=n) for n in _ngram_range(ngram)]
    return pd.concat(tables, ignore_index=True)


def _group_values(index: TermIndex, group: str) -> pd.Series:
    docs = index.documents
    if group not in docs.columns:
        raise ValueError(
            f"group {group!r} is not a document column; use one of {', '.join(docs.columns[:6])}."
        )
    return docs[group].astype(str)


def count_terms(
    corpus,
    *,
    ngram: int | tuple[int, int] = (1, 2),
    by: str | None = None,
    min_count: int = 1,
    nested: bool = True,
) -> pd.DataFrame:
    """Count content tokens and n-gram phrases.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        ngram: Phrase lengths: ``1`` for words, ``(1, 2)`` for words and two-word
            phrases. A phrase is adjacent content tokens with no stopword or punctuation
            between them ("school-enterprise cooperation", not "integration industry").
        by: ``None`` for the whole corpus, or a document column (``doc_id``, ``year``,
            ``source``, ``language``) to count within each of its values.
        min_count: Leave out terms seen fewer times (in the corpus, or in the group).
        nested: With ``False`` (and ``by=None``), leave out a phrase when three quarters
            or more of its occurrences are inside one longer phrase of the table: keep
            "vocational education group", not also "education group". Words stay.

    Returns:
        With ``by=None``: ``term``, ``n`` (words in it), ``count``, ``rate`` (per
        10,000 content tokens), ``doc_freq`` (documents it occurs in), most frequent
        first. With ``by``: that column, then ``term``, ``n``, ``count``, ``rate``
        (per 10,000 content tokens of the group).
    """
    index = index_corpus(corpus)
    counts = _doc_term_counts(index, ngram)
    if by is None:
        table = counts.groupby(["term", "n"], sort=False).agg(
            count=("count", "sum"), doc_freq=("doc", "nunique")
        )
        table = table.reset_index()
        table.insert(3, "rate", table["count"] / max(len(index.token_term), 1) * PER)
        table = table[table["count"] >= min_count]
        if not nested:
            table = table[~_is_nested(table)]
        keys = ["count", "term"]
    else:
        groups = _group_values(index, by)
        counts = counts.assign(**{by: groups.to_numpy()[counts["doc"].to_numpy()]})
        table = counts.groupby([by, "term", "n"], sort=False)["count"].sum().reset_index()
        sizes = index.documents.groupby(groups)["n_tokens"].sum()
        table["rate"] = table["count"] / table[by].map(sizes).clip(lower=1) * PER
        table = table[table["count"] >= min_count]
        keys = [by, "count", "term"]
    ascending = [True] * (len(keys) - 2) + [False, True]
    return table.sort_values(keys, ascending=ascending, kind="stable").reset_index(drop=True)


def _is_nested(table: pd.DataFrame) -> pd.Series:
    """Mark phrases that mostly occur inside a phrase one word longer in the same table."""
    longest: dict[str, int] = {}
    for term, n, count in zip(table["term"], table["n"], table["count"], strict=True):
        if n >= 3:
            words = term.split(" ")
            for part in (" ".join(words[:-1]), " ".join(words[1:])):
                longest[part] = max(longest.get(part, 0), count)
    inside = table["term"].map(lambda term: longest.get(term, 0)).astype(float)
    return (table["n"] >= 2) & (inside >= 0.75 * table["count"])


GENERIC_WORDS = paths.DATA_DIR / "stopwords" / "generic.txt"


def load_generic_words() -> frozenset[str]:
    """Read the generic words (``data/stopwords/generic.txt``): vocabulary of any report.

    Returns:
        The words, lower case; re-read when the file changes. Distinctive terms and
        collocates leave them out (need, multiple, activity, approved, database).
    """
    return load_data(_read_words, [GENERIC_WORDS], str(GENERIC_WORDS))


def _read_words(path: str) -> frozenset[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _is_generic(terms: pd.Series) -> np.ndarray:
    """Terms that are a generic word, or an n-gram made only of generic words."""
    generic = load_generic_words()
    return terms.map(lambda t: all(w in generic for w in t.split(" "))).to_numpy(dtype=bool)


def distinctive_terms(
    corpus,
    *,
    top: int = 10,
    ngram: int | tuple[int, int] = 1,
    min_count: int = 2,
    concepts: bool = True,
    keep_generic: bool = False,
    max_df: float = 1.0,
) -> pd.DataFrame:
    """Find the terms that set each document apart (TF-IDF).

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        top: Terms per document.
        ngram: Phrase lengths, as in :func:`count_terms`.
        min_count: Times a term must occur in the document to be listed (a single
            mention is not what a document is about).
        concepts: Count each concept mention as one term, its label ("Industry-education
            integrated enterprise"), never as the words it is written with
            (:attr:`~iecorpus.index.TermIndex.features`).
        keep_generic: Keep the generic words of ``data/stopwords/generic.txt`` (need,
            multiple, activity, approved); by default they are left out.
        max_df: Leave out terms found in more than this share of the documents (1.0:
            none; 0.5 on a large corpus keeps the words of half the documents out).

    Returns:
        ``doc_id``, ``rank`` (1 = most distinctive), ``term``, ``is_concept``, ``count``,
        ``doc_freq`` and ``tf_idf``: the term's share of the document's tokens times
        ``ln(documents / doc_freq)``.

    Note:
        A term in every document scores 0, so it is never distinctive; in a five-document
        corpus a term in a single document gets ``ln 5 = 1.61`` and one in two ``0.92``.
    """
    index = index_corpus(corpus)
    counts = _doc_term_counts(index, ngram, concepts=concepts)
    doc_freq = counts.groupby("term")["doc"].nunique()
    counts = counts[counts["count"] >= min_count].copy()
    columns = ["doc_id", "rank", "term", "is_concept", "count", "doc_freq", "tf_idf"]
    if not len(counts):  # nothing occurs min_count times: an emptied or a tiny corpus
        return pd.DataFrame(columns=columns)
    n_docs = len(index.documents)
    counts["doc_freq"] = counts["term"].map(doc_freq)
    n_tokens = index.documents["n_tokens"].to_numpy()[counts["doc"].to_numpy()]
    counts["tf_idf"] = (
        counts["count"] / np.maximum(n_tokens, 1) * np.log(n_docs / counts["doc_freq"])
    )
    labels = set(index.glossary["label_en"]) if concepts else set()
    counts["is_concept"] = counts["term"].isin(labels)
    keep = (counts["tf_idf"] > 0) & (counts["doc_freq"] <= max_df * n_docs)
    if not keep_generic:
        keep &= ~_is_generic(counts["term"])
    counts = counts[keep].sort_values(
        ["doc", "tf_idf", "count", "term"], ascending=[True, False, False, True]
    )
    counts["rank"] = counts.groupby("doc").cumcount() + 1
    counts = counts[counts["rank"] <= top]
    counts.insert(0, "doc_id", index.documents["doc_id"].to_numpy()[counts["doc"].to_numpy()])
    return counts[columns].reset_index(drop=True)


def _g2(a: np.ndarray, b: np.ndarray, c: int, d: int) -> np.ndarray:
    """Dunning's log-likelihood for a term seen a times in c tokens and b times in d tokens."""
    expected_a = c * (a + b) / (c + d)
    expected_b = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        part_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        part_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    return 2 * (part_a + part_b)


#: The ways :func:`compare_keyness` adjusts its p-values for the number of terms tested.
ADJUSTMENTS = ("bh", "bonferroni")


def _split_groups(index: TermIndex, group: str, target) -> tuple[np.ndarray, set[str]]:
    """Which documents make the target, and the values of ``group`` that chose them."""
    values = _group_values(index, group)
    if target is None:
        sizes = values[values != ""].value_counts().sort_index(ascending=False)
        target = sizes.idxmax() if len(sizes) else ""
    wanted = {str(target)} if isinstance(target, str | int) else {str(t) for t in target}
    in_target = values.isin(wanted).to_numpy()
    if not in_target.any() or in_target.all():
        problem = "matches no document" if not in_target.any() else "covers every document"
        raise ValueError(
            f"target {sorted(wanted)} {problem} in column {group!r}; "
            f"its values are {', '.join(sorted(set(values)))}."
        )
    return in_target, wanted


def adjust_p_values(p: Sequence[float] | np.ndarray, *, method: str = "bh") -> np.ndarray:
    """Adjust p-values for the number of tests made together.

    Args:
        p: The p-values of every test made (every term compared).
        method: ``"bh"`` (Benjamini-Hochberg: controls the share of false discoveries
            among the terms called significant) or ``"bonferroni"`` (controls the chance
            of any false one; stricter).

    Returns:
        The adjusted p-values, in the same order, at most 1.

    Raises:
        ValueError: An unknown ``method``.
    """
    if method not in ADJUSTMENTS:
        raise ValueError(f"method must be one of {', '.join(ADJUSTMENTS)}, not {method!r}")
    p = np.asarray(p, dtype=float)
    m = len(p)
    if m == 0:
        return p
    if method == "bonferroni":
        return np.minimum(p * m, 1.0)
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(ranked, 1.0)
    return adjusted


def compare_keyness(
    corpus,
    *,
    group: str = "year",
    target: str | int | Sequence | None = None,
    ngram: int | tuple[int, int] = 1,
    min_count: int = 3,
    adjust: str = "bh",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Compare the terms of some documents (the target) with the rest (the reference).

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        group: A document column: ``year``, ``source``, ``language``, ``doc_id``.
        target: The value (or values) of ``group`` that make the target, e.g. ``2021``.
            ``None`` takes the value shared by most documents (the latest, on a tie).
        ngram: Phrase lengths, as in :func:`count_terms`.
        min_count: The minimum frequency: terms seen fewer times in target and
            reference together are not tested.
        adjust: How the p-values are adjusted for the number of terms tested:
            ``"bh"`` (Benjamini-Hochberg) or ``"bonferroni"`` (see :func:`adjust_p_values`).
        alpha: The significance level of ``significant`` and of the conservative log ratio.

    Returns:
        ``term``, ``freq_target``, ``freq_reference``, ``rate_target``,
        ``rate_reference`` (per 10,000 tokens), ``g2`` (log-likelihood: how sure it is
        that the rates differ), ``p`` (its chi-squared p-value, one degree of freedom),
        ``log_ratio`` (Hardie's log ratio: the binary log of the ratio of the rates, how
        much they differ; +1 is twice as frequent in the target, -1 half as frequent),
        ``p_adjusted`` (over every term tested), ``significant`` (``p_adjusted < alpha``)
        and ``conservative_log_ratio`` (the end of the log ratio's confidence interval
        nearest zero, at the Bonferroni-adjusted level; 0 where the difference is not
        significant or the interval spans 0). Largest ``g2`` first. ``table.attrs`` holds
        ``n_tests``, ``adjust``, ``alpha``, ``min_count`` and the
        :class:`ComparisonSize` (``"size"``).

    Raises:
        ValueError: ``group`` is not a document column, or ``target`` matches no
            document, or every document (no reference is left); an unknown ``adjust``.

    Note:
        A zero frequency is counted as 0.5 for the log ratio, so that it stays finite.
        The p-values take tokens as independent draws, which the words of a text are not:
        with a few documents on a side, even adjusted p-values overstate the evidence
        (see :func:`assess_comparison`).
    """
    if adjust not in ADJUSTMENTS:
        raise ValueError(f"adjust must be one of {', '.join(ADJUSTMENTS)}, not {adjust!r}")
    index = index_corpus(corpus)
    in_target, _ = _split_groups(index, group, target)
    counts = _doc_term_counts(index, ngram)
    side = np.where(in_target[counts["doc"].to_numpy()], "freq_target", "freq_reference")
    table = counts.assign(side=side).pivot_table(
        index="term", columns="side", values="count", aggfunc="sum", fill_value=0
    )
    table = table.reindex(columns=["freq_target", "freq_reference"], fill_value=0)
    table = table[table.sum(axis=1) >= min_count].reset_index()
    table.columns.name = None
    tokens = index.documents["n_tokens"].to_numpy()
    c, d = int(tokens[in_target].sum()), int(tokens[~in_target].sum())
    a, b = table["freq_target"].to_numpy(float), table["freq_reference"].to_numpy(float)
    table["rate_target"] = a / max(c, 1) * PER
    table["rate_reference"] = b / max(d, 1) * PER
    table["g2"] = _g2(a, b, c, d)
    table["p"] = [math.erfc(math.sqrt(g / 2)) for g in table["g2"]]
    a_, b_ = np.where(a > 0, a, 0.5), np.where(b > 0, b, 0.5)
    table["log_ratio"] = np.log2((a_ / max(c, 1)) / (b_ / max(d, 1)))
    n_tests = len(table)
    table["p_adjusted"] = adjust_p_values(table["p"].to_numpy(), method=adjust)
    table["significant"] = table["p_adjusted"] < alpha
    z = NormalDist().inv_cdf(1 - alpha / max(n_tests, 1) / 2)
    error = z * np.sqrt(1 / a_ + 1 / b_) / math.log(2)
    low, high = table["log_ratio"] - error, table["log_ratio"] + error
    nearest = np.where(low > 0, low, np.where(high < 0, high, 0.0))
    table["conservative_log_ratio"] = np.where(table["significant"], nearest, 0.0)
    table = table.sort_values(["g2", "term"], ascending=[False, True], kind="stable")
    table = table.reset_index(drop=True)
    table.attrs.update(
        n_tests=n_tests,
        adjust=adjust,
        alpha=alpha,
        min_count=min_count,
        size=_comparison_size(index, in_target, n_tests=n_tests),
    )
    return table


#: Fewer documents than this on a side, and a keyness comparison supports no claim.
MIN_DOCUMENTS = 5
#: Fewer content tokens than this on a side, and it supports no claim either.
MIN_TOKENS = 5_000


@dataclass(frozen=True)
class ComparisonSize:
    """How much data a keyness comparison rests on, and whether it can support claims.

    Attributes:
        documents_target, documents_reference: Documents on each side.
        tokens_target, tokens_reference: Content tokens on each side.
        n_tests: Terms tested (0 when not known).
        too_small: Whether a side has fewer than ``min_documents`` documents or
            ``min_tokens`` tokens.
        sentence: What a reader should take from the comparison, in one or two sentences.
    """

    documents_target: int
    documents_reference: int
    tokens_target: int
    tokens_reference: int
    n_tests: int
    too_small: bool
    sentence: str


def _comparison_size(
    index: TermIndex,
    in_target: np.ndarray,
    *,
    n_tests: int = 0,
    min_documents: int = MIN_DOCUMENTS,
    min_tokens: int = MIN_TOKENS,
) -> ComparisonSize:
    tokens = index.documents["n_tokens"].to_numpy()
    n_t, n_r = int(in_target.sum()), int((~in_target).sum())
    c, d = int(tokens[in_target].sum()), int(tokens[~in_target].sum())
    too_small = min(n_t, n_r) < min_documents or min(c, d) < min_tokens
    sides = (
        f"The target is {plural(n_t, 'document')} ({plural(c, 'content token')}) and the "
        f"reference {plural(n_r, 'document')} ({plural(d, 'content token')})"
    )
    tested = f" over {plural(n_tests, 'term')} tested" if n_tests else ""
    if too_small:
        sentence = (
            f"{sides}: with fewer than {number(min_documents)} documents or "
            f"{number(min_tokens)} tokens on a side, a key term may be one document's "
            "subject rather than the group's, and the p-values, which take every token as "
            "an independent draw, overstate the evidence even when adjusted"
            f"{tested}. Read the table as a description of these documents, not as a "
            "finding about the groups."
        )
    else:
        sentence = (
            f"{sides}: large enough to compare. The adjusted p-values{tested} say which "
            "differences are unlikely by chance if tokens were independent; they are not, "
            "so rank by the conservative log ratio and check the key terms in more than "
            "one document."
        )
    return ComparisonSize(n_t, n_r, c, d, n_tests, too_small, sentence)


def assess_comparison(
    corpus,
    *,
    group: str = "year",
    target: str | int | Sequence | None = None,
    min_documents: int = MIN_DOCUMENTS,
    min_tokens: int = MIN_TOKENS,
) -> ComparisonSize:
    """Say from the sizes of its two sides whether a keyness comparison can support claims.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        group: The document column of :func:`compare_keyness`.
        target: Its target value(s) (``None``: the same default).
        min_documents: Fewer documents than this on a side is too small.
        min_tokens: Fewer content tokens than this on a side is too small.

    Returns:
        The :class:`ComparisonSize`; print its ``sentence`` beside the table.

    Raises:
        ValueError: As :func:`compare_keyness`.
    """
    index = index_corpus(corpus)
    in_target, _ = _split_groups(index, group, target)
    return _comparison_size(
        index, in_target, min_documents=min_documents, min_tokens=min_tokens
    )


# ---------------------------------------------------------------------------- concordance


def concordance(
    corpus,
    query: str,
    *,
    width: int = 60,
    literal: bool = False,
    concept_only: bool = False,
    limit: int | None = None,
) -> pd.DataFrame:
    """Show every occurrence of a term, phrase or concept in its context (KWIC).

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        query: A concept id, any of its English renderings or Chinese terms (which
            finds the concept in every rendering and both languages), or any other
            word or phrase (found with any hyphen or space between its words and in
            its plural forms; ``+`` and other symbols are taken literally). The string
            typed is found inside longer terms too: 产教融合 inside 产教融合型企业,
            "integration" inside "industry-education-integration".
        width: Columns of context on each side; a Chinese character takes two.
        literal: Search the query as written even when it names a concept.
        concept_only: Only the occurrences of the concept the query names, not the
            string typed inside other concepts' mentions.
        limit: Return only the first lines (by date), for a quick look at a large corpus.

    Returns:
        One line per occurrence, by date: ``doc_id``, ``date``, ``sentence`` (its number
        in ``corpus.sentences``), ``left``, ``match`` (as written in the document),
        ``concept`` (the concept whose mention holds the match, ``""`` for none),
        ``right``, ``start``, ``end``.
    """
    index = index_corpus(corpus)
    _, hits = index.find(query, literal=literal, concept_only=concept_only)
    doc, start, end = (hits[c].to_numpy(dtype=np.int64) for c in ("doc", "start", "end"))
    concepts = hits["concept"].fillna("").to_numpy(dtype=object)
    doc_ids = index.documents["doc_id"].to_numpy(dtype=str)
    dates = index.documents["date"].to_numpy(dtype=str)
    order = np.lexsort((start, doc_ids[doc], dates[doc]))[:limit]
    rows = []
    texts, lines = index.texts, index.line_texts
    for k in order.tolist():
        d, a, b = int(doc[k]), int(start[k]), int(end[k])
        left, right = cut_context(lines[d], a, b, width=width)
        rows.append(
            (doc_ids[d], dates[d], index.sentence_of(d, a), left, texts[d][a:b], concepts[k])
            + (right, a, b)
        )
    columns = ["doc_id", "date", "sentence", "left", "match", "concept", "right", "start", "end"]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------------------- collocates


def _node_positions(index: TermIndex, term: str, literal: bool) -> tuple[np.ndarray, np.ndarray]:
    """First and last feature position of each occurrence of a term, phrase or concept."""
    features, _, runs, names = index.features
    concept = None if literal else find_concept(term, index.glossary)
    if concept:
        number = len(index.vocabulary) + list(index.glossary["concept"]).index(concept)
        first = np.flatnonzero(features == number)
        return first, first
    language = "zh" if has_han(term) else "en"
    ids = [index.term_ids.get(t, -1) for t in index.tokenize(term, language=language)]
    if not ids or -1 in ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    size = len(features) - len(ids) + 1
    first = np.arange(max(size, 0))
    hit = np.ones(len(first), dtype=bool)
    for k, term_id in enumerate(ids):
        hit &= features[first + k] == term_id
    hit &= runs[first] == runs[first + len(ids) - 1]
    first = first[hit]
    return first, first + len(ids) - 1


#: The association measures :func:`find_collocates` computes.
MEASURES = ("log_dice", "mi", "log_likelihood")


def _collocate_g2(o11: np.ndarray, window: int, freq: np.ndarray, size: int) -> np.ndarray:
    """Log-likelihood of a 2x2 table: in the windows or not, the collocate or another word."""
    observed = [o11, window - o11, freq - o11, size - window - freq + o11]
    rows = [window, window, size - window, size - window]
    columns = [freq, size - freq, freq, size - freq]
    total = np.zeros(len(o11))
    for o, r, c in zip(observed, rows, columns, strict=True):
        o = np.asarray(o, dtype=float)
        expected = np.asarray(r, dtype=float) * c / max(size, 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            total += np.where(o > 0, o * np.log(o / expected), 0.0)
    return 2 * total


def find_collocates(
    corpus,
    term: str,
    *,
    window: int = 5,
    min_freq: int = 3,
    measure: str = "log_dice",
    literal: bool = False,
    keep_generic: bool = False,
) -> pd.DataFrame:
    """Find the words and concepts that keep company with a term, phrase or concept.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        term: A content word ("talent"), a phrase ("vocational education"), or a concept
            (its id, a rendering or a Chinese term: every occurrence is a node).
        window: Features on each side of the node (stopwords are not counted; a concept
            mention is one feature, see :attr:`~iecorpus.index.TermIndex.features`),
            within the document.
        min_freq: The minimum frequency: collocates seen fewer times within the windows
            are left out.
        measure: The association measure to sort by: ``"log_dice"``, ``"mi"`` (``"pmi"``
            is the same) or ``"log_likelihood"``.
        literal: Take ``term`` as a phrase even when it names a concept.
        keep_generic: Keep the generic words of ``data/stopwords/generic.txt``.

    Returns:
        ``collocate`` (a word, or a concept's label), ``is_concept``, ``freq`` (within the
        windows), ``freq_corpus``, ``log_dice`` (14 + log2(2·freq / (node frequency +
        freq_corpus)): at most 14, comparable across corpora), ``mi`` (log2 of freq over
        what chance would put in windows of that total size; it favours rare words, hence
        ``min_freq``) and ``log_likelihood`` (Dunning's G², how sure the association is).
        ``table.attrs`` names the ``measure``, ``min_freq`` and ``window``, and
        :func:`describe_collocates` says them in a sentence.

    Raises:
        ValueError: If ``measure`` is not one of :data:`MEASURES`.
    """
    measure = "mi" if measure == "pmi" else measure
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    index = index_corpus(corpus)
    features, docs, _, names = index.features
    columns = ["collocate", "is_concept", "freq", "freq_corpus"] + list(MEASURES)
    firsts, lasts = _node_positions(index, term, literal)
    attrs = {"measure": measure, "min_freq": min_freq, "window": window, "term": term}
    attrs["keep_generic"] = keep_generic
    if not len(firsts):
        table = pd.DataFrame(columns=columns)
        table.attrs.update(attrs)
        return table
    size = len(features)
    in_window = np.zeros(size, dtype=bool)
    for offset in range(1, window + 1):
        for node, position in ((firsts, firsts - offset), (lasts, lasts + offset)):
            ok = (position >= 0) & (position < size)
            ok[ok] &= docs[position[ok]] == docs[node[ok]]
            in_window[position[ok]] = True
    for first, last in zip(firsts, lasts, strict=True):
        in_window[first : last + 1] = False
    together = np.bincount(features[in_window], minlength=len(names))
    frequency = np.bincount(features, minlength=len(names))
    keep = np.flatnonzero(together >= min_freq)
    freq, corpus_freq = together[keep], frequency[keep]
    n_window = max(int(in_window.sum()), 1)
    labels = np.asarray(names, dtype=object)[keep]
    table = pd.DataFrame(
        {
            "collocate": labels,
            "is_concept": keep >= len(index.vocabulary),
            "freq": freq,
            "freq_corpus": corpus_freq,
            "log_dice": 14 + np.log2(2 * freq / (len(firsts) + corpus_freq)),
            "mi": np.log2(freq * size / (corpus_freq * n_window)),
            "log_likelihood": _collocate_g2(freq, n_window, corpus_freq, size),
        }
    )
    if not keep_generic:
        table = table[table["is_concept"] | ~_is_generic(table["collocate"])]
    table = table.sort_values([measure, "freq", "collocate"], ascending=[False, False, True])
    table = table.reset_index(drop=True)
    table.attrs.update(attrs)
    return table


def describe_collocates(table: pd.DataFrame) -> str:
    """Say how a table of :func:`find_collocates` was made, for the sentence under it.

    Args:
        table: A table returned by :func:`find_collocates`.

    Returns:
        A sentence naming the node, the association measure, the window and the
        minimum frequency.
    """
    names = {"log_dice": "log Dice", "mi": "mutual information (MI)"}
    names["log_likelihood"] = "log-likelihood (G²)"
    attrs = table.attrs
    return (
        f"Collocates of {attrs.get('term', 'the node')!r} within "
        f"{plural(attrs.get('window', 0), 'feature')} on either side, seen at least "
        f"{plural(attrs.get('min_freq', 0), 'time')} there, ranked by "
        f"{names.get(attrs.get('measure', ''), attrs.get('measure', ''))}; a concept "
        "mention counts as one feature"
        + ("." if attrs.get("keep_generic") else " and generic words are left out.")
    )


# ---------------------------------------------------------------------------- trends


def compute_trends(
    corpus,
    *,
    terms: Iterable[str] = (),
    concepts: Iterable[str] = (),
    measure: str = "rate",
) -> pd.DataFrame:
    """Follow terms and concepts from year to year.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        terms: Words or phrases, normalised like the text ("talents" counts "talent").
        concepts: Concepts: ids, renderings or Chinese terms. With neither terms nor
            concepts, the five most frequent concepts.
        measure: What goes in ``value``: ``"rate"`` (per 10,000 tokens of that year),
            ``"count"``, or ``"share"`` (the share of that year's documents mentioning it).

    Returns:
        One row per year and item, zeros included: ``year``, ``kind`` (concept/term),
        ``item``, ``count``, ``documents`` (documents mentioning it), ``n_documents``
        and ``n_tokens`` (of that year), ``rate``, ``share`` and ``value``.

    Raises:
        ValueError: An unknown ``measure``, or a concept not in the glossary.

    Note:
        Undated documents are left out. A year holds only the documents dated in it:
        with a handful of documents a year, a "trend" is a comparison of documents.
    """
    if measure not in ("rate", "count", "share"):
        raise ValueError(f"measure must be 'rate', 'count' or 'share', not {measure!r}")
    index = index_corpus(corpus)
    terms, concepts = list(terms), list(concepts)
    if not terms and not concepts:
        concepts = list(summarize_concepts(index)["concept"].head(5))
    docs = index.documents
    years = docs["year"].to_numpy()
    per_doc = [_concept_per_doc(index, c) for c in concepts] + [
        _term_per_doc(index, t) for t in terms
    ]
    kinds = ["concept"] * len(concepts) + ["term"] * len(terms)
    names = [find_concept(c, index.glossary) for c in concepts] + terms
    rows = []
    dated = sorted({y for y in years if y})
    for year in dated:
        mask = years == year
        n_tokens, n_docs = int(docs["n_tokens"][mask].sum()), int(mask.sum())
        for kind, name, counts in zip(kinds, names, per_doc, strict=True):
            count = int(counts[mask].sum())
            rows.append((year, kind, name, count, int((counts[mask] > 0).sum()), n_docs, n_tokens))
    table = pd.DataFrame(
        rows, columns=["year", "kind", "item", "count", "documents", "n_documents", "n_tokens"]
    )
    table["rate"] = table["count"] / table["n_tokens"].clip(lower=1) * PER
    table["share"] = table["documents"] / table["n_documents"]
    table["value"] = table[measure]
    return table


def _concept_per_doc(index: TermIndex, concept: str) -> np.ndarray:
    found = find_concept(concept, index.glossary)
    if found is None:
        raise ValueError(
            f"{concept!r} is not a concept of the glossary: use an id such as "
            f"{index.glossary['concept'].iloc[0]!r}, a rendering, or a Chinese term; "
            "to follow a word, pass it as terms=."
        )
    docs = index.occurrences(found)["doc"].to_numpy(dtype=np.int64)  # int also when empty
    return np.bincount(docs, minlength=len(index.documents))


def _term_per_doc(index: TermIndex, term: str) -> np.ndarray:
    language = "zh" if has_han(term) else "en"
    tokens = index.tokenize(term, language=language)
    if not tokens:
        return np.zeros(len(index.documents), dtype=int)
    table = _ngram_counts(index, len(tokens))
    hits = table[table["term"] == " ".join(tokens)].groupby("doc")["count"].sum()
    return hits.reindex(range(len(index.documents)), fill_value=0).to_numpy(dtype=int)


__all__ = [
    "GLOSSARY",
    "GLOSSARY_COLUMNS",
    "GlossaryError",
    "ADJUSTMENTS",
    "GENERIC_WORDS",
    "MEASURES",
    "MIN_DOCUMENTS",
    "MIN_TOKENS",
    "ComparisonSize",
    "TermIndex",
    "adjust_p_values",
    "assess_comparison",
    "compare_keyness",
    "compute_trends",
    "concordance",
    "count_concepts",
    "count_terms",
    "describe_collocates",
    "distinctive_terms",
    "find_collocates",
    "find_concept",
    "find_unlisted_renderings",
    "index_corpus",
    "load_glossary",
    "load_generic_words",
    "locate_concepts",
    "summarize_concepts",
]
