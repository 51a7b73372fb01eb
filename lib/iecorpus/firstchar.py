"""First characters of regular expressions: an alternation matched at a text's start, split by them.

``re`` matches ``a|b|c`` at the start of a text by trying each alternative in turn, even
those that cannot open on the text's first character. The line rules of the cleaner are an
alternation of some thirty named groups matched against every line of every page, and most
of them open on a few literals (``Home``, ``来源``, ``Copyright``): :class:`FirstCharacterTable`
reads which characters each alternative can start with (from the standard library's own
parse of the pattern) and keeps, for every first character, the alternatives that can open
on it, each compiled alone and tried in their order (and, for ``fullmatch``, only where the
text is no longer than an alternative's longest match). ``table.fullmatch(text)`` matches
what ``re.compile("|".join(parts), flags).fullmatch(text)`` matches, with the same groups.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .regexparse import ATOMIC_GROUP, POSSESSIVE_REPEAT, parser

#: A first-character set of more characters than this is taken as "any character": the
#: alternative is then tried on every text.
MOST_FIRST_CHARACTERS = 0x10000

_ASCII_END = 0x80
_UNICODE_END = 0x110000

Ranges = list[tuple[int, int]]


def first_characters(pattern: str, flags: int = 0) -> Ranges | None:
    """The characters a match of ``pattern`` can start with, as inclusive code-point ranges.

    Args:
        pattern: A regular expression.
        flags: The flags it is compiled with (``re.IGNORECASE`` widens the set).

    Returns:
        Sorted ``(first, last)`` code-point ranges. None where the answer is "any
        character" or is not certain: the pattern may match the empty string, opens on a
        category (``\\w``), a negated class, ``.`` or a back-reference, names more than
        :data:`MOST_FIRST_CHARACTERS` characters, or, ignoring case, a letter beyond ASCII
        (its look-alikes under ``re.IGNORECASE`` are many). Ignoring case, an ASCII letter
        stands for itself in both cases.
    """

    def of_items(items, flags: int) -> tuple[Ranges | None, bool]:
        """The first characters of a sequence, and whether it can match the empty string."""
        found: Ranges = []
        for op, av in items:
            ranges, empty = of_item(op, av, flags)
            if ranges is None:
                return None, False
            found.extend(ranges)
            if not empty:
                return found, False
        return found, True

    def of_item(op, av, flags: int) -> tuple[Ranges | None, bool]:
        if op is parser.LITERAL:
            return _cased([(av, av)], flags), False
        if op is parser.IN:
            ranges = []
            for kind, value in av:
                if kind is parser.LITERAL:
                    ranges.append((value, value))
                elif kind is parser.RANGE:
                    ranges.append(value)
                else:  # a category or a negation: too many to list
                    return None, False
            return _cased(ranges, flags), False
        if op in (parser.AT, parser.ASSERT, parser.ASSERT_NOT):
            return [], True  # takes no character: the next item opens the match
        if op is parser.SUBPATTERN:
            _, add, remove, inner = av
            return of_items(inner.data, (flags | add) & ~remove)
        if op is ATOMIC_GROUP:
            return of_items(av.data, flags)
        if op is parser.BRANCH:
            found: Ranges = []
            empty = False
            for branch in av[1]:
                ranges, may_be_empty = of_items(branch.data, flags)
                if ranges is None:
                    return None, False
                found.extend(ranges)
                empty = empty or may_be_empty
            return found, empty
        if op in (parser.MAX_REPEAT, parser.MIN_REPEAT, POSSESSIVE_REPEAT):
            low, _, inner = av
            ranges, empty = of_items(inner.data, flags)
            return ranges, empty or low == 0
        return None, False  # ., a back-reference, a conditional group

    try:
        parsed = parser.parse(pattern, flags)
    except re.error:
        return None
    ranges, empty = of_items(parsed.data, parsed.state.flags)
    if ranges is None or empty:
        return None
    ranges = _merged(ranges)
    if sum(last - first + 1 for first, last in ranges) > MOST_FIRST_CHARACTERS:
        return None
    return ranges


def _cased(ranges: Ranges | None, flags: int) -> Ranges | None:
    """The ranges with what ignoring case adds, or None for a cased letter beyond ASCII."""
    if ranges is None or not flags & re.IGNORECASE:
        return ranges
    widened: Ranges = []
    for first, last in ranges:
        ascii_last = min(last, _ASCII_END - 1)
        for code in range(first, ascii_last + 1):  # an ASCII letter, in both cases
            char = chr(code)
            widened.extend((ord(c), ord(c)) for c in {char, char.lower(), char.upper()})
        if last >= _ASCII_END:
            first = max(first, _ASCII_END)
            if last - first >= MOST_FIRST_CHARACTERS:
                return None
            span = "".join(map(chr, range(first, last + 1)))
            if span.lower() != span or span.upper() != span:
                return None  # a cased letter beyond ASCII
            widened.append((first, last))
    return widened


def _widest(pattern: str, flags: int) -> int:
    """The most characters a match of ``pattern`` can span (very large when unbounded)."""
    return parser.parse(pattern, flags).getwidth()[1]


def _merged(ranges: Ranges) -> Ranges:
    merged: Ranges = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return merged


class FirstCharacterTable:
    """An alternation of regexes, each tried only on texts it can open on.

    Args:
        parts: The alternatives, in order (a named group each, as the cleaner's line
            rules are); together they must compile as ``"|".join(parts)``.
        flags: The flags of the whole.

    Attributes:
        whole: ``"|".join(parts)`` compiled: what a text whose first character no table
            entry covers (a cased letter beyond ASCII, an empty text) is matched with.
        n_patterns: How many different lists of alternatives the table holds (one per kind
            of first character).

    Note:
        Only matches at the start of a text (``match``, ``fullmatch``) can be split so:
        an alternative that cannot open on the first character cannot match there, and
        dropping it leaves the first alternative that matches, and its groups, the same.
        A group name stays with its alternative; group numbers do not, so callers read
        ``lastgroup`` and named groups, not numbered ones.
    """

    def __init__(self, parts: Sequence[str], flags: int = 0):
        self.whole = re.compile("|".join(parts), flags)
        starts = [first_characters(part, flags) for part in parts]
        every = [k for k, ranges in enumerate(starts) if ranges is None]
        # Elementary intervals: where no range of any alternative starts or ends inside.
        cuts = {0, _ASCII_END, _UNICODE_END}
        cuts.update(range(_ASCII_END))  # one interval per ASCII character
        for ranges in starts:
            for first, last in ranges or ():
                cuts.update((first, last + 1))
        self._bounds = sorted(cuts)[:-1]
        covering: list[list[int]] = [[] for _ in self._bounds]
        for k, ranges in enumerate(starts):
            for first, last in ranges or ():
                lo = bisect.bisect_left(self._bounds, first)
                hi = bisect.bisect_left(self._bounds, last + 1)
                for n in range(lo, hi):
                    covering[n].append(k)
        # Each alternative compiled alone: an interval's are tried one after the other,
        # in their order, which finds what the alternation finds.
        # With its longest match: ``fullmatch`` skips it on a longer text.
        try:
            alone = [(re.compile(part, flags), _widest(part, flags)) for part in parts]
        except re.error:  # a back-reference to another alternative's group: no table
            alone = None
        self._entries: list[tuple[tuple[re.Pattern, int], ...] | None] = []
        for bound, cover in zip(self._bounds, covering, strict=True):
            if alone is None or (not cover and bound >= _ASCII_END):
                # Beyond ASCII, a character no alternative names may still be a cased
                # letter that an ASCII one matches ignoring case (K, the Kelvin sign).
                self._entries.append(None)
            else:
                self._entries.append(tuple(alone[k] for k in sorted(cover + every)))
        self.n_patterns = len(set(self._entries))

    def alternatives_for(self, text: str) -> tuple[re.Pattern, ...] | None:
        """The alternatives, each compiled alone, that can open ``text``, in their order.

        None where every alternative must be tried (then match ``whole``).
        """
        entries = self._entries_for(text)
        return None if entries is None else tuple(pattern for pattern, _ in entries)

    def _entries_for(self, text: str) -> tuple[tuple[re.Pattern, int], ...] | None:
        if not text:
            return None
        return self._entries[bisect.bisect_right(self._bounds, ord(text[0])) - 1]

    def fullmatch(self, text: str) -> re.Match | None:
        """``whole.fullmatch(text)``, trying only the alternatives that can open ``text``.

        An alternative whose longest match is shorter than ``text`` is not tried either.
        """
        entries = self._entries_for(text)
        if entries is None:
            return self.whole.fullmatch(text)
        length = len(text)
        for pattern, widest in entries:
            if length <= widest:
                found = pattern.fullmatch(text)
                if found is not None:
                    return found
        return None

    def match(self, text: str) -> re.Match | None:
        """``whole.match(text)``, trying only the alternatives that can open ``text``."""
        entries = self._entries_for(text)
        if entries is None:
            return self.whole.match(text)
        for pattern, _ in entries:
            found = pattern.match(text)
            if found is not None:
                return found
        return None


__all__ = ["MOST_FIRST_CHARACTERS", "FirstCharacterTable", "first_characters"]
