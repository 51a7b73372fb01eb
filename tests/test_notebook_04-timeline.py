"""Notebook 04 on corpora other than the embedded one: no error, no warning, no false prose.

Each corpus is generated (or written by hand for the test); the notebook runs on it as
``make report`` runs it (``notebook_runs.run_on``), into a temporary folder. Every number a
``finding`` cell prints must be found in the tables the notebook exported, in the corpus, in
the milestones or in the scores the test computes itself, so a sentence that states a count
its table does not hold fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from notebook_runs import (
    TEXT_KINDS,
    machine_paths,
    output_texts,
    problems,
    reference_corpus,
    run_on,
)

from iecorpus import load_corpus, paths
from iecorpus.events import extract_events, load_milestones, read_gold, score_events
from iecorpus.testing import write_corpus

pytestmark = pytest.mark.slow

NOTEBOOK = paths.NOTEBOOKS_DIR / "04-timeline.ipynb"
DATE = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?:-\d\d){0,2}(?![\d,])")
NUMBER = re.compile(r"(?<![\w.\\-])\d[\d,]*(?:\.\d+)?(?![\w-])")
UNDATED_PAGE = (
    "Schools and companies work together on training.\n\n"
    "On May 26, the Provincial Department of Education issued a notice on pilot "
    "enterprises for industry-education integration.\n"
)
NOISE_ONLY = (
    "Disclaimer: This article is reproduced from Xinhua for the purpose of passing on more "
    "information.\n\nCopyright 2024 All rights reserved\n\nEditor: Zhang Wei\n"
)


def _write_page(folder: Path, text: str) -> None:
    folder.mkdir(parents=True)
    (folder / "page.txt").write_text(text, encoding="utf-8")


def _write_undated(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(UNDATED_PAGE, encoding="utf-8")
    (folder / "b.txt").write_text("学校与企业共同培养技术技能人才。\n", encoding="utf-8")


CORPORA = {
    "no-usable-documents": lambda f: _write_page(f, NOISE_ONLY),
    "one-document": lambda f: write_corpus(f, n_documents=1, languages=("en",), seed=1),
    "english-only": lambda f: write_corpus(f, n_documents=6, languages=("en",), seed=2),
    "chinese-only": lambda f: write_corpus(f, n_documents=6, languages=("zh",), seed=3),
    "no-dates": _write_undated,
    "mixed-500": lambda f: write_corpus(f, n_documents=500, seed=4),
}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def run(request, tmp_path_factory):
    """The executed notebook, its processed folder and the corpus, for one test corpus."""
    base = tmp_path_factory.mktemp(request.param)
    corpus_dir = base / request.param
    CORPORA[request.param](corpus_dir)
    notebook = run_on("04-timeline", corpus_dir, base / "report")
    return notebook, base / "report" / "processed", reference_corpus(load_corpus, corpus_dir)


def _outputs(cell: dict) -> list[str]:
    """What a cell shows as text, SVG figures included."""
    return output_texts(cell, kinds=(*TEXT_KINDS, "image/svg+xml"))


def _embedded_sentences() -> list[str]:
    source = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    sentences = []
    for cell in source["cells"]:
        if "embedded-commentary" in cell["metadata"].get("tags", []):
            text = " ".join("".join(cell["source"]).split('"""')[1].split())
            sentences += [s for s in re.split(r"(?<=[.:;])\s+", text) if len(s) > 30]
    return sentences


def _allowed(processed: Path, corpus) -> tuple[set[float], list[str]]:
    """Every count and number the findings may state, and every date they may name."""
    numbers, dates = {0.0, 1.0}, list(corpus.documents["date"].astype(str))
    milestones = load_milestones()
    tables = [
        pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        for p in processed.glob("*.csv")
    ]
    tables.append(milestones)
    for table in tables:
        numbers.add(float(len(table)))
        for column in table.columns:
            values = table[column].astype(str)
            numbers.add(float(values.nunique()))
            numbers.update(float(n) for n in values.value_counts())
            for text in values.unique():
                dates += DATE.findall(text)
                numbers.update(float(n.replace(",", "")) for n in NUMBER.findall(text))
            if values.nunique() <= 12:  # a category: counts within each value and outside it
                for value in values.unique():
                    for part in (table[values == value], table[values != value]):
                        numbers.add(float(len(part)))
                        numbers.update(float(part[c].nunique()) for c in part.columns)
        if "actor" in table.columns:
            actors = table["actor"].str.split("; ").explode()
            numbers.update(float(n) for n in actors.value_counts())
        if "days_after" in table.columns:  # "176 days before it" for -176
            numbers.update(abs(float(n)) for n in table["days_after"] if n)
        if "doc_ids" in table.columns:
            numbers.add(float(len({d for ids in table["doc_ids"] for d in ids.split(", ")})))
    named = pd.read_csv(processed / "milestone_mentions.csv", encoding="utf-8-sig")
    n_named = named["milestone_id"].nunique()
    numbers.add(float(len(milestones) - n_named))
    numbers.update(float(n) for n in milestones["date"].str[:4].value_counts())
    documents = corpus.documents
    numbers.update(float(n) for n in (len(documents), *documents["language"].value_counts()))
    zh = extract_events(load_corpus(paths.EXAMPLE_TIMELINE_ZH_DIR))
    scores = score_events(zh, read_gold(paths.TIMELINE_ZH_GOLD))
    numbers.update(float(n) for c in scores.columns if c != "kind" for n in scores[c])
    score = scores.iloc[0]
    numbers.add(float(score["n_extracted"] - score["n_matched"]))
    numbers.add(float(round(score["kind_agreement"] * score["n_matched"])))
    return numbers, dates + ["2017", "2024"]  # the span parameters


def test_no_error_and_no_warning(run):
    notebook, _, _ = run
    assert problems(notebook) == []


def test_no_embedded_commentary(run):
    notebook, _, _ = run
    sentences = _embedded_sentences()
    assert sentences, "the notebook has no embedded-only commentary to check"
    shown = "\n".join(text for cell in notebook["cells"] for text in _outputs(cell))
    flat = " ".join(shown.split())
    assert [s for s in sentences if s in flat] == []
    for cell in notebook["cells"]:
        if "embedded-commentary" in cell["metadata"].get("tags", []):
            assert cell["outputs"] == []


def test_no_machine_path(run):
    notebook, _, _ = run
    assert machine_paths(notebook) == []
    for cell in notebook["cells"]:
        for text in _outputs(cell):
            assert "/tmp" not in text and "/root" not in text and "/work" not in text, text[:300]


def test_every_number_in_a_finding_is_in_the_data(run):
    notebook, processed, corpus = run
    numbers, dates = _allowed(processed, corpus)
    findings = [
        "".join(output["data"]["text/markdown"])
        for cell in notebook["cells"]
        if "finding" in cell["metadata"].get("tags", [])
        for output in cell["outputs"]
        if "text/markdown" in output.get("data", {})
    ]
    assert findings, "no finding was shown"
    for text in findings:
        for iso in DATE.findall(text):
            assert any(d.startswith(iso) for d in dates), f"{iso} is in no table: {text}"
        rest = DATE.sub(" ", text)
        for token in NUMBER.findall(rest):
            value = float(token.replace(",", ""))
            assert value in numbers, f"{token} is in no table: {text}"


def _claims(processed: Path, corpus) -> list[tuple[re.Pattern, object]]:
    """Phrases of the findings and the count each must equal, computed from the tables."""

    def read(name):
        return pd.read_csv(
            processed / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )

    dates, events, evidence = read("date_expressions"), read("events"), read("event_evidence")
    named, links = read("milestone_mentions"), read("milestone_links")
    resolved = dates[dates["date"] != ""]
    zh = extract_events(load_corpus(paths.EXAMPLE_TIMELINE_ZH_DIR))
    score = score_events(zh, read_gold(paths.TIMELINE_ZH_GOLD)).iloc[0]
    rows = {
        "dates": dates,
        "events": events,
        "event evidence": evidence,
        "milestones named": named,
        "milestone links": links,
    }
    return [
        (re.compile(r"(?<![\d,])(\d[\d,]*) events? in "), lambda m: len(events)),
        (re.compile(r"(?<![\d,])(\d[\d,]*) dates? in "), lambda m: len(dates)),
        (
            re.compile(r"\bin (?:[\d,]+ of |all )(\d[\d,]*) documents"),
            lambda m: len(corpus.documents),
        ),
        (
            re.compile(r"(?<![\d,])(\d[\d,]*) of them needs? the page"),
            lambda m: (resolved["anchored"] == "True").sum(),
        ),
        (re.compile(r"\d of the (\d[\d,]*) milestones"), lambda m: len(load_milestones())),
        (
            re.compile(r"(?<![\d,])(\d[\d,]*) of the [\d,]+ milestones"),
            lambda m: named["milestone_id"].nunique(),
        ),
        (re.compile(r"with their (\d[\d,]*) evidence sentences?"), lambda m: len(evidence)),
        (
            re.compile(r"(?<![\d,])(\d[\d,]*) links? between"),
            lambda m: (links["lane"] != "national").sum(),
        ),
        (
            re.compile(r"(?<![\d,])(\d[\d,]*) of [\d,]+ hand-made events? found"),
            lambda m: score["n_matched"],
        ),
        (
            re.compile(
                r"\b(dates|events|event evidence|milestones named|milestone links) \((\d[\d,]*) rows?\)"
            ),
            lambda m: len(rows[m.group(1)]),
        ),
    ]


def test_counts_in_findings_are_the_counts_of_their_tables(run):
    notebook, processed, corpus = run
    text = "\n".join(
        "".join(output["data"]["text/markdown"])
        for cell in notebook["cells"]
        if "finding" in cell["metadata"].get("tags", [])
        for output in cell["outputs"]
        if "text/markdown" in output.get("data", {})
    )
    checked = 0
    for pattern, expected in _claims(processed, corpus):
        for match in pattern.finditer(text):
            stated = int(match.groups()[-1].replace(",", ""))
            assert stated == int(expected(match)), match.group(0)
            checked += 1
    assert checked >= 3, text
