"""Tracing a table's rows to the pages they come from: title, date, URL and site by ``doc_id``."""

from __future__ import annotations

import pandas as pd

#: The page columns :func:`cite_documents` adds by default, as named in ``corpus.documents``.
CITE_COLUMNS = ("title", "date", "url", "site")
#: Prefix of the added columns, so that a page's ``date`` never overwrites an event's ``date``.
CITE_PREFIX = "doc_"


def cite_documents(
    table: pd.DataFrame,
    corpus,
    *,
    columns: tuple[str, ...] | list[str] = CITE_COLUMNS,
    prefix: str = CITE_PREFIX,
) -> pd.DataFrame:
    """Add the title, date, URL and site of each row's page to a table that names a ``doc_id``.

    Events, event mentions, concordance lines, distinctive terms and topic passages all
    name their document by ``doc_id``; after the join every row says which publication
    it can be cited from.

    Args:
        table: Any table with a ``doc_id`` column.
        corpus: The :class:`iecorpus.corpus.Corpus` the table was made from, or its
            ``documents`` table.
        columns: Columns of ``corpus.documents`` to add (default: ``title``, ``date``,
            ``url``, ``site``).
        prefix: Put before each added column's name (default ``doc_``: ``doc_title``,
            ``doc_date``, ``doc_url``, ``doc_site``), so that the page's date stands
            beside an event's own ``date`` instead of replacing it.

    Returns:
        A copy of ``table`` with the same rows in the same order and the index it had,
        and the added columns right after ``doc_id``; a row whose ``doc_id`` is not in
        the corpus gets empty cells.

    Raises:
        ValueError: ``table`` has no ``doc_id`` column, an added column's name is already
            in ``table``, or a requested column is neither in ``corpus.documents`` nor
            one of ``title``, ``date``, ``url``, ``site``.

    Note:
        A corpus built without a manifest, or by :func:`iecorpus.corpus.corpus_from_texts`,
        may have no ``url`` or ``site``: those cells are then empty. For an event reported
        by several documents, the columns describe the first evidence's ``doc_id``; the
        others are in ``doc_ids`` and in :func:`iecorpus.events.find_event_mentions`.
    """
    documents = getattr(corpus, "documents", corpus)
    if "doc_id" not in table.columns:
        raise ValueError(
            "the table has no `doc_id` column, so its rows name no document; "
            f"it has {', '.join(map(str, table.columns)) or 'no columns'}."
        )
    unknown = [c for c in columns if c not in documents.columns and c not in CITE_COLUMNS]
    if unknown:
        raise ValueError(
            f"corpus.documents has no column {', '.join(map(repr, unknown))}; "
            f"choose among {', '.join(documents.columns)}."
        )
    names = [f"{prefix}{c}" for c in columns]
    taken = [n for n in names if n in table.columns]
    if taken:
        raise ValueError(
            f"the table already has {', '.join(map(repr, taken))}; "
            "pass another prefix, or drop those columns first."
        )
    pages = documents.drop_duplicates("doc_id").set_index("doc_id")
    result = table.copy()
    position = list(result.columns).index("doc_id") + 1
    for offset, (column, name) in enumerate(zip(columns, names, strict=True)):
        values = pages[column] if column in pages.columns else pd.Series(dtype=object)
        cells = result["doc_id"].map(values).astype(object)
        result.insert(position + offset, name, cells.where(cells.notna(), ""))
    return result


__all__ = ["CITE_COLUMNS", "CITE_PREFIX", "cite_documents"]
