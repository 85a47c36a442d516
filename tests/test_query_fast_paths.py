"""The shortcuts of the hot queries give exactly what the general code paths give."""

from __future__ import annotations

import pytest

import cuba_iran_relations as cir
from cuba_iran_relations._dataset import _field_spellings
from cuba_iran_relations._vocab import parse_term


def test_every_prepared_field_spelling_names_what_parse_term_names() -> None:
    spellings = _field_spellings()
    assert set(cir.Field) <= spellings.keys()
    for spelling, member in spellings.items():
        assert parse_term(cir.Field, spelling, "field") is member


@pytest.mark.parametrize("field", [*cir.Field, *(f.value for f in cir.Field), "Sugar-Industry", "  BANKING "])
def test_agreements_by_field_equals_a_scan_for_prepared_and_other_spellings(field: cir.Field | str) -> None:
    member = parse_term(cir.Field, field, "field")
    expected = tuple(a for a in cir.agreements() if member in a.fields)
    assert cir.agreements_by_field(field) == expected


@pytest.mark.parametrize(("field", "error"), [(["banking"], TypeError), ("no such field", ValueError), (3, TypeError)])
def test_agreements_by_field_still_refuses_bad_fields(field: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="field"):
        cir.agreements_by_field(field)  # type: ignore[arg-type]
