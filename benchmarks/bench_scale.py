"""Benchmark the per-document stages on Dask against the serial path: time, memory, identity.

Run from the repository root:

    .venv/bin/python benchmarks/bench_scale.py                          # 10,000 documents
    .venv/bin/python benchmarks/bench_scale.py --documents 2000 --workers 2
    .venv/bin/python benchmarks/bench_scale.py --documents 10000,100000   # the slope from two sizes

For each size, a corpus of generated pages (:func:`iecorpus.testing.write_corpus`) is written
to a temporary folder and each stage (loading: read, decode, clean, segment; temporal
expressions; event mentions; saving the cache as partitioned Parquet) is run three ways,
each in a fresh Python process: the serial path (``workers=1``), a Dask ``LocalCluster`` of
one worker and one of ``--workers`` workers. It prints, per stage and path, the wall time,
the CPU time of every process involved (the client and the workers: a figure that does not
depend on what else the shared machine runs), the peak resident memory of the client and of
the largest worker, then the speed-up and parallel efficiency, the overhead of one worker,
a line ``identical: yes`` (or ``identical: no`` naming the tables that differ) comparing
every table the three paths produced, and the cost per 10,000 documents with its
projection to a million. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The stages measured, in the order they run.
STAGES = ("load", "dates", "events", "cache")
#: What each stage runs, as the table prints it.
STAGE_NAMES = {
    "load": "load_corpus (read, decode, clean, segment)",
    "dates": "extract_temporal_expressions",
    "events": "find_event_mentions",
    "cache": "save_cache (partitioned Parquet)",
}
PATHS = ("serial", "dask-1", "dask-W")
#: The aims of issue 18 (on an otherwise idle machine).
AIM_SPEEDUP, AIM_OVERHEAD = 1.7, 0.10


def _usage() -> tuple[float, float]:
    """CPU seconds (user + system) and peak resident MB of the calling process."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    peak = r.ru_maxrss / 2**20 if sys.platform == "darwin" else r.ru_maxrss / 2**10
    return r.ru_utime + r.ru_stime, peak


def _digest(table) -> str:
    """A hash of a table's columns, dtypes, index and every value."""
    import pandas as pd

    digest = hashlib.sha256(repr((list(table.columns), [str(t) for t in table.dtypes])).encode())
    digest.update(pd.util.hash_pandas_object(table, index=True).to_numpy().tobytes())
    return digest.hexdigest()[:16]


def measure(folder: Path, *, path: str, workers: int, scratch: Path) -> dict:
    """Run every stage one way; runs in the child process."""
    import pandas as pd

    from iecorpus import load_corpus
    from iecorpus.cache import read_cached_table, save_cache
    from iecorpus.events import find_event_mentions
    from iecorpus.temporal import extract_temporal_expressions

    client = cluster = None
    options: dict = {"workers": 1}
    result: dict = {"path": path, "stages": {}}
    if path != "serial":
        from distributed import Client, LocalCluster

        start, cpu = time.perf_counter(), _usage()[0]
        size = 1 if path == "dask-1" else workers
        cluster = LocalCluster(n_workers=size, threads_per_worker=1, dashboard_address=":0")
        client = Client(cluster)
        # workers=None with a scheduler selects the cluster whatever its size.
        options = {"scheduler": cluster.scheduler_address, "workers": None if size == 1 else size}
        result["cluster_start"] = time.perf_counter() - start
        result["cluster_cpu"] = _usage()[0] - cpu

    def worker_usage() -> dict:
        return client.run(_usage) if client is not None else {}

    before = worker_usage()
    outputs: dict = {}

    def stage(name: str, run):
        nonlocal before
        start, cpu = time.perf_counter(), _usage()[0]
        value = run()
        wall = time.perf_counter() - start
        mine, peak = _usage()
        after = worker_usage()
        spent = sum(after[w][0] - before.get(w, (0.0, 0.0))[0] for w in after)
        result["stages"][name] = {
            "wall": wall,
            "cpu": mine - cpu + spent,
            "client_cpu": mine - cpu,
            "worker_cpu": spent,
            "client_peak_mb": peak,
            "worker_peak_mb": max((after[w][1] for w in after), default=0.0),
        }
        before = after
        return value

    corpus = stage("load", lambda: load_corpus(folder, progress=False, **options))
    outputs.update({n: getattr(corpus, n) for n in ("documents", "paragraphs", "sentences")})
    outputs.update({n: getattr(corpus, n) for n in ("removed", "problems")})
    outputs["raw"] = pd.DataFrame({"doc_id": list(corpus.raw), "raw": list(corpus.raw.values())})
    outputs["expressions"] = stage("dates", lambda: extract_temporal_expressions(corpus, **options))
    found = outputs["expressions"]  # as notebook 04 does: the dates are resolved once
    outputs["mentions"] = stage(
        "events", lambda: find_event_mentions(corpus, expressions=found, **options)
    )
    target = scratch / f"cache-{path}"
    stage("cache", lambda: save_cache(corpus, target, digest="bench", key={}, warned=[]))
    outputs["cached sentences"] = read_cached_table(target, "sentences")
    result["digests"] = {name: _digest(table) for name, table in outputs.items()}
    result["counts"] = {name: len(table) for name, table in outputs.items()}
    if client is not None:
        client.close()
        cluster.close()
    return result


def run_path(folder: Path, *, path: str, workers: int, scratch: Path) -> dict:
    """Measure one path in a fresh process."""
    command = [sys.executable, __file__, "--measure", str(folder), "--path", path]
    command += ["--workers", str(workers), "--scratch", str(scratch)]
    env = {**os.environ, "IECORPUS_PROGRESS": "0"}
    env.pop("IECORPUS_WORKERS", None)
    env.pop("IECORPUS_SCHEDULER", None)
    child = subprocess.run(command, capture_output=True, text=True, env=env)
    if child.returncode:
        sys.exit(f"the {path} run failed:\n{child.stderr[-3000:]}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def _ratio(a: float, b: float) -> float:
    return a / b if b > 0 else float("nan")


def report(n_docs: int, workers: int, runs: dict[str, dict]) -> list[str]:
    """The table for one corpus size."""
    label = {"serial": "serial", "dask-1": "Dask, 1 worker", "dask-W": f"Dask, {workers} workers"}
    lines = [
        f"{n_docs:,} documents",
        f"  {'stage':<44}{'path':<18}{'wall s':>8}{'CPU s':>8}{'of which workers':>17}"
        f"{'client MB':>11}{'worker MB':>11}",
    ]
    for stage in STAGES:
        for path in PATHS:
            m = runs[path]["stages"][stage]
            worker = f"{m['worker_peak_mb']:11.0f}" if path != "serial" else f"{'-':>11}"
            lines.append(
                f"  {STAGE_NAMES[stage]:<44}{label[path]:<18}{m['wall']:8.2f}{m['cpu']:8.2f}"
                f"{m['worker_cpu']:17.2f}{m['client_peak_mb']:11.0f}{worker}"
            )
    starts = ", ".join(f"{label[p]} {runs[p]['cluster_start']:.1f} s" for p in PATHS[1:])
    lines += ["", f"  cluster start (not in the stages): {starts}", ""]
    lines.append(
        f"  {'measured on the wall clock':<44}{'speed-up':>9}{'efficiency':>11}"
        f"{'1-worker overhead':>19}"
    )
    cpu_lines = [
        "",
        f"  {'from CPU time (idle machine)':<44}{'speed-up':>9}{'efficiency':>11}"
        f"{'1-worker overhead':>19}{'CPU Dask/serial':>17}{'overlapped':>12}",
    ]
    for stage in (*STAGES, "per-document stages"):
        chosen = STAGES[:3] if stage == "per-document stages" else (stage,)

        def total(path: str, key: str, chosen=chosen) -> float:
            return sum(runs[path]["stages"][s][key] for s in chosen)

        speedup = _ratio(total("serial", "wall"), total("dask-W", "wall"))
        efficiency = _ratio(total("dask-1", "wall"), workers * total("dask-W", "wall"))
        overhead = _ratio(total("dask-1", "wall"), total("serial", "wall")) - 1
        name = STAGE_NAMES.get(stage, stage)
        lines.append(f"  {name:<44}{speedup:8.2f}x{efficiency:10.0%} {overhead:18.0%}")
        # On an idle machine with a core per worker: the client's work (sending, receiving,
        # joining) in turn, the workers' work shared; no overlap assumed, so a lower bound.
        # "overlapped": the client's work all done while the workers work (an upper bound).
        client, shared = total("dask-W", "client_cpu"), total("dask-W", "worker_cpu") / workers
        idle_speedup = _ratio(total("serial", "cpu"), client + shared)
        overlapped = _ratio(total("serial", "cpu"), max(client, shared))
        idle_one = total("dask-1", "client_cpu") + total("dask-1", "worker_cpu")
        idle_overhead = _ratio(idle_one, total("serial", "cpu")) - 1
        cpu = _ratio(total("dask-W", "cpu"), total("serial", "cpu"))
        cpu_lines.append(
            f"  {name:<44}{idle_speedup:8.2f}x{idle_speedup / workers:10.0%} "
            f"{idle_overhead:18.0%}{cpu:16.2f}x{overlapped:11.2f}x"
        )
    lines += cpu_lines
    digests = {path: runs[path]["digests"] for path in PATHS}
    differ = [name for name in digests["serial"] if len({digests[p].get(name) for p in PATHS}) > 1]
    counts = runs["serial"]["counts"]
    held = ", ".join(f"{name} {count:,}" for name, count in counts.items())
    lines += [
        "",
        f"  tables compared: {held} rows",
        "identical: yes" if not differ else f"identical: no ({', '.join(differ)} differ)",
    ]
    return lines


def project(sizes: list[int], results: dict[int, dict[str, dict]], workers: int) -> list[str]:
    """Seconds per 10,000 documents for each stage and path, and a million on paper."""
    lines = ["", "per 10,000 documents (wall s; CPU s in brackets), and a million on paper:"]
    small, large = sizes[0], sizes[-1]
    for stage in STAGES:
        for path in PATHS:
            a = results[small][path]["stages"][stage]
            b = results[large][path]["stages"][stage]
            if large > small:  # the slope between the two sizes
                wall = (b["wall"] - a["wall"]) / (large - small) * 10_000
                cpu = (b["cpu"] - a["cpu"]) / (large - small) * 10_000
                million = b["wall"] + wall * (1_000_000 - large) / 10_000
            else:  # one size: proportional
                wall, cpu = a["wall"] / small * 10_000, a["cpu"] / small * 10_000
                million = wall * 100
            name = path.replace("dask-W", f"dask-{workers}")
            lines.append(
                f"  {STAGE_NAMES[stage]:<44}{name:<9}{wall:8.1f} s ({cpu:.1f})"
                f"   1,000,000: {million / 60:7.1f} min"
            )
    peaks = {
        n: max(results[n]["dask-W"]["stages"][s]["worker_peak_mb"] for s in STAGES) for n in sizes
    }
    lines.append(
        "  largest worker's peak: "
        + ", ".join(f"{peak:.0f} MB at {n:,} documents" for n, peak in peaks.items())
        + " (partitions of at most 250 files: it should not grow with the corpus)"
    )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--documents", default="10000", help="documents to generate; two sizes (a,b) give a slope"
    )
    parser.add_argument("--workers", type=int, default=2, help="workers of the larger cluster")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpus")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--path", choices=PATHS, help=argparse.SUPPRESS)
    parser.add_argument("--scratch", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure:
        measured = measure(args.measure, path=args.path, workers=args.workers, scratch=args.scratch)
        print(json.dumps(measured))
        return

    from iecorpus.testing import write_corpus

    sizes = sorted({int(n.replace("_", "")) for n in args.documents.split(",") if n.strip()})
    results: dict[int, dict[str, dict]] = {}
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f} at the start")
    for n_docs in sizes:
        with tempfile.TemporaryDirectory(prefix="iecorpus-scale-") as scratch:
            folder = Path(scratch) / "corpus"
            start = time.perf_counter()
            write_corpus(folder, n_documents=n_docs, seed=args.seed)
            print(f"wrote {n_docs:,} documents in {time.perf_counter() - start:.0f} s", flush=True)
            results[n_docs] = {}
            for path in PATHS:
                print(f"  measuring {path} ...", flush=True)
                results[n_docs][path] = run_path(
                    folder, path=path, workers=args.workers, scratch=Path(scratch)
                )
        print("\n".join(report(n_docs, args.workers, results[n_docs])), flush=True)
    print("\n".join(project(sizes, results, args.workers)))
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
