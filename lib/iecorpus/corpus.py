"""Loading a folder of documents into tidy tables: documents, paragraphs, sentences, the audit."""

from __future__ import annotations

import bisect
import csv
import errno
import io
import os
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import paths
from .clean import Cleaned, Edit, Rules, apply_edits, clean_document, load_rules, restore_raw
from .columns import INTEGER_COLUMNS, Columns, add_edit_rows, add_segment_rows
from .dates import parse_date
from .engine import chunk, map_tasks, partition_size, resolve_workers
from .evidence import find_duplicates, find_furniture, longest_paragraph
from .progress import track
from .reading import (
    CONVERTIBLE_SUFFIXES,
    TEXT_SUFFIXES,
    CorpusError,
    DocumentError,
    ManifestError,
    read_document,
)
from .segment import detect_language, name_scripts
from .shapes import find_url_date

if TYPE_CHECKING:
    from .index import TermIndex

MANIFEST_COLUMNS = (
    "file",
    "sha256",
    "title",
    "date",
    "language",
    "source",
    "url",
    "site",
    "author",
    "encoding",
)
#: Other names of manifest columns, read as the column they stand for.
MANIFEST_ALIASES = {"publication_date": "date", "pub_date": "date", "published": "date"}
#: Manifest columns for people to read, which loading leaves alone.
MANIFEST_NOTES = ("note", "notes", "comment", "comments", "description")
DOCUMENT_COLUMNS = [
    "doc_id",
    "file",
    "title",
    "title_source",
    "date",
    "date_precision",
    "date_source",
    "language",
    "source",
    "author",
    "url",
    "site",
    "encoding",
    "sha256",
    "text",
    "n_chars_raw",
    "n_chars_clean",
    "duplicate_of",
]
PROBLEM_COLUMNS = ["file", "problem", "advice", "action"]
PARAGRAPH_COLUMNS = ["doc_id", "paragraph", "start", "end", "n_chars", "is_heading", "text"]
SENTENCE_COLUMNS = ["doc_id", "paragraph", "sentence", "start", "end", "text"]
REMOVED_COLUMNS = ["doc_id", "start", "end", "clean_start", "reason", "text", "replacement"]
#: Most files in one partition on a Dask cluster (fewer when that leaves a worker idle).
PARTITION_FILES = 250


@dataclass
class Corpus:
    """A loaded corpus: one tidy table per level, and the audit of cleaning.

    Attributes:
        documents: One row per document: ``doc_id`` (file stem, or relative path
            without suffix in sub-folders; with the suffix where files differ only
            by it, see :func:`assign_doc_ids`), ``file``, ``title``, ``title_source``
            (manifest; headline, read from the page; first-sentence, a guess from the
            start of the text), ``date`` (ISO, as precise as known), ``date_precision``
            (day/month/year), ``date_source`` (manifest; text, read from the page; url,
            read from the manifest's ``url``), ``language`` (en/zh/other), ``source``,
            ``author``, ``url``, ``site`` (the website the page was found on, from the
            manifest), ``encoding``, ``sha256``, ``text`` (the cleaned body),
            ``n_chars_raw``, ``n_chars_clean``, ``duplicate_of`` (the earlier document
            whose text this one repeats, see :func:`iecorpus.evidence.find_duplicates`;
            "" for none: a duplicate is flagged, never dropped).
        paragraphs: ``doc_id``, ``paragraph`` (0-based), ``start``, ``end``
            (offsets in the document's ``text``), ``n_chars``, ``is_heading``, ``text``.
        sentences: ``doc_id``, ``paragraph``, ``sentence`` (0-based within the
            document), ``start``, ``end``, ``text``.
        removed: Every span cleaning took out or changed: ``doc_id``, ``start``,
            ``end`` (offsets in the raw text), ``clean_start`` (where its
            replacement stands in ``text``), ``reason``, ``text`` (the raw span) and
            ``replacement`` (empty for a removal, the repair otherwise). Raw means
            as decoded: ``\\r`` line endings and extra byte-order marks that reading
            normalised are ``layout`` edits here.
        problems: Files that could not be used as given: ``file``, ``problem``,
            ``advice``, ``action`` (skipped, loaded, ignored).
        raw: The decoded raw text of each document (before line endings were
            normalised), by ``doc_id``.
    """

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    removed: pd.DataFrame
    problems: pd.DataFrame
    raw: dict[str, str] = field(repr=False, default_factory=dict)
    # The term index, built by :meth:`index` on first use.
    _term_index: TermIndex | None = field(default=None, init=False, repr=False, compare=False)

    def __repr__(self) -> str:
        languages = self.documents["language"].value_counts().to_dict()
        return (
            f"<Corpus: {len(self.documents)} documents {languages}, "
            f"{len(self.paragraphs)} paragraphs, "
            f"{len(self.sentences)} sentences, {len(self.removed)} audited edits, "
            f"{len(self.problems)} problems>"
        )

    def restore(self, doc_id: str) -> str:
        """Rebuild a document's raw text from its cleaned text and its audit rows.

        Args:
            doc_id: The document.

        Returns:
            The raw text, reassembled from ``documents.text`` and ``removed``.
        """
        text = self.documents.set_index("doc_id").at[doc_id, "text"]
        rows = self.removed[self.removed["doc_id"] == doc_id].sort_values("start")
        return restore_raw(
            text, zip(rows["clean_start"], rows["text"], rows["replacement"], strict=True)
        )

    def index(
        self,
        *,
        glossary: pd.DataFrame | None = None,
        processes: int | None = None,
        refresh: bool = False,
    ) -> TermIndex:
        """Return the corpus tokenized once, with its concepts: its term index.

        Args:
            glossary: The concepts to find (default: ``data/glossary.csv``).
            processes: Workers for tokenizing a large corpus (1 here, more on a Dask
                cluster; ``None`` reads ``IECORPUS_WORKERS``, see :mod:`iecorpus.engine`).
            refresh: Build the index again, after editing ``documents`` in place.

        Returns:
            The :class:`~iecorpus.index.TermIndex`, kept on the corpus and rebuilt when
            ``documents`` is replaced or changes length, when another ``glossary`` table
            is passed, or when ``data/glossary.csv`` changes.
        """
        from .index import build_index  # index.py does not import this module

        cached = self._term_index
        if refresh or cached is None or not cached.describes(self, glossary=glossary):
            self._term_index = build_index(self, glossary=glossary, processes=processes)
        return self._term_index

    def has_index(self, *, glossary: pd.DataFrame | None = None) -> bool:
        """Tell whether :meth:`index` would return an index already built (no wait)."""
        cached = self._term_index
        return cached is not None and cached.describes(self, glossary=glossary)

    def check_audit(self) -> pd.DataFrame:
        """Account for every raw character of every document.

        Returns:
            One row per document: ``doc_id``, ``n_chars_raw``, ``n_chars_clean``,
            ``n_chars_removed`` (raw characters in audited spans), ``n_chars_inserted``
            (characters their replacements put back), ``balanced`` (raw = clean -
            inserted + removed) and ``restores_raw`` (the rebuilt text equals the raw).
        """
        removed = (
            self.removed.assign(
                n_removed=self.removed["text"].str.len(),
                n_inserted=self.removed["replacement"].str.len(),
            )
            .groupby("doc_id")[["n_removed", "n_inserted"]]
            .sum()
        )
        table = self.documents[["doc_id", "n_chars_raw", "n_chars_clean"]].set_index("doc_id")
        table["n_chars_removed"] = removed["n_removed"].reindex(table.index, fill_value=0)
        table["n_chars_inserted"] = removed["n_inserted"].reindex(table.index, fill_value=0)
        table["balanced"] = (
            table["n_chars_clean"] - table["n_chars_inserted"] + table["n_chars_removed"]
            == table["n_chars_raw"]
        )
        # One pass over the edits, grouped by document (not one filter of them per document).
        edits = self.removed.sort_values(["doc_id", "start"], kind="stable")
        spans: dict[str, list] = {}
        for doc_id, *span in zip(
            edits["doc_id"],
            edits["clean_start"],
            edits["text"],
            edits["replacement"],
            strict=True,
        ):
            spans.setdefault(doc_id, []).append(span)
        texts = dict(zip(self.documents["doc_id"], self.documents["text"], strict=True))
        table["restores_raw"] = [
            _restores(texts[d], spans.get(d, []), self.raw[d]) for d in table.index
        ]
        return table.reset_index()

    def save(self, directory: str | Path | None = None) -> list[Path]:
        """Write the tables as UTF-8 CSV files.

        Args:
            directory: Target folder; defaults to ``data/processed/``.

        Returns:
            The files written: ``documents.csv``, ``paragraphs.csv``,
            ``sentences.csv``, ``removed.csv`` and ``problems.csv``.
        """
        folder = Path(directory) if directory else paths.PROCESSED_DIR
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name in ("documents", "paragraphs", "sentences", "removed", "problems"):
            target = folder / f"{name}.csv"
            getattr(self, name).to_csv(target, index=False, lineterminator="\n")
            written.append(target)
        return written


def _table(names: list[str]) -> Columns:
    """An empty piece of a table, its offsets and numbers vouched for as ints."""
    return Columns(names, integers=INTEGER_COLUMNS)


class Problems:
    """Collects what went wrong with a corpus's files and manifest rows; raises in strict mode.

    Args:
        strict: Raise each problem's error at once instead of collecting it.

    Attributes:
        rows: One dict per problem, with the keys of :data:`PROBLEM_COLUMNS`.
    """

    def __init__(self, strict: bool = False):
        self.strict, self.rows = strict, []

    def add(self, error: CorpusError, file: str, problem: str, advice: str, action: str) -> None:
        """Report one problem.

        Args:
            error: What strict mode raises.
            file: The file (or manifest row) as the user would name it.
            problem: What is wrong, in a few words.
            advice: What to do about it.
            action: What was done: ``skipped``, ``loaded`` or ``ignored``.

        Raises:
            CorpusError: In strict mode, ``error``.
        """
        if self.strict:
            raise error
        self.rows.append({"file": file, "problem": problem, "advice": advice, "action": action})

    def table(self) -> pd.DataFrame:
        """Return the problems as a ``file``, ``problem``, ``advice``, ``action`` table."""
        return pd.DataFrame(self.rows, columns=PROBLEM_COLUMNS)


def read_manifest(manifest: str | Path, *, problems: Problems | None = None) -> pd.DataFrame:
    """Read a manifest: one row per document, ``file`` required, every other column optional.

    Args:
        manifest: A CSV file (comma-, semicolon- or tab-separated) with a ``file`` column
            (paths relative to the corpus folder) and any of ``sha256``, ``title``,
            ``date`` (or ``publication_date``, ``pub_date``, ``published``), ``language``,
            ``source``, ``url``, ``site``, ``author``, ``encoding``; ``note`` columns are
            for people and are left alone.
        problems: Where a malformed row (more cells than the header) is reported; the
            other rows are read as written. Without it, such a row raises.

    Returns:
        The manifest as strings, empty cells as "", indexed by the line each row starts on.
        A column of another name is reported in a warning that names it, and is not used.

    Raises:
        ManifestError: The file is missing, unreadable, or has no ``file`` column; a
            malformed row when ``problems`` is None (or strict).
    """
    manifest = Path(manifest)
    name = paths.relative_to_project(manifest)
    if not manifest.is_file():
        raise ManifestError(
            f"{name}: the manifest does not exist. Check the path, or load the folder without one."
        )
    try:
        content = manifest.read_text(encoding="utf-8-sig")
        header, records = _csv_records(content)
    except OSError as exc:
        raise ManifestError(
            f"{name}: the manifest cannot be read ({exc.strerror}). Check its permissions."
        ) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ManifestError(
            f"{name}: the manifest is not a readable UTF-8 CSV file ({exc}). Re-save it as CSV."
        ) from None
    columns = _canonical_columns(_unique([c.strip().lower() for c in header]), name)
    if "file" not in columns:
        raise ManifestError(
            f"{name}: the manifest has no `file` column "
            f"(it has {', '.join(c for c in columns if c) or 'no columns'}). "
            "Add a `file` column naming each document relative to the corpus folder."
        )
    kept, lines = [], []
    for line, cells in records:
        while len(cells) > len(columns) and not cells[-1].strip():
            cells = cells[:-1]
        if len(cells) > len(columns):
            file = cells[columns.index("file")].strip() if "file" in columns else ""
            advice = (
                'Put quotes around a cell that holds a comma ("Beijing, China") or fix the row; '
                "the file still loads, without the row's metadata"
            )
            problem = (
                f"{name}, line {line} has {len(cells)} cells where the header has "
                f"{len(columns)}: the row is not used"
            )
            error = ManifestError(f"{problem}. {advice}.")
            if problems is None:
                raise error
            problems.add(error, file or f"(line {line})", problem, advice, "ignored")
            continue
        kept.append([c.strip() for c in cells] + [""] * (len(columns) - len(cells)))
        lines.append(line)
    return pd.DataFrame(kept, columns=columns, index=pd.Index(lines, name="line"), dtype=str)


def _csv_records(content: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank rows of a CSV text, each with the line it starts on."""
    first = content.split("\n", 1)[0]
    delimiter = next(
        (d for d in ",;\t|" if "file" in [c.strip().strip('"').lower() for c in first.split(d)]),
        ",",
    )
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    records = []
    line = 1
    for cells in reader:
        if header is None:
            header = cells
        elif cells and any(c.strip() for c in cells):
            records.append((line, cells))
        line = reader.line_num + 1
    return header or [], records


def _canonical_columns(columns: list[str], name: str) -> list[str]:
    """Read aliases as their column, and name the columns loading will not use."""
    renamed = [
        MANIFEST_ALIASES[c] if c in MANIFEST_ALIASES and MANIFEST_ALIASES[c] not in columns else c
        for c in columns
    ]
    unknown = [
        c
        for c in renamed
        if c and c not in MANIFEST_COLUMNS and c not in MANIFEST_NOTES and c not in MANIFEST_ALIASES
    ]
    if unknown and "file" in renamed:
        known = ", ".join(MANIFEST_COLUMNS)
        warnings.warn(
            f"{name}: the column(s) {', '.join(repr(c) for c in unknown)} are not used "
            f"(the columns read are {known}; publication dates go in `date`). Rename a "
            "column to use it, or leave it as a note.",
            stacklevel=3,
        )
    return renamed


def _unique(columns: list[str]) -> list[str]:
    seen: Counter = Counter()
    unique = []
    for column in columns:
        unique.append(f"{column}.{seen[column]}" if seen[column] else column)
        seen[column] += 1
    return unique


def assign_doc_ids(names: list[str], problems: Problems) -> dict[str, str]:
    """Give every file a unique ``doc_id``: its path without the suffix, or with it on a clash.

    Args:
        names: The files' paths relative to the corpus folder (POSIX), sorted.
        problems: Where files that share a name without their suffix are reported.

    Returns:
        The ``doc_id`` of each name. Files that differ only by suffix (``a.txt``,
        ``a.md``) keep their suffix (``a.txt``, ``a.md``); a remaining clash gets
        ``~2``, ``~3`` ...
    """
    stems = {n: _without_suffix(n) for n in names}
    counts = Counter(stems.values())
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        wanted = stems[name] if counts[stems[name]] == 1 else name
        doc_id, k = wanted, 2
        while doc_id in taken:
            doc_id, k = f"{wanted}~{k}", k + 1
        taken.add(doc_id)
        ids[name] = doc_id
    holder = {doc_id: name for name, doc_id in ids.items()}
    for name in names:
        wanted = stems[name] if counts[stems[name]] == 1 else name
        if counts[stems[name]] > 1:
            others = [n for n in names if stems[n] == stems[name] and n != name]
            verb = "has" if len(others) == 1 else "have"
            problem = f"{', '.join(others)} {verb} the same name without the suffix"
        elif ids[name] != wanted:
            problem = f"its doc_id {wanted!r} is that of {holder[wanted]} already"
        else:
            continue
        advice = (
            f"Loaded as doc_id {ids[name]!r}; rename the files if they are different "
            "articles, or delete one if they are the same"
        )
        problems.add(CorpusError(f"{name}: {problem}. {advice}."), name, problem, advice, "loaded")
    return ids


def _without_suffix(name: str) -> str:
    head, _, base = name.rpartition("/")
    # The stem as pathlib has it (the name less its last dot and what follows, unless the
    # dot starts or ends the name), cut from the text rather than from a path per file.
    dot = base.rfind(".")
    stem = base[:dot] if 0 < dot < len(base) - 1 else base
    stem = stem if stem.strip(".") else base
    return f"{head}/{stem}" if head else stem


def _names_in(folder: Path, files: list[Path]) -> list[str]:
    """Each file's name relative to ``folder`` (inside it), with ``/`` between folders.

    Where paths are written with ``/``, the name is what follows the folder's own text, cut
    off the file's text; ``Path.relative_to`` compares parts and builds a path per file.
    """
    prefix = str(folder).rstrip("/") + "/"
    if os.sep != "/" or os.altsep:
        return [f.relative_to(folder).as_posix() for f in files]
    names = []
    for file in files:
        text = str(file)
        if not text.startswith(prefix):
            return [f.relative_to(folder).as_posix() for f in files]
        names.append(text[len(prefix) :])
    return names


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


class _Finder:
    """Walks a corpus folder, reporting what it cannot or will not read."""

    def __init__(self, folder: Path, problems: Problems, *, follow_outside_links: bool):
        self.folder, self.problems = folder, problems
        self.follow_outside_links = follow_outside_links
        self.refused: set[Path] = set()
        self.candidates: list[tuple[Path, bool, Path]] = []
        #: Text files the walk found as plain files (no link), by their path's text: inside
        #: the folder and readable as documents, so a manifest row naming one needs no look
        #: at the file system (and no path of its own).
        self.plain: dict[str, Path] = {}

    def name(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()

    def refuse(self, path: Path, problem: str, advice: str, action: str = "skipped") -> None:
        self.refused.add(path)
        error = DocumentError(path, problem, advice)
        self.problems.add(error, self.name(path), problem, advice, action)

    def link_target(self, path: Path) -> Path | None:
        """The real path a link leads to, or None (reported) when it leads nowhere usable."""
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self.refuse(
                    path,
                    "a symbolic link loop: the link leads back to itself",
                    "Remove the link, or point it at the article's file",
                )
            else:
                self.refuse(
                    path,
                    f"a symbolic link that points to nothing ({os.readlink(path)})",
                    "Remove the link, or restore the file it points to",
                )
            return None
        real = Path(os.path.realpath(path))
        if not _inside(real, self.folder) and not self.follow_outside_links:
            self.refuse(
                path,
                f"a symbolic link to {real}, outside the corpus folder",
                "Copy the file into the folder, or load with follow_outside_links=True",
            )
            return None
        return real

    def walk(self, directory: Path, real_dir: Path, ancestors: frozenset[Path]) -> None:
        """List one folder (whose real path is ``real_dir``) and the folders below it."""
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            self.refuse(
                directory,
                f"the folder cannot be listed ({exc.strerror})",
                "Check its permissions: the files in it are not read",
            )
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            link = entry.is_symlink()
            if link:
                real = self.link_target(path)
            else:  # in a folder reached without a link, a file's real path is its path
                real = path if real_dir is directory else real_dir / entry.name
            if real is None:
                continue
            if entry.is_dir():
                if real in ancestors:
                    self.refuse(
                        path,
                        "a symbolic link loop: it leads back to a folder that holds it",
                        "Remove the link",
                    )
                else:
                    self.walk(path, real, ancestors | {real})
            elif entry.is_file():
                self.classify(path, link, real, entry.path)

    def classify(self, path: Path, link: bool, real: Path, text: str) -> None:
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES and path.name.lower() != "readme.md":
            self.candidates.append((path, link, real))
            if not link:
                self.plain[text] = path
        elif suffix in CONVERTIBLE_SUFFIXES:
            self.refuse(
                path,
                f"{suffix} files are not read",
                "Convert it to UTF-8 plain text (.txt)",
                "ignored",
            )

    def files(self) -> list[Path]:
        """The files found, each real file once (a link to a file already found is reported)."""
        if all(real is path for path, _, real in self.candidates):  # no link: each file once
            return sorted([path for path, _, _ in self.candidates])
        by_real: dict[Path, list[tuple[Path, bool]]] = {}
        for path, link, real in self.candidates:
            by_real.setdefault(real, []).append((path, link))
        found = []
        for group in by_real.values():
            keep = next((path for path, link in group if not link), group[0][0])
            found.append(keep)
            for path, _ in group:
                if path != keep:
                    self.refuse(
                        path,
                        f"the same file as {self.name(keep)} (through a link)",
                        f"Nothing to do: it is loaded once, as {self.name(keep)}",
                        "ignored",
                    )
        return sorted(found)


def _manifest_rows(
    table: pd.DataFrame, finder: _Finder, manifest: Path, problems: Problems
) -> dict[Path, dict]:
    """Map each file the manifest names to its row, reporting rows that name nothing usable."""
    folder = finder.folder
    rows: dict[Path, dict] = {}
    manifest_name = paths.relative_to_project(manifest)
    # A row naming a file the walk found takes that file's path: no Path to build per row.
    plain = finder.plain
    top = str(folder)
    # The rows as dicts of the columns' values, read a column at a time (as
    # ``to_dict("records")`` makes them, without its look at each value).
    columns = list(table.columns)
    values = zip(*(table[c].tolist() for c in columns), strict=True)
    records = [dict(zip(columns, cells, strict=True)) for cells in values]
    for number, row in zip(table.index, records, strict=True):
        name = row["file"]
        found = plain.get(os.path.normpath(os.path.join(top, name))) if name else None
        if found is not None and found not in rows and found not in finder.refused:
            rows[found] = row
            continue
        path = Path(os.path.normpath(folder / name))  # folder is resolved already
        where = f"{manifest_name}, row {number}"
        if not name:
            problems.add(
                ManifestError(f"{where}: the `file` cell is empty."),
                f"(row {number})",
                "a manifest row has no file name",
                "Fill in or delete the row",
                "ignored",
            )
            continue
        if path in finder.refused:
            continue  # reported already, as the folder was read
        if str(path) in plain and path not in rows:  # found by the walk: a file inside
            rows[path] = row
            continue
        real = Path(os.path.realpath(path))
        outside = not _inside(path, folder) or (
            not _inside(real, folder) and not finder.follow_outside_links
        )
        if outside:
            advice = (
                "Name the file relative to the corpus folder, and copy it into the folder "
                "if it is elsewhere"
            )
            error = ManifestError(
                f"{where}: names {name!r}, which is outside the corpus folder "
                f"{paths.relative_to_project(folder)}. {advice}."
            )
            problems.add(
                error,
                name,
                f"named in the manifest ({where}) but outside the corpus folder: not read",
                advice,
                "skipped",
            )
        elif path.is_dir():
            problems.add(
                ManifestError(f"{where}: names {name!r}, which is a folder, not a file."),
                name,
                f"named in the manifest ({where}) but a folder, not a file",
                "Name the files in it, one row each, or delete the row",
                "ignored",
            )
        elif not path.is_file():
            advice = "Fix the name, put the file in the corpus folder, or delete the row"
            error = ManifestError(
                f"{where}: names {name!r}, which is not in "
                f"{paths.relative_to_project(folder)}. {advice}."
            )
            problems.add(
                error, name, f"named in the manifest ({where}) but missing", advice, "skipped"
            )
        elif path.suffix.lower() in CONVERTIBLE_SUFFIXES:
            error = DocumentError(
                path,
                f"{path.suffix.lower()} files are not read",
                "Convert it to UTF-8 plain text (.txt)",
            )
            problems.add(error, name, error.problem, error.advice, "ignored")
        elif path in rows:
            problems.add(
                ManifestError(f"{where}: {name!r} is listed twice."),
                name,
                f"listed twice in the manifest ({where})",
                "Delete the duplicate row",
                "ignored",
            )
        else:
            rows[path] = row
    return rows


def locate_documents(
    path: str | Path | None,
    *,
    manifest: str | Path | None,
    problems: Problems,
    follow_outside_links: bool = False,
) -> tuple[Path, list[Path], dict[Path, dict]]:
    """Find the documents of a corpus folder and match them with their manifest rows.

    Args:
        path: The corpus folder; None for the embedded corpus.
        manifest: The manifest; None for the default (see :func:`load_corpus`).
        problems: Where unusable files, links, folders and manifest rows are reported.
        follow_outside_links: Read files that symbolic links lead to outside the folder
            (by default such links are reported and not followed).

    Returns:
        The resolved folder, the files to read (sorted, all inside the folder), and the
        manifest row of each file that has one.

    Raises:
        CorpusError: The folder does not exist or the manifest cannot be read.
    """
    folder = Path(path) if path is not None else paths.RAW_DIR
    if manifest is None:
        if path is None:
            manifest = paths.MANIFEST
        elif (folder / "corpus.csv").is_file():
            manifest = folder / "corpus.csv"
    if not folder.is_dir():
        raise CorpusError(
            f"{paths.relative_to_project(folder)}: the corpus folder does not exist. "
            "Check the path."
        )
    folder = folder.resolve()
    finder = _Finder(folder, problems, follow_outside_links=follow_outside_links)
    finder.walk(folder, folder, frozenset({folder}))
    files = finder.files()
    rows: dict[Path, dict] = {}
    if manifest is not None:
        table = read_manifest(manifest, problems=problems)
        rows = _manifest_rows(table, finder, Path(manifest), problems)
        extra = rows.keys() - set(files)  # files is sorted: only rows naming others re-sort
        if extra:
            files = sorted([*files, *extra])
    return folder, files, rows


def load_corpus(
    path: str | Path | None = None,
    *,
    manifest: str | Path | None = None,
    strict: bool = False,
    rules: Rules | None = None,
    progress: bool | None = None,
    follow_outside_links: bool = False,
    furniture_share: float | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> Corpus:
    """Load, clean and segment a folder of documents.

    Args:
        path: The corpus folder (``.txt``, ``.text`` and ``.md`` files, sub-folders
            included). Defaults to the embedded corpus in ``data/raw/``.
        manifest: A CSV describing the documents (see :func:`read_manifest`); what
            it states overrides what is read from the text. Defaults to
            ``data/corpus.csv`` for the embedded corpus, and to ``corpus.csv``
            inside ``path`` when there is one; a folder without a manifest loads too.
        strict: Raise on the first problem instead of reporting it in
            ``Corpus.problems`` and skipping the file.
        rules: Cleaning rules (default: ``data/cleaning/``).
        progress: Show a progress bar; by default one is shown for 200 files or more
            unless ``IECORPUS_PROGRESS=0`` (as in rendered reports and tests).
        follow_outside_links: Read the files that symbolic links in the folder lead to
            outside it; by default such links are reported in ``problems`` and not read.
            Manifest rows naming a path outside the folder are never read.
        furniture_share: Remove, as site furniture (reason ``furniture``), every short
            line that at least this share of the documents repeats (and at least three
            of them); None, the default, reads each page on its own.
        workers: Read, clean and segment the files on this many Dask workers, in
            partitions of files (see :mod:`iecorpus.engine`); 1 (the default, or
            ``IECORPUS_WORKERS``) does it here. The tables are the same either way.
        scheduler: The address of a Dask scheduler to run on (default:
            ``IECORPUS_SCHEDULER``, else a local cluster when ``workers`` is above 1).

    Returns:
        The :class:`Corpus`.

    Note:
        Nothing goes missing silently: a file is loaded or has a row in ``problems``
        (as do unlistable folders, link loops, dangling links, malformed manifest rows,
        files that share a name without their suffix, and pages that cleaning emptied).

    Raises:
        CorpusError: The folder is missing or holds no document that could be
            read; in strict mode, any problem with any file or manifest row.
    """
    rules = rules or load_rules()
    problems = Problems(strict)
    folder, files, rows = locate_documents(
        path, manifest=manifest, problems=problems, follow_outside_links=follow_outside_links
    )
    names = _names_in(folder, files)
    doc_ids = assign_doc_ids(names, problems)

    furniture = frozenset()
    if furniture_share is not None:
        furniture = find_furniture(_raw_texts(files, rows), min_share=furniture_share)
    tasks = []
    for file, name in zip(files, names, strict=True):
        tasks.append((file, name, doc_ids[name], rows.get(file, {})))
    n_workers = resolve_workers(workers, scheduler)
    if n_workers <= 1:  # one partition, in this process: the serial path
        partitions, shown = [tasks], progress
    else:
        size = partition_size(len(tasks), n_workers, most=PARTITION_FILES)
        partitions, shown = chunk(tasks, size), False
    loaded = map_tasks(
        load_partition,
        partitions,
        workers=n_workers,
        scheduler=scheduler,
        progress_label="loading" if progress is not False and n_workers > 1 else None,
        rules=rules,
        strict=strict,
        furniture=furniture,
        progress=shown,
    )
    records, longest, raw_texts = [], [], {}
    # The first partition's tables grow by the others' rows (one partition: not copied).
    first = loaded[0] if loaded else LoadedPartition()
    removed, paragraphs, sentences = first.removed, first.paragraphs, first.sentences
    for part in loaded:  # in file order, as the serial path reads them
        if part.error is not None:
            raise part.error
        problems.rows.extend(part.problems)
        records.extend(part.records)
        longest.extend(part.longest)
        raw_texts.update(part.raw)
        if part is not first:
            removed.extend(part.removed)
            paragraphs.extend(part.paragraphs)
            sentences.extend(part.sentences)

    problem_table = problems.table()
    if not records:
        listed = (
            "; ".join(f"{r.file}: {r.problem}" for r in problem_table.itertuples())
            or "no .txt files"
        )
        raise CorpusError(
            f"{paths.relative_to_project(folder)}: no document could be loaded ({listed}). "
            "Put UTF-8 .txt files (one article each) in the folder."
        )
    if len(problem_table):
        summary = "; ".join(f"{r.file}: {r.problem}" for r in problem_table.head(5).itertuples())
        more = f" and {len(problem_table) - 5} more" if len(problem_table) > 5 else ""
        warnings.warn(
            f"{len(problem_table)} problem(s) while loading: {summary}{more}. See corpus.problems.",
            stacklevel=2,
        )
    flags = find_duplicates(
        [r["doc_id"] for r in records], [r["text"] for r in records], longest=longest
    )
    for record, flag in zip(records, flags, strict=True):
        record["duplicate_of"] = flag
    return Corpus(
        documents=pd.DataFrame(records, columns=DOCUMENT_COLUMNS),
        paragraphs=paragraphs.to_frame(),
        sentences=sentences.to_frame(),
        removed=removed.to_frame(),
        problems=problem_table,
        raw=raw_texts,
    )


@dataclass
class LoadedPartition:
    """What loading one partition of files gives: rows of every table, in file order.

    Attributes:
        records: ``documents`` rows (dicts, without ``duplicate_of``: that is corpus-wide).
        longest: The longest paragraph of each record's text, for
            :func:`iecorpus.evidence.find_duplicates` (no second split of the texts).
        raw: The raw text of each document, by ``doc_id``.
        removed: ``removed`` rows, by column (:data:`REMOVED_COLUMNS`).
        paragraphs: ``paragraphs`` rows, by column (:data:`PARAGRAPH_COLUMNS`).
        sentences: ``sentences`` rows, by column (:data:`SENTENCE_COLUMNS`).
        problems: ``problems`` rows (dicts, :data:`PROBLEM_COLUMNS`).
        error: In strict mode, the problem that stopped the partition (raised by
            :func:`load_corpus` in file order); None otherwise.
    """

    records: list = field(default_factory=list)
    longest: list = field(default_factory=list)
    raw: dict = field(default_factory=dict)
    removed: Columns = field(default_factory=lambda: _table(REMOVED_COLUMNS))
    paragraphs: Columns = field(default_factory=lambda: _table(PARAGRAPH_COLUMNS))
    sentences: Columns = field(default_factory=lambda: _table(SENTENCE_COLUMNS))
    problems: list = field(default_factory=list)
    error: CorpusError | None = None


def load_partition(
    tasks: list[tuple[Path, str, str, dict]],
    *,
    rules: Rules,
    strict: bool = False,
    furniture: frozenset[str] = frozenset(),
    progress: bool | None = False,
) -> LoadedPartition:
    """Read, decode, clean and segment one partition of a corpus's files.

    Args:
        tasks: One ``(file, name, doc_id, manifest row)`` per file, in file order.
        rules: The cleaning rules.
        strict: Stop at the first problem (kept in ``error``, not raised, so that a
            cluster hands it back whole).
        furniture: Lines to remove as site furniture (see :func:`load_corpus`).
        progress: Show a progress bar over the files (see :func:`iecorpus.progress.track`).

    Returns:
        The :class:`LoadedPartition`: what :func:`load_corpus` concatenates.

    Note:
        A module-level function of picklable arguments, so that Dask workers (separate
        processes) can run it: :func:`load_corpus` sends it to :func:`iecorpus.engine.map_tasks`.
    """
    part = LoadedPartition()
    problems = Problems(strict)
    try:
        for file, name, doc_id, row in track(
            tasks, total=len(tasks), description="loading", enabled=progress
        ):
            try:
                record, raw = _load_one(file, name, row, rules, problems, furniture)
            except DocumentError as error:
                problems.add(error, name, error.problem, error.advice, "skipped")
                continue
            edits, clean_starts = record.pop("_edits")
            record["doc_id"] = doc_id
            part.raw[doc_id] = raw
            part.records.append(record)
            add_edit_rows(part.removed, doc_id, raw, edits, clean_starts)
            bodies = _segment(doc_id, record["text"], part.paragraphs, part.sentences)
            part.longest.append(longest_paragraph(bodies))
    except CorpusError as error:  # strict mode: the caller raises it, in file order
        part.error = error
    part.problems = problems.rows
    return part


def corpus_from_texts(documents: pd.DataFrame) -> Corpus:
    """Build a corpus from article bodies that need no cleaning (generated or already clean).

    Args:
        documents: One row per document with at least ``doc_id`` and ``text``
            (paragraphs separated by a blank line); other columns are kept as given.

    Returns:
        A :class:`Corpus` whose paragraphs and sentences are segmented exactly as
        :func:`load_corpus` segments them, with empty ``removed`` and ``problems`` tables
        and the texts as their own raw text.
    """
    paragraphs, sentences = _table(PARAGRAPH_COLUMNS), _table(SENTENCE_COLUMNS)
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        _segment(doc_id, text, paragraphs, sentences)
    return Corpus(
        documents=documents.reset_index(drop=True),
        paragraphs=paragraphs.to_frame(),
        sentences=sentences.to_frame(),
        removed=pd.DataFrame([], columns=REMOVED_COLUMNS),
        problems=pd.DataFrame([], columns=PROBLEM_COLUMNS),
        raw=dict(zip(documents["doc_id"], documents["text"], strict=True)),
    )


def empty_corpus(*, problems: pd.DataFrame | None = None) -> Corpus:
    """Build a corpus with no documents, for a folder where no file could be used.

    Args:
        problems: The files that could not be used (as ``Corpus.problems``, for example
            :func:`iecorpus.check.check_corpus`'s), so that a report can still list them.

    Returns:
        A :class:`Corpus` whose tables have their columns and no rows.
    """
    empty = corpus_from_texts(pd.DataFrame({c: pd.Series(dtype=object) for c in DOCUMENT_COLUMNS}))
    if problems is not None:
        empty.problems = problems.reindex(columns=PROBLEM_COLUMNS).reset_index(drop=True)
    return empty


def _raw_texts(files: list[Path], rows: dict[Path, dict]):
    """The decoded text of each readable file (the others are reported when loaded)."""
    for file in files:
        try:
            yield read_document(file, encoding=rows.get(file, {}).get("encoding") or None).text
        except DocumentError:
            continue


def _load_one(
    file: Path,
    name: str,
    row: dict,
    rules: Rules,
    problems: Problems,
    furniture: frozenset[str] = frozenset(),
) -> tuple[dict, str]:
    """Read, check and clean one file.

    Returns:
        Its ``documents`` row (holding the edits and where they stand in the cleaned text
        under ``_edits``, in the coordinates of the raw text) and its raw text as decoded.
    """
    decoded = read_document(file, encoding=row.get("encoding") or None)
    sha = decoded.sha256
    if row.get("sha256") and row["sha256"].lower() != sha:
        error = DocumentError(
            file,
            "its checksum differs from the manifest's sha256",
            "Raw files must not change: restore the original, or update the manifest "
            "if the new file is meant",
        )
        problems.add(error, name, error.problem, error.advice, "loaded")
    cleaned = clean_document(decoded.text, rules=rules, furniture=furniture)
    if not cleaned.text:
        error = DocumentError(
            file,
            "cleaning removed everything: the page may be all navigation or spam; "
            "see `corpus.removed`",
            "Read the page; if it holds an article, report the lines removed wrongly",
        )
        problems.add(error, name, error.problem, error.advice, "loaded")
    raw = decoded.as_decoded or decoded.text
    edits = _in_raw_coordinates(raw, decoded.text, cleaned)
    date, precision, date_source = (
        cleaned.date,
        cleaned.date_precision,
        "text" if cleaned.date else "",
    )
    from_url = find_url_date(row["url"], rules.url_dates) if row.get("url") else None
    if from_url and (not date or cleaned.date_evidence == "weak"):
        (date, precision), date_source = from_url, "url"
    if row.get("date"):
        parsed = parse_date(row["date"])
        if parsed:
            (date, precision), date_source = parsed, "manifest"
        else:
            error = DocumentError(
                file,
                f"the manifest date {row['date']!r} cannot be read",
                "Write it as YYYY-MM-DD, YYYY-MM or YYYY",
            )
            problems.add(error, name, error.problem, error.advice, "loaded")
    language = row.get("language") or detect_language(cleaned.text or decoded.text)
    if row.get("language") and language not in ("en", "zh"):
        error = DocumentError(
            file,
            f"the manifest language {language!r} is not en or zh",
            "Write en or zh, or leave the cell empty to detect it",
        )
        problems.add(error, name, error.problem, error.advice, "loaded")
        language = detect_language(cleaned.text or decoded.text)
    if language == "other":
        scripts = " and ".join(name_scripts(cleaned.text or decoded.text)[:2])
        error = DocumentError(
            file,
            f"the page is written in {scripts}, neither English nor Chinese: it is loaded "
            "with language `other` and counted in neither",
            "Remove it from the corpus folder, or write en or zh in the manifest's "
            "`language` column if it is meant",
        )
        problems.add(error, name, error.problem, error.advice, "loaded")
    record = {
        "doc_id": "",
        "file": name,
        "title": row.get("title") or cleaned.title or _fallback_title(cleaned.text, file),
        "title_source": "manifest"
        if row.get("title")
        else "headline"
        if cleaned.title
        else "first-sentence",
        "date": date or "",
        "date_precision": precision or "",
        "date_source": date_source,
        "language": language,
        "source": row.get("source") or cleaned.source or "",
        "author": row.get("author") or cleaned.author or "",
        "url": row.get("url", ""),
        "site": row.get("site", ""),
        "encoding": decoded.encoding,
        "sha256": sha,
        "text": cleaned.text,
        "n_chars_raw": len(raw),
        "n_chars_clean": len(cleaned.text),
        "_edits": edits,
    }
    return record, raw


_LINE_END = re.compile(r"\r\n?")
_START_END = attrgetter("start", "end")


def _in_raw_coordinates(raw: str, text: str, cleaned: Cleaned) -> tuple[list[Edit], list[int]]:
    """Carry the cleaner's edits of the normalised ``text`` back to the text as decoded.

    Args:
        raw: The text as decoded (byte-order marks and ``\r`` line endings included).
        text: ``raw`` with those dropped and normalised, as the cleaner read it.
        cleaned: The cleaner's result on ``text``.

    Returns:
        Edits in ``raw`` coordinates (the cleaner's, widened to the characters that
        normalising dropped inside them, plus a ``layout`` edit for each dropped
        ``\r`` or mark outside them) and where each stands in the cleaned text.
    """
    if raw == text:
        return cleaned.edits, cleaned.clean_starts
    # What normalising did, as plain numbers: where each change starts in ``raw``, how
    # many characters it dropped (the marks; the \r of \r\n; none where a lone \r became
    # \n) and what it put in their place.
    n_marks = len(raw) - len(raw.lstrip("\ufeff"))
    at = [0] if n_marks else []
    dropped = [n_marks] if n_marks else []
    for match in _LINE_END.finditer(raw, n_marks):
        at.append(match.start())
        dropped.append(1 if match.group() == "\r\n" else 0)
    shifts = list(accumulate(dropped, initial=0))  # characters dropped before each change
    # where each stands in ``text``: its start less what the changes before it took out
    positions = list(map(int.__sub__, at, shifts))
    before = bisect.bisect_left
    # a dropped character belongs to the character after it
    edits = [
        Edit(
            e.start + shifts[before(positions, e.start)],
            e.end + shifts[before(positions, e.end)],
            e.replacement,
            e.reason,
        )
        for e in cleaned.edits
    ]
    starts = [e.start for e in cleaned.edits]
    for k, position in enumerate(positions):  # a change outside the cleaner's edits: its own
        n = bisect.bisect_right(starts, position) - 1
        if n < 0 or cleaned.edits[n].end <= position:
            width = dropped[k] if k == 0 and n_marks else 1
            edits.append(Edit(at[k], at[k] + width, "" if dropped[k] else "\n", "layout"))
    edits.sort(key=_START_END)
    rebuilt, clean_starts = apply_edits(raw, edits)
    if rebuilt != cleaned.text:  # a bug, not a user's problem: say so loudly
        raise AssertionError("the audit in raw coordinates does not rebuild the cleaned text")
    return edits, clean_starts


def _restores(text: str, spans: list, raw: str) -> bool:
    try:
        return restore_raw(text, spans) == raw
    except ValueError:
        return False


def _fallback_title(text: str, file: Path) -> str:
    first = text.split("\n", 1)[0].strip()
    if not first:
        return file.stem
    return first if len(first) <= 80 else first[:79].rstrip() + "…"


def _segment(doc_id: str, text: str, paragraphs: Columns, sentences: Columns) -> list[str]:
    """Append a cleaned text's paragraph and sentence rows; return its paragraphs' texts."""
    return add_segment_rows(paragraphs, sentences, doc_id, text)


__all__ = [
    "Corpus",
    "LoadedPartition",
    "Problems",
    "assign_doc_ids",
    "corpus_from_texts",
    "empty_corpus",
    "load_corpus",
    "load_partition",
    "locate_documents",
    "read_manifest",
]
