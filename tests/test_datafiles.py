"""Tests for iecorpus.datafiles: an edited data file is used at the next call, in the same process."""

import os
import shutil
import time

import pytest

from iecorpus import clean_document, load_glossary, load_rules, paths
from iecorpus.datafiles import fingerprint, load_data
from iecorpus.events import load_cues
from iecorpus.temporal import load_relative_dates
from iecorpus.tokens import load_stopwords


def _touch_later(path):
    """Make sure a rewritten file's modification time differs even on a coarse clock."""
    later = time.time() + 5
    os.utime(path, (later, later))


def test_load_data_rebuilds_only_when_a_file_changes(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("one\n", encoding="utf-8")
    calls = []

    def build(name):
        calls.append(name)
        return tuple(open(name, encoding="utf-8").read().split())

    assert load_data(build, [path], str(path)) == ("one",)
    assert load_data(build, [path], str(path)) == ("one",)
    assert len(calls) == 1
    path.write_text("one\ntwo\n", encoding="utf-8")
    _touch_later(path)
    assert load_data(build, [path], str(path)) == ("one", "two")
    assert len(calls) == 2


def test_a_new_spam_brand_takes_effect_without_a_restart(tmp_path):
    rules_dir = tmp_path / "cleaning"
    shutil.copytree(paths.CLEANING_DIR, rules_dir)
    page = "Vocational colleges sign agreements.\nZorbaxbet888 best odds here.\n"
    before = clean_document(page, rules=load_rules(rules_dir))
    assert "Zorbaxbet888" in before.text
    spam = rules_dir / "spam.txt"
    spam.write_text(spam.read_text(encoding="utf-8") + "\nZorbaxbet888\n", encoding="utf-8")
    _touch_later(spam)
    after = clean_document(page, rules=load_rules(rules_dir))
    assert "Zorbaxbet888" not in after.text


def test_an_edited_glossary_is_read_again(tmp_path):
    glossary = tmp_path / "glossary.csv"
    shutil.copy(paths.DATA_DIR / "glossary.csv", glossary)
    count = len(load_glossary(glossary))
    with glossary.open("a", encoding="utf-8") as handle:
        handle.write("zz_test_concept,Test concept,测试概念,测试概念,test concept,for the test\n")
    _touch_later(glossary)
    assert len(load_glossary(glossary)) == count + 1


def test_event_cues_and_relative_dates_are_read_again(tmp_path):
    events_dir = tmp_path / "events"
    shutil.copytree(paths.DATA_DIR / "events", events_dir)
    triggers = len(load_cues(events_dir).triggers)
    path = events_dir / "triggers.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("en,decreed,policy,decreed,\n")
    _touch_later(path)
    assert len(load_cues(events_dir).triggers) == triggers + 1

    relative = events_dir / "relative_dates.csv"
    rows = len(load_relative_dates(relative))
    with relative.open("a", encoding="utf-8") as handle:
        handle.write("en,this twelvemonth,year,0,\n")
    _touch_later(relative)
    assert len(load_relative_dates(relative)) == rows + 1


def test_stopwords_say_what_they_are_and_load():
    assert "the" in load_stopwords("en")
    assert "我们" in load_stopwords("zh")
    assert "我们" not in load_stopwords("en")


def test_fingerprint_follows_contents(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    first = fingerprint([tmp_path])
    assert fingerprint([tmp_path]) == first
    (tmp_path / "a.txt").write_text("y", encoding="utf-8")
    assert fingerprint([tmp_path]) != first
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    assert len({first, fingerprint([tmp_path])}) == 2


@pytest.mark.parametrize("missing", ["nothing-here.csv"])
def test_a_missing_file_is_reported_by_its_loader(tmp_path, missing):
    with pytest.raises(Exception, match="glossary"):
        load_glossary(tmp_path / missing)
