"""Dated policy and program events extracted from a corpus, with evidence, set against milestones.

An event is a temporal expression (see :mod:`iecorpus.temporal`) paired with a trigger
("issued", "was selected", "held", 印发, 入选, 召开 ...) in the same sentence of the
cleaned text, so page furniture the cleaner removed never becomes an event and every event
can be traced to a sentence of ``documents.text``. The actor is the organisation named
nearest before the trigger (with those joined to it by "and", 与, 、). Triggers and actors
are patterns in ``data/events/``; the national milestones are ``data/milestones.csv``.

Kinds: ``policy`` (a document issued, released, adopted or proposed), ``program`` (a
selection, a pilot list, a group or college set up), ``event`` (a meeting, visit or
signing) and ``target`` (a goal for a date after the document's: "by 2025", "到2025年";
a target needs no trigger). Lanes: ``national``, ``provincial-local`` and
``enterprise-college``, from the actor.

An event whose page has no date and whose text gives only a relative date is kept with an
empty date and the reason (:func:`find_undated_events`). An event is linked to the national
milestones its page names: it ``reports`` one, ``follows`` one where the text says so ("to
implement", 贯彻落实, 根据: ``data/events/follow_cues.csv``), or the two are only
``co-mentioned``.
"""

from __future__ import annotations

import csv
import re
import textwrap
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths
from .chinese import HAN, count_han, count_latin, has_han, shorten, to_simplified
from .datafiles import load_data
from .dates import parse_date
from .engine import chunk_table, map_tasks, partition_size, resolve_workers
from .figures import draw_with_style
from .regexparse import lowered_for_needs, may_hold, pattern_needs
from .temporal import (
    PRECISIONS,
    TimeExpression,
    find_document_anchor,
    find_temporal_expressions,
    find_title_spans,
    group_expressions,
    load_date_grammar,
)

LANES = ("national", "provincial-local", "enterprise-college")
KINDS = ("policy", "program", "event", "target")
EVENTS_DIR = paths.DATA_DIR / "events"
MILESTONES_FILE = paths.DATA_DIR / "milestones.csv"
MILESTONE_COLUMNS = [
    "milestone_id",
    "date",
    "precision",
    "name_en",
    "name_zh",
    "document_no",
    "issuers",
    "kind",
    "source_url",
    "source_kind",
    "date_note",
    "note",
    "lane",
    "label",
    "aliases",
]
MENTION_COLUMNS = [
    "event_id",
    "doc_id",
    "paragraph",
    "sentence_no",
    "date",
    "date_precision",
    "date_end",
    "qualifier",
    "kind",
    "lane",
    "actor",
    "summary",
    "expression",
    "trigger",
    "milestone_ids",
    "start",
    "end",
    "sentence",
    "undated",
]
EVENT_COLUMNS = [
    "event_id",
    "date",
    "date_precision",
    "date_end",
    "qualifier",
    "kind",
    "lane",
    "actor",
    "summary",
    "doc_id",
    "sentence",
    "expression",
    "n_evidence",
    "doc_ids",
    "undated",
]
#: An approximate lead ("近日") takes the exact date of its page's same event up to this
#: many days before it (see :func:`find_event_mentions`).
LEAD_WINDOW_DAYS = 31
_GLUED_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b")
_CONJUNCTION = re.compile(r"\s*(?:,\s*)?(?:and the|and|as well as|、|和|与|及|以及)\s*")


@dataclass(frozen=True)
class _Cue:
    language: str
    pattern: re.Pattern
    kind: str  # triggers: the event kind; actors: the lane
    label: str  # triggers: the verb for summaries; actors: the canonical actor name
    short: str = ""  # actors: the short name for summaries
    #: Literals of which a text must hold one for the pattern to match (None: always tried).
    needs: tuple[tuple[str, bool], ...] | None = None


@dataclass(frozen=True)
class Cues:
    """The trigger and actor patterns, read from ``data/events/``.

    Attributes:
        triggers: Verb patterns that make a dated sentence an event, with their kind.
        actors: Organisation patterns, with their canonical name, short name and lane.
    """

    triggers: tuple[_Cue, ...]
    actors: tuple[_Cue, ...]


def _read_rows(path: Path, required: list[str]) -> list[tuple[int, dict]]:
    """Read a cue CSV, checking its columns and its patterns."""
    name = paths.relative_to_project(path)
    if not path.is_file():
        raise FileNotFoundError(f"{name} not found: restore it from git, or pass directory=.")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{name}: missing column(s) {', '.join(missing)}; add them.")
        rows = list(enumerate(reader, start=2))
    for number, row in rows:
        if row["language"] not in ("en", "zh"):
            raise ValueError(f"{name}, row {number}: language must be en or zh; fix that row.")
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise ValueError(
                f"{name}, row {number}: the pattern {row['pattern']!r} is not a valid regular "
                f"expression ({exc}). Fix or remove that row."
            ) from None
    return rows


def _compile(language: str, pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(rf"\b(?:{pattern})\b" if language == "en" else pattern, flags)


def load_cues(directory: str | Path | None = None) -> Cues:
    """Read the event triggers and actors.

    Args:
        directory: A folder holding ``triggers.csv`` (``language``, ``pattern``, ``kind``,
            ``label``) and ``actors.csv`` (``language``, ``pattern``, ``actor``, ``short``,
            ``lane``); defaults to ``data/events/``.

    Returns:
        The compiled :class:`Cues`, in file order (earlier rows win ties).

    Raises:
        ValueError: A column is missing, or a row has a bad pattern, kind or lane; the
            message names the file and row.

    Note:
        The files are read again when one of them changes (edits apply at the next call).
    """
    folder = Path(directory) if directory else EVENTS_DIR
    return load_data(_read_cues, [folder / "triggers.csv", folder / "actors.csv"], str(folder))


def _read_cues(directory: str) -> Cues:
    folder = Path(directory)
    triggers, actors = [], []
    path = folder / "triggers.csv"
    for number, row in _read_rows(path, ["language", "pattern", "kind", "label"]):
        if row["kind"] not in KINDS:
            raise ValueError(
                f"{paths.relative_to_project(path)}, row {number}: kind {row['kind']!r} is "
                f"not one of {', '.join(KINDS)}; fix that row."
            )
        pattern = _compile(row["language"], row["pattern"], re.IGNORECASE)
        triggers.append(
            _Cue(row["language"], pattern, row["kind"], row["label"], needs=pattern_needs(pattern))
        )
    path = folder / "actors.csv"
    for number, row in _read_rows(path, ["language", "pattern", "actor", "short", "lane"]):
        if row["lane"] not in LANES:
            raise ValueError(
                f"{paths.relative_to_project(path)}, row {number}: lane {row['lane']!r} is "
                f"not one of {', '.join(LANES)}; fix that row."
            )
        pattern = _compile(row["language"], row["pattern"])
        actors.append(
            _Cue(
                row["language"],
                pattern,
                row["lane"],
                row["actor"],
                row["short"],
                pattern_needs(pattern),
            )
        )
    return Cues(tuple(triggers), tuple(actors))


# ------------------------------------------------------------------ one sentence


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    text: str  # as written
    cue: _Cue
    simplified: str = ""  # as matched, in simplified characters


def _find(cues: tuple[_Cue, ...], text: str, original: str | None = None) -> list[_Hit]:
    """Non-overlapping matches of the cues, longest first, then the earlier row.

    ``text`` is what is searched (simplified, titles masked); ``original`` (of the same
    length) is what each hit quotes.
    """
    original = text if original is None else original
    scripts = {"zh": has_han(text), "en": bool(re.search(r"[A-Za-z]", text))}
    # A cue is searched for only where the text holds a literal it needs.
    lowered = lowered_for_needs(text)
    hits = [
        (m.start(), m.end(), rank, cue)
        for rank, cue in enumerate(cues)
        if scripts[cue.language] and may_hold(text, cue.needs, lowered=lowered)
        for m in cue.pattern.finditer(text)
        if m.end() > m.start()
    ]
    chosen: list[_Hit] = []
    for start, end, _, cue in sorted(hits, key=lambda h: (h[0] - h[1], h[2], h[0])):
        if all(end <= c.start or c.end <= start for c in chosen):
            chosen.append(_Hit(start, end, original[start:end], cue, text[start:end]))
    return sorted(chosen, key=lambda h: h.start)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out spans (titles) so that no trigger or actor is found inside them."""
    chars = list(text)
    for start, end in spans:
        chars[start + 1 : end - 1] = " " * max(0, end - start - 2)
    return "".join(chars)


def _pick_actors(actors: list[_Hit], trigger: _Hit, text: str) -> list[_Hit]:
    """The actor nearest before the trigger, with those joined to it by "and", 与 or 、."""
    before = [a for a in actors if a.end <= trigger.start]
    if not before:
        after = [a for a in actors if a.start >= trigger.end]
        if after and not re.search(r"[,，;；:：]", text[trigger.end : after[0].start]):
            return [after[0]]
        return []
    picked = [before[-1]]
    for actor in reversed(before[:-1]):
        if not _CONJUNCTION.fullmatch(text[actor.end : picked[0].start]):
            break
        picked.insert(0, actor)
    return picked


def _actor_name(hit: _Hit) -> str:
    name = hit.cue.label or hit.simplified or hit.text
    return re.sub(r"^the\s+", "", name)


def _lane(actors: list[_Hit]) -> str:
    """The highest level among the actors: national, then provincial-local."""
    lanes = {a.cue.kind for a in actors}
    return next((lane for lane in LANES if lane in lanes), "")


def _clause(text: str, position: int) -> tuple[int, int]:
    """The clause around a position: between commas, semicolons or colons, quotes respected."""
    bounds, depth = [0], 0
    for i, char in enumerate(text):
        if char in "“《「‘":
            depth += 1
        elif char in "”》」’":
            depth = max(0, depth - 1)
        elif (
            depth == 0
            and char in ",，;；:：。.!?！？"
            and not (char == "." and i + 1 < len(text) and not text[i + 1].isspace())
        ):
            bounds.append(i + 1)
    bounds.append(len(text) + 1)
    start = max(b for b in bounds if b <= position)
    end = min(b for b in bounds if b > position) - 1
    return start, end


def _open_quote(words: list[str]) -> int | None:
    """Index of the word opening a quotation still open at the end of ``words``, else None."""
    opened = None
    for i, word in enumerate(words):
        for char in word:
            if char == "“" or (char == '"' and opened is None):
                opened = i
            elif char == "”" or char == '"':
                opened = None
    return opened


def _curly(text: str) -> str:
    """Pair straight double quotes as “ and ”, as the rest of the text writes them."""
    parts = text.split('"')
    return "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) + parts[-1]


def _words(text: str, limit: int) -> str:
    """At most ``limit`` words (a few more to close a quoted title rather than cut it)."""
    words = text.split()
    if len(words) <= limit:
        return " ".join(words).strip(" ,;:")
    cut = words[:limit]
    opened = _open_quote(cut)
    if opened is not None:
        more = next(
            (
                i
                for i in range(limit, min(len(words), limit + 8))
                if _open_quote(words[: i + 1]) is None
            ),
            None,
        )
        cut = words[: more + 1] if more is not None else words[:opened]
    while cut and cut[-1].lower() in {"of", "the", "and", "on", "for", "in", "to", "a", "with"}:
        cut.pop()
    ending = "…" if len(cut) < len(words) else ""
    return " ".join(cut).strip(" ,;:") + ending


_PASSIVE = re.compile(
    r"\b(?:was|were|is|are|has been|have been|had been|been|being)\s+"
    r"(?:(?:officially|jointly|formally|successfully)\s+)?$",
    re.IGNORECASE,
)
_AUX_IN_TRIGGER = re.compile(r"^(?:was|were|has been|have been|been)\s+", re.IGNORECASE)
_AGENT = re.compile(
    r"^by\s+(?:the\s+)?(?P<agent>.+?)(?=\s+(?:on|in|at|during|to|for|with)\b|[,;]|$)"
)
_LEADING = re.compile(
    r"^(?:(?:at|in|on|during|with|under|for|of|and)\s+)?(?:the|a|an)\s+", re.IGNORECASE
)
_NAME_BEFORE = re.compile(
    r"((?:[A-Z][\w’'-]*\s+(?:(?:of|for|and|on|the)\s+)*)*[A-Z][\w’'-]*)\s*(?:\([^)]*\))?\s*,?\s*$"
)


def _thing(text: str, trigger: _Hit, expr: TimeExpression, aux: int, participle: bool) -> str:
    """What a passive or participle verb acts on: the noun phrase before it and its auxiliary
    ("the Uzbekistan Luban Workshop [was inaugurated]", "a press conference [held by]")."""
    end = trigger.start - aux
    start = expr.end if expr.end <= end else _clause(text, max(0, end - 1))[0]
    region = text[start:end].strip(" ,")
    region = region.split(",")[0] if "," in region else region
    if re.match(r"(?:under|with|through|by|according)\b", region, re.IGNORECASE):
        return ""  # "under the guidance of X, hosted by Y": not what was hosted
    inner = list(re.finditer(r"\b(?:at|in|on|during|with|for)\s+(?:the|a|an)\s+", region))
    if inner and participle:  # "Officials spoke at a press conference [held by]"
        region = region[inner[-1].end() :]
    return _LEADING.sub("", region.strip()).strip()


def _english_summary(text: str, trigger: _Hit, actors: list[_Hit], expr: TimeExpression) -> str:
    """A headline: actor, verb, and what follows the verb up to the end of its clause.

    A passive or participle verb reads as its active headline: "the law was adopted by
    the NPC" as "NPC adopted law", "the workshop was inaugurated at X" as "workshop
    inaugurated at X", "a press conference held by the MOE" as "MoE held press conference".
    """
    _, clause_end = _clause(text, trigger.end)
    rest = text[trigger.end : clause_end].replace(expr.expression, "").strip()
    rest = re.sub(rf"\s*[(（][^)）]*[{HAN}][^)）]*[)）]", "", rest)  # (《职业教育法》)
    rest = re.sub(r"^(?:officially|jointly|formally)\s+", "", rest)
    rest = re.sub(r"^that (?:it|they|we) will\s+", "to ", rest)
    rest = re.sub(r"^(?:the|a|an)\s+", "", rest)
    rest = re.split(r"\s+(?:which|pointing out|in order to|so as to)\b", rest)[0]
    head, _, tail = rest.partition(" to ")
    if tail and len(head.split()) >= 3:  # "a special working group to coordinate ..."
        rest = head
    verb = trigger.cue.label or trigger.text
    start, _ = _clause(text, trigger.start)
    if text[start : trigger.start].strip().lower() == "which":  # "the Law, which took effect"
        name = _NAME_BEFORE.search(text[: max(0, start - 1)])
        if name:
            return _curly(_words(f"{name.group(1)} {verb} {rest}", 12))
    before = [a for a in actors if a.end <= trigger.start]
    aux = _PASSIVE.search(text[: trigger.start])
    agent = _AGENT.match(rest)
    if (aux or _AUX_IN_TRIGGER.match(trigger.text) or agent) and not (before and not agent):
        participle = not aux and not _AUX_IN_TRIGGER.match(trigger.text)
        thing = _thing(text, trigger, expr, len(aux.group(0)) if aux else 0, participle)
        if agent and thing:
            after = [a for a in actors if a.start >= trigger.end]
            doer = after[0].cue.short or _actor_name(after[0]) if after else agent["agent"]
            return _curly(_words(f"{doer} {verb} {thing}", 12))
        if thing:
            written = _AUX_IN_TRIGGER.sub("", trigger.text)
            return _curly(_words(f"{_words(thing, 8)} {written} {rest}".strip(), 14))
    if actors:
        subject = " and ".join(a.cue.short or _actor_name(a) for a in actors)
    else:
        start, _ = _clause(text, trigger.start)
        subject = text[start : trigger.start].replace(expr.expression, "").strip(" ,")
        if not subject and expr.end <= trigger.start:  # "On March 15th, Lu Guodong, ..., visited"
            subject = text[expr.end : trigger.start].strip(" ,").split(",")[0].strip()
        subject = _LEADING.sub("", subject)
    return _curly(_words(f"{subject} {verb} {rest}".strip(), 12))


def _chinese_summary(
    text: str, anchor: int, actors: list[_Hit], expr: TimeExpression, triggers: list[_Hit]
) -> str:
    """The clause holding the trigger (or the target), without its date; the actor prepended.

    A clause that is only its verb ("2022年5月1日起施行") takes what the verb of the clause
    before acts on ("新修订的职业教育法施行").
    """
    start, end = _clause(text, anchor)
    if expr.role == "dateline" and start <= expr.start < end:
        start = expr.end  # "新华社北京4月3日电 国家发展改革委印发..." without the dateline
    clause = text[start:end].replace(expr.expression, "").strip(" ，,")
    clause = re.sub(r"^的", "", clause)  # 今年的政府工作报告 without 今年
    if not clause and end < len(text):
        next_start, next_end = _clause(text, end + 1)
        clause = text[next_start:next_end].strip(" ，,")
    earlier = [t for t in triggers if t.end <= start - 1]
    if len(re.sub(r"\W", "", clause)) <= 3 and earlier:  # "...通过新修订的职业教育法，5月1日起施行"
        thing = text[earlier[-1].end : start - 1].strip(" ，,")
        return shorten(re.sub(r"^了", "", thing) + clause, 40)
    if actors and actors[0].text not in clause:
        clause = "、".join(a.text for a in actors) + clause
    return clause if len(clause) <= 40 else clause[:39] + "…"


def _summary(
    text: str,
    trigger: _Hit | None,
    actors: list[_Hit],
    expr: TimeExpression,
    triggers: list[_Hit] = (),
) -> str:
    chinese = count_han(text) * 5 >= count_latin(text)
    if trigger is None:  # a target: what is to be done by then
        if chinese:
            return _chinese_summary(text, expr.end, actors, expr, [])
        start, end = _clause(text, expr.start)
        clause = text[start:end].replace(expr.expression, "").strip(" ,")
        return _words(clause, 12)
    if chinese:
        return _chinese_summary(text, trigger.start, actors, expr, list(triggers))
    return _english_summary(text, trigger, actors, expr)


def _periods_nest(outer: TimeExpression, inner: TimeExpression) -> bool:
    """Whether ``inner`` is a finer date inside ``outer`` ("in 2024" and "on August 27, 2024")."""
    if outer.precision not in ("month", "year") or outer.date_end or not inner.date:
        return False
    finer = PRECISIONS.index(inner.precision) < PRECISIONS.index(outer.precision)
    return finer and inner.date.startswith(outer.date) and inner.precision != "approx"


def _usable(expressions: list[TimeExpression]) -> list[TimeExpression]:
    """The expressions that may date an event of one sentence, in order.

    Dropped: a five-year plan's period (the span a plan covers dates nothing that
    happened), what comes before a dateline, a numeric date opening a sentence that dates
    itself further on (both a page's date line glued to the lead), a date
    containing a finer one of the same sentence (its day says when), and the dateline
    itself when another expression dates the sentence (then the dateline only anchors it).
    A relative expression left without a date (no page date) is kept only when no
    expression of the sentence has a date.
    """
    lines = [e for e in expressions if e.role == "dateline"]
    if lines:
        expressions = [e for e in expressions if e.start >= lines[0].start]
    first = expressions[0] if expressions else None
    if len(expressions) > 1 and _GLUED_DATE.match(first.expression) and first.start <= 6:
        expressions = expressions[1:]  # "date 2022-12-27 On December 27, the ministry held"
    expressions = [e for e in expressions if e.role != "period"]  # 十四五: a plan's span
    dated = [e for e in expressions if e.date and e.role != "dateline"]
    dated = [e for e in dated if not any(_periods_nest(e, o) for o in dated if o is not e)]
    if dated:
        return dated
    lines = [
        TimeExpression(e.expression, e.start, e.end, e.date, "approx", role="dateline")
        for e in expressions
        if e.date and e.role == "dateline"
    ][:1]
    return lines or [e for e in expressions if not e.date and e.undated][:1]


def find_sentence_events(
    text: str,
    expressions: list[TimeExpression],
    *,
    cues: Cues | None = None,
    lead: TimeExpression | None = None,
) -> list[dict]:
    """Pair a sentence's dated expressions with its triggers and actors.

    Args:
        text: The sentence, as in ``corpus.sentences.text``.
        expressions: Its temporal expressions (:func:`find_temporal_expressions`).
        cues: Triggers and actors (default: :func:`load_cues`).
        lead: The dateline of the sentence before, when that sentence was only a
            dateline ("BEIJING, May 3 (Xinhua) --"): it dates this one, as ``approx``,
            when nothing in it does.

    Returns:
        One dict per event with ``expression`` (the :class:`TimeExpression`), ``trigger``
        (the text matched, "" for a target), ``kind``, ``lane`` ("" without an actor),
        ``actor`` (canonical names joined by "; ") and ``summary``.

    Note:
        Each expression takes the first unclaimed trigger after it, up to the next
        expression, or else the nearest unclaimed trigger before it. A dateline dates
        its sentence (or the lead after it), as ``approx``: the whole sentence when no
        other expression dates it, else what it reports before its first date; a date
        before the dateline is the page's furniture, and a date containing
        a finer one ("in 2024" beside "on August 27") gives way to it. A relative date
        that could not be resolved (an undated page) still makes an event, with an empty
        date and the reason in its expression's ``undated``. Titles are
        masked first, so a word inside 《...》 or a quoted title is never a trigger.
        Triggers and actors are matched in simplified characters: ``trigger`` and the
        summary quote the text as written, ``actor`` is the canonical (simplified) name.
    """
    cues = cues or load_cues()
    probe = to_simplified(text)  # same length: an offset in probe is one in text
    masked = _mask(probe, find_title_spans(probe))
    triggers = _find(cues.triggers, masked, text)
    actors = _find(cues.actors, masked, text)
    dated = _usable(expressions)
    lines = [(e.start, e.end, e) for e in expressions if e.role == "dateline" and e.date]
    lines += [(0, 0, lead)] if lead is not None else []
    if lines and not any(e.date for e in dated):
        start, end, line = lines[0]
        dated = [TimeExpression(line.expression, start, end, line.date, "approx", role="dateline")]
    elif lines and dated[0].role != "dateline" and lines[0][1] <= dated[0].start:
        # the dateline dates what is reported before the sentence's first date of its own:
        # "[电] 全国人大常委会表决通过新修订的职业教育法，2022年5月1日起施行"
        start, end, line = lines[0]
        dated.insert(
            0, TimeExpression(line.expression, start, end, line.date, "approx", role="dateline")
        )
    events, claimed = [], set()
    for i, expr in enumerate(dated):
        low = dated[i - 1].end if i else 0
        high = dated[i + 1].start if i + 1 < len(dated) else len(text)
        trigger = None
        if expr.role != "target":
            free = [t for t in triggers if t.start not in claimed]
            after = [t for t in free if expr.end <= t.start < high]
            before = [t for t in free if low <= t.start and t.end <= expr.start]
            trigger = after[0] if after else before[-1] if before else None
            if trigger is None:
                continue
            claimed.add(trigger.start)
        picked = _pick_actors(actors, trigger or _Hit(expr.start, expr.end, "", None), masked)
        events.append(
            {
                "expression": expr,
                "trigger": trigger.text if trigger else "",
                "kind": trigger.cue.kind if trigger else "target",
                "lane": _lane(picked),
                "actor": "; ".join(dict.fromkeys(_actor_name(a) for a in picked)),
                "summary": _summary(text, trigger, picked, expr, triggers),
            }
        )
    return events


# ------------------------------------------------------------------ milestones


def load_milestones(path: str | Path | None = None) -> pd.DataFrame:
    """Read the national milestones that corpus events are set against.

    Args:
        path: A CSV with the columns of ``data/milestones.csv`` (the default):
            ``milestone_id``, ``date``, ``precision``, ``name_en``, ``name_zh``,
            ``document_no``, ``issuers``, ``kind``, ``source_url``, ``source_kind``
            (official, official-en, state-media or secondary), ``date_note`` (what kind of
            date it is), ``note``, ``lane``, ``label`` (a short name for figures),
            ``aliases`` (names as texts write them, "; "-separated) and, optionally,
            ``keywords`` (see :func:`find_milestones_in`).

    Returns:
        One row per milestone, as strings, in file order.

    Raises:
        ValueError: The file lacks a column, or a date or precision cannot be read; the
            message names the file and row and says what to fix.
    """
    path = Path(path) if path else MILESTONES_FILE
    name = paths.relative_to_project(path)
    if not path.is_file():
        raise FileNotFoundError(f"{name} not found: restore data/milestones.csv or pass path=.")
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in MILESTONE_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(
            f"{name}: missing column(s) {', '.join(missing)}; "
            "copy the header of data/milestones.csv and fill them in."
        )
    for number, row in enumerate(table.itertuples(index=False), start=2):
        parsed = parse_date(row.date)
        if parsed is None or parsed[1] != row.precision:
            raise ValueError(
                f"{name}, row {number}: date {row.date!r} with precision {row.precision!r} "
                "cannot be read; write YYYY-MM-DD (day), YYYY-MM (month) or YYYY (year)."
            )
    return table


def _normalize(text: str) -> str:
    """Casefold, punctuation to spaces, no spaces between Chinese characters; padded."""
    text = re.sub(r"[\W_]+", " ", text.casefold())
    text = re.sub(rf"(?<=[{HAN}]) (?=[{HAN}])", "", text)
    return f" {text.strip()} "


@lru_cache(maxsize=8)
def _aliases(table_key: tuple[tuple[str, str, str], ...]) -> tuple[tuple[str, str, str], ...]:
    """``(milestone_id, normalized alias, probe)`` triples, longest alias first; the probe is
    the alias padded with spaces when English (whole words)."""
    pairs = []
    for milestone_id, aliases, _ in table_key:
        for alias in aliases.split(";"):
            if alias.strip():
                pairs.append((milestone_id, _normalize(to_simplified(alias)).strip()))
    pairs = list(dict.fromkeys(pairs))  # a traditional alias is its simplified twin
    triples = [(m, a, a if has_han(a) else f" {a} ") for m, a in pairs]
    return tuple(sorted(triples, key=lambda p: -len(p[1])))


@lru_cache(maxsize=8)
def _keywords(table_key: tuple[tuple[str, str, str], ...]) -> tuple[tuple[str, tuple], ...]:
    """``(milestone_id, groups)``: each group a tuple of normalized alternatives, and a
    group written ``!word`` one that must not occur."""
    rules = []
    for milestone_id, _, keywords in table_key:
        groups = []
        for group in filter(str.strip, keywords.split(";")):
            negative = group.strip().startswith("!")
            words = group.strip().lstrip("!").split("|")
            norm = [_normalize(to_simplified(w)).strip() for w in words if w.strip()]
            probes = tuple((w, w if has_han(w) else f" {w}") for w in norm)  # a word's start
            groups.append((negative, probes))
        if groups:
            rules.append((milestone_id, tuple(groups)))
    return tuple(rules)


def _milestone_matcher(milestones: pd.DataFrame):
    """A function from a sentence to its ``(milestone_id, matched, how)`` triples."""
    keywords = milestones["keywords"] if "keywords" in milestones else [""] * len(milestones)
    key = tuple(zip(milestones["milestone_id"], milestones["aliases"], keywords, strict=True))
    aliases, rules = _aliases(key), _keywords(key)

    def match(text: str) -> list[tuple[str, str, str]]:
        norm, found, matched = _normalize(to_simplified(text)), {}, []
        for milestone_id, alias, probe in aliases:
            if probe in norm and milestone_id not in found:
                if any(alias in longer for longer in matched):
                    continue
                found[milestone_id] = (alias, "alias")
                matched.append(alias)
        for milestone_id, groups in rules:
            if milestone_id in found:
                continue
            hits = []
            for negative, words in groups:
                hit = next((w for w, probe in words if probe in norm), None)
                if negative == (hit is not None):
                    break
                if hit:
                    hits.append(hit)
            else:
                found[milestone_id] = (" + ".join(hits), "key words")
        return [(m, alias, how) for m, (alias, how) in found.items()]

    return match


def find_milestones_in(text: str, milestones: pd.DataFrame) -> list[tuple[str, str]]:
    """Find the milestones a sentence names.

    Args:
        text: A sentence.
        milestones: The table from :func:`load_milestones`.

    Returns:
        ``(milestone_id, alias)`` pairs, one per milestone: those named by an alias, in
        alias-length order, then those whose key words all occur (``alias`` is then the
        words found, joined by " + "). An alias inside a longer one that also matched
        ("Vocational Education Law" inside "... Law takes effect") does not count.

    Note:
        Aliases and text are compared in simplified characters, after case folding, with
        punctuation read as spaces, so one spelling of a Chinese alias is enough. The
        optional ``keywords`` column of the milestones holds "; "-separated groups of
        "|"-separated alternatives, all of which must occur ("empower | 赋能; vocational
        education | 职业教育"), for the names machine translation garbles; a group written
        ``!word`` must not occur. An English key word matches the start of a word.
    """
    return [(m, alias) for m, alias, _ in _milestone_matcher(milestones)(text)]


def find_milestone_mentions(corpus, milestones: pd.DataFrame | None = None) -> pd.DataFrame:
    """Find every sentence of the corpus that names a national milestone.

    Args:
        corpus: A :class:`iecorpus.corpus.Corpus`.
        milestones: The reference (default: :func:`load_milestones`).

    Returns:
        One row per milestone named in a sentence: ``milestone_id``, ``milestone_date``,
        ``precision``, ``label``, ``doc_id``, ``paragraph``, ``sentence_no``, ``alias``
        (normalized, as matched), ``sentence``, ``matched_by`` (``alias``, or ``key
        words`` when the milestone's key words all occur: see :func:`find_milestones_in`)
        ``source_kind`` (of the milestone's source: official, official-en, state-media
        or secondary) and ``milestone_kind`` (policy, plan, law, event ...).

    Note:
        Names are matched after case folding, with hyphens and punctuation read as spaces,
        so "Industry-Education-Integrated" matches "Industry Education Integrated", and
        traditional characters as simplified ones (``alias`` is in simplified characters).
    """
    milestones = load_milestones() if milestones is None else milestones
    info = milestones.set_index("milestone_id")
    kinds = info["source_kind"] if "source_kind" in info else pd.Series("", index=info.index)
    described = {  # what a row says of its milestone, looked up once per milestone
        milestone_id: (date_, precision, label, kinds[milestone_id], kind)
        for milestone_id, date_, precision, label, kind in zip(
            info.index, info["date"], info["precision"], info["label"], info["kind"], strict=True
        )
    }
    matcher = _milestone_matcher(milestones)
    rows = []
    for s in corpus.sentences.itertuples(index=False):
        for milestone_id, alias, how in matcher(s.text):
            date_, precision, label, source_kind, kind = described[milestone_id]
            rows.append(
                (milestone_id, date_, precision, label, s.doc_id, s.paragraph)
                + (s.sentence, alias, s.text, how, source_kind, kind)
            )
    columns = ["milestone_id", "milestone_date", "precision", "label", "doc_id", "paragraph"]
    columns += ["sentence_no", "alias", "sentence", "matched_by", "source_kind", "milestone_kind"]
    return pd.DataFrame(rows, columns=columns)


# ------------------------------------------------------------------ the corpus


def _event_keys(row: dict) -> set[str]:
    """What identifies an event besides its date and kind: its actors and named milestones."""
    keys = row["actor"].split("; ") + row["milestone_ids"].split("; ") + [row.get("same_as", "")]
    if not row["date"]:  # an undated event is one only with itself
        return {f"{row['doc_id']}#{row['sentence_no']}"}
    return set(filter(None, keys))


def _number_events(rows: list[dict], published: dict[str, str]) -> None:
    """Group the mentions of one event and number the events by date (E01, E02 ...).

    Mentions with the same date, precision, end and kind that share an actor or a named
    milestone are one event (transitively); linear in the number of mentions. Events of
    one date are numbered by their first evidence, so the numbers do not depend on the
    order a set of keys is walked in (which changes with Python's string hashing).
    """
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[tuple, int] = {}
    for i, row in enumerate(rows):
        when = (row["date"], row["date_precision"], row["date_end"], row["kind"])
        for key in sorted(_event_keys(row)):  # a set's order changes from run to run
            j = seen.setdefault((*when, key), i)
            parent[root(i)] = root(j)
    groups = [root(i) for i in range(len(rows))]
    # An event's place: its date, then its first evidence (the earliest-published document,
    # then doc_id and sentence), whichever mention union-find made the root of its group.
    first: dict[int, tuple] = {}
    for row, g in zip(rows, groups, strict=True):
        place = (not row["date"], row["date"], published.get(row["doc_id"], ""))
        place += (row["doc_id"], row["sentence_no"])
        if g not in first or place < first[g]:
            first[g] = place
    order = sorted(first, key=first.__getitem__)
    width = max(2, len(str(len(order))))
    names = {g: f"E{n:0{width}d}" for n, g in enumerate(order, start=1)}
    for row, g in zip(rows, groups, strict=True):
        row["event_id"] = names[g]


def _fill_lanes(rows: list[dict]) -> None:
    """Give an actorless mention a lane: national if it names a milestone, else its document's."""
    by_doc: dict[str, Counter] = {}
    for row in rows:
        if row["lane"]:
            by_doc.setdefault(row["doc_id"], Counter())[row["lane"]] += 1
    for row in rows:
        if not row["lane"]:
            common = by_doc.get(row["doc_id"], Counter()).most_common(1)
            row["lane"] = (
                "national"
                if row["milestone_ids"]
                else (common[0][0] if common else "provincial-local")
            )


@dataclass(frozen=True)
class _Sentence:
    doc_id: str
    paragraph: int
    sentence: int
    start: int
    text: str


def _lead_dateline(text: str, expressions: list[TimeExpression]) -> TimeExpression | None:
    """The dateline of a sentence that is nothing else ("BEIJING, May 3 (Xinhua) --")."""
    for e in expressions:
        if e.role == "dateline" and e.date:
            rest = text[: e.start] + text[e.end :]
            if len(re.sub(r"[\W_]+", "", rest)) <= 12:  # a wire name, 记者 and a name at most
                return e
    return None


def _after_page(e: TimeExpression, anchor: str | None, future: re.Pattern, text: str) -> bool:
    """Whether a past event is dated after the page that reports it (a later page's teaser)."""
    if not anchor or not e.date or e.role in ("target", "dateline", "since"):
        return False  # "2022年5月1日起施行": in force from a date, often after the page
    if future.search(text):
        return False
    return _start(e.date) > _period_end(anchor)


def _period_end(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        return date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1) - timedelta(days=1)
    return date(parts[0], 12, 31)


def _join_leads(rows: list[dict]) -> None:
    """Give an approximate lead ("近日", a dateline) the exact date its page gives later.

    A page often opens with "recently, X and Y signed ..." and says further down "the
    signing ceremony was held last Friday (10 October)". An ``approx`` mention takes the
    date of the mention of the same page and kind dated within :data:`LEAD_WINDOW_DAYS`
    days on or before it, the nearest, and joins its event.
    """
    by_doc: dict[str, list[dict]] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row)
    for group in by_doc.values():
        exact = [r for r in group if r["date_precision"] == "day" and not r["date_end"]]
        for row in group:
            if row["date_precision"] != "approx" or not row["date"]:
                continue
            when = _start(row["date"])
            near = [
                r
                for r in exact
                if r["kind"] == row["kind"]
                and timedelta(0) <= when - _start(r["date"]) <= timedelta(days=LEAD_WINDOW_DAYS)
            ]
            if near:
                best = max(near, key=lambda r: r["date"])
                row.update({k: best[k] for k in ("date", "date_precision", "date_end")})
                key = f"{row['doc_id']}#{best['sentence_no']}"
                row["same_as"] = best["same_as"] = key


def find_partition_mentions(
    sentences: pd.DataFrame,
    *,
    cues: Cues,
    milestones: pd.DataFrame,
    published: dict[str, str],
    expressions: pd.DataFrame | None = None,
) -> list[dict]:
    """Find the event mentions of some documents' sentences: one task of a corpus.

    Args:
        sentences: ``doc_id``, ``paragraph``, ``sentence``, ``start`` and ``text`` of
            whole documents, each document's sentences together and in order.
        cues: Triggers and actors.
        milestones: The national reference.
        published: The publication date of each document, by ``doc_id``.
        expressions: The corpus's table of
            :func:`iecorpus.temporal.extract_temporal_expressions`, to read each
            sentence's dates from instead of resolving them again (None: resolve them).

    Returns:
        One dict per mention, before lanes are filled, leads joined and events
        numbered (which :func:`find_event_mentions` does over the whole corpus).
    """
    grammar = load_date_grammar()
    future = re.compile(
        "|".join(rf"\b(?:{p})\b" if lang == "en" else f"(?:{p})" for lang, p in grammar.future)
        or "(?!)",
        re.IGNORECASE,
    )
    matcher = _milestone_matcher(milestones)
    known = None if expressions is None else group_expressions(expressions, sentences)
    rows, doc_id, anchor = [], None, None
    table = sentences
    columns = ("doc_id", "paragraph", "sentence", "start", "text")
    for s in (_Sentence(*r) for r in zip(*(table[c] for c in columns), strict=True)):
        if s.doc_id != doc_id:  # the first sentence of a document: its dateline anchors it
            doc_id, lead, lead_start = s.doc_id, None, 0
            anchor = find_document_anchor([s.text], published.get(doc_id), grammar=grammar)
        if known is None:
            expressions = find_temporal_expressions(s.text, anchor=anchor, grammar=grammar)
        else:
            expressions = known.get((doc_id, s.sentence), [])
        carried, lead = lead, _lead_dateline(s.text, expressions)
        carried_start, lead_start = lead_start, s.start
        if not expressions and carried is None:
            continue
        found_events = find_sentence_events(s.text, expressions, cues=cues, lead=carried)
        named = "; ".join(m for m, _, _ in matcher(s.text)) if found_events else ""
        for found in found_events:
            e = found["expression"]
            if _after_page(e, anchor, future, s.text):
                continue
            if e.end == 0 and carried is not None:  # dated by the dateline before
                where, offset = carried_start, (carried.start, carried.end)
            else:
                where, offset = s.start, (e.start, e.end)
            rows.append(
                {
                    "doc_id": doc_id,
                    "paragraph": s.paragraph,
                    "sentence_no": s.sentence,
                    "date": e.date,
                    "date_precision": e.precision,
                    "date_end": e.date_end,
                    "qualifier": e.qualifier,
                    **{k: found[k] for k in ("kind", "lane", "actor", "summary")},
                    "expression": e.expression,
                    "trigger": found["trigger"],
                    "milestone_ids": named,
                    "start": where + offset[0],
                    "end": where + offset[1],
                    "sentence": s.text,
                    "undated": e.undated if not e.date else "",
                    "same_as": "",
                }
            )
    return rows


def find_event_mentions(
    corpus,
    *,
    cues: Cues | None = None,
    milestones: pd.DataFrame | None = None,
    expressions: pd.DataFrame | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> pd.DataFrame:
    """Find every dated event in a corpus, one row per piece of evidence.

    Args:
        corpus: A :class:`iecorpus.corpus.Corpus`.
        cues: Triggers and actors (default: ``data/events/``).
        milestones: The reference used to recognise the same national step in two
            documents (default: ``data/milestones.csv``).
        expressions: The table :func:`iecorpus.temporal.extract_temporal_expressions`
            made of this corpus, if already made: each sentence's dates are read from it
            instead of being resolved a second time (the result is the same).
        workers: Dask workers to share the documents (see :mod:`iecorpus.engine`); 1
            (the default, or ``IECORPUS_WORKERS``) works here. The table is the same.
        scheduler: A Dask scheduler address (default: ``IECORPUS_SCHEDULER``).

    Returns:
        One row per sentence reporting an event (the evidence table): ``event_id``
        (shared by the mentions of one event), ``doc_id``, ``paragraph``, ``sentence_no``,
        ``date`` ("" for an undated event), ``date_precision``, ``date_end``,
        ``qualifier``, ``kind``, ``lane``, ``actor``, ``summary``, ``expression`` (as
        written), ``trigger``, ``milestone_ids`` (named in the sentence, "; "-separated),
        ``start`` and ``end`` (of the expression in ``documents.text``), ``sentence``
        (verbatim from the cleaned text) and ``undated`` (why an event has no date, and
        what to do: "" when it has one).

    Note:
        Two mentions are one event when they have the same date, precision, end and kind
        and share an actor or a named milestone, whichever documents they are in. An
        event whose page has no date and whose text gives only a relative date ("近日",
        "last month") is kept, undated, and numbered after the dated ones. A past event
        dated after its page (a teaser for a later story left on the page) is not an
        event of the page and is left out; a sentence saying it is to come ("will be
        held") keeps it. A dateline standing alone dates the sentence after it.
    """
    cues = cues or load_cues()
    milestones = load_milestones() if milestones is None else milestones
    published = corpus.documents.set_index("doc_id")["date"].to_dict()
    sentences = corpus.sentences[["doc_id", "paragraph", "sentence", "start", "text"]]
    n = resolve_workers(workers, scheduler)
    parts = [sentences]
    if n > 1:  # whole documents per task
        parts = chunk_table(sentences, by="doc_id", size=partition_size(len(published), n))
    found = map_tasks(
        find_partition_mentions,
        parts,
        workers=n,
        scheduler=scheduler,
        progress_label="events",
        cues=cues,
        milestones=milestones,
        published=published,
        expressions=expressions,
    )
    rows = [row for part in found for row in part]
    _fill_lanes(rows)
    _join_leads(rows)
    _number_events(rows, published)
    table = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return table.sort_values(["event_id", "doc_id", "sentence_no"], ignore_index=True)


def extract_events(
    corpus,
    *,
    mentions: pd.DataFrame | None = None,
    cues: Cues | None = None,
    milestones: pd.DataFrame | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
) -> pd.DataFrame:
    """Extract the dated policy and program events of a corpus, one row per event.

    Args:
        corpus: A :class:`iecorpus.corpus.Corpus`.
        mentions: The evidence table from :func:`find_event_mentions`, if already made.
        cues: Triggers and actors (default: ``data/events/``).
        milestones: The national reference (default: ``data/milestones.csv``).
        workers: Dask workers for finding the mentions, as for :func:`find_event_mentions`.
        scheduler: A Dask scheduler address, as for :func:`find_event_mentions`.

    Returns:
        One row per event, in date order: ``event_id``, ``date`` (ISO at its precision),
        ``date_precision`` (day, month, year, approx), ``date_end`` (ranges), ``qualifier``
        (early, mid, end), ``kind`` (policy, program, event, target), ``lane``
        (national, provincial-local, enterprise-college), ``actor``, ``summary``, then
        the first evidence: ``doc_id``, ``sentence`` (verbatim from the cleaned text) and
        ``expression`` (the date as written); ``n_evidence`` (sentences reporting it),
        ``doc_ids`` (every document reporting it, ", "-separated) and ``undated`` (why
        an event has no date and what to do; "" for a dated event). Undated events come
        last: list them with :func:`find_undated_events`.

    Note:
        The first evidence is from the earliest-published document. All the evidence
        is in :func:`find_event_mentions`, joined by ``event_id``. ``approx`` dates
        ("recently", "近日") are the publication or dateline date: on or shortly before.
    """
    if mentions is None:
        mentions = find_event_mentions(
            corpus, cues=cues, milestones=milestones, workers=workers, scheduler=scheduler
        )
    if mentions.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    published = corpus.documents.set_index("doc_id")["date"]
    ordered = mentions.assign(published=mentions["doc_id"].map(published).fillna(""))
    ordered = ordered.sort_values(["event_id", "published", "doc_id", "sentence_no"])
    first = ordered.groupby("event_id", sort=True).first()
    first["n_evidence"] = ordered.groupby("event_id").size()
    first["doc_ids"] = ordered.groupby("event_id")["doc_id"].agg(
        lambda ids: ", ".join(dict.fromkeys(ids))
    )
    return first.reset_index()[EVENT_COLUMNS]


# ------------------------------------------------------------------ milestones and events


def _start(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")]
    return date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))


def _agree(a: str, b: str) -> bool:
    """Two ISO dates agree when one is the other at a coarser precision (2019-10 and 2019-10-10)."""
    return a.startswith(b) or b.startswith(a)


FOLLOW_CUES_FILE = EVENTS_DIR / "follow_cues.csv"
#: An event of a sentence naming a milestone reports it when it comes this many days after
#: it at most (a document signed, then released; a law adopted, then reported).
REPORT_WINDOW_DAYS = 31
#: The milestone kinds an event of each kind may be, when the dates only come close.
REPORTED_KINDS = {
    "policy": ("policy", "plan", "law"),
    "program": ("program", "pilot", "pilot-list"),
    "event": ("event",),
}


def _reported(event, named: list) -> str:
    """The milestone named in the event's sentence that the event is: the same date, or
    the nearest one before it within :data:`REPORT_WINDOW_DAYS` days ("" for none).

    ``named`` holds the milestone mentions of the event's sentence, as rows (named tuples)."""
    best, gap = "", None
    for m in named:
        days = 0 if _agree(event.date, m.milestone_date) else None
        kind = getattr(m, "milestone_kind", "")
        if days is None and kind not in REPORTED_KINDS.get(event.kind, ()):
            continue
        if days is None:
            days = (_start(event.date) - _start(m.milestone_date)).days
            if not 0 <= days <= REPORT_WINDOW_DAYS:
                continue
        if gap is None or days < gap:
            best, gap = m.milestone_id, days
    return best


def load_follow_cues(path: str | Path | None = None) -> re.Pattern:
    """Read the words by which a text says it acts on a document ("to implement", 贯彻落实).

    Args:
        path: A CSV with columns ``language`` (en or zh) and ``pattern`` (a regular
            expression; English ones match whole words, case ignored); defaults to
            ``data/events/follow_cues.csv``.

    Returns:
        One compiled pattern matching any of them.

    Raises:
        ValueError: A row has a bad pattern or language; the message names the file and row.

    Note:
        Patterns are matched in simplified characters. The file is read again when it
        changes (edits apply at the next call).
    """
    path = Path(path) if path else FOLLOW_CUES_FILE
    return load_data(_read_follow_cues, [path], str(path))


def _read_follow_cues(file: str) -> re.Pattern:
    path = Path(file)
    parts = []
    for _, row in _read_rows(path, ["language", "pattern"]):
        parts.append(rf"\b(?:{row['pattern']})\b" if row["language"] == "en" else row["pattern"])
    return re.compile("|".join(f"(?:{p})" for p in parts) or "(?!)", re.IGNORECASE)


def link_events_to_milestones(
    mentions: pd.DataFrame,
    milestone_mentions: pd.DataFrame,
    *,
    cues: re.Pattern | None = None,
) -> pd.DataFrame:
    """Set each event against the national milestones its document names.

    Args:
        mentions: The evidence table from :func:`find_event_mentions`.
        milestone_mentions: The table from :func:`find_milestone_mentions`.
        cues: The follow cues (default: :func:`load_follow_cues`).

    Returns:
        One row per event and milestone its document names: ``event_id``, ``date``,
        ``date_precision``, ``lane``, ``summary``, ``milestone_id``, ``label``,
        ``milestone_date``, ``cited_in`` (``sentence``, ``paragraph`` or ``document``:
        the closest place the milestone is named), ``relation``, ``days_after`` (event
        minus milestone; 0 for ``reports``), ``matched_by`` (how the milestone's name was
        recognised: ``alias`` or ``key words``) and ``cue`` (the words saying the event
        follows the milestone, as matched; "" otherwise).

        ``relation`` is ``reports`` when the sentence of the event names the milestone
        and the dates agree, or the event comes up to :data:`REPORT_WINDOW_DAYS` days
        after it (a release after the signature; the nearest such milestone of the
        sentence): the event is the milestone itself; ``follows`` when the text says
        so: the event's sentence names the milestone and holds a follow cue ("to
        implement", "in accordance with", 贯彻落实, 根据) and the milestone came first;
        ``co-mentioned`` otherwise (named on the same page, nothing said about the two).

    Note:
        Days are counted between the first days of the two periods, so "2021" after
        2019-10-10 is 449 days; read month and year gaps as approximate. Undated events
        are not linked.
    """
    cues = load_follow_cues() if cues is None else cues
    levels = ("sentence", "paragraph", "document")
    by_doc: dict[str, list] = {}  # each document's milestone mentions, as rows, in order
    for m in milestone_mentions.itertuples(index=False):
        by_doc.setdefault(m.doc_id, []).append(m)
    starts: dict[str, date] = {}  # the first day of each date, parsed once
    found_cues: dict[str, re.Match | None] = {}  # the follow cue of each sentence, searched once
    rows = {}
    for e in mentions.itertuples(index=False):
        if not e.date or e.doc_id not in by_doc:
            continue
        named = by_doc[e.doc_id]
        reported = _reported(e, [m for m in named if m.sentence_no == e.sentence_no])
        for m in named:
            level = (
                "sentence"
                if m.sentence_no == e.sentence_no
                else "paragraph"
                if m.paragraph == e.paragraph
                else "document"
            )
            for iso in (e.date, m.milestone_date):
                if iso not in starts:
                    starts[iso] = _start(iso)
            days = (starts[e.date] - starts[m.milestone_date]).days
            cue = None
            if level == "sentence":
                if m.sentence not in found_cues:
                    found_cues[m.sentence] = cues.search(to_simplified(m.sentence))
                cue = found_cues[m.sentence]
            if level == "sentence" and m.milestone_id == reported:
                relation, days = "reports", 0
            elif cue and days > 0:
                relation = "follows"
            else:
                relation = "co-mentioned"
            rank = (("reports", "follows", "co-mentioned").index(relation), levels.index(level))
            key = (e.event_id, m.milestone_id)
            if key in rows and rows[key][0] <= rank:
                continue
            how = getattr(m, "matched_by", "alias")
            rows[key] = (rank, e.event_id, e.date, e.date_precision, e.lane, e.summary)
            rows[key] += (m.milestone_id, m.label, m.milestone_date, level, relation, days, how)
            rows[key] += (m.sentence[cue.start() : cue.end()] if relation == "follows" else "",)
    columns = ["event_id", "date", "date_precision", "lane", "summary", "milestone_id", "label"]
    columns += ["milestone_date", "cited_in", "relation", "days_after", "matched_by", "cue"]
    table = pd.DataFrame([r[1:] for r in rows.values()], columns=columns)
    return table.sort_values(["event_id", "milestone_date"], ignore_index=True)


# ------------------------------------------------------------------ checking against gold


def read_gold(path: str | Path) -> pd.DataFrame:
    """Read a hand-made answer: the events a person found by reading the documents.

    Args:
        path: A CSV with at least ``doc_id``, ``date`` and ``date_precision`` (see
            ``data/examples/timeline-zh/README.md`` for the rules ``paths.TIMELINE_GOLD`` follows).

    Returns:
        The table, as strings.

    Raises:
        ValueError: A column is missing or a precision is unknown; the message names the file.
    """
    name = paths.relative_to_project(path)
    gold = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in ("doc_id", "date", "date_precision") if c not in gold.columns]
    if missing:
        raise ValueError(f"{name}: missing column(s) {', '.join(missing)}; add them.")
    unknown = sorted(set(gold["date_precision"]) - set(PRECISIONS))
    if unknown:
        raise ValueError(
            f"{name}: unknown date_precision {', '.join(unknown)}; use {', '.join(PRECISIONS)}."
        )
    return gold


#: An approximate date ("近日", "recently") stands for a period this many days before it
#: (and up to the end of its own period) when it is matched against a day or a month.
APPROX_WINDOW_DAYS = 45


def _window(iso: str, precision: str) -> tuple[date, date]:
    """First and last day a date may mean: its period, widened before it when approximate."""
    first, last = _start(iso), _period_end(iso)
    if precision == "approx":
        first -= timedelta(days=APPROX_WINDOW_DAYS)
    return first, last


def _dates_match(event_date: str, event_precision: str, gold_date: str, gold_precision: str):
    """Same date at the gold's precision; an approximate date matches inside its window.

    An ``approx`` gold matches an event (day or month) beginning inside the gold's window,
    and an ``approx`` event a gold day or month meeting its own window; two approximate
    dates match when their windows meet. A year never matches an approximate date, and an
    event coarser than the gold (a year for a gold day) does not match.
    """
    if not event_date or not gold_date:
        return False
    if "approx" in (event_precision, gold_precision):
        if "year" in (event_precision, gold_precision):
            return False
        a0, a1 = _window(event_date, event_precision)
        b0, b1 = _window(gold_date, gold_precision)
        if gold_precision == "approx" and event_precision != "approx":
            return b0 <= a0 <= b1  # the event begins inside the gold's window
        return a0 <= b1 and b0 <= a1  # the gold meets the approximate event's window
    if PRECISIONS.index(event_precision) > PRECISIONS.index(gold_precision):
        return False
    return event_date[: len(gold_date)] == gold_date


def match_events(events: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Align extracted events with a hand-made answer, document by document.

    Args:
        events: The table from :func:`extract_events`.
        gold: The table from :func:`read_gold`.

    Returns:
        One row per gold event and per extracted event left over: ``status`` (``match``,
        ``missed`` or ``extra``), ``doc_id``, ``gold_date``, ``gold_precision``,
        ``gold_kind``, ``event_id``, ``date``, ``date_precision``, ``kind``, ``summary``.

    Note:
        The matching rule: an event reported by several documents counts once per
        document. A gold row matches an unmatched extracted event of the same document
        whose date, cut to the gold's precision, is the gold date (an event dated to the
        day matches a gold month; a year does not match a gold day). An approximate date
        ("recently") matches inside its window: up to :data:`APPROX_WINDOW_DAYS` days
        before it, either way round (a gold ``approx`` against an event's day or month,
        an ``approx`` event against a gold day or month). Undated events match nothing
        and are left out. Kind and wording are not part of the rule.
    """
    dated = events[events["date"] != ""] if "date" in events else events
    units = dated.assign(doc_id=dated["doc_ids"].str.split(", ")).explode("doc_id")
    units = units.reset_index(drop=True)
    used, rows = set(), []
    for g in gold.itertuples(index=False):
        hit = next(
            (
                i
                for i, u in units.iterrows()
                if i not in used
                and u["doc_id"] == g.doc_id
                and _dates_match(u["date"], u["date_precision"], g.date, g.date_precision)
            ),
            None,
        )
        row = {"status": "missed", "doc_id": g.doc_id, "gold_date": g.date}
        row |= {"gold_precision": g.date_precision, "gold_kind": getattr(g, "kind", "")}
        if hit is not None:
            used.add(hit)
            u = units.loc[hit]
            row["status"] = "match"
            row |= {k: u[k] for k in ("event_id", "date", "date_precision", "kind", "summary")}
        rows.append(row)
    for i, u in units.iterrows():
        if i not in used:
            rows.append(
                {"status": "extra", "doc_id": u["doc_id"]}
                | {k: u[k] for k in ("event_id", "date", "date_precision", "kind", "summary")}
            )
    columns = ["status", "doc_id", "gold_date", "gold_precision", "gold_kind", "event_id"]
    columns += ["date", "date_precision", "kind", "summary"]
    return pd.DataFrame(rows, columns=columns).astype(object).fillna("")


def _score_row(kind: str, table: pd.DataFrame) -> dict:
    matched = table[table["status"] == "match"]
    n_gold = int((table["status"] != "extra").sum())
    n_extracted = len(matched) + int((table["status"] == "extra").sum())
    precision = len(matched) / n_extracted if n_extracted else 0.0
    recall = len(matched) / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    kinds = (matched["kind"] == matched["gold_kind"]).mean() if len(matched) else 0.0
    return {
        "kind": kind,
        "n_gold": n_gold,
        "n_extracted": n_extracted,
        "n_matched": len(matched),
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "kind_agreement": round(float(kinds), 3),
    }


def score_events(events: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Score extracted events against a hand-made answer, in all and kind by kind.

    Args:
        events: The table from :func:`extract_events`.
        gold: The table from :func:`read_gold`.

    Returns:
        The first row for all events (``kind`` is ``all``), then one row per kind found in
        the gold or the events: ``kind``, ``n_gold``, ``n_extracted`` (events counted once
        per document reporting them), ``n_matched``, ``precision``, ``recall``, ``f1``
        and ``kind_agreement`` (the share of matches whose kind is the gold's), by the
        rule of :func:`match_events`.

    Note:
        A kind's recall counts the gold events of that kind matched (by an event of any
        kind); its precision, the events of that kind that match a gold event. Targets,
        which gold tables do not annotate, count as extracted events.
    """
    table = match_events(events, gold)
    rows = [_score_row("all", table)]
    kinds = [k for k in KINDS if k in set(table["gold_kind"]) | set(table["kind"])]
    for kind in kinds:
        gold_side = table[(table["status"] != "extra") & (table["gold_kind"] == kind)]
        found = table[(table["status"] != "missed") & (table["kind"] == kind)]
        row = _score_row(kind, gold_side)
        n_found = len(found)
        hits = int((found["status"] == "match").sum())
        row["n_extracted"] = n_found
        row["precision"] = round(hits / n_found, 3) if n_found else 0.0
        p, r = row["precision"], row["recall"]
        row["f1"] = round(2 * p * r / (p + r), 3) if p + r else 0.0
        rows.append(row)
    return pd.DataFrame(rows)


def find_undated_events(events: pd.DataFrame) -> pd.DataFrame:
    """List the events that could not be dated, with what to do about each.

    Args:
        events: The table from :func:`extract_events`.

    Returns:
        One row per undated event: ``event_id``, ``doc_id``, ``kind``, ``summary``,
        ``expression`` (the relative date as written) and ``undated`` (the reason and
        the remedy, usually: give the page a date in the manifest).
    """
    columns = ["event_id", "doc_id", "kind", "summary", "expression", "undated"]
    if "undated" not in events:
        return pd.DataFrame(columns=columns)
    return events.loc[events["date"] == "", columns].reset_index(drop=True)


# ------------------------------------------------------------------ the timeline figure

LANE_TITLES = {
    "national": "National policy",
    "provincial-local": "Provincial and local",
    "enterprise-college": "Enterprises and colleges",
}
KIND_COLORS = {"policy": "#1f5fa8", "program": "#2e8b3d", "event": "#d9731a", "target": "#8a4fb3"}
MILESTONE_COLOR = "#8c8c8c"
_LEVEL = 0.19  # inches between two rows of labels
_BASE = 0.32  # inches from a lane's bottom edge to its markers


def place_labels(
    positions: list[float], widths: list[float], *, right_edge: float, gap: float = 0.06
) -> list[tuple[int, str]]:
    """Stack labels in rows so that no two labels overlap, using as few rows as it can.

    Args:
        positions: Where each label's marker is, in any order (any unit).
        widths: Each label's width, in the same unit.
        right_edge: The largest position a label may reach; a label that would cross it
            is drawn to the left of its marker instead.
        gap: Free space kept between two labels in a row.

    Returns:
        ``(row, align)`` for each label, in input order: row 0 is nearest the markers,
        ``align`` is ``"left"`` (the label starts at its marker) or ``"right"``.

    Note:
        Greedy, left to right: each label takes the lowest row where it overlaps no
        other label, preferring, among the two lowest such rows, one that its leader
        line (rising from the marker) reaches without passing under a label. The
        figure draws labels on an opaque box, so a leader line that must pass a
        label goes behind it.
    """
    rows: list[list[tuple[float, float]]] = []
    placed: dict[int, tuple[int, str]] = {}
    for i in sorted(range(len(positions)), key=lambda k: (positions[k], k)):
        x, w = positions[i], widths[i]
        align = "left" if x + w <= right_edge else "right"
        span = (x, x + w) if align == "left" else (x - w, x)
        rows.append([])  # a free row on top: the search always ends
        free = [k for k in range(len(rows)) if _free(rows[k], span, gap)][:2]
        leader = (x, x)
        clear = [k for k in free if all(_free(rows[j], leader, 0) for j in range(k))]
        level = (clear or free)[0]
        rows[level].append(span)
        while not rows[-1]:
            rows.pop()
        placed[i] = (level, align)
    return [placed[i] for i in range(len(positions))]


def _free(row: list[tuple[float, float]], span: tuple[float, float], gap: float) -> bool:
    return all(span[1] + gap <= a or b + gap <= span[0] for a, b in row)


def _after(iso: str) -> date:
    """The day after the period ``iso`` names (a day, a month or a year)."""
    start = _start(iso)
    if len(iso) == 4:
        return date(start.year + 1, 1, 1)
    if len(iso) == 7:
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=1)


def _period(iso: str, precision: str, end_iso: str) -> tuple[date, date]:
    """``(first day, day after the last)`` of a date at its precision, through ``end_iso``.

    A day (or "recently") is a point unless it opens a range; a month or a year is its
    whole span, and a range runs to the end of the period its last date names.
    """
    start = _start(iso)
    if precision in ("day", "approx") and not end_iso:
        return start, start
    return start, max(_after(end_iso or iso), _after(iso))


def _timeline_items(
    events: pd.DataFrame, milestones: pd.DataFrame, first: date, last: date, chars: int
) -> list[dict]:
    """What the timeline draws: events (not targets) and milestones overlapping the window."""
    items = []

    def overlaps(period: tuple[date, date]) -> bool:
        return period[0] <= last and max(period[1], period[0] + timedelta(days=1)) > first

    for e in events.itertuples(index=False):
        if not e.date:  # an undated event has no place on the axis
            continue
        period = _period(e.date, e.date_precision, e.date_end)
        if e.kind == "target" or not overlaps(period):
            continue
        text = shorten(f"{e.event_id} {e.summary}", chars, at_word=True)
        items.append(
            {"lane": e.lane, "period": period, "precision": e.date_precision}
            | {"color": KIND_COLORS[e.kind], "label": text, "reference": False}
            | {"key": ("event", e.event_id)}
        )
    for m in milestones.itertuples(index=False):
        period = _period(m.date, m.precision, "")
        if overlaps(period) and m.lane in LANES:
            items.append(
                {"lane": m.lane, "period": period, "precision": m.precision}
                | {"color": MILESTONE_COLOR, "label": m.label, "reference": True}
                | {"key": ("milestone", m.milestone_id)}
            )
    return items


def find_milestones_outside(milestones: pd.DataFrame, *, start: str, end: str) -> pd.DataFrame:
    """The milestones a timeline from ``start`` to ``end`` cannot show.

    Args:
        milestones: The reference (:func:`load_milestones`).
        start: First day of the timeline (ISO).
        end: Last day of the timeline (ISO).

    Returns:
        Those rows of ``milestones`` whose whole period lies before ``start`` or after
        ``end``, with a ``side`` column (``before`` or ``after``), in date order.
    """
    first, last = _start(start), _start(end)
    sides = []
    for m in milestones.itertuples(index=False):
        begin, stop = _period(m.date, m.precision, "")
        stop = max(stop, begin + timedelta(days=1))
        sides.append("before" if stop <= first else "after" if begin > last else "")
    table = milestones.assign(side=sides)
    table = table[(table["side"] != "") & table["lane"].isin(LANES)]
    return table.sort_values("date", kind="stable").reset_index(drop=True)


def _outside_note(milestones: pd.DataFrame, start: str, end: str) -> str:
    """ "Not shown: 2 milestones before 2019 (…, …)." or "" when the figure covers them all."""
    outside = find_milestones_outside(milestones, start=start, end=end)
    parts = []
    for side, year in (("before", start[:4]), ("after", end[:4])):
        rows = outside[outside["side"] == side]
        if len(rows):
            names = "; ".join(f"{r.label}, {r.date}" for r in rows.head(4).itertuples())
            more = f"; {len(rows) - 4} more" if len(rows) > 4 else ""
            noun = "milestone" if len(rows) == 1 else "milestones"
            parts.append(f"{len(rows)} {noun} {side} {year} ({names}{more})")
    return ("Not shown: " + " and ".join(parts) + ".") if parts else ""


#: How the timeline draws a link of each kind (see :func:`link_events_to_milestones`).
LINK_STYLES = {
    "follows": {"color": "#333333", "ls": "-", "lw": 0.9, "label": "follows (the text says so)"},
    "co-mentioned": {"color": "#aaaaaa", "ls": ":", "lw": 0.8, "label": "co-mentioned only"},
}


def _link_kinds(links: pd.DataFrame) -> pd.Series:
    """``follows`` where the event's sentence gives a cue, ``co-mentioned`` otherwise."""
    if "link" in links:
        return links["link"].astype(str)
    relation = links["relation"].fillna("").astype(str)
    cue = links["cue"].fillna("").astype(str) if "cue" in links else relation.map(lambda _: "")
    kinds = relation.where(relation == "reports", "co-mentioned")
    return kinds.mask(relation.eq("follows") & cue.str.strip().ne(""), "follows")


def _draw_links(ax, items: list[dict], bases: dict, links: pd.DataFrame) -> list[str]:
    """Connect each milestone to the events linked to it; returns the kinds drawn."""
    where = {i["key"]: (i["x"], bases[i["lane"]] + _BASE) for i in items}
    drawn = []
    for row, kind in zip(links.itertuples(index=False), _link_kinds(links), strict=True):
        start = where.get(("milestone", row.milestone_id))
        end = where.get(("event", row.event_id))
        if kind not in LINK_STYLES or start is None or end is None:
            continue
        if kind == "co-mentioned" and getattr(row, "cited_in", "") == "document":
            continue  # named somewhere on the page: too weak to draw
        style = {k: v for k, v in LINK_STYLES[kind].items() if k != "label"}
        arrow = "-|>" if kind == "follows" else "-"
        ax.annotate(
            "",
            xy=end,
            xytext=start,
            arrowprops={"arrowstyle": arrow, "connectionstyle": "arc3,rad=-0.15"}
            | {"color": style["color"], "linestyle": style["ls"], "lw": style["lw"]},
            zorder=1,
            gid=f"timeline-link-{kind}",
        )
        drawn.append(kind)
    return drawn


def _legend_handles(links: tuple[str, ...] = ()) -> list:
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], marker="o", ls="", color=color, label=f"corpus: {kind}")
        for kind, color in KIND_COLORS.items()
        if kind != "target"
    ]
    handles.append(
        Line2D([], [], marker="D", ls="", color=MILESTONE_COLOR, label="national milestone (ref.)")
    )
    handles.append(Line2D([], [], marker="o", ls="", color="#444", label="dated to the day"))
    handles.append(
        Line2D([], [], lw=5, alpha=0.5, color="#444", label="month, year or range: its span")
    )
    handles.append(
        Line2D([], [], marker="o", ls="", mfc="white", color="#444", label="approx. (recently)")
    )
    for kind in links:
        style = LINK_STYLES[kind]
        handles.append(
            Line2D([], [], color=style["color"], ls=style["ls"], lw=1.2, label=style["label"])
        )
    return handles


@draw_with_style
def plot_timeline(
    events: pd.DataFrame,
    milestones: pd.DataFrame | None = None,
    *,
    start: str = "2019-01-01",
    end: str = "2024-12-31",
    width: float = 13.0,
    label_chars: int = 60,
    fontsize: float = 7.5,
    title: str | None = None,
    max_events: int = 60,
    links: pd.DataFrame | None = None,
):
    """Draw the events in three lanes over the national milestones.

    Args:
        events: The table from :func:`extract_events`.
        milestones: The reference (default: ``data/milestones.csv``), drawn in grey in the
            national lane; pass an empty table to leave it out.
        start: First day shown.
        end: Last day shown.
        width: Figure width in inches; the height follows from the labels.
        label_chars: Longest label, in characters ("…" marks a cut).
        fontsize: Label size in points.
        title: The figure title; None: one naming the span.
        max_events: In a larger corpus only this many events are drawn, those with the
            most evidence (then the earliest); the title says so, and the events table
            still lists them all.
        links: The table of :func:`link_events_to_milestones` (or one with its ``link``
            column already set), to connect each drawn milestone to the events linked to
            it: a solid arrow where the event ``follows`` it (its sentence gives a cue), a
            dotted line where the two are only ``co-mentioned`` in one sentence or
            paragraph; ``reports`` links and co-mentions elsewhere on the page are not
            drawn. None: no links.

    Returns:
        A :class:`matplotlib.figure.Figure`.

    Note:
        Lanes are national policy, provincial and local, enterprises and colleges. A date
        to the day is a filled dot; a month or a year is a bar over its whole span (a year
        is not drawn at mid-year); an approximate date ("recently") is a hollow dot; a
        range is a bar from its first day to the end of its last (``date_end``), so
        "2023-2025" runs to the end of 2025. A span that runs past ``start`` or ``end``
        is cut there. Targets and dates wholly outside ``start``-``end`` are left out,
        and the title says which milestones of the reference lie outside
        (:func:`find_milestones_outside`).
    """
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    shown_note = ""
    if len(events) > max_events:
        order = events.assign(_n=events.get("n_evidence", 1)).sort_values(
            ["_n", "date"], ascending=[False, True], kind="stable"
        )
        shown_note = f" ({max_events} of {len(events)} events: those with most evidence)"
        events = events.loc[sorted(order.index[:max_events])]
    milestones = load_milestones() if milestones is None else milestones
    first, last = _start(start), _start(end)
    items = _timeline_items(events, milestones, first, last, label_chars)
    default = f"Industry-education integration {first.year}-{last.year}: "
    heading = (title or default + "events in the corpus against the national milestones") + (
        shown_note
    )
    note = _outside_note(milestones, start, end) if len(milestones) else ""
    if note:
        heading += "\n" + "\n".join(textwrap.wrap(note, int(width * 14)))
    left, right, top, bottom = 1.55, 0.25, 0.3 + 0.17 * (heading.count("\n") + 1), 0.8
    axes_width = width - left - right
    fig = Figure(figsize=(width, 4), dpi=150)
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    x0, x1 = mdates.date2num(first), mdates.date2num(last)
    for item in items:
        probe = fig.text(0, 0, item["label"], fontsize=fontsize)
        item["width"] = probe.get_window_extent(renderer).width / fig.dpi + 0.04
        probe.remove()
        item["x"] = mdates.date2num(max(item["period"][0], first))
        item["inch"] = (item["x"] - x0) / (x1 - x0) * axes_width
    heights, bases = {}, {}
    for lane in LANES:
        members = [i for i in items if i["lane"] == lane]
        placed = place_labels(
            [i["inch"] for i in members], [i["width"] for i in members], right_edge=axes_width
        )
        for item, (level, align) in zip(members, placed, strict=True):
            item["level"], item["align"] = level, align
        heights[lane] = _BASE + 0.12 + _LEVEL * (1 + max((p[0] for p in placed), default=0))
    y = 0.0
    for lane in reversed(LANES):
        bases[lane] = y
        y += heights[lane]
    fig.set_size_inches(width, y + top + bottom)
    ax = fig.add_axes(
        (left / width, bottom / (y + top + bottom), axes_width / width, y / (y + top + bottom))
    )
    ax.set_xlim(x0, x1)
    _draw_timeline(ax, items, bases, heights, fontsize)
    kinds = _draw_links(ax, items, bases, links) if links is not None and len(links) else []
    ax.set_ylim(0, y)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
    ax.set_yticks([bases[k] + heights[k] / 2 for k in LANES], [LANE_TITLES[k] for k in LANES])
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", which="major", color="#dddddd", lw=0.8)
    ax.set_axisbelow(True)
    ax.set_title(heading, fontsize=10, loc="left")
    fig.legend(
        handles=_legend_handles(tuple(k for k in LINK_STYLES if k in kinds)),
        loc="lower center",
        ncol=4,
        fontsize=7.5,
        frameon=False,
        bbox_to_anchor=(0.5, 0.0),
    )
    return fig


def _draw_timeline(ax, items: list[dict], bases: dict, heights: dict, fontsize: float) -> None:
    """Lanes, bars, markers, leader lines and labels."""
    import matplotlib.dates as mdates

    for n, lane in enumerate(LANES):
        ax.axhspan(bases[lane], bases[lane] + heights[lane], color="#f4f4f4" if n % 2 else "white")
        ax.axhline(bases[lane], color="#bbbbbb", lw=0.6)
    for item in sorted(items, key=lambda i: not i["reference"]):
        y0 = bases[item["lane"]] + _BASE
        label_y = y0 + _LEVEL * (item["level"] + 1)
        start, end = item["period"]
        if end > start:  # a span: a bar from its first day to its last, no point inside
            low, high = ax.get_xlim()
            x_end = min(mdates.date2num(end), high)
            ax.hlines(y0, item["x"], x_end, color=item["color"], lw=5, alpha=0.5, zorder=2)
            ax.plot([item["x"], x_end], [y0, y0], ls="", marker="|", ms=6, color=item["color"])
        else:
            hollow = item["precision"] == "approx"
            ax.plot(
                item["x"],
                y0,
                marker="D" if item["reference"] else "o",
                ms=4.5,
                color=item["color"],
                mfc="white" if hollow else item["color"],
                zorder=3,
            )
        ax.vlines(item["x"], y0, label_y + 0.03, color=item["color"], lw=0.5, alpha=0.7, zorder=1)
        ax.text(
            item["x"],
            label_y,
            (" " + item["label"]) if item["align"] == "left" else (item["label"] + " "),
            ha=item["align"],
            va="bottom",
            fontsize=fontsize,
            color="#555555" if item["reference"] else "#111111",
            style="italic" if item["reference"] else "normal",
            gid="timeline-label",
            zorder=4,
            bbox={"boxstyle": "square,pad=0.05", "fc": "white", "ec": "none", "alpha": 0.9},
        )
