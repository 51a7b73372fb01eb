"""Shared pytest configuration: the markers the suite uses and the fixtures many files share.

``--strict-markers`` is on, so a marker must be registered here before a test uses it.
``pytest -m "not slow"`` (``make test-quick``) is the quick loop; ``make test`` runs all.
"""

import pytest

from iecorpus import load_corpus
from iecorpus.topics import build_features, fit_topics


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "browser: drives JupyterLab in Debian's headless Chromium (skipped without "
        "/usr/bin/chromium or Playwright); deselect with -m 'not browser'",
    )
    config.addinivalue_line(
        "markers",
        "slow: runs the notebooks end to end (make report) or a browser; "
        "deselect with -m 'not slow' for the quick loop (make test-quick)",
    )


@pytest.fixture(scope="session")
def corpus():
    """The embedded corpus of ``data/raw/``, loaded once for the whole run.

    Tests only read it; a test that changes a table must work on a copy.
    """
    return load_corpus()


@pytest.fixture(scope="session")
def features(corpus):
    """The passage features of the embedded corpus (:func:`iecorpus.topics.build_features`)."""
    return build_features(corpus)


@pytest.fixture(scope="session")
def model(features):
    """A three-topic NMF model of the embedded corpus, seed 0."""
    return fit_topics(features, k=3)
