"""The term index of a corpus: its tokens, runs and concept occurrences, built once and searched.

A :class:`TermIndex` is a corpus tokenized once (:mod:`iecorpus.tokens`, with the glossary's
Chinese terms as jieba's user words) with every concept occurrence found
(:mod:`iecorpus.glossary`). It belongs to its corpus: :meth:`iecorpus.corpus.Corpus.index`
builds it on first use and keeps it on the corpus, and :func:`index_corpus` is the same as a
function. Where the renderings overlap, the longest one starting first wins and the span
counts once: "industry-education-integrated enterprises" is an *integrated enterprise*, not
also an *integration*. The index also answers the questions a reader asks of the texts:
where a word or phrase occurs (:meth:`TermIndex.find_phrase`), where a query occurs,
concept or phrase (:meth:`TermIndex.find`), which concept a span belongs to
(:meth:`TermIndex.concept_at`), and what surrounds a match (:func:`cut_context`).
:attr:`TermIndex.features` is the token stream with each concept mention made one feature,
for statistics that must never split a mention into its words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .chinese import display_width
from .glossary import (
    ConceptMatcher,
    build_matcher,
    find_concept,
    list_chinese_terms,
    literal_part,
    load_glossary,
    normalize_query,
    phrase_regex,
    query_words,
    split_words,
    stamp_glossary,
)
from .tokens import locate_tokens, process_pool, to_simplified, tokenize

#: The ``rule`` of a concept occurrence written as a listed rendering or Chinese term.
LISTED = "listed"
#: The ``rule`` of one found by the concept's key words only (see ``key_words``).
KEY_WORDS = "key words"


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
            ``match`` (the text as written), ``sentence``, ``doc`` (the document's
            number in ``documents``) and ``rule`` (:data:`LISTED`, or :data:`KEY_WORDS`
            for a mention found only by the concept's key words).
        glossary: The glossary used.
        sentence_starts: Per document, the start offset of each sentence (a sorted list).
        source: What the index was built from (see :meth:`describes`).
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
    source: tuple = field(default=(), repr=False)

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

    @property
    def user_words(self) -> tuple[str, ...]:
        """The Chinese terms of the glossary: the words jieba kept whole."""
        if "user_words" not in self.cache:
            self.cache["user_words"] = list_chinese_terms(self.glossary)
        return self.cache["user_words"]

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

    def tokenize(self, text: str, *, language: str) -> list[str]:
        """Split a text into content tokens the way the corpus was split.

        Args:
            text: A word, a phrase or a text.
            language: ``"en"`` or ``"zh"``.

        Returns:
            Its content tokens (:func:`iecorpus.tokens.tokenize`, with the Chinese terms
            of this index's glossary kept whole).
        """
        return tokenize(text, language=language, user_words=self.user_words)

    def find_phrase(self, query: str) -> pd.DataFrame:
        """Find a word or phrase in the simplified texts (any separator, plural forms).

        Args:
            query: A word or phrase, taken literally (no concept lookup); symbols such as
                ``+`` match themselves.

        Returns:
            One row per occurrence: ``doc`` (the document's number), ``start``, ``end``;
            empty for a query of only separators or quotes.
        """
        query = normalize_query(query)
        words = query_words(query)
        if not words:  # only separators or quotes: nothing to look for
            return pd.DataFrame([], columns=["doc", "start", "end"])
        pattern = phrase_regex(words)
        latin_start = bool(re.match("[a-z0-9]", query))
        latin_end = bool(re.search("[a-z0-9]$", query))
        needle = max((literal_part(w) for w in split_words(query) if w), key=len, default="")
        rows = []
        for number, lower in enumerate(self.lower_texts):
            if needle not in lower:
                continue
            if len(lower) != len(self.search_texts[number]):  # lower() changed the length
                lower = self.search_texts[number]
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

    @property
    def features(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
        """The tokens with each concept mention made one feature, never split into its words.

        Returns:
            ``(feature, doc, run, names)``: one entry per feature of the corpus, in order:
            its number in ``names``, its document number and its run. ``names`` is the
            vocabulary followed by each concept's ``label_en`` (capitalised, so that it
            never equals a token): "integration of industry and education" and 产教融合
            are both the one feature "Industry-education integration".
        """
        if "features" not in self.cache:
            self.cache["features"] = self._merge_concepts()
        return self.cache["features"]

    def _merge_concepts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
        span = max((len(t) for t in self.texts), default=0) + 1
        numbers = {c: k for k, c in enumerate(self.glossary["concept"])}
        names = list(self.vocabulary) + list(self.glossary["label_en"])
        feature = self.token_term.astype(np.int64)
        keep = np.ones(len(feature), dtype=bool)
        if len(self.concepts) and len(feature):
            c_doc = self.concepts["doc"].to_numpy(dtype=np.int64)
            c_start = c_doc * span + self.concepts["start"].to_numpy(dtype=np.int64)
            c_end = c_doc * span + self.concepts["end"].to_numpy(dtype=np.int64)
            c_feature = len(self.vocabulary) + self.concepts["concept"].map(numbers).to_numpy(
                dtype=np.int64
            )
            order = np.argsort(c_start, kind="stable")
            c_start, c_end, c_feature = c_start[order], c_end[order], c_feature[order]
            key = self.token_doc.astype(np.int64) * span + self.token_start
            at = np.searchsorted(c_start, key, side="right") - 1
            inside = (at >= 0) & (key < c_end[np.maximum(at, 0)])
            previous = np.concatenate([[-1], np.where(inside, at, -1)[:-1]])
            first = inside & (previous != at)
            feature[first] = c_feature[at[first]]
            keep = ~inside | first
        return feature[keep], self.token_doc[keep], self.token_run[keep], names

    def concept_at(self, doc, start, end) -> np.ndarray:
        """Tell which concept occurrence each span lies in.

        Args:
            doc: Document numbers (an array, or one number).
            start: Start offsets of the spans.
            end: End offsets of the spans.

        Returns:
            Per span, the concept of the occurrence that contains it, ``""`` where none
            does ("integration" inside "industry-education integration": the integration;
            产教融合 inside 产教融合型企业: the integrated enterprise).
        """
        doc, start, end = (np.atleast_1d(np.asarray(v, dtype=np.int64)) for v in (doc, start, end))
        if "spans" not in self.cache:
            span = max((len(t) for t in self.texts), default=0) + 1
            c_doc = self.concepts["doc"].to_numpy(dtype=np.int64) if len(self.concepts) else []
            c_doc = np.asarray(c_doc, dtype=np.int64)
            starts = c_doc * span + self.concepts["start"].to_numpy(dtype=np.int64)
            ends = c_doc * span + self.concepts["end"].to_numpy(dtype=np.int64)
            order = np.argsort(starts, kind="stable")
            names = self.concepts["concept"].to_numpy(dtype=object)
            self.cache["spans"] = (span, starts[order], ends[order], names[order])
        span, starts, ends, names = self.cache["spans"]
        found = np.full(len(doc), "", dtype=object)
        if not len(starts) or not len(doc):
            return found
        a, b = doc * span + start, doc * span + end
        at = np.searchsorted(starts, a, side="right") - 1
        inside = (at >= 0) & (ends[np.maximum(at, 0)] >= b)
        found[inside] = names[at[inside]]
        return found

    def find(
        self, query: str, *, literal: bool = False, concept_only: bool = False
    ) -> tuple[str | None, pd.DataFrame]:
        """Find a query: every occurrence of the string typed, and of the concept it names.

        Args:
            query: A concept id, a rendering, a Chinese term, or any word or phrase.
            literal: Search the query as written even when it names a concept.
            concept_only: When the query names a concept, give its occurrences only, not
                the string typed inside longer terms of other concepts.

        Returns:
            The concept (``None`` for a phrase) and the hits, by document and offset, with
            the columns ``doc``, ``start``, ``end`` and ``concept`` (the concept each hit
            belongs to, ``""`` for none). A query naming a concept finds every rendering
            of it in both languages, and also the string as typed where it lies inside
            another concept's mention (产教融合 in 产教融合型企业), as a concordance
            should; the concept's own rows carry the columns of :attr:`concepts` too.
        """
        concept = None if literal else find_concept(query, self.glossary)
        if concept and concept_only:
            return concept, self.occurrences(concept)
        phrase = self.find_phrase(query)
        phrase["concept"] = self.concept_at(phrase["doc"], phrase["start"], phrase["end"])
        if not concept:
            return None, phrase
        extra = phrase[phrase["concept"] != concept]
        if extra.empty:
            return concept, self.occurrences(concept)
        hits = pd.concat([self.occurrences(concept), extra], ignore_index=True)
        hits = hits.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)
        return concept, hits

    def describes(self, corpus, *, glossary: pd.DataFrame | None = None) -> bool:
        """Tell whether the index still describes a corpus with a glossary.

        Args:
            corpus: A :class:`~iecorpus.corpus.Corpus`.
            glossary: The glossary table asked for, or ``None`` for ``data/glossary.csv``.

        Returns:
            ``True`` when it was built from the same ``corpus.documents`` table, of the
            same length, and the same glossary: the table passed, or the default file
            with unchanged contents. An edit in place of the documents is not seen.
        """
        if not self.source:
            return False
        documents, n_documents, stamp = self.source
        return (
            documents is corpus.documents
            and n_documents == len(corpus.documents)
            and stamp == _glossary_stamp(glossary)
        )


def _glossary_stamp(glossary: pd.DataFrame | None) -> tuple:
    """The table passed (kept by the index, so its id stays unique), or the file's version.

    The file's version is what :func:`iecorpus.datafiles.load_data` goes by (size and
    modification time), so the index is rebuilt exactly when the glossary is read again,
    and a keystroke's lookup does not read and hash the file.
    """
    if glossary is not None:
        return ("table", id(glossary))
    return ("file", stamp_glossary())


def index_corpus(
    corpus,
    *,
    glossary: pd.DataFrame | None = None,
    processes: int = 1,
    refresh: bool = False,
) -> TermIndex:
    """Tokenize a corpus once and find its concepts, or return the index already built.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus` (a :class:`TermIndex` is
            returned as it is).
        glossary: The concepts to find (default: ``data/glossary.csv``).
        processes: Worker processes for tokenizing a large corpus.
        refresh: Build the index again, after editing ``corpus.documents`` in place.

    Returns:
        The :class:`TermIndex`, kept on the corpus (:meth:`~iecorpus.corpus.Corpus.index`),
        so that every function of :mod:`iecorpus.terms` tokenizes a corpus only once.

    Note:
        The index is rebuilt when ``corpus.documents`` is replaced by another table or
        changes length, when another ``glossary`` table is passed, or when
        ``data/glossary.csv`` changes.
    """
    if isinstance(corpus, TermIndex):
        return corpus
    return corpus.index(glossary=glossary, processes=processes, refresh=refresh)


def build_index(corpus, *, glossary: pd.DataFrame | None = None, processes: int = 1) -> TermIndex:
    """Tokenize a corpus and find its concepts, every time (see :func:`index_corpus`).

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus`.
        glossary: The concepts to find (default: ``data/glossary.csv``).
        processes: Worker processes for tokenizing a large corpus.

    Returns:
        A new :class:`TermIndex`; nothing is kept.
    """
    source = (corpus.documents, len(corpus.documents), _glossary_stamp(glossary))
    glossary = glossary if glossary is not None else load_glossary()
    docs = corpus.documents
    texts = [str(t) for t in docs["text"]]
    languages = [lang if lang in ("en", "zh") else "en" for lang in docs["language"]]
    words = list_chinese_terms(glossary)
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
        source=source,
    )
    index.concepts = _find_concepts(index, build_matcher(glossary))
    return index


def _locate(job: tuple[str, str, tuple[str, ...]]) -> list[tuple[str, int, int, int]]:
    text, language, words = job
    return locate_tokens(text, language=language, user_words=words)


def _sentence_starts(corpus, docs: pd.DataFrame) -> list[list[int]]:
    sentences = getattr(corpus, "sentences", None)
    if sentences is None or sentences.empty:
        return [[] for _ in range(len(docs))]
    grouped = {d: sorted(g["start"].tolist()) for d, g in sentences.groupby("doc_id", sort=False)}
    return [grouped.get(d, []) for d in docs["doc_id"]]


def _find_concepts(index: TermIndex, matcher: ConceptMatcher) -> pd.DataFrame:
    """Every concept occurrence, renderings, key words and Chinese terms alike, longest first."""
    rows = []
    term_concepts = [matcher.zh_terms.get(t) for t in index.vocabulary]
    is_term = np.asarray([c is not None for c in term_concepts] + [False])
    # Tokens that are a glossary term, and where each document's share of them starts.
    positions = np.flatnonzero(is_term[index.token_term]) if len(index.token_term) else []
    starts = np.searchsorted(
        np.asarray(index.token_doc)[positions], np.arange(len(index.texts) + 1)
    )
    for number, text in enumerate(index.search_texts):
        found = [(a, b, c, LISTED) for a, b, c in matcher.find_english(text)]
        for k in positions[starts[number] : starts[number + 1]]:
            concept = term_concepts[index.token_term[k]]
            found.append((int(index.token_start[k]), int(index.token_end[k]), concept, LISTED))
        found += [(a, b, c, KEY_WORDS) for a, b, c in matcher.find_key_words(text)]
        # Longest first; on a tie a listed rendering before key words (the sort is stable).
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        last_end, doc_id = -1, index.documents.at[number, "doc_id"]
        for start, end, concept, rule in found:
            if start >= last_end:
                sentence = index.sentence_of(number, start)
                match = index.texts[number][start:end]
                rows.append((doc_id, concept, start, end, match, sentence, number, rule))
                last_end = end
    columns = ["doc_id", "concept", "start", "end", "match", "sentence", "doc", "rule"]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------------------- context


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


def cut_context(text: str, start: int, end: int, *, width: int) -> tuple[str, str]:
    """Cut the keyword-in-context window around a match: ``width`` columns either side.

    Args:
        text: The document's text on one line (see :attr:`TermIndex.line_texts`).
        start: Where the match starts.
        end: Where it ends.
        width: Columns on each side (a Chinese character is two columns).

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


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()  # "" is not


__all__ = ["KEY_WORDS", "LISTED", "TermIndex", "build_index", "cut_context", "index_corpus"]
