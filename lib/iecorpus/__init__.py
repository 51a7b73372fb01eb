"""Load, clean and analyse a corpus of industry-education integration (产教融合) articles."""

from .clean import clean_document, load_rules, restore_raw
from .corpus import Corpus, load_corpus, read_manifest
from .dates import find_dates, parse_date
from .reading import CorpusError, DocumentError, ManifestError, read_document
from .segment import detect_language, split_sentences

__version__ = "0.1.0"

__all__ = [
    "Corpus",
    "CorpusError",
    "DocumentError",
    "ManifestError",
    "clean_document",
    "detect_language",
    "find_dates",
    "load_corpus",
    "load_rules",
    "parse_date",
    "read_document",
    "read_manifest",
    "restore_raw",
    "split_sentences",
]
