"""Load, clean and analyse a corpus of industry-education integration (产教融合) articles."""

from .clean import clean_document, load_rules, restore_raw
from .corpus import Corpus, load_corpus, read_manifest
from .dates import find_dates, parse_date
from .events import (
    extract_events,
    find_event_mentions,
    find_undated_events,
    load_milestones,
    plot_timeline,
    score_events,
)
from .export import describe_corpus, export_table, write_workbook
from .glossary import find_concept, load_glossary
from .index import index_corpus
from .provenance import package_version, provenance
from .reading import CorpusError, DocumentError, ManifestError, read_document
from .segment import detect_language, split_sentences
from .sources import cite_documents
from .temporal import find_temporal_expressions
from .terms import (
    compare_keyness,
    compute_trends,
    concordance,
    count_concepts,
    count_terms,
    distinctive_terms,
    find_collocates,
    locate_concepts,
)
from .tokens import to_simplified, tokenize
from .topics import TopicModel, choose_k, fit_topics, sweep_topics

__version__ = package_version()

__all__ = [
    "Corpus",
    "CorpusError",
    "DocumentError",
    "ManifestError",
    "TopicModel",
    "choose_k",
    "cite_documents",
    "clean_document",
    "compare_keyness",
    "compute_trends",
    "concordance",
    "count_concepts",
    "count_terms",
    "describe_corpus",
    "detect_language",
    "distinctive_terms",
    "export_table",
    "extract_events",
    "find_collocates",
    "find_concept",
    "find_dates",
    "find_event_mentions",
    "find_temporal_expressions",
    "find_undated_events",
    "fit_topics",
    "index_corpus",
    "load_corpus",
    "load_glossary",
    "load_milestones",
    "load_rules",
    "locate_concepts",
    "parse_date",
    "plot_timeline",
    "provenance",
    "read_document",
    "read_manifest",
    "restore_raw",
    "score_events",
    "split_sentences",
    "sweep_topics",
    "to_simplified",
    "tokenize",
    "write_workbook",
]
