"""The summaries notebook 01 shows: they must add up to what the audit holds."""

import warnings

import pytest

from iecorpus.audit import (
    REASONS,
    count_reasons,
    describe_documents,
    plot_removed,
    show_examples,
    summarize_removed,
)


def test_documents_are_described_oldest_first(corpus):
    table = describe_documents(corpus)
    assert list(table["date"]) == sorted(table["date"])
    assert table["kept_pct"].between(50, 100).all()
    assert (
        table.set_index("doc_id").at["003_604234b46fa3af89", "kept_pct"] < 75
    )  # a third is sidebar


def test_removed_characters_add_up_per_document_and_reason(corpus):
    wide = summarize_removed(corpus)
    assert wide["total"].sum() == corpus.removed["text"].str.len().sum()
    assert wide.at["003_604234b46fa3af89", "sidebar"] > 7000
    counts = count_reasons(corpus)
    assert counts["n_chars"].sum() == wide["total"].sum()
    assert set(counts["reason"]) <= set(REASONS)
    assert counts["meaning"].str.len().gt(0).all()


def test_examples_show_each_reason_in_place(corpus):
    examples = show_examples(corpus)
    assert set(examples["reason"]) == set(corpus.removed["reason"])
    artefact = examples.set_index("reason").at["artefact", "before"]
    assert "⟦ Essence⟧" in artefact
    for row in examples.itertuples():
        assert "⟦" in row.before and "⟧" in row.after


def test_the_figure_draws_every_document_without_missing_glyphs(corpus):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_removed(corpus, labels={"001_33d0282d90ecd6c5": "001 尊龙凯时 page"})
        fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 5 and "001 尊龙凯时 page" in labels


def test_a_large_corpus_draws_only_the_documents_that_lost_most(corpus):
    fig = plot_removed(corpus, max_documents=2)
    assert len(fig.axes[0].get_yticklabels()) == 2
    assert "2 of 5 documents" in fig.axes[0].get_title()


def test_documents_say_where_each_page_was_found(corpus):
    table = describe_documents(corpus).set_index("doc_id")
    assert table["url"].str.startswith("http").all()
    assert table.at["000_2631aee1e2903283", "site"].startswith("bewg.net")


@pytest.mark.parametrize("n_documents", [1, 40])
def test_the_figure_fits_one_document_and_many_reasons(n_documents, tmp_path):
    from iecorpus import load_corpus
    from iecorpus.testing import write_corpus

    write_corpus(tmp_path, n_documents=n_documents, seed=4)
    generated = load_corpus(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "constrained_layout not applied" would be raised
        fig = plot_removed(generated)
        fig.canvas.draw()
    ax = fig.axes[0]
    bars = [h.get_facecolor() for h in ax.get_legend().legend_handles]
    assert len(set(bars)) == len(bars), "two reasons share a colour"
    legend = ax.get_legend().get_window_extent()
    assert legend.height <= fig.bbox.height, "the legend is taller than the figure"


def test_every_reason_a_rule_file_names_has_its_words():
    import csv

    from iecorpus import paths

    named = set()
    for name in ("boilerplate.csv", "artefacts.csv"):
        with (paths.CLEANING_DIR / name).open(encoding="utf-8", newline="") as handle:
            named |= {row["reason"] for row in csv.DictReader(handle)}
    assert named - set(REASONS) == set()
