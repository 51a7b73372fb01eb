"""Score concept mentions on renderings no one listed: generated pages and ``pages-dev``.

Run from the repository root:

    .venv/bin/python benchmarks/eval_concepts.py                 # 300 pages and ../shared/pages-dev
    .venv/bin/python benchmarks/eval_concepts.py --pages DIR     # another folder of .txt pages
    .venv/bin/python benchmarks/eval_concepts.py --documents 600 # more generated pages

**Generated pages** (:func:`iecorpus.testing.make_page`, half English, half Chinese) get
renderings the glossary does not list and near misses planted in their body
(:func:`iecorpus.testing.plant_renderings`). A planted rendering is *found* when a mention
of its concept covers at least 80% of it; a mention that overlaps a near miss, or a planted
rendering of another concept, is an error. Recall is found over planted renderings;
precision is correct mentions over all mentions that overlap a planted phrase. The same
pages are scored with the key words switched off (listed renderings only), to show what the
key words add. Mentions found by key words outside the planted phrases are counted apart,
with a few shown: the generator's own sentences may hold real ones.

**pages-dev** (when the folder is there; one line saying so when not): each page is
loaded with :func:`iecorpus.load_corpus` from a temporary copy, and the script prints, per
page, the mentions of 产教融合 (industry_education_integration) as itself, found by its key
words, and with its narrower concepts, and the times the string 产教融合 or "integration"
occurs; then what :func:`iecorpus.terms.find_unlisted_renderings` lists for it. These are
figures to check by hand against the pages. Nothing from the folder is copied into the
repository. The last line is the summary.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pandas as pd

from iecorpus import load_corpus, paths
from iecorpus.corpus import corpus_from_texts
from iecorpus.glossary import load_glossary
from iecorpus.index import KEY_WORDS, build_index
from iecorpus.terms import count_concepts, find_unlisted_renderings
from iecorpus.testing import make_page, plant_renderings

PAGES_DIR = paths.PROJECT_ROOT.parent / "shared" / "pages-dev"
CONCEPT = "industry_education_integration"
COVER = 0.8


def generated_corpus(n_documents: int, seed: int):
    """Pages with planted renderings, as a corpus, and the planted spans by document."""
    rows, planted = [], {}
    for k in range(n_documents):
        language = "en" if k % 2 == 0 else "zh"
        page = plant_renderings(make_page(language=language, seed=seed + k), seed=seed + k)
        doc_id = f"gen_{k:05d}"
        rows.append(
            {"doc_id": doc_id, "text": page.text, "language": language, "date": page.date}
            | {"title": page.title, "source": "generated"}
        )
        planted[doc_id] = page.planted
    return corpus_from_texts(pd.DataFrame(rows)), planted


def score(index, planted) -> dict:
    """Recall and precision of the mentions on the planted phrases, overall and per kind."""
    found = index.concepts
    by_doc = {d: g for d, g in found.groupby("doc_id")}
    languages = dict(zip(index.documents["doc_id"], index.documents["language"], strict=True))
    tally: Counter = Counter()
    kinds: dict[tuple[str, str], list[int]] = {}
    outside = []
    for doc_id, spans in planted.items():
        mentions = by_doc.get(doc_id, found.iloc[0:0])
        touched = set()
        for a, b, concept in spans:
            hits = mentions[(mentions["start"] < b) & (mentions["end"] > a)]
            touched |= set(hits.index)
            if concept is None:
                tally["near_miss"] += 1
                tally["wrong"] += len(hits)
                continue
            tally["planted"] += 1
            right = hits[hits["concept"] == concept]
            cover = (right["end"].clip(upper=b) - right["start"].clip(lower=a)).sum() / (b - a)
            ok = bool(cover >= COVER)
            tally["found"] += ok
            tally["correct"] += len(right) if ok else 0
            tally["wrong"] += len(hits) - (len(right) if ok else 0)
            kind = kinds.setdefault((concept, languages[doc_id]), [0, 0])
            kind[0] += ok
            kind[1] += 1
        rest = mentions[~mentions.index.isin(touched) & (mentions["rule"] == KEY_WORDS)]
        outside += list(rest["match"])
    recall = tally["found"] / max(tally["planted"], 1)
    precision = tally["correct"] / max(tally["correct"] + tally["wrong"], 1)
    return {
        "recall": recall,
        "precision": precision,
        "tally": tally,
        "kinds": kinds,
        "outside": outside,
    }


def evaluate_generated(n_documents: int, seed: int) -> tuple[dict, dict]:
    corpus, planted = generated_corpus(n_documents, seed)
    glossary = load_glossary()
    with_keys = score(build_index(corpus, glossary=glossary), planted)
    listed_only = glossary.assign(key_words="")
    without = score(build_index(corpus, glossary=listed_only), planted)
    return with_keys, without


def evaluate_pages(folder: Path) -> dict | None:
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not files:
        print(f"pages-dev: {folder} is absent or holds no .txt page; skipped.")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        for file in files:
            shutil.copy(file, Path(tmp) / file.name)
        corpus = load_corpus(tmp)
        index = corpus.index()
    counts = count_concepts(index)
    counts = counts[counts["concept"] == CONCEPT].set_index("doc_id")
    mentions = index.occurrences(CONCEPT)
    by_rule = mentions.groupby(["doc_id", "rule"]).size()
    rows = []
    for number, doc_id in enumerate(index.documents["doc_id"]):
        text = index.lower_texts[number]
        rows.append(
            {
                "page": doc_id,
                "language": index.documents.at[number, "language"],
                "as itself": int(counts["count"].get(doc_id, 0)),
                "by key words": int(by_rule.get((doc_id, KEY_WORDS), 0)),
                "with narrower": int(counts["count_with_narrower"].get(doc_id, 0)),
                "string 产教融合": text.count("产教融合"),
                "string integration": text.count("integration"),
            }
        )
    table = pd.DataFrame(rows)
    print(f"\npages-dev: {len(files)} pages; mentions of {CONCEPT} per page")
    print(table[(table.iloc[:, 2:] > 0).any(axis=1)].to_string(index=False))
    unlisted = find_unlisted_renderings(index, CONCEPT, width=40)
    print(f"\nfind_unlisted_renderings(corpus, {CONCEPT!r}): {len(unlisted)} phrases")
    if len(unlisted):
        shown = unlisted.head(15)[["phrase", "counted", "count", "doc_id", "example"]]
        print(shown.to_string(index=False, max_colwidth=90))
    return {"table": table, "unlisted": unlisted}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300, help="generated pages")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pages", type=Path, default=PAGES_DIR, help="the pages-dev folder")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    with_keys, without = evaluate_generated(args.documents, args.seed)
    tally = with_keys["tally"]
    print(
        f"generated: {args.documents} pages, {tally['planted']} planted renderings not in the "
        f"glossary, {tally['near_miss']} near misses"
    )
    print(
        f"  with key words:       recall {with_keys['recall']:.3f}   precision "
        f"{with_keys['precision']:.3f}   ({tally['found']} found, {tally['wrong']} wrong)"
    )
    print(
        f"  listed only:          recall {without['recall']:.3f}   precision "
        f"{without['precision']:.3f}"
    )
    for (concept, language), (hit, total) in sorted(with_keys["kinds"].items()):
        print(f"    {concept:32s} {language}  {hit}/{total} found")
    outside = Counter(m.lower() for m in with_keys["outside"])
    print(
        f"  key-word mentions outside the planted phrases: {sum(outside.values())}"
        + (f" (most common: {', '.join(f'{m!r} {n}' for m, n in outside.most_common(4))})"
           if outside else "")
    )
    pages = evaluate_pages(args.pages)
    seconds = time.perf_counter() - began
    pages_part = "pages-dev skipped"
    if pages is not None:
        table = pages["table"]
        pages_part = (
            f"pages-dev {len(table)} pages: {table['as itself'].sum()} mentions of 产教融合 "
            f"({table['by key words'].sum()} by key words, {table['with narrower'].sum()} with "
            f"narrower), {len(pages['unlisted'])} unlisted candidates"
        )
    print(
        f"concepts: generated recall {with_keys['recall']:.3f} precision "
        f"{with_keys['precision']:.3f} (listed only: recall {without['recall']:.3f}); "
        f"{pages_part}; {seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
