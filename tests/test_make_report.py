"""`make report` end to end on corpora other than the embedded one: a generated mixed corpus with
hostile documents, a folder of Chinese pages only, and a folder of hostile pages whose own name
has spaces and a semicolon. Each runs ``make report`` once."""

import re
import subprocess

import pytest

from iecorpus import paths
from iecorpus.report import read_page_kind
from iecorpus.testing import write_corpus

# Each report takes minutes: the quick loop (make test-quick) leaves them out.
pytestmark = pytest.mark.slow

NOTEBOOKS = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
#: The notebooks that analyse the corpus and draw figures; the methods page draws none.
ANALYSES = [
    n for n in NOTEBOOKS if read_page_kind(paths.NOTEBOOKS_DIR / f"{n}.ipynb") == "analysis"
]
HOSTILE_TITLE = "<script>alert('title')</script> 产教融合 pilot <b>bold</b>"
HOSTILE_BODY = (
    "The college signed an agreement on industry-education integration. "
    "<img src=x onerror=alert(1)> School-enterprise cooperation deepens. "
    "[click here](javascript:alert(2)) In April 2021, the group set up an industrial college."
)


def run_report(corpus, reports):
    done = subprocess.run(
        ["make", "-s", "report", f"CORPUS={corpus}", f"REPORTS={reports}"],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (folder,) = reports.iterdir()  # reports/<name>-<hash>, the only folder there
    assert folder.name.startswith(re.sub(r"[^A-Za-z0-9._-]", "_", corpus.name) + "-")
    return folder


@pytest.fixture(scope="module")
def mixed_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    corpus = root / "mixed-corpus"
    write_corpus(corpus, n_documents=240, languages=("en", "zh"), seed=11)
    (corpus / "hostile-en.txt").write_text(
        f"{HOSTILE_TITLE}\n2021-05-26\n\n{HOSTILE_BODY}\n", encoding="utf-8"
    )
    (corpus / "hostile-zh.txt").write_text(
        "<script>alert(3)</script>深化产教融合\n发布时间：2015年7月7日\n\n"
        "今年3月23日，某省<img src=x onerror=alert(4)>印发《方案》，推进校企合作。\n",
        encoding="utf-8",
    )
    return run_report(corpus, root / "reports")


@pytest.fixture(scope="module")
def chinese_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("chinese")
    corpus = root / "zh-only"
    write_corpus(corpus, n_documents=30, languages=("zh",), seed=5, with_manifest=False)
    return run_report(corpus, root / "reports")


DOLLAR_TITLE = 'College gets $5m "smart campus" grant, $2m more'


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "hostile pages; touch PWNED"
    write_corpus(corpus, n_documents=40, languages=("en", "zh"), seed=3, with_manifest=False)
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
    folder = run_report(corpus, root / "reports")
    assert not list(root.rglob("PWNED")) and not list(paths.PROJECT_ROOT.glob("PWNED"))
    return folder


def test_hostile_pages_are_reported_as_problems_and_their_text_as_text(hostile_report):
    problems = (hostile_report / "processed" / "problems.csv").read_text(encoding="utf-8")
    for name in ("bom-only.txt", "zero-width.txt", "spam-only.txt", "doc_00001.md"):
        assert name in problems
    assert "cleaning removed everything" in problems
    documents = (hostile_report / "processed" / "documents.csv").read_text(encoding="utf-8")
    assert "doc_00001.md" in documents and "doc_00001.txt" in documents
    # Shown, as text, in the documents table (the page is the oldest, so among those shown).
    corpus_page = (hostile_report / "01-corpus.html").read_text(encoding="utf-8")
    assert "College gets $5m" in corpus_page


@pytest.mark.parametrize("report", ["mixed_report", "chinese_report", "hostile_report"])
def test_every_notebook_renders_with_its_figures(report, request):
    folder = request.getfixturevalue(report)
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


def test_document_text_appears_as_text_in_every_report(mixed_report):
    pages = sorted(mixed_report.glob("*.html"))
    assert len(pages) == 2 * len(NOTEBOOKS) + 1
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script>\s*alert", html, re.IGNORECASE), page.name
        assert not re.search(r"<img[^>]*onerror", html, re.IGNORECASE), page.name
        assert not re.search(r"<b>bold</b>", html), page.name
        assert 'href="javascript:' not in html, page.name
    # Shown, as text, in the documents table (the hostile pages are the oldest).
    corpus_page = (mixed_report / "01-corpus.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in corpus_page


@pytest.mark.browser
def test_every_report_page_loads_in_a_browser_with_its_figures_and_no_errors(mixed_report):
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
            page.goto((mixed_report / name).as_uri(), wait_until="load")
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
