"""Figures of notebook 02: Chinese labels render with the bundled font, and empty input is drawn."""

import io
import warnings

import matplotlib
import pytest

from iecorpus import figures
from iecorpus.figures import save_figure
from iecorpus.plots_terms import (
    concept_labels,
    plot_concept_heatmap,
    plot_distinctive_terms,
    plot_top_concepts,
    plot_trends,
)
from iecorpus.terms import (
    compute_trends,
    count_concepts,
    distinctive_terms,
    index_corpus,
    summarize_concepts,
)


def test_figures_with_chinese_labels_render_without_missing_glyphs(corpus, tmp_path):
    index = index_corpus(corpus)
    figures = [
        plot_top_concepts(summarize_concepts(corpus)),
        plot_concept_heatmap(count_concepts(corpus), index.documents),
        plot_distinctive_terms(distinctive_terms(corpus, top=3)),
        plot_trends(compute_trends(corpus)),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" would fail here
        for k, fig in enumerate(figures):
            save_figure(fig, f"02-test-{k}", directory=tmp_path)
    assert len(list(tmp_path.glob("02-test-*.png"))) == 4
    labels = [t.get_text() for t in figures[0].axes[0].get_yticklabels()]
    assert "Industry-education integration  产教融合" in labels  # the top bar is labelled


def test_the_glyph_check_would_catch_a_missing_cjk_font(corpus, monkeypatch):
    # The library draws in its own style whatever the global one; without the CJK font in
    # that style, the same figure warns.
    monkeypatch.setattr(figures, "style_params", lambda: {"font.family": ["DejaVu Sans"]})
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig = plot_top_concepts(summarize_concepts(corpus))
        with pytest.warns(UserWarning, match="Glyph .* missing from font"):
            fig.savefig(io.BytesIO(), format="png")


def test_labels_are_in_english_and_chinese():
    labels = concept_labels()
    assert labels["industry_education_integration"] == "Industry-education integration  产教融合"


def test_a_document_with_nothing_distinctive_draws_an_empty_figure(corpus):
    empty = distinctive_terms(corpus).iloc[0:0]
    fig = plot_distinctive_terms(empty)
    fig.savefig(io.BytesIO(), format="png")
    assert not any(ax.get_visible() and ax.patches for ax in fig.axes)


def test_per_document_figures_stay_readable_for_a_large_corpus():
    import pandas as pd

    from iecorpus.plots_terms import plot_concept_heatmap, plot_distinctive_terms

    docs = pd.DataFrame({"doc_id": [f"d{i:03d}" for i in range(300)], "n_tokens": 500})
    counts = pd.DataFrame(
        {"doc_id": docs["doc_id"], "concept": "industry_education_integration", "count": range(1, 301)}
    )
    heatmap = plot_concept_heatmap(counts, docs)
    assert len(heatmap.axes[0].get_xticks()) == 24
    assert "24 of 300 documents" in heatmap.axes[0].get_title()
    terms = pd.DataFrame(
        {"doc_id": docs["doc_id"], "term": "college", "tf_idf": [i / 300 for i in range(300)], "count": 2, "rank": 1}
    )
    panels = plot_distinctive_terms(terms)
    assert sum(ax.get_visible() for ax in panels.axes) == 12
    assert "12 of 300 documents" in panels._suptitle.get_text()
