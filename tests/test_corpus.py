"""Loading the embedded corpus and users' folders: tables, metadata, the audit, and bad input."""

import codecs
import hashlib
import re
import warnings

import pandas as pd
import pytest

from iecorpus import CorpusError, DocumentError, ManifestError, load_corpus, paths, read_manifest


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_raw_files_match_the_manifest_checksums():
    manifest = read_manifest(paths.MANIFEST)
    assert len(manifest) == 5
    for row in manifest.itertuples():
        assert hashlib.sha256((paths.RAW_DIR / row.file).read_bytes()).hexdigest() == row.sha256, (
            row.file
        )


def test_embedded_corpus_loads_without_problems(corpus):
    assert len(corpus.documents) == 5
    assert corpus.problems.empty
    assert list(corpus.documents.columns[:3]) == ["doc_id", "file", "title"]
    assert set(corpus.documents["language"]) == {"en"}
    assert (corpus.documents["date_source"] == "text").all()


# What a reader of each page sees as its headline, date and byline.
EXPECTED = [
    (
        "000_2631aee1e2903283",
        "New identity! BEWG selected as one of the first batch of pilot enterprises for the integration of industry and education in Beijing",
        "2021-05-26",
        "",
    ),
    (
        "001_33d0282d90ecd6c5",
        "At the 1+X Certificate Pilot Work Illustration Meeting, BEWG Revealed These Messages...",
        "2021-03-24",
        "",
    ),
    (
        "002_7f65d8bee03b99e2",
        "School-Enterprise Cooperation, Industry-Education Integration",
        "2020-12-30",
        "",
    ),
    (
        "003_604234b46fa3af89",
        "How can the government, universities, and enterprises exert their efforts?, Deepen the integration of industry and education",
        "2024-04-16",
        "",
    ),
    (
        "004_0090a7bf180e0140",
        "Another provincial backbone vocational education group in Henan established Henan Energy Power and Materials Vocational Education Group to unveil",
        "2022-07-07",
        "Mengye",
    ),
]


@pytest.mark.parametrize(("doc_id", "title", "date", "author"), EXPECTED)
def test_metadata_is_read_from_each_page(corpus, doc_id, title, date, author):
    row = corpus.documents.set_index("doc_id").loc[doc_id]
    assert (row["title"], row["date"], row["date_precision"], row["author"]) == (
        title,
        date,
        "day",
        author,
    )


# Where each article body starts and where the page around it takes over, found by reading
# the pages. The body between them must be kept word for word, and nothing else.
BODIES = [
    ("000_2631aee1e2903283", "On May 26, in accordance", "\n\nEN", 7),
    ("001_33d0282d90ecd6c5", "To thoroughly implement", None, 12),
    ("002_7f65d8bee03b99e2", "Recently, BEWG President", None, 8),
    ("003_604234b46fa3af89", "The article points out", "Thinker | Sun Jianping", 18),
    (
        "004_0090a7bf180e0140",
        "Another provincial backbone vocational education group in Henan was",
        "- END -",
        15,
    ),
]


def words(text):
    # "Essence" with a capital is the translation artefact for 。 (the corpus's real
    # "essence" is lower case); hyphens and punctuation do not make words.
    return [w.lower() for w in re.findall(r"[A-Za-z0-9]+", text) if w != "Essence"]


@pytest.mark.parametrize(("doc_id", "start", "end", "n_paragraphs"), BODIES)
def test_every_word_of_the_body_is_kept_and_nothing_of_the_page(
    corpus, doc_id, start, end, n_paragraphs
):
    raw = corpus.raw[doc_id]
    body = raw[raw.index(start) : raw.index(end) if end else None]
    text = corpus.documents.set_index("doc_id").at[doc_id, "text"]
    assert words(text) == words(body)
    assert (corpus.paragraphs["doc_id"] == doc_id).sum() == n_paragraphs


@pytest.mark.parametrize(
    "noise",
    [
        "News detail",
        "尊龙凯时",
        "Thinker |",
        "Kidnapping",
        "- END -",
        "Shanxi Finance",
        "Our city has successfully",
        "Release time",
        "Author:",
        "Elephant Journalist",
        " Essence",
        "high -quality",
        "  ",
    ],
)
def test_no_page_furniture_or_artefact_survives(corpus, noise):
    assert not corpus.documents["text"].str.contains(noise, regex=False).any()
    assert not corpus.documents["text"].str.contains(r"\n\s*EN\s*$").any()


def test_the_essence_of_real_text_stays(corpus):
    assert (
        corpus.documents["text"]
        .str.contains("is the essence of the “1+X” certificate system", regex=False)
        .any()
    )


def test_raw_is_kept_plus_removed_for_every_document(corpus):
    audit = corpus.check_audit()
    assert audit["balanced"].all()
    assert audit["restores_raw"].all()
    reasons = set(corpus.removed["reason"])
    assert {
        "navigation",
        "spam",
        "title",
        "dateline",
        "byline",
        "sidebar",
        "footer",
        "artefact",
    } <= reasons


def test_paragraphs_and_sentences_point_into_the_text(corpus):
    texts = corpus.documents.set_index("doc_id")["text"]
    for table in (corpus.paragraphs, corpus.sentences):
        for row in table.sample(20, random_state=0).itertuples():
            assert texts[row.doc_id][row.start : row.end] == row.text
    assert (
        corpus.sentences.groupby("doc_id")["sentence"]
        .apply(lambda s: list(s) == list(range(len(s))))
        .all()
    )
    assert (
        corpus.paragraphs.query("is_heading")["text"]
        .str.contains("What is 1+X certificate?", regex=False)
        .any()
    )


def test_save_writes_every_table(corpus, tmp_path):
    written = corpus.save(tmp_path)
    assert [p.name for p in written] == [
        "documents.csv",
        "paragraphs.csv",
        "sentences.csv",
        "removed.csv",
        "problems.csv",
    ]
    again = pd.read_csv(tmp_path / "removed.csv", keep_default_na=False)
    assert len(again) == len(corpus.removed)


# ------------------------------------------------------------------------- users' folders


ZH_PAGE = "职业教育集团成立\n发布时间：2022年7月7日\n\u3000\u30007月6日，某省能源职业教育集团正式揭牌。\n（完）\n"


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_a_folder_without_a_manifest_loads(tmp_path):
    write(tmp_path, "a.txt", ZH_PAGE)
    write(
        tmp_path,
        "sub/b.txt",
        codecs.BOM_UTF16_LE + ZH_PAGE.replace("\n", "\r\n").encode("utf-16-le"),
    )
    write(tmp_path, "c.txt", ZH_PAGE.encode("gb18030"))
    corpus = load_corpus(tmp_path)
    assert list(corpus.documents["doc_id"]) == ["a", "c", "sub/b"]
    assert set(corpus.documents["text"]) == {"7月6日，某省能源职业教育集团正式揭牌。"}
    assert set(corpus.documents["language"]) == {"zh"}
    assert set(corpus.documents["date"]) == {"2022-07-07"}
    assert list(corpus.documents["encoding"]) == ["utf-8", "gb18030", "utf-16"]


def test_one_bad_file_does_not_sink_the_others(tmp_path):
    write(tmp_path, "good.txt", ZH_PAGE)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "binary.txt", b"\x00\x01\x02 junk \x00")
    write(tmp_path, "report.pdf", b"%PDF-1.4")
    with pytest.warns(UserWarning, match="3 problem"):
        corpus = load_corpus(tmp_path)
    assert list(corpus.documents["doc_id"]) == ["good"]
    problems = corpus.problems.set_index("file")
    assert "empty" in problems.at["empty.txt", "problem"]
    assert "NUL" in problems.at["binary.txt", "problem"]
    assert problems.at["report.pdf", "action"] == "ignored"
    assert problems["advice"].str.len().gt(10).all()


def test_strict_mode_raises_on_the_first_bad_file(tmp_path):
    write(tmp_path, "good.txt", ZH_PAGE)
    write(tmp_path, "empty.txt", b"")
    with pytest.raises(DocumentError, match=r"empty\.txt: the file is empty\. Remove it"):
        load_corpus(tmp_path, strict=True)


def test_a_folder_with_nothing_usable_says_so(tmp_path):
    with pytest.raises(CorpusError, match="no document could be loaded"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")


def test_manifest_values_override_the_text_and_bad_rows_are_named(tmp_path):
    write(tmp_path, "a.txt", ZH_PAGE)
    write(tmp_path, "b.txt", ZH_PAGE)
    (tmp_path / "corpus.csv").write_text(
        "file,title,date,source,sha256\n"
        "a.txt,My title,2022-07,Henan Daily,\n"
        "b.txt,,07/07/2022,,deadbeef\n"
        "missing.txt,,,,\n",
        encoding="utf-8",
    )
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        corpus = load_corpus(tmp_path)
    docs = corpus.documents.set_index("doc_id")
    assert tuple(docs.loc["a", ["title", "date", "date_precision", "date_source", "source"]]) == (
        "My title",
        "2022-07",
        "month",
        "manifest",
        "Henan Daily",
    )
    assert docs.at["b", "date"] == "2022-07-07" and docs.at["b", "date_source"] == "text"
    problems = corpus.problems.groupby("file")[["problem", "advice"]].agg(" / ".join)
    assert "'07/07/2022' cannot be read" in problems.at["b.txt", "problem"]
    assert "YYYY-MM-DD" in problems.at["b.txt", "advice"]
    assert "checksum differs" in problems.at["b.txt", "problem"]
    assert "corpus.csv, row 4) but missing" in problems.at["missing.txt", "problem"]


def test_strict_mode_names_the_missing_file_and_the_manifest_row(tmp_path):
    write(tmp_path, "a.txt", ZH_PAGE)
    (tmp_path / "corpus.csv").write_text("file\na.txt\ngone.txt\n", encoding="utf-8")
    with pytest.raises(
        ManifestError, match=r"corpus.csv, row 3: names 'gone.txt', which is not in .*Fix the name"
    ):
        load_corpus(tmp_path, strict=True)


def test_a_manifest_without_a_file_column_is_refused(tmp_path):
    write(tmp_path, "a.txt", ZH_PAGE)
    manifest = tmp_path / "list.csv"
    manifest.write_text("name,date\na.txt,2021\n", encoding="utf-8")
    with pytest.raises(
        ManifestError, match=r"list.csv: the manifest has no `file` column \(it has name, date\)"
    ):
        load_corpus(tmp_path, manifest=manifest)


def test_a_corpus_from_clean_texts_is_segmented_as_loading_would_segment_it(corpus):
    from iecorpus.corpus import corpus_from_texts

    rebuilt = corpus_from_texts(corpus.documents[["doc_id", "date", "language", "text"]])
    pd.testing.assert_frame_equal(rebuilt.paragraphs, corpus.paragraphs)
    pd.testing.assert_frame_equal(rebuilt.sentences, corpus.sentences)
    assert rebuilt.removed.empty and list(rebuilt.removed.columns) == list(corpus.removed.columns)
