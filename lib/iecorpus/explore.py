"""Interactive explorers for JupyterLab: concordance, trends, topics and the timeline, as widgets.

Each function returns an :class:`Explorer`, an ipywidgets ``VBox`` of controls and views
over the library's own functions: :func:`concordance` (keyword in context, with the count of
hits per document), :func:`trends` (concepts and terms year by year), :func:`topics` (a
topic's terms, best passages and prevalence) and :func:`timeline` (events, their evidence
and the timeline figure).

Every named control is an attribute (``explorer.query``, ``explorer.years`` ...) and the
current answer is ``explorer.result``, a pandas DataFrame, so that code (and a test) can
drive an explorer as a person would, without a browser::

    explorer = concordance(corpus)
    explorer.query.value = "1+X"
    explorer.result          # the lines, computed before the assignment returns

The answer is computed at once on every change of a control; only the display waits for a
pause in the typing (``delay`` seconds, in a running kernel), so that typing stays fluent.
Everything shown as HTML is escaped: document text is untrusted.

Where no kernel runs (a rendered HTML report, a notebook viewer), an explorer shows a static
snapshot of its default settings instead of an empty widget area, with a note on how to open
the live version (``make lab``).
"""

from __future__ import annotations

import asyncio
import bisect
import html
import io
import math
import re
import sys
from collections import OrderedDict
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

try:
    import ipywidgets as widgets
except ImportError as error:  # pragma: no cover - the notebooks extra is missing
    raise ImportError(
        "iecorpus.explore needs ipywidgets: install the notebooks extra "
        "(.venv/bin/pip install -e '.[notebooks]')."
    ) from error

from .chinese import has_han
from .figures import figure_style
from .glossary import find_concept, query_words
from .index import TermIndex, cut_context, index_corpus
from .progress import progress_enabled
from .segment import split_paragraphs
from .terms import compute_trends, summarize_concepts
from .tokens import to_simplified, tokenize

#: Seconds without a change before the display is redrawn (the answer never waits).
DELAY = 0.2
#: KWIC lines per page.
PAGE_SIZE = 100
#: Columns of context each side of a KWIC line (a Chinese character takes two).
WIDTH = 45
#: Rows a static snapshot shows of a long answer (KWIC lines, events); the live one pages.
SNAPSHOT_ROWS = 25
#: Events the live timeline explorer lists (the DataFrame holds them all).
MAX_EVENTS = 200
#: Rows of the hits-per-document table shown (the DataFrame holds them all).
MAX_DOCUMENT_ROWS = 25
#: Characters of a paragraph shown when a KWIC line is opened (around the match).
PARAGRAPH_CHARS = 3000
#: Resolution of the figures an explorer shows.
SCREEN_DPI = 100
#: Views taller than this scroll (a CSS length).
VIEW_HEIGHT = "34em"
#: Corpora of this many documents or more say so while their index is built.
ANNOUNCE_INDEX = 1000
#: What the trends explorer can show, with the axis label of each.
MEASURES = {
    "rate": "occurrences per 10,000 tokens",
    "count": "occurrences",
    "documents": "documents mentioning it",
    "share": "share of the year's documents mentioning it",
}
ALL = "all"
_LANGUAGES = {"en": "English", "zh": "Chinese"}
_ITEM_SPLIT = re.compile(r"\s*[,，、;；\n]\s*")
_LIVE_NOTE = "In JupyterLab it is live: run <code>make lab</code>, open this notebook and run it."
_STYLE = """<style>
.iecorpus-explore { font-size: var(--jp-content-font-size1, 13px); line-height: 1.45;
  color: var(--jp-content-font-color1, #222); }
.iecorpus-explore table { border-collapse: collapse; margin: 4px 0 8px; }
.iecorpus-explore table th, .iecorpus-explore table td { padding: 2px 8px; text-align: left;
  vertical-align: top; border-bottom: 1px solid var(--jp-border-color2, #e0e0e0); }
.iecorpus-explore table th { font-weight: 600; white-space: nowrap; }
.iecorpus-explore table .num { text-align: right; font-variant-numeric: tabular-nums; }
.iecorpus-explore table.compact td { white-space: nowrap; }
.iecorpus-explore mark { background: #ffd966; color: #111; padding: 0 1px; }
.iecorpus-explore .note { color: var(--jp-content-font-color2, #555); font-style: italic; }
.iecorpus-explore .status { margin: 2px 0 6px; }
.iecorpus-explore .bar { display: inline-block; height: 0.75em; background: #4c78a8;
  vertical-align: baseline; margin-right: 6px; }
.iecorpus-explore .quote { margin: 2px 0 10px; padding: 4px 10px; max-width: 62em;
  border-left: 3px solid #ffc933; white-space: pre-wrap; }
.iecorpus-kwic summary { font-family: var(--jp-code-font-family, monospace);
  white-space: nowrap; cursor: pointer; }
.iecorpus-kwic .where { display: inline-block; width: 19ch; overflow: hidden;
  color: var(--jp-content-font-color2, #666); vertical-align: bottom; }
.iecorpus-kwic .left { display: inline-block; direction: rtl; text-align: right;
  overflow: hidden; white-space: nowrap; vertical-align: bottom; }
.iecorpus-kwic .right { display: inline-block; overflow: hidden; white-space: nowrap;
  vertical-align: bottom; }
.iecorpus-kwic .concept { color: var(--jp-content-font-color2, #666); font-size: 0.85em; }
.iecorpus-kwic .head { color: var(--jp-content-font-color2, #666); font-size: 0.9em; }
</style>"""


def _escape(value) -> str:
    return html.escape(str(value), quote=True)


def _wrap(body: str) -> str:
    """An explorer's HTML: its style, and a box MathJax leaves alone ("$" is not maths here)."""
    return f'{_STYLE}<div class="iecorpus-explore tex2jax_ignore">{body}</div>'


def _mark(text: str, needles: Iterable[str]) -> str:
    """Escape ``text`` and mark each occurrence of the needles (literal, any case or script)."""
    needles = [n for n in needles if n and n.strip()]
    if not needles:
        return _escape(text)
    probe = to_simplified(text).lower()
    if len(probe) != len(text):  # simplification or lower case changed the offsets
        probe = text.lower()
    pattern = "|".join(re.escape(to_simplified(n).lower()) for n in sorted(needles, key=len)[::-1])
    pieces, last = [], 0
    for m in re.finditer(pattern, probe):
        pieces += [
            _escape(text[last : m.start()]),
            f"<mark>{_escape(text[m.start() : m.end()])}</mark>",
        ]
        last = m.end()
    pieces.append(_escape(text[last:]))
    return "".join(pieces)


def _table_html(
    table: pd.DataFrame, columns: dict[str, str], *, numeric: Sequence[str] = (), compact=False
) -> str:
    """An escaped HTML table of some columns, under the given headings."""
    head = "".join(
        f'<th class="{"num" if c in numeric else ""}">{_escape(h)}</th>' for c, h in columns.items()
    )
    rows = []
    for record in table[list(columns)].itertuples(index=False):
        cells = "".join(
            f'<td class="{"num" if c in numeric else ""}">{_escape(v)}</td>'
            for c, v in zip(columns, record, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    css = ' class="compact"' if compact else ""
    return f"<table{css}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _bar(share: float, width_em: float = 8.0) -> str:
    """An inline bar as long as ``share`` (0-1) of ``width_em``."""
    share = 0.0 if not math.isfinite(share) else min(max(share, 0.0), 1.0)
    return f'<span class="bar" style="width:{share * width_em:.2f}em"></span>'


def _png(fig) -> bytes:
    """A figure as PNG for the screen (labels outside the axes kept: a tight bounding box)."""
    buffer = io.BytesIO()
    with figure_style():
        fig.savefig(buffer, format="png", dpi=SCREEN_DPI, bbox_inches="tight")
    return buffer.getvalue()


# ---------------------------------------------------------------------------- the base


class Explorer(widgets.VBox):
    """A box of controls and views whose answer, ``result``, always follows the controls.

    Attributes:
        result: The current answer, a DataFrame (its columns are those of each explorer).
        message: What the answer is, in one sentence ("26 lines in 2 documents ...", or
            "No matches for ..."), as shown above the views.
        delay: Seconds without a change before the display is redrawn.

    Note:
        On every change of a control the answer is computed at once, before the change
        returns; the redraw of the display waits ``delay`` seconds for the next change
        when an event loop runs (in a kernel), and happens at once when none runs.
    """

    #: How the explorer names itself in its snapshot and text form.
    kind_name = "Explorer"

    def __init__(self, header: widgets.Widget, views: list[widgets.Widget], *, delay: float):
        self.result = pd.DataFrame()
        self.message = ""
        self.delay = delay
        self._pending: asyncio.TimerHandle | None = None
        self._busy = False
        self._status = widgets.HTML()
        super().__init__(children=[header, self._status, *views])
        self.add_class("iecorpus-explorer")
        for control in self._controls():
            control.observe(self._changed, names="value")
        self.refresh()

    def refresh(self) -> None:
        """Compute the answer for the current controls and redraw the display at once."""
        self._busy = True
        try:
            self._update()
        finally:
            self._busy = False
        self._draw()

    # What subclasses provide.
    def _controls(self) -> list[widgets.ValueWidget]:
        raise NotImplementedError

    def _update(self) -> None:
        raise NotImplementedError

    def _body(self, *, live: bool) -> str:
        raise NotImplementedError

    def _draw_views(self) -> None:
        raise NotImplementedError

    # Shared machinery.
    def _changed(self, change) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            self._on_control(change["owner"])
            self._update()
        finally:
            self._busy = False
        self._schedule()

    def _on_control(self, owner) -> None:
        """React to a control before the answer is computed (e.g. go back to page 1)."""

    def _schedule(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or self.delay <= 0:
            self._draw()
        else:
            self._pending = loop.call_later(self.delay, self._draw)

    @property
    def pending(self) -> bool:
        """Whether a redraw of the display is waiting for the typing to pause."""
        return self._pending is not None

    def _draw(self) -> None:
        self._pending = None
        self._status.value = _wrap(f'<div class="status">{_escape(self.message)}</div>')
        self._draw_views()

    def snapshot(self) -> str:
        """Return the explorer as static HTML: its current answer, with a note on the live one.

        Returns:
            An HTML fragment (escaped, with its own style) that a rendered report shows
            where no kernel runs.
        """
        note = f"{self.kind_name}, a static snapshot. {_LIVE_NOTE}"
        return _wrap(
            f'<p class="note">{note}</p><div class="status">{_escape(self.message)}</div>'
            + self._body(live=False)
        )

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = f"{self.kind_name}: {self.message} (live in JupyterLab: make lab)"
        bundle["text/html"] = self.snapshot()
        return bundle

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.message}>"


def _year_slider(years: Iterable[int], description: str = "Years") -> widgets.IntRangeSlider:
    """A year range over the years given; disabled when there is at most one."""
    years = sorted({int(y) for y in years})
    low, high = (years[0], years[-1]) if years else (0, 0)
    return widgets.IntRangeSlider(
        value=(low, high),
        min=low,
        max=high,
        step=1,
        description=description,
        disabled=low == high,
        continuous_update=True,
        layout=widgets.Layout(width="30em"),
    )


def _scrolling(**layout) -> widgets.Layout:
    """A layout that scrolls past ``VIEW_HEIGHT``, so that the controls stay in sight."""
    return widgets.Layout(max_height=VIEW_HEIGHT, overflow="auto", **layout)


def _full_range(slider: widgets.IntRangeSlider) -> bool:
    return tuple(slider.value) == (slider.min, slider.max)


# ---------------------------------------------------------------------------- concordance


def _index(corpus) -> TermIndex:
    """The corpus's term index, saying so first when a large one is about to be built."""
    if not isinstance(corpus, TermIndex):
        built = corpus.has_index()
        n = len(corpus.documents)
        if not built and n >= ANNOUNCE_INDEX and progress_enabled(n):
            print(
                f"Indexing {n:,} documents for the explorer (once per corpus: about "
                f"{max(1, round(n / 500))} s) ...",
                file=sys.stderr,
                flush=True,
            )
    return index_corpus(corpus)


def _short_labels(doc_ids: Sequence[str]) -> list[str]:
    """``000`` for ``000_2631aee1e2903283`` when the prefixes are unique, else the ids."""
    short = [d.split("_")[0] for d in doc_ids]
    return short if len(set(short)) == len(short) else list(doc_ids)


class ConcordanceExplorer(Explorer):
    """Keyword in context for a term, a phrase or a concept, with hits per document.

    Attributes:
        query: The query box: a word, a phrase or a concept (its id, an English rendering
            or a Chinese term, simplified or traditional). The string typed is found
            everywhere, inside longer words and other concepts' mentions too; a concept's
            every rendering is found as well.
        concept_only: When the query names a concept, show its own mentions only, not
            the string typed inside other concepts' mentions.
        literal: Search the characters as typed even when they name a concept.
        language: ``"all"``, ``"en"`` or ``"zh"``.
        years: The range of years; undated documents count only while it spans them all.
        documents: The documents to search (none selected: all of them).
        page: The page of lines shown, ``page_size`` lines a page.
        result: The lines of the page, by date: ``doc_id``, ``date``, ``language``,
            ``paragraph`` and ``sentence`` (their numbers in ``corpus.paragraphs`` and
            ``corpus.sentences``), ``left``, ``match`` (as written), ``concept`` (the
            concept whose mention holds the match, ``""`` for none), ``right``, ``start``
            and ``end`` (offsets in the document's text).
        by_document: Every document with a hit: ``doc_id``, ``title``, ``date``,
            ``language``, ``hits``; most hits first.
        n_matches: The number of lines on every page together.
        concept: The concept the query names, or ``None`` for a plain search.
    """

    kind_name = "Concordance explorer"

    def __init__(
        self,
        corpus,
        *,
        query: str,
        literal: bool,
        width: int,
        page_size: int,
        delay: float,
        concept_only: bool = False,
    ):
        index = _index(corpus)
        self._index, self._width, self._page_size = index, width, page_size
        docs = index.documents
        self._doc_ids = docs["doc_id"].to_numpy(dtype=str)
        self._labels = _short_labels(list(self._doc_ids))
        self._years_of = pd.to_numeric(docs["year"], errors="coerce").fillna(-1).to_numpy(int)
        self._languages = docs["language"].to_numpy(dtype=str)
        order = np.lexsort((self._doc_ids, docs["date"].to_numpy(dtype=str)))
        self._rank = np.empty(len(order), dtype=np.int64)
        self._rank[order] = np.arange(len(order))
        self._span = max((len(t) for t in index.texts), default=0) + 1
        self._hits: OrderedDict[tuple[str, bool, bool], tuple] = OrderedDict()
        self._paragraph_starts: dict[int, list[int]] = {}
        self.by_document = pd.DataFrame(columns=["doc_id", "title", "date", "language", "hits"])
        self.n_matches, self.concept = 0, None

        self.query = widgets.Text(
            value=query,
            placeholder="a word, a phrase or a concept: 1+X, vocational education, 产教融合",
            description="Query",
            continuous_update=True,
            layout=widgets.Layout(width="34em"),
        )
        self.literal = widgets.Checkbox(
            value=literal, description="exact text, not the concept", indent=False
        )
        self.concept_only = widgets.Checkbox(
            value=concept_only, description="only the concept's own mentions", indent=False
        )
        present = [lang for lang in _LANGUAGES if lang in set(self._languages)]
        self.language = widgets.Dropdown(
            options=[("all languages", ALL)] + [(_LANGUAGES[lang], lang) for lang in present],
            value=ALL,
            description="Language",
            layout=widgets.Layout(width="16em"),
        )
        self.years = _year_slider(y for y in self._years_of if y >= 0)
        by_date = docs.iloc[order]
        self.documents = widgets.SelectMultiple(
            options=[
                (f"{self._labels[k]} · {d} · {t[:60]}", doc_id)
                for k, doc_id, d, t in zip(
                    order, by_date["doc_id"], by_date["date"], by_date["title"], strict=True
                )
            ],
            value=(),
            rows=min(6, max(len(docs), 1)),
            description="Documents",
            layout=widgets.Layout(width="48em"),
        )
        self.page = widgets.BoundedIntText(
            value=1, min=1, max=1, description="Page", layout=widgets.Layout(width="10em")
        )
        self._kwic = widgets.HTML(layout=_scrolling(flex="1 1 auto"))
        self._counts = widgets.HTML(layout=_scrolling(flex="0 0 auto", margin="0 0 0 1em"))
        header = widgets.VBox(
            [
                widgets.HBox([self.query, self.concept_only, self.literal]),
                widgets.HBox([self.language, self.years]),
                self.documents,
            ]
        )
        views = [widgets.HBox([self._kwic, self._counts]), self.page]
        super().__init__(header, views, delay=delay)

    def _controls(self):
        return [
            self.query,
            self.concept_only,
            self.literal,
            self.language,
            self.years,
            self.documents,
            self.page,
        ]

    def _on_control(self, owner) -> None:
        if owner is not self.page:
            self.page.value = 1

    # -- the answer

    def _find(self, query: str, literal: bool, concept_only: bool) -> tuple:
        """``(concept, doc, start, end, held)`` of every hit, kept for a few queries.

        ``held`` is the concept whose mention holds each hit (``""`` for none).
        """
        key = (query, literal, concept_only)
        if key in self._hits:
            self._hits.move_to_end(key)
            return self._hits[key]
        index = self._index
        concept, table = index.find(query, literal=literal, concept_only=concept_only)
        found = (concept, *(table[c].to_numpy(dtype=np.int64) for c in ("doc", "start", "end")))
        found += (table["concept"].fillna("").to_numpy(dtype=object),)
        self._hits[key] = found
        while len(self._hits) > 16:
            self._hits.popitem(last=False)
        return found

    def _document_mask(self) -> np.ndarray:
        mask = np.ones(len(self._doc_ids), dtype=bool)
        if self.language.value != ALL:
            mask &= self._languages == self.language.value
        if not _full_range(self.years):
            low, high = self.years.value
            mask &= (self._years_of >= low) & (self._years_of <= high)
        if self.documents.value:
            mask &= np.isin(self._doc_ids, list(self.documents.value))
        return mask

    def _filters(self) -> list[str]:
        """The filters in force, in words ("Chinese only", "2022-2024", "1 document chosen")."""
        found = []
        if self.language.value != ALL:
            found.append(f"{_LANGUAGES[self.language.value]} only")
        if not _full_range(self.years):
            found.append("{}-{}".format(*self.years.value))
        if self.documents.value:
            n = len(self.documents.value)
            found.append(f"{n} document{'s' if n != 1 else ''} chosen")
        return found

    def _update(self) -> None:
        query = self.query.value
        empty = pd.DataFrame(columns=_KWIC_COLUMNS)
        self.result, self.n_matches, self.concept = empty, 0, None
        self.by_document = self.by_document.iloc[0:0]
        if not query_words(query):
            self.page.max = 1
            self.message = (
                "Type a word, a phrase or a concept (its id, an English rendering or a "
                "Chinese term) in the query box."
            )
            return
        concept, doc, start, end, held = self._find(
            query, self.literal.value, self.concept_only.value
        )
        self.concept = concept
        keep = self._document_mask()[doc]
        doc, start, end, held = doc[keep], start[keep], end[keep], held[keep]
        self.n_matches = len(doc)
        pages = max(1, math.ceil(len(doc) / self._page_size))
        self.page.max = pages
        page = min(self.page.value, pages)
        self.result = self._lines(doc, start, end, held, page)
        self.by_document = self._count_by_document(doc)
        self.message = self._describe(query, concept, page)

    def _lines(self, doc: np.ndarray, start: np.ndarray, end: np.ndarray, held, page: int):
        first, last = (page - 1) * self._page_size, min(page * self._page_size, len(doc))
        if last <= first:
            return pd.DataFrame(columns=_KWIC_COLUMNS)
        key = self._rank[doc] * self._span + start
        if last < len(key):
            part = np.argpartition(key, last - 1)[:last]
            chosen = part[np.argsort(key[part], kind="stable")][first:last]
        else:
            chosen = np.argsort(key, kind="stable")[first:last]
        index, rows = self._index, []
        dates = index.documents["date"].to_numpy(dtype=str)
        for k in chosen.tolist():
            d, a, b = int(doc[k]), int(start[k]), int(end[k])
            left, right = cut_context(index.line_texts[d], a, b, width=self._width)
            rows.append(
                (self._doc_ids[d], dates[d], self._languages[d], self._paragraph_of(d, a))
                + (index.sentence_of(d, a), left, index.texts[d][a:b], held[k], right, a, b)
            )
        return pd.DataFrame(rows, columns=_KWIC_COLUMNS)

    def _paragraph_of(self, doc: int, offset: int) -> int:
        if doc not in self._paragraph_starts:
            spans = split_paragraphs(self._index.texts[doc])
            self._paragraph_starts[doc] = [a for a, _ in spans]
        return max(bisect.bisect_right(self._paragraph_starts[doc], offset) - 1, 0)

    def _count_by_document(self, doc: np.ndarray) -> pd.DataFrame:
        counts = np.bincount(doc, minlength=len(self._doc_ids))
        hit = np.flatnonzero(counts)
        docs = self._index.documents
        table = pd.DataFrame(
            {
                "doc_id": self._doc_ids[hit],
                "title": docs["title"].to_numpy(dtype=str)[hit],
                "date": docs["date"].to_numpy(dtype=str)[hit],
                "language": self._languages[hit],
                "hits": counts[hit],
                "_rank": self._rank[hit],
            }
        )
        table = table.sort_values(["hits", "_rank"], ascending=[False, True], kind="stable")
        return table.drop(columns="_rank").reset_index(drop=True)

    def _describe(self, query: str, concept: str | None, page: int) -> str:
        filters = self._filters()
        where = f" ({', '.join(filters)})" if filters else ""
        typed = f"“{query.strip()}”"
        if concept:
            row = self._index.glossary.set_index("concept").loc[concept]
            named = f"the concept {row['label_en']} ({row['label_zh']})"
            if self.concept_only.value:
                what = f"{named}, its own mentions in every rendering"
            else:
                what = f"{typed} wherever it occurs and {named} in every rendering"
        else:
            what = f"{typed} wherever it occurs"
        if not self.n_matches:
            advice = "widen the filters" if filters else "try another spelling"
            return f"No matches for {what}{where}: {advice}."
        n_docs = len(self.by_document)
        text = (
            f"{self.n_matches:,} line{'s' if self.n_matches != 1 else ''} in {n_docs:,} "
            f"document{'s' if n_docs != 1 else ''}{where} for {what}"
        )
        if self.n_matches > len(self.result):
            first = (page - 1) * self._page_size + 1
            last = first + len(self.result) - 1
            text += f"; showing {first:,}-{last:,} (page {page} of {self.page.max})"
        return text + ". Click a line to read its paragraph."

    # -- the display

    def _kwic_html(self, limit: int | None = None) -> str:
        index, width = self._index, self._width
        titles = dict(zip(self._doc_ids, index.documents["title"].astype(str), strict=True))
        number = {d: k for k, d in enumerate(self._doc_ids)}
        lines = []
        for r in self.result.head(limit).itertuples(index=False):
            d = number[r.doc_id]
            text = index.texts[d]
            a = text.rfind("\n\n", 0, r.start)
            a = 0 if a < 0 else a + 2
            b = text.find("\n\n", r.end)
            b = len(text) if b < 0 else b
            a = max(a, r.start - PARAGRAPH_CHARS // 2)
            b = min(b, r.end + PARAGRAPH_CHARS // 2)
            paragraph = (
                _escape(text[a : r.start])
                + f"<mark>{_escape(r.match)}</mark>"
                + _escape(text[r.end : b])
            )
            head = (
                f"{_escape(r.doc_id)} · {_escape(r.date)} · paragraph {r.paragraph} · "
                f"{_escape(titles[r.doc_id])}"
            )
            lines.append(
                f'<details><summary><span class="where">{_escape(self._labels[d])} · '
                f'{_escape(r.date)}</span> <span class="left" style="width:{width}ch">'
                f"<bdi>{_escape(r.left)}</bdi></span> <mark>{_escape(r.match)}</mark> "
                f'<span class="right" style="width:{width}ch">{_escape(r.right)}</span>'
                + (f' <span class="concept">{_escape(r.concept)}</span>' if r.concept else "")
                + f'</summary><div class="quote"><div class="head">{head}</div>{paragraph}'
                "</div></details>"
            )
        more = len(self.result) - len(lines)
        tail = f'<p class="note">... and {more:,} more line{"s" if more != 1 else ""}</p>'
        tail = tail if more else ""
        return f'<div class="iecorpus-kwic">{"".join(lines)}</div>{tail}'

    def _counts_html(self) -> str:
        if self.by_document.empty:
            return ""
        shown = self.by_document.head(MAX_DOCUMENT_ROWS).assign(
            document=lambda t: [self._labels[k] for k in self._numbers(t["doc_id"])]
        )
        table = _table_html(
            shown,
            {"document": "document", "date": "date", "hits": "hits"},
            numeric=["hits"],
            compact=True,
        )
        more = len(self.by_document) - len(shown)
        tail = f'<p class="note">and {more:,} more documents</p>' if more > 0 else ""
        return f"<b>Hits per document</b>{table}{tail}"

    def _numbers(self, doc_ids: Iterable[str]) -> list[int]:
        number = {d: k for k, d in enumerate(self._doc_ids)}
        return [number[d] for d in doc_ids]

    def _body(self, *, live: bool) -> str:
        return (
            '<div style="display:flex; gap:1.5em; align-items:flex-start">'
            f'<div style="overflow-x:auto">{self._kwic_html(None if live else SNAPSHOT_ROWS)}</div>'
            f"<div>{self._counts_html()}</div></div>"
        )

    def _draw_views(self) -> None:
        self._kwic.value = _wrap(self._kwic_html())
        self._counts.value = _wrap(self._counts_html())
        self.page.layout.display = "" if self.page.max > 1 else "none"


_KWIC_COLUMNS = [
    "doc_id",
    "date",
    "language",
    "paragraph",
    "sentence",
    "left",
    "match",
    "concept",
    "right",
    "start",
    "end",
]


def concordance(
    corpus,
    *,
    query: str = "",
    concept_only: bool = False,
    literal: bool = False,
    width: int = WIDTH,
    page_size: int = PAGE_SIZE,
    delay: float = DELAY,
) -> ConcordanceExplorer:
    """Open a concordance explorer: type a term and read every line it occurs in.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus` (or its term index).
        query: The query it opens with: a word, a phrase (any hyphen or space between its
            words, plurals too; ``+``, ``(`` and other symbols are taken literally) or a
            concept (its id, an English rendering or a Chinese term, simplified or
            traditional). The string typed is found everywhere, inside longer words and
            other concepts' mentions too (产教融合 inside 产教融合型企业); a query naming a
            concept also finds its every rendering, in both languages. Each line's
            ``concept`` says which concept's mention holds it.
        concept_only: Open with only the concept's own mentions (see
            :func:`iecorpus.terms.concordance`).
        literal: Search the query as typed even when it names a concept.
        width: Columns of context each side (a Chinese character takes two).
        page_size: Lines per page; the first page is computed on every keystroke.
        delay: Seconds without typing before the display is redrawn.

    Returns:
        The :class:`ConcordanceExplorer`: controls ``query``, ``concept_only``, ``literal``,
        ``language``,
        ``years``, ``documents`` and ``page``; the answer in ``result`` (the lines of the
        page), ``by_document`` (hits per document) and ``n_matches``.

    Note:
        The corpus is tokenized once (:func:`iecorpus.index.index_corpus`, about a second
        per 1,000 documents); every query after that reuses the index.
    """
    return ConcordanceExplorer(
        corpus,
        query=query,
        literal=literal,
        width=width,
        page_size=page_size,
        delay=delay,
        concept_only=concept_only,
    )


# ---------------------------------------------------------------------------- trends


def _split_items(text: str) -> list[str]:
    return list(dict.fromkeys(p.strip() for p in _ITEM_SPLIT.split(text) if p.strip()))


class TrendsExplorer(Explorer):
    """Concepts and terms year by year: a line figure and the table behind it.

    Attributes:
        concepts: The concepts of the glossary to follow (several at once).
        terms: Words or phrases to follow, comma-separated; one that names a concept (a
            rendering, a Chinese term) is followed as that concept.
        measure: ``"rate"`` (per 10,000 tokens), ``"count"``, ``"documents"`` (documents
            mentioning it) or ``"share"`` (of the year's documents).
        result: The table of :func:`iecorpus.terms.compute_trends` for the items (one row
            per year and item), with ``label`` (what the figure calls it) and ``value``
            (the column the measure names).
    """

    kind_name = "Trends explorer"

    def __init__(
        self, corpus, *, concepts, terms: Sequence[str], measure: str, figure: bool, delay: float
    ):
        if measure not in MEASURES:
            raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
        index = _index(corpus)
        self._index = index
        summary = summarize_concepts(index)
        self._labels = {
            r.concept: f"{r.label_en} {r.label_zh}".strip() for r in summary.itertuples()
        }
        if concepts is None:
            chosen = list(summary.loc[summary["count"] > 0, "concept"].head(3))
        else:
            chosen = [self._concept(c) for c in concepts]
        self.concepts = widgets.SelectMultiple(
            options=[
                (f"{r.label_en} · {r.label_zh} ({r.count})", r.concept)
                for r in summary.itertuples()
            ],
            value=tuple(dict.fromkeys(chosen)),
            rows=8,
            description="Concepts",
            layout=widgets.Layout(width="34em"),
        )
        self.terms = widgets.Text(
            value=", ".join(terms),
            placeholder="words or phrases, comma-separated: talent, 校企合作",
            description="Terms",
            continuous_update=False,
            layout=widgets.Layout(width="34em"),
        )
        self.measure = widgets.Dropdown(
            options=[(label, key) for key, label in MEASURES.items()],
            value=measure,
            description="Measure",
            layout=widgets.Layout(width="30em"),
        )
        self._with_figure = figure
        self._figure = widgets.Image(format="png", layout=widgets.Layout(max_width="900px"))
        self._table = widgets.HTML()
        header = widgets.HBox([self.concepts, widgets.VBox([self.terms, self.measure])])
        super().__init__(header, [self._figure, self._table], delay=delay)

    def _concept(self, name: str) -> str:
        found = find_concept(name, self._index.glossary)
        if found is None:
            raise ValueError(
                f"{name!r} is not a concept of the glossary (data/glossary.csv): give a "
                "concept id, an English rendering or a Chinese term, or pass it in terms=."
            )
        return found

    def _controls(self):
        return [self.concepts, self.terms, self.measure]

    def _update(self) -> None:
        concepts = list(self.concepts.value)
        words, notes = [], []
        for item in _split_items(self.terms.value):
            concept = find_concept(item, self._index.glossary)
            if concept:
                concepts.append(concept)
                notes.append(f"“{item}” is followed as the concept {self._labels[concept]}")
            else:
                words.append(item)
                language = "zh" if has_han(item) else "en"
                if not tokenize(item, language=language):
                    notes.append(f"“{item}” is only stopwords, so it is never counted")
        concepts = list(dict.fromkeys(concepts))
        if not concepts and not words:
            self.result = pd.DataFrame(columns=_TREND_COLUMNS)
            self.message = "Pick one or more concepts, or type words or phrases, to follow."
            return
        table = compute_trends(self._index, concepts=concepts, terms=words, measure="count")
        table["label"] = [
            self._labels.get(i, i) if k == "concept" else i
            for k, i in zip(table["kind"], table["item"], strict=True)
        ]
        table["value"] = table[self.measure.value]
        self.result = table[_TREND_COLUMNS]
        self.message = self._describe(len(concepts) + len(words), notes)

    def _describe(self, n_items: int, notes: list[str]) -> str:
        table = self.result
        if table.empty:
            return "No dated documents: a trend needs documents with a date."
        years = sorted(table["year"].unique())
        n_docs = int(table.drop_duplicates("year")["n_documents"].sum())
        text = (
            f"{n_items} item{'s' if n_items != 1 else ''} over {len(years)} year"
            f"{'s' if len(years) != 1 else ''} with documents ({years[0]}-{years[-1]}; "
            f"{n_docs:,} dated documents); {MEASURES[self.measure.value]}."
        )
        if n_docs < 3 * len(years):
            text += " With so few documents a year, the lines compare documents, not years."
        return text + "".join(f" {note}." for note in notes)

    def _table_html(self) -> str:
        table = self.result
        if table.empty:
            return ""
        wide = table.pivot_table(index="label", columns="year", values="value", sort=False)
        digits = {"rate": 1, "share": 2}.get(self.measure.value, 0)
        wide = wide.round(digits).astype(int) if digits == 0 else wide.round(digits)
        wide = wide.reset_index()
        years = [c for c in wide.columns if c != "label"]
        columns = {"label": MEASURES[self.measure.value], **{y: y for y in years}}
        wide.columns = [str(c) for c in wide.columns]
        return _table_html(wide, {str(k): v for k, v in columns.items()}, numeric=years)

    def _body(self, *, live: bool) -> str:
        return self._table_html()

    def _draw_views(self) -> None:
        from .plots_terms import plot_trends

        self._table.value = _wrap(self._table_html())
        if self.result.empty or not self._with_figure:
            self._figure.layout.display = "none"
            return
        labels = dict(zip(self.result["item"], self.result["label"], strict=True))
        fig = plot_trends(self.result, labels=labels, ylabel=MEASURES[self.measure.value])
        self._figure.value = _png(fig)
        self._figure.layout.display = ""


_TREND_COLUMNS = [
    "year",
    "kind",
    "item",
    "label",
    "count",
    "documents",
    "n_documents",
    "n_tokens",
    "rate",
    "share",
    "value",
]


def trends(
    corpus,
    *,
    concepts: Sequence[str] | None = None,
    terms: Sequence[str] = (),
    measure: str = "rate",
    figure: bool = True,
    delay: float = DELAY,
) -> TrendsExplorer:
    """Open a trends explorer: pick concepts or terms and watch them over the years.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus` (or its term index).
        concepts: Concepts it opens with (ids, renderings or Chinese terms); ``None``:
            the three most frequent.
        terms: Words or phrases it opens with.
        measure: ``"rate"`` (per 10,000 tokens of the year), ``"count"``,
            ``"documents"`` (documents mentioning it) or ``"share"`` (of the year's
            documents).
        figure: Draw the lines (``False``: the table only, which is quicker).
        delay: Seconds without a change before the figure is redrawn.

    Returns:
        The :class:`TrendsExplorer`: controls ``concepts``, ``terms`` and ``measure``;
        the answer in ``result``.

    Raises:
        ValueError: A concept that is not in the glossary, or an unknown measure.
    """
    return TrendsExplorer(
        corpus, concepts=concepts, terms=list(terms), measure=measure, figure=figure, delay=delay
    )


# ---------------------------------------------------------------------------- topics


class TopicsExplorer(Explorer):
    """One topic of a model at a time: its top terms, its best passages, its prevalence by year.

    Attributes:
        topic: The topic shown (its number; the options show the labels).
        n: How many passages to show.
        result: The best passages of the topic: ``rank``, ``doc_id``, ``date``,
            ``passage``, ``share`` (the topic's share of the passage) and ``text``.
        top_terms: The topic's terms: ``rank``, ``term``, ``display``, ``weight``.
        by_year: Its prevalence: ``year``, ``prevalence`` (share of the year's tokens),
            ``n_passages`` and ``n_documents`` (of the year).
    """

    kind_name = "Topics explorer"

    def __init__(self, model, *, topic: int, n: int, delay: float):
        from .topics import best_passages, topic_prevalence

        if not 0 <= topic < model.k:
            raise ValueError(f"topic must be between 0 and {model.k - 1}, not {topic!r}")
        self._model = model
        most = min(max(n, 10), len(model.passages))
        self._best = best_passages(model, n=most, width=10**9)
        self._prevalence = topic_prevalence(model)
        self.top_terms = pd.DataFrame()
        self.by_year = pd.DataFrame()
        self.topic = widgets.Dropdown(
            options=[
                (label, int(t))
                for t, label in zip(model.labels["topic"], model.labels["label"], strict=True)
            ],
            value=topic,
            description="Topic",
            layout=widgets.Layout(width="44em"),
        )
        self.n = widgets.BoundedIntText(
            value=min(n, most),
            min=1,
            max=most,
            description="Passages",
            layout=widgets.Layout(width="12em"),
        )
        self._terms_view, self._passages_view = widgets.HTML(), widgets.HTML(layout=_scrolling())
        self._years_view = widgets.HTML(layout=widgets.Layout(margin="0 0 0 2em"))
        views = [widgets.HBox([self._terms_view, self._years_view]), self._passages_view]
        super().__init__(widgets.HBox([self.topic, self.n]), views, delay=delay)

    def _controls(self):
        return [self.topic, self.n]

    def _update(self) -> None:
        topic, model = self.topic.value, self._model
        best = self._best[(self._best["topic"] == topic) & (self._best["rank"] <= self.n.value)]
        self.result = best[["rank", "doc_id", "date", "passage", "share", "text"]].reset_index(
            drop=True
        )
        terms = model.topic_terms[model.topic_terms["topic"] == topic]
        self.top_terms = terms[["rank", "term", "display", "weight"]].reset_index(drop=True)
        years = self._prevalence[self._prevalence["topic"] == topic]
        self.by_year = years[["year", "prevalence", "n_passages", "n_documents"]].reset_index(
            drop=True
        )
        row = model.labels.set_index("topic").loc[topic]
        self.message = (
            f"Topic {row['label']}: {row['prevalence']:.0%} of the tokens of the corpus, the "
            f"main topic of {int(row['n_passages'])} of {len(model.passages)} passages "
            f"({model.method.upper()}, k={model.k})."
        )

    def _terms_html(self) -> str:
        terms = self.top_terms
        top = terms["weight"].max() if len(terms) else 1.0
        rows = "".join(
            f'<tr><td class="num">{r.rank}</td><td>{_escape(r.display)}</td>'
            f"<td>{_bar(r.weight / top if top else 0)}{r.weight:.3f}</td></tr>"
            for r in terms.itertuples(index=False)
        )
        return (
            "<b>Top terms</b><table><thead><tr><th class='num'>rank</th><th>term</th>"
            f"<th>weight</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def _years_html(self) -> str:
        rows = "".join(
            f"<tr><td>{_escape(r.year)}</td><td>{_bar(r.prevalence)}{r.prevalence:.0%}</td>"
            f'<td class="num">{r.n_documents}</td></tr>'
            for r in self.by_year.itertuples(index=False)
        )
        return (
            "<b>Prevalence by year</b><table><thead><tr><th>year</th><th>share of tokens</th>"
            f"<th class='num'>documents</th></tr></thead><tbody>{rows}</tbody></table>"
        )

    def _passages_html(self) -> str:
        items = "".join(
            f'<div class="head">{r.rank}. {_escape(r.doc_id)} · {_escape(r.date)} · passage '
            f'{r.passage} · share {r.share:.2f}</div><div class="quote">{_escape(r.text)}</div>'
            for r in self.result.itertuples(index=False)
        )
        return f"<b>Best passages</b>{items}"

    def _body(self, *, live: bool) -> str:
        return (
            '<div style="display:flex; gap:2em; align-items:flex-start">'
            f"<div>{self._terms_html()}</div><div>{self._years_html()}</div></div>"
            + self._passages_html()
        )

    def _draw_views(self) -> None:
        self._terms_view.value = _wrap(self._terms_html())
        self._years_view.value = _wrap(self._years_html())
        self._passages_view.value = _wrap(self._passages_html())


def topics(model, *, topic: int = 0, n: int = 3, delay: float = DELAY) -> TopicsExplorer:
    """Open a topics explorer: pick a topic and read its terms and best passages.

    Args:
        model: A :class:`~iecorpus.topics.TopicModel` from :func:`iecorpus.topics.fit_topics`.
        topic: The topic it opens with (0, the most prevalent, by default).
        n: Passages shown (up to 10, or more if ``n`` is larger).
        delay: Seconds without a change before the display is redrawn.

    Returns:
        The :class:`TopicsExplorer`: controls ``topic`` and ``n``; the answer in
        ``result`` (best passages), ``top_terms`` and ``by_year``.

    Raises:
        ValueError: A topic number the model does not have.
    """
    return TopicsExplorer(model, topic=topic, n=n, delay=delay)


# ---------------------------------------------------------------------------- timeline


def _years(dates: pd.Series) -> np.ndarray:
    """The year of each ISO date, -1 where there is none."""
    years = pd.to_numeric(dates.astype(str).str[:4], errors="coerce")
    return years.fillna(-1).to_numpy(dtype=int)


def _fold(text: str) -> str:
    return to_simplified(str(text)).casefold()


class TimelineExplorer(Explorer):
    """Events filtered by lane, kind, actor, years or a word, with evidence and the figure.

    Attributes:
        lane: ``"all"`` or a lane (national, provincial-local, enterprise-college).
        kind: ``"all"`` or a kind (policy, program, event, target).
        actor: ``"all"`` or one actor.
        years: The range of years of the events (and of the milestones drawn).
        word: A word or phrase of the evidence (or the summary), taken literally, any
            case, simplified or traditional.
        show_milestones: Draw the national milestones in the figure.
        result: The matching events, columns of :func:`iecorpus.events.extract_events`.
        evidence: Their evidence sentences: ``event_id``, ``doc_id``, ``sentence_no``,
            ``expression`` and ``sentence``.
    """

    kind_name = "Timeline explorer"

    def __init__(self, events: pd.DataFrame, *, mentions, milestones, figure: bool, delay: float):
        from .events import KINDS, LANES, load_milestones

        self._events = events.reset_index(drop=True)
        self._milestones = load_milestones() if milestones is None else milestones
        self._evidence = self._gather_evidence(self._events, mentions)
        self._haystack = self._search_texts()
        self._years_of = _years(self._events["date"])
        self.evidence = self._evidence.iloc[0:0]
        actors = sorted({a for cell in self._events["actor"] for a in str(cell).split("; ") if a})
        lanes = [lane for lane in LANES if lane in set(self._events["lane"])]
        kinds = [kind for kind in KINDS if kind in set(self._events["kind"])]
        self.lane = widgets.Dropdown(options=[ALL, *lanes], value=ALL, description="Lane")
        self.kind = widgets.Dropdown(options=[ALL, *kinds], value=ALL, description="Kind")
        self.actor = widgets.Dropdown(
            options=[ALL, *actors],
            value=ALL,
            description="Actor",
            layout=widgets.Layout(width="30em"),
        )
        milestone_years = _years(self._milestones["date"])
        self.years = _year_slider(y for y in [*self._years_of, *milestone_years] if y >= 0)
        self.word = widgets.Text(
            placeholder="a word of the evidence: selected, 1+X, 入选",
            description="Word",
            continuous_update=True,
            layout=widgets.Layout(width="30em"),
        )
        self.show_milestones = widgets.Checkbox(
            value=True, description="national milestones", indent=False
        )
        self._with_figure = figure
        self._figure = widgets.Image(format="png", layout=widgets.Layout(max_width="1100px"))
        self._table = widgets.HTML(layout=_scrolling())
        header = widgets.VBox(
            [
                widgets.HBox([self.lane, self.kind, self.actor]),
                widgets.HBox([self.years, self.word, self.show_milestones]),
            ]
        )
        super().__init__(header, [self._figure, self._table], delay=delay)

    @staticmethod
    def _gather_evidence(events: pd.DataFrame, mentions) -> pd.DataFrame:
        """Every sentence reporting an event; only the first one when no mentions are given."""
        source = events if mentions is None else mentions
        columns = ["event_id", "doc_id", "sentence_no", "expression", "sentence"]
        return pd.DataFrame(
            {c: source[c].to_numpy() if c in source else "" for c in columns},
            columns=columns,
        )

    def _search_texts(self) -> list[str]:
        sentences = self._evidence.groupby("event_id")["sentence"].agg(" \n".join)
        return [
            _fold(f"{e.summary} \n{e.actor} \n{sentences.get(e.event_id, '')}")
            for e in self._events.itertuples(index=False)
        ]

    def _controls(self):
        return [self.lane, self.kind, self.actor, self.years, self.word, self.show_milestones]

    def _update(self) -> None:
        events = self._events
        mask = np.ones(len(events), dtype=bool)
        if self.lane.value != ALL:
            mask &= (events["lane"] == self.lane.value).to_numpy()
        if self.kind.value != ALL:
            mask &= (events["kind"] == self.kind.value).to_numpy()
        if self.actor.value != ALL:
            mask &= np.array([self.actor.value in str(a).split("; ") for a in events["actor"]])
        low, high = self.years.value
        mask &= (self._years_of >= low) & (self._years_of <= high)
        word = self.word.value.strip()
        if word:
            mask &= np.array([_fold(word) in text for text in self._haystack], dtype=bool)
        self.result = events[mask].reset_index(drop=True)
        ids = set(self.result["event_id"])
        self.evidence = self._evidence[self._evidence["event_id"].isin(ids)].reset_index(drop=True)
        self.message = self._describe(word)

    def _describe(self, word: str) -> str:
        total, n = len(self._events), len(self.result)
        if not total:
            return "No events to explore: the extractor found none in this corpus."
        filters = [
            f"{name} {control.value}"
            for name, control in (("lane", self.lane), ("kind", self.kind), ("actor", self.actor))
            if control.value != ALL
        ]
        if not _full_range(self.years):
            filters.append(f"years {self.years.value[0]}-{self.years.value[1]}")
        if word:
            filters.append(f"evidence with “{word}”")
        where = f" ({'; '.join(filters)})" if filters else ""
        if not n:
            return f"No events match{where}: widen the filters or try another word."
        return (
            f"{n} of {total} events{where}, with {len(self.evidence)} evidence sentence"
            f"{'s' if len(self.evidence) != 1 else ''}."
        )

    def _table_html(self, limit: int) -> str:
        word = self.word.value.strip()
        shown = self.result.head(limit)
        evidence = self.evidence[self.evidence["event_id"].isin(shown["event_id"])]
        by_event: dict[str, list] = {}  # the evidence of the events shown, in table order
        for s in evidence.itertuples(index=False):
            by_event.setdefault(s.event_id, []).append(s)
        rows = []
        for e in shown.itertuples(index=False):
            quotes = "".join(
                f'<div class="quote"><span class="head">{_escape(s.doc_id)}, sentence '
                f"{_escape(s.sentence_no)}:</span> {_mark(s.sentence, [s.expression, word])}</div>"
                for s in by_event.get(e.event_id, [])
            )
            rows.append(
                f"<tr><td>{_escape(e.event_id)}</td><td>{_escape(e.date)}<br>"
                f'<span class="note">{_escape(e.date_precision)}</span></td>'
                f"<td>{_escape(e.kind)}</td><td>{_escape(e.lane)}</td>"
                f"<td>{_escape(e.actor)}</td><td>{_mark(e.summary, [word])}{quotes}</td></tr>"
            )
        head = "".join(
            f"<th>{h}</th>"
            for h in ("event", "date", "kind", "lane", "actor", "summary and evidence")
        )
        more = len(self.result) - len(rows)
        tail = f'<p class="note">... and {more:,} more event{"s" if more != 1 else ""}</p>'
        tail = tail if more else ""
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{tail}"

    def _body(self, *, live: bool) -> str:
        if self.result.empty:
            return ""
        return self._table_html(MAX_EVENTS if live else SNAPSHOT_ROWS)

    def _draw_views(self) -> None:
        from .events import plot_timeline

        self._table.value = _wrap(self._body(live=True))
        low, high = self.years.value
        milestones = self._milestones.iloc[0:0]
        if self.show_milestones.value:
            milestones = self._milestones
            if self.lane.value != ALL:
                milestones = milestones[milestones["lane"] == self.lane.value]
        if (self.result.empty and milestones.empty) or not self._with_figure:
            self._figure.layout.display = "none"
            return
        fig = plot_timeline(self.result, milestones, start=f"{low}-01-01", end=f"{high}-12-31")
        self._figure.value = _png(fig)
        self._figure.layout.display = ""


def timeline(
    events: pd.DataFrame,
    *,
    mentions: pd.DataFrame | None = None,
    milestones: pd.DataFrame | None = None,
    figure: bool = True,
    delay: float = DELAY,
) -> TimelineExplorer:
    """Open a timeline explorer: filter the events and read the evidence of each.

    Args:
        events: The table of :func:`iecorpus.events.extract_events`.
        mentions: Its evidence table (:func:`iecorpus.events.find_event_mentions`), to
            show and search every sentence reporting an event; ``None``: only the first.
        milestones: The national milestones drawn in the figure (default:
            ``data/milestones.csv``).
        figure: Draw the timeline (``False``: the events only, which is quicker).
        delay: Seconds without a change before the figure is redrawn.

    Returns:
        The :class:`TimelineExplorer`: controls ``lane``, ``kind``, ``actor``, ``years``,
        ``word`` and ``show_milestones``; the answer in ``result`` (events) and
        ``evidence``.
    """
    return TimelineExplorer(
        events, mentions=mentions, milestones=milestones, figure=figure, delay=delay
    )


__all__ = [
    "ConcordanceExplorer",
    "Explorer",
    "TimelineExplorer",
    "TopicsExplorer",
    "TrendsExplorer",
    "concordance",
    "timeline",
    "topics",
    "trends",
]
