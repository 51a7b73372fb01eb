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

Rates are per :data:`PER` (10,000) content tokens. The glossary's names
(:func:`load_glossary`, :func:`find_concept`, :class:`GlossaryError`, :data:`GLOSSARY`) and
the index's (:func:`index_corpus`, :class:`TermIndex`) can still be imported from here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .chinese import has_han
from .glossary import GLOSSARY, GLOSSARY_COLUMNS, GlossaryError, find_concept, load_glossary
from .index import TermIndex, cut_context, index_corpus

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
        A long table: ``doc_id``, ``concept``, ``count``; documents in corpus order,
        concepts in glossary order; pairs that do not occur are left out (pivot with
        ``fill_value=0`` for a matrix).
    """
    index = index_corpus(corpus)
    order = {c: k for k, c in enumerate(index.glossary["concept"])}
    docs = {d: k for k, d in enumerate(index.documents["doc_id"])}
    counts = index.concepts.groupby(["doc_id", "concept"]).size().rename("count").reset_index()
    counts = counts.sort_values(
        ["doc_id", "concept"], key=lambda c: c.map(docs if c.name == "doc_id" else order)
    )
    return counts.reset_index(drop=True)


def summarize_concepts(corpus) -> pd.DataFrame:
    """Count each concept in the whole corpus, with the renderings that were found.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.

    Returns:
        One row per concept of the glossary, most frequent first: ``concept``,
        ``label_en``, ``label_zh``, ``count``, ``rate`` (per 10,000 content tokens),
        ``doc_freq`` (documents that mention it), ``n_renderings`` and ``renderings``
        (each distinct form found, lower-cased, with its count, most frequent first).
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
    table["rate"] = table["count"] / max(len(index.token_term), 1) * PER
    doc_freq = found.groupby("concept")["doc_id"].nunique()
    table["doc_freq"] = table["concept"].map(doc_freq).fillna(0).astype(int)
    table["n_renderings"] = table["concept"].map(forms.groupby("concept").size()).fillna(0)
    table["n_renderings"] = table["n_renderings"].astype(int)
    table["renderings"] = table["concept"].map(lambda concept: listed.get(concept, ""))
    table = table.sort_values(["count", "doc_freq"], ascending=False, kind="stable")
    return table.reset_index(drop=True)


def _display_form(match: str) -> str:
    """A rendering as found, lower-cased, with its white space and quotes tidied."""
    return re.sub(r"\s+", " ", match.lower().replace("\u201c", "").replace("\u201d", "")).strip()


# ---------------------------------------------------------------------------- terms


def _ngram_counts(index: TermIndex, n: int) -> pd.DataFrame:
    """Counts of each n-gram in each document: ``doc`` (number), ``term``, ``count``."""
    key = f"ngram{n}"
    if key in index.cache:
        return index.cache[key]
    size = len(index.token_term)
    if n == 1:
        frame = pd.DataFrame({"doc": index.token_doc, "t0": index.token_term})
    else:
        first = np.arange(max(size - n + 1, 0))
        same_run = index.token_run[first] == index.token_run[first + n - 1]
        first = first[same_run]
        frame = pd.DataFrame({"doc": index.token_doc[first]})
        for k in range(n):
            frame[f"t{k}"] = index.token_term[first + k]
    columns = list(frame.columns)
    counts = frame.value_counts(columns, sort=False).rename("count").reset_index()
    vocabulary = np.asarray(index.vocabulary, dtype=object)
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


def _doc_term_counts(index: TermIndex, ngram) -> pd.DataFrame:
    tables = [_ngram_counts(index, n).assign(n=n) for n in _ngram_range(ngram)]
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


def distinctive_terms(
    corpus, *, top: int = 10, ngram: int | tuple[int, int] = 1, min_count: int = 2
) -> pd.DataFrame:
    """Find the terms that set each document apart (TF-IDF).

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        top: Terms per document.
        ngram: Phrase lengths, as in :func:`count_terms`.
        min_count: Times a term must occur in the document to be listed (a single
            mention is not what a document is about).

    Returns:
        ``doc_id``, ``rank`` (1 = most distinctive), ``term``, ``count``, ``doc_freq``
        and ``tf_idf``: the term's share of the document's tokens times
        ``ln(documents / doc_freq)``.

    Note:
        A term in every document scores 0, so it is never distinctive; in a five-document
        corpus a term in a single document gets ``ln 5 = 1.61`` and one in two ``0.92``.
    """
    index = index_corpus(corpus)
    counts = _doc_term_counts(index, ngram)
    doc_freq = counts.groupby("term")["doc"].nunique()
    counts = counts[counts["count"] >= min_count].copy()
    columns = ["doc_id", "rank", "term", "count", "doc_freq", "tf_idf"]
    if not len(counts):  # nothing occurs min_count times: an emptied or a tiny corpus
        return pd.DataFrame(columns=columns)
    n_docs = len(index.documents)
    counts["doc_freq"] = counts["term"].map(doc_freq)
    n_tokens = index.documents["n_tokens"].to_numpy()[counts["doc"].to_numpy()]
    counts["tf_idf"] = (
        counts["count"] / np.maximum(n_tokens, 1) * np.log(n_docs / counts["doc_freq"])
    )
    counts = counts[counts["tf_idf"] > 0].sort_values(
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


def compare_keyness(
    corpus,
    *,
    group: str = "year",
    target: str | int | Sequence | None = None,
    ngram: int | tuple[int, int] = 1,
    min_count: int = 3,
) -> pd.DataFrame:
    """Compare the terms of some documents (the target) with the rest (the reference).

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        group: A document column: ``year``, ``source``, ``language``, ``doc_id``.
        target: The value (or values) of ``group`` that make the target, e.g. ``2021``.
            ``None`` takes the value shared by most documents (the latest, on a tie).
        ngram: Phrase lengths, as in :func:`count_terms`.
        min_count: Leave out terms seen fewer times in target and reference together.

    Returns:
        ``term``, ``freq_target``, ``freq_reference``, ``rate_target``,
        ``rate_reference`` (per 10,000 tokens), ``g2`` (log-likelihood: how sure it is
        that the rates differ), ``p`` (its chi-squared p-value, one degree of freedom)
        and ``log_ratio`` (binary log of the ratio of the rates: how much they differ;
        +1 is twice as frequent in the target, -1 half as frequent). Largest ``g2`` first.

    Raises:
        ValueError: ``group`` is not a document column, or ``target`` matches no
            document, or every document (no reference is left).

    Note:
        A zero frequency is counted as 0.5 for the log ratio, so that it stays finite.
    """
    index = index_corpus(corpus)
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
    table["log_ratio"] = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    table = table.sort_values(["g2", "term"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


# ---------------------------------------------------------------------------- concordance


def concordance(
    corpus, query: str, *, width: int = 60, literal: bool = False, limit: int | None = None
) -> pd.DataFrame:
    """Show every occurrence of a term, phrase or concept in its context (KWIC).

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        query: A concept id, any of its English renderings or Chinese terms (which
            finds the concept in every rendering and both languages), or any other
            word or phrase (found with any hyphen or space between its words and in
            its plural forms; ``+`` and other symbols are taken literally).
        width: Columns of context on each side; a Chinese character takes two.
        literal: Search the query as written even when it names a concept.
        limit: Return only the first lines (by date), for a quick look at a large corpus.

    Returns:
        One line per occurrence, by date: ``doc_id``, ``date``, ``sentence`` (its number
        in ``corpus.sentences``), ``left``, ``match`` (as written in the document),
        ``right``, ``start``, ``end``.
    """
    index = index_corpus(corpus)
    _, hits = index.find(query, literal=literal)
    doc, start, end = (hits[c].to_numpy(dtype=np.int64) for c in ("doc", "start", "end"))
    doc_ids = index.documents["doc_id"].to_numpy(dtype=str)
    dates = index.documents["date"].to_numpy(dtype=str)
    order = np.lexsort((start, doc_ids[doc], dates[doc]))[:limit]
    rows = []
    texts, lines = index.texts, index.line_texts
    for k in order.tolist():
        d, a, b = int(doc[k]), int(start[k]), int(end[k])
        left, right = cut_context(lines[d], a, b, width=width)
        rows.append(
            (doc_ids[d], dates[d], index.sentence_of(d, a), left, texts[d][a:b], right, a, b)
        )
    columns = ["doc_id", "date", "sentence", "left", "match", "right", "start", "end"]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------------------- collocates


def _node_spans(index: TermIndex, term: str, literal: bool) -> tuple[np.ndarray, np.ndarray]:
    """First and last token position of each occurrence of a term, phrase or concept."""
    concept = None if literal else find_concept(term, index.glossary)
    if concept:
        found = index.occurrences(concept)
        bounds = index.doc_bounds
        firsts, lasts = [], []
        for doc, start, end in zip(found["doc"], found["start"], found["end"], strict=True):
            lo, hi = bounds[doc], bounds[doc + 1]
            first = lo + np.searchsorted(index.token_start[lo:hi], start)
            last = lo + np.searchsorted(index.token_start[lo:hi], end) - 1
            if first <= last:
                firsts.append(first)
                lasts.append(last)
        return np.asarray(firsts, dtype=np.int64), np.asarray(lasts, dtype=np.int64)
    language = "zh" if has_han(term) else "en"
    ids = [index.term_ids.get(t, -1) for t in index.tokenize(term, language=language)]
    if not ids or -1 in ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    size = len(index.token_term) - len(ids) + 1
    first = np.arange(max(size, 0))
    hit = np.ones(len(first), dtype=bool)
    for k, term_id in enumerate(ids):
        hit &= index.token_term[first + k] == term_id
    hit &= index.token_run[first] == index.token_run[first + len(ids) - 1]
    first = first[hit]
    return first, first + len(ids) - 1


def find_collocates(
    corpus,
    term: str,
    *,
    window: int = 5,
    min_freq: int = 3,
    measure: str = "log_dice",
    literal: bool = False,
) -> pd.DataFrame:
    """Find the words that keep company with a term, phrase or concept.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        term: A content word ("talent"), a phrase ("vocational education"), or a concept
            (its id, a rendering or a Chinese term: every occurrence is a node).
        window: Content tokens on each side of the node (stopwords are not counted),
            within the document.
        min_freq: Leave out collocates seen fewer times within the windows.
        measure: ``"log_dice"`` or ``"pmi"``: the column to sort by.
        literal: Take ``term`` as a phrase even when it names a concept.

    Returns:
        ``collocate``, ``freq`` (tokens of it within the windows), ``freq_corpus``,
        ``log_dice`` (14 + log2(2·freq / (node frequency + freq_corpus)): at most 14,
        comparable across corpora) and ``pmi`` (log2 of freq over what chance would put
        in windows of that total size; it favours rare words, hence ``min_freq``).

    Raises:
        ValueError: If ``measure`` is not ``log_dice`` or ``pmi``.
    """
    if measure not in ("log_dice", "pmi"):
        raise ValueError(f"measure must be 'log_dice' or 'pmi', not {measure!r}")
    index = index_corpus(corpus)
    columns = ["collocate", "freq", "freq_corpus", "log_dice", "pmi"]
    firsts, lasts = _node_spans(index, term, literal)
    if not len(firsts):
        return pd.DataFrame(columns=columns)
    size = len(index.token_term)
    in_window = np.zeros(size, dtype=bool)
    for offset in range(1, window + 1):
        for node, position in ((firsts, firsts - offset), (lasts, lasts + offset)):
            ok = (position >= 0) & (position < size)
            ok[ok] &= index.token_doc[position[ok]] == index.token_doc[node[ok]]
            in_window[position[ok]] = True
    for first, last in zip(firsts, lasts, strict=True):
        in_window[first : last + 1] = False
    together = np.bincount(index.token_term[in_window], minlength=len(index.vocabulary))
    frequency = index.term_frequencies
    keep = np.flatnonzero(together >= min_freq)
    freq, corpus_freq = together[keep], frequency[keep]
    table = pd.DataFrame(
        {
            "collocate": np.asarray(index.vocabulary, dtype=object)[keep],
            "freq": freq,
            "freq_corpus": corpus_freq,
            "log_dice": 14 + np.log2(2 * freq / (len(firsts) + corpus_freq)),
            "pmi": np.log2(freq * size / (corpus_freq * max(int(in_window.sum()), 1))),
        }
    )
    table = table.sort_values([measure, "freq", "collocate"], ascending=[False, False, True])
    return table.reset_index(drop=True)


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
    "TermIndex",
    "compare_keyness",
    "compute_trends",
    "concordance",
    "count_concepts",
    "count_terms",
    "distinctive_terms",
    "find_collocates",
    "find_concept",
    "index_corpus",
    "load_glossary",
    "locate_concepts",
    "summarize_concepts",
]
