"""Cleaning: separate an article's body from the page around it, with an audit of every change.

The cleaner never rewrites text silently. It works on the decoded raw text and
produces a list of :class:`Edit` objects in raw coordinates: each one replaces
``raw[start:end]`` by ``replacement`` (usually nothing) for a stated ``reason``.
Applying the edits gives the cleaned body; reinserting the raw spans gives the
raw text back (:func:`restore_raw`), so raw = kept + removed can be checked.

Reasons:
    navigation, spam, disclaimer, byline, dateline, title, duplicate-title,
    footer, prev-next, sidebar: page furniture, removed.
    caption: a photo caption or the name list under a photo, removed.
    credit: a photographer's or agency's credit inside a line, removed.
    timestamp: a line that is only a clock time, or a date and a time, removed.
    metadata: a metadata table flattened into ``label: | value |`` cells, removed.
    footnote: a reference marker such as ``[1]``, removed.
    furniture: a line many documents of the folder repeat (:mod:`iecorpus.evidence`), removed.
    off-topic: a long last paragraph that shares almost no words with the title and body
        (another story appended to the article), removed.
    pinyin: a pinyin reading inlined after Chinese characters, removed.
    artefact: a machine-translation artefact, repaired (replacement is not empty).
    full-width: full-width letters and digits made half-width.
    layout: white space, indentation and line breaks normalised.

The patterns a person may want to extend live in ``data/cleaning/``.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from . import paths, shapes
from .chinese import HAN, count_han, is_han, to_simplified
from .datafiles import data_files, load_data
from .dates import DATE_FIRST, DATE_LAST, parse_date
from .firstchar import FirstCharacterTable
from .glossary import GLOSSARY, load_glossary
from .regexparse import CASE_LOOK_ALIKES, may_hold, parser, required_literals
from .tokens import STOPWORDS_DIR, load_stopwords

# Higher wins where two edits overlap.
PRIORITY = {
    "dateline": 7,
    "spam": 6,
    "pinyin": 5,
    "byline": 5,
    "credit": 5,
    "caption": 5,
    "footnote": 5,
    "artefact": 4,
    "full-width": 3,
    "layout": 1,
}
_START = attrgetter("start")
TERMINAL = tuple('.!?。！？"”’)）…;；')
#: Characters that take no room: zero-width spaces and joiners, word joiner, BOM.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
#: What a line is stripped of before it is classified: white space (every character
#: ``str.isspace`` says is one lies below U+3001) and invisible characters.
_EDGE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + _INVISIBLE
#: The same characters as a regex class, newline excepted: what layout edits normalise.
#: Listed rather than written ``[^\S\n]``: ``re`` scans for a class of listed characters
#: several times faster than for one of categories.
_SPACE = "[" + re.escape(_EDGE.replace("\n", "")) + "]"
_WS_RUN = re.compile(f"{_SPACE}+")
#: White space that needs an edit inside a line: a run of two or more, or one that is
#: not a plain space (a run opening on another character, or a space and more).
_ODD_CHAR = "[" + re.escape(_EDGE.replace("\n", "").replace(" ", "")) + "]"
_ODD_SPACE = re.compile(f"{_ODD_CHAR}{_SPACE}*| {_SPACE}+")
#: A line has odd white space where it holds two spaces or one of these: the same as a
#: search for ``_ODD_SPACE``, at the speed of two scans for listed characters.
_ODD_SPACE_CHAR = re.compile(_ODD_CHAR)


def _has_odd_space(line: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``line[start:end]`` may need a white-space edit (``_ODD_SPACE`` finds one)."""
    end = len(line) if end is None else end
    return line.find("  ", start, end) >= 0 or _ODD_SPACE_CHAR.search(line, start, end) is not None


_FULL_WIDTH = re.compile(r"[０-９Ａ-Ｚａ-ｚ][０-９Ａ-Ｚａ-ｚ＋－．％／＆]*")
#: Full-width forms (U+FF01-FF5E) to their ASCII counterparts.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_PIPES = re.compile(r"\s[|｜]\s")
_BULLET = r"[\s•·●◆◇■□▪►▶➤➢➣★☆✿❀❁✦✧♦\-–—|｜/,，、:：*#>»]"
_BULLETS = re.compile(_BULLET + "+")
#: A text of bullets and separators only (what is left empty when ``_BULLETS`` go).
_ONLY_BULLETS = re.compile(_BULLET + "*")
#: What a header line's text before its labels must look like to be one date between
#: bullets: the first character after the bullets one a date starts with, the last before
#: them one a date ends with (:data:`~iecorpus.dates.DATE_FIRST`, ``DATE_LAST``). A cheap
#: test that spares :func:`~iecorpus.dates.find_dates` the lines of the body; case is
#: ignored as there.
_DATE_WITH_BULLETS = re.compile(
    rf"{_BULLET}*{DATE_FIRST}.*{DATE_LAST}{_BULLET}*", re.IGNORECASE | re.DOTALL
)


class Edit(NamedTuple):
    """One change the cleaner made, in raw-text coordinates.

    A named tuple rather than a frozen dataclass: a page makes dozens of candidate
    edits per line, and a tuple is built several times faster.

    Attributes:
        start: Offset of the first raw character replaced.
        end: Offset just past the last raw character replaced.
        replacement: What stands in the cleaned text instead (often "").
        reason: Why (see the module docstring for the list).
    """

    start: int
    end: int
    replacement: str
    reason: str


@dataclass(frozen=True)
class InlineRule:
    """A pattern applied inside kept lines.

    Attributes:
        pattern: The compiled regex.
        replacement: What replaces each match.
        reason: The audit reason.
        needs: Literal strings of which a line must hold one for the pattern to be
            tried (the CSV's optional ``needs`` column, ``|``-separated; an entry
            starting with ``re:`` is a quick regular expression instead); empty: always.
        page_literals: The literal ``needs``, of which a page must hold one for the rule to
            be tried on its lines (unless ``page_gate`` finds something).
        page_gate: The ``re:`` needs as one regex tried on the whole page, or None.
        on_every_page: The rule is tried on the lines of every page (it has no ``needs``,
            or one whose match depends on where a line ends).
        page_search: ``page_literals`` as one regex, for a rule with many of them (one
            scan of the page is then faster than one search per literal), or None.
        run_end: For a pattern that opens on a lookbehind and then a run of one character
            class (``(?<=[.!?])[^\\S\\n]+Essence``), a regex finding the run's last character
            where the rest of the pattern can follow; ``re`` finds no first character to
            look for in such a pattern and tries it at every position of a line, while
            this one it scans for (see :func:`_run_matches`). None for other patterns.
        run_char: The run's character class, as a regex, where ``run_end`` is set.
        run_rest: The rest of such a pattern after the run, where it opens on a character
            or a class (``Essence…``, ``-(?=[a-z])``): ``re`` scans for that faster than
            for the run's class (a space), so the run's ends are found from where the rest
            matches. None where it opens otherwise (a lookahead), or for other patterns.
    """

    pattern: re.Pattern
    replacement: str
    reason: str
    needs: tuple[str, ...] = ()
    gate: re.Pattern | None = field(default=None, compare=False, repr=False)
    page_literals: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    page_gate: re.Pattern | None = field(default=None, compare=False, repr=False)
    on_every_page: bool = field(default=True, compare=False, repr=False)
    page_search: re.Pattern | None = field(default=None, compare=False, repr=False)
    run_end: re.Pattern | None = field(default=None, compare=False, repr=False)
    run_char: re.Pattern | None = field(default=None, compare=False, repr=False)
    run_rest: re.Pattern | None = field(default=None, compare=False, repr=False)

    def applies(self, line: str) -> bool:
        """True when the line may hold a match."""
        if self.gate is not None:
            return self.gate.search(line) is not None
        return not self.needs or any(literal in line for literal in self.needs)


#: Up to this many literal ``needs`` are looked for one by one (``in`` runs at C speed);
#: more go into one regex.
_FEW_NEEDS = 4


def _gate(needs: tuple[str, ...]) -> re.Pattern | None:
    """One regex finding any of a rule's ``needs``; None for none or a few literals."""
    if not needs or (len(needs) <= _FEW_NEEDS and not any(n.startswith("re:") for n in needs)):
        return None
    return re.compile("|".join(n[3:] if n.startswith("re:") else re.escape(n) for n in needs))


@dataclass(frozen=True)
class Rules:
    """The cleaning patterns, read from ``data/cleaning/``.

    Attributes:
        line: One regex, an alternation of named groups, matched against a whole
            stripped line; ``reasons`` maps group name to reason, ``ends`` names
            the groups after which the rest of the page is furniture.
        inline: Repairs and removals applied inside kept lines.
        spam: Regexes of the spam terms: all of them, and those an ASCII line can hold.
        header: Regex of ``Label:`` prefixes found in bylines and datelines.
        header_fields: Maps a lower-cased label to its field (date, author, source, views).
        byline: Regex of words that make a short header line a byline.
        brand_suffixes: Endings that make a repeated name an injected site's
            (``spam_suffixes.txt``; empty when the file is absent).
        url_dates: Patterns of a date in a page's address (``url_dates.csv``).
        inline_ascii: The inline rules an ASCII line can match (those whose ``needs``
            are all Chinese are left out).
        topic_stopwords: English words that say nothing of a paragraph's topic (the
            stopwords of ``data/stopwords/``, read with the rules), for off-topic endings.
        topic_terms: Every rendering of the glossary's concepts (Chinese in simplified
            characters, English lower-cased): a paragraph that names one is never taken
            for another story.
        spam_literals: The literal spam terms alone, as ``spam`` (all, ASCII); None
            where there are none.
        spam_needs: Literals of which a line must hold one for a ``re:`` spam term to
            match there, each with whether it is compared ignoring case; empty when there
            are no ``re:`` terms, None when one of them names no such literal.
        line_lean: ``line`` without its alternatives that open on ``.*`` (a footer such
            as ``.*ICP备\\d+号.*``: ``fullmatch`` tries those at every position of a line),
            for a line that holds none of ``line_lean_needs``; None when the rules have no
            such alternative.
        line_lean_needs: Literals of which a line must hold one for an alternative left
            out of ``line_lean`` to match it, as ``spam_needs``.
        topic_search: ``topic_terms`` as one regex (a trie of the terms), which finds
            whether a text holds one of them in one scan; None when there are none.
        line_table: ``line`` split by first character (:class:`FirstCharacterTable`):
            a line is matched with the rules that can open on its first character only,
            which finds the same; None where only ``line`` is there.
        line_lean_table: ``line_lean`` split so, or None.
    """

    line: re.Pattern
    reasons: dict[str, str]
    ends: frozenset[str]
    inline: tuple[InlineRule, ...]
    spam: tuple[re.Pattern, re.Pattern | None]
    header: re.Pattern
    header_fields: dict[str, str]
    byline: re.Pattern
    brand_suffixes: tuple[str, ...] = ()
    url_dates: tuple[re.Pattern, ...] = ()
    inline_ascii: tuple[InlineRule, ...] = ()
    topic_stopwords: frozenset[str] = frozenset()
    topic_terms: frozenset[str] = frozenset()
    spam_literals: tuple[re.Pattern | None, re.Pattern | None] = (None, None)
    spam_needs: tuple[tuple[str, bool], ...] | None = None
    line_lean: re.Pattern | None = None
    line_lean_needs: tuple[tuple[str, bool], ...] = ()
    topic_search: re.Pattern | None = None
    line_table: FirstCharacterTable | None = field(default=None, compare=False, repr=False)
    line_lean_table: FirstCharacterTable | None = field(default=None, compare=False, repr=False)


@dataclass
class Cleaned:
    """The result of cleaning one document.

    Attributes:
        text: The article body: paragraphs separated by a blank line.
        edits: Every change, sorted, in raw coordinates.
        clean_starts: For each edit, where its replacement starts in ``text``.
        title: The headline found at the top of the page, or None.
        date: ISO publication date found in the page header, or None.
        date_precision: ``day``, ``month`` or ``year`` (None without a date).
        author: Author or byline found in the header, or None.
        source: Source named in the header (来源, Source:), or None.
        date_evidence: Where the date was read: ``header`` (a dateline or byline, the
            headline), ``dateline`` (the opening of the first paragraph), ``weak`` (a
            scraper's prefix or a metadata table's record date, which a date in the
            page's URL outranks); None without a date.
    """

    text: str
    edits: list[Edit]
    clean_starts: list[int]
    title: str | None = None
    date: str | None = None
    date_precision: str | None = None
    author: str | None = None
    source: str | None = None
    date_evidence: str | None = None


def _read_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


_find_dates = shapes.find_dates


def _word_pattern(word: str) -> str:
    escaped = re.escape(word).replace(r"\ ", r"\s+")
    return rf"\b{escaped}\b" if word.isascii() else escaped


def load_rules(directory: str | Path | None = None) -> Rules:
    """Read the cleaning patterns from a folder.

    Args:
        directory: Folder holding ``spam.txt``, ``boilerplate.csv``,
            ``artefacts.csv``, ``header_labels.csv`` and ``byline_words.txt``;
            defaults to ``data/cleaning/`` of the project.

    Returns:
        The compiled :class:`Rules`.

    Raises:
        ValueError: A pattern does not compile; the message names the file and row.

    Note:
        The files are read again when one of them changes, so an edit takes effect at
        the next call, in a running kernel too.
    """
    folder = Path(directory) if directory else paths.CLEANING_DIR
    # The rules also read the English stopwords and the glossary: an edit of either
    # applies at the next call too.
    files = data_files(folder) + data_files(STOPWORDS_DIR) + [GLOSSARY]
    return load_data(_read_rules, files, str(folder))


def _read_rules(directory: str) -> Rules:
    folder = Path(directory)
    spam = _spam_patterns(_read_lines(folder / "spam.txt"), folder / "spam.txt")

    line_parts, lean_parts, lean_needs, reasons, ends, inline = [], [], [], {}, set(), []
    for number, row in enumerate(_read_csv(folder / "boilerplate.csv"), start=2):
        _check_pattern(row["pattern"], folder / "boilerplate.csv", number)
        if row["scope"] == "inline":
            inline.append(_inline_rule(row, ""))
            continue
        name = f"g{number}"
        line_parts.append(f"(?P<{name}>{row['pattern']})")
        kept, needs = _without_open_alternatives(row["pattern"])
        lean_needs.extend(needs)
        if kept:
            lean_parts.append(f"(?P<{name}>{kept})")
        reasons[name] = row["reason"]
        if row["scope"] == "end":
            ends.add(name)
    for number, row in enumerate(_read_csv(folder / "artefacts.csv"), start=2):
        _check_pattern(row["pattern"], folder / "artefacts.csv", number)
        inline.append(_inline_rule(row, row["replacement"]))

    labels = _read_csv(folder / "header_labels.csv")
    header_fields = {row["label"].lower(): row["field"] for row in labels}
    alternatives = sorted((row["label"] for row in labels), key=len, reverse=True)
    # An English label stands after a space or a separator; a Chinese one may be run
    # into the value before it (来源:管理学院发布时间:2024-01-20).
    english = "|".join(_word_pattern(a) for a in alternatives if a.isascii())
    chinese = _trie_regex([a for a in alternatives if not a.isascii()])
    header = re.compile(
        rf"(?P<label>(?:(?<=^)|(?<=[\s|｜/]))(?:{english})|{chinese})\s*[:：]\s*",
        re.IGNORECASE,
    )
    byline = re.compile(_words_regex(_read_lines(folder / "byline_words.txt")), re.IGNORECASE)
    suffixes = folder / "spam_suffixes.txt"
    url_dates = []
    if (folder / "url_dates.csv").is_file():
        for number, row in enumerate(_read_csv(folder / "url_dates.csv"), start=2):
            _check_pattern(row["pattern"], folder / "url_dates.csv", number)
            url_dates.append(re.compile(row["pattern"]))
    topic_terms = _concept_terms()
    line_lean = _lean_line_regex(lean_parts) if lean_needs else None
    return Rules(
        line=re.compile("|".join(line_parts), re.IGNORECASE),
        reasons=reasons,
        ends=frozenset(ends),
        inline=tuple(inline),
        spam=spam[:2],
        header=header,
        header_fields=header_fields,
        byline=byline,
        brand_suffixes=tuple(_read_lines(suffixes)) if suffixes.is_file() else (),
        url_dates=tuple(url_dates),
        inline_ascii=tuple(r for r in inline if not r.needs or any(n.isascii() for n in r.needs)),
        topic_stopwords=load_stopwords("en"),
        topic_terms=topic_terms,
        topic_search=re.compile(_trie_regex(sorted(topic_terms))) if topic_terms else None,
        spam_literals=spam[2:4],
        spam_needs=spam[4],
        line_lean=line_lean,
        line_lean_needs=tuple(dict.fromkeys(lean_needs)),
        line_table=FirstCharacterTable(line_parts, re.IGNORECASE),
        line_lean_table=FirstCharacterTable(lean_parts, re.IGNORECASE) if line_lean else None,
    )


def _words_regex(words: list[str]) -> str:
    """Words as one regex: an English word whole (``\\b`` around it), a Chinese one anywhere.

    A space in a word matches any white space. The words go into two tries (English, and
    the others), so that ``search`` tries one branch per first character at each position
    of a line, not one per word; what it finds somewhere is what ``\\bword\\b|...`` finds.
    No words: a regex that matches nothing.
    """
    english = [w for w in words if w.isascii()]
    others = [w for w in words if not w.isascii()]
    space = r"\s+"
    parts = [rf"\b(?:{_trie_regex(english, space=space)})\b"] if english else []
    if others:
        parts.append(_trie_regex(others, space=space))
    return "|".join(parts) or r"(?!)"


def _lean_line_regex(parts: list[str]) -> re.Pattern | None:
    """The line rules without their alternatives that open on ``.*``, or None.

    None where what is left does not compile alone (a rule referring to a group that an
    alternative left out defines): then every line is matched against the whole regex.
    """
    try:
        return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)
    except re.error:
        return None


def _alternatives(pattern: str) -> list[str] | None:
    """The top-level alternatives of a regular expression (``a|(b|c)|d``: a, (b|c), d).

    Returns:
        The alternatives as written, or None for a pattern that sets its flags inline
        (those apply to every alternative, so it is not split).
    """
    if re.search(r"\(\?[aiLmsux]+\)", pattern):
        return None
    parts, depth, escaped, begin = [], 0, False, 0
    opened = -1  # where the character class we are in opened, or -1
    for k, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif opened >= 0:  # a "]" first in a class ("[]a]", "[^]a]") is one of its members
            if char == "]" and k > opened + 1 and pattern[opened + 1 : k] != "^":
                opened = -1
        elif char == "[":
            opened = k
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[begin:k])
            begin = k + 1
    parts.append(pattern[begin:])
    return parts


def _without_open_alternatives(pattern: str) -> tuple[str, list[tuple[str, bool]]]:
    """A line rule without its alternatives that open on ``.*``, and what those need.

    An alternative that opens on ``.*`` is tried from every position of a line, which
    makes it the dearest part of the line regex; when it names literals a line must hold
    (:func:`required_literals`, ignoring case as the line regex does), a line lacking
    them can skip it.

    Returns:
        The pattern left (all of it when nothing can be skipped, "" when nothing is
        left) and the literals of which a line must hold one for what was left out.
    """
    parts = _alternatives(pattern)
    if parts is None:
        return pattern, []
    kept, needs = [], []
    for part in parts:
        required = required_literals("(?i)" + part) if part.startswith(".*") else None
        if required:
            needs.extend(_caseless(literal, ignore_case) for literal, ignore_case in required)
        else:
            kept.append(part)
    return "|".join(kept), needs


def _caseless(literal: str, ignore_case: bool) -> tuple[str, bool]:
    """A needed literal compared ignoring case, as its longest run without cased letters.

    Any part of a needed literal is needed too, and a part without letters that have a
    case ("备" of "icp备", "365" of "bet365") is found without lower-casing the line. A run
    of a space or two ASCII characters says too little: then the whole literal is kept.
    """
    if not ignore_case:
        return literal, False
    best = max(re.findall(r"[^a-z]+", literal), key=len, default="")
    selective = len(best.strip()) >= 3 or not best.isascii()
    if best.strip() and selective and all(c.lower() == c == c.upper() for c in best):
        return best, False
    return literal, True


def _concept_terms() -> frozenset[str]:
    """Every rendering of the glossary's concepts, as :func:`_names_a_concept` compares them."""
    glossary = load_glossary()
    terms = {t for cell in glossary["zh_terms"] for t in cell}
    terms |= {t.lower() for cell in glossary["en_variants"] for t in cell}
    return frozenset(t for t in terms if len(t) >= 2)


def _names_a_concept(text: str, terms: frozenset[str], search: re.Pattern | None = None) -> bool:
    """Say whether a paragraph names one of the glossary's concepts in any listed rendering.

    ``search`` is the terms as one regex (:attr:`Rules.topic_search`), which finds the same
    in one scan of the paragraph instead of one per term.
    """
    folded = to_simplified(text).lower()
    if search is not None:
        return search.search(folded) is not None
    return any(term in folded for term in terms)


def _inline_rule(row: dict[str, str], replacement: str) -> InlineRule:
    needs = tuple(n for n in (row.get("needs") or "").split("|") if n)
    expressions = [n[3:] for n in needs if n.startswith("re:")]
    literals = [n for n in needs if not n.startswith("re:")]
    run_end, run_char, run_rest = _run_scan(row["pattern"], re.M) or (None, None, None)
    return InlineRule(
        re.compile(row["pattern"], re.M),
        replacement,
        row["reason"],
        needs,
        _gate(needs),
        page_literals=frozenset(literals),
        page_gate=re.compile("|".join(expressions), re.M) if expressions else None,
        on_every_page=not needs or any(_LINE_BOUND.search(e) for e in expressions),
        page_search=re.compile("|".join(map(re.escape, literals))) if len(literals) > 4 else None,
        run_end=run_end,
        run_char=run_char,
        run_rest=run_rest,
    )


def _split_first(source: str, flags: int) -> tuple[str, str] | None:
    """``source`` cut after its first item (a group, a class, a repeat), as ``re`` reads it.

    Returns:
        The first item's text and the rest, or None where no cut reads as the whole does
        (a group number or a flag that would change, a top-level ``|``).
    """
    try:
        whole = parser.parse(source, flags)
    except re.error:
        return None
    if len(whole.data) < 2 or whole.state.flags != parser.parse("", flags).state.flags:
        return None
    for k in range(1, len(source)):
        try:
            head, tail = parser.parse(source[:k], flags), parser.parse(source[k:], flags)
        except re.error:
            continue
        if len(head.data) != 1 or head.state.groups != 1 or head.state.flags != whole.state.flags:
            continue  # a head holding a group would renumber the tail's
        if repr(head.data[0]) == repr(whole.data[0]) and repr(tail.data) == repr(whole.data[1:]):
            return source[:k], source[k:]
    return None


def _run_scan(pattern: str, flags: int) -> tuple[re.Pattern, re.Pattern, re.Pattern | None] | None:
    """The ``run_end``, ``run_char`` and ``run_rest`` of :class:`InlineRule`, or None.

    ``pattern`` qualifies when it reads as a lookbehind ``(?<=…)``, then a repeat (at least
    once) of one character or class C, then the rest R. ``run_end`` is ``C(?=R)``: where a
    match ends its run of C and R begins, one C before. A regex opening on a class is
    searched for that class (fast), one opening on a lookbehind is tried everywhere: the
    artefacts of ``artefacts.csv`` (a space before a stray comma, a spaced hyphen) are such.
    """
    first = _split_first(pattern, flags)
    if first is None:
        return None
    behind, after = first
    items = parser.parse(behind, flags).data
    if items[0][0] is not parser.ASSERT or items[0][1][0] != -1:  # -1: a lookbehind
        return None
    second = _split_first(after, flags)
    if second is None:
        return None
    run, rest = second
    [(op, av)] = parser.parse(run, flags).data
    if op not in (parser.MAX_REPEAT, parser.MIN_REPEAT) or av[0] < 1 or len(av[2].data) != 1:
        return None
    repeated = av[2].data[0]
    if repeated[0] not in (parser.LITERAL, parser.IN):
        return None
    for k in range(1, len(run)):  # the class alone: the run without its repeat
        try:
            items = parser.parse(run[:k], flags).data
        except re.error:
            continue
        if len(items) == 1 and repr(items[0]) == repr(repeated):
            char = _listed_space_class(run[:k], flags)
            run_end = re.compile(f"(?:{char})(?={rest})", flags)
            return run_end, re.compile(char, flags), _opening_on_a_character(rest, flags)
    return None


def _opening_on_a_character(pattern: str, flags: int) -> re.Pattern | None:
    """``pattern`` compiled where it opens on a character or a class, else None."""
    try:
        items = parser.parse(pattern, flags).data
        compiled = re.compile(pattern, flags)
    except re.error:  # a reference to a group the lookbehind or the run defined
        return None
    return compiled if items and items[0][0] in (parser.LITERAL, parser.IN) else None


#: Every character ``\s`` matches (``str.isspace``; none lies above U+3000).
_WHITE_SPACE = "".join(c for c in _EDGE if c.isspace())


def _listed_space_class(char: str, flags: int) -> str:
    """A class such as ``[^\\S\\n]`` as the white-space characters it matches, listed.

    ``re`` scans for a class of listed characters about twice as fast as for one defined
    by categories. A negated class holding ``\\S`` can only match white space, so its
    members are found by trying each white-space character; any other class is kept.
    """
    [(op, av)] = parser.parse(char, flags).data
    if op is not parser.IN or (parser.NEGATE, None) not in av:
        return char
    if (parser.CATEGORY, parser.CATEGORY_NOT_SPACE) not in av:
        return char
    pattern = re.compile(char, flags)
    members = [c for c in _WHITE_SPACE if pattern.fullmatch(c)]
    return "[" + re.escape("".join(members)) + "]" if members else char


def _run_ends(rule: InlineRule, line: str, end: int) -> Iterable[int]:
    """Where ``rule.run_end`` matches in ``line[:end]``: a C that R follows, in order.

    With ``run_rest``, each place R matches is found (a search from one past the last),
    and the character before it kept when it is a C: the same places, from a scan for R's
    first character rather than for C.
    """
    if rule.run_rest is None:
        return [m.start() for m in rule.run_end.finditer(line, 0, end)]
    search, in_run = rule.run_rest.search, rule.run_char.match
    ends = []
    at = 1  # R after a C: at the second character at the earliest
    while (m := search(line, at, end)) is not None:
        rest = m.start()
        if in_run(line, rest - 1, end):
            ends.append(rest - 1)
        at = rest + 1
    return ends


def _run_matches(rule: InlineRule, line: str, end: int) -> list[re.Match]:
    """What ``rule.pattern.finditer(line, 0, end)`` finds, for a rule with a ``run_end``.

    A match of ``(?<=L)C+R`` starts at some C of a run of C and ends its C at a later
    one of the same run, where R follows: ``run_end`` finds that last C, so every start
    lies between a ``run_end`` hit and the start of its run. Those positions are tried in
    order with ``pattern.match`` (the lookbehind sees before its start, as in a search);
    a search resumes where a match ends, and so does this.
    """
    found: list[re.Match] = []
    match, in_run = rule.pattern.match, rule.run_char.match
    done = 0  # every start before this was tried, or lies inside a match found
    for last in _run_ends(rule, line, end):
        if last < done:
            continue
        at = last
        while at > done and in_run(line, at - 1, end):
            at -= 1
        while at <= last:
            m = match(line, at, end)
            if m is None:
                at += 1
            else:
                found.append(m)
                done = at = max(m.end(), at + 1)
        done = max(done, last + 1)
    return found


def _spam_patterns(terms: list[str], path: Path) -> tuple:
    """Compile the spam terms into (all terms, the terms an ASCII line can hold).

    Literal brands go into one character trie, so that a common first character (体, 新,
    在) costs one failed branch rather than a try of every brand; ``re:`` entries are
    alternatives of their own. Most brands are Chinese, so an ASCII line is
    searched with the second pattern only (None when no term can match ASCII text).
    The literal trie is also returned alone (for everything, and for ASCII lines), with
    the literals a line must hold for a ``re:`` term to match (:func:`required_literals`):
    a line without them is searched for the brands alone, which is several times faster
    and finds the same spans.
    """
    literals = sorted({t for t in terms if not t.startswith("re:")}, key=len, reverse=True)
    expressions = [t[3:] for t in terms if t.startswith("re:")]
    for number, term in enumerate(expressions, start=1):
        _check_pattern(term, path, number)

    def alternation(words: list[str]) -> list[str]:
        return [_trie_regex(words)] if words else []

    everything = alternation(literals) + [f"(?:{e})" for e in expressions]
    ascii_words = alternation([t for t in literals if t.isascii()])
    ascii_only = ascii_words + [f"(?:{e})" for e in expressions]
    needs: list[tuple[str, bool]] | None = []
    for expression in expressions:
        required = required_literals(expression)
        if required is None:
            needs = None
            break
        needs.extend(required)
    return (
        re.compile("|".join(everything) or r"(?!x)x"),
        re.compile("|".join(ascii_only)) if ascii_only else None,
        re.compile(alternation(literals)[0]) if literals else None,
        re.compile(ascii_words[0]) if ascii_words else None,
        tuple(dict.fromkeys(needs)) if needs is not None else None,
    )


def _trie_regex(words: list[str], *, space: str | None = None) -> str:
    """One regex matching any of ``words``, the longest where several start alike.

    ``space``: what a space in a word matches (a regex such as ``\\s+``); by default a space.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [
            (space if space is not None and c == " " else re.escape(c)) + emit(child)
            for c, child in sorted(node.items())
            if c
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def find_spam(line: str, rules: Rules) -> list[tuple[int, int]]:
    """Return the spans of spam terms in a line, each widened over the white space before it.

    Args:
        line: One line of text.
        rules: The cleaning rules.

    Returns:
        ``(start, end)`` spans, sorted and not overlapping.
    """
    ascii_line = line.isascii()
    if may_hold(line, rules.spam_needs):
        pattern = rules.spam[1] if ascii_line else rules.spam[0]
    else:  # no ``re:`` term can match here: the brands alone find the same spans
        pattern = rules.spam_literals[1] if ascii_line else rules.spam_literals[0]
    if pattern is None:
        return []
    spans = []
    for m in pattern.finditer(line):
        start = m.start()
        while start and line[start - 1] in _EDGE:
            start -= 1
        spans.append((start, m.end()))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _without_spam(line: str, rules: Rules, spans: list[tuple[int, int]] | None = None) -> str:
    spans = find_spam(line, rules) if spans is None else spans
    if not spans:
        return line
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(line[position:start])
        position = end
    return "".join(pieces) + line[position:]


def _lines_with_spam(raw: str, lines: list[tuple[int, int, int]], rules: Rules) -> frozenset[int]:
    """The lines of a page in which a spam term may match (the others need no search).

    A line qualifies when it holds a literal brand (one scan of the page finds them all:
    a brand holds no line break) or one of the literals a ``re:`` term needs
    (:func:`required_literals`), found in the page (lower-cased where case is ignored).
    """
    needs = rules.spam_needs
    if needs is None or (
        any(ignore_case for _, ignore_case in needs)
        and not raw.isascii()
        and any(c in raw for c in CASE_LOOK_ALIKES)
    ):
        return frozenset(range(len(lines)))
    positions: list[int] = []
    brands = rules.spam_literals[0]
    if brands is not None:
        positions.extend(m.start() for m in brands.finditer(raw))
    lowered = None
    for literal, ignore_case in needs:
        if ignore_case and lowered is None:
            lowered = raw.lower()  # as long as raw: a look-alike would have returned above
        text = lowered if ignore_case else raw
        at = text.find(literal)
        while at != -1:
            positions.append(at)
            at = text.find(literal, at + 1)
    if not positions:  # the common case: no brand and no needed literal on the page
        return frozenset()
    starts = [start for start, _, _ in lines]
    return frozenset(bisect.bisect_right(starts, at) - 1 for at in positions)


def _check_pattern(pattern: str, path: Path, row: int) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(
            f"{paths.relative_to_project(path)}, row {row}: the pattern {pattern!r} is not a valid "
            f"regular expression ({exc}). Fix or remove that row."
        ) from None


def _split_lines(raw: str, parts: list[str] | None = None) -> list[tuple[int, int, int]]:
    """Return ``(start, content_end, end)`` for each line; ``end`` includes the newline.

    ``parts`` is ``raw.split("\\n")`` when the caller has it already.
    """
    parts = raw.split("\n") if parts is None else parts
    spans = []
    start = 0
    for line in parts:
        content_end = start + len(line)
        spans.append((start, content_end, content_end + 1))
        start = content_end + 1
    if spans[-1][0] == len(raw):  # the text ends with a newline, or is empty
        spans.pop()
    else:  # the last line has no newline after it
        spans[-1] = (spans[-1][0], len(raw), len(raw))
    return spans


#: A date run into the name before it, with no space or separator ("岳阳日报2024-09-21").
_GLUED_DATE = re.compile(rf"(?<=[{HAN}])((?:19|20)\d{{2}}[-/.年][\d\s:：/.\-月日号]*)$")


def parse_header_line(text: str, rules: Rules) -> dict[str, str] | None:
    """Read a dateline or byline such as ``Author:Mengye News Time:2022.07.07``.

    Args:
        text: One stripped line from the top of a page.
        rules: The cleaning rules (for the labels).

    Returns:
        A dict with some of ``date``, ``date_precision``, ``author``, ``source``
        (empty strings are dropped), or None when the line is not a header line.
    """
    if len(text) > 200:
        return None
    # Every label stands before a colon: a line without one is not searched for labels.
    labels = list(rules.header.finditer(text)) if ":" in text or "：" in text else []
    found: dict[str, str] = {}
    lead = text[: labels[0].start()] if labels else text
    if _ONLY_BULLETS.fullmatch(lead):
        dates = ()  # nothing before the first label: no date there either
    elif not _DATE_WITH_BULLETS.fullmatch(lead):
        return None  # the text before the labels is more than a date
    else:
        dates = _find_dates(lead)
    if dates:
        found["date"], found["date_precision"] = dates[0].iso, dates[0].precision
        lead = lead[: dates[0].start] + lead[dates[0].end :]
    if not _ONLY_BULLETS.fullmatch(lead):
        return None
    for here, after in zip(labels, labels[1:] + [None], strict=False):
        value = (
            text[here.end() : after.start() if after else len(text)]
            .strip()
            .strip("|｜/,，;；")
            .strip()
        )
        kind = rules.header_fields.get(here["label"].lower(), "")
        if kind == "date":
            value_dates = _find_dates(value)
            if not value_dates:
                return None
            found.setdefault("date", value_dates[0].iso)
            found.setdefault("date_precision", value_dates[0].precision)
        elif kind in ("author", "source", "title", "section") and value:
            glued = _GLUED_DATE.search(value) if kind == "source" else None
            if glued and _find_dates(glued[1]):  # 来源:岳阳日报2024-09-21 09:29
                value_dates = _find_dates(glued[1])
                found.setdefault("date", value_dates[0].iso)
                found.setdefault("date_precision", value_dates[0].precision)
                value = value[: glued.start(1)]
            found.setdefault(kind, value)
        elif kind == "views":
            found.setdefault("views", value)
        elif kind == "record-date" and _find_dates(value):
            found.setdefault("record_date", _find_dates(value)[0].iso)
    return found or None


def _title_and_date(text: str) -> tuple[str, tuple[str, str] | None]:
    """Split a date glued to the end of a headline ("... in Beijing 2021-05-26")."""
    dates = _find_dates(text)
    if dates and dates[-1].start > 0 and not text[dates[-1].end :].strip():
        title = text[: dates[-1].start].rstrip(" \t-–—|｜,，·")
        if title:
            return title, (dates[-1].iso, dates[-1].precision)
    return text, None


def _is_title_like(text: str) -> bool:
    """A headline: not too long, and not ending like a sentence of the body."""
    if text.endswith(("...", "…")):  # "... Revealed These Messages..." is a headline
        return len(text) <= 250
    return len(text) <= 250 and not text.endswith((".", "。", "；", ";", "，", ","))


def _is_headline(text: str) -> bool:
    return len(text) < 150 and not text.endswith(TERMINAL)


#: Bullets that open the items of a menu or breadcrumb laid out one per line.
_MENU_BULLETS = ("•", "·", "►", "▶", "»", "›")
#: At most this many lines at the top of a page are read as its header.
_HEADER_LINES = 24
#: An off-topic paragraph at the end: at most this share of its words occur elsewhere on
#: the page (paragraphs of real articles share 9% or more), none of them in the title, and
#: it names none of the glossary's concepts.
OFF_TOPIC_SHARE = 0.06
#: ... and it has at least this many topic words, so short closing lines always stay.
OFF_TOPIC_MIN_WORDS = 15
#: ... and at most this many paragraphs go, leaving at least three before them.
OFF_TOPIC_MAX = 3


def _words(text: str) -> int:
    return len(text.split()) + count_han(text) // 2


def _is_paragraph(text: str) -> bool:
    """A line that reads as a paragraph of the body, not a headline, label or menu item."""
    if len(text) > 200:
        return True
    return text.endswith(TERMINAL) and (len(text.split(maxsplit=3)) >= 4 or count_han(text) >= 10)


class _Classifier:
    """Walks the lines of one page and decides what each one is."""

    def __init__(self, raw: str, rules: Rules, furniture: frozenset[str] = frozenset()):
        self.raw, self.rules, self.furniture = raw, rules, furniture
        parts = raw.split("\n")
        self.lines = _split_lines(raw, parts)
        self.stripped = [part.strip(_EDGE) for part in parts[: len(self.lines)]]
        self.status: list[str | None] = [None] * len(self.lines)  # None = kept body line
        self.meta: dict[str, str] = {}
        #: Edits inside kept lines decided while classifying (a scraper's date prefix, a
        #: dateline opening the first paragraph), by line.
        self.extra: dict[int, list[Edit]] = {}
        self._kinds: dict[int, tuple[str, str | None, dict]] = {}
        self._rule_of: dict[int, tuple[str, bool] | None] = {}
        #: The line rules for every line of this page: ``rules.line_lean`` where the page
        #: lacks the literals of the alternatives it leaves out; None: chosen line by line.
        #: Each split by first character where the rules have the table.
        self._line_regex: re.Pattern | FirstCharacterTable | None = rules.line_table or rules.line
        if rules.line_lean is not None:
            lean = not may_hold(raw, rules.line_lean_needs)
            self._line_regex = (rules.line_lean_table or rules.line_lean) if lean else None
        self._strip_scraper_prefix()
        self.spam_lines = _lines_with_spam(raw, self.lines, rules)
        self.brands: list[str] = []
        for suffix in rules.brand_suffixes:
            if suffix in raw:  # a brand ends in a suffix: a page without any has none
                self.brands = shapes.find_brands(
                    [t for t in self.stripped if t], rules.brand_suffixes
                )
                break

    def _strip_scraper_prefix(self) -> None:
        for i, (start, content_end, _) in enumerate(self.lines):
            if not self.stripped[i]:
                continue
            found = shapes.scraper_date_prefix(self.raw[start:content_end])
            if found:
                length, iso = found
                self.extra[i] = [Edit(start, start + length, "", "dateline")]
                self.stripped[i] = self.raw[start + length : content_end].strip(_EDGE)
                self.meta["weak_date"] = iso
            return

    def spam_spans(self, i: int, text: str) -> list[tuple[int, int]]:
        """:func:`find_spam` on ``text``, part of line ``i``: nothing where it cannot match."""
        return find_spam(text, self.rules) if i in self.spam_lines else []

    def _offset(self, i: int) -> int:
        """Where line ``i``'s stripped text starts in the raw text."""
        start, content_end, _ = self.lines[i]
        text = self.stripped[i]
        return self.raw.index(text, start, content_end) if text else start

    def _next_text(self, i: int) -> str:
        for j in range(i + 1, len(self.lines)):
            if self.stripped[j]:
                return self.stripped[j]
        return ""

    def _next_index(self, i: int) -> int | None:
        for j in range(i + 1, len(self.lines)):
            if self.stripped[j]:
                return j
        return None

    def _line_rule(self, i: int) -> tuple[str, bool] | None:
        """The line rule line ``i`` matches whole: its reason and whether the page ends there."""
        if i in self._rule_of:  # the line the body starts at is read twice
            return self._rule_of[i]
        text = self.stripped[i]
        line = self._line_regex
        if line is None:  # the lean regex matches the same where the rules left out cannot
            rules = self.rules
            if may_hold(text, rules.line_lean_needs):
                line = rules.line_table or rules.line
            else:
                line = rules.line_lean_table or rules.line_lean
        m = line.fullmatch(text) if len(text) <= 1000 else None
        rule = (self.rules.reasons[m.lastgroup], m.lastgroup in self.rules.ends) if m else None
        self._rule_of[i] = rule
        return rule

    def _labelled(self, text: str, in_body: bool) -> str | None:
        """A dateline or byline made of labels (发布时间：…, Source: …); its fields go to meta.

        Before the body any short line is tried; after it, only a short line that starts
        with a label (a source line closing the article), so body sentences cost nothing.
        """
        if in_body:
            # A label stands before a colon: a line without one does not start with a label.
            first = (
                self.rules.header.match(text)
                if len(text) <= 120 and (":" in text or "：" in text)
                else None
            )
            if not first:
                return None
        fields = parse_header_line(text, self.rules)
        if not fields:
            return None
        self._take(fields)
        return _field_reason(fields)

    def _take(self, fields: dict[str, str]) -> None:
        for key, value in fields.items():
            if key in ("table", "clock", "views", "section"):
                continue
            if key == "record_date":
                self.meta.setdefault("weak_date", value)
            elif key == "title":
                self.meta.setdefault("table_title", value)
            else:
                self.meta.setdefault(key, value)

    def _header_fields(self, text: str) -> dict[str, str] | None:
        """The fields of a header line: labels, a credit and a date, a bare timestamp, a table."""
        if len(text) > 200 or not _MAYBE_META.search(text):
            return None  # a header line holds a date, a label's colon or a table's pipes
        if _is_table_row(text):
            return {"table": "", **_table_fields(text, self.rules)}
        fields = parse_header_line(text, self.rules)
        if fields:
            return fields
        stamp = shapes.timestamp_of(text)
        if stamp:
            return {"date": stamp[0]} if stamp[0] else {"clock": ""}
        if text.startswith(("(", "（")) and text.endswith((")", "）")):
            dates = _find_dates(text)
            if len(dates) == 1 and len(text) <= 80:  # "(Information as at 10 December 2020)"
                return {"date": dates[0].iso, "date_precision": dates[0].precision}
        split = shapes.split_credit_line(text)
        if split:
            role, name, rest = split
            inner: dict[str, str] = {}
            for part in _CELL_SPLIT.split(rest):
                part = part.strip()
                stamp = shapes.timestamp_of(part) if part else None
                found = parse_header_line(part, self.rules) if part else None
                if stamp and stamp[0]:
                    inner.setdefault("date", stamp[0])
                elif found:
                    for key, value in found.items():
                        inner.setdefault(key, value)
                elif part and role == "author":
                    inner.setdefault("source", part)
            if inner.get("date"):
                inner[role] = name
                return inner
        return None

    def _zone_kind(self, i: int) -> tuple[str, str | None, dict]:
        """What a line at the top of the page is: noise, meta, cand(idate headline) or para."""
        if i in self._kinds:
            return self._kinds[i]
        text = self.stripped[i]
        kind: tuple[str, str | None, dict]
        if self._is_furniture(i):
            self._kinds[i] = ("noise", "furniture", {})
            return self._kinds[i]
        fields = self._header_fields(text)
        rule = None if fields else self._line_rule(i)
        if fields:
            kind = ("meta", _field_reason(fields), fields)
        elif rule:
            kind = ("noise", rule[0], {})
        elif not _WORD_CHAR.search(text):
            kind = ("noise", "navigation", {})  # bullets and arrows of a menu, an image stub
        elif self._is_spam_line(i, text):
            kind = ("noise", "spam", {})
        elif shapes.is_language_switcher(text):
            kind = ("noise", "navigation", {})
        elif shapes.is_caption(text):
            kind = ("noise", "caption", {})
        elif len(text) <= 100 and not text.endswith(TERMINAL) and self.rules.byline.search(text):
            kind = ("meta", "byline", {"author": text})
        elif text.startswith(_MENU_BULLETS) and len(text) <= 150:
            kind = ("noise", "navigation", {})
        elif _is_paragraph(text) and not text.endswith((":", "：")):
            kind = ("para", None, {})
        elif text.endswith((":", "：", "，", ",", "、", "；", ";")) and len(text) > 12:
            kind = ("para", None, {})  # a headline never ends so; 各省、…: opens a notice
        else:
            kind = ("cand", None, {})
        self._kinds[i] = kind
        return kind

    def _is_furniture(self, i: int) -> bool:
        if not self.furniture:
            return False
        start, content_end, _ = self.lines[i]
        return self.raw[start:content_end].strip() in self.furniture

    def _is_spam_line(self, i: int, text: str, *, by_shape: bool = True) -> bool:
        # Without spam in it, a line holding a word character keeps it once bullets go.
        if (
            len(text) <= 80
            and (i in self.spam_lines or not _WORD_CHAR.search(text))
            and not _BULLETS.sub(
                "", _without_spam(text, self.rules, self.spam_spans(i, text))
            ).strip(_EDGE)
        ):
            return True
        if self.brands and len(text) <= 20 and text in self.brands:
            return True
        return by_shape and shapes.is_keyword_spam(text)

    def _continues(self, i: int) -> bool:
        """Line ``i`` carries on the line above it: hard-wrapped text, not a header line."""
        if i == 0 or not self.stripped[i - 1] or self._zone_kind(i - 1)[0] not in ("cand", "para"):
            return False
        text = self.stripped[i]
        if text[:1].islower() and text[:1].isascii():
            return True
        above = self.stripped[i - 1]
        return (
            count_han(text) >= 20
            and count_han(above) >= 20
            and not above.endswith(TERMINAL)
            and _title_and_date(text)[0] != _title_and_date(above)[0]  # a repeated headline
        )

    def _plan_header(self) -> int | None:
        """Decide the lines above the body: headline, datelines, bylines and labels.

        Returns:
            The index of the first body line, or None when no paragraph shows up among
            the first lines (then the line-by-line reading of the header applies).
        """
        zone: list[tuple[int, str, str | None, dict]] = []
        body, metas_seen = None, False
        for i, text in enumerate(self.stripped):
            if not text:
                continue
            if len(zone) >= _HEADER_LINES:
                return None
            kind, reason, fields = self._zone_kind(i)
            if kind == "cand" and self._continues(i):
                # hard-wrapped text: the paragraph started at the top of this block
                block = i
                while block > 0 and self.stripped[block - 1]:
                    block -= 1
                zone = [z for z in zone if z[0] < block]
                body = block
                break
            if kind == "para":
                j = self._next_index(i)
                if (
                    len(text) <= 250
                    and j is not None
                    and not any(z[1] == "meta" for z in zone)
                    and self._zone_kind(j)[0] == "meta"
                ):
                    kind = "cand"  # a headline ending in a full stop, above its dateline
                else:
                    body = i
                    break
            zone.append((i, kind, reason, fields))
            metas_seen = metas_seen or kind == "meta"
        if body is None:
            return None
        metas = [k for k, z in enumerate(zone) if z[1] == "meta"]
        cands = [k for k, z in enumerate(zone) if z[1] == "cand"]
        title_k = dek_k = None
        texts = [self.stripped[z[0]] for z in zone]
        splits = [_title_and_date(texts[k]) if z[1] == "cand" else None for k, z in enumerate(zone)]
        heads = [split[0] if split else None for split in splits]
        repeated = [k for k in cands if heads.count(heads[k]) > 1 and len(heads[k]) >= 15]
        has_table_title = any("title" in z[3] for z in zone)
        if repeated:
            title_k = repeated[0]
        elif cands and not has_table_title:
            before = [k for k in cands if metas and k < metas[0]]
            # Above a dateline the headline is the last candidate (labels come first);
            # without one, the first (later short lines are the body's headings).
            title_k = before[-1] if before else cands[0]
            if len(before) >= 2:
                a, b = before[-2], before[-1]
                follows = zone[b + 1] if b + 1 < len(zone) else None
                if (
                    follows
                    and follows[1] == "meta"
                    and "author" in follows[3]
                    and _words(texts[a]) >= 4
                    and len(texts[b]) > len(texts[a])
                ):
                    title_k, dek_k = a, b  # headline, standfirst, byline
        last_meta = metas[-1] if metas else -1
        for k, (i, kind, reason, fields) in enumerate(zone):
            text = texts[k]
            if kind == "meta":
                self._take(fields)
                self.status[i] = reason
            elif kind == "noise":
                self.status[i] = reason
            elif k == title_k or (title_k is not None and heads[k] == heads[title_k]):
                title, date = splits[k]
                if date:
                    self.meta.setdefault("date", date[0])
                    self.meta.setdefault("date_precision", date[1])
                if k == title_k:
                    self.meta["title"] = title
                    self.status[i] = "title"
                else:
                    self.status[i] = "duplicate-title"
            elif k == dek_k:
                continue
            elif (title_k is not None and k < title_k) or k < last_meta:
                self.status[i] = "navigation"
        if "title" not in self.meta and "table_title" in self.meta:
            self.meta["title"] = self.meta["table_title"]
        return body

    def _header(self, text: str) -> str | None:
        """Return the reason for a title or byline at the top, or None if the body starts here."""
        if "title" not in self.meta and _is_title_like(text):
            title, date = _title_and_date(text)
            self.meta["title"] = title
            if date:
                self.meta.setdefault("date", date[0])
                self.meta.setdefault("date_precision", date[1])
            return "title"
        if len(text) <= 100 and not text.endswith(TERMINAL) and self.rules.byline.search(text):
            self.meta.setdefault("author", text)
            return "byline"
        return None

    def _body_shape(self, text: str) -> str | None:
        """Furniture inside or after the body, told by its shape."""
        if len(text) > 400:
            return None
        if len(text) <= 60:
            stamp = shapes.timestamp_of(text)
            if stamp and stamp[1]:
                return "timestamp"
        if ("|" in text or "｜" in text) and _is_table_row(text):
            return "metadata"
        if not text.endswith(_CJK_STOPS) and shapes.is_caption(text):
            return "caption"  # a caption ends in a credit, a date or a Latin full stop
        if self.brands and text in self.brands:
            return "spam"
        if text.endswith(TERMINAL):
            return None
        if shapes.is_language_switcher(text):
            return "navigation"
        return "spam" if shapes.is_keyword_spam(text) else None

    def _opening_dateline(self, i: int) -> None:
        """A dateline opening the first paragraph ("BEIJING, Aug. 26 (Xinhua) -- ") is cut."""
        found = shapes.dateline_prefix(self.stripped[i])
        if not found:
            return
        length, iso = found
        start = self._offset(i)
        self.extra.setdefault(i, []).append(Edit(start, start + length, "", "dateline"))
        if iso:
            self.meta.setdefault("dateline_date", iso)

    def run(self) -> None:
        start = self._plan_header()
        in_body, tail = False, None
        kept: list[int] = []
        for i, text in enumerate(self.stripped):
            if not text:
                continue
            if start is not None and i < start:
                if self.status[i] is None:
                    kept.append(i)
                    in_body = True
                continue
            if i == start:
                in_body = True
                self._opening_dateline(i)
            rule = self._line_rule(i)
            if tail:
                self.status[i] = rule[0] if rule else tail
                continue
            if self._is_furniture(i):
                self.status[i] = "furniture"
                continue
            reason = self._labelled(text, in_body)
            if reason:
                self.status[i] = reason
                continue
            if rule:
                self.status[i] = rule[0]
                if rule[1] and in_body:
                    tail = rule[0]
                    self._drop_teaser_heads(i, kept)
                continue
            if self._is_spam_line(i, text, by_shape=False):  # _body_shape tries the shapes
                self.status[i] = "spam"
                continue
            title = self.meta.get("title")
            if title and text.startswith(title) and _title_and_date(text)[0] == title:
                self.status[i] = "duplicate-title"
                continue
            if not in_body:
                reason = self._header(text)
                if reason:
                    self.status[i] = reason
                    continue
                in_body = True
                self._opening_dateline(i)
            elif kept and not _is_table_row(text) and self._starts_sidebar(i, text, kept):
                tail = "sidebar"
                self.status[i] = tail
                continue
            reason = self._body_shape(text)
            if reason:
                self.status[i] = reason
                continue
            kept.append(i)
        if "title" not in self.meta and len(kept) >= 3:
            self._trailing_headline(kept)
        self._drop_off_topic_tail(kept)
        if not kept and "title" in self.meta:
            # A page of one short line: that line is the text, not a headline.
            first = self.status.index("title")
            self.status[first] = None
            del self.meta["title"]
        self._settle_date()

    def _settle_date(self) -> None:
        if "date" in self.meta:
            if not self.meta.get("date"):
                del self.meta["date"]
            else:
                self.meta["date_evidence"] = "header"
        for key, evidence in (("dateline_date", "dateline"), ("weak_date", "weak")):
            if "date" not in self.meta and self.meta.get(key):
                parsed = parse_date(self.meta[key])
                if parsed:
                    self.meta["date"], self.meta["date_precision"] = parsed
                    self.meta["date_evidence"] = evidence
        if "date" in self.meta and "date_precision" not in self.meta:
            parsed = parse_date(self.meta["date"])
            self.meta["date_precision"] = parsed[1] if parsed else "day"

    def _trailing_headline(self, kept: list[int]) -> None:
        """A headline and its source-and-date line standing after the body (summary pages)."""
        last, before = kept[-1], kept[-2]
        fields = self._header_fields(self.stripped[last])
        head = self.stripped[before]
        if fields and fields.get("date") and _is_headline(head) and len(head) >= 8:
            self._take(fields)
            self.status[last] = _field_reason(fields)
            self.status[before] = "title"
            self.meta["title"] = head
            del kept[-2:]

    def _drop_off_topic_tail(self, kept: list[int]) -> None:
        """Paragraphs at the end that tell another story than the title and body: removed.

        Only whole paragraphs are judged (the line ends like a sentence, and so does the
        kept line above it, so a hard-wrapped fragment is never one), only long ones
        (:data:`OFF_TOPIC_MIN_WORDS`), from the last one up, while at least three
        paragraphs stay before them. When unsure, the paragraph is kept.
        """
        n_removed = 0
        while n_removed < OFF_TOPIC_MAX and len(kept) >= 4:
            last, above = kept[-1], kept[-2]
            text = self.stripped[last]
            if len(text) < 60 or not text.endswith(TERMINAL):
                return
            if not self.stripped[above].endswith(TERMINAL):
                return
            rules = self.rules
            # Each test below keeps the paragraph; the one that asks least goes first.
            if _names_a_concept(text, rules.topic_terms, rules.topic_search):
                return  # the collection's own topic
            words = shapes.topic_words(text, stopwords=rules.topic_stopwords)
            if len(words) < OFF_TOPIC_MIN_WORDS:
                return
            title = self.meta.get("title") or ""
            if title and shapes.share_of_topic(words, title, enough=1e-9) > 0:
                return
            context = "\n".join([title] + [self.stripped[i] for i in kept[:-1]])
            if shapes.share_of_topic(words, context, enough=OFF_TOPIC_SHARE) >= OFF_TOPIC_SHARE:
                return
            self.status[kept.pop()] = "off-topic"
            n_removed += 1

    def _drop_teaser_heads(self, i: int, kept: list[int]) -> None:
        """Short headline-like lines just above a related-articles block belong to it.

        Only lines directly above line ``i`` are taken (no removed line between), and
        only while they read as headlines: short, with no sentence inside.
        """
        while len(kept) > 1:
            last = kept[-1]
            text = self.stripped[last]
            between = any(self.stripped[j] for j in range(last + 1, i))
            if between or len(text) > 80 or not _is_headline(text) or _SENTENCE_END.search(text):
                return
            self.status[kept.pop()] = "sidebar"
            i = last

    def _starts_sidebar(self, i: int, text: str, kept: list[int]) -> bool:
        """Teasers after the body: a repeated headline, a tag list, a truncated summary."""
        if 10 <= len(text) < 200 and text == self._next_text(i):
            return True
        if ("|" in text or "｜" in text) and len(_PIPES.findall(text)) >= 2:
            return True
        if (
            text.endswith(("...", "…"))
            and len(text) < 200
            and len(kept) >= 2
            and _is_headline(self.stripped[kept[-1]])
        ):
            self.status[kept.pop()] = "sidebar"  # the teaser's headline
            return True
        return False


_CELL_SPLIT = re.compile(r"\s?[|｜]\s?")
_WORD_CHAR = re.compile(r"\w")
_TWO_WORD_CHARS = re.compile(r"\w{2}")
_MAYBE_META = re.compile(r"[\d:：|｜年]")
_CJK_STOPS = ("。", "！", "？", "；", "，", "、")
_SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s)")
_TABLE_ROW = re.compile(r"^[^|｜]{1,16}[:：]\s*[|｜]")


def _is_table_row(text: str) -> bool:
    """A row of a metadata table flattened into cells: ``label: | value | label: | value |``."""
    if "|" not in text and "｜" not in text:  # both shapes need a pipe
        return False
    return bool(_TABLE_ROW.match(text)) or (
        len(text) <= 40
        and text.count("|") >= 2
        and not _TWO_WORD_CHARS.search(text.replace("|", ""))
    )


def _table_fields(text: str, rules: Rules) -> dict[str, str]:
    cells = [c.strip() for c in _CELL_SPLIT.split(text)]
    found: dict[str, str] = {}
    for label, value in zip(cells, cells[1:] + [""], strict=True):
        if not label.endswith((":", "：")) or not value:
            continue
        kind = rules.header_fields.get(label.rstrip(":：").strip().lower(), "")
        if kind == "title":
            found.setdefault("title", value)
        elif kind in ("date", "record-date") and _find_dates(value):
            found.setdefault("record_date", _find_dates(value)[0].iso)
        elif kind in ("author", "source"):
            found.setdefault(kind, value)
    return found


def _field_reason(fields: dict[str, str]) -> str:
    if "table" in fields:
        return "metadata"
    if fields.keys() == {"clock"}:
        return "timestamp"
    if fields.keys() <= {"clock", "views"}:
        return "navigation"  # a hit counter is one of the page's widgets
    if {"author", "source"} & fields.keys():
        return "byline"
    if fields.keys() <= {"section", "title", "record_date"}:
        return "metadata" if fields.keys() & {"title", "record_date"} else "navigation"
    return "dateline"


def _rules_for_page(
    raw: str, rules: Rules
) -> tuple[tuple[InlineRule, ...], tuple[InlineRule, ...]]:
    """The inline rules (all, and those for ASCII lines) that may match a line of a page.

    ``raw`` is the page, or the lines of it that are kept, joined by line breaks. A rule
    whose ``needs`` that text lacks cannot match any of those lines, so each line tries
    only the few rules left (most pages hold the needs of two or three).
    """
    every: list[InlineRule] = []
    for_ascii: list[InlineRule] = []
    ascii_ids = {id(rule) for rule in rules.inline_ascii}  # an ordered subset of inline
    for rule in rules.inline:
        if rule.on_every_page:
            keep = True
        elif rule.page_search is not None:
            keep = rule.page_search.search(raw) is not None
        else:
            keep = False
            for literal in rule.page_literals:
                if literal in raw:
                    keep = True
                    break
        if not keep and (rule.page_gate is None or rule.page_gate.search(raw) is None):
            continue
        every.append(rule)
        if id(rule) in ascii_ids:
            for_ascii.append(rule)
    return tuple(every), tuple(for_ascii)


#: What makes a regular expression's match in a line depend on where the line ends: a
#: ``needs`` regex holding one is tried on each line, never on the page at once.
_LINE_BOUND = re.compile(r"[\^$]|\\[AZ]|\(\?<?!")


def _inline_edits(
    raw: str,
    start: int,
    end: int,
    rules: Rules,
    extra: Iterable[Edit] = (),
    brands: re.Pattern | None = None,
    applicable: tuple[tuple[InlineRule, ...], tuple[InlineRule, ...]] | None = None,
    may_hold_spam: bool = True,
    full_width: bool = True,
) -> list[Edit]:
    """Edits inside one kept line ``raw[start:end]`` (content, without the newline).

    ``extra`` holds edits decided while classifying (a date prefix, an opening dateline);
    ``brands`` matches the spam brands found on this page; ``applicable`` holds the inline
    rules that may match on this page (:func:`_rules_for_page`; default: all); without
    ``may_hold_spam`` the line is not searched for spam terms (:func:`_lines_with_spam`),
    without ``full_width`` not for full-width letters and digits (the page holds none).
    """
    line = raw[start:end]
    spam = find_spam(line, rules) if may_hold_spam else []
    candidates = [Edit(start + s, start + e, "", "spam") for s, e in spam]
    candidates.extend(extra)
    if brands is not None:
        candidates.extend(
            Edit(start + m.start(), start + m.end(), "", "spam") for m in brands.finditer(line)
        )
    core = len(line.rstrip(_EDGE))  # a pattern's $ is the end of the visible text
    ascii_line = line.isascii()
    every, for_ascii = applicable or (rules.inline, rules.inline_ascii)
    for rule in for_ascii if ascii_line else every:
        gate = rule.gate  # rule.applies(line), without the call
        if gate is not None:
            if gate.search(line) is None:
                continue
        elif rule.needs:
            for literal in rule.needs:
                if literal in line:
                    break
            else:
                continue
        matches = (
            rule.pattern.finditer(line, 0, core)
            if rule.run_end is None
            else _run_matches(rule, line, core)
        )
        for m in matches:
            if m.end() > m.start():
                candidates.append(
                    Edit(start + m.start(), start + m.end(), rule.replacement, rule.reason)
                )
    if full_width and not ascii_line:
        for m in _FULL_WIDTH.finditer(line):
            half = m.group().translate(_HALF_WIDTH)
            candidates.append(Edit(start + m.start(), start + m.end(), half, "full-width"))
    content = _resolve(candidates)
    if (
        not content
        and line[:1] not in _EDGE
        and line[-1:] not in _EDGE
        and not _has_odd_space(line)
    ):
        return content  # the common case: nothing to normalise
    return sorted(content + _layout_edits(line, start, content), key=_START)


def _layout_edits(line: str, offset: int, content: list[Edit]) -> list[Edit]:
    """White-space edits in the gaps between a line's content edits.

    White space before the first and after the last character that stays (removed spans
    count as gone) is dropped; inside, a run of white space becomes one space, and a run
    of invisible characters (zero-width spaces) becomes nothing. Single plain spaces,
    the great majority, are not looked at one by one.
    """
    removals = [(e.start - offset, e.end - offset) for e in content if not e.replacement]
    first, last = _visible_bounds(line, removals)
    found: list[tuple[int, int, str]] = []  # in line coordinates
    # Before the first and after the last visible character: one run when the edge is
    # white space only (the common case), else the runs between the removed spans.
    if first > 0:
        if not line[:first].strip(_EDGE):
            found.append((0, first, ""))
        else:
            found.extend((m.start(), m.end(), "") for m in _WS_RUN.finditer(line, 0, first))
    if last < len(line) - 1:
        if not line[last + 1 :].strip(_EDGE):
            found.append((last + 1, len(line), ""))
        else:
            found.extend((m.start(), m.end(), "") for m in _WS_RUN.finditer(line, last + 1))
    inner = _has_odd_space(line, first, last + 1)
    for m in _ODD_SPACE.finditer(line, first, last + 1) if inner else ():
        found.append((m.start(), m.end(), "" if not m.group().strip(_INVISIBLE) else " "))
    if content:
        spans = [(e.start - offset, e.end - offset) for e in content]
        found = [f for f in found if not _overlaps(spans, f[0], f[1])]
    return [Edit(start + offset, end + offset, text, "layout") for start, end, text in found]


def _visible_bounds(line: str, removals: list[tuple[int, int]]) -> tuple[int, int]:
    """Index of the first and the last character that stays and is not white space."""
    first, last = len(line) - len(line.lstrip(_EDGE)), len(line.rstrip(_EDGE)) - 1
    for start, end in removals:  # a removal at the start pushes the first visible character on
        if start <= first < end:
            first = end + (len(line[end:]) - len(line[end:].lstrip(_EDGE)))
    for start, end in reversed(removals):
        if start <= last < end:
            last = len(line[:start].rstrip(_EDGE)) - 1
    return first, max(last, first - 1)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    n = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return (n >= 0 and spans[n][1] > start) or (n + 1 < len(spans) and spans[n + 1][0] < end)


def _resolve(candidates: list[Edit]) -> list[Edit]:
    """Keep non-overlapping edits, the higher priority first."""
    if len(candidates) < 2:
        return candidates
    candidates.sort(key=lambda e: (-PRIORITY.get(e.reason, 2), e.start))
    starts: list[int] = []
    chosen: list[Edit] = []
    for edit in candidates:
        k = bisect.bisect_left(starts, edit.start)
        if k > 0 and chosen[k - 1].end > edit.start:
            continue
        if k < len(chosen) and chosen[k].start < edit.end:
            continue
        starts.insert(k, edit.start)
        chosen.insert(k, edit)
    return chosen


def _is_wrapped(line_ends: list[str], lengths: list[int], joined: list[bool]) -> bool:
    """True when the body is hard-wrapped text whose lines must be joined into paragraphs.

    Args:
        line_ends: The last characters of each kept line, after inline repairs.
        lengths: The length of each kept line.
        joined: For each kept line, whether the next kept line follows it directly.

    Note:
        Wrapped text has lines of about one width (at most 200 characters) that stop in
        mid-sentence. A heading without a full stop above its paragraph is short, so
        it does not count; pages of one paragraph per line are far wider.
    """
    pairs = [k for k, j in enumerate(joined) if j]
    if len(pairs) < 3:
        return False
    width = sorted(lengths)[int(0.9 * (len(lengths) - 1))]
    if width > 200:
        return False
    open_ends = sum(
        1 for k in pairs if lengths[k] >= 0.6 * width and not line_ends[k].endswith(TERMINAL)
    )
    return open_ends / len(pairs) >= 0.6 and len(pairs) < len(joined)


def _repaired(raw: str, start: int, end: int, edits: list[Edit]) -> str:
    """A line's content as it reads after its inline edits."""
    if not edits:
        return raw[start:end].strip(_EDGE)
    shifted = [Edit(e.start - start, e.end - start, e.replacement, e.reason) for e in edits]
    return apply_edits(raw[start:end], shifted)[0].strip(_EDGE)


def clean_document(
    raw: str, *, rules: Rules | None = None, furniture: frozenset[str] = frozenset()
) -> Cleaned:
    """Separate the article body from the page around it.

    Args:
        raw: The decoded text of one page (newlines already ``\\n``).
        rules: Cleaning rules; defaults to :func:`load_rules` on ``data/cleaning/``.
        furniture: Stripped lines known to be the site's furniture because many pages
            of the folder repeat them (:func:`iecorpus.evidence.find_furniture`).

    Returns:
        A :class:`Cleaned` with the body text, every edit, and the title, date,
        author and source found in the page header.

    Note:
        Rules never name one document's strings: navigation and spam are matched
        by the patterns in ``data/cleaning/``; the lines above the first paragraph
        are read together (the headline is the line above its dateline or byline, a
        repeated one first; labels and menu items around it are navigation); inside
        and after the body, captions, credits, timestamps, metadata tables, language
        switchers, keyword spam and repeated brands are found by their shape
        (:mod:`iecorpus.shapes`), and so are sidebars (repeated headlines, tag lists
        ``a | b | c``, truncated teasers, short headlines above a related block);
        everything after an end mark ("- END -", 上一篇) is furniture.
    """
    rules = rules or load_rules()
    pager = _Classifier(raw, rules, furniture)
    pager.run()
    lines, status = pager.lines, pager.status
    kept = [i for i, text in enumerate(pager.stripped) if text and status[i] is None]
    brands = re.compile("|".join(map(re.escape, pager.brands))) if pager.brands else None
    # Inline rules apply to the lines kept: what those lack, no rule is tried for.
    kept_text = "\n".join([raw[lines[i][0] : lines[i][1]] for i in kept])
    applicable, spam_lines = _rules_for_page(kept_text, rules), pager.spam_lines
    full_width = not kept_text.isascii() and _FULL_WIDTH.search(kept_text) is not None
    inline = {
        i: _inline_edits(
            raw,
            lines[i][0],
            lines[i][1],
            rules,
            pager.extra.get(i, ()),
            brands,
            applicable,
            i in spam_lines,
            full_width,
        )
        for i in kept
    }
    # joined[k]: kept line k is followed directly (no blank or removed line) by kept line k+1.
    joined = [kept[k + 1] == kept[k] + 1 for k in range(len(kept) - 1)] + [False]
    line_ends = [
        _repaired(raw, lines[i][0], lines[i][1], inline[i])[-4:] if joined[k] else ""
        for k, i in enumerate(kept)
    ]
    wrapped = _is_wrapped(line_ends, [len(pager.stripped[i]) for i in kept], joined)
    position = {line: k for k, line in enumerate(kept)}

    # The edits in order, touching layout edits joined into one and edits that change
    # nothing dropped: a run of layout edits is held (its start, its end, the texts put in
    # its place; an end of -1 for none) until another edit ends it.
    edits: list[Edit] = []
    run_start, run_end, run_texts = -1, -1, []

    def end_run() -> None:
        nonlocal run_end
        if run_end >= 0:
            joined_text = run_texts[0] if len(run_texts) == 1 else "".join(run_texts)
            if raw[run_start:run_end] != joined_text:
                edits.append(Edit(run_start, run_end, joined_text, "layout"))
        run_end = -1

    def add_layout(start: int, end: int, replacement: str) -> None:
        nonlocal run_start, run_end, run_texts
        if run_end == start:
            run_end = end
            run_texts.append(replacement)
        else:
            end_run()
            run_start, run_end, run_texts = start, end, [replacement]

    def add(edit: Edit) -> None:
        end_run()
        if raw[edit.start : edit.end] != edit.replacement:
            edits.append(edit)

    stripped = pager.stripped
    for i, (start, content_end, end) in enumerate(lines):
        reason = status[i]
        if reason is not None or not stripped[i]:
            if end > start and reason is not None:
                add(Edit(start, end, "", reason))
            elif end > start:
                add_layout(start, end, "")
            continue
        for edit in inline[i]:
            if edit.reason == "layout":
                add_layout(edit.start, edit.end, edit.replacement)
            else:
                add(edit)
        if end > content_end:  # the newline after a kept line
            k = position[i]
            if k == len(kept) - 1:
                sep = ""
            elif wrapped and joined[k]:
                left = line_ends[k][-1:]
                right = stripped[kept[k + 1]][:1]
                sep = "" if is_han(left) and is_han(right) else " "
            else:
                sep = "\n\n"
            add_layout(content_end, end, sep)
    end_run()
    text, clean_starts = apply_edits(raw, edits)
    meta = pager.meta
    return Cleaned(
        text=text,
        edits=edits,
        clean_starts=clean_starts,
        title=meta.get("title"),
        date=meta.get("date"),
        date_precision=meta.get("date_precision"),
        author=meta.get("author"),
        source=meta.get("source"),
        date_evidence=meta.get("date_evidence"),
    )


def apply_edits(raw: str, edits: Iterable[Edit]) -> tuple[str, list[int]]:
    """Apply sorted, non-overlapping edits to a text.

    Args:
        raw: The original text.
        edits: Edits in raw coordinates, sorted by ``start``.

    Returns:
        The edited text and, for each edit, where its replacement starts in it.
    """
    pieces: list[str] = []
    starts: list[int] = []
    position = 0  # where the raw text not yet copied starts
    length = 0  # the length of the edited text so far
    for start, end, replacement, _ in edits:
        if start < position:
            raise ValueError(f"overlapping edits at offset {start}")
        pieces.append(raw[position:start])
        length += start - position
        starts.append(length)
        pieces.append(replacement)
        length += len(replacement)
        position = end
    if not starts:
        return raw, []
    pieces.append(raw[position:])
    return "".join(pieces), starts


def restore_raw(clean: str, spans: Iterable[tuple[int, str, str]]) -> str:
    """Rebuild the raw text from the cleaned text and the audit of removed spans.

    Args:
        clean: The cleaned text.
        spans: ``(clean_start, raw_text, replacement)`` for every edit, in order.

    Returns:
        The raw text, if the audit is complete and exact.

    Raises:
        ValueError: A replacement is not found where the audit says it stands.
    """
    pieces: list[str] = []
    position = 0
    for clean_start, raw_text, replacement in spans:
        if (
            clean[clean_start : clean_start + len(replacement)] != replacement
            or clean_start < position
        ):
            raise ValueError(f"the audit does not match the cleaned text at offset {clean_start}")
        pieces.append(clean[position:clean_start])
        pieces.append(raw_text)
        position = clean_start + len(replacement)
    pieces.append(clean[position:])
    return "".join(pieces)


__all__ = [
    "Cleaned",
    "Edit",
    "Rules",
    "apply_edits",
    "clean_document",
    "load_rules",
    "parse_date",
    "parse_header_line",
    "restore_raw",
]
