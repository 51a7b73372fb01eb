"""Benchmark `make report`: the embedded corpus next to the floor of the same pipeline.

Run from the repository root:

    .venv/bin/python benchmarks/bench_report.py                 # the floor, then make report
    .venv/bin/python benchmarks/bench_report.py --only floor    # four trivial notebooks only
    .venv/bin/python benchmarks/bench_report.py --repeat 2      # each twice, alternating
    .venv/bin/python benchmarks/bench_report.py --repeat 3 --baseline /tmp/old
                                          # the same, alternating with another checkout's

With ``--baseline``, each round also runs the floor and the report of another checkout of the
project (``git worktree add /tmp/old <commit>``, or ``git archive <commit> | tar -x -C
/tmp/old``) with the same virtualenv, so that "the report against the floor of the pipeline
before a change" is measured in one run, on the same machine load.

The floor is four trivial notebooks (a title and one line of code each) sent through the
same ``make report`` (papermill, the stabilize step, both HTML forms, the index): what the
pipeline costs before any notebook does work. Both runs write into temporary folders; the
embedded report also rewrites ``figures/`` and ``data/processed/`` as ``make report`` does.
Nothing is asserted: the script prints the wall time and the CPU time (user + system, of
every process the run started) of each run, and the ratio of the report to the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The trivial notebooks of the floor: the shape of a numbered notebook, no work.
FLOOR_NOTEBOOKS = ("01-first", "02-second", "03-third", "04-fourth")


def write_trivial_notebooks(folder: Path) -> list[Path]:
    """Write the four trivial notebooks of the floor into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FLOOR_NOTEBOOKS:
        cells = [
            {"cell_type": "markdown", "metadata": {}, "source": f"# Trivial {name}\n\nNothing."},
            {
                "cell_type": "code",
                "metadata": {"tags": ["parameters"]},
                "source": "corpus_dir = None",
                "outputs": [],
                "execution_count": None,
            },
            {
                "cell_type": "code",
                "metadata": {},
                "source": "1 + 1",
                "outputs": [],
                "execution_count": None,
            },
        ]
        notebook = {
            "cells": cells,
            "metadata": {
                "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        }
        path = folder / f"{name}.ipynb"
        path.write_text(json.dumps(notebook), encoding="utf-8")
        written.append(path)
    return written


def run_make(
    venv: Path,
    reports: Path,
    *assignments: str,
    jobs: int | None = None,
    root: Path = ROOT,
) -> tuple[float, float]:
    """Run ``make -s report`` into ``reports``; return its wall and CPU seconds.

    Args:
        venv: The virtualenv whose tools make uses.
        reports: The REPORTS folder.
        *assignments: More ``NAME=value`` for make (``CORPUS=...``, ``WORKERS=2``).
        jobs: REPORT_JOBS, how many notebooks run at once (None: as many as cores).
        root: The checkout of the project whose Makefile, tools and library run.

    Raises:
        SystemExit: If the run fails (the end of its output is printed first).
    """
    env = {**os.environ, "PYTHONPATH": str(root / "lib")}
    if jobs:
        env["REPORT_JOBS"] = str(jobs)
    command = [
        "make", "-s", "-C", str(root), "report",
        f"VENV={venv}", f"REPORTS={reports}", "-o", str(venv / ".installed"), *assignments,
    ]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        output = f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        sys.exit(f"make report failed ({done.returncode}):\n{output}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The least wall and the least CPU seconds of some runs."""
    return min(w for w, _ in runs), min(c for _, c in runs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("floor", "report"), help="run one of the two")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each, alternating")
    parser.add_argument(
        "--venv", type=Path, default=Path(sys.prefix), help="virtualenv with the tools"
    )
    parser.add_argument(
        "--baseline", type=Path, help="another checkout of the project to measure alongside"
    )
    args = parser.parse_args(argv)
    print(f"cores: {os.cpu_count()}, venv: {args.venv}", flush=True)

    trees = {"": ROOT}
    if args.baseline:
        trees["baseline "] = args.baseline.resolve()
    times: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="iecorpus-bench-report-") as scratch:
        scratch = Path(scratch)
        numbered = " ".join(str(p) for p in write_trivial_notebooks(scratch / "trivial"))
        for run in range(args.repeat):
            for label, root in trees.items():
                folder = scratch / f"{label.strip() or 'this'}-{run}"
                if args.only != "report":
                    wall, cpu = run_make(
                        args.venv, folder / "floor", f"NUMBERED={numbered}", root=root
                    )
                    times.setdefault(f"{label}floor", []).append((wall, cpu))
                    name = f"{label}floor (4 trivial notebooks)"
                    print(f"  {name:46} {wall:7.1f} s wall {cpu:7.1f} s CPU", flush=True)
                if args.only != "floor":
                    wall, cpu = run_make(args.venv, folder / "report", root=root)
                    times.setdefault(f"{label}report", []).append((wall, cpu))
                    name = f"{label}make report (embedded)"
                    print(f"  {name:46} {wall:7.1f} s wall {cpu:7.1f} s CPU", flush=True)
    pairs = [("report", "floor")]
    if args.baseline:
        pairs += [("baseline report", "baseline floor"), ("report", "baseline floor")]
    for report, floor in pairs:
        if report in times and floor in times:
            (report_wall, report_cpu), (floor_wall, floor_cpu) = (
                _best(times[report]),
                _best(times[floor]),
            )
            name = f"ratio {report} / {floor} (best)"
            print(
                f"  {name:46} {report_wall / floor_wall:7.2f} x wall "
                f"{report_cpu / floor_cpu:5.2f} x CPU"
            )


if __name__ == "__main__":
    main()
