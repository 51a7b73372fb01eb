"""Benchmark the cleaned-corpus cache: a fresh load_corpus against a cache hit of open_corpus.

Run from the repository root:

    .venv/bin/python benchmarks/bench_cache.py                  # 2,000 documents, en and zh
    .venv/bin/python benchmarks/bench_cache.py --documents 500

The corpus and its cache are written to a temporary folder. Nothing is asserted: the
script prints the two times, their ratio and the size of the saved tables.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=2000, help="documents to generate")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated corpus")
    args = parser.parse_args(argv)
    os.environ.setdefault("IECORPUS_PROGRESS", "0")

    from iecorpus import load_corpus
    from iecorpus.cache import open_cached_corpus
    from iecorpus.testing import write_corpus

    with tempfile.TemporaryDirectory(prefix="iecorpus-bench-") as scratch:
        folder, processed = Path(scratch) / "corpus", Path(scratch) / "processed"
        table = write_corpus(folder, n_documents=args.documents, seed=args.seed)
        mb = table["n_bytes"].sum() / 2**20
        print(f"corpus: {len(table)} documents, {mb:.1f} MB raw", flush=True)

        start = time.perf_counter()
        load_corpus(folder, progress=False)
        fresh = time.perf_counter() - start
        built = open_cached_corpus(folder, processed_dir=processed, progress=False)
        hit = open_cached_corpus(folder, processed_dir=processed)
        assert hit.status == "read", hit.reason

        saved = sum(p.stat().st_size for p in hit.folder.rglob("*") if p.is_file()) / 2**20
        print(f"  load_corpus (fresh)            {fresh:8.2f} s")
        print(f"  open_corpus, first (builds)    {built.seconds:8.2f} s")
        print(f"  open_corpus, cache hit         {hit.seconds:8.2f} s")
        print(f"  ratio fresh / hit              {fresh / hit.seconds:8.1f} x")
        print(f"  saved tables                   {saved:8.1f} MB in {hit.folder.name}/")


if __name__ == "__main__":
    main()
