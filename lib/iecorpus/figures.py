"""Save notebook figures reproducibly and render their Chinese labels with a bundled CJK font."""

from __future__ import annotations

import io
from importlib import resources
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.figure import Figure

from iecorpus import paths

#: Latin text is set in matplotlib's own font; characters it lacks fall back to the CJK font.
LATIN_FONT = "DejaVu Sans"
CJK_FONT = "Noto Sans CJK SC"
CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"

#: The formats every figure is written in, in this order.
FORMATS = ("png", "svg")

#: Keeps matplotlib from stamping the software version (PNG) or the date (SVG) into files.
_METADATA = {"png": {"Software": None}, "svg": {"Date": None}}
#: A fixed salt makes the ids inside SVG files the same from one run to the next.
_SVG_HASHSALT = "iecorpus"


def cjk_font_path() -> Path:
    """Return the Noto Sans CJK SC font file shipped by the ``mplfonts`` package.

    Returns:
        The path of the OpenType font file inside the installed package.

    Raises:
        FileNotFoundError: If the installed ``mplfonts`` does not ship the font.
    """
    path = Path(str(resources.files("mplfonts") / "fonts" / CJK_FONT_FILE))
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} not found: Chinese labels need the font shipped by mplfonts>=0.0.11; "
            'reinstall the project with `pip install -e ".[dev]"`.'
        )
    return path


def use_cjk_font() -> None:
    """Register the bundled CJK font and make it the fallback for characters Latin fonts lack.

    Note:
        Runs when this module is imported; call it again after ``plt.rcdefaults()`` or
        ``plt.style.use(...)``. The font is registered for this process only: nothing is
        written into matplotlib's data or cache folders. ``font.family`` must list the fonts
        themselves, as matplotlib falls back along that list, not along ``sans-serif``.
    """
    if CJK_FONT not in {font.name for font in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(cjk_font_path()))
    sans_serif = [f for f in mpl.rcParams["font.sans-serif"] if f not in (LATIN_FONT, CJK_FONT)]
    mpl.rcParams["font.family"] = [LATIN_FONT, CJK_FONT]
    mpl.rcParams["font.sans-serif"] = [LATIN_FONT, CJK_FONT, *sans_serif]


def render_figure(fig: Figure, fmt: str) -> bytes:
    """Render a figure to bytes that depend only on its content.

    Args:
        fig: The figure to render.
        fmt: ``"png"`` or ``"svg"``.

    Returns:
        The encoded image, without a software version or a date in it.
    """
    buffer = io.BytesIO()
    with mpl.rc_context({"svg.hashsalt": _SVG_HASHSALT}):
        fig.savefig(buffer, format=fmt, metadata=_METADATA[fmt], bbox_inches="tight")
    return buffer.getvalue()


def _write_if_changed(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` unless the file already holds exactly these bytes."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.write_bytes(data)


def save_figure(fig: Figure, name: str, *, directory: str | Path | None = None) -> list[Path]:
    """Save a figure as PNG and SVG, named after its notebook, without churning git.

    Args:
        fig: The figure to save.
        name: The file name without extension, starting with the notebook's number,
            for example ``"02-top-concepts"``.
        directory: Where to write the files; defaults to ``paths.FIGURES_DIR``.

    Returns:
        The paths of the PNG and the SVG file, in that order.

    Raises:
        ValueError: If ``name`` contains a folder or an extension.

    Note:
        A file is rewritten only when its bytes change, so re-running a notebook leaves
        unchanged figures (and their modification times) alone.
    """
    if not name or Path(name).name != name or Path(name).suffix.lower() in {".png", ".svg"}:
        raise ValueError(
            f"save_figure: name {name!r} must be a bare file name without folder or extension, "
            'such as "02-top-concepts"; pass the folder as directory=.'
        )
    folder = Path(directory) if directory is not None else paths.FIGURES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in FORMATS:
        path = folder / f"{name}.{fmt}"
        _write_if_changed(path, render_figure(fig, fmt))
        written.append(path)
    return written


# Importing this module is enough for a notebook's Chinese labels to render.
def show_figures_in_notebooks() -> bool:
    """Make a bare ``Figure`` the last expression of a notebook cell display as a PNG.

    The library draws on ``matplotlib.figure.Figure`` objects, not through pyplot, and
    IPython only knows how to show those once ``%matplotlib inline`` has run. Registering
    the PNG that :func:`render_figure` makes means a notebook shows exactly the image
    that :func:`save_figure` writes.

    Returns:
        True when running inside IPython, where the display is registered.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.display_formatter.formatters["image/png"].for_type(
        Figure, lambda f: render_figure(f, "png")
    )
    return True


use_cjk_font()
show_figures_in_notebooks()
