"""Tokens: English words, plurals and stopwords; Chinese segmentation, simplified and traditional."""

import subprocess
import sys

import jieba
import numpy as np
import opencc
import pytest

from iecorpus.terms import load_glossary
from iecorpus.tokens import (
    chinese_tokenizer,
    load_stopwords,
    locate_token_arrays,
    locate_tokens,
    merge_token_arrays,
    singularize,
    to_simplified,
    tokenize,
    tokenize_many,
    user_dictionary,
)

# ---------------------------------------------------------------------------- English


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hyphenated and 1+X-style terms stay whole
        (
            "deepen school-enterprise cooperation",
            ["deepen", "school-enterprise", "cooperation"],
        ),
        ("carry out the “1+X Certificate” pilot work", ["1+x", "certificate", "pilot", "work"]),
        (
            "the application for industry-education-integrated enterprises",
            ["application", "industry-education-integrated", "enterprise"],
        ),
        ("Industry–Education Integration", ["industry-education", "integration"]),
        ("enterprise on-the-job training", ["enterprise", "on-the-job", "training"]),
        ("the “14th Five-Year Plan”", ["14th", "five-year", "plan"]),
        # possessives and plurals
        (
            "General Secretary Xi Jinping’s important speech",
            ["general", "secretary", "xi", "jinping", "important", "speech"],
        ),
        (
            "15 enterprise experts’ campus activities",
            ["enterprise", "expert", "campus", "activity"],
        ),
        ("colleges and universities, order classes", ["college", "university", "order", "class"]),
        ("new approaches and processes", ["new", "approach", "process"]),
        ("news on economics and politics", ["news", "economics", "politics"]),
        # stopwords: general, domain (reporting verbs, filler), numbers
        ("He pointed out that the two parties said", ["party"]),
        ("a large number of talents", ["large", "talent"]),
        ("In 2020, 106 colleges", ["college"]),
        # an acronym that looks like a stopword is kept as written
        ("the emphasis of BUT on cooperation, but not", ["emphasis", "BUT", "cooperation"]),
        ("“Internet +” innovation", ["internet", "innovation"]),
        # Chinese inside English text goes the Chinese way
        ("The slogan 深化产教融合 (deepen)", ["slogan", "深化", "产教融合", "deepen"]),
    ],
)
def test_english_tokens(text, expected):
    assert tokenize(text, language="en") == expected


@pytest.mark.parametrize(
    ("word", "singular"),
    [
        ("talents", "talent"),
        ("universities", "university"),
        ("classes", "class"),
        ("approaches", "approach"),
        ("taxes", "tax"),
        ("bases", "base"),
        ("school-enterprises", "school-enterprise"),
        ("process", "process"),
        ("campus", "campus"),
        ("basis", "basis"),
        ("news", "news"),
        ("series", "series"),
        ("headquarters", "headquarters"),
        ("its", "its"),
    ],
)
def test_plurals_are_made_singular_by_rule(word, singular):
    assert singularize(word) == singular


def test_runs_break_at_stopwords_and_punctuation():
    text = "deepen the integration of industry and education, school-enterprise cooperation"
    tokens = locate_tokens(text, language="en")
    assert [text[s:e] for _, s, e, _ in tokens] == [
        "deepen",
        "integration",
        "industry",
        "education",
        "school-enterprise",
        "cooperation",
    ]
    runs = [run for *_, run in tokens]
    # "of", "and" and the comma separate; "school-enterprise cooperation" is one run
    assert len(set(runs[:4])) == 4
    assert runs[4] == runs[5]


def test_stopword_lists_come_from_data_and_domain_is_optional():
    assert {"the", "of", "and"} <= load_stopwords("en")
    assert "said" in load_stopwords("en")
    assert "said" not in load_stopwords("en", domain=False)
    assert {"我们", "指出", "the"} <= load_stopwords("zh")
    assert "deepen" not in load_stopwords("en")  # a policy verb, kept on purpose


@pytest.mark.parametrize("call", [tokenize, locate_tokens, load_stopwords])
def test_unknown_language_is_refused_with_advice(call):
    with pytest.raises(ValueError, match="'en' or 'zh'"):
        call("text", language="fr") if call is not load_stopwords else call("fr")


# ---------------------------------------------------------------------------- Chinese


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("深化产教融合、校企合作。", ["深化", "产教融合", "校企合作"]),
        (
            "北控水务入选北京市首批产教融合型企业试点",
            ["北控", "水务", "入选", "北京市", "首批", "产教融合型企业", "试点"],
        ),
        ("开展1+X证书制度试点", ["开展", "1+x证书制度", "试点"]),
        ("建设50个左右市域产教联合体", ["建设", "左右", "市域产教联合体"]),
        # traditional characters are counted as simplified ones
        ("推動產教融合與校企合作走深走實", ["推动", "产教融合", "校企合作", "走深", "走实"]),
        ("成立職業教育集團，推行現代學徒制", ["成立", "职业教育集团", "推行", "现代学徒制"]),
        # stopwords, single characters, numbers and punctuation go
        ("我们认为，这是2023年的重要工作。", ["重要", "工作"]),
    ],
)
def test_chinese_tokens(text, expected):
    assert tokenize(text, language="zh") == expected


def glossary_terms():
    return sorted(set(load_glossary()["zh_terms"].explode().dropna()))


TO_TRADITIONAL = opencc.OpenCC("s2t")


@pytest.mark.parametrize("term", glossary_terms())
def test_every_glossary_term_survives_segmentation_whole(term):
    t2s = term.lower()
    assert tokenize(term, language="zh") == [t2s]
    assert t2s in tokenize(f"各地积极推进{term}，取得明显成效。", language="zh")
    traditional = TO_TRADITIONAL.convert(term)
    assert tokenize(f"為推進{traditional}，各地出臺政策。", language="zh").count(t2s) == 1


def test_chinese_offsets_point_at_the_original_traditional_text():
    text = "各地推動產教融合型企業建設。"
    tokens = locate_tokens(text, language="zh")
    assert ("产教融合型企业", 4, 11) in [(t, s, e) for t, s, e, _ in tokens]
    assert text[4:11] == "產教融合型企業"


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("產教融合", "产教融合"),
        ("職業教育集團與雙師型教師", "职业教育集团与双师型教师"),
        ("臺灣的資訊發展", "台湾的资讯发展"),
        ("English text and 1+X", "English text and 1+X"),
    ],
)
def test_to_simplified_keeps_the_length(traditional, simplified):
    assert to_simplified(traditional) == simplified
    assert len(to_simplified(traditional)) == len(traditional)


def test_private_tokenizer_leaves_the_global_jieba_alone():
    tokenizer = chinese_tokenizer()
    assert tokenizer is not jieba.dt
    assert "产教融合型企业" in tokenizer.FREQ
    assert "产教融合型企业" not in jieba.dt.FREQ
    assert chinese_tokenizer() is tokenizer  # built once


def test_user_dictionary_lists_every_glossary_term_with_a_frequency():
    lines = user_dictionary().splitlines()
    terms = {line.rsplit(" ", 1)[0] for line in lines}
    assert set(glossary_terms()) == terms
    assert all(int(line.rsplit(" ", 1)[1]) > 0 for line in lines)


def test_jieba_prints_nothing_to_stderr():
    # Notebooks compare stderr: "Building prefix dict ..." must not appear.
    code = "from iecorpus.tokens import tokenize; print(tokenize('产教融合', language='zh'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['产教融合']"
    assert result.stderr == ""


MIXED = [
    ("深化产教融合、校企合作。", "zh"),
    ("推動產教融合與校企合作", "zh"),
    ("1+X證書制度試點", "zh"),
    ("Deepen the integration of industry and education, and school-enterprise cooperation.", "en"),
    ("", "en"),
    ("the of and", "en"),
    ("Universities 推进产教融合 and talents", "en"),
]


@pytest.mark.parametrize("chunksize", [1, 2, 64])
def test_tokenize_many_in_chunks_gives_the_same_tokens(chunksize):
    texts = [text for text, language in MIXED if language == "zh"] * 4
    assert tokenize_many(texts, language="zh", workers=1, chunksize=chunksize) == [
        tokenize(t, language="zh") for t in texts
    ]


@pytest.mark.slow
def test_tokenize_many_on_two_dask_workers_gives_the_same_tokens():
    from iecorpus import engine

    texts = [text for text, language in MIXED if language == "zh"] * 4
    try:
        found = tokenize_many(texts, language="zh", workers=2, chunksize=3)
        again = tokenize_many(texts, language="zh", workers=2, chunksize=2)  # same arguments
    finally:
        engine.close_cluster()
    assert found == again == [tokenize(t, language="zh") for t in texts]


def test_token_arrays_hold_what_locate_tokens_finds():
    texts, languages = zip(*MIXED, strict=True)
    arrays = locate_token_arrays(texts, languages=languages)
    assert arrays.term.dtype == np.int32 and arrays.sizes.dtype == np.int64
    bounds = arrays.bounds
    for k, (text, language) in enumerate(MIXED):
        a, b = bounds[k], bounds[k + 1]
        found = list(
            zip(
                [arrays.vocabulary[t] for t in arrays.term[a:b]],
                arrays.start[a:b].tolist(),
                arrays.end[a:b].tolist(),
                arrays.run[a:b].tolist(),
                strict=True,
            )
        )
        assert found == locate_tokens(text, language=language)


def test_merged_pieces_are_one_pass_over_all_texts():
    texts, languages = zip(*MIXED, strict=True)
    whole = locate_token_arrays(texts, languages=languages)
    pieces = [
        locate_token_arrays(texts[a : a + 3], languages=languages[a : a + 3])
        for a in range(0, len(texts), 3)
    ]
    merged, remaps = merge_token_arrays(pieces)
    assert merged.vocabulary == whole.vocabulary
    for name in ("term", "start", "end", "run", "sizes"):
        assert np.array_equal(getattr(merged, name), getattr(whole, name)), name
    assert [len(r) for r in remaps] == [len(p.vocabulary) for p in pieces]
    empty, _ = merge_token_arrays([])
    assert empty.vocabulary == [] and len(empty.term) == 0 and empty.bounds.tolist() == [0]


def test_token_arrays_refuse_an_unknown_language():
    with pytest.raises(ValueError, match="'fr' is not supported"):
        locate_token_arrays(["bonjour"], languages=["fr"])
