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
``IECORPUS_SCHEDULER``.
"""

from __future__ import annotations

import atexit
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["chunk", "close_cluster", "dashboard_link", "map_tasks", "resolve_workers"]

_CLIENTS: dict[tuple, Any] = {}


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


def map_tasks(
    func: Callable[..., Any],
    items: Iterable,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    **kwargs: Any,
) -> list:
    """Apply ``func`` to every item, here or on a Dask cluster, and keep the order.

    Args:
        func: A module-level function (it must pickle for a cluster).
        items: The tasks' first arguments, typically partitions from :func:`chunk`.
        workers: Number of workers (see :func:`resolve_workers`); 1 runs here.
        scheduler: A Dask scheduler address; None starts or reuses a local cluster.
        **kwargs: Passed to every call (sent to the cluster once, not per task).

    Returns:
        ``[func(item, **kwargs) for item in items]``, in the order of ``items``.
    """
    items = list(items)
    n = resolve_workers(workers, scheduler)
    if n <= 1 or len(items) <= 1:
        return [func(item, **kwargs) for item in items]
    client = _client(n, _scheduler(scheduler))
    # hash=False: a value scattered again by the next call must not share the key that
    # this call releases (the scheduler forgets it, and the next call loses its data).
    shared = {k: client.scatter(v, broadcast=True, hash=False) for k, v in kwargs.items()}
    futures = client.map(func, items, pure=False, **shared)
    return client.gather(futures)


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
