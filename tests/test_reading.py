"""Reading files: every encoding the corpus may come in, and clear errors for bad files."""

import codecs
from pathlib import Path

import pytest

from iecorpus.reading import DocumentError, decode_bytes, read_document

TEXT_ZH = "深化产教融合，推进校企合作。\n２０２１年５月２６日"
TEXT_EN = "Deepen the integration of industry and education.\nSchool-enterprise cooperation."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT_EN.encode("utf-8"), "utf-8"),
        (TEXT_ZH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT_ZH.encode("utf-8"), "utf-8-sig"),
        (TEXT_ZH.encode("gb18030"), "gb18030"),
        (TEXT_ZH.encode("gbk"), "gb18030"),
        (TEXT_ZH.encode("utf-16"), "utf-16"),  # with a byte-order mark
        (codecs.BOM_UTF16_BE + TEXT_ZH.encode("utf-16-be"), "utf-16"),
    ],
)
def test_decode_reads_each_encoding(data, encoding):
    decoded = decode_bytes(data, "doc.txt")
    assert decoded.encoding == encoding
    assert decoded.text in (TEXT_EN, TEXT_ZH)


@pytest.mark.parametrize(
    ("text", "endings"),
    [("a\r\nb\r\n", "crlf"), ("a\rb", "cr"), ("a\nb", "lf"), ("a\r\nb\nc", "mixed")],
)
def test_decode_makes_every_line_ending_a_newline(text, endings):
    decoded = decode_bytes(text.encode("utf-8"), "doc.txt")
    assert "\r" not in decoded.text
    assert decoded.line_endings == endings


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"%PDF-1.7 \x00\x01binary", "PDF"),
        (b"PK\x03\x04 zip", "zip"),
        (b"\x00\x01\x02\x03abc\x00", "NUL bytes"),
        ("Café crème".encode("cp1252"), "could not be decoded"),
    ],
)
def test_bad_files_name_the_file_and_say_what_to_do(data, words):
    with pytest.raises(DocumentError) as info:
        decode_bytes(data, "corpus/bad.txt")
    message = str(info.value)
    assert "bad.txt" in message
    assert words in message
    # Every message ends with advice: a sentence telling the user what to do.
    assert any(
        verb in message for verb in ("Remove", "Save", "save", "Re-save", "extract", "open", "Open")
    )


def test_a_named_encoding_reads_what_detection_cannot():
    data = "產教融合".encode("big5")
    assert decode_bytes(data, "doc.txt", encoding="big5").text == "產教融合"


def test_read_document_reports_a_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="gone.txt: the file does not exist"):
        read_document(tmp_path / "gone.txt")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (codecs.BOM_UTF8, "no text"),
        ("\u200b\u200b\ufeff \u200d\n".encode("utf-8"), "no text"),
        (codecs.BOM_UTF16_LE + "\u200b".encode("utf-16-le"), "no text"),
        (b"One line of UTF-8 text\x00 with a NUL byte in it.", "UTF-8 text with 1"),
        ("產業學院".encode("big5"), "reads as GB18030"),
        ("新聞".encode("big5"), "and as big5"),
        ("産学連携を推進する".encode("shift_jis"), "and as shift_jis"),
    ],
)
def test_what_would_load_as_nothing_or_as_mojibake_is_named(data, words):
    with pytest.raises(DocumentError) as info:
        decode_bytes(data, "corpus/odd.txt")
    assert words in str(info.value)
    assert "odd.txt" in str(info.value)


def test_simplified_chinese_in_gbk_is_still_read_without_a_manifest():
    assert decode_bytes("深化产教融合".encode("gbk"), "doc.txt").encoding == "gb18030"


def test_an_unknown_encoding_name_is_named_as_such():
    with pytest.raises(DocumentError, match="'big-5', which is not an encoding name"):
        decode_bytes(b"abc", "doc.txt", encoding="big-5")
    with pytest.raises(DocumentError, match="as utf-16, the encoding the manifest names"):
        decode_bytes(b"abc", "doc.txt", encoding="utf-16")


def test_the_text_as_decoded_keeps_what_normalising_dropped():
    decoded = decode_bytes(b"a\r\nb\rc", "doc.txt")
    assert (decoded.text, decoded.as_decoded) == ("a\nb\nc", "a\r\nb\rc")


ENGLISH_PAGE = (
    "The ministry said \u201cindustry\u2013education integration\u201d is the key \u2014 "
    "it\u2019s how colleges and firms train together.\n"
) * 3
BIG5_PAGE = (
    "深化產教融合，推進校企合作，職業教育與產業發展緊密結合。"
    "教育部發布新聞稿表示，將持續推動技職教育與區域產業對接。\n"
)


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (ENGLISH_PAGE.encode("gb18030"), "gb18030", ENGLISH_PAGE),
        (BIG5_PAGE.encode("big5"), "big5", BIG5_PAGE),
        ((BIG5_PAGE * 3).encode("big5"), "big5", BIG5_PAGE * 3),
    ],
)
def test_the_detector_reads_an_english_page_in_gb18030_and_a_big5_page(data, encoding, text):
    decoded = decode_bytes(data, "doc.txt")
    assert (decoded.encoding, decoded.text) == (encoding, text)


def test_the_detector_does_not_guess_outside_the_likely_encodings():
    # Latin-1 French and Cyrillic in cp1251 are not among the likely encodings: refused, not guessed.
    for data in ("Café crème brûlée à la carte".encode("cp1252"), "Привет мир".encode("cp1251")):
        with pytest.raises(DocumentError, match="could not be decoded"):
            decode_bytes(data, "corpus/odd.txt")


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_a_page_of_control_characters_is_refused_as_binary_in_any_encoding(codec):
    binary = ("产教融合\x01\x02\x7f\x0b" * 40).encode(codec)
    with pytest.raises(DocumentError, match="mostly control characters"):
        decode_bytes(binary, "page.txt")
    # Two stray control characters in a page are no sign of a binary file.
    decoded = decode_bytes(("产教融合，校企合作。\x01\x7f" + TEXT_ZH).encode(codec), "page.txt")
    assert decoded.text.startswith("产教融合")


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 70_000])
def test_a_file_is_read_whole_whatever_its_size(tmp_path, size):
    from iecorpus.reading import _read_bytes

    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    (tmp_path / "doc.txt").write_bytes(data)
    assert _read_bytes(tmp_path / "doc.txt") == data


def test_a_read_cut_short_is_carried_on_to_the_end(tmp_path, monkeypatch):
    import os

    from iecorpus.reading import _read_bytes

    data = b"industry-education integration " * 500
    (tmp_path / "doc.txt").write_bytes(data)
    read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read(fd, min(n, 1000)))  # at most 1,000
    assert _read_bytes(tmp_path / "doc.txt") == data


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="Linux's /proc only")
def test_a_file_that_does_not_know_its_size_is_read_to_its_end():
    from iecorpus.reading import _read_bytes

    assert Path("/proc/self/cmdline").stat().st_size == 0
    assert _read_bytes(Path("/proc/self/cmdline")) == Path("/proc/self/cmdline").read_bytes()


def test_a_folder_named_as_a_document_is_refused(tmp_path):
    with pytest.raises(DocumentError, match="cannot be read"):
        read_document(tmp_path)
