"""The static reader site: a timeline, a page per record and per source, written as plain HTML files.

The site opens from ``file://`` with no server and no network: every link is relative, and the stylesheet and the
one script (the timeline's filters, which only hide what is already on the page) are files beside the pages. It
is built with the standard library only (``html.escape``, ``string.Template``); the templates, stylesheet and
script are package data under ``site/``. Writing is deterministic: the same dataset gives the same bytes.

Pages: ``index.html`` (the timeline), a listing per record kind (``people.html``...), and a page per record at
``<prefix>/<slug>.html`` for the id ``<prefix>:<slug>``, so that file names are portable and links stable.
"""

from __future__ import annotations

import enum
import functools
import html
import os
from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from importlib.resources import files
from itertools import accumulate, pairwise
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from ._attributes import REFERS_TO, data_attributes
from ._cameo import cameo_code
from ._dates import PartialDate
from ._files import folder_path_text
from ._models import (
    KINDS,
    Citation,
    Event,
    Kind,
    Record,
    Role,
    Source,
    kind_of,
    record_date,
)
from ._sentences import split_sentences
from ._words import attribute_label, date_words, name_of, reported_in, term_words

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import attrs

    from ._dataset import Dataset
    from ._sentences import SentenceCoverage

__all__ = ["write_site"]

_e = html.escape
_DAY = timedelta(days=1)

# How each kind is titled in the navigation and on its listing page, and what one of its records is called.
_TITLES = {"events": "Timeline", "missions": "Embassies", "relations": "Diplomatic relations"}
_SINGULAR = {"org": "organization", "relations": "period of relations"}

# The sections of a record's page listing the records that refer to it, by the referring kind and attribute, in
# this order; ``{name}`` is the record's name. Others get a generic heading.
_REFERRED_BY = {
    "event.actors": "What {name} did",
    "event.targets": "Acts aimed at {name}",
    "event.participants": "Other events {name} took part in",
    "event.location": "What happened in {name}",
    "statement.speakers": "What {name} said",
    "statement.targets": "What was said about {name}",
    "statement.reported_by": "What {name} reported",
    "statement.event": "The words of {name}",
    "event.statement": "The event of {name}",
    "fact.attributed_to": "What {name} claims",
    "agreement.parties": "Agreements {name} is party to",
    "agreement.signing_event": "Agreements signed at {name}",
    "agreement.place": "Agreements signed in {name}",
    "figure.parties": "Money figures for {name}",
    "person.roles": "People with a role in {name}",
    "org.country": "Organizations of {name}",
    "mission.sending_country": "Embassies of {name}",
    "mission.host_country": "Embassies in {name}",
    "mission.place": "Embassies in {name}",
    "place.country": "Places in {name}",
    "place.within": "Places within {name}",
}


def write_site(data: Dataset, path: str | os.PathLike[str]) -> tuple[Path, ...]:
    """Write the reader site of ``data`` into the folder ``path`` (created if missing); return the files written.

    Files already in the folder are overwritten or left alone, never deleted. Raises ``TypeError`` if ``path`` is
    not a ``str`` or path, ``ValueError`` if it is empty or holds a NUL character, and ``OSError`` (naming
    ``path``) if the folder cannot be created or written.
    """
    text = folder_path_text(path)
    pages = _Site(data).pages()  # everything is rendered before anything is written
    folder = Path(text)
    written = []
    try:
        for name, content in pages.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8", newline="\n")
            written.append(target)
    except OSError as exc:
        raise type(exc)(exc.errno, f"path: cannot write the site to {text!r}: {exc.strerror}") from exc
    return tuple(written)


@functools.cache
def _asset(name: str) -> str:
    """A file of the ``site`` package data: a template, the stylesheet or the script."""
    return files("cuba_iran_relations.site").joinpath(name).read_text(encoding="utf-8")


def _fill(template: str, **values: str) -> str:
    return Template(_asset(template)).substitute(values)


# --- words ------------------------------------------------------------------------------------------------------


def _title(kind: Kind) -> str:
    return _TITLES.get(kind.name, kind.name.capitalize())


def _listing(kind: Kind) -> str:
    """The page listing a kind's records: the timeline for events."""
    return "index.html" if kind.name == "events" else f"{kind.name}.html"


def _page(record_id: str) -> str:
    """The page of a record, relative to the site's root: ``event:2008-x`` is ``event/2008-x.html``."""
    prefix, _, slug = record_id.partition(":")
    return f"{prefix}/{slug}.html"


# --- the site ---------------------------------------------------------------------------------------------------


class _Site:
    """The pages of one dataset's site, rendered from the records and what refers to each."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        # For each record id, the records referring to it, grouped by "kind.attribute" (see _REFERRED_BY).
        self.referred: dict[str, dict[str, list[Record]]] = {}
        # For each source id, every citation of it with the record citing it.
        self.cited: dict[str, list[tuple[Citation, Record]]] = {}
        for record in data:
            for key, ref in _references(record):
                self.referred.setdefault(ref, {}).setdefault(key, []).append(record)
            for citation in getattr(record, "citations", ()):
                self.cited.setdefault(citation.source_id, []).append((citation, record))

    @functools.cached_property
    def uncited_lines(self) -> dict[str, list[SentenceCoverage]]:
        """For each source id, its sentences no record cites, with the reason recorded for each."""
        lines: dict[str, list[SentenceCoverage]] = {}
        for line in self.data.coverage_report():
            if not line.cited_by:
                lines.setdefault(line.source_id, []).append(line)
        return lines

    def pages(self) -> dict[str, str]:
        """Every file of the site, by its path relative to the site's root."""
        pages = {"site.css": _asset("site.css"), "timeline.js": _asset("timeline.js"), "index.html": self.timeline()}
        for kind in KINDS:
            if kind.name != "events":
                pages[_listing(kind)] = self.listing(kind)
            for record in self.data.of_kind(kind.name):
                pages[_page(record.id)] = self.source(record) if isinstance(record, Source) else self.record(record)
        return pages

    # --- shared pieces ----------------------------------------------------------------------------------------

    def layout(self, title: str, body: str, *, root: str, section: str, script: str = "") -> str:
        current = ' aria-current="page"'
        nav = "\n".join(
            f'<li><a href="{root}{_listing(kind)}"{current if kind.name == section else ""}>{_e(_title(kind))}</a></li>'
            for kind in sorted(KINDS, key=lambda kind: kind.name != "events")
        )
        attributions = "\n".join(
            f'<li><a href="{root}{_page(s.id)}">{_e(s.title)}</a>: {_e(s.attribution)}. License: {_e(s.license)}.</li>'
            for s in self.data.sources()
        )
        return _fill(
            "layout.html",
            title=_e(title),
            root=root,
            nav=nav,
            body=body,
            data_version=_e(self.data.data_version or "not given"),
            attributions=attributions,
            script=script,
        )

    def link(self, record_id: str, root: str) -> str:
        """A link to a record, by its name; an id no record has is shown as it is."""
        if record_id not in self.data:
            return f'<span class="record-id">{_e(record_id)}</span>'
        return f'<a href="{root}{_page(record_id)}">{_e(name_of(self.data.get(record_id)))}</a>'

    def links(self, record_ids: Iterable[str], root: str) -> str:
        return ", ".join(self.link(record_id, root) for record_id in record_ids)

    def when(self, when: PartialDate, record: Record, root: str) -> str:
        """A date in words with its precision and, where the source gave a relative phrase, the phrase with its
        reference: the report whose words it is ("Two years ago", in a news report of 1 April 2025)."""
        words = _e(date_words(when))
        if not when.is_interval and "X" not in when.edtf:
            words = f'<time datetime="{_e(when.edtf.rstrip("?~%"))}">{words}</time>'
        text = f'{words} <span class="precision">(known to the {when.precision})</span>'
        citations: tuple[Citation, ...] = getattr(record, "citations", ())
        source = self.data.get(citations[0].source_id) if citations and citations[0].source_id in self.data else None
        if when.phrase is None or not isinstance(source, Source):
            return text
        reference = f"in {_e(reported_in(source))}"
        href = f"{root}{_page(source.id)}#{_passage_id(citations[0])}"
        return f'{text} <span class="phrase">“{_e(when.phrase)}”, <a href="{href}">{reference}</a></span>'

    def item(self, record: Record, root: str) -> str:
        """A record in a list: a link by its name, then its date (or kind) as secondary text."""
        when = record_date(record)
        if when is not None:
            secondary = date_words(when)
        elif isinstance(record, Source):
            secondary = f"{record.publisher}; {record.license}"
        else:
            secondary = _SINGULAR.get(kind_of(type(record)).prefix, kind_of(type(record)).prefix)
        return f'<li>{self.link(record.id, root)} <span class="secondary">({_e(secondary)})</span></li>'

    def value(self, record: Record, attribute: attrs.Attribute[Any], root: str) -> str:
        """One attribute of a record in words: names for ids, dates in words, lists as lists."""
        name, value = attribute.name, getattr(record, attribute.name)
        if value is None or value in ((), frozenset()):
            return '<span class="none">none recorded</span>'
        if REFERS_TO in attribute.metadata:
            return self.links(value if isinstance(value, tuple) else (value,), root)
        if isinstance(value, PartialDate):
            return self.when(value, record, root)
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, enum.Enum):
            return _e(term_words(value))
        if isinstance(value, frozenset):
            return _e(", ".join(sorted(term_words(member) for member in value)))
        if isinstance(value, tuple):
            items = (self.role(item, record, root) if isinstance(item, Role) else _e(str(item)) for item in value)
            return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
        if name == "cameo":
            described = cameo_code(value).name
            return _e(f"{value}: {described}" if described else value)
        if name == "url":
            return f'<a href="{_e(value)}">{_e(value)}</a>'
        return _e(str(value))

    def role(self, role: Role, record: Record, root: str) -> str:
        title = f"{role.qualifier} {role.title}" if role.qualifier else role.title
        parts = [self.link(ref, root) for ref in (role.country, role.organization) if ref]
        if role.period is not None:
            parts.append(self.when(role.period, record, root))
        return _e(title) + (f" ({'; '.join(parts)})" if parts else "")

    def attributes(self, record: Record, root: str) -> str:
        cls: type = type(record)
        prefix = kind_of(cls).prefix
        return "\n".join(
            f"<dt>{_e(attribute_label(prefix, a.name))}</dt><dd>{self.value(record, a, root)}</dd>"
            for a in data_attributes(cls)
            if a.name not in ("id", "citations")
        )

    def related(self, record: Record, root: str) -> str:
        """The sections listing the records that refer to ``record``: what a person did and said, what was said
        about them..."""
        prefix = kind_of(type(record)).prefix
        name = getattr(record, "name", None) or f"this {_SINGULAR.get(prefix, prefix)}"
        order = list(_REFERRED_BY)
        groups = self.referred.get(record.id, {})
        sections = []
        for key in sorted(groups, key=lambda k: (order.index(k) if k in order else len(order), k)):
            referring, _, attribute = key.partition(".")
            heading = _REFERRED_BY.get(key, "{kind} that refer to {name} ({attribute})").format(
                name=name,
                kind=_kind(referring).name.capitalize(),
                attribute=attribute_label(referring, attribute).lower(),
            )
            items = "\n".join(self.item(other, root) for other in groups[key])
            sections.append(f'<h2>{_e(heading)}</h2>\n<ul class="records">\n{items}\n</ul>')
        return "\n".join(sections)

    # --- pages ------------------------------------------------------------------------------------------------

    def timeline(self) -> str:
        """``index.html``: every event in order, grouped by year, under a time axis and the filters."""
        events = self.data.events()
        years: dict[str, list[Event]] = {}
        for event in events:
            years.setdefault(_year(event.date), []).append(event)
        sections = "\n".join(
            f'<section class="year" data-year="{_e(year)}">\n<h2>{_e(year)}</h2>\n<ol class="events">\n'
            + "\n".join(self.event_item(event, year) for event in in_year)
            + "\n</ol>\n</section>"
            for year, in_year in years.items()
        )
        kinds = sorted({event.kind for event in events}, key=term_words)
        people = len(self.data.of_kind("people"))
        sources = ", ".join(self.link(source.id, "") for source in self.data.sources())
        sources = f" ({sources})" if sources else ""
        body = _fill(
            "timeline.html",
            intro=(
                f"{len(events)} events between Cuba and Iran, in order, as the sources report them{sources}; "
                f"{people} people, and every other record, have a page of their own. Each date is given as "
                "precisely as its source gives it."
            ),
            axis=_axis(events),
            kind_options="\n".join(f'<option value="{_e(k.value)}">{_e(term_words(k))}</option>' for k in kinds),
            year_options="\n".join(f'<option value="{_e(year)}">{_e(year)}</option>' for year in years),
            years=sections,
        )
        script = '<script src="timeline.js"></script>'
        return self.layout("Timeline", body, root="", section="events", script=script)

    def event_item(self, event: Event, year: str) -> str:
        others = tuple(ref for ref in event.participants if ref not in event.actors and ref not in event.targets)
        where = (event.location,) if event.location else ()
        facts = [f'<span class="kind">{_e(term_words(event.kind).capitalize())}</span>']
        for words, refs in (("in", where), ("by", event.actors), ("aimed at", event.targets), ("with", others)):
            if refs:
                facts.append(f"{words} {self.links(refs, '')}")
        slug = event.id.partition(":")[2]
        return (
            f'<li class="event" id="event-{_e(slug)}" data-kind="{_e(event.kind.value)}" data-year="{_e(year)}">\n'
            f'<p class="when">{self.when(event.date, event, "")}</p>\n'
            f'<h3><a href="{_page(event.id)}">{_e(event.summary)}</a></h3>\n'
            f'<p class="facts">{" · ".join(facts)}</p>\n</li>'
        )

    def listing(self, kind: Kind) -> str:
        records = self.data.of_kind(kind.name)
        count = f"{len(records)} record{'s' if len(records) != 1 else ''}, each with a page of its own."
        items = "\n".join(self.item(record, "") for record in records)
        body = _fill("listing.html", kind_title=_e(_title(kind)), count=count, items=items)
        return self.layout(_title(kind), body, root="", section=kind.name)

    def record(self, record: Record) -> str:
        kind = kind_of(type(record))
        root = "../"
        citations = "\n".join(
            f"<li><q>{_e(c.quote)}</q> — {self.citation_link(c, root)}</li>" for c in getattr(record, "citations", ())
        )
        body = _fill(
            "record.html",
            root=root,
            listing=f"index.html#event-{record.id.partition(':')[2]}" if isinstance(record, Event) else _listing(kind),
            kind_title=_e(_title(kind)),
            name=_e(name_of(record)),
            record_id=_e(record.id),
            attributes=self.attributes(record, root),
            citations=citations,
            related=self.related(record, root),
        )
        return self.layout(_shorten(name_of(record)), body, root=root, section=kind.name)

    def citation_link(self, citation: Citation, root: str) -> str:
        """A link to a cited passage in its source's page."""
        if citation.source_id not in self.data:
            return _e(f"{citation.source_id}, characters {citation.start}–{citation.end}")
        title = name_of(self.data.get(citation.source_id))
        href = f"{root}{_page(citation.source_id)}#{_passage_id(citation)}"
        return f'<a href="{href}">{_e(title)}, characters {citation.start}–{citation.end}</a>'

    def source(self, source: Source) -> str:
        """A source's page: its text with the cited passages marked and numbered, each passage listed with the
        records citing it, and the lines no record cites with the reason."""
        root = "../"
        # Passages are numbered in the order their numbers appear in the text: by where they end.
        cited = sorted(self.cited.get(source.id, []), key=lambda pair: (pair[0].end, pair[0].start, pair[1].id))
        passages: dict[tuple[int, int], list[Record]] = {}
        for citation, record in cited:
            citing = passages.setdefault((citation.start, citation.end), [])
            if record not in citing:
                citing.append(record)
        whole = source.open_license
        text = source.text
        listed = "\n".join(
            f'<li id="cited-{number}"><a href="#p{start}-{end}"><q>{_e(text[start:end])}</q></a>, cited by\n'
            f'<ul class="records">{"".join(self.item(record, root) for record in records)}</ul></li>'
            for number, ((start, end), records) in enumerate(passages.items(), 1)
        )
        if whole:
            shown = (
                f"Shown whole, as its license ({_e(source.license)}) allows. Highlighted: the passages records "
                "cite; each number leads to the records citing the passage."
            )
        else:
            shown = (
                f"Shown in part: its license ({_e(source.license)}) does not allow republishing the whole text, so "
                "only the sentences holding a cited passage are shown; “[…]” marks what is left out. Highlighted: "
                "the passages records cite; each number leads to the records citing the passage."
            )
        body = _fill(
            "source.html",
            root=root,
            name=_e(source.title),
            record_id=_e(source.id),
            attribution=_e(source.attribution),
            license=_e(source.license),
            shown=shown,
            language=_e(source.language),
            text=_marked_text(text, list(passages), self.uncited_lines.get(source.id, []) if whole else None),
            passages=listed or "<li>No record cites this source.</li>",
            uncited=self.uncited(source, whole),
            attributes=self.attributes(source, root),
            related=self.related(source, root),
        )
        return self.layout(source.title, body, root=root, section="sources")

    def uncited(self, source: Source, whole: bool) -> str:
        """The sentences of ``source`` no record cites, with the recorded reason; their text only where the whole
        text may be shown."""
        lines = self.uncited_lines.get(source.id, [])
        if not lines:
            return "<p>Every sentence is cited by a record.</p>"
        items = "\n".join(
            f"<li>{f'<q>{_e(line.text)}</q>: ' if whole else ''}"
            f'<span class="reason">{_e(line.reason or "no reason recorded")}</span></li>'
            for line in lines
        )
        note = "" if whole else "<p>Their text is not shown: the license does not allow it.</p>\n"
        return f"{note}<ul>\n{items}\n</ul>"


def _kind(prefix: str) -> Kind:
    return next(kind for kind in KINDS if kind.prefix == prefix)


def _references(record: Record) -> list[tuple[str, str]]:
    """The ids ``record`` refers to, each with the "kind.attribute" it is in; an event's participants only where
    they neither act nor are aimed at (those are listed under actors and targets)."""
    cls: type = type(record)
    prefix = kind_of(cls).prefix
    found = []
    for attribute in data_attributes(cls):
        value: Any = getattr(record, attribute.name)
        if REFERS_TO in attribute.metadata:
            refs = value if isinstance(value, tuple) else (value,) if value else ()
        elif attribute.name == "roles":
            refs = tuple(dict.fromkeys(ref for role in value for ref in (role.country, role.organization) if ref))
        else:
            continue
        if attribute.name == "participants" and isinstance(record, Event):
            refs = tuple(ref for ref in refs if ref not in record.actors and ref not in record.targets)
        found += [(f"{prefix}.{attribute.name}", ref) for ref in refs]
    return found


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _year(when: PartialDate) -> str:
    """The year an event is listed under: the year it began, or for an open start the year it ended by."""
    return f"Up to {when.latest.year}" if when.open_start else str(when.earliest.year)


def _passage_id(citation: Citation) -> str:
    """The id of a cited passage's place in its source's page: its offsets."""
    return f"p{citation.start}-{citation.end}"


def _axis(events: tuple[Event, ...]) -> str:
    """A time axis as an inline SVG picture: a dot per event known to the day, a bar over the span of one known
    to the month or year, stacked in rows where they would overlap. It is a picture (``role="img"``) with a text
    alternative; the list below it is the text."""
    if not events:
        return ""
    bounds = [d for e in events for d in (e.date.earliest, e.date.latest) if date.min < d < date.max]
    first, last = date(min(bounds).year, 1, 1), date(max(bounds).year + 1, 1, 1)
    left, width = 30, 940
    scale = width / (last - first).days

    def x(day: date) -> float:
        return left + (min(max(day, first), last) - first).days * scale

    marks: list[str] = []
    rows: list[float] = []  # where the last mark in each row ends
    for event in events:
        start, end = x(event.date.earliest), x(min(event.date.latest, last - _DAY) + _DAY)
        middle, dot = (start + end) / 2, end - start < 10
        begins, ends = (middle - 5, middle + 5) if dot else (start, end)
        row = next((i for i, taken in enumerate(rows) if taken + 2 < begins), len(rows))
        if row == len(rows):
            rows.append(ends)
        rows[row] = ends
        y = 4 + 14 * row
        if dot:
            marks.append(f'<circle class="day" cx="{middle:.1f}" cy="{y + 6}" r="5"/>')
        else:
            marks.append(f'<rect class="span" x="{start:.1f}" y="{y}" width="{end - start:.1f}" height="12" rx="3"/>')
    axis = 8 + 14 * len(rows)
    years = last.year - first.year
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if years / s <= 12)
    ticks = "".join(
        f'<line class="tick" x1="{x(date(y, 1, 1)):.1f}" y1="{axis - 3}" x2="{x(date(y, 1, 1)):.1f}" y2="{axis + 3}"/>'
        f'<text x="{x(date(y, 1, 1)):.1f}" y="{axis + 19}" text-anchor="middle">{y}</text>'
        for y in range(first.year + (-first.year) % step, last.year + 1, step)
    )
    label = f"Time axis from {first.year} to {last.year - 1}: {len(events)} events."
    return (
        f'<svg viewBox="0 0 1000 {axis + 25}" role="img" aria-label="{_e(label)}">'
        f'<line class="line" x1="{left}" y1="{axis}" x2="{left + width}" y2="{axis}"/>{ticks}{"".join(marks)}</svg>'
    )


def _marked_text(text: str, passages: list[tuple[int, int]], uncited: list[SentenceCoverage] | None) -> str:
    """The source text as paragraphs (one per line), each cited passage in ``<mark>``, with an anchor where it
    begins (``id="p<start>-<end>"``) and its number after it, linking to its entry in the list of passages.

    With ``uncited`` (the sentences no record cites) the whole text is shown, each uncited sentence followed by
    the reason it is left uncited. With ``None``, only the sentences (``split_sentences``) that overlap a passage
    are shown, and "[…]" stands where sentences are left out.
    """
    whole = uncited is not None
    reasons = {line.end: line.reason or "no reason recorded" for line in uncited or ()}
    numbers = {passage: number for number, passage in enumerate(passages, 1)}
    by_start, by_end = sorted(passages), sorted(passages, key=lambda p: (p[1], p[0]))
    starts = [start for start, _ in by_start]
    # Whether any passage overlaps [a, b): among those starting before b, the furthest end reaches past a.
    furthest = list(accumulate((end for _, end in by_start), max))

    def cited(a: int, b: int) -> bool:
        i = bisect_left(starts, b)
        return i > 0 and furthest[i - 1] > a

    sentences = list(split_sentences(text))
    shown = [i for i, (a, b) in enumerate(sentences) if whole or cited(a, b)]
    line_starts = list(accumulate((len(line) for line in text.splitlines(keepends=True)), initial=0))
    # Runs of consecutive shown sentences on one line: (line, start, end, whether sentences were left out before).
    runs: list[tuple[int, int, int, bool]] = []
    previous = -1
    for i in shown:
        a, b = sentences[i]
        line = bisect_right(line_starts, a) - 1
        if runs and previous == i - 1 and runs[-1][0] == line:
            runs[-1] = (line, runs[-1][1], b, runs[-1][3])
        else:
            runs.append((line, a, b, i != previous + 1))
        previous = i
    cuts = sorted({offset for passage in passages for offset in passage} | reasons.keys())
    si = ei = 0  # passages begun (by start) and ended (by end) so far
    paragraphs: list[list[str]] = []

    def numbers_until(offset: int) -> Iterator[str]:
        """The numbers of the passages ending by ``offset`` not given yet, each linking to its list entry."""
        nonlocal ei
        while ei < len(by_end) and by_end[ei][1] <= offset:
            number = numbers[by_end[ei]]
            yield f'<a class="ref" href="#cited-{number}" aria-label="passage {number}">{number}</a>'
            ei += 1

    for position, (line, a, b, gap) in enumerate(runs):
        if position == 0 or runs[position - 1][0] != line:
            paragraphs.append([])
        out = paragraphs[-1]
        if gap:
            out.append('<span class="gap">[…]</span> ')
        points = [a, *cuts[bisect_right(cuts, a) : bisect_left(cuts, b)], b]
        for x, y in pairwise(points):
            out += numbers_until(x)  # of passages ending in text left out: none in well-formed data
            while si < len(by_start) and by_start[si][0] <= x:
                out.append(f'<span id="p{by_start[si][0]}-{by_start[si][1]}"></span>')
                si += 1
            piece = _e(text[x:y])
            out.append(f"<mark>{piece}</mark>" if si > ei else piece)
            out += numbers_until(y)
            if y in reasons:
                out.append(f' <span class="reason">(not cited: {_e(reasons[y])})</span>')
        if position + 1 < len(runs) and runs[position + 1][0] == line:
            out.append(" ")
    if sentences and (not shown or shown[-1] != len(sentences) - 1):
        paragraphs.append(['<span class="gap">[…]</span>'])
    return "\n".join(f"<p>{''.join(parts)}</p>" for parts in paragraphs)
