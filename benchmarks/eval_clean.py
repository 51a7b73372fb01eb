"""Score cleaning, titles and dates on real annotated pages and on generated pages.

Run from the repository root:

    .venv/bin/python benchmarks/eval_clean.py                    # ../shared/pages-dev
    .venv/bin/python benchmarks/eval_clean.py --pages DIR        # another annotated folder
    .venv/bin/python benchmarks/eval_clean.py --synthetic 300    # more generated pages

The real pages are read at run time from a folder holding ``GOLD.json`` and
``MANIFEST.csv`` (format in that folder's README); nothing of them is copied into the
repository. When the folder is absent the script says so in one line and exits 0.

A gold body string (``body_first``, ``body_last``, ``must_keep``) is kept when one of its
occurrences in the raw page has none of its visible characters inside a removal in the
audit; a noise string (``must_remove``) is removed when every occurrence of it has all its
visible characters inside removals. Titles are compared with white space collapsed; dates
as ISO strings, as precise as the gold. Dates are scored twice: loading without a
manifest, and with a manifest that gives only each page's ``url``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from iecorpus import load_corpus
from iecorpus.clean import clean_document
from iecorpus.dates import find_dates

try:  # the generator is moving to iecorpus.testing; this is the one place that knows
    from iecorpus.testing import make_page
except ImportError:
    from iecorpus.testing import make_page

DEFAULT_PAGES = Path(__file__).resolve().parents[1] / ".." / "shared" / "pages-dev"

#: Noise kinds, told apart by the shape of the noise string (first match wins).
KINDS = [
    (
        "caption",
        re.compile(
            r"^(?:figure|fig\.)\s*\d|^[图圖]\s*\d|\bphoto\b.*\b(?:shows|taken|take)\b|"
            r"\bshows\b|\(\d?(?:st|nd|rd|th)?,? ?[LR]\)|"
            r"^[A-Z].{30,}(?:\w{3,9}\.? \d{1,2}(?:, \d{4})?)\.$|[、，,]$|"
            r"^[^\s]{2,4}(?:博士|教授|女士|先生)、",
            re.IGNORECASE,
        ),
    ),
    (
        "byline/credit",
        re.compile(
            r"^\(?(?:by|photo|cover photo|contributors?)\b|reporter|/photograph|/for\b|"
            r"photo provided|^\(?[A-Z][a-z]+\)|^\([A-Z][a-z]+/|记者|記者|"
            r"^[(（]?文/|图/|通讯员|编辑|^\(?来源|^source\s*:|提供）|^[(（][^()（）]{2,8}[)）]$",
            re.IGNORECASE,
        ),
    ),
    (
        "timestamp/date line",
        re.compile(
            r"^(?:date|time|release time|updated)\b|\d{4}[-/.]\d{1,2}[-/.]?\d{0,2}|"
            r"^\d{1,2}:\d{2}$|\b\d{1,2} \w+ \d{4}\b|发布时间|浏览|点击",
            re.IGNORECASE,
        ),
    ),
    (
        "navigation/breadcrumb",
        re.compile(
            r"^(?:home|location|news|• )|>|/ |当前位置|首页|"
            r"(?-i:[a-z][A-Z].*[a-z][A-Z].*[a-z][A-Z])|"
            r"^(?:save|share|print|leave|read|more)\b|请继续|請繼續|\d{3,4}-\d{3,4}|"
            r"^[\w ]+ (?:news|center|centre)$|新闻$|新聞$",
            re.IGNORECASE,
        ),
    ),
    ("spam", re.compile(r"视频|官网|彩网|赌|娱乐|-.*-.*-|[A-Za-z]+\d{3,}")),
    (
        "disclaimer/metadata",
        re.compile(
            r"\|\s*$|^\[\d\]|信息|声明|^[A-Z][a-z]+(?: [A-Z][a-z]+)?\s*[-:]\s*$|"
            r"^\w+(?: \w+)? \d+:$|^\w+:\s|^related\b|^[A-Z][a-z]{4,}$",
        ),
    ),
]
SIDEBAR = "sidebar/teaser headline"


def classify_noise(text: str) -> str:
    """The kind of a noise string, judged by its shape only."""
    for kind, pattern in KINDS:
        if pattern.search(text):
            return kind
    if len(text) >= 25 or re.search(r"\b(?:also like|related)\b", text, re.IGNORECASE):
        return SIDEBAR
    return "other"


def _visible(raw: str, start: int, end: int) -> list[int]:
    return [k for k in range(start, end) if not raw[k].isspace()]


def _occurrences(raw: str, needle: str) -> list[int]:
    found, k = [], raw.find(needle)
    while k >= 0:
        before = raw[k - 1 : k]
        after = raw[k + len(needle) : k + len(needle) + 1]
        whole = not (needle[:1].isalnum() and before.isalnum() and before.isascii()) and not (
            needle[-1:].isalnum() and after.isalnum() and after.isascii()
        )
        if whole:
            found.append(k)
        k = raw.find(needle, k + 1)
    return found


def removed_mask(raw: str, rows: pd.DataFrame) -> bytearray:
    """1 for each raw character inside an audited removal (an edit replaced by nothing)."""
    mask = bytearray(len(raw))
    for start, end, replacement, reason in zip(
        rows["start"], rows["end"], rows["replacement"], rows["reason"], strict=True
    ):
        if replacement == "" and reason != "artefact":
            mask[start:end] = b"\x01" * (end - start)
    return mask


def is_kept(raw: str, mask: bytearray, text: str) -> bool:
    return any(
        not any(mask[k] for k in _visible(raw, s, s + len(text))) for s in _occurrences(raw, text)
    )


def is_removed(raw: str, mask: bytearray, text: str) -> bool:
    places = _occurrences(raw, text)
    return bool(places) and all(
        all(mask[k] for k in _visible(raw, s, s + len(text))) for s in places
    )


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip()


def _load(folder: Path, manifest: Path | None):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(folder, manifest=manifest, progress=False)


def score_pages(folder: Path, *, verbose: bool) -> dict:
    """Score every annotated page of ``folder``; print per page and per kind."""
    gold = json.loads((folder / "GOLD.json").read_text(encoding="utf-8"))["documents"]
    manifest = pd.read_csv(folder / "MANIFEST.csv", dtype=str, keep_default_na=False)
    corpus = _load(folder, None)
    with tempfile.TemporaryDirectory() as tmp:
        url_manifest = Path(tmp) / "urls.csv"
        manifest[["file", "url"]].to_csv(url_manifest, index=False)
        with_urls = _load(folder, url_manifest)
    docs = corpus.documents.set_index("file")
    url_docs = with_urls.documents.set_index("file")
    by_kind: dict[str, Counter] = defaultdict(Counter)
    totals = Counter()
    lines = []
    for file, g in sorted(gold.items()):
        if file not in docs.index:
            lines.append(f"{file:10} not loaded")
            continue
        doc = docs.loc[file]
        raw = corpus.raw[doc["doc_id"]]
        mask = removed_mask(raw, corpus.removed[corpus.removed["doc_id"] == doc["doc_id"]])
        body = [g["body_first"], *g["must_keep"], g["body_last"]]
        lost = [s for s in body if not is_kept(raw, mask, s)]
        late = not is_kept(raw, mask, g["body_first"])
        kept_noise = []
        for s in g["must_remove"]:
            kind = classify_noise(s)
            gone = is_removed(raw, mask, s)
            by_kind[kind]["total"] += 1
            by_kind[kind]["removed"] += gone
            if not gone:
                kept_noise.append((kind, s))
        clean = not lost and not kept_noise
        title_ok = None
        if g["title_expected"]:
            title_ok = _norm(doc["title"]) == _norm(g["title_expected"])
        date_ok = url_ok = None
        printed = False
        if g["date_expected"]:
            date_ok = doc["date"] == g["date_expected"]
            url_ok = url_docs.loc[file, "date"] == g["date_expected"]
            # printed: the page itself writes the date (in any form find_dates reads)
            printed = any(d.iso.startswith(g["date_expected"]) for d in find_dates(raw))
        totals.update(
            pages=1,
            clean=clean,
            noise=len(g["must_remove"]),
            removed=len(g["must_remove"]) - len(kept_noise),
            body=len(body),
            body_lost=len(lost),
            pages_losing=bool(lost),
            late=late,
            titles=title_ok is not None,
            titles_ok=bool(title_ok),
            dates=date_ok is not None,
            dates_ok=bool(date_ok),
            url_ok=bool(url_ok),
            printed=printed,
            printed_ok=printed and bool(date_ok),
        )
        mark = {None: "-", True: "ok", False: "NO"}
        n_noise = len(g["must_remove"])
        lines.append(
            f"{file:10} {'clean' if clean else 'dirty':5} noise {n_noise - len(kept_noise):2}"
            f"/{n_noise:<2} body lost {len(lost)}{' (late)' if late else '':7} "
            f"title {mark[title_ok]:2} date {mark[date_ok]:2} url-date {mark[url_ok]:2}"
        )
        if verbose:
            for kind, s in kept_noise:
                lines.append(f"{'':12}kept noise [{kind}]: {s[:90]!r}")
            for s in lost:
                lines.append(f"{'':12}lost body: {s[:90]!r}")
            if title_ok is False:
                lines.append(
                    f"{'':12}title: {str(doc['title'])[:90]!r} ({doc.get('title_source', '')})"
                )
            if date_ok is False or url_ok is False:
                lines.append(
                    f"{'':12}date: {doc['date']!r}, with url {url_docs.loc[file, 'date']!r}, "
                    f"gold {g['date_expected']!r}"
                )
    print("\n".join(lines))
    print()
    print("noise kind                 removed")
    for kind in [k for k, _ in KINDS] + [SIDEBAR, "other"]:
        c = by_kind.get(kind)
        if c:
            print(f"  {kind:24} {c['removed']:3} / {c['total']:<3}")
    return dict(totals)


def score_synthetic(n_pages: int) -> dict:
    """Clean generated pages, which know their true body, title and date."""
    totals = Counter()
    for seed in range(n_pages):
        language = "zh" if seed % 2 else "en"
        script = "traditional" if language == "zh" and seed % 5 == 1 else "simplified"
        page = make_page(language=language, seed=seed, script=script)
        cleaned = clean_document(page.raw)
        paragraphs = cleaned.text.split("\n\n")
        lost = sum(1 for p in page.body if p not in paragraphs)
        kept_noise = sum(1 for n in page.noise if n in cleaned.text)
        for kind, noise in page.noise_kinds:
            totals[f"kind {kind}"] += 1
            totals[f"kind {kind} removed"] += noise not in cleaned.text
        totals.update(
            pages=1,
            clean=cleaned.text == page.text,
            body=len(page.body),
            body_lost=lost,
            noise=len(page.noise),
            removed=len(page.noise) - kept_noise,
            titles_ok=cleaned.title == page.title,
            dates_ok=cleaned.date == page.date,
        )
    return dict(totals)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="annotated folder")
    parser.add_argument("--synthetic", type=int, default=200, help="generated pages to score")
    parser.add_argument("--quiet", action="store_true", help="no per-string detail")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if not (args.pages / "GOLD.json").is_file():
        print(f"{args.pages}: no annotated pages here (no GOLD.json); nothing scored.")
        return 0
    real = score_pages(args.pages.resolve(), verbose=not args.quiet)
    synthetic = score_synthetic(args.synthetic)
    seconds = time.perf_counter() - started
    print()
    print(f"summary ({seconds:.1f} s)")
    print(
        f"  pages-dev: {real['clean']}/{real['pages']} pages clean, "
        f"{real['removed']}/{real['noise']} noise removed "
        f"({100 * real['removed'] / max(real['noise'], 1):.0f}%), "
        f"{real['pages_losing']} pages losing body ({real['body_lost']} strings, "
        f"{real['late']} starting late)"
    )
    print(
        f"  pages-dev: titles {real['titles_ok']}/{real['titles']}, dates without manifest "
        f"{real['dates_ok']}/{real['dates']} (printed on the page {real['printed_ok']}/"
        f"{real['printed']}), with url-only manifest "
        f"{real['url_ok']}/{real['dates']}"
    )
    s = synthetic
    print(
        f"  synthetic: {s['clean']}/{s['pages']} pages clean, {s['removed']}/{s['noise']} noise "
        f"removed, {s['body_lost']}/{s['body']} paragraphs lost, titles {s['titles_ok']}/"
        f"{s['pages']}, dates {s['dates_ok']}/{s['pages']}"
    )
    shaped = sorted(k[5:] for k in s if k.startswith("kind ") and not k.endswith(" removed"))
    print(
        "  synthetic by kind: "
        + ", ".join(f"{k} {s[f'kind {k} removed']}/{s[f'kind {k}']}" for k in shaped)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
