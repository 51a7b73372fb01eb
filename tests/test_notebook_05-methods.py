"""The methods page: Markdown only, runs under `make report` like the others, cites its sources.

It is quick (no kernel is started): the page holds no analysis, so what can break is its
shape, the parameters `make report` injects, and the references it promises.
"""

from __future__ import annotations

import json
import re

import pytest

from iecorpus import paths, report

NOTEBOOK = paths.NOTEBOOKS_DIR / "05-methods.ipynb"


@pytest.fixture(scope="module")
def cells():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def markdown(cells) -> str:
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_it_is_marked_as_the_methods_page_of_the_reports():
    assert report.read_page_kind(NOTEBOOK) == "methods"
    title, question = report.read_title(NOTEBOOK)
    assert title.startswith("Methods") and question.endswith("the notebook that runs it.")


def test_every_parameter_make_report_injects_is_accepted(cells):
    injected = set(
        re.findall(r'-r (\w+) "', (paths.PROJECT_ROOT / "tools" / "report.sh").read_text())
    )
    assert injected == {"corpus_dir", "manifest", "processed_dir", "figures_dir"}
    (parameters,) = [c for c in cells if "parameters" in c["metadata"].get("tags", [])]
    names: dict = {}
    exec("".join(parameters["source"]), {}, names)  # the cell only assigns None
    assert set(names) == injected and set(names.values()) == {None}


def test_the_parameters_cell_is_its_only_code_and_it_has_no_output(cells):
    code = [c for c in cells if c["cell_type"] == "code"]
    assert len(code) == 1 and code[0]["outputs"] == []


def test_its_sections_are_listed_and_numbered_in_order(cells):
    text = markdown(cells)
    listed = re.findall(r"^\d+\. (.+)$", text.split("\n## ")[0], flags=re.M)
    headings = re.findall(r"^## \d+\. (.+)$", text, flags=re.M)
    assert listed == headings and len(headings) >= 8


@pytest.mark.parametrize(
    "reference",
    [
        "Rayson, P., and Garside, R. (2000)",
        "Hardie, A. (2014)",
        "Benjamini, Y., and Hochberg, Y. (1995)",
        "Bouma, G. (2009)",
        "Mimno, D., Wallach, H. M., Talley, E., Leenders, M., and McCallum, A. (2011)",
        "Rychlý, P. (2008)",
        "Church, K. W., and Hanks, P. (1990)",
        "Röder, M., Both, A., and Hinneburg, A. (2015)",
        "Greene, D., O'Callaghan, D., and Cunningham, P. (2014)",
    ],
)
def test_each_measure_is_cited_in_the_reference_list(cells, reference):
    references = markdown(cells).split("## 9. References")[1]
    assert f"- {reference}." in references


def test_every_citation_in_the_text_is_in_the_reference_list_and_back(cells):
    body, references = markdown(cells).split("## 9. References")
    listed = {
        (name, year)
        for authors, year in re.findall(r"^- (.+?) \((\d{4})\)", references, flags=re.M)
        for name in re.findall(r"([A-Z][\w'ýö]+),", authors)
    }
    # A citation is a name, maybe "et al.", then a year closing a bracket or a list item.
    cited = set(re.findall(r"([A-Z][\w'ýö]+)(?: et al\.)? (\d{4})(?=[);,])", body))
    assert len(cited) >= 10 and cited <= listed, cited - listed
    first_authors = re.findall(r"^- ([^,]+),.*?\((\d{4})\)", references, flags=re.M)
    uncited = [
        (name, year)
        for name, year in first_authors
        if not re.search(rf"{re.escape(name)}[^()]{{0,60}}\b{year}\b", body)
    ]
    assert len(first_authors) >= 10 and not uncited


@pytest.mark.parametrize(
    "phrase",
    [
        "A detector that is unsure keeps the text",
        "Duplicates are flagged, not dropped",
        "Furniture by repetition",
        "The longest match wins",
        "never against today",
        "`co-mentioned`",
        "What it can get wrong",
    ],
)
def test_it_says_how_each_step_decides_and_what_it_can_get_wrong(cells, phrase):
    assert phrase in markdown(cells)


def test_it_states_no_finding_about_a_corpus(cells):
    # Method text only: no "N documents" or "N occurrences" of some corpus, and nothing
    # that only the embedded pages' commentary would say.
    text = markdown(cells)
    assert not re.search(r"\b\d[\d,]* (?:of \d+ )?(?:occurrences|mentions|events|pages)\b", text)
    assert not re.search(r"(?<![\d,])00[0-4]\b", text)  # the embedded pages' numbers
    for embedded in ("Henan", "Shanghai"):
        assert embedded not in text


def test_every_library_name_it_mentions_exists(cells):
    import importlib

    for module, name in re.findall(r"`(\w+)\.(\w+)`", markdown(cells)):
        if module in {"terms", "topics"}:
            assert hasattr(importlib.import_module(f"iecorpus.{module}"), name), (module, name)
    for module in re.findall(r"`iecorpus\.(\w+)`", markdown(cells)):
        importlib.import_module(f"iecorpus.{module}")


def test_every_data_file_it_names_exists(cells):
    for path in re.findall(r"`(data/[\w/.-]+)`", markdown(cells)):
        assert (paths.PROJECT_ROOT / path).exists(), path
