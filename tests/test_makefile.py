"""`make report` with hostile folder names, run against stand-in tools so that it takes a second:
every path is quoted, reports stay under REPORTS in a folder of their own, failures say so."""

import os
import re
import stat
import subprocess

import pytest

from iecorpus import paths

PAGE = "Colleges and firms sign a pact\n2021-05-26\n\nThe college signed an agreement.\n"

# Stand-ins for the virtualenv's tools: they log their arguments, one call a line, and
# write the files the real ones would (the check passes). Running the notebooks
# (`python -m iecorpus.report --run-all NOTEBOOK... --output-dir DIR --logs DIR ...`) fails
# on the one named in $FAIL_ON (a cell raised) or in $FAIL_RENDER (its HTML could not be
# written), leaving its reason in logs/NAME.failed and its log's end on stderr, as
# iecorpus.report.run_report does (tests/test_report.py runs the real one).
PAPERMILL = """#!/bin/sh
printf '%s\\037' papermill "$@" >>"$TOOL_LOG"; echo >>"$TOOL_LOG"
for last; do :; done
case "$last" in *"${FAIL_ON:-//}"*) echo "papermill: stand-in failure" >&2; exit 1 ;; esac
printf '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}' >"$last"
"""
JUPYTER = """#!/bin/sh
printf '%s\\037' jupyter "$@" >>"$TOOL_LOG"; echo >>"$TOOL_LOG"
"""
RUN_ALL = ["python", "-m", "iecorpus.report", "--run-all"]
PYTHON = """#!/bin/sh
printf '%s\\037' python "$@" >>"$TOOL_LOG"; echo >>"$TOOL_LOG"
case "$1 $2 $3" in
  "-m iecorpus.report --stabilize") ;;
  "-m iecorpus.report --prepare")
    case "${FAIL_PREPARE:-}" in 1) echo "prepare: stand-in failure" >&2; exit 1 ;; esac ;;
  "-m iecorpus.report --run-all")
    case "${FAIL_ALL:-}" in 1) echo "run-all: stand-in crash" >&2; exit 1 ;; esac
    shift 3
    notebooks=""
    while [ $# -gt 0 ]; do
      case "$1" in -*) break ;; esac
      notebooks="$notebooks $1"
      shift
    done
    while [ $# -gt 0 ]; do
      case "$1" in --output-dir) out=$2 ;; --logs) logs=$2 ;; esac
      shift
    done
    status=0
    for nb in $notebooks; do
      name=$(basename "$nb" .ipynb)
      case "$name" in
        *"${FAIL_ON:-//}"*)
          echo "notebook $name did not run to the end" >"$logs/$name.failed"
          echo "report: $name failed; papermill: stand-in failure" >&2; status=1; continue ;;
        *"${FAIL_RENDER:-//}"*)
          echo "notebook $name could not be rendered" >"$logs/$name.failed"
          echo "report: $name failed; render: stand-in failure" >&2; status=1; continue ;;
      esac
      printf '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}' >"$out/$name.ipynb"
      printf '<html><title>%s</title></html>' "$name" >"$out/$name.html"
      printf '<html><title>%s</title></html>' "$name" >"$out/$name-code.html"
      echo "ran $name" >"$logs/$name.log"
    done
    exit $status ;;
  "-m iecorpus.report "*) printf '<html><title>index</title></html>' >"$3/index.html" ;;
esac
"""


@pytest.fixture
def make(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for name, script in (("papermill", PAPERMILL), ("jupyter", JUPYTER), ("python", PYTHON)):
        tool = venv / "bin" / name
        tool.write_text(script, encoding="utf-8")
        tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    (venv / ".installed").touch()
    log = tmp_path / "tools.log"
    reports = tmp_path / "reports"
    env = {**os.environ, "TOOL_LOG": str(log)}

    def run(*assignments, fail_on=None, fail_render=None, fail_prepare=False, fail_all=False):
        failures = {
            "FAIL_ALL": "1" if fail_all else "",
            "FAIL_ON": fail_on or "//",
            "FAIL_RENDER": fail_render or "//",
            "FAIL_PREPARE": "1" if fail_prepare else "",
        }
        done = subprocess.run(
            ["make", "-s", "report", f"VENV={venv}", f"REPORTS={reports}", *assignments],
            cwd=tmp_path,  # a folder name with `;` that ran would leave its file here
            env={**env, **failures},
            capture_output=True,
            text=True,
            timeout=120,
        )
        lines = log.read_text().splitlines() if log.exists() else []
        calls = [line.split("\x1f")[:-1] for line in lines]
        log.unlink(missing_ok=True)
        return done, calls, reports

    return run


def corpus_folder(parent, name):
    folder = parent / name
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(PAGE, encoding="utf-8")
    return folder


def test_a_folder_name_with_spaces_and_a_semicolon_is_only_a_name(make, tmp_path):
    # make itself expands $(...) in a command-line value; the shell must do nothing more.
    folder = corpus_folder(tmp_path, "my corpus; touch PWNED `touch PWNED2` 'q' \\")
    manifest = folder / "list; touch PWNED3.csv"
    manifest.write_text("file\na.txt\n", encoding="utf-8")
    done, calls, reports = make(
        "-C", str(paths.PROJECT_ROOT), f"CORPUS={folder}", f"MANIFEST={manifest}"
    )
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.rglob("PWNED*")) and not list(paths.PROJECT_ROOT.glob("PWNED*"))
    assert ["python", "-m", "iecorpus.check", "--manifest", str(manifest), "--", str(folder)] in (
        calls
    )
    (report,) = reports.iterdir()
    assert re.fullmatch(r"my_corpus__touch_PWNED__touch_PWNED2_[_q]+-[0-9a-f]{8}", report.name)
    (run,) = [c for c in calls if c[:4] == RUN_ALL]
    assert run[4 : 4 + len(NOTEBOOKS)] == [f"notebooks/{name}.ipynb" for name in NOTEBOOKS]
    assert run[run.index("corpus_dir") + 1] == str(folder)
    assert run[run.index("manifest") + 1] == str(manifest)
    assert run[run.index("figures_dir") + 1] == str(report / "figures")
    assert run[run.index("--output-dir") + 1] == str(report)
    assert (report / "index.html").is_file() and not (report / "FAILED").exists()


def test_reports_stay_in_a_folder_of_their_own_under_reports(make, tmp_path):
    first = corpus_folder(tmp_path / "one", "corpus")
    second = corpus_folder(tmp_path / "two", "corpus")
    for folder in (first, second, tmp_path / "one" / "corpus" / ".."):
        done, _, reports = make("-C", str(paths.PROJECT_ROOT), f"CORPUS={folder}")
        assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in reports.iterdir())
    assert len(names) == 3 and len(set(names)) == 3
    assert sum(n.startswith("corpus-") for n in names) == 2 and any(
        n.startswith("one-") for n in names
    )
    assert all(p.parent == reports for p in reports.iterdir())


def test_a_failed_run_marks_its_folder_and_says_so(make, tmp_path):
    folder = corpus_folder(tmp_path, "corpus")
    done, _, reports = make("-C", str(paths.PROJECT_ROOT), f"CORPUS={folder}")
    assert done.returncode == 0, done.stderr
    (report,) = reports.iterdir()
    notebooks = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    done, _, _ = make("-C", str(paths.PROJECT_ROOT), f"CORPUS={folder}", fail_on=notebooks[-1])
    assert done.returncode != 0
    assert "FAILED" in done.stderr and f"notebook {notebooks[-1]} did not run" in done.stderr
    assert (report / "FAILED").is_file()
    assert "This report is incomplete" in (report / "index.html").read_text(encoding="utf-8")
    assert not (report / f"{notebooks[-1]}.html").exists()  # nothing stale looks current


NOTEBOOKS = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


PREPARE = ["python", "-m", "iecorpus.report", "--prepare"]


def report_calls(calls):
    """The ``--prepare`` call (None when there is none) and the ``--run-all`` call."""
    prepares = [c for c in calls if c[:4] == PREPARE]
    (run,) = [c for c in calls if c[:4] == RUN_ALL]
    assert len(prepares) <= 1 and (not prepares or calls.index(prepares[0]) < calls.index(run))
    return (prepares[0] if prepares else None), run


def test_the_corpus_is_cleaned_first_then_every_notebook_runs_side_by_side(make, tmp_path):
    folder = corpus_folder(tmp_path, "corpus")
    done, calls, reports = make("-C", str(paths.PROJECT_ROOT), f"CORPUS={folder}", "REPORT_JOBS=2")
    assert done.returncode == 0, done.stderr
    (report,) = reports.iterdir()
    prepare, run = report_calls(calls)
    assert run[4 : 4 + len(NOTEBOOKS)] == [f"notebooks/{name}.ipynb" for name in NOTEBOOKS]
    options = run[4 + len(NOTEBOOKS) :]
    logs = str(report / "logs")
    assert options[:8] == ["--output-dir", str(report), "--cwd", "notebooks", "--logs", logs,
                           "--jobs", "2"]  # fmt: skip
    # The corpus is cleaned once, with the notebooks' parameters, before any of them starts;
    # they all read the cache, so the first one does not run alone.
    assert prepare[4:] == options[8:]
    assert prepare[prepare.index("corpus_dir") + 1] == str(folder)
    assert "--first-alone" not in run
    assert not [c for c in calls if c[0] in ("papermill", "jupyter")]
    for name in NOTEBOOKS:
        assert (report / f"{name}.html").is_file() and (report / f"{name}-code.html").is_file()
        assert (report / "logs" / f"{name}.log").is_file()
    assert (report / "logs" / "corpus.log").is_file()
    assert "papermill" not in done.stderr


def test_when_the_corpus_cannot_be_cleaned_first_the_first_notebook_runs_alone(make, tmp_path):
    folder = corpus_folder(tmp_path, "corpus")
    done, calls, _ = make("-C", str(paths.PROJECT_ROOT), f"CORPUS={folder}", fail_prepare=True)
    assert done.returncode == 0, done.stderr
    prepare, run = report_calls(calls)
    assert prepare is not None and "--first-alone" in run  # it builds the cache the others read


def test_with_dask_workers_the_notebooks_run_one_after_another_and_clean_the_corpus(make, tmp_path):
    folder = corpus_folder(tmp_path, "corpus")
    done, calls, _ = make("-C", str(paths.PROJECT_ROOT), f"CORPUS={folder}", "WORKERS=2")
    assert done.returncode == 0, done.stderr
    prepare, run = report_calls(calls)
    assert prepare is None  # the first notebook cleans the corpus, on its cluster
    assert "--first-alone" in run and run[run.index("--jobs") + 1] == "1"


@pytest.mark.parametrize("which", [0, -1])
def test_a_failed_render_names_its_notebook(make, tmp_path, which):
    folder = corpus_folder(tmp_path, "corpus")
    done, calls, reports = make(
        "-C", str(paths.PROJECT_ROOT), f"CORPUS={folder}", fail_render=NOTEBOOKS[which]
    )
    assert done.returncode != 0
    assert f"notebook {NOTEBOOKS[which]} could not be rendered" in done.stderr
    assert "render: stand-in failure" in done.stderr  # the end of its log is shown
    (report,) = reports.iterdir()
    assert f"notebook {NOTEBOOKS[which]} could not be rendered" in (report / "FAILED").read_text()
    for name in NOTEBOOKS:  # the others are rendered all the same
        assert (report / f"{name}.html").is_file() == (name != NOTEBOOKS[which])


def test_notebooks_that_could_not_be_run_at_all_mark_the_report_failed(make, tmp_path):
    folder = corpus_folder(tmp_path, "corpus")
    done, _, reports = make("-C", str(paths.PROJECT_ROOT), f"CORPUS={folder}", fail_all=True)
    assert done.returncode != 0
    assert "the notebooks could not be run" in done.stderr
    (report,) = reports.iterdir()
    assert "could not be run" in (report / "FAILED").read_text(encoding="utf-8")
