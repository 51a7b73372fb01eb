"""Language of cleaned text: English, Chinese, or a page in another script."""

import pytest

from iecorpus.segment import detect_language, name_scripts


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Deepen the integration of industry and education.", "en"),
        ("深化产教融合，推进校企合作。", "zh"),
        ("深化產教融合，推進校企合作。", "zh"),
        ("The 产教融合 policy links colleges and firms across the region.", "en"),
        ("産学連携を推進するため、大学と企業が協力している。", "other"),
        ("산학협력을 강화하기 위해 대학과 기업이 협력한다.", "other"),
        ("Министерство образования поддерживает интеграцию.", "other"),
        # A few foreign words in an English or Chinese page do not make it foreign.
        ("The Russian word for school, школа, came up in the talk about vocational colleges.", "en"),
        ("日本的“産学連携”（さんがくれんけい）与我国的产教融合政策有相通之处，值得深入研究比较。", "zh"),
    ],
)
def test_detect_language_tells_english_chinese_and_other_scripts(text, language):
    assert detect_language(text) == language


def test_name_scripts_names_the_script_a_page_is_in():
    assert name_scripts("Министерство образования") == ["Cyrillic"]
    assert name_scripts("大学と企業が協力") == ["kana"]
    assert name_scripts("plain English") == []
