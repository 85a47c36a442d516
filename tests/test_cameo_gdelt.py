"""Event-data alignment: CAMEO root codes, quad classes, Goldstein scores, and rows with GDELT column names."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest

import cuba_iran_relations as cir
from cuba_iran_relations._cli import main  # the console script's entry point: the command line's public face

# GDELT's CAMEO.goldsteinscale.txt (GDELT lookups directory), for the codes the bundled events use. The shipped
# table must keep these published values; a change to it is a change of source, not a tweak.
PUBLISHED_GDELT_GOLDSTEIN = {
    "010": 0.0,
    "031": 5.2,
    "0311": 5.2,
    "040": 1.0,
    "042": 1.9,
    "050": 3.5,
    "054": 6.0,
    "057": 8.0,
    "071": 7.4,
    "111": -2.0,
    "161": -4.0,
    "190": -10.0,
}

# The columns of GDELT 2.0's event table, in order, as the GDELT 2.0 Event Database Codebook lists them (GDELT 1.0
# has the same names but for the three ADM2Code columns).
GDELT_EVENT_TABLE = (  # noqa: SIM905 - the codebook's names, as it lists them
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles "
    "AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode "
    "Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type "
    "ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long "
    "ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
# What the package adds after the GDELT columns.
OUR_COLUMNS = ("summary", "date_edtf")


def assert_gdelt_columns(columns: tuple[str, ...]) -> None:
    """GDELT event-table columns in GDELT's order, then the package's own two."""
    gdelt, ours = columns[: -len(OUR_COLUMNS)], columns[-len(OUR_COLUMNS) :]
    assert ours == OUR_COLUMNS
    assert [GDELT_EVENT_TABLE.index(name) for name in gdelt] == sorted(GDELT_EVENT_TABLE.index(n) for n in gdelt)


def shipped_table() -> dict[str, Any]:
    """The CAMEO lookup table as shipped in the package data."""
    text = files("cuba_iran_relations.data").joinpath("reference", "cameo-gdelt.json").read_text(encoding="utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


def _quad_class_of_root(root: str) -> int | None:
    """The quad class groupings every published CAMEO table agrees on (roots 09 and 14 differ between them)."""
    number = int(root)
    if 1 <= number <= 5:
        return 1
    if 6 <= number <= 8:
        return 2
    if 10 <= number <= 13:
        return 3
    if 15 <= number <= 20:
        return 4
    return None


def test_every_coded_event_has_a_root_code_quad_class_and_goldstein_score() -> None:
    coded = [e for e in cir.events() if e.cameo is not None]
    assert coded
    for event in coded:
        assert event.cameo is not None
        assert event.cameo_root_code == event.cameo[:2]
        assert event.quad_class == _quad_class_of_root(event.cameo[:2])
        assert event.goldstein == PUBLISHED_GDELT_GOLDSTEIN[event.cameo]


def test_uncoded_events_have_no_alignment() -> None:
    uncoded = attrs.evolve(cir.events()[0], cameo=None)
    assert (uncoded.cameo_root_code, uncoded.quad_class, uncoded.goldstein) == (None, None, None)


def test_shipped_table_names_its_source_and_cameo_code_gives_its_published_values() -> None:
    table = shipped_table()
    assert "CAMEO.goldsteinscale.txt" in table["provenance"]["goldstein"]
    assert "GDELT" in table["table"]
    assert "ICEWS" in table["provenance"]["goldstein"]  # says which table it is not
    assert set(table["codes"]) == set(PUBLISHED_GDELT_GOLDSTEIN)
    for code, entry in table["codes"].items():
        looked_up = cir.cameo_code(code)
        assert (looked_up.goldstein, looked_up.name) == (PUBLISHED_GDELT_GOLDSTEIN[code], entry["name"])
        assert looked_up.quad_class == _quad_class_of_root(code[:2])
        assert looked_up.root_name == table["roots"][code[:2]]["name"]
    for root in table["roots"]:
        looked_up = cir.cameo_code(root)
        assert looked_up.quad_class == _quad_class_of_root(root)
        assert looked_up.goldstein is not None
        assert -10 <= looked_up.goldstein <= 10


def test_cameo_code_lookup() -> None:
    signing = cir.cameo_code("057")
    assert signing == cir.CameoCode(
        code="057",
        name="Sign formal agreement",
        root_code="05",
        root_name="ENGAGE IN DIPLOMATIC COOPERATION",
        quad_class=1,
        goldstein=8.0,
    )
    root = cir.cameo_code("05")
    assert (root.root_code, root.goldstein, root.name) == ("05", 3.5, "ENGAGE IN DIPLOMATIC COOPERATION")


def test_a_code_the_table_lacks_gets_no_invented_values() -> None:
    unknown = cir.cameo_code("0871")
    assert unknown.root_code == "08"
    assert (unknown.name, unknown.goldstein, unknown.quad_class) == (None, None, None)


def test_cameo_code_rejects_bad_input_naming_it() -> None:
    with pytest.raises(TypeError, match="code: got int 57"):
        cir.cameo_code(57)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"code: got list \['057'\]"):  # unhashable: checked before the cache
        cir.cameo_code(["057"])  # type: ignore[arg-type]
    for bad in ("5x", "5", "05701", "٠٥٧", " 057"):  # Arabic-Indic digits are not CAMEO codes
        with pytest.raises(ValueError, match=f"code: got {bad!r}"):
            cir.cameo_code(bad)


def test_gdelt_rows_use_gdelt_columns_and_the_datas_iso_codes() -> None:
    rows = cir.to_gdelt()
    coded = [e for e in cir.events() if e.cameo is not None]
    assert [r["GLOBALEVENTID"] for r in rows] == [e.id for e in coded]
    alpha3 = {c.alpha3 for c in cir.dataset().countries()}
    assert_gdelt_columns(tuple(rows[0]))
    for row, event in zip(rows, coded, strict=True):
        assert tuple(row) == tuple(rows[0])
        assert row["EventCode"] == event.cameo
        assert row["EventRootCode"] == event.cameo_root_code
        assert row["QuadClass"] == event.quad_class
        assert row["GoldsteinScale"] == event.goldstein
        # Actor1 is the first actor, Actor2 the first target or else a joint act's second actor; nobody else.
        first = event.actors[:1]
        second = event.targets[:1] or event.actors[1:2]
        assert row["Actor1Name"] == (cir.get(first[0]).name if first else "")  # type: ignore[union-attr]
        assert row["Actor2Name"] == (cir.get(second[0]).name if second else "")  # type: ignore[union-attr]
        assert row["Actor1CountryCode"] in alpha3 | {""}
        assert row["Actor2CountryCode"] in alpha3 | {""}
        assert row["ActionGeo_CountryCode"] == ""  # GDELT uses FIPS 10-4 here, which the data does not hold
        assert row["date_edtf"] == event.date.edtf


def test_gdelt_dates_are_filled_only_as_far_as_the_date_is_known() -> None:
    for row in cir.to_gdelt():
        when = cir.PartialDate(row["date_edtf"])
        if row["SQLDATE"] is not None:
            assert when.earliest == when.latest
            assert date(row["SQLDATE"] // 10000, row["SQLDATE"] // 100 % 100, row["SQLDATE"] % 100) == when.earliest
        else:
            assert when.earliest != when.latest
        if row["MonthYear"] is not None:
            assert (when.earliest.year, when.earliest.month) == (when.latest.year, when.latest.month)
            assert row["MonthYear"] == when.earliest.year * 100 + when.earliest.month
        if row["Year"] is not None:
            assert row["Year"] == when.earliest.year == when.latest.year
    meeting = next(
        r for r in cir.to_gdelt() if r["GLOBALEVENTID"] == "event:2025-04-01-havana-foreign-ministry-meeting"
    )
    assert (meeting["SQLDATE"], meeting["MonthYear"], meeting["Year"]) == (20250401, 202504, 2025)
    strike = next(r for r in cir.to_gdelt() if r["EventCode"] == "190")
    assert (strike["SQLDATE"], strike["MonthYear"], strike["Year"]) == (None, 202506, 2025)


def test_a_person_stands_for_the_country_of_their_roles() -> None:
    visit = next(r for r in cir.to_gdelt() if r["GLOBALEVENTID"] == "event:2023-raisi-visit-to-cuba")
    assert (visit["Actor1Name"], visit["Actor1CountryCode"]) == ("Ebrahim Raisi", "IRN")
    assert (visit["Actor2Name"], visit["Actor2CountryCode"]) == ("Cuba", "CUB")


def test_export_gdelt_writes_a_csv_that_stacks_with_gdelt_rows(tmp_path: Path) -> None:
    import pandas as pd

    out = io.StringIO()
    assert main(["export", str(tmp_path), "--format", "gdelt"], out=out) == 0
    path = tmp_path / "events-gdelt.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == tuple(cir.to_gdelt()[0])
    assert [row["GLOBALEVENTID"] for row in rows] == [row["GLOBALEVENTID"] for row in cir.to_gdelt()]
    ours = pd.read_csv(path, dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    gdelt_like = pd.DataFrame(
        {"GLOBALEVENTID": ["1"], "SQLDATE": [20250401], "Actor1CountryCode": ["CUB"], "EventCode": ["040"]}
    )
    stacked = pd.concat([gdelt_like, ours], ignore_index=True)
    assert set(stacked.loc[stacked["SQLDATE"] == 20250401, "EventCode"]) == {"010", "0311", "040", "111"}
    assert len(stacked) == len(rows) + 1


def _dataset_with(*events: cir.Event) -> cir.Dataset:
    data = cir.dataset()
    return cir.Dataset(
        sources=data.sources(),
        countries=data.countries(),
        organizations=data.organizations(),
        places=data.places(),
        people=data.people(),
        events=events,
    )


def test_gdelt_actors_from_organizations_people_and_a_single_country() -> None:
    base = cir.get("event:2025-04-01-havana-foreign-ministry-meeting")
    assert isinstance(base, cir.Event)

    def with_roles(name: str, actors: tuple[str, ...], targets: tuple[str, ...] = ()) -> cir.Event:
        return attrs.evolve(base, id=f"event:{name}", participants=actors + targets, actors=actors, targets=targets)

    ministry = with_roles("ministry", ("org:cuba-ministry-of-foreign-affairs",), ("country:ir",))
    alone = with_roles("alone", ("country:cu",))
    joint = with_roles("joint", ("person:bruno-rodriguez", "country:cu"))
    aimed = with_roles("aimed", ("country:cu", "country:ir"), ("country:us",))
    passive = attrs.evolve(base, id="event:passive", participants=("country:cu", "country:ir"), actors=(), targets=())
    unaffiliated = with_roles("unaffiliated", ("org:christian-science-monitor",), ("country:cu",))
    rows = {
        r["GLOBALEVENTID"]: r for r in _dataset_with(ministry, alone, joint, aimed, passive, unaffiliated).to_gdelt()
    }
    assert (rows["event:ministry"]["Actor1CountryCode"], rows["event:ministry"]["Actor2CountryCode"]) == ("CUB", "IRN")
    assert (rows["event:alone"]["Actor1Name"], rows["event:alone"]["Actor2Name"]) == ("Cuba", "")
    # a joint act: its second actor is Actor2, as GDELT's second (reversed) row would have it
    assert (rows["event:joint"]["Actor1Name"], rows["event:joint"]["Actor2Name"]) == ("Bruno Rodríguez", "Cuba")
    # an act aimed at someone: the target is Actor2, whatever other actors there are
    assert (rows["event:aimed"]["Actor1Name"], rows["event:aimed"]["Actor2Name"]) == ("Cuba", "United States")
    # where the source names no actor (a passive sentence), participants are never made actors
    assert rows["event:passive"]["Actor1Name"] == rows["event:passive"]["Actor2Name"] == ""
    assert rows["event:unaffiliated"]["Actor1CountryCode"] == ""
    assert rows["event:unaffiliated"]["Actor2CountryCode"] == "CUB"


def test_cameo_code_records_refuse_inconsistent_values() -> None:
    good = cir.cameo_code("057")
    with pytest.raises(ValueError, match="root_code: got '04'"):
        attrs.evolve(good, root_code="04")
    with pytest.raises(ValueError, match="quad_class"):
        attrs.evolve(good, quad_class=5)
    with pytest.raises(ValueError, match="goldstein"):
        attrs.evolve(good, goldstein=11.0)
    with pytest.raises(TypeError):
        attrs.evolve(good, goldstein="8.0")  # type: ignore[arg-type]
