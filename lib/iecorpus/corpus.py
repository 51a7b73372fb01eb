"""Loading a folder of documents into tidy tables: documents, paragraphs, sentences, the audit."""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import paths
from .clean import Rules, clean_document, load_rules, restore_raw
from .dates import parse_date
from .evidence import find_duplicates, find_furniture
from .progress import track
from .reading import (
    CONVERTIBLE_SUFFIXES,
    TEXT_SUFFIXES,
    CorpusError,
    DocumentError,
    ManifestError,
    read_document,
)
from .segment import detect_language, split_paragraphs, split_sentences
from .shapes import find_url_date

MANIFEST_COLUMNS = (
    "file",
    "sha256",
    "title",
    "date",
    "language",
    "source",
    "url",
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


@dataclass
class Corpus:
    """A loaded corpus: one tidy table per level, and the audit of cleaning.

    Attributes:
        documents: One row per document: ``doc_id`` (file stem, or relative path
            without suffix in sub-folders), ``file``, ``title``, ``title_source``
            (manifest; headline, read from the page; first-sentence, a guess from the
            start of the text), ``date`` (ISO, as precise as known), ``date_precision``
            (day/month/year), ``date_source`` (manifest; text, read from the page; url,
            read from the manifest's ``url``), ``language`` (en/zh), ``source``,
            ``author``, ``url``, ``encoding``, ``sha256``, ``text`` (the cleaned body),
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
            ``replacement`` (empty for a removal, the repair otherwise).
        problems: Files that could not be used as given: ``file``, ``problem``,
            ``advice``, ``action`` (skipped, loaded, ignored).
        raw: The decoded raw text of each document, by ``doc_id``.
    """

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    removed: pd.DataFrame
    problems: pd.DataFrame
    raw: dict[str, str] = field(repr=False, default_factory=dict)

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
        table["restores_raw"] = [self.restore(d) == self.raw[d] for d in table.index]
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


def read_manifest(manifest: str | Path) -> pd.DataFrame:
    """Read a manifest: one row per document, ``file`` required, every other column optional.

    Args:
        manifest: A CSV file with a ``file`` column (paths relative to the corpus
            folder) and any of ``sha256``, ``title``, ``date`` (or ``publication_date``,
            ``pub_date``, ``published``), ``language``, ``source``, ``url``, ``author``,
            ``encoding``; ``note`` columns are for people and are left alone.

    Returns:
        The manifest as strings, empty cells as "". A column of another name is
        reported in a warning that names it, and is not used.

    Raises:
        ManifestError: The file is missing, unreadable, or has no ``file`` column.
    """
    manifest = Path(manifest)
    name = paths.relative_to_project(manifest)
    if not manifest.is_file():
        raise ManifestError(
            f"{name}: the manifest does not exist. Check the path, or load the folder without one."
        )
    try:
        table = pd.read_csv(manifest, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ManifestError(
            f"{name}: the manifest is not a readable UTF-8 CSV file ({exc}). Re-save it as CSV."
        ) from None
    table.columns = [str(c).strip().lower() for c in table.columns]
    table = _canonical_columns(table, name)
    if "file" not in table.columns:
        raise ManifestError(
            f"{name}: the manifest has no `file` column "
            f"(it has {', '.join(table.columns) or 'no columns'}). "
            "Add a `file` column naming each document relative to the corpus folder."
        )
    return table.apply(lambda column: column.str.strip())


def _canonical_columns(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Read aliases as their column, and name the columns loading will not use."""
    renames = {c: MANIFEST_ALIASES[c] for c in table.columns if c in MANIFEST_ALIASES}
    renames = {c: to for c, to in renames.items() if to not in table.columns}
    table = table.rename(columns=renames)
    unknown = [
        c
        for c in table.columns
        if c not in MANIFEST_COLUMNS and c not in MANIFEST_NOTES and c not in MANIFEST_ALIASES
    ]
    if unknown and "file" in table.columns:
        known = ", ".join(MANIFEST_COLUMNS)
        warnings.warn(
            f"{name}: the column(s) {', '.join(repr(c) for c in unknown)} are not used "
            f"(the columns read are {known}; publication dates go in `date`). Rename a "
            "column to use it, or leave it as a note.",
            stacklevel=3,
        )
    return table


def _doc_id(path: Path, folder: Path) -> str:
    return path.relative_to(folder).with_suffix("").as_posix()


class _Problems:
    """Collects what went wrong; raises at once in strict mode."""

    def __init__(self, strict: bool):
        self.strict, self.rows = strict, []

    def add(self, error: CorpusError, file: str, problem: str, advice: str, action: str) -> None:
        if self.strict:
            raise error
        self.rows.append({"file": file, "problem": problem, "advice": advice, "action": action})

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=PROBLEM_COLUMNS)


def _find_files(folder: Path, problems: _Problems) -> list[Path]:
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES and path.name.lower() != "readme.md":
            found.append(path)
        elif suffix in CONVERTIBLE_SUFFIXES:
            error = DocumentError(
                path, f"{suffix} files are not read", "Convert it to UTF-8 plain text (.txt)"
            )
            problems.add(
                error, _doc_id(path, folder) + suffix, error.problem, error.advice, "ignored"
            )
    return found


def _manifest_rows(
    table: pd.DataFrame, folder: Path, manifest: Path, problems: _Problems
) -> dict[Path, dict]:
    """Map each file the manifest names to its row, reporting rows that name nothing."""
    rows: dict[Path, dict] = {}
    manifest_name = paths.relative_to_project(manifest)
    for number, row in enumerate(table.to_dict("records"), start=2):
        name = row["file"]
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
        elif not path.is_file():
            advice = "Fix the name, put the file in the corpus folder, or delete the row"
            error = ManifestError(
                f"{where}: names {name!r}, which is not in "
                f"{paths.relative_to_project(folder)}. {advice}."
            )
            problems.add(
                error, name, f"named in the manifest ({where}) but missing", advice, "skipped"
            )
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
    path: str | Path | None, *, manifest: str | Path | None, problems: _Problems
) -> tuple[Path, list[Path], dict[Path, dict]]:
    """Find the documents of a corpus folder and match them with their manifest rows.

    Args:
        path: The corpus folder; None for the embedded corpus.
        manifest: The manifest; None for the default (see :func:`load_corpus`).
        problems: Where unusable files and manifest rows are reported.

    Returns:
        The resolved folder, the files to read (sorted), and the manifest row of each
        file that has one.

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
    files = _find_files(folder, problems)
    rows: dict[Path, dict] = {}
    if manifest is not None:
        rows = _manifest_rows(read_manifest(manifest), folder, Path(manifest), problems)
        files = sorted(set(files) | set(rows))
    return folder, files, rows


def load_corpus(
    path: str | Path | None = None,
    *,
    manifest: str | Path | None = None,
    strict: bool = False,
    rules: Rules | None = None,
    progress: bool | None = None,
    furniture_share: float | None = None,
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
        furniture_share: Remove, as site furniture (reason ``furniture``), every short
            line that at least this share of the documents repeats (and at least three
            of them); None, the default, reads each page on its own.

    Returns:
        The :class:`Corpus`.

    Raises:
        CorpusError: The folder is missing or holds no document that could be
            read; in strict mode, any problem with any file or manifest row.
    """
    rules = rules or load_rules()
    problems = _Problems(strict)
    folder, files, rows = locate_documents(path, manifest=manifest, problems=problems)

    furniture = frozenset()
    if furniture_share is not None:
        furniture = find_furniture(_raw_texts(files, rows), min_share=furniture_share)
    records, raw_texts, removed, paragraphs, sentences = [], {}, [], [], []
    for file in track(files, total=len(files), description="loading", enabled=progress):
        row = rows.get(file, {})
        name = file.relative_to(folder).as_posix()
        try:
            record, raw = _load_one(file, folder, row, rules, problems, furniture)
        except DocumentError as error:
            problems.add(error, name, error.problem, error.advice, "skipped")
            continue
        cleaned = record.pop("_cleaned")
        doc_id = record["doc_id"]
        raw_texts[doc_id] = raw
        records.append(record)
        removed.extend(
            (doc_id, e.start, e.end, s, e.reason, raw[e.start : e.end], e.replacement)
            for e, s in zip(cleaned.edits, cleaned.clean_starts, strict=True)
        )
        _segment(doc_id, cleaned.text, paragraphs, sentences)

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
    flags = find_duplicates([r["doc_id"] for r in records], [r["text"] for r in records])
    for record, flag in zip(records, flags, strict=True):
        record["duplicate_of"] = flag
    return Corpus(
        documents=pd.DataFrame(records, columns=DOCUMENT_COLUMNS),
        paragraphs=pd.DataFrame(paragraphs, columns=PARAGRAPH_COLUMNS),
        sentences=pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
        removed=pd.DataFrame(removed, columns=REMOVED_COLUMNS),
        problems=problem_table,
        raw=raw_texts,
    )


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
    paragraphs: list = []
    sentences: list = []
    for doc_id, text in zip(documents["doc_id"], documents["text"], strict=True):
        _segment(doc_id, text, paragraphs, sentences)
    return Corpus(
        documents=documents.reset_index(drop=True),
        paragraphs=pd.DataFrame(paragraphs, columns=PARAGRAPH_COLUMNS),
        sentences=pd.DataFrame(sentences, columns=SENTENCE_COLUMNS),
        removed=pd.DataFrame([], columns=REMOVED_COLUMNS),
        problems=pd.DataFrame([], columns=PROBLEM_COLUMNS),
        raw=dict(zip(documents["doc_id"], documents["text"], strict=True)),
    )


def _raw_texts(files: list[Path], rows: dict[Path, dict]):
    """The decoded text of each readable file (the others are reported when loaded)."""
    for file in files:
        try:
            yield read_document(file, encoding=rows.get(file, {}).get("encoding") or None).text
        except DocumentError:
            continue


def _load_one(
    file: Path,
    folder: Path,
    row: dict,
    rules: Rules,
    problems: _Problems,
    furniture: frozenset[str] = frozenset(),
) -> tuple[dict, str]:
    """Read, check and clean one file.

    Returns:
        Its ``documents`` row (holding the Cleaned result under ``_cleaned``) and its raw text.
    """
    name = file.relative_to(folder).as_posix()
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
    if language not in ("en", "zh"):
        error = DocumentError(
            file,
            f"the manifest language {language!r} is not en or zh",
            "Write en or zh, or leave the cell empty to detect it",
        )
        problems.add(error, name, error.problem, error.advice, "loaded")
        language = detect_language(cleaned.text or decoded.text)
    record = {
        "doc_id": _doc_id(file, folder),
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
        "encoding": decoded.encoding,
        "sha256": sha,
        "text": cleaned.text,
        "n_chars_raw": len(decoded.text),
        "n_chars_clean": len(cleaned.text),
        "_cleaned": cleaned,
    }
    return record, decoded.text


def _fallback_title(text: str, file: Path) -> str:
    first = text.split("\n", 1)[0].strip()
    if not first:
        return file.stem
    return first if len(first) <= 80 else first[:79].rstrip() + "…"


def _segment(doc_id: str, text: str, paragraphs: list, sentences: list) -> None:
    number = 0
    for k, (start, end) in enumerate(split_paragraphs(text)):
        body = text[start:end]
        heading = len(body) < 150 and not body.endswith(
            (".", "。", "!", "！", "”", '"', "…", ";", "；", ":", "：")
        )
        paragraphs.append((doc_id, k, start, end, end - start, heading, body))
        for s, e in split_sentences(text, start, end):
            sentences.append((doc_id, k, number, s, e, text[s:e]))
            number += 1


__all__ = ["Corpus", "corpus_from_texts", "load_corpus", "read_manifest"]
