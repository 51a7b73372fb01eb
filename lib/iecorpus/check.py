"""Check a user's corpus folder before the notebooks run, with messages that say what to fix."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .corpus import Problems, locate_documents
from .reading import CorpusError, DocumentError, read_document


@dataclass
class CorpusCheck:
    """What a quick look at a corpus folder found.

    Attributes:
        n_files: Files that would be read as documents.
        n_readable: Of those, files that decode as text.
        problems: ``file``, ``problem``, ``advice``, ``action``, as in ``Corpus.problems``.
    """

    n_files: int
    n_readable: int
    problems: pd.DataFrame

    @property
    def usable(self) -> bool:
        """True when at least one document can be loaded."""
        return self.n_readable > 0


def check_corpus(
    path: str | Path | None,
    *,
    manifest: str | Path | None = None,
    follow_outside_links: bool = False,
) -> CorpusCheck:
    """Look over a corpus folder without cleaning it: fast enough for thousands of files.

    Args:
        path: The corpus folder.
        manifest: Its manifest; defaults to ``corpus.csv`` in the folder when there is one.
            With neither, the embedded corpus (``path`` None) is checked.
        follow_outside_links: Accept symbolic links to files outside the folder, as
            :func:`iecorpus.load_corpus` does with the same keyword. Manifest rows naming
            a path outside the folder are refused and never read.

    Returns:
        A :class:`CorpusCheck`.

    Raises:
        CorpusError: The folder does not exist, or the manifest cannot be read.
    """
    problems = Problems(strict=False)
    folder, files, rows = locate_documents(
        path, manifest=manifest, problems=problems, follow_outside_links=follow_outside_links
    )
    readable = 0
    for file in files:
        try:
            read_document(file, encoding=rows.get(file, {}).get("encoding") or None)
            readable += 1
        except DocumentError as error:
            name = file.relative_to(folder).as_posix()
            problems.add(error, name, error.problem, error.advice, "skipped")
    return CorpusCheck(len(files), readable, problems.table())


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
        "--follow-outside-links",
        action="store_true",
        help="read files that symbolic links lead to outside the folder",
    )
    args = parser.parse_args(argv)
    try:
        result = check_corpus(
            args.folder, manifest=args.manifest, follow_outside_links=args.follow_outside_links
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
    print(f"corpus check: {result.n_readable} of {result.n_files} files readable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
