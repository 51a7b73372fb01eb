"""Benchmark the topic models on generated passages: tokenizing, features, NMF and LDA fits, memory.

Run from the repository root:

    .venv/bin/python benchmarks/bench_topics.py                      # 10,000 and 100,000 passages
    .venv/bin/python benchmarks/bench_topics.py --passages 20000 --k 20
    .venv/bin/python benchmarks/bench_topics.py --languages en --no-tracemalloc
    .venv/bin/python benchmarks/bench_topics.py --sweep --passages 120000   # the k sweep

``--sweep`` measures :func:`iecorpus.topics.sweep_topics` (NMF, k 2-8, 3 seeds: 21 fits;
``--ks``, ``--seeds``, ``--methods`` to change) next to the same fits made with bare
scikit-learn in the same process (the estimator's own parameters, cloned from the one the
library fits, on a TF-IDF matrix computed once; LDA with all its passes, where the sweep's
online LDA may stop earlier), and prints per row its CPU seconds and the
ratio to its neighbour: the sweep to the bare fits, then the sweep's time split into model
fits (per method) and coherence, with the peak memory after each step. ``--workers W`` also
times the sweep on ``W`` Dask workers (wall time: the workers' CPU is not this process's).

Each size is measured in a fresh Python process pinned to one CPU, with one BLAS thread,
so that ru_maxrss is the peak of that size alone and the times are those of one core. The
passages are the body paragraphs of pages from :func:`iecorpus.testing.make_page`
(English and Chinese in turn), held in memory as a corpus without going through files or
the cleaner (``bench_load.py`` measures that). The generator writes from templates, so its
vocabulary is small (about 500 features), where a real corpus of this size has tens of
thousands: take the fit times as an order of magnitude (on random counts with as many
occurrences, 30,000 features instead of 479 made NMF 2.5 times slower and online LDA
faster). Nothing is asserted: the script prints figures to compare across changes.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
import warnings

#: The traced fit runs only this many iterations: tracemalloc slows LDA's many small
#: allocations tenfold, and a fit's memory does not grow with its iterations.
TRACED_ITERATIONS = 3


def _maxrss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def generated_corpus(n_passages: int, languages: tuple[str, ...]):
    """A corpus of generated pages holding at least ``n_passages`` passages (paragraphs)."""
    import pandas as pd

    from iecorpus.corpus import corpus_from_texts
    from iecorpus.testing import make_page

    rows, seed = [], 0
    while True:
        # About six passages a page; grow in batches until the corpus holds enough.
        for _ in range(max(1, (n_passages - _passages(rows)) // 6 + 1)):
            language = languages[seed % len(languages)]
            page = make_page(language=language, seed=seed)
            rows.append((f"doc_{seed:06d}", page.title, page.date, "day", language, "", page.text))
            seed += 1
        columns = ["doc_id", "title", "date", "date_precision", "language", "source", "text"]
        corpus = corpus_from_texts(pd.DataFrame(rows, columns=columns))
        if (~corpus.paragraphs["is_heading"]).sum() >= n_passages:  # headings join a paragraph
            return corpus


def _passages(rows: list) -> int:
    return sum(row[-1].count("\n\n") + 1 for row in rows)


def _traced_peak_mb(function) -> float:
    """Peak of memory allocated through Python (numpy included) while ``function`` runs."""
    gc.collect()
    tracemalloc.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a short fit does not converge, and need not
            function()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure(n_passages: int, *, languages: tuple[str, ...], k: int, methods, trace: bool) -> dict:
    """Generate, tokenize, build features and fit each method; runs in the child process."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from iecorpus.index import index_corpus
    from iecorpus.tokens import tokenize
    from iecorpus.topics import build_features, fit_arrays

    tokenize("预热分词词典", language="zh")  # load jieba's dictionary outside the timings
    result: dict = {"rss_start_mb": _maxrss_mb()}
    start = time.perf_counter()
    corpus = generated_corpus(n_passages, languages)
    result["generate_s"] = time.perf_counter() - start
    result["rss_corpus_mb"] = _maxrss_mb()
    result["documents"] = len(corpus.documents)
    result["characters"] = int(corpus.documents["text"].str.len().sum())

    start = time.perf_counter()
    index = index_corpus(corpus)
    result["tokenize_s"] = time.perf_counter() - start
    result["tokens"] = len(index.token_term)
    result["concepts"] = len(index.concepts)
    result["rss_tokens_mb"] = _maxrss_mb()

    start = time.perf_counter()
    features = build_features(corpus)
    result["features_s"] = time.perf_counter() - start
    result["passages"] = len(features.passages)
    result["vocabulary"] = len(features.vocabulary)
    result["rss_features_mb"] = _maxrss_mb()

    for method in methods:
        start = time.perf_counter()
        _, _, estimator = fit_arrays(features, k=k, method=method, seed=0)
        result[f"{method}_s"] = time.perf_counter() - start
        result[f"{method}_iterations"] = int(estimator.n_iter_)
        result[f"{method}_learning"] = getattr(estimator, "learning_method", "")
        result[f"{method}_rss_mb"] = _maxrss_mb()
        if trace:
            result[f"{method}_traced_mb"] = _traced_peak_mb(
                lambda m=method: fit_arrays(
                    features, k=k, method=m, seed=0, max_iter=TRACED_ITERATIONS
                )
            )
    return result


def _bare_fits(features, *, ks, seeds, methods) -> dict:
    """The sweep's fits made with scikit-learn alone: CPU seconds per method."""
    from sklearn.base import clone
    from sklearn.feature_extraction.text import TfidfTransformer

    from iecorpus.topics import fit_arrays

    seconds, iterations = {}, {}
    for method in methods:
        start = time.process_time()
        if method == "nmf":
            matrix = TfidfTransformer(sublinear_tf=True).fit_transform(features.counts)
        else:
            matrix = features.counts
        done = []
        for k in ks:
            # the library's estimator for this k, unfitted: same tol, max_iter, learning method
            _, _, template = fit_arrays(features, k=k, method=method, seed=0, max_iter=1)
            for seed in seeds:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    estimator = clone(template).set_params(
                        random_state=seed, max_iter=_max_iter(template)
                    )
                    estimator.fit_transform(matrix)
                done.append(int(estimator.n_iter_))
        seconds[method] = time.process_time() - start
        iterations[method] = done
        # the one-iteration template fits are a rounding error next to the real ones
    return seconds, iterations


def _max_iter(template) -> int:
    """The estimator's default number of iterations (the template was made with one)."""
    from iecorpus import topics

    if template.__class__.__name__ == "NMF":
        return getattr(topics, "NMF_MAX_ITER", 1000)
    online = template.learning_method == "online"
    return topics.LDA_ONLINE_ITER if online else topics.LDA_BATCH_ITER


def _timed_sweep(features, *, ks, seeds, methods, **options) -> tuple:
    """CPU seconds of sweep_topics, split into model fits (per method) and coherence.

    The split times the library's own functions from outside, by name: the fit of one
    model (``_fit_matrix``, or ``fit_arrays`` in versions without it) and the coherence of
    one model's topics (``_coherence``, which in newer versions includes the one shared
    co-occurrence count).
    """
    from iecorpus import topics

    split: dict = {}
    fit_name = "_fit_matrix" if hasattr(topics, "_fit_matrix") else "fit_arrays"
    wrapped = {}
    for name in (fit_name, "_coherence"):
        original = getattr(topics, name)

        def timer(*a, _original=original, _name=name, **kw):
            start = time.process_time()
            try:
                return _original(*a, **kw)
            finally:
                key = "coherence" if _name == "_coherence" else f"{kw['method'].upper()} fits"
                split[key] = split.get(key, 0.0) + time.process_time() - start

        wrapped[name] = original
        setattr(topics, name, timer)
    start = time.process_time()
    try:
        sweep = topics.sweep_topics(
            features, ks=ks, method=methods, seeds=seeds, progress=False, **options
        )
    finally:
        for name, original in wrapped.items():
            setattr(topics, name, original)
    total = time.process_time() - start
    split["rest (TF-IDF, matching, tables)"] = total - sum(split.values())
    return total, split, sweep


def measure_sweep(n_passages, *, languages, ks, seeds, methods, workers) -> dict:
    """Build features once, then time the bare fits and the sweep; runs in the child process."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from iecorpus.tokens import tokenize
    from iecorpus.topics import build_features

    tokenize("预热分词词典", language="zh")
    result: dict = {"rss_start_mb": _maxrss_mb()}
    corpus = generated_corpus(n_passages, languages)
    start = time.process_time()
    features = build_features(corpus)
    result["features_s"] = time.process_time() - start
    result["rss_features_mb"] = _maxrss_mb()
    result["passages"] = len(features.passages)
    result["vocabulary"] = len(features.vocabulary)
    result["documents"] = len(corpus.documents)
    del corpus
    gc.collect()
    bare, iterations = _bare_fits(features, ks=ks, seeds=seeds, methods=methods)
    result["bare"], result["iterations"] = bare, iterations
    result["rss_bare_mb"] = _maxrss_mb()
    total, split, sweep = _timed_sweep(features, ks=ks, seeds=seeds, methods=methods)
    result["sweep_s"], result["split"] = total, split
    result["rss_sweep_mb"] = _maxrss_mb()
    if workers and workers > 1:
        from iecorpus import topics

        os.sched_setaffinity(0, os.sched_getaffinity(0) | set(range(os.cpu_count() or 1)))
        timings = []
        for _ in range(2):  # the first run starts the cluster, the second finds it running
            start = time.perf_counter()
            parallel = topics.sweep_topics(
                features, ks=ks, method=methods, seeds=seeds, progress=False, workers=workers
            )
            timings.append(time.perf_counter() - start)
        result["parallel_start_wall_s"], result["parallel_wall_s"] = timings
        start = time.perf_counter()
        topics.sweep_topics(features, ks=ks, method=methods, seeds=seeds, progress=False)
        result["serial_wall_s"] = time.perf_counter() - start
        same = parallel.round(12).equals(sweep.round(12))
        result["identical"] = "yes" if same else "no"
    return result


def report_sweep(r: dict, *, ks, seeds, methods) -> None:
    fits = len(ks) * len(seeds) * len(methods)
    print(
        f"\n{r['passages']:,} passages from {r['documents']:,} generated pages, vocabulary "
        f"{r['vocabulary']:,}; {'/'.join(m.upper() for m in methods)}, k {min(ks)}-{max(ks)}, "
        f"{len(seeds)} seeds: {fits} fits"
    )
    print(f"  {'row':<40}{'CPU s':>9}{'ratio':>22}{'ru_maxrss':>11}")

    def row(name, seconds, ratio, rss=None):
        rss_text = f"{rss:,.0f} MB" if rss is not None else ""
        print(f"  {name:<40}{seconds:>9.2f}{ratio:>22}{rss_text:>11}")

    bare = sum(r["bare"].values())
    row("passages + feature matrix", r["features_s"], "", r["rss_features_mb"])
    row(f"bare scikit-learn fits ({fits})", bare, "", r["rss_bare_mb"])
    row(
        "sweep_topics", r["sweep_s"], f"{r['sweep_s'] / bare:.2f}x the bare fits", r["rss_sweep_mb"]
    )
    split = r["split"]
    for key, seconds in split.items():
        row(f"  of which {key}", seconds, f"{seconds / r['sweep_s']:.0%} of the sweep")
    for method, seconds in r["bare"].items():
        row(f"  bare {method.upper()} fits", seconds, f"{seconds / bare:.0%} of the bare fits")
        done = r["iterations"][method]
        print(
            f"    iterations per {method.upper()} fit: median {sorted(done)[len(done) // 2]}, "
            f"most {max(done)}"
        )
    if "parallel_wall_s" in r:
        row("sweep, serial (wall)", r["serial_wall_s"], "")
        row("sweep, Dask, starting the cluster (wall)", r["parallel_start_wall_s"], "")
        speedup = r["serial_wall_s"] / r["parallel_wall_s"]
        row("sweep, Dask, cluster running (wall)", r["parallel_wall_s"], f"{speedup:.2f}x serial")
        print(f"  identical: {r['identical']}")


def _child(args: argparse.Namespace, n_passages: int) -> dict:
    command = [
        sys.executable,
        __file__,
        "--child",
        str(n_passages),
        "--k",
        str(args.k),
        "--languages",
        *args.languages,
        "--methods",
        *args.methods,
    ]
    if not args.trace:
        command.append("--no-tracemalloc")
    if args.sweep:
        command += ["--sweep", "--ks", *map(str, args.ks), "--seeds", *map(str, args.seeds)]
        command += ["--workers", str(args.workers)]
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env["IECORPUS_PROGRESS"] = "0"
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        sys.exit(f"the measurement of {n_passages:,} passages failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(r: dict, methods) -> None:
    mb = r["characters"] / 2**20
    print(
        f"\n{r['passages']:,} passages from {r['documents']:,} generated pages "
        f"({mb:.1f} M characters; {r['tokens']:,} content tokens, {r['concepts']:,} concepts; "
        f"vocabulary {r['vocabulary']:,} features after min_df=2)"
    )
    print(f"  {'step':<34}{'seconds':>9}{'passages/s':>12}{'ru_maxrss':>11}{'traced peak':>13}")
    rows = [
        ("generate pages (not the library)", r["generate_s"], r["rss_corpus_mb"], None),
        ("tokenize + concepts (index_corpus)", r["tokenize_s"], r["rss_tokens_mb"], None),
        ("passages + feature matrix", r["features_s"], r["rss_features_mb"], None),
    ]
    for method in methods:
        name = "NMF on TF-IDF" if method == "nmf" else f"LDA ({r[f'{method}_learning']})"
        rows.append(
            (
                f"fit {name}, {r[f'{method}_iterations']} iterations",
                r[f"{method}_s"],
                r[f"{method}_rss_mb"],
                r.get(f"{method}_traced_mb"),
            )
        )
    for name, seconds, rss, traced in rows:
        rate = f"{r['passages'] / seconds:,.0f}" if seconds else ""
        rss_text = f"{rss:,.0f} MB" if rss is not None else ""
        traced_text = f"{traced:,.0f} MB" if traced is not None else ""
        print(f"  {name:<34}{seconds:>9.2f}{rate:>12}{rss_text:>11}{traced_text:>13}")
    print(f"  (ru_maxrss of the interpreter with the library imported: {r['rss_start_mb']:.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--k", type=int, default=10, help="number of topics (default 10)")
    parser.add_argument("--languages", nargs="+", default=["en", "zh"], choices=["en", "zh"])
    parser.add_argument("--methods", nargs="+", default=["nmf", "lda"], choices=["nmf", "lda"])
    parser.add_argument("--no-tracemalloc", dest="trace", action="store_false")
    parser.add_argument("--sweep", action="store_true", help="time sweep_topics and bare fits")
    parser.add_argument("--ks", type=int, nargs="+", default=list(range(2, 9)))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--workers", type=int, default=0, help="also time the sweep on Dask")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sweep and args.methods == ["nmf", "lda"] and "--methods" not in sys.argv:
        args.methods = ["nmf"]  # the sweep's default is NMF only
    if args.child and args.sweep:
        result = measure_sweep(
            args.child,
            languages=tuple(args.languages),
            ks=args.ks,
            seeds=args.seeds,
            methods=args.methods,
            workers=args.workers,
        )
        print(json.dumps(result))
        return
    if args.sweep:
        print(
            "sweep_topics next to the same fits in bare scikit-learn, one process per size "
            "(one CPU, one BLAS thread; CPU time)."
        )
        for n in args.passages:
            report_sweep(_child(args, n), ks=args.ks, seeds=args.seeds, methods=args.methods)
        return
    if args.child:
        result = measure(
            args.child,
            languages=tuple(args.languages),
            k=args.k,
            methods=args.methods,
            trace=args.trace,
        )
        print(json.dumps(result))
        return
    print(
        f"Topic models on generated passages: k={args.k}, languages {', '.join(args.languages)}; "
        "one CPU, one BLAS thread, fresh process per size."
    )
    for n in args.passages:
        report(_child(args, n), args.methods)
    print(
        "\nru_maxrss: peak resident memory of the measuring process after that step (it only "
        "grows).\ntraced peak: memory allocated through Python and numpy during a second, "
        f"untimed fit of {TRACED_ITERATIONS} iterations."
    )


if __name__ == "__main__":
    main()
