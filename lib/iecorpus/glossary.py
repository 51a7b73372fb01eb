"""The bilingual glossary of concepts: load and validate it, and find its renderings in text.

A *concept* is a row of ``data/glossary.csv``: one idea (产教融合) with its Chinese terms and
every English rendering machine translation gives it ("integration of industry and
education", "industry-education integration", "integration of production and education").
English renderings are found in the cleaned text by a regular expression that accepts
hyphens, spaces, commas or quotes between the words and plural endings on each word
(:class:`ConceptMatcher`); Chinese terms are matched against jieba's tokens of the simplified
text, which is why the glossary hands its Chinese terms to :mod:`iecorpus.tokens` as jieba's
user words. A free query (a word or phrase that is no concept) is matched by the same rules
(:func:`query_words`, :func:`phrase_regex`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .datafiles import fingerprint, load_data
from .tokens import set_default_user_words, singularize, to_simplified

GLOSSARY = paths.DATA_DIR / "glossary.csv"
GLOSSARY_COLUMNS = ["concept", "label_en", "label_zh", "zh_terms", "en_variants", "note"]

#: Between the words of a rendering: white space, hyphens, dashes, commas, slashes, quotes.
SEPARATOR = "[\\s\\-\u2010\u2011\u2013\u2014,/\"'\u201c\u201d\u2018\u2019]+"
#: The quotes stripped from the ends of a query and of each word.
QUOTES = "\"'\u201c\u201d\u2018\u2019"
_SPLIT = re.compile("[\\s\\-\u2010\u2011\u2013\u2014,/]+")
# Words that never take a plural in a rendering.
_FUNCTION_WORDS = frozenset(
    ["a", "an", "and", "between", "by", "for", "from", "in", "of", "on", "or", "plus", "the"]
    + ["to", "with"]
)
_CONCEPT_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# A rendering starts and ends at a Latin word boundary (Chinese characters may touch it).
_BEFORE, _AFTER = "(?<![A-Za-z0-9])", "(?![A-Za-z0-9])"


# ---------------------------------------------------------------------------- the glossary


class GlossaryError(ValueError):
    """The glossary file cannot be used as it is; the message says where and what to do."""


def load_glossary(path: str | Path | None = None) -> pd.DataFrame:
    """Read the bilingual glossary of concepts.

    Args:
        path: A CSV file with the columns ``concept`` (an id such as
            ``industry_education_integration``), ``label_en``, ``label_zh``,
            ``zh_terms`` and ``en_variants`` (both ``|``-separated) and ``note``.
            Defaults to ``data/glossary.csv``.

    Returns:
        One row per concept, in file order, with ``zh_terms`` and ``en_variants`` as
        lists of strings (Chinese terms converted to simplified characters).

    Raises:
        GlossaryError: The file is missing, lacks a column, repeats a concept id, has a
            concept without any term, or gives one rendering to two concepts.
    """
    path = Path(path) if path is not None else GLOSSARY
    if not path.is_file():
        raise GlossaryError(
            f"{paths.relative_to_project(path)}: the glossary does not exist. "
            "Restore data/glossary.csv from git, or pass the path of your own."
        )
    return load_data(_read_glossary, [path], str(path)).copy()


def _read_glossary(path: str) -> pd.DataFrame:
    name = paths.relative_to_project(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in GLOSSARY_COLUMNS if c not in table.columns]
    if missing:
        raise GlossaryError(
            f"{name}: the glossary lacks the column(s) {', '.join(missing)}. "
            f"Its header must be: {','.join(GLOSSARY_COLUMNS)}."
        )
    table = table[GLOSSARY_COLUMNS].apply(lambda column: column.str.strip())
    for column in ("zh_terms", "en_variants"):
        table[column] = table[column].map(
            lambda cell: [t.strip() for t in cell.split("|") if t.strip()]
        )
    table["zh_terms"] = table["zh_terms"].map(lambda terms: [to_simplified(t) for t in terms])
    _check_glossary(table, name)
    return table


def _check_glossary(table: pd.DataFrame, name: str) -> None:
    seen: dict[str, str] = {}
    for row, record in enumerate(table.itertuples(index=False), start=2):
        where = f"{name}, row {row}"
        if not _CONCEPT_ID.match(record.concept):
            raise GlossaryError(
                f"{where}: concept id {record.concept!r} must be lower-case letters, digits "
                "and underscores, starting with a letter (e.g. industry_education_integration)."
            )
        if record.concept in seen.values():
            raise GlossaryError(
                f"{where}: concept {record.concept!r} is listed twice; merge the rows."
            )
        if not record.zh_terms and not record.en_variants:
            raise GlossaryError(
                f"{where}: concept {record.concept!r} has neither zh_terms nor en_variants; "
                "give it at least one term, or delete the row."
            )
        keys = [("zh", t.lower()) for t in record.zh_terms]
        keys += [("en", _key(v)) for v in record.en_variants]
        for key in keys:
            if seen.get(key, record.concept) != record.concept:
                raise GlossaryError(
                    f"{where}: {key[1]!r} is already a rendering of {seen[key]!r}; "
                    "a rendering may belong to one concept only."
                )
            seen[key] = record.concept


def fingerprint_glossary(path: str | Path | None = None) -> str:
    """Hash the glossary file, to tell whether it changed.

    Args:
        path: The CSV file (default: ``data/glossary.csv``).

    Returns:
        A hex digest of its contents (see :func:`iecorpus.datafiles.fingerprint`).
    """
    return fingerprint([Path(path) if path is not None else GLOSSARY])


def list_chinese_terms(glossary: pd.DataFrame | None = None) -> tuple[str, ...]:
    """List the Chinese terms of a glossary: the words jieba must keep whole.

    Args:
        glossary: The glossary (default: ``data/glossary.csv``).

    Returns:
        Every ``zh_terms`` entry (simplified), in glossary order.
    """
    glossary = load_glossary() if glossary is None else glossary
    return tuple(glossary["zh_terms"].explode().dropna())


# jieba's default user words (tokens.py reads no glossary itself): this glossary's terms.
set_default_user_words(list_chinese_terms)


# ---------------------------------------------------------------------------- words and patterns


def split_words(text: str) -> list[str]:
    """Split a rendering or a query into lower-case words, quotes stripped.

    Args:
        text: A rendering, a query or a piece of text.

    Returns:
        The words, split at white space, hyphens, dashes, commas and slashes; an empty
        string stands where two separators met or the text starts or ends with one.
    """
    return [w.strip(QUOTES) for w in _SPLIT.split(text.lower().replace("\u2019", "'"))]


def query_words(query: str) -> list[str]:
    """Return the words a query is searched by (none for a query of only separators).

    Args:
        query: What a reader typed: a word, a phrase, quotes allowed around it.

    Returns:
        The non-empty words of :func:`split_words`, the query's outer quotes stripped.
    """
    return [w for w in split_words(query.strip().strip(QUOTES)) if w]


def normalize_query(query: str) -> str:
    """Put a query in the form it is searched in.

    Args:
        query: A word or phrase.

    Returns:
        The query without outer white space and quotes, simplified, in lower case.
    """
    return to_simplified(query.strip().strip(QUOTES)).lower()


def _key(text: str) -> str:
    """The form under which a rendering, or a piece of text it matches, is looked up."""
    return " ".join(singularize(w) for w in split_words(text) if w)


def _takes_plural(word: str) -> bool:
    return word.isascii() and word.isalpha() and len(word) >= 3 and word not in _FUNCTION_WORDS


def word_pattern(word: str) -> str:
    """Write the regular expression for one word of a rendering, with its plural forms.

    Args:
        word: A lower-case word (see :func:`split_words`).

    Returns:
        ``universit(?:y|ies)`` for "university"; a Chinese word or a symbol as written
        (simplified, an apostrophe matching a curly one too).
    """
    if _takes_plural(word):
        stem = singularize(word)
        if stem.endswith("y") and stem[-2] not in "aeiou":
            return re.escape(stem[:-1]) + "(?:y|ies)"
        if stem.endswith(("s", "x", "ch", "sh")):
            return re.escape(stem) + "(?:es)?"
        return re.escape(stem) + "s?"
    return re.escape(to_simplified(word)).replace("'", "['\u2019]")


def phrase_regex(words: Sequence[str]) -> re.Pattern:
    """Compile the regular expression for words in a row, any separator between them.

    Args:
        words: Lower-case words (see :func:`query_words`).

    Returns:
        A pattern (case-sensitive: match it against lower-case text) accepting each word's
        plural forms; it does not check word boundaries.
    """
    return re.compile(SEPARATOR.join(word_pattern(w) for w in words))


def literal_part(word: str) -> str:
    """Return the part of a query word that every match of it contains literally.

    Args:
        word: A lower-case word.

    Returns:
        Its singular stem ("universit" for "universities"), or the word itself: a quick
        test of whether a text can hold the word at all.
    """
    if _takes_plural(word):
        stem = singularize(word)
        return stem[:-1] if word_pattern(word).endswith("(?:y|ies)") else stem
    return word


def _trie_pattern(node: dict) -> str:
    """Turn a trie of word patterns into one regular expression; ``()`` marks where one ends.

    A node maps a word pattern to its child node; the key ``None`` holds the concept of
    the rendering that ends there. Longer continuations are tried first.
    """
    alternatives = []
    for word, child in sorted((k, v) for k, v in node.items() if k is not None):
        ends = None in child
        children = {k: v for k, v in child.items() if k is not None}
        if not children:
            alternatives.append(f"{word}()")
        else:
            tail = SEPARATOR + "(?:" + _trie_pattern(children) + ")"
            alternatives.append(f"{word}(?:{tail}|())" if ends else f"{word}{tail}")
    return "|".join(alternatives)


# ---------------------------------------------------------------------------- concepts


@dataclass(frozen=True)
class ConceptMatcher:
    """Finds the concepts of a glossary in text.

    Attributes:
        regex: One pattern for every English rendering (``None`` without any).
        ends: The concept of each ``()`` marker of ``regex``, by group number - 1.
        zh_terms: Each Chinese term (lower-case, simplified) and its concept.
    """

    regex: re.Pattern | None
    ends: tuple[str, ...]
    zh_terms: dict[str, str]

    def find_english(self, text: str) -> list[tuple[int, int, str]]:
        """Find the English renderings in a text.

        Args:
            text: The (simplified) text.

        Returns:
            ``(start, end, concept)`` of each match, left to right, the longest rendering
            starting at a place winning.
        """
        if self.regex is None:
            return []
        return [(m.start(), m.end(), self.ends[m.lastindex - 1]) for m in self.regex.finditer(text)]


def build_matcher(glossary: pd.DataFrame) -> ConceptMatcher:
    """Build the matcher of a glossary's renderings and terms.

    Args:
        glossary: The glossary (see :func:`load_glossary`).

    Returns:
        The :class:`ConceptMatcher`.
    """
    trie: dict = {}
    ends: list[str] = []
    for concept, variants in zip(glossary["concept"], glossary["en_variants"], strict=True):
        for variant in variants:
            node = trie
            for word in split_words(variant):
                if word:
                    node = node.setdefault(word_pattern(word), {})
            if None not in node:
                node[None] = concept
    # Number the markers in the order the pattern will list them.
    pattern = _trie_pattern(trie)
    _collect_ends(trie, ends)
    regex = re.compile(f"{_BEFORE}(?:{pattern}){_AFTER}", re.IGNORECASE) if trie else None
    pairs = zip(glossary["concept"], glossary["zh_terms"], strict=True)
    zh = {term.lower(): concept for concept, terms in pairs for term in terms}
    return ConceptMatcher(regex, tuple(ends), zh)


def _collect_ends(node: dict, ends: list[str]) -> None:
    """List the concept of each ``()`` marker in the order :func:`_trie_pattern` writes them."""
    for _, child in sorted((k, v) for k, v in node.items() if k is not None):
        children = {k: v for k, v in child.items() if k is not None}
        if children:
            _collect_ends(children, ends)
        if None in child:
            ends.append(child[None])


def find_concept(query: str, glossary: pd.DataFrame | None = None) -> str | None:
    """Tell which concept a query names, if any.

    Args:
        query: A concept id, an English rendering or label (in any of its hyphen, space
            and plural forms), or a Chinese term or label (simplified or traditional).
        glossary: The glossary (default: ``data/glossary.csv``).

    Returns:
        The concept id, or ``None`` when the query is not in the glossary.
    """
    glossary = load_glossary() if glossary is None else glossary
    if query in set(glossary["concept"]):
        return query
    zh, en = to_simplified(query.strip()).lower(), _key(query)
    for record in glossary.itertuples(index=False):
        if zh in {t.lower() for t in record.zh_terms} | {record.label_zh.lower()}:
            return record.concept
        if en in {_key(v) for v in record.en_variants} | {_key(record.label_en)}:
            return record.concept
    return None


__all__ = [
    "GLOSSARY",
    "GLOSSARY_COLUMNS",
    "QUOTES",
    "SEPARATOR",
    "ConceptMatcher",
    "GlossaryError",
    "build_matcher",
    "find_concept",
    "fingerprint_glossary",
    "list_chinese_terms",
    "literal_part",
    "load_glossary",
    "normalize_query",
    "phrase_regex",
    "query_words",
    "split_words",
    "word_pattern",
]
