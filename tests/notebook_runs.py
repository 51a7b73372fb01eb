"""Run a notebook on another corpus as ``make report`` does, and read what it showed.

The helpers the four notebook tests (``test_notebook_0N-*.py``) share: each generates its
corpora, runs its notebook on them with :func:`run_on`, and checks the executed notebook
with :func:`problems`, :func:`machine_paths` and its own check of the numbers it states.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from contextlib import contextmanager
from pathlib import Path

from iecorpus import paths
from iecorpus.report import run_notebook

#: What an output shows a reader: the kinds of data read as text.
TEXT_KINDS = ("text/markdown", "text/plain", "text/html")
#: A path of the machine that ran the notebook, which no output may show.
MACHINE_PATH = re.compile(r"/(root|home|tmp|work)/")


@contextmanager
def _report_environment():
    """Progress bars off and this checkout's library first, as ``make report`` runs kernels."""
    saved = {name: os.environ.get(name) for name in ("IECORPUS_PROGRESS", "PYTHONPATH")}
    lib = str(paths.PROJECT_ROOT / "lib")
    os.environ["IECORPUS_PROGRESS"] = "0"
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (lib, saved["PYTHONPATH"]) if p)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_on(
    notebook: str,
    corpus_dir: Path,
    out: Path,
    *,
    processed_dir: Path | None = None,
    figures_dir: Path | None = None,
) -> dict:
    """Execute a committed notebook on a corpus the way ``make report CORPUS=...`` does.

    Args:
        notebook: Its file name in ``notebooks/`` without the suffix ("01-corpus").
        corpus_dir: The corpus folder, given as the ``corpus_dir`` parameter.
        out: Folder of the executed copy (``out/NOTEBOOK.ipynb``).
        processed_dir: Its ``processed_dir``; ``out/processed`` when None.
        figures_dir: Its ``figures_dir``; ``out/figures`` when None.

    Returns:
        The executed notebook, as JSON.
    """
    out.mkdir(parents=True, exist_ok=True)
    executed = out / f"{notebook}.ipynb"
    parameters = {
        "corpus_dir": str(corpus_dir),
        "processed_dir": str(processed_dir or out / "processed"),
        "figures_dir": str(figures_dir or out / "figures"),
    }
    with _report_environment():
        run_notebook(paths.NOTEBOOKS_DIR / f"{notebook}.ipynb", executed, parameters=parameters)
    return json.loads(executed.read_text(encoding="utf-8"))


def tags(cell: dict) -> list[str]:
    """A cell's tags."""
    return cell.get("metadata", {}).get("tags", [])


def tagged(notebook: dict, tag: str) -> list[dict]:
    """The cells of a notebook that carry a tag."""
    return [c for c in notebook["cells"] if tag in tags(c)]


def output_text(output: dict, kinds: tuple[str, ...] = TEXT_KINDS) -> str:
    """What one output shows as text: a stream's text, or its data of ``kinds``, joined."""
    if output.get("output_type") == "stream":
        return "".join(output.get("text", ""))
    data = output.get("data", {})
    return "\n".join("".join(data[kind]) for kind in kinds if kind in data)


def output_texts(cell: dict, kinds: tuple[str, ...] = TEXT_KINDS) -> list[str]:
    """What each output of a cell shows as text (see :func:`output_text`), empty ones left out."""
    texts = [output_text(o, kinds) for o in cell.get("outputs", [])]
    return [t for t in texts if t]


def problems(notebook: dict) -> list[str]:
    """What a reader must never see: an error, text on stderr, a shown ``Warning``.

    Returns:
        One line per problem, naming the cell by its first source line; empty when none.
    """
    found = []
    for cell in notebook["cells"]:
        source = "".join(cell.get("source", "")).strip().split("\n")[0][:80]
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append(f"error {output.get('ename')}: {output.get('evalue')} in {source}")
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append(f"stderr {output_text(output)[:300]!r} in {source}")
        if any("Warning" in text for text in output_texts(cell)):
            found.append(f"a warning shown in {source}")
    return found


def machine_paths(notebook: dict) -> list[str]:
    """The outputs that show a path of the machine that ran the notebook (their start)."""
    return [
        text[:300]
        for cell in notebook["cells"]
        for text in output_texts(cell)
        if MACHINE_PATH.search(text)
    ]


def reference_corpus(load, *args, **kwargs):
    """Load a test corpus the test reads its numbers from, without the loading warnings.

    The problems of a hostile corpus are the notebook's to report (its outputs are checked
    by :func:`problems`); the test's own copy of the corpus needs them only as tables.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"\d+ problem\(s\) while loading", UserWarning)
        return load(*args, **kwargs)

