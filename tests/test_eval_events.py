"""The matching rule of benchmarks/eval_events.py, and its run on a generated page folder."""

from __future__ import annotations

import csv
import importlib.util
import json
import sys

import pytest

from iecorpus import paths

SCRIPT = paths.PROJECT_ROOT / "benchmarks" / "eval_events.py"


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("eval_events", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.mark.parametrize(
    ("event", "gold", "matched"),
    [
        (("2021-05-26", "day", ""), ("2021-05-26", "day"), True),
        (("2021-05-26", "approx", ""), ("2021-05-26", "day"), True),
        (("2021-05", "month", ""), ("2021-05-26", "day"), False),  # coarser than a gold day
        (("2021-05-27", "day", ""), ("2021-05-26", "day"), False),
        (("2019-10-25", "day", ""), ("2019-10", "month"), True),  # inside the gold month
        (("2019", "year", ""), ("2019-10", "month"), True),  # the gold month inside it
        (("2019-11", "month", ""), ("2019-10", "month"), False),
        (("2023", "year", "2025"), ("2024", "year"), True),  # a range holding the gold year
        (("2019-03-30", "day", ""), ("2019-02", "approx"), True),  # within 45 days after
        (("2019-04-20", "day", ""), ("2019-02", "approx"), False),
        (("", "", ""), ("2019-02", "approx"), False),  # an undated event matches no date
    ],
)  # fmt: skip
def test_the_date_rule(script, event, gold, matched):
    assert script.match_dates(event, gold) is matched


@pytest.mark.parametrize(
    ("sentence", "evidence", "matched"),
    [
        ("On May 26, the college held a signing ceremony.", "the college held a signing", True),
        ("On May 26, the  College held\na signing ceremony.", "the college held a signing", True),
        ("On May 26, the college held a ceremony.", "the college held a signing", True),  # 60%
        ("The college news.", "the college held a signing ceremony on May 26", False),
        ("5月26日，学院举行签约仪式。", "学院举行签约仪式", True),
    ],
)  # fmt: skip
def test_the_evidence_rule(script, sentence, evidence, matched):
    assert script.match_evidence(sentence, evidence) is matched


def test_an_absent_folder_prints_one_line_and_succeeds(script, tmp_path, capsys):
    assert script.main(["--pages", str(tmp_path / "missing")]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "not found" in out


PAGE = (
    "Campus news\n\n"
    "On May 26, the Zhengzhou Electric Power College held a school-enterprise cooperation "
    "signing ceremony with three companies.\n\n"
    "The college has trained more than 800 students in the last five years with its partners.\n\n"
    "In 2020, the college set up an industrial college for new energy.\n\n"
    "Photo taken on June 3, 2021 by the news office\n"
)


def test_a_generated_folder_is_scored_with_and_without_page_dates(script, tmp_path, capsys):
    (tmp_path / "en_01.txt").write_text(PAGE, encoding="utf-8")
    with (tmp_path / "MANIFEST.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["file", "url", "title", "date", "language", "notes"],
             ["en_01.txt", "", "", "2021-05-28", "en", ""]]
        )  # fmt: skip
    gold = {
        "en_01.txt": {
            "date_expected": None,
            "language": "en",
            "must_remove": ["Photo taken on June 3, 2021 by the news office"],
            "traps": [],
            "events": [
                {"date": "2021-05-26", "precision": "day", "kind": "event", "what": "signing",
                 "evidence": "held a school-enterprise cooperation signing ceremony",
                 "optional": False},
                {"date": "2020", "precision": "year", "kind": "program", "what": "college",
                 "evidence": "the college set up an industrial college", "optional": True},
            ],
        }
    }  # fmt: skip
    (tmp_path / "GOLD.json").write_text(json.dumps({"documents": gold}), encoding="utf-8")
    assert script.main(["--pages", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    last = out.strip().splitlines()[-1]
    assert last.startswith("timeline recall 1.00 (with page dates) 0.00 (no manifest)"), out
    assert "embedded corpus: recall 9/9" in out
