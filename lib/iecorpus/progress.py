"""Progress bars for long steps: shown in JupyterLab and terminals, silent in reports and tests."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

#: Set to ``0`` to silence every progress bar (``make report`` and ``make test`` do).
ENV_VARIABLE = "IECORPUS_PROGRESS"
#: Steps over fewer items than this finish too fast to need a bar.
MIN_ITEMS = 200


def progress_enabled(total: int, *, enabled: bool | None = None) -> bool:
    """Decide whether a step over ``total`` items shows a progress bar.

    Args:
        total: How many items the step goes over.
        enabled: True or False to decide; None: show a bar for ``MIN_ITEMS`` items or
            more unless the environment variable ``IECORPUS_PROGRESS`` is ``0``.

    Returns:
        Whether to show a bar.
    """
    if enabled is not None:
        return enabled
    return total >= MIN_ITEMS and os.environ.get(ENV_VARIABLE, "1") != "0"


def track(
    items: Iterable[T], *, total: int, description: str, enabled: bool | None = None
) -> Iterator[T]:
    """Iterate over ``items``, with a progress bar when :func:`progress_enabled` says so.

    Args:
        items: What to iterate over.
        total: How many items there are.
        description: A few words shown before the bar.
        enabled: Force the bar on or off (see :func:`progress_enabled`).

    Returns:
        An iterator over the same items.
    """
    if not progress_enabled(total, enabled=enabled):
        return iter(items)
    from tqdm.auto import tqdm

    return iter(tqdm(items, total=total, desc=description, unit="doc", leave=False))
