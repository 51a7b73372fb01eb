"""Figures of notebook 02: top concepts, concepts by document, distinctive terms, trends."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .figures import draw_with_style
from .glossary import load_glossary

_BLUES = LinearSegmentedColormap.from_list("iecorpus_blues", ["#f7fbff", "#2166ac", "#08306b"])


def concept_labels(glossary: pd.DataFrame | None = None) -> dict[str, str]:
    """Return an English and Chinese label per concept id ("Order class 订单班").

    Args:
        glossary: The glossary (default: ``data/glossary.csv``).

    Returns:
        The label of each concept id: its English label, then its Chinese one.
    """
    glossary = load_glossary() if glossary is None else glossary
    return {
        r.concept: f"{r.label_en}  {r.label_zh}".strip() for r in glossary.itertuples(index=False)
    }


def _tidy(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)


@draw_with_style
def plot_top_concepts(
    summary: pd.DataFrame, *, top: int = 15, glossary: pd.DataFrame | None = None
) -> Figure:
    """A horizontal bar per concept: how often it occurs, in how many documents.

    Args:
        summary: The table of :func:`iecorpus.terms.summarize_concepts`.
        top: Concepts shown, most frequent first (concepts never found are left out).
        glossary: For the labels (default: ``data/glossary.csv``).

    Returns:
        The figure; each bar is labelled in English and Chinese, and annotated with its
        count, the number of documents and the number of renderings found.
    """
    labels = concept_labels(glossary)
    table = summary[summary["count"] > 0].head(top).iloc[::-1]
    fig = Figure(figsize=(9, 0.36 * len(table) + 1.3), layout="constrained")
    ax = fig.subplots()
    ax.barh([labels.get(c, c) for c in table["concept"]], table["count"], color="#4c72b0")
    for y, row in enumerate(table.itertuples(index=False)):
        docs = f"{row.doc_freq} doc{'s' if row.doc_freq != 1 else ''}"
        forms = f"{row.n_renderings} form{'s' if row.n_renderings != 1 else ''}"
        note = f" {row.count}  ({docs}, {forms})"
        ax.text(row.count, y, note, va="center", fontsize="small", color="#333333")
    ax.set_xlim(0, table["count"].max() * 1.35 if len(table) else 1)
    ax.set_xlabel("occurrences in the corpus (every English rendering and Chinese term)")
    ax.set_title(f"The {len(table)} most frequent concepts")
    _tidy(ax)
    return fig


@draw_with_style
def plot_concept_heatmap(
    counts: pd.DataFrame,
    documents: pd.DataFrame,
    *,
    labels: dict[str, str] | None = None,
    top: int = 20,
    glossary: pd.DataFrame | None = None,
    max_documents: int = 24,
) -> Figure:
    """A concept-by-document grid: colour is the rate, the number is the count.

    Args:
        counts: The long table of :func:`iecorpus.terms.count_concepts`.
        documents: ``doc_id`` and ``n_tokens`` of each document, in the order to show
            (``index_corpus(corpus).documents``).
        labels: Column labels by ``doc_id`` (default: the ``doc_id``).
        top: Concepts shown, most frequent in the corpus first.
        glossary: For the row labels (default: ``data/glossary.csv``).
        max_documents: In a larger corpus only the documents with the most concept
            occurrences are drawn, in the given order (the title says so).

    Returns:
        The figure. Colour is occurrences per 1,000 content tokens, so that a long
        document does not look keener on a concept than a short one.
    """
    concept_names = concept_labels(glossary)
    matrix = counts.pivot_table(
        index="concept", columns="doc_id", values="count", aggfunc="sum", fill_value=0
    )
    matrix = matrix.reindex(columns=documents["doc_id"], fill_value=0)
    title = "Concepts by document (number: occurrences; colour: rate)"
    if matrix.shape[1] > max_documents:
        busiest = matrix.sum(axis=0).sort_values(ascending=False, kind="stable").index
        keep = set(busiest[:max_documents])
        matrix = matrix[[d for d in matrix.columns if d in keep]]
        title += f"\n{max_documents} of {len(busiest)} documents: those with most concepts"
    matrix = matrix.loc[matrix.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    matrix = matrix.head(top)
    tokens = documents.set_index("doc_id")["n_tokens"].reindex(matrix.columns).clip(lower=1)
    rates = matrix / tokens.to_numpy() * 1000
    fig = Figure(
        figsize=(2.0 + 1.25 * matrix.shape[1] + 3.2, 0.36 * matrix.shape[0] + 2.2),
        layout="constrained",
    )
    ax = fig.subplots()
    image = ax.imshow(rates.to_numpy(), cmap=_BLUES, aspect="auto", vmin=0)
    limit = float(rates.to_numpy().max()) if rates.size else 1.0
    for (i, j), value in np.ndenumerate(matrix.to_numpy()):
        if value:
            dark = rates.iat[i, j] > 0.55 * limit
            ax.text(
                j,
                i,
                str(value),
                ha="center",
                va="center",
                fontsize="small",
                color="white" if dark else "#222222",
            )
    ax.set_yticks(range(matrix.shape[0]), [concept_names.get(c, c) for c in matrix.index])
    names = [labels.get(d, d) if labels else d for d in matrix.columns]
    ax.set_xticks(range(matrix.shape[1]), names, rotation=30, ha="right")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = fig.colorbar(image, ax=ax, shrink=0.6, pad=0.02)
    bar.set_label("per 1,000 content tokens")
    ax.set_title(title)
    return fig


@draw_with_style
def plot_distinctive_terms(
    table: pd.DataFrame,
    *,
    labels: dict[str, str] | None = None,
    columns: int = 3,
    max_documents: int = 12,
) -> Figure:
    """One panel per document with its most distinctive terms (TF-IDF).

    Args:
        table: The table of :func:`iecorpus.terms.distinctive_terms`.
        labels: Panel titles by ``doc_id`` (default: the ``doc_id``).
        columns: Panels per row.
        max_documents: In a larger corpus only this many documents get a panel: those
            whose distinctive terms score highest (the title says so).

    Returns:
        The figure; bars are TF-IDF scores, annotated with the term's count in the document.
    """
    doc_ids = list(dict.fromkeys(table["doc_id"]))
    title = "Distinctive terms per document (TF-IDF; number: times in the document)"
    if len(doc_ids) > max_documents:
        strongest = table.groupby("doc_id")["tf_idf"].max().sort_values(ascending=False)
        keep = set(strongest.index[:max_documents])
        title += (
            f"\n{max_documents} of {len(doc_ids)} documents: those with the most distinctive terms"
        )
        doc_ids = [d for d in doc_ids if d in keep]
    columns = max(1, min(columns, len(doc_ids)))
    rows = max(1, math.ceil(len(doc_ids) / columns))
    per_panel = int(table.groupby("doc_id").size().max()) if len(table) else 1
    fig = Figure(figsize=(4.2 * columns, (0.3 * per_panel + 1.0) * rows), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, columns, squeeze=False)).ravel()
    for ax, doc_id in zip(axes, doc_ids, strict=False):
        part = table[table["doc_id"] == doc_id].sort_values("rank", ascending=False)
        ax.barh(part["term"], part["tf_idf"], color="#dd8452")
        for y, (score, count) in enumerate(zip(part["tf_idf"], part["count"], strict=True)):
            ax.text(score, y, f" {count}", va="center", fontsize="x-small", color="#333333")
        ax.set_xlim(0, part["tf_idf"].max() * 1.25)
        ax.set_title(labels.get(doc_id, doc_id) if labels else doc_id, fontsize="medium")
        ax.xaxis.set_major_locator(MaxNLocator(3))
        ax.tick_params(axis="x", labelsize="x-small")
        _tidy(ax)
    for ax in axes[len(doc_ids) :]:
        ax.set_visible(False)
    fig.suptitle(title)
    return fig


@draw_with_style
def plot_trends(
    trends: pd.DataFrame, *, labels: dict[str, str] | None = None, ylabel: str | None = None
) -> Figure:
    """Lines of each term or concept across the years, with the number of documents per year.

    Args:
        trends: The table of :func:`iecorpus.terms.compute_trends`.
        labels: Legend labels by item (default: concept labels, and terms as given).
        ylabel: The y-axis label (default: says what ``value`` holds).

    Returns:
        The figure. Only years with documents get a tick, labelled with their number of
        documents; a line joins the years it has, even across a year without documents.
    """
    labels = {**concept_labels(), **(labels or {})}
    fig = Figure(figsize=(9, 4.6), layout="constrained")
    ax = fig.subplots()
    years = sorted(trends["year"].unique())
    x = {year: int(year) for year in years}
    markers = "osD^vP*X"
    for k, (item, part) in enumerate(trends.groupby("item", sort=False)):
        part = part.sort_values("year")
        ax.plot(
            part["year"].map(x),
            part["value"],
            marker=markers[k % len(markers)],
            linewidth=1.6,
            label=labels.get(item, item),
        )
    per_year = trends.drop_duplicates("year").set_index("year")["n_documents"].astype(int)
    ticks = [f"{y}\n{n} document{'s' if n != 1 else ''}" for y, n in per_year.items()]
    ax.set_xticks([x[y] for y in per_year.index], ticks)
    ax.set_ylim(bottom=0)
    ax.set_ylabel(ylabel or "value")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize="small")
    ax.set_title("Terms and concepts by year")
    ax.grid(axis="y", alpha=0.3)
    _tidy(ax)
    return fig


__all__ = [
    "concept_labels",
    "plot_concept_heatmap",
    "plot_distinctive_terms",
    "plot_top_concepts",
    "plot_trends",
]
