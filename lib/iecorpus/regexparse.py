"""The standard library's own reading of a regular expression, on every Python the project supports.

``re`` parses a pattern with ``re._parser`` from Python 3.11 on and with ``sre_parse`` before;
the cleaner reads patterns with it (the literals a rule needs, the characters it can open
on, a run it can be scanned for). Possessive repeats and atomic groups came with 3.11: on
3.10 their names stand for no operation, so a test of them is simply never true.
"""

from __future__ import annotations

try:
    from re import _parser as parser  # Python 3.11 and later
except ImportError:  # Python 3.10
    import sre_parse as parser  # noqa: F401  (the same module under its old name)

#: A possessive repeat (``a*+``), or None where Python has none.
POSSESSIVE_REPEAT = getattr(parser, "POSSESSIVE_REPEAT", None)
#: An atomic group (``(?>...)``), or None where Python has none.
ATOMIC_GROUP = getattr(parser, "ATOMIC_GROUP", None)

__all__ = ["ATOMIC_GROUP", "POSSESSIVE_REPEAT", "parser"]
