"""Partial dates: EDTF (levels 0-1) parsing and formatting, strict bounds, and the date arguments of queries.

The package parses EDTF itself rather than depending on the ``edtf`` package: runtime dependencies are limited
to attrs and cattrs, and only a small, fixed subset of EDTF is used here. The tests check every bound against
``edtf`` as an independent oracle.
"""

import enum
import functools
import re
from datetime import date, datetime
from typing import TypeAlias

import attrs

__all__ = ["DateLike", "PartialDate", "Precision", "as_ordinals", "as_span"]


class Precision(enum.IntEnum):
    """How much of a date the source gives; larger is coarser."""

    DAY = 1
    MONTH = 2
    YEAR = 3

    def __str__(self) -> str:
        return self.name.lower()


# One EDTF date: a year (its last digits may be unspecified, "201X", "19XX"), optionally a month and a day
# (either may be "XX"), and optionally one trailing qualifier: "?" uncertain, "~" approximate, "%" both.
_DATE_RE = re.compile(
    r"(?P<year>\d{4}|\d{3}X|\d{2}XX)(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?(?P<qualifier>[?~%])?",
    re.ASCII,  # EDTF digits are 0-9 only; without this, \d also matches other scripts' digits ("٢٠٠٦")
)
_OPEN = ".."
ACCEPTED_EDTF = (
    "an EDTF level 0-1 date such as '2006', '2006-01', '2025-04-01', '2023~', '2006?', '201X', '2006-XX', "
    "or an interval such as '1975/1976' or '1979/..'"
)
ACCEPTED_BOUND = (
    "a datetime.date, a datetime.datetime, a PartialDate, an int year (1-9999), "
    "or a string 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'"
)


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]``, without importing calendar (about 3 ms at first query)."""
    return 29 if month == 2 and _is_leap(year) else _DAYS_IN_MONTH[month]


def _parse_one(text: str, whole: str) -> tuple[date, date, Precision, str | None]:
    """Return the strict bounds, precision and qualifier of one EDTF date (not an interval).

    ``whole`` is the full string given (the interval, for one of its ends): error messages name it.
    """
    match = _DATE_RE.fullmatch(text)
    if match is None:
        raise ValueError(f"edtf: got {whole!r}; expected {ACCEPTED_EDTF}")
    year, month, day, qualifier = match.groups()
    if month == "XX" and day not in (None, "XX"):
        raise ValueError(f"edtf: got {whole!r}; a day cannot be given when the month is unspecified ('XX')")
    if "X" not in year:
        year_lo = year_hi = int(year)
    elif month is None:
        year_lo, year_hi = int(year.replace("X", "0")), int(year.replace("X", "9"))
    else:
        raise ValueError(f"edtf: got {whole!r}; a year with unspecified digits takes no month or day (EDTF level 2)")
    if year_lo < 1:
        raise ValueError(f"edtf: got {whole!r}; years before 0001 cannot be represented")
    # Precision is that of the finest component given: "2006-XX" is known to the year, "2006-01-XX" to the month.
    if month is None or month == "XX":
        return date(year_lo, 1, 1), date(year_hi, 12, 31), Precision.YEAR, qualifier
    month_lo = month_hi = int(month)
    if not 1 <= month_lo <= 12:
        raise ValueError(f"edtf: got {whole!r}; month {month} is not between 01 and 12")
    last_day = _days_in_month(year_hi, month_hi)
    if day is None or day == "XX":
        return date(year_lo, month_lo, 1), date(year_hi, month_hi, last_day), Precision.MONTH, qualifier
    day_no = int(day)
    if not 1 <= day_no <= last_day:
        raise ValueError(f"edtf: got {whole!r}; {year}-{month} has no day {day}")
    exact = date(year_lo, month_lo, day_no)
    return exact, exact, Precision.DAY, qualifier


def _parse(text: str) -> tuple[date, date, Precision]:
    """Return the strict bounds and precision of an EDTF date or interval."""
    if not isinstance(text, str):
        raise TypeError(f"edtf: got {type(text).__name__} {text!r}; expected a str, {ACCEPTED_EDTF}")
    if "/" not in text:
        earliest, latest, precision, _ = _parse_one(text, text)
        return earliest, latest, precision
    start_text, _, end_text = text.partition("/")
    if start_text == _OPEN and end_text == _OPEN:
        raise ValueError(f"edtf: got {text!r}; an interval needs at least one known end")
    if start_text == _OPEN:
        _, latest, precision, _ = _parse_one(end_text, text)
        return date.min, latest, precision
    earliest, _, precision, _ = _parse_one(start_text, text)
    if end_text == _OPEN:
        return earliest, date.max, precision
    _, latest, end_precision, _ = _parse_one(end_text, text)
    # Ends of different precision may overlap ("2006/2006-06": from some time in 2006 to June 2006); only a
    # start that must fall after the end is impossible.
    if earliest > latest:
        raise ValueError(f"edtf: got {text!r}; the interval's start is after its end")
    return earliest, latest, max(precision, end_precision)


def _check_phrase(instance: object, attribute: "attrs.Attribute[str | None]", value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ValueError(f"phrase: got {value!r}; expected None or a non-empty string")


@attrs.frozen(repr=False, order=False)
class PartialDate:
    """A date known to year, month or day precision, possibly approximate, uncertain or an interval.

    ``edtf`` is its Extended Date/Time Format string (``"2006"``, ``"2023~"``, ``"1979/.."``); ``phrase`` keeps a
    source's relative wording ("Two years ago") beside the resolved date. ``earliest`` and ``latest`` are the
    strict bounds: qualifiers are kept in ``edtf`` but do not widen them; an open end is ``date.min``/``date.max``.
    """

    edtf: str
    phrase: str | None = attrs.field(default=None, validator=_check_phrase)
    earliest: date = attrs.field(init=False, eq=False, hash=False)
    latest: date = attrs.field(init=False, eq=False, hash=False)
    precision: Precision = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        earliest, latest, precision = _parse(self.edtf)
        object.__setattr__(self, "earliest", earliest)
        object.__setattr__(self, "latest", latest)
        object.__setattr__(self, "precision", precision)

    @property
    def is_interval(self) -> bool:
        """Whether this is an interval (``1975/1976``, ``1979/..``) rather than a single date."""
        return "/" in self.edtf

    @property
    def open_start(self) -> bool:
        """Whether the start is open (``../1979``): ``earliest`` is then ``date.min``, standing for no bound."""
        return self.edtf.startswith(_OPEN + "/")

    @property
    def open_end(self) -> bool:
        """Whether the end is open (``1979/..``): ``latest`` is then ``date.max``, standing for no bound."""
        return self.edtf.endswith("/" + _OPEN)

    @property
    def approximate(self) -> bool:
        """Whether any part is marked approximate (``~`` or ``%``)."""
        return "~" in self.edtf or "%" in self.edtf

    @property
    def uncertain(self) -> bool:
        """Whether any part is marked uncertain (``?`` or ``%``)."""
        return "?" in self.edtf or "%" in self.edtf

    @property
    def sort_key(self) -> tuple[date, date]:
        """Chronological order: earliest bound, then latest."""
        return (self.earliest, self.latest)

    def __str__(self) -> str:
        return self.edtf if self.phrase is None else f"{self.edtf} ({self.phrase})"

    def __repr__(self) -> str:
        if self.phrase is None:
            return f"PartialDate({self.edtf!r})"
        return f"PartialDate({self.edtf!r}, phrase={self.phrase!r})"


DateLike: TypeAlias = date | datetime | PartialDate | int | str
"""What a query accepts as a date: see ``as_span``."""

_toordinal = date.toordinal
_fromordinal = date.fromordinal
_fromisoformat = date.fromisoformat


def as_span(value: object, argument: str) -> tuple[date, date]:
    """Return the first and last day that a query's date argument covers; a partial bound covers its whole span.

    Raises ``TypeError`` for a value of the wrong type and ``ValueError`` for a malformed or impossible one,
    each naming ``argument``, the value received and what is accepted.
    """
    if isinstance(value, str):
        first, last = _ordinals_of_text(value, argument)
        return _fromordinal(first), _fromordinal(last)
    if isinstance(value, datetime):
        return value.date(), value.date()
    if isinstance(value, date):
        return value, value
    if isinstance(value, PartialDate):
        return value.earliest, value.latest
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= 9999:
            raise ValueError(f"{argument}: got {value!r}; an int year must be between 1 and 9999")
        return date(value, 1, 1), date(value, 12, 31)
    raise TypeError(f"{argument}: got {type(value).__name__} {value!r:.80}; expected {ACCEPTED_BOUND}")


def as_ordinals(value: object, argument: str) -> tuple[int, int]:
    """``as_span`` as day ordinals (``date.toordinal``), the form the indexes use; strings are read as ordinals."""
    if type(value) is str:
        return _ordinals_of_text(value, argument)
    first, last = as_span(value, argument)
    return _toordinal(first), _toordinal(last)


def _ordinals_of_text(value: str, argument: str) -> tuple[int, int]:
    """The first and last day of a string bound "YYYY", "YYYY-MM" or "YYYY-MM-DD", as day ordinals.

    Well-formed bounds are read by ``date.fromisoformat`` (in C); anything else, every malformed string
    included, by the pattern, which says what is wrong. The hyphens are checked first, as fromisoformat also
    reads ISO week dates ("2006-W01-1"), and ASCII, as the pattern's digits are 0-9 only.
    """
    size = len(value)
    if value.isascii():
        try:
            if size == 10 and value[4] == "-" and value[7] == "-":
                day = _toordinal(_fromisoformat(value))
                return day, day
            if size == 7 and value[4] == "-":
                first = _fromisoformat(value + "-01")
                first_day = _toordinal(first)
                return first_day, first_day + _days_in_month(first.year, first.month) - 1
            if size == 4:
                first_day = _toordinal(_fromisoformat(value + "-01-01"))
                return first_day, first_day + (365 if _is_leap(int(value)) else 364)
        except ValueError:
            pass
    match = _bound_pattern().fullmatch(value)
    if match is None:
        raise ValueError(f"{argument}: got {value!r:.80}; expected {ACCEPTED_BOUND}")
    year_text, month_text, day_text = match.groups()
    if int(year_text) < 1:
        raise ValueError(f"{argument}: got {value!r}; years before 0001 cannot be represented")
    if month_text is not None and not 1 <= int(month_text) <= 12:
        raise ValueError(f"{argument}: got {value!r}; month {month_text} is not between 01 and 12")
    # Only an impossible day is left: every other well-formed bound was read above.
    raise ValueError(f"{argument}: got {value!r}; {year_text}-{month_text} has no day {day_text}")


@functools.cache
def _bound_pattern() -> re.Pattern[str]:
    """The pattern of a string bound, compiled when a malformed one first needs it said what is wrong."""
    return re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
