"""search(text): every record whose words hold all the words of a query, case- and accent-insensitive, records
matching in their own text first, then chronologically, then by id."""

from __future__ import annotations

import io
import json
import unicodedata
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cuba_iran_relations as cir
from cuba_iran_relations._cli import main  # the console script's entry point: the command line's public face

# The attributes of free text a person wrote (not ids, codes or vocabularies): search's own words.
TEXT_ATTRIBUTES = {
    "summary", "text", "title", "name", "aliases", "description", "attribution", "provisions", "reported_as",
    "publisher", "license", "notes", "qualifier", "kind",
}  # fmt: skip


def _fold(text: str) -> str:
    """An independent folding: accents off by NFD, case off by lower(), every other character a space."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn").lower()
    return "".join(c if c.isalnum() else " " for c in plain)


def _own(record: Any) -> set[str]:
    texts: list[str] = []
    for attribute in attrs.fields(type(record)):
        value = getattr(record, attribute.name)
        if attribute.name in TEXT_ATTRIBUTES and isinstance(value, str):  # an event's kind is a vocabulary
            texts.append(value)
        elif attribute.name in TEXT_ATTRIBUTES and isinstance(value, tuple):
            texts.extend(value)
        elif attribute.name == "roles":
            texts.extend(text for role in value for text in (role.title, role.qualifier) if text)
    return {word for text in texts for word in _fold(text).split()}


def _quoted(record: Any) -> set[str]:
    return {word for c in getattr(record, "citations", ()) for word in _fold(c.quote).split()}


def _expected(text: str) -> list[str]:
    """What the definition says search(text) returns, by a scan of every record."""
    wanted = set(_fold(text).split())
    own = [r for r in cir.dataset() if wanted <= _own(r)]
    anywhere = [r for r in cir.dataset() if r not in own and wanted <= _own(r) | _quoted(r)]

    def order(record: Any) -> tuple[bool, Any, Any, str]:
        when = next(
            (getattr(record, n) for n in ("date", "signed", "period", "start") if getattr(record, n, None)), None
        )
        return (when is None, when and when.earliest, when and when.latest, record.id)

    return [r.id for r in sorted(own, key=order)] + [r.id for r in sorted(anywhere, key=order)]


ALL_WORDS = sorted({word for record in cir.dataset() for word in _own(record) | _quoted(record)})


@given(st.lists(st.sampled_from(ALL_WORDS), min_size=1, max_size=3))
def test_search_returns_what_a_scan_of_every_record_returns_in_order(words: list[str]) -> None:
    assert [r.id for r in cir.search(" ".join(words))] == _expected(" ".join(words))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rodriguez", "person:bruno-rodriguez"),
        ("RADIO MARTÍ", "fact:iran-jamming-station-outside-havana"),
        ("diaz canel", "person:miguel-diaz-canel"),
        ("Díaz-Canel", "person:miguel-diaz-canel"),
        ("  jatibzadeh  ", "person:saeed-khatibzadeh"),
    ],
)
def test_case_accents_and_punctuation_do_not_matter(query: str, expected: str) -> None:
    assert expected in [r.id for r in cir.search(query)]


def test_diaz_canel_is_found_the_same_however_written() -> None:
    assert cir.search("diaz canel") == cir.search("Díaz-Canel") == cir.search("DIAZ-CANEL")


def test_records_matching_in_their_own_words_come_before_those_matching_only_in_a_quote() -> None:
    # "Observers" is only in the jamming fact's quote ("Observers of Cuba point to the fact"), not in its text.
    found = cir.search("havana")
    ids = [r.id for r in found]
    own = [i for i in ids if "havana" in _own(cir.get(i))]
    assert ids[: len(own)] == own
    assert ids[len(own) :], "some record holds the word only in a quote"
    assert all("havana" not in _own(cir.get(i)) for i in ids[len(own) :])


def test_a_word_no_record_holds_finds_nothing() -> None:
    assert cir.search("zeppelin") == ()
    assert cir.search("havana zeppelin") == ()


@pytest.mark.parametrize("bad", [None, 3, b"havana", ["havana"], cir.Field.BANKING])
def test_search_for_something_not_a_string_is_a_type_error_naming_text(bad: object) -> None:
    with pytest.raises(TypeError, match="text: got"):
        cir.search(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("blank", ["", "   ", "—", "!!"])
def test_search_for_no_word_is_a_value_error_naming_text(blank: str) -> None:
    with pytest.raises(ValueError, match="text: got"):
        cir.search(blank)


def test_a_loaded_dataset_searches_its_own_records() -> None:
    data = cir.Dataset(people=[cir.get("person:fidel-castro")])
    assert [r.id for r in data.search("castro")] == ["person:fidel-castro"]
    assert data.search("rodriguez") == ()


def test_the_command_line_searches_in_every_format() -> None:
    assert main(["search", "radio", "marti", "--format", "json"], io.StringIO(), io.StringIO()) == 2  # one TEXT
    out = io.StringIO()
    assert main(["search", "radio marti", "--format", "json"], out, io.StringIO()) == 0
    assert [r["id"] for r in json.loads(out.getvalue())] == [r.id for r in cir.search("radio marti")]
    out = io.StringIO()
    assert main(["search", "radio marti", "--format", "csv"], out, io.StringIO()) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "id,kind,label"
    assert [line.split(",")[0] for line in lines[1:]] == [r.id for r in cir.search("radio marti")]
    err = io.StringIO()
    assert main(["search", " "], io.StringIO(), err) == 2
    assert "text: got ' '" in err.getvalue()
