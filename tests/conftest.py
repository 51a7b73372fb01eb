"""Shared pytest configuration: the markers the suite uses and the fixtures many files share.

``--strict-markers`` is on, so a marker must be registered here before a test uses it.
``pytest -m "not slow"`` (``make test-quick``) is the quick loop; ``make test`` runs all.
The one ``make report`` of the suite (:func:`report_build`) is built the first time a slow
test asks for it and read by every test of a rendered report (end to end, HTML, browser).
"""

import re
import subprocess

import pytest

from iecorpus import load_corpus, paths
from iecorpus.testing import write_corpus
from iecorpus.topics import build_features, fit_topics

#: Pages of the report build that try to break its HTML: markup and links in a title and a body.
HOSTILE_TITLE = "<script>alert('title')</script> 产教融合 pilot <b>bold</b>"
HOSTILE_BODY = (
    "The college signed an agreement on industry-education integration. "
    "<img src=x onerror=alert(1)> School-enterprise cooperation deepens. "
    "[click here](javascript:alert(2)) In April 2021, the group set up an industrial college."
)
#: A title with dollar signs, which Markdown renderers take for mathematics.
DOLLAR_TITLE = 'College gets $5m "smart campus" grant, $2m more'
#: The corpus folder of the report build: a name with spaces and a ``;`` that must stay a name.
HOSTILE_FOLDER = "hostile pages; touch PWNED"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "browser: drives JupyterLab in Debian's headless Chromium (skipped without "
        "/usr/bin/chromium or Playwright); deselect with -m 'not browser'",
    )
    config.addinivalue_line(
        "markers",
        "slow: runs the notebooks end to end (make report) or a browser; "
        "deselect with -m 'not slow' for the quick loop (make test-quick)",
    )


@pytest.fixture(scope="session")
def corpus():
    """The embedded corpus of ``data/raw/``, loaded once for the whole run.

    Tests only read it; a test that changes a table must work on a copy.
    """
    return load_corpus()


@pytest.fixture(scope="session")
def features(corpus):
    """The passage features of the embedded corpus (:func:`iecorpus.topics.build_features`)."""
    return build_features(corpus)


@pytest.fixture(scope="session")
def model(features):
    """A three-topic NMF model of the embedded corpus, seed 0."""
    return fit_topics(features, k=3)


def write_report_corpus(corpus) -> None:
    """Write the corpus of :func:`report_build`: generated pages in both languages and the
    pages that try to break a report (markup, a name with spaces, files cleaning empties)."""
    write_corpus(corpus, n_documents=240, languages=("en", "zh"), seed=11, with_manifest=False)
    (corpus / "hostile-en.txt").write_text(
        f"{HOSTILE_TITLE}\n2021-05-26\n\n{HOSTILE_BODY}\n", encoding="utf-8"
    )
    (corpus / "hostile-zh.txt").write_text(
        "<script>alert(3)</script>深化产教融合\n发布时间：2015年7月7日\n\n"
        "今年3月23日，某省<img src=x onerror=alert(4)>印发《方案》，推进校企合作。\n",
        encoding="utf-8",
    )
    (corpus / "name with spaces.txt").write_text(
        f"{DOLLAR_TITLE}\n2012-03-01\n\n{HOSTILE_BODY}\n$15/hour vs $12/hour for apprentices.\n",
        encoding="utf-8",
    )
    (corpus / "doc_00001.md").write_text("Same name, other suffix\n\nA note.\n", encoding="utf-8")
    (corpus / "bom-only.txt").write_bytes(b"\xef\xbb\xbf")
    (corpus / "zero-width.txt").write_text("\u200b\u200d\n", encoding="utf-8")
    (corpus / "spam-only.txt").write_text(
        "尊龙凯时 尊龙凯时\nHome > News > Detail\n", encoding="utf-8"
    )


@pytest.fixture(scope="session")
def report_build(tmp_path_factory):
    """The suite's one ``make report CORPUS=...``: the folder of its rendered reports.

    The corpus (:func:`write_report_corpus`) sits in a folder whose name holds spaces and a
    ``;``; the reports go to a temporary REPORTS folder, never into ``reports/``. Built
    once, the first time a test asks for it (a few minutes); tests only read it.
    """
    root = tmp_path_factory.mktemp("report-build")
    corpus = root / HOSTILE_FOLDER
    write_report_corpus(corpus)
    reports = root / "reports"
    done = subprocess.run(
        ["make", "-s", "report", f"CORPUS={corpus}", f"REPORTS={reports}"],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert not list(root.rglob("PWNED")) and not list(paths.PROJECT_ROOT.glob("PWNED"))
    (folder,) = reports.iterdir()  # reports/<name>-<hash>, the only folder there
    assert folder.name.startswith(re.sub(r"[^A-Za-z0-9._-]", "_", corpus.name) + "-")
    return folder
