"""Draw, save and show figures: Chinese labels in a bundled CJK font, document text literal."""

from __future__ import annotations

import functools
import io
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

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


@dataclass
class _Rendered:
    """The images last rendered of one figure, and the settings they were drawn with."""

    rc: dict[str, Any]
    images: dict[str, bytes] = field(default_factory=dict)


#: Per figure, the images :func:`render_figure` made of it since it last changed.
_RENDERED: weakref.WeakKeyDictionary[Figure, _Rendered] = weakref.WeakKeyDictionary()


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


def register_cjk_font() -> None:
    """Add the bundled CJK font to matplotlib's font list for this process, once.

    Note:
        Nothing is written into matplotlib's data or cache folders, and no rcParam changes:
        :func:`figure_style` and :func:`use_cjk_font` say where the font is used.
    """
    if CJK_FONT not in {font.name for font in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(cjk_font_path()))


def style_params() -> dict[str, Any]:
    """Return the rcParams every figure of the library is drawn with.

    Returns:
        ``font.family`` and ``font.sans-serif`` listing the Latin font, then the CJK font
        (matplotlib falls back along ``font.family``, not along ``sans-serif``), and
        ``text.parse_math`` off: text from documents is drawn literally, so that
        ``$5m "smart campus" grant, $2m more`` neither fails as mathtext nor turns italic.
    """
    sans_serif = [f for f in mpl.rcParams["font.sans-serif"] if f not in (LATIN_FONT, CJK_FONT)]
    return {
        "font.family": [LATIN_FONT, CJK_FONT],
        "font.sans-serif": [LATIN_FONT, CJK_FONT, *sans_serif],
        "text.parse_math": False,
    }


@contextmanager
def figure_style() -> Iterator[None]:
    """Draw with the library's style (:func:`style_params`) inside a ``with`` block only.

    Yields:
        Nothing; matplotlib's rcParams are restored when the block ends.

    Note:
        Matplotlib reads some settings when a text is made and others (tick labels) when
        the figure is drawn, so both the plotting functions and :func:`render_figure` use
        this context. A figure of the library saved with a plain ``fig.savefig`` outside it
        may draw its tick labels in the global style: save it with :func:`save_figure`.
    """
    register_cjk_font()
    with mpl.rc_context(style_params()):
        yield


_Function = TypeVar("_Function", bound=Callable[..., Any])


def draw_with_style(function: _Function) -> _Function:
    """Decorate a plotting function so that it draws inside :func:`figure_style`.

    Args:
        function: A function that makes a matplotlib figure.

    Returns:
        The same function, run inside the style context.
    """

    @functools.wraps(function)
    def styled(*args, **kwargs):
        with figure_style():
            return function(*args, **kwargs)

    return styled  # type: ignore[return-value]


def use_cjk_font() -> None:
    """Make the library's style (CJK fallback, literal text) matplotlib's global default.

    Note:
        Changes ``matplotlib.rcParams`` for the whole process: an opt-in for figures that a
        notebook draws itself (:func:`setup_notebook` calls it). The library's own plotting
        functions do not need it. Call it again after ``plt.rcdefaults()`` or
        ``plt.style.use(...)``.
    """
    register_cjk_font()
    mpl.rcParams.update(style_params())


def render_figure(fig: Figure, fmt: str) -> bytes:
    """Render a figure to bytes that depend only on its content.

    Args:
        fig: The figure to render.
        fmt: ``"png"`` or ``"svg"``.

    Returns:
        The encoded image, without a software version or a date in it, drawn in
        :func:`figure_style`.

    Note:
        A figure saved with :func:`save_figure` and then shown in a notebook is drawn once
        per format, not once more for the screen: the image is kept until matplotlib marks
        the figure as changed (any ``set_...`` on it or on what it holds does) or the
        settings it is drawn with differ. Change a figure through matplotlib's methods,
        not by editing the arrays it was given, or call ``fig.stale = True`` after doing so.
    """
    with figure_style(), mpl.rc_context({"svg.hashsalt": _SVG_HASHSALT}):
        rc = dict(mpl.rcParams)
        kept = _RENDERED.get(fig)
        if kept is None or fig.stale or kept.rc != rc:
            kept = _RENDERED[fig] = _Rendered(rc)
        elif fmt in kept.images:
            return kept.images[fmt]
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata=_METADATA[fmt], bbox_inches="tight")
    image = kept.images[fmt] = buffer.getvalue()
    # Drawing leaves the figure as it was, but the tight bounding box marks it as changed
    # on the way out; what was just drawn is current until something changes it again.
    fig.stale = False
    return image


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


def setup_notebook(*, style: bool = True) -> bool:
    """Set a notebook up for the library's figures: call it once, in the setup cell.

    Args:
        style: Also make the library's figure style (:func:`use_cjk_font`) the global
            default, for figures the notebook draws itself.

    Returns:
        True when running inside IPython, where figures left as the last expression of a
        cell now display (:func:`show_figures_in_notebooks`).

    Note:
        Importing any module of the library changes no global state; this function is the
        one opt-in that does, for the kernel it runs in.
    """
    if style:
        use_cjk_font()
    return show_figures_in_notebooks()
