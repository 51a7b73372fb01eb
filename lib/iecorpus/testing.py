"""Synthetic noisy web pages on industry-education integration, for tests and benchmarks.

Each page is built from its article body outwards: the body paragraphs (exactly as the
cleaner should keep them), then the page furniture around them (navigation, injected
spam, datelines, bylines, sidebars, footers) and the damage done inside them (machine
translation artefacts, full-width digits, inlined pinyin, stray white space). Every
choice comes from one ``random.Random(seed)``, so a page is fully determined by its
arguments. The vocabularies below are test scaffolding, not user-editable data.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from .chinese import is_han

# --------------------------------------------------------------------------- English
EN_COLLEGES = [
    "Zhengzhou Electric Power Higher College",
    "Shenzhen Polytechnic",
    "Jinhua Polytechnic",
    "Wuxi Vocational Institute of Commerce",
    "Changsha Environmental Protection College",
    "Beijing University of Technology",
    "Tianjin Light Industry Vocational Technical College",
    "Chongqing Industry Polytechnic College",
    "Nanjing Vocational University of Industry Technology",
    "Jiangxi Environmental Engineering Vocational College",
    "Shandong Polytechnic",
    "Wuhan Railway Vocational College of Technology",
]
EN_ENTERPRISES = [
    "BEWG",
    "State Grid Henan Electric Power Company",
    "Sany Heavy Industry",
    "Huawei",
    "CRRC Zhuzhou Locomotive",
    "Haier Group",
    "BYD",
    "China Mobile",
    "Midea Group",
    "Sinopec Zhenhai Refining",
    "XCMG Group",
    "Gree Electric",
]
EN_GOVERNMENT = [
    "the Ministry of Education",
    "the National Development and Reform Commission",
    "the Provincial Department of Education",
    "the Ministry of Human Resources and Social Security",
    "the Municipal Education Commission",
    "the Provincial Development and Reform Commission",
]
EN_PROVINCES = [
    "Henan",
    "Jiangsu",
    "Zhejiang",
    "Guangdong",
    "Shandong",
    "Sichuan",
    "Hubei",
    "Hunan",
    "Fujian",
    "Anhui",
    "Shaanxi",
    "Jiangxi",
]
EN_CITIES = [
    "Zhengzhou",
    "Suzhou",
    "Ningbo",
    "Shenzhen",
    "Qingdao",
    "Chengdu",
    "Wuhan",
    "Changsha",
    "Xiamen",
    "Hefei",
    "Xi'an",
    "Nanchang",
]
EN_FIELDS = [
    "intelligent manufacturing",
    "new energy vehicles",
    "eco-environmental protection",
    "smart water services",
    "electronic information",
    "modern logistics",
    "the digital economy",
    "rail transit",
    "electric power",
    "modern agriculture",
]
EN_SKILLS = [
    "Industrial Robot Operation and Maintenance",
    "Smart Water Operation",
    "Web Front-end Development",
    "Intelligent Finance and Taxation",
    "Logistics Management",
    "Sewage Treatment",
    "Building Information Modelling",
]
EN_PEOPLE = [
    "Yu Liguo",
    "Ji Guangpeng",
    "Dong Yumin",
    "Cheng Leyuan",
    "Bai Junwen",
    "Yang Yibo",
    "Liu Zhensheng",
    "Wang Hong",
    "Zhang Wei",
    "Li Na",
    "Chen Jie",
    "Zhou Min",
]
EN_ROLES = [
    "vice president",
    "dean",
    "party secretary",
    "general manager",
    "deputy director-general",
    "head of the human resources centre",
    "chief engineer",
]
EN_OUTLETS = [
    "China Education Daily",
    "Elephant News",
    "Henan Daily",
    "Xinhua",
    "China Youth Daily",
    "BEWG news",
]
EN_TITLES = [
    "{college} and {enterprise} jointly build an industrial college for {field}",
    "{province} names {n} pilot enterprises for industry-education integration",
    "{city} launches its first city-level industry-education consortium",
    "New identity! {enterprise} selected as one of the first batch of pilot enterprises "
    "for the integration of industry and education in {province}",
    "At the 1+X Certificate Pilot Work Meeting, {enterprise} Revealed These Messages...",
    "How can the government, universities, and enterprises deepen industry-education integration?",
    "School-Enterprise Cooperation, Industry-Education Integration",
    "Another provincial backbone vocational education group established in {province}",
    "{college} opens {n} order-based classes with local enterprises",
    "Modern apprenticeship pilot brings {n} students into {enterprise} workshops",
]
EN_SENTENCES = [
    "On {month_day}, {college} and {enterprise} signed an agreement to jointly build an "
    "industrial college for {field}.",
    "{n} students have enrolled in the modern apprenticeship pilot run by {college} and "
    "{enterprise}.",
    "{gov_cap} named {n} companies in {province} as pilot enterprises for industry-education "
    "integration.",
    "The {field} vocational education group now brings together {n} enterprises and {n2} "
    "colleges and universities.",
    "Under the 1+X certificate system, {n} students at {college} passed the {skill} vocational "
    "skill level certificate examination.",
    "{city} set up its first city-level industry-education consortium, led by {college}, with "
    "{n} member enterprises.",
    "{person}, {role} of {enterprise}, said that deepening industry-education integration is the "
    "key to high-quality technical talent training.",
    "According to the plan, {n} shared training bases will be completed in {province} by {year}.",
    "{enterprise} will invest {money} million yuan in training equipment and send {n2} engineers "
    "to teach at {college}.",
    "Since {year}, the two sides have jointly trained more than {n} graduates, {pct} percent of "
    "whom now work in {field}.",
    "The college has opened {n2} order-based training classes with local enterprises and revised "
    "{n} professional curricula.",
    "In {year}, {gov} issued a notice on deepening school-enterprise cooperation in vocational "
    "colleges.",
    "Shared training bases give students hands-on practice with the same equipment used in "
    "{enterprise} plants.",
    "What does the 1+X certificate mean for students at {college}?",
    "Enterprises that are included in the construction of an industry-education integrated "
    "enterprise enjoy a combination of incentives in finance, land and credit.",
    "The dual-qualified teacher team of {college} has grown to {n} full-time teachers.",
    "{person} pointed out that the long-term goal is an in-depth, win-win partnership between "
    "schools and enterprises.",
    "The industrial college will run {n2} majors closely matched to the {field} industry chain.",
    "Teachers from {college} and engineers from {enterprise} will co-author {n2} textbooks "
    "based on real production cases.",
    "In the critical period of the 14th Five-Year Plan, vocational education is playing an "
    "increasingly important role in {province}.",
]
EN_SUBHEADINGS = [
    "{province} will form {n} provincial backbone vocational education groups",
    "Building a development community for industry-education integration",
    "The {field} industrial college will create a brand in the group",
    "What is the 1+X certificate?",
    "Deepening school-enterprise cooperation in {city}",
]
EN_SIDEBAR_HEADLINES = [
    "Our city has successfully held the labor skills competition of primary and secondary "
    "school students",
    "Shanxi Finance issued 2.58 billion yuan of student funding subsidy in 2022",
    "Provincial meteorological station issues yellow warning for high temperature",
    "Spring tea harvest begins in the southern mountains",
    "City subway line 6 opens to passengers this weekend",
    "The third youth football league kicks off in the municipal stadium",
    "Museum exhibition of ancient bronzes attracts record crowds",
    "New wetland park opens on the east bank of the river",
    "Volunteers clean up the old town streets ahead of the holiday",
    "Theme education should always adhere to the string of practical results",
    "Thinker | Sun Jianping on building a people's city",
]
EN_SIDEBAR_TEASERS = [
    "The picture shows the young and middle school students' labor skills competition site, "
    "where more than two hundred pupils took part in cooking and woodwork.",
    "On July 1, the Provincial Department of Finance said that the province has issued student "
    "funding subsidies covering more than one million students.",
    "A few days ago, an online celebrity with millions of fans suffered an accident in front of "
    "the live broadcast, and the plot quickly reversed.",
    "Concentrated education within the Party is a major weapon for strengthening its own "
    "construction and promoting self revolution.",
    "Balancing development and security and enhancing awareness of potential risks are major "
    "principles of governance.",
    "The new line runs twenty-three kilometres from the railway station to the airport and has "
    "seventeen stations.",
]
EN_TAGS = [
    "theme",
    "effectiveness",
    "modernization",
    "Situation",
    "Shanghai",
    "guidance",
    "great cause",
    "livelihood",
    "culture",
    "sports",
    "weather",
    "transport",
]

# --------------------------------------------------------------------------- Chinese
ZH_COLLEGES = [
    "郑州电力高等专科学校",
    "深圳职业技术大学",
    "金华职业技术学院",
    "无锡商业职业技术学院",
    "长沙环境保护职业技术学院",
    "天津轻工职业技术学院",
    "南京工业职业技术大学",
    "重庆工业职业技术学院",
    "山东商业职业技术学院",
    "武汉职业技术学院",
]
ZH_ENTERPRISES = [
    "北控水务集团",
    "国网河南省电力公司",
    "三一重工",
    "华为技术有限公司",
    "中车株洲电力机车有限公司",
    "海尔集团",
    "比亚迪股份有限公司",
    "中国移动",
    "美的集团",
    "徐工集团",
]
ZH_GOVERNMENT = [
    "教育部",
    "国家发展改革委",
    "河南省教育厅",
    "江苏省发展改革委",
    "人力资源社会保障部",
    "浙江省教育厅",
]
ZH_PROVINCES = ["河南", "江苏", "浙江", "广东", "山东", "四川", "湖北", "湖南", "福建", "安徽"]
ZH_CITIES = ["郑州", "苏州", "宁波", "深圳", "青岛", "成都", "武汉", "长沙", "厦门", "合肥"]
ZH_FIELDS = [
    "智能制造",
    "新能源汽车",
    "生态环保",
    "智慧水务",
    "电子信息",
    "现代物流",
    "数字经济",
    "轨道交通",
    "电力能源",
    "现代农业",
]
ZH_SKILLS = [
    "工业机器人操作与运维",
    "Web前端开发",
    "智能财税",
    "物流管理",
    "污水处理",
    "建筑信息模型（BIM）",
]
ZH_PEOPLE = ["张伟", "王芳", "李娜", "刘洋", "陈杰", "杨帆", "赵磊", "黄敏", "周军", "吴静"]
ZH_ROLES = ["党委书记", "院长", "副院长", "总经理", "人力资源部部长", "教育厅副厅长"]
ZH_OUTLETS = ["中国教育报", "河南日报", "新华网", "中国青年报", "光明日报", "人民网"]
ZH_ORDINALS = ["一", "二", "三", "四", "五"]
ZH_TITLES = [
    "{college}与{enterprise}共建{field}产业学院",
    "{province}公布第{ordinal}批产教融合型企业建设培育名单",
    "{city}市域产教联合体正式成立",
    "深化产教融合 推动职业教育高质量发展",
    "1+X证书制度试点工作推进会在{city}召开",
    "{province}又一省级骨干职业教育集团揭牌成立",
    "校企合作：{college}开设{n}个订单班",
    "现代学徒制试点让{n}名学生走进{enterprise}车间",
]
ZH_SENTENCES = [
    "{month}月{day}日，{college}与{enterprise}签署校企合作协议，共建{field}产业学院。",
    "{gov}公布了第{ordinal}批产教融合型企业建设培育名单，{province}共有{n}家企业入选。",
    "{field}职业教育集团由{college}牵头组建，目前已吸纳{n}家企业和{n2}所院校。",
    "在1+X证书制度试点中，{college}共有{n}名学生取得{skill}职业技能等级证书。",
    "{city}市域产教联合体正式成立，首批成员单位包括{n}家企业、{n2}所职业院校。",
    "{person}表示，深化产教融合、校企合作是提高技术技能人才培养质量的关键。",
    "按照规划，到{year}年{province}将建成{n}个共享实训基地。",
    "{enterprise}投入{money}万元建设实训设备，并选派{n2}名工程师到{college}担任兼职教师。",
    "自{year}年以来，双方已联合培养毕业生{n}余人，其中{pct}%在{field}领域就业。",
    "学校与合作企业开设了{n2}个订单班，推行现代学徒制，修订了{n}门专业课程。",
    "{year}年，{gov}印发《关于深化产教融合的若干意见》，提出构建教育和产业统筹融合发展格局。",
    "{person}在讲话中指出，职业教育与产业发展要同频共振，学校与企业要互利共赢。",
    "“双师型”教师队伍建设是职业院校高质量发展的重要支撑，目前学校已有专任教师{n}人。",
    "产业学院将围绕{field}产业链开设{n2}个专业，实现专业与产业精准对接。",
    "入选产教融合型企业的，可按规定享受“金融+财政+土地+信用”组合式激励政策。",
    "下一步，{city}将以市域产教联合体为抓手，推动教育链、人才链与产业链、创新链有机衔接。",
]
ZH_SUBHEADINGS = [
    "一、深化产教融合，推动校企协同育人",
    "二、搭建共享平台，促进资源优势互补",
    "{province}将组建{n}个省级骨干职业教育集团",
    "“{field}”产业学院打造职教集团品牌",
    "三、健全体制机制，完善政策保障",
]
ZH_TRADITIONAL_TITLES = [
    "{city}深化產教融合 共建產業學院",
    "首批產教融合型企業名單公布",
    "職業教育集團揭牌成立 {n}家企業加盟",
    "市域產教聯合體建設在{city}啟動",
]
ZH_TRADITIONAL_CITIES = ["鄭州", "蘇州", "寧波", "深圳", "廣州", "廈門", "青島", "長沙"]
ZH_TRADITIONAL_SENTENCES = [
    "近年來，{city}持續深化產教融合，推動職業教育與產業發展同頻共振。",
    "{n}家企業與{n2}所職業院校簽署校企合作協議，共建產業學院。",
    "首批{n}名學生取得1+X職業技能等級證書，就業率達到{pct}%。",
    "該職業教育集團由{n}家企業和{n2}所院校組成，是全省規模最大的職教集團之一。",
    "市域產教聯合體成立後，將每年為區域企業培養技術技能人才{n}餘人。",
    "學校推行現代學徒制，學生在企業導師指導下完成{n2}個月的崗位實習。",
    "{year}年，教育部等六部門印發《職業學校校企合作促進辦法》。",
    "企業投入{money}萬元建設共享實訓基地，並派出{n2}名工程師擔任兼職教師。",
    "校企合作讓學生在真實的生產環境中學習技能，也為企業儲備了人才。",
    "產教融合型企業可按規定享受稅收優惠等激勵政策。",
]
ZH_TRADITIONAL_SUBHEADINGS = ["一、深化產教融合", "二、推進校企合作", "三、完善職業教育體系"]
#: Pinyin readings inlined after traditional terms on some pages.
ZH_PINYIN = {
    "產教融合": "chǎn jiào róng hé",
    "校企合作": "xiào qǐ hé zuò",
    "現代學徒制": "xiàn dài xué tú zhì",
    "職業教育": "zhí yè jiào yù",
    "產業學院": "chǎn yè xué yuàn",
}
ZH_SIDEBAR_HEADLINES = [
    "我市成功举办中小学生劳动技能竞赛",
    "省财政下达学生资助补助资金25.8亿元",
    "省气象台发布高温黄色预警信号",
    "春茶开采 山区茶农采茶忙",
    "地铁6号线本周末正式开通运营",
    "第三届青少年足球联赛在市体育场开赛",
    "博物馆青铜器特展吸引大批观众",
    "城东湿地公园正式开园迎客",
    "志愿者清扫老城街巷喜迎节日",
    "全市重点项目集中开工仪式举行",
]
ZH_SIDEBAR_TEASERS = [
    "图为中小学生劳动技能竞赛现场，来自全市的两百余名学生参加了烹饪、木工等项目的比拼。",
    "7月1日，记者从省财政厅获悉，省财政近日下达学生资助补助资金，惠及学生一百余万人次。",
    "新线路全长二十三公里，连接火车站与机场，共设车站十七座。",
    "本届联赛共有八十支球队报名参赛，比赛将持续到年底。",
    "特展共展出青铜器文物一百二十余件，其中一级文物十六件。",
]
ZH_TAGS = ["教育", "民生", "文化", "体育", "天气", "交通", "要闻", "本地"]

# --------------------------------------------------------------------------- furniture
#: Gambling brands injected into scraped pages; each is listed in data/cleaning/spam.txt.
SPAM_BRANDS = [
    "尊龙凯时",
    "AG尊龙",
    "尊龙人生就是博",
    "凯发娱乐",
    "K8凯发",
    "澳门新葡京",
    "澳门金沙",
    "金沙娱乐",
    "威尼斯人娱乐",
    "太阳城集团",
    "皇冠体育",
    "亚博体育",
    "开云体育",
    "九游娱乐",
    "欧宝体育",
    "必威体育",
    "百家乐",
    "真人视讯",
]
SPAM_BRANDS_LATIN = ["bet365", "188bet", "online casino"]
SPAM_LINE_DECORATIONS = ["• {a}", "{a}", "★ {a} ★", "{a} | {b}", "· {a}", "{a} / {b}"]
EN_NAVIGATION_TOP = [
    "News detail",
    "News details",
    "Home > News > Industry news",
    "Home > News Center > Details",
    "Homepage » News",
]
EN_NAVIGATION_BOTTOM = ["EN", "中文", "Back to top", "Print", "Close window", "Read more"]
ZH_NAVIGATION_TOP = [
    "首页 > 新闻中心 > 正文",
    "首页 > 教育动态",
    "首页 > 新闻 > 产教融合",
    "当前位置：首页 > 新闻动态",
    "您的位置：首页 > 职教要闻",
]
ZH_NAVIGATION_BOTTOM = ["返回顶部", "【打印本页】", "【关闭窗口】", "打印", "关闭", "English"]
EN_COPYRIGHT = [
    "Copyright © {year} {outlet}. All rights reserved.",
    "All rights reserved. Reproduction without permission is prohibited.",
]
ZH_COPYRIGHT = ["版权所有：{outlet}  京ICP备05071141号", "Copyright © {year} {outlet} 版权所有"]
EN_DISCLAIMERS = [
    "Disclaimer: This article is reproduced from {outlet} for the purpose of "
    "passing on more information.",
    "Source link: http://www.example.com/news/{year}/{n}.html",
    "Editor: {person}",
]
ZH_DISCLAIMERS = [
    "声明：本文转自{outlet}，版权归原作者所有，如有侵权请联系删除。",
    "来源：{outlet}",
    "本文地址：http://www.example.cn/news/{year}/{n}.html",
    "责任编辑：{person}",
    "转载请注明出处。",
]
ZH_TRADITIONAL_DISCLAIMERS = ["來源：{outlet}", "責任編輯：{person}"]
EN_DATELINES = [
    "Release time:{when}",
    "Author:{person} News Time:{when}",
    "Source: {outlet}  Date: {when}",
    "Published: {when}",
    "Release date: {when}  Views: {views}",
    "{when} Source: {outlet}",
    "Posted: {when} | Author: {person}",
]
ZH_DATELINES = [
    "发布时间：{when}  来源：{outlet}",
    "来源：{outlet}  作者：{person}  发布时间：{when}",
    "{when}  来源：{outlet}",
    "时间：{when}  点击数：{views}",
    "发布日期：{when}\u3000浏览次数：{views}",
    "日期：{when}",
]
ZH_TRADITIONAL_DATELINES = [
    "發布時間：{when}",
    "發布時間：{when}\u3000來源：{outlet}",
    "日期：{when}  作者：{person}",
]
EN_BYLINE_OUTLETS = ["Elephant", "Henan Daily", "Xinhua", "Dahe"]
EN_BYLINES = [
    "{outlet} Journalist {a} Correspondent {b}",
    "Reporter {a}",
    "{outlet} Reporter {a} Intern {b}",
]
ZH_BYLINES = ["本报记者 {a} 通讯员 {b}", "记者 {a} 实习生 {b}", "全媒体记者 {a}", "本报记者 {a}"]
ZH_TRADITIONAL_BYLINES = ["記者 {a} 通訊員 {b}", "本報記者 {a}"]
EN_END_MARKS = ["- END -", "-END-", "— END —", "--- THE END ---"]
ZH_END_MARKS = ["（完）", "【完】", "(完)", "—— 完 ——", "- END -"]
EN_RELATED = ["Related news:", "Recommended reading", "Latest news", "More articles:"]
ZH_RELATED = ["相关新闻：", "推荐阅读", "延伸阅读：", "热门文章", "相关阅读"]

#: Noise of the kinds in :data:`SHAPED_KINDS`, by kind and place: ``head`` lines go under
#: the headline, ``body`` lines between paragraphs, ``tail`` lines after the body.
EN_SHAPED = {
    "credit": {
        "head": ["By {a} in {city} | {outlet} | Updated: {stamp}", "By {a} and {b}"],
        "tail": ["(Editor: {a})", "Photo by {a}/for {outlet}", "Contact: {mail}"],
    },
    "timestamp": {
        "head": ["{numeric} {clock}:{seconds}", "{clock}, {month_day}, {year}", "Views: {n}"],
        "tail": ["Updated: {numeric} {clock}"],
    },
    "caption": {
        "body": [
            "▲ Students of {college} at a training base of {enterprise}",
            "Figure {n2}: The signing ceremony at {college}",
        ],
    },
    "metadata": {
        "head": ["Index No.: | {code} | Date of issue: | {numeric} |"],
        "tail": [
            "Disclaimer\nThe views in this article are the author's own and do not reflect the "
            "position of this website.",
        ],
    },
    "keyword-spam": {
        "head": ["{brand}-{brand}官网-{brand}下载-{brand}手机版", "✿ {brand} ✿"],
        "tail": ["➤ {brand}"],
    },
    "share": {
        "tail": ["Share - WeChat", "Font size: A+ A A-", "Print | Email"],
    },
}
ZH_SHAPED = {
    "credit": {
        "head": ["文/图 {a} {b}", "（记者 {a} 通讯员 {b}）"],
        "tail": ["（编辑：{a}）", "供稿：{college}", "责任编辑：{a}"],
    },
    "timestamp": {
        "head": ["{numeric} {clock}:{seconds}", "浏览量：{n}", "点击：{n}次"],
        "tail": ["浏览次数：{n}"],
    },
    "caption": {
        "body": ["▲{college}学生在实训基地参加培训", "图{n2} 签约仪式现场"],
    },
    "metadata": {
        "head": ["信息索引： | {code} | 生成日期： | {numeric} |"],
        "tail": ["免责声明\n本网站部分内容来源于网络，仅供学习交流，如有侵权请联系删除。"],
    },
    "keyword-spam": {
        "head": ["{brand}-{brand}官网-{brand}下载-{brand}手机版", "✿ {brand} ✿"],
        "tail": ["➤ {brand}"],
    },
    "share": {
        "tail": ["分享到：微信 微博 QQ空间", "【字体：大 中 小】", "【打印】【关闭】"],
    },
}
ZH_TRADITIONAL_SHAPED = {
    **ZH_SHAPED,
    "credit": {"head": ["〔記者{a}／{city}報導〕"], "tail": ["（編輯：{a}）"]},
}

#: White space left at the end of lines on pages with layout noise (zero-width spaces too).
TRAILING_SPACE = ["", " ", "\t", "  ", "", " ", "\t", "  ", "\u200b", " \u200b"]
#: How often a paragraph on a page with inline spam starts with a brand.
LEADING_SPAM_RATE = 0.05

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FIRST_DATE, LAST_DATE = date(2017, 1, 1), date(2024, 12, 31)

#: The kinds of noise a page may carry; a page draws a subset (possibly none or all).
EN_BASE_KINDS = (
    "spam-line",
    "navigation",
    "title-date",
    "dateline",
    "byline",
    "duplicate-title",
    "indentation",
    "layout",
    "artefacts",
    "inline-spam",
    "disclaimer",
    "copyright",
    "end-mark",
    "prev-next",
    "related",
    "sidebar",
    "teasers",
    "language-switch",
)
ZH_BASE_KINDS = (
    "spam-line",
    "navigation",
    "title-date",
    "dateline",
    "byline",
    "duplicate-title",
    "indentation",
    "layout",
    "full-width",
    "pinyin",
    "inline-spam",
    "editor-tag",
    "disclaimer",
    "copyright",
    "end-mark",
    "prev-next",
    "related",
    "sidebar",
    "teasers",
    "language-switch",
)

#: Noise recognised by its shape, drawn from a random stream of its own (so the pages the
#: kinds above give stay as they were): bylines and credits, timestamps and counters,
#: captions, disclaimers and flattened metadata tables, keyword spam, share widgets.
SHAPED_KINDS = ("credit", "timestamp", "caption", "metadata", "keyword-spam", "share")
EN_KINDS = EN_BASE_KINDS + SHAPED_KINDS
ZH_KINDS = ZH_BASE_KINDS + SHAPED_KINDS
#: Chance that a page with other noise carries each kind of :data:`SHAPED_KINDS`.
SHAPED_RATE = 0.3

_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[a-z])")
_ASCII_RUN = re.compile(r"[0-9A-Za-z][0-9A-Za-z+.%]*")


@dataclass(frozen=True)
class SyntheticPage:
    """One generated page and what cleaning it should give.

    Attributes:
        raw: The page text (lines end in ``\\n``).
        title: The headline the cleaner should find.
        date: The publication date (ISO) the cleaner should find.
        body: The article's paragraphs exactly as the cleaner should keep them.
        noise: Strings that must not appear in the cleaned text (furniture, spam,
            artefacts in their raw form).
        language: ``en`` or ``zh``.
        script: ``simplified`` or ``traditional`` (``simplified`` for English).
        kinds: The kinds of noise this page carries (see ``EN_KINDS``, ``ZH_KINDS``).
        planted: Phrases planted by :func:`plant_renderings`: ``(start, end, concept)``
            in :attr:`text`, ``concept`` ``None`` for a near miss that must not count.
        noise_kinds: ``(kind, string)`` for each noise string of :data:`SHAPED_KINDS`
            (the string is also in :attr:`noise`), to score each kind on its own.
    """

    raw: str
    title: str
    date: str
    body: list[str]
    noise: list[str]
    language: str
    script: str = "simplified"
    kinds: tuple[str, ...] = ()
    planted: tuple[tuple[int, int, str | None], ...] = ()
    noise_kinds: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        """The cleaned text the page should give: the body paragraphs, a blank line apart."""
        return "\n\n".join(self.body)


class _Builder:
    """Draws one page; every random choice goes through ``self.rng``."""

    def __init__(self, rng: random.Random, language: str, script: str):
        self.rng, self.language, self.script = rng, language, script
        self.zh = language == "zh"
        self.traditional = script == "traditional"
        self.noise: list[str] = []
        self.pinyin_done: set[str] = set()
        self.enabled: set[str] = set()  # kinds of noise drawn inside the current paragraph

    # ----------------------------------------------------------------- helpers
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def draw(self, **chances: float) -> str | None:
        """Pick at most one of the enabled kinds of noise (``kind=probability``), or None."""
        roll, total = self.rng.random(), 0.0
        for kind, chance in chances.items():
            if kind in self.enabled:
                total += chance
                if roll < total:
                    return kind
        return None

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def slots(self) -> dict[str, str]:
        rng, zh = self.rng, self.zh
        day = FIRST_DATE + timedelta(days=rng.randrange((LAST_DATE - FIRST_DATE).days))
        cities = ZH_TRADITIONAL_CITIES if self.traditional else ZH_CITIES if zh else EN_CITIES
        gov = self.pick(ZH_GOVERNMENT if zh else EN_GOVERNMENT)
        return {
            "college": self.pick(ZH_COLLEGES if zh else EN_COLLEGES),
            "enterprise": self.pick(ZH_ENTERPRISES if zh else EN_ENTERPRISES),
            "gov": gov,
            "gov_cap": gov[0].upper() + gov[1:],
            "province": self.pick(ZH_PROVINCES if zh else EN_PROVINCES),
            "city": self.pick(cities),
            "field": self.pick(ZH_FIELDS if zh else EN_FIELDS),
            "skill": self.pick(ZH_SKILLS if zh else EN_SKILLS),
            "person": self.pick(ZH_PEOPLE if zh else EN_PEOPLE),
            "role": self.pick(ZH_ROLES if zh else EN_ROLES),
            "outlet": self.pick(ZH_OUTLETS if zh else EN_OUTLETS),
            "ordinal": self.pick(ZH_ORDINALS),
            "n": str(
                rng.choice([rng.randint(2, 30), rng.randint(30, 500), rng.randint(500, 5000)])
            ),
            "n2": str(rng.randint(2, 40)),
            "pct": str(rng.randint(60, 99)),
            "money": str(rng.choice([rng.randint(1, 99), rng.randint(100, 2000)])),
            "year": str(rng.randint(2015, 2027)),
            "month": str(day.month),
            "day": str(day.day),
            "month_day": f"{MONTH_NAMES[day.month - 1]} {day.day}",
        }

    def fill(self, template: str) -> str:
        return template.format(**self.slots())

    # ----------------------------------------------------------------- dates
    def render_date(self, day: date, *, numeric_only: bool = False) -> str:
        """Write a date as pages do; every form is one the cleaner reads as ``day``."""
        y, m, d = day.year, day.month, day.day
        numeric = [
            f"{y}-{m:02d}-{d:02d}",
            f"{y}/{m:02d}/{d:02d}",
            f"{y}.{m:02d}.{d:02d}",
            f"{y}-{m}-{d}",
        ]
        if numeric_only:
            return self.pick(numeric)
        time = self.pick(["", "", f" {self.rng.randint(0, 23):02d}:{self.rng.randint(0, 59):02d}"])
        if self.zh:
            forms = numeric + [f"{y}年{m}月{d}日", f"{y}年{m:02d}月{d:02d}日"]
        else:
            name = MONTH_NAMES[m - 1]
            forms = numeric + [f"{name[:3]} {d}, {y}", f"{name} {d}, {y}", f"{d} {name} {y}"]
            if time:
                hour = int(time[1:3])
                time += self.pick(["", " AM" if hour < 12 else " PM"])
        return self.pick(forms) + time

    def dateline(self, day: date) -> str:
        if self.traditional:
            forms = ZH_TRADITIONAL_DATELINES
        else:
            forms = ZH_DATELINES if self.zh else EN_DATELINES
        slots = self.slots()
        return self.pick(forms).format(
            when=self.render_date(day),
            views=str(self.rng.randint(10, 99999)),
            outlet=slots["outlet"],
            person=slots["person"],
        )

    def byline(self) -> str:
        people = ZH_PEOPLE if self.zh else EN_PEOPLE
        if self.traditional:
            forms = ZH_TRADITIONAL_BYLINES
        else:
            forms = ZH_BYLINES if self.zh else EN_BYLINES
        return self.pick(forms).format(
            a=self.pick(people), b=self.pick(people), outlet=self.pick(EN_BYLINE_OUTLETS)
        )

    # ----------------------------------------------------------------- body
    def sentences(self) -> list[str]:
        if self.traditional:
            pool = ZH_TRADITIONAL_SENTENCES
        else:
            pool = ZH_SENTENCES if self.zh else EN_SENTENCES
        return [self.fill(t) for t in self.rng.sample(pool, self.rng.randint(1, 4))]

    def subheading(self) -> str:
        if self.traditional:
            pool = ZH_TRADITIONAL_SUBHEADINGS
        else:
            pool = ZH_SUBHEADINGS if self.zh else EN_SUBHEADINGS
        return self.fill(self.pick(pool))

    def render_en(self, sentences: list[str], kinds: set[str]) -> tuple[str, str]:
        """Return (raw, clean) of an English paragraph, with artefacts and stray space in raw."""
        clean = " ".join(sentences)
        artefacts, layout = "artefacts" in kinds, "layout" in kinds
        spam = "inline-spam" in kinds
        self.enabled = {
            name
            for name, on in [
                ("layout", layout),
                ("spam", spam),
                ("essence", artefacts),
                ("comma", artefacts),
            ]
            if on
        }
        if not (artefacts or layout or spam):
            return clean, clean
        out: list[str] = []
        for k, sentence in enumerate(sentences):
            words = sentence.split(" ")
            raw_words, plain_after = list(words), [False] * len(words)
            for i, word in enumerate(words):
                if artefacts and _HYPHEN.search(word) and self.chance(0.5):
                    raw_words[i] = _HYPHEN.sub(" -", word)
                    self.noise.append(raw_words[i])
                elif (
                    artefacts
                    and i < len(words) - 1
                    and word.endswith(",")
                    and len(word) > 1
                    and re.match(r"[\w”\"’)]", word[-2])
                    and self.chance(0.3)
                ):
                    raw_words[i] = word[:-1] + " ,"
                    plain_after[i] = True
                    self.noise.append(raw_words[i])
                elif artefacts and i == len(words) - 1 and word.endswith("?") and len(word) > 1:
                    raw_words[i] = word[:-1] + " ?"
                    plain_after[i] = True
                    self.noise.append(raw_words[i])
            pieces = [raw_words[0]]
            for i in range(1, len(words)):
                sep = " "
                noise = None if plain_after[i - 1] else self.draw(layout=0.03, spam=0.01)
                if noise == "layout":
                    sep = self.pick(["  ", "\xa0", "\xa0 ", " \xa0"])
                elif noise == "spam":
                    sep = " " + self.pick(SPAM_BRANDS + SPAM_BRANDS_LATIN) + " "
                    self.noise.append(sep.strip())
                pieces.append(sep + raw_words[i])
            raw_sentence = "".join(pieces)
            last_word = raw_words[-1]
            if k < len(sentences) - 1:
                following = sentences[k + 1]
                noise = self.draw(essence=0.15, comma=0.08, layout=0.1, spam=0.04)
                if (
                    noise == "essence"
                    and last_word.endswith(".")
                    and len(last_word) > 1
                    and re.match(r"[\w)”\"’']", last_word[-2])
                    and re.match(r"[A-Z“\"‘]", following)
                ):
                    raw_sentence = raw_sentence[:-1] + " Essence "  # stands for the full stop
                    self.noise.append(" Essence")
                elif noise == "comma" and re.match(r"[A-Z]", following) and sentence[-1] in ".!?":
                    raw_sentence += " , "  # a stray comma after the full stop
                    self.noise.append(". , ")
                elif noise == "layout":
                    raw_sentence += self.pick(["  ", "\xa0", "\xa0 "])
                elif noise == "spam":
                    brand = self.pick(SPAM_BRANDS)
                    raw_sentence += " " + brand + " "
                    self.noise.append(brand)
                else:
                    raw_sentence += " "
            elif artefacts and sentence.endswith(".") and self.chance(0.2):
                raw_sentence += " Essence"  # after the full stop, at the end of the paragraph
                self.noise.append("Essence")
            out.append(raw_sentence)
        if spam and self.chance(LEADING_SPAM_RATE):
            brand = self.pick(SPAM_BRANDS)
            out.insert(0, brand + " ")  # injected before the first word
            self.noise.append(brand)
        return "".join(out), clean

    def render_zh(self, sentences: list[str], kinds: set[str]) -> tuple[str, str]:
        """Return (raw, clean) of a Chinese paragraph: full-width digits, pinyin and spam in raw."""
        clean = "".join(sentences)
        inserts: dict[int, str] = {}
        if "pinyin" in kinds and self.traditional:
            for term, reading in ZH_PINYIN.items():
                position = clean.find(term)
                if position >= 0 and (term not in self.pinyin_done or self.chance(0.2)):
                    self.pinyin_done.add(term)
                    note = self.pick(["（{}）", "（{}）", "({})", " （{}）"]).format(reading)
                    inserts[position + len(term)] = note
                    self.noise.append(reading)
        if "inline-spam" in kinds and self.chance(0.3):
            candidates = [
                i
                for i in range(1, len(clean))
                if i not in inserts and is_han(clean[i - 1]) and is_han(clean[i])
            ]
            if candidates:
                brand = self.pick(SPAM_BRANDS)
                inserts[self.pick(candidates)] = brand
                self.noise.append(brand)
        if "inline-spam" in kinds and 0 not in inserts and self.chance(LEADING_SPAM_RATE):
            brand = self.pick(SPAM_BRANDS)
            inserts[0] = brand  # before the first character of the paragraph
            self.noise.append(brand)
        widen = "full-width" in kinds
        runs = {
            m.start(): m.end() for m in _ASCII_RUN.finditer(clean) if widen and self.chance(0.6)
        }
        pieces, position = [], 0
        while position < len(clean):
            if position in inserts:
                pieces.append(inserts[position])
            if position in runs:  # insertions never fall inside an ASCII run
                wide = "".join(chr(ord(c) + 0xFEE0) for c in clean[position : runs[position]])
                pieces.append(wide)
                if len(wide) > 1 or wide.isdigit():
                    self.noise.append(wide)
                position = runs[position]
            else:
                pieces.append(clean[position])
                position += 1
        return "".join(pieces), clean

    def body(self, n_paragraphs: tuple[int, int], kinds: set[str], title: str):
        """Return the body as (raw, clean) paragraphs; clean paragraphs are unique."""
        low, high = n_paragraphs
        count = self.rng.randint(low, high)
        # Sub-headings (lines with no full stop) stay rare: the cleaner joins lines of
        # hard-wrapped text, which it recognises by many open line ends.
        n_headings = self.rng.randint(0, max(0, (count - 1) // 4))
        heading_at = set(self.rng.sample(range(1, count - 1), n_headings)) if count > 2 else set()
        seen = {title}
        paragraphs: list[tuple[str, str]] = []
        for k in range(count):
            for _ in range(20):
                if k in heading_at:
                    raw = clean = self.subheading()
                elif self.zh:
                    raw, clean = self.render_zh(self.sentences(), kinds)
                else:
                    raw, clean = self.render_en(self.sentences(), kinds)
                if clean not in seen:
                    break
            else:  # pragma: no cover - twenty identical draws in a row
                continue
            seen.add(clean)
            paragraphs.append((raw, clean))
        return paragraphs

    # ----------------------------------------------------------------- furniture
    def spam_line(self) -> str:
        a, b = self.rng.sample(SPAM_BRANDS, 2)
        self.noise.extend([a, b])
        return self.pick(SPAM_LINE_DECORATIONS).format(a=a, b=b)

    def headline(self) -> str:
        return self.pick(ZH_SIDEBAR_HEADLINES if self.zh else EN_SIDEBAR_HEADLINES)

    def teaser(self, *, truncated: bool) -> str:
        text = self.pick(ZH_SIDEBAR_TEASERS if self.zh else EN_SIDEBAR_TEASERS)
        if truncated:
            cut = self.rng.randint(20, 40) if self.zh else self.rng.randint(60, 90)
            text = text[:cut].rstrip("，, ") + self.pick(["...", "…"] if self.zh else ["..."])
        return text

    def tail(self, kinds: set[str]) -> list[str]:
        """Lines after the body, in page order."""
        zh, lines = self.zh, []
        if "disclaimer" in kinds:
            if self.traditional:
                pool = ZH_TRADITIONAL_DISCLAIMERS
            else:
                pool = ZH_DISCLAIMERS if zh else EN_DISCLAIMERS
            lines += [
                self.fill(t) for t in self.rng.sample(pool, min(len(pool), self.rng.randint(1, 2)))
            ]
        if "spam-line" in kinds and self.chance(0.3):
            lines.append(self.spam_line())
        if "copyright" in kinds and self.chance(0.5):
            lines.append(self.fill(self.pick(ZH_COPYRIGHT if zh else EN_COPYRIGHT)))
        if "end-mark" in kinds:
            lines.append(self.pick(ZH_END_MARKS if zh else EN_END_MARKS))
            for _ in range(self.rng.randint(0, 2)):
                lines += [self.headline(), self.teaser(truncated=True)]
        if "prev-next" in kinds:
            if zh:
                lines += ["上一篇：" + self.headline(), "下一篇：" + self.headline()]
            else:
                lines += ["Previous: " + self.headline(), "Next: " + self.headline()]
        if "related" in kinds:
            lines.append(self.pick(ZH_RELATED if zh else EN_RELATED))
            lines += [self.headline() for _ in range(self.rng.randint(1, 3))]
        if "teasers" in kinds:
            for _ in range(self.rng.randint(1, 3)):
                lines += [self.headline(), self.teaser(truncated=True)]
        if "sidebar" in kinds:
            tags = ZH_TAGS if zh else EN_TAGS
            for _ in range(self.rng.randint(1, 4)):
                headline = self.headline()
                if self.chance(0.6):
                    headline += " | " + " | ".join(self.rng.sample(tags, self.rng.randint(1, 3)))
                lines += [headline, headline, self.teaser(truncated=False)]
        if "copyright" in kinds and self.chance(0.5):
            lines.append(self.fill(self.pick(ZH_COPYRIGHT if zh else EN_COPYRIGHT)))
        if "language-switch" in kinds:
            lines.append(self.pick(ZH_NAVIGATION_BOTTOM if zh else EN_NAVIGATION_BOTTOM))
        self.noise.extend(lines)
        return lines


def _shaped_noise(
    page: _Builder, kinds: set[str], day: date
) -> dict[str, list[tuple[str, str]]]:
    """Draw the noise of :data:`SHAPED_KINDS` for one page: ``(kind, line)`` by place."""
    table = ZH_TRADITIONAL_SHAPED if page.traditional else ZH_SHAPED if page.zh else EN_SHAPED
    rng = page.rng
    people = ZH_PEOPLE if page.zh else EN_PEOPLE
    numeric = f"{day.year}-{day.month:02d}-{day.day:02d}"
    clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
    placed: dict[str, list[tuple[str, str]]] = {"head": [], "body": [], "tail": []}
    for kind in SHAPED_KINDS:
        if kind not in kinds:
            continue
        for place, templates in table[kind].items():
            if place != "body" and rng.random() < 0.4:
                continue
            slots = page.slots()
            a, b = rng.sample(people, 2)
            line = page.pick(templates).format(
                **slots,
                a=a,
                b=b,
                stamp=f"{numeric} {clock}",
                numeric=numeric,
                clock=clock,
                seconds=f"{rng.randint(0, 59):02d}",
                code=f"{rng.randint(10**8, 10**9 - 1)}/{day.year}-{rng.randint(1, 99999):05d}",
                mail=f"{a.split()[0].lower()}@example.com",
                brand=page.pick([b for b in SPAM_BRANDS if not b.isascii()]),
            )
            placed[place].append((kind, line))
    return placed


def _choose_kinds(rng: random.Random, language: str, script: str) -> set[str]:
    kinds = EN_BASE_KINDS if language == "en" else ZH_BASE_KINDS
    roll = rng.random()
    if roll < 0.15:
        chosen: set[str] = set()
    elif roll < 0.25:
        chosen = set(kinds)
    else:
        chosen = {kind for kind in kinds if rng.random() < 0.4}
    if script != "traditional":
        chosen.discard("pinyin")
    return chosen


def make_page(
    *,
    language: str = "en",
    seed: int = 0,
    script: str = "simplified",
    n_paragraphs: tuple[int, int] = (4, 12),
) -> SyntheticPage:
    """Generate one noisy page about industry-education integration, and its expected cleaning.

    Args:
        language: ``en`` (machine-translated English) or ``zh``.
        seed: Seed of the page's ``random.Random``; the same arguments give the same page.
        script: ``simplified`` or ``traditional`` (Chinese only; traditional pages
            may carry pinyin readings after key terms).
        n_paragraphs: Smallest and largest number of body paragraphs (sub-headings
            included).

    Returns:
        The :class:`SyntheticPage`. About one page in seven carries no noise beyond
        its title and dateline, one in ten carries every kind, the rest a random mix.

    Raises:
        ValueError: An unknown language or script, or an empty paragraph range.
    """
    if language not in ("en", "zh"):
        raise ValueError(f"language must be 'en' or 'zh', not {language!r}")
    if script not in ("simplified", "traditional"):
        raise ValueError(f"script must be 'simplified' or 'traditional', not {script!r}")
    if script == "traditional" and language != "zh":
        raise ValueError("script='traditional' applies to Chinese pages only (language='zh')")
    low, high = n_paragraphs
    if not 1 <= low <= high:
        raise ValueError(
            f"n_paragraphs must be (low, high) with 1 <= low <= high, not {n_paragraphs!r}"
        )

    rng = random.Random(seed)
    kinds = _choose_kinds(rng, language, script)
    page = _Builder(rng, language, script)
    shaped_rng = random.Random(f"shaped noise {seed}")  # its own stream: see SHAPED_KINDS
    if kinds:
        every = set(EN_BASE_KINDS if language == "en" else ZH_BASE_KINDS) - {"pinyin"} <= kinds
        kinds |= {k for k in SHAPED_KINDS if every or shaped_rng.random() < SHAPED_RATE}
    zh = language == "zh"
    day = FIRST_DATE + timedelta(days=rng.randrange((LAST_DATE - FIRST_DATE).days + 1))
    if script == "traditional":
        title = page.fill(page.pick(ZH_TRADITIONAL_TITLES))
    else:
        title = page.fill(page.pick(ZH_TITLES if zh else EN_TITLES))
    # The date must be on the page: glued to the title, in a dateline, or both.
    glued = "title-date" in kinds or "dateline" not in kinds and rng.random() < 0.5
    with_dateline = "dateline" in kinds or not glued

    head: list[str] = []
    if "spam-line" in kinds:
        head.append(page.spam_line())
    if "navigation" in kinds:
        head.append(page.pick(ZH_NAVIGATION_TOP if zh else EN_NAVIGATION_TOP))
        page.noise.append(head[-1])
    title_line = title
    if glued:
        title_line += page.pick([" ", " ", "  ", "" if zh else " "]) + page.render_date(
            day, numeric_only=True
        )
    head.append(title_line)
    extra: list[str] = []
    if with_dateline:
        extra.append(page.dateline(day))
    if "byline" in kinds:
        extra.append(page.byline())
    rng.shuffle(extra)
    page.noise.extend(extra)
    head += extra
    shaped = _shaped_noise(_Builder(shaped_rng, language, script), kinds, day)
    head += [line for _, line in shaped["head"]]
    if "duplicate-title" in kinds:
        head.append(title_line if rng.random() < 0.5 else title)

    paragraphs = page.body(n_paragraphs, kinds, title)
    body_raw = [raw for raw, _ in paragraphs]
    for _, line in shaped["body"]:  # a caption under a paragraph, never above the first
        body_raw.insert(shaped_rng.randrange(1, len(body_raw) + 1), line)
    if "editor-tag" in kinds and zh:
        person = page.pick(ZH_PEOPLE)
        tag = page.pick(["【责任编辑：{}】", "【编辑：{}】", "[责任编辑：{}]"]).format(person)
        body_raw[-1] += tag
        page.noise.append(tag)
    if "spam-line" in kinds and len(body_raw) > 2 and rng.random() < 0.5:
        body_raw.insert(rng.randrange(1, len(body_raw)), page.spam_line())
    tail = [line for _, line in shaped["tail"]] + page.tail(kinds)
    noise_kinds = [
        (kind, part)
        for place in shaped.values()
        for kind, line in place
        for part in line.split("\n")
    ]
    page.noise.extend(part for _, part in noise_kinds)

    raw = _lay_out(rng, head, body_raw, tail, kinds, zh)
    body = [clean for _, clean in paragraphs]
    expected = "\n\n".join(body)
    noise = sorted({n for n in page.noise if n.strip() and n not in expected})
    if "layout" in kinds or "indentation" in kinds:
        noise += [n for n in ("\xa0", "\u3000", "\u200b", "\t", "  ", "\n\n\n") if n in raw]
    return SyntheticPage(
        raw=raw,
        title=title,
        date=day.isoformat(),
        body=body,
        noise=noise,
        language=language,
        script=script,
        kinds=tuple(sorted(kinds)),
        noise_kinds=tuple((k, n) for k, n in noise_kinds if n in noise),
    )


def _lay_out(
    rng: random.Random, head: list[str], body: list[str], tail: list[str], kinds: set[str], zh: bool
) -> str:
    """Join the lines with the page's indentation and blank lines."""
    indent, trailing = "", ""
    if "indentation" in kinds:
        indent = rng.choice(
            ["    ", "\u3000\u3000", "\xa0 ", "\t"] if zh else ["    ", "\xa0 ", "\t", "  "]
        )
    gap = "\n\n"
    if "layout" in kinds:
        gap = rng.choice(["\n", "\n\n\n", "\n \n", "mixed"])
        trailing = rng.choice(TRAILING_SPACE)
    lines = head + body + tail
    out = ["\n"] if "layout" in kinds and rng.random() < 0.3 else []
    for k, line in enumerate(lines):
        if k:
            out.append(rng.choice(["\n", "\n\n"]) if gap == "mixed" else gap)
        out.append(indent + line + (trailing if rng.random() < 0.5 else ""))
    out.append(rng.choice(["", "\n", "\n\n"]))
    return "".join(out)


#: Encodings of the files written by :func:`write_corpus`, with their weights.
ZH_ENCODINGS = (("utf-8", 0.6), ("utf-8-sig", 0.12), ("gb18030", 0.2), ("utf-16", 0.08))
EN_ENCODINGS = (("utf-8", 0.9), ("utf-8-sig", 0.1))


# ---------------------------------------------------------------------------- planted renderings

#: Renderings machine translation gives that the glossary does not list, by concept.
EN_UNLISTED_RENDERINGS = {
    "industry_education_integration": [
        "integration of education and industry",
        "education-industry integration",
        "education and industry integration",
        "education\u2013production integration",
        "integration of production with education",
        "integration between education and industry",
        "integrating education and industry",
        "integrating production and education",
        "education and production integration",
        "fusion of education and industry",
        "industry and education fusion",
        "Integration of Education and Industry",
    ],
    "school_enterprise_cooperation": [
        "enterprise-school cooperation",
        "cooperation between enterprises and schools",
        "cooperation between colleges and enterprises",
        "university and enterprise cooperation",
        "enterprise-college collaboration",
    ],
    "science_education_integration": [
        "science and education integration",
        "education-science integration",
    ],
}
ZH_UNLISTED_RENDERINGS = {
    "industry_education_integration": [
        "产业与教育融合",
        "教育与产业深度融合",
        "产业和教育融合",
        "教育和产业紧密融合",
        "产业与教育相互融合",
    ],
    "school_enterprise_cooperation": ["学校与企业合作", "企业与学校合作", "院校和企业合作"],
}
#: Phrases that share words with a concept but must not count as it.
EN_NEAR_MISSES = [
    "integration of education resources",
    "industrial structure integration",
    "integration of culture and tourism",
    "integration of urban and rural education",
    "the education industry",
    "industry integration",
    "education and training integration",
    "integration of industry, academia and research",
    "cooperation among enterprises",
    "school education and family education",
]
ZH_NEAR_MISSES = [
    "产业结构融合",
    "教育资源融合",
    "产城融合",
    "文旅融合",
    "城乡教育融合",
    "企业之间合作",
]
EN_PLANT_SENTENCES = [
    "{province} will push forward {phrase} in {field} this year.",
    "The forum discussed {phrase} and the training of {field} technicians.",
    "Experts said that {phrase} is the key for colleges in {city}.",
    "{college} reported on {phrase} at the meeting.",
]
ZH_PLANT_SENTENCES = [
    "{province}今年将推动{phrase}，服务{field}产业。",
    "会上，{college}介绍了{phrase}的经验。",
    "专家认为，{phrase}是{city}职业院校的关键。",
]


def plant_renderings(
    page: SyntheticPage, *, seed: int = 0, n_positive: int = 3, n_negative: int = 2
) -> SyntheticPage:
    """Plant renderings the glossary does not list, and near misses, in a page's body.

    Args:
        page: A page of :func:`make_page`.
        seed: Seed of the choices.
        n_positive: Unlisted renderings to plant (:data:`EN_UNLISTED_RENDERINGS`,
            :data:`ZH_UNLISTED_RENDERINGS`), each in a sentence added to a paragraph.
        n_negative: Near misses to plant (:data:`EN_NEAR_MISSES`, :data:`ZH_NEAR_MISSES`).

    Returns:
        The page with the sentences added to its body (and to its raw text, where the
        paragraph stands in it unchanged) and
        :attr:`SyntheticPage.planted` saying where each phrase is in its :attr:`text`.
    """
    rng = random.Random(seed)
    zh = page.language == "zh"
    renderings = ZH_UNLISTED_RENDERINGS if zh else EN_UNLISTED_RENDERINGS
    choices: list[tuple[str, str | None]] = []
    for _ in range(n_positive):
        concept = rng.choice(sorted(renderings))
        choices.append((rng.choice(renderings[concept]), concept))
    misses = ZH_NEAR_MISSES if zh else EN_NEAR_MISSES
    choices += [(rng.choice(misses), None) for _ in range(n_negative)]
    rng.shuffle(choices)
    body = list(page.body)
    raw = page.raw
    # Sentences go at the end of the longest paragraphs (sub-headings stay as they are).
    targets = sorted(range(len(body)), key=lambda k: -len(body[k]))[: max(1, len(body) // 2)]
    added: dict[int, list[tuple[str, str | None]]] = {}
    for phrase, concept in choices:
        added.setdefault(rng.choice(targets), []).append((phrase, concept))
    planted = []
    offset = 0
    for k, paragraph in enumerate(body):
        extra = ""
        for phrase, concept in added.get(k, []):
            template = rng.choice(ZH_PLANT_SENTENCES if zh else EN_PLANT_SENTENCES)
            values = {
                "province": rng.choice(ZH_PROVINCES if zh else EN_PROVINCES),
                "city": rng.choice(ZH_CITIES if zh else EN_CITIES),
                "field": rng.choice(ZH_FIELDS if zh else EN_FIELDS),
                "college": rng.choice(ZH_COLLEGES if zh else EN_COLLEGES),
            }
            before, after = template.split("{phrase}")
            before = ("" if zh else " ") + before.format(**values)
            start = offset + len(paragraph) + len(extra) + len(before)
            planted.append((start, start + len(phrase), concept))
            extra += before + phrase + after.format(**values)
        if extra:
            raw = raw.replace(paragraph, paragraph + extra, 1)
        body[k] = paragraph + extra
        offset += len(body[k]) + 2
    return replace(page, raw=raw, body=body, planted=tuple(planted))


def write_corpus(
    folder: str | Path,
    *,
    n_documents: int,
    languages: tuple[str, ...] = ("en", "zh"),
    seed: int = 0,
    with_manifest: bool = True,
) -> pd.DataFrame:
    """Write a folder of generated pages, as a scraper would leave them.

    Args:
        folder: Target folder (created if missing); files ``doc_00000.txt``... are
            overwritten.
        n_documents: How many pages to write.
        languages: Languages to cycle through, one document each in turn.
        seed: Seed of the corpus; each page gets its own seed drawn from it.
        with_manifest: Also write ``corpus.csv`` (``file``, ``sha256``, ``language``).

    Returns:
        One row per file: ``file``, ``language``, ``script``, ``seed`` (give it to
        :func:`make_page` with the language and script to get the page back),
        ``encoding`` (``utf-8``, ``utf-8-sig``, ``gb18030`` or ``utf-16``, named as
        :func:`iecorpus.reading.read_document` reports them), ``line_endings``
        (``lf`` or ``crlf``), ``title``, ``date`` and ``n_bytes``.

    Note:
        Chinese pages are mostly UTF-8, some with a byte-order mark, some GB18030
        and a few UTF-16 with a byte-order mark; English pages are UTF-8, a few
        with a byte-order mark. About one file in five has CRLF line endings.
    """
    if not languages or any(language not in ("en", "zh") for language in languages):
        raise ValueError(f"languages must name 'en' and/or 'zh', not {languages!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    rows, manifest = [], []
    for index in range(n_documents):
        language = languages[index % len(languages)]
        script = "traditional" if language == "zh" and rng.random() < 0.2 else "simplified"
        page_seed = rng.randrange(2**32)
        page = make_page(language=language, seed=page_seed, script=script)
        names, weights = zip(*(ZH_ENCODINGS if language == "zh" else EN_ENCODINGS), strict=True)
        encoding = rng.choices(names, weights)[0]
        endings = "crlf" if rng.random() < 0.2 else "lf"
        text = page.raw.replace("\n", "\r\n") if endings == "crlf" else page.raw
        data = text.encode(encoding)
        name = f"doc_{index:05d}.txt"
        (folder / name).write_bytes(data)
        rows.append(
            {
                "file": name,
                "language": language,
                "script": script,
                "seed": page_seed,
                "encoding": encoding,
                "line_endings": endings,
                "title": page.title,
                "date": page.date,
                "n_bytes": len(data),
            }
        )
        manifest.append(
            {"file": name, "sha256": hashlib.sha256(data).hexdigest(), "language": language}
        )
    if with_manifest:
        pd.DataFrame(manifest, columns=["file", "sha256", "language"]).to_csv(
            folder / "corpus.csv", index=False, lineterminator="\n"
        )
    return pd.DataFrame(
        rows,
        columns=[
            "file",
            "language",
            "script",
            "seed",
            "encoding",
            "line_endings",
            "title",
            "date",
            "n_bytes",
        ],
    )


__all__ = [
    "EN_NEAR_MISSES",
    "EN_UNLISTED_RENDERINGS",
    "ZH_NEAR_MISSES",
    "ZH_UNLISTED_RENDERINGS",
    "SyntheticPage",
    "corpus_of_snippets",
    "make_page",
    "plant_renderings",
    "write_corpus",
]


def corpus_of_snippets(*texts: str, language: str = "en", dates: list[str] | None = None):
    """A corpus of short texts taken as already clean: one document per text.

    Args:
        *texts: The documents' texts.
        language: The language of every document.
        dates: One ISO date per text (default: 2021-01-01 for all).

    Returns:
        A :class:`~iecorpus.corpus.Corpus` with documents ``d0``, ``d1`` ... and empty
        paragraph, sentence, removed and problem tables: for testing the term statistics
        on snippets written for the test, without cleaning or segmenting them.
    """
    from .corpus import Corpus

    dates = dates or ["2021-01-01"] * len(texts)
    documents = pd.DataFrame(
        {
            "doc_id": [f"d{k}" for k in range(len(texts))],
            "title": "",
            "date": dates,
            "language": language,
            "source": "",
            "text": list(texts),
        }
    )
    empty = pd.DataFrame()
    return Corpus(
        documents=documents, paragraphs=empty, sentences=empty, removed=empty, problems=empty
    )
