"""The standard library's own reading of a regular expression, on every Python the project supports.

``re`` parses a pattern with ``re._parser`` from Python 3.11 on and with ``sre_parse`` before;
the cleaner reads patterns with it (the literals a rule needs, the characters it can open
on, a run it can be scanned for), and so do the readings of dates and events in sentences,
which try a pattern only where a literal it needs stands (:func:`pattern_needs`). Possessive
repeats and atomic groups came with 3.11: on 3.10 their names stand for no operation, so a
test of them is simply never true.
"""

from __future__ import annotations

import re

try:
    from re import _parser as parser  # Python 3.11 and later
except ImportError:  # Python 3.10
    import sre_parse as parser  # noqa: F401  (the same module under its old name)

#: A possessive repeat (``a*+``), or None where Python has none.
POSSESSIVE_REPEAT = getattr(parser, "POSSESSIVE_REPEAT", None)
#: An atomic group (``(?>...)``), or None where Python has none.
ATOMIC_GROUP = getattr(parser, "ATOMIC_GROUP", None)

#: Characters that match an ASCII letter when case is ignored but do not lower-case to it
#: (dotted and dotless i, long s, Kelvin sign): a line holding one is never gated.
CASE_LOOK_ALIKES = "\u0130\u0131\u017f\u212a"


def required_literals(expression: str) -> list[tuple[str, bool]] | None:
    """Literals of which a text must hold one for ``expression`` to match in it.

    Returns:
        ``(literal, ignore_case)`` pairs (ignoring case, the literal is lower-cased ASCII),
        or None when the expression names none that is certain (then it is always tried).
    """

    def required(items, flags: int) -> list[tuple[str, bool]] | None:
        best: list[tuple[str, bool]] | None = None
        run: list[str] = []

        def close() -> None:
            nonlocal best, run
            if run and (best is None or len(run) > min(len(b[0]) for b in best)):
                best = [("".join(run), bool(flags & re.IGNORECASE))]
            run = []

        for op, av in items:
            if op is parser.LITERAL:
                char = chr(av)
                if flags & re.IGNORECASE:
                    if char.isascii():
                        char = char.lower()
                    elif char.lower() != char or char.upper() != char:
                        close()  # a cased letter beyond ASCII: its look-alikes are many
                        continue
                run.append(char)
                continue
            close()
            if op is parser.SUBPATTERN:
                _, add, remove, inner = av
                found = required(inner.data, (flags | add) & ~remove)
            elif op is parser.BRANCH:
                branches = [required(b.data, flags) for b in av[1]]
                found = None if any(b is None for b in branches) else sum(branches, [])
            elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT, POSSESSIVE_REPEAT):
                found = required(av[2].data, flags) if av[0] >= 1 else None
            elif op is ATOMIC_GROUP:
                found = required(av.data, flags)
            else:
                found = None
            if found and (best is None or _shortest(found) > _shortest(best)):
                best = found
        close()
        return best

    try:
        parsed = parser.parse(expression)
    except re.error:
        return None
    if parsed.state.flags & (re.LOCALE | re.VERBOSE):
        return None
    return required(parsed.data, parsed.state.flags & re.IGNORECASE)


def pattern_needs(pattern: re.Pattern) -> tuple[tuple[str, bool], ...] | None:
    """:func:`required_literals` of a compiled pattern (its IGNORECASE flag read), each once."""
    case = "(?i)" if pattern.flags & re.IGNORECASE else ""
    found = required_literals(case + pattern.pattern)
    return tuple(dict.fromkeys(found)) if found else None


def lowered_for_needs(text: str) -> str | None:
    """``text.lower()`` for :func:`may_hold` asked about many needs of one text.

    None where the text holds one of :data:`CASE_LOOK_ALIKES` (then :func:`may_hold` lets
    every need that ignores case through, as it does when it lower-cases a text itself).
    """
    if not text.isascii() and any(c in text for c in CASE_LOOK_ALIKES):
        return None
    return text.lower()


def _shortest(found: list[tuple[str, bool]]) -> int:
    return min(len(literal) for literal, _ in found)


def may_hold(
    line: str, needs: tuple[tuple[str, bool], ...] | None, *, lowered: str | None = None
) -> bool:
    """False when ``line`` lacks every needed literal, so that what needs them cannot match.

    Args:
        line: A line of text.
        needs: ``(literal, ignore_case)`` pairs (:func:`required_literals`); None when
            what is asked about needs no literal (then True).
        lowered: :func:`lowered_for_needs` of the line, where the caller asks about
            several needs of it; by default made here, when a need ignores case.
    """
    if needs is None:
        return True
    if not needs:
        return False
    for literal, ignore_case in needs:
        if ignore_case:
            if lowered is None:
                lowered = lowered_for_needs(line)
                if lowered is None:
                    return True
            if literal in lowered:
                return True
        elif literal in line:
            return True
    return False


__all__ = [
    "ATOMIC_GROUP",
    "CASE_LOOK_ALIKES",
    "POSSESSIVE_REPEAT",
    "lowered_for_needs",
    "may_hold",
    "pattern_needs",
    "parser",
    "required_literals",
]
