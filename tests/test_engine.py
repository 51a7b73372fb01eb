"""The engine runs tasks here or on a Dask cluster, with the same results in the same order."""

import pytest

from iecorpus import engine


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
