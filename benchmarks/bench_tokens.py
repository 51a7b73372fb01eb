"""Tokenizer throughput, English and Chinese, next to plain jieba.lcut on the same text.

Prints tokens per second and MB per second (UTF-8) for:

- plain ``jieba.lcut`` (the global tokenizer, default dictionary) on generated Chinese pages;
- ``iecorpus.tokens.tokenize(language="zh")`` on the same pages: OpenCC to simplified, a
  jieba tokenizer with the glossary as user dictionary, stopwords and normalisation;
- the same on two Dask workers (``tokenize_many(workers=2)``, through
  :func:`iecorpus.engine.map_tasks`; the cluster is started before the timings);
- ``tokenize(language="en")`` on generated English pages;

then the time to index a corpus of generated pages and the latency of queries on it.
Each timing is the best of ``--repeats`` runs, so that a busy machine distorts it less.

With ``--memory N`` it measures instead the memory of indexing ``N`` generated passages
(the body paragraphs of :func:`iecorpus.testing.make_page` pages, English and Chinese in
turn, as ``bench_topics.py`` makes them). The corpus is generated once and pickled in the
temporary folder; a fresh process loads it and builds the index (``build_index``), and
prints its resident memory with the corpus loaded, ru_maxrss after the build (the peak of
the process), the peak traced by ``tracemalloc`` during a second, untimed build (unless
``--no-tracemalloc``) and the CPU time of the build. With ``--workers`` above 1 the work is
done by Dask workers, whose memory is not counted.

    .venv/bin/python benchmarks/bench_tokens.py [--mb 3] [--documents 10000] [--repeats 3]
    .venv/bin/python benchmarks/bench_tokens.py --memory 100000 [--workers 1] [--no-tracemalloc]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pandas as pd

from iecorpus import paths, terms
from iecorpus.corpus import Corpus, corpus_from_texts
from iecorpus.index import build_index
from iecorpus.tokens import chinese_tokenizer, jieba, tokenize, tokenize_many

try:
    from iecorpus.testing import make_page
except ImportError:  # the generator of noisy pages is not installed: reuse the test pages
    make_page = None


def generate_pages(
    language: str, *, megabytes: float = 0, count: int = 0, seed: int = 0
) -> list[dict]:
    """Article bodies of generated pages: about ``megabytes`` of UTF-8, or ``count`` pages."""
    rng = random.Random(seed)
    pages, size = [], 0
    while size < megabytes * 1e6 or len(pages) < count:
        if make_page is None:
            text = _fallback_text(language)
            page = {"text": text, "date": "2021-05-26", "title": ""}
        else:
            script = "traditional" if language == "zh" and rng.random() < 0.2 else "simplified"
            made = make_page(language=language, seed=rng.randrange(2**32), script=script)
            page = {"text": "\n\n".join(made.body), "date": made.date, "title": made.title}
        pages.append(page)
        size += len(page["text"].encode("utf-8"))
    return pages


def _fallback_text(language: str) -> str:
    folder = paths.EXAMPLE_ZH_DIR
    if language == "zh":
        return (folder / "bewg-pilot-zh-hans.txt").read_text(encoding="utf-8")
    from iecorpus import load_corpus

    return load_corpus().documents["text"].iloc[0]


def best_of(repeats: int, function) -> tuple[float, object]:
    """The shortest wall time of ``repeats`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def report(label: str, seconds: float, n_tokens: int, n_bytes: int) -> float:
    mb_per_s = n_bytes / seconds / 1e6
    speed = f"{n_tokens / seconds:10,.0f} tokens/s  {mb_per_s:6.2f} MB/s"
    print(f"  {label:44s} {seconds:7.2f} s  {speed}")
    return mb_per_s


def bench_tokenizers(megabytes: float, repeats: int) -> None:
    zh = [p["text"] for p in generate_pages("zh", megabytes=megabytes)]
    en = [p["text"] for p in generate_pages("en", megabytes=megabytes)]
    zh_bytes = sum(len(t.encode("utf-8")) for t in zh)
    en_bytes = sum(len(t.encode("utf-8")) for t in en)
    print(
        f"Chinese: {len(zh)} pages, {zh_bytes / 1e6:.1f} MB; English: {len(en)} pages, "
        f"{en_bytes / 1e6:.1f} MB; {os.cpu_count()} cores; best of {repeats}"
    )
    jieba.setLogLevel("WARNING")
    jieba.lcut("预热")  # load both dictionaries before timing
    chinese_tokenizer()

    seconds, out = best_of(repeats, lambda: [jieba.lcut(t) for t in zh])
    plain = report("jieba.lcut (all pieces)", seconds, sum(map(len, out)), zh_bytes)
    seconds, out = best_of(repeats, lambda: [tokenize(t, language="zh") for t in zh])
    ours = report("tokenize zh (content tokens)", seconds, sum(map(len, out)), zh_bytes)
    tokenize_many(zh[:2], language="zh", workers=2, chunksize=1)  # start the cluster
    seconds, out = best_of(repeats, lambda: tokenize_many(zh, language="zh", workers=2))
    two = report("tokenize_many zh, 2 Dask workers", seconds, sum(map(len, out)), zh_bytes)
    print(f"  ours / jieba.lcut: {ours / plain:.0%} of its speed; 2 workers: {two / plain:.0%}")
    seconds, out = best_of(repeats, lambda: [tokenize(t, language="en") for t in en])
    report("tokenize en (content tokens)", seconds, sum(map(len, out)), en_bytes)
    seconds, out = best_of(repeats, lambda: tokenize_many(en, language="en", workers=2))
    report("tokenize_many en, 2 Dask workers", seconds, sum(map(len, out)), en_bytes)


def make_corpus(n_documents: int) -> Corpus:
    """A corpus of generated article bodies, half English, half Chinese, with sentences."""
    pages = []
    for seed, language in enumerate(("en", "zh"), start=1):
        generated = generate_pages(language, count=n_documents // 2, seed=seed)
        pages += [dict(page, language=language) for page in generated]
    documents = pd.DataFrame(pages)
    documents.insert(0, "doc_id", [f"doc_{k:05d}" for k in range(len(documents))])
    documents["source"] = ""
    return corpus_from_texts(documents)


def bench_queries(n_documents: int, repeats: int) -> None:
    corpus = make_corpus(n_documents)
    n_bytes = sum(len(t.encode("utf-8")) for t in corpus.documents["text"])
    print(f"\nIndex and queries: {len(corpus.documents):,} documents, {n_bytes / 1e6:.1f} MB")
    for workers in (1, 2):
        start = time.perf_counter()
        index = terms.index_corpus(corpus, workers=workers, refresh=True)
        print(f"  index_corpus, {workers} worker(s): {time.perf_counter() - start:6.1f} s")
    print(f"  {index!r}")
    queries = {
        "concordance('产教融合'): the concept": lambda: terms.concordance(corpus, "产教融合"),
        "concordance('1+X', literal=True)": lambda: terms.concordance(corpus, "1+X", literal=True),
        "concordance('产教融合', limit=100)": lambda: terms.concordance(
            corpus, "产教融合", limit=100
        ),
        "concordance('校企合作', literal, limit=100)": lambda: terms.concordance(
            corpus, "校企合作", literal=True, limit=100
        ),
        "concordance('校企合作', literal=True)": lambda: terms.concordance(
            corpus, "校企合作", literal=True
        ),
        "find_collocates('talent')": lambda: terms.find_collocates(corpus, "talent"),
        "find_collocates(concept 校企合作)": lambda: terms.find_collocates(corpus, "校企合作"),
        "count_concepts": lambda: terms.count_concepts(corpus),
        "compute_trends(concepts, terms)": lambda: terms.compute_trends(
            corpus, concepts=["产教融合"], terms=["talent"]
        ),
        "count_terms(ngram=1)": lambda: terms.count_terms(corpus, ngram=1),
        "compare_keyness(language zh)": lambda: terms.compare_keyness(
            corpus, group="language", target="zh"
        ),
        "distinctive_terms(top=10)": lambda: terms.distinctive_terms(corpus),
    }
    for label, query in queries.items():
        seconds, rows = best_of(repeats, query)
        print(f"  {label:44s} {seconds * 1000:7.0f} ms  {len(rows):8,} rows")


def _maxrss_mb() -> float:
    """Peak resident set size of this process so far (KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def passage_corpus(n_passages: int) -> Corpus:
    """A corpus of generated pages, English and Chinese in turn, with ``n_passages`` paragraphs."""
    from iecorpus.testing import make_page

    rows, seed, columns = [], 0, ["doc_id", "title", "date", "language", "source", "text"]
    paragraphs, wanted = 0, n_passages * 1.1
    while True:
        # Headings join a paragraph (about 9%), so generate more; top up until enough.
        while paragraphs < wanted:
            language = ("en", "zh")[seed % 2]
            page = make_page(language=language, seed=seed)
            rows.append((f"doc_{seed:06d}", page.title, page.date, language, "", page.text))
            paragraphs += page.text.count("\n\n") + 1
            seed += 1
        corpus = corpus_from_texts(pd.DataFrame(rows, columns=columns))
        if (~corpus.paragraphs["is_heading"]).sum() >= n_passages:
            return corpus
        wanted += n_passages // 50 + 1


def _rss_now_mb() -> float:
    """Resident set size of this process now (Linux; the peak elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return _maxrss_mb()
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure_memory(corpus_file: str, workers: int, trace: bool) -> dict:
    """Index a pickled corpus and note memory and CPU time (in a fresh child process)."""
    tokenize("预热分词词典", language="zh")  # load jieba's dictionary outside the figures
    result: dict = {"rss_start_mb": _maxrss_mb()}
    with open(corpus_file, "rb") as handle:
        corpus = pickle.load(handle)
    gc.collect()
    result["rss_corpus_mb"] = _rss_now_mb()
    result["maxrss_corpus_mb"] = _maxrss_mb()
    result["documents"] = len(corpus.documents)
    result["passages"] = int((~corpus.paragraphs["is_heading"]).sum())
    result["characters"] = int(corpus.documents["text"].str.len().sum())
    cpu, wall = time.process_time(), time.perf_counter()
    index = build_index(corpus, workers=workers)
    result["index_cpu_s"] = time.process_time() - cpu
    result["index_wall_s"] = time.perf_counter() - wall
    result["maxrss_index_mb"] = _maxrss_mb()
    result["rss_index_mb"] = _rss_now_mb()
    result["tokens"] = len(index.token_term)
    if trace:
        del index
        gc.collect()
        tracemalloc.start()
        build_index(corpus, workers=workers)
        result["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return result


def bench_memory(n_passages: int, workers: int, trace: bool) -> None:
    # The corpus is generated once and kept in the temporary folder: generating 100,000
    # passages takes minutes, and a fresh process that only loads it measures the index.
    corpus_file = Path(tempfile.gettempdir()) / f"iecorpus-bench-passages-{n_passages}.pickle"
    env = dict(os.environ, IECORPUS_PROGRESS="0")
    if not corpus_file.is_file():
        # In a process of its own: on Linux a child's ru_maxrss starts at its parent's.
        command = [sys.executable, __file__, "--generate", str(n_passages), str(corpus_file)]
        subprocess.run(command, env=env, check=True)
    command = [sys.executable, __file__, "--child", str(corpus_file), "--workers", str(workers)]
    if not trace:
        command.append("--no-tracemalloc")
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        sys.exit(f"the measurement of {n_passages:,} passages failed:\n{done.stderr}")
    r = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"Indexing {r['passages']:,} passages ({r['documents']:,} generated pages, "
        f"{r['characters'] / 1e6:.1f} M characters, {r['tokens']:,} content tokens), "
        f"fresh process, {workers} worker(s)"
    )
    print(f"  ru_maxrss with the library imported          {r['rss_start_mb']:8,.0f} MB")
    print(f"  resident with the corpus loaded              {r['rss_corpus_mb']:8,.0f} MB")
    print(f"  ru_maxrss after build_index (the peak)       {r['maxrss_index_mb']:8,.0f} MB")
    print(f"  resident after build_index (index kept)      {r['rss_index_mb']:8,.0f} MB")
    growth = r["maxrss_index_mb"] - r["rss_corpus_mb"]
    print(f"  peak growth while building                   {growth:8,.0f} MB")
    if "traced_peak_mb" in r:
        print(f"  traced peak of a second build (tracemalloc)  {r['traced_peak_mb']:8,.0f} MB")
    print(
        f"  build_index: {r['index_cpu_s']:.1f} s CPU, {r['index_wall_s']:.1f} s wall "
        f"({r['tokens'] / r['index_cpu_s']:,.0f} tokens per CPU second)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=3.0, help="MB of text per language")
    parser.add_argument("--documents", type=int, default=10_000, help="documents to index")
    parser.add_argument("--repeats", type=int, default=3, help="runs per timing (best kept)")
    parser.add_argument("--memory", type=int, default=0, help="passages to index for memory")
    parser.add_argument("--workers", type=int, default=1, help="workers for --memory")
    parser.add_argument("--no-tracemalloc", dest="trace", action="store_false")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        partial = Path(args.generate[1]).with_suffix(".partial")
        with open(partial, "wb") as handle:
            pickle.dump(passage_corpus(int(args.generate[0])), handle)
        partial.replace(args.generate[1])
        return
    if args.child:
        print(json.dumps(measure_memory(args.child, args.workers, args.trace)))
        return
    if args.memory:
        bench_memory(args.memory, args.workers, args.trace)
        return
    bench_tokenizers(args.mb, args.repeats)
    if args.documents:
        bench_queries(args.documents, args.repeats)


if __name__ == "__main__":
    main()
