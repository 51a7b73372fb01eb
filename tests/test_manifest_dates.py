"""Manifest column aliases, dates read from a page's URL, and where each title came from."""

import pytest

from iecorpus import load_corpus


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_manifest_aliases_url_dates_and_title_sources(tmp_path):
    write(
        tmp_path,
        "a.txt",
        "Colleges and firms sign an agreement\n\nThe college signed an agreement.\n",
    )
    write(
        tmp_path, "b.txt", "The college and a carmaker opened a training hub in Wuhan this week.\n"
    )
    write(tmp_path, "c.txt", "A headline\n\nRelease time: 2021-05-03\n\nThe college signed.\n")
    (tmp_path / "corpus.csv").write_text(
        "file,publication_date,url,title,shelf\n"
        "a.txt,,http://example.edu.cn/2021/1019/c1a2/page.htm,,x\n"
        "b.txt,2022-07,,My title,y\n"
        "c.txt,,http://example.gov.cn/202001/t20200117_1.html,,z\n",
        encoding="utf-8",
    )
    with pytest.warns(UserWarning, match=r"corpus.csv: the column\(s\) 'shelf' are not used"):
        corpus = load_corpus(tmp_path)
    docs = corpus.documents.set_index("doc_id")
    assert tuple(docs.loc["a", ["date", "date_source", "title_source"]]) == (
        "2021-10-19",
        "url",
        "headline",
    )
    assert tuple(docs.loc["b", ["date", "date_source", "title_source"]]) == (
        "2022-07",
        "manifest",
        "manifest",
    )
    # a date printed on the page outranks the one in its address
    assert tuple(docs.loc["c", ["date", "date_source"]]) == ("2021-05-03", "text")
