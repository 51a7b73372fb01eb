"""Check a user's corpus folder before the notebooks run, with messages that say what to fix."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .clean import clean_document, load_rules
from .corpus import Problems, locate_documents
from .dates import parse_date
from .reading import CorpusError, DocumentError, read_document
from .shapes import find_url_date

#: What a document without a date costs, and what to do: printed by ``python -m iecorpus.check``.
UNDATED_COST = (
    "an undated document is left out of every trend over time (notebooks 02 and 03) and "
    "gives no events to the timeline (notebook 04)"
)
UNDATED_ADVICE = (
    "Add a `date` column to the manifest (corpus.csv) and give each of them its "
    "publication date as YYYY-MM-DD, YYYY-MM or YYYY, or a `url` the date can be read from"
)


@dataclass
class CorpusCheck:
    """What a quick look at a corpus folder found.

    Attributes:
        n_files: Files that would be read as documents.
        n_readable: Of those, files that decode as text.
        problems: ``file``, ``problem``, ``advice``, ``action``, as in ``Corpus.problems``.
        undated: The readable documents for which no date was found after cleaning (none
            in the manifest, none on the page, none in the manifest's ``url``): ``file``
            and ``title`` (the manifest's, else the headline cleaning found, else empty).
            Empty when dates were not looked for.
    """

    n_files: int
    n_readable: int
    problems: pd.DataFrame
    undated: pd.DataFrame = dataclasses.field(
        default_factory=lambda: pd.DataFrame(columns=["file", "title"])
    )

    @property
    def usable(self) -> bool:
        """True when at least one document can be loaded."""
        return self.n_readable > 0


def check_corpus(
    path: str | Path | None,
    *,
    manifest: str | Path | None = None,
    follow_outside_links: bool = False,
    find_dates: bool = True,
) -> CorpusCheck:
    """Look over a corpus folder, and find the documents that will have no date.

    Args:
        path: The corpus folder.
        manifest: Its manifest; defaults to ``corpus.csv`` in the folder when there is one.
            With neither, the embedded corpus (``path`` None) is checked.
        follow_outside_links: Accept symbolic links to files outside the folder, as
            :func:`iecorpus.load_corpus` does with the same keyword. Manifest rows naming
            a path outside the folder are refused and never read.
        find_dates: Clean each readable page to find its date, as loading does, and list
            those left undated (cleaning runs at a few MB a second); False only reads.

    Returns:
        A :class:`CorpusCheck`.

    Raises:
        CorpusError: The folder does not exist, or the manifest cannot be read.
    """
    problems = Problems(strict=False)
    folder, files, rows = locate_documents(
        path, manifest=manifest, problems=problems, follow_outside_links=follow_outside_links
    )
    rules = load_rules() if find_dates else None
    readable, undated = 0, []
    for file in files:
        row = rows.get(file, {})
        name = file.relative_to(folder).as_posix()
        try:
            decoded = read_document(file, encoding=row.get("encoding") or None)
            readable += 1
        except DocumentError as error:
            problems.add(error, name, error.problem, error.advice, "skipped")
            continue
        if rules is None or (row.get("date") and parse_date(row["date"])):
            continue
        if row.get("url") and find_url_date(row["url"], rules.url_dates):
            continue
        cleaned = clean_document(decoded.text, rules=rules)
        if not cleaned.date:
            undated.append({"file": name, "title": row.get("title") or cleaned.title or ""})
    return CorpusCheck(
        len(files), readable, problems.table(), pd.DataFrame(undated, columns=["file", "title"])
    )


def main(argv: list[str] | None = None) -> int:
    """Run ``python -m iecorpus.check FOLDER [--manifest FILE]``.

    Args:
        argv: Command-line arguments; ``sys.argv[1:]`` when None.

    Returns:
        0 when the corpus can be loaded (problems with single files are listed), 2 when not.
    """
    parser = argparse.ArgumentParser(prog="python -m iecorpus.check", description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--manifest", type=Path, default=None)
    parser.add_argument(
        "--no-dates",
        action="store_true",
        help="only read the files; do not clean them to list the documents left undated",
    )
    parser.add_argument(
        "--follow-outside-links",
        action="store_true",
        help="read files that symbolic links lead to outside the folder",
    )
    args = parser.parse_args(argv)
    try:
        result = check_corpus(
            args.folder,
            manifest=args.manifest,
            follow_outside_links=args.follow_outside_links,
            find_dates=not args.no_dates,
        )
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for row in result.problems.itertuples():
        print(f"warning: {row.file}: {row.problem}. {row.advice}. ({row.action})", file=sys.stderr)
    if not result.usable:
        found = "no .txt, .text or .md files" if not result.n_files else "no file that can be read"
        print(
            f"error: {paths.relative_to_project(args.folder)} holds {found}. Put one article per "
            "UTF-8 .txt file in the folder (see README.md, 'Your own corpus').",
            file=sys.stderr,
        )
        return 2
    if len(result.undated):
        n = len(result.undated)
        print(
            f"note: {n} document{'s' if n > 1 else ''} will have no date (none in the manifest, "
            f"none found on the page or in its url); {UNDATED_COST}:",
            file=sys.stderr,
        )
        for row in result.undated.itertuples():
            print(f"  {row.file}" + (f"  ({row.title})" if row.title else ""), file=sys.stderr)
        print(f"  {UNDATED_ADVICE}.", file=sys.stderr)
    print(
        f"corpus check: {result.n_readable} of {result.n_files} files readable"
        + (f", {len(result.undated)} undated" if len(result.undated) else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
