"""Findings of the topics notebook in words: sentences computed from a sweep, a model, its tables.

Every function here reads a table of :mod:`iecorpus.topics` and returns a Markdown
paragraph (through :mod:`iecorpus.prose`) saying what that table shows in the corpus
analysed, so that no result of notebook ``03-topics`` is typed by hand. Each one also
handles the corpus that gives nothing to say ("no passage is doubtful").
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .prose import (
    FEW_DOCUMENTS,
    join_words,
    number,
    paragraph,
    percent,
    plural,
    quote_text,
    share,
    size_caveat,
)
from .topics import MIN_STABILITY, build_features

#: Fewer passages than this and no sweep is run: a topic model needs passages to compare.
MIN_PASSAGES = 10
#: Fewer documents than this and no model is fitted: one document has no themes to separate.
MIN_DOCUMENTS = 2
#: Above this many passages the default sweep is cut down (see :func:`plan_sweep`).
LARGE_PASSAGES = 1_000
#: Seeds a sweep keeps for a large corpus (stability needs two; three are the least to average).
LARGE_SEEDS = 3
#: NMI, homogeneity or completeness from here up is "most"; below LOW_SCORE, "little".
HIGH_SCORE = 0.7
LOW_SCORE = 0.3
#: A document is "mostly one topic" when that topic holds this share of its tokens.
MOSTLY = 0.8
_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _words(n: int) -> str:
    """A small count in words (method text carries no digits), a larger one in digits."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else number(n)


@dataclass(frozen=True)
class SweepPlan:
    """What the sweep of a corpus will try, and why (or why it cannot run).

    Attributes:
        ks: The numbers of topics to try (empty: no sweep).
        methods: The models to compare.
        seeds: One run per seed.
        note: A sentence for the reader: what was cut for a large corpus, or why there
            is no model; empty when the sweep runs as asked.
    """

    ks: list[int]
    methods: list[str]
    seeds: list[int]
    note: str = ""

    @property
    def runs(self) -> bool:
        """Whether there is a sweep to run (and so a model to read)."""
        return bool(self.ks)


def prepare_features(corpus, *, unit: str = "paragraph", window: int = 3, min_df: int = 2):
    """Build the passages' features, or say why a corpus gives none.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus`.
        unit, window, min_df: As for :func:`iecorpus.topics.build_features`.

    Returns:
        ``(features, note)``: the :class:`~iecorpus.topics.PassageFeatures` and "", or
        None and a sentence saying why no feature is left (no passage, or no word found
        in ``min_df`` passages).

    Raises:
        ValueError: An unknown ``unit`` or a ``window`` below one sentence, as
            :func:`~iecorpus.topics.build_features` raises: those are the reader's to fix.
    """
    try:
        return build_features(corpus, unit=unit, window=window, min_df=min_df), ""
    except ValueError as error:
        if "No feature is left" not in str(error):
            raise
    n = len(corpus.paragraphs)
    return None, (
        f"No feature is found in at least {plural(min_df, 'passage')} of this corpus "
        f"({plural(len(corpus.documents), 'document')}, {plural(n, 'paragraph')}): "
        "there is nothing for a topic model to work on, so sections 3 to 8 are skipped."
    )


def plan_sweep(
    features,
    *,
    ks: Sequence[int],
    methods: Sequence[str],
    seeds: Sequence[int],
    large: int = LARGE_PASSAGES,
) -> SweepPlan:
    """Decide what the sweep tries on this corpus: all that was asked, less, or nothing.

    Args:
        features: The :class:`~iecorpus.topics.PassageFeatures`, or None (no features).
        ks: The numbers of topics asked for.
        methods: The models asked for.
        seeds: The seeds asked for.
        large: Above this many passages, only NMF and the first three seeds are run.

    Returns:
        The :class:`SweepPlan`. No sweep runs with fewer than two documents, fewer than
        ten passages, or no k below both the number of passages and of features.

    Note:
        On a large corpus LDA is left out because it is both the slow model and, on
        short passages, the less stable one; stability is then averaged over three runs.
        Pass ``methods`` with one entry, or fewer ``seeds``, to choose for yourself.
    """
    methods, seeds = list(methods), list(seeds)
    if features is None:
        return SweepPlan([], methods, seeds, "")
    n_passages = len(features.passages)
    n_documents = features.passages["doc_id"].nunique()
    if n_documents < MIN_DOCUMENTS or n_passages < MIN_PASSAGES:
        return SweepPlan(
            [],
            methods,
            seeds,
            f"This corpus gives {plural(n_passages, 'passage')} from "
            f"{plural(n_documents, 'document')}: too few for topics to be told apart from "
            f"one another (a model needs at least {_words(MIN_DOCUMENTS)} documents and "
            f"{_words(MIN_PASSAGES)} passages), so no model is fitted and sections 3 to 8 are "
            "skipped.",
        )
    limit = min(n_passages, len(features.vocabulary))
    usable = [int(k) for k in ks if 2 <= k < limit]
    if not usable:
        return SweepPlan(
            [],
            methods,
            seeds,
            f"None of the numbers of topics asked for ({join_words(map(str, ks))}) is below "
            f"the {plural(n_passages, 'passage')} and "
            f"{plural(len(features.vocabulary), 'feature')} "
            "of this corpus, so no model is fitted and sections 3 to 8 are skipped.",
        )
    note = ""
    if n_passages > large and (len(methods) > 1 or len(seeds) > LARGE_SEEDS):
        kept = [m for m in methods if m == "nmf"] or methods[:1]
        note = (
            f"With {plural(n_passages, 'passage')}, the default sweep is cut down to stay "
            f"within minutes: {join_words(m.upper() for m in kept)} only"
            + (
                f" (not {join_words(m.upper() for m in methods if m not in kept)})"
                if len(kept) < len(methods)
                else ""
            )
            + f", and the first {_words(min(len(seeds), LARGE_SEEDS))} seeds of `seeds`. "
            "Set `large_corpus` in the parameters to a larger number to run the whole sweep."
        )
        methods, seeds = kept, seeds[:LARGE_SEEDS]
    return SweepPlan(usable, methods, seeds, note)


def _model_name(method: str, k: int) -> str:
    return f"{str(method).upper()} with {plural(int(k), 'topic')}"


def describe_sweep(sweep: pd.DataFrame, choice, *, min_stability: float = MIN_STABILITY) -> str:
    """Say which model the sweep chose and why, from the sweep that was run.

    Args:
        sweep: The table of :func:`iecorpus.topics.sweep_topics`.
        choice: The :class:`~iecorpus.topics.Choice` made from it.
        min_stability: The stability the choice asked for.

    Returns:
        A paragraph: the models compared, the one chosen with its least and mean NPMI and
        its stability, how many models were stable, the model with the highest mean NPMI
        when it is another one, how the methods compare, and where UMass peaks.
    """
    row = sweep[(sweep["method"] == choice.method) & (sweep["k"] == choice.k)].iloc[0]
    stable = sweep[sweep["stability"] >= min_stability]
    methods = list(dict.fromkeys(sweep["method"]))
    ks = sorted(set(sweep["k"]))
    tried = (
        f"The sweep compared {plural(len(sweep), 'model')} "
        f"({join_words(m.upper() for m in methods)}, k from {number(ks[0])} to {number(ks[-1])})"
    )
    if stable.empty:
        chosen = (
            f"{tried}, and none reached stability {number(min_stability, digits=2)}: the most "
            f"stable, {_model_name(choice.method, choice.k)} (stability "
            f"{number(row['stability'], digits=2)}), is read below, and its topics depend on the "
            "seed: read them with caution."
        )
    else:
        evidence = (
            f"(NPMI {number(row['npmi_min'], digits=3)}; mean "
            f"{number(row['npmi'], digits=3)}; stability {number(row['stability'], digits=2)})"
        )
        if len(stable) == 1:
            chosen = (
                f"{tried}; only {_model_name(choice.method, choice.k)} reached stability "
                f"{number(min_stability, digits=2)} (NPMI of its least coherent topic "
                f"{evidence[len('(NPMI ') :]}, so it is the model read below."
            )
        else:
            chosen = (
                f"{tried}; {plural(len(stable), 'model')} reached stability "
                f"{number(min_stability, digits=2)}. Among them, "
                f"{_model_name(choice.method, choice.k)} has the most coherent least coherent "
                f"topic {evidence}, so it is the model read below."
            )
        if row["npmi_min"] < 0:
            chosen += (
                " Even so, its least coherent topic is below zero: that topic's top terms occur "
                "together less often than chance, so read it as a remainder, not a theme."
            )
    best = sweep.sort_values(["npmi", "k"], ascending=[False, True]).iloc[0]
    if (best["method"], best["k"]) != (choice.method, choice.k):
        why = (
            "it is not stable enough"
            if best["stability"] < min_stability
            else "its least coherent topic is weaker"
        )
        mean = (
            f"The highest mean NPMI is {_model_name(best['method'], best['k'])} "
            f"({number(best['npmi'], digits=3)}), but {why} (least coherent topic "
            f"{number(best['npmi_min'], digits=3)}, "
            f"stability {number(best['stability'], digits=2)})."
        )
    else:
        mean = "It also has the highest mean NPMI of the sweep."
    versus = ""
    if len(methods) == 2:
        wide = sweep.pivot(index="k", columns="method", values="npmi_min").dropna()
        a, b = methods
        wins = int((wide[a] > wide[b]).sum())
        how = (
            "every"
            if wins == len(wide)
            else "no"
            if wins == 0
            else "most values of"
            if 2 * wins > len(wide)
            else "some values of"
        )
        versus = (
            f"{a.upper()}'s least coherent topic is more coherent than {b.upper()}'s at {how} k."
        )
    umass = sweep.sort_values(["umass", "k"], ascending=[False, True]).iloc[0]
    umass_text = (
        f"UMass, reported but not used to choose, is highest for "
        f"{_model_name(umass['method'], umass['k'])} ({number(umass['umass'], digits=3)})."
    )
    return paragraph(chosen, mean, versus, umass_text)


def _top_terms(model, topic: int, n: int) -> list[str]:
    terms = model.topic_terms[model.topic_terms["topic"] == topic].head(n)["display"]
    return [quote_text(t, limit=60) for t in terms]


def describe_topics(assessment: pd.DataFrame, model, *, n_terms: int = 5) -> str:
    """Describe each topic by its top terms, size and trustworthiness.

    Args:
        assessment: The table of :func:`iecorpus.topics.assess_topics`.
        model: The :class:`~iecorpus.topics.TopicModel` it assesses.
        n_terms: Top terms named per topic.

    Returns:
        A paragraph: per topic its top terms, share of the tokens and passages
        dominated; the most and least coherent topics; how stable the topics are.
    """
    n_passages = len(model.passages)
    parts = []
    for row in assessment.itertuples():
        parts.append(
            f"topic {number(row.topic)} ({join_words(_top_terms(model, row.topic, n_terms))}) "
            f"holds {percent(row.prevalence, 1)} of the tokens and is the main topic of "
            f"{number(row.n_passages)} of the {plural(n_passages, 'passage')}"
        )
    topics = f"{plural(len(assessment), 'topic').capitalize()}: " + "; ".join(parts) + "."
    coherent = assessment.sort_values("npmi", ascending=False)
    trust = ""
    if len(assessment) > 1:
        top, low = coherent.iloc[0], coherent.iloc[-1]
        trust = (
            f"Topic {number(top['topic'])} is the most coherent (NPMI "
            f"{number(top['npmi'], digits=3)}) and topic {number(low['topic'])} the least "
            f"({number(low['npmi'], digits=3)}); near zero means its top terms occur together "
            "hardly more often than chance."
        )
    stability = assessment["stability"].dropna()
    if stability.empty:
        steady = "No other seed was run, so stability is not measured."
    elif (stability >= 0.999).all():
        steady = "Refitted with the other seeds, every topic comes back with the same top terms."
    else:
        weakest = assessment.loc[stability.idxmin()]
        steady = (
            f"Refitted with the other seeds, topic {number(weakest['topic'])} is the least "
            f"stable ({number(weakest['stability'], digits=2)}: its top terms change with the "
            "seed)."
        )
    return paragraph(topics, trust, steady)


def summarise_topic_places(model, *, doc_labels: dict[str, str] | None = None) -> pd.DataFrame:
    """Say where each topic lives: how many documents it dominates passages of, which ones, when.

    Args:
        model: A fitted :class:`~iecorpus.topics.TopicModel`.
        doc_labels: Short names of the documents (default: the ``doc_id``).

    Returns:
        One row per topic: ``topic``, ``label``, ``n_passages`` (passages it dominates),
        ``n_documents`` (documents with at least one such passage), ``main_document``
        (the document with the largest share of the topic), ``main_share`` (that
        share), ``first_year`` and ``last_year`` (of its dominated passages; "" when
        undated).
    """
    passages = model.passages
    labels = doc_labels or {}
    rows = []
    mix = model.doc_topics
    for topic in range(model.k):
        mine = passages[passages["dominant_topic"] == topic]
        years = sorted(y for y in mine["year"].astype(str) if y)
        weights = mix[mix["topic"] == topic].sort_values("weight", ascending=False, kind="stable")
        main = weights.iloc[0] if len(weights) else None
        rows.append(
            {
                "topic": topic,
                "label": model.label(topic),
                "n_passages": len(mine),
                "n_documents": int(mine["doc_id"].nunique()),
                "main_document": labels.get(main["doc_id"], main["doc_id"])
                if main is not None
                else "",
                "main_share": float(main["weight"]) if main is not None else 0.0,
                "first_year": years[0] if years else "",
                "last_year": years[-1] if years else "",
            }
        )
    return pd.DataFrame(rows)


def describe_topic_places(places: pd.DataFrame, *, n_documents: int) -> str:
    """Say where the topics live, from :func:`summarise_topic_places`.

    Args:
        places: Its table.
        n_documents: Documents in the corpus.

    Returns:
        A paragraph: per topic, the documents it dominates passages of, its main
        document and share, and its years; topics found in one document only are named.
    """
    parts = []
    for row in places.itertuples():
        years = (
            ""
            if not row.first_year
            else f"; its passages are of {row.first_year}"
            if row.first_year == row.last_year
            else f"; its passages date from {row.first_year} to {row.last_year}"
        )
        parts.append(
            f"topic {number(row.topic)} leads passages "
            f"{share(row.n_documents, n_documents, 'document')}"
            f" (it weighs most in {quote_text(str(row.main_document), limit=40)}, "
            f"{percent(row.main_share, 1)} of that document's tokens{years})"
        )
    text = "By dominant topic, " + "; ".join(parts) + "."
    single = places[places["n_documents"] == 1]
    one = ""
    if len(single) and n_documents > 1:
        one = (
            f"{join_words(f'Topic {number(t)}' for t in single['topic'])} "
            + ("lives in one document only" if len(single) == 1 else "live in one document each")
            + ": such a topic may be a story told once rather than a theme of the corpus."
        )
    return paragraph(text, one, size_caveat(n_documents, what="Where the topics live"))


def describe_documents(model, *, doc_labels: dict[str, str] | None = None) -> str:
    """Say how mixed the documents are, from the model's document-topic table.

    Args:
        model: A fitted :class:`~iecorpus.topics.TopicModel`.
        doc_labels: Short names of the documents.

    Returns:
        A paragraph: how many documents are mostly (at least 80%) one topic, and the most
        mixed document with its two largest shares.
    """
    mix = model.doc_topics.pivot(index="doc_id", columns="topic", values="weight")
    if mix.empty:
        return "No document has a topic mix to show."
    top = mix.max(axis=1)
    mostly = int((top >= MOSTLY).sum())
    mixed_id = top.idxmin()
    shares = mix.loc[mixed_id].sort_values(ascending=False)
    name = quote_text(str((doc_labels or {}).get(mixed_id, mixed_id)), limit=40)
    mixed = ""
    if len(shares) > 1 and len(mix) > 1:
        mixed = (
            f"The most mixed is {name}: {percent(shares.iloc[0], 1)} topic "
            f"{number(shares.index[0])} and {percent(shares.iloc[1], 1)} topic "
            f"{number(shares.index[1])}."
        )
    return paragraph(
        f"{number(mostly) if mostly else 'None'} of the {plural(len(mix), 'document')} "
        f"{'is' if mostly < 2 else 'are'} mostly one topic (one topic holding four fifths of "
        "the document's tokens or more).",
        mixed,
    )


def describe_prevalence(prevalence: pd.DataFrame, *, n_undated: int = 0) -> str:
    """Say what the topics' shares by year show, and how little a year may rest on.

    Args:
        prevalence: The table of :func:`iecorpus.topics.topic_prevalence`.
        n_undated: Documents left out because they have no date.

    Returns:
        A paragraph: the years covered and documents per year, each topic's peak year,
        and a warning when a year holds fewer than five documents.
    """
    undated = (
        f" {plural(n_undated, 'undated document')} {'is' if n_undated == 1 else 'are'} left out."
        if n_undated
        else ""
    )
    if prevalence.empty:
        return (
            "No passage has a date, so the topics cannot be followed over time and the figure "
            "is not drawn: give the documents a date (in the manifest) to see it."
        )
    sizes = prevalence.drop_duplicates("year").set_index("year")["n_documents"]
    years = list(sizes.index)
    span = years[0] if len(years) == 1 else f"between {years[0]} and {years[-1]}"
    empty = [str(y) for y in range(int(years[0]), int(years[-1]) + 1) if str(y) not in sizes.index]
    peaks = []
    for topic, group in prevalence.groupby("topic", sort=True):
        best = group.sort_values("prevalence", ascending=False, kind="stable").iloc[0]
        peaks.append(f"topic {number(topic)} in {best['year']} ({percent(best['prevalence'], 1)})")
    smallest = int(sizes.min())
    caution = f"The thinnest year holds {plural(smallest, 'document')}" + (
        ": a change from one year to the next is then a difference between documents, not a trend."
        if smallest < FEW_DOCUMENTS
        else "."
    )
    return paragraph(
        f"The dated passages fall in {plural(len(years), 'year')} {span}"
        + (
            f" ({join_words(empty)} {'holds' if len(empty) == 1 else 'hold'} no document)"
            if empty
            else ""
        )
        + f".{undated}",
        f"Each topic's largest share: {join_words(peaks)}." if len(years) > 1 else "",
        caution,
    )


def describe_separation(scores: pd.DataFrame, *, n_documents: int) -> str:
    """Say what the NMI and AMI of dominant topic against document mean here.

    Args:
        scores: The one-row table of :func:`iecorpus.topics.score_separation`.
        n_documents: Documents in the corpus.

    Returns:
        A paragraph: the NMI and AMI in words, which of homogeneity and completeness is
        the weaker, and the size caveat.
    """
    row = scores.iloc[0]
    nmi, ami = float(row["nmi"]), float(row["ami"])
    strength = "most of" if nmi >= HIGH_SCORE else "some of" if nmi >= LOW_SCORE else "little of"
    documents = (
        "documents keep mostly to one topic"
        if row["completeness"] >= HIGH_SCORE
        else "documents spread over several topics"
    )
    topics = (
        "a topic's passages come mostly from one document"
        if row["homogeneity"] >= HIGH_SCORE
        else "a topic gathers passages of several documents"
    )
    weaker = (
        f"Completeness is {number(row['completeness'], digits=3)} ({documents}) and homogeneity "
        f"{number(row['homogeneity'], digits=3)} ({topics})."
    )
    return paragraph(
        f"A passage's dominant topic carries {strength} the information about which of the "
        f"{plural(n_documents, 'document')} it comes from (NMI {number(nmi, digits=3)}; "
        f"AMI {number(ami, digits=3)}, where zero is what random topics would score).",
        weaker,
        "A topic model is not meant to find documents: a theme shared by several documents "
        "lowers these scores, and that is a finding, not a failure.",
        size_caveat(n_documents, what="The comparison"),
    )


def describe_tradeoff(tradeoff: pd.DataFrame) -> str:
    """Say how separation and coherence move with k, from the trade-off table.

    Args:
        tradeoff: ``score_separation`` rows for each k merged with the sweep (columns
            ``k``, ``nmi``, ``homogeneity``, ``completeness``, ``npmi_min``, ``stability``).

    Returns:
        A paragraph: the k with the highest NMI, how homogeneity and completeness change
        from the smallest to the largest k, and the ks with an incoherent topic.
    """
    if tradeoff.empty:
        return "No k could be scored."
    table = tradeoff.sort_values("k")
    first, last = table.iloc[0], table.iloc[-1]
    best = table.sort_values(["nmi", "k"], ascending=[False, True]).iloc[0]
    negative = [number(k) for k in table.loc[table["npmi_min"] < 0, "k"]]
    return paragraph(
        f"NMI is highest at k={number(best['k'])} ({number(best['nmi'], digits=3)}).",
        f"From k={number(first['k'])} to k={number(last['k'])}, homogeneity goes from "
        f"{number(first['homogeneity'], digits=3)} to {number(last['homogeneity'], digits=3)} "
        f"and completeness from {number(first['completeness'], digits=3)} to "
        f"{number(last['completeness'], digits=3)}."
        if len(table) > 1
        else "",
        f"A topic with negative NPMI (its top terms occur together less often than chance) "
        f"appears at k={join_words(negative, conjunction='and')}."
        if negative
        else "Every k keeps all its topics at or above independence (NPMI of zero or more).",
    )


def describe_uncertain(uncertain: pd.DataFrame, model, *, doc_labels=None) -> str:
    """Say how many passages have a doubtful dominant topic, and where they are.

    Args:
        uncertain: The table of :func:`iecorpus.topics.find_uncertain_passages`.
        model: The model it comes from.
        doc_labels: Short names of the documents.

    Returns:
        A paragraph: how many passages are doubtful and in how many documents, naming
        the documents with the most of them.
    """
    n = len(model.passages)
    if uncertain.empty:
        return f"None of the {plural(n, 'passage')} has a doubtful dominant topic."
    docs = uncertain["doc_id"].value_counts()
    named = [
        f"{quote_text(str((doc_labels or {}).get(d, d)), limit=40)} ({number(c)})"
        for d, c in docs.head(3).items()
    ]
    return paragraph(
        f"{plural(len(uncertain), 'passage').capitalize()} of {number(n)} "
        f"{'has' if len(uncertain) == 1 else 'have'} a doubtful dominant topic, "
        f"{share(len(docs), model.passages['doc_id'].nunique(), 'document')}; "
        f"the most in {join_words(named)}.",
        f"The closest call has a margin of {number(uncertain['margin'].min(), digits=3)}.",
    )


def describe_best_passages(best: pd.DataFrame, *, doc_labels=None) -> str:
    """Say which documents the passages that express each topic best come from.

    Args:
        best: The table of :func:`iecorpus.topics.best_passages`.
        doc_labels: Short names of the documents.

    Returns:
        A paragraph naming, per topic, the documents of its best passages and their
        least share of the topic.
    """
    if best.empty:
        return "No passage expresses a topic."
    parts = []
    for topic, group in best.groupby("topic", sort=True):
        docs = [
            quote_text(str((doc_labels or {}).get(d, d)), limit=40)
            for d in dict.fromkeys(group["doc_id"])
        ]
        parts.append(
            f"topic {number(topic)} from {join_words(docs)} (share at least "
            f"{number(group['share'].min(), digits=2)})"
        )
    return "The passages that express each topic best come from: " + "; ".join(parts) + "."


def link_workbook(workbook: str | os.PathLike, *, processed_dir=None) -> str:
    """A Markdown link to a report's workbook, relative to where the report is read.

    Args:
        workbook: The ``.xlsx`` file written.
        processed_dir: The notebook's ``processed_dir`` parameter: ``make report
            CORPUS=...`` puts the report in its parent folder; None: the notebook is read
            in ``notebooks/`` or rendered into ``reports/``, both beside ``data/``.

    Returns:
        ``[name](relative/path)``, with forward slashes.
    """
    workbook = Path(workbook)
    start = Path(processed_dir).parent if processed_dir is not None else paths.REPORTS_DIR
    try:
        target = Path(os.path.relpath(workbook.resolve(), start.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        target = workbook.name
    return f"[{quote_text(workbook.name)}]({target.replace(' ', '%20')})"


__all__ = [
    "LARGE_PASSAGES",
    "MIN_DOCUMENTS",
    "MIN_PASSAGES",
    "SweepPlan",
    "describe_best_passages",
    "describe_documents",
    "describe_prevalence",
    "describe_separation",
    "describe_sweep",
    "describe_topic_places",
    "describe_topics",
    "describe_tradeoff",
    "describe_uncertain",
    "link_workbook",
    "plan_sweep",
    "prepare_features",
    "summarise_topic_places",
]
