"""Summaries of a loaded corpus and of what cleaning did to it, for tables and figures."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from .chinese import shorten_middle
from .corpus import Corpus
from .figures import draw_with_style

#: What each cleaning reason means, in the words a report uses.
REASONS = {
    "navigation": "site navigation, menus and language switches",
    "spam": "injected gambling or lottery brands",
    "title": "the headline (moved to the title column)",
    "duplicate-title": "the headline repeated in the body",
    "dateline": "the publication date line (moved to the date column)",
    "byline": "author, reporter and editor credits",
    "disclaimer": "disclaimers and source notices",
    "footer": "an end mark and everything after it, copyright lines",
    "prev-next": "links to the previous and next article",
    "sidebar": "teasers of other articles after the body",
    "off-topic": "unrelated stories appended after the article",
    "caption": "photo captions and the name lists under photos",
    "credit": "photographers' and agencies' credits",
    "timestamp": "lines that are only a time, or a date and a time",
    "metadata": "metadata tables flattened into cells",
    "footnote": "reference markers such as [1]",
    "furniture": "lines that many documents of the folder repeat",
    "pinyin": "pinyin readings inlined after Chinese characters",
    "artefact": "machine-translation artefacts, repaired",
    "full-width": "full-width letters and digits, made half-width",
    "layout": "white space, indentation and line breaks",
}


def describe_documents(corpus: Corpus) -> pd.DataFrame:
    """One row per document with what a reader wants to know first.

    Args:
        corpus: A loaded corpus.

    Returns:
        ``doc_id``, ``title``, ``date``, ``date_precision``, ``language``, ``source``,
        ``n_paragraphs``, ``n_sentences``, ``n_chars_raw``, ``n_chars_clean`` and
        ``kept_pct`` (share of the raw characters kept), ``url`` and ``site`` (where the
        page was found, from the manifest; empty when unknown), sorted by date.
    """
    docs = corpus.documents
    table = docs[["doc_id", "title", "date", "date_precision", "language", "source"]].copy()
    table["n_paragraphs"] = (
        table["doc_id"].map(corpus.paragraphs.groupby("doc_id").size()).fillna(0).astype(int)
    )
    table["n_sentences"] = (
        table["doc_id"].map(corpus.sentences.groupby("doc_id").size()).fillna(0).astype(int)
    )
    table["n_chars_raw"] = docs["n_chars_raw"]
    table["n_chars_clean"] = docs["n_chars_clean"]
    # (as floats: the columns of an empty corpus hold objects, which pandas 2 cannot round)
    table["kept_pct"] = (100 * docs["n_chars_clean"] / docs["n_chars_raw"]).astype(float).round(1)
    table["url"] = docs.get("url", "")
    table["site"] = docs.get("site", "")
    return table.sort_values(["date", "doc_id"]).reset_index(drop=True)


def summarize_removed(corpus: Corpus) -> pd.DataFrame:
    """Characters taken out per document and reason.

    Args:
        corpus: A loaded corpus.

    Returns:
        A wide table: one row per ``doc_id``, one column per reason (raw characters
        removed or replaced for that reason), and ``total``. Reasons with no edits
        are left out; documents with none have a row of zeros.
    """
    removed = corpus.removed.assign(n_chars=corpus.removed["text"].str.len())
    table = removed.pivot_table(
        index="doc_id", columns="reason", values="n_chars", aggfunc="sum", fill_value=0
    )
    order = [r for r in REASONS if r in table.columns] + [
        r for r in table.columns if r not in REASONS
    ]
    table = table.reindex(index=corpus.documents["doc_id"], columns=order, fill_value=0)
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    return table


def count_reasons(corpus: Corpus) -> pd.DataFrame:
    """How often each reason occurs across the corpus.

    Args:
        corpus: A loaded corpus.

    Returns:
        ``reason``, ``meaning``, ``n_spans``, ``n_documents``, ``n_chars`` (raw
        characters), most characters first.
    """
    removed = corpus.removed.assign(n_chars=corpus.removed["text"].str.len())
    table = removed.groupby("reason").agg(
        n_spans=("doc_id", "size"), n_documents=("doc_id", "nunique"), n_chars=("n_chars", "sum")
    )
    table.insert(0, "meaning", [REASONS.get(r, "") for r in table.index])
    return table.sort_values("n_chars", ascending=False).reset_index()


def _visible(text: str) -> str:
    return text.replace("\n", "⏎").replace("\t", "⇥").replace("\u00a0", "⍽").replace("\u3000", "⍽")


def show_examples(
    corpus: Corpus, *, per_reason: int = 1, context: int = 40, limit: int = 160
) -> pd.DataFrame:
    """Before-and-after examples of each kind of edit.

    Args:
        corpus: A loaded corpus.
        per_reason: How many examples of each reason.
        context: Characters of surrounding text shown on each side.
        limit: Longest span shown whole; longer spans are shortened in the middle.

    Returns:
        ``reason``, ``doc_id``, ``before`` (raw, the span in ⟦ ⟧) and ``after``
        (cleaned, the replacement in ⟦ ⟧, empty brackets for a removal). Line
        breaks show as ⏎ and non-breaking spaces as ⍽. The longest spans of
        each reason are chosen, layout last.
    """
    texts = corpus.documents.set_index("doc_id")["text"]
    removed = corpus.removed.assign(n_chars=corpus.removed["text"].str.len())
    rows = []
    for reason in [r for r in REASONS if r in set(removed["reason"])]:
        chosen = removed[removed["reason"] == reason].sort_values(
            ["n_chars", "doc_id"], ascending=[False, True]
        )
        for edit in chosen.drop_duplicates("doc_id").head(per_reason).itertuples():
            raw, clean = corpus.raw[edit.doc_id], texts[edit.doc_id]
            after_end = edit.clean_start + len(edit.replacement)
            before = (
                raw[max(0, edit.start - context) : edit.start]
                + "⟦"
                + shorten_middle(edit.text, limit)
                + "⟧"
                + raw[edit.end : edit.end + context]
            )
            after = (
                clean[max(0, edit.clean_start - context) : edit.clean_start]
                + "⟦"
                + edit.replacement
                + "⟧"
                + clean[after_end : after_end + context]
            )
            rows.append(
                {
                    "reason": reason,
                    "doc_id": edit.doc_id,
                    "before": _visible(before),
                    "after": _visible(after),
                }
            )
    return pd.DataFrame(rows, columns=["reason", "doc_id", "before", "after"])


def _distinct_colours() -> list:
    """Nineteen colours that tell reasons apart: tab20 without the blue used for "kept"."""
    from matplotlib import colormaps

    return [c for i, c in enumerate(colormaps["tab20"].colors) if i != 0]


@draw_with_style
def plot_removed(
    corpus: Corpus, *, labels: dict[str, str] | None = None, max_documents: int = 25
) -> Figure:
    """A horizontal stacked bar per document: characters kept and removed, by reason.

    Args:
        corpus: A loaded corpus.
        labels: Bar labels by ``doc_id`` (default: the ``doc_id``).
        max_documents: In a larger corpus, only the documents that lost the largest
            share of their page are drawn (the title says so).

    Returns:
        The matplotlib figure.
    """
    removed = summarize_removed(corpus).drop(columns="total")
    title = "What cleaning kept and removed, by reason"
    if len(removed) > max_documents:
        share = removed.sum(axis=1) / corpus.documents.set_index("doc_id")["n_chars_raw"]
        removed = removed.loc[share.sort_values(ascending=False).index[:max_documents]]
        title += f" ({max_documents} of {len(share)} documents that lost most)"
    inserted = (
        corpus.removed.assign(n=corpus.removed["replacement"].str.len())
        .groupby("doc_id")["n"]
        .sum()
    )
    clean = corpus.documents.set_index("doc_id")["n_chars_clean"].reindex(removed.index)
    kept = clean - inserted.reindex(removed.index, fill_value=0)
    table = pd.concat([kept.rename("kept"), removed], axis=1)
    table.index = [labels.get(d, d) if labels else d for d in table.index]
    # Tall enough for the bars and for the legend (one line per reason) beside them.
    height = max(0.45 * len(table) + 1.6, 0.24 * len(table.columns) + 0.8)
    fig = Figure(figsize=(9, height), layout="constrained")
    ax = fig.subplots()
    n_reasons = len(table.columns) - 1
    palette = [f"C{i + 1}" for i in range(9)] if n_reasons <= 9 else _distinct_colours()
    colours = ["#4c72b0"] + [palette[i % len(palette)] for i in range(n_reasons)]
    table[::-1].plot.barh(stacked=True, ax=ax, color=colours, width=0.7)
    ax.set_xlabel("characters of the raw page")
    ax.set_title(title)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize="small")
    ax.spines[["top", "right"]].set_visible(False)
    return fig
