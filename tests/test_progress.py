"""Progress bars show for long steps in a session, and never in reports or tests."""

import pytest

from iecorpus import load_corpus
from iecorpus.progress import MIN_ITEMS, progress_enabled, track


@pytest.mark.parametrize(
    ("total", "env", "enabled", "expected"),
    [
        (MIN_ITEMS, None, None, True),
        (MIN_ITEMS - 1, None, None, False),
        (10_000, "0", None, False),  # make report, make test
        (10_000, "1", None, True),  # make lab
        (5, "0", True, True),  # the caller decides
        (10_000, None, False, False),
    ],
)
def test_progress_is_shown_only_where_someone_watches(monkeypatch, total, env, enabled, expected):
    if env is None:
        monkeypatch.delenv("IECORPUS_PROGRESS", raising=False)
    else:
        monkeypatch.setenv("IECORPUS_PROGRESS", env)
    assert progress_enabled(total, enabled=enabled) is expected


def test_track_yields_every_item_with_or_without_a_bar(capsys):
    assert list(track(range(5), total=5, description="x", enabled=True)) == list(range(5))
    assert "x:" in capsys.readouterr().err
    assert list(track(range(5), total=5, description="y", enabled=False)) == list(range(5))
    assert capsys.readouterr().err == ""


def test_loading_is_silent_when_asked(capsys):
    load_corpus(progress=False)
    assert capsys.readouterr().err == ""
