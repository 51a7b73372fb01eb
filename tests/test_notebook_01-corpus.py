"""Notebook 01 on corpora unlike the embedded one: it runs, warns of nothing, and tells the truth.

Each corpus is generated (or written by hand) into a temporary folder and the notebook is
run on it as ``make report CORPUS=...`` runs it (``notebook_runs.run_on``). The checks: no
error and no warning in any output, none of the sentences written about the embedded pages,
and every number in a ``finding`` cell's output is one the corpus's own tables give.
"""

import json
import re
from pathlib import Path

import pytest
from notebook_runs import (
    machine_paths,
    output_texts,
    problems,
    reference_corpus,
    run_on,
    tagged,
)

from iecorpus import paths
from iecorpus.audit import count_reasons, describe_documents, show_examples, summarize_removed
from iecorpus.cache import open_corpus
from iecorpus.check import check_corpus
from iecorpus.corpus import empty_corpus
from iecorpus.testing import write_corpus

NOTEBOOK = paths.NOTEBOOKS_DIR / "01-corpus.ipynb"
#: ``plot_removed``'s ``max_documents`` and ``say_sentences``'s ``long``, as the notebook uses them.
PARAMETER_NUMBERS = {"25", "600"}

pytestmark = pytest.mark.slow


def write_undated(folder: Path) -> None:
    folder.mkdir()
    (folder / "a.txt").write_text(
        "School and enterprise cooperation deepens\n\nThe college and the company signed an "
        "agreement on industry-education integration. Students will train in the workshop.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "深化产教融合 推进校企合作\n\n学校与企业签署合作协议，共建实训基地。学生将在车间实习。\n",
        encoding="utf-8",
    )


def write_emptied(folder: Path) -> None:
    """Pages cleaning empties (all spam or navigation), beside one with `$` and markup in it."""
    folder.mkdir()
    (folder / "spam.txt").write_text("尊龙凯时\n", encoding="utf-8")
    (folder / "menu.txt").write_text("Home > News > Detail\n\n尊龙凯时\n", encoding="utf-8")
    (folder / "grant.txt").write_text(
        'College gets $5m "smart campus" grant, $2m more\n2021-05-26\n\n'
        "The college got $5m for a <b>smart</b> campus. Students will train there.\n",
        encoding="utf-8",
    )


def write_unusable(folder: Path) -> None:
    folder.mkdir()
    (folder / "blank.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 8)


CORPORA = {
    "nothing-usable": write_unusable,
    "one-document": lambda f: write_corpus(f, n_documents=1, languages=("en",), seed=1),
    "english-only": lambda f: write_corpus(f, n_documents=6, languages=("en",), seed=2),
    "chinese-only": lambda f: write_corpus(
        f, n_documents=6, languages=("zh",), seed=3, with_manifest=False
    ),
    "all-undated": write_undated,
    "emptied-by-cleaning": write_emptied,
    "mixed-500": lambda f: write_corpus(f, n_documents=500, seed=4),
}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def run(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(request.param)
    corpus_dir = root / request.param
    CORPORA[request.param](corpus_dir)
    notebook = run_on("01-corpus", corpus_dir, root)
    return request.param, corpus_dir, notebook, root / "processed"


def embedded_sentences() -> list[str]:
    """The sentences the committed notebook shows only for the embedded pages."""
    committed = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = tagged(committed, "embedded-commentary")
    text = " ".join(t for c in cells for t in output_texts(c, kinds=("text/markdown",)))
    sentences = [s.strip() for s in re.split(r"(?<=[.:])\s+|\n+", text)]
    return [s for s in sentences if len(s) > 30 and not s.startswith("#")]


# --------------------------------------------------------------------- numbers in findings
def spoken_numbers(markdown: str) -> set[str]:
    """The numbers a finding states, with code, quotations and link targets taken out."""
    text = re.sub(r"`[^`]*`|“[^”]*”|\]\([^)]*\)", " ", markdown)
    text = re.sub(r"\d{4}-\d\d(-\d\d)?", " ", text)  # dates are checked apart
    return {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def spoken_dates(markdown: str) -> set[str]:
    return set(re.findall(r"\b\d{4}-\d\d-\d\d\b|\b\d{4}-\d\d\b", re.sub(r"“[^”]*”", " ", markdown)))


def counts(*values) -> set[str]:
    found = set()
    for value in values:
        if hasattr(value, "tolist"):
            value = value.tolist()
        for v in value if isinstance(value, list) else [value]:
            found.add(str(int(round(float(v)))))
    return found


def data_numbers(corpus, processed: Path) -> set[str]:
    """Every number the notebook's tables give (totals, counts, shares), computed here anew."""
    docs = describe_documents(corpus)
    reasons = count_reasons(corpus)
    wide = summarize_removed(corpus)
    audit = corpus.check_audit()
    examples = show_examples(corpus)
    repairs = corpus.removed[corpus.removed["reason"] == "artefact"]
    problems = corpus.problems
    n = len(docs)
    found = counts(
        n,
        docs["language"].value_counts(),
        (docs["date"] != "").sum(),
        docs["date_precision"].value_counts(),
        corpus.documents["date_source"].value_counts(),
        (docs["date"] == "").sum(),
        max(0, (docs["date"] == "").sum() - 8),
        (docs["n_chars_clean"] == 0).sum(),
    )
    found |= {f"{v:.1f}" for v in docs["kept_pct"]} | {f"{docs['kept_pct'].median():.1f}"}
    found |= counts(
        len(problems),
        problems["action"].value_counts(),
        problems["problem"].value_counts(),
        problems["problem"].nunique(),
    )
    if len(reasons):
        total = reasons["n_chars"].sum()
        found |= counts(
            reasons["n_spans"].sum(),
            len(reasons),
            total,
            reasons["n_spans"],
            reasons["n_chars"],
            reasons["n_documents"],
            100 * reasons["n_chars"].iloc[0] / total,
        )
    if len(wide) and wide["total"].sum():
        raw = docs.set_index("doc_id")["n_chars_raw"].reindex(wide.index)
        found |= counts(
            wide["total"], raw, 100 * wide["total"] / raw, wide.max(), (wide["total"] == 0).sum()
        )
    found |= counts(len(examples), examples["reason"].nunique(), examples["doc_id"].nunique())
    if len(repairs):
        kinds = repairs.groupby(["text", "replacement"]).size()
        found |= counts(len(repairs), repairs["doc_id"].nunique(), len(kinds), kinds.max())
    found |= counts((docs["language"] == "zh").sum())
    found |= counts(
        audit[["n_chars_raw", "n_chars_clean", "n_chars_inserted", "n_chars_removed"]].sum(),
        len(audit),
    )
    lengths = corpus.sentences["text"].str.len()
    if len(lengths):
        language = corpus.sentences["doc_id"].map(corpus.documents.set_index("doc_id")["language"])
        found |= counts(
            len(corpus.paragraphs),
            corpus.paragraphs["is_heading"].sum(),
            len(corpus.sentences),
            lengths.median(),
            lengths.groupby(language).median(),
            (lengths > 600).sum(),
        )
    for table in processed.glob("corpus-cache/*/*.parquet"):
        if table.stem != "raw":
            found |= counts(len(getattr(corpus, table.stem)))
    return found | PARAMETER_NUMBERS


def demo_numbers() -> set[str]:
    """What section 6 says of the made-up Chinese page: how many paragraphs it keeps."""
    from iecorpus import clean_document, read_document

    cleaned = clean_document(read_document(paths.EXAMPLES_DIR / "zh-demo-page.txt").text)
    return counts(len([p for p in cleaned.text.split("\n\n") if p.strip()]))


def load(corpus_dir: Path, processed: Path):
    checked = check_corpus(corpus_dir)
    if not checked.usable:
        return empty_corpus(problems=checked.problems)
    return reference_corpus(open_corpus, corpus_dir, processed_dir=processed)


def test_the_number_check_catches_a_number_the_data_does_not_give():
    allowed = {"5", "70.5"}
    assert spoken_numbers("The corpus has 5 documents; 70.5% kept.") <= allowed
    assert spoken_numbers("The corpus has 7 documents (`doc_00007`, “3 pages”).") == {"7"}
    assert spoken_numbers("12,345 characters, dated 2021-05-26") == {"12345"}


# --------------------------------------------------------------------------------- tests
def test_no_error_and_no_warning_in_any_output(run):
    name, _, notebook, _ = run
    assert problems(notebook) == [], name


def test_no_sentence_about_the_embedded_pages_appears(run):
    name, _, notebook, _ = run
    sentences = embedded_sentences()
    assert len(sentences) >= 3, "the committed notebook shows no embedded commentary"
    shown = " ".join(t for c in notebook["cells"] for t in output_texts(c))
    for sentence in sentences:
        assert sentence not in shown, (name, sentence)
    for cell in tagged(notebook, "embedded-commentary"):
        assert output_texts(cell) == [], name


def test_every_number_in_a_finding_comes_from_the_corpus(run):
    name, corpus_dir, notebook, processed = run
    corpus = load(corpus_dir, processed)
    allowed = data_numbers(corpus, processed) | demo_numbers()
    dates = set(corpus.documents["date"])
    findings = tagged(notebook, "finding")
    assert len(findings) >= 10
    for cell in findings:
        for text in output_texts(cell, kinds=("text/markdown",)):
            unexplained = spoken_numbers(text) - allowed
            assert not unexplained, (name, unexplained, text[:300])
            assert spoken_dates(text) <= dates, (name, text[:300])


def test_no_output_shows_a_machine_path(run):
    name, _, notebook, _ = run
    assert machine_paths(notebook) == [], name


def test_the_workbook_and_the_tables_are_written_and_linked(run):
    name, _, notebook, processed = run
    assert (processed / "01-corpus.xlsx").is_file()
    for table in ("documents", "cleaning-reasons", "removed-by-document", "audit"):
        assert (processed / f"{table}.csv").read_bytes().startswith(b"\xef\xbb\xbf"), table
    shown = " ".join(t for c in tagged(notebook, "finding") for t in output_texts(c))
    assert "(processed/01-corpus.xlsx)" in shown, name
