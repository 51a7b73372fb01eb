"""Benchmark `make report CORPUS=...` on a generated corpus of a given size, notebook by notebook.

Run from the repository root:

    .venv/bin/python benchmarks/bench_make_report.py --documents 10000
    .venv/bin/python benchmarks/bench_make_report.py --documents 2000 --floor   # and the floor
    .venv/bin/python benchmarks/bench_make_report.py --documents 2000 --jobs 1  # one at a time
    .venv/bin/python benchmarks/bench_make_report.py --documents 10000 --workers 2  # on Dask

The corpus is written with :func:`iecorpus.testing.write_corpus` (half English, half
Chinese) into a temporary folder, and ``make report`` renders it into a temporary REPORTS
folder: the embedded corpus's ``figures/`` and ``data/processed/`` are left alone. Each
notebook's wall and CPU seconds (its kernel's included) and its slowest cells come from the
``logs/NAME.json`` that ``tools/report.sh`` leaves; the total is the whole ``make`` run.
With ``--floor``, four trivial notebooks go through the same pipeline first (the figure of
``bench_report.py``): what the pipeline costs before any notebook does work. Nothing is
asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from bench_report import run_make, write_trivial_notebooks  # noqa: E402  (a script beside this one)

from iecorpus.testing import write_corpus  # noqa: E402


def read_timings(report: Path) -> list[dict]:
    """The ``logs/NAME.json`` files a report run left, in notebook order."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(report.glob("logs/*.json"))]


def print_timings(timings: list[dict], *, cells: int) -> None:
    """Print one line per notebook and, under it, its slowest cells."""
    for t in timings:
        total = t["run_seconds"] + t.get("render_seconds", 0)
        print(
            f"  {t['notebook']:<22} {total:7.1f} s wall (run {t['run_seconds']:.1f}, render "
            f"{t.get('render_seconds', 0):.1f}) {t.get('cpu_seconds', 0):7.1f} s CPU"
        )
        for cell in t["cells"][:cells]:
            print(f"      {cell['seconds']:7.1f} s  cell {cell['cell']:3d}  {cell['source'][:60]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=2000, help="pages in the corpus")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpus")
    parser.add_argument("--floor", action="store_true", help="run the trivial notebooks first")
    parser.add_argument("--jobs", type=int, help="REPORT_JOBS: notebooks at once after 01")
    parser.add_argument("--workers", type=int, help="WORKERS: Dask workers in each notebook")
    parser.add_argument("--cells", type=int, default=3, help="slowest cells shown a notebook")
    parser.add_argument(
        "--venv", type=Path, default=Path(sys.prefix), help="virtualenv with the tools"
    )
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}, venv: {args.venv}", flush=True)
    with tempfile.TemporaryDirectory(prefix="iecorpus-bench-make-report-") as scratch:
        scratch = Path(scratch)
        floor = None
        if args.floor:
            numbered = " ".join(str(p) for p in write_trivial_notebooks(scratch / "trivial"))
            floor = run_make(args.venv, scratch / "floor", f"NUMBERED={numbered}", jobs=args.jobs)
            print(f"  floor (4 trivial notebooks)   {floor[0]:7.1f} s wall {floor[1]:7.1f} s CPU")
        corpus = scratch / f"generated-{args.documents}"
        pages = write_corpus(corpus, n_documents=args.documents, seed=args.seed)
        megabytes = pages["n_bytes"].sum() / 1e6
        print(f"corpus: {args.documents} pages, {megabytes:.1f} MB, half of them Chinese")
        assignments = [f"CORPUS={corpus}"] + ([f"WORKERS={args.workers}"] if args.workers else [])
        wall, cpu = run_make(args.venv, scratch / "reports", *assignments, jobs=args.jobs)
        (report,) = (scratch / "reports").iterdir()
        print_timings(read_timings(report), cells=args.cells)
        print(f"  make report, in all           {wall:7.1f} s wall {cpu:7.1f} s CPU")
        if floor:
            print(f"  ratio report / floor          {wall / floor[0]:7.2f} x wall "
                  f"{cpu / floor[1]:5.2f} x CPU")  # fmt: skip


if __name__ == "__main__":
    main()
