"""Write the index page of a folder of rendered notebook reports (``make report``)."""

from __future__ import annotations

import argparse
import functools
import hashlib
import html
import json
import logging
import os
import re
import resource
import sys
import tempfile
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from iecorpus import paths
from iecorpus.prose import plural
from iecorpus.provenance import provenance

#: Rendered notebooks are named like their source: two digits, a hyphen, a slug.
REPORT_GLOB = "[0-9][0-9]-*.html"

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
       sans-serif; max-width: 46rem; margin: 2.5rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; background: #fff; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
.lead { color: #555; margin-top: 0; }
ol { padding-left: 0; list-style: none; }
li { border-top: 1px solid #ddd; padding: 0.9rem 0; }
li a { font-size: 1.1rem; font-weight: 600; color: #0b5394; text-decoration: none; }
li a:hover { text-decoration: underline; }
.file { color: #777; font-size: 0.85rem; font-family: ui-monospace, monospace; }
li p { margin: 0.3rem 0 0; }
li::after { content: ""; display: block; clear: both; }
.thumb { float: right; width: 11rem; max-height: 8rem; object-fit: contain; margin: 0 0 0.5rem 1rem;
         border: 1px solid #ddd; background: #fff; }
li a.code { color: #777; font-size: 0.85rem; font-weight: normal; }
h2 { font-size: 1.15rem; margin: 2rem 0 0; color: #444; }
.made-with { color: #777; font-size: 0.85rem; border-top: 1px solid #ddd; padding-top: 0.6rem; }
"""


#: The same report with its code shown is written next to it under this suffix.
CODE_SUFFIX = "-code"
#: A notebook marks the cell of its main figure with this tag; else its first figure is used.
MAIN_FIGURE_TAG = "main-figure"
#: What a report page is, from its notebook's metadata ``{"iecorpus": {"page": ...}}``: an
#: analysis of the corpus (the default) or a methods page, which says how the analyses work
#: and holds no finding; the index lists methods pages after the analyses, under a heading.
PAGE_KINDS = ("analysis", "methods")
#: nbconvert template of the reports: JupyterLab's, without the scripts it loads from a CDN.
TEMPLATE = "offline"
#: Folder holding :data:`TEMPLATE`.
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
#: nbconvert's messages, errors only, as ``jupyter nbconvert --log-level ERROR`` showed them
#: (its warning that figures have no alternative text would repeat on every run).
_NBCONVERT_LOG = logging.getLogger("iecorpus.report.nbconvert")
_NBCONVERT_LOG.setLevel(logging.ERROR)


@dataclass(frozen=True)
class Entry:
    """One rendered notebook.

    Attributes:
        filename: The report's HTML file.
        title: The notebook's title.
        question: The question it answers.
        thumbnail: The main figure as a ``data:image/png;base64`` URI, or "".
        code_filename: The same report with its code shown, or "" when there is none.
        kind: What the page is, one of :data:`PAGE_KINDS`.
    """

    filename: str
    title: str
    question: str
    thumbnail: str = ""
    code_filename: str = ""
    kind: str = "analysis"


def read_title(notebook: Path) -> tuple[str, str]:
    """Return the title and the question of a notebook from its first markdown cell.

    Args:
        notebook: An ``.ipynb`` file.

    Returns:
        The text of the first ``#`` heading and the paragraph that follows it, as
        plain (unescaped) text; empty strings when the cell has no such heading.

    Raises:
        ValueError: If the file is not a readable notebook.
    """
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(
            f"{paths.relative_to_project(notebook)} is not a readable notebook ({exc}); "
            "re-save it from Jupyter or restore it from git."
        ) from exc
    markdown = next((c for c in cells if c.get("cell_type") == "markdown"), None)
    if markdown is None:
        return "", ""
    source = markdown.get("source", "")
    lines = ("".join(source) if isinstance(source, list) else source).splitlines()
    return _title_and_paragraph(lines)


def read_page_kind(notebook: Path) -> str:
    """Return what kind of report page a notebook is, from its metadata.

    Args:
        notebook: An ``.ipynb`` file.

    Returns:
        ``"methods"`` when its metadata holds ``{"iecorpus": {"page": "methods"}}``;
        ``"analysis"`` otherwise, also for an unreadable file or an unknown kind.
    """
    try:
        metadata = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
        kind = metadata.get("iecorpus", {}).get("page", "analysis")
    except (OSError, ValueError, AttributeError):
        return "analysis"
    return kind if kind in PAGE_KINDS else "analysis"


def _title_and_paragraph(lines: list[str]) -> tuple[str, str]:
    """Split markdown lines into the first ``#`` heading and the paragraph after it."""
    for i, line in enumerate(lines):
        match = re.match(r"#\s+(.+?)\s*#*\s*$", line)
        if match:
            return _plain(match.group(1)), _plain(_first_paragraph(lines[i + 1 :]))
    return "", ""


def _plain(markdown: str) -> str:
    """Drop Markdown emphasis and code marks (``*word*``, ``**word**``, `` `code` ``)."""
    plain = re.sub(r"(\*{1,2}|`)(\S(?:.*?\S)?)\1", r"\2", markdown)
    return re.sub(r"(?<!\w)(_{1,2})(\S(?:.*?\S)?)\1(?!\w)", r"\2", plain)


def _first_paragraph(lines: list[str]) -> str:
    """Return the first block of non-blank lines, joined with spaces."""
    paragraph: list[str] = []
    for line in lines:
        if line.strip():
            if line.lstrip().startswith("#"):
                break
            paragraph.append(line.strip())
        elif paragraph:
            break
    return " ".join(paragraph)


def main_figure(notebook: Path) -> str:
    """Return the main figure of an executed notebook as a data URI.

    Args:
        notebook: An executed ``.ipynb`` file.

    Returns:
        The PNG output of the cell tagged ``main-figure``, else the first PNG output of
        the notebook, as ``data:image/png;base64,...``; "" when it has none or is unreadable.
    """
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    tagged = [c for c in cells if MAIN_FIGURE_TAG in c.get("metadata", {}).get("tags", [])]
    for cell in tagged + cells:
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                data = "".join(png) if isinstance(png, list) else png
                return "data:image/png;base64," + re.sub(r"\s", "", data)
    return ""


def collect_entries(report_dir: Path, *, notebooks_dir: Path) -> list[Entry]:
    """List the rendered notebooks of a report folder with their titles.

    Args:
        report_dir: Folder holding ``NN-*.html`` files.
        notebooks_dir: Folder of the source notebooks; when a notebook is not there, the
            executed copy next to the HTML file is read instead.

    Returns:
        One entry per HTML file: the analyses sorted by file name, then the methods pages
        (see :data:`PAGE_KINDS`) sorted by file name; a report whose notebook cannot be
        found is titled with its file name and taken for an analysis.
    """
    entries = []
    for page in sorted(report_dir.glob(REPORT_GLOB)):
        if page.stem.endswith(CODE_SUFFIX):
            continue
        candidates = [notebooks_dir / f"{page.stem}.ipynb", page.with_suffix(".ipynb")]
        source = next((c for c in candidates if c.is_file()), None)
        title, question = read_title(source) if source else ("", "")
        code = page.with_name(f"{page.stem}{CODE_SUFFIX}.html")
        entries.append(
            Entry(
                page.name,
                title or page.stem,
                question,
                thumbnail=main_figure(page.with_suffix(".ipynb")),
                code_filename=code.name if code.is_file() else "",
                kind=read_page_kind(source) if source else "analysis",
            )
        )
    return sorted(entries, key=lambda e: PAGE_KINDS.index(e.kind))  # stable: names stay sorted


def render_index(entries: list[Entry], *, heading: str, made_with: str = "") -> str:
    """Render the index page; every piece of document text is HTML-escaped.

    Args:
        entries: The reports to list, in order; methods pages (``kind="methods"``) are
            listed after the analyses, under a heading of their own.
        heading: The page title.
        made_with: The library that made the reports, as ``str(provenance())`` gives it
            ("iecorpus 0.1.0, commit 1a2b3c4d5e6f"); shown at the foot of the page.

    Returns:
        A self-contained HTML page (inline CSS, no external resources, no scripts).
    """
    analyses = [e for e in entries if e.kind != "methods"]
    methods = [e for e in entries if e.kind == "methods"]
    body = "<p>No reports yet: run <code>make report</code>.</p>" if not entries else ""
    if analyses:
        body += "<ol>\n" + "\n".join(_render_entry(e) for e in analyses) + "\n</ol>"
    if methods:
        items = "\n".join(_render_entry(e) for e in methods)
        body += f'\n<h2>How the reports are made</h2>\n<ol class="methods">\n{items}\n</ol>'
    if made_with:
        body += f'\n<p class="made-with">Made with {html.escape(made_with)}.</p>'
    lead = plural(len(analyses), "notebook", zero="0")
    if methods:
        lead += f" and {plural(len(methods), 'methods page')}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(heading)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(heading)}</h1>\n"
        f'<p class="lead">{lead}, executed and rendered by <code>make report</code>.</p>\n'
        f"{body}\n</body>\n</html>\n"
    )


def _render_entry(entry: Entry) -> str:
    """One list item of the index: thumbnail, linked title, question, link to the code."""
    link = html.escape(quote(entry.filename))
    thumbnail = (
        f'<a href="{link}"><img class="thumb" src="{html.escape(entry.thumbnail)}" '
        f'alt="{html.escape("Main figure of " + entry.title)}"></a>'
        if entry.thumbnail
        else ""
    )
    code = (
        f' · <a class="code" href="{html.escape(quote(entry.code_filename))}">with code</a>'
        if entry.code_filename
        else ""
    )
    question = f"\n<p>{html.escape(entry.question)}</p>" if entry.question else ""
    return (
        f'<li>{thumbnail}<a href="{link}">{html.escape(entry.title)}</a>'
        f' <span class="file">{html.escape(entry.filename)}{code}</span>{question}</li>'
    )


def build_index(report_dir: str | Path, *, notebooks_dir: str | Path = paths.NOTEBOOKS_DIR) -> Path:
    """Write ``index.html`` into a report folder, listing each rendered notebook.

    Args:
        report_dir: Folder holding the ``NN-*.html`` files written by ``make report``.
        notebooks_dir: Folder of the source notebooks, where titles and questions are read.

    Returns:
        The path of the index page.

    Raises:
        FileNotFoundError: If ``report_dir`` does not exist.
    """
    report_dir = Path(report_dir)
    if not report_dir.is_dir():
        raise FileNotFoundError(
            f"{paths.relative_to_project(report_dir)} does not exist; run `make report` first."
        )
    entries = collect_entries(report_dir, notebooks_dir=Path(notebooks_dir))
    heading = "Industry-education integration corpus: reports"
    if report_dir.resolve() != paths.REPORTS_DIR.resolve():
        heading += f" ({report_dir.name})"
    index = report_dir / "index.html"
    page = render_index(entries, heading=heading, made_with=str(provenance()))
    index.write_text(page, encoding="utf-8")
    return index


def stabilize_notebook(notebook: str | Path) -> None:
    """Make an executed notebook's cell ids depend only on its content.

    papermill gives the cell it injects (and cells of a notebook saved without ids) a
    random id, which nbconvert writes into the HTML; a content-derived id makes two runs
    of ``make report`` produce identical pages. Papermill's timing metadata is dropped
    for the same reason, and saved widget state for safety (see the comment below).

    Args:
        notebook: An ``.ipynb`` file, rewritten in place.
    """
    path = Path(notebook)
    data = json.loads(path.read_text(encoding="utf-8"))
    seen: set[str] = set()
    for number, cell in enumerate(data.get("cells", [])):
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        digest = hashlib.sha1(f"{number}\0{cell.get('cell_type')}\0{text}".encode()).hexdigest()
        cell["id"] = next(digest[k : k + 8] for k in range(0, 33) if digest[k : k + 8] not in seen)
        seen.add(cell["id"])
        cell.get("metadata", {}).pop("papermill", None)
        cell.get("metadata", {}).pop("execution", None)
    data.get("metadata", {}).pop("papermill", None)
    # Saved widget state would be embedded in the HTML as JSON inside a <script> element,
    # where a document's "</script>" ends the element early: untrusted text must not go
    # there. A report has no kernel anyway; explorers show a static snapshot instead.
    data.get("metadata", {}).pop("widgets", None)
    title, _ = read_title(path)
    if title:  # the browser tab shows the notebook's title, not its file name
        data.setdefault("metadata", {})["title"] = title
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def run_notebook(
    notebook: str | Path,
    output: str | Path,
    *,
    parameters: dict[str, str] | None = None,
    cwd: str | Path = paths.NOTEBOOKS_DIR,
) -> Path:
    """Execute a notebook with papermill, as ``papermill -k python3`` does.

    The kernel talks to papermill over local sockets (ZeroMQ's IPC transport, in a private
    temporary folder) instead of TCP ports on the loopback interface: nothing else on the
    machine can connect to it, and ipykernel does not print its warning that the kernel
    "is running over TCP without encryption" into every run of ``make report``. The copy
    is written when the run ends (or stops at a failing cell), not after every cell as
    papermill does by default: those saves serialised and validated the whole notebook,
    figures included, twice per cell, and cost more CPU than many of the cells.

    Args:
        notebook: The notebook to run.
        output: Where the executed copy is written.
        parameters: Values for the cell tagged ``parameters``, as strings (papermill's
            ``-r NAME VALUE``).
        cwd: The kernel's working folder.

    Returns:
        The executed notebook's path.

    Raises:
        papermill.PapermillExecutionError: If a cell raised; the executed copy, up to and
            including that cell, is written all the same.
    """
    import papermill

    with _local_sockets() as config:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters or {},
            kernel_name="python3",
            progress_bar=False,
            request_save_on_cell_execute=False,
            cwd=str(cwd),
            config=config,
        )
    return Path(output)


@contextmanager
def _local_sockets():
    """Yield a kernel manager configuration for ZeroMQ's IPC transport in a private folder."""
    from traitlets.config import Config

    with tempfile.TemporaryDirectory(prefix="iecorpus-kernel-") as sockets:
        config = Config()
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(Path(sockets) / "kernel")
        yield config


def execute_in_place(notebook: str | Path, *, cwd: str | Path | None = None) -> Path:
    """Execute a notebook top to bottom in a fresh kernel and save it over itself.

    What ``make notebooks`` runs before a commit: the outputs are those of ``jupyter
    nbconvert --to notebook --execute --inplace`` with ``record_timing`` and
    ``store_widget_state`` off (no timing metadata, no widget state, no papermill
    metadata), in the form nbval reads, but the kernel talks over local sockets as in
    :func:`run_notebook`, so ipykernel prints no warning about TCP without encryption.

    Args:
        notebook: The ``.ipynb`` file to execute and rewrite.
        cwd: The kernel's working folder; the notebook's own folder when None.

    Returns:
        The notebook's path.

    Raises:
        nbclient.exceptions.CellExecutionError: If a cell raised; the file is left as it was.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(notebook)
    node = nbformat.read(path, as_version=4)
    with _local_sockets() as config:
        NotebookClient(
            node,
            kernel_name="python3",
            record_timing=False,
            store_widget_state=False,
            resources={"metadata": {"path": str(cwd if cwd is not None else path.parent)}},
            config=config,
        ).execute()
    nbformat.write(node, path)
    return path


def prepare_corpus(parameters: dict[str, str] | None = None) -> str:
    """Clean the corpus the notebooks of a report will read, before any of them runs.

    ``make report`` does this first, so that every notebook reads the cleaned-corpus cache
    (:func:`iecorpus.cache.open_corpus`) and all of them can run side by side, instead
    of the first notebook cleaning it while the others wait.

    Args:
        parameters: The notebooks' parameters as papermill gets them (``-r NAME VALUE``):
            ``corpus_dir``, ``manifest`` and ``processed_dir`` decide which corpus and
            which cache, as in the notebooks; the others are not about the corpus.

    Returns:
        How the cache was obtained: ``read`` (it was up to date) or ``built``.

    Raises:
        CorpusError: As :func:`iecorpus.load_corpus` raises; the first notebook then
            reports the same error when it opens the corpus itself.
    """
    from iecorpus.cache import open_cached_corpus

    parameters = parameters or {}
    cached = open_cached_corpus(
        parameters.get("corpus_dir"),
        manifest=parameters.get("manifest"),
        processed_dir=parameters.get("processed_dir"),
    )
    return cached.status


def read_cell_times(notebook: str | Path, *, top: int = 5) -> list[dict]:
    """Return the slowest cells of a notebook papermill executed, from its timing metadata.

    Args:
        notebook: An ``.ipynb`` file written by :func:`run_notebook`, before
            :func:`stabilize_notebook` drops the timings.
        top: How many cells to return.

    Returns:
        Up to ``top`` dicts, slowest first: ``cell`` (its index in the notebook),
        ``seconds`` and ``source`` (its first line); an empty list for an unreadable file.
    """
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    times = []
    for number, cell in enumerate(cells):
        seconds = cell.get("metadata", {}).get("papermill", {}).get("duration")
        if isinstance(seconds, (int, float)):
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else source
            first = text.strip().splitlines()[0] if text.strip() else ""
            times.append({"cell": number, "seconds": round(seconds, 3), "source": first})
    return sorted(times, key=lambda t: -t["seconds"])[:top]


def _cpu_seconds() -> float:
    """CPU seconds (user + system) of this process and of the children it has waited for."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def render_notebook(notebook: str | Path, *, output_dir: str | Path) -> tuple[Path, Path]:
    """Stabilise an executed notebook and write both of its HTML reports.

    One process does what ``--stabilize`` and two ``jupyter nbconvert --to html`` runs did
    (``--embed-images --template offline``, the first with ``--no-input``), so the pages are
    the same, byte for byte, at a third of the start-up cost.

    Args:
        notebook: An executed ``.ipynb`` file; rewritten in place by
            :func:`stabilize_notebook` first.
        output_dir: Folder the pages are written to.

    Returns:
        The report without code (``NAME.html``) and the one with it (``NAME-code.html``).
    """
    path = Path(notebook)
    stabilize_notebook(path)
    written = []
    for suffix, without_code in (("", True), (CODE_SUFFIX, False)):
        resources = {"unique_key": path.stem, "output_files_dir": f"{path.stem}_files"}
        page, _ = _exporter(without_code).from_filename(str(path), resources=resources)
        target = Path(output_dir) / f"{path.stem}{suffix}.html"
        target.write_text(page, encoding="utf-8")
        written.append(target)
    return written[0], written[1]


@functools.lru_cache(maxsize=2)
def _exporter(without_code: bool):
    """The nbconvert exporter of one HTML form, made once per process (as nbconvert reuses one
    for every notebook it converts): its templates are compiled once."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.embed_images = True
    # The notebook is validated once, after nbconvert's preprocessors, not after each.
    config.Exporter.optimistic_validation = True
    config.TemplateExporter.template_name = TEMPLATE
    config.TemplateExporter.extra_template_basedirs = [str(TEMPLATES_DIR)]
    if without_code:  # what nbconvert's --no-input sets
        config.TemplateExporter.exclude_input = True
        config.TemplateExporter.exclude_input_prompt = True
        config.TemplateExporter.exclude_output_prompt = True
    return HTMLExporter(config=config, log=_NBCONVERT_LOG)


def _warm_up_rendering() -> None:
    """Render a small notebook in both forms, so that what nbconvert compiles and imports on
    its first page (templates, Markdown, highlighting, sanitising) is done once, here."""
    import nbformat

    cells = [
        nbformat.v4.new_markdown_cell("# Warm-up\n\nSome *text*, `code` and a [link](#x)."),
        nbformat.v4.new_code_cell(
            "print(1)",
            outputs=[
                nbformat.v4.new_output("stream", name="stdout", text="1\n"),
                nbformat.v4.new_output(
                    "display_data",
                    data={"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "1"},
                ),
                nbformat.v4.new_output("display_data", data={"text/markdown": "**1**"}),
            ],
        ),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    for without_code in (True, False):
        _exporter(without_code).from_notebook_node(notebook, resources={"unique_key": "warm-up"})


#: Lines of a failed notebook's log shown in the terminal.
LOG_TAIL_LINES = 30


def run_report(
    notebooks: list[Path],
    *,
    output_dir: Path,
    logs_dir: Path,
    cwd: Path = paths.NOTEBOOKS_DIR,
    parameters: dict[str, str] | None = None,
    jobs: int = 1,
    first_alone: bool = False,
) -> list[str]:
    """Run and render the notebooks of a report, each in a process of its own, side by side.

    Each notebook is executed and rendered as ``--run`` does, in a child process forked from
    this one once papermill and nbconvert are imported here and nbconvert has rendered a
    small page: the children start with them loaded and nbconvert's templates compiled,
    instead of doing it each (0.6 s of CPU a notebook). What a notebook prints
    goes to ``logs_dir/NAME.log`` (so that notebooks running side by side do not
    interleave), its times to ``logs_dir/NAME.json``; a failure writes the reason into
    ``logs_dir/NAME.failed`` and shows the end of the log on stderr.

    Args:
        notebooks: The notebooks, in order.
        output_dir: The report folder.
        logs_dir: Where the logs, times and failure reasons go.
        cwd: The kernels' working folder.
        parameters: Papermill parameters of every notebook, as strings.
        jobs: How many notebooks run at once.
        first_alone: Run the first notebook alone, and none of the others if it fails (it
            builds the cleaned-corpus cache the others read).

    Returns:
        The reasons of the notebooks that failed, in the order of ``notebooks``.

    Note:
        It waits for its children with ``os.wait``: call it from a process with no other
        child processes of its own running (``python -m iecorpus.report --run-all`` is one).
    """
    import papermill  # noqa: F401  (loaded once, here, for every child)

    _warm_up_rendering()

    arguments = ["--output-dir", str(output_dir), "--cwd", str(cwd)]
    for name, value in (parameters or {}).items():
        arguments += ["-r", name, value]
    queue = list(notebooks)
    running: dict[int, Path] = {}
    failed: dict[Path, str] = {}
    while queue or running:
        alone = first_alone and queue and queue[0] == notebooks[0]
        while queue and len(running) < (1 if alone else max(jobs, 1)):
            notebook = queue.pop(0)
            print(f"report: {notebook.stem}", flush=True)
            running[_fork_run(notebook, logs_dir, arguments)] = notebook
            if alone:
                break
        pid, status = os.wait()
        notebook = running.pop(pid, None)
        if notebook is None:  # not one of ours
            continue
        reason = _failure(notebook, os.waitstatus_to_exitcode(status), logs_dir)
        if reason:
            failed[notebook] = reason
            if alone:
                queue.clear()  # the others need what the first one builds
    return [failed[n] for n in notebooks if n in failed]


def _fork_run(notebook: Path, logs_dir: Path, arguments: list[str]) -> int:
    """Start ``--run`` of one notebook in a forked child, its output in its log; its pid."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        log = os.open(logs_dir / f"{notebook.stem}.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        # Python's streams write to the log too, whatever the parent had made of them.
        sys.stdout = os.fdopen(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
        sys.stderr = os.fdopen(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
        timings = ["--timings", str(logs_dir / f"{notebook.stem}.json")]
        code = main(["--run", str(notebook), *arguments, *timings])
    except BaseException:  # whatever happens, the child ends here, and says why
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _failure(notebook: Path, code: int, logs_dir: Path) -> str:
    """Record why a notebook's run failed (``""`` when it did not) and show its log's end."""
    if code == 0:
        return ""
    name = notebook.stem
    if code == 3:
        reason = f"notebook {name} did not run to the end"
    else:
        reason = f"notebook {name} could not be rendered"
    (logs_dir / f"{name}.failed").write_text(reason + "\n", encoding="utf-8")
    log = logs_dir / f"{name}.log"
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.is_file() else []
    tail = "".join(f"{line}\n" for line in lines[-LOG_TAIL_LINES:])
    sys.stderr.write(f"report: {name} failed; the end of {log}:\n{tail}")
    sys.stderr.flush()
    return reason


def _skip_unused_imports(argv: list[str]) -> None:
    """Keep optional integrations that the command never uses out of its process.

    Two of the tools import such modules eagerly, and they cost more CPU than the work:

    - nbformat validates notebooks with jsonschema, which imports ``rfc3987_syntax`` when it
      is installed, to check the ``iri`` string format; that module compiles a Lark grammar
      at import (0.7 s of CPU). The notebook schemas use no IRI format, so validation is the
      same without it.
    - papermill imports pyarrow (and numpy with it, 0.2 s) for notebooks on HDFS; the
      report's notebooks are local files. ``--prepare`` reads the corpus cache with pyarrow,
      and keeps it.

    A module set to None in ``sys.modules`` fails to import, which both tools expect of an
    optional module. Only ``python -m iecorpus.report`` does this, in its own process: a
    program that imports this module keeps its imports as they are.

    Args:
        argv: The command's arguments.
    """
    sys.modules.setdefault("rfc3987_syntax", None)
    if "--prepare" not in argv:
        sys.modules.setdefault("pyarrow", None)


def main(argv: list[str] | None = None) -> int:
    """Run ``python -m iecorpus.report [report_dir]``.

    Args:
        argv: Command-line arguments; ``sys.argv[1:]`` when None.

    Returns:
        The process exit code.
    """
    parser = argparse.ArgumentParser(
        prog="python -m iecorpus.report", description=__doc__, allow_abbrev=False
    )
    parser.add_argument("report_dir", nargs="?", type=Path, default=paths.REPORTS_DIR)
    parser.add_argument(
        "--stabilize", type=Path, metavar="NOTEBOOK", help="only make a notebook's cell ids stable"
    )
    parser.add_argument(
        "--render",
        type=Path,
        metavar="NOTEBOOK",
        help="stabilise an executed notebook and write its two HTML reports into --output-dir",
    )
    parser.add_argument(
        "--run",
        type=Path,
        metavar="NOTEBOOK",
        help="execute a notebook into --output-dir (exit status 3 if a cell fails), then render it",
    )
    parser.add_argument(
        "--output-dir", type=Path, help="where --render and --run write (default: beside)"
    )
    parser.add_argument(
        "--run-all",
        type=Path,
        nargs="+",
        metavar="NOTEBOOK",
        help="run and render notebooks into --output-dir, each as --run does, --jobs at a time, "
        "their output in --logs (exit status 1 if any failed)",
    )
    parser.add_argument("--logs", type=Path, metavar="FOLDER", help="where --run-all logs")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks --run-all runs at once")
    parser.add_argument(
        "--first-alone",
        action="store_true",
        help="--run-all runs the first notebook alone, and the others only if it succeeds",
    )
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="clean the corpus that notebooks run with these -r parameters read, once",
    )
    parser.add_argument(
        "--inplace",
        type=Path,
        metavar="NOTEBOOK",
        help="execute a notebook in a fresh kernel and save it over itself (make notebooks)",
    )
    parser.add_argument(
        "--timings",
        type=Path,
        metavar="FILE",
        help="with --run: write its wall and CPU seconds and its slowest cells there, as JSON",
    )
    parser.add_argument(
        "--cwd", type=Path, default=paths.NOTEBOOKS_DIR, help="--run's kernel folder"
    )
    parser.add_argument(
        "-r",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a parameter of --run (and of --prepare), as a string",
    )
    args = parser.parse_args(argv)
    if args.inplace:
        logging.basicConfig(level=logging.WARNING, format="%(message)s")
        try:
            execute_in_place(args.inplace)
        except Exception:  # a cell raised, a dead kernel, a bad notebook: say which
            traceback.print_exc()
            print(f"error: {args.inplace} did not run to the end; left as it was", file=sys.stderr)
            return 3
        return 0
    if args.run_all:
        if args.output_dir is None or args.logs is None:
            parser.error("--run-all needs --output-dir and --logs")
        failed = run_report(
            args.run_all,
            output_dir=args.output_dir,
            logs_dir=args.logs,
            cwd=args.cwd,
            parameters=dict(args.parameter),
            jobs=args.jobs,
            first_alone=args.first_alone,
        )
        return 1 if failed else 0
    if args.prepare:
        logging.basicConfig(level=logging.WARNING, format="%(message)s")
        try:
            status = prepare_corpus(dict(args.parameter))
        except Exception:  # a corpus that cannot be opened: the first notebook says why
            traceback.print_exc()
            print("error: the corpus could not be prepared", file=sys.stderr)
            return 1
        print(f"corpus cache: {status}")
        return 0
    timings: dict = {}
    if args.run:
        logging.basicConfig(level=logging.WARNING, format="%(message)s")
        output_dir = args.output_dir or args.run.parent
        args.render = output_dir / args.run.name
        started = time.perf_counter()
        try:
            run_notebook(args.run, args.render, parameters=dict(args.parameter), cwd=args.cwd)
        except Exception:  # papermill's errors, a dead kernel, a bad notebook: say which
            traceback.print_exc()
            print(f"error: {args.run} did not run to the end", file=sys.stderr)
            return 3
        timings = {
            "notebook": args.run.stem,
            "run_seconds": round(time.perf_counter() - started, 3),
            "cells": read_cell_times(args.render),
        }
    if args.stabilize:
        stabilize_notebook(args.stabilize)
        return 0
    if args.render:
        started = time.perf_counter()
        try:
            pages = render_notebook(args.render, output_dir=args.output_dir or args.render.parent)
        except (OSError, ValueError) as exc:
            print(f"error: {args.render}: {exc}", file=sys.stderr)
            return 1
        print("wrote " + ", ".join(paths.relative_to_project(p) for p in pages))
        if timings and args.timings:
            timings["render_seconds"] = round(time.perf_counter() - started, 3)
            timings["cpu_seconds"] = round(_cpu_seconds(), 3)  # the kernel's included
            args.timings.write_text(
                json.dumps(timings, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        return 0
    try:
        index = build_index(args.report_dir)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {paths.relative_to_project(index)}")
    return 0


if __name__ == "__main__":
    _skip_unused_imports(sys.argv[1:])
    sys.exit(main())
