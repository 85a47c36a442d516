"""Rich display: records and query results as HTML tables (Jupyter) and aligned plain text (IPython)."""

from __future__ import annotations

import html
import io
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest

import cuba_iran_relations as cir


class _Cells(HTMLParser):
    """Collects the text of every table cell and checks that tags nest properly."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.cells: list[str] = []
        self.tables = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        if tag == "table":
            self.tables += 1
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


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
    assert values["parties"].splitlines() == list(agreement.parties)
    for citation in agreement.citations:  # a single record shows every quote in full
        assert citation.quote in values["citations"]
        assert citation.source_id in values["citations"]


def _data_names(record_type: type) -> list[str]:
    """The attributes that are a record's data: those equality compares (a source's folder is not)."""
    return [a.name for a in attrs.fields(record_type) if a.eq]


@pytest.mark.parametrize("kind", cir.KINDS, ids=[kind.name for kind in cir.KINDS])
def test_every_record_kind_renders_its_data_as_html_and_text(kind: cir.Kind) -> None:
    record: Any = cir.dataset().of_kind(kind.name)[0]
    names = _data_names(kind.cls)
    parser = _parse(record._repr_html_())
    assert parser.cells[0::2] == names
    assert record.id in parser.cells
    lines = _pretty(record).splitlines()
    assert lines[0] == f"{kind.cls.__name__} {record.id}"
    labels = [line.split(":")[0].strip() for line in lines[1:] if line.startswith("  ") and line[2] != " "]
    assert labels == names[1:]  # every attribute but the id, which heads the text
    table = _parse(_html(cir.Results((record,))))
    assert table.cells[: len(names)] == names  # the header row of a results table


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
    visit = cir.get("event:2023-raisi-state-visit-to-cuba")
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
