"""Records in words, for people rather than programs: dates, vocabulary terms, attribute labels and record names.

The reader site, the notebook tables, the terminal text and the command line all say things the same way
through these functions. They read records by their attributes and their id's kind prefix only, so that the
display code that records themselves call (``_display``) can use them without importing the models.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

from ._dates import PartialDate

__all__ = ["attribute_label", "date_words", "name_of", "reported_in", "term_words"]

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# Attribute names in words, where ``name.replace("_", " ").capitalize()`` would not do; "prefix.name" keys are
# for one kind of record only.
_LABELS = {
    "actors": "Who acted",
    "aliases": "Also written",
    "alpha2": "ISO 3166-1 alpha-2 code",
    "alpha3": "ISO 3166-1 alpha-3 code",
    "attributed_to": "Claimed by",
    "cameo": "CAMEO event code",
    "date_line": "Date on its first line",
    "direct": "The speakers' own words",
    "event": "The event it voices",
    "fact.attribution": "Who claims it, in the source's words",
    "fields": "Fields of cooperation",
    "location": "Where",
    "money": "Amount",
    "numeric": "ISO 3166-1 numeric code",
    "participants": "Taking part",
    "reported_as": "Reported as",
    "sha256": "SHA-256 of the text file",
    "signed": "Signed or granted",
    "signing_event": "Signed at",
    "speakers": "Who said it",
    "stated_count": "Number the source states",
    "statement": "Its words",
    "statement.targets": "About",
    "targets": "Aimed at",
    "url": "Address",
}


def attribute_label(prefix: str, name: str) -> str:
    """An attribute's name in words for a record of the kind ``prefix``: ``targets`` is "Aimed at"."""
    return _LABELS.get(f"{prefix}.{name}") or _LABELS.get(name) or name.replace("_", " ").capitalize()


def term_words(value: enum.Enum) -> str:
    """A vocabulary term in words: ``EventKind.AGREEMENT_SIGNING`` is "agreement signing"."""
    return str(value.value).replace("_", " ")


def _day(day: date, precision: str) -> str:
    if precision == "day":
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{_MONTHS[day.month - 1]} {day.year}"


def _one_date(edtf: str) -> str:
    """One EDTF date (not an interval) in words: "1 April 2025", "January 2006", "about 2023", "2010–2019"."""
    when = PartialDate(edtf)
    precision = str(when.precision)
    if precision != "year":
        words = _day(when.earliest, precision)
    elif when.earliest.year == when.latest.year:
        words = str(when.earliest.year)
    else:  # unspecified digits: "201X"
        words = f"{when.earliest.year}–{when.latest.year}"
    if when.approximate:
        words = "about " + words
    return words + " (uncertain)" if when.uncertain else words


def date_words(when: PartialDate) -> str:
    """A date in words: ``2025-04-01`` "1 April 2025", ``1975/1976`` "1975 to 1976", ``../1979`` "on or before
    1979", ``1979/..`` "1979 or later"."""
    if not when.is_interval:
        return _one_date(when.edtf)
    start, end = when.edtf.split("/")
    if start == "..":
        return f"on or before {_one_date(end)}"
    if end == "..":
        return f"{_one_date(start)} or later"
    return f"{_one_date(start)} to {_one_date(end)}"


def name_of(record: Any) -> str:
    """What a record is called in a list, a table or a link: its name, title, summary, description or text; a
    period of relations by its status and dates, a statement in the speakers' words within quotation marks."""
    prefix = record.id.partition(":")[0]
    if prefix == "relations":
        until = f" to {date_words(record.end)}" if record.end else " on"
        return f"Relations {term_words(record.status)} from {date_words(record.start)}{until}"
    if prefix == "statement" and record.direct:
        return f"“{record.text}”"
    for attribute in ("name", "title", "summary", "description", "text"):
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            return value
    return str(record.id)  # a record of a kind with none of the attributes above


def reported_in(source: Any) -> str:
    """The source a relative phrase ("two years ago") counts from, in words: "a news report of 1 April 2025", by
    the date it was published or the date on its first line; "the encyclopedia article “Cuba–Iran relations”"
    where it gives neither."""
    dated = source.published or source.date_line
    if dated is None:
        return f"the {source.kind} “{source.title}”"
    article = "an" if source.kind[:1].lower() in "aeiou" else "a"
    return f"{article} {source.kind} of {date_words(dated)}"
