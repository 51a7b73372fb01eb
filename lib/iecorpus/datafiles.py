"""The one reader of the editable data files (glossary, stopwords, cleaning rules, event cues).

A researcher edits ``data/cleaning/spam.txt`` or ``data/glossary.csv`` in a running
JupyterLab and expects the next call to use the edit. Every loader of such a file goes
through :func:`load_data`, which keeps the parsed result only for as long as the files it
was built from are unchanged (same size and modification time), so no kernel restart is
needed and no stale rule is used silently. :func:`fingerprint` gives a hash of the files'
contents, for caches that outlive the process (the cleaned-corpus cache).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# (builder, key) -> (stamps of the files it read, result). Bounded by the number of
# distinct (loader, argument) pairs a session uses, which is small.
_CACHE: dict[tuple[Hashable, ...], tuple[tuple, Any]] = {}
_LOCK = threading.Lock()


def _stamp(path: Path) -> tuple:
    """What identifies one version of a file: its path, size and modification time."""
    try:
        status = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path), status.st_size, status.st_mtime_ns)


def stamp_files(files: Iterable[str | os.PathLike]) -> tuple:
    """What identifies the current version of some files: their paths, sizes and times.

    Args:
        files: Data files.

    Returns:
        A tuple that changes whenever :func:`load_data` would read the files again, so a
        cache built on a parsed file can tell it is stale without reading the file.
    """
    return tuple(_stamp(Path(f).resolve()) for f in files)


def data_files(location: str | os.PathLike) -> list[Path]:
    """The files a loader reads from ``location``: the file itself, or a folder's files.

    Args:
        location: A data file, or a folder of them (its files, not its subfolders, in
            name order; hidden files are left out).

    Returns:
        Absolute paths. A location that does not exist is returned as is, so that the
        loader reports it in its own words.
    """
    path = Path(location).resolve()
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
    return [path]


def load_data(
    build: Callable[..., T],
    files: Iterable[str | os.PathLike],
    *args: Hashable,
    **kwargs: Hashable,
) -> T:
    """Return ``build(*args, **kwargs)``, rebuilt whenever one of ``files`` changes.

    Args:
        build: The function that reads and parses the files (called with ``args`` and
            ``kwargs``, which must be hashable).
        files: Every file ``build`` reads (or a folder from :func:`data_files`); a file
            that changes size or modification time, appears or disappears makes the next
            call rebuild.
        *args: Passed to ``build``.
        **kwargs: Passed to ``build``.

    Returns:
        What ``build`` returned for the files as they are now. Callers must not mutate it
        (return tuples, frozensets or copies of DataFrames).
    """
    stamps = stamp_files(files)
    key = (build.__module__, build.__qualname__, args, tuple(sorted(kwargs.items())))
    with _LOCK:
        cached = _CACHE.get(key)
    if cached is not None and cached[0] == stamps:
        return cached[1]
    result = build(*args, **kwargs)
    with _LOCK:
        _CACHE[key] = (stamps, result)
    return result


def fingerprint(files: Iterable[str | os.PathLike]) -> str:
    """A SHA-256 over the names and contents of ``files`` (folders are expanded).

    Args:
        files: Data files or folders of them.

    Returns:
        A hex digest that changes when any file's content changes, or a file is added
        or removed; the same on every machine for the same contents.
    """
    digest = hashlib.sha256()
    for location in files:
        for path in data_files(location):
            digest.update(path.name.encode("utf-8") + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"<missing>")
            digest.update(b"\0")
    return digest.hexdigest()


def clear_cache() -> None:
    """Forget every parsed data file (the next call of each loader reads its files again)."""
    with _LOCK:
        _CACHE.clear()
