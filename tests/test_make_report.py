"""`make report` end to end on a corpus other than the embedded one, read from the suite's one
report build (``report_build`` in ``conftest.py``): generated pages in English and Chinese,
hostile pages (markup in titles and bodies, files cleaning empties, a name with spaces) in a
folder whose own name has spaces and a semicolon. Chinese-only corpora and the other odd
corpora run notebook by notebook in ``test_notebook_0N-*.py``."""

import json
import re

import pytest

from iecorpus import paths
from iecorpus.report import read_page_kind

# The report build takes minutes: the quick loop (make test-quick) leaves these out.
pytestmark = pytest.mark.slow

NOTEBOOKS = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
#: The notebooks that analyse the corpus and draw figures; the methods page draws none.
ANALYSES = [
    n for n in NOTEBOOKS if read_page_kind(paths.NOTEBOOKS_DIR / f"{n}.ipynb") == "analysis"
]


def test_hostile_pages_are_reported_as_problems_and_their_text_as_text(report_build):
    problems = (report_build / "processed" / "problems.csv").read_text(encoding="utf-8")
    for name in ("bom-only.txt", "zero-width.txt", "spam-only.txt", "doc_00001.md"):
        assert name in problems
    assert "cleaning removed everything" in problems
    documents = (report_build / "processed" / "documents.csv").read_text(encoding="utf-8")
    assert "doc_00001.md" in documents and "doc_00001.txt" in documents
    # Shown, as text, in the documents table (the page is the oldest, so among those shown).
    corpus_page = (report_build / "01-corpus.html").read_text(encoding="utf-8")
    assert "College gets $5m" in corpus_page


def test_every_notebook_renders_with_its_figures(report_build):
    folder = report_build
    for name in NOTEBOOKS:
        assert (folder / f"{name}.html").is_file() and (folder / f"{name}-code.html").is_file()
        figures = list((folder / "figures").glob(f"{name[:2]}-*.png"))
        assert figures or name not in ANALYSES, f"{name} wrote no figure"
        html = (folder / f"{name}.html").read_text(encoding="utf-8")
        assert "Traceback" not in html and 'class="ansi-red-fg"' not in html, name
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert index.count("<li>") == len(NOTEBOOKS)
    assert index.count('class="thumb"') == len(ANALYSES)
    # The embedded corpus's own tables and figures are left alone.
    assert (folder / "processed" / "documents.csv").is_file()


def test_document_text_appears_as_text_in_every_report(report_build):
    pages = sorted(report_build.glob("*.html"))
    assert len(pages) == 2 * len(NOTEBOOKS) + 1
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script>\s*alert", html, re.IGNORECASE), page.name
        assert not re.search(r"<img[^>]*onerror", html, re.IGNORECASE), page.name
        assert not re.search(r"<b>bold</b>", html), page.name
        assert 'href="javascript:' not in html, page.name
    # Shown, as text, in the documents table (the hostile pages are the oldest).
    corpus_page = (report_build / "01-corpus.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in corpus_page


@pytest.mark.browser
def test_every_report_page_loads_in_a_browser_with_its_figures_and_no_errors(report_build):
    tool = load_tool()
    if not tool.CHROMIUM.is_file():
        pytest.skip(f"{tool.CHROMIUM} is missing: install Debian's chromium to run this test")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    pages = ["index.html"] + [f"{name}.html" for name in NOTEBOOKS]
    with tool.chromium_page() as page:
        errors = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
        for name in pages:
            page.goto((report_build / name).as_uri(), wait_until="load")
            images = page.eval_on_selector_all(
                "img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)"
            )
            assert all(images), f"{name}: {images.count(False)} figure(s) did not load"
            assert images or name[:-5] not in ANALYSES, f"{name} shows no figure"
            assert page.title(), name
        assert errors == []


def load_tool():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "screenshot_explorers", paths.PROJECT_ROOT / "tools" / "screenshot_explorers.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_notebook_leaves_its_times_and_no_kernel_warning(report_build):
    for name in NOTEBOOKS:
        times = json.loads((report_build / "logs" / f"{name}.json").read_text(encoding="utf-8"))
        assert times["notebook"] == name and times["run_seconds"] > 0 and times["cpu_seconds"] > 0
        assert all(cell["seconds"] >= 0 for cell in times["cells"])
        log = (report_build / "logs" / f"{name}.log").read_text(encoding="utf-8")
        assert "without encryption" not in log, name
