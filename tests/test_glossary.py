"""The glossary: its concepts, how a query names one, and what a bad file is told."""

import pytest

from iecorpus.glossary import GlossaryError, find_concept, load_glossary

# ---------------------------------------------------------------------------- the glossary


def test_glossary_has_the_concepts_of_the_policy_field():
    glossary = load_glossary()
    assert len(glossary) >= 20
    labels = set(glossary["label_zh"])
    for term in [
        "产教融合",
        "校企合作",
        "产教融合型企业",
        "1+X证书",
        "市域产教联合体",
        "现代学徒制",
    ]:
        assert term in labels
    assert glossary["concept"].is_unique
    assert all(glossary["zh_terms"].map(len) + glossary["en_variants"].map(len) > 0)


@pytest.mark.parametrize(
    ("query", "concept"),
    [
        ("integration of industry and education", "industry_education_integration"),
        ("industry-education integration", "industry_education_integration"),
        ("industry education integration", "industry_education_integration"),
        ("Industry–Education Integration", "industry_education_integration"),
        ("integration of production and education", "industry_education_integration"),
        ("产教融合", "industry_education_integration"),
        ("產教融合", "industry_education_integration"),
        ("industry-education-integrated enterprises", "integrated_enterprise"),
        ("integrated enterprises of industry and education", "integrated_enterprise"),
        ("integration enterprise of production and education", "integrated_enterprise"),
        ("school-enterprise cooperation", "school_enterprise_cooperation"),
        ("cooperation between schools and enterprises", "school_enterprise_cooperation"),
        ("1+X certificate", "one_plus_x_certificate"),
        ("1+X", "one_plus_x_certificate"),
        ("vocational education group", "vocational_education_group"),
        ("Institute of Industry", "industrial_college"),
        ("Industry College", "industrial_college"),
        ("modern apprenticeship", "modern_apprenticeship"),
        ("three educations", "three_education_reform"),
        ("double professionally-titled", "double_qualified_teacher"),
        ("双师型教师", "double_qualified_teacher"),
        ("industry_education_integration", "industry_education_integration"),
        ("talent", None),
    ],
)
def test_any_rendering_or_chinese_term_finds_its_concept(query, concept):
    assert find_concept(query) == concept


def write_glossary(tmp_path, rows):
    path = tmp_path / "glossary.csv"
    header = "concept,label_en,label_zh,zh_terms,en_variants,note\n"
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (["a,A,甲,甲乙,alpha,", "a,B,乙,丙丁,beta,"], "row 3: concept 'a' is listed twice"),
        (["a,A,甲,甲乙,alpha,", "b,B,乙,丙丁,Alphas,"], "already a rendering of 'a'"),
        (["a,A,甲,,,"], "has neither zh_terms nor en_variants"),
        (["Bad Id,A,甲,甲乙,alpha,"], "must be lower-case letters"),
    ],
)
def test_bad_glossary_rows_are_named_with_what_to_do(tmp_path, rows, message):
    with pytest.raises(GlossaryError, match=message) as error:
        load_glossary(write_glossary(tmp_path, rows))
    assert "glossary.csv" in str(error.value)


def test_missing_glossary_or_column_says_what_to_do(tmp_path):
    with pytest.raises(GlossaryError, match="does not exist. Restore data/glossary.csv"):
        load_glossary(tmp_path / "nope.csv")
    path = tmp_path / "glossary.csv"
    path.write_text("concept,label_en\nx,X\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="lacks the column.*zh_terms"):
        load_glossary(path)


# ---------------------------------------------------------------------------- key words and hierarchy

IEI = "industry_education_integration"


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("we will deepen the integration of education and industry", IEI),
        ("education–production integration in the county", IEI),
        ("an education-industry integration platform", IEI),
        ("promoting industry and education integrating", IEI),
        ("the integration between production and education was praised", IEI),
        ("the fusion of education with industry", IEI),
        ("Integration Of Education And Industry", IEI),
        ("推进产业与教育深度融合", IEI),
        ("教育和产业融合发展", IEI),
        ("促进教育与产业紧密融合", IEI),
        ("enterprise-school cooperation", "school_enterprise_cooperation"),
        ("cooperation between enterprises and colleges", "school_enterprise_cooperation"),
        ("学校与企业合作", "school_enterprise_cooperation"),
        ("学校与合作企业", None),  # partner enterprises: in Chinese the head comes last
        ("融合教育与产业", None),
        ("the integration of science and education", "science_education_integration"),
        ("integrate vocational and general education", "vocational_general_integration"),
        # negatives: one key word missing, a content word or a comma between, a line break
        ("the integration of education resources", None),
        ("industrial structure integration", None),
        ("integration of education and training industry", None),
        ("industry, education, culture and tourism integration", None),
        ("the integrated development of industry and education", None),
        ("the integration of industry, academia and research", None),
        ("industry and education\n\nintegration", None),
        ("cooperation between schools, enterprises, schools and schools", None),
        ("产业结构融合", None),
        ("教育资源融合", None),
        ("产城融合", None),
        ("产学研融合", None),
        ("构建教育和产业统筹融合发展格局", None),
    ],
)
def test_key_words_find_unlisted_word_orders_and_nothing_else(text, concept):
    from iecorpus.glossary import build_matcher

    found = build_matcher(load_glossary()).find_key_words(text)
    assert {c for _, _, c in found} == ({concept} if concept else set())


def test_key_words_cover_the_whole_mention():
    from iecorpus.glossary import build_matcher

    text = "We deepen the integration of education and industry."
    [(start, end, _)] = build_matcher(load_glossary()).find_key_words(text)
    assert text[start:end] == "integration of education and industry"


def test_narrower_concepts_are_listed_at_every_depth():
    from iecorpus.glossary import list_narrower

    below = list_narrower()
    assert below[IEI][0] == IEI
    assert {"integrated_enterprise", "industry_education_community", "industry_community"} <= set(
        below[IEI]
    )
    assert below["industry_education_community"] == [
        "industry_education_community",
        "industry_community",
    ]
    assert below["talent_cultivation"] == ["talent_cultivation"]


@pytest.mark.parametrize(
    ("broader", "message"),
    [("no_such_concept", "is not a concept"), ("b", "may not loop")],
)
def test_a_bad_broader_cell_is_named(tmp_path, broader, message):
    path = tmp_path / "glossary.csv"
    path.write_text(
        "concept,label_en,label_zh,zh_terms,en_variants,note,key_words,broader\n"
        f"a,A,甲,甲,a thing,,,{broader}\n"
        "b,B,乙,乙,b thing,,,a\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match=message):
        load_glossary(path)


def test_a_bad_key_words_cell_is_named(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text(
        "concept,label_en,label_zh,zh_terms,en_variants,key_words,note\na,A,甲,甲,a,only,\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match="two or more groups"):
        load_glossary(path)
