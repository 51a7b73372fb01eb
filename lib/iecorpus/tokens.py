"""Tokens of English and Chinese text: words, stopwords, simplified Chinese and jieba segmentation.

English is split by a regular expression that keeps hyphenated words ("school-enterprise")
and "1+X"-style terms whole, lower-cases, drops possessives and makes plurals singular.
Chinese is converted to simplified characters with OpenCC (so that 產教融合 and 产教融合 count
together) and segmented by a private ``jieba.Tokenizer`` whose user dictionary is the
words its caller passes (``user_words``): the index passes its glossary's Chinese terms, so
that 产教融合型企业 or 1+X证书 come out whole, and without words the default is the terms
that :mod:`iecorpus.glossary` hands over (:func:`set_default_user_words`); this module reads
no glossary. Chinese runs inside English text go the Chinese way.

A *content token* is what is left after dropping stopwords (``data/stopwords/``), numbers,
punctuation, single letters and single Chinese characters. Dropped tokens and punctuation
break a *run*: n-gram phrases are only built inside a run, so that "integration of industry"
never makes the bigram "integration industry".
"""

from __future__ import annotations

import logging
import re
import warnings
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from . import engine, paths
from .chinese import HAN, to_simplified
from .datafiles import load_data

if TYPE_CHECKING:
    import jieba

STOPWORDS_DIR = paths.DATA_DIR / "stopwords"
LANGUAGES = ("en", "zh")

_CJK = HAN
_HYPHENS = "\\-\u2010\u2011\u2013"
# An English token: letters and digits, joined by hyphens, "+" or "&" ("1+X", "R&D"), with
# an optional possessive or contraction; or a run of Chinese characters, segmented by jieba.
_SEGMENT = rf"[^\W_{_CJK}]+(?:['\u2019][^\W_{_CJK}]+)?"
_EN_TOKEN = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<word>{_SEGMENT}(?:[{_HYPHENS}+&]{_SEGMENT})*\+?)")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_HAS_LETTER = re.compile(rf"[^\W\d_]|[{_CJK}]")
_SINGLE_CJK = re.compile(rf"^[{_CJK}]$")
_HYPHEN_RUN = re.compile(rf"[{_HYPHENS}]")


def _read_list(path: Path) -> list[str]:
    """Read a word list: one entry a line, ``#`` comments and blank lines ignored."""
    if not path.is_file():
        raise FileNotFoundError(
            f"{paths.relative_to_project(path)} not found: the word lists live in "
            "data/stopwords/; restore the file from git."
        )
    lines = path.read_text(encoding="utf-8").splitlines()
    return [w.strip().lower() for w in lines if w.strip() and not w.lstrip().startswith("#")]


def load_stopwords(language: str, *, domain: bool = True) -> frozenset[str]:
    """Return the stopwords of a language.

    Args:
        language: ``"en"`` or ``"zh"``.
        domain: Add ``data/stopwords/domain.txt`` (news furniture such as "said",
            "pointed", 表示, 指出) to the general list.

    Returns:
        The lower-cased stopwords. Chinese gets the English list too, for the English
        words that Chinese pages quote.

    Raises:
        ValueError: If ``language`` is not ``en`` or ``zh``.

    Note:
        The lists are read again when one of them changes (edits apply at the next call).
    """
    _check_language(language)
    names = ["en.txt", "zh.txt", "domain.txt"]
    return load_data(_read_stopwords, [STOPWORDS_DIR / n for n in names], language, domain=domain)


def _read_stopwords(language: str, *, domain: bool) -> frozenset[str]:
    words = set(_read_list(STOPWORDS_DIR / "en.txt"))
    if language == "zh":
        words |= set(_read_list(STOPWORDS_DIR / "zh.txt"))
    if domain:
        words |= set(_read_list(STOPWORDS_DIR / "domain.txt"))
    return frozenset(words)


def _not_plural() -> frozenset[str]:
    path = STOPWORDS_DIR / "en_not_plural.txt"
    return load_data(_read_not_plural, [path], str(path))


def _read_not_plural(path: str) -> frozenset[str]:
    return frozenset(_read_list(Path(path)))


def singularize(word: str) -> str:
    """Make a lower-case English plural singular, by rule.

    Args:
        word: A lower-case word, possibly hyphenated (only its end changes).

    Returns:
        ``universities`` → ``university``, ``classes`` → ``class``, ``approaches`` →
        ``approach``, ``talents`` → ``talent``; words of three letters or fewer, words
        ending in -ss, -us or -is, and the words in ``data/stopwords/en_not_plural.txt``
        (news, series, ...) are returned unchanged.
    """
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "'s")):
        return word
    if word in _not_plural() or not word[-2].isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


_user_words_source: list[Callable[[], Iterable[str]]] = []
#: The module that sets the default user words (:func:`set_default_user_words`) on import.
DEFAULT_WORDS_MODULE = "iecorpus.glossary"


def set_default_user_words(source: Callable[[], Iterable[str]]) -> None:
    """Say where the default user words of jieba come from.

    Args:
        source: A function returning the Chinese terms to keep whole when a caller
            passes none; :mod:`iecorpus.glossary` sets the glossary's terms when it is
            imported, so this module reads no glossary.

    Note:
        The default words are asked for once per process, at the first call without words.
        When no source is set by then, that call imports :data:`DEFAULT_WORDS_MODULE`
        (which sets one) by name: the package imports its modules only when they are used.
    """
    _user_words_source[:] = [source]
    _default_user_words.cache_clear()


@lru_cache(maxsize=1)
def _default_user_words() -> tuple[str, ...]:
    if not _user_words_source:
        import_module(DEFAULT_WORDS_MODULE)  # sets its terms as it is imported
    words = set(_user_words_source[0]()) if _user_words_source else set()
    return tuple(sorted(words, key=lambda w: (len(w), w)))


def chinese_tokenizer(words: Iterable[str] | None = None) -> jieba.Tokenizer:
    """Return a private jieba tokenizer whose user dictionary holds the glossary's Chinese terms.

    Args:
        words: The terms that must come out whole (default: every ``zh_terms`` entry of
            ``data/glossary.csv``).

    Returns:
        An initialised ``jieba.Tokenizer``, built once per set of words; the global
        ``jieba`` tokenizer is left untouched.

    Note:
        Terms are added shortest first, each with the frequency ``suggest_freq`` finds
        for it, so that 产教融合型企业 beats 产教融合 + 型 + 企业. jieba's log messages
        ("Building prefix dict ...") are silenced: notebooks compare their stderr. The
        default terms are read from the glossary once per process; ``index_corpus``
        always passes the terms of the glossary it is given.
    """
    if words is None:
        return _tokenizer(_default_user_words())
    return _tokenizer_of(tuple(words))


@lru_cache(maxsize=4)
def _tokenizer_of(words: tuple[str, ...]) -> jieba.Tokenizer:
    """The tokenizer of words in any order (sorting them once, not at every call)."""
    return _tokenizer(tuple(sorted(set(words), key=lambda w: (len(w), w))))


def _import_jieba():
    """Import jieba when the first Chinese text is segmented (0.06 s, pkg_resources included)."""
    with warnings.catch_warnings():
        # jieba 0.42 imports pkg_resources (deprecated in recent setuptools) and has
        # invalid escape sequences; neither concerns its users, and notebooks compare stderr.
        warnings.simplefilter("ignore")
        import jieba
    return jieba


@lru_cache(maxsize=4)
def _tokenizer(words: tuple[str, ...]) -> jieba.Tokenizer:
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in words:
        tokenizer.add_word(word)
        tokenizer.suggest_freq(word, tune=True)
    return tokenizer


def user_dictionary(words: Iterable[str] | None = None) -> str:
    """Return the jieba user dictionary built from the glossary, as text.

    Args:
        words: The terms (default: every Chinese term of ``data/glossary.csv``).

    Returns:
        One ``term frequency`` line per term, shortest first, with the frequency this
        library gives it; ``jieba.load_userdict(io.StringIO(text))`` loads it elsewhere.
    """
    words = _default_user_words() if words is None else tuple(words)
    tokenizer = chinese_tokenizer(words)
    terms = sorted(set(words), key=lambda w: (len(w), w))
    return "".join(f"{w} {tokenizer.FREQ[w]}\n" for w in terms)


class _Normalizer:
    """Turns raw pieces into content tokens, remembering each decision."""

    def __init__(self, stopwords: frozenset[str]):
        self.stopwords = stopwords
        self.memo: dict[str, str] = {}

    def __call__(self, piece: str) -> str:
        """Return the content token for a piece of text, or "" to drop it."""
        term = self.memo.get(piece)
        if term is None:
            term = self.memo[piece] = self._normalize(piece)
        return term

    def _normalize(self, piece: str) -> str:
        if not _HAS_LETTER.search(piece) or _SINGLE_CJK.match(piece):
            return ""
        word = _HYPHEN_RUN.sub("-", _POSSESSIVE.sub("", piece)).replace("\u2019", "'")
        lower = word.lower()
        term = singularize(lower) if lower.isascii() else lower
        if lower in self.stopwords or term in self.stopwords:
            # "BUT" (Beijing University of Technology) is not the word "but".
            return word if len(word) > 1 and word.isupper() and word.isalpha() else ""
        return term if len(term) > 1 else ""


def _normalizer(language: str) -> _Normalizer:
    return _normalizer_for(load_stopwords(language))


@lru_cache(maxsize=8)
def _normalizer_for(stopwords: frozenset[str]) -> _Normalizer:
    return _Normalizer(stopwords)


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(
            f"language {language!r} is not supported: use 'en' or 'zh' "
            "(the corpus's `language` column says which each document is)."
        )


def _locate_chinese(
    text: str, offset: int, normalize: _Normalizer, out: list, run: int, tokenizer
) -> int:
    """Append ``(term, start, end, run)`` for the content tokens of a Chinese text."""
    start = offset
    broken = False
    for piece in tokenizer.cut(to_simplified(text)):
        end = start + len(piece)
        term = normalize(piece)
        if term:
            if broken:
                run, broken = run + 1, False
            out.append((term, start, end, run))
        else:
            broken = True
        start = end
    return run + 1 if broken else run


def locate_tokens(
    text: str, *, language: str, user_words: Iterable[str] | None = None
) -> list[tuple[str, int, int, int]]:
    """Find the content tokens of a text, with where they are and which run they belong to.

    Args:
        text: Cleaned text.
        language: ``"en"`` or ``"zh"``: the text's main language (an English text's
            Chinese runs are still segmented as Chinese).
        user_words: Chinese terms to keep whole (default: the glossary's).

    Returns:
        One ``(term, start, end, run)`` tuple per content token: the normalised term,
        its offsets in ``text`` (the original characters, traditional or simplified),
        and a run number that changes wherever a stopword, a number or punctuation
        came between two tokens.

    Raises:
        ValueError: If ``language`` is not ``en`` or ``zh``.
    """
    _check_language(language)
    return _locate(text, language, _normalizer(language), chinese_tokenizer(user_words))


def _locate(
    text: str, language: str, normalize: _Normalizer, tokenizer
) -> list[tuple[str, int, int, int]]:
    out: list[tuple[str, int, int, int]] = []
    if language == "zh":
        _locate_chinese(text, 0, normalize, out, 0, tokenizer)
        return out
    run, previous_end = 0, 0
    for match in _EN_TOKEN.finditer(text):
        start, end = match.span()
        if start == end:
            continue
        gap = text[previous_end:start]
        if gap.strip() or "\n" in gap:
            run += 1
        previous_end = end
        if match.lastgroup == "cjk":
            run = _locate_chinese(match.group(), start, normalize, out, run + 1, tokenizer)
            continue
        term = normalize(match.group())
        if term:
            out.append((term, start, end, run))
        else:
            run += 1
    return out


@dataclass(eq=False)
class TokenArrays:
    """The content tokens of several texts, as arrays: one vocabulary, no object per token.

    Attributes:
        vocabulary: The distinct terms, in the order they first occur.
        term: Per token, its number in ``vocabulary`` (int32).
        start, end: Per token, its offsets in its text (int32).
        run: Per token, its run within its text, as :func:`locate_tokens` numbers it (int32).
        sizes: Per text, how many tokens it has (int64); the texts' tokens follow each
            other in ``term``, ``start``, ``end`` and ``run``.
    """

    vocabulary: list[str]
    term: np.ndarray
    start: np.ndarray
    end: np.ndarray
    run: np.ndarray
    sizes: np.ndarray

    @property
    def bounds(self) -> np.ndarray:
        """Where each text's tokens start in the arrays, and last where they end."""
        return np.concatenate([[0], np.cumsum(self.sizes)]).astype(np.int64)


def locate_token_arrays(
    texts: Sequence[str],
    *,
    languages: Sequence[str],
    user_words: Iterable[str] | None = None,
) -> TokenArrays:
    """Find the content tokens of several texts, kept as arrays (see :func:`locate_tokens`).

    Args:
        texts: Cleaned texts.
        languages: Each text's language, ``"en"`` or ``"zh"``.
        user_words: Chinese terms to keep whole (default: the glossary's).

    Returns:
        The :class:`TokenArrays` of the texts, in order: only one text's tokens are ever
        held as Python tuples, so memory grows by about 16 bytes a token.

    Raises:
        ValueError: If a language is not ``en`` or ``zh``.
    """
    for language in set(languages):
        _check_language(language)
    tokenizer = chinese_tokenizer(user_words)
    normalizers = {language: _normalizer(language) for language in set(languages)}
    ids: dict[str, int] = {}
    term, start, end, run = array("i"), array("i"), array("i"), array("i")
    sizes = array("q")
    for text, language in zip(texts, languages, strict=True):
        tokens = _locate(text, language, normalizers[language], tokenizer)
        sizes.append(len(tokens))
        if not tokens:
            continue
        terms, starts, ends, runs = zip(*tokens, strict=True)
        term.extend([ids.setdefault(t, len(ids)) for t in terms])
        start.extend(starts)
        end.extend(ends)
        run.extend(runs)
    return TokenArrays(
        vocabulary=list(ids),
        term=np.frombuffer(term, dtype=np.int32) if term else np.zeros(0, dtype=np.int32),
        start=np.frombuffer(start, dtype=np.int32) if start else np.zeros(0, dtype=np.int32),
        end=np.frombuffer(end, dtype=np.int32) if end else np.zeros(0, dtype=np.int32),
        run=np.frombuffer(run, dtype=np.int32) if run else np.zeros(0, dtype=np.int32),
        sizes=np.frombuffer(sizes, dtype=np.int64) if sizes else np.zeros(0, dtype=np.int64),
    )


def merge_token_arrays(pieces: Sequence[TokenArrays]) -> tuple[TokenArrays, list[np.ndarray]]:
    """Join the token arrays of consecutive partitions into one, over one vocabulary.

    Args:
        pieces: The :class:`TokenArrays` of consecutive partitions of the texts.

    Returns:
        ``(merged, remaps)``: the arrays of all texts in order, whose vocabulary is the
        union of the pieces' in order of first occurrence (the vocabulary one pass over
        all texts would make), and per piece the array mapping its term numbers to the
        merged ones.
    """
    ids: dict[str, int] = {}
    remaps = []
    for piece in pieces:
        remaps.append(
            np.fromiter(
                (ids.setdefault(t, len(ids)) for t in piece.vocabulary),
                dtype=np.int32,
                count=len(piece.vocabulary),
            )
        )

    def join(name: str, dtype) -> np.ndarray:
        parts = [getattr(piece, name) for piece in pieces]
        return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)

    terms = [remap[piece.term] for remap, piece in zip(remaps, pieces, strict=True)]
    merged = TokenArrays(
        vocabulary=list(ids),
        term=np.concatenate(terms) if terms else np.zeros(0, dtype=np.int32),
        start=join("start", np.int32),
        end=join("end", np.int32),
        run=join("run", np.int32),
        sizes=join("sizes", np.int64),
    )
    return merged, remaps


def tokenize(text: str, *, language: str, user_words: Iterable[str] | None = None) -> list[str]:
    """Split a text into its content tokens.

    Args:
        text: Cleaned text.
        language: ``"en"`` or ``"zh"``.
        user_words: Chinese terms to keep whole (default: the glossary's).

    Returns:
        The normalised content tokens in order: lower case, singular, simplified,
        without stopwords, numbers or punctuation ("school-enterprise", "1+x",
        "产教融合型企业").

    Raises:
        ValueError: If ``language`` is not ``en`` or ``zh``.
    """
    if language == "zh":
        normalize = _normalizer("zh")
        memo, out = normalize.memo, []
        for piece in chinese_tokenizer(user_words).cut(to_simplified(text)):
            term = memo.get(piece)
            if term is None:
                term = normalize(piece)
            if term:
                out.append(term)
        return out
    return [token[0] for token in locate_tokens(text, language=language, user_words=user_words)]


def tokenize_many(
    texts: Sequence[str],
    *,
    language: str,
    workers: int | None = None,
    processes: int | None = None,
    chunksize: int = 64,
    user_words: Iterable[str] | None = None,
) -> list[list[str]]:
    """Tokenize many texts, here or in parallel (:func:`iecorpus.engine.map_tasks`).

    Args:
        texts: The texts.
        language: ``"en"`` or ``"zh"`` (all texts).
        workers: Workers (see :func:`iecorpus.engine.resolve_workers`): 1 works in this
            process, more on a Dask cluster; ``None`` reads ``IECORPUS_WORKERS``.
        processes: The older name of ``workers``, used when ``workers`` is not given.
        chunksize: Texts handed to a worker at a time (one task).
        user_words: Chinese terms to keep whole (default: the glossary's).

    Returns:
        One token list per text, in order, the same whatever the number of workers.
    """
    _check_language(language)
    words = None if user_words is None else tuple(user_words)
    workers = workers if workers is not None else processes
    pieces = engine.map_tasks(
        _tokenize_chunk,
        engine.chunk(list(texts), chunksize),
        workers=workers,
        language=language,
        user_words=words,
    )
    return [tokens for piece in pieces for tokens in piece]


def _tokenize_chunk(
    texts: Sequence[str], *, language: str, user_words: tuple[str, ...] | None
) -> list[list[str]]:
    return [tokenize(t, language=language, user_words=user_words) for t in texts]


__all__ = [
    "TokenArrays",
    "chinese_tokenizer",
    "load_stopwords",
    "locate_token_arrays",
    "locate_tokens",
    "merge_token_arrays",
    "set_default_user_words",
    "singularize",
    "to_simplified",
    "tokenize",
    "tokenize_many",
    "user_dictionary",
]
