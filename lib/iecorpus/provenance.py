"""Which version of the library made a report or a table: its version and, in a checkout, commit."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

#: The checkout the library runs from, when it runs from one (``lib/iecorpus/`` inside it).
LIBRARY_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Provenance:
    """The library that made a result.

    Attributes:
        version: The package version (``iecorpus.__version__``, as in ``pyproject.toml``).
        commit: The full commit hash of the checkout the library runs from; "" when it is
            not a git checkout or git cannot tell (no git, an installed copy).
    """

    version: str
    commit: str = ""

    def __str__(self) -> str:
        commit = f", commit {self.commit[:12]}" if self.commit else ""
        return f"iecorpus {self.version}{commit}"


def read_commit(root: str | Path = LIBRARY_ROOT) -> str:
    """Return the commit a project checkout is at.

    Args:
        root: The folder holding the project's ``.git`` (a folder, or a file in a worktree).

    Returns:
        ``git rev-parse HEAD`` of ``root``; "" when ``root`` has no ``.git``, git is not
        installed, or it fails (for instance on a checkout owned by another user).
    """
    root = Path(root)
    if not (root / ".git").exists():
        return ""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and len(commit) == 40 else ""


def provenance() -> Provenance:
    """Say which version of the library is running, for a report's banner or a workbook.

    Returns:
        The :class:`Provenance`: ``str()`` of it reads "iecorpus 0.1.0, commit 1a2b3c4d5e6f".

    Note:
        The commit is that of the checkout holding the library's code, not of the corpus
        or of the working directory; uncommitted changes are not detected.
    """
    return Provenance(version=package_version(), commit=read_commit())


def package_version() -> str:
    """Return the installed package's version, as ``pyproject.toml`` declares it.

    Returns:
        The version from the package's metadata (``pip install -e .`` writes it);
        "0+unknown" when the code runs without being installed.
    """
    try:
        return metadata.version("iecorpus")
    except metadata.PackageNotFoundError:
        return "0+unknown"


__all__ = ["LIBRARY_ROOT", "Provenance", "package_version", "provenance", "read_commit"]
