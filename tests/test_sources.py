"""Tracing rows to their pages: the manifest's URLs and sites, and the join by ``doc_id``."""

import re

import pandas as pd
import pytest

from iecorpus import (
    cite_documents,
    concordance,
    distinctive_terms,
    extract_events,
    find_event_mentions,
    fit_topics,
    load_corpus,
    paths,
    read_manifest,
)
from iecorpus.topics import best_passages

ADDED = ["doc_title", "doc_date", "doc_url", "doc_site"]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_every_embedded_page_has_a_web_address_and_a_site():
    manifest = read_manifest(paths.MANIFEST)
    assert len(manifest) == 5
    for row in manifest.itertuples():
        assert re.match(r"https?://[^\s/]+\.[a-z]{2,}/\S+$", row.url), row.file
        assert row.site, row.file
        assert row.source, row.file


def test_the_corpus_carries_url_and_site_from_the_manifest(corpus):
    manifest = read_manifest(paths.MANIFEST).set_index("file")
    documents = corpus.documents.set_index("file")
    assert documents["url"].to_dict() == manifest["url"].to_dict()
    assert documents["site"].to_dict() == manifest["site"].to_dict()
    assert documents.loc["003_604234b46fa3af89.txt", "source"] == "a5qu.com"


def test_a_users_manifest_may_name_url_and_site(tmp_path):
    (tmp_path / "a.txt").write_text("产教融合的新闻。\n\n第二段。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Industry-education integration news.", encoding="utf-8")
    (tmp_path / "corpus.csv").write_text(
        "file,url,site\na.txt,https://example.org/a.html,example.org (新闻)\n", encoding="utf-8"
    )
    documents = load_corpus(tmp_path).documents.set_index("file")
    assert documents.loc["a.txt", ["url", "site"]].tolist() == [
        "https://example.org/a.html",
        "example.org (新闻)",
    ]
    assert documents.loc["b.txt", ["url", "site"]].tolist() == ["", ""]


def test_every_event_of_the_embedded_corpus_carries_its_pages_url(corpus):
    events = extract_events(corpus)
    cited = cite_documents(events, corpus)
    assert len(events) > 0
    pages = corpus.documents.set_index("doc_id")
    for row in cited.itertuples():
        assert row.doc_url.startswith(("http://", "https://")), row.event_id
        assert row.doc_url == pages.at[row.doc_id, "url"]
        assert row.doc_site == pages.at[row.doc_id, "site"]
        assert row.doc_title == pages.at[row.doc_id, "title"]
        assert row.doc_date == pages.at[row.doc_id, "date"]


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda c: find_event_mentions(c), id="event mentions"),
        pytest.param(lambda c: concordance(c, "1+X"), id="concordance"),
        pytest.param(lambda c: distinctive_terms(c, top=3), id="distinctive terms"),
        pytest.param(lambda c: best_passages(fit_topics(c, k=3), n=2), id="topic passages"),
    ],
)
def test_the_join_adds_the_columns_after_doc_id_and_keeps_the_rows(corpus, make):
    table = make(corpus)
    cited = cite_documents(table, corpus)
    assert len(cited) == len(table) > 0
    assert cited["doc_id"].tolist() == table["doc_id"].tolist()
    at = list(table.columns).index("doc_id") + 1
    assert list(cited.columns) == list(table.columns[:at]) + ADDED + list(table.columns[at:])
    pd.testing.assert_frame_equal(cited[list(table.columns)], table)
    assert cited["doc_url"].str.match(r"https?://").all()


def test_the_join_keeps_order_index_and_an_event_s_own_date(corpus):
    table = pd.DataFrame(
        {
            "date": ["2019-02", "2021-03-23", "2022", "2020"],
            "doc_id": [
                "004_0090a7bf180e0140",
                "001_33d0282d90ecd6c5",
                "not-in-the-corpus",
                "001_33d0282d90ecd6c5",
            ],
            "sentence": ["国务院印发…", "BEWG attended…", "—", "again"],
        },
        index=[7, 3, 5, 1],
    )
    cited = cite_documents(table, corpus)
    assert cited.index.tolist() == [7, 3, 5, 1]
    assert cited["date"].tolist() == table["date"].tolist()
    assert cited["doc_date"].tolist() == ["2022-07-07", "2021-03-24", "", "2021-03-24"]
    assert cited["doc_url"].tolist()[2] == ""
    assert cited["doc_url"].tolist()[1] == cited["doc_url"].tolist()[3]
    assert table.columns.tolist() == ["date", "doc_id", "sentence"]  # not modified


def test_columns_and_prefix_can_be_chosen(corpus):
    table = pd.DataFrame({"doc_id": ["000_2631aee1e2903283"]})
    cited = cite_documents(table, corpus, columns=("url", "source"), prefix="page_")
    assert cited.columns.tolist() == ["doc_id", "page_url", "page_source"]
    assert cited.at[0, "page_source"] == "BEWG news"


def test_a_corpus_without_url_or_site_gives_empty_cells():
    documents = pd.DataFrame({"doc_id": ["a"], "title": ["T"], "date": [""], "text": ["x"]})
    cited = cite_documents(pd.DataFrame({"doc_id": ["a", "a"]}), documents)
    assert cited[ADDED].values.tolist() == [["T", "", "", ""]] * 2


@pytest.mark.parametrize(
    ("table", "options", "message"),
    [
        (pd.DataFrame({"term": ["x"]}), {}, "no `doc_id` column"),
        (pd.DataFrame({"doc_id": ["a"], "doc_url": ["u"]}), {}, "already has 'doc_url'"),
        (pd.DataFrame({"doc_id": ["a"]}), {"columns": ("publisher",)}, "no column 'publisher'"),
    ],
)
def test_bad_input_says_what_is_wrong(corpus, table, options, message):
    with pytest.raises(ValueError, match=message):
        cite_documents(table, corpus, **options)
