"""The version and commit a result was made with, and the project's own licence and citation."""

import re
import subprocess

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import iecorpus
from iecorpus import paths, provenance
from iecorpus.provenance import LIBRARY_ROOT, Provenance, read_commit

yaml = pytest.importorskip("yaml")

PYPROJECT = tomllib.loads((paths.PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_version_is_the_one_pyproject_declares():
    assert provenance().version == iecorpus.__version__ == PYPROJECT["project"]["version"]


def test_the_commit_is_that_of_the_checkout_or_empty():
    commit = provenance().commit
    if (LIBRARY_ROOT / ".git").exists() and commit:
        head = subprocess.run(
            ["git", "-C", str(LIBRARY_ROOT), "rev-parse", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        assert commit == head
    assert re.fullmatch(r"([0-9a-f]{40})?", commit)


def test_a_folder_that_is_no_checkout_has_no_commit(tmp_path):
    assert read_commit(tmp_path) == ""
    (tmp_path / ".git").write_text("gitdir: /nowhere\n", encoding="utf-8")
    assert read_commit(tmp_path) == ""


@pytest.mark.parametrize(
    ("made", "text"),
    [
        (
            Provenance("0.1.0", "0123456789abcdef" * 2 + "01234567"),
            "iecorpus 0.1.0, commit 0123456789ab",
        ),
        (Provenance("0.1.0"), "iecorpus 0.1.0"),
    ],
)
def test_provenance_reads_as_a_line_of_a_report(made, text):
    assert str(made) == text


def test_citation_file_is_valid_cff_with_the_projects_version():
    citation = yaml.safe_load((paths.PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version", "license"):
        assert citation[key], key
    assert str(citation["version"]) == PYPROJECT["project"]["version"]
    assert citation["authors"] == [{"name": "iecorpus contributors"}]
    assert citation["license"] == "MIT"
    assert "repository-code" not in citation  # none is known yet


def test_the_licence_is_mit_and_leaves_the_third_party_pages_out():
    text = (paths.PROJECT_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "data/raw/" in text
