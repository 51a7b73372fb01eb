"""Findings in words: plurals, lists, shares, safe quotation and the report banner."""

from datetime import datetime, timezone

import pandas as pd
import pytest

from iecorpus import paths
from iecorpus.prose import (
    code_text,
    corpus_banner,
    is_embedded_corpus,
    join_words,
    number,
    paragraph,
    percent,
    plural,
    quote_text,
    share,
    size_caveat,
)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((0, "document"), "no documents"),
        ((1, "document"), "1 document"),
        ((2, "document"), "2 documents"),
        ((1200, "token"), "1,200 tokens"),
        ((3, "city", "cities"), "3 cities"),
        ((1, "city", "cities"), "1 city"),
    ],
)
def test_plural(args, expected):
    assert plural(*args) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], "none"), (["A"], "A"), (["A", "B"], "A and B"), (["A", "", "B", "C"], "A, B and C")],
)
def test_join_words(items, expected):
    assert join_words(items) == expected


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (2, 5, "in 2 of 5 documents"),
        (5, 5, "in all 5 documents"),
        (1, 1, "in the one document"),
        (2, 2, "in both documents"),
        (0, 4, "in none of the 4 documents"),
        (0, 0, "in no documents"),
    ],
)
def test_share(part, whole, expected):
    assert share(part, whole, "document") == expected


def test_numbers_and_percentages():
    assert number(0.7391, digits=2) == "0.74"
    assert number(12345) == "12,345"
    assert percent(1, 4) == "25%"
    assert percent(1, 0) == "n/a"


@pytest.mark.parametrize(
    "hostile",
    ["<script>alert(1)</script>", "**bold** _it_ [link](javascript:x)", "$5m $2m", "# heading"],
)
def test_document_text_is_quoted_literally(hostile):
    quoted = quote_text(hostile)
    assert "<script>" not in quoted
    for char in "*_[]$#":
        assert char not in quoted.replace("\\" + char, "")


def test_code_text_cannot_end_its_span():
    assert code_text("a`b") == "`a'b`"


def test_paragraph_leaves_out_empty_sentences():
    assert paragraph("One.", "", None, " Two. ") == "One. Two."


def test_size_caveat_only_for_few_documents():
    assert "illustration" in size_caveat(3)
    assert "3 documents" in size_caveat(3)
    assert size_caveat(40) == ""


def test_only_the_embedded_corpus_is_recognised_as_it(tmp_path):
    assert is_embedded_corpus(None, None)
    assert is_embedded_corpus(paths.RAW_DIR, paths.MANIFEST)
    assert not is_embedded_corpus(tmp_path, None)
    assert not is_embedded_corpus(None, tmp_path / "corpus.csv")


class _Corpus:
    def __init__(self, dates, languages, problems=0):
        self.documents = pd.DataFrame({"date": dates, "language": languages})
        self.problems = pd.DataFrame({"file": ["x"] * problems})


def test_banner_says_which_corpus_when_and_with_what(tmp_path):
    corpus = _Corpus(["2021-05-26", "", "2022-07-07"], ["en", "zh", "en"], problems=1)
    made = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
    text = corpus_banner(
        corpus, corpus_dir=tmp_path / "my pages", parameters={"n_topics": 5}, made=made
    )
    assert "`my pages`" in text
    assert "3 documents (2 en and 1 zh)" in text
    assert "dated 2021-05-26 to 2022-07-07" in text
    assert "1 undated document" in text
    assert "1 file with problems" in text
    assert "2026-01-02 03:04 UTC with iecorpus" in text
    assert "`n_topics = 5`" in text
    assert str(tmp_path) not in text


def test_banner_of_an_empty_corpus():
    text = corpus_banner(_Corpus([], []))
    assert "no documents" in text and "; no dates" in text and "dated no" not in text
