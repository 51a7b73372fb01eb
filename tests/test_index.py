"""The term index: concepts found in every rendering and language, built once per corpus."""

import shutil

import numpy as np
import pandas as pd
import pytest

from iecorpus import glossary as glossary_module
from iecorpus import load_corpus, paths
from iecorpus.corpus import Corpus
from iecorpus.glossary import load_glossary
from iecorpus.index import TermIndex, build_index, cut_context, index_corpus, load_index
from iecorpus.terms import (
    compute_trends,
    concordance,
    count_concepts,
    count_terms,
    find_collocates,
    locate_concepts,
    summarize_concepts,
)
from iecorpus.testing import corpus_of_snippets
from iecorpus.tokens import locate_tokens

ZH_DIR = paths.EXAMPLE_ZH_DIR


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def zh_corpus():
    return load_corpus(ZH_DIR)


make_corpus = corpus_of_snippets


def concepts_of(text, language="en"):
    table = count_concepts(make_corpus(text, language=language))
    table = table[table["count"] > 0]  # not the broader concepts counted through narrower ones
    return dict(zip(table["concept"], table["count"], strict=True))


# ---------------------------------------------------------------------------- concepts


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "We deepen the integration of industry and education.",
            "en",
            {"industry_education_integration": 1},
        ),
        (
            "the Industry–Education Integration and industry education integration",
            "en",
            {"industry_education_integration": 2},
        ),
        # the longer rendering wins, and the span counts once
        (
            "the application for industry-education-integrated enterprises",
            "en",
            {"integrated_enterprise": 1},
        ),
        ("1+X Vocational Skill Level Certificate", "en", {"one_plus_x_certificate": 1}),
        ("the essence of the “1+X” certificate system", "en", {"one_plus_x_certificate": 1}),
        (
            "education chain, talent chain, industry chain, and innovation chain",
            "en",
            {"four_chains": 1},
        ),
        ("The 1X, 11+X and 1+XY programmes", "en", {}),
        ("an industrial colleges' fund", "en", {"industrial_college": 1}),
        ("integration of industries and educations", "en", {"industry_education_integration": 1}),
        # Chinese: segmented tokens, simplified or traditional
        (
            "深化产教融合、校企合作，建设产教融合型企业。",
            "zh",
            {
                "industry_education_integration": 1,
                "school_enterprise_cooperation": 1,
                "integrated_enterprise": 1,
            },
        ),
        (
            "推動產教融合與校企合作走深走實",
            "zh",
            {"industry_education_integration": 1, "school_enterprise_cooperation": 1},
        ),
        ("开展1+X证书制度试点", "zh", {"one_plus_x_certificate": 1}),
        ("建设50个左右市域产教联合体", "zh", {"municipal_consortium": 1}),
        # Chinese inside an English page
        (
            "the policy of 产教融合 (industry-education integration)",
            "en",
            {"industry_education_integration": 2},
        ),
    ],
)
def test_concepts_are_found_in_every_rendering_once(text, language, expected):
    assert concepts_of(text, language) == expected


def test_a_chinese_page_lands_on_the_same_concepts_as_its_english_counterpart(corpus, zh_corpus):
    english = count_concepts(corpus).query("doc_id == '000_2631aee1e2903283'")
    english = dict(zip(english["concept"], english["count"], strict=True))
    chinese = count_concepts(zh_corpus)
    for doc_id in ("bewg-pilot-zh-hans", "bewg-pilot-zh-hant"):
        part = chinese[chinese["doc_id"] == doc_id]
        found = dict(zip(part["concept"], part["count"], strict=True))
        # “产、学、研、用、创” is written with enumeration commas in Chinese: no term to match
        assert set(english) - set(found) == {"industry_university_research"}
        assert set(found) <= set(english)
        for concept in (
            "industry_education_integration",
            "school_enterprise_cooperation",
            "integrated_enterprise",
        ):
            assert found[concept] == english[concept]


def test_traditional_and_simplified_pages_count_the_same(zh_corpus):
    table = count_concepts(zh_corpus).pivot_table(index="concept", columns="doc_id", values="count")
    assert (table["bewg-pilot-zh-hans"] == table["bewg-pilot-zh-hant"]).all()


def test_matches_keep_the_original_characters(zh_corpus):
    found = locate_concepts(zh_corpus)
    traditional = found[found["doc_id"] == "bewg-pilot-zh-hant"]
    assert "產教融合" in set(traditional["match"])
    text = zh_corpus.documents.set_index("doc_id").at["bewg-pilot-zh-hant", "text"]
    assert all(
        text[s:e] == m
        for s, e, m in zip(
            traditional["start"], traditional["end"], traditional["match"], strict=True
        )
    )


# ---------------------------------------------------------------------------- the index


def test_the_corpus_is_tokenized_once(corpus):
    index = index_corpus(corpus)
    assert index_corpus(corpus) is index
    concordance(corpus, "1+X")
    assert index_corpus(corpus) is index
    copy = Corpus(
        corpus.documents.head(2).copy(),
        corpus.paragraphs,
        corpus.sentences,
        corpus.removed,
        corpus.problems,
    )
    assert len(index_corpus(copy).documents) == 2


def test_refresh_rebuilds_after_an_edit_in_place():
    corpus = make_corpus("school-enterprise cooperation")
    assert len(count_concepts(corpus)) == 1
    corpus.documents.loc[0, "text"] = "nothing to count"
    assert len(count_concepts(corpus)) == 1  # the index is kept...
    index_corpus(corpus, refresh=True)
    assert count_concepts(corpus).empty  # ...until it is refreshed


def test_a_corpus_of_your_own_folder(tmp_path):
    shutil.copy(paths.EXAMPLES_DIR / "zh-demo-page.txt", tmp_path)
    demo = load_corpus(tmp_path)
    found = dict(zip(*count_concepts(demo)[["concept", "count"]].T.values, strict=True))
    assert found["municipal_consortium"] == 2
    assert found["industry_education_integration"] == 1  # written 產教融合 on the page


@pytest.mark.parametrize("query", ["-", " ", '""', "“”", "--"])
def test_a_query_of_only_separators_finds_nothing(query):
    from iecorpus import load_corpus
    from iecorpus.terms import concordance

    assert concordance(load_corpus(), query).empty


# ---------------------------------------------------------------------------- kept on the corpus


def test_the_index_is_kept_on_its_corpus():
    corpus = make_corpus("school-enterprise cooperation")
    assert not corpus.has_index()
    index = corpus.index()
    assert corpus.has_index()
    assert index_corpus(corpus) is index
    assert index_corpus(index) is index
    assert corpus.index(refresh=True) is not index


def test_another_glossary_table_builds_another_index():
    corpus = make_corpus("school-enterprise cooperation and 1+X certificates")
    default = corpus.index()
    glossary = load_glossary()
    own = glossary[glossary["concept"] == "one_plus_x_certificate"]
    index = corpus.index(glossary=own)
    assert index is not default
    assert corpus.index(glossary=own) is index  # the same table: kept
    assert set(index.concepts["concept"]) == {"one_plus_x_certificate"}
    assert set(corpus.index().concepts["concept"]) == {
        "school_enterprise_cooperation",
        "one_plus_x_certificate",
    }


def test_an_edited_glossary_file_rebuilds_the_index(tmp_path, monkeypatch):
    path = tmp_path / "glossary.csv"
    shutil.copy(glossary_module.GLOSSARY, path)
    monkeypatch.setattr(glossary_module, "GLOSSARY", path)
    corpus = make_corpus("school-enterprise cooperation")
    index = corpus.index()
    assert corpus.index() is index
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(line for line in lines if not line.startswith("school_enterprise_cooperation,")),
        encoding="utf-8",
    )
    assert not corpus.has_index()
    assert corpus.index() is not index
    assert corpus.index().concepts.empty


def test_the_index_tokenizes_with_the_chinese_terms_of_its_glossary(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text(
        "concept,label_en,label_zh,zh_terms,en_variants,note\n"
        "digital_craftsman,digital craftsman,数字工匠,数字工匠,digital craftsman,\n",
        encoding="utf-8",
    )
    corpus = make_corpus("培养数字工匠", language="zh")
    index = corpus.index(glossary=load_glossary(path))
    assert "数字工匠" in index.user_words
    assert index.tokenize("培养数字工匠", language="zh") == ["培养", "数字工匠"]
    assert list(index.concepts["concept"]) == ["digital_craftsman"]


# ---------------------------------------------------------------------------- searching


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("Talents and talent, not talented.", "talent", ["Talents", "talent"]),
        ("school-enterprise and school enterprise", "school enterprise", 2),
        ("the 1+X pilot, 11+X", "1+X", ["1+X"]),
        ("推動產教融合", "产教融合", ["產教融合"]),
        ("anything", "“”", []),
    ],
)
def test_find_phrase_takes_any_separator_and_plural(text, query, expected):
    index = make_corpus(text).index()
    found = index.find_phrase(query)
    assert list(found.columns) == ["doc", "start", "end"]
    matches = [text[a:b] for a, b in zip(found["start"], found["end"], strict=True)]
    assert matches == expected if isinstance(expected, list) else len(matches) == expected


def test_find_names_the_concept_unless_literal():
    corpus = make_corpus("industry-education integration, integration of industry and education")
    index = corpus.index()
    concept, found = index.find("产教融合")
    assert concept == "industry_education_integration"
    assert len(found) == 2
    concept, found = index.find("industry-education integration", literal=True)
    assert concept is None
    assert len(found) == 1


@pytest.mark.parametrize(
    ("text", "match", "width", "expected"),
    [
        ("we deepen the integration of it", "integration", 12, ("deepen the", "of it")),
        ("abcdefghij KEY klmnopqrst", "KEY", 6, ("", "")),  # cut words are left out
        ("产教融合型企业建设", "型", 4, ("融合", "企业")),  # a Chinese character is two columns
        ("one.  two KEY three", "KEY", 20, ("one. two", "three")),
    ],
)
def test_cut_context_keeps_whole_words_within_the_width(text, match, width, expected):
    start = text.index(match)
    assert cut_context(text, start, start + len(match), width=width) == expected


# ---------------------------------------------------------------------------- arrays, partitions, saving

TOKEN_ARRAYS = ["token_term", "token_start", "token_end", "token_run", "token_bounds", "token_doc"]


def assert_same_index(a, b):
    """Two indexes hold the same tokens, concepts and texts, and answer the same."""
    assert a.vocabulary == b.vocabulary
    assert a.term_ids == b.term_ids
    for name in TOKEN_ARRAYS:
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert np.array_equal(a.term_frequencies, b.term_frequencies)
    assert a.texts == b.texts
    assert a.search_texts == b.search_texts
    assert a.sentence_starts == b.sentence_starts
    pd.testing.assert_frame_equal(a.documents, b.documents)
    pd.testing.assert_frame_equal(a.concepts, b.concepts)
    for x, y in zip(a.features, b.features, strict=True):
        assert np.array_equal(np.asarray(x), np.asarray(y))


QUERIES = [
    lambda i: count_terms(i, ngram=(1, 3)),
    lambda i: count_terms(i, ngram=1, by="doc_id"),
    count_concepts,
    summarize_concepts,
    lambda i: concordance(i, "产教融合"),
    lambda i: concordance(i, "vocational education", literal=True),
    lambda i: find_collocates(i, "talent"),
    lambda i: find_collocates(i, "校企合作"),
    lambda i: compute_trends(i, concepts=["产教融合"], terms=["talent"]),
    lambda i: i.find("产教融合")[1],
    lambda i: i.find_phrase("school-enterprise"),
]


@pytest.mark.parametrize("size", [1, 2, 1000])
def test_any_partition_size_builds_the_same_index(corpus, zh_corpus, size):
    for one in (corpus, zh_corpus):
        assert_same_index(build_index(one, partition_size=size), index_corpus(one))


def test_the_token_arrays_are_per_document_arrays(corpus):
    index = index_corpus(corpus)
    assert index.token_term.dtype == np.int32 and index.token_start.dtype == np.int32
    bounds = index.token_bounds
    assert bounds[0] == 0 and bounds[-1] == len(index.token_term)
    assert np.diff(bounds).tolist() == index.documents["n_tokens"].tolist()
    for doc in range(len(index.documents)):
        a, b = bounds[doc], bounds[doc + 1]
        located = locate_tokens(
            index.texts[doc],
            language=index.documents.at[doc, "language"],
            user_words=index.user_words,
        )
        assert [index.vocabulary[t] for t in index.token_term[a:b]] == [t[0] for t in located]
        assert index.token_start[a:b].tolist() == [t[1] for t in located]
        assert (index.token_doc[a:b] == doc).all()


def test_a_saved_index_reopens_and_answers_every_query_the_same(zh_corpus, corpus, tmp_path):
    for number, one in enumerate((corpus, zh_corpus)):
        index = index_corpus(one)
        folder = index.save(tmp_path / f"index{number}")
        again = load_index(folder)
        assert_same_index(again, index)
        pd.testing.assert_frame_equal(again.glossary, index.glossary)
        for query in QUERIES:
            pd.testing.assert_frame_equal(query(again), query(index))
        assert repr(TermIndex.open(folder)) == repr(index)
        assert not again.describes(one)  # a corpus builds its own index


def test_an_empty_corpus_saves_and_reopens(tmp_path):
    index = index_corpus(corpus_of_snippets("the of and", language="en"))
    again = load_index(index.save(tmp_path / "empty"))
    assert len(again.token_term) == 0 and again.concepts.empty
    assert count_terms(again).empty


def test_a_folder_without_an_index_says_how_to_make_one(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"no saved term index.*TermIndex.save"):
        load_index(tmp_path)


def test_an_index_of_another_format_is_refused(corpus, tmp_path):
    folder = index_corpus(corpus).save(tmp_path / "old")
    (folder / "index.json").write_text('{"format": 0}', encoding="utf-8")
    with pytest.raises(ValueError, match="format 0.*build the index again"):
        load_index(folder)


@pytest.mark.slow
def test_a_build_on_two_dask_workers_is_the_serial_build(zh_corpus):
    from iecorpus import engine

    try:
        parallel = build_index(zh_corpus, workers=2, partition_size=1)
    finally:
        engine.close_cluster()
    assert_same_index(parallel, build_index(zh_corpus, workers=1))
