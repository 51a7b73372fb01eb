"""Benchmark load_corpus on a large generated corpus: throughput by stage and peak memory.

Run from the repository root:

    .venv/bin/python benchmarks/bench_load.py                  # 10,000 documents, en and zh
    .venv/bin/python benchmarks/bench_load.py --documents 2000 --languages zh
    .venv/bin/python benchmarks/bench_load.py --profile        # also the top functions by time

The corpus is written to a temporary folder (or to ``--keep DIR``), then measured in a
fresh Python process pinned to one CPU, so that the memory figures are those of loading
alone. Throughput is per second of CPU time of that process (``time.process_time``), which
other work on a shared machine disturbs far less than wall time (printed next to it); with
``--repeat N`` each stage is timed N times and the fastest run counts. Nothing is asserted:
the script prints figures to compare across changes.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

#: The project's aim for the whole of load_corpus, in MB of raw files per second on one core.
TARGET_MB_PER_S = 5.0


def build(folder: Path, *, documents: int, languages: tuple[str, ...], seed: int) -> dict:
    """Write the generated corpus; return what it holds."""
    from iecorpus.testing import write_corpus

    start = time.perf_counter()
    table = write_corpus(folder, n_documents=documents, languages=languages, seed=seed)
    return {
        "seconds": time.perf_counter() - start,
        "documents": len(table),
        "bytes": int(table["n_bytes"].sum()),
        "languages": table["language"].value_counts().to_dict(),
        "encodings": table["encoding"].value_counts().to_dict(),
        "crlf": int((table["line_endings"] == "crlf").sum()),
    }


def _maxrss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


class _Timer:
    """CPU and wall seconds of a block, the fastest of the runs so far kept in ``result``."""

    def __init__(self, result: dict, stage: str):
        self.result, self.stage = result, stage

    def __enter__(self) -> _Timer:
        self.cpu, self.wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        cpu, wall = time.process_time() - self.cpu, time.perf_counter() - self.wall
        self.result[self.stage] = min(cpu, self.result.get(self.stage, float("inf")))
        wall_key = f"{self.stage}_wall"
        self.result[wall_key] = min(wall, self.result.get(wall_key, float("inf")))


def measure(folder: Path, *, profile: bool, trace: bool, repeat: int = 1) -> dict:
    """Time load_corpus and its stages on ``folder``; runs in the child process."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from iecorpus import load_corpus
    from iecorpus.clean import clean_document, load_rules
    from iecorpus.reading import read_document
    from iecorpus.segment import split_paragraphs, split_sentences

    rules = load_rules()
    clean_document("Warm-up 2021-05-26\n\nThe regular expressions compile here.", rules=rules)
    result: dict = {"rss_before_mb": _maxrss_mb()}

    # 1. The whole of load_corpus, first, so that ru_maxrss is its own peak.
    for run in range(repeat):
        with _Timer(result, "total"):
            corpus = load_corpus(folder, progress=False)
        if run == 0:
            result["rss_peak_mb"] = _maxrss_mb()
        result["documents"] = len(corpus.documents)
        result["problems"] = len(corpus.problems)
        result["paragraphs"], result["sentences"] = len(corpus.paragraphs), len(corpus.sentences)
        result["removed"] = len(corpus.removed)
        del corpus
        gc.collect()

    # 2. The same work stage by stage, with the library's public functions.
    files = sorted(folder.glob("*.txt"))
    result["bytes"] = sum(f.stat().st_size for f in files)
    for _ in range(repeat):
        with _Timer(result, "read"):
            texts = [read_document(f).text for f in files]
        result["chars"] = sum(map(len, texts))
        with _Timer(result, "clean"):
            cleaned = [clean_document(text, rules=rules).text for text in texts]
        with _Timer(result, "segment"):
            for text in cleaned:
                for begin, end in split_paragraphs(text):
                    split_sentences(text, begin, end)
        del texts, cleaned
        gc.collect()

    # 3. Peak of Python allocations during load_corpus (tracemalloc slows it down: not timed).
    if trace:
        tracemalloc.start()
        corpus = load_corpus(folder, progress=False)
        result["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        del corpus
        gc.collect()

    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        load_corpus(folder, progress=False)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(15)
        result["profile"] = out.getvalue()
    return result


def report(built: dict, m: dict) -> str:
    """The table printed at the end."""
    mb = m["bytes"] / 2**20
    rest = m["total"] - m["read"] - m["clean"] - m["segment"]

    def row(stage: str, seconds: float, wall: float | None) -> str:
        share = 100 * seconds / m["total"] if m["total"] else 0.0
        rate = mb / seconds if seconds > 0 else float("inf")
        docs = m["documents"] / seconds if seconds > 0 else float("inf")
        walls = f"{wall:9.2f} s" if wall is not None else f"{'':11}"
        return (
            f"  {stage:<34}{seconds:9.2f} s{walls}{share:7.0f} %{docs:11.0f} docs/s"
            f"{rate:9.2f} MB/s"
        )

    verdict = "meets" if mb / m["total"] >= TARGET_MB_PER_S else "is below"
    lines = [
        f"corpus: {m['documents']} documents {built['languages']}, {mb:.1f} MB raw "
        f"({m['chars'] / 1e6:.1f} M characters), encodings {built['encodings']}, "
        f"{built['crlf']} with CRLF; generated in {built['seconds']:.1f} s",
        f"loaded: {m['paragraphs']} paragraphs, {m['sentences']} sentences, "
        f"{m['removed']} audited edits, {m['problems']} problems",
        "",
        f"  {'stage (one core)':<34}{'CPU time':>11}{'wall':>11}{'share':>9}"
        f"{'throughput (per CPU second)':>32}",
        row("read + decode (read_document)", m["read"], m.get("read_wall")),
        row("clean (clean_document)", m["clean"], m.get("clean_wall")),
        row("segment (paragraphs, sentences)", m["segment"], m.get("segment_wall")),
        row("tables, audit rows, checksums", max(rest, 0.0), None),
        row("load_corpus, end to end", m["total"], m.get("total_wall")),
        "",
        f"  peak memory: {m['rss_peak_mb']:.0f} MB resident (ru_maxrss; "
        f"{m['rss_before_mb']:.0f} MB before loading)"
        + (
            f", {m['traced_peak_mb']:.0f} MB of Python objects (tracemalloc peak)"
            if "traced_peak_mb" in m
            else ""
        ),
        f"  aim: {TARGET_MB_PER_S:.0f} MB/s on one core; load_corpus {verdict} it "
        f"({mb / m['total']:.2f} MB/s).",
        f"  next to it, same run: reading and decoding the same files takes "
        f"{m['read']:.2f} s ({mb / max(m['read'], 1e-9):.0f} MB/s); load_corpus is "
        f"{m['total'] / max(m['read'], 1e-9):.0f}x slower.",
    ]
    if "profile" in m:
        lines += ["", "profile of load_corpus (top 15 functions by own time):", m["profile"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000, help="documents to generate")
    parser.add_argument("--languages", default="en,zh", help="comma-separated: en, zh or en,zh")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpus")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--profile", action="store_true", help="print the top functions (cProfile)")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the traced run")
    parser.add_argument(
        "--repeat", type=int, default=1, help="time each stage this many times, keep the fastest"
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)

    if args.measure:
        figures = measure(
            args.measure, profile=args.profile, trace=not args.no_tracemalloc, repeat=args.repeat
        )
        print(json.dumps(figures))
        return

    languages = tuple(part.strip() for part in args.languages.split(",") if part.strip())
    with tempfile.TemporaryDirectory(prefix="iecorpus-bench-") as scratch:
        folder = args.keep or Path(scratch) / "corpus"
        print(
            f"writing {args.documents} documents ({', '.join(languages)}) to {folder} ...",
            flush=True,
        )
        built = build(folder, documents=args.documents, languages=languages, seed=args.seed)
        print("measuring load_corpus in a fresh process on one core ...", flush=True)
        command = [sys.executable, __file__, "--measure", str(folder)]
        command += ["--profile"] * args.profile + ["--no-tracemalloc"] * args.no_tracemalloc
        command += ["--repeat", str(args.repeat)]
        child = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "IECORPUS_PROGRESS": "0"},
        )
        print(report(built, json.loads(child.stdout.strip().splitlines()[-1])))


if __name__ == "__main__":
    main()
