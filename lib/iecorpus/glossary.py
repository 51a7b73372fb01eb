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

Besides its listed renderings, a concept may be defined by its *key words*
(``key_words`` column): one word of each group, in any order, with only function words and
punctuation between them, so that "integration of education and industry" or
"education–production integration" count without being listed, while "integration of
education resources" does not (:meth:`ConceptMatcher.find_key_words`). A concept may name
a ``broader`` one (产教融合型企业 under 产教融合), so that counts can be given "as itself" and
"with its narrower concepts" (:func:`list_narrower`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .chinese import has_han
from .datafiles import load_data, stamp_files
from .tokens import set_default_user_words, singularize, to_simplified

GLOSSARY = paths.DATA_DIR / "glossary.csv"
GLOSSARY_COLUMNS = ["concept", "label_en", "label_zh", "zh_terms", "en_variants", "note"]
#: Columns a glossary may have besides :data:`GLOSSARY_COLUMNS` (empty when missing).
OPTIONAL_COLUMNS = ["key_words", "broader"]

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
#: Words allowed between the key words of a concept (at most :data:`MAX_FILLERS` of them).
FILLER_WORDS = frozenset(
    ["a", "an", "and", "as", "between", "by", "for", "from", "in", "into", "of", "on", "or"]
    + ["the", "to", "with", "&"]
)
#: Chinese characters and words allowed between the key words of a concept.
ZH_FILLERS = re.compile("(?:[与和及同跟、的\\s]|深度|深入|紧密|相互|有机|全面|进一步)*")
#: At most this many function words (English) or characters (Chinese) between two key words.
MAX_FILLERS = 3
# Between two key words: hyphens, dashes, slashes, quotes and spaces (no comma: a comma
# lists things, "schools, enterprises, ..."), and the filler words.
_GAP_SPLIT = re.compile("[\\s\\-\u2010\u2011\u2013\u2014/\"'\u201c\u201d\u2018\u2019]+")
_GAP_CHARS = re.compile("[a-z&\\s\\-\u2010\u2011\u2013\u2014/\"'\u201c\u201d\u2018\u2019]*")
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
    for column in OPTIONAL_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    table = table[GLOSSARY_COLUMNS + OPTIONAL_COLUMNS].apply(lambda column: column.str.strip())
    for column in ("zh_terms", "en_variants"):
        table[column] = table[column].map(
            lambda cell: [t.strip() for t in cell.split("|") if t.strip()]
        )
    table["zh_terms"] = table["zh_terms"].map(lambda terms: [to_simplified(t) for t in terms])
    _check_glossary(table, name)
    _check_hierarchy(table, name)
    for row, cell in enumerate(table["key_words"], start=2):
        parse_key_words(cell, where=f"{name}, row {row}")
    return table


def _check_hierarchy(table: pd.DataFrame, name: str) -> None:
    """Every ``broader`` names another concept of the file, and no concept is its own ancestor."""
    broader = dict(zip(table["concept"], table["broader"], strict=True))
    for row, (concept, parent) in enumerate(broader.items(), start=2):
        if not parent:
            continue
        if parent not in broader:
            raise GlossaryError(
                f"{name}, row {row}: broader concept {parent!r} of {concept!r} is not a "
                "concept of the glossary; use the id of another row, or leave it empty."
            )
        seen = {concept}
        while parent:
            if parent in seen:
                raise GlossaryError(
                    f"{name}, row {row}: {concept!r} is its own broader concept through "
                    f"{parent!r}; a hierarchy may not loop. Empty one of the broader cells."
                )
            seen.add(parent)
            parent = broader.get(parent, "")


def parse_key_words(cell: str, *, where: str = "key_words") -> list[list[list[str]]]:
    """Read a ``key_words`` cell: definitions of a concept by the words it is written with.

    Args:
        cell: Definitions separated by ``;``, each groups of alternatives joined by
            ``+``, alternatives by ``|``: ``industry|production + education +
            integration|integrated ; 产业|产 + 教育|教 + 融合``.
        where: Where the cell is, for the error message.

    Returns:
        Per definition, its groups; per group, its words (lower case, simplified).

    Raises:
        GlossaryError: A definition has fewer than two groups, or a group no word.
    """
    definitions = []
    for part in cell.split(";"):
        if not part.strip():
            continue
        groups = [
            [to_simplified(w.strip()).lower() for w in g.split("|") if w.strip()]
            for g in part.split("+")
        ]
        if len(groups) < 2 or not all(groups):
            raise GlossaryError(
                f"{where}: key words {part.strip()!r} need two or more groups joined by '+', "
                "each of one or more words joined by '|' (industry|production + education "
                "+ integration)."
            )
        definitions.append(groups)
    return definitions


def list_narrower(glossary: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """List each concept's narrower concepts, at every depth of the ``broader`` column.

    Args:
        glossary: The glossary (default: ``data/glossary.csv``).

    Returns:
        For each concept, itself followed by every concept below it (产教融合: 产教融合型企业,
        产教融合共同体, 行业产教融合共同体, ...), in glossary order.
    """
    glossary = load_glossary() if glossary is None else glossary
    broader = dict(zip(glossary["concept"], glossary["broader"], strict=True))
    below: dict[str, list[str]] = {c: [c] for c in broader}
    for concept in broader:
        parent = broader[concept]
        while parent:
            below[parent].append(concept)
            parent = broader.get(parent, "")
    return below


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


def stamp_glossary(path: str | Path | None = None) -> tuple:
    """Tell the glossary file's current version without reading it.

    Args:
        path: The CSV file (default: ``data/glossary.csv``).

    Returns:
        Its path, size and modification time: it changes exactly when
        :func:`load_glossary` would read the file again.
    """
    return stamp_files([Path(path) if path is not None else GLOSSARY])


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
class KeyWords:
    """The key-word definitions of a glossary in one script (English or Chinese).

    Attributes:
        regex: One pattern for every key word; group *k* + 1 is ``words[k]``.
        words: The key words, by group number - 1.
        definitions: ``(concept, groups)``: each group the set of key-word numbers of
            one of its alternatives.
        chinese: Whether the words are Chinese (no word boundaries, Chinese fillers).
    """

    regex: re.Pattern
    words: tuple[str, ...]
    definitions: tuple[tuple[str, tuple[frozenset[int], ...]], ...]
    chinese: bool

    def joins(self, gap: str) -> bool:
        """Tell whether the text between two key words keeps them in one mention."""
        if "\n" in gap:
            return False
        if self.chinese:
            return len(gap) <= MAX_FILLERS + 1 and ZH_FILLERS.fullmatch(gap) is not None
        gap = gap.lower()
        if not _GAP_CHARS.fullmatch(gap):
            return False
        words = [w for w in _GAP_SPLIT.split(gap) if w]
        return len(words) <= MAX_FILLERS and all(w in FILLER_WORDS for w in words)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Find the mentions of a text written with the key words (see ConceptMatcher)."""
        found: list[tuple[int, int, str]] = []
        chain: list[tuple[int, int, int]] = []
        for m in self.regex.finditer(text):
            hit = (m.start(), m.end(), m.lastindex - 1)
            if chain and not self.joins(text[chain[-1][1] : hit[0]]):
                found += self._windows(chain)
                chain = []
            chain.append(hit)
        return found + self._windows(chain)

    def find_partial(
        self, text: str, *, concepts: Collection[str] | None = None
    ) -> list[tuple[int, int, str]]:
        """Find runs of key words that hold all groups of a concept but one (at least two).

        Args:
            text: The (simplified) text.
            concepts: Look for these concepts only (default: every concept defined).

        Returns:
            ``(start, end, concept)`` of each run: "integration with industry" lacks only
            "education". They are not mentions; they are candidates for a reader to judge.
        """
        definitions = self.definitions
        if concepts is not None:
            definitions = [(c, groups) for c, groups in definitions if c in concepts]
            if not definitions:
                return []
        found: list[tuple[int, int, str]] = []
        chain: list[tuple[int, int, int]] = []
        for m in list(self.regex.finditer(text)) + [None]:
            hit = (m.start(), m.end(), m.lastindex - 1) if m else None
            if chain and (hit is None or not self.joins(text[chain[-1][1] : hit[0]])):
                found += self._partial_windows(chain, definitions)
                chain = []
            if hit:
                chain.append(hit)
        return found

    def _partial_windows(
        self, chain: list[tuple[int, int, int]], definitions: list
    ) -> list[tuple[int, int, str]]:
        found = []
        for concept, groups in definitions:
            k, i = len(groups), 0
            while i < len(chain):
                seen: set[int] = set()
                j = i
                while j < len(chain):
                    word = chain[j][2]
                    group = next((g for g, words in enumerate(groups) if word in words), None)
                    if group is None or group in seen:
                        break
                    seen.add(group)
                    j += 1
                head = k - 1 not in seen or self._head_last(chain[j - 1][2], groups)
                if max(2, k - 1) <= len(seen) < k and head:
                    found.append((chain[i][0], chain[j - 1][1], concept))
                    i = j
                else:
                    i += 1
        return found

    def _head_last(self, word: int, groups: tuple[frozenset[int], ...]) -> bool:
        """In Chinese the last group is the head and comes last: 学校与合作企业 is no 校企合作."""
        return not self.chinese or word in groups[-1]

    def _windows(self, chain: list[tuple[int, int, int]]) -> list[tuple[int, int, str]]:
        """Every run of key words in a chain that holds one word of each group of a concept."""
        found = []
        for i in range(len(chain)):
            for concept, groups in self.definitions:
                k = len(groups)
                if i + k > len(chain):
                    continue
                hit = set()
                for _, _, word in chain[i : i + k]:
                    group = next((g for g, words in enumerate(groups) if word in words), None)
                    if group is None or group in hit:
                        break
                    hit.add(group)
                if len(hit) == k and self._head_last(chain[i + k - 1][2], groups):
                    found.append((chain[i][0], chain[i + k - 1][1], concept))
        return found


@dataclass(frozen=True)
class ConceptMatcher:
    """Finds the concepts of a glossary in text.

    Attributes:
        regex: One pattern for every English rendering (``None`` without any).
        ends: The concept of each ``()`` marker of ``regex``, by group number - 1.
        zh_terms: Each Chinese term (lower-case, simplified) and its concept.
        key_words: The key-word definitions, English and Chinese (none without any).
    """

    regex: re.Pattern | None
    ends: tuple[str, ...]
    zh_terms: dict[str, str]
    key_words: tuple[KeyWords, ...] = ()

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

    def find_key_words(self, text: str) -> list[tuple[int, int, str]]:
        """Find the mentions written with a concept's key words, listed or not.

        Args:
            text: The (simplified) text.

        Returns:
            ``(start, end, concept)`` of every run of key words holding one word of each
            group of a definition, in any order (in Chinese the last group, the head, comes
            last), with at most :data:`MAX_FILLERS` function words (:data:`FILLER_WORDS`,
            :data:`ZH_FILLERS`) and hyphens, dashes, slashes or quotes between two of them
            (no comma, which lists things, and no line break). Runs may overlap: the caller
            keeps the longest one starting first.
        """
        return [hit for keys in self.key_words for hit in keys.find(text)]


def _key_word_matchers(glossary: pd.DataFrame) -> tuple[KeyWords, ...]:
    cells = glossary["key_words"] if "key_words" in glossary else [""] * len(glossary)
    matchers = []
    for chinese in (False, True):
        words: dict[str, int] = {}
        definitions = []
        for concept, cell in zip(glossary["concept"], cells, strict=True):
            for groups in parse_key_words(cell, where=f"key words of {concept}"):
                if any(has_han(w) for g in groups for w in g) != chinese:
                    continue
                numbered = tuple(
                    frozenset(words.setdefault(w, len(words)) for w in g) for g in groups
                )
                definitions.append((concept, numbered))
        if not definitions:
            continue
        if chinese:
            order = sorted(words, key=len, reverse=True)
            pattern = "|".join(f"({re.escape(w)})" for w in order)
        else:
            order = list(words)
            pattern = _BEFORE + "(?:" + "|".join(f"({word_pattern(w)})" for w in order) + ")"
            pattern += _AFTER
        renumber = {words[w]: k for k, w in enumerate(order)}
        definitions = [
            (c, tuple(frozenset(renumber[w] for w in g) for g in groups))
            for c, groups in definitions
        ]
        # Definitions with more groups first: the more specific concept.
        definitions.sort(key=lambda d: -len(d[1]))
        flags = 0 if chinese else re.IGNORECASE
        matchers.append(
            KeyWords(re.compile(pattern, flags), tuple(order), tuple(definitions), chinese)
        )
    return tuple(matchers)


def build_matcher(glossary: pd.DataFrame) -> ConceptMatcher:
    """Build the matcher of a glossary's renderings, terms and key words.

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
    return ConceptMatcher(regex, tuple(ends), zh, _key_word_matchers(glossary))


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
    "stamp_glossary",
    "GLOSSARY",
    "GLOSSARY_COLUMNS",
    "QUOTES",
    "SEPARATOR",
    "FILLER_WORDS",
    "MAX_FILLERS",
    "OPTIONAL_COLUMNS",
    "ZH_FILLERS",
    "ConceptMatcher",
    "GlossaryError",
    "KeyWords",
    "build_matcher",
    "find_concept",
    "list_chinese_terms",
    "list_narrower",
    "literal_part",
    "load_glossary",
    "normalize_query",
    "parse_key_words",
    "phrase_regex",
    "query_words",
    "split_words",
    "word_pattern",
]
