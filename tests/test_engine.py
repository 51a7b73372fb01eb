"""The engine runs tasks here or on a Dask cluster, with the same results in the same order."""

import json
import os
import pickle
import re
import shutil
import subprocess

import pandas as pd
import pytest

import iecorpus.corpus
from iecorpus import DocumentError, engine, load_corpus, paths
from iecorpus.cache import open_cached_corpus, read_cached_table
from iecorpus.events import extract_events, find_event_mentions
from iecorpus.temporal import extract_temporal_expressions
from iecorpus.testing import write_corpus


def _square(items, add=0):
    return [x * x + add for x in items]


def test_chunk_splits_in_order():
    assert engine.chunk(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert engine.chunk([], 3) == []


def test_serial_path_never_starts_a_cluster(monkeypatch):
    monkeypatch.delenv("IECORPUS_WORKERS", raising=False)
    monkeypatch.delenv("IECORPUS_SCHEDULER", raising=False)
    result = engine.map_tasks(_square, engine.chunk(list(range(5)), 2), add=1)
    assert result == [[1, 2], [5, 10], [17]]
    assert engine.dashboard_link() == ""


@pytest.mark.parametrize("value", ["two", "0", "-3"])
def test_workers_from_the_environment_are_checked(monkeypatch, value):
    monkeypatch.setenv("IECORPUS_WORKERS", value)
    with pytest.raises(ValueError, match="WORKERS|workers"):
        engine.resolve_workers()


def test_workers_from_the_environment(monkeypatch):
    monkeypatch.setenv("IECORPUS_WORKERS", "3")
    assert engine.resolve_workers() == 3
    assert engine.resolve_workers(1) == 1


@pytest.mark.slow
def test_cluster_gives_the_serial_results():
    items = engine.chunk(list(range(23)), 4)
    try:
        assert engine.map_tasks(_square, items, workers=2, add=2) == _square_all(items, 2)
        assert engine.dashboard_link(2).startswith("http")
    finally:
        engine.close_cluster()


def _square_all(items, add):
    return [_square(item, add=add) for item in items]


# ------------------------------------------------------------- the same tables either way

TABLES = ("documents", "paragraphs", "sentences", "removed", "problems")


class InlineClient:
    """Stands in for a Dask client: runs each task here, through the cluster's code path."""

    dashboard_link = "http://inline/status"

    def __init__(self):
        self.tasks = 0

    def scatter(self, values, broadcast=False, hash=True):
        return [pickle.loads(pickle.dumps(v)) for v in values]  # sent whole, as Dask would

    def run(self, func, items, shared):
        self.tasks += len(items)
        done = [func(pickle.loads(pickle.dumps(item)), **shared) for item in items]
        return [pickle.loads(pickle.dumps(result)) for result in done]  # handed back, pickled


@pytest.fixture
def inline_cluster(monkeypatch):
    client = InlineClient()
    monkeypatch.setattr(engine, "_client", lambda workers, scheduler: client)
    monkeypatch.setattr(
        engine, "_stream", lambda client, func, items, shared, **_: client.run(func, items, shared)
    )
    monkeypatch.setenv("IECORPUS_PROGRESS", "0")
    return client


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale") / "corpus"
    write_corpus(folder, n_documents=60, seed=5)
    (folder / "empty.txt").write_text("")  # a problem row, from the middle of a partition
    (folder / "notes.pdf").write_bytes(b"%PDF")  # one found as the folder is read
    return folder


def load_quietly(folder, **options):
    with pytest.warns(UserWarning, match="problem"):
        return load_corpus(folder, progress=False, **options)


def assert_same_tables(one, other):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(one, name), getattr(other, name), obj=name)
    assert one.raw == other.raw


def test_chunk_table_never_cuts_a_document():
    table = pd.DataFrame({"doc_id": list("aaabccdddd"), "n": range(10)})
    parts = engine.chunk_table(table, by="doc_id", size=2)
    assert [p["doc_id"].tolist() for p in parts] == [list("aaab"), list("ccdddd")]
    assert engine.chunk_table(table.iloc[:0], by="doc_id", size=2) == []
    scattered = pd.DataFrame({"doc_id": list("abab")})
    assert [len(p) for p in engine.chunk_table(scattered, by="doc_id", size=1)] == [4]


@pytest.mark.parametrize(
    ("n_items", "workers", "size"), [(10_000, 2, 250), (100, 2, 13), (3, 8, 1), (0, 2, 1)]
)
def test_partitions_give_every_worker_several(n_items, workers, size):
    assert engine.partition_size(n_items, workers) == size


def test_a_document_error_comes_back_from_a_worker_whole():
    error = pickle.loads(pickle.dumps(DocumentError("a.txt", "the file is empty", "Remove it")))
    assert (error.path.name, error.problem, error.advice) == (
        "a.txt",
        "the file is empty",
        "Remove it",
    )


def test_partitions_give_the_serial_tables(generated, inline_cluster, monkeypatch):
    serial = load_quietly(generated, workers=1)
    assert inline_cluster.tasks == 0
    monkeypatch.setattr(iecorpus.corpus, "PARTITION_FILES", 7)
    parted = load_quietly(generated, workers=2)
    assert inline_cluster.tasks == 9  # 61 files in partitions of 7
    assert_same_tables(serial, parted)
    assert parted.problems["file"].tolist() == serial.problems["file"].tolist()
    assert set(serial.problems["file"]) == {"empty.txt", "notes.pdf"}


def test_strict_mode_raises_the_first_problem_in_file_order(generated, inline_cluster, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(generated, folder)
    (folder / "notes.pdf").unlink()
    (folder / "aaa.txt").write_text("")
    with pytest.raises(DocumentError, match="aaa.txt"):
        load_corpus(folder, strict=True, workers=2)


def test_events_and_dates_by_partition_give_the_serial_tables(generated, inline_cluster):
    corpus = load_quietly(generated)
    for find in (extract_temporal_expressions, find_event_mentions, extract_events):
        serial = find(corpus, workers=1)
        assert len(serial), find.__name__
        pd.testing.assert_frame_equal(serial, find(corpus, workers=2), obj=find.__name__)
    assert inline_cluster.tasks > 3


@pytest.mark.parametrize("workers", [1, 2])
def test_events_read_from_the_dates_table_are_the_events_resolved_again(
    generated, inline_cluster, workers
):
    corpus = load_quietly(generated)
    expressions = extract_temporal_expressions(corpus)
    again = find_event_mentions(corpus, workers=workers)
    assert len(again)
    reused = find_event_mentions(corpus, expressions=expressions, workers=workers)
    pd.testing.assert_frame_equal(again, reused)
    # the table is what is read: without its rows, no sentence has a date to make an event
    none = find_event_mentions(corpus, expressions=expressions.iloc[0:0], workers=workers)
    assert none.empty


@pytest.mark.slow
def test_dask_gives_every_table_of_the_serial_path(generated, tmp_path):
    """Every table, events, dates and the cached Parquet: the same on a real LocalCluster."""
    try:
        with pytest.warns(UserWarning, match="problem"):
            serial = open_cached_corpus(generated, processed_dir=tmp_path / "one", workers=1)
        with pytest.warns(UserWarning, match="problem"):
            parallel = open_cached_corpus(generated, processed_dir=tmp_path / "two", workers=2)
        assert (serial.status, parallel.status) == ("built", "built")
        assert_same_tables(serial.corpus, parallel.corpus)
        for find in (extract_temporal_expressions, find_event_mentions, extract_events):
            pd.testing.assert_frame_equal(
                find(serial.corpus, workers=1), find(parallel.corpus, workers=2)
            )
    finally:
        engine.close_cluster()
    saved = [json.loads((c.folder / "key.json").read_text()) for c in (serial, parallel)]
    assert saved[0]["files"] == saved[1]["files"]  # the same Parquet, byte for byte
    for name in (*TABLES, "raw"):
        pd.testing.assert_frame_equal(
            read_cached_table(serial.folder, name), read_cached_table(parallel.folder, name)
        )


@pytest.mark.parametrize(("given", "exported"), [(["WORKERS=3"], "3"), ([], None)])
def test_make_passes_workers_to_the_notebooks_as_iecorpus_workers(given, exported):
    """``make report WORKERS=3`` exports IECORPUS_WORKERS=3; without it, nothing is set."""
    database = subprocess.run(
        ["make", "-np", *given, "report"],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in ("WORKERS", "IECORPUS_WORKERS")},
    ).stdout
    found = re.findall(r"^IECORPUS_WORKERS := (\S+)$", database, flags=re.MULTILINE)
    assert found == ([exported] if exported else [])
