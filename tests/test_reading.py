"""Reading files: every encoding the corpus may come in, and clear errors for bad files."""

import codecs

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
