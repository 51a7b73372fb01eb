"""Tables built column by column: per-document pieces that a caller joins into one DataFrame."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from .segment import split_paragraphs, split_sentences

#: The endings that make a paragraph a sentence of the body rather than a heading.
_BODY_ENDINGS = (".", "。", "!", "！", "”", '"', "…", ";", "；", ":", "：")
#: The columns :func:`add_edit_rows` and :func:`add_segment_rows` fill with ints only.
INTEGER_COLUMNS = frozenset(["start", "end", "clean_start", "paragraph", "n_chars", "sentence"])


class Columns:
    """The rows of one table, held as one list per column.

    Building a DataFrame from lists of columns skips the transposition of a list of
    rows, and a piece made for one document (or one partition of the corpus) joins
    another with :meth:`extend`, so that work done apart is put together cheaply.

    Args:
        names: The table's columns, in order.
        integers: Columns that hold only Python ints (offsets, counts, numbers), as the
            code filling them vouches: they become int64 without a look at each value's
            type. The others get the dtype pandas would infer.
    """

    def __init__(self, names: Sequence[str], *, integers: Iterable[str] = ()):
        self.names = list(names)
        self.data: dict[str, list] = {name: [] for name in self.names}
        self.integers = frozenset(integers) & set(self.names)

    def __len__(self) -> int:
        return len(self.data[self.names[0]]) if self.names else 0

    def extend(self, other: Columns) -> None:
        """Append the rows of ``other`` (a piece with the same columns).

        Raises:
            ValueError: The two pieces do not have the same columns.

        Note:
            The joined table vouches for the integer columns both pieces vouch for.
        """
        if other.names != self.names:
            raise ValueError(f"the columns differ: {other.names} is not {self.names}")
        for name in self.names:
            self.data[name].extend(other.data[name])
        self.integers &= other.integers

    def to_frame(self) -> pd.DataFrame:
        """Return the rows as a DataFrame with the columns in order.

        Note:
            With no rows the columns are of dtype object, as a DataFrame built from an
            empty list of rows has them.
        """
        if not len(self):
            return pd.DataFrame([], columns=self.names)
        integers = self.integers
        return pd.DataFrame(
            {
                name: _as_column(values, integers=name in integers)
                for name, values in self.data.items()
            },
            columns=self.names,
        )


def _as_column(values: list, *, integers: bool = False):
    """Turn a column of strings or of integers into the array pandas would make of it.

    Strings go to pandas' string array through Arrow in one step, integers to a NumPy
    array of int64: pandas would check every value first and then make the same column.
    A list holding anything else (or a mixture) is returned as it is, for pandas to
    infer its dtype. With ``integers`` the values are known to be ints (see
    :class:`Columns`), and their types are not checked again.
    """
    if type(values[0]) is int:
        # Only ints: numpy would take a bool or a float along, pandas not.
        if not integers and set(map(type, values)) != {int}:
            return values
        try:
            return np.array(values, dtype=np.int64)
        except OverflowError:
            return values  # beyond int64: pandas chooses
    if _STRINGS is None or type(values[0]) is not str:
        return values
    try:
        array = pa.array(values, type=pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeEncodeError):
        return values  # not only strings, or one Arrow cannot encode
    if array.null_count:
        return values
    # A dtype of its own, as pandas gives each column: the table's blocks come in its order.
    return pd.array(array, dtype=pd.StringDtype("pyarrow", na_value=_STRINGS.na_value))


def _string_dtype() -> pd.StringDtype | None:
    """The dtype pandas gives a list of strings when it is Arrow's, else None."""
    dtype = pd.Series(["a"]).dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return dtype
    return None


_STRINGS = _string_dtype()


def join_columns(pieces: Iterable[Columns], names: Sequence[str]) -> Columns:
    """Join pieces of one table, in order, into one.

    Args:
        pieces: Pieces with the columns ``names``, for example one per partition.
        names: The table's columns.

    Returns:
        One :class:`Columns` holding every row.
    """
    joined = Columns(names)
    for piece in pieces:
        joined.extend(piece)
    return joined


def add_edit_rows(
    table: Columns, doc_id: str, raw: str, edits: Sequence, clean_starts: Sequence[int]
) -> None:
    """Append a document's edits to a ``removed`` table.

    Args:
        table: A table with the columns ``doc_id, start, end, clean_start, reason,
            text, replacement`` (those of ``Corpus.removed``).
        doc_id: The document's id.
        raw: Its raw text as decoded.
        edits: Its edits in raw coordinates (:class:`iecorpus.clean.Edit`, a named tuple).
        clean_starts: Where each edit's replacement starts in the cleaned text.

    Raises:
        ValueError: There are not as many ``clean_starts`` as edits.
    """
    if len(edits) != len(clean_starts):
        raise ValueError(f"{len(edits)} edits but {len(clean_starts)} positions in the text")
    if not edits:
        return
    data = table.data
    # The edits' columns in one transposition of the named tuples, picked by field name.
    fields = dict(zip(type(edits[0])._fields, zip(*edits, strict=True), strict=True))
    starts, ends = fields["start"], fields["end"]
    data["doc_id"].extend([doc_id] * len(edits))
    data["start"].extend(starts)
    data["end"].extend(ends)
    data["clean_start"].extend(clean_starts)
    data["reason"].extend(fields["reason"])
    data["text"].extend([raw[a:b] for a, b in zip(starts, ends, strict=True)])
    data["replacement"].extend(fields["replacement"])


def add_segment_rows(paragraphs: Columns, sentences: Columns, doc_id: str, text: str) -> list[str]:
    """Append a cleaned text's paragraphs and sentences to the two tables.

    Args:
        paragraphs: A table with the columns of ``Corpus.paragraphs`` (``doc_id,
            paragraph, start, end, n_chars, is_heading, text``).
        sentences: A table with the columns of ``Corpus.sentences`` (``doc_id,
            paragraph, sentence, start, end, text``).
        doc_id: The document's id.
        text: Its cleaned text (paragraphs separated by a blank line).

    Returns:
        The text of each paragraph, in order (as appended to ``paragraphs``).

    Note:
        A paragraph is a heading when it is shorter than 150 characters and does not end
        like a sentence (full stop, question or exclamation mark, closing quote, ellipsis,
        semicolon or colon); sentences are :func:`iecorpus.segment.split_sentences`'.
    """
    p, s = paragraphs.data, sentences.data
    spans = split_paragraphs(text)
    bodies = [text[start:end] for start, end in spans]
    p["doc_id"].extend([doc_id] * len(spans))
    p["paragraph"].extend(range(len(spans)))
    p["start"].extend([start for start, _ in spans])
    p["end"].extend([end for _, end in spans])
    p["n_chars"].extend(map(len, bodies))
    p["is_heading"].extend(
        [len(body) < 150 and not body.endswith(_BODY_ENDINGS) for body in bodies]
    )
    p["text"].extend(bodies)
    numbers: list[int] = []
    found: list[tuple[int, int]] = []
    for k, (start, end) in enumerate(spans):
        pieces = split_sentences(text, start, end)
        numbers.extend([k] * len(pieces))
        found.extend(pieces)
    s["doc_id"].extend([doc_id] * len(found))
    s["paragraph"].extend(numbers)
    s["sentence"].extend(range(len(found)))
    s["start"].extend([start for start, _ in found])
    s["end"].extend([end for _, end in found])
    s["text"].extend([text[start:end] for start, end in found])
    return bodies


__all__ = ["INTEGER_COLUMNS", "Columns", "add_edit_rows", "add_segment_rows", "join_columns"]
