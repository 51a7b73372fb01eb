"""Writing the tables a researcher may cite: CSV that Excel opens intact, a workbook per report."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pandas as pd

from . import paths
from .provenance import provenance

#: Excel's limits: characters in a sheet name, rows in a sheet, characters in a cell.
MAX_SHEET_NAME = 31
MAX_ROWS = 1_048_576
MAX_CELL_CHARS = 32_767
#: The first sheet of every workbook: which corpus, which library, when, which parameters.
ABOUT_SHEET = "About"

_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_FILE_STEM = re.compile(r"^[^/\\\x00-\x1f]+$")
#: Control characters an .xlsx file cannot hold (tab, line feed and carriage return can).
_ILLEGAL_IN_CELL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Text Excel would read as a formula when typed (``=``, ``+``, ``-``, ``@``), and the
#: start of an error code (``#N/A``): such text is stored explicitly as text.
_FORMULA_STARTS = ("=", "+", "-", "@")
_TEXT_GUARDED = (*_FORMULA_STARTS, "#")


def export_table(
    table: pd.DataFrame, name: str, *, processed_dir: str | Path | None = None
) -> Path:
    """Write a table as CSV that Excel opens with its Chinese intact.

    Args:
        table: Any DataFrame; its index is not written.
        name: The file name without ``.csv`` (``"events"`` writes ``events.csv``).
        processed_dir: The report's ``processed/`` folder (a notebook's ``processed_dir``
            parameter); None: ``data/processed/``. Created when missing.

    Returns:
        The file written.

    Raises:
        ValueError: ``name`` is empty or holds a path separator.

    Note:
        The file is UTF-8 with a byte-order mark (Excel reads a CSV without one in the
        system's legacy code page, which garbles Chinese) and ``\\n`` line ends; pandas
        reads it back with ``encoding="utf-8-sig"``. Cells are written as they are: a
        sentence that starts with ``=`` is data here, but Excel would read it as a
        formula when it opens the CSV, so open the report's workbook instead
        (:func:`write_workbook`) to read document text in Excel.
    """
    if not _FILE_STEM.match(name or "") or name in (".", ".."):
        raise ValueError(
            f"{name!r} is not a file name; pass a name such as 'events' (without folders)."
        )
    folder = paths.PROCESSED_DIR if processed_dir is None else Path(processed_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.csv"
    table.to_csv(target, index=False, encoding="utf-8-sig", lineterminator="\n")
    return target


def describe_corpus(
    corpus, *, corpus_dir: str | Path | None = None, manifest: str | Path | None = None
) -> dict[str, str]:
    """Say which corpus a report analysed, for the first sheet of its workbook.

    Args:
        corpus: The :class:`iecorpus.corpus.Corpus` (or its ``documents`` table).
        corpus_dir: The folder it was loaded from (a notebook's ``corpus_dir``); None:
            the embedded corpus in ``data/raw/``.
        manifest: The manifest it was loaded with (a notebook's ``manifest``); None: the
            default one (``data/corpus.csv`` for the embedded corpus).

    Returns:
        Labels and values, in order: ``corpus folder``, ``manifest``, ``documents``,
        ``documents by language`` (``"en 4, zh 1"``), ``date range`` (first to last
        dated document, with the number undated) and ``problems`` (files not used).
    """
    documents = getattr(corpus, "documents", corpus)
    problems = getattr(corpus, "problems", None)
    folder = (
        paths.relative_to_project(corpus_dir)
        if corpus_dir is not None
        else f"{paths.relative_to_project(paths.RAW_DIR)} (the embedded corpus)"
    )
    if manifest is not None:
        manifest_name = paths.relative_to_project(manifest)
    elif corpus_dir is None:
        manifest_name = paths.relative_to_project(paths.MANIFEST)
    elif (Path(corpus_dir) / "corpus.csv").is_file():
        manifest_name = paths.relative_to_project(Path(corpus_dir) / "corpus.csv")
    else:
        manifest_name = "none"
    languages = documents["language"].value_counts()
    dates = documents["date"].fillna("").astype(str)
    dated = sorted(d for d in dates if d)
    undated = len(dates) - len(dated)
    span = f"{dated[0]} to {dated[-1]}" if dated else "no dated document"
    if dated and undated:
        span += f" ({undated} undated)"
    return {
        "corpus folder": folder,
        "manifest": manifest_name,
        "documents": str(len(documents)),
        "documents by language": ", ".join(f"{k} {v}" for k, v in languages.items()),
        "date range": span,
        "problems": str(0 if problems is None else len(problems)),
    }


def name_sheets(names: list[str]) -> list[str]:
    """Turn table names into sheet names Excel accepts, each different from the others.

    Args:
        names: The tables' names, in order.

    Returns:
        One sheet name per table: the characters Excel forbids (``[ ] : * ? / \\``)
        become ``_``, apostrophes are stripped at both ends, names are cut to 31
        characters, and a name already taken (case-insensitively, the first sheet
        ``About`` included) gets `` (2)``, `` (3)``... within the limit.
    """
    taken = {ABOUT_SHEET.casefold(), "history"}  # "History" is reserved by Excel
    result = []
    for name in names:
        base = _FORBIDDEN_IN_SHEET_NAME.sub("_", str(name)).strip().strip("'").strip()
        base = base[:MAX_SHEET_NAME].rstrip("'") or "table"
        candidate, number = base, 1
        while candidate.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            candidate = base[: MAX_SHEET_NAME - len(suffix)].rstrip("'") + suffix
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


def write_workbook(
    tables: Mapping[str, pd.DataFrame],
    path: str | Path,
    *,
    corpus_info: Mapping[str, object],
    parameters: Mapping[str, object] | None = None,
    title: str = "",
    created: datetime | None = None,
) -> Path:
    """Write a report's tables into one ``.xlsx`` workbook, after a sheet saying how they were made.

    Args:
        tables: Sheet name to table, in the order the sheets should have; names are
            made acceptable to Excel by :func:`name_sheets`.
        path: The ``.xlsx`` file to write (its folder is created when missing).
        corpus_info: Labels and values describing the corpus, as :func:`describe_corpus`
            returns them.
        parameters: The notebook's parameters (name to value), listed on the first sheet.
        title: What the workbook holds (for example the notebook's title).
        created: When the tables were made; default: now, in UTC.

    Returns:
        The file written.

    Raises:
        ValueError: ``path`` does not end in ``.xlsx``, or a table has more rows than a
            sheet holds (1,048,575 after the header): export it as CSV instead.

    Note:
        The first sheet, ``About``, gives the title, the corpus (``corpus_info``), the
        library version and commit (:func:`iecorpus.provenance.provenance`), the time in
        UTC, the parameters, and one line per table with its sheet and row count. Every
        text cell is stored as text: a cell starting with ``=``, ``+``, ``-`` or ``@``
        stays the text it is and is never evaluated as a formula, also when edited in
        Excel. Control characters an ``.xlsx`` cannot hold become U+FFFD, and a cell
        longer than Excel's 32,767 characters is cut, ending in ``…``.
    """
    from openpyxl import Workbook  # imported here: only writing a workbook needs it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValueError(f"{paths.relative_to_project(path)}: a workbook's name ends in .xlsx.")
    for name, table in tables.items():
        if len(table) >= MAX_ROWS:
            raise ValueError(
                f"table {name!r} has {len(table):,} rows, more than an Excel sheet holds; "
                "export it with export_table (CSV) instead."
            )
    sheet_names = name_sheets(list(tables))
    made = created or datetime.now(timezone.utc)
    library = provenance()
    bold = Font(bold=True)

    book = Workbook(write_only=True)
    about = book.create_sheet(ABOUT_SHEET)
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 80

    def cell(sheet, value, *, header: bool = False):
        value = _cell_value(value)
        if not header and not (isinstance(value, str) and value[:1] in _TEXT_GUARDED):
            return value  # a number, a blank or plain text: openpyxl stores it as it is
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"  # never a formula or an error code
            if value[:1] in _FORMULA_STARTS:
                written.quotePrefix = True  # and Excel keeps it text when it is edited
        if header:
            written.font = bold
        return written

    def about_rows():
        yield [cell(about, title or "Tables of an iecorpus report", header=True)]
        yield []
        yield [cell(about, "corpus", header=True)]
        for label, value in corpus_info.items():
            yield [cell(about, label), cell(about, value)]
        yield []
        yield [cell(about, "made with", header=True)]
        yield [cell(about, "library"), cell(about, "iecorpus")]
        yield [cell(about, "version"), cell(about, library.version)]
        yield [cell(about, "commit"), cell(about, library.commit)]
        yield [
            cell(about, "created (UTC)"),
            cell(about, made.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")),
        ]
        yield []
        yield [cell(about, "parameters", header=True)]
        for name, value in (parameters or {}).items():
            yield [cell(about, name), cell(about, _parameter_text(value))]
        yield []
        yield [cell(about, "sheets", header=True)]
        for sheet_name, table in zip(sheet_names, tables.values(), strict=True):
            yield [cell(about, sheet_name), cell(about, f"{len(table):,} rows")]

    for row in about_rows():
        about.append(row)
    for sheet_name, table in zip(sheet_names, tables.values(), strict=True):
        sheet = book.create_sheet(sheet_name)
        sheet.freeze_panes = "A2"
        sheet.append([cell(sheet, str(c), header=True) for c in table.columns])
        for values in table.itertuples(index=False, name=None):
            sheet.append([cell(sheet, v) for v in values])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _cell_value(value):
    """A value openpyxl can store: numbers and booleans as they are, the rest as text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, np.generic):  # numpy scalars as Python numbers
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, int | float):
        return value
    text = value if isinstance(value, str) else str(value)
    text = _ILLEGAL_IN_CELL.sub("\ufffd", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def _parameter_text(value) -> str:
    """A parameter as a reader would write it: ``None``, ``[2, 3]``, ``'nmf'``."""
    return repr(value) if not isinstance(value, str) else value



def link_from_report(path: str | os.PathLike, *, processed_dir: str | os.PathLike | None) -> str:
    """The relative link from a rendered report to a file of its processed folder.

    Args:
        path: A file in the processed folder (a workbook, an exported table).
        processed_dir: The notebook's ``processed_dir`` parameter. ``make report`` puts a
            report beside its ``processed/`` folder; with None the report is in
            ``reports/`` (or ``notebooks/``, one level down too) and the folder is
            ``data/processed/``.

    Returns:
        A POSIX relative path, URL-quoted, for a Markdown link; the file name alone when
        no relative path exists (another drive on Windows).
    """
    report_dir = paths.REPORTS_DIR if processed_dir is None else Path(processed_dir).parent
    try:
        target = os.path.relpath(Path(path).resolve(), report_dir.resolve())
    except ValueError:
        target = Path(path).name
    return quote(Path(target).as_posix())

__all__ = [
    "link_from_report",
    "ABOUT_SHEET",
    "describe_corpus",
    "export_table",
    "name_sheets",
    "write_workbook",
]
