"""Where the project keeps its data, figures and reports: the one place paths are spelled out."""

from __future__ import annotations

import os
from pathlib import Path

#: The repository root. ``IECORPUS_ROOT`` overrides it (for example to run the
#: library from an installed copy against a checkout elsewhere).
PROJECT_ROOT = Path(os.environ.get("IECORPUS_ROOT", Path(__file__).resolve().parents[2]))

DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
MANIFEST = DATA_DIR / "corpus.csv"
CLEANING_DIR = DATA_DIR / "cleaning"
PROCESSED_DIR = DATA_DIR / "processed"
EXAMPLES_DIR = DATA_DIR / "examples"
#: Example data the notebooks show beside the corpus (made-up pages, hand-made answers);
#: ``data/examples/README.md`` says what each holds. Tests use them too.
#: A Chinese rendering of document 000, simplified and traditional (notebook 02).
EXAMPLE_ZH_DIR = EXAMPLES_DIR / "zh"
#: Six made-up Chinese pages telling three stories, for the topic models (notebook 03).
EXAMPLE_TOPICS_ZH_DIR = EXAMPLES_DIR / "topics-zh"
#: Three made-up Chinese pages for the date and event rules (notebook 04).
EXAMPLE_TIMELINE_ZH_DIR = EXAMPLES_DIR / "timeline-zh"
#: The hand-made events of the five embedded documents (notebook 04).
TIMELINE_GOLD = EXAMPLES_DIR / "timeline_gold.csv"
#: The hand-made events of the Chinese pages in ``EXAMPLE_TIMELINE_ZH_DIR``.
TIMELINE_ZH_GOLD = EXAMPLE_TIMELINE_ZH_DIR / "zh_timeline_gold.csv"
FIGURES_DIR = PROJECT_ROOT / "figures"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"


def relative_to_project(path: str | os.PathLike) -> str:
    """Return ``path`` relative to the project root when it lies inside it.

    Args:
        path: Any file or folder path.

    Returns:
        A POSIX-style relative path for paths inside the project, else the path
        as given. Reports and error messages use it so that they do not show
        the layout of one machine.
    """
    p = Path(path)
    try:
        resolved = p.resolve()
    except (RuntimeError, OSError):  # a symbolic link loop: name the link itself
        resolved = p.parent.resolve() / p.name
    try:
        return resolved.relative_to(PROJECT_ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)
