"""Take a screenshot of each explorer in JupyterLab, driven by headless Chromium, for the README.

Starts JupyterLab on 127.0.0.1 (a free port, a random token, a throw-away folder), opens a
scratch notebook that builds the four explorers of :mod:`iecorpus.explore` on the embedded
corpus plus the Chinese test pages, runs it, and saves ``figures/explore-concordance.png``,
``explore-trends.png``, ``explore-topics.png`` and ``explore-timeline.png``.

Chromium is Debian's (``/usr/bin/chromium``, ``apt-get install chromium``), driven by
Playwright's Python package; no browser is downloaded. Chinese text needs a CJK font in the
browser (``apt-get install fonts-noto-cjk``). ``tests/test_lab_browser.py`` reuses the
helpers of this script.

    .venv/bin/python tools/screenshot_explorers.py [--out figures]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Seconds JupyterLab gets to start answering.
START_TIMEOUT = 60
#: JupyterLab settings for a quiet, predictable page: no news pop-up, every cell rendered.
SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false"},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_lab(root_dir: Path) -> Iterator[tuple[str, str]]:
    """Run JupyterLab on ``root_dir`` and yield its base URL with the token as a query.

    Args:
        root_dir: The folder JupyterLab serves (its notebooks may be changed and saved).

    Returns:
        A context manager yielding ``http://127.0.0.1:PORT`` plus ``?token=...`` as a
        pair ``(base, query)``; the server is stopped on exit.
    """
    port, token = free_port(), secrets.token_hex(16)
    state = Path(tempfile.mkdtemp(prefix="iecorpus-lab-"))
    for plugin, values in SETTINGS.items():
        package, name = plugin.split(":")
        target = state / "settings" / package / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(state / "config"),
        JUPYTER_RUNTIME_DIR=str(state / "runtime"),
        IECORPUS_PROGRESS="0",
    )
    command = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.open_browser=False",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        f"--LabApp.workspaces_dir={state / 'workspaces'}",
        f"--LabApp.user_settings_dir={state / 'settings'}",
    ]
    log = open(state / "lab.log", "wb")  # noqa: SIM115 - closed below, after the server
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/api/status?token={token}", server, state / "lab.log")
        yield base, f"token={token}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        shutil.rmtree(state, ignore_errors=True)


def _wait_for(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"JupyterLab stopped at start:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(
        f"JupyterLab did not answer in {START_TIMEOUT} s:\n{log.read_text(errors='replace')}"
    )


@contextlib.contextmanager
def chromium_page(width: int = 1500, height: int = 1100):
    """Yield a Playwright page of Debian's headless Chromium (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()


def run_notebook(page, base: str, query: str, name: str, *, timeout: float = 60) -> None:
    """Open a notebook in JupyterLab, run all its cells and wait until the kernel is idle.

    Args:
        page: A Playwright page.
        base: JupyterLab's base URL.
        query: ``token=...``.
        name: The notebook's path under the served folder.
        timeout: Seconds the whole run may take.
    """
    page.goto(f"{base}/lab/tree/{name}?{query}", wait_until="domcontentloaded")
    page.wait_for_function(
        "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " return !!(w && w.sessionContext && w.sessionContext.session &&"
        " w.sessionContext.session.kernel &&"
        " w.sessionContext.session.kernel.status === 'idle'); }",
        timeout=timeout * 1000,
    )
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " const cells = Array.from(w.content.model.cells).filter(c => c.type === 'code');"
        " return w.sessionContext.session.kernel.status === 'idle' &&"
        " cells.every(c => c.executionCount !== null); }",
        timeout=timeout * 1000,
        polling=250,
    )


SCRATCH = [
    """import pandas as pd

from iecorpus import explore, load_corpus, paths
from iecorpus.corpus import Corpus
from iecorpus.events import extract_events, find_event_mentions
from iecorpus.topics import fit_topics

english = load_corpus()
chinese = load_corpus(paths.EXAMPLE_ZH_DIR)
tables = ("documents", "paragraphs", "sentences", "removed", "problems")
both = Corpus(*(pd.concat([getattr(english, t), getattr(chinese, t)]) for t in tables))""",
    'explore.concordance(both, query="产教融合型企业")',
    'explore.trends(english, concepts=["产教融合", "1+X", "校企合作"], terms=["talent"])',
    "explore.topics(fit_topics(english, k=3), n=2)",
    """mentions = find_event_mentions(english)
explore.timeline(extract_events(english, mentions=mentions), mentions=mentions)""",
]
NAMES = ["concordance", "trends", "topics", "timeline"]


def write_scratch(folder: Path) -> str:
    """Write the scratch notebook that opens the four explorers; return its name."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in SCRATCH]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(notebook, folder / "explorers.ipynb")
    return "explorers.ipynb"


def take_screenshots(out: Path) -> list[Path]:
    """Open the explorers in JupyterLab and save a PNG of each into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as folder:
        name = write_scratch(Path(folder))
        with running_lab(Path(folder)) as (base, query), chromium_page(height=1700) as page:
            run_notebook(page, base, query, name, timeout=120)
            page.evaluate(
                "() => window.jupyterapp.commands.execute('application:toggle-left-area')"
            )
            explorers = page.locator(".iecorpus-explorer")
            explorers.nth(len(NAMES) - 1).wait_for(timeout=30_000)
            page.locator(".iecorpus-kwic details summary").first.click()
            for k, label in enumerate(NAMES):
                element = explorers.nth(k)
                element.scroll_into_view_if_needed()
                page.wait_for_timeout(600)  # the debounced redraw, and images to decode
                path = out / f"explore-{label}.png"
                element.screenshot(path=str(path))
                written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "figures", help="folder for PNGs")
    args = parser.parse_args()
    if not CHROMIUM.is_file():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium (Debian's build).")
    for path in take_screenshots(args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
