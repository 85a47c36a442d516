"""Rich display: records and query results as HTML tables (Jupyter) and aligned plain text (print, IPython)."""

from __future__ import annotations

import copy
import html
import io
import pickle
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import pytest

import cuba_iran_relations as cir
from cuba_iran_relations._words import name_of


class _Cells(HTMLParser):
    """Collects the text of every table cell (a ``<br>`` as a line break) and the ``title`` of each element in
    it, and checks that tags nest properly."""

    VOID = frozenset({"br"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.cells: list[str] = []
        self.titles: list[list[str]] = []  # for each cell, the titles inside it, in order
        self.captions: list[str] = []
        self.heads: list[str] = []  # the header cells
        self.tables = 0
        self._cell: list[str] | None = None
        self._titles: list[str] = []
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            if self._cell is not None:
                self._cell.append("\n")
            return
        self.stack.append(tag)
        if tag == "table":
            self.tables += 1
        if tag in ("td", "th"):
            self._cell, self._titles = [], []
        elif self._cell is not None:
            self._titles += [value or "" for name, value in attrs if name == "title"]
        if tag == "caption":
            self._caption = []

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()
        if tag in ("td", "th") and self._cell is not None:
            if tag == "th":
                self.heads.append("".join(self._cell))
            self.cells.append("".join(self._cell))
            self.titles.append(self._titles)
            self._cell = None
        if tag == "caption" and self._caption is not None:
            self.captions.append("".join(self._caption))
            self._caption = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._caption is not None:
            self._caption.append(data)

    def rows(self) -> list[dict[str, tuple[str, list[str]]]]:
        """The body rows of a one-table result, by column name: each cell's text and titles."""
        width = len(self.heads)
        assert self.cells[:width] == self.heads
        body = list(zip(self.cells[width:], self.titles[width:], strict=True))
        return [dict(zip(self.heads, body[i : i + width], strict=True)) for i in range(0, len(body), width)]


def _parse(markup: str) -> _Cells:
    parser = _Cells()
    parser.feed(markup)
    parser.close()
    assert parser.stack == [], f"unclosed tags: {parser.stack}"
    return parser


def _html(value: Any) -> str:
    """What Jupyter shows, through the ``_repr_html_`` protocol (query results are typed as plain tuples)."""
    markup: str = value._repr_html_()
    return markup


def _pretty(value: Any) -> str:
    """What IPython's pretty printer shows, through the ``_repr_pretty_`` protocol."""

    class Printer:
        def __init__(self) -> None:
            self.out = io.StringIO()

        def text(self, text: str) -> None:
            self.out.write(text)

    printer = Printer()
    value._repr_pretty_(printer, False)
    return printer.out.getvalue()


def test_every_query_result_renders_as_a_table_of_its_records() -> None:
    results: list[tuple[Any, ...]] = [
        cir.events(),
        cir.events(kind="meeting"),
        cir.events(actor="country:us"),
        cir.events(kind="meeting", actor="country:cu"),
        cir.events_between("2006", "2008"),
        cir.events_between("2006", "2008", mode="within"),
        cir.agreements(),
        cir.agreements_by_field("banking"),
        cir.agreements_by_field("communications"),
        cir.statements(),
        cir.statements(speaker="person:ebrahim-raisi"),
        cir.statements(about="country:us"),
        cir.facts(),
        cir.facts(topic="nuclear"),
        cir.figures(),
        cir.people(),
        cir.missions(),
        cir.sources(),
        cir.relations_history(),
    ]
    assert any(not result for result in results)
    for result in results:
        ids = {record.id for record in result}
        parser = _parse(_html(result))
        assert [cell for cell in parser.cells if cell in ids] == [record.id for record in result]
        assert parser.tables == (1 if result else 0)
        assert repr(result) == repr(tuple(result))  # the tuple's own repr: only notebooks and IPython differ


def test_results_html_has_a_row_per_record_with_its_text() -> None:
    events = cir.events()
    parser = _parse(_html(events))
    assert parser.tables == 1
    for event in events:
        assert event.id in parser.cells
    assert any("Cuba and Iran established relations." in cell for cell in parser.cells)


def test_results_of_mixed_types_render_one_table_per_type() -> None:
    mixed = cir.Results((*cir.events()[:2], *cir.people()[:3]))
    parser = _parse(mixed._repr_html_())
    assert parser.tables == 2
    assert "2 Event records" in mixed._repr_html_()
    assert "3 Person records" in mixed._repr_html_()


def test_empty_results_say_so() -> None:
    empty = cir.events_between("1900", "1901")
    assert empty == ()
    assert "No records" in _html(empty)
    assert "no records" in _pretty(empty)


def test_html_escapes_markup_in_record_text() -> None:
    event = cir.events()[0]
    hostile = attrs.evolve(event, summary="<script>alert('x')</script> & <b>bold</b>")
    for markup in (_html(hostile), _html(cir.Results((hostile,)))):
        assert "<script>" not in markup
        assert "<b>" not in markup
        assert html.escape("<script>alert('x')</script> & <b>bold</b>") in markup
        _parse(markup)


def test_record_html_shows_every_value_in_full() -> None:
    agreement = cir.get("agreement:2006-01-havana-cooperation-document")
    assert isinstance(agreement, cir.Agreement)
    parser = _parse(agreement._repr_html_())
    values = dict(zip(parser.cells[0::2], parser.cells[1::2], strict=True))
    assert values["signed"] == "2006-01"
    assert values["kind"] == "cooperation_document"
    assert values["fields"].split("; ") == sorted(field.value for field in agreement.fields)
    for citation in agreement.citations:  # a single record shows every quote in full
        assert citation.quote in values["citations"]
        assert citation.source_id in values["citations"]


def _data_names(record_type: type) -> list[str]:
    """The attributes that are a record's data: those equality compares (a source's folder is not)."""
    return [a.name for a in attrs.fields(record_type) if a.eq]


def _empty(value: object) -> bool:
    return value is None or value in ((), frozenset(), "")


@pytest.mark.parametrize("kind", cir.KINDS, ids=[kind.name for kind in cir.KINDS])
def test_every_record_kind_renders_its_data_as_html_and_text(kind: cir.Kind) -> None:
    record: Any = cir.dataset().of_kind(kind.name)[0]
    names = _data_names(kind.cls)
    parser = _parse(record._repr_html_())
    assert parser.cells[0::2] == names  # a lone record shows every attribute, empty or not
    assert record.id in parser.cells
    lines = _pretty(record).splitlines()
    assert lines[0] == f"{kind.cls.__name__} {record.id}"
    labels = [line.split(":")[0].strip() for line in lines[1:] if line.startswith("  ") and line[2] != " "]
    assert labels == names[1:]  # every attribute but the id, which heads the text
    # A results table leaves out the columns no row fills, and says which in its caption. It starts with what
    # the row is, when, what kind, and what it says.
    table = _parse(_html(cir.Results((record,))))
    filled = [name for name in names if not _empty(getattr(record, name))]
    assert sorted(table.heads) == sorted(filled)
    assert table.heads[0] == "id"
    first = [n for n in ("date", "signed", "period", "start", "kind", "topic", "status") if n in filled][:2]
    assert table.heads[1 : 1 + len(first)] == first
    headline = [n for n in ("summary", "title", "text", "description", "name") if n in filled][:1]
    assert table.heads[1 + len(first) : 2 + len(first)] == headline or not headline
    left_out = [name for name in names if name not in filled]
    assert ("columns empty in every row shown: " + ", ".join(left_out) in table.captions[0]) == bool(left_out)


def test_a_query_result_knows_the_dataset_it_came_from(folder: Path) -> None:
    data = cir.dataset()
    results: list[Any] = [
        cir.events(),
        cir.events_between("1900", "1901"),  # empty, and still from the dataset
        cir.events(kind="meeting", actor="country:cu"),
        cir.agreements_by_field("banking"),
        cir.agreements_by_field("sports"),
        cir.statements(speaker="person:fidel-castro", about="country:us"),
        cir.facts(topic="nuclear"),
        cir.search("sugar"),
        cir.people(),
        data.of_kind("relations"),
    ]
    for result in results:
        assert isinstance(result, cir.Results)
        assert result.dataset is data
    own = cir.load(folder)
    assert own.events_between("2006", "2008").dataset is own
    assert own.events_between("2006", "2008") == data.events_between("2006", "2008")  # equal as tuples
    assert cir.Results(cir.events()).dataset is None  # built by hand


def test_a_result_pickles_and_copies_as_its_records_without_its_dataset() -> None:
    events = cir.events()
    for twin in (pickle.loads(pickle.dumps(events)), copy.copy(events), copy.deepcopy(events)):
        assert type(twin) is cir.Results
        assert twin == events
        assert twin.dataset is None


def test_a_results_table_names_every_record_it_refers_to_and_keeps_the_id_in_the_title() -> None:
    data = cir.dataset()
    checked = 0
    for kind in cir.KINDS:
        result: Any = data.of_kind(kind.name)
        parser = _parse(_html(result))
        assert sorted(parser.heads) == sorted(
            n for n in _data_names(kind.cls) if any(not _empty(getattr(r, n)) for r in result)
        )
        for record, row in zip(result, parser.rows(), strict=True):
            for attribute in attrs.fields(kind.cls):
                if "refers_to" not in attribute.metadata or _empty(getattr(record, attribute.name)):
                    continue
                value = getattr(record, attribute.name)
                ids = list(value) if isinstance(value, tuple) else [value]
                text, titles = row[attribute.name]
                assert titles == ids
                assert text.split("\n") == [name_of(data.get(i)) for i in ids]
                checked += len(ids)
    assert checked > 100


def test_a_results_table_names_people_countries_and_places_in_words() -> None:
    visit = cir.events_between("2023", "2023")
    parser = _parse(_html(visit))
    assert "Ebrahim Raisi\nCuba" in parser.cells  # participants, one per line
    cells = dict(zip(parser.cells, parser.titles, strict=True))
    assert cells["Ebrahim Raisi\nCuba"] == ["person:ebrahim-raisi", "country:cu"]
    assert "person:ebrahim-raisi" not in parser.cells


def test_citations_show_one_per_line_with_their_source_by_name() -> None:
    agreement = cir.get("agreement:2006-01-havana-cooperation-document")
    assert isinstance(agreement, cir.Agreement)
    parser = _parse(_html(cir.agreements_by_field("sugar industry")))
    row = next(r for r in parser.rows() if r["id"][0] == agreement.id)
    text, titles = row["citations"]
    lines = text.split("\n")
    assert len(lines) == len(agreement.citations) == len(titles)
    source = cir.get("source:wikipedia-cuba-iran-relations")
    assert isinstance(source, cir.Source)
    for line, title, citation in zip(lines, titles, agreement.citations, strict=True):
        assert title == citation.source_id
        assert line.startswith(f"{source.title} [{citation.start}:{citation.end}]: “")
        assert citation.quote.startswith(line.split(": “", 1)[1].rstrip("…”"))


def test_a_relative_phrase_shows_the_report_it_counts_from() -> None:
    parser = _parse(_html(cir.events(kind="visit")))
    raisi = cir.get("event:2023-raisi-visit-to-cuba")
    assert isinstance(raisi, cir.Event)
    assert raisi.date.phrase == "Two years ago"
    report = cir.get(raisi.citations[0].source_id)
    assert isinstance(report, cir.Source)
    assert report.published == cir.PartialDate("2025-04-01")
    assert "2023\n“Two years ago”, in a news report of 1 April 2025" in parser.cells
    # Without a dataset, the date shows as it is held: EDTF and phrase.
    alone = _parse(_html(cir.Results((raisi,))))
    assert "2023 (Two years ago)" in alone.cells


def test_a_lone_record_shows_what_it_holds_ids_and_whole_quotes() -> None:
    agreement = cir.get("agreement:2006-01-havana-cooperation-document")
    assert isinstance(agreement, cir.Agreement)
    parser = _parse(agreement._repr_html_())
    values = dict(zip(parser.cells[0::2], parser.cells[1::2], strict=True))
    assert values["parties"].split("\n") == list(agreement.parties)
    lines = values["citations"].split("\n")
    assert len(lines) == len(agreement.citations)
    for line, citation in zip(lines, agreement.citations, strict=True):
        assert line == f"{citation.source_id} [{citation.start}:{citation.end}]: “{citation.quote}”"


def test_a_cameo_code_carries_its_description() -> None:
    parser = _parse(_html(cir.events(kind="visit")))
    cells = dict(zip(parser.cells, parser.titles, strict=True))
    assert cells["042"] == [cir.cameo_code("042").name]


def test_str_of_a_record_is_its_aligned_text_and_repr_is_unchanged() -> None:
    for record in cir.dataset():
        text = str(record)
        assert text == _pretty(record)
        lines = text.splitlines()
        assert lines[0] == f"{type(record).__name__} {record.id}"
        fields = [line for line in lines[1:] if line[2] != " "]
        assert len({line.index(": ") for line in fields}) == 1  # aligned
        assert all(not line.endswith(": ") for line in fields)  # an empty value says "(none)"
        assert repr(record).startswith(f"{type(record).__name__}(id=")


def test_printing_a_result_shows_its_aligned_lines() -> None:
    events = cir.events_between("2006", "2008")
    out = io.StringIO()
    print(events, file=out)
    assert out.getvalue() == _pretty(events) + "\n"
    assert str(events) != repr(events)
    assert f"{events}".splitlines()[0] == f"Results: {len(events)} records"


def test_plain_text_lists_one_aligned_line_per_record() -> None:
    events = cir.events()
    text = _pretty(events)
    lines = text.splitlines()
    assert lines[0] == f"Results: {len(events)} records"
    assert len(lines) == len(events) + 1
    for line, event in zip(lines[1:], events, strict=True):
        assert line.split()[0] == event.id
        assert event.kind.value in line
    kind_columns = {line.index("  " + event.kind.value + " ") for line, event in zip(lines[1:], events, strict=True)}
    assert len(kind_columns) == 1  # aligned


def test_record_text_shows_dates_with_their_phrase_money_roles_and_quotes() -> None:
    visit = cir.get("event:2023-raisi-visit-to-cuba")
    assert "date        : 2023 (Two years ago)" in _pretty(visit)
    credit = cir.get("figure:2008-iran-credit-line-to-cuba")
    assert "200,000,000 EUR" in _pretty(credit)
    minister = cir.get("person:bruno-rodriguez")
    assert isinstance(minister, cir.Person)
    text = _pretty(minister)
    for role in minister.roles:
        assert role.title in text
        assert role.country is None or role.country in text
    for citation in minister.citations:
        assert f"“{citation.quote}”" in text


def test_pretty_printing_a_cycle_does_not_recurse() -> None:
    class Printer:
        def __init__(self) -> None:
            self.parts: list[str] = []

        def text(self, text: str) -> None:
            self.parts.append(text)

    printer = Printer()
    events: Any = cir.events()
    events._repr_pretty_(printer, True)
    cir.events()[0]._repr_pretty_(printer, True)
    assert printer.parts[0] == "Results(...)"
    assert printer.parts[1] == repr(cir.events()[0])


def test_ipython_uses_the_readable_text_for_records_and_results() -> None:
    from IPython.lib import pretty as ipython_pretty

    pretty: Any = ipython_pretty.pretty  # untyped

    agreement = cir.get("agreement:2006-01-havana-cooperation-document")
    assert pretty(agreement).splitlines()[0] == f"Agreement {agreement.id}"
    assert pretty(cir.events()).splitlines()[0] == f"Results: {len(cir.events())} records"
    assert repr(agreement).startswith("Agreement(id=")  # repr itself is unchanged


def test_long_results_show_the_first_rows_and_count_the_rest() -> None:
    event = cir.events()[0]
    many = cir.Results(attrs.evolve(event, id=f"event:copy-{n:03d}") for n in range(250))
    parser = _parse(_html(many))
    assert "event:copy-199" in parser.cells
    assert "event:copy-200" not in parser.cells
    assert "… and 50 more" in parser.cells
    assert "250 Event records" in _html(many)
