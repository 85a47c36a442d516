"""A downstream analysis written against the public API, type-checked with ``mypy --strict`` by the release
rehearsal: every name, argument and result type below must be what the package declares."""

from __future__ import annotations

from datetime import date

import cuba_iran_relations as cir


def credit_and_trade() -> list[tuple[str, str]]:
    """Each money figure as its id and amount in words."""
    return [(figure.id, str(figure.money)) for figure in cir.figures()]


def events_in(start: cir.DateLike, end: cir.DateLike) -> list[str]:
    """The ids of the events that may fall between two dates, both inclusive."""
    found: cir.Results[cir.Event] = cir.events_between(start, end)
    assert found.dataset is cir.dataset()
    return [event.id for event in found]


def main() -> None:
    assert events_in("2006", date(2008, 12, 31)) == [e.id for e in cir.events_between(2006, 2008)]
    banking: tuple[cir.Agreement, ...] = cir.agreements_by_field(cir.Field.BANKING)
    speaker: cir.Person = cir.find_person("Raisi")
    status: cir.RelationsStatus = cir.relations_status("2025-04-01")
    report: cir.VerifyReport = cir.verify()
    table = cir.to_arrow("events")
    print(len(banking), speaker.name, status.value, report.ok, table.num_rows, credit_and_trade())


if __name__ == "__main__":
    main()
