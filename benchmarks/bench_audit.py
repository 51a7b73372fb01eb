"""Benchmark Corpus.check_audit() on corpora of 1,000, 5,000 and 20,000 generated files.

Run from the repository root:

    .venv/bin/python benchmarks/bench_audit.py                       # 1,000 / 5,000 / 20,000
    .venv/bin/python benchmarks/bench_audit.py --files 1000 5000     # quicker

Each corpus is a temporary folder of small generated pages (a headline, a dateline,
navigation, an injected spam brand, two body paragraphs; English and Chinese, one file in
four with CRLF line endings), loaded once with ``load_corpus``; then ``check_audit()`` is
timed. The audit must grow linearly with the corpus: the per-file figure should stay about
the same from one size to the next. Nothing is asserted; the script prints the figures.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from pathlib import Path

EN = (
    "Home | News | Contact us\n"
    "College {i} and firm sign a training pact\n"
    "2021-05-{day:02d}\n\n"
    "The college signed an agreement on industry-education integration, number {i}.\n\n"
    "School-enterprise cooperation deepens with {n} apprentices this year.\n"
)
ZH = (
    "首页 | 新闻中心 | 联系我们\n"
    "第{i}号职业教育集团成立\n"
    "发布时间：2022年7月{day}日\n"
    "尊龙凯时\n"
    "\u3000\u30007月6日，某省能源职业教育集团正式揭牌，编号{i}。\n\n"
    "\u3000\u3000校企合作不断深化，今年培养学徒{n}名。\n"
)


def write_pages(folder: Path, n_files: int) -> None:
    """Write ``n_files`` small pages, alternating English and Chinese."""
    for i in range(n_files):
        page = (EN if i % 2 else ZH).format(i=i, day=1 + i % 28, n=10 + i % 90)
        newline = "\r\n" if i % 4 == 3 else "\n"
        (folder / f"page_{i:05d}.txt").write_text(page, encoding="utf-8", newline=newline)


def measure(n_files: int) -> dict[str, float]:
    """Write, load and audit one corpus; return the times in seconds."""
    from iecorpus import load_corpus

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_pages(folder, n_files)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = load_corpus(folder, progress=False)
        loaded = time.perf_counter()
        audit = corpus.check_audit()
        audited = time.perf_counter()
    assert len(audit) == n_files and audit["restores_raw"].all() and audit["balanced"].all()
    return {
        "load": loaded - start,
        "audit": audited - loaded,
        "edits": len(corpus.removed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs="+", default=[1000, 5000, 20000])
    args = parser.parse_args()
    print(f"{'files':>7} {'edits':>8} {'load s':>8} {'check_audit s':>14} {'µs/file':>8}")
    for n_files in args.files:
        m = measure(n_files)
        print(
            f"{n_files:>7,} {m['edits']:>8,} {m['load']:>8.2f} {m['audit']:>14.3f} "
            f"{1e6 * m['audit'] / n_files:>8.0f}"
        )


if __name__ == "__main__":
    main()
