"""Tests for iecorpus.report: the index lists every report, escaped, with relative links."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from iecorpus import paths, provenance, report

SCRIPT_TITLE = "Terms <script>alert(1)</script> in 产教融合 news"
IMG_QUESTION = 'Which terms rise? <img src=x onerror=alert(1)> & "why"'


def write_notebook(path, *cells):
    """Write a minimal notebook whose cells are (cell_type, source) pairs."""
    notebook = {
        "cells": [{"cell_type": kind, "metadata": {}, "source": source} for kind, source in cells],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook), encoding="utf-8")


@pytest.fixture
def report_dir(tmp_path):
    """A report folder with three rendered notebooks, one titled with hostile markup."""
    notebooks = tmp_path / "notebooks"
    reports = tmp_path / "reports"
    notebooks.mkdir()
    reports.mkdir()
    write_notebook(
        notebooks / "01-corpus.ipynb",
        ("markdown", ["# The corpus\n", "\n", "What is in the five documents?\n", "\n", "1. Load"]),
    )
    write_notebook(
        notebooks / "02-term-frequency.ipynb",
        ("code", "import iecorpus"),
        ("markdown", f"# {SCRIPT_TITLE}\n\n{IMG_QUESTION}\nSecond line.\n\n## 1. Setting up"),
    )
    # No source notebook: the executed copy next to the HTML is read instead.
    write_notebook(reports / "03-topics.ipynb", ("markdown", "# Topics 主题\n\nWhich topics?"))
    for name in ("01-corpus", "02-term-frequency", "03-topics", "04-timeline"):
        (reports / f"{name}.html").write_text("<html></html>", encoding="utf-8")
    (reports / "notes.html").write_text("not a report", encoding="utf-8")
    return reports


def build(report_dir):
    index = report.build_index(report_dir, notebooks_dir=report_dir.parent / "notebooks")
    return index, index.read_text(encoding="utf-8")


def test_hostile_title_and_question_appear_escaped_never_raw(report_dir):
    _, page = build(report_dir)
    assert "<script>" not in page
    assert "<img" not in page
    assert "Terms &lt;script&gt;alert(1)&lt;/script&gt; in 产教融合 news" in page
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;why&quot; Second line." in page


def test_every_report_is_listed_in_order_with_relative_links(report_dir):
    index, page = build(report_dir)
    assert index == report_dir / "index.html"
    links = re.findall(r'href="([^"]+)"', page)
    names = ["01-corpus", "02-term-frequency", "03-topics", "04-timeline"]
    assert links == [f"{name}.html" for name in names]


@pytest.mark.parametrize(
    ("filename", "title", "question"),
    [
        ("01-corpus.html", "The corpus", "What is in the five documents?"),
        ("03-topics.html", "Topics 主题", "Which topics?"),
        ("04-timeline.html", "04-timeline", ""),
    ],
)
def test_titles_and_questions_come_from_the_notebooks(report_dir, filename, title, question):
    entries = report.collect_entries(report_dir, notebooks_dir=report_dir.parent / "notebooks")
    assert report.Entry(filename, title, question) in entries


def test_page_is_self_contained(report_dir):
    _, page = build(report_dir)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page
    assert "<style>" in page


def test_the_index_says_which_version_of_the_library_made_the_reports(report_dir):
    _, page = build(report_dir)
    made = provenance()
    assert f"Made with iecorpus {made.version}" in page
    if made.commit:
        assert f"commit {made.commit[:12]}" in page


def test_the_version_line_is_escaped():
    page = report.render_index([], heading="Reports", made_with="iecorpus <b>1</b>")
    assert "Made with iecorpus &lt;b&gt;1&lt;/b&gt;." in page
    assert "Made with" not in report.render_index([], heading="Reports")


def test_empty_report_folder_says_how_to_fill_it(tmp_path):
    index = report.build_index(tmp_path, notebooks_dir=tmp_path)
    assert "make report" in index.read_text(encoding="utf-8")


def test_missing_report_folder_names_it_and_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"nowhere does not exist; run `make report`"):
        report.build_index(tmp_path / "nowhere")


def test_broken_notebook_is_named_in_the_error(report_dir):
    (report_dir.parent / "notebooks" / "01-corpus.ipynb").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match=r"01-corpus\.ipynb is not a readable notebook"):
        build(report_dir)


def test_command_line_writes_the_index(report_dir):
    result = subprocess.run(
        [sys.executable, "-m", "iecorpus.report", str(report_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "index.html" in result.stdout
    assert (report_dir / "index.html").is_file()


def write_executed(path, outputs_by_cell):
    """Write an executed notebook: a markdown title, then code cells with the given outputs."""
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# Figures\n\nWhich figure?"}]
    for tags, outputs in outputs_by_cell:
        cells.append(
            {
                "cell_type": "code",
                "metadata": {"tags": tags},
                "source": "",
                "outputs": outputs,
                "execution_count": 1,
            }
        )
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook), encoding="utf-8")


def png(data):
    return {"output_type": "display_data", "data": {"image/png": data, "text/plain": "<Figure>"}}


def test_the_index_shows_the_main_figure_and_links_the_version_with_code(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    write_executed(
        reports / "05-figures.ipynb",
        [([], [png("Rmlyc3Q=\n")]), (["main-figure"], [png("TWFpbg==")])],
    )
    write_executed(reports / "06-plain.ipynb", [([], [png("Rmlyc3Q=")])])
    for name in ("05-figures", "05-figures-code", "06-plain"):
        (reports / f"{name}.html").write_text("<html></html>", encoding="utf-8")
    page = report.build_index(reports, notebooks_dir=tmp_path).read_text(encoding="utf-8")
    assert page.count('<img class="thumb" src="data:image/png;base64,') == 2
    assert "base64,TWFpbg==" in page  # the tagged figure, not the first one
    assert "base64,Rmlyc3Q=" in page  # the first figure where none is tagged
    assert page.count('href="05-figures-code.html"') == 1
    assert '05-figures-code.html">' in page and page.count("<li>") == 2


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("counts *concepts* and **words**", "counts concepts and words"),
        ("the `parameters` cell and _this_", "the parameters cell and this"),
        ("snake_case_name stays, and 2 * 3 * 4 too", "snake_case_name stays, and 2 * 3 * 4 too"),
    ],
)
def test_markdown_marks_are_dropped_from_titles_and_questions(markdown, plain):
    assert report._plain(markdown) == plain


def test_executed_notebooks_get_ids_that_depend_only_on_their_content(tmp_path):
    cells = [
        {
            "cell_type": "code",
            "id": "random1",
            "metadata": {"papermill": {"duration": 1.2}},
            "source": "x = 1",
            "outputs": [],
            "execution_count": 1,
        },
        {"cell_type": "markdown", "metadata": {}, "source": "# Title"},
        {
            "cell_type": "code",
            "id": "random2",
            "metadata": {},
            "source": "x = 1",
            "outputs": [],
            "execution_count": 2,
        },
    ]
    first, second = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    for path, salt in ((first, "1"), (second, "2")):
        notebook = {
            "cells": json.loads(json.dumps(cells).replace("random", f"r{salt}-")),
            "metadata": {"papermill": {"start_time": salt}},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
        path.write_text(json.dumps(notebook), encoding="utf-8")
        report.stabilize_notebook(path)
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    ids = [c["id"] for c in json.loads(first.read_text(encoding="utf-8"))["cells"]]
    assert len(set(ids)) == 3 and "papermill" not in first.read_text(encoding="utf-8")


def test_saved_widget_state_never_reaches_a_report(tmp_path):
    hostile = "<script>alert(1)</script>"
    notebook = {
        "cells": [],
        "metadata": {
            "widgets": {"application/vnd.jupyter.widget-state+json": {"state": {"x": hostile}}}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    report.stabilize_notebook(path)
    assert hostile not in path.read_text(encoding="utf-8")


def write_methods_page(path, title="# Methods\n\nHow are the reports made?"):
    """Write a notebook marked as a methods page in its metadata."""
    write_notebook(path, ("markdown", title))
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["metadata"]["iecorpus"] = {"page": "methods"}
    path.write_text(json.dumps(notebook), encoding="utf-8")


def test_a_methods_page_is_listed_after_the_analyses_under_its_own_heading(report_dir):
    # Numbered before the last analysis on purpose: the kind decides the place, not the number.
    write_methods_page(report_dir.parent / "notebooks" / "00-methods.ipynb")
    (report_dir / "00-methods.html").write_text("<html></html>", encoding="utf-8")
    entries = report.collect_entries(report_dir, notebooks_dir=report_dir.parent / "notebooks")
    assert [e.filename for e in entries][-1] == "00-methods.html"
    assert [e.kind for e in entries] == ["analysis"] * 4 + ["methods"]
    _, page = build(report_dir)
    links = re.findall(r'href="([^"]+)"', page)
    assert links[-1] == "00-methods.html" and len(links) == 5
    analyses, methods = page.split("<h2>How the reports are made</h2>")
    assert "04-timeline.html" in analyses and "00-methods.html" in methods
    assert "How are the reports made?" in methods
    assert "4 notebooks and 1 methods page, executed" in page


@pytest.mark.parametrize(
    ("metadata", "kind"),
    [
        ({"iecorpus": {"page": "methods"}}, "methods"),
        ({"iecorpus": {"page": "analysis"}}, "analysis"),
        ({"iecorpus": {"page": "<b>other</b>"}}, "analysis"),
        ({"iecorpus": "methods"}, "analysis"),
        ({}, "analysis"),
    ],
)
def test_the_kind_of_a_page_comes_from_its_metadata(tmp_path, metadata, kind):
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps({"cells": [], "metadata": metadata}), encoding="utf-8")
    assert report.read_page_kind(path) == kind


def test_an_unreadable_notebook_is_taken_for_an_analysis(tmp_path):
    path = tmp_path / "n.ipynb"
    path.write_text("{not json", encoding="utf-8")
    assert report.read_page_kind(path) == "analysis"
    assert report.read_page_kind(tmp_path / "missing.ipynb") == "analysis"


def test_an_index_of_analyses_only_has_no_methods_heading(report_dir):
    _, page = build(report_dir)
    assert "How the reports are made" not in page
    assert "4 notebooks, executed and rendered" in page


def test_the_project_methods_page_is_listed_after_the_four_notebooks(tmp_path):
    names = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    for name in names:
        (tmp_path / f"{name}.html").write_text("<html></html>", encoding="utf-8")
    entries = report.collect_entries(tmp_path, notebooks_dir=paths.NOTEBOOKS_DIR)
    kinds = {e.filename: e.kind for e in entries}
    assert kinds.pop("05-methods.html") == "methods"
    assert set(kinds.values()) == {"analysis"} and len(kinds) >= 4
    assert entries[-1].filename == "05-methods.html"


def test_a_notebook_is_stabilised_and_rendered_with_and_without_its_code(tmp_path):
    notebook = tmp_path / "07-render.ipynb"
    cell = {
        "cell_type": "code",
        "id": "random",
        "metadata": {"papermill": {"duration": 1.0}},
        "source": "shown_only_with_code = 41 + 1",
        "outputs": [{"output_type": "stream", "name": "stdout", "text": "产教融合 <b>42</b>\n"}],
        "execution_count": 1,
    }
    title = {"cell_type": "markdown", "id": "t", "metadata": {}, "source": "# Rendered 报告"}
    notebook.write_text(
        json.dumps({"cells": [title, cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    assert report.main(["--render", str(notebook), "--output-dir", str(out)]) == 0
    plain, code = (out / "07-render.html"), (out / "07-render-code.html")
    for page in (plain, code):
        html = page.read_text(encoding="utf-8")
        assert "<title>Rendered 报告</title>" in html and "产教融合 &lt;b&gt;42&lt;/b&gt;" in html
        assert "require.js" not in html and "<script src=" not in html  # the offline template
    assert "shown_only_with_code" not in plain.read_text(encoding="utf-8")
    assert "shown_only_with_code" in code.read_text(encoding="utf-8")
    assert "papermill" not in notebook.read_text(encoding="utf-8")  # stabilised first


def test_a_notebook_that_cannot_be_rendered_is_named(tmp_path, capsys):
    broken = tmp_path / "08-broken.ipynb"
    broken.write_text("{not json", encoding="utf-8")
    assert report.main(["--render", str(broken)]) == 1
    assert "08-broken.ipynb" in capsys.readouterr().err


def write_runnable(path, code):
    """Write a notebook with a parameters cell (``word = "none"``) and one cell of code."""
    cells = [
        {"cell_type": "markdown", "id": "t", "metadata": {}, "source": "# Run me"},
        {
            "cell_type": "code",
            "id": "p",
            "metadata": {"tags": ["parameters"]},
            "source": 'word = "none"',
            "outputs": [],
            "execution_count": None,
        },
        {
            "cell_type": "code",
            "id": "c",
            "metadata": {},
            "source": code,
            "outputs": [],
            "execution_count": None,
        },
    ]
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = {"cells": cells, "metadata": {"kernelspec": kernelspec}, "nbformat": 4}
    path.write_text(json.dumps({**notebook, "nbformat_minor": 5}), encoding="utf-8")


def test_a_notebook_runs_with_its_parameters_over_local_sockets_and_renders(tmp_path, capfd):
    source = tmp_path / "09-run.ipynb"
    write_runnable(source, "import os\nprint(word, os.getcwd())")
    out = tmp_path / "out"
    out.mkdir()
    code = report.main(
        [
            "--run",
            str(source),
            "--output-dir",
            str(out),
            "--cwd",
            str(tmp_path),
            "-r",
            "word",
            "产教",
        ]
    )
    assert code == 0
    executed = json.loads((out / "09-run.ipynb").read_text(encoding="utf-8"))
    assert "".join(executed["cells"][-1]["outputs"][0]["text"]) == f"产教 {tmp_path}\n"
    assert (out / "09-run.html").is_file() and (out / "09-run-code.html").is_file()
    assert "without encryption" not in capfd.readouterr().err  # ipykernel's TCP warning


def test_a_notebook_whose_cell_fails_exits_3_and_says_which(tmp_path, capfd):
    source = tmp_path / "10-fails.ipynb"
    write_runnable(source, "raise RuntimeError('stop here')")
    assert report.main(["--run", str(source), "--cwd", str(tmp_path)]) == 3
    err = capfd.readouterr().err
    assert "stop here" in err and f"error: {source} did not run to the end" in err


def test_a_run_writes_its_times_and_its_slowest_cells(tmp_path):
    source = tmp_path / "11-timed.ipynb"
    write_runnable(source, "import time\ntime.sleep(0.3)")
    timings = tmp_path / "11-timed.json"
    assert report.main(["--run", str(source), "--cwd", str(tmp_path), "--timings", str(timings)]) == 0
    written = json.loads(timings.read_text(encoding="utf-8"))
    assert written["notebook"] == "11-timed"
    assert written["run_seconds"] >= 0.3 and written["render_seconds"] > 0
    assert written["cpu_seconds"] > 0
    slowest = written["cells"][0]
    assert slowest["source"] == "import time" and slowest["seconds"] >= 0.3


def test_a_notebook_is_executed_in_place_as_nbconvert_would_over_local_sockets(tmp_path, capfd):
    source = tmp_path / "12-inplace.ipynb"
    write_runnable(source, "import os\nprint(word, os.getcwd())")
    assert report.main(["--inplace", str(source)]) == 0
    executed = json.loads(source.read_text(encoding="utf-8"))
    assert "".join(executed["cells"][-1]["outputs"][0]["text"]) == f"none {tmp_path}\n"
    assert executed["cells"][-1]["execution_count"] == 2
    for cell in executed["cells"]:  # no timing, no papermill metadata: the form nbval reads
        assert set(cell["metadata"]) <= {"tags"}
    assert "papermill" not in executed["metadata"] and "widgets" not in executed["metadata"]
    assert "without encryption" not in capfd.readouterr().err


def test_a_notebook_that_fails_in_place_is_left_as_it_was(tmp_path, capfd):
    source = tmp_path / "13-fails.ipynb"
    write_runnable(source, "raise RuntimeError('stop here')")
    before = source.read_bytes()
    assert report.main(["--inplace", str(source)]) == 3
    assert source.read_bytes() == before
    assert "stop here" in capfd.readouterr().err


def test_the_corpus_of_a_report_is_cleaned_once_where_its_notebooks_read_it(tmp_path, capsys):
    from iecorpus.cache import open_cached_corpus
    from iecorpus.testing import write_corpus

    corpus = tmp_path / "pages"
    write_corpus(corpus, n_documents=3)
    processed = tmp_path / "processed"
    corpus_parameters = ["-r", "corpus_dir", str(corpus), "-r", "processed_dir", str(processed)]
    command = [sys.executable, "-m", "iecorpus.report", "--prepare", *corpus_parameters]
    done = subprocess.run([*command, "-r", "figures_dir", "figs"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "corpus cache: built\n"
    # What a notebook opening it with the same parameters finds: the cache, up to date.
    assert open_cached_corpus(str(corpus), processed_dir=str(processed)).status == "read"
    assert report.main(["--prepare", *corpus_parameters]) == 0
    assert capsys.readouterr().out == "corpus cache: read\n"


def test_a_corpus_that_cannot_be_cleaned_first_is_left_to_the_notebooks(tmp_path, capsys):
    missing = tmp_path / "no such folder"
    assert report.main(["--prepare", "-r", "corpus_dir", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "the corpus folder does not exist" in err
    assert "error: the corpus could not be prepared" in err


def test_a_report_runs_its_notebooks_side_by_side_each_with_its_log_and_times(tmp_path, capfd):
    notebooks = [tmp_path / f"2{n}-run.ipynb" for n in range(3)]
    for notebook in notebooks:
        write_runnable(notebook, f"print(word, {notebook.stem!r})")
    out, logs = tmp_path / "out", tmp_path / "logs"
    out.mkdir()
    logs.mkdir()
    failed = report.run_report(
        notebooks, output_dir=out, logs_dir=logs, cwd=tmp_path, parameters={"word": "产教"}, jobs=2
    )
    assert failed == []
    for notebook in notebooks:
        executed = json.loads((out / notebook.name).read_text(encoding="utf-8"))
        assert "".join(executed["cells"][-1]["outputs"][0]["text"]) == f"产教 {notebook.stem}\n"
        assert (out / f"{notebook.stem}.html").is_file()
        assert (out / f"{notebook.stem}-code.html").is_file()
        assert "wrote " in (logs / f"{notebook.stem}.log").read_text(encoding="utf-8")
        times = json.loads((logs / f"{notebook.stem}.json").read_text(encoding="utf-8"))
        assert times["notebook"] == notebook.stem and times["cpu_seconds"] > 0
    assert capfd.readouterr().out.splitlines() == [f"report: {n.stem}" for n in notebooks]


@pytest.mark.parametrize("first_alone", [True, False])
def test_a_failed_notebook_is_recorded_and_a_failed_first_one_run_alone_stops_the_rest(
    tmp_path, capfd, first_alone
):
    notebooks = [tmp_path / "30-fails.ipynb", tmp_path / "31-runs.ipynb"]
    write_runnable(notebooks[0], "raise RuntimeError('stop here')")
    write_runnable(notebooks[1], "print(word)")
    out, logs = tmp_path / "out", tmp_path / "logs"
    out.mkdir()
    logs.mkdir()
    failed = report.run_report(
        notebooks, output_dir=out, logs_dir=logs, cwd=tmp_path, first_alone=first_alone, jobs=2
    )
    assert failed == ["notebook 30-fails did not run to the end"]
    assert (logs / "30-fails.failed").read_text(encoding="utf-8") == failed[0] + "\n"
    err = capfd.readouterr().err
    assert "report: 30-fails failed; the end of" in err and "stop here" in err  # its log's end
    assert not (out / "30-fails.html").exists()
    # Run alone, the first one builds what the others read: they never start.
    assert (out / "31-runs.html").is_file() != first_alone
