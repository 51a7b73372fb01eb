"""The method settings the notebooks' prose states are the library's own settings.

The introduction of notebook 03 and the methods page describe how the topic models are
fitted in words (how many seeds for how many passages, when fitting turns incremental,
when online LDA stops, the stability a model needs). Those sentences are not findings,
but they are numbers typed into prose: each test here derives the words from the
constant in `iecorpus.topics` or `iecorpus.topic_findings`, so a changed setting fails
until the prose says the new one.
"""

from __future__ import annotations

import json
import re

import pytest

from iecorpus import paths, topic_findings, topics
from iecorpus.prose import number_words

NOTEBOOKS = {
    "03": paths.NOTEBOOKS_DIR / "03-topics.ipynb",
    "05": paths.NOTEBOOKS_DIR / "05-methods.ipynb",
}

def prose(name: str) -> str:
    """The notebook's Markdown as one string, with line breaks as spaces."""
    cells = json.loads(NOTEBOOKS[name].read_text(encoding="utf-8"))["cells"]
    text = " ".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module", params=sorted(NOTEBOOKS))
def text(request) -> str:
    return prose(request.param)


def seed_sentence() -> re.Pattern:
    """The seed sentence ("five up to 1,000 passages, four up to 10,000 ...") as a pattern."""
    steps = [
        re.escape(number_words(seeds))
        + ("(?: seeds)?" if i == 0 else "")
        + re.escape(f" up to {limit:,}" + (" passages" if i == 0 else ""))
        for i, (limit, seeds) in enumerate(topics.SEED_STEPS)
    ]
    last = re.escape(f"{number_words(topics.LEAST_SEEDS)} above")
    return re.compile("(?:, )".join(steps) + f"(?:, and |, | and ){last}")


def test_the_seed_counts_are_the_libraries():
    for name in NOTEBOOKS:
        assert seed_sentence().search(prose(name)), (name, seed_sentence().pattern)
    # and the sentence reads as count_seeds decides
    for limit, seeds in topics.SEED_STEPS:
        assert topics.count_seeds(limit) == seeds
    assert topics.count_seeds(topics.SEED_STEPS[-1][0] + 1) == topics.LEAST_SEEDS


def test_the_incremental_threshold_is_the_libraries(text):
    assert f"from {topics.INCREMENTAL_PASSAGES:,} passages" in text.casefold()


def test_the_online_lda_stop_is_the_libraries():
    percent = f"{topics.LDA_ONLINE_TOL:.0%}"
    assert f"by more than {percent} between passes" in prose("05")


def test_the_stability_threshold_and_ties_are_the_libraries():
    text = prose("05")
    assert f"`min_stability` ({topics.MIN_STABILITY:g} by default)" in text
    tolerance = topics.choose_k.__kwdefaults__["tolerance"]
    assert f"near ties (within {tolerance:g})" in text


def test_the_smallest_corpus_modelled_is_the_libraries():
    documents = number_words(topic_findings.MIN_DOCUMENTS)
    passages = number_words(topic_findings.MIN_PASSAGES)
    assert f"fewer than {documents} documents or {passages} passages" in prose("05")


def test_the_top_terms_and_window_are_the_libraries(text):
    if "NPMI" not in text:
        pytest.skip("no coherence prose here")
    top, window = number_words(topics.TOP_N), number_words(topics.NPMI_WINDOW)
    assert f"{top} top terms" in text
    assert f"windows of {window} content tokens" in text
