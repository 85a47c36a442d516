"""The ``cir-table`` directive: tables about the bundled data, computed from the library at build time.

The vocabularies, the record counts, the CAMEO codes, the events' roles and the sentence coverage shown in the
docs are read from the package itself while the docs build, so the pages cannot drift from the data they describe.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

import cuba_iran_relations as cir

if TYPE_CHECKING:
    from sphinx.application import Sphinx

Rows = tuple[Sequence[str], list[Sequence[str]]]

VOCABULARIES = ("Field", "EventKind", "AgreementKind", "FactTopic", "FigureKind", "RelationsStatus")


def _code(text: str) -> str:
    return f"`{text}`"


def vocabulary_rows(name: str) -> Rows:
    """One row per member of the vocabulary ``name``: its name, its value and its aliases."""
    if name not in VOCABULARIES:
        raise ValueError(f"vocabulary: got {name!r}; expected one of {', '.join(VOCABULARIES)}")
    vocabulary = getattr(cir, name)
    aliases = vocabulary.aliases()
    rows: list[Sequence[str]] = [
        (
            _code(f"{name}.{member.name}"),
            _code(member.value),
            ", ".join(f'"{a}"' for a in aliases.get(member.value, ())),
        )
        for member in vocabulary
    ]
    return ("member", "value", "aliases"), rows


def record_count_rows() -> Rows:
    """How many records of each type the bundled dataset holds."""
    counts = Counter(type(record).__name__ for record in cir.dataset())
    rows: list[Sequence[str]] = [(f"{{class}}`~cuba_iran_relations.{kind}`", str(n)) for kind, n in counts.items()]
    rows.append(("**all records**", f"**{sum(counts.values())}**"))
    return ("record type", "records"), rows


def cameo_rows() -> Rows:
    """One row per CAMEO code the bundled events use: its label, its root code, GDELT's quad class and Goldstein
    score, and how many events carry it."""
    counts = Counter(event.cameo for event in cir.events() if event.cameo is not None)
    rows: list[Sequence[str]] = []
    for code in sorted(counts):
        info = cir.cameo_code(code)
        root = f"`{info.root_code}` {(info.root_name or '').capitalize()}"
        quad = "" if info.quad_class is None else str(info.quad_class)
        goldstein = "" if info.goldstein is None else f"{info.goldstein:.1f}"
        rows.append((_code(code), info.name or "", root, quad, goldstein, str(counts[code])))
    return ("code", "label", "root code", "quad class", "Goldstein (GDELT)", "events"), rows


def _names(ids: Sequence[str]) -> str:
    """The names of the records ``ids`` (people, countries, organizations), or a dash where there are none."""
    return ", ".join(str(getattr(cir.get(i), "name", i)) for i in ids) or "—"


def event_role_rows() -> Rows:
    """One row per bundled event, chronologically: its date, id, kind and CAMEO code, who acted and who the act was
    aimed at (a dash where the source names no one)."""
    rows: list[Sequence[str]] = [
        (
            _code(event.date.edtf) + (f" ({event.date.phrase})" if event.date.phrase else ""),
            _code(event.id),
            _code(event.kind.value),
            _code(event.cameo) if event.cameo else "",
            _names(event.actors),
            _names(event.targets),
        )
        for event in cir.events()
    ]
    return ("date", "event", "kind", "CAMEO", "actors", "targets"), rows


def coverage_rows() -> Rows:
    """Per source: its sentences, how many records cite, how many are left uncited with a reason."""
    report = cir.coverage_report()
    rows: list[Sequence[str]] = []
    for source in cir.sources():
        lines = [s for s in report if s.source_id == source.id]
        cited = sum(1 for s in lines if s.cited_by)
        explained = sum(1 for s in lines if not s.cited_by and s.reason is not None)
        rows.append(
            (_code(source.id), str(len(lines)), str(cited), str(explained), str(len(lines) - cited - explained))
        )
    return ("source", "sentences and lines", "cited by records", "uncited, with a reason", "unaccounted for"), rows


def uncited_rows() -> Rows:
    """Every sentence or line no record cites, with the recorded reason."""
    rows: list[Sequence[str]] = [
        (_code(s.source_id), _code(s.text), s.reason or "**no reason recorded**")
        for s in cir.coverage_report()
        if not s.cited_by
    ]
    return ("source", "line", "why no record cites it"), rows


TABLES: dict[str, Callable[..., Rows]] = {
    "vocabulary": vocabulary_rows,
    "record-counts": record_count_rows,
    "cameo": cameo_rows,
    "event-roles": event_role_rows,
    "coverage": coverage_rows,
    "uncited": uncited_rows,
}


def markdown_table(header: Sequence[str], rows: list[Sequence[str]]) -> list[str]:
    """The MyST (Markdown) table for ``header`` and ``rows``; the pages are MyST, so nested content is too."""

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return [line(header), line(["---"] * len(header)), *(line(row) for row in rows)]


class CirTable(SphinxDirective):
    """``{cir-table} vocabulary Field``, ``record-counts``, ``cameo``, ``event-roles``, ``coverage`` or
    ``uncited``."""

    required_arguments = 1
    optional_arguments = 1
    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {}

    def run(self) -> list[nodes.Node]:
        kind, *arguments = self.arguments
        if kind not in TABLES:
            raise self.error(f"cir-table: got {kind!r}; expected one of {', '.join(TABLES)}")
        header, rows = TABLES[kind](*arguments)
        container = nodes.container()
        self.state.nested_parse(
            StringList(markdown_table(header, rows), source="cir-table"), self.content_offset, container
        )
        return container.children


def setup(app: Sphinx) -> dict[str, object]:
    """Register the directive."""
    app.add_directive("cir-table", CirTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
