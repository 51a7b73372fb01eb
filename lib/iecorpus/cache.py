"""The cleaned-corpus cache: a corpus is cleaned once per change of its files, rules or code.

:func:`open_corpus` is :func:`iecorpus.load_corpus` with a memory: the first call loads,
cleans and segments the corpus and saves every table of the :class:`~iecorpus.Corpus` as
Parquet in ``<processed_dir>/corpus-cache/<corpus>-<hash>/``; later calls read the saved
tables back as long as nothing that shapes the result has changed. The key that decides
it has these parts:

- ``raw_files``: the name and SHA-256 checksum of every file in the corpus folder (and the
  files reported as unreadable there), so an edited, added or removed file rebuilds;
- ``manifest``: the manifest's rows as the loader reads them;
- ``rules``: :func:`iecorpus.datafiles.fingerprint` of the cleaning rule files;
- ``library`` and ``code``: the library version and a hash of the source of the modules
  that shape the tables (reading, clean, segment, dates, chinese, corpus);
- ``tables``: the pandas and pyarrow versions and the cache's own format version;
- ``options``: ``strict``.

Parquet keeps the dtypes and the values of every table, is readable from R, Arrow and
DuckDB without this library, and cannot run code when a shared file is opened (as a pickle
can). Each table is a partitioned Parquet dataset: a folder ``<table>.parquet/`` of files
``part-00000.parquet`` ..., each holding the rows of up to :data:`PART_DOCUMENTS` documents,
so that a large corpus is never one file, and a reader that needs only some columns or
some documents reads only those (:func:`read_cached_table`). Files are written under a
temporary name in the same folder and then renamed, the key file last; it records a
checksum of every table file, so a partial or corrupt cache is rebuilt with a warning,
never trusted.
"""

from __future__ import annotations

import builtins
import dataclasses
import hashlib
import inspect
import json
import os
import shutil
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import chinese, clean, columns, corpus, dates, evidence, paths, reading, segment, shapes
from .corpus import Corpus, Problems, load_corpus, locate_documents
from .datafiles import fingerprint
from .provenance import package_version

#: The folder inside ``processed_dir`` that holds the cache.
CACHE_FOLDER = "corpus-cache"
#: Bumped when the layout of the saved files changes (2: a folder of parts per table).
FORMAT_VERSION = 2
#: The modules whose source shapes a loaded corpus: a change to any of them rebuilds.
SHAPING_MODULES = (reading, clean, shapes, evidence, segment, dates, chinese, columns, corpus)
KEY_FILE = "key.json"
#: The table holding ``Corpus.raw`` (one row per document: ``doc_id``, ``raw``).
RAW_TABLE = "raw"
#: Documents per part file of a table (its rows of paragraphs, sentences, edits ...).
PART_DOCUMENTS = 5000
#: How each table's folder is named: ``documents.parquet/``.
TABLE_SUFFIX = ".parquet"


class CacheError(Exception):
    """A saved corpus cannot be used (missing, partial, corrupt, or from other inputs)."""


@dataclass(frozen=True)
class CachedCorpus:
    """A corpus opened through the cache, and how it was obtained.

    Attributes:
        corpus: The :class:`~iecorpus.Corpus`, equal to a fresh ``load_corpus`` result.
        status: ``read`` (from the saved tables) or ``built`` (loaded and cleaned now).
        reason: Why it was built (``no cache yet``, ``raw files changed``, ``refresh
            requested``, ``the cache is damaged: ...``); empty when read.
        folder: The cache folder of this corpus.
        key: The key's parts (see the module docstring), each a short string.
        digest: SHA-256 over the parts: the key itself.
        seconds: Time taken by :func:`open_cached_corpus`.
    """

    corpus: Corpus
    status: str
    reason: str
    folder: Path
    key: dict[str, str]
    digest: str
    seconds: float

    def describe(self) -> pd.DataFrame:
        """Tabulate how the corpus was opened.

        Returns:
            One row per item: ``item`` (``status``, ``reason``, ``folder``, ``seconds``,
            ``key``, then ``key: <part>`` for each part) and ``value``.
        """
        rows = [
            ("status", self.status),
            ("reason", self.reason or "the key matched"),
            ("folder", paths.relative_to_project(self.folder)),
            ("seconds", f"{self.seconds:.2f}"),
            ("key", self.digest[:16]),
        ]
        rows += [(f"key: {part}", value) for part, value in self.key.items()]
        return pd.DataFrame(rows, columns=["item", "value"])

    def summary(self) -> str:
        """One sentence saying whether the corpus was read or built, where, and in how long."""
        where = paths.relative_to_project(self.folder)
        if self.status == "read":
            return f"Read from the cache in {where} in {self.seconds:.2f} s."
        return f"Loaded and cleaned ({self.reason}) in {self.seconds:.2f} s; saved to {where}."


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _digest(value: object) -> str:
    return _sha256(json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def hash_library_code() -> str:
    """Hash the source of the modules that shape a loaded corpus.

    Returns:
        A SHA-256 hex digest over the source of :data:`SHAPING_MODULES`.
    """
    digest = hashlib.sha256()
    for module in SHAPING_MODULES:
        digest.update(module.__name__.encode("utf-8") + b"\0")
        try:
            source = inspect.getsource(module).encode("utf-8")
        except (OSError, TypeError):  # no source shipped: the version alone has to do
            source = b"<no source>"
        digest.update(source + b"\0")
    return digest.hexdigest()


def _table_versions() -> str:
    import pyarrow

    return f"format {FORMAT_VERSION}, pandas {pd.__version__}, pyarrow {pyarrow.__version__}"


def compute_cache_key(
    corpus_dir: str | Path | None = None,
    *,
    manifest: str | Path | None = None,
    rules_dir: str | Path | None = None,
    strict: bool = False,
) -> tuple[Path, dict[str, str]]:
    """Work out where a corpus is cached and the key its saved tables must match.

    Args:
        corpus_dir: The corpus folder, as for :func:`iecorpus.load_corpus`.
        manifest: The manifest, as for :func:`iecorpus.load_corpus`.
        rules_dir: The cleaning rules folder (default: ``data/cleaning/``).
        strict: As for :func:`iecorpus.load_corpus`.

    Returns:
        The resolved corpus folder and the key's parts (see the module docstring).

    Raises:
        CorpusError: The folder does not exist or the manifest cannot be read (as
            :func:`iecorpus.load_corpus` would raise).
    """
    located = Problems(strict=False)
    folder, files, rows = locate_documents(corpus_dir, manifest=manifest, problems=located)
    listing = []
    for file in files:
        name = file.relative_to(folder).as_posix()
        try:
            listing.append((name, _sha256(file.read_bytes())))
        except OSError as exc:  # the loader reports it; the key only needs to differ
            listing.append((name, f"unreadable: {exc.strerror}"))
    manifest_rows = sorted(
        (path.relative_to(folder).as_posix(), row)
        for path, row in rows.items()
        if path.is_relative_to(folder)
    ) + sorted((str(path), row) for path, row in rows.items() if not path.is_relative_to(folder))
    rules = Path(rules_dir) if rules_dir is not None else paths.CLEANING_DIR
    noticed = [sorted(row.items()) for row in located.rows]
    key = {
        "raw_files": f"{len(listing)} files, {_digest([listing, noticed])[:16]}",
        "manifest": f"{len(manifest_rows)} rows, {_digest(manifest_rows)[:16]}",
        # The cleaner also reads the stopwords and the glossary (off-topic endings).
        "rules": fingerprint(
            [rules, paths.DATA_DIR / "stopwords", paths.DATA_DIR / "glossary.csv"]
        )[:16],
        "library": f"iecorpus {package_version()}",
        "code": hash_library_code()[:16],
        "tables": _table_versions(),
        "options": f"strict={bool(strict)}",
    }
    return folder, key


def _slot(processed_dir: Path, folder: Path, manifest, rules_dir, strict: bool) -> Path:
    """The cache folder of one corpus: its folder name and a hash of how it is loaded."""
    # Paths inside the project are hashed relative to it, so that a checkout gives the
    # same folder name on every machine (notebook 01 shows it).
    where = [
        paths.relative_to_project(folder),
        paths.relative_to_project(Path(manifest).resolve()) if manifest is not None else "",
        paths.relative_to_project(Path(rules_dir).resolve()) if rules_dir is not None else "",
        bool(strict),
    ]
    return processed_dir / CACHE_FOLDER / f"{folder.name}-{_digest(where)[:12]}"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_atomic(target: Path, write) -> str:
    """Write through ``write(path)`` to a temporary name beside ``target``, then rename."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    os.close(handle)
    try:
        write(Path(temporary))
        checksum = _sha256(Path(temporary).read_bytes())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 would hide a shared file
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return checksum


def _tables(loaded: Corpus) -> dict[str, pd.DataFrame]:
    """Every field of the corpus as a table; ``raw`` becomes (``doc_id``, ``raw``) rows."""
    tables = {}
    for field in dataclasses.fields(loaded):
        if not field.init:  # derived state, rebuilt by the Corpus itself
            continue
        value = getattr(loaded, field.name)
        if isinstance(value, pd.DataFrame):
            tables[field.name] = value
        elif field.name == RAW_TABLE and isinstance(value, dict):
            tables[field.name] = pd.DataFrame(
                {"doc_id": list(value), "raw": list(value.values())}, dtype=object
            )
        else:
            raise CacheError(f"Corpus.{field.name} is not a table the cache can save")
    return tables


def save_cache(
    loaded: Corpus, folder: Path, *, digest: str, key: dict[str, str], warned: list
) -> None:
    """Save a corpus's tables and its key into its cache folder.

    Args:
        loaded: The corpus just loaded.
        folder: Its cache folder (created if missing).
        digest: The key.
        key: The key's parts (kept for people reading ``key.json``).
        warned: The warnings loading gave, as (category name, message) pairs, to be
            given again when the cache is read.

    Raises:
        CacheError: The corpus holds something that is not a table.
        OSError: The folder cannot be written.
    """
    tables = _tables(loaded)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / KEY_FILE).unlink(missing_ok=True)  # no valid key while the tables change
    position = {doc_id: i for i, doc_id in enumerate(loaded.documents["doc_id"])}
    checksums = {}
    for name, table in tables.items():
        checksums.update(_write_table(folder / f"{name}{TABLE_SUFFIX}", table, position))
    kept = {Path(name).parts[0] for name in checksums}
    for stale in folder.glob(f"*{TABLE_SUFFIX}"):
        if stale.name in kept:
            continue
        if stale.is_dir():  # a table gone from the corpus
            shutil.rmtree(stale)
        else:  # the single file of an older format
            stale.unlink(missing_ok=True)
    record = {"digest": digest, "key": key, "files": checksums, "warnings": warned}
    text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    _write_atomic(folder / KEY_FILE, lambda path: path.write_text(text, encoding="utf-8"))


def _parts(table: pd.DataFrame, position: dict[str, int]) -> list[pd.DataFrame]:
    """Cut a table into the rows of each run of :data:`PART_DOCUMENTS` documents.

    A table without ``doc_id``, or whose rows are not in document order, stays whole.
    """
    if "doc_id" not in table.columns or len(table) == 0:
        return [table]
    part = table["doc_id"].map(position)
    if part.isna().any() or not part.is_monotonic_increasing:
        return [table]
    bounds = (part // PART_DOCUMENTS).searchsorted(
        range(1, int(part.iloc[-1]) // PART_DOCUMENTS + 1)
    )
    edges = [0, *bounds.tolist(), len(table)]
    return [table.iloc[a:b] for a, b in zip(edges, edges[1:], strict=False) if b > a]


def _write_table(target: Path, table: pd.DataFrame, position: dict[str, int]) -> dict[str, str]:
    """Write one table as a folder of part files; return each file's checksum by name."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if target.is_file():  # the single file of an older format
        target.unlink()
    target.mkdir(exist_ok=True)
    schema = pa.Schema.from_pandas(table, preserve_index=False)
    checksums = {}
    for k, part in enumerate(_parts(table, position)):
        arrow = pa.Table.from_pandas(part, schema=schema, preserve_index=False)
        name = f"part-{k:05d}.parquet"
        checksums[f"{target.name}/{name}"] = _write_atomic(
            target / name, lambda path, arrow=arrow: pq.write_table(arrow, path)
        )
    for stale in target.iterdir():
        if f"{target.name}/{stale.name}" not in checksums:
            stale.unlink(missing_ok=True)
    return checksums


def read_cached_table(
    folder: str | Path, name: str, *, columns: list[str] | None = None
) -> pd.DataFrame:
    """Read one table of a saved corpus, or only some of its columns.

    Args:
        folder: The cache folder (``CachedCorpus.folder``).
        name: The table: ``documents``, ``paragraphs``, ``sentences``, ``removed``,
            ``problems`` or ``raw``.
        columns: The columns to read (None: all); the others are never read from disk.

    Returns:
        The table's rows in their saved order, with a fresh ``RangeIndex``.

    Raises:
        CacheError: The table is not in the folder, or cannot be read.

    Note:
        It does not check the key or the checksums: :func:`open_cached_corpus` does,
        when the corpus is opened.
    """
    target = Path(folder) / f"{name}{TABLE_SUFFIX}"
    files = sorted(target.glob("part-*.parquet")) if target.is_dir() else []
    if not files:
        raise CacheError(f"the cache is damaged: {target.name} is missing")
    return _join_parts(files, target.name, columns=columns)


def _join_parts(sources: list, label: str, *, columns: list[str] | None = None) -> pd.DataFrame:
    """Read part files (paths, or bytes already read) into one table, in order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parts = [
            pq.read_table(pa.BufferReader(s) if isinstance(s, bytes) else s, columns=columns)
            for s in sources
        ]
        return pa.concat_tables(parts).to_pandas().reset_index(drop=True)
    except Exception as exc:  # noqa: BLE001 - any reader failure means "rebuild"
        raise CacheError(f"the cache is damaged: {label} cannot be read ({exc})") from None


#: How the reason for a rebuild names each key part.
PART_LABELS = {
    "raw_files": "raw files",
    "manifest": "manifest",
    "rules": "cleaning rules",
    "library": "library version",
    "code": "library code",
    "tables": "table format",
    "options": "options",
}


def _changed(saved: object, key: dict[str, str]) -> str:
    """Name the key parts that differ from the saved ones, for the reason shown."""
    saved = saved if isinstance(saved, dict) else {}
    changed = [PART_LABELS.get(part, part) for part in key if saved.get(part) != key[part]]
    return " and ".join(changed) + " changed" if changed else "key changed"


def read_cache(folder: Path, *, key: dict[str, str]) -> tuple[Corpus, list]:
    """Read a saved corpus back, checking its key and every file's checksum.

    Args:
        folder: The cache folder.
        key: The key's parts the saved corpus must have been built with.

    Returns:
        The corpus and the warnings its loading gave.

    Raises:
        CacheError: Nothing is saved, it was built from other inputs (the message
            says which part changed), or a file is missing, partial or corrupt.
    """
    key_file = folder / KEY_FILE
    if not key_file.is_file():
        raise CacheError("no cache yet")
    try:
        record = json.loads(key_file.read_text(encoding="utf-8"))
        saved_digest, files = record["digest"], dict(record["files"])
    except (ValueError, KeyError, TypeError, OSError) as exc:
        raise CacheError(f"the cache is damaged: {KEY_FILE} cannot be read ({exc})") from None
    if saved_digest != _digest(key):
        raise CacheError(_changed(record.get("key"), key))
    verified: dict[str, dict[str, bytes]] = {}  # each table's parts, read once and checked
    for name, checksum in files.items():
        path = folder / name
        try:
            data = path.read_bytes()
        except OSError:
            raise CacheError(f"the cache is damaged: {name} is missing") from None
        if _sha256(data) != checksum:
            raise CacheError(f"the cache is damaged: {name} does not match its checksum")
        verified.setdefault(Path(name).parts[0], {})[Path(name).name] = data
    for table, parts in verified.items():
        if sorted(p.name for p in (folder / table).glob("*")) != sorted(parts):
            raise CacheError(f"the cache is damaged: {table} holds files its key does not list")
    tables = {  # parsed from the bytes checked above, not read from disk again
        table.removesuffix(TABLE_SUFFIX): _join_parts(
            [parts[n] for n in sorted(parts) if n.startswith("part-")], table
        )
        for table, parts in verified.items()
    }
    try:
        raw = tables.pop(RAW_TABLE)
        loaded = Corpus(**tables, raw=dict(zip(raw["doc_id"], raw["raw"], strict=True)))
    except (KeyError, TypeError) as exc:
        raise CacheError(f"the cache is damaged: a table is missing ({exc})") from None
    return loaded, list(record.get("warnings", []))


def _warn_again(warned: list, stacklevel: int) -> None:
    """Give the warnings of a load again, under their own category where it is a built-in."""
    for category_name, message in warned:
        category = getattr(builtins, category_name, None)
        if not (isinstance(category, type) and issubclass(category, Warning)):
            category = UserWarning
        warnings.warn(message, category, stacklevel=stacklevel + 1)


def _open(
    corpus_dir,
    *,
    manifest,
    processed_dir,
    rules_dir,
    strict,
    refresh,
    progress,
    workers,
    scheduler,
    stacklevel,
) -> CachedCorpus:
    start = time.perf_counter()
    target = Path(processed_dir) if processed_dir is not None else paths.PROCESSED_DIR
    folder, key = compute_cache_key(
        corpus_dir, manifest=manifest, rules_dir=rules_dir, strict=strict
    )
    digest = _digest(key)
    slot = _slot(target, folder, manifest, rules_dir, strict)
    reason = "refresh requested"
    if not refresh:
        try:
            loaded, warned = read_cache(slot, key=key)
        except CacheError as error:
            reason = str(error)
            if reason.startswith("the cache is damaged"):
                warnings.warn(
                    f"{paths.relative_to_project(slot)}: {reason}; it is rebuilt.",
                    stacklevel=stacklevel,
                )
        else:
            _warn_again(warned, stacklevel)
            seconds = time.perf_counter() - start
            return CachedCorpus(loaded, "read", "", slot, key, digest, seconds)

    rules = clean.load_rules(rules_dir) if rules_dir is not None else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loaded = load_corpus(
            corpus_dir,
            manifest=manifest,
            strict=strict,
            rules=rules,
            progress=progress,
            workers=workers,
            scheduler=scheduler,
        )
    warned = [(w.category.__name__, str(w.message)) for w in caught]
    for caught_warning in caught:
        warnings.warn(caught_warning.message, stacklevel=stacklevel)
    try:
        save_cache(loaded, slot, digest=digest, key=key, warned=warned)
    except (CacheError, OSError) as error:
        warnings.warn(
            f"{paths.relative_to_project(slot)}: the corpus could not be cached ({error}); "
            "it is loaded afresh each time.",
            stacklevel=stacklevel,
        )
    seconds = time.perf_counter() - start
    return CachedCorpus(loaded, "built", reason, slot, key, digest, seconds)


def open_cached_corpus(
    corpus_dir: str | Path | None = None,
    *,
    manifest: str | Path | None = None,
    processed_dir: str | Path | None = None,
    rules_dir: str | Path | None = None,
    strict: bool = False,
    refresh: bool = False,
    progress: bool | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> CachedCorpus:
    """Open a corpus through the cache, and say how it was obtained.

    Args:
        corpus_dir: The corpus folder (default: the embedded corpus in ``data/raw/``).
        manifest: The manifest (default as for :func:`iecorpus.load_corpus`).
        processed_dir: Where the cache lives, in its ``corpus-cache/`` sub-folder
            (default: ``data/processed/``); nothing is written anywhere else.
        rules_dir: The cleaning rules folder (default: ``data/cleaning/``).
        strict: Raise on the first problem, as :func:`iecorpus.load_corpus` does.
        refresh: Load and clean again even when the saved tables match, and save them.
        progress: Progress bar while loading, as for :func:`iecorpus.load_corpus`.
        workers: Dask workers for loading and cleaning, as for
            :func:`iecorpus.load_corpus` (not part of the key: the tables are the same).
        scheduler: A Dask scheduler address, as for :func:`iecorpus.load_corpus`.

    Returns:
        The :class:`CachedCorpus`: the corpus, ``status`` (``read`` or ``built``), the
        reason it was built, the cache folder and the key's parts.

    Raises:
        CorpusError: As :func:`iecorpus.load_corpus` raises.

    Note:
        The warnings loading gave (problems with files) are given again when the
        corpus is read from the cache. A damaged cache is rebuilt with a warning; a
        cache that cannot be written (a read-only folder) gives a warning and the
        freshly loaded corpus.
    """
    return _open(
        corpus_dir,
        manifest=manifest,
        processed_dir=processed_dir,
        rules_dir=rules_dir,
        strict=strict,
        refresh=refresh,
        progress=progress,
        workers=workers,
        scheduler=scheduler,
        stacklevel=3,
    )


def open_corpus(
    corpus_dir: str | Path | None = None,
    *,
    manifest: str | Path | None = None,
    processed_dir: str | Path | None = None,
    rules_dir: str | Path | None = None,
    strict: bool = False,
    refresh: bool = False,
    progress: bool | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Corpus:
    """Return the corpus :func:`iecorpus.load_corpus` would, cleaning it only when needed.

    Args:
        corpus_dir: The corpus folder (default: the embedded corpus in ``data/raw/``).
        manifest: The manifest (default as for :func:`iecorpus.load_corpus`).
        processed_dir: Where the cache lives (default: ``data/processed/``).
        rules_dir: The cleaning rules folder (default: ``data/cleaning/``).
        strict: Raise on the first problem, as :func:`iecorpus.load_corpus` does.
        refresh: Load and clean again even when the saved tables match.
        progress: Progress bar while loading, as for :func:`iecorpus.load_corpus`.
        workers: Dask workers for loading and cleaning, as for
            :func:`iecorpus.load_corpus` (not part of the key: the tables are the same).
        scheduler: A Dask scheduler address, as for :func:`iecorpus.load_corpus`.

    Returns:
        The :class:`~iecorpus.Corpus`, equal table by table to a fresh load.

    Raises:
        CorpusError: As :func:`iecorpus.load_corpus` raises.

    Note:
        :func:`open_cached_corpus` also says whether the corpus was read or built.
    """
    return _open(
        corpus_dir,
        manifest=manifest,
        processed_dir=processed_dir,
        rules_dir=rules_dir,
        strict=strict,
        refresh=refresh,
        progress=progress,
        workers=workers,
        scheduler=scheduler,
        stacklevel=3,
    ).corpus


__all__ = [
    "CacheError",
    "CachedCorpus",
    "compute_cache_key",
    "hash_library_code",
    "open_cached_corpus",
    "open_corpus",
    "read_cache",
    "read_cached_table",
    "save_cache",
]
