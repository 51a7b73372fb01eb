"""Score the timeline on real pages it was not written for: ``../shared/pages-dev/`` and its gold.

Run from the repository root:

    .venv/bin/python benchmarks/eval_events.py                    # ../shared/pages-dev
    .venv/bin/python benchmarks/eval_events.py --pages DIR        # another folder, same layout
    .venv/bin/python benchmarks/eval_events.py --misses           # also list each gold event missed

The folder holds ``*.txt`` pages, ``MANIFEST.csv`` (``file,url,title,date,language,notes``)
and ``GOLD.json`` (see its ``README.md``). Nothing from it is copied into the repository:
the pages are copied to a temporary folder and loaded with :func:`iecorpus.load_corpus` twice,
(a) with a manifest that gives each page the MANIFEST's ``date`` and nothing else, and (b) with
no manifest (dates only from the page). Events come from
:func:`iecorpus.find_event_mentions` and :func:`iecorpus.extract_events`; an event reported by
several pages counts once per page, with every sentence of that page reporting it as evidence.
When the folder is absent the script prints one line saying so and exits 0.

The matching rule, page by page:

- **Evidence**: the gold ``evidence`` (whitespace collapsed, case ignored) is inside one of
  the event's sentences on that page, or their longest common stretch covers at least 60% of
  the evidence (the cleaner may have removed a footnote marker or a caption inside it, or
  split the sentence).
- **Date**, gold precision ``day``: the event is dated that same day (day or approx).
  ``month`` or ``year``: the event's period lies inside the gold period, or the gold period
  inside the event's (2019-10-25 matches gold 2019-10; 2019 matches gold 2019-10 too).
  ``approx``: the event's first day lies within the gold date's period widened by 45 days on
  each side. An event with no date matches no date.
- Required gold events are matched first, then optional ones; each gold event is matched at
  most once, by the first event in page order that meets both conditions.
- An event is **from noise or a trap** when its date as written lies inside a ``must_remove``
  or ``traps`` string of its sentence, or when a ``must_remove`` string makes up at least 60%
  of its sentence (or holds it). A noise string that is only a part of a body sentence (a
  footnote marker, a spam brand in place of a name, a meta date line the cleaner left glued
  to the lead) does not make the event noise unless the date comes from it. Such events
  are never matched. A trap forbids reading its string as a date, so an undated event
  (which read no date from it) is not a trap event.
- An event kept with no date (a relative date on an undated page) is **undated**: counted
  apart, neither a match nor an error, and left out of precision.
- An unmatched event whose evidence meets a gold event's but whose date does not is a
  **wrong date**; any other unmatched event is **extra** (including a second event for a
  gold event already matched, and ``target`` events, which the gold does not annotate).

Recall counts required gold events found; precision counts events matching any gold event
(required or optional) over all dated events extracted. The embedded corpus is scored the same
way against ``data/examples/timeline_gold.csv`` (its ``sentence`` is the evidence; every row is
required). The last three lines are the summary.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from difflib import SequenceMatcher
from pathlib import Path

from iecorpus import extract_events, find_event_mentions, load_corpus, paths
from iecorpus.events import read_gold
from iecorpus.temporal import find_document_anchor, find_temporal_expressions

PAGES_DIR = paths.PROJECT_ROOT.parent / "shared" / "pages-dev"
EMBEDDED_GOLD = paths.TIMELINE_GOLD
OVERLAP = 0.6  # share of the shorter text a common stretch must cover
APPROX_DAYS = 45  # an approx gold date's window, each side of its period
GOLD_KINDS = ("policy", "program", "event")


# ------------------------------------------------------------------ dates


def _period(iso: str, end_iso: str = "") -> tuple[date, date] | None:
    """First and last day of an ISO date at its precision (and of ``end_iso`` for a range)."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    first = date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
    last_iso = end_iso or iso
    parts = [int(p) for p in last_iso.split("-")]
    if len(parts) == 3:
        last = date(*parts)
    elif len(parts) == 2:
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        last = following - timedelta(days=1)
    else:
        last = date(parts[0], 12, 31)
    return first, last


def match_dates(event: tuple[str, str, str], gold: tuple[str, str]) -> bool:
    """Whether an event's date (date, precision, end) fits a gold date (date, precision)."""
    found = _period(event[0], event[2])
    wanted = _period(gold[0])
    if found is None or wanted is None:
        return False
    if gold[1] == "day":
        return event[1] in ("day", "approx") and found[0] == wanted[0]
    if gold[1] == "approx":
        window = timedelta(days=APPROX_DAYS)
        return wanted[0] - window <= found[0] <= wanted[1] + window
    inside = wanted[0] <= found[0] and found[1] <= wanted[1]
    return inside or (found[0] <= wanted[0] and wanted[1] <= found[1])


# ------------------------------------------------------------------ evidence


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def match_evidence(sentence: str, evidence: str) -> bool:
    """Whether a sentence holds the gold evidence, or overlaps it substantially."""
    a, b = _norm(sentence), _norm(evidence)
    if not a or not b:
        return False
    if b in a:
        return True
    block = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return block.size >= OVERLAP * len(b)


def _covered(sentence: str, noise: str) -> bool:
    """Whether a noise string makes up most of a sentence (the sentence is page furniture)."""
    a, b = _norm(sentence), _norm(noise)
    if not a or not b:
        return False
    if a in b:
        return True
    return b in a and len(b) >= OVERLAP * len(a)


def _inside(sentence: str, needle: str, expression: str) -> bool:
    """Whether ``expression`` occurs inside an occurrence of ``needle`` in ``sentence``."""
    for m in re.finditer(re.escape(needle), sentence):
        if expression and expression in sentence[m.start() : m.end()]:
            return True
    return False


# ------------------------------------------------------------------ scoring


@dataclass
class Gold:
    """One gold event of a page."""

    doc_id: str
    date: str
    precision: str
    kind: str
    what: str
    evidence: str
    optional: bool = False
    matched: bool = False


@dataclass
class Unit:
    """One extracted event on one page, with the page's sentences reporting it."""

    doc_id: str
    date: str
    precision: str
    date_end: str
    kind: str
    summary: str
    expressions: list[str]
    sentences: list[str]
    status: str = "extra"  # match, wrong date, noise/trap, undated, extra


def units_of(corpus) -> list[Unit]:
    """The extracted events of a corpus, one per event and page reporting it."""
    mentions = find_event_mentions(corpus)
    events = extract_events(corpus, mentions=mentions).set_index("event_id")
    units = []
    for (event_id, doc_id), group in mentions.groupby(["event_id", "doc_id"], sort=False):
        e = events.loc[event_id]
        units.append(
            Unit(
                doc_id,
                e["date"],
                e["date_precision"],
                e["date_end"] or "",
                e["kind"],
                e["summary"],
                list(dict.fromkeys(group["expression"])),
                list(dict.fromkeys(group["sentence"])),
            )
        )
    order = {d: i for i, d in enumerate(corpus.documents["doc_id"])}
    return sorted(units, key=lambda u: order.get(u.doc_id, len(order)))


def score(units: list[Unit], golds: list[Gold], noise: dict, traps: dict) -> None:
    """Set each unit's status and each gold's ``matched``, by the rule of the module docstring."""
    for u in units:
        dirty = any(
            _covered(s, n) or _inside(s, n, x)
            for n in noise.get(u.doc_id, [])
            for s in u.sentences
            for x in u.expressions
        )
        if not dirty and u.date:  # an undated event took no date from a trap
            dirty = any(
                _inside(s, t, x)
                for t in traps.get(u.doc_id, [])
                for s in u.sentences
                for x in u.expressions
            )
        if dirty:
            u.status = "noise/trap"
        elif not u.date:
            u.status = "undated"
    for g in sorted(golds, key=lambda g: g.optional):
        for u in units:
            if u.status != "extra" or u.doc_id != g.doc_id:
                continue
            if any(match_evidence(s, g.evidence) for s in u.sentences) and match_dates(
                (u.date, u.precision, u.date_end), (g.date, g.precision)
            ):
                u.status, g.matched = "match", True
                break
    for u in units:
        if u.status == "extra" and any(
            g.doc_id == u.doc_id
            and match_evidence(s, g.evidence)
            and not match_dates((u.date, u.precision, u.date_end), (g.date, g.precision))
            for g in golds
            for s in u.sentences
        ):
            u.status = "wrong date"


@dataclass
class Totals:
    """The figures of one setting."""

    required: int
    found: int
    extracted: int
    matched: int
    noise: int
    wrong: int
    undated: int

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0


def totals(units: list[Unit], golds: list[Gold]) -> Totals:
    required = [g for g in golds if not g.optional]
    status = Counter(u.status for u in units)
    return Totals(
        len(required),
        sum(g.matched for g in required),
        len(units) - status["undated"],
        status["match"],
        status["noise/trap"],
        status["wrong date"],
        status["undated"],
    )


# ------------------------------------------------------------------ the pages


def read_pages(folder: Path) -> tuple[dict, list[Gold], dict, dict, dict, dict]:
    """The MANIFEST rows, gold events, noise and trap strings, languages and page dates."""
    with (folder / "MANIFEST.csv").open(encoding="utf-8", newline="") as handle:
        manifest = {Path(r["file"]).stem: r for r in csv.DictReader(handle)}
    documents = json.loads((folder / "GOLD.json").read_text(encoding="utf-8"))["documents"]
    golds, noise, traps, languages, expected = [], {}, {}, {}, {}
    for file, doc in documents.items():
        doc_id = Path(file).stem
        languages[doc_id] = doc.get("language", "")
        expected[doc_id] = doc.get("date_expected") or ""
        noise[doc_id] = [s for s in doc.get("must_remove", []) if s.strip()]
        traps[doc_id] = [s for s in doc.get("traps", []) if s.strip()]
        for e in doc.get("events", []):
            golds.append(
                Gold(
                    doc_id,
                    e["date"],
                    e["precision"],
                    e["kind"],
                    e["what"],
                    e["evidence"],
                    bool(e.get("optional")),
                )
            )
    return manifest, golds, noise, traps, languages, expected


def load_setting(folder: Path, work: Path, manifest: dict, *, with_dates: bool):
    """Load the pages from a copy, with a manifest giving only their dates, or without one."""
    corpus_dir = work / "pages"
    if not corpus_dir.exists():
        corpus_dir.mkdir()
        for page in sorted(folder.glob("*.txt")):
            shutil.copyfile(page, corpus_dir / page.name)
    path = None
    if with_dates:
        path = work / "dates.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["file", "date"])
            for _, row in sorted(manifest.items()):
                writer.writerow([row["file"], row["date"]])
    return load_corpus(corpus_dir, manifest=path, progress=False)


def _fresh(golds: list[Gold]) -> list[Gold]:
    return [Gold(**{**g.__dict__, "matched": False}) for g in golds]


def print_pages(units: list[Unit], golds: list[Gold], languages: dict, title: str) -> None:
    print(f"\n{title}")
    header = f"{'file':<8} {'lang':<4} {'required':>8} {'found':>5} {'optional':>8} "
    print(header + f"{'extra':>5} {'wrong date':>10} {'noise/trap':>10} {'undated':>7}")
    for doc_id in sorted(languages):
        g = [x for x in golds if x.doc_id == doc_id]
        u = Counter(x.status for x in units if x.doc_id == doc_id)
        required = [x for x in g if not x.optional]
        optional = [x for x in g if x.optional]
        print(
            f"{doc_id:<8} {languages[doc_id]:<4} {len(required):>8} "
            f"{sum(x.matched for x in required):>5} "
            f"{sum(x.matched for x in optional):>3}/{len(optional):<4} {u['extra']:>5} "
            f"{u['wrong date']:>10} {u['noise/trap']:>10} {u['undated']:>7}"
        )


def print_kinds(units: list[Unit], golds: list[Gold]) -> None:
    parts = []
    for kind in GOLD_KINDS + ("target",):
        required = [g for g in golds if g.kind == kind and not g.optional]
        mine = [u for u in units if u.kind == kind and u.status != "undated"]
        recall = f"{sum(g.matched for g in required)}/{len(required)}" if required else "-"
        precision = f"{sum(u.status == 'match' for u in mine)}/{len(mine)}" if mine else "-"
        parts.append(f"{kind}: recall {recall}, precision {precision}")
    print("  per kind: " + "; ".join(parts))


def print_extras(units: list[Unit]) -> None:
    for u in units:
        if u.status != "match":
            print(
                f"  {u.status} {u.doc_id} {u.date or '(no date)'} {u.precision} {u.kind}: "
                f"{u.expressions[0]!r} | {u.summary[:70]}"
            )


def explain_miss(g: Gold, units: list[Unit], corpus) -> str:
    """Why a gold event was not found: the first stage of the pipeline that lost it."""
    sentences = corpus.sentences[corpus.sentences["doc_id"] == g.doc_id]
    holding = [t for t in sentences["text"] if match_evidence(t, g.evidence)]
    if not holding:
        return "evidence removed by cleaning"
    mine = [u for u in units if u.doc_id == g.doc_id]
    statuses = {u.status for u in mine if any(match_evidence(t, g.evidence) for t in u.sentences)}
    for status in ("wrong date", "noise/trap", "extra"):
        if status in statuses:
            return {"extra": "event taken by another gold event"}.get(status, status)
    published = corpus.documents.set_index("doc_id")["date"].get(g.doc_id) or None
    anchor = find_document_anchor(sentences["text"].tolist(), published)
    found = [e for t in holding for e in find_temporal_expressions(t, anchor=anchor)]
    if any(
        match_dates((e.date, e.precision, e.date_end or ""), (g.date, g.precision)) for e in found
    ):
        return "date read, no event (no trigger)"
    if any(not e.date for e in found):
        return "date not resolved (no year or page date)"
    if found:
        return "no event, date read differs"
    return "no date expression read"


def print_reasons(units: list[Unit], golds: list[Gold], corpus, *, details: bool) -> None:
    reasons = Counter()
    for g in golds:
        if g.matched or g.optional:
            continue
        reason = explain_miss(g, units, corpus)
        reasons[reason] += 1
        if details:
            print(f"  missed {g.doc_id} {g.date} {g.precision} {g.kind} [{reason}]: {g.what[:80]}")
    listed = ", ".join(f"{reason} {n}" for reason, n in reasons.most_common()) or "none"
    print(f"  required events missed, by reason: {listed}")


def describe_page_dates(corpus, expected: dict) -> str:
    """How many pages have a date, and how many agree with the gold ``date_expected``."""
    dates = corpus.documents.set_index("doc_id")["date"]
    agree = sum(
        bool(d)
        and bool(expected.get(i))
        and (d.startswith(expected[i]) or expected[i].startswith(d))
        for i, d in dates.items()
    )
    return (
        f"page dates: {int((dates != '').sum())} of {len(dates)} pages have one, {agree} agree "
        f"with the {sum(bool(v) for v in expected.values())} dates the gold reads on the pages"
    )


def _figure(t: Totals) -> str:
    return f"{t.found}/{t.required} = {t.recall:.2f}"


def score_embedded() -> str:
    """Score the embedded corpus against ``data/examples/timeline_gold.csv`` by the same rule."""
    gold = read_gold(EMBEDDED_GOLD)
    if "sentence" not in gold.columns:
        return "embedded corpus: data/examples/timeline_gold.csv has no sentence column; not scored"
    golds = [
        Gold(r.doc_id, r.date, r.date_precision, r.kind, r.summary, r.sentence)
        for r in gold.itertuples(index=False)
    ]
    units = units_of(load_corpus(progress=False))
    score(units, golds, {}, {})
    t = totals(units, golds)
    return (
        f"embedded corpus: recall {_figure(t)} precision {t.matched}/{t.extracted} = "
        f"{t.precision:.2f} wrong dates {t.wrong}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES_DIR, help="the pages-dev folder")
    parser.add_argument("--misses", action="store_true", help="list every miss and extra")
    args = parser.parse_args(argv)
    folder = args.pages
    if not (folder / "GOLD.json").is_file() or not (folder / "MANIFEST.csv").is_file():
        print(f"eval_events: {folder} (with GOLD.json and MANIFEST.csv) not found; nothing scored")
        return 0
    began = time.perf_counter()
    manifest, golds, noise, traps, languages, expected = read_pages(folder)
    results = {}
    with tempfile.TemporaryDirectory(prefix="iecorpus-eval-") as work:
        for with_dates, title in ((True, "with page dates"), (False, "no manifest")):
            corpus = load_setting(folder, Path(work), manifest, with_dates=with_dates)
            units, mine = units_of(corpus), _fresh(golds)
            score(units, mine, noise, traps)
            results[title] = totals(units, mine)
            print_pages(units, mine, languages, f"{title} (manifest dates: {with_dates})")
            t = results[title]
            print(
                f"  total: required {_figure(t)}, precision {t.matched}/{t.extracted} = "
                f"{t.precision:.2f}, noise/trap {t.noise}, wrong dates {t.wrong}, "
                f"undated {t.undated}"
            )
            print_kinds(units, mine)
            print("  " + describe_page_dates(corpus, expected))
            print_reasons(units, mine, corpus, details=args.misses)
            if args.misses:
                print_extras(units)
    embedded = score_embedded()
    elapsed = time.perf_counter() - began
    dated, undated = results["with page dates"], results["no manifest"]
    n_optional = sum(g.optional for g in golds)
    print(
        f"\npages-dev: {len(languages)} pages, {dated.required} required and {n_optional} "
        f"optional gold events; {elapsed:.1f} s with the embedded corpus"
    )
    print(embedded)
    print(
        f"timeline recall {dated.recall:.2f} (with page dates) {undated.recall:.2f} "
        f"(no manifest) precision {dated.precision:.2f} ({undated.precision:.2f}) "
        f"noise/trap events {dated.noise} ({undated.noise}) "
        f"wrong dates {dated.wrong} ({undated.wrong})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
