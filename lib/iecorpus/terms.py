"""Term frequency in English and Chinese: concepts, terms, keyness, concordance, collocates, trends.

A *concept* is a row of ``data/glossary.csv``: one idea (产教融合) with its Chinese terms and
every English rendering machine translation gives it ("integration of industry and
education", "industry-education integration", "integration of production and education").
English renderings are found in the cleaned text by a regular expression that accepts
hyphens, spaces, commas or quotes between the words and plural endings on each word;
Chinese terms are matched against jieba's tokens of the simplified text. Where renderings
overlap, the longest one starting first wins and the span counts once: "industry-education-
integrated enterprises" is an *integrated enterprise*, not also an *integration*.

Every function takes a :class:`~iecorpus.corpus.Corpus` (or the :class:`TermIndex` built
from it). The corpus is tokenized once, when it is first asked about, into a
:class:`TermIndex` that later calls reuse.
"""

from __future__ import annotations

import bisect
import math
import re
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import paths
from .chinese import display_width, has_han
from .datafiles import load_data
from .tokens import locate_tokens, process_pool, singularize, to_simplified, tokenize

GLOSSARY = paths.DATA_DIR / "glossary.csv"
GLOSSARY_COLUMNS = ["concept", "label_en", "label_zh", "zh_terms", "en_variants", "note"]
#: Rates are given per this many content tokens.
PER = 10_000

# Between the words of a rendering: white space, hyphens, dashes, commas, slashes, quotes.
_SEP = "[\\s\\-\u2010\u2011\u2013\u2014,/\"'\u201c\u201d\u2018\u2019]+"
_SPLIT = re.compile("[\\s\\-\u2010\u2011\u2013\u2014,/]+")
_QUOTES = "\"'\u201c\u201d\u2018\u2019"
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


def _words(text: str) -> list[str]:
    """Split a rendering into lower-case words, quotes stripped."""
    return [w.strip(_QUOTES) for w in _SPLIT.split(text.lower().replace("\u2019", "'"))]


def _key(text: str) -> str:
    """The form under which a rendering, or a piece of text it matches, is looked up."""
    return " ".join(singularize(w) for w in _words(text) if w)


def _word_pattern(word: str) -> str:
    """A regular expression for one word of a rendering, with its plural forms."""
    if word.isascii() and word.isalpha() and len(word) >= 3 and word not in _FUNCTION_WORDS:
        stem = singularize(word)
        if stem.endswith("y") and stem[-2] not in "aeiou":
            return re.escape(stem[:-1]) + "(?:y|ies)"
        if stem.endswith(("s", "x", "ch", "sh")):
            return re.escape(stem) + "(?:es)?"
        return re.escape(stem) + "s?"
    return re.escape(to_simplified(word)).replace("'", "['\u2019]")


def _phrase_pattern(text: str) -> str:
    """A regular expression for a query: its words, any separator between them, plurals."""
    body = _SEP.join(_word_pattern(w) for w in _words(text) if w)
    text = text.strip().strip(_QUOTES)
    before = _BEFORE if re.match("[A-Za-z0-9]", text) else ""
    after = _AFTER if re.search("[A-Za-z0-9]$", text) else ""
    return before + body + after


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
            tail = _SEP + "(?:" + _trie_pattern(children) + ")"
            alternatives.append(f"{word}(?:{tail}|())" if ends else f"{word}{tail}")
    return "|".join(alternatives)


@dataclass(frozen=True)
class _Matcher:
    """Finds the concepts of a glossary in text."""

    regex: re.Pattern | None
    ends: tuple[str, ...]  # concept of each ``()`` marker, by group number - 1
    zh_terms: dict[str, str]  # lower-case simplified term -> concept

    def english(self, text: str) -> list[tuple[int, int, str]]:
        if self.regex is None:
            return []
        return [(m.start(), m.end(), self.ends[m.lastindex - 1]) for m in self.regex.finditer(text)]


def _build_matcher(glossary: pd.DataFrame) -> _Matcher:
    trie: dict = {}
    ends: list[str] = []
    for concept, variants in zip(glossary["concept"], glossary["en_variants"], strict=True):
        for variant in variants:
            node = trie
            for word in _words(variant):
                if word:
                    node = node.setdefault(_word_pattern(word), {})
            if None not in node:
                node[None] = concept
    # Number the markers in the order the pattern will list them.
    pattern = _trie_pattern(trie)
    _collect_ends(trie, ends)
    regex = re.compile(f"{_BEFORE}(?:{pattern}){_AFTER}", re.IGNORECASE) if trie else None
    pairs = zip(glossary["concept"], glossary["zh_terms"], strict=True)
    zh = {term.lower(): concept for concept, terms in pairs for term in terms}
    return _Matcher(regex, tuple(ends), zh)


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


# ---------------------------------------------------------------------------- the index


@dataclass(eq=False)
class TermIndex:
    """A corpus tokenized once: content tokens, runs, concept occurrences and their offsets.

    Attributes:
        documents: One row per document: ``doc_id``, ``title``, ``date``, ``year``
            (``""`` when undated), ``language``, ``source``, ``n_tokens``.
        texts: Each document's cleaned text, as displayed.
        search_texts: The same with traditional characters made simplified (same offsets).
        vocabulary: The distinct content tokens; ``token_term`` indexes into it.
        token_term, token_doc, token_start, token_end, token_run: One entry per content
            token of the corpus, documents in order: its term, document number, offsets
            and run (tokens of one run were adjacent, with no stopword between them).
        concepts: Every concept occurrence: ``doc_id``, ``concept``, ``start``, ``end``,
            ``match`` (the text as written), ``sentence``, and ``doc`` (the document's
            number in ``documents``).
        glossary: The glossary used.
        sentence_starts: Per document, the start offset of each sentence (a sorted list).
    """

    documents: pd.DataFrame
    texts: list[str]
    search_texts: list[str]
    vocabulary: list[str]
    term_ids: dict[str, int]
    token_term: np.ndarray
    token_doc: np.ndarray
    token_start: np.ndarray
    token_end: np.ndarray
    token_run: np.ndarray
    concepts: pd.DataFrame
    glossary: pd.DataFrame
    sentence_starts: list[list[int]]
    cache: dict = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        return (
            f"<TermIndex: {len(self.documents)} documents, {len(self.token_term):,} tokens, "
            f"{len(self.vocabulary):,} terms, {len(self.concepts):,} concept occurrences>"
        )

    @property
    def term_frequencies(self) -> np.ndarray:
        """How often each term of the vocabulary occurs in the corpus."""
        if "freq" not in self.cache:
            self.cache["freq"] = np.bincount(self.token_term, minlength=len(self.vocabulary))
        return self.cache["freq"]

    @property
    def doc_bounds(self) -> np.ndarray:
        """Where each document's tokens start in the token arrays (and, last, their end)."""
        if "bounds" not in self.cache:
            numbers = np.arange(len(self.documents) + 1)
            self.cache["bounds"] = np.searchsorted(self.token_doc, numbers)
        return self.cache["bounds"]

    def sentence_of(self, doc: int, offset: int) -> int:
        """The number of the sentence holding an offset of a document (-1 if unknown)."""
        return bisect.bisect_right(self.sentence_starts[doc], offset) - 1

    def occurrences(self, concept: str) -> pd.DataFrame:
        """The rows of :attr:`concepts` for one concept, with ``doc`` (the document's number)."""
        if "by_concept" not in self.cache:
            self.cache["by_concept"] = self.concepts.groupby("concept").indices
        rows = self.cache["by_concept"].get(concept, np.zeros(0, dtype=np.int64))
        return self.concepts.iloc[rows]

    @property
    def line_texts(self) -> list[str]:
        """The texts with each line break made a space (same offsets), for concordances."""
        if "lines" not in self.cache:
            self.cache["lines"] = [re.sub(r"\s", " ", t) for t in self.texts]
        return self.cache["lines"]

    @property
    def lower_texts(self) -> list[str]:
        """The search texts in lower case, to find candidate documents quickly."""
        if "lower" not in self.cache:
            self.cache["lower"] = [t.lower() for t in self.search_texts]
        return self.cache["lower"]


_INDEXES: dict[int, tuple[weakref.ref, tuple, TermIndex]] = {}


def index_corpus(
    corpus,
    *,
    glossary: pd.DataFrame | None = None,
    processes: int = 1,
    refresh: bool = False,
) -> TermIndex:
    """Tokenize a corpus once and find its concepts, or return the index already built.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus`.
        glossary: The concepts to find (default: ``data/glossary.csv``).
        processes: Worker processes for tokenizing a large corpus.
        refresh: Build the index again, after editing ``corpus.documents`` in place.

    Returns:
        The :class:`TermIndex`. It is kept for the life of the corpus, so every function
        of this module tokenizes a corpus only once.

    Note:
        The index is also rebuilt when ``corpus.documents`` is replaced by another table
        or changes length, or when another ``glossary`` table is passed.
    """
    if isinstance(corpus, TermIndex):
        return corpus
    key = (id(corpus.documents), len(corpus.documents), id(glossary))
    cached = _INDEXES.get(id(corpus))
    if cached and cached[0]() is corpus and cached[1] == key and not refresh:
        return cached[2]
    index = _build_index(corpus, glossary if glossary is not None else load_glossary(), processes)
    _INDEXES[id(corpus)] = (weakref.ref(corpus), key, index)
    weakref.finalize(corpus, _INDEXES.pop, id(corpus), None)
    return index


def _locate(job: tuple[str, str, tuple[str, ...]]) -> list[tuple[str, int, int, int]]:
    text, language, words = job
    return locate_tokens(text, language=language, user_words=words)


def _build_index(corpus, glossary: pd.DataFrame, processes: int) -> TermIndex:
    docs = corpus.documents
    texts = [str(t) for t in docs["text"]]
    languages = [lang if lang in ("en", "zh") else "en" for lang in docs["language"]]
    words = tuple(glossary["zh_terms"].explode().dropna())
    jobs = [(text, language, words) for text, language in zip(texts, languages, strict=True)]
    if processes > 1 and len(jobs) > 1:
        locate_tokens("", language="zh", user_words=words)  # load jieba before forking
        with process_pool(processes) as pool:
            located = pool.map(_locate, jobs, chunksize=16)
    else:
        located = [_locate(job) for job in jobs]
    term_ids: dict[str, int] = {}
    terms, doc_numbers, starts, ends, runs = [], [], [], [], []
    run_offset = 0
    for number, tokens in enumerate(located):
        for term, start, end, run in tokens:
            terms.append(term_ids.setdefault(term, len(term_ids)))
            starts.append(start)
            ends.append(end)
            runs.append(run + run_offset)
        doc_numbers.extend([number] * len(tokens))
        run_offset += (tokens[-1][3] + 1) if tokens else 0
    search = [to_simplified(t) for t in texts]
    search = [s if s != t else t for s, t in zip(search, texts, strict=True)]
    documents = pd.DataFrame(
        {
            "doc_id": docs["doc_id"].astype(str).to_numpy(),
            "title": docs["title"].astype(str).to_numpy() if "title" in docs else "",
            "date": docs["date"].fillna("").astype(str).to_numpy(),
            "language": languages,
            "source": docs["source"].fillna("").astype(str).to_numpy() if "source" in docs else "",
            "n_tokens": [len(t) for t in located],
        }
    )
    documents.insert(
        3, "year", documents["date"].str[:4].where(documents["date"].str.len() >= 4, "")
    )
    index = TermIndex(
        documents=documents,
        texts=texts,
        search_texts=search,
        vocabulary=list(term_ids),
        term_ids=term_ids,
        token_term=np.asarray(terms, dtype=np.int32),
        token_doc=np.asarray(doc_numbers, dtype=np.int32),
        token_start=np.asarray(starts, dtype=np.int64),
        token_end=np.asarray(ends, dtype=np.int64),
        token_run=np.asarray(runs, dtype=np.int64),
        concepts=pd.DataFrame(),
        glossary=glossary,
        sentence_starts=_sentence_starts(corpus, docs),
    )
    index.concepts = _find_concepts(index, _build_matcher(glossary))
    return index


def _sentence_starts(corpus, docs: pd.DataFrame) -> list[list[int]]:
    sentences = getattr(corpus, "sentences", None)
    if sentences is None or sentences.empty:
        return [[] for _ in range(len(docs))]
    grouped = {d: sorted(g["start"].tolist()) for d, g in sentences.groupby("doc_id", sort=False)}
    return [grouped.get(d, []) for d in docs["doc_id"]]


def _find_concepts(index: TermIndex, matcher: _Matcher) -> pd.DataFrame:
    """Every concept occurrence, English renderings and Chinese terms alike, longest first."""
    rows = []
    term_concepts = [matcher.zh_terms.get(t) for t in index.vocabulary]
    is_term = np.asarray([c is not None for c in term_concepts] + [False])
    # Tokens that are a glossary term, and where each document's share of them starts.
    positions = np.flatnonzero(is_term[index.token_term]) if len(index.token_term) else []
    starts = np.searchsorted(
        np.asarray(index.token_doc)[positions], np.arange(len(index.texts) + 1)
    )
    for number, text in enumerate(index.search_texts):
        found = matcher.english(text)
        for k in positions[starts[number] : starts[number + 1]]:
            concept = term_concepts[index.token_term[k]]
            found.append((int(index.token_start[k]), int(index.token_end[k]), concept))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        last_end, doc_id = -1, index.documents.at[number, "doc_id"]
        for start, end, concept in found:
            if start >= last_end:
                sentence = index.sentence_of(number, start)
                match = index.texts[number][start:end]
                rows.append((doc_id, concept, start, end, match, sentence, number))
                last_end = end
    columns = ["doc_id", "concept", "start", "end", "match", "sentence", "doc"]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------------------- concepts


def locate_concepts(corpus) -> pd.DataFrame:
    """List every concept occurrence in the corpus.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.

    Returns:
        One row per occurrence: ``doc_id``, ``concept``, ``start`` and ``end`` (offsets
        in the document's text), ``match`` (the words as written, traditional characters
        kept) and ``sentence`` (its number in ``corpus.sentences``, -1 if unknown).
    """
    return index_corpus(corpus).concepts.drop(columns="doc")


def count_concepts(corpus) -> pd.DataFrame:
    """Count each concept in each document, whatever rendering or language it comes in.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.

    Returns:
        A long table: ``doc_id``, ``concept``, ``count``; documents in corpus order,
        concepts in glossary order; pairs that do not occur are left out (pivot with
        ``fill_value=0`` for a matrix).
    """
    index = index_corpus(corpus)
    order = {c: k for k, c in enumerate(index.glossary["concept"])}
    docs = {d: k for k, d in enumerate(index.documents["doc_id"])}
    counts = index.concepts.groupby(["doc_id", "concept"]).size().rename("count").reset_index()
    counts = counts.sort_values(
        ["doc_id", "concept"], key=lambda c: c.map(docs if c.name == "doc_id" else order)
    )
    return counts.reset_index(drop=True)


def summarize_concepts(corpus) -> pd.DataFrame:
    """Count each concept in the whole corpus, with the renderings that were found.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.

    Returns:
        One row per concept of the glossary, most frequent first: ``concept``,
        ``label_en``, ``label_zh``, ``count``, ``rate`` (per 10,000 content tokens),
        ``doc_freq`` (documents that mention it), ``n_renderings`` and ``renderings``
        (each distinct form found, lower-cased, with its count, most frequent first).
    """
    index = index_corpus(corpus)
    found = index.concepts.assign(form=index.concepts["match"].map(_display_form))
    forms = found.groupby(["concept", "form"]).size().rename("n").reset_index()
    forms = forms.sort_values(["concept", "n", "form"], ascending=[True, False, True])
    listed = {
        concept: "; ".join(f"{f} ({n})" for f, n in zip(g["form"], g["n"], strict=True))
        for concept, g in forms.groupby("concept")
    }
    table = index.glossary[["concept", "label_en", "label_zh"]].copy()
    table["count"] = table["concept"].map(found.groupby("concept").size()).fillna(0).astype(int)
    table["rate"] = table["count"] / max(len(index.token_term), 1) * PER
    doc_freq = found.groupby("concept")["doc_id"].nunique()
    table["doc_freq"] = table["concept"].map(doc_freq).fillna(0).astype(int)
    table["n_renderings"] = table["concept"].map(forms.groupby("concept").size()).fillna(0)
    table["n_renderings"] = table["n_renderings"].astype(int)
    table["renderings"] = table["concept"].map(listed).fillna("")
    table = table.sort_values(["count", "doc_freq"], ascending=False, kind="stable")
    return table.reset_index(drop=True)


def _display_form(match: str) -> str:
    """A rendering as found, lower-cased, with its white space and quotes tidied."""
    return re.sub(r"\s+", " ", match.lower().replace("\u201c", "").replace("\u201d", "")).strip()


# ---------------------------------------------------------------------------- terms


def _ngram_counts(index: TermIndex, n: int) -> pd.DataFrame:
    """Counts of each n-gram in each document: ``doc`` (number), ``term``, ``count``."""
    key = f"ngram{n}"
    if key in index.cache:
        return index.cache[key]
    size = len(index.token_term)
    if n == 1:
        frame = pd.DataFrame({"doc": index.token_doc, "t0": index.token_term})
    else:
        first = np.arange(max(size - n + 1, 0))
        same_run = index.token_run[first] == index.token_run[first + n - 1]
        first = first[same_run]
        frame = pd.DataFrame({"doc": index.token_doc[first]})
        for k in range(n):
            frame[f"t{k}"] = index.token_term[first + k]
    columns = list(frame.columns)
    counts = frame.value_counts(columns, sort=False).rename("count").reset_index()
    vocabulary = np.asarray(index.vocabulary, dtype=object)
    term = vocabulary[counts["t0"].to_numpy()]
    for k in range(1, n):
        term = term + " " + vocabulary[counts[f"t{k}"].to_numpy()]
    table = pd.DataFrame({"doc": counts["doc"], "term": term, "count": counts["count"]})
    index.cache[key] = table
    return table


def _ngram_range(ngram: int | tuple[int, int]) -> range:
    low, high = (ngram, ngram) if isinstance(ngram, int) else ngram
    if not 1 <= low <= high <= 5:
        raise ValueError(
            f"ngram must be n or (low, high) with 1 <= low <= high <= 5, not {ngram!r}"
        )
    return range(low, high + 1)


def _doc_term_counts(index: TermIndex, ngram) -> pd.DataFrame:
    tables = [_ngram_counts(index, n).assign(n=n) for n in _ngram_range(ngram)]
    return pd.concat(tables, ignore_index=True)


def _group_values(index: TermIndex, group: str) -> pd.Series:
    docs = index.documents
    if group not in docs.columns:
        raise ValueError(
            f"group {group!r} is not a document column; use one of {', '.join(docs.columns[:6])}."
        )
    return docs[group].astype(str)


def count_terms(
    corpus,
    *,
    ngram: int | tuple[int, int] = (1, 2),
    by: str | None = None,
    min_count: int = 1,
    nested: bool = True,
) -> pd.DataFrame:
    """Count content tokens and n-gram phrases.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        ngram: Phrase lengths: ``1`` for words, ``(1, 2)`` for words and two-word
            phrases. A phrase is adjacent content tokens with no stopword or punctuation
            between them ("school-enterprise cooperation", not "integration industry").
        by: ``None`` for the whole corpus, or a document column (``doc_id``, ``year``,
            ``source``, ``language``) to count within each of its values.
        min_count: Leave out terms seen fewer times (in the corpus, or in the group).
        nested: With ``False`` (and ``by=None``), leave out a phrase when three quarters
            or more of its occurrences are inside one longer phrase of the table: keep
            "vocational education group", not also "education group". Words stay.

    Returns:
        With ``by=None``: ``term``, ``n`` (words in it), ``count``, ``rate`` (per
        10,000 content tokens), ``doc_freq`` (documents it occurs in), most frequent
        first. With ``by``: that column, then ``term``, ``n``, ``count``, ``rate``
        (per 10,000 content tokens of the group).
    """
    index = index_corpus(corpus)
    counts = _doc_term_counts(index, ngram)
    if by is None:
        table = counts.groupby(["term", "n"], sort=False).agg(
            count=("count", "sum"), doc_freq=("doc", "nunique")
        )
        table = table.reset_index()
        table.insert(3, "rate", table["count"] / max(len(index.token_term), 1) * PER)
        table = table[table["count"] >= min_count]
        if not nested:
            table = table[~_is_nested(table)]
        keys = ["count", "term"]
    else:
        groups = _group_values(index, by)
        counts = counts.assign(**{by: groups.to_numpy()[counts["doc"].to_numpy()]})
        table = counts.groupby([by, "term", "n"], sort=False)["count"].sum().reset_index()
        sizes = index.documents.groupby(groups)["n_tokens"].sum()
        table["rate"] = table["count"] / table[by].map(sizes).clip(lower=1) * PER
        table = table[table["count"] >= min_count]
        keys = [by, "count", "term"]
    ascending = [True] * (len(keys) - 2) + [False, True]
    return table.sort_values(keys, ascending=ascending, kind="stable").reset_index(drop=True)


def _is_nested(table: pd.DataFrame) -> pd.Series:
    """Mark phrases that mostly occur inside a phrase one word longer in the same table."""
    longest: dict[str, int] = {}
    for term, n, count in zip(table["term"], table["n"], table["count"], strict=True):
        if n >= 3:
            words = term.split(" ")
            for part in (" ".join(words[:-1]), " ".join(words[1:])):
                longest[part] = max(longest.get(part, 0), count)
    inside = table["term"].map(longest).fillna(0)
    return (table["n"] >= 2) & (inside >= 0.75 * table["count"])


def distinctive_terms(
    corpus, *, top: int = 10, ngram: int | tuple[int, int] = 1, min_count: int = 2
) -> pd.DataFrame:
    """Find the terms that set each document apart (TF-IDF).

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        top: Terms per document.
        ngram: Phrase lengths, as in :func:`count_terms`.
        min_count: Times a term must occur in the document to be listed (a single
            mention is not what a document is about).

    Returns:
        ``doc_id``, ``rank`` (1 = most distinctive), ``term``, ``count``, ``doc_freq``
        and ``tf_idf``: the term's share of the document's tokens times
        ``ln(documents / doc_freq)``.

    Note:
        A term in every document scores 0, so it is never distinctive; in a five-document
        corpus a term in a single document gets ``ln 5 = 1.61`` and one in two ``0.92``.
    """
    index = index_corpus(corpus)
    counts = _doc_term_counts(index, ngram)
    doc_freq = counts.groupby("term")["doc"].nunique()
    counts = counts[counts["count"] >= min_count].copy()
    n_docs = len(index.documents)
    counts["doc_freq"] = counts["term"].map(doc_freq)
    n_tokens = index.documents["n_tokens"].to_numpy()[counts["doc"].to_numpy()]
    counts["tf_idf"] = (
        counts["count"] / np.maximum(n_tokens, 1) * np.log(n_docs / counts["doc_freq"])
    )
    counts = counts[counts["tf_idf"] > 0].sort_values(
        ["doc", "tf_idf", "count", "term"], ascending=[True, False, False, True]
    )
    counts["rank"] = counts.groupby("doc").cumcount() + 1
    counts = counts[counts["rank"] <= top]
    counts.insert(0, "doc_id", index.documents["doc_id"].to_numpy()[counts["doc"].to_numpy()])
    return counts[["doc_id", "rank", "term", "count", "doc_freq", "tf_idf"]].reset_index(drop=True)


def _g2(a: np.ndarray, b: np.ndarray, c: int, d: int) -> np.ndarray:
    """Dunning's log-likelihood for a term seen a times in c tokens and b times in d tokens."""
    expected_a = c * (a + b) / (c + d)
    expected_b = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        part_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        part_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    return 2 * (part_a + part_b)


def compare_keyness(
    corpus,
    *,
    group: str = "year",
    target: str | int | Sequence | None = None,
    ngram: int | tuple[int, int] = 1,
    min_count: int = 3,
) -> pd.DataFrame:
    """Compare the terms of some documents (the target) with the rest (the reference).

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        group: A document column: ``year``, ``source``, ``language``, ``doc_id``.
        target: The value (or values) of ``group`` that make the target, e.g. ``2021``.
            ``None`` takes the value shared by most documents (the latest, on a tie).
        ngram: Phrase lengths, as in :func:`count_terms`.
        min_count: Leave out terms seen fewer times in target and reference together.

    Returns:
        ``term``, ``freq_target``, ``freq_reference``, ``rate_target``,
        ``rate_reference`` (per 10,000 tokens), ``g2`` (log-likelihood: how sure it is
        that the rates differ), ``p`` (its chi-squared p-value, one degree of freedom)
        and ``log_ratio`` (binary log of the ratio of the rates: how much they differ;
        +1 is twice as frequent in the target, -1 half as frequent). Largest ``g2`` first.

    Raises:
        ValueError: ``group`` is not a document column, or ``target`` matches no
            document, or every document (no reference is left).

    Note:
        A zero frequency is counted as 0.5 for the log ratio, so that it stays finite.
    """
    index = index_corpus(corpus)
    values = _group_values(index, group)
    if target is None:
        sizes = values[values != ""].value_counts().sort_index(ascending=False)
        target = sizes.idxmax() if len(sizes) else ""
    wanted = {str(target)} if isinstance(target, str | int) else {str(t) for t in target}
    in_target = values.isin(wanted).to_numpy()
    if not in_target.any() or in_target.all():
        problem = "matches no document" if not in_target.any() else "covers every document"
        raise ValueError(
            f"target {sorted(wanted)} {problem} in column {group!r}; "
            f"its values are {', '.join(sorted(set(values)))}."
        )
    counts = _doc_term_counts(index, ngram)
    side = np.where(in_target[counts["doc"].to_numpy()], "freq_target", "freq_reference")
    table = counts.assign(side=side).pivot_table(
        index="term", columns="side", values="count", aggfunc="sum", fill_value=0
    )
    table = table.reindex(columns=["freq_target", "freq_reference"], fill_value=0)
    table = table[table.sum(axis=1) >= min_count].reset_index()
    table.columns.name = None
    tokens = index.documents["n_tokens"].to_numpy()
    c, d = int(tokens[in_target].sum()), int(tokens[~in_target].sum())
    a, b = table["freq_target"].to_numpy(float), table["freq_reference"].to_numpy(float)
    table["rate_target"] = a / max(c, 1) * PER
    table["rate_reference"] = b / max(d, 1) * PER
    table["g2"] = _g2(a, b, c, d)
    table["p"] = [math.erfc(math.sqrt(g / 2)) for g in table["g2"]]
    table["log_ratio"] = np.log2((np.where(a > 0, a, 0.5) / c) / (np.where(b > 0, b, 0.5) / d))
    table = table.sort_values(["g2", "term"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


# ---------------------------------------------------------------------------- concordance


_SPACES = re.compile(" {2,}")


def _fit(piece: str, width: int, *, from_end: bool) -> str:
    """Keep as much of ``piece`` as fits in ``width`` columns, from its start or its end."""
    if display_width(piece) <= width:
        return piece
    size = width // 2  # fits even if every character is wide
    while size < len(piece):
        longer = piece[-(size + 1) :] if from_end else piece[: size + 1]
        if display_width(longer) > width:
            break
        size += 1
    if not size:
        return ""
    return piece[-size:] if from_end else piece[:size]


def _context(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    """Up to ``width`` columns of text either side (a Chinese character is two columns).

    Args:
        text: The document's text on one line (see :attr:`TermIndex.line_texts`).
        start: Where the match starts.
        end: Where it ends.
        width: Columns on each side.

    Returns:
        The left and right context; a Latin word cut by the edge of the window is left
        out, and a paragraph break shows as one space.
    """
    left = _fit(text[max(0, start - width) : start], width, from_end=True)
    right = _fit(text[end : end + width], width, from_end=False)
    cut_left, cut_right = start - len(left), end + len(right)
    if cut_left > 0 and _is_latin(text[cut_left - 1]) and _is_latin(left[:1]):
        left = left.split(" ", 1)[1] if " " in left else left
    if cut_right < len(text) and _is_latin(text[cut_right]) and _is_latin(right[-1:]):
        right = right.rsplit(" ", 1)[0] if " " in right else right
    if "  " in left:  # a paragraph break
        left = _SPACES.sub(" ", left)
    if "  " in right:
        right = _SPACES.sub(" ", right)
    return left.strip(), right.strip()


def _search(index: TermIndex, query: str) -> pd.DataFrame:
    """Occurrences of a word or phrase (any separator, plurals) in the simplified texts."""
    query = to_simplified(query.strip().strip(_QUOTES)).lower()
    words = [w for w in _words(query) if w]
    if not words:  # only separators or quotes: nothing to look for
        return pd.DataFrame([], columns=["doc", "start", "end"])
    pattern = re.compile(_SEP.join(_word_pattern(w) for w in words))
    latin_start = bool(re.match("[a-z0-9]", query))
    latin_end = bool(re.search("[a-z0-9]$", query))
    needle = max((_fixed_part(w) for w in _words(query) if w), key=len, default="")
    rows = []
    for number, lower in enumerate(index.lower_texts):
        if needle not in lower:
            continue
        if len(lower) != len(index.search_texts[number]):  # lower() changed the length
            lower = index.search_texts[number]
            found = re.compile(pattern.pattern, re.IGNORECASE).finditer(lower)
        else:
            found = pattern.finditer(lower)
        for m in found:
            a, b = m.span()
            if latin_start and a > 0 and _is_latin(lower[a - 1]):
                continue
            if latin_end and b < len(lower) and _is_latin(lower[b]):
                continue
            rows.append((number, a, b))
    return pd.DataFrame(rows, columns=["doc", "start", "end"])


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()  # "" is not


def _fixed_part(word: str) -> str:
    """The part of a query word that every match contains literally (lower case)."""
    if word.isascii() and word.isalpha() and len(word) >= 3 and word not in _FUNCTION_WORDS:
        stem = singularize(word)
        return stem[:-1] if _word_pattern(word).endswith("(?:y|ies)") else stem
    return word


def concordance(
    corpus, query: str, *, width: int = 60, literal: bool = False, limit: int | None = None
) -> pd.DataFrame:
    """Show every occurrence of a term, phrase or concept in its context (KWIC).

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        query: A concept id, any of its English renderings or Chinese terms (which
            finds the concept in every rendering and both languages), or any other
            word or phrase (found with any hyphen or space between its words and in
            its plural forms; ``+`` and other symbols are taken literally).
        width: Columns of context on each side; a Chinese character takes two.
        literal: Search the query as written even when it names a concept.
        limit: Return only the first lines (by date), for a quick look at a large corpus.

    Returns:
        One line per occurrence, by date: ``doc_id``, ``date``, ``sentence`` (its number
        in ``corpus.sentences``), ``left``, ``match`` (as written in the document),
        ``right``, ``start``, ``end``.
    """
    index = index_corpus(corpus)
    concept = None if literal else find_concept(query, index.glossary)
    hits = index.occurrences(concept) if concept else _search(index, query)
    doc, start, end = (hits[c].to_numpy(dtype=np.int64) for c in ("doc", "start", "end"))
    doc_ids = index.documents["doc_id"].to_numpy(dtype=str)
    dates = index.documents["date"].to_numpy(dtype=str)
    order = np.lexsort((start, doc_ids[doc], dates[doc]))[:limit]
    rows = []
    texts, lines = index.texts, index.line_texts
    for k in order.tolist():
        d, a, b = int(doc[k]), int(start[k]), int(end[k])
        left, right = _context(lines[d], a, b, width)
        rows.append(
            (doc_ids[d], dates[d], index.sentence_of(d, a), left, texts[d][a:b], right, a, b)
        )
    columns = ["doc_id", "date", "sentence", "left", "match", "right", "start", "end"]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------------------- collocates


def _node_spans(index: TermIndex, term: str, literal: bool) -> tuple[np.ndarray, np.ndarray]:
    """First and last token position of each occurrence of a term, phrase or concept."""
    concept = None if literal else find_concept(term, index.glossary)
    if concept:
        found = index.occurrences(concept)
        bounds = index.doc_bounds
        firsts, lasts = [], []
        for doc, start, end in zip(found["doc"], found["start"], found["end"], strict=True):
            lo, hi = bounds[doc], bounds[doc + 1]
            first = lo + np.searchsorted(index.token_start[lo:hi], start)
            last = lo + np.searchsorted(index.token_start[lo:hi], end) - 1
            if first <= last:
                firsts.append(first)
                lasts.append(last)
        return np.asarray(firsts, dtype=np.int64), np.asarray(lasts, dtype=np.int64)
    language = "zh" if has_han(term) else "en"
    ids = [index.term_ids.get(t, -1) for t in tokenize(term, language=language)]
    if not ids or -1 in ids:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    size = len(index.token_term) - len(ids) + 1
    first = np.arange(max(size, 0))
    hit = np.ones(len(first), dtype=bool)
    for k, term_id in enumerate(ids):
        hit &= index.token_term[first + k] == term_id
    hit &= index.token_run[first] == index.token_run[first + len(ids) - 1]
    first = first[hit]
    return first, first + len(ids) - 1


def find_collocates(
    corpus,
    term: str,
    *,
    window: int = 5,
    min_freq: int = 3,
    measure: str = "log_dice",
    literal: bool = False,
) -> pd.DataFrame:
    """Find the words that keep company with a term, phrase or concept.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        term: A content word ("talent"), a phrase ("vocational education"), or a concept
            (its id, a rendering or a Chinese term: every occurrence is a node).
        window: Content tokens on each side of the node (stopwords are not counted),
            within the document.
        min_freq: Leave out collocates seen fewer times within the windows.
        measure: ``"log_dice"`` or ``"pmi"``: the column to sort by.
        literal: Take ``term`` as a phrase even when it names a concept.

    Returns:
        ``collocate``, ``freq`` (tokens of it within the windows), ``freq_corpus``,
        ``log_dice`` (14 + log2(2·freq / (node frequency + freq_corpus)): at most 14,
        comparable across corpora) and ``pmi`` (log2 of freq over what chance would put
        in windows of that total size; it favours rare words, hence ``min_freq``).

    Raises:
        ValueError: If ``measure`` is not ``log_dice`` or ``pmi``.
    """
    if measure not in ("log_dice", "pmi"):
        raise ValueError(f"measure must be 'log_dice' or 'pmi', not {measure!r}")
    index = index_corpus(corpus)
    columns = ["collocate", "freq", "freq_corpus", "log_dice", "pmi"]
    firsts, lasts = _node_spans(index, term, literal)
    if not len(firsts):
        return pd.DataFrame(columns=columns)
    size = len(index.token_term)
    in_window = np.zeros(size, dtype=bool)
    for offset in range(1, window + 1):
        for node, position in ((firsts, firsts - offset), (lasts, lasts + offset)):
            ok = (position >= 0) & (position < size)
            ok[ok] &= index.token_doc[position[ok]] == index.token_doc[node[ok]]
            in_window[position[ok]] = True
    for first, last in zip(firsts, lasts, strict=True):
        in_window[first : last + 1] = False
    together = np.bincount(index.token_term[in_window], minlength=len(index.vocabulary))
    frequency = index.term_frequencies
    keep = np.flatnonzero(together >= min_freq)
    freq, corpus_freq = together[keep], frequency[keep]
    table = pd.DataFrame(
        {
            "collocate": np.asarray(index.vocabulary, dtype=object)[keep],
            "freq": freq,
            "freq_corpus": corpus_freq,
            "log_dice": 14 + np.log2(2 * freq / (len(firsts) + corpus_freq)),
            "pmi": np.log2(freq * size / (corpus_freq * max(int(in_window.sum()), 1))),
        }
    )
    table = table.sort_values([measure, "freq", "collocate"], ascending=[False, False, True])
    return table.reset_index(drop=True)


# ---------------------------------------------------------------------------- trends


def compute_trends(
    corpus,
    *,
    terms: Iterable[str] = (),
    concepts: Iterable[str] = (),
    measure: str = "rate",
) -> pd.DataFrame:
    """Follow terms and concepts from year to year.

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus` or its :class:`TermIndex`.
        terms: Words or phrases, normalised like the text ("talents" counts "talent").
        concepts: Concepts: ids, renderings or Chinese terms. With neither terms nor
            concepts, the five most frequent concepts.
        measure: What goes in ``value``: ``"rate"`` (per 10,000 tokens of that year),
            ``"count"``, or ``"share"`` (the share of that year's documents mentioning it).

    Returns:
        One row per year and item, zeros included: ``year``, ``kind`` (concept/term),
        ``item``, ``count``, ``documents`` (documents mentioning it), ``n_documents``
        and ``n_tokens`` (of that year), ``rate``, ``share`` and ``value``.

    Raises:
        ValueError: An unknown ``measure``, or a concept not in the glossary.

    Note:
        Undated documents are left out. A year holds only the documents dated in it:
        with a handful of documents a year, a "trend" is a comparison of documents.
    """
    if measure not in ("rate", "count", "share"):
        raise ValueError(f"measure must be 'rate', 'count' or 'share', not {measure!r}")
    index = index_corpus(corpus)
    terms, concepts = list(terms), list(concepts)
    if not terms and not concepts:
        concepts = list(summarize_concepts(index)["concept"].head(5))
    docs = index.documents
    years = docs["year"].to_numpy()
    per_doc = [_concept_per_doc(index, c) for c in concepts] + [
        _term_per_doc(index, t) for t in terms
    ]
    kinds = ["concept"] * len(concepts) + ["term"] * len(terms)
    names = [find_concept(c, index.glossary) for c in concepts] + terms
    rows = []
    dated = sorted({y for y in years if y})
    for year in dated:
        mask = years == year
        n_tokens, n_docs = int(docs["n_tokens"][mask].sum()), int(mask.sum())
        for kind, name, counts in zip(kinds, names, per_doc, strict=True):
            count = int(counts[mask].sum())
            rows.append((year, kind, name, count, int((counts[mask] > 0).sum()), n_docs, n_tokens))
    table = pd.DataFrame(
        rows, columns=["year", "kind", "item", "count", "documents", "n_documents", "n_tokens"]
    )
    table["rate"] = table["count"] / table["n_tokens"].clip(lower=1) * PER
    table["share"] = table["documents"] / table["n_documents"]
    table["value"] = table[measure]
    return table


def _concept_per_doc(index: TermIndex, concept: str) -> np.ndarray:
    found = find_concept(concept, index.glossary)
    if found is None:
        raise ValueError(
            f"{concept!r} is not a concept of the glossary: use an id such as "
            f"{index.glossary['concept'].iloc[0]!r}, a rendering, or a Chinese term; "
            "to follow a word, pass it as terms=."
        )
    docs = index.occurrences(found)["doc"].to_numpy()
    return np.bincount(docs, minlength=len(index.documents))


def _term_per_doc(index: TermIndex, term: str) -> np.ndarray:
    language = "zh" if has_han(term) else "en"
    tokens = tokenize(term, language=language)
    if not tokens:
        return np.zeros(len(index.documents), dtype=int)
    table = _ngram_counts(index, len(tokens))
    hits = table[table["term"] == " ".join(tokens)].groupby("doc")["count"].sum()
    return hits.reindex(range(len(index.documents)), fill_value=0).to_numpy(dtype=int)


__all__ = [
    "GlossaryError",
    "TermIndex",
    "compare_keyness",
    "compute_trends",
    "concordance",
    "count_concepts",
    "count_terms",
    "distinctive_terms",
    "find_collocates",
    "find_concept",
    "index_corpus",
    "load_glossary",
    "locate_concepts",
    "summarize_concepts",
]
