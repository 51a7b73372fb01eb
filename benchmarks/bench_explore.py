"""How long the concordance explorer takes to answer a keystroke, on 1,000 and 10,000 pages.

For each size it writes a corpus of generated pages (``iecorpus.testing.write_corpus``,
half English, half Chinese), loads it, and prints:

- the time to build the term index (``index_corpus``, once per corpus; wall and CPU
  seconds of this process, and per 10,000 pages), with ``--workers`` workers (on a Dask
  cluster from 2, whose CPU time is not this process's), to save and reopen it
  (``TermIndex.save``, ``load_index``), and to open the explorer on it;
- the latency of a keystroke: every prefix of a list of queries typed one character at a
  time (words, phrases, concepts, Chinese terms, ``1+X``, ``(``, a query without hits), as
  the median and the 95th percentile, for the answer alone (``explorer.result``, computed
  before the assignment returns; the redraw waits for a pause in the typing) and for the
  answer with the redraw of the display (what a reader waits for once typing stops);
- the same for changing a filter (language, years) with the query in place.

    .venv/bin/python benchmarks/bench_explore.py [--documents 1000 10000] [--repeats 3]
        [--workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from iecorpus import explore, load_corpus, terms
from iecorpus.index import load_index
from iecorpus.testing import write_corpus

QUERIES = [
    "vocational education",
    "talent",
    "1+X",
    "产教融合",
    "校企合作",
    "人才培养",
    "school-enterprise cooperation",
    "integration of industry and education",
    "(",
    "quantum",
]


def keystrokes() -> list[str]:
    """Every prefix of every query, as typing produces them."""
    return [query[:k] for query in QUERIES for k in range(1, len(query) + 1)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(label: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"  {label:48s} median {statistics.median(ms):6.1f} ms   p95 {percentile(ms, 0.95):6.1f} ms"
        f"   max {max(ms):6.1f} ms   ({len(ms)} changes)"
    )


def time_changes(open_explorer, changes, *, redraw: bool, repeats: int) -> list[float]:
    """Seconds each change takes to return; without ``redraw`` the display is left waiting.

    ``open_explorer`` opens a fresh explorer for each run (untimed), so that no answer comes
    from the explorer's cache of recent queries; ``changes`` maps it to ``(control, value)``
    pairs, applied in turn.
    """

    def run() -> list[float]:
        explorer = open_explorer()
        found = []
        for control, value in changes(explorer):
            start = time.perf_counter()
            control.value = value
            found.append(time.perf_counter() - start)
        return found

    async def in_a_loop() -> list[float]:
        return run()  # a running loop: the redraw is only scheduled (and cancelled by the next)

    best = None
    for _ in range(repeats):
        found = run() if redraw else asyncio.run(in_a_loop())
        best = found if best is None else [min(a, b) for a, b in zip(best, found, strict=True)]
    return best


def bench(n_documents: int, repeats: int, workers: int = 1) -> None:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        write_corpus(folder, n_documents=n_documents, seed=0)
        corpus = load_corpus(folder)
        loaded = time.perf_counter() - start
    n_chars = int(corpus.documents["text"].str.len().sum())
    print(
        f"\n{len(corpus.documents):,} documents ({n_chars / 1e6:.1f} M characters of text; "
        f"written and loaded in {loaded:.1f} s)"
    )
    cpu, start = time.process_time(), time.perf_counter()
    index = terms.index_corpus(corpus, workers=workers)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    per = 10_000 / max(len(corpus.documents), 1)
    print(
        f"  index_corpus (once per corpus, {workers} worker(s)) {wall:6.2f} s wall, "
        f"{cpu:6.2f} s CPU here; per 10,000 pages {wall * per:.1f} s wall, {cpu * per:.1f} s CPU"
    )
    print(f"  {index!r}")
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        index.save(folder)
        saved = time.perf_counter() - start
        start = time.perf_counter()
        load_index(folder)
        print(
            f"  TermIndex.save {saved:.2f} s, load_index {time.perf_counter() - start:.2f} s "
            f"({sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6:.1f} MB)"
        )
    start = time.perf_counter()
    explorer = explore.concordance(corpus, query="产教融合")
    opened = time.perf_counter() - start
    print(f"  concordance(corpus, query='产教融合') opens in      {opened:6.2f} s")
    for label, redraw in (("the answer (.result)", False), ("answer and redraw", True)):
        seconds = time_changes(
            lambda: explore.concordance(corpus),
            lambda e: [(e.query, text) for text in keystrokes()],
            redraw=redraw,
            repeats=repeats,
        )
        summary(f"keystroke: {label}", seconds)
    for query in ("产教融合", "vocational education", "the"):
        explorer.query.value = query
        print(f"    {query!r}: {explorer.n_matches:,} lines, page of {len(explorer.result)}")
    low, high = explorer.years.min, explorer.years.max
    seconds = time_changes(
        lambda: explore.concordance(corpus, query="vocational education"),
        lambda e: [
            (e.language, "zh"),
            (e.language, "en"),
            (e.language, "all"),
            (e.years, (low + 1, high)),
            (e.years, (low + 2, high - 1)),
            (e.years, (low, high)),
            (e.page, 2),
            (e.page, 1),
        ],
        redraw=True,
        repeats=repeats,
    )
    summary("filter or page: answer and redraw", seconds)
    slowest = sorted(zip(seconds_by_query(corpus), keystrokes(), strict=True), reverse=True)[:5]
    print("  slowest keystrokes:", ", ".join(f"{q!r} {s * 1000:.0f} ms" for s, q in slowest))


def seconds_by_query(corpus) -> list[float]:
    """One uncached run of the keystrokes, answer only (in a loop: the redraw waits)."""
    return time_changes(
        lambda: explore.concordance(corpus),
        lambda e: [(e.query, text) for text in keystrokes()],
        redraw=False,
        repeats=1,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--repeats", type=int, default=3, help="runs per change (best kept)")
    parser.add_argument("--workers", type=int, default=1, help="workers building the index")
    args = parser.parse_args()
    os.environ.setdefault("IECORPUS_PROGRESS", "0")
    print(f"Concordance explorer latency; {os.cpu_count()} cores; best of {args.repeats} runs")
    for n in args.documents:
        bench(n, args.repeats, args.workers)


if __name__ == "__main__":
    main()
