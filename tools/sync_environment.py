"""Generate environment.yml from pyproject.toml, or check that it is up to date (--check)."""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]

#: Packages that conda-forge does not carry: the pip line of environment.yml installs them.
PIP_ONLY = frozenset({"mplfonts"})

_REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(?P<spec>[^;]*?)\s*(?P<marker>;.*)?$"
)


def parse_requirement(requirement: str) -> tuple[str, str, bool]:
    """Split a PEP 508 requirement into its name, version specifier and whether it has a marker.

    Args:
        requirement: A string such as ``"pandas>=2.1"`` or ``"tomli; python_version < '3.11'"``.

    Returns:
        The normalised name, the specifier (maybe empty; extras are dropped, conda has
        none) and True when an environment marker follows a ``;``.

    Raises:
        ValueError: If the string is not a name followed by version specifiers.
    """
    match = _REQUIREMENT.match(requirement)
    if match is None or "@" in match["spec"]:
        raise ValueError(
            f"pyproject.toml: cannot read requirement {requirement!r}; write it as name>=version."
        )
    name = re.sub(r"[-_.]+", "-", match["name"]).lower()
    return name, match["spec"].replace(" ", ""), match["marker"] is not None


def conda_requirements(project: dict) -> list[str]:
    """List the dependencies of the project and all its extras as conda specs.

    Args:
        project: The ``[project]`` table of pyproject.toml.

    Returns:
        ``name>=version`` strings in pyproject order, without duplicates, without the
        project itself (extras that include other extras), without packages that need an
        environment marker and without packages conda-forge does not carry.
    """
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements.extend(extra)
    specs: dict[str, str] = {}
    for requirement in requirements:
        name, spec, has_marker = parse_requirement(requirement)
        if name != project["name"] and not has_marker and name not in PIP_ONLY:
            specs.setdefault(name, f"{name}{spec}")
    return list(specs.values())


def render_environment(pyproject: Path) -> str:
    """Render the environment.yml that corresponds to a pyproject.toml.

    Args:
        pyproject: Path of pyproject.toml.

    Returns:
        The text of environment.yml.
    """
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    editable = '-e ".[dev]"' if "dev" in project.get("optional-dependencies", {}) else "-e ."
    lines = [
        "# Generated from pyproject.toml by tools/sync_environment.py: do not edit by hand.",
        "# conda env create -f environment.yml && conda activate " + project["name"],
        f"# Installed by pip only (not on conda-forge): {', '.join(sorted(PIP_ONLY))}.",
        f"name: {project['name']}",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        f"  - python{project.get('requires-python', '')}",
        "  - pip",
        *(f"  - {spec}" for spec in conda_requirements(project)),
        "  - pip:",
        f"    - {editable}",
    ]
    return "\n".join(lines) + "\n"


def check(pyproject: Path, environment: Path) -> list[str]:
    """Compare environment.yml with what pyproject.toml generates.

    Args:
        pyproject: Path of pyproject.toml.
        environment: Path of environment.yml.

    Returns:
        The lines of a unified diff from the file to the expected text; empty when
        they agree.
    """
    expected = render_environment(pyproject)
    actual = environment.read_text(encoding="utf-8") if environment.is_file() else ""
    return list(
        difflib.unified_diff(
            actual.splitlines(keepends=True),
            expected.splitlines(keepends=True),
            fromfile=f"{environment.name} (committed)",
            tofile=f"{environment.name} (from {pyproject.name})",
        )
    )


def main(argv: list[str] | None = None) -> int:
    """Write or check environment.yml.

    Args:
        argv: Command-line arguments; ``sys.argv[1:]`` when None.

    Returns:
        0 when the file was written or is up to date, 1 when ``--check`` finds it stale.
    """
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    parser.add_argument("--environment", type=Path, default=ROOT / "environment.yml")
    args = parser.parse_args(argv)
    if not args.check:
        args.environment.write_text(render_environment(args.pyproject), encoding="utf-8")
        return 0
    diff = check(args.pyproject, args.environment)
    if diff:
        sys.stderr.write(
            f"{args.environment} is out of date with {args.pyproject}: pyproject.toml is the "
            "source of truth; run `python tools/sync_environment.py` and commit both files.\n"
        )
        sys.stderr.writelines(diff[:40])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
