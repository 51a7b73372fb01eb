"""Findings of the term-frequency notebook in words: sentences computed from its tables.

Each function takes a table that notebook ``02-term-frequency`` shows (from
:mod:`iecorpus.terms`) and returns a Markdown paragraph built with :mod:`iecorpus.prose`,
so that the report says what the table shows in the corpus analysed, with the plural,
"none" and few-documents cases handled. Words and phrases come from the documents, so
they are quoted with :func:`~iecorpus.prose.quote_text` between “ ” marks; document
labels are shown as code. Every number a sentence states is a value of the table it
describes (a count, or a value rounded as the table shows it).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from .export import link_from_report
from .prose import (
    FEW_DOCUMENTS,
    code_text,
    join_words,
    number,
    number_words,
    paragraph,
    plural,
    quote_text,
    share,
    size_caveat,
)
from .terms import describe_collocates as describe_collocates_method

#: How many items a sentence names before it says "and N more".
MAX_NAMED = 5
#: A corpus with at most this many documents is described document by document.
MAX_LISTED = 6
#: Below this MI a collocate is one that is frequent everywhere, not near the node only.
LOW_MI = 0.3
#: How a sentence names each association measure of :func:`~iecorpus.terms.find_collocates`.
MEASURE_NAMES = {"log_dice": "log Dice", "mi": "MI", "log_likelihood": "G²"}
_RENDERING = re.compile(r"^(?P<form>.*) \((?P<n>\d+)\)$")


def _words(n: int) -> str:
    """A small count in words (as method text writes it), a larger one in digits."""
    return number_words(n, zero="no")


def _quoted(text: str, *, limit: int = 60) -> str:
    return f"“{quote_text(text, limit=limit)}”"


def _name_concept(row) -> str:
    return f"{row['label_en']} ({row['label_zh']})"


def _more(items: list[str], *, limit: int = MAX_NAMED) -> str:
    """Name the first ``limit`` items, and say when there are others (the table has them)."""
    if len(items) > limit:
        return f"{', '.join(items[:limit])} and others"
    return join_words(items)


def _label(doc_id: str, labels: dict[str, str] | None) -> str:
    return code_text((labels or {}).get(doc_id, doc_id))


def read_renderings(renderings: str) -> list[tuple[str, int]]:
    """Split the ``renderings`` cell of :func:`~iecorpus.terms.summarize_concepts`.

    Args:
        renderings: For example ``"integration of industry and education (28); 产教融合 (3)"``.

    Returns:
        ``(form, count)`` pairs, most frequent first; empty for an empty cell.
    """
    pairs = []
    for part in str(renderings or "").split("; "):
        found = _RENDERING.match(part)
        if found:
            pairs.append((found["form"], int(found["n"])))
    return pairs


def describe_queries(queries: list[str], concepts: list[str | None]) -> str:
    """Say which concept each example query of the glossary finds.

    Args:
        queries: The phrases looked up.
        concepts: What :func:`~iecorpus.glossary.find_concept` gave for each (None: none).

    Returns:
        A paragraph grouping the queries by the concept they find.
    """
    groups: dict[str, list[str]] = {}
    for query, concept in zip(queries, concepts, strict=True):
        groups.setdefault(concept or "", []).append(_quoted(query))
    found = [
        f"{join_words(qs, conjunction='and')} find{'s' if len(qs) == 1 else ''} "
        f"{code_text(concept)}"
        for concept, qs in groups.items()
        if concept
    ]
    sentences = [f"{'; '.join(found)}." if found else ""]
    if "" in groups:
        unknown = groups[""]
        sentences.append(
            f"{join_words(unknown)} {'is' if len(unknown) == 1 else 'are'} no concept of the "
            "glossary: such words are counted with the other words in section 6."
        )
    return paragraph(*sentences)


def describe_top_concepts(
    summary: pd.DataFrame,
    located: pd.DataFrame,
    *,
    n_documents: int,
    labels: dict[str, str] | None = None,
    following: int = 4,
) -> str:
    """Say which concept leads, how often, where and in how many forms, and what follows.

    Args:
        summary: The table of :func:`~iecorpus.terms.summarize_concepts`.
        located: The table of :func:`~iecorpus.terms.locate_concepts` (which document
            uses which rendering).
        n_documents: Documents in the corpus.
        labels: Short document names by ``doc_id``.
        following: Concepts named after the first.

    Returns:
        A paragraph; it says so when no concept of the glossary occurs.
    """
    found = summary[summary["count"] > 0]
    if not len(found):
        where = "in the one document" if n_documents == 1 else "in any document"
        return (
            f"No concept of the glossary occurs {where}: the documents may be about other "
            "things, or render the concepts in ways `data/glossary.csv` does not list yet "
            "(section 6 counts the words)."
        )
    top = found.iloc[0]
    sentences = [
        f"{_name_concept(top)} is the most frequent concept: "
        f"{plural(int(top['count']), 'occurrence')}, "
        f"{share(int(top['doc_freq']), n_documents, 'document')}, "
        + (
            f"written {plural(int(top['n_renderings']), 'way')}."
            if top["n_renderings"] > 1
            else "always written the same way."
        )
    ]
    forms = read_renderings(top["renderings"])
    if len(forms) > 1:
        form, n = forms[0]
        sentences.append(
            f"Its commonest rendering, {_quoted(form)}, accounts for {number(n)} of them: "
            "a count of any one spelling would miss the rest."
        )
        mine = located[located["concept"] == top["concept"]]
        spelled = mine["match"].map(
            lambda m: " ".join(m.lower().replace("“", "").replace("”", "").split())
        )
        by_form = mine.groupby(spelled)["doc_id"].unique()
        alone = [(f, d[0]) for f, d in by_form.items() if len(d) == 1 and f != form]
        if n_documents > 1 and alone:
            sentences.append(
                "Found in one document only: "
                + _more([f"{_quoted(f)} ({_label(d, labels)})" for f, d in alone], limit=3)
                + "."
            )
    rest = found.iloc[1 : 1 + following]
    if len(rest):
        named = [
            f"{_name_concept(row)} ({number(row['count'])}, "
            + (
                "in one document only"
                if row["doc_freq"] == 1 and n_documents > 1
                else share(int(row["doc_freq"]), n_documents, "document")
            )
            + ")"
            for _, row in rest.iterrows()
        ]
        sentences.append(f"Next come {join_words(named)}.")
    rest_all = found.iloc[1:]
    varied = rest_all[
        (rest_all["n_renderings"] >= 3) & (rest_all["count"] <= 2 * rest_all["n_renderings"])
    ]
    if len(varied):
        row = varied.loc[(varied["n_renderings"] / varied["count"]).idxmax()]
        sentences.append(
            f"{row['label_en']} ({row['label_zh']}) arrives in "
            f"{plural(int(row['n_renderings']), 'form')} in only "
            f"{plural(int(row['count']), 'mention')}."
        )
    sentences.append(size_caveat(n_documents))
    return paragraph(*sentences)


def describe_narrower(
    summary: pd.DataFrame, narrower: dict[str, list[str]], *, names: dict[str, str] | None = None
) -> str:
    """Say which concepts count more once their narrower concepts are included.

    Args:
        summary: The table of :func:`~iecorpus.terms.summarize_concepts` (``count`` and
            ``count_with_narrower``).
        narrower: Each concept's narrower concepts, itself first
            (:func:`~iecorpus.glossary.list_narrower`).
        names: Labels by concept id (default: the ids).

    Returns:
        A paragraph naming, for each concept whose narrower concepts occur, both figures
        and the narrower concepts found; it says so when no narrower concept occurs.
    """
    names = names or {}
    counts = dict(zip(summary["concept"], summary["count"], strict=True))
    wider = summary[summary["count_with_narrower"] > summary["count"]]
    broad = [c for c, below in narrower.items() if len(below) > 1]
    if not broad:
        return "The glossary gives no concept a narrower one, so both figures are the same."
    if not len(wider):
        return (
            f"No narrower concept of the glossary's {plural(len(broad), 'broader concept')} "
            "occurs, so each concept's two figures are the same."
        )
    sentences = []
    for _, row in wider.head(MAX_NAMED).iterrows():
        found = [
            f"{names.get(c, c)} {number(counts.get(c, 0))}"
            for c in narrower.get(row["concept"], [])[1:]
            if counts.get(c, 0)
        ]
        sentences.append(
            f"{names.get(row['concept'], row['concept'])} is named as itself "
            f"{plural(int(row['count']), 'time')} and {number(row['count_with_narrower'])} "
            f"times with its narrower concepts ({_more(found, limit=3)})."
        )
    if len(wider) > MAX_NAMED:
        sentences.append(f"{plural(len(wider) - MAX_NAMED, 'other concept')} also count more.")
    return paragraph(*sentences)


def _phrase_count(row) -> str:
    return f"{_quoted(row['phrase'])} ({number(row['count'])})"


def describe_unlisted_renderings(
    unlisted: pd.DataFrame, *, concept: str, name: str | None = None, labels=None
) -> str:
    """Say which phrases look like renderings of a concept that the glossary does not list.

    Args:
        unlisted: The table of :func:`~iecorpus.terms.find_unlisted_renderings`.
        concept: The concept's id.
        name: Its label (default: the id).
        labels: Short document names by ``doc_id``.

    Returns:
        A paragraph: the phrases its key words count already, the near misses a reader
        should judge, and where they come from.
    """
    name = name or code_text(concept)
    if not len(unlisted):
        return (
            f"No phrase looks like an unlisted rendering of {name}: every mention its key "
            "words find is a listed rendering, and no run of its key words falls one short."
        )
    counted = unlisted[unlisted["counted"]]
    near = unlisted[~unlisted["counted"]]
    sentences = []
    if len(counted):
        named = [_phrase_count(r) for _, r in counted.iterrows()]
        verb = "is" if len(counted) == 1 else "are"
        sentences.append(
            f"{plural(len(counted), 'phrase')} that no rendering lists {verb} counted for "
            f"{name} already, by its key words: {_more(named, limit=4)}."
        )
    else:
        sentences.append(f"Every mention of {name} its key words find is a listed rendering.")
    if len(near):
        named = [_phrase_count(r) for _, r in near.iterrows()]
        docs = near["doc_id"].nunique()
        sentences.append(
            f"{plural(len(near), 'phrase')} {'holds' if len(near) == 1 else 'hold'} all its "
            f"key words but one and {'is' if len(near) == 1 else 'are'} not counted: "
            f"{_more(named, limit=4)}"
            + (f", the first from {_label(near['doc_id'].iloc[0], labels)}" if docs else "")
            + ". Read the example line before adding one: a near miss may be about something "
            "else."
        )
    return paragraph(*sentences)


def describe_top_figure(summary: pd.DataFrame, *, n_documents: int, top: int) -> str:
    """Say which of the concepts drawn belong to a single document.

    Args:
        summary: The table of :func:`~iecorpus.terms.summarize_concepts`.
        n_documents: Documents in the corpus.
        top: Concepts drawn.

    Returns:
        A sentence; empty when no concept is drawn.
    """
    drawn = summary[summary["count"] > 0].head(top)
    if not len(drawn):
        return ""
    if n_documents == 1:
        return "With one document, every concept drawn comes from it."
    single = drawn[drawn["doc_freq"] == 1]
    if not len(single):
        return "Every concept drawn occurs in more than one document."
    names = [_name_concept(row) for _, row in single.iterrows()]
    return (
        f"{plural(len(single), 'concept')} of the {number(len(drawn))} drawn "
        f"{'comes' if len(single) == 1 else 'come'} from one document each "
        f"({_more(names, limit=3)}): a concept can rank high on one page's subject, "
        "which is why the next section looks document by document."
    )


def describe_unused_concepts(summary: pd.DataFrame) -> str:
    """Say which concepts of the glossary never occur, and what that does not mean.

    Args:
        summary: The table of :func:`~iecorpus.terms.summarize_concepts`.

    Returns:
        A paragraph.
    """
    never = summary[summary["count"] == 0]
    if not len(never):
        return f"Every one of the glossary's {plural(len(summary), 'concept')} occurs."
    if len(never) == len(summary):
        return f"None of the glossary's {plural(len(summary), 'concept')} occurs here."
    names = [_name_concept(row) for _, row in never.iterrows()]
    return paragraph(
        f"{plural(len(never), 'concept')} of the glossary's {number(len(summary))} "
        f"{'does' if len(never) == 1 else 'do'} not occur here: {_more(names, limit=8)}.",
        "A concept that does not occur is not evidence that the documents ignore the policy: "
        "they may name it in a way the glossary does not list. The glossary keeps such "
        "concepts for corpora that cite them.",
    )


def summarize_documents(
    counts: pd.DataFrame, documents: pd.DataFrame, *, labels: dict[str, str] | None = None
) -> pd.DataFrame:
    """Tabulate each document's concept mentions and its most frequent concept.

    Args:
        counts: The table of :func:`~iecorpus.terms.count_concepts`.
        documents: ``doc_id``, ``date`` and ``n_tokens`` of each document, in the order
            to show (``index_corpus(corpus).documents``).
        labels: Short names by ``doc_id`` (default: the ``doc_id``).

    Returns:
        One row per document: ``doc_id``, ``label``, ``date``, ``n_tokens``, ``mentions``
        (concept occurrences), ``concepts`` (distinct concepts), ``top_concept`` (the
        most frequent; glossary order breaks a tie) and ``top_count``.
    """
    table = documents[["doc_id", "date", "n_tokens"]].copy()
    table.insert(1, "label", [(labels or {}).get(d, d) for d in table["doc_id"]])
    grouped = counts.groupby("doc_id")["count"]
    table["mentions"] = table["doc_id"].map(grouped.sum()).fillna(0).astype(int)
    table["concepts"] = table["doc_id"].map(grouped.size()).fillna(0).astype(int)
    first = counts.sort_values("count", ascending=False, kind="stable").drop_duplicates("doc_id")
    first = first.set_index("doc_id")
    table["top_concept"] = table["doc_id"].map(first["concept"]).astype(object).fillna("")
    table["top_count"] = table["doc_id"].map(first["count"]).fillna(0).astype(int)
    return table.reset_index(drop=True)


def describe_documents(per_document: pd.DataFrame, *, concept_names: dict[str, str]) -> str:
    """Say which concept leads in each document, and which documents say least.

    Args:
        per_document: The table of :func:`summarize_documents`.
        concept_names: Concept labels by id (:func:`~iecorpus.plots_terms.concept_labels`).

    Returns:
        A paragraph: document by document for a small corpus, as a distribution otherwise.
    """
    n = len(per_document)
    talking = per_document[per_document["mentions"] > 0]
    if not len(talking):
        return (
            f"No document mentions a concept of the glossary ({plural(n, 'document')}), so "
            "there is no grid to draw."
        )
    name = concept_names.get
    sentences = []
    if n <= MAX_LISTED:
        parts = [
            f"{code_text(row['label'])}, {name(row['top_concept'], row['top_concept'])} "
            f"({number(row['top_count'])} of its {number(row['mentions'])} concept mentions)"
            for _, row in talking.iterrows()
        ]
        sentences.append(f"The most frequent concept of each document: {'; '.join(parts)}.")
    else:
        leaders = talking["top_concept"].value_counts()
        parts = [f"{name(c, c)} in {plural(k, 'document')}" for c, k in leaders.head(3).items()]
        sentences.append(f"The most frequent concept of a document is {join_words(parts)}.")
    silent = n - len(talking)
    if silent:
        sentences.append(f"{plural(silent, 'document')} mention no concept at all.")
    if n > 1:
        density = talking["mentions"] / talking["n_tokens"].clip(lower=1)
        row = talking.loc[density.idxmin()]
        sentences.append(
            f"{code_text(row['label'])} mentions fewest concepts for its length: "
            f"{plural(int(row['mentions']), 'mention')} in {plural(int(row['n_tokens']), 'token')}."
        )
    sentences.append(size_caveat(n))
    return paragraph(*sentences)


def describe_only_in_one(counts: pd.DataFrame, *, labels: dict[str, str] | None, names) -> str:
    """Name the concepts that only one document mentions (in a corpus of several).

    Args:
        counts: The table of :func:`~iecorpus.terms.count_concepts`.
        labels: Short document names by ``doc_id``.
        names: Concept labels by id.

    Returns:
        A sentence, or "" when the corpus has one document or no such concept.
    """
    if counts["doc_id"].nunique() < 2:
        return ""
    spread = counts.groupby("concept")["doc_id"].unique()
    alone = [(c, d[0]) for c, d in spread.items() if len(d) == 1]
    if not alone:
        return "Every concept found occurs in more than one document."
    parts = [f"{names.get(c, c)} ({_label(d, labels)})" for c, d in alone]
    return f"Concepts only one document mentions: {_more(parts)}."


def describe_side_by_side(table: pd.DataFrame, *, english: str, concept_names) -> str:
    """Compare the concept counts of Chinese pages with those of their English counterpart.

    Args:
        table: Counts by concept (rows) and document (columns), the English one first
            when it is in the corpus.
        english: The ``doc_id`` of the English counterpart.
        concept_names: Concept labels by id.

    Returns:
        A paragraph saying where the counts agree and where they differ.
    """
    chinese = [c for c in table.columns if c != english]
    if not len(table) or not chinese:
        return "The Chinese example pages mention no concept of the glossary."
    if english not in table.columns:
        lead = table[chinese[0]].idxmax()
        return (
            f"The English counterpart {code_text(english)} is not in this corpus, so the table "
            f"shows the Chinese example pages alone: {plural(len(table), 'concept')}, led by "
            f"{concept_names.get(lead, lead)} ({number(table[chinese[0]].max())} in "
            f"{code_text(chinese[0])})."
        )
    same = table.eq(table[english], axis=0).all(axis=1)
    agree = table[same]
    leaders = join_words(
        f"{concept_names.get(c, c)}, {number(v)}" for c, v in agree[english].head(3).items()
    )
    sentences = [
        f"The Chinese pages and the English page agree on {number(len(agree))} of the "
        f"{plural(len(table), 'concept')} found, with the same counts"
        + (f" (led by {leaders})" if len(agree) else "")
        + "."
    ]
    differ = table[~same]
    if len(differ):
        parts = [
            f"{concept_names.get(c, c)} ({', '.join(number(v) for v in row)})"
            for c, row in differ.iterrows()
        ]
        sentences.append(f"They differ on {_more(parts)}, in the order of the columns.")
    if len(chinese) > 1 and table[chinese].eq(table[chinese[0]], axis=0).all(axis=None):
        every = "Both" if len(chinese) == 2 else f"All {_words(len(chinese))}"
        sentences.append(f"{every} Chinese pages give the same counts.")
    return paragraph(*sentences)


def describe_traditional_lines(lines: pd.DataFrame) -> str:
    """Say how one query finds each page's own characters in a concordance.

    Args:
        lines: Concordance lines (:func:`~iecorpus.terms.concordance`).

    Returns:
        A sentence naming the form found in each document.
    """
    if not len(lines):
        return "The query finds no line in the Chinese example pages."
    forms = lines.groupby("doc_id", sort=False)["match"].agg(lambda m: join_words(sorted(set(m))))
    parts = [f"{quote_text(f)} in {code_text(d)}" for d, f in forms.items()]
    return f"The one query finds {join_words(parts)}: each page as it is written."


def describe_domain_stopwords(found: pd.Series, *, n_words: int, kept: pd.Series) -> str:
    """Say how much of the corpus the domain stopwords are, and which kept words occur.

    Args:
        found: Count of each domain stopword in the text, most frequent first.
        n_words: English words in the text (before tokenization).
        kept: Count of each word kept on purpose ("deepen").

    Returns:
        A paragraph.
    """
    if not n_words:
        return "The corpus has no English words, so the English domain list removes nothing."
    often = join_words(f"{_quoted(w)} ({number(n)})" for w, n in found.head(3).items())
    sentences = [
        f"Here the domain stopwords are {number(found.sum())} of the {number(n_words)} "
        "English words" + (f", most often {often}" if len(found) else "") + "."
    ]
    present = kept[kept > 0]
    if len(present):
        sentences.append(
            "Kept on purpose: "
            + join_words(f"{_quoted(w)} ({plural(int(n), 'time')})" for w, n in present.items())
            + "."
        )
    return paragraph(*sentences)


def describe_top_terms(terms: pd.DataFrame, *, n_documents: int, top: int = 5) -> str:
    """Say which words lead, and the first that is not shared by every document.

    Args:
        terms: The table of :func:`~iecorpus.terms.count_terms` (whole corpus).
        n_documents: Documents in the corpus.
        top: Words named.

    Returns:
        A paragraph.
    """
    if not len(terms):
        return "No content word is left once stopwords, numbers and punctuation are removed."
    named = [
        f"{_quoted(t)} ({number(c)})" for t, c in zip(terms["term"], terms["count"], strict=True)
    ]
    sentences = [f"The most frequent words are {join_words(named[:top])}."]
    if n_documents > 1:
        everywhere = int((terms["doc_freq"].head(top) == n_documents).sum())
        listed = min(top, len(terms))
        if everywhere == listed:
            sentences.append("Each of them occurs in every document.")
        elif everywhere:
            sentences.append(
                f"{_words(everywhere).capitalize()} of these {_words(listed)} occur in every "
                "document."
            )
        else:
            sentences.append("None of them occurs in every document.")
        local = terms[terms["doc_freq"] < n_documents]
        if len(local):
            row = local.iloc[0]
            sentences.append(
                f"The most frequent word not in every document is {_quoted(row['term'])} "
                f"({number(row['count'])}, {share(int(row['doc_freq']), n_documents, 'document')})."
            )
    return paragraph(*sentences)


def describe_phrases(phrases: pd.DataFrame, *, min_count: int, top: int = 4) -> str:
    """Say which phrases lead.

    Args:
        phrases: The table of :func:`~iecorpus.terms.count_terms` for phrases.
        min_count: The fewest occurrences a phrase needed to be listed.
        top: Phrases named.

    Returns:
        A sentence.
    """
    if not len(phrases):
        return f"No phrase occurs {plural(min_count, 'time')} or more."
    named = [
        f"{_quoted(t)} ({number(c)}, in {plural(int(d), 'document')})"
        for t, c, d in zip(phrases["term"], phrases["count"], phrases["doc_freq"], strict=True)
    ]
    return f"The most frequent phrases are {join_words(named[:top])}."


def describe_distinctive(
    distinctive: pd.DataFrame, per_document: pd.DataFrame, *, max_documents: int
) -> str:
    """Say what sets each document apart, or why nothing can.

    Args:
        distinctive: The table of :func:`~iecorpus.terms.distinctive_terms`.
        per_document: The table of :func:`summarize_documents` (labels and tokens).
        max_documents: Documents the figure draws at most.

    Returns:
        A paragraph.
    """
    n = len(per_document)
    if n < 2:
        return (
            "With one document, every word is in every document: TF-IDF has nothing to "
            "contrast, so no term is distinctive and no figure is drawn."
        )
    if not len(distinctive):
        return (
            "No word occurs twice in a document without occurring in every document, so no "
            "term is distinctive and no figure is drawn."
        )
    labels = dict(zip(per_document["doc_id"], per_document["label"], strict=True))
    by_doc = distinctive.groupby("doc_id", sort=False)
    sentences = []
    if n <= MAX_LISTED:
        parts = [
            f"{_label(d, labels)}: {join_words(_quoted(t) for t in g['term'].head(3))}"
            for d, g in by_doc
        ]
        sentences.append(f"The most distinctive words of each document: {'; '.join(parts)}.")
    shown = min(by_doc.ngroups, max_documents)
    if by_doc.ngroups > max_documents:
        sentences.append(
            f"The figure draws {number(shown)} of the {plural(by_doc.ngroups, 'document')} "
            "with distinctive terms: those whose terms score highest."
        )
    lacking = n - by_doc.ngroups
    if lacking:
        sentences.append(f"{plural(lacking, 'document')} have no distinctive term.")
    if by_doc.ngroups > 1:
        weakest = by_doc["tf_idf"].max().idxmin()
        tokens = int(per_document.set_index("doc_id").loc[weakest, "n_tokens"])
        sentences.append(
            f"Scores are lowest for {_label(weakest, labels)}, whose vocabulary is spread over "
            f"{plural(tokens, 'token')}."
        )
    return paragraph(*sentences)


def find_adjusted_p(keyness: pd.DataFrame) -> str | None:
    """Name the column of p-values corrected for the many terms tested, when there is one.

    Args:
        keyness: The table of :func:`~iecorpus.terms.compare_keyness`.

    Returns:
        A column such as ``p_adjusted`` (any name starting ``p_``, or ``q``), or None.
    """
    for column in keyness.columns:
        if str(column).startswith("p_") or column in ("q", "q_value"):
            return str(column)
    return None


def adjust_p(keyness: pd.DataFrame) -> tuple[pd.Series, str]:
    """The corrected p-values of a keyness table, and how they were corrected.

    Args:
        keyness: The table of :func:`~iecorpus.terms.compare_keyness`.

    Returns:
        The table's own adjusted column when it has one; otherwise Bonferroni's
        correction over the terms tested (``p`` times their number, at most 1).
    """
    column = find_adjusted_p(keyness)
    if column:
        return keyness[column], f"the table's {code_text(column)}"
    return (keyness["p"] * len(keyness)).clip(upper=1.0), (
        f"Bonferroni's correction over the {plural(len(keyness), 'term')} tested"
    )


def describe_keyness_sizes(sides: pd.DataFrame, *, group: str, few: int = FEW_DOCUMENTS) -> str:
    """Say from the sizes of the two sides whether a keyness comparison can support claims.

    Args:
        sides: Two rows, ``target`` and ``reference`` (index), with ``documents`` and
            ``tokens``.
        group: The document column compared (``year``, ``source``...).
        few: Fewer documents than this on either side and the comparison is an
            illustration.

    Returns:
        The sizes, and the caveat when a side is small.
    """
    target, reference = sides.loc["target"], sides.loc["reference"]
    sizes = (
        f"The target has {plural(int(target['documents']), 'document')} "
        f"({plural(int(target['tokens']), 'token')}) and the reference "
        f"{plural(int(reference['documents']), 'document')} "
        f"({plural(int(reference['tokens']), 'token')})."
    )
    if min(target["documents"], reference["documents"]) >= few:
        return sizes
    return paragraph(
        sizes,
        f"With fewer than {_words(few)} documents on a side the comparison is too small to "
        f"support claims about a {group}: it shows what these particular documents say more "
        "or less than the others, not a difference between groups, whatever the p-values.",
    )


def describe_keyness(
    keyness: pd.DataFrame,
    sides: pd.DataFrame | None = None,
    *,
    alpha: float | None = None,
    few: int = FEW_DOCUMENTS,
) -> str:
    """Say which terms are key in the target, in words the sizes support.

    Args:
        keyness: The table of :func:`~iecorpus.terms.compare_keyness`; its ``significant``
            and ``conservative_log_ratio`` columns and its ``attrs`` (``alpha``, ``adjust``,
            ``n_tests`` and the ``size`` of the comparison) are used when it has them.
        sides: As for :func:`describe_keyness_sizes`; needed only for a table without a
            ``size`` in its ``attrs``.
        alpha: The significance level, after correction (default: the table's own).
        few: As for :func:`describe_keyness_sizes`, for a table without a ``size``.

    Returns:
        A paragraph. Terms are called significant only when the comparison is large
        enough (the table's ``size``, or at least ``few`` documents on each side) and the
        adjusted p-value is below ``alpha``; "by a factor of two" is said of the
        conservative log ratio when the table has it, so that it holds at the interval's
        end nearest zero.
    """
    if not len(keyness):
        return "No term occurs often enough on either side to be compared."
    alpha = keyness.attrs.get("alpha", 0.05) if alpha is None else alpha
    size = keyness.attrs.get("size")
    if size is not None:
        small = bool(size.too_small)
    elif sides is not None:
        small = min(sides["documents"]) < few
    else:
        raise ValueError("describe_keyness needs sides= for a table without attrs['size']")
    if "significant" in keyness and "alpha" in keyness.attrs and alpha == keyness.attrs["alpha"]:
        flagged = keyness["significant"].astype(bool)
        method = {"bh": "Benjamini-Hochberg", "bonferroni": "Bonferroni"}
        how = (
            f"{method.get(keyness.attrs.get('adjust'), 'adjusted')} over the "
            f"{plural(len(keyness), 'term')} tested"
        )
    else:
        adjusted, how = adjust_p(keyness)
        flagged = adjusted < alpha
    strength = "conservative_log_ratio" if "conservative_log_ratio" in keyness else "log_ratio"
    significant = keyness[flagged]
    large = significant[significant[strength].abs() >= 1]

    def terms(rows):
        return join_words(
            f"{_quoted(r['term'])} ({number(r['freq_target'])} against "
            f"{number(r['freq_reference'])}, G² {number(r['g2'], digits=1)}, log ratio "
            f"{number(r['log_ratio'], digits=1)}"
            + (
                f", conservative {number(r['conservative_log_ratio'], digits=1)})"
                if strength == "conservative_log_ratio"
                else ")"
            )
            for _, r in rows.iterrows()
        )

    if small:
        key = keyness[keyness["log_ratio"] > 0].head(3)
        if not len(key):
            return "No term is more frequent in the target than in the reference."
        sentences = [f"The terms with the largest G² that the target uses more are {terms(key)}."]
        if len(significant):
            sentences.append(
                f"{plural(len(significant), 'term')} of the {number(len(keyness))} tested "
                f"{'passes' if len(significant) == 1 else 'pass'} the adjusted test at the "
                f"{alpha:g} level ({how}), but with sides this small that describes these "
                "documents, not a difference between groups."
            )
        return paragraph(*sentences)
    if not len(significant):
        return (
            f"No term of the {number(len(keyness))} tested differs at the {alpha:g} level "
            f"after correction ({how})."
        )
    factor = (
        "even at the conservative end of its interval"
        if strength == "conservative_log_ratio"
        else ""
    )
    sentences = [
        f"{plural(len(significant), 'term')} of the {number(len(keyness))} tested "
        f"{'differs' if len(significant) == 1 else 'differ'} at the {alpha:g} level after "
        f"correction ({how}); {_words(len(large))} of them by a factor of two or more"
        + (f" {factor}" if factor else "")
        + "."
    ]
    key = large[large["log_ratio"] > 0].head(3)
    if len(key):
        sentences.append(f"The most key in the target: {terms(key)}.")
    return paragraph(*sentences)


def describe_negative_keyness(keyness: pd.DataFrame) -> str:
    """Say which words the target lacks, and the first that is rarer without being absent.

    Args:
        keyness: The table of :func:`~iecorpus.terms.compare_keyness`.

    Returns:
        A paragraph; "" when the target lacks nothing.
    """
    lacking = keyness[keyness["log_ratio"] < 0]
    if not len(lacking):
        return "No term is rarer in the target than in the reference."
    absent = lacking[lacking["freq_target"] == 0].head(4)
    sentences = []
    if len(absent):
        sentences.append(
            "Absent from the target but frequent in the reference: "
            + join_words(
                f"{_quoted(t)} ({number(n)})"
                for t, n in zip(absent["term"], absent["freq_reference"], strict=True)
            )
            + "."
        )
    rarer = lacking[lacking["freq_target"] > 0]
    if len(rarer):
        row = rarer.iloc[0]
        sentences.append(
            f"{_quoted(row['term'])} is rarer without being absent: "
            f"{number(row['freq_target'])} in the target against {number(row['freq_reference'])} "
            f"in the reference (log ratio {number(row['log_ratio'], digits=1)})."
        )
    return paragraph(*sentences)


def describe_concordance(
    lines: pd.DataFrame, *, query: str, concept: str | None, n_literal: int, labels=None
) -> str:
    """Say what a concordance found for a query, and where.

    Args:
        lines: The table of :func:`~iecorpus.terms.concordance`.
        query: The query as typed.
        concept: The concept it names (:func:`~iecorpus.glossary.find_concept`), or None.
        n_literal: Lines found with the query taken literally.
        labels: Short document names by ``doc_id``.

    Returns:
        A paragraph.
    """
    if not len(lines):
        return f"{code_text(query)} does not occur in this corpus: the concordance is empty."
    documents = plural(lines["doc_id"].nunique(), "document")
    if concept:
        own = lines[lines["concept"] == concept] if "concept" in lines else lines
        sentences = [
            f"{code_text(query)} names the concept {code_text(concept)}, so the concordance "
            f"finds every mention of it in any rendering and the string as typed wherever "
            f"else it occurs: {plural(len(lines), 'line')} in {documents}, "
            f"{number(n_literal)} of them with the query as typed."
        ]
        inside = lines[lines["concept"] != concept] if "concept" in lines else lines[0:0]
        if len(inside):
            held = inside["concept"].replace("", pd.NA).dropna().value_counts()
            parts = [f"{code_text(c)} ({number(n)})" for c, n in held.items()]
            loose = len(inside) - int(held.sum())
            sentences.append(
                f"{plural(len(own), 'line')} {'is a mention' if len(own) == 1 else 'are mentions'}"
                f" of the concept itself; the other {number(len(inside))} "
                + (f"lie inside mentions of {_more(parts, limit=3)}" if len(held) else "")
                + (" and " if len(held) and loose else "")
                + (f"{number(loose)} in no concept's mention" if loose else "")
                + " (`concept_only=True` leaves them out)."
            )
        literal = query.lower()
        others = [m for m in dict.fromkeys(own["match"]) if literal not in m.lower()]
        if others:
            sentences.append(
                f"Other lines spell it {_more([_quoted(m, limit=80) for m in others], limit=3)}."
            )
    else:
        held = lines["concept"].replace("", pd.NA).dropna() if "concept" in lines else []
        sentences = [
            f"{code_text(query)} is no concept of the glossary, so the concordance finds it as "
            f"written (with any hyphen or space, plurals too): {plural(len(lines), 'line')} "
            f"in {documents}"
            + (
                f", {number(len(held))} of them inside a concept's mention "
                f"({_more([code_text(c) for c in dict.fromkeys(held)], limit=3)})"
                if len(held)
                else ""
            )
            + "."
        ]
    per_doc = lines["doc_id"].value_counts()
    if len(per_doc) > 1 and per_doc.iloc[0] * 2 > len(lines):
        sentences.append(
            f"Most of them ({number(per_doc.iloc[0])}) are from {_label(per_doc.index[0], labels)}."
        )
    return paragraph(*sentences)


def describe_renderings(lines: pd.DataFrame, forms: pd.Series) -> str:
    """Say in how many forms a concept's lines come, and what one spelling would find.

    Args:
        lines: The concept's concordance lines.
        forms: The count of each form (lower-cased), most frequent first.

    Returns:
        A sentence.
    """
    if not len(lines):
        return "The concept does not occur in this corpus."
    documents = plural(lines["doc_id"].nunique(), "document")
    first = f"The concept comes in {plural(len(forms), 'form')} across {documents}"
    if len(forms) < 2:
        return first + "."
    return (
        f"{first}; searching its commonest form, {_quoted(forms.index[0])}, alone would find "
        f"{number(forms.iloc[0])} of the {number(len(lines))} mentions."
    )


def describe_collocates(
    collocates: pd.DataFrame, *, term: str, nodes: int, window: int, min_freq: int
) -> str:
    """Say how collocates were found, which words keep company with a term, and which do not.

    Args:
        collocates: The table of :func:`~iecorpus.terms.find_collocates`, as shown (its
            ``attrs`` name the association measure it is ranked by).
        term: The node (a concept id, a word or a phrase).
        nodes: Its occurrences.
        window: Features each side.
        min_freq: The minimum frequency: the fewest co-occurrences listed.

    Returns:
        A paragraph: the measure and minimum frequency
        (:func:`~iecorpus.terms.describe_collocates`), then what the table shows.
    """
    if not nodes:
        return f"{code_text(term)} does not occur in this corpus, so it has no collocates."
    if not len(collocates):
        return (
            f"No word occurs {plural(min_freq, 'time')} within {_words(window)} words of "
            f"{code_text(term)}: it has no collocate to report."
        )
    measure = collocates.attrs.get("measure", "log_dice")
    how = describe_collocates_method(collocates) if collocates.attrs else ""
    best = collocates.iloc[0]
    sentences = [
        how,
        f"{_quoted(best['collocate'])} is the strongest collocate of {code_text(term)}: "
        f"{number(best['freq'])} of its "
        f"{number(best['freq_corpus'])} uses are within {_words(window)} words of it "
        f"({MEASURE_NAMES.get(measure, measure)} {number(best[measure], digits=1)}).",
    ]
    if len(collocates) > 1:
        sentences.append(
            f"Next come {join_words(_quoted(w) for w in collocates['collocate'].iloc[1:5])}."
        )
    common = collocates[collocates["mi"] < LOW_MI]
    if len(common):
        sentences.append(
            f"{join_words(_quoted(w) for w in common['collocate'].head(3))} "
            f"{'is' if len(common) == 1 else 'are'} near it often but also frequent everywhere "
            "else, so their MI is close to zero or below."
        )
    return paragraph(*sentences)


def describe_trends(trends: pd.DataFrame, *, n_undated: int, names=None) -> str:
    """Say what the years hold, where each item peaks, and what a line can show.

    Args:
        trends: The table of :func:`~iecorpus.terms.compute_trends`.
        n_undated: Documents without a date (left out of the trends).
        names: Labels by item (concept ids to their labels).

    Returns:
        A paragraph; it says so when no document is dated.
    """
    undated = (
        f"{plural(n_undated, 'undated document')} {'is' if n_undated == 1 else 'are'} left out."
        if n_undated
        else ""
    )
    if not len(trends):
        return paragraph("No document is dated, so there are no years to compare.", undated)
    per_year = trends.drop_duplicates("year").set_index("year")["n_documents"]
    years = [int(y) for y in per_year.index]
    gaps = [str(y) for y in range(min(years), max(years) + 1) if y not in years]
    sentences = [
        f"The dated documents cover {plural(len(years), 'year')} "
        f"({years[0]}"
        + (f" to {years[-1]}" if len(years) > 1 else "")
        + ")"
        + (f", with no document from {join_words(gaps[:6])}" if gaps else "")
        + f"; the fullest year has {plural(int(per_year.max()), 'document')}."
    ]
    if len(years) > 1:
        peaks = []
        for item, part in trends.groupby("item", sort=False):
            if part["value"].max() > 0:
                row = part.loc[part["value"].idxmax()]
                label = (names or {}).get(item, item)
                peaks.append(f"{label} in {row['year']} ({number(row['value'], digits=1)})")
        if peaks:
            sentences.append(f"Each item peaks: {'; '.join(peaks)}.")
    else:
        sentences.append("With one year there is no trend to follow, only a level.")
    most = int(per_year.max())
    if most < FEW_DOCUMENTS and len(years) > 1:
        sentences.append(
            f"With at most {_words(most)} {'document' if most == 1 else 'documents'} a year, "
            "a line from one year "
            "to the next joins one set of pages to another: it compares documents, and says "
            "nothing of a change of attention beyond them."
        )
    sentences.append(undated)
    return paragraph(*sentences)


def link_workbook(workbook: str | os.PathLike, *, processed_dir=None) -> str:
    """A Markdown link to a notebook's workbook, as the rendered report reaches it.

    Args:
        workbook: The ``.xlsx`` file written.
        processed_dir: The notebook's ``processed_dir`` parameter. None: the report is in
            ``reports/`` and the tables in ``data/processed/``; otherwise ``make report``
            puts the report beside that folder.

    Returns:
        A sentence with the link.
    """
    workbook = Path(workbook)
    target = link_from_report(workbook, processed_dir=processed_dir)
    return (
        f"All these tables are in one workbook, [{quote_text(workbook.name)}]({target}), "
        "whose first sheet says which corpus, library version and parameters made them."
    )
