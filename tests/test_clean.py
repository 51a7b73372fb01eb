"""The cleaner keeps the article body, removes the page around it, and accounts for every change."""

import ast
import re

import pytest

from iecorpus import paths
from iecorpus.clean import clean_document, load_rules, parse_header_line, restore_raw


def copy_rules(folder, **appended):
    """A copy of the shipped cleaning rules in ``folder`` (created), for a test to extend.

    Each keyword names a rules file (``spam_txt``, ``boilerplate_csv``) and the lines to
    append to its copy.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for source in paths.CLEANING_DIR.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    for name, lines in appended.items():
        with (folder / name.replace("_", ".")).open("a", encoding="utf-8") as handle:
            handle.write(lines)
    return folder


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


# ---------------------------------------------------------------- noise told by its shape

SHAPED_PAGES = [
    pytest.param(
        "Example Observer\n\nEnglishFrançaisDeutschEspañolItaliano\n\n"
        "College Partners Build a Training Hub\n\nTue, 6 June 2023\nCategories: Education\n\n"
        "On 5 June 2023, the college and a carmaker opened a training hub in Wuhan.\n\n"
        "It will train 2,000 technicians a year.\n\n"
        "Photo by Li Ming on Example\n\nSave the page\n\nYou might also like\n\n"
        "Court Rules on a Labour Case\n\nIn May 2024, a court ruled on a case.\n",
        ["On 5 June 2023, the college and a carmaker opened a training hub in Wuhan.",
         "It will train 2,000 technicians a year."],
        {"title": "College Partners Build a Training Hub", "date": "2023-06-06"},
        id="site-name-switcher-weekday-date-and-related-block",
    ),
    pytest.param(
        "Home>>\n\nA port college trains skilled workers\n\n(Agency) 09:21, August 27, 2024\n\n"
        "QINGDAO, Aug. 26 (Agency) -- Ships arrive and depart at the port.\n\n"
        "The college has trained 70,000 graduates. (Agency/Zhao Lei)\n\n"
        "A student operates a crane simulator at the college in Qingdao, Shandong province, Aug. 20, 2024.\n\n"
        "This aerial photo taken on June 16, 2023 shows the port.\n",
        ["Ships arrive and depart at the port.", "The college has trained 70,000 graduates."],
        {"title": "A port college trains skilled workers", "date": "2024-08-27", "source": "Agency"},
        id="credit-dateline-opening-dateline-and-a-gallery",
    ),
    pytest.param(
        "免费看片-免费看片大全-免费看片在线-免费看片高清\n\nGlobal EditionASIA\nChina\nHome / China / Education\n\n"
        "A city grows its vocational training\n\nDeputy urges closer ties between schools and firms\n\n"
        "By LI MING in Dalian, Liaoning | Daily News | Updated: 2025-03-12 08:59\nShare\nShare - WeChat\n"
        "Students learn repairs at a school in Dalian, on Feb 17. WANG LEI/FOR DAILY NEWS\n\n"
        "The city is working to integrate vocational and general education.\n",
        ["Deputy urges closer ties between schools and firms",
         "The city is working to integrate vocational and general education."],
        {"title": "A city grows its vocational training", "date": "2025-03-12", "author": "LI MING"},
        id="keyword-spam-headline-standfirst-byline-caption",
    ),
    pytest.param(
        "Hotline:400-000-000\nNews center\nThis paper explains the plan and the next steps.\n"
        "Time: 2019/2/19 0:00:00\nA spokesman presided. (Example Press reporter Li Ming/Photograph)\n\n"
        "Speaker:\nGood morning, everyone. Welcome to the press conference.\n\n2019-02-19 10:00:51\n\n"
        "Speaker:\nToday we explain the plan.\n",
        ["Speaker:", "Good morning, everyone. Welcome to the press conference.",
         "Speaker:", "Today we explain the plan."],
        {"title": "This paper explains the plan and the next steps.", "date": "2019-02-19"},
        id="headline-ending-in-a-full-stop-above-its-dateline-and-timestamps",
    ),
    pytest.param(
        "• Home\n    • >\n    • News\n    • >\n    • Working together for development\n\n"
        "Working together for development\n\nRelease Time : 2025-07-31\n\n"
        "On May 31, 2024, the community was founded in Guangzhou.\n\n\n"
        "Figure 1: The founding conference\n\n\nFigure 2: The award ceremony\n\n"
        "The conference brought together colleges and companies.\n",
        ["On May 31, 2024, the community was founded in Guangzhou.",
         "The conference brought together colleges and companies."],
        {"title": "Working together for development", "date": "2025-07-31"},
        id="bulleted-breadcrumb-and-figure-captions",
    ),
    pytest.param(
        " date 2022-12-27 On December 27, the ministry held a press conference [1] on the plan.\n\n"
        "The plan [2] sets goals for 2025.\n",
        ["On December 27, the ministry held a press conference on the plan.",
         "The plan sets goals for 2025."],
        {"title": None, "date": "2022-12-27"},
        id="scraper-date-prefix-and-footnote-markers",
    ),
    pytest.param(
        "信息名称: | 关于开展产教融合试点的通知 | ||||\n"
        "信息索引: | 000-2021-0001 | 生成日期: | 2021-03-02 | 发文机构: | 某省教育厅 |\n"
        "发文字号: | 某教〔2021〕1号 | ||\n某教〔2021〕1号\n\n各市教育局:\n\n"
        "现将《试点方案》印发给你们,请认真贯彻执行。\n\n某省教育厅\n\n2021年2月26日\n\n一、总体要求\n",
        ["某教〔2021〕1号", "各市教育局:", "现将《试点方案》印发给你们,请认真贯彻执行。", "某省教育厅",
         "2021年2月26日", "一、总体要求"],
        {"title": "关于开展产教融合试点的通知", "date": "2021-03-02", "date_evidence": "weak"},
        id="metadata-table-gives-the-title-and-a-weak-date",
    ),
    pytest.param(
        "星海彩网\n\n职教中心签约仪式在星海彩网举行\n日期:2023-11-22 来源:设计学院 浏览量:945 打印本文\n\n"
        "11月22日上午，签约仪式在星海彩网举行。\n\n双方将共建实训基地。\n",
        ["11月22日上午，签约仪式在举行。", "双方将共建实训基地。"],
        {"title": "职教中心签约仪式在星海彩网举行", "date": "2023-11-22"},
        id="brand-repeated-in-header-title-and-body",
    ),
    pytest.param(
        "校园新闻\n\n当前位置: 首页 > > 院校新闻 > 校园新闻 >\n\n协同育人促合作 产教融合谋发展\n\n"
        "2024-04-26 09:03:00   点击:\n\n为加强校企合作，4月25日，基地挂牌。\n\n"
        "学校将以基地为依托。（文/园林学院 李明 图/园林学院 王芳）\n",
        ["为加强校企合作，4月25日，基地挂牌。", "学校将以基地为依托。"],
        {"title": "协同育人促合作 产教融合谋发展", "date": "2024-04-26"},
        id="section-label-breadcrumb-timestamp-counter-credit",
    ),
    pytest.param(
        "我院与综合保税区签署合作协议\n\n作者: 来源:管理学院发布时间:2024-01-20浏览次数:293\n\n"
        "为深化产教融合，双方签署合作协议。（记者张明）\n",
        ["为深化产教融合，双方签署合作协议。"],
        {"title": "我院与综合保税区签署合作协议", "date": "2024-01-20"},
        id="labels-run-together-and-a-reporter-tag",
    ),
    pytest.param(
        " date 2025-09-12 聯盟期許透過競賽，提升學生實作能力。（圖由某科技大學提供）\n\n2025/09/12 09:58\n\n"
        "〔記者王大明／雲林報導〕某科技大學與16所職校簽訂合作意向書。\n\n請繼續往下閱讀...\n\n"
        "校長表示，這項聯盟從2015年成立以來持續擴大。\n",
        ["某科技大學與16所職校簽訂合作意向書。", "校長表示，這項聯盟從2015年成立以來持續擴大。"],
        {"title": None, "date": "2025-09-12"},
        id="traditional-caption-timestamp-reporter-tag-read-more",
    ),
    pytest.param(
        "香港, 2024年12月20日 - (某通訊社) - 座談會在香港舉行，副總幹事出席。 圖1 嘉賓合影 左起:李明教授、張華校長、王強博士、\n\n"
        "陳文先生、林美女士、黃一博士 本次座談會嘉賓陣容鼎盛。\n\n"
        "趙明教授、王小女士、李大先生、周五博士\n\n座談會分兩部份。\n",
        ["座談會在香港舉行，副總幹事出席。", "本次座談會嘉賓陣容鼎盛。", "座談會分兩部份。"],
        {"date": "2024-12-20", "date_evidence": "dateline"},
        id="traditional-dateline-and-a-caption-name-list-run-into-paragraphs",
    ),
    pytest.param(
        "武汉职业技术学院与某公司共建生态环保产业学院合作协议正式签署 2017/08/18\n"
        "武汉职业技术学院与某公司共建生态环保产业学院合作协议正式签署\n\n"
        "厦门市域产教联合体正式成立，首批成员单位包括32家企业、5所职业院校。\n",
        ["厦门市域产教联合体正式成立，首批成员单位包括32家企业、5所职业院校。"],
        {"title": "武汉职业技术学院与某公司共建生态环保产业学院合作协议正式签署", "date": "2017-08-18"},
        id="a-long-chinese-headline-repeated-on-the-next-line-is-not-wrapped-text",
    ),
    pytest.param(
        "A summary of the plan\n\nThe ministry launched the second phase of the plan.\n\n"
        "The number of schools rose to 220.\n\nThe plan covers all provinces.\n\n"
        "中国部署技能型高校建设计划\nExample News·2025-12-16 15:10\n",
        ["The ministry launched the second phase of the plan.", "The number of schools rose to 220.",
         "The plan covers all provinces.", "中国部署技能型高校建设计划", "Example News·2025-12-16 15:10"],
        {"title": "A summary of the plan", "date": None},
        id="a-trailing-source-line-is-not-taken-when-the-page-has-a-headline",
    ),
    pytest.param(
        "The ministry launched the second phase of the plan, which covers all provinces and 220 schools.\n\n"
        "The number of schools rose to 220.\n\nThe plan covers all provinces.\n\n"
        "中国部署技能型高校建设计划\nExample News·2025-12-16 15:10\n",
        ["The ministry launched the second phase of the plan, which covers all provinces and 220 schools.",
         "The number of schools rose to 220.", "The plan covers all provinces."],
        {"title": "中国部署技能型高校建设计划", "date": "2025-12-16", "source": "Example News"},
        id="a-headline-and-source-line-after-the-body",
    ),
]


@pytest.mark.parametrize(("raw", "paragraphs", "meta"), SHAPED_PAGES)
def test_noise_is_found_by_its_shape(raw, paragraphs, meta):
    test_pages_keep_the_body_and_nothing_else(raw, paragraphs, meta)


@pytest.mark.parametrize(
    "body",
    [
        "By 2025, the province will build 30 industrial colleges.",
        "The plan was approved on March 14, 2023.",
        "The photos taken by students won three prizes at the fair.",
        "Share prices of vocational training firms rose last year.",
        "Contributors to the fund include 20 enterprises.",
        "二、主要任务",
        "2020年9月16日",
        "学生可登录学校官网查询，学校官网也将公布名单。",
        "The agreement, signed in Beijing on 3 May 2021, runs for five years.",
        "Related work is under way in 12 provinces.",
    ],
)
def test_body_lines_that_look_like_noise_stay(body):
    raw = f"A headline\n\nThe college opened a new training hall this spring.\n\n{body}\n\nMore will follow.\n"
    cleaned = clean(raw)
    assert body in cleaned.text.split("\n\n")
    assert audit_restores(raw, cleaned)


def test_every_new_reason_is_documented():
    documented = set(re.findall(r"[a-z-]+", __import__("iecorpus.clean").clean.__doc__))
    for raw, _, _ in (p.values for p in SHAPED_PAGES):
        for edit in clean(raw).edits:
            assert edit.reason in documented, edit.reason


# ------------------------------------------------------------ off-topic paragraphs at the end

ARTICLE_EN = [
    "Colleges and firms in Jiangsu signed new agreements on industry-education integration "
    "this week, the provincial education department said on Monday.",
    "The agreements cover joint training bases, shared teachers and apprenticeships for "
    "students of vocational colleges in advanced manufacturing.",
    "Officials said the province would expand such partnerships to every vocational college "
    "by 2025, with funding for training equipment.",
    "Enterprises that take part will receive tax incentives, and colleges will adjust their "
    "majors to the needs of local industry.",
]
OTHER_STORIES_EN = [
    "In football, the home side beat the visitors three goals to one on Saturday night, with "
    "the striker scoring twice before halftime in front of a crowd of forty thousand fans.",
    "Meanwhile, heavy rain is expected across the southern coast over the weekend, and "
    "meteorologists warned residents of possible flooding, landslides and delayed flights "
    "at airports.",
]
ARTICLE_ZH = [
    "5月12日，省教育厅与省工业和信息化厅联合召开产教融合推进会，部署新一轮校企合作工作，"
    "全省职业院校和重点企业代表参加会议。",
    "会议指出，要深化产教融合，推动职业院校与行业企业共建实训基地、共同开发课程、共同培养师资，"
    "提高技术技能人才培养质量。",
    "会议要求，各地要落实产教融合型企业税费优惠政策，引导更多企业参与职业教育，形成校企协同育人的长效机制。",
    "下一步，省教育厅将会同有关部门加强督导检查，确保各项任务落到实处。",
]
OTHER_STORIES_ZH = [
    "昨晚进行的足球联赛第十轮比赛中，主队凭借下半场两粒进球以二比一逆转客队，"
    "赛后主教练称赞球员们顽强的斗志和出色的体能储备。",
    "气象台预计，本周末南方沿海将出现强降雨天气，局部地区有暴雨，提醒市民注意防范山洪、滑坡等灾害，"
    "出行前关注航班和列车信息。",
]


def page(title, paragraphs):
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


@pytest.mark.parametrize(
    ("title", "article", "others"),
    [
        ("Jiangsu colleges and firms sign training agreements", ARTICLE_EN, OTHER_STORIES_EN),
        ("省教育厅部署新一轮产教融合工作", ARTICLE_ZH, OTHER_STORIES_ZH),
    ],
)
def test_other_stories_appended_to_an_article_are_removed_as_off_topic(title, article, others):
    raw = page(title, article + others)
    cleaned = clean(raw)
    assert cleaned.text.split("\n\n") == article
    removed = [raw[e.start : e.end].strip() for e in cleaned.edits if e.reason == "off-topic"]
    assert removed == others
    assert audit_restores(raw, cleaned)


@pytest.mark.parametrize(
    "ending",
    [
        # A notice's closing signatory lines and its date line.
        ["江苏省教育厅", "江苏省工业和信息化厅", "2021年5月12日"],
        ["Jiangsu Provincial Department of Education", "12 May 2021"],
        # A short concluding sentence.
        ["The next round of agreements is due in the autumn."],
        ["今天不仅有雨，还有雪和水。"],
        # A long closing paragraph on the article's own topic.
        [
            "Training bases run jointly by colleges and enterprises will open to students "
            "of every vocational college in the province, the department added."
        ],
    ],
)
def test_closing_lines_of_the_article_stay(ending):
    raw = page("Jiangsu colleges and firms sign training agreements", ARTICLE_EN + ending)
    cleaned = clean(raw)
    assert cleaned.text.split("\n\n")[-len(ending) :] == ending
    assert not [e for e in cleaned.edits if e.reason == "off-topic"]


def test_a_last_paragraph_that_names_a_concept_stays():
    # A generated page whose last paragraph shares one pair of characters with the rest
    # (under the off-topic share) but names 现代学徒制 and 实训基地: it is the article's.
    from iecorpus.testing import make_page

    generated = make_page(language="zh", seed=994, script="simplified")
    cleaned = clean(generated.raw)
    assert cleaned.text.split("\n\n") == generated.body
    assert not [e for e in cleaned.edits if e.reason == "off-topic"]


def test_a_short_article_keeps_even_an_unrelated_last_paragraph():
    # With two paragraphs before it there is too little to judge by: when unsure, keep.
    raw = page("Jiangsu colleges and firms sign training agreements", ARTICLE_EN[:2] + OTHER_STORIES_EN[:1])
    assert clean(raw).text.split("\n\n")[-1] == OTHER_STORIES_EN[0]


def test_the_embedded_corpus_loses_no_paragraph_as_off_topic():
    for file in sorted(paths.RAW_DIR.glob("*.txt")):
        edits = clean(file.read_text(encoding="utf-8")).edits
        assert not [e for e in edits if e.reason == "off-topic"], file.name


# ---------------------------------------------------------------- cheap pre-checks change nothing


def spans_by_full_search(line, pattern):
    """find_spam's spans, found with one regex of every term, as before the pre-checks."""
    spans = []
    for m in pattern.finditer(line):
        start = m.start()
        while start and line[start - 1].isspace():
            start -= 1
        spans.append((start, m.end()))
    merged = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@pytest.mark.parametrize(
    "line",
    [
        "Visit BET365 today",  # a re: term, in capitals
        "xbet365 is not a word boundary",
        "online  casino",  # two spaces: the term needs one
        "the Online Casino 澳门金沙 and 188Bet",
        "online caſino",  # long s matches s when case is ignored
        "ONLINE CASİNO",  # dotted capital I lower-cases to two characters
        "在线赌场bet365",
        "A sentence without any of them.",
        "皇冠体育 皇冠体育",
    ],
)
def test_spam_found_with_pre_checks_is_spam_found_by_the_full_search(line):
    from iecorpus.clean import find_spam

    rules = load_rules()
    pattern = rules.spam[1] if line.isascii() else rules.spam[0]
    assert find_spam(line, rules) == spans_by_full_search(line, pattern)


def test_a_spam_term_naming_no_literal_is_always_searched(tmp_path):
    from iecorpus.clean import find_spam

    rules = load_rules(copy_rules(tmp_path, spam_txt="re:\\d{3}[a-z]{2}\\d{3}\n"))
    assert rules.spam_needs is None
    assert find_spam("see 123ab456 now", rules) == [(3, 12)]
    cleaned = clean_document("Title of the page\n\nA body line 123ab456 ends here.\n", rules=rules)
    assert "123ab456" not in cleaned.text


def test_an_inline_rule_is_tried_on_a_page_only_when_the_page_holds_its_needs():
    # The artefact rule needs " ," (a space before a comma): on a page without one it is
    # not tried, and on a page with one it repairs it.
    assert clean("Title here\n\nFirms , colleges and schools sign up.").text.endswith(
        "Firms, colleges and schools sign up."
    )
    assert clean("Title here\n\nFirms, colleges and schools sign up.").text.endswith(
        "Firms, colleges and schools sign up."
    )


def test_overlapping_edits_are_refused():
    from iecorpus.clean import Edit, apply_edits

    with pytest.raises(ValueError, match="overlapping edits at offset 2"):
        apply_edits("abcdef", [Edit(0, 3, "", "layout"), Edit(2, 4, "", "layout")])
    assert apply_edits("abcdef", [Edit(1, 2, "XY", "artefact"), Edit(4, 6, "", "spam")]) == (
        "aXYcd",
        [1, 5],
    )
    assert apply_edits("abc", []) == ("abc", [])



@pytest.mark.parametrize(
    "footer",
    ["沪ICP备12345678号-1", "站点 icp备2021号 联系我们", "京公网安备11010502030143号"],
)
def test_a_registration_footer_is_removed_wherever_its_number_stands(footer):
    # The rule opens on ".*": a page or line without 备 is matched without trying it,
    # and a line holding it, in either case, still goes.
    page = (
        "A headline about colleges\n\nThe college and the company signed an agreement on "
        f"training, and more students will join it.\n\n{footer}\n"
    )
    cleaned = clean(page)
    assert footer not in cleaned.text
    assert [page[e.start : e.end].strip() for e in cleaned.edits if e.reason == "footer"] == [
        footer
    ]


def test_a_line_rule_opening_on_dot_star_is_left_out_only_where_its_literals_are_missing(
    tmp_path,
):
    line = '.*(?:sponsored|advert) by .*|[|]x[|],line,spam,,"test: \\| in a class"\n'
    rules = load_rules(copy_rules(tmp_path, boilerplate_csv=line))
    # Either word is needed, compared ignoring case as the line regex matches.
    assert {("sponsored", True), ("advert", True)} <= set(rules.line_lean_needs)
    page = "Title of the page\n\nA body line that stays here.\n\nThis page is Sponsored by X\n"
    assert "Sponsored" not in clean_document(page, rules=rules).text
    assert "|x|" not in clean_document("Title\n\nBody text stays.\n\n|x|\n", rules=rules).text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("| 2019年11月30日 |", {"date": "2019-11-30", "date_precision": "day"}),
        ("- Apr 16, 2024 9:51 p.m. -", {"date": "2024-04-16", "date_precision": "day"}),
        ("二〇二一年五月三日 ·", {"date": "2021-05-03", "date_precision": "day"}),
        ("Jiangsu names 12 pilot enterprises in 2019", None),
        ("2019 pilot enterprises", None),
    ],
)
def test_a_header_line_of_one_date_between_bullets_is_read(line, expected):
    assert parse_header_line(line, load_rules()) == expected


def test_a_line_rule_whose_lean_form_would_not_compile_keeps_the_whole_regex(tmp_path):
    line = ".*(?P<w>zzq) end.*|(?P=w)x,line,spam,,test: a group the lean form lacks\n"
    rules = load_rules(copy_rules(tmp_path, boilerplate_csv=line))
    assert rules.line_lean is None
    page = "Title of the page\n\nA body line that stays here.\n\nsee zzq end of it\n"
    assert "zzq" not in clean_document(page, rules=rules).text


#: Patterns that open on a lookbehind and a run of one class, which the cleaner scans for
#: the run's end instead of trying at every position; each is checked against the same
#: pattern in a group (which opens on the group, so it is searched the ordinary way).
RUN_PATTERNS = [
    r"(?<=[a-z ])[ ]+?x",  # the lookbehind's class holds the run's, the repeat is lazy
    r"(?<=\w)\s{2,}(?=[A-Z])",
    r"(?<=[.!?]) +(?= |Q)",  # what follows may start inside the run
    r"(?<=[.!?]) +Q+",
    r"(?<=[a-z]) + x",  # the rest opens on the run's own character
    r"(?<=\w)[ \t]+[,;!]",  # the rest opens on a class: found by a scan for it
]


def _rules_with_artefacts(folder, wrap):
    """The shipped rules and ``RUN_PATTERNS`` as artefacts, each pattern passed through ``wrap``."""
    import csv

    copy_rules(folder)
    with open(paths.CLEANING_DIR / "artefacts.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows += [{"pattern": p, "replacement": ".", "reason": "artefact"} for p in RUN_PATTERNS]
    with open(folder / "artefacts.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["pattern", "replacement", "reason", "needs", "note"])
        writer.writeheader()
        writer.writerows({**row, "pattern": wrap(row["pattern"])} for row in rows)
    return load_rules(folder)


def test_a_pattern_opening_on_a_lookbehind_finds_what_a_search_finds(tmp_path):
    import random

    scanned = _rules_with_artefacts(tmp_path / "scanned", lambda p: p)
    searched = _rules_with_artefacts(tmp_path / "searched", lambda p: f"(?:{p})")
    assert sum(rule.run_end is not None for rule in scanned.inline) >= 8
    assert all(rule.run_end is None for rule in searched.inline)
    # Both ways of finding a run's end are exercised: from its rest, and from its class.
    with_rest = [rule.run_rest is not None for rule in scanned.inline if rule.run_end is not None]
    assert sum(with_rest) >= 5 and not all(with_rest)
    pick = random.Random(19)
    pieces = ["a", "Z", ".", "!", "?", ",", " ", "  ", "-", "Q", "x", "\t", "\u3000", "Essence "]
    for _ in range(300):
        lines = [
            "Students train in the college workshop and "
            + "".join(pick.choice(pieces) for _ in range(pick.randint(4, 30)))
            + " the work goes on."
            for _ in range(3)
        ]
        raw = "\n\n".join(lines)
        one = clean_document(raw, rules=scanned)
        other = clean_document(raw, rules=searched)
        assert (one.text, one.edits) == (other.text, other.edits), raw


def test_the_byline_regex_finds_what_one_pattern_per_word_finds():
    """The byline words are one trie regex; it says what ``\\bword\\b|词|...`` says."""
    words = [
        line.strip()
        for line in (paths.CLEANING_DIR / "byline_words.txt").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    one_each = re.compile(
        "|".join(
            (rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w)).replace(r"\ ", r"\s+")
            for w in words
        ),
        re.IGNORECASE,
    )
    lines = [
        "By Reporter Li Wei",
        "REPORTERS: Zhang San and Li Si",
        "Trainee   reporter Wang Wu",
        "Internship programme opens",  # "Intern" is not a whole word here
        "Staff journalists visited the college",
        "本报记者 张三",
        "全媒體記者 李四 攝影 王五",
        "通讯员：赵六",
        "Correspondent's note",
        "A line without any",
        "",
    ]
    byline = load_rules().byline
    assert [bool(byline.search(x)) for x in lines] == [bool(one_each.search(x)) for x in lines]
    assert sum(bool(byline.search(x)) for x in lines) == 8


def test_a_run_of_white_space_is_scanned_for_as_the_characters_it_lists():
    """The artefact rules' run class ``[^\\S\\n]`` is listed; it matches what it matched."""
    category = re.compile(r"[^\S\n]")
    runs = {rule.run_char.pattern for rule in load_rules().inline if rule.run_char is not None}
    assert runs and all(r"\S" not in run for run in runs)
    members = {chr(c) for c in range(0x10000) if category.fullmatch(chr(c))}
    for run in runs:
        listed = re.compile(run)
        assert {chr(c) for c in range(0x10000) if listed.fullmatch(chr(c))} == members
