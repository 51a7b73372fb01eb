"""Loading the embedded corpus and users' folders: tables, metadata, the audit, and bad input."""

import codecs
import hashlib
import os
import re
import time
import warnings

import pandas as pd
import pytest

from iecorpus import CorpusError, DocumentError, ManifestError, load_corpus, paths, read_manifest


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


# ------------------------------------------------------------------------- hostile folders

EN_PAGE = (
    "Colleges and firms sign a training pact\n2021-05-26\n\n"
    "The college signed an agreement on industry-education integration with the group.\n"
)


def quiet_load(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(*args, **kwargs)


def test_files_that_differ_only_by_suffix_get_their_own_doc_id(tmp_path):
    write(tmp_path, "a.txt", ZH_PAGE)
    write(tmp_path, "a.md", EN_PAGE)
    write(tmp_path, "b.txt", ZH_PAGE)
    with pytest.warns(UserWarning, match="problem"):
        corpus = load_corpus(tmp_path)
    assert list(corpus.documents["doc_id"]) == ["a.md", "a.txt", "b"]
    assert corpus.check_audit()["restores_raw"].all()
    problems = corpus.problems.set_index("file")
    assert (
        "a.md" in problems.at["a.txt", "problem"]
        and "doc_id 'a.txt'" in problems.at["a.txt", "advice"]
    )
    assert set(problems["action"]) == {"loaded"}


def test_an_unquoted_comma_spoils_its_row_only(tmp_path):
    write(tmp_path, "doc1.txt", EN_PAGE)
    write(tmp_path, "doc2.txt", EN_PAGE)
    (tmp_path / "corpus.csv").write_text(
        "file,title,date\ndoc1.txt,Beijing, China: schools,2021-05-26\ndoc2.txt,Second,2020-01-02\n",
        encoding="utf-8",
    )
    corpus = quiet_load(tmp_path)
    docs = corpus.documents.set_index("doc_id")
    assert docs.at["doc2", "title"] == "Second" and docs.at["doc2", "date"] == "2020-01-02"
    assert docs.at["doc1", "date"] == "2021-05-26"  # from the page, as without a manifest
    (problem,) = corpus.problems.itertuples()
    assert "corpus.csv, line 2" in problem.problem and "4 cells" in problem.problem
    assert "quote" in problem.advice and problem.file == "doc1.txt"


def test_a_semicolon_separated_manifest_is_read(tmp_path):
    write(tmp_path, "a.txt", EN_PAGE)
    (tmp_path / "corpus.csv").write_text("file;title\na.txt;Semi, colon\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.documents.at[0, "title"] == "Semi, colon"


@pytest.mark.parametrize("name", ["../../etc/passwd", "../outside.txt", "/etc/passwd"])
def test_a_manifest_row_outside_the_folder_is_refused_and_nothing_outside_is_read(tmp_path, name):
    folder = tmp_path / "corpus"
    write(folder, "a.txt", EN_PAGE)
    write(tmp_path, "outside.txt", "SECRET outside text\n")
    (folder / "corpus.csv").write_text(f"file\na.txt\n{name}\n", encoding="utf-8")
    corpus = quiet_load(folder)
    assert list(corpus.documents["doc_id"]) == ["a"]
    assert not any("SECRET" in text for text in corpus.raw.values())
    (problem,) = corpus.problems.itertuples()
    assert problem.file == name and "row 3" in problem.problem
    assert "outside the corpus folder" in problem.problem and problem.action == "skipped"
    with pytest.raises(ManifestError, match="row 3: names .* outside the corpus folder"):
        load_corpus(folder, strict=True)


def test_links_and_unlistable_folders_are_problem_rows(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    write(folder, "a.txt", EN_PAGE)
    write(tmp_path, "outside.txt", EN_PAGE.replace("college", "outside college"))
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "loop").symlink_to(folder)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "out.txt").symlink_to(tmp_path / "outside.txt")
    (folder / "same.txt").symlink_to(folder / "a.txt")
    locked = folder / "locked"
    write(locked, "hidden.txt", EN_PAGE)
    scandir = os.scandir

    def unlistable(directory):  # as chmod 0 does, except for root, who lists anything
        if os.path.basename(directory) == "locked":
            raise PermissionError(13, "Permission denied")
        return scandir(directory)

    monkeypatch.setattr(os, "scandir", unlistable)
    corpus = quiet_load(folder)
    allowed = quiet_load(folder, follow_outside_links=True)
    monkeypatch.undo()
    assert list(corpus.documents["doc_id"]) == ["a"]
    problems = corpus.problems.set_index("file")["problem"]
    assert "points to nothing" in problems["dangling.txt"]
    assert "loop" in problems["loop"] and "loop" in problems["self.txt"]
    assert "outside the corpus folder" in problems["out.txt"]
    assert "same file as a.txt" in problems["same.txt"]
    assert "cannot be listed (Permission denied)" in problems["locked"]
    assert set(allowed.documents["doc_id"]) == {"a", "out"}
    assert "out.txt" not in set(allowed.problems["file"])


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (codecs.BOM_UTF8, "no text"),
        ("\u200b\u200d\n\u2060".encode("utf-8"), "no text"),
        ("尊龙凯时 尊龙凯时\nHome > News > Detail\n".encode(), "cleaning removed everything"),
    ],
)
def test_a_page_that_ends_up_empty_is_reported(tmp_path, data, words):
    write(tmp_path, "a.txt", EN_PAGE)
    write(tmp_path, "odd.txt", data)
    corpus = quiet_load(tmp_path)
    problems = corpus.problems.set_index("file")
    assert words in problems.at["odd.txt", "problem"]
    if "cleaning" in words:
        assert "corpus.removed" in problems.at["odd.txt", "problem"]
        assert problems.at["odd.txt", "action"] == "loaded"
    assert corpus.check_audit()[["balanced", "restores_raw"]].all().all()


def test_a_manifest_named_html_file_is_ignored_once_and_not_loaded(tmp_path):
    write(tmp_path, "a.txt", EN_PAGE)
    write(tmp_path, "b.html", "<p>" + EN_PAGE + "</p>")
    (tmp_path / "corpus.csv").write_text("file\na.txt\nb.html\n", encoding="utf-8")
    corpus = quiet_load(tmp_path)
    assert list(corpus.documents["doc_id"]) == ["a"]
    assert list(corpus.problems["file"]) == ["b.html"]
    assert corpus.problems.at[0, "action"] == "ignored"


def test_an_unknown_codec_in_the_manifest_is_named(tmp_path):
    write(tmp_path, "a.txt", EN_PAGE)
    write(tmp_path, "b.txt", EN_PAGE)
    (tmp_path / "corpus.csv").write_text("file,encoding\na.txt,\nb.txt,big-5\n", encoding="utf-8")
    corpus = quiet_load(tmp_path)
    assert "'big-5', which is not an encoding name" in corpus.problems.at[0, "problem"]


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_the_audit_accounts_for_every_character_as_decoded(tmp_path, ending):
    write(tmp_path, "a.txt", "\ufeff" + ZH_PAGE.replace("\n", ending))
    corpus = load_corpus(tmp_path, manifest=None)
    assert corpus.raw["a"] == ZH_PAGE.replace("\n", ending)  # the codec's BOM is not text
    assert corpus.documents.at[0, "n_chars_raw"] == len(corpus.raw["a"])
    assert corpus.documents.at[0, "text"] == "7月6日，某省能源职业教育集团正式揭牌。"
    audit = corpus.check_audit()
    assert audit["balanced"].all() and audit["restores_raw"].all()
    assert corpus.removed["text"].str.contains("\r").any()


def test_a_second_bom_and_line_endings_are_audited(tmp_path):
    write(tmp_path, "a.txt", ("\ufeff" + EN_PAGE.replace("\n", "\r\n")).encode("utf-8"))
    (tmp_path / "corpus.csv").write_text("file,encoding\na.txt,utf-8\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.raw["a"].startswith("\ufeffColleges")
    assert corpus.check_audit()[["balanced", "restores_raw"]].all().all()


def test_a_manifest_row_naming_a_folder_says_so(tmp_path):
    write(tmp_path, "sub/a.txt", EN_PAGE)
    (tmp_path / "corpus.csv").write_text("file\nsub\n", encoding="utf-8")
    corpus = quiet_load(tmp_path)
    assert list(corpus.documents["doc_id"]) == ["sub/a"]
    assert "a folder, not a file" in corpus.problems.at[0, "problem"]


def test_check_audit_makes_one_pass_over_the_edits():
    # 8,000 documents of two edits each: one filter of the edits per document took seconds.
    from iecorpus.corpus import DOCUMENT_COLUMNS, REMOVED_COLUMNS, Corpus

    n = 8000
    ids = [f"d{k}" for k in range(n)]
    documents = pd.DataFrame(
        {"doc_id": ids, "text": "kept", "n_chars_raw": 9, "n_chars_clean": 4},
        columns=DOCUMENT_COLUMNS,
    )
    removed = pd.DataFrame(
        [(d, 0, 3, 0, "navigation", "nav", "") for d in ids]
        + [(d, 7, 9, 4, "layout", "\r\n", "") for d in ids],
        columns=REMOVED_COLUMNS,
    ).sample(frac=1, random_state=0)
    empty = pd.DataFrame()
    corpus = Corpus(documents, empty, empty, removed, empty, {d: "navkept\r\n" for d in ids})
    started = time.perf_counter()
    audit = corpus.check_audit()
    assert time.perf_counter() - started < 3
    assert audit["balanced"].all() and audit["restores_raw"].all()


def test_doc_ids_stay_unique_for_any_names():
    from iecorpus.corpus import Problems, assign_doc_ids

    problems = Problems()
    names = sorted(["a.txt.md", "a.txt", "a.md", "..txt", "x..txt", "sub/b.txt", "sub/b.md", "c"])
    ids = assign_doc_ids(names, problems)
    assert len(set(ids.values())) == len(names)
    assert (ids["a.txt"], ids["a.txt.md"], ids["sub/b.md"], ids["c"]) == (
        "a.txt",
        "a.txt~2",
        "sub/b.md",
        "c",
    )
    reported = problems.table().set_index("file")["problem"]
    assert set(reported.index) == {"a.txt", "a.md", "a.txt.md", "sub/b.txt", "sub/b.md"}
    assert "is that of a.txt already" in reported["a.txt.md"]


@pytest.mark.parametrize(
    "name",
    ["a.txt", "a.tar.gz", "a.", "a..", ".a", ".a.txt", "..txt", "...", "a b.md", "产教.txt",
     "x..txt", "sub/b.txt", "sub/.txt", "sub/a.", "c", "sub.d/c", "sub.d/c.txt", "~.txt"],
)
def test_a_name_without_its_suffix_is_what_pathlib_calls_its_stem(name):
    from pathlib import PurePosixPath

    from iecorpus.corpus import _without_suffix

    head, _, base = name.rpartition("/")
    stem = PurePosixPath(base).stem if base not in ("", ".", "..") else base
    stem = stem if stem.strip(".") else base
    assert _without_suffix(name) == (f"{head}/{stem}" if head else stem)


def test_manifest_rows_find_the_files_the_walk_found_and_the_others(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.txt", "c.md"):
        (tmp_path / name).write_text(f"Colleges and firms train technicians ({name}).\n")
    (tmp_path / "corpus.csv").write_text(
        "file,title\na.txt,A\n./sub//b.txt,B\nsub/../c.md,C\nmissing.txt,M\n", encoding="utf-8"
    )
    with pytest.warns(UserWarning, match="missing.txt: named in the manifest"):
        corpus = load_corpus(tmp_path, progress=False)
    assert dict(zip(corpus.documents["doc_id"], corpus.documents["title"], strict=True)) == {
        "a": "A",
        "c": "C",
        "sub/b": "B",
    }
    assert corpus.problems["file"].tolist() == ["missing.txt"]


def test_an_empty_corpus_keeps_the_problems_and_every_column(corpus, tmp_path):
    from iecorpus.check import check_corpus
    from iecorpus.corpus import empty_corpus

    (tmp_path / "blank.txt").write_text("", encoding="utf-8")
    empty = empty_corpus(problems=check_corpus(tmp_path).problems)
    assert list(empty.problems["file"]) == ["blank.txt"]
    for name in ("documents", "paragraphs", "sentences", "removed", "problems"):
        assert list(getattr(empty, name).columns) == list(getattr(corpus, name).columns), name
    assert len(empty.documents) == 0 and empty.check_audit().empty


def test_a_page_in_another_script_is_reported_as_language_other(tmp_path):
    folder = tmp_path / "corpus"
    write(folder, "a.txt", EN_PAGE)
    write(folder, "ru.txt", "Министерство образования поддерживает интеграцию колледжей.\n" * 3)
    corpus = quiet_load(folder)
    languages = corpus.documents.set_index("file")["language"]
    assert (languages["a.txt"], languages["ru.txt"]) == ("en", "other")
    problems = corpus.problems.set_index("file")
    assert "written in Cyrillic" in problems.loc["ru.txt", "problem"]
    assert problems.loc["ru.txt", "action"] == "loaded"


def test_a_manifest_row_naming_a_file_through_a_linked_folder_loads_it_once(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(
        "Colleges and firms train together\n\nStudents train in the college workshop every day.\n",
        encoding="utf-8",
    )
    try:
        (tmp_path / "linked").symlink_to(tmp_path / "pages", target_is_directory=True)
    except OSError:
        pytest.skip("this file system makes no symbolic links")
    (tmp_path / "corpus.csv").write_text(
        "file,title\nlinked/a.txt,From the link\npages/a.txt,From the folder\n", encoding="utf-8"
    )
    with pytest.warns(UserWarning, match="through a link"):
        corpus = load_corpus(tmp_path, progress=False)
    # The walk meets linked/ first: the file loads under that name, once; the row naming
    # it through pages/ names a file already loaded, which is said and not read again.
    assert corpus.documents[["doc_id", "title"]].values.tolist() == [["linked/a", "From the link"]]
    assert corpus.problems["file"].tolist() == ["pages/a.txt"]
    assert "through a link" in corpus.problems["problem"].iloc[0]
