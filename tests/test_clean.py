"""The cleaner keeps the article body, removes the page around it, and accounts for every change."""

import ast
import re

import pytest

from iecorpus import paths
from iecorpus.clean import clean_document, load_rules, parse_header_line, restore_raw


def clean(raw):
    return clean_document(raw)


def audit_restores(raw, cleaned):
    spans = [
        (s, raw[e.start : e.end], e.replacement)
        for s, e in zip(cleaned.clean_starts, cleaned.edits, strict=True)
    ]
    return restore_raw(cleaned.text, spans) == raw


# ---------------------------------------------------------------- artefacts and inline noise


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # machine translation's "Essence" for 。
        (
            "in the energy and material industry in the province Essence",
            "in the energy and material industry in the province.",
        ),
        (
            "the conference of Zhengzhou Electric Power Higher School. Essence",
            "the conference of Zhengzhou Electric Power Higher School.",
        ),
        ("units. Essence The group will grow.", "units. The group will grow."),
        ("member units Essence The group will grow.", "member units. The group will grow."),
        # ... real text stays
        ("the connection and integration of them is the essence of the system.", None),
        ("The Essence of Reform is a book on vocational education.", None),
        ("Its Essence lies in cooperation.", None),
        # spaced hyphens
        (
            "promote the high -quality development of the industry",
            "promote the high-quality development of the industry",
        ),
        (
            "a second -level inspector and co -construction",
            "a second-level inspector and co-construction",
        ),
        ("the 2020 -2023 action plan and a - b", None),
        # punctuation left over
        (
            "Materials Vocational Education Group. , Create new performance.",
            "Materials Vocational Education Group. Create new performance.",
        ),
        ("What did the meeting reveal at BEWG ?", "What did the meeting reveal at BEWG?"),
        (
            "“Water Environment Monitoring and Governance” , and work with partners",
            "“Water Environment Monitoring and Governance”, and work with partners",
        ),
        (
            "“Monitoring and Governance”\u00a0, and work with partners",
            "“Monitoring and Governance”, and work with partners",
        ),
        # white space
        ("such key tasks  as faculty building", "such key tasks as faculty building"),
        ("\u00a0To thoroughly implement the plan.   ", "To thoroughly implement the plan."),
        # Chinese
        (
            "为深入贯彻全国职业教育大会精神，尊龙凯时各地积极推进产教融合。",
            "为深入贯彻全国职业教育大会精神，各地积极推进产教融合。",
        ),
        (
            "\u3000\u3000今年３月２３日，某省提出到２０２５年建设１０个市域产教联合体。",
            "今年3月23日，某省提出到2025年建设10个市域产教联合体。",
        ),
        (
            "臺灣推動產教融合（chǎn jiào róng hé）與校企合作（xiào qǐ hé zuò），成效顯著。",
            "臺灣推動產教融合與校企合作，成效顯著。",
        ),
        ("北控水務（BEWG）參與其中，推进1+X证书（试点）。", None),
        ("推进产教融合。【责任编辑：王五】", "推进产教融合。"),
    ],
)
def test_inline_repairs_without_damaging_real_text(body, expected):
    raw = f"A headline\n\n{body}\n"
    cleaned = clean(raw)
    assert cleaned.text == (body.strip() if expected is None else expected)
    assert audit_restores(raw, cleaned)


# ---------------------------------------------------------------- page furniture

PAGES = [
    pytest.param(
        "• 尊龙凯时\n\n    News detail\n\n    New identity! BEWG selected as a pilot enterprise 2021-05-26\n\n"
        "    On May 26, BEWG was selected.\n    It is the only unit.\n\nEN",
        ["On May 26, BEWG was selected.", "It is the only unit."],
        {"title": "New identity! BEWG selected as a pilot enterprise", "date": "2021-05-26"},
        id="english-news-page",
    ),
    pytest.param(
        "A group is set up\n\nAuthor:Mengye News Time:2022.07.07\n\nElephant Journalist Mi Fangjie Correspondent Shi Hang\n\n"
        "On July 6, the group unveiled.\n\n- END -\n\nOur city held a skills competition\n\nThe picture shows the s...\n",
        ["On July 6, the group unveiled."],
        {"title": "A group is set up", "date": "2022-07-07", "author": "Mengye"},
        id="byline-and-end-mark",
    ),
    pytest.param(
        "How can enterprises exert their efforts?, Deepen integration\n\nRelease time:Apr 16, 2024 21:51 PM\n\n"
        "Deepening integration is the only way.\n\nWe must act together.\n\n"
        "Thinker | Sun Jianping: How to answer this question well?\nThinker | Sun Jianping: How to answer this question well?\n\n"
        "Balancing development and security are major principles.\n\n"
        "Decision to appoint a Vice Mayor | Situation | Shanghai",
        ["Deepening integration is the only way.", "We must act together."],
        {
            "title": "How can enterprises exert their efforts?, Deepen integration",
            "date": "2024-04-16",
        },
        id="duplicated-headline-sidebar",
    ),
    pytest.param(
        "Industrial colleges grow\n\nThe ministry named 50 industrial colleges.\n\nMore colleges will follow.\n\n"
        "Students win a labour contest\n\nThe picture shows the young and middle school students' contest s...\n\n"
        "Finance issued 2.58 billion yuan\n\nOn July 1, the department said that the provin...",
        ["The ministry named 50 industrial colleges.", "More colleges will follow."],
        {"title": "Industrial colleges grow"},
        id="truncated-teasers",
    ),
    pytest.param(
        "首页 > 新闻中心 > 正文\n教育部：深化产教融合 推进校企合作\n"
        "发布时间：2021年5月26日 10:30\u3000来源：中国教育报\u3000作者：张三\n"
        "\u3000\u3000为深入贯彻大会精神，各地积极推进产教融合型企业建设。\n"
        "\u3000\u3000今年3月23日，某省印发《方案》。\n（完）\n"
        "上一篇：关于开展1+X证书制度试点工作的通知\n下一篇：某市召开职业教育工作会议\n"
        "声明：本文转载自其他媒体，不代表本站观点。\n本文地址：http://example.cn/a/1.html\n",
        ["为深入贯彻大会精神，各地积极推进产教融合型企业建设。", "今年3月23日，某省印发《方案》。"],
        {
            "title": "教育部：深化产教融合 推进校企合作",
            "date": "2021-05-26",
            "source": "中国教育报",
            "author": "张三",
        },
        id="chinese-page",
    ),
    pytest.param(
        "產教融合新進展\n2023年4月18日\n記者 王小明\n"
        "教育部推動市域產教聯合體（shì yù chǎn jiào lián hé tǐ）建設。\n相关阅读：\n職教集團成立\n",
        ["教育部推動市域產教聯合體建設。"],
        {"title": "產教融合新進展", "date": "2023-04-18"},
        id="traditional-page-with-pinyin",
    ),
    pytest.param(
        "Deepen the integration of industry and education, said the report.",
        ["Deepen the integration of industry and education, said the report."],
        {"title": None},
        id="one-line-is-body-not-title",
    ),
]


@pytest.mark.parametrize(("raw", "paragraphs", "meta"), PAGES)
def test_pages_keep_the_body_and_nothing_else(raw, paragraphs, meta):
    cleaned = clean(raw)
    assert cleaned.text.split("\n\n") == paragraphs
    for key, value in meta.items():
        assert getattr(cleaned, key) == value, key
    assert audit_restores(raw, cleaned)


def test_every_removal_has_a_reason_from_the_documented_list():
    documented = re.findall(
        r"[a-z-]+", clean_document.__module__ and __import__("iecorpus.clean").clean.__doc__
    )
    for raw, _, _ in (p.values for p in PAGES):
        for edit in clean(raw).edits:
            assert edit.reason in documented


def test_the_audit_reproduces_the_raw_text_for_crlf_and_tabs():
    raw = "Title\r\n\r\n\tBody one.\t\r\n\r\n\r\n Body two.  \r\n"
    cleaned = clean(raw.replace("\r\n", "\n"))
    assert cleaned.text == "Body one.\n\nBody two."
    assert audit_restores(raw.replace("\r\n", "\n"), cleaned)


def test_hard_wrapped_text_is_joined_into_paragraphs():
    raw = (
        "A report on industrial colleges\n\n"
        "The ministry named fifty industrial colleges in\n"
        "twelve provinces and asked enterprises to take\n"
        "part in teaching.\n\n"
        "Each college signs an agreement with at least\n"
        "three enterprises and reports every year.\n"
    )
    cleaned = clean(raw)
    assert cleaned.text.split("\n\n") == [
        "The ministry named fifty industrial colleges in twelve provinces and asked enterprises to take part in teaching.",
        "Each college signs an agreement with at least three enterprises and reports every year.",
    ]
    assert audit_restores(raw, cleaned)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Author:Mengye News Time:2022.07.07",
            {"author": "Mengye", "date": "2022-07-07", "date_precision": "day"},
        ),
        ("Release time:Apr 16, 2024 21:51 PM", {"date": "2024-04-16", "date_precision": "day"}),
        (
            "2021-05-26 10:30 来源：人民网",
            {"date": "2021-05-26", "date_precision": "day", "source": "人民网"},
        ),
        ("来源: Xinhua | 2020-12-30", {"source": "Xinhua | 2020-12-30"}),
        ("The time: it is now.", None),
        ("On May 26, BEWG was selected.", None),
    ],
)
def test_header_lines_give_metadata(line, expected):
    assert parse_header_line(line, load_rules()) == expected


def test_a_broken_pattern_in_data_names_its_file_and_row(tmp_path):
    for name in ("spam.txt", "artefacts.csv", "header_labels.csv", "byline_words.txt"):
        (tmp_path / name).write_bytes((paths.CLEANING_DIR / name).read_bytes())
    (tmp_path / "boilerplate.csv").write_text(
        "pattern,scope,reason,note\n(unclosed,line,navigation,\n", encoding="utf-8"
    )
    with pytest.raises(
        ValueError, match=r"boilerplate.csv, row 2: .*not a valid regular expression"
    ):
        load_rules(tmp_path)


def test_patterns_a_person_extends_live_in_data_not_code():
    spam = (paths.CLEANING_DIR / "spam.txt").read_text(encoding="utf-8")
    assert "尊龙凯时" in spam
    tree = ast.parse(
        (paths.PROJECT_ROOT / "lib" / "iecorpus" / "clean.py").read_text(encoding="utf-8")
    )
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    code_strings = " ".join(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    )
    for literal in ("尊龙凯时", "News detail", "END", "Essence", "上一篇", "声明", "Release time"):
        assert literal not in code_strings, literal


def test_headings_above_their_paragraphs_are_not_mistaken_for_wrapped_lines():
    raw = (
        "A headline\n"
        "Jiangxi will form 30 provincial vocational education groups\n"
        "On January 12, the college and Gree Electric signed an agreement on an industrial college.\n"
        "Fujian will form 72 provincial vocational education groups\n"
        "The college has opened 35 order-based training classes with local enterprises.\n"
        "二、搭建共享平台，促进资源优势互补\n"
        "电力能源职业教育集团由无锡商业职业技术学院牵头组建，目前已吸纳260家企业和6所院校。\n"
    )
    assert len(clean(raw).text.split("\n\n")) == 6
