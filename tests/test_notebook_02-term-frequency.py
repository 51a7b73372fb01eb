"""Notebook 02 on other corpora: it runs, warns of nothing, and every number it states is in its data.

Each case runs ``notebooks/02-term-frequency.ipynb`` as ``make report`` does
(``notebook_runs.run_on``) on a generated corpus (pages cleaning empties, one document,
English only, Chinese only, no dates, 500 mixed documents, a file the loader cannot use)
into a temporary folder, then reads the executed notebook: no error, nothing on stderr, no
commentary written about the embedded pages, and every number of a cell tagged ``finding``
found among the values the notebook showed or exported.
"""

import ast
import re
from pathlib import Path

import pytest
from notebook_runs import output_text, problems, run_on, tags

from iecorpus.testing import write_corpus

#: A number as a sentence writes it: "1,043", "72.5", "-2.2" (not inside a word or an id).
NUMBER = re.compile(
    r"(?<![\w.\\/-])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.\\/-])-?\d+(?:\.\d+)?(?![\w])"
)
#: What a finding shows that is not a statistic: code spans, quoted document text, links,
#: list markers. Years are dates, not statistics (as in the project's check of typed numbers).
NOT_STATISTICS = [
    re.compile(r"`[^`]*`"),
    re.compile(r"“[^”]*”"),
    re.compile(r"\[[^\]]*\]\([^)]*\)"),
    re.compile(r"(?m)^\s*\d+\.\s"),
]


def _write_text(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def make_corpora(root: Path) -> dict[str, Path]:
    """Write the corpora the notebook must survive, and return their folders by name."""
    corpora = {
        "emptied": _write_text(
            root / "emptied",
            {
                "bom.txt": "\ufeff".encode(),
                "spam.txt": "版权所有 © 2021 某某公司 京ICP备12345678号\n"
                "Copyright © 2021 All rights reserved\n".encode(),
            },
        ),
        "undated": _write_text(
            root / "undated",
            {
                "a.txt": b"Deepening the integration of industry and education\n\n"
                b"The college and the enterprise signed an agreement on school-enterprise "
                b"cooperation to deepen the integration of industry and education.\n\n"
                b"Both sides will build a training base and an industrial college together.\n",
                "b.txt": "深化产教融合\n\n学校与企业签订校企合作协议，深化产教融合，共建产业学院和"
                "实训基地，培养技术技能人才。\n".encode(),
            },
        ),
    }
    for name, n, languages, seed in [
        ("one", 1, ("en",), 1),
        ("english", 8, ("en",), 2),
        ("chinese", 8, ("zh",), 3),
        ("mixed500", 500, ("en", "zh"), 4),
    ]:
        write_corpus(root / name, n_documents=n, languages=languages, seed=seed)
        corpora[name] = root / name
    # Files the loader reports (and warns of) beside the pages it loads.
    write_corpus(root / "problems", n_documents=3, seed=5, with_manifest=False)
    (root / "problems" / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 40)
    corpora["problems"] = root / "problems"
    return corpora


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    return make_corpora(tmp_path_factory.mktemp("corpora"))


def commentary_sentences(notebook: dict) -> list[str]:
    """The sentences of the cells that speak of the embedded pages (their string constants)."""
    sentences = []
    for cell in notebook["cells"]:
        if "embedded-commentary" not in tags(cell):
            continue
        texts = [
            node.value
            for node in ast.walk(ast.parse("".join(cell["source"])))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        ]
        joined = "".join(texts)
        sentences += [s.strip() for s in re.split(r"(?<=[.:;])\s", joined) if len(s.strip()) > 30]
    return sentences


def stated_numbers(text: str) -> list[str]:
    """The numbers a finding states as results (not those inside code, quotes or links)."""
    for pattern in NOT_STATISTICS:
        text = pattern.sub(" ", text)
    return [n for n in NUMBER.findall(text) if not re.fullmatch(r"(19|20)\d\d", n)]


def known_numbers(texts: list[str]) -> set[str]:
    """Every way the numbers in these texts may be written: as they are and rounded.

    The rows of a table shown as HTML count too: "18 concepts" may be the rows of a table.
    """
    known = {str(body.count("<tr")) for text in texts for body in text.split("<tbody>")[1:]}
    for text in texts:
        for token in re.findall(r"-?\d[\d,]*(?:\.\d+)?(?:e-?\d+)?", text):
            try:
                value = float(token.replace(",", ""))
            except ValueError:
                continue
            known.add(f"{value:.0f}")
            known.update(f"{value:.{digits}f}" for digits in range(1, 4))
    return known


def unsupported_numbers(notebook: dict, processed: Path) -> list[tuple[int, str]]:
    """The numbers of findings that are in none of the notebook's other outputs or tables.

    The data is what the reader can check a sentence against: the outputs of the cells
    that are not findings (tables, printed counts, the banner), the tables exported to the
    processed folder, and the parameters.
    """
    data = [p.read_text(encoding="utf-8-sig") for p in sorted(processed.glob("*.csv"))]
    data = [text for text in data if len(text) < 5_000_000]
    findings = []
    for k, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        texts = [output_text(o) for o in cell.get("outputs", [])]
        if "finding" in tags(cell):
            findings += [(k, t) for t in texts]
        else:
            data += texts
        if "parameters" in tags(cell) or "injected-parameters" in tags(cell):
            data.append("".join(cell["source"]))
    known = known_numbers(data)
    return [
        (k, n)
        for k, text in findings
        for n in stated_numbers(text)
        if n.replace(",", "") not in known
    ]


def test_the_number_check_finds_a_number_that_is_in_no_table(tmp_path):
    notebook = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "source": "", "outputs": [
                {"output_type": "stream", "name": "stdout", "text": "55 lines, G² 72.547705"}]},
            {"cell_type": "code", "metadata": {"tags": ["finding"]}, "source": "", "outputs": [
                {"output_type": "display_data", "data": {"text/markdown": (
                    "1. **Top**: 55 lines in `doc 003`, “1+X 2024”, G² 72.5; 17 of them."
                )}}]},
        ]
    }  # fmt: skip
    assert unsupported_numbers(notebook, tmp_path) == [(1, "17")]


CASES = ["emptied", "one", "english", "chinese", "undated", "mixed500", "problems"]


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_notebook_tells_the_truth_about_another_corpus(name, corpora, tmp_path):
    notebook = run_on("02-term-frequency", corpora[name], tmp_path)
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    outputs = [o for c in cells for o in c.get("outputs", [])]
    assert problems(notebook) == []
    commentary = [c for c in cells if "embedded-commentary" in tags(c)]
    assert commentary and not [c for c in commentary if c.get("outputs")]
    shown = "\n".join(output_text(o) for o in outputs)
    assert not [s for s in commentary_sentences(notebook) if s in shown]
    assert [c for c in cells if "finding" in tags(c) and c.get("outputs")]
    assert not unsupported_numbers(notebook, tmp_path / "processed")
    assert (tmp_path / "processed" / "02-term-frequency.xlsx").is_file()
