"""Findings of the topics notebook in words: sentences computed from a sweep, a model, its tables.

Every function here reads a table of :mod:`iecorpus.topics` and returns a Markdown
paragraph (through :mod:`iecorpus.prose`) saying what that table shows in the corpus
analysed, so that no result of notebook ``03-topics`` is typed by hand. Each one also
handles the corpus that gives nothing to say ("no passage is doubtful").
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .corpus import Corpus
from .corpus_findings import LANGUAGE_NAMES
from .export import link_from_report
from .prose import (
    FEW_DOCUMENTS,
    code_text,
    join_words,
    number,
    number_words,
    paragraph,
    percent,
    plural,
    quote_text,
    share,
    size_caveat,
)
from .topics import (
    CONCEPT_PREFIX,
    METHODS,
    MIN_STABILITY,
    assess_topics,
    best_passages,
    build_features,
    count_seeds,
    fit_topics,
    score_language_mixing,
    score_separation,
)

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


def _words(n: int) -> str:
    """A small count in words (method text carries no digits), a larger one in digits."""
    return number_words(n)


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


def list_languages(corpus) -> list[str]:
    """List the languages of a corpus's documents, most documents first.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus`.

    Returns:
        The language codes (``en``, ``zh``), ties in alphabetical order.
    """
    languages = corpus.documents["language"].fillna("").astype(str)
    counts = languages[languages != ""].value_counts()
    return sorted(counts.index, key=lambda language: (-counts[language], language))


def decide_shared(corpus, *, shared: bool | None = None) -> bool:
    """Decide whether the topics of a corpus are fitted on shared features only.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus`.
        shared: The reader's choice; None decides from the corpus.

    Returns:
        ``shared`` when given; otherwise True for a corpus in more than one language (see
        :func:`iecorpus.topics.build_features`), where English and Chinese passages share
        almost no words and topics would split by language.
    """
    if shared is not None:
        return bool(shared)
    return len(list_languages(corpus)) > 1


def prepare_features(
    corpus, *, unit: str = "paragraph", window: int = 3, min_df: int = 2, shared: bool = False
):
    """Build the passages' features, or say why a corpus gives none.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus`.
        unit, window, min_df, shared: As for :func:`iecorpus.topics.build_features`.

    Returns:
        ``(features, note)``: the :class:`~iecorpus.topics.PassageFeatures` and "", or
        None and a sentence saying why no feature is left (no passage, no word found in
        ``min_df`` passages, or, with ``shared``, none found in every language).

    Raises:
        ValueError: An unknown ``unit`` or a ``window`` below one sentence, as
            :func:`~iecorpus.topics.build_features` raises: those are the reader's to fix.
    """
    try:
        return build_features(corpus, unit=unit, window=window, min_df=min_df, shared=shared), ""
    except ValueError as error:
        if "No feature is left" not in str(error):
            raise
    n = len(corpus.paragraphs)
    where = (
        f"in passages of every language ({join_words(_language_names(list_languages(corpus)))}) "
        "and "
        if shared
        else ""
    )
    advice = " (`shared_features = False` fits on every feature instead)" if shared else ""
    return None, (
        f"No feature is found {where}in at least {plural(min_df, 'passage')} of this corpus "
        f"({plural(len(corpus.documents), 'document')}, {plural(n, 'paragraph')}): "
        f"there is nothing for a topic model to work on{advice}, so sections 3 to 8 are "
        "skipped."
    )


def _language_names(codes) -> list[str]:
    return [LANGUAGE_NAMES.get(code, str(code)) for code in codes]


def summarise_languages(corpus, features) -> pd.DataFrame:
    """Count, language by language, the passages and features a topic model sees.

    Args:
        corpus: The corpus the features were built from.
        features: Its :class:`~iecorpus.topics.PassageFeatures` (shared or not).

    Returns:
        One row per language of the passages, most passages first: ``language``,
        ``passages``, ``features`` (features of the full vocabulary, built with the same
        options and ``shared=False``, found in its passages), ``shared`` (features found
        in passages of every language: the same in every row), ``shared_concepts`` (how
        many of those are glossary concepts) and ``no_feature`` (its passages that hold
        no feature of ``features``, and so have no topic).
    """
    every = build_features(
        corpus,
        unit=features.unit,
        window=features.window,
        min_df=features.min_df,
        max_df=features.max_df,
    )
    is_concept = np.array([str(t).startswith(CONCEPT_PREFIX) for t in every.vocabulary])
    languages = every.passages["language"].fillna("").astype(str).to_numpy()
    held = np.asarray(features.counts.sum(axis=1)).ravel()
    found = {}
    for language in pd.unique(languages):
        mine = np.flatnonzero(languages == language)
        found[language] = (mine, np.asarray((every.counts[mine] > 0).sum(axis=0)).ravel() > 0)
    everywhere = np.logical_and.reduce([f for _, f in found.values()]) if found else None
    rows = [
        {
            "language": language,
            "passages": len(mine),
            "features": int(present.sum()),
            "shared": int(everywhere.sum()),
            "shared_concepts": int((everywhere & is_concept).sum()),
            "no_feature": int((held[mine] == 0).sum()),
        }
        for language, (mine, present) in found.items()
    ]
    columns = ["language", "passages", "features", "shared", "shared_concepts", "no_feature"]
    table = pd.DataFrame(rows, columns=columns)
    table = table.sort_values(["passages", "language"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


def describe_languages(languages: pd.DataFrame, *, shared: bool, n_features: int) -> str:
    """Say which languages the passages are in and which features the model is fitted on.

    Args:
        languages: The table of :func:`summarise_languages`.
        shared: Whether the features are the shared ones only.
        n_features: Features the model is fitted on.

    Returns:
        "" for a corpus in one language and without shared features (nothing to say);
        otherwise a paragraph: the passages of each language, the features each uses,
        how many are shared and of them concepts, what the model is fitted on, and how
        many passages are left without a topic.
    """
    if len(languages) < 2 and not shared:
        return ""
    names = dict(zip(languages["language"], _language_names(languages["language"]), strict=True))
    counts = join_words(
        f"{number(r.passages)} in {names[r.language]}" for r in languages.itertuples()
    )
    if len(languages) < 2:
        return (
            f"Every passage is in {join_words(names.values())} ({counts}), so keeping only "
            "the features found in every language keeps them all."
        )
    uses = join_words(
        f"{names[r.language]} passages use {plural(r.features, 'feature')}"
        for r in languages.itertuples()
    )
    concepts = int(languages["shared_concepts"].iloc[0])
    if shared:
        fitted = (
            f"The model is fitted on the {plural(n_features, 'shared feature')} alone "
            f"(`shared_features`; {number(concepts)} of them glossary concepts), so that a topic "
            "is about content written in every language rather than about which language a "
            "passage is in (section 10 shows the difference)."
        )
        empty = int(languages["no_feature"].sum())
        left = (
            f"{plural(empty, 'passage').capitalize()} "
            f"{'holds' if empty == 1 else 'hold'} no shared feature and so "
            f"{'has' if empty == 1 else 'have'} no topic."
            if empty
            else ""
        )
        coherence = (
            "Coherence is still counted in windows of ten content tokens of the text, where "
            "two concepts rarely meet, so NPMI is lower than with every feature: compare the "
            "models of this corpus with one another, not with those of a one-language corpus."
        )
    else:
        fitted = (
            f"The model is fitted on every feature ({plural(n_features, 'feature')}; "
            "`shared_features = False`), so its topics may split by language: section 4 "
            "says how far they do."
        )
        left = coherence = ""
    return paragraph(
        f"The passages are in {plural(len(languages), 'language')} ({counts}).",
        f"{uses[0].upper()}{uses[1:]}; {number(int(languages['shared'].iloc[0]))} of them are "
        "found in every language.",
        fitted,
        left,
        coherence,
    )


def plan_sweep(
    features,
    *,
    ks: Sequence[int],
    methods: Sequence[str],
    seeds: Sequence[int] | None = None,
    large: int = LARGE_PASSAGES,
) -> SweepPlan:
    """Decide what the sweep tries on this corpus: all that was asked, less, or nothing.

    Args:
        features: The :class:`~iecorpus.topics.PassageFeatures`, or None (no features).
        ks: The numbers of topics asked for.
        methods: The models asked for.
        seeds: The seeds asked for; None (the default): seeds 0, 1, ... as many as
            :func:`iecorpus.topics.count_seeds` gives for the number of passages (five
            up to 1,000, four up to 10,000, three above).
        large: Above this many passages, only NMF and the first three of the seeds
            asked for are run.

    Returns:
        The :class:`SweepPlan`. No sweep runs with fewer than two documents, fewer than
        ten passages, or no k below both the number of passages and of features.

    Note:
        On a large corpus LDA is left out because it is both the slow model and, on
        short passages, the less stable one; stability is then averaged over three runs.
        Pass ``methods`` with one entry, or fewer ``seeds``, to choose for yourself.
    """
    methods = list(methods)
    if features is None:
        return SweepPlan([], methods, list(seeds or []), "")
    n_passages = len(features.passages)
    asked = seeds is not None
    seeds = list(seeds) if asked else list(range(count_seeds(n_passages)))
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
    cut_seeds = asked and len(seeds) > LARGE_SEEDS
    if n_passages > large and (len(methods) > 1 or cut_seeds):
        kept = [m for m in methods if m == "nmf"] or methods[:1]
        note = (
            f"With {plural(n_passages, 'passage')}, the default sweep is cut down to stay "
            f"within minutes: {join_words(m.upper() for m in kept)} only"
            + (
                f" (not {join_words(m.upper() for m in methods if m not in kept)})"
                if len(kept) < len(methods)
                else ""
            )
            + (
                f", and the first {_words(min(len(seeds), LARGE_SEEDS))} seeds of `seeds`. "
                if cut_seeds
                else ". "
            )
            + "Set `large_corpus` in the parameters to a larger number to run the whole sweep."
        )
        methods = kept
        if cut_seeds:
            seeds = seeds[:LARGE_SEEDS]
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


def compare_methods(
    features, *, k: int, seed: int = 0, methods: Sequence[str] = METHODS
) -> pd.DataFrame:
    """Fit each method once with the same k and seed, and score the models side by side.

    Args:
        features: The :class:`~iecorpus.topics.PassageFeatures`.
        k: The number of topics of every model (the chosen one, as a rule).
        seed: The random seed of every model.
        methods: The models to fit (default NMF and LDA).

    Returns:
        One row per method: ``method``, ``k``, ``npmi`` (mean NPMI of its topics' top
        terms), ``npmi_min`` (its least coherent topic), ``umass`` and ``nmi`` (how well
        the passages' dominant topics follow their documents; see
        :func:`iecorpus.topics.score_separation`). One fit each, so no stability.

    Note:
        This is how the notebook sets LDA beside the NMF sweep: a sweep of LDA costs one
        LDA fit per k and seed, the comparison one fit.
    """
    rows = []
    for method in methods:
        model = fit_topics(features, k=k, method=method, seed=seed)
        assessment = assess_topics(model, seeds=[])
        rows.append(
            {
                "method": method,
                "k": int(k),
                "npmi": float(assessment["npmi"].mean()),
                "npmi_min": float(assessment["npmi"].min()),
                "umass": float(assessment["umass"].mean()),
                "nmi": float(score_separation(model).loc[0, "nmi"]),
            }
        )
    return pd.DataFrame(rows)


def describe_method_comparison(table: pd.DataFrame, *, swept: Sequence[str]) -> str:
    """Say how the methods compare when each is fitted once at the same k.

    Args:
        table: The table of :func:`compare_methods`.
        swept: The methods the sweep ran (a method not among them has no stability).

    Returns:
        A paragraph: each method's least and mean NPMI and NMI, which one has the more
        coherent least coherent topic, and how to sweep a method that was not swept.
    """
    if table.empty:
        return ""
    k = int(table["k"].iloc[0])
    parts = [
        f"{str(r.method).upper()} (least coherent topic {number(r.npmi_min, digits=3)}, mean "
        f"NPMI {number(r.npmi, digits=3)}, NMI {number(r.nmi, digits=3)})"
        for r in table.itertuples()
    ]
    first = f"Fitted once each with {plural(k, 'topic')} and the same seed: {join_words(parts)}."
    verdict = ""
    if len(table) > 1:
        ranked = table.sort_values(["npmi_min", "npmi"], ascending=False)
        best, other = ranked.iloc[0], ranked.iloc[1]
        if abs(best["npmi_min"] - other["npmi_min"]) < 0.005:
            verdict = "Their least coherent topics are about as coherent."
        else:
            verdict = (
                f"{str(best['method']).upper()}'s least coherent topic is the more coherent "
                f"at this k."
            )
    missing = [str(m) for m in table["method"] if m not in set(swept)]
    how = (
        f"{join_words(m.upper() for m in missing)} "
        f"{'was' if len(missing) == 1 else 'were'} not in the sweep, so "
        f"{'its' if len(missing) == 1 else 'their'} stability across seeds is not measured "
        "here: add "
        + join_words(code_text(f'"{m}"') for m in missing)
        + " to `methods` in the parameters to sweep "
        + ("it" if len(missing) == 1 else "them")
        + " too."
        if missing
        else ""
    )
    return paragraph(first, verdict, how)


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


def summarise_document_mix(model) -> pd.DataFrame:
    """Count the documents that are mostly one topic, and those without any topic.

    Args:
        model: A fitted :class:`~iecorpus.topics.TopicModel`.

    Returns:
        One row: ``documents``, ``no_topic`` (documents none of whose passages holds a
        feature of the model, as happens with shared features) and ``mostly_one_topic``
        (documents whose main topic holds at least four fifths of their tokens).
    """
    top = model.doc_topics.groupby("doc_id", sort=False)["weight"].max()
    return pd.DataFrame(
        [
            {
                "documents": len(top),
                "no_topic": int((top <= 0).sum()),
                "mostly_one_topic": int((top >= MOSTLY).sum()),
            }
        ]
    )


def describe_documents(model, *, doc_labels: dict[str, str] | None = None) -> str:
    """Say how mixed the documents are, from the model's document-topic table.

    Args:
        model: A fitted :class:`~iecorpus.topics.TopicModel`.
        doc_labels: Short names of the documents.

    Returns:
        A paragraph: how many documents are mostly (at least 80%) one topic (the counts
        of :func:`summarise_document_mix`), how many have no topic, and the most mixed
        document with its two largest shares.
    """
    mix = model.doc_topics.pivot(index="doc_id", columns="topic", values="weight")
    if mix.empty:
        return "No document has a topic mix to show."
    top = mix.max(axis=1)
    mostly = int((top >= MOSTLY).sum())
    empty = int((top <= 0).sum())
    none = (
        f"{plural(empty, 'document').capitalize()} {'holds' if empty == 1 else 'hold'} no "
        f"feature of the model and so {'has' if empty == 1 else 'have'} no topic."
        if empty
        else ""
    )
    mixed = ""
    if len(mix) - empty > 1 and mix.shape[1] > 1:
        mixed_id = top[top > 0].idxmin()
        shares = mix.loc[mixed_id].sort_values(ascending=False)
        name = quote_text(str((doc_labels or {}).get(mixed_id, mixed_id)), limit=40)
        mixed = (
            f"The most mixed is {name}: {percent(shares.iloc[0], 1)} topic "
            f"{number(shares.index[0])} and {percent(shares.iloc[1], 1)} topic "
            f"{number(shares.index[1])}."
        )
    return paragraph(
        f"{number(mostly) if mostly else 'None'} of the {plural(len(mix), 'document')} "
        f"{'is' if mostly < 2 else 'are'} mostly one topic (one topic holding four fifths of "
        "the document's tokens or more).",
        none,
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


def describe_language_mixing(mixing: pd.DataFrame, *, shared: bool, n: int = 5) -> str:
    """Say how many topics draw their best passages from more than one language.

    Args:
        mixing: The table of :func:`iecorpus.topics.score_language_mixing`.
        shared: Whether the model was fitted on shared features only.
        n: The best passages per topic it looked at.

    Returns:
        A paragraph: the share of topics whose best passages mix languages, and the
        topics that keep to one language, with that language; "" for a table of one
        language (no mixing to measure).
    """
    languages = [c for c in mixing.columns if c not in ("topic", "label", "mixed")]
    if len(languages) < 2 or mixing.empty:
        return ""
    n_mixed = int(mixing["mixed"].sum())
    k = len(mixing)
    features = "shared features" if shared else "every feature"
    head = (
        f"Fitted on {features}, {number(n_mixed) if n_mixed else 'none'} of the "
        f"{plural(k, 'topic')} ({percent(n_mixed, k)}) "
        f"{'mixes' if n_mixed == 1 else 'mix'} languages among "
        f"{'its' if k == 1 else 'their'} {_words(n)} best passages."
    )
    single = mixing[~mixing["mixed"]]
    parts = []
    for row in single.itertuples(index=False):
        held = [c for c in languages if getattr(row, c) > 0]
        if held:
            parts.append(f"topic {number(row.topic)} ({join_words(_language_names(held))})")
    if not parts:
        alone = ""
    elif not n_mixed:
        alone = (
            f"Each topic keeps to one language: {join_words(parts)}, so a topic says which "
            "language a passage is in rather than what it is about."
        )
    else:
        alone = (
            f"{'One topic keeps' if len(parts) == 1 else f'{number(len(parts))} topics keep'} "
            f"to one language: {join_words(parts)}."
        )
    return paragraph(head, alone)


@dataclass(frozen=True)
class LanguageComparison:
    """One corpus in several languages fitted twice: on every feature and on shared ones.

    Attributes:
        table: One row per fit: ``features`` (``"every"`` or ``"shared"``), ``n_passages``,
            ``n_features``, ``n_concepts`` (of them glossary concepts), ``k``, ``n_mixed``
            (topics whose best passages are in more than one language) and ``share_mixed``.
        models: The two :class:`~iecorpus.topics.TopicModel`, by ``features``.
        mixing: Each model's :func:`~iecorpus.topics.score_language_mixing` table, with a
            ``features`` column first, the two one under the other.
        n: Best passages looked at per topic.
    """

    table: pd.DataFrame
    models: dict = field(repr=False)
    mixing: pd.DataFrame = field(repr=False)
    n: int = 5


def combine_corpora(*corpora: Corpus) -> Corpus:
    """Put loaded corpora together into one, documents in the order given.

    Args:
        *corpora: Loaded :class:`~iecorpus.corpus.Corpus` objects.

    Returns:
        One :class:`~iecorpus.corpus.Corpus` with every table of each, one after another.

    Raises:
        ValueError: Two corpora hold the same ``doc_id`` (the message names them).
    """
    documents = pd.concat([c.documents for c in corpora], ignore_index=True)
    repeated = documents["doc_id"][documents["doc_id"].duplicated()]
    if len(repeated):
        raise ValueError(
            f"The corpora share document ids ({join_words(map(str, repeated.unique()[:5]))}): "
            "rename the files of one folder so that each document keeps its own id."
        )

    def stack(name: str) -> pd.DataFrame:
        return pd.concat([getattr(c, name) for c in corpora], ignore_index=True)

    return Corpus(
        documents=documents,
        paragraphs=stack("paragraphs"),
        sentences=stack("sentences"),
        removed=stack("removed"),
        problems=stack("problems"),
        raw={d: text for c in corpora for d, text in c.raw.items()},
    )


def compare_language_mixing(
    corpus,
    *,
    k: int,
    method: str = "nmf",
    seed: int = 0,
    n: int = 5,
    unit: str = "paragraph",
    min_df: int = 2,
) -> LanguageComparison:
    """Fit one corpus on every feature and on shared features, and see which topics mix languages.

    Args:
        corpus: A corpus in more than one language (see :func:`combine_corpora`).
        k: Topics of both models.
        method: ``"nmf"`` or ``"lda"``.
        seed: Random seed of both models.
        n: Best passages per topic looked at (see :func:`iecorpus.topics.score_language_mixing`).
        unit, min_df: The passages and the vocabulary cut (see
            :func:`iecorpus.topics.build_features`).

    Returns:
        The :class:`LanguageComparison`.

    Raises:
        ValueError: A ``k`` the features cannot support, as
            :func:`iecorpus.topics.fit_topics` raises.
    """
    rows, models, tables = [], {}, []
    for name, shared in (("every", False), ("shared", True)):
        features = build_features(corpus, unit=unit, min_df=min_df, shared=shared)
        model = fit_topics(features, k=k, method=method, seed=seed)
        mixing = score_language_mixing(model, n=n)
        models[name] = model
        tables.append(mixing.assign(features=name))
        rows.append(
            {
                "features": name,
                "n_passages": len(features.passages),
                "n_features": len(features.vocabulary),
                "n_concepts": int(
                    sum(str(t).startswith(CONCEPT_PREFIX) for t in features.vocabulary)
                ),
                "k": k,
                "n_mixed": int(mixing["mixed"].sum()),
                "share_mixed": mixing.attrs["share_mixed"],
            }
        )
    mixing = pd.concat(tables, ignore_index=True)
    mixing = mixing[["features", *[c for c in mixing.columns if c != "features"]]]
    return LanguageComparison(pd.DataFrame(rows), models, mixing, n)


def describe_language_comparison(
    comparison: LanguageComparison, *, doc_labels: dict[str, str] | None = None
) -> str:
    """Say how far sharing features makes topics mix languages, from a comparison.

    Args:
        comparison: The :class:`LanguageComparison` of :func:`compare_language_mixing`.
        doc_labels: Short names of the documents (default: the ``doc_id``).

    Returns:
        A paragraph: the passages of each language, how many topics mix languages with
        every feature and with the shared ones, and the documents whose passages each
        mixed topic of the shared model brings together.
    """
    table = comparison.table.set_index("features")
    every, shared = table.loc["every"], table.loc["shared"]
    passages = comparison.models["every"].passages
    counts = passages["language"].value_counts()
    languages = join_words(
        f"{number(c)} in {LANGUAGE_NAMES.get(lang, lang)}" for lang, c in counts.items()
    )
    k = int(every["k"])

    def mixed(row) -> str:
        n_mixed = int(row["n_mixed"])
        return (
            f"{number(n_mixed) if n_mixed else 'none'} of the {plural(k, 'topic')} "
            f"({percent(n_mixed, k)}) {'mixes' if n_mixed == 1 else 'mix'} languages"
        )

    verdict = (
        "sharing features makes the topics cross the language line"
        if shared["n_mixed"] > every["n_mixed"]
        else "sharing features does not make more topics cross the language line here"
    )
    model = comparison.models["shared"]
    best = best_passages(model, n=comparison.n)
    best = best[best["share"] > 0]
    together = []
    for topic in comparison.mixing.query("features == 'shared' and mixed")["topic"]:
        docs = dict.fromkeys(best.loc[best["topic"] == topic, "doc_id"])
        names = [quote_text(str((doc_labels or {}).get(d, d)), limit=40) for d in docs]
        together.append(f"topic {number(topic)} ({join_words(names)})")
    listed = (
        "; ".join(together[:-1]) + ("; and " if len(together) > 1 else "") + together[-1:][0]
        if together
        else ""
    )
    brings = (
        f"With shared features, the best passages of each mixed topic come from: {listed}."
        if together
        else ""
    )
    return paragraph(
        f"The mixed example gives {plural(len(passages), 'passage')} ({languages}).",
        f"Fitted on every feature ({plural(int(every['n_features']), 'feature')}), "
        f"{mixed(every)} among their {_words(comparison.n)} best passages; fitted on the "
        f"{plural(int(shared['n_features']), 'shared feature')} "
        f"({number(int(shared['n_concepts']))} of them concepts), {mixed(shared)}: {verdict}.",
        brings,
        "A model of shared features sees only what both languages write the same way, the "
        "concepts above all: it groups passages by the concepts they mention and says nothing "
        "of the words around them, so read its topics beside the words of the first model.",
    )


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
    target = link_from_report(workbook, processed_dir=processed_dir)
    return f"[{quote_text(workbook.name)}]({target})"


__all__ = [
    "LARGE_PASSAGES",
    "LanguageComparison",
    "MIN_DOCUMENTS",
    "MIN_PASSAGES",
    "SweepPlan",
    "combine_corpora",
    "compare_language_mixing",
    "compare_methods",
    "decide_shared",
    "describe_best_passages",
    "describe_documents",
    "describe_language_comparison",
    "describe_language_mixing",
    "describe_method_comparison",
    "describe_languages",
    "describe_prevalence",
    "describe_separation",
    "describe_sweep",
    "describe_topic_places",
    "describe_topics",
    "describe_tradeoff",
    "describe_uncertain",
    "link_workbook",
    "list_languages",
    "plan_sweep",
    "prepare_features",
    "summarise_document_mix",
    "summarise_languages",
    "summarise_topic_places",
]
