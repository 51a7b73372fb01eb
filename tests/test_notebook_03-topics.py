"""Notebook 03-topics on other corpora: no error, no warning, no embedded commentary, true numbers.

The notebook runs (papermill) on generated corpora: one document, English only, Chinese
only, no dates at all, no usable text, and 500 mixed documents. The two corpora in both
languages are fitted on shared features and say how far their topics mix languages. Every number of a cell
tagged ``finding`` must be found in the data the notebook shows (the outputs of its other
cells, the banner included) or exports (its CSV files), rounded as the sentence rounds it.
"""

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from notebook_runs import machine_paths, output_texts, problems, run_on, tags

from iecorpus import paths
from iecorpus.testing import make_page, write_corpus

NOTEBOOK = paths.NOTEBOOKS_DIR / "03-topics.ipynb"
#: Whole numbers up to this are counts derived in the sentence (``3 of 5 documents``); the
#: check leaves them out. Decimals, percentages, years and larger counts are all checked.
SMALL_COUNT = 12
#: The table of every passage holds every weight: too many numbers for a check that can fail.
NOT_EVIDENCE = {"topic_passages.csv"}
NUMBER = re.compile(r"(?<![\w.])(-?\d[\d,]*(?:\.\d+)?)(%?)")


def _undated(folder: Path) -> None:
    folder.mkdir()
    for i in range(8):
        page = make_page(language="en" if i % 2 else "zh", seed=100 + i)
        (folder / f"page_{i}.txt").write_text(
            page.title + "\n\n" + "\n\n".join(page.body) + "\n", encoding="utf-8"
        )


def _unusable(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text("123\n", encoding="utf-8")
    (folder / "b.txt").write_text("Home | News | About Us\n", encoding="utf-8")


CORPORA = {
    "one-document": lambda f: write_corpus(f, n_documents=1, languages=("en",), seed=3),
    "english-only": lambda f: write_corpus(f, n_documents=12, languages=("en",), seed=4),
    "chinese-only": lambda f: write_corpus(f, n_documents=12, languages=("zh",), seed=5),
    "undated": _undated,
    "no-usable-text": _unusable,
    "mixed-500": lambda f: write_corpus(f, n_documents=500, seed=6),
}
#: Corpora too small for a model: the notebook must say so instead of reading one.
NO_MODEL = {"one-document", "no-usable-text"}
#: Corpora in English and Chinese: the model is fitted on shared features and says how far
#: its topics mix languages.
BILINGUAL = {"undated", "mixed-500"}


def run_notebook(corpus: Path, out: Path) -> tuple[dict, Path]:
    processed = out.parent / f"{corpus.name}-processed"
    figures = out.parent / f"{corpus.name}-figures"
    notebook = run_on("03-topics", corpus, out, processed_dir=processed, figures_dir=figures)
    return notebook, processed


def commentary_sentences(notebook) -> list[str]:
    """The sentences of the embedded-corpus commentary, from the cells that hold it."""
    sentences = []
    for cell in notebook["cells"]:
        if "embedded-commentary" in tags(cell):
            text = "".join(cell["source"]).split('"""')[1]
            lines = [line for line in text.splitlines() if not line.startswith("#")]
            sentences += [
                s.strip() for s in re.split(r"(?<=[.:;])\s", " ".join(lines)) if len(s.strip()) > 30
            ]
    return sentences


def parse_numbers(text: str, *, finding: bool = True) -> list[tuple[float, int, bool]]:
    """Numbers in a text: (value, decimals, is a percentage).

    In a finding, code (a parameter's name and value) and link targets are left out.
    """
    if finding:
        text = re.sub(r"`[^`]*`", " ", text)
        text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\\(.)", r"\1", text)  # Markdown escapes
    text = re.sub(r"k=", "k ", text)
    found = []
    for digits, percent in NUMBER.findall(text):
        plain = digits.replace(",", "")
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        found.append((float(plain), decimals, bool(percent)))
    return found


def evidence(notebook, processed: Path) -> list[float]:
    """Every number the notebook shows outside its findings, or exports."""
    values = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code" and "finding" not in tags(cell):
            for text in output_texts(cell):
                values += [v for v, _, _ in parse_numbers(text, finding=False)]
    for csv in sorted(processed.glob("*.csv")):
        if csv.name in NOT_EVIDENCE:
            continue
        table = pd.read_csv(csv, encoding="utf-8-sig")
        if "year" in table.columns and table["year"].notna().any():
            # The figure of prevalence by year draws every year from the first to the last.
            values += list(
                map(float, range(int(table["year"].min()), int(table["year"].max()) + 1))
            )
        for column in table.columns:
            numeric = pd.to_numeric(table[column], errors="coerce").dropna()
            values += numeric.astype(float).tolist()
    return values


def is_shown(value: float, decimals: int, percent: bool, pool: list[float]) -> bool:
    tolerance = 0.5 * 10**-decimals + 1e-9
    if percent:
        return any(abs(100 * v - value) <= tolerance + 0.05 or v == value for v in pool)
    if decimals == 0 and value.is_integer() and abs(value) <= SMALL_COUNT:
        return True
    return any(abs(v - value) <= tolerance for v in pool)


def unsupported_numbers(notebook, processed: Path) -> list[str]:
    """The numbers of finding cells that no shown or exported table holds."""
    pool = evidence(notebook, processed)
    missing = []
    for cell in notebook["cells"]:
        if "finding" not in tags(cell):
            continue
        for text in output_texts(cell):
            for value, decimals, percent in parse_numbers(text):
                if not is_shown(value, decimals, percent, pool):
                    missing.append(f"{value:g}{'%' if percent else ''} in: {text[:200]}")
    return missing


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("nb03")
    done = {}
    for name, make in CORPORA.items():
        make(root / name)
        done[name] = run_notebook(root / name, root / f"{name}-run")
    return done


@pytest.mark.slow
@pytest.mark.parametrize("name", list(CORPORA))
def test_the_notebook_tells_the_truth_about_the_corpus(runs, name):
    notebook, processed = runs[name]
    commentary = commentary_sentences(json.loads(NOTEBOOK.read_text(encoding="utf-8")))
    assert commentary, "the notebook has no embedded-corpus commentary to look for"
    assert problems(notebook) == []
    assert machine_paths(notebook) == []
    for cell in notebook["cells"]:
        if "embedded-commentary" in tags(cell):
            assert not cell.get("outputs"), "embedded commentary shown for another corpus"
        for text in output_texts(cell):
            for sentence in commentary:
                assert sentence not in text
    assert unsupported_numbers(notebook, processed) == []
    findings = " ".join(
        t for c in notebook["cells"] if "finding" in tags(c) for t in output_texts(c)
    )
    if name in NO_MODEL:
        assert "no model" in findings and not (processed / "03-topics.xlsx").exists()
    else:
        assert (processed / "03-topics.xlsx").is_file()
        assert "The sweep compared" in findings
    if name in BILINGUAL:
        assert "shared features alone" in findings
        assert "Fitted on shared features" in findings and "best passages" in findings
    else:
        assert "shared features alone" not in findings
    assert "The mixed example gives" in findings  # section 10, whatever the corpus


def test_the_number_check_catches_a_number_that_no_table_holds(tmp_path):
    table = {
        "cell_type": "code",
        "metadata": {},
        "source": [],
        "outputs": [
            {"output_type": "execute_result", "data": {"text/plain": "   k    nmi\n0  3  0.739"}}
        ],
    }
    finding = {
        "cell_type": "code",
        "metadata": {"tags": ["finding"]},
        "source": [],
        "outputs": [
            {
                "output_type": "display_data",
                "data": {"text/markdown": "NMI 0.739 at k=3, AMI 0.721; 74% and 55"},
            }
        ],
    }
    notebook = {"cells": [table, finding]}
    missing = unsupported_numbers(notebook, tmp_path)
    assert [m.split(" in:")[0] for m in missing] == ["0.721", "55"]  # 74% is 0.739 rounded
    pd.DataFrame({"ami": [0.7213], "n": [55]}).to_csv(tmp_path / "scores.csv", index=False)
    assert unsupported_numbers(notebook, tmp_path) == []
