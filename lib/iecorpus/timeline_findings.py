"""Findings in words for the timeline notebook: sentences computed from its date and event tables.

Each function takes the tables notebook 04 builds (:mod:`iecorpus.temporal`,
:mod:`iecorpus.events`) and returns a Markdown paragraph saying what they show in the corpus
analysed, with the "none" cases said in words, so that a report on another corpus stays
true. Document text goes through :func:`iecorpus.prose.quote_text`.
"""

from __future__ import annotations

import pandas as pd

from .events import LANE_TITLES, find_undated_events
from .prose import code_text, join_words, number, paragraph, plural, quote_text, share, size_caveat

#: How tables and sentences name each value of ``link`` (see :func:`label_links`).
LINK_LABELS = {
    "reports": "reports it (the event is the milestone)",
    "follows": "follows it (the text says so)",
    "co-mentioned": "co-mentioned (named on the same page; nothing said)",
}
#: How :func:`describe_named_milestones` names each ``source_kind`` of the reference.
SOURCE_KINDS = {
    "official": "an official text",
    "official-en": "an official English text",
    "state-media": "state media",
    "secondary": "a secondary source only",
}
#: How :func:`describe_links` says where a milestone is named.
CITED_IN = {
    "sentence": "named in the same sentence",
    "paragraph": "named in the same paragraph",
    "document": "named elsewhere in the same document",
}


def _dated(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["date"].fillna("").astype(str) != ""]


def _count(count: int, singular: str, plural_form: str | None = None) -> str:
    """:func:`~iecorpus.prose.plural` at the start of a sentence ("No events", "3 events")."""
    text = plural(count, singular, plural_form)
    return text[:1].upper() + text[1:]


def _some(items: list[str], *, limit: int) -> str:
    """The first ``limit`` items joined, then "others" when there are more."""
    return join_words(items[:limit] + (["others"] if len(items) > limit else []))


def _times(n: int) -> str:
    return {1: "", 2: " (twice)"}.get(n, f" ({number(n)} times)")


def _counts(values: pd.Series, names: dict | None = None) -> str:
    """ "4 policy, 3 program and 2 event": the counts of a column, most frequent first."""
    counts = values[values != ""].value_counts()
    return join_words(f"{number(n)} {(names or {}).get(k, k)}" for k, n in counts.items())


def describe_dates(expressions: pd.DataFrame, documents: pd.DataFrame, *, examples: int = 6) -> str:
    """Say how many dates the text holds, how they were resolved, and which could not be.

    Args:
        expressions: The table of :func:`iecorpus.temporal.extract_temporal_expressions`.
        documents: ``corpus.documents`` (``doc_id``, ``date``).
        examples: Most expressions quoted for each way of resolving a date.

    Returns:
        A Markdown paragraph: the count and its share of documents, by precision; examples
        resolved against the page's date, kept with a qualifier and carrying their own
        year; dates that could not be resolved because their page has no date, with what
        to do; a caveat when few documents hold dates.
    """
    n_docs = len(documents)
    if not n_docs:
        return "The corpus holds no document, so there is no date to find."
    if expressions.empty:
        return (
            f"The cleaned text of the corpus ({plural(n_docs, 'document')}) holds no date: "
            "no event can be dated, and the tables below are empty."
        )
    published = documents.set_index("doc_id")["date"].fillna("").astype(str).to_dict()
    resolved = _dated(expressions)
    n_in = expressions["doc_id"].nunique()

    def quoted(rows: pd.DataFrame, how) -> str:
        groups = rows.groupby(["doc_id", "expression", "date"], sort=False).size()
        shown = [how(d, e, iso) + _times(n) for (d, e, iso), n in groups.head(examples).items()]
        more = len(groups) - len(shown)
        return join_words(shown + (["others"] if more > 0 else []))

    def anchored(doc_id, expression, iso):
        row = f"“{quote_text(expression)}” in the page of {published.get(doc_id, '')} becomes {iso}"
        return row

    by_anchor = resolved[resolved["anchored"].astype(bool)]
    precision = resolved["date_precision"].replace({"approx": "approximate (`approx`)"})
    sentences = [
        f"The text holds {plural(len(expressions), 'date')} {share(n_in, n_docs, 'document')}"
        + (f": {_counts(precision)}." if len(resolved) else ".")
    ]
    if len(by_anchor):
        sentences.append(
            f"{_count(len(by_anchor), 'of them', 'of them')} "
            f"{'needs' if len(by_anchor) == 1 else 'need'} the page's own date to be resolved: "
            f"{quoted(by_anchor, anchored)}."
        )
    if (resolved["date_precision"] == "approx").any():
        sentences.append("An `approx` date is the page's date: on or shortly before it.")
    with_qualifier = resolved[resolved["qualifier"].fillna("") != ""]
    if len(with_qualifier):
        sentences.append(
            "Kept with a qualifier: "
            + join_words(
                f"“{quote_text(r.expression)}” ({r.date}, `{r.qualifier}`)"
                for r in with_qualifier.drop_duplicates(["expression", "date"])
                .head(examples)
                .itertuples(index=False)
            )
            + "."
        )
    own = resolved[~resolved["anchored"].astype(bool)]
    if len(own):
        sentences.append(
            f"{_count(len(own), 'date')} carry their own year: "
            f"{quoted(own, lambda d, e, iso: f'“{quote_text(e)}”')}."
        )
    unresolved = expressions[expressions["date"].fillna("") == ""]
    if len(unresolved):
        pages = sorted(unresolved["doc_id"].unique())
        sentences.append(
            f"{_count(len(unresolved), 'date')} written without a year could not "
            f"be resolved, since {'its page has' if len(pages) == 1 else 'their pages have'} no "
            f"date ({join_words(code_text(p, limit=30) for p in pages[:examples])}"
            f"{', …' if len(pages) > examples else ''}): give "
            f"{'it' if len(pages) == 1 else 'them'} a date in the manifest (its `date` column) "
            "and run the notebook again."
        )
    return paragraph(*sentences, size_caveat(n_in, what="What the dates show"))


def describe_events(events: pd.DataFrame, documents: pd.DataFrame, *, actors: int = 3) -> str:
    """Say how many events were found, from how many documents, when, of which kinds and lanes.

    Args:
        events: The table of :func:`iecorpus.events.extract_events`.
        documents: ``corpus.documents``.
        actors: How many of the most frequent actors to name.

    Returns:
        A Markdown paragraph, with a caveat when the events rest on few documents.
    """
    n_docs = len(documents)
    if events.empty:
        return (
            f"No sentence of the corpus ({plural(n_docs, 'document')}) reports "
            "a dated event (a date with a verb such as “issued”, “was selected” or “held”), "
            "so the sections below have nothing to set against the national milestones."
        )
    docs = {d for ids in events["doc_ids"] for d in str(ids).split(", ") if d}
    dated = _dated(events)
    span = f", dated {dated['date'].min()} to {dated['date'].max()}" if len(dated) else ""
    lanes = {k: v.lower() for k, v in LANE_TITLES.items()}
    sentences = [
        f"{_count(len(events), 'event')} {share(len(docs), n_docs, 'document')}"
        f"{span}. By kind: {_counts(events['kind'])}; by lane: "
        f"{_counts(events['lane'], lanes)}."
    ]
    targets = int((events["kind"] == "target").sum())
    if targets:
        sentences.append(
            f"{_count(targets, 'event')} {'is a target' if targets == 1 else 'are targets'}"
            " (a goal for a later date), kept apart from what happened and left out of the "
            "timeline."
        )
    named = events["actor"].fillna("").str.split("; ").explode()
    top = named[named != ""].value_counts().head(actors)
    if len(top):
        sentences.append(
            "The actors named most often: "
            + join_words(
                f"{quote_text(a, limit=60)} ({plural(n, 'event')})" for a, n in top.items()
            )
            + "."
        )
    several = events.loc[events["n_evidence"].astype(int) > 1, "event_id"].tolist()
    if several:
        ids = several[: actors * 2] + (["others"] if len(several) > actors * 2 else [])
        sentences.append(
            f"{join_words(ids)} {'is' if len(several) == 1 else 'are'} reported by more than "
            "one sentence: the evidence table below holds them all."
        )
    return paragraph(*sentences, size_caveat(len(docs), what="The list of events"))


def select_undated_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events that have no date (their page has none, and the text gives no year).

    Args:
        events: The table of :func:`iecorpus.events.extract_events`.

    Returns:
        The table of :func:`iecorpus.events.find_undated_events` (``event_id``, ``doc_id``,
        ``kind``, ``summary``, ``expression`` and ``undated``: why, and what to do); for a
        table without an ``undated`` column, its rows with an empty ``date`` and the
        columns of those it has.
    """
    if "undated" in events:
        return find_undated_events(events)
    columns = [c for c in ("event_id", "doc_id", "kind", "summary", "expression") if c in events]
    return events.loc[events["date"].fillna("") == "", columns].reset_index(drop=True)


def describe_undated_events(undated: pd.DataFrame) -> str:
    """Say which events have no date and what to do about it ("" when every event is dated).

    Args:
        undated: The table of :func:`select_undated_events`.

    Returns:
        A Markdown paragraph: how many, from which pages, why (the reasons of the
        ``undated`` column) and what to do.
    """
    if undated.empty:
        return ""
    pages = sorted(undated["doc_id"].unique())
    reasons = undated["undated"].fillna("") if "undated" in undated else pd.Series([], dtype=str)
    reasons = reasons[reasons != ""].value_counts()
    why = (
        "; ".join(
            f"{quote_text(r.split(':')[0], limit=None)}"
            + (f" ({plural(int(n), 'event')})" if len(reasons) > 1 else "")
            for r, n in reasons.items()
        )
        if len(reasons)
        else "their pages have no date of their own and the text gives no year"
    )
    return (
        f"{_count(len(undated), 'event')} {'has' if len(undated) == 1 else 'have'} "
        f"no date, so {'it is' if len(undated) == 1 else 'they are'} kept but not on the "
        f"timeline: {why}. Give "
        f"{join_words(code_text(p, limit=30) for p in pages[:8])}{', …' if len(pages) > 8 else ''} "
        "a date in the manifest (its `date` column, to the day for a weekday or a month "
        "named without its year) and run the notebook again."
    )


def describe_score(score: pd.DataFrame) -> str:
    """Say how the events compare with a hand-made answer.

    Args:
        score: The table of :func:`iecorpus.events.score_events`: a row of ``kind``
            ``all``, then one per kind (a table of one row without ``kind`` is read as
            the ``all`` row).

    Returns:
        Markdown sentences with the matches, misses, extras, precision, recall and how
        often the kind agrees, then the same kind by kind (gold events of the kind
        matched, precision and recall), naming the kinds that fall short.
    """
    s = _overall(score)
    n_gold, n_found, n_matched = int(s["n_gold"]), int(s["n_extracted"]), int(s["n_matched"])
    extra = n_found - n_matched
    kinds = round(float(s["kind_agreement"]) * n_matched)
    kind = (
        "for all of them" if kinds == n_matched else f"for {number(kinds)} of {number(n_matched)}"
    )
    if n_gold and n_matched == n_gold and not extra:
        head = (
            f"All {plural(n_gold, 'hand-made event')} are found and nothing else is: "
            "precision and recall are 1.0"
        )
    else:
        head = (
            f"{number(n_matched)} of the {plural(n_gold, 'hand-made event')} "
            f"{'is' if n_matched == 1 else 'are'} found and "
            f"{plural(extra, 'extracted event')} {'is' if extra == 1 else 'are'} not in the "
            f"answer: precision {s['precision']}, recall {s['recall']}"
        )
    agree = f", and the kind (policy, program, event) agrees {kind}" if n_matched else ""
    kinds = score[score["kind"] != "all"] if "kind" in score else score.head(0)
    by_kind = [
        f"{r.kind} {number(int(r.n_matched))} of {number(int(r.n_gold))} (precision "
        f"{r.precision}, recall {r.recall})"
        for r in kinds.itertuples(index=False)
    ]
    tail = ""
    if by_kind:
        weak = kinds[(kinds["precision"] < 1) | (kinds["recall"] < 1)]["kind"].tolist()
        tail = f" By kind: {join_words(by_kind)}."
        if weak and len(weak) < len(kinds):
            tail += f" The weaker kind{'s are' if len(weak) > 1 else ' is'} {join_words(weak)}."
    return head + agree + "." + tail


def describe_named_milestones(
    named: pd.DataFrame,
    milestones: pd.DataFrame,
    *,
    links: pd.DataFrame | None = None,
    source: str = "data/milestones.csv",
    limit: int = 8,
) -> str:
    """Say which national milestones the corpus names, where, and which it never names.

    Args:
        named: The table of :func:`iecorpus.events.find_milestone_mentions`.
        milestones: The reference (:func:`iecorpus.events.load_milestones`).
        links: The table of :func:`iecorpus.events.link_events_to_milestones`, to say which
            milestones the corpus also dates itself (an event that ``reports`` them).
        source: The reference's name as the reader should see it.
        limit: Most milestones listed by name.

    Returns:
        A Markdown paragraph: which milestones are named, where and how often; those
        recognised only by their key words (``matched_by``); what kinds of source date
        them (``source_kind``, see :data:`SOURCE_KINDS`); which the corpus dates itself;
        which it never names.
    """
    where = code_text(source)
    if named.empty:
        return (
            f"No document names any of the {plural(len(milestones), 'milestone')} of {where} "
            "(by the names in its `aliases` column), so no event can be set against a national "
            "step. Add the names your pages use for them to `aliases`."
        )
    groups = named.groupby(["milestone_date", "label"], sort=True)["doc_id"]
    items = [
        f"the **{quote_text(label, limit=None)}** ({iso}){_times(len(ids))} in "
        + _some([code_text(d, limit=30) for d in dict.fromkeys(ids)], limit=4)
        for (iso, label), ids in groups
    ]
    shown = items[:limit] + (["others"] if len(items) > limit else [])
    sentences = [
        f"{_count(named['doc_id'].nunique(), 'document')} "
        f"{'names' if named['doc_id'].nunique() == 1 else 'name'} {number(len(items))} of the "
        f"{plural(len(milestones), 'milestone')} in {where}, "
        f"{plural(len(named), 'time')} in all: {join_words(shown)}."
    ]
    first = named.drop_duplicates("milestone_id")
    if "matched_by" in named:
        by_words = named.groupby("milestone_id")["matched_by"].agg(
            lambda c: c.eq("key words").all()
        )
        words = first[first["milestone_id"].map(by_words)]
        if len(words):
            names = join_words(f"The {quote_text(r.label, limit=None)}" for r in words.itertuples())
            sentences.append(
                f"{names} {'is' if len(words) == 1 else 'are'} recognised by key words, not "
                "by a name (`matched_by`): read the sentence before citing it."
            )
    if "source_kind" in named and first["source_kind"].fillna("").ne("").any():
        kinds = first["source_kind"].fillna("").value_counts()
        sentences.append(
            "Their dates in the reference rest on "
            + join_words(
                f"{SOURCE_KINDS.get(k, code_text(k))} ({number(int(n))})"
                for k, n in kinds.items()
                if k
            )
            + (
                "; check a date from a secondary source against the document itself (its "
                "`source_url` and `date_note` in the table below)."
                if "secondary" in kinds
                else "."
            )
        )
    if links is not None and len(links):
        reported = links.loc[links["relation"] == "reports", "label"].drop_duplicates()
        if len(reported):
            sentences.append(
                f"{'Only ' if len(reported) < len(items) else ''}"
                f"{join_words(f'the {quote_text(r, limit=None)}' for r in reported)} "
                f"{'is' if len(reported) == 1 else 'are'} also dated in the corpus's own text (an "
                "event reports it); the reference gives the dates of the others."
            )
    rest = milestones[~milestones["milestone_id"].isin(named["milestone_id"])].sort_values("date")
    if len(rest):
        first, last = rest.iloc[0], rest.iloc[-1]
        sentences.append(
            f"The other {plural(len(rest), 'milestone')}"
            + (
                f", from the {quote_text(first['label'], limit=None)} ({first['date']}) to the "
                f"{quote_text(last['label'], limit=None)} ({last['date']}),"
                if len(rest) > 1
                else f", the {quote_text(first['label'], limit=None)} ({first['date']}),"
            )
            + f" {'is' if len(rest) == 1 else 'are'} not named anywhere in the corpus."
        )
    return paragraph(*sentences, size_caveat(named["doc_id"].nunique(), what="This"))


#: Columns of :func:`tabulate_milestones`, in order.
MILESTONE_TABLE_COLUMNS = [
    "milestone_id",
    "date",
    "precision",
    "label",
    "document_no",
    "source_kind",
    "source_url",
    "date_note",
    "n_mentions",
    "n_documents",
]


def tabulate_milestones(milestones: pd.DataFrame, named: pd.DataFrame) -> pd.DataFrame:
    """The reference as a table to cite: each milestone with its source and how often it is named.

    Args:
        milestones: The reference (:func:`iecorpus.events.load_milestones`).
        named: The table of :func:`iecorpus.events.find_milestone_mentions`.

    Returns:
        One row per milestone, in date order, with :data:`MILESTONE_TABLE_COLUMNS`:
        ``milestone_id``, ``date``, ``precision``, ``label``, ``document_no`` (the
        document's number, such as 国办发〔2017〕95号, "" when it has none), ``source_kind``
        (official, official-en, state-media or secondary), ``source_url``, ``date_note``
        (what kind of date it is, and where sources disagree), ``n_mentions`` (sentences of
        the corpus naming it) and ``n_documents`` (documents naming it). A column the
        reference lacks is left empty.
    """
    table = milestones.copy()
    for column in MILESTONE_TABLE_COLUMNS[:8]:
        if column not in table:
            table[column] = ""
    ids = named["milestone_id"] if len(named) else pd.Series([], dtype=str)
    mentions = ids.value_counts()
    docs = named.groupby("milestone_id")["doc_id"].nunique() if len(named) else mentions
    table["n_mentions"] = table["milestone_id"].map(mentions).fillna(0).astype(int)
    table["n_documents"] = table["milestone_id"].map(docs).fillna(0).astype(int)
    table = table.sort_values("date", kind="stable", ignore_index=True)
    return table[MILESTONE_TABLE_COLUMNS]


def label_links(links: pd.DataFrame) -> pd.DataFrame:
    """Say of each link between an event and a milestone whether it ``follows`` or is co-mentioned.

    Args:
        links: The table of :func:`iecorpus.events.link_events_to_milestones` (``relation``,
            ``cue``, ``matched_by`` ...).

    Returns:
        A copy with two more columns: ``link``, which is ``reports`` (the event is the
        milestone), ``follows`` (the event's sentence names the milestone with a cue such
        as "to implement" or 贯彻落实, quoted in ``cue``) or ``co-mentioned`` (named on
        the same page, whatever the order of their dates); and ``link_label``, the words
        of :data:`LINK_LABELS` that tables show for it.

    Note:
        ``follows`` needs its evidence: a ``relation`` of ``follows`` with a non-empty
        ``cue``. A table without a ``cue`` column (one written by hand, or by an older
        version of the library) says only that a milestone came first, so its links are
        all ``co-mentioned``.
    """
    result = links.copy()
    relation = result["relation"].fillna("").astype(str)
    cue = result["cue"].fillna("").astype(str) if "cue" in result else relation.map(lambda _: "")
    result["link"] = "co-mentioned"
    result.loc[relation.eq("follows") & cue.str.strip().ne(""), "link"] = "follows"
    result.loc[relation.eq("reports"), "link"] = "reports"
    result["link_label"] = result["link"].map(LINK_LABELS)
    return result


def _gap(row) -> str:
    days = int(row.days_after)
    about = "" if row.date_precision == "day" and len(str(row.milestone_date)) == 10 else "about "
    if days == 0:
        return "the same day"
    if row.link != "follows":  # two dates, not a lag
        return f"dated {about}{plural(abs(days), 'day')} {'after' if days > 0 else 'before'} it"
    return f"{about}{plural(abs(days), 'day')} {'later' if days > 0 else 'before'}"


def _link_part(row) -> str:
    """One event of a milestone's line: what it is, how it is linked, the days between."""
    where = CITED_IN.get(row.cited_in, row.cited_in)
    if row.link == "follows":
        cue = str(getattr(row, "cue", "") or "")
        how = f"follows it (“{quote_text(cue, limit=40)}”, in the same sentence)"
    else:
        how = f"co-mentioned ({where})"
    return f"{quote_text(row.summary, limit=80)} ({row.event_id}, {row.date}): {how}, {_gap(row)}"


def describe_links(
    links: pd.DataFrame, events: pd.DataFrame, *, limit: int = 8, per_milestone: int = 4
) -> str:
    """Say which national milestones the local and enterprise events are set against.

    Args:
        links: The table of :func:`label_links`.
        events: The table of :func:`iecorpus.events.extract_events`.
        limit: Most milestones given a line of their own.
        per_milestone: Most events described in a milestone's line.

    Returns:
        Markdown: a paragraph and a list, one item per milestone, each event with how it
        is linked: ``follows`` (with the cue the text gives, and the lag) only for links
        the text supports, ``co-mentioned`` (with where the milestone is named, and the
        two dates' distance, not called a lag) otherwise; a milestone recognised by its
        key words rather than a name is said to be.
    """
    local_events = events[(events["lane"] != "national") & (events["kind"] != "target")]
    if links.empty:
        return "No event is set against a national milestone: " + (
            "the corpus reports no event."
            if events.empty
            else "no milestone is named in a document that reports one."
        )
    local = links[links["lane"] != "national"]
    follows = int((local["link"] == "follows").sum())
    head = (
        f"The corpus sets {plural(local['event_id'].nunique(), 'local or enterprise event')} "
        f"against {plural(local['milestone_id'].nunique(), 'national milestone')} in "
        f"{plural(len(local), 'link')}"
    )
    if local.empty:
        head = "No local or enterprise event is named near a national milestone."
    elif follows:
        cues = local.loc[local["link"] == "follows", "cue"].fillna("").unique().tolist()
        rest = len(local) - follows
        head += (
            f". In {number(follows)} of them the event's sentence says it acts on the milestone "
            f"(`follows`, by {join_words(f'“{quote_text(c, limit=40)}”' for c in cues[:4])})"
            + (
                f"; the other {number(rest)} {'is' if rest == 1 else 'are'} only named on the "
                "same page (`co-mentioned`), and the order of their dates is not evidence "
                "that one led to the other."
                if rest
                else "."
            )
        )
    else:
        head += (
            ": each milestone is named near the event, but nothing in the text says the event "
            "implements it, so these are co-mentions (`co-mentioned`), not evidence that one "
            "followed from the other; the days are the distance between two dates."
        )
    lines = []
    for (iso, label), rows in local.groupby(["milestone_date", "label"], sort=True):
        rows = rows.sort_values("link", key=lambda c: c.ne("follows"), kind="stable")
        parts = [_link_part(r) for r in rows.head(per_milestone).itertuples(index=False)]
        if len(rows) > per_milestone:
            parts.append("others (see the table)")
        by_words = "matched_by" in rows and rows["matched_by"].eq("key words").all()
        how = "; recognised by its key words, not its name" if by_words else ""
        lines.append(f"- The **{quote_text(label, limit=None)}** ({iso}{how}): {'; '.join(parts)}.")
    if len(lines) > limit:
        lines = lines[:limit] + ["- … and more milestones in the table above."]
    reported = links[links["link"] == "reports"]
    tail = []
    if len(reported):
        tail.append(
            join_words(
                f"{r.event_id} reports the **{quote_text(r.label, limit=None)}** itself"
                for r in reported.itertuples(index=False)
            )
            + "."
        )
    alone = local_events[~local_events["event_id"].isin(links["event_id"])]
    if len(alone):
        ids = alone["event_id"].head(limit).tolist() + (["others"] if len(alone) > limit else [])
        tail.append(f"Local or enterprise events that cite no national step: {join_words(ids)}.")
    docs = {d for ids in events["doc_ids"] for d in str(ids).split(", ") if d}
    body = "\n".join(lines)
    return "\n\n".join(
        p for p in (head, body, paragraph(*tail, size_caveat(len(docs), what="This"))) if p
    )


def _period_bounds(table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """First and last day of each date at its precision, as ISO strings."""
    iso = table["date"].fillna("").astype(str)
    first = iso + iso.str.len().map({4: "-01-01", 7: "-01"}).fillna("")
    end = table["date_end"].fillna("").astype(str) if "date_end" in table else iso.map(lambda _: "")
    last = iso.str.len().map({4: "-12-31", 7: "-31"}).fillna("")
    last = (iso + last).where(end == "", end)
    return first, last


def select_timeline_events(events: pd.DataFrame, *, start: str, end: str) -> pd.DataFrame:
    """The events the timeline can draw: dated, not targets, their period inside ``start``-``end``.

    Args:
        events: The table of :func:`iecorpus.events.extract_events`.
        start: First day of the timeline (ISO).
        end: Last day of the timeline (ISO).

    Returns:
        Those rows of ``events``.
    """
    dated = _dated(events)
    dated = dated[dated["kind"] != "target"]
    first, last = _period_bounds(dated)
    return dated[(first <= end) & (last >= start)]


def _latest_step(events, milestones, named, *, limit: int) -> str:
    """The latest national step the corpus names, and the later milestones it does not name."""
    steps = [
        (r.milestone_date, f"the **{quote_text(r.label, limit=None)}** ({r.milestone_date})")
        for r in named.itertuples(index=False)
    ]
    national = _dated(events[(events["lane"] == "national") & (events["kind"] != "target")])
    steps += [
        (r.date, f"“{quote_text(r.summary, limit=80)}” ({r.event_id}, {r.date})")
        for r in national.itertuples(index=False)
    ]
    if not steps:
        return "The corpus names no national step."
    ends = _period_bounds(pd.DataFrame({"date": [iso for iso, _ in steps]}))[1].tolist()
    last_day, what = max(zip(ends, (w for _, w in steps), strict=True), key=lambda s: s[0])
    later = milestones[milestones["date"] > last_day].sort_values("date")
    later = later[~later["milestone_id"].isin(named["milestone_id"])]
    if later.empty:
        return f"The latest national step the corpus names is {what}; none is later."
    names = [
        f"the {quote_text(r.label, limit=None)} ({r.date})" for r in later.head(limit).itertuples()
    ]
    if len(later) > limit:
        names.append("others")
    return (
        f"The latest national step the corpus names is {what}; it names none of the later "
        f"milestones of the reference: {join_words(names)}."
    )


def describe_timeline(
    events: pd.DataFrame,
    drawn: pd.DataFrame,
    milestones: pd.DataFrame,
    named: pd.DataFrame,
    *,
    start: str,
    end: str,
    limit: int = 5,
) -> str:
    """Say what the timeline shows, or why there is none.

    Args:
        events: The table of :func:`iecorpus.events.extract_events`.
        drawn: The table of :func:`select_timeline_events`.
        milestones: The reference.
        named: The table of :func:`iecorpus.events.find_milestone_mentions`.
        start: First day of the timeline.
        end: Last day of the timeline.
        limit: Most milestones named in a list.

    Returns:
        A Markdown paragraph: when the local and enterprise events run, the latest national
        step the corpus names and the reference's later ones it does not, and what is left
        out of the figure.
    """
    span = f"{start[:4]}-{end[:4]}"
    if drawn.empty:
        if events.empty:
            why = "the corpus reports no event"
        elif _dated(events).empty:
            why = "no event has a date (their pages have none)"
        elif (_dated(events)["kind"] == "target").all():
            why = "its only dated events are targets, which the timeline leaves out"
        else:
            why = f"no dated event falls in {span} (change `start` and `end`)"
        return f"There is no timeline to draw: {why}."
    local = drawn[drawn["lane"] != "national"]
    sentences = []
    if len(local):
        first, last = local["date"].min(), local["date"].max()
        sentences.append(
            f"The corpus's local and enterprise events run from {first} to {last}."
            if first != last
            else (
                "The corpus's one local or enterprise event is dated "
                if len(local) == 1
                else f"All {number(len(local))} local and enterprise events are dated "
            )
            + f"{first}."
        )
    else:
        sentences.append("The corpus reports no local or enterprise event in the span.")
    years = milestones["date"].str[:4].value_counts()
    if len(years):
        sentences.append(
            f"The reference's busiest year is {years.index[0]}, with "
            f"{plural(int(years.iloc[0]), 'milestone')}."
        )
    sentences.append(_latest_step(events, milestones, named, limit=limit))
    before = milestones[milestones["date"] < start].sort_values("date")
    if len(before):
        names = [
            f"the **{quote_text(r.label, limit=None)}** ({r.date})" for r in before.itertuples()
        ]
        sentences.append(
            f"Before the timeline's span: {join_words(names[:limit])}"
            f"{' and others' if len(names) > limit else ''}."
        )
    if len(_dated(events)) > len(drawn):
        sentences.append(f"The figure leaves out targets and the events outside {span}.")
    return paragraph(*sentences)


def describe_explorer(events: pd.DataFrame, mentions: pd.DataFrame) -> str:
    """Say what the timeline explorer opens on and suggest filters that find something.

    Args:
        events: The table of :func:`iecorpus.events.extract_events`.
        mentions: The table of :func:`iecorpus.events.find_event_mentions`.

    Returns:
        A Markdown paragraph.
    """
    if events.empty:
        return "It opens empty: the corpus has no event to explore."
    tips = []
    national = events.loc[events["lane"] == "national", "event_id"].tolist()
    if national:
        tips.append(f"the lane *national* ({join_words(national[:6])})")
    words = mentions.assign(word=mentions["trigger"].fillna("").str.split().str[-1])
    words = words[words["word"].fillna("") != ""].groupby("word")["event_id"].unique()
    if len(words):
        word = max(words.index, key=lambda w: (len(words[w]), w))
        tips.append(f"the word {code_text(word)} ({join_words(list(words[word])[:6])})")
    dated = _dated(events)
    if len(dated):
        year = dated["date"].str[:4].max()
        latest = dated.loc[dated["date"].str[:4] == year, "event_id"].tolist()
        tips.append(f"the year {year} ({join_words(latest[:6])})")
    return paragraph(
        f"It opens on all {plural(len(events), 'event')} with their "
        f"{plural(len(mentions), 'evidence sentence')}, and on the timeline above.",
        f"Try {join_words(tips, conjunction='or')}." if tips else "",
        "`timeline_explorer.result` and `timeline_explorer.evidence` hold the events and the "
        "sentences shown.",
    )


def _overall(score: pd.DataFrame) -> pd.Series:
    """The ``all`` row of a score (its first row when it has no ``kind``)."""
    rows = score[score["kind"] == "all"] if "kind" in score else score
    return (rows if len(rows) else score).iloc[0]


def summarize_timeline(
    *,
    expressions: pd.DataFrame,
    documents: pd.DataFrame,
    events: pd.DataFrame,
    score: pd.DataFrame | None,
    named: pd.DataFrame,
    milestones: pd.DataFrame,
    links: pd.DataFrame,
    drawn: pd.DataFrame,
    zh_score: pd.DataFrame | None = None,
) -> str:
    """The notebook's summary in this corpus: one line per section that states a result.

    Args:
        expressions: The dates table (section 2).
        documents: ``corpus.documents``.
        events: The events table (section 3).
        score: The score against a hand-made answer (section 4), or None.
        named: The named milestones (section 5).
        milestones: The reference.
        links: The table of :func:`label_links` (section 6).
        drawn: The table of :func:`select_timeline_events` (section 7).
        zh_score: The score of the Chinese example pages (section 8).

    Returns:
        A Markdown list.
    """
    n_docs = len(documents)
    overall = None if score is None else _overall(score)
    resolved = _dated(expressions)
    anchored = int(resolved["anchored"].astype(bool).sum()) if len(resolved) else 0
    unresolved = len(expressions) - len(resolved)
    dated = _dated(events)
    docs = {d for ids in events["doc_ids"] for d in str(ids).split(", ") if d}
    lines = [
        f"**Dates**: {plural(len(expressions), 'date')} "
        f"{share(expressions['doc_id'].nunique(), n_docs, 'document')}, "
        f"{number(anchored)} resolved against the page's own date"
        + (f", {number(unresolved)} left unresolved (undated pages)" if unresolved else "")
        + ".",
        f"**Events**: {plural(len(events), 'event')} {share(len(docs), n_docs, 'document')}"
        + (f", {dated['date'].min()} to {dated['date'].max()}" if len(dated) else "")
        + (
            f"; {number(len(events) - len(dated))} without a date"
            if len(dated) < len(events)
            else ""
        )
        + ".",
        "**Checked**: "
        + (
            "no hand-made answer for this corpus."
            if score is None
            else f"precision {overall['precision']}, recall {overall['recall']} "
            f"against {plural(int(overall['n_gold']), 'hand-made event')}."
        ),
        f"**National policies named**: {number(named['milestone_id'].nunique())} of the "
        f"{plural(len(milestones), 'milestone')} of the reference.",
    ]
    local = links[links["lane"] != "national"]
    if len(local):
        follows = int((local["link"] == "follows").sum())
        lines.append(
            f"**Local after national**: {plural(len(local), 'link')} between local or "
            f"enterprise events and national milestones, {number(follows)} `follows` and "
            f"{number(len(local) - follows)} `co-mentioned`."
        )
    else:
        lines.append("**Local after national**: no local or enterprise event is set against one.")
    lines.append(
        f"**The timeline**: events drawn from {drawn['date'].min()} to {drawn['date'].max()}."
        if len(drawn)
        else "**The timeline**: nothing to draw."
    )
    if zh_score is not None:
        z = _overall(zh_score)
        lines.append(
            f"**Chinese pages**: {number(int(z['n_matched']))} of "
            f"{plural(int(z['n_gold']), 'hand-made event')} found."
        )
    return "\n".join(f"- {line}" for line in lines)


__all__ = [
    "CITED_IN",
    "LINK_LABELS",
    "MILESTONE_TABLE_COLUMNS",
    "SOURCE_KINDS",
    "describe_dates",
    "describe_events",
    "describe_explorer",
    "describe_links",
    "describe_named_milestones",
    "describe_score",
    "describe_timeline",
    "describe_undated_events",
    "label_links",
    "select_timeline_events",
    "select_undated_events",
    "summarize_timeline",
    "tabulate_milestones",
]
