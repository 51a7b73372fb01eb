"""Load, clean and analyse a corpus of industry-education integration (产教融合) articles."""

from importlib import import_module

from .provenance import package_version
from .provenance import provenance as provenance  # the function, not the module of that name

#: Where each public name of the package lives. A name is imported from its module the first
#: time it is used, so ``import iecorpus`` (or ``from iecorpus import paths``) costs no pandas,
#: matplotlib, scikit-learn or jieba: a notebook or command pays only for what it uses.
_LOCATIONS = {
    "Corpus": "corpus",
    "CorpusError": "reading",
    "DocumentError": "reading",
    "ManifestError": "reading",
    "TopicModel": "topics",
    "choose_k": "topics",
    "cite_documents": "sources",
    "clean_document": "clean",
    "compare_keyness": "terms",
    "compute_trends": "terms",
    "concordance": "terms",
    "count_concepts": "terms",
    "count_terms": "terms",
    "describe_corpus": "export",
    "detect_language": "segment",
    "distinctive_terms": "terms",
    "export_table": "export",
    "extract_events": "events",
    "find_collocates": "terms",
    "find_concept": "glossary",
    "find_dates": "dates",
    "find_event_mentions": "events",
    "find_temporal_expressions": "temporal",
    "find_undated_events": "events",
    "fit_topics": "topics",
    "index_corpus": "index",
    "load_corpus": "corpus",
    "load_glossary": "glossary",
    "load_milestones": "events",
    "load_rules": "clean",
    "locate_concepts": "terms",
    "parse_date": "dates",
    "plot_timeline": "events",
    "read_document": "reading",
    "read_manifest": "corpus",
    "restore_raw": "clean",
    "score_events": "events",
    "split_sentences": "segment",
    "sweep_topics": "topics",
    "to_simplified": "chinese",
    "tokenize": "tokens",
    "write_workbook": "export",
}

__version__ = package_version()

__all__ = sorted([*_LOCATIONS, "provenance"])


def __getattr__(name: str):
    """Import a public name from its module on first use (PEP 562)."""
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next use is a plain attribute
    return value


def __dir__() -> list[str]:
    """List the public names with the module's own, for completion in a notebook."""
    return sorted({*globals(), *__all__})
