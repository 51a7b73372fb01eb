"""Tests for iecorpus.figures: CJK labels render, and saved figures do not churn git."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest

from iecorpus import figures

plt.switch_backend("Agg")

LABELS = [
    ("产教融合", "Industry-education integration"),
    ("校企合作 school-enterprise", "现代学徒制 −2"),
    ("《国家职业教育改革实施方案》", "2019–2024"),
]


def make_figure(title: str = "产教融合 mentions", xlabel: str = "year 年份"):
    """Return a small bar chart with Chinese and Latin text, drawn in the library's style."""
    with figures.figure_style():
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.bar(["2017", "2019", "2022"], [3, 5, 8])
        ax.set_title(title)
        ax.set_xlabel(xlabel)
    return fig


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize(("title", "xlabel"), LABELS, ids=["title", "mixed-minus", "book-title"])
def test_chinese_labels_render_without_missing_glyphs(tmp_path, title, xlabel):
    fig = make_figure(title, xlabel)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figures.save_figure(fig, "01-cjk", directory=tmp_path)


def test_missing_glyph_warning_is_detected_without_the_cjk_font(tmp_path):
    # The negative control: drawn outside the library's style, the same labels do warn.
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.set_title("产教融合 mentions")
        with pytest.warns(UserWarning, match="Glyph .* missing from font"):
            fig.canvas.draw()


def test_font_file_comes_from_mplfonts_and_is_registered():
    assert figures.cjk_font_path().name == figures.CJK_FONT_FILE
    assert "mplfonts" in figures.cjk_font_path().parts
    with figures.figure_style():
        names = {f.name for f in matplotlib.font_manager.fontManager.ttflist}
        assert figures.CJK_FONT in names
        assert matplotlib.rcParams["font.family"][:2] == [figures.LATIN_FONT, figures.CJK_FONT]
        assert matplotlib.rcParams["text.parse_math"] is False
    assert matplotlib.rcParams["text.parse_math"] is True  # restored after the block


def test_save_figure_writes_png_and_svg(tmp_path):
    written = figures.save_figure(make_figure(), "02-top-concepts", directory=tmp_path)
    assert written == [tmp_path / "02-top-concepts.png", tmp_path / "02-top-concepts.svg"]
    assert written[0].read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in written[1].read_bytes()


def test_save_figure_defaults_to_figures_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(figures.paths, "FIGURES_DIR", tmp_path / "figures")
    written = figures.save_figure(make_figure(), "04-timeline")
    assert [p.parent for p in written] == [tmp_path / "figures"] * 2


def test_saved_files_carry_no_date_or_version(tmp_path):
    png, svg = figures.save_figure(make_figure(), "03-topics", directory=tmp_path)
    svg_text = svg.read_text(encoding="utf-8")
    assert "<dc:date>" not in svg_text
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", svg_text)
    assert b"Matplotlib version" not in png.read_bytes()
    assert matplotlib.__version__.encode() not in png.read_bytes()


def test_saving_again_leaves_bytes_and_mtimes_alone(tmp_path):
    fig = make_figure()
    written = figures.save_figure(fig, "02-top-concepts", directory=tmp_path)
    old = 1_000_000_000_000_000_000  # 2001-09-09, far from now: any rewrite would show
    for path in written:
        os.utime(path, ns=(old, old))
    before = {p: p.read_bytes() for p in written}
    figures.save_figure(fig, "02-top-concepts", directory=tmp_path)
    for path in written:
        assert path.read_bytes() == before[path]
        assert path.stat().st_mtime_ns == old


def test_a_changed_figure_is_rewritten(tmp_path):
    png, svg = figures.save_figure(make_figure(), "02-x", directory=tmp_path)
    before = png.read_bytes(), svg.read_bytes()
    figures.save_figure(make_figure(title="另一个标题"), "02-x", directory=tmp_path)
    assert png.read_bytes() != before[0]
    assert svg.read_bytes() != before[1]


def count_draws(fig) -> list:
    """Record each time ``fig`` is drawn (by any backend) into the returned list."""
    draws: list = []
    draw = fig.draw

    def counted(renderer):
        draws.append(type(renderer).__name__)
        return draw(renderer)

    fig.draw = counted
    return draws


def test_a_saved_figure_shown_afterwards_is_not_drawn_again(tmp_path):
    fig = make_figure()
    png, _ = figures.save_figure(fig, "02-shown", directory=tmp_path)
    draws = count_draws(fig)
    assert figures.render_figure(fig, "png") == png.read_bytes()  # what the notebook shows
    assert draws == []


@pytest.mark.parametrize(
    "change",
    [
        lambda fig: fig.axes[0].set_title("另一个标题"),
        lambda fig: fig.axes[0].patches[0].set_height(1),
        lambda fig: fig.set_size_inches(5, 3),
    ],
    ids=["title", "bar", "size"],
)
def test_a_figure_changed_after_saving_is_drawn_again(tmp_path, change):
    fig = make_figure()
    png, svg = figures.save_figure(fig, "02-changed", directory=tmp_path)
    change(fig)
    again = make_figure()
    change(again)
    assert figures.render_figure(fig, "png") == figures.render_figure(again, "png")
    assert figures.render_figure(fig, "png") != png.read_bytes()
    assert figures.render_figure(fig, "svg") != svg.read_bytes()


def test_a_figure_is_drawn_again_under_other_settings(tmp_path):
    fig = make_figure()
    png, _ = figures.save_figure(fig, "02-dpi", directory=tmp_path)
    with matplotlib.rc_context({"savefig.dpi": 50}):
        small = figures.render_figure(fig, "png")
        assert small == figures.render_figure(make_figure(), "png") != png.read_bytes()
    assert figures.render_figure(fig, "png") == png.read_bytes()


SCRIPT = textwrap.dedent(
    """
    import sys
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from iecorpus.figures import save_figure
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([2017, 2019, 2024], [1, 4, 9], label="产教融合")
    ax.set_title("职业教育 vocational education")
    ax.legend()
    save_figure(fig, "02-run", directory=sys.argv[1])
    """
)


def test_two_separate_runs_write_identical_bytes(tmp_path):
    runs = [tmp_path / "a", tmp_path / "b"]
    for out in runs:
        subprocess.run([sys.executable, "-c", SCRIPT, str(out)], check=True)
    for suffix in ("png", "svg"):
        first, second = (out / f"02-run.{suffix}" for out in runs)
        assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("name", ["02-top-concepts.png", "sub/02-x", "", "02-x.svg"])
def test_bad_names_are_refused_with_advice(tmp_path, name):
    with pytest.raises(ValueError, match="bare file name"):
        figures.save_figure(make_figure(), name, directory=tmp_path)


def test_a_figure_left_as_the_last_expression_of_a_cell_shows_as_a_png():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    source = (
        "from matplotlib.figure import Figure\n"
        "import iecorpus.figures\n"
        "iecorpus.figures.setup_notebook()\n"
        "fig = Figure()\n"
        "fig.subplots().set_title('产教融合')\n"
        "fig"
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nbclient.NotebookClient(notebook, kernel_name="python3", timeout=60).execute()
    outputs = notebook.cells[0].outputs
    assert any("image/png" in output.get("data", {}) for output in outputs)
    assert not any(output.get("name") == "stderr" for output in outputs)


IMPORT_EVERY_MODULE = textwrap.dedent(
    """
    import copy, importlib, pkgutil
    import matplotlib
    from matplotlib import font_manager
    from IPython.core.interactiveshell import InteractiveShell
    from matplotlib.figure import Figure

    shell = InteractiveShell.instance()
    png = shell.display_formatter.formatters["image/png"]
    before = (copy.deepcopy(dict(matplotlib.rcParams)), dict(png.type_printers),
              len(font_manager.fontManager.ttflist))
    import iecorpus
    for module in pkgutil.walk_packages(iecorpus.__path__, "iecorpus."):
        importlib.import_module(module.name)
    after = (dict(matplotlib.rcParams), dict(png.type_printers),
             len(font_manager.fontManager.ttflist))
    changed = sorted(k for k in before[0] if before[0][k] != after[0][k])
    assert not changed, f"importing the library changed rcParams {changed}"
    assert Figure not in png.type_printers, "importing registered a display hook"
    assert before[1] == after[1] and before[2] == after[2]
    iecorpus.figures.setup_notebook()
    assert Figure in png.type_printers
    assert matplotlib.rcParams["text.parse_math"] is False
    print("ok")
    """
)


def test_importing_any_module_changes_no_global_state():
    pytest.importorskip("IPython")
    env = {**os.environ, "MPLBACKEND": "Agg"}
    run = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERY_MODULE], capture_output=True, text=True, env=env
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok"


def test_plotting_functions_leave_rcparams_alone(tmp_path):
    before = dict(matplotlib.rcParams)
    figures.save_figure(make_figure(title="$15/hour vs $12/hour"), "02-x", directory=tmp_path)
    assert dict(matplotlib.rcParams) == before
