"""Exports a researcher can open: CSV with a byte-order mark, workbooks whose text stays text."""

import codecs
import re
import zipfile
from datetime import datetime, timezone

import pandas as pd
import pytest

openpyxl = pytest.importorskip("openpyxl")

from iecorpus import describe_corpus, export, export_table, load_corpus, provenance, write_workbook  # noqa: E402

EVENTS = pd.DataFrame(
    {
        "date": ["2019-01", "2022-07-06"],
        "summary": ["国务院印发《国家职业教育改革实施方案》", "河南能源動力與材料職業教育集團揭牌"],
        "doc_url": ["https://example.org/a.html", "https://example.org/b.html"],
        "n_evidence": [2, 1],
        "share": [0.25, float("nan")],
    }
)
FORMULA_LIKE = [
    '=HYPERLINK("http://example.com","click")',
    "=1+1",
    "+86 10 1234 5678",
    "-- END --",
    "-1",
    "@SUM(A1:A2)",
    "#N/A",
]


@pytest.fixture
def book(tmp_path):
    tables = {"events": EVENTS, "formula-like": pd.DataFrame({"sentence": FORMULA_LIKE})}
    path = write_workbook(
        tables,
        tmp_path / "04-timeline.xlsx",
        corpus_info={"corpus folder": "data/raw", "documents": "5", "date range": "2020 to 2024"},
        parameters={"start": "2019-01-01", "n_topics": None, "ks": [2, 3]},
        title="Timeline 时间线",
        created=datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
    )
    return path


def test_a_csv_export_starts_with_a_byte_order_mark_and_reads_back(tmp_path):
    path = export_table(EVENTS, "events", processed_dir=tmp_path / "processed")
    assert path == tmp_path / "processed" / "events.csv"
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    assert "国务院印发".encode() in data and b"\r\n" not in data
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back.columns.tolist() == EVENTS.columns.tolist()
    assert back["summary"].tolist() == EVENTS["summary"].tolist()


@pytest.mark.parametrize("name", ["", "../events", "a/b", "a\\b", ".."])
def test_a_csv_export_name_must_be_a_plain_file_name(tmp_path, name):
    with pytest.raises(ValueError, match="not a file name"):
        export_table(EVENTS, name, processed_dir=tmp_path)


def test_the_workbook_opens_and_its_chinese_cells_round_trip(book):
    sheets = openpyxl.load_workbook(book)
    assert sheets.sheetnames == ["About", "events", "formula-like"]
    rows = list(sheets["events"].iter_rows(values_only=True))
    assert rows[0] == tuple(EVENTS.columns)
    assert [r[1] for r in rows[1:]] == EVENTS["summary"].tolist()
    assert rows[1][3] == 2 and rows[1][4] == 0.25 and rows[2][4] is None  # numbers stay numbers


def test_formula_like_text_stays_text(book):
    sheet = openpyxl.load_workbook(book)["formula-like"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == FORMULA_LIKE
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells if c.value[0] in "=+-@")
    with zipfile.ZipFile(book) as archive:
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if "worksheets" in n)
    assert "<f>" not in xml and "<f " not in xml
    assert 't="e"' not in xml  # "#N/A" is not an error value


def test_the_first_sheet_says_which_corpus_version_time_and_parameters(book):
    about = dict(
        row[:2] for row in openpyxl.load_workbook(book)["About"].iter_rows(values_only=True)
    )
    made = provenance()
    assert about["corpus folder"] == "data/raw" and about["documents"] == "5"
    assert about["version"] == made.version
    assert (about["commit"] or "") == made.commit
    assert about["created (UTC)"] == "2026-01-02 03:04:05"
    assert about["n_topics"] == "None" and about["ks"] == "[2, 3]"
    assert about["start"] == "2019-01-01"
    assert about["events"] == "2 rows"
    assert "Timeline 时间线" in about


@pytest.mark.parametrize(
    ("names", "sheets"),
    [
        (["events"], ["events"]),
        (["a/b", "c:d", "[e]", "f*?", "g\\h"], ["a_b", "c_d", "_e_", "f__", "g_h"]),
        (["x" * 40], ["x" * 31]),
        (["x" * 40, "x" * 35], ["x" * 31, "x" * 27 + " (2)"]),
        (["Events", "events", "EVENTS"], ["Events", "events (2)", "EVENTS (3)"]),
        (["about", "History"], ["about (2)", "History (2)"]),
        (["'quoted'", "", "关键词 keyness"], ["quoted", "table", "关键词 keyness"]),
    ],
)
def test_sheet_names_are_acceptable_to_excel_and_unique(names, sheets):
    assert export.name_sheets(names) == sheets
    for sheet in sheets:
        assert len(sheet) <= 31 and not re.search(r"[\[\]:*?/\\]", sheet)


def test_control_characters_and_overlong_cells_do_not_break_the_workbook(tmp_path):
    long = "产" * 40_000
    table = pd.DataFrame({"text": ["a\x01b\x0bc", long], "tab": ["x\ty\nz", ""]})
    path = write_workbook({"texts": table}, tmp_path / "t.xlsx", corpus_info={})
    rows = list(openpyxl.load_workbook(path)["texts"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("a\ufffdb\ufffdc", "x\ty\nz")
    assert len(rows[1][0]) == 32_767 and rows[1][0].endswith("…")


def test_a_table_too_long_for_a_sheet_is_refused_with_advice(tmp_path, monkeypatch):
    monkeypatch.setattr(export, "MAX_ROWS", 3)
    with pytest.raises(ValueError, match="'terms' has 3 rows.*export_table"):
        write_workbook(
            {"terms": pd.DataFrame({"t": [1, 2, 3]})}, tmp_path / "t.xlsx", corpus_info={}
        )
    with pytest.raises(ValueError, match="ends in .xlsx"):
        write_workbook({}, tmp_path / "t.xls", corpus_info={})


def test_the_embedded_corpus_is_described_by_folder_languages_and_dates():
    info = describe_corpus(load_corpus())
    assert info == {
        "corpus folder": "data/raw (the embedded corpus)",
        "manifest": "data/corpus.csv",
        "documents": "5",
        "documents by language": "en 5",
        "date range": "2020-12-30 to 2024-04-16",
        "problems": "0",
    }


def test_a_users_folder_is_described_with_its_undated_documents(tmp_path):
    documents = pd.DataFrame(
        {"language": ["zh", "en", "zh"], "date": ["2023-05", "", "2021"], "doc_id": list("abc")}
    )
    info = describe_corpus(documents, corpus_dir=tmp_path)
    assert info["manifest"] == "none"
    assert info["documents by language"] == "zh 2, en 1"
    assert info["date range"] == "2021 to 2023-05 (1 undated)"
