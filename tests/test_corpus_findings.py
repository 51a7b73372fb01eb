"""Notebook 01's sentences: computed from the tables, true of the corpus, right in every case."""

import re

import pandas as pd
import pytest

from iecorpus import paths
from iecorpus.audit import count_reasons, describe_documents, show_examples, summarize_removed
from iecorpus.cache import open_cached_corpus
from iecorpus.corpus import corpus_from_texts, empty_corpus
from iecorpus.corpus_findings import (
    describe_place,
    link_from_report,
    say_audit,
    say_cache,
    say_documents,
    say_examples,
    say_figure,
    say_problems,
    say_reasons,
    say_removals,
    say_repairs,
    say_sentences,
    say_summary,
    say_undated,
)


def one_document(date="2021-05-26", language="en"):
    table = pd.DataFrame(
        {
            "doc_id": ["a"],
            "title": ["Schools and firms"],
            "date": [date],
            "date_precision": ["day" if date else ""],
            "language": [language],
            "source": [""],
            "text": ["The college signed an agreement. Students train in the workshop."],
            "n_chars_raw": [80],
            "n_chars_clean": [64],
        }
    )
    return corpus_from_texts(table)


def test_the_embedded_documents_are_described_from_their_table(corpus):
    documents = describe_documents(corpus)
    text = say_documents(documents, date_sources=corpus.documents["date_source"])
    assert "5 documents (5 in English)" in text
    assert f"from {documents['date'].min()} to {documents['date'].max()}, all to the day" in text
    assert "Every date was read from the page." in text
    assert f"{documents['kept_pct'].min():.1f}% to {documents['kept_pct'].max():.1f}%" in text
    assert "`003_604234b46fa3af89`" in text  # the essay keeps least
    assert "illustration" not in text  # five documents are enough for a description


@pytest.mark.parametrize(
    ("date", "expected", "caveat"),
    [
        ("2021-05-26", "The one document is dated, on 2021-05-26, to the day.", True),
        ("", "No document has a date.", True),
    ],
)
def test_one_document_is_told_as_one_with_a_caveat(date, expected, caveat):
    small = one_document(date)
    documents = describe_documents(small)
    text = say_documents(documents)
    assert "1 document (1 in English)" in text and expected in text
    assert ("rests on 1 document" in text) is caveat
    assert "Cleaning keeps 80.0% of the page." in text
    assert "emptied" not in text
    emptied = documents.assign(n_chars_clean=0, kept_pct=0.0)
    assert "Cleaning emptied 1 page (`a`)" in say_documents(emptied)


def test_no_document_is_told_not_counted():
    empty = empty_corpus()
    documents = describe_documents(empty)
    assert say_documents(documents).startswith("No document could be loaded")
    assert say_undated(documents) == ""
    assert "nothing to do" in say_reasons(count_reasons(empty), n_documents=0)
    assert "nothing to account for" in say_audit(empty.check_audit())
    assert say_sentences(empty.paragraphs, empty.sentences, empty.documents) == ""
    assert "Nothing is cached" in say_cache(None)
    summary = say_summary(
        documents, count_reasons(empty), empty.check_audit(), problems=empty.problems
    )
    assert summary.startswith("In this corpus: no documents and no files with problems.")


def test_undated_documents_are_named_with_what_it_costs_and_the_fix():
    small = one_document("")
    text = say_undated(describe_documents(small))
    assert text.startswith("No document has a date: `a`.")
    assert "no trend over time" in text and "timeline" in text
    assert "`date` column" in text and "manifest" in text
    many = pd.DataFrame({"doc_id": [f"d{i}" for i in range(12)], "date": [""] * 11 + ["2020"]})
    assert "11 documents have no date" in say_undated(many)
    assert "and 3 more" in say_undated(many)
    assert say_undated(many.assign(date="2020")) == "Every document has a date."


def test_problems_are_counted_by_action_and_named():
    problems = pd.DataFrame(
        {
            "file": ["a.txt", "b.txt", "c.txt"],
            "problem": ["the file is empty", "the file is empty", "it is <b>binary</b>"],
            "advice": ["remove it"] * 3,
            "action": ["skipped", "skipped", "skipped"],
        }
    )
    text = say_problems(problems, n_documents=0)
    assert text.startswith("3 files or manifest rows could not be used as given (3 skipped).")
    assert "“the file is empty”" in text and "&lt;b&gt;" in text and "<b>" not in text
    assert "No document could be loaded" in text
    assert "The other 4 documents loaded" in say_problems(problems, n_documents=4)
    assert say_problems(problems.head(0), n_documents=4).startswith("No problems")


def test_reasons_are_named_from_the_table_whatever_they_are(corpus):
    reasons = count_reasons(corpus)
    text = say_reasons(reasons, n_documents=len(corpus.documents))
    for row in reasons.itertuples():
        assert f"`{row.reason}` ({row.n_spans:,} span" in text
    top = reasons.iloc[0]
    assert f"Most of it goes as `{top['reason']}`, {top['meaning']}" in text
    invented = pd.DataFrame(
        {
            "reason": ["caption"],
            "meaning": [""],
            "n_spans": [2],
            "n_documents": [1],
            "n_chars": [40],
        }
    )
    text = say_reasons(invented, n_documents=3)
    assert "`caption` (2 spans, 40 characters)" in text and "100% of the characters" in text
    assert "in 1 of 3 documents" in text


def test_removals_name_the_page_that_lost_most(corpus):
    removed = summarize_removed(corpus)
    documents = describe_documents(corpus)
    text = say_removals(removed, documents)
    assert text.startswith("The page that lost the largest share is `003_604234b46fa3af89`")
    assert "mostly as `sidebar`" in text
    lost = removed.at["003_604234b46fa3af89", "total"]
    assert f"{lost:,} of its" in text


def test_a_corpus_cleaning_left_alone_says_so():
    small = one_document()
    removed = summarize_removed(small)
    assert (
        say_removals(removed, describe_documents(small)) == "No document lost anything to cleaning."
    )
    assert "changed nothing in the one document" in say_reasons(count_reasons(small), n_documents=1)
    assert "nothing to show" in say_examples(show_examples(small))
    assert "no machine-translation artefact" in say_repairs(small.removed, n_documents=1)


def test_examples_and_repairs_are_counted(corpus):
    examples = show_examples(corpus)
    text = say_examples(examples)
    assert f"{examples['reason'].nunique()} reasons" in text
    repairs = corpus.removed.query("reason == 'artefact'")
    text = say_repairs(repairs, n_documents=5)
    assert text.startswith(f"Cleaning repaired {len(repairs)} artefacts in ")
    assert "`' -'` into `'-'`" in text  # spaced hyphens are the commonest repair


def test_the_figure_sentence_says_what_is_left_out():
    assert "the one document" in say_figure(1, max_documents=25)
    assert "the 25 of 500 documents" in say_figure(500, max_documents=25)


def test_the_audit_names_the_documents_it_fails_for(corpus):
    audit = corpus.check_audit()
    assert say_audit(audit).startswith("Every character is accounted for: all 5 documents")
    broken = audit.assign(restores_raw=audit["doc_id"].str.startswith("003"))
    text = say_audit(broken)
    assert "**The audit does not hold for 4 documents**" in text
    assert "`003_604234b46fa3af89`" not in text and "`000_2631aee1e2903283`" in text


def test_sentences_are_measured_by_language(corpus):
    text = say_sentences(corpus.paragraphs, corpus.sentences, corpus.documents, long=600)
    lengths = corpus.sentences["text"].str.len()
    assert f"{len(corpus.sentences)} sentences" in text
    assert f"median length {round(lengths.median())} characters;" in text
    assert f"{(lengths > 600).sum()} sentences run past 600 characters" in text


def test_the_cache_is_described_without_a_machine_path(tmp_path):
    cached = open_cached_corpus(processed_dir=tmp_path / "processed")
    text = say_cache(cached, processed_dir=tmp_path / "processed")
    assert str(tmp_path) not in text and "in the processed folder" in text
    assert "`documents.parquet` (5 rows)" in text and "`02-term-frequency`" in text
    again = open_cached_corpus(processed_dir=tmp_path / "processed")
    assert (cached.status, again.status) == ("built", "read")
    assert say_cache(again, processed_dir=tmp_path / "processed") == text  # stable for nbval


def test_places_and_links_are_relative(tmp_path):
    inside = paths.PROCESSED_DIR / "documents.csv"
    assert describe_place(inside, processed_dir=None) == "`data/processed/documents.csv`"
    outside = tmp_path / "report" / "processed"
    assert describe_place(outside, processed_dir=outside) == "the processed folder"
    assert describe_place(outside / "x y.csv", processed_dir=outside).startswith("`x y.csv` in")
    assert link_from_report(outside / "01 corpus.xlsx", processed_dir=outside) == (
        "processed/01%20corpus.xlsx"
    )
    assert link_from_report(inside, processed_dir=None) == "../data/processed/documents.csv"


def test_every_number_in_a_sentence_comes_from_the_table(corpus):
    documents = describe_documents(corpus)
    text = say_documents(documents, date_sources=corpus.documents["date_source"])
    text = re.sub(r"`[^`]*`|“[^”]*”", " ", text)
    numbers = set(re.findall(r"\d[\d,.]*\d|\d", re.sub(r"\d{4}-\d\d-\d\d", " ", text)))
    kept = {f"{v:.1f}" for v in documents["kept_pct"]} | {f"{documents['kept_pct'].median():.1f}"}
    assert numbers <= kept | {str(len(documents))}, numbers
