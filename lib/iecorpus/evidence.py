"""Evidence across a folder: lines many pages repeat (site furniture), near-duplicate documents.

One page cannot tell that "Popular links" is its site's menu; a folder of pages from that
site can, because every page repeats it. :func:`find_furniture` counts, for each short line,
how many documents hold it; :func:`find_duplicates` flags a document whose longest
paragraph starts like an earlier document's and whose text is about as long (a syndicated
copy or a mirror). Neither drops a document: furniture lines are removed with their own
audit reason, duplicates are only flagged.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

#: Only lines up to this long are counted: furniture is short.
MAX_FURNITURE_LINE = 200
_NOT_TEXT = re.compile(r"[\W_]+")


def find_furniture(
    texts: Iterable[str], *, min_share: float = 0.5, min_documents: int = 3
) -> frozenset[str]:
    """Lines that many documents of one folder repeat: the site's menus, footers and labels.

    Args:
        texts: The raw text of each document.
        min_share: The share of documents a line must occur in (0.5: half of them).
        min_documents: The fewest documents a line must occur in, whatever the share.

    Returns:
        The stripped lines (at most 200 characters) found in at least
        ``max(min_documents, ceil(min_share * n_documents))`` documents.

    Raises:
        ValueError: ``min_share`` is not between 0 and 1.
    """
    if not 0 < min_share <= 1:
        raise ValueError(f"min_share must be in (0, 1], not {min_share!r}")
    counts: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        counts.update(
            {s for line in text.split("\n") if 0 < len(s := line.strip()) <= MAX_FURNITURE_LINE}
        )
    need = max(min_documents, math.ceil(min_share * n))
    return frozenset(line for line, count in counts.items() if count >= need)


def find_duplicates(
    doc_ids: Iterable[str],
    texts: Iterable[str],
    *,
    prefix: int = 120,
    tolerance: float = 0.25,
    longest: Iterable[str] | None = None,
) -> list[str]:
    """Flag documents whose cleaned text repeats an earlier document's.

    Args:
        doc_ids: The documents, in corpus order.
        texts: Their cleaned texts, in the same order.
        prefix: How many letters, digits and Han characters at the start of the
            longest paragraph must agree.
        tolerance: How much the lengths may differ, as a share of the longer.
        longest: The longest paragraph of each text (the first of them; "" for a text
            without any), as segmenting found it; by default each text is split again.

    Returns:
        For each document, the ``doc_id`` of the first earlier document it duplicates,
        or "". A text whose longest paragraph is shorter than ``prefix`` characters is
        never flagged.
    """
    texts = list(texts)
    if longest is None:  # a heading kept or not: same key
        longest = [max(text.split("\n\n"), key=len) for text in texts]
    first: dict[str, list[tuple[str, int]]] = {}
    flags = []
    for doc_id, text, paragraph in zip(doc_ids, texts, longest, strict=True):
        key = _duplicate_key(paragraph, prefix)
        flag = ""
        if len(key) == prefix:
            length = len(text)
            for other, other_length in first.get(key, ()):
                if abs(length - other_length) <= tolerance * max(length, other_length):
                    flag = other
                    break
            first.setdefault(key, []).append((doc_id, length))
        flags.append(flag)
    return flags


def longest_paragraph(paragraphs: Iterable[str]) -> str:
    """Return the first of the longest paragraphs ("" for none): :func:`find_duplicates`' key."""
    return max(paragraphs, key=len, default="")


def _duplicate_key(paragraph: str, prefix: int) -> str:
    """The first ``prefix`` letters, digits and Han characters of the paragraph's first 3x."""
    # Dropping the other characters from a shorter start gives the start of the same key:
    # look at a little more than ``prefix`` first, and at all 3x only where that is short.
    key = _NOT_TEXT.sub("", paragraph[: prefix + prefix // 4])
    if len(key) < prefix and len(paragraph) > prefix + prefix // 4:
        key = _NOT_TEXT.sub("", paragraph[: prefix * 3])
    return key[:prefix]


__all__ = ["find_duplicates", "find_furniture", "longest_paragraph"]
