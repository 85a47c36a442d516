"""Events as rows with GDELT 1.0/2.0 event-table column names, so they can be stacked or merged with GDELT rows.

Which columns are filled, and how:

- ``GLOBALEVENTID``: the package's record id (``event:...``), not a GDELT number, so rows never collide with
  GDELT's own ids.
- ``SQLDATE`` (``YYYYMMDD``), ``MonthYear`` (``YYYYMM``), ``Year``: filled only as far as the event's date pins
  them down: a day-precision date fills all three, a month fills ``MonthYear`` and ``Year``, a year fills
  ``Year``; an interval spanning years fills none. ``date_edtf`` keeps the full date.
- ``Actor1Name``/``Actor1CountryCode`` and ``Actor2Name``/``Actor2CountryCode``, from the event's roles: Actor1 is
  its first actor (``actors``), Actor2 its first target (``targets``); a joint act with no target (two countries
  signing, two ministers meeting), which GDELT would code as two rows with the actors reversed, keeps one row with
  Actor2 its second actor. Where the source names no actor (a passive sentence: relations "were interrupted"),
  Actor1 is left empty: ``participants`` (whose relations they were) are never made actors. Country codes are
  3-letter CAMEO country codes, which for the countries here are their ISO 3166-1 alpha-3 codes from the data
  (``CUB``, ``IRN``, ``USA``, ``ISR``). A person's country is that of their roles when the roles name exactly one;
  an organization's is its ``country``.
- ``EventCode``, ``EventBaseCode`` (the three-digit code), ``EventRootCode``, ``QuadClass``, ``GoldsteinScale``:
  from the event's CAMEO code and GDELT's CAMEO lookups (see ``_cameo``).
- ``ActionGeo_FullName``: the name of the event's location. ``ActionGeo_CountryCode`` is left empty: GDELT
  fills it with FIPS 10-4 codes, which the data does not hold (and which differ from ISO codes, e.g. Israel).
- ``SOURCEURL``: the URL of the first cited source, where the source has one.
- ``summary`` and ``date_edtf`` are this package's additions, after the GDELT columns.

GDELT's other columns (mentions, tone, actor types, geo coordinates) have no counterpart in the data and are
not written. Events without a CAMEO code are left out: a GDELT row always has one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._dates import Precision
from ._models import Country, Event, Organization, Person

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["GDELT_COLUMNS", "to_gdelt"]

GDELT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Name",
    "Actor2CountryCode",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "SOURCEURL",
    "summary",
    "date_edtf",
)


def _country_of(record: object, data: Dataset) -> Country | None:
    """The country a participant stands for: itself, an organization's country, a person's one role country."""
    if isinstance(record, Country):
        return record
    country_id: str | None = None
    if isinstance(record, Organization):
        country_id = record.country
    elif isinstance(record, Person):
        countries = {role.country for role in record.roles if role.country is not None}
        country_id = countries.pop() if len(countries) == 1 else None
    found = data.get(country_id) if country_id is not None else None
    return found if isinstance(found, Country) else None


def _actors(event: Event, data: Dataset) -> tuple[tuple[str, str], tuple[str, str]]:
    """(name, country code) of Actor1 and Actor2, by the rule in this module's documentation; empty strings where
    there is none."""
    first = event.actors[:1]
    second = event.targets[:1] or event.actors[1:2]
    return _actor(first, data), _actor(second, data)


def _actor(ids: tuple[str, ...], data: Dataset) -> tuple[str, str]:
    if not ids:
        return "", ""
    record = data.get(ids[0])
    country = _country_of(record, data)
    return str(getattr(record, "name", "")), country.alpha3 if country else ""


def _row(event: Event, data: Dataset) -> dict[str, Any]:
    when = event.date
    single_year = not when.is_interval and when.earliest.year == when.latest.year
    single_month = single_year and when.precision <= Precision.MONTH
    single_day = single_month and when.precision is Precision.DAY and when.earliest == when.latest
    (name1, code1), (name2, code2) = _actors(event, data)
    location = data.get(event.location) if event.location is not None else None
    first_source = data.get(event.citations[0].source_id)
    assert event.cameo is not None
    return {
        "GLOBALEVENTID": event.id,
        "SQLDATE": int(when.earliest.strftime("%Y%m%d")) if single_day else None,
        "MonthYear": when.earliest.year * 100 + when.earliest.month if single_month else None,
        "Year": when.earliest.year if single_year else None,
        "Actor1Name": name1,
        "Actor1CountryCode": code1,
        "Actor2Name": name2,
        "Actor2CountryCode": code2,
        "EventCode": event.cameo,
        "EventBaseCode": event.cameo[:3],
        "EventRootCode": event.cameo_root_code,
        "QuadClass": event.quad_class,
        "GoldsteinScale": event.goldstein,
        "ActionGeo_FullName": getattr(location, "name", ""),
        "ActionGeo_CountryCode": "",
        "SOURCEURL": getattr(first_source, "url", None) or "",
        "summary": event.summary,
        "date_edtf": when.edtf,
    }


def to_gdelt(data: Dataset) -> list[dict[str, Any]]:
    """Every event of ``data`` with a CAMEO code as a dict keyed by GDELT event-table column names,
    chronologically. See this module's documentation for which columns are filled and how."""
    return [_row(event, data) for event in data.events() if event.cameo is not None]
