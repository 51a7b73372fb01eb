"""Reading document files: encodings, byte-order marks, line endings, clear errors for bad files."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .chinese import CJK_PUNCTUATION, FULL_WIDTH_FORMS, HAN
from .paths import relative_to_project

#: Files read as documents. Others found in a corpus folder are reported, not read.
TEXT_SUFFIXES = (".txt", ".text", ".md")
#: Files that are documents in another format: reported with advice on converting them.
CONVERTIBLE_SUFFIXES = (".pdf", ".doc", ".docx", ".rtf", ".odt", ".html", ".htm", ".wps")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (
        b"%PDF",
        "a PDF file",
        "extract its text first (for example with pdftotext) and save it as UTF-8 .txt",
    ),
    (
        b"PK\x03\x04",
        "a zip container (a .docx, .xlsx or .zip file)",
        "open it and save the article as plain UTF-8 text (.txt)",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "an old Microsoft Office file",
        "save the article as plain UTF-8 text (.txt)",
    ),
    (b"{\\rtf", "an RTF file", "save the article as plain UTF-8 text (.txt)"),
    (b"\x89PNG", "a PNG image", "remove it from the corpus folder"),
    (b"\xff\xd8\xff", "a JPEG image", "remove it from the corpus folder"),
)
#: Every byte-order mark and magic number, for one ``startswith`` that tells most files at once.
_BOM_MARKS = tuple(mark for mark, _ in _BOMS)
_MAGIC_NUMBERS = tuple(magic for magic, _, _ in _MAGIC)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
#: The same characters as bytes, counted in the bytes of an encoding in which every byte below
#: 0x80 stands for its ASCII character (a multi-byte character never holds one).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_ASCII_COMPATIBLE = frozenset({"utf-8", "utf-8-sig", "gb18030"})
#: What a page can hold and still show nothing: white space, zero-width characters, BOMs.
_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]*")
#: East Asian encodings that GB18030 also decodes (into nonsense) without an error.
_LOOK_ALIKES = ("big5", "shift_jis")
#: The encodings the fallback detector may choose from: those Chinese and English pages come in.
LIKELY_ENCODINGS = ("utf_8", "gb18030", "big5", "utf_16")
#: Non-ASCII characters a page must hold before the detector may settle a GB18030/Big5 doubt.
_MIN_TO_SETTLE = 20
#: The most "chaos" (mess ratio, 0 to 1) a detector's reading may have and still be taken.
_MAX_CHAOS = 0.1


class CorpusError(Exception):
    """A problem with the corpus that the user can fix; the message says how."""


class DocumentError(CorpusError):
    """One document cannot be read.

    Attributes:
        path: The file.
        problem: What is wrong, in a few words.
        advice: What to do about it.
    """

    def __init__(self, path: str | Path, problem: str, advice: str):
        self.path, self.problem, self.advice = Path(path), problem, advice
        super().__init__(f"{relative_to_project(path)}: {problem}. {advice}.")

    def __reduce__(self):  # rebuilt whole when a Dask worker hands it back
        return type(self), (self.path, self.problem, self.advice)


class ManifestError(CorpusError):
    """The manifest cannot be used as it is."""


@dataclass(frozen=True)
class Decoded:
    """A document file read into text.

    Attributes:
        text: The text with a byte-order mark dropped and every line ending made ``\\n``.
        encoding: The encoding that read it (``utf-8``, ``utf-8-sig``, ``gb18030``, ``utf-16`` ...).
        n_bytes: Size of the file.
        line_endings: ``lf``, ``crlf``, ``cr`` or ``mixed``.
        sha256: Checksum of the file's bytes.
        as_decoded: The text exactly as the encoding decoded it, before byte-order
            marks were dropped and line endings normalised (the audit's raw text).
    """

    text: str
    encoding: str
    n_bytes: int
    line_endings: str
    sha256: str
    as_decoded: str = ""


def _line_endings(text: str) -> str:
    if "\r" not in text:  # the common case: LF line endings, or a single line
        return "lf"
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("crlf", crlf), ("cr", cr), ("lf", lf)) if n]
    return kinds[0] if len(kinds) == 1 else ("mixed" if kinds else "lf")


def decode_bytes(data: bytes, path: str | Path, *, encoding: str | None = None) -> Decoded:
    """Decode the bytes of one document, or say clearly why they are not text.

    Args:
        data: The file's bytes.
        path: The file (named in errors).
        encoding: Force an encoding (as a manifest's ``encoding`` column does),
            for files in an encoding that cannot be told apart reliably, such as Big5.

    Returns:
        The :class:`Decoded` text.

    Raises:
        DocumentError: The file is empty or shows no text (only a byte-order mark,
            zero-width characters or white space), binary, UTF-8 with NUL bytes, in no
            encoding tried (UTF-8, UTF-16/32 with a byte-order mark, GB18030, which
            includes GBK, then the encoding charset-normalizer finds among
            :data:`LIKELY_ENCODINGS`), in bytes that read as GB18030 and as Big5 or
            Shift-JIS alike and are too short to tell, or ``encoding`` is unknown or does
            not decode it.

    Note:
        charset-normalizer is asked only when UTF-8 and GB18030 fail or are in doubt,
        so the common file costs nothing more; its answer is taken only when it reads
        as Chinese, or as English whose only non-ASCII characters are punctuation.
    """
    if not data.strip():
        raise DocumentError(
            path, "the file is empty", "Remove it, or replace it with the article's text"
        )
    for magic, what, advice in _MAGIC if data.startswith(_MAGIC_NUMBERS) else ():
        if data.startswith(magic):
            raise DocumentError(
                path, f"this is {what}, not a text file", advice[0].upper() + advice[1:]
            )
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise DocumentError(
                path,
                f"the manifest names the encoding {encoding!r}, which is not an encoding name",
                "Write a name such as utf-8, gb18030, big5, shift_jis or cp1252 in the "
                "`encoding` column",
            ) from None
        candidates = [encoding]
    else:
        bom = None
        if data.startswith(_BOM_MARKS):
            bom = next(name for mark, name in _BOMS if data.startswith(mark))
        if bom is None and b"\x00" in data:
            _refuse_nul_bytes(data, path)
        candidates = [bom] if bom else ["utf-8", "gb18030"]
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        if name == "gb18030" and not encoding:
            if not _plausible_chinese(text):
                continue
            try:
                _refuse_look_alikes(data, text, path)
            except DocumentError:
                settled = _detect_encoding(data, among=("gb18030", "big5"), settle=True)
                if settled is None:
                    raise
                name, text = settled
        return _finish(data, text, name, path)
    if not encoding and len(candidates) > 1:
        detected = _detect_encoding(data, among=LIKELY_ENCODINGS)
        if detected is not None:
            return _finish(data, detected[1], detected[0], path)
    if encoding:
        raise DocumentError(
            path,
            f"the file could not be decoded as {encoding}, the encoding the manifest names",
            "Correct the manifest's `encoding` cell, or leave it empty to detect the encoding",
        )
    tried = ", ".join(candidates)
    raise DocumentError(
        path,
        f"the file could not be decoded as {tried}",
        "Re-save it as UTF-8, or name its encoding (for example big5 or cp1252) in the manifest's "
        "`encoding` column",
    )


def _finish(data: bytes, text: str, name: str, path: str | Path) -> Decoded:
    """Refuse text that is binary or invisible; drop byte-order marks and normalise line ends."""
    if name in _ASCII_COMPATIBLE:  # a control character is one byte of its own there
        n_control = len(data) - len(data.translate(None, _CONTROL_BYTES))
    else:
        n_control = len(_CONTROL.findall(text))
    if n_control > max(2, len(text) // 100):
        raise DocumentError(
            path,
            "the file is mostly control characters: it looks binary",
            "Save the article as UTF-8 text",
        )
    if _INVISIBLE.fullmatch(text):
        raise DocumentError(
            path,
            "the file shows no text: it holds only a byte-order mark, zero-width "
            "characters or white space",
            "Remove it, or replace it with the article's text",
        )
    as_decoded = text
    text = text.lstrip("\ufeff")
    endings = _line_endings(text)
    if endings != "lf":
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, name, len(data), endings, hashlib.sha256(data).hexdigest(), as_decoded)


def _detect_encoding(
    data: bytes, *, among: tuple[str, ...], settle: bool = False
) -> tuple[str, str] | None:
    """Ask charset-normalizer which of ``among`` reads ``data``; check its answer reads as text.

    Args:
        data: The file's bytes.
        among: The encodings it may choose (Python codec names).
        settle: Settle a doubt between look-alike encodings: only for a text long enough
            (at least ``_MIN_TO_SETTLE`` non-ASCII characters) to tell them apart.

    Returns:
        The encoding's name (``utf-8``, ``gb18030``, ``big5``, ``utf-16``) and the text,
        or None where the detector finds none, its best reading is messy, or it does
        not read as Chinese or as text with punctuation beyond ASCII.
    """
    from charset_normalizer import from_bytes  # imported only for the rare hard file

    best = from_bytes(data, cp_isolation=list(among)).best()
    if best is None or best.chaos > _MAX_CHAOS:
        return None
    name = codecs.lookup(best.encoding).name.replace("_", "-")
    try:
        text = data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None
    non_ascii = [c for c in text if ord(c) > 127]
    if settle and len(non_ascii) < _MIN_TO_SETTLE:
        return None
    if not (_plausible_chinese(text) or _plausible_punctuation(non_ascii)):
        return None
    return name, text


def _plausible_punctuation(non_ascii: list[str]) -> bool:
    """An English page in a Chinese encoding: its non-ASCII characters are punctuation."""
    marks = sum(1 for c in non_ascii if unicodedata.category(c)[0] in "PSZ")
    return bool(non_ascii) and marks >= 0.8 * len(non_ascii)


def _refuse_nul_bytes(data: bytes, path: str | Path) -> None:
    """Say whether NUL bytes sit in UTF-8 text or make the file binary (or BOM-less UTF-16)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    n_nul, first = data.count(b"\x00"), data.index(b"\x00")
    if text is not None and len(_CONTROL.findall(text)) <= max(2, len(text) // 100):
        raise DocumentError(
            path,
            f"the file is UTF-8 text with {n_nul} NUL byte(s) in it (the first at byte {first})",
            "Delete the NUL bytes (for example with tr -d '\\000') and load it again",
        )
    raise DocumentError(
        path,
        "the file contains NUL bytes: it is binary, or UTF-16 without a byte-order mark",
        "Save it as UTF-8 text, or name its encoding in the manifest's `encoding` column",
    )


def _refuse_look_alikes(data: bytes, text: str, path: str | Path) -> None:
    """Refuse GB18030 text that reads as well in Big5 or Shift-JIS: a guess would be mojibake.

    Note:
        Text in GB2312's characters (simplified Chinese) is taken as GB18030. Otherwise,
        where the bytes also decode as Big5 or Shift-JIS (short texts often do), no
        guess is made: the message shows both readings.
    """
    if _in_gb2312(text):  # the common case, at C speed
        return
    # Counted by the codecs rather than character by character: GB2312 encodes every
    # ASCII character, and drops exactly the characters it lacks.
    n_non_ascii = _count_non_ascii(text)
    outside = len(text) - len(text.encode("gb2312", "ignore").decode("gb2312"))
    if n_non_ascii - outside >= 0.9 * n_non_ascii:
        return
    for name in _LOOK_ALIKES:
        try:
            other = data.decode(name)
        except UnicodeDecodeError:
            continue
        raise DocumentError(
            path,
            f"the encoding cannot be told: the file reads as GB18030 ({text[:12].strip()!r}) "
            f"and as {name} ({other[:12].strip()!r})",
            f"Name its encoding (gb18030, {name} ...) in the manifest's `encoding` column",
        )


def _in_gb2312(text: str) -> bool:
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes almost any bytes; accept it only where the result reads as Chinese."""
    n_non_ascii = _count_non_ascii(text)
    if not n_non_ascii:
        return True
    # The Chinese characters counted as the non-ASCII ones less the others: a Chinese
    # page has few others, so the list findall builds stays short.
    n_chinese = n_non_ascii - len(_NEITHER_ASCII_NOR_CJK.findall(text))
    return n_chinese >= 0.8 * n_non_ascii


#: A character neither ASCII nor of the CJK script (``chinese.CJK_SCRIPT_CHAR``'s class).
_NEITHER_ASCII_NOR_CJK = re.compile(f"[^\x00-\x7f{HAN}{CJK_PUNCTUATION}{FULL_WIDTH_FORMS}]")


def _count_non_ascii(text: str) -> int:
    """How many characters of ``text`` lie beyond ASCII (counted by the codec, not a loop)."""
    return len(text) - len(text.encode("ascii", "ignore"))


def read_document(path: str | Path, *, encoding: str | None = None) -> Decoded:
    """Read one document file.

    Args:
        path: A text file.
        encoding: Force an encoding instead of detecting it.

    Returns:
        The :class:`Decoded` text.

    Raises:
        DocumentError: The file is missing, unreadable, empty, binary or undecodable.
    """
    path = path if isinstance(path, Path) else Path(path)
    try:
        data = _read_bytes(path)
    except FileNotFoundError:
        raise DocumentError(
            path, "the file does not exist", "Check the name in the manifest"
        ) from None
    except OSError as exc:
        raise DocumentError(
            path, f"the file cannot be read ({exc.strerror})", "Check its permissions"
        ) from None
    return decode_bytes(data, path, encoding=encoding)


def _read_bytes(path: Path) -> bytes:
    """The bytes of a file, read by the operating system's calls (as ``Path.read_bytes`` does).

    Note:
        Without the buffered file object ``open`` builds and its check for a terminal: a
        regular file is read in one call of its size (and one more byte, to see its end).
        Where that call gives another length (a file that grew, shrank or does not know
        its size, or a read cut short, as a system may cut one), the rest is read to the end.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)
        if len(data) != size:
            chunks = [data]
            while chunk := os.read(fd, max(size, 1 << 16)):
                chunks.append(chunk)
            data = b"".join(chunks)
    finally:
        os.close(fd)
    return data
