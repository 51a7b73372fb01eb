"""Tests for tests/nbval_sanitize.cfg: nbval masks what varies between runs, and only that."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from nbval.plugin import get_sanitize_patterns

CONFIG = Path(__file__).with_name("nbval_sanitize.cfg")
PATTERNS = get_sanitize_patterns(CONFIG.read_text(encoding="utf-8"))


def sanitize(text: str) -> str:
    """Apply the patterns the way nbval does."""
    for regex, replace in PATTERNS:
        text = re.sub(regex, replace, text)
    return text


def test_nbval_reads_every_section():
    sections = re.findall(r"^\[(.+)\]$", CONFIG.read_text(encoding="utf-8"), flags=re.M)
    assert len(PATTERNS) == len(sections) == 5


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("<Corpus object at 0x7f3a2c1b9d30>", "<Corpus object at 0x7f0012ab34e0>"),
        ('<table id="T_1a2b3">', '<table id="T_9f8e7">'),
        ("#T_1a2b3_row0_col1 { color: red }", "#T_0c4d5_row0_col1 { color: red }"),
        ("cleaned 5 documents in 1.23 s", "cleaned 5 documents in 0.87 s"),
        ("done (0.12s)", "done (3.40s)"),
        ("Wall time: 12.5 ms", "Wall time: 9.1 ms"),
        ("**Made:** 2026-12-01 09:30 UTC with", "**Made:** 2027-01-02 10:00 UTC with"),
        ("iecorpus 0.1.0, commit 1a2b3c4d5e6f", "iecorpus 0.1.0, commit 9f8e7d6c5b4a"),
    ],
    ids=["address", "styler-table", "styler-css", "seconds", "seconds-packed", "ms", "made",
         "commit"],
)
def test_what_varies_between_runs_is_masked(first, second):
    assert first != second
    assert sanitize(first) == sanitize(second)


@pytest.mark.parametrize(
    "stable",
    [
        "<Figure size 640x480 with 1 Axes>",
        "2019 产教融合 policies; 5 documents, 1,204 sentences",
        "share 0.35 of terms",
        "in the 2010s",
        "T_total column",
        "Tables T_12 and T_abcdef",
        "dated 2021-05-26 to 2022-07-07",
        "committed 12 pages",
    ],
    ids=["figure-repr", "counts", "share", "decade", "word", "not-styler", "dates",
         "committed"],
)
def test_findings_are_left_alone(stable):
    assert sanitize(stable) == stable
