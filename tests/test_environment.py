"""Tests for tools/sync_environment.py: environment.yml follows pyproject.toml, its one source."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "sync_environment.py"


def run_script(pyproject: Path, environment: Path, *options: str) -> subprocess.CompletedProcess:
    """Run ``sync_environment.py`` on the given files."""
    files = ["--pyproject", str(pyproject), "--environment", str(environment)]
    command = [sys.executable, str(SCRIPT), *files, *options]
    return subprocess.run(command, capture_output=True, text=True)


def run_check(pyproject: Path, environment: Path) -> subprocess.CompletedProcess:
    """Run ``sync_environment.py --check`` on the given files."""
    return run_script(pyproject, environment, "--check")


@pytest.fixture
def copies(tmp_path):
    """Copies of the committed pyproject.toml and environment.yml, free to edit."""
    for name in ("pyproject.toml", "environment.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path / "pyproject.toml", tmp_path / "environment.yml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_committed_environment_matches_pyproject():
    result = run_check(ROOT / "pyproject.toml", ROOT / "environment.yml")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("filename", "old", "new"),
    [
        ("pyproject.toml", '"pandas>=2.1"', '"pandas>=2.2"'),
        ("pyproject.toml", '"hypothesis",', '"hypothesis",\n    "networkx>=3",'),
        ("pyproject.toml", 'requires-python = ">=3.10"', 'requires-python = ">=3.11"'),
        ("environment.yml", "  - numpy>=1.26\n", "  - numpy>=2\n"),
        ("environment.yml", "  - tqdm\n", ""),
    ],
    ids=["raise-pin", "add-dependency", "raise-python", "edit-env-pin", "drop-from-env"],
)
def test_editing_one_file_and_not_the_other_fails_the_check(copies, filename, old, new):
    pyproject, environment = copies
    edit(pyproject if filename == "pyproject.toml" else environment, old, new)
    result = run_check(pyproject, environment)
    assert result.returncode == 1
    assert "environment.yml is out of date" in result.stderr
    assert "run `python tools/sync_environment.py`" in result.stderr


def test_missing_environment_file_fails_the_check(copies):
    pyproject, environment = copies
    environment.unlink()
    assert run_check(pyproject, environment).returncode == 1


def test_regenerating_brings_the_files_back_in_line(copies):
    pyproject, environment = copies
    edit(pyproject, '"pandas>=2.1"', '"pandas>=2.2"')
    assert run_script(pyproject, environment).returncode == 0
    assert "  - pandas>=2.2\n" in environment.read_text(encoding="utf-8")
    assert run_check(pyproject, environment).returncode == 0


def pyproject_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = [r for reqs in project["optional-dependencies"].values() for r in reqs]
    return [r for r in project["dependencies"] + extras if not r.startswith(project["name"])]


@pytest.mark.parametrize("requirement", pyproject_requirements())
def test_every_conda_dependency_keeps_its_minimum_version(requirement):
    environment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    name = requirement.split(";")[0].strip()
    if ";" in requirement or name.startswith("mplfonts"):
        # Marker-only and pip-only packages come through the `-e ".[dev]"` pip line.
        assert '    - -e ".[dev]"\n' in environment
    else:
        assert f"  - {name}\n" in environment


def test_environment_installs_the_project_itself_with_pip():
    environment = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "  - python>=3.10\n  - pip\n" in environment
    assert environment.endswith('  - pip:\n    - -e ".[dev]"\n')
