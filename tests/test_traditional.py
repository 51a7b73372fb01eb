"""Traditional Chinese is simplified once before every matcher, and quoted as written."""

import opencc
import pytest

from iecorpus import chinese
from iecorpus.chinese import to_simplified
from iecorpus.events import find_milestones_in, find_sentence_events, load_milestones
from iecorpus.temporal import find_temporal_expressions

# (traditional, simplified, anchor): the same sentence in both scripts.
TWINS = [
    (
        "從2019年以來，教育部印發了多份文件。",
        "从2019年以来，教育部印发了多份文件。",
        "2021-05-26",
    ),
    (
        "2021年4月12日至13日，全國職業教育大會在北京召開。",
        "2021年4月12日至13日，全国职业教育大会在北京召开。",
        "2021-04-13",
    ),
    (
        "計劃到2025年底前，建成50個市域產教聯合體。",
        "计划到2025年底前，建成50个市域产教联合体。",
        "2023-04-18",
    ),
    (
        "近來，北控水務集團與蘇州工業職業技術學院簽約。",
        "近来，北控水务集团与苏州工业职业技术学院签约。",
        "2021-04-13",
    ),
    (
        "去年9月，教育部等九部門印發《職業教育提質培優行動計劃（2020—2023年）》。",
        "去年9月，教育部等九部门印发《职业教育提质培优行动计划（2020—2023年）》。",
        "2021-04-13",
    ),
    (
        "5月26號，上個月成立的廣東省教育廳工作組舉行會議。",
        "5月26号，上个月成立的广东省教育厅工作组举行会议。",
        "2021-06-02",
    ),
]


def _expressions(text, anchor):
    found = find_temporal_expressions(text, anchor=anchor)
    for e in found:
        assert text[e.start : e.end] == e.expression  # quoted as written
    return [(e.start, e.end, e.date, e.precision, e.date_end, e.qualifier, e.role) for e in found]


def _events(text, anchor):
    found = find_sentence_events(text, find_temporal_expressions(text, anchor=anchor))
    for e in found:
        assert e["trigger"] in text  # the verb as written
    return [
        (e["expression"].start, e["expression"].date, e["kind"], e["lane"], e["actor"])
        for e in found
    ]


@pytest.mark.parametrize(("traditional", "simplified", "anchor"), TWINS)
def test_a_traditional_sentence_gives_what_its_simplified_twin_gives(
    traditional, simplified, anchor
):
    assert len(traditional) == len(simplified)
    assert _expressions(traditional, anchor) == _expressions(simplified, anchor) != []
    assert _events(traditional, anchor) == _events(simplified, anchor)
    milestones = load_milestones()
    linked = [m for m, _ in find_milestones_in(traditional, milestones)]
    assert linked == [m for m, _ in find_milestones_in(simplified, milestones)]


def test_evidence_stays_in_the_script_it_was_written_in():
    text, _, anchor = TWINS[0]
    (expression,) = find_temporal_expressions(text, anchor=anchor)
    assert (expression.expression, expression.role, expression.date) == (
        "從2019年以來",
        "since",
        "2019",
    )
    (event,) = find_sentence_events(text, [expression])
    assert (event["trigger"], event["kind"], event["actor"]) == ("印發", "policy", "教育部")
    assert "印發" in event["summary"]


def test_the_milestone_of_a_traditional_sentence_is_linked():
    text = TWINS[4][0]
    assert [m for m, _ in find_milestones_in(text, load_milestones())] == ["quality-plan-2020"]


class _LengthChangingConverter:
    """A converter that, like some OpenCC phrase rules, changes the length of a text."""

    def convert(self, text):
        text = text.replace("印發", "印发了").replace("以來", "以后来")
        return text.replace("從", "从").replace("發", "发").replace("來", "来")


def test_offsets_stay_right_when_a_conversion_changes_the_length(monkeypatch):
    monkeypatch.setattr(chinese, "_converter", lambda: _LengthChangingConverter())
    text = "從2019年以來，教育部印發了多份文件。"
    assert to_simplified(text) == "从2019年以来，教育部印发了多份文件。"
    (expression,) = find_temporal_expressions(text, anchor="2021-05-26")
    assert (expression.start, expression.end) == (0, 8)
    assert expression.expression == text[:8] == "從2019年以來"
    (event,) = find_sentence_events(text, [expression])
    assert event["trigger"] == "印發"
    assert text.index(event["trigger"]) == 12


def test_opencc_changes_han_characters_only():
    """to_simplified returns a text without Han characters as it is: t2s changes no other."""
    others = [
        chr(c)
        for c in range(0x80, 0x10000)
        if not 0xD800 <= c < 0xE000 and not chinese.HAN_CHAR.match(chr(c))
    ]
    converted = opencc.OpenCC("t2s").convert("\n".join(others)).split("\n")  # as chinese does
    assert [c for c, new in zip(others, converted, strict=True) if new != c] == []


def test_a_text_without_han_characters_is_not_sent_to_opencc(monkeypatch):
    class Refusing:
        def convert(self, text):
            raise AssertionError(f"converted {text!r}")

    monkeypatch.setattr(chinese, "_converter", lambda: Refusing())
    text = "“Industry–education integration” — Café, ① ² ½"
    assert to_simplified(text) == text
