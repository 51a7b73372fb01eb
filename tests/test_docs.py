"""README.md and CONTRIBUTING.md name only files that exist, and list every notebook and module."""

from __future__ import annotations

import re

import pytest

from iecorpus import paths

DOCS = ["README.md", "CONTRIBUTING.md", "benchmarks/README.md"]
#: Paths a reader makes or fills in: placeholders, generated folders, material outside.
NOT_IN_THE_REPOSITORY = re.compile(
    r"NN-|path/to|^\.\./|^reports/|^processed/|<|\.venv/|^data/processed/."
)


def named_paths(doc: str) -> list[str]:
    """The paths a document writes in backticks or links to: anything with a slash."""
    text = (paths.PROJECT_ROOT / doc).read_text(encoding="utf-8")
    quoted = re.findall(r"`([\w./-]+/[\w./-]*)`", text)
    linked = re.findall(r"\]\(([\w./-]+)\)", text)
    return [p for p in quoted + linked if not NOT_IN_THE_REPOSITORY.search(p)]


@pytest.mark.parametrize("doc", DOCS)
def test_every_path_a_document_names_exists(doc):
    found = named_paths(doc)
    base = (paths.PROJECT_ROOT / doc).parent
    missing = [
        p for p in found if not (base / p).exists() and not (paths.PROJECT_ROOT / p).exists()
    ]
    assert found and not missing


def test_the_readme_lists_every_notebook():
    readme = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for notebook in sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")):
        assert f"[`{notebook.stem}`](notebooks/{notebook.name})" in readme


def test_the_readme_library_layout_names_every_module():
    readme = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("### Library layout")[1].split("\n## ")[0]
    modules = sorted(p.name for p in (paths.PROJECT_ROOT / "lib" / "iecorpus").glob("*.py"))
    missing = [m for m in modules if m != "__init__.py" and f"`{m}`" not in layout]
    assert not missing, f"add {', '.join(missing)} to the Library layout of README.md"


def test_the_readme_says_what_each_evaluation_measures():
    readme = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for script in sorted((paths.PROJECT_ROOT / "benchmarks").glob("eval_*.py")):
        assert f"`benchmarks/{script.name}`:" in readme
