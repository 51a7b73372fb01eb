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

The tokens are kept as arrays (a term number, offsets and a run per token, and per document
where its tokens start), built partition by partition through :func:`iecorpus.engine.map_tasks`
(here, or on Dask workers) and merged over one vocabulary: they take 16 bytes a token.
:meth:`TermIndex.save` writes an index to a folder and :func:`load_index` reopens it.
"""

from __future__ import annotations

import bisect
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import engine
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
from .tokens import (
    TokenArrays,
    locate_token_arrays,
    merge_token_arrays,
    to_simplified,
    tokenize,
)

#: The ``rule`` of a concept occurrence written as a listed rendering or Chinese term.
LISTED = "listed"
#: The ``rule`` of one found by the concept's key words only (see ``key_words``).
KEY_WORDS = "key words"
#: Documents in one partition of a build: one task of :func:`iecorpus.engine.map_tasks`.
PARTITION_SIZE = 256
#: The version of the layout :meth:`TermIndex.save` writes (:meth:`TermIndex.open` checks it).
FORMAT_VERSION = 1
CONCEPT_COLUMNS = ["doc_id", "concept", "start", "end", "match", "sentence", "doc", "rule"]


@dataclass(eq=False)
class TermIndex:
    """A corpus tokenized once: content tokens, runs, concept occurrences and their offsets.

    Attributes:
        documents: One row per document: ``doc_id``, ``title``, ``date``, ``year``
            (``""`` when undated), ``language``, ``source``, ``n_tokens``.
        texts: Each document's cleaned text, as displayed.
        search_texts: The same with traditional characters made simplified (same offsets).
        vocabulary: The distinct content tokens; ``token_term`` indexes into it.
        token_term, token_start, token_end, token_run: One entry per content token of
            the corpus, documents in order: its term, offsets and run (tokens of one run
            were adjacent, with no stopword between them), as int32 arrays (``token_run``
            int64 past 2**31 runs); no Python object per token.
        token_bounds: Where each document's tokens start in those arrays, and last their
            end (a CSR layout: document ``d`` owns ``token_bounds[d]:token_bounds[d + 1]``);
            :attr:`token_doc` is derived from it.
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
    token_start: np.ndarray
    token_end: np.ndarray
    token_run: np.ndarray
    token_bounds: np.ndarray
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
        return self.token_bounds

    @property
    def token_doc(self) -> np.ndarray:
        """Per content token, its document's number (int32, made from :attr:`token_bounds`)."""
        if "token_doc" not in self.cache:
            numbers = np.arange(len(self.token_bounds) - 1, dtype=np.int32)
            self.cache["token_doc"] = np.repeat(numbers, np.diff(self.token_bounds))
        return self.cache["token_doc"]

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

    def save(self, path: str | Path) -> Path:
        """Write the index to a folder, to reopen it later without tokenizing again.

        Args:
            path: The folder (created if needed; files of an index saved there before
                are replaced).

        Returns:
            The folder. It holds ``tokens.npz`` (the token arrays, the documents' bounds
            and the sentence starts, as numpy arrays), ``vocabulary.json``, and
            ``documents.parquet``, ``texts.parquet``, ``concepts.parquet`` and
            ``glossary.parquet``, with ``index.json`` saying what it is.
        """
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        sizes = [len(s) for s in self.sentence_starts]
        sentences = np.fromiter(
            (v for starts in self.sentence_starts for v in starts), dtype=np.int64, count=sum(sizes)
        )
        np.savez(
            folder / "tokens.npz",
            term=self.token_term,
            start=self.token_start,
            end=self.token_end,
            run=self.token_run,
            bounds=self.token_bounds,
            frequencies=self.term_frequencies,
            sentence_starts=sentences,
            sentence_bounds=np.concatenate([[0], np.cumsum(sizes, dtype=np.int64)]),
        )
        (folder / "vocabulary.json").write_text(
            json.dumps(self.vocabulary, ensure_ascii=False), encoding="utf-8"
        )
        pairs = zip(self.search_texts, self.texts, strict=True)
        search = [s if s is not t else None for s, t in pairs]
        texts = pd.DataFrame({"text": self.texts, "search_text": pd.Series(search, dtype=object)})
        self.documents.to_parquet(folder / "documents.parquet", index=False)
        texts.to_parquet(folder / "texts.parquet", index=False)
        self.concepts.to_parquet(folder / "concepts.parquet", index=False)
        self.glossary.to_parquet(folder / "glossary.parquet", index=False)
        about = {
            "format": FORMAT_VERSION,
            "documents": len(self.documents),
            "tokens": len(self.token_term),
            "terms": len(self.vocabulary),
            "concepts": len(self.concepts),
        }
        (folder / "index.json").write_text(json.dumps(about, indent=1) + "\n", encoding="utf-8")
        return folder

    @classmethod
    def open(cls, path: str | Path) -> TermIndex:
        """Reopen an index written by :meth:`save` (see :func:`load_index`)."""
        return load_index(path)


def load_index(path: str | Path) -> TermIndex:
    """Reopen a term index written by :meth:`TermIndex.save`.

    Args:
        path: The folder it was saved to.

    Returns:
        The :class:`TermIndex`, answering every query as the saved one did; it does not
        know which corpus table it came from, so :meth:`TermIndex.describes` is false
        and :func:`index_corpus` on a corpus builds its own (pass the reopened index to
        the functions of :mod:`iecorpus.terms` instead of the corpus).

    Raises:
        FileNotFoundError: The folder holds no saved index.
        ValueError: It was saved in another layout.
    """
    folder = Path(path)
    about_file = folder / "index.json"
    if not about_file.is_file():
        raise FileNotFoundError(
            f"{folder} holds no saved term index (no index.json): save one with "
            "TermIndex.save(folder), or build it with index_corpus(corpus)."
        )
    about = json.loads(about_file.read_text(encoding="utf-8"))
    if about.get("format") != FORMAT_VERSION:
        raise ValueError(
            f"{about_file} is of format {about.get('format')!r}, this library reads "
            f"{FORMAT_VERSION}: build the index again with index_corpus(corpus) and save it."
        )
    with np.load(folder / "tokens.npz") as arrays:
        saved = {key: arrays[key] for key in arrays.files}
    vocabulary = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
    texts = pd.read_parquet(folder / "texts.parquet")
    text_list = [str(t) for t in texts["text"]]
    pairs = zip(texts["search_text"], text_list, strict=True)
    search = [s if isinstance(s, str) else t for s, t in pairs]  # missing: the text
    glossary = pd.read_parquet(folder / "glossary.parquet")
    for column in glossary.columns:  # lists come back as numpy arrays
        if len(glossary) and isinstance(glossary[column].iloc[0], np.ndarray):
            glossary[column] = [list(v) for v in glossary[column]]
    starts, bounds = saved["sentence_starts"].tolist(), saved["sentence_bounds"].tolist()
    concepts = pd.read_parquet(folder / "concepts.parquet")
    if concepts.empty:
        concepts = pd.DataFrame([], columns=CONCEPT_COLUMNS)
    index = TermIndex(
        documents=pd.read_parquet(folder / "documents.parquet"),
        texts=text_list,
        search_texts=search,
        vocabulary=vocabulary,
        term_ids={t: k for k, t in enumerate(vocabulary)},
        token_term=saved["term"],
        token_start=saved["start"],
        token_end=saved["end"],
        token_run=saved["run"],
        token_bounds=saved["bounds"],
        concepts=concepts,
        glossary=glossary,
        sentence_starts=[starts[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)],
    )
    index.cache["freq"] = saved["frequencies"]
    return index


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
    workers: int | None = None,
    processes: int | None = None,
    refresh: bool = False,
) -> TermIndex:
    """Tokenize a corpus once and find its concepts, or return the index already built.

    Args:
        corpus: A loaded :class:`~iecorpus.corpus.Corpus` (a :class:`TermIndex` is
            returned as it is).
        glossary: The concepts to find (default: ``data/glossary.csv``).
        workers: Workers for tokenizing a large corpus (see
            :func:`iecorpus.engine.resolve_workers`: 1 here, more on a Dask cluster;
            ``None`` reads ``IECORPUS_WORKERS``). The index is the same either way.
        processes: The older name of ``workers``, used when ``workers`` is not given.
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
    workers = workers if workers is not None else processes
    return corpus.index(glossary=glossary, processes=workers, refresh=refresh)


def build_index(
    corpus,
    *,
    glossary: pd.DataFrame | None = None,
    workers: int | None = None,
    processes: int | None = None,
    partition_size: int = PARTITION_SIZE,
) -> TermIndex:
    """Tokenize a corpus and find its concepts, every time (see :func:`index_corpus`).

    Args:
        corpus: A :class:`~iecorpus.corpus.Corpus`.
        glossary: The concepts to find (default: ``data/glossary.csv``).
        workers: Workers (see :func:`iecorpus.engine.resolve_workers`); 1 works here.
        processes: The older name of ``workers``, used when ``workers`` is not given.
        partition_size: Documents per task: each partition is tokenized and searched on
            its own, into arrays, and the pieces are merged (vocabulary union, term numbers
            remapped), so that memory grows with the arrays, not with Python objects.

    Returns:
        A new :class:`TermIndex`; nothing is kept. It is the same for any number of
        workers and any ``partition_size``.
    """
    source = (corpus.documents, len(corpus.documents), _glossary_stamp(glossary))
    glossary = glossary if glossary is not None else load_glossary()
    docs = corpus.documents
    texts = [str(t) for t in docs["text"]]
    languages = [lang if lang in ("en", "zh") else "en" for lang in docs["language"]]
    doc_ids = docs["doc_id"].astype(str).tolist()
    sentence_starts = _sentence_starts(corpus, docs)
    jobs = list(zip(doc_ids, texts, languages, sentence_starts, strict=True))
    with warnings.catch_warnings():
        # The partitions carry their texts on purpose: Dask's advice to load data on the
        # workers instead ("Sending large graph") would only be noise in a notebook.
        warnings.filterwarnings("ignore", message="Sending large graph")
        pieces = engine.map_tasks(
            _index_partition,
            engine.chunk(jobs, partition_size),
            workers=workers if workers is not None else processes,
            words=tuple(list_chinese_terms(glossary)),
            matcher=build_matcher(glossary),
        )
    del jobs
    tokens, remaps = merge_token_arrays([piece["tokens"] for piece in pieces])
    frequencies = np.zeros(len(tokens.vocabulary), dtype=np.int64)
    for remap, piece in zip(remaps, pieces, strict=True):
        frequencies[remap] += piece["frequencies"]  # a reduction: remap has no repeats
    simplified = [s for piece in pieces for s in piece["search"]]
    search = [t if s is None else s for s, t in zip(simplified, texts, strict=True)]
    documents = pd.DataFrame(
        {
            "doc_id": docs["doc_id"].astype(str).to_numpy(),
            "title": docs["title"].astype(str).to_numpy() if "title" in docs else "",
            "date": docs["date"].fillna("").astype(str).to_numpy(),
            "language": languages,
            "source": docs["source"].fillna("").astype(str).to_numpy() if "source" in docs else "",
            "n_tokens": tokens.sizes.astype(np.int64),
        }
    )
    documents.insert(
        3, "year", documents["date"].str[:4].where(documents["date"].str.len() >= 4, "")
    )
    index = TermIndex(
        documents=documents,
        texts=texts,
        search_texts=search,
        vocabulary=tokens.vocabulary,
        term_ids={t: k for k, t in enumerate(tokens.vocabulary)},
        token_term=tokens.term,
        token_start=tokens.start,
        token_end=tokens.end,
        token_run=_corpus_runs(tokens),
        token_bounds=tokens.bounds,
        concepts=_merge_concepts_of(pieces),
        glossary=glossary,
        sentence_starts=sentence_starts,
        source=source,
    )
    index.cache["freq"] = frequencies
    return index


def _corpus_runs(tokens: TokenArrays) -> np.ndarray:
    """Number the runs through the corpus: each document's runs follow the last one's."""
    bounds = tokens.bounds
    filled = tokens.sizes > 0
    after = np.zeros(len(tokens.sizes), dtype=np.int64)
    after[filled] = tokens.run[bounds[1:][filled] - 1].astype(np.int64) + 1
    offsets = np.concatenate([[0], np.cumsum(after)[:-1]]).astype(np.int64)
    runs = tokens.run.astype(np.int64) + np.repeat(offsets, tokens.sizes)
    if not len(runs) or runs[-1] < np.iinfo(np.int32).max:  # runs only grow
        runs = runs.astype(np.int32)
    return runs


def _merge_concepts_of(pieces: list[dict]) -> pd.DataFrame:
    """The partitions' concept occurrences, numbered by document through the corpus."""
    frames, offset = [], 0
    for piece in pieces:
        frame = piece["concepts"]
        if len(frame):
            frames.append(frame.assign(doc=frame["doc"] + offset))
        offset += len(piece["search"])
    if not frames:
        return pd.DataFrame([], columns=CONCEPT_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def _index_partition(
    jobs: list[tuple[str, str, str, list[int]]],
    *,
    words: tuple[str, ...],
    matcher: ConceptMatcher,
) -> dict:
    """Tokenize and search one partition of documents: the task of a build.

    Args:
        jobs: Per document, ``(doc_id, text, language, sentence_starts)``.
        words: The glossary's Chinese terms (jieba's user words).
        matcher: The glossary's concept matcher.

    Returns:
        ``tokens`` (:class:`~iecorpus.tokens.TokenArrays`), ``frequencies`` (per term of
        its vocabulary), ``search`` (per document its simplified text, or ``None`` where
        it is the text: only traditional text comes back) and ``concepts`` (numbered by
        document within the partition).
    """
    texts = [job[1] for job in jobs]
    tokens = locate_token_arrays(texts, languages=[job[2] for job in jobs], user_words=words)
    search = []
    for text in texts:
        simple = to_simplified(text)
        search.append(simple if simple != text else None)
    concepts = _find_concepts(jobs, search, tokens, matcher)
    frequencies = np.bincount(tokens.term, minlength=len(tokens.vocabulary))
    return {"tokens": tokens, "frequencies": frequencies, "search": search, "concepts": concepts}


def _sentence_starts(corpus, docs: pd.DataFrame) -> list[list[int]]:
    sentences = getattr(corpus, "sentences", None)
    if sentences is None or sentences.empty:
        return [[] for _ in range(len(docs))]
    keys = pd.Index(docs["doc_id"].astype(str))
    if not keys.is_unique:  # the same list for each copy of an id
        grouped = {d: sorted(g["start"].tolist()) for d, g in sentences.groupby("doc_id")}
        return [grouped.get(d, []) for d in docs["doc_id"]]
    position = keys.get_indexer(sentences["doc_id"].astype(str))
    starts = sentences["start"].to_numpy(dtype=np.int64)
    known = position >= 0
    position, starts = position[known], starts[known]
    order = np.lexsort((starts, position))
    bounds = np.searchsorted(position[order], np.arange(len(keys) + 1)).tolist()
    values = starts[order].tolist()
    return [values[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def _find_concepts(
    jobs: list, search: list, tokens: TokenArrays, matcher: ConceptMatcher
) -> pd.DataFrame:
    """Every concept occurrence, renderings, key words and Chinese terms alike, longest first."""
    rows = []
    term_concepts = [matcher.zh_terms.get(t) for t in tokens.vocabulary]
    is_term = np.asarray([c is not None for c in term_concepts] + [False])
    # Tokens that are a glossary term, and where each document's share of them starts.
    positions = np.flatnonzero(is_term[tokens.term]) if len(tokens.term) else np.zeros(0, int)
    starts = np.searchsorted(positions, tokens.bounds)
    for number, ((doc_id, text, _, sentence_starts), simple) in enumerate(
        zip(jobs, search, strict=True)
    ):
        simple = text if simple is None else simple
        found = [(a, b, c, LISTED) for a, b, c in matcher.find_english(simple)]
        for k in positions[starts[number] : starts[number + 1]]:
            concept = term_concepts[tokens.term[k]]
            found.append((int(tokens.start[k]), int(tokens.end[k]), concept, LISTED))
        found += [(a, b, c, KEY_WORDS) for a, b, c in matcher.find_key_words(simple)]
        # Longest first; on a tie a listed rendering before key words (the sort is stable).
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        last_end = -1
        for start, end, concept, rule in found:
            if start >= last_end:
                sentence = bisect.bisect_right(sentence_starts, start) - 1
                rows.append((doc_id, concept, start, end, text[start:end], sentence, number, rule))
                last_end = end
    return pd.DataFrame(rows, columns=CONCEPT_COLUMNS)


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


__all__ = [
    "KEY_WORDS",
    "LISTED",
    "PARTITION_SIZE",
    "TermIndex",
    "build_index",
    "cut_context",
    "index_corpus",
    "load_index",
]
