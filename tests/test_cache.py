"""The cleaned-corpus cache: read back while nothing changed, rebuilt when anything did."""

import os
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import iecorpus.cache
import iecorpus.corpus
from iecorpus import load_corpus, paths
from iecorpus.cache import CACHE_FOLDER, KEY_FILE, open_cached_corpus, open_corpus

# The generator of test corpora; imported here only, as it may move to another module.
from iecorpus.testing import write_corpus

TABLES = ("documents", "paragraphs", "sentences", "removed", "problems")
#: The first part file of a table's folder.
PART = "part-00000.parquet"


def assert_same_corpus(cached, fresh):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(cached, name), getattr(fresh, name), obj=name)
    assert cached.raw == fresh.raw
    assert list(cached.raw) == list(fresh.raw)


def forbid_cleaning(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the corpus was cleaned again")

    monkeypatch.setattr(iecorpus.corpus, "clean_document", fail)


def list_files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in Path(folder).rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated") / "corpus"
    write_corpus(folder, n_documents=40, seed=3)
    return folder


@pytest.fixture
def embedded_copy(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(paths.RAW_DIR, folder)
    shutil.copy(paths.MANIFEST, folder / "corpus.csv")
    return folder


def test_the_second_open_reads_the_tables_without_cleaning(tmp_path, monkeypatch):
    first = open_cached_corpus(processed_dir=tmp_path)
    assert first.status == "built"
    assert first.reason == "no cache yet"
    forbid_cleaning(monkeypatch)
    second = open_cached_corpus(processed_dir=tmp_path)
    assert second.status == "read"
    assert second.folder == first.folder
    assert second.digest == first.digest
    assert_same_corpus(second.corpus, first.corpus)
    assert "Read from the cache" in second.summary()
    described = second.describe().set_index("item")["value"]
    assert described["status"] == "read"
    assert described["key: raw_files"].startswith("5 files")


def test_the_cached_embedded_corpus_equals_a_fresh_load(tmp_path):
    open_corpus(processed_dir=tmp_path)
    cached = open_cached_corpus(processed_dir=tmp_path)
    assert cached.status == "read"
    fresh = load_corpus()
    assert_same_corpus(cached.corpus, fresh)
    audit = cached.corpus.check_audit()
    assert audit["balanced"].all() and audit["restores_raw"].all()
    assert repr(cached.corpus) == repr(fresh)


def test_the_cached_generated_corpus_equals_a_fresh_load(generated, tmp_path):
    open_corpus(generated, processed_dir=tmp_path)
    cached = open_cached_corpus(generated, processed_dir=tmp_path)
    assert cached.status == "read"
    fresh = load_corpus(generated)
    assert len(fresh.documents) == 40
    assert set(fresh.documents["language"]) == {"en", "zh"}
    assert_same_corpus(cached.corpus, fresh)


def test_editing_a_raw_file_rebuilds(embedded_copy, tmp_path):
    processed = tmp_path / "processed"
    open_corpus(embedded_copy, processed_dir=processed)
    page = sorted(embedded_copy.glob("*.txt"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the checksum no longer matches the manifest
        again = open_cached_corpus(embedded_copy, processed_dir=processed)
        fresh = load_corpus(embedded_copy)
    assert again.status == "built"
    assert again.reason == "raw files changed"
    assert_same_corpus(again.corpus, fresh)


def test_adding_a_raw_file_rebuilds(generated, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(generated, folder)
    open_corpus(folder, processed_dir=tmp_path / "processed")
    shutil.copy(folder / "doc_00000.txt", folder / "extra.txt")
    again = open_cached_corpus(folder, processed_dir=tmp_path / "processed")
    assert again.status == "built"
    assert len(again.corpus.documents) == 41


def test_editing_the_manifest_rebuilds(embedded_copy, tmp_path):
    processed = tmp_path / "processed"
    open_corpus(embedded_copy, processed_dir=processed)
    manifest = pd.read_csv(embedded_copy / "corpus.csv", dtype=str, keep_default_na=False)
    manifest.loc[0, "title"] = "A title from the manifest"
    manifest.to_csv(embedded_copy / "corpus.csv", index=False)
    again = open_cached_corpus(embedded_copy, processed_dir=processed)
    assert again.status == "built"
    assert again.reason == "manifest changed"
    assert again.corpus.documents.loc[0, "title"] == "A title from the manifest"


def test_editing_a_rule_file_rebuilds(embedded_copy, tmp_path):
    rules = tmp_path / "cleaning"
    shutil.copytree(paths.CLEANING_DIR, rules)
    processed = tmp_path / "processed"
    before = open_corpus(embedded_copy, processed_dir=processed, rules_dir=rules)
    assert open_cached_corpus(embedded_copy, processed_dir=processed, rules_dir=rules).status == (
        "read"
    )
    with (rules / "spam.txt").open("a", encoding="utf-8") as spam:
        spam.write("\nBEWG\n")
    again = open_cached_corpus(embedded_copy, processed_dir=processed, rules_dir=rules)
    assert again.status == "built"
    assert again.reason == "cleaning rules changed"
    fresh = load_corpus(embedded_copy, rules=iecorpus.clean.load_rules(rules))
    assert_same_corpus(again.corpus, fresh)
    assert not before.removed.equals(again.corpus.removed)


def test_a_change_to_the_library_code_rebuilds(tmp_path, monkeypatch):
    open_corpus(processed_dir=tmp_path)
    monkeypatch.setattr(iecorpus.cache, "hash_library_code", lambda: "0" * 64)
    again = open_cached_corpus(processed_dir=tmp_path)
    assert again.status == "built"
    assert again.reason == "library code changed"


def test_refresh_cleans_again(tmp_path):
    open_corpus(processed_dir=tmp_path)
    again = open_cached_corpus(processed_dir=tmp_path, refresh=True)
    assert (again.status, again.reason) == ("built", "refresh requested")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(
            lambda folder: (folder / "documents.parquet" / PART).write_bytes(b"PAR1"), id="short"
        ),
        pytest.param(lambda folder: (folder / "sentences.parquet" / PART).unlink(), id="missing"),
        pytest.param(
            lambda folder: shutil.copy(
                folder / "removed.parquet" / PART, folder / "removed.parquet" / "part-00001.parquet"
            ),
            id="extra-part",
        ),
        pytest.param(lambda folder: (folder / KEY_FILE).write_text("{not json"), id="key-file"),
        pytest.param(lambda folder: (folder / KEY_FILE).write_text("[1, 2]"), id="key-shape"),
        pytest.param(
            lambda folder: (folder / "raw.parquet" / PART).write_bytes(
                (folder / "raw.parquet" / PART).read_bytes()[:-40] + b"\0" * 40
            ),
            id="overwritten",
        ),
    ],
)
def test_a_damaged_cache_is_rebuilt_with_a_warning(tmp_path, damage):
    first = open_cached_corpus(processed_dir=tmp_path)
    damage(first.folder)
    with pytest.warns(UserWarning, match="the cache is damaged"):
        again = open_cached_corpus(processed_dir=tmp_path)
    assert again.status == "built"
    assert_same_corpus(again.corpus, load_corpus())
    assert open_cached_corpus(processed_dir=tmp_path).status == "read"


def test_a_deleted_key_file_rebuilds_quietly(tmp_path):
    first = open_cached_corpus(processed_dir=tmp_path)
    (first.folder / KEY_FILE).unlink()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert open_cached_corpus(processed_dir=tmp_path).status == "built"


def test_problems_are_warned_about_again_when_read(generated, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(generated, folder)
    (folder / "empty.txt").write_text("")
    with pytest.warns(UserWarning, match="1 problem") as built:
        open_corpus(folder, processed_dir=tmp_path / "processed")
    with pytest.warns(UserWarning, match="1 problem") as read:
        cached = open_cached_corpus(folder, processed_dir=tmp_path / "processed")
    assert cached.status == "read"
    assert [str(w.message) for w in read] == [str(w.message) for w in built]
    # Both point at the caller, as load_corpus's warning does.
    assert built[0].filename == read[0].filename == __file__
    assert cached.corpus.problems["file"].tolist() == ["empty.txt"]
    with pytest.warns(UserWarning, match="1 problem"):
        assert_same_corpus(cached.corpus, load_corpus(folder))


def test_nothing_is_written_outside_the_processed_folder(generated, tmp_path):
    corpus_before = list_files(generated)
    project_before = list_files(paths.DATA_DIR)
    processed = tmp_path / "reports" / "processed"
    open_corpus(generated, processed_dir=processed)
    open_corpus(generated, processed_dir=processed)
    assert list_files(generated) == corpus_before
    assert list_files(paths.DATA_DIR) == project_before
    assert list_files(tmp_path) == [
        f"reports/processed/{name}" for name in list_files(tmp_path / "reports" / "processed")
    ]
    written = list_files(processed)
    assert all(name.startswith(f"{CACHE_FOLDER}/corpus-") for name in written)
    assert not [name for name in written if name.endswith(".tmp")]
    assert sorted(name.split("/", 2)[-1] for name in written) == sorted(
        [KEY_FILE, f"raw.parquet/{PART}"] + [f"{name}.parquet/{PART}" for name in TABLES]
    )


def test_two_corpora_keep_their_own_cache(generated, tmp_path, monkeypatch):
    open_corpus(processed_dir=tmp_path)
    open_corpus(generated, processed_dir=tmp_path)
    forbid_cleaning(monkeypatch)
    assert open_cached_corpus(processed_dir=tmp_path).status == "read"
    assert open_cached_corpus(generated, processed_dir=tmp_path).status == "read"


def test_strict_mode_raises_as_load_corpus_does(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    with pytest.raises(iecorpus.DocumentError, match="empty"):
        open_corpus(folder, processed_dir=tmp_path / "processed", strict=True)
    assert not (tmp_path / "processed").exists()


def test_saved_files_are_readable_by_others_as_the_umask_allows(tmp_path):
    folder = open_cached_corpus(processed_dir=tmp_path).folder
    mode = os.umask(0o022)
    os.umask(mode)
    for file in folder.rglob("*"):
        wanted = (0o777 if file.is_dir() else 0o666) & ~mode
        assert file.stat().st_mode & 0o777 == wanted, file.name


def test_the_cache_folder_of_the_embedded_corpus_does_not_depend_on_the_checkout(tmp_path):
    from iecorpus import cache

    slot = cache._slot(tmp_path, paths.RAW_DIR, None, None, False)
    assert slot.name == f"raw-{cache._digest(['data/raw', '', '', False])[:12]}"


def test_large_tables_are_saved_in_parts_of_whole_documents(generated, tmp_path, monkeypatch):
    monkeypatch.setattr(iecorpus.cache, "PART_DOCUMENTS", 3)
    built = open_cached_corpus(generated, processed_dir=tmp_path)
    n_docs = len(built.corpus.documents)
    n_parts = -(-n_docs // 3)
    for name in ("documents", "sentences", "removed", "raw"):
        parts = sorted((built.folder / f"{name}.parquet").iterdir())
        assert len(parts) == n_parts, name
        first = pd.read_parquet(parts[0])
        assert first["doc_id"].nunique() == 3, name  # a document is never split
    assert len(list((built.folder / "problems.parquet").iterdir())) == 1
    again = open_cached_corpus(generated, processed_dir=tmp_path)
    assert again.status == "read"
    assert_same_corpus(again.corpus, load_corpus(generated))


def test_a_table_can_be_read_column_by_column(generated, tmp_path):
    built = open_cached_corpus(generated, processed_dir=tmp_path)
    ids = iecorpus.cache.read_cached_table(built.folder, "sentences", columns=["doc_id"])
    assert ids.columns.tolist() == ["doc_id"]
    assert ids["doc_id"].tolist() == built.corpus.sentences["doc_id"].tolist()
    with pytest.raises(iecorpus.cache.CacheError, match="missing"):
        iecorpus.cache.read_cached_table(built.folder, "nothing")


def test_workers_do_not_change_the_key(generated, tmp_path, monkeypatch):
    built = open_cached_corpus(generated, processed_dir=tmp_path, workers=1)
    forbid_cleaning(monkeypatch)
    again = open_cached_corpus(generated, processed_dir=tmp_path, workers=2)
    assert (again.status, again.digest) == ("read", built.digest)
