"""Check that a change to loading leaves every table load_corpus makes the same, byte for byte.

Run from the repository root, once before the change and once after:

    .venv/bin/python benchmarks/compare_load.py --dump /tmp/load-before   # the old code
    .venv/bin/python benchmarks/compare_load.py --compare /tmp/load-before  # the new code

It loads the embedded corpus (``data/raw/``), the pages of ``../shared/pages-dev/`` (read at
run time, when the folder is there) and generated corpora of several seeds and languages
(:func:`iecorpus.testing.write_corpus`, written once into the dump folder and read again from
there, so both runs read the same files), each with and without ``furniture_share``. For
every table (``documents``, ``removed``, ``paragraphs``, ``sentences``, ``problems``) and
the raw texts it compares the values, the dtypes, each column pickled and the whole table
pickled (its blocks); it prints one line
per corpus and exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import warnings
from pathlib import Path

from iecorpus import load_corpus
from iecorpus.testing import write_corpus

DEFAULT_PAGES = Path(__file__).resolve().parents[1] / ".." / "shared" / "pages-dev"
#: (name, seed, languages, documents) of the generated corpora.
GENERATED = [
    ("gen-s1-en-zh", 1, ("en", "zh"), 1000),
    ("gen-s7-en", 7, ("en",), 700),
    ("gen-s42-zh", 42, ("zh",), 700),
    ("gen-s3-en-zh", 3, ("en", "zh"), 600),
]
TABLES = ("documents", "removed", "paragraphs", "sentences", "problems")


def corpora(folder: Path, pages: Path) -> list[tuple[str, Path | None]]:
    """The corpora to load: name and folder (None for the embedded corpus)."""
    found: list[tuple[str, Path | None]] = [("embedded", None)]
    if pages.is_dir():
        found.append(("pages-dev", pages))
    for name, seed, languages, n in GENERATED:
        target = folder / "corpora" / name
        if not (target / "corpus.csv").is_file():
            write_corpus(target, n_documents=n, languages=languages, seed=seed)
        found.append((name, target))
    return found


def snapshot(path: Path | None, furniture_share: float | None) -> dict:
    """Every table of one load, with each column pickled."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(path, progress=False, furniture_share=furniture_share)
    tables = {}
    for name in TABLES:
        frame = getattr(corpus, name)
        tables[name] = {
            "columns": list(frame.columns),
            "dtypes": [str(t) for t in frame.dtypes],
            "index": pickle.dumps(frame.index),
            "pickled": [pickle.dumps(frame[c]) for c in frame.columns],
            "whole": pickle.dumps(frame),  # the blocks and their order too
            "frame": frame,
        }
    tables["raw"] = {"pickled": [pickle.dumps(corpus.raw)]}
    return tables


def differences(old: dict, new: dict) -> list[str]:
    """What differs between two snapshots, table by table."""
    found = []
    for name in (*TABLES, "raw"):
        a, b = old[name], new[name]
        if name != "raw":
            if a["columns"] != b["columns"] or a["dtypes"] != b["dtypes"]:
                found.append(f"{name}: columns or dtypes differ")
                continue
            if a["index"] != b["index"]:
                found.append(f"{name}: index differs")
            if not a["frame"].equals(b["frame"]):
                found.append(f"{name}: values differ")
            elif a["whole"] != b["whole"]:
                found.append(f"{name}: the pickled table differs (its blocks)")
        bad = [k for k, (x, y) in enumerate(zip(a["pickled"], b["pickled"], strict=True)) if x != y]
        if bad:
            columns = a.get("columns") or ["raw"]
            found.append(f"{name}: pickled columns differ: {[columns[k] for k in bad]}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--dump", type=Path, help="write the tables of this code here")
    group.add_argument("--compare", type=Path, help="compare this code with a dump")
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="annotated pages")
    args = parser.parse_args(argv)
    folder = args.dump or args.compare
    folder.mkdir(parents=True, exist_ok=True)
    failed = False
    for name, path in corpora(folder, args.pages):
        for share in (None, 0.3):
            key = f"{name}-furniture" if share is not None else name
            tables = snapshot(path, share)
            target = folder / f"{key}.pickle"
            if args.dump:
                target.write_bytes(pickle.dumps(tables))
                print(f"{key}: {len(tables['documents']['frame'])} documents written")
                continue
            found = differences(pickle.loads(target.read_bytes()), tables)
            failed = failed or bool(found)
            print(f"{key}: " + ("; ".join(found) if found else "same"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
