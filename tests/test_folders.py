"""Generated hostile folders thrown at load_corpus and iecorpus.check: no exception, no file
lost without a word, and the audit holds (a property test, bounded to a few seconds)."""

import codecs
import contextlib
import io
import os
import tempfile
import warnings
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iecorpus import load_corpus
from iecorpus.check import check_corpus, main
from iecorpus.reading import CONVERTIBLE_SUFFIXES, TEXT_SUFFIXES
from iecorpus.testing import make_page  # the one import of the page generator

SUFFIXES = [".txt", ".md", ".text", ".TXT", ".html", ".pdf", ".Md"]
NAME_CHARS = "abcxyz019 -_;$'\"()产教融合é"
KINDS = [
    "en",
    "zh",
    "traditional",
    "empty",
    "bom",
    "zero-width",
    "spam",
    "binary",
    "nul",
    "big5",
    "html",
]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16"]


def content(kind: str, seed: int, encoding: str, crlf: bool) -> bytes:
    """The bytes of one file of the given kind."""
    if kind in ("en", "zh", "traditional"):
        page = make_page(
            language="en" if kind == "en" else "zh",
            script="traditional" if kind == "traditional" else "simplified",
            seed=seed,
            n_paragraphs=(1, 2),
        ).raw
        if crlf:
            page = page.replace("\n", "\r\n")
        return page.encode("utf-8" if kind == "en" else encoding)
    return {
        "empty": b"",
        "bom": codecs.BOM_UTF8,
        "zero-width": "\u200b\u200d\n\ufeff".encode(),
        "spam": "尊龙凯时 尊龙凯时\nHome > News > Detail\n".encode(),
        "binary": bytes(range(256)),
        "nul": b"One line of text\x00 with a NUL byte.\n",
        "big5": "產業學院".encode("big5"),
        "html": b"<html><body><p>Deepen integration.</p></body></html>",
    }[kind]


entry = st.tuples(
    st.text(NAME_CHARS, min_size=1, max_size=10).filter(lambda n: n.strip(" ") == n),
    st.sampled_from(SUFFIXES),
    st.sampled_from(KINDS),
    st.integers(0, 50),
    st.sampled_from(ENCODINGS),
    st.booleans(),
    st.sampled_from(["", "sub", "sub dir; x"]),
)
link = st.sampled_from(["dangling", "loop", "outside", "inside", "folder-loop"])
manifest_row = st.sampled_from(
    ["../outside.txt", "/etc/hostname", "missing.txt", "doc,with, commas", "", "sub"]
)


def build(root: Path, entries, links, rows) -> Path:
    folder = root / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_bytes(content("en", 0, "utf-8", False))  # one always loads
    (root / "outside.txt").write_bytes(content("en", 1, "utf-8", False))
    names = []
    for name, suffix, kind, seed, encoding, crlf, sub in entries:
        path = folder / sub / f"{name}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content(kind, seed, encoding, crlf))
        names.append(path.relative_to(folder).as_posix())
    for k, kind in enumerate(links):
        path = folder / f"link{k}.txt"
        target = {
            "dangling": folder / "gone.txt",
            "loop": path,
            "outside": root / "outside.txt",
            "inside": folder / "good.txt",
            "folder-loop": folder,
        }[kind]
        if kind == "folder-loop":
            path = folder / "sub" / f"up{k}"
        path.symlink_to(target)
    if rows:
        cells = "\n".join(rows + names[:2])
        (folder / "corpus.csv").write_text(f"file,title\n{cells}\n", encoding="utf-8")
    return folder


def candidates(folder: Path) -> list[str]:
    """Every file or link in the folder that could be a document, as the user would name it."""
    suffixes = TEXT_SUFFIXES + CONVERTIBLE_SUFFIXES
    found = []
    for directory, dirs, files in os.walk(folder):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(directory, d))]:
            path = Path(directory, name)
            wanted = Path(name).suffix.lower() in suffixes or path.is_symlink()
            if wanted and name.lower() != "readme.md":
                found.append(path.relative_to(folder).as_posix())
    return found


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    entries=st.lists(entry, max_size=6),
    links=st.lists(link, max_size=3),
    rows=st.lists(manifest_row, max_size=3),
)
def test_any_folder_loads_without_an_exception_or_a_silent_loss(entries, links, rows):
    with tempfile.TemporaryDirectory() as tmp:
        folder = build(Path(tmp), entries, links, rows)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = load_corpus(folder)
        accounted = set(corpus.documents["file"]) | set(corpus.problems["file"])
        for name in candidates(folder):
            assert name in accounted, f"{name} was neither loaded nor reported"
        assert corpus.documents["doc_id"].is_unique
        audit = corpus.check_audit()
        assert audit["balanced"].all() and audit["restores_raw"].all()
        outside = (Path(tmp) / "outside.txt").read_text(encoding="utf-8")
        assert outside not in corpus.raw.values()  # neither a manifest row nor a link reads it
        check = check_corpus(folder)
        assert check.usable and check.n_readable <= check.n_files
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            assert main([str(folder)]) == 0
