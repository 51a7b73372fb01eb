"""What notebook 01 says about a corpus and its cleaning, in sentences computed from its tables.

Each function takes a table the notebook shows (from :mod:`iecorpus.audit` or the corpus
itself) and returns a Markdown paragraph built with :mod:`iecorpus.prose`, so that the
report is true of whatever corpus it was run on: counts, reasons, documents and dates
all come from the table, with the plural and "none" cases handled. Document text is
quoted with :func:`~iecorpus.prose.quote_text` between “ ” marks, identifiers are shown
as code.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from . import paths
from .export import link_from_report
from .prose import (
    code_text,
    join_words,
    number,
    paragraph,
    percent,
    plural,
    quote_text,
    share,
    size_caveat,
)

#: Language codes as a sentence names them.
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}
#: How many documents a sentence names before it says "and N more".
MAX_NAMED = 8
#: Sentences longer than this many characters are counted as long.
LONG_SENTENCE = 600


def _quoted(text: str, *, limit: int = 60) -> str:
    return f"“{quote_text(text, limit=limit)}”"


def _named(ids, *, limit: int = MAX_NAMED) -> str:
    """Name documents as code, the first ``limit`` of them, and say how many more there are."""
    ids = list(ids)
    shown = [code_text(i) for i in ids[:limit]]
    if len(ids) > limit:
        shown.append(f"{number(len(ids) - limit)} more")
    return join_words(shown)


def _how_many(part: int, whole: int) -> str:
    """The subject of a sentence: "The one document is", "All 3 documents are", "2 of 5 are"."""
    if whole == 1:
        return "The one document is" if part else "The one document is not"
    if part == whole:
        return f"All {number(whole)} documents are"
    return f"{number(part)} of the {number(whole)} documents {'is' if part == 1 else 'are'}"


def _language_phrase(languages: pd.Series) -> str:
    counts = languages.value_counts()
    return join_words(f"{number(n)} in {LANGUAGE_NAMES.get(k, k)}" for k, n in counts.items())


def say_documents(documents: pd.DataFrame, *, date_sources: pd.Series | None = None) -> str:
    """Say what the documents table holds: how many, which languages, dates, what cleaning kept.

    Args:
        documents: :func:`iecorpus.audit.describe_documents` of the corpus.
        date_sources: ``corpus.documents["date_source"]`` (``text`` or ``manifest``), to
            say where the dates come from; None leaves that out.

    Returns:
        A Markdown paragraph; for no documents, a sentence saying there is nothing to show.
    """
    n = len(documents)
    if n == 0:
        return (
            "No document could be loaded, so there is nothing to describe: the next section "
            "lists every file with what to do about it."
        )
    dates = documents["date"].fillna("").astype(str)
    dated = documents[dates != ""]
    if len(dated):
        precision = dated["date_precision"].value_counts()
        first, last = dated["date"].min(), dated["date"].max()
        dating = (
            f"{_how_many(len(dated), n)} dated, "
            + (f"on {first}" if first == last else f"from {first} to {last}")
            + (
                f", {'' if len(dated) == 1 else 'all '}to the {precision.index[0]}."
                if len(precision) == 1
                else ": "
                + join_words(f"{number(k)} to the {p}" for p, k in precision.items())
                + "."
            )
        )
    else:
        dating = "No document has a date."
    source = ""
    if date_sources is not None and len(dated):
        counts = date_sources.value_counts()
        n_text, n_manifest = int(counts.get("text", 0)), int(counts.get("manifest", 0))
        if n_text == len(dated):
            source = "Every date was read from the page."
        elif n_manifest == len(dated):
            source = "Every date comes from the manifest."
        else:
            source = (
                f"Of the dates, {number(n_text)} {'was' if n_text == 1 else 'were'} read from "
                f"the page and {number(n_manifest)} {'comes' if n_manifest == 1 else 'come'} "
                "from the manifest."
            )
    kept = documents["kept_pct"]
    least = documents.loc[kept.idxmin()]
    keeping = (
        f"Cleaning keeps {number(kept.iloc[0], digits=1)}% of the page."
        if n == 1
        else f"Cleaning keeps {number(kept.min(), digits=1)}% to {number(kept.max(), digits=1)}% "
        f"of a page's characters (median {number(kept.median(), digits=1)}%); the page that keeps "
        f"least is {code_text(least['doc_id'])}, {_quoted(least['title'])}."
    )
    emptied = documents.loc[documents["n_chars_clean"] == 0, "doc_id"]
    empty_pages = (
        f"Cleaning emptied {plural(len(emptied), 'page')} ({_named(emptied)}): such a page may "
        "be all navigation or spam; `corpus.removed` shows what was taken out."
        if len(emptied)
        else ""
    )
    return paragraph(
        f"The corpus has {plural(n, 'document')} ({_language_phrase(documents['language'])}).",
        dating,
        source,
        keeping,
        empty_pages,
        size_caveat(n, what="What this corpus shows"),
    )


def say_undated(documents: pd.DataFrame) -> str:
    """Say which documents have no date, what that costs them and how to give them one.

    Args:
        documents: :func:`iecorpus.audit.describe_documents` (or ``corpus.documents``).

    Returns:
        A Markdown paragraph.
    """
    if len(documents) == 0:
        return ""
    undated = documents[documents["date"].fillna("").astype(str) == ""]
    if len(undated) == 0:
        return "Every document has a date."
    everyone = len(undated) == len(documents)
    return paragraph(
        (
            "No document has a date"
            if everyone
            else f"{plural(len(undated), 'document')} "
            f"{'has' if len(undated) == 1 else 'have'} no date"
        )
        + f": {_named(undated['doc_id'])}.",
        "An undated document counts in no trend over time (`02-term-frequency`) and gives "
        "no event to the timeline (`04-timeline`); its words still count everywhere else.",
        "To date it, write the page's date in the `date` column of its row in the manifest "
        "(`corpus.csv` in the corpus folder, or the file given as `manifest`), as `YYYY-MM-DD`, "
        "`YYYY-MM` or `YYYY`, and run the notebooks again.",
    )


def say_problems(problems: pd.DataFrame, *, n_documents: int) -> str:
    """Say which files could not be used as given, and what was done with them.

    Args:
        problems: ``corpus.problems`` (``file``, ``problem``, ``advice``, ``action``).
        n_documents: How many documents were loaded.

    Returns:
        A Markdown paragraph.
    """
    if len(problems) == 0:
        return "No problems: every file was read and every manifest row matched a file."
    actions = problems["action"].value_counts()
    done = join_words(f"{number(k)} {action}" for action, k in actions.items())
    common = problems["problem"].value_counts()
    if len(common) <= 3:
        told = "The problems: " + join_words(_quoted(p, limit=100) for p in common.index) + "."
    else:
        told = (
            f"The most common of {plural(len(common), 'kind')} of problem "
            f"({number(common.iloc[0])} of {number(len(problems))}): "
            f"{_quoted(common.index[0], limit=100)}."
        )
    result = (
        "No document could be loaded, so the sections below have nothing to show."
        if n_documents == 0
        else f"The other {plural(n_documents, 'document')} loaded as usual."
    )
    return paragraph(
        f"{plural(len(problems), 'file')} or manifest "
        f"{'row' if len(problems) == 1 else 'rows'} could not be used as given ({done}).",
        told,
        result,
        "Each row says what to do about it.",
    )


def say_reasons(reasons: pd.DataFrame, *, n_documents: int) -> str:
    """Say what cleaning took out across the corpus, reason by reason.

    Args:
        reasons: :func:`iecorpus.audit.count_reasons` of the corpus.
        n_documents: How many documents the corpus has.

    Returns:
        A Markdown paragraph naming every reason the corpus has, most characters first.
    """
    if n_documents == 0:
        return "With no document loaded, cleaning had nothing to do."
    if len(reasons) == 0:
        where = (
            "the one document"
            if n_documents == 1
            else f"any of the {plural(n_documents, 'document')}"
        )
        return f"Cleaning changed nothing in {where}: every page is kept as it was."
    total = int(reasons["n_chars"].sum())
    top = reasons.iloc[0]
    listed = join_words(
        f"{code_text(r.reason)} ({plural(int(r.n_spans), 'span')}, "
        f"{plural(int(r.n_chars), 'character')})"
        for r in reasons.itertuples()
    )
    return paragraph(
        f"Cleaning made {plural(int(reasons['n_spans'].sum()), 'edit')} for "
        f"{plural(len(reasons), 'reason')}, touching {plural(total, 'raw character')}: {listed}.",
        f"Most of it goes as {code_text(top['reason'])}"
        + (f", {top['meaning']}" if top["meaning"] else "")
        + f": {percent(top['n_chars'], total)} of the characters, "
        f"{share(int(top['n_documents']), n_documents, 'document')}.",
    )


def say_removals(removed: pd.DataFrame, documents: pd.DataFrame, *, top: int = 3) -> str:
    """Say which documents lost most to cleaning, and for which reasons.

    Args:
        removed: :func:`iecorpus.audit.summarize_removed` (one row per ``doc_id``, one
            column per reason, and ``total``).
        documents: :func:`iecorpus.audit.describe_documents` (for titles and raw lengths).
        top: How many of the largest reasons name the document that lost most to them.

    Returns:
        A Markdown paragraph.
    """
    if len(removed) == 0:
        return ""
    reasons = [c for c in removed.columns if c != "total"]
    if not reasons or removed["total"].sum() == 0:
        return "No document lost anything to cleaning."
    raw = documents.set_index("doc_id")["n_chars_raw"].reindex(removed.index)
    lost = (removed["total"] / raw.where(raw > 0)).fillna(0)
    worst = lost.idxmax()
    title = documents.set_index("doc_id").at[worst, "title"]
    mostly = removed.loc[worst, reasons].astype(int).idxmax()
    untouched = int((removed["total"] == 0).sum())
    largest = removed[reasons].sum().sort_values(ascending=False).head(top)
    by_reason = join_words(
        f"{code_text(reason)} in {code_text(removed[reason].idxmax())} "
        f"({plural(int(removed[reason].max()), 'character')})"
        for reason in largest.index
    )
    return paragraph(
        f"The page that lost the largest share is {code_text(worst)}, {_quoted(title)}: "
        f"{number(removed.at[worst, 'total'])} of its {plural(int(raw[worst]), 'character')} "
        f"({percent(removed.at[worst, 'total'], raw[worst])}), mostly as {code_text(mostly)}.",
        f"The largest single losses by reason: {by_reason}." if len(removed) > 1 else "",
        f"{plural(untouched, 'document')} lost nothing." if untouched else "",
    )


def say_figure(n_documents: int, *, max_documents: int) -> str:
    """Say which documents the figure of removals draws.

    Args:
        n_documents: How many documents the corpus has.
        max_documents: The most bars the figure draws (``plot_removed``'s ``max_documents``).

    Returns:
        A sentence.
    """
    if n_documents <= max_documents:
        return (
            f"The figure draws {'the one document' if n_documents == 1 else 'every document'}; "
            "the longer a bar's coloured part, the more of that page was not article text."
        )
    return (
        f"The figure draws the {number(max_documents)} of {plural(n_documents, 'document')} "
        "that lost the largest share of their page; the exported table `removed-by-document` "
        "has them all."
    )


def say_examples(examples: pd.DataFrame) -> str:
    """Say which reasons the before-and-after table shows.

    Args:
        examples: :func:`iecorpus.audit.show_examples` of the corpus.

    Returns:
        A sentence.
    """
    if len(examples) == 0:
        return "Cleaning made no edit in this corpus, so there is nothing to show before and after."
    reasons = list(dict.fromkeys(examples["reason"]))
    docs = examples["doc_id"].nunique()
    return (
        f"The table shows the longest edit of each of the {plural(len(reasons), 'reason')} "
        f"this corpus has ({join_words(code_text(r) for r in reasons)}), taken from "
        f"{plural(docs, 'document')}."
    )


def say_repairs(repairs: pd.DataFrame, *, n_documents: int) -> str:
    """Say how many machine-translation artefacts were repaired, and which most often.

    Args:
        repairs: The ``artefact`` rows of ``corpus.removed``.
        n_documents: How many documents the corpus has.

    Returns:
        A sentence.
    """
    if len(repairs) == 0:
        return "Cleaning repaired no machine-translation artefact in this corpus."
    kinds = repairs.groupby(["text", "replacement"]).size().sort_values(ascending=False)
    (raw, fixed), times = kinds.index[0], int(kinds.iloc[0])
    return paragraph(
        f"Cleaning repaired {plural(len(repairs), 'artefact')} "
        f"{share(repairs['doc_id'].nunique(), n_documents, 'document')}, of "
        f"{plural(len(kinds), 'kind')}.",
        f"The most frequent turns {code_text(repr(raw))} into {code_text(repr(fixed))} "
        f"({plural(times, 'time')}).",
    )


def say_page_edits(page: str, cleaned) -> str:
    """Say what cleaning did to one page: paragraphs kept, and each edit that was not layout.

    Args:
        page: The raw page.
        cleaned: :func:`iecorpus.clean_document` of it.

    Returns:
        A Markdown paragraph.
    """
    n_paragraphs = len([p for p in cleaned.text.split("\n\n") if p.strip()])
    edits = {}
    for edit in cleaned.edits:
        if edit.reason == "layout":
            continue
        raw = page[edit.start : edit.end].strip()
        shown = _quoted(raw, limit=40)
        if edit.replacement.strip():
            shown += f" became {_quoted(edit.replacement, limit=40)}"
        edits.setdefault(edit.reason, []).append(shown)
    told = join_words(f"{code_text(r)}: {join_words(s)}" for r, s in edits.items())
    return paragraph(
        f"The body keeps {plural(n_paragraphs, 'paragraph')}.",
        f"Cleaning's edits, by reason (white space left out): {told}." if edits else "",
    )


def say_audit(audit: pd.DataFrame) -> str:
    """Say whether every raw character is accounted for, with the totals.

    Args:
        audit: ``corpus.check_audit()``.

    Returns:
        A Markdown paragraph naming any document whose audit does not hold.
    """
    if len(audit) == 0:
        return "With no document loaded, there is nothing to account for."
    totals = audit[["n_chars_raw", "n_chars_clean", "n_chars_inserted", "n_chars_removed"]].sum()
    sums = (
        f"{plural(int(totals['n_chars_raw']), 'raw character')} = "
        f"{number(totals['n_chars_clean'])} kept - {number(totals['n_chars_inserted'])} "
        f"inserted by repairs + {number(totals['n_chars_removed'])} removed"
    )
    failing = audit[~(audit["balanced"] & audit["restores_raw"])]
    if len(failing) == 0:
        everyone = (
            "the one document is" if len(audit) == 1 else f"all {number(len(audit))} documents are"
        )
        return paragraph(
            f"Every character is accounted for: {everyone} rebuilt exactly from the cleaned text "
            f"and the audit ({sums})."
        )
    return paragraph(
        f"**The audit does not hold for {plural(len(failing), 'document')}**: "
        f"{_named(failing['doc_id'])}. Their cleaned text cannot be traced back to the page "
        "character by character; please report it with the file.",
        f"Across the corpus: {sums}.",
    )


def say_sentences(
    paragraphs: pd.DataFrame,
    sentences: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    long: int = LONG_SENTENCE,
) -> str:
    """Say how the cleaned text splits into paragraphs and sentences, and how long these are.

    Args:
        paragraphs: ``corpus.paragraphs``.
        sentences: ``corpus.sentences``.
        documents: ``corpus.documents`` (for each document's language).
        long: Sentences longer than this many characters are counted as long.

    Returns:
        A Markdown paragraph.
    """
    if len(sentences) == 0:
        return "There are no sentences to analyse." if len(documents) else ""
    lengths = sentences["text"].str.len()
    language = sentences["doc_id"].map(documents.set_index("doc_id")["language"])
    medians = lengths.groupby(language).median()
    by_language = (
        " ("
        + join_words(f"{LANGUAGE_NAMES.get(k, k)} {number(v)}" for k, v in medians.items())
        + ")"
        if len(medians) > 1
        else ""
    )
    n_long = int((lengths > long).sum())
    return paragraph(
        f"The cleaned text has {plural(len(paragraphs), 'paragraph')} "
        f"({plural(int(paragraphs['is_heading'].sum()), 'heading')}) and "
        f"{plural(len(sentences), 'sentence')}, of median length "
        f"{plural(int(round(lengths.median())), 'character')}{by_language};",
        f"{plural(n_long, 'sentence')} {'runs' if n_long == 1 else 'run'} past "
        f"{number(long)} characters.",
    )


def say_cache(cached, *, processed_dir: str | os.PathLike | None = None) -> str:
    """Say what the cleaned-corpus cache holds, where it is, and which notebooks read it.

    Args:
        cached: The :class:`iecorpus.cache.CachedCorpus` the notebook opened, or None
            when no document could be loaded.
        processed_dir: The notebook's ``processed_dir`` parameter.

    Returns:
        A Markdown paragraph; folders are shown relative to the project, or relative to the
        processed folder when that lies outside it. It reads the same whether this run
        built the cache or read it back, so that a re-run shows the same output.
    """
    if cached is None:
        return "Nothing is cached: no document could be loaded."
    tables = [f for f in sorted(cached.folder.glob("*.parquet"))]
    rows = {}
    for field in ("documents", "paragraphs", "sentences", "removed", "problems"):
        rows[field] = len(getattr(cached.corpus, field))
    listed = join_words(
        f"{code_text(t.name)}" + (f" ({plural(rows[t.stem], 'row')})" if t.stem in rows else "")
        for t in tables
    )
    where = describe_place(cached.folder, processed_dir=processed_dir)
    return paragraph(
        f"The cleaned corpus is saved as Parquet tables in {where}: {listed}.",
        "The notebooks `02-term-frequency`, `03-topics` and `04-timeline` open the corpus "
        "with the same `corpus_dir`, `manifest` and "
        "`processed_dir` and read these tables instead of cleaning again; any notebook builds "
        "them again when a file, the manifest, the cleaning rules or the library changes.",
    )


def describe_place(path: str | os.PathLike, *, processed_dir: str | os.PathLike | None) -> str:
    """Name a file or folder of the processed folder without showing the machine's layout.

    Args:
        path: A file or folder in the processed folder.
        processed_dir: The notebook's ``processed_dir`` parameter (None: ``data/processed/``).

    Returns:
        The path as inline code, relative to the project when it lies inside it, else
        relative to the processed folder ("`x` in the processed folder").
    """
    shown = paths.relative_to_project(path)
    if not Path(shown).is_absolute():
        return code_text(shown, limit=None)
    base = Path(processed_dir) if processed_dir is not None else paths.PROCESSED_DIR
    try:
        inside = Path(path).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return code_text(Path(path).name)
    if inside == ".":
        return "the processed folder"
    return f"{code_text(inside, limit=None)} in the processed folder"


def say_summary(
    documents: pd.DataFrame, reasons: pd.DataFrame, audit: pd.DataFrame, *, problems: pd.DataFrame
) -> str:
    """Say in one paragraph what the notebook found, for its summary.

    Args:
        documents: :func:`iecorpus.audit.describe_documents`.
        reasons: :func:`iecorpus.audit.count_reasons`.
        audit: ``corpus.check_audit()``.
        problems: ``corpus.problems``.

    Returns:
        A Markdown paragraph.
    """
    n = len(documents)
    undated = int((documents["date"].fillna("").astype(str) == "").sum())
    holds = bool((audit["balanced"] & audit["restores_raw"]).all())
    top = f", most of it as {code_text(reasons.iloc[0]['reason'])}" if len(reasons) else ""
    return paragraph(
        f"In this corpus: {plural(n, 'document')}"
        + (f" ({_language_phrase(documents['language'])})" if n else "")
        + (f", {plural(undated, 'undated document')}" if n else "")
        + f" and {plural(len(problems), 'file')} with problems.",
        f"Cleaning made {plural(int(reasons['n_spans'].sum()), 'edit')} for "
        f"{plural(len(reasons), 'reason')}{top}."
        if n
        else "",
        (
            "The audit holds for every document."
            if holds
            else "**The audit does not hold** for every document: see its table."
        )
        if n
        else "",
        size_caveat(n, what="This report"),
    )


__all__ = [
    "LANGUAGE_NAMES",
    "LONG_SENTENCE",
    "describe_place",
    "link_from_report",
    "say_audit",
    "say_cache",
    "say_documents",
    "say_examples",
    "say_figure",
    "say_page_edits",
    "say_problems",
    "say_reasons",
    "say_removals",
    "say_repairs",
    "say_sentences",
    "say_summary",
    "say_undated",
]
