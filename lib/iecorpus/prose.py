"""Findings in words: Markdown sentences computed from results, so a report is true of its corpus.

A notebook states what a table shows in *this* corpus through these helpers instead of
typing numbers into its Markdown. They handle plurals, "none" and lists, escape document
text (untrusted: it may hold Markdown or HTML), say how much data a finding rests on, and
build the banner at the top of every report.

Example:
    >>> plural(1, "document"), plural(0, "document"), plural(3, "city", "cities")
    ('1 document', 'no documents', '3 cities')
    >>> join_words(["A", "B", "C"])
    'A, B and C'
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path

from . import paths
from .chinese import shorten
from .provenance import provenance

#: Fewer documents than this and a finding is an illustration, not evidence.
FEW_DOCUMENTS = 5

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$])")


def number(value: float | int, *, digits: int = 0) -> str:
    """Write a number for a sentence: thousands separated, ``digits`` after the point.

    Args:
        value: The number.
        digits: Decimal places (0 for counts).

    Returns:
        For example ``"1,234"`` or ``"0.74"``; a whole float is written without decimals
        when ``digits`` is 0.
    """
    if digits == 0:
        return f"{round(value):,}"
    return f"{value:,.{digits}f}"


_SMALL_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_SMALL_NUMBERS += ("ten",)


def number_words(value: int, *, zero: str = "zero") -> str:
    """Write a small whole number in words, as prose does, and a larger one in digits.

    Args:
        value: The number.
        zero: How 0 is written (``"no"`` reads better before a noun).

    Returns:
        ``"three"`` for 3, ``zero`` for 0, ``"1,234"`` for 1234 (above ten and below zero,
        :func:`number`).
    """
    if value == 0:
        return zero
    return _SMALL_NUMBERS[value] if 0 < value < len(_SMALL_NUMBERS) else number(value)


def plural(count: int, singular: str, plural_form: str | None = None, *, zero: str = "no") -> str:
    """Say a count with its noun: "1 document", "3 documents", "no documents".

    Args:
        count: How many.
        singular: The noun for one.
        plural_form: The noun for several (default: ``singular`` + "s").
        zero: The word used for none ("no"; pass "0" to write the digit).

    Returns:
        The count and the noun, agreeing.
    """
    noun = singular if count == 1 else (plural_form or singular + "s")
    if count == 0:
        return f"{zero} {noun}"
    return f"{number(count)} {noun}"


def join_words(items: Iterable[str], *, conjunction: str = "and", empty: str = "none") -> str:
    """Join words as English does: "A", "A and B", "A, B and C".

    Args:
        items: The words (empty strings are skipped).
        conjunction: The word before the last item ("and", "or").
        empty: What to say when there is nothing.

    Returns:
        The joined phrase.
    """
    words = [w for w in items if w]
    if not words:
        return empty
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def share(part: int, whole: int, noun: str, plural_form: str | None = None) -> str:
    """Say how much of the corpus a finding rests on: "in 2 of 5 documents", "in all 3 documents".

    Args:
        part: How many have the property.
        whole: How many there are.
        noun: The unit ("document").
        plural_form: Its plural (default ``noun`` + "s").

    Returns:
        The phrase, beginning with "in".
    """
    nouns = plural_form or noun + "s"
    if whole == 0:
        return f"in no {nouns}"
    if part == whole:
        if whole <= 2:
            return f"in the one {noun}" if whole == 1 else f"in both {nouns}"
        return f"in all {number(whole)} {nouns}"
    if part == 0:
        return f"in none of the {number(whole)} {nouns}"
    return f"in {number(part)} of {number(whole)} {noun if whole == 1 else nouns}"


def percent(part: float, whole: float, *, digits: int = 0) -> str:
    """A share written as a percentage ("37%"); "n/a" when ``whole`` is 0."""
    if not whole:
        return "n/a"
    return f"{100 * part / whole:.{digits}f}%"


def quote_text(text: str, *, limit: int | None = 120) -> str:
    """Quote document text safely inside Markdown: no markup, no HTML, no maths.

    Args:
        text: Text from a document (untrusted).
        limit: Longest quotation in characters (cut with "…"); None keeps it whole.

    Returns:
        The text with HTML escaped and Markdown's special characters backslash-escaped,
        on one line.
    """
    text = " ".join(str(text).split())
    if limit is not None:
        text = shorten(text, limit)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def code_text(text: str, *, limit: int | None = 80) -> str:
    """Show text as inline code in Markdown (a file name, a parameter), safely.

    Args:
        text: Any text.
        limit: Longest text in characters (cut with "…"); None keeps it whole.

    Returns:
        The text between backticks, with its own backticks replaced by "'" so that it
        cannot end the code span.
    """
    text = " ".join(str(text).split()).replace("`", "'")
    if limit is not None:
        text = shorten(text, limit)
    return f"`{text}`"


def paragraph(*sentences: str | None) -> str:
    """Join the sentences that are not empty into one paragraph."""
    return " ".join(s.strip() for s in sentences if s and s.strip())


def show(*paragraphs: str | None) -> None:
    """Display computed findings as Markdown in a notebook (paragraphs that are empty are left out).

    Args:
        *paragraphs: Markdown paragraphs built with the helpers of this module; document
            text in them must have gone through :func:`quote_text`.
    """
    from IPython.display import Markdown, display

    text = "\n\n".join(p for p in paragraphs if p and p.strip())
    if text:
        display(Markdown(text))


def size_caveat(n_documents: int, *, what: str = "This", few: int = FEW_DOCUMENTS) -> str:
    """A sentence saying when a finding rests on too few documents to be more than an illustration.

    Args:
        n_documents: How many documents the finding rests on.
        what: The subject of the sentence ("This", "The comparison").
        few: Below this many documents the caveat is given.

    Returns:
        The caveat, or "" when there are enough documents.
    """
    if n_documents >= few:
        return ""
    return (
        f"{what} rests on {plural(n_documents, 'document')}: read it as an illustration of "
        "the method, not as evidence about the policy."
    )


def _same_path(a: str | os.PathLike | None, b: Path) -> bool:
    if a is None:
        return True
    try:
        return Path(a).resolve() == b.resolve()
    except OSError:
        return False


def is_embedded_corpus(
    corpus_dir: str | os.PathLike | None = None, manifest: str | os.PathLike | None = None
) -> bool:
    """Say whether the corpus analysed is the project's five embedded pages.

    Args:
        corpus_dir: The notebook's ``corpus_dir`` parameter (None: the embedded corpus).
        manifest: The notebook's ``manifest`` parameter (None: the project's manifest).

    Returns:
        True only for ``data/raw/`` with ``data/corpus.csv``: commentary written about the
        embedded pages is shown only then.
    """
    return _same_path(corpus_dir, paths.RAW_DIR) and _same_path(manifest, paths.MANIFEST)


def describe_folder(corpus_dir: str | os.PathLike | None) -> str:
    """The corpus folder as a report names it: relative to the project, or just its name."""
    if corpus_dir is None:
        return paths.relative_to_project(paths.RAW_DIR) + " (the embedded corpus)"
    shown = paths.relative_to_project(corpus_dir)
    return shown if not Path(shown).is_absolute() else Path(corpus_dir).name


def corpus_banner(
    corpus,
    *,
    corpus_dir: str | os.PathLike | None = None,
    manifest: str | os.PathLike | None = None,
    parameters: Mapping[str, object] | None = None,
    made: datetime | None = None,
) -> str:
    """The Markdown banner at the top of every report: which corpus, when, what made it.

    Args:
        corpus: The loaded :class:`~iecorpus.corpus.Corpus`.
        corpus_dir: The notebook's ``corpus_dir`` parameter.
        manifest: The notebook's ``manifest`` parameter.
        parameters: The notebook's other parameters, shown as ``name = value``.
        made: When the report was made (default: now, in UTC).

    Returns:
        A Markdown block: folder, documents by language, date range, undated documents,
        files with problems, the time, the library version and commit, the parameters.
    """
    docs = corpus.documents
    languages = docs["language"].value_counts()
    by_language = join_words(
        f"{number(n)} {quote_text(str(lang), limit=20)}" for lang, n in languages.items()
    )
    dates = docs["date"].replace("", None).dropna().astype(str)
    undated = len(docs) - len(dates)
    span = f"dated {dates.min()} to {dates.max()}" if len(dates) else "no dates"
    problems = len(corpus.problems)
    made = made or datetime.now(timezone.utc)
    lines = [
        f"**Corpus:** {code_text(describe_folder(corpus_dir))}"
        + (f", manifest {code_text(describe_folder(manifest))}" if manifest else ""),
        f"**Documents:** {plural(len(docs), 'document')}"
        + (f" ({by_language})" if len(docs) else "")
        + f"; {span}"
        + (f"; {plural(undated, 'undated document')}" if undated else "")
        + f"; {plural(problems, 'file')} with problems",
        f"**Made:** {made:%Y-%m-%d %H:%M} UTC with {provenance()}",
    ]
    if parameters:
        shown = ", ".join(code_text(f"{k} = {v!r}", limit=80) for k, v in parameters.items())
        lines.append(f"**Parameters:** {shown}")
    return "  \n".join(lines)
