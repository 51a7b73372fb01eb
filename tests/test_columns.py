"""Tables built column by column match the rows they stand for, and pieces join in order."""

import pandas as pd
import pytest

from iecorpus.clean import Edit, apply_edits
from iecorpus.columns import (
    INTEGER_COLUMNS,
    Columns,
    add_edit_rows,
    add_segment_rows,
    join_columns,
)
from iecorpus.corpus import PARAGRAPH_COLUMNS, REMOVED_COLUMNS, SENTENCE_COLUMNS
from iecorpus.segment import split_paragraphs, split_sentences

TEXTS = [
    "Vocational colleges and firms sign 12 agreements. Mr. Li spoke first.\n\nNext steps",
    "产教融合型企业名单公布。首批共63家！\n\n下一步……继续推进",
    "",
]


def rows_one_by_one(doc_id, text):
    """The paragraph and sentence rows as load_corpus built them, one tuple at a time."""
    paragraphs, sentences, number = [], [], 0
    for k, (start, end) in enumerate(split_paragraphs(text)):
        body = text[start:end]
        heading = len(body) < 150 and not body.endswith(
            (".", "。", "!", "！", "”", '"', "…", ";", "；", ":", "：")
        )
        paragraphs.append((doc_id, k, start, end, end - start, heading, body))
        for s, e in split_sentences(text, start, end):
            sentences.append((doc_id, k, number, s, e, text[s:e]))
            number += 1
    return paragraphs, sentences


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("integers", [(), INTEGER_COLUMNS])
def test_segment_rows_are_those_built_row_by_row(text, integers):
    paragraphs = Columns(PARAGRAPH_COLUMNS, integers=integers)
    sentences = Columns(SENTENCE_COLUMNS, integers=integers)
    assert add_segment_rows(paragraphs, sentences, "d1", text) == paragraphs.data["text"]
    expected_p, expected_s = rows_one_by_one("d1", text)
    pd.testing.assert_frame_equal(
        paragraphs.to_frame(), pd.DataFrame(expected_p, columns=PARAGRAPH_COLUMNS)
    )
    pd.testing.assert_frame_equal(
        sentences.to_frame(), pd.DataFrame(expected_s, columns=SENTENCE_COLUMNS)
    )


def test_edit_rows_hold_the_raw_text_of_each_edit():
    raw = "Home > News\nBody text  here.\n"
    edits = [Edit(0, 12, "", "navigation"), Edit(21, 23, " ", "layout")]
    text, starts = apply_edits(raw, edits)
    table = Columns(REMOVED_COLUMNS, integers=INTEGER_COLUMNS)
    add_edit_rows(table, "d1", raw, edits, starts)
    frame = table.to_frame()
    checked = Columns(REMOVED_COLUMNS)
    add_edit_rows(checked, "d1", raw, edits, starts)
    pd.testing.assert_frame_equal(frame, checked.to_frame())
    assert text == "Body text here.\n"
    assert frame["text"].tolist() == ["Home > News\n", "  "]
    assert frame["clean_start"].tolist() == [0, 9]
    assert frame["reason"].tolist() == ["navigation", "layout"]
    with pytest.raises(ValueError, match="2 edits but 1 positions"):
        add_edit_rows(table, "d1", raw, edits, starts[:1])


def test_pieces_join_in_order_and_refuse_other_columns():
    first, second = Columns(["a", "b"]), Columns(["a", "b"])
    first.data["a"].extend([1, 2])
    first.data["b"].extend(["x", "y"])
    second.data["a"].append(3)
    second.data["b"].append("z")
    joined = join_columns([first, second], ["a", "b"])
    assert len(joined) == 3
    assert joined.to_frame().to_dict("list") == {"a": [1, 2, 3], "b": ["x", "y", "z"]}
    with pytest.raises(ValueError, match="the columns differ"):
        joined.extend(Columns(["a"]))


def test_an_empty_table_has_its_columns_as_an_empty_list_of_rows_gives():
    empty = Columns(REMOVED_COLUMNS).to_frame()
    expected = pd.DataFrame([], columns=REMOVED_COLUMNS)
    pd.testing.assert_frame_equal(empty, expected)


@pytest.mark.parametrize(
    "values",
    [
        ["a", "产教融合", ""],
        ["a", None, "b"],
        ["a", 1, "b"],
        [1, 2, 3],
        [True, False],
        [1.5, 2.0],
        [1, True, 3],  # a bool among ints: pandas keeps objects
        [1, 2.5],
        [2**64, 1],  # beyond int64
    ],
)
def test_a_table_built_column_wise_has_the_dtypes_pandas_infers(values):
    table = Columns(["x", "n", "y"])
    table.data["x"].extend(values)
    table.data["n"].extend(range(len(values)))
    table.data["y"].extend(["s"] * len(values))
    frame = table.to_frame()
    expected = pd.DataFrame({"x": values, "n": range(len(values)), "y": ["s"] * len(values)})
    pd.testing.assert_frame_equal(frame, expected)
    assert [b.mgr_locs.as_array.tolist() for b in frame._mgr.blocks] == [
        b.mgr_locs.as_array.tolist() for b in expected._mgr.blocks
    ]


def test_a_string_arrow_cannot_encode_fails_as_in_pandas():
    table = Columns(["x"])
    table.data["x"].append("\ud800x")  # a lone surrogate
    try:  # pandas 3 stores strings in Arrow, which cannot encode it; pandas 2 keeps objects
        expected = pd.DataFrame({"x": ["\ud800x"]})
    except UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            table.to_frame()
    else:
        pd.testing.assert_frame_equal(table.to_frame(), expected)


def test_a_joined_table_vouches_only_for_the_ints_both_pieces_vouch_for():
    vouched, unchecked = Columns(["n"], integers=["n"]), Columns(["n"])
    vouched.data["n"].extend([1, 2])
    unchecked.data["n"].append(True)
    joined = join_columns([vouched, unchecked], ["n"])
    assert joined.integers == frozenset()
    pd.testing.assert_frame_equal(joined.to_frame(), pd.DataFrame({"n": [1, 2, True]}))
    both = Columns(["n", "x"], integers=["n", "y"])  # a name not a column is not kept
    both.extend(Columns(["n", "x"], integers=["n"]))
    assert both.integers == {"n"}
