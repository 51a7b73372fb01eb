"""JupyterLab in headless Chromium: run notebook 02, type into its concordance, see the lines.

The helpers that start JupyterLab (127.0.0.1, a free port, a token) and Debian's Chromium
(never a downloaded browser) are those of ``tools/screenshot_explorers.py``.
"""

import importlib.util
import shutil
import time

import pytest

from iecorpus import paths

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOTEBOOK = paths.NOTEBOOKS_DIR / "02-term-frequency.ipynb"
TOOL = paths.PROJECT_ROOT / "tools" / "screenshot_explorers.py"


def load_tool():
    spec = importlib.util.spec_from_file_location("screenshot_explorers", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """Notebook 02, run top to bottom in JupyterLab: a Playwright page on it."""
    tool = load_tool()
    if not tool.CHROMIUM.is_file():
        pytest.skip(f"{tool.CHROMIUM} is missing: install Debian's chromium to run this test")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    folder = tmp_path_factory.mktemp("lab")  # a copy: JupyterLab may save what it runs
    shutil.copy(NOTEBOOK, folder)
    with tool.running_lab(folder) as (base, query), tool.chromium_page() as page:
        tool.run_notebook(page, base, query, NOTEBOOK.name, timeout=90)
        yield page


def test_typing_a_query_shows_its_lines(lab):
    from playwright.sync_api import expect

    explorer = lab.locator(".iecorpus-explorer").first
    lines = explorer.locator(".iecorpus-kwic details")
    expect(explorer).to_contain_text("26 lines in 2 documents", timeout=20_000)  # kwic_term, 1+X
    expect(lines).to_have_count(26)
    box = explorer.locator("input[type=text]").first
    box.click()
    box.press("Control+a")
    started = time.monotonic()
    box.press_sequentially("vocational education group", delay=30)
    expect(explorer).to_contain_text("23 lines in 1 document", timeout=10_000)
    assert time.monotonic() - started < 10
    expect(lines).to_have_count(23)
    expect(lines.first).to_contain_text("vocational education group", ignore_case=True)
    lines.first.locator("summary").click()  # read the whole paragraph
    expect(lines.first.locator(".quote")).to_be_visible()
    expect(explorer.locator("table")).to_contain_text("004")  # hits per document

    box.fill("no-such-term-here")
    expect(explorer).to_contain_text("No matches for")
    expect(lines).to_have_count(0)
