"""The package's shape: no import cycle, no private names across modules, one Han class."""

import ast
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = ROOT / "lib" / "iecorpus"
PACKAGE = "iecorpus"
MODULES = {
    path.stem if path.stem != "__init__" else PACKAGE: path
    for path in sorted(PACKAGE_DIR.glob("*.py"))
}
# A Han range in a regular expression: \u3400 or \u4e00 written out, or the characters.
HAN_RANGE = re.compile(r"\\u(?:3400|4e00)|\\U00020000|[\u3400\u4e00]-[\u4db5\u4dbf\u9fa5\u9fff]")


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def from_parts(node: ast.ImportFrom) -> list[str] | None:
    """The dotted parts after ``iecorpus`` of a ``from ... import``, or None if elsewhere."""
    if node.level == 1:
        return [p for p in (node.module or "").split(".") if p]
    if node.level == 0 and node.module and node.module.split(".")[0] == PACKAGE:
        return node.module.split(".")[1:]
    return None


def imported_modules(node: ast.AST, *, module: str) -> list[tuple[str, list[str]]]:
    """``(iecorpus module, names taken from it)`` for one import statement (any level)."""
    found = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            parts = alias.name.split(".")
            if parts[0] == PACKAGE:
                found.append((parts[1] if len(parts) > 1 else PACKAGE, []))
    elif isinstance(node, ast.ImportFrom) and (parts := from_parts(node)) is not None:
        if parts:
            found.append((parts[0], [a.name for a in node.names]))
        else:  # from . import x, y: modules, or names of the package
            for alias in node.names:
                if alias.name in MODULES:
                    found.append((alias.name, []))
                else:
                    found.append((PACKAGE, [alias.name]))
    return [(target, names) for target, names in found if target != module]


def module_aliases(tree: ast.Module) -> dict[str, str]:
    """Local names bound to iecorpus modules (``from . import terms as _terms``)."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and from_parts(node) == []:
            for alias in node.names:
                if alias.name in MODULES:
                    aliases[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == PACKAGE and len(parts) == 2 and alias.asname:
                    aliases[alias.asname] = parts[1]
    return aliases


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_uses(path: Path, *, own: str | None) -> list[str]:
    """Every underscored name of another iecorpus module that a file imports or reads."""
    tree = parse(path)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for target, names in imported_modules(node, module=own or ""):
                found += [
                    f"{path.name}:{node.lineno} imports {target}.{n}"
                    for n in names
                    if is_private(n)
                ]
    aliases = module_aliases(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not is_private(node.attr):
            continue
        value = node.value
        if isinstance(value, ast.Name) and aliases.get(value.id, own) != own:
            found.append(f"{path.name}:{node.lineno} reads {aliases[value.id]}.{node.attr}")
        elif (
            isinstance(value, ast.Attribute)
            and isinstance(value.value, ast.Name)
            and value.value.id == PACKAGE
            and value.attr in MODULES
            and value.attr != own
        ):
            found.append(f"{path.name}:{node.lineno} reads {value.attr}.{node.attr}")
    return found


def lazy_locations() -> dict[str, str]:
    """The package's public names and the modules it imports them from on first use."""
    for node in parse(MODULES[PACKAGE]).body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["_LOCATIONS"]:
            return ast.literal_eval(node.value)
    return {}


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for module, path in MODULES.items():
        graph[module] = {
            target
            for node in ast.walk(parse(path))
            for target, _ in imported_modules(node, module=module)
            if target in MODULES
        }
    graph[PACKAGE] |= set(lazy_locations().values())  # imported on first use, imported all the same
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path ``a -> b -> a``, or ``[]``."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = "open"
        stack.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                return stack[stack.index(target) :] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[module] = "done"
        stack.pop()
        return []

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            return cycle
    return []


def test_the_package_is_found():
    assert {"corpus", "glossary", "index", "terms", "tokens", PACKAGE} <= set(MODULES)


def test_the_internal_imports_have_no_cycle():
    graph = import_graph()
    # The package's __init__ imports the modules; a module importing from the package
    # root would close a cycle through it, and is caught like any other.
    assert graph["tokens"].isdisjoint({"glossary", "terms", "index"})
    assert find_cycle(graph) == [], " -> ".join(find_cycle(graph))


def test_every_public_name_of_the_package_comes_from_the_module_it_is_listed_under():
    import iecorpus

    locations = lazy_locations()
    assert sorted([*locations, "provenance"]) == iecorpus.__all__
    for name, module in locations.items():
        source = importlib.import_module(f"iecorpus.{module}")
        assert getattr(iecorpus, name) is getattr(source, name)
    assert set(iecorpus.__all__) <= set(dir(iecorpus))
    with pytest.raises(AttributeError, match="no attribute 'load_corpse'"):
        iecorpus.load_corpse  # noqa: B018


def test_importing_the_package_loads_none_of_the_heavy_libraries():
    # `python -m iecorpus.report` and `from iecorpus import paths` start in a fraction of a
    # second; a notebook pays for pandas, matplotlib, scikit-learn or jieba when it uses them.
    code = (
        "import sys, iecorpus, iecorpus.report\n"
        "from iecorpus import paths, provenance\n"
        "heavy = ('pandas', 'matplotlib', 'sklearn', 'jieba', 'scipy', 'nbformat', 'papermill')\n"
        "print(sorted(name for name in heavy if name in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


PENDING: dict[str, str] = {}


@pytest.mark.parametrize(
    "module",
    [
        pytest.param(m, marks=pytest.mark.xfail(reason=PENDING[m])) if m in PENDING else m
        for m in sorted(set(MODULES) - {PACKAGE})
    ],
)
def test_no_module_uses_another_modules_private_names(module):
    assert private_uses(MODULES[module], own=module) == []


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "benchmarks").glob("*.py")) + sorted((ROOT / "tests").glob("test_*.py")),
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_benchmarks_and_tests_use_public_names_of_other_modules(path):
    own = path.stem.removeprefix("test_") if path.parent.name == "tests" else None
    assert private_uses(path, own=own) == []


def test_a_private_use_is_caught(tmp_path):
    path = tmp_path / "bench_example.py"
    path.write_text(
        "from iecorpus import terms\n"
        "from iecorpus.topics import _fit\n"
        "import iecorpus\n"
        "terms._INDEXES.clear()\n"
        "iecorpus.tokens._tokenizer()\n",
        encoding="utf-8",
    )
    assert len(private_uses(path, own=None)) == 3


@pytest.mark.parametrize("module", sorted(set(MODULES) - {"chinese"}))
def test_the_han_character_class_is_defined_only_in_chinese(module):
    tree = parse(MODULES[module])
    strings = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    raw = MODULES[module].read_text(encoding="utf-8")
    found = [s for s in strings if HAN_RANGE.search(s)] + HAN_RANGE.findall(raw)
    assert found == [], f"{module}.py writes a Han range: use iecorpus.chinese.HAN"


def test_the_han_check_sees_a_range():
    assert HAN_RANGE.search(r"[\u4e00-\u9fff]")
    assert HAN_RANGE.search("[\u3400-\u9fff]")
    assert not HAN_RANGE.search("[A-Za-z]")
