"""The term index: concepts found in every rendering and language, built once per corpus."""

import shutil

import pytest

from iecorpus import glossary as glossary_module
from iecorpus import load_corpus, paths
from iecorpus.corpus import Corpus
from iecorpus.glossary import load_glossary
from iecorpus.index import cut_context, index_corpus
from iecorpus.terms import concordance, count_concepts, locate_concepts
from iecorpus.testing import corpus_of_snippets

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
