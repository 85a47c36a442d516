"""The event layer: every dated act an event with its CAMEO code and roles, verbal events and their statements
pointing to each other, statements by what they are about, and ids renamed since 0.1 still resolving."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cuba_iran_relations as cir
from cuba_iran_relations._cli import main  # the console script's entry point: the command line's public face

ACTOR_KINDS = (cir.Country, cir.Person, cir.Organization)


def event(record_id: str) -> cir.Event:
    found = cir.get(record_id)
    assert isinstance(found, cir.Event)
    return found


# --- the bundled events ------------------------------------------------------------------------------------------


def test_every_events_actors_and_targets_are_countries_people_or_organizations_among_its_participants() -> None:
    for found in cir.events():
        for ref in (*found.actors, *found.targets):
            assert isinstance(cir.get(ref), ACTOR_KINDS), (found.id, ref)
            assert ref in found.participants, (found.id, ref)
        assert not set(found.actors) & set(found.targets), found.id


def test_every_verbal_event_and_its_statement_point_to_each_other() -> None:
    verbal = [e for e in cir.events() if e.kind.verbal]
    assert verbal
    for found in verbal:
        assert found.statement is not None
        said = cir.get(found.statement)
        assert isinstance(said, cir.Statement)
        assert said.event == found.id
        assert set(said.speakers) >= set(found.actors)  # whoever acted in words is among the speakers
    for said in cir.statements():
        if said.event is not None:
            assert event(said.event).statement == said.id


def test_a_condemnation_is_an_event_on_the_date_of_the_act_it_condemns_marked_approximate() -> None:
    june = cir.events_between("2025-06-01", "2025-06-30")
    strikes = event("event:2025-06-us-strikes-on-iranian-nuclear-sites")
    condemnations = [e for e in june if e.kind is cir.EventKind.CRITICISM]
    assert strikes in june
    assert condemnations
    for found in condemnations:
        assert (found.actors, found.targets, found.cameo) == (("person:miguel-diaz-canel",), ("country:us",), "111")
        assert found.date.approximate
        assert (found.date.earliest, found.date.latest) == (strikes.date.earliest, strikes.date.latest)
        assert found.date.phrase is not None
        assert found.date.phrase in found.citations[0].quote  # the source's words tying it to the strikes


def test_people_who_only_speak_are_actors_of_their_verbal_events() -> None:
    assert cir.events(actor="person:miguel-diaz-canel")
    assert all(e.kind.verbal for e in cir.events(actor="person:miguel-diaz-canel"))
    assert cir.events(kind="criticism", actor="country:cu")


def test_the_first_of_april_rally_and_reiteration_are_two_acts_with_their_own_codes_and_statements() -> None:
    rally = event("event:2025-04-01-cuba-iran-rally-against-us-sanctions")
    reiteration = event("event:2025-04-01-cuba-iran-reiterate-willingness-to-cooperate")
    assert (rally.cameo, rally.targets) == ("111", ("country:us",))
    assert (reiteration.cameo, reiteration.targets) == ("0311", ())
    assert rally.actors == reiteration.actors == ("country:cu", "country:ir")
    assert rally.statement != reiteration.statement


def test_passive_sentences_name_no_actor_and_the_gdelt_export_invents_none() -> None:
    for record_id in ("event:1976-relations-interrupted", "event:1979-relations-restored"):
        found = event(record_id)
        assert (found.actors, found.targets) == ((), ())
        assert "were" in found.summary  # the summary keeps the passive
        row = next(r for r in cir.to_gdelt() if r["GLOBALEVENTID"] == record_id)
        assert (row["Actor1Name"], row["Actor2Name"]) == ("", "")


def test_what_the_text_does_not_say_is_not_in_the_records() -> None:
    # The Islamic Revolution is dated only as before the 1979 re-establishment: no event, a fact ending in 1979.
    assert not [e for e in cir.events() if "Islamic Revolution" in e.summary and "re-established" not in e.summary]
    revolution = cir.get("fact:islamic-revolution-before-1979-re-establishment")
    assert isinstance(revolution, cir.Fact)
    assert revolution.date is not None
    assert (revolution.date.open_start, revolution.date.latest.isoformat()) == (True, "1979-12-31")
    # "the visit", not a state visit; the meeting's "cordial atmosphere" is the ministry's, not the narrator's.
    assert event("event:2023-raisi-visit-to-cuba").kind is cir.EventKind.VISIT
    assert "cordial" not in event("event:2025-04-01-havana-foreign-ministry-meeting").summary
    # What the diplomats "addressed" and "spoke about" is the report's wording, not their direct quotation.
    for record_id in (
        "statement:2025-04-01-unilateral-coercive-measures",
        "statement:2025-04-01-middle-east-situation",
    ):
        said = cir.get(record_id)
        assert isinstance(said, cir.Statement)
        assert not said.direct
        assert said.text.startswith(("both diplomats also addressed", "They also spoke about"))
    # "information technology and communications" names communications, not telecommunications.
    assert "agreement:2006-01-havana-cooperation-document" in [a.id for a in cir.agreements_by_field("communications")]
    assert "agreement:2006-01-havana-cooperation-document" not in [
        a.id for a in cir.agreements_by_field("telecommunications")
    ]
    # The six agreements are a stated count of the signing, and the report's own date line is structured.
    assert event("event:2023-raisi-visit-agreements-signing").stated_count == 6
    efe = cir.get("source:efe-14ymedio-2025-04-01")
    assert isinstance(efe, cir.Source)
    assert efe.date_line is not None
    assert efe.date_line.edtf == "2025-04-02"
    assert efe.text.startswith(" date 2025-04-02")


def test_every_code_used_is_in_gdelts_lookup_with_a_label_and_a_goldstein_score() -> None:
    for found in cir.events():
        assert found.cameo is not None
        looked_up = cir.cameo_code(found.cameo)
        assert looked_up.name
        assert looked_up.goldstein is not None


# --- statements about something -------------------------------------------------------------------------------


def test_statements_about_a_record_are_those_whose_targets_name_it() -> None:
    for record in cir.dataset():
        about = cir.statements(about=record)
        assert about == cir.statements(about=record.id)
        assert about == tuple(s for s in cir.statements() if record.id in s.targets)
    assert cir.statements(about="country:us")
    assert cir.statements(about="country:il")


def test_statements_by_speaker_and_about_together_keep_those_matching_both() -> None:
    for speaker in ("person:miguel-diaz-canel", "country:cu", "person:bruno-rodriguez"):
        for about in ("country:us", "country:ir", "event:2025-06-us-strikes-on-iranian-nuclear-sites"):
            both = cir.statements(speaker=speaker, about=about)
            assert both == tuple(s for s in cir.statements(speaker=speaker) if about in s.targets)


@pytest.mark.parametrize("bad", [3, b"country:us", ["country:us"], 2.5, object()])
def test_statements_about_something_neither_a_record_nor_an_id_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="about: got"):
        cir.statements(about=bad)  # type: ignore[arg-type]


def test_statements_about_an_unknown_id_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="about: got 'country:xx'"):
        cir.statements(about="country:xx")


def test_the_command_line_lists_statements_about_a_record() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["statements", "--about", "country:us", "--format", "json"], out, err) == 0
    assert [r["id"] for r in json.loads(out.getvalue())] == [s.id for s in cir.statements(about="country:us")]
    assert main(["statements", "--about", "country:xx"], io.StringIO(), err) == 2
    assert "about: got 'country:xx'" in err.getvalue()


# --- the rules of a record --------------------------------------------------------------------------------------

roles = st.lists(st.sampled_from(["country:cu", "country:ir", "country:us", "person:p"]), unique=True, max_size=3)


@given(participants=roles, actors=roles, targets=roles)
def test_an_event_accepts_actors_and_targets_exactly_when_they_are_distinct_participants(
    participants: list[str], actors: list[str], targets: list[str]
) -> None:
    base = event("event:2008-iran-credit-line-to-cuba")
    valid = set(actors) | set(targets) <= set(participants) and not set(actors) & set(targets)
    change: dict[str, Any] = {"participants": tuple(participants), "actors": tuple(actors), "targets": tuple(targets)}
    if valid:
        assert attrs.evolve(base, **change).actors == tuple(actors)
    else:
        with pytest.raises(ValueError, match="targets: "):
            attrs.evolve(base, **change)


def test_a_verbal_event_needs_its_statement_and_a_material_one_has_none() -> None:
    verbal = event("event:2025-06-diaz-canel-condemns-us-strikes")
    material = event("event:2008-iran-credit-line-to-cuba")
    with pytest.raises(ValueError, match="statement: got None; a criticism event needs the statement"):
        attrs.evolve(verbal, statement=None)
    with pytest.raises(ValueError, match="statement: got 'statement:x'; a credit_grant event is not a verbal act"):
        attrs.evolve(material, statement="statement:x")


# --- a folder's links and redirects ------------------------------------------------------------------------------


def rewrite(folder: Path, name: str, change: Any) -> None:
    items = json.loads((folder / name).read_text(encoding="utf-8"))
    change(items)
    (folder / name).write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")


def problems(folder: Path) -> tuple[str, ...]:
    with pytest.raises(cir.DatasetError) as caught:
        cir.load(folder)
    return caught.value.problems


def test_a_statement_that_does_not_point_back_to_its_event_is_refused_at_both_ends(folder: Path) -> None:
    events = [item["id"] for item in json.loads((folder / "events.json").read_text(encoding="utf-8"))]
    statements = [item["id"] for item in json.loads((folder / "statements.json").read_text(encoding="utf-8"))]
    verbal = event("event:2025-06-diaz-canel-condemns-us-strikes")
    other = "event:2025-06-diaz-canel-says-strikes-plunge-humanity-into-crisis"
    said_at = statements.index(str(verbal.statement))
    rewrite(folder, "statements.json", lambda items: items[said_at].update(event=other))
    assert problems(folder) == (
        (
            f"events.json: $[{events.index(verbal.id)}].statement: {verbal.statement!r} does not point back to this "
            f"event (its event is {other!r})"
        ),
        (
            f"statements.json: $[{said_at}].event: {other!r} does not point back to this statement (its statement is "
            f"{event(other).statement!r})"
        ),
    )


def test_ids_renamed_since_0_1_resolve_to_the_records_they_name_now() -> None:
    redirects = cir.dataset().redirects()
    assert {r.old_id for r in redirects} == {"event:2023-raisi-state-visit-to-cuba", "event:1979-islamic-revolution"}
    for redirect in redirects:
        assert cir.get(redirect.old_id) is cir.get(redirect.new_id)
        assert redirect.old_id not in cir.dataset()  # no record has the old id itself
        assert redirect.since == "0.2.0"
    assert cir.events(actor="person:ebrahim-raisi") == (cir.get("event:2023-raisi-state-visit-to-cuba"),)


@pytest.mark.parametrize(
    ("redirect", "expected"),
    [
        (
            {"old_id": "event:1975-relations-established", "new_id": "event:1976-relations-interrupted"},
            "redirects.json: $[2].old_id: 'event:1975-relations-established' is the id of a record, not a former id",
        ),
        ({"old_id": "event:old", "new_id": "event:no-such-record"}, "redirects.json: $[2].new_id: unknown id"),
        (
            {"old_id": "event:2023-raisi-state-visit-to-cuba", "new_id": "event:1975-relations-established"},
            "redirects.json: $[2].old_id: 'event:2023-raisi-state-visit-to-cuba' is redirected more than once",
        ),
        ({"old_id": "event:old", "new_id": "event:1975-relations-established", "since": "soon"}, "$[2].since"),
    ],
)
def test_a_broken_redirect_is_refused_with_its_path(folder: Path, redirect: dict[str, str], expected: str) -> None:
    rewrite(folder, "redirects.json", lambda items: items.append({"since": "0.2.0", **redirect}))
    found = problems(folder)
    assert any(problem.startswith(expected) or expected in problem for problem in found), found
