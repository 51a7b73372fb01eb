"""Where work runs: in this process for small corpora, on a Dask cluster for large ones.

Every stage that can run in parallel (loading files, tokenizing passages, fitting topic
models) hands its tasks to :func:`map_tasks`, which is the one place that knows about
workers and schedulers. With ``workers`` of 1 or less and no scheduler the tasks run
here, one after another, and Dask is never imported; otherwise they run on a Dask
``distributed`` cluster: a :class:`~distributed.LocalCluster` of ``workers`` processes
started on first use and kept for the session, or the scheduler at ``scheduler``
(``"tcp://host:8786"``) when the user has a cluster of their own.

The number of workers also comes from the ``IECORPUS_WORKERS`` environment variable
(``make report WORKERS=4`` sets it), and the scheduler address from
``IECORPUS_SCHEDULER``. The first time a cluster is used, the address of its dashboard
(Dask's live view of the tasks, workers and memory) is printed once; a stage that names
itself (``progress_label``) also shows a progress bar over its tasks in JupyterLab and
terminals, unless ``IECORPUS_PROGRESS=0``.
"""

from __future__ import annotations

import atexit
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = [
    "chunk",
    "chunk_table",
    "close_cluster",
    "dashboard_link",
    "map_tasks",
    "partition_size",
    "resolve_workers",
]

_CLIENTS: dict[tuple, Any] = {}
#: Tasks queued on each worker at a time: enough to keep it busy, few enough to keep its
#: memory flat however large the corpus.
TASKS_PER_WORKER = 2


def resolve_workers(workers: int | None = None, scheduler: str | None = None) -> int:
    """Return how many workers a stage should use.

    Args:
        workers: The number asked for; None reads ``IECORPUS_WORKERS`` (default 1).
        scheduler: A scheduler address; None reads ``IECORPUS_SCHEDULER``.

    Returns:
        1 for the serial path, more for a Dask cluster. With a scheduler and no number,
        the cluster's own size is used, which is reported here as 2 (any value above 1
        selects the cluster).

    Raises:
        ValueError: ``workers`` (or the variable) is not a whole number of at least 1.
    """
    if workers is None:
        value = os.environ.get("IECORPUS_WORKERS", "").strip()
        if value:
            try:
                workers = int(value)
            except ValueError:
                raise ValueError(
                    f"IECORPUS_WORKERS={value!r} is not a whole number: set WORKERS=1 for "
                    "this process only, or WORKERS=2 or more for a Dask cluster"
                ) from None
    if workers is not None and workers < 1:
        raise ValueError(f"workers={workers}: use 1 for this process only, or 2 or more")
    if workers is None:
        return 2 if _scheduler(scheduler) else 1
    return workers


def _scheduler(scheduler: str | None) -> str | None:
    return scheduler or os.environ.get("IECORPUS_SCHEDULER", "").strip() or None


def chunk(items: Sequence, size: int) -> list[Sequence]:
    """Split ``items`` into consecutive slices of at most ``size`` (the partitions).

    Args:
        items: Anything sliceable.
        size: The largest slice; at least 1.

    Returns:
        The slices, in order; none for no items.
    """
    size = max(1, int(size))
    return [items[i : i + size] for i in range(0, len(items), size)]


def chunk_table(table, *, by: str, size: int) -> list:
    """Split a table into consecutive slices of whole runs of ``by`` (its documents).

    Args:
        table: A :class:`pandas.DataFrame` whose rows of one ``by`` value stand together
            (as a corpus's sentences do, document after document).
        by: The column whose runs of equal values are never cut (``doc_id``).
        size: The most runs in a slice; at least 1.

    Returns:
        The slices, in order (their rows, index included, exactly as in ``table``);
        none for an empty table, and the whole table as one slice when a value of ``by``
        stands in two places (so that no task sees only part of a document).
    """
    if len(table) == 0:
        return []
    values = table[by]
    runs = (values != values.shift()).cumsum().to_numpy() - 1
    if int(runs[-1]) + 1 != values.nunique(dropna=False):
        return [table]
    starts = runs.searchsorted(range(0, int(runs[-1]) + 1, max(1, int(size))))
    edges = [*starts.tolist(), len(table)]
    return [table.iloc[a:b] for a, b in zip(edges, edges[1:], strict=False)]


def partition_size(n_items: int, workers: int, *, most: int = 250) -> int:
    """Return how many items a partition holds so that every worker gets several.

    Args:
        n_items: How many items (files, documents) the stage goes over.
        workers: How many workers share them.
        most: The largest partition, so that a task stays short and memory per worker flat.

    Returns:
        About a quarter of each worker's share, between 1 and ``most``.
    """
    return max(1, min(most, -(-n_items // (max(1, workers) * 4))))


def map_tasks(
    func: Callable[..., Any],
    items: Iterable,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    progress_label: str | None = None,
    **kwargs: Any,
) -> list:
    """Apply ``func`` to every item, here or on a Dask cluster, and keep the order.

    Args:
        func: A module-level function (it must pickle for a cluster).
        items: The tasks' first arguments, typically partitions from :func:`chunk`.
        workers: Number of workers (see :func:`resolve_workers`); 1 runs here.
        scheduler: A Dask scheduler address; None starts or reuses a local cluster.
        progress_label: On a cluster, show a progress bar over the tasks with these
            words before it (none when None, or when ``IECORPUS_PROGRESS=0``).
        **kwargs: Passed to every call (sent to the cluster once, not per task).

    Returns:
        ``[func(item, **kwargs) for item in items]``, in the order of ``items``.
    """
    items = list(items)
    n = resolve_workers(workers, scheduler)
    if n <= 1 or len(items) <= 1:
        return [func(item, **kwargs) for item in items]
    client = _client(n, _scheduler(scheduler))
    shared = {key: _share(client, value) for key, value in kwargs.items()}
    return _stream(client, func, items, shared, n=n, label=progress_label)


def _stream(client, func: Callable, items: list, shared: dict, *, n: int, label: str | None):
    """Run the tasks on the cluster, a few per worker at a time, keeping their order.

    Each result is fetched and released as soon as it is ready, so that the workers'
    memory holds a few partitions, never the corpus.
    """
    from distributed import as_completed

    size = len(client.scheduler_info().get("workers", {})) or n
    in_flight = max(2, TASKS_PER_WORKER * size)
    results: list = [None] * len(items)
    where: dict = {}
    queue = as_completed()
    bar = _progress_bar(label, len(items))

    def submit(k: int) -> None:
        future = client.submit(func, items[k], pure=False, **shared)
        where[future.key] = k
        queue.add(future)

    for k in range(min(in_flight, len(items))):
        submit(k)
    following = min(in_flight, len(items))
    try:
        for future in queue:
            results[where.pop(future.key)] = future.result()
            future.release()
            if bar is not None:
                bar.update()
            if following < len(items):
                submit(following)
                following += 1
    finally:
        if bar is not None:
            bar.close()
    return results


def _progress_bar(label: str | None, total: int):
    """A tqdm bar over a stage's tasks, or None (no label, or ``IECORPUS_PROGRESS=0``)."""
    if not label or os.environ.get("IECORPUS_PROGRESS", "1") == "0":
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=label, unit="task", leave=False)


def _share(client, value: Any) -> Any:
    """Send a value to every worker once (a scalar travels with the tasks as it is)."""
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return value
    # In a list of one, so that a collection (a set, a dict) is sent whole, not element-wise;
    # hash=False: a value scattered again by the next call must not share the key that this
    # call releases (the scheduler forgets it, and the next call loses its data).
    return client.scatter([value], broadcast=True, hash=False)[0]


def dashboard_link(workers: int | None = None, scheduler: str | None = None) -> str:
    """Return the address of the Dask dashboard of the cluster in use, or "" for none."""
    n = resolve_workers(workers, scheduler)
    if n <= 1:
        return ""
    return _client(n, _scheduler(scheduler)).dashboard_link or ""


def _client(workers: int, scheduler: str | None):
    key = (scheduler, None if scheduler else workers)
    if key not in _CLIENTS:
        from distributed import Client, LocalCluster

        if scheduler:
            _CLIENTS[key] = Client(scheduler)
        else:
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            _CLIENTS[key] = Client(cluster)
        client = _CLIENTS[key]
        size = len(client.scheduler_info().get("workers", {}))
        where = f"the scheduler at {scheduler}" if scheduler else "a local cluster"
        link = client.dashboard_link or "none"
        print(f"Dask: {size} worker(s) on {where}; dashboard: {link}", flush=True)
    return _CLIENTS[key]


def close_cluster() -> None:
    """Close every client (and local cluster) this process started."""
    while _CLIENTS:
        _, client = _CLIENTS.popitem()
        cluster = client.cluster
        client.close()
        if cluster is not None:
            cluster.close()


atexit.register(close_cluster)
