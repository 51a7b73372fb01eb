"""Benchmark event extraction on a large generated corpus: throughput, memory and planted recall.

Run from the repository root:

    .venv/bin/python benchmarks/bench_events.py                   # 2,000 documents, en and zh
    .venv/bin/python benchmarks/bench_events.py --documents 500 --seed 7

Each generated document is the body of a page (cleaning is not measured here: see
``bench_load.py``): filler sentences taken from the five embedded documents (English) or
from Chinese templates, with a few dated event sentences planted among them ("On May 26,
BEWG held ...", "今年3月23日，郑州市人民政府与...签署..."), their dates written in the forms
the resolver reads. The script times the temporal expressions alone, then the whole of
``extract_events``, and reports how many planted events come back with their date. Nothing
is asserted: it prints figures to compare across changes. Fixed seeds throughout.
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc
from datetime import date, timedelta

import pandas as pd

from iecorpus import load_corpus
from iecorpus.corpus import Corpus, corpus_from_texts
from iecorpus.events import extract_events, find_event_mentions
from iecorpus.temporal import extract_temporal_expressions

EN_MONTHS = "January February March April May June July August September October November December"
EN_ACTORS = [
    "BEWG",
    "the Ministry of Education",
    "the Lingang New Area",
    "Zhengzhou Electric Power College",
]
EN_VERBS = ["held a school-enterprise cooperation meeting", "issued an implementation plan",
            "was selected into the pilot list", "set up an industrial college"]  # fmt: skip
ZH_ACTORS = ["北控水务集团", "教育部", "郑州市人民政府", "河南省教育厅", "苏州工业职业技术学院"]
ZH_VERBS = [
    "召开产教融合工作会议",
    "印发《产教融合实施方案》",
    "入选第二批试点名单",
    "成立现代产业学院",
]
ZH_FILLER = [
    "深化产教融合是推动教育优先发展、人才引领发展、产业创新发展的战略性举措。",
    "各地要推动职业教育与产业协同发展，促进教育链、人才链与产业链、创新链有机衔接。",
    "學校與企業共同制定人才培養方案，共建實訓基地，推進校企合作走深走實。",
    "“十四五”期间，该校将持续推进专业建设，与企业合作已有7年。",
]


def _planted(rng: random.Random, language: str, published: date) -> tuple[str, str]:
    """A dated event sentence and the ISO date (at its precision) the resolver should give."""
    day = published - timedelta(days=rng.randrange(0, 50))
    form = rng.randrange(3)
    if language == "en":
        actor, verb = rng.choice(EN_ACTORS), rng.choice(EN_VERBS)
        month = EN_MONTHS.split()[day.month - 1]
        if form == 0:
            return f"On {month} {day.day}, {actor} {verb}.", day.isoformat()
        if form == 1:
            return f"In {month} {day.year}, {actor} {verb}.", day.isoformat()[:7]
        return f"In {day.year}, {actor} {verb}.", str(day.year)
    actor, verb = rng.choice(ZH_ACTORS), rng.choice(ZH_VERBS)
    if form == 0:
        year = "今年" if day.year == published.year else "去年"
        return f"{year}{day.month}月{day.day}日，{actor}{verb}。", day.isoformat()
    if form == 1:
        return f"{day.year}年{day.month}月，{actor}{verb}。", day.isoformat()[:7]
    return f"{day.month}月{day.day}日，{actor}{verb}。", day.isoformat()


def generate(n_documents: int, seed: int) -> tuple[Corpus, pd.DataFrame]:
    """A corpus of generated bodies and the table of planted events (doc_id, date)."""
    rng = random.Random(seed)
    english = load_corpus().sentences["text"].tolist()
    records, planted = [], []
    for n in range(n_documents):
        language = "zh" if n % 2 else "en"
        published = date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
        sentences = [rng.choice(english if language == "en" else ZH_FILLER) for _ in range(12)]
        for _ in range(3):
            text, iso = _planted(rng, language, published)
            sentences.insert(rng.randrange(len(sentences) + 1), text)
            planted.append((f"doc{n:05d}", iso))
        joiner = " " if language == "en" else ""
        paragraphs = [joiner.join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
        records.append((f"doc{n:05d}", published.isoformat(), language, "\n\n".join(paragraphs)))
    return _as_corpus(records), pd.DataFrame(planted, columns=["doc_id", "date"])


def _as_corpus(records: list[tuple[str, str, str, str]]) -> Corpus:
    documents = pd.DataFrame(records, columns=["doc_id", "date", "language", "text"])
    return corpus_from_texts(documents)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    corpus, planted = generate(args.documents, args.seed)
    n_sentences = len(corpus.sentences)
    megabytes = corpus.documents["text"].str.encode("utf-8").str.len().sum() / 1e6
    print(
        f"{len(corpus.documents):,} documents, {n_sentences:,} sentences, {megabytes:.2f} MB, "
        f"{len(planted):,} planted events"
    )

    find_event_mentions(generate(4, args.seed + 1)[0])  # compile the patterns first
    start = time.perf_counter()
    expressions = extract_temporal_expressions(corpus)
    seconds = time.perf_counter() - start
    print(
        f"temporal expressions: {len(expressions):,} in {seconds:.2f} s = "
        f"{n_sentences / seconds:,.0f} sentences/s, {megabytes / seconds:.2f} MB/s"
    )

    start = time.perf_counter()
    mentions = find_event_mentions(corpus)
    events = extract_events(corpus, mentions=mentions)
    seconds = time.perf_counter() - start
    print(
        f"extract_events: {len(events):,} events from {len(mentions):,} mentions in "
        f"{seconds:.2f} s = {len(corpus.documents) / seconds:,.0f} documents/s, "
        f"{n_sentences / seconds:,.0f} sentences/s, {megabytes / seconds:.2f} MB/s"
    )
    tracemalloc.start()  # a second run: tracing slows Python down several times
    extract_events(corpus)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"peak memory traced during extract_events: {peak:.1f} MB")

    found = set(zip(mentions["doc_id"], mentions["date"], strict=True))
    recovered = sum((d, iso) in found for d, iso in planted.itertuples(index=False))
    print(f"planted events recovered with their date: {recovered:,} of {len(planted):,}")
    merged = len(mentions) - len(events)
    print(f"mentions merged into another document's event: {merged:,}")


if __name__ == "__main__":
    main()
